package main

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"passerelles"
	"passerelles/frontend"
	"passerelles/notify"
	"passerelles/resolvers"
	"passerelles/schema"
	"passerelles/seed"
	"passerelles/server/api"
	"passerelles/server/auth"
	"passerelles/server/devidp"
	"passerelles/server/web"
	"passerelles/sqlite"
)

// App is the assembled service: store, referentials, GraphQL API and front end.
type App struct {
	cfg    Config
	logger *slog.Logger
	db     *sqlite.DB
	svc    passerelles.Services
	spa    *web.SPA
	gql    *api.GraphQLHandler
	cal    *api.CalendarHandler

	auth       atomic.Pointer[auth.RelyingParty] // nil until discovery succeeded
	authConfig auth.Config
	devIdP     http.Handler // the embedded provider, in development without an issuer

	// Rate limits (nil: no limit); the GraphQL handler holds the one of mutations.
	loginLimit, callbackLimit, exportLimit, calendarFeedLimit *web.RateLimiter

	// emails sends notifications by email; nil when no SMTP server is configured.
	emails *notify.Worker

	// now is the service's clock: time.Now, shifted by Config.DevClockOffset in development.
	now func() time.Time
}

// NewApp opens the database (applying migrations), loads the referentials, generates the
// demo data the configuration asks for, and builds the HTTP handlers.
func NewApp(ctx context.Context, cfg Config, logger *slog.Logger) (*App, error) {
	if err := cfg.checkDevClock(); err != nil { // Validate refused it already; an App built otherwise too
		return nil, err
	}
	a := &App{cfg: cfg, logger: logger, db: sqlite.NewDB(cfg.DBPath), now: time.Now}
	if cfg.DevClockOffset != 0 {
		// Every time the service judges by (the store's, the calendars', the email
		// worker's, the demo data's) comes from this clock. Sign-in keeps the real one: its
		// times are a protocol with the provider, whose tokens carry real times.
		offset := cfg.DevClockOffset
		a.now = func() time.Time { return time.Now().Add(offset) }
		logger.Warn("development clock shifted: the service runs as if at another time", "offset", offset.String(),
			"now", a.now().Format(time.RFC3339))
	}
	a.db.Now = a.now
	if err := a.db.Open(ctx); err != nil {
		return nil, fmt.Errorf("open database %s: %w", cfg.DBPath, err)
	}
	a.svc = a.db.Services()
	ok := false
	defer func() {
		if !ok {
			a.db.Close()
		}
	}()

	start := time.Now()
	rep, err := seed.LoadReferentials(ctx, a.svc)
	if err != nil {
		return nil, fmt.Errorf("load referentials: %w", err)
	}
	logger.Info("referentials loaded", "items", rep.Items, "changed", rep.Changed, "duration", time.Since(start).Round(time.Millisecond))
	if cfg.DemoAgents > 0 {
		start = time.Now()
		drep, err := seed.GenerateDemo(ctx, a.svc, seed.DemoOptions{Agents: cfg.DemoAgents, Seed: 1, Now: a.now()})
		if err != nil {
			return nil, fmt.Errorf("generate demo data: %w", err)
		}
		logger.Info("demo data ready", "agents", cfg.DemoAgents, "agents_created", drep.AgentsCreated,
			"members_created", drep.MembersCreated, "events_created", drep.EventsCreated, "registrations_created", drep.RegistrationsCreated, "duration", time.Since(start).Round(time.Millisecond))
	}

	a.authConfig = auth.Config{Issuer: cfg.OIDCIssuer, ClientID: cfg.OIDCClientID, ClientSecret: cfg.OIDCClientSecret,
		RedirectURL: cfg.OIDCRedirectURL, PostLogoutRedirectURL: cfg.OIDCPostLogoutRedirectURL, Scopes: cfg.OIDCScopes,
		ACRValues: cfg.OIDCACRValues, RequiredRoles: cfg.OIDCRequiredRoles, BootstrapAdmins: cfg.AdminSubjects,
		SessionIdle: cfg.SessionIdle, SessionAbsolute: cfg.SessionAbsolute, SecureCookies: strings.HasPrefix(cfg.BaseURL, "https://"),
		StateKey: cfg.SignInStateKey}
	if cfg.OIDCIssuer == "" {
		if err := a.setUpDevIdP(ctx); err != nil {
			return nil, err
		}
	} else {
		// A real provider: discovery now, and no start on a mismatch.
		rp, err := auth.New(ctx, a.authConfig, a.svc.Sessions, a.svc.Users, a.svc.SignInStates, logger)
		if err != nil {
			return nil, err
		}
		a.auth.Store(rp)
	}

	dist, err := fs.Sub(frontend.Dist, "dist")
	if err != nil {
		return nil, err
	}
	routes, err := web.ParseRouteTable(frontend.Routes)
	if err != nil {
		return nil, err
	}
	if a.spa, err = web.NewSPA(dist, routes); err != nil {
		return nil, err
	}
	if cfg.SMTP.Enabled() {
		mailer, err := notify.NewMailer(cfg.SMTP)
		if err != nil {
			return nil, fmt.Errorf("email: %w", err)
		}
		a.emails = notify.NewWorker(a.svc.Notifications, mailer, cfg.BaseURL, logger)
		a.emails.Now = a.now
		if cfg.EmailInterval > 0 {
			a.emails.Interval = cfg.EmailInterval
		}
	}
	r := resolvers.New(a.svc, resolvers.WithSite(passerelles.Site{ContactEmail: cfg.ContactEmail}),
		resolvers.WithEmailNotifications(a.emails != nil),
		resolvers.WithCalendarFeedURL(func(token string) string { return cfg.BaseURL + "/calendar/me/" + token + ".ics" }))
	s, err := schema.New(r)
	if err != nil {
		return nil, fmt.Errorf("build GraphQL schema: %w", err)
	}
	sizes, err := api.ReadReferentialSizes(ctx, a.svc)
	if err != nil {
		return nil, err
	}
	// Production answers less: no suggestions of schema names in errors, and introspection
	// only when the configuration asks for it.
	a.loginLimit = web.NewRateLimiter(cfg.RateSignIn, auth.RefuseSignIn)
	a.callbackLimit = web.NewRateLimiter(cfg.RateSignIn, auth.RefuseSignIn)
	a.exportLimit = web.NewRateLimiter(cfg.RateExport, api.RefuseJSON)
	a.calendarFeedLimit = web.NewRateLimiter(cfg.RateCalendarFeed, api.RefuseText)
	if a.cal, err = api.NewCalendarHandler(a.svc.Calendars, cfg.BaseURL, logger); err != nil {
		return nil, err
	}
	a.cal.Now = a.now
	if a.gql, err = api.NewGraphQLHandler(s, r, logger, api.GraphQLOptions{Introspection: cfg.Introspection(),
		Suggestions: cfg.Env == EnvDevelopment, ReferentialSizes: sizes,
		MutationLimit: web.NewRateLimiter(cfg.RateMutations, api.RefuseJSON),
		DocumentLimit: web.NewRateLimiter(cfg.RateNewDocuments, api.RefuseJSON),
		ExportLimit:   a.exportLimit, // exportMyData is the same export as the file
	}); err != nil {
		return nil, fmt.Errorf("GraphQL handler: %w", err)
	}
	ok = true
	return a, nil
}

// setUpDevIdP builds the embedded development provider with the seed's personas, whose
// agents and roles it sets up, so that `make run` signs in with nothing else installed.
func (a *App) setUpDevIdP(ctx context.Context) error {
	if a.cfg.Env == EnvProduction {
		return fmt.Errorf("sign-in: the embedded development identity provider cannot run in production; set PASSERELLES_OIDC_ISSUER")
	}
	issuer := a.cfg.BaseURL + "/devidp"
	a.authConfig.Issuer, a.authConfig.ClientID, a.authConfig.ClientSecret = issuer, "passerelles-dev", auth.RandomString(32)
	personas := make([]devidp.Persona, len(seed.Personas))
	for i, p := range seed.Personas {
		personas[i] = devidp.Persona{Subject: p.Subject, GivenName: p.GivenName, UsualName: p.UsualName, Email: p.Email,
			UID: p.UID, Siret: p.Siret, IdpID: p.IdpID, OrganizationLabel: p.OrganizationLabel, Roles: p.Roles, Label: p.Label}
	}
	h, err := devidp.New(devidp.Config{Issuer: issuer, ClientID: a.authConfig.ClientID, ClientSecret: a.authConfig.ClientSecret,
		RedirectURIs: []string{a.cfg.OIDCRedirectURL}, PostLogoutRedirectURIs: []string{a.cfg.OIDCPostLogoutRedirectURL},
		Personas: personas, Logger: a.logger})
	if err != nil {
		return fmt.Errorf("development identity provider: %w", err)
	}
	a.devIdP = h
	if err := seed.SetUpPersonas(ctx, a.svc, issuer); err != nil {
		return err
	}
	a.logger.Info("development identity provider ready", "issuer", issuer, "personas", len(personas))
	return nil
}

// StartAuth discovers the embedded provider once the server answers (a real provider was
// discovered by NewApp already).
func (a *App) StartAuth(ctx context.Context) error {
	if a.auth.Load() != nil {
		return nil
	}
	var err error
	for attempt := 0; attempt < 20; attempt++ {
		var rp *auth.RelyingParty
		if rp, err = auth.New(ctx, a.authConfig, a.svc.Sessions, a.svc.Users, a.svc.SignInStates, a.logger); err == nil {
			a.auth.Store(rp)
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return fmt.Errorf("sign-in: %w", err)
}

// authHandler serves an auth route once sign-in is ready, else a clear 503 page.
func (a *App) authHandler(route func(*auth.RelyingParty) http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rp := a.auth.Load()
		if rp == nil {
			w.Header().Set("Retry-After", "1")
			auth.RenderError(w, r, http.StatusServiceUnavailable, "Connexion indisponible",
				"La connexion n’est pas encore prête. Réessayez dans un instant.")
			return
		}
		route(rp)(w, r)
	})
}

// withSession puts the signed-in person on the context, once sign-in is ready.
func (a *App) withSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rp := a.auth.Load(); rp != nil {
			rp.WithSession(next).ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// withLocalhostRedirect sends a browser that opened http://localhost:PORT to the base URL
// http://127.0.0.1:PORT in development: cookies are per host, so signing in through the
// other name would lose the sign-in cookie on the way back from the provider.
func (a *App) withLocalhostRedirect(next http.Handler) http.Handler {
	base, err := url.Parse(a.cfg.BaseURL)
	if err != nil || a.cfg.Env != EnvDevelopment || base.Hostname() != "127.0.0.1" {
		return next
	}
	alias := "localhost:" + base.Port()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Host == alias && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			http.Redirect(w, r, a.cfg.BaseURL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Close releases the database.
func (a *App) Close() error { return a.db.Close() }

// Handler returns the HTTP handler of every route.
func (a *App) Handler() (http.Handler, error) {
	mux := http.NewServeMux()

	// Writes only by POST with a JSON body from the same origin: Content-Type is checked by
	// the GraphQL handler, the origin here (Sec-Fetch-Site, else Origin against Host).
	cop := http.NewCrossOriginProtection()
	if u, err := url.Parse(a.cfg.BaseURL); err == nil {
		if err := cop.AddTrustedOrigin(u.Scheme + "://" + u.Host); err != nil {
			return nil, fmt.Errorf("trusted origin %s: %w", a.cfg.BaseURL, err)
		}
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		api.WriteError(w, r, http.StatusForbidden, "FORBIDDEN", "Requête d’une autre origine refusée.")
	}))
	mux.Handle("/graphql", cop.Handler(a.withSession(web.WithGzip(a.gql))))
	mux.Handle("GET /me/export.json", a.withSession(a.exportLimit.Wrap(api.ExportHandler(a.svc.Profiles, a.logger))))
	// Calendars: an event's and a community's for signed-in agents; the personal feed by
	// its secret token alone, without the session middleware, so that its limit counts
	// per client address and a cookie sent along changes nothing.
	mux.Handle("GET /calendar/events/{file}", a.withSession(a.cal.Event()))
	mux.Handle("GET /calendar/communities/{file}", a.withSession(a.cal.Community()))
	mux.Handle("GET /calendar/me/{file}", a.calendarFeedLimit.Wrap(a.cal.Feed()))
	mux.Handle("GET /exports/events/{id}/participants.csv", a.withSession(api.ParticipantsCSVHandler(a.svc.Events, a.logger)))
	// The catalogue's files, for administrators (the services check): exports, and an
	// import that is a write, so from the same origin only, like /graphql.
	mux.Handle("GET /exports/catalogue.json", a.withSession(api.CatalogueJSONHandler(a.svc.Catalogue, a.logger)))
	mux.Handle("GET /exports/catalogue.csv", a.withSession(api.CatalogueCSVHandler(a.svc.Catalogue, a.logger)))
	mux.Handle("POST /imports/catalogue", cop.Handler(a.withSession(api.CatalogueImportHandler(a.svc.Catalogue, a.logger))))
	mux.Handle("GET /auth/login", a.loginLimit.Wrap(a.authHandler(func(x *auth.RelyingParty) http.HandlerFunc { return x.Login })))
	mux.Handle("GET /auth/callback", a.callbackLimit.Wrap(a.authHandler(func(x *auth.RelyingParty) http.HandlerFunc { return x.Callback })))
	mux.Handle("POST /auth/logout", cop.Handler(a.authHandler(func(x *auth.RelyingParty) http.HandlerFunc { return x.Logout })))
	if a.devIdP != nil {
		mux.Handle("/devidp/", a.devIdP)
	}

	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		web.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := a.db.Ping(ctx); err != nil {
			a.logger.Error("readyz: database not ready", "error", err)
			web.WriteJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
			return
		}
		web.WriteJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	mux.Handle("/", a.spa)
	var formOrigins []string
	if u, err := url.Parse(a.authConfig.Issuer); err == nil && a.cfg.OIDCIssuer != "" {
		formOrigins = append(formOrigins, u.Scheme+"://"+u.Host)
	}
	return web.WithRequestLog(a.logger, web.WithClientAddress(a.cfg.TrustedProxies,
		web.WithSecurityHeaders(a.cfg.Env == EnvProduction, a.withLocalhostRedirect(mux), formOrigins...))), nil
}
