package passerelles_test

import (
	"strings"
	"testing"
	"time"

	"passerelles"
)

func declared(skill int64, level, validated int) passerelles.DeclaredSkill {
	return passerelles.DeclaredSkill{AgentSkill: passerelles.AgentSkill{SkillID: skill, Level: level}, ValidatedLevel: validated}
}

func TestComputeRoleGap(t *testing.T) {
	role := &passerelles.Role{ID: 1, Code: "D01", RequiredSkills: []passerelles.RequiredSkill{
		{SkillID: 10, Level: 4, Weight: 3}, {SkillID: 11, Level: 2, Weight: 1}, {SkillID: 12, Level: 5, Weight: 2},
	}}
	for _, tc := range []struct {
		name      string
		skills    []passerelles.DeclaredSkill
		wantMatch int
		wantGaps  []int // per required skill, in the role's order
		wantBasis []passerelles.GapBasis
		counted   []int
	}{
		{"Empty", nil, 0, []int{4, 2, 5}, []passerelles.GapBasis{"NONE", "NONE", "NONE"}, []int{0, 0, 0}},
		// 3×4/4 + 1×2/2 + 2×5/5 over 6.
		{"AllReached", []passerelles.DeclaredSkill{declared(10, 4, 0), declared(11, 2, 0), declared(12, 5, 0)}, 100,
			[]int{0, 0, 0}, []passerelles.GapBasis{"DECLARED", "DECLARED", "DECLARED"}, []int{4, 2, 5}},
		// Above target counts as the target: still 100, never more.
		{"AboveTarget", []passerelles.DeclaredSkill{declared(10, 8, 0), declared(11, 5, 0), declared(12, 7, 0)}, 100,
			[]int{0, 0, 0}, []passerelles.GapBasis{"DECLARED", "DECLARED", "DECLARED"}, []int{8, 5, 7}},
		// Declared 4 but validated 2: the validated level counts. 3×2/4 + 0 + 0 = 1.5 / 6 = 25 %.
		{"ValidatedLowerCounts", []passerelles.DeclaredSkill{declared(10, 4, 2)}, 25,
			[]int{2, 2, 5}, []passerelles.GapBasis{"VALIDATED", "NONE", "NONE"}, []int{2, 0, 0}},
		// Declared 1 but validated 4 (declared lowered since): validated counts. 3/6 = 50 %.
		{"ValidatedHigherCounts", []passerelles.DeclaredSkill{declared(10, 1, 4)}, 50,
			[]int{0, 2, 5}, []passerelles.GapBasis{"VALIDATED", "NONE", "NONE"}, []int{4, 0, 0}},
		// Missing skill 12 (weight 2), half of 11: (3 + 0.5) / 6 = 58.33 → 58.
		{"MissingSkillAndWeights", []passerelles.DeclaredSkill{declared(10, 4, 0), declared(11, 1, 0), declared(99, 8, 0)}, 58,
			[]int{0, 1, 5}, []passerelles.GapBasis{"DECLARED", "DECLARED", "NONE"}, []int{4, 1, 0}},
		// 3×3/4 + 1×2/2 + 2×1/5 = 2.25 + 1 + 0.4 = 3.65 / 6 = 60.83 → 61.
		{"Rounding", []passerelles.DeclaredSkill{declared(10, 3, 0), declared(11, 2, 0), declared(12, 1, 0)}, 61,
			[]int{1, 0, 4}, []passerelles.GapBasis{"DECLARED", "DECLARED", "DECLARED"}, []int{3, 2, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := passerelles.ComputeRoleGap(role, 7, tc.skills)
			if g.Match != tc.wantMatch {
				t.Fatalf("match = %d, want %d", g.Match, tc.wantMatch)
			}
			for i, s := range g.Skills {
				if s.Gap != tc.wantGaps[i] || s.Basis != tc.wantBasis[i] || s.CountedLevel != tc.counted[i] {
					t.Fatalf("skill %d: gap %d basis %s counted %d, want %d %s %d", s.SkillID, s.Gap, s.Basis, s.CountedLevel,
						tc.wantGaps[i], tc.wantBasis[i], tc.counted[i])
				}
				if s.Weight != role.RequiredSkills[i].Weight || s.TargetLevel != role.RequiredSkills[i].Level {
					t.Fatalf("skill %d: weight/target not the role's", s.SkillID)
				}
			}
		})
	}
	t.Run("LargestGaps", func(t *testing.T) {
		// gaps × weights: 10 → 0, 11 → 1×1, 12 → 4×2: 12 first, then 11; 10 is reached.
		g := passerelles.ComputeRoleGap(role, 7, []passerelles.DeclaredSkill{declared(10, 4, 0), declared(11, 1, 0), declared(12, 1, 0)})
		got := g.LargestGaps(3)
		if len(got) != 2 || got[0].SkillID != 12 || got[1].SkillID != 11 {
			t.Fatalf("largest gaps = %+v", got)
		}
	})
	t.Run("NoRequiredSkills", func(t *testing.T) {
		if g := passerelles.ComputeRoleGap(&passerelles.Role{ID: 2}, 7, []passerelles.DeclaredSkill{declared(10, 4, 0)}); g.Match != 0 {
			t.Fatalf("match = %d", g.Match)
		}
	})
}

func TestRankRoles(t *testing.T) {
	biz, dig := passerelles.RoleFamilyBusiness, passerelles.RoleFamilyDigital
	roles := []*passerelles.Role{
		{ID: 1, Code: "B01", Family: biz, RequiredSkills: []passerelles.RequiredSkill{{SkillID: 10, Level: 2, Weight: 1}}},
		{ID: 2, Code: "D01", Family: dig, RequiredSkills: []passerelles.RequiredSkill{{SkillID: 11, Level: 4, Weight: 1}}},
		{ID: 3, Code: "D02", Family: dig, RequiredSkills: []passerelles.RequiredSkill{{SkillID: 11, Level: 2, Weight: 1}}},
		{ID: 4, Code: "D03", Family: dig, RequiredSkills: []passerelles.RequiredSkill{{SkillID: 12, Level: 2, Weight: 1}}},
	}
	skills := []passerelles.DeclaredSkill{declared(10, 2, 0), declared(11, 2, 0)}
	codes := func(gs []*passerelles.RoleGap) string {
		var s []string
		for _, g := range gs {
			s = append(s, g.Role.Code)
		}
		return strings.Join(s, ",")
	}
	// A business agent (current role B01) looking at digital roles.
	if got, want := codes(passerelles.RankRoles(roles, 7, 1, skills, &dig)), "D02,D01,D03"; got != want {
		t.Fatalf("digital = %s, want %s", got, want)
	}
	// A digital agent (current role D02) looking at business roles, and all roles.
	if got, want := codes(passerelles.RankRoles(roles, 7, 3, skills, &biz)), "B01"; got != want {
		t.Fatalf("business = %s, want %s", got, want)
	}
	if got, want := codes(passerelles.RankRoles(roles, 7, 3, skills, nil)), "B01,D01,D03"; got != want {
		t.Fatalf("all = %s, want %s", got, want)
	}
	// A retired role is no longer a destination.
	roles[1].RetiredAt = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if got, want := codes(passerelles.RankRoles(roles, 7, 1, skills, &dig)), "D02,D03"; got != want {
		t.Fatalf("digital with D01 retired = %s, want %s", got, want)
	}
}

// pathGraph is a small catalogue: roles 1…6, each requiring skill 100+id at level 4, and
// these transitions (kind, months):
//
//	1 → 2 CLOSE 0       2 → 4 CLOSE 0      1 → 3 PROMOTION 12   3 → 4 CLOSE 0
//	1 → 4 RECONVERSION 24   4 → 1 CLOSE 0 (a cycle back)   2 → 1 CLOSE 0 (a cycle)
//	4 → 5 CLOSE 0       5 → 6 CLOSE 0      (6 is reachable from 1 in 4 steps only via 2 or 3)
func pathGraph() ([]*passerelles.Role, []*passerelles.Transition) {
	var roles []*passerelles.Role
	for id := int64(1); id <= 7; id++ {
		roles = append(roles, &passerelles.Role{ID: id, Code: "R0" + string(rune('0'+id)), Title: "Métier " + string(rune('0'+id)),
			RequiredSkills: []passerelles.RequiredSkill{{SkillID: 100 + id, Level: 4, Weight: 1}}})
	}
	tr := func(id, from, to int64, kind passerelles.TransitionKind, months int) *passerelles.Transition {
		return &passerelles.Transition{ID: id, FromRoleID: from, ToRoleID: to, Kind: kind, TypicalDurationMonths: months}
	}
	close, promo, reconv := passerelles.TransitionKindClose, passerelles.TransitionKindPromotion, passerelles.TransitionKindReconversion
	return roles, []*passerelles.Transition{
		tr(1, 1, 2, close, 0), tr(2, 2, 4, close, 0), tr(3, 1, 3, promo, 12), tr(4, 3, 4, close, 0),
		tr(5, 1, 4, reconv, 24), tr(6, 4, 1, close, 0), tr(7, 2, 1, close, 0), tr(8, 4, 5, close, 0), tr(9, 5, 6, close, 0),
	}
}

func TestCareerPaths(t *testing.T) {
	roles, transitions := pathGraph()
	// The agent matches role 4 fully, role 2 half, nothing else: step costs are
	// kind + (100 − match)/25 + months/12.
	skills := []passerelles.DeclaredSkill{declared(104, 4, 0), declared(102, 2, 0)}
	p := passerelles.NewPathPlanner(roles, transitions, 7, skills)
	route := func(path passerelles.CareerPath) string {
		var s []string
		for _, st := range path.Steps {
			if st.Kind == passerelles.CareerStepEntry {
				s = append(s, "entry")
			}
			s = append(s, roles[st.ToRoleID-1].Code)
		}
		return strings.Join(s, ">")
	}
	t.Run("KnownBest", func(t *testing.T) {
		// 1→2→4: (1+2) + (1+0) = 4; 1→4: 3+0+2 = 5; 1→3→4: (2+4+1) + 1 = 8.
		got := p.Search(1, 4, 4, 5)
		want := []string{"R02>R04", "R04", "R03>R04"}
		costs := []float64{4, 5, 8}
		if len(got) != len(want) {
			t.Fatalf("paths = %d, want %d", len(got), len(want))
		}
		for i := range want {
			if route(got[i]) != want[i] || got[i].Cost != costs[i] {
				t.Fatalf("path %d = %s (cost %v), want %s (%v)", i, route(got[i]), got[i].Cost, want[i], costs[i])
			}
		}
		if got[1].Months != 24 || got[2].Months != 12 {
			t.Fatalf("months = %d, %d", got[1].Months, got[2].Months)
		}
		if e := got[0].Steps[0].Explanation; !strings.Contains(e, "mobilité proche") || !strings.Contains(e, "50 %") {
			t.Fatalf("explanation = %q", e)
		}
	})
	t.Run("FirstK", func(t *testing.T) {
		if got := p.Search(1, 4, 4, 1); len(got) != 1 || route(got[0]) != "R02>R04" {
			t.Fatalf("best = %v", got)
		}
	})
	t.Run("StepLimit", func(t *testing.T) {
		// 1 → 6 needs 4 steps (1→2→4→5→6 or 1→4→5→6 in 3).
		if got := p.Search(1, 6, 2, 5); len(got) != 0 {
			t.Fatalf("2 steps: %d paths", len(got))
		}
		got := p.Search(1, 6, 3, 5)
		if len(got) != 1 || route(got[0]) != "R04>R05>R06" {
			t.Fatalf("3 steps: %v", got)
		}
		if got := p.Search(1, 6, 4, 5); len(got) != 3 {
			t.Fatalf("4 steps: %d paths, want 3", len(got))
		}
		if got := p.Search(1, 6, 99, 5); len(got) != 3 {
			t.Fatalf("capped steps: %d paths, want 3", len(got))
		}
	})
	t.Run("CyclesNotRepeated", func(t *testing.T) {
		for _, path := range p.Search(1, 4, 4, 10) {
			seen := map[int64]bool{1: true}
			for _, s := range path.Steps {
				if seen[s.ToRoleID] {
					t.Fatalf("path %s revisits a role", route(path))
				}
				seen[s.ToRoleID] = true
			}
		}
	})
	t.Run("NoPath", func(t *testing.T) {
		res := p.Plan(1, 7, 4, 3)
		if len(res.Paths) != 0 || !strings.Contains(res.Message, "Aucun parcours") {
			t.Fatalf("plan = %+v", res)
		}
	})
	t.Run("AlreadyThere", func(t *testing.T) {
		if res := p.Plan(4, 4, 4, 3); len(res.Paths) != 0 || !strings.Contains(res.Message, "déjà") {
			t.Fatalf("plan = %+v", res)
		}
	})
	t.Run("FromProfileAlone", func(t *testing.T) {
		// No current role: the closest role is 4 (100 %), from which 6 is 2 steps away.
		res := p.Plan(0, 6, 4, 3)
		if !res.Entry || res.FromRoleID != 4 || len(res.Paths) == 0 || route(res.Paths[0]) != "entry>R04>R05>R06" {
			t.Fatalf("plan = %+v", res)
		}
		if e := res.Paths[0].Steps[0].Explanation; !strings.Contains(e, "le plus proche de votre profil") {
			t.Fatalf("entry explanation = %q", e)
		}
		// The closest role is the target: one entry step.
		res = p.Plan(0, 4, 4, 3)
		if len(res.Paths) != 1 || route(res.Paths[0]) != "entry>R04" {
			t.Fatalf("plan = %+v", res)
		}
		// Role 7 is closest to nobody's path: no path at all, said plainly.
		if res := p.Plan(0, 7, 4, 3); len(res.Paths) != 0 || res.Message == "" {
			t.Fatalf("plan = %+v", res)
		}
	})
}

func TestPathQueryValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		q     passerelles.PathQuery
		field string
	}{
		{"Defaults", passerelles.PathQuery{}, ""},
		{"ErrTooManySteps", passerelles.PathQuery{MaxSteps: 5}, "maxSteps"},
		{"ErrZeroPathsNegative", passerelles.PathQuery{Limit: -1}, "first"},
		{"ErrTooManyPaths", passerelles.PathQuery{Limit: 11}, "first"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.q.Validate()
			if got := passerelles.ErrorField(err); got != tc.field {
				t.Fatalf("field = %q (%v), want %q", got, err, tc.field)
			}
		})
	}
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestCareerHistory(t *testing.T) {
	now := day("2026-03-01")
	end := func(s string) *time.Time { d := day(s); return &d }
	for _, tc := range []struct {
		name    string
		entries []passerelles.PastRole
		field   string
	}{
		{"OK", []passerelles.PastRole{{RoleID: 2, StartedOn: day("2020-01-01")}, {RoleID: 1, StartedOn: day("2015-01-01"), EndedOn: end("2019-12-31")}}, ""},
		{"ErrNoRole", []passerelles.PastRole{{StartedOn: day("2020-01-01")}}, "entries.0.roleId"},
		{"ErrFuture", []passerelles.PastRole{{RoleID: 1, StartedOn: day("2026-04-01")}}, "entries.0.startedOn"},
		{"ErrEndBeforeStart", []passerelles.PastRole{{RoleID: 1, StartedOn: day("2020-01-01"), EndedOn: end("2019-01-01")}}, "entries.0.endedOn"},
		{"ErrTwoOpen", []passerelles.PastRole{{RoleID: 1, StartedOn: day("2020-01-01")}, {RoleID: 2, StartedOn: day("2021-01-01")}}, "entries.1.endedOn"},
		{"ErrTooOld", []passerelles.PastRole{{RoleID: 1, StartedOn: day("1949-12-31"), EndedOn: end("2000-01-01")}}, "entries.0.startedOn"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := passerelles.ValidateCareerHistory(tc.entries, now)
			if got := passerelles.ErrorField(err); got != tc.field || (tc.field == "") != (err == nil) {
				t.Fatalf("err = %v (field %q), want field %q", err, got, tc.field)
			}
		})
	}
	t.Run("ErrTooMany", func(t *testing.T) {
		var h []passerelles.PastRole
		for i := range passerelles.MaxPastRoles + 1 {
			h = append(h, passerelles.PastRole{RoleID: 1, StartedOn: day("2000-01-01").AddDate(0, i, 0), EndedOn: end("2000-01-01")})
		}
		if err := passerelles.ValidateCareerHistory(h, now); passerelles.ErrorCode(err) != passerelles.EINVALID {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("Moves", func(t *testing.T) {
		h := []passerelles.PastRole{
			{RoleID: 1, StartedOn: day("2015-01-15"), EndedOn: end("2018-07-14")}, // 41 whole months
			{RoleID: 1, StartedOn: day("2018-07-15"), EndedOn: end("2019-01-01")}, // same role: no move
			{RoleID: 2, StartedOn: day("2019-01-01")},                             // no end: until the next start
		}
		moves := passerelles.CareerMoves(h)
		if len(moves) != 1 || moves[0].FromRoleID != 1 || moves[0].ToRoleID != 2 || moves[0].Months != 5 {
			t.Fatalf("moves = %+v", moves)
		}
	})
}

func TestSummariseMoves(t *testing.T) {
	t.Run("FourSuppressed", func(t *testing.T) {
		m := passerelles.SummariseMoves(4, []int{1, 2, 3, 4})
		if m.Count != nil || m.MedianMonths != nil || m.SuppressedReason == "" {
			t.Fatalf("4 agents: %+v", m)
		}
	})
	t.Run("FiveShown", func(t *testing.T) {
		m := passerelles.SummariseMoves(5, []int{30, 10, 20, 50, 40})
		if m.Count == nil || *m.Count != 5 || m.MedianMonths == nil || *m.MedianMonths != 30 || m.SuppressedReason != "" {
			t.Fatalf("5 agents: %+v", m)
		}
	})
	t.Run("EvenMedian", func(t *testing.T) {
		if m := passerelles.SummariseMoves(6, []int{1, 2, 3, 4, 5, 6}); *m.MedianMonths != 4 {
			t.Fatalf("median = %d", *m.MedianMonths)
		}
	})
	if passerelles.SuppressSmall(4) != nil || *passerelles.SuppressSmall(5) != 5 {
		t.Fatal("SuppressSmall")
	}
}

func TestMentoringRules(t *testing.T) {
	me := &passerelles.User{AgentID: 1, OrganisationID: 9, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent}}
	willing := &passerelles.Agent{ID: 2, Visibility: passerelles.VisibilityAllAgents, WillingToMentor: true}
	for _, tc := range []struct {
		name    string
		viewer  *passerelles.User
		mentor  *passerelles.Agent
		hidden  []int64
		pending bool
		sent    int
		code    string
	}{
		{"OK", me, willing, nil, false, 4, ""},
		{"ErrAnonymous", nil, willing, nil, false, 0, passerelles.EUNAUTHENTICATED},
		{"ErrSelf", me, &passerelles.Agent{ID: 1, WillingToMentor: true}, nil, false, 0, passerelles.EINVALID},
		{"ErrUnwilling", me, &passerelles.Agent{ID: 2, Visibility: passerelles.VisibilityAllAgents}, nil, false, 0, passerelles.EINVALID},
		{"ErrPrivate", me, &passerelles.Agent{ID: 2, Visibility: passerelles.VisibilityPrivate, WillingToMentor: true}, nil, false, 0, passerelles.ENOTFOUND},
		{"ErrManagersOnly", me, &passerelles.Agent{ID: 2, Visibility: passerelles.VisibilityManagers, WillingToMentor: true}, nil, false, 0, passerelles.ENOTFOUND},
		{"ErrHiddenFromMe", me, willing, []int64{9}, false, 0, passerelles.ENOTFOUND},
		{"ErrPending", me, willing, nil, true, 0, passerelles.ECONFLICT},
		{"ErrFlood", me, willing, nil, false, passerelles.MaxMentoringRequestsPerDay, passerelles.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := passerelles.CheckMentoringRequest(tc.viewer, tc.mentor, tc.hidden, tc.pending, tc.sent)
			if got := passerelles.ErrorCode(err); got != tc.code {
				t.Fatalf("code = %q (%v), want %q", got, err, tc.code)
			}
		})
	}
	mentor := &passerelles.User{AgentID: 2}
	other := &passerelles.User{AgentID: 3, AccessRoles: []passerelles.AccessRole{passerelles.AccessAdmin}}
	for _, tc := range []struct {
		name          string
		state         passerelles.MentoringState
		viewer        *passerelles.User
		answer, withd string
	}{
		{"MentorAnswers", passerelles.MentoringPending, mentor, "", passerelles.EFORBIDDEN},
		{"RequesterWithdraws", passerelles.MentoringPending, me, passerelles.EFORBIDDEN, ""},
		{"StrangerNotFound", passerelles.MentoringPending, other, passerelles.ENOTFOUND, passerelles.ENOTFOUND},
		{"AnsweredOnce", passerelles.MentoringAccepted, mentor, passerelles.ECONFLICT, passerelles.EFORBIDDEN},
		{"WithdrawnStays", passerelles.MentoringWithdrawn, me, passerelles.EFORBIDDEN, passerelles.ECONFLICT},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &passerelles.MentoringRequest{RequesterID: 1, MentorID: 2, State: tc.state}
			if got := passerelles.ErrorCode(r.CheckAnswer(tc.viewer)); got != tc.answer {
				t.Fatalf("answer: %q, want %q", got, tc.answer)
			}
			if got := passerelles.ErrorCode(r.CheckWithdraw(tc.viewer)); got != tc.withd {
				t.Fatalf("withdraw: %q, want %q", got, tc.withd)
			}
		})
	}
	t.Run("EmailOnlyOnceAccepted", func(t *testing.T) {
		for _, st := range []passerelles.MentoringState{passerelles.MentoringPending, passerelles.MentoringDeclined, passerelles.MentoringAccepted} {
			r := passerelles.SeeMentoringRequest(me, &passerelles.MentoringRequest{RequesterID: 1, MentorID: 2, State: st, MentorEmail: "m@x.fr"})
			if (r.MentorEmail != "") != (st == passerelles.MentoringAccepted) {
				t.Fatalf("%s: email %q", st, r.MentorEmail)
			}
		}
		if passerelles.SeeMentoringRequest(other, &passerelles.MentoringRequest{RequesterID: 1, MentorID: 2}) != nil {
			t.Fatal("a stranger reads the request")
		}
	})
}
