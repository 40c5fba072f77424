package seed_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"passerelles"
	"passerelles/seed"
	"passerelles/sqlite"
)

func mustOpen(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db := sqlite.NewDB(filepath.Join(tb.TempDir(), "seed.db"))
	if err := db.Open(context.Background()); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func services(db *sqlite.DB) passerelles.Services { return db.Services() }

func TestLoadReferentials(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	svc := services(db)
	rep, err := seed.LoadReferentials(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Changed != rep.Items || rep.Items == 0 {
		t.Fatalf("first load: changed %d of %d items, want all", rep.Changed, rep.Items)
	}

	t.Run("Counts", func(t *testing.T) {
		for _, tc := range []struct {
			framework      string
			domains, skill int
			levels         int
		}{{"pix", 5, 16, 8}, {"ecf", 5, 40, 5}} {
			f, err := svc.Frameworks.FindFrameworkByCode(ctx, tc.framework)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := len(f.Domains), tc.domains; got != want {
				t.Fatalf("%s domains = %d, want %d", tc.framework, got, want)
			}
			if got, want := len(f.Levels), tc.levels; got != want {
				t.Fatalf("%s levels = %d, want %d", tc.framework, got, want)
			}
			code := tc.framework
			_, total, err := svc.Skills.FindSkills(ctx, passerelles.SkillFilter{FrameworkCode: &code})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := total, tc.skill; got != want {
				t.Fatalf("%s skills = %d, want %d", tc.framework, got, want)
			}
		}
		for _, tc := range []struct {
			family passerelles.RoleFamily
			want   int
		}{{passerelles.RoleFamilyBusiness, 16}, {passerelles.RoleFamilyDigital, 17}} {
			fam := tc.family
			_, total, err := svc.Roles.FindRoles(ctx, passerelles.RoleFilter{Family: &fam})
			if err != nil {
				t.Fatal(err)
			}
			if total != tc.want {
				t.Fatalf("%s roles = %d, want %d", tc.family, total, tc.want)
			}
		}
		_, total, err := svc.Transitions.FindTransitions(ctx, passerelles.TransitionFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := total, 22; got != want {
			t.Fatalf("transitions = %d, want %d", got, want)
		}
		_, total, err = svc.Organisations.FindRegions(ctx, nil, passerelles.Page{})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := total, 18; got != want {
			t.Fatalf("regions = %d, want %d", got, want)
		}
		s, err := svc.Skills.FindSkillByCode(ctx, "pix", "1.1")
		if err != nil {
			t.Fatal(err)
		}
		if got, want := s.Name, "Mener une recherche et une veille d’information"; got != want {
			t.Fatalf("pix 1.1 = %q, want %q", got, want)
		}
	})

	t.Run("SecondLoadChangesNoRow", func(t *testing.T) {
		before, err := db.TotalChanges(ctx)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := seed.LoadReferentials(ctx, svc)
		if err != nil {
			t.Fatal(err)
		}
		after, err := db.TotalChanges(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Changed != 0 || after != before {
			t.Fatalf("second load changed %d items and %d rows, want none", rep.Changed, after-before)
		}
	})
}

// demoNow is the clock of the demo tests: a Monday in the middle of a month, Paris time.
var demoNow = time.Date(2026, 11, 16, 11, 0, 0, 0, time.UTC)

func TestGenerateDemo(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	now := demoNow
	db.Now = func() time.Time { return now }
	svc := services(db)
	if _, err := seed.LoadReferentials(ctx, svc); err != nil {
		t.Fatal(err)
	}
	var progressed int
	rep, err := seed.GenerateDemo(ctx, svc, seed.DemoOptions{Agents: 300, Seed: 7, BatchSize: 100, Now: now,
		Progress: func(done, total int) { progressed = done }})
	if err != nil {
		t.Fatal(err)
	}
	if rep.AgentsCreated != 300 || progressed != 300 {
		t.Fatalf("created %d agents, progress %d, want 300", rep.AgentsCreated, progressed)
	}
	if rep.MembersCreated == 0 || rep.EventsCreated == 0 || rep.AttendanceMarked == 0 {
		t.Fatalf("no members (%d), events (%d) or attendance (%d)", rep.MembersCreated, rep.EventsCreated, rep.AttendanceMarked)
	}
	sys := passerelles.NewSystemContext(ctx)
	all, total, err := svc.Events.FindEvents(sys, passerelles.EventFilter{Page: passerelles.Page{Limit: 100}})
	if err != nil {
		t.Fatal(err)
	}
	if total != rep.EventsCreated || total > len(all) {
		t.Fatalf("%d events listed of %d, %d created", len(all), total, rep.EventsCreated)
	}
	paris, _ := time.LoadLocation(passerelles.DefaultTimeZone)
	p := now.In(paris)
	thisMonth := time.Date(p.Year(), p.Month(), 1, 0, 0, 0, 0, paris)

	t.Run("EventsWithRegistrations", func(t *testing.T) {
		titles := map[string]bool{}
		waitlists := 0
		for _, e := range all {
			for _, big := range []string{"Journée de la data", "Salon de la data"} {
				if strings.HasPrefix(e.Title, big) && e.StartsAt.After(now) {
					titles[big] = true
				}
			}
			if e.RegisteredCount == 0 {
				t.Errorf("%s has no registration", e.Title)
			}
			if e.Capacity > 0 && (e.RegisteredCount != e.Capacity || e.WaitlistCount != 3) {
				t.Errorf("%s: %d of %d seats taken, %d waiting; want full with 3 waiting", e.Title, e.RegisteredCount, e.Capacity, e.WaitlistCount)
			}
			if e.WaitlistCount > 0 {
				waitlists++
			}
		}
		if !titles["Journée de la data"] || !titles["Salon de la data"] || waitlists == 0 || rep.RegistrationsCreated == 0 {
			t.Fatalf("upcoming %v, %d with a waitlist, %d registrations", titles, waitlists, rep.RegistrationsCreated)
		}
	})

	t.Run("ThreeEventsPerCommunity", func(t *testing.T) {
		communities, _, err := svc.Communities.FindCommunities(ctx, passerelles.CommunityFilter{Page: passerelles.Page{Limit: 100}})
		if err != nil {
			t.Fatal(err)
		}
		per := map[int64]int{}
		for _, e := range all {
			per[e.CommunityID]++
		}
		for _, c := range communities {
			if per[c.ID] < 3 {
				t.Errorf("%s has %d events, want 3 at least", c.Name, per[c.ID])
			}
		}
	})

	t.Run("PastEventsWithAttendance", func(t *testing.T) {
		past, _, err := svc.Events.FindEvents(sys, passerelles.EventFilter{When: passerelles.EventsPast, Page: passerelles.Page{Limit: 100}})
		if err != nil {
			t.Fatal(err)
		}
		if len(past) == 0 || past[len(past)-1].StartsAt.After(thisMonth.AddDate(0, -1, 7)) {
			t.Fatalf("%d past events, the oldest not in the month before last", len(past))
		}
		present, absent := 0, 0
		for _, e := range past {
			_, regs, err := svc.Events.ExportParticipants(sys, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range regs {
				switch {
				case r.Status != passerelles.RegistrationRegistered:
				case r.Attended == nil:
					t.Errorf("%s: attendance of agent %d not marked", e.Title, r.AgentID)
				case *r.Attended:
					present++
				default:
					absent++
				}
			}
		}
		if present == 0 || absent == 0 || present < 3*absent {
			t.Fatalf("past events: %d present, %d absent; want most present and some absent", present, absent)
		}
	})

	t.Run("ThisMonthBothSidesOfToday", func(t *testing.T) {
		month, _, err := svc.Events.FindEvents(sys, passerelles.EventFilter{StartsFrom: thisMonth, StartsBefore: thisMonth.AddDate(0, 1, 0),
			Page: passerelles.Page{Limit: 100}})
		if err != nil {
			t.Fatal(err)
		}
		before, after := 0, 0
		for _, e := range month {
			if !e.EndsAt.After(now) {
				before++
			}
			if e.StartsAt.After(now) {
				after++
			}
		}
		if before == 0 || after == 0 {
			t.Fatalf("this month: %d events over, %d to come; want both", before, after)
		}
		for m := -2; m <= 2; m++ {
			from := thisMonth.AddDate(0, m, 0)
			if _, n, err := svc.Events.FindEvents(sys, passerelles.EventFilter{StartsFrom: from, StartsBefore: from.AddDate(0, 1, 0)}); err != nil || n == 0 {
				t.Errorf("no event in %s (%v)", from.Format("01/2006"), err)
			}
		}
	})

	t.Run("PersonasRecommended", func(t *testing.T) {
		const issuer = "https://devidp.test"
		for range 2 { // set up twice: the wishes are declared once
			if err := seed.SetUpPersonas(ctx, svc, issuer); err != nil {
				t.Fatal(err)
			}
		}
		wishing := 0
		for _, p := range seed.Personas {
			if len(p.Develops) == 0 {
				continue
			}
			wishing++
			m, err := svc.Users.SignIn(sys, passerelles.Identity{Issuer: issuer, Subject: p.Subject, GivenName: p.GivenName,
				UsualName: p.UsualName, Email: p.Email, UID: p.UID, Siret: p.Siret, IdpID: p.IdpID,
				OrganizationLabel: p.OrganizationLabel, Roles: p.Roles}, nil)
			if err != nil {
				t.Fatal(err)
			}
			me := passerelles.NewContextWithUser(ctx, &passerelles.User{AgentID: m.Agent.ID, AccessRoles: m.AccessRoles})
			for _, w := range p.Develops {
				s, err := svc.Skills.FindSkillByCode(ctx, w.Framework, w.Code)
				if err != nil {
					t.Fatal(err)
				}
				if h, err := svc.Profiles.FindSkillHistory(me, m.Agent.ID, s.ID); err != nil || len(h) != 1 || !h[0].WantsToDevelop {
					t.Errorf("%s: history of %s %s = %v (%v), want one declaration wanted for development", p.Subject, w.Framework, w.Code, h, err)
				}
			}
			recommended, _, err := svc.Events.FindRecommendedEvents(me, passerelles.Page{Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			if len(recommended) == 0 {
				t.Errorf("%s wants to develop %v and gets no recommended event", p.Subject, p.Develops)
			}
		}
		if wishing == 0 {
			t.Fatal("no persona wants to develop a skill: Mon espace recommends nothing to anyone")
		}
	})

	t.Run("Integrity", func(t *testing.T) {
		if err := db.CheckIntegrity(ctx); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("Idempotent", func(t *testing.T) {
		before, _ := db.TotalChanges(ctx)
		rep, err := seed.GenerateDemo(ctx, svc, seed.DemoOptions{Agents: 300, Seed: 7, BatchSize: 100, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		after, _ := db.TotalChanges(ctx)
		if !reflect.DeepEqual(rep, seed.DemoReport{}) || after != before {
			t.Fatalf("second generation: %+v, %d rows changed, want nothing", rep, after-before)
		}
	})

	t.Run("Deterministic", func(t *testing.T) {
		other := mustOpen(t)
		other.Now = db.Now
		osvc := services(other)
		if _, err := seed.LoadReferentials(ctx, osvc); err != nil {
			t.Fatal(err)
		}
		if _, err := seed.GenerateDemo(ctx, osvc, seed.DemoOptions{Agents: 300, Seed: 7, Now: now}); err != nil {
			t.Fatal(err)
		}
		if err := seed.SetUpPersonas(ctx, osvc, "https://devidp.test"); err != nil {
			t.Fatal(err)
		}
		a, b := db.Fingerprint(ctx), other.Fingerprint(ctx)
		if a == "" || a != b {
			t.Fatalf("same seed, different data: %q vs %q", a, b)
		}
	})

	t.Run("ReloadNextMonthAddsOnlyItsMonth", func(t *testing.T) {
		communities, _, err := svc.Communities.FindCommunities(ctx, passerelles.CommunityFilter{Page: passerelles.Page{Limit: 100}})
		if err != nil {
			t.Fatal(err)
		}
		now = now.AddDate(0, 1, 0)
		rep, err := seed.GenerateDemo(ctx, svc, seed.DemoOptions{Agents: 300, Seed: 7, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		// The months shared with the first load are not planned twice: one new month, and
		// the big days that are over by then.
		if rep.EventsCreated < len(communities) || rep.EventsCreated > len(communities)+2 {
			t.Fatalf("a load a month later created %d events, want the %d of the new month and at most the 2 big days", rep.EventsCreated, len(communities))
		}
	})
}

func BenchmarkGenerateDemo100k(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		db := mustOpen(b)
		svc := services(db)
		if _, err := seed.LoadReferentials(ctx, svc); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := seed.GenerateDemo(ctx, svc, seed.DemoOptions{Agents: 100_000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// typography finds what French text must not hold: a straight apostrophe between letters
// (« l'action » is written « l’action », U+2019) and a middle dot between letters (inclusive
// writing such as « chargé·e », which screen readers spell out; the double form is written).
var typography = regexp.MustCompile(`\pL'\pL|\pL[\x{00B7}\x{2027}\x{2219}\x{22C5}]\pL`)

// TestReferentialTypography reads every string of the referential files, and the personas'
// labels and organisations, as people read them in the pages.
func TestReferentialTypography(t *testing.T) {
	files, err := filepath.Glob("referentials/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no referential file (%v)", err)
	}
	var check func(where string, v any)
	check = func(where string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				check(where+"."+k, x)
			}
		case []any:
			for i, x := range v {
				check(where+"["+strconv.Itoa(i)+"]", x)
			}
		case string:
			if m := typography.FindString(v); m != "" {
				t.Errorf("%s: %q holds %q", where, v, m)
			}
		}
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		check(filepath.Base(name), v)
	}
	for _, p := range seed.Personas {
		check(p.Subject+".Label", p.Label)
		check(p.Subject+".OrganizationLabel", p.OrganizationLabel)
	}
}

// TestLoadReferentialsRelabels starts from a database whose labels were written before the
// typographic apostrophes (as deployed databases were): loading the referentials changes
// the labels in place, keeps the ids that profiles and declarations reference, and counts
// exactly the relabelled items as changed.
func TestLoadReferentialsRelabels(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	svc := services(db)
	if _, err := seed.LoadReferentials(ctx, svc); err != nil {
		t.Fatal(err)
	}
	sys := passerelles.NewSystemContext(ctx)
	old := func(s string) string { return strings.ReplaceAll(s, "’", "'") }

	skill, err := svc.Skills.FindSkillByCode(ctx, "pix", "1.1")
	if err != nil {
		t.Fatal(err)
	}
	stale := *skill
	stale.Name = old(skill.Name)
	if _, err := svc.Skills.UpsertSkill(sys, "pix", "1", &stale); err != nil {
		t.Fatal(err)
	}

	// An organisation with an apostrophe in its name, as organisations.json gives it.
	b, err := os.ReadFile("referentials/organisations.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Orgs []struct{ Code, Name, Type, Ministry, Region string } `json:"organisations"`
	}
	if err := json.Unmarshal(b, &file); err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(file.Orgs, func(o struct{ Code, Name, Type, Ministry, Region string }) bool {
		return strings.Contains(o.Name, "’")
	})
	if i < 0 {
		t.Fatal("no organisation name with an apostrophe")
	}
	o := file.Orgs[i]
	staleOrg := &passerelles.Organisation{Code: o.Code, Name: old(o.Name), Type: passerelles.OrganisationType(o.Type)}
	if _, err := svc.Organisations.UpsertOrganisation(sys, staleOrg, o.Ministry, o.Region); err != nil {
		t.Fatal(err)
	}

	rep, err := seed.LoadReferentials(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Changed != 2 {
		t.Errorf("reload changed %d items, want the 2 relabelled ones", rep.Changed)
	}
	got, err := svc.Skills.FindSkillByCode(ctx, "pix", "1.1")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != skill.ID || got.Name != skill.Name {
		t.Errorf("pix 1.1 after reload = %d %q, want %d %q", got.ID, got.Name, skill.ID, skill.Name)
	}
	orgs, _, err := svc.Organisations.FindOrganisations(ctx, passerelles.OrganisationFilter{IDs: []int64{staleOrg.ID}})
	if err != nil || len(orgs) != 1 {
		t.Fatalf("organisation %s after reload: %v, %d found", o.Code, err, len(orgs))
	}
	if orgs[0].Name != o.Name {
		t.Errorf("organisation %s after reload = %q, want %q", o.Code, orgs[0].Name, o.Name)
	}
}

// TestFrenchOrder checks that the lists of French labels read in French order
// (passerelles.CompareFrench, the store's FRENCH collation): « Île-de-France » among the
// regions starting with I, not after « Provence-Alpes-Côte d’Azur »; organisations within
// their type, and communities whose names start with an accented capital.
func TestFrenchOrder(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	svc := services(db)
	if _, err := seed.LoadReferentials(ctx, svc); err != nil {
		t.Fatal(err)
	}
	sys := passerelles.NewSystemContext(ctx)
	for _, c := range []*passerelles.Community{{Code: "ecologie", Name: "Écologie numérique"}, {Code: "zz", Name: "Zéro papier"},
		{Code: "eau", Name: "Eau et données"}} {
		if _, err := svc.Communities.UpsertCommunity(sys, c); err != nil {
			t.Fatal(err)
		}
	}
	check := func(t *testing.T, names []string) {
		t.Helper()
		want := slices.Clone(names)
		passerelles.SortFrench(want)
		if !slices.Equal(names, want) {
			t.Errorf("order %q, want %q", names, want)
		}
	}
	t.Run("Regions", func(t *testing.T) {
		regions, _, err := svc.Organisations.FindRegions(ctx, nil, passerelles.Page{Limit: passerelles.MaxPageSize})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, r := range regions {
			names = append(names, r.Name)
		}
		check(t, names)
		i := slices.Index(names, "Île-de-France")
		if i <= 0 || i == len(names)-1 || names[i-1] != "Hauts-de-France" {
			t.Errorf("Île-de-France at %d of %q, want right after Hauts-de-France", i, names)
		}
	})
	t.Run("OrganisationsByType", func(t *testing.T) {
		orgs, _, err := svc.Organisations.FindOrganisations(ctx, passerelles.OrganisationFilter{Page: passerelles.Page{Limit: passerelles.MaxPageSize}})
		if err != nil {
			t.Fatal(err)
		}
		byType := map[passerelles.OrganisationType][]string{}
		for _, o := range orgs {
			byType[o.Type] = append(byType[o.Type], o.Name)
		}
		for _, names := range byType {
			check(t, names)
		}
	})
	t.Run("Communities", func(t *testing.T) {
		cs, _, err := svc.Communities.FindCommunities(ctx, passerelles.CommunityFilter{Page: passerelles.Page{Limit: passerelles.MaxPageSize}})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, c := range cs {
			names = append(names, c.Name)
		}
		check(t, names)
		if slices.Index(names, "Écologie numérique") > slices.Index(names, "Zéro papier") {
			t.Errorf("« Écologie numérique » after « Zéro papier »: %q", names)
		}
	})
}
