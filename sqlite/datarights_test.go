package sqlite_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"passerelles"
)

func TestProfileViews(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustSignIn(t, "ines", f.orgA)
	MustSetVisibility(t, f.svc, ctx, passerelles.VisibilityAllAgents)
	manager, asManager := f.MustSignIn(t, "manager", f.orgA, passerelles.AccessManager)
	admin, asAdmin := f.MustSignIn(t, "admin", f.orgA, passerelles.AccessAdmin)
	_, asAgent := f.MustSignIn(t, "agent", f.orgA)

	for _, tc := range []struct {
		name    string
		ctx     context.Context
		records bool
	}{
		{"Self", ctx, false},
		{"Agent", asAgent, false},
		{"Manager", asManager, true},
		{"Administrator", asAdmin, true},
		{"System", system, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := f.db.CountAudit(context.Background(), "PROFILE_VIEWED")
			f.clock.Advance(time.Minute)
			if _, err := f.svc.FindProfile(tc.ctx, me); err != nil {
				t.Fatal(err)
			}
			if _, err := f.svc.FindProfiles(tc.ctx, []int64{me}); err != nil {
				t.Fatal(err)
			}
			after := f.db.CountAudit(context.Background(), "PROFILE_VIEWED")
			if got := after - before; got != map[bool]int{false: 0, true: 1}[tc.records] {
				t.Fatalf("%d views recorded", got)
			}
		})
	}
	t.Run("NewestFirst", func(t *testing.T) {
		views, total, err := f.svc.FindProfileViews(ctx, passerelles.Page{})
		if err != nil {
			t.Fatal(err)
		}
		if total != 2 || len(views) != 2 || views[0].ViewerID != admin || views[1].ViewerID != manager || !views[0].At.After(views[1].At) {
			t.Fatalf("views = %+v of %d", views, total)
		}
	})
	t.Run("Page", func(t *testing.T) {
		views, total, err := f.svc.FindProfileViews(ctx, passerelles.Page{Limit: 1, Offset: 1})
		if err != nil {
			t.Fatal(err)
		}
		if total != 2 || len(views) != 1 || views[0].ViewerID != manager {
			t.Fatalf("views = %+v of %d", views, total)
		}
	})
	t.Run("OthersDoNotSeeMyViews", func(t *testing.T) {
		views, total, err := f.svc.FindProfileViews(asManager, passerelles.Page{})
		if err != nil || total != 0 || len(views) != 0 {
			t.Fatalf("manager's views = %+v of %d (%v)", views, total, err)
		}
	})
	t.Run("ErasedViewerIsZero", func(t *testing.T) {
		if err := f.svc.DeleteMyAccount(asManager, passerelles.ErasureConfirmation); err != nil {
			t.Fatal(err)
		}
		views, _, err := f.svc.FindProfileViews(ctx, passerelles.Page{})
		if err != nil {
			t.Fatal(err)
		}
		if len(views) != 2 || views[1].ViewerID != 0 || views[0].ViewerID != admin {
			t.Fatalf("views = %+v", views)
		}
	})
	t.Run("ErrAnonymous", func(t *testing.T) {
		if _, _, err := f.svc.FindProfileViews(context.Background(), passerelles.Page{}); code(err) != passerelles.EUNAUTHENTICATED {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrPageTooLarge", func(t *testing.T) {
		if _, _, err := f.svc.FindProfileViews(ctx, passerelles.Page{Limit: 101}); code(err) != passerelles.EINVALID {
			t.Fatalf("err = %v", err)
		}
	})
}
func TestDeleteMyAccount(t *testing.T) {
	f := MustOpenProfileFixture(t)
	bg := context.Background()
	victim, ctx := f.MustSignIn(t, "zephyrine", f.orgA, passerelles.AccessManager)
	if _, err := f.svc.UpdateProfile(ctx, passerelles.ProfileUpdate{Bio: ptr("Spécialiste du xylographiquement des archives."),
		Visibility: ptr(passerelles.VisibilityAllAgents), HiddenFrom: &[]int64{f.orgH}, RegionID: &f.region,
		MobilityFamilies: &[]passerelles.RoleFamily{passerelles.RoleFamilyDigital}, MobilityRegionIDs: &[]int64{f.region},
		TargetRoleIDs: &[]int64{f.role}, CurrentRoleID: &f.role2}); err != nil {
		t.Fatal(err)
	}
	score := 600
	if _, err := f.svc.DeclareSkill(ctx, passerelles.SkillDeclaration{SkillID: f.pix11, Level: 5, Evidence: []passerelles.Evidence{
		{Kind: passerelles.EvidenceCertification, Title: "Pix", Score: &score}}}); err != nil {
		t.Fatal(err)
	}
	MustDeclare(t, f.svc, ctx, f.pix12, 2)
	if err := f.svc.RankTopSkills(ctx, []int64{f.pix12, f.pix11}); err != nil {
		t.Fatal(err)
	}
	peer, asPeer := f.MustSignIn(t, "peer", f.orgA, passerelles.AccessManager)
	MustSetVisibility(t, f.svc, asPeer, passerelles.VisibilityManagers)
	MustDeclare(t, f.svc, asPeer, f.pix11, 4)
	// The victim endorses, validates and views the peer; the peer endorses, validates and views the victim.
	if err := f.svc.EndorseSkill(asPeer, victim, f.pix11); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.ValidateSkill(asPeer, victim, f.pix11, 5, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.FindProfile(asPeer, victim); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.EndorseSkill(ctx, peer, f.pix11); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.ValidateSkill(ctx, peer, f.pix11, 4, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.FindProfile(ctx, peer); err != nil {
		t.Fatal(err)
	}
	token, err := f.all.Sessions.CreateSession(bg, victim, "id-token", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.all.Communities.ImportMembers(system, []passerelles.CommunityMember{{CommunityID: f.community, AgentID: victim, Role: passerelles.MemberRoleAnimator}}); err != nil {
		t.Fatal(err)
	}
	ev := &passerelles.Event{CommunityID: f.community, Title: "Café data", Kind: passerelles.EventMeetup, Status: passerelles.EventPublished,
		Format: passerelles.EventOnline, OnlineURL: "https://visio.example/cafe", StartsAt: f.clock.Now().Add(24 * time.Hour),
		EndsAt: f.clock.Now().Add(25 * time.Hour), TimeZone: "Europe/Paris"}
	if _, err := f.all.Events.ImportEvents(system, []*passerelles.Event{ev}); err != nil {
		t.Fatal(err)
	}
	// No registration service yet: the row goes in directly, with the event created by the victim.
	if _, err := f.raw.Exec(`INSERT INTO registrations (event_id, agent_id, status, position, registered_at, updated_at) VALUES (?, ?, 'REGISTERED', 1, 0, 0)`, ev.ID, victim); err != nil {
		t.Fatal(err)
	}
	if _, err := f.raw.Exec(`UPDATE events SET created_by = ? WHERE id = ?`, victim, ev.ID); err != nil {
		t.Fatal(err)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM agents_fts WHERE agents_fts MATCH 'xylographiquement'`); n != 1 {
		t.Fatalf("bio word indexed %d times before erasure", n)
	}
	refs := agentReferences(t, f.raw)
	if len(refs) < 15 {
		t.Fatalf("only %d columns reference agents: %v", len(refs), refs)
	}
	held := 0
	for _, r := range refs {
		held += f.count(t, `SELECT COUNT(*) FROM `+r[0]+` WHERE `+r[1]+` = ?`, victim)
	}
	if held < 20 {
		t.Fatalf("the fixture gives the victim only %d rows", held)
	}

	// The service itself refuses an erasure without its confirmation word, whoever calls it.
	for _, word := range []string{"", "oui", "supprimer", "SUPPRIMER MAINTENANT"} {
		if err := f.svc.DeleteMyAccount(ctx, word); code(err) != passerelles.EINVALID {
			t.Fatalf("confirmation %q: err = %v, want INVALID_INPUT", word, err)
		}
	}
	if _, err := f.svc.FindProfile(ctx, victim); err != nil {
		t.Fatalf("refused erasure erased: %v", err)
	}

	f.clock.Advance(time.Minute)
	if err := f.svc.DeleteMyAccount(ctx, " "+passerelles.ErasureConfirmation+" "); err != nil {
		t.Fatal(err)
	}

	t.Run("SearchIndexForgetsTheBio", func(t *testing.T) {
		for _, word := range []string{"xylographiquement", "zephyrine"} {
			if n := f.count(t, `SELECT COUNT(*) FROM agents_fts WHERE agents_fts MATCH ?`, word); n != 0 {
				t.Fatalf("%q still found %d times", word, n)
			}
		}
		if n := f.count(t, `SELECT COUNT(*) FROM agents_fts_docsize WHERE id = ?`, victim); n != 0 {
			t.Fatal("the index still sizes the erased agent's row")
		}
	})
	t.Run("NoTableHoldsTheId", func(t *testing.T) {
		for _, r := range refs {
			if n := f.count(t, `SELECT COUNT(*) FROM `+r[0]+` WHERE `+r[1]+` = ?`, victim); n != 0 {
				t.Errorf("%s.%s still holds the agent in %d rows", r[0], r[1], n)
			}
		}
		if n := f.count(t, `SELECT COUNT(*) FROM agents WHERE id = ?`, victim); n != 0 {
			t.Error("the agent row remains")
		}
	})
	t.Run("AuditKeepsPseudonymsOnly", func(t *testing.T) {
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'ACCOUNT_ERASED' AND actor_id IS NULL AND subject_id IS NULL
			AND actor_pseudonym <> '' AND subject_pseudonym = actor_pseudonym`); n != 1 {
			t.Fatalf("%d pseudonymous erasure entries, want 1", n)
		}
		// The views and validations of and by the victim stay, without their id.
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action IN ('PROFILE_VIEWED', 'SKILL_VALIDATED')
			AND (actor_id IS NULL OR subject_id IS NULL)`); n != 4 {
			t.Fatalf("%d pseudonymised entries, want 4", n)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE (actor_id IS NULL AND actor_pseudonym = '' AND action <> 'ROLE_GRANTED')
			OR (subject_id IS NULL AND subject_pseudonym = '')`); n != 0 {
			t.Fatalf("%d entries lost their pseudonym", n)
		}
	})
	t.Run("SessionsGone", func(t *testing.T) {
		if _, err := f.all.Sessions.FindSession(bg, token, time.Hour); code(err) != passerelles.EUNAUTHENTICATED {
			t.Fatalf("session still found: %v", err)
		}
	})
	t.Run("OthersKeepTheirData", func(t *testing.T) {
		p, err := f.svc.FindProfile(system, peer)
		if err != nil {
			t.Fatal(err)
		}
		if d := p.Skills[0]; d.ValidatedLevel != 4 || d.ValidatedBy != 0 || d.EndorsementCount != 0 {
			t.Fatalf("peer's skill = %+v, want validated at 4 by nobody, no endorsement", d)
		}
		if _, err := f.svc.FindProfile(system, victim); code(err) != passerelles.ENOTFOUND {
			t.Fatalf("erased profile: %v", err)
		}
	})
	t.Run("ErrTwice", func(t *testing.T) {
		if err := f.svc.DeleteMyAccount(ctx, passerelles.ErasureConfirmation); code(err) != passerelles.ENOTFOUND {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrAnonymous", func(t *testing.T) {
		if err := f.svc.DeleteMyAccount(bg, passerelles.ErasureConfirmation); code(err) != passerelles.EUNAUTHENTICATED {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("Integrity", func(t *testing.T) { f.assertConsistent(t) })
}

// agentReferences lists every (table, column) that may hold an agent id: the foreign keys
// to agents, and the agent_id columns whose foreign key goes through agent_skills.
func agentReferences(tb testing.TB, raw *sql.DB) [][2]string {
	tb.Helper()
	rows, err := raw.Query(`SELECT m.name, p."from", p."table" FROM sqlite_master m, pragma_foreign_key_list(m.name) p
		WHERE m.type = 'table' UNION
		SELECT m.name, c.name, 'agents' FROM sqlite_master m, pragma_table_info(m.name) c
		WHERE m.type = 'table' AND c.name IN ('agent_id', 'endorser_id') ORDER BY 1, 2`)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var table, column, parent string
		if err := rows.Scan(&table, &column, &parent); err != nil {
			tb.Fatal(err)
		}
		if parent == "agents" && !contains(out, [2]string{table, column}) {
			out = append(out, [2]string{table, column})
		}
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}
func contains(list [][2]string, v [2]string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
func TestRepeatedViewsCountOnce(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustSignIn(t, "viewed", f.orgA)
	MustSetVisibility(t, f.svc, ctx, passerelles.VisibilityManagers)
	_, asManager := f.MustSignIn(t, "boss", f.orgA, passerelles.AccessManager)
	views := func() int {
		_, n, err := f.svc.FindProfileViews(ctx, passerelles.Page{})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for range 3 {
		if _, err := f.svc.FindProfile(asManager, me); err != nil {
			t.Fatal(err)
		}
	}
	if got := views(); got != 1 {
		t.Fatalf("three reloads in a row = %d views, want 1", got)
	}
	f.clock.Advance(11 * time.Minute)
	if _, err := f.svc.FindProfile(asManager, me); err != nil {
		t.Fatal(err)
	}
	if got := views(); got != 2 {
		t.Fatalf("a later visit = %d views in all, want 2", got)
	}
}
func TestNestedReadsAreRecordedViews(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustSignIn(t, "viewed", f.orgA)
	MustSetVisibility(t, f.svc, ctx, passerelles.VisibilityAllAgents)
	_, asManager := f.MustSignIn(t, "boss", f.orgA, passerelles.AccessManager)
	_, asAgent := f.MustSignIn(t, "peer", f.orgA)
	for _, c := range []context.Context{asAgent, asManager, ctx} {
		if _, err := f.svc.FindProfiles(c, []int64{me}); err != nil {
			t.Fatal(err)
		}
	}
	_, n, err := f.svc.FindProfileViews(ctx, passerelles.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("views = %d, want 1 (the manager's; not the agent's nor the owner's)", n)
	}
}
