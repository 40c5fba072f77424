package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"passerelles"
)

// CommunityService implements passerelles.CommunityService.
type CommunityService struct{ db *DB }

var _ passerelles.CommunityService = (*CommunityService)(nil)

// NewCommunityService returns the community service of db.
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
	if filter.IDs == nil && !filter.IncludeArchived {
		w.add("c.archived_at IS NULL")
	}
	var cs []*passerelles.Community
	var total int
	err := s.db.read(ctx, func(tx *Tx) (err error) {
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM communities c"+w.String(), w.args...).Scan(&total); err != nil {
			return fmt.Errorf("sqlite: count communities: %w", err)
		}
		cs, err = findCommunities(ctx, tx, w.String()+" ORDER BY c.name COLLATE FRENCH LIMIT ? OFFSET ?", append(w.args, filter.Limit, filter.Offset)...)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return cs, total, nil
}

func findCommunities(ctx context.Context, tx *Tx, tail string, args ...any) ([]*passerelles.Community, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.code, c.name, c.description, COALESCE(c.description_html, ''), c.archived_at,
		(SELECT COUNT(*) FROM community_members m WHERE m.community_id = c.id) FROM communities c`+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find communities: %w", err)
	}
	defer rows.Close()
	cs := []*passerelles.Community{}
	byID := map[int64]*passerelles.Community{}
	for rows.Next() {
		c := &passerelles.Community{SkillIDs: []int64{}}
		var archived sql.NullInt64
		if err := rows.Scan(&c.ID, &c.Code, &c.Name, &c.Description, &c.DescriptionHTML, &archived, &c.MemberCount); err != nil {
			return nil, err
		}
		c.ArchivedAt = timeOf(archived)
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
	c.DescriptionHTML, _ = s.db.describe(c.Description)
	var changed bool
	err := s.db.write(ctx, func(tx *Tx) (err error) {
		changed, err = upsert(ctx, tx, `INSERT INTO communities (code, name, description, description_html) VALUES (?, ?, ?, ?)
			ON CONFLICT (code) DO UPDATE SET name = excluded.name, description = excluded.description,
				description_html = excluded.description_html
			WHERE name IS NOT excluded.name OR description IS NOT excluded.description`, c.Code, c.Name, c.Description, c.DescriptionHTML)
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
					ORDER BY m.role = 'ANIMATOR' DESC, a.search_name, a.id) AS n,
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
		ORDER BY m.agent_id, c.name COLLATE FRENCH`, jsonIDs(agentIDs))
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

func nullTime(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: formatTime(t), Valid: true}
}

// findCommunityByID reads one community, archived or not.
func findCommunityByID(ctx context.Context, tx *Tx, id int64) (*passerelles.Community, error) {
	cs, err := findCommunities(ctx, tx, " WHERE c.id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, &passerelles.Error{Code: passerelles.ENOTFOUND, Field: "communityId", Message: "Cette communauté n’existe pas."}
	}
	return cs[0], nil
}

// writeCommunitySkills replaces the skills of the community; an unknown skill is EINVALID
// with its field.
func writeCommunitySkills(ctx context.Context, tx *Tx, c *passerelles.Community) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM community_skills WHERE community_id = ?`, c.ID); err != nil {
		return fmt.Errorf("sqlite: community skills: %w", err)
	}
	for i, sid := range c.SkillIDs {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM skills WHERE id = ?`, sid).Scan(&n); err != nil {
			return fmt.Errorf("sqlite: check skill: %w", err)
		}
		if n == 0 {
			return &passerelles.Error{Code: passerelles.EINVALID, Field: fmt.Sprintf("skillIds.%d", i), Message: "Cette compétence n’existe pas."}
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO community_skills (community_id, skill_id) VALUES (?, ?)`, c.ID, sid); err != nil {
			return classify("enregistrer une compétence de la communauté", err)
		}
	}
	return nil
}

// CreateCommunity implements passerelles.CommunityService.
func (s *CommunityService) CreateCommunity(ctx context.Context, c *passerelles.Community) error {
	if err := passerelles.RequireAdmin(ctx); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	u := passerelles.UserFromContext(ctx)
	c.DescriptionHTML, _ = s.db.describe(c.Description)
	return s.db.write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM communities`).Scan(&n); err != nil {
			return fmt.Errorf("sqlite: count communities: %w", err)
		}
		if n >= passerelles.MaxCommunities {
			return passerelles.Errorf(passerelles.ECONFLICT, "Passerelles compte déjà %d communautés, le plus qu’elle en tienne.", passerelles.MaxCommunities)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO communities (code, name, description, description_html) VALUES (?, ?, ?, ?)`,
			c.Code, c.Name, c.Description, c.DescriptionHTML)
		if err != nil {
			return passerelles.WithField("code", classify("créer la communauté", err))
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := writeCommunitySkills(ctx, tx, c); err != nil {
			return err
		}
		return audit(ctx, tx, u.AgentID, "COMMUNITY_CREATED", 0, fmt.Sprintf("communauté « %s »", c.Code))
	})
}

// UpdateCommunity implements passerelles.CommunityService.
func (s *CommunityService) UpdateCommunity(ctx context.Context, c *passerelles.Community) (*passerelles.Community, error) {
	if err := passerelles.RequireAdmin(ctx); err != nil {
		return nil, err
	}
	u := passerelles.UserFromContext(ctx)
	var out *passerelles.Community
	err := s.db.write(ctx, func(tx *Tx) error {
		cur, err := findCommunityByID(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		c.Code = cur.Code
		if err := c.Validate(); err != nil {
			return err
		}
		c.DescriptionHTML = cur.DescriptionHTML
		if c.Description != cur.Description {
			c.DescriptionHTML, _ = s.db.describe(c.Description)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE communities SET name = ?, description = ?, description_html = ? WHERE id = ?`,
			c.Name, c.Description, c.DescriptionHTML, c.ID); err != nil {
			return classify("modifier la communauté", err)
		}
		if err := writeCommunitySkills(ctx, tx, c); err != nil {
			return err
		}
		if err := audit(ctx, tx, u.AgentID, "COMMUNITY_UPDATED", 0, fmt.Sprintf("communauté « %s »", c.Code)); err != nil {
			return err
		}
		out, err = findCommunityByID(ctx, tx, c.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ArchiveCommunity implements passerelles.CommunityService.
func (s *CommunityService) ArchiveCommunity(ctx context.Context, id int64, archived bool) (*passerelles.Community, error) {
	if err := passerelles.RequireAdmin(ctx); err != nil {
		return nil, err
	}
	u := passerelles.UserFromContext(ctx)
	var out *passerelles.Community
	err := s.db.write(ctx, func(tx *Tx) error {
		cur, err := findCommunityByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if archived == !cur.ArchivedAt.IsZero() {
			out = cur // already so: nothing to record
			return nil
		}
		at, action := sql.NullInt64{Int64: formatTime(tx.now), Valid: true}, "COMMUNITY_ARCHIVED"
		if !archived {
			at, action = sql.NullInt64{}, "COMMUNITY_RESTORED"
		}
		if _, err := tx.ExecContext(ctx, `UPDATE communities SET archived_at = ? WHERE id = ?`, at, id); err != nil {
			return fmt.Errorf("sqlite: archive community: %w", err)
		}
		if err := audit(ctx, tx, u.AgentID, action, 0, fmt.Sprintf("communauté « %s »", cur.Code)); err != nil {
			return err
		}
		out, err = findCommunityByID(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// SetAnimator implements passerelles.CommunityService.
func (s *CommunityService) SetAnimator(ctx context.Context, communityID, agentID int64, animator bool) error {
	if err := passerelles.RequireAdmin(ctx); err != nil {
		return err
	}
	u := passerelles.UserFromContext(ctx)
	return s.db.write(ctx, func(tx *Tx) error {
		c, err := findCommunityByID(ctx, tx, communityID)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM agents WHERE id = ?`, agentID).Scan(&n); err != nil {
			return fmt.Errorf("sqlite: find agent: %w", err)
		}
		if n == 0 {
			return &passerelles.Error{Code: passerelles.ENOTFOUND, Field: "agentId", Message: "Cet agent n’existe pas."}
		}
		var res sql.Result
		action := "ANIMATOR_NAMED"
		if animator {
			if err := c.CheckJoinable(); err != nil {
				return err
			}
			var animators int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM community_members WHERE community_id = ? AND role = 'ANIMATOR' AND agent_id <> ?`,
				communityID, agentID).Scan(&animators); err != nil {
				return fmt.Errorf("sqlite: count animators: %w", err)
			}
			if animators >= passerelles.MaxAnimators {
				return passerelles.Errorf(passerelles.ECONFLICT, "La communauté « %s » a déjà %d animateurs, le plus qu’elle en ait.", c.Name, passerelles.MaxAnimators)
			}
			res, err = tx.ExecContext(ctx, `INSERT INTO community_members (community_id, agent_id, role, joined_at) VALUES (?, ?, 'ANIMATOR', ?)
				ON CONFLICT (community_id, agent_id) DO UPDATE SET role = 'ANIMATOR' WHERE role <> 'ANIMATOR'`,
				communityID, agentID, formatTime(tx.now))
		} else {
			action = "ANIMATOR_REMOVED"
			res, err = tx.ExecContext(ctx, `UPDATE community_members SET role = 'MEMBER' WHERE community_id = ? AND agent_id = ? AND role = 'ANIMATOR'`,
				communityID, agentID)
		}
		if err != nil {
			return classify("changer l’animation de la communauté", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // already so: nothing to record
		}
		return audit(ctx, tx, u.AgentID, action, agentID, fmt.Sprintf("communauté « %s »", c.Code))
	})
}

// JoinCommunity implements passerelles.CommunityService.
func (s *CommunityService) JoinCommunity(ctx context.Context, communityID int64) (*passerelles.Community, error) {
	u, err := requireAgent(ctx)
	if err != nil {
		return nil, err
	}
	var out *passerelles.Community
	err = s.db.write(ctx, func(tx *Tx) error {
		c, err := findCommunityByID(ctx, tx, communityID)
		if err != nil {
			return err
		}
		if err := c.CheckJoinable(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO community_members (community_id, agent_id, role, joined_at) VALUES (?, ?, 'MEMBER', ?)`,
			communityID, u.AgentID, formatTime(tx.now)); err != nil {
			return classify("rejoindre la communauté", err)
		}
		out, err = findCommunityByID(ctx, tx, communityID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// LeaveCommunity implements passerelles.CommunityService.
func (s *CommunityService) LeaveCommunity(ctx context.Context, communityID int64) (*passerelles.Community, error) {
	u, err := requireAgent(ctx)
	if err != nil {
		return nil, err
	}
	var out *passerelles.Community
	err = s.db.write(ctx, func(tx *Tx) error {
		if _, err := findCommunityByID(ctx, tx, communityID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM community_members WHERE community_id = ? AND agent_id = ?`, communityID, u.AgentID)
		if err != nil {
			return fmt.Errorf("sqlite: leave community: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return passerelles.Errorf(passerelles.ENOTFOUND, "Vous n’êtes pas membre de cette communauté.")
		}
		out, err = findCommunityByID(ctx, tx, communityID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FindAnimators implements passerelles.CommunityService.
func (s *CommunityService) FindAnimators(ctx context.Context, communityIDs []int64) (map[int64][]passerelles.CommunityAnimator, error) {
	if passerelles.UserFromContext(ctx) == nil {
		return nil, passerelles.Errorf(passerelles.EUNAUTHENTICATED, "Connectez-vous pour voir les animateurs.")
	}
	out := make(map[int64][]passerelles.CommunityAnimator, len(communityIDs))
	for _, id := range communityIDs {
		out[id] = []passerelles.CommunityAnimator{}
	}
	if len(communityIDs) == 0 {
		return out, nil
	}
	rows, err := s.db.reader.QueryContext(ctx, `SELECT m.community_id, a.id, a.given_name, a.usual_name FROM community_members m
		JOIN agents a ON a.id = m.agent_id WHERE m.community_id IN (SELECT value FROM json_each(?)) AND m.role = 'ANIMATOR'
		ORDER BY m.community_id, a.usual_name COLLATE FRENCH, a.given_name COLLATE FRENCH, a.id`, jsonIDs(communityIDs))
	if err != nil {
		return nil, fmt.Errorf("sqlite: find animators: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a passerelles.CommunityAnimator
		if err := rows.Scan(&a.CommunityID, &a.AgentID, &a.GivenName, &a.UsualName); err != nil {
			return nil, fmt.Errorf("sqlite: find animators: %w", err)
		}
		out[a.CommunityID] = append(out[a.CommunityID], a)
	}
	return out, rows.Err()
}
