package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"passerelles"
	"passerelles/seed"
)

// TestSkillSearchNormalisation searches the skills of the real referentials with spellings
// that a person may type or paste (combining accents, full-width letters, ligatures), and
// with skills whose own text holds them: the index and the query are folded alike.
func TestSkillSearchNormalisation(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "search.db")
	db := NewDB(path)
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer func() { db.Close() }()
	mustLoadReferentials(t, db)
	system := passerelles.NewSystemContext(ctx)
	// A custom skill whose own text is written with a ligature, a full-width word and a
	// combining accent, as an administrator may paste it.
	custom := &passerelles.Skill{Code: "X.1", Name: "Classer les ﬁchiers ｐａｒｔａｇｅｓ", Description: "Re\u0301pertoires communs"}
	if _, err := db.Services().Skills.UpsertSkill(system, "pix", "1", custom); err != nil {
		t.Fatal(err)
	}
	find := func(t *testing.T, text string) []string {
		t.Helper()
		skills, _, err := db.Services().Skills.FindSkills(ctx, passerelles.SkillFilter{Search: &text, Page: passerelles.Page{Limit: 100}})
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, s := range skills {
			codes = append(codes, s.Code)
		}
		return codes
	}
	has := func(codes []string, code string) bool {
		for _, c := range codes {
			if c == code {
				return true
			}
		}
		return false
	}
	cases := []struct{ name, text, want string }{
		{"Precomposed", "données", "1.2"},
		{"Decomposed", "donne\u0301es", "1.2"},
		{"FullWidth", "ｄｏｎｎｅｅｓ", "1.2"},
		{"Capitals", "DONNÉES", "1.2"},
		{"LigatureInQuery", "ﬁchiers", "1.2"},
		{"PlainQueryFindsLigatureInIndex", "fichiers partagés", "X.1"},
		{"FullWidthInIndex", "partages", "X.1"},
		{"CombiningAccentInIndex", "répertoires", "X.1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := find(t, tc.text); !has(got, tc.want) {
				t.Fatalf("search %q found %v, want %s among them", tc.text, got, tc.want)
			}
		})
	}
	t.Run("SameResultsForEverySpelling", func(t *testing.T) {
		want := find(t, "données")
		for _, text := range []string{"donne\u0301es", "ｄｏｎｎｅｅｓ", "DONNÉES", "don\u00adnées"} {
			if got := find(t, text); len(got) != len(want) {
				t.Fatalf("search %q found %v, «données» found %v", text, got, want)
			}
		}
	})
	t.Run("IndexConsistent", func(t *testing.T) {
		if err := db.CheckIntegrity(ctx); err != nil {
			t.Fatal(err)
		}
	})

	// A database whose folded texts are missing or out of date (written before they
	// existed, or by an older folding) is brought in line when it opens, then left alone.
	if _, err := db.writer.ExecContext(ctx, `UPDATE skills SET search_name = '', search_description = 'perime'`); err != nil {
		t.Fatal(err)
	}
	if got := find(t, "fichiers"); len(got) != 0 {
		t.Fatalf("spoiled index still finds %v", got)
	}
	db.Close()
	db = NewDB(path)
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	t.Run("RefreshedAtOpen", func(t *testing.T) {
		for _, tc := range cases {
			if got := find(t, tc.text); !has(got, tc.want) {
				t.Fatalf("after reopening, search %q found %v, want %s among them", tc.text, got, tc.want)
			}
		}
		if err := db.CheckIntegrity(ctx); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("UpToDateRefreshWritesNothing", func(t *testing.T) {
		before, _ := db.TotalChanges(ctx)
		if err := db.refreshSkillSearch(ctx); err != nil {
			t.Fatal(err)
		}
		if after, _ := db.TotalChanges(ctx); after != before {
			t.Fatalf("refresh of an up-to-date index changed %d rows", after-before)
		}
	})
	t.Run("SecondLoadChangesNothing", func(t *testing.T) {
		before, _ := db.TotalChanges(ctx)
		mustLoadReferentials(t, db)
		if after, _ := db.TotalChanges(ctx); after != before {
			t.Fatalf("loading unchanged referentials changed %d rows", after-before)
		}
	})
}

// mustLoadReferentials loads the real referentials of seed/ into db.
func mustLoadReferentials(tb testing.TB, db *DB) {
	tb.Helper()
	all := db.Services()
	if _, err := seed.LoadReferentials(context.Background(), all); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkRefreshSkillSearch is what Open adds to a start: reading the skills of the
// referentials and folding their texts, with nothing to rewrite.
func BenchmarkRefreshSkillSearch(b *testing.B) {
	db := NewDB(filepath.Join(b.TempDir(), "bench.db"))
	if err := db.Open(context.Background()); err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	mustLoadReferentials(b, db)
	b.ReportAllocs()
	for b.Loop() {
		if err := db.refreshSkillSearch(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
