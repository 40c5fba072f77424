package main

import (
	"database/sql"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"passerelles/markdown"
)

// calendarDescription is a long French description with accents and the characters
// RFC 5545 escapes, as an animator would write it in Markdown: a heading, emphasis, a
// link, a list.
const calendarDescription = "## Programme de la journée\n\n" +
	"Échanges entre agents des ministères sociaux : qualité, éthique et **réutilisation** des données ; " +
	"retours d’expérience des DREETS, des ARS et de la [DREES](https://drees.solidarites-sante.gouv.fr/), " +
	"suivis d’ateliers _pratiques_.\n\n" +
	"- Chemins Windows à éviter : C:\\données\\partage\n- Pause café, déjeuner libre, échanges informels"

// calendarDescriptionText is calendarDescription as a calendar shows it: plain text, no
// Markdown marker, the link's address after its text, the list as lines (review of
// issue 10: DESCRIPTION carried the Markdown source).
const calendarDescriptionText = "Programme de la journée\n\n" +
	"Échanges entre agents des ministères sociaux : qualité, éthique et réutilisation des données ; " +
	"retours d’expérience des DREETS, des ARS et de la DREES (https://drees.solidarites-sante.gouv.fr/), " +
	"suivis d’ateliers pratiques.\n\n" +
	"- Chemins Windows à éviter : C:\\données\\partage\n- Pause café, déjeuner libre, échanges informels"

// icsResponse is a calendar file as a client received it.
type icsResponse struct {
	status int
	header http.Header
	body   string
	cal    *ics.Calendar
}

// getICS fetches path with client and parses a 200 answer with golang-ical's decoder.
func getICS(t *testing.T, client *http.Client, url string) icsResponse {
	t.Helper()
	res, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	out := icsResponse{status: res.StatusCode, header: res.Header, body: string(b)}
	if res.StatusCode == http.StatusOK {
		if out.cal, err = ics.ParseCalendar(strings.NewReader(out.body)); err != nil {
			t.Fatalf("%s: not an iCalendar file: %v\n%s", url, err, b)
		}
	}
	return out
}

// event returns the VEVENT of eventID, or nil.
func (r icsResponse) event(eventID int64) *ics.VEvent {
	for _, e := range r.cal.Events() {
		if e.Id() == "event-"+strconv.FormatInt(eventID, 10)+"@127.0.0.1" {
			return e
		}
	}
	return nil
}

// eventIDs returns the ids of the events of the file, from their UIDs.
func (r icsResponse) eventIDs(t *testing.T) []int64 {
	t.Helper()
	var out []int64
	for _, e := range r.cal.Events() {
		s := strings.TrimSuffix(strings.TrimPrefix(e.Id(), "event-"), "@127.0.0.1")
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatalf("UID %q", e.Id())
		}
		out = append(out, id)
	}
	return out
}

func icsProp(e *ics.VEvent, p ics.ComponentProperty) string {
	if v := e.GetProperty(p); v != nil {
		return v.Value
	}
	return ""
}

// TestCalendarsThroughHTTP runs the calendar files through the real server: personas
// signed in through the embedded provider, events written in SQL as the events service
// leaves them, every file parsed back by golang-ical's decoder.
func TestCalendarsThroughHTTP(t *testing.T) {
	path := filepath.Join(t.TempDir(), "calendar.db")
	base := MustServeDevWith(t, "-db", path, "-rate-calendar", "30/1m")
	raw, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=on&_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	camille := signedIn(t, base, "persona-agent-travail")
	karim := signedIn(t, base, "persona-agent-sante")
	camilleID, _ := strconv.ParseInt(camille.me()["id"].(string), 10, 64)
	karimID, _ := strconv.ParseInt(karim.me()["id"].(string), 10, 64)
	anonymous := &http.Client{Timeout: 10 * time.Second}

	exec := func(q string, args ...any) sql.Result {
		t.Helper()
		res, err := raw.Exec(q, args...)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	start := time.Date(time.Now().Year()+1, 7, 2, 9, 30, 0, 0, paris) // summer time in Paris
	insertEvent := func(title, status string) int64 {
		now := time.Now().UnixMilli()
		html := markdown.New().Render(calendarDescription) // rendered when written, as the store does
		res := exec(`INSERT INTO events (community_id, title, description, description_html, description_text, kind, status,
			format, address, online_url, starts_at, ends_at, time_zone, created_at, updated_at)
			VALUES ((SELECT id FROM communities WHERE code = 'data'), ?, ?, ?, ?, 'CONFERENCE', ?, 'HYBRID',
			'Ministère du Travail, 127 rue de Grenelle, Paris', 'https://visio.example.gouv.fr/j/42', ?, ?, 'Europe/Paris', ?, ?)`,
			title, calendarDescription, html, markdown.PlainText(html), status, start.UnixMilli(), start.Add(7*time.Hour).UnixMilli(), now, now)
		id, _ := res.LastInsertId()
		return id
	}
	register := func(eventID, agentID int64, status string, position int) {
		now := time.Now().UnixMilli()
		exec(`INSERT INTO registrations (event_id, agent_id, status, position, registered_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
			eventID, agentID, status, position, now, now)
	}
	journee := insertEvent("Journée de la donnée, édition 2027 ; « ouverte »", "PUBLISHED")
	draft := insertEvent("Brouillon", "DRAFT")
	salon := insertEvent("Salon de la data", "PUBLISHED")
	register(journee, camilleID, "REGISTERED", 1)
	register(salon, karimID, "REGISTERED", 1)
	eventURL := func(id int64) string { return base + "/calendar/events/" + strconv.FormatInt(id, 10) + ".ics" }

	t.Run("Event", func(t *testing.T) {
		r := getICS(t, camille.client, eventURL(journee))
		if r.status != http.StatusOK {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		for h, want := range map[string]string{"Content-Type": "text/calendar; charset=utf-8",
			"Content-Disposition": `attachment; filename=evenement-` + strconv.FormatInt(journee, 10) + `.ics`,
			"Cache-Control":       "private, no-store", "X-Content-Type-Options": "nosniff"} {
			if got := r.header.Get(h); got != want {
				t.Errorf("%s = %q, want %q", h, got, want)
			}
		}
		for i, l := range strings.Split(strings.TrimSuffix(r.body, "\r\n"), "\r\n") {
			if len(l) > 75 || !utf8.ValidString(l) {
				t.Errorf("line %d: %d octets or a split character: %q", i+1, len(l), l)
			}
		}
		e := r.event(journee)
		if e == nil {
			t.Fatalf("no event %d in\n%s", journee, r.body)
		}
		got, err := e.GetStartAt()
		if err != nil || !got.Equal(start) || e.GetProperty(ics.ComponentPropertyDtStart).ICalParameters["TZID"][0] != "Europe/Paris" {
			t.Errorf("DTSTART %v (%v) %v, want %v in Europe/Paris", got, err, e.GetProperty(ics.ComponentPropertyDtStart), start)
		}
		if tz := r.cal.Timezones(); len(tz) != 1 || tz[0].GetProperty(ics.ComponentPropertyTzid).Value != "Europe/Paris" {
			t.Errorf("VTIMEZONE %v, want Europe/Paris", tz)
		}
		for p, want := range map[ics.ComponentProperty]string{
			ics.ComponentPropertySummary:     "Journée de la donnée, édition 2027 ; « ouverte »",
			ics.ComponentPropertyDescription: calendarDescriptionText + "\n\nLien de connexion : https://visio.example.gouv.fr/j/42",
			ics.ComponentPropertyLocation:    "Ministère du Travail, 127 rue de Grenelle, Paris",
			ics.ComponentPropertyStatus:      "CONFIRMED",
			ics.ComponentPropertySequence:    "0",
			ics.ComponentPropertyUrl:         base + "/evenements/" + strconv.FormatInt(journee, 10),
		} {
			if got := icsProp(e, p); got != want {
				t.Errorf("%s = %q, want %q", p, got, want)
			}
		}
	})
	t.Run("EventLinkForParticipantsOnly", func(t *testing.T) {
		r := getICS(t, karim.client, eventURL(journee))
		if r.status != http.StatusOK {
			t.Fatalf("status %d", r.status)
		}
		if d := icsProp(r.event(journee), ics.ComponentPropertyDescription); d != calendarDescriptionText || strings.Contains(r.body, "visio.example") {
			t.Fatalf("an agent not registered reads the link: %q", d)
		}
	})
	t.Run("EventRefusals", func(t *testing.T) {
		for _, c := range []struct {
			name   string
			client *http.Client
			url    string
			want   int
		}{
			{"Anonymous", anonymous, eventURL(journee), http.StatusUnauthorized},
			{"Draft", camille.client, eventURL(draft), http.StatusNotFound},
			{"Unknown", camille.client, eventURL(999999), http.StatusNotFound},
			{"NotANumber", camille.client, base + "/calendar/events/abc.ics", http.StatusNotFound},
			{"NoExtension", camille.client, base + "/calendar/events/" + strconv.FormatInt(journee, 10), http.StatusNotFound},
			{"CommunityAnonymous", anonymous, base + "/calendar/communities/data.ics", http.StatusUnauthorized},
			{"CommunityUnknown", camille.client, base + "/calendar/communities/inconnue.ics", http.StatusNotFound},
		} {
			t.Run(c.name, func(t *testing.T) {
				r := getICS(t, c.client, c.url)
				if r.status != c.want || strings.Contains(r.body, "BEGIN:VCALENDAR") {
					t.Fatalf("status %d, want %d: %s", r.status, c.want, r.body)
				}
				if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
					t.Errorf("Content-Type %q, want plain text", ct)
				}
			})
		}
	})
	t.Run("SequenceIncreasedAfterChange", func(t *testing.T) {
		// The events service increases sequence with every change participants must see;
		// the row is changed here as it would change it: one hour later.
		exec(`UPDATE events SET sequence = sequence + 1, starts_at = starts_at + 3600000, ends_at = ends_at + 3600000,
			updated_at = ? WHERE id = ?`, time.Now().UnixMilli(), journee)
		e := getICS(t, camille.client, eventURL(journee)).event(journee)
		if got := icsProp(e, ics.ComponentPropertySequence); got != "1" {
			t.Fatalf("SEQUENCE = %q after a change, want 1", got)
		}
		if got, _ := e.GetStartAt(); !got.Equal(start.Add(time.Hour)) {
			t.Fatalf("DTSTART = %v, want %v", got, start.Add(time.Hour))
		}
	})
	t.Run("Community", func(t *testing.T) {
		r := getICS(t, karim.client, base+"/calendar/communities/data.ics")
		if r.status != http.StatusOK {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		ids := r.eventIDs(t)
		if r.event(journee) == nil || r.event(salon) == nil || r.event(draft) != nil {
			t.Fatalf("community calendar %v: want %d and %d, never the draft %d", ids, journee, salon, draft)
		}
		for _, id := range ids {
			var code, status string
			if err := raw.QueryRow(`SELECT c.code, e.status FROM events e JOIN communities c ON c.id = e.community_id WHERE e.id = ?`, id).Scan(&code, &status); err != nil || code != "data" || status == "DRAFT" {
				t.Errorf("event %d of %q (%s) in the calendar of data (%v)", id, code, status, err)
			}
		}
		if got := r.header.Get("Content-Disposition"); got != "attachment; filename=communaute-data.ics" {
			t.Errorf("Content-Disposition %q", got)
		}
	})

	const feedFields = `calendarFeed { url createdAt }`
	feedOf := func(data map[string]any, field string) map[string]any {
		m, _ := data[field].(map[string]any)
		f, _ := m["calendarFeed"].(map[string]any)
		return f
	}
	var feedURL string
	t.Run("CreateFeed", func(t *testing.T) {
		if _, data, code := camille.gql(`{ me { `+feedFields+` } }`, nil); code != "" || feedOf(data, "me") != nil {
			t.Fatalf("before: %v %s, want no feed", data, code)
		}
		if _, _, code := newBrowser(t, base).gql(`mutation { createCalendarFeed { `+feedFields+` } }`, nil); code != "UNAUTHENTICATED" {
			t.Fatalf("anonymous createCalendarFeed: %q, want UNAUTHENTICATED", code)
		}
		_, data, code := camille.gql(`mutation { createCalendarFeed { `+feedFields+` } }`, nil)
		f := feedOf(data, "createCalendarFeed")
		if code != "" || f == nil {
			t.Fatalf("createCalendarFeed: %v %s (%s)", data, code, camille.lastError)
		}
		feedURL, _ = f["url"].(string)
		if !strings.HasPrefix(feedURL, base+"/calendar/me/") || !strings.HasSuffix(feedURL, ".ics") || len(feedURL) != len(base+"/calendar/me/.ics")+43 {
			t.Fatalf("url %q", feedURL)
		}
		if _, _, code := camille.gql(`mutation { createCalendarFeed { `+feedFields+` } }`, nil); code != "CONFLICT" {
			t.Fatalf("second createCalendarFeed: %q, want CONFLICT", code)
		}
		_, data, _ = camille.gql(`{ me { `+feedFields+` } }`, nil)
		if me := feedOf(data, "me"); me == nil || me["url"] != nil || me["createdAt"] != f["createdAt"] {
			t.Fatalf("me.calendarFeed = %v: want its date and no address", me)
		}
	})
	if feedURL == "" {
		t.FailNow()
	}
	t.Run("FeedShowsOwnerRegistrationsOnly", func(t *testing.T) {
		// The token is the only credential: without cookies, or with another agent's, the
		// same file, Camille's.
		for _, client := range []*http.Client{anonymous, karim.client} {
			r := getICS(t, client, feedURL)
			if r.status != http.StatusOK {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			if r.event(journee) == nil || r.event(salon) != nil {
				t.Fatalf("feed %v: want %d (hers), not %d (Karim's)", r.eventIDs(t), journee, salon)
			}
			for _, id := range r.eventIDs(t) {
				var n int
				if err := raw.QueryRow(`SELECT COUNT(*) FROM registrations WHERE event_id = ? AND agent_id = ?`, id, camilleID).Scan(&n); err != nil || n != 1 {
					t.Errorf("event %d in Camille's feed without her registration", id)
				}
			}
			if got := r.header.Get("X-Robots-Tag"); got != "noindex" {
				t.Errorf("X-Robots-Tag %q", got)
			}
			if got := r.header.Get("Cache-Control"); got != "private, no-store" {
				t.Errorf("Cache-Control %q", got)
			}
		}
	})
	t.Run("FeedCancelledEvent", func(t *testing.T) {
		now := time.Now().UnixMilli()
		exec(`UPDATE events SET status = 'CANCELLED', cancelled_at = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?`, now, now, journee)
		exec(`UPDATE registrations SET status = 'CANCELLED', updated_at = ? WHERE event_id = ?`, now, journee)
		e := getICS(t, anonymous, feedURL).event(journee)
		if e == nil {
			t.Fatal("the cancelled event left the feed: calendars would never learn of the cancellation")
		}
		if got := icsProp(e, ics.ComponentPropertyStatus); got != "CANCELLED" {
			t.Errorf("STATUS = %q, want CANCELLED", got)
		}
		if got := icsProp(e, ics.ComponentPropertySequence); got != "2" {
			t.Errorf("SEQUENCE = %q, want 2", got)
		}
		if strings.Contains(icsProp(e, ics.ComponentPropertyDescription), "visio.example") {
			t.Errorf("the link of a cancelled event is still given")
		}
	})
	t.Run("OtherUsersFeedNotShown", func(t *testing.T) {
		admin := signedIn(t, base, "persona-admin")
		_, data, code := admin.gql(`{ users(search: "Lefèvre") { edges { node { id `+feedFields+` } } } }`, nil)
		users, _ := data["users"].(map[string]any)
		edges, _ := users["edges"].([]any)
		if code != "" || len(edges) == 0 {
			t.Fatalf("users: %v %s", data, code)
		}
		for _, e := range edges {
			node := e.(map[string]any)["node"].(map[string]any)
			if node["calendarFeed"] != nil {
				t.Fatalf("an administrator reads another agent's feed: %v", node)
			}
		}
	})
	t.Run("RenewedAndRevoked", func(t *testing.T) {
		_, data, code := camille.gql(`mutation { renewCalendarFeed { `+feedFields+` } }`, nil)
		f := feedOf(data, "renewCalendarFeed")
		if code != "" || f == nil || f["url"] == feedURL {
			t.Fatalf("renewCalendarFeed: %v %s", data, code)
		}
		renewed := f["url"].(string)
		if r := getICS(t, anonymous, feedURL); r.status != http.StatusNotFound || r.body != "Agenda introuvable.\n" {
			t.Fatalf("former address: %d %q, want 404 with no detail", r.status, r.body)
		}
		if r := getICS(t, anonymous, renewed); r.status != http.StatusOK {
			t.Fatalf("renewed address: %d", r.status)
		}
		_, data, code = camille.gql(`mutation { revokeCalendarFeed { revoked } }`, nil)
		if code != "" {
			t.Fatalf("revokeCalendarFeed: %v %s", data, code)
		}
		if r := getICS(t, anonymous, renewed); r.status != http.StatusNotFound || r.body != "Agenda introuvable.\n" {
			t.Fatalf("revoked address: %d %q, want 404 with no detail", r.status, r.body)
		}
		if _, _, code := camille.gql(`mutation { revokeCalendarFeed { revoked } }`, nil); code != "NOT_FOUND" {
			t.Fatalf("second revoke: %q, want NOT_FOUND", code)
		}
		if _, data, _ := camille.gql(`{ me { `+feedFields+` } }`, nil); feedOf(data, "me") != nil {
			t.Fatalf("me.calendarFeed after the revocation: %v", data)
		}
	})
	t.Run("FeedRateLimitedPerAddress", func(t *testing.T) {
		unknown := base + "/calendar/me/" + strings.Repeat("A", 43) + ".ics"
		var limited *http.Response
		for i := 0; i < 40 && limited == nil; i++ {
			res, err := anonymous.Get(unknown)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			switch res.StatusCode {
			case http.StatusTooManyRequests:
				limited = res
			case http.StatusNotFound:
			default:
				t.Fatalf("status %d", res.StatusCode)
			}
		}
		if limited == nil {
			t.Fatal("40 requests of one address in a row, none refused (limit 30 a minute)")
		}
		if limited.Header.Get("Retry-After") == "" || !strings.HasPrefix(limited.Header.Get("Content-Type"), "text/plain") {
			t.Errorf("429 without Retry-After or not as text: %v", limited.Header)
		}
		// The signed-in calendars are not counted with the feed.
		if r := getICS(t, karim.client, base+"/calendar/communities/data.ics"); r.status != http.StatusOK {
			t.Errorf("community calendar after the feed's limit: %d", r.status)
		}
	})
}
