package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// Hostile texts through the real handler and the sign-in (issue 7): what ValidateText
// refuses never reaches the database; what it accepts is stored normalised.

func TestGraphQLHostileTexts(t *testing.T) {
	base := MustServeDev(t)
	camille := signedIn(t, base, "persona-agent-travail")
	nathalie := signedIn(t, base, "persona-manager")
	camilleID := camille.me()["id"].(string)
	pix12 := camille.skillID("pix", "1.2")
	camille.gqlData(declare, map[string]any{"s": pix12, "l": 3})
	camille.gqlData(`mutation { updateMyProfile(input: {visibility: MANAGERS}) { profile { id } } }`, nil)

	const bio = `mutation($b: String) { updateMyProfile(input: {bio: $b}) { profile { bio } } }`
	const grade = `mutation($g: String) { updateMyProfile(input: {gradeCode: $g}) { profile { id } } }`
	evidence := func(e map[string]any) map[string]any {
		ev := map[string]any{"kind": "TRAINING", "title": "Formation"}
		for k, v := range e {
			ev[k] = v
		}
		return map[string]any{"s": pix12, "l": 3, "e": []any{ev}}
	}
	const validate = `mutation($a: ID!, $s: ID!, $c: String) { validateSkill(input: {agentId: $a, skillId: $s, level: 2, comment: $c}) { skill { validationComment } } }`
	for _, tc := range []struct {
		name  string
		who   *browser
		query string
		vars  map[string]any
		// stored is what the profile shows after an accepted case ("" for a refused one).
		stored string
	}{
		{"ErrBioControlCharacters", camille, bio, map[string]any{"b": "a\u0000b\u001b[31mred\u0007"}, ""},
		{"ErrBioRightToLeftOverride", camille, bio, map[string]any{"b": "Contact : moc.elpmaxe@\u202eelliamac"}, ""},
		{"ErrBioIsolates", camille, bio, map[string]any{"b": "\u2067Camille\u2069"}, ""},
		{"ErrBioRightToLeftMark", camille, bio, map[string]any{"b": "Camille\u200f"}, ""},
		{"ErrBioC1Control", camille, bio, map[string]any{"b": "a\u0085b"}, ""},
		{"ErrBioTagCharacters", camille, bio, map[string]any{"b": "Bonjour\U000E0069\U000E0067\U000E006E"}, ""},
		{"BioStoredInNFC", camille, bio, map[string]any{"b": "Donne\u0301es"}, "Données"},
		{"BioMultiLineKept", camille, bio, map[string]any{"b": "Ligne 1\r\nLigne 2\tfin"}, "Ligne 1\nLigne 2\tfin"},
		{"ErrGradeCodeControl", camille, grade, map[string]any{"g": "A\u0000"}, ""},
		{"ErrEvidenceTitleZeroWidthOnly", camille, declare, evidence(map[string]any{"title": "\u200b\u200b"}), ""},
		{"ErrEvidenceTitleHangulFillerOnly", camille, declare, evidence(map[string]any{"title": "\u3164"}), ""},
		{"ErrEvidenceTitleNewline", camille, declare, evidence(map[string]any{"title": "Formation\nPix"}), ""},
		{"ErrEvidenceTitleBidi", camille, declare, evidence(map[string]any{"title": "Formation\u202e"}), ""},
		{"ErrEvidenceDescriptionNUL", camille, declare, evidence(map[string]any{"description": "a\u0000b"}), ""},
		{"ErrEvidenceLinkUserPart", camille, declare, evidence(map[string]any{"url": "https://service-public.gouv.fr@evil.example/"}), ""},
		{"ErrEvidenceLinkBackslash", camille, declare, evidence(map[string]any{"url": `https://service-public.gouv.fr\@evil.example/`}), ""},
		{"ErrEvidenceLinkBidi", camille, declare, evidence(map[string]any{"url": "https://evil.example/\u202efdp.exe"}), ""},
		{"ErrEvidenceDateYearOne", camille, declare, evidence(map[string]any{"obtainedOn": "0001-01-01"}), ""},
		{"ErrEvidenceDateBefore1950", camille, declare, evidence(map[string]any{"obtainedOn": "1949-12-31"}), ""},
		{"ErrValidationCommentControl", nathalie, validate, map[string]any{"a": camilleID, "s": pix12, "c": "Vu\u001b[2J"}, ""},
		{"ErrValidationCommentBidi", nathalie, validate, map[string]any{"a": camilleID, "s": pix12, "c": "Niveau 2\u202e"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, data, code := tc.who.gql(tc.query, tc.vars)
			if tc.stored == "" {
				if code != "INVALID_INPUT" {
					t.Fatalf("status %d, code %q, data %v; want INVALID_INPUT", status, code, data)
				}
				return
			}
			if code != "" {
				t.Fatalf("code %q, want the text accepted", code)
			}
			if got := camille.gqlData(`{ me { profile { bio } } }`, nil)["me"].(map[string]any)["profile"].(map[string]any)["bio"]; got != tc.stored {
				t.Fatalf("stored bio %q, want %q", got, tc.stored)
			}
		})
	}
	t.Run("MessageNamesTheField", func(t *testing.T) {
		res := camille.postRaw(bio, `{"b":"a\u0000b"}`)
		if len(res.Errors) != 1 || !strings.HasPrefix(res.Errors[0].Message, "La présentation contient un caractère de contrôle") {
			t.Fatalf("errors %+v, want « La présentation contient un caractère de contrôle… »", res.Errors)
		}
	})
	t.Run("EvidenceStoredInNFC", func(t *testing.T) {
		camille.gqlData(declare, evidence(map[string]any{"title": "  Certification Donne\u0301es  "}))
		d := camille.gqlData(`{ me { profile { skills { evidence { title } } } } }`, nil)
		if b, _ := json.Marshal(d); !strings.Contains(string(b), `"title":"Certification Données"`) {
			t.Fatalf("evidence title not normalised: %s", b)
		}
	})
}
