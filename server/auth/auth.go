package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"passerelles"
	"passerelles/resolvers"
	"passerelles/server/web"
)

// Config configures sign-in with an OpenID Connect provider (ProConnect or any
// standard one).
type Config struct {
	Issuer                string
	ClientID              string
	ClientSecret          string
	RedirectURL           string // <base>/auth/callback
	PostLogoutRedirectURL string // <base>/
	Scopes                []string
	ACRValues             []string // when set, asked for in the claims parameter and required
	RequiredRoles         []string // when set, the "roles" claim must hold one of them
	BootstrapAdmins       []string // subjects granted ADMIN at sign-in
	SessionIdle           time.Duration
	SessionAbsolute       time.Duration
	SecureCookies         bool          // https: Secure cookies with the __Host- prefix
	ProviderTimeout       time.Duration // bound on each call to the provider; 10 s when zero
	// StateKey seals sign-in cookies (32 bytes). When nil, the key the store generated at
	// first start is used, shared by every process on the database.
	StateKey []byte
}

// signingAlgs are the id token algorithms accepted: asymmetric only, so that neither
// "none" nor HS256 keyed with the client secret can pass.
var signingAlgs = []string{oidc.RS256, oidc.RS384, oidc.RS512, oidc.ES256, oidc.ES384, oidc.ES512, oidc.PS256, oidc.PS384, oidc.PS512, oidc.EdDSA}

// RelyingParty is the OpenID Connect relying party: sign-in, callback, sign-out, and the session of each request.
type RelyingParty struct {
	cfg        Config
	provider   *oidc.Provider
	verifier   *oidc.IDTokenVerifier
	oauth      oauth2.Config
	pkce       bool
	endSession string
	sessions   passerelles.SessionService
	signIn     passerelles.UserService
	states     passerelles.SignInStateService
	sealer     *stateSealer
	logger     *slog.Logger
	client     *http.Client
	now        func() time.Time
}

// providerMetadata is what the relying party reads from discovery beyond go-oidc's fields.
type providerMetadata struct {
	EndSessionEndpoint                string   `json:"end_session_endpoint"`
	CodeChallengeMethodsSupported     []string `json:"code_challenge_methods_supported"`
	TokenEndpointAuthMethodsSupported []string `json:"token_endpoint_auth_methods_supported"`
}

// New discovers the provider (refusing an issuer that does not match) and returns the
// relying party. The key sealing sign-in cookies is cfg.StateKey, else the store's.
func New(ctx context.Context, cfg Config, sessions passerelles.SessionService, signIn passerelles.UserService,
	states passerelles.SignInStateService, logger *slog.Logger) (*RelyingParty, error) {
	key := cfg.StateKey
	if key == nil && states != nil {
		var err error
		if key, err = states.SignInStateKey(ctx); err != nil {
			return nil, fmt.Errorf("sign-in state key: %w", err)
		}
	}
	sealer, err := newStateSealer(key)
	if err != nil {
		return nil, err
	}
	// Every call to the provider — discovery, keys (fetched later with the client given
	// here), token, userinfo — is bounded: a provider that hangs must not hold a request.
	if cfg.ProviderTimeout == 0 {
		cfg.ProviderTimeout = 10 * time.Second
	}
	client := &http.Client{Timeout: cfg.ProviderTimeout}
	ctx = oidc.ClientContext(ctx, client)
	provider, err := oidc.NewProvider(ctx, cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("OpenID provider discovery at %s: %w", cfg.Issuer, err)
	}
	var meta providerMetadata
	if err := provider.Claims(&meta); err != nil {
		return nil, fmt.Errorf("OpenID provider metadata: %w", err)
	}
	a := &RelyingParty{
		cfg:        cfg,
		provider:   provider,
		verifier:   provider.Verifier(&oidc.Config{ClientID: cfg.ClientID, SupportedSigningAlgs: signingAlgs}),
		pkce:       slices.Contains(meta.CodeChallengeMethodsSupported, "S256"),
		client:     client,
		endSession: meta.EndSessionEndpoint,
		sessions:   sessions,
		signIn:     signIn,
		states:     states,
		sealer:     sealer,
		logger:     logger,
		now:        time.Now,
		oauth: oauth2.Config{ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, Endpoint: provider.Endpoint(),
			RedirectURL: cfg.RedirectURL, Scopes: cfg.Scopes},
	}
	// Authenticate at the token endpoint the way the provider says it supports (HTTP Basic is
	// the default of the specification), rather than let oauth2 probe one way then the other,
	// which sends a refused code twice and doubles the wait on a provider that hangs.
	if m := meta.TokenEndpointAuthMethodsSupported; len(m) == 0 || slices.Contains(m, "client_secret_basic") {
		a.oauth.Endpoint.AuthStyle = oauth2.AuthStyleInHeader
	} else if slices.Contains(m, "client_secret_post") {
		a.oauth.Endpoint.AuthStyle = oauth2.AuthStyleInParams
	}
	return a, nil
}

func (a *RelyingParty) cookieName(base string) string {
	if a.cfg.SecureCookies {
		return "__Host-" + base
	}
	return base
}

// setCookie writes a cookie with the attributes of DESIGN §5: HttpOnly, SameSite=Lax,
// Path=/, no Domain, and Secure whenever the service is served over https (the __Host-
// prefix requires it); development over plain http drops only Secure and the prefix.
func (a *RelyingParty) setCookie(w http.ResponseWriter, base, value string, maxAge time.Duration) {
	c := &http.Cookie{Name: a.cookieName(base), Value: value, Path: "/", HttpOnly: true, Secure: a.cfg.SecureCookies,
		SameSite: http.SameSiteLaxMode}
	if maxAge < 0 {
		c.MaxAge = -1
	} else {
		c.MaxAge = int(maxAge.Seconds())
	}
	http.SetCookie(w, c)
}

const (
	sessionCookie = "passerelles_session"
	loginCookie   = "passerelles_login"
	loginTTL      = 10 * time.Minute
)

// RandomString returns n random bytes, base64url-encoded (43 characters for 32 bytes).
func RandomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// localPath returns p when it is a path of this site, else "/". It refuses backslashes
// outright (browsers read "/\\host" as "//host") and checks the path as http.Redirect will
// send it, cleaned, so that "/./\\host" or "/x/../\\host" cannot turn into another site.
// A path longer than maxReturnTo falls back to "/" too: it travels in a cookie.
func localPath(p string) string {
	if p == "" || len(p) > maxReturnTo || !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\r\n\t") {
		return "/"
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	if clean := path.Clean(u.Path); strings.HasPrefix(clean, "//") || strings.HasPrefix(u.Path, "//") || strings.Contains(u.Path, "\\") {
		return "/"
	}
	return p
}

// Login starts the authorization code flow: GET /auth/login?return_to=/path. The attempt
// goes into a sealed cookie of its own (see signinstate.go); the server keeps nothing.
func (a *RelyingParty) Login(w http.ResponseWriter, r *http.Request) {
	at := loginState{
		State:    RandomString(32),
		Nonce:    RandomString(32),
		ReturnTo: localPath(r.URL.Query().Get("return_to")),
		Expires:  a.now().Add(loginTTL).Truncate(time.Millisecond), // as sealed
	}
	opts := []oauth2.AuthCodeOption{oidc.Nonce(at.Nonce)}
	if a.pkce {
		at.Verifier = oauth2.GenerateVerifier()
		opts = append(opts, oauth2.S256ChallengeOption(at.Verifier))
	}
	if len(a.cfg.ACRValues) > 0 {
		claims, _ := json.Marshal(map[string]any{"id_token": map[string]any{"acr": map[string]any{"essential": true, "values": a.cfg.ACRValues}}})
		opts = append(opts, oauth2.SetAuthURLParam("claims", string(claims)))
	}
	base := loginCookieBase(at.State)
	name := a.cookieName(base)
	sealed, err := a.sealer.seal(name, at)
	if err != nil {
		a.logger.Error("sign-in: seal state", "request_id", web.RequestIDFrom(r.Context()), "error", err)
		RenderError(w, r, http.StatusInternalServerError, "Connexion impossible",
			"Une erreur interne a empêché la connexion. Réessayez dans un instant.")
		return
	}
	a.pruneLoginCookies(w, r, len(name)+len(sealed))
	a.setCookie(w, base, sealed, at.Expires.Sub(a.now()))
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, a.oauth.AuthCodeURL(at.State, opts...), http.StatusFound)
}

// errSignIn is a refusal of the callback, with what to tell the person.
type errSignIn struct {
	title, message string
	cause          error
}

func (e *errSignIn) Error() string { return e.title + ": " + fmt.Sprint(e.cause) }

func refused(cause error) error {
	return &errSignIn{title: "Connexion refusée", message: "La réponse du fournisseur d’identité n’a pas pu être vérifiée. Réessayez ; si le problème persiste, contactez l’équipe Passerelles.", cause: cause}
}

// Callback completes the flow: GET /auth/callback?code=…&state=….
func (a *RelyingParty) Callback(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	returnTo, err := a.callback(w, r)
	if err != nil {
		var se *errSignIn
		if !errors.As(err, &se) {
			a.logger.Error("sign-in failed", "request_id", web.RequestIDFrom(r.Context()), "error", err)
			renderAuthErrorReturn(w, r, http.StatusInternalServerError, "Connexion impossible",
				"Une erreur interne a empêché la connexion. Réessayez dans un instant.", returnTo)
			return
		}
		a.logger.Warn("sign-in refused", "request_id", web.RequestIDFrom(r.Context()), "reason", se.cause)
		renderAuthErrorReturn(w, r, http.StatusBadRequest, se.title, se.message, returnTo)
		return
	}
	http.Redirect(w, r, localPath(returnTo), http.StatusFound)
}

// expired is the refusal of a callback whose attempt this browser no longer holds: no
// cookie for its state, a cookie that does not open or ran out, or a state used already.
func expired(cause error) error {
	return &errSignIn{title: "Connexion expirée", message: "Cette tentative de connexion a expiré ou a déjà servi. Recommencez la connexion.", cause: cause}
}

func (a *RelyingParty) callback(w http.ResponseWriter, r *http.Request) (string, error) {
	state := r.URL.Query().Get("state")
	if state == "" || len(state) > 256 {
		return "", expired(errors.New("no usable state in the callback"))
	}
	base := loginCookieBase(state)
	c, err := r.Cookie(a.cookieName(base))
	if err != nil {
		return "", expired(errors.New("no login cookie for this state"))
	}
	a.setCookie(w, base, "", -1)
	at, err := a.sealer.open(c.Name, c.Value, a.now())
	if err != nil {
		return "", expired(err)
	}
	if subtle.ConstantTimeCompare([]byte(state), []byte(at.State)) != 1 {
		return "", refused(errors.New("state mismatch"))
	}
	// Single use, on every process: the state is spent before the code is exchanged, so
	// that a replayed callback never reaches the provider.
	if err := a.states.UseSignInState(r.Context(), at.State, at.Expires); passerelles.ErrorCode(err) == passerelles.ECONFLICT {
		return "", expired(errors.New("state used already"))
	} else if err != nil {
		return at.ReturnTo, fmt.Errorf("use sign-in state: %w", err)
	}
	_, err = a.finish(w, r, at)
	return at.ReturnTo, err
}

// finish completes a callback whose state matched: the attempt's return path goes back to
// the person whatever the outcome, so that a refusal page can lead back where they were.
func (a *RelyingParty) finish(w http.ResponseWriter, r *http.Request, at loginState) (string, error) {
	q := r.URL.Query()
	if e := q.Get("error"); e != "" {
		msg := "Le fournisseur d’identité n’a pas pu vous connecter. Réessayez ; si le problème persiste, contactez l’équipe Passerelles."
		if e == "access_denied" {
			msg = "La connexion a été annulée ou refusée par le fournisseur d’identité."
		}
		return "", &errSignIn{title: "Connexion interrompue", message: msg, cause: fmt.Errorf("provider error %q", truncateLog(e))}
	}
	ctx, cancel := context.WithTimeout(r.Context(), 3*a.cfg.ProviderTimeout)
	defer cancel()
	ctx = oidc.ClientContext(ctx, a.client)
	var opts []oauth2.AuthCodeOption
	if at.Verifier != "" {
		opts = append(opts, oauth2.VerifierOption(at.Verifier))
	}
	tok, err := a.oauth.Exchange(ctx, q.Get("code"), opts...)
	if err != nil {
		return "", &errSignIn{title: "Connexion expirée", message: "Le code de connexion a expiré ou a déjà servi. Recommencez la connexion.", cause: fmt.Errorf("code exchange: %w", err)}
	}
	rawID, _ := tok.Extra("id_token").(string)
	if rawID == "" {
		return "", refused(errors.New("no id_token in token response"))
	}
	idToken, err := a.verifier.Verify(ctx, rawID)
	if err != nil {
		return "", refused(err)
	}
	// What go-oidc leaves to the application.
	if subtle.ConstantTimeCompare([]byte(idToken.Nonce), []byte(at.Nonce)) != 1 {
		return "", refused(errors.New("nonce mismatch"))
	}
	var claims struct {
		IAT json.Number `json:"iat"`
		AZP string      `json:"azp"`
		ACR string      `json:"acr"`
	}
	if err := idToken.Claims(&claims); err != nil {
		return "", refused(err)
	}
	if idToken.Subject == "" {
		return "", refused(errors.New("id token without sub"))
	}
	if claims.IAT == "" || idToken.IssuedAt.IsZero() {
		return "", refused(errors.New("id token without iat"))
	}
	if idToken.IssuedAt.After(a.now().Add(clockLeeway)) {
		return "", refused(errors.New("id token issued in the future"))
	}
	if (len(idToken.Audience) > 1 || claims.AZP != "") && claims.AZP != a.cfg.ClientID {
		return "", refused(fmt.Errorf("azp %q is not this client", truncateLog(claims.AZP)))
	}
	if len(a.cfg.ACRValues) > 0 && !slices.Contains(a.cfg.ACRValues, claims.ACR) {
		return "", &errSignIn{title: "Niveau d’authentification insuffisant", message: "Ce service demande un niveau d’authentification plus élevé que celui utilisé. Reconnectez-vous avec un moyen plus sûr.", cause: fmt.Errorf("acr %q", truncateLog(claims.ACR))}
	}
	info, err := a.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok))
	if err != nil {
		return "", refused(fmt.Errorf("userinfo: %w", err))
	}
	if subtle.ConstantTimeCompare([]byte(info.Subject), []byte(idToken.Subject)) != 1 {
		return "", refused(errors.New("userinfo sub differs from id token sub"))
	}
	// A signed userinfo (ProConnect's) names its issuer and audience: when it does, they must
	// be the provider and this client.
	var infoClaims struct {
		Iss string           `json:"iss"`
		Aud oidcStringOrList `json:"aud"`
	}
	if err := info.Claims(&infoClaims); err != nil {
		return "", refused(err)
	}
	if infoClaims.Iss != "" && infoClaims.Iss != idToken.Issuer {
		return "", refused(errors.New("userinfo iss is not the provider"))
	}
	if len(infoClaims.Aud) > 0 && !slices.Contains([]string(infoClaims.Aud), a.cfg.ClientID) {
		return "", refused(errors.New("userinfo aud is not this client"))
	}
	id, roles, err := identityFrom(idToken, info)
	if err != nil {
		return "", refused(err)
	}
	if len(a.cfg.RequiredRoles) > 0 && !slices.ContainsFunc(roles, func(r string) bool { return slices.Contains(a.cfg.RequiredRoles, r) }) {
		return "", &errSignIn{title: "Accès réservé", message: "Passerelles est réservé aux agents publics des ministères sociaux. Votre compte ne porte pas ce rôle.", cause: errors.New("required role missing")}
	}
	member, err := a.signIn.SignIn(passerelles.NewSystemContext(ctx), id, a.cfg.BootstrapAdmins)
	if passerelles.ErrorCode(err) == passerelles.EINVALID {
		return "", refused(err) // claims that no agent could hold
	} else if err != nil {
		return "", err
	}
	// A new session id at each sign-in; a session this browser had before ends.
	if old, err := r.Cookie(a.cookieName(sessionCookie)); err == nil {
		_ = a.sessions.DeleteSession(ctx, old.Value)
	}
	token, err := a.sessions.CreateSession(ctx, member.Agent.ID, rawID, a.cfg.SessionAbsolute)
	if err != nil {
		return "", err
	}
	a.setCookie(w, sessionCookie, token, a.cfg.SessionAbsolute)
	return at.ReturnTo, nil
}

func renderAuthErrorReturn(w http.ResponseWriter, r *http.Request, status int, title, message, returnTo string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	returnTo = localPath(returnTo)
	_ = authErrorPage.Execute(w, map[string]string{"Title": title, "Message": message, "RequestID": web.RequestIDFrom(r.Context()),
		"ReturnTo": returnTo, "Login": "/auth/login?return_to=" + url.QueryEscape(returnTo)})
}

// identityFrom merges the id token's and userinfo's claims (userinfo wins) into an identity.
func identityFrom(idToken *oidc.IDToken, info *oidc.UserInfo) (passerelles.Identity, []string, error) {
	var c struct {
		GivenName         string `json:"given_name"`
		UsualName         string `json:"usual_name"`
		FamilyName        string `json:"family_name"`
		Email             string `json:"email"`
		UID               string `json:"uid"`
		Siret             string `json:"siret"`
		IdpID             string `json:"idp_id"`
		OrganizationLabel string `json:"organization_label"`
		Roles             any    `json:"roles"`
	}
	if err := idToken.Claims(&c); err != nil {
		return passerelles.Identity{}, nil, err
	}
	if err := info.Claims(&c); err != nil {
		return passerelles.Identity{}, nil, err
	}
	if c.UsualName == "" {
		c.UsualName = c.FamilyName
	}
	var roles []string
	switch v := c.Roles.(type) {
	case string:
		roles = strings.Fields(strings.ReplaceAll(v, ",", " "))
	case []any:
		for _, r := range v {
			if s, ok := r.(string); ok {
				roles = append(roles, s)
			}
		}
	}
	return passerelles.Identity{Issuer: idToken.Issuer, Subject: idToken.Subject, GivenName: c.GivenName, UsualName: c.UsualName,
		Email: c.Email, UID: c.UID, Siret: c.Siret, IdpID: c.IdpID, OrganizationLabel: c.OrganizationLabel, Roles: roles}, roles, nil
}

// Logout ends the local session, then sends the browser to the provider's end-session
// endpoint: POST /auth/logout (same origin only).
func (a *RelyingParty) Logout(w http.ResponseWriter, r *http.Request) {
	target := a.cfg.PostLogoutRedirectURL
	if c, err := r.Cookie(a.cookieName(sessionCookie)); err == nil {
		ses, err := a.sessions.FindSession(r.Context(), c.Value, a.cfg.SessionIdle)
		if err := a.sessions.DeleteSession(r.Context(), c.Value); err != nil {
			a.logger.Error("logout: delete session", "request_id", web.RequestIDFrom(r.Context()), "error", err)
		}
		if err == nil && a.endSession != "" {
			q := url.Values{"id_token_hint": {ses.IDToken}, "state": {RandomString(32)}, "post_logout_redirect_uri": {a.cfg.PostLogoutRedirectURL}}
			target = a.endSession + "?" + q.Encode()
		}
	}
	a.setCookie(w, sessionCookie, "", -1)
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// WithSession puts the signed-in person (if any) on the request's context. A cookie whose
// session expired is cleared, and the response says so (X-Session-Expired) so that the SPA
// can tell the person rather than silently show them signed out.
func (a *RelyingParty) WithSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(a.cookieName(sessionCookie))
		if err != nil || c.Value == "" {
			next.ServeHTTP(w, r)
			return
		}
		ses, err := a.sessions.FindSession(r.Context(), c.Value, a.cfg.SessionIdle)
		var m *passerelles.User
		if err == nil {
			m, err = a.signIn.FindUser(r.Context(), ses.AgentID)
		}
		if err != nil {
			if code := passerelles.ErrorCode(err); code != passerelles.EUNAUTHENTICATED && code != passerelles.ENOTFOUND {
				a.logger.Error("session lookup", "request_id", web.RequestIDFrom(r.Context()), "error", err)
				http.Error(w, "Erreur interne.", http.StatusInternalServerError)
				return
			}
			a.setCookie(w, sessionCookie, "", -1)
			w.Header().Set("X-Session-Expired", "1")
			next.ServeHTTP(w, r)
			return
		}
		ctx := passerelles.NewContextWithUser(r.Context(), m)
		ctx = resolvers.WithSignOut(ctx, func() { a.setCookie(w, sessionCookie, "", -1) })
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// clockLeeway is the clock difference tolerated with the provider (go-oidc's for nbf).
const clockLeeway = 5 * time.Minute

// oidcStringOrList reads a JWT audience, which may be one string or a list.
type oidcStringOrList []string

func (l *oidcStringOrList) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*l = []string{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*l = many
	return nil
}

func truncateLog(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

var authErrorPage = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} — Passerelles</title>
<style>body{font-family:Marianne,Arial,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#161616}
h1{font-size:1.75rem}a{color:#000091}</style></head>
<body><main><h1>{{.Title}}</h1><p>{{.Message}}</p>
<p><a href="{{.Login}}">Se connecter à nouveau</a> · <a href="{{.ReturnTo}}">Revenir à Passerelles</a></p>
{{if .RequestID}}<p><small>Identifiant de la requête : {{.RequestID}}</small></p>{{end}}</main></body></html>
`))

func RenderError(w http.ResponseWriter, r *http.Request, status int, title, message string) {
	renderAuthErrorReturn(w, r, status, title, message, "/")
}

// RefuseSignIn answers a limited sign-in request with a page like the other sign-in pages.
func RefuseSignIn(w http.ResponseWriter, r *http.Request, retryAfter time.Duration) {
	w.Header().Set("Cache-Control", "no-store")
	RenderError(w, r, http.StatusTooManyRequests, "Trop de tentatives de connexion",
		"Trop de connexions ont été demandées depuis votre adresse en peu de temps. Réessayez dans "+web.InFrench(retryAfter)+".")
}
