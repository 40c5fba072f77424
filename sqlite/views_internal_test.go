package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"passerelles"
	"passerelles/sqlite/sqlitetest"
)

// TestRecordViewsStatements: a manager reading a page of profiles records one view each,
// in as many statements for 100 profiles as for one (the audit entries go in one insert).
func TestRecordViewsStatements(t *testing.T) {
	ctx := context.Background()
	db := NewDB(filepath.Join(t.TempDir(), "views.db"))
	db.DriverName = sqlitetest.Register()
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	all := db.Services()
	system := passerelles.NewSystemContext(ctx)
	var ids []int64
	for i := range 101 {
		m, err := all.Users.SignIn(system, passerelles.Identity{Issuer: "i", Subject: fmt.Sprintf("v%03d", i)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, m.Agent.ID)
	}
	manager := passerelles.NewContextWithUser(ctx, &passerelles.User{AgentID: ids[100],
		AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessManager}})
	svc := NewProfileService(db)
	count := func(subjects []int64) int64 {
		t.Helper()
		sqlitetest.Reset()
		if err := db.write(ctx, func(tx *Tx) error {
			return svc.recordViewsIn(manager, tx, passerelles.UserFromContext(manager), subjects)
		}); err != nil {
			t.Fatal(err)
		}
		return sqlitetest.Statements()
	}
	count(ids[99:100]) // the first audit entry ever also creates the pseudonym key
	one, many := count(ids[:1]), count(ids[1:99])
	t.Logf("recording views: %d statements for 1 profile, %d for 98", one, many)
	if one != many {
		t.Fatalf("recording views ran %d statements for 1 profile and %d for 98, want the same", one, many)
	}
	var n int
	var blank int
	if err := db.reader.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(*) FILTER (WHERE subject_pseudonym = '' OR actor_pseudonym = '')
		FROM audit_log WHERE action = 'PROFILE_VIEWED' AND actor_id = ?`, ids[100]).Scan(&n, &blank); err != nil {
		t.Fatal(err)
	}
	if n != 100 || blank != 0 {
		t.Fatalf("%d views recorded (%d without pseudonyms), want 100 with their pseudonyms", n, blank)
	}
	// Read again within the window: nothing more is recorded.
	count(ids[:100])
	if err := db.reader.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE action = 'PROFILE_VIEWED' AND actor_id = ?`, ids[100]).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 100 {
		t.Fatalf("%d views after a second visit within the window, want still 100", n)
	}
}
