package passerelles

import (
	"context"
	"fmt"
	"time"
	_ "time/tzdata" // Europe/Paris whatever the host has: quiet hours and digests depend on it
)

// NotificationKind is what a notification tells an agent about one event.
type NotificationKind string

// Notification kinds.
const (
	NotifyRegistrationConfirmed NotificationKind = "REGISTRATION_CONFIRMED" // a seat is the agent's
	NotifyWaitlisted            NotificationKind = "WAITLISTED"             // the event is full: on the waitlist
	NotifyPromoted              NotificationKind = "PROMOTED_FROM_WAITLIST" // a seat freed up: now registered
	NotifyEventChanged          NotificationKind = "EVENT_CHANGED"          // time, place or link changed
	NotifyEventCancelled        NotificationKind = "EVENT_CANCELLED"        // every registration freed
)

// Valid reports whether the kind is one of the known ones.
func (k NotificationKind) Valid() bool {
	switch k {
	case NotifyRegistrationConfirmed, NotifyWaitlisted, NotifyPromoted, NotifyEventChanged, NotifyEventCancelled:
		return true
	}
	return false
}

// Label is the French sentence that tells the kind, as the app and the emails show it.
func (k NotificationKind) Label() string {
	switch k {
	case NotifyRegistrationConfirmed:
		return "Votre inscription est confirmée"
	case NotifyWaitlisted:
		return "Vous êtes sur la liste d’attente"
	case NotifyPromoted:
		return "Une place s’est libérée : votre inscription est confirmée"
	case NotifyEventChanged:
		return "L’événement a changé"
	case NotifyEventCancelled:
		return "L’événement est annulé"
	}
	return "Notification"
}

// Notification tells one agent about a change of an event that concerns them. It is
// written in the transaction of the change; the agent reads it in the app, and it goes by
// email too when the service has an SMTP server and the agent wants it.
type Notification struct {
	ID      int64
	AgentID int64
	Kind    NotificationKind
	// Event is the event it is about, as its owner may read it in the notification:
	// nil when it is about none.
	Event     *NotificationEvent
	CreatedAt time.Time
	ReadAt    time.Time // zero while unread
	EmailedAt time.Time // zero until it went by email
}

// NotificationEvent is what a notification says of its event: its title and start, which
// the agent registered for, and nothing of its other participants.
type NotificationEvent struct {
	ID       int64
	Title    string
	StartsAt time.Time
	Status   EventStatus
}

// NotificationFilter selects the notifications of one agent.
type NotificationFilter struct {
	UnreadOnly bool
	Page
}

// NotificationList is a page of one agent's notifications, newest first.
type NotificationList struct {
	Items []*Notification
	Total int // how many the filter selects
	// Unread is how many of the agent's notifications are unread, whatever the filter.
	Unread int
}

// MaxNotificationsMarked is how many notifications one markNotificationsRead names at
// most (a page of them); « mark all » has no such bound.
const MaxNotificationsMarked = MaxPageSize

// NotificationDelivery says when notifications go by email.
type NotificationDelivery string

// Deliveries.
const (
	// DeliveryImmediate: each notification goes at once, outside quiet hours.
	DeliveryImmediate NotificationDelivery = "IMMEDIATE"
	// DeliveryWeeklyDigest: the week's notifications go together, on the chosen day and
	// time.
	DeliveryWeeklyDigest NotificationDelivery = "WEEKLY_DIGEST"
)

// NotificationTimeZone is the time zone of quiet hours and digests: the agents of the
// ministries work in metropolitan France (an agent of an overseas entity reads the hours
// in Paris time, as the page says).
const NotificationTimeZone = "Europe/Paris"

var notificationZone = mustLoadLocation(NotificationTimeZone)

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // time/tzdata is embedded: never
	}
	return loc
}

// NotificationLocation returns the time zone of quiet hours and digests.
func NotificationLocation() *time.Location { return notificationZone }

// Default preferences, when the agent chose none: immediate, by email, no quiet hours,
// digest on Monday at 08:00 should they choose the weekly digest.
const (
	DefaultDigestWeekday = time.Monday
	DefaultDigestMinute  = 8 * 60
)

// QuietHours is a daily span of Europe/Paris wall-clock time when no email goes: from
// Start (included) to End (excluded), in minutes after midnight; Start > End spans
// midnight (22:00–07:00).
type QuietHours struct {
	Start, End int
}

// NotificationPreferences are one agent's choices of notification delivery.
type NotificationPreferences struct {
	AgentID  int64
	Delivery NotificationDelivery
	// ByEmail: notifications also go by email (when the service has an SMTP server).
	ByEmail bool
	// Quiet is nil when the agent has no quiet hours.
	Quiet *QuietHours
	// DigestWeekday and DigestMinute (after midnight, Europe/Paris) say when the weekly
	// digest goes.
	DigestWeekday time.Weekday
	DigestMinute  int
	UpdatedAt     time.Time // zero while the defaults hold
}

// DefaultNotificationPreferences are the preferences of an agent who chose none.
func DefaultNotificationPreferences(agentID int64) *NotificationPreferences {
	return &NotificationPreferences{AgentID: agentID, Delivery: DeliveryImmediate, ByEmail: true,
		DigestWeekday: DefaultDigestWeekday, DigestMinute: DefaultDigestMinute}
}

// NotificationPreferencesInput is what an agent submits to change their preferences,
// times written HH:MM as a person types them.
type NotificationPreferencesInput struct {
	Delivery        NotificationDelivery
	ByEmail         bool
	QuietHoursStart string // "" for no quiet hours, with QuietHoursEnd ""
	QuietHoursEnd   string
	DigestDay       time.Weekday
	DigestTime      string
}

// Preferences checks the input and returns the preferences it sets. EINVALID with a
// French message on the field at fault (delivery, quietHoursStart, quietHoursEnd,
// digestDay, digestTime).
func (in NotificationPreferencesInput) Preferences() (*NotificationPreferences, error) {
	p := &NotificationPreferences{Delivery: in.Delivery, ByEmail: in.ByEmail, DigestWeekday: in.DigestDay}
	switch in.Delivery {
	case DeliveryImmediate, DeliveryWeeklyDigest:
	default:
		return nil, WithField("delivery", Errorf(EINVALID, "Le mode d’envoi « %s » est inconnu : choisissez IMMEDIATE (au fil de l’eau) ou WEEKLY_DIGEST (résumé hebdomadaire).", EchoText(string(in.Delivery), 20)))
	}
	start, err := parseClock("quietHoursStart", "L’heure de début des heures de calme", in.QuietHoursStart)
	if err != nil {
		return nil, err
	}
	end, err := parseClock("quietHoursEnd", "L’heure de fin des heures de calme", in.QuietHoursEnd)
	if err != nil {
		return nil, err
	}
	switch {
	case start >= 0 && end < 0:
		return nil, WithField("quietHoursEnd", Errorf(EINVALID, "Indiquez aussi l’heure de fin des heures de calme, ou retirez celle du début."))
	case start < 0 && end >= 0:
		return nil, WithField("quietHoursStart", Errorf(EINVALID, "Indiquez aussi l’heure de début des heures de calme, ou retirez celle de la fin."))
	case start >= 0 && start == end:
		return nil, WithField("quietHoursEnd", Errorf(EINVALID, "Les heures de calme finissent à une autre heure qu’elles ne commencent."))
	case start >= 0:
		p.Quiet = &QuietHours{Start: start, End: end}
	}
	if in.DigestDay < time.Sunday || in.DigestDay > time.Saturday {
		return nil, WithField("digestDay", Errorf(EINVALID, "Le jour du résumé est un jour de la semaine, du lundi au dimanche."))
	}
	if in.DigestTime == "" {
		return nil, WithField("digestTime", Errorf(EINVALID, "L’heure du résumé est obligatoire (HH:MM, par exemple 08:00)."))
	}
	if p.DigestMinute, err = parseClock("digestTime", "L’heure du résumé", in.DigestTime); err != nil {
		return nil, err
	}
	return p, nil
}

// parseClock reads a wall-clock time HH:MM (00:00 to 23:59) into minutes after midnight;
// "" is -1 (none).
func parseClock(field, what, s string) (int, error) {
	if s == "" {
		return -1, nil
	}
	var h, m int
	if len(s) == 5 && s[2] == ':' && isDigits(s[:2]) && isDigits(s[3:]) {
		h, m = int(s[0]-'0')*10+int(s[1]-'0'), int(s[3]-'0')*10+int(s[4]-'0')
		if h < 24 && m < 60 {
			return h*60 + m, nil
		}
	}
	return 0, WithField(field, Errorf(EINVALID, "%s s’écrit HH:MM, de 00:00 à 23:59 (reçu « %s »).", what, EchoText(s, 20)))
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// FormatClock writes minutes after midnight as HH:MM.
func FormatClock(minute int) string { return fmt.Sprintf("%02d:%02d", minute/60, minute%60) }

// wallClock returns the instant when the Europe/Paris clock shows minute on the day
// (y, m, d): the first of the two in the autumn's repeated hour, and, for a time the
// spring's change skips (02:30), the same time read with the offset before the change
// (03:30), as RFC 5545 does for local times that do not exist.
func wallClock(y int, mo time.Month, d, minute int) time.Time {
	h, mi := minute/60, minute%60
	t := time.Date(y, mo, d, h, mi, 0, 0, notificationZone)
	if t.Hour() != h || t.Minute() != mi {
		_, before := time.Date(y, mo, d, 0, 0, 0, 0, notificationZone).Zone()
		return time.Date(y, mo, d, h, mi, 0, 0, time.UTC).Add(-time.Duration(before) * time.Second)
	}
	if e := t.Add(-time.Hour); e.Hour() == h && e.Minute() == mi && e.Day() == d {
		return e
	}
	return t
}

// minuteOfDay is t's Europe/Paris wall-clock time in minutes after midnight.
func minuteOfDay(t time.Time) int {
	l := t.In(notificationZone)
	return l.Hour()*60 + l.Minute()
}

// InQuietHours reports whether t falls in the quiet hours (none: never).
func (p *NotificationPreferences) InQuietHours(t time.Time) bool {
	q := p.Quiet
	if q == nil {
		return false
	}
	m := minuteOfDay(t)
	if q.Start < q.End {
		return m >= q.Start && m < q.End
	}
	return m >= q.Start || m < q.End
}

// QuietHoursEnd returns when the quiet hours that t falls in end; t itself when it falls
// in none.
func (p *NotificationPreferences) QuietHoursEnd(t time.Time) time.Time {
	if !p.InQuietHours(t) {
		return t
	}
	l := t.In(notificationZone)
	y, mo, d := l.Date()
	if p.Quiet.Start > p.Quiet.End && minuteOfDay(t) >= p.Quiet.Start {
		y, mo, d = time.Date(y, mo, d+1, 12, 0, 0, 0, notificationZone).Date() // the next day
	}
	end := wallClock(y, mo, d, p.Quiet.End)
	if !end.After(t) { // t is in the autumn's repeated hour: its second occurrence
		end = end.Add(time.Hour)
	}
	return end
}

// NextDigest returns the first digest time strictly after t: the chosen weekday and time,
// Europe/Paris, whatever the offset that week.
func (p *NotificationPreferences) NextDigest(t time.Time) time.Time {
	weekday := p.DigestWeekday
	if weekday < time.Sunday || weekday > time.Saturday {
		weekday = DefaultDigestWeekday // never stored (the table checks it): no endless loop
	}
	l := t.In(notificationZone)
	y, mo, d := l.Date()
	for i := 0; ; i++ { // at most 8 days: today's time may be past, then next week's
		day := time.Date(y, mo, d+i, 12, 0, 0, 0, notificationZone)
		if day.Weekday() != weekday {
			continue
		}
		dy, dm, dd := day.Date()
		if at := wallClock(dy, dm, dd, p.DigestMinute); at.After(t) {
			return at
		}
	}
}

// NextEmailAt returns when notifications waiting since oldest (the creation of the
// oldest of them) go by email, looked at from now: at once (now) for immediate delivery,
// at the first digest time after oldest for the weekly digest — never before now, and
// never in quiet hours (then at their end). The zero time when the agent does not want
// email.
func (p *NotificationPreferences) NextEmailAt(oldest, now time.Time) time.Time {
	if !p.ByEmail {
		return time.Time{}
	}
	at := oldest
	if p.Delivery == DeliveryWeeklyDigest {
		at = p.NextDigest(oldest)
	}
	if at.Before(now) {
		at = now
	}
	return p.QuietHoursEnd(at)
}

// EmailDue reports whether notifications waiting since oldest go by email at now.
func (p *NotificationPreferences) EmailDue(oldest, now time.Time) bool {
	at := p.NextEmailAt(oldest, now)
	return !at.IsZero() && !at.After(now)
}

// MaxEmailDelay is how long a notification may wait for its email: a week of digest,
// quiet hours and a margin of retries. One older than that is not emailed any more (it
// stays in the app): an SMTP server configured after months of notifications, or an
// agent who turns email back on, does not receive old news.
const MaxEmailDelay = 10 * 24 * time.Hour

// PendingEmail is what goes, or will go, to one agent by email: their address and
// name, their preferences, when the oldest of their notifications not emailed yet was
// written, and those notifications, oldest first (once read: FindPendingNotifications).
type PendingEmail struct {
	AgentID       int64
	Email         string
	GivenName     string
	Preferences   *NotificationPreferences
	Oldest        time.Time
	Notifications []*Notification
}

// RequireNotificationOwner returns the signed-in user when they are the agent agentID:
// EUNAUTHENTICATED for an anonymous request, EFORBIDDEN for anyone else — administrators
// included, and the application's internal work, which reads notifications through
// FindPendingEmails only. An agent's notifications and preferences are theirs alone.
func RequireNotificationOwner(ctx context.Context, agentID int64) (*User, error) {
	u := UserFromContext(ctx)
	switch {
	case u == nil || (u.AgentID == 0 && !u.System):
		return nil, Errorf(EUNAUTHENTICATED, "Connectez-vous pour continuer.")
	case u.System || u.AgentID != agentID:
		return nil, Errorf(EFORBIDDEN, "Seul l’agent concerné lit et modifie ses notifications.")
	}
	return u, nil
}

// NotificationService keeps the notifications of agents and their preferences. Every
// method for people returns EUNAUTHENTICATED for an anonymous request and EFORBIDDEN
// unless the signed-in agent is the one concerned (RequireNotificationOwner).
type NotificationService interface {
	// FindNotifications returns a page of agentID's notifications, newest first, how many
	// the filter selects and how many are unread. EINVALID for a page out of range.
	FindNotifications(ctx context.Context, agentID int64, filter NotificationFilter) (*NotificationList, error)

	// MarkNotificationsRead marks the signed-in agent's notifications ids as read (all of
	// them when all is true), and returns how many it marked and how many stay unread.
	// One already read keeps the time it was first read. EINVALID for more than
	// MaxNotificationsMarked ids, or for neither ids nor all; ENOTFOUND (on the field
	// ids.<i>) for an id that is not one of the agent's notifications, and nothing is
	// marked.
	MarkNotificationsRead(ctx context.Context, ids []int64, all bool) (marked, unread int, err error)

	// FindNotificationPreferences returns agentID's preferences, the defaults when they
	// chose none.
	FindNotificationPreferences(ctx context.Context, agentID int64) (*NotificationPreferences, error)

	// UpdateNotificationPreferences sets the signed-in agent's preferences. EINVALID as
	// NotificationPreferencesInput.Preferences says.
	UpdateNotificationPreferences(ctx context.Context, in NotificationPreferencesInput) (*NotificationPreferences, error)

	// Notify records a notification of kind about eventID (0: none) for each agent. The
	// store's writes of events and registrations notify in their own transaction; this
	// is for the application's internal work (tests, tools): EFORBIDDEN for any person.
	Notify(ctx context.Context, agentIDs []int64, kind NotificationKind, eventID int64) error

	// FindPendingEmails returns, for every agent who wants email, has an address and has
	// unread notifications not emailed yet created since now minus MaxEmailDelay, their
	// preferences and the oldest of those notifications, without the notifications: what
	// the delivery worker chooses from. One row per agent, in one pass over the recent
	// pending notifications (paging would read them again for every page). Internal work
	// only: EFORBIDDEN for any person.
	FindPendingEmails(ctx context.Context, now time.Time) ([]*PendingEmail, error)

	// FindPendingNotifications returns, by agent, the unread notifications not emailed
	// yet of agentIDs created since now minus MaxEmailDelay, oldest first: those of the
	// agents the worker found due. Internal work only.
	FindPendingNotifications(ctx context.Context, now time.Time, agentIDs []int64) (map[int64][]*Notification, error)

	// MarkEmailed records that the notifications ids went by email (emailed_at), those
	// not marked already, and returns how many it marked. Internal work only.
	MarkEmailed(ctx context.Context, ids []int64) (int, error)
}
