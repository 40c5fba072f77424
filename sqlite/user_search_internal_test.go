package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"passerelles"
	"passerelles/sqlite/sqlitetest"
)

// TestFindUsersStatements: a page of users with their access roles costs as many
// statements for 1 user as for 100 (the roles of the page in one query).
func TestFindUsersStatements(t *testing.T) {
	ctx := context.Background()
	db := NewDB(filepath.Join(t.TempDir(), "users.db"))
	db.DriverName = sqlitetest.Register()
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := db.Services()
	system := passerelles.NewSystemContext(ctx)
	admin, err := s.Users.SignIn(system, passerelles.Identity{Issuer: "i", Subject: "admin", GivenName: "Ada", UsualName: "Lovelace"}, []string{"admin"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 101 {
		u, err := s.Users.SignIn(system, passerelles.Identity{Issuer: "i", Subject: fmt.Sprintf("u%03d", i),
			GivenName: fmt.Sprintf("Agent %03d", i), UsualName: "Dupont"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if i%3 == 0 {
			if err := s.Users.GrantAccessRole(system, u.Agent.ID, passerelles.AccessManager); err != nil {
				t.Fatal(err)
			}
		}
	}
	asAdmin := passerelles.NewContextWithUser(ctx, admin)
	count := func(limit int) int64 {
		t.Helper()
		sqlitetest.Reset()
		users, _, err := s.Users.FindUsers(asAdmin, passerelles.UserFilter{Search: "dupont", Page: passerelles.Page{Limit: limit}})
		if err != nil || len(users) != limit {
			t.Fatalf("FindUsers: %d users, %v; want %d", len(users), err, limit)
		}
		managers := 0
		for _, u := range users {
			if u.Has(passerelles.AccessManager) {
				managers++
			}
		}
		if want := (limit + 2) / 3; managers != want {
			t.Fatalf("%d managers among %d users, want %d", managers, limit, want)
		}
		return sqlitetest.Statements()
	}
	one, many := count(1), count(100)
	t.Logf("a page of users: %d statements for 1, %d for 100", one, many)
	if one != many {
		t.Fatalf("FindUsers ran %d statements for 1 user and %d for 100, want the same", one, many)
	}
}

// TestRefreshUserSearch: agents written before the folded search name existed (migration
// 0007) are found once the store opens again.
func TestRefreshUserSearch(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "refresh.db")
	db := NewDB(path)
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	s := db.Services()
	system := passerelles.NewSystemContext(ctx)
	if _, err := s.Users.SignIn(system, passerelles.Identity{Issuer: "i", Subject: "old", GivenName: "Hélène", UsualName: "Bœuf"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := db.writer.ExecContext(ctx, `UPDATE agents SET search_name = ''`); err != nil {
		t.Fatal(err)
	}
	find := func(db *DB) int {
		t.Helper()
		_, total, err := db.Services().Users.FindUsers(system, passerelles.UserFilter{Search: "helene boeuf"})
		if err != nil {
			t.Fatal(err)
		}
		return total
	}
	if n := find(db); n != 0 {
		t.Fatalf("found %d before the refresh: the test does not hold", n)
	}
	db.Close()
	db = NewDB(path)
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := find(db); n != 1 {
		t.Fatalf("found %d after reopening, want 1", n)
	}
}
