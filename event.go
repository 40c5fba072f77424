package passerelles

import (
	"context"
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

// DefaultTimeZone is the time zone of events unless they say otherwise.
const DefaultTimeZone = "Europe/Paris"

// Event is a gathering that a community publishes and agents register for.
type Event struct {
	ID                   int64
	CommunityID          int64
	Title                string
	Description          string // Markdown, sanitized when rendered
	Kind                 EventKind
	Status               EventStatus
	Format               EventFormat
	Address              string
	OnlineURL            string // shown to registered participants only
	StartsAt             time.Time
	EndsAt               time.Time
	TimeZone             string
	Capacity             int // 0 means no limit
	RegistrationDeadline time.Time
	SkillIDs             []int64
}

// Validate returns EINVALID when the event is incomplete or inconsistent.
func (e *Event) Validate() error {
	if e.CommunityID == 0 {
		return Errorf(EINVALID, "Un événement appartient à une communauté.")
	}
	if err := ValidateText("Le titre de l’événement", &e.Title, 200, TextRequired); err != nil {
		return err
	}
	if err := ValidateText("La description de l’événement", &e.Description, 20000, TextMultiLine); err != nil {
		return err
	}
	if err := ValidateText("L’adresse de l’événement", &e.Address, 500, TextMultiLine); err != nil {
		return err
	}
	if err := ValidateLink("Le lien de l’événement en ligne", &e.OnlineURL, 500); err != nil {
		return err
	}
	switch e.Kind {
	case EventMeetup, EventWebinar, EventWorkshop, EventConference, EventFair:
	default:
		return Errorf(EINVALID, "Le type d’événement « %s » est inconnu.", EchoText(string(e.Kind), 20))
	}
	switch e.Status {
	case EventDraft, EventPublished, EventCancelled:
	default:
		return Errorf(EINVALID, "Le statut d’événement « %s » est inconnu.", EchoText(string(e.Status), 20))
	}
	switch e.Format {
	case EventOnsite, EventOnline, EventHybrid:
	default:
		return Errorf(EINVALID, "Le format d’événement « %s » est inconnu.", EchoText(string(e.Format), 20))
	}
	if e.TimeZone == "" {
		e.TimeZone = DefaultTimeZone
	}
	if _, err := time.LoadLocation(e.TimeZone); err != nil {
		return Errorf(EINVALID, "Le fuseau horaire « %s » est inconnu.", EchoText(e.TimeZone, 40))
	}
	if e.StartsAt.Before(EarliestDate) {
		return Errorf(EINVALID, "Un événement commence après le 1er janvier %d.", EarliestDate.Year())
	}
	if !e.EndsAt.After(e.StartsAt) {
		return Errorf(EINVALID, "Un événement se termine après avoir commencé.")
	}
	if e.Capacity < 0 {
		return Errorf(EINVALID, "La capacité d’un événement ne peut pas être négative.")
	}
	if !e.RegistrationDeadline.IsZero() && e.RegistrationDeadline.After(e.StartsAt) {
		return Errorf(EINVALID, "La date limite d’inscription précède le début de l’événement.")
	}
	return nil
}

// EventService keeps the events of the communities.
type EventService interface {
	// ImportEvents creates the events that do not exist yet (same community, title and
	// start) and returns how many it created. Internal work only (demo data): returns
	// EFORBIDDEN for any person.
	ImportEvents(ctx context.Context, events []*Event) (int, error)

	// CountUpcomingEvents returns how many published events start after now.
	CountUpcomingEvents(ctx context.Context, now time.Time) (int, error)
}
