package markdown

import (
	"strings"
	"testing"
)

// TestRenderBoundedOutput: a short description must not render to a huge page (review
// of issue 10; the renderer has no tables since).
// Today a GFM table whose header has many columns and whose rows are bare pipes is
// padded cell by cell: 3,500 characters give about 2 MB of HTML, and a description
// at the 20,000-character limit (3,000 columns, 2,666 rows) gives about 70 MB and
// a minute of CPU on every read of descriptionHtml (measured: 29 KB gave 150 MB in 54 s).
func TestRenderBoundedOutput(t *testing.T) {
	cols, rows := 500, 500
	src := strings.Repeat("|a", cols) + "\n" + strings.Repeat("|-", cols) + "\n" + strings.Repeat("|x\n", rows)
	out := New().Render(src)
	if len(out) > 64*len(src) {
		t.Fatalf("a %d-byte description renders to %d bytes (×%d)", len(src), len(out), len(out)/len(src))
	}
}
