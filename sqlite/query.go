package sqlite

import (
	"context"
	"strings"
	"unicode"

	"passerelles"
)

// where collects the conditions of a filter and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// in adds "col IN (…)" for a non-nil id list; an empty non-nil list matches nothing.
func (w *where) in(col string, ids []int64) {
	if ids == nil {
		return
	}
	if len(ids) == 0 {
		w.add("0")
		return
	}
	w.add(col+" IN ("+placeholders(len(ids))+")", int64Args(ids)...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// upsert runs an INSERT … ON CONFLICT DO UPDATE … WHERE <something differs> and reports
// whether a row was inserted or changed.
func upsert(ctx context.Context, tx *Tx, query string, args ...any) (bool, error) {
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// ftsQuery turns free text into a safe FTS5 query: the text is folded as the index is
// (passerelles.FoldForSearch), then each word (letters and digits, any script) becomes a
// quoted prefix term, so FTS5 syntax in user text (quotes, NEAR, column filters,
// parentheses, stars) is never interpreted. It returns "" when no word remains. Search
// text is cleaned rather than refused: it is never stored nor shown, and folding already
// drops the control and format characters that ValidateText refuses elsewhere.
func ftsQuery(text string) string {
	words := strings.FieldsFunc(passerelles.FoldForSearch(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) > 16 {
		words = words[:16]
	}
	terms := make([]string, 0, len(words))
	for _, w := range words {
		// A word holds only letters and digits, so it holds no double quote to escape.
		terms = append(terms, `"`+frenchStem(w)+`"*`)
	}
	return strings.Join(terms, " ")
}

// frenchSuffixes are the endings a light stemmer takes off query words, longest first, so
// that a prefix search for « sécurité » also finds « sécuriser » and « données » finds
// « donner »: the index keeps whole words, the query keeps the stem as a prefix.
var frenchSuffixes = []string{"issements", "issement", "ations", "ation", "ements", "ement", "ences", "ence",
	"euses", "euse", "ites", "ite", "ives", "ive", "iques", "ique", "eurs", "eur", "ees", "ee", "ers", "er",
	"es", "e", "s"}

// frenchStem removes one common French ending from a folded word long enough to keep a
// stem of four letters or more.
func frenchStem(w string) string {
	for _, suf := range frenchSuffixes {
		if strings.HasSuffix(w, suf) && len([]rune(w))-len([]rune(suf)) >= 4 {
			return strings.TrimSuffix(w, suf)
		}
	}
	return w
}
