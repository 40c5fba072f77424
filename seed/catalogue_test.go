package seed_test

import (
	"context"
	"testing"

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
