package notify_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"passerelles"
	"passerelles/notify"
	"passerelles/seed"
	"passerelles/sqlite"
)

// nobody is a sender that must never be called: every agent of the benchmark waits.
type nobody struct{ tb testing.TB }

func (n nobody) Send(context.Context, []*notify.Message) []error {
	n.tb.Fatal("nothing is due")
	return nil
}

// BenchmarkTickWaiting is the cost of one look of the worker when 10 000 agents each wait
// for their weekly digest with 3 notifications: the worst steady state, since every look
// reads them all (30 000 notifications) to find that none is due.
func BenchmarkTickWaiting(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bench.db")
	db := sqlite.NewDB(path)
	now := time.Date(2026, 6, 10, 13, 0, 0, 0, time.UTC) // a Wednesday
	db.Now = func() time.Time { return now }
	if err := db.Open(context.Background()); err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	svc := db.Services()
	system := passerelles.NewSystemContext(context.Background())
	if _, err := seed.LoadReferentials(system, svc); err != nil {
		b.Fatal(err)
	}
	const agents = 10_000
	if _, err := seed.GenerateDemo(system, svc, seed.DemoOptions{Agents: agents, Seed: 1, BatchSize: 2000, Now: now}); err != nil {
		b.Fatal(err)
	}
	raw, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`INSERT INTO notification_preferences (agent_id, delivery, by_email, digest_weekday, digest_minute, updated_at)
		SELECT id, 'WEEKLY_DIGEST', 1, 1, 480, 0 FROM agents`); err != nil {
		b.Fatal(err)
	}
	var ids []int64
	rows, err := raw.Query(`SELECT id FROM agents`)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var id int64
		_ = rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	for _, k := range []passerelles.NotificationKind{passerelles.NotifyRegistrationConfirmed, passerelles.NotifyWaitlisted, passerelles.NotifyEventChanged} {
		if err := svc.Notifications.Notify(system, ids, k, 0); err != nil {
			b.Fatal(err)
		}
	}
	w := notify.NewWorker(svc.Notifications, nobody{b}, "https://passerelles.test", nil)
	w.Now = func() time.Time { return now.Add(time.Hour) }
	b.ResetTimer()
	for b.Loop() {
		rep, err := w.Tick(context.Background())
		if err != nil || rep.Waiting != len(ids) {
			b.Fatalf("%+v, %v", rep, err)
		}
	}
}
