package resolvers

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/graphql-go/graphql"

	"passerelles"
)

// TalentConnection is a page of talent search results.
type TalentConnection struct {
	Edges      []TalentEdge
	PageInfo   PageInfo
	TotalCount int
	Facets     *passerelles.TalentFacets
	// NewCount is, for a run of a saved search, how many matches are new since the run
	// before; nil for a plain search.
	NewCount *int
}

// TalentEdge is one result: the profile, its score and the explanation.
type TalentEdge struct {
	Cursor string
	passerelles.TalentMatch
	// IsNew tells, for a run of a saved search, whether the result is new since the run
	// before; nil for a plain search.
	IsNew *bool
}

const talentCursorPrefix = "talent:"

// encodeTalentCursor writes the position of a result: its score and agent, so that the
// next page starts after it whatever changed since (keyset pagination).
func encodeTalentCursor(m passerelles.TalentMatch) string {
	return base64.RawURLEncoding.EncodeToString([]byte(talentCursorPrefix + strconv.Itoa(m.Score) + ":" + strconv.FormatInt(m.AgentID, 10)))
}

func decodeTalentCursor(c string) (*passerelles.TalentCursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil && strings.HasPrefix(string(b), talentCursorPrefix) {
		score, agent, ok := strings.Cut(strings.TrimPrefix(string(b), talentCursorPrefix), ":")
		s, err1 := strconv.Atoi(score)
		a, err2 := strconv.ParseInt(agent, 10, 64)
		if ok && err1 == nil && err2 == nil && s >= 0 && s <= 1<<30 && a > 0 {
			return &passerelles.TalentCursor{Score: s, AgentID: a}, nil
		}
	}
	return nil, passerelles.Errorf(passerelles.EINVALID, "Le curseur de pagination « after » est invalide.")
}

// SearchTalent resolves Query.searchTalent. Facets are counted only when the document
// selects them.
func (r *Resolver) SearchTalent(p graphql.ResolveParams) (any, error) {
	if r.svc.Talent == nil {
		return nil, passerelles.Errorf(passerelles.EINTERNAL, "La recherche de talents n’est pas disponible.")
	}
	q := passerelles.TalentQuery{First: passerelles.DefaultPageSize}
	if v, ok := p.Args["first"].(int); ok {
		if v < 0 || v > passerelles.MaxPageSize {
			return nil, passerelles.Errorf(passerelles.EINVALID, "L’argument « first » va de 0 à %d.", passerelles.MaxPageSize)
		}
		q.First = v
	}
	if v, ok := p.Args["after"].(string); ok && v != "" {
		c, err := decodeTalentCursor(v)
		if err != nil {
			return nil, err
		}
		q.After = c
	}
	in, _ := p.Args["filter"].(map[string]any)
	f, err := talentFilter(in)
	if err != nil {
		return nil, err
	}
	q.Filter = f
	q.Facets = selectsField(p, "facets")
	if !selectsField(p, "edges", "pageInfo") && q.First > 0 {
		q.First = 0 // counts only
	}
	res, err := r.svc.Talent.SearchTalent(p.Context, q)
	if err != nil {
		return nil, err
	}
	return talentConnection(res, q.After), nil
}

// talentConnection builds the connection of a page of results found after the cursor.
func talentConnection(res *passerelles.TalentResults, after *passerelles.TalentCursor) *TalentConnection {
	c := &TalentConnection{TotalCount: res.TotalCount, Facets: res.Facets, Edges: make([]TalentEdge, len(res.Matches))}
	for i, m := range res.Matches {
		c.Edges[i] = TalentEdge{Cursor: encodeTalentCursor(m), TalentMatch: m}
	}
	c.PageInfo.HasPreviousPage = after != nil
	c.PageInfo.HasNextPage = res.HasNextPage
	if len(c.Edges) > 0 {
		start, end := c.Edges[0].Cursor, c.Edges[len(c.Edges)-1].Cursor
		c.PageInfo.StartCursor, c.PageInfo.EndCursor = &start, &end
	}
	return c
}

// talentFilter reads the TalentFilter input; a refusal names its field.
func talentFilter(in map[string]any) (passerelles.TalentFilter, error) {
	var f passerelles.TalentFilter
	for _, l := range []struct {
		key  string
		into *[]passerelles.TalentSkill
	}{{"required", &f.Required}, {"optional", &f.Optional}} {
		list, _ := in[l.key].([]any)
		for i, v := range list {
			m, _ := v.(map[string]any)
			id, err := inputID(m, "skillId")
			if err != nil {
				return f, passerelles.WithField(fmt.Sprintf("%s.%d", l.key, i), err)
			}
			s := passerelles.TalentSkill{SkillID: id}
			s.MinLevel, _ = m["minLevel"].(int)
			s.ValidatedOnly, _ = m["validatedOnly"].(bool)
			*l.into = append(*l.into, s)
		}
	}
	f.ValidatedOnly, _ = in["validatedOnly"].(bool)
	for _, l := range []struct {
		key  string
		into *[]int64
	}{{"ministryIds", &f.MinistryIDs}, {"organisationIds", &f.OrganisationIDs}, {"regionIds", &f.RegionIDs},
		{"currentRoleIds", &f.CurrentRoleIDs}, {"mobilityRegionIds", &f.MobilityRegionIDs}} {
		list, _ := in[l.key].([]any)
		for i, v := range list {
			id, err := parseID(v)
			if err != nil {
				return f, passerelles.WithField(fmt.Sprintf("%s.%d", l.key, i), err)
			}
			*l.into = append(*l.into, id)
		}
	}
	for _, v := range listOf(in["organisationTypes"]) {
		f.OrganisationTypes = append(f.OrganisationTypes, passerelles.OrganisationType(v))
	}
	f.GradeCodes = listOf(in["gradeCodes"])
	for _, v := range listOf(in["currentRoleFamilies"]) {
		f.CurrentRoleFamilies = append(f.CurrentRoleFamilies, passerelles.RoleFamily(v))
	}
	for _, v := range listOf(in["mobilityFamilies"]) {
		f.MobilityFamilies = append(f.MobilityFamilies, passerelles.RoleFamily(v))
	}
	f.OpenToMobility, _ = in["openToMobility"].(bool)
	f.WillingToMentor, _ = in["willingToMentor"].(bool)
	if v, ok := in["wantsToDevelopSkillId"]; ok && v != nil {
		id, err := inputID(in, "wantsToDevelopSkillId")
		if err != nil {
			return f, err
		}
		f.WantsToDevelopSkillID = id
	}
	f.Text, _ = in["text"].(string)
	return f, nil
}

// listOf reads a list of strings (enum values, codes) from an input value.
func listOf(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// TalentEdgeExplanation resolves TalentEdge.explanation.
func (r *Resolver) TalentEdgeExplanation(p graphql.ResolveParams) (any, error) {
	e, err := Source[TalentEdge](p)
	if err != nil {
		return nil, err
	}
	return e.Skills, nil
}

// SkillMatchSkill resolves SkillMatch.skill.
func (r *Resolver) SkillMatchSkill(p graphql.ResolveParams) (any, error) {
	m, err := Source[passerelles.SkillMatch](p)
	if err != nil {
		return nil, err
	}
	return r.loadersFrom(p.Context).skill.Resolve(p, m.SkillID), nil
}

// SkillMatchLevel resolves SkillMatch.level (null when the agent has none).
func (r *Resolver) SkillMatchLevel(p graphql.ResolveParams) (any, error) {
	m, err := Source[passerelles.SkillMatch](p)
	if err != nil {
		return nil, err
	}
	return r.skillLevel(p, m.SkillID, m.Level)
}

// FacetMinistry, FacetRegion and FacetGrade resolve the bucket of a facet.
func (r *Resolver) FacetMinistry(p graphql.ResolveParams) (any, error) {
	b, err := Source[passerelles.TalentFacet](p)
	if err != nil {
		return nil, err
	}
	return r.loadersFrom(p.Context).ministry.Resolve(p, b.ID), nil
}

// FacetRegion resolves RegionFacet.region.
func (r *Resolver) FacetRegion(p graphql.ResolveParams) (any, error) {
	b, err := Source[passerelles.TalentFacet](p)
	if err != nil {
		return nil, err
	}
	return r.loadersFrom(p.Context).region.Resolve(p, b.ID), nil
}

// FacetGrade resolves GradeFacet.grade.
func (r *Resolver) FacetGrade(p graphql.ResolveParams) (any, error) {
	b, err := Source[passerelles.TalentFacet](p)
	if err != nil {
		return nil, err
	}
	return r.loadersFrom(p.Context).grade.Resolve(p, b.Code), nil
}
