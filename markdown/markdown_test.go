package markdown_test

import (
	"strings"
	"testing"

	"passerelles/markdown"
)

// TestRenderHostileMarkdown renders what an attacker would write in an event description
// and checks that nothing of it stays active.
func TestRenderHostileMarkdown(t *testing.T) {
	r := markdown.New()
	for _, tc := range []struct {
		name, src string
		forbid    []string // case-insensitive substrings that must not appear
		want      []string // substrings that must appear
	}{
		{"ScriptTag", "Bonjour <script>alert(1)</script> à tous", []string{"<script", "alert(1)</"}, []string{"Bonjour"}},
		{"ScriptBlock", "<script>\nalert(document.cookie)\n</script>", []string{"<script"}, nil},
		{"RawHTML", `<div onclick="steal()">clic</div><iframe src="https://evil.example"></iframe>`, []string{"<div", "<iframe", "onclick"}, nil},
		{"ImageHandler", `<img src=x onerror="alert(1)">`, []string{"<img", "onerror"}, nil},
		{"MarkdownImage", `![x](https://evil.example/pixel.png)`, []string{"<img"}, nil},
		{"JavascriptLink", `[cliquez](javascript:alert(1))`, []string{"javascript:", "href"}, []string{"cliquez"}},
		{"JavascriptLinkEncoded", `[cliquez](jav&#x61;script:alert(1))`, []string{"javascript", "href"}, nil},
		{"JavascriptAutolink", `<javascript:alert(1)>`, []string{"href=\"javascript"}, nil},
		{"DataLink", `[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`, []string{"data:", "href"}, nil},
		{"VBScriptLink", `[x](vbscript:msgbox(1))`, []string{"vbscript", "href"}, nil},
		{"StyleAttribute", `<p style="position:fixed">x</p>`, []string{"style"}, nil},
		{"EventHandlerInLinkTitle", `[a](https://ok.example "x\" onmouseover=\"alert(1)")`, []string{"onmouseover="}, nil},
		{"SVG", `<svg onload="alert(1)"><circle/></svg>`, []string{"<svg", "onload"}, nil},
		{"Form", `<form action="https://evil.example"><input name="p"></form>`, []string{"<form", "<input"}, nil},
		{"Link", `Programme : [le site](https://travail-emploi.gouv.fr/)`, nil,
			[]string{`href="https://travail-emploi.gouv.fr/"`, "noopener", "noreferrer"}},
		{"Prose", "# Titre\n\n- un\n- **deux**\n\n`code`", nil, []string{"<h1>Titre</h1>", "<li><strong>deux</strong></li>", "<code>code</code>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := r.Render(tc.src)
			low := strings.ToLower(got)
			for _, f := range tc.forbid {
				if strings.Contains(low, strings.ToLower(f)) {
					t.Errorf("Render(%q) = %q: contains %q", tc.src, got, f)
				}
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("Render(%q) = %q: lacks %q", tc.src, got, w)
				}
			}
		})
	}
}
