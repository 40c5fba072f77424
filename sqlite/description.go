package sqlite

import (
	"context"
	"fmt"

	"passerelles/markdown"
)

// describe renders a Markdown description when it is written: its sanitised HTML, and the
// plain text of that HTML (markdown.PlainText) for calendar files. Reads return what it
// stored, so that a description costs one render per change, not one per read.
func (db *DB) describe(src string) (html, text string) {
	if src == "" {
		return "", ""
	}
	html = db.RenderMarkdown(src)
	return html, markdown.PlainText(html)
}

// refreshDescriptions renders the descriptions stored without their HTML: the rows written
// before migration 0014, or after a migration that reset the columns because the renderer
// changed. At open rather than in the migration, since the renderer is Go code.
func (db *DB) refreshDescriptions(ctx context.Context) error {
	return db.write(ctx, func(tx *Tx) error {
		for _, table := range []struct{ name, set string }{
			{"events", `UPDATE events SET description_html = ?, description_text = ? WHERE id = ?`},
			{"communities", `UPDATE communities SET description_html = ? WHERE id = ?`},
		} {
			type stale struct {
				id  int64
				src string
			}
			var todo []stale
			rows, err := tx.QueryContext(ctx, `SELECT id, description FROM `+table.name+` WHERE description_html IS NULL`)
			if err != nil {
				return fmt.Errorf("sqlite: read %s descriptions: %w", table.name, err)
			}
			for rows.Next() {
				var s stale
				if err := rows.Scan(&s.id, &s.src); err != nil {
					rows.Close()
					return fmt.Errorf("sqlite: read %s descriptions: %w", table.name, err)
				}
				todo = append(todo, s)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			for _, s := range todo {
				html, text := db.describe(s.src)
				args := []any{html, text, s.id}
				if table.name == "communities" {
					args = []any{html, s.id}
				}
				if _, err := tx.ExecContext(ctx, table.set, args...); err != nil {
					return fmt.Errorf("sqlite: render %s descriptions: %w", table.name, err)
				}
			}
		}
		return nil
	})
}
