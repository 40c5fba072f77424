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
	// Field is the path, in the names of the API's input, of the input field the error
	// concerns: "bio", "level", "evidence.0.obtainedOn" (list items by their index from 0).
	// The GraphQL handler gives it as extensions.field, so that a form shows the message
	// under that field. "" when the error concerns no one field.
	Field string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("passerelles error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns a domain error with the given code and formatted message.
func Errorf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// WithField returns err as the error of the input field path: a domain error gets path as
// its Field, or path joined before the Field it already has, so that a caller that
// validates a part of an input (an evidence of a declaration) prefixes the part's own
// paths with where the part sits ("evidence.2" before "obtainedOn"). The domain error is
// copied, never changed in place. nil stays nil; other errors, internal ones included,
// are returned as they are: only a domain error is about what the person typed.
func WithField(path string, err error) error {
	e, ok := err.(*Error)
	if !ok || path == "" {
		return err
	}
	c := *e
	if c.Field == "" {
		c.Field = path
	} else {
		c.Field = path + "." + c.Field
	}
	return &c
}

// ErrorField returns the Field of the first domain error in err's chain, or "".
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
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
