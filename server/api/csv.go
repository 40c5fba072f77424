package api

import (
	"encoding/csv"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// CSVWriter writes a CSV file as French users' spreadsheets open it, and is the one way
// the product writes CSV (every export goes through it, so that every cell is guarded):
// UTF-8 with a byte order mark (without it Excel reads UTF-8 as Windows-1252 and garbles
// « é »), a semicolon between cells (the list separator of French Windows, which Excel
// uses for .csv; a comma would put each row in one cell; LibreOffice detects either), CRLF
// line ends and quotes as RFC 4180 has them (encoding/csv), and every cell through
// CSVCell.
type CSVWriter struct{ w *csv.Writer }

// NewCSVWriter writes the byte order mark to w and returns a writer of rows to it.
func NewCSVWriter(w io.Writer) (*CSVWriter, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.Comma, cw.UseCRLF = ';', true
	return &CSVWriter{w: cw}, nil
}

// Write writes one row, each cell neutralised by CSVCell.
func (c *CSVWriter) Write(row []string) error {
	safe := make([]string, len(row))
	for i, s := range row {
		safe[i] = CSVCell(s)
	}
	return c.w.Write(safe)
}

// Flush writes what is buffered and returns the first error of any write.
func (c *CSVWriter) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

// CSVCell returns s as a spreadsheet shows it as text, never as a formula to run (CSV
// injection): a cell whose first visible character is « = », « + », « - » or « @ » — or
// any form of them that compatibility normalisation (NFKC) folds to one, such as the
// full-width ＝ ＋ － ＠ that a Japanese or Chinese keyboard types and Excel reads as a
// formula — even after spaces, tabs, line breaks or invisible format characters (zero
// width space, byte order mark, bidirectional marks), and a cell starting with a tab, a
// carriage return or a line feed, gets an apostrophe in front, which Excel and
// LibreOffice read as « text follows » and do not show.
func CSVCell(s string) string {
	if s == "" {
		return s
	}
	if s[0] == '\t' || s[0] == '\r' || s[0] == '\n' {
		return "'" + s
	}
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError {
			continue
		}
		if first := norm.NFKC.String(string(r)); first != "" && strings.ContainsRune("=+-@", rune(first[0])) {
			return "'" + s
		}
		break
	}
	return s
}
