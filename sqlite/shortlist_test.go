package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"passerelles"
	"passerelles/seed"
	"passerelles/sqlite"
	"passerelles/sqlite/sqlitetest"
)

// mustOwner signs in a person whose provider asserts the organisation named label ("" for
// none), grants them roles, and returns them as the store knows them, with their context.
func (f *profileFixture) mustOwner(tb testing.TB, subject, label string, roles ...passerelles.AccessRole) (*passerelles.User, context.Context) {
	tb.Helper()
	m, err := f.all.Users.SignIn(system, passerelles.Identity{Issuer: "https://idp.test", Subject: subject, GivenName: subject,
		UsualName: "Test", OrganizationLabel: label}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range roles {
		if err := f.all.Users.GrantAccessRole(system, m.Agent.ID, r); err != nil {
			tb.Fatal(err)
		}
	}
	u, err := f.all.Users.FindUser(context.Background(), m.Agent.ID)
	if err != nil {
		tb.Fatal(err)
	}
	return u, passerelles.NewContextWithUser(context.Background(), u)
}

// TestShortlistKeepsWhomTheOwnerSees changes an agent's visibility and hidden
// organisations under owners of every kind and checks, after each change, that the agent
// is on each owner's list exactly when CanSeeProfile lets that owner see her — with one
// departure counted each time she leaves — and that a manager who loses the role keeps
// only the agents shown to all.
func TestShortlistKeepsWhomTheOwnerSees(t *testing.T) {
	f := MustOpenProfileFixture(t)
	ctx := context.Background()
	names := map[int64]string{}
	orgs, _, err := f.all.Organisations.FindOrganisations(ctx, passerelles.OrganisationFilter{IDs: []int64{f.orgA, f.orgH}, Page: passerelles.Page{Limit: 2}})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	type owner struct {
		name string
		user *passerelles.User
		ctx  context.Context
		list int64
	}
	var owners []*owner
	for _, o := range []struct {
		name, label string
		role        passerelles.AccessRole
	}{
		{"manager-of-A", names[f.orgA], passerelles.AccessManager},
		{"admin-of-H", names[f.orgH], passerelles.AccessAdmin},
		{"manager-unasserted", "", passerelles.AccessManager},
	} {
		u, c := f.mustOwner(t, o.name, o.label, o.role)
		l, err := f.all.Shortlists.CreateShortlist(c, "Vivier")
		if err != nil {
			t.Fatal(err)
		}
		owners = append(owners, &owner{o.name, u, c, l.ID})
	}
	agentID, asAgent := f.MustSignIn(t, "agent", f.orgA)
	departed := map[string]int{}
	for _, vis := range []passerelles.Visibility{passerelles.VisibilityPrivate, passerelles.VisibilityManagers, passerelles.VisibilityAllAgents} {
		for _, hidden := range [][]int64{{}, {f.orgA}, {f.orgH}} {
			t.Run(fmt.Sprintf("%s hidden from %v", vis, hidden), func(t *testing.T) {
				MustSetVisibility(t, f.svc, asAgent, passerelles.VisibilityAllAgents)
				for _, o := range owners {
					_, err := f.all.Shortlists.AddToShortlist(o.ctx, o.list, agentID, "Note.")
					if err != nil && code(err) != passerelles.ECONFLICT {
						t.Fatalf("%s adds: %v", o.name, err)
					}
				}
				MustSetVisibility(t, f.svc, asAgent, vis, hidden...)
				for _, o := range owners {
					want := passerelles.CanSeeProfile(o.user, &passerelles.Agent{ID: agentID, Visibility: vis}, hidden)
					on := f.count(t, `SELECT COUNT(*) FROM shortlist_entries WHERE shortlist_id = ? AND agent_id = ?`, o.list, agentID) == 1
					if on != want {
						t.Errorf("%s keeps her: %v, want %v", o.name, on, want)
					}
					if !want {
						departed[o.name]++
					}
					l, err := f.all.Shortlists.FindShortlist(o.ctx, o.list)
					if err != nil {
						t.Fatal(err)
					}
					if l.Departed != departed[o.name] || (l.EntryCount == 1) != want {
						t.Errorf("%s's list: %d entries, %d departed, want %v and %d", o.name, l.EntryCount, l.Departed, want, departed[o.name])
					}
				}
			})
		}
	}
	t.Run("ManagerLosesTheRole", func(t *testing.T) {
		m := owners[0]
		shown, asShown := f.MustSignIn(t, "shown-to-all", f.orgA)
		MustSetVisibility(t, f.svc, asShown, passerelles.VisibilityAllAgents)
		MustSetVisibility(t, f.svc, asAgent, passerelles.VisibilityManagers)
		for _, id := range []int64{shown, agentID} {
			if _, err := f.all.Shortlists.AddToShortlist(m.ctx, m.list, id, ""); err != nil && code(err) != passerelles.ECONFLICT {
				t.Fatal(err)
			}
		}
		if err := f.all.Users.RevokeAccessRole(system, m.user.AgentID, passerelles.AccessManager); err != nil {
			t.Fatal(err)
		}
		for id, want := range map[int64]int{shown: 1, agentID: 0} {
			if got := f.count(t, `SELECT COUNT(*) FROM shortlist_entries WHERE shortlist_id = ? AND agent_id = ?`, m.list, id); got != want {
				t.Errorf("agent %d on the former manager's list: %d, want %d", id, got, want)
			}
		}
		now, err := f.all.Users.FindUser(context.Background(), m.user.AgentID) // as the next request reads them
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.all.Shortlists.FindShortlist(passerelles.NewContextWithUser(context.Background(), now), m.list); code(err) != passerelles.EFORBIDDEN {
			t.Errorf("a former manager reads their list: %v", err)
		}
	})
}

// TestShortlistRules checks the bounds and refusals of the store, with their fields.
func TestShortlistRules(t *testing.T) {
	f := MustOpenProfileFixture(t)
	_, asManager := f.mustOwner(t, "manager", "", passerelles.AccessManager)
	agent, asAgent := f.MustSignIn(t, "agent", f.orgA)
	MustSetVisibility(t, f.svc, asAgent, passerelles.VisibilityAllAgents)
	l, err := f.all.Shortlists.CreateShortlist(asManager, "  Vivier\u00a0data ")
	if err != nil {
		t.Fatal(err)
	}
	if l.Name != "Vivier\u00a0data" {
		t.Errorf("name stored as %q", l.Name)
	}
	for _, tc := range []struct {
		name, code, field string
		err               func() error
	}{
		{"AgentHasNone", passerelles.EFORBIDDEN, "", func() error { _, err := f.all.Shortlists.CreateShortlist(asAgent, "Moi"); return err }},
		{"Anonymous", passerelles.EUNAUTHENTICATED, "", func() error {
			_, _, err := f.all.Shortlists.FindShortlists(context.Background(), passerelles.Page{})
			return err
		}},
		{"BlankName", passerelles.EINVALID, "name", func() error { _, err := f.all.Shortlists.CreateShortlist(asManager, "\u200b"); return err }},
		{"NameTooLong", passerelles.EINVALID, "name", func() error {
			_, err := f.all.Shortlists.CreateShortlist(asManager, string(make([]rune, passerelles.MaxShortlistNameLength+1)))
			return err
		}},
		{"SameName", passerelles.ECONFLICT, "name", func() error { _, err := f.all.Shortlists.CreateShortlist(asManager, "Vivier\u00a0data"); return err }},
		{"NoteWithControl", passerelles.EINVALID, "note", func() error {
			_, err := f.all.Shortlists.AddToShortlist(asManager, l.ID, agent, "a\x07b")
			return err
		}},
		{"UnknownAgent", passerelles.ENOTFOUND, "", func() error { _, err := f.all.Shortlists.AddToShortlist(asManager, l.ID, 999_999, ""); return err }},
		{"NoteOfAgentNotOnList", passerelles.ENOTFOUND, "agentId", func() error {
			_, err := f.all.Shortlists.UpdateShortlistNote(asManager, l.ID, agent, "x")
			return err
		}},
		{"SavedSearchWithUnknownSkill", passerelles.EINVALID, "filter.required.0.skillId", func() error {
			_, err := f.all.Shortlists.SaveSearch(asManager, "Rien", passerelles.TalentFilter{Required: []passerelles.TalentSkill{{SkillID: 999_999, MinLevel: 1}}})
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.err()
			if code(err) != tc.code || passerelles.ErrorField(err) != tc.field {
				t.Fatalf("error %v (field %q), want %s on %q", err, passerelles.ErrorField(err), tc.code, tc.field)
			}
		})
	}
	t.Run("NoteKeepsItsLines", func(t *testing.T) {
		e, err := f.all.Shortlists.AddToShortlist(asManager, l.ID, agent, "Ligne 1\r\nLigne 2")
		if err != nil {
			t.Fatal(err)
		}
		if e.Note != "Ligne 1\nLigne 2" || e.Profile == nil || e.Profile.Agent.ID != agent {
			t.Fatalf("entry %+v", e)
		}
	})
	t.Run("ListsPerOwner", func(t *testing.T) {
		for i := 1; i < passerelles.MaxShortlistsPerOwner; i++ {
			if _, err := f.all.Shortlists.CreateShortlist(asManager, fmt.Sprintf("Liste %02d", i)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := f.all.Shortlists.CreateShortlist(asManager, "Une de trop"); code(err) != passerelles.ECONFLICT {
			t.Fatalf("list %d: %v", passerelles.MaxShortlistsPerOwner+1, err)
		}
	})
}

// TestShortlistEntriesStatements: a page of 50 entries of three lists, with their
// profiles, costs as many statements as a page of 1 entry of one list.
func TestShortlistEntriesStatements(t *testing.T) {
	path := filepath.Join(t.TempDir(), "count.db")
	db := sqlite.NewDB(path)
	db.DriverName = sqlitetest.Register()
	if err := db.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := db.Services()
	if _, err := seed.LoadReferentials(system, svc); err != nil {
		t.Fatal(err)
	}
	if _, err := seed.GenerateDemo(system, svc, seed.DemoOptions{Agents: 200, Seed: 1, BatchSize: 200, Now: time.Now()}); err != nil {
		t.Fatal(err)
	}
	m, err := svc.Users.SignIn(system, passerelles.Identity{Issuer: "i", Subject: "m"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Users.GrantAccessRole(system, m.Agent.ID, passerelles.AccessManager); err != nil {
		t.Fatal(err)
	}
	asManager := passerelles.NewContextWithUser(context.Background(), &passerelles.User{AgentID: m.Agent.ID,
		AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessManager}})
	r, err := svc.Talent.SearchTalent(asManager, passerelles.TalentQuery{First: 100})
	if err != nil || len(r.Matches) < 60 {
		t.Fatalf("%d profiles visible to a manager (%v): the data must hold 60", len(r.Matches), err)
	}
	var lists []int64
	for i, n := range []int{1, 50, 50} {
		l, err := svc.Shortlists.CreateShortlist(asManager, fmt.Sprintf("Liste %d", i))
		if err != nil {
			t.Fatal(err)
		}
		for _, mt := range r.Matches[i : i+n] {
			if _, err := svc.Shortlists.AddToShortlist(asManager, l.ID, mt.AgentID, "Note sur ce profil."); err != nil {
				t.Fatal(err)
			}
		}
		lists = append(lists, l.ID)
	}
	counts := map[string]int64{}
	for name, ids := range map[string][]int64{"1": lists[:1], "3×50": lists} {
		sqlitetest.Reset()
		entries, _, err := svc.Shortlists.FindShortlistEntries(asManager, ids, passerelles.Page{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		if want := map[string]int{"1": 1, "3×50": 50}[name]; len(entries[ids[len(ids)-1]]) != want {
			t.Fatalf("%s: %d entries, want %d", name, len(entries[ids[len(ids)-1]]), want)
		}
		for _, l := range entries {
			for _, e := range l {
				if e.Profile == nil || e.Profile.Agent.GivenName == "" || !e.Profile.SkillsOmitted {
					t.Fatalf("entry of agent %d without its card (a profile read without its skills)", e.AgentID)
				}
			}
		}
		counts[name] = sqlitetest.Statements()
	}
	if counts["1"] != counts["3×50"] {
		t.Fatalf("a page of 1 entry costs %d statements, pages of 50 entries of 3 lists %d", counts["1"], counts["3×50"])
	}
}

// TestSavedSearchConcurrentRuns runs one saved search from its first page 8 times at once
// after an agent becomes visible: whatever the interleaving, the stored state stays the
// comparison of two runs (the new count is what the latest run has that the baseline
// lacks), and the newcomer is new in the answers. Before runs compared with the run they
// read, a run that overlapped another stored the other's matches as its own baseline.
func TestSavedSearchConcurrentRuns(t *testing.T) {
	f := MustOpenProfileFixture(t)
	_, asManager := f.mustOwner(t, "manager-runs", "", passerelles.AccessManager)
	_, asAgent := f.mustOwner(t, "newcomer", "")
	text := "Newcomerunique"
	saved, err := f.all.Shortlists.SaveSearch(asManager, "Nouveaux", passerelles.TalentFilter{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	bio := "Profil " + text
	vis := passerelles.VisibilityAllAgents
	if _, err := f.all.Profiles.UpdateProfile(asAgent, passerelles.ProfileUpdate{Bio: &bio, Visibility: &vis}); err != nil {
		t.Fatal(err)
	}
	for round := range 5 {
		var wg sync.WaitGroup
		var shownNew atomic.Int32
		errs := make(chan error, 8)
		for range 8 {
			wg.Go(func() {
				run, err := f.all.Shortlists.RunSavedSearch(asManager, saved.ID, 20, nil, false)
				if err == nil && len(run.Matches) != 1 {
					err = fmt.Errorf("%d matches, want the newcomer", len(run.Matches))
				}
				if err == nil && run.New[run.Matches[0].AgentID] {
					shownNew.Add(1)
				}
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		// A run that read the search after another stored its run compares with that one.
		if round == 0 && shownNew.Load() == 0 {
			t.Fatal("no run of the first round shows the newcomer as new")
		}
		var baseline, latest []byte
		var newCount int
		if err := f.raw.QueryRow(`SELECT baseline, latest, new_count FROM saved_searches WHERE id = ?`, saved.ID).Scan(&baseline, &latest, &newCount); err != nil {
			t.Fatal(err)
		}
		b, l := roaring.New(), roaring.New()
		if _, err := b.FromBuffer(baseline); err != nil {
			t.Fatal(err)
		}
		if _, err := l.FromBuffer(latest); err != nil {
			t.Fatal(err)
		}
		if want := int(roaring.AndNot(l, b).GetCardinality()); newCount != want {
			t.Fatalf("round %d: new count %d stored, but the latest run has %d the baseline lacks", round, newCount, want)
		}
	}
}
