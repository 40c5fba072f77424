// Package talent holds the in-memory index behind talent search: who declared which skill
// at which level (and which validated level), and the sets of agents by visibility,
// organisation, region, grade, current role, mobility and mentoring, all as compressed
// bitmaps of agent ids (RoaringBitmap/roaring/v2). SQLite stays the source of truth: the
// store builds the index at start and hands it, after each committed write, the new state
// of every agent the write changed, so that the next search sees it. The rules — who finds
// whom (passerelles.TalentScope), what matches and how it scores (TalentFilter.Match) —
// are the domain's; the index only evaluates them over sets.
package talent

import (
	"container/heap"
	"math"
	"slices"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"

	"passerelles"
)

// Declaration is one declared skill of an agent as the index keeps it.
type Declaration struct {
	SkillID        int64
	Level          int
	ValidatedLevel int
	WantsToDevelop bool
	ChangedDay     int32 // passerelles.TalentDay of its last change (by the agent or a validation)
}

// Agent is what the index keeps of one agent, as the store reads it.
type Agent struct {
	ID                int64
	OrganisationID    int64
	RegionID          int64
	GradeCode         string
	CurrentRoleID     int64
	Visibility        passerelles.Visibility
	HiddenFrom        []int64
	OpenToMobility    bool
	MobilityFamilies  []passerelles.RoleFamily
	MobilityRegionIDs []int64
	WillingToMentor   bool
	Skills            []Declaration // by skill id
}

// Referentials are the facts of the referentials that the index reads at search time:
// the ministry and type of each organisation, the family of each role, the top of each
// skill's scale.
type Referentials struct {
	OrganisationMinistry map[int64]int64
	OrganisationType     map[int64]passerelles.OrganisationType
	RoleFamily           map[int64]passerelles.RoleFamily
	SkillMaxLevel        map[int64]int
}

// A declaration is kept in one uint32 of its skill's column: the level (bits 0–7), the
// validated level (8–15) and the day of its last change (16–31, days since 1970: until
// 2149); 0 means no declaration. A column holds only the agents who declared the skill,
// in the order of their ids (about a quarter of the agents for a skill: half the memory of
// a value per agent id, 110 MB less at a million agents). Ranking reads the columns of the
// skills asked in the order of agent ids, so it walks them forward.
func pack(d Declaration) uint32 {
	return uint32(d.Level) | uint32(d.ValidatedLevel)<<8 | uint32(uint16(max(d.ChangedDay, 0)))<<16
}

func unpack(v uint32) passerelles.TalentDeclaration {
	return passerelles.TalentDeclaration{Level: int(v & 0xff), ValidatedLevel: int(v >> 8 & 0xff), ChangedDay: int32(v >> 16)}
}

// entry is what the index keeps of one agent, to take it out of the sets it is in when
// it changes. It is kept small (48 bytes): there is one per agent id, a million at the
// scale of all the ministries. The skills an agent declared are not listed: their columns
// tell.
type entry struct {
	present bool
	vis     uint8 // 1 MANAGERS, 2 ALL_AGENTS, 0 otherwise
	mobile  bool
	mentor  bool
	grade   uint16 // 1 + its index in Index.grades; 0 for none
	org     int64
	region  int64
	role    int64
	extra   *extra // lists, rarely set
}

type extra struct {
	hidden     []int64
	families   []passerelles.RoleFamily
	mobRegions []int64
}

// Index is the talent index. Its methods are safe for concurrent use: searches share a
// read lock, updates take the write lock.
type Index struct {
	mu      sync.RWMutex
	entries []entry // by agent id
	refs    Referentials
	grades  []string // the grade codes met, entry.grade-1 indexes them

	all          *roaring.Bitmap
	managers     *roaring.Bitmap // visibility MANAGERS
	allAgents    *roaring.Bitmap // visibility ALL_AGENTS
	hidesFromAny *roaring.Bitmap
	hiddenFrom   map[int64]*roaring.Bitmap
	byOrg        map[int64]*roaring.Bitmap
	byRegion     map[int64]*roaring.Bitmap
	byGrade      map[string]*roaring.Bitmap
	byRole       map[int64]*roaring.Bitmap
	mobile       *roaring.Bitmap
	mentors      *roaring.Bitmap
	mobFamily    map[passerelles.RoleFamily]*roaring.Bitmap
	mobRegion    map[int64]*roaring.Bitmap
	// atLeast[skill][l-1] holds the agents who declared skill at level l or above;
	// validatedAtLeast the same for validated levels.
	atLeast          map[int64][]*roaring.Bitmap
	validatedAtLeast map[int64][]*roaring.Bitmap
	wants            map[int64]*roaring.Bitmap
	// columns[skill] holds the declarations of skill.
	columns map[int64]*column
}

// column is the declarations of one skill: the agents who declared it, in increasing id
// order, and their declarations (pack) at the same positions.
type column struct {
	ids  []uint32
	vals []uint32
}

// get returns the declaration of agent id (0 for none).
func (c *column) get(id uint32) uint32 {
	if i, ok := slices.BinarySearch(c.ids, id); ok {
		return c.vals[i]
	}
	return 0
}

// set sets the declaration of agent id: in place, at the end (ids come in order when
// the index is built), or inserted.
func (c *column) set(id, v uint32) {
	if n := len(c.ids); n == 0 || c.ids[n-1] < id {
		c.ids, c.vals = append(c.ids, id), append(c.vals, v)
		return
	}
	i, ok := slices.BinarySearch(c.ids, id)
	if ok {
		c.vals[i] = v
		return
	}
	c.ids, c.vals = slices.Insert(c.ids, i, id), slices.Insert(c.vals, i, v)
}

// del takes agent id out of the column.
func (c *column) del(id uint32) {
	if i, ok := slices.BinarySearch(c.ids, id); ok {
		c.ids, c.vals = slices.Delete(c.ids, i, i+1), slices.Delete(c.vals, i, i+1)
	}
}

// seek returns the first position from from on whose id is id or more: a galloping
// search, cheap when ids are asked in increasing order.
func (c *column) seek(from int, id uint32) int {
	bound := 1
	for from+bound < len(c.ids) && c.ids[from+bound] < id {
		bound *= 2
	}
	lo, hi := from+bound/2, min(from+bound+1, len(c.ids))
	k, _ := slices.BinarySearch(c.ids[lo:hi], id)
	return lo + k
}

// New returns an empty index over the referentials.
func New(refs Referentials) *Index {
	return &Index{
		refs: refs, all: roaring.New(), managers: roaring.New(), allAgents: roaring.New(), hidesFromAny: roaring.New(),
		hiddenFrom: map[int64]*roaring.Bitmap{}, byOrg: map[int64]*roaring.Bitmap{}, byRegion: map[int64]*roaring.Bitmap{},
		byGrade: map[string]*roaring.Bitmap{}, byRole: map[int64]*roaring.Bitmap{}, mobile: roaring.New(), mentors: roaring.New(),
		mobFamily: map[passerelles.RoleFamily]*roaring.Bitmap{}, mobRegion: map[int64]*roaring.Bitmap{},
		atLeast: map[int64][]*roaring.Bitmap{}, validatedAtLeast: map[int64][]*roaring.Bitmap{}, wants: map[int64]*roaring.Bitmap{},
		columns: map[int64]*column{},
	}
}

// SetReferentials replaces the facts of the referentials (after a change of an
// organisation, a role or a scale).
func (ix *Index) SetReferentials(refs Referentials) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.refs = refs
}

// Len returns how many agents the index holds.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return int(ix.all.GetCardinality())
}

// Put sets what the index holds of each agent of agents, replacing what it held; agents
// of removed are taken out (erased). The store calls it after each committed write, with
// the agents that write changed, and at start with every agent.
func (ix *Index) Put(agents []*Agent, removed []int64) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, id := range removed {
		if id > 0 && id <= math.MaxUint32 {
			ix.remove(uint32(id))
		}
	}
	for _, a := range agents {
		if a.ID <= 0 || a.ID > math.MaxUint32 {
			continue
		}
		id := uint32(a.ID)
		ix.remove(id)
		ix.add(id, a)
	}
}

// Optimize compresses the bitmaps once a bulk load is done.
func (ix *Index) Optimize() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, b := range ix.bitmaps() {
		b.RunOptimize()
	}
	for _, c := range ix.columns { // no room left from growing them while building
		c.ids, c.vals = slices.Clip(slices.Clone(c.ids)), slices.Clip(slices.Clone(c.vals))
	}
	ix.entries = slices.Clip(slices.Clone(ix.entries))
}

func (ix *Index) bitmaps() []*roaring.Bitmap {
	out := []*roaring.Bitmap{ix.all, ix.managers, ix.allAgents, ix.hidesFromAny, ix.mobile, ix.mentors}
	for _, m := range []map[int64]*roaring.Bitmap{ix.hiddenFrom, ix.byOrg, ix.byRegion, ix.byRole, ix.mobRegion, ix.wants} {
		for _, b := range m {
			out = append(out, b)
		}
	}
	for _, b := range ix.byGrade {
		out = append(out, b)
	}
	for _, b := range ix.mobFamily {
		out = append(out, b)
	}
	for _, m := range []map[int64][]*roaring.Bitmap{ix.atLeast, ix.validatedAtLeast} {
		for _, l := range m {
			out = append(out, l...)
		}
	}
	return out
}

func set[K comparable](m map[K]*roaring.Bitmap, k K) *roaring.Bitmap {
	b := m[k]
	if b == nil {
		b = roaring.New()
		m[k] = b
	}
	return b
}

// levels returns the bitmaps of skill at levels 1…n, created as needed.
func levels(m map[int64][]*roaring.Bitmap, skill int64, n int) []*roaring.Bitmap {
	l := m[skill]
	for len(l) < n {
		l = append(l, roaring.New())
	}
	m[skill] = l
	return l
}

func (ix *Index) add(id uint32, a *Agent) {
	for int(id) >= len(ix.entries) {
		ix.entries = slices.Grow(ix.entries, max(int(id)+1-len(ix.entries), len(ix.entries)/4))
		ix.entries = ix.entries[:cap(ix.entries)]
	}
	e := entry{present: true, mobile: a.OpenToMobility, mentor: a.WillingToMentor, org: a.OrganisationID,
		region: a.RegionID, role: a.CurrentRoleID}
	if a.GradeCode != "" {
		i := slices.Index(ix.grades, a.GradeCode)
		if i < 0 {
			i = len(ix.grades)
			ix.grades = append(ix.grades, a.GradeCode)
		}
		e.grade = uint16(i + 1)
	}
	switch a.Visibility {
	case passerelles.VisibilityManagers:
		e.vis = 1
		ix.managers.Add(id)
	case passerelles.VisibilityAllAgents:
		e.vis = 2
		ix.allAgents.Add(id)
	}
	ix.all.Add(id)
	if len(a.HiddenFrom) > 0 || len(a.MobilityFamilies) > 0 || len(a.MobilityRegionIDs) > 0 {
		e.extra = &extra{hidden: slices.Clone(a.HiddenFrom), families: slices.Clone(a.MobilityFamilies), mobRegions: slices.Clone(a.MobilityRegionIDs)}
	}
	if len(a.HiddenFrom) > 0 {
		ix.hidesFromAny.Add(id)
		for _, o := range a.HiddenFrom {
			set(ix.hiddenFrom, o).Add(id)
		}
	}
	if e.org != 0 {
		set(ix.byOrg, e.org).Add(id)
	}
	if e.region != 0 {
		set(ix.byRegion, e.region).Add(id)
	}
	if a.GradeCode != "" {
		set(ix.byGrade, a.GradeCode).Add(id)
	}
	if e.role != 0 {
		set(ix.byRole, e.role).Add(id)
	}
	if e.mobile {
		ix.mobile.Add(id)
	}
	if e.mentor {
		ix.mentors.Add(id)
	}
	for _, f := range a.MobilityFamilies {
		set(ix.mobFamily, f).Add(id)
	}
	for _, r := range a.MobilityRegionIDs {
		set(ix.mobRegion, r).Add(id)
	}
	for _, d := range a.Skills {
		if d.SkillID <= 0 || d.SkillID > math.MaxUint32 || d.Level < 1 || d.Level > 255 || d.ValidatedLevel < 0 || d.ValidatedLevel > 255 {
			continue
		}
		col := ix.columns[d.SkillID]
		if col == nil {
			col = &column{}
			ix.columns[d.SkillID] = col
		}
		col.set(id, pack(d))
		for _, b := range levels(ix.atLeast, d.SkillID, d.Level)[:d.Level] {
			b.Add(id)
		}
		if d.ValidatedLevel > 0 {
			for _, b := range levels(ix.validatedAtLeast, d.SkillID, d.ValidatedLevel)[:d.ValidatedLevel] {
				b.Add(id)
			}
		}
		if d.WantsToDevelop {
			set(ix.wants, d.SkillID).Add(id)
		}
	}
	ix.entries[id] = e
}

func (ix *Index) remove(id uint32) {
	if int(id) >= len(ix.entries) || !ix.entries[id].present {
		return
	}
	e := ix.entries[id]
	ix.all.Remove(id)
	ix.managers.Remove(id)
	ix.allAgents.Remove(id)
	ix.hidesFromAny.Remove(id)
	ix.mobile.Remove(id)
	ix.mentors.Remove(id)
	if e.extra != nil {
		for _, o := range e.extra.hidden {
			ix.hiddenFrom[o].Remove(id)
		}
		for _, f := range e.extra.families {
			ix.mobFamily[f].Remove(id)
		}
		for _, r := range e.extra.mobRegions {
			ix.mobRegion[r].Remove(id)
		}
	}
	if e.org != 0 {
		ix.byOrg[e.org].Remove(id)
	}
	if e.region != 0 {
		ix.byRegion[e.region].Remove(id)
	}
	if e.grade != 0 {
		ix.byGrade[ix.grades[e.grade-1]].Remove(id)
	}
	if e.role != 0 {
		ix.byRole[e.role].Remove(id)
	}
	for s, col := range ix.columns { // a few dozen skills: cheaper than a list per agent
		v := col.get(id)
		if v == 0 {
			continue
		}
		d := unpack(v)
		for _, b := range ix.atLeast[s][:d.Level] {
			b.Remove(id)
		}
		if d.ValidatedLevel > 0 {
			for _, b := range ix.validatedAtLeast[s][:d.ValidatedLevel] {
				b.Remove(id)
			}
		}
		if w := ix.wants[s]; w != nil {
			w.Remove(id)
		}
		col.del(id)
	}
	ix.entries[id] = entry{}
}

// declarations reads one agent's declarations of the skills of a filter from their
// columns, for TalentFilter.Match, without allocating; agents asked in increasing id
// order are found by walking each column forward.
type declarations struct {
	skills  []int64   // the filter's skills
	columns []*column // their columns, in the same order (nil: nobody declared it)
	pos     []int     // where the last agent was sought in each column
	id      uint32    // the agent
}

func (ix *Index) declarationsOf(f *passerelles.TalentFilter) *declarations {
	d := &declarations{}
	for _, s := range f.Skills() {
		d.skills = append(d.skills, s.SkillID)
		d.columns = append(d.columns, ix.columns[s.SkillID])
		d.pos = append(d.pos, 0)
	}
	return d
}

// Declaration implements passerelles.TalentDeclarations.
func (d *declarations) Declaration(skillID int64) (passerelles.TalentDeclaration, bool) {
	for i, s := range d.skills {
		if s == skillID {
			return d.at(i)
		}
	}
	return passerelles.TalentDeclaration{}, false
}

// at returns the agent's declaration of the i-th skill of the filter.
func (d *declarations) at(i int) (passerelles.TalentDeclaration, bool) {
	c := d.columns[i]
	if c == nil {
		return passerelles.TalentDeclaration{}, false
	}
	p, n := d.pos[i], len(c.ids)
	switch {
	case p > n || (p > 0 && c.ids[p-1] >= d.id):
		p = c.seek(0, d.id) // an agent before the last one: seek from the start
	case p < n && c.ids[p] >= d.id:
		// where it was: the same agent, or a later one the column lacks
	case p+1 < n && c.ids[p+1] >= d.id:
		p++ // the next declaration, as when ranking the agents of a required skill
	default:
		p = c.seek(p, d.id)
	}
	d.pos[i] = p
	if p < n && c.ids[p] == d.id {
		return unpack(c.vals[p]), true
	}
	return passerelles.TalentDeclaration{}, false
}

// Query is one search over the index.
type Query struct {
	Scope  passerelles.TalentScope
	Filter *passerelles.TalentFilter // validated, with the skills' MaxLevel set
	// Text holds the agents whose text matches the filter's free text; nil when the
	// filter has none.
	Text   *roaring.Bitmap
	Today  int32 // passerelles.TalentDay of the search
	First  int
	After  *passerelles.TalentCursor
	Facets bool
}

// Result is one page of matches, ranked, with their count and facets.
type Result struct {
	Matches     []passerelles.TalentMatch // without profiles
	TotalCount  int
	HasNextPage bool
	Facets      *passerelles.TalentFacets
}

// Search returns the page of q: the agents in the scope that match every criterion of
// the filter, ranked by score then agent id.
func (ix *Index) Search(q Query) Result {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	matches := ix.matches(q)
	res := Result{TotalCount: int(matches.GetCardinality()), Matches: []passerelles.TalentMatch{}}
	if q.Facets {
		res.Facets = ix.facets(matches)
	}
	if q.First > 0 && res.TotalCount > 0 {
		res.Matches, res.HasNextPage = ix.page(q, matches)
	} else if q.First == 0 && res.TotalCount > 0 {
		// Only counts asked: whether a page would follow the cursor.
		_, res.HasNextPage = ix.page(Query{Filter: q.Filter, Today: q.Today, After: q.After}, matches)
	}
	return res
}

// matches returns the bitmap of the agents that match q. It never changes the index's
// own bitmaps.
func (ix *Index) matches(q Query) *roaring.Bitmap {
	f := q.Filter
	var out *roaring.Bitmap
	switch s := q.Scope; {
	case s.Everyone:
		out = ix.all.Clone()
	default:
		out = roaring.New()
		for _, v := range s.Visibilities {
			switch v {
			case passerelles.VisibilityManagers:
				out.Or(ix.managers)
			case passerelles.VisibilityAllAgents:
				out.Or(ix.allAgents)
			}
		}
		if s.HiddenFrom == 0 {
			out.AndNot(ix.hidesFromAny)
		} else if h := ix.hiddenFrom[s.HiddenFrom]; h != nil {
			out.AndNot(h)
		}
		if s.Self > 0 && s.Self <= math.MaxUint32 && ix.all.Contains(uint32(s.Self)) {
			out.Add(uint32(s.Self))
		}
	}
	and := func(b *roaring.Bitmap) {
		if b == nil {
			out.Clear()
			return
		}
		out.And(b)
	}
	// The rarest sets first: the intersection shrinks fastest.
	for _, s := range f.Required {
		m := ix.atLeast
		if f.ValidatedOnly || s.ValidatedOnly {
			m = ix.validatedAtLeast
		}
		l := m[s.SkillID]
		if s.MinLevel < 1 || s.MinLevel > len(l) {
			and(nil)
			continue
		}
		and(l[s.MinLevel-1])
	}
	if f.WantsToDevelopSkillID != 0 {
		and(ix.wants[f.WantsToDevelopSkillID])
	}
	if q.Text != nil {
		and(q.Text)
	}
	anyOf := func(b []*roaring.Bitmap) {
		and(roaring.FastOr(b...))
	}
	if len(f.OrganisationIDs) > 0 {
		anyOf(pick(ix.byOrg, f.OrganisationIDs))
	}
	if len(f.MinistryIDs) > 0 || len(f.OrganisationTypes) > 0 {
		var orgs []*roaring.Bitmap
		for org, b := range ix.byOrg {
			if (len(f.MinistryIDs) == 0 || slices.Contains(f.MinistryIDs, ix.refs.OrganisationMinistry[org])) &&
				(len(f.OrganisationTypes) == 0 || slices.Contains(f.OrganisationTypes, ix.refs.OrganisationType[org])) {
				orgs = append(orgs, b)
			}
		}
		anyOf(orgs)
	}
	if len(f.RegionIDs) > 0 {
		anyOf(pick(ix.byRegion, f.RegionIDs))
	}
	if len(f.GradeCodes) > 0 {
		anyOf(pick(ix.byGrade, f.GradeCodes))
	}
	if len(f.CurrentRoleIDs) > 0 {
		anyOf(pick(ix.byRole, f.CurrentRoleIDs))
	}
	if len(f.CurrentRoleFamilies) > 0 {
		var roles []*roaring.Bitmap
		for role, b := range ix.byRole {
			if slices.Contains(f.CurrentRoleFamilies, ix.refs.RoleFamily[role]) {
				roles = append(roles, b)
			}
		}
		anyOf(roles)
	}
	if f.OpenToMobility || len(f.MobilityFamilies) > 0 || len(f.MobilityRegionIDs) > 0 {
		and(ix.mobile)
	}
	if len(f.MobilityFamilies) > 0 {
		anyOf(pick(ix.mobFamily, f.MobilityFamilies))
	}
	if len(f.MobilityRegionIDs) > 0 {
		anyOf(pick(ix.mobRegion, f.MobilityRegionIDs))
	}
	if f.WillingToMentor {
		and(ix.mentors)
	}
	return out
}

func pick[K comparable](m map[K]*roaring.Bitmap, keys []K) []*roaring.Bitmap {
	out := make([]*roaring.Bitmap, 0, len(keys))
	for _, k := range keys {
		if b := m[k]; b != nil {
			out = append(out, b)
		}
	}
	return out
}

// facets counts matches by bucket from the cardinalities of intersections: the matches
// themselves are never listed.
func (ix *Index) facets(matches *roaring.Bitmap) *passerelles.TalentFacets {
	if matches.GetCardinality()*facetsByEntryRatio < uint64(ix.all.GetCardinality()) {
		return ix.facetsByEntry(matches)
	}
	f := &passerelles.TalentFacets{}
	ministries, types := map[int64]int{}, map[string]int{}
	for org, b := range ix.byOrg {
		if n := int(matches.AndCardinality(b)); n > 0 {
			if m := ix.refs.OrganisationMinistry[org]; m != 0 {
				ministries[m] += n
			}
			if t := ix.refs.OrganisationType[org]; t != "" {
				types[string(t)] += n
			}
		}
	}
	families := map[string]int{}
	for role, b := range ix.byRole {
		if n := int(matches.AndCardinality(b)); n > 0 {
			if fam := ix.refs.RoleFamily[role]; fam != "" {
				families[string(fam)] += n
			}
		}
	}
	regions := map[int64]int{}
	for r, b := range ix.byRegion {
		if n := int(matches.AndCardinality(b)); n > 0 {
			regions[r] = n
		}
	}
	grades := map[string]int{}
	for g, b := range ix.byGrade {
		if n := int(matches.AndCardinality(b)); n > 0 {
			grades[g] = n
		}
	}
	f.Ministries, f.Regions = idFacets(ministries), idFacets(regions)
	f.Grades, f.OrganisationTypes, f.CurrentRoleFamilies = codeFacets(grades), codeFacets(types), codeFacets(families)
	return f
}

// facetsByEntryRatio: below one match in this many agents, the facets are counted by
// reading each match's entry (a few nanoseconds each) rather than by intersecting the
// matches with every organisation's, role's, region's and grade's set (whose cost is
// the size of those sets, about four times the agents, whatever the matches): at
// 100 000 agents, 3.5 ms for a few hundred matches became a few microseconds.
const facetsByEntryRatio = 8

// facetsByEntry counts the facets of matches from their entries; it gives what facets
// gives (TestFacetsByEntry compares them).
func (ix *Index) facetsByEntry(matches *roaring.Bitmap) *passerelles.TalentFacets {
	ministries, types, families := map[int64]int{}, map[string]int{}, map[string]int{}
	regions, grades := map[int64]int{}, map[string]int{}
	it := matches.Iterator()
	for it.HasNext() {
		id := it.Next()
		if int(id) >= len(ix.entries) || !ix.entries[id].present {
			continue
		}
		e := &ix.entries[id]
		if e.org != 0 {
			if m := ix.refs.OrganisationMinistry[e.org]; m != 0 {
				ministries[m]++
			}
			if t := ix.refs.OrganisationType[e.org]; t != "" {
				types[string(t)]++
			}
		}
		if e.role != 0 {
			if fam := ix.refs.RoleFamily[e.role]; fam != "" {
				families[string(fam)]++
			}
		}
		if e.region != 0 {
			regions[e.region]++
		}
		if e.grade != 0 {
			grades[ix.grades[e.grade-1]]++
		}
	}
	f := &passerelles.TalentFacets{}
	f.Ministries, f.Regions = idFacets(ministries), idFacets(regions)
	f.Grades, f.OrganisationTypes, f.CurrentRoleFamilies = codeFacets(grades), codeFacets(types), codeFacets(families)
	return f
}

// idFacets and codeFacets order buckets by count, largest first, then by key.
func idFacets(m map[int64]int) []passerelles.TalentFacet {
	out := make([]passerelles.TalentFacet, 0, len(m))
	for id, n := range m {
		out = append(out, passerelles.TalentFacet{ID: id, Count: n})
	}
	SortFacets(out)
	return out
}

func codeFacets(m map[string]int) []passerelles.TalentFacet {
	out := make([]passerelles.TalentFacet, 0, len(m))
	for c, n := range m {
		out = append(out, passerelles.TalentFacet{Code: c, Count: n})
	}
	SortFacets(out)
	return out
}

// SortFacets orders buckets by count, largest first, then by id and code: the order
// every implementation of the search gives.
func SortFacets(f []passerelles.TalentFacet) {
	slices.SortFunc(f, func(a, b passerelles.TalentFacet) int {
		switch {
		case a.Count != b.Count:
			return b.Count - a.Count
		case a.ID != b.ID:
			if a.ID < b.ID {
				return -1
			}
			return 1
		case a.Code < b.Code:
			return -1
		case a.Code > b.Code:
			return 1
		}
		return 0
	})
}

// ranked is a match on its way to a page.
type ranked struct {
	score int
	id    uint32
}

// worst is a heap of the best results kept so far, the worst on top.
type worst []ranked

func (h worst) Len() int { return len(h) }
func (h worst) Less(i, j int) bool {
	return h[i].score < h[j].score || (h[i].score == h[j].score && h[i].id > h[j].id)
}
func (h worst) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *worst) Push(x any)   { *h = append(*h, x.(ranked)) }
func (h *worst) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// page scores every match and keeps the First best after the cursor (one more, to tell
// whether another page follows), then explains them.
func (ix *Index) page(q Query, matches *roaring.Bitmap) ([]passerelles.TalentMatch, bool) {
	f := q.Filter
	keep := q.First + 1
	h := make(worst, 0, min(keep, int(matches.GetCardinality())))
	unscored := len(f.Required) == 0 && len(f.Optional) == 0
	ds := ix.declarationsOf(f)
	sc := newScorer(f, ds, q.Today)
	it := matches.ManyIterator()
	buf := make([]uint32, 512)
	for n := it.NextMany(buf); n > 0; n = it.NextMany(buf) {
		if !ix.rank(q, sc, buf[:n], &h, keep, unscored) {
			break
		}
	}
	slices.SortFunc(h, func(a, b ranked) int {
		if a.score != b.score {
			return b.score - a.score
		}
		return int(a.id) - int(b.id)
	})
	more := len(h) > q.First
	if more {
		h = h[:q.First]
	}
	out := make([]passerelles.TalentMatch, len(h))
	for i, r := range h {
		ds.id = r.id
		_, _, explain := f.Match(ds, q.Today, make([]passerelles.SkillMatch, 0, len(f.Required)+len(f.Optional)))
		out[i] = passerelles.TalentMatch{AgentID: int64(r.id), Score: r.score, Skills: explain}
	}
	return out, more
}

// rank scores the matches of ids (in increasing order) and keeps in h the keep best
// after the cursor; it reports whether later ids may still enter.
func (ix *Index) rank(q Query, sc *scorer, ids []uint32, h *worst, keep int, unscored bool) bool {
	for _, id := range ids {
		score := 0
		if !unscored {
			s, ok := sc.score(id)
			if !ok {
				continue // cannot happen: the bitmaps hold the same rule
			}
			score = s
		}
		if q.After != nil && q.After.Before(score, int64(id)) {
			continue
		}
		if len(*h) < keep {
			heap.Push(h, ranked{score, id})
		} else if r := (*h)[0]; score > r.score || (score == r.score && id < r.id) {
			(*h)[0] = ranked{score, id}
			heap.Fix(h, 0)
		} else if unscored {
			return false // ids come in order and score nothing: no later one can enter
		}
	}
	return true
}

// scorer scores every match of a filter, the same as TalentFilter.Match (the sum of each
// skill's part), without computing each part again: a skill's part depends only on the
// level, the validated level and the recency of the agent's declaration, so the part of
// each such triple is computed once, by Match itself on a filter of that skill alone, and
// kept. Ranking a common skill at a million agents scores a quarter of a million matches.
type scorer struct {
	ds    *declarations
	today int32
	alone []passerelles.TalentFilter // per skill of the filter, a filter of it alone
	parts [][]int32                  // per skill: the part by key, partUnknown until computed
	recs  []passerelles.Recency      // the recencies met, a key's last digit indexes them
}

const (
	partUnknown  = math.MinInt32
	partNotHeld  = -1
	partMaxLevel = 16 // levels below it have their parts kept (scales have 4 to 8 levels)
)

func newScorer(f *passerelles.TalentFilter, ds *declarations, today int32) *scorer {
	sc := &scorer{ds: ds, today: today}
	for i, s := range f.Skills() {
		alone := passerelles.TalentFilter{ValidatedOnly: f.ValidatedOnly}
		if i < len(f.Required) {
			alone.Required = []passerelles.TalentSkill{s}
		} else {
			alone.Optional = []passerelles.TalentSkill{s}
		}
		sc.alone = append(sc.alone, alone)
		sc.parts = append(sc.parts, nil)
	}
	return sc
}

// one is the declarations of an agent who has, of the skills asked, at most one.
type one struct {
	skill int64
	d     passerelles.TalentDeclaration
	has   bool
}

// Declaration implements passerelles.TalentDeclarations.
func (o one) Declaration(skillID int64) (passerelles.TalentDeclaration, bool) {
	return o.d, o.has && skillID == o.skill
}

// score returns the score of agent id, and whether the agent matches.
func (sc *scorer) score(id uint32) (int, bool) {
	sc.ds.id = id
	total := 0
	for i, skill := range sc.ds.skills {
		d, has := sc.ds.at(i)
		key := -1
		if d.Level < partMaxLevel && d.ValidatedLevel < partMaxLevel {
			rec := passerelles.RecencyOf(d.ChangedDay, sc.today)
			r := slices.Index(sc.recs, rec)
			if r < 0 {
				r = len(sc.recs)
				sc.recs = append(sc.recs, rec)
			}
			if r < 4 {
				key = (d.Level*partMaxLevel+d.ValidatedLevel)*4 + r
			}
		}
		if !has {
			key = 0 // level 0 is no declaration: its part does not depend on the rest
		}
		part := int32(partUnknown)
		if key >= 0 && sc.parts[i] != nil {
			part = sc.parts[i][key]
		}
		if part == partUnknown {
			pts, ok, _ := sc.alone[i].Match(one{skill, d, has}, sc.today, nil)
			part = int32(pts)
			if !ok {
				part = partNotHeld
			}
			if key >= 0 {
				if sc.parts[i] == nil {
					sc.parts[i] = make([]int32, partMaxLevel*partMaxLevel*4)
					for k := range sc.parts[i] {
						sc.parts[i][k] = partUnknown
					}
				}
				sc.parts[i][key] = part
			}
		}
		if part == partNotHeld {
			return 0, false
		}
		total += int(part)
	}
	return total, true
}

// SkillMaxLevels returns the top of each skill's scale, as the referentials say (the map
// is replaced, never changed, by SetReferentials: callers only read it).
func (ix *Index) SkillMaxLevels() map[int64]int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.refs.SkillMaxLevel
}

// Matches returns the agents that match q, unranked, as a bitmap of their own (a saved
// search keeps the matches of a run to tell the new ones at the next).
func (ix *Index) Matches(q Query) *roaring.Bitmap {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.matches(q).Clone()
}
