package markdown_test

import (
	"testing"

	"passerelles/markdown"
)

// TestPlainText reduces rendered Markdown to the text a calendar shows: no markup, no
// Markdown marker, links with their address, lists as lines.
func TestPlainText(t *testing.T) {
	r := markdown.New()
	for _, tc := range []struct{ name, src, want string }{
		{"Emphasis", "Un atelier **pratique** et _concret_, ~~annulé~~.", "Un atelier pratique et concret, annulé."},
		{"SoftBreaks", "Une phrase\nsur deux lignes.", "Une phrase sur deux lignes."},
		{"HardBreak", "Ligne une  \nligne deux", "Ligne une\nligne deux"},
		{"Paragraphs", "# Programme\n\nPremier.\n\nSecond.", "Programme\n\nPremier.\n\nSecond."},
		{"Link", "Voir [le programme](https://www.numerique.gouv.fr/) en ligne.", "Voir le programme (https://www.numerique.gouv.fr/) en ligne."},
		{"Autolink", "Site : https://www.numerique.gouv.fr/ et <data@sg.social.gouv.fr>", "Site : https://www.numerique.gouv.fr/ et data@sg.social.gouv.fr"},
		{"List", "Au menu :\n\n- accueil\n- **atelier** pratique\n- [bilan](https://example.gouv.fr/bilan)", "Au menu :\n\n- accueil\n- atelier pratique\n- bilan (https://example.gouv.fr/bilan)"},
		{"OrderedList", "3. trois\n4. quatre", "3. trois\n4. quatre"},
		{"LooseNestedList", "- un\n\n  suite\n- deux\n  - deux a\n  - deux b", "- un\n  suite\n- deux\n  - deux a\n  - deux b"},
		{"Quote", "> Une citation\n> sur deux lignes", "Une citation sur deux lignes"},
		{"Code", "Tapez `make run` :\n\n```\nmake build\n  make run\n```", "Tapez make run :\n\nmake build\n  make run"},
		{"Entities", "Tom &amp; Jerry &lt;b&gt; \\*pas gras\\*", "Tom & Jerry <b> *pas gras*"},
		{"RawHTMLDropped", "Bonjour <script>alert(1)</script> à tous", "Bonjour alert(1) à tous"},
		{"JavascriptLinkDropped", "[cliquez](javascript:alert(1))", "cliquez"},
		{"Empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := markdown.PlainText(r.Render(tc.src)); got != tc.want {
				t.Errorf("PlainText(Render(%q)) =\n%q\nwant\n%q\n(HTML %q)", tc.src, got, tc.want, r.Render(tc.src))
			}
		})
	}
}
