package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"passerelles"
	"passerelles/sqlite"
)

// sessionAgent is an agent signed in by a session the store created.
type sessionAgent struct {
	id     string
	client *http.Client
}

// mustSessionAgents creates n agents in the database at path (as their first sign-in
// would, with names from name) and a session for each, and returns browsers carrying
// their session cookie for base: the development provider has only its personas.
func mustSessionAgents(t *testing.T, path, base string, n int, name func(i int) (given, usual string)) []sessionAgent {
	t.Helper()
	db := sqlite.NewDB(path)
	if err := db.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := db.Services()
	system := passerelles.NewSystemContext(context.Background())
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]sessionAgent, n)
	for i := range n {
		given, usual := name(i)
		m, err := svc.Users.SignIn(system, passerelles.Identity{Issuer: "urn:passerelles:test", Subject: fmt.Sprintf("load-%03d", i),
			GivenName: given, UsualName: usual, Email: fmt.Sprintf("agent%03d@test.gouv.fr", i), OrganizationLabel: "DREETS Bretagne"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		token, err := svc.Sessions.CreateSession(system, m.Agent.ID, "", time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		jar, _ := cookiejar.New(nil)
		jar.SetCookies(u, []*http.Cookie{{Name: "passerelles_session", Value: token, Path: "/"}})
		out[i] = sessionAgent{id: fmt.Sprint(m.Agent.ID), client: &http.Client{Jar: jar, Timeout: 60 * time.Second}}
	}
	return out
}

// post sends one GraphQL operation with client; it does not stop the test (goroutines
// call it).
func post(client *http.Client, base, query string, vars map[string]any) (data map[string]any, code string, err error) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	res, err := client.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer res.Body.Close()
	var out struct {
		Data   map[string]any `json:"data"`
		Errors []struct {
			Message    string         `json:"message"`
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		return nil, "", fmt.Errorf("status %d: %w", res.StatusCode, err)
	}
	if len(out.Errors) > 0 {
		code, _ = out.Errors[0].Extensions["code"].(string)
		return out.Data, code, fmt.Errorf("%s: %s", code, out.Errors[0].Message)
	}
	return out.Data, "", nil
}

const createEventMutation = `mutation($in: CreateEventInput!) { createEvent(input: $in) { event { id status } } }`
const publishEventMutation = `mutation($id: ID!) { publishEvent(input: {eventId: $id}) { event { id status } } }`
const registerMutation = `mutation($id: ID!) { registerForEvent(input: {eventId: $id}) {
	registration { status waitlistPosition registeredAt } event { registeredCount waitlistCount } } }`

// eventInputVars is a createEvent input for the community with capacity seats (0:
// unlimited), starting in ten days.
func eventInputVars(communityID string, capacity int, title string) map[string]any {
	start := time.Now().AddDate(0, 0, 10).Truncate(time.Hour)
	in := map[string]any{"communityId": communityID, "title": title, "description": "Venez **nombreux**.",
		"kind": "WORKSHOP", "format": "HYBRID", "address": "14 avenue Duquesne, 75007 Paris",
		"onlineUrl": "https://webconf.numerique.gouv.fr/atelier", "startsAt": start.Format(time.RFC3339),
		"endsAt": start.Add(2 * time.Hour).Format(time.RFC3339), "registrationDeadline": start.AddDate(0, 0, -1).Format(time.RFC3339)}
	if capacity > 0 {
		in["capacity"] = capacity
	}
	return map[string]any{"in": in}
}

// communityID returns the id of the community with code, as b reads it.
func (b *browser) communityID(code string) string {
	b.tb.Helper()
	_, data, _ := b.gql(`query($c: String!) { community(code: $c) { id } }`, map[string]any{"c": code})
	c, _ := data["community"].(map[string]any)
	id, _ := c["id"].(string)
	if id == "" {
		b.tb.Fatalf("community %s not found (%s)", code, b.lastError)
	}
	return id
}

// mustPublishEvent creates and publishes an event as b and returns its id.
func (b *browser) mustPublishEvent(communityID string, capacity int, title string) string {
	b.tb.Helper()
	_, data, _ := b.gql(createEventMutation, eventInputVars(communityID, capacity, title))
	id, _ := dig(data, "createEvent", "event", "id").(string)
	if id == "" {
		b.tb.Fatalf("createEvent: %s", b.lastError)
	}
	if _, _, code := b.gql(publishEventMutation, map[string]any{"id": id}); code != "" {
		b.tb.Fatalf("publishEvent: %s", b.lastError)
	}
	return id
}

// dig reads a path of keys in decoded JSON.
func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// TestConcurrentRegistrations sends 200 registrations at once to an event of 20 seats
// through the real server (run with -race): exactly 20 agents get a seat, the other 180
// wait in the order the server took them (ranks 1 to 180, no gap), nobody twice, nobody
// lost — what each agent was answered is what the store keeps.
func TestConcurrentRegistrations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "concurrent.db")
	base := MustServeDevWith(t, "-db", path)
	animator := signedIn(t, base, "persona-animateur")
	eventID := animator.mustPublishEvent(animator.communityID("data"), 20, "Atelier très demandé")
	agents := mustSessionAgents(t, path, base, 200, func(i int) (string, string) { return "Agent", fmt.Sprintf("Charge%03d", i) })

	type answer struct {
		status   string
		rank     int
		err      error
		agentIdx int
	}
	answers := make([]answer, len(agents))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, a := range agents {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			data, _, err := post(a.client, base, registerMutation, map[string]any{"id": eventID})
			ans := answer{err: err, agentIdx: i}
			ans.status, _ = dig(data, "registerForEvent", "registration", "status").(string)
			if r, ok := dig(data, "registerForEvent", "registration", "waitlistPosition").(float64); ok {
				ans.rank = int(r)
			}
			answers[i] = ans
		}()
	}
	close(start)
	wg.Wait()

	registered, waitlisted := 0, map[int]int{} // rank → agent index
	for _, a := range answers {
		switch {
		case a.err != nil:
			t.Fatalf("agent %d: %v", a.agentIdx, a.err)
		case a.status == "REGISTERED":
			registered++
		case a.status == "WAITLISTED":
			if prev, dup := waitlisted[a.rank]; dup {
				t.Fatalf("agents %d and %d both answered rank %d", prev, a.agentIdx, a.rank)
			}
			waitlisted[a.rank] = a.agentIdx
		default:
			t.Fatalf("agent %d answered status %q", a.agentIdx, a.status)
		}
	}
	if registered != 20 || len(waitlisted) != 180 {
		t.Fatalf("answered %d registered and %d waitlisted, want 20 and 180", registered, len(waitlisted))
	}
	for rank := 1; rank <= 180; rank++ {
		if _, ok := waitlisted[rank]; !ok {
			t.Fatalf("no agent was answered rank %d", rank)
		}
	}

	// What the store keeps, read by the animator page after page: the same 20 and 180,
	// seats first, then the waitlist in order of arrival.
	type row struct {
		agent, status string
		rank          int
	}
	var rows []row
	for _, list := range []string{"participants", "waitlist"} {
		var after any
		for {
			q := `query($id: ID!, $after: String) { event(id: $id) { ` + list + `(first: 100, after: $after) {
				pageInfo { endCursor hasNextPage } edges { node { status waitlistPosition participant { agentId } } } } } }`
			_, data, code := animator.gql(q, map[string]any{"id": eventID, "after": after})
			if code != "" {
				t.Fatalf("%s: %s", list, animator.lastError)
			}
			conn, _ := dig(data, "event", list).(map[string]any)
			edges, _ := conn["edges"].([]any)
			for _, e := range edges {
				r := row{status: fmt.Sprint(dig(e, "node", "status"))}
				r.agent, _ = dig(e, "node", "participant", "agentId").(string)
				if p, ok := dig(e, "node", "waitlistPosition").(float64); ok {
					r.rank = int(p)
				}
				rows = append(rows, r)
			}
			if next, _ := dig(conn, "pageInfo", "hasNextPage").(bool); !next {
				break
			}
			after = dig(conn, "pageInfo", "endCursor")
		}
	}
	seen := map[string]bool{}
	for i, r := range rows {
		if seen[r.agent] {
			t.Fatalf("agent %s listed twice", r.agent)
		}
		seen[r.agent] = true
		wantStatus, wantRank := "REGISTERED", 0
		if i >= 20 {
			wantStatus, wantRank = "WAITLISTED", i-19
		}
		if r.status != wantStatus || r.rank != wantRank {
			t.Fatalf("row %d = %+v, want %s rank %d", i, r, wantStatus, wantRank)
		}
	}
	if len(rows) != 200 {
		t.Fatalf("the store lists %d registrations, want 200", len(rows))
	}
	// Each agent was answered what the store keeps.
	byAgent := map[string]row{}
	for _, r := range rows {
		byAgent[r.agent] = r
	}
	for i, a := range answers {
		if got := byAgent[agents[i].id]; got.status != a.status || got.rank != a.rank {
			t.Fatalf("agent %d was answered %s %d, the store keeps %s %d", i, a.status, a.rank, got.status, got.rank)
		}
	}
}

