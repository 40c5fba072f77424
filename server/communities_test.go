package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"passerelles"
	"passerelles/sqlite"
)

// countAudit counts the audit entries of the database at path whose action starts with
// prefix.
func countAudit(t *testing.T, path, prefix string) int {
	t.Helper()
	db := sqlite.NewDB(path)
	if err := db.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return db.CountAudit(context.Background(), prefix)
}

// TestCommunityAdministration runs the administration of communities through GraphQL:
// only administrators create, edit, archive and name animators (each recorded); agents
// join and leave, not an archived community; a named animator manages its events.
func TestCommunityAdministration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "communities.db")
	base := MustServeDevWith(t, "-db", path)
	admin := signedIn(t, base, "persona-admin")
	agent := signedIn(t, base, "persona-agent-sante")
	animator := signedIn(t, base, "persona-animateur")
	agentID := agent.me()["id"].(string)

	const create = `mutation($in: CreateCommunityInput!) { createCommunity(input: $in) { community { id code name archivedAt } } }`
	in := map[string]any{"in": map[string]any{"code": "ia", "name": "Communauté IA", "description": "L’intelligence artificielle au service des agents."}}
	for who, b := range map[string]*browser{"Agent": agent, "Animator": animator} {
		if _, _, code := b.gql(create, in); code != "FORBIDDEN" {
			t.Fatalf("%s creates a community: %q", who, code)
		}
	}
	_, data, code := admin.gql(create, in)
	if code != "" {
		t.Fatal(admin.lastError)
	}
	id, _ := dig(data, "createCommunity", "community", "id").(string)
	if _, _, code := admin.gql(create, in); code != "CONFLICT" {
		t.Fatalf("same code twice: %q", code)
	}

	const update = `mutation($id: ID!, $name: String!) { updateCommunity(input: {communityId: $id, name: $name}) { community { name } } }`
	if _, _, code := agent.gql(update, map[string]any{"id": id, "name": "Autre"}); code != "FORBIDDEN" {
		t.Fatalf("an agent edits a community: %q", code)
	}
	if _, d, code := admin.gql(update, map[string]any{"id": id, "name": "Communauté Intelligence artificielle"}); code != "" ||
		dig(d, "updateCommunity", "community", "name") != "Communauté Intelligence artificielle" {
		t.Fatalf("update: %q %v", code, d)
	}

	// Naming an animator: only administrators; the animator then manages the events.
	const setAnimator = `mutation($c: ID!, $a: ID!, $on: Boolean!) { setCommunityAnimator(input: {communityId: $c, agentId: $a, animator: $on}) {
		community { animators { agentId usualName } } } }`
	if _, _, code := animator.gql(setAnimator, map[string]any{"c": id, "a": agentID, "on": true}); code != "FORBIDDEN" {
		t.Fatalf("an animator names animators: %q", code)
	}
	if _, _, code := agent.gql(createEventMutation, eventInputVars(id, 5, "Premier atelier IA")); code != "FORBIDDEN" {
		t.Fatalf("an agent creates an event before being named: %q", code)
	}
	_, d, code := admin.gql(setAnimator, map[string]any{"c": id, "a": agentID, "on": true})
	if code != "" || fmt.Sprint(dig(d, "setCommunityAnimator", "community", "animators")) != fmt.Sprintf("[map[agentId:%s usualName:Benali]]", agentID) {
		t.Fatalf("name animator: %q %v", code, d)
	}
	if _, _, code := agent.gql(createEventMutation, eventInputVars(id, 5, "Premier atelier IA")); code != "" {
		t.Fatalf("the named animator cannot create an event: %s", agent.lastError)
	}
	if _, _, code := admin.gql(setAnimator, map[string]any{"c": id, "a": agentID, "on": false}); code != "" {
		t.Fatal(admin.lastError)
	}
	if _, _, code := agent.gql(createEventMutation, eventInputVars(id, 5, "Second atelier IA")); code != "FORBIDDEN" {
		t.Fatalf("a removed animator still creates events: %q", code)
	}
	_, d, _ = agent.gql(`query($c: String!) { community(code: $c) { viewerRole memberCount } }`, map[string]any{"c": "ia"})
	if dig(d, "community", "viewerRole") != "MEMBER" {
		t.Fatalf("a removed animator stays a member: %v", d)
	}

	// Join and leave.
	const join = `mutation($id: ID!) { joinCommunity(input: {communityId: $id}) { community { memberCount viewerRole } } }`
	const leave = `mutation($id: ID!) { leaveCommunity(input: {communityId: $id}) { community { memberCount viewerRole } } }`
	if _, d, code := animator.gql(join, map[string]any{"id": id}); code != "" || dig(d, "joinCommunity", "community", "viewerRole") != "MEMBER" {
		t.Fatalf("join: %q %v", code, d)
	}
	if _, d, code := animator.gql(leave, map[string]any{"id": id}); code != "" || dig(d, "leaveCommunity", "community", "viewerRole") != nil {
		t.Fatalf("leave: %q %v", code, d)
	}
	if _, _, code := animator.gql(leave, map[string]any{"id": id}); code != "NOT_FOUND" {
		t.Fatalf("leave twice: %q", code)
	}

	// Archive: out of the list, no new member nor event; back again.
	const archive = `mutation($id: ID!, $on: Boolean) { archiveCommunity(input: {communityId: $id, archived: $on}) { community { archivedAt } } }`
	if _, _, code := agent.gql(archive, map[string]any{"id": id}); code != "FORBIDDEN" {
		t.Fatalf("an agent archives: %q", code)
	}
	if _, d, code := admin.gql(archive, map[string]any{"id": id}); code != "" || dig(d, "archiveCommunity", "community", "archivedAt") == nil {
		t.Fatalf("archive: %q %v", code, d)
	}
	listed := func(b *browser, all bool) bool {
		_, d, _ := b.gql(`query($all: Boolean) { communities(first: 100, includeArchived: $all) { edges { node { code } } } }`, map[string]any{"all": all})
		return fmt.Sprint(d) != "" && containsCode(d, "ia")
	}
	if listed(agent, false) || !listed(admin, true) {
		t.Fatal("an archived community is listed, or not listed when asked for")
	}
	if _, _, code := animator.gql(join, map[string]any{"id": id}); code != "CONFLICT" {
		t.Fatalf("join an archived community: %q", code)
	}
	if _, _, code := admin.gql(createEventMutation, eventInputVars(id, 5, "Atelier d’une communauté archivée")); code != "CONFLICT" {
		t.Fatalf("event in an archived community: %q", code)
	}
	if _, _, code := admin.gql(archive, map[string]any{"id": id, "on": false}); code != "" {
		t.Fatal(admin.lastError)
	}
	if !listed(agent, false) {
		t.Fatal("a community brought back is not listed")
	}

	for action, want := range map[string]int{"COMMUNITY_CREATED": 1, "COMMUNITY_UPDATED": 1, "COMMUNITY_ARCHIVED": 1,
		"COMMUNITY_RESTORED": 1, "ANIMATOR_NAMED": 1, "ANIMATOR_REMOVED": 1} {
		if got := countAudit(t, path, action); got != want {
			t.Errorf("%d audit entries %s, want %d", got, action, want)
		}
	}
}

func containsCode(data map[string]any, code string) bool {
	edges, _ := dig(data, "communities", "edges").([]any)
	for _, e := range edges {
		if dig(e, "node", "code") == code {
			return true
		}
	}
	return false
}

// TestCommunityPage reads what a community's page shows in one document: animators,
// skills, upcoming and past events, members as visibility allows.
func TestCommunityPage(t *testing.T) {
	base := MustServeDev(t)
	animator := signedIn(t, base, "persona-animateur")
	data := animator.communityID("data")
	animator.mustPublishEvent(data, 10, "Atelier de la page")
	agent := signedIn(t, base, "persona-agent-travail")
	_, d, code := agent.gql(`{ community(code: "data") { name description archivedAt viewerRole
		animators { givenName usualName } skills { code }
		upcoming: events(when: UPCOMING, first: 5) { totalCount edges { node { title seatsLeft onlineUrl onlineUrlHidden descriptionHtml } } }
		past: events(when: PAST, first: 5) { totalCount }
		members(first: 5) { totalCount } } }`, nil)
	if code != "" {
		t.Fatal(agent.lastError)
	}
	if !containsName(dig(d, "community", "animators"), "Nguyen") {
		t.Fatalf("animators = %v", dig(d, "community", "animators"))
	}
	edges, _ := dig(d, "community", "upcoming", "edges").([]any)
	found := false
	for _, e := range edges {
		if dig(e, "node", "title") == "Atelier de la page" {
			found = true
			if dig(e, "node", "onlineUrl") != nil || dig(e, "node", "onlineUrlHidden") != true || dig(e, "node", "descriptionHtml") != "<p>Venez <strong>nombreux</strong>.</p>\n" {
				t.Fatalf("event as an agent reads it = %v", e)
			}
		}
	}
	if !found {
		t.Fatalf("the published event is not among the upcoming ones: %v", d)
	}
}

func containsName(list any, usual string) bool {
	l, _ := list.([]any)
	for _, a := range l {
		if dig(a, "usualName") == usual {
			return true
		}
	}
	return false
}

// TestRecommendedEvents checks Mon espace's recommendations: upcoming published events
// that develop a skill the agent wants to develop, and not the ones already joined.
func TestRecommendedEvents(t *testing.T) {
	base := MustServeDev(t)
	agent := signedIn(t, base, "persona-agent-solidarites")
	const recommended = `{ me { recommendedEvents(first: 100) { totalCount edges { node { id community { code } skills { id } } } } } }`
	read := func() []any {
		_, d, code := agent.gql(recommended, nil)
		if code != "" {
			t.Fatal(agent.lastError)
		}
		l, _ := dig(d, "me", "recommendedEvents", "edges").([]any)
		return l
	}
	if got := read(); len(got) != 0 {
		t.Fatalf("recommendations before any wish: %v", got)
	}
	_, d, _ := agent.gql(`{ community(code: "securite") { skills { id } } }`, nil)
	skills, _ := dig(d, "community", "skills").([]any)
	if len(skills) == 0 {
		t.Fatal("the security community develops no skill")
	}
	skill := dig(skills[0], "id").(string)
	if _, _, code := agent.gql(`mutation($s: ID!) { declareSkill(input: {skillId: $s, level: 1, currentUse: false, wantsToDevelop: true}) { skill { wantsToDevelop } } }`,
		map[string]any{"s": skill}); code != "" {
		t.Fatal(agent.lastError)
	}
	got := read()
	if len(got) == 0 {
		t.Fatal("no recommendation for a skill the security events develop")
	}
	for _, e := range got {
		if !containsID(dig(e, "node", "skills"), skill) {
			t.Fatalf("recommended an event that does not develop the skill: %v", e)
		}
	}
	first := dig(got[0], "node", "id").(string)
	if _, _, code := agent.gql(registerMutation, map[string]any{"id": first}); code != "" {
		t.Fatal(agent.lastError)
	}
	for _, e := range read() {
		if dig(e, "node", "id") == first {
			t.Fatal("an event the agent registered for is still recommended")
		}
	}
}

func containsID(list any, id string) bool {
	l, _ := list.([]any)
	for _, x := range l {
		if dig(x, "id") == id {
			return true
		}
	}
	return false
}

// TestEventsPeriodGraphQL reads a month of events through the API, its bounds as local
// times of Paris (what the month view sends), and the French refusals of a bad period.
func TestEventsPeriodGraphQL(t *testing.T) {
	base := MustServeDev(t)
	agent := signedIn(t, base, "persona-agent-travail")
	paris, err := time.LoadLocation(passerelles.DefaultTimeZone)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().In(paris)
	from := time.Date(now.Year(), now.Month()+1, 1, 0, 0, 0, 0, paris)
	to := from.AddDate(0, 1, 0)
	const list = `query($f: EventFilter) { events(filter: $f, first: 100) { totalCount edges { node { title startsAt } } } }`
	_, d, code := agent.gql(list, map[string]any{"f": map[string]any{"startsFrom": from.Format("2006-01-02T15:04"), "startsBefore": to.Format("2006-01-02T15:04")}})
	if code != "" {
		t.Fatal(agent.lastError)
	}
	edges, _ := dig(d, "events", "edges").([]any)
	if len(edges) == 0 {
		t.Fatalf("no demo event next month (%s)", from.Format("01/2006"))
	}
	for _, e := range edges {
		start, err := time.Parse(time.RFC3339, dig(e, "node", "startsAt").(string))
		if err != nil || start.Before(from) || !start.Before(to) {
			t.Errorf("%v starts outside [%s, %s)", dig(e, "node", "title"), from, to)
		}
	}
	for _, tc := range []struct {
		name     string
		filter   map[string]any
		contains string
	}{
		{"EndBeforeStart", map[string]any{"startsFrom": to.Format(time.RFC3339), "startsBefore": from.Format(time.RFC3339)}, "La fin de la période doit suivre son début."},
		{"LongerThanAYear", map[string]any{"startsFrom": from.Format(time.RFC3339), "startsBefore": from.AddDate(1, 0, 2).Format(time.RFC3339)}, "au plus un an"},
		{"Unreadable", map[string]any{"startsFrom": "le 1er mars"}, "est illisible"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, code := agent.gql(list, map[string]any{"f": tc.filter}); code != "INVALID_INPUT" || !strings.Contains(agent.lastError, tc.contains) {
				t.Fatalf("%s: %q, want INVALID_INPUT with %q", code, agent.lastError, tc.contains)
			}
		})
	}
}
