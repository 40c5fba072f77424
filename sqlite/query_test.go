package sqlite

import "testing"

func TestFTSQuery(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"donnees", `"donn"*`},
		{"Sécurité", `"secur"*`},
		{"sécuriser", `"securis"*`},
		{"B.1", `"b"* "1"*`},
		{`") OR name:* NEAR(a b)`, `"or"* "name"* "near"* "a"* "b"*`},
		{`"*()`, ``},
		{"IA", `"ia"*`},
		{"données personnelles", `"donn"* "personnell"*`},
		{"donne\u0301es", `"donn"*`},
		{"ｄｏｎｎｅｅｓ", `"donn"*`},
		{"ﬁchiers", `"fichi"*`},
		{"don\u00adnées", `"donn"*`},
		{"\u202edonnées\u202c", `"donn"*`},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := ftsQuery(tc.in); got != tc.want {
				t.Fatalf("ftsQuery(%q) = %s, want %s", tc.in, got, tc.want)
			}
		})
	}
}
