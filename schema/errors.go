package schema

import (
	"github.com/graphql-go/graphql/gqlerrors"
)

// OriginalError digs the error a resolver returned out of graphql-go's wrappers
// (FormattedError → *gqlerrors.Error → the resolver's error), which do not implement
// Unwrap. It returns nil for errors that no resolver raised (syntax, validation, variable
// coercion).
func OriginalError(fe gqlerrors.FormattedError) error {
	err := fe.OriginalError()
	for err != nil {
		ge, ok := err.(*gqlerrors.Error)
		if !ok {
			return err
		}
		err = ge.OriginalError
	}
	return nil
}
