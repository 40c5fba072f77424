package resolvers

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/graphql-go/graphql"

	"passerelles"
)

// How many items the lists that close a gap hold at most (the cost model sizes them so).
const (
	GapEventsShown      = 5  // SkillGap.events: the next upcoming ones
	GapCommunitiesShown = 10 // SkillGap.communities
	MentorsShown        = 5  // SkillGap.mentors, RoleGap.mentors
	LargestGapsShown    = 3  // RoleGap.largestGaps
)

// RoleGapNode is a gap as GraphQL reads it (its skills point back to it).
type RoleGapNode struct {
	*passerelles.RoleGap
}

// SkillGapNode is one required skill of a gap, with the gap it belongs to.
type SkillGapNode struct {
	passerelles.SkillGap
	Gap *RoleGapNode
}

// mentorKey asks for the mentors of one skill (0: of the role) of one gap.
type mentorKey struct {
	role, current, skill int64
	target               int
}

// careerLoaders batch what closes a gap: for every missing skill of a level, one read of
// events, one of communities, one of mentors per role.
type careerLoaders struct {
	events      *loader[int64, []*passerelles.Event]
	communities *loader[int64, []*passerelles.Community]
	mentors     *loader[mentorKey, []passerelles.Mentor]
	roleCounts  *loader[int64, passerelles.RoleCounts]
	moves       *loader[int64, passerelles.ObservedMoves]
	histories   *loader[int64, []passerelles.PastRole]
}

func (r *Resolver) newCareerLoaders() *careerLoaders {
	return &careerLoaders{
		events: newLoader(func(ctx context.Context, skills []int64) (map[int64][]*passerelles.Event, error) {
			events, _, err := r.svc.Events.FindEvents(ctx, passerelles.EventFilter{When: passerelles.EventsUpcoming, SkillIDs: skills,
				Page: passerelles.Page{Limit: passerelles.MaxPageSize}})
			if err != nil {
				return nil, err
			}
			out := make(map[int64][]*passerelles.Event, len(skills))
			for _, s := range skills {
				out[s] = []*passerelles.Event{}
			}
			for _, e := range events {
				for _, s := range e.SkillIDs {
					if list, ok := out[s]; ok && len(list) < GapEventsShown {
						out[s] = append(list, e)
					}
				}
			}
			return out, nil
		}),
		communities: newLoader(func(ctx context.Context, skills []int64) (map[int64][]*passerelles.Community, error) {
			all, err := findAll(func(page passerelles.Page) ([]*passerelles.Community, int, error) {
				return r.svc.Communities.FindCommunities(ctx, passerelles.CommunityFilter{Page: page})
			})
			if err != nil {
				return nil, err
			}
			out := make(map[int64][]*passerelles.Community, len(skills))
			for _, s := range skills {
				out[s] = []*passerelles.Community{}
			}
			for _, c := range all {
				for _, s := range c.SkillIDs {
					if list, ok := out[s]; ok && len(list) < GapCommunitiesShown {
						out[s] = append(list, c)
					}
				}
			}
			return out, nil
		}),
		mentors: newLoader(func(ctx context.Context, keys []mentorKey) (map[mentorKey][]passerelles.Mentor, error) {
			type group struct{ role, current int64 }
			queries := map[group]*passerelles.MentorQuery{}
			for _, k := range keys {
				g := group{k.role, k.current}
				q := queries[g]
				if q == nil {
					q = &passerelles.MentorQuery{RoleID: k.role, CurrentRoleID: k.current, Limit: MentorsShown}
					queries[g] = q
				}
				if k.skill != 0 {
					q.Skills = append(q.Skills, passerelles.SkillGap{SkillID: k.skill, TargetLevel: k.target})
				}
			}
			out := make(map[mentorKey][]passerelles.Mentor, len(keys))
			for g, q := range queries { // one per role asked: one in practice
				found, err := r.svc.Mentoring.FindMentors(ctx, *q)
				if err != nil {
					return nil, err
				}
				for _, k := range keys {
					if k.role == g.role && k.current == g.current {
						out[k] = found[k.skill]
						if out[k] == nil {
							out[k] = []passerelles.Mentor{}
						}
					}
				}
			}
			return out, nil
		}),
		roleCounts: newLoader(func(ctx context.Context, ids []int64) (map[int64]passerelles.RoleCounts, error) {
			counts, err := r.svc.CareerHistory.CountRoleAgents(ctx, ids)
			if err != nil {
				return nil, err
			}
			for _, id := range ids {
				counts[id] = counts[id] // zero counts are counts too
			}
			return counts, nil
		}),
		moves: newLoader(func(ctx context.Context, ids []int64) (map[int64]passerelles.ObservedMoves, error) {
			ts, err := findAll(func(page passerelles.Page) ([]*passerelles.Transition, int, error) {
				return r.svc.Transitions.FindTransitions(ctx, passerelles.TransitionFilter{Page: page})
			})
			if err != nil {
				return nil, err
			}
			asked := make([]*passerelles.Transition, 0, len(ids))
			for _, t := range ts {
				if slices.Contains(ids, t.ID) {
					asked = append(asked, t)
				}
			}
			return r.svc.CareerHistory.FindObservedMoves(ctx, asked)
		}),
		histories: newLoader(func(ctx context.Context, ids []int64) (map[int64][]passerelles.PastRole, error) {
			return r.svc.CareerHistory.FindCareerHistories(ctx, ids)
		}),
	}
}

// optionalAgentID reads the optional agentId argument (0 when absent: the signed-in agent).
func optionalAgentID(p graphql.ResolveParams) (int64, error) {
	v, ok := p.Args["agentId"]
	if !ok || v == nil {
		return 0, nil
	}
	id, err := parseID(v)
	return id, passerelles.WithField("agentId", err)
}

// RoleGap resolves Query.roleGap.
func (r *Resolver) RoleGap(p graphql.ResolveParams) (any, error) {
	agentID, err := optionalAgentID(p)
	if err != nil {
		return nil, err
	}
	code, _ := p.Args["roleCode"].(string)
	g, err := r.svc.Careers.RoleGap(p.Context, code, agentID)
	if err != nil {
		return nil, err
	}
	return &RoleGapNode{RoleGap: g}, nil
}

// ClosestRoles resolves Query.closestRoles.
func (r *Resolver) ClosestRoles(p graphql.ResolveParams) (any, error) {
	agentID, err := optionalAgentID(p)
	if err != nil {
		return nil, err
	}
	var family *passerelles.RoleFamily
	if v, ok := p.Args["family"].(string); ok {
		f := passerelles.RoleFamily(v)
		family = &f
	}
	first, _ := p.Args["first"].(int)
	gs, err := r.svc.Careers.ClosestRoles(p.Context, agentID, family, first)
	if err != nil {
		return nil, err
	}
	out := make([]*RoleGapNode, len(gs))
	for i, g := range gs {
		out[i] = &RoleGapNode{RoleGap: g}
	}
	return out, nil
}

// CareerPaths resolves Query.careerPaths.
func (r *Resolver) CareerPaths(p graphql.ResolveParams) (any, error) {
	agentID, err := optionalAgentID(p)
	if err != nil {
		return nil, err
	}
	q := passerelles.PathQuery{AgentID: agentID}
	q.ToRoleCode, _ = p.Args["to"].(string)
	q.FromRoleCode, _ = p.Args["from"].(string)
	q.MaxSteps, _ = p.Args["maxSteps"].(int)
	q.Limit, _ = p.Args["first"].(int)
	// The schema gives the defaults: a 0 here was asked for, and is out of range.
	if q.MaxSteps == 0 {
		q.MaxSteps = -1
	}
	if q.Limit == 0 {
		q.Limit = -1
	}
	return r.svc.Careers.CareerPaths(p.Context, q)
}

// RoleGapSkills resolves RoleGap.skills.
func (r *Resolver) RoleGapSkills(p graphql.ResolveParams) (any, error) {
	g, err := Source[*RoleGapNode](p)
	if err != nil {
		return nil, err
	}
	return skillNodes(g, g.Skills), nil
}

// RoleGapLargest resolves RoleGap.largestGaps.
func (r *Resolver) RoleGapLargest(p graphql.ResolveParams) (any, error) {
	g, err := Source[*RoleGapNode](p)
	if err != nil {
		return nil, err
	}
	return skillNodes(g, g.LargestGaps(LargestGapsShown)), nil
}

func skillNodes(g *RoleGapNode, skills []passerelles.SkillGap) []*SkillGapNode {
	out := make([]*SkillGapNode, len(skills))
	for i, s := range skills {
		out[i] = &SkillGapNode{SkillGap: s, Gap: g}
	}
	return out
}

// RoleGapRole resolves RoleGap.role.
func (r *Resolver) RoleGapRole(p graphql.ResolveParams) (any, error) {
	g, err := Source[*RoleGapNode](p)
	if err != nil {
		return nil, err
	}
	return g.Role, nil
}

// RoleGapMentors resolves RoleGap.mentors: agents who moved into the role or hold it.
func (r *Resolver) RoleGapMentors(p graphql.ResolveParams) (any, error) {
	g, err := Source[*RoleGapNode](p)
	if err != nil {
		return nil, err
	}
	return r.mentorsOf(p, g, mentorKey{role: g.Role.ID})
}

// mentorsOf loads the mentors of key for the viewer's own gap: an empty list for a gap of
// someone else (the mentors are the viewer's to ask).
func (r *Resolver) mentorsOf(p graphql.ResolveParams, g *RoleGapNode, key mentorKey) (any, error) {
	u := passerelles.UserFromContext(p.Context)
	if u == nil || u.AgentID == 0 || u.AgentID != g.AgentID {
		return []passerelles.Mentor{}, nil
	}
	key.current = g.CurrentRoleID
	return thunk(r.loadersFrom(p.Context).career.mentors.Load(p, key)), nil
}

// SkillGapSkill resolves SkillGap.skill.
func (r *Resolver) SkillGapSkill(p graphql.ResolveParams) (any, error) {
	s, err := Source[*SkillGapNode](p)
	if err != nil {
		return nil, err
	}
	return r.loadersFrom(p.Context).skill.Resolve(p, s.SkillID), nil
}

// SkillGapEvents resolves SkillGap.events: upcoming published events that develop the
// skill, when the skill is missing (an empty list otherwise).
func (r *Resolver) SkillGapEvents(p graphql.ResolveParams) (any, error) {
	s, err := Source[*SkillGapNode](p)
	if err != nil {
		return nil, err
	}
	if s.SkillGap.Gap == 0 {
		return []*passerelles.Event{}, nil
	}
	return thunk(r.loadersFrom(p.Context).career.events.Load(p, s.SkillID)), nil
}

// SkillGapCommunities resolves SkillGap.communities, when the skill is missing.
func (r *Resolver) SkillGapCommunities(p graphql.ResolveParams) (any, error) {
	s, err := Source[*SkillGapNode](p)
	if err != nil {
		return nil, err
	}
	if s.SkillGap.Gap == 0 {
		return []*passerelles.Community{}, nil
	}
	return thunk(r.loadersFrom(p.Context).career.communities.Load(p, s.SkillID)), nil
}

// SkillGapMentors resolves SkillGap.mentors, when the skill is missing.
func (r *Resolver) SkillGapMentors(p graphql.ResolveParams) (any, error) {
	s, err := Source[*SkillGapNode](p)
	if err != nil {
		return nil, err
	}
	if s.SkillGap.Gap == 0 {
		return []passerelles.Mentor{}, nil
	}
	return r.mentorsOf(p, s.Gap, mentorKey{role: s.Gap.Role.ID, skill: s.SkillID, target: s.TargetLevel})
}

// MentorProfile resolves Mentor.profile: read with the other cards of the level, not
// recorded as a view (a list of mentors is not a visit of their profiles).
func (r *Resolver) MentorProfile(p graphql.ResolveParams) (any, error) {
	m, err := Source[passerelles.Mentor](p)
	if err != nil {
		return nil, err
	}
	return r.loadersFrom(p.Context).listedProfile.Resolve(p, m.AgentID), nil
}

// StepRole resolves CareerStep.from and CareerStep.to.
func (r *Resolver) StepRole(to bool) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		s, err := Source[passerelles.CareerStep](p)
		if err != nil {
			return nil, err
		}
		id := s.FromRoleID
		if to {
			id = s.ToRoleID
		}
		if id == 0 {
			return nil, nil
		}
		return r.loadersFrom(p.Context).role.Resolve(p, id), nil
	}
}

// CareerPathsFrom resolves CareerPaths.from.
func (r *Resolver) CareerPathsFrom(p graphql.ResolveParams) (any, error) {
	c, err := Source[*passerelles.CareerPaths](p)
	if err != nil || c.FromRoleID == 0 {
		return nil, err
	}
	return r.loadersFrom(p.Context).role.Resolve(p, c.FromRoleID), nil
}

// RoleCount resolves Role.holdersCount (holders) and Role.targetersCount: null below
// passerelles.MinCellSize.
func (r *Resolver) RoleCount(holders bool) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		role, err := Source[*passerelles.Role](p)
		if err != nil {
			return nil, err
		}
		load := r.loadersFrom(p.Context).career.roleCounts.Load(p, role.ID)
		return func() (any, error) {
			c, _, err := load()
			if err != nil {
				return nil, err
			}
			n := c.Targeters
			if holders {
				n = c.Holders
			}
			if v := passerelles.SuppressSmall(n); v != nil {
				return *v, nil
			}
			return nil, nil
		}, nil
	}
}

// TransitionObservedMoves resolves Transition.observedMoves.
func (r *Resolver) TransitionObservedMoves(p graphql.ResolveParams) (any, error) {
	t, err := Source[*passerelles.Transition](p)
	if err != nil {
		return nil, err
	}
	return thunk(r.loadersFrom(p.Context).career.moves.Load(p, t.ID)), nil
}

// ProfileCareerHistory resolves Profile.careerHistory: whoever sees the profile reads it.
func (r *Resolver) ProfileCareerHistory(p graphql.ResolveParams) (any, error) {
	pr, err := Source[*passerelles.Profile](p)
	if err != nil {
		return nil, err
	}
	load := r.loadersFrom(p.Context).career.histories.Load(p, pr.Agent.ID)
	return func() (any, error) {
		h, _, err := load()
		if h == nil {
			h = []passerelles.PastRole{}
		}
		return h, err
	}, nil
}

// PastRoleRole resolves PastRole.role.
func (r *Resolver) PastRoleRole(p graphql.ResolveParams) (any, error) {
	e, err := Source[passerelles.PastRole](p)
	if err != nil {
		return nil, err
	}
	return r.loadersFrom(p.Context).role.Resolve(p, e.RoleID), nil
}

// SetCareerHistory resolves Mutation.setCareerHistory.
func (r *Resolver) SetCareerHistory(p graphql.ResolveParams) (any, error) {
	list, _ := input(p)["entries"].([]any)
	entries := make([]passerelles.PastRole, 0, len(list))
	for i, v := range list {
		m, _ := v.(map[string]any)
		at := "entries." + strconv.Itoa(i) + "."
		role, err := inputID(m, "roleId")
		if err != nil {
			return nil, passerelles.WithField(at[:len(at)-1], err)
		}
		e := passerelles.PastRole{RoleID: role}
		if e.StartedOn, err = parseDay(m["startedOn"], "La date de début"); err != nil {
			return nil, passerelles.WithField(at+"startedOn", err)
		}
		if s, ok := m["endedOn"].(string); ok && s != "" {
			d, err := parseDay(s, "La date de fin")
			if err != nil {
				return nil, passerelles.WithField(at+"endedOn", err)
			}
			e.EndedOn = &d
		}
		entries = append(entries, e)
	}
	h, err := r.svc.CareerHistory.SetCareerHistory(p.Context, entries)
	if err != nil {
		return nil, err
	}
	return map[string]any{"careerHistory": h}, nil
}

// parseDay reads a date YYYY-MM-DD.
func parseDay(v any, what string) (time.Time, error) {
	s, _ := v.(string)
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, passerelles.Errorf(passerelles.EINVALID, "%s doit être une date AAAA-MM-JJ.", what)
	}
	return d, nil
}

// RequestMentoring resolves Mutation.requestMentoring.
func (r *Resolver) RequestMentoring(p graphql.ResolveParams) (any, error) {
	in := input(p)
	mentor, err := inputID(in, "mentorId")
	if err != nil {
		return nil, err
	}
	mi := passerelles.MentoringInput{MentorID: mentor}
	mi.RoleCode, _ = in["roleCode"].(string)
	mi.Message, _ = in["message"].(string)
	req, err := r.svc.Mentoring.RequestMentoring(p.Context, mi)
	if err != nil {
		return nil, err
	}
	return map[string]any{"request": req}, nil
}

// RespondToMentoring resolves Mutation.respondToMentoring.
func (r *Resolver) RespondToMentoring(p graphql.ResolveParams) (any, error) {
	in := input(p)
	id, err := inputID(in, "requestId")
	if err != nil {
		return nil, err
	}
	accept, _ := in["accept"].(bool)
	req, err := r.svc.Mentoring.RespondToMentoring(p.Context, id, accept)
	if err != nil {
		return nil, err
	}
	return map[string]any{"request": req}, nil
}

// WithdrawMentoringRequest resolves Mutation.withdrawMentoringRequest.
func (r *Resolver) WithdrawMentoringRequest(p graphql.ResolveParams) (any, error) {
	id, err := inputID(input(p), "requestId")
	if err != nil {
		return nil, err
	}
	req, err := r.svc.Mentoring.WithdrawMentoring(p.Context, id)
	if err != nil {
		return nil, err
	}
	return map[string]any{"request": req}, nil
}

// MentoringRequests resolves User.mentoringRequestsSent (sent) and
// User.mentoringRequestsReceived: the signed-in person's own only.
func (r *Resolver) MentoringRequests(sent bool) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		u, err := Source[*passerelles.User](p)
		if err != nil {
			return nil, err
		}
		if v := passerelles.UserFromContext(p.Context); v == nil || v.AgentID == 0 || v.AgentID != u.AgentID {
			return nil, passerelles.Errorf(passerelles.EFORBIDDEN, "Seule la personne concernée voit ses demandes de mentorat.")
		}
		return queryPage(p, func(page passerelles.Page) ([]*passerelles.MentoringRequest, int, error) {
			return r.svc.Mentoring.FindMentoringRequests(p.Context, sent, page)
		})
	}
}

// MentoringRole resolves MentoringRequest.role.
func (r *Resolver) MentoringRole(p graphql.ResolveParams) (any, error) {
	m, err := Source[*passerelles.MentoringRequest](p)
	if err != nil {
		return nil, err
	}
	return r.loadersFrom(p.Context).role.Resolve(p, m.RoleID), nil
}

// MentoringParty resolves MentoringRequest.requester and .mentor: the profile, when the
// viewer may see it (null otherwise; the names are always given to both parties).
func (r *Resolver) MentoringParty(mentor bool) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		m, err := Source[*passerelles.MentoringRequest](p)
		if err != nil {
			return nil, err
		}
		id := m.RequesterID
		if mentor {
			id = m.MentorID
		}
		return r.loadersFrom(p.Context).listedProfile.Resolve(p, id), nil
	}
}
