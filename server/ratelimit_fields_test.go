package main

import (
	"net/http"
	"strings"
	"testing"
)

// TestRateLimitsCountEachField: a limit counts what runs, not HTTP requests. A document
// runs each mutation field it selects (aliases and fragments included), and each
// exportMyData field builds a whole export, so a document of several takes as many
// tokens; and exportMyData shares the budget of GET /me/export.json, which it equals.
func TestRateLimitsCountEachField(t *testing.T) {
	base := MustServeDevWith(t, "-rate-mutations", "3/1h", "-rate-export", "3/1h")
	camille := signedIn(t, base, "persona-agent-travail")
	karim := signedIn(t, base, "persona-agent-sante")

	const fourMutations = `{"query":"mutation { a: rankTopSkills(input: {skillIds: []}) { profile { id } } b: rankTopSkills(input: {skillIds: []}) { profile { id } } ...M } fragment M on Mutation { c: rankTopSkills(input: {skillIds: []}) { profile { id } } ... on Mutation { d: rankTopSkills(input: {skillIds: []}) { profile { id } } } }"}`
	const twoMutations = `{"query":"mutation { a: rankTopSkills(input: {skillIds: []}) { profile { id } } b: rankTopSkills(input: {skillIds: []}) { profile { id } } }"}`
	const fourExports = `{"query":"{ a: exportMyData b: exportMyData ...X } fragment X on Query { c: exportMyData ... on Query { d: exportMyData } }"}`
	const twoExports = `{"query":"{ a: exportMyData b: exportMyData me { id } }"}`

	t.Run("MutationsByField", func(t *testing.T) {
		assertLimited(t, camille.do(http.MethodPost, "/graphql", fourMutations), true)
		// The refused document took nothing: two, then one, still run.
		assertNotLimited(t, camille.do(http.MethodPost, "/graphql", twoMutations))
		assertLimited(t, camille.do(http.MethodPost, "/graphql", twoMutations), true)
		assertNotLimited(t, camille.do(http.MethodPost, "/graphql", rankNothing))
		assertLimited(t, camille.do(http.MethodPost, "/graphql", rankNothing), true)
	})
	t.Run("ExportsByField", func(t *testing.T) {
		assertLimited(t, karim.do(http.MethodPost, "/graphql", fourExports), true)
		res := karim.do(http.MethodPost, "/graphql", twoExports)
		assertNotLimited(t, res)
		if strings.Count(res.body, `\"version\": 1`) != 2 {
			t.Fatalf("two exports wanted: %.300s", res.body)
		}
		// One token left, shared with the file download.
		if res := karim.do(http.MethodGet, "/me/export.json", ""); res.status != http.StatusOK {
			t.Fatalf("export file: %d %.200s", res.status, res.body)
		}
		assertLimited(t, karim.do(http.MethodPost, "/graphql", `{"query":"{ exportMyData }"}`), true)
		assertLimited(t, karim.do(http.MethodGet, "/me/export.json", ""), true)
	})
	t.Run("QueriesWithoutExportNotLimited", func(t *testing.T) {
		for range 5 {
			assertNotLimited(t, karim.do(http.MethodPost, "/graphql", whoAmI))
		}
	})
}
