package schema

import (
	"github.com/graphql-go/graphql/gqlerrors"
)

// OriginalError digs the error a resolver returned out of graphql-go's wrappers
// (FormattedError → *gqlerrors.Error → the resolver's error; a thunk's error comes wrapped
// once more in a FormattedError), which do not implement Unwrap. It returns nil for errors
// that no resolver raised (syntax, validation, variable coercion).
func OriginalError(fe gqlerrors.FormattedError) error {
	err := fe.OriginalError()
	for err != nil {
		switch e := err.(type) {
		case *gqlerrors.Error:
			err = e.OriginalError
		case gqlerrors.FormattedError:
			err = e.OriginalError()
		default:
			return err
		}
	}
	return nil
}
