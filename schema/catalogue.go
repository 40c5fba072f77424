package schema

import (
	"fmt"

	"github.com/graphql-go/graphql"

	"passerelles"
)

// catalogueMutations adds the administration of the catalogue of roles and transitions:
// administrators only, each change recorded in the audit log. Roles and transitions are
// retired, never deleted (agents, past roles and paths keep pointing at them); a file
// import is POST /imports/catalogue.
func (b *builder) catalogueMutations(fields graphql.Fields) {
	in := func(name, description string, f graphql.InputObjectConfigFieldMap) graphql.FieldConfigArgument {
		return graphql.FieldConfigArgument{"input": &graphql.ArgumentConfig{Description: description,
			Type: nonNull(graphql.NewInputObject(graphql.InputObjectConfig{Name: name, Description: description, Fields: f}))}}
	}
	rolePayload := func(name string) *graphql.Object {
		return payload(name, "Result of "+name[:len(name)-len("Payload")]+".", map[string]*graphql.Field{
			"role": {Type: nonNull(b.role), Description: "The role after the change."}})
	}
	required := graphql.NewInputObject(graphql.InputObjectConfig{Name: "RequiredSkillInput",
		Description: "A skill a role requires, at a target level, with a weight.",
		Fields: graphql.InputObjectConfigFieldMap{
			"skillId": inputField(nonNull(graphql.ID), "The skill."),
			"level":   inputField(nonNull(graphql.Int), "The target level: a value of the skill's framework scale that the framework defines for this skill (e-CF defines some competences at some levels only)."),
			"weight": &graphql.InputObjectFieldConfig{Type: graphql.Int, DefaultValue: 1,
				Description: "How much the skill matters: 1 useful (the default), 2 important, 3 essential."},
		}})
	roleFields := func(code string) graphql.InputObjectConfigFieldMap {
		return graphql.InputObjectConfigFieldMap{
			"code":        inputField(nonNull(graphql.String), code),
			"title":       inputField(nonNull(graphql.String), "Title (200 characters at most), in the double form (« Chargé ou chargée d’études »)."),
			"family":      inputField(nonNull(b.roleFamily), "Business or digital."),
			"description": inputField(graphql.String, "What the role does (4 000 characters at most)."),
			"romeCode":    inputField(graphql.String, "Code in France Travail's ROME (a letter and four digits, M1805), when known."),
			"requiredSkills": inputField(graphql.NewList(nonNull(required)),
				fmt.Sprintf("The skills the role requires (%d at most), each once; the list replaces the role's.", passerelles.MaxRequiredSkills)),
		}
	}
	fields["createRole"] = &graphql.Field{Type: rolePayload("CreateRolePayload"),
		Description: "Adds a role to the catalogue (administrators; recorded in the audit log).",
		Args:        in("CreateRoleInput", "The role.", roleFields("Stable code, unique in the catalogue: letters, digits, dots, dashes (\"B17\"). It never changes afterwards.")),
		Resolve:     b.r.CreateRole}
	fields["updateRole"] = &graphql.Field{Type: rolePayload("UpdateRolePayload"),
		Description: "Replaces a role's title, family, description, ROME code and required skills (administrators; recorded). Its code stays: it is the role's key.",
		Args:        in("UpdateRoleInput", "The role, by code, and its fields.", roleFields("The code of the role to change.")),
		Resolve:     b.r.UpdateRole}
	codeOnly := func(name, what string) graphql.FieldConfigArgument {
		return in(name, what, graphql.InputObjectConfigFieldMap{"code": inputField(nonNull(graphql.String), "The role's code.")})
	}
	fields["retireRole"] = &graphql.Field{Type: rolePayload("RetireRolePayload"),
		Description: "Retires a role (administrators; recorded): the agents who hold it, target it or held it keep it, shown as « métier retiré »; it leaves closest roles, paths and new targets, and no new path may lead to or from it. Retiring a retired role changes nothing.",
		Args:        codeOnly("RetireRoleInput", "The role."), Resolve: b.r.RetireRole}
	fields["restoreRole"] = &graphql.Field{Type: rolePayload("RestoreRolePayload"),
		Description: "Brings a retired role back into use (administrators; recorded).",
		Args:        codeOnly("RestoreRoleInput", "The role."), Resolve: b.r.RestoreRole}

	transitionPayload := func(name string) *graphql.Object {
		return payload(name, "Result of "+name[:len(name)-len("Payload")]+".", map[string]*graphql.Field{
			"transition": {Type: nonNull(b.transition), Description: "The path after the change."}})
	}
	transitionFields := func(extra graphql.InputObjectConfigFieldMap) graphql.InputObjectConfigFieldMap {
		f := graphql.InputObjectConfigFieldMap{
			"kind": inputField(nonNull(b.transKind), "Close move or move that needs growth."),
			"typicalDurationMonths": &graphql.InputObjectFieldConfig{Type: graphql.Int, DefaultValue: 0,
				Description: "Typical time the move takes, in months, from 0 (unknown, the default) to 120."},
			"description": inputField(graphql.String, "What the move is (4 000 characters at most)."),
			"helps":       inputField(graphql.String, "What helps: trainings, communities, experience (4 000 characters at most)."),
		}
		for k, v := range extra {
			f[k] = v
		}
		return f
	}
	fields["createTransition"] = &graphql.Field{Type: transitionPayload("CreateTransitionPayload"),
		Description: "Adds a path from one role to another (administrators; recorded); not from or to a retired role, not twice between the same roles in the same direction.",
		Args: in("CreateTransitionInput", "The two roles and the path.", transitionFields(graphql.InputObjectConfigFieldMap{
			"fromRoleCode": inputField(nonNull(graphql.String), "Code of the role one leaves."),
			"toRoleCode":   inputField(nonNull(graphql.String), "Code of the role one reaches."),
		})), Resolve: b.r.CreateTransition}
	transitionID := inputField(nonNull(graphql.ID), "The path.")
	fields["updateTransition"] = &graphql.Field{Type: transitionPayload("UpdateTransitionPayload"),
		Description: "Replaces a path's kind, typical duration, description and what helps (administrators; recorded). Its two roles stay: another pair is another path.",
		Args:        in("UpdateTransitionInput", "The path and its fields.", transitionFields(graphql.InputObjectConfigFieldMap{"transitionId": transitionID})),
		Resolve:     b.r.UpdateTransition}
	fields["retireTransition"] = &graphql.Field{Type: transitionPayload("RetireTransitionPayload"),
		Description: "Retires a path (administrators; recorded): kept for history, it leaves paths and role pages. Paths are retired, never deleted.",
		Args:        in("RetireTransitionInput", "The path.", graphql.InputObjectConfigFieldMap{"transitionId": transitionID}),
		Resolve:     b.r.RetireTransition}
	fields["restoreTransition"] = &graphql.Field{Type: transitionPayload("RestoreTransitionPayload"),
		Description: "Brings a retired path back (administrators; recorded); not while one of its roles is retired.",
		Args:        in("RestoreTransitionInput", "The path.", graphql.InputObjectConfigFieldMap{"transitionId": transitionID}),
		Resolve:     b.r.RestoreTransition}
}
