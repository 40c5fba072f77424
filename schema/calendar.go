package schema

import (
	"github.com/graphql-go/graphql"

	"passerelles/resolvers"
)

// calendarFeedType builds CalendarFeed, an agent's personal calendar feed.
func (b *builder) calendarFeedType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name: "CalendarFeed",
		Description: "The signed-in agent's personal calendar feed: an address (GET /calendar/me/{token}.ics) that a calendar application " +
			"subscribes to without signing in, listing the agent's own registrations (confirmed, and waitlisted ones as TENTATIVE). " +
			"Its secret token is kept only as a hash: the address is shown once, when created or renewed.",
		Fields: graphql.Fields{
			"url": prop(graphql.String, "The feed's address: only in the payload of createCalendarFeed and renewCalendarFeed; null when read later (renew the feed to get a new one).",
				func(f *resolvers.CalendarFeed) any { return optional(f.URL) }),
			"createdAt": prop(nonNull(graphql.String), "When the current address was made (RFC 3339).",
				func(f *resolvers.CalendarFeed) any { return resolvers.FormatTime(f.CreatedAt) }),
		},
	})
}

// calendarMutations adds the mutations of the personal calendar feed to fields. They take
// no input: they act on the signed-in agent's one feed.
func (b *builder) calendarMutations(fields graphql.Fields) {
	feedPayload := func(name, what string) *graphql.Object {
		return payload(name, what, map[string]*graphql.Field{
			"calendarFeed": {Type: nonNull(b.calendarFeed), Description: "The feed, with its address (shown this once)."}})
	}
	fields["createCalendarFeed"] = &graphql.Field{Type: feedPayload("CreateCalendarFeedPayload", "Result of createCalendarFeed."),
		Description: "Creates the signed-in agent's personal calendar feed and returns its address, shown this once; CONFLICT when the agent has one (renew it instead).",
		Resolve:     b.r.CreateCalendarFeed}
	fields["renewCalendarFeed"] = &graphql.Field{Type: feedPayload("RenewCalendarFeedPayload", "Result of renewCalendarFeed."),
		Description: "Gives the signed-in agent's feed a new address, shown this once; the former address stops working at once (NOT_FOUND when the agent has no feed).",
		Resolve:     b.r.RenewCalendarFeed}
	fields["revokeCalendarFeed"] = &graphql.Field{
		Type: payload("RevokeCalendarFeedPayload", "Result of revokeCalendarFeed.", map[string]*graphql.Field{
			"revoked": {Type: nonNull(graphql.Boolean), Description: "Always true: the feed's address no longer answers."}}),
		Description: "Removes the signed-in agent's personal calendar feed: its address answers 404 from then on (NOT_FOUND when the agent has no feed).",
		Resolve:     b.r.RevokeCalendarFeed}
}
