package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"passerelles"
	"passerelles/notify/smtptest"
	"passerelles/sqlite"
)

// serveDevWithDB serves the development server and opens its database a second time, as
// a tool would, to write what the API cannot (notifications come from events, which
// another part of the API writes).
func serveDevWithDB(t *testing.T, flags ...string) (string, passerelles.Services) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "notifications.db")
	base := MustServeDevWith(t, append([]string{"-db", path}, flags...)...)
	db := sqlite.NewDB(path)
	if err := db.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return base, db.Services()
}

const (
	myNotifications = `query($first: Int, $unread: Boolean) { me { notifications(first: $first, unreadOnly: $unread) {
		totalCount unreadCount pageInfo { hasNextPage }
		edges { node { id kind label event { id title startsAt cancelled } createdAt readAt emailedAt } } } } }`
	myPreferences = `{ me { notificationPreferences { delivery byEmail emailAvailable quietHoursStart quietHoursEnd digestDay digestTime updatedAt } } }`
	markRead      = `mutation($ids: [ID!], $all: Boolean) { markNotificationsRead(input: {ids: $ids, all: $all}) { markedCount unreadCount } }`
	setPrefs      = `mutation($in: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $in) { preferences {
		delivery byEmail quietHoursStart quietHoursEnd digestDay digestTime } } }`
)

// notifications returns the connection of me.notifications.
func notificationsOf(data map[string]any) map[string]any {
	me, _ := data["me"].(map[string]any)
	c, _ := me["notifications"].(map[string]any)
	return c
}

// TestNotificationsThroughGraphQL: an agent reads, pages and marks their notifications
// and sets their preferences; nobody else — another agent, an animator, a manager, an
// administrator, nobody signed in — reads or marks them.
func TestNotificationsThroughGraphQL(t *testing.T) {
	base, svc := serveDevWithDB(t)
	camille := signedIn(t, base, "persona-agent-travail")
	camilleID, _ := strconv.ParseInt(camille.me()["id"].(string), 10, 64)
	system := passerelles.NewSystemContext(context.Background())
	for _, k := range []passerelles.NotificationKind{passerelles.NotifyWaitlisted, passerelles.NotifyPromoted, passerelles.NotifyEventChanged} {
		if err := svc.Notifications.Notify(system, []int64{camilleID}, k, 1); err != nil {
			t.Fatal(err)
		}
	}
	c := notificationsOf(camille.gqlData(myNotifications, map[string]any{"first": 2}))
	if c["totalCount"] != 3.0 || c["unreadCount"] != 3.0 || c["pageInfo"].(map[string]any)["hasNextPage"] != true {
		t.Fatalf("notifications = %v", c)
	}
	edges := c["edges"].([]any)
	newest := edges[0].(map[string]any)["node"].(map[string]any)
	if len(edges) != 2 || newest["kind"] != "EVENT_CHANGED" || newest["label"] != "L’événement a changé" || newest["readAt"] != nil || newest["emailedAt"] != nil {
		t.Fatalf("first page = %v", edges)
	}
	if ev, _ := newest["event"].(map[string]any); ev == nil || ev["id"] != "1" || ev["title"] == "" || ev["startsAt"] == nil {
		t.Fatalf("event = %v", newest["event"])
	}
	newestID := newest["id"].(string)

	t.Run("Preferences", func(t *testing.T) {
		me := camille.gqlData(myPreferences, nil)["me"].(map[string]any)
		p, _ := json.Marshal(me["notificationPreferences"])
		// Defaults, and no email: this server has no SMTP server.
		if want := `{"byEmail":true,"delivery":"IMMEDIATE","digestDay":"MONDAY","digestTime":"08:00","emailAvailable":false,"quietHoursEnd":null,"quietHoursStart":null,"updatedAt":null}`; string(p) != want {
			t.Fatalf("preferences = %s, want %s", p, want)
		}
		in := map[string]any{"delivery": "WEEKLY_DIGEST", "byEmail": true, "quietHoursStart": "21:30", "quietHoursEnd": "07:00", "digestDay": "FRIDAY", "digestTime": "17:00"}
		got := camille.gqlData(setPrefs, map[string]any{"in": in})["updateNotificationPreferences"].(map[string]any)["preferences"]
		if b, _ := json.Marshal(got); string(b) != `{"byEmail":true,"delivery":"WEEKLY_DIGEST","digestDay":"FRIDAY","digestTime":"17:00","quietHoursEnd":"07:00","quietHoursStart":"21:30"}` {
			t.Fatalf("after update: %s", b)
		}
		if me := camille.gqlData(myPreferences, nil)["me"].(map[string]any); me["notificationPreferences"].(map[string]any)["updatedAt"] == nil {
			t.Fatal("updatedAt still null")
		}
		for _, tc := range []struct {
			name, field, value, wantField, wantText string
		}{
			{"ErrQuietStart", "quietHoursStart", "25:00", "quietHoursStart", "L’heure de début des heures de calme s’écrit HH:MM"},
			{"ErrQuietEndMissing", "quietHoursEnd", "", "quietHoursEnd", "Indiquez aussi l’heure de fin"},
			{"ErrQuietSame", "quietHoursEnd", "21:30", "quietHoursEnd", "une autre heure"},
			{"ErrDigestTime", "digestTime", "8h", "digestTime", "L’heure du résumé s’écrit HH:MM"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				bad := map[string]any{}
				for k, v := range in {
					bad[k] = v
				}
				if tc.value == "" {
					delete(bad, tc.field)
				} else {
					bad[tc.field] = tc.value
				}
				vars, _ := json.Marshal(map[string]any{"in": bad})
				res := camille.postRaw(setPrefs, string(vars))
				if len(res.Errors) != 1 || res.Errors[0].Code() != "INVALID_INPUT" || res.Errors[0].Extensions["field"] != tc.wantField ||
					!strings.Contains(res.Errors[0].Message, tc.wantText) {
					t.Fatalf("errors = %+v, want INVALID_INPUT on %s saying %q", res.Errors, tc.wantField, tc.wantText)
				}
			})
		}
	})

	// Only the owner: every other role is refused and changes nothing.
	for _, role := range []struct {
		who, subject, wantCode string
	}{
		{"Anonymous", "", "UNAUTHENTICATED"},
		{"Agent", "persona-agent-sante", "NOT_FOUND"},
		{"Animator", "persona-animateur", "NOT_FOUND"},
		{"Manager", "persona-manager", "NOT_FOUND"},
		{"Admin", "persona-admin", "NOT_FOUND"},
	} {
		t.Run("MarkAs"+role.who, func(t *testing.T) {
			b := signedIn(t, base, role.subject)
			if _, _, code := b.gql(markRead, map[string]any{"ids": []string{newestID}}); code != role.wantCode {
				t.Fatalf("code %q, want %q (%s)", code, role.wantCode, b.lastError)
			}
			if _, _, code := b.gql(markRead, map[string]any{"all": true}); role.subject == "" && code != "UNAUTHENTICATED" {
				t.Fatalf("anonymous « all »: code %q", code)
			}
			if got := notificationsOf(camille.gqlData(myNotifications, nil))["unreadCount"]; got != 3.0 {
				t.Fatalf("Camille's unread count = %v after %s's attempts", got, role.who)
			}
			if role.subject == "" {
				if _, _, code := b.gql(setPrefs, map[string]any{"in": map[string]any{"delivery": "IMMEDIATE", "byEmail": false, "digestDay": "MONDAY", "digestTime": "08:00"}}); code != "UNAUTHENTICATED" {
					t.Fatalf("anonymous preferences: code %q", code)
				}
				return
			}
			// Their own list is theirs: empty.
			if c := notificationsOf(b.gqlData(myNotifications, nil)); c["totalCount"] != 0.0 {
				t.Fatalf("%s sees %v", role.who, c)
			}
		})
	}
	t.Run("AdminThroughUsers", func(t *testing.T) {
		admin := signedIn(t, base, "persona-admin")
		res := admin.postRaw(`{ users(search: "camille") { edges { node { id notifications { totalCount } notificationPreferences { delivery } } } } }`, "")
		codes := res.codes()
		if len(codes) != 2 || codes[0] != "FORBIDDEN" || codes[1] != "FORBIDDEN" {
			t.Fatalf("codes %v, want FORBIDDEN twice", codes)
		}
		if !strings.Contains(string(res.Data), `"notifications":null`) || !strings.Contains(string(res.Data), `"notificationPreferences":null`) {
			t.Fatalf("data %s", res.Data)
		}
	})

	t.Run("OwnerMarks", func(t *testing.T) {
		got := camille.gqlData(markRead, map[string]any{"ids": []string{newestID}})["markNotificationsRead"].(map[string]any)
		if got["markedCount"] != 1.0 || got["unreadCount"] != 2.0 {
			t.Fatalf("marked %v", got)
		}
		// Again: nothing more to mark, and the first reading time stays.
		if again := camille.gqlData(markRead, map[string]any{"ids": []string{newestID}})["markNotificationsRead"].(map[string]any); again["markedCount"] != 0.0 {
			t.Fatalf("marked twice: %v", again)
		}
		unread := notificationsOf(camille.gqlData(myNotifications, map[string]any{"unread": true}))
		if unread["totalCount"] != 2.0 || len(unread["edges"].([]any)) != 2 {
			t.Fatalf("unread only = %v", unread)
		}
		for _, tc := range []struct {
			name      string
			vars      map[string]any
			wantCode  string
			wantField string
		}{
			{"ErrNeither", map[string]any{}, "INVALID_INPUT", "ids"},
			{"ErrBoth", map[string]any{"ids": []string{newestID}, "all": true}, "INVALID_INPUT", "all"},
			{"ErrTooMany", map[string]any{"ids": make([]string, 101)}, "INVALID_INPUT", "ids"},
			{"ErrMalformed", map[string]any{"ids": []string{newestID, "abc"}}, "INVALID_INPUT", "ids.1"},
			{"ErrUnknown", map[string]any{"ids": []string{newestID, "999999"}}, "NOT_FOUND", "ids.1"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if ids, ok := tc.vars["ids"].([]string); ok {
					for i := range ids {
						if ids[i] == "" {
							ids[i] = strconv.Itoa(i + 1)
						}
					}
				}
				vars, _ := json.Marshal(tc.vars)
				res := camille.postRaw(markRead, string(vars))
				if len(res.Errors) != 1 || res.Errors[0].Code() != tc.wantCode || res.Errors[0].Extensions["field"] != tc.wantField {
					t.Fatalf("errors = %+v, want %s on %s", res.Errors, tc.wantCode, tc.wantField)
				}
			})
		}
		all := camille.gqlData(markRead, map[string]any{"all": true})["markNotificationsRead"].(map[string]any)
		if all["markedCount"] != 2.0 || all["unreadCount"] != 0.0 {
			t.Fatalf("all: %v", all)
		}
	})
}

// TestEmailThroughServer: with an SMTP server configured, a notification reaches the
// agent's address through the server's own worker, and the API then says it was emailed.
func TestEmailThroughServer(t *testing.T) {
	smtp := smtptest.Start(t)
	base, svc := serveDevWithDB(t, "-smtp-host", "127.0.0.1", "-smtp-port", strconv.Itoa(smtp.Port()), "-smtp-tls", "none",
		"-smtp-from", "Passerelles <ne-pas-repondre@passerelles.test>", "-email-interval", "1s")
	camille := signedIn(t, base, "persona-agent-travail")
	camilleID, _ := strconv.ParseInt(camille.me()["id"].(string), 10, 64)
	if me := camille.gqlData(myPreferences, nil)["me"].(map[string]any); me["notificationPreferences"].(map[string]any)["emailAvailable"] != true {
		t.Fatalf("emailAvailable false with an SMTP server")
	}
	if err := svc.Notifications.Notify(passerelles.NewSystemContext(context.Background()), []int64{camilleID}, passerelles.NotifyRegistrationConfirmed, 1); err != nil {
		t.Fatal(err)
	}
	// The worker looks every second: wait for the message (an event, not a duration under test).
	deadline := time.Now().Add(20 * time.Second)
	for len(smtp.Messages()) == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	got := smtp.Messages()
	if len(got) != 1 || len(got[0].To) != 1 || got[0].To[0] != "camille.lefevre@travail.demo.gouv.fr" {
		t.Fatalf("received %+v", got)
	}
	m := smtptest.ParseEmail(t, got[0].Data)
	if !strings.HasPrefix(m.Subject, "Votre inscription est confirmée : « ") || !strings.Contains(m.Text, "Bonjour Camille,") ||
		!strings.Contains(m.Text, base+"/notifications#preferences") {
		t.Fatalf("subject %q, text:\n%s", m.Subject, m.Text)
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		edges := notificationsOf(camille.gqlData(myNotifications, nil))["edges"].([]any)
		if edges[0].(map[string]any)["node"].(map[string]any)["emailedAt"] != nil {
			return
		}
	}
	t.Fatal("emailedAt still null after the message was accepted")
}

// TestNoEmailWithoutSMTP: by default the server has no email worker at all.
func TestNoEmailWithoutSMTP(t *testing.T) {
	cfg, err := parseServeConfig([]string{"-addr", "127.0.0.1:0", "-db", filepath.Join(t.TempDir(), "n.db"), "-demo-agents", "0"})
	if err != nil {
		t.Fatal(err)
	}
	app, err := NewApp(context.Background(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	if app.emails != nil || cfg.SMTP.Enabled() {
		t.Fatal("an email worker without an SMTP server")
	}
}
