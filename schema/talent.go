package schema

import (
	"fmt"

	"github.com/graphql-go/graphql"

	"passerelles"
	"passerelles/resolvers"
)

// talentTypes builds the types of talent search: its filter, connection, edges with their
// explanation, and facets.
func (b *builder) talentTypes() {
	recency := enumOf("Recency", "How recently a declaration changed, as the score of a talent search weighs it.", map[string]string{
		string(passerelles.RecencyRecent):       "Within a year: counts in full.",
		string(passerelles.RecencyWithin3Years): "Within three years: counts 85 %.",
		string(passerelles.RecencyOld):          "Older: counts 70 %.",
	})
	b.skillMatch = graphql.NewObject(graphql.ObjectConfig{
		Name:        "SkillMatch",
		Description: "The part one skill of the filter takes in a result's score.",
		Fields: graphql.Fields{
			"skill":    {Type: nonNull(b.skill), Description: "The skill asked for.", Resolve: b.r.SkillMatchSkill},
			"required": prop(nonNull(graphql.Boolean), "Required by the filter (else optional: it only ranks).", func(m passerelles.SkillMatch) any { return m.Required }),
			"level": {Type: b.level, Description: "The level that counted: the validated one when only validated levels count, the declared one otherwise; null when the agent has none.",
				Resolve: b.r.SkillMatchLevel},
			"validated": prop(nonNull(graphql.Boolean), "Whether a manager validated that level.", func(m passerelles.SkillMatch) any { return m.Validated }),
			"changedOn": prop(graphql.String, "When the declaration last changed, by the agent or a validation (YYYY-MM-DD); null when the agent has none.",
				func(m passerelles.SkillMatch) any {
					if d := m.ChangedOn(); !d.IsZero() {
						return d.Format("2006-01-02")
					}
					return nil
				}),
			"recency": prop(recency, "How the score weighs the date of the declaration; null when the agent has none.",
				func(m passerelles.SkillMatch) any { return optional(string(m.Recency)) }),
			"points": prop(nonNull(graphql.Int), "The part of the score.", func(m passerelles.SkillMatch) any { return m.Points }),
		},
	})
	facet := func(name, description, field string, typ graphql.Output, resolve graphql.FieldResolveFn) *graphql.Object {
		return graphql.NewObject(graphql.ObjectConfig{Name: name, Description: description, Fields: graphql.Fields{
			field:   {Type: nonNull(typ), Description: "The bucket.", Resolve: resolve},
			"count": prop(nonNull(graphql.Int), "How many results fall in it.", func(f passerelles.TalentFacet) any { return f.Count }),
		}})
	}
	code := func(p graphql.ResolveParams) (any, error) {
		f, err := resolvers.Source[passerelles.TalentFacet](p)
		if err != nil {
			return nil, err
		}
		return f.Code, nil
	}
	ministry := facet("MinistryFacet", "Results of a talent search in one ministry.", "ministry", b.ministry, b.r.FacetMinistry)
	region := facet("RegionFacet", "Results of a talent search in one region.", "region", b.region, b.r.FacetRegion)
	grade := facet("GradeFacet", "Results of a talent search of one grade.", "grade", b.grade, b.r.FacetGrade)
	orgType := facet("OrganisationTypeFacet", "Results of a talent search in one type of organisation.", "type", b.orgType, code)
	family := facet("RoleFamilyFacet", "Results of a talent search whose current role is of one family.", "family", b.roleFamily, code)
	fc := func(get func(*passerelles.TalentFacets) []passerelles.TalentFacet) func(*passerelles.TalentFacets) any {
		return func(f *passerelles.TalentFacets) any { return get(f) }
	}
	facets := graphql.NewObject(graphql.ObjectConfig{
		Name:        "TalentFacets",
		Description: "The results of a talent search counted by bucket, largest first; results without a value are in no bucket.",
		Fields: graphql.Fields{
			"ministries": prop(listOf(ministry), "By ministry.", fc(func(f *passerelles.TalentFacets) []passerelles.TalentFacet { return f.Ministries })),
			"regions":    prop(listOf(region), "By region.", fc(func(f *passerelles.TalentFacets) []passerelles.TalentFacet { return f.Regions })),
			"grades":     prop(listOf(grade), "By grade.", fc(func(f *passerelles.TalentFacets) []passerelles.TalentFacet { return f.Grades })),
			"organisationTypes": prop(listOf(orgType), "By type of organisation.",
				fc(func(f *passerelles.TalentFacets) []passerelles.TalentFacet { return f.OrganisationTypes })),
			"currentRoleFamilies": prop(listOf(family), "By family of the current role.",
				fc(func(f *passerelles.TalentFacets) []passerelles.TalentFacet { return f.CurrentRoleFamilies })),
		},
	})
	edge := graphql.NewObject(graphql.ObjectConfig{
		Name:        "TalentEdge",
		Description: "One result of a talent search: the profile, its score and why.",
		Fields: graphql.Fields{
			"cursor": prop(nonNull(graphql.String), "Opaque position of this result (its score and agent): the next page starts after it, whatever changed since.",
				func(e resolvers.TalentEdge) any { return e.Cursor }),
			"node":  prop(nonNull(b.profile), "The profile, as the viewer may see it.", func(e resolvers.TalentEdge) any { return e.Profile }),
			"score": prop(nonNull(graphql.Int), "The match score: the sum of the parts of the explanation.", func(e resolvers.TalentEdge) any { return e.Score }),
			"explanation": {Type: listOf(b.skillMatch), Description: "The part of each skill of the filter, required ones first, in the order asked.",
				Resolve: b.r.TalentEdgeExplanation},
			"isNew": prop(graphql.Boolean, "In a run of a saved search: whether this result was not a match of the run before. Null for a plain search.",
				func(e resolvers.TalentEdge) any {
					if e.IsNew == nil {
						return nil
					}
					return *e.IsNew
				}),
		},
	})
	b.talentConnection = graphql.NewObject(graphql.ObjectConfig{
		Name:        "TalentConnection",
		Description: "A page of talent search results, ranked by score then agent (Relay connection).",
		Fields: graphql.Fields{
			"edges":      prop(listOf(edge), "The results of this page.", func(c *resolvers.TalentConnection) any { return c.Edges }),
			"pageInfo":   prop(nonNull(b.pageInfo), "Where this page stands.", func(c *resolvers.TalentConnection) any { return c.PageInfo }),
			"totalCount": prop(nonNull(graphql.Int), "How many profiles match.", func(c *resolvers.TalentConnection) any { return c.TotalCount }),
			"facets": prop(nonNull(facets), "The matches counted by ministry, region, grade, organisation type and current-role family.",
				func(c *resolvers.TalentConnection) any { return c.Facets }),
			"newCount": prop(graphql.Int, "In a run of a saved search: how many matches are new since the run before. Null for a plain search.",
				func(c *resolvers.TalentConnection) any {
					if c.NewCount == nil {
						return nil
					}
					return *c.NewCount
				}),
		},
	})
	skill := graphql.NewInputObject(graphql.InputObjectConfig{Name: "TalentSkillInput", Description: "A skill a talent search asks for.",
		Fields: graphql.InputObjectConfigFieldMap{
			"skillId":       inputField(nonNull(graphql.ID), "The skill."),
			"minLevel":      inputField(graphql.Int, "Required skills: the least level (Level.value on the skill's scale). Optional skills have none."),
			"validatedOnly": inputField(graphql.Boolean, "Count only the level a manager validated."),
		}})
	ids := func(what string) *graphql.InputObjectFieldConfig {
		return inputField(graphql.NewList(nonNull(graphql.ID)), fmt.Sprintf("Any of these %s (%d at most).", what, passerelles.MaxTalentChoices))
	}
	b.talentFilter = graphql.NewInputObject(graphql.InputObjectConfig{Name: "TalentFilter",
		Description: "What a talent search asks; criteria combine with AND, the values of one list with OR.",
		Fields: graphql.InputObjectConfigFieldMap{
			"required":              inputField(graphql.NewList(nonNull(skill)), fmt.Sprintf("Skills every result has, each at its minimum level (%d at most).", passerelles.MaxTalentSkills)),
			"optional":              inputField(graphql.NewList(nonNull(skill)), fmt.Sprintf("Skills that raise the rank of who has them (%d at most).", passerelles.MaxTalentSkills)),
			"validatedOnly":         inputField(graphql.Boolean, "Count only validated levels, for every skill."),
			"ministryIds":           ids("ministries"),
			"organisationTypes":     inputField(graphql.NewList(nonNull(b.orgType)), "Any of these types of organisation."),
			"organisationIds":       ids("organisations"),
			"regionIds":             ids("regions"),
			"gradeCodes":            inputField(graphql.NewList(nonNull(graphql.String)), "Any of these grades."),
			"currentRoleIds":        ids("current roles"),
			"currentRoleFamilies":   inputField(graphql.NewList(nonNull(b.roleFamily)), "Current role of any of these families."),
			"openToMobility":        inputField(graphql.Boolean, "Open to a move."),
			"mobilityFamilies":      inputField(graphql.NewList(nonNull(b.roleFamily)), "Open to a move towards one of these role families."),
			"mobilityRegionIds":     ids("regions one is open to move to"),
			"willingToMentor":       inputField(graphql.Boolean, "Willing to mentor."),
			"wantsToDevelopSkillId": inputField(graphql.ID, "Wants to develop this skill."),
			"text": inputField(graphql.String, fmt.Sprintf("Words found in names, presentations and evidence titles, each as a prefix; accents and case ignored (%d characters at most).",
				passerelles.MaxTalentTextLength)),
		}})
}
