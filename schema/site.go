package schema

import (
	"github.com/graphql-go/graphql"

	"passerelles"
)

func (b *builder) siteType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Site",
		Description: "The service itself, as its configuration describes it.",
		Fields: graphql.Fields{
			"contactEmail": prop(nonNull(graphql.String), "Where people write about the service, their personal data or its accessibility (PASSERELLES_CONTACT_EMAIL).",
				func(s *passerelles.Site) any { return s.ContactEmail }),
		},
	})
}
