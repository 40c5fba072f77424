package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"passerelles/server/web"
)

// serveEnvNames are the environment variables parseServeConfig reads.
var serveEnvNames = []string{"PASSERELLES_ADDR", "PASSERELLES_DB", "PASSERELLES_ENV", "PASSERELLES_BASE_URL",
	"PASSERELLES_DEMO_AGENTS", "PASSERELLES_LOG_FORMAT", "PASSERELLES_LOG_LEVEL",
	"PASSERELLES_OIDC_ISSUER", "PASSERELLES_OIDC_CLIENT_ID", "PASSERELLES_OIDC_CLIENT_SECRET", "PASSERELLES_OIDC_CLIENT_SECRET_FILE",
	"PASSERELLES_OIDC_REDIRECT_URL", "PASSERELLES_OIDC_POST_LOGOUT_REDIRECT_URL", "PASSERELLES_OIDC_SCOPES",
	"PASSERELLES_OIDC_ACR_VALUES", "PASSERELLES_OIDC_REQUIRED_ROLES", "PASSERELLES_ADMIN_SUBJECTS",
	"PASSERELLES_SESSION_IDLE", "PASSERELLES_SESSION_ABSOLUTE", "PASSERELLES_GRAPHQL_INTROSPECTION", "PASSERELLES_CONTACT_EMAIL",
	"PASSERELLES_DEV_CLOCK_OFFSET"}

// productionEnv returns the variables of a complete production configuration, plus
// the given ones (name, value, name, value…).
func productionEnv(kv ...string) map[string]string {
	env := map[string]string{"PASSERELLES_ENV": "production", "PASSERELLES_BASE_URL": "https://passerelles.example.gouv.fr",
		"PASSERELLES_OIDC_ISSUER": "https://auth.example.gouv.fr", "PASSERELLES_OIDC_CLIENT_ID": "passerelles",
		"PASSERELLES_OIDC_CLIENT_SECRET": "test-secret", "PASSERELLES_CONTACT_EMAIL": "passerelles@example.gouv.fr"}
	for i := 0; i+1 < len(kv); i += 2 {
		env[kv[i]] = kv[i+1]
	}
	return env
}

// clearServeEnv unsets the variables for the test, so that the machine's environment
// does not leak into it (t.Setenv restores them afterwards).
func clearServeEnv(t *testing.T) {
	t.Helper()
	for _, name := range serveEnvNames {
		t.Setenv(name, "")
		if err := os.Unsetenv(name); err != nil {
			t.Fatal(err)
		}
	}
}

func TestParseServeConfig(t *testing.T) {
	cases := []struct {
		name    string
		env     map[string]string
		args    []string
		want    Config
		wantErr []string // words the error must contain, naming the setting
	}{
		{
			name: "Defaults",
			want: Config{Addr: "127.0.0.1:8080", DBPath: "passerelles.db", Env: EnvDevelopment, BaseURL: "http://127.0.0.1:8080",
				DemoAgents: 300, LogFormat: "text", LogLevel: "info"},
		},
		{
			name: "Environment",
			env: map[string]string{"PASSERELLES_ADDR": "0.0.0.0:9090", "PASSERELLES_DB": "/var/lib/p.db",
				"PASSERELLES_DEMO_AGENTS": "5", "PASSERELLES_LOG_FORMAT": "json", "PASSERELLES_LOG_LEVEL": "debug"},
			want: Config{Addr: "0.0.0.0:9090", DBPath: "/var/lib/p.db", Env: EnvDevelopment, BaseURL: "http://127.0.0.1:9090",
				DemoAgents: 5, LogFormat: "json", LogLevel: "debug"},
		},
		{
			name: "Production",
			env:  productionEnv("PASSERELLES_ADDR", ":8080", "PASSERELLES_BASE_URL", "https://passerelles.example.gouv.fr/"),
			want: Config{Addr: ":8080", DBPath: "passerelles.db", Env: EnvProduction, BaseURL: "https://passerelles.example.gouv.fr",
				DemoAgents: 0, LogFormat: "json", LogLevel: "info"},
		},
		{
			name: "FlagsWinOverEnvironment",
			env: map[string]string{"PASSERELLES_ADDR": "127.0.0.1:9000", "PASSERELLES_DEMO_AGENTS": "5",
				"PASSERELLES_LOG_LEVEL": "debug", "PASSERELLES_BASE_URL": "http://env.example"},
			args: []string{"-addr", "127.0.0.1:7000", "-demo-agents", "7", "-log-level", "warn", "-base-url", "http://flag.example:7000"},
			want: Config{Addr: "127.0.0.1:7000", DBPath: "passerelles.db", Env: EnvDevelopment, BaseURL: "http://flag.example:7000",
				DemoAgents: 7, LogFormat: "text", LogLevel: "warn"},
		},
		{
			name: "IPv6Wildcard",
			args: []string{"-addr", "[::]:8080"},
			want: Config{Addr: "[::]:8080", DBPath: "passerelles.db", Env: EnvDevelopment, BaseURL: "http://127.0.0.1:8080",
				DemoAgents: 300, LogFormat: "text", LogLevel: "info"},
		},
		{name: "BadEnvironment", env: map[string]string{"PASSERELLES_ENV": "staging"}, wantErr: []string{"environment", "staging"}},
		{name: "BadAddress", args: []string{"-addr", "nonsense"}, wantErr: []string{"address", "nonsense"}},
		{name: "BadPort", env: map[string]string{"PASSERELLES_ADDR": "127.0.0.1:99999"}, wantErr: []string{"address", "port"}},
		{name: "ProductionHTTPBaseURL", env: productionEnv(), args: []string{"-base-url", "http://passerelles.example.gouv.fr"},
			wantErr: []string{"base URL", "https"}},
		{name: "ProductionWithoutBaseURL", env: productionEnv("PASSERELLES_BASE_URL", ""), wantErr: []string{"base URL"}},
		{name: "ProductionDemoAgents", env: productionEnv("PASSERELLES_DEMO_AGENTS", "10"), wantErr: []string{"demo agents", "PASSERELLES_DEMO_AGENTS=0"}},
		{name: "NegativeDemoAgents", args: []string{"-demo-agents", "-5"}, wantErr: []string{"demo agents", "-5"}},
		{name: "DemoAgentsNotANumber", env: map[string]string{"PASSERELLES_DEMO_AGENTS": "many"}, wantErr: []string{"demo agents", "many"}},
		{name: "BadLogFormat", args: []string{"-log-format", "xml"}, wantErr: []string{"log format", "xml"}},
		{name: "BadLogLevel", env: map[string]string{"PASSERELLES_LOG_LEVEL": "verbose"}, wantErr: []string{"log level", "verbose"}},
		{name: "BaseURLWithQuery", args: []string{"-base-url", "http://x.example/?a=1"}, wantErr: []string{"base URL"}},
		{name: "BaseURLNotAbsolute", args: []string{"-base-url", "passerelles.example.gouv.fr"}, wantErr: []string{"base URL"}},
		{name: "EmptyDatabasePath", args: []string{"-db", " "}, wantErr: []string{"database path"}},
		{name: "UnexpectedArgument", args: []string{"extra"}, wantErr: []string{"unexpected argument", "extra"}},
		{name: "SeveralErrorsAllReported", args: []string{"-env", "staging", "-log-format", "xml"},
			wantErr: []string{"environment", "log format"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clearServeEnv(t)
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			got, err := parseServeConfig(c.args)
			if c.wantErr != nil {
				if err == nil {
					t.Fatalf("parseServeConfig(%q) = %+v, want an error naming %q", c.args, got, c.wantErr)
				}
				for _, w := range c.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not name %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("parseServeConfig(%q): %v", c.args, err)
			}
			// The server settings; sign-in settings have tests of their own.
			server := func(c Config) [7]any {
				return [7]any{c.Addr, c.DBPath, c.Env, c.BaseURL, c.DemoAgents, c.LogFormat, c.LogLevel}
			}
			if server(got) != server(c.want) {
				t.Errorf("config = %+v\nwant     %+v", server(got), server(c.want))
			}
		})
	}
}

// TestParseServeConfigContactEmail checks the address the legal pages give: a demo one in
// development, required in production, one bare address.
func TestParseServeConfigContactEmail(t *testing.T) {
	cases := []struct {
		name    string
		env     map[string]string
		args    []string
		want    string
		wantErr []string
	}{
		{name: "DevelopmentDefault", want: DemoContactEmail},
		{name: "Environment", env: map[string]string{"PASSERELLES_CONTACT_EMAIL": "passerelles@sg.social.gouv.fr"}, want: "passerelles@sg.social.gouv.fr"},
		{name: "FlagWins", env: map[string]string{"PASSERELLES_CONTACT_EMAIL": "env@example.gouv.fr"},
			args: []string{"-contact-email", "flag@example.gouv.fr"}, want: "flag@example.gouv.fr"},
		{name: "Production", env: productionEnv(), want: "passerelles@example.gouv.fr"},
		{name: "ProductionWithout", env: productionEnv("PASSERELLES_CONTACT_EMAIL", ""), wantErr: []string{"contact address", "PASSERELLES_CONTACT_EMAIL"}},
		{name: "NotAnAddress", args: []string{"-contact-email", "Passerelles <p@example.gouv.fr>"}, wantErr: []string{"contact address", "-contact-email"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clearServeEnv(t)
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			got, err := parseServeConfig(c.args)
			if c.wantErr != nil {
				if err == nil {
					t.Fatalf("parseServeConfig(%q) accepted contact %q, want an error", c.args, got.ContactEmail)
				}
				for _, w := range c.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not name %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.ContactEmail != c.want {
				t.Errorf("contact = %q, want %q", got.ContactEmail, c.want)
			}
		})
	}
}

// TestConfigValidate checks a Config built directly, as tests and main do.
func TestConfigValidate(t *testing.T) {
	valid := func() Config {
		return Config{Addr: "127.0.0.1:0", DBPath: "x.db", Env: EnvDevelopment, DemoAgents: 0, LogLevel: "info"}
	}
	cases := []struct {
		name    string
		change  func(*Config)
		wantErr string // "" when valid
	}{
		{name: "Valid", change: func(*Config) {}},
		{name: "UnsetDemoAgentsInDevelopment", change: func(c *Config) { c.DemoAgents = -1 }},
		{name: "NegativeDemoAgents", change: func(c *Config) { c.DemoAgents = -2 }, wantErr: "demo agents"},
		{name: "TooManyDemoAgents", change: func(c *Config) { c.DemoAgents = 2_000_001 }, wantErr: "demo agents"},
		{name: "EmptyEnvironment", change: func(c *Config) { c.Env = "" }, wantErr: "environment"},
		{name: "EmptyAddress", change: func(c *Config) { c.Addr = "" }, wantErr: "address"},
		{name: "FTPBaseURL", change: func(c *Config) { c.BaseURL = "ftp://x.example" }, wantErr: "base URL"},
		{name: "BaseURLWithFragment", change: func(c *Config) { c.BaseURL = "https://x.example/#a" }, wantErr: "base URL"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := valid()
			c.change(&cfg)
			err := cfg.Validate()
			switch {
			case c.wantErr == "" && err != nil:
				t.Fatalf("Validate: %v", err)
			case c.wantErr != "" && err == nil:
				t.Fatalf("Validate accepted %+v, want an error naming %q", cfg, c.wantErr)
			case c.wantErr != "" && !strings.Contains(err.Error(), c.wantErr):
				t.Errorf("error %q does not name %q", err, c.wantErr)
			}
		})
	}
	t.Run("FillsDefaults", func(t *testing.T) {
		cfg := valid()
		cfg.DemoAgents = -1
		if err := cfg.Validate(); err != nil {
			t.Fatal(err)
		}
		if cfg.DemoAgents != 300 || cfg.LogFormat != "text" || cfg.BaseURL != "http://127.0.0.1:0" {
			t.Errorf("defaults = demo %d, log %q, base %q; want 300, text, http://127.0.0.1:0", cfg.DemoAgents, cfg.LogFormat, cfg.BaseURL)
		}
	})
}

// signInLimitEnvNames are the variables of the sign-in state key, proxies and rate limits.
var signInLimitEnvNames = []string{"PASSERELLES_SIGNIN_STATE_KEY", "PASSERELLES_SIGNIN_STATE_KEY_FILE",
	"PASSERELLES_TRUSTED_PROXIES", "PASSERELLES_RATE_SIGNIN", "PASSERELLES_RATE_MUTATIONS", "PASSERELLES_RATE_EXPORT"}

func TestParseServeConfigSignInStateAndLimits(t *testing.T) {
	const b64Key = "q83vASNFZ4mrze8BI0VniavN7wEjRWeJq83vASNFZ4k=" // 32 bytes
	hexKey := "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
	keyFile := filepath.Join(t.TempDir(), "signin.key")
	if err := os.WriteFile(keyFile, []byte(b64Key+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		env     map[string]string
		args    []string
		check   func(t *testing.T, c Config)
		wantErr []string
	}{
		{name: "Defaults", check: func(t *testing.T, c Config) {
			if c.SignInStateKey != nil || c.TrustedProxies != nil {
				t.Errorf("key %x, proxies %v; want none (a key generated into the database, no proxy trusted)", c.SignInStateKey, c.TrustedProxies)
			}
			if c.RateSignIn != DefaultRateSignIn || c.RateMutations != DefaultRateMutations || c.RateExport != DefaultRateExport {
				t.Errorf("limits %v %v %v, want the defaults", c.RateSignIn, c.RateMutations, c.RateExport)
			}
		}},
		{name: "KeyBase64", env: map[string]string{"PASSERELLES_SIGNIN_STATE_KEY": b64Key}, check: func(t *testing.T, c Config) {
			if len(c.SignInStateKey) != 32 || c.SignInStateKey[0] != 0xab {
				t.Errorf("key %x, want the 32 bytes of the base64 text", c.SignInStateKey)
			}
		}},
		{name: "KeyHex", env: map[string]string{"PASSERELLES_SIGNIN_STATE_KEY": hexKey}, check: func(t *testing.T, c Config) {
			if len(c.SignInStateKey) != 32 || c.SignInStateKey[0] != 0xab || c.SignInStateKey[31] != 0x89 {
				t.Errorf("key %x, want the 32 bytes of the hex text", c.SignInStateKey)
			}
		}},
		{name: "KeyFile", args: []string{"-signin-state-key-file", keyFile}, check: func(t *testing.T, c Config) {
			if len(c.SignInStateKey) != 32 {
				t.Errorf("key %x, want the 32 bytes of the file", c.SignInStateKey)
			}
		}},
		{name: "KeyFileWinsOverVariable", env: map[string]string{"PASSERELLES_SIGNIN_STATE_KEY": "short", "PASSERELLES_SIGNIN_STATE_KEY_FILE": keyFile},
			check: func(t *testing.T, c Config) {
				if len(c.SignInStateKey) != 32 {
					t.Errorf("key %x, want the file's", c.SignInStateKey)
				}
			}},
		{name: "ErrKeyTooShort", env: map[string]string{"PASSERELLES_SIGNIN_STATE_KEY": "c2hvcnQ="}, wantErr: []string{"sign-in state key", "32", "PASSERELLES_SIGNIN_STATE_KEY"}},
		{name: "ErrKeyNotEncoded", env: map[string]string{"PASSERELLES_SIGNIN_STATE_KEY": "a passphrase is not a key!"}, wantErr: []string{"sign-in state key"}},
		{name: "ErrKeyNotRandom", env: map[string]string{"PASSERELLES_SIGNIN_STATE_KEY": strings.Repeat("00", 32)}, wantErr: []string{"sign-in state key", "random"}},
		{name: "ErrKeyFileMissing", args: []string{"-signin-state-key-file", keyFile + ".absent"}, wantErr: []string{"sign-in state key file"}},
		{name: "TrustedProxies", env: map[string]string{"PASSERELLES_TRUSTED_PROXIES": "10.0.0.0/8, 192.0.2.7"}, check: func(t *testing.T, c Config) {
			if len(c.TrustedProxies) != 2 || c.TrustedProxies[1].String() != "192.0.2.7/32" {
				t.Errorf("proxies %v, want 10.0.0.0/8 and 192.0.2.7/32", c.TrustedProxies)
			}
		}},
		{name: "ErrTrustedProxyName", args: []string{"-trusted-proxies", "proxy.internal"}, wantErr: []string{"trusted proxy", "proxy.internal", "PASSERELLES_TRUSTED_PROXIES"}},
		{name: "Limits", env: map[string]string{"PASSERELLES_RATE_SIGNIN": "10/1m", "PASSERELLES_RATE_EXPORT": "off"},
			args: []string{"-rate-mutations", "50/10s"}, check: func(t *testing.T, c Config) {
				if c.RateSignIn != (web.RateLimit{Events: 10, Per: time.Minute}) || c.RateMutations != (web.RateLimit{Events: 50, Per: 10 * time.Second}) || !c.RateExport.Off {
					t.Errorf("limits %v %v %v, want 10/1m 50/10s off", c.RateSignIn, c.RateMutations, c.RateExport)
				}
			}},
		{name: "ErrLimit", args: []string{"-rate-signin", "lots"}, wantErr: []string{"rate limit", "lots", "PASSERELLES_RATE_SIGNIN"}},
		{name: "ErrLimitZero", env: map[string]string{"PASSERELLES_RATE_MUTATIONS": "0/1m"}, wantErr: []string{"rate limit", "PASSERELLES_RATE_MUTATIONS"}},
		{name: "SeveralErrorsAllReported", args: []string{"-rate-export", "x", "-trusted-proxies", "y", "-log-format", "xml"},
			wantErr: []string{"PASSERELLES_RATE_EXPORT", "trusted proxy", "log format"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clearServeEnv(t)
			for _, name := range signInLimitEnvNames {
				t.Setenv(name, "")
				os.Unsetenv(name)
			}
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			got, err := parseServeConfig(c.args)
			if c.wantErr != nil {
				if err == nil {
					t.Fatalf("parseServeConfig(%q): no error, want one naming %q", c.args, c.wantErr)
				}
				for _, w := range c.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not name %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("parseServeConfig(%q): %v", c.args, err)
			}
			c.check(t, got)
		})
	}
	t.Run("ValidateKeySize", func(t *testing.T) {
		cfg := Config{Addr: "127.0.0.1:0", DBPath: "x.db", Env: EnvDevelopment, LogLevel: "info", SignInStateKey: make([]byte, 16)}
		if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "sign-in state key") {
			t.Fatalf("Validate with a 16-byte key: %v, want an error", err)
		}
	})
}
