package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"passerelles"
)

// CommunityService implements passerelles.CommunityService and passerelles.EventService.
type CommunityService struct{ db *DB }

var (
	_ passerelles.CommunityService = (*CommunityService)(nil)
	_ passerelles.EventService     = (*CommunityService)(nil)
)

// NewCommunityService returns the community and event service of db.
func NewCommunityService(db *DB) *CommunityService { return &CommunityService{db: db} }

// FindCommunityByCode implements passerelles.CommunityService.
func (s *CommunityService) FindCommunityByCode(ctx context.Context, code string) (*passerelles.Community, error) {
	var cs []*passerelles.Community
	err := s.db.read(ctx, func(tx *Tx) (err error) {
		cs, err = findCommunities(ctx, tx, " WHERE c.code = ?", code)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, passerelles.Errorf(passerelles.ENOTFOUND, "La communauté « %s » n’existe pas.", code)
	}
	return cs[0], nil
}

// FindCommunities implements passerelles.CommunityService.
func (s *CommunityService) FindCommunities(ctx context.Context, filter passerelles.CommunityFilter) ([]*passerelles.Community, int, error) {
	if err := filter.Page.Validate(); err != nil {
		return nil, 0, err
	}
	var w where
	w.in("c.id", filter.IDs)
	var cs []*passerelles.Community
	var total int
	err := s.db.read(ctx, func(tx *Tx) (err error) {
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM communities c"+w.String(), w.args...).Scan(&total); err != nil {
			return fmt.Errorf("sqlite: count communities: %w", err)
		}
		cs, err = findCommunities(ctx, tx, w.String()+" ORDER BY c.name COLLATE NOCASE LIMIT ? OFFSET ?", append(w.args, filter.Limit, filter.Offset)...)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return cs, total, nil
}

func findCommunities(ctx context.Context, tx *Tx, tail string, args ...any) ([]*passerelles.Community, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.code, c.name, c.description,
		(SELECT COUNT(*) FROM community_members m WHERE m.community_id = c.id) FROM communities c`+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find communities: %w", err)
	}
	defer rows.Close()
	cs := []*passerelles.Community{}
	byID := map[int64]*passerelles.Community{}
	for rows.Next() {
		c := &passerelles.Community{}
		if err := rows.Scan(&c.ID, &c.Code, &c.Name, &c.Description, &c.MemberCount); err != nil {
			return nil, err
		}
		cs = append(cs, c)
		byID[c.ID] = c
	}
	if err := rows.Err(); err != nil || len(cs) == 0 {
		return cs, err
	}
	ids := make([]int64, 0, len(cs))
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	srows, err := tx.QueryContext(ctx, `SELECT cs.community_id, cs.skill_id FROM community_skills cs JOIN skills s ON s.id = cs.skill_id
		WHERE cs.community_id IN (`+placeholders(len(ids))+`) ORDER BY cs.community_id, s.framework_id, s.position`, int64Args(ids)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find community skills: %w", err)
	}
	defer srows.Close()
	for srows.Next() {
		var cid, sid int64
		if err := srows.Scan(&cid, &sid); err != nil {
			return nil, err
		}
		byID[cid].SkillIDs = append(byID[cid].SkillIDs, sid)
	}
	return cs, srows.Err()
}

// UpsertCommunity implements passerelles.CommunityService.
func (s *CommunityService) UpsertCommunity(ctx context.Context, c *passerelles.Community) (bool, error) {
	if err := passerelles.RequireAdmin(ctx); err != nil {
		return false, err
	}
	if err := c.Validate(); err != nil {
		return false, err
	}
	var changed bool
	err := s.db.write(ctx, func(tx *Tx) (err error) {
		changed, err = upsert(ctx, tx, `INSERT INTO communities (code, name, description) VALUES (?, ?, ?)
			ON CONFLICT (code) DO UPDATE SET name = excluded.name, description = excluded.description
			WHERE name IS NOT excluded.name OR description IS NOT excluded.description`, c.Code, c.Name, c.Description)
		if err != nil {
			return classify("enregistrer la communauté", err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT id FROM communities WHERE code = ?`, c.Code).Scan(&c.ID); err != nil {
			return fmt.Errorf("sqlite: community id: %w", err)
		}
		for _, sid := range c.SkillIDs {
			res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO community_skills (community_id, skill_id) VALUES (?, ?)`, c.ID, sid)
			if err != nil {
				return classify("enregistrer une compétence de la communauté", err)
			}
			if n, _ := res.RowsAffected(); n > 0 {
				changed = true
			}
		}
		q, args := `DELETE FROM community_skills WHERE community_id = ?`, []any{c.ID}
		if len(c.SkillIDs) > 0 {
			q += ` AND skill_id NOT IN (` + placeholders(len(c.SkillIDs)) + `)`
			args = append(args, int64Args(c.SkillIDs)...)
		}
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return classify("retirer des compétences de la communauté", err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			changed = true
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	return changed, nil
}

// FindMembers implements passerelles.CommunityService: one statement for every community
// (a window per community numbers and counts its visible members), plus one count when a
// page lies past the end of some list.
func (s *CommunityService) FindMembers(ctx context.Context, communityIDs []int64, page passerelles.Page) (map[int64]passerelles.MemberPage, error) {
	viewer := passerelles.UserFromContext(ctx)
	if viewer == nil {
		return nil, passerelles.Errorf(passerelles.EUNAUTHENTICATED, "Connectez-vous pour voir les membres.")
	}
	if err := page.Validate(); err != nil {
		return nil, err
	}
	out := make(map[int64]passerelles.MemberPage, len(communityIDs))
	for _, id := range communityIDs {
		out[id] = passerelles.MemberPage{Members: []passerelles.CommunityMember{}}
	}
	if len(communityIDs) == 0 {
		return out, nil
	}
	ids := jsonIDs(communityIDs)
	cond, args := visibleAgent("a", viewer)
	rows, err := s.db.reader.QueryContext(ctx, `SELECT community_id, agent_id, role, joined_at, total FROM (
			SELECT m.community_id, m.agent_id, m.role, m.joined_at,
				ROW_NUMBER() OVER (PARTITION BY m.community_id
					ORDER BY m.role = 'ANIMATOR' DESC, a.usual_name COLLATE NOCASE, a.given_name COLLATE NOCASE, a.id) AS n,
				COUNT(*) OVER (PARTITION BY m.community_id) AS total
			FROM community_members m JOIN agents a ON a.id = m.agent_id
			WHERE m.community_id IN (SELECT value FROM json_each(?)) AND `+cond+`)
		WHERE n > ? AND n <= ? ORDER BY community_id, n`,
		append(append([]any{ids}, args...), page.Offset, page.Offset+page.Limit)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find members: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m passerelles.CommunityMember
		var joined int64
		var total int
		if err := rows.Scan(&m.CommunityID, &m.AgentID, &m.Role, &joined, &total); err != nil {
			return nil, fmt.Errorf("sqlite: find members: %w", err)
		}
		m.JoinedAt = time.UnixMilli(joined).UTC()
		p := out[m.CommunityID]
		p.Members, p.Total = append(p.Members, m), total
		out[m.CommunityID] = p
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: find members: %w", err)
	}
	rows.Close()
	if page.Offset == 0 {
		return out, nil // a list without a row on its first page is empty
	}
	// Past the end of a list the window saw no row: count those lists apart, together.
	var past []int64
	for id, p := range out {
		if len(p.Members) == 0 {
			past = append(past, id)
		}
	}
	if len(past) == 0 {
		return out, nil
	}
	crows, err := s.db.reader.QueryContext(ctx, `SELECT m.community_id, COUNT(*) FROM community_members m JOIN agents a ON a.id = m.agent_id
		WHERE m.community_id IN (SELECT value FROM json_each(?)) AND `+cond+` GROUP BY m.community_id`,
		append([]any{jsonIDs(past)}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: count members: %w", err)
	}
	defer crows.Close()
	for crows.Next() {
		var id int64
		var total int
		if err := crows.Scan(&id, &total); err != nil {
			return nil, fmt.Errorf("sqlite: count members: %w", err)
		}
		p := out[id]
		p.Total = total
		out[id] = p
	}
	if err := crows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: count members: %w", err)
	}
	return out, nil
}

// FindMemberships implements passerelles.CommunityService.
func (s *CommunityService) FindMemberships(ctx context.Context, agentIDs []int64) (map[int64][]passerelles.CommunityMember, error) {
	out := make(map[int64][]passerelles.CommunityMember, len(agentIDs))
	if len(agentIDs) == 0 {
		return out, nil
	}
	rows, err := s.db.reader.QueryContext(ctx, `SELECT m.agent_id, m.community_id, m.role, m.joined_at FROM community_members m
		JOIN communities c ON c.id = m.community_id WHERE m.agent_id IN (SELECT value FROM json_each(?))
		ORDER BY m.agent_id, c.name COLLATE NOCASE`, jsonIDs(agentIDs))
	if err != nil {
		return nil, fmt.Errorf("sqlite: find memberships: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m passerelles.CommunityMember
		var joined int64
		if err := rows.Scan(&m.AgentID, &m.CommunityID, &m.Role, &joined); err != nil {
			return nil, err
		}
		m.JoinedAt = time.UnixMilli(joined).UTC()
		out[m.AgentID] = append(out[m.AgentID], m)
	}
	return out, rows.Err()
}

// ImportMembers implements passerelles.CommunityService.
func (s *CommunityService) ImportMembers(ctx context.Context, members []passerelles.CommunityMember) (int, error) {
	if err := passerelles.RequireSystem(ctx); err != nil {
		return 0, err
	}
	added := 0
	err := s.db.write(ctx, func(tx *Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO community_members (community_id, agent_id, role, joined_at) VALUES (?, ?, ?, ?)`)
		if err != nil {
			return fmt.Errorf("sqlite: prepare members: %w", err)
		}
		defer stmt.Close()
		for _, m := range members {
			if !m.Role.Valid() {
				return passerelles.Errorf(passerelles.EINVALID, "Le rôle de membre « %s » est inconnu.", m.Role)
			}
			if m.JoinedAt.IsZero() {
				m.JoinedAt = tx.now
			}
			res, err := stmt.ExecContext(ctx, m.CommunityID, m.AgentID, string(m.Role), formatTime(m.JoinedAt))
			if err != nil {
				return classify("ajouter un membre", err)
			}
			n, _ := res.RowsAffected()
			added += int(n)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return added, nil
}

// ImportEvents implements passerelles.EventService.
func (s *CommunityService) ImportEvents(ctx context.Context, events []*passerelles.Event) (int, error) {
	if err := passerelles.RequireSystem(ctx); err != nil {
		return 0, err
	}
	for _, e := range events {
		if err := e.Validate(); err != nil {
			return 0, err
		}
	}
	added := 0
	err := s.db.write(ctx, func(tx *Tx) error {
		now := formatTime(tx.now)
		for _, e := range events {
			res, err := tx.ExecContext(ctx, `INSERT INTO events (community_id, title, description, kind, status, format, address,
				online_url, starts_at, ends_at, time_zone, capacity, registration_deadline, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (community_id, title, starts_at) DO NOTHING`,
				e.CommunityID, e.Title, e.Description, string(e.Kind), string(e.Status), string(e.Format), e.Address,
				e.OnlineURL, formatTime(e.StartsAt), formatTime(e.EndsAt), e.TimeZone, e.Capacity,
				nullTime(e.RegistrationDeadline), now, now)
			if err != nil {
				return classify("créer un événement", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue
			}
			added++
			if e.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			for _, sid := range e.SkillIDs {
				if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO event_skills (event_id, skill_id) VALUES (?, ?)`, e.ID, sid); err != nil {
					return classify("lier une compétence à l’événement", err)
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return added, nil
}

// CountUpcomingEvents implements passerelles.EventService.
func (s *CommunityService) CountUpcomingEvents(ctx context.Context, now time.Time) (int, error) {
	var n int
	err := s.db.reader.QueryRowContext(ctx, `SELECT COUNT(*) FROM events WHERE status = 'PUBLISHED' AND starts_at > ?`, formatTime(now)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("sqlite: count events: %w", err)
	}
	return n, nil
}

func nullTime(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: formatTime(t), Valid: true}
}
