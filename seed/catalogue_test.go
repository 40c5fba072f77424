package seed_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"passerelles"
	"passerelles/seed"
)

// mustAdmin signs in an administrator and returns their context.
func mustAdmin(tb testing.TB, svc passerelles.Services) context.Context {
	tb.Helper()
	sys := passerelles.NewSystemContext(context.Background())
	m, err := svc.Users.SignIn(sys, passerelles.Identity{Issuer: "https://idp.test", Subject: "admin"}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	if err := svc.Users.GrantAccessRole(sys, m.Agent.ID, passerelles.AccessAdmin); err != nil {
		tb.Fatal(err)
	}
	return passerelles.NewContextWithUser(context.Background(), &passerelles.User{AgentID: m.Agent.ID,
		AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessAdmin}})
}

// TestLoadReferentialsFillsTransitionDescriptions: a database loaded before transitions had
// a description gets the file's descriptions at the next start, in place (same ids).
func TestLoadReferentialsFillsTransitionDescriptions(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	svc := services(db)
	if _, err := seed.LoadReferentials(ctx, svc); err != nil {
		t.Fatal(err)
	}
	before, _, err := svc.Transitions.FindTransitions(ctx, passerelles.TransitionFilter{Page: passerelles.Page{Limit: 100}})
	if err != nil {
		t.Fatal(err)
	}
	if len(before) != 22 {
		t.Fatalf("%d transitions, want 22", len(before))
	}
	sys := passerelles.NewSystemContext(ctx)
	for _, tr := range before {
		if tr.Description == "" {
			t.Fatalf("transition %d → %d has no description", tr.FromRoleID, tr.ToRoleID)
		}
		old := *tr
		old.Description = "" // as the database held it before migration 0016
		if _, err := svc.Transitions.UpsertTransition(sys, &old); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := seed.LoadReferentials(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Changed != 22 {
		t.Errorf("reload changed %d items, want the 22 transitions", rep.Changed)
	}
	after, _, err := svc.Transitions.FindTransitions(ctx, passerelles.TransitionFilter{Page: passerelles.Page{Limit: 100}})
	if err != nil {
		t.Fatal(err)
	}
	for i, tr := range after {
		if tr.ID != before[i].ID || tr.Description != before[i].Description {
			t.Errorf("transition %d after reload = %d %q, want %d %q", i, tr.ID, tr.Description, before[i].ID, before[i].Description)
		}
	}
}

// TestLoadReferentialsKeepsAdministratorsEdits: a role an administrator changed or retired
// and a transition they retired stay so across restarts, while the rest of the files still
// load (and a second load changes nothing).
func TestLoadReferentialsKeepsAdministratorsEdits(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	svc := services(db)
	if _, err := seed.LoadReferentials(ctx, svc); err != nil {
		t.Fatal(err)
	}
	admin := mustAdmin(t, svc)
	role, err := svc.Roles.FindRoleByCode(ctx, "B05")
	if err != nil {
		t.Fatal(err)
	}
	role.Title = "Statisticien ou statisticienne"
	role.RequiredSkills = role.RequiredSkills[:1]
	if _, err := svc.Roles.UpdateRole(admin, role); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Roles.RetireRole(admin, "B16", true); err != nil {
		t.Fatal(err)
	}
	b10, err := svc.Roles.FindRoleByCode(ctx, "B10")
	if err != nil {
		t.Fatal(err)
	}
	ts, _, err := svc.Transitions.FindTransitions(ctx, passerelles.TransitionFilter{FromRoleIDs: []int64{b10.ID}, Page: passerelles.Page{Limit: 10}})
	if err != nil || len(ts) != 2 {
		t.Fatalf("transitions from B10: %v, %d", err, len(ts))
	}
	if _, err := svc.Transitions.RetireTransition(admin, ts[0].ID, true); err != nil {
		t.Fatal(err)
	}

	for range 2 {
		rep, err := seed.LoadReferentials(ctx, svc)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Changed != 0 {
			t.Errorf("reload changed %d items, want none", rep.Changed)
		}
	}
	got, err := svc.Roles.FindRoleByCode(ctx, "B05")
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != role.Title || len(got.RequiredSkills) != 1 {
		t.Errorf("B05 after restart = %q with %d skills, want the administrator's %q with 1", got.Title, len(got.RequiredSkills), role.Title)
	}
	if got, _ := svc.Roles.FindRoleByCode(ctx, "B16"); got == nil || !got.Retired() {
		t.Errorf("B16 after restart is not retired")
	}
	ts, _, err = svc.Transitions.FindTransitions(ctx, passerelles.TransitionFilter{FromRoleIDs: []int64{b10.ID}, Page: passerelles.Page{Limit: 10}})
	if err != nil || len(ts) != 1 {
		t.Errorf("transitions from B10 after restart: %v, %d, want the one not retired", err, len(ts))
	}
}

// TestDemoCareers: the 300 agents of `make run` include agents who made each showcase move
// — at least 5 per move, so that transitions show real figures above the suppression
// threshold —, in both directions and there and back again; most of them are willing to
// mentor with a profile every agent may see; each history ends with the agent's current
// role, held still, and its dates follow each other.
func TestDemoCareers(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	svc := services(db)
	if _, err := seed.LoadReferentials(ctx, svc); err != nil {
		t.Fatal(err)
	}
	rep, err := seed.GenerateDemo(ctx, svc, seed.DemoOptions{Agents: 300, Seed: 7, BatchSize: 100, Now: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	roles, _, err := svc.Roles.FindRoles(ctx, passerelles.RoleFilter{Page: passerelles.Page{Limit: 100}})
	if err != nil {
		t.Fatal(err)
	}
	code := map[int64]string{}
	family := map[int64]passerelles.RoleFamily{}
	for _, r := range roles {
		code[r.ID], family[r.ID] = r.Code, r.Family
	}
	sys := passerelles.NewSystemContext(ctx)
	moves := map[string]int{}
	mentors := map[string]int{}
	directions := map[string]int{}
	returns := 0
	for _, c := range rep.Careers {
		p, err := svc.Profiles.FindProfile(sys, c.AgentID)
		if err != nil {
			t.Fatal(err)
		}
		last := c.Entries[len(c.Entries)-1]
		if last.EndedOn != nil || last.RoleID != p.Agent.CurrentRoleID {
			t.Fatalf("agent %d: history ends with %d (ended %v), current role %d", c.AgentID, last.RoleID, last.EndedOn, p.Agent.CurrentRoleID)
		}
		path := []string{}
		for k, e := range c.Entries {
			path = append(path, code[e.RoleID])
			if k > 0 {
				prev := c.Entries[k-1]
				if prev.EndedOn == nil || !prev.EndedOn.Equal(e.StartedOn) || !prev.StartedOn.Before(*prev.EndedOn) {
					t.Fatalf("agent %d: entry %d %v–%v then %v", c.AgentID, k-1, prev.StartedOn, prev.EndedOn, e.StartedOn)
				}
				move := code[prev.RoleID] + "→" + code[e.RoleID]
				moves[move]++
				directions[string(family[prev.RoleID])+"→"+string(family[e.RoleID])]++
				if p.Agent.WillingToMentor && p.Agent.Visibility == passerelles.VisibilityAllAgents {
					mentors[move]++
				}
			}
			if e.StartedOn.After(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)) {
				t.Fatalf("agent %d: a role started %v, after the demo's dates", c.AgentID, e.StartedOn)
			}
		}
		if strings.Join(path, " ") == "B06 D02 B06" {
			returns++
		}
	}
	for _, m := range []string{"B05→D06", "B10→D13", "B01→D01", "D01→B15", "D14→B06", "B06→D02", "D02→B06"} {
		if moves[m] < 5 {
			t.Errorf("%d agents made the move %s, want at least 5", moves[m], m)
		}
		if mentors[m] < 2 {
			t.Errorf("%d visible mentors made the move %s, want at least 2", mentors[m], m)
		}
	}
	if directions["BUSINESS→DIGITAL"] == 0 || directions["DIGITAL→BUSINESS"] == 0 || returns < 5 {
		t.Errorf("moves by direction %v, %d there and back again", directions, returns)
	}
	if len(rep.Careers) < 100 {
		t.Errorf("%d agents with a history among 300, want at least 100", len(rep.Careers))
	}
}

// TestPersonaCareer: Karim holds a business role and targets a digital one after set-up;
// a second set-up changes nothing, and a target he changes himself is kept.
func TestPersonaCareer(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	svc := services(db)
	if _, err := seed.LoadReferentials(ctx, svc); err != nil {
		t.Fatal(err)
	}
	const issuer = "https://devidp.test"
	if err := seed.SetUpPersonas(ctx, svc, issuer); err != nil {
		t.Fatal(err)
	}
	sys := passerelles.NewSystemContext(ctx)
	m, err := svc.Users.SignIn(sys, passerelles.Identity{Issuer: issuer, Subject: "persona-agent-sante", GivenName: "Karim", UsualName: "Benali"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	karim := passerelles.NewContextWithUser(ctx, &passerelles.User{AgentID: m.Agent.ID, AccessRoles: m.AccessRoles})
	roleCodes := func() (string, string) {
		p, err := svc.Profiles.FindProfile(karim, m.Agent.ID)
		if err != nil {
			t.Fatal(err)
		}
		roles, _, err := svc.Roles.FindRoles(ctx, passerelles.RoleFilter{IDs: append([]int64{p.Agent.CurrentRoleID}, p.TargetRoleIDs...), Page: passerelles.Page{Limit: 10}})
		if err != nil {
			t.Fatal(err)
		}
		byID := map[int64]*passerelles.Role{}
		for _, r := range roles {
			byID[r.ID] = r
		}
		var targets []string
		for _, id := range p.TargetRoleIDs {
			targets = append(targets, byID[id].Code+" "+string(byID[id].Family))
		}
		return byID[p.Agent.CurrentRoleID].Code + " " + string(byID[p.Agent.CurrentRoleID].Family), strings.Join(targets, ",")
	}
	if cur, tgt := roleCodes(); cur != "B05 BUSINESS" || tgt != "D06 DIGITAL" {
		t.Fatalf("Karim holds %q and targets %q, want B05 BUSINESS and D06 DIGITAL", cur, tgt)
	}
	d07, err := svc.Roles.FindRoleByCode(ctx, "D07")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Profiles.UpdateProfile(karim, passerelles.ProfileUpdate{TargetRoleIDs: &[]int64{d07.ID}}); err != nil {
		t.Fatal(err)
	}
	if err := seed.SetUpPersonas(ctx, svc, issuer); err != nil {
		t.Fatal(err)
	}
	if _, tgt := roleCodes(); tgt != "D07 DIGITAL" {
		t.Errorf("after a second set-up Karim targets %q, want his own choice D07", tgt)
	}
}
