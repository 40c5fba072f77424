package sqlite

import (
	"context"
	"fmt"
	"slices"

	"passerelles"
)

// AgentService implements passerelles.AgentService.
type AgentService struct{ db *DB }

var _ passerelles.AgentService = (*AgentService)(nil)

// NewAgentService returns the agent service of db.
func NewAgentService(db *DB) *AgentService { return &AgentService{db: db} }

// CountAgents implements passerelles.AgentService.
func (s *AgentService) CountAgents(ctx context.Context) (int, error) {
	var n int
	if err := s.db.reader.QueryRowContext(ctx, `SELECT COUNT(*) FROM agents`).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: count agents: %w", err)
	}
	return n, nil
}

// skillScale is what the store needs to check a declared level.
type skillScale struct {
	max     int
	defined []int
}

func (s *AgentService) skillScales(ctx context.Context) (map[int64]skillScale, error) {
	rows, err := s.db.reader.QueryContext(ctx, `SELECT s.id, s.defined_levels,
		(SELECT COUNT(*) FROM framework_levels l WHERE l.framework_id = s.framework_id) FROM skills s`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: skill scales: %w", err)
	}
	defer rows.Close()
	out := map[int64]skillScale{}
	for rows.Next() {
		var id int64
		var defined string
		var sc skillScale
		if err := rows.Scan(&id, &defined, &sc.max); err != nil {
			return nil, err
		}
		if sc.defined, err = parseLevels(defined); err != nil {
			return nil, err
		}
		out[id] = sc
	}
	return out, rows.Err()
}

// ImportAgents implements passerelles.AgentService. Each agent's declarations also start
// their history and count in skill_level_counts.
func (s *AgentService) ImportAgents(ctx context.Context, agents []*passerelles.Agent) (int, error) {
	if err := passerelles.RequireSystem(ctx); err != nil {
		return 0, err
	}
	scales, err := s.skillScales(ctx)
	if err != nil {
		return 0, err
	}
	for _, a := range agents {
		if err := a.Validate(); err != nil {
			return 0, err
		}
		for _, sk := range a.Skills {
			sc, ok := scales[sk.SkillID]
			if !ok {
				return 0, passerelles.Errorf(passerelles.EINVALID, "Une compétence déclarée n’existe pas.")
			}
			if sk.Level < 1 || sk.Level > sc.max || (len(sc.defined) > 0 && !slices.Contains(sc.defined, sk.Level)) {
				return 0, passerelles.Errorf(passerelles.EINVALID, "Le niveau %d n’est pas défini pour cette compétence.", sk.Level)
			}
		}
	}

	created := 0
	err = s.db.write(ctx, func(tx *Tx) error {
		insAgent, err := tx.PrepareContext(ctx, `INSERT INTO agents (issuer, subject, given_name, usual_name, email, uid, siret,
			idp_id, organisation_label, organisation_id, region_id, grade_code, current_role_id, bio, open_to_mobility,
			willing_to_mentor, visibility, visibility_chosen_at, onboarded_at, created_at, updated_at, search_name)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (issuer, subject) DO NOTHING`)
		if err != nil {
			return fmt.Errorf("sqlite: prepare agents: %w", err)
		}
		defer insAgent.Close()
		// Declarations go in multi-row statements: one cgo call per 64 rows instead of one each.
		skills := newBulkInsert(tx, `INSERT INTO agent_skills (agent_id, skill_id, level, current_use, wants_to_develop,
			top_rank, declared_at, updated_at) VALUES `, 8)
		defer skills.close()
		history := newBulkInsert(tx, `INSERT INTO agent_skill_history (agent_id, skill_id, version, change, level,
			current_use, wants_to_develop, top_rank, changed_by, valid_from) VALUES `, 10)
		defer history.close()

		type skillLevel struct {
			skill int64
			level int
		}
		counts := map[skillLevel]int{}
		for _, a := range agents {
			if a.CreatedAt.IsZero() {
				a.CreatedAt = tx.now
			}
			if a.UpdatedAt.IsZero() {
				a.UpdatedAt = a.CreatedAt
			}
			at := formatTime(a.CreatedAt)
			chosen := nullTime(a.CreatedAt)
			if a.Visibility == passerelles.VisibilityPrivate {
				chosen.Valid = false
			}
			res, err := insAgent.ExecContext(ctx, a.Issuer, a.Subject, a.GivenName, a.UsualName, a.Email, a.UID, a.Siret,
				a.IdpID, a.OrganisationLabel, nullInt64(a.OrganisationID), nullInt64(a.RegionID), nullString(a.GradeCode),
				nullInt64(a.CurrentRoleID), a.Bio, a.OpenToMobility, a.WillingToMentor, string(a.Visibility), chosen,
				at, at, formatTime(a.UpdatedAt), passerelles.UserSearchName(a.GivenName, a.UsualName))
			if err != nil {
				return classify("créer un agent", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue // already known: imports are idempotent
			}
			created++
			if a.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			tx.touchAgents(a.ID) // search text and talent index
			for _, sk := range a.Skills {
				if err := skills.add(ctx, a.ID, sk.SkillID, sk.Level, sk.CurrentUse, sk.WantsToDevelop,
					nullInt64(int64(sk.TopRank)), at, at); err != nil {
					return classify("déclarer une compétence", err)
				}
				if err := history.add(ctx, a.ID, sk.SkillID, 1, "DECLARED", sk.Level, sk.CurrentUse, sk.WantsToDevelop,
					nullInt64(int64(sk.TopRank)), a.ID, at); err != nil {
					return classify("historiser une compétence", err)
				}
				counts[skillLevel{sk.SkillID, sk.Level}]++
			}
		}
		if err := skills.flush(ctx); err != nil {
			return classify("déclarer une compétence", err)
		}
		if err := history.flush(ctx); err != nil {
			return classify("historiser une compétence", err)
		}
		for k, n := range counts {
			if _, err := tx.ExecContext(ctx, `INSERT INTO skill_level_counts (skill_id, level, agents) VALUES (?, ?, ?)
				ON CONFLICT (skill_id, level) DO UPDATE SET agents = agents + excluded.agents`, k.skill, k.level, n); err != nil {
				return classify("compter les déclarations", err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return created, nil
}
