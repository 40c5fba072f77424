package passerelles

import (
	"bytes"
	"slices"
	"strings"
	"sync"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// FrenchCollation is the name under which the store registers CompareFrench as a SQLite
// collation, for every ORDER BY on a French label (`ORDER BY name COLLATE FRENCH`).
const FrenchCollation = "FRENCH"

// frenchCollators hold collators of French: a collate.Collator keeps buffers of its own and
// is not safe for concurrent use, and SQLite calls the collation from every connection.
var frenchCollators = sync.Pool{New: func() any { return collate.New(language.French) }}

// frenchKeys caches the collation keys of recent labels. Comparing two labels with the
// collator costs about 1.6 µs; a sort compares each label about log2(n) times, so a list of
// 3 000 members sorted in SQL spent 55 ms in the collator against 7 ms for SQLite's NOCASE.
// With the keys computed once per label, a comparison is a cache lookup and a byte
// comparison of keys.
var frenchKeys, _ = lru.New[string, []byte](1 << 14)

// frenchKey returns the collation key of s: comparing keys byte by byte is comparing
// the labels by the collation.
func frenchKey(s string) []byte {
	if k, ok := frenchKeys.Get(s); ok {
		return k
	}
	c := frenchCollators.Get().(*collate.Collator)
	var buf collate.Buffer
	k := bytes.Clone(c.KeyFromString(&buf, s))
	frenchCollators.Put(c)
	frenchKeys.Add(s, k)
	return k
}

// CompareFrench orders two labels as a French reader does, and returns -1, 0 or +1:
// letters first and accents, then case, only to break ties (« Île-de-France » between
// « Hauts-de-France » and « La Réunion », « élodie » beside « Élodie » and before « Emma »,
// « Œuvre » as « Oeuvre »), by the Unicode collation algorithm with the French tailoring
// of the CLDR (golang.org/x/text/collate). A byte order would put every accented capital
// after « Z ». Labels the collation finds equal are ordered by their bytes, so that the
// order is total and pages do not shuffle. The one comparison of French names, in Go
// (SortFrench) and in SQL (FrenchCollation).
func CompareFrench(a, b string) int {
	if r := bytes.Compare(frenchKey(a), frenchKey(b)); r != 0 {
		return r
	}
	return strings.Compare(a, b)
}

// SortFrench sorts labels in place by CompareFrench.
func SortFrench(labels []string) { slices.SortFunc(labels, CompareFrench) }
