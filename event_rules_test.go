package passerelles_test

import (
	"strings"
	"testing"
	"time"

	"passerelles"
)

// TestEventTimeZoneIsIANA: an event's time zone is an IANA name; time.LoadLocation also
// accepts "Local" (the host's zone, whatever it is), which went out as TZID:Local in
// calendar files. Then a description's nesting is bounded (review of issue 10).
func TestEventTimeZoneIsIANA(t *testing.T) {
	start := time.Date(2026, 5, 4, 12, 0, 0, 0, time.UTC)
	e := &passerelles.Event{CommunityID: 1, Title: "Atelier", Kind: passerelles.EventWorkshop, Status: passerelles.EventDraft,
		Format: passerelles.EventOnsite, Address: "Paris", StartsAt: start, EndsAt: start.Add(time.Hour), TimeZone: "Local"}
	if err := e.Validate(); passerelles.ErrorCode(err) != passerelles.EINVALID || passerelles.ErrorField(err) != "timeZone" {
		t.Fatalf("time zone %q: error = %v, want EINVALID on timeZone", e.TimeZone, err)
	}
}

func TestEventDescriptionNesting(t *testing.T) {
	start := time.Date(2026, 5, 4, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name, description string
		ok                bool
	}{
		{"prose", "Un atelier.\n\n> Une citation\n> > dans une citation\n\n- une liste\n  - imbriquée\n1. premier\n2) second", true},
		{"eight levels", strings.Repeat("> ", 8) + "profond", true},
		{"nine quotes", strings.Repeat(">", 9) + " trop", false},
		{"20 000 quotes", strings.Repeat(">", 19990), false},
		{"nine lists", strings.Repeat("- ", 9) + "trop", false},
		{"mixed", "> - 1. > * + 2) > - > trop", false},
		{"dashes in prose", "Date : 12 - 14 mai - salle B - étage 3 - aile - nord - est - ouest", true},
		{"numbers in prose", "1.5 million d’agents, 2.3 et 4.2", true},
		{"horizontal rule", "----------", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := &passerelles.Event{CommunityID: 1, Title: "Atelier", Description: c.description, Kind: passerelles.EventWorkshop,
				Status: passerelles.EventDraft, Format: passerelles.EventOnsite, Address: "Paris", StartsAt: start, EndsAt: start.Add(time.Hour)}
			err := e.Validate()
			if c.ok && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if !c.ok && (passerelles.ErrorCode(err) != passerelles.EINVALID || passerelles.ErrorField(err) != "description") {
				t.Fatalf("error = %v, want EINVALID on description", err)
			}
		})
	}
}
