package schema

import (
	"github.com/graphql-go/graphql"

	"passerelles"
	"passerelles/resolvers"
)

func roleFamilyEnum() *graphql.Enum {
	return graphql.NewEnum(graphql.EnumConfig{
		Name:        "RoleFamily",
		Description: "Whether a role is a business role (« métier ») or a digital role (« numérique »).",
		Values: graphql.EnumValueConfigMap{
			"BUSINESS": {Value: string(passerelles.RoleFamilyBusiness), Description: "A business role of the ministries (« métier »)."},
			"DIGITAL":  {Value: string(passerelles.RoleFamilyDigital), Description: "A digital role (« numérique »)."},
		},
	})
}

func (b *builder) requiredSkillType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "RequiredSkill",
		Description: "A skill a role needs, at a target level.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"skill": {Type: nonNull(b.skill), Description: "The skill.", Resolve: b.r.RequiredSkillSkill},
				"level": {Type: nonNull(b.level), Description: "The target level, on the skill's framework scale.", Resolve: b.r.RequiredSkillLevel},
				"weight": prop(nonNull(graphql.Int), "How much the skill matters to the role: 1 useful, 2 important, 3 essential.",
					func(rs passerelles.RequiredSkill) any { return rs.Weight }),
			}
		}),
	})
}

func (b *builder) roleType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Role",
		Description: "A role of the ministries (« métier »), business or digital, with the skills it requires.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return b.extend("Role", graphql.Fields{
				"id": prop(nonNull(graphql.ID), "Identifier of the role.",
					func(r *passerelles.Role) any { return resolvers.ID(r.ID) }),
				"code": prop(nonNull(graphql.String), "Stable code (\"B01\", \"D03\").",
					func(r *passerelles.Role) any { return r.Code }),
				"title": prop(nonNull(graphql.String), "Title of the role.",
					func(r *passerelles.Role) any { return r.Title }),
				"family": prop(nonNull(b.roleFamily), "Business or digital.",
					func(r *passerelles.Role) any { return string(r.Family) }),
				"description": prop(nonNull(graphql.String), "What the role does.",
					func(r *passerelles.Role) any { return r.Description }),
				"romeCode": prop(graphql.String, "Code of the role in France Travail's ROME referential, when known.",
					func(r *passerelles.Role) any { return optional(r.RomeCode) }),
				"requiredSkills": prop(listOf(b.required), "The skills the role requires, most essential first.",
					func(r *passerelles.Role) any { return r.RequiredSkills }),
				"retired": prop(nonNull(graphql.Boolean), "Whether an administrator retired the role (« métier retiré »): kept for the agents who hold it, target it or held it, left out of closest roles, paths and new targets.",
					func(r *passerelles.Role) any { return r.Retired() }),
				"retiredAt": prop(graphql.String, "When it was retired (RFC 3339), null while in use.",
					func(r *passerelles.Role) any { return resolvers.FormatTime(r.RetiredAt) }),
				"transitionsFrom": {Type: listOf(b.transition), Description: "The career paths that leave this role (none retired, none to a retired role).",
					Resolve: b.r.RoleTransitionsFrom},
				"transitionsTo": {Type: listOf(b.transition), Description: "The career paths that lead to this role (none retired, none from a retired role).",
					Resolve: b.r.RoleTransitionsTo},
			})
		}),
	})
}
