package main

import (
	"net/http"
	"testing"
)

// TestGraphQLSearchSpellings searches the same word written four ways, and a word with a
// ligature: each finds what the plain spelling finds.
func TestGraphQLSearchSpellings(t *testing.T) {
	srv, _ := MustStartApp(t)
	search := func(t *testing.T, text string) searchResult {
		t.Helper()
		res := postGraphQL(t, srv, searchQuery, map[string]any{"q": text, "first": 100})
		checkResponse(t, res, http.StatusOK, "")
		var d searchResult
		decodeData(t, res.Data, &d)
		return d
	}
	plain := search(t, "données")
	if !plain.has("pix", "1.2") {
		t.Fatal("« données » does not find Pix 1.2")
	}
	for _, tc := range []struct{ name, text, want string }{
		{"Decomposed", "donne\u0301es", "1.2"},
		{"FullWidth", "ｄｏｎｎｅｅｓ", "1.2"},
		{"Capitals", "DONNÉES", "1.2"},
		{"Ligature", "ﬁchiers", "1.2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := search(t, tc.text)
			if !got.has("pix", tc.want) {
				t.Fatalf("search %q does not find Pix %s: %+v", tc.text, tc.want, got.Skills.Edges)
			}
			if tc.want == "1.2" && tc.name != "Ligature" && got.Skills.TotalCount != plain.Skills.TotalCount {
				t.Fatalf("search %q finds %d skills, « données » %d", tc.text, got.Skills.TotalCount, plain.Skills.TotalCount)
			}
		})
	}
}
