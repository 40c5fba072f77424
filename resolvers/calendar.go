package resolvers

import (
	"time"

	"github.com/graphql-go/graphql"

	"passerelles"
)

// CalendarFeed is a personal calendar feed as GraphQL shows it: its address only in the
// answer of the mutation that made it (the store keeps a hash of the token alone).
type CalendarFeed struct {
	URL       string // "" when read later
	CreatedAt time.Time
}

// UserCalendarFeed resolves User.calendarFeed: the signed-in person's own feed, null when
// they have none — and for anyone else (Query.users lists other people).
func (r *Resolver) UserCalendarFeed(p graphql.ResolveParams) (any, error) {
	u, err := Source[*passerelles.User](p)
	if err != nil {
		return nil, err
	}
	me := passerelles.UserFromContext(p.Context)
	if me == nil || me.AgentID == 0 || me.AgentID != u.AgentID {
		return nil, nil
	}
	f, err := r.svc.Calendars.MyCalendarFeed(p.Context)
	if passerelles.ErrorCode(err) == passerelles.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &CalendarFeed{CreatedAt: f.CreatedAt}, nil
}

// feedPayload is the payload of the mutations that give a new feed address.
func (r *Resolver) feedPayload(f *passerelles.CalendarFeed, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return map[string]any{"calendarFeed": &CalendarFeed{URL: r.calendarFeedURL(f.Token), CreatedAt: f.CreatedAt}}, nil
}

// CreateCalendarFeed resolves Mutation.createCalendarFeed.
func (r *Resolver) CreateCalendarFeed(p graphql.ResolveParams) (any, error) {
	return r.feedPayload(r.svc.Calendars.CreateCalendarFeed(p.Context))
}

// RenewCalendarFeed resolves Mutation.renewCalendarFeed.
func (r *Resolver) RenewCalendarFeed(p graphql.ResolveParams) (any, error) {
	return r.feedPayload(r.svc.Calendars.RenewCalendarFeed(p.Context))
}

// RevokeCalendarFeed resolves Mutation.revokeCalendarFeed.
func (r *Resolver) RevokeCalendarFeed(p graphql.ResolveParams) (any, error) {
	if err := r.svc.Calendars.RevokeCalendarFeed(p.Context); err != nil {
		return nil, err
	}
	return map[string]any{"revoked": true}, nil
}
