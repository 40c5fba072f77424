package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// Strict input through the real handler (issue 7): variables and literals of the wrong
// type, or Int beyond 32 bits, are refused with INVALID_INPUT and nothing is written.

// postRaw posts query with variables given as raw JSON text (so that a case can send 3.0,
// 1e0 or a number beyond 64 bits exactly as written), as this browser.
func (b *browser) postRaw(query, variables string) gqlResponse {
	b.tb.Helper()
	q, _ := json.Marshal(query)
	if variables == "" {
		variables = "{}"
	}
	req, err := http.NewRequest(http.MethodPost, b.base+"/graphql", strings.NewReader(`{"query":`+string(q)+`,"variables":`+variables+`}`))
	if err != nil {
		b.tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := sendGraphQL(b.client, req)
	if err != nil {
		b.tb.Fatal(err)
	}
	return res
}

// declaredLevel returns the level value the signed-in agent declared for skillID, 0 when
// not declared.
func (b *browser) declaredLevel(skillID string) int {
	b.tb.Helper()
	d := b.gqlData(`{ me { profile { skills { skill { id } level { value } } } } }`, nil)
	for _, s := range d["me"].(map[string]any)["profile"].(map[string]any)["skills"].([]any) {
		s := s.(map[string]any)
		if s["skill"].(map[string]any)["id"] == skillID {
			return int(s["level"].(map[string]any)["value"].(float64))
		}
	}
	return 0
}

func TestGraphQLStrictInput(t *testing.T) {
	base := MustServeDev(t)
	camille := signedIn(t, base, "persona-agent-travail")
	pix12 := camille.skillID("pix", "1.2")
	const declareVars = `mutation($s: ID!, $l: Int!, $u: Boolean!, $e: [EvidenceInput!]) {
		declareSkill(input: {skillId: $s, level: $l, currentUse: $u, wantsToDevelop: false, evidence: $e}) { skill { level { value } } } }`
	ok := func(level string) string { return `{"s":"` + pix12 + `","l":` + level + `,"u":true}` }
	withEvidence := func(e string) string { return `{"s":"` + pix12 + `","l":3,"u":true,"e":` + e + `}` }
	literal := func(args string) string {
		return `mutation { declareSkill(input: {skillId: "` + pix12 + `", ` + args + `}) { skill { level { value } } } }`
	}
	for _, tc := range []struct {
		name, query, vars string
		wantLevel         int // the level stored after an accepted case
	}{
		{"IntAccepted", declareVars, ok("3"), 3},
		{"IntWrittenAsWholeFloatAccepted", declareVars, ok("4.0"), 4},
		{"IntWithExponentAccepted", declareVars, ok("3e0"), 3},
		{"ErrIntFraction", declareVars, ok("2.9"), 0},
		{"ErrIntAsString", declareVars, ok(`"3"`), 0},
		{"ErrIntAsTrue", declareVars, ok("true"), 0},
		{"ErrIntBeyond32Bits", declareVars, ok("3000000000"), 0},
		{"ErrIntBelow32Bits", declareVars, ok("-3000000000"), 0},
		{"ErrIntBeyond64Bits", declareVars, ok("99999999999999999999"), 0},
		{"ErrIntAsList", declareVars, ok("[3]"), 0},
		{"ErrIntAsObject", declareVars, ok(`{"value":3}`), 0},
		{"ErrIntNull", declareVars, ok("null"), 0},
		{"ErrBooleanAsString", declareVars, `{"s":"` + pix12 + `","l":3,"u":"false"}`, 0},
		{"ErrBooleanAsZero", declareVars, `{"s":"` + pix12 + `","l":3,"u":0}`, 0},
		{"ErrBooleanAsOne", declareVars, `{"s":"` + pix12 + `","l":3,"u":1}`, 0},
		{"ErrRequiredVariableMissing", declareVars, `{"s":"` + pix12 + `","l":3}`, 0},
		{"IDAsIntegerAccepted", declareVars, `{"s":` + pix12 + `,"l":5,"u":true}`, 5},
		{"ErrIDAsTrue", declareVars, `{"s":true,"l":3,"u":true}`, 0},
		{"ErrIDAsFraction", declareVars, `{"s":1.5,"l":3,"u":true}`, 0},
		{"ErrIDAsObject", declareVars, `{"s":{},"l":3,"u":true}`, 0},
		{"EvidenceAccepted", declareVars, withEvidence(`[{"kind":"CERTIFICATION","title":"Pix","score":512}]`), 3},
		{"SingleEvidenceStandsForAList", declareVars, withEvidence(`{"kind":"TRAINING","title":"Formation"}`), 3},
		{"ErrScoreFraction", declareVars, withEvidence(`[{"kind":"CERTIFICATION","title":"Pix","score":1000.5}]`), 0},
		{"ErrScoreAsString", declareVars, withEvidence(`[{"kind":"CERTIFICATION","title":"Pix","score":"512"}]`), 0},
		{"ErrStringAsNumber", declareVars, withEvidence(`[{"kind":"TRAINING","title":12}]`), 0},
		{"ErrStringAsBoolean", declareVars, withEvidence(`[{"kind":"TRAINING","title":true}]`), 0},
		{"ErrStringAsObject", declareVars, withEvidence(`[{"kind":"TRAINING","title":{"fr":"Formation"}}]`), 0},
		{"ErrStringAsList", declareVars, withEvidence(`[{"kind":"TRAINING","title":["Formation"]}]`), 0},
		{"ErrEnumUnknown", declareVars, withEvidence(`[{"kind":"DIPLOMA","title":"Master"}]`), 0},
		{"ErrEnumAsNumber", declareVars, withEvidence(`[{"kind":1,"title":"Master"}]`), 0},
		{"ErrUnknownField", declareVars, withEvidence(`[{"kind":"TRAINING","title":"Formation","hidden":1}]`), 0},
		{"ErrRequiredFieldMissing", declareVars, withEvidence(`[{"kind":"TRAINING"}]`), 0},
		{"ErrListItemNull", declareVars, withEvidence(`[null]`), 0},
		{"ErrObjectAsString", declareVars, withEvidence(`["TRAINING"]`), 0},
		{"LiteralAccepted", literal(`level: 6, currentUse: true, wantsToDevelop: false`), "", 6},
		{"ErrLiteralIntBeyond32Bits", literal(`level: 3000000000, currentUse: true, wantsToDevelop: false`), "", 0},
		{"ErrLiteralIntFraction", literal(`level: 2.9, currentUse: true, wantsToDevelop: false`), "", 0},
		{"ErrLiteralIntAsString", literal(`level: "3", currentUse: true, wantsToDevelop: false`), "", 0},
		{"ErrLiteralBooleanAsString", literal(`level: 3, currentUse: "false", wantsToDevelop: false`), "", 0},
		{"ErrLiteralBooleanAsInt", literal(`level: 3, currentUse: 1, wantsToDevelop: false`), "", 0},
		{"ErrLiteralNestedIntBeyond32Bits", literal(`level: 3, currentUse: true, wantsToDevelop: false, evidence: [{kind: CERTIFICATION, title: "Pix", score: 3000000000}]`), "", 0},
		{"ErrLiteralInVariableDefault", `mutation($l: Int = 3000000000) { declareSkill(input: {skillId: "` + pix12 + `", level: $l, currentUse: true, wantsToDevelop: false}) { skill { level { value } } } }`, "", 0},
		{"ErrLiteralFirstBeyond32Bits", `{ skills(first: 3000000000) { totalCount } }`, "", 0},
		{"ErrVariableFirstAsString", `query($n: Int) { skills(first: $n) { totalCount } }`, `{"n":"10"}`, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := camille.declaredLevel(pix12)
			res := camille.postRaw(tc.query, tc.vars)
			if tc.wantLevel != 0 {
				checkResponse(t, res, http.StatusOK, "")
				if got := camille.declaredLevel(pix12); got != tc.wantLevel {
					t.Fatalf("stored level %d, want %d", got, tc.wantLevel)
				}
				return
			}
			// A literal that does not fit is a document error (400, like every validation
			// error); a variable that does not fit, a request error answered 200.
			wantStatus := http.StatusOK
			if strings.HasPrefix(tc.name, "ErrLiteral") {
				wantStatus = http.StatusBadRequest
			}
			checkResponse(t, res, wantStatus, "INVALID_INPUT")
			if len(res.Data) != 0 && string(res.Data) != "null" {
				t.Fatalf("refused request ran: data %s", res.Data)
			}
			if got := camille.declaredLevel(pix12); got != before {
				t.Fatalf("refused request changed the stored level from %d to %d", before, got)
			}
		})
	}
	t.Run("MessageNamesTheValueInFrench", func(t *testing.T) {
		res := camille.postRaw(declareVars, withEvidence(`[{"kind":"CERTIFICATION","title":"Pix","score":1000.5}]`))
		if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "$e[0].score") || !strings.Contains(res.Errors[0].Message, "1000.5") ||
			!strings.Contains(res.Errors[0].Message, "entier") {
			t.Fatalf("errors %+v, want one French message naming $e[0].score and 1000.5", res.Errors)
		}
	})
}
