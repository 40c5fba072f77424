package api

import (
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
)

// BenchmarkCoerceVariables is the strict check of a declareSkill request's variables
// (ten pieces of evidence, the most a declaration takes): what strict input adds to a
// request before graphql-go runs.
func BenchmarkCoerceVariables(b *testing.B) {
	s := costTestSchema(b)
	gh, err := NewGraphQLHandler(*s, nil, slog.New(slog.DiscardHandler), GraphQLOptions{ReferentialSizes: costTestReferentialSizes(b)})
	if err != nil {
		b.Fatal(err)
	}
	const doc = `mutation($s: ID!, $l: Int!, $e: [EvidenceInput!]) {
		declareSkill(input: {skillId: $s, level: $l, currentUse: true, wantsToDevelop: false, evidence: $e}) { skill { level { value } } } }`
	ast, errs := gh.prepare(doc)
	if errs != nil {
		b.Fatal(errs)
	}
	evidence := strings.Repeat(`{"kind":"CERTIFICATION","title":"Certification Pix","description":"Session de mars","score":512,"obtainedOn":"2025-03-02","url":"https://pix.fr/"},`, 10)
	raw := `{"s":"12","l":3,"e":[` + strings.TrimSuffix(evidence, ",") + `]}`
	b.ReportAllocs()
	for b.Loop() {
		var vars map[string]any
		dec := json.NewDecoder(strings.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&vars); err != nil {
			b.Fatal(err)
		}
		if _, refusal := coerceVariables(&gh.schema, ast, "", vars); refusal != nil {
			b.Fatal(refusal.Message)
		}
	}
}
