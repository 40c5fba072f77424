package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"passerelles/notify"
)

// smtpFlags registers the settings of email delivery on fs; finish reads the password
// (never a flag: it would show in ps) and checks them once fs is parsed.
func smtpFlags(fs *flag.FlagSet, c *notify.SMTPConfig, interval *time.Duration) (finish func() error) {
	fs.DurationVar(interval, "email-interval", durationEnv("PASSERELLES_EMAIL_INTERVAL", 15*time.Second), "how often the email worker looks for notifications due, 1s to 10m (PASSERELLES_EMAIL_INTERVAL)")
	fs.StringVar(&c.Host, "smtp-host", envDefault("PASSERELLES_SMTP_HOST", ""), "SMTP server that sends notifications by email; empty: no email at all (PASSERELLES_SMTP_HOST)")
	port := envDefault("PASSERELLES_SMTP_PORT", "")
	fs.StringVar(&port, "smtp-port", port, "SMTP port; default 587 for starttls, 465 for tls, 25 for none (PASSERELLES_SMTP_PORT)")
	fs.StringVar(&c.TLS, "smtp-tls", envDefault("PASSERELLES_SMTP_TLS", notify.TLSStartTLS), "starttls (required upgrade), tls (implicit, port 465) or none (a relay on this host only) (PASSERELLES_SMTP_TLS)")
	fs.StringVar(&c.Username, "smtp-user", envDefault("PASSERELLES_SMTP_USER", ""), "SMTP user; empty: no authentication (PASSERELLES_SMTP_USER)")
	passwordFile := envDefault("PASSERELLES_SMTP_PASSWORD_FILE", "")
	fs.StringVar(&passwordFile, "smtp-password-file", passwordFile, "file holding the SMTP password (PASSERELLES_SMTP_PASSWORD_FILE; or PASSERELLES_SMTP_PASSWORD)")
	fs.StringVar(&c.From, "smtp-from", envDefault("PASSERELLES_SMTP_FROM", ""), "sender of the emails, e.g. \"Passerelles <ne-pas-repondre@passerelles.gouv.fr>\"; required with -smtp-host (PASSERELLES_SMTP_FROM)")
	return func() error {
		c.Password = envDefault("PASSERELLES_SMTP_PASSWORD", "")
		if passwordFile != "" {
			b, err := os.ReadFile(passwordFile)
			if err != nil {
				return fmt.Errorf("SMTP password file: %w", err)
			}
			c.Password = strings.TrimRight(string(b), "\r\n")
		}
		if port != "" {
			p, err := strconv.Atoi(port)
			if err != nil {
				return fmt.Errorf("SMTP port %q: not a number (PASSERELLES_SMTP_PORT or -smtp-port)", port)
			}
			c.Port = p
		}
		return nil
	}
}

// validateSMTP checks the email settings for the environment: production sends nothing
// in clear except to a relay on the same host.
func validateSMTP(c *notify.SMTPConfig, env string, interval time.Duration) error {
	if !c.Enabled() {
		return nil
	}
	err := c.Validate()
	if interval < time.Second || interval > 10*time.Minute {
		err = errors.Join(err, fmt.Errorf("email interval %s: want 1s to 10m (PASSERELLES_EMAIL_INTERVAL or -email-interval)", interval))
	}
	if env == EnvProduction && c.TLS == notify.TLSNone {
		if ip := net.ParseIP(c.Host); c.Host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			err = errors.Join(err, fmt.Errorf("SMTP TLS mode none: production sends in clear only to a relay on this host (localhost, 127.0.0.1); use starttls or tls (PASSERELLES_SMTP_TLS)"))
		}
	}
	return err
}

// StartEmails runs the worker that sends notifications by email, when an SMTP server is
// configured, until ctx ends or the returned stop is called; stop waits for it, so the
// database closes after its last write.
func (a *App) StartEmails(ctx context.Context) (stop func()) {
	if a.emails == nil {
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		a.emails.Run(ctx)
	}()
	a.logger.Info("notifications by email", "smtp_host", a.cfg.SMTP.Host, "smtp_port", a.cfg.SMTP.Port, "tls", a.cfg.SMTP.TLS)
	return func() {
		cancel()
		<-done
	}
}
