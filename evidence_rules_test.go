package passerelles_test

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"passerelles"
)

// evidenceRules is testdata/evidence_rules.json: cases of the evidence rules that the
// front end's zod schema (frontend/src/profile/evidence.test.ts) runs too, so that the
// form and the domain give the same verdicts.
type evidenceRules struct {
	Today string `json:"today"`
	Cases []struct {
		Name     string `json:"name"`
		Evidence struct {
			Kind        string  `json:"kind"`
			Title       string  `json:"title"`
			Description *string `json:"description"`
			Score       *int    `json:"score"`
			ObtainedOn  *string `json:"obtainedOn"`
			URL         *string `json:"url"`
		} `json:"evidence"`
		Valid bool `json:"valid"`
	} `json:"cases"`
}

func TestEvidenceRulesTable(t *testing.T) {
	data, err := os.ReadFile("testdata/evidence_rules.json")
	if err != nil {
		t.Fatal(err)
	}
	var rules evidenceRules
	if err := json.Unmarshal(data, &rules); err != nil {
		t.Fatal(err)
	}
	today, err := time.Parse(time.DateOnly, rules.Today)
	if err != nil {
		t.Fatal(err)
	}
	// Midday UTC: a date is "today" whatever the hour of the check.
	now := today.Add(12 * time.Hour)
	if len(rules.Cases) < 40 {
		t.Fatalf("%d cases: the table was not read whole", len(rules.Cases))
	}
	for _, tc := range rules.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			in := tc.Evidence
			e := passerelles.Evidence{Kind: passerelles.EvidenceKind(in.Kind), Title: in.Title, Score: in.Score}
			if in.Description != nil {
				e.Description = *in.Description
			}
			if in.URL != nil {
				e.URL = *in.URL
			}
			// As the resolver reads EvidenceInput.obtainedOn: a date that does not parse
			// is refused before the domain sees it.
			var parseErr error
			if in.ObtainedOn != nil && *in.ObtainedOn != "" {
				d, err := time.Parse(time.DateOnly, *in.ObtainedOn)
				parseErr = err
				e.ObtainedOn = &d
			}
			err := parseErr
			if err == nil {
				err = e.Validate(now)
			}
			if got := err == nil; got != tc.Valid {
				t.Fatalf("valid = %v, want %v (error: %v)", got, tc.Valid, err)
			}
			if err != nil && parseErr == nil && passerelles.ErrorCode(err) != passerelles.EINVALID {
				t.Fatalf("code %s, want %s: %v", passerelles.ErrorCode(err), passerelles.EINVALID, err)
			}
		})
	}
}
