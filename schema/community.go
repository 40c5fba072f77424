package schema

import (
	"fmt"

	"github.com/graphql-go/graphql"

	"passerelles"
	"passerelles/resolvers"
)

func (b *builder) communityType() *graphql.Object {
	b.memberRole = graphql.NewEnum(graphql.EnumConfig{Name: "MemberRole", Description: "An agent's place in a community.",
		Values: graphql.EnumValueConfigMap{
			"MEMBER":   {Value: string(passerelles.MemberRoleMember), Description: "A member."},
			"ANIMATOR": {Value: string(passerelles.MemberRoleAnimator), Description: "An animator: runs the community's events; named by administrators."},
		}})
	animator := graphql.NewObject(graphql.ObjectConfig{
		Name:        "CommunityAnimator",
		Description: "An animator of a community. Animating is a public function that administrators give: the name is shown to every signed-in agent, the profile only as its visibility allows.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"agentId":   prop(nonNull(graphql.ID), "Identifier of the agent.", func(a *passerelles.CommunityAnimator) any { return resolvers.ID(a.AgentID) }),
				"givenName": prop(nonNull(graphql.String), "Given name.", func(a *passerelles.CommunityAnimator) any { return a.GivenName }),
				"usualName": prop(nonNull(graphql.String), "Usual name.", func(a *passerelles.CommunityAnimator) any { return a.UsualName }),
				"profile":   {Type: b.profile, Description: "The animator's profile, null unless the viewer may see it.", Resolve: b.r.AnimatorProfile},
			}
		}),
	})
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Community",
		Description: "A community of practice: agents who develop a set of skills together.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id":          prop(nonNull(graphql.ID), "Identifier of the community.", func(c *passerelles.Community) any { return resolvers.ID(c.ID) }),
				"code":        prop(nonNull(graphql.String), "Stable code (\"data\").", func(c *passerelles.Community) any { return c.Code }),
				"name":        prop(nonNull(graphql.String), "Name of the community.", func(c *passerelles.Community) any { return c.Name }),
				"description": prop(nonNull(graphql.String), "What the community does, in Markdown as written (to edit it).", func(c *passerelles.Community) any { return c.Description }),
				"descriptionHtml": prop(nonNull(graphql.String), "The description rendered as HTML and sanitized on the server when it was written, as Event.descriptionHtml.",
					func(c *passerelles.Community) any { return c.DescriptionHTML }),
				"memberCount": prop(nonNull(graphql.Int), "How many agents belong to it.", func(c *passerelles.Community) any { return c.MemberCount }),
				"archivedAt": prop(graphql.String, "When it was archived (RFC 3339), null while active. An archived community takes no new member nor event.",
					func(c *passerelles.Community) any { return resolvers.FormatTime(c.ArchivedAt) }),
				"skills": {Type: listOf(b.skill), Description: fmt.Sprintf("The skills the community develops (%d at most).", passerelles.MaxCommunitySkills),
					Resolve: b.r.CommunitySkills},
				"animators": {Type: listOf(animator), Description: fmt.Sprintf("Its animators, by name (%d at most; sign-in required).", passerelles.MaxAnimators),
					Resolve: b.r.CommunityAnimators},
				"viewerRole": {Type: b.memberRole, Description: "The signed-in agent's role in the community, null when not a member.",
					Resolve: b.r.CommunityViewerRole},
				"members": {Type: nonNull(b.connection(b.profile)), Description: "Members whose profile the viewer may see, animators first (sign-in required).",
					Args: pageArgs(nil), Resolve: b.r.CommunityMembers},
				"events": {Type: nonNull(b.connection(b.event)), Description: "Its events the viewer may see (sign-in required): upcoming ones soonest first, past ones latest first, all by start.",
					Args: pageArgs(graphql.FieldConfigArgument{
						"when": &graphql.ArgumentConfig{Type: b.eventWhen, Description: "Upcoming or past; all when absent."},
					}), Resolve: b.r.CommunityEvents},
			}
		}),
	})
}
