package sqlite

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
)

// audit records, in the write transaction tx and at its time, who (actor, 0 for the
// application) did what to whom, with the pseudonyms that survive an erasure: erasing an
// agent sets their ids NULL (ON DELETE SET NULL) and leaves only the keyed pseudonyms.
func audit(ctx context.Context, tx *Tx, actor int64, action string, subject int64, details string) error {
	key, err := auditKey(ctx, tx)
	if err != nil {
		return err
	}
	actorP, err := pseudonymOf(ctx, tx, key, actor)
	if err != nil {
		return err
	}
	subjectP, err := pseudonymOf(ctx, tx, key, subject)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (at, actor_id, actor_pseudonym, action, subject_id, subject_pseudonym, details)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, formatTime(tx.now), nullInt64(actor), actorP, action,
		nullInt64(subject), subjectP, details)
	if err != nil {
		return fmt.Errorf("sqlite: audit: %w", err)
	}
	return nil
}

// auditKey returns the secret that keys audit pseudonyms, created on first use.
func auditKey(ctx context.Context, tx *Tx) ([]byte, error) {
	var hexKey string
	err := tx.QueryRowContext(ctx, `SELECT value FROM app_settings WHERE key = 'audit_pseudonym_key'`).Scan(&hexKey)
	if err == sql.ErrNoRows {
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			return nil, err
		}
		hexKey = hex.EncodeToString(b)
		if _, err := tx.ExecContext(ctx, `INSERT INTO app_settings (key, value) VALUES ('audit_pseudonym_key', ?)`, hexKey); err != nil {
			return nil, fmt.Errorf("sqlite: audit key: %w", err)
		}
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: audit key: %w", err)
	}
	return hex.DecodeString(hexKey)
}

// pseudonymOf keys the pseudonym on the agent's identity (issuer and subject), never on the
// row id, which SQLite may give again to a later agent once the row is erased.
func pseudonymOf(ctx context.Context, tx *Tx, key []byte, agentID int64) (string, error) {
	if agentID == 0 {
		return "", nil
	}
	var issuer, subject string
	if err := tx.QueryRowContext(ctx, `SELECT issuer, subject FROM agents WHERE id = ?`, agentID).Scan(&issuer, &subject); err == sql.ErrNoRows {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("sqlite: audit pseudonym: %w", err)
	}
	m := hmac.New(sha256.New, key)
	fmt.Fprintf(m, "agent:%s\x00%s", issuer, subject)
	return hex.EncodeToString(m.Sum(nil))[:16], nil
}
