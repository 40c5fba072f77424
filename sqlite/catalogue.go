package sqlite

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"passerelles"
)

// CatalogueService implements passerelles.CatalogueService: the catalogue of roles and
// transitions as a file, exported and imported whole.
type CatalogueService struct{ db *DB }

var _ passerelles.CatalogueService = (*CatalogueService)(nil)

// NewCatalogueService returns the catalogue service of db.
func NewCatalogueService(db *DB) *CatalogueService { return &CatalogueService{db: db} }

// skillKey names a skill as files do: referential code and skill code.
type skillKey struct{ framework, code string }

// catalogueSkills reads every skill's id and codes, both ways, and the referentials' codes.
func catalogueSkills(ctx context.Context, tx *Tx) (byKey map[skillKey]int64, byID map[int64]skillKey, frameworks map[string]bool, err error) {
	rows, err := tx.QueryContext(ctx, `SELECT s.id, f.code, s.code FROM skills s JOIN frameworks f ON f.id = s.framework_id`)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("sqlite: catalogue skills: %w", err)
	}
	defer rows.Close()
	byKey, byID, frameworks = map[skillKey]int64{}, map[int64]skillKey{}, map[string]bool{}
	for rows.Next() {
		var id int64
		var k skillKey
		if err := rows.Scan(&id, &k.framework, &k.code); err != nil {
			return nil, nil, nil, err
		}
		byKey[k], byID[id], frameworks[k.framework] = id, k, true
	}
	return byKey, byID, frameworks, rows.Err()
}

// catalogueTransitions reads every transition, retired ones included, with its roles' codes.
func catalogueTransitions(ctx context.Context, tx *Tx) ([]*passerelles.Transition, map[[2]string]*passerelles.Transition, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+transitionColumns+`, a.code, b.code FROM transitions t
		JOIN roles a ON a.id = t.from_role_id JOIN roles b ON b.id = t.to_role_id ORDER BY a.code, b.code`)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: catalogue transitions: %w", err)
	}
	defer rows.Close()
	var list []*passerelles.Transition
	byPair := map[[2]string]*passerelles.Transition{}
	for rows.Next() {
		var from, to string
		t, err := scanTransition(rows, &from, &to)
		if err != nil {
			return nil, nil, err
		}
		list = append(list, t)
		byPair[[2]string{from, to}] = t
	}
	return list, byPair, rows.Err()
}

// ExportCatalogue implements passerelles.CatalogueService.
func (s *CatalogueService) ExportCatalogue(ctx context.Context) (*passerelles.Catalogue, error) {
	if err := passerelles.RequireAdmin(ctx); err != nil {
		return nil, err
	}
	c := &passerelles.Catalogue{Version: passerelles.CatalogueFormatVersion, Roles: []passerelles.CatalogueRole{},
		Transitions: []passerelles.CatalogueTransition{}}
	err := s.db.read(ctx, func(tx *Tx) error {
		c.ExportedAt = tx.now.UTC()
		_, skills, _, err := catalogueSkills(ctx, tx)
		if err != nil {
			return err
		}
		roles, err := findRoles(ctx, tx, ` ORDER BY code`)
		if err != nil {
			return err
		}
		codes := map[int64]string{}
		for _, r := range roles {
			codes[r.ID] = r.Code
			cr := passerelles.CatalogueRole{Code: r.Code, Title: r.Title, Family: r.Family, Description: r.Description,
				RomeCode: r.RomeCode, Retired: r.Retired(), RequiredSkills: []passerelles.CatalogueRequiredSkill{}}
			for _, rs := range r.RequiredSkills {
				k := skills[rs.SkillID]
				cr.RequiredSkills = append(cr.RequiredSkills, passerelles.CatalogueRequiredSkill{Framework: k.framework, Skill: k.code,
					Level: rs.Level, Weight: rs.Weight})
			}
			c.Roles = append(c.Roles, cr)
		}
		ts, _, err := catalogueTransitions(ctx, tx)
		if err != nil {
			return err
		}
		for _, t := range ts {
			c.Transitions = append(c.Transitions, passerelles.CatalogueTransition{From: codes[t.FromRoleID], To: codes[t.ToRoleID],
				Kind: t.Kind, TypicalDurationMonths: t.TypicalDurationMonths, Description: t.Description, Helps: t.Helps, Retired: t.Retired()})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// errDryRun rolls a dry run's transaction back once its report is made.
var errDryRun = errors.New("sqlite: catalogue dry run")

// ImportCatalogue implements passerelles.CatalogueService.
//
// Everything is checked before anything is written, inside the write transaction (so that
// nothing changes between the check and the writes): the file alone (Catalogue.Check), then
// skills and levels, roles named by transitions, retired roles. Then the roles are written,
// then the transitions, each marked as an administrator's edit when it changed, with one
// audit entry for the whole import.
func (s *CatalogueService) ImportCatalogue(ctx context.Context, c *passerelles.Catalogue, dryRun bool) (*passerelles.CatalogueImportReport, error) {
	if err := passerelles.RequireAdmin(ctx); err != nil {
		return nil, err
	}
	var errs passerelles.CatalogueErrors
	c.Check(&errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	u := passerelles.UserFromContext(ctx)
	rep := &passerelles.CatalogueImportReport{DryRun: dryRun, Changes: []passerelles.CatalogueChange{}}
	err := s.db.write(ctx, func(tx *Tx) error {
		skills, _, frameworks, err := catalogueSkills(ctx, tx)
		if err != nil {
			return err
		}
		existing, err := findRoles(ctx, tx, ``)
		if err != nil {
			return err
		}
		current := map[string]*passerelles.Role{}
		for _, r := range existing {
			current[r.Code] = r
		}
		_, pairs, err := catalogueTransitions(ctx, tx)
		if err != nil {
			return err
		}

		// Check: every role with its skills and levels.
		roles := make([]*passerelles.Role, len(c.Roles))
		final := map[string]*passerelles.Role{} // each role as it will be: its retirement
		for code, r := range current {
			final[code] = r
		}
		for i := range c.Roles {
			cr := &c.Roles[i]
			r := cr.Role()
			ok := true
			for k, rs := range cr.RequiredSkills {
				id, found := skills[skillKey{rs.Framework, rs.Skill}]
				switch {
				case !frameworks[rs.Framework]:
					errs.Addf(rs.Line, "Le référentiel « %s » n’existe pas (pix ou ecf, par exemple).", passerelles.EchoText(rs.Framework, 40))
					ok = false
					continue
				case !found:
					errs.Addf(rs.Line, "La compétence « %s » n’existe pas dans le référentiel %s.", passerelles.EchoText(rs.Skill, 40), rs.Framework)
					ok = false
					continue
				}
				r.RequiredSkills[k].SkillID = id
				if err := checkSkillLevel(ctx, tx, id, rs.Level); err != nil {
					if passerelles.ErrorCode(err) != passerelles.EINVALID {
						return err
					}
					errs.Add(rs.Line, err)
					ok = false
				}
			}
			if ok {
				roles[i] = r
			}
			f := *r
			f.RetiredAt = time.Time{}
			if cr.Retired {
				f.RetiredAt = tx.now
			}
			final[cr.Code] = &f
			if errs.Full() {
				break
			}
		}
		// Check: every transition's roles, and no new path to or from a retired role.
		for i := range c.Transitions {
			ct := &c.Transitions[i]
			from, to := final[ct.From], final[ct.To]
			if from == nil || to == nil {
				missing := ct.From
				if from != nil {
					missing = ct.To
				}
				errs.Addf(ct.Line, "Le métier « %s » n’existe ni dans le fichier ni dans le catalogue.", passerelles.EchoText(missing, 40))
				continue
			}
			cur := pairs[[2]string{ct.From, ct.To}]
			if !ct.Retired && (cur == nil || cur.Retired()) {
				if err := passerelles.CheckNewTransition(from, to); err != nil {
					errs.Add(ct.Line, err)
				}
			}
		}
		if err := errs.Err(); err != nil {
			return err
		}

		// Apply: roles, then transitions (which need the ids of new roles).
		change := func(line int, item, code string, action passerelles.CatalogueChangeAction) {
			rep.Changes = append(rep.Changes, passerelles.CatalogueChange{Line: line, Item: item, Code: code, Action: action})
		}
		ids := map[string]int64{}
		for code, r := range current {
			ids[code] = r.ID
		}
		for i, r := range roles {
			cr := c.Roles[i]
			cur := current[r.Code]
			changed, err := writeRole(ctx, tx, r)
			if err != nil {
				return err
			}
			ids[r.Code] = r.ID
			touched := changed
			switch {
			case cur == nil:
				change(cr.Line, "ROLE", r.Code, passerelles.CatalogueCreated)
			case changed:
				change(cr.Line, "ROLE", r.Code, passerelles.CatalogueUpdated)
			}
			if (cur == nil && cr.Retired) || (cur != nil && cur.Retired() != cr.Retired) {
				if err := setRoleRetired(ctx, tx, r.ID, cr.Retired); err != nil {
					return err
				}
				touched = true
				if cur != nil {
					action := passerelles.CatalogueRetired
					if !cr.Retired {
						action = passerelles.CatalogueRestored
					}
					change(cr.Line, "ROLE", r.Code, action)
				}
			}
			if touched {
				if err := markRoleEdited(ctx, tx, r.ID); err != nil {
					return err
				}
			} else {
				rep.Unchanged++
			}
		}
		for _, ct := range c.Transitions {
			code := ct.From + "→" + ct.To
			cur := pairs[[2]string{ct.From, ct.To}]
			var id int64
			touched := false
			if cur == nil {
				res, err := tx.ExecContext(ctx, `INSERT INTO transitions (from_role_id, to_role_id, kind, typical_duration_months, description, helps, edited_at)
					VALUES (?, ?, ?, ?, ?, ?, ?)`, ids[ct.From], ids[ct.To], string(ct.Kind), ct.TypicalDurationMonths, ct.Description, ct.Helps, formatTime(tx.now))
				if err != nil {
					return classify("créer la passerelle", err)
				}
				if id, err = res.LastInsertId(); err != nil {
					return err
				}
				change(ct.Line, "TRANSITION", code, passerelles.CatalogueCreated)
				touched = true
			} else {
				id = cur.ID
				changed, err := upsert(ctx, tx, `UPDATE transitions SET kind = ?, typical_duration_months = ?, description = ?, helps = ?, edited_at = ?
					WHERE id = ? AND (kind IS NOT ? OR typical_duration_months IS NOT ? OR description IS NOT ? OR helps IS NOT ?)`,
					string(ct.Kind), ct.TypicalDurationMonths, ct.Description, ct.Helps, formatTime(tx.now),
					id, string(ct.Kind), ct.TypicalDurationMonths, ct.Description, ct.Helps)
				if err != nil {
					return classify("modifier la passerelle", err)
				}
				if changed {
					change(ct.Line, "TRANSITION", code, passerelles.CatalogueUpdated)
					touched = true
				}
			}
			if (cur == nil && ct.Retired) || (cur != nil && cur.Retired() != ct.Retired) {
				if err := setTransitionRetired(ctx, tx, id, ct.Retired); err != nil {
					return err
				}
				if cur != nil {
					action := passerelles.CatalogueRetired
					if !ct.Retired {
						action = passerelles.CatalogueRestored
					}
					change(ct.Line, "TRANSITION", code, action)
				}
				touched = true
			}
			if touched {
				tx.touchReferentials()
			} else {
				rep.Unchanged++
			}
		}
		if dryRun {
			return errDryRun
		}
		if len(rep.Changes) == 0 {
			return nil // nothing changed: nothing to record
		}
		return audit(ctx, tx, u.AgentID, "CATALOGUE_IMPORTED", 0, importSummary(rep))
	})
	if err != nil && err != errDryRun {
		return nil, err
	}
	return rep, nil
}

// importSummary is the audit entry's French detail of an import: counts by kind of change,
// then the codes changed (the first 40).
func importSummary(rep *passerelles.CatalogueImportReport) string {
	counts := map[string]int{}
	var codes []string
	for _, ch := range rep.Changes {
		counts[ch.Item+" "+string(ch.Action)]++
		if len(codes) < 40 {
			codes = append(codes, ch.Code)
		}
	}
	var parts []string
	for _, k := range []struct{ key, label string }{
		{"ROLE CREATED", "métiers créés"}, {"ROLE UPDATED", "métiers modifiés"}, {"ROLE RETIRED", "métiers retirés"},
		{"ROLE RESTORED", "métiers rétablis"}, {"TRANSITION CREATED", "passerelles créées"}, {"TRANSITION UPDATED", "passerelles modifiées"},
		{"TRANSITION RETIRED", "passerelles retirées"}, {"TRANSITION RESTORED", "passerelles rétablies"},
	} {
		if n := counts[k.key]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s : %d", k.label, n))
		}
	}
	return "import du catalogue (" + strings.Join(parts, ", ") + ") : " + strings.Join(codes, ", ")
}
