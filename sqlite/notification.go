package sqlite

import (
	"context"
	"fmt"

	"passerelles"
)

// notify records, in tx, a notification of kind about event (0: none) for each of agentIDs: the
// writes that register, promote, change or cancel call it in their own transaction, so a
// notification exists exactly when its change was committed. Reading, preferences and
// delivery by email build on these rows.
func notify(ctx context.Context, tx *Tx, agentIDs []int64, kind passerelles.NotificationKind, eventID int64) error {
	if !kind.Valid() {
		return fmt.Errorf("sqlite: notify: unknown kind %q", kind)
	}
	if len(agentIDs) == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO notifications (agent_id, kind, event_id, created_at)
		SELECT value, ?, NULLIF(?, 0), ? FROM json_each(?)`, string(kind), eventID, tx.now.UnixMilli(), jsonIDs(agentIDs)); err != nil {
		return fmt.Errorf("sqlite: notify: %w", err)
	}
	return nil
}
