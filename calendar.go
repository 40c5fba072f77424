package passerelles

import (
	"context"
	"time"
)

// Calendars (RFC 5545): an event, a community's events and an agent's personal feed of
// their registrations, as files that calendar applications read. The rules of who reads
// what live here; sqlite reads the rows, server/api writes the iCalendar text.

// CalendarPastWindow is how long after its end an event stays in a community's calendar
// and in a personal feed: a calendar application that subscribed keeps recent events
// (and learns of a late cancellation) without the feed growing forever.
const CalendarPastWindow = 30 * 24 * time.Hour

// MaxCalendarEntries bounds the events of one calendar file (the soonest ones first after
// the past window), so that one request stays cheap whatever a community publishes.
const MaxCalendarEntries = 500

// CalendarFeedTokenBytes is the size of the secret of a personal feed's address: 32
// random bytes, written in base64url (43 characters).
const CalendarFeedTokenBytes = 32

// Participation is how the reader of a calendar takes part in one of its events.
type Participation string

// Participations.
const (
	ParticipationNone       Participation = ""           // not registered (or unregistered)
	ParticipationConfirmed  Participation = "CONFIRMED"  // a seat is theirs (registered, or attended)
	ParticipationWaitlisted Participation = "WAITLISTED" // on the waitlist, at WaitlistPosition
)

// CalendarEntry is a published or cancelled event as one reader's calendar shows it.
type CalendarEntry struct {
	EventID       int64
	CommunityName string
	Title         string
	Description   string // the description's plain text (Event.DescriptionText)
	Kind          EventKind
	Status        EventStatus // EventPublished or EventCancelled, never a draft
	Format        EventFormat
	Address       string
	OnlineURL     string // "" unless CanSeeOnlineLink(Status, false, Participation == ParticipationConfirmed)
	StartsAt      time.Time
	EndsAt        time.Time
	TimeZone      string
	Sequence      int // RFC 5545 SEQUENCE: increased by every change participants must see
	UpdatedAt     time.Time

	Participation    Participation
	WaitlistPosition int // 1 for the first in line; 0 unless waitlisted
}

// InCalendar reports whether an event of that status appears in calendars: published and
// cancelled events do (a cancellation must reach the calendars that hold the event), drafts
// never, not even for those who manage them.
func InCalendar(status EventStatus) bool {
	return status == EventPublished || status == EventCancelled
}

// CanReadCalendars reports whether u may read the calendar of an event or of a community:
// every signed-in agent, as published events are readable by every signed-in agent.
// Anonymous readers get nothing: the personal feed (its secret address) is the only way in
// without a session.
func CanReadCalendars(u *User) bool { return u != nil && u.AgentID != 0 }

// CalendarFeed is an agent's personal calendar feed: the address of a file of their own
// registrations that a calendar application subscribes to without a session.
type CalendarFeed struct {
	// Token is the secret of the feed's address, set only in the answer that created it
	// (the store keeps its SHA-256 alone): it cannot be shown again, only renewed.
	Token     string
	CreatedAt time.Time
}

// CalendarService reads calendars and keeps the personal feeds.
type CalendarService interface {
	// FindEventCalendar returns the event as the signed-in reader's calendar shows it.
	// Returns EUNAUTHENTICATED for an anonymous request, ENOTFOUND when no published or
	// cancelled event has that id (drafts included).
	FindEventCalendar(ctx context.Context, eventID int64) (*CalendarEntry, error)

	// FindCommunityCalendar returns the community and its published and cancelled events
	// that end after now − CalendarPastWindow, by start, MaxCalendarEntries at most.
	// Returns EUNAUTHENTICATED for an anonymous request, ENOTFOUND for an unknown code.
	FindCommunityCalendar(ctx context.Context, code string) (*Community, []*CalendarEntry, error)

	// FindFeedCalendar returns the events of the agent whose personal feed has that token,
	// whoever asks (the token is the credential): their confirmed and waitlisted
	// registrations, and the events cancelled while they were registered, within the same
	// window and bound as community calendars. Returns ENOTFOUND for a token that is not
	// the current one of a feed (unknown, renewed, revoked, or its agent erased).
	FindFeedCalendar(ctx context.Context, token string) ([]*CalendarEntry, error)

	// MyCalendarFeed returns the signed-in agent's feed, without its token. Returns
	// EUNAUTHENTICATED for an anonymous request, ENOTFOUND when the agent has none.
	MyCalendarFeed(ctx context.Context) (*CalendarFeed, error)

	// CreateCalendarFeed creates the signed-in agent's feed and returns it with its token.
	// Returns EUNAUTHENTICATED for an anonymous request, ECONFLICT when the agent has one
	// already (renewing it is a choice of its own: the former address stops working).
	CreateCalendarFeed(ctx context.Context) (*CalendarFeed, error)

	// RenewCalendarFeed replaces the signed-in agent's feed token and returns the feed
	// with the new one; the former address answers ENOTFOUND from then on. Returns
	// EUNAUTHENTICATED for an anonymous request, ENOTFOUND when the agent has no feed.
	RenewCalendarFeed(ctx context.Context) (*CalendarFeed, error)

	// RevokeCalendarFeed removes the signed-in agent's feed: its address answers ENOTFOUND
	// from then on. Returns EUNAUTHENTICATED for an anonymous request, ENOTFOUND when the
	// agent has no feed.
	RevokeCalendarFeed(ctx context.Context) error
}
