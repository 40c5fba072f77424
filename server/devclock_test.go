package main

import (
	"context"
	"database/sql"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// TestParseServeConfigDevClock reads the development clock offset and refuses it
// wherever the embedded development identity provider is not the one signing people in.
func TestParseServeConfigDevClock(t *testing.T) {
	for _, c := range []struct {
		name    string
		env     map[string]string
		args    []string
		want    time.Duration
		wantErr []string
	}{
		{name: "Unset"},
		{name: "Environment", env: map[string]string{"PASSERELLES_DEV_CLOCK_OFFSET": "50h"}, want: 50 * time.Hour},
		{name: "FlagWins", env: map[string]string{"PASSERELLES_DEV_CLOCK_OFFSET": "50h"}, args: []string{"-dev-clock-offset", "-2h30m"},
			want: -150 * time.Minute},
		{name: "ErrNotADuration", env: map[string]string{"PASSERELLES_DEV_CLOCK_OFFSET": "2 jours"},
			wantErr: []string{"dev clock offset", "2 jours", "PASSERELLES_DEV_CLOCK_OFFSET"}},
		{name: "ErrProduction", env: productionEnv("PASSERELLES_DEV_CLOCK_OFFSET", "1h"),
			wantErr: []string{"dev clock offset", "embedded identity provider"}},
		{name: "ErrRealProviderInDevelopment", args: []string{"-dev-clock-offset", "1h"},
			env: map[string]string{"PASSERELLES_OIDC_ISSUER": "https://auth.example.gouv.fr", "PASSERELLES_OIDC_CLIENT_ID": "passerelles",
				"PASSERELLES_OIDC_CLIENT_SECRET": "test-secret"},
			wantErr: []string{"dev clock offset", "embedded identity provider"}},
		{name: "ZeroInProduction", env: productionEnv("PASSERELLES_DEV_CLOCK_OFFSET", "0s")},
	} {
		t.Run(c.name, func(t *testing.T) {
			clearServeEnv(t)
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			got, err := parseServeConfig(c.args)
			if c.wantErr != nil {
				if err == nil {
					t.Fatalf("parseServeConfig = offset %s, want an error naming %q", got.DevClockOffset, c.wantErr)
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
			if got.DevClockOffset != c.want {
				t.Fatalf("offset = %s, want %s", got.DevClockOffset, c.want)
			}
		})
	}
}

// TestDevClockOffset starts the app with its clock shifted: the store, the calendar files
// and the demo data run on the shifted clock, the start-up log says so, and an App built
// with a real provider refuses the offset even when Validate was skipped.
func TestDevClockOffset(t *testing.T) {
	const offset = 45 * 24 * time.Hour
	t.Run("Shifted", func(t *testing.T) {
		cfg := MustTestConfig(t)
		cfg.DemoAgents, cfg.DevClockOffset = 5, offset
		before := time.Now()
		app, logs := MustNewApp(t, cfg)
		// The demo events are planned from the months after the shifted now.
		raw, err := sql.Open("sqlite3", "file:"+cfg.DBPath+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		var first int64
		if err := raw.QueryRow(`SELECT MIN(starts_at) FROM events`).Scan(&first); err != nil {
			t.Fatal(err)
		}
		// The demo plans from two months before the (shifted) current month of Paris.
		paris, err := time.LoadLocation("Europe/Paris")
		if err != nil {
			t.Fatal(err)
		}
		shifted := before.Add(offset).In(paris)
		earliest := time.Date(shifted.Year(), shifted.Month()-2, 1, 0, 0, 0, 0, paris)
		if got := time.UnixMilli(first); got.Before(earliest) {
			t.Errorf("first demo event at %s, before %s: the demo was not planned from the shifted now %s", got, earliest, shifted)
		}
		for name, now := range map[string]func() time.Time{"store": app.db.Now, "calendars": app.cal.Now} {
			got := now()
			if got.Before(before.Add(offset)) || got.After(time.Now().Add(offset)) {
				t.Errorf("%s clock = %s, want about %s", name, got, before.Add(offset))
			}
		}
		if l := logs.String(); !strings.Contains(l, "development clock shifted") || !strings.Contains(l, "offset=1080h0m0s") {
			t.Errorf("start-up log does not tell the offset:\n%s", l)
		}
	})
	t.Run("ErrRealProvider", func(t *testing.T) {
		cfg := MustTestConfig(t)
		cfg.DemoAgents, cfg.DevClockOffset, cfg.OIDCIssuer = 0, offset, "https://auth.example.gouv.fr"
		app, err := NewApp(context.Background(), cfg, slog.New(slog.DiscardHandler))
		if err == nil {
			app.Close()
			t.Fatal("NewApp accepted a shifted clock with a real identity provider")
		}
		if !strings.Contains(err.Error(), "dev clock offset") {
			t.Fatalf("error = %v", err)
		}
	})
}
