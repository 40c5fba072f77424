package passerelles

import (
	"context"
	"time"
)

// Session is a signed-in browser. The cookie carries a random token; the store keeps only
// its hash, so a copy of the database opens no session.
type Session struct {
	AgentID    int64
	IDToken    string // the provider's id token, for its end-session endpoint
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time // absolute end, whatever the activity
}

// SessionService keeps server-side sessions.
type SessionService interface {
	// CreateSession opens a session for the agent, ending at now+absolute, and returns the
	// token to put in the cookie (a new one at each sign-in).
	CreateSession(ctx context.Context, agentID int64, idToken string, absolute time.Duration) (token string, err error)

	// FindSession returns the session of token and marks it seen. Returns EUNAUTHENTICATED
	// when no session has that token, or it passed its absolute end or was idle longer
	// than idle (the expired session is deleted).
	FindSession(ctx context.Context, token string, idle time.Duration) (*Session, error)

	// DeleteSession ends the session of token; ending an unknown session is not an error.
	DeleteSession(ctx context.Context, token string) error
}
