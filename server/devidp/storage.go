package devidp

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// Errors of the storage. op turns them into OAuth errors; the sign-in page into French.
var (
	errNotFound        = errors.New("devidp: not found or expired")
	errBrowserMismatch = errors.New("devidp: sign-in form sent by another browser")
	errAlreadyDone     = errors.New("devidp: authorization request already completed")
	errUnknownPersona  = errors.New("devidp: unknown persona")
	errCodeReplayed    = errors.New("devidp: authorization code already used")
	errNotSupported    = errors.New("devidp: not supported by the development provider")
)

// storage is the provider's op.Storage: one client, the personas, and in memory the
// authorization requests, codes and access tokens, each with an expiry. All its state is
// behind mu, and what it hands to op is a copy, so that op never reads a value another
// request is changing.
type storage struct {
	client   *client
	personas map[string]Persona
	now      func() time.Time

	mu           sync.Mutex
	authRequests map[string]*authRequest
	codes        map[string]codeGrant // live codes
	spentCodes   map[string]codeGrant // used codes, kept to detect replays
	accessTokens map[string]*accessToken
	keys         []signingKey // the last one signs; all are published
}

// codeGrant is an authorization code: which request it completes, until when.
type codeGrant struct {
	authRequestID string
	expires       time.Time
}

// accessToken is what an opaque access token (op encrypts "id:subject") stands for.
type accessToken struct {
	id            string
	subject       string
	clientID      string
	authRequestID string
	scopes        []string
	expires       time.Time
}

func newStorage(cl *client, personas []Persona, key *rsa.PrivateKey, now func() time.Time) (*storage, error) {
	s := &storage{
		client:       cl,
		personas:     make(map[string]Persona, len(personas)),
		now:          now,
		authRequests: make(map[string]*authRequest),
		codes:        make(map[string]codeGrant),
		spentCodes:   make(map[string]codeGrant),
		accessTokens: make(map[string]*accessToken),
	}
	for _, p := range personas {
		p.Roles = slices.Clone(p.Roles)
		s.personas[p.Subject] = p
	}
	if err := s.rotateKey(key); err != nil {
		return nil, err
	}
	return s, nil
}

// rotateKey makes key the signing key. The previous key stays published, so that tokens it
// signed still verify; older ones are dropped.
func (s *storage) rotateKey(key *rsa.PrivateKey) error {
	thumb, err := (&jose.JSONWebKey{Key: &key.PublicKey}).Thumbprint(crypto.SHA256)
	if err != nil {
		return fmt.Errorf("devidp: key thumbprint: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys = append(s.keys, signingKey{id: base64.RawURLEncoding.EncodeToString(thumb), key: key})
	if len(s.keys) > 2 {
		s.keys = s.keys[len(s.keys)-2:]
	}
	return nil
}

// randomID returns 256 random bits as text (base32, safe in URLs and forms).
func randomID() string {
	return rand.Text() + rand.Text()
}

// sweepLocked forgets what has expired. The maps stay small in development, so a full pass
// on each write is cheap and needs no background goroutine.
func (s *storage) sweepLocked(now time.Time) {
	for id, ar := range s.authRequests {
		if now.After(ar.expires) {
			delete(s.authRequests, id)
		}
	}
	for code, g := range s.codes {
		if now.After(g.expires) {
			delete(s.codes, code)
		}
	}
	for code, g := range s.spentCodes {
		if now.After(g.expires) {
			delete(s.spentCodes, code)
		}
	}
	for id, t := range s.accessTokens {
		if now.After(t.expires) {
			delete(s.accessTokens, id)
		}
	}
}

// liveAuthRequestLocked returns the unexpired request id.
func (s *storage) liveAuthRequestLocked(id string) (*authRequest, error) {
	ar, ok := s.authRequests[id]
	if !ok || s.now().After(ar.expires) {
		return nil, errNotFound
	}
	return ar, nil
}

// CreateAuthRequest stores a validated authorization request, after the checks op leaves to
// storage: ProConnect's required state and nonce, S256 as the only PKCE method, the query
// response mode, and no prompt=none since this provider keeps no session.
func (s *storage) CreateAuthRequest(_ context.Context, req *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	switch {
	case !slices.Contains(req.Scopes, oidc.ScopeOpenID):
		return nil, oidc.ErrInvalidScope().WithDescription("the openid scope is required")
	case req.State == "":
		return nil, oidc.ErrInvalidRequest().WithDescription("state is required")
	case req.Nonce == "":
		return nil, oidc.ErrInvalidRequest().WithDescription("nonce is required")
	case req.CodeChallenge != "" && req.CodeChallengeMethod != oidc.CodeChallengeMethodS256:
		return nil, oidc.ErrInvalidRequest().WithDescription("only the S256 code_challenge_method is supported")
	case req.ResponseMode != "" && req.ResponseMode != oidc.ResponseModeQuery:
		return nil, oidc.ErrInvalidRequest().WithDescription("only the query response_mode is supported")
	case slices.Contains(req.Prompt, oidc.PromptNone):
		return nil, oidc.ErrLoginRequired().WithDescription("the development provider keeps no session")
	case clientTextBytes(req) > maxAuthRequestBytes:
		return nil, oidc.ErrInvalidRequest().WithDescription("the authorization request is too large")
	}
	ar := &authRequest{
		id:           randomID(),
		clientID:     req.ClientID,
		redirectURI:  req.RedirectURI,
		state:        req.State,
		nonce:        req.Nonce,
		scopes:       slices.Clone(req.Scopes),
		responseType: req.ResponseType,
	}
	if req.CodeChallenge != "" {
		ar.codeChallenge = &oidc.CodeChallenge{Challenge: req.CodeChallenge, Method: req.CodeChallengeMethod}
	}
	now := s.now()
	ar.expires = now.Add(authRequestLifetime)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweepLocked(now)
	for len(s.authRequests) >= maxAuthRequests {
		var first *authRequest
		for _, r := range s.authRequests {
			if first == nil || r.expires.Before(first.expires) {
				first = r
			}
		}
		delete(s.authRequests, first.id)
	}
	s.authRequests[ar.id] = ar
	return ar.clone(), nil
}

// clientTextBytes is the size of what the client wrote into an authorization request and
// the storage would keep.
func clientTextBytes(req *oidc.AuthRequest) int {
	n := len(req.State) + len(req.Nonce) + len(req.CodeChallenge)
	for _, s := range req.Scopes {
		n += len(s) + 1
	}
	return n
}

// AuthRequestByID returns the unexpired request id.
func (s *storage) AuthRequestByID(_ context.Context, id string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ar, err := s.liveAuthRequestLocked(id)
	if err != nil {
		return nil, err
	}
	return ar.clone(), nil
}

// AuthRequestByCode returns the completed request that code, live and unused, was made
// for. The code is spent only when tokens are created for it (CreateAccessToken), so that a
// failed client authentication does not burn it: oauth2's auto-detection retries with the
// other client authentication method. Presenting a spent code fails and revokes the access
// tokens it gave (RFC 6749 §4.1.2).
func (s *storage) AuthRequestByCode(_ context.Context, code string) (op.AuthRequest, error) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if spent, ok := s.spentCodes[code]; ok {
		for id, t := range s.accessTokens {
			if t.authRequestID == spent.authRequestID {
				delete(s.accessTokens, id)
			}
		}
		return nil, errCodeReplayed
	}
	g, ok := s.codes[code]
	if !ok || now.After(g.expires) {
		return nil, errNotFound
	}
	ar, err := s.liveAuthRequestLocked(g.authRequestID)
	if err != nil {
		return nil, err
	}
	if !ar.done || ar.code != code {
		return nil, errNotFound
	}
	return ar.clone(), nil
}

// SaveAuthCode records the code op made for the completed request id; one code per request.
func (s *storage) SaveAuthCode(_ context.Context, id, code string) error {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	ar, err := s.liveAuthRequestLocked(id)
	if err != nil {
		return err
	}
	if !ar.done || ar.code != "" {
		return errAlreadyDone
	}
	ar.code = code
	s.codes[code] = codeGrant{authRequestID: id, expires: now.Add(codeLifetime)}
	return nil
}

// DeleteAuthRequest forgets request id, once its code is exchanged.
func (s *storage) DeleteAuthRequest(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.authRequests, id)
	return nil
}

// bindBrowser ties the unexpired, not yet completed request id to the browser showing its
// sign-in page: only a form sent with the same binding cookie can complete it. Showing the
// page again rebinds it: the last browser to display it is the one that may answer.
func (s *storage) bindBrowser(id, binding string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ar, err := s.liveAuthRequestLocked(id)
	if err != nil {
		return err
	}
	if ar.done {
		return errAlreadyDone
	}
	ar.browserBinding = binding
	return nil
}

// takeForBrowserLocked checks that request id is live, not completed and bound to binding.
func (s *storage) takeForBrowserLocked(id, binding string) (*authRequest, error) {
	ar, err := s.liveAuthRequestLocked(id)
	if err != nil {
		return nil, err
	}
	if ar.done {
		return nil, errAlreadyDone
	}
	if ar.browserBinding == "" || subtle.ConstantTimeCompare([]byte(ar.browserBinding), []byte(binding)) != 1 {
		return nil, errBrowserMismatch
	}
	return ar, nil
}

// complete signs the browser holding binding in as persona subject on request id.
func (s *storage) complete(id, binding, subject string) (*authRequest, error) {
	if _, ok := s.personas[subject]; !ok {
		return nil, errUnknownPersona
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	ar, err := s.takeForBrowserLocked(id, binding)
	if err != nil {
		return nil, err
	}
	ar.subject = subject
	ar.authTime = now
	ar.done = true
	return ar.clone(), nil
}

// cancel forgets request id at the request of the browser holding binding, and returns it
// so that the error can be sent to its redirect URI.
func (s *storage) cancel(id, binding string) (*authRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ar, err := s.takeForBrowserLocked(id, binding)
	if err != nil {
		return nil, err
	}
	delete(s.authRequests, id)
	return ar.clone(), nil
}

// CreateAccessToken spends the code of a completed authorization request and records an
// access token for it. op calls it once the client, the code and the PKCE verifier are
// checked; of two concurrent exchanges of one code, only one gets here first.
func (s *storage) CreateAccessToken(_ context.Context, req op.TokenRequest) (string, time.Time, error) {
	ar, ok := req.(*authRequest)
	if !ok {
		return "", time.Time{}, errNotSupported
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	stored, err := s.liveAuthRequestLocked(ar.id)
	if err != nil {
		return "", time.Time{}, oidc.ErrInvalidGrant().WithDescription("authorization request expired").WithParent(err)
	}
	if _, live := s.codes[stored.code]; stored.code == "" || !live {
		return "", time.Time{}, oidc.ErrInvalidGrant().WithDescription("code already used").WithParent(errCodeReplayed)
	}
	delete(s.codes, stored.code)
	s.spentCodes[stored.code] = codeGrant{authRequestID: ar.id, expires: now.Add(authRequestLifetime)}
	t := &accessToken{
		id:            randomID(),
		subject:       stored.subject,
		clientID:      stored.clientID,
		authRequestID: stored.id,
		scopes:        slices.Clone(stored.scopes),
		expires:       now.Add(accessTokenLifetime),
	}
	s.sweepLocked(now)
	s.accessTokens[t.id] = t
	return t.id, t.expires, nil
}

// CreateAccessAndRefreshTokens is never called: the client may not use the refresh_token
// grant, so op asks for access tokens only.
func (s *storage) CreateAccessAndRefreshTokens(context.Context, op.TokenRequest, string) (string, string, time.Time, error) {
	return "", "", time.Time{}, errNotSupported
}

// TokenRequestByRefreshToken refuses: no refresh tokens are issued.
func (s *storage) TokenRequestByRefreshToken(context.Context, string) (op.RefreshTokenRequest, error) {
	return nil, op.ErrInvalidRefreshToken
}

// GetRefreshTokenInfo refuses: no refresh tokens are issued.
func (s *storage) GetRefreshTokenInfo(context.Context, string, string) (string, string, error) {
	return "", "", op.ErrInvalidRefreshToken
}

// TerminateSession ends the persona's sign-in at the client: its access tokens stop working.
func (s *storage) TerminateSession(_ context.Context, userID, clientID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, t := range s.accessTokens {
		if t.subject == userID && t.clientID == clientID {
			delete(s.accessTokens, id)
		}
	}
	return nil
}

// RevokeToken revokes an access token by id (the revocation endpoint is not served).
func (s *storage) RevokeToken(_ context.Context, tokenID, userID, clientID string) *oidc.Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.accessTokens[tokenID]; ok && t.subject == userID && t.clientID == clientID {
		delete(s.accessTokens, tokenID)
	}
	return nil
}

// liveAccessToken returns the unexpired access token id issued to subject.
func (s *storage) liveAccessToken(id, subject string) (accessToken, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.accessTokens[id]
	if !ok || s.now().After(t.expires) || t.subject != subject {
		return accessToken{}, errNotFound
	}
	return *t, nil
}

// SigningKey returns the current signing key.
func (s *storage) SigningKey(context.Context) (op.SigningKey, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.keys[len(s.keys)-1], nil
}

// SignatureAlgorithms lists the one algorithm used: RS256.
func (s *storage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{jose.RS256}, nil
}

// KeySet returns the public keys, current and previous.
func (s *storage) KeySet(context.Context) ([]op.Key, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := make([]op.Key, len(s.keys))
	for i, k := range s.keys {
		keys[i] = publicKey{k}
	}
	return keys, nil
}

// GetClientByClientID returns the one client.
func (s *storage) GetClientByClientID(_ context.Context, clientID string) (op.Client, error) {
	if clientID != s.client.id {
		return nil, errNotFound
	}
	return s.client, nil
}

// AuthorizeClientIDSecret checks the client's credentials in constant time.
func (s *storage) AuthorizeClientIDSecret(_ context.Context, clientID, clientSecret string) error {
	idOK := subtle.ConstantTimeCompare([]byte(clientID), []byte(s.client.id))
	secretOK := subtle.ConstantTimeCompare([]byte(clientSecret), []byte(s.client.secret))
	if idOK&secretOK != 1 {
		return errors.New("devidp: invalid client credentials")
	}
	return nil
}

// SetUserinfoFromScopes does nothing: op documents it as deprecated in favour of
// SetUserinfoFromRequest, which it calls right after.
func (s *storage) SetUserinfoFromScopes(context.Context, *oidc.UserInfo, string, string, []string) error {
	return nil
}

// SetUserinfoFromRequest puts the persona's claims in the id token. They do not depend on the
// scopes: a development provider gives the application everything it may use.
func (s *storage) SetUserinfoFromRequest(_ context.Context, info *oidc.UserInfo, req op.IDTokenRequest, _ []string) error {
	p, ok := s.personas[req.GetSubject()]
	if !ok {
		return errUnknownPersona
	}
	setPersonaClaims(info, p)
	return nil
}

// SetUserinfoFromToken fills userinfo for a live access token (op's JSON userinfo endpoint,
// which this provider replaces with a signed one).
func (s *storage) SetUserinfoFromToken(_ context.Context, info *oidc.UserInfo, tokenID, subject, _ string) error {
	if _, err := s.liveAccessToken(tokenID, subject); err != nil {
		return err
	}
	p, ok := s.personas[subject]
	if !ok {
		return errUnknownPersona
	}
	setPersonaClaims(info, p)
	return nil
}

// signedUserinfo returns the userinfo JWT for the live access token tokenID of subject.
// Returns errNotFound if the token is unknown, expired, revoked or not subject's.
func (s *storage) signedUserinfo(issuer, tokenID, subject string) (string, error) {
	t, err := s.liveAccessToken(tokenID, subject)
	if err != nil {
		return "", err
	}
	p, ok := s.personas[subject]
	if !ok {
		return "", errUnknownPersona
	}
	info := new(oidc.UserInfo)
	setPersonaClaims(info, p)
	raw, err := json.Marshal(info)
	if err != nil {
		return "", fmt.Errorf("devidp: userinfo claims: %w", err)
	}
	var claims map[string]any
	if err := json.Unmarshal(raw, &claims); err != nil {
		return "", fmt.Errorf("devidp: userinfo claims: %w", err)
	}
	claims["iss"] = issuer
	claims["aud"] = t.clientID
	claims["iat"] = s.now().Unix()
	claims["exp"] = t.expires.Unix()
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", fmt.Errorf("devidp: userinfo claims: %w", err)
	}
	key, _ := s.SigningKey(context.Background())
	signer, err := op.SignerFromKey(key)
	if err != nil {
		return "", fmt.Errorf("devidp: userinfo signer: %w", err)
	}
	jws, err := signer.Sign(payload)
	if err != nil {
		return "", fmt.Errorf("devidp: sign userinfo: %w", err)
	}
	return jws.CompactSerialize()
}

// setPersonaClaims writes p's ProConnect claims into info. Empty values are left out; roles
// is always an array.
func setPersonaClaims(info *oidc.UserInfo, p Persona) {
	info.Subject = p.Subject
	info.GivenName = p.GivenName
	info.Email = p.Email
	for _, c := range []struct{ name, value string }{
		{"usual_name", p.UsualName},
		{"uid", p.UID},
		{"siret", p.Siret},
		{"idp_id", p.IdpID},
		{"organization_label", p.OrganizationLabel},
	} {
		if c.value != "" {
			info.AppendClaims(c.name, c.value)
		}
	}
	roles := slices.Clone(p.Roles)
	if roles == nil {
		roles = []string{}
	}
	info.AppendClaims("roles", roles)
}

// SetIntrospectionFromToken refuses: the introspection endpoint is not served.
func (s *storage) SetIntrospectionFromToken(context.Context, *oidc.IntrospectionResponse, string, string, string) error {
	return errNotSupported
}

// GetPrivateClaimsFromScopes adds nothing: access tokens are opaque.
func (s *storage) GetPrivateClaimsFromScopes(context.Context, string, string, []string) (map[string]any, error) {
	return nil, nil
}

// GetKeyByIDAndClientID refuses: clients authenticate with a secret, not a JWT.
func (s *storage) GetKeyByIDAndClientID(context.Context, string, string) (*jose.JSONWebKey, error) {
	return nil, errNotSupported
}

// ValidateJWTProfileScopes refuses: the JWT profile grant is not offered.
func (s *storage) ValidateJWTProfileScopes(context.Context, string, []string) ([]string, error) {
	return nil, errNotSupported
}

// Health reports the storage ready: it is memory.
func (s *storage) Health(context.Context) error {
	return nil
}

// authRequest is an authorization request, from the authorize call to the code exchange.
type authRequest struct {
	id            string
	clientID      string
	redirectURI   string
	state         string
	nonce         string
	scopes        []string
	responseType  oidc.ResponseType
	codeChallenge *oidc.CodeChallenge
	expires       time.Time

	browserBinding string // the sign-in page's cookie value
	subject        string // the persona chosen
	authTime       time.Time
	done           bool
	code           string // the authorization code issued, once done
}

func (a *authRequest) clone() *authRequest {
	c := *a
	c.scopes = slices.Clone(a.scopes)
	if a.codeChallenge != nil {
		cc := *a.codeChallenge
		c.codeChallenge = &cc
	}
	return &c
}

func (a *authRequest) GetID() string                         { return a.id }
func (a *authRequest) GetACR() string                        { return acr }
func (a *authRequest) GetAMR() []string                      { return nil }
func (a *authRequest) GetAudience() []string                 { return []string{a.clientID} }
func (a *authRequest) GetAuthTime() time.Time                { return a.authTime }
func (a *authRequest) GetClientID() string                   { return a.clientID }
func (a *authRequest) GetCodeChallenge() *oidc.CodeChallenge { return a.codeChallenge }
func (a *authRequest) GetNonce() string                      { return a.nonce }
func (a *authRequest) GetRedirectURI() string                { return a.redirectURI }
func (a *authRequest) GetResponseType() oidc.ResponseType    { return a.responseType }
func (a *authRequest) GetResponseMode() oidc.ResponseMode    { return oidc.ResponseModeQuery }
func (a *authRequest) GetScopes() []string                   { return a.scopes }
func (a *authRequest) GetState() string                      { return a.state }
func (a *authRequest) GetSubject() string                    { return a.subject }
func (a *authRequest) Done() bool                            { return a.done }

// client is the one relying party: a confidential web application using the code flow.
type client struct {
	id                     string
	secret                 string
	redirectURIs           []string
	postLogoutRedirectURIs []string
	loginURL               string
}

func (c *client) GetID() string                       { return c.id }
func (c *client) RedirectURIs() []string              { return c.redirectURIs }
func (c *client) PostLogoutRedirectURIs() []string    { return c.postLogoutRedirectURIs }
func (c *client) ApplicationType() op.ApplicationType { return op.ApplicationTypeWeb }
func (c *client) AuthMethod() oidc.AuthMethod         { return oidc.AuthMethodBasic }
func (c *client) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}
func (c *client) GrantTypes() []oidc.GrantType        { return []oidc.GrantType{oidc.GrantTypeCode} }
func (c *client) LoginURL(id string) string           { return c.loginURL + "?id=" + url.QueryEscape(id) }
func (c *client) AccessTokenType() op.AccessTokenType { return op.AccessTokenTypeBearer }
func (c *client) IDTokenLifetime() time.Duration      { return idTokenLifetime }
func (c *client) DevMode() bool                       { return false }
func (c *client) ClockSkew() time.Duration            { return 0 }

// RestrictAdditionalIdTokenScopes keeps every scope: the id token carries all the claims.
func (c *client) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(scopes []string) []string { return scopes }
}

// RestrictAdditionalAccessTokenScopes keeps every scope.
func (c *client) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(scopes []string) []string { return scopes }
}

// IsScopeAllowed keeps ProConnect's scopes; op drops other unknown scopes.
func (c *client) IsScopeAllowed(scope string) bool { return slices.Contains(supportedScopes, scope) }

// IDTokenUserinfoClaimsAssertion puts the persona's claims in the id token as well as in
// userinfo, even though an access token is issued.
func (c *client) IDTokenUserinfoClaimsAssertion() bool { return true }

// signingKey is an RSA key signing with RS256; its id is its RFC 7638 thumbprint.
type signingKey struct {
	id  string
	key *rsa.PrivateKey
}

func (k signingKey) SignatureAlgorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k signingKey) Key() any                                    { return k.key }
func (k signingKey) ID() string                                  { return k.id }

// publicKey is a signing key's public half, as published in the JWKS.
type publicKey struct{ k signingKey }

func (p publicKey) ID() string                         { return p.k.id }
func (p publicKey) Algorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (p publicKey) Use() string                        { return "sig" }
func (p publicKey) Key() any                           { return &p.k.key.PublicKey }
