package main

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"passerelles"
	"passerelles/notify"
	"passerelles/server/web"
)

// Environments.
const (
	EnvDevelopment = "development"
	EnvProduction  = "production"
)

// Config is the configuration of the server, built once in main from flags and
// PASSERELLES_* environment variables (a flag wins over its variable).
type Config struct {
	Addr       string // host:port to listen on
	DBPath     string // SQLite database file
	Env        string // development or production
	BaseURL    string // public base URL, as people's browsers reach the service
	DemoAgents int    // demo agents to generate at start (development only)
	LogFormat  string // text or json
	LogLevel   string // debug, info, warn, error
	// ContactEmail is where people write about the service, their data or its
	// accessibility; the legal pages give it. Development defaults to DemoContactEmail;
	// production requires it.
	ContactEmail string

	// Sign-in. Without an issuer, development uses the embedded provider (server/devidp).
	OIDCIssuer                string
	OIDCClientID              string
	OIDCClientSecret          string
	OIDCClientSecretFile      string
	OIDCRedirectURL           string // default <base>/auth/callback
	OIDCPostLogoutRedirectURL string // default <base>/
	OIDCScopes                []string
	OIDCACRValues             []string
	OIDCRequiredRoles         []string
	AdminSubjects             []string // bootstrap administrators: subjects of the issuer
	SessionIdle               time.Duration
	SessionAbsolute           time.Duration

	// Sign-in state and abuse limits.
	SignInStateKey     []byte         // seals sign-in cookies (32 bytes); nil: generated into the database at first start
	SignInStateKeyFile string         // file holding the key (base64 or hex)
	TrustedProxies     []netip.Prefix // peers whose X-Forwarded-For names the client address
	RateSignIn         web.RateLimit  // per client address, on each of /auth/login and /auth/callback
	RateMutations      web.RateLimit  // GraphQL mutations, per person signed in, else per client address
	RateExport         web.RateLimit  // /me/export.json, per person signed in, else per client address
	RateNewDocuments   web.RateLimit  // GraphQL documents not yet in the cache (parsed and validated), per person or address
	RateCalendarFeed   web.RateLimit  // GET /calendar/me/{token}.ics, per client address (the feed has no session)
	// GraphQLIntrospection says whether the GraphQL API answers introspection queries
	// (__schema, __type); nil means the environment's default, which Validate fills in: on
	// in development, off in production.
	GraphQLIntrospection *bool

	// SMTP is the server that sends notifications by email; no host means no email.
	SMTP notify.SMTPConfig
	// EmailInterval is how often the email worker looks for notifications due.
	EmailInterval time.Duration

	// DevClockOffset shifts the service's clock (what every rule about time compares with:
	// events upcoming or past, registration deadlines, attendance, sessions, notifications,
	// calendar stamps, demo data) by this much, to see the application as it will be after
	// an event — for the end-to-end tests and demonstrations. Refused unless the embedded
	// development identity provider is in use (Validate): no real person's data is ever
	// judged by a shifted clock.
	DevClockOffset time.Duration

	derivedBaseURL, derivedRedirect, derivedPostLogout bool // filled from the address by Validate
}

// ListeningOn updates the URLs that Validate derived from the configured address once the
// real address is known (an address with port 0 gets its port when listening).
func (c *Config) ListeningOn(addr string) {
	if !c.derivedBaseURL {
		return
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	c.BaseURL = "http://" + net.JoinHostPort(host, port)
	if c.derivedRedirect {
		c.OIDCRedirectURL = c.BaseURL + "/auth/callback"
	}
	if c.derivedPostLogout {
		c.OIDCPostLogoutRedirectURL = c.BaseURL + "/"
	}
}

// Introspection reports whether the GraphQL API answers introspection queries: the
// setting when given, else only in development.
func (c *Config) Introspection() bool {
	if c.GraphQLIntrospection != nil {
		return *c.GraphQLIntrospection
	}
	return c.Env == EnvDevelopment
}

// list splits a comma- or space-separated setting.
func list(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
}

// envDefault returns the environment variable name's value, or def.
func envDefault(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

// durationEnv reads a duration variable, or def when it is unset or unreadable (an
// unreadable one is reported by flag parsing of the same text).
func durationEnv(name string, def time.Duration) time.Duration {
	if v, ok := os.LookupEnv(name); ok {
		if d, err := time.ParseDuration(v); err == nil {
			return d
		}
	}
	return def
}

// parseServeConfig reads the configuration of the serve command.
func parseServeConfig(args []string) (Config, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var c Config
	fs.StringVar(&c.Addr, "addr", envDefault("PASSERELLES_ADDR", "127.0.0.1:8080"), "address to listen on (PASSERELLES_ADDR)")
	fs.StringVar(&c.DBPath, "db", envDefault("PASSERELLES_DB", "passerelles.db"), "SQLite database file (PASSERELLES_DB)")
	fs.StringVar(&c.Env, "env", envDefault("PASSERELLES_ENV", EnvDevelopment), "development or production (PASSERELLES_ENV)")
	fs.StringVar(&c.BaseURL, "base-url", envDefault("PASSERELLES_BASE_URL", ""), "public base URL, e.g. https://passerelles.example.gouv.fr (PASSERELLES_BASE_URL); in development defaults to http://<addr>")
	demo := envDefault("PASSERELLES_DEMO_AGENTS", "")
	fs.StringVar(&demo, "demo-agents", demo, "demo agents to generate at start; default 300 in development, 0 in production (PASSERELLES_DEMO_AGENTS)")
	fs.StringVar(&c.LogFormat, "log-format", envDefault("PASSERELLES_LOG_FORMAT", ""), "text or json; default text in development, json in production (PASSERELLES_LOG_FORMAT)")
	fs.StringVar(&c.LogLevel, "log-level", envDefault("PASSERELLES_LOG_LEVEL", "info"), "debug, info, warn or error (PASSERELLES_LOG_LEVEL)")
	fs.StringVar(&c.ContactEmail, "contact-email", envDefault("PASSERELLES_CONTACT_EMAIL", ""), "address the legal pages give for questions about the service, personal data and accessibility; required in production, default "+DemoContactEmail+" in development (PASSERELLES_CONTACT_EMAIL)")
	fs.StringVar(&c.OIDCIssuer, "oidc-issuer", envDefault("PASSERELLES_OIDC_ISSUER", ""), "OpenID provider issuer URL; empty in development means the embedded demo provider (PASSERELLES_OIDC_ISSUER)")
	fs.StringVar(&c.OIDCClientID, "oidc-client-id", envDefault("PASSERELLES_OIDC_CLIENT_ID", ""), "client id registered with the provider (PASSERELLES_OIDC_CLIENT_ID)")
	c.OIDCClientSecret = envDefault("PASSERELLES_OIDC_CLIENT_SECRET", "") // never a flag: it would show in ps
	fs.StringVar(&c.OIDCClientSecretFile, "oidc-client-secret-file", envDefault("PASSERELLES_OIDC_CLIENT_SECRET_FILE", ""), "file holding the client secret (PASSERELLES_OIDC_CLIENT_SECRET_FILE; or PASSERELLES_OIDC_CLIENT_SECRET)")
	fs.StringVar(&c.OIDCRedirectURL, "oidc-redirect-url", envDefault("PASSERELLES_OIDC_REDIRECT_URL", ""), "callback URL registered with the provider; default <base-url>/auth/callback (PASSERELLES_OIDC_REDIRECT_URL)")
	fs.StringVar(&c.OIDCPostLogoutRedirectURL, "oidc-post-logout-redirect-url", envDefault("PASSERELLES_OIDC_POST_LOGOUT_REDIRECT_URL", ""), "where the provider sends people after sign-out; default <base-url>/ (PASSERELLES_OIDC_POST_LOGOUT_REDIRECT_URL)")
	scopes := envDefault("PASSERELLES_OIDC_SCOPES", "openid email given_name usual_name uid siret idp_id organizational_unit")
	fs.StringVar(&scopes, "oidc-scopes", scopes, "scopes asked for, space separated (PASSERELLES_OIDC_SCOPES)")
	acr := envDefault("PASSERELLES_OIDC_ACR_VALUES", "")
	fs.StringVar(&acr, "oidc-acr-values", acr, "required acr values, sent in the claims parameter, e.g. eidas1 (PASSERELLES_OIDC_ACR_VALUES)")
	roles := envDefault("PASSERELLES_OIDC_REQUIRED_ROLES", "")
	fs.StringVar(&roles, "oidc-required-roles", roles, "sign in only people whose roles claim holds one of these, e.g. agent_public (PASSERELLES_OIDC_REQUIRED_ROLES)")
	admins := envDefault("PASSERELLES_ADMIN_SUBJECTS", "")
	fs.StringVar(&admins, "admin-subjects", admins, "subjects (sub) of the provider made administrators at sign-in (PASSERELLES_ADMIN_SUBJECTS)")
	fs.DurationVar(&c.SessionIdle, "session-idle", durationEnv("PASSERELLES_SESSION_IDLE", 30*time.Minute), "a session ends after this long without activity (PASSERELLES_SESSION_IDLE)")
	fs.DurationVar(&c.SessionAbsolute, "session-absolute", durationEnv("PASSERELLES_SESSION_ABSOLUTE", 12*time.Hour), "a session ends this long after sign-in, whatever the activity (PASSERELLES_SESSION_ABSOLUTE)")
	c.SignInStateKeyFile = envDefault("PASSERELLES_SIGNIN_STATE_KEY_FILE", "")
	fs.StringVar(&c.SignInStateKeyFile, "signin-state-key-file", c.SignInStateKeyFile, "file holding the key that seals sign-in cookies: 32 random bytes in base64 or hex; default a key generated into the database (PASSERELLES_SIGNIN_STATE_KEY_FILE; or PASSERELLES_SIGNIN_STATE_KEY)")
	proxies := envDefault("PASSERELLES_TRUSTED_PROXIES", "")
	fs.StringVar(&proxies, "trusted-proxies", proxies, "addresses or CIDR blocks of the reverse proxies whose X-Forwarded-For names the client, e.g. 10.0.0.0/8 (PASSERELLES_TRUSTED_PROXIES)")
	rateSignIn := envDefault("PASSERELLES_RATE_SIGNIN", DefaultRateSignIn.String())
	fs.StringVar(&rateSignIn, "rate-signin", rateSignIn, "sign-in starts and callbacks allowed per client address, as requests/duration or off (PASSERELLES_RATE_SIGNIN)")
	rateMutations := envDefault("PASSERELLES_RATE_MUTATIONS", DefaultRateMutations.String())
	fs.StringVar(&rateMutations, "rate-mutations", rateMutations, "GraphQL mutations allowed per person (per client address when anonymous), as requests/duration or off (PASSERELLES_RATE_MUTATIONS)")
	rateExport := envDefault("PASSERELLES_RATE_EXPORT", DefaultRateExport.String())
	fs.StringVar(&rateExport, "rate-export", rateExport, "downloads of /me/export.json allowed per person, as requests/duration or off (PASSERELLES_RATE_EXPORT)")
	rateDocuments := envDefault("PASSERELLES_RATE_DOCUMENTS", DefaultRateNewDocuments.String())
	fs.StringVar(&rateDocuments, "rate-documents", rateDocuments, "GraphQL documents not seen before (parsed and validated, the costly part) allowed per person (per client address when anonymous), as requests/duration or off (PASSERELLES_RATE_DOCUMENTS)")
	rateCalendar := envDefault("PASSERELLES_RATE_CALENDAR", DefaultRateCalendarFeed.String())
	fs.StringVar(&rateCalendar, "rate-calendar", rateCalendar, "personal calendar feed requests (GET /calendar/me/…) allowed per client address, as requests/duration or off (PASSERELLES_RATE_CALENDAR)")
	introspection := envDefault("PASSERELLES_GRAPHQL_INTROSPECTION", "")
	fs.StringVar(&introspection, "graphql-introspection", introspection, "answer GraphQL introspection queries: true or false; default true in development, false in production (PASSERELLES_GRAPHQL_INTROSPECTION)")
	clockOffset := envDefault("PASSERELLES_DEV_CLOCK_OFFSET", "")
	fs.StringVar(&clockOffset, "dev-clock-offset", clockOffset, "development only, with the embedded identity provider: shift the service's clock by this Go duration, e.g. 50h or -2h30m (PASSERELLES_DEV_CLOCK_OFFSET)")
	finishSMTP := smtpFlags(fs, &c.SMTP, &c.EmailInterval)
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if err := finishSMTP(); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	c.OIDCScopes, c.OIDCACRValues, c.OIDCRequiredRoles, c.AdminSubjects = list(scopes), list(acr), list(roles), list(admins)
	if c.OIDCClientSecretFile != "" {
		b, err := os.ReadFile(c.OIDCClientSecretFile)
		if err != nil {
			return c, fmt.Errorf("client secret file: %w", err)
		}
		c.OIDCClientSecret = strings.TrimSpace(string(b))
	}
	var errs []error
	var err error
	keyText := envDefault("PASSERELLES_SIGNIN_STATE_KEY", "") // never a flag: it would show in ps
	if c.SignInStateKeyFile != "" {
		b, err := os.ReadFile(c.SignInStateKeyFile)
		if err != nil {
			return c, fmt.Errorf("sign-in state key file: %w", err)
		}
		keyText = string(b)
	}
	if keyText != "" {
		if c.SignInStateKey, err = parseSignInStateKey(keyText); err != nil {
			errs = append(errs, err)
		}
	}
	trusted, err := web.ParseTrustedProxies(proxies)
	if err != nil {
		errs = append(errs, fmt.Errorf("%w (PASSERELLES_TRUSTED_PROXIES or -trusted-proxies)", err))
	}
	c.TrustedProxies = trusted
	for _, r := range []struct {
		dst        *web.RateLimit
		text, name string
	}{{&c.RateSignIn, rateSignIn, "SIGNIN"}, {&c.RateMutations, rateMutations, "MUTATIONS"}, {&c.RateExport, rateExport, "EXPORT"}, {&c.RateNewDocuments, rateDocuments, "DOCUMENTS"}, {&c.RateCalendarFeed, rateCalendar, "CALENDAR"}} {
		l, err := web.ParseRateLimit(r.text)
		if err != nil {
			errs = append(errs, fmt.Errorf("%w (PASSERELLES_RATE_%s or -rate-%s)", err, r.name, strings.ToLower(r.name)))
			continue // Validate then fills the default, without a second message
		}
		*r.dst = l
	}
	if introspection != "" {
		on, err := strconv.ParseBool(introspection)
		if err != nil {
			return c, fmt.Errorf("GraphQL introspection: %q is neither true nor false (PASSERELLES_GRAPHQL_INTROSPECTION or -graphql-introspection)", introspection)
		}
		c.GraphQLIntrospection = &on
	}
	if clockOffset != "" {
		// Parsed here rather than by the flag package, so that an unreadable variable is
		// an error rather than no offset at all.
		d, err := time.ParseDuration(clockOffset)
		if err != nil {
			return c, fmt.Errorf("dev clock offset: %q is not a Go duration such as 50h or -2h30m (PASSERELLES_DEV_CLOCK_OFFSET or -dev-clock-offset)", clockOffset)
		}
		c.DevClockOffset = d
	}
	if demo == "" {
		c.DemoAgents = -1 // decided by the environment in Validate
	} else {
		n, err := strconv.Atoi(demo)
		if err != nil {
			return c, fmt.Errorf("demo agents: %q is not a whole number", demo)
		}
		c.DemoAgents = n
	}
	return c, errors.Join(append(errs, c.Validate())...)
}

// DemoContactEmail is the contact address of a development server: a demonstration
// address, never a real mailbox, which production must replace (PASSERELLES_CONTACT_EMAIL).
const DemoContactEmail = "passerelles@demo.gouv.fr"

// Default rate limits: generous for a person using the application (and for the browser
// tests, which sign in many personas quickly from 127.0.0.1), and for a ministry whose
// thousands of agents reach the service from one translated address at 9 a.m.; yet a
// flood is cut to a few requests a second.
var (
	DefaultRateSignIn    = web.RateLimit{Events: 300, Per: time.Minute}
	DefaultRateMutations = web.RateLimit{Events: 300, Per: time.Minute}
	DefaultRateExport    = web.RateLimit{Events: 30, Per: time.Hour}
	// DefaultRateNewDocuments bounds the CPU one client can take with documents the cache
	// has not seen: parsing and validating a dense 10 KB document costs about 80 ms, a cached
	// one nothing. The SPA uses a few dozen documents in all; 600 a minute lets a developer's
	// GraphiQL and the test suites through and keeps one client under a core.
	DefaultRateNewDocuments = web.RateLimit{Events: 600, Per: time.Minute}
	// DefaultRateCalendarFeed is counted per client address, since a feed is fetched
	// without a session: by the calendar servers of a provider (one address for many
	// subscribers) or by the desktop applications of a ministry behind one translated
	// address. 30 000 agents polling every 30 minutes from one address make 1 000 requests
	// a minute; each costs one small read. Guessing a token is hopeless anyway (256 bits):
	// the limit only keeps one client from taking the database's readers.
	DefaultRateCalendarFeed = web.RateLimit{Events: 1200, Per: time.Minute}
)

// parseSignInStateKey reads the key sealing sign-in cookies: 32 bytes as 64 hex digits or
// in base64 (standard or URL alphabet, padded or not), as `openssl rand -base64 32` writes.
func parseSignInStateKey(text string) ([]byte, error) {
	text = strings.TrimSpace(text)
	var key []byte
	if b, err := hex.DecodeString(text); err == nil && len(text) == 64 {
		key = b
	} else {
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
			if b, err := enc.DecodeString(text); err == nil {
				key = b
				break
			}
		}
	}
	if len(key) != 32 {
		return nil, errors.New("sign-in state key: want 32 random bytes in base64 or hex, e.g. from `openssl rand -base64 32` (PASSERELLES_SIGNIN_STATE_KEY or PASSERELLES_SIGNIN_STATE_KEY_FILE)")
	}
	if distinct := len(slices.Compact(slices.Sorted(slices.Values(key)))); distinct < 8 {
		return nil, fmt.Errorf("sign-in state key: %d distinct bytes out of 32 does not look random; generate it with `openssl rand -base64 32` (PASSERELLES_SIGNIN_STATE_KEY or PASSERELLES_SIGNIN_STATE_KEY_FILE)", distinct)
	}
	return key, nil
}

// checkDevClock refuses a shifted clock unless the embedded development identity provider
// signs people in (development without an issuer): only its demo personas then use the
// service, and no real person's registrations, sessions or notifications are judged by a
// clock that lies.
func (c *Config) checkDevClock() error {
	if c.DevClockOffset != 0 && (c.Env != EnvDevelopment || c.OIDCIssuer != "") {
		return fmt.Errorf("dev clock offset %s: only in development with the embedded identity provider (no PASSERELLES_OIDC_ISSUER); unset PASSERELLES_DEV_CLOCK_OFFSET or -dev-clock-offset", c.DevClockOffset)
	}
	return nil
}

// Validate checks the configuration and fills environment-dependent defaults. Its
// messages say what to change.
func (c *Config) Validate() error {
	var errs []error
	switch c.Env {
	case EnvDevelopment, EnvProduction:
	default:
		errs = append(errs, fmt.Errorf("environment %q: use %q or %q (PASSERELLES_ENV or -env)", c.Env, EnvDevelopment, EnvProduction))
	}
	host, port, err := net.SplitHostPort(c.Addr)
	if err != nil {
		errs = append(errs, fmt.Errorf("address %q: want host:port, e.g. 127.0.0.1:8080 (PASSERELLES_ADDR or -addr)", c.Addr))
	} else if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		errs = append(errs, fmt.Errorf("address %q: the port must be a number from 0 to 65535", c.Addr))
	}
	if strings.TrimSpace(c.DBPath) == "" {
		errs = append(errs, errors.New("database path is empty (PASSERELLES_DB or -db)"))
	}
	if c.BaseURL == "" && c.Env == EnvDevelopment && err == nil {
		if host == "" || host == "0.0.0.0" || host == "::" {
			host = "127.0.0.1"
		}
		c.BaseURL = "http://" + net.JoinHostPort(host, port)
		c.derivedBaseURL = true
	}
	if u, err := url.Parse(c.BaseURL); c.BaseURL == "" || err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") || u.RawQuery != "" || u.Fragment != "" {
		errs = append(errs, fmt.Errorf("base URL %q: want an absolute http(s) URL without query, e.g. https://passerelles.example.gouv.fr (PASSERELLES_BASE_URL or -base-url)", c.BaseURL))
	} else {
		if c.Env == EnvProduction && u.Scheme != "https" {
			errs = append(errs, fmt.Errorf("base URL %q: production requires https", c.BaseURL))
		}
		c.BaseURL = strings.TrimSuffix(c.BaseURL, "/")
	}
	switch {
	case c.DemoAgents == -1 && c.Env == EnvProduction:
		c.DemoAgents = 0
	case c.DemoAgents == -1:
		c.DemoAgents = 300
	case c.DemoAgents < 0 || c.DemoAgents > 2_000_000:
		errs = append(errs, fmt.Errorf("demo agents: %d is out of range 0–2 000 000", c.DemoAgents))
	case c.DemoAgents > 0 && c.Env == EnvProduction:
		errs = append(errs, errors.New("demo agents: production never generates demo data; set PASSERELLES_DEMO_AGENTS=0"))
	}
	switch {
	case c.ContactEmail == "" && c.Env == EnvProduction:
		errs = append(errs, errors.New("contact address: production needs the address its legal pages give, e.g. passerelles@sg.social.gouv.fr (PASSERELLES_CONTACT_EMAIL or -contact-email)"))
	case c.ContactEmail == "":
		c.ContactEmail = DemoContactEmail
	default:
		if err := (&passerelles.Site{ContactEmail: c.ContactEmail}).Validate(); err != nil {
			errs = append(errs, fmt.Errorf("contact address %q: want one bare e-mail address such as passerelles@sg.social.gouv.fr (PASSERELLES_CONTACT_EMAIL or -contact-email)", c.ContactEmail))
		}
	}
	if err := c.checkDevClock(); err != nil {
		errs = append(errs, err)
	}
	if c.OIDCIssuer == "" && c.Env == EnvProduction {
		errs = append(errs, errors.New("sign-in: production needs an OpenID provider (PASSERELLES_OIDC_ISSUER, e.g. ProConnect's); the embedded demo provider is for development only"))
	}
	if c.OIDCIssuer != "" {
		if u, err := url.Parse(c.OIDCIssuer); err != nil || u.Host == "" || (u.Scheme != "https" && !(c.Env == EnvDevelopment && u.Scheme == "http")) {
			errs = append(errs, fmt.Errorf("OIDC issuer %q: want an https URL (PASSERELLES_OIDC_ISSUER)", c.OIDCIssuer))
		}
		if c.OIDCClientID == "" {
			errs = append(errs, errors.New("OIDC client id is empty (PASSERELLES_OIDC_CLIENT_ID)"))
		}
		if c.OIDCClientSecret == "" {
			errs = append(errs, errors.New("OIDC client secret is empty (PASSERELLES_OIDC_CLIENT_SECRET or PASSERELLES_OIDC_CLIENT_SECRET_FILE)"))
		}
		if !slices.Contains(c.OIDCScopes, "openid") {
			errs = append(errs, errors.New("OIDC scopes must include openid (PASSERELLES_OIDC_SCOPES)"))
		}
	}
	if c.OIDCRedirectURL == "" {
		c.OIDCRedirectURL = c.BaseURL + "/auth/callback"
		c.derivedRedirect = true
	}
	if c.OIDCPostLogoutRedirectURL == "" {
		c.OIDCPostLogoutRedirectURL = c.BaseURL + "/"
		c.derivedPostLogout = true
	}
	if c.SessionIdle == 0 {
		c.SessionIdle = 30 * time.Minute
	}
	if c.SessionAbsolute == 0 {
		c.SessionAbsolute = 12 * time.Hour
	}
	if len(c.OIDCScopes) == 0 {
		c.OIDCScopes = []string{"openid", "email", "given_name", "usual_name", "uid", "siret", "idp_id", "organizational_unit"}
	}
	if c.SessionIdle < time.Minute || c.SessionAbsolute < c.SessionIdle || c.SessionAbsolute > 30*24*time.Hour {
		errs = append(errs, fmt.Errorf("sessions: idle %s and absolute %s: want 1 min ≤ idle ≤ absolute ≤ 30 days (PASSERELLES_SESSION_IDLE, PASSERELLES_SESSION_ABSOLUTE)", c.SessionIdle, c.SessionAbsolute))
	}
	if c.SignInStateKey != nil && len(c.SignInStateKey) != 32 {
		errs = append(errs, fmt.Errorf("sign-in state key: %d bytes, want 32 (PASSERELLES_SIGNIN_STATE_KEY or PASSERELLES_SIGNIN_STATE_KEY_FILE)", len(c.SignInStateKey)))
	}
	for _, r := range []struct {
		l    *web.RateLimit
		def  web.RateLimit
		name string
	}{{&c.RateSignIn, DefaultRateSignIn, "SIGNIN"}, {&c.RateMutations, DefaultRateMutations, "MUTATIONS"}, {&c.RateExport, DefaultRateExport, "EXPORT"}, {&c.RateNewDocuments, DefaultRateNewDocuments, "DOCUMENTS"}, {&c.RateCalendarFeed, DefaultRateCalendarFeed, "CALENDAR"}} {
		if *r.l == (web.RateLimit{}) {
			*r.l = r.def
		} else if err := r.l.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("%w (PASSERELLES_RATE_%s)", err, r.name))
		}
	}
	if err := validateSMTP(&c.SMTP, c.Env, c.EmailInterval); err != nil {
		errs = append(errs, err)
	}
	if c.GraphQLIntrospection == nil {
		on := c.Env == EnvDevelopment
		c.GraphQLIntrospection = &on
	}
	if c.LogFormat == "" {
		c.LogFormat = "text"
		if c.Env == EnvProduction {
			c.LogFormat = "json"
		}
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("log format %q: use text or json", c.LogFormat))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("log level %q: use debug, info, warn or error", c.LogLevel))
	}
	return errors.Join(errs...)
}
