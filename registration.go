package passerelles

import "time"

// RegistrationStatus is where an agent stands for an event.
type RegistrationStatus string

// Registration statuses.
const (
	RegistrationRegistered RegistrationStatus = "REGISTERED" // holds a seat
	RegistrationWaitlisted RegistrationStatus = "WAITLISTED" // waits for a seat, first in first out
	RegistrationCancelled  RegistrationStatus = "CANCELLED"  // unregistered, or the event was cancelled
)

// Registration is an agent's registration for an event.
type Registration struct {
	ID      int64
	EventID int64
	AgentID int64
	Status  RegistrationStatus
	// Position is the order of arrival among the event's registrations (it orders the
	// waitlist); WaitlistPosition is the rank on the waitlist, 1 for the next to get a
	// seat, 0 unless waitlisted.
	Position         int
	WaitlistPosition int
	RegisteredAt     time.Time
	UpdatedAt        time.Time
	// Attended is nil until an animator marks attendance.
	Attended           *bool
	AttendanceMarkedAt time.Time

	// The agent as the identity provider names them, for those who manage the event: a
	// participant list needs names whatever the profile's visibility (registering shares
	// one's name, email and organisation with the event's animators).
	GivenName         string
	UsualName         string
	Email             string
	OrganisationLabel string
}

// RegistrationPage is one page of an event's participants or waitlist and how many the
// whole list holds.
type RegistrationPage struct {
	Registrations []*Registration
	Total         int
}
