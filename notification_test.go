package passerelles_test

import (
	"strings"
	"testing"
	"time"

	"passerelles"
)

// paris reads a Europe/Paris wall-clock time "2006-01-02 15:04".
func paris(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.ParseInLocation("2006-01-02 15:04", s, passerelles.NotificationLocation())
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func TestNotificationPreferencesInput(t *testing.T) {
	ok := passerelles.NotificationPreferencesInput{Delivery: passerelles.DeliveryImmediate, ByEmail: true,
		QuietHoursStart: "22:00", QuietHoursEnd: "07:30", DigestDay: time.Friday, DigestTime: "17:45"}
	p, err := ok.Preferences()
	if err != nil {
		t.Fatal(err)
	}
	if p.Quiet == nil || p.Quiet.Start != 22*60 || p.Quiet.End != 7*60+30 || p.DigestMinute != 17*60+45 || p.DigestWeekday != time.Friday {
		t.Fatalf("preferences = %+v, quiet %+v", p, p.Quiet)
	}
	for _, tc := range []struct {
		name      string
		change    func(*passerelles.NotificationPreferencesInput)
		wantField string
		wantText  string
	}{
		{"ErrDelivery", func(in *passerelles.NotificationPreferencesInput) { in.Delivery = "DAILY" }, "delivery", "mode d’envoi"},
		{"ErrQuietStartFormat", func(in *passerelles.NotificationPreferencesInput) { in.QuietHoursStart = "22h" }, "quietHoursStart", "HH:MM"},
		{"ErrQuietStartHour", func(in *passerelles.NotificationPreferencesInput) { in.QuietHoursStart = "24:00" }, "quietHoursStart", "de 00:00 à 23:59"},
		{"ErrQuietEndMinute", func(in *passerelles.NotificationPreferencesInput) { in.QuietHoursEnd = "07:60" }, "quietHoursEnd", "HH:MM"},
		{"ErrQuietEndMissing", func(in *passerelles.NotificationPreferencesInput) { in.QuietHoursEnd = "" }, "quietHoursEnd", "Indiquez aussi l’heure de fin"},
		{"ErrQuietStartMissing", func(in *passerelles.NotificationPreferencesInput) { in.QuietHoursStart = "" }, "quietHoursStart", "Indiquez aussi l’heure de début"},
		{"ErrQuietEmpty", func(in *passerelles.NotificationPreferencesInput) { in.QuietHoursEnd = "22:00" }, "quietHoursEnd", "une autre heure"},
		{"ErrDigestDay", func(in *passerelles.NotificationPreferencesInput) { in.DigestDay = 7 }, "digestDay", "jour de la semaine"},
		{"ErrDigestTimeMissing", func(in *passerelles.NotificationPreferencesInput) { in.DigestTime = "" }, "digestTime", "obligatoire"},
		{"ErrDigestTimeFormat", func(in *passerelles.NotificationPreferencesInput) { in.DigestTime = "8:00" }, "digestTime", "HH:MM"},
		{"ErrDigestTimeSigns", func(in *passerelles.NotificationPreferencesInput) { in.DigestTime = "+8:00" }, "digestTime", "HH:MM"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := ok
			tc.change(&in)
			_, err := in.Preferences()
			if got := passerelles.ErrorCode(err); got != passerelles.EINVALID {
				t.Fatalf("code = %q (%v), want INVALID_INPUT", got, err)
			}
			if got := passerelles.ErrorField(err); got != tc.wantField {
				t.Fatalf("field = %q, want %q", got, tc.wantField)
			}
			if msg := passerelles.ErrorMessage(err); !strings.Contains(msg, tc.wantText) || strings.Contains(msg, "'") {
				t.Fatalf("message = %q, want it to say %q with typographic apostrophes", msg, tc.wantText)
			}
		})
	}
	t.Run("NoQuietHours", func(t *testing.T) {
		in := ok
		in.QuietHoursStart, in.QuietHoursEnd = "", ""
		p, err := in.Preferences()
		if err != nil || p.Quiet != nil {
			t.Fatalf("preferences %+v, %v: want none", p, err)
		}
	})
}

// TestQuietHours checks immediate delivery against quiet hours that span midnight, on a
// controlled clock, in Paris time whatever the offset.
func TestQuietHours(t *testing.T) {
	p := passerelles.DefaultNotificationPreferences(1)
	p.Quiet = &passerelles.QuietHours{Start: 22 * 60, End: 7 * 60}
	for _, tc := range []struct {
		name, created, now, want string
	}{
		{"DaytimeAtOnce", "2026-06-10 15:00", "2026-06-10 15:00", "2026-06-10 15:00"},
		{"EveningWaitsForMorning", "2026-06-10 22:00", "2026-06-10 22:00", "2026-06-11 07:00"},
		{"AfterMidnightSameMorning", "2026-06-11 00:30", "2026-06-11 00:30", "2026-06-11 07:00"},
		{"EndExcluded", "2026-06-11 07:00", "2026-06-11 07:00", "2026-06-11 07:00"},
		{"JustBeforeStart", "2026-06-10 21:59", "2026-06-10 21:59", "2026-06-10 21:59"},
		// Created before the quiet hours, looked at in them (the worker was busy): waits.
		{"LookedAtInQuietHours", "2026-06-10 21:50", "2026-06-10 23:00", "2026-06-11 07:00"},
		// The spring change (29 March 2026, 02:00 → 03:00): 07:00 is still 07:00.
		{"SpringNight", "2026-03-28 23:00", "2026-03-28 23:00", "2026-03-29 07:00"},
		// The autumn change (25 October 2026, 03:00 → 02:00): a night of 10 hours.
		{"AutumnNight", "2026-10-24 23:00", "2026-10-24 23:00", "2026-10-25 07:00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := p.NextEmailAt(paris(t, tc.created), paris(t, tc.now))
			if want := paris(t, tc.want); !got.Equal(want) {
				t.Fatalf("next email at %s, want %s", got.In(passerelles.NotificationLocation()), want)
			}
			if due := p.EmailDue(paris(t, tc.created), paris(t, tc.now)); due != (tc.want == tc.now) {
				t.Fatalf("due = %v at %s", due, tc.now)
			}
		})
	}
	t.Run("DaytimeQuietHours", func(t *testing.T) {
		q := *p
		q.Quiet = &passerelles.QuietHours{Start: 12 * 60, End: 14 * 60}
		if got, want := q.NextEmailAt(paris(t, "2026-06-10 12:30"), paris(t, "2026-06-10 12:30")), paris(t, "2026-06-10 14:00"); !got.Equal(want) {
			t.Fatalf("got %s, want %s", got, want)
		}
		if !q.EmailDue(paris(t, "2026-06-10 23:30"), paris(t, "2026-06-10 23:30")) {
			t.Fatal("a lunch break holds back an email at night")
		}
	})
	t.Run("NoEmail", func(t *testing.T) {
		q := *p
		q.ByEmail = false
		if q.EmailDue(paris(t, "2026-06-10 15:00"), paris(t, "2026-06-20 15:00")) {
			t.Fatal("an agent who wants no email is due one")
		}
	})
	t.Run("SpringGapEnd", func(t *testing.T) {
		// Quiet hours ending at 02:30, a time the spring change skips: they end at 03:30
		// CEST, the same instant as 02:30 read with the offset before the change.
		q := *p
		q.Quiet = &passerelles.QuietHours{Start: 23 * 60, End: 2*60 + 30}
		got := q.NextEmailAt(paris(t, "2026-03-29 00:00"), paris(t, "2026-03-29 00:00"))
		if want := time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC); !got.Equal(want) {
			t.Fatalf("got %s, want %s", got.UTC(), want)
		}
	})
}

// TestWeeklyDigest checks the digest's time on a controlled clock, around both changes
// of offset: the chosen wall-clock time holds, whatever the week.
func TestWeeklyDigest(t *testing.T) {
	p := passerelles.DefaultNotificationPreferences(1)
	p.Delivery = passerelles.DeliveryWeeklyDigest // Monday 08:00 by default
	for _, tc := range []struct {
		name           string
		weekday        time.Weekday
		minute         int
		created, want  string
		wantUTC        string // the same instant in UTC, to see the offset
		quietStart, qe int
	}{
		{"SameWeek", time.Monday, 8 * 60, "2026-06-10 15:00", "2026-06-15 08:00", "2026-06-15 06:00", -1, -1},
		{"SameDayBefore", time.Monday, 8 * 60, "2026-06-15 07:59", "2026-06-15 08:00", "2026-06-15 06:00", -1, -1},
		{"SameDayAfter", time.Monday, 8 * 60, "2026-06-15 08:00", "2026-06-22 08:00", "2026-06-22 06:00", -1, -1},
		// A week that crosses the spring change: Monday 08:00 is 07:00 UTC before, 06:00 after.
		{"AcrossSpringChange", time.Monday, 8 * 60, "2026-03-24 10:00", "2026-03-30 08:00", "2026-03-30 06:00", -1, -1},
		{"BeforeSpringChange", time.Monday, 8 * 60, "2026-03-17 10:00", "2026-03-23 08:00", "2026-03-23 07:00", -1, -1},
		{"AcrossAutumnChange", time.Monday, 8 * 60, "2026-10-20 10:00", "2026-10-26 08:00", "2026-10-26 07:00", -1, -1},
		// A digest on the very Sunday of the change, at a time it skips or repeats.
		{"SpringGapTime", time.Sunday, 2*60 + 30, "2026-03-23 10:00", "2026-03-29 03:30", "2026-03-29 01:30", -1, -1},
		{"AutumnRepeatedTime", time.Sunday, 2*60 + 30, "2026-10-19 10:00", "2026-10-25 02:30", "2026-10-25 00:30", -1, -1},
		// A digest time in the quiet hours goes at their end.
		{"InQuietHours", time.Saturday, 6 * 60, "2026-06-10 15:00", "2026-06-13 07:00", "2026-06-13 05:00", 22 * 60, 7 * 60},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := *p
			q.DigestWeekday, q.DigestMinute = tc.weekday, tc.minute
			if tc.quietStart >= 0 {
				q.Quiet = &passerelles.QuietHours{Start: tc.quietStart, End: tc.qe}
			}
			created := paris(t, tc.created)
			got := q.NextEmailAt(created, created)
			wantUTC, err := time.Parse("2006-01-02 15:04", tc.wantUTC)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(wantUTC) {
				t.Fatalf("digest at %s (%s UTC), want %s (%s UTC)", got.In(passerelles.NotificationLocation()), got.UTC(), tc.want, wantUTC)
			}
			if l := got.In(passerelles.NotificationLocation()).Format("2006-01-02 15:04"); l != tc.want {
				t.Fatalf("digest at %s Paris time, want %s", l, tc.want)
			}
			if q.EmailDue(created, got.Add(-time.Minute)) || !q.EmailDue(created, got) {
				t.Fatalf("due before %s, or not at it", got)
			}
		})
	}
}
