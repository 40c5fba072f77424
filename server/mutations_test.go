package main

import (
	"encoding/json"
	"net/http"
	"testing"
)

// TestGraphQLSeveralMutations sends one document whose first mutation succeeds and whose
// second fails: the first's payload is reported, the second is null with its error.
func TestGraphQLSeveralMutations(t *testing.T) {
	base := MustServeDev(t)
	camille := signedIn(t, base, "persona-agent-travail")
	pix12 := camille.skillID("pix", "1.2")
	const doc = `mutation($s: ID!) {
		first: declareSkill(input: {skillId: $s, level: 3, currentUse: true, wantsToDevelop: false}) { skill { level { value } } }
		second: declareSkill(input: {skillId: $s, level: 99, currentUse: true, wantsToDevelop: false}) { skill { level { value } } }
		third: updateMyProfile(input: {bio: "Après l’échec, la suite s’exécute."}) { profile { bio } }
	}`
	res := camille.postRaw(doc, `{"s":"`+pix12+`"}`)
	if res.Status != http.StatusOK {
		t.Fatalf("status %d, want 200", res.Status)
	}
	var data struct {
		First *struct {
			Skill struct{ Level struct{ Value int } }
		}
		Second *json.RawMessage
		Third  *struct{ Profile struct{ Bio string } }
	}
	decodeData(t, res.Data, &data)
	if data.First == nil || data.First.Skill.Level.Value != 3 {
		t.Errorf("first payload %s, want the declared skill at level 3", res.Data)
	}
	if data.Second != nil {
		t.Errorf("second payload %s, want null", *data.Second)
	}
	if data.Third == nil || data.Third.Profile.Bio != "Après l’échec, la suite s’exécute." {
		t.Errorf("third payload %s, want the profile after the change", res.Data)
	}
	if len(res.Errors) != 1 || res.Errors[0].Code() != "INVALID_INPUT" || len(res.Errors[0].Path) != 1 || res.Errors[0].Path[0] != "second" {
		t.Fatalf("errors %+v, want one INVALID_INPUT at path [second]", res.Errors)
	}
	if got := camille.declaredLevel(pix12); got != 3 {
		t.Fatalf("stored level %d, want 3 (the first mutation's)", got)
	}
}
