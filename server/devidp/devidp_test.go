package devidp

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// testKey is generated once: RSA generation is slow under the race detector.
var testKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

var testPersonas = []Persona{
	{
		Subject:           "persona-agent-travail",
		GivenName:         "Camille",
		UsualName:         "Martin",
		Email:             "camille.martin@example.gouv.fr",
		UID:               "cmartin",
		Siret:             "11000000000018",
		IdpID:             "idp-demo-travail",
		OrganizationLabel: "DREETS Bretagne",
		Roles:             []string{"agent_public"},
		Label:             "Agente du ministère du Travail (DREETS Bretagne)",
	},
	{
		Subject:           "persona-agent-sante",
		GivenName:         "Karim",
		UsualName:         "Benali",
		Email:             "karim.benali@example.gouv.fr",
		UID:               "kbenali",
		Siret:             "11000000000026",
		IdpID:             "idp-demo-sante",
		OrganizationLabel: "ARS Occitanie",
		Roles:             []string{"agent_public", "manager"},
		Label:             "Chef de projet à l’ARS Occitanie",
	},
}

// fakeClock drives the storage's expiries; op and go-oidc keep the real time.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// testIdP is a provider on an httptest server (127.0.0.1), with a relying party's callback
// and home page on the same server, and the relying party's view of it.
type testIdP struct {
	srv      *httptest.Server
	cfg      Config
	clock    *fakeClock
	server   *server
	provider *oidc.Provider
	oauth    oauth2.Config
}

func MustStartIdP(tb testing.TB, ctx context.Context) *testIdP {
	tb.Helper()
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	tb.Cleanup(srv.Close)
	cfg := Config{
		Issuer:                 srv.URL + "/devidp",
		ClientID:               "passerelles",
		ClientSecret:           rand.Text(),
		RedirectURIs:           []string{srv.URL + "/auth/callback"},
		PostLogoutRedirectURIs: []string{srv.URL + "/"},
		Personas:               testPersonas,
		SigningKey:             testKey(),
		Logger:                 slog.New(slog.DiscardHandler),
	}
	clock := &fakeClock{t: time.Now()}
	s, err := newServer(cfg, clock.Now)
	if err != nil {
		tb.Fatal(err)
	}
	mux.Handle("/devidp/", s)
	mux.HandleFunc("GET /auth/callback", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "rappel") })
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "accueil") })

	provider, err := oidc.NewProvider(ctx, cfg.Issuer)
	if err != nil {
		tb.Fatalf("discovery: %v", err)
	}
	return &testIdP{
		srv: srv, cfg: cfg, clock: clock, server: s, provider: provider,
		oauth: oauth2.Config{
			ClientID:     cfg.ClientID,
			ClientSecret: cfg.ClientSecret,
			Endpoint:     provider.Endpoint(),
			RedirectURL:  cfg.RedirectURIs[0],
			Scopes:       []string{oidc.ScopeOpenID, "email", "given_name", "usual_name", "uid", "siret", "idp_id", "organizational_unit", "une_portee_inconnue"},
		},
	}
}

// flow is one sign-in attempt's secrets, as the relying party keeps them.
type flow struct{ state, nonce, verifier string }

func newFlow() flow {
	return flow{state: rand.Text() + rand.Text(), nonce: rand.Text() + rand.Text(), verifier: oauth2.GenerateVerifier()}
}

func (idp *testIdP) authURL(f flow) string {
	claims := `{"id_token":{"acr":{"essential":true,"values":["eidas1"]}}}`
	return idp.oauth.AuthCodeURL(f.state, oidc.Nonce(f.nonce), oauth2.S256ChallengeOption(f.verifier), oauth2.SetAuthURLParam("claims", claims))
}

// newBrowser returns a client that keeps cookies and follows redirects, like a browser.
func newBrowser(tb testing.TB) *http.Client {
	tb.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		tb.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 10 * time.Second}
}

// noRedirect returns a copy of c that stops at the first redirect.
func noRedirect(c *http.Client) *http.Client {
	cc := *c
	cc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &cc
}

func get(tb testing.TB, c *http.Client, rawURL string) (*http.Response, string) {
	tb.Helper()
	resp, err := c.Get(rawURL)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp, string(body)
}

func postForm(tb testing.TB, c *http.Client, rawURL string, form url.Values, header http.Header) (*http.Response, string) {
	tb.Helper()
	req, err := http.NewRequest(http.MethodPost, rawURL, strings.NewReader(form.Encode()))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := c.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp, string(body)
}

// openLoginPage follows the authorization request to the sign-in page and returns the
// authorization request id it names, and the page.
func (idp *testIdP) openLoginPage(tb testing.TB, browser *http.Client, authURL string) (string, *http.Response, string) {
	tb.Helper()
	resp, body := get(tb, browser, authURL)
	if got, want := resp.StatusCode, http.StatusOK; got != want {
		tb.Fatalf("sign-in page: status %d, want %d: %s", got, want, body)
	}
	if got, want := resp.Request.URL.Path, "/devidp/login"; got != want {
		tb.Fatalf("sign-in page path = %q, want %q", got, want)
	}
	id := resp.Request.URL.Query().Get("id")
	if id == "" {
		tb.Fatal("sign-in page URL without id")
	}
	return id, resp, body
}

// signIn runs the browser part of f as persona and returns the code the callback received.
func (idp *testIdP) signIn(tb testing.TB, f flow, persona string) string {
	tb.Helper()
	browser := newBrowser(tb)
	id, _, _ := idp.openLoginPage(tb, browser, idp.authURL(f))
	resp, body := postForm(tb, browser, idp.cfg.Issuer+"/login", url.Values{"id": {id}, "persona": {persona}}, nil)
	cb := resp.Request.URL
	if got, want := cb.Scheme+"://"+cb.Host+cb.Path, idp.cfg.RedirectURIs[0]; got != want {
		tb.Fatalf("after sign-in at %q, want the callback %q (status %d: %s)", got, want, resp.StatusCode, body)
	}
	if got, want := cb.Query().Get("state"), f.state; got != want {
		tb.Fatalf("callback state = %q, want %q", got, want)
	}
	code := cb.Query().Get("code")
	if code == "" {
		tb.Fatalf("callback without code: %s", cb.RawQuery)
	}
	return code
}

// exchange trades code for tokens as the relying party does.
func (idp *testIdP) exchange(ctx context.Context, f flow, code string) (*oauth2.Token, error) {
	return idp.oauth.Exchange(ctx, code, oauth2.VerifierOption(f.verifier))
}

// userinfo calls the userinfo endpoint with accessToken and returns the response.
func (idp *testIdP) userinfo(tb testing.TB, accessToken string) (*http.Response, string) {
	tb.Helper()
	req, err := http.NewRequest(http.MethodGet, idp.provider.UserInfoEndpoint(), nil)
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+accessToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp, string(body)
}

// personaClaims are the ProConnect claims a token or userinfo carries.
type personaClaims struct {
	Subject           string   `json:"sub"`
	GivenName         string   `json:"given_name"`
	UsualName         string   `json:"usual_name"`
	Email             string   `json:"email"`
	UID               string   `json:"uid"`
	Siret             string   `json:"siret"`
	IdpID             string   `json:"idp_id"`
	OrganizationLabel string   `json:"organization_label"`
	Roles             []string `json:"roles"`
}

func checkPersonaClaims(tb testing.TB, what string, got personaClaims, p Persona) {
	tb.Helper()
	want := personaClaims{p.Subject, p.GivenName, p.UsualName, p.Email, p.UID, p.Siret, p.IdpID, p.OrganizationLabel, p.Roles}
	if got.Subject != want.Subject || got.GivenName != want.GivenName || got.UsualName != want.UsualName ||
		got.Email != want.Email || got.UID != want.UID || got.Siret != want.Siret || got.IdpID != want.IdpID ||
		got.OrganizationLabel != want.OrganizationLabel || !slices.Equal(got.Roles, want.Roles) {
		tb.Fatalf("%s claims = %+v, want %+v", what, got, want)
	}
}

func TestSignInFlow(t *testing.T) {
	for _, tc := range []struct {
		name    string
		style   oauth2.AuthStyle
		persona Persona
	}{
		{"ClientSecretBasic", oauth2.AuthStyleInHeader, testPersonas[0]},
		{"ClientSecretPost", oauth2.AuthStyleInParams, testPersonas[1]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := t.Context()
			idp := MustStartIdP(t, ctx)
			idp.oauth.Endpoint.AuthStyle = tc.style
			f := newFlow()

			// The sign-in page, in French, one button per persona.
			browser := newBrowser(t)
			id, resp, page := idp.openLoginPage(t, browser, idp.authURL(f))
			if got := resp.Header.Get("Content-Type"); !strings.HasPrefix(got, "text/html") {
				t.Fatalf("sign-in page Content-Type = %q", got)
			}
			for _, want := range []string{
				`<html lang="fr">`,
				"<title>Connexion de démonstration — Passerelles</title>",
				"<h1>Connexion de démonstration</h1>",
				"n’existe qu’en développement",
				`<input type="hidden" name="id" value="` + id + `">`,
				`name="cancel"`, ">Annuler</button>",
			} {
				if !strings.Contains(page, want) {
					t.Errorf("sign-in page lacks %q", want)
				}
			}
			for _, p := range testPersonas {
				name := buttonText(page, p.Subject)
				if !strings.Contains(name, p.GivenName+" "+p.UsualName) || !strings.Contains(name, p.Label) {
					t.Errorf("button of %s reads %q, want the name and %q", p.Subject, name, p.Label)
				}
			}
			csp := resp.Header.Get("Content-Security-Policy")
			if !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "script-src") || !strings.Contains(csp, "frame-ancestors 'none'") {
				t.Errorf("sign-in page CSP = %q", csp)
			}

			// Choosing the persona returns to the callback with code and state.
			resp, body := postForm(t, browser, idp.cfg.Issuer+"/login", url.Values{"id": {id}, "persona": {tc.persona.Subject}}, nil)
			cb := resp.Request.URL
			if got, want := cb.Scheme+"://"+cb.Host+cb.Path, idp.cfg.RedirectURIs[0]; got != want {
				t.Fatalf("after sign-in at %q, want %q (status %d: %s)", got, want, resp.StatusCode, body)
			}
			if got, want := cb.Query().Get("state"), f.state; got != want {
				t.Fatalf("callback state = %q, want %q", got, want)
			}

			// Code exchange with PKCE and the client's secret.
			tok, err := idp.exchange(ctx, f, cb.Query().Get("code"))
			if err != nil {
				t.Fatalf("exchange: %v", err)
			}
			if tok.RefreshToken != "" {
				t.Errorf("refresh token issued")
			}
			rawID, _ := tok.Extra("id_token").(string)
			idToken, err := idp.provider.Verifier(&oidc.Config{ClientID: idp.cfg.ClientID}).Verify(ctx, rawID)
			if err != nil {
				t.Fatalf("verify id token: %v", err)
			}
			if got, want := idToken.Issuer, idp.cfg.Issuer; got != want {
				t.Errorf("iss = %q, want %q", got, want)
			}
			if got, want := idToken.Audience, []string{idp.cfg.ClientID}; !slices.Equal(got, want) {
				t.Errorf("aud = %q, want %q", got, want)
			}
			if got, want := idToken.Nonce, f.nonce; got != want {
				t.Errorf("nonce = %q, want %q", got, want)
			}
			var extra struct {
				AZP string `json:"azp"`
				ACR string `json:"acr"`
			}
			var idClaims personaClaims
			if err := idToken.Claims(&idClaims); err != nil {
				t.Fatal(err)
			}
			if err := idToken.Claims(&extra); err != nil {
				t.Fatal(err)
			}
			checkPersonaClaims(t, "id token", idClaims, tc.persona)
			if extra.AZP != idp.cfg.ClientID || extra.ACR != "eidas1" {
				t.Errorf("azp, acr = %q, %q", extra.AZP, extra.ACR)
			}

			// Userinfo is a JWT signed with a key of the provider's JWKS.
			resp, jwt := idp.userinfo(t, tok.AccessToken)
			if got, want := resp.StatusCode, http.StatusOK; got != want {
				t.Fatalf("userinfo status %d, want %d: %s", got, want, jwt)
			}
			if got, want := resp.Header.Get("Content-Type"), "application/jwt"; got != want {
				t.Fatalf("userinfo Content-Type = %q, want %q", got, want)
			}
			var meta struct {
				JWKS       string `json:"jwks_uri"`
				EndSession string `json:"end_session_endpoint"`
			}
			if err := idp.provider.Claims(&meta); err != nil {
				t.Fatal(err)
			}
			payload, err := oidc.NewRemoteKeySet(ctx, meta.JWKS).VerifySignature(ctx, jwt)
			if err != nil {
				t.Fatalf("userinfo signature: %v", err)
			}
			var info struct {
				personaClaims
				Issuer   string `json:"iss"`
				Audience string `json:"aud"`
			}
			if err := json.Unmarshal(payload, &info); err != nil {
				t.Fatal(err)
			}
			checkPersonaClaims(t, "userinfo", info.personaClaims, tc.persona)
			if info.Subject != idToken.Subject || info.Issuer != idp.cfg.Issuer || info.Audience != idp.cfg.ClientID {
				t.Errorf("userinfo sub, iss, aud = %q, %q, %q", info.Subject, info.Issuer, info.Audience)
			}
			// go-oidc, as the application uses it, reads the signed userinfo too.
			ui, err := idp.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok))
			if err != nil {
				t.Fatalf("go-oidc userinfo: %v", err)
			}
			if got, want := ui.Subject, idToken.Subject; got != want {
				t.Errorf("go-oidc userinfo sub = %q, want %q", got, want)
			}

			// end_session returns to the post-logout URI with the state, and ends the tokens.
			logoutState := rand.Text()
			q := url.Values{"id_token_hint": {rawID}, "post_logout_redirect_uri": {idp.cfg.PostLogoutRedirectURIs[0]}, "state": {logoutState}}
			resp, body = get(t, noRedirect(browser), meta.EndSession+"?"+q.Encode())
			if got, want := resp.StatusCode, http.StatusFound; got != want {
				t.Fatalf("end_session status %d, want %d: %s", got, want, body)
			}
			loc, err := url.Parse(resp.Header.Get("Location"))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := loc.Scheme+"://"+loc.Host+loc.Path, idp.cfg.PostLogoutRedirectURIs[0]; got != want {
				t.Errorf("end_session redirects to %q, want %q", got, want)
			}
			if got, want := loc.Query().Get("state"), logoutState; got != want {
				t.Errorf("end_session state = %q, want %q", got, want)
			}
			if resp, _ := idp.userinfo(t, tok.AccessToken); resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("userinfo after end_session: status %d, want 401", resp.StatusCode)
			}
		})
	}
}

// buttonText returns the text of the persona button for subject, tags removed.
func buttonText(page, subject string) string {
	re := regexp.MustCompile(`(?s)<button[^>]*name="persona" value="` + regexp.QuoteMeta(html.EscapeString(subject)) + `"[^>]*>(.*?)</button>`)
	m := re.FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(m[1], ""))
}

func TestDiscovery(t *testing.T) {
	idp := MustStartIdP(t, t.Context())
	resp, body := get(t, http.DefaultClient, idp.cfg.Issuer+"/.well-known/openid-configuration")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("discovery status %d", resp.StatusCode)
	}
	var d map[string]any
	if err := json.Unmarshal([]byte(body), &d); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]any{
		"issuer":                                idp.cfg.Issuer,
		"authorization_endpoint":                idp.cfg.Issuer + "/authorize",
		"token_endpoint":                        idp.cfg.Issuer + "/oauth/token",
		"userinfo_endpoint":                     idp.cfg.Issuer + "/userinfo",
		"end_session_endpoint":                  idp.cfg.Issuer + "/end_session",
		"jwks_uri":                              idp.cfg.Issuer + "/keys",
		"response_types_supported":              []any{"code"},
		"grant_types_supported":                 []any{"authorization_code"},
		"code_challenge_methods_supported":      []any{"S256"},
		"token_endpoint_auth_methods_supported": []any{"client_secret_basic", "client_secret_post"},
		"userinfo_signing_alg_values_supported": []any{"RS256"},
		"id_token_signing_alg_values_supported": []any{"RS256"},
	} {
		if got, _ := json.Marshal(d[key]); string(got) != mustJSON(t, want) {
			t.Errorf("%s = %s, want %s", key, got, mustJSON(t, want))
		}
	}
	for _, key := range []string{"introspection_endpoint", "revocation_endpoint", "device_authorization_endpoint"} {
		if _, ok := d[key]; ok {
			t.Errorf("discovery advertises %s, which is not served", key)
		}
	}
	for _, tc := range []struct{ list, want string }{{"scopes_supported", "siret"}, {"claims_supported", "usual_name"}, {"claims_supported", "roles"}} {
		list, _ := d[tc.list].([]any)
		if !slices.Contains(list, any(tc.want)) {
			t.Errorf("%s = %v, lacks %q", tc.list, list, tc.want)
		}
	}

	var jwks struct {
		Keys []struct{ Kid, Alg, Use, Kty string } `json:"keys"`
	}
	_, body = get(t, http.DefaultClient, idp.cfg.Issuer+"/keys")
	if err := json.Unmarshal([]byte(body), &jwks); err != nil {
		t.Fatal(err)
	}
	if len(jwks.Keys) != 1 || jwks.Keys[0].Kid == "" || jwks.Keys[0].Alg != "RS256" || jwks.Keys[0].Use != "sig" || jwks.Keys[0].Kty != "RSA" {
		t.Errorf("jwks = %+v, want one RS256 signing key with a kid", jwks.Keys)
	}
	if strings.Contains(body, `"d"`) {
		t.Error("jwks publishes private key material")
	}

	for _, path := range []string{"/devidp/healthz", "/devidp/oauth/introspect", "/devidp/revoke", "/devidp/authorize/callback", "/devidp/device_authorization", "/ailleurs"} {
		if resp, _ := get(t, http.DefaultClient, idp.srv.URL+path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, resp.StatusCode)
		}
	}
}

func mustJSON(tb testing.TB, v any) string {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// TestAuthorizeRefusals: bad authorization requests are refused, and redirected to the
// relying party only when its redirect_uri is registered.
func TestAuthorizeRefusals(t *testing.T) {
	idp := MustStartIdP(t, t.Context())
	f := newFlow()
	valid := func() url.Values {
		u, err := url.Parse(idp.authURL(f))
		if err != nil {
			t.Fatal(err)
		}
		return u.Query()
	}
	for _, tc := range []struct {
		name      string
		change    func(url.Values)
		wantError string // "" when nothing must be redirected
	}{
		{"UnknownRedirectURI", func(q url.Values) { q.Set("redirect_uri", "http://evil.example/callback") }, ""},
		{"RedirectURIWithExtraPath", func(q url.Values) { q.Set("redirect_uri", idp.cfg.RedirectURIs[0]+"/../evil") }, ""},
		{"UnknownClient", func(q url.Values) { q.Set("client_id", "inconnu") }, ""},
		{"MissingNonce", func(q url.Values) { q.Del("nonce") }, "invalid_request"},
		{"PlainPKCE", func(q url.Values) { q.Set("code_challenge_method", "plain") }, "invalid_request"},
		{"NoOpenIDScope", func(q url.Values) { q.Set("scope", "email") }, "invalid_scope"},
		{"PromptNone", func(q url.Values) { q.Set("prompt", "none") }, "login_required"},
		{"FormPost", func(q url.Values) { q.Set("response_mode", "form_post") }, "invalid_request"},
		{"NonceTooLong", func(q url.Values) { q.Set("nonce", strings.Repeat("n", maxAuthRequestBytes)) }, "invalid_request"},
		{"TooManyScopes", func(q url.Values) { q.Set("scope", "openid"+strings.Repeat(" email", maxAuthRequestBytes/6)) }, "invalid_request"},
		// op refuses the implicit flow to an http callback before looking further.
		{"ImplicitFlow", func(q url.Values) { q.Set("response_type", "id_token") }, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := valid()
			tc.change(q)
			resp, body := get(t, noRedirect(newBrowser(t)), idp.cfg.Issuer+"/authorize?"+q.Encode())
			loc := resp.Header.Get("Location")
			if tc.wantError == "" {
				if resp.StatusCode != http.StatusBadRequest || loc != "" {
					t.Fatalf("status %d, Location %q, want 400 without redirect", resp.StatusCode, loc)
				}
				return
			}
			if resp.StatusCode != http.StatusFound {
				t.Fatalf("status %d, want 302: %s", resp.StatusCode, body)
			}
			u, err := url.Parse(loc)
			if err != nil {
				t.Fatal(err)
			}
			params := u.Query()
			if u.Fragment != "" {
				params, _ = url.ParseQuery(u.Fragment)
			}
			if got, want := u.Scheme+"://"+u.Host+u.Path, idp.cfg.RedirectURIs[0]; got != want {
				t.Fatalf("redirected to %q, want %q", got, want)
			}
			if got, want := params.Get("error"), tc.wantError; got != want {
				t.Errorf("error = %q, want %q", got, want)
			}
			if got, want := params.Get("state"), f.state; got != want {
				t.Errorf("state = %q, want %q", got, want)
			}
		})
	}
}

// TestSignInPageRefusals: the sign-in form completes only the request it names, once, from
// the browser that displayed it, and "Annuler" returns access_denied.
func TestSignInPageRefusals(t *testing.T) {
	idp := MustStartIdP(t, t.Context())
	persona := testPersonas[0].Subject
	login := idp.cfg.Issuer + "/login"

	t.Run("Cancel", func(t *testing.T) {
		f := newFlow()
		browser := newBrowser(t)
		id, _, _ := idp.openLoginPage(t, browser, idp.authURL(f))
		resp, _ := postForm(t, browser, login, url.Values{"id": {id}, "cancel": {"1"}}, nil)
		q := resp.Request.URL.Query()
		if resp.Request.URL.Path != "/auth/callback" || q.Get("error") != "access_denied" || q.Get("state") != f.state || q.Has("code") {
			t.Fatalf("after cancel at %s", resp.Request.URL)
		}
		// The request is gone: it can no longer be completed.
		if resp, _ := postForm(t, browser, login, url.Values{"id": {id}, "persona": {persona}}, nil); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("sign-in after cancel: status %d, want 400", resp.StatusCode)
		}
	})
	t.Run("CrossSitePost", func(t *testing.T) {
		browser := newBrowser(t)
		id, _, _ := idp.openLoginPage(t, browser, idp.authURL(newFlow()))
		header := http.Header{"Sec-Fetch-Site": {"cross-site"}, "Origin": {"http://evil.example"}}
		resp, body := postForm(t, noRedirect(browser), login, url.Values{"id": {id}, "persona": {persona}}, header)
		if resp.StatusCode != http.StatusForbidden || resp.Header.Get("Location") != "" {
			t.Fatalf("cross-site post: status %d, Location %q, want 403", resp.StatusCode, resp.Header.Get("Location"))
		}
		if !strings.Contains(body, `<html lang="fr">`) {
			t.Errorf("refusal page is not the French page: %s", body)
		}
		// The genuine page still works.
		resp, _ = postForm(t, browser, login, url.Values{"id": {id}, "persona": {persona}}, nil)
		if !resp.Request.URL.Query().Has("code") {
			t.Errorf("genuine sign-in after a refused cross-site post ended at %s", resp.Request.URL)
		}
	})
	t.Run("OtherBrowser", func(t *testing.T) {
		id, _, _ := idp.openLoginPage(t, newBrowser(t), idp.authURL(newFlow()))
		resp, _ := postForm(t, noRedirect(newBrowser(t)), login, url.Values{"id": {id}, "persona": {persona}}, nil)
		if resp.StatusCode != http.StatusForbidden || resp.Header.Get("Location") != "" {
			t.Fatalf("post from another browser: status %d, Location %q, want 403", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
	t.Run("RequestUsedTwice", func(t *testing.T) {
		browser := newBrowser(t)
		id, _, _ := idp.openLoginPage(t, browser, idp.authURL(newFlow()))
		if resp, _ := postForm(t, browser, login, url.Values{"id": {id}, "persona": {persona}}, nil); !resp.Request.URL.Query().Has("code") {
			t.Fatalf("first sign-in ended at %s", resp.Request.URL)
		}
		resp, _ := postForm(t, noRedirect(browser), login, url.Values{"id": {id}, "persona": {persona}}, nil)
		if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Location") != "" {
			t.Fatalf("second sign-in: status %d, Location %q, want 400", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
	t.Run("UnknownPersona", func(t *testing.T) {
		browser := newBrowser(t)
		id, _, _ := idp.openLoginPage(t, browser, idp.authURL(newFlow()))
		if resp, _ := postForm(t, noRedirect(browser), login, url.Values{"id": {id}, "persona": {"persona-inconnue"}}, nil); resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("unknown persona: status %d, want 400", resp.StatusCode)
		}
	})
	t.Run("UnknownRequest", func(t *testing.T) {
		resp, body := get(t, newBrowser(t), login+"?id=inconnue")
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "expiré") {
			t.Fatalf("unknown request: status %d: %s", resp.StatusCode, body)
		}
	})
	t.Run("ExpiredRequest", func(t *testing.T) {
		browser := newBrowser(t)
		resp, _ := get(t, noRedirect(browser), idp.authURL(newFlow()))
		loginURL := resp.Header.Get("Location")
		idp.clock.Advance(authRequestLifetime + time.Second)
		resp, body := get(t, browser, loginURL)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "expiré") {
			t.Fatalf("expired request: status %d: %s", resp.StatusCode, body)
		}
	})
}

// TestTokenRefusals: the token endpoint checks the client, the code and the PKCE verifier.
func TestTokenRefusals(t *testing.T) {
	ctx := t.Context()
	idp := MustStartIdP(t, ctx)
	persona := testPersonas[0].Subject
	wantOAuthError := func(t *testing.T, err error, want string) {
		t.Helper()
		var re *oauth2.RetrieveError
		if !errors.As(err, &re) {
			t.Fatalf("exchange error = %v, want OAuth error %q", err, want)
		}
		if got := re.ErrorCode; got != want {
			t.Fatalf("exchange error = %q, want %q", got, want)
		}
	}

	t.Run("WrongClientSecret", func(t *testing.T) {
		f := newFlow()
		code := idp.signIn(t, f, persona)
		wrong := idp.oauth
		wrong.ClientSecret = "mauvais-secret"
		_, err := wrong.Exchange(ctx, code, oauth2.VerifierOption(f.verifier))
		wantOAuthError(t, err, "invalid_client")
		// A refused client does not burn the code of the real one.
		if _, err := idp.exchange(ctx, f, code); err != nil {
			t.Errorf("exchange by the real client after a refused one: %v", err)
		}
	})
	t.Run("CodeReplay", func(t *testing.T) {
		f := newFlow()
		code := idp.signIn(t, f, persona)
		tok, err := idp.exchange(ctx, f, code)
		if err != nil {
			t.Fatal(err)
		}
		_, err = idp.exchange(ctx, f, code)
		wantOAuthError(t, err, "invalid_grant")
		// The replay revokes what the code gave (RFC 6749 §4.1.2).
		if resp, _ := idp.userinfo(t, tok.AccessToken); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("userinfo after replay: status %d, want 401", resp.StatusCode)
		}
	})
	t.Run("WrongVerifier", func(t *testing.T) {
		f := newFlow()
		code := idp.signIn(t, f, persona)
		_, err := idp.oauth.Exchange(ctx, code, oauth2.VerifierOption(oauth2.GenerateVerifier()))
		wantOAuthError(t, err, "invalid_grant")
	})
	t.Run("ExpiredCode", func(t *testing.T) {
		f := newFlow()
		code := idp.signIn(t, f, persona)
		idp.clock.Advance(codeLifetime + time.Second)
		_, err := idp.exchange(ctx, f, code)
		wantOAuthError(t, err, "invalid_grant")
	})
	t.Run("ExpiredAccessToken", func(t *testing.T) {
		f := newFlow()
		tok, err := idp.exchange(ctx, f, idp.signIn(t, f, persona))
		if err != nil {
			t.Fatal(err)
		}
		idp.clock.Advance(accessTokenLifetime + time.Second)
		if resp, _ := idp.userinfo(t, tok.AccessToken); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("userinfo with an expired token: status %d, want 401", resp.StatusCode)
		}
	})
	t.Run("ForgedAccessToken", func(t *testing.T) {
		if resp, _ := idp.userinfo(t, "jeton-invente"); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("userinfo with a forged token: status %d, want 401", resp.StatusCode)
		}
	})
}

// TestEndSessionRefusals: end_session redirects only to a registered post-logout URI.
func TestEndSessionRefusals(t *testing.T) {
	ctx := t.Context()
	idp := MustStartIdP(t, ctx)
	f := newFlow()
	tok, err := idp.exchange(ctx, f, idp.signIn(t, f, testPersonas[0].Subject))
	if err != nil {
		t.Fatal(err)
	}
	rawID, _ := tok.Extra("id_token").(string)
	endSession := idp.cfg.Issuer + "/end_session?"

	q := url.Values{"id_token_hint": {rawID}, "post_logout_redirect_uri": {"http://evil.example/"}, "state": {"x"}}
	resp, _ := get(t, noRedirect(http.DefaultClient), endSession+q.Encode())
	if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Location") != "" {
		t.Errorf("unregistered post_logout_redirect_uri: status %d, Location %q, want 400", resp.StatusCode, resp.Header.Get("Location"))
	}

	// A hint this process cannot verify (signed before a restart) is dropped; the registered
	// post-logout URI still applies, an unregistered one is still refused.
	for _, tc := range []struct {
		name, uri    string
		wantStatus   int
		wantLocation string
	}{
		{"UnverifiableHintRegisteredURI", idp.cfg.PostLogoutRedirectURIs[0], http.StatusFound, idp.cfg.PostLogoutRedirectURIs[0] + "?state=x"},
		{"UnverifiableHintUnregisteredURI", "http://evil.example/", http.StatusBadRequest, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			header, _, _ := strings.Cut(rawID, ".")
			forged := header + ".eyJzdWIiOiJ4In0.c2lnbmF0dXJl"
			q := url.Values{"id_token_hint": {forged}, "post_logout_redirect_uri": {tc.uri}, "state": {"x"}}
			resp, _ := get(t, noRedirect(http.DefaultClient), endSession+q.Encode())
			if got, want := resp.StatusCode, tc.wantStatus; got != want {
				t.Fatalf("status %d, want %d", got, want)
			}
			if got, want := resp.Header.Get("Location"), tc.wantLocation; got != want {
				t.Errorf("Location = %q, want %q", got, want)
			}
		})
	}

	// Without id_token_hint nor client_id the URI cannot be checked: the provider's own page.
	q = url.Values{"post_logout_redirect_uri": {"http://evil.example/"}, "state": {"x"}}
	resp, body := get(t, http.DefaultClient, endSession+q.Encode())
	if got, want := resp.Request.URL.Path, "/devidp/logged-out"; got != want || resp.StatusCode != http.StatusOK {
		t.Fatalf("end_session without hint ended at %s (status %d)", resp.Request.URL, resp.StatusCode)
	}
	if !strings.Contains(body, "Vous êtes déconnecté") {
		t.Errorf("signed-out page: %s", body)
	}
}

func TestNewRefuses(t *testing.T) {
	valid := func() Config {
		return Config{
			Issuer:       "http://127.0.0.1:8080/devidp",
			ClientID:     "passerelles",
			ClientSecret: "secret",
			RedirectURIs: []string{"http://127.0.0.1:8080/auth/callback"},
			Personas:     testPersonas,
			SigningKey:   testKey(),
			Logger:       slog.New(slog.DiscardHandler),
		}
	}
	if _, err := New(valid()); err != nil {
		t.Fatalf("valid configuration refused: %v", err)
	}
	smallKey, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		change  func(*Config)
		wantErr string
	}{
		{"Production", func(c *Config) { c.Production = true }, "the development identity provider cannot run in production"},
		{"NoIssuer", func(c *Config) { c.Issuer = "" }, "devidp: issuer required"},
		{"RelativeIssuer", func(c *Config) { c.Issuer = "/devidp" }, "not an absolute http(s) URL"},
		{"IssuerWithSlash", func(c *Config) { c.Issuer += "/" }, "must not end with a slash"},
		{"IssuerWithQuery", func(c *Config) { c.Issuer += "?a=b" }, "must not carry a query"},
		{"NoSecret", func(c *Config) { c.ClientSecret = "" }, "client id and secret required"},
		{"NoRedirectURI", func(c *Config) { c.RedirectURIs = nil }, "at least one redirect URI"},
		{"RelativeRedirectURI", func(c *Config) { c.RedirectURIs = []string{"/auth/callback"} }, "is not an absolute http(s) URL"},
		{"RelativePostLogoutURI", func(c *Config) { c.PostLogoutRedirectURIs = []string{"/"} }, "is not an absolute http(s) URL"},
		{"NoPersona", func(c *Config) { c.Personas = nil }, "at least one persona"},
		{"DuplicatePersona", func(c *Config) { c.Personas = []Persona{testPersonas[0], testPersonas[0]} }, "listed twice"},
		{"SubjectWithColon", func(c *Config) { p := testPersonas[0]; p.Subject = "a:b"; c.Personas = []Persona{p} }, "without spaces or colons"},
		{"PersonaWithoutLabel", func(c *Config) { p := testPersonas[0]; p.Label = ""; c.Personas = []Persona{p} }, "name and label required"},
		{"ShortKey", func(c *Config) { c.SigningKey = smallKey }, "shorter than 2048 bits"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := valid()
			tc.change(&cfg)
			h, err := New(cfg)
			if err == nil || h != nil {
				t.Fatalf("New = %v, %v; want an error", h, err)
			}
			if !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error = %q, want %q", err, tc.wantErr)
			}
		})
	}
}

// TestKeyRotation: after a rotation, new tokens carry the new key id, and tokens signed with
// the previous key still verify.
func TestKeyRotation(t *testing.T) {
	ctx := t.Context()
	idp := MustStartIdP(t, ctx)
	verifier := idp.provider.Verifier(&oidc.Config{ClientID: idp.cfg.ClientID})
	idToken := func() (string, string) {
		f := newFlow()
		tok, err := idp.exchange(ctx, f, idp.signIn(t, f, testPersonas[0].Subject))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := tok.Extra("id_token").(string)
		var header struct {
			Kid string `json:"kid"`
		}
		if err := decodeJWTHeader(raw, &header); err != nil {
			t.Fatal(err)
		}
		return raw, header.Kid
	}
	before, kidBefore := idToken()
	newKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	if err := idp.server.store.rotateKey(newKey); err != nil {
		t.Fatal(err)
	}
	after, kidAfter := idToken()
	if kidBefore == kidAfter {
		t.Fatalf("key id unchanged by rotation: %q", kidAfter)
	}
	for name, raw := range map[string]string{"before": before, "after": after} {
		if _, err := verifier.Verify(ctx, raw); err != nil {
			t.Errorf("token signed %s the rotation: %v", name, err)
		}
	}
}

func decodeJWTHeader(raw string, v any) error {
	header, _, ok := strings.Cut(raw, ".")
	if !ok {
		return errors.New("not a JWT")
	}
	b, err := base64.RawURLEncoding.DecodeString(header)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// TestConcurrentExchanges: of many simultaneous exchanges of one code, exactly one gets
// tokens, while the exchanges of other sign-ins go through in parallel.
func TestConcurrentExchanges(t *testing.T) {
	ctx := t.Context()
	idp := MustStartIdP(t, ctx)
	const n = 8
	f := newFlow()
	code := idp.signIn(t, f, testPersonas[0].Subject)
	others := make([]flow, n)
	otherCodes := make([]string, n)
	for i := range others {
		others[i] = newFlow()
		otherCodes[i] = idp.signIn(t, others[i], testPersonas[1].Subject)
	}
	var wg sync.WaitGroup
	same := make(chan error, n)
	distinct := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			_, err := idp.exchange(ctx, f, code)
			same <- err
		})
		wg.Go(func() {
			_, err := idp.exchange(ctx, others[i], otherCodes[i])
			distinct <- err
		})
	}
	wg.Wait()
	close(same)
	close(distinct)
	successes := 0
	for err := range same {
		if err == nil {
			successes++
		}
	}
	if successes != 1 {
		t.Errorf("%d exchanges of one code succeeded, want 1", successes)
	}
	for err := range distinct {
		if err != nil {
			t.Errorf("exchange of a distinct code: %v", err)
		}
	}
}

// A flood of authorization requests keeps at most maxAuthRequests of them, and the sign-in
// that follows still works.
func TestAuthRequestsBounded(t *testing.T) {
	idp := MustStartIdP(t, t.Context())
	client := noRedirect(newBrowser(t))
	for range maxAuthRequests + 100 {
		resp, body := get(t, client, idp.authURL(newFlow()))
		if resp.StatusCode != http.StatusFound {
			t.Fatalf("authorize: status %d: %s", resp.StatusCode, body)
		}
	}
	idp.server.store.mu.Lock()
	n := len(idp.server.store.authRequests)
	idp.server.store.mu.Unlock()
	if n > maxAuthRequests {
		t.Fatalf("%d authorization requests kept, want at most %d", n, maxAuthRequests)
	}
	f := newFlow()
	if _, err := idp.exchange(t.Context(), f, idp.signIn(t, f, "persona-agent-travail")); err != nil {
		t.Fatalf("sign-in after the flood: %v", err)
	}
}
