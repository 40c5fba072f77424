package seed

import (
	"math/rand/v2"
	"time"

	"passerelles"
)

// DemoPastRole is a role a demo agent held, from StartedOn to EndedOn (nil: held still):
// the shape of the career history's entries (passerelles.PastRole, migration 0015), kept
// apart so that the demo's histories are drawn and tested before they are stored.
type DemoPastRole struct {
	RoleID    int64
	StartedOn time.Time // a date, UTC midnight
	EndedOn   *time.Time
}

// DemoCareer is the career history of one demo agent created by a load.
type DemoCareer struct {
	AgentID int64
	Entries []DemoPastRole // oldest first; the last one is the current role, held still
}

// showcaseMoves are the paths that demo agents really took, so that transitions show
// observed figures above the suppression threshold (5 agents) and mentors who made the
// same move: business to digital, digital back to business, and there and back again.
var showcaseMoves = [][]string{
	{"B05", "D06"},        // études statistiques → data analyst
	{"B10", "D13"},        // gestion de dossiers → recette
	{"B01", "D01"},        // ressources humaines → chef de projet SI
	{"D01", "B15"},        // chef de projet SI → chef de bureau
	{"D14", "B06"},        // responsable d’applications → politiques publiques
	{"B06", "D02", "B06"}, // politiques publiques → product owner → et retour
}

// maxDemoCareers bounds the agents given a career history: enough for every page (about
// 8 agents per showcase move at 300 agents), without writing a history for each of 100 000
// benchmark agents.
const maxDemoCareers = 600

// showcaseOf returns the showcase path of demo agent i, nil for most agents: one in six of
// the first maxDemoCareers agents takes one, turn by turn.
func showcaseOf(i int) []string {
	if i > maxDemoCareers || i%6 != 3 {
		return nil
	}
	return showcaseMoves[(i/6)%len(showcaseMoves)]
}

// roleByCode returns the catalogue's role of that code, nil when it is absent or retired.
func (c *demoCatalogue) roleByCode(code string) *passerelles.Role {
	for _, r := range c.roles {
		if r.Code == code && !r.Retired() {
			return r
		}
	}
	return nil
}

// showcaseRoles returns the roles of agent i's showcase path, nil when it has none or when
// the catalogue lacks one of them (an administrator retired it).
func (c *demoCatalogue) showcaseRoles(i int) []*passerelles.Role {
	path := showcaseOf(i)
	if path == nil {
		return nil
	}
	roles := make([]*passerelles.Role, len(path))
	for k, code := range path {
		if roles[k] = c.roleByCode(code); roles[k] == nil {
			return nil
		}
	}
	return roles
}

// demoCareer returns the career history of demo agent i, whose current role is a's:
// a showcase path when i has one, else for one agent in two of the first maxDemoCareers a
// previous role of the same family. Dates are fixed (not drawn from the day of the load)
// and end before 2026, so that the same agent always gets the same history.
func (c *demoCatalogue) demoCareer(seed uint64, i int, a *passerelles.Agent) []DemoPastRole {
	if i > maxDemoCareers {
		return nil
	}
	r := rand.New(rand.NewPCG(seed^0x9e3779b97f4a7c15, uint64(i)))
	var roles []*passerelles.Role
	if roles = c.showcaseRoles(i); roles == nil {
		if i%2 != 0 {
			return nil
		}
		var cur *passerelles.Role
		for _, role := range c.roles {
			if role.ID == a.CurrentRoleID {
				cur = role
			}
		}
		if cur == nil {
			return nil
		}
		var same []*passerelles.Role
		for _, role := range c.roles {
			if role.Family == cur.Family && role.ID != cur.ID && !role.Retired() {
				same = append(same, role)
			}
		}
		if len(same) == 0 {
			return nil
		}
		roles = []*passerelles.Role{same[r.IntN(len(same))], cur}
	}
	// Each role but the last held 2 to 6 years, the last one since 2019–2025.
	start := time.Date(2019+r.IntN(6), time.Month(1+r.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
	entries := make([]DemoPastRole, len(roles))
	entries[len(roles)-1] = DemoPastRole{RoleID: roles[len(roles)-1].ID, StartedOn: start}
	for k := len(roles) - 2; k >= 0; k-- {
		end := start
		start = end.AddDate(-2-r.IntN(5), -r.IntN(12), 0)
		entries[k] = DemoPastRole{RoleID: roles[k].ID, StartedOn: start, EndedOn: &end}
	}
	return entries
}
