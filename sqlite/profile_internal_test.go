package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"passerelles"
	"passerelles/seed"
	"passerelles/sqlite/sqlitetest"
)

// TestFindProfilesStatements proves that loading 100 profiles (with skills, evidence and
// endorsements) runs as many statements as loading one: the reader pool is swapped for
// connections that count what they run.
func TestFindProfilesStatements(t *testing.T) {
	ctx := context.Background()
	db := NewDB(filepath.Join(t.TempDir(), "count.db"))
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	all := db.Services()
	if _, err := seed.LoadReferentials(ctx, all); err != nil {
		t.Fatal(err)
	}
	var skills []int64
	for _, code := range []string{"1.1", "1.2", "2.1"} {
		sk, err := all.Skills.FindSkillByCode(ctx, "pix", code)
		if err != nil {
			t.Fatal(err)
		}
		skills = append(skills, sk.ID)
	}
	system := passerelles.NewSystemContext(ctx)
	as := func(id int64) context.Context {
		return passerelles.NewContextWithUser(ctx, &passerelles.User{AgentID: id, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent}})
	}
	var ids []int64
	for i := range 101 {
		m, err := all.Users.SignIn(system, passerelles.Identity{Issuer: "i", Subject: fmt.Sprintf("a%03d", i)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, m.Agent.ID)
		me := as(m.Agent.ID)
		if _, err := all.Profiles.UpdateProfile(me, passerelles.ProfileUpdate{Visibility: new(passerelles.VisibilityAllAgents),
			TargetRoleIDs: &[]int64{}, HiddenFrom: &[]int64{}}); err != nil {
			t.Fatal(err)
		}
		for j, sk := range skills {
			if _, err := all.Profiles.DeclareSkill(me, passerelles.SkillDeclaration{SkillID: sk, Level: 1 + (i+j)%8,
				Evidence: []passerelles.Evidence{{Kind: passerelles.EvidenceTraining, Title: "Formation"}}}); err != nil {
				t.Fatal(err)
			}
		}
		if i > 0 {
			if err := all.Profiles.EndorseSkill(me, ids[0], skills[0]); err != nil {
				t.Fatal(err)
			}
		}
	}
	viewer, profiles := as(ids[100]), ids[:100]

	db.reader.Close()
	reader, err := sql.Open(sqlitetest.Register(), db.dsn(true))
	if err != nil {
		t.Fatal(err)
	}
	db.reader = reader

	count := func(ids []int64) int64 {
		t.Helper()
		sqlitetest.Reset()
		ps, err := all.Profiles.FindProfiles(viewer, ids)
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != len(ids) {
			t.Fatalf("%d profiles, want %d", len(ps), len(ids))
		}
		for _, p := range ps {
			if len(p.Skills) != len(skills) || len(p.Skills[0].Evidence) != 1 {
				t.Fatalf("profile %d loaded without its skills or evidence: %+v", p.Agent.ID, p.Skills)
			}
		}
		return sqlitetest.Statements()
	}
	one, hundred := count(profiles[:1]), count(profiles)
	t.Logf("FindProfiles: %d statements for 1 profile, %d for 100", one, hundred)
	if one != hundred || one > 3 {
		t.Fatalf("FindProfiles ran %d statements for 1 profile and %d for 100, want the same and at most 3", one, hundred)
	}
}
