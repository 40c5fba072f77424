package sqlite

// Declarations and their history: what an agent says of their skills, with evidence and
// top-skill ranks, every change kept as a version (passerelles declaration.go).

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"passerelles"
)

// declaration is the stored state of one declared skill.
type declaration struct {
	level          int
	currentUse     bool
	wantsToDevelop bool
	topRank        int
}

// findDeclaration returns the agent's declaration of the skill, or nil when there is none.
func findDeclaration(ctx context.Context, tx *Tx, agentID, skillID int64) (*declaration, error) {
	var d declaration
	err := tx.QueryRowContext(ctx, `SELECT level, current_use, wants_to_develop, COALESCE(top_rank, 0)
		FROM agent_skills WHERE agent_id = ? AND skill_id = ?`, agentID, skillID).Scan(&d.level, &d.currentUse, &d.wantsToDevelop, &d.topRank)
	if err == sql.ErrNoRows {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find declaration: %w", err)
	}
	return &d, nil
}

// recordVersions closes the versions in force of the agent's skills and inserts, for each,
// the next version: a copy of the declaration as it now stands, or an empty REMOVED version
// when it is gone. It runs in the transaction of the change, so history and declarations
// never disagree.
func recordVersions(ctx context.Context, tx *Tx, agentID int64, skillIDs []int64, change passerelles.SkillChange, comment string, by int64) error {
	list, at := jsonIDs(skillIDs), formatTime(tx.now)
	if _, err := tx.ExecContext(ctx, `UPDATE agent_skill_history SET valid_to = ?
		WHERE agent_id = ? AND skill_id IN (SELECT value FROM json_each(?)) AND valid_to IS NULL`, at, agentID, list); err != nil {
		return fmt.Errorf("sqlite: close skill versions: %w", err)
	}
	next := `(SELECT COALESCE(MAX(h.version), 0) + 1 FROM agent_skill_history h WHERE h.agent_id = ?1 AND h.skill_id = %s)`
	var err error
	if change == passerelles.SkillRemoved {
		_, err = tx.ExecContext(ctx, `INSERT INTO agent_skill_history (agent_id, skill_id, version, change, comment, changed_by, valid_from)
			SELECT ?1, j.value, `+fmt.Sprintf(next, "j.value")+`, ?3, ?4, ?5, ?6 FROM json_each(?2) j`,
			agentID, list, string(change), comment, nullInt64(by), at)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO agent_skill_history (agent_id, skill_id, version, change, level, current_use,
			wants_to_develop, top_rank, validated_level, comment, changed_by, valid_from)
			SELECT ?1, s.skill_id, `+fmt.Sprintf(next, "s.skill_id")+`, ?3, s.level, s.current_use, s.wants_to_develop,
				s.top_rank, s.validated_level, ?4, ?5, ?6
			FROM agent_skills s WHERE s.agent_id = ?1 AND s.skill_id IN (SELECT value FROM json_each(?2))`,
			agentID, list, string(change), comment, nullInt64(by), at)
	}
	if err != nil {
		return fmt.Errorf("sqlite: record skill version: %w", err)
	}
	return nil
}

// countDeclaration moves the count of agents per (skill, level) that talent search reads.
func countDeclaration(ctx context.Context, tx *Tx, skillID int64, level, delta int) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO skill_level_counts (skill_id, level, agents) VALUES (?1, ?2, MAX(?3, 0))
		ON CONFLICT (skill_id, level) DO UPDATE SET agents = MAX(agents + ?3, 0)`, skillID, level, delta); err != nil {
		return fmt.Errorf("sqlite: count declarations: %w", err)
	}
	return nil
}

// findEvidence returns the evidence of one declared skill, in order.
func findEvidence(ctx context.Context, tx *Tx, agentID, skillID int64) ([]passerelles.Evidence, error) {
	rows, err := tx.QueryContext(ctx, `SELECT agent_id, skill_id, id, kind, title, description, score, obtained_on, url
		FROM agent_skill_evidence WHERE agent_id = ? AND skill_id = ? ORDER BY id`, agentID, skillID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find evidence: %w", err)
	}
	defer rows.Close()
	var out []passerelles.Evidence
	for rows.Next() {
		var a, s int64
		e, err := scanEvidence(rows, &a, &s)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func sameEvidence(a, b []passerelles.Evidence) bool {
	return slices.EqualFunc(a, b, func(x, y passerelles.Evidence) bool {
		return x.Kind == y.Kind && x.Title == y.Title && x.Description == y.Description && x.URL == y.URL &&
			evidenceScore(x) == evidenceScore(y) && evidenceDate(x) == evidenceDate(y)
	})
}

func evidenceScore(e passerelles.Evidence) sql.NullInt64 {
	if e.Score == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: int64(*e.Score), Valid: true}
}

func evidenceDate(e passerelles.Evidence) sql.NullString {
	if e.ObtainedOn == nil {
		return sql.NullString{}
	}
	return sql.NullString{String: e.ObtainedOn.Format(time.DateOnly), Valid: true}
}

// replaceEvidence replaces the evidence of a declared skill.
func replaceEvidence(ctx context.Context, tx *Tx, agentID, skillID int64, evidence []passerelles.Evidence) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM agent_skill_evidence WHERE agent_id = ? AND skill_id = ?`, agentID, skillID); err != nil {
		return classify("remplacer les justificatifs", err)
	}
	if len(evidence) == 0 {
		return nil
	}
	ins := newBulkInsert(tx, `INSERT INTO agent_skill_evidence (agent_id, skill_id, kind, title, description, score,
		obtained_on, url, created_at) VALUES `, 9)
	defer ins.close()
	for _, e := range evidence {
		if err := ins.add(ctx, agentID, skillID, string(e.Kind), strings.TrimSpace(e.Title), e.Description, evidenceScore(e),
			evidenceDate(e), e.URL, formatTime(tx.now)); err != nil {
			return classify("enregistrer un justificatif", err)
		}
	}
	if err := ins.flush(ctx); err != nil {
		return classify("enregistrer un justificatif", err)
	}
	return nil
}

// findDeclaredSkill returns the declared skill as viewer reads it.
func findDeclaredSkill(ctx context.Context, tx *Tx, viewer *passerelles.User, agentID, skillID int64) (*passerelles.DeclaredSkill, error) {
	ps, err := findProfiles(ctx, tx, viewer, []int64{agentID})
	if err != nil {
		return nil, err
	}
	p := ps[agentID]
	if p == nil {
		return nil, errNotVisible()
	}
	for i := range p.Skills {
		if p.Skills[i].SkillID == skillID {
			return &p.Skills[i], nil
		}
	}
	return nil, errNotDeclared()
}

// DeclareSkill implements passerelles.ProfileService. A declaration's UpdatedAt moves
// whenever the agent changes it (level, use, wish to develop, evidence), so that a change
// after a manager's lower validation reads as not validated yet; re-sending the same
// declaration changes nothing and writes no version.
func (s *ProfileService) DeclareSkill(ctx context.Context, d passerelles.SkillDeclaration) (*passerelles.DeclaredSkill, error) {
	me, err := selfFrom(ctx)
	if err != nil {
		return nil, err
	}
	var out *passerelles.DeclaredSkill
	err = s.db.write(ctx, func(tx *Tx) error {
		// Evidence may be dated up to the declaration's own time, the transaction's.
		if err := d.Validate(tx.now); err != nil {
			return err
		}
		if err := agentExists(ctx, tx, me.AgentID); err != nil {
			return err
		}
		if err := checkSkillLevel(ctx, tx, d.SkillID, d.Level); err != nil {
			return err
		}
		cur, err := findDeclaration(ctx, tx, me.AgentID, d.SkillID)
		if err != nil {
			return err
		}
		tx.touchAgents(me.AgentID) // level and evidence titles, as talent search reads them
		at := formatTime(tx.now)
		switch {
		case cur == nil:
			if _, err := tx.ExecContext(ctx, `INSERT INTO agent_skills (agent_id, skill_id, level, current_use, wants_to_develop,
				declared_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, me.AgentID, d.SkillID, d.Level, d.CurrentUse, d.WantsToDevelop, at, at); err != nil {
				return classify("déclarer la compétence", err)
			}
			if err := countDeclaration(ctx, tx, d.SkillID, d.Level, 1); err != nil {
				return err
			}
			if err := replaceEvidence(ctx, tx, me.AgentID, d.SkillID, d.Evidence); err != nil {
				return err
			}
			if err := recordVersions(ctx, tx, me.AgentID, []int64{d.SkillID}, passerelles.SkillDeclared, "", me.AgentID); err != nil {
				return err
			}
		default:
			evidenceChanged := false
			if d.Evidence != nil {
				old, err := findEvidence(ctx, tx, me.AgentID, d.SkillID)
				if err != nil {
					return err
				}
				evidenceChanged = !sameEvidence(old, d.Evidence)
			}
			if cur.level == d.Level && cur.currentUse == d.CurrentUse && cur.wantsToDevelop == d.WantsToDevelop && !evidenceChanged {
				break // nothing changes: no new version
			}
			if _, err := tx.ExecContext(ctx, `UPDATE agent_skills SET level = ?, current_use = ?, wants_to_develop = ?, updated_at = ?
				WHERE agent_id = ? AND skill_id = ?`, d.Level, d.CurrentUse, d.WantsToDevelop, at, me.AgentID, d.SkillID); err != nil {
				return classify("mettre à jour la compétence", err)
			}
			if cur.level != d.Level {
				if err := countDeclaration(ctx, tx, d.SkillID, cur.level, -1); err != nil {
					return err
				}
				if err := countDeclaration(ctx, tx, d.SkillID, d.Level, 1); err != nil {
					return err
				}
			}
			if evidenceChanged {
				if err := replaceEvidence(ctx, tx, me.AgentID, d.SkillID, d.Evidence); err != nil {
					return err
				}
			}
			if err := recordVersions(ctx, tx, me.AgentID, []int64{d.SkillID}, passerelles.SkillUpdated, "", me.AgentID); err != nil {
				return err
			}
		}
		out, err = findDeclaredSkill(ctx, tx, me, me.AgentID, d.SkillID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RemoveSkill implements passerelles.ProfileService. The declaration goes with its evidence
// and the endorsements it received; its history ends with a REMOVED version. When it was a
// top skill, the ranks below it move up.
func (s *ProfileService) RemoveSkill(ctx context.Context, skillID int64) error {
	me, err := selfFrom(ctx)
	if err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *Tx) error {
		cur, err := findDeclaration(ctx, tx, me.AgentID, skillID)
		if err != nil {
			return err
		} else if cur == nil {
			return passerelles.Errorf(passerelles.ENOTFOUND, "Vous n’avez pas déclaré cette compétence.")
		}
		tx.touchAgents(me.AgentID)
		// Evidence and endorsements received go by ON DELETE CASCADE.
		if _, err := tx.ExecContext(ctx, `DELETE FROM agent_skills WHERE agent_id = ? AND skill_id = ?`, me.AgentID, skillID); err != nil {
			return classify("retirer la compétence", err)
		}
		if err := countDeclaration(ctx, tx, skillID, cur.level, -1); err != nil {
			return err
		}
		if err := recordVersions(ctx, tx, me.AgentID, []int64{skillID}, passerelles.SkillRemoved, "", me.AgentID); err != nil {
			return err
		}
		if cur.topRank == 0 {
			return nil
		}
		ranked, _, err := findTopSkills(ctx, tx, me.AgentID)
		if err != nil {
			return err
		}
		return applyTopRanks(ctx, tx, me.AgentID, ranked, me.AgentID)
	})
}

// findTopSkills returns the agent's top skills in rank order, with their stored ranks.
func findTopSkills(ctx context.Context, tx *Tx, agentID int64) ([]int64, map[int64]int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT skill_id, top_rank FROM agent_skills WHERE agent_id = ? AND top_rank IS NOT NULL ORDER BY top_rank`, agentID)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: find top skills: %w", err)
	}
	defer rows.Close()
	var order []int64
	ranks := map[int64]int{}
	for rows.Next() {
		var id int64
		var rank int
		if err := rows.Scan(&id, &rank); err != nil {
			return nil, nil, err
		}
		order = append(order, id)
		ranks[id] = rank
	}
	return order, ranks, rows.Err()
}

// RankTopSkills implements passerelles.ProfileService.
func (s *ProfileService) RankTopSkills(ctx context.Context, skillIDs []int64) error {
	me, err := selfFrom(ctx)
	if err != nil {
		return err
	}
	if len(skillIDs) > passerelles.MaxTopSkills {
		return passerelles.WithField("skillIds", passerelles.Errorf(passerelles.EINVALID, "Vous pouvez choisir %d compétences phares au plus.", passerelles.MaxTopSkills))
	}
	if len(uniqueIDs(skillIDs)) != len(skillIDs) {
		return passerelles.WithField("skillIds", passerelles.Errorf(passerelles.EINVALID, "Une compétence phare est choisie deux fois."))
	}
	return s.db.write(ctx, func(tx *Tx) error {
		if len(skillIDs) > 0 {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM agent_skills WHERE agent_id = ? AND skill_id IN (SELECT value FROM json_each(?))`,
				me.AgentID, jsonIDs(skillIDs)).Scan(&n); err != nil {
				return fmt.Errorf("sqlite: check top skills: %w", err)
			}
			if n != len(skillIDs) {
				return passerelles.WithField("skillIds", passerelles.Errorf(passerelles.EINVALID, "Une compétence phare doit être une compétence que vous avez déclarée."))
			}
		}
		return applyTopRanks(ctx, tx, me.AgentID, skillIDs, me.AgentID)
	})
}

// applyTopRanks makes order the agent's top skills (rank 1, 2, …) and unranks the others,
// writing a version for each declaration whose rank changes. Ranks are cleared before they
// are set again, because the unique index on (agent_id, top_rank) is checked row by row.
func applyTopRanks(ctx context.Context, tx *Tx, agentID int64, order []int64, by int64) error {
	current, ranks, err := findTopSkills(ctx, tx, agentID)
	if err != nil {
		return err
	}
	rank := func(list []int64, id int64) int { return slices.Index(list, id) + 1 }
	var changed []int64
	for _, id := range uniqueIDs(append(current, order...)) {
		if ranks[id] != rank(order, id) {
			changed = append(changed, id)
		}
	}
	if len(changed) == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE agent_skills SET top_rank = NULL WHERE agent_id = ? AND skill_id IN (SELECT value FROM json_each(?))`,
		agentID, jsonIDs(changed)); err != nil {
		return classify("classer les compétences phares", err)
	}
	for _, id := range changed {
		if r := rank(order, id); r > 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE agent_skills SET top_rank = ? WHERE agent_id = ? AND skill_id = ?`, r, agentID, id); err != nil {
				return classify("classer les compétences phares", err)
			}
		}
	}
	return recordVersions(ctx, tx, agentID, changed, passerelles.SkillUpdated, "", by)
}

// FindSkillHistory implements passerelles.ProfileService. The history of a removed skill
// stays readable; a skill never declared has none (ENOTFOUND).
func (s *ProfileService) FindSkillHistory(ctx context.Context, agentID, skillID int64) ([]passerelles.SkillVersion, error) {
	viewer, err := viewerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var versions []passerelles.SkillVersion
	err = s.readVisible(ctx, viewer, agentID, func(tx *Tx) error {
		h, err := findHistory(ctx, tx, viewer, agentID, skillID, passerelles.SkillVersionsShown)
		versions = h[skillID]
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(versions) == 0 {
		return nil, passerelles.Errorf(passerelles.ENOTFOUND, "Cette compétence n’a pas d’historique sur ce profil.")
	}
	return versions, nil
}

// findHistory returns the versions of the agent's skill (of all their skills when skillID
// is 0), the latest `latest` of each (all when 0), by skill, oldest first, with the
// authors' names when viewer KnowsWhoActed.
func findHistory(ctx context.Context, tx *Tx, viewer *passerelles.User, agentID, skillID int64, latest int) (map[int64][]passerelles.SkillVersion, error) {
	h, err := findHistories(ctx, tx, viewer, []int64{agentID}, skillID, latest)
	if err != nil {
		return nil, err
	}
	if h[agentID] == nil {
		return map[int64][]passerelles.SkillVersion{}, nil
	}
	return h[agentID], nil
}

// findHistories returns the versions of the skills of the agents of agentIDs (of skill
// skillID only when it is not 0), the latest `latest` of each skill (all of them when
// latest is 0), by agent then by skill, oldest first, with the authors' names for the agent
// that viewer KnowsWhoActed about (viewer's own): one statement. It reads each (agent,
// skill) pair by the history's primary key, from the latest version down, so its cost does
// not grow with the number of older versions.
func findHistories(ctx context.Context, tx *Tx, viewer *passerelles.User, agentIDs []int64, skillID int64, latest int) (map[int64]map[int64][]passerelles.SkillVersion, error) {
	out := make(map[int64]map[int64][]passerelles.SkillVersion, len(agentIDs))
	if len(agentIDs) == 0 {
		return out, nil
	}
	// Names are read only for the agents whose viewer KnowsWhoActed (the rule stays in the
	// domain; SQL only receives its verdict per agent).
	var knows []int64
	for _, id := range agentIDs {
		if passerelles.KnowsWhoActed(viewer, id) {
			knows = append(knows, id)
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT h.agent_id, h.skill_id, h.version, h.change, COALESCE(h.level, 0), COALESCE(h.current_use, 0),
		COALESCE(h.wants_to_develop, 0), COALESCE(h.top_rank, 0), COALESCE(h.validated_level, 0), h.comment, COALESCE(h.changed_by, 0),
		CASE WHEN h.changed_by IS NOT NULL AND h.agent_id IN (SELECT value FROM json_each(?3)) THEN
			(SELECT TRIM(a.given_name || ' ' || a.usual_name) FROM agents a WHERE a.id = h.changed_by) ELSE '' END,
		h.valid_from, h.valid_to
		FROM json_each(?1) g CROSS JOIN skills s CROSS JOIN agent_skill_history h
		WHERE (?2 = 0 OR s.id = ?2) AND h.agent_id = g.value AND h.skill_id = s.id
			AND h.version > (SELECT MAX(m.version) FROM agent_skill_history m WHERE m.agent_id = g.value AND m.skill_id = s.id) - ?4
		ORDER BY h.agent_id, h.skill_id, h.version`, jsonIDs(agentIDs), skillID, jsonIDs(knows), versionsWindow(latest))
	if err != nil {
		return nil, fmt.Errorf("sqlite: find skill history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var agent, skill, from int64
		var to sql.NullInt64
		var v passerelles.SkillVersion
		if err := rows.Scan(&agent, &skill, &v.Version, &v.Change, &v.Level, &v.CurrentUse, &v.WantsToDevelop, &v.TopRank,
			&v.ValidatedLevel, &v.Comment, &v.ChangedBy, &v.ChangedByName, &from, &to); err != nil {
			return nil, fmt.Errorf("sqlite: find skill history: %w", err)
		}
		v.ValidFrom, v.ValidTo = unixMilli(from), nullUnixMilli(to)
		if out[agent] == nil {
			out[agent] = map[int64][]passerelles.SkillVersion{}
		}
		out[agent][skill] = append(out[agent][skill], v)
	}
	return out, rows.Err()
}

// FindSkillHistories implements passerelles.ProfileService: two statements, and the views
// they amount to.
func (s *ProfileService) FindSkillHistories(ctx context.Context, agentIDs []int64) (map[int64]map[int64][]passerelles.SkillVersion, error) {
	viewer, err := viewerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var out map[int64]map[int64][]passerelles.SkillVersion
	var visible []int64
	err = s.db.read(ctx, func(tx *Tx) error {
		var err error
		visible, err = visibleAgentIDs(ctx, tx, viewer, uniqueIDs(agentIDs))
		if err != nil {
			return err
		}
		if out, err = findHistories(ctx, tx, viewer, visible, 0, passerelles.SkillVersionsShown); err != nil {
			return err
		}
		for _, id := range visible {
			if out[id] == nil {
				out[id] = map[int64][]passerelles.SkillVersion{}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Reading a profile's histories or endorsements is reading the profile: recorded as a
	// view (RecordsView decides for whom), like every other path.
	if err := s.recordViews(ctx, viewer, visible); err != nil {
		return nil, err
	}
	return out, nil
}

// versionsWindow is how far below a skill's latest version findHistories reads: latest
// versions, or every one when latest is 0.
func versionsWindow(latest int) int64 {
	if latest <= 0 {
		return 1 << 62
	}
	return int64(latest)
}
