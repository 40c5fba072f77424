package sqlite

// Shortlists and saved searches of managers and administrators (passerelles
// shortlist.go): lists of agents with private notes, kept in step with what each owner
// may see (pruneShortlists, run by every write that changes it), and saved talent
// searches that tell the new results of a run.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/RoaringBitmap/roaring/v2"

	"passerelles"
	"passerelles/talent"
)

// ShortlistService implements passerelles.ShortlistService.
type ShortlistService struct{ db *DB }

var _ passerelles.ShortlistService = (*ShortlistService)(nil)

// NewShortlistService returns the shortlists and saved searches of db.
func NewShortlistService(db *DB) *ShortlistService { return &ShortlistService{db: db} }

// touchViewers marks agents whose view of others this write changes without changing
// their own searchable state (an access role granted or revoked): their shortlists are
// checked again before the write commits. Agents marked by touchAgents are checked too,
// as owners and as entries.
func (tx *Tx) touchViewers(ids ...int64) { tx.viewers = append(tx.viewers, ids...) }

// pruneShortlists takes off every shortlist, in the write transaction tx, the entries
// that concern the agents of ids — as the agent on the list or as its owner — and that
// passerelles.StaysOnShortlist no longer keeps, and counts them in their list's
// departed. The domain rule decides, over the owners and agents read here: a change of
// visibility, of hidden organisations, of the organisation an owner's provider asserts
// or of an owner's roles all come through it. DB.write runs it for every write that
// touches agents, so no path can forget it.
func pruneShortlists(ctx context.Context, tx *Tx, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	list := jsonIDs(uniqueIDs(ids))
	rows, err := tx.QueryContext(ctx, `SELECT e.shortlist_id, e.agent_id, s.owner_id FROM shortlist_entries e
		JOIN shortlists s ON s.id = e.shortlist_id WHERE e.agent_id IN (SELECT value FROM json_each(?1))
		UNION SELECT e.shortlist_id, e.agent_id, s.owner_id FROM shortlists s
		JOIN shortlist_entries e ON e.shortlist_id = s.id WHERE s.owner_id IN (SELECT value FROM json_each(?1))`, list)
	if err != nil {
		return fmt.Errorf("sqlite: prune shortlists: %w", err)
	}
	type entry struct{ list, agent, owner int64 }
	var entries []entry
	var people []int64
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.list, &e.agent, &e.owner); err != nil {
			rows.Close()
			return fmt.Errorf("sqlite: prune shortlists: %w", err)
		}
		entries = append(entries, e)
		people = append(people, e.agent, e.owner)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: prune shortlists: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	// Owners as users (asserted organisation, roles) and agents as profiles (visibility,
	// hidden organisations), in one statement.
	rows, err = tx.QueryContext(ctx, `SELECT a.id, a.visibility, COALESCE(a.asserted_organisation_id, 0),
		(SELECT json_group_array(organisation_id) FROM agent_hidden_organisations WHERE agent_id = a.id),
		(SELECT json_group_array(role) FROM agent_access_roles WHERE agent_id = a.id)
		FROM agents a WHERE a.id IN (SELECT value FROM json_each(?))`, jsonIDs(uniqueIDs(people)))
	if err != nil {
		return fmt.Errorf("sqlite: prune shortlists: %w", err)
	}
	type person struct {
		agent  *passerelles.Agent
		hidden []int64
		user   *passerelles.User
	}
	byID := map[int64]person{}
	for rows.Next() {
		a := &passerelles.Agent{}
		u := &passerelles.User{AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent}}
		var hidden, roles string
		if err := rows.Scan(&a.ID, &a.Visibility, &u.OrganisationID, &hidden, &roles); err != nil {
			rows.Close()
			return fmt.Errorf("sqlite: prune shortlists: %w", err)
		}
		u.AgentID, u.Agent = a.ID, a
		p := person{agent: a, user: u}
		var rs []passerelles.AccessRole
		if err := json.Unmarshal([]byte(hidden), &p.hidden); err != nil {
			rows.Close()
			return fmt.Errorf("sqlite: prune shortlists: %w", err)
		}
		if err := json.Unmarshal([]byte(roles), &rs); err != nil {
			rows.Close()
			return fmt.Errorf("sqlite: prune shortlists: %w", err)
		}
		u.AccessRoles = append(u.AccessRoles, rs...)
		byID[a.ID] = p
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: prune shortlists: %w", err)
	}
	var gone [][2]int64
	for _, e := range entries {
		owner, ok1 := byID[e.owner]
		agent, ok2 := byID[e.agent]
		if !ok1 || !ok2 || !passerelles.StaysOnShortlist(owner.user, agent.agent, agent.hidden) {
			gone = append(gone, [2]int64{e.list, e.agent})
		}
	}
	return removeEntries(ctx, tx, gone)
}

// removeEntries deletes the entries (list, agent) of gone, which left their lists, and
// counts them in each list's departed: two statements.
func removeEntries(ctx context.Context, tx *Tx, gone [][2]int64) error {
	if len(gone) == 0 {
		return nil
	}
	b, err := json.Marshal(gone)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE shortlists SET departed = departed +
		(SELECT COUNT(*) FROM json_each(?1) j WHERE j.value ->> 0 = shortlists.id)
		WHERE id IN (SELECT j.value ->> 0 FROM json_each(?1) j)`, string(b)); err != nil {
		return fmt.Errorf("sqlite: shortlist departures: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM shortlist_entries WHERE (shortlist_id, agent_id) IN
		(SELECT j.value ->> 0, j.value ->> 1 FROM json_each(?) j)`, string(b)); err != nil {
		return fmt.Errorf("sqlite: shortlist departures: %w", err)
	}
	return nil
}

// leaveShortlists takes agentID off every shortlist, counted as a departure, and deletes
// the agent's own lists and saved searches: the erasure's part, in its transaction.
func leaveShortlists(ctx context.Context, tx *Tx, agentID int64) error {
	for _, q := range []string{
		`UPDATE shortlists SET departed = departed + 1 WHERE id IN (SELECT shortlist_id FROM shortlist_entries WHERE agent_id = ?)`,
		`DELETE FROM shortlist_entries WHERE agent_id = ?`,
		`DELETE FROM shortlist_entries WHERE shortlist_id IN (SELECT id FROM shortlists WHERE owner_id = ?)`,
		`DELETE FROM shortlists WHERE owner_id = ?`,
		`DELETE FROM saved_searches WHERE owner_id = ?`,
	} {
		if _, err := tx.ExecContext(ctx, q, agentID); err != nil {
			return fmt.Errorf("sqlite: leave shortlists: %w", err)
		}
	}
	return nil
}

func errNoShortlist() error {
	return passerelles.WithField("shortlistId", passerelles.Errorf(passerelles.ENOTFOUND, "Cette liste est introuvable."))
}

func errNoSavedSearch() error {
	return passerelles.WithField("savedSearchId", passerelles.Errorf(passerelles.ENOTFOUND, "Cette recherche enregistrée est introuvable."))
}

// shortlistQuery reads lists of the owner, with where appended: the count of entries
// counts only the agents the owner may see (visibleAgent), as every read of entries
// does, though pruneShortlists keeps no other.
func shortlistQuery(owner *passerelles.User, where string) (string, []any) {
	cond, args := visibleAgent("a", owner)
	return `SELECT s.id, s.owner_id, s.name, s.departed, s.created_at, s.updated_at,
		(SELECT COUNT(*) FROM shortlist_entries e JOIN agents a ON a.id = e.agent_id WHERE e.shortlist_id = s.id AND ` + cond + `)
		FROM shortlists s WHERE s.owner_id = ? ` + where, append(args, owner.AgentID)
}

func scanShortlist(sc interface{ Scan(...any) error }) (*passerelles.Shortlist, error) {
	l := &passerelles.Shortlist{}
	var created, updated int64
	if err := sc.Scan(&l.ID, &l.OwnerID, &l.Name, &l.Departed, &created, &updated, &l.EntryCount); err != nil {
		return nil, err
	}
	l.CreatedAt, l.UpdatedAt = unixMilli(created), unixMilli(updated)
	return l, nil
}

// findShortlist returns the owner's list id, ENOTFOUND for another's.
func findShortlist(ctx context.Context, tx *Tx, owner *passerelles.User, id int64) (*passerelles.Shortlist, error) {
	q, args := shortlistQuery(owner, `AND s.id = ?`)
	l, err := scanShortlist(tx.QueryRowContext(ctx, q, append(args, id)...))
	if err == sql.ErrNoRows {
		return nil, errNoShortlist()
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find shortlist: %w", err)
	}
	return l, nil
}

// FindShortlists implements passerelles.ShortlistService.
func (s *ShortlistService) FindShortlists(ctx context.Context, page passerelles.Page) ([]*passerelles.Shortlist, int, error) {
	owner, err := passerelles.RequireShortlistOwner(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := page.Validate(); err != nil {
		return nil, 0, err
	}
	out := []*passerelles.Shortlist{}
	total := 0
	err = s.db.read(ctx, func(tx *Tx) error {
		q, args := shortlistQuery(owner, `ORDER BY s.name COLLATE FRENCH, s.id LIMIT ? OFFSET ?`)
		rows, err := tx.QueryContext(ctx, q, append(args, page.Limit, page.Offset)...)
		if err != nil {
			return fmt.Errorf("sqlite: find shortlists: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			l, err := scanShortlist(rows)
			if err != nil {
				return fmt.Errorf("sqlite: find shortlists: %w", err)
			}
			out = append(out, l)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("sqlite: find shortlists: %w", err)
		}
		return tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM shortlists WHERE owner_id = ?`, owner.AgentID).Scan(&total)
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// FindShortlist implements passerelles.ShortlistService.
func (s *ShortlistService) FindShortlist(ctx context.Context, id int64) (*passerelles.Shortlist, error) {
	owner, err := passerelles.RequireShortlistOwner(ctx)
	if err != nil {
		return nil, err
	}
	var l *passerelles.Shortlist
	err = s.db.read(ctx, func(tx *Tx) (err error) {
		l, err = findShortlist(ctx, tx, owner, id)
		return err
	})
	return l, err
}

// FindShortlistEntries implements passerelles.ShortlistService: one read whose statements
// do not depend on the number of lists and entries (the count of every list, the page of
// every list, then findProfiles' three for the profiles of every entry).
func (s *ShortlistService) FindShortlistEntries(ctx context.Context, ids []int64, page passerelles.Page) (map[int64][]*passerelles.ShortlistEntry, map[int64]int, error) {
	owner, err := passerelles.RequireShortlistOwner(ctx)
	if err != nil {
		return nil, nil, err
	}
	if err := page.Validate(); err != nil {
		return nil, nil, err
	}
	entries := map[int64][]*passerelles.ShortlistEntry{}
	counts := map[int64]int{}
	err = s.db.read(ctx, func(tx *Tx) error {
		cond, args := visibleAgent("a", owner)
		from := `FROM shortlist_entries e JOIN shortlists s ON s.id = e.shortlist_id JOIN agents a ON a.id = e.agent_id
			WHERE s.owner_id = ? AND e.shortlist_id IN (SELECT value FROM json_each(?)) AND ` + cond
		fromArgs := append([]any{owner.AgentID, jsonIDs(uniqueIDs(ids))}, args...)
		rows, err := tx.QueryContext(ctx, `SELECT e.shortlist_id, COUNT(*) `+from+` GROUP BY e.shortlist_id`, fromArgs...)
		if err != nil {
			return fmt.Errorf("sqlite: shortlist entries: %w", err)
		}
		for rows.Next() {
			var id int64
			var n int
			if err := rows.Scan(&id, &n); err != nil {
				rows.Close()
				return fmt.Errorf("sqlite: shortlist entries: %w", err)
			}
			counts[id] = n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("sqlite: shortlist entries: %w", err)
		}
		if len(counts) == 0 {
			return nil
		}
		rows, err = tx.QueryContext(ctx, `SELECT shortlist_id, agent_id, note, added_at, updated_at FROM (
			SELECT e.shortlist_id, e.agent_id, e.note, e.added_at, e.updated_at,
			ROW_NUMBER() OVER (PARTITION BY e.shortlist_id ORDER BY e.added_at DESC, e.agent_id DESC) AS r `+from+`)
			WHERE r > ? AND r <= ? ORDER BY shortlist_id, r`, append(fromArgs, page.Offset, page.Offset+page.Limit)...)
		if err != nil {
			return fmt.Errorf("sqlite: shortlist entries: %w", err)
		}
		var all []*passerelles.ShortlistEntry
		var agents []int64
		for rows.Next() {
			e := &passerelles.ShortlistEntry{}
			var added, updated int64
			if err := rows.Scan(&e.ShortlistID, &e.AgentID, &e.Note, &added, &updated); err != nil {
				rows.Close()
				return fmt.Errorf("sqlite: shortlist entries: %w", err)
			}
			e.AddedAt, e.UpdatedAt = unixMilli(added), unixMilli(updated)
			all = append(all, e)
			agents = append(agents, e.AgentID)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("sqlite: shortlist entries: %w", err)
		}
		profiles, err := findProfileCards(ctx, tx, owner, uniqueIDs(agents))
		if err != nil {
			return err
		}
		for _, e := range all {
			if e.Profile = profiles[e.AgentID]; e.Profile != nil {
				entries[e.ShortlistID] = append(entries[e.ShortlistID], e)
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	for _, id := range ids {
		if entries[id] == nil {
			entries[id] = []*passerelles.ShortlistEntry{}
		}
	}
	return entries, counts, nil
}

// checkShortlistName returns ECONFLICT when the owner has another list (not except) of
// that name.
func checkShortlistName(ctx context.Context, tx *Tx, ownerID int64, name string, except int64) error {
	var taken bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM shortlists WHERE owner_id = ? AND name = ? AND id <> ?)`,
		ownerID, name, except).Scan(&taken); err != nil {
		return fmt.Errorf("sqlite: shortlist name: %w", err)
	}
	if taken {
		return passerelles.WithField("name", passerelles.Errorf(passerelles.ECONFLICT, "Vous avez déjà une liste nommée « %s ».", passerelles.EchoText(name, 60)))
	}
	return nil
}

// CreateShortlist implements passerelles.ShortlistService.
func (s *ShortlistService) CreateShortlist(ctx context.Context, name string) (*passerelles.Shortlist, error) {
	owner, err := passerelles.RequireShortlistOwner(ctx)
	if err != nil {
		return nil, err
	}
	if err := passerelles.ValidateShortlistName(&name); err != nil {
		return nil, err
	}
	var l *passerelles.Shortlist
	err = s.db.write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM shortlists WHERE owner_id = ?`, owner.AgentID).Scan(&n); err != nil {
			return fmt.Errorf("sqlite: count shortlists: %w", err)
		}
		if err := passerelles.CheckShortlistRoom(n); err != nil {
			return err
		}
		if err := checkShortlistName(ctx, tx, owner.AgentID, name, 0); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO shortlists (owner_id, name, created_at, updated_at) VALUES (?, ?, ?, ?)`,
			owner.AgentID, name, formatTime(tx.now), formatTime(tx.now))
		if err != nil {
			return classify("créer la liste", err)
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		l, err = findShortlist(ctx, tx, owner, id)
		return err
	})
	return l, err
}

// RenameShortlist implements passerelles.ShortlistService.
func (s *ShortlistService) RenameShortlist(ctx context.Context, id int64, name string) (*passerelles.Shortlist, error) {
	owner, err := passerelles.RequireShortlistOwner(ctx)
	if err != nil {
		return nil, err
	}
	if err := passerelles.ValidateShortlistName(&name); err != nil {
		return nil, err
	}
	var l *passerelles.Shortlist
	err = s.db.write(ctx, func(tx *Tx) error {
		if _, err := findShortlist(ctx, tx, owner, id); err != nil {
			return err
		}
		if err := checkShortlistName(ctx, tx, owner.AgentID, name, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE shortlists SET name = ?, updated_at = ? WHERE id = ?`, name, formatTime(tx.now), id); err != nil {
			return classify("renommer la liste", err)
		}
		l, err = findShortlist(ctx, tx, owner, id)
		return err
	})
	return l, err
}

// DeleteShortlist implements passerelles.ShortlistService.
func (s *ShortlistService) DeleteShortlist(ctx context.Context, id int64) error {
	owner, err := passerelles.RequireShortlistOwner(ctx)
	if err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *Tx) error {
		if _, err := findShortlist(ctx, tx, owner, id); err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM shortlist_entries WHERE shortlist_id = ?`, `DELETE FROM shortlists WHERE id = ?`} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return fmt.Errorf("sqlite: delete shortlist: %w", err)
			}
		}
		return nil
	})
}

// findEntry returns the entry of agentID on list id with the agent's profile, ENOTFOUND
// when the agent is not on it (or no longer visible to the owner).
func findEntry(ctx context.Context, tx *Tx, owner *passerelles.User, id, agentID int64) (*passerelles.ShortlistEntry, error) {
	e := &passerelles.ShortlistEntry{ShortlistID: id, AgentID: agentID}
	var added, updated int64
	err := tx.QueryRowContext(ctx, `SELECT note, added_at, updated_at FROM shortlist_entries WHERE shortlist_id = ? AND agent_id = ?`,
		id, agentID).Scan(&e.Note, &added, &updated)
	if err == sql.ErrNoRows {
		return nil, passerelles.WithField("agentId", passerelles.Errorf(passerelles.ENOTFOUND, "Ce profil n’est pas sur cette liste."))
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find shortlist entry: %w", err)
	}
	e.AddedAt, e.UpdatedAt = unixMilli(added), unixMilli(updated)
	ps, err := findProfiles(ctx, tx, owner, []int64{agentID})
	if err != nil {
		return nil, err
	}
	if e.Profile = ps[agentID]; e.Profile == nil {
		return nil, passerelles.WithField("agentId", passerelles.Errorf(passerelles.ENOTFOUND, "Ce profil n’est pas sur cette liste."))
	}
	return e, nil
}

// AddToShortlist implements passerelles.ShortlistService. The profile is checked first
// (ProfileService.writeVisible): an answer about the list after that also tells that the
// profile is visible, so it is recorded as a view whatever it is.
func (s *ShortlistService) AddToShortlist(ctx context.Context, id, agentID int64, note string) (*passerelles.ShortlistEntry, error) {
	owner, err := passerelles.RequireShortlistOwner(ctx)
	if err != nil {
		return nil, err
	}
	if err := passerelles.ValidateShortlistNote(&note); err != nil {
		return nil, err
	}
	var e *passerelles.ShortlistEntry
	err = (&ProfileService{db: s.db}).writeVisible(ctx, owner, agentID, func(tx *Tx) error {
		l, err := findShortlist(ctx, tx, owner, id)
		if err != nil {
			return err
		}
		var on bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM shortlist_entries WHERE shortlist_id = ? AND agent_id = ?)`,
			id, agentID).Scan(&on); err != nil {
			return fmt.Errorf("sqlite: add to shortlist: %w", err)
		}
		if on {
			return passerelles.WithField("agentId", passerelles.Errorf(passerelles.ECONFLICT, "Ce profil est déjà sur la liste « %s ».", passerelles.EchoText(l.Name, 60)))
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM shortlist_entries WHERE shortlist_id = ?`, id).Scan(&n); err != nil {
			return fmt.Errorf("sqlite: add to shortlist: %w", err)
		}
		if err := passerelles.CheckShortlistEntryRoom(n); err != nil {
			return err
		}
		now := formatTime(tx.now)
		if _, err := tx.ExecContext(ctx, `INSERT INTO shortlist_entries (shortlist_id, agent_id, note, added_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
			id, agentID, note, now, now); err != nil {
			return classify("ajouter à la liste", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE shortlists SET updated_at = ? WHERE id = ?`, now, id); err != nil {
			return fmt.Errorf("sqlite: add to shortlist: %w", err)
		}
		e, err = findEntry(ctx, tx, owner, id, agentID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// UpdateShortlistNote implements passerelles.ShortlistService.
func (s *ShortlistService) UpdateShortlistNote(ctx context.Context, id, agentID int64, note string) (*passerelles.ShortlistEntry, error) {
	owner, err := passerelles.RequireShortlistOwner(ctx)
	if err != nil {
		return nil, err
	}
	if err := passerelles.ValidateShortlistNote(&note); err != nil {
		return nil, err
	}
	var e *passerelles.ShortlistEntry
	err = s.db.write(ctx, func(tx *Tx) error {
		if _, err := findShortlist(ctx, tx, owner, id); err != nil {
			return err
		}
		if _, err := findEntry(ctx, tx, owner, id, agentID); err != nil {
			return err
		}
		now := formatTime(tx.now)
		if _, err := tx.ExecContext(ctx, `UPDATE shortlist_entries SET note = ?, updated_at = ? WHERE shortlist_id = ? AND agent_id = ?`,
			note, now, id, agentID); err != nil {
			return classify("modifier la note", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE shortlists SET updated_at = ? WHERE id = ?`, now, id); err != nil {
			return fmt.Errorf("sqlite: update note: %w", err)
		}
		e, err = findEntry(ctx, tx, owner, id, agentID)
		return err
	})
	return e, err
}

// RemoveFromShortlist implements passerelles.ShortlistService.
func (s *ShortlistService) RemoveFromShortlist(ctx context.Context, id, agentID int64) error {
	owner, err := passerelles.RequireShortlistOwner(ctx)
	if err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *Tx) error {
		if _, err := findShortlist(ctx, tx, owner, id); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM shortlist_entries WHERE shortlist_id = ? AND agent_id = ?`, id, agentID)
		if err != nil {
			return fmt.Errorf("sqlite: remove from shortlist: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return passerelles.WithField("agentId", passerelles.Errorf(passerelles.ENOTFOUND, "Ce profil n’est pas sur cette liste."))
		}
		_, err = tx.ExecContext(ctx, `UPDATE shortlists SET updated_at = ? WHERE id = ?`, formatTime(tx.now), id)
		return err
	})
}

// AcknowledgeDepartures implements passerelles.ShortlistService.
func (s *ShortlistService) AcknowledgeDepartures(ctx context.Context, id int64) (*passerelles.Shortlist, error) {
	owner, err := passerelles.RequireShortlistOwner(ctx)
	if err != nil {
		return nil, err
	}
	var l *passerelles.Shortlist
	err = s.db.write(ctx, func(tx *Tx) error {
		if _, err := findShortlist(ctx, tx, owner, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE shortlists SET departed = 0 WHERE id = ?`, id); err != nil {
			return fmt.Errorf("sqlite: acknowledge departures: %w", err)
		}
		l, err = findShortlist(ctx, tx, owner, id)
		return err
	})
	return l, err
}

// Saved searches.

// savedSearch is a saved search as stored, with its kept matches.
type savedSearch struct {
	*passerelles.SavedSearch
	baseline, latest []byte
}

const savedSearchColumns = `id, owner_id, name, filter, created_at, last_run_at, new_count, baseline, latest`

func scanSavedSearch(sc interface{ Scan(...any) error }) (*savedSearch, error) {
	s := &savedSearch{SavedSearch: &passerelles.SavedSearch{}}
	var filter string
	var created, run int64
	if err := sc.Scan(&s.ID, &s.OwnerID, &s.Name, &filter, &created, &run, &s.NewCount, &s.baseline, &s.latest); err != nil {
		return nil, err
	}
	var rec talentFilterRecord
	if err := json.Unmarshal([]byte(filter), &rec); err != nil {
		return nil, fmt.Errorf("saved search %d: filter: %w", s.ID, err)
	}
	s.Filter = filterOf(rec)
	s.CreatedAt, s.LastRunAt = unixMilli(created), unixMilli(run)
	return s, nil
}

// filterOf reads back a filter recorded by recordOf.
func filterOf(r talentFilterRecord) passerelles.TalentFilter {
	skills := func(l []talentSkillRecord) []passerelles.TalentSkill {
		if len(l) == 0 {
			return nil
		}
		out := make([]passerelles.TalentSkill, len(l))
		for i, s := range l {
			out[i] = passerelles.TalentSkill{SkillID: s.SkillID, MinLevel: s.MinLevel, ValidatedOnly: s.ValidatedOnly}
		}
		return out
	}
	return passerelles.TalentFilter{Required: skills(r.Required), Optional: skills(r.Optional), ValidatedOnly: r.ValidatedOnly,
		MinistryIDs: r.MinistryIDs, OrganisationTypes: r.OrganisationTypes, OrganisationIDs: r.OrganisationIDs,
		RegionIDs: r.RegionIDs, GradeCodes: r.GradeCodes, CurrentRoleIDs: r.CurrentRoleIDs,
		CurrentRoleFamilies: r.CurrentRoleFamilies, OpenToMobility: r.OpenToMobility, MobilityFamilies: r.MobilityFamilies,
		MobilityRegionIDs: r.MobilityRegionIDs, WillingToMentor: r.WillingToMentor,
		WantsToDevelopSkillID: r.WantsToDevelopSkillID, Text: r.Text}
}

func findSavedSearch(ctx context.Context, tx *Tx, ownerID, id int64) (*savedSearch, error) {
	s, err := scanSavedSearch(tx.QueryRowContext(ctx, `SELECT `+savedSearchColumns+` FROM saved_searches WHERE id = ? AND owner_id = ?`, id, ownerID))
	if err == sql.ErrNoRows {
		return nil, errNoSavedSearch()
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find saved search: %w", err)
	}
	return s, nil
}

// keptMatches returns the matches of the prepared filter f that viewer finds, as a saved
// search keeps them: every one when they are at most MaxSavedSearchKept, else the best
// ranked that many.
func (s *ShortlistService) keptMatches(ctx context.Context, viewer *passerelles.User, f *passerelles.TalentFilter) (*roaring.Bitmap, error) {
	out := roaring.New()
	err := s.db.read(ctx, func(tx *Tx) error {
		var text *roaring.Bitmap
		if f.Text != "" {
			var err error
			if text, err = matchAgentText(ctx, tx, f.Text); err != nil {
				return err
			}
		}
		q := talent.Query{Scope: passerelles.TalentScopeFor(viewer), Filter: f, Text: text, Today: passerelles.TalentDay(s.db.Now())}
		all := s.db.talent.Matches(q)
		if all.GetCardinality() <= passerelles.MaxSavedSearchKept {
			out = all
			return nil
		}
		q.First = passerelles.MaxSavedSearchKept
		for _, m := range s.db.talent.Search(q).Matches {
			out.Add(uint32(m.AgentID))
		}
		return nil
	})
	out.RunOptimize()
	return out, err
}

func bitmapOf(b []byte) (*roaring.Bitmap, error) {
	out := roaring.New()
	if len(b) == 0 {
		return out, nil
	}
	if err := out.UnmarshalBinary(b); err != nil {
		return nil, fmt.Errorf("sqlite: saved search matches: %w", err)
	}
	return out, nil
}

// FindSavedSearches implements passerelles.ShortlistService.
func (s *ShortlistService) FindSavedSearches(ctx context.Context, page passerelles.Page) ([]*passerelles.SavedSearch, int, error) {
	owner, err := passerelles.RequireShortlistOwner(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := page.Validate(); err != nil {
		return nil, 0, err
	}
	out := []*passerelles.SavedSearch{}
	total := 0
	err = s.db.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+savedSearchColumns+` FROM saved_searches WHERE owner_id = ?
			ORDER BY name COLLATE FRENCH, id LIMIT ? OFFSET ?`, owner.AgentID, page.Limit, page.Offset)
		if err != nil {
			return fmt.Errorf("sqlite: find saved searches: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			ss, err := scanSavedSearch(rows)
			if err != nil {
				return fmt.Errorf("sqlite: find saved searches: %w", err)
			}
			out = append(out, ss.SavedSearch)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("sqlite: find saved searches: %w", err)
		}
		return tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM saved_searches WHERE owner_id = ?`, owner.AgentID).Scan(&total)
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// SaveSearch implements passerelles.ShortlistService: the filter is checked as a search
// checks it, and its current matches are the first run.
func (s *ShortlistService) SaveSearch(ctx context.Context, name string, filter passerelles.TalentFilter) (*passerelles.SavedSearch, error) {
	owner, err := passerelles.RequireShortlistOwner(ctx)
	if err != nil {
		return nil, err
	}
	if err := passerelles.ValidateSavedSearchName(&name); err != nil {
		return nil, err
	}
	q := passerelles.TalentQuery{Filter: filter}
	if err := prepareTalentQuery(ctx, s.db.talent.SkillMaxLevels(), &q); err != nil {
		return nil, passerelles.WithField("filter", err)
	}
	kept, err := s.keptMatches(ctx, owner, &q.Filter)
	if err != nil {
		return nil, err
	}
	matches, err := kept.ToBytes()
	if err != nil {
		return nil, fmt.Errorf("sqlite: save search: %w", err)
	}
	rec, err := json.Marshal(recordOf(&q.Filter))
	if err != nil {
		return nil, fmt.Errorf("sqlite: save search: %w", err)
	}
	var out *passerelles.SavedSearch
	err = s.db.write(ctx, func(tx *Tx) error {
		var n int
		var taken bool
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(name = ?), 0) > 0 FROM saved_searches WHERE owner_id = ?`,
			name, owner.AgentID).Scan(&n, &taken); err != nil {
			return fmt.Errorf("sqlite: save search: %w", err)
		}
		if err := passerelles.CheckSavedSearchRoom(n); err != nil {
			return err
		}
		if taken {
			return passerelles.WithField("name", passerelles.Errorf(passerelles.ECONFLICT, "Vous avez déjà une recherche nommée « %s ».", passerelles.EchoText(name, 60)))
		}
		now := formatTime(tx.now)
		res, err := tx.ExecContext(ctx, `INSERT INTO saved_searches (owner_id, name, filter, created_at, last_run_at, baseline, latest)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, owner.AgentID, name, string(rec), now, now, matches, matches)
		if err != nil {
			return classify("enregistrer la recherche", err)
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		ss, err := findSavedSearch(ctx, tx, owner.AgentID, id)
		if err != nil {
			return err
		}
		out = ss.SavedSearch
		return nil
	})
	return out, err
}

// DeleteSavedSearch implements passerelles.ShortlistService.
func (s *ShortlistService) DeleteSavedSearch(ctx context.Context, id int64) error {
	owner, err := passerelles.RequireShortlistOwner(ctx)
	if err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM saved_searches WHERE id = ? AND owner_id = ?`, id, owner.AgentID)
		if err != nil {
			return fmt.Errorf("sqlite: delete saved search: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errNoSavedSearch()
		}
		return nil
	})
}

// RunSavedSearch implements passerelles.ShortlistService. The page is SearchTalent's
// (recorded as a search); a run from the first page then keeps its matches (keptMatches)
// as the latest and the previous latest as the baseline, in one write.
func (s *ShortlistService) RunSavedSearch(ctx context.Context, id int64, first int, after *passerelles.TalentCursor, facets bool) (*passerelles.SavedSearchRun, error) {
	owner, err := passerelles.RequireShortlistOwner(ctx)
	if err != nil {
		return nil, err
	}
	var ss *savedSearch
	if err := s.db.read(ctx, func(tx *Tx) (err error) {
		ss, err = findSavedSearch(ctx, tx, owner.AgentID, id)
		return err
	}); err != nil {
		return nil, err
	}
	res, err := NewTalentService(s.db).SearchTalent(ctx, passerelles.TalentQuery{Filter: ss.Filter, First: first, After: after, Facets: facets})
	if err != nil {
		return nil, err
	}
	run := &passerelles.SavedSearchRun{TalentResults: res, New: map[int64]bool{}, NewCount: ss.NewCount}
	var before *roaring.Bitmap
	if after != nil {
		// A later page of the last run: compared with the same run before.
		if before, err = bitmapOf(ss.baseline); err != nil {
			return nil, err
		}
	} else {
		if before, err = bitmapOf(ss.latest); err != nil {
			return nil, err
		}
		q := passerelles.TalentQuery{Filter: ss.Filter}
		if err := prepareTalentQuery(ctx, s.db.talent.SkillMaxLevels(), &q); err != nil {
			return nil, err
		}
		kept, err := s.keptMatches(ctx, owner, &q.Filter)
		if err != nil {
			return nil, err
		}
		run.NewCount = int(roaring.AndNot(kept, before).GetCardinality())
		latest, err := kept.ToBytes()
		if err != nil {
			return nil, fmt.Errorf("sqlite: run saved search: %w", err)
		}
		// Only over the run it compared with: when another run of the same search (a
		// second tab, a double click) stored its matches since this one read them, that
		// run's write stands, made against the same baseline, and this one answers the same.
		if err := s.db.write(ctx, func(tx *Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE saved_searches SET baseline = latest, latest = ?, new_count = ?, last_run_at = ?
				WHERE id = ? AND owner_id = ? AND latest = ?`, latest, run.NewCount, formatTime(tx.now), id, owner.AgentID, ss.latest)
			return err
		}); err != nil {
			return nil, fmt.Errorf("sqlite: run saved search: %w", err)
		}
	}
	for _, m := range res.Matches {
		run.New[m.AgentID] = !before.Contains(uint32(m.AgentID))
	}
	return run, nil
}

// exportShortlists fills what the shortlists hold about the agent: the lists they are on
// (by owner and name, without the notes, which are the owner's), and the agent's own
// lists, with their notes, and saved searches.
func exportShortlists(ctx context.Context, tx *Tx, agentID int64, x *passerelles.DataExport) error {
	if err := exportRows(ctx, tx, `SELECT s.owner_id, COALESCE(TRIM(o.given_name || ' ' || o.usual_name), ''),
		COALESCE(o.organisation_label, ''), s.name, e.added_at
		FROM shortlist_entries e JOIN shortlists s ON s.id = e.shortlist_id JOIN agents o ON o.id = s.owner_id
		WHERE e.agent_id = ? ORDER BY e.added_at, s.id`, agentID, func(scan func(...any) error) error {
		var l passerelles.ExportedShortlisting
		var owner, at int64
		err := scan(&owner, &l.OwnerName, &l.OwnerOrganisation, &l.Shortlist, &at)
		l.OwnerID, l.AddedAt = optInt64(owner), unixMilli(at)
		x.OnShortlists = append(x.OnShortlists, l)
		return err
	}); err != nil {
		return err
	}
	index := map[int64]int{}
	if err := exportRows(ctx, tx, `SELECT id, name, created_at, updated_at FROM shortlists WHERE owner_id = ? ORDER BY created_at, id`,
		agentID, func(scan func(...any) error) error {
			var id, created, updated int64
			l := passerelles.ExportedShortlist{Entries: []passerelles.ExportedShortlistEntry{}}
			err := scan(&id, &l.Name, &created, &updated)
			l.CreatedAt, l.UpdatedAt = unixMilli(created), unixMilli(updated)
			index[id] = len(x.Shortlists)
			x.Shortlists = append(x.Shortlists, l)
			return err
		}); err != nil {
		return err
	}
	if err := exportRows(ctx, tx, `SELECT e.shortlist_id, e.agent_id, e.note, e.added_at, e.updated_at FROM shortlist_entries e
		JOIN shortlists s ON s.id = e.shortlist_id WHERE s.owner_id = ? ORDER BY e.shortlist_id, e.added_at, e.agent_id`,
		agentID, func(scan func(...any) error) error {
			var list, agent, added, updated int64
			var e passerelles.ExportedShortlistEntry
			err := scan(&list, &agent, &e.Note, &added, &updated)
			e.AgentID, e.AddedAt, e.UpdatedAt = optInt64(agent), unixMilli(added), unixMilli(updated)
			if i, ok := index[list]; ok {
				x.Shortlists[i].Entries = append(x.Shortlists[i].Entries, e)
			}
			return err
		}); err != nil {
		return err
	}
	return exportRows(ctx, tx, `SELECT name, filter, created_at, last_run_at FROM saved_searches WHERE owner_id = ? ORDER BY created_at, id`,
		agentID, func(scan func(...any) error) error {
			var s passerelles.ExportedSavedSearch
			var filter string
			var created, run int64
			err := scan(&s.Name, &filter, &created, &run)
			s.Filter = json.RawMessage(filter)
			s.CreatedAt, s.LastRunAt = unixMilli(created), unixMilli(run)
			x.SavedSearches = append(x.SavedSearches, s)
			return err
		})
}
