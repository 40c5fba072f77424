// Package devidp is the OpenID provider embedded in Passerelles for development: when no
// external issuer is configured, it stands in for ProConnect so that the application signs in
// with one command. It serves demo personas through the authorization code flow of
// github.com/zitadel/oidc/v3's op package, issues ProConnect's claims (given_name, usual_name,
// uid, siret, idp_id, organization_label, roles…) and answers userinfo with a signed JWT, as
// ProConnect does. It keeps everything in memory and refuses to run in production.
package devidp

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/rs/cors"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// Persona is a demo person one can sign in as.
type Persona struct {
	Subject           string   // stable sub, e.g. "persona-agent-travail"
	GivenName         string   // ProConnect given_name
	UsualName         string   // ProConnect usual_name
	Email             string   // ProConnect email
	UID               string   // ProConnect uid: the identifier at the agent’s own identity provider
	Siret             string   // ProConnect siret of the agent’s organisation
	IdpID             string   // ProConnect idp_id: the identity provider the agent came through
	OrganizationLabel string   // ProConnect organization_label
	Roles             []string // ProConnect "roles" claim, e.g. ["agent_public"]
	Label             string   // French line shown on the sign-in page, e.g. "Agente du ministère du Travail (DREETS Bretagne)"
}

// fullName is the persona's name as shown on the sign-in page.
func (p Persona) fullName() string {
	return strings.TrimSpace(p.GivenName + " " + p.UsualName)
}

// Config configures the provider.
type Config struct {
	Issuer                 string   // e.g. "http://127.0.0.1:8080/devidp" (http allowed: development only)
	ClientID               string   // the one relying party’s client_id
	ClientSecret           string   // its secret, accepted by client_secret_basic and client_secret_post
	RedirectURIs           []string // the relying party’s callback(s), matched exactly
	PostLogoutRedirectURIs []string // where end_session may send the browser back, matched exactly
	Personas               []Persona
	Production             bool            // New refuses to build a provider when true
	SigningKey             *rsa.PrivateKey // optional; generated (RSA 2048) when nil
	Logger                 *slog.Logger    // optional; slog.Default() when nil
}

// Lifetimes of what the provider hands out. Refresh tokens are not issued at all.
const (
	authRequestLifetime = 10 * time.Minute
	codeLifetime        = time.Minute
	accessTokenLifetime = 5 * time.Minute
	idTokenLifetime     = 5 * time.Minute
)

// Bounds on what a browser can make the provider keep (development only, but a flood of
// authorization requests must not fill the memory of a developer's machine either).
const (
	// maxAuthRequests bounds the pending authorization requests; beyond it, the one that
	// expires first gives way.
	maxAuthRequests = 1000
	// maxAuthRequestBytes bounds the client's text in one request (state, nonce, PKCE
	// challenge, scopes); the relying party sends about 200 bytes.
	maxAuthRequestBytes = 2 << 10
)

// Paths of the provider's own pages, relative to the issuer.
const (
	pathLogin     = "/login"
	pathLoggedOut = "/logged-out"
)

var errProduction = errors.New("the development identity provider cannot run in production")

// New returns the provider's HTTP handler. The handler expects the full request path, issuer
// path included, so mount it on the issuer's path without stripping anything: for the issuer
// "http://127.0.0.1:8080/devidp",
//
//	mux.Handle("/devidp/", h)
//
// and discovery is then served at <Issuer>/.well-known/openid-configuration. Requests outside
// the issuer path get 404. The handler serves discovery, the JWKS (/keys), the authorization
// endpoint (/authorize), the sign-in page (/login), the token endpoint (/oauth/token),
// userinfo (/userinfo), end_session (/end_session) and a signed-out page (/logged-out).
//
// New refuses a production configuration, an invalid issuer, a configuration without client
// credentials, redirect URIs or personas, and a signing key shorter than 2048 bits.
func New(cfg Config) (http.Handler, error) {
	s, err := newServer(cfg, time.Now)
	if err != nil {
		return nil, err // not a nil *server in a non-nil interface
	}
	return s, nil
}

// server is the provider: zitadel's op for the protocol, and this package's storage, sign-in
// page, discovery document and signed userinfo around it.
type server struct {
	issuer     string
	prefix     string // the issuer’s path, "" or "/devidp"
	secure     bool   // the issuer is https: cookies get the Secure attribute
	formAction string // CSP form-action sources: this origin and the relying party’s
	personas   []Persona
	store      *storage
	op         *op.Provider
	logger     *slog.Logger
	routes     http.Handler
}

// newServer is New with a clock, so that tests can expire requests, codes and tokens.
func newServer(cfg Config, now func() time.Time) (*server, error) {
	if cfg.Production {
		return nil, errProduction
	}
	issuer, err := validateConfig(cfg)
	if err != nil {
		return nil, err
	}
	key := cfg.SigningKey
	if key == nil {
		if key, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			return nil, fmt.Errorf("devidp: generate signing key: %w", err)
		}
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.Default()
	}

	s := &server{
		issuer:   issuer.String(),
		prefix:   issuer.Path,
		secure:   issuer.Scheme == "https",
		personas: slices.Clone(cfg.Personas),
		logger:   logger,
	}
	s.formAction = formActionSources(cfg.RedirectURIs)
	cl := &client{
		id:                     cfg.ClientID,
		secret:                 cfg.ClientSecret,
		redirectURIs:           slices.Clone(cfg.RedirectURIs),
		postLogoutRedirectURIs: slices.Clone(cfg.PostLogoutRedirectURIs),
		loginURL:               s.issuer + pathLogin,
	}
	s.store, err = newStorage(cl, s.personas, key, now)
	if err != nil {
		return nil, err
	}

	// op encrypts codes and opaque access tokens with this key. It lives as long as the
	// process: a restart invalidates every code and token, which suits development.
	var cryptoKey [32]byte
	if _, err := rand.Read(cryptoKey[:]); err != nil {
		return nil, fmt.Errorf("devidp: generate token key: %w", err)
	}
	opts := []op.Option{
		// NewProvider also accepts, by default, values encrypted with unauthenticated
		// AES-CFB under the same key; only authenticated AES-GCM is wanted here.
		op.WithCrypto(op.NewAES256GCMCrypto(cryptoKey, "devidp")),
		// The relying party is a server, not a script in a browser: no CORS at all.
		op.WithCORSOptions(&cors.Options{AllowOriginFunc: func(string) bool { return false }}),
	}
	if issuer.Scheme == "http" {
		opts = append(opts, op.WithAllowInsecure())
	}
	s.op, err = op.NewProvider(&op.Config{
		CryptoKey:                cryptoKey,
		DefaultLogoutRedirectURI: s.issuer + pathLoggedOut,
		CodeMethodS256:           true,
		AuthMethodPost:           true,
		SupportedScopes:          supportedScopes,
		SupportedClaims:          supportedClaims,
	}, s.store, op.StaticIssuer(s.issuer), opts...)
	if err != nil {
		return nil, fmt.Errorf("devidp: build provider: %w", err)
	}

	endpoints := s.op.Endpoints()
	protocol := http.Handler(s.op)
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.setPageHeaders(w)
		s.renderMessage(w, http.StatusForbidden, "Demande refusée",
			"Ce formulaire doit être envoyé depuis la page de connexion de démonstration elle-même. Retournez à l’application et recommencez.")
	}))
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+oidc.DiscoveryEndpoint, s.discovery)
	mux.Handle("GET "+endpoints.JwksURI.Relative(), protocol)
	mux.Handle("GET "+endpoints.Authorization.Relative(), protocol)
	mux.Handle("POST "+endpoints.Authorization.Relative(), protocol)
	mux.Handle("POST "+endpoints.Token.Relative(), noStore(protocol))
	mux.HandleFunc("GET "+endpoints.Userinfo.Relative(), s.userinfo)
	mux.HandleFunc("POST "+endpoints.Userinfo.Relative(), s.userinfo)
	mux.HandleFunc("GET "+endpoints.EndSession.Relative(), s.endSession)
	mux.HandleFunc("POST "+endpoints.EndSession.Relative(), s.endSession)
	mux.HandleFunc("GET "+pathLogin, s.loginPage)
	mux.Handle("POST "+pathLogin, csrf.Handler(http.HandlerFunc(s.login)))
	mux.HandleFunc("GET "+pathLoggedOut, s.loggedOut)
	// op's router (mounted at the issuer path) sets the issuer in the context for its own
	// endpoints; this does the same for the pages and endpoints served here.
	s.routes = http.StripPrefix(s.prefix, op.NewIssuerInterceptor(s.op.IssuerFromRequest).Handler(mux))

	logger.Warn("development identity provider enabled: anyone can sign in as a demo persona", "issuer", s.issuer, "personas", len(s.personas))
	return s, nil
}

// ServeHTTP serves the requests whose path is under the issuer's path.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, s.prefix+"/") {
		http.NotFound(w, r)
		return
	}
	s.routes.ServeHTTP(w, r)
}

// validateConfig checks cfg and returns the parsed issuer.
func validateConfig(cfg Config) (*url.URL, error) {
	issuer, err := url.Parse(cfg.Issuer)
	switch {
	case cfg.Issuer == "":
		return nil, errors.New("devidp: issuer required")
	case err != nil:
		return nil, fmt.Errorf("devidp: issuer: %w", err)
	case issuer.Scheme != "http" && issuer.Scheme != "https", issuer.Host == "":
		return nil, fmt.Errorf("devidp: issuer %q is not an absolute http(s) URL", cfg.Issuer)
	case issuer.RawQuery != "" || issuer.Fragment != "" || issuer.User != nil:
		return nil, fmt.Errorf("devidp: issuer %q must not carry a query, fragment or user", cfg.Issuer)
	case strings.HasSuffix(issuer.Path, "/"):
		return nil, fmt.Errorf("devidp: issuer %q must not end with a slash", cfg.Issuer)
	case issuer.RawPath != "":
		return nil, fmt.Errorf("devidp: issuer %q must not contain escaped characters", cfg.Issuer)
	case cfg.ClientID == "" || cfg.ClientSecret == "":
		return nil, errors.New("devidp: client id and secret required")
	case len(cfg.RedirectURIs) == 0:
		return nil, errors.New("devidp: at least one redirect URI required")
	case len(cfg.Personas) == 0:
		return nil, errors.New("devidp: at least one persona required")
	case cfg.SigningKey != nil && cfg.SigningKey.N.BitLen() < 2048:
		return nil, errors.New("devidp: signing key shorter than 2048 bits")
	}
	for _, list := range [][]string{cfg.RedirectURIs, cfg.PostLogoutRedirectURIs} {
		for _, raw := range list {
			u, err := url.Parse(raw)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" {
				return nil, fmt.Errorf("devidp: redirect URI %q is not an absolute http(s) URL without fragment", raw)
			}
		}
	}
	seen := make(map[string]bool, len(cfg.Personas))
	for i, p := range cfg.Personas {
		switch {
		case p.Subject == "" || len(p.Subject) > 255:
			return nil, fmt.Errorf("devidp: persona %d: subject must have 1 to 255 characters", i)
		case strings.ContainsFunc(p.Subject, func(r rune) bool { return r <= ' ' || r > '~' || r == ':' }):
			// op's opaque access tokens are "tokenID:subject".
			return nil, fmt.Errorf("devidp: persona %q: subject must be printable ASCII without spaces or colons", p.Subject)
		case seen[p.Subject]:
			return nil, fmt.Errorf("devidp: persona %q listed twice", p.Subject)
		case p.fullName() == "" || p.Label == "":
			return nil, fmt.Errorf("devidp: persona %q: name and label required for the sign-in page", p.Subject)
		}
		seen[p.Subject] = true
	}
	return issuer, nil
}

// formActionSources lists the origins a sign-in form may submit to, including where its
// response redirects: browsers apply form-action to that redirect too.
func formActionSources(redirectURIs []string) string {
	sources := []string{"'self'"}
	for _, raw := range redirectURIs {
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		if origin := u.Scheme + "://" + u.Host; !slices.Contains(sources, origin) {
			sources = append(sources, origin)
		}
	}
	return strings.Join(sources, " ")
}

// supportedScopes are advertised in discovery: OpenID's, and ProConnect's. Other scopes are
// accepted and dropped.
var supportedScopes = []string{
	oidc.ScopeOpenID, oidc.ScopeEmail, oidc.ScopeProfile,
	"given_name", "usual_name", "uid", "siret", "siren", "idp_id", "idp_acr",
	"organizational_unit", "belonging_population", "phone", "chorusdt", "custom",
	"organization_label", "roles",
}

// supportedClaims are advertised in discovery.
var supportedClaims = []string{
	"sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "acr", "azp", "at_hash", "c_hash",
	"given_name", "usual_name", "email", "uid", "siret", "idp_id", "organization_label", "roles",
}

// acr is the authentication context class stated in id tokens: ProConnect's basic level.
const acr = "eidas1"

// discovery serves the discovery document. op's own advertises what op can do (implicit
// flow, introspection, revocation, device flow…); this one advertises what this provider
// serves: the code flow, secret-based client authentication and signed userinfo.
func (s *server) discovery(w http.ResponseWriter, r *http.Request) {
	d := op.CreateDiscoveryConfig(r.Context(), s.op, s.store)
	d.ResponseTypesSupported = []string{string(oidc.ResponseTypeCode)}
	d.ResponseModesSupported = []string{string(oidc.ResponseModeQuery)}
	d.GrantTypesSupported = []oidc.GrantType{oidc.GrantTypeCode}
	d.TokenEndpointAuthMethodsSupported = []oidc.AuthMethod{oidc.AuthMethodBasic, oidc.AuthMethodPost}
	d.TokenEndpointAuthSigningAlgValuesSupported = nil
	d.UserinfoSigningAlgValuesSupported = []string{"RS256"}
	d.ACRValuesSupported = []string{acr}
	d.IntrospectionEndpoint = ""
	d.IntrospectionEndpointAuthMethodsSupported = nil
	d.IntrospectionEndpointAuthSigningAlgValuesSupported = nil
	d.RevocationEndpoint = ""
	d.RevocationEndpointAuthMethodsSupported = nil
	d.RevocationEndpointAuthSigningAlgValuesSupported = nil
	d.DeviceAuthorizationEndpoint = ""
	d.RequestObjectSigningAlgValuesSupported = nil
	d.RequestParameterSupported = false
	d.ClaimsParameterSupported = false
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(d); err != nil {
		s.logger.Error("devidp: write discovery", "error", err)
	}
}

// userinfo answers with the persona's claims as a JWT signed with the id token key, with
// iss and aud, like ProConnect. The access token comes from the Authorization header, or
// from a POST body; never from the URL.
func (s *server) userinfo(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	token, ok := bearerToken(w, r)
	if !ok {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_request"`)
		http.Error(w, "access token missing", http.StatusUnauthorized)
		return
	}
	plain, err := s.op.Crypto().Decrypt(token)
	tokenID, subject, found := strings.Cut(plain, ":")
	if err != nil || !found {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		http.Error(w, "access token invalid", http.StatusUnauthorized)
		return
	}
	jwt, err := s.store.signedUserinfo(s.issuer, tokenID, subject)
	if errors.Is(err, errNotFound) {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		http.Error(w, "access token invalid", http.StatusUnauthorized)
		return
	}
	if err != nil {
		s.logger.Error("devidp: userinfo", "error", err)
		http.Error(w, "userinfo unavailable", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/jwt")
	_, _ = w.Write([]byte(jwt))
}

// endSession is op's end_session, tolerant of an id_token_hint that this process cannot
// verify. The signing key is generated at each start unless Config.SigningKey is given, so
// after a restart of the application the hint it kept is signed with a forgotten key; rather
// than answer 400, the hint is dropped and the one client named instead, so that
// post_logout_redirect_uri is still checked against the registered ones and the browser
// still returns to the application.
func (s *server) endSession(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "unreadable end_session request", http.StatusBadRequest)
		return
	}
	if hint := r.Form.Get("id_token_hint"); hint != "" {
		ctx := r.Context()
		_, err := op.VerifyIDTokenHint[*oidc.IDTokenClaims](ctx, hint, s.op.IDTokenHintVerifier(ctx))
		if err != nil && !errors.As(err, &op.IDTokenHintExpiredError{}) {
			s.logger.Info("devidp: end_session with an id_token_hint signed by an unknown key (provider restarted?): hint ignored")
			r.Form.Del("id_token_hint")
			if r.Form.Get("client_id") == "" {
				r.Form.Set("client_id", s.store.client.id)
			}
		}
	}
	// op reads r.Form, already parsed: ParseForm does not parse it again.
	s.op.ServeHTTP(w, r)
}

// bearerToken reads the access token of a userinfo request (RFC 6750 §2.1 and §2.2).
func bearerToken(w http.ResponseWriter, r *http.Request) (string, bool) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, token, ok := strings.Cut(h, " ")
		return token, ok && strings.EqualFold(scheme, "Bearer") && token != ""
	}
	if r.Method != http.MethodPost {
		return "", false
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return "", false
	}
	token := r.PostForm.Get("access_token")
	return token, token != ""
}

// noStore forbids caching the token endpoint's answers (RFC 6749 §5.1).
func noStore(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Pragma", "no-cache")
		h.ServeHTTP(w, r)
	})
}
