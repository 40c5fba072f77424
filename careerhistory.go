package passerelles

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"time"
)

// MaxPastRoles is how many roles an agent's career history holds at most: a long career
// changes role every year or two.
const MaxPastRoles = 30

// MinCellSize is the fewest agents an aggregate about agents (a transition's observed
// moves, a role's holders and targeters) needs to be shown: a smaller cell could point at
// a person.
const MinCellSize = 5

// SmallCellReason is what a suppressed aggregate says instead of its figure.
const SmallCellReason = "Moins de 5 agents : le chiffre n’est pas affiché pour protéger les personnes."

// PastRole is a role an agent held, from StartedOn to EndedOn (nil: held still).
type PastRole struct {
	ID        int64
	AgentID   int64
	RoleID    int64
	StartedOn time.Time // a date (UTC midnight)
	EndedOn   *time.Time
}

// ValidateCareerHistory returns EINVALID, naming the entry (entries.<i>.field), when the
// history has more than MaxPastRoles entries, an entry without a role, a date before
// EarliestDate or after now, an end before its start, or more than one role held still.
// It sorts the entries by start date, which is their order in the history.
func ValidateCareerHistory(entries []PastRole, now time.Time) error {
	if len(entries) > MaxPastRoles {
		return WithField("entries", Errorf(EINVALID, "Votre parcours compte %d métiers au plus.", MaxPastRoles))
	}
	open := 0
	for i := range entries {
		e := &entries[i]
		at := "entries." + strconv.Itoa(i) + "."
		if e.RoleID <= 0 {
			return WithField(at+"roleId", Errorf(EINVALID, "Choisissez un métier."))
		}
		if err := ValidateDate("La date de début", e.StartedOn, now); err != nil {
			return WithField(at+"startedOn", err)
		}
		if e.EndedOn == nil {
			open++
			if open > 1 {
				return WithField(at+"endedOn", Errorf(EINVALID, "Un seul métier peut être en cours : indiquez la date de fin des autres."))
			}
			continue
		}
		if err := ValidateDate("La date de fin", *e.EndedOn, now); err != nil {
			return WithField(at+"endedOn", err)
		}
		if e.EndedOn.Before(e.StartedOn) {
			return WithField(at+"endedOn", Errorf(EINVALID, "La date de fin précède la date de début."))
		}
	}
	slices.SortStableFunc(entries, func(a, b PastRole) int { return a.StartedOn.Compare(b.StartedOn) })
	return nil
}

// CareerMove is a move an agent's history shows: from one role to the next one held.
type CareerMove struct {
	FromRoleID, ToRoleID int64
	Months               int // months spent in the origin role before the move
	Position             int // the move's order in the history
}

// CareerMoves returns the moves of a history sorted by start date: each pair of
// consecutive entries of different roles. The time in the origin role runs from its start
// to its end, or to the next role's start when its end is not given.
func CareerMoves(entries []PastRole) []CareerMove {
	var out []CareerMove
	for i := 1; i < len(entries); i++ {
		a, b := entries[i-1], entries[i]
		if a.RoleID == b.RoleID {
			continue
		}
		end := b.StartedOn
		if a.EndedOn != nil && a.EndedOn.Before(end) {
			end = *a.EndedOn
		}
		out = append(out, CareerMove{FromRoleID: a.RoleID, ToRoleID: b.RoleID, Months: monthsBetween(a.StartedOn, end), Position: len(out)})
	}
	return out
}

// monthsBetween counts the whole months from a to b (0 when b is not after a).
func monthsBetween(a, b time.Time) int {
	m := (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
	if b.Day() < a.Day() {
		m--
	}
	return max(m, 0)
}

// ObservedMoves is what agents' histories tell of a transition: how many agents made the
// move and the median time they spent in the origin role; both nil, with a reason, for a
// cell of fewer than MinCellSize agents.
type ObservedMoves struct {
	Count            *int
	MedianMonths     *int
	SuppressedReason string
}

// SummariseMoves returns the observed moves of agents agents whose moves took months (one
// figure per move): suppressed below MinCellSize agents.
func SummariseMoves(agents int, months []int) ObservedMoves {
	if agents < MinCellSize {
		return ObservedMoves{SuppressedReason: SmallCellReason}
	}
	s := slices.Clone(months)
	slices.Sort(s)
	med := 0
	if n := len(s); n > 0 {
		if n%2 == 1 {
			med = s[n/2]
		} else {
			med = (s[n/2-1] + s[n/2] + 1) / 2
		}
	}
	return ObservedMoves{Count: &agents, MedianMonths: &med}
}

// SuppressSmall returns n when it is at least MinCellSize, nil otherwise: a count of
// agents shown as an aggregate.
func SuppressSmall(n int) *int {
	if n < MinCellSize {
		return nil
	}
	return &n
}

// RoleCounts are how many agents hold a role now and how many target it, before
// suppression.
type RoleCounts struct {
	Holders, Targeters int
}

// CareerHistoryService keeps agents' career histories and the figures drawn from them.
type CareerHistoryService interface {
	// SetCareerHistory replaces the signed-in agent's career history by entries, and
	// returns it sorted by start date. Returns EUNAUTHENTICATED for an anonymous request,
	// EINVALID for an invalid history or an unknown role.
	SetCareerHistory(ctx context.Context, entries []PastRole) ([]PastRole, error)

	// FindCareerHistories returns the histories, sorted by start date, of the agents among
	// ids whose profile the viewer may see (CanSeeProfile); the others are left out.
	FindCareerHistories(ctx context.Context, ids []int64) (map[int64][]PastRole, error)

	// FindObservedMoves returns, for each transition of ids, the moves agents made along
	// it, suppressed below MinCellSize agents. Any signed-in person reads them.
	FindObservedMoves(ctx context.Context, transitions []*Transition) (map[int64]ObservedMoves, error)

	// CountRoleAgents returns, by role id, how many agents hold and target each role of ids
	// (before suppression: the caller shows them through SuppressSmall).
	CountRoleAgents(ctx context.Context, ids []int64) (map[int64]RoleCounts, error)
}

// SortPastRoles orders a career history as the store returns it: by start date, then id.
func SortPastRoles(h []PastRole) {
	slices.SortStableFunc(h, func(a, b PastRole) int {
		if c := a.StartedOn.Compare(b.StartedOn); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}
