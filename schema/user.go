package schema

import (
	"github.com/graphql-go/graphql"

	"passerelles"
	"passerelles/resolvers"
)

func accessRoleEnum() *graphql.Enum {
	return graphql.NewEnum(graphql.EnumConfig{
		Name:        "AccessRole",
		Description: "What a person may do in Passerelles.",
		Values: graphql.EnumValueConfigMap{
			"AGENT":   {Value: string(passerelles.AccessAgent), Description: "Every signed-in public agent."},
			"MANAGER": {Value: string(passerelles.AccessManager), Description: "Searches talent and validates declared levels; granted by administrators."},
			"ADMIN":   {Value: string(passerelles.AccessAdmin), Description: "Keeps the referentials and grants roles; granted by administrators or by configuration."},
		},
	})
}

func grantableAccessRoleEnum() *graphql.Enum {
	return graphql.NewEnum(graphql.EnumConfig{
		Name:        "GrantableAccessRole",
		Description: "The access roles administrators grant and revoke.",
		Values: graphql.EnumValueConfigMap{
			"MANAGER": {Value: string(passerelles.AccessManager), Description: "Manager."},
			"ADMIN":   {Value: string(passerelles.AccessAdmin), Description: "Administrator."},
		},
	})
}

func (b *builder) userType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "User",
		Description: "A person who signs in, as Passerelles knows them: their agent identity and access roles.",
		Fields: graphql.Fields{
			"profile": {Type: b.profile, Description: "The person's profile: always there for `me`; for another person (Query.users), null unless the viewer may see it.", Resolve: b.r.UserProfile},
			"animatedCommunities": {Type: listOf(b.community), Description: "Communities the person animates (the ANIMATOR role is per community).",
				Resolve: b.r.UserAnimatedCommunities},
			"recommendedEvents": {Type: nonNull(b.connection(b.event)),
				Description: "For the signed-in person (Mon espace): upcoming published events, open for registration and not joined yet, that develop skills they want to develop — most matching skills first, then soonest. Empty for anyone else.",
				Args:        pageArgs(nil), Resolve: b.r.UserRecommendedEvents},
			"id": prop(nonNull(graphql.ID), "Identifier of the agent.",
				func(m *passerelles.User) any { return resolvers.ID(m.Agent.ID) }),
			"givenName": prop(nonNull(graphql.String), "Given name, as the identity provider asserts it.",
				func(m *passerelles.User) any { return m.Agent.GivenName }),
			"usualName": prop(nonNull(graphql.String), "Usual (family) name, as the identity provider asserts it.",
				func(m *passerelles.User) any { return m.Agent.UsualName }),
			"email": prop(nonNull(graphql.String), "Professional email address, as the identity provider asserts it.",
				func(m *passerelles.User) any { return m.Agent.Email }),
			"organisationLabel": prop(nonNull(graphql.String), "Organisation, as the identity provider names it.",
				func(m *passerelles.User) any { return m.Agent.OrganisationLabel }),
			"assertedOrganisation": {Type: b.organisation, Resolve: b.r.UserAssertedOrganisation,
				Description: "The organisation matched from the identity provider's organisation label, null when none matches: onboarding proposes it."},
			"calendarFeed": {Type: b.calendarFeed, Resolve: b.r.UserCalendarFeed,
				Description: "The person's personal calendar feed (without its address, shown only when made); null when they have none, and for anyone but the signed-in person."},
			"accessRoles": prop(listOf(b.accessRole), "Access roles: AGENT always, MANAGER and ADMIN when granted.",
				func(m *passerelles.User) any {
					out := make([]string, len(m.AccessRoles))
					for i, r := range m.AccessRoles {
						out[i] = string(r)
					}
					return out
				}),
		},
	})
}

func (b *builder) mutationType() *graphql.Object {
	roleInput := func(name, what string) *graphql.InputObject {
		return graphql.NewInputObject(graphql.InputObjectConfig{
			Name:        name,
			Description: what,
			Fields: graphql.InputObjectConfigFieldMap{
				"agentId": {Type: nonNull(graphql.ID), Description: "Identifier of the agent."},
				"role":    {Type: nonNull(b.grantable), Description: "The access role."},
			},
		})
	}
	rolePayload := func(name, what string) *graphql.Object {
		return payload(name, what, map[string]*graphql.Field{
			"agentId":     {Type: nonNull(graphql.ID), Description: "The agent whose roles changed."},
			"accessRoles": {Type: listOf(b.accessRole), Description: "The agent's access roles after the change (the payload never carries their identity)."},
		})
	}
	fields := graphql.Fields{
		"grantAccessRole": {Type: rolePayload("GrantAccessRolePayload", "Result of grantAccessRole."),
			Description: "Gives an access role to an agent (administrators only; recorded in the audit log).",
			Args: graphql.FieldConfigArgument{"input": &graphql.ArgumentConfig{
				Type: nonNull(roleInput("GrantAccessRoleInput", "Whom to give which role.")), Description: "Whom to give which role."}},
			Resolve: b.r.GrantAccessRole},
		"revokeAccessRole": {Type: rolePayload("RevokeAccessRolePayload", "Result of revokeAccessRole."),
			Description: "Takes an access role back (administrators only; recorded; the last administrator stays).",
			Args: graphql.FieldConfigArgument{"input": &graphql.ArgumentConfig{
				Type: nonNull(roleInput("RevokeAccessRoleInput", "Whom to take which role from.")), Description: "Whom to take which role from."}},
			Resolve: b.r.RevokeAccessRole},
	}
	b.profileMutations(fields)
	b.eventMutations(fields)
	b.shortlistMutations(fields)
	b.calendarMutations(fields)
	b.notificationMutations(fields)
	b.careerMutations(fields)
	b.catalogueMutations(fields)
	// Every mutation field is nullable (GitHub's and Relay's convention): in a document of
	// several mutations, which run one after the other, a failing one answers null with its
	// error and the others still report what they did — a non-null field's error would
	// null the whole data, hiding writes that happened.
	return graphql.NewObject(graphql.ObjectConfig{Name: "Mutation", Description: "What one can change.", Fields: fields})
}
