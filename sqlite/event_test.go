package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"passerelles"
	"passerelles/sqlite"
)

// eventFixture is a database with a community, its animator, an animator of another
// community, and agents.
type eventFixture struct {
	t         *testing.T
	db        *sqlite.DB
	path      string
	s         passerelles.Services
	community *passerelles.Community
	other     *passerelles.Community
	animator  context.Context
	outsider  context.Context // animates the other community
	agents    []context.Context
	agentIDs  []int64
	now       time.Time
}

func newEventFixture(t *testing.T, agents int) *eventFixture {
	t.Helper()
	f := &eventFixture{t: t, path: filepath.Join(t.TempDir(), "events.db")}
	f.now = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	f.db = sqlite.NewDB(f.path)
	f.db.Now = func() time.Time { return f.now }
	if err := f.db.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.db.Close() })
	f.s = f.db.Services()
	f.community = &passerelles.Community{Code: "data", Name: "Communauté Data"}
	f.other = &passerelles.Community{Code: "secu", Name: "Communauté Sécurité"}
	for _, c := range []*passerelles.Community{f.community, f.other} {
		if _, err := f.s.Communities.UpsertCommunity(system, c); err != nil {
			t.Fatal(err)
		}
	}
	user := func(subject string) (context.Context, int64) {
		m, err := f.s.Users.SignIn(system, passerelles.Identity{Issuer: "i", Subject: subject, GivenName: "Prénom", UsualName: subject,
			Email: subject + "@example.gouv.fr"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return passerelles.NewContextWithUser(context.Background(), &passerelles.User{AgentID: m.Agent.ID, AccessRoles: m.AccessRoles}), m.Agent.ID
	}
	var animatorID, outsiderID int64
	f.animator, animatorID = user("animateur")
	f.outsider, outsiderID = user("autre-animateur")
	if _, err := f.s.Communities.ImportMembers(system, []passerelles.CommunityMember{
		{CommunityID: f.community.ID, AgentID: animatorID, Role: passerelles.MemberRoleAnimator},
		{CommunityID: f.other.ID, AgentID: outsiderID, Role: passerelles.MemberRoleAnimator}}); err != nil {
		t.Fatal(err)
	}
	for i := range agents {
		ctx, id := user(fmt.Sprintf("agent-%03d", i))
		f.agents, f.agentIDs = append(f.agents, ctx), append(f.agentIDs, id)
	}
	return f
}

// input is a valid event of the fixture's community, starting in ten days.
func (f *eventFixture) input(capacity int) passerelles.EventInput {
	start := f.now.AddDate(0, 0, 10)
	in := passerelles.EventInput{CommunityID: f.community.ID, Title: "Atelier pratique", Description: "Un **atelier**.",
		Kind: passerelles.EventWorkshop, Format: passerelles.EventHybrid, Address: "14 avenue Duquesne, 75007 Paris",
		OnlineURL: "https://webconf.numerique.gouv.fr/atelier", StartsAt: start, EndsAt: start.Add(2 * time.Hour),
		TimeZone: passerelles.DefaultTimeZone, RegistrationDeadline: start.AddDate(0, 0, -2)}
	if capacity > 0 {
		in.Capacity = &capacity
	}
	return in
}

// mustPublish creates and publishes an event of capacity seats (0: unlimited).
func (f *eventFixture) mustPublish(capacity int) *passerelles.Event {
	f.t.Helper()
	e, err := f.s.Events.CreateEvent(f.animator, f.input(capacity))
	if err != nil {
		f.t.Fatal(err)
	}
	if e, err = f.s.Events.PublishEvent(f.animator, e.ID); err != nil {
		f.t.Fatal(err)
	}
	return e
}

func (f *eventFixture) register(i int, eventID int64) *passerelles.Registration {
	f.t.Helper()
	r, err := f.s.Events.RegisterForEvent(f.agents[i], eventID)
	if err != nil {
		f.t.Fatalf("agent %d registers: %v", i, err)
	}
	return r
}

// state returns each agent's status and waitlist rank for the event ("REGISTERED",
// "WAITLISTED 2", "CANCELLED", "" when never registered).
func (f *eventFixture) state(eventID int64) []string {
	f.t.Helper()
	out := make([]string, len(f.agents))
	for i, ctx := range f.agents {
		regs, err := f.s.Events.FindMyRegistrations(ctx, []int64{eventID})
		if err != nil {
			f.t.Fatal(err)
		}
		if r := regs[eventID]; r != nil {
			out[i] = string(r.Status)
			if r.Status == passerelles.RegistrationWaitlisted {
				out[i] += fmt.Sprintf(" %d", r.WaitlistPosition)
			}
		}
	}
	return out
}

// notifications returns the kinds of the notifications of agent i about the event, oldest
// first.
func (f *eventFixture) notifications(i int, eventID int64) []string {
	f.t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+f.path+"?mode=ro")
	if err != nil {
		f.t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query(`SELECT kind FROM notifications WHERE agent_id = ? AND event_id = ? ORDER BY id`, f.agentIDs[i], eventID)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	var kinds []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			f.t.Fatal(err)
		}
		kinds = append(kinds, k)
	}
	return kinds
}

func wantState(t *testing.T, got []string, want ...string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Fatalf("registrations = %q, want %q", got, want)
	}
}

func wantCode(t *testing.T, err error, code, field string) {
	t.Helper()
	if passerelles.ErrorCode(err) != code || passerelles.ErrorField(err) != field {
		t.Fatalf("error = %v (field %q), want %s on %q", err, passerelles.ErrorField(err), code, field)
	}
}

// TestWaitlistPromotion runs every way a seat frees or does not: unregistering, raising
// the capacity, lowering it (refused below the seats taken), cancelling the event, and the
// deadline passing.
func TestWaitlistPromotion(t *testing.T) {
	// Two seats; agents 0 and 1 take them, 2 and 3 wait (ranks 1 and 2).
	setup := func(t *testing.T) (*eventFixture, *passerelles.Event) {
		f := newEventFixture(t, 5)
		e := f.mustPublish(2)
		for i := range 4 {
			f.register(i, e.ID)
		}
		wantState(t, f.state(e.ID), "REGISTERED", "REGISTERED", "WAITLISTED 1", "WAITLISTED 2", "")
		return f, e
	}
	t.Run("Unregister", func(t *testing.T) {
		f, e := setup(t)
		if _, err := f.s.Events.UnregisterFromEvent(f.agents[1], e.ID); err != nil {
			t.Fatal(err)
		}
		wantState(t, f.state(e.ID), "REGISTERED", "CANCELLED", "REGISTERED", "WAITLISTED 1", "")
		if got := f.notifications(2, e.ID); !slices.Equal(got, []string{"WAITLISTED", "PROMOTED_FROM_WAITLIST"}) {
			t.Fatalf("notifications of the promoted agent = %q", got)
		}
		// Registering again goes to the end of the line, after agent 4.
		f.register(4, e.ID)
		f.register(1, e.ID)
		wantState(t, f.state(e.ID), "REGISTERED", "WAITLISTED 3", "REGISTERED", "WAITLISTED 1", "WAITLISTED 2")
	})
	t.Run("UnregisterFromWaitlist", func(t *testing.T) {
		f, e := setup(t)
		if _, err := f.s.Events.UnregisterFromEvent(f.agents[2], e.ID); err != nil {
			t.Fatal(err)
		}
		wantState(t, f.state(e.ID), "REGISTERED", "REGISTERED", "CANCELLED", "WAITLISTED 1", "")
	})
	t.Run("CapacityUp", func(t *testing.T) {
		f, e := setup(t)
		if _, err := f.s.Events.UpdateEvent(f.animator, e.ID, f.input(3)); err != nil {
			t.Fatal(err)
		}
		wantState(t, f.state(e.ID), "REGISTERED", "REGISTERED", "REGISTERED", "WAITLISTED 1", "")
		got, err := f.s.Events.UpdateEvent(f.animator, e.ID, f.input(0)) // unlimited
		if err != nil {
			t.Fatal(err)
		}
		wantState(t, f.state(e.ID), "REGISTERED", "REGISTERED", "REGISTERED", "REGISTERED", "")
		if got.RegisteredCount != 4 || got.WaitlistCount != 0 || got.Sequence != 0 {
			t.Fatalf("event after = %d registered, %d waiting, sequence %d", got.RegisteredCount, got.WaitlistCount, got.Sequence)
		}
	})
	t.Run("ErrCapacityBelowRegistered", func(t *testing.T) {
		f, e := setup(t)
		_, err := f.s.Events.UpdateEvent(f.animator, e.ID, f.input(1))
		wantCode(t, err, passerelles.EINVALID, "capacity")
		wantState(t, f.state(e.ID), "REGISTERED", "REGISTERED", "WAITLISTED 1", "WAITLISTED 2", "")
		got, err := f.s.Events.FindEventByID(f.animator, e.ID)
		if err != nil || got.Capacity != 2 {
			t.Fatalf("capacity = %v, %v; want 2 unchanged", got, err)
		}
	})
	t.Run("Cancelled", func(t *testing.T) {
		f, e := setup(t)
		got, err := f.s.Events.CancelEvent(f.animator, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		wantState(t, f.state(e.ID), "CANCELLED", "CANCELLED", "CANCELLED", "CANCELLED", "")
		if got.Status != passerelles.EventCancelled || got.Sequence != 1 || got.RegisteredCount != 0 || got.WaitlistCount != 0 {
			t.Fatalf("cancelled event = %+v", got)
		}
		for i := range 4 {
			if k := f.notifications(i, e.ID); k[len(k)-1] != "EVENT_CANCELLED" {
				t.Fatalf("agent %d notifications = %q", i, k)
			}
		}
		if k := f.notifications(4, e.ID); len(k) != 0 {
			t.Fatalf("an agent who never registered was told: %q", k)
		}
		_, err = f.s.Events.RegisterForEvent(f.agents[4], e.ID)
		wantCode(t, err, passerelles.ECONFLICT, "")
		_, err = f.s.Events.UpdateEvent(f.animator, e.ID, f.input(5))
		wantCode(t, err, passerelles.ECONFLICT, "")
	})
	t.Run("DeadlinePassed", func(t *testing.T) {
		f, e := setup(t)
		f.now = e.RegistrationDeadline.Add(time.Minute)
		_, err := f.s.Events.UnregisterFromEvent(f.agents[0], e.ID)
		wantCode(t, err, passerelles.ECONFLICT, "")
		_, err = f.s.Events.RegisterForEvent(f.agents[4], e.ID)
		wantCode(t, err, passerelles.ECONFLICT, "")
		wantState(t, f.state(e.ID), "REGISTERED", "REGISTERED", "WAITLISTED 1", "WAITLISTED 2", "")
		// Raising the capacity still promotes, in order: the waitlisted agents asked in time.
		if _, err := f.s.Events.UpdateEvent(f.animator, e.ID, f.input(3)); err != nil {
			t.Fatal(err)
		}
		wantState(t, f.state(e.ID), "REGISTERED", "REGISTERED", "REGISTERED", "WAITLISTED 1", "")
	})
	t.Run("AccountErased", func(t *testing.T) {
		f, e := setup(t)
		if err := f.s.Profiles.DeleteMyAccount(f.agents[0], passerelles.ErasureConfirmation); err != nil {
			t.Fatal(err)
		}
		f.agents, f.agentIDs = f.agents[1:], f.agentIDs[1:]
		wantState(t, f.state(e.ID), "REGISTERED", "REGISTERED", "WAITLISTED 1", "")
		if got := f.notifications(1, e.ID); !slices.Equal(got, []string{"WAITLISTED", "PROMOTED_FROM_WAITLIST"}) {
			t.Fatalf("notifications of the promoted agent = %q", got)
		}
	})
	t.Run("RegisterTwice", func(t *testing.T) {
		f, e := setup(t)
		r := f.register(2, e.ID)
		if r.Status != passerelles.RegistrationWaitlisted || r.WaitlistPosition != 1 {
			t.Fatalf("second registration = %+v", r)
		}
		if got := f.notifications(2, e.ID); len(got) != 1 {
			t.Fatalf("registering twice told twice: %q", got)
		}
	})
}

// TestEventValidation creates events that break one rule each and checks the error names
// its field.
func TestEventValidation(t *testing.T) {
	f := newEventFixture(t, 0)
	for _, tc := range []struct {
		name, field string
		change      func(in *passerelles.EventInput)
	}{
		{"EndBeforeStart", "endsAt", func(in *passerelles.EventInput) { in.EndsAt = in.StartsAt.Add(-time.Hour) }},
		{"EndAtStart", "endsAt", func(in *passerelles.EventInput) { in.EndsAt = in.StartsAt }},
		{"CapacityZero", "capacity", func(in *passerelles.EventInput) { z := 0; in.Capacity = &z }},
		{"CapacityNegative", "capacity", func(in *passerelles.EventInput) { z := -3; in.Capacity = &z }},
		{"OnlineWithoutLink", "onlineUrl", func(in *passerelles.EventInput) { in.Format, in.OnlineURL = passerelles.EventOnline, "" }},
		{"HybridHTTPLink", "onlineUrl", func(in *passerelles.EventInput) { in.OnlineURL = "http://webconf.example/salle" }},
		{"JavascriptLink", "onlineUrl", func(in *passerelles.EventInput) { in.OnlineURL = "javascript:alert(1)" }},
		{"OnsiteWithoutAddress", "address", func(in *passerelles.EventInput) { in.Format, in.Address = passerelles.EventOnsite, "" }},
		{"HybridWithoutAddress", "address", func(in *passerelles.EventInput) { in.Address = "  " }},
		{"DeadlineAfterStart", "registrationDeadline", func(in *passerelles.EventInput) { in.RegistrationDeadline = in.StartsAt.Add(time.Hour) }},
		{"NoTitle", "title", func(in *passerelles.EventInput) { in.Title = "\u200b" }},
		{"UnknownKind", "kind", func(in *passerelles.EventInput) { in.Kind = "PARTY" }},
		{"UnknownSkill", "skillIds.0", func(in *passerelles.EventInput) { in.SkillIDs = []int64{999999} }},
		{"UnknownRegion", "regionId", func(in *passerelles.EventInput) { in.RegionID = 999999 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := f.input(10)
			tc.change(&in)
			_, err := f.s.Events.CreateEvent(f.animator, in)
			wantCode(t, err, passerelles.EINVALID, tc.field)
			if msg := passerelles.ErrorMessage(err); msg == "" || msg == "Erreur interne." {
				t.Fatalf("message = %q", msg)
			}
		})
	}
	t.Run("OnlineWithoutAddress", func(t *testing.T) {
		in := f.input(10)
		in.Format, in.Address = passerelles.EventOnline, ""
		if _, err := f.s.Events.CreateEvent(f.animator, in); err != nil {
			t.Fatal(err)
		}
	})
}

// TestEventPermissions checks who manages, sees and reads the link of an event, in the
// store (the GraphQL matrix is in server/events_test.go).
func TestEventPermissions(t *testing.T) {
	f := newEventFixture(t, 3)
	in := f.input(1)
	draft, err := f.s.Events.CreateEvent(f.animator, in)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("ErrAgentCreates", func(t *testing.T) {
		_, err := f.s.Events.CreateEvent(f.agents[0], in)
		wantCode(t, err, passerelles.EFORBIDDEN, "")
	})
	t.Run("ErrOtherAnimatorCreates", func(t *testing.T) {
		_, err := f.s.Events.CreateEvent(f.outsider, in)
		wantCode(t, err, passerelles.EFORBIDDEN, "")
	})
	t.Run("AdminCreates", func(t *testing.T) {
		in := in
		in.Title = "Par l’administration"
		if _, err := f.s.Events.CreateEvent(admin, in); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("DraftHiddenFromAgents", func(t *testing.T) {
		for name, ctx := range map[string]context.Context{"agent": f.agents[0], "otherAnimator": f.outsider} {
			if _, err := f.s.Events.FindEventByID(ctx, draft.ID); passerelles.ErrorCode(err) != passerelles.ENOTFOUND {
				t.Fatalf("%s reads the draft: %v", name, err)
			}
			events, total, err := f.s.Events.FindEvents(ctx, passerelles.EventFilter{})
			if err != nil || total != 0 || len(events) != 0 {
				t.Fatalf("%s lists %d events (%v)", name, total, err)
			}
			_, err = f.s.Events.RegisterForEvent(ctx, draft.ID)
			wantCode(t, err, passerelles.ENOTFOUND, "")
			_, err = f.s.Events.PublishEvent(ctx, draft.ID)
			wantCode(t, err, passerelles.ENOTFOUND, "")
		}
		if _, total, err := f.s.Events.FindEvents(f.animator, passerelles.EventFilter{}); err != nil || total != 2 { // with the administrator's draft
			t.Fatalf("animator lists %d events (%v), want 2", total, err)
		}
	})
	published, err := f.s.Events.PublishEvent(f.animator, draft.ID)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("ErrOtherAnimatorUpdates", func(t *testing.T) {
		_, err := f.s.Events.UpdateEvent(f.outsider, published.ID, in)
		wantCode(t, err, passerelles.EFORBIDDEN, "")
		_, err = f.s.Events.CancelEvent(f.agents[0], published.ID)
		wantCode(t, err, passerelles.EFORBIDDEN, "")
	})
	t.Run("OnlineLinkOnlyWithASeat", func(t *testing.T) {
		f.register(0, published.ID) // the seat
		f.register(1, published.ID) // the waitlist
		for i, want := range []string{in.OnlineURL, "", ""} {
			e, err := f.s.Events.FindEventByID(f.agents[i], published.ID)
			if err != nil {
				t.Fatal(err)
			}
			if e.OnlineURL != want {
				t.Errorf("agent %d reads the link %q, want %q", i, e.OnlineURL, want)
			}
			list, _, err := f.s.Events.FindEvents(f.agents[i], passerelles.EventFilter{})
			if err != nil || len(list) != 1 || list[0].OnlineURL != want {
				t.Errorf("agent %d lists the link %v (%v), want %q", i, list, err, want)
			}
		}
		for name, ctx := range map[string]context.Context{"animator": f.animator, "admin": admin} {
			if e, err := f.s.Events.FindEventByID(ctx, published.ID); err != nil || e.OnlineURL != in.OnlineURL {
				t.Errorf("%s reads the link %v (%v)", name, e, err)
			}
		}
	})
	t.Run("ParticipantsForManagersOnly", func(t *testing.T) {
		_, err := f.s.Events.FindParticipants(f.agents[0], []int64{published.ID}, passerelles.RegistrationRegistered, passerelles.Page{})
		wantCode(t, err, passerelles.EFORBIDDEN, "")
		_, _, err = f.s.Events.ExportParticipants(f.outsider, published.ID)
		wantCode(t, err, passerelles.EFORBIDDEN, "")
		pages, err := f.s.Events.FindParticipants(f.animator, []int64{published.ID}, passerelles.RegistrationWaitlisted, passerelles.Page{})
		if err != nil || pages[published.ID].Total != 1 || pages[published.ID].Registrations[0].AgentID != f.agentIDs[1] {
			t.Fatalf("waitlist = %+v (%v)", pages, err)
		}
	})
	t.Run("Attendance", func(t *testing.T) {
		_, err := f.s.Events.MarkAttendance(f.animator, published.ID, f.agentIDs[0], true)
		wantCode(t, err, passerelles.ECONFLICT, "") // before the start
		f.now = published.StartsAt.Add(3 * time.Hour)
		_, err = f.s.Events.MarkAttendance(f.agents[0], published.ID, f.agentIDs[0], true)
		wantCode(t, err, passerelles.EFORBIDDEN, "")
		_, err = f.s.Events.MarkAttendance(f.animator, published.ID, f.agentIDs[1], true)
		wantCode(t, err, passerelles.ENOTFOUND, "agentId") // waitlisted: no seat
		r, err := f.s.Events.MarkAttendance(f.animator, published.ID, f.agentIDs[0], true)
		if err != nil || r.Attended == nil || !*r.Attended {
			t.Fatalf("attendance = %+v (%v)", r, err)
		}
	})
}

// TestEventSequence checks that the time, place and link changes increase the sequence
// and tell the participants, and that other changes do neither.
func TestEventSequence(t *testing.T) {
	f := newEventFixture(t, 2)
	e := f.mustPublish(1)
	f.register(0, e.ID)
	f.register(1, e.ID)
	for _, tc := range []struct {
		name   string
		change func(in *passerelles.EventInput)
		bump   bool
	}{
		{"Title", func(in *passerelles.EventInput) { in.Title = "Autre titre" }, false},
		{"Description", func(in *passerelles.EventInput) { in.Description = "Autre" }, false},
		{"Start", func(in *passerelles.EventInput) { in.StartsAt = in.StartsAt.Add(time.Hour) }, true},
		{"End", func(in *passerelles.EventInput) { in.EndsAt = in.EndsAt.Add(time.Hour) }, true},
		{"Address", func(in *passerelles.EventInput) { in.Address = "Autre adresse" }, true},
		{"Link", func(in *passerelles.EventInput) { in.OnlineURL = "https://webconf.numerique.gouv.fr/autre" }, true},
		{"Format", func(in *passerelles.EventInput) { in.Format = passerelles.EventOnsite }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, err := f.s.Events.FindEventByID(f.animator, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			told := len(f.notifications(1, e.ID))
			in := f.input(1)
			tc.change(&in)
			after, err := f.s.Events.UpdateEvent(f.animator, e.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			want, wantTold := before.Sequence, told
			if tc.bump {
				want, wantTold = want+1, told+1
			}
			if after.Sequence != want {
				t.Errorf("sequence = %d, want %d", after.Sequence, want)
			}
			if got := len(f.notifications(1, e.ID)); got != wantTold {
				t.Errorf("waitlisted agent has %d notifications, want %d", got, wantTold)
			}
		})
	}
}

// TestVisibleEventsMatchDomainRule checks the SQL filter of event lists against
// passerelles.CanSeeEvent for each kind of viewer and status.
func TestVisibleEventsMatchDomainRule(t *testing.T) {
	f := newEventFixture(t, 1)
	var events []*passerelles.Event
	for i, status := range []passerelles.EventStatus{passerelles.EventDraft, passerelles.EventPublished, passerelles.EventCancelled} {
		in := f.input(0)
		in.Title = fmt.Sprintf("Événement %d", i)
		e, err := f.s.Events.CreateEvent(f.animator, in)
		if err != nil {
			t.Fatal(err)
		}
		if status != passerelles.EventDraft {
			if e, err = f.s.Events.PublishEvent(f.animator, e.ID); err != nil {
				t.Fatal(err)
			}
		}
		if status == passerelles.EventCancelled {
			if e, err = f.s.Events.CancelEvent(f.animator, e.ID); err != nil {
				t.Fatal(err)
			}
		}
		events = append(events, e)
	}
	viewers := map[string]struct {
		ctx  context.Context
		role passerelles.MemberRole
	}{
		"Agent": {f.agents[0], ""}, "Animator": {f.animator, passerelles.MemberRoleAnimator},
		"OtherAnimator": {f.outsider, ""}, "Admin": {admin, ""},
	}
	for name, v := range viewers {
		t.Run(name, func(t *testing.T) {
			list, _, err := f.s.Events.FindEvents(v.ctx, passerelles.EventFilter{})
			if err != nil {
				t.Fatal(err)
			}
			u := passerelles.UserFromContext(v.ctx)
			for _, e := range events {
				want := passerelles.CanSeeEvent(u, e, passerelles.CanManageEvents(u, v.role))
				got := slices.ContainsFunc(list, func(x *passerelles.Event) bool { return x.ID == e.ID })
				if got != want {
					t.Errorf("%s event: listed %v, domain rule says %v", e.Status, got, want)
				}
			}
		})
	}
}

// TestRecommendedEventsFullLast checks the order of Mon espace's recommendations: events
// with a seat left (or no limit) before full ones, where only the waitlist is left; then
// the most matching skills, then the soonest.
func TestRecommendedEventsFullLast(t *testing.T) {
	f := newEventFixture(t, 2)
	fw := MustCreateFramework(t, f.db)
	var skills []int64
	for _, code := range []string{"s1", "s2"} {
		s := &passerelles.Skill{Code: code, Name: "Compétence " + code}
		if _, err := f.s.Skills.UpsertSkill(system, fw.Code, "d", s); err != nil {
			t.Fatal(err)
		}
		skills = append(skills, s.ID)
	}
	for _, id := range skills {
		if _, err := f.s.Profiles.DeclareSkill(f.agents[0], passerelles.SkillDeclaration{SkillID: id, Level: 1, WantsToDevelop: true}); err != nil {
			t.Fatal(err)
		}
	}
	publish := func(title string, days, capacity int, skillIDs ...int64) *passerelles.Event {
		t.Helper()
		in := f.input(capacity)
		in.Title, in.SkillIDs = title, skillIDs
		in.StartsAt = f.now.AddDate(0, 0, days)
		in.EndsAt, in.RegistrationDeadline = in.StartsAt.Add(time.Hour), in.StartsAt.AddDate(0, 0, -1)
		e, err := f.s.Events.CreateEvent(f.animator, in)
		if err != nil {
			t.Fatal(err)
		}
		if e, err = f.s.Events.PublishEvent(f.animator, e.ID); err != nil {
			t.Fatal(err)
		}
		return e
	}
	fullBoth := publish("Complet, deux compétences", 3, 1, skills...)
	fullSoon := publish("Complet, bientôt", 5, 1, skills[0])
	publish("Places libres", 10, 5, skills[0])
	publish("Sans limite", 15, 0, skills[0])
	for _, e := range []*passerelles.Event{fullBoth, fullSoon} {
		f.register(1, e.ID)
	}
	got, total, err := f.s.Events.FindRecommendedEvents(f.agents[0], passerelles.Page{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, e := range got {
		titles = append(titles, e.Title)
	}
	want := []string{"Places libres", "Sans limite", "Complet, deux compétences", "Complet, bientôt"}
	if !slices.Equal(titles, want) || total != len(want) {
		t.Fatalf("recommendations = %q (total %d), want %q", titles, total, want)
	}
}

// TestEventsPeriod checks the events list's period: events starting in [StartsFrom,
// StartsBefore), either bound alone, and the refusals of a period that ends before it
// starts or lasts more than a year.
func TestEventsPeriod(t *testing.T) {
	f := newEventFixture(t, 1)
	f.now = time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC) // March is ahead
	day := func(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, time.UTC) }
	for _, d := range []int{1, 10, 31} {
		in := f.input(0)
		in.Title = fmt.Sprintf("Le %d", d)
		in.StartsAt, in.EndsAt, in.RegistrationDeadline = day(d), day(d).Add(time.Hour), time.Time{}
		if _, err := f.s.Events.CreateEvent(f.animator, in); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name     string
		from, to time.Time
		want     []string
	}{
		{"Month", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), []string{"Le 1", "Le 10", "Le 31"}},
		{"StartIncludedEndExcluded", day(1), day(31), []string{"Le 1", "Le 10"}},
		{"FromOnly", day(2), time.Time{}, []string{"Le 10", "Le 31"}},
		{"BeforeOnly", time.Time{}, day(10), []string{"Le 1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			list, total, err := f.s.Events.FindEvents(f.animator, passerelles.EventFilter{StartsFrom: tc.from, StartsBefore: tc.to, Page: passerelles.Page{Limit: 10}})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range list {
				got = append(got, e.Title)
			}
			if !slices.Equal(got, tc.want) || total != len(tc.want) {
				t.Fatalf("events %q (total %d), want %q", got, total, tc.want)
			}
		})
	}
	for _, tc := range []struct {
		name     string
		from, to time.Time
	}{
		{"EndBeforeStart", day(10), day(1)},
		{"Empty", day(10), day(10)},
		{"LongerThanAYear", day(1), day(1).AddDate(1, 0, 2)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := f.s.Events.FindEvents(f.animator, passerelles.EventFilter{StartsFrom: tc.from, StartsBefore: tc.to, Page: passerelles.Page{Limit: 10}})
			wantCode(t, err, passerelles.EINVALID, "startsBefore")
		})
	}
}
