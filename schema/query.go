package schema

import (
	"github.com/graphql-go/graphql"
)

func (b *builder) queryType() *graphql.Object {
	code := func(what string) graphql.FieldConfigArgument {
		return graphql.FieldConfigArgument{"code": &graphql.ArgumentConfig{Type: nonNull(graphql.String), Description: "Code of the " + what + "."}}
	}
	str := func(desc string) *graphql.ArgumentConfig {
		return &graphql.ArgumentConfig{Type: graphql.String, Description: desc}
	}
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Query",
		Description: "What one can read.",
		Fields: b.withCareerQueries(b.withEventQueries(b.withShortlistQueries(graphql.Fields{
			"frameworks": {Type: nonNull(b.connection(b.framework)), Description: "The skills referentials, by code.",
				Args: pageArgs(nil), Resolve: b.r.Frameworks},
			"framework": {Type: b.framework, Description: "One referential by code; a NOT_FOUND error when none has it.",
				Args: code("framework (\"pix\", \"ecf\")"), Resolve: b.r.Framework},
			"skills": {Type: nonNull(b.connection(b.skill)), Description: "Skills of every referential; with `search`, by relevance.",
				Args: pageArgs(graphql.FieldConfigArgument{
					"framework": str("Only the skills of the framework with this code."),
					"domain":    str("Only the skills of the domain with this code (with `framework`)."),
					"search":    str("Words to find in codes, labels and descriptions; accents and case ignored, each word as a prefix."),
				}), Resolve: b.r.Skills},
			"skill": {Type: b.skill, Description: "One skill by id; a NOT_FOUND error when it does not exist.",
				Args:    graphql.FieldConfigArgument{"id": &graphql.ArgumentConfig{Type: nonNull(graphql.ID), Description: "Identifier of the skill."}},
				Resolve: b.r.Skill},
			"roles": {Type: nonNull(b.connection(b.role)), Description: "The catalogue of roles, by code.",
				Args: pageArgs(graphql.FieldConfigArgument{
					"family":  &graphql.ArgumentConfig{Type: b.roleFamily, Description: "Only the roles of this family."},
					"retired": &graphql.ArgumentConfig{Type: graphql.Boolean, Description: "true: only the retired roles; false: only the roles in use (what a new target role is chosen from); absent: both."},
				}), Resolve: b.r.Roles},
			"role": {Type: b.role, Description: "One role by code; a NOT_FOUND error when none has it.",
				Args: code("role (\"B01\", \"D03\")"), Resolve: b.r.Role},
			"transitions": {Type: nonNull(b.connection(b.transition)), Description: "The career paths between roles.",
				Args: pageArgs(graphql.FieldConfigArgument{
					"from": str("Only the paths that leave the role with this code."),
					"to":   str("Only the paths that reach the role with this code."),
					"kind": &graphql.ArgumentConfig{Type: b.transKind, Description: "Only the paths of this kind."},
					"includeRetired": &graphql.ArgumentConfig{Type: graphql.Boolean, DefaultValue: false,
						Description: "Also the retired paths and those of a retired role (for the catalogue's administration); by default only the paths one may still take."},
				}), Resolve: b.r.Transitions},
			"ministries": {Type: nonNull(b.connection(b.ministry)), Description: "The social ministries and their shared services.",
				Args: pageArgs(nil), Resolve: b.r.Ministries},
			"regions": {Type: nonNull(b.connection(b.region)), Description: "The 18 French regions, by name.",
				Args: pageArgs(nil), Resolve: b.r.Regions},
			"organisations": {Type: nonNull(b.connection(b.organisation)), Description: "The entities of the ministries.",
				Args: pageArgs(graphql.FieldConfigArgument{
					"ministry": str("Only the entities of the ministry with this code."),
					"type":     &graphql.ArgumentConfig{Type: b.orgType, Description: "Only the entities of this kind."},
					"region":   str("Only the entities of the region with this code."),
				}), Resolve: b.r.Organisations},
			"grades": {Type: nonNull(b.connection(b.grade)), Description: "The categories of the civil service.",
				Args: pageArgs(nil), Resolve: b.r.Grades},
			"communities": {Type: nonNull(b.connection(b.community)), Description: "The communities of practice, by name; archived ones only when asked.",
				Args: pageArgs(graphql.FieldConfigArgument{
					"includeArchived": &graphql.ArgumentConfig{Type: graphql.Boolean, DefaultValue: false, Description: "Also list the archived communities (for administrators' pages)."},
				}), Resolve: b.r.Communities},
			"profile": {Type: b.profile, Description: "An agent's profile; a NOT_FOUND error when it does not exist or the viewer may not see it.",
				Args:    graphql.FieldConfigArgument{"id": &graphql.ArgumentConfig{Type: nonNull(graphql.ID), Description: "Identifier of the agent."}},
				Resolve: b.r.Profile},
			"myProfileViews": {Type: nonNull(b.connection(b.profileView)), Description: "Who viewed the signed-in agent's profile, newest first.",
				Args: pageArgs(nil), Resolve: b.r.MyProfileViews},
			"exportMyData": {Type: nonNull(graphql.String), Description: "Everything stored about the signed-in agent, as JSON text (also at GET /me/export.json).",
				Resolve: b.r.ExportMyData},
			"users": {Type: nonNull(b.connection(b.user)), Description: "Administrators only: the people who signed in whose given or usual name has every word of `search` as a prefix of one of its words (accents and case ignored), by usual then given name, with their access roles — what granting and revoking roles needs, whatever their profile's visibility.",
				Args: pageArgs(graphql.FieldConfigArgument{
					"search": &graphql.ArgumentConfig{Type: nonNull(graphql.String), Description: "Words of the given or usual name (100 characters at most)."},
				}), Resolve: b.r.Users},
			"me": {Type: b.user, Description: "The signed-in person with their access roles; null when nobody is signed in.",
				Resolve: b.r.Me},
			"site": {Type: nonNull(b.site), Description: "What the service's pages say about itself, from its configuration (for everyone).",
				Resolve: b.r.Site},
			"searchTalent": {Type: nonNull(b.talentConnection),
				Description: "Profiles that match a filter, ranked by a score that each result explains, as far as the viewer may find them: managers and administrators find the profiles shown to managers or to all agents, other agents those shown to all, and nobody finds a profile hidden from their organisation. A manager's or administrator's search is recorded (who, when, the filter, how many results).",
				Args: pageArgs(graphql.FieldConfigArgument{
					"filter": &graphql.ArgumentConfig{Type: nonNull(b.talentFilter), Description: "What to find."},
				}), Resolve: b.r.SearchTalent},
			"community": {Type: b.community, Description: "One community by code; a NOT_FOUND error when none has it.",
				Args: code("community (\"data\")"), Resolve: b.r.Community},
		}))),
	})
}
