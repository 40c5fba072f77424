package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"passerelles"
)

// TestSearchAuditGroupCommit: the audit entries of searches that wait together are
// committed in one transaction, and each searcher is told once its entry is committed.
// The queue is driven by hand (no writer loop), so the group is exactly the entries queued.
func TestSearchAuditGroupCommit(t *testing.T) {
	ctx := context.Background()
	db := NewDB(filepath.Join(t.TempDir(), "audit.db"))
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	system := passerelles.NewSystemContext(ctx)
	m, err := db.Services().Users.SignIn(system, passerelles.Identity{Issuer: "i", Subject: "manager"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var tick int64
	db.Now = func() time.Time { tick++; return time.UnixMilli(1_700_000_000_000 + tick) } // a new instant per transaction

	a := newSearchAudit()
	const searches = 8
	errs := make(chan error, searches)
	var wg sync.WaitGroup
	for i := range searches {
		wg.Go(func() {
			wait, err := a.record(searchEntry{actor: m.Agent.ID, details: fmt.Sprintf(`{"n":%d}`, i)})
			if err == nil {
				err = wait()
			}
			errs <- err
		})
	}
	for queued := 0; queued < searches; {
		a.mu.Lock()
		queued = len(a.pending)
		a.mu.Unlock()
		time.Sleep(time.Millisecond)
	}
	select {
	case err := <-errs:
		t.Fatalf("a search returned (%v) before its entry was committed", err)
	default:
	}
	if !a.commitGroup(db) {
		t.Fatal("no group committed")
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if a.commitGroup(db) {
		t.Fatal("a second group committed, from nothing")
	}
	var n, instants int
	if err := db.reader.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(DISTINCT at) FROM audit_log WHERE action = 'TALENT_SEARCHED'`).Scan(&n, &instants); err != nil {
		t.Fatal(err)
	}
	if n != searches || instants != 1 {
		t.Fatalf("%d entries at %d instants, want %d entries of one transaction", n, instants, searches)
	}
}
