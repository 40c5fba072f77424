package sqlite_test

import (
	"testing"

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
