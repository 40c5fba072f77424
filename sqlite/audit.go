package sqlite

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
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

// auditMany records that actor did action to each agent of subjects, in four statements
// whatever their number (the key, the actor's pseudonym, the subjects' identities, one
// insert): a manager reading a page of 100 profiles records 100 views at the cost of one.
func auditMany(ctx context.Context, tx *Tx, actor int64, action string, subjects []int64) error {
	if len(subjects) == 0 {
		return nil
	}
	key, err := auditKey(ctx, tx)
	if err != nil {
		return err
	}
	actorP, err := pseudonymOf(ctx, tx, key, actor)
	if err != nil {
		return err
	}
	pseudonyms, err := pseudonymsOf(ctx, tx, key, subjects)
	if err != nil {
		return err
	}
	// One row per subject, six parameters a row: a chunk of 1 000 rows stays far under
	// SQLite's 32 766 parameters (a page holds 100 profiles at most).
	const perStatement = 1000
	for start := 0; start < len(subjects); start += perStatement {
		chunk := subjects[start:min(start+perStatement, len(subjects))]
		var q strings.Builder
		q.WriteString(`INSERT INTO audit_log (at, actor_id, actor_pseudonym, action, subject_id, subject_pseudonym, details) VALUES `)
		args := make([]any, 0, 7*len(chunk))
		for i, id := range chunk {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(?, ?, ?, ?, ?, ?, '')")
			args = append(args, formatTime(tx.now), nullInt64(actor), actorP, action, nullInt64(id), pseudonyms[id])
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("sqlite: audit: %w", err)
		}
	}
	return nil
}

// pseudonymsOf returns the pseudonyms of the agents of ids (as pseudonymOf), in one
// statement; an agent that no longer exists has the empty pseudonym.
func pseudonymsOf(ctx context.Context, tx *Tx, key []byte, ids []int64) (map[int64]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, issuer, subject FROM agents WHERE id IN (SELECT value FROM json_each(?))`, jsonIDs(ids))
	if err != nil {
		return nil, fmt.Errorf("sqlite: audit pseudonyms: %w", err)
	}
	defer rows.Close()
	out := make(map[int64]string, len(ids))
	for rows.Next() {
		var id int64
		var issuer, subject string
		if err := rows.Scan(&id, &issuer, &subject); err != nil {
			return nil, fmt.Errorf("sqlite: audit pseudonyms: %w", err)
		}
		out[id] = pseudonym(key, issuer, subject)
	}
	return out, rows.Err()
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
	return pseudonym(key, issuer, subject), nil
}

// pseudonym is the keyed pseudonym of the identity (issuer, subject).
func pseudonym(key []byte, issuer, subject string) string {
	m := hmac.New(sha256.New, key)
	fmt.Fprintf(m, "agent:%s\x00%s", issuer, subject)
	return hex.EncodeToString(m.Sum(nil))[:16]
}
