package web

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"passerelles/frontend"
)

// mustRouteTable returns the SPA's route table, the one the server embeds.
func mustRouteTable(tb testing.TB) RouteTable {
	tb.Helper()
	t, err := ParseRouteTable(frontend.Routes)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// TestRouteTableMatch runs paths through the SPA's own table: the pages it shows answer
// 200, the others 404. The cases follow matchRoute in frontend/src/router.tsx.
func TestRouteTableMatch(t *testing.T) {
	routes := mustRouteTable(t)
	for _, tc := range []struct {
		name, path string
		want       bool
	}{
		{"Home", "/", true},
		{"Frameworks", "/referentiels", true},
		{"TrailingSlash", "/referentiels/", true},
		{"DoubledSlash", "//referentiels", true},
		{"FrameworkWithCode", "/referentiels/pix", true},
		{"FrameworkWithEncodedSlashInCode", "/referentiels/a%2Fb", true},
		{"FrameworkWithEncodedSpace", "/referentiels/e%20cf", true},
		{"ProfileWithID", "/profils/12", true},
		{"SignedInOnly", "/mes-competences", true},
		{"Onboarding", "/bienvenue", true},
		{"TalentSearch", "/talents", true},
		{"Communities", "/communautes", true},
		{"CommunityWithCode", "/communautes/data", true},
		{"CommunityAdministration", "/administration/communautes", true},
		{"Notifications", "/notifications", true},
		{"ErrBelowACommunity", "/communautes/data/membres", false},
		{"Events", "/evenements", true},
		{"NewEvent", "/evenements/nouveau", true},
		{"EventWithID", "/evenements/12", true},
		{"EditEvent", "/evenements/12/modifier", true},
		{"ErrBelowAnEvent", "/evenements/12/participants", false},
		{"LegalNotice", "/mentions-legales", true},
		{"ErrUnknown", "/inconnue", false},
		{"ErrProfilesWithoutID", "/profils", false},
		{"ErrBelowAParameter", "/profils/12/plus", false},
		{"ErrBelowAStaticRoute", "/mon-espace/plus", false},
		{"ErrCaseDiffers", "/Referentiels", false},
		{"ErrEncodedSlashSplitsNothing", "/referentiels%2Fpix", false},
		{"ErrInvalidUTF8", "/referentiels/%C3", false},
		{"ErrMalformedEscape", "/referentiels/%zz", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := routes.Match(tc.path); got != tc.want {
				t.Fatalf("Match(%q) = %v, want %v", tc.path, got, tc.want)
			}
		})
	}
}

func TestParseRouteTable(t *testing.T) {
	for _, tc := range []struct{ name, json string }{
		{"ErrNotJSON", `[`},
		{"ErrEmpty", `{}`},
		{"ErrRelativePattern", `{"home":{"pattern":"accueil"}}`},
		{"ErrUnnamedParameter", `{"profile":{"pattern":"/profils/:"}}`},
		{"ErrUnknownProperty", `{"home":{"pattern":"/","requireAuth":true}}`},
		{"ErrMalformedEscape", `{"home":{"pattern":"/%zz"}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ParseRouteTable([]byte(tc.json)); err == nil {
				t.Fatalf("ParseRouteTable(%s) accepted it", tc.json)
			}
		})
	}
}

// TestRoutesTSReadsRouteTable keeps the route table in one place: routes.ts builds its
// routes from routes.json and spells no pattern of its own, which the server would not
// know and would answer with 404.
func TestRoutesTSReadsRouteTable(t *testing.T) {
	src, err := os.ReadFile("../../frontend/src/routes.ts")
	if err != nil {
		t.Fatal(err)
	}
	ts := string(src)
	if !strings.Contains(ts, `from "./routes.json"`) {
		t.Fatal("frontend/src/routes.ts does not import ./routes.json")
	}
	if m := regexp.MustCompile(`pattern:\s*["'\x60/]|pattern:\s*paths\.`).FindString(ts); m != "" {
		t.Fatalf("frontend/src/routes.ts spells a pattern itself (%q): add the route to routes.json", m)
	}
}
