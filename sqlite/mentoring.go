package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
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
		if err := tx.QueryRowContext(ctx, `SELECT id FROM roles WHERE code = ?`, in.RoleCode).Scan(&roleID); err == sql.ErrNoRows {
			return passerelles.WithField("roleCode", passerelles.Errorf(passerelles.ENOTFOUND, "Le métier « %s » n’existe pas.", passerelles.EchoText(in.RoleCode, 20)))
		} else if err != nil {
			return fmt.Errorf("sqlite: request mentoring: %w", err)
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

// FindMentors implements passerelles.MentoringService: one statement for every missing
// skill (a window keeps the best of each), one for the role's movers and holders; both
// filter willingness and visibility (the SQL twin of CanSeeProfile) in SQL.
func (s *CareerService) FindMentors(ctx context.Context, q passerelles.MentorQuery) (map[int64][]passerelles.Mentor, error) {
	me, err := selfFrom(ctx)
	if err != nil {
		return nil, err
	}
	limit := min(max(q.Limit, 1), passerelles.MaxMentors)
	out := map[int64][]passerelles.Mentor{}
	visible, vargs := visibleAgent("a", me)
	err = s.db.read(ctx, func(tx *Tx) error {
		scan := func(rows *sql.Rows) error {
			defer rows.Close()
			for rows.Next() {
				var key int64
				var m passerelles.Mentor
				if err := rows.Scan(&key, &m.AgentID, &m.Level, &m.Validated, &m.MadeTheMove, &m.HeldRole); err != nil {
					return fmt.Errorf("sqlite: find mentors: %w", err)
				}
				out[key] = append(out[key], m)
			}
			return rows.Err()
		}
		// who made the move from the viewer's current role, who held or holds the role
		moved := `EXISTS (SELECT 1 FROM agent_moves mv WHERE mv.agent_id = a.id AND mv.to_role_id = ?1 AND mv.from_role_id = ?2)`
		held := `(IFNULL(a.current_role_id = ?1, 0) OR EXISTS (SELECT 1 FROM agent_past_roles pr WHERE pr.agent_id = a.id AND pr.role_id = ?1))`
		if len(q.Skills) > 0 {
			want := make([][2]int, 0, len(q.Skills))
			for _, sg := range q.Skills {
				want = append(want, [2]int{int(sg.SkillID), sg.TargetLevel})
			}
			js, _ := json.Marshal(want)
			rows, err := tx.QueryContext(ctx, `SELECT skill_id, id, lvl, validated, moved, held FROM (
				SELECT w.skill_id, a.id, COALESCE(s.validated_level, s.level) AS lvl, s.validated_level IS NOT NULL AS validated,
					`+moved+` AS moved, `+held+` AS held,
					ROW_NUMBER() OVER (PARTITION BY w.skill_id ORDER BY `+moved+` DESC, `+held+` DESC,
						s.validated_level IS NOT NULL DESC, COALESCE(s.validated_level, s.level) DESC, a.id) AS rank
				FROM (SELECT json_extract(value, '$[0]') AS skill_id, json_extract(value, '$[1]') AS target FROM json_each(?3)) w
				CROSS JOIN agent_skills s ON s.skill_id = w.skill_id
				JOIN agents a ON a.id = s.agent_id
				WHERE a.willing_to_mentor = 1 AND a.id <> ?4 AND COALESCE(s.validated_level, s.level) >= w.target AND `+visibleNumbered(visible)+`
			) WHERE rank <= ?5 ORDER BY skill_id, rank`, append([]any{q.RoleID, q.CurrentRoleID, string(js), me.AgentID, limit}, vargs...)...)
			if err != nil {
				return fmt.Errorf("sqlite: find mentors: %w", err)
			}
			if err := scan(rows); err != nil {
				return err
			}
		}
		rows, err := tx.QueryContext(ctx, `SELECT 0, a.id, 0, 0, `+moved+`, 1 FROM agents a
			WHERE a.id IN (SELECT agent_id FROM agent_moves WHERE to_role_id = ?1 UNION SELECT id FROM agents WHERE current_role_id = ?1)
				AND a.willing_to_mentor = 1 AND a.id <> ?4 AND `+visibleNumbered(visible)+`
			ORDER BY 5 DESC, a.id LIMIT ?5`, append([]any{q.RoleID, q.CurrentRoleID, nil, me.AgentID, limit}, vargs...)...)
		if err != nil {
			return fmt.Errorf("sqlite: find role mentors: %w", err)
		}
		return scan(rows)
	})
	return out, err
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
