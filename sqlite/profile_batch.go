package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"passerelles"
)

// Reads of several profiles at once, for nested GraphQL lists (community members, endorsers,
// validating managers …): each costs a constant number of statements whatever the number
// of profiles, so that a page of 100 profiles with their histories and endorsers costs what
// one does.

// visibleAgentIDs returns the agents among ids whose profile viewer may see, in one statement
// (the condition is the SQL twin of passerelles.CanSeeProfile, tested against it).
func visibleAgentIDs(ctx context.Context, tx *sql.Tx, viewer *passerelles.User, ids []int64) ([]int64, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	cond, args := visibleAgent("a", viewer)
	rows, err := tx.QueryContext(ctx, `SELECT a.id FROM agents a WHERE a.id IN (SELECT value FROM json_each(?)) AND `+cond+` ORDER BY a.id`,
		append([]any{jsonIDs(ids)}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: visible agents: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlite: visible agents: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// findHistories returns the versions of the skills of the agents of agentIDs (of skill
// skillID only when it is not 0), the latest `latest` of each skill (all of them when
// latest is 0), by agent then by skill, oldest first, with the authors' names for the agent
// that viewer KnowsWhoActed about (viewer's own): one statement. It reads each (agent,
// skill) pair by the history's primary key, from the latest version down, so its cost does
// not grow with the number of older versions.
func findHistories(ctx context.Context, tx *sql.Tx, viewer *passerelles.User, agentIDs []int64, skillID int64, latest int) (map[int64]map[int64][]passerelles.SkillVersion, error) {
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

// findEndorsementsOf reads the endorsements of the skills of the agents of agentIDs (of
// skill skillID only when it is not 0), by agent, newest first within a skill, and tells
// for each whether viewer may see the endorser's profile: one statement.
func findEndorsementsOf(ctx context.Context, tx *sql.Tx, viewer *passerelles.User, agentIDs []int64, skillID int64) (map[int64][]endorsement, error) {
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

// FindSkillHistories implements passerelles.ProfileService: two statements, and the views
// they amount to.
func (s *ProfileService) FindSkillHistories(ctx context.Context, agentIDs []int64) (map[int64]map[int64][]passerelles.SkillVersion, error) {
	viewer, err := viewerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var out map[int64]map[int64][]passerelles.SkillVersion
	var visible []int64
	err = s.read(ctx, func(tx *sql.Tx) error {
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

// FindAllEndorsements implements passerelles.ProfileService: two statements, and the views
// they amount to.
func (s *ProfileService) FindAllEndorsements(ctx context.Context, agentIDs []int64) (map[int64]map[int64][]passerelles.Endorsement, error) {
	viewer, err := viewerFrom(ctx)
	if err != nil {
		return nil, err
	}
	out := map[int64]map[int64][]passerelles.Endorsement{}
	var visible []int64
	err = s.read(ctx, func(tx *sql.Tx) error {
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

// versionsWindow is how far below a skill's latest version findHistories reads: latest
// versions, or every one when latest is 0.
func versionsWindow(latest int) int64 {
	if latest <= 0 {
		return 1 << 62
	}
	return int64(latest)
}
