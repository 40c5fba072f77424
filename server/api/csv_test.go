package api_test

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"

	"passerelles/server/api"
)

// TestCSVCell feeds the formula guard hostile cells: every form a spreadsheet runs as a
// formula gets the apostrophe, and ordinary text is left as typed.
func TestCSVCell(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		guarded  bool
	}{
		{"Empty", "", false},
		{"Name", "Élodie Dupré", false},
		{"Hyphenated", "Jean-Baptiste", false},
		{"Equals", "=1+1", true},
		{"Plus", "+33 1 23 45 67 89", true},
		{"Minus", "-2+3", true},
		{"At", "@SUM(1+1)", true},
		{"Hyperlink", `=HYPERLINK("https://evil.example")`, true},
		{"FullWidthEquals", "＝1+1", true},
		{"FullWidthPlus", "＋1", true},
		{"FullWidthMinus", "－1", true},
		{"FullWidthAt", "＠SUM(1)", true},
		{"SmallEquals", "﹦1+1", true},
		{"LeadingSpaces", "   =1+1", true},
		{"LeadingNoBreakSpace", "\u00a0=1+1", true},
		{"LeadingIdeographicSpace", "\u3000＝1+1", true},
		{"LeadingTab", "\t=1+1", true},
		{"LeadingNewline", "\n=1+1", true},
		{"LeadingCRLF", "\r\n@SUM(1)", true},
		{"ZeroWidthSpace", "\u200b=1+1", true},
		{"ByteOrderMark", "\ufeff=1+1", true},
		{"BidiMark", "\u200e-1", true},
		{"TabAlone", "\tnom", true},
		{"FormulaLater", "Dupont =1+1", false},
		{"SpaceThenText", "  Dupont", false},
		{"Date", "02/01/2026 15:04", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := api.CSVCell(tc.in)
			want := tc.in
			if tc.guarded {
				want = "'" + tc.in
			}
			if got != want {
				t.Errorf("CSVCell(%q) = %q, want %q", tc.in, got, want)
			}
		})
	}
}

// TestCSVWriter reads a file back as a spreadsheet would: byte order mark, semicolons,
// CRLF line ends, quoted cells with separators and line breaks, and guarded cells.
func TestCSVWriter(t *testing.T) {
	var b bytes.Buffer
	w, err := api.NewCSVWriter(&b)
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]string{{"Nom", "Prénom"}, {"Dupré; « Lefèvre »", "ligne\nsuivante"}, {"  ＝1+1", "\t@x"}}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	body := b.Bytes()
	if !bytes.HasPrefix(body, []byte("\xef\xbb\xbf")) {
		t.Fatalf("no byte order mark: %q", body)
	}
	if !bytes.HasSuffix(body, []byte("\r\n")) || !bytes.Contains(body, []byte("\"Dupré; « Lefèvre »\";")) {
		t.Fatalf("not semicolons, quotes and CRLF: %q", body)
	}
	r := csv.NewReader(bytes.NewReader(body[3:]))
	r.Comma = ';'
	got, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"Nom", "Prénom"}, {"Dupré; « Lefèvre »", "ligne\nsuivante"}, {"'  ＝1+1", "'\t@x"}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("read back %q, want %q", got, want)
	}
}
