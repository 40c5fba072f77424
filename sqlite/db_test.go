package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"passerelles"
	"passerelles/sqlite"
)

// MustOpenDB opens a fresh database file in a temporary directory.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db := sqlite.NewDB(filepath.Join(tb.TempDir(), "test.db"))
	if err := db.Open(context.Background()); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Error(err)
		}
	})
	return db
}

var (
	system = passerelles.NewSystemContext(context.Background())
	admin  = passerelles.NewContextWithUser(context.Background(), &passerelles.User{AgentID: 1, AccessRoles: []passerelles.AccessRole{passerelles.AccessAdmin}})
	agent  = passerelles.NewContextWithUser(context.Background(), &passerelles.User{AgentID: 2, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent}})
)

// MustCreateFramework creates a small framework "t" with a 4-level scale and one domain "d".
func MustCreateFramework(tb testing.TB, db *sqlite.DB) *passerelles.Framework {
	tb.Helper()
	f := &passerelles.Framework{Code: "t", Name: "Test", Levels: []passerelles.Level{
		{Value: 1, Code: "1", Label: "Un"}, {Value: 2, Code: "2", Label: "Deux"},
		{Value: 3, Code: "3", Label: "Trois"}, {Value: 4, Code: "4", Label: "Quatre"}},
		Domains: []passerelles.Domain{{Code: "d", Name: "Domaine"}}}
	if _, err := sqlite.NewFrameworkService(db).UpsertFramework(system, f); err != nil {
		tb.Fatal(err)
	}
	return f
}

func TestMigrate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	db := sqlite.NewDB(path)
	if err := db.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Run("SecondRunAppliesNothing", func(t *testing.T) {
		applied, err := db.Migrate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(applied) != 0 {
			t.Fatalf("second migration applied %v, want nothing", applied)
		}
	})
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	t.Run("ReopenAppliesNothing", func(t *testing.T) {
		db := sqlite.NewDB(path)
		if err := db.Open(context.Background()); err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		before, _ := db.TotalChanges(context.Background())
		applied, err := db.Migrate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		after, _ := db.TotalChanges(context.Background())
		if len(applied) != 0 || after != before {
			t.Fatalf("reopen applied %v and changed %d rows", applied, after-before)
		}
	})
	t.Run("Pragmas", func(t *testing.T) {
		db := sqlite.NewDB(path)
		if err := db.Open(context.Background()); err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		got, err := db.Pragmas(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, conn := range []string{"writer", "reader"} {
			for pragma, want := range map[string]string{"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1", "busy_timeout": "10000", "temp_store": "2", "secure_delete": "1"} {
				if got[conn+"."+pragma] != want {
					t.Errorf("%s %s = %q, want %q", conn, pragma, got[conn+"."+pragma], want)
				}
			}
		}
		if got["reader.query_only"] != "1" {
			t.Errorf("readers are not query-only")
		}
	})
}

func TestConstraintErrors(t *testing.T) {
	db := MustOpenDB(t)
	f := MustCreateFramework(t, db)
	skills := sqlite.NewSkillService(db)
	roles := sqlite.NewRoleService(db)
	s := &passerelles.Skill{Code: "s1", Name: "Compétence"}
	if _, err := skills.UpsertSkill(system, f.Code, "d", s); err != nil {
		t.Fatal(err)
	}
	a := &passerelles.Role{Code: "R1", Title: "Un", Family: passerelles.RoleFamilyBusiness}
	b := &passerelles.Role{Code: "R2", Title: "Deux", Family: passerelles.RoleFamilyDigital}
	for _, r := range []*passerelles.Role{a, b} {
		if _, err := roles.UpsertRole(system, r); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name string
		do   func() error
		want string
	}{
		// Each of these passes domain validation and is stopped by a SQLite constraint,
		// which the store classifies by its extended error code.
		{"ForeignKeyUnknownRole", func() error {
			_, err := roles.UpsertTransition(system, &passerelles.Transition{FromRoleID: a.ID, ToRoleID: 9999, Kind: passerelles.TransitionKindClose})
			return err
		}, passerelles.EINVALID},
		{"ForeignKeyUnknownMinistry", func() error {
			_, err := sqlite.NewCommunityService(db).ImportMembers(system, []passerelles.CommunityMember{{CommunityID: 77, AgentID: 88, Role: passerelles.MemberRoleMember}})
			return err
		}, passerelles.EINVALID},
		{"UniqueLevelCode", func() error {
			_, err := sqlite.NewFrameworkService(db).UpsertFramework(system, &passerelles.Framework{Code: "t", Name: "Test",
				Levels: []passerelles.Level{{Value: 1, Code: "2", Label: "Un"}, {Value: 2, Code: "1", Label: "Deux"}, {Value: 3, Code: "3", Label: "Trois"}, {Value: 4, Code: "4", Label: "Quatre"}}})
			return err
		}, passerelles.ECONFLICT},
		{"LevelOffScale", func() error {
			_, err := roles.UpsertRole(system, &passerelles.Role{Code: "R3", Title: "Trois", Family: passerelles.RoleFamilyDigital,
				RequiredSkills: []passerelles.RequiredSkill{{SkillID: s.ID, Level: 5, Weight: 1}}})
			return err
		}, passerelles.EINVALID},
		{"ForbiddenForAgent", func() error {
			_, err := roles.UpsertRole(agent, &passerelles.Role{Code: "R4", Title: "Quatre", Family: passerelles.RoleFamilyDigital})
			return err
		}, passerelles.EFORBIDDEN},
		{"UnauthenticatedForAnonymous", func() error {
			_, err := roles.UpsertRole(context.Background(), &passerelles.Role{Code: "R4", Title: "Quatre", Family: passerelles.RoleFamilyDigital})
			return err
		}, passerelles.EUNAUTHENTICATED},
		{"ImportForbiddenEvenForAdmin", func() error {
			_, err := sqlite.NewAgentService(db).ImportAgents(admin, []*passerelles.Agent{{Issuer: "x", Subject: "y"}})
			return err
		}, passerelles.EFORBIDDEN},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.do()
			if got := passerelles.ErrorCode(err); got != tc.want {
				t.Fatalf("code = %q (%v), want %q", got, err, tc.want)
			}
			if msg := passerelles.ErrorMessage(err); strings.Contains(strings.ToLower(msg), "sqlite") || strings.Contains(msg, "constraint") {
				t.Fatalf("message leaks internals: %q", msg)
			}
		})
	}
	t.Run("NothingHalfWritten", func(t *testing.T) {
		_, total, err := roles.FindRoles(context.Background(), passerelles.RoleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if total != 2 {
			t.Fatalf("roles = %d, want 2: a refused write left rows behind", total)
		}
	})
}

func TestConcurrentWriters(t *testing.T) {
	db := MustOpenDB(t)
	orgs := sqlite.NewOrganisationService(db)
	const writers, each = 20, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				_, err := orgs.UpsertRegion(admin, &passerelles.Region{Code: fmt.Sprintf("R%02d-%02d", w, i), Name: "Région"})
				if err != nil {
					errs <- err
				}
				// Readers run alongside the writers.
				if _, _, err := orgs.FindRegions(context.Background(), nil, passerelles.Page{Limit: 5}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent write failed: %v", err)
	}
	_, total, err := orgs.FindRegions(context.Background(), nil, passerelles.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if total != writers*each {
		t.Fatalf("regions = %d, want %d", total, writers*each)
	}
}

func TestBackup(t *testing.T) {
	db := MustOpenDB(t)
	MustCreateFramework(t, db)
	path := filepath.Join(t.TempDir(), "backup.db")
	if err := db.Backup(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		t.Fatalf("backup missing: %v", err)
	}
	copyDB := sqlite.NewDB(path)
	if err := copyDB.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	if _, err := sqlite.NewFrameworkService(copyDB).FindFrameworkByCode(context.Background(), "t"); err != nil {
		t.Fatalf("backup lacks the framework: %v", err)
	}
}

// TestFrameworkLevelsInUseKept: a scale may not lose a level that a role (or a
// declaration) still uses, and may lose one nobody uses; loading the same scale again
// changes nothing.
func TestFrameworkLevelsInUseKept(t *testing.T) {
	db := MustOpenDB(t)
	f := MustCreateFramework(t, db)
	s := &passerelles.Skill{Code: "s1", Name: "Compétence"}
	if _, err := sqlite.NewSkillService(db).UpsertSkill(system, f.Code, "d", s); err != nil {
		t.Fatal(err)
	}
	roles, frameworks := sqlite.NewRoleService(db), sqlite.NewFrameworkService(db)
	role := &passerelles.Role{Code: "R1", Title: "Un", Family: passerelles.RoleFamilyDigital,
		RequiredSkills: []passerelles.RequiredSkill{{SkillID: s.ID, Level: 4, Weight: 1}}}
	if _, err := roles.UpsertRole(system, role); err != nil {
		t.Fatal(err)
	}
	three := *f
	three.Levels = f.Levels[:3]
	if _, err := frameworks.UpsertFramework(system, &three); passerelles.ErrorCode(err) != passerelles.EINVALID {
		t.Fatalf("a level in use removed: %v", err)
	}
	if changed, err := frameworks.UpsertFramework(system, f); err != nil || changed {
		t.Fatalf("the same scale again: changed %v, %v", changed, err)
	}
	role.RequiredSkills[0].Level = 2
	if _, err := roles.UpsertRole(system, role); err != nil {
		t.Fatal(err)
	}
	if changed, err := frameworks.UpsertFramework(system, &three); err != nil || !changed {
		t.Fatalf("a level nobody uses not removed: changed %v, %v", changed, err)
	}
}
