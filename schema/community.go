package schema

import (
	"github.com/graphql-go/graphql"

	"passerelles"
	"passerelles/resolvers"
)

func (b *builder) communityType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Community",
		Description: "A community of practice: agents who develop a set of skills together.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id":          prop(nonNull(graphql.ID), "Identifier of the community.", func(c *passerelles.Community) any { return resolvers.ID(c.ID) }),
				"code":        prop(nonNull(graphql.String), "Stable code (\"data\").", func(c *passerelles.Community) any { return c.Code }),
				"name":        prop(nonNull(graphql.String), "Name of the community.", func(c *passerelles.Community) any { return c.Name }),
				"description": prop(nonNull(graphql.String), "What the community does.", func(c *passerelles.Community) any { return c.Description }),
				"memberCount": prop(nonNull(graphql.Int), "How many agents belong to it.", func(c *passerelles.Community) any { return c.MemberCount }),
				"skills": {Type: listOf(b.skill), Description: "The skills the community develops.",
					Resolve: b.r.CommunitySkills},
				"members": {Type: nonNull(b.connection(b.profile)), Description: "Members whose profile the viewer may see, animators first (sign-in required).",
					Args: pageArgs(nil), Resolve: b.r.CommunityMembers},
			}
		}),
	})
}
