package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"passerelles"
)

const mentoringColumns = `SELECT r.id, r.requester_id, r.mentor_id, r.role_id, r.message, r.state, r.created_at, r.answered_at,
	q.given_name || ' ' || q.usual_name, m.given_name || ' ' || m.usual_name, q.email, m.email
	FROM mentoring_requests r JOIN agents q ON q.id = r.requester_id JOIN agents m ON m.id = r.mentor_id`

func scanMentoring(rows interface{ Scan(...any) error }) (*passerelles.MentoringRequest, error) {
	r := &passerelles.MentoringRequest{}
	var created int64
	var answered sql.NullInt64
	if err := rows.Scan(&r.ID, &r.RequesterID, &r.MentorID, &r.RoleID, &r.Message, &r.State, &created, &answered,
		&r.RequesterName, &r.MentorName, &r.RequesterEmail, &r.MentorEmail); err != nil {
		return nil, err
	}
	r.CreatedAt = time.UnixMilli(created).UTC()
	if answered.Valid {
		r.AnsweredAt = time.UnixMilli(answered.Int64).UTC()
	}
	return r, nil
}

func findMentoringRequest(ctx context.Context, tx *Tx, id int64) (*passerelles.MentoringRequest, error) {
	r, err := scanMentoring(tx.QueryRowContext(ctx, mentoringColumns+` WHERE r.id = ?`, id))
	if err == sql.ErrNoRows {
		return nil, passerelles.WithField("requestId", passerelles.Errorf(passerelles.ENOTFOUND, "Cette demande de mentorat n’existe pas."))
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find mentoring request: %w", err)
	}
	return r, nil
}

// RequestMentoring implements passerelles.MentoringService.
func (s *CareerService) RequestMentoring(ctx context.Context, in passerelles.MentoringInput) (*passerelles.MentoringRequest, error) {
	me, err := selfFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var out *passerelles.MentoringRequest
	err = s.db.write(ctx, func(tx *Tx) error {
		var roleID int64
		role := &passerelles.Role{}
		var retired sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT id, title, retired_at FROM roles WHERE code = ?`, in.RoleCode).Scan(&roleID, &role.Title, &retired); err == sql.ErrNoRows {
			return passerelles.WithField("roleCode", passerelles.Errorf(passerelles.ENOTFOUND, "Le métier « %s » n’existe pas.", passerelles.EchoText(in.RoleCode, 20)))
		} else if err != nil {
			return fmt.Errorf("sqlite: request mentoring: %w", err)
		}
		// A retired role is no longer aimed at, so no mentoring leads to it (the rule of new targets).
		if retired.Valid {
			role.RetiredAt = time.UnixMilli(retired.Int64)
		}
		if err := passerelles.CheckNewTarget(role); err != nil {
			return passerelles.WithField("roleCode", err)
		}
		mentor := &passerelles.Agent{}
		var hidden string
		err := tx.QueryRowContext(ctx, `SELECT a.id, a.visibility, a.willing_to_mentor,
			(SELECT json_group_array(organisation_id) FROM agent_hidden_organisations WHERE agent_id = a.id)
			FROM agents a WHERE a.id = ?`, in.MentorID).Scan(&mentor.ID, &mentor.Visibility, &mentor.WillingToMentor, &hidden)
		var hiddenFrom []int64
		if err == sql.ErrNoRows {
			mentor = nil
		} else if err != nil {
			return fmt.Errorf("sqlite: request mentoring: %w", err)
		} else if err := json.Unmarshal([]byte(hidden), &hiddenFrom); err != nil {
			return fmt.Errorf("sqlite: request mentoring: %w", err)
		}
		var pending, sent int
		if err := tx.QueryRowContext(ctx, `SELECT
			(SELECT COUNT(*) FROM mentoring_requests WHERE requester_id = ?1 AND mentor_id = ?2 AND state = 'PENDING'),
			(SELECT COUNT(*) FROM mentoring_requests WHERE requester_id = ?1 AND created_at > ?3)`,
			me.AgentID, in.MentorID, formatTime(tx.now.Add(-24*time.Hour))).Scan(&pending, &sent); err != nil {
			return fmt.Errorf("sqlite: request mentoring: %w", err)
		}
		if err := passerelles.CheckMentoringRequest(me, mentor, hiddenFrom, pending > 0, sent); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO mentoring_requests (requester_id, mentor_id, role_id, message, created_at) VALUES (?, ?, ?, ?, ?)`,
			me.AgentID, in.MentorID, roleID, in.Message, formatTime(tx.now))
		if err != nil {
			return classify("enregistrer la demande de mentorat", err)
		}
		id, _ := res.LastInsertId()
		out, err = findMentoringRequest(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return passerelles.SeeMentoringRequest(me, out), nil
}

// answerMentoring moves a request to state once check allows the viewer to.
func (s *CareerService) answerMentoring(ctx context.Context, id int64, state passerelles.MentoringState,
	check func(*passerelles.MentoringRequest, *passerelles.User) error) (*passerelles.MentoringRequest, error) {
	me, err := selfFrom(ctx)
	if err != nil {
		return nil, err
	}
	var out *passerelles.MentoringRequest
	err = s.db.write(ctx, func(tx *Tx) error {
		r, err := findMentoringRequest(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := check(r, me); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE mentoring_requests SET state = ?, answered_at = ? WHERE id = ?`,
			string(state), formatTime(tx.now), id); err != nil {
			return classify("répondre à la demande de mentorat", err)
		}
		out, err = findMentoringRequest(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return passerelles.SeeMentoringRequest(me, out), nil
}

// RespondToMentoring implements passerelles.MentoringService.
func (s *CareerService) RespondToMentoring(ctx context.Context, id int64, accept bool) (*passerelles.MentoringRequest, error) {
	state := passerelles.MentoringDeclined
	if accept {
		state = passerelles.MentoringAccepted
	}
	return s.answerMentoring(ctx, id, state, (*passerelles.MentoringRequest).CheckAnswer)
}

// WithdrawMentoring implements passerelles.MentoringService.
func (s *CareerService) WithdrawMentoring(ctx context.Context, id int64) (*passerelles.MentoringRequest, error) {
	return s.answerMentoring(ctx, id, passerelles.MentoringWithdrawn, (*passerelles.MentoringRequest).CheckWithdraw)
}

// FindMentoringRequests implements passerelles.MentoringService.
func (s *CareerService) FindMentoringRequests(ctx context.Context, sent bool, page passerelles.Page) ([]*passerelles.MentoringRequest, int, error) {
	me, err := selfFrom(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := page.Validate(); err != nil {
		return nil, 0, err
	}
	col := "r.mentor_id"
	if sent {
		col = "r.requester_id"
	}
	out := []*passerelles.MentoringRequest{}
	total := 0
	err = s.db.read(ctx, func(tx *Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM mentoring_requests r WHERE `+col+` = ?`, me.AgentID).Scan(&total); err != nil {
			return fmt.Errorf("sqlite: count mentoring requests: %w", err)
		}
		rows, err := tx.QueryContext(ctx, mentoringColumns+` WHERE `+col+` = ? ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?`,
			me.AgentID, page.Limit, page.Offset)
		if err != nil {
			return fmt.Errorf("sqlite: find mentoring requests: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanMentoring(rows)
			if err != nil {
				return fmt.Errorf("sqlite: find mentoring requests: %w", err)
			}
			out = append(out, passerelles.SeeMentoringRequest(me, r))
		}
		return rows.Err()
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// FindMentors implements passerelles.MentoringService in two statements whatever the
// number of skills: the role's movers and holders (willing, visible) with their levels of
// the missing skills; then, per skill, the best declarations from the top of the index
// agent_skills (skill_id, level) — a compound SELECT of one LIMITed part per skill, each
// walking the index downwards and stopping after a few willing and visible agents, where
// ranking every candidate read up to 25 000 declarations and their agents per skill
// (2.2 s for a role of six skills at 100 000 agents). Willingness and visibility (the
// SQL twin of CanSeeProfile) are filtered in SQL.
func (s *CareerService) FindMentors(ctx context.Context, q passerelles.MentorQuery) (map[int64][]passerelles.Mentor, error) {
	me, err := selfFrom(ctx)
	if err != nil {
		return nil, err
	}
	limit := min(max(q.Limit, 1), passerelles.MaxMentors)
	visible, vargs := visibleAgent("a", me)
	type cand struct {
		passerelles.Mentor
		skills map[int64][2]int // skill → declared, validated
	}
	var movers []*cand
	byID := map[int64]*cand{}
	perSkill := map[int64][]passerelles.Mentor{}
	err = s.db.read(ctx, func(tx *Tx) error {
		// Who moved into the role (the viewer's own move first), then who holds it or held
		// it: three LIMITed parts, each walking its index and stopping early.
		rows, err := tx.QueryContext(ctx, `SELECT * FROM (SELECT a.id, MAX(m.from_role_id = ?2) AS moved FROM agent_moves m JOIN agents a ON a.id = m.agent_id
				WHERE m.to_role_id = ?1 AND a.willing_to_mentor = 1 AND a.id <> ?4 AND `+visibleNumbered(visible)+`
				GROUP BY a.id ORDER BY moved DESC, a.id LIMIT ?5)
			UNION ALL SELECT * FROM (SELECT a.id, 0 FROM agents a
				WHERE a.current_role_id = ?1 AND a.willing_to_mentor = 1 AND a.id <> ?4 AND `+visibleNumbered(visible)+` LIMIT ?5)
			UNION ALL SELECT * FROM (SELECT a.id, 0 FROM agent_past_roles p JOIN agents a ON a.id = p.agent_id
				WHERE p.role_id = ?1 AND a.willing_to_mentor = 1 AND a.id <> ?4 AND `+visibleNumbered(visible)+` LIMIT ?5)`,
			append([]any{q.RoleID, q.CurrentRoleID, nil, me.AgentID, passerelles.MaxMentors}, vargs...)...)
		if err != nil {
			return fmt.Errorf("sqlite: find role mentors: %w", err)
		}
		for rows.Next() {
			c := &cand{Mentor: passerelles.Mentor{HeldRole: true}, skills: map[int64][2]int{}}
			if err := rows.Scan(&c.AgentID, &c.MadeTheMove); err != nil {
				rows.Close()
				return fmt.Errorf("sqlite: find role mentors: %w", err)
			}
			if byID[c.AgentID] != nil {
				continue // a mover who also holds the role: listed once, as a mover
			}
			movers = append(movers, c)
			byID[c.AgentID] = c
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(q.Skills) == 0 {
			return err
		}
		skillIDs := make([]int64, 0, len(q.Skills))
		for _, sg := range q.Skills {
			skillIDs = append(skillIDs, sg.SkillID)
		}
		if len(movers) > 0 {
			ids := make([]int64, 0, len(movers))
			for _, c := range movers {
				ids = append(ids, c.AgentID)
			}
			rows, err := tx.QueryContext(ctx, `SELECT agent_id, skill_id, level, IFNULL(validated_level, 0) FROM agent_skills
				WHERE agent_id IN (SELECT value FROM json_each(?)) AND skill_id IN (SELECT value FROM json_each(?))`, jsonIDs(ids), jsonIDs(skillIDs))
			if err != nil {
				return fmt.Errorf("sqlite: find mentors' skills: %w", err)
			}
			for rows.Next() {
				var agent, skill int64
				var lv [2]int
				if err := rows.Scan(&agent, &skill, &lv[0], &lv[1]); err != nil {
					rows.Close()
					return fmt.Errorf("sqlite: find mentors' skills: %w", err)
				}
				byID[agent].skills[skill] = lv
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		var parts []string
		var args []any
		for _, sg := range q.Skills {
			cond, cargs := visibleAgent("a", me)
			parts = append(parts, `SELECT * FROM (SELECT s.skill_id, s.agent_id, s.level, IFNULL(s.validated_level, 0)
				FROM agent_skills s JOIN agents a ON a.id = s.agent_id
				WHERE s.skill_id = ? AND s.level >= ? AND (s.validated_level IS NULL OR s.validated_level >= ?)
					AND a.willing_to_mentor = 1 AND a.id <> ? AND `+cond+`
				ORDER BY s.level DESC, s.agent_id DESC LIMIT ?)`)
			args = append(append(args, sg.SkillID, sg.TargetLevel, sg.TargetLevel, me.AgentID), append(cargs, limit)...)
		}
		rows, err = tx.QueryContext(ctx, strings.Join(parts, " UNION ALL "), args...)
		if err != nil {
			return fmt.Errorf("sqlite: find mentors: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var skill int64
			var m passerelles.Mentor
			var validated int
			if err := rows.Scan(&skill, &m.AgentID, &m.Level, &validated); err != nil {
				return fmt.Errorf("sqlite: find mentors: %w", err)
			}
			if validated > 0 {
				m.Level, m.Validated = validated, true
			}
			perSkill[skill] = append(perSkill[skill], m)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	out := map[int64][]passerelles.Mentor{0: {}}
	for _, c := range movers[:min(len(movers), limit)] {
		out[0] = append(out[0], c.Mentor)
	}
	for _, sg := range q.Skills {
		list := []passerelles.Mentor{}
		seen := map[int64]bool{}
		// Who made the move or held the role first, when their counted level reaches the
		// target (CountedLevel); then the best levels of the index.
		for _, c := range movers {
			lv, ok := c.skills[sg.SkillID]
			if !ok {
				continue
			}
			d := passerelles.DeclaredSkill{AgentSkill: passerelles.AgentSkill{Level: lv[0]}, ValidatedLevel: lv[1]}
			if counted, basis := passerelles.CountedLevel(&d); counted >= sg.TargetLevel {
				m := c.Mentor
				m.Level, m.Validated = counted, basis == passerelles.GapBasisValidated
				list = append(list, m)
				seen[m.AgentID] = true
			}
		}
		for _, m := range perSkill[sg.SkillID] {
			if !seen[m.AgentID] {
				list = append(list, m)
			}
		}
		out[sg.SkillID] = list[:min(len(list), limit)]
	}
	return out, nil
}

// visibleNumbered numbers the anonymous parameters of a visibleAgent condition from ?6,
// for statements whose own parameters are ?1 … ?5.
func visibleNumbered(cond string) string {
	var b []byte
	n := 6
	for i := 0; i < len(cond); i++ {
		b = append(b, cond[i])
		if cond[i] == '?' && (i+1 == len(cond) || cond[i+1] < '0' || cond[i+1] > '9') {
			b = append(b, fmt.Sprint(n)...)
			n++
		}
	}
	return string(b)
}
