package sqlite

// Talent search (passerelles talent.go): the in-memory index of package talent, built at
// start from SQLite and handed, after each committed write, the new state of the agents
// the write changed (Tx.touchAgents); free text through FTS5 (agents_fts, rows written
// by the store with folded text); a plain-SQL implementation of the same search, which
// tests compare with the index on random filters over random data; and the audit of
// searches by managers and administrators.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/hashicorp/golang-lru/v2/simplelru"
	"golang.org/x/text/unicode/norm"

	"passerelles"
	"passerelles/talent"
)

// touchAgents marks agents whose searchable state this write changes (profile, skills,
// levels, validations, evidence, names, erasure): before the write commits, their search
// text is written again; once it commits, the talent index gets their new state (or
// forgets them), before the write returns. Every write of the store that changes what a
// search reads calls it, so that the next search sees the write.
func (tx *Tx) touchAgents(ids ...int64) { tx.touched = append(tx.touched, ids...) }

// touchReferentials marks a write that changes a referential (every upsert of one that
// changed something calls it): once it commits, the talent index reads again what it
// keeps of them (an organisation's ministry or type, a role's family, a skill's scale),
// and the referentials' version (DB.ReferentialsVersion) changes, so that copies kept in
// memory are read again.
func (tx *Tx) touchReferentials() { tx.referentials = true }

// talentUpdate is what a committed write hands the index.
type talentUpdate struct {
	agents  []*talent.Agent
	removed []int64
	refs    *talent.Referentials
}

// prepareTalentUpdate runs in the write transaction, after fn and before the commit: it
// rewrites the search text of the touched agents and reads what the index must hold of
// them, and the referentials when they changed.
func (db *DB) prepareTalentUpdate(ctx context.Context, tx *Tx) (*talentUpdate, error) {
	if len(tx.touched) == 0 && !tx.referentials {
		return nil, nil
	}
	u := &talentUpdate{}
	if len(tx.touched) > 0 {
		ids := uniqueIDs(tx.touched)
		if err := writeAgentText(ctx, tx, ids); err != nil {
			return nil, err
		}
		agents, err := loadTalentAgents(ctx, tx, ids)
		if err != nil {
			return nil, err
		}
		found := make(map[int64]bool, len(agents))
		for _, a := range agents {
			found[a.ID] = true
		}
		for _, id := range ids {
			if !found[id] {
				u.removed = append(u.removed, id)
			}
		}
		u.agents = agents
	}
	if tx.referentials {
		refs, err := loadTalentReferentials(ctx, tx)
		if err != nil {
			return nil, err
		}
		u.refs = &refs
	}
	return u, nil
}

// apply hands a committed write to the index.
func (u *talentUpdate) apply(ix *talent.Index) {
	if u == nil || ix == nil {
		return
	}
	if u.refs != nil {
		ix.SetReferentials(*u.refs)
	}
	if len(u.agents) > 0 || len(u.removed) > 0 {
		ix.Put(u.agents, u.removed)
	}
}

// querier is a transaction or a pool.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// loadTalentAgents reads what the index holds of the agents of ids, ordered by id.
func loadTalentAgents(ctx context.Context, q querier, ids []int64) ([]*talent.Agent, error) {
	var out []*talent.Agent
	err := scanTalentAgents(ctx, q, ids, func(a *talent.Agent) error {
		out = append(out, a)
		return nil
	})
	return out, err
}

// scanTalentAgents reads what the index holds of the agents of ids (of every agent when
// ids is nil), in two statements walked together in the order of agent ids, and hands
// each agent to emit as soon as its declarations are read: building the index at start
// never holds every declaration in memory at once (1.3 million at 100 000 agents).
func scanTalentAgents(ctx context.Context, q querier, ids []int64, emit func(*talent.Agent) error) error {
	where, args := "", []any{}
	if ids != nil {
		where, args = ` WHERE a.id IN (SELECT value FROM json_each(?))`, []any{jsonIDs(ids)}
	}
	rows, err := q.QueryContext(ctx, `SELECT a.id, COALESCE(a.organisation_id, 0), COALESCE(a.region_id, 0),
		COALESCE(a.grade_code, ''), COALESCE(a.current_role_id, 0), a.visibility, a.open_to_mobility, a.willing_to_mentor,
		(SELECT json_group_array(organisation_id) FROM agent_hidden_organisations WHERE agent_id = a.id),
		(SELECT json_group_array(family) FROM agent_mobility_families WHERE agent_id = a.id),
		(SELECT json_group_array(region_id) FROM agent_mobility_regions WHERE agent_id = a.id)
		FROM agents a`+where+` ORDER BY a.id`, args...)
	if err != nil {
		return fmt.Errorf("sqlite: load talent agents: %w", err)
	}
	defer rows.Close()
	where = ""
	if ids != nil {
		where = ` WHERE agent_id IN (SELECT value FROM json_each(?))`
	}
	srows, err := q.QueryContext(ctx, `SELECT agent_id, skill_id, level, COALESCE(validated_level, 0), wants_to_develop,
		MAX(updated_at, COALESCE(validated_at, 0)) FROM agent_skills`+where+` ORDER BY agent_id, skill_id`, args...)
	if err != nil {
		return fmt.Errorf("sqlite: load talent declarations: %w", err)
	}
	defer srows.Close()
	// The declaration read ahead of the current agent: both lists are ordered by agent id.
	var nextAgent int64
	var next talent.Declaration
	more := true
	readDeclaration := func() error {
		if !srows.Next() {
			more = false
			return srows.Err()
		}
		var changed int64
		if err := srows.Scan(&nextAgent, &next.SkillID, &next.Level, &next.ValidatedLevel, &next.WantsToDevelop, &changed); err != nil {
			return err
		}
		next.ChangedDay = passerelles.TalentDay(time.UnixMilli(changed))
		return nil
	}
	if err := readDeclaration(); err != nil {
		return fmt.Errorf("sqlite: load talent declarations: %w", err)
	}
	for rows.Next() {
		a := &talent.Agent{}
		var hidden, families, regions string
		if err := rows.Scan(&a.ID, &a.OrganisationID, &a.RegionID, &a.GradeCode, &a.CurrentRoleID, &a.Visibility,
			&a.OpenToMobility, &a.WillingToMentor, &hidden, &families, &regions); err != nil {
			return fmt.Errorf("sqlite: load talent agents: %w", err)
		}
		for _, l := range []struct {
			text string
			into any
		}{{hidden, &a.HiddenFrom}, {families, &a.MobilityFamilies}, {regions, &a.MobilityRegionIDs}} {
			if l.text == "[]" {
				continue
			}
			if err := json.Unmarshal([]byte(l.text), l.into); err != nil {
				return fmt.Errorf("sqlite: load talent agents: %w", err)
			}
		}
		for more && nextAgent <= a.ID {
			if nextAgent == a.ID {
				a.Skills = append(a.Skills, next)
			}
			if err := readDeclaration(); err != nil {
				return fmt.Errorf("sqlite: load talent declarations: %w", err)
			}
		}
		if err := emit(a); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: load talent agents: %w", err)
	}
	return nil
}

// loadTalentReferentials reads the facts of the referentials the index needs.
func loadTalentReferentials(ctx context.Context, q querier) (talent.Referentials, error) {
	refs := talent.Referentials{OrganisationMinistry: map[int64]int64{}, OrganisationType: map[int64]passerelles.OrganisationType{},
		RoleFamily: map[int64]passerelles.RoleFamily{}, SkillMaxLevel: map[int64]int{}}
	rows, err := q.QueryContext(ctx, `SELECT 'o', id, ministry_id, type FROM organisations
		UNION ALL SELECT 'r', id, 0, family FROM roles
		UNION ALL SELECT 's', s.id, COALESCE((SELECT MAX(value) FROM framework_levels l WHERE l.framework_id = s.framework_id), 0), '' FROM skills s`)
	if err != nil {
		return refs, fmt.Errorf("sqlite: load talent referentials: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, text string
		var id, n int64
		if err := rows.Scan(&kind, &id, &n, &text); err != nil {
			return refs, fmt.Errorf("sqlite: load talent referentials: %w", err)
		}
		switch kind {
		case "o":
			refs.OrganisationMinistry[id], refs.OrganisationType[id] = n, passerelles.OrganisationType(text)
		case "r":
			refs.RoleFamily[id] = passerelles.RoleFamily(text)
		case "s":
			refs.SkillMaxLevel[id] = int(n)
		}
	}
	return refs, rows.Err()
}

// agentTextFold names the folding of the rows of agents_fts: when it changes (a newer
// Unicode version in golang.org/x/text, or a change of FoldForSearch), Open writes every
// row again.
var agentTextFold = "1/" + norm.Version

// writeAgentText writes again the search rows of the agents of ids: names, presentation
// and evidence titles, folded by passerelles.FoldForSearch. An agent that no longer
// exists loses their row.
func writeAgentText(ctx context.Context, tx *Tx, ids []int64) error {
	for start := 0; start < len(ids); start += 10_000 {
		chunk := jsonIDs(ids[start:min(start+10_000, len(ids))])
		if _, err := tx.ExecContext(ctx, `DELETE FROM agents_fts WHERE rowid IN (SELECT value FROM json_each(?))`, chunk); err != nil {
			return fmt.Errorf("sqlite: index agent text: %w", err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT a.id, a.given_name || ' ' || a.usual_name, a.bio,
			COALESCE((SELECT group_concat(e.title, ' ') FROM agent_skill_evidence e WHERE e.agent_id = a.id), '')
			FROM agents a WHERE a.id IN (SELECT value FROM json_each(?))`, chunk)
		if err != nil {
			return fmt.Errorf("sqlite: index agent text: %w", err)
		}
		type row struct {
			id                   int64
			names, bio, evidence string
		}
		var todo []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.names, &r.bio, &r.evidence); err != nil {
				rows.Close()
				return fmt.Errorf("sqlite: index agent text: %w", err)
			}
			todo = append(todo, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("sqlite: index agent text: %w", err)
		}
		ins := newBulkInsert(tx, `INSERT INTO agents_fts (rowid, names, bio, evidence) VALUES `, 4)
		for _, r := range todo {
			if err := ins.add(ctx, r.id, passerelles.FoldForSearch(r.names), passerelles.FoldForSearch(r.bio), passerelles.FoldForSearch(r.evidence)); err != nil {
				ins.close()
				return fmt.Errorf("sqlite: index agent text: %w", err)
			}
		}
		err = ins.flush(ctx)
		ins.close()
		if err != nil {
			return fmt.Errorf("sqlite: index agent text: %w", err)
		}
	}
	return nil
}

// refreshAgentText writes every agent's search row when the rows were written by another
// folding (agentTextFold), or not at all (migration 0008 starts the index empty).
func (db *DB) refreshAgentText(ctx context.Context) error {
	var cur string
	err := db.writer.QueryRowContext(ctx, `SELECT value FROM app_settings WHERE key = 'agents_fts_fold'`).Scan(&cur)
	if err != nil && err != sql.ErrNoRows {
		return fmt.Errorf("sqlite: agent text fold: %w", err)
	}
	if cur == agentTextFold {
		return nil
	}
	return db.write(ctx, func(tx *Tx) error {
		var ids []int64
		rows, err := tx.QueryContext(ctx, `SELECT id FROM agents ORDER BY id`)
		if err != nil {
			return fmt.Errorf("sqlite: agent text: %w", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM agents_fts`); err != nil {
			return fmt.Errorf("sqlite: agent text: %w", err)
		}
		if err := writeAgentText(ctx, tx, ids); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO app_settings (key, value) VALUES ('agents_fts_fold', ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, agentTextFold)
		return err
	})
}

// buildTalentIndex builds the talent index from the database (at start).
func (db *DB) buildTalentIndex(ctx context.Context) error {
	start := time.Now()
	err := db.read(ctx, func(tx *Tx) error {
		refs, err := loadTalentReferentials(ctx, tx)
		if err != nil {
			return err
		}
		ix := talent.New(refs)
		batch := make([]*talent.Agent, 0, 1000)
		err = scanTalentAgents(ctx, tx, nil, func(a *talent.Agent) error {
			if batch = append(batch, a); len(batch) == cap(batch) {
				ix.Put(batch, nil)
				batch = batch[:0]
			}
			return nil
		})
		if err != nil {
			return err
		}
		ix.Put(batch, nil)
		ix.Optimize()
		db.talent = ix
		return nil
	})
	db.TalentBuildTime = time.Since(start)
	// Return to the system what the build read and let go of, once, so that the server's
	// memory is the index's and not the build's (Go would give it back only slowly).
	debug.FreeOSMemory()
	return err
}

// TalentService implements passerelles.TalentService over the talent index.
type TalentService struct{ db *DB }

var _ passerelles.TalentService = (*TalentService)(nil)

// NewTalentService returns the talent search of db.
func NewTalentService(db *DB) *TalentService { return &TalentService{db: db} }

// prepareTalentQuery validates q, checks its skills and levels against the referentials
// and sets each skill's MaxLevel.
func prepareTalentQuery(ctx context.Context, refs map[int64]int, q *passerelles.TalentQuery) error {
	if q.First < 0 || q.First > passerelles.MaxPageSize {
		return passerelles.Errorf(passerelles.EINVALID, "Une page contient entre 0 et %d résultats.", passerelles.MaxPageSize)
	}
	f := &q.Filter
	if err := f.Validate(); err != nil {
		return err
	}
	f.Required, f.Optional = slices.Clone(f.Required), slices.Clone(f.Optional)
	for _, l := range []struct {
		name   string
		skills []passerelles.TalentSkill
	}{{"required", f.Required}, {"optional", f.Optional}} {
		for i := range l.skills {
			s := &l.skills[i]
			top, ok := refs[s.SkillID]
			if !ok {
				return passerelles.WithField(fmt.Sprintf("%s.%d.skillId", l.name, i), passerelles.Errorf(passerelles.EINVALID, "Une compétence demandée n’existe pas."))
			}
			if s.MinLevel > top {
				return passerelles.WithField(fmt.Sprintf("%s.%d.minLevel", l.name, i),
					passerelles.Errorf(passerelles.EINVALID, "Le niveau minimum %d dépasse l’échelle de la compétence (%d niveaux).", s.MinLevel, top))
			}
			s.MaxLevel = top
		}
	}
	if id := f.WantsToDevelopSkillID; id != 0 {
		if _, ok := refs[id]; !ok {
			return passerelles.WithField("wantsToDevelopSkillId", passerelles.Errorf(passerelles.EINVALID, "La compétence à développer n’existe pas."))
		}
	}
	return nil
}

// SearchTalent implements passerelles.TalentService: the index finds, counts and ranks
// the matches (FTS5 the free text); one read then loads the page's profiles (three
// statements whatever its size), and a manager's or administrator's search is recorded.
func (s *TalentService) SearchTalent(ctx context.Context, q passerelles.TalentQuery) (*passerelles.TalentResults, error) {
	viewer, err := viewerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := prepareTalentQuery(ctx, s.db.talent.SkillMaxLevels(), &q); err != nil {
		return nil, err
	}
	now := s.db.Now()
	textVersion := s.db.texts.version.Load() // before the snapshot the text is matched in
	var res talent.Result
	var out *passerelles.TalentResults
	recorded := func() error { return nil }
	err = s.db.read(ctx, func(tx *Tx) error {
		var text *roaring.Bitmap
		if q.Filter.Text != "" {
			var err error
			if text, err = s.db.texts.match(ctx, tx, textVersion, q.Filter.Text); err != nil {
				return err
			}
		}
		res = s.db.talent.Search(talent.Query{Scope: passerelles.TalentScopeFor(viewer), Filter: &q.Filter, Text: text,
			Today: passerelles.TalentDay(now), First: q.First, After: q.After, Facets: q.Facets})
		// The number of results is known: the audit entry is committed while the page's
		// profiles are read, and the search answers once both are done.
		var err error
		if recorded, err = s.recordSearch(viewer, q, res.TotalCount); err != nil {
			return err
		}
		out, err = withProfiles(ctx, tx, viewer, res)
		return err
	})
	if rerr := recorded(); err == nil {
		err = rerr
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// withProfiles completes a page of matches with their profiles, as the viewer may see
// them (SeeProfile); a match whose profile is no longer visible leaves the page.
func withProfiles(ctx context.Context, tx *Tx, viewer *passerelles.User, res talent.Result) (*passerelles.TalentResults, error) {
	out := &passerelles.TalentResults{TotalCount: res.TotalCount, HasNextPage: res.HasNextPage, Facets: res.Facets,
		Matches: make([]passerelles.TalentMatch, 0, len(res.Matches))}
	if len(res.Matches) == 0 {
		return out, nil
	}
	ids := make([]int64, len(res.Matches))
	for i, m := range res.Matches {
		ids[i] = m.AgentID
	}
	profiles, err := findProfileCards(ctx, tx, viewer, ids)
	if err != nil {
		return nil, err
	}
	for _, m := range res.Matches {
		if m.Profile = profiles[m.AgentID]; m.Profile != nil {
			out.Matches = append(out.Matches, m)
		}
	}
	return out, nil
}

// textMatches keeps the agents matching the last free texts searched, by FTS5 query:
// the pages of one search, and the searches that refine other criteria, repeat the same
// text, and FTS5 costs several milliseconds for common prefixes at 100 000 agents. Every
// committed write that rewrites search rows (Tx.touchAgents) changes the version, which
// drops every copy; the version is read before the FTS5 query, so a copy is never
// stamped with a version newer than its data, and the next search after a write sees it.
type textMatches struct {
	version atomic.Uint64
	mu      sync.Mutex
	lru     *simplelru.LRU[string, textMatch]
}

type textMatch struct {
	version uint64
	agents  *roaring.Bitmap // shared: only read
}

// textMatchesKept bounds the texts kept (a bitmap of at most an eighth of a byte per agent).
const textMatchesKept = 64

func newTextMatches() *textMatches {
	lru, _ := simplelru.NewLRU[string, textMatch](textMatchesKept, nil) // fails only for a size ≤ 0
	return &textMatches{lru: lru}
}

// changed drops the copies: a committed write rewrote search rows.
func (t *textMatches) changed() { t.version.Add(1) }

// match returns the agents whose search row matches text (matchAgentText) in tx, from a
// copy of version when one is kept; version is t's, read before tx's snapshot began. The
// bitmap is shared: callers only read it.
func (t *textMatches) match(ctx context.Context, tx *Tx, version uint64, text string) (*roaring.Bitmap, error) {
	fq := ftsQuery(text)
	t.mu.Lock()
	m, ok := t.lru.Get(fq)
	t.mu.Unlock()
	if ok && m.version == version {
		return m.agents, nil
	}
	agents, err := matchAgentText(ctx, tx, text)
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	if cur, ok := t.lru.Peek(fq); !ok || cur.version <= version {
		t.lru.Add(fq, textMatch{version: version, agents: agents})
	}
	t.mu.Unlock()
	return agents, nil
}

// matchAgentText returns the agents whose search row matches text (every word as a
// prefix, after folding and light stemming, as skill search reads its text): user text
// never reaches FTS5 as syntax.
func matchAgentText(ctx context.Context, tx *Tx, text string) (*roaring.Bitmap, error) {
	out := roaring.New()
	fq := ftsQuery(text)
	if fq == "" {
		return out, nil // no word: nothing matches, as in skill search
	}
	// One row holding every id: a row per match would cost a round trip through cgo each
	// (about 0.5 µs, 10 ms for a common word at 100 000 agents).
	var list sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT group_concat(rowid) FROM agents_fts WHERE agents_fts MATCH ?`, fq).Scan(&list); err != nil {
		return nil, fmt.Errorf("sqlite: match agent text: %w", err)
	}
	s := list.String
	buf := make([]uint32, 0, strings.Count(s, ",")+1)
	for s != "" {
		var n string
		n, s, _ = strings.Cut(s, ",")
		id, err := strconv.ParseUint(n, 10, 32)
		if err != nil {
			return nil, fmt.Errorf("sqlite: match agent text: %w", err)
		}
		buf = append(buf, uint32(id))
	}
	out.AddMany(buf)
	return out, nil
}

// recordSearch records a search of a manager or administrator (RecordsSearch): who, when
// (the transaction's time), the filter and the number of results, in the audit log. It
// queues the entry (searchAudit: the entries of concurrent searches share one commit)
// and returns the function that waits until it is committed, which the search calls
// before it answers.
func (s *TalentService) recordSearch(viewer *passerelles.User, q passerelles.TalentQuery, total int) (func() error, error) {
	if !passerelles.RecordsSearch(viewer) {
		return func() error { return nil }, nil
	}
	details, err := json.Marshal(struct {
		Filter  talentFilterRecord `json:"filter"`
		Results int                `json:"results"`
	}{recordOf(&q.Filter), total})
	if err != nil {
		return nil, fmt.Errorf("sqlite: record search: %w", err)
	}
	return s.db.searches.record(searchEntry{actor: viewer.AgentID, details: string(details)})
}

// searchAudit writes the audit entries of searches by group commit: a search waits until
// its entry is committed, as before, but the entries that arrive while one transaction
// commits go together in the next one. A commit is durable (synchronous=FULL: an fsync),
// and one per search made the fsync the ceiling of concurrent searches; grouped, 8
// concurrent searches cost one or two commits instead of 8, and nothing is acknowledged
// before it is on disk. The entries of a group share the instant of their transaction.
type searchAudit struct {
	mu      sync.Mutex
	pending []searchEntry
	wake    chan struct{} // one token: entries are pending
	stopped bool
}

// searchEntry is one search to record, and where to tell its searcher it is committed.
type searchEntry struct {
	actor   int64
	details string
	done    chan error
}

// maxSearchGroup bounds the entries of one transaction.
const maxSearchGroup = 256

func newSearchAudit() *searchAudit { return &searchAudit{wake: make(chan struct{}, 1)} }

// record queues e and returns the function that waits for its commit.
func (a *searchAudit) record(e searchEntry) (func() error, error) {
	e.done = make(chan error, 1)
	a.mu.Lock()
	if a.stopped {
		a.mu.Unlock()
		return nil, fmt.Errorf("sqlite: record search: database closed")
	}
	a.pending = append(a.pending, e)
	a.mu.Unlock()
	select {
	case a.wake <- struct{}{}:
	default: // the writer is already told
	}
	// The commit is bounded by the busy timeout: no need to leave early.
	return func() error { return <-e.done }, nil
}

// run writes the queued entries, a group per transaction, until db closes; then it
// writes what is left and refuses new entries.
func (a *searchAudit) run(db *DB) {
	for {
		select {
		case <-a.wake:
		case <-db.closing:
			a.mu.Lock()
			a.stopped = true
			a.mu.Unlock()
			for a.commitGroup(db) {
			}
			return
		}
		for a.commitGroup(db) {
		}
	}
}

// commitGroup commits the pending entries (at most maxSearchGroup) in one transaction
// and tells their searchers; it reports whether there were any.
func (a *searchAudit) commitGroup(db *DB) bool {
	a.mu.Lock()
	n := min(len(a.pending), maxSearchGroup)
	group := slices.Clone(a.pending[:n])
	a.pending = a.pending[n:]
	a.mu.Unlock()
	if n == 0 {
		return false
	}
	ctx := context.Background()
	err := db.write(ctx, func(tx *Tx) error {
		for _, e := range group {
			if err := audit(ctx, tx, e.actor, "TALENT_SEARCHED", 0, e.details); err != nil {
				return err
			}
		}
		return nil
	})
	for _, e := range group {
		e.done <- err
	}
	return true
}

// talentFilterRecord is a filter as the audit log keeps it.
type talentFilterRecord struct {
	Required              []talentSkillRecord            `json:"required,omitempty"`
	Optional              []talentSkillRecord            `json:"optional,omitempty"`
	ValidatedOnly         bool                           `json:"validatedOnly,omitempty"`
	MinistryIDs           []int64                        `json:"ministryIds,omitempty"`
	OrganisationTypes     []passerelles.OrganisationType `json:"organisationTypes,omitempty"`
	OrganisationIDs       []int64                        `json:"organisationIds,omitempty"`
	RegionIDs             []int64                        `json:"regionIds,omitempty"`
	GradeCodes            []string                       `json:"gradeCodes,omitempty"`
	CurrentRoleIDs        []int64                        `json:"currentRoleIds,omitempty"`
	CurrentRoleFamilies   []passerelles.RoleFamily       `json:"currentRoleFamilies,omitempty"`
	OpenToMobility        bool                           `json:"openToMobility,omitempty"`
	MobilityFamilies      []passerelles.RoleFamily       `json:"mobilityFamilies,omitempty"`
	MobilityRegionIDs     []int64                        `json:"mobilityRegionIds,omitempty"`
	WillingToMentor       bool                           `json:"willingToMentor,omitempty"`
	WantsToDevelopSkillID int64                          `json:"wantsToDevelopSkillId,omitempty"`
	Text                  string                         `json:"text,omitempty"`
}

type talentSkillRecord struct {
	SkillID       int64 `json:"skillId"`
	MinLevel      int   `json:"minLevel,omitempty"`
	ValidatedOnly bool  `json:"validatedOnly,omitempty"`
}

func recordOf(f *passerelles.TalentFilter) talentFilterRecord {
	skills := func(l []passerelles.TalentSkill) []talentSkillRecord {
		out := make([]talentSkillRecord, len(l))
		for i, s := range l {
			out[i] = talentSkillRecord{s.SkillID, s.MinLevel, s.ValidatedOnly}
		}
		return out
	}
	return talentFilterRecord{Required: skills(f.Required), Optional: skills(f.Optional), ValidatedOnly: f.ValidatedOnly,
		MinistryIDs: f.MinistryIDs, OrganisationTypes: f.OrganisationTypes, OrganisationIDs: f.OrganisationIDs,
		RegionIDs: f.RegionIDs, GradeCodes: f.GradeCodes, CurrentRoleIDs: f.CurrentRoleIDs,
		CurrentRoleFamilies: f.CurrentRoleFamilies, OpenToMobility: f.OpenToMobility, MobilityFamilies: f.MobilityFamilies,
		MobilityRegionIDs: f.MobilityRegionIDs, WillingToMentor: f.WillingToMentor,
		WantsToDevelopSkillID: f.WantsToDevelopSkillID, Text: f.Text}
}

// SearchTalentSQL is the same search in plain SQL, the reference the index is tested
// against: the matches are found and counted, and the facets counted, by SQL (visibility
// by the SQL twin of CanSeeProfile, visibleAgent); the page is ranked with the domain's
// TalentFilter.Match over the matches' declarations, read by SQL. It records nothing.
func (s *TalentService) SearchTalentSQL(ctx context.Context, q passerelles.TalentQuery) (*passerelles.TalentResults, error) {
	viewer, err := viewerFrom(ctx)
	if err != nil {
		return nil, err
	}
	var refs map[int64]int
	var out *passerelles.TalentResults
	err = s.db.read(ctx, func(tx *Tx) error {
		r, err := loadTalentReferentials(ctx, tx)
		if err != nil {
			return err
		}
		refs = r.SkillMaxLevel
		if err := prepareTalentQuery(ctx, refs, &q); err != nil {
			return err
		}
		res, err := searchTalentSQL(ctx, tx, viewer, &q, passerelles.TalentDay(s.db.Now()))
		if err != nil {
			return err
		}
		out, err = withProfiles(ctx, tx, viewer, res)
		return err
	})
	return out, err
}

// talentWhere builds the SQL condition of a filter on agents a.
func talentWhere(viewer *passerelles.User, f *passerelles.TalentFilter) (string, []any) {
	var w where
	cond, args := visibleAgent("a", viewer)
	w.add(cond, args...)
	for _, s := range f.Required {
		col := "level"
		if f.ValidatedOnly || s.ValidatedOnly {
			col = "validated_level"
		}
		w.add(`EXISTS (SELECT 1 FROM agent_skills s WHERE s.agent_id = a.id AND s.skill_id = ? AND s.`+col+` >= ?)`, s.SkillID, s.MinLevel)
	}
	if f.WantsToDevelopSkillID != 0 {
		w.add(`EXISTS (SELECT 1 FROM agent_skills s WHERE s.agent_id = a.id AND s.skill_id = ? AND s.wants_to_develop = 1)`, f.WantsToDevelopSkillID)
	}
	if len(f.MinistryIDs) > 0 {
		w.add(`a.organisation_id IN (SELECT id FROM organisations WHERE ministry_id IN (SELECT value FROM json_each(?)))`, jsonIDs(f.MinistryIDs))
	}
	if len(f.OrganisationTypes) > 0 {
		b, _ := json.Marshal(f.OrganisationTypes)
		w.add(`a.organisation_id IN (SELECT id FROM organisations WHERE type IN (SELECT value FROM json_each(?)))`, string(b))
	}
	w.in("a.organisation_id", orNil(f.OrganisationIDs))
	w.in("a.region_id", orNil(f.RegionIDs))
	if len(f.GradeCodes) > 0 {
		b, _ := json.Marshal(f.GradeCodes)
		w.add(`a.grade_code IN (SELECT value FROM json_each(?))`, string(b))
	}
	w.in("a.current_role_id", orNil(f.CurrentRoleIDs))
	if len(f.CurrentRoleFamilies) > 0 {
		b, _ := json.Marshal(f.CurrentRoleFamilies)
		w.add(`a.current_role_id IN (SELECT id FROM roles WHERE family IN (SELECT value FROM json_each(?)))`, string(b))
	}
	if f.OpenToMobility || len(f.MobilityFamilies) > 0 || len(f.MobilityRegionIDs) > 0 {
		w.add(`a.open_to_mobility = 1`)
	}
	if len(f.MobilityFamilies) > 0 {
		b, _ := json.Marshal(f.MobilityFamilies)
		w.add(`EXISTS (SELECT 1 FROM agent_mobility_families m WHERE m.agent_id = a.id AND m.family IN (SELECT value FROM json_each(?)))`, string(b))
	}
	if len(f.MobilityRegionIDs) > 0 {
		w.add(`EXISTS (SELECT 1 FROM agent_mobility_regions m WHERE m.agent_id = a.id AND m.region_id IN (SELECT value FROM json_each(?)))`, jsonIDs(f.MobilityRegionIDs))
	}
	if f.WillingToMentor {
		w.add(`a.willing_to_mentor = 1`)
	}
	if f.Text != "" {
		w.add(`a.id IN (SELECT rowid FROM agents_fts WHERE agents_fts MATCH ?)`, ftsQuery(f.Text))
	}
	return w.String(), w.args
}

func orNil(ids []int64) []int64 {
	if len(ids) == 0 {
		return nil
	}
	return ids
}

// sqlDeclarations are one agent's declarations as SQL read them.
type sqlDeclarations map[int64]passerelles.TalentDeclaration

// Declaration implements passerelles.TalentDeclarations.
func (d sqlDeclarations) Declaration(skillID int64) (passerelles.TalentDeclaration, bool) {
	v, ok := d[skillID]
	return v, ok
}

// searchTalentSQL finds, counts, ranks and pages the matches of q in SQL.
func searchTalentSQL(ctx context.Context, tx *Tx, viewer *passerelles.User, q *passerelles.TalentQuery, today int32) (talent.Result, error) {
	f := &q.Filter
	res := talent.Result{Matches: []passerelles.TalentMatch{}}
	if f.Text != "" && ftsQuery(f.Text) == "" {
		if q.Facets {
			res.Facets = &passerelles.TalentFacets{Ministries: []passerelles.TalentFacet{}, Regions: []passerelles.TalentFacet{},
				Grades: []passerelles.TalentFacet{}, OrganisationTypes: []passerelles.TalentFacet{}, CurrentRoleFamilies: []passerelles.TalentFacet{}}
		}
		return res, nil
	}
	cond, args := talentWhere(viewer, f)
	skills := f.Skills()
	skillIDs := make([]int64, len(skills))
	for i, s := range skills {
		skillIDs[i] = s.SkillID
	}
	rows, err := tx.QueryContext(ctx, `SELECT a.id, s.skill_id, s.level, COALESCE(s.validated_level, 0),
		MAX(s.updated_at, COALESCE(s.validated_at, 0))
		FROM agents a LEFT JOIN agent_skills s ON s.agent_id = a.id AND s.skill_id IN (SELECT value FROM json_each(?))`+
		cond+` ORDER BY a.id`, append([]any{jsonIDs(skillIDs)}, args...)...)
	if err != nil {
		return res, fmt.Errorf("sqlite: search talent: %w", err)
	}
	type cand struct {
		id    int64
		decls sqlDeclarations
	}
	var cands []cand
	for rows.Next() {
		var id int64
		var skill, level, validated, changed sql.NullInt64
		if err := rows.Scan(&id, &skill, &level, &validated, &changed); err != nil {
			rows.Close()
			return res, fmt.Errorf("sqlite: search talent: %w", err)
		}
		if len(cands) == 0 || cands[len(cands)-1].id != id {
			cands = append(cands, cand{id: id, decls: sqlDeclarations{}})
		}
		if skill.Valid {
			cands[len(cands)-1].decls[skill.Int64] = passerelles.TalentDeclaration{Level: int(level.Int64),
				ValidatedLevel: int(validated.Int64), ChangedDay: passerelles.TalentDay(time.UnixMilli(changed.Int64))}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("sqlite: search talent: %w", err)
	}
	res.TotalCount = len(cands)
	type scored struct {
		id    int64
		score int
		decls sqlDeclarations
	}
	var all []scored
	for _, c := range cands {
		score, ok, _ := f.Match(c.decls, today, nil)
		if !ok {
			return res, fmt.Errorf("sqlite: search talent: agent %d matched in SQL but not by the rule", c.id)
		}
		if q.After == nil || !q.After.Before(score, c.id) {
			all = append(all, scored{c.id, score, c.decls})
		}
	}
	slices.SortFunc(all, func(a, b scored) int {
		if a.score != b.score {
			return b.score - a.score
		}
		return int(a.id - b.id)
	})
	res.HasNextPage = len(all) > q.First
	for _, s := range all[:min(q.First, len(all))] {
		_, _, explain := f.Match(s.decls, today, []passerelles.SkillMatch{})
		res.Matches = append(res.Matches, passerelles.TalentMatch{AgentID: s.id, Score: s.score, Skills: explain})
	}
	if q.Facets {
		if res.Facets, err = talentFacetsSQL(ctx, tx, cond, args); err != nil {
			return res, err
		}
	}
	return res, nil
}

// talentFacetsSQL counts the matches of the condition by bucket, in SQL.
func talentFacetsSQL(ctx context.Context, tx *Tx, cond string, args []any) (*passerelles.TalentFacets, error) {
	rows, err := tx.QueryContext(ctx, `WITH m AS (SELECT a.* FROM agents a`+cond+`)
		SELECT 'ministry', o.ministry_id, '', COUNT(*) FROM m JOIN organisations o ON o.id = m.organisation_id GROUP BY o.ministry_id
		UNION ALL SELECT 'type', 0, o.type, COUNT(*) FROM m JOIN organisations o ON o.id = m.organisation_id GROUP BY o.type
		UNION ALL SELECT 'region', m.region_id, '', COUNT(*) FROM m WHERE m.region_id IS NOT NULL GROUP BY m.region_id
		UNION ALL SELECT 'grade', 0, m.grade_code, COUNT(*) FROM m WHERE m.grade_code IS NOT NULL GROUP BY m.grade_code
		UNION ALL SELECT 'family', 0, r.family, COUNT(*) FROM m JOIN roles r ON r.id = m.current_role_id GROUP BY r.family`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: talent facets: %w", err)
	}
	defer rows.Close()
	f := &passerelles.TalentFacets{Ministries: []passerelles.TalentFacet{}, Regions: []passerelles.TalentFacet{},
		Grades: []passerelles.TalentFacet{}, OrganisationTypes: []passerelles.TalentFacet{}, CurrentRoleFamilies: []passerelles.TalentFacet{}}
	for rows.Next() {
		var kind string
		var b passerelles.TalentFacet
		if err := rows.Scan(&kind, &b.ID, &b.Code, &b.Count); err != nil {
			return nil, fmt.Errorf("sqlite: talent facets: %w", err)
		}
		switch kind {
		case "ministry":
			f.Ministries = append(f.Ministries, b)
		case "type":
			f.OrganisationTypes = append(f.OrganisationTypes, b)
		case "region":
			f.Regions = append(f.Regions, b)
		case "grade":
			f.Grades = append(f.Grades, b)
		case "family":
			f.CurrentRoleFamilies = append(f.CurrentRoleFamilies, b)
		}
	}
	for _, l := range [][]passerelles.TalentFacet{f.Ministries, f.Regions, f.Grades, f.OrganisationTypes, f.CurrentRoleFamilies} {
		talent.SortFacets(l)
	}
	return f, rows.Err()
}
