package notify_test

import (
	"context"
	"io"
	"net"
	"net/textproto"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"passerelles"
	"passerelles/notify"
	"passerelles/notify/smtptest"
	"passerelles/sqlite"
)

// clock is a controlled clock shared by the store (the time notifications are created
// and marked) and the worker.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

func paris(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.ParseInLocation("2006-01-02 15:04", s, passerelles.NotificationLocation())
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// fixture is a real store with two agents and an event, a test SMTP server, and a worker
// with the real go-mail mailer, all on one controlled clock.
type fixture struct {
	db       *sqlite.DB
	svc      passerelles.Services
	clock    *clock
	smtp     *smtptest.Server
	worker   *notify.Worker
	camille  *passerelles.User
	karim    *passerelles.User
	eventID  int64
	eventAt  time.Time
	system   context.Context
	baseURL  string
	evTitle  string
	startNow time.Time
}

const eventTitle = `Data & IA <atelier> « Journée de la data »`

func newFixture(t *testing.T, start string) *fixture {
	t.Helper()
	f := &fixture{clock: &clock{}, system: passerelles.NewSystemContext(context.Background()), baseURL: "https://passerelles.test"}
	f.clock.Set(paris(t, start))
	f.db = sqlite.NewDB(filepath.Join(t.TempDir(), "notify.db"))
	f.db.Now = f.clock.Now
	if err := f.db.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.db.Close() })
	f.svc = f.db.Services()
	var err error
	if f.camille, err = f.svc.Users.SignIn(f.system, passerelles.Identity{Issuer: "https://idp.test", Subject: "camille",
		GivenName: "Camille", UsualName: "Lefèvre", Email: "camille.lefevre@travail.gouv.fr"}, nil); err != nil {
		t.Fatal(err)
	}
	if f.karim, err = f.svc.Users.SignIn(f.system, passerelles.Identity{Issuer: "https://idp.test", Subject: "karim",
		GivenName: "Karim", UsualName: "Benali", Email: "karim.benali@sante.gouv.fr"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Communities.UpsertCommunity(f.system, &passerelles.Community{Code: "data", Name: "Communauté data"}); err != nil {
		t.Fatal(err)
	}
	comm, err := f.svc.Communities.FindCommunityByCode(f.system, "data")
	if err != nil {
		t.Fatal(err)
	}
	f.eventAt = paris(t, "2026-11-02 09:00")
	if _, err := f.svc.Events.ImportEvents(f.system, []*passerelles.Event{{CommunityID: comm.ID, Title: eventTitle,
		Kind: passerelles.EventConference, Status: passerelles.EventPublished, Format: passerelles.EventOnsite,
		Address: "Paris", StartsAt: f.eventAt, EndsAt: f.eventAt.Add(8 * time.Hour)}}); err != nil {
		t.Fatal(err)
	}
	f.eventID = 1 // the first event of a new database
	f.smtp = smtptest.Start(t)
	m, err := notify.NewMailer(notify.SMTPConfig{Host: "127.0.0.1", Port: f.smtp.Port(), TLS: notify.TLSNone,
		From: "Passerelles <ne-pas-repondre@passerelles.test>", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	f.worker = notify.NewWorker(f.svc.Notifications, m, f.baseURL, nil)
	f.worker.Now = f.clock.Now
	return f
}

// notifyAt records a notification of kind for the agents at the Paris time at.
func (f *fixture) notifyAt(t *testing.T, at string, kind passerelles.NotificationKind, agents ...*passerelles.User) {
	t.Helper()
	f.clock.Set(paris(t, at))
	ids := make([]int64, len(agents))
	for i, a := range agents {
		ids[i] = a.AgentID
	}
	if err := f.svc.Notifications.Notify(f.system, ids, kind, f.eventID); err != nil {
		t.Fatal(err)
	}
}

// tick looks at the Paris time at and returns what the SMTP server received in all.
func (f *fixture) tick(t *testing.T, at string) (notify.TickReport, []smtptest.Received) {
	t.Helper()
	f.clock.Set(paris(t, at))
	rep, err := f.worker.Tick(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rep, f.smtp.Messages()
}

func (f *fixture) as(u *passerelles.User) context.Context {
	return passerelles.NewContextWithUser(context.Background(), u)
}

func (f *fixture) prefer(t *testing.T, u *passerelles.User, in passerelles.NotificationPreferencesInput) {
	t.Helper()
	if in.DigestTime == "" {
		in.DigestTime = "08:00"
	}
	if in.Delivery == "" {
		in.Delivery = passerelles.DeliveryImmediate
	}
	if _, err := f.svc.Notifications.UpdateNotificationPreferences(f.as(u), in); err != nil {
		t.Fatal(err)
	}
}

// TestEmailImmediate: a notification goes at once, to its agent only, in French, with the
// event's title escaped in HTML and the preferences as the unsubscribe link; a second look
// sends nothing more.
func TestEmailImmediate(t *testing.T) {
	f := newFixture(t, "2026-06-10 15:00")
	f.notifyAt(t, "2026-06-10 15:00", passerelles.NotifyRegistrationConfirmed, f.camille)
	f.notifyAt(t, "2026-06-10 15:00", passerelles.NotifyWaitlisted, f.karim)
	rep, got := f.tick(t, "2026-06-10 15:00")
	if rep.Sent != 2 || rep.Marked != 2 || len(got) != 2 {
		t.Fatalf("report %+v, %d received: want 2 emails, 2 marked", rep, len(got))
	}
	byTo := map[string]smtptest.Received{}
	for _, r := range got {
		if len(r.To) != 1 {
			t.Fatalf("recipients %v: one agent per email", r.To)
		}
		byTo[r.To[0]] = r
	}
	r, ok := byTo["camille.lefevre@travail.gouv.fr"]
	if !ok {
		t.Fatalf("nothing to Camille: %v", byTo)
	}
	if r.From != "ne-pas-repondre@passerelles.test" {
		t.Fatalf("envelope sender %q", r.From)
	}
	m := smtptest.ParseEmail(t, r.Data)
	if want := "Votre inscription est confirmée : « " + eventTitle + " »"; m.Subject != want {
		t.Fatalf("subject %q, want %q", m.Subject, want)
	}
	if to := m.Header.Get("To"); !strings.Contains(to, "camille.lefevre@travail.gouv.fr") {
		t.Fatalf("To: %q", to)
	}
	for _, want := range []string{"Bonjour Camille,", "Votre inscription est confirmée : « " + eventTitle + " »",
		"le lundi 2 novembre 2026 à 09:00 (heure de Paris)", "https://passerelles.test/evenements/1",
		"changez vos préférences : https://passerelles.test/notifications#preferences"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("text part lacks %q:\n%s", want, m.Text)
		}
	}
	for _, want := range []string{`<html lang="fr">`, "Bonjour Camille,", "Data &amp; IA &lt;atelier&gt;", `href="https://passerelles.test/evenements/1"`,
		`href="https://passerelles.test/notifications#preferences"`} {
		if !strings.Contains(m.HTML, want) {
			t.Errorf("HTML part lacks %q:\n%s", want, m.HTML)
		}
	}
	if strings.Contains(m.HTML, "<atelier>") {
		t.Error("the event's title reached the HTML unescaped")
	}
	for _, other := range []string{"Karim", "Benali", "karim.benali", "Lefèvre"} {
		if strings.Contains(r.Data, other) {
			t.Errorf("Camille's email mentions %q: only what she sees in the app", other)
		}
	}
	if u := m.Header.Get("List-Unsubscribe"); u != "<https://passerelles.test/notifications#preferences>" {
		t.Errorf("List-Unsubscribe %q", u)
	}
	if a := m.Header.Get("Auto-Submitted"); a != "auto-generated" {
		t.Errorf("Auto-Submitted %q", a)
	}
	if k := smtptest.ParseEmail(t, byTo["karim.benali@sante.gouv.fr"].Data); !strings.HasPrefix(k.Subject, "Vous êtes sur la liste d’attente") {
		t.Errorf("Karim's subject %q", k.Subject)
	}

	// Never twice: the next looks send nothing, and the notification says when it went.
	if rep, got := f.tick(t, "2026-06-10 15:01"); rep.Sent != 0 || len(got) != 2 {
		t.Fatalf("second look: %+v, %d received in all", rep, len(got))
	}
	list, err := f.svc.Notifications.FindNotifications(f.as(f.camille), f.camille.AgentID, passerelles.NotificationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Items) != 1 || !list.Items[0].EmailedAt.Equal(paris(t, "2026-06-10 15:00")) || !list.Items[0].ReadAt.IsZero() {
		t.Fatalf("notification after sending: %+v", list.Items[0])
	}
}

// TestEmailQuietHours: quiet hours that span midnight hold the emails of the night until
// their end, then one email tells them all.
func TestEmailQuietHours(t *testing.T) {
	f := newFixture(t, "2026-06-10 12:00")
	f.prefer(t, f.camille, passerelles.NotificationPreferencesInput{ByEmail: true, QuietHoursStart: "22:00", QuietHoursEnd: "07:00"})
	f.notifyAt(t, "2026-06-10 23:10", passerelles.NotifyWaitlisted, f.camille)
	f.notifyAt(t, "2026-06-11 01:30", passerelles.NotifyPromoted, f.camille)
	for _, at := range []string{"2026-06-10 23:10", "2026-06-11 01:30", "2026-06-11 06:59"} {
		if rep, got := f.tick(t, at); rep.Sent != 0 || len(got) != 0 || rep.Waiting != 1 {
			t.Fatalf("at %s, in quiet hours: %+v, %d received", at, rep, len(got))
		}
	}
	rep, got := f.tick(t, "2026-06-11 07:00")
	if rep.Sent != 1 || rep.Marked != 2 || len(got) != 1 {
		t.Fatalf("at the end of quiet hours: %+v, %d received", rep, len(got))
	}
	m := smtptest.ParseEmail(t, got[0].Data)
	if m.Subject != "Passerelles : 2 nouvelles notifications" {
		t.Fatalf("subject %q", m.Subject)
	}
	for _, want := range []string{"Vous êtes sur la liste d’attente", "Une place s’est libérée"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, m.Text)
		}
	}
}

// TestEmailWeeklyDigest: the week's notifications wait for the digest, Monday 08:00 Paris
// time in a week that crosses the spring change of offset (29 March 2026), and go in
// one email; one read in the app meanwhile does not.
func TestEmailWeeklyDigest(t *testing.T) {
	f := newFixture(t, "2026-03-23 12:00")
	f.prefer(t, f.camille, passerelles.NotificationPreferencesInput{Delivery: passerelles.DeliveryWeeklyDigest, ByEmail: true,
		DigestDay: time.Monday, DigestTime: "08:00"})
	f.notifyAt(t, "2026-03-24 10:00", passerelles.NotifyRegistrationConfirmed, f.camille)
	f.notifyAt(t, "2026-03-26 18:00", passerelles.NotifyEventChanged, f.camille)
	f.notifyAt(t, "2026-03-27 09:00", passerelles.NotifyWaitlisted, f.camille)
	f.notifyAt(t, "2026-03-29 11:00", passerelles.NotifyEventCancelled, f.camille)
	// Camille reads the waitlist one in the app.
	list, err := f.svc.Notifications.FindNotifications(f.as(f.camille), f.camille.AgentID, passerelles.NotificationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range list.Items {
		if n.Kind == passerelles.NotifyWaitlisted {
			if _, _, err := f.svc.Notifications.MarkNotificationsRead(f.as(f.camille), []int64{n.ID}, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, at := range []string{"2026-03-24 10:00", "2026-03-27 12:00", "2026-03-30 07:00", "2026-03-30 07:59"} {
		if rep, got := f.tick(t, at); rep.Sent != 0 || len(got) != 0 {
			t.Fatalf("at %s, before the digest: %+v", at, rep)
		}
	}
	// 08:00 Paris is 06:00 UTC after the change (07:00 UTC the week before).
	f.clock.Set(time.Date(2026, 3, 30, 6, 0, 0, 0, time.UTC))
	rep, err := f.worker.Tick(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := f.smtp.Messages()
	if rep.Sent != 1 || rep.Marked != 3 || len(got) != 1 {
		t.Fatalf("digest: %+v, %d received", rep, len(got))
	}
	m := smtptest.ParseEmail(t, got[0].Data)
	if m.Subject != "Passerelles : votre résumé de la semaine (3 notifications)" {
		t.Fatalf("subject %q", m.Subject)
	}
	for _, want := range []string{"Votre inscription est confirmée", "L’événement a changé", "L’événement est annulé", "Vous recevez ce résumé chaque semaine"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("digest lacks %q:\n%s", want, m.Text)
		}
	}
	if strings.Contains(m.Text, "liste d’attente") {
		t.Error("the digest tells a notification read in the app")
	}
	// The next notification waits for the next Monday.
	f.notifyAt(t, "2026-03-30 09:00", passerelles.NotifyPromoted, f.camille)
	if rep, _ := f.tick(t, "2026-04-06 07:59"); rep.Sent != 0 {
		t.Fatalf("sent before the next digest: %+v", rep)
	}
	if rep, got := f.tick(t, "2026-04-06 08:00"); rep.Sent != 1 || len(got) != 2 {
		t.Fatalf("next digest: %+v", rep)
	}
}

// TestEmailRetry: a server that refuses for a while loses nothing: the email goes again
// after a pause that grows, and once only.
func TestEmailRetry(t *testing.T) {
	f := newFixture(t, "2026-06-10 15:00")
	f.smtp.FailData(2)
	f.notifyAt(t, "2026-06-10 15:00", passerelles.NotifyRegistrationConfirmed, f.camille)
	steps := []struct {
		at                   string
		sent, failed, marked int
	}{
		{"2026-06-10 15:00", 0, 1, 0}, // 451: retry in 1 min
		{"2026-06-10 15:00", 0, 0, 0}, // paused
		{"2026-06-10 15:01", 0, 1, 0}, // 451 again: retry in 2 min
		{"2026-06-10 15:02", 0, 0, 0}, // paused
		{"2026-06-10 15:03", 1, 0, 1}, // accepted
		{"2026-06-10 15:10", 0, 0, 0}, // never twice
	}
	for _, s := range steps {
		rep, _ := f.tick(t, s.at)
		if rep.Sent != s.sent || rep.Failed != s.failed || rep.Marked != s.marked {
			t.Fatalf("at %s: %+v, want sent %d, failed %d, marked %d", s.at, rep, s.sent, s.failed, s.marked)
		}
	}
	if got := f.smtp.Messages(); len(got) != 1 {
		t.Fatalf("%d received, want 1", len(got))
	}

	t.Run("ServerDown", func(t *testing.T) {
		f := newFixture(t, "2026-06-10 15:00")
		down, err := notify.NewMailer(notify.SMTPConfig{Host: "127.0.0.1", Port: 1, TLS: notify.TLSNone,
			From: "ne-pas-repondre@passerelles.test", Timeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		w := notify.NewWorker(f.svc.Notifications, down, f.baseURL, nil)
		w.Now = f.clock.Now
		f.notifyAt(t, "2026-06-10 15:00", passerelles.NotifyRegistrationConfirmed, f.camille)
		if rep, err := w.Tick(context.Background()); err != nil || rep.Failed != 1 || rep.Marked != 0 {
			t.Fatalf("server down: %+v, %v", rep, err)
		}
		// Back up: the real server takes it.
		f.clock.Set(paris(t, "2026-06-10 15:05"))
		if rep, _ := f.worker.Tick(context.Background()); rep.Sent != 1 {
			t.Fatalf("after the outage: %+v", rep)
		}
	})
	t.Run("RecipientRefused", func(t *testing.T) {
		f := newFixture(t, "2026-06-10 15:00")
		f.smtp.RejectRecipient("camille.lefevre@travail.gouv.fr")
		f.notifyAt(t, "2026-06-10 15:00", passerelles.NotifyRegistrationConfirmed, f.camille, f.karim)
		rep, got := f.tick(t, "2026-06-10 15:00")
		if rep.Sent != 1 || rep.Failed != 1 || len(got) != 1 || got[0].To[0] != "karim.benali@sante.gouv.fr" {
			t.Fatalf("one address refused: %+v, %v: the other goes", rep, got)
		}
	})
}

// TestEmailNotWanted: no email for an agent who wants none, nor for a notification read
// in the app, nor for one older than MaxEmailDelay.
func TestEmailNotWanted(t *testing.T) {
	f := newFixture(t, "2026-06-01 12:00")
	f.prefer(t, f.karim, passerelles.NotificationPreferencesInput{ByEmail: false})
	f.notifyAt(t, "2026-06-01 12:00", passerelles.NotifyRegistrationConfirmed, f.camille) // too old by the time it is looked at
	f.notifyAt(t, "2026-06-20 12:00", passerelles.NotifyRegistrationConfirmed, f.karim)
	f.notifyAt(t, "2026-06-20 12:00", passerelles.NotifyEventChanged, f.camille)
	if _, _, err := f.svc.Notifications.MarkNotificationsRead(f.as(f.camille), nil, true); err != nil {
		t.Fatal(err)
	}
	if rep, got := f.tick(t, "2026-06-20 12:01"); rep.Sent != 0 || len(got) != 0 || rep.Waiting != 0 {
		t.Fatalf("%+v, %d received: want nothing to send or wait for", rep, len(got))
	}
}

func TestSMTPConfigValidate(t *testing.T) {
	for _, tc := range []struct {
		name     string
		cfg      notify.SMTPConfig
		wantErr  string
		wantPort int
	}{
		{"Off", notify.SMTPConfig{}, "", 0},
		{"StartTLSDefault", notify.SMTPConfig{Host: "smtp.example.gouv.fr", From: "ne-pas-repondre@example.gouv.fr"}, "", 587},
		{"Implicit", notify.SMTPConfig{Host: "smtp.example.gouv.fr", TLS: "tls", From: "Passerelles <a@b.fr>"}, "", 465},
		{"None", notify.SMTPConfig{Host: "127.0.0.1", TLS: "none", From: "a@b.fr"}, "", 25},
		{"ErrTLS", notify.SMTPConfig{Host: "h", TLS: "ssl", From: "a@b.fr"}, "use starttls, tls or none", 0},
		{"ErrFrom", notify.SMTPConfig{Host: "h"}, "PASSERELLES_SMTP_FROM", 0},
		{"ErrHostWithPort", notify.SMTPConfig{Host: "h:25", From: "a@b.fr"}, "without port", 0},
		{"ErrPasswordAlone", notify.SMTPConfig{Host: "h", From: "a@b.fr", Password: "x"}, "without a user", 0},
		{"ErrUserAlone", notify.SMTPConfig{Host: "h", From: "a@b.fr", Username: "x"}, "without a password", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Validate()
			if tc.wantErr == "" && err != nil {
				t.Fatal(err)
			}
			if tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("error %v, want %q", err, tc.wantErr)
			}
			if tc.wantErr == "" && tc.cfg.Port != tc.wantPort {
				t.Fatalf("port %d, want %d", tc.cfg.Port, tc.wantPort)
			}
		})
	}
	if _, err := notify.NewMailer(notify.SMTPConfig{}); err == nil {
		t.Fatal("a mailer without a server")
	}
}

// TestHostileSMTPServer: a server that never answers, or that hangs up before
// acknowledging the message, holds the worker no longer than its timeout, and nothing is
// marked: the notification is tried again later (at least once).
func TestHostileSMTPServer(t *testing.T) {
	for _, tc := range []struct {
		name  string
		serve func(c net.Conn)
	}{
		{"Silent", func(c net.Conn) { _, _ = io.Copy(io.Discard, c) }}, // never greets
		{"HangsUpAfterData", func(c net.Conn) {
			tp := textproto.NewConn(c)
			_ = tp.PrintfLine("220 hostile.test ESMTP")
			for {
				line, err := tp.ReadLine()
				if err != nil {
					return
				}
				switch {
				case strings.HasPrefix(line, "EHLO"):
					_ = tp.PrintfLine("250-hostile.test")
					_ = tp.PrintfLine("250 8BITMIME")
				case strings.HasPrefix(line, "DATA"):
					_ = tp.PrintfLine("354 Go ahead")
					_, _ = io.ReadAll(tp.DotReader())
					return // no 250: the client cannot know whether it went
				default:
					_ = tp.PrintfLine("250 OK")
				}
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, "2026-06-10 15:00")
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			t.Cleanup(func() { ln.Close(); wg.Wait() })
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					c, err := ln.Accept()
					if err != nil {
						return
					}
					wg.Add(1)
					go func() {
						defer wg.Done()
						defer c.Close()
						_ = c.SetDeadline(time.Now().Add(5 * time.Second))
						tc.serve(c)
					}()
				}
			}()
			hostile, err := notify.NewMailer(notify.SMTPConfig{Host: "127.0.0.1", Port: ln.Addr().(*net.TCPAddr).Port, TLS: notify.TLSNone,
				From: "ne-pas-repondre@passerelles.test", Timeout: 500 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			w := notify.NewWorker(f.svc.Notifications, hostile, f.baseURL, nil)
			w.Now = f.clock.Now
			f.notifyAt(t, "2026-06-10 15:00", passerelles.NotifyRegistrationConfirmed, f.camille)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			rep, err := w.Tick(ctx)
			if err != nil || rep.Failed != 1 || rep.Marked != 0 || ctx.Err() != nil {
				t.Fatalf("%+v, %v, context %v", rep, err, ctx.Err())
			}
			// The honest server takes it afterwards.
			if rep, _ := f.tick(t, "2026-06-10 15:05"); rep.Sent != 1 || rep.Marked != 1 {
				t.Fatalf("afterwards: %+v", rep)
			}
		})
	}
}
