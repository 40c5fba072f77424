package sqlite

import (
	"context"
	"fmt"

	"passerelles"
)

// FrameworkService implements passerelles.FrameworkService.
type FrameworkService struct{ db *DB }

var _ passerelles.FrameworkService = (*FrameworkService)(nil)

// NewFrameworkService returns the framework service of db.
func NewFrameworkService(db *DB) *FrameworkService { return &FrameworkService{db: db} }

// FindFrameworkByCode implements passerelles.FrameworkService.
func (s *FrameworkService) FindFrameworkByCode(ctx context.Context, code string) (*passerelles.Framework, error) {
	var f *passerelles.Framework
	err := s.db.read(ctx, func(tx *Tx) (err error) {
		f, err = findFrameworkByCode(ctx, tx, code)
		return err
	})
	return f, err
}

func findFrameworkByCode(ctx context.Context, tx *Tx, code string) (*passerelles.Framework, error) {
	fs, err := findFrameworks(ctx, tx, "WHERE code = ?", code)
	if err != nil {
		return nil, err
	}
	if len(fs) == 0 {
		return nil, passerelles.Errorf(passerelles.ENOTFOUND, "Le référentiel « %s » n’existe pas.", code)
	}
	return fs[0], nil
}

// FindFrameworks implements passerelles.FrameworkService.
func (s *FrameworkService) FindFrameworks(ctx context.Context, filter passerelles.FrameworkFilter) ([]*passerelles.Framework, int, error) {
	if err := filter.Page.Validate(); err != nil {
		return nil, 0, err
	}
	var w where
	w.in("id", filter.IDs)
	var fs []*passerelles.Framework
	var total int
	err := s.db.read(ctx, func(tx *Tx) (err error) {
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM frameworks"+w.String(), w.args...).Scan(&total); err != nil {
			return fmt.Errorf("sqlite: count frameworks: %w", err)
		}
		fs, err = findFrameworks(ctx, tx, w.String()+" ORDER BY code LIMIT ? OFFSET ?", append(w.args, filter.Limit, filter.Offset)...)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return fs, total, nil
}

// findFrameworks reads frameworks, then their levels and domains in one query each.
func findFrameworks(ctx context.Context, tx *Tx, tail string, args ...any) ([]*passerelles.Framework, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id, code, name, description FROM frameworks "+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find frameworks: %w", err)
	}
	defer rows.Close()
	var fs []*passerelles.Framework
	byID := map[int64]*passerelles.Framework{}
	for rows.Next() {
		f := &passerelles.Framework{}
		if err := rows.Scan(&f.ID, &f.Code, &f.Name, &f.Description); err != nil {
			return nil, err
		}
		fs = append(fs, f)
		byID[f.ID] = f
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(fs) == 0 {
		return fs, nil
	}
	ids := make([]int64, len(fs))
	for i, f := range fs {
		ids[i] = f.ID
	}
	lrows, err := tx.QueryContext(ctx, `SELECT framework_id, value, code, label, description FROM framework_levels
		WHERE framework_id IN (`+placeholders(len(ids))+`) ORDER BY framework_id, value`, int64Args(ids)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find levels: %w", err)
	}
	defer lrows.Close()
	for lrows.Next() {
		var id int64
		var l passerelles.Level
		if err := lrows.Scan(&id, &l.Value, &l.Code, &l.Label, &l.Description); err != nil {
			return nil, err
		}
		byID[id].Levels = append(byID[id].Levels, l)
	}
	if err := lrows.Err(); err != nil {
		return nil, err
	}
	drows, err := tx.QueryContext(ctx, `SELECT id, framework_id, code, name, position FROM skill_domains
		WHERE framework_id IN (`+placeholders(len(ids))+`) ORDER BY framework_id, position, code`, int64Args(ids)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find domains: %w", err)
	}
	defer drows.Close()
	for drows.Next() {
		var d passerelles.Domain
		if err := drows.Scan(&d.ID, &d.FrameworkID, &d.Code, &d.Name, &d.Position); err != nil {
			return nil, err
		}
		byID[d.FrameworkID].Domains = append(byID[d.FrameworkID].Domains, d)
	}
	return fs, drows.Err()
}

// UpsertFramework implements passerelles.FrameworkService.
func (s *FrameworkService) UpsertFramework(ctx context.Context, f *passerelles.Framework) (bool, error) {
	if err := passerelles.RequireAdmin(ctx); err != nil {
		return false, err
	}
	if err := f.Validate(); err != nil {
		return false, err
	}
	var changed bool
	err := s.db.write(ctx, func(tx *Tx) (err error) {
		changed, err = upsert(ctx, tx, `INSERT INTO frameworks (code, name, description) VALUES (?, ?, ?)
			ON CONFLICT (code) DO UPDATE SET name = excluded.name, description = excluded.description
			WHERE name IS NOT excluded.name OR description IS NOT excluded.description`,
			f.Code, f.Name, f.Description)
		if err != nil {
			return classify("enregistrer le référentiel", err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT id FROM frameworks WHERE code = ?`, f.Code).Scan(&f.ID); err != nil {
			return fmt.Errorf("sqlite: framework id: %w", err)
		}

		// A level still used by a declaration or a role may not disappear. Only a scale
		// that loses levels is checked: the check reads every declaration of the
		// framework's skills (over a million at 100 000 agents), and the referentials are
		// loaded again at every start, unchanged.
		var top int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(value), 0) FROM framework_levels WHERE framework_id = ?`, f.ID).Scan(&top); err != nil {
			return fmt.Errorf("sqlite: framework levels: %w", err)
		}
		var used int
		if top > len(f.Levels) {
			err = tx.QueryRowContext(ctx, `SELECT
			(SELECT COUNT(*) FROM agent_skills a JOIN skills k ON k.id = a.skill_id WHERE k.framework_id = ?1 AND (a.level > ?2 OR a.validated_level > ?2)) +
			(SELECT COUNT(*) FROM role_skills r JOIN skills k ON k.id = r.skill_id WHERE k.framework_id = ?1 AND r.level > ?2)`,
				f.ID, len(f.Levels)).Scan(&used)
		}
		if err != nil {
			return fmt.Errorf("sqlite: levels in use: %w", err)
		}
		if used > 0 {
			return passerelles.Errorf(passerelles.EINVALID, "Des niveaux du référentiel %s que vous retirez sont encore utilisés.", f.Code)
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM framework_levels WHERE framework_id = ? AND value > ?`, f.ID, len(f.Levels))
		if err != nil {
			return classify("retirer des niveaux", err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			changed = true
		}
		for _, l := range f.Levels {
			c, err := upsert(ctx, tx, `INSERT INTO framework_levels (framework_id, value, code, label, description) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (framework_id, value) DO UPDATE SET code = excluded.code, label = excluded.label, description = excluded.description
				WHERE code IS NOT excluded.code OR label IS NOT excluded.label OR description IS NOT excluded.description`,
				f.ID, l.Value, l.Code, l.Label, l.Description)
			if err != nil {
				return classify("enregistrer un niveau", err)
			}
			changed = changed || c
		}
		for i := range f.Domains {
			d := &f.Domains[i]
			if d.Position == 0 {
				d.Position = i + 1
			}
			c, err := upsert(ctx, tx, `INSERT INTO skill_domains (framework_id, code, name, position) VALUES (?, ?, ?, ?)
				ON CONFLICT (framework_id, code) DO UPDATE SET name = excluded.name, position = excluded.position
				WHERE name IS NOT excluded.name OR position IS NOT excluded.position`,
				f.ID, d.Code, d.Name, d.Position)
			if err != nil {
				return classify("enregistrer un domaine", err)
			}
			changed = changed || c
			if err := tx.QueryRowContext(ctx, `SELECT id FROM skill_domains WHERE framework_id = ? AND code = ?`, f.ID, d.Code).Scan(&d.ID); err != nil {
				return fmt.Errorf("sqlite: domain id: %w", err)
			}
			d.FrameworkID = f.ID
		}
		if changed {
			tx.touchReferentials() // the scale, read by talent search
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	return changed, nil
}
