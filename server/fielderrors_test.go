package main

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// Field errors through the real handler (issue 8, item 6): every INVALID_INPUT answer to
// an invalid input of updateMyProfile or declareSkill names, in extensions.field, the path
// in the mutation's input of the field it concerns, so that a form shows the message under
// that field. The domain's refusals (Validate, the store's reference checks), the
// resolvers' parsing and the handler's strict coercion of variables all answer alike.

const (
	updateProfileMutation = `mutation($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { profile { bio } } }`
	declareSkillMutation  = `mutation($input: DeclareSkillInput!) { declareSkill(input: $input) { skill { level { value } } } }`
)

func TestGraphQLFieldErrors(t *testing.T) {
	base := MustServeDev(t)
	camille := signedIn(t, base, "persona-agent-travail")
	pix12 := camille.skillID("pix", "1.2")
	declare := func(fields string) string {
		return `{"skillId":"` + pix12 + `","level":3,"currentUse":true,"wantsToDevelop":false` + fields + `}`
	}
	evidence := func(items ...string) string { return declare(`,"evidence":[` + strings.Join(items, ",") + `]`) }
	const okEvidence = `{"kind":"TRAINING","title":"Formation"}`
	ids := func(n int) string {
		s := make([]string, n)
		for i := range s {
			s[i] = `"` + strconv.Itoa(i+1) + `"`
		}
		return "[" + strings.Join(s, ",") + "]"
	}
	for _, tc := range []struct {
		name, mutation, input string
		wantField             string
		sent                  bool // wantField names a value of input (false: a required field that is missing)
	}{
		// updateMyProfile: domain rules (ProfileUpdate.Validate).
		{"ProfileBioTooLong", updateProfileMutation, `{"bio":"` + strings.Repeat("a", 1001) + `"}`, "bio", true},
		{"ProfileBioControlCharacter", updateProfileMutation, `{"bio":"a\u0007b"}`, "bio", true},
		{"ProfileBioBidiControl", updateProfileMutation, `{"bio":"a\u202eb"}`, "bio", true},
		{"ProfileGradeCodeTooLong", updateProfileMutation, `{"gradeCode":"` + strings.Repeat("G", 21) + `"}`, "gradeCode", true},
		{"ProfileTooManyTargetRoles", updateProfileMutation, `{"targetRoleIds":` + ids(21) + `}`, "targetRoleIds", true},
		{"ProfileTooManyMobilityRegions", updateProfileMutation, `{"mobilityRegionIds":` + ids(21) + `}`, "mobilityRegionIds", true},
		{"ProfileTooManyHiddenOrganisations", updateProfileMutation, `{"hiddenFromOrganisationIds":` + ids(21) + `}`, "hiddenFromOrganisationIds", true},
		// updateMyProfile: references the store checks.
		{"ProfileUnknownGrade", updateProfileMutation, `{"gradeCode":"NOPE"}`, "gradeCode", true},
		{"ProfileUnknownOrganisation", updateProfileMutation, `{"organisationId":"999999"}`, "organisationId", true},
		{"ProfileUnknownRegion", updateProfileMutation, `{"regionId":"999999"}`, "regionId", true},
		{"ProfileUnknownCurrentRole", updateProfileMutation, `{"currentRoleId":"999999"}`, "currentRoleId", true},
		{"ProfileUnknownMobilityRegion", updateProfileMutation, `{"mobilityRegionIds":["999999"]}`, "mobilityRegionIds", true},
		{"ProfileUnknownTargetRole", updateProfileMutation, `{"targetRoleIds":["999999"]}`, "targetRoleIds", true},
		{"ProfileUnknownHiddenOrganisation", updateProfileMutation, `{"hiddenFromOrganisationIds":["999999"]}`, "hiddenFromOrganisationIds", true},
		// updateMyProfile: identifiers the resolver parses.
		{"ProfileMalformedOrganisationID", updateProfileMutation, `{"organisationId":"abc"}`, "organisationId", true},
		{"ProfileMalformedTargetRoleID", updateProfileMutation, `{"targetRoleIds":["1","abc"]}`, "targetRoleIds.1", true},
		// updateMyProfile: variables the handler coerces strictly.
		{"ProfileUnknownVisibility", updateProfileMutation, `{"visibility":"PUBLIC"}`, "visibility", true},
		{"ProfileUnknownMobilityFamily", updateProfileMutation, `{"mobilityFamilies":["BUSINESS","OTHER"]}`, "mobilityFamilies.1", true},
		{"ProfileOpenToMobilityAsString", updateProfileMutation, `{"openToMobility":"oui"}`, "openToMobility", true},
		{"ProfileBioAsNumber", updateProfileMutation, `{"bio":12}`, "bio", true},

		// declareSkill: domain rules (SkillDeclaration.Validate, Evidence.Validate).
		{"DeclareLevelZero", declareSkillMutation, `{"skillId":"` + pix12 + `","level":0,"currentUse":true,"wantsToDevelop":false}`, "level", true},
		{"DeclareTooMuchEvidence", declareSkillMutation, evidence(strings.Repeat(okEvidence+",", 10) + okEvidence), "evidence", true},
		{"EvidenceTitleBlank", declareSkillMutation, evidence(okEvidence, `{"kind":"TRAINING","title":"  "}`), "evidence.1.title", true},
		{"EvidenceTitleTooLong", declareSkillMutation, evidence(`{"kind":"TRAINING","title":"` + strings.Repeat("t", 201) + `"}`), "evidence.0.title", true},
		{"EvidenceDescriptionTooLong", declareSkillMutation, evidence(`{"kind":"TRAINING","title":"F","description":"` + strings.Repeat("d", 501) + `"}`), "evidence.0.description", true},
		{"EvidenceScoreAboveScale", declareSkillMutation, evidence(`{"kind":"CERTIFICATION","title":"Pix","score":2000}`), "evidence.0.score", true},
		{"EvidenceScoreNegative", declareSkillMutation, evidence(okEvidence, okEvidence, `{"kind":"CERTIFICATION","title":"Pix","score":-1}`), "evidence.2.score", true},
		{"EvidenceObtainedInTheFuture", declareSkillMutation, evidence(`{"kind":"TRAINING","title":"F","obtainedOn":"2999-01-01"}`), "evidence.0.obtainedOn", true},
		{"EvidenceObtainedBefore1950", declareSkillMutation, evidence(okEvidence, `{"kind":"TRAINING","title":"F","obtainedOn":"1900-01-01"}`), "evidence.1.obtainedOn", true},
		{"EvidenceURLNotWeb", declareSkillMutation, evidence(`{"kind":"TRAINING","title":"F","url":"javascript:alert(1)"}`), "evidence.0.url", true},
		{"EvidenceURLWithUserPart", declareSkillMutation, evidence(`{"kind":"TRAINING","title":"F","url":"https://travail.gouv.fr@evil.example/"}`), "evidence.0.url", true},
		// declareSkill: what the store checks against the referential.
		{"DeclareUnknownSkill", declareSkillMutation, `{"skillId":"999999","level":3,"currentUse":true,"wantsToDevelop":false}`, "skillId", true},
		{"DeclareLevelOffScale", declareSkillMutation, `{"skillId":"` + pix12 + `","level":99,"currentUse":true,"wantsToDevelop":false}`, "level", true},
		// declareSkill: what the resolver parses.
		{"DeclareMalformedSkillID", declareSkillMutation, `{"skillId":"abc","level":3,"currentUse":true,"wantsToDevelop":false}`, "skillId", true},
		{"EvidenceObtainedOnNotADate", declareSkillMutation, evidence(`{"kind":"TRAINING","title":"F","obtainedOn":"hier"}`), "evidence.0.obtainedOn", true},
		// declareSkill: variables the handler coerces strictly.
		{"DeclareLevelAsString", declareSkillMutation, `{"skillId":"` + pix12 + `","level":"3","currentUse":true,"wantsToDevelop":false}`, "level", true},
		{"DeclareCurrentUseMissing", declareSkillMutation, `{"skillId":"` + pix12 + `","level":3,"wantsToDevelop":false}`, "currentUse", false},
		{"EvidenceKindUnknown", declareSkillMutation, evidence(`{"kind":"DIPLOMA","title":"Master"}`), "evidence.0.kind", true},
		{"EvidenceScoreFraction", declareSkillMutation, evidence(okEvidence, `{"kind":"CERTIFICATION","title":"Pix","score":512.5}`), "evidence.1.score", true},
		{"EvidenceTitleMissing", declareSkillMutation, evidence(okEvidence, `{"kind":"TRAINING"}`), "evidence.1.title", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := camille.postRaw(tc.mutation, `{"input":`+tc.input+`}`)
			if res.Status != http.StatusOK {
				t.Fatalf("status %d, want 200", res.Status)
			}
			if len(res.Errors) != 1 {
				t.Fatalf("errors %+v, want one", res.Errors)
			}
			e := res.Errors[0]
			if got, want := e.Code(), "INVALID_INPUT"; got != want {
				t.Fatalf("code %q (%s), want %q", got, e.Message, want)
			}
			if got, _ := e.Extensions["field"].(string); got != tc.wantField {
				t.Fatalf("extensions.field %q (%s), want %q", got, e.Message, tc.wantField)
			}
			if e.Message == "" || strings.Contains(e.Message, "passerelles") {
				t.Fatalf("message %q, want one for a person", e.Message)
			}
			if tc.sent && !inputHasPath(t, tc.input, tc.wantField) {
				t.Fatalf("extensions.field %q names no value of the input %s", tc.wantField, tc.input)
			}
		})
	}
}

// inputHasPath reports whether the JSON input holds a value at the dotted path (list
// items by index), as a form that sent it would look the field up.
func inputHasPath(tb testing.TB, input, path string) bool {
	tb.Helper()
	var v any
	if err := json.Unmarshal([]byte(input), &v); err != nil {
		tb.Fatal(err)
	}
	for _, part := range strings.Split(path, ".") {
		switch c := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = c[part]; !ok {
				return false
			}
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(c) {
				return false
			}
			v = c[i]
		default:
			return false
		}
	}
	return true
}

// TestGraphQLFieldErrorsOtherMutations checks the field of the other mutations' refusals
// about one input field, and that an error about no field carries none.
func TestGraphQLFieldErrorsOtherMutations(t *testing.T) {
	base := MustServeDev(t)
	camille := signedIn(t, base, "persona-agent-travail")
	for _, tc := range []struct {
		name, query, vars string
		wantField         string
	}{
		{"RankTopSkillsMalformedID", `mutation($input: RankTopSkillsInput!) { rankTopSkills(input: $input) { profile { bio } } }`, `{"input":{"skillIds":["x"]}}`, "skillIds.0"},
		{"RankTopSkillsNotDeclared", `mutation($input: RankTopSkillsInput!) { rankTopSkills(input: $input) { profile { bio } } }`, `{"input":{"skillIds":["999999"]}}`, "skillIds"},
		{"DeleteMyAccountWrongWord", `mutation($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { deleted } }`, `{"input":{"confirmation":"non"}}`, "confirmation"},
		{"PaginationCursorNoField", `{ skills(first: 1, after: "zzz") { totalCount } }`, ``, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := camille.postRaw(tc.query, tc.vars)
			if len(res.Errors) != 1 || res.Errors[0].Code() != "INVALID_INPUT" {
				t.Fatalf("status %d, errors %+v, want one INVALID_INPUT", res.Status, res.Errors)
			}
			if got, _ := res.Errors[0].Extensions["field"].(string); got != tc.wantField {
				t.Fatalf("extensions.field %q (%s), want %q", got, res.Errors[0].Message, tc.wantField)
			}
		})
	}
}
