package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"

	"passerelles"
)

// RoleService implements passerelles.RoleService and passerelles.TransitionService.
type RoleService struct{ db *DB }

var (
	_ passerelles.RoleService       = (*RoleService)(nil)
	_ passerelles.TransitionService = (*RoleService)(nil)
)

// NewRoleService returns the role and transition service of db.
func NewRoleService(db *DB) *RoleService { return &RoleService{db: db} }

// FindRoleByCode implements passerelles.RoleService.
func (s *RoleService) FindRoleByCode(ctx context.Context, code string) (*passerelles.Role, error) {
	var roles []*passerelles.Role
	err := s.db.read(ctx, func(tx *Tx) (err error) {
		roles, err = findRoles(ctx, tx, " WHERE code = ?", code)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(roles) == 0 {
		return nil, passerelles.Errorf(passerelles.ENOTFOUND, "Le métier « %s » n’existe pas.", code)
	}
	return roles[0], nil
}

// FindRoles implements passerelles.RoleService.
func (s *RoleService) FindRoles(ctx context.Context, filter passerelles.RoleFilter) ([]*passerelles.Role, int, error) {
	if err := filter.Page.Validate(); err != nil {
		return nil, 0, err
	}
	var w where
	w.in("id", filter.IDs)
	if filter.Family != nil {
		w.add("family = ?", string(*filter.Family))
	}
	var roles []*passerelles.Role
	var total int
	err := s.db.read(ctx, func(tx *Tx) (err error) {
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM roles"+w.String(), w.args...).Scan(&total); err != nil {
			return fmt.Errorf("sqlite: count roles: %w", err)
		}
		roles, err = findRoles(ctx, tx, w.String()+" ORDER BY code LIMIT ? OFFSET ?", append(w.args, filter.Limit, filter.Offset)...)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return roles, total, nil
}

// findRoles reads roles, then the required skills of all of them in one query.
func findRoles(ctx context.Context, tx *Tx, tail string, args ...any) ([]*passerelles.Role, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id, code, title, family, description, rome_code FROM roles"+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find roles: %w", err)
	}
	defer rows.Close()
	roles := []*passerelles.Role{}
	byID := map[int64]*passerelles.Role{}
	for rows.Next() {
		r := &passerelles.Role{}
		if err := rows.Scan(&r.ID, &r.Code, &r.Title, &r.Family, &r.Description, &r.RomeCode); err != nil {
			return nil, err
		}
		roles = append(roles, r)
		byID[r.ID] = r
	}
	if err := rows.Err(); err != nil || len(roles) == 0 {
		return roles, err
	}
	ids := make([]int64, 0, len(roles))
	for _, r := range roles {
		ids = append(ids, r.ID)
	}
	srows, err := tx.QueryContext(ctx, `SELECT rs.role_id, rs.skill_id, rs.level, rs.weight FROM role_skills rs
		JOIN skills s ON s.id = rs.skill_id JOIN frameworks f ON f.id = s.framework_id
		WHERE rs.role_id IN (`+placeholders(len(ids))+`) ORDER BY rs.role_id, rs.weight DESC, f.code, s.position`, int64Args(ids)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find required skills: %w", err)
	}
	defer srows.Close()
	for srows.Next() {
		var id int64
		var rs passerelles.RequiredSkill
		if err := srows.Scan(&id, &rs.SkillID, &rs.Level, &rs.Weight); err != nil {
			return nil, err
		}
		byID[id].RequiredSkills = append(byID[id].RequiredSkills, rs)
	}
	return roles, srows.Err()
}

// UpsertRole implements passerelles.RoleService.
func (s *RoleService) UpsertRole(ctx context.Context, r *passerelles.Role) (bool, error) {
	if err := passerelles.RequireAdmin(ctx); err != nil {
		return false, err
	}
	if err := r.Validate(); err != nil {
		return false, err
	}
	var changed bool
	err := s.db.write(ctx, func(tx *Tx) (err error) {
		for i, rs := range r.RequiredSkills {
			if err := checkSkillLevel(ctx, tx, rs.SkillID, rs.Level); err != nil {
				return passerelles.WithField("requiredSkills."+strconv.Itoa(i), err)
			}
		}
		changed, err = upsert(ctx, tx, `INSERT INTO roles (code, title, family, description, rome_code) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (code) DO UPDATE SET title = excluded.title, family = excluded.family,
				description = excluded.description, rome_code = excluded.rome_code
			WHERE title IS NOT excluded.title OR family IS NOT excluded.family
				OR description IS NOT excluded.description OR rome_code IS NOT excluded.rome_code`,
			r.Code, r.Title, string(r.Family), r.Description, r.RomeCode)
		if err != nil {
			return classify("enregistrer le métier", err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT id FROM roles WHERE code = ?`, r.Code).Scan(&r.ID); err != nil {
			return fmt.Errorf("sqlite: role id: %w", err)
		}
		keep := make([]int64, 0, len(r.RequiredSkills))
		for _, rs := range r.RequiredSkills {
			keep = append(keep, rs.SkillID)
			c, err := upsert(ctx, tx, `INSERT INTO role_skills (role_id, skill_id, level, weight) VALUES (?, ?, ?, ?)
				ON CONFLICT (role_id, skill_id) DO UPDATE SET level = excluded.level, weight = excluded.weight
				WHERE level IS NOT excluded.level OR weight IS NOT excluded.weight`,
				r.ID, rs.SkillID, rs.Level, rs.Weight)
			if err != nil {
				return classify("enregistrer une compétence requise", err)
			}
			changed = changed || c
		}
		q := `DELETE FROM role_skills WHERE role_id = ?`
		args := []any{r.ID}
		if len(keep) > 0 {
			q += ` AND skill_id NOT IN (` + placeholders(len(keep)) + `)`
			args = append(args, int64Args(keep)...)
		}
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return classify("retirer des compétences requises", err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			changed = true
		}
		if changed {
			tx.touchReferentials() // a role's family, read by talent search
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	return changed, nil
}

// checkSkillLevel returns EINVALID unless the skill exists and its referential defines it
// at that level; the error names the input field skillId or level.
func checkSkillLevel(ctx context.Context, tx *Tx, skillID int64, level int) error {
	var code, fcode, defined string
	var max int
	err := tx.QueryRowContext(ctx, `SELECT s.code, f.code, s.defined_levels,
		(SELECT COUNT(*) FROM framework_levels l WHERE l.framework_id = f.id)
		FROM skills s JOIN frameworks f ON f.id = s.framework_id WHERE s.id = ?`, skillID).Scan(&code, &fcode, &defined, &max)
	if err == sql.ErrNoRows {
		return passerelles.WithField("skillId", passerelles.Errorf(passerelles.EINVALID, "Cette compétence n’existe pas."))
	} else if err != nil {
		return fmt.Errorf("sqlite: check skill level: %w", err)
	}
	levels, err := parseLevels(defined)
	if err != nil {
		return err
	}
	if level < 1 || level > max || (len(levels) > 0 && !slices.Contains(levels, level)) {
		return passerelles.WithField("level", passerelles.Errorf(passerelles.EINVALID, "Le niveau %d n’est pas défini pour la compétence %s du référentiel %s.", level, code, fcode))
	}
	return nil
}

// FindTransitions implements passerelles.TransitionService.
func (s *RoleService) FindTransitions(ctx context.Context, filter passerelles.TransitionFilter) ([]*passerelles.Transition, int, error) {
	if err := filter.Page.Validate(); err != nil {
		return nil, 0, err
	}
	var w where
	w.in("t.from_role_id", filter.FromRoleIDs)
	w.in("t.to_role_id", filter.ToRoleIDs)
	if filter.Kind != nil {
		w.add("t.kind = ?", string(*filter.Kind))
	}
	rows, err := s.db.reader.QueryContext(ctx, `SELECT t.id, t.from_role_id, t.to_role_id, t.kind, t.typical_duration_months, t.helps,
		COUNT(*) OVER () FROM transitions t JOIN roles a ON a.id = t.from_role_id JOIN roles b ON b.id = t.to_role_id`+
		w.String()+` ORDER BY a.code, b.code LIMIT ? OFFSET ?`, append(w.args, filter.Limit, filter.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: find transitions: %w", err)
	}
	defer rows.Close()
	ts := []*passerelles.Transition{}
	total := 0
	for rows.Next() {
		t := &passerelles.Transition{}
		if err := rows.Scan(&t.ID, &t.FromRoleID, &t.ToRoleID, &t.Kind, &t.TypicalDurationMonths, &t.Helps, &total); err != nil {
			return nil, 0, err
		}
		ts = append(ts, t)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if len(ts) == 0 && filter.Offset > 0 {
		if err := s.db.reader.QueryRowContext(ctx, `SELECT COUNT(*) FROM transitions t`+w.String(), w.args...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("sqlite: count transitions: %w", err)
		}
	}
	return ts, total, nil
}

// UpsertTransition implements passerelles.TransitionService.
func (s *RoleService) UpsertTransition(ctx context.Context, t *passerelles.Transition) (bool, error) {
	if err := passerelles.RequireAdmin(ctx); err != nil {
		return false, err
	}
	if err := t.Validate(); err != nil {
		return false, err
	}
	var changed bool
	err := s.db.write(ctx, func(tx *Tx) (err error) {
		changed, err = upsert(ctx, tx, `INSERT INTO transitions (from_role_id, to_role_id, kind, typical_duration_months, helps)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (from_role_id, to_role_id) DO UPDATE SET kind = excluded.kind,
				typical_duration_months = excluded.typical_duration_months, helps = excluded.helps
			WHERE kind IS NOT excluded.kind OR typical_duration_months IS NOT excluded.typical_duration_months
				OR helps IS NOT excluded.helps`,
			t.FromRoleID, t.ToRoleID, string(t.Kind), t.TypicalDurationMonths, t.Helps)
		if err != nil {
			return classify("enregistrer la passerelle", err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT id FROM transitions WHERE from_role_id = ? AND to_role_id = ?`, t.FromRoleID, t.ToRoleID).Scan(&t.ID); err != nil {
			return fmt.Errorf("sqlite: transition id: %w", err)
		}
		if changed {
			tx.touchReferentials() // career paths, kept in memory by readers
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	return changed, nil
}
