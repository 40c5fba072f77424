package schema

import (
	"github.com/graphql-go/graphql"

	"passerelles"
	"passerelles/resolvers"
)

func (b *builder) skillType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Skill",
		Description: "A competence of a framework (Pix \"1.1\", e-CF \"B.1\", or one an administrator added).",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id": prop(nonNull(graphql.ID), "Identifier of the skill.",
					func(s *passerelles.Skill) any { return resolvers.ID(s.ID) }),
				"code": prop(nonNull(graphql.String), "Code of the skill within its framework.",
					func(s *passerelles.Skill) any { return s.Code }),
				"name": prop(nonNull(graphql.String), "French label, exactly as the referential words it.",
					func(s *passerelles.Skill) any { return s.Name }),
				"nameEn": prop(graphql.String, "English label, when the referential has one (e-CF).",
					func(s *passerelles.Skill) any { return optional(s.NameEn) }),
				"description": prop(nonNull(graphql.String), "What the skill covers.",
					func(s *passerelles.Skill) any { return s.Description }),
				"framework": {Type: nonNull(b.framework), Description: "The framework the skill belongs to.",
					Resolve: b.r.SkillFramework},
				"domain": {Type: nonNull(b.domain), Description: "The domain of the framework the skill belongs to.",
					Resolve: b.r.SkillDomain},
				"levels": {Type: listOf(b.level), Description: "The levels of the scale at which the referential defines this skill (e-CF defines each competence at some levels only).",
					Resolve: b.r.SkillLevels},
			}
		}),
	})
}
