package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"passerelles"
)

// TestEventRangePlan checks that a period of the events list is read through the index
// events_starts (status, starts_at), for every kind of reader (the drafts' OR included),
// not by reading every event.
func TestEventRangePlan(t *testing.T) {
	ctx := context.Background()
	db := NewDB(filepath.Join(t.TempDir(), "plan.db"))
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	from := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for name, u := range map[string]*passerelles.User{
		"Agent": {AgentID: 1}, "Admin": {AgentID: 2, AccessRoles: []passerelles.AccessRole{passerelles.AccessAdmin}},
	} {
		for _, when := range []passerelles.EventWhen{"", passerelles.EventsUpcoming, passerelles.EventsPast} {
			t.Run(name+string(when), func(t *testing.T) {
				w, order := eventsWhere(u, passerelles.EventFilter{When: when, StartsFrom: from, StartsBefore: from.AddDate(0, 1, 0)}, from)
				rows, err := db.reader.QueryContext(ctx, `EXPLAIN QUERY PLAN SELECT `+eventColumns+` FROM events e`+w.String()+
					` ORDER BY `+order+` LIMIT 100`, w.args...)
				if err != nil {
					t.Fatal(err)
				}
				defer rows.Close()
				var plan []string
				for rows.Next() {
					var id, parent, unused int
					var detail string
					if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
						t.Fatal(err)
					}
					plan = append(plan, detail)
				}
				if got := strings.Join(plan, "\n"); !strings.Contains(got, "SEARCH e USING INDEX events_starts (status=? AND starts_at>? AND starts_at<?)") {
					t.Fatalf("plan:\n%s\nwant a search of events_starts bounded by the period", got)
				}
			})
		}
	}
}
