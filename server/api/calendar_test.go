package api_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"passerelles"
	"passerelles/server/api"
)

// longFrenchDescription is longer than a content line many times over, with accents
// (two octets each in UTF-8) and typographic marks (three octets) where folds fall.
const longFrenchDescription = "Journée d’échanges sur la qualité des données : « éthique, sûreté et réutilisation ». " +
	"Les participants préparent un cas réel ; chaque équipe présente ses résultats à 14 h 30.\n\n" +
	"- Atelier 1 : écrire une requête ; vérifier les accès\\droits\n" +
	"- Atelier 2 : « données ouvertes », publication, réutilisation — où en sommes-nous ? " +
	"Élèves, agents, encadrants : tous sont bienvenus. ééééééééééééééééééééééééééééééééééééééééééééé"

// TestCalendarWriter writes a calendar and reads it back with golang-ical's decoder,
// field by field, and checks the text itself: line ends, folding at 75 octets without
// splitting a character, escaping, and the VTIMEZONE against Go's time zone database.
func TestCalendarWriter(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	summer := time.Date(2026, 6, 18, 9, 30, 0, 0, paris)
	winter := time.Date(2026, 12, 3, 14, 0, 0, 0, paris)
	updated := time.Date(2026, 5, 2, 8, 0, 0, 0, time.UTC)
	entries := []*passerelles.CalendarEntry{
		{EventID: 7, CommunityName: "Data, IA; et \\ statistiques", Title: "Journée de la data, 2026; édition \\ spéciale",
			Description: longFrenchDescription, Kind: passerelles.EventConference, Status: passerelles.EventPublished,
			Format: passerelles.EventHybrid, Address: "Ministère, 14 avenue Duquesne;\nParis 7e", OnlineURL: "https://visio.example.gouv.fr/j/123?a=1,2",
			StartsAt: summer, EndsAt: summer.Add(7 * time.Hour), TimeZone: "Europe/Paris", Sequence: 3, UpdatedAt: updated,
			Participation: passerelles.ParticipationConfirmed},
		{EventID: 8, CommunityName: "Data", Title: "Salon de la data", Description: "Reporté à l’an prochain.",
			Kind: passerelles.EventFair, Status: passerelles.EventCancelled, Format: passerelles.EventOnsite, Address: "Lyon",
			StartsAt: winter, EndsAt: winter.Add(3 * time.Hour), TimeZone: "Europe/Paris", Sequence: 5, UpdatedAt: updated},
		{EventID: 9, CommunityName: "Sécurité", Title: "Webinaire", Description: "",
			Kind: passerelles.EventWebinar, Status: passerelles.EventPublished, Format: passerelles.EventOnline,
			StartsAt: winter.Add(24 * time.Hour), EndsAt: winter.Add(25 * time.Hour), TimeZone: "Europe/Paris", UpdatedAt: updated,
			Participation: passerelles.ParticipationWaitlisted, WaitlistPosition: 2},
	}
	cw, err := api.NewCalendarWriter("https://passerelles.example.gouv.fr/")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 5, 10, 12, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	if err := cw.Write(&buf, api.CalendarFile{Name: "Passerelles – Data", Feed: true, Entries: entries}, now); err != nil {
		t.Fatal(err)
	}
	text := buf.String()

	t.Run("LinesFoldedAt75Octets", func(t *testing.T) {
		if !strings.HasSuffix(text, "END:VCALENDAR\r\n") {
			t.Fatalf("the file does not end with END:VCALENDAR and CRLF: %q", text[max(0, len(text)-40):])
		}
		lines := strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n")
		folded := 0
		for i, l := range lines {
			if strings.ContainsAny(l, "\r\n") {
				t.Errorf("line %d holds a bare CR or LF: %q", i+1, l)
			}
			if len(l) > 75 {
				t.Errorf("line %d is %d octets, more than 75: %q", i+1, len(l), l)
			}
			if !utf8.ValidString(l) {
				t.Errorf("line %d splits a character: %q", i+1, l)
			}
			if strings.HasPrefix(l, " ") {
				folded++
			}
		}
		if folded < 5 {
			t.Fatalf("%d continuation lines: the long description was not folded", folded)
		}
	})

	t.Run("EscapedText", func(t *testing.T) {
		unfolded := strings.ReplaceAll(text, "\r\n ", "")
		for _, want := range []string{
			`SUMMARY:Journée de la data\, 2026\; édition \\ spéciale`,
			`LOCATION:Ministère\, 14 avenue Duquesne\;\nParis 7e`,
			`CATEGORIES:Data\, IA\; et \\ statistiques`,
			"SUMMARY:Annulé : Salon de la data",
		} {
			if !strings.Contains(unfolded, want+"\r\n") {
				t.Errorf("no line %q in\n%s", want, unfolded)
			}
		}
	})

	cal, err := ics.ParseCalendar(strings.NewReader(text))
	if err != nil {
		t.Fatalf("parse back: %v", err)
	}
	calProp := func(p ics.Property) string {
		for _, cp := range cal.CalendarProperties {
			if cp.IANAToken == string(p) {
				return cp.Value
			}
		}
		return ""
	}
	t.Run("Calendar", func(t *testing.T) {
		for p, want := range map[ics.Property]string{ics.PropertyVersion: "2.0", ics.PropertyMethod: "PUBLISH",
			ics.PropertyCalscale: "GREGORIAN", ics.PropertyXWRCalName: "Passerelles – Data", ics.PropertyName: "Passerelles – Data",
			ics.PropertyXPublishedTTL: "PT1H"} {
			if got := calProp(p); got != want {
				t.Errorf("%s = %q, want %q", p, got, want)
			}
		}
		if !strings.HasPrefix(calProp(ics.PropertyProductId), "-//Passerelles//") {
			t.Errorf("PRODID = %q", calProp(ics.PropertyProductId))
		}
	})

	events := cal.Events()
	if len(events) != len(entries) {
		t.Fatalf("%d events read back, want %d", len(events), len(entries))
	}
	prop := func(ev *ics.VEvent, p ics.ComponentProperty) string {
		if v := ev.GetProperty(p); v != nil {
			return v.Value
		}
		return ""
	}
	for i, want := range entries {
		ev := events[i]
		t.Run("Event"+strconv.FormatInt(want.EventID, 10), func(t *testing.T) {
			if got, w := ev.Id(), "event-"+strconv.FormatInt(want.EventID, 10)+"@passerelles.example.gouv.fr"; got != w {
				t.Errorf("UID = %q, want %q", got, w)
			}
			for _, p := range []ics.ComponentProperty{ics.ComponentPropertyDtStart, ics.ComponentPropertyDtEnd} {
				v := ev.GetProperty(p)
				if got := v.ICalParameters["TZID"]; len(got) != 1 || got[0] != "Europe/Paris" {
					t.Errorf("%s TZID = %v, want Europe/Paris", p, got)
				}
				if strings.HasSuffix(v.Value, "Z") {
					t.Errorf("%s = %q: a local time with TZID has no Z", p, v.Value)
				}
			}
			start, err := ev.GetStartAt()
			if err != nil || !start.Equal(want.StartsAt) {
				t.Errorf("DTSTART = %v (%v), want %v", start, err, want.StartsAt)
			}
			if got, w := prop(ev, ics.ComponentPropertyDtStart), want.StartsAt.In(paris).Format("20060102T150405"); got != w {
				t.Errorf("DTSTART = %q, want the wall-clock time in Paris %q", got, w)
			}
			end, err := ev.GetEndAt()
			if err != nil || !end.Equal(want.EndsAt) {
				t.Errorf("DTEND = %v (%v), want %v", end, err, want.EndsAt)
			}
			if stamp, err := ev.GetDtStampTime(); err != nil || !stamp.Equal(now) {
				t.Errorf("DTSTAMP = %v (%v), want %v", stamp, err, now)
			}
			if got := prop(ev, ics.ComponentPropertySequence); got != strconv.Itoa(want.Sequence) {
				t.Errorf("SEQUENCE = %q, want %d", got, want.Sequence)
			}
			if got, w := prop(ev, ics.ComponentPropertyUrl), "https://passerelles.example.gouv.fr/evenements/"+strconv.FormatInt(want.EventID, 10); got != w {
				t.Errorf("URL = %q, want %q", got, w)
			}
			if got := prop(ev, ics.ComponentPropertyCategories); got != want.CommunityName {
				t.Errorf("CATEGORIES = %q, want %q", got, want.CommunityName)
			}
		})
	}
	t.Run("Published", func(t *testing.T) {
		ev := events[0]
		for p, want := range map[ics.ComponentProperty]string{
			ics.ComponentPropertySummary:     entries[0].Title,
			ics.ComponentPropertyStatus:      "CONFIRMED",
			ics.ComponentPropertyLocation:    entries[0].Address,
			ics.ComponentPropertyDescription: longFrenchDescription + "\n\nLien de connexion : https://visio.example.gouv.fr/j/123?a=1,2",
		} {
			if got := prop(ev, p); got != want {
				t.Errorf("%s = %q, want %q", p, got, want)
			}
		}
	})
	t.Run("Cancelled", func(t *testing.T) {
		ev := events[1]
		if got := prop(ev, ics.ComponentPropertyStatus); got != "CANCELLED" {
			t.Errorf("STATUS = %q, want CANCELLED", got)
		}
		if got, want := prop(ev, ics.ComponentPropertyDescription), "Cet événement est annulé.\n\nReporté à l’an prochain."; got != want {
			t.Errorf("DESCRIPTION = %q, want %q", got, want)
		}
	})
	t.Run("Waitlisted", func(t *testing.T) {
		ev := events[2]
		if got := prop(ev, ics.ComponentPropertyStatus); got != "TENTATIVE" {
			t.Errorf("STATUS = %q, want TENTATIVE", got)
		}
		if got := prop(ev, ics.ComponentPropertyLocation); got != "En ligne" {
			t.Errorf("LOCATION = %q, want « En ligne » (no link for the waitlisted)", got)
		}
		if got := prop(ev, ics.ComponentPropertyDescription); !strings.Contains(got, "liste d’attente (position 2)") {
			t.Errorf("DESCRIPTION = %q, want the waitlist position", got)
		}
	})

	t.Run("TimeZone", func(t *testing.T) {
		tzs := cal.Timezones()
		if len(tzs) != 1 {
			t.Fatalf("%d VTIMEZONE, want 1", len(tzs))
		}
		if got := tzs[0].GetProperty(ics.ComponentPropertyTzid).Value; got != "Europe/Paris" {
			t.Fatalf("TZID = %q", got)
		}
		// Each observance must be a real transition of Europe/Paris: one second before its
		// onset the offset is TZOFFSETFROM, at its onset TZOFFSETTO.
		type observance struct {
			onset    time.Time
			to       int
			daylight bool
		}
		var obs []observance
		for _, c := range tzs[0].Components {
			var base *ics.ComponentBase
			daylight := false
			switch o := c.(type) {
			case *ics.Standard:
				base = &o.ComponentBase
			case *ics.Daylight:
				base, daylight = &o.ComponentBase, true
			default:
				t.Fatalf("unexpected %T in VTIMEZONE", c)
			}
			get := func(p ics.Property) string { return base.GetProperty(ics.ComponentProperty(p)).Value }
			from, to := parseOffset(t, get(ics.PropertyTzoffsetfrom)), parseOffset(t, get(ics.PropertyTzoffsetto))
			local, err := time.Parse("20060102T150405", get(ics.PropertyDtstart))
			if err != nil {
				t.Fatal(err)
			}
			onset := local.Add(-time.Duration(from) * time.Second)
			if _, off := onset.Add(-time.Second).In(paris).Zone(); off != from {
				t.Errorf("observance at %s: offset before is %d, TZOFFSETFROM says %d", onset, off, from)
			}
			name, off := onset.In(paris).Zone()
			if off != to || name != get(ics.PropertyTzname) || onset.In(paris).IsDST() != daylight {
				t.Errorf("observance at %s: Paris is %s %d (DST %v), VTIMEZONE says %s %d (daylight %v)",
					onset, name, off, onset.In(paris).IsDST(), get(ics.PropertyTzname), to, daylight)
			}
			obs = append(obs, observance{onset, to, daylight})
		}
		// Every event falls in an observance that gives Paris's offset at its start and end.
		for _, e := range entries {
			for _, at := range []time.Time{e.StartsAt, e.EndsAt} {
				var in *observance
				for i := range obs {
					if !obs[i].onset.After(at) {
						in = &obs[i]
					}
				}
				_, want := at.In(paris).Zone()
				if in == nil || in.to != want {
					t.Errorf("%s: no observance with offset %d (got %+v)", at, want, in)
				}
			}
		}
		var kinds [2]int
		for _, o := range obs {
			if o.daylight {
				kinds[1]++
			} else {
				kinds[0]++
			}
		}
		if kinds[0] == 0 || kinds[1] == 0 {
			t.Fatalf("observances: %d standard, %d daylight; want both from June to December", kinds[0], kinds[1])
		}
	})
}

// parseOffset reads a UTC-OFFSET (+0100) as seconds east of UTC.
func parseOffset(t *testing.T, s string) int {
	t.Helper()
	if len(s) != 5 && len(s) != 7 {
		t.Fatalf("UTC offset %q", s)
	}
	h, _ := strconv.Atoi(s[1:3])
	m, _ := strconv.Atoi(s[3:5])
	sec := 0
	if len(s) == 7 {
		sec, _ = strconv.Atoi(s[5:7])
	}
	v := h*3600 + m*60 + sec
	if s[0] == '-' {
		v = -v
	}
	return v
}

// TestCalendarTimeZoneWithoutTransitions: a zone that never changes (UTC, or one that
// dropped daylight saving time long ago) gets one standard observance.
func TestCalendarTimeZoneWithoutTransitions(t *testing.T) {
	for _, zone := range []string{"UTC", "Asia/Tokyo", "America/Sao_Paulo"} {
		t.Run(strings.ReplaceAll(zone, "/", "_"), func(t *testing.T) {
			loc, err := time.LoadLocation(zone) // the zone data is embedded (time/tzdata, notification.go)
			if err != nil {
				t.Fatal(err)
			}
			start := time.Date(2027, 3, 1, 10, 0, 0, 0, loc)
			cw, _ := api.NewCalendarWriter("http://127.0.0.1:8080")
			var buf bytes.Buffer
			err = cw.Write(&buf, api.CalendarFile{Entries: []*passerelles.CalendarEntry{{EventID: 1, Title: "Rencontre",
				Status: passerelles.EventPublished, Format: passerelles.EventOnsite, Address: "Ici", StartsAt: start,
				EndsAt: start.Add(time.Hour), TimeZone: zone}}}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			cal, err := ics.ParseCalendar(&buf)
			if err != nil {
				t.Fatal(err)
			}
			tzs := cal.Timezones()
			if len(tzs) != 1 || len(tzs[0].Components) != 1 {
				t.Fatalf("VTIMEZONE %+v, want one with one observance", tzs)
			}
			st, ok := tzs[0].Components[0].(*ics.Standard)
			if !ok {
				t.Fatalf("observance %T, want STANDARD", tzs[0].Components[0])
			}
			_, off := start.Zone()
			if got := parseOffset(t, st.GetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto)).Value); got != off {
				t.Fatalf("TZOFFSETTO %d, want %d", got, off)
			}
			got, err := cal.Events()[0].GetStartAt()
			if err != nil || !got.Equal(start) {
				t.Fatalf("DTSTART %v (%v), want %v", got, err, start)
			}
		})
	}
}
