package schema

import (
	"github.com/graphql-go/graphql"

	"passerelles"
	"passerelles/resolvers"
)

func (b *builder) levelType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Level",
		Description: "One step of a framework's level scale (Pix 1–8, e-CF e-1…e-5).",
		Fields: graphql.Fields{
			"value": prop(nonNull(graphql.Int), "Position on the scale, from 1: what declarations store.",
				func(l passerelles.Level) any { return l.Value }),
			"code": prop(nonNull(graphql.String), "What people read: \"3\" for Pix, \"e-3\" for e-CF.",
				func(l passerelles.Level) any { return l.Code }),
			"label": prop(nonNull(graphql.String), "Name of the level (for instance « Indépendant »).",
				func(l passerelles.Level) any { return l.Label }),
			"description": prop(nonNull(graphql.String), "What a person at this level can do.",
				func(l passerelles.Level) any { return l.Description }),
		},
	})
}

func (b *builder) domainType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Domain",
		Description: "A group of skills of a framework (a Pix domain, an e-CF area).",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"code": prop(nonNull(graphql.String), "Code of the domain within its framework (\"1\", \"A\").",
					func(d *passerelles.Domain) any { return d.Code }),
				"name": prop(nonNull(graphql.String), "Name of the domain.",
					func(d *passerelles.Domain) any { return d.Name }),
				"skills": {Type: nonNull(b.connection(b.skill)), Description: "The skills of the domain, in referential order.",
					Args: pageArgs(nil), Resolve: b.r.DomainSkills},
			}
		}),
	})
}

func (b *builder) frameworkType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Framework",
		Description: "A skills referential with its level scale: Pix for the digital literacy of every agent, e-CF for the digital professions.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id": prop(nonNull(graphql.ID), "Identifier of the framework.",
					func(f *passerelles.Framework) any { return resolvers.ID(f.ID) }),
				"code": prop(nonNull(graphql.String), "Stable code (\"pix\", \"ecf\").",
					func(f *passerelles.Framework) any { return f.Code }),
				"name": prop(nonNull(graphql.String), "Name of the framework.",
					func(f *passerelles.Framework) any { return f.Name }),
				"description": prop(nonNull(graphql.String), "What the framework covers.",
					func(f *passerelles.Framework) any { return f.Description }),
				"levels": prop(listOf(b.level), "The level scale, lowest first.",
					func(f *passerelles.Framework) any { return f.Levels }),
				"domains": {Type: listOf(b.domain), Description: "The domains of the framework, in referential order.",
					Resolve: b.r.FrameworkDomains},
				"skills": {Type: nonNull(b.connection(b.skill)), Description: "The skills of the framework, in referential order.",
					Args: pageArgs(graphql.FieldConfigArgument{
						"domain": &graphql.ArgumentConfig{Type: graphql.String, Description: "Only the skills of the domain with this code."},
					}), Resolve: b.r.FrameworkSkills},
			}
		}),
	})
}
