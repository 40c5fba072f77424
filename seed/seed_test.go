package seed_test

import (
	"context"
	"path/filepath"
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
		if got, want := s.Name, "Mener une recherche et une veille d'information"; got != want {
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

func TestGenerateDemo(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	svc := services(db)
	if _, err := seed.LoadReferentials(ctx, svc); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	var progressed int
	rep, err := seed.GenerateDemo(ctx, svc, seed.DemoOptions{Agents: 300, Seed: 7, BatchSize: 100, Now: now,
		Progress: func(done, total int) { progressed = done }})
	if err != nil {
		t.Fatal(err)
	}
	if rep.AgentsCreated != 300 || progressed != 300 {
		t.Fatalf("created %d agents, progress %d, want 300", rep.AgentsCreated, progressed)
	}
	if rep.MembersCreated == 0 || rep.EventsCreated == 0 {
		t.Fatalf("no members (%d) or events (%d)", rep.MembersCreated, rep.EventsCreated)
	}
	upcoming, err := svc.Events.CountUpcomingEvents(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if upcoming != rep.EventsCreated {
		t.Fatalf("upcoming events = %d, want %d", upcoming, rep.EventsCreated)
	}

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
		if rep != (seed.DemoReport{}) || after != before {
			t.Fatalf("second generation: %+v, %d rows changed, want nothing", rep, after-before)
		}
	})

	t.Run("Deterministic", func(t *testing.T) {
		other := mustOpen(t)
		osvc := services(other)
		if _, err := seed.LoadReferentials(ctx, osvc); err != nil {
			t.Fatal(err)
		}
		if _, err := seed.GenerateDemo(ctx, osvc, seed.DemoOptions{Agents: 300, Seed: 7, Now: now}); err != nil {
			t.Fatal(err)
		}
		a, b := db.Fingerprint(ctx), other.Fingerprint(ctx)
		if a == "" || a != b {
			t.Fatalf("same seed, different data: %q vs %q", a, b)
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
