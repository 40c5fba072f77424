package main

import (
	"bytes"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// cspDirective returns the value of one directive of a Content-Security-Policy.
func cspDirective(policy, name string) (string, bool) {
	for _, d := range strings.Split(policy, ";") {
		fields := strings.Fields(d)
		if len(fields) > 0 && strings.EqualFold(fields[0], name) {
			return strings.Join(fields[1:], " "), true
		}
	}
	return "", false
}

var requestIDPattern = regexp.MustCompile(`^[0-9a-f]{16}$`)

// checkSecurityHeaders checks the headers every response carries.
func checkSecurityHeaders(t *testing.T, h http.Header, production bool) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	if script, ok := cspDirective(csp, "script-src"); !ok || script != "'self'" {
		t.Errorf("CSP script-src = %q (present %v), want only 'self'; policy %q", script, ok, csp)
	}
	if def, ok := cspDirective(csp, "default-src"); !ok || def != "'self'" {
		t.Errorf("CSP default-src = %q, want 'self'", def)
	}
	if fa, _ := cspDirective(csp, "frame-ancestors"); fa != "'none'" {
		t.Errorf("CSP frame-ancestors = %q, want 'none'", fa)
	}
	if obj, _ := cspDirective(csp, "object-src"); obj != "'none'" {
		t.Errorf("CSP object-src = %q, want 'none'", obj)
	}
	if strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP allows eval: %q", csp)
	}
	if got, want := h.Get("X-Content-Type-Options"), "nosniff"; got != want {
		t.Errorf("X-Content-Type-Options = %q, want %q", got, want)
	}
	if got, want := h.Get("X-Frame-Options"), "DENY"; got != want {
		t.Errorf("X-Frame-Options = %q, want %q", got, want)
	}
	if got := h.Get("Referrer-Policy"); got != "same-origin" && got != "strict-origin-when-cross-origin" && got != "no-referrer" {
		t.Errorf("Referrer-Policy = %q, want a policy that keeps paths on the site", got)
	}
	if id := h.Get("X-Request-Id"); !requestIDPattern.MatchString(id) {
		t.Errorf("X-Request-Id = %q, want 16 hex digits", id)
	}
	hsts := h.Get("Strict-Transport-Security")
	switch {
	case production && !strings.Contains(hsts, "max-age=63072000"):
		t.Errorf("Strict-Transport-Security = %q, want two years in production", hsts)
	case !production && hsts != "":
		t.Errorf("Strict-Transport-Security = %q in development (plain http), want none", hsts)
	}
}

// headerRequests are requests of every kind of response: SPA, assets, errors of each
// layer, GraphQL answers and refusals, probes.
func headerRequests(t *testing.T, base string) []*http.Request {
	t.Helper()
	mk := func(method, path, contentType, body string, header ...string) *http.Request {
		req, err := http.NewRequest(method, base+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		return req
	}
	return []*http.Request{
		mk(http.MethodGet, "/", "", ""),
		mk(http.MethodGet, "/referentiels/pix", "", ""),
		mk(http.MethodGet, "/assets/missing.js", "", ""),
		mk(http.MethodPost, "/", "", ""),
		mk(http.MethodGet, "/healthz", "", ""),
		mk(http.MethodGet, "/readyz", "", ""),
		mk(http.MethodPost, "/graphql", "application/json", `{"query":"{ frameworks { totalCount } }"}`),
		mk(http.MethodPost, "/graphql", "application/json", `{"query":"{ role(code: \"ZZZ\") { code } }"}`),
		mk(http.MethodPost, "/graphql", "application/json", `{"query":"{ ...A } fragment A on Query { ...A }"}`),
		mk(http.MethodGet, "/graphql", "", ""),
		mk(http.MethodPost, "/graphql", "text/plain", `{"query":"{ __typename }"}`),
		mk(http.MethodPost, "/graphql", "application/json", `{"query":"`+strings.Repeat(" ", 70_000)+`"}`),
		mk(http.MethodPost, "/graphql", "application/json", `{"query":"{ __typename }"}`, "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"),
	}
}

func TestSecurityHeaders(t *testing.T) {
	t.Run("Development", func(t *testing.T) {
		srv, _ := MustStartApp(t)
		seen := map[string]bool{}
		for _, req := range headerRequests(t, srv.URL) {
			t.Run(req.Method+" "+req.URL.Path, func(t *testing.T) {
				res, err := srv.Client().Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				checkSecurityHeaders(t, res.Header, false)
				id := res.Header.Get("X-Request-Id")
				if seen[id] {
					t.Errorf("X-Request-Id %s given twice", id)
				}
				seen[id] = true
			})
		}
	})

	t.Run("Production", func(t *testing.T) {
		// Built directly, as Validate would leave it (which also wants sign-in settings).
		cfg := Config{Addr: "127.0.0.1:0", DBPath: filepath.Join(t.TempDir(), "passerelles.db"), Env: EnvProduction,
			BaseURL: "https://passerelles.example.gouv.fr", DemoAgents: 0, LogFormat: "json", LogLevel: "info",
			OIDCRedirectURL: "https://passerelles.example.gouv.fr/auth/callback", OIDCPostLogoutRedirectURL: "https://passerelles.example.gouv.fr/",
			OIDCScopes: []string{"openid"}, SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour}
		cfg.OIDCIssuer, cfg.OIDCClientID, cfg.OIDCClientSecret = MustStartProvider(t, cfg.OIDCRedirectURL, cfg.OIDCPostLogoutRedirectURL)
		app, _ := MustNewApp(t, cfg)
		srv := MustServe(t, app)
		for _, req := range headerRequests(t, srv.URL) {
			t.Run(req.Method+" "+req.URL.Path, func(t *testing.T) {
				res, err := srv.Client().Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				checkSecurityHeaders(t, res.Header, true)
			})
		}
		// Behind the reverse proxy, the browser's origin is the public base URL,
		// not the Host the app sees: it is trusted.
		req := newGraphQLRequest(t, srv, []byte(`{"query":"{ frameworks { totalCount } }"}`))
		req.Header.Set("Origin", "https://passerelles.example.gouv.fr")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		res := doGraphQL(t, srv.Client(), req)
		checkResponse(t, res, http.StatusOK, "")
	})
}

func TestGraphQLGzip(t *testing.T) {
	srv, _ := MustStartApp(t)
	tr := srv.Client().Transport.(*http.Transport).Clone()
	tr.DisableCompression = true // see the encoding as sent
	client := &http.Client{Transport: tr}
	for _, c := range []struct {
		name, acceptEncoding, wantEncoding string
	}{
		{"Gzip", "gzip", "gzip"},
		{"Identity", "identity", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			req := newGraphQLRequest(t, srv, gqlBody(t, frameworkQuery, map[string]any{"code": "pix"}))
			req.Header.Set("Accept-Encoding", c.acceptEncoding)
			res, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			if got, want := res.Header.Get("Content-Encoding"), c.wantEncoding; got != want {
				t.Errorf("Content-Encoding = %q, want %q", got, want)
			}
			if !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
				t.Errorf("Vary = %q, want Accept-Encoding", res.Header.Get("Vary"))
			}
			body := readBody(t, res)
			if !bytes.Contains(body, []byte(`"code":"pix"`)) {
				t.Errorf("body %.200q does not hold the framework", body)
			}
		})
	}
}
