package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

const (
	createList = `mutation($n: String!) { createShortlist(input: {name: $n}) { shortlist { id name entryCount departedCount } } }`
	addToList  = `mutation($l: ID!, $a: ID!, $n: String) { addToShortlist(input: {shortlistId: $l, agentId: $a, note: $n}) { entry { note profile { id } } shortlist { entryCount } } }`
	readList   = `query($l: ID!) { shortlist(id: $l) { name entryCount departedCount entries(first: 10) { totalCount edges { node { note profile { id givenName } } } } } }`
	visibility = `mutation($v: Visibility, $h: [ID!]) { updateMyProfile(input: {visibility: $v, hiddenFromOrganisationIds: $h}) { profile { id } } }`
	saveSearch = `mutation($n: String!, $s: ID!) { saveSearch(input: {name: $n, filter: {required: [{skillId: $s, minLevel: 5}], text: "zythologue"}}) { savedSearch { id name filter newCount } } }`
	runSearch  = `{ mySavedSearches(first: 1) { edges { node { id name newCount run(first: 10) { totalCount newCount edges { isNew node { id } } } } } } }`
)

// TestShortlistRoles runs every operation on shortlists and saved searches as each role
// through the real GraphQL handler: nobody, an agent, a manager and an administrator —
// and as a manager on another's list.
func TestShortlistRoles(t *testing.T) {
	base := MustServeDev(t)
	ines := signedIn(t, base, "persona-agent-solidarites")
	inesID := ines.me()["id"].(string)
	ines.gqlData(visibility, map[string]any{"v": "ALL_AGENTS", "h": []any{}})
	pix31 := ines.skillID("pix", "3.1")
	nathalie := signedIn(t, base, "persona-manager")
	sophie := signedIn(t, base, "persona-admin")
	theirs := nathalie.gqlData(createList, map[string]any{"n": "Celle de Nathalie"})["createShortlist"].(map[string]any)["shortlist"].(map[string]any)["id"].(string)
	nathalie.gqlData(addToList, map[string]any{"l": theirs, "a": inesID, "n": "Note de Nathalie."})
	saved := nathalie.gqlData(saveSearch, map[string]any{"n": "Zythologues", "s": pix31})["saveSearch"].(map[string]any)["savedSearch"].(map[string]any)["id"].(string)

	type op struct {
		name, query string
		vars        func(mine string) map[string]any
	}
	none := func(string) map[string]any { return nil }
	ops := []op{
		{"myShortlists", `{ myShortlists { totalCount edges { node { name entries { totalCount } } } } }`, none},
		{"mySavedSearches", `{ mySavedSearches { totalCount } }`, none},
		{"createShortlist", createList, func(string) map[string]any { return map[string]any{"n": "Vivier " + fmt.Sprint(len(inesID))} }},
		{"saveSearch", saveSearch, func(string) map[string]any { return map[string]any{"n": "Recherche", "s": pix31} }},
	}
	for _, role := range []struct {
		name string
		b    *browser
		want string
	}{
		{"Anonymous", newBrowser(t, base), "UNAUTHENTICATED"},
		{"Agent", signedIn(t, base, "persona-agent-travail"), "FORBIDDEN"},
		{"Manager", signedIn(t, base, "persona-manager"), ""},
		{"Admin", sophie, ""},
	} {
		for _, o := range ops {
			t.Run(role.name+"/"+o.name, func(t *testing.T) {
				if _, _, code := role.b.gql(o.query, o.vars("")); code != role.want {
					t.Fatalf("code %q, want %q (%s)", code, role.want, role.b.lastError)
				}
			})
		}
	}
	// Another owner's list and saved search: NOT_FOUND, as a missing one, and nothing of
	// them shows.
	for _, o := range []op{
		{"shortlist", readList, func(string) map[string]any { return map[string]any{"l": theirs} }},
		{"renameShortlist", `mutation($l: ID!) { renameShortlist(input: {shortlistId: $l, name: "Prise"}) { shortlist { id } } }`,
			func(string) map[string]any { return map[string]any{"l": theirs} }},
		{"deleteShortlist", `mutation($l: ID!) { deleteShortlist(input: {shortlistId: $l}) { shortlistId } }`,
			func(string) map[string]any { return map[string]any{"l": theirs} }},
		{"addToShortlist", addToList, func(string) map[string]any { return map[string]any{"l": theirs, "a": inesID} }},
		{"updateShortlistNote", `mutation($l: ID!, $a: ID!) { updateShortlistNote(input: {shortlistId: $l, agentId: $a, note: "x"}) { entry { note } } }`,
			func(string) map[string]any { return map[string]any{"l": theirs, "a": inesID} }},
		{"removeFromShortlist", `mutation($l: ID!, $a: ID!) { removeFromShortlist(input: {shortlistId: $l, agentId: $a}) { agentId } }`,
			func(string) map[string]any { return map[string]any{"l": theirs, "a": inesID} }},
		{"acknowledgeShortlistDepartures", `mutation($l: ID!) { acknowledgeShortlistDepartures(input: {shortlistId: $l}) { shortlist { id } } }`,
			func(string) map[string]any { return map[string]any{"l": theirs} }},
		{"deleteSavedSearch", `mutation($s: ID!) { deleteSavedSearch(input: {savedSearchId: $s}) { savedSearchId } }`,
			func(string) map[string]any { return map[string]any{"s": saved} }},
	} {
		t.Run("OtherOwner/"+o.name, func(t *testing.T) {
			if _, _, code := sophie.gql(o.query, o.vars("")); code != "NOT_FOUND" {
				t.Fatalf("code %q, want NOT_FOUND (%s)", code, sophie.lastError)
			}
		})
	}
	t.Run("OtherOwner/ListsAreOwn", func(t *testing.T) {
		d := sophie.gqlData(`{ myShortlists { edges { node { name } } } mySavedSearches { edges { node { name } } } }`, nil)
		b, _ := json.Marshal(d)
		if strings.Contains(string(b), "Nathalie") || strings.Contains(string(b), "Zythologues") {
			t.Fatalf("the administrator reads the manager's lists: %s", b)
		}
	})
	t.Run("OwnerStillHasThem", func(t *testing.T) {
		d := nathalie.gqlData(readList, map[string]any{"l": theirs})["shortlist"].(map[string]any)
		if d["entryCount"].(float64) != 1 {
			t.Fatalf("list after the others' attempts: %v", d)
		}
	})
}

// TestShortlistStates follows an agent on a manager's list through the changes that make
// her leave it — hiding from the manager's organisation, going private, erasing her
// account — and the export that tells her which lists she is on, without the notes; then
// a saved search run twice, through the real GraphQL handler.
func TestShortlistStates(t *testing.T) {
	base := MustServeDev(t)
	ines := signedIn(t, base, "persona-agent-solidarites")
	inesID := ines.me()["id"].(string)
	camille := signedIn(t, base, "persona-agent-travail")
	camilleID := camille.me()["id"].(string)
	nathalie := signedIn(t, base, "persona-manager")
	sophie := signedIn(t, base, "persona-admin")
	orgs := map[string]string{}
	d := ines.gqlData(`{ organisations(first: 100) { edges { node { id name } } } }`, nil)
	for _, e := range d["organisations"].(map[string]any)["edges"].([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		orgs[n["name"].(string)] = n["id"].(string)
	}
	managersOrg := orgs["Direction du numérique"] // what nathalie's provider asserts
	ines.gqlData(visibility, map[string]any{"v": "ALL_AGENTS", "h": []any{}})
	list := nathalie.gqlData(createList, map[string]any{"n": "Relève data"})["createShortlist"].(map[string]any)["shortlist"].(map[string]any)["id"].(string)
	const note = "Très bonne candidate pour le projet Dora."
	state := func(b *browser, l string) (entries, departed int, body string) {
		t.Helper()
		d := b.gqlData(readList, map[string]any{"l": l})["shortlist"].(map[string]any)
		raw, _ := json.Marshal(d)
		edges := d["entries"].(map[string]any)["edges"].([]any)
		if int(d["entryCount"].(float64)) != len(edges) || int(d["entries"].(map[string]any)["totalCount"].(float64)) != len(edges) {
			t.Fatalf("counts disagree: %s", raw)
		}
		return len(edges), int(d["departedCount"].(float64)), string(raw)
	}
	add := func(b *browser, l, agent, note string) string {
		t.Helper()
		_, _, code := b.gql(addToList, map[string]any{"l": l, "a": agent, "n": note})
		return code
	}

	t.Run("Added", func(t *testing.T) {
		if code := add(nathalie, list, inesID, note); code != "" {
			t.Fatalf("add: %s %s", code, nathalie.lastError)
		}
		n, gone, body := state(nathalie, list)
		if n != 1 || gone != 0 || !strings.Contains(body, note) || !strings.Contains(body, inesID) {
			t.Fatalf("list %s", body)
		}
	})
	t.Run("Refusals", func(t *testing.T) {
		for _, tc := range []struct {
			name, agent, note, code string
		}{
			{"Twice", inesID, "", "CONFLICT"},
			{"PrivateProfile", camilleID, "", "NOT_FOUND"},
			{"NoteWithBidiControl", camilleID, "Bon profil\u202e", "INVALID_INPUT"},
			{"NoteTooLong", camilleID, strings.Repeat("é", 2001), "INVALID_INPUT"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if code := add(nathalie, list, tc.agent, tc.note); code != tc.code {
					t.Fatalf("code %q, want %q (%s)", code, tc.code, nathalie.lastError)
				}
			})
		}
		if _, _, code := nathalie.gql(createList, map[string]any{"n": "  "}); code != "INVALID_INPUT" {
			t.Fatalf("blank name: code %q", code)
		}
		if _, _, code := nathalie.gql(createList, map[string]any{"n": "Relève data"}); code != "CONFLICT" {
			t.Fatalf("same name: code %q", code)
		}
	})
	t.Run("ExportListsTheShortlistWithoutTheNote", func(t *testing.T) {
		x := ines.gqlData(`{ exportMyData }`, nil)["exportMyData"].(string)
		var doc struct {
			OnShortlists []struct {
				OwnerName string `json:"ownerName"`
				Shortlist string `json:"shortlist"`
			} `json:"onShortlists"`
		}
		if err := json.Unmarshal([]byte(x), &doc); err != nil {
			t.Fatal(err)
		}
		me := nathalie.me()
		owner := me["givenName"].(string) + " " + me["usualName"].(string)
		if len(doc.OnShortlists) != 1 || doc.OnShortlists[0].OwnerName != owner || doc.OnShortlists[0].Shortlist != "Relève data" {
			t.Fatalf("onShortlists %+v, want %q's « Relève data »", doc.OnShortlists, owner)
		}
		if strings.Contains(x, "Dora") {
			t.Fatal("the export carries the manager's note")
		}
	})
	t.Run("HidesFromTheManagersOrganisation", func(t *testing.T) {
		ines.gqlData(visibility, map[string]any{"v": "ALL_AGENTS", "h": []any{managersOrg}})
		n, gone, body := state(nathalie, list)
		if n != 0 || gone != 1 || strings.Contains(body, note) || strings.Contains(body, inesID) {
			t.Fatalf("list %s, want no entry and 1 departure", body)
		}
		x := ines.gqlData(`{ exportMyData }`, nil)["exportMyData"].(string)
		if !strings.Contains(x, `"onShortlists": []`) {
			t.Fatal("she left the list, her export still lists it")
		}
	})
	t.Run("ShowsAgainButHasLeft", func(t *testing.T) {
		ines.gqlData(visibility, map[string]any{"v": "ALL_AGENTS", "h": []any{}})
		if n, gone, body := state(nathalie, list); n != 0 || gone != 1 {
			t.Fatalf("list %s: she left it, with the note", body)
		}
	})
	t.Run("Acknowledged", func(t *testing.T) {
		nathalie.gqlData(`mutation($l: ID!) { acknowledgeShortlistDepartures(input: {shortlistId: $l}) { shortlist { departedCount } } }`, map[string]any{"l": list})
		if _, gone, body := state(nathalie, list); gone != 0 {
			t.Fatalf("list %s", body)
		}
	})
	t.Run("ManagersOnlyKeepsHerOnAManagersList", func(t *testing.T) {
		if code := add(nathalie, list, inesID, note); code != "" {
			t.Fatalf("add again: %s", code)
		}
		ines.gqlData(visibility, map[string]any{"v": "MANAGERS", "h": []any{}})
		if n, gone, body := state(nathalie, list); n != 1 || gone != 0 {
			t.Fatalf("list %s", body)
		}
	})
	t.Run("GoesPrivate", func(t *testing.T) {
		ines.gqlData(visibility, map[string]any{"v": "PRIVATE", "h": []any{}})
		if n, gone, body := state(nathalie, list); n != 0 || gone != 1 {
			t.Fatalf("list %s", body)
		}
	})
	t.Run("ErasesHerAccount", func(t *testing.T) {
		ines.gqlData(visibility, map[string]any{"v": "ALL_AGENTS", "h": []any{}})
		other := sophie.gqlData(createList, map[string]any{"n": "Admin"})["createShortlist"].(map[string]any)["shortlist"].(map[string]any)["id"].(string)
		if code := add(sophie, other, inesID, "Note de l’administratrice."); code != "" {
			t.Fatalf("add: %s %s", code, sophie.lastError)
		}
		ines.gqlData(`mutation { deleteMyAccount(input: {confirmation: "SUPPRIMER"}) { deleted } }`, nil)
		if n, gone, body := state(sophie, other); n != 0 || gone != 1 {
			t.Fatalf("list %s, want no entry and 1 departure", body)
		}
	})
}

// TestSavedSearchNewSinceLastRun saves a search that finds nobody, then an agent comes to
// match it: the next run tells her new, the one after not.
func TestSavedSearchNewSinceLastRun(t *testing.T) {
	base := MustServeDev(t)
	ines := signedIn(t, base, "persona-agent-solidarites")
	inesID := ines.me()["id"].(string)
	pix31 := ines.skillID("pix", "3.1")
	ines.gqlData(`mutation { updateMyProfile(input: {visibility: ALL_AGENTS, bio: "Zythologue à ses heures."}) { profile { id } } }`, nil)
	nathalie := signedIn(t, base, "persona-manager")
	s := nathalie.gqlData(saveSearch, map[string]any{"n": "Zythologues", "s": pix31})["saveSearch"].(map[string]any)["savedSearch"].(map[string]any)
	var filter map[string]any
	if err := json.Unmarshal([]byte(s["filter"].(string)), &filter); err != nil || filter["text"] != "zythologue" {
		t.Fatalf("filter %v (%v)", s["filter"], err)
	}
	run := func() (total, newCount int, isNew map[string]bool) {
		t.Helper()
		d := nathalie.gqlData(runSearch, nil)
		node := d["mySavedSearches"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)
		r := node["run"].(map[string]any)
		isNew = map[string]bool{}
		for _, e := range r["edges"].([]any) {
			e := e.(map[string]any)
			isNew[e["node"].(map[string]any)["id"].(string)] = e["isNew"].(bool)
		}
		return int(r["totalCount"].(float64)), int(r["newCount"].(float64)), isNew
	}
	if total, n, _ := run(); total != 0 || n != 0 {
		t.Fatalf("first run: %d results, %d new", total, n)
	}
	ines.gqlData(declare, map[string]any{"s": pix31, "l": 6})
	if total, n, isNew := run(); total != 1 || n != 1 || !isNew[inesID] {
		t.Fatalf("after she matches: %d results, %d new, %v", total, n, isNew)
	}
	if total, n, isNew := run(); total != 1 || n != 0 || isNew[inesID] {
		t.Fatalf("run after: %d results, %d new, %v", total, n, isNew)
	}
	d := nathalie.gqlData(`query($s: ID!) { searchTalent(filter: {required: [{skillId: $s, minLevel: 5}]}) { newCount edges { isNew } } }`, map[string]any{"s": pix31})
	if st := d["searchTalent"].(map[string]any); st["newCount"] != nil || st["edges"].([]any)[0].(map[string]any)["isNew"] != nil {
		t.Fatalf("a plain search tells new results: %v", st)
	}
}
