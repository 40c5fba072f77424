package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"passerelles/server/api/apitest"
)

// mustServeProduction serves the real app in production (against a test OpenID provider),
// with the introspection setting given (nil: the environment's default).
func mustServeProduction(t *testing.T, introspection *bool) *httptest.Server {
	t.Helper()
	cfg := Config{Addr: "127.0.0.1:0", DBPath: filepath.Join(t.TempDir(), "passerelles.db"), Env: EnvProduction,
		BaseURL: "https://passerelles.example.gouv.fr", LogFormat: "json", LogLevel: "info",
		OIDCRedirectURL: "https://passerelles.example.gouv.fr/auth/callback", OIDCPostLogoutRedirectURL: "https://passerelles.example.gouv.fr/",
		OIDCScopes: []string{"openid"}, SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour, GraphQLIntrospection: introspection}
	// Built directly, as Validate would leave it (Validate wants an https provider).
	cfg.OIDCIssuer, cfg.OIDCClientID, cfg.OIDCClientSecret = MustStartProvider(t, cfg.OIDCRedirectURL, cfg.OIDCPostLogoutRedirectURL)
	app, _ := MustNewApp(t, cfg)
	return MustServe(t, app)
}

// TestProductionAnswersLess asks each environment, through the real handler, what a
// stranger mapping the API would ask: the schema (introspection), and names near a
// misspelled one (graphql-go's « Did you mean … »). Development answers both; production
// neither, unless its setting turns introspection on (suggestions stay off).
func TestProductionAnswersLess(t *testing.T) {
	on := true
	servers := []struct {
		name                       string
		srv                        *httptest.Server
		introspection, suggestions bool
	}{
		{"Development", nil, true, true},
		{"Production", nil, false, false},
		{"ProductionWithIntrospection", nil, true, false},
	}
	servers[0].srv, _ = MustStartApp(t)
	servers[1].srv = mustServeProduction(t, nil)
	servers[2].srv = mustServeProduction(t, &on)

	introspection := []string{
		apitest.IntrospectionQuery,
		`{ __schema { queryType { name } } }`,
		`{ __type(name: "Profile") { fields { name } } }`,
		`{ ...F } fragment F on Query { __schema { types { name } } }`,
	}
	misspelled := []struct{ query, hint string }{
		{`{ framewrks { totalCount } }`, `"frameworks"`},
		{`{ framework(code: "pix") { levls { code } } }`, `"levels"`},
		{`{ roles(frist: 2) { totalCount } }`, `"first"`},
		{`{ framework(code: "pix") { ... on Skil { code } } }`, `"Skill"`},
	}
	for _, s := range servers {
		t.Run(s.name, func(t *testing.T) {
			for i, q := range introspection {
				t.Run("Introspection"+itoaTest(i), func(t *testing.T) {
					res := postGraphQL(t, s.srv, q, nil)
					if s.introspection {
						checkResponse(t, res, http.StatusOK, "")
						return
					}
					checkResponse(t, res, http.StatusBadRequest, "INVALID_INPUT")
					if msg := res.Errors[0].Message; !strings.Contains(msg, "l’introspection du schéma") || !strings.Contains(msg, "est désactivée") {
						t.Fatalf("message %q does not say introspection is off", msg)
					}
				})
			}
			t.Run("Typename", func(t *testing.T) { // not introspection of the schema: clients ask for it
				checkResponse(t, postGraphQL(t, s.srv, `{ __typename frameworks { totalCount } }`, nil), http.StatusOK, "")
			})
			for i, m := range misspelled {
				t.Run("Misspelled"+itoaTest(i), func(t *testing.T) {
					res := postGraphQL(t, s.srv, m.query, nil)
					checkResponse(t, res, http.StatusBadRequest, "INVALID_INPUT")
					msg := res.Errors[0].Message
					if got := strings.Contains(msg, "Did you mean") || strings.Contains(msg, m.hint); got != s.suggestions {
						t.Fatalf("message %q: suggests names = %v, want %v", msg, got, s.suggestions)
					}
				})
			}
		})
	}
}

func itoaTest(i int) string { return string(rune('0' + i)) }

// TestIntrospectionSetting reads the introspection setting: on in development, off in
// production, either way when set (flag or PASSERELLES_GRAPHQL_INTROSPECTION).
func TestIntrospectionSetting(t *testing.T) {
	for _, c := range []struct {
		name    string
		env     map[string]string
		args    []string
		want    bool
		wantErr string
	}{
		{name: "DevelopmentDefault", want: true},
		{name: "ProductionDefault", env: productionEnv(), want: false},
		{name: "ProductionTurnedOn", env: productionEnv("PASSERELLES_GRAPHQL_INTROSPECTION", "true"), want: true},
		{name: "ProductionFlag", env: productionEnv(), args: []string{"-graphql-introspection", "1"}, want: true},
		{name: "DevelopmentTurnedOff", env: map[string]string{"PASSERELLES_GRAPHQL_INTROSPECTION": "false"}, want: false},
		{name: "NotABoolean", env: map[string]string{"PASSERELLES_GRAPHQL_INTROSPECTION": "sometimes"},
			wantErr: "PASSERELLES_GRAPHQL_INTROSPECTION"},
	} {
		t.Run(c.name, func(t *testing.T) {
			clearServeEnv(t)
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			cfg, err := parseServeConfig(c.args)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("error %v, want one naming %s", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := cfg.Introspection(); got != c.want {
				t.Fatalf("introspection = %v, want %v", got, c.want)
			}
		})
	}
}
