package passerelles

import (
	"testing"
	"time"
)

// TestCanSeeOnlineLink is the one rule of the online link, for every reader and status:
// managers always, a seated agent while the event is published, nobody else.
func TestCanSeeOnlineLink(t *testing.T) {
	me := &User{AgentID: 7}
	seat := &Registration{AgentID: 7, Status: RegistrationRegistered}
	waiting := &Registration{AgentID: 7, Status: RegistrationWaitlisted}
	other := &Registration{AgentID: 8, Status: RegistrationRegistered}
	for _, c := range []struct {
		name      string
		u         *User
		reg       *Registration
		status    EventStatus
		canManage bool
		want      bool
	}{
		{"seated, published", me, seat, EventPublished, false, true},
		{"seated, cancelled", me, seat, EventCancelled, false, false},
		{"seated, draft", me, seat, EventDraft, false, false},
		{"waitlisted", me, waiting, EventPublished, false, false},
		{"another's seat", me, other, EventPublished, false, false},
		{"no registration", me, nil, EventPublished, false, false},
		{"manager", me, nil, EventPublished, true, true},
		{"manager, draft", me, nil, EventDraft, true, true},
		{"manager, cancelled", me, nil, EventCancelled, true, true},
		{"anonymous", nil, nil, EventPublished, false, false},
		{"anonymous with a seat", &User{}, &Registration{Status: RegistrationRegistered}, EventPublished, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := &Event{Status: c.status, OnlineURL: "https://visio.example/salle"}
			SeeEvent(c.u, e, c.canManage, c.reg, time.Time{})
			if e.LinkShown != c.want || (e.OnlineURL != "") != c.want {
				t.Fatalf("link shown %v (url %q), want %v", e.LinkShown, e.OnlineURL, c.want)
			}
		})
	}
}
