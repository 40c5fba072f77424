package sqlite_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"passerelles"
)

func TestDeclareSkill(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustSignIn(t, "dominique", f.orgA)
	score := 512
	obtained := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	cert := passerelles.Evidence{Kind: passerelles.EvidenceCertification, Title: "Certification Pix", Score: &score,
		ObtainedOn: &obtained, URL: "https://pix.fr/certificat/123"}

	t.Run("Declare", func(t *testing.T) {
		d, err := f.svc.DeclareSkill(ctx, passerelles.SkillDeclaration{SkillID: f.pix11, Level: 4, CurrentUse: true,
			WantsToDevelop: true, Evidence: []passerelles.Evidence{cert}})
		if err != nil {
			t.Fatal(err)
		}
		if d.SkillID != f.pix11 || d.Level != 4 || !d.CurrentUse || !d.WantsToDevelop || d.TopRank != 0 ||
			!d.DeclaredAt.Equal(f.clock.Now()) || !d.UpdatedAt.Equal(f.clock.Now()) || d.Status() != passerelles.NotValidated {
			t.Fatalf("declared = %+v", d)
		}
		if len(d.Evidence) != 1 || d.Evidence[0].ID == 0 || *d.Evidence[0].Score != 512 || !d.Evidence[0].ObtainedOn.Equal(obtained) ||
			d.Evidence[0].URL != cert.URL || d.Evidence[0].Kind != passerelles.EvidenceCertification {
			t.Fatalf("evidence = %+v", d.Evidence)
		}
		if n := f.count(t, `SELECT agents FROM skill_level_counts WHERE skill_id = ? AND level = 4`, f.pix11); n != 1 {
			t.Fatalf("count at level 4 = %d, want 1", n)
		}
	})
	t.Run("SameDeclarationWritesNothing", func(t *testing.T) {
		before := f.snapshot(t)
		f.clock.Advance(time.Minute)
		if _, err := f.svc.DeclareSkill(ctx, passerelles.SkillDeclaration{SkillID: f.pix11, Level: 4, CurrentUse: true,
			WantsToDevelop: true, Evidence: []passerelles.Evidence{cert}}); err != nil {
			t.Fatal(err)
		}
		if after := f.snapshot(t); after != before {
			t.Fatalf("an unchanged declaration wrote:\n%s\n%s", before, after)
		}
	})
	t.Run("ChangeLevelKeepsEvidenceAndMovesCounts", func(t *testing.T) {
		f.clock.Advance(time.Minute)
		d, err := f.svc.DeclareSkill(ctx, passerelles.SkillDeclaration{SkillID: f.pix11, Level: 6, CurrentUse: false})
		if err != nil {
			t.Fatal(err)
		}
		if d.Level != 6 || d.CurrentUse || d.WantsToDevelop || len(d.Evidence) != 1 || !d.UpdatedAt.Equal(f.clock.Now()) || d.DeclaredAt.Equal(d.UpdatedAt) {
			t.Fatalf("updated = %+v", d)
		}
		if n := f.count(t, `SELECT agents FROM skill_level_counts WHERE skill_id = ? AND level = 4`, f.pix11); n != 0 {
			t.Fatalf("count at old level = %d, want 0", n)
		}
		if n := f.count(t, `SELECT agents FROM skill_level_counts WHERE skill_id = ? AND level = 6`, f.pix11); n != 1 {
			t.Fatalf("count at new level = %d, want 1", n)
		}
	})
	t.Run("EmptyEvidenceClearsIt", func(t *testing.T) {
		f.clock.Advance(time.Minute)
		d, err := f.svc.DeclareSkill(ctx, passerelles.SkillDeclaration{SkillID: f.pix11, Level: 6, Evidence: []passerelles.Evidence{}})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Evidence) != 0 || f.count(t, `SELECT COUNT(*) FROM agent_skill_evidence WHERE agent_id = ?`, me) != 0 {
			t.Fatalf("evidence = %+v", d.Evidence)
		}
	})
	t.Run("ECFAtADefinedLevel", func(t *testing.T) {
		MustDeclare(t, f.svc, ctx, f.ecfA1, 4)
	})

	future := f.clock.Now().Add(48 * time.Hour)
	bad := func(mod func(e *passerelles.Evidence)) []passerelles.Evidence {
		e := cert
		mod(&e)
		return []passerelles.Evidence{e}
	}
	for _, tc := range []struct {
		name string
		ctx  context.Context
		d    passerelles.SkillDeclaration
		want string
	}{
		{"ErrUnknownSkill", ctx, passerelles.SkillDeclaration{SkillID: 999999, Level: 1}, passerelles.EINVALID},
		{"ErrNoSkill", ctx, passerelles.SkillDeclaration{Level: 1}, passerelles.EINVALID},
		{"ErrLevelZero", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 0}, passerelles.EINVALID},
		{"ErrLevelAbovePixScale", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 9}, passerelles.EINVALID},
		{"ErrLevelAboveECFScale", ctx, passerelles.SkillDeclaration{SkillID: f.ecfA1, Level: 6}, passerelles.EINVALID},
		{"ErrECFLevelNotDefinedForSkill", ctx, passerelles.SkillDeclaration{SkillID: f.ecfA1, Level: 2}, passerelles.EINVALID},
		{"ErrChangeToUndefinedLevel", ctx, passerelles.SkillDeclaration{SkillID: f.ecfA1, Level: 3}, passerelles.EINVALID},
		{"ErrEvidenceInTheFuture", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 2,
			Evidence: bad(func(e *passerelles.Evidence) { e.ObtainedOn = &future })}, passerelles.EINVALID},
		{"ErrEvidenceTooLong", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 2,
			Evidence: bad(func(e *passerelles.Evidence) { e.Description = strings.Repeat("a", passerelles.MaxEvidenceText+1) })}, passerelles.EINVALID},
		{"ErrEvidenceWithoutTitle", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 2,
			Evidence: bad(func(e *passerelles.Evidence) { e.Title = "  " })}, passerelles.EINVALID},
		{"ErrPixScore1025", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 2,
			Evidence: bad(func(e *passerelles.Evidence) { e.Score = ptr(1025) })}, passerelles.EINVALID},
		{"ErrPixScoreNegative", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 2,
			Evidence: bad(func(e *passerelles.Evidence) { e.Score = ptr(-1) })}, passerelles.EINVALID},
		{"ErrBadURL", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 2,
			Evidence: bad(func(e *passerelles.Evidence) { e.URL = "javascript:alert(1)" })}, passerelles.EINVALID},
		{"ErrRelativeURL", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 2,
			Evidence: bad(func(e *passerelles.Evidence) { e.URL = "/certificat" })}, passerelles.EINVALID},
		{"ErrUnknownEvidenceKind", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 2,
			Evidence: bad(func(e *passerelles.Evidence) { e.Kind = "DIPLOMA" })}, passerelles.EINVALID},
		{"ErrElevenPiecesOfEvidence", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 2,
			Evidence: make([]passerelles.Evidence, 11)}, passerelles.EINVALID},
		{"ErrInvalidEvidenceOnExistingSkill", ctx, passerelles.SkillDeclaration{SkillID: f.pix11, Level: 7,
			Evidence: bad(func(e *passerelles.Evidence) { e.Score = ptr(1025) })}, passerelles.EINVALID},
		{"ErrAnonymous", context.Background(), passerelles.SkillDeclaration{SkillID: f.pix12, Level: 2}, passerelles.EUNAUTHENTICATED},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := f.snapshot(t)
			f.clock.Advance(time.Second)
			_, err := f.svc.DeclareSkill(tc.ctx, tc.d)
			if got := code(err); got != tc.want {
				t.Fatalf("code = %q (%v), want %q", got, err, tc.want)
			}
			if after := f.snapshot(t); after != before {
				t.Fatalf("a refused declaration wrote:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
	f.assertConsistent(t)
}
func TestTopSkills(t *testing.T) {
	f := MustOpenProfileFixture(t)
	_, ctx := f.MustSignIn(t, "eugenie", f.orgA)
	skills := []int64{f.pix11, f.pix12, f.pix13, f.pix21, f.pix22, f.pix31}
	for _, id := range skills {
		MustDeclare(t, f.svc, ctx, id, 3)
	}
	ranks := func(t *testing.T) map[int64]int {
		t.Helper()
		p, err := f.svc.FindProfile(ctx, passerelles.UserFromContext(ctx).AgentID)
		if err != nil {
			t.Fatal(err)
		}
		out := map[int64]int{}
		for _, d := range p.Skills {
			if d.TopRank > 0 {
				out[d.SkillID] = d.TopRank
			}
		}
		return out
	}
	t.Run("Rank", func(t *testing.T) {
		if err := f.svc.RankTopSkills(ctx, []int64{f.pix21, f.pix11, f.pix13}); err != nil {
			t.Fatal(err)
		}
		if got, want := ranks(t), map[int64]int{f.pix21: 1, f.pix11: 2, f.pix13: 3}; !reflect.DeepEqual(got, want) {
			t.Fatalf("ranks = %v, want %v", got, want)
		}
	})
	t.Run("SkillsListTopFirst", func(t *testing.T) {
		p, err := f.svc.FindProfile(ctx, passerelles.UserFromContext(ctx).AgentID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Skills[0].SkillID != f.pix21 || p.Skills[1].SkillID != f.pix11 || p.Skills[2].SkillID != f.pix13 {
			t.Fatalf("order = %v", p.Skills)
		}
	})
	t.Run("SwapDespiteUniqueRanks", func(t *testing.T) {
		if err := f.svc.RankTopSkills(ctx, []int64{f.pix11, f.pix21, f.pix22, f.pix12, f.pix31}); err != nil {
			t.Fatal(err)
		}
		if got, want := ranks(t), map[int64]int{f.pix11: 1, f.pix21: 2, f.pix22: 3, f.pix12: 4, f.pix31: 5}; !reflect.DeepEqual(got, want) {
			t.Fatalf("ranks = %v, want %v", got, want)
		}
	})
	t.Run("RemovingATopSkillMovesTheOthersUp", func(t *testing.T) {
		if err := f.svc.RemoveSkill(ctx, f.pix21); err != nil {
			t.Fatal(err)
		}
		if got, want := ranks(t), map[int64]int{f.pix11: 1, f.pix22: 2, f.pix12: 3, f.pix31: 4}; !reflect.DeepEqual(got, want) {
			t.Fatalf("ranks = %v, want %v", got, want)
		}
	})
	t.Run("ClearAll", func(t *testing.T) {
		if err := f.svc.RankTopSkills(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if got := ranks(t); len(got) != 0 {
			t.Fatalf("ranks = %v, want none", got)
		}
	})
	MustDeclare(t, f.svc, ctx, f.pix21, 2)
	if err := f.svc.RankTopSkills(ctx, []int64{f.pix12}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		ctx  context.Context
		ids  []int64
		want string
	}{
		{"ErrSixthTopSkill", ctx, skills, passerelles.EINVALID},
		{"ErrTopSkillNotDeclared", ctx, []int64{f.pix11, f.ecfA1}, passerelles.EINVALID},
		{"ErrUnknownSkill", ctx, []int64{999999}, passerelles.EINVALID},
		{"ErrDuplicate", ctx, []int64{f.pix11, f.pix11}, passerelles.EINVALID},
		{"ErrAnonymous", context.Background(), []int64{f.pix11}, passerelles.EUNAUTHENTICATED},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := f.snapshot(t)
			f.clock.Advance(time.Second)
			if got := code(f.svc.RankTopSkills(tc.ctx, tc.ids)); got != tc.want {
				t.Fatalf("code = %q, want %q", got, tc.want)
			}
			if after := f.snapshot(t); after != before {
				t.Fatalf("a refused ranking wrote:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
	t.Run("ErrRemoveUndeclared", func(t *testing.T) {
		before := f.snapshot(t)
		if got := code(f.svc.RemoveSkill(ctx, f.ecfA1)); got != passerelles.ENOTFOUND {
			t.Fatalf("code = %q, want NOT_FOUND", got)
		}
		if after := f.snapshot(t); after != before {
			t.Fatal("a refused removal wrote")
		}
	})
	f.assertConsistent(t)
}
func TestSkillHistory(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustSignIn(t, "fatou", f.orgA)
	MustSetVisibility(t, f.svc, ctx, passerelles.VisibilityManagers)
	boss, asBoss := f.MustSignIn(t, "boss", f.orgA, passerelles.AccessManager)

	type step struct {
		name   string
		do     func() error
		change passerelles.SkillChange
		level  int
		top    int
		valid  int
		by     int64
	}
	declare := func(level int) func() error {
		return func() error {
			_, err := f.svc.DeclareSkill(ctx, passerelles.SkillDeclaration{SkillID: f.pix11, Level: level})
			return err
		}
	}
	validate := func() error {
		_, err := f.svc.ValidateSkill(asBoss, me, f.pix11, 4, "Niveau 4 constaté en revue annuelle.")
		return err
	}
	steps := []step{
		{"Declare", declare(3), passerelles.SkillDeclared, 3, 0, 0, me},
		{"Update", declare(5), passerelles.SkillUpdated, 5, 0, 0, me},
		{"Rank", func() error { return f.svc.RankTopSkills(ctx, []int64{f.pix11}) }, passerelles.SkillUpdated, 5, 1, 0, me},
		{"Validate", validate, passerelles.SkillValidated, 5, 1, 4, boss},
		{"Remove", func() error { return f.svc.RemoveSkill(ctx, f.pix11) }, passerelles.SkillRemoved, 0, 0, 0, me},
		{"DeclareAgain", declare(2), passerelles.SkillDeclared, 2, 0, 0, me},
	}
	var starts []time.Time
	for _, s := range steps {
		f.clock.Advance(time.Hour)
		starts = append(starts, f.clock.Now())
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
	}
	versions, err := f.svc.FindSkillHistory(ctx, me, f.pix11)
	if err != nil {
		t.Fatal(err)
	}
	if len(versions) != len(steps) {
		t.Fatalf("%d versions, want %d: %+v", len(versions), len(steps), versions)
	}
	for i, v := range versions {
		s := steps[i]
		t.Run(s.name, func(t *testing.T) {
			if v.Version != i+1 || v.Change != s.change || v.Level != s.level || v.TopRank != s.top || v.ValidatedLevel != s.valid || v.ChangedBy != s.by {
				t.Fatalf("version = %+v, want #%d %s level %d top %d validated %d by %d", v, i+1, s.change, s.level, s.top, s.valid, s.by)
			}
			if !v.ValidFrom.Equal(starts[i]) {
				t.Fatalf("valid from %v, want %v", v.ValidFrom, starts[i])
			}
			if i+1 < len(versions) && !v.ValidTo.Equal(versions[i+1].ValidFrom) {
				t.Fatalf("valid to %v, want the next version's start %v", v.ValidTo, versions[i+1].ValidFrom)
			}
			if i+1 == len(versions) && !v.ValidTo.IsZero() {
				t.Fatalf("the last version ends at %v, want open", v.ValidTo)
			}
		})
	}
	t.Run("ValidationComment", func(t *testing.T) {
		if versions[3].Comment != "Niveau 4 constaté en revue annuelle." {
			t.Fatalf("comment = %q", versions[3].Comment)
		}
	})
	t.Run("ErrNeverDeclared", func(t *testing.T) {
		if _, err := f.svc.FindSkillHistory(ctx, me, f.pix31); code(err) != passerelles.ENOTFOUND {
			t.Fatalf("err = %v, want NOT_FOUND", err)
		}
	})
	f.assertConsistent(t)
}
func TestConcurrentDeclarations(t *testing.T) {
	f := MustOpenProfileFixture(t)
	ctxs := make([]context.Context, 20)
	for i := range ctxs {
		_, ctxs[i] = f.MustSignIn(t, fmt.Sprintf("writer-%02d", i), f.orgA)
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(ctxs))
	for i, ctx := range ctxs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := f.svc.DeclareSkill(ctx, passerelles.SkillDeclaration{SkillID: f.pix11, Level: 1 + i%8,
				Evidence: []passerelles.Evidence{{Kind: passerelles.EvidenceTraining, Title: "Formation"}}})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("concurrent declaration: %v", err)
		}
	}
	if n := f.count(t, `SELECT COUNT(*) FROM agent_skills`); n != 20 {
		t.Fatalf("%d declarations, want 20", n)
	}
	f.assertConsistent(t)
}
