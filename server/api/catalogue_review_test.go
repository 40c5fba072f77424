package api_test

import (
	"testing"

	"passerelles/server/api"
)

// TestCatalogueJSONMissingKeysRefused (reviewer R1, issue 11): the JSON format says every
// key is always present, and the import replaces a role's required skills, description,
// ROME code and retirement by what the file says. A role or a transition whose keys are
// missing decodes to zero values and passes validation, so a hand-written file that only
// meant to change a title wipes the role's required skills, its description and ROME code,
// and restores it if it was retired (a transition without "retired" is restored the same
// way). Unknown keys are refused; missing ones should be too, naming the line and the key.
// Fails on the merged branch: the file below is accepted.
func TestCatalogueJSONMissingKeysRefused(t *testing.T) {
	for _, tc := range []struct{ name, body string }{
		{"RoleWithoutRequiredSkills", `{"version": 1, "roles": [
  {"code": "B05", "title": "Chargé ou chargée d’études statistiques", "family": "BUSINESS",
   "description": "", "romeCode": "", "retired": false}
], "transitions": []}`},
		{"RoleWithoutRetired", `{"version": 1, "roles": [
  {"code": "B05", "title": "Chargé ou chargée d’études statistiques", "family": "BUSINESS",
   "description": "", "romeCode": "", "requiredSkills": []}
], "transitions": []}`},
		{"TransitionWithoutRetired", `{"version": 1, "roles": [], "transitions": [
  {"from": "B05", "to": "D06", "kind": "CLOSE", "typicalDurationMonths": 6, "description": "", "helps": ""}
]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if c, err := api.ParseCatalogueJSON([]byte(tc.body)); err == nil {
				t.Fatalf("accepted a file with a missing key: %+v", c)
			}
		})
	}
}
