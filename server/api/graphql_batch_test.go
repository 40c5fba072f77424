package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"passerelles"
	"passerelles/resolvers"
	"passerelles/schema"
	"passerelles/seed"
	"passerelles/sqlite"
	"passerelles/sqlite/sqlitetest"
)

// batchFixture is a database whose statements are counted, with agents that have
// everything a nested document reads: visible profiles with organisation, roles, regions,
// declared skills with evidence, history, validations and endorsements, and memberships
// of every community.
type batchFixture struct {
	svc    passerelles.Services
	viewer *passerelles.User
	admin  *passerelles.User // an administrator, for the lists only they read
}

func mustOpenBatchFixture(tb testing.TB, agents int) *batchFixture {
	tb.Helper()
	ctx := context.Background()
	db := sqlite.NewDB(filepath.Join(tb.TempDir(), "batch.db"))
	db.DriverName = sqlitetest.Register()
	if err := db.Open(ctx); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	svc := db.Services()
	if _, err := seed.LoadReferentials(ctx, svc); err != nil {
		tb.Fatal(err)
	}
	system := passerelles.NewSystemContext(ctx)
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	var skills []int64
	levels := map[int64][]int{} // the levels each skill is defined at
	for _, c := range [][2]string{{"pix", "1.1"}, {"pix", "2.1"}, {"ecf", "A.1"}} {
		s, err := svc.Skills.FindSkillByCode(ctx, c[0], c[1])
		must(err)
		skills, levels[s.ID] = append(skills, s.ID), s.DefinedLevels
		if len(s.DefinedLevels) == 0 {
			levels[s.ID] = []int{1, 2, 3, 4}
		}
	}
	orgs, _, err := svc.Organisations.FindOrganisations(ctx, passerelles.OrganisationFilter{Page: passerelles.Page{Limit: 3}})
	must(err)
	regions, _, err := svc.Organisations.FindRegions(ctx, nil, passerelles.Page{Limit: 3})
	must(err)
	roles, _, err := svc.Roles.FindRoles(ctx, passerelles.RoleFilter{Page: passerelles.Page{Limit: 3}})
	must(err)
	communities, _, err := svc.Communities.FindCommunities(ctx, passerelles.CommunityFilter{Page: passerelles.Page{Limit: 100}})
	must(err)

	as := func(id int64, roles ...passerelles.AccessRole) context.Context {
		return passerelles.NewContextWithUser(ctx, &passerelles.User{AgentID: id, AccessRoles: append([]passerelles.AccessRole{passerelles.AccessAgent}, roles...)})
	}
	signIn := func(subject string) int64 {
		m, err := svc.Users.SignIn(system, passerelles.Identity{Issuer: "https://idp.test", Subject: subject, GivenName: subject,
			UsualName: "Test", Email: subject + "@example.gouv.fr"}, nil)
		must(err)
		return m.Agent.ID
	}
	manager := signIn("manager")
	must(svc.Users.GrantAccessRole(system, manager, passerelles.AccessManager))
	var ids []int64
	var members []passerelles.CommunityMember
	for i := range agents {
		id := signIn(fmt.Sprintf("agent%02d", i))
		ids = append(ids, id)
		me := as(id)
		vis, role := passerelles.VisibilityAllAgents, roles[i%len(roles)].ID
		_, err := svc.Profiles.UpdateProfile(me, passerelles.ProfileUpdate{Visibility: &vis, OrganisationID: &orgs[i%len(orgs)].ID,
			RegionID: &regions[i%len(regions)].ID, CurrentRoleID: &role, TargetRoleIDs: &[]int64{roles[0].ID, roles[1].ID},
			MobilityRegionIDs: &[]int64{regions[0].ID}, HiddenFrom: &[]int64{}})
		must(err)
		for j, s := range skills {
			for version := range 2 { // a history of two versions
				_, err := svc.Profiles.DeclareSkill(me, passerelles.SkillDeclaration{SkillID: s, Level: levels[s][(i+j+version)%len(levels[s])],
					CurrentUse: true, Evidence: []passerelles.Evidence{{Kind: passerelles.EvidenceTraining, Title: "Formation"}}})
				must(err)
			}
		}
		if i > 0 {
			must(svc.Profiles.EndorseSkill(me, ids[i-1], skills[0]))
		}
		for k, c := range communities {
			role := passerelles.MemberRoleMember
			if k == i%3 { // each agent animates one community: User.animatedCommunities has something to load
				role = passerelles.MemberRoleAnimator
			}
			members = append(members, passerelles.CommunityMember{CommunityID: c.ID, AgentID: id, Role: role})
		}
	}
	must(svc.Profiles.EndorseSkill(as(ids[1]), ids[len(ids)-1], skills[0]))
	for _, id := range ids {
		_, err := svc.Profiles.ValidateSkill(as(manager, passerelles.AccessManager), id, skills[1], 1, "Vu en entretien.")
		must(err)
	}
	_, err = svc.Communities.ImportMembers(system, members)
	must(err)
	admin := signIn("admin")
	must(svc.Users.GrantAccessRole(system, admin, passerelles.AccessAdmin))
	return &batchFixture{svc: svc, viewer: &passerelles.User{AgentID: ids[0], OrganisationID: orgs[0].ID,
		AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent}},
		admin: &passerelles.User{AgentID: admin, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessAdmin}}}
}

// newServer serves the GraphQL handler of a new resolver over the fixture, as its viewer;
// the cost bound is lifted when unbounded (the nested document at 25 items is above it).
func (f *batchFixture) newServer(t *testing.T, viewer *passerelles.User, unbounded bool) *httptest.Server {
	t.Helper()
	r := resolvers.New(f.svc)
	s, err := schema.New(r)
	if err != nil {
		t.Fatal(err)
	}
	sizes, err := ReadReferentialSizes(context.Background(), f.svc)
	if err != nil {
		t.Fatal(err)
	}
	h, err := NewGraphQLHandler(s, r, slog.New(slog.DiscardHandler), GraphQLOptions{ReferentialSizes: sizes})
	if err != nil {
		t.Fatal(err)
	}
	if unbounded {
		h.limits.MaxCost = 0
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		h.ServeHTTP(w, req.WithContext(passerelles.NewContextWithUser(req.Context(), viewer)))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// post sends a document to srv and returns the response's body; statements, when not
// nil, receives how many SQL statements answering it cost.
func (f *batchFixture) post(t *testing.T, srv *httptest.Server, query string, vars map[string]any, statements *int64) []byte {
	t.Helper()
	sqlitetest.Reset()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	res, err := srv.Client().Post(srv.URL, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(res.Body)
	res.Body.Close()
	if statements != nil {
		*statements = sqlitetest.Statements()
	}
	if err != nil || res.StatusCode != http.StatusOK || bytes.Contains(data, []byte(`"errors"`)) {
		t.Fatalf("status %d, %v, body %.500s", res.StatusCode, err, data)
	}
	return data
}

// nestedDocument nests every list of the schema that a person can reach, $n items per
// connection.
const nestedDocument = `query Nested($n: Int!) {
  communities(first: $n) { edges { node {
    name
    skills { code framework { code skills(first: $n) { edges { node { code levels { code } } } } } }
    members(first: $n) { totalCount edges { node {
      givenName
      organisation { name ministry { name } region { name } }
      currentRole { title requiredSkills { skill { code } level { code } } transitionsFrom { to { title } } transitionsTo { from { title } } }
      targetRoles { title }
      mobilityRegions { name }
      skills {
        skill { code domain { name } framework { name } }
        level { code } validatedLevel { code } validatedBy { givenName }
        evidence { title }
        endorsers { givenName skills { level { code } } }
        history { version level { code } changedBy { givenName } }
      }
    } } }
  } } }
  frameworks(first: $n) { edges { node {
    code
    domains { name skills(first: $n) { totalCount edges { node { code } } } }
    skills(first: $n) { edges { node { code domain { name } levels { code } } } }
  } } }
  roles(first: $n) { edges { node { code requiredSkills { skill { name } level { label } } transitionsFrom { kind to { code } } transitionsTo { from { code } } } } }
  transitions(first: $n) { edges { node { from { title } to { title } } } }
  organisations(first: $n) { edges { node { name ministry { code } region { code } } } }
}`

// TestNestedListsBatched runs a document that nests every list, for 2 and for 25 items
// per connection, through the real handler, and counts the SQL statements: every nested
// list is loaded for all its parents at once, so both sizes cost the same.
func TestNestedListsBatched(t *testing.T) {
	f := mustOpenBatchFixture(t, 30)
	assertSameStatements(t, f.counter(t, f.viewer, nestedDocument), "items per list", "a nested list is loaded per parent")
}

// TestUsersListBatched counts the statements of the administrators' list of people with
// their access roles and animated communities: as many for 25 people as for 2.
func TestUsersListBatched(t *testing.T) {
	f := mustOpenBatchFixture(t, 30)
	count := f.counter(t, f.admin, `query($n: Int!) { users(search: "test", first: $n) { totalCount edges { node {
		givenName accessRoles animatedCommunities { code name } } } } }`)
	assertSameStatements(t, count, "people", "a list is loaded per person")
}

// TestTalentCardsSkillsBatched counts the statements of a page of search results that
// asks for every result's skills: the results are cards read without their skills, and
// the skills of every card of the page are read at once, as many statements for 25
// results as for 2.
func TestTalentCardsSkillsBatched(t *testing.T) {
	f := mustOpenBatchFixture(t, 30)
	count := f.counter(t, f.admin, `query($n: Int!) { searchTalent(filter: {}, first: $n) { totalCount edges { node {
		givenName skills { skill { code } level { code } validatedLevel { code } } } } } }`)
	assertSameStatements(t, count, "results", "a result's skills are read per result")
}

// assertSameStatements runs count for 2 and 25 items (what they are) and fails unless
// both cost the same statements (else: why) and 25 items answer many more values.
func assertSameStatements(t *testing.T, count func(n int) (int64, int), items, why string) {
	t.Helper()
	small, smallValues := count(2)
	large, largeValues := count(25)
	t.Logf("%d statements for 2 %s (%d codes and names), %d for 25 (%d)", small, items, smallValues, large, largeValues)
	if largeValues < 10*smallValues {
		t.Fatalf("25 %s gave %d values and 2 gave %d: the fixture does not fill them", items, largeValues, smallValues)
	}
	if small != large {
		t.Fatalf("%d statements for 2 %s, %d for 25: %s", small, items, large, why)
	}
}

// counter returns a function that runs document with $n as viewer through the real
// handler, without the cost bound (batching is the point), and reports the SQL statements
// it cost and how many codes and names it answered. Each run has a new resolver: its cache
// of referentials starts empty, so every size reads them and the counts compare the
// batching of the lists alone.
func (f *batchFixture) counter(t *testing.T, viewer *passerelles.User, document string) func(n int) (int64, int) {
	t.Helper()
	return func(n int) (statements int64, values int) {
		t.Helper()
		data := f.post(t, f.newServer(t, viewer, true), document, map[string]any{"n": n}, &statements)
		return statements, strings.Count(string(data), `"code"`) + strings.Count(string(data), `"givenName"`)
	}
}

// TestReferentialsKeptAcrossRequests checks that the resolver keeps the referentials its
// loaders read whole across requests, and reads them again after one changes: the second
// of two identical requests costs fewer statements than the first, and a renamed region
// and a retitled role show in the next response.
func TestReferentialsKeptAcrossRequests(t *testing.T) {
	f := mustOpenBatchFixture(t, 3)
	srv := f.newServer(t, f.viewer, true)
	ctx := context.Background()
	vars := map[string]any{"n": 3}
	var first, second, third int64
	f.post(t, srv, nestedDocument, vars, &first)
	f.post(t, srv, nestedDocument, vars, &second)
	f.post(t, srv, nestedDocument, vars, &third)
	t.Logf("statements: %d for the first request, %d and %d after", first, second, third)
	if second >= first || third != second {
		t.Fatalf("statements: %d, then %d and %d: the referentials are read at every request", first, second, third)
	}

	admin := passerelles.NewSystemContext(ctx)
	regions, _, err := f.svc.Organisations.FindRegions(ctx, nil, passerelles.Page{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	region := *regions[0]
	region.Name = "Région renommée"
	if _, err := f.svc.Organisations.UpsertRegion(admin, &region); err != nil {
		t.Fatal(err)
	}
	var afterRegion int64
	if data := f.post(t, srv, nestedDocument, vars, &afterRegion); !bytes.Contains(data, []byte(`"Région renommée"`)) {
		t.Fatalf("the renamed region is not in the next response: %.800s", data)
	}
	if afterRegion <= second {
		t.Fatalf("%d statements after a region changed, %d before: the referentials were not read again", afterRegion, second)
	}

	role, err := f.svc.Roles.FindRoleByCode(ctx, mustFirstRoleCode(t, f.svc))
	if err != nil {
		t.Fatal(err)
	}
	role.Title = "Métier renommé"
	if _, err := f.svc.Roles.UpsertRole(admin, role); err != nil {
		t.Fatal(err)
	}
	if data := f.post(t, srv, nestedDocument, vars, nil); !bytes.Contains(data, []byte(`"Métier renommé"`)) {
		t.Fatalf("the retitled role is not in the next response: %.800s", data)
	}
}

func mustFirstRoleCode(t *testing.T, svc passerelles.Services) string {
	t.Helper()
	roles, _, err := svc.Roles.FindRoles(context.Background(), passerelles.RoleFilter{Page: passerelles.Page{Limit: 1}})
	if err != nil || len(roles) == 0 {
		t.Fatalf("roles: %v", err)
	}
	return roles[0].Code
}

// TestEventListsBatched counts the statements of a list of events with their community,
// animators, skills, region, the viewer's registration, participants and waitlist, and of
// communities with their events: as many for 25 events as for 2.
func TestEventListsBatched(t *testing.T) {
	f := mustOpenBatchFixture(t, 30)
	ctx := context.Background()
	system := passerelles.NewSystemContext(ctx)
	communities, _, err := f.svc.Communities.FindCommunities(ctx, passerelles.CommunityFilter{Page: passerelles.Page{Limit: 100}})
	if err != nil {
		t.Fatal(err)
	}
	regions, _, err := f.svc.Organisations.FindRegions(ctx, nil, passerelles.Page{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	agents, _, err := f.svc.Users.FindUsers(passerelles.NewContextWithUser(ctx, f.admin), passerelles.UserFilter{Search: "test", Page: passerelles.Page{Limit: 100}})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now().AddDate(0, 1, 0).Truncate(time.Hour)
	var events []*passerelles.Event
	for _, c := range communities {
		for k := range 4 {
			s := start.Add(time.Duration(k) * 24 * time.Hour)
			events = append(events, &passerelles.Event{CommunityID: c.ID, Title: fmt.Sprintf("Atelier %d", k), Kind: passerelles.EventWorkshop,
				Status: passerelles.EventPublished, Format: passerelles.EventHybrid, Address: "Paris", RegionID: regions[0].ID,
				OnlineURL: "https://visio.example/atelier", StartsAt: s, EndsAt: s.Add(time.Hour), Capacity: 5, SkillIDs: c.SkillIDs})
		}
	}
	if _, err := f.svc.Events.ImportEvents(system, events); err != nil {
		t.Fatal(err)
	}
	for i, e := range events {
		var ids []int64
		for j := range 8 {
			ids = append(ids, agents[(i+j)%len(agents)].AgentID)
		}
		if _, err := f.svc.Events.ImportRegistrations(system, e.ID, ids); err != nil {
			t.Fatal(err)
		}
	}
	count := f.counter(t, f.admin, `query($n: Int!) {
		events(first: $n, filter: {when: UPCOMING}) { totalCount edges { node { title
			community { name animators { usualName profile { givenName } } }
			region { name } skills { code } myRegistration { status }
			participants(first: $n) { totalCount edges { node { status participant { givenName } } } }
			waitlist(first: $n) { totalCount edges { node { waitlistPosition participant { givenName } } } } } } }
		communities(first: $n) { edges { node { name viewerRole animators { usualName }
			events(when: UPCOMING, first: $n) { totalCount edges { node { title skills { code } } } } } } } }`)
	assertSameStatements(t, count, "events", "a nested list of events is loaded per parent")
}
