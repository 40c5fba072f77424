package sqlite_test

import (
	"context"
	"database/sql"
	"testing"

	"passerelles"
	"passerelles/markdown"
	"passerelles/sqlite"
)

// countRenders makes db count the descriptions it renders.
func countRenders(db *sqlite.DB) *int {
	n := new(int)
	r := markdown.New()
	db.RenderMarkdown = func(src string) string {
		*n++
		return r.Render(src)
	}
	return n
}

// TestDescriptionsRenderedOnWrite: an event's and a community's Markdown description is
// rendered when it is written and read back as stored: no read renders it again (it used
// to be rendered at every read of descriptionHtml). Review of issue 10.
func TestDescriptionsRenderedOnWrite(t *testing.T) {
	f := newEventFixture(t, 1)
	renders := countRenders(f.db)
	in := f.input(0)
	in.Description = "Un **atelier**, voir [le programme](https://www.numerique.gouv.fr/)."
	const wantHTML = `<p>Un <strong>atelier</strong>, voir <a href="https://www.numerique.gouv.fr/" rel="nofollow noreferrer noopener" target="_blank">le programme</a>.</p>` + "\n"
	const wantText = "Un atelier, voir le programme (https://www.numerique.gouv.fr/)."
	e, err := f.s.Events.CreateEvent(f.animator, in)
	if err != nil {
		t.Fatal(err)
	}
	if e, err = f.s.Events.PublishEvent(f.animator, e.ID); err != nil {
		t.Fatal(err)
	}
	if *renders != 1 || e.DescriptionHTML != wantHTML || e.DescriptionText != wantText {
		t.Fatalf("after creation: %d renders, HTML %q, text %q", *renders, e.DescriptionHTML, e.DescriptionText)
	}
	reads := map[string]func() (string, error){
		"FindEventByID": func() (string, error) {
			e, err := f.s.Events.FindEventByID(f.agents[0], e.ID)
			return e.DescriptionHTML, err
		},
		"FindEvents": func() (string, error) {
			list, _, err := f.s.Events.FindEvents(f.agents[0], passerelles.EventFilter{})
			if err != nil || len(list) != 1 {
				return "", err
			}
			return list[0].DescriptionHTML, nil
		},
		"FindCommunityEvents": func() (string, error) {
			pages, err := f.s.Events.FindCommunityEvents(f.agents[0], []int64{f.community.ID}, passerelles.EventsUpcoming, passerelles.Page{})
			if err != nil || len(pages[f.community.ID].Events) != 1 {
				return "", err
			}
			return pages[f.community.ID].Events[0].DescriptionHTML, nil
		},
	}
	for name, read := range reads {
		for range 3 {
			if got, err := read(); err != nil || got != wantHTML {
				t.Fatalf("%s: HTML %q (%v), want %q", name, got, err, wantHTML)
			}
		}
	}
	entry, err := f.s.Calendars.FindEventCalendar(f.agents[0], e.ID)
	if err != nil || entry.Description != wantText {
		t.Fatalf("calendar description = %q (%v), want %q", entry.Description, err, wantText)
	}
	if *renders != 1 {
		t.Fatalf("reads rendered the description %d times", *renders-1)
	}

	t.Run("UpdateRendersOnlyANewDescription", func(t *testing.T) {
		in.Title = "Atelier renommé"
		if _, err := f.s.Events.UpdateEvent(f.animator, e.ID, in); err != nil {
			t.Fatal(err)
		}
		if *renders != 1 {
			t.Fatalf("a new title rendered the description again (%d renders)", *renders)
		}
		in.Description = "Un *autre* atelier."
		got, err := f.s.Events.UpdateEvent(f.animator, e.ID, in)
		if err != nil || *renders != 2 || got.DescriptionHTML != "<p>Un <em>autre</em> atelier.</p>\n" || got.DescriptionText != "Un autre atelier." {
			t.Fatalf("after a new description: %d renders, %+v (%v)", *renders, got, err)
		}
	})
	t.Run("Community", func(t *testing.T) {
		before := *renders
		c := &passerelles.Community{ID: f.community.ID, Name: f.community.Name, Description: "La communauté **data**."}
		if _, err := f.s.Communities.UpdateCommunity(admin, c); err != nil {
			t.Fatal(err)
		}
		for range 3 {
			got, err := f.s.Communities.FindCommunityByCode(f.agents[0], f.community.Code)
			if err != nil || got.DescriptionHTML != "<p>La communauté <strong>data</strong>.</p>\n" {
				t.Fatalf("community = %+v (%v)", got, err)
			}
		}
		if *renders != before+1 {
			t.Fatalf("%d renders for one community description written and read 3 times", *renders-before)
		}
	})
}

// TestDescriptionsOfOldRowsRendered: rows written before migration 0014 (their HTML
// NULL) get their HTML and text when the database opens.
func TestDescriptionsOfOldRowsRendered(t *testing.T) {
	f := newEventFixture(t, 0)
	in := f.input(0)
	in.Description = "- un\n- **deux**"
	e, err := f.s.Events.CreateEvent(f.animator, in)
	if err != nil {
		t.Fatal(err)
	}
	c := &passerelles.Community{ID: f.community.ID, Name: f.community.Name, Description: "Des *données*."}
	if _, err := f.s.Communities.UpdateCommunity(admin, c); err != nil {
		t.Fatal(err)
	}
	if err := f.db.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite3", "file:"+f.path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE events SET description_html = NULL, description_text = NULL`, `UPDATE communities SET description_html = NULL`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()

	db := sqlite.NewDB(f.path)
	db.Now = f.db.Now
	renders := countRenders(db)
	if err := db.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := db.Services()
	got, err := s.Events.FindEventByID(f.animator, e.ID)
	if err != nil || got.DescriptionHTML != "<ul>\n<li>un</li>\n<li><strong>deux</strong></li>\n</ul>\n" || got.DescriptionText != "- un\n- deux" {
		t.Fatalf("old event = HTML %q, text %q (%v)", got.DescriptionHTML, got.DescriptionText, err)
	}
	comm, err := s.Communities.FindCommunityByCode(f.animator, f.community.Code)
	if err != nil || comm.DescriptionHTML != "<p>Des <em>données</em>.</p>\n" {
		t.Fatalf("old community = %q (%v)", comm.DescriptionHTML, err)
	}
	// One render per old row with a description (the other community has none), at open.
	if *renders != 2 {
		t.Fatalf("%d renders at open, want 2", *renders)
	}
}
