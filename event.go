package passerelles

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// EventKind is what sort of gathering an event is.
type EventKind string

// Event kinds.
const (
	EventMeetup     EventKind = "MEETUP"
	EventWebinar    EventKind = "WEBINAR"
	EventWorkshop   EventKind = "WORKSHOP"
	EventConference EventKind = "CONFERENCE"
	EventFair       EventKind = "FAIR" // a "salon", such as the "Salon de la data"
)

// Valid reports whether the kind is one of the known ones.
func (k EventKind) Valid() bool {
	switch k {
	case EventMeetup, EventWebinar, EventWorkshop, EventConference, EventFair:
		return true
	}
	return false
}

// EventStatus is where an event is in its life.
type EventStatus string

// Event statuses.
const (
	EventDraft     EventStatus = "DRAFT"
	EventPublished EventStatus = "PUBLISHED"
	EventCancelled EventStatus = "CANCELLED"
)

// EventFormat says where an event takes place.
type EventFormat string

// Event formats.
const (
	EventOnsite EventFormat = "ONSITE"
	EventOnline EventFormat = "ONLINE"
	EventHybrid EventFormat = "HYBRID"
)

// Valid reports whether the format is one of the known ones.
func (f EventFormat) Valid() bool { return f == EventOnsite || f == EventOnline || f == EventHybrid }

// HasPlace reports whether the event takes place somewhere (ONSITE, HYBRID): it needs an
// address.
func (f EventFormat) HasPlace() bool { return f == EventOnsite || f == EventHybrid }

// HasLink reports whether the event is followed online (ONLINE, HYBRID): it needs a link.
func (f EventFormat) HasLink() bool { return f == EventOnline || f == EventHybrid }

// DefaultTimeZone is the time zone of events unless they say otherwise.
const DefaultTimeZone = "Europe/Paris"

// MaxEventSkills is how many skills an event develops at most: a page of events prices
// its skills by it (the GraphQL cost model).
const MaxEventSkills = 12

// Event is a gathering that a community publishes and agents register for.
type Event struct {
	ID          int64
	CommunityID int64
	Title       string
	Description string // Markdown
	// DescriptionHTML and DescriptionText are the description rendered by the store when it
	// is written (sanitised HTML, and its plain text for calendar files): reads return them.
	DescriptionHTML      string
	DescriptionText      string
	Kind                 EventKind
	Status               EventStatus
	Format               EventFormat
	Address              string
	RegionID             int64  // region of the address (0: none, e.g. online only)
	OnlineURL            string // shown to registered participants and managers only (SeeEvent)
	StartsAt             time.Time
	EndsAt               time.Time
	TimeZone             string
	Capacity             int // 0 means no limit
	RegistrationDeadline time.Time
	SkillIDs             []int64

	// Sequence counts the changes participants must see (RFC 5545 SEQUENCE): time, place,
	// link, cancellation (SequenceChange).
	Sequence    int
	PublishedAt time.Time // zero while a draft
	CancelledAt time.Time // zero unless cancelled
	CreatedAt   time.Time
	UpdatedAt   time.Time

	// Filled by reads for the viewer.
	RegisteredCount int  // seats taken
	WaitlistCount   int  // agents waiting for a seat
	CanManage       bool // the viewer may manage it (CanManageEvents)
	CanChange       bool // the viewer may change it now (CanManage, not cancelled, CheckChangeable)
	LinkShown       bool // the viewer may read OnlineURL (CanSeeOnlineLink); "" otherwise
}

// Deadline is when registration and unregistration close: the registration deadline, or
// the start when the event has none.
func (e *Event) Deadline() time.Time {
	if e.RegistrationDeadline.IsZero() {
		return e.StartsAt
	}
	return e.RegistrationDeadline
}

// SeatsLeft is how many seats remain, -1 when the capacity is unlimited.
func (e *Event) SeatsLeft() int {
	if e.Capacity == 0 {
		return -1
	}
	return max(0, e.Capacity-e.RegisteredCount)
}

// Validate returns EINVALID when the event is incomplete or inconsistent, with the input
// field it concerns (the names of the API's EventInput). Capacity 0 means unlimited here;
// EventInput refuses a limited capacity below 1.
func (e *Event) Validate() error {
	if e.CommunityID == 0 {
		return &Error{Code: EINVALID, Message: "Un événement appartient à une communauté.", Field: "communityId"}
	}
	field := func(name string, err error) error { return WithField(name, err) }
	if err := ValidateText("Le titre de l’événement", &e.Title, 200, TextRequired); err != nil {
		return field("title", err)
	}
	if err := ValidateText("La description de l’événement", &e.Description, 20000, TextMultiLine); err != nil {
		return field("description", err)
	}
	if err := checkMarkdownNesting(e.Description); err != nil {
		return field("description", err)
	}
	if !e.Kind.Valid() {
		return field("kind", Errorf(EINVALID, "Le type d’événement « %s » est inconnu.", EchoText(string(e.Kind), 20)))
	}
	switch e.Status {
	case EventDraft, EventPublished, EventCancelled:
	default:
		return field("status", Errorf(EINVALID, "Le statut d’événement « %s » est inconnu.", EchoText(string(e.Status), 20)))
	}
	if !e.Format.Valid() {
		return field("format", Errorf(EINVALID, "Le format d’événement « %s » est inconnu.", EchoText(string(e.Format), 20)))
	}
	if err := ValidateText("L’adresse de l’événement", &e.Address, 500, TextMultiLine); err != nil {
		return field("address", err)
	}
	// A format without a place has no address nor region, one without a link no link: the
	// fields a client sent for another format are dropped, so that no participant reads
	// the link of an event held on site (nor a calendar file carries it).
	if !e.Format.HasPlace() {
		e.Address, e.RegionID = "", 0
	}
	if !e.Format.HasLink() {
		e.OnlineURL = ""
	}
	if e.Format.HasPlace() && e.Address == "" {
		return field("address", Errorf(EINVALID, "Indiquez l’adresse du lieu : un événement sur place ou hybride en a une."))
	}
	if err := ValidateLink("Le lien de l’événement en ligne", &e.OnlineURL, 500); err != nil {
		return field("onlineUrl", err)
	}
	if e.Format.HasLink() {
		if e.OnlineURL == "" {
			return field("onlineUrl", Errorf(EINVALID, "Indiquez le lien de connexion : un événement en ligne ou hybride en a un."))
		}
		if len(e.OnlineURL) < len("https://") || e.OnlineURL[:len("https://")] != "https://" {
			return field("onlineUrl", Errorf(EINVALID, "Le lien de connexion doit commencer par https:// (une connexion chiffrée)."))
		}
	}
	if e.TimeZone == "" {
		e.TimeZone = DefaultTimeZone
	}
	// A zone of the IANA database by its name ("Local" would be the server's own zone,
	// whatever it is, and calendars cannot name it).
	if loc, err := time.LoadLocation(e.TimeZone); err != nil || e.TimeZone == "Local" || loc.String() != e.TimeZone {
		return field("timeZone", Errorf(EINVALID, "Le fuseau horaire « %s » est inconnu.", EchoText(e.TimeZone, 40)))
	}
	if e.StartsAt.Before(EarliestDate) {
		return field("startsAt", Errorf(EINVALID, "Un événement commence après le 1er janvier %d.", EarliestDate.Year()))
	}
	if !e.EndsAt.After(e.StartsAt) {
		return field("endsAt", Errorf(EINVALID, "La fin de l’événement doit suivre son début."))
	}
	if e.EndsAt.Sub(e.StartsAt) > MaxEventDuration {
		return field("endsAt", Errorf(EINVALID, "Un événement dure au plus 31 jours : vérifiez la date de fin."))
	}
	if e.Capacity < 0 {
		return field("capacity", Errorf(EINVALID, "La capacité d’un événement est d’au moins une place."))
	}
	if !e.RegistrationDeadline.IsZero() && e.RegistrationDeadline.After(e.StartsAt) {
		return field("registrationDeadline", Errorf(EINVALID, "La date limite d’inscription doit précéder le début de l’événement."))
	}
	if len(e.SkillIDs) > MaxEventSkills {
		return field("skillIds", Errorf(EINVALID, "Un événement développe au plus %d compétences.", MaxEventSkills))
	}
	return nil
}

// EventInput is what an animator or administrator writes of an event: createEvent takes it
// whole, and so does updateEvent (the edit form sends every field), which keeps the status,
// the community and the registrations.
type EventInput struct {
	CommunityID          int64 // createEvent only
	Title                string
	Description          string
	Kind                 EventKind
	Format               EventFormat
	Address              string
	RegionID             int64
	OnlineURL            string
	StartsAt             time.Time
	EndsAt               time.Time
	TimeZone             string
	Capacity             *int // nil: unlimited; else at least 1
	RegistrationDeadline time.Time
	SkillIDs             []int64
}

// Apply writes the input over e (a new event, or the stored one for an update) and
// validates the result; the capacity, when limited, is at least 1.
func (in *EventInput) Apply(e *Event) error {
	if in.Capacity != nil && *in.Capacity < 1 {
		return &Error{Code: EINVALID, Field: "capacity", Message: "Une capacité limitée est d’au moins une place (laissez-la vide pour ne pas limiter)."}
	}
	e.Title, e.Description, e.Kind, e.Format = in.Title, in.Description, in.Kind, in.Format
	e.Address, e.RegionID, e.OnlineURL = in.Address, in.RegionID, in.OnlineURL
	e.StartsAt, e.EndsAt, e.TimeZone = in.StartsAt, in.EndsAt, in.TimeZone
	e.Capacity = 0
	if in.Capacity != nil {
		e.Capacity = *in.Capacity
	}
	e.RegistrationDeadline = in.RegistrationDeadline
	e.SkillIDs = append([]int64{}, in.SkillIDs...)
	return e.Validate()
}

// SequenceChange reports whether going from old to updated changes what participants must
// see in their calendars and be told about (EVENT_CHANGED): the time, the place or the
// link. The title, description, capacity and skills change nothing they planned around.
func SequenceChange(old, updated *Event) bool {
	return !old.StartsAt.Equal(updated.StartsAt) || !old.EndsAt.Equal(updated.EndsAt) || old.TimeZone != updated.TimeZone ||
		old.Format != updated.Format || old.Address != updated.Address || old.RegionID != updated.RegionID ||
		old.OnlineURL != updated.OnlineURL
}

// CanManageEvents reports whether u may create, change, publish and cancel the events of a
// community, see their drafts, participants and waitlist, mark attendance and export the
// participants: the community's animators (roleInCommunity is u's role there, "" when not
// a member) and administrators. The one rule of every path (GraphQL, CSV export, feeds).
func CanManageEvents(u *User, roleInCommunity MemberRole) bool {
	return u != nil && (u.Has(AccessAdmin) || (u.AgentID != 0 && roleInCommunity == MemberRoleAnimator))
}

// RequireManageEvents returns EUNAUTHENTICATED for an anonymous request and EFORBIDDEN
// unless CanManageEvents.
func RequireManageEvents(u *User, roleInCommunity MemberRole) error {
	if u == nil {
		return Errorf(EUNAUTHENTICATED, "Connectez-vous pour continuer.")
	}
	if !CanManageEvents(u, roleInCommunity) {
		return Errorf(EFORBIDDEN, "Seuls les animateurs de la communauté et les administrateurs gèrent ses événements.")
	}
	return nil
}

// CanSeeEvent reports whether u sees e at all: every signed-in person sees published and
// cancelled events; drafts only those who manage them (canManage: CanManageEvents for the
// event's community). An event one may not see answers ENOTFOUND, like a missing one.
func CanSeeEvent(u *User, e *Event, canManage bool) bool {
	if u == nil {
		return false
	}
	return e.Status != EventDraft || canManage
}

// CanSeeOnlineLink reports whether a reader reads the online link of an event of that
// status: those who manage the event (canManage), and the agents who hold a seat of it
// (seated: a REGISTERED registration of their own) while it is published — not the
// waitlist, not the others, nobody else once it is cancelled. The one rule of the event
// page, the lists and the calendar files (which pass canManage false: a file leaves the
// application, synced to devices and forwarded, so it carries the link of a seat only).
func CanSeeOnlineLink(status EventStatus, canManage, seated bool) bool {
	return canManage || (seated && status == EventPublished)
}

// Seated reports whether reg is u's own registration with a seat.
func Seated(u *User, reg *Registration) bool {
	return u != nil && u.AgentID != 0 && reg != nil && reg.AgentID == u.AgentID && reg.Status == RegistrationRegistered
}

// SeeEvent applies what u may read of e at now (canManage, u's registration reg or nil):
// it sets CanManage, CanChange and LinkShown and blanks the online link when it is withheld.
func SeeEvent(u *User, e *Event, canManage bool, reg *Registration, now time.Time) {
	e.CanManage = canManage
	e.CanChange = canManage && e.Status != EventCancelled && e.CheckChangeable(now) == nil
	e.LinkShown = u != nil && CanSeeOnlineLink(e.Status, canManage, Seated(u, reg))
	if !e.LinkShown {
		e.OnlineURL = ""
	}
}

// CheckRegistrationOpen returns why an agent may not register for or unregister from e at
// now: ECONFLICT for a draft or cancelled event, or once the deadline (Deadline) passed.
func CheckRegistrationOpen(e *Event, now time.Time) error {
	switch {
	case e.Status == EventCancelled:
		return Errorf(ECONFLICT, "Cet événement est annulé.")
	case e.Status != EventPublished:
		return Errorf(ECONFLICT, "Cet événement n’est pas encore publié.")
	case !now.Before(e.Deadline()):
		return Errorf(ECONFLICT, "Les inscriptions à cet événement sont closes depuis le %s.", FormatParis(e.Deadline()))
	}
	return nil
}

// CheckAttendance returns ECONFLICT when attendance may not be marked at now: only once
// the event has started (at the door, or afterwards), and never for a cancelled event.
func CheckAttendance(e *Event, now time.Time) error {
	switch {
	case e.Status == EventCancelled:
		return Errorf(ECONFLICT, "Cet événement est annulé : il n’y a pas de présence à noter.")
	case e.Status != EventPublished:
		return Errorf(ECONFLICT, "Cet événement n’est pas publié.")
	case now.Before(e.StartsAt):
		return Errorf(ECONFLICT, "La présence se note une fois l’événement commencé.")
	}
	return nil
}

// FormatParis writes t as a French date and time in Europe/Paris (« 12/03/2026 à 14 h 00 »).
func FormatParis(t time.Time) string {
	if loc, err := time.LoadLocation(DefaultTimeZone); err == nil {
		t = t.In(loc)
	}
	return fmt.Sprintf("%02d/%02d/%d à %d h %02d", t.Day(), t.Month(), t.Year(), t.Hour(), t.Minute())
}

// EventWhen selects events by time.
type EventWhen string

// Event time filters: an event is upcoming until it ends, past once ended.
const (
	EventsUpcoming EventWhen = "UPCOMING"
	EventsPast     EventWhen = "PAST"
)

// EventFilter selects events: upcoming ones by start, past ones latest first, all of them
// by start when When is "".
type EventFilter struct {
	When        EventWhen
	CommunityID int64
	Kind        EventKind
	Format      EventFormat
	RegionID    int64
	SkillID     int64
	// SkillIDs keeps the events that develop any of these skills (the events that close
	// the gaps of a role, for every missing skill at once).
	SkillIDs []int64
	Text     string // words of the title or description, folded as FoldForSearch does
	// StartsFrom and StartsBefore, when set, keep the events starting in [StartsFrom,
	// StartsBefore): a month of the calendar view in one read.
	StartsFrom   time.Time
	StartsBefore time.Time
	Page
}

// MaxEventRange is the longest period an event list covers when both of its bounds are
// given (StartsFrom, StartsBefore): a year, the longest view the calendar shows (a month,
// a quarter, a year), and a bound on what a period asks of the store.
const MaxEventRange = 366 * 24 * time.Hour

// Validate returns EINVALID for an unknown kind, format or time filter, a period whose end
// does not follow its start or longer than MaxEventRange, or a bad page.
func (f *EventFilter) Validate() error {
	switch f.When {
	case "", EventsUpcoming, EventsPast:
	default:
		return &Error{Code: EINVALID, Field: "when", Message: "Le filtre de date est inconnu."}
	}
	if f.Kind != "" && !f.Kind.Valid() {
		return &Error{Code: EINVALID, Field: "kind", Message: "Le type d’événement est inconnu."}
	}
	if f.Format != "" && !f.Format.Valid() {
		return &Error{Code: EINVALID, Field: "format", Message: "Le format d’événement est inconnu."}
	}
	if len([]rune(f.Text)) > 200 {
		return &Error{Code: EINVALID, Field: "text", Message: "Le texte recherché compte au plus 200 caractères."}
	}
	if !f.StartsFrom.IsZero() && !f.StartsBefore.IsZero() {
		if !f.StartsFrom.Before(f.StartsBefore) {
			return &Error{Code: EINVALID, Field: "startsBefore", Message: "La fin de la période doit suivre son début."}
		}
		if f.StartsBefore.Sub(f.StartsFrom) > MaxEventRange {
			return &Error{Code: EINVALID, Field: "startsBefore", Message: "Une période compte au plus un an (366 jours) : choisissez des dates plus proches."}
		}
	}
	return f.Page.Validate()
}

// EventPage is one page of a list of events and how many the whole list holds.
type EventPage struct {
	Events []*Event
	Total  int
}

// EventService keeps the events of the communities and their registrations. Every method
// reads the person on the context: reads need a signed-in person (EUNAUTHENTICATED), and
// changes to an event need CanManageEvents for its community (EFORBIDDEN). An event the
// person may not see (CanSeeEvent) is ENOTFOUND.
type EventService interface {
	// FindEventByID returns the event as the viewer may see it (SeeEvent). Returns
	// ENOTFOUND when it does not exist or is a draft the viewer does not manage.
	FindEventByID(ctx context.Context, id int64) (*Event, error)

	// FindEvents returns one page of the events the filter selects that the viewer may
	// see, and how many there are.
	FindEvents(ctx context.Context, filter EventFilter) ([]*Event, int, error)

	// FindCommunityEvents returns, for each of communityIDs, one page of its events of
	// when (upcoming by start, past latest first) that the viewer may see, in one read for
	// every community.
	FindCommunityEvents(ctx context.Context, communityIDs []int64, when EventWhen, page Page) (map[int64]EventPage, error)

	// FindRecommendedEvents returns the upcoming published events, open for registration
	// and not already joined, that develop skills the signed-in agent wants to develop:
	// those with a seat left (or no limit) before full ones (SeatsLeft 0: only the waitlist
	// is left), then most matching skills first, then by start.
	FindRecommendedEvents(ctx context.Context, page Page) ([]*Event, int, error)

	// CreateEvent creates a draft in the input's community. Returns EFORBIDDEN unless
	// CanManageEvents, ECONFLICT for an archived community, EINVALID for invalid input
	// (with its field), a start that is not ahead (CheckStartsAhead) included.
	CreateEvent(ctx context.Context, in EventInput) (*Event, error)

	// UpdateEvent replaces the editable fields of the event. A capacity below the seats
	// taken is EINVALID; a larger one promotes the waitlist in the same transaction. A
	// change of time, place or link increases the sequence and tells the registered and
	// waitlisted agents (EVENT_CHANGED). ECONFLICT for a cancelled event or one that has
	// started (CheckChangeable); EINVALID on startsAt for a start moved into the past.
	UpdateEvent(ctx context.Context, id int64, in EventInput) (*Event, error)

	// PublishEvent publishes a draft: everyone sees it and may register. ECONFLICT unless
	// it is a draft that has not started (CheckChangeable).
	PublishEvent(ctx context.Context, id int64) (*Event, error)

	// CancelEvent cancels the event: every registration and waitlist place is freed and
	// each agent told (EVENT_CANCELLED), the sequence increases. ECONFLICT for a draft
	// (CheckCancellable), a cancelled event, or one that has started (CheckChangeable).
	CancelEvent(ctx context.Context, id int64) (*Event, error)

	// RegisterForEvent registers the signed-in agent: a seat while there is one, else the
	// end of the waitlist (first in, first out), told by REGISTRATION_CONFIRMED or
	// WAITLISTED. Registering again while registered or waitlisted returns the registration
	// as it is. ECONFLICT when CheckRegistrationOpen refuses.
	RegisterForEvent(ctx context.Context, eventID int64) (*Registration, error)

	// UnregisterFromEvent cancels the signed-in agent's registration or waitlist place; a
	// freed seat goes to the first of the waitlist in the same transaction
	// (PROMOTED_FROM_WAITLIST). ENOTFOUND when not registered, ECONFLICT after the deadline.
	UnregisterFromEvent(ctx context.Context, eventID int64) (*Registration, error)

	// FindMyRegistrations returns the signed-in agent's registrations to the events of
	// eventIDs (cancelled ones included), by event.
	FindMyRegistrations(ctx context.Context, eventIDs []int64) (map[int64]*Registration, error)

	// FindParticipants returns, for each of eventIDs, one page of its registrations of
	// status (REGISTERED or WAITLISTED) in order of arrival, with the agents' names, and
	// how many there are. EFORBIDDEN unless the viewer manages every one of the events.
	FindParticipants(ctx context.Context, eventIDs []int64, status RegistrationStatus, page Page) (map[int64]RegistrationPage, error)

	// ExportParticipants returns the event and every registration and waitlist place, in
	// order of arrival, for the CSV export. EFORBIDDEN unless CanManageEvents.
	ExportParticipants(ctx context.Context, eventID int64) (*Event, []*Registration, error)

	// MarkAttendance records whether a registered agent came. EFORBIDDEN unless
	// CanManageEvents, ECONFLICT when CheckAttendance refuses, ENOTFOUND when the agent
	// holds no seat.
	MarkAttendance(ctx context.Context, eventID, agentID int64, attended bool) (*Registration, error)

	// ImportEvents creates the events that do not exist yet (same community, title and
	// start) and returns how many it created. Internal work only (demo data): returns
	// EFORBIDDEN for any person.
	ImportEvents(ctx context.Context, events []*Event) (int, error)

	// ImportRegistrations registers each agent for the event in the order given (seats,
	// then the waitlist), as RegisterForEvent would but without notifications nor the
	// deadline, skipping agents already registered; it returns how many it added.
	// Internal work only (demo data): EFORBIDDEN for any person.
	ImportRegistrations(ctx context.Context, eventID int64, agentIDs []int64) (int, error)

	// ImportAttendance records, for the agents of attended holding a seat of the event whose
	// attendance is not marked yet, whether they came, as MarkAttendance would once the
	// event has started (CheckAttendance), and returns how many it marked. Internal work
	// only (demo data): EFORBIDDEN for any person.
	ImportAttendance(ctx context.Context, eventID int64, attended map[int64]bool) (int, error)

	// CountUpcomingEvents returns how many published events start after now.
	CountUpcomingEvents(ctx context.Context, now time.Time) (int, error)
}

// maxMarkdownNesting bounds how deep quotes and lists of a description nest: each level
// of a Markdown block nests the next in the rendered page, and a description of nothing
// but markers (20 000 « > ») rendered to half a megabyte in most of a second at every
// read (review of issue 10).
const maxMarkdownNesting = 8

// checkMarkdownNesting returns EINVALID when a line of src opens more than
// maxMarkdownNesting quotes or list items (« > », « - », « * », « + », « 1. », « 1) »).
func checkMarkdownNesting(src string) error {
	for _, line := range strings.Split(src, "\n") {
		depth := 0
		rest := strings.TrimLeft(line, " \t")
		for rest != "" {
			n := 0
			switch {
			case rest[0] == '>':
				n = 1
			case (rest[0] == '-' || rest[0] == '*' || rest[0] == '+') && (len(rest) == 1 || rest[1] == ' ' || rest[1] == '\t'):
				n = 1
			default:
				for n < len(rest) && n < 9 && rest[n] >= '0' && rest[n] <= '9' {
					n++
				}
				if n == 0 || n >= len(rest) || (rest[n] != '.' && rest[n] != ')') || (n+1 < len(rest) && rest[n+1] != ' ' && rest[n+1] != '\t') {
					n = 0
				} else {
					n++
				}
			}
			if n == 0 {
				break
			}
			if depth++; depth > maxMarkdownNesting {
				return Errorf(EINVALID, "La description imbrique plus de %d citations ou listes sur une ligne.", maxMarkdownNesting)
			}
			rest = strings.TrimLeft(rest[n:], " \t")
		}
	}
	return nil
}

// CheckChangeable returns ECONFLICT once e has started at now: an event that took place
// (or is taking place) is a record — its time, place, capacity and waitlist are what they
// were, and cancelling it would free the seats of people who came and tell them, after
// the fact, that it did not happen. The one rule of every change of an event (update,
// publish, cancel, the waitlist moving); registrations close at Deadline, which is never
// after the start, and attendance opens at the start (CheckAttendance).
//
// A draft is exempt: it never took place, so a draft whose planned date passed is moved to
// a date to come (CheckStartsAhead) rather than left for good in its managers' lists;
// publishing it asks for a start to come (CheckPublishable).
func (e *Event) CheckChangeable(now time.Time) error {
	if e.Status != EventDraft && !now.Before(e.StartsAt) {
		return Errorf(ECONFLICT, "Cet événement a déjà commencé : il ne peut plus être modifié, publié ni annulé.")
	}
	return nil
}

// CheckStartsAhead returns EINVALID on startsAt unless e starts after now and within
// MaxEventLead: an event is created or moved to a time to come, never into the past (it
// would be changed, published or registered for after it took place), nor decades ahead
// (a year mistyped, which would then sit in every upcoming list).
func (e *Event) CheckStartsAhead(now time.Time) error {
	if !now.Before(e.StartsAt) {
		return &Error{Code: EINVALID, Field: "startsAt", Message: fmt.Sprintf(
			"Le début de l’événement doit être à venir : après le %s.", FormatParis(now))}
	}
	if e.StartsAt.After(now.Add(MaxEventLead)) {
		return &Error{Code: EINVALID, Field: "startsAt", Message: fmt.Sprintf(
			"Un événement se prévoit au plus cinq ans à l’avance : avant le %s.", FormatParis(now.Add(MaxEventLead)))}
	}
	return nil
}

// CheckPublishable returns ECONFLICT unless the draft e starts after now: publishing opens
// registrations, which a past date would never let anyone use; the draft is moved first.
func (e *Event) CheckPublishable(now time.Time) error {
	if !now.Before(e.StartsAt) {
		return Errorf(ECONFLICT, "La date prévue de ce brouillon est passée : modifiez son début avant de le publier.")
	}
	return nil
}

// MaxEventLead is how far ahead an event may be planned; MaxEventDuration how long one lasts
// at most (a fair or a training course of a few weeks, not an end typed a century late).
const (
	MaxEventLead     = 5 * 365 * 24 * time.Hour
	MaxEventDuration = 31 * 24 * time.Hour
)

// CheckCancellable returns ECONFLICT unless e may be cancelled: a published event only. A
// draft was never shown, so there is nothing to cancel (cancelling one used to publish it
// as cancelled, title and description to everyone); a cancelled one already is.
func CheckCancellable(e *Event) error {
	switch e.Status {
	case EventDraft:
		return Errorf(ECONFLICT, "Ce brouillon n’a jamais été publié : il n’y a rien à annuler.")
	case EventCancelled:
		return Errorf(ECONFLICT, "Cet événement est déjà annulé.")
	}
	return nil
}
