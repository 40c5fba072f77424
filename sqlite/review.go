package sqlite

// Review: managers validate declared levels, agents endorse each other's skills
// (passerelles review.go).

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/mattn/go-sqlite3"

	"passerelles"
)

// ValidateSkill implements passerelles.ProfileService. A profile the manager may not see
// is reported as not found (as every read does), not as forbidden, so that its existence
// does not leak. On a visible profile, the attempt is a recorded view whether it succeeds
// or is refused: its answers (not declared, level not defined) tell what the profile holds.
func (s *ProfileService) ValidateSkill(ctx context.Context, agentID, skillID int64, level int, comment string) (*passerelles.DeclaredSkill, error) {
	u, err := viewerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if !u.Has(passerelles.AccessManager) {
		return nil, passerelles.Errorf(passerelles.EFORBIDDEN, "La validation des niveaux est réservée aux managers.")
	}
	if !u.System && u.AgentID == agentID {
		return nil, passerelles.Errorf(passerelles.EFORBIDDEN, "Vous ne pouvez pas valider vos propres compétences.")
	}
	if err := passerelles.ValidateText("Le commentaire de validation", &comment, passerelles.MaxValidationComment, passerelles.TextMultiLine); err != nil {
		return nil, err
	}
	comment = strings.TrimSpace(comment)
	var out *passerelles.DeclaredSkill
	err = s.writeVisible(ctx, u, agentID, func(tx *Tx) error {
		cur, err := findDeclaration(ctx, tx, agentID, skillID)
		if err != nil {
			return err
		} else if cur == nil {
			return errNotDeclared()
		}
		if err := checkSkillLevel(ctx, tx, skillID, level); err != nil {
			return err
		}
		if level != cur.level && comment == "" {
			return passerelles.WithField("comment", passerelles.Errorf(passerelles.EINVALID, "Expliquez dans un commentaire pourquoi le niveau validé diffère du niveau déclaré."))
		}
		tx.touchAgents(agentID) // the validated level, as talent search reads it
		if _, err := tx.ExecContext(ctx, `UPDATE agent_skills SET validated_level = ?, validated_by = ?, validated_at = ?,
			validation_comment = ? WHERE agent_id = ? AND skill_id = ?`,
			level, nullInt64(u.AgentID), formatTime(tx.now), comment, agentID, skillID); err != nil {
			return classify("valider le niveau", err)
		}
		if err := recordVersions(ctx, tx, agentID, []int64{skillID}, passerelles.SkillValidated, comment, u.AgentID); err != nil {
			return err
		}
		if err := audit(ctx, tx, u.AgentID, "SKILL_VALIDATED", agentID, fmt.Sprintf("compétence %d, niveau %d", skillID, level)); err != nil {
			return err
		}
		out, err = findDeclaredSkill(ctx, tx, u, agentID, skillID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// EndorseSkill implements passerelles.ProfileService. Like a validation, an endorsement
// by a manager or administrator, accepted or refused, is a recorded view of the profile.
func (s *ProfileService) EndorseSkill(ctx context.Context, agentID, skillID int64) error {
	me, err := selfFrom(ctx)
	if err != nil {
		return err
	}
	if agentID == me.AgentID {
		return passerelles.Errorf(passerelles.EINVALID, "Vous ne pouvez pas recommander vos propres compétences.")
	}
	return s.writeVisible(ctx, me, agentID, func(tx *Tx) error {
		if cur, err := findDeclaration(ctx, tx, agentID, skillID); err != nil {
			return err
		} else if cur == nil {
			return errNotDeclared()
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO endorsements (agent_id, skill_id, endorser_id, created_at) VALUES (?, ?, ?, ?)`,
			agentID, skillID, me.AgentID, formatTime(tx.now))
		var se sqlite3.Error
		if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey {
			return passerelles.Errorf(passerelles.ECONFLICT, "Vous avez déjà recommandé cette compétence.")
		} else if err != nil {
			return classify("recommander la compétence", err)
		}
		return nil
	})
}

// endorsement is an endorsement as the store reads it: of which skill, and whether the
// viewer may see who gave it.
type endorsement struct {
	passerelles.Endorsement
	skillID int64
	visible bool
}

// findEndorsements reads the endorsements of the agent's skill (of all their skills when
// skillID is 0), newest first, and tells for each whether viewer may see the endorser's
// profile: one statement, whatever the number of endorsers.
func findEndorsements(ctx context.Context, tx *Tx, viewer *passerelles.User, agentID, skillID int64) ([]endorsement, error) {
	all, err := findEndorsementsOf(ctx, tx, viewer, []int64{agentID}, skillID)
	return all[agentID], err
}

// FindEndorsements implements passerelles.ProfileService: the count includes the
// endorsers the viewer may not see, the list does not.
func (s *ProfileService) FindEndorsements(ctx context.Context, agentID, skillID int64) ([]passerelles.Endorsement, int, error) {
	viewer, err := viewerFrom(ctx)
	if err != nil {
		return nil, 0, err
	}
	visible := []passerelles.Endorsement{}
	total := 0
	err = s.readVisible(ctx, viewer, agentID, func(tx *Tx) error {
		if cur, err := findDeclaration(ctx, tx, agentID, skillID); err != nil {
			return err
		} else if cur == nil {
			return errNotDeclared()
		}
		all, err := findEndorsements(ctx, tx, viewer, agentID, skillID)
		for _, e := range all {
			if e.visible {
				visible = append(visible, e.Endorsement)
			}
		}
		total = len(all)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return visible, total, nil
}

// findEndorsementsOf reads the endorsements of the skills of the agents of agentIDs (of
// skill skillID only when it is not 0), by agent, newest first within a skill, and tells
// for each whether viewer may see the endorser's profile: one statement.
func findEndorsementsOf(ctx context.Context, tx *Tx, viewer *passerelles.User, agentIDs []int64, skillID int64) (map[int64][]endorsement, error) {
	out := make(map[int64][]endorsement, len(agentIDs))
	if len(agentIDs) == 0 {
		return out, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT e.agent_id, e.skill_id, e.endorser_id, e.created_at, g.visibility,
		(SELECT json_group_array(organisation_id) FROM agent_hidden_organisations WHERE agent_id = g.id)
		FROM endorsements e JOIN agents g ON g.id = e.endorser_id
		WHERE e.agent_id IN (SELECT value FROM json_each(?1)) AND (?2 = 0 OR e.skill_id = ?2)
		ORDER BY e.agent_id, e.skill_id, e.created_at DESC, e.endorser_id`, jsonIDs(agentIDs), skillID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find endorsements: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var agent, at int64
		var e endorsement
		var hidden string
		g := &passerelles.Agent{}
		if err := rows.Scan(&agent, &e.skillID, &e.EndorserID, &at, &g.Visibility, &hidden); err != nil {
			return nil, fmt.Errorf("sqlite: find endorsements: %w", err)
		}
		g.ID, e.CreatedAt = e.EndorserID, unixMilli(at)
		var hiddenFrom []int64
		if err := json.Unmarshal([]byte(hidden), &hiddenFrom); err != nil {
			return nil, fmt.Errorf("sqlite: find endorsements: %w", err)
		}
		e.visible = passerelles.CanSeeProfile(viewer, g, hiddenFrom)
		out[agent] = append(out[agent], e)
	}
	return out, rows.Err()
}

// FindAllEndorsements implements passerelles.ProfileService: two statements, and the views
// they amount to.
func (s *ProfileService) FindAllEndorsements(ctx context.Context, agentIDs []int64) (map[int64]map[int64][]passerelles.Endorsement, error) {
	viewer, err := viewerFrom(ctx)
	if err != nil {
		return nil, err
	}
	out := map[int64]map[int64][]passerelles.Endorsement{}
	var visible []int64
	err = s.db.read(ctx, func(tx *Tx) error {
		var err error
		visible, err = visibleAgentIDs(ctx, tx, viewer, uniqueIDs(agentIDs))
		if err != nil {
			return err
		}
		all, err := findEndorsementsOf(ctx, tx, viewer, visible, 0)
		if err != nil {
			return err
		}
		for _, id := range visible {
			bySkill := map[int64][]passerelles.Endorsement{}
			for _, e := range all[id] {
				if e.visible {
					bySkill[e.skillID] = append(bySkill[e.skillID], e.Endorsement)
				}
			}
			out[id] = bySkill
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
