package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// A hostile OpenID provider for the relying party's tests: it speaks the real protocol
// (discovery, authorize, token, userinfo, JWKS) like ProConnect does, and lets each test
// make it answer what a correct provider never would — tokens for another audience, signed
// with another key, with "alg": "none", replayed codes…

// hostileKey is an RSA signing key and the kid the provider announces it under.
type hostileKey struct {
	kid  string
	priv *rsa.PrivateKey
}

// hostileKeySet holds the keys the tests sign with, generated once per test binary.
type hostileKeySet struct {
	A       hostileKey // the provider's key
	B       hostileKey // the provider's next key (rotation)
	Evil    hostileKey // another key announced under A's kid
	Unknown hostileKey // a key whose kid the provider never publishes
}

var hostileKeys = sync.OnceValue(func() hostileKeySet {
	gen := func(kid string) hostileKey {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		return hostileKey{kid: kid, priv: k}
	}
	return hostileKeySet{A: gen("proconnect-2025-a"), B: gen("proconnect-2025-b"), Evil: gen("proconnect-2025-a"),
		Unknown: gen("cle-jamais-publiee")}
})

// hostileSubject is the ProConnect subject of the test agent (an opaque identifier).
const hostileSubject = "6f3c8e52-9b1d-4c4e-a8a1-2d7f0c4b9e13"

// hostileScenario is what the provider does in one test; mutators change its defaults.
type hostileScenario struct {
	// DiscoveryIssuer, when set, is the issuer the discovery document announces instead of
	// the provider's own URL.
	DiscoveryIssuer string
	// AdvertisePKCE announces code_challenge_methods_supported ["S256"] (ProConnect does not).
	AdvertisePKCE bool
	// Config changes the relying party's configuration.
	Config func(*Config)

	// JWKS are the keys the provider publishes; SignWith is the key it signs with.
	JWKS     []hostileKey
	SignWith hostileKey

	// IDClaims edits the id token's claims before signing.
	IDClaims func(op *hostileProvider, c map[string]any)
	// IDToken, when set, builds the raw id token itself (alg none, HS256…); "" leaves it out.
	IDToken func(op *hostileProvider, c map[string]any) string

	// UserInfoClaims edits the userinfo claims; UserInfoJWT answers them as a signed JWT
	// (application/jwt, as ProConnect does), signed with UserInfoSignWith (default SignWith),
	// or built by UserInfoToken when set.
	UserInfoClaims   func(c map[string]any)
	UserInfoJWT      bool
	UserInfoSignWith *hostileKey
	UserInfoToken    func(op *hostileProvider, c map[string]any) string

	// AuthorizeError makes the authorize endpoint send the browser back with this error.
	AuthorizeError string

	// PriorSignIn signs in once correctly (another browser) before the attempt under test,
	// so that the relying party has cached the JWKS and the provider has issued a code.
	PriorSignIn bool
	// Callback edits the callback's query before the browser follows it; prior is the
	// callback query of the prior sign-in (nil without one).
	Callback func(q, prior url.Values)
	// NoLoginCookie sends the callback from a browser without the login cookie.
	NoLoginCookie bool

	// Hang makes one endpoint ("token", "userinfo" or "jwks") never answer, until the
	// caller gives up or the test ends.
	Hang string
}

// newHostileScenario returns a correct ProConnect-like scenario.
func newHostileScenario() *hostileScenario {
	k := hostileKeys()
	return &hostileScenario{JWKS: []hostileKey{k.A}, SignWith: k.A}
}

// prior returns the scenario of the correct sign-in that precedes the attempt: the same
// discovery and configuration, nothing hostile.
func (sc *hostileScenario) prior() *hostileScenario {
	p := newHostileScenario()
	p.DiscoveryIssuer, p.AdvertisePKCE, p.Config = sc.DiscoveryIssuer, sc.AdvertisePKCE, sc.Config
	return p
}

// hostileGrant is what the provider remembers of one authorization.
type hostileGrant struct {
	code, nonce, challenge, method, redirectURI string
	used                                        bool
}

// hostileTokenRequest is a token request as the provider saw it.
type hostileTokenRequest struct {
	Form       url.Values
	ClientAuth string // "basic", "post" or "" when the client did not authenticate
	Status     int
}

// hostileProvider is an OpenID provider on httptest whose answers each test chooses.
type hostileProvider struct {
	srv                    *httptest.Server
	clientID, clientSecret string
	redirectURI            string
	endSessionPath         string

	release chan struct{} // closed at the end of the test: hung handlers return

	mu                sync.Mutex
	sc                *hostileScenario
	jwksFetches       int
	authorizeRequests []url.Values
	tokenRequests     []hostileTokenRequest
	grants            map[string]*hostileGrant // by code
	accessTokens      map[string]*hostileGrant
	idTokens          []string // every id token issued, in order
}

// newHostileProvider starts a provider for the client whose callback is redirectURI.
func newHostileProvider(tb testing.TB, sc *hostileScenario, redirectURI string) *hostileProvider {
	tb.Helper()
	op := &hostileProvider{clientID: "passerelles-test", clientSecret: "secret-de-test-" + RandomString(24),
		redirectURI: redirectURI, endSessionPath: "/api/v2/session/end", sc: sc, release: make(chan struct{}),
		grants: map[string]*hostileGrant{}, accessTokens: map[string]*hostileGrant{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", op.discovery)
	mux.HandleFunc("GET /jwks", op.jwks)
	mux.HandleFunc("GET /authorize", op.authorize)
	mux.HandleFunc("POST /token", op.token)
	mux.HandleFunc("GET /userinfo", op.userinfo)
	mux.HandleFunc("GET "+op.endSessionPath, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	op.srv = httptest.NewServer(mux)
	tb.Cleanup(op.srv.Close)
	tb.Cleanup(func() { close(op.release) }) // runs first: Close waits for hung handlers
	return op
}

// hang holds the request when the scenario hangs this endpoint, until the caller gives up
// or the test ends, and reports whether it did.
func (op *hostileProvider) hang(r *http.Request, endpoint string) bool {
	if op.scenario().Hang != endpoint {
		return false
	}
	select {
	case <-r.Context().Done():
	case <-op.release:
	}
	return true
}

// Issuer is the provider's issuer identifier (its URL).
func (op *hostileProvider) Issuer() string { return op.srv.URL }

// EndSessionEndpoint is where the relying party sends the browser at logout.
func (op *hostileProvider) EndSessionEndpoint() string { return op.srv.URL + op.endSessionPath }

func (op *hostileProvider) scenario() *hostileScenario {
	op.mu.Lock()
	defer op.mu.Unlock()
	return op.sc
}

func (op *hostileProvider) setScenario(sc *hostileScenario) {
	op.mu.Lock()
	defer op.mu.Unlock()
	op.sc = sc
}

// JWKSFetches is how many times the JWKS was fetched.
func (op *hostileProvider) JWKSFetches() int {
	op.mu.Lock()
	defer op.mu.Unlock()
	return op.jwksFetches
}

// AuthorizeRequests returns the query of every authorize request.
func (op *hostileProvider) AuthorizeRequests() []url.Values {
	op.mu.Lock()
	defer op.mu.Unlock()
	return append([]url.Values(nil), op.authorizeRequests...)
}

// TokenRequests returns every token request.
func (op *hostileProvider) TokenRequests() []hostileTokenRequest {
	op.mu.Lock()
	defer op.mu.Unlock()
	return append([]hostileTokenRequest(nil), op.tokenRequests...)
}

// IDTokens returns every id token issued.
func (op *hostileProvider) IDTokens() []string {
	op.mu.Lock()
	defer op.mu.Unlock()
	return append([]string(nil), op.idTokens...)
}

func opJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (op *hostileProvider) discovery(w http.ResponseWriter, r *http.Request) {
	sc := op.scenario()
	issuer := op.Issuer()
	if sc.DiscoveryIssuer != "" {
		issuer = sc.DiscoveryIssuer
	}
	doc := map[string]any{
		"issuer":                                issuer,
		"authorization_endpoint":                op.srv.URL + "/authorize",
		"token_endpoint":                        op.srv.URL + "/token",
		"userinfo_endpoint":                     op.srv.URL + "/userinfo",
		"jwks_uri":                              op.srv.URL + "/jwks",
		"end_session_endpoint":                  op.EndSessionEndpoint(),
		"response_types_supported":              []string{"code"},
		"grant_types_supported":                 []string{"authorization_code"},
		"subject_types_supported":               []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"userinfo_signing_alg_values_supported": []string{"RS256"},
		"token_endpoint_auth_methods_supported": []string{"client_secret_basic", "client_secret_post"},
		"scopes_supported":                      []string{"openid", "given_name", "usual_name", "email", "uid", "siret", "idp_id", "organization_label"},
		"acr_values_supported":                  []string{"eidas1", "eidas2", "eidas3"},
		"claims_parameter_supported":            true,
	}
	if sc.AdvertisePKCE {
		doc["code_challenge_methods_supported"] = []string{"S256"}
	}
	opJSON(w, http.StatusOK, doc)
}

func (op *hostileProvider) jwks(w http.ResponseWriter, r *http.Request) {
	op.mu.Lock()
	op.jwksFetches++
	keys := op.sc.JWKS
	op.mu.Unlock()
	if op.hang(r, "jwks") {
		return
	}
	var set jose.JSONWebKeySet
	for _, k := range keys {
		set.Keys = append(set.Keys, jose.JSONWebKey{Key: &k.priv.PublicKey, KeyID: k.kid, Algorithm: string(jose.RS256), Use: "sig"})
	}
	opJSON(w, http.StatusOK, set)
}

// authorize records the request and sends the browser back to the client with a code (the
// person is deemed to have signed in).
func (op *hostileProvider) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	op.mu.Lock()
	op.authorizeRequests = append(op.authorizeRequests, q)
	sc := op.sc
	op.mu.Unlock()
	if q.Get("client_id") != op.clientID || q.Get("redirect_uri") != op.redirectURI || q.Get("response_type") != "code" {
		http.Error(w, "invalid_request", http.StatusBadRequest)
		return
	}
	back := url.Values{}
	if s, ok := q["state"]; ok {
		back["state"] = s
	}
	if sc.AuthorizeError != "" {
		back.Set("error", sc.AuthorizeError)
		back.Set("error_description", "L’utilisateur a annulé la connexion")
	} else {
		g := &hostileGrant{code: RandomString(24), nonce: q.Get("nonce"), challenge: q.Get("code_challenge"),
			method: q.Get("code_challenge_method"), redirectURI: q.Get("redirect_uri")}
		op.mu.Lock()
		op.grants[g.code] = g
		op.mu.Unlock()
		back.Set("code", g.code)
	}
	http.Redirect(w, r, op.redirectURI+"?"+back.Encode(), http.StatusFound)
}

// clientAuth returns how the client authenticated, or "" when it did not.
func (op *hostileProvider) clientAuth(r *http.Request) string {
	if id, secret, ok := r.BasicAuth(); ok {
		id, _ = url.QueryUnescape(id)
		secret, _ = url.QueryUnescape(secret)
		if id == op.clientID && hmac.Equal([]byte(secret), []byte(op.clientSecret)) {
			return "basic"
		}
		return ""
	}
	if r.PostForm.Get("client_id") == op.clientID && hmac.Equal([]byte(r.PostForm.Get("client_secret")), []byte(op.clientSecret)) {
		return "post"
	}
	return ""
}

// pkceS256 is the S256 code challenge of verifier (RFC 7636).
func pkceS256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// token checks the client, the code (single use) and the PKCE verifier, then answers an
// id token built by the scenario.
func (op *hostileProvider) token(w http.ResponseWriter, r *http.Request) {
	if op.hang(r, "token") {
		return
	}
	if err := r.ParseForm(); err != nil {
		opJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_request"})
		return
	}
	req := hostileTokenRequest{Form: r.PostForm, ClientAuth: op.clientAuth(r)}
	status, body := op.exchange(req)
	req.Status = status
	op.mu.Lock()
	op.tokenRequests = append(op.tokenRequests, req)
	op.mu.Unlock()
	opJSON(w, status, body)
}

func (op *hostileProvider) exchange(req hostileTokenRequest) (int, map[string]any) {
	if req.ClientAuth == "" {
		return http.StatusUnauthorized, map[string]any{"error": "invalid_client"}
	}
	f := req.Form
	if f.Get("grant_type") != "authorization_code" {
		return http.StatusBadRequest, map[string]any{"error": "unsupported_grant_type"}
	}
	op.mu.Lock()
	g, ok := op.grants[f.Get("code")]
	valid := ok && !g.used && f.Get("redirect_uri") == g.redirectURI
	if valid && g.challenge != "" {
		valid = g.method == "S256" && hmac.Equal([]byte(pkceS256(f.Get("code_verifier"))), []byte(g.challenge))
	}
	if ok {
		g.used = true // a code serves once, even when the attempt fails
	}
	sc := op.sc
	op.mu.Unlock()
	if !valid {
		return http.StatusBadRequest, map[string]any{"error": "invalid_grant"}
	}

	now := time.Now()
	claims := map[string]any{
		"iss": op.Issuer(), "sub": hostileSubject, "aud": op.clientID, "exp": now.Add(5 * time.Minute).Unix(),
		"iat": now.Unix(), "auth_time": now.Add(-10 * time.Second).Unix(), "nonce": g.nonce,
		"acr": "eidas1", "amr": []string{"pwd"}, "idp_id": "71144ab3-ee1a-4401-b7b3-79b44f7daeeb",
	}
	if sc.IDClaims != nil {
		sc.IDClaims(op, claims)
	}
	var idToken string
	if sc.IDToken != nil {
		idToken = sc.IDToken(op, claims)
	} else {
		idToken = op.sign(sc.SignWith, claims)
	}
	at := RandomString(32)
	op.mu.Lock()
	op.accessTokens[at] = g
	if idToken != "" {
		op.idTokens = append(op.idTokens, idToken)
	}
	op.mu.Unlock()
	body := map[string]any{"access_token": at, "token_type": "Bearer", "expires_in": 60, "scope": "openid given_name usual_name email uid siret idp_id"}
	if idToken != "" {
		body["id_token"] = idToken
	}
	return http.StatusOK, body
}

// hostileUserInfo returns the userinfo claims ProConnect would send for the test agent.
func hostileUserInfo() map[string]any {
	return map[string]any{
		"sub":                hostileSubject,
		"given_name":         "Anne-Sophie",
		"usual_name":         "Le Guénnec",
		"email":              "anne-sophie.le-guennec@sante.gouv.fr",
		"uid":                "asleguennec",
		"siret":              "11000101300017",
		"idp_id":             "71144ab3-ee1a-4401-b7b3-79b44f7daeeb",
		"organization_label": "Direction du numérique des ministères sociaux",
		"roles":              []string{"agent_public"},
	}
}

func (op *hostileProvider) userinfo(w http.ResponseWriter, r *http.Request) {
	if op.hang(r, "userinfo") {
		return
	}
	at, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	op.mu.Lock()
	_, known := op.accessTokens[at]
	sc := op.sc
	op.mu.Unlock()
	if !ok || !known {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		opJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_token"})
		return
	}
	claims := hostileUserInfo()
	if sc.UserInfoJWT {
		claims["iss"], claims["aud"] = op.Issuer(), op.clientID
	}
	if sc.UserInfoClaims != nil {
		sc.UserInfoClaims(claims)
	}
	if !sc.UserInfoJWT {
		opJSON(w, http.StatusOK, claims)
		return
	}
	var jwt string
	switch {
	case sc.UserInfoToken != nil:
		jwt = sc.UserInfoToken(op, claims)
	case sc.UserInfoSignWith != nil:
		jwt = op.sign(*sc.UserInfoSignWith, claims)
	default:
		jwt = op.sign(sc.SignWith, claims)
	}
	w.Header().Set("Content-Type", "application/jwt")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte(jwt))
}

// sign returns the claims as a compact JWS signed with RS256 by k, with k's kid.
func (op *hostileProvider) sign(k hostileKey, claims map[string]any) string {
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: k.priv, KeyID: k.kid}},
		(&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		panic(err)
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		panic(err)
	}
	jws, err := signer.Sign(payload)
	if err != nil {
		panic(err)
	}
	s, err := jws.CompactSerialize()
	if err != nil {
		panic(err)
	}
	return s
}

// craftJWT builds a compact JWT by hand, for what no honest library would produce: sign
// returns the signature of the signing input (nil for an empty one).
func craftJWT(header, claims map[string]any, sign func(input []byte) []byte) string {
	enc := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			panic(err)
		}
		return base64.RawURLEncoding.EncodeToString(b)
	}
	input := enc(header) + "." + enc(claims)
	var sig []byte
	if sign != nil {
		sig = sign([]byte(input))
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig)
}

// unsignedJWT is the claims with "alg": "none" and an empty signature.
func unsignedJWT(claims map[string]any) string {
	return craftJWT(map[string]any{"alg": "none", "typ": "JWT"}, claims, nil)
}

// hs256JWT is the claims signed with HMAC-SHA256 keyed by secret, under kid (the classic
// confusion: a client secret, or a public key, used as an HMAC key).
func hs256JWT(claims map[string]any, secret, kid string) string {
	return craftJWT(map[string]any{"alg": "HS256", "typ": "JWT", "kid": kid}, claims, func(input []byte) []byte {
		m := hmac.New(sha256.New, []byte(secret))
		m.Write(input)
		return m.Sum(nil)
	})
}

// issuedSecrets returns what must never reach a page or a log: the codes, access tokens and
// id tokens issued, and the client secret.
func (op *hostileProvider) issuedSecrets() []string {
	op.mu.Lock()
	defer op.mu.Unlock()
	s := []string{op.clientSecret}
	for code := range op.grants {
		s = append(s, code)
	}
	for at := range op.accessTokens {
		s = append(s, at)
	}
	return append(s, op.idTokens...)
}

// String names the provider in failure messages.
func (op *hostileProvider) String() string { return fmt.Sprintf("hostile provider at %s", op.srv.URL) }
