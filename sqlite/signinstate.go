package sqlite

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"

	"passerelles"
)

// SignInStateService implements passerelles.SignInStateService.
type SignInStateService struct{ db *DB }

var _ passerelles.SignInStateService = (*SignInStateService)(nil)

// NewSignInStateService returns the sign-in state service of db.
func NewSignInStateService(db *DB) *SignInStateService { return &SignInStateService{db: db} }

// signInStateKeySize is the size of the secret sealing sign-in cookies (AES-256).
const signInStateKeySize = 32

// SignInStateKey implements passerelles.SignInStateService. The key is created in a write
// transaction (BEGIN IMMEDIATE), so that two processes starting together on one database
// agree on a single key.
func (s *SignInStateService) SignInStateKey(ctx context.Context) ([]byte, error) {
	var hexKey string
	err := s.db.reader.QueryRowContext(ctx, `SELECT value FROM app_settings WHERE key = 'signin_state_key'`).Scan(&hexKey)
	if err == sql.ErrNoRows {
		fresh := make([]byte, signInStateKeySize)
		if _, err := rand.Read(fresh); err != nil {
			return nil, fmt.Errorf("sqlite: sign-in state key: %w", err)
		}
		err := s.db.write(ctx, func(tx *Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO app_settings (key, value) VALUES ('signin_state_key', ?)`,
				hex.EncodeToString(fresh)); err != nil {
				return err
			}
			return tx.QueryRowContext(ctx, `SELECT value FROM app_settings WHERE key = 'signin_state_key'`).Scan(&hexKey)
		})
		if err != nil {
			return nil, fmt.Errorf("sqlite: sign-in state key: %w", err)
		}
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: sign-in state key: %w", err)
	}
	key, err := hex.DecodeString(hexKey)
	if err != nil || len(key) != signInStateKeySize {
		return nil, fmt.Errorf("sqlite: sign-in state key in app_settings is not %d bytes of hex", signInStateKeySize)
	}
	return key, nil
}

// UseSignInState implements passerelles.SignInStateService. Used states past their expiry
// are swept in the same transaction, so that the table holds at most the callbacks of the
// last sign-in lifetime.
func (s *SignInStateService) UseSignInState(ctx context.Context, state string, expires time.Time) error {
	if state == "" {
		return passerelles.Errorf(passerelles.EINVALID, "L’état de connexion est vide.")
	}
	sum := sha256.Sum256([]byte(state))
	err := s.db.write(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM used_signin_states WHERE expires_at <= ?`, formatTime(tx.now)); err != nil {
			return fmt.Errorf("sqlite: sweep used sign-in states: %w", err)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO used_signin_states (state_hash, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING`,
			sum[:], formatTime(expires))
		if err != nil {
			return fmt.Errorf("sqlite: use sign-in state: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("sqlite: use sign-in state: %w", err)
		} else if n == 0 {
			return passerelles.Errorf(passerelles.ECONFLICT, "Cette tentative de connexion a déjà servi.")
		}
		return nil
	})
	return err
}
