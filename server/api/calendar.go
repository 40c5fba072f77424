package api

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"passerelles"
	"passerelles/server/web"
)

// Calendars as RFC 5545 files, written with github.com/arran4/golang-ical (escaping of
// TEXT values, folding of content lines at 75 octets without splitting a character):
// nothing here concatenates iCalendar text.

// EventPagePath is the path of an event's page in the SPA, followed by the event's id:
// the URL property of every event points there. It must match the SPA's route table
// (frontend/src/routes.json).
const EventPagePath = "/evenements/"

// calendarRefresh is how often subscribed calendars are asked to fetch a feed again
// (REFRESH-INTERVAL, RFC 7986, and X-PUBLISHED-TTL, which Outlook reads).
const calendarRefresh = "PT1H"

// calendarProductID names the program that wrote the files (PRODID).
const calendarProductID = "-//Passerelles//Agenda des communautés//FR"

// CalendarWriter writes calendar files whose UIDs and event URLs belong to the site at
// baseURL.
type CalendarWriter struct {
	base string // base URL without a trailing slash
	host string // the host part of UIDs: event-{id}@{host}
}

// NewCalendarWriter returns a writer for the site at baseURL (e.g. https://passerelles.gouv.fr).
func NewCalendarWriter(baseURL string) (*CalendarWriter, error) {
	u, err := url.Parse(baseURL)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("calendar: base URL %q has no host", baseURL)
	}
	return &CalendarWriter{base: strings.TrimRight(baseURL, "/"), host: u.Hostname()}, nil
}

// CalendarFile is what one calendar file holds.
type CalendarFile struct {
	Name    string // the calendar's name (NAME, X-WR-CALNAME); "" for one event's file
	Feed    bool   // subscribed to: tells how often to fetch it again
	Entries []*passerelles.CalendarEntry
}

// UID returns the stable identifier of an event in every calendar file: the same in an
// event's file, its community's calendar and personal feeds, so that a calendar
// application that holds it from one of them updates it from another.
func (cw *CalendarWriter) UID(eventID int64) string {
	return "event-" + strconv.FormatInt(eventID, 10) + "@" + cw.host
}

// Write writes f as an iCalendar object (CRLF line ends, lines folded at 75 octets), with
// DTSTAMP now.
func (cw *CalendarWriter) Write(w io.Writer, f CalendarFile, now time.Time) error {
	cal := ics.NewCalendar()
	cal.SetProductId(calendarProductID)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	if f.Name != "" {
		cal.SetName(f.Name)
	}
	if f.Feed {
		cal.SetRefreshInterval(calendarRefresh)
		cal.SetXPublishedTTL(calendarRefresh)
	}
	if err := addTimezones(cal, f.Entries); err != nil {
		return err
	}
	for _, e := range f.Entries {
		if err := cw.addEvent(cal, e, now); err != nil {
			return err
		}
	}
	// RFC 5545 ends content lines with CRLF; the library's default is LF alone.
	return cal.SerializeTo(w, ics.WithNewLine("\r\n"))
}

// icsLocalTime is the form of a DATE-TIME with a TZID (RFC 5545 §3.3.5, form 3).
const icsLocalTime = "20060102T150405"

// lineBreaks writes every line break as LF, the only one a TEXT value escapes (as \n): a
// CR left alone would end the content line.
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

func (cw *CalendarWriter) addEvent(cal *ics.Calendar, e *passerelles.CalendarEntry, now time.Time) error {
	loc, err := time.LoadLocation(e.TimeZone)
	if err != nil {
		return fmt.Errorf("calendar: event %d: time zone %q: %w", e.EventID, e.TimeZone, err)
	}
	ev := cal.AddEvent(cw.UID(e.EventID))
	ev.SetDtStampTime(now)
	ev.SetProperty(ics.ComponentPropertyDtStart, e.StartsAt.In(loc).Format(icsLocalTime), ics.WithTZID(loc.String()))
	ev.SetProperty(ics.ComponentPropertyDtEnd, e.EndsAt.In(loc).Format(icsLocalTime), ics.WithTZID(loc.String()))
	ev.SetModifiedAt(e.UpdatedAt)
	ev.SetSequence(e.Sequence)
	summary := e.Title
	status := ics.ObjectStatusConfirmed
	switch {
	case e.Status == passerelles.EventCancelled:
		// Some applications show STATUS:CANCELLED as a plain event: the title says it too.
		summary, status = "Annulé : "+e.Title, ics.ObjectStatusCancelled
	case e.Participation == passerelles.ParticipationWaitlisted:
		status = ics.ObjectStatusTentative
	}
	ev.SetSummary(lineBreaks.Replace(summary))
	ev.SetStatus(status)
	ev.SetDescription(lineBreaks.Replace(calendarDescription(e)))
	if loc := calendarLocation(e); loc != "" {
		ev.SetLocation(lineBreaks.Replace(loc))
	}
	ev.SetURL(cw.base + EventPagePath + strconv.FormatInt(e.EventID, 10))
	ev.AddCategory(e.CommunityName)
	return nil
}

// calendarLocation is the event's address when it has a place; for an event online only,
// its link when the reader may have it, else « En ligne ».
func calendarLocation(e *passerelles.CalendarEntry) string {
	if e.Format != passerelles.EventOnline {
		return e.Address
	}
	if e.OnlineURL != "" {
		return e.OnlineURL
	}
	return "En ligne"
}

// calendarDescription is the event's description (its plain text: no Markdown marker), after
// what the reader must know first (cancelled, on the waitlist) and followed by the online
// link when the reader may have it.
func calendarDescription(e *passerelles.CalendarEntry) string {
	var parts []string
	switch {
	case e.Status == passerelles.EventCancelled:
		parts = append(parts, "Cet événement est annulé.")
	case e.Participation == passerelles.ParticipationWaitlisted:
		parts = append(parts, fmt.Sprintf("Vous êtes sur la liste d’attente (position %d) : votre place sera confirmée si une place se libère.", e.WaitlistPosition))
	}
	if d := strings.TrimSpace(e.Description); d != "" {
		parts = append(parts, d)
	}
	if e.OnlineURL != "" {
		parts = append(parts, "Lien de connexion : "+e.OnlineURL)
	}
	return strings.Join(parts, "\n\n")
}

// addTimezones adds a VTIMEZONE for each time zone of the entries, with the observances
// in force from the earliest start to the latest end, read from Go's time zone database
// (each transition as its own observance, with no recurrence rule to get wrong).
func addTimezones(cal *ics.Calendar, entries []*passerelles.CalendarEntry) error {
	type span struct{ from, to time.Time }
	spans := map[string]*span{}
	var order []string
	for _, e := range entries {
		s := spans[e.TimeZone]
		if s == nil {
			s = &span{e.StartsAt, e.EndsAt}
			spans[e.TimeZone] = s
			order = append(order, e.TimeZone)
		}
		if e.StartsAt.Before(s.from) {
			s.from = e.StartsAt
		}
		if e.EndsAt.After(s.to) {
			s.to = e.EndsAt
		}
	}
	for _, name := range order {
		loc, err := time.LoadLocation(name)
		if err != nil {
			return fmt.Errorf("calendar: time zone %q: %w", name, err)
		}
		addTimezone(cal, loc, spans[name].from, spans[name].to)
	}
	return nil
}

// maxObservances bounds the observances of one VTIMEZONE (two a year in Europe: a
// calendar spanning 200 years of events would be absurd, not dangerous).
const maxObservances = 400

// addTimezone adds loc's VTIMEZONE: the observance in force at from, then one per
// transition until to. An observance's DTSTART is its onset in the local time of the
// observance before it (TZOFFSETFROM), as RFC 5545 §3.6.5 defines it.
func addTimezone(cal *ics.Calendar, loc *time.Location, from, to time.Time) {
	tz := cal.AddTimezone(loc.String())
	t := from.In(loc)
	for range maxObservances {
		name, offset := t.Zone()
		start, end := t.ZoneBounds()
		fromOffset := offset
		onset := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC) // a zone without transitions
		if !start.IsZero() {
			_, fromOffset = start.Add(-time.Second).Zone()
			onset = start.UTC().Add(time.Duration(fromOffset) * time.Second)
		}
		var obs *ics.ComponentBase
		if t.IsDST() {
			d := &ics.Daylight{}
			tz.Components = append(tz.Components, d)
			obs = &d.ComponentBase
		} else {
			s := ics.NewStandard()
			tz.Components = append(tz.Components, s)
			obs = &s.ComponentBase
		}
		obs.SetProperty(ics.ComponentPropertyDtStart, onset.Format(icsLocalTime))
		obs.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), utcOffset(fromOffset))
		obs.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), utcOffset(offset))
		obs.SetProperty(ics.ComponentProperty(ics.PropertyTzname), name)
		if end.IsZero() || end.After(to) {
			return
		}
		t = end
	}
}

// utcOffset writes seconds east of UTC as an RFC 5545 UTC-OFFSET: +0100, -0330.
func utcOffset(seconds int) string {
	sign := '+'
	if seconds < 0 {
		sign, seconds = '-', -seconds
	}
	s := fmt.Sprintf("%c%02d%02d", sign, seconds/3600, seconds/60%60)
	if seconds%60 != 0 {
		s += fmt.Sprintf("%02d", seconds%60)
	}
	return s
}

// CalendarHandler serves the calendar files: GET /calendar/events/{id}.ics,
// GET /calendar/communities/{code}.ics (for signed-in agents) and
// GET /calendar/me/{token}.ics (the personal feed, whose token is the credential).
type CalendarHandler struct {
	calendars passerelles.CalendarService
	writer    *CalendarWriter
	logger    *slog.Logger
	// Now stamps the files (DTSTAMP): time.Now unless the service's clock is shifted.
	Now func() time.Time
}

// NewCalendarHandler returns the handler of the calendar files of the site at baseURL.
func NewCalendarHandler(calendars passerelles.CalendarService, baseURL string, logger *slog.Logger) (*CalendarHandler, error) {
	w, err := NewCalendarWriter(baseURL)
	if err != nil {
		return nil, err
	}
	return &CalendarHandler{calendars: calendars, writer: w, logger: logger, Now: time.Now}, nil
}

// icsName returns the name in the path value {file} without its .ics extension; ok is
// false when the extension is not there.
func icsName(r *http.Request) (string, bool) {
	return strings.CutSuffix(r.PathValue("file"), ".ics")
}

// Event serves GET /calendar/events/{file}: one event's file, {file} being {id}.ics.
func (h *CalendarHandler) Event() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := icsName(r)
		id, err := strconv.ParseInt(name, 10, 64)
		if !ok || err != nil || id <= 0 {
			h.refuse(w, r, passerelles.Errorf(passerelles.ENOTFOUND, "Cet événement n’existe pas."))
			return
		}
		e, err := h.calendars.FindEventCalendar(r.Context(), id)
		if err != nil {
			h.refuse(w, r, err)
			return
		}
		h.serve(w, r, "evenement-"+name+".ics", CalendarFile{Entries: []*passerelles.CalendarEntry{e}})
	})
}

// Community serves GET /calendar/communities/{file}: a community's calendar, {file} being
// {code}.ics.
func (h *CalendarHandler) Community() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		code, ok := icsName(r)
		if !ok {
			h.refuse(w, r, passerelles.Errorf(passerelles.ENOTFOUND, "Cette communauté n’existe pas."))
			return
		}
		c, es, err := h.calendars.FindCommunityCalendar(r.Context(), code)
		if err != nil {
			h.refuse(w, r, err)
			return
		}
		h.serve(w, r, "communaute-"+c.Code+".ics", CalendarFile{Name: "Passerelles – " + c.Name, Feed: true, Entries: es})
	})
}

// Feed serves GET /calendar/me/{file}: an agent's personal feed, {file} being {token}.ics.
// It must be reached without the session middleware: the token is the only credential,
// and a session cookie sent along changes nothing.
func (h *CalendarHandler) Feed() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := icsName(r)
		if !ok {
			h.refuse(w, r, passerelles.Errorf(passerelles.ENOTFOUND, "Agenda introuvable."))
			return
		}
		es, err := h.calendars.FindFeedCalendar(r.Context(), token)
		if err != nil {
			h.refuse(w, r, err)
			return
		}
		w.Header().Set("X-Robots-Tag", "noindex")
		h.serve(w, r, "passerelles-mes-evenements.ics", CalendarFile{Name: "Passerelles – mes événements", Feed: true, Entries: es})
	})
}

// serve writes the calendar file f, whole or not at all.
func (h *CalendarHandler) serve(w http.ResponseWriter, r *http.Request, filename string, f CalendarFile) {
	var buf bytes.Buffer
	if err := h.writer.Write(&buf, f, h.Now()); err != nil {
		h.refuse(w, r, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/calendar; charset=utf-8")
	hd.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": filename}))
	// Each file is one reader's (their registrations, their link); the feed's address is a
	// secret: no shared cache may keep either.
	hd.Set("Cache-Control", "private, no-store")
	hd.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}

// RefuseText answers a request over its rate limit in plain French text, for the clients
// of calendar files (Retry-After is set by the limiter).
func RefuseText(w http.ResponseWriter, r *http.Request, retryAfter time.Duration) {
	w.Header().Set("Cache-Control", "no-store")
	http.Error(w, "Trop de demandes en peu de temps : réessayez dans "+web.InFrench(retryAfter)+".", http.StatusTooManyRequests)
}

// refuse answers an error as plain French text (calendar applications show the status,
// browsers the text). A missing or revoked feed gets the same 404 as an unknown one,
// with no detail.
func (h *CalendarHandler) refuse(w http.ResponseWriter, r *http.Request, err error) {
	w.Header().Set("Cache-Control", "no-store")
	switch passerelles.ErrorCode(err) {
	case passerelles.EUNAUTHENTICATED:
		http.Error(w, passerelles.ErrorMessage(err), http.StatusUnauthorized)
	case passerelles.ENOTFOUND:
		http.Error(w, "Agenda introuvable.", http.StatusNotFound)
	default:
		id := web.RequestIDFrom(r.Context())
		h.logger.Error("calendar: failed", "request_id", id, "error", err)
		http.Error(w, "Erreur interne. Identifiant : "+id, http.StatusInternalServerError)
	}
}
