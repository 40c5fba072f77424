package sqlite_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"passerelles"
)

// calendarEvent is an event row written straight into the table, as the events service
// (another piece) would leave it.
type calendarEvent struct {
	title       string
	status      passerelles.EventStatus
	format      passerelles.EventFormat
	start       time.Duration // from the fixture's clock
	sequence    int
	cancelledAt time.Duration // from the fixture's clock, when cancelled
}

func (f *profileFixture) mustInsertEvent(tb testing.TB, e calendarEvent) int64 {
	tb.Helper()
	now := f.clock.Now()
	starts := now.Add(e.start)
	var cancelled any
	if e.status == passerelles.EventCancelled {
		cancelled = now.Add(e.cancelledAt).UnixMilli()
	}
	format := e.format
	if format == "" {
		format = passerelles.EventHybrid
	}
	res, err := f.raw.Exec(`INSERT INTO events (community_id, title, description, kind, status, format, address, online_url,
		starts_at, ends_at, time_zone, created_at, updated_at, sequence, cancelled_at)
		VALUES (?, ?, 'Description de '||?, 'MEETUP', ?, ?, '1 place de Fontenoy, Paris', 'https://visio.example.gouv.fr/'||?,
		?, ?, 'Europe/Paris', ?, ?, ?, ?)`,
		f.community, e.title, e.title, string(e.status), string(format), e.title,
		starts.UnixMilli(), starts.Add(2*time.Hour).UnixMilli(), now.UnixMilli(), now.UnixMilli(), e.sequence, cancelled)
	if err != nil {
		tb.Fatal(err)
	}
	id, _ := res.LastInsertId()
	return id
}

// mustRegister writes a registration row; updated is from the fixture's clock.
func (f *profileFixture) mustRegister(tb testing.TB, eventID, agentID int64, status string, position int, updated time.Duration) {
	tb.Helper()
	now := f.clock.Now()
	if _, err := f.raw.Exec(`INSERT INTO registrations (event_id, agent_id, status, position, registered_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)`, eventID, agentID, status, position, now.Add(-72*time.Hour).UnixMilli(), now.Add(updated).UnixMilli()); err != nil {
		tb.Fatal(err)
	}
}

// entryIDs returns the event ids of entries, in order.
func entryIDs(es []*passerelles.CalendarEntry) []int64 {
	out := make([]int64, len(es))
	for i, e := range es {
		out[i] = e.EventID
	}
	return out
}

// TestCalendarFeed: the personal feed shows its owner's registrations only — confirmed,
// waitlisted (with the position) and the events cancelled while registered — whoever
// asks with the token; a renewed or revoked token is refused like an unknown one.
func TestCalendarFeed(t *testing.T) {
	f := MustOpenProfileFixture(t)
	cal := f.all.Calendars
	camille, asCamille := f.MustSignIn(t, "camille", f.orgA)
	karim, asKarim := f.MustSignIn(t, "karim", f.orgA)
	day := 24 * time.Hour

	registered := f.mustInsertEvent(t, calendarEvent{title: "Inscrite", status: passerelles.EventPublished, start: 3 * day, sequence: 2})
	f.mustRegister(t, registered, camille, "REGISTERED", 1, 0)
	f.mustRegister(t, registered, karim, "REGISTERED", 2, 0)
	waitlisted := f.mustInsertEvent(t, calendarEvent{title: "Liste d’attente", status: passerelles.EventPublished, start: 5 * day})
	f.mustRegister(t, waitlisted, karim, "REGISTERED", 1, 0)
	f.mustRegister(t, waitlisted, f.mustAgent(t, "third"), "WAITLISTED", 2, 0)
	f.mustRegister(t, waitlisted, camille, "WAITLISTED", 3, 0)
	// Cancelled while she was registered: the cancellation freed her seat in its transaction.
	cancelled := f.mustInsertEvent(t, calendarEvent{title: "Annulé", status: passerelles.EventCancelled, start: 4 * day, sequence: 1, cancelledAt: -time.Hour})
	f.mustRegister(t, cancelled, camille, "CANCELLED", 1, -time.Hour)
	// She had left before it was cancelled: nothing to tell her.
	leftBefore := f.mustInsertEvent(t, calendarEvent{title: "Quitté avant", status: passerelles.EventCancelled, start: 6 * day, cancelledAt: -time.Hour})
	f.mustRegister(t, leftBefore, camille, "CANCELLED", 1, -2*time.Hour)
	unregistered := f.mustInsertEvent(t, calendarEvent{title: "Désinscrite", status: passerelles.EventPublished, start: 7 * day})
	f.mustRegister(t, unregistered, camille, "CANCELLED", 1, 0)
	draft := f.mustInsertEvent(t, calendarEvent{title: "Brouillon", status: passerelles.EventDraft, start: 8 * day})
	f.mustRegister(t, draft, camille, "REGISTERED", 1, 0)
	karimOnly := f.mustInsertEvent(t, calendarEvent{title: "Karim seul", status: passerelles.EventPublished, start: 2 * day})
	f.mustRegister(t, karimOnly, karim, "REGISTERED", 1, 0)
	recent := f.mustInsertEvent(t, calendarEvent{title: "Récent", status: passerelles.EventPublished, start: -10 * day})
	f.mustRegister(t, recent, camille, "REGISTERED", 1, 0)
	old := f.mustInsertEvent(t, calendarEvent{title: "Ancien", status: passerelles.EventPublished, start: -40 * day})
	f.mustRegister(t, old, camille, "REGISTERED", 1, 0)

	t.Run("Anonymous", func(t *testing.T) {
		_, err := cal.MyCalendarFeed(context.Background())
		wantCode(t, err, passerelles.EUNAUTHENTICATED, "")
		_, err = cal.CreateCalendarFeed(context.Background())
		wantCode(t, err, passerelles.EUNAUTHENTICATED, "")
		wantCode(t, cal.RevokeCalendarFeed(context.Background()), passerelles.EUNAUTHENTICATED, "")
	})
	_, err := cal.MyCalendarFeed(asCamille)
	wantCode(t, err, passerelles.ENOTFOUND, "")

	feed, err := cal.CreateCalendarFeed(asCamille)
	if err != nil {
		t.Fatal(err)
	}
	karimFeed, err := cal.CreateCalendarFeed(asKarim)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("TokenKeptAsHash", func(t *testing.T) {
		if len(feed.Token) != 43 || strings.ContainsAny(feed.Token, "+/=") {
			t.Fatalf("token %q: want 43 characters of base64url", feed.Token)
		}
		sum := sha256.Sum256([]byte(feed.Token))
		var stored string
		if err := f.raw.QueryRow(`SELECT token_hash FROM calendar_feeds WHERE agent_id = ?`, camille).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if stored != hex.EncodeToString(sum[:]) {
			t.Fatalf("stored %q, want the SHA-256 of the token", stored)
		}
		mine, err := cal.MyCalendarFeed(asCamille)
		if err != nil || mine.Token != "" || !mine.CreatedAt.Equal(f.clock.Now()) {
			t.Fatalf("MyCalendarFeed = %+v, %v; want the creation date and no token", mine, err)
		}
		_, err = cal.CreateCalendarFeed(asCamille)
		wantCode(t, err, passerelles.ECONFLICT, "")
	})
	t.Run("OwnerOnly", func(t *testing.T) {
		// The token is the credential: no user on the context, or another one, reads the same.
		for _, ctx := range []context.Context{context.Background(), asKarim} {
			es, err := cal.FindFeedCalendar(ctx, feed.Token)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := entryIDs(es), []int64{recent, registered, cancelled, waitlisted}; !slices.Equal(got, want) {
				t.Fatalf("feed = %v, want %v (recent, registered, cancelled, waitlisted by start)", got, want)
			}
			byID := map[int64]*passerelles.CalendarEntry{}
			for _, e := range es {
				byID[e.EventID] = e
			}
			if e := byID[registered]; e.Participation != passerelles.ParticipationConfirmed || e.OnlineURL == "" || e.Sequence != 2 {
				t.Errorf("registered: %+v, want confirmed with the link and sequence 2", e)
			}
			if e := byID[waitlisted]; e.Participation != passerelles.ParticipationWaitlisted || e.WaitlistPosition != 2 || e.OnlineURL != "" {
				t.Errorf("waitlisted: %+v, want waitlisted second in line, without the link", e)
			}
			if e := byID[cancelled]; e.Status != passerelles.EventCancelled || e.OnlineURL != "" {
				t.Errorf("cancelled: %+v, want cancelled without the link", e)
			}
		}
		es, err := cal.FindFeedCalendar(context.Background(), karimFeed.Token)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := entryIDs(es), []int64{karimOnly, registered, waitlisted}; !slices.Equal(got, want) {
			t.Fatalf("Karim's feed = %v, want %v", got, want)
		}
	})
	t.Run("MalformedTokens", func(t *testing.T) {
		for _, tok := range []string{"", "x", feed.Token[:42], feed.Token + "A", strings.ToUpper(feed.Token[:1]) + "%" + feed.Token[2:],
			"' OR 1=1 --", strings.Repeat("A", 43)} {
			_, err := cal.FindFeedCalendar(context.Background(), tok)
			wantCode(t, err, passerelles.ENOTFOUND, "")
		}
	})
	t.Run("Renewed", func(t *testing.T) {
		f.clock.Advance(time.Minute)
		renewed, err := cal.RenewCalendarFeed(asCamille)
		if err != nil {
			t.Fatal(err)
		}
		if renewed.Token == feed.Token || !renewed.CreatedAt.Equal(f.clock.Now()) {
			t.Fatalf("renewed %+v", renewed)
		}
		_, err = cal.FindFeedCalendar(context.Background(), feed.Token)
		wantCode(t, err, passerelles.ENOTFOUND, "")
		if _, err := cal.FindFeedCalendar(context.Background(), renewed.Token); err != nil {
			t.Fatal(err)
		}
		feed = renewed
	})
	t.Run("Revoked", func(t *testing.T) {
		if err := cal.RevokeCalendarFeed(asCamille); err != nil {
			t.Fatal(err)
		}
		_, err := cal.FindFeedCalendar(context.Background(), feed.Token)
		wantCode(t, err, passerelles.ENOTFOUND, "")
		_, err = cal.MyCalendarFeed(asCamille)
		wantCode(t, err, passerelles.ENOTFOUND, "")
		wantCode(t, cal.RevokeCalendarFeed(asCamille), passerelles.ENOTFOUND, "")
		_, err = cal.RenewCalendarFeed(asCamille)
		wantCode(t, err, passerelles.ENOTFOUND, "")
		if _, err := cal.FindFeedCalendar(context.Background(), karimFeed.Token); err != nil {
			t.Fatalf("Karim's feed after Camille revoked hers: %v", err)
		}
	})
}

// mustAgent signs in one more agent and returns their id.
func (f *profileFixture) mustAgent(tb testing.TB, name string) int64 {
	tb.Helper()
	id, _ := f.MustSignIn(tb, name, 0)
	return id
}

// TestCalendarReaders: an event's and a community's calendars, for signed-in agents only,
// never with a draft, the online link for confirmed participants only.
func TestCalendarReaders(t *testing.T) {
	f := MustOpenProfileFixture(t)
	cal := f.all.Calendars
	camille, asCamille := f.MustSignIn(t, "camille", f.orgA)
	_, asKarim := f.MustSignIn(t, "karim", f.orgA)
	day := 24 * time.Hour
	published := f.mustInsertEvent(t, calendarEvent{title: "Publié", status: passerelles.EventPublished, start: 3 * day, sequence: 4})
	f.mustRegister(t, published, camille, "REGISTERED", 1, 0)
	cancelled := f.mustInsertEvent(t, calendarEvent{title: "Annulé", status: passerelles.EventCancelled, start: 2 * day, cancelledAt: -time.Hour})
	draft := f.mustInsertEvent(t, calendarEvent{title: "Brouillon", status: passerelles.EventDraft, start: 1 * day})
	recent := f.mustInsertEvent(t, calendarEvent{title: "Récent", status: passerelles.EventPublished, start: -29 * day})
	old := f.mustInsertEvent(t, calendarEvent{title: "Ancien", status: passerelles.EventPublished, start: -31 * day})

	for _, c := range []struct {
		name    string
		ctx     context.Context
		id      int64
		code    string
		link    bool
		wantErr string
	}{
		{"Anonymous", context.Background(), published, "", false, passerelles.EUNAUTHENTICATED},
		{"Participant", asCamille, published, "", true, ""},
		{"NotRegistered", asKarim, published, "", false, ""},
		{"Cancelled", asKarim, cancelled, "", false, ""},
		{"Draft", asCamille, draft, "", false, passerelles.ENOTFOUND},
		{"Unknown", asCamille, 999999, "", false, passerelles.ENOTFOUND},
		{"OldStillReadable", asKarim, old, "", false, ""},
	} {
		t.Run("Event/"+c.name, func(t *testing.T) {
			e, err := cal.FindEventCalendar(c.ctx, c.id)
			if c.wantErr != "" {
				wantCode(t, err, c.wantErr, "")
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if e.EventID != c.id || (e.OnlineURL != "") != c.link {
				t.Fatalf("entry %+v: want event %d, link shown %v", e, c.id, c.link)
			}
		})
	}
	t.Run("Community/Anonymous", func(t *testing.T) {
		_, _, err := cal.FindCommunityCalendar(context.Background(), "data")
		wantCode(t, err, passerelles.EUNAUTHENTICATED, "")
	})
	t.Run("Community/Unknown", func(t *testing.T) {
		_, _, err := cal.FindCommunityCalendar(asKarim, "inconnue")
		wantCode(t, err, passerelles.ENOTFOUND, "")
	})
	t.Run("Community/Events", func(t *testing.T) {
		c, es, err := cal.FindCommunityCalendar(asKarim, "data")
		if err != nil {
			t.Fatal(err)
		}
		if c.ID != f.community {
			t.Fatalf("community %+v", c)
		}
		if got, want := entryIDs(es), []int64{recent, cancelled, published}; !slices.Equal(got, want) {
			t.Fatalf("community calendar = %v, want %v (recent, cancelled, published; no draft, nothing ended over 30 days ago)", got, want)
		}
		for _, e := range es {
			if e.OnlineURL != "" {
				t.Errorf("event %d shows its link to an agent not registered", e.EventID)
			}
		}
	})
}

// TestCalendarFeedErasedAndExported: the export says whether the agent has a feed and
// since when, never its token nor its hash; the erasure removes the feed (cascade), and its
// address stops answering.
func TestCalendarFeedErasedAndExported(t *testing.T) {
	f := MustOpenProfileFixture(t)
	id, ctx := f.MustSignIn(t, "zoe", f.orgA)
	x, err := f.svc.ExportMyData(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if x.CalendarFeed != nil {
		t.Fatalf("export without a feed: calendarFeed = %+v, want null", x.CalendarFeed)
	}
	feed, err := f.all.Calendars.CreateCalendarFeed(ctx)
	if err != nil {
		t.Fatal(err)
	}
	x, err = f.svc.ExportMyData(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if x.CalendarFeed == nil || !x.CalendarFeed.CreatedAt.Equal(feed.CreatedAt) {
		t.Fatalf("export: calendarFeed = %+v, want created at %v", x.CalendarFeed, feed.CreatedAt)
	}
	b, _ := json.Marshal(x)
	sum := sha256.Sum256([]byte(feed.Token))
	if s := string(b); strings.Contains(s, feed.Token) || strings.Contains(s, hex.EncodeToString(sum[:])) || !strings.Contains(s, `"calendarFeed":{"createdAt":`) {
		t.Fatalf("export JSON: want calendarFeed with its date only, got %s", s)
	}

	if err := f.svc.DeleteMyAccount(ctx, passerelles.ErasureConfirmation); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := f.raw.QueryRow(`SELECT COUNT(*) FROM calendar_feeds WHERE agent_id = ?`, id).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d feeds left after the erasure (%v)", n, err)
	}
	_, err = f.all.Calendars.FindFeedCalendar(context.Background(), feed.Token)
	wantCode(t, err, passerelles.ENOTFOUND, "")
}
