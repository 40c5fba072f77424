package sqlite

// Notifications of agents (passerelles notification.go): written by the writes of events
// and registrations in their own transaction (notify), read and marked read by their
// owner, and chosen and marked emailed by the delivery worker (package notify).

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"passerelles"
)

// NotificationService implements passerelles.NotificationService.
type NotificationService struct{ db *DB }

var _ passerelles.NotificationService = (*NotificationService)(nil)

// NewNotificationService returns the notifications of db.
func NewNotificationService(db *DB) *NotificationService { return &NotificationService{db: db} }

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

// Notify implements passerelles.NotificationService: notify in a transaction of its own,
// for the application's internal work.
func (s *NotificationService) Notify(ctx context.Context, agentIDs []int64, kind passerelles.NotificationKind, eventID int64) error {
	if err := passerelles.RequireSystem(ctx); err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *Tx) error { return notify(ctx, tx, agentIDs, kind, eventID) })
}

// notificationColumns are what scanNotification reads: the notification and, in the
// same statement, the title, start and status of its event (no loader needed).
const notificationColumns = `n.id, n.agent_id, n.kind, n.created_at, n.read_at, n.emailed_at,
	e.id, COALESCE(e.title, ''), COALESCE(e.starts_at, 0), COALESCE(e.status, '')`

func scanNotification(sc interface{ Scan(...any) error }) (*passerelles.Notification, error) {
	n := &passerelles.Notification{}
	var created, startsAt int64
	var read, emailed, eventID sql.NullInt64
	var title, status string
	if err := sc.Scan(&n.ID, &n.AgentID, &n.Kind, &created, &read, &emailed, &eventID, &title, &startsAt, &status); err != nil {
		return nil, err
	}
	n.CreatedAt, n.ReadAt, n.EmailedAt = unixMilli(created), nullUnixMilli(read), nullUnixMilli(emailed)
	if eventID.Valid {
		n.Event = &passerelles.NotificationEvent{ID: eventID.Int64, Title: title, StartsAt: unixMilli(startsAt),
			Status: passerelles.EventStatus(status)}
	}
	return n, nil
}

// FindNotifications implements passerelles.NotificationService: one read of three
// statements (the page, its count, the unread count), whatever the page.
func (s *NotificationService) FindNotifications(ctx context.Context, agentID int64, filter passerelles.NotificationFilter) (*passerelles.NotificationList, error) {
	if _, err := passerelles.RequireNotificationOwner(ctx, agentID); err != nil {
		return nil, err
	}
	if err := filter.Page.Validate(); err != nil {
		return nil, err
	}
	out := &passerelles.NotificationList{Items: []*passerelles.Notification{}}
	where := `n.agent_id = ?`
	if filter.UnreadOnly {
		where += ` AND n.read_at IS NULL`
	}
	err := s.db.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+notificationColumns+` FROM notifications n
			LEFT JOIN events e ON e.id = n.event_id WHERE `+where+` ORDER BY n.id DESC LIMIT ? OFFSET ?`,
			agentID, filter.Limit, filter.Offset)
		if err != nil {
			return fmt.Errorf("sqlite: find notifications: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			n, err := scanNotification(rows)
			if err != nil {
				return fmt.Errorf("sqlite: find notifications: %w", err)
			}
			out.Items = append(out.Items, n)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("sqlite: find notifications: %w", err)
		}
		return tx.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(*) FILTER (WHERE read_at IS NULL)
			FROM notifications n WHERE n.agent_id = ?`, agentID).Scan(&out.Total, &out.Unread)
	})
	if err != nil {
		return nil, err
	}
	if filter.UnreadOnly {
		out.Total = out.Unread
	}
	return out, nil
}

// MarkNotificationsRead implements passerelles.NotificationService.
func (s *NotificationService) MarkNotificationsRead(ctx context.Context, ids []int64, all bool) (marked, unread int, err error) {
	me, err := selfFrom(ctx)
	if err != nil {
		return 0, 0, err
	}
	switch {
	case len(ids) > passerelles.MaxNotificationsMarked:
		return 0, 0, passerelles.WithField("ids", passerelles.Errorf(passerelles.EINVALID,
			"Marquez au plus %d notifications à la fois, ou toutes.", passerelles.MaxNotificationsMarked))
	case len(ids) == 0 && !all:
		return 0, 0, passerelles.WithField("ids", passerelles.Errorf(passerelles.EINVALID,
			"Indiquez les notifications à marquer comme lues, ou toutes."))
	case len(ids) > 0 && all:
		return 0, 0, passerelles.WithField("all", passerelles.Errorf(passerelles.EINVALID,
			"Marquez soit certaines notifications, soit toutes, mais pas les deux à la fois."))
	}
	err = s.db.write(ctx, func(tx *Tx) error {
		if !all {
			// Every id must be one of the agent's: another's answers as a missing one.
			rows, err := tx.QueryContext(ctx, `SELECT j.key FROM json_each(?) j
				LEFT JOIN notifications n ON n.id = j.value AND n.agent_id = ? WHERE n.id IS NULL ORDER BY j.key LIMIT 1`,
				jsonIDs(ids), me.AgentID)
			if err != nil {
				return fmt.Errorf("sqlite: mark notifications read: %w", err)
			}
			missing := -1
			if rows.Next() {
				err = rows.Scan(&missing)
			}
			rows.Close()
			if err != nil {
				return fmt.Errorf("sqlite: mark notifications read: %w", err)
			}
			if missing >= 0 {
				return passerelles.WithField(fmt.Sprintf("ids.%d", missing),
					passerelles.Errorf(passerelles.ENOTFOUND, "Cette notification est introuvable."))
			}
		}
		q := `UPDATE notifications SET read_at = ? WHERE agent_id = ? AND read_at IS NULL`
		args := []any{tx.now.UnixMilli(), me.AgentID}
		if !all {
			q += ` AND id IN (SELECT value FROM json_each(?))`
			args = append(args, jsonIDs(ids))
		}
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("sqlite: mark notifications read: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		marked = int(n)
		return tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications WHERE agent_id = ? AND read_at IS NULL`,
			me.AgentID).Scan(&unread)
	})
	if err != nil {
		return 0, 0, err
	}
	return marked, unread, nil
}

// findPreferences reads agentID's preferences, the defaults when they chose none.
func findPreferences(ctx context.Context, tx *Tx, agentID int64) (*passerelles.NotificationPreferences, error) {
	p := passerelles.DefaultNotificationPreferences(agentID)
	var quietStart, quietEnd sql.NullInt64
	var updated int64
	err := tx.QueryRowContext(ctx, `SELECT delivery, by_email, quiet_start, quiet_end, digest_weekday, digest_minute, updated_at
		FROM notification_preferences WHERE agent_id = ?`, agentID).Scan(&p.Delivery, &p.ByEmail, &quietStart, &quietEnd,
		&p.DigestWeekday, &p.DigestMinute, &updated)
	switch {
	case err == sql.ErrNoRows:
		return p, nil
	case err != nil:
		return nil, fmt.Errorf("sqlite: notification preferences: %w", err)
	}
	if quietStart.Valid && quietEnd.Valid {
		p.Quiet = &passerelles.QuietHours{Start: int(quietStart.Int64), End: int(quietEnd.Int64)}
	}
	p.UpdatedAt = unixMilli(updated)
	return p, nil
}

// FindNotificationPreferences implements passerelles.NotificationService.
func (s *NotificationService) FindNotificationPreferences(ctx context.Context, agentID int64) (*passerelles.NotificationPreferences, error) {
	if _, err := passerelles.RequireNotificationOwner(ctx, agentID); err != nil {
		return nil, err
	}
	var p *passerelles.NotificationPreferences
	err := s.db.read(ctx, func(tx *Tx) (err error) {
		p, err = findPreferences(ctx, tx, agentID)
		return err
	})
	return p, err
}

// UpdateNotificationPreferences implements passerelles.NotificationService.
func (s *NotificationService) UpdateNotificationPreferences(ctx context.Context, in passerelles.NotificationPreferencesInput) (*passerelles.NotificationPreferences, error) {
	me, err := selfFrom(ctx) // one's own preferences: the owner by construction
	if err != nil {
		return nil, err
	}
	p, err := in.Preferences()
	if err != nil {
		return nil, err
	}
	p.AgentID = me.AgentID
	err = s.db.write(ctx, func(tx *Tx) error {
		var start, end sql.NullInt64
		if p.Quiet != nil {
			start, end = sql.NullInt64{Int64: int64(p.Quiet.Start), Valid: true}, sql.NullInt64{Int64: int64(p.Quiet.End), Valid: true}
		}
		p.UpdatedAt = tx.now.UTC().Truncate(time.Millisecond)
		_, err := tx.ExecContext(ctx, `INSERT INTO notification_preferences
			(agent_id, delivery, by_email, quiet_start, quiet_end, digest_weekday, digest_minute, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (agent_id) DO UPDATE SET delivery = excluded.delivery, by_email = excluded.by_email,
			quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end, digest_weekday = excluded.digest_weekday,
			digest_minute = excluded.digest_minute, updated_at = excluded.updated_at`,
			me.AgentID, string(p.Delivery), p.ByEmail, start, end, int(p.DigestWeekday), p.DigestMinute, p.UpdatedAt.UnixMilli())
		return classify("enregistrer les préférences de notification", err)
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// FindPendingEmails implements passerelles.NotificationService: one statement, over the
// index of unread notifications not emailed (notifications_email_pending), one row per
// agent, so that a look costs the recent pending notifications only, counted in SQL.
func (s *NotificationService) FindPendingEmails(ctx context.Context, now time.Time) ([]*passerelles.PendingEmail, error) {
	if err := passerelles.RequireSystem(ctx); err != nil {
		return nil, err
	}
	var out []*passerelles.PendingEmail
	err := s.db.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT w.agent_id, w.oldest, a.email, a.given_name,
				COALESCE(p.delivery, 'IMMEDIATE'), p.quiet_start, p.quiet_end,
				COALESCE(p.digest_weekday, ?2), COALESCE(p.digest_minute, ?3)
			FROM (SELECT agent_id, MIN(created_at) AS oldest FROM notifications
				WHERE emailed_at IS NULL AND read_at IS NULL AND created_at >= ?1
				GROUP BY agent_id) w
			JOIN agents a ON a.id = w.agent_id
			LEFT JOIN notification_preferences p ON p.agent_id = w.agent_id
			WHERE COALESCE(p.by_email, 1) = 1 AND a.email <> ''
			ORDER BY w.agent_id`,
			now.Add(-passerelles.MaxEmailDelay).UnixMilli(), int(passerelles.DefaultDigestWeekday), passerelles.DefaultDigestMinute)
		if err != nil {
			return fmt.Errorf("sqlite: pending emails: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			pe := &passerelles.PendingEmail{Preferences: passerelles.DefaultNotificationPreferences(0)}
			var oldest int64
			var quietStart, quietEnd sql.NullInt64
			if err := rows.Scan(&pe.AgentID, &oldest, &pe.Email, &pe.GivenName, &pe.Preferences.Delivery, &quietStart, &quietEnd,
				&pe.Preferences.DigestWeekday, &pe.Preferences.DigestMinute); err != nil {
				return fmt.Errorf("sqlite: pending emails: %w", err)
			}
			pe.Oldest, pe.Preferences.AgentID = unixMilli(oldest), pe.AgentID
			if quietStart.Valid && quietEnd.Valid {
				pe.Preferences.Quiet = &passerelles.QuietHours{Start: int(quietStart.Int64), End: int(quietEnd.Int64)}
			}
			out = append(out, pe)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FindPendingNotifications implements passerelles.NotificationService: one statement for
// every agent given.
func (s *NotificationService) FindPendingNotifications(ctx context.Context, now time.Time, agentIDs []int64) (map[int64][]*passerelles.Notification, error) {
	if err := passerelles.RequireSystem(ctx); err != nil {
		return nil, err
	}
	out := map[int64][]*passerelles.Notification{}
	err := s.db.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+notificationColumns+` FROM notifications n
			LEFT JOIN events e ON e.id = n.event_id
			WHERE n.agent_id IN (SELECT value FROM json_each(?)) AND n.emailed_at IS NULL AND n.read_at IS NULL AND n.created_at >= ?
			ORDER BY n.agent_id, n.id`, jsonIDs(agentIDs), now.Add(-passerelles.MaxEmailDelay).UnixMilli())
		if err != nil {
			return fmt.Errorf("sqlite: pending notifications: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			n, err := scanNotification(rows)
			if err != nil {
				return fmt.Errorf("sqlite: pending notifications: %w", err)
			}
			out[n.AgentID] = append(out[n.AgentID], n)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// MarkEmailed implements passerelles.NotificationService: the notifications not marked
// yet only, so that a mark is never moved.
func (s *NotificationService) MarkEmailed(ctx context.Context, ids []int64) (int, error) {
	if err := passerelles.RequireSystem(ctx); err != nil {
		return 0, err
	}
	var marked int
	err := s.db.write(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE notifications SET emailed_at = ?
			WHERE emailed_at IS NULL AND id IN (SELECT value FROM json_each(?))`, tx.now.UnixMilli(), jsonIDs(ids))
		if err != nil {
			return fmt.Errorf("sqlite: mark emailed: %w", err)
		}
		n, err := res.RowsAffected()
		marked = int(n)
		return err
	})
	return marked, err
}

// exportNotifications fills the export's preferences of notification and every
// notification of the agent, oldest first.
func exportNotifications(ctx context.Context, tx *Tx, agentID int64, x *passerelles.DataExport) error {
	p, err := findPreferences(ctx, tx, agentID)
	if err != nil {
		return err
	}
	x.NotificationPreferences = passerelles.ExportNotificationPreferences(p)
	return exportRows(ctx, tx, `SELECT kind, event_id, created_at, read_at, emailed_at FROM notifications
		WHERE agent_id = ? ORDER BY id`, agentID, func(scan func(...any) error) error {
		var n passerelles.ExportedNotification
		var eventID, read, emailed sql.NullInt64
		var created int64
		if err := scan(&n.Kind, &eventID, &created, &read, &emailed); err != nil {
			return err
		}
		n.CreatedAt = unixMilli(created)
		if eventID.Valid {
			id := passerelles.ExportedEventID(eventID.Int64)
			n.EventID = &id
		}
		if read.Valid {
			t := unixMilli(read.Int64)
			n.ReadAt = &t
		}
		if emailed.Valid {
			t := unixMilli(emailed.Int64)
			n.EmailedAt = &t
		}
		x.Notifications = append(x.Notifications, n)
		return nil
	})
}
