package sqlite_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"passerelles"
)

func TestValidateSkill(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustSignIn(t, "gaston", f.orgA)
	MustSetVisibility(t, f.svc, ctx, passerelles.VisibilityManagers, f.orgH)
	boss, asBoss := f.MustSignIn(t, "boss", f.orgA, passerelles.AccessManager)
	_, asHiddenBoss := f.MustSignIn(t, "hidden-boss", f.orgH, passerelles.AccessManager)
	_, asAgent := f.MustSignIn(t, "colleague", f.orgA)
	_, asAdmin := f.MustSignIn(t, "admin", f.orgA, passerelles.AccessAdmin)
	MustDeclare(t, f.svc, ctx, f.pix11, 3)
	MustDeclare(t, f.svc, ctx, f.pix12, 6)
	MustDeclare(t, f.svc, ctx, f.ecfA1, 4)
	MustDeclare(t, f.svc, asBoss, f.pix11, 3)

	status := func(t *testing.T, skillID int64) *passerelles.DeclaredSkill {
		t.Helper()
		p, err := f.svc.FindProfile(ctx, me)
		if err != nil {
			t.Fatal(err)
		}
		for i := range p.Skills {
			if p.Skills[i].SkillID == skillID {
				return &p.Skills[i]
			}
		}
		t.Fatalf("skill %d not on the profile", skillID)
		return nil
	}
	t.Run("NotValidated", func(t *testing.T) {
		if got := status(t, f.pix11).Status(); got != passerelles.NotValidated {
			t.Fatalf("status = %s", got)
		}
	})
	t.Run("ValidatedAtDeclaredLevel", func(t *testing.T) {
		f.clock.Advance(time.Hour)
		d, err := f.svc.ValidateSkill(asBoss, me, f.pix11, 3, "")
		if err != nil {
			t.Fatal(err)
		}
		if d.Status() != passerelles.Validated || d.ValidatedLevel != 3 || d.ValidatedBy != boss || !d.ValidatedAt.Equal(f.clock.Now()) {
			t.Fatalf("validated = %+v (%s)", d, d.Status())
		}
	})
	t.Run("ValidatedLower", func(t *testing.T) {
		f.clock.Advance(time.Hour)
		d, err := f.svc.ValidateSkill(asBoss, me, f.pix12, 4, "Niveau 4 au vu des réalisations.")
		if err != nil {
			t.Fatal(err)
		}
		if d.Status() != passerelles.ValidatedLower || d.ValidationComment != "Niveau 4 au vu des réalisations." {
			t.Fatalf("validated = %+v (%s)", d, d.Status())
		}
		if got := status(t, f.pix12).Status(); got != passerelles.ValidatedLower {
			t.Fatalf("status read back = %s", got)
		}
	})
	t.Run("ReDeclaredAboveIsAboveValidated", func(t *testing.T) {
		f.clock.Advance(time.Hour)
		d := MustDeclare(t, f.svc, ctx, f.pix12, 7)
		if d.Status() != passerelles.AboveValidated || d.ValidatedLevel != 4 {
			t.Fatalf("status = %s (%+v)", d.Status(), d)
		}
	})
	t.Run("LoweredToValidatedIsValidated", func(t *testing.T) {
		f.clock.Advance(time.Hour)
		if d := MustDeclare(t, f.svc, ctx, f.pix12, 4); d.Status() != passerelles.Validated {
			t.Fatalf("status = %s", d.Status())
		}
	})
	views := func(t *testing.T) int {
		t.Helper()
		return f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'PROFILE_VIEWED'`)
	}
	for _, tc := range []struct {
		name    string
		ctx     context.Context
		agentID int64
		skillID int64
		level   int
		comment string
		want    string
		view    bool // the refusal answers about a visible profile: a view of it is on record
	}{
		{"ErrAgent", asAgent, me, f.pix11, 3, "", passerelles.EFORBIDDEN, false},
		{"ErrAdministratorIsNotManager", asAdmin, me, f.pix11, 3, "", passerelles.EFORBIDDEN, false},
		{"ErrSelf", asBoss, boss, f.pix11, 3, "", passerelles.EFORBIDDEN, false},
		{"ErrManagerOfHiddenOrganisation", asHiddenBoss, me, f.pix11, 3, "", passerelles.ENOTFOUND, false},
		{"ErrAnonymous", context.Background(), me, f.pix11, 3, "", passerelles.EUNAUTHENTICATED, false},
		{"ErrCommentTooLong", asBoss, me, f.pix11, 2, strings.Repeat("x", passerelles.MaxValidationComment+1), passerelles.EINVALID, false},
		{"ErrUnknownAgent", asBoss, 999999, f.pix11, 3, "", passerelles.ENOTFOUND, false},
		{"ErrNotDeclared", asBoss, me, f.pix13, 3, "", passerelles.ENOTFOUND, true},
		{"ErrLevelOffScale", asBoss, me, f.pix11, 9, "Trop haut", passerelles.EINVALID, true},
		{"ErrECFLevelNotDefined", asBoss, me, f.ecfA1, 2, "Niveau e-2", passerelles.EINVALID, true},
		{"ErrCommentRequiredWhenLevelDiffers", asBoss, me, f.pix11, 2, "  ", passerelles.EINVALID, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f.clock.Advance(11 * time.Minute) // each case is a visit of its own
			before, viewsBefore := f.snapshot(t), views(t)
			_, err := f.svc.ValidateSkill(tc.ctx, tc.agentID, tc.skillID, tc.level, tc.comment)
			if got := code(err); got != tc.want {
				t.Fatalf("code = %q (%v), want %q", got, err, tc.want)
			}
			if after := f.snapshot(t); after != before {
				t.Fatalf("a refused validation wrote:\nbefore %s\nafter  %s", before, after)
			}
			if got := views(t) - viewsBefore; got != map[bool]int{true: 1}[tc.view] {
				t.Fatalf("%d views recorded, want %v", got, tc.view)
			}
		})
	}
	t.Run("Audited", func(t *testing.T) {
		if got := f.db.CountAudit(context.Background(), "SKILL_VALIDATED"); got != 2 {
			t.Fatalf("SKILL_VALIDATED entries = %d, want 2", got)
		}
	})
	f.assertConsistent(t)
}
func TestEndorsements(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustSignIn(t, "hugo", f.orgA)
	MustSetVisibility(t, f.svc, ctx, passerelles.VisibilityAllAgents)
	MustDeclare(t, f.svc, ctx, f.pix11, 3)
	pub, asPublic := f.MustSignIn(t, "public-peer", f.orgA)
	MustSetVisibility(t, f.svc, asPublic, passerelles.VisibilityAllAgents)
	_, asPrivate := f.MustSignIn(t, "private-peer", f.orgA)
	_, asReader := f.MustSignIn(t, "reader", f.orgA)
	priv, asPrivateTarget := f.MustSignIn(t, "private-target", f.orgA)
	MustDeclare(t, f.svc, asPrivateTarget, f.pix11, 3)

	for _, tc := range []struct {
		name    string
		ctx     context.Context
		agentID int64
		skillID int64
		want    string
	}{
		{"Endorse", asPublic, me, f.pix11, ""},
		{"EndorseAsPrivateAgent", asPrivate, me, f.pix11, ""},
		{"ErrTwice", asPublic, me, f.pix11, passerelles.ECONFLICT},
		{"ErrOwnSkill", ctx, me, f.pix11, passerelles.EINVALID},
		{"ErrNotDeclared", asPublic, me, f.pix12, passerelles.ENOTFOUND},
		{"ErrPrivateProfile", asPublic, priv, f.pix11, passerelles.ENOTFOUND},
		{"ErrUnknownAgent", asPublic, 999999, f.pix11, passerelles.ENOTFOUND},
		{"ErrAnonymous", context.Background(), me, f.pix11, passerelles.EUNAUTHENTICATED},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f.clock.Advance(time.Minute)
			if got := code(f.svc.EndorseSkill(tc.ctx, tc.agentID, tc.skillID)); got != tc.want {
				t.Fatalf("code = %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("CountIncludesHiddenEndorsers", func(t *testing.T) {
		for _, viewer := range []context.Context{ctx, asReader} {
			list, total, err := f.svc.FindEndorsements(viewer, me, f.pix11)
			if err != nil {
				t.Fatal(err)
			}
			if total != 2 || len(list) != 1 || list[0].EndorserID != pub {
				t.Fatalf("endorsements = %+v of %d, want only the public peer of 2", list, total)
			}
		}
	})
	t.Run("ProfileCounts", func(t *testing.T) {
		for _, tc := range []struct {
			name     string
			ctx      context.Context
			endorsed bool
		}{{"ByEndorser", asPublic, true}, {"ByOther", asReader, false}} {
			t.Run(tc.name, func(t *testing.T) {
				p, err := f.svc.FindProfile(tc.ctx, me)
				if err != nil {
					t.Fatal(err)
				}
				if d := p.Skills[0]; d.EndorsementCount != 2 || d.EndorsedByViewer != tc.endorsed {
					t.Fatalf("count %d, endorsed by viewer %v", d.EndorsementCount, d.EndorsedByViewer)
				}
			})
		}
	})
	t.Run("RemovingTheSkillRemovesItsEndorsements", func(t *testing.T) {
		if err := f.svc.RemoveSkill(ctx, f.pix11); err != nil {
			t.Fatal(err)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM endorsements WHERE agent_id = ?`, me); n != 0 {
			t.Fatalf("%d endorsements left", n)
		}
		if _, _, err := f.svc.FindEndorsements(asReader, me, f.pix11); code(err) != passerelles.ENOTFOUND {
			t.Fatalf("err = %v, want NOT_FOUND", err)
		}
	})
	f.assertConsistent(t)
}
