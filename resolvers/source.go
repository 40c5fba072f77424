package resolvers

import (
	"fmt"

	"github.com/graphql-go/graphql"
)

// Source returns the parent value of the field being resolved as a T. A parent of another
// type is a bug of the schema's wiring, not of the request: instead of panicking, Source
// answers an error outside the domain's codes, which the GraphQL handler logs with the
// request id and reports as INTERNAL without its text. Every resolver reads its parent
// through Source; TestNoUncheckedTypeAssertions keeps it so.
func Source[T any](p graphql.ResolveParams) (T, error) {
	s, ok := p.Source.(T)
	if !ok {
		var zero T
		field := p.Info.FieldName
		if p.Info.ParentType != nil {
			field = p.Info.ParentType.Name() + "." + field
		}
		return zero, fmt.Errorf("resolvers: %s resolved on a %T, want a %T", field, p.Source, zero)
	}
	return s, nil
}
