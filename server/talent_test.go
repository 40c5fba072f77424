package main

import (
	"fmt"
	"slices"
	"testing"
)

// TestSearchTalentWhoSeesWhom runs the who-sees-whom matrix through the real GraphQL
// handler: viewers (an agent, an agent of the organisation hidden from, a manager, an
// administrator, nobody) × the three visibilities × the organisations hidden from; the
// target changes her profile between cases, so each case is also a read-your-writes
// check through HTTP.
func TestSearchTalentWhoSeesWhom(t *testing.T) {
	base := MustServeDev(t)
	ines := signedIn(t, base, "persona-agent-solidarites")
	viewers := map[string]*browser{
		"camille (agent)":    signedIn(t, base, "persona-agent-travail"),
		"karim (agent)":      signedIn(t, base, "persona-agent-sante"),
		"nathalie (manager)": signedIn(t, base, "persona-manager"),
		"sophie (admin)":     signedIn(t, base, "persona-admin"),
	}
	orgs := map[string]string{}
	d := ines.gqlData(`{ organisations(first: 100) { edges { node { id name } } } }`, nil)
	for _, e := range d["organisations"].(map[string]any)["edges"].([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		orgs[n["name"].(string)] = n["id"].(string)
	}
	asserted := map[string]string{
		"camille (agent)": orgs["DREETS Bretagne"], "karim (agent)": orgs["ARS Occitanie"],
		"nathalie (manager)": orgs["Direction du numérique"], "sophie (admin)": orgs["Direction du numérique"],
	}
	managers := map[string]bool{"nathalie (manager)": true, "sophie (admin)": true}
	pix31 := ines.skillID("pix", "3.1")
	inesID := ines.me()["id"].(string)
	ines.gqlData(declare, map[string]any{"s": pix31, "l": 6})
	const search = `query($s: ID!) { searchTalent(filter: {required: [{skillId: $s, minLevel: 5}], text: "zythologue"}, first: 10) {
		totalCount edges { node { id givenName } score explanation { skill { code } required level { value } validated recency points } } } }`
	found := func(b *browser) (bool, string) {
		t.Helper()
		_, data, code := b.gql(search, map[string]any{"s": pix31})
		if code != "" {
			return false, code
		}
		for _, e := range data["searchTalent"].(map[string]any)["edges"].([]any) {
			if e.(map[string]any)["node"].(map[string]any)["id"] == inesID {
				return true, ""
			}
		}
		return false, ""
	}
	for _, vis := range []string{"PRIVATE", "MANAGERS", "ALL_AGENTS"} {
		for _, hiddenName := range []string{"", "ARS Occitanie", "Direction du numérique", "DREETS Bretagne"} {
			hidden := []any{}
			if hiddenName != "" {
				hidden = append(hidden, orgs[hiddenName])
			}
			ines.gqlData(`mutation($v: Visibility, $h: [ID!]) { updateMyProfile(input: {visibility: $v, hiddenFromOrganisationIds: $h, bio: "Zythologue à ses heures."}) { profile { id } } }`,
				map[string]any{"v": vis, "h": hidden})
			t.Run(fmt.Sprintf("%s hidden from %q", vis, hiddenName), func(t *testing.T) {
				if got, _ := found(ines); !got {
					t.Error("the agent does not find her own profile")
				}
				for name, b := range viewers {
					want := (vis == "ALL_AGENTS" || (vis == "MANAGERS" && managers[name])) &&
						!slices.Contains(hidden, any(asserted[name]))
					if got, code := found(b); got != want || code != "" {
						t.Errorf("%s finds her: %v (%s), want %v", name, got, code, want)
					}
				}
				if _, _, code := newBrowser(t, base).gql(search, map[string]any{"s": pix31}); code != "UNAUTHENTICATED" {
					t.Errorf("anonymous: code %q, want UNAUTHENTICATED", code)
				}
			})
		}
	}
	t.Run("Explanation", func(t *testing.T) {
		d := viewers["nathalie (manager)"].gqlData(search, map[string]any{"s": pix31})
		edges := d["searchTalent"].(map[string]any)["edges"].([]any)
		if len(edges) != 1 {
			t.Fatalf("%d results, want Inès alone", len(edges))
		}
		e := edges[0].(map[string]any)
		x := e["explanation"].([]any)[0].(map[string]any)
		if e["score"].(float64) != 75 || x["points"].(float64) != 75 || x["level"].(map[string]any)["value"].(float64) != 6 ||
			x["validated"] != false || x["recency"] != "RECENT" || x["required"] != true {
			t.Fatalf("result %v", e)
		}
	})
	t.Run("Refusals", func(t *testing.T) {
		b := viewers["nathalie (manager)"]
		for _, tc := range []struct {
			name, query, code string
			vars              map[string]any
		}{
			{"LevelOffScale", `query($s: ID!) { searchTalent(filter: {required: [{skillId: $s, minLevel: 9}]}) { totalCount } }`, "INVALID_INPUT", map[string]any{"s": pix31}},
			{"BadCursor", `query($s: ID!) { searchTalent(filter: {required: [{skillId: $s, minLevel: 1}]}, after: "b2Zmc2V0OjE") { totalCount } }`, "INVALID_INPUT", map[string]any{"s": pix31}},
			{"FirstTooLarge", `query($s: ID!) { searchTalent(filter: {required: [{skillId: $s, minLevel: 1}]}, first: 101) { totalCount } }`, "INVALID_INPUT", map[string]any{"s": pix31}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if _, _, code := b.gql(tc.query, tc.vars); code != tc.code {
					t.Fatalf("code %q, want %q (%s)", code, tc.code, b.lastError)
				}
			})
		}
	})
}

// TestTalentCardsRecordNoView: listing search results is not a view of the profiles
// found, even when the document asks for the cards' skills (read lazily since the cards
// are read without them; the profile loader records a view for every profile it serves).
func TestTalentCardsRecordNoView(t *testing.T) {
	base := MustServeDev(t)
	ines := signedIn(t, base, "persona-agent-solidarites")
	pix31 := ines.skillID("pix", "3.1")
	ines.gqlData(declare, map[string]any{"s": pix31, "l": 6})
	ines.gqlData(`mutation { updateMyProfile(input: {visibility: ALL_AGENTS, hiddenFromOrganisationIds: [], bio: "Zythologue."}) { profile { id } } }`, nil)
	nathalie := signedIn(t, base, "persona-manager")
	views := func() float64 {
		t.Helper()
		return ines.gqlData(`{ myProfileViews { totalCount } }`, nil)["myProfileViews"].(map[string]any)["totalCount"].(float64)
	}
	t.Run("SearchResults", func(t *testing.T) {
		d := nathalie.gqlData(`query($s: ID!) { searchTalent(filter: {required: [{skillId: $s, minLevel: 5}], text: "zythologue"}) {
			edges { node { id skills { skill { code } level { value } } } } } }`, map[string]any{"s": pix31})
		edges := d["searchTalent"].(map[string]any)["edges"].([]any)
		if len(edges) != 1 || len(edges[0].(map[string]any)["node"].(map[string]any)["skills"].([]any)) == 0 {
			t.Fatalf("results %v, want Inès with her skills", edges)
		}
		if n := views(); n != 0 {
			t.Fatalf("%v profile views after a search, want 0", n)
		}
	})
}

// TestSearchTalentDirectivesAsExecuted: facets and the page are counted exactly when
// graphql-go executes their fields, whatever the @skip/@include a document writes (a
// field executed but judged skipped resolved to null: the non-null facets failed the
// whole answer with INTERNAL).
func TestSearchTalentDirectivesAsExecuted(t *testing.T) {
	base := MustServeDev(t)
	nathalie := signedIn(t, base, "persona-manager")
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
		want        bool // facets answered
	}{
		{"IncludeTwiceLastTrue", `{ searchTalent(filter: {}) { facets @include(if: false) @include(if: true) { regions { count } } } }`, nil, true},
		{"SkipTwiceLastFalse", `{ searchTalent(filter: {}) { facets @skip(if: true) @skip(if: false) { regions { count } } } }`, nil, true},
		{"IncludeNullVariable", `query($f: Boolean = true) { searchTalent(filter: {}) { facets @include(if: $f) { regions { count } } } }`, map[string]any{"f": nil}, true},
		{"IncludeFalse", `query($f: Boolean!) { searchTalent(filter: {}) { totalCount facets @include(if: $f) { regions { count } } } }`, map[string]any{"f": false}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, data, code := nathalie.gql(tc.query, tc.vars)
			if code != "" {
				t.Fatalf("code %q (%s)", code, nathalie.lastError)
			}
			got, ok := data["searchTalent"].(map[string]any)["facets"].(map[string]any)
			if ok != tc.want || (ok && len(got["regions"].([]any)) == 0) {
				t.Fatalf("facets %v, want answered: %v", data, tc.want)
			}
		})
	}
}
