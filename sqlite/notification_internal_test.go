package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"passerelles"
)

// TestNotifyInTransaction checks that notify writes one row per agent in the caller's
// transaction: none after a rollback, all after a commit, with the transaction's instant.
func TestNotifyInTransaction(t *testing.T) {
	ctx := context.Background()
	db := NewDB(filepath.Join(t.TempDir(), "n.db"))
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	at := time.UnixMilli(1_800_000_000_000).UTC()
	db.Now = func() time.Time { return at }
	system := passerelles.NewSystemContext(ctx)
	var ids []int64
	for _, s := range []string{"a", "b"} {
		u, err := db.Services().Users.SignIn(system, passerelles.Identity{Issuer: "i", Subject: s}, nil)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, u.Agent.ID)
	}
	count := func() (n int) {
		if err := db.reader.QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications WHERE created_at = ?`, at.UnixMilli()).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	errRollback := passerelles.Errorf(passerelles.ECONFLICT, "rollback")
	if err := db.write(ctx, func(tx *Tx) error {
		if err := notify(ctx, tx, ids, passerelles.NotifyEventCancelled, 0); err != nil {
			return err
		}
		return errRollback
	}); err != errRollback {
		t.Fatal(err)
	}
	if n := count(); n != 0 {
		t.Fatalf("%d notifications after a rollback", n)
	}
	if err := db.write(ctx, func(tx *Tx) error { return notify(ctx, tx, ids, passerelles.NotifyEventCancelled, 0) }); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 2 {
		t.Fatalf("%d notifications after a commit, want 2", n)
	}
	if err := db.write(ctx, func(tx *Tx) error { return notify(ctx, tx, ids, "NOPE", 0) }); err == nil {
		t.Fatal("an unknown kind was written")
	}
}
