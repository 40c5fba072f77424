package main

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"passerelles/frontend"
	"passerelles/resolvers"
	"passerelles/schema"
	"passerelles/seed"
	"passerelles/sqlite"
)

// App is the assembled service: store, referentials, GraphQL API and front end.
type App struct {
	cfg    Config
	logger *slog.Logger
	db     *sqlite.DB
	svc    sqlite.Services
	spa    *SPA
	gql    *GraphQLHandler
}

// NewApp opens the database (applying migrations), loads the referentials, generates the
// demo data the configuration asks for, and builds the HTTP handlers.
func NewApp(ctx context.Context, cfg Config, logger *slog.Logger) (*App, error) {
	a := &App{cfg: cfg, logger: logger, db: sqlite.NewDB(cfg.DBPath)}
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
	rep, err := seed.LoadReferentials(ctx, seedServices(a.svc))
	if err != nil {
		return nil, fmt.Errorf("load referentials: %w", err)
	}
	logger.Info("referentials loaded", "items", rep.Items, "changed", rep.Changed, "duration", time.Since(start).Round(time.Millisecond))
	if cfg.DemoAgents > 0 {
		start = time.Now()
		drep, err := seed.GenerateDemo(ctx, seedServices(a.svc), seed.DemoOptions{Agents: cfg.DemoAgents, Seed: 1})
		if err != nil {
			return nil, fmt.Errorf("generate demo data: %w", err)
		}
		logger.Info("demo data ready", "agents", cfg.DemoAgents, "agents_created", drep.AgentsCreated,
			"members_created", drep.MembersCreated, "events_created", drep.EventsCreated, "duration", time.Since(start).Round(time.Millisecond))
	}

	dist, err := fs.Sub(frontend.Dist, "dist")
	if err != nil {
		return nil, err
	}
	if a.spa, err = NewSPA(dist); err != nil {
		return nil, err
	}
	r := resolvers.New(resolvers.Services{Frameworks: a.svc.Frameworks, Skills: a.svc.Skills, Roles: a.svc.Roles,
		Transitions: a.svc.Transitions, Organisations: a.svc.Organisations, Communities: a.svc.Communities,
		SignIn: a.svc.SignIn, Access: a.svc.Access})
	s, err := schema.New(r)
	if err != nil {
		return nil, fmt.Errorf("build GraphQL schema: %w", err)
	}
	a.gql = NewGraphQLHandler(s, r, logger)
	ok = true
	return a, nil
}

func seedServices(s sqlite.Services) seed.Services {
	return seed.Services{Frameworks: s.Frameworks, Skills: s.Skills, Roles: s.Roles, Transitions: s.Transitions,
		Organisations: s.Organisations, Communities: s.Communities, Agents: s.Agents, Events: s.Events}
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
		writeJSON(w, http.StatusForbidden, graphQLResponse{Errors: []graphQLError{{
			Message:    "Requête d'une autre origine refusée.",
			Extensions: map[string]any{"code": "FORBIDDEN", "requestId": requestIDFrom(r.Context())}}}})
	}))
	mux.Handle("/graphql", cop.Handler(withGzip(a.gql)))

	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := a.db.Ping(ctx); err != nil {
			a.logger.Error("readyz: database not ready", "error", err)
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	mux.Handle("/", a.spa)
	return withRequestLog(a.logger, withSecurityHeaders(a.cfg.Env == EnvProduction, mux)), nil
}
