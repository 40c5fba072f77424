// Package markdown renders the Markdown that people write in Passerelles (event
// descriptions) as HTML that is safe to put in a page: goldmark parses CommonMark without
// raw HTML, and bluemonday keeps only the elements and attributes of prose, whatever
// goldmark let through.
package markdown

import (
	"bytes"
	"regexp"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// Renderer turns Markdown into sanitized HTML. It is safe for concurrent use.
type Renderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
}

// New returns a renderer: CommonMark with strikethrough and autolinks — no tables, whose
// missing cells goldmark fills (a short description of many columns and bare rows rendered
// to tens of megabytes: review of issue 10); raw HTML
// is never rendered (goldmark's default, without html.WithUnsafe), and the output goes
// through a policy that allows the elements of prose only (paragraphs, headings, lists,
// emphasis, code, quotes, links) with http, https and mailto links only, which
// get rel="noopener noreferrer nofollow" and open in a new tab. No script, style, image,
// frame, form, event handler attribute, style attribute nor javascript: or data: URL
// survives.
func New() *Renderer {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "del",
		"code", "pre", "blockquote")
	p.AllowAttrs("start").Matching(regexp.MustCompile(`^[0-9]+$`)).OnElements("ol")
	p.AllowAttrs("href").OnElements("a")
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true) // adds rel="noopener" with target="_blank"
	p.RequireNoFollowOnFullyQualifiedLinks(true)
	return &Renderer{
		md:     goldmark.New(goldmark.WithExtensions(extension.Strikethrough, extension.Linkify)),
		policy: p,
	}
}

// Render returns the HTML of src. Markdown never fails to parse; should the renderer fail
// anyway, the text is returned escaped, as plain text.
func (r *Renderer) Render(src string) string {
	var buf bytes.Buffer
	if err := r.md.Convert([]byte(src), &buf); err != nil {
		return r.policy.Sanitize("<p>" + bluemonday.StrictPolicy().Sanitize(src) + "</p>")
	}
	return string(r.policy.SanitizeBytes(buf.Bytes()))
}
