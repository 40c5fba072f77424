package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"passerelles"
)

// BenchmarkCareer measures, over the 100 000-agent database and through the GraphQL
// handler (one client), what « Mon parcours » asks for one agent: the gap to a role, the
// closest roles, the paths (issue 11's target: 20 ms each), and the gap with what closes
// it (events, communities and mentors of every missing skill).
func BenchmarkCareer(b *testing.B) {
	h, viewer := benchGraphQL100k(b)
	for _, d := range []struct{ name, query string }{
		{"RoleGap", `{ roleGap(roleCode: "D03") { match skills { skill { code } declaredLevel validatedLevel targetLevel countedLevel basis gap weight } } }`},
		{"ClosestRoles", `{ closestRoles(family: DIGITAL, first: 5) { match role { code title } largestGaps { skill { code } gap } } }`},
		{"CareerPaths", `{ careerPaths(to: "D03", first: 3) { entry message paths { cost totalMonths steps { kind from { code } to { code } match cost explanation } } } }`},
		{"RoleGapWithHelp", `{ roleGap(roleCode: "D03") { match skills { skill { code } gap events { id title } communities { code }
			mentors { level validated madeTheMove profile { givenName usualName } } } mentors { madeTheMove profile { givenName } } } }`},
	} {
		b.Run(d.name, func(b *testing.B) {
			body := gqlBody(b, d.query, nil)
			serve := func() *httptest.ResponseRecorder {
				req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req.WithContext(passerelles.NewContextWithUser(req.Context(), viewer)))
				return rec
			}
			rec := serve()
			if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
				b.Fatalf("status %d: %.500s", rec.Code, rec.Body)
			}
			b.ReportAllocs()
			for b.Loop() {
				serve()
			}
			b.ReportMetric(float64(rec.Body.Len()), "response-bytes")
		})
	}
}
