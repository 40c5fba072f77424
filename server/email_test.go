package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var smtpEnvNames = []string{"PASSERELLES_SMTP_HOST", "PASSERELLES_SMTP_PORT", "PASSERELLES_SMTP_TLS", "PASSERELLES_SMTP_USER",
	"PASSERELLES_SMTP_PASSWORD", "PASSERELLES_SMTP_PASSWORD_FILE", "PASSERELLES_SMTP_FROM", "PASSERELLES_EMAIL_INTERVAL"}

// TestSMTPSettings reads the email settings from flags, variables and a password file,
// and refuses what would not work or would send in clear in production.
func TestSMTPSettings(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "smtp-password")
	if err := os.WriteFile(secret, []byte("mot-de-passe-du-relais\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name       string
		env        map[string]string
		args       []string
		wantErr    string
		wantHost   string
		wantPort   int
		wantTLS    string
		wantPass   string
		wantPeriod time.Duration
	}{
		{name: "NoneByDefault", wantPort: 0, wantPeriod: 15 * time.Second},
		{name: "Flags", args: []string{"-smtp-host", "smtp.example.gouv.fr", "-smtp-from", "Passerelles <ne-pas-repondre@example.gouv.fr>"},
			wantHost: "smtp.example.gouv.fr", wantPort: 587, wantTLS: "starttls", wantPeriod: 15 * time.Second},
		{name: "VariablesAndPasswordFile", env: map[string]string{"PASSERELLES_SMTP_HOST": "smtp.example.gouv.fr", "PASSERELLES_SMTP_TLS": "tls",
			"PASSERELLES_SMTP_USER": "passerelles", "PASSERELLES_SMTP_PASSWORD_FILE": secret, "PASSERELLES_SMTP_FROM": "ne-pas-repondre@example.gouv.fr",
			"PASSERELLES_EMAIL_INTERVAL": "30s"},
			wantHost: "smtp.example.gouv.fr", wantPort: 465, wantTLS: "tls", wantPass: "mot-de-passe-du-relais", wantPeriod: 30 * time.Second},
		{name: "PasswordVariable", env: map[string]string{"PASSERELLES_SMTP_PASSWORD": "secret"},
			args:     []string{"-smtp-host", "smtp.example.gouv.fr", "-smtp-port", "2525", "-smtp-user", "u", "-smtp-from", "a@example.gouv.fr"},
			wantHost: "smtp.example.gouv.fr", wantPort: 2525, wantTLS: "starttls", wantPass: "secret", wantPeriod: 15 * time.Second},
		{name: "ErrNoSender", args: []string{"-smtp-host", "smtp.example.gouv.fr"}, wantErr: "PASSERELLES_SMTP_FROM"},
		{name: "ErrTLSMode", args: []string{"-smtp-host", "h.example", "-smtp-from", "a@b.fr", "-smtp-tls", "ssl"}, wantErr: "PASSERELLES_SMTP_TLS"},
		{name: "ErrPort", args: []string{"-smtp-host", "h.example", "-smtp-from", "a@b.fr", "-smtp-port", "vingt-cinq"}, wantErr: "PASSERELLES_SMTP_PORT"},
		{name: "ErrInterval", args: []string{"-smtp-host", "h.example", "-smtp-from", "a@b.fr", "-email-interval", "100ms"}, wantErr: "PASSERELLES_EMAIL_INTERVAL"},
		{name: "ErrMissingPasswordFile", args: []string{"-smtp-host", "h.example", "-smtp-from", "a@b.fr", "-smtp-user", "u",
			"-smtp-password-file", filepath.Join(t.TempDir(), "absent")}, wantErr: "SMTP password file"},
		{name: "ErrProductionInClear", env: productionEnv("PASSERELLES_SMTP_HOST", "smtp.example.gouv.fr", "PASSERELLES_SMTP_TLS", "none",
			"PASSERELLES_SMTP_FROM", "a@example.gouv.fr"), wantErr: "production sends in clear only to a relay on this host"},
		{name: "ProductionLocalRelay", env: productionEnv("PASSERELLES_SMTP_HOST", "127.0.0.1", "PASSERELLES_SMTP_TLS", "none",
			"PASSERELLES_SMTP_FROM", "a@example.gouv.fr"), wantHost: "127.0.0.1", wantPort: 25, wantTLS: "none", wantPeriod: 15 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clearServeEnv(t)
			for _, name := range smtpEnvNames {
				t.Setenv(name, "")
				os.Unsetenv(name)
			}
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			c, err := parseServeConfig(tc.args)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one naming %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.SMTP.Host != tc.wantHost || c.SMTP.Port != tc.wantPort || (tc.wantTLS != "" && c.SMTP.TLS != tc.wantTLS) ||
				c.SMTP.Password != tc.wantPass || c.EmailInterval != tc.wantPeriod {
				t.Fatalf("SMTP %+v, interval %s", c.SMTP, c.EmailInterval)
			}
		})
	}
}
