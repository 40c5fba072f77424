package sqlite_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"passerelles"
)

// mustRole returns a role of the catalogue that requires the skill, with its target level.
func (f *profileFixture) mustRoleRequiring(tb testing.TB, skillID int64) (*passerelles.Role, int) {
	tb.Helper()
	roles, _, err := f.all.Roles.FindRoles(context.Background(), passerelles.RoleFilter{Page: passerelles.Page{Limit: 100}})
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range roles {
		for _, rs := range r.RequiredSkills {
			if rs.SkillID == skillID {
				return r, rs.Level
			}
		}
	}
	tb.Fatalf("no role requires skill %d", skillID)
	return nil, 0
}

func TestRoleGapStore(t *testing.T) {
	f := MustOpenProfileFixture(t)
	role, target := f.mustRoleRequiring(t, f.pix11)
	me, asMe := f.MustSignIn(t, "gap-me", f.orgA)
	MustDeclare(t, f.svc, asMe, f.pix11, target)
	other, asOther := f.MustSignIn(t, "gap-other", f.orgA)
	_, asManager := f.MustSignIn(t, "gap-manager", f.orgA, passerelles.AccessManager)
	gap := func(ctx context.Context, agent int64) (*passerelles.RoleGap, error) {
		return f.all.Careers.RoleGap(ctx, role.Code, agent)
	}
	g, err := gap(asMe, 0)
	if err != nil {
		t.Fatal(err)
	}
	if g.AgentID != me || g.Match == 0 || g.Skills[0].SkillID == 0 {
		t.Fatalf("gap = %+v", g)
	}
	for _, sg := range g.Skills {
		if sg.SkillID == f.pix11 && (sg.Gap != 0 || sg.Basis != passerelles.GapBasisDeclared) {
			t.Fatalf("pix 1.1: %+v", sg)
		}
	}
	for _, tc := range []struct {
		name       string
		visibility passerelles.Visibility
		ctx        context.Context
		code       string
	}{
		{"PrivateAgent", passerelles.VisibilityPrivate, asOther, passerelles.ENOTFOUND},
		{"PrivateManager", passerelles.VisibilityPrivate, asManager, passerelles.ENOTFOUND},
		{"ManagersAgent", passerelles.VisibilityManagers, asOther, passerelles.ENOTFOUND},
		{"ManagersManager", passerelles.VisibilityManagers, asManager, ""},
		{"AllAgents", passerelles.VisibilityAllAgents, asOther, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			MustSetVisibility(t, f.svc, asMe, tc.visibility)
			_, err := gap(tc.ctx, me)
			if got := code(err); got != tc.code {
				t.Fatalf("code = %q, want %q (%v)", got, tc.code, err)
			}
		})
	}
	t.Run("UnknownRole", func(t *testing.T) {
		if _, err := f.all.Careers.RoleGap(asMe, "ZZZ", 0); code(err) != passerelles.ENOTFOUND {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("Anonymous", func(t *testing.T) {
		if _, err := f.all.Careers.RoleGap(context.Background(), role.Code, me); code(err) != passerelles.EUNAUTHENTICATED {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ClosestAndPaths", func(t *testing.T) {
		dig := passerelles.RoleFamilyDigital
		gs, err := f.all.Careers.ClosestRoles(asMe, 0, &dig, 3)
		if err != nil || len(gs) != 3 {
			t.Fatalf("closest = %v, %v", gs, err)
		}
		for i := 1; i < len(gs); i++ {
			if gs[i].Match > gs[i-1].Match || gs[i].Role.Family != dig {
				t.Fatalf("not ranked: %d then %d", gs[i-1].Match, gs[i].Match)
			}
		}
		_ = other
		res, err := f.all.Careers.CareerPaths(asMe, passerelles.PathQuery{ToRoleCode: gs[0].Role.Code})
		if err != nil || res.Message == "" {
			t.Fatalf("paths = %+v, %v", res, err)
		}
		if _, err := f.all.Careers.CareerPaths(asMe, passerelles.PathQuery{ToRoleCode: gs[0].Role.Code, MaxSteps: 9}); passerelles.ErrorField(err) != "maxSteps" {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestObservedMovesSmallCells(t *testing.T) {
	f := MustOpenProfileFixture(t)
	ts, _, err := f.all.Transitions.FindTransitions(system, passerelles.TransitionFilter{Page: passerelles.Page{Limit: 1}})
	if err != nil || len(ts) == 0 {
		t.Fatal(err)
	}
	tr := ts[0]
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	move := func(i int) {
		_, ctx := f.MustSignIn(t, fmt.Sprintf("mover-%d", i), f.orgA)
		end := day("2020-06-30")
		if _, err := f.all.CareerHistory.SetCareerHistory(ctx, []passerelles.PastRole{
			{RoleID: tr.ToRoleID, StartedOn: day("2020-07-01")},
			{RoleID: tr.FromRoleID, StartedOn: day("2018-01-01").AddDate(0, i, 0), EndedOn: &end},
		}); err != nil {
			t.Fatal(err)
		}
	}
	_, viewer := f.MustSignIn(t, "reader", f.orgA)
	observed := func() passerelles.ObservedMoves {
		m, err := f.all.CareerHistory.FindObservedMoves(viewer, []*passerelles.Transition{tr})
		if err != nil {
			t.Fatal(err)
		}
		return m[tr.ID]
	}
	for i := range 4 {
		move(i)
	}
	if m := observed(); m.Count != nil || m.MedianMonths != nil || m.SuppressedReason == "" {
		t.Fatalf("4 agents: %+v", m)
	}
	move(4)
	// Months in the origin role: 29, 28, 27, 26, 25 → median 27.
	if m := observed(); m.Count == nil || *m.Count != 5 || *m.MedianMonths != 27 {
		t.Fatalf("5 agents: %+v", m)
	}
	if _, err := f.all.CareerHistory.FindObservedMoves(context.Background(), []*passerelles.Transition{tr}); code(err) != passerelles.EUNAUTHENTICATED {
		t.Fatalf("anonymous: %v", err)
	}
}

func TestMentorsAndRequests(t *testing.T) {
	f := MustOpenProfileFixture(t)
	role, target := f.mustRoleRequiring(t, f.pix11)
	bg := context.Background()
	_ = bg
	me, asMe := f.MustSignIn(t, "mentee", f.orgA)
	willing := true
	mk := func(name string, v passerelles.Visibility, willingToMentor bool, level int, hidden ...int64) (int64, context.Context) {
		id, ctx := f.MustSignIn(t, name, f.orgA)
		MustSetVisibility(t, f.svc, ctx, v, hidden...)
		if _, err := f.svc.UpdateProfile(ctx, passerelles.ProfileUpdate{WillingToMentor: &willingToMentor}); err != nil {
			t.Fatal(err)
		}
		if level > 0 {
			MustDeclare(t, f.svc, ctx, f.pix11, level)
		}
		return id, ctx
	}
	good, asGood := mk("mentor-good", passerelles.VisibilityAllAgents, willing, target)
	mover, asMover := mk("mentor-mover", passerelles.VisibilityAllAgents, willing, target)
	low, _ := mk("mentor-low", passerelles.VisibilityAllAgents, willing, max(1, target-1))
	unwilling, _ := mk("mentor-unwilling", passerelles.VisibilityAllAgents, false, target)
	private, _ := mk("mentor-private", passerelles.VisibilityPrivate, willing, target)
	hidden, _ := mk("mentor-hidden", passerelles.VisibilityAllAgents, willing, target, f.orgA)
	MustDeclare(t, f.svc, asMe, f.pix11, 1)
	end := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := f.all.CareerHistory.SetCareerHistory(asMover, []passerelles.PastRole{
		{RoleID: f.role2, StartedOn: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), EndedOn: &end},
		{RoleID: role.ID, StartedOn: end},
	}); err != nil {
		t.Fatal(err)
	}
	q := passerelles.MentorQuery{RoleID: role.ID, CurrentRoleID: f.role2, Limit: 10,
		Skills: []passerelles.SkillGap{{SkillID: f.pix11, TargetLevel: target}}}
	ms, err := f.all.Mentoring.FindMentors(asMe, q)
	if err != nil {
		t.Fatal(err)
	}
	got := ms[f.pix11]
	if len(got) != 2 || got[0].AgentID != mover || !got[0].MadeTheMove || got[1].AgentID != good {
		t.Fatalf("mentors = %+v (mover %d, good %d, low %d, unwilling %d, private %d, hidden %d, me %d)", got, mover, good, low, unwilling, private, hidden, me)
	}
	if r := ms[0]; len(r) != 1 || r[0].AgentID != mover {
		t.Fatalf("role mentors = %+v", r)
	}

	t.Run("Requests", func(t *testing.T) {
		ask := func(ctx context.Context, mentor int64) (*passerelles.MentoringRequest, error) {
			return f.all.Mentoring.RequestMentoring(ctx, passerelles.MentoringInput{MentorID: mentor, RoleCode: role.Code, Message: "Bonjour !"})
		}
		for name, tc := range map[string]struct {
			mentor int64
			code   string
		}{
			"ErrSelf": {me, passerelles.EINVALID}, "ErrUnwilling": {unwilling, passerelles.EINVALID},
			"ErrPrivate": {private, passerelles.ENOTFOUND}, "ErrHidden": {hidden, passerelles.ENOTFOUND},
			"ErrMissing": {999999, passerelles.ENOTFOUND},
		} {
			if _, err := ask(asMe, tc.mentor); code(err) != tc.code {
				t.Fatalf("%s: %v, want %s", name, err, tc.code)
			}
		}
		r, err := ask(asMe, good)
		if err != nil || r.State != passerelles.MentoringPending || r.MentorEmail != "" {
			t.Fatalf("request = %+v, %v", r, err)
		}
		if _, err := ask(asMe, good); code(err) != passerelles.ECONFLICT {
			t.Fatalf("second open request: %v", err)
		}
		if _, err := f.all.Mentoring.RespondToMentoring(asMe, r.ID, true); code(err) != passerelles.EFORBIDDEN {
			t.Fatalf("requester answers: %v", err)
		}
		if _, err := f.all.Mentoring.WithdrawMentoring(asGood, r.ID); code(err) != passerelles.EFORBIDDEN {
			t.Fatalf("mentor withdraws: %v", err)
		}
		if _, err := f.all.Mentoring.RespondToMentoring(asMover, r.ID, true); code(err) != passerelles.ENOTFOUND {
			t.Fatalf("stranger answers: %v", err)
		}
		got, err := f.all.Mentoring.RespondToMentoring(asGood, r.ID, true)
		if err != nil || got.State != passerelles.MentoringAccepted || got.MentorEmail == "" || got.RequesterEmail == "" {
			t.Fatalf("accepted = %+v, %v", got, err)
		}
		sent, n, err := f.all.Mentoring.FindMentoringRequests(asMe, true, passerelles.Page{Limit: 10})
		if err != nil || n != 1 || sent[0].MentorEmail == "" {
			t.Fatalf("sent = %+v, %d, %v", sent, n, err)
		}
		received, n, err := f.all.Mentoring.FindMentoringRequests(asGood, false, passerelles.Page{Limit: 10})
		if err != nil || n != 1 || received[0].ID != r.ID {
			t.Fatalf("received = %+v, %d, %v", received, n, err)
		}
		// Withdrawn then asked again; then the flood bound (5 a day) stops the sixth.
		r2, err := ask(asMe, mover)
		if err != nil {
			t.Fatal(err)
		}
		if w, err := f.all.Mentoring.WithdrawMentoring(asMe, r2.ID); err != nil || w.State != passerelles.MentoringWithdrawn {
			t.Fatalf("withdraw: %+v, %v", w, err)
		}
		for i := 3; i <= passerelles.MaxMentoringRequestsPerDay; i++ {
			r, err := ask(asMe, mover)
			if err != nil {
				t.Fatalf("request %d: %v", i, err)
			}
			if _, err := f.all.Mentoring.WithdrawMentoring(asMe, r.ID); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := ask(asMe, mover); code(err) != passerelles.EINVALID {
			t.Fatalf("flood: %v", err)
		}
		f.clock.Advance(25 * time.Hour)
		if _, err := ask(asMe, mover); err != nil {
			t.Fatalf("next day: %v", err)
		}
	})

	t.Run("ExportAndErasure", func(t *testing.T) {
		x, err := f.svc.ExportMyData(asMover)
		if err != nil {
			t.Fatal(err)
		}
		if len(x.CareerHistory) != 2 || len(x.MentoringRequests) == 0 || x.MentoringRequests[0].Sent {
			t.Fatalf("export: %+v %+v", x.CareerHistory, x.MentoringRequests)
		}
		if err := f.svc.DeleteMyAccount(asMover, passerelles.ErasureConfirmation); err != nil {
			t.Fatal(err)
		}
		for _, table := range []string{"agent_past_roles", "agent_moves"} {
			if n := f.count(t, `SELECT COUNT(*) FROM `+table+` WHERE agent_id = ?`, mover); n != 0 {
				t.Fatalf("%s: %d rows left", table, n)
			}
		}
		if n := f.count(t, `SELECT COUNT(*) FROM mentoring_requests WHERE mentor_id = ? OR requester_id = ?`, mover, mover); n != 0 {
			t.Fatalf("mentoring requests left: %d", n)
		}
	})
}

func TestRoleCounts(t *testing.T) {
	f := MustOpenProfileFixture(t)
	for i := range 5 {
		_, ctx := f.MustSignIn(t, fmt.Sprintf("holder-%d", i), f.orgA)
		upd := passerelles.ProfileUpdate{CurrentRoleID: &f.role}
		if i < 4 {
			upd.TargetRoleIDs = &[]int64{f.role2}
		}
		if _, err := f.svc.UpdateProfile(ctx, upd); err != nil {
			t.Fatal(err)
		}
	}
	_, viewer := f.MustSignIn(t, "counter", f.orgA)
	c, err := f.all.CareerHistory.CountRoleAgents(viewer, []int64{f.role, f.role2})
	if err != nil {
		t.Fatal(err)
	}
	if c[f.role].Holders != 5 || c[f.role2].Targeters != 4 {
		t.Fatalf("counts = %+v", c)
	}
	if passerelles.SuppressSmall(c[f.role2].Targeters) != nil || *passerelles.SuppressSmall(c[f.role].Holders) != 5 {
		t.Fatal("suppression")
	}
}
