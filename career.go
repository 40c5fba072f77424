package passerelles

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
)

// GapBasis says which of an agent's levels of a skill counts towards a role.
type GapBasis string

// Gap bases.
const (
	GapBasisValidated GapBasis = "VALIDATED" // a manager validated a level: it counts
	GapBasisDeclared  GapBasis = "DECLARED"  // declared only: the declared level counts
	GapBasisNone      GapBasis = "NONE"      // not declared: level 0
)

// GapExplanation says, in French, what CountedLevel counts and how Match is computed, for
// the people who read a gap.
const GapExplanation = "Pour chaque compétence requise, le niveau retenu est le niveau validé par un manager " +
	"lorsqu’il existe, sinon le niveau que vous avez déclaré. Une compétence non déclarée compte pour 0. " +
	"La correspondance est la moyenne, pondérée par le poids de chaque compétence (1 utile, 2 importante, " +
	"3 essentielle), du niveau retenu rapporté au niveau attendu (un niveau au-dessus de l’attendu compte " +
	"comme l’attendu), arrondie au pour cent le plus proche."

// CountedLevel is the one rule of which level of a declared skill counts towards a role:
// the level a manager validated when there is one — it may be lower than the one declared
// since, and then it is the one a third party vouches for — else the declared level.
// A nil skill (not declared) counts 0.
func CountedLevel(s *DeclaredSkill) (int, GapBasis) {
	switch {
	case s == nil:
		return 0, GapBasisNone
	case s.ValidatedLevel > 0:
		return s.ValidatedLevel, GapBasisValidated
	}
	return s.Level, GapBasisDeclared
}

// SkillGap is what separates an agent from one required skill of a role.
type SkillGap struct {
	SkillID        int64
	DeclaredLevel  int // 0 when not declared
	ValidatedLevel int // 0 when not validated
	TargetLevel    int
	CountedLevel   int
	Basis          GapBasis
	Gap            int // TargetLevel − CountedLevel, 0 when the agent reaches it
	Weight         int
}

// RoleGap is what separates an agent's profile from a role.
type RoleGap struct {
	Role    *Role
	AgentID int64
	// CurrentRoleID is the agent's current role (0: none), set by the service: mentors
	// who made the move from it rank first.
	CurrentRoleID int64
	Skills        []SkillGap // in the role's order of required skills
	// Match is the weighted share of the role's target levels the agent reaches, 0–100
	// (GapExplanation).
	Match int
}

// ComputeRoleGap returns the gap between the declared skills of an agent and role: the
// pure rule that roleGap, closestRoles and careerPaths share. A role without required
// skills matches 0: nothing says the agent is close to it.
func ComputeRoleGap(role *Role, agentID int64, skills []DeclaredSkill) *RoleGap {
	bySkill := make(map[int64]*DeclaredSkill, len(skills))
	for i := range skills {
		bySkill[skills[i].SkillID] = &skills[i]
	}
	g := &RoleGap{Role: role, AgentID: agentID, Skills: make([]SkillGap, 0, len(role.RequiredSkills))}
	var reached, weights float64
	for _, rs := range role.RequiredSkills {
		d := bySkill[rs.SkillID]
		counted, basis := CountedLevel(d)
		sg := SkillGap{SkillID: rs.SkillID, TargetLevel: rs.Level, CountedLevel: counted, Basis: basis,
			Gap: max(0, rs.Level-counted), Weight: rs.Weight}
		if d != nil {
			sg.DeclaredLevel, sg.ValidatedLevel = d.Level, d.ValidatedLevel
		}
		g.Skills = append(g.Skills, sg)
		if rs.Level > 0 {
			reached += float64(rs.Weight) * float64(min(counted, rs.Level)) / float64(rs.Level)
			weights += float64(rs.Weight)
		}
	}
	if weights > 0 {
		g.Match = int(math.Round(100 * reached / weights))
	}
	return g
}

// LargestGaps returns the n skills of the gap that matter most: the largest weight × gap
// first (then the largest gap, then the role's order); skills already reached are left out.
func (g *RoleGap) LargestGaps(n int) []SkillGap {
	var out []SkillGap
	for _, s := range g.Skills {
		if s.Gap > 0 {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b SkillGap) int {
		if c := cmp.Compare(b.Gap*b.Weight, a.Gap*a.Weight); c != 0 {
			return c
		}
		return cmp.Compare(b.Gap, a.Gap)
	})
	return out[:min(n, len(out))]
}

// Missing returns the skills of the gap that the agent does not reach yet.
func (g *RoleGap) Missing() []SkillGap { return g.LargestGaps(len(g.Skills)) }

// RankRoles returns the gap to every role of family (every role when family is nil) but
// the agent's current role, the closest first (highest match, then the role's code).
func RankRoles(roles []*Role, agentID, currentRoleID int64, skills []DeclaredSkill, family *RoleFamily) []*RoleGap {
	out := make([]*RoleGap, 0, len(roles))
	for _, r := range roles {
		// A retired role is no longer a destination (it keeps its holders and history).
		if (family != nil && r.Family != *family) || r.ID == currentRoleID || r.Retired() {
			continue
		}
		out = append(out, ComputeRoleGap(r, agentID, skills))
	}
	slices.SortStableFunc(out, func(a, b *RoleGap) int {
		if c := cmp.Compare(b.Match, a.Match); c != 0 {
			return c
		}
		return cmp.Compare(a.Role.Code, b.Role.Code)
	})
	return out
}

// Limits of a path search.
const (
	MaxPathSteps = 4  // transitions in one path: enough for any real career move
	MaxPaths     = 10 // paths one search returns at most
)

// CareerStepKind says how a step of a path is made: one of the transition kinds, or ENTRY,
// the first step of an agent who has no current role (they start from the role closest to
// their profile).
type CareerStepKind string

// CareerStepEntry is the step into the role closest to the profile of an agent without a
// current role.
const CareerStepEntry CareerStepKind = "ENTRY"

// CareerStep is one step of a career path.
type CareerStep struct {
	Kind        CareerStepKind
	FromRoleID  int64 // 0 for ENTRY
	ToRoleID    int64
	Transition  *Transition // nil for ENTRY
	Match       int         // the agent's match with the step's destination
	Cost        float64
	Explanation string
	DurationMo  int // the transition's typical duration, 0 when unknown
}

// CareerPath is a way from a role (or from the profile alone) to a target role.
type CareerPath struct {
	Steps  []CareerStep
	Cost   float64 // the sum of the steps' costs: lower is better
	Months int     // the sum of the known typical durations
}

// CareerPaths is the answer of a path search: the paths, best first, and a message that
// says where they start, or plainly why there is none.
type CareerPaths struct {
	FromRoleID int64 // the role the paths start from; with Entry, the role closest to the profile
	Entry      bool  // the agent has no current role: the paths start with an ENTRY step
	Paths      []CareerPath
	Message    string
}

// kindCost is the part of a step's cost its kind gives: a close move is the easiest, a
// promotion asks for growth, a reconversion for a new trade.
func kindCost(k TransitionKind) float64 {
	switch k {
	case TransitionKindClose:
		return 1
	case TransitionKindPromotion:
		return 2
	}
	return 3
}

// StepCost is the cost of one step to a destination the agent matches at match percent,
// by a transition of kind taking months (0 when unknown): the kind (1 close, 2 promotion,
// 3 reconversion), plus the skills still missing at the destination ((100 − match) / 25,
// so 0 to 4), plus a year of typical duration as 1. Every step costs at least 1, so a
// shorter path of the same steps is always cheaper and costs only grow along a path (the
// search's bound relies on it).
func StepCost(kind TransitionKind, match, months int) float64 {
	return kindCost(kind) + float64(100-match)/25 + float64(months)/12
}

var kindLabels = map[TransitionKind]string{
	TransitionKindClose:        "mobilité proche",
	TransitionKindPromotion:    "mobilité avec évolution",
	TransitionKindReconversion: "reconversion",
}

// PathPlanner finds career paths for one agent through the transition graph: its steps
// cost what StepCost says with the agent's match at each destination.
type PathPlanner struct {
	Roles       map[int64]*Role
	Transitions []*Transition
	Gaps        map[int64]*RoleGap // the agent's gap to every role, by role id
}

// NewPathPlanner returns the planner of an agent with those declared skills over the
// catalogue.
func NewPathPlanner(roles []*Role, transitions []*Transition, agentID int64, skills []DeclaredSkill) *PathPlanner {
	p := &PathPlanner{Roles: make(map[int64]*Role, len(roles)), Transitions: transitions, Gaps: make(map[int64]*RoleGap, len(roles))}
	for _, r := range roles {
		p.Roles[r.ID] = r
		p.Gaps[r.ID] = ComputeRoleGap(r, agentID, skills)
	}
	return p
}

func (p *PathPlanner) title(id int64) string {
	if r := p.Roles[id]; r != nil {
		return r.Title
	}
	return "?"
}

func (p *PathPlanner) match(id int64) int {
	if g := p.Gaps[id]; g != nil {
		return g.Match
	}
	return 0
}

// Search returns the k cheapest simple paths of at most maxSteps transitions from the
// role from to the role to.
//
// It is a depth-first enumeration of simple paths bounded by maxSteps (≤ MaxPathSteps),
// with branch and bound: a partial path whose cost already exceeds the k-th best complete
// one is cut, since every step adds at least 1. On the catalogue's 33 roles and 22
// transitions this visits a few dozen partial paths and is exact; Yen's algorithm would need
// a shortest-path routine that honours the step limit (plain Dijkstra does not), for no
// gain at this size.
func (p *PathPlanner) Search(from, to int64, maxSteps, k int) []CareerPath {
	maxSteps = min(max(maxSteps, 1), MaxPathSteps)
	k = min(max(k, 1), MaxPaths)
	out := map[int64][]*Transition{}
	for _, t := range p.Transitions {
		out[t.FromRoleID] = append(out[t.FromRoleID], t)
	}
	var best []CareerPath
	bound := func() float64 {
		if len(best) < k {
			return math.Inf(1)
		}
		return best[len(best)-1].Cost
	}
	onPath := map[int64]bool{from: true}
	var steps []CareerStep
	var walk func(at int64, cost float64)
	walk = func(at int64, cost float64) {
		if at == to {
			path := CareerPath{Steps: slices.Clone(steps), Cost: cost}
			for _, s := range path.Steps {
				path.Months += s.DurationMo
			}
			best = append(best, path)
			slices.SortStableFunc(best, comparePaths)
			best = best[:min(len(best), k)]
			return
		}
		if len(steps) == maxSteps {
			return
		}
		for _, t := range out[at] {
			if onPath[t.ToRoleID] {
				continue
			}
			s := p.step(t)
			if cost+s.Cost > bound() {
				continue
			}
			onPath[t.ToRoleID] = true
			steps = append(steps, s)
			walk(t.ToRoleID, cost+s.Cost)
			steps = steps[:len(steps)-1]
			onPath[t.ToRoleID] = false
		}
	}
	if from != to {
		walk(from, 0)
	}
	return best
}

// comparePaths orders paths by cost, then fewer steps, then the roles they go through
// (so that equal paths come in a stable order).
func comparePaths(a, b CareerPath) int {
	if c := cmp.Compare(round2(a.Cost), round2(b.Cost)); c != 0 {
		return c
	}
	if c := cmp.Compare(len(a.Steps), len(b.Steps)); c != 0 {
		return c
	}
	for i := range a.Steps {
		if c := cmp.Compare(a.Steps[i].ToRoleID, b.Steps[i].ToRoleID); c != 0 {
			return c
		}
	}
	return 0
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// step returns the step of transition t for the planner's agent, explained.
func (p *PathPlanner) step(t *Transition) CareerStep {
	m := p.match(t.ToRoleID)
	s := CareerStep{Kind: CareerStepKind(t.Kind), FromRoleID: t.FromRoleID, ToRoleID: t.ToRoleID, Transition: t,
		Match: m, DurationMo: t.TypicalDurationMonths}
	s.Cost = round2(StepCost(t.Kind, m, t.TypicalDurationMonths))
	duration := "durée typique non renseignée"
	if t.TypicalDurationMonths > 0 {
		duration = fmt.Sprintf("durée typique %d mois", t.TypicalDurationMonths)
	}
	s.Explanation = fmt.Sprintf("De « %s » à « %s » : %s, %s ; votre profil correspond à %d %% de ce métier.",
		p.title(t.FromRoleID), p.title(t.ToRoleID), kindLabels[t.Kind], duration, m)
	return s
}

// Plan returns the best paths to the role to: from the role from when it is not 0 (the
// agent's current role, or a role they name); otherwise from the profile alone, with an
// ENTRY step into the closest role (by match) from which the target can be reached in
// maxSteps − 1 transitions — the target itself only when it is the closest of all. The message says where the paths start or why
// there are none.
func (p *PathPlanner) Plan(from, to int64, maxSteps, k int) *CareerPaths {
	res := &CareerPaths{FromRoleID: from}
	if from != 0 {
		if from == to {
			res.Message = fmt.Sprintf("Vous occupez déjà le métier « %s ».", p.title(to))
			res.Paths = []CareerPath{}
			return res
		}
		res.Paths = p.Search(from, to, maxSteps, k)
		if len(res.Paths) == 0 {
			res.Message = fmt.Sprintf("Aucun parcours de %d étape(s) au plus ne mène de « %s » à « %s » dans le catalogue des passerelles.",
				min(max(maxSteps, 1), MaxPathSteps), p.title(from), p.title(to))
		} else {
			res.Message = fmt.Sprintf("Parcours depuis votre métier « %s », du plus accessible au moins accessible.", p.title(from))
		}
		return res
	}
	res.Entry = true
	ids := make([]int64, 0, len(p.Roles))
	for id := range p.Roles {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b int64) int {
		if c := cmp.Compare(p.match(b), p.match(a)); c != 0 {
			return c
		}
		return cmp.Compare(p.Roles[a].Code, p.Roles[b].Code)
	})
	for i, id := range ids {
		var paths []CareerPath
		if id == to {
			if i > 0 {
				continue // the target is an entry only when it is the closest role of all
			}
			paths = []CareerPath{{}}
		} else if maxSteps <= 1 {
			continue // the entry step is one of the steps
		} else if paths = p.Search(id, to, maxSteps-1, k); len(paths) == 0 {
			continue
		}
		m := p.match(id)
		entry := CareerStep{Kind: CareerStepEntry, ToRoleID: id, Match: m, Cost: round2(1 + float64(100-m)/25),
			Explanation: fmt.Sprintf("Vous n’avez pas renseigné de métier actuel : le parcours part de « %s », le métier du catalogue le plus proche de votre profil (correspondance %d %%) d’où « %s » est accessible.",
				p.title(id), m, p.title(to))}
		for i := range paths {
			paths[i].Steps = append([]CareerStep{entry}, paths[i].Steps...)
			paths[i].Cost = round2(paths[i].Cost + entry.Cost)
		}
		res.FromRoleID, res.Paths = id, paths
		res.Message = fmt.Sprintf("Sans métier actuel renseigné, les parcours partent du métier le plus proche de votre profil : « %s ».", p.title(id))
		return res
	}
	res.Paths = []CareerPath{}
	res.Message = fmt.Sprintf("Aucun parcours de %d étape(s) au plus ne mène à « %s » dans le catalogue des passerelles.",
		min(max(maxSteps, 1), MaxPathSteps), p.title(to))
	return res
}

// PathQuery asks for career paths.
type PathQuery struct {
	ToRoleCode   string
	FromRoleCode string // "" : the agent's current role, or the profile alone when none
	AgentID      int64  // 0: the signed-in agent
	MaxSteps     int    // 1…MaxPathSteps; 0 means MaxPathSteps
	Limit        int    // 1…MaxPaths; 0 means 3
}

// Validate returns EINVALID for a step limit or a number of paths out of range.
func (q *PathQuery) Validate() error {
	if q.MaxSteps == 0 {
		q.MaxSteps = MaxPathSteps
	}
	if q.Limit == 0 {
		q.Limit = 3
	}
	if q.MaxSteps < 1 || q.MaxSteps > MaxPathSteps {
		return WithField("maxSteps", Errorf(EINVALID, "Le nombre d’étapes d’un parcours va de 1 à %d.", MaxPathSteps))
	}
	if q.Limit < 1 || q.Limit > MaxPaths {
		return WithField("first", Errorf(EINVALID, "Le nombre de parcours demandés va de 1 à %d.", MaxPaths))
	}
	return nil
}

// CareerService answers an agent's questions about roles: the gap to one, the closest
// ones, the paths to one. Another agent's profile is read as ProfileService.FindProfile
// reads it (CanSeeProfile; a manager's read is recorded as a view).
type CareerService interface {
	// RoleGap returns the gap between the profile of agentID (0: the signed-in agent) and
	// the role of that code. Returns EUNAUTHENTICATED for an anonymous request, ENOTFOUND
	// for an unknown role or a profile the viewer may not see.
	RoleGap(ctx context.Context, roleCode string, agentID int64) (*RoleGap, error)

	// ClosestRoles returns the gaps to the roles of family (all when nil) closest to the
	// profile of agentID (0: the signed-in agent), at most limit, the closest first; the
	// agent's current role is left out.
	ClosestRoles(ctx context.Context, agentID int64, family *RoleFamily, limit int) ([]*RoleGap, error)

	// CareerPaths returns the best paths to a role. Returns EINVALID for a query out of
	// range, ENOTFOUND for an unknown role or an invisible profile.
	CareerPaths(ctx context.Context, q PathQuery) (*CareerPaths, error)
}
