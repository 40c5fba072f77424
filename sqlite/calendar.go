package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"passerelles"
)

// CalendarService implements passerelles.CalendarService. It reads the events and
// registrations tables directly: a calendar needs a few columns of many events and the
// reader's own registration, in one statement.
type CalendarService struct{ db *DB }

var _ passerelles.CalendarService = (*CalendarService)(nil)

// NewCalendarService returns the calendar service of db.
func NewCalendarService(db *DB) *CalendarService { return &CalendarService{db: db} }

// calendarColumns are the columns scanCalendarEntries reads; the query joins events e,
// communities c and the reader's registration r (LEFT JOIN: r.status NULL when none). The
// waitlist position is the rank among the event's waitlisted registrations, by position.
// The description is its plain text, rendered when the event was written.
const calendarColumns = `SELECT e.id, c.name, e.title, COALESCE(e.description_text, ''), e.kind, e.status, e.format, e.address,
	e.online_url, e.starts_at, e.ends_at, e.time_zone, e.sequence, e.updated_at, COALESCE(r.status, ''),
	CASE WHEN r.status = 'WAITLISTED' THEN (SELECT COUNT(*) FROM registrations w
		WHERE w.event_id = e.id AND w.status = 'WAITLISTED' AND w.position <= r.position) ELSE 0 END`

// calendarStatuses keeps drafts out of every calendar (passerelles.InCalendar).
const calendarStatuses = `e.status IN ('PUBLISHED', 'CANCELLED')`

func scanCalendarEntries(ctx context.Context, tx *Tx, query string, args ...any) ([]*passerelles.CalendarEntry, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find calendar entries: %w", err)
	}
	defer rows.Close()
	out := []*passerelles.CalendarEntry{}
	for rows.Next() {
		e := &passerelles.CalendarEntry{}
		var kind, status, format, registration string
		var starts, ends, updated int64
		if err := rows.Scan(&e.EventID, &e.CommunityName, &e.Title, &e.Description, &kind, &status, &format, &e.Address,
			&e.OnlineURL, &starts, &ends, &e.TimeZone, &e.Sequence, &updated, &registration, &e.WaitlistPosition); err != nil {
			return nil, fmt.Errorf("sqlite: scan calendar entry: %w", err)
		}
		e.Kind, e.Status, e.Format = passerelles.EventKind(kind), passerelles.EventStatus(status), passerelles.EventFormat(format)
		e.StartsAt, e.EndsAt, e.UpdatedAt = unixMilli(starts), unixMilli(ends), unixMilli(updated)
		switch registration {
		case "REGISTERED", "ATTENDED":
			e.Participation = passerelles.ParticipationConfirmed
		case "WAITLISTED":
			e.Participation = passerelles.ParticipationWaitlisted
		}
		if !passerelles.CanSeeOnlineLink(e.Status, false, e.Participation == passerelles.ParticipationConfirmed) {
			e.OnlineURL = ""
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// calendarReader returns the signed-in agent allowed to read calendars.
func calendarReader(ctx context.Context) (*passerelles.User, error) {
	u := passerelles.UserFromContext(ctx)
	if !passerelles.CanReadCalendars(u) {
		return nil, passerelles.Errorf(passerelles.EUNAUTHENTICATED, "Connectez-vous pour ajouter cet événement à votre agenda.")
	}
	return u, nil
}

// FindEventCalendar implements passerelles.CalendarService.
func (s *CalendarService) FindEventCalendar(ctx context.Context, eventID int64) (*passerelles.CalendarEntry, error) {
	u, err := calendarReader(ctx)
	if err != nil {
		return nil, err
	}
	var es []*passerelles.CalendarEntry
	err = s.db.read(ctx, func(tx *Tx) (err error) {
		es, err = scanCalendarEntries(ctx, tx, calendarColumns+` FROM events e JOIN communities c ON c.id = e.community_id
			LEFT JOIN registrations r ON r.event_id = e.id AND r.agent_id = ?
			WHERE e.id = ? AND `+calendarStatuses, u.AgentID, eventID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, passerelles.Errorf(passerelles.ENOTFOUND, "Cet événement n’existe pas.")
	}
	return es[0], nil
}

// FindCommunityCalendar implements passerelles.CalendarService.
func (s *CalendarService) FindCommunityCalendar(ctx context.Context, code string) (*passerelles.Community, []*passerelles.CalendarEntry, error) {
	u, err := calendarReader(ctx)
	if err != nil {
		return nil, nil, err
	}
	var c *passerelles.Community
	var es []*passerelles.CalendarEntry
	err = s.db.read(ctx, func(tx *Tx) error {
		cs, err := findCommunities(ctx, tx, " WHERE c.code = ?", code)
		if err != nil {
			return err
		}
		if len(cs) == 0 {
			return passerelles.Errorf(passerelles.ENOTFOUND, "Cette communauté n’existe pas.")
		}
		c = cs[0]
		es, err = scanCalendarEntries(ctx, tx, calendarColumns+` FROM events e JOIN communities c ON c.id = e.community_id
			LEFT JOIN registrations r ON r.event_id = e.id AND r.agent_id = ?
			WHERE e.community_id = ? AND `+calendarStatuses+` AND e.ends_at > ?
			ORDER BY e.starts_at, e.id LIMIT ?`,
			u.AgentID, c.ID, formatTime(tx.now.Add(-passerelles.CalendarPastWindow)), passerelles.MaxCalendarEntries)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return c, es, nil
}

// validFeedToken reports whether token has the shape of a feed token (43 characters of
// base64url), so that anything else is refused without reading the database.
func validFeedToken(token string) bool {
	if len(token) != base64.RawURLEncoding.EncodedLen(passerelles.CalendarFeedTokenBytes) {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(token)
	return err == nil
}

// FindFeedCalendar implements passerelles.CalendarService.
func (s *CalendarService) FindFeedCalendar(ctx context.Context, token string) ([]*passerelles.CalendarEntry, error) {
	notFound := passerelles.Errorf(passerelles.ENOTFOUND, "Ce lien d’agenda n’existe pas.")
	if !validFeedToken(token) {
		return nil, notFound
	}
	var es []*passerelles.CalendarEntry
	err := s.db.read(ctx, func(tx *Tx) error {
		var agentID int64
		if err := tx.QueryRowContext(ctx, `SELECT agent_id FROM calendar_feeds WHERE token_hash = ?`, hashToken(token)).Scan(&agentID); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return notFound
			}
			return fmt.Errorf("sqlite: find calendar feed: %w", err)
		}
		// The agent's seats and waitlist places, and the events cancelled while they were
		// registered: a cancellation frees every registration in its transaction (one
		// instant, so updated_at = cancelled_at), and the calendar must still learn of it.
		var err error
		es, err = scanCalendarEntries(ctx, tx, calendarColumns+` FROM registrations r JOIN events e ON e.id = r.event_id
			JOIN communities c ON c.id = e.community_id
			WHERE r.agent_id = ? AND `+calendarStatuses+` AND e.ends_at > ?
				AND (r.status IN ('REGISTERED', 'ATTENDED', 'WAITLISTED')
					OR (e.status = 'CANCELLED' AND r.updated_at >= e.cancelled_at))
			ORDER BY e.starts_at, e.id LIMIT ?`,
			agentID, formatTime(tx.now.Add(-passerelles.CalendarPastWindow)), passerelles.MaxCalendarEntries)
		return err
	})
	if err != nil {
		return nil, err
	}
	return es, nil
}

// MyCalendarFeed implements passerelles.CalendarService.
func (s *CalendarService) MyCalendarFeed(ctx context.Context) (*passerelles.CalendarFeed, error) {
	me, err := selfFrom(ctx)
	if err != nil {
		return nil, err
	}
	var created int64
	err = s.db.reader.QueryRowContext(ctx, `SELECT created_at FROM calendar_feeds WHERE agent_id = ?`, me.AgentID).Scan(&created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, passerelles.Errorf(passerelles.ENOTFOUND, "Vous n’avez pas de lien d’agenda personnel.")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: my calendar feed: %w", err)
	}
	return &passerelles.CalendarFeed{CreatedAt: unixMilli(created)}, nil
}

// newFeedToken returns a new secret for a feed's address.
func newFeedToken() (string, error) {
	b := make([]byte, passerelles.CalendarFeedTokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("sqlite: calendar feed token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// CreateCalendarFeed implements passerelles.CalendarService.
func (s *CalendarService) CreateCalendarFeed(ctx context.Context) (*passerelles.CalendarFeed, error) {
	return s.setFeed(ctx, false)
}

// RenewCalendarFeed implements passerelles.CalendarService.
func (s *CalendarService) RenewCalendarFeed(ctx context.Context) (*passerelles.CalendarFeed, error) {
	return s.setFeed(ctx, true)
}

// setFeed creates the agent's feed (renew false) or replaces its token (renew true).
func (s *CalendarService) setFeed(ctx context.Context, renew bool) (*passerelles.CalendarFeed, error) {
	me, err := selfFrom(ctx)
	if err != nil {
		return nil, err
	}
	token, err := newFeedToken()
	if err != nil {
		return nil, err
	}
	feed := &passerelles.CalendarFeed{Token: token}
	err = s.db.write(ctx, func(tx *Tx) error {
		feed.CreatedAt = tx.now.UTC().Truncate(time.Millisecond)
		var exists bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM calendar_feeds WHERE agent_id = ?)`, me.AgentID).Scan(&exists); err != nil {
			return fmt.Errorf("sqlite: find calendar feed: %w", err)
		}
		switch {
		case exists && !renew:
			return passerelles.Errorf(passerelles.ECONFLICT, "Vous avez déjà un lien d’agenda personnel : renouvelez-le pour en obtenir un nouveau.")
		case !exists && renew:
			return passerelles.Errorf(passerelles.ENOTFOUND, "Vous n’avez pas de lien d’agenda personnel à renouveler.")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO calendar_feeds (agent_id, token_hash, created_at) VALUES (?, ?, ?)
			ON CONFLICT (agent_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
			me.AgentID, hashToken(token), formatTime(feed.CreatedAt))
		return classify("enregistrer le lien d’agenda", err)
	})
	if err != nil {
		return nil, err
	}
	return feed, nil
}

// RevokeCalendarFeed implements passerelles.CalendarService.
func (s *CalendarService) RevokeCalendarFeed(ctx context.Context) error {
	me, err := selfFrom(ctx)
	if err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM calendar_feeds WHERE agent_id = ?`, me.AgentID)
		if err != nil {
			return fmt.Errorf("sqlite: revoke calendar feed: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return passerelles.Errorf(passerelles.ENOTFOUND, "Vous n’avez pas de lien d’agenda personnel.")
		}
		return nil
	})
}

// exportCalendarFeed tells the export whether the agent has a personal feed and since
// when — never its token, which the store does not keep, nor its hash.
func exportCalendarFeed(ctx context.Context, tx *Tx, agentID int64, x *passerelles.DataExport) error {
	var created int64
	err := tx.QueryRowContext(ctx, `SELECT created_at FROM calendar_feeds WHERE agent_id = ?`, agentID).Scan(&created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("sqlite: export calendar feed: %w", err)
	}
	x.CalendarFeed = &passerelles.ExportedCalendarFeed{CreatedAt: unixMilli(created)}
	return nil
}
