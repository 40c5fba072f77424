package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// gqlData posts an operation and fails the test on any error.
func (b *browser) gqlData(query string, vars map[string]any) map[string]any {
	b.tb.Helper()
	_, data, code := b.gql(query, vars)
	if code != "" {
		b.tb.Fatalf("%s: error %s: %s", strings.Fields(query)[0], code, b.lastError)
	}
	return data
}

// skillID returns the id of a skill of the referentials by framework and code.
func (b *browser) skillID(framework, code string) string {
	b.tb.Helper()
	d := b.gqlData(`query($f: String!, $q: String!) { skills(framework: $f, search: $q, first: 100) { edges { node { id code } } } }`,
		map[string]any{"f": framework, "q": code})
	for _, e := range d["skills"].(map[string]any)["edges"].([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		if n["code"] == code {
			return n["id"].(string)
		}
	}
	b.tb.Fatalf("skill %s %s not found", framework, code)
	return ""
}

const declare = `mutation($s: ID!, $l: Int!, $e: [EvidenceInput!]) { declareSkill(input: {skillId: $s, level: $l, currentUse: true, wantsToDevelop: false, evidence: $e}) { skill { level { code } validationStatus } } }`
const profileQuery = `query($id: ID!) { profile(id: $id) { id givenName email skills { skill { code } level { code } validationStatus endorsementCount endorsers { givenName } history { version change } } } }`

func TestProfileJourney(t *testing.T) {
	base := MustServeDev(t)
	camille := signedIn(t, base, "persona-agent-travail")
	karim := signedIn(t, base, "persona-agent-sante")
	nathalie := signedIn(t, base, "persona-manager")
	sophie := signedIn(t, base, "persona-admin")
	anonymous := newBrowser(t, base)
	camilleID := camille.me()["id"].(string)
	pix12 := camille.skillID("pix", "1.2")
	ecfB1 := camille.skillID("ecf", "B.1")
	ecfA1 := camille.skillID("ecf", "A.1")

	t.Run("DeclareSkills", func(t *testing.T) {
		camille.gqlData(declare, map[string]any{"s": pix12, "l": 3})
		camille.gqlData(declare, map[string]any{"s": pix12, "l": 5, "e": []any{map[string]any{"kind": "CERTIFICATION", "title": "Certification Pix", "score": 512, "obtainedOn": "2026-03-02"}}})
		camille.gqlData(declare, map[string]any{"s": ecfB1, "l": 2})
		camille.gqlData(`mutation($ids: [ID!]!) { rankTopSkills(input: {skillIds: $ids}) { profile { id } } }`, map[string]any{"ids": []any{pix12}})
	})
	for _, tc := range []struct {
		name string
		vars map[string]any
		code string
	}{
		{"ErrLevelOffScale", map[string]any{"s": pix12, "l": 9}, "INVALID_INPUT"},
		{"ErrLevelNotDefinedForSkill", map[string]any{"s": ecfA1, "l": 2}, "INVALID_INPUT"},
		{"ErrUnknownSkill", map[string]any{"s": "999999", "l": 2}, "INVALID_INPUT"},
		{"ErrFutureDate", map[string]any{"s": pix12, "l": 4, "e": []any{map[string]any{"kind": "TRAINING", "title": "Formation", "obtainedOn": "2999-01-01"}}}, "INVALID_INPUT"},
		{"ErrScore", map[string]any{"s": pix12, "l": 4, "e": []any{map[string]any{"kind": "CERTIFICATION", "title": "Pix", "score": 1025}}}, "INVALID_INPUT"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, code := camille.gql(declare, tc.vars); code != tc.code {
				t.Fatalf("code = %q, want %q", code, tc.code)
			}
		})
	}
	t.Run("HistoryKept", func(t *testing.T) {
		d := camille.gqlData(profileQuery, map[string]any{"id": camilleID})
		skills, _ := json.Marshal(d["profile"].(map[string]any)["skills"])
		if !strings.Contains(string(skills), `"history":[{"change":"DECLARED","version":1},{"change":"UPDATED","version":2},`) {
			t.Fatalf("history not kept in order: %s", skills)
		}
		if !strings.Contains(string(skills), `"level":{"code":"5"}`) {
			t.Fatalf("current level not 5: %s", skills)
		}
	})

	visible := func(b *browser) bool {
		_, data, code := b.gql(profileQuery, map[string]any{"id": camilleID})
		if code != "" && code != "NOT_FOUND" && code != "UNAUTHENTICATED" {
			t.Fatalf("unexpected code %s", code)
		}
		return code == "" && data["profile"] != nil
	}
	setVisibility := func(v string) {
		camille.gqlData(`mutation($v: Visibility!) { updateMyProfile(input: {visibility: $v}) { profile { visibility } } }`, map[string]any{"v": v})
	}
	for _, tc := range []struct {
		visibility                          string
		owner, agent, manager, admin, anons bool
	}{
		{"PRIVATE", true, false, false, false, false},
		{"MANAGERS", true, false, true, true, false},
		{"ALL_AGENTS", true, true, true, true, false},
	} {
		t.Run("Visibility/"+tc.visibility, func(t *testing.T) {
			setVisibility(tc.visibility)
			for who, want := range map[*browser]bool{camille: tc.owner, karim: tc.agent, nathalie: tc.manager, sophie: tc.admin, anonymous: tc.anons} {
				if got := visible(who); got != want {
					t.Errorf("visible to %v = %v, want %v", who.me(), got, want)
				}
			}
		})
	}

	t.Run("Endorse", func(t *testing.T) {
		setVisibility("ALL_AGENTS")
		endorse := `mutation($a: ID!, $s: ID!) { endorseSkill(input: {agentId: $a, skillId: $s}) { skill { endorsementCount endorsedByMe } } }`
		karim.gqlData(endorse, map[string]any{"a": camilleID, "s": pix12})
		if _, _, code := karim.gql(endorse, map[string]any{"a": camilleID, "s": pix12}); code != "CONFLICT" {
			t.Fatalf("second endorsement: %q, want CONFLICT", code)
		}
		if _, _, code := camille.gql(endorse, map[string]any{"a": camilleID, "s": pix12}); code != "INVALID_INPUT" {
			t.Fatalf("own endorsement: %q, want INVALID_INPUT", code)
		}
		// Karim's profile is private: Nathalie counts his endorsement but does not see him.
		d := nathalie.gqlData(profileQuery, map[string]any{"id": camilleID})
		b, _ := json.Marshal(d)
		if !strings.Contains(string(b), `"endorsementCount":1,"endorsers":[]`) {
			t.Fatalf("private endorser listed or not counted: %s", b)
		}
	})

	t.Run("Validate", func(t *testing.T) {
		validate := `mutation($a: ID!, $s: ID!, $l: Int!, $c: String) { validateSkill(input: {agentId: $a, skillId: $s, level: $l, comment: $c}) { skill { validationStatus validatedLevel { code } } } }`
		if _, _, code := karim.gql(validate, map[string]any{"a": camilleID, "s": pix12, "l": 5}); code != "FORBIDDEN" {
			t.Fatalf("agent validating: %q, want FORBIDDEN", code)
		}
		if _, _, code := nathalie.gql(validate, map[string]any{"a": camilleID, "s": pix12, "l": 4}); code != "INVALID_INPUT" {
			t.Fatalf("other level without comment: %q, want INVALID_INPUT", code)
		}
		d := nathalie.gqlData(validate, map[string]any{"a": camilleID, "s": pix12, "l": 4, "c": "Niveau 4 constaté en revue."})
		if b, _ := json.Marshal(d); !strings.Contains(string(b), `"validationStatus":"VALIDATED_LOWER"`) {
			t.Fatalf("lower validation: %s", b)
		}
		d = camille.gqlData(declare, map[string]any{"s": pix12, "l": 6})
		if b, _ := json.Marshal(d); !strings.Contains(string(b), `"validationStatus":"ABOVE_VALIDATED"`) {
			t.Fatalf("declared above the validation: %s", b)
		}
	})

	t.Run("RemovedSkillKeepsItsTimeline", func(t *testing.T) {
		camille.gqlData(`mutation($s: ID!) { removeSkill(input: {skillId: $s}) { skillId } }`, map[string]any{"s": ecfB1})
		d := nathalie.gqlData(`query($id: ID!, $s: ID!) { profile(id: $id) { skillHistory(skillId: $s) { version change } } }`,
			map[string]any{"id": camilleID, "s": ecfB1})
		if b, _ := json.Marshal(d); !strings.Contains(string(b), `[{"change":"DECLARED","version":1},{"change":"REMOVED","version":2}]`) {
			t.Fatalf("timeline of a removed skill: %s", b)
		}
	})

	t.Run("RemovedSkillsListed", func(t *testing.T) {
		removed := `query($id: ID!) { profile(id: $id) { skills { skill { code } } removedSkills { skill { code framework { code } } removedAt history { version change changedByName } } } }`
		want := `"removedSkills":[{"history":[{"change":"DECLARED","changedByName":%s,"version":1},{"change":"REMOVED","changedByName":%s,"version":2}],"removedAt":"`
		for _, tc := range []struct {
			name string
			who  *browser
			by   string // the author's name, given to the agent only (KnowsWhoActed); "" for no list
		}{
			{"Owner", camille, `"Camille Lefèvre"`},
			{"Manager", nathalie, ""}, // withdrawn skills are the agent's alone (ProfileFields.RemovedSkills)
			{"OtherAgent", karim, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				b, _ := json.Marshal(tc.who.gqlData(removed, map[string]any{"id": camilleID}))
				if tc.by == "" {
					if !strings.Contains(string(b), `"removedSkills":[]`) {
						t.Fatalf("another viewer reads the withdrawn skills: %s", b)
					}
					return
				}
				if !strings.Contains(string(b), fmt.Sprintf(want, tc.by, tc.by)) ||
					!strings.Contains(string(b), `"skill":{"code":"B.1","framework":{"code":"ecf"}}}]`) {
					t.Fatalf("removed skills: %s", b)
				}
			})
		}
		// Declared again, it is no longer a removed skill; removed again, it is one once more.
		camille.gqlData(declare, map[string]any{"s": ecfB1, "l": 2})
		if b, _ := json.Marshal(camille.gqlData(removed, map[string]any{"id": camilleID})); !strings.Contains(string(b), `"removedSkills":[]`) {
			t.Fatalf("a skill declared again is listed as removed: %s", b)
		}
		camille.gqlData(`mutation($s: ID!) { removeSkill(input: {skillId: $s}) { skillId } }`, map[string]any{"s": ecfB1})
	})

	t.Run("ProfileViews", func(t *testing.T) {
		d := camille.gqlData(`{ myProfileViews { totalCount edges { node { viewerName viewerOrganisation at } } } }`, nil)
		if b, _ := json.Marshal(d); !strings.Contains(string(b), `"viewerName":"Nathalie Garnier"`) {
			t.Fatalf("the manager's views are not listed: %s", b)
		}
	})

	t.Run("ExportAndErase", func(t *testing.T) {
		res, err := camille.client.Get(base + "/me/export.json")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), "attachment") || !strings.Contains(string(body), "Lefèvre") {
			t.Fatalf("export: %d %q %.200s", res.StatusCode, res.Header.Get("Content-Disposition"), body)
		}
		if res, _ := anonymous.client.Get(base + "/me/export.json"); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("anonymous export: %d, want 401", res.StatusCode)
		}
		if _, _, code := camille.gql(`mutation { deleteMyAccount(input: {confirmation: "oui"}) { deleted } }`, nil); code != "INVALID_INPUT" {
			t.Fatalf("erasure without the word: %q", code)
		}
		camille.gqlData(`mutation { deleteMyAccount(input: {confirmation: "SUPPRIMER"}) { deleted } }`, nil)
		for _, c := range camille.client.Jar.Cookies(mustURL(t, base)) {
			if c.Name == "passerelles_session" {
				t.Fatal("the erasure response did not clear the session cookie")
			}
		}
		if me := camille.me(); me != nil {
			t.Fatalf("still signed in after erasure: %v", me)
		}
		if _, _, code := nathalie.gql(profileQuery, map[string]any{"id": camilleID}); code != "NOT_FOUND" {
			t.Fatalf("erased profile: %q, want NOT_FOUND", code)
		}
	})
}

// TestCommunityMembersObeyVisibility follows the nested edge community → members.
func TestCommunityMembersObeyVisibility(t *testing.T) {
	base := MustServeDev(t)
	thomas := signedIn(t, base, "persona-animateur")
	karim := signedIn(t, base, "persona-agent-sante")
	members := `{ community(code: "data") { members(first: 100) { totalCount edges { node { givenName usualName } } } } }`
	lists := func(b *browser) bool {
		d := b.gqlData(members, nil)
		out, _ := json.Marshal(d)
		return strings.Contains(string(out), `"usualName":"Nguyen"`)
	}
	if !lists(thomas) {
		t.Fatal("the animator does not see himself among the members")
	}
	if lists(karim) {
		t.Fatal("a private member is listed to another agent")
	}
	thomas.gqlData(`mutation { updateMyProfile(input: {visibility: ALL_AGENTS}) { profile { id } } }`, nil)
	if !lists(karim) {
		t.Fatal("a member visible to all agents is not listed")
	}
	if _, _, code := newBrowser(t, base).gql(members, nil); code != "UNAUTHENTICATED" {
		t.Fatalf("anonymous members list: %q, want UNAUTHENTICATED", code)
	}
}

// TestHiddenFromOrganisationUsesAssertedOrganisation: a viewer cannot escape a profile's
// exclusion by changing the organisation they declare; the one their provider asserts counts.
func TestHiddenFromOrganisationUsesAssertedOrganisation(t *testing.T) {
	base := MustServeDev(t)
	camille := signedIn(t, base, "persona-agent-travail")
	karim := signedIn(t, base, "persona-agent-sante") // asserted: ARS Occitanie
	nathalie := signedIn(t, base, "persona-manager")  // asserted: Direction du numérique
	d := camille.gqlData(`{ organisations(type: ARS, first: 100) { edges { node { id name } } } }`, nil)
	var ars, other string
	for _, e := range d["organisations"].(map[string]any)["edges"].([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		switch {
		case n["name"] == "ARS Occitanie":
			ars = n["id"].(string)
		case other == "":
			other = n["id"].(string)
		}
	}
	camille.gqlData(`mutation($h: [ID!]) { updateMyProfile(input: {visibility: ALL_AGENTS, hiddenFromOrganisationIds: $h}) { profile { id } } }`,
		map[string]any{"h": []any{ars}})
	id := camille.me()["id"].(string)
	sees := func(b *browser) bool {
		_, data, code := b.gql(`query($id: ID!) { profile(id: $id) { id } }`, map[string]any{"id": id})
		return code == "" && data["profile"] != nil
	}
	if sees(karim) {
		t.Fatal("an agent of the hidden organisation sees the profile")
	}
	karim.gqlData(`mutation($o: ID) { updateMyProfile(input: {organisationId: $o}) { profile { id } } }`, map[string]any{"o": other})
	if sees(karim) {
		t.Fatal("declaring another organisation escaped the exclusion")
	}
	karim.gqlData(`mutation { updateMyProfile(input: {organisationId: ""}) { profile { id } } }`, nil)
	if sees(karim) {
		t.Fatal("clearing the declared organisation escaped the exclusion")
	}
	if !sees(nathalie) {
		t.Fatal("a viewer of another asserted organisation does not see the profile")
	}
}

// TestValidationProbeIsAudited replays, through the real GraphQL handler, the probe of
// issue 7 on the Pix referential: a manager whose own profile is PRIVATE calls validateSkill
// at level 0 on each skill and learns from the refusals which ones the agent declared. The
// agent sees the visit in myProfileViews with the manager's name, and, once the manager
// validates a skill, reads their name on it though validatedBy (their profile) stays null.
func TestValidationProbeIsAudited(t *testing.T) {
	base := MustServeDev(t)
	camille := signedIn(t, base, "persona-agent-travail")
	nathalie := signedIn(t, base, "persona-manager") // never chose a visibility: PRIVATE
	camilleID := camille.me()["id"].(string)
	camille.gqlData(`mutation { updateMyProfile(input: {visibility: MANAGERS}) { profile { id } } }`, nil)
	pix12 := camille.skillID("pix", "1.2")
	for _, code := range []string{"1.1", "1.2", "2.3"} {
		camille.gqlData(declare, map[string]any{"s": camille.skillID("pix", code), "l": 3})
	}
	d := nathalie.gqlData(`{ skills(framework: "pix", first: 100) { edges { node { id } } } }`, nil)
	validate := `mutation($a: ID!, $s: ID!, $l: Int!) { validateSkill(input: {agentId: $a, skillId: $s, level: $l}) { skill { validationStatus } } }`
	recovered := 0
	for _, e := range d["skills"].(map[string]any)["edges"].([]any) {
		id := e.(map[string]any)["node"].(map[string]any)["id"]
		if _, _, code := nathalie.gql(validate, map[string]any{"a": camilleID, "s": id, "l": 0}); code == "INVALID_INPUT" {
			recovered++
		}
	}
	if recovered != 3 {
		t.Fatalf("the probe recovered %d skills, want the 3 declared (else it does not reproduce the issue)", recovered)
	}
	views := `{ myProfileViews { totalCount edges { node { viewerName viewer { id } } } } }`
	if b, _ := json.Marshal(camille.gqlData(views, nil)); !strings.Contains(string(b), `{"myProfileViews":{"edges":[{"node":{"viewer":null,"viewerName":"Nathalie Garnier"}}],"totalCount":1}}`) {
		t.Fatalf("after the probe, myProfileViews = %s, want one visit by Nathalie Garnier", b)
	}

	nathalie.gqlData(validate, map[string]any{"a": camilleID, "s": pix12, "l": 3})
	// changedBy (a profile per version) is asked of one skill's history: asked of every
	// version of every skill, the document would exceed the cost bound.
	mine := `query($id: ID!, $s: ID!) { profile(id: $id) { skills { skill { code } validatedBy { id } validatedByName history { change changedByName } }
		skillHistory(skillId: $s) { change changedBy { id } changedByName } } }`
	b, _ := json.Marshal(camille.gqlData(mine, map[string]any{"id": camilleID, "s": pix12}))
	for _, want := range []string{
		`"validatedBy":null,"validatedByName":"Nathalie Garnier"`,
		`{"change":"VALIDATED","changedBy":null,"changedByName":"Nathalie Garnier"}`,
	} {
		if !strings.Contains(string(b), want) {
			t.Fatalf("the agent's own profile = %s, want %s", b, want)
		}
	}
	karim := signedIn(t, base, "persona-agent-sante")
	camille.gqlData(`mutation { updateMyProfile(input: {visibility: ALL_AGENTS}) { profile { id } } }`, nil)
	if b, _ := json.Marshal(karim.gqlData(mine, map[string]any{"id": camilleID, "s": pix12})); strings.Contains(string(b), "Nathalie") {
		t.Fatalf("another agent reads the private manager's name: %s", b)
	}
}

// TestLastAdministratorKeepsTheirAccount: the only administrator cannot erase their account
// through the API (CONFLICT, with a French message saying to name another one first, and
// they stay signed in); once they named another administrator, they can.
func TestLastAdministratorKeepsTheirAccount(t *testing.T) {
	base := MustServeDev(t)
	sophie := signedIn(t, base, "persona-admin")
	karim := signedIn(t, base, "persona-agent-sante")
	erase := `{"query":"mutation { deleteMyAccount(input: {confirmation: \"SUPPRIMER\"}) { deleted } }"}`
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", strings.NewReader(erase))
	req.Header.Set("Content-Type", "application/json")
	res, err := sophie.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Errors []struct {
			Message    string `json:"message"`
			Extensions struct {
				Code string `json:"code"`
			} `json:"extensions"`
		} `json:"errors"`
	}
	err = json.NewDecoder(res.Body).Decode(&out)
	res.Body.Close()
	if err != nil || len(out.Errors) != 1 || out.Errors[0].Extensions.Code != "CONFLICT" ||
		!strings.Contains(out.Errors[0].Message, "nommez d’abord un autre administrateur") {
		t.Fatalf("erasure of the last administrator answered %+v (%v), want CONFLICT naming the way out", out, err)
	}
	if sophie.me() == nil || !strings.Contains(sophie.accessRoles(), "ADMIN") {
		t.Fatal("the refused erasure signed the administrator out or took the role")
	}
	sophie.gqlData(grantMutation, map[string]any{"id": karim.me()["id"], "role": "ADMIN"})
	sophie.gqlData(`mutation { deleteMyAccount(input: {confirmation: "SUPPRIMER"}) { deleted } }`, nil)
	if sophie.me() != nil {
		t.Fatal("still signed in after the erasure")
	}
	if !strings.Contains(karim.accessRoles(), "ADMIN") {
		t.Fatal("the administrator named before the erasure lost the role")
	}
}

// TestExportFileAndQueryAgree: GET /me/export.json and Query.exportMyData give the same
// document, in the versioned format (the golden test of the store fixes its keys).
func TestExportFileAndQueryAgree(t *testing.T) {
	base := MustServeDev(t)
	camille := signedIn(t, base, "persona-agent-travail")
	camille.gqlData(declare, map[string]any{"s": camille.skillID("pix", "1.2"), "l": 3})
	res, err := camille.client.Get(base + "/me/export.json")
	if err != nil {
		t.Fatal(err)
	}
	var file map[string]any
	err = json.NewDecoder(res.Body).Decode(&file)
	res.Body.Close()
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET /me/export.json: %d %v", res.StatusCode, err)
	}
	var query map[string]any
	if err := json.Unmarshal([]byte(camille.gqlData(`{ exportMyData }`, nil)["exportMyData"].(string)), &query); err != nil {
		t.Fatal(err)
	}
	for _, doc := range []map[string]any{file, query} {
		if doc["version"] != float64(1) || doc["agent"].(map[string]any)["usualName"] != "Lefèvre" {
			t.Fatalf("export = %v, want version 1 and the agent", doc)
		}
		delete(doc, "exportedAt")
	}
	if !reflect.DeepEqual(file, query) {
		a, _ := json.Marshal(file)
		b, _ := json.Marshal(query)
		t.Fatalf("the file and the query differ:\n%s\n%s", a, b)
	}
	// Camille's asserted organisation (DREETS Bretagne) is in the file, not 0.
	if file["agent"].(map[string]any)["assertedOrganisationId"] == nil {
		t.Fatal("the asserted organisation is missing")
	}
}

// TestMeAssertedOrganisation: the signed-in person's organisation, as matched from the
// provider's organization_label, is what onboarding prefills; it is read from me.
func TestMeAssertedOrganisation(t *testing.T) {
	base := MustServeDev(t)
	for _, tc := range []struct{ subject, name, ministry string }{
		{"persona-agent-travail", "DREETS Bretagne", "travail"},
		{"persona-agent-sante", "ARS Occitanie", "sante"},
	} {
		t.Run(tc.subject, func(t *testing.T) {
			d := signedIn(t, base, tc.subject).gqlData(`{ me { assertedOrganisation { id name ministry { code } } } }`, nil)
			org, _ := d["me"].(map[string]any)["assertedOrganisation"].(map[string]any)
			if org == nil {
				t.Fatalf("assertedOrganisation is null, want %s", tc.name)
			}
			if got := org["name"]; got != tc.name {
				t.Fatalf("assertedOrganisation.name = %v, want %s", got, tc.name)
			}
			if got := org["ministry"].(map[string]any)["code"]; got != tc.ministry {
				t.Fatalf("assertedOrganisation.ministry.code = %v, want %s", got, tc.ministry)
			}
		})
	}
	if d := newBrowser(t, base).gqlData(`{ me { id } }`, nil); d["me"] != nil {
		t.Fatalf("anonymous me = %v, want null", d["me"])
	}
}
