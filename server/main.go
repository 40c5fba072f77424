// Command passerelles runs Passerelles, the skills and talent tracker of the digital career
// track of the French social ministries: one binary serving the GraphQL API, the embedded
// front end and, later, sign-in.
//
//	passerelles [serve] [flags]      start the server (see -h)
//	passerelles seed [flags]         build a database with demo data (benchmarks)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "passerelles:", err)
		}
		os.Exit(2)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && (args[0] == "serve" || args[0] == "seed") {
		cmd, args = args[0], args[1:]
	} else if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		return fmt.Errorf("unknown command %q: use serve or seed", args[0])
	}
	if cmd == "seed" {
		return runSeed(ctx, args, stderr)
	}
	cfg, err := parseServeConfig(args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("configuration:\n%w", err)
	}
	return serve(ctx, cfg, newLogger(cfg, stderr), nil)
}

func newLogger(cfg Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// serve runs the server until ctx ends, then shuts down gracefully. When ready is not nil
// it receives the listening address (tests listen on port 0).
func serve(ctx context.Context, cfg Config, logger *slog.Logger, ready chan<- string) error {
	// Listen first: a base URL derived from the address (port 0 in tests) then names the real
	// port, which the embedded identity provider and the callback URL depend on.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	defer ln.Close()
	cfg.ListeningOn(ln.Addr().String())
	app, err := NewApp(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer app.Close()
	handler, err := app.Handler()
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	// The embedded provider answers on this very server, so its discovery runs once serving.
	if err := app.StartAuth(ctx); err != nil {
		_ = srv.Close()
		return err
	}
	stopEmails := app.StartEmails(ctx)
	defer stopEmails()
	logger.Info("Passerelles is listening", "addr", ln.Addr().String(), "url", cfg.BaseURL, "env", cfg.Env, "db", cfg.DBPath)
	if ready != nil {
		ready <- ln.Addr().String()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	logger.Info("stopped")
	return nil
}
