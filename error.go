// Package passerelles is the domain of Passerelles: the skills, roles, career paths and
// communities of the digital career track of the French social ministries. It holds the
// domain types, their validation rules and the service interfaces that the store implements.
// It imports no infrastructure.
package passerelles

import (
	"errors"
	"fmt"
)

// Error codes. The edges (GraphQL, HTTP) turn them into extensions.code and statuses.
const (
	EUNAUTHENTICATED = "UNAUTHENTICATED"
	EFORBIDDEN       = "FORBIDDEN"
	ENOTFOUND        = "NOT_FOUND"
	EINVALID         = "INVALID_INPUT"
	ECONFLICT        = "CONFLICT"
	EINTERNAL        = "INTERNAL"
)

// Error is a domain error: a code for programs and a message for people.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("passerelles error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns a domain error with the given code and formatted message.
func Errorf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first domain error in err's chain, EINTERNAL for any
// other non-nil error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first domain error in err's chain. Other errors
// get a generic message, so that no internal detail reaches a person.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Erreur interne."
}
