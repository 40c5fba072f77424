package notify_test

import (
	"strings"
	"testing"
	"time"

	"passerelles"
	"passerelles/notify"
)

// TestComposeCancelled: the email of a cancelled event says so in French, in its subject
// and both parts, and gives the start as the time it was to take place (« annulé …, le
// lundi » read as the day of the cancellation).
func TestComposeCancelled(t *testing.T) {
	start := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	pe := &passerelles.PendingEmail{AgentID: 7, Email: "camille@travail.gouv.fr", GivenName: "Camille",
		Preferences: &passerelles.NotificationPreferences{Delivery: passerelles.DeliveryImmediate},
		Notifications: []*passerelles.Notification{{ID: 1, AgentID: 7, Kind: passerelles.NotifyEventCancelled,
			Event: &passerelles.NotificationEvent{ID: 3, Title: "Atelier <données>", StartsAt: start, Status: passerelles.EventCancelled}}}}
	m := notify.Compose(pe, "https://passerelles.example.gouv.fr", start)
	if want := "L’événement est annulé : « Atelier <données> »"; m.Subject != want {
		t.Errorf("subject %q, want %q", m.Subject, want)
	}
	for part, body := range map[string]string{"text": m.Text, "HTML": m.HTML} {
		want := "L’événement est annulé : « Atelier <données> », qui devait avoir lieu le lundi 2 mars 2026 à 09:00 (heure de Paris)."
		if part == "HTML" {
			want = "qui devait avoir lieu le lundi 2 mars 2026 à 09:00 (heure de Paris)."
			if !strings.Contains(body, "« Atelier &lt;données&gt; »") {
				t.Errorf("HTML part does not escape the title:\n%s", body)
			}
		}
		if !strings.Contains(body, want) {
			t.Errorf("%s part lacks %q:\n%s", part, want, body)
		}
	}
}
