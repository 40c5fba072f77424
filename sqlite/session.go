package sqlite

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"time"

	"passerelles"
)

// SessionService implements passerelles.SessionService.
type SessionService struct{ db *DB }

var _ passerelles.SessionService = (*SessionService)(nil)

// NewSessionService returns the session service of db.
func NewSessionService(db *DB) *SessionService { return &SessionService{db: db} }

// MaxSessionsPerAgent bounds the sessions one agent keeps open: signing in an eleventh
// browser ends the oldest session.
const MaxSessionsPerAgent = 10

// touchEvery bounds how often a session's last-seen time is written: at most once a minute,
// rather than one write per request.
const touchEvery = time.Minute

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateSession implements passerelles.SessionService.
func (s *SessionService) CreateSession(ctx context.Context, agentID int64, idToken string, absolute time.Duration) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("sqlite: session token: %w", err)
	}
	token := base64.RawURLEncoding.EncodeToString(b)
	h := hashToken(token)
	err := s.db.write(ctx, func(tx *Tx) error {
		now := tx.now
		// Expired sessions are swept as new ones open.
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= ?`, formatTime(now)); err != nil {
			return fmt.Errorf("sqlite: sweep sessions: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, agent_id, id_token, created_at, last_seen_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?)`, h, agentID, idToken, formatTime(now), formatTime(now), formatTime(now.Add(absolute))); err != nil {
			return classify("ouvrir la session", err)
		}
		// A person keeps their newest sessions only: each sign-in adds a row (with the
		// provider's id token), and without a bound a person signing in again and again would
		// grow the table until the absolute timeout.
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE agent_id = ? AND token_hash <> ? AND token_hash NOT IN (
			SELECT token_hash FROM sessions WHERE agent_id = ? AND token_hash <> ? ORDER BY created_at DESC, token_hash LIMIT ?)`,
			agentID, h, agentID, h, MaxSessionsPerAgent-1); err != nil {
			return fmt.Errorf("sqlite: bound sessions: %w", err)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return token, nil
}

// FindSession implements passerelles.SessionService.
func (s *SessionService) FindSession(ctx context.Context, token string, idle time.Duration) (*passerelles.Session, error) {
	expired := passerelles.Errorf(passerelles.EUNAUTHENTICATED, "Votre session a expiré : reconnectez-vous.")
	if token == "" {
		return nil, expired
	}
	h := hashToken(token)
	var ses passerelles.Session
	var created, seen, expires int64
	err := s.db.reader.QueryRowContext(ctx, `SELECT agent_id, id_token, created_at, last_seen_at, expires_at
		FROM sessions WHERE token_hash = ?`, h).Scan(&ses.AgentID, &ses.IDToken, &created, &seen, &expires)
	if err == sql.ErrNoRows {
		return nil, expired
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find session: %w", err)
	}
	ses.CreatedAt, ses.LastSeenAt, ses.ExpiresAt = time.UnixMilli(created).UTC(), time.UnixMilli(seen).UTC(), time.UnixMilli(expires).UTC()
	now := s.db.Now()
	if !now.Before(ses.ExpiresAt) || now.Sub(ses.LastSeenAt) >= idle {
		if err := s.DeleteSession(ctx, token); err != nil {
			return nil, err
		}
		return nil, expired
	}
	if now.Sub(ses.LastSeenAt) >= touchEvery {
		if _, err := s.db.writer.ExecContext(ctx, `UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?`, formatTime(now), h); err != nil {
			return nil, fmt.Errorf("sqlite: touch session: %w", err)
		}
		ses.LastSeenAt = now
	}
	return &ses, nil
}

// DeleteSession implements passerelles.SessionService.
func (s *SessionService) DeleteSession(ctx context.Context, token string) error {
	if _, err := s.db.writer.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`, hashToken(token)); err != nil {
		return fmt.Errorf("sqlite: delete session: %w", err)
	}
	return nil
}
