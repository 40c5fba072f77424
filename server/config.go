package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
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
}

// envDefault returns the environment variable name's value, or def.
func envDefault(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
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
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
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
	return c, c.Validate()
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
