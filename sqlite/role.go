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
	if filter.Retired != nil {
		if *filter.Retired {
			w.add("retired_at IS NOT NULL")
		} else {
			w.add("retired_at IS NULL")
		}
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
	rows, err := tx.QueryContext(ctx, "SELECT id, code, title, family, description, rome_code, retired_at FROM roles"+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find roles: %w", err)
	}
	defer rows.Close()
	roles := []*passerelles.Role{}
	byID := map[int64]*passerelles.Role{}
	for rows.Next() {
		r := &passerelles.Role{}
		var retired sql.NullInt64
		if err := rows.Scan(&r.ID, &r.Code, &r.Title, &r.Family, &r.Description, &r.RomeCode, &retired); err != nil {
			return nil, err
		}
		r.RetiredAt = timeOf(retired)
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
		WHERE rs.role_id IN (SELECT value FROM json_each(?)) ORDER BY rs.role_id, rs.weight DESC, f.code, s.position`, jsonIDs(ids))
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

// findRoleByCode reads one role, retired or not; ENOTFOUND names the code.
func findRoleByCode(ctx context.Context, tx *Tx, code string) (*passerelles.Role, error) {
	roles, err := findRoles(ctx, tx, " WHERE code = ?", code)
	if err != nil {
		return nil, err
	}
	if len(roles) == 0 {
		return nil, passerelles.Errorf(passerelles.ENOTFOUND, "Le métier « %s » n’existe pas.", passerelles.EchoText(code, 40))
	}
	return roles[0], nil
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
		// A role an administrator made theirs is left as they made it.
		var edited sql.NullInt64
		switch err := tx.QueryRowContext(ctx, `SELECT id, edited_at FROM roles WHERE code = ?`, r.Code).Scan(&r.ID, &edited); {
		case err == sql.ErrNoRows:
		case err != nil:
			return fmt.Errorf("sqlite: role: %w", err)
		case edited.Valid:
			return nil
		}
		changed, err = writeRole(ctx, tx, r)
		return err
	})
	if err != nil {
		return false, err
	}
	return changed, nil
}

// writeRole creates the role r or brings the one with its code in line with it, required
// skills included (their levels checked against their referentials), sets r.ID and reports
// whether anything changed. It never changes whether the role is retired.
func writeRole(ctx context.Context, tx *Tx, r *passerelles.Role) (changed bool, err error) {
	for i, rs := range r.RequiredSkills {
		if err := checkSkillLevel(ctx, tx, rs.SkillID, rs.Level); err != nil {
			return false, passerelles.WithField("requiredSkills."+strconv.Itoa(i), err)
		}
	}
	changed, err = upsert(ctx, tx, `INSERT INTO roles (code, title, family, description, rome_code) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET title = excluded.title, family = excluded.family,
			description = excluded.description, rome_code = excluded.rome_code
		WHERE title IS NOT excluded.title OR family IS NOT excluded.family
			OR description IS NOT excluded.description OR rome_code IS NOT excluded.rome_code`,
		r.Code, r.Title, string(r.Family), r.Description, r.RomeCode)
	if err != nil {
		return false, classify("enregistrer le métier", err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT id FROM roles WHERE code = ?`, r.Code).Scan(&r.ID); err != nil {
		return false, fmt.Errorf("sqlite: role id: %w", err)
	}
	keep := make([]int64, 0, len(r.RequiredSkills))
	for _, rs := range r.RequiredSkills {
		keep = append(keep, rs.SkillID)
		c, err := upsert(ctx, tx, `INSERT INTO role_skills (role_id, skill_id, level, weight) VALUES (?, ?, ?, ?)
			ON CONFLICT (role_id, skill_id) DO UPDATE SET level = excluded.level, weight = excluded.weight
			WHERE level IS NOT excluded.level OR weight IS NOT excluded.weight`,
			r.ID, rs.SkillID, rs.Level, rs.Weight)
		if err != nil {
			return false, classify("enregistrer une compétence requise", err)
		}
		changed = changed || c
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM role_skills WHERE role_id = ? AND skill_id NOT IN (SELECT value FROM json_each(?))`, r.ID, jsonIDs(keep))
	if err != nil {
		return false, classify("retirer des compétences requises", err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		changed = true
	}
	if changed {
		tx.touchReferentials() // a role's family, read by talent search
	}
	return changed, nil
}

// markRoleEdited records that an administrator changed the role, so that the referential
// files' loader leaves it alone from now on.
func markRoleEdited(ctx context.Context, tx *Tx, id int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE roles SET edited_at = ? WHERE id = ?`, formatTime(tx.now), id); err != nil {
		return fmt.Errorf("sqlite: mark role edited: %w", err)
	}
	return nil
}

// CreateRole implements passerelles.RoleService.
func (s *RoleService) CreateRole(ctx context.Context, r *passerelles.Role) error {
	if err := passerelles.RequireAdmin(ctx); err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return err
	}
	u := passerelles.UserFromContext(ctx)
	return s.db.write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM roles WHERE code = ?`, r.Code).Scan(&n); err != nil {
			return fmt.Errorf("sqlite: role code: %w", err)
		}
		if n > 0 {
			return passerelles.WithField("code", passerelles.Errorf(passerelles.ECONFLICT, "Le code « %s » est déjà celui d’un métier du catalogue.", r.Code))
		}
		if _, err := writeRole(ctx, tx, r); err != nil {
			return err
		}
		if err := markRoleEdited(ctx, tx, r.ID); err != nil {
			return err
		}
		return audit(ctx, tx, u.AgentID, "ROLE_CREATED", 0, fmt.Sprintf("métier « %s »", r.Code))
	})
}

// UpdateRole implements passerelles.RoleService.
func (s *RoleService) UpdateRole(ctx context.Context, r *passerelles.Role) (*passerelles.Role, error) {
	if err := passerelles.RequireAdmin(ctx); err != nil {
		return nil, err
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	u := passerelles.UserFromContext(ctx)
	var out *passerelles.Role
	err := s.db.write(ctx, func(tx *Tx) error {
		if _, err := findRoleByCode(ctx, tx, r.Code); err != nil {
			return err
		}
		changed, err := writeRole(ctx, tx, r)
		if err != nil {
			return err
		}
		if changed {
			if err := markRoleEdited(ctx, tx, r.ID); err != nil {
				return err
			}
			if err := audit(ctx, tx, u.AgentID, "ROLE_UPDATED", 0, fmt.Sprintf("métier « %s »", r.Code)); err != nil {
				return err
			}
		}
		out, err = findRoleByCode(ctx, tx, r.Code)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RetireRole implements passerelles.RoleService.
func (s *RoleService) RetireRole(ctx context.Context, code string, retired bool) (*passerelles.Role, error) {
	if err := passerelles.RequireAdmin(ctx); err != nil {
		return nil, err
	}
	u := passerelles.UserFromContext(ctx)
	var out *passerelles.Role
	err := s.db.write(ctx, func(tx *Tx) error {
		cur, err := findRoleByCode(ctx, tx, code)
		if err != nil {
			return err
		}
		if cur.Retired() == retired {
			out = cur // already so: nothing to record
			return nil
		}
		if err := setRoleRetired(ctx, tx, cur.ID, retired); err != nil {
			return err
		}
		action := "ROLE_RETIRED"
		if !retired {
			action = "ROLE_RESTORED"
		}
		if err := audit(ctx, tx, u.AgentID, action, 0, fmt.Sprintf("métier « %s »", cur.Code)); err != nil {
			return err
		}
		out, err = findRoleByCode(ctx, tx, code)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// setRoleRetired retires the role or brings it back, as an administrator's edit.
func setRoleRetired(ctx context.Context, tx *Tx, id int64, retired bool) error {
	at := sql.NullInt64{}
	if retired {
		at = sql.NullInt64{Int64: formatTime(tx.now), Valid: true}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE roles SET retired_at = ?, edited_at = ? WHERE id = ?`, at, formatTime(tx.now), id); err != nil {
		return fmt.Errorf("sqlite: retire role: %w", err)
	}
	tx.touchReferentials() // closest roles and paths leave it out
	return nil
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
	if !filter.IncludeRetired {
		w.add("t.retired_at IS NULL AND a.retired_at IS NULL AND b.retired_at IS NULL")
	}
	const from = ` FROM transitions t JOIN roles a ON a.id = t.from_role_id JOIN roles b ON b.id = t.to_role_id`
	rows, err := s.db.reader.QueryContext(ctx, `SELECT `+transitionColumns+`, COUNT(*) OVER ()`+from+
		w.String()+` ORDER BY a.code, b.code LIMIT ? OFFSET ?`, append(w.args, filter.Limit, filter.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: find transitions: %w", err)
	}
	defer rows.Close()
	ts := []*passerelles.Transition{}
	total := 0
	for rows.Next() {
		t, err := scanTransition(rows, &total)
		if err != nil {
			return nil, 0, err
		}
		ts = append(ts, t)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if len(ts) == 0 && filter.Offset > 0 {
		if err := s.db.reader.QueryRowContext(ctx, `SELECT COUNT(*)`+from+w.String(), w.args...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("sqlite: count transitions: %w", err)
		}
	}
	return ts, total, nil
}

const transitionColumns = `t.id, t.from_role_id, t.to_role_id, t.kind, t.typical_duration_months, t.description, t.helps, t.retired_at`

// scanTransition reads the transitionColumns of a row, then extra columns.
func scanTransition(row interface{ Scan(...any) error }, extra ...any) (*passerelles.Transition, error) {
	t := &passerelles.Transition{}
	var retired sql.NullInt64
	dest := append([]any{&t.ID, &t.FromRoleID, &t.ToRoleID, &t.Kind, &t.TypicalDurationMonths, &t.Description, &t.Helps, &retired}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	t.RetiredAt = timeOf(retired)
	return t, nil
}

// findTransitionByID reads one transition, retired or not.
func findTransitionByID(ctx context.Context, tx *Tx, id int64) (*passerelles.Transition, error) {
	t, err := scanTransition(tx.QueryRowContext(ctx, `SELECT `+transitionColumns+` FROM transitions t WHERE t.id = ?`, id))
	if err == sql.ErrNoRows {
		return nil, passerelles.Errorf(passerelles.ENOTFOUND, "Cette passerelle n’existe pas.")
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find transition: %w", err)
	}
	return t, nil
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
		// A transition an administrator changed or retired is left as they made it.
		changed, err = upsert(ctx, tx, `INSERT INTO transitions (from_role_id, to_role_id, kind, typical_duration_months, description, helps)
			VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (from_role_id, to_role_id) DO UPDATE SET kind = excluded.kind,
				typical_duration_months = excluded.typical_duration_months, description = excluded.description, helps = excluded.helps
			WHERE edited_at IS NULL AND (kind IS NOT excluded.kind OR typical_duration_months IS NOT excluded.typical_duration_months
				OR description IS NOT excluded.description OR helps IS NOT excluded.helps)`,
			t.FromRoleID, t.ToRoleID, string(t.Kind), t.TypicalDurationMonths, t.Description, t.Helps)
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

// transitionEnds reads the two roles of t, retired or not.
func transitionEnds(ctx context.Context, tx *Tx, t *passerelles.Transition) (from, to *passerelles.Role, err error) {
	roles, err := findRoles(ctx, tx, ` WHERE id IN (?, ?)`, t.FromRoleID, t.ToRoleID)
	if err != nil {
		return nil, nil, err
	}
	for _, r := range roles {
		if r.ID == t.FromRoleID {
			from = r
		}
		if r.ID == t.ToRoleID {
			to = r
		}
	}
	if from == nil {
		return nil, nil, passerelles.WithField("fromRoleCode", passerelles.Errorf(passerelles.EINVALID, "Le métier de départ n’existe pas."))
	}
	if to == nil {
		return nil, nil, passerelles.WithField("toRoleCode", passerelles.Errorf(passerelles.EINVALID, "Le métier d’arrivée n’existe pas."))
	}
	return from, to, nil
}

func transitionLabel(from, to *passerelles.Role) string {
	return fmt.Sprintf("passerelle « %s → %s »", from.Code, to.Code)
}

// CreateTransition implements passerelles.TransitionService.
func (s *RoleService) CreateTransition(ctx context.Context, t *passerelles.Transition) error {
	if err := passerelles.RequireAdmin(ctx); err != nil {
		return err
	}
	if err := t.Validate(); err != nil {
		return err
	}
	u := passerelles.UserFromContext(ctx)
	return s.db.write(ctx, func(tx *Tx) error {
		from, to, err := transitionEnds(ctx, tx, t)
		if err != nil {
			return err
		}
		if err := passerelles.CheckNewTransition(from, to); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO transitions (from_role_id, to_role_id, kind, typical_duration_months, description, helps, edited_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, t.FromRoleID, t.ToRoleID, string(t.Kind), t.TypicalDurationMonths, t.Description, t.Helps, formatTime(tx.now))
		if err != nil {
			if passerelles.ErrorCode(classify("", err)) == passerelles.ECONFLICT {
				return passerelles.WithField("toRoleCode", passerelles.Errorf(passerelles.ECONFLICT,
					"Une passerelle mène déjà du métier %s au métier %s : modifiez-la plutôt.", from.Code, to.Code))
			}
			return classify("créer la passerelle", err)
		}
		if t.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		tx.touchReferentials()
		return audit(ctx, tx, u.AgentID, "TRANSITION_CREATED", 0, transitionLabel(from, to))
	})
}

// UpdateTransition implements passerelles.TransitionService.
func (s *RoleService) UpdateTransition(ctx context.Context, t *passerelles.Transition) (*passerelles.Transition, error) {
	if err := passerelles.RequireAdmin(ctx); err != nil {
		return nil, err
	}
	u := passerelles.UserFromContext(ctx)
	var out *passerelles.Transition
	err := s.db.write(ctx, func(tx *Tx) error {
		cur, err := findTransitionByID(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		t.FromRoleID, t.ToRoleID = cur.FromRoleID, cur.ToRoleID // its two roles stay
		if err := t.Validate(); err != nil {
			return err
		}
		changed, err := upsert(ctx, tx, `UPDATE transitions SET kind = ?, typical_duration_months = ?, description = ?, helps = ?, edited_at = ?
			WHERE id = ? AND (kind IS NOT ? OR typical_duration_months IS NOT ? OR description IS NOT ? OR helps IS NOT ?)`,
			string(t.Kind), t.TypicalDurationMonths, t.Description, t.Helps, formatTime(tx.now),
			t.ID, string(t.Kind), t.TypicalDurationMonths, t.Description, t.Helps)
		if err != nil {
			return classify("modifier la passerelle", err)
		}
		if changed {
			tx.touchReferentials()
			from, to, err := transitionEnds(ctx, tx, cur)
			if err != nil {
				return err
			}
			if err := audit(ctx, tx, u.AgentID, "TRANSITION_UPDATED", 0, transitionLabel(from, to)); err != nil {
				return err
			}
		}
		out, err = findTransitionByID(ctx, tx, t.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RetireTransition implements passerelles.TransitionService.
func (s *RoleService) RetireTransition(ctx context.Context, id int64, retired bool) (*passerelles.Transition, error) {
	if err := passerelles.RequireAdmin(ctx); err != nil {
		return nil, err
	}
	u := passerelles.UserFromContext(ctx)
	var out *passerelles.Transition
	err := s.db.write(ctx, func(tx *Tx) error {
		cur, err := findTransitionByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Retired() == retired {
			out = cur
			return nil
		}
		from, to, err := transitionEnds(ctx, tx, cur)
		if err != nil {
			return err
		}
		action := "TRANSITION_RETIRED"
		if !retired {
			if err := passerelles.CheckNewTransition(from, to); err != nil {
				return err
			}
			action = "TRANSITION_RESTORED"
		}
		if err := setTransitionRetired(ctx, tx, id, retired); err != nil {
			return err
		}
		if err := audit(ctx, tx, u.AgentID, action, 0, transitionLabel(from, to)); err != nil {
			return err
		}
		out, err = findTransitionByID(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// setTransitionRetired retires the transition or brings it back, as an administrator's edit.
func setTransitionRetired(ctx context.Context, tx *Tx, id int64, retired bool) error {
	at := sql.NullInt64{}
	if retired {
		at = sql.NullInt64{Int64: formatTime(tx.now), Valid: true}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE transitions SET retired_at = ?, edited_at = ? WHERE id = ?`, at, formatTime(tx.now), id); err != nil {
		return fmt.Errorf("sqlite: retire transition: %w", err)
	}
	tx.touchReferentials()
	return nil
}
