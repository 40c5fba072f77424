package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"passerelles"
)

// CareerService implements passerelles.CareerService (gaps, closest roles, paths),
// passerelles.CareerHistoryService and passerelles.MentoringService.
type CareerService struct {
	db       *DB
	profiles *ProfileService
	roles    *RoleService
}

var (
	_ passerelles.CareerService        = (*CareerService)(nil)
	_ passerelles.CareerHistoryService = (*CareerService)(nil)
	_ passerelles.MentoringService     = (*CareerService)(nil)
)

// NewCareerService returns the career service of db.
func NewCareerService(db *DB) *CareerService {
	return &CareerService{db: db, profiles: NewProfileService(db), roles: NewRoleService(db)}
}

// profileOf reads the profile of agentID (0: the signed-in agent) as FindProfile does:
// visibility applied, a manager's read recorded as a view.
func (s *CareerService) profileOf(ctx context.Context, agentID int64) (*passerelles.Profile, error) {
	if agentID == 0 {
		me, err := selfFrom(ctx)
		if err != nil {
			return nil, err
		}
		agentID = me.AgentID
	}
	return s.profiles.FindProfile(ctx, agentID)
}

// catalogue reads every role (with its required skills) and every transition in use: a
// retired transition, or one to or from a retired role, is in no path.
func (s *CareerService) catalogue(ctx context.Context, withTransitions bool) ([]*passerelles.Role, []*passerelles.Transition, error) {
	var roles []*passerelles.Role
	var ts []*passerelles.Transition
	err := s.db.read(ctx, func(tx *Tx) (err error) {
		if roles, err = findRoles(ctx, tx, " ORDER BY code"); err != nil || !withTransitions {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT t.id, t.from_role_id, t.to_role_id, t.kind, t.typical_duration_months, t.helps
			FROM transitions t JOIN roles f ON f.id = t.from_role_id JOIN roles d ON d.id = t.to_role_id
			WHERE t.retired_at IS NULL AND f.retired_at IS NULL AND d.retired_at IS NULL ORDER BY t.id`)
		if err != nil {
			return fmt.Errorf("sqlite: read transitions: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			t := &passerelles.Transition{}
			if err := rows.Scan(&t.ID, &t.FromRoleID, &t.ToRoleID, &t.Kind, &t.TypicalDurationMonths, &t.Helps); err != nil {
				return err
			}
			ts = append(ts, t)
		}
		return rows.Err()
	})
	return roles, ts, err
}

func roleByCode(roles []*passerelles.Role, code, field string) (*passerelles.Role, error) {
	for _, r := range roles {
		if r.Code == code {
			return r, nil
		}
	}
	return nil, passerelles.WithField(field, passerelles.Errorf(passerelles.ENOTFOUND, "Le métier « %s » n’existe pas.", passerelles.EchoText(code, 20)))
}

// RoleGap implements passerelles.CareerService.
func (s *CareerService) RoleGap(ctx context.Context, roleCode string, agentID int64) (*passerelles.RoleGap, error) {
	if _, err := viewerFrom(ctx); err != nil {
		return nil, err
	}
	role, err := s.roles.FindRoleByCode(ctx, roleCode)
	if err != nil {
		return nil, passerelles.WithField("roleCode", err)
	}
	p, err := s.profileOf(ctx, agentID)
	if err != nil {
		return nil, err
	}
	g := passerelles.ComputeRoleGap(role, p.Agent.ID, p.Skills)
	g.CurrentRoleID = p.Agent.CurrentRoleID
	return g, nil
}

// ClosestRoles implements passerelles.CareerService.
func (s *CareerService) ClosestRoles(ctx context.Context, agentID int64, family *passerelles.RoleFamily, limit int) ([]*passerelles.RoleGap, error) {
	if family != nil && !family.Valid() {
		return nil, passerelles.WithField("family", passerelles.Errorf(passerelles.EINVALID, "La famille de métiers doit être BUSINESS ou DIGITAL."))
	}
	if limit < 0 || limit > passerelles.MaxPageSize {
		return nil, passerelles.WithField("first", passerelles.Errorf(passerelles.EINVALID, "L’argument « first » va de 0 à %d.", passerelles.MaxPageSize))
	}
	p, err := s.profileOf(ctx, agentID)
	if err != nil {
		return nil, err
	}
	roles, _, err := s.catalogue(ctx, false)
	if err != nil {
		return nil, err
	}
	ranked := passerelles.RankRoles(roles, p.Agent.ID, p.Agent.CurrentRoleID, p.Skills, family)
	for _, g := range ranked {
		g.CurrentRoleID = p.Agent.CurrentRoleID
	}
	return ranked[:min(limit, len(ranked))], nil
}

// CareerPaths implements passerelles.CareerService.
func (s *CareerService) CareerPaths(ctx context.Context, q passerelles.PathQuery) (*passerelles.CareerPaths, error) {
	if _, err := viewerFrom(ctx); err != nil {
		return nil, err
	}
	if err := q.Validate(); err != nil {
		return nil, err
	}
	p, err := s.profileOf(ctx, q.AgentID)
	if err != nil {
		return nil, err
	}
	roles, ts, err := s.catalogue(ctx, true)
	if err != nil {
		return nil, err
	}
	to, err := roleByCode(roles, q.ToRoleCode, "to")
	if err != nil {
		return nil, err
	}
	from := p.Agent.CurrentRoleID
	if q.FromRoleCode != "" {
		r, err := roleByCode(roles, q.FromRoleCode, "from")
		if err != nil {
			return nil, err
		}
		from = r.ID
	}
	planner := passerelles.NewPathPlanner(roles, ts, p.Agent.ID, p.Skills)
	return planner.Plan(from, to.ID, q.MaxSteps, q.Limit), nil
}

// Career history ---------------------------------------------------------------------

// SetCareerHistory implements passerelles.CareerHistoryService.
func (s *CareerService) SetCareerHistory(ctx context.Context, entries []passerelles.PastRole) ([]passerelles.PastRole, error) {
	me, err := selfFrom(ctx)
	if err != nil {
		return nil, err
	}
	entries = append([]passerelles.PastRole(nil), entries...)
	err = s.db.write(ctx, func(tx *Tx) error {
		// The roles are checked in the order sent (ValidateCareerHistory sorts the entries by
		// date, and an error must name the entry the person typed), a bounded list only.
		for i, e := range entries[:min(len(entries), passerelles.MaxPastRoles+1)] {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM roles WHERE id = ?`, e.RoleID).Scan(&n); err != nil {
				return fmt.Errorf("sqlite: check role: %w", err)
			} else if n == 0 && e.RoleID != 0 {
				return passerelles.WithField("entries."+strconv.Itoa(i)+".roleId", passerelles.Errorf(passerelles.EINVALID, "Ce métier n’existe pas."))
			}
		}
		if err := passerelles.ValidateCareerHistory(entries, tx.now); err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM agent_past_roles WHERE agent_id = ?`, `DELETE FROM agent_moves WHERE agent_id = ?`} {
			if _, err := tx.ExecContext(ctx, q, me.AgentID); err != nil {
				return fmt.Errorf("sqlite: clear career history: %w", err)
			}
		}
		for i := range entries {
			e := &entries[i]
			var ended any
			if e.EndedOn != nil {
				ended = e.EndedOn.Format(time.DateOnly)
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO agent_past_roles (agent_id, role_id, started_on, ended_on) VALUES (?, ?, ?, ?)`,
				me.AgentID, e.RoleID, e.StartedOn.Format(time.DateOnly), ended)
			if err != nil {
				return classify("enregistrer le parcours", err)
			}
			e.ID, _ = res.LastInsertId()
			e.AgentID = me.AgentID
		}
		for _, m := range passerelles.CareerMoves(entries) {
			if _, err := tx.ExecContext(ctx, `INSERT INTO agent_moves (agent_id, from_role_id, to_role_id, months, position) VALUES (?, ?, ?, ?, ?)`,
				me.AgentID, m.FromRoleID, m.ToRoleID, m.Months, m.Position); err != nil {
				return classify("enregistrer le parcours", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return entries, nil
}

// FindCareerHistories implements passerelles.CareerHistoryService.
func (s *CareerService) FindCareerHistories(ctx context.Context, ids []int64) (map[int64][]passerelles.PastRole, error) {
	viewer, err := viewerFrom(ctx)
	if err != nil {
		return nil, err
	}
	out := map[int64][]passerelles.PastRole{}
	err = s.db.read(ctx, func(tx *Tx) error {
		visible, err := visibleAgentIDs(ctx, tx, viewer, uniqueIDs(ids))
		if err != nil || len(visible) == 0 {
			return err
		}
		h, err := readPastRoles(ctx, tx, visible)
		for id, entries := range h {
			out[id] = entries
		}
		return err
	})
	return out, err
}

// readPastRoles reads the histories of ids, sorted by start date.
func readPastRoles(ctx context.Context, tx *Tx, ids []int64) (map[int64][]passerelles.PastRole, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, agent_id, role_id, started_on, ended_on FROM agent_past_roles
		WHERE agent_id IN (SELECT value FROM json_each(?)) ORDER BY agent_id, started_on, id`, jsonIDs(ids))
	if err != nil {
		return nil, fmt.Errorf("sqlite: read career history: %w", err)
	}
	defer rows.Close()
	out := map[int64][]passerelles.PastRole{}
	for rows.Next() {
		var e passerelles.PastRole
		var started string
		var ended sql.NullString
		if err := rows.Scan(&e.ID, &e.AgentID, &e.RoleID, &started, &ended); err != nil {
			return nil, fmt.Errorf("sqlite: read career history: %w", err)
		}
		if e.StartedOn, err = time.Parse(time.DateOnly, started); err != nil {
			return nil, fmt.Errorf("sqlite: read career history: %w", err)
		}
		if ended.Valid {
			d, err := time.Parse(time.DateOnly, ended.String)
			if err != nil {
				return nil, fmt.Errorf("sqlite: read career history: %w", err)
			}
			e.EndedOn = &d
		}
		out[e.AgentID] = append(out[e.AgentID], e)
	}
	return out, rows.Err()
}

// FindObservedMoves implements passerelles.CareerHistoryService: one statement for every
// transition asked, through the index of moves by (from, to).
func (s *CareerService) FindObservedMoves(ctx context.Context, transitions []*passerelles.Transition) (map[int64]passerelles.ObservedMoves, error) {
	viewer, err := viewerFrom(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]passerelles.ObservedMoves, len(transitions))
	if len(transitions) == 0 {
		return out, nil
	}
	type pair struct{ from, to int64 }
	pairs := make([][2]int64, 0, len(transitions))
	for _, t := range transitions {
		pairs = append(pairs, [2]int64{t.FromRoleID, t.ToRoleID})
	}
	js, _ := json.Marshal(pairs)
	agents := map[pair]map[int64]bool{}
	months := map[pair][]int{}
	// The figures are the others' (the viewer's own moves neither open a cell nor move its
	// median: an agent could record moves at will to read the others' exact figures), one
	// figure per agent and transition — their first such move — whatever they recorded.
	rows, err := s.db.reader.QueryContext(ctx, `SELECT m.from_role_id, m.to_role_id, m.agent_id, m.months
		FROM json_each(?) p CROSS JOIN agent_moves m
		ON m.from_role_id = json_extract(p.value, '$[0]') AND m.to_role_id = json_extract(p.value, '$[1]')
		WHERE m.agent_id <> ? ORDER BY m.agent_id, m.position`, string(js), viewer.AgentID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: observed moves: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k pair
		var agent int64
		var mo int
		if err := rows.Scan(&k.from, &k.to, &agent, &mo); err != nil {
			return nil, fmt.Errorf("sqlite: observed moves: %w", err)
		}
		if agents[k] == nil {
			agents[k] = map[int64]bool{}
		}
		if agents[k][agent] {
			continue
		}
		agents[k][agent] = true
		months[k] = append(months[k], mo)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, t := range transitions {
		k := pair{t.FromRoleID, t.ToRoleID}
		out[t.ID] = passerelles.SummariseMoves(len(agents[k]), months[k])
	}
	return out, nil
}

// CountRoleAgents implements passerelles.CareerHistoryService: two grouped counts over the
// indexes agents_current_role and agent_target_roles_role.
func (s *CareerService) CountRoleAgents(ctx context.Context, ids []int64) (map[int64]passerelles.RoleCounts, error) {
	viewer, err := viewerFrom(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]passerelles.RoleCounts, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	err = s.db.read(ctx, func(tx *Tx) error {
		for i, q := range []string{
			// Others only, as for the moves: taking a role or a target of one's own does not
			// open a cell of 4.
			`SELECT current_role_id, COUNT(*) FROM agents WHERE current_role_id IN (SELECT value FROM json_each(?)) AND id <> ? GROUP BY current_role_id`,
			`SELECT role_id, COUNT(*) FROM agent_target_roles WHERE role_id IN (SELECT value FROM json_each(?)) AND agent_id <> ? GROUP BY role_id`,
		} {
			rows, err := tx.QueryContext(ctx, q, jsonIDs(uniqueIDs(ids)), viewer.AgentID)
			if err != nil {
				return fmt.Errorf("sqlite: count role agents: %w", err)
			}
			for rows.Next() {
				var id int64
				var n int
				if err := rows.Scan(&id, &n); err != nil {
					rows.Close()
					return fmt.Errorf("sqlite: count role agents: %w", err)
				}
				c := out[id]
				if i == 0 {
					c.Holders = n
				} else {
					c.Targeters = n
				}
				out[id] = c
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// exportCareer fills the career history and the mentoring requests of the export.
func exportCareer(ctx context.Context, tx *Tx, agentID int64, x *passerelles.DataExport) error {
	h, err := readPastRoles(ctx, tx, []int64{agentID})
	if err != nil {
		return err
	}
	for _, e := range h[agentID] {
		var ended *string
		if e.EndedOn != nil {
			s := e.EndedOn.Format(time.DateOnly)
			ended = &s
		}
		x.CareerHistory = append(x.CareerHistory, passerelles.ExportedPastRole{RoleID: e.RoleID, StartedOn: e.StartedOn.Format(time.DateOnly), EndedOn: ended})
	}
	rows, err := tx.QueryContext(ctx, `SELECT requester_id, mentor_id, role_id, message, state, created_at, answered_at
		FROM mentoring_requests WHERE requester_id = ? OR mentor_id = ? ORDER BY created_at, id`, agentID, agentID)
	if err != nil {
		return fmt.Errorf("sqlite: export mentoring: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r passerelles.ExportedMentoringRequest
		var requester, mentor int64
		var created int64
		var answered sql.NullInt64
		if err := rows.Scan(&requester, &mentor, &r.RoleID, &r.Message, &r.State, &created, &answered); err != nil {
			return fmt.Errorf("sqlite: export mentoring: %w", err)
		}
		r.Sent = requester == agentID
		other := mentor
		if !r.Sent {
			other = requester
		}
		r.OtherAgentID = &other
		r.CreatedAt = time.UnixMilli(created).UTC()
		if answered.Valid {
			t := time.UnixMilli(answered.Int64).UTC()
			r.AnsweredAt = &t
		}
		x.MentoringRequests = append(x.MentoringRequests, r)
	}
	return rows.Err()
}
