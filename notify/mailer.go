// Package notify delivers the notifications of agents by email, when the service has an
// SMTP server: a background worker (Worker) chooses, on its clock, the notifications due
// — at once outside the agent's quiet hours, or in their weekly digest — sends them with
// github.com/wneessen/go-mail and marks them emailed. The notifications themselves are
// written by the store in the transaction of each change (sqlite.notify); this package
// never decides who may read what, it only carries to each agent their own.
package notify

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// TLS modes of the connection to the SMTP server.
const (
	TLSStartTLS = "starttls" // plain connection upgraded by STARTTLS, which must succeed (port 587)
	TLSImplicit = "tls"      // TLS from the first byte (port 465)
	TLSNone     = "none"     // no encryption: a relay on the same host or network only
)

// SMTPConfig says how to reach the SMTP server. A zero Host means no email at all.
type SMTPConfig struct {
	Host     string
	Port     int    // 0: 587 for starttls, 465 for tls, 25 for none
	TLS      string // TLSStartTLS (default), TLSImplicit or TLSNone
	Username string // "" for no authentication
	Password string
	// From is the sender, an address with or without a display name
	// (« Passerelles <ne-pas-repondre@passerelles.gouv.fr> »).
	From    string
	Timeout time.Duration // of the connection and of each command; 0: 15 s
}

// Enabled reports whether an SMTP server is configured.
func (c *SMTPConfig) Enabled() bool { return c.Host != "" }

// Validate checks the configuration and fills its defaults. Its messages name the
// settings of the server's configuration.
func (c *SMTPConfig) Validate() error {
	if !c.Enabled() {
		return nil
	}
	var errs []error
	switch c.TLS {
	case "":
		c.TLS = TLSStartTLS
	case TLSStartTLS, TLSImplicit, TLSNone:
	default:
		errs = append(errs, fmt.Errorf("SMTP TLS mode %q: use starttls, tls or none (PASSERELLES_SMTP_TLS or -smtp-tls)", c.TLS))
	}
	if c.Port == 0 {
		c.Port = map[string]int{TLSImplicit: 465, TLSNone: 25}[c.TLS]
		if c.Port == 0 {
			c.Port = 587
		}
	}
	if c.Port < 1 || c.Port > 65535 {
		errs = append(errs, fmt.Errorf("SMTP port %d: want 1 to 65535 (PASSERELLES_SMTP_PORT or -smtp-port)", c.Port))
	}
	if strings.ContainsAny(c.Host, " /:") {
		errs = append(errs, fmt.Errorf("SMTP host %q: want a host name or address, without port (PASSERELLES_SMTP_HOST or -smtp-host)", c.Host))
	}
	if a, err := mail.ParseAddress(c.From); c.From == "" || err != nil || a.Address == "" {
		errs = append(errs, fmt.Errorf("SMTP sender %q: want an address such as « Passerelles <ne-pas-repondre@passerelles.gouv.fr> » (PASSERELLES_SMTP_FROM or -smtp-from)", c.From))
	}
	if c.Username == "" && c.Password != "" {
		errs = append(errs, errors.New("SMTP password given without a user (PASSERELLES_SMTP_USER or -smtp-user)"))
	}
	if c.Username != "" && c.Password == "" {
		errs = append(errs, errors.New("SMTP user given without a password (PASSERELLES_SMTP_PASSWORD or PASSERELLES_SMTP_PASSWORD_FILE)"))
	}
	if c.Timeout == 0 {
		c.Timeout = 15 * time.Second
	}
	return errors.Join(errs...)
}

// Message is one email to one agent.
type Message struct {
	To        string
	Subject   string
	Text      string // plain-text body
	HTML      string // the same as HTML
	MessageID string // without angle brackets; stable for the same notifications
	// Unsubscribe is the page where the agent changes their preferences (List-Unsubscribe).
	Unsubscribe string
	Date        time.Time
}

// Sender sends messages and reports, for each, nil or why it did not go.
type Sender interface {
	Send(ctx context.Context, msgs []*Message) []error
}

// Mailer sends messages through the configured SMTP server with go-mail: one connection
// for the messages of one call.
type Mailer struct {
	cfg SMTPConfig
}

// NewMailer returns a mailer for cfg (validated).
func NewMailer(cfg SMTPConfig) (*Mailer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if !cfg.Enabled() {
		return nil, errors.New("notify: no SMTP host")
	}
	return &Mailer{cfg: cfg}, nil
}

func (m *Mailer) client() (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithPort(m.cfg.Port), gomail.WithTimeout(m.cfg.Timeout)}
	switch m.cfg.TLS {
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if m.cfg.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(m.cfg.Username), gomail.WithPassword(m.cfg.Password))
	}
	return gomail.NewClient(m.cfg.Host, opts...)
}

// Send implements Sender: every message over one connection. When the connection
// cannot be made, every message reports that error.
func (m *Mailer) Send(ctx context.Context, msgs []*Message) []error {
	errs := make([]error, len(msgs))
	if len(msgs) == 0 {
		return errs
	}
	built := make([]*gomail.Msg, 0, len(msgs))
	index := make([]int, 0, len(msgs))
	for i, msg := range msgs {
		g, err := m.build(msg)
		if err != nil {
			errs[i] = err
			continue
		}
		built = append(built, g)
		index = append(index, i)
	}
	if len(built) == 0 {
		return errs
	}
	c, err := m.client()
	if err == nil {
		err = c.DialAndSendWithContext(ctx, built...)
	}
	for j, g := range built {
		switch {
		case g.IsDelivered():
		case g.HasSendError():
			errs[index[j]] = g.SendError()
		case err != nil:
			errs[index[j]] = err
		default:
			errs[index[j]] = errors.New("notify: message not delivered")
		}
	}
	return errs
}

// build turns a message into go-mail's: multipart/alternative, text then HTML, UTF-8.
func (m *Mailer) build(msg *Message) (*gomail.Msg, error) {
	g := gomail.NewMsg()
	if err := g.From(m.cfg.From); err != nil {
		return nil, fmt.Errorf("notify: sender: %w", err)
	}
	if err := g.To(msg.To); err != nil {
		return nil, fmt.Errorf("notify: recipient: %w", err)
	}
	g.Subject(msg.Subject)
	g.SetMessageIDWithValue(msg.MessageID)
	g.SetDateWithValue(msg.Date)
	// An automatic message (RFC 3834): no out-of-office answers to it.
	g.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated")
	g.SetGenHeader(gomail.HeaderXAutoResponseSuppress, "All")
	if msg.Unsubscribe != "" {
		g.SetGenHeader(gomail.HeaderListUnsubscribe, "<"+msg.Unsubscribe+">")
	}
	g.SetBodyString(gomail.TypeTextPlain, msg.Text)
	g.AddAlternativeString(gomail.TypeTextHTML, msg.HTML)
	return g, nil
}
