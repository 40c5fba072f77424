package auth

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"passerelles"
	"passerelles/sqlite"
)

// The relying party (auth.go) against the hostile provider of hostileop_test.go: every
// answer a correct provider never gives must end on a French error page, with no session
// cookie and no session row.

// rpHarness is the relying party under test: RelyingParty on a fresh SQLite file, served on a small
// mux (login, callback, logout, and /whoami behind WithSession), facing a hostile provider.
type rpHarness struct {
	op     *hostileProvider
	app    *httptest.Server
	auth   *RelyingParty
	cfg    Config
	db     *sqlite.DB
	svc    passerelles.Services
	dbPath string
	logs   *testLogBuffer
}

// mustStartRP starts a provider playing sc and the relying party that trusts it.
func mustStartRP(tb testing.TB, sc *hostileScenario) *rpHarness {
	tb.Helper()
	ctx := context.Background()
	h := &rpHarness{dbPath: filepath.Join(tb.TempDir(), "passerelles.db"), logs: &testLogBuffer{}}
	db := sqlite.NewDB(h.dbPath)
	if err := db.Open(ctx); err != nil {
		tb.Fatalf("open database: %v", err)
	}
	tb.Cleanup(func() { _ = db.Close() })
	h.db, h.svc = db, db.Services()

	mux := http.NewServeMux()
	h.app = httptest.NewUnstartedServer(mux)
	base := "http://" + h.app.Listener.Addr().String()
	h.op = newHostileProvider(tb, sc, base+"/auth/callback")
	h.cfg = Config{
		Issuer: h.op.Issuer(), ClientID: h.op.clientID, ClientSecret: h.op.clientSecret,
		RedirectURL: base + "/auth/callback", PostLogoutRedirectURL: base + "/",
		Scopes:      []string{"openid", "given_name", "usual_name", "email", "uid", "siret", "idp_id", "organization_label"},
		SessionIdle: 30 * time.Minute, SessionAbsolute: 8 * time.Hour,
	}
	if sc.Config != nil {
		sc.Config(&h.cfg)
	}
	a, err := New(ctx, h.cfg, h.svc.Sessions, h.svc.Users, h.svc.SignInStates, slog.New(slog.NewTextHandler(h.logs, nil)))
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	h.auth = a
	mux.HandleFunc("GET /auth/login", a.Login)
	mux.HandleFunc("GET /auth/callback", a.Callback)
	mux.HandleFunc("POST /auth/logout", a.Logout)
	mux.Handle("GET /whoami", a.WithSession(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := passerelles.UserFromContext(r.Context())
		if u == nil {
			http.Error(w, "anonyme", http.StatusUnauthorized)
			return
		}
		fmt.Fprint(w, u.AgentID)
	})))
	h.app.Start()
	tb.Cleanup(h.app.Close)
	tb.Cleanup(func() {
		if tb.Failed() {
			tb.Logf("relying party logs:\n%s", h.logs.String())
		}
	})
	return h
}

// sessionCount counts the rows of the sessions table, read through a connection of its own.
func (h *rpHarness) sessionCount(tb testing.TB) int {
	tb.Helper()
	db, err := sql.Open("sqlite3", "file:"+h.dbPath+"?mode=ro")
	if err != nil {
		tb.Fatalf("open database read-only: %v", err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM sessions`).Scan(&n); err != nil {
		tb.Fatalf("count sessions: %v", err)
	}
	return n
}

// rpResponse is a response with its body read.
type rpResponse struct {
	*http.Response
	Body string
}

// cookie returns the cookie the response sets under name, or nil.
func (r *rpResponse) cookie(name string) *http.Cookie {
	for _, c := range r.Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// loginCookie returns the sign-in cookie the response sets (one per attempt, named after
// a hash of its state), or nil.
func (r *rpResponse) loginCookie() *http.Cookie {
	for _, c := range r.Cookies() {
		if isLoginCookie(c.Name) {
			return c
		}
	}
	return nil
}

// isLoginCookie reports whether name is the name of a sign-in cookie.
func isLoginCookie(name string) bool {
	return strings.HasPrefix(strings.TrimPrefix(name, "__Host-"), "passerelles_login_")
}

// location returns the response's Location header, parsed.
func (r *rpResponse) location(tb testing.TB) *url.URL {
	tb.Helper()
	u, err := url.Parse(r.Header.Get("Location"))
	if err != nil || r.Header.Get("Location") == "" {
		tb.Fatalf("Location %q: %v", r.Header.Get("Location"), err)
	}
	return u
}

func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// rpBrowser is a browser with a cookie jar that stops at every redirect, so that the test
// drives each step (login, the provider's authorize URL, the callback) itself.
type rpBrowser struct {
	tb     testing.TB
	h      *rpHarness
	jar    *cookiejar.Jar
	client *http.Client
}

func (h *rpHarness) newBrowser(tb testing.TB) *rpBrowser {
	jar, err := cookiejar.New(nil)
	if err != nil {
		tb.Fatal(err)
	}
	return &rpBrowser{tb: tb, h: h, jar: jar, client: &http.Client{Jar: jar, CheckRedirect: noRedirect, Timeout: 10 * time.Second}}
}

// send does req with client and reads the response.
func (b *rpBrowser) send(client *http.Client, req *http.Request) *rpResponse {
	b.tb.Helper()
	res, err := client.Do(req)
	if err != nil {
		b.tb.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		b.tb.Fatalf("%s %s: read body: %v", req.Method, req.URL, err)
	}
	return &rpResponse{Response: res, Body: string(body)}
}

func (b *rpBrowser) get(u string) *rpResponse {
	b.tb.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		b.tb.Fatal(err)
	}
	return b.send(b.client, req)
}

// startLogin opens /auth/login?return_to=… and returns the provider's authorize URL it
// redirects to.
func (b *rpBrowser) startLogin(returnTo string) (*url.URL, *rpResponse) {
	b.tb.Helper()
	u := b.h.app.URL + "/auth/login"
	if returnTo != "" {
		u += "?" + url.Values{"return_to": {returnTo}}.Encode()
	}
	res := b.get(u)
	if res.StatusCode != http.StatusFound {
		b.tb.Fatalf("GET /auth/login: status %d, want 302", res.StatusCode)
	}
	loc := res.location(b.tb)
	if got, want := loc.Scheme+"://"+loc.Host+loc.Path, b.h.op.Issuer()+"/authorize"; got != want {
		b.tb.Fatalf("login redirects to %s, want the provider's authorize endpoint %s", got, want)
	}
	return loc, res
}

// authorize follows the authorize URL at the provider and returns the callback URL the
// provider sends the browser back to.
func (b *rpBrowser) authorize(u *url.URL) *url.URL {
	b.tb.Helper()
	res := b.get(u.String())
	if res.StatusCode != http.StatusFound {
		b.tb.Fatalf("GET authorize: status %d, want 302: %s", res.StatusCode, res.Body)
	}
	cb := res.location(b.tb)
	if got := cb.Scheme + "://" + cb.Host + cb.Path; got != b.h.cfg.RedirectURL {
		b.tb.Fatalf("provider redirects to %s, want %s", got, b.h.cfg.RedirectURL)
	}
	return cb
}

// attempt runs one sign-in as sc says: login, authorize, then the callback (its query
// edited by sc.Callback, sent without the login cookie when sc.NoLoginCookie). It returns
// the callback's response and the query sent.
func (b *rpBrowser) attempt(sc *hostileScenario, prior url.Values, returnTo string) (*rpResponse, url.Values) {
	b.tb.Helper()
	authURL, _ := b.startLogin(returnTo)
	cb := b.authorize(authURL)
	q := cb.Query()
	if sc != nil && sc.Callback != nil {
		sc.Callback(q, prior)
	}
	cb.RawQuery = q.Encode()
	client := b.client
	if sc != nil && sc.NoLoginCookie {
		client = &http.Client{CheckRedirect: noRedirect, Timeout: 10 * time.Second}
	}
	req, err := http.NewRequest(http.MethodGet, cb.String(), nil)
	if err != nil {
		b.tb.Fatal(err)
	}
	return b.send(client, req), q
}

// signIn signs in correctly and checks that the callback sends the browser to wantLocation
// with a session cookie. It returns the callback's query.
func (b *rpBrowser) signIn(returnTo, wantLocation string) url.Values {
	b.tb.Helper()
	res, q := b.attempt(nil, nil, returnTo)
	assertSignedIn(b.tb, res, wantLocation)
	return q
}

// whoami asks /whoami with the browser's cookies.
func (b *rpBrowser) whoami() *rpResponse {
	b.tb.Helper()
	return b.get(b.h.app.URL + "/whoami")
}

// whoamiWith asks /whoami with the one session cookie given, as another browser would.
func (h *rpHarness) whoamiWith(tb testing.TB, name, value string) *rpResponse {
	tb.Helper()
	req, err := http.NewRequest(http.MethodGet, h.app.URL+"/whoami", nil)
	if err != nil {
		tb.Fatal(err)
	}
	req.AddCookie(&http.Cookie{Name: name, Value: value})
	b := &rpBrowser{tb: tb, h: h}
	return b.send(&http.Client{CheckRedirect: noRedirect, Timeout: 10 * time.Second}, req)
}

// agentID returns the agent /whoami names, failing unless the browser is signed in.
func (b *rpBrowser) agentID() int64 {
	b.tb.Helper()
	res := b.whoami()
	if res.StatusCode != http.StatusOK {
		b.tb.Fatalf("GET /whoami: status %d, want 200 (signed in): %s", res.StatusCode, res.Body)
	}
	id, err := strconv.ParseInt(res.Body, 10, 64)
	if err != nil || id <= 0 {
		b.tb.Fatalf("GET /whoami: %q is not an agent id", res.Body)
	}
	return id
}

// sessionCookieValue returns the session cookie in the browser's jar, or "".
func (b *rpBrowser) sessionCookieValue() string {
	u, _ := url.Parse(b.h.app.URL)
	for _, c := range b.jar.Cookies(u) {
		if c.Name == "passerelles_session" {
			return c.Value
		}
	}
	return ""
}

// assertSignedIn checks a successful callback: a redirect to wantLocation that sets a
// session cookie and clears the login cookie.
func assertSignedIn(tb testing.TB, res *rpResponse, wantLocation string) {
	tb.Helper()
	if res.StatusCode != http.StatusFound {
		tb.Fatalf("callback: status %d, want 302 (signed in); page:\n%s", res.StatusCode, res.Body)
	}
	if got := res.Header.Get("Location"); got != wantLocation {
		tb.Errorf("callback redirects to %q, want %q", got, wantLocation)
	}
	if c := res.cookie("passerelles_session"); c == nil || c.Value == "" || c.MaxAge <= 0 {
		tb.Errorf("callback sets session cookie %v, want one", c)
	}
	if c := res.loginCookie(); c == nil || c.MaxAge >= 0 {
		tb.Errorf("callback leaves the login cookie (%v), want it cleared", c)
	}
}

// goErrorText is what a page must not show: Go or library error text, stack traces.
var goErrorText = regexp.MustCompile(`(?i)\b(error|err|failed|oidc|oauth2|jwt|jws|jose|mismatch|goroutine|panic|expected|unexpected|nonce|invalid_grant|invalid_client|verify)\b|\.go:\d+|%!|runtime\.`)

// assertRefusedPage checks a refused callback: a French HTML error page, status 400,
// without error text or anything the provider issued.
func assertRefusedPage(tb testing.TB, op *hostileProvider, res *rpResponse, wantText string) {
	tb.Helper()
	if res.StatusCode != http.StatusBadRequest {
		tb.Errorf("callback: status %d, want 400; Location %q; page:\n%s", res.StatusCode, res.Header.Get("Location"), res.Body)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		tb.Errorf("callback: Content-Type %q, want text/html", ct)
	}
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		tb.Errorf("callback: Cache-Control %q, want no-store", cc)
	}
	if !strings.Contains(res.Body, `<html lang="fr">`) {
		tb.Errorf("error page is not marked French:\n%s", res.Body)
	}
	if wantText == "" {
		wantText = "<h1>Connexion "
	}
	if !strings.Contains(res.Body, wantText) {
		tb.Errorf("error page lacks %q:\n%s", wantText, res.Body)
	}
	if m := goErrorText.FindString(res.Body); m != "" {
		tb.Errorf("error page shows %q, error text not for people:\n%s", m, res.Body)
	}
	for _, s := range op.issuedSecrets() {
		if strings.Contains(res.Body, s) {
			tb.Errorf("error page shows a code, token or secret the provider issued")
		}
	}
}

// assertNoSecretsLogged checks that the relying party logged none of the provider's codes,
// tokens or secrets, nor the agent's email.
func assertNoSecretsLogged(tb testing.TB, h *rpHarness) {
	tb.Helper()
	logs := h.logs.String()
	for _, s := range append(h.op.issuedSecrets(), hostileUserInfo()["email"].(string)) {
		if strings.Contains(logs, s) {
			tb.Errorf("logs hold a code, token, secret or email: %.20s…", s)
		}
	}
}

// idClaims returns a mutator that edits the id token's claims.
func idClaims(f func(op *hostileProvider, c map[string]any)) func(*hostileScenario) {
	return func(sc *hostileScenario) { sc.IDClaims = f }
}

// userInfoClaims returns a mutator that edits the userinfo claims, answered as a JWT when
// asJWT.
func userInfoClaims(asJWT bool, f func(c map[string]any)) func(*hostileScenario) {
	return func(sc *hostileScenario) { sc.UserInfoJWT, sc.UserInfoClaims = asJWT, f }
}

// wantClaimsParameter checks that the last authorize request asked for acr in values, as
// an essential claim of the id token.
func wantClaimsParameter(values ...string) func(tb testing.TB, h *rpHarness) {
	return func(tb testing.TB, h *rpHarness) {
		tb.Helper()
		reqs := h.op.AuthorizeRequests()
		raw := reqs[len(reqs)-1].Get("claims")
		var got any
		if err := json.Unmarshal([]byte(raw), &got); err != nil {
			tb.Fatalf("authorize claims parameter %q: %v", raw, err)
		}
		vs := make([]any, len(values))
		for i, v := range values {
			vs[i] = v
		}
		want := map[string]any{"id_token": map[string]any{"acr": map[string]any{"essential": true, "values": vs}}}
		if !reflect.DeepEqual(got, want) {
			tb.Errorf("authorize claims parameter = %s, want %v", raw, want)
		}
	}
}

// wantJWKSFetches checks how many times the relying party fetched the provider's keys.
func wantJWKSFetches(n int) func(tb testing.TB, h *rpHarness) {
	return func(tb testing.TB, h *rpHarness) {
		tb.Helper()
		if got := h.op.JWKSFetches(); got != n {
			tb.Errorf("JWKS fetched %d times, want %d", got, n)
		}
	}
}

func TestAuthHostileProvider(t *testing.T) {
	k := hostileKeys()
	now := time.Now()
	requireAgentPublic := func(c *Config) { c.RequiredRoles = []string{"agent_public"} }
	requireEIDAS2 := func(c *Config) { c.ACRValues = []string{"eidas2"} }
	tests := []struct {
		name        string
		mutate      func(*hostileScenario)
		wantSession bool
		wantText    string                            // on the error page, when refused
		check       func(tb testing.TB, h *rpHarness) // more to check after the callback
	}{
		{name: "ProConnect", wantSession: true, check: wantJWKSFetches(1)},
		{name: "UserinfoSignedJWT", mutate: func(sc *hostileScenario) { sc.UserInfoJWT = true }, wantSession: true},
		{name: "TwoAudiencesWithAuthorizedParty", wantSession: true, mutate: idClaims(func(op *hostileProvider, c map[string]any) {
			c["aud"], c["azp"] = []string{op.clientID, "autre-service"}, op.clientID
		})},

		{name: "StateMissing", mutate: func(sc *hostileScenario) { sc.Callback = func(q, _ url.Values) { q.Del("state") } }},
		{name: "StateWrong", mutate: func(sc *hostileScenario) {
			sc.Callback = func(q, _ url.Values) { q.Set("state", RandomString(32)) }
		}},
		{name: "StateAndCodeOfEarlierSignIn", mutate: func(sc *hostileScenario) {
			sc.PriorSignIn = true
			sc.Callback = func(q, prior url.Values) { q.Set("state", prior.Get("state")); q.Set("code", prior.Get("code")) }
		}},
		{name: "LoginCookieMissing", mutate: func(sc *hostileScenario) { sc.NoLoginCookie = true }, wantText: "Connexion expirée"},

		{name: "NonceWrong", mutate: idClaims(func(_ *hostileProvider, c map[string]any) { c["nonce"] = RandomString(32) })},
		{name: "NonceMissing", mutate: idClaims(func(_ *hostileProvider, c map[string]any) { delete(c, "nonce") })},
		{name: "IDTokenOfEarlierSignIn", mutate: func(sc *hostileScenario) {
			sc.PriorSignIn = true
			sc.IDToken = func(op *hostileProvider, _ map[string]any) string { return op.IDTokens()[0] }
		}},
		{name: "IssuerWrong", mutate: idClaims(func(_ *hostileProvider, c map[string]any) {
			c["iss"] = "https://auth.agentconnect.gouv.fr/api/v2"
		})},
		{name: "IssuerWithTrailingSlash", mutate: idClaims(func(op *hostileProvider, c map[string]any) { c["iss"] = op.Issuer() + "/" })},
		{name: "AudienceWrong", mutate: idClaims(func(_ *hostileProvider, c map[string]any) { c["aud"] = "autre-service" })},
		{name: "AudienceMissing", mutate: idClaims(func(_ *hostileProvider, c map[string]any) { delete(c, "aud") })},
		{name: "AuthorizedPartyWrongWithTwoAudiences", mutate: idClaims(func(op *hostileProvider, c map[string]any) {
			c["aud"], c["azp"] = []string{op.clientID, "autre-service"}, "autre-service"
		})},
		{name: "AuthorizedPartyMissingWithTwoAudiences", mutate: idClaims(func(op *hostileProvider, c map[string]any) {
			c["aud"] = []string{op.clientID, "autre-service"}
		})},

		{name: "SignedByAnotherKeyUnderSameKid", mutate: func(sc *hostileScenario) { sc.SignWith = k.Evil }},
		{name: "AlgNone", mutate: func(sc *hostileScenario) {
			sc.IDToken = func(_ *hostileProvider, c map[string]any) string { return unsignedJWT(c) }
		}},
		{name: "HS256WithClientSecret", mutate: func(sc *hostileScenario) {
			sc.IDToken = func(op *hostileProvider, c map[string]any) string { return hs256JWT(c, op.clientSecret, k.A.kid) }
		}},
		{name: "IDTokenMissing", mutate: func(sc *hostileScenario) {
			sc.IDToken = func(*hostileProvider, map[string]any) string { return "" }
		}},
		{name: "UnknownKidAfterRefetch", mutate: func(sc *hostileScenario) { sc.PriorSignIn, sc.SignWith = true, k.Unknown },
			check: wantJWKSFetches(2)},
		{name: "KeyRotation", wantSession: true, check: wantJWKSFetches(2), mutate: func(sc *hostileScenario) {
			sc.PriorSignIn, sc.JWKS, sc.SignWith = true, []hostileKey{k.A, k.B}, k.B
		}},

		{name: "Expired", mutate: idClaims(func(_ *hostileProvider, c map[string]any) {
			c["exp"], c["iat"] = now.Add(-time.Minute).Unix(), now.Add(-10*time.Minute).Unix()
		})},
		{name: "ExpiryMissing", mutate: idClaims(func(_ *hostileProvider, c map[string]any) { delete(c, "exp") })},
		{name: "NotBeforeInOneHour", mutate: idClaims(func(_ *hostileProvider, c map[string]any) { c["nbf"] = now.Add(time.Hour).Unix() })},
		{name: "SubjectMissing", wantText: "<h1>Connexion refusée", mutate: func(sc *hostileScenario) {
			sc.IDClaims = func(_ *hostileProvider, c map[string]any) { delete(c, "sub") }
			sc.UserInfoClaims = func(c map[string]any) { delete(c, "sub") }
		}},
		{name: "SubjectEmpty", wantText: "<h1>Connexion refusée", mutate: func(sc *hostileScenario) {
			sc.IDClaims = func(_ *hostileProvider, c map[string]any) { c["sub"] = "" }
			sc.UserInfoClaims = func(c map[string]any) { c["sub"] = "" }
		}},
		{name: "GivenNameTooLong", mutate: userInfoClaims(false, func(c map[string]any) { c["given_name"] = strings.Repeat("Anne-Sophie ", 100) })},
		{name: "IssuedAtMissing", mutate: idClaims(func(_ *hostileProvider, c map[string]any) { delete(c, "iat") })},
		{name: "IssuedAtInTheFuture", mutate: idClaims(func(_ *hostileProvider, c map[string]any) { c["iat"] = time.Now().Add(time.Hour).Unix() })},

		{name: "UserinfoSubjectDiffers", mutate: userInfoClaims(false, func(c map[string]any) { c["sub"] = "0b7c2d5e-autre-agent" })},
		{name: "UserinfoSubjectMissing", mutate: userInfoClaims(false, func(c map[string]any) { delete(c, "sub") })},
		{name: "UserinfoJWTSubjectDiffers", mutate: userInfoClaims(true, func(c map[string]any) { c["sub"] = "0b7c2d5e-autre-agent" })},
		{name: "UserinfoJWTIssuerDiffers", mutate: userInfoClaims(true, func(c map[string]any) { c["iss"] = "https://evil.example" })},
		{name: "UserinfoJWTAudienceDiffers", mutate: userInfoClaims(true, func(c map[string]any) { c["aud"] = "another-client" })},
		{name: "UserinfoJWTWithIssuerAndAudience", mutate: func(sc *hostileScenario) {
			sc.UserInfoJWT = true
			sc.UserInfoClaims = func(c map[string]any) { c["aud"] = []string{"passerelles-test", "other"} }
		}, wantSession: true},
		{name: "UserinfoJWTBadSignature", mutate: func(sc *hostileScenario) { sc.UserInfoJWT, sc.UserInfoSignWith = true, &k.Evil }},
		{name: "UserinfoJWTAlgNone", mutate: func(sc *hostileScenario) {
			sc.UserInfoJWT = true
			sc.UserInfoToken = func(_ *hostileProvider, c map[string]any) string { return unsignedJWT(c) }
		}},
		{name: "UserinfoJWTHS256WithClientSecret", mutate: func(sc *hostileScenario) {
			sc.UserInfoJWT = true
			sc.UserInfoToken = func(op *hostileProvider, c map[string]any) string { return hs256JWT(c, op.clientSecret, k.A.kid) }
		}},

		{name: "CodeReplayedAtTokenEndpoint", wantText: "Connexion expirée", mutate: func(sc *hostileScenario) {
			sc.PriorSignIn = true
			sc.Callback = func(q, prior url.Values) { q.Set("code", prior.Get("code")) }
		}, check: func(tb testing.TB, h *rpHarness) {
			reqs := h.op.TokenRequests()
			last := reqs[len(reqs)-1]
			if last.Status != http.StatusBadRequest || last.Form.Get("code") != reqs[0].Form.Get("code") {
				tb.Errorf("last token request: code replayed %v, status %d; want the first code, refused with 400",
					last.Form.Get("code") == reqs[0].Form.Get("code"), last.Status)
			}
		}},
		{name: "ProviderAccessDenied", wantText: "annulée ou refusée", mutate: func(sc *hostileScenario) { sc.AuthorizeError = "access_denied" },
			check: func(tb testing.TB, h *rpHarness) {
				if n := len(h.op.TokenRequests()); n != 0 {
					tb.Errorf("%d token requests after access_denied, want none", n)
				}
			}},

		{name: "RequiredRoleMissing", wantText: "réservé aux agents publics", mutate: func(sc *hostileScenario) {
			sc.Config = requireAgentPublic
			sc.UserInfoClaims = func(c map[string]any) { c["roles"] = []string{"autre"} }
		}},
		{name: "RequiredRoleClaimAbsent", wantText: "réservé aux agents publics", mutate: func(sc *hostileScenario) {
			sc.Config = requireAgentPublic
			sc.UserInfoClaims = func(c map[string]any) { delete(c, "roles") }
		}},
		{name: "RequiredRolePresent", wantSession: true, mutate: func(sc *hostileScenario) { sc.Config = requireAgentPublic }},

		{name: "ACRInsufficient", wantText: "authentification insuffisant", check: wantClaimsParameter("eidas2"),
			mutate: func(sc *hostileScenario) { sc.Config = requireEIDAS2 }},
		{name: "ACRMissing", wantText: "authentification insuffisant", check: wantClaimsParameter("eidas2"),
			mutate: func(sc *hostileScenario) {
				sc.Config = requireEIDAS2
				sc.IDClaims = func(_ *hostileProvider, c map[string]any) { delete(c, "acr") }
			}},
		{name: "ACRSatisfied", wantSession: true, check: wantClaimsParameter("eidas2"), mutate: func(sc *hostileScenario) {
			sc.Config = requireEIDAS2
			sc.IDClaims = func(_ *hostileProvider, c map[string]any) { c["acr"] = "eidas2" }
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sc := newHostileScenario()
			if tt.mutate != nil {
				tt.mutate(sc)
			}
			h := mustStartRP(t, sc)
			var prior url.Values
			if sc.PriorSignIn {
				h.op.setScenario(sc.prior())
				prior = h.newBrowser(t).signIn("", "/")
				h.op.setScenario(sc)
			}
			before := h.sessionCount(t)
			b := h.newBrowser(t)
			res, _ := b.attempt(sc, prior, "")

			if tt.wantSession {
				assertSignedIn(t, res, "/")
				if got, want := h.sessionCount(t), before+1; got != want {
					t.Errorf("sessions: %d rows, want %d", got, want)
				}
				b.agentID()
			} else {
				assertRefusedPage(t, h.op, res, tt.wantText)
				if c := res.cookie("passerelles_session"); c != nil && c.Value != "" {
					t.Errorf("refused callback sets a session cookie")
				}
				if v := b.sessionCookieValue(); v != "" {
					t.Errorf("browser holds a session cookie after a refused sign-in")
				}
				if got := h.sessionCount(t); got != before {
					t.Errorf("sessions: %d rows after a refused sign-in, want %d", got, before)
				}
				if res := b.whoami(); res.StatusCode != http.StatusUnauthorized {
					t.Errorf("GET /whoami after a refused sign-in: status %d, want 401", res.StatusCode)
				}
			}
			if tt.check != nil {
				tt.check(t, h)
			}
			assertNoSecretsLogged(t, h)
		})
	}
}

func TestAuthSignInProConnect(t *testing.T) {
	ctx := context.Background()
	h := mustStartRP(t, newHostileScenario())
	b := h.newBrowser(t)

	_, login := b.startLogin("/referentiels/pix")
	if cc := login.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		t.Errorf("login: Cache-Control %q, want no-store", cc)
	}
	lc := login.loginCookie()
	if lc == nil || lc.Value == "" || !lc.HttpOnly || lc.SameSite != http.SameSiteLaxMode || lc.Path != "/" || lc.MaxAge <= 0 || lc.MaxAge > 3600 {
		t.Errorf("login cookie %+v, want HttpOnly, SameSite=Lax, Path=/, short-lived", lc)
	}

	b = h.newBrowser(t)
	b.signIn("/referentiels/pix", "/referentiels/pix")
	id := b.agentID()
	if got := h.sessionCount(t); got != 1 {
		t.Errorf("sessions: %d rows, want 1", got)
	}

	authz := h.op.AuthorizeRequests()[0]
	if !slices.Contains(strings.Fields(authz.Get("scope")), "openid") {
		t.Errorf("authorize scope %q, want openid", authz.Get("scope"))
	}
	if authz.Get("response_type") != "code" || authz.Get("client_id") != h.cfg.ClientID || authz.Get("redirect_uri") != h.cfg.RedirectURL {
		t.Errorf("authorize request %v, want response_type=code, client_id, redirect_uri", authz)
	}
	if authz.Has("claims") {
		t.Errorf("claims parameter sent without ACRValues configured: %q", authz.Get("claims"))
	}
	tr := h.op.TokenRequests()
	if len(tr) != 1 || tr[0].ClientAuth == "" || tr[0].Status != http.StatusOK {
		t.Errorf("token requests %+v, want one, client authenticated, answered 200", tr)
	}

	m, err := h.svc.Users.FindUser(ctx, id)
	if err != nil {
		t.Fatalf("FindUser(%d): %v", id, err)
	}
	ui := hostileUserInfo()
	got := *m.Agent
	for _, f := range []struct{ name, got, want string }{
		{"Issuer", got.Issuer, h.op.Issuer()}, {"Subject", got.Subject, hostileSubject},
		{"GivenName", got.GivenName, ui["given_name"].(string)}, {"UsualName", got.UsualName, ui["usual_name"].(string)},
		{"Email", got.Email, ui["email"].(string)}, {"UID", got.UID, ui["uid"].(string)}, {"Siret", got.Siret, ui["siret"].(string)},
		{"IdpID", got.IdpID, ui["idp_id"].(string)}, {"OrganisationLabel", got.OrganisationLabel, ui["organization_label"].(string)},
	} {
		if f.got != f.want {
			t.Errorf("agent %s = %q, want %q", f.name, f.got, f.want)
		}
	}
	if len(m.AccessRoles) != 1 || m.AccessRoles[0] != passerelles.AccessAgent {
		t.Errorf("roles %v, want [AGENT]", m.AccessRoles)
	}
	assertNoSecretsLogged(t, h)
}

// Agents are keyed by (issuer, sub): a changed email updates the same agent; the same email
// under another subject is another agent.
func TestAuthAgentKeyedBySubject(t *testing.T) {
	ctx := context.Background()
	sc := newHostileScenario()
	h := mustStartRP(t, sc)
	b := h.newBrowser(t)
	b.signIn("", "/")
	first := b.agentID()

	h.op.setScenario(&hostileScenario{JWKS: sc.JWKS, SignWith: sc.SignWith,
		UserInfoClaims: func(c map[string]any) {
			c["email"], c["usual_name"] = "as.leguennec@travail.gouv.fr", "Le Guénnec-Martin"
		}})
	b.signIn("", "/")
	if got := b.agentID(); got != first {
		t.Errorf("after an email change, agent %d, want the same agent %d", got, first)
	}
	m, err := h.svc.Users.FindUser(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	if m.Agent.Email != "as.leguennec@travail.gouv.fr" || m.Agent.UsualName != "Le Guénnec-Martin" {
		t.Errorf("agent after re-sign-in: email %q, usual name %q; want the provider's new values", m.Agent.Email, m.Agent.UsualName)
	}

	const other = "a1e0f9c4-autre-agent"
	h.op.setScenario(&hostileScenario{JWKS: sc.JWKS, SignWith: sc.SignWith,
		IDClaims:       func(_ *hostileProvider, c map[string]any) { c["sub"] = other },
		UserInfoClaims: func(c map[string]any) { c["sub"], c["email"] = other, "as.leguennec@travail.gouv.fr" }})
	b2 := h.newBrowser(t)
	b2.signIn("", "/")
	if got := b2.agentID(); got == first {
		t.Errorf("another subject with the same email signed in as agent %d, want a new agent", got)
	}
}

func TestLoginReturnTo(t *testing.T) {
	h := mustStartRP(t, newHostileScenario())
	for _, tt := range []struct{ returnTo, want string }{
		{"/referentiels/pix", "/referentiels/pix"},
		{"/referentiels/pix?onglet=competences", "/referentiels/pix?onglet=competences"},
		{"", "/"},
		{"//evil.example", "/"},
		{"//evil.example/referentiels", "/"},
		{"https://evil.example", "/"},
		{"https://evil.example/referentiels/pix", "/"},
		{`/\evil.example`, "/"},
		{`/./\evil.example/x`, "/"},
		{`/x/../\evil.example`, "/"},
		{"/./%5Cevil.example/x", "/"},
		{"/x/..//evil.example", "/evil.example"}, // cleaned into a local path
		{"javascript:alert(1)", "/"},
		{"referentiels/pix", "/"},
		{"/\t/evil.example", "/"},
	} {
		t.Run(tt.returnTo, func(t *testing.T) {
			h.newBrowser(t).signIn(tt.returnTo, tt.want)
		})
	}
}

// A callback answered once cannot be answered again, neither by the same browser nor after
// a new login.
func TestCallbackStateReplayed(t *testing.T) {
	h := mustStartRP(t, newHostileScenario())
	b := h.newBrowser(t)
	authURL, login := b.startLogin("")
	lc := login.loginCookie()
	cb := b.authorize(authURL)
	first := b.send(b.client, mustRequest(t, http.MethodGet, cb.String()))
	assertSignedIn(t, first, "/")
	cookie := b.sessionCookieValue()

	// The same callback with the login cookie it had (kept by a browser that ignored the
	// clearing, or captured): the login attempt served once already.
	req := mustRequest(t, http.MethodGet, cb.String())
	req.AddCookie(&http.Cookie{Name: lc.Name, Value: lc.Value})
	withCookie := b.send(&http.Client{CheckRedirect: noRedirect, Timeout: 10 * time.Second}, req)
	assertRefusedPage(t, h.op, withCookie, "")
	if c := withCookie.cookie("passerelles_session"); c != nil && c.Value != "" {
		t.Errorf("replayed callback with its login cookie sets a session cookie")
	}

	replay := b.send(b.client, mustRequest(t, http.MethodGet, cb.String()))
	assertRefusedPage(t, h.op, replay, "")
	if c := replay.cookie("passerelles_session"); c != nil && c.Value != "" {
		t.Errorf("replayed callback sets a session cookie")
	}
	if got := h.sessionCount(t); got != 1 {
		t.Errorf("sessions: %d rows after a replay, want 1", got)
	}
	if got := b.sessionCookieValue(); got != cookie {
		t.Errorf("replayed callback changed the session cookie")
	}

	b.startLogin("") // a fresh login cookie, then the old callback
	again := b.send(b.client, mustRequest(t, http.MethodGet, cb.String()))
	assertRefusedPage(t, h.op, again, "")
	if got := h.sessionCount(t); got != 1 {
		t.Errorf("sessions: %d rows after a replay with a new login, want 1", got)
	}
	if n := len(h.op.TokenRequests()); n != 1 {
		t.Errorf("%d token requests, want 1: replays must not reach the token endpoint", n)
	}
}

func mustRequest(tb testing.TB, method, u string) *http.Request {
	tb.Helper()
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return req
}

func TestLoginStateAndNonce(t *testing.T) {
	h := mustStartRP(t, newHostileScenario())
	b := h.newBrowser(t)
	u1, _ := b.startLogin("")
	u2, _ := b.startLogin("")
	q1, q2 := u1.Query(), u2.Query()
	for _, q := range []url.Values{q1, q2} {
		for _, p := range []string{"state", "nonce"} {
			if v := q.Get(p); len(v) < 32 {
				t.Errorf("%s %q: %d characters, want at least 32", p, v, len(v))
			}
		}
		if q.Get("state") == q.Get("nonce") {
			t.Errorf("state and nonce are equal: %q", q.Get("state"))
		}
	}
	if q1.Get("state") == q2.Get("state") {
		t.Errorf("two logins share the state %q", q1.Get("state"))
	}
	if q1.Get("nonce") == q2.Get("nonce") {
		t.Errorf("two logins share the nonce %q", q1.Get("nonce"))
	}
}

func TestLoginPKCE(t *testing.T) {
	t.Run("Advertised", func(t *testing.T) {
		sc := newHostileScenario()
		sc.AdvertisePKCE = true
		h := mustStartRP(t, sc)
		b := h.newBrowser(t)
		b.signIn("", "/")
		authz := h.op.AuthorizeRequests()[0]
		challenge := authz.Get("code_challenge")
		if got := authz.Get("code_challenge_method"); got != "S256" {
			t.Errorf("code_challenge_method %q, want S256", got)
		}
		if len(challenge) != 43 {
			t.Errorf("code_challenge %q, want 43 characters (base64url SHA-256)", challenge)
		}
		tr := h.op.TokenRequests()
		if len(tr) != 1 {
			t.Fatalf("%d token requests, want 1", len(tr))
		}
		verifier := tr[0].Form.Get("code_verifier")
		if len(verifier) < 43 || len(verifier) > 128 {
			t.Errorf("code_verifier of %d characters, want 43 to 128", len(verifier))
		}
		if got := pkceS256(verifier); got != challenge {
			t.Errorf("S256(code_verifier) = %q, want the challenge %q", got, challenge)
		}
		b.agentID()
	})
	t.Run("NotAdvertised", func(t *testing.T) { // ProConnect
		h := mustStartRP(t, newHostileScenario())
		b := h.newBrowser(t)
		b.signIn("", "/")
		authz := h.op.AuthorizeRequests()[0]
		if authz.Has("code_challenge") || authz.Has("code_challenge_method") {
			t.Errorf("authorize request carries PKCE (%q, %q) though the provider does not advertise it",
				authz.Get("code_challenge"), authz.Get("code_challenge_method"))
		}
		if tr := h.op.TokenRequests(); len(tr) != 1 || tr[0].Form.Has("code_verifier") {
			t.Errorf("token requests %+v, want one without code_verifier", tr)
		}
	})
}

// The session id changes at sign-in, and the session the browser had before ends.
func TestCallbackNewSessionID(t *testing.T) {
	h := mustStartRP(t, newHostileScenario())
	b := h.newBrowser(t)
	b.signIn("", "/")
	first := b.sessionCookieValue()
	agent := b.agentID()

	b.signIn("", "/")
	second := b.sessionCookieValue()
	if first == "" || second == "" || first == second {
		t.Fatalf("session cookies %q then %q, want two different values", first, second)
	}
	old := h.whoamiWith(t, "passerelles_session", first)
	if old.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET /whoami with the first session: status %d, want 401", old.StatusCode)
	}
	if old.Header.Get("X-Session-Expired") == "" {
		t.Errorf("GET /whoami with an ended session: no X-Session-Expired header")
	}
	if got := b.agentID(); got != agent {
		t.Errorf("second session is agent %d, want %d", got, agent)
	}
	if got := h.sessionCount(t); got != 1 {
		t.Errorf("sessions: %d rows, want 1", got)
	}
}

func TestLogout(t *testing.T) {
	h := mustStartRP(t, newHostileScenario())
	b := h.newBrowser(t)
	b.signIn("", "/")
	token := b.sessionCookieValue()
	b.agentID()
	issued := h.op.IDTokens()
	if len(issued) != 1 {
		t.Fatalf("%d id tokens issued, want 1", len(issued))
	}

	res := b.send(b.client, mustRequest(t, http.MethodPost, h.app.URL+"/auth/logout"))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /auth/logout: status %d, want 303", res.StatusCode)
	}
	loc := res.location(t)
	if got, want := loc.Scheme+"://"+loc.Host+loc.Path, h.op.EndSessionEndpoint(); got != want {
		t.Errorf("logout redirects to %s, want the end-session endpoint %s", got, want)
	}
	q := loc.Query()
	if q.Get("id_token_hint") != issued[0] {
		t.Errorf("id_token_hint is not the id token issued at sign-in")
	}
	if s := q.Get("state"); len(s) < 32 {
		t.Errorf("logout state %q: %d characters, want at least 32", s, len(s))
	}
	if got := q.Get("post_logout_redirect_uri"); got != h.cfg.PostLogoutRedirectURL {
		t.Errorf("post_logout_redirect_uri %q, want %q", got, h.cfg.PostLogoutRedirectURL)
	}
	if c := res.cookie("passerelles_session"); c == nil || c.MaxAge >= 0 {
		t.Errorf("logout leaves the session cookie (%v), want it cleared", c)
	}
	if got := h.sessionCount(t); got != 0 {
		t.Errorf("sessions: %d rows after logout, want 0", got)
	}
	if res := h.whoamiWith(t, "passerelles_session", token); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET /whoami with the old session cookie: status %d, want 401", res.StatusCode)
	}
	if res := b.whoami(); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET /whoami after logout: status %d, want 401", res.StatusCode)
	}

	// Without a session, logout just goes home.
	res = b.send(b.client, mustRequest(t, http.MethodPost, h.app.URL+"/auth/logout"))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != h.cfg.PostLogoutRedirectURL {
		t.Errorf("POST /auth/logout without a session: %d to %q, want 303 to %q", res.StatusCode, res.Header.Get("Location"), h.cfg.PostLogoutRedirectURL)
	}
	assertNoSecretsLogged(t, h)
}

// With SecureCookies (https), every cookie is __Host-…, Secure, HttpOnly, SameSite=Lax,
// Path=/ and without Domain. The test's http client would not send Secure cookies back over
// http, so it carries them by hand.
func TestAuthSecureCookies(t *testing.T) {
	sc := newHostileScenario()
	sc.Config = func(c *Config) { c.SecureCookies = true }
	h := mustStartRP(t, sc)
	b := &rpBrowser{tb: t, h: h, client: &http.Client{CheckRedirect: noRedirect, Timeout: 10 * time.Second}}

	checkSetCookie := func(res *rpResponse, name string, cleared bool) *http.Cookie {
		t.Helper()
		for _, line := range res.Header.Values("Set-Cookie") {
			c, err := http.ParseSetCookie(line)
			if err != nil || c.Name != name && !(name == "__Host-passerelles_login_" && strings.HasPrefix(c.Name, name)) {
				continue
			}
			if !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Domain != "" ||
				strings.Contains(strings.ToLower(line), "domain=") {
				t.Errorf("Set-Cookie %q, want Secure; HttpOnly; SameSite=Lax; Path=/; no Domain", line)
			}
			if cleared != (c.MaxAge < 0) {
				t.Errorf("Set-Cookie %q: cleared %v, want %v", line, c.MaxAge < 0, cleared)
			}
			return c
		}
		t.Fatalf("no Set-Cookie %s in %q", name, res.Header.Values("Set-Cookie"))
		return nil
	}
	authURL, login := b.startLogin("")
	lc := checkSetCookie(login, "__Host-passerelles_login_", false)
	cb := b.authorize(authURL)

	req := mustRequest(t, http.MethodGet, cb.String())
	req.AddCookie(&http.Cookie{Name: lc.Name, Value: lc.Value})
	res := b.send(b.client, req)
	if res.StatusCode != http.StatusFound {
		t.Fatalf("callback: status %d, want 302:\n%s", res.StatusCode, res.Body)
	}
	if got := checkSetCookie(res, "__Host-passerelles_login_", true); got.Name != lc.Name {
		t.Errorf("callback clears %s, want %s", got.Name, lc.Name)
	}
	token := checkSetCookie(res, "__Host-passerelles_session", false).Value
	for _, line := range res.Header.Values("Set-Cookie") {
		if strings.HasPrefix(line, "passerelles_") {
			t.Errorf("Set-Cookie %q without the __Host- prefix", line)
		}
	}

	if res := h.whoamiWith(t, "__Host-passerelles_session", token); res.StatusCode != http.StatusOK {
		t.Errorf("GET /whoami with __Host-passerelles_session: status %d, want 200", res.StatusCode)
	}
	if res := h.whoamiWith(t, "passerelles_session", token); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET /whoami with the unprefixed cookie name: status %d, want 401", res.StatusCode)
	}

	req = mustRequest(t, http.MethodPost, h.app.URL+"/auth/logout")
	req.AddCookie(&http.Cookie{Name: "__Host-passerelles_session", Value: token})
	res = b.send(b.client, req)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /auth/logout: status %d, want 303", res.StatusCode)
	}
	checkSetCookie(res, "__Host-passerelles_session", true)
	if got := h.sessionCount(t); got != 0 {
		t.Errorf("sessions: %d rows after logout, want 0", got)
	}
}

func TestNewAuthDiscovery(t *testing.T) {
	ctx := context.Background()
	logger := slog.New(slog.NewTextHandler(&testLogBuffer{}, nil))
	t.Run("IssuerMismatch", func(t *testing.T) {
		sc := newHostileScenario()
		sc.DiscoveryIssuer = "https://auth.agentconnect.gouv.fr/api/v2"
		op := newHostileProvider(t, sc, "http://127.0.0.1/auth/callback")
		a, err := New(ctx, Config{Issuer: op.Issuer(), ClientID: op.clientID, ClientSecret: op.clientSecret, StateKey: testStateKey}, nil, nil, nil, logger)
		if err == nil || a != nil {
			t.Fatalf("New with a discovery issuer %q for %q: %v, want an error", sc.DiscoveryIssuer, op.Issuer(), err)
		}
	})
	t.Run("Unreachable", func(t *testing.T) {
		op := newHostileProvider(t, newHostileScenario(), "http://127.0.0.1/auth/callback")
		op.srv.Close()
		if _, err := New(ctx, Config{Issuer: op.Issuer(), ClientID: op.clientID, StateKey: testStateKey}, nil, nil, nil, logger); err == nil {
			t.Fatalf("New with an unreachable provider: no error")
		}
	})
	t.Run("Matching", func(t *testing.T) {
		op := newHostileProvider(t, newHostileScenario(), "http://127.0.0.1/auth/callback")
		if _, err := New(ctx, Config{Issuer: op.Issuer(), ClientID: op.clientID, StateKey: testStateKey}, nil, nil, nil, logger); err != nil {
			t.Fatalf("New: %v", err)
		}
	})
}

// A provider that stops answering must not hold a sign-in forever: the relying party gives
// up within a budget and says so on its error page, and the next sign-in works once the
// provider answers again (a hung JWKS fetch must not block the later ones).
func TestCallbackProviderHangs(t *testing.T) {
	const budget = 10 * time.Second // the test's provider timeout is 1 s a call
	for _, endpoint := range []string{"token", "userinfo", "jwks"} {
		t.Run(endpoint, func(t *testing.T) {
			t.Parallel()
			sc := newHostileScenario()
			sc.Hang = endpoint
			sc.Config = func(c *Config) { c.ProviderTimeout = time.Second }
			h := mustStartRP(t, sc)
			b := h.newBrowser(t)
			cb := b.authorize(first(b.startLogin("")))
			b.client.Timeout = budget

			start := time.Now()
			res, err := b.client.Get(cb.String())
			if err != nil {
				t.Fatalf("callback while the provider's %s endpoint hangs: no answer after %v (%v); calls to the provider need a timeout",
					endpoint, time.Since(start).Round(time.Second), err)
			}
			body, err := io.ReadAll(res.Body)
			res.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			assertRefusedPage(t, h.op, &rpResponse{Response: res, Body: string(body)}, "")
			if got := h.sessionCount(t); got != 0 {
				t.Errorf("sessions: %d rows, want 0", got)
			}

			h.op.setScenario(newHostileScenario())
			b.signIn("", "/")
			b.agentID()
		})
	}
}

// first returns the first of two values.
func first[T, U any](t T, _ U) T { return t }
