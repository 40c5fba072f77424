package api

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"
)

// cacheDocument returns a valid-looking document of about n bytes, distinct for each i.
func cacheDocument(i, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "query Q%d {", i)
	for j := 0; b.Len() < n-2; j++ {
		fmt.Fprintf(&b, " a%d: skills(first: %d) { totalCount }", j, j%100)
	}
	b.WriteString(" }")
	return b.String()
}

func mustParse(tb testing.TB, q string) *ast.Document {
	tb.Helper()
	doc, err := parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{Body: []byte(q)})})
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// TestDocumentCacheBoundedInBytes: documents near the text limit cannot fill the cache
// beyond its byte bound, whatever their number; the least recently used goes first.
func TestDocumentCacheBoundedInBytes(t *testing.T) {
	const maxBytes = 4 << 20
	c := newDocumentCache(512, maxBytes)
	big := make([]string, 200)
	for i := range big {
		big[i] = cacheDocument(i, 15<<10)
		c.put(big[i], &ast.Document{})
		if _, bytes := c.size(); bytes > maxBytes {
			t.Fatalf("after %d documents of 15 KiB the cache charges %d bytes, over its bound of %d", i+1, bytes, maxBytes)
		}
	}
	entries, _ := c.size()
	if want := maxBytes / int(docCacheCharge(big[0])); entries > want || entries == 0 {
		t.Fatalf("cache holds %d documents of 15 KiB, want 1 to %d", entries, want)
	}
	// The most recent is kept, the first ones are gone.
	if _, ok := c.get(big[len(big)-1]); !ok {
		t.Fatal("the last document put is not cached")
	}
	if _, ok := c.get(big[0]); ok {
		t.Fatal("the first document is still cached after the bound was reached")
	}
	// Least recently used: a document read again survives the next evictions.
	recent := big[len(big)-entries]
	c.get(recent)
	c.put(cacheDocument(1000, 15<<10), &ast.Document{})
	if _, ok := c.get(recent); !ok {
		t.Fatal("a document read just before was evicted before older ones")
	}
	// Small documents are bounded by count.
	small := newDocumentCache(3, maxBytes)
	for i := range 10 {
		small.put(fmt.Sprintf("{ a%d: me { id } }", i), &ast.Document{})
	}
	if n, bytes := small.size(); n != 3 || bytes != 3*docCacheCharge("{ a0: me { id } }") {
		t.Fatalf("small cache = %d entries, %d bytes; want 3 entries charged exactly", n, bytes)
	}
	// A document whose charge alone exceeds the bound is not cached at all.
	tiny := newDocumentCache(10, 1024)
	tiny.put(cacheDocument(0, 2048), &ast.Document{})
	if n, _ := tiny.size(); n != 0 {
		t.Fatal("a document larger than the whole bound was cached")
	}
}

// BenchmarkDocumentCacheMemory measures what parsed documents really hold against what the
// cache charges for them (docCacheBytesPerQueryByte): the ratio reported must stay below 1.
func BenchmarkDocumentCacheMemory(b *testing.B) {
	for _, size := range []int{1 << 10, 5 << 10, 15 << 10} {
		b.Run(fmt.Sprintf("text=%dKiB", size>>10), func(b *testing.B) {
			const n = 50
			texts := make([]string, n)
			for i := range texts {
				texts[i] = cacheDocument(i, size)
			}
			var before, after runtime.MemStats
			for b.Loop() {
				runtime.GC()
				runtime.ReadMemStats(&before)
				docs := make([]*ast.Document, n)
				for i, q := range texts {
					docs[i] = mustParse(b, q)
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
				runtime.KeepAlive(docs)
			}
			held := float64(after.HeapAlloc-before.HeapAlloc) / n
			b.ReportMetric(held, "heap-B/doc")
			b.ReportMetric(held/float64(docCacheCharge(texts[0])), "held/charged")
		})
	}
}
