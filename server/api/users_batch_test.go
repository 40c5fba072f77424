package api

import "testing"

// TestUsersWithProfilesBatched counts the statements of an administrator's search that
// reads each person's profile with its skills, removed skills and their histories, and the
// asserted organisation: as many for 25 people as for 2.
func TestUsersWithProfilesBatched(t *testing.T) {
	f := mustOpenBatchFixture(t, 30)
	count := f.counter(t, f.admin, `query($n: Int!) { users(search: "test", first: $n) { totalCount edges { node {
		givenName assertedOrganisation { name } animatedCommunities { code }
		profile { givenName skills { skill { code } level { code } history { level { code } changedBy { givenName } } }
			removedSkills { skill { code } history { level { code } changedBy { givenName } } } } } } } }`)
	small, smallValues := count(2)
	large, largeValues := count(25)
	t.Logf("users with profiles: %d statements for 2 people, %d for 25", small, large)
	if largeValues < 10*smallValues {
		t.Fatalf("25 people gave %d values and 2 gave %d: the fixture does not fill the list", largeValues, smallValues)
	}
	if small != large {
		t.Fatalf("%d statements for 2 people, %d for 25: something is loaded per person", small, large)
	}
}
