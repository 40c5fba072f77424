package sqlite_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"passerelles"
)

// Reviewer R1 (issue 11): attacks on the small-cell suppression of observed moves and on
// the career history's error fields, fixed since: one figure per agent and transition,
// the viewer's own moves left out, the error named after the entry sent.

// reviewDay parses a date YYYY-MM-DD.
func reviewDay(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }

// reviewTransition returns a transition of the seeded catalogue.
func reviewTransition(t *testing.T, f *profileFixture) *passerelles.Transition {
	t.Helper()
	ts, _, err := f.all.Transitions.FindTransitions(system, passerelles.TransitionFilter{Page: passerelles.Page{Limit: 1}})
	if err != nil || len(ts) == 0 {
		t.Fatal(err)
	}
	return ts[0]
}

// reviewMover signs in a new agent whose history shows one move along tr after months
// months in the origin role.
func reviewMover(t *testing.T, f *profileFixture, name string, tr *passerelles.Transition, months int) context.Context {
	t.Helper()
	_, ctx := f.MustSignIn(t, name, f.orgA)
	start := reviewDay("2010-01-01")
	moved := start.AddDate(0, months, 0)
	if _, err := f.all.CareerHistory.SetCareerHistory(ctx, []passerelles.PastRole{
		{RoleID: tr.FromRoleID, StartedOn: start, EndedOn: &moved},
		{RoleID: tr.ToRoleID, StartedOn: moved},
	}); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// TestObservedMovesOneAgentCannotPickTheMedian: the median of observedMoves is taken over
// moves, not agents, while the threshold counts distinct agents. One agent who records
// the same move several times (A→B→A→B→A→B, each with 0 months) adds three figures of
// their choosing and moves the median onto another agent's exact figure: with four real
// movers (10, 20, 30, 40 months) the cell opens at 5 agents and reads 10 — the smallest
// other mover's own figure. With three such moves at 0 it reads a1, with one at 0 a2, with
// one far above a3, with three far above a4: every other mover's figure, one per query.
// One figure per agent (here: the attacker's 0, and 10, 20, 30, 40) gives 20.
func TestObservedMovesOneAgentCannotPickTheMedian(t *testing.T) {
	f := MustOpenProfileFixture(t)
	tr := reviewTransition(t, f)
	for i, m := range []int{10, 20, 30, 40} {
		reviewMover(t, f, fmt.Sprintf("median-mover-%d", i), tr, m)
	}
	_, attacker := f.MustSignIn(t, "median-attacker", f.orgA)
	var h []passerelles.PastRole
	for i := range 6 {
		role := tr.FromRoleID
		if i%2 == 1 {
			role = tr.ToRoleID
		}
		d := reviewDay("2000-01-01").AddDate(0, i, 0)
		e := passerelles.PastRole{RoleID: role, StartedOn: d}
		if i < 5 {
			end := d
			e.EndedOn = &end // 0 months in each role
		}
		h = append(h, e)
	}
	if _, err := f.all.CareerHistory.SetCareerHistory(attacker, h); err != nil {
		t.Fatal(err)
	}
	// The attacker's own view leaves their moves out: 4 others, suppressed.
	m, err := f.all.CareerHistory.FindObservedMoves(attacker, []*passerelles.Transition{tr})
	if err != nil {
		t.Fatal(err)
	}
	if got := m[tr.ID]; got.Count != nil {
		t.Fatalf("the attacker reads a cell of 4 others: %+v", got)
	}
	// Anyone else reads 5 agents, one figure each.
	_, other := f.MustSignIn(t, "median-reader", f.orgA)
	if m, err = f.all.CareerHistory.FindObservedMoves(other, []*passerelles.Transition{tr}); err != nil {
		t.Fatal(err)
	}
	got := m[tr.ID]
	if got.Count == nil || *got.Count != 5 {
		t.Fatalf("count = %+v, want 5 agents", got)
	}
	if *got.MedianMonths != 20 {
		t.Fatalf("median = %d months, want 20 (one figure per agent); the attacker picked another mover's exact figure", *got.MedianMonths)
	}
}

// TestObservedMovesOwnMoveDoesNotOpenTheCell: the threshold counts the viewer. Career
// histories are declared, not checked, so any agent opens any cell of 4 by recording the
// move themselves: they learn that exactly 4 other agents made it, and, their own figure
// being theirs to choose, the median gives the 2nd (own figure 0) or 3rd (own figure
// large) of the others' figures. A cell the viewer is in should need MinCellSize agents
// besides the viewer.
func TestObservedMovesOwnMoveDoesNotOpenTheCell(t *testing.T) {
	f := MustOpenProfileFixture(t)
	tr := reviewTransition(t, f)
	for i, m := range []int{10, 20, 30, 40} {
		reviewMover(t, f, fmt.Sprintf("cell-mover-%d", i), tr, m)
	}
	attacker := reviewMover(t, f, "cell-attacker", tr, 0)
	m, err := f.all.CareerHistory.FindObservedMoves(attacker, []*passerelles.Transition{tr})
	if err != nil {
		t.Fatal(err)
	}
	if got := m[tr.ID]; got.Count != nil {
		t.Fatalf("the attacker's own move opened a cell of 4 other agents: count %d, median %d (the 2nd of the others' figures)",
			*got.Count, *got.MedianMonths)
	}
}

// TestCareerHistoryUnknownRoleNamesItsEntry: ValidateCareerHistory sorts the entries by
// start date, and SetCareerHistory then checks the roles exist with the sorted index, so
// the error names another entry than the one sent when the entries are not in date order.
func TestCareerHistoryUnknownRoleNamesItsEntry(t *testing.T) {
	f := MustOpenProfileFixture(t)
	_, ctx := f.MustSignIn(t, "history-order", f.orgA)
	_, err := f.all.CareerHistory.SetCareerHistory(ctx, []passerelles.PastRole{
		{RoleID: f.role, StartedOn: reviewDay("2020-01-01")},
		{RoleID: 987654, StartedOn: reviewDay("2010-01-01"), EndedOn: func() *time.Time { d := reviewDay("2015-01-01"); return &d }()},
	})
	if code(err) != passerelles.EINVALID {
		t.Fatalf("err = %v, want INVALID_INPUT", err)
	}
	if got := passerelles.ErrorField(err); got != "entries.1.roleId" {
		t.Fatalf("field = %q, want entries.1.roleId (the unknown role is the second entry sent)", got)
	}
}
