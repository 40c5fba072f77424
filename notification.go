package passerelles

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
