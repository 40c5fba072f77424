package passerelles

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Bounds of a talent search: what one filter may ask for.
const (
	MaxTalentSkills     = 10  // required skills, and optional skills, each
	MaxTalentChoices    = 20  // values of one list criterion (regions, organisations …)
	MaxTalentTextLength = 200 // characters of free text
)

// Points of a talent search's score: what one skill brings at the top of its scale, held
// recently, before the validation bonus.
const (
	RequiredSkillPoints = 100
	OptionalSkillPoints = 50
)

// TalentSkill is a skill a talent search asks for.
type TalentSkill struct {
	SkillID int64
	// MinLevel is the least level a required skill must reach, on its framework's scale;
	// optional skills have none (0): they only raise the rank.
	MinLevel int
	// ValidatedOnly counts only the level a manager validated.
	ValidatedOnly bool
	// MaxLevel is the top of the skill's scale (the number of levels of its framework):
	// the store sets it from the referentials, since scores are relative to the scale.
	MaxLevel int
}

// TalentFilter is what a talent search asks. Criteria combine with AND; the values of one
// list criterion with OR (any of the regions …); an empty list asks nothing.
type TalentFilter struct {
	Required []TalentSkill // every one must hold, at its minimum level
	Optional []TalentSkill // raise the rank of those who have them
	// ValidatedOnly counts only validated levels, for every skill of the filter.
	ValidatedOnly bool

	MinistryIDs         []int64
	OrganisationTypes   []OrganisationType
	OrganisationIDs     []int64
	RegionIDs           []int64
	GradeCodes          []string
	CurrentRoleIDs      []int64
	CurrentRoleFamilies []RoleFamily

	// OpenToMobility asks for agents open to a move; MobilityFamilies and
	// MobilityRegionIDs, for agents open to a move towards one of these role families, or
	// to one of these regions (the agent listed it).
	OpenToMobility    bool
	MobilityFamilies  []RoleFamily
	MobilityRegionIDs []int64
	WillingToMentor   bool
	// WantsToDevelopSkillID asks for agents who declared that they want to develop this
	// skill (0: no condition).
	WantsToDevelopSkillID int64

	// Text is free text searched in names, presentations and evidence titles, folded as
	// skill search folds it (FoldForSearch); every word must be found, as a prefix.
	Text string
}

// Validate returns EINVALID, naming the field, for a filter that asks too much or asks
// nothing sensible: more than MaxTalentSkills required or optional skills, a skill twice,
// a required skill without a minimum level, more than MaxTalentChoices values in a list,
// an unknown organisation type or role family, text longer than MaxTalentTextLength. It
// normalises what it accepts: lists without repeats, text without surrounding spaces.
// Levels against the skills' scales and the existence of what the ids name are the
// store's to check. Search text is cleaned, not refused (as skill search does): it is
// never stored nor shown, and FoldForSearch drops control and format characters.
func (f *TalentFilter) Validate() error {
	seen := map[int64]bool{}
	for _, l := range []struct {
		name   string
		skills []TalentSkill
		what   string
	}{{"required", f.Required, "requises"}, {"optional", f.Optional, "souhaitées"}} {
		if len(l.skills) > MaxTalentSkills {
			return WithField(l.name, Errorf(EINVALID, "Vous pouvez demander %d compétences %s au plus.", MaxTalentSkills, l.what))
		}
		for i, s := range l.skills {
			at := l.name + "." + strconv.Itoa(i)
			switch {
			case s.SkillID <= 0:
				return WithField(at+".skillId", Errorf(EINVALID, "Choisissez une compétence."))
			case seen[s.SkillID]:
				return WithField(at+".skillId", Errorf(EINVALID, "Une compétence est demandée deux fois."))
			case l.name == "required" && s.MinLevel < 1:
				return WithField(at+".minLevel", Errorf(EINVALID, "Choisissez le niveau minimum de chaque compétence requise."))
			case l.name == "optional" && s.MinLevel != 0:
				return WithField(at+".minLevel", Errorf(EINVALID, "Une compétence souhaitée n’a pas de niveau minimum : elle ne fait que classer les profils."))
			}
			seen[s.SkillID] = true
		}
	}
	for _, l := range []struct {
		field, what string
		n           int
	}{
		{"ministryIds", "ministères", len(f.MinistryIDs)},
		{"organisationTypes", "types d’organisation", len(f.OrganisationTypes)},
		{"organisationIds", "organisations", len(f.OrganisationIDs)},
		{"regionIds", "régions", len(f.RegionIDs)},
		{"gradeCodes", "grades", len(f.GradeCodes)},
		{"currentRoleIds", "métiers actuels", len(f.CurrentRoleIDs)},
		{"currentRoleFamilies", "familles de métiers", len(f.CurrentRoleFamilies)},
		{"mobilityFamilies", "familles de métiers", len(f.MobilityFamilies)},
		{"mobilityRegionIds", "régions de mobilité", len(f.MobilityRegionIDs)},
	} {
		if l.n > MaxTalentChoices {
			return WithField(l.field, Errorf(EINVALID, "Vous pouvez choisir %d %s au plus.", MaxTalentChoices, l.what))
		}
	}
	for i, t := range f.OrganisationTypes {
		if !t.Valid() {
			return WithField("organisationTypes."+strconv.Itoa(i), Errorf(EINVALID, "Le type d’organisation « %s » est inconnu.", EchoText(string(t), 20)))
		}
	}
	for _, l := range []struct {
		field string
		fams  []RoleFamily
	}{{"currentRoleFamilies", f.CurrentRoleFamilies}, {"mobilityFamilies", f.MobilityFamilies}} {
		for i, fam := range l.fams {
			if !fam.Valid() {
				return WithField(l.field+"."+strconv.Itoa(i), Errorf(EINVALID, "La famille de métiers doit être BUSINESS ou DIGITAL."))
			}
		}
	}
	if f.WantsToDevelopSkillID < 0 {
		return WithField("wantsToDevelopSkillId", Errorf(EINVALID, "Choisissez une compétence."))
	}
	f.Text = strings.TrimSpace(strings.ToValidUTF8(f.Text, ""))
	if n := utf8.RuneCountInString(f.Text); n > MaxTalentTextLength {
		return WithField("text", Errorf(EINVALID, "Le texte recherché dépasse la longueur permise : %d caractères pour %d au plus.", n, MaxTalentTextLength))
	}
	f.MinistryIDs, f.OrganisationIDs, f.RegionIDs = distinct(f.MinistryIDs), distinct(f.OrganisationIDs), distinct(f.RegionIDs)
	f.CurrentRoleIDs, f.MobilityRegionIDs = distinct(f.CurrentRoleIDs), distinct(f.MobilityRegionIDs)
	f.GradeCodes, f.OrganisationTypes = distinct(f.GradeCodes), distinct(f.OrganisationTypes)
	f.CurrentRoleFamilies, f.MobilityFamilies = distinct(f.CurrentRoleFamilies), distinct(f.MobilityFamilies)
	return nil
}

// distinct returns the values of s sorted, without repeats (nil stays nil).
func distinct[T int64 | string | OrganisationType | RoleFamily](s []T) []T {
	if s == nil {
		return nil
	}
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

// Skills returns the skills of the filter, required ones first, in the order asked.
func (f *TalentFilter) Skills() []TalentSkill {
	return append(slices.Clip(f.Required), f.Optional...)
}

// TalentDeclaration is what the score of a talent search reads of one declared skill.
type TalentDeclaration struct {
	Level          int
	ValidatedLevel int // 0 when no manager validated it
	// ChangedDay is the day of its last change, by the agent or by a validation (days
	// since 1 January 1970, UTC; see TalentDay).
	ChangedDay int32
}

// TalentDay is the day of t as the score counts days: days since 1 January 1970, UTC.
func TalentDay(t time.Time) int32 {
	ms := t.UnixMilli()
	d := ms / 86_400_000
	if ms < 0 && ms%86_400_000 != 0 {
		d--
	}
	return int32(d)
}

// Recency says how recently a declaration changed, as the score weighs it.
type Recency string

// Recencies.
const (
	RecencyRecent       Recency = "RECENT"         // within a year: counts in full
	RecencyWithin3Years Recency = "WITHIN_3_YEARS" // within three years: 85 %
	RecencyOld          Recency = "OLDER"          // older: 70 %
)

// RecencyOf returns the recency of a declaration changed on day changed, seen on day now.
func RecencyOf(changed, now int32) Recency {
	switch age := now - changed; {
	case age <= 365:
		return RecencyRecent
	case age <= 3*365:
		return RecencyWithin3Years
	}
	return RecencyOld
}

// SkillMatch explains the part one skill of the filter takes in a result's score.
type SkillMatch struct {
	SkillID  int64
	Required bool
	// Level is the level that counted: the validated level when only validated levels
	// count, the declared level otherwise; 0 when the agent has none (an optional skill).
	Level int
	// Validated tells whether a manager validated that level (or a higher one).
	Validated bool
	// ChangedDay is when the declaration last changed (TalentDay); Recency how the score
	// weighs it. Both are zero when the agent has none.
	ChangedDay int32
	Recency    Recency
	Points     int // the part of the score
}

// ChangedOn returns the day the declaration last changed, as a date (UTC midnight); zero
// when the agent has none.
func (m SkillMatch) ChangedOn() time.Time {
	if m.Recency == "" {
		return time.Time{}
	}
	return time.UnixMilli(int64(m.ChangedDay) * 86_400_000).UTC()
}

// TalentDeclarations gives the declarations of one agent that a score reads, by skill.
type TalentDeclarations interface {
	Declaration(skillID int64) (TalentDeclaration, bool)
}

// Match is the one rule of talent search about skills: whether the agent whose
// declarations are d satisfies every required skill of f, and the score that ranks them,
// on day now. It appends to explain, when not nil, the part of each skill of the filter
// (required ones first, in the order asked) and returns it; ranking passes nil, so that
// scoring every match allocates nothing.
//
// For each skill, the level that counts is the validated level when only validated levels
// count (for the skill or for the whole filter), the declared level otherwise; a required
// skill holds when that level reaches its minimum. Its part is its points
// (RequiredSkillPoints, OptionalSkillPoints) times the level over the top of the scale,
// 25 % more when a manager validated that level, times 100 %, 85 % or 70 % by recency
// (RecencyOf). The score is the sum of the parts, in whole points; ties are broken by
// the caller with a stable key.
func (f *TalentFilter) Match(d TalentDeclarations, now int32, explain []SkillMatch) (score int, ok bool, _ []SkillMatch) {
	for i := range f.Required {
		pts, m, held := f.part(&f.Required[i], true, d, now)
		if !held {
			return 0, false, explain
		}
		score += pts
		if explain != nil {
			explain = append(explain, m)
		}
	}
	for i := range f.Optional {
		pts, m, _ := f.part(&f.Optional[i], false, d, now)
		score += pts
		if explain != nil {
			explain = append(explain, m)
		}
	}
	return score, true, explain
}

// part returns the points of skill s for declarations d, its explanation, and whether it
// holds (a required skill at its minimum level; an optional one always holds).
func (f *TalentFilter) part(s *TalentSkill, required bool, d TalentDeclarations, now int32) (int, SkillMatch, bool) {
	m := SkillMatch{SkillID: s.SkillID, Required: required}
	decl, has := d.Declaration(s.SkillID)
	if has {
		if f.ValidatedOnly || s.ValidatedOnly {
			m.Level, m.Validated = decl.ValidatedLevel, decl.ValidatedLevel > 0
		} else {
			m.Level, m.Validated = decl.Level, decl.ValidatedLevel > 0 && decl.ValidatedLevel >= decl.Level
		}
	}
	if m.Level == 0 {
		return 0, m, !required
	}
	if required && m.Level < s.MinLevel {
		return 0, m, false
	}
	m.ChangedDay, m.Recency = decl.ChangedDay, RecencyOf(decl.ChangedDay, now)
	top := max(s.MaxLevel, m.Level, 1)
	base := OptionalSkillPoints
	if required {
		base = RequiredSkillPoints
	}
	// In hundredths of a point: level share × validation × recency, then rounded down.
	num := int64(base) * int64(m.Level) * 100
	if m.Validated {
		num = num * 5 / 4
	}
	switch m.Recency {
	case RecencyWithin3Years:
		num = num * 85 / 100
	case RecencyOld:
		num = num * 70 / 100
	}
	m.Points = int(num / int64(top) / 100)
	return m.Points, m, true
}

// TalentCursor is where a page of results starts: after the result with this score and
// agent. Results are ordered by score, highest first, then by agent id, so that a cursor
// stays valid while data changes and walking every page returns each match once.
type TalentCursor struct {
	Score   int
	AgentID int64
}

// Before reports whether a result (score, agentID) comes before the cursor's in the
// order of results (and so is not on the pages after it).
func (c TalentCursor) Before(score int, agentID int64) bool {
	return score > c.Score || (score == c.Score && agentID <= c.AgentID)
}

// TalentQuery is one talent search: the filter, the page, and whether to count facets.
type TalentQuery struct {
	Filter TalentFilter
	First  int           // results on the page, 0…MaxPageSize (0: only counts)
	After  *TalentCursor // nil: the first page
	Facets bool
}

// TalentMatch is one result of a talent search.
type TalentMatch struct {
	AgentID int64
	Score   int
	Skills  []SkillMatch // the explanation, skill by skill
	Profile *Profile     // as the viewer may see it
}

// TalentFacet counts the results of a search in one bucket: a ministry or region (ID),
// a grade, organisation type or role family (Code).
type TalentFacet struct {
	ID    int64
	Code  string
	Count int
}

// TalentFacets count the results of a search by ministry, region, grade, organisation
// type and family of the current role; results without a value are in no bucket.
type TalentFacets struct {
	Ministries          []TalentFacet
	Regions             []TalentFacet
	Grades              []TalentFacet
	OrganisationTypes   []TalentFacet
	CurrentRoleFamilies []TalentFacet
}

// TalentResults are one page of a talent search, the number of matches and the facets.
type TalentResults struct {
	Matches     []TalentMatch
	TotalCount  int
	HasNextPage bool
	Facets      *TalentFacets // nil unless asked
}

// TalentService finds agents by their skills and profile.
type TalentService interface {
	// SearchTalent returns the profiles the viewer may find (TalentScopeFor) that match
	// the filter, ranked by score then agent id, one page after q.After. A search by a
	// manager or administrator is recorded (RecordsSearch): who, when, the filter and the
	// number of results; the results are not views of the profiles, opening one is.
	// Returns EUNAUTHENTICATED for an anonymous request, EINVALID for a filter that
	// Validate refuses, a level off a skill's scale, an unknown skill, or a page size
	// outside 0…MaxPageSize.
	SearchTalent(ctx context.Context, q TalentQuery) (*TalentResults, error)
}
