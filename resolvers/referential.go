package resolvers

import (
	"context"

	"github.com/graphql-go/graphql"

	"passerelles"
)

// Frameworks resolves Query.frameworks.
func (r *Resolver) Frameworks(p graphql.ResolveParams) (any, error) {
	return queryPage(p, func(page passerelles.Page) ([]*passerelles.Framework, int, error) {
		return r.svc.Frameworks.FindFrameworks(p.Context, passerelles.FrameworkFilter{Page: page})
	})
}

// Framework resolves Query.framework.
func (r *Resolver) Framework(p graphql.ResolveParams) (any, error) {
	code, _ := p.Args["code"].(string)
	return r.svc.Frameworks.FindFrameworkByCode(p.Context, code)
}

// FrameworkSkills resolves Framework.skills from the skills of its domains, which the
// domain loader reads for every framework of a response at once (referential order is
// domain order, then skill order within a domain).
func (r *Resolver) FrameworkSkills(p graphql.ResolveParams) (any, error) {
	f, err := Source[*passerelles.Framework](p)
	if err != nil {
		return nil, err
	}
	page, err := pageArgs(p)
	if err != nil {
		return nil, err
	}
	domain := optString(p, "domain")
	l := r.loadersFrom(p.Context)
	var ths []func() ([]*passerelles.Skill, bool, error)
	for _, d := range f.Domains {
		if domain == nil || d.Code == *domain {
			ths = append(ths, l.domainSkills.Load(p, d.ID))
		}
	}
	return func() (any, error) {
		var all []*passerelles.Skill
		for _, th := range ths {
			skills, _, err := th()
			if err != nil {
				return nil, err
			}
			all = append(all, skills...)
		}
		return sliceConnection(all, page), nil
	}, nil
}

// FrameworkDomains resolves Framework.domains.
func (r *Resolver) FrameworkDomains(p graphql.ResolveParams) (any, error) {
	f, err := Source[*passerelles.Framework](p)
	if err != nil {
		return nil, err
	}
	out := make([]*passerelles.Domain, len(f.Domains))
	for i := range f.Domains {
		out[i] = &f.Domains[i]
	}
	return out, nil
}

// DomainSkills resolves Domain.skills, one query for all the domains of a response.
func (r *Resolver) DomainSkills(p graphql.ResolveParams) (any, error) {
	d, err := Source[*passerelles.Domain](p)
	if err != nil {
		return nil, err
	}
	page, err := pageArgs(p)
	if err != nil {
		return nil, err
	}
	th := r.loadersFrom(p.Context).domainSkills.Load(p, d.ID)
	return func() (any, error) {
		skills, _, err := th()
		if err != nil {
			return nil, err
		}
		return sliceConnection(skills, page), nil
	}, nil
}

// Skills resolves Query.skills.
func (r *Resolver) Skills(p graphql.ResolveParams) (any, error) {
	return queryPage(p, func(page passerelles.Page) ([]*passerelles.Skill, int, error) {
		return r.svc.Skills.FindSkills(p.Context, passerelles.SkillFilter{
			FrameworkCode: optString(p, "framework"), DomainCode: optString(p, "domain"), Search: optString(p, "search"), Page: page})
	})
}

// Skill resolves Query.skill.
func (r *Resolver) Skill(p graphql.ResolveParams) (any, error) {
	id, err := parseID(p.Args["id"])
	if err != nil {
		return nil, err
	}
	return r.svc.Skills.FindSkillByID(p.Context, id)
}

// SkillFramework resolves Skill.framework.
func (r *Resolver) SkillFramework(p graphql.ResolveParams) (any, error) {
	s, err := Source[*passerelles.Skill](p)
	if err != nil {
		return nil, err
	}
	return r.loadersFrom(p.Context).framework.Resolve(p, s.FrameworkID), nil
}

// SkillDomain resolves Skill.domain.
func (r *Resolver) SkillDomain(p graphql.ResolveParams) (any, error) {
	s, err := Source[*passerelles.Skill](p)
	if err != nil {
		return nil, err
	}
	th := r.loadersFrom(p.Context).framework.Load(p, s.FrameworkID)
	return func() (any, error) {
		f, ok, err := th()
		if err != nil || !ok {
			return nil, err
		}
		for i := range f.Domains {
			if f.Domains[i].ID == s.DomainID {
				return &f.Domains[i], nil
			}
		}
		return nil, nil
	}, nil
}

// SkillLevels resolves Skill.levels: the levels of its framework at which it is defined.
func (r *Resolver) SkillLevels(p graphql.ResolveParams) (any, error) {
	s, err := Source[*passerelles.Skill](p)
	if err != nil {
		return nil, err
	}
	th := r.loadersFrom(p.Context).framework.Load(p, s.FrameworkID)
	return func() (any, error) {
		f, ok, err := th()
		if err != nil || !ok {
			return nil, err
		}
		var out []passerelles.Level
		for _, l := range f.Levels {
			if s.HasLevel(f, l.Value) {
				out = append(out, l)
			}
		}
		return out, nil
	}, nil
}

// Roles resolves Query.roles.
func (r *Resolver) Roles(p graphql.ResolveParams) (any, error) {
	var family *passerelles.RoleFamily
	if v, ok := p.Args["family"].(string); ok {
		f := passerelles.RoleFamily(v)
		family = &f
	}
	var retired *bool
	if v, ok := p.Args["retired"].(bool); ok {
		retired = &v
	}
	return queryPage(p, func(page passerelles.Page) ([]*passerelles.Role, int, error) {
		return r.svc.Roles.FindRoles(p.Context, passerelles.RoleFilter{Family: family, Retired: retired, Page: page})
	})
}

// Role resolves Query.role.
func (r *Resolver) Role(p graphql.ResolveParams) (any, error) {
	code, _ := p.Args["code"].(string)
	return r.svc.Roles.FindRoleByCode(p.Context, code)
}

// RequiredSkillSkill resolves RequiredSkill.skill.
func (r *Resolver) RequiredSkillSkill(p graphql.ResolveParams) (any, error) {
	rs, err := Source[passerelles.RequiredSkill](p)
	if err != nil {
		return nil, err
	}
	return r.loadersFrom(p.Context).skill.Resolve(p, rs.SkillID), nil
}

// RequiredSkillLevel resolves RequiredSkill.level: the target level on the skill's scale.
func (r *Resolver) RequiredSkillLevel(p graphql.ResolveParams) (any, error) {
	rs, err := Source[passerelles.RequiredSkill](p)
	if err != nil {
		return nil, err
	}
	return r.skillLevel(p, rs.SkillID, rs.Level)
}

// RoleTransitionsFrom resolves Role.transitionsFrom: the paths that leave this role.
func (r *Resolver) RoleTransitionsFrom(p graphql.ResolveParams) (any, error) {
	role, err := Source[*passerelles.Role](p)
	if err != nil {
		return nil, err
	}
	th := r.loadersFrom(p.Context).transitions.Load(p, role.ID)
	return func() (any, error) {
		ts, _, err := th()
		return ts.From, err
	}, nil
}

// RoleTransitionsTo resolves Role.transitionsTo: the paths that lead to this role.
func (r *Resolver) RoleTransitionsTo(p graphql.ResolveParams) (any, error) {
	role, err := Source[*passerelles.Role](p)
	if err != nil {
		return nil, err
	}
	th := r.loadersFrom(p.Context).transitions.Load(p, role.ID)
	return func() (any, error) {
		ts, _, err := th()
		return ts.To, err
	}, nil
}

// Transitions resolves Query.transitions.
func (r *Resolver) Transitions(p graphql.ResolveParams) (any, error) {
	filter := passerelles.TransitionFilter{}
	filter.IncludeRetired, _ = p.Args["includeRetired"].(bool)
	for arg, ids := range map[string]*[]int64{"from": &filter.FromRoleIDs, "to": &filter.ToRoleIDs} {
		if code, ok := p.Args[arg].(string); ok {
			role, err := r.svc.Roles.FindRoleByCode(p.Context, code)
			if err != nil {
				return nil, err
			}
			*ids = []int64{role.ID}
		}
	}
	if v, ok := p.Args["kind"].(string); ok {
		k := passerelles.TransitionKind(v)
		filter.Kind = &k
	}
	return queryPage(p, func(page passerelles.Page) ([]*passerelles.Transition, int, error) {
		filter.Page = page
		return r.svc.Transitions.FindTransitions(p.Context, filter)
	})
}

// TransitionFrom resolves Transition.from.
func (r *Resolver) TransitionFrom(p graphql.ResolveParams) (any, error) {
	t, err := Source[*passerelles.Transition](p)
	if err != nil {
		return nil, err
	}
	return r.loadersFrom(p.Context).role.Resolve(p, t.FromRoleID), nil
}

// TransitionTo resolves Transition.to.
func (r *Resolver) TransitionTo(p graphql.ResolveParams) (any, error) {
	t, err := Source[*passerelles.Transition](p)
	if err != nil {
		return nil, err
	}
	return r.loadersFrom(p.Context).role.Resolve(p, t.ToRoleID), nil
}

// Ministries resolves Query.ministries.
func (r *Resolver) Ministries(p graphql.ResolveParams) (any, error) {
	return queryPage(p, func(page passerelles.Page) ([]*passerelles.Ministry, int, error) {
		return r.svc.Organisations.FindMinistries(p.Context, nil, page)
	})
}

// Regions resolves Query.regions.
func (r *Resolver) Regions(p graphql.ResolveParams) (any, error) {
	return queryPage(p, func(page passerelles.Page) ([]*passerelles.Region, int, error) {
		return r.svc.Organisations.FindRegions(p.Context, nil, page)
	})
}

// Organisations resolves Query.organisations.
func (r *Resolver) Organisations(p graphql.ResolveParams) (any, error) {
	filter := passerelles.OrganisationFilter{MinistryCode: optString(p, "ministry"), RegionCode: optString(p, "region")}
	if v, ok := p.Args["type"].(string); ok {
		t := passerelles.OrganisationType(v)
		filter.Type = &t
	}
	return queryPage(p, func(page passerelles.Page) ([]*passerelles.Organisation, int, error) {
		filter.Page = page
		return r.svc.Organisations.FindOrganisations(p.Context, filter)
	})
}

// OrganisationMinistry resolves Organisation.ministry.
func (r *Resolver) OrganisationMinistry(p graphql.ResolveParams) (any, error) {
	o, err := Source[*passerelles.Organisation](p)
	if err != nil {
		return nil, err
	}
	return r.loadersFrom(p.Context).ministry.Resolve(p, o.MinistryID), nil
}

// OrganisationRegion resolves Organisation.region (null for national entities).
func (r *Resolver) OrganisationRegion(p graphql.ResolveParams) (any, error) {
	o, err := Source[*passerelles.Organisation](p)
	if err != nil {
		return nil, err
	}
	if o.RegionID == 0 {
		return nil, nil
	}
	return r.loadersFrom(p.Context).region.Resolve(p, o.RegionID), nil
}

// Grades resolves Query.grades.
func (r *Resolver) Grades(p graphql.ResolveParams) (any, error) {
	page, err := pageArgs(p)
	if err != nil {
		return nil, err
	}
	grades, err := r.svc.Organisations.FindGrades(p.Context)
	if err != nil {
		return nil, err
	}
	return sliceConnection(grades, page), nil
}

// Communities resolves Query.communities.
func (r *Resolver) Communities(p graphql.ResolveParams) (any, error) {
	return queryPage(p, func(page passerelles.Page) ([]*passerelles.Community, int, error) {
		archived, _ := p.Args["includeArchived"].(bool)
		return r.svc.Communities.FindCommunities(p.Context, passerelles.CommunityFilter{IncludeArchived: archived, Page: page})
	})
}

// Community resolves Query.community.
func (r *Resolver) Community(p graphql.ResolveParams) (any, error) {
	code, _ := p.Args["code"].(string)
	return r.svc.Communities.FindCommunityByCode(p.Context, code)
}

// CommunitySkills resolves Community.skills, batched across communities.
func (r *Resolver) CommunitySkills(p graphql.ResolveParams) (any, error) {
	c, err := Source[*passerelles.Community](p)
	if err != nil {
		return nil, err
	}
	l := r.loadersFrom(p.Context)
	ths := make([]func() (*passerelles.Skill, bool, error), len(c.SkillIDs))
	for i, id := range c.SkillIDs {
		ths[i] = l.skill.Load(p, id)
	}
	return func() (any, error) {
		out := make([]*passerelles.Skill, 0, len(ths))
		for _, th := range ths {
			s, ok, err := th()
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, s)
			}
		}
		return out, nil
	}, nil
}

// CommunityMembers resolves Community.members: the members whose profile the viewer may
// see, animators first; the pages of every community of a response come in one fetch.
func (r *Resolver) CommunityMembers(p graphql.ResolveParams) (any, error) {
	c, err := Source[*passerelles.Community](p)
	if err != nil {
		return nil, err
	}
	page, err := pageArgs(p)
	if err != nil {
		return nil, err
	}
	key := memberKey{community: c.ID, offset: page.Offset, limit: page.Limit}
	if !selectsItems(p) {
		key.limit = 0 // the total only: no profile to read
	}
	return thunk(r.loadersFrom(p.Context).members.Load(p, key)), nil
}

// fetchMembers reads the pages of members that keys ask for: one call per distinct page
// window (one in practice), then one for every profile of every page.
func (r *Resolver) fetchMembers(ctx context.Context, keys []memberKey) (map[memberKey]*Connection, error) {
	type window struct{ offset, limit int }
	byWindow := map[window][]int64{}
	var order []window
	for _, k := range keys {
		w := window{k.offset, k.limit}
		if _, ok := byWindow[w]; !ok {
			order = append(order, w)
		}
		byWindow[w] = append(byWindow[w], k.community)
	}
	pages := map[memberKey]passerelles.MemberPage{}
	var agentIDs []int64
	for _, w := range order {
		// first: 0 asks only for the totals.
		limit := max(w.limit, 1)
		got, err := r.svc.Communities.FindMembers(ctx, byWindow[w], passerelles.Page{Offset: w.offset, Limit: limit})
		if err != nil {
			return nil, err
		}
		for id, mp := range got {
			if w.limit == 0 {
				mp.Members = nil
			}
			pages[memberKey{community: id, offset: w.offset, limit: w.limit}] = mp
			for _, m := range mp.Members {
				agentIDs = append(agentIDs, m.AgentID)
			}
		}
	}
	profiles := map[int64]*passerelles.Profile{}
	if len(agentIDs) > 0 {
		var err error
		if profiles, err = r.svc.Profiles.FindProfiles(ctx, agentIDs); err != nil {
			return nil, err
		}
	}
	out := make(map[memberKey]*Connection, len(pages))
	for k, mp := range pages {
		nodes := make([]*passerelles.Profile, 0, len(mp.Members))
		for _, m := range mp.Members {
			if pr, ok := profiles[m.AgentID]; ok {
				nodes = append(nodes, pr)
			}
		}
		out[k] = newConnection(nodes, passerelles.Page{Offset: k.offset, Limit: k.limit}, mp.Total)
	}
	return out, nil
}
