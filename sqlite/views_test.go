package sqlite_test

import (
	"context"
	"testing"
	"time"

	"passerelles"
)

// TestEveryPathRecordsViews runs each operation that reads or acts on another agent's
// profile, successful or refused, as a manager, as an agent and as a manager of an
// organisation the profile hides from. Each is a visit of its own (the clock moves past
// the 10-minute window): the manager's leaves one view, whatever the outcome; the agent's
// and the one who cannot see the profile leave none.
func TestEveryPathRecordsViews(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustSignIn(t, "target", f.orgA)
	MustSetVisibility(t, f.svc, ctx, passerelles.VisibilityAllAgents, f.orgH)
	MustDeclare(t, f.svc, ctx, f.pix11, 3)
	MustDeclare(t, f.svc, ctx, f.pix12, 2)
	_, asManager := f.MustSignIn(t, "boss", f.orgA, passerelles.AccessManager) // PRIVATE profile
	_, asAgent := f.MustSignIn(t, "peer", f.orgA)
	_, asHiddenManager := f.MustSignIn(t, "hidden-boss", f.orgH, passerelles.AccessManager)

	ops := []struct {
		name    string
		do      func(c context.Context) error
		manager string // the manager's outcome: "" or the refusal's code
	}{
		{"FindProfile", func(c context.Context) error { _, err := f.svc.FindProfile(c, me); return err }, ""},
		{"FindProfiles", func(c context.Context) error { _, err := f.svc.FindProfiles(c, []int64{me}); return err }, ""},
		{"FindSkillHistory", func(c context.Context) error { _, err := f.svc.FindSkillHistory(c, me, f.pix11); return err }, ""},
		{"FindSkillHistoryNeverDeclared", func(c context.Context) error { _, err := f.svc.FindSkillHistory(c, me, f.pix31); return err }, passerelles.ENOTFOUND},
		{"FindSkillHistories", func(c context.Context) error { _, err := f.svc.FindSkillHistories(c, []int64{me}); return err }, ""},
		{"FindEndorsements", func(c context.Context) error { _, _, err := f.svc.FindEndorsements(c, me, f.pix11); return err }, ""},
		{"FindEndorsementsNotDeclared", func(c context.Context) error { _, _, err := f.svc.FindEndorsements(c, me, f.pix31); return err }, passerelles.ENOTFOUND},
		{"FindAllEndorsements", func(c context.Context) error { _, err := f.svc.FindAllEndorsements(c, []int64{me}); return err }, ""},
		{"ValidateSkill", func(c context.Context) error { _, err := f.svc.ValidateSkill(c, me, f.pix11, 3, ""); return err }, ""},
		{"ValidateSkillNotDeclared", func(c context.Context) error { _, err := f.svc.ValidateSkill(c, me, f.pix31, 3, ""); return err }, passerelles.ENOTFOUND},
		{"ValidateSkillLevelOffScale", func(c context.Context) error { _, err := f.svc.ValidateSkill(c, me, f.pix12, 0, ""); return err }, passerelles.EINVALID},
		{"EndorseSkill", func(c context.Context) error { return f.svc.EndorseSkill(c, me, f.pix12) }, ""},
		{"EndorseSkillTwice", func(c context.Context) error { return f.svc.EndorseSkill(c, me, f.pix12) }, passerelles.ECONFLICT},
		{"EndorseSkillNotDeclared", func(c context.Context) error { return f.svc.EndorseSkill(c, me, f.pix31) }, passerelles.ENOTFOUND},
	}
	views := func(t *testing.T) int {
		t.Helper()
		_, n, err := f.svc.FindProfileViews(ctx, passerelles.Page{})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, viewer := range []struct {
		name    string
		ctx     context.Context
		records bool
	}{
		{"Manager", asManager, true},
		{"Agent", asAgent, false},
		{"ManagerOfHiddenOrganisation", asHiddenManager, false},
	} {
		for _, op := range ops {
			t.Run(viewer.name+"/"+op.name, func(t *testing.T) {
				f.clock.Advance(11 * time.Minute)
				before := views(t)
				err := op.do(viewer.ctx)
				if viewer.name == "Manager" && code(err) != op.manager {
					t.Fatalf("code = %q (%v), want %q", code(err), err, op.manager)
				}
				if got, want := views(t)-before, map[bool]int{true: 1}[viewer.records]; got != want {
					t.Fatalf("%d views recorded (error %v), want %d", got, err, want)
				}
			})
		}
	}
}

// TestSkillProbeIsRecorded replays the probe of issue 7: a manager whose own profile is
// PRIVATE tries validateSkill at level 0 on every skill of both referentials; the answers
// (« not declared » or « level 0 not defined ») tell which 18 skills the agent declared.
// The agent must see that someone read their profile, and who.
func TestSkillProbeIsRecorded(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustSignIn(t, "probed", f.orgA)
	MustSetVisibility(t, f.svc, ctx, passerelles.VisibilityManagers)
	skills, total, err := f.all.Skills.FindSkills(context.Background(), passerelles.SkillFilter{Page: passerelles.Page{Limit: 100}})
	if err != nil || total != 56 {
		t.Fatalf("%d skills (%v), want the 56 of Pix and e-CF", total, err)
	}
	declared := map[int64]bool{}
	for _, s := range skills { // 18 of them, at level 4 where the referential defines it
		if len(declared) < 18 {
			if _, err := f.svc.DeclareSkill(ctx, passerelles.SkillDeclaration{SkillID: s.ID, Level: 4}); err == nil {
				declared[s.ID] = true
			}
		}
	}
	if len(declared) != 18 {
		t.Fatalf("declared %d skills, want 18", len(declared))
	}
	_, asProber := f.MustSignIn(t, "prober", f.orgA, passerelles.AccessManager)
	f.clock.Advance(time.Hour)

	recovered := 0
	for _, s := range skills {
		f.clock.Advance(time.Second)
		_, err := f.svc.ValidateSkill(asProber, me, s.ID, 0, "")
		if code(err) == passerelles.EINVALID {
			recovered++
		}
	}
	if recovered != len(declared) {
		t.Fatalf("the probe recovered %d skills, want the %d declared (else it does not reproduce the issue)", recovered, len(declared))
	}
	views, n, err := f.svc.FindProfileViews(ctx, passerelles.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 || views[0].ViewerName != "prober Test" {
		t.Fatalf("views after 56 probing calls = %+v (%d), want one visit naming the prober", views, n)
	}
}

// TestAgentKnowsWhoValidated: a manager whose profile is PRIVATE validates a skill. The
// agent reads their name on the declaration and in its history — only the name: the
// manager's profile stays out of reach — while another manager reading the profile does
// not learn it from these fields.
func TestAgentKnowsWhoValidated(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustSignIn(t, "validated", f.orgA)
	MustSetVisibility(t, f.svc, ctx, passerelles.VisibilityManagers)
	MustDeclare(t, f.svc, ctx, f.pix11, 3)
	boss, asBoss := f.MustSignIn(t, "secretive", f.orgA, passerelles.AccessManager)
	_, asOther := f.MustSignIn(t, "other-boss", f.orgA, passerelles.AccessManager)
	if _, err := f.svc.ValidateSkill(asBoss, me, f.pix11, 3, ""); err != nil {
		t.Fatal(err)
	}
	read := func(t *testing.T, c context.Context) (passerelles.DeclaredSkill, passerelles.SkillVersion) {
		t.Helper()
		p, err := f.svc.FindProfile(c, me)
		if err != nil {
			t.Fatal(err)
		}
		h, err := f.svc.FindSkillHistory(c, me, f.pix11)
		if err != nil {
			t.Fatal(err)
		}
		return p.Skills[0], h[len(h)-1]
	}
	t.Run("TheAgentReadsTheName", func(t *testing.T) {
		d, v := read(t, ctx)
		if d.ValidatedBy != boss || d.ValidatedByName != "secretive Test" {
			t.Fatalf("validated by %d %q, want %d %q", d.ValidatedBy, d.ValidatedByName, boss, "secretive Test")
		}
		if v.Change != passerelles.SkillValidated || v.ChangedByName != "secretive Test" {
			t.Fatalf("last version %s by %q, want VALIDATED by the manager", v.Change, v.ChangedByName)
		}
	})
	t.Run("NotTheProfile", func(t *testing.T) {
		if ps, err := f.svc.FindProfiles(ctx, []int64{boss}); err != nil || len(ps) != 0 {
			t.Fatalf("the agent reads the private manager's profile: %v %v", ps, err)
		}
	})
	t.Run("OthersDoNotReadTheName", func(t *testing.T) {
		d, v := read(t, asOther)
		if d.ValidatedByName != "" || v.ChangedByName != "" {
			t.Fatalf("another manager reads %q and %q", d.ValidatedByName, v.ChangedByName)
		}
	})
	t.Run("TheViewIsListedWithTheName", func(t *testing.T) {
		views, _, err := f.svc.FindProfileViews(ctx, passerelles.Page{})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, v := range views {
			found = found || (v.ViewerID == boss && v.ViewerName == "secretive Test")
		}
		if !found {
			t.Fatalf("the validation is not among the views: %+v", views)
		}
	})
}
