package sqlite

import (
	"context"
	"database/sql"
	"strings"
)

// bulkRows is how many rows one multi-row INSERT carries (columns × rows stays far below
// SQLite's limit of 32 766 parameters).
const bulkRows = 128

// bulkInsert buffers rows and writes them with multi-row INSERT statements, which costs one
// cgo round trip per bulkRows rows instead of one per row.
type bulkInsert struct {
	tx      *Tx
	prefix  string
	columns int
	args    []any
	full    *sql.Stmt // prepared once for bulkRows rows
}

func newBulkInsert(tx *Tx, prefix string, columns int) *bulkInsert {
	return &bulkInsert{tx: tx, prefix: prefix, columns: columns}
}

func (b *bulkInsert) statement(rows int) string {
	row := "(" + placeholders(b.columns) + ")"
	return b.prefix + strings.TrimSuffix(strings.Repeat(row+", ", rows), ", ")
}

// add buffers one row and writes a full batch when there is one.
func (b *bulkInsert) add(ctx context.Context, values ...any) error {
	b.args = append(b.args, values...)
	if len(b.args) < bulkRows*b.columns {
		return nil
	}
	if b.full == nil {
		stmt, err := b.tx.PrepareContext(ctx, b.statement(bulkRows))
		if err != nil {
			return err
		}
		b.full = stmt
	}
	_, err := b.full.ExecContext(ctx, b.args...)
	b.args = b.args[:0]
	return err
}

// flush writes the rows still buffered.
func (b *bulkInsert) flush(ctx context.Context) error {
	if len(b.args) == 0 {
		return nil
	}
	_, err := b.tx.ExecContext(ctx, b.statement(len(b.args)/b.columns), b.args...)
	b.args = b.args[:0]
	return err
}

func (b *bulkInsert) close() {
	if b.full != nil {
		b.full.Close()
	}
}
