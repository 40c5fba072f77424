package sqlite_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"passerelles"
)

// TestCancelledDraftStaysHidden: cancelling a draft is refused (it was never shown); it
// used to turn it CANCELLED, which CanSeeEvent shows to every signed-in person (event(id),
// events, community pages and the community calendar). Found by the review of issue 10.
func TestCancelledDraftStaysHidden(t *testing.T) {
	f := newEventFixture(t, 1)
	in := f.input(0)
	in.Title = "Projet confidentiel de réorganisation"
	draft, err := f.s.Events.CreateEvent(f.animator, in)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.s.Events.CancelEvent(f.animator, draft.ID)
	wantCode(t, err, passerelles.ECONFLICT, "")
	if e, err := f.s.Events.FindEventByID(f.agents[0], draft.ID); err == nil {
		t.Errorf("an agent reads the never-published event %q (status %s)", e.Title, e.Status)
	}
	if _, total, err := f.s.Events.FindEvents(f.agents[0], passerelles.EventFilter{}); err != nil || total != 0 {
		t.Errorf("an agent lists %d events (%v), want 0", total, err)
	}
}

// TestArchivedCommunityTakesNoEvent: an archived community takes no new event: neither
// created nor published, a draft written before the archive included (it used to be
// published). Found by the review of issue 10.
func TestArchivedCommunityTakesNoEvent(t *testing.T) {
	f := newEventFixture(t, 1)
	draft, err := f.s.Events.CreateEvent(f.animator, f.input(0))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Communities.ArchiveCommunity(admin, f.community.ID, true); err != nil {
		t.Fatal(err)
	}
	_, err = f.s.Events.PublishEvent(f.animator, draft.ID)
	wantCode(t, err, passerelles.ECONFLICT, "")
}

// TestStartedEventUnchangeable: once an event has started, no path changes it: neither
// cancelled (which wiped the attendance and told everyone, after the fact, that it did
// not happen), nor updated (re-timed, even into the past, or its capacity raised, which
// promoted the waitlist after the fact), nor published as a draft; attendance stays
// possible. And no event starts in the past: neither created there nor moved there.
// Found by the review of issue 10 (TestReviewPastEventNotCancelled).
func TestStartedEventUnchangeable(t *testing.T) {
	// Two seats taken by agents 0 and 1, agent 2 waiting; the clock is then set to during
	// the event (atStart) or after it.
	setup := func(t *testing.T) (*eventFixture, *passerelles.Event, passerelles.EventInput) {
		f := newEventFixture(t, 3)
		in := f.input(2)
		e := f.mustPublish(2)
		for i := range 3 {
			f.register(i, e.ID)
		}
		return f, e, in
	}
	t.Run("ErrCancelAfterAttendance", func(t *testing.T) {
		f, e, _ := setup(t)
		f.now = e.EndsAt.Add(time.Hour)
		if _, err := f.s.Events.MarkAttendance(f.animator, e.ID, f.agentIDs[0], true); err != nil {
			t.Fatal(err)
		}
		_, err := f.s.Events.CancelEvent(f.animator, e.ID)
		wantCode(t, err, passerelles.ECONFLICT, "")
		if msg := passerelles.ErrorMessage(err); !strings.Contains(msg, "a déjà commencé") {
			t.Errorf("message = %q", msg)
		}
		wantState(t, f.state(e.ID), "REGISTERED", "REGISTERED", "WAITLISTED 1")
		if k := f.notifications(0, e.ID); slices.Contains(k, "EVENT_CANCELLED") {
			t.Errorf("a participant was told the event is cancelled: %q", k)
		}
		_, regs, err := f.s.Events.ExportParticipants(f.animator, e.ID)
		if err != nil || len(regs) != 3 || regs[0].Attended == nil || !*regs[0].Attended {
			t.Fatalf("participants after = %+v (%v), want the attendance kept", regs, err)
		}
	})
	t.Run("ErrCancelDuring", func(t *testing.T) {
		f, e, _ := setup(t)
		f.now = e.StartsAt
		_, err := f.s.Events.CancelEvent(f.animator, e.ID)
		wantCode(t, err, passerelles.ECONFLICT, "")
	})
	t.Run("ErrUpdateCapacityAfterStart", func(t *testing.T) {
		f, e, in := setup(t)
		f.now = e.StartsAt.Add(30 * time.Minute)
		three := 3
		in.Capacity = &three
		_, err := f.s.Events.UpdateEvent(f.animator, e.ID, in)
		wantCode(t, err, passerelles.ECONFLICT, "")
		wantState(t, f.state(e.ID), "REGISTERED", "REGISTERED", "WAITLISTED 1")
	})
	t.Run("ErrRetimeAfterStart", func(t *testing.T) {
		f, e, in := setup(t)
		f.now = e.EndsAt.Add(time.Hour)
		in.StartsAt, in.EndsAt = in.StartsAt.AddDate(0, 0, 7), in.EndsAt.AddDate(0, 0, 7)
		in.RegistrationDeadline = time.Time{}
		_, err := f.s.Events.UpdateEvent(f.animator, e.ID, in)
		wantCode(t, err, passerelles.ECONFLICT, "")
		got, err := f.s.Events.FindEventByID(f.animator, e.ID)
		if err != nil || !got.StartsAt.Equal(e.StartsAt) || got.Sequence != 0 {
			t.Fatalf("event after = %+v (%v), want it unchanged", got, err)
		}
	})
	t.Run("ErrMoveStartIntoPast", func(t *testing.T) {
		f, e, in := setup(t)
		in.StartsAt, in.EndsAt, in.RegistrationDeadline = f.now.Add(-time.Hour), f.now.Add(time.Hour), time.Time{}
		_, err := f.s.Events.UpdateEvent(f.animator, e.ID, in)
		wantCode(t, err, passerelles.EINVALID, "startsAt")
		if msg := passerelles.ErrorMessage(err); !strings.Contains(msg, "à venir") {
			t.Errorf("message = %q", msg)
		}
		in.StartsAt = f.now // starting this very instant is not ahead either
		_, err = f.s.Events.UpdateEvent(f.animator, e.ID, in)
		wantCode(t, err, passerelles.EINVALID, "startsAt")
	})
	t.Run("ErrCreateInPast", func(t *testing.T) {
		f := newEventFixture(t, 0)
		in := f.input(0)
		in.StartsAt, in.EndsAt, in.RegistrationDeadline = f.now.AddDate(0, 0, -1), f.now.AddDate(0, 0, -1).Add(time.Hour), time.Time{}
		_, err := f.s.Events.CreateEvent(f.animator, in)
		wantCode(t, err, passerelles.EINVALID, "startsAt")
	})
	t.Run("ErrPublishStartedDraft", func(t *testing.T) {
		f := newEventFixture(t, 0)
		draft, err := f.s.Events.CreateEvent(f.animator, f.input(0))
		if err != nil {
			t.Fatal(err)
		}
		f.now = draft.StartsAt.Add(time.Minute)
		_, err = f.s.Events.PublishEvent(f.animator, draft.ID)
		wantCode(t, err, passerelles.ECONFLICT, "")
	})
	t.Run("ErasureAfterStartPromotesNobody", func(t *testing.T) {
		f, e, _ := setup(t)
		f.now = e.StartsAt.Add(time.Minute)
		if err := f.s.Profiles.DeleteMyAccount(f.agents[0], passerelles.ErasureConfirmation); err != nil {
			t.Fatal(err)
		}
		f.agents = f.agents[1:]
		wantState(t, f.state(e.ID), "REGISTERED", "WAITLISTED 1")
	})
	t.Run("UpdateBeforeStart", func(t *testing.T) {
		f, e, in := setup(t)
		f.now = e.RegistrationDeadline.Add(time.Hour) // registrations closed, not started
		in.Title = "Atelier pratique, salle 2"
		if _, err := f.s.Events.UpdateEvent(f.animator, e.ID, in); err != nil {
			t.Fatal(err)
		}
	})
}

// TestStartedDraftCanBeRescheduled: a draft never took place, so a draft whose planned
// start passed is moved to a date to come (it used to be refused as a record, and with no
// deleteEvent it stayed in its managers' lists for good), then published; publishing it
// before it is moved is refused. Found by the second review of issue 10.
func TestStartedDraftCanBeRescheduled(t *testing.T) {
	f := newEventFixture(t, 0)
	in := f.input(2)
	e, err := f.s.Events.CreateEvent(f.animator, in)
	if err != nil {
		t.Fatal(err)
	}
	f.now = e.StartsAt.Add(time.Hour) // the planned date passed while it was a draft
	_, err = f.s.Events.PublishEvent(f.animator, e.ID)
	wantCode(t, err, passerelles.ECONFLICT, "")
	in.StartsAt, in.EndsAt = f.now.AddDate(0, 0, 7), f.now.AddDate(0, 0, 7).Add(2*time.Hour)
	in.RegistrationDeadline = in.StartsAt.AddDate(0, 0, -1)
	if _, err := f.s.Events.UpdateEvent(f.animator, e.ID, in); err != nil {
		t.Fatalf("moving a draft whose planned start passed: %v (code %s); nothing else can be done with it",
			err, passerelles.ErrorCode(err))
	}
	if _, err := f.s.Events.PublishEvent(f.animator, e.ID); err != nil {
		t.Fatalf("publishing the draft moved to a date to come: %v", err)
	}
}

// TestEventDurationBounded: an end typed a century late (2126 for 2026) is refused on
// endsAt; it used to be accepted, and once the event started it could be neither
// corrected nor cancelled, first of every UPCOMING list until its end. Found by the
// second review of issue 10.
func TestEventDurationBounded(t *testing.T) {
	f := newEventFixture(t, 0)
	in := f.input(0)
	in.EndsAt = in.StartsAt.AddDate(100, 0, 0)
	_, err := f.s.Events.CreateEvent(f.animator, in)
	wantCode(t, err, passerelles.EINVALID, "endsAt")
}

// TestOnsiteEventKeepsNoLink: an event switched to ONSITE through the API with its old
// link still in the input keeps no link (Event.Validate drops the fields of another
// format): seated participants read no onlineUrl, and the calendar files carry no
// « Lien de connexion ». Found by the second review of issue 10.
func TestOnsiteEventKeepsNoLink(t *testing.T) {
	f := newEventFixture(t, 1)
	e := f.mustPublish(0) // HYBRID
	f.register(0, e.ID)
	in := f.input(0)
	in.Format = passerelles.EventOnsite // onlineUrl left as the form had it
	if _, err := f.s.Events.UpdateEvent(f.animator, e.ID, in); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.Events.FindEventByID(f.agents[0], e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.OnlineURL != "" {
		t.Errorf("an ONSITE event still gives its participant the link %q", got.OnlineURL)
	}
	entry, err := f.s.Calendars.FindEventCalendar(f.agents[0], e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if entry.OnlineURL != "" {
		t.Errorf("the calendar entry of an ONSITE event carries the link %q", entry.OnlineURL)
	}
}

// TestViewerCanChange: the event page offers to change, publish or cancel an event only
// while the store would accept it: to its managers, before it starts (a draft after its
// date too, to be moved), never once cancelled.
func TestViewerCanChange(t *testing.T) {
	f := newEventFixture(t, 1)
	published := f.mustPublish(0)
	in := f.input(0)
	in.Title = "Brouillon"
	draft, err := f.s.Events.CreateEvent(f.animator, in)
	if err != nil {
		t.Fatal(err)
	}
	in.Title = "Annulé"
	cancelled, err := f.s.Events.CreateEvent(f.animator, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Events.PublishEvent(f.animator, cancelled.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Events.CancelEvent(f.animator, cancelled.ID); err != nil {
		t.Fatal(err)
	}
	read := func(ctx context.Context, id int64) bool {
		t.Helper()
		e, err := f.s.Events.FindEventByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return e.CanChange
	}
	for _, c := range []struct {
		name string
		ctx  context.Context
		id   int64
		late bool // read after the start
		want bool
	}{
		{"AnimatorBeforeStart", f.animator, published.ID, false, true},
		{"AgentBeforeStart", f.agents[0], published.ID, false, false},
		{"OtherAnimator", f.outsider, published.ID, false, false},
		{"Cancelled", f.animator, cancelled.ID, false, false},
		{"AnimatorAfterStart", f.animator, published.ID, true, false},
		{"DraftAfterItsDate", f.animator, draft.ID, true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			saved := f.now
			defer func() { f.now = saved }()
			if c.late {
				f.now = published.StartsAt.Add(time.Hour)
			}
			if got := read(c.ctx, c.id); got != c.want {
				t.Errorf("CanChange = %v, want %v", got, c.want)
			}
		})
	}
}
