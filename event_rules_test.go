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

// TestEventCheckChangeable: an event changes until its start, not from it; attendance
// opens exactly when changes close, and registrations close no later (their deadline is
// never after the start).
func TestEventCheckChangeable(t *testing.T) {
	start := time.Date(2026, 5, 4, 12, 0, 0, 0, time.UTC)
	e := &passerelles.Event{Status: passerelles.EventPublished, StartsAt: start, EndsAt: start.Add(time.Hour)}
	for _, c := range []struct {
		name                     string
		now                      time.Time
		changeable, attendance   bool
		registration, startAhead bool
	}{
		{"DayBefore", start.Add(-24 * time.Hour), true, false, true, true},
		{"LastMillisecond", start.Add(-time.Millisecond), true, false, true, true},
		{"AtStart", start, false, true, false, false},
		{"During", start.Add(30 * time.Minute), false, true, false, false},
		{"After", start.Add(3 * time.Hour), false, true, false, false},
		{"FiveYearsAhead", start.Add(-passerelles.MaxEventLead), true, false, true, true},
		{"MoreThanFiveYearsAhead", start.Add(-passerelles.MaxEventLead - time.Minute), true, false, true, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := e.CheckChangeable(c.now)
			if got := err == nil; got != c.changeable {
				t.Fatalf("changeable = %v (%v), want %v", got, err, c.changeable)
			}
			if err != nil && (passerelles.ErrorCode(err) != passerelles.ECONFLICT || !strings.Contains(passerelles.ErrorMessage(err), "déjà commencé")) {
				t.Fatalf("error = %v, want ECONFLICT saying it has started", err)
			}
			if got := passerelles.CheckAttendance(e, c.now) == nil; got != c.attendance {
				t.Fatalf("attendance open = %v, want %v", got, c.attendance)
			}
			if got := passerelles.CheckRegistrationOpen(e, c.now) == nil; got != c.registration {
				t.Fatalf("registration open = %v, want %v", got, c.registration)
			}
			err = e.CheckStartsAhead(c.now)
			if got := err == nil; got != c.startAhead || (err != nil && passerelles.ErrorField(err) != "startsAt") {
				t.Fatalf("starts ahead = %v (%v), want %v", got, err, c.startAhead)
			}
		})
	}
}

// TestDraftChangeableAfterItsDate: a draft never took place, so it stays changeable once
// its planned date passed (to be moved), but is not published before it is moved.
func TestDraftChangeableAfterItsDate(t *testing.T) {
	start := time.Date(2026, 5, 4, 12, 0, 0, 0, time.UTC)
	e := &passerelles.Event{Status: passerelles.EventDraft, StartsAt: start, EndsAt: start.Add(time.Hour)}
	after := start.Add(time.Hour)
	if err := e.CheckChangeable(after); err != nil {
		t.Errorf("draft after its date: changeable = %v, want nil", err)
	}
	if err := e.CheckPublishable(after); passerelles.ErrorCode(err) != passerelles.ECONFLICT {
		t.Errorf("draft after its date: publishable = %v, want ECONFLICT", err)
	}
	if err := e.CheckPublishable(start.Add(-time.Hour)); err != nil {
		t.Errorf("draft before its date: publishable = %v, want nil", err)
	}
}
