package markdown

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// PlainText reduces the HTML that Render made to its text, for places that show no HTML
// (the DESCRIPTION of a calendar file): paragraphs and headings separated by a blank line,
// each list item on a line of its own (« - », or its number in an ordered list; a nested
// list indented), a link as « texte (https://…) » (the address alone when it is the text),
// quotes and code as their text, no emphasis marker. It reads Render's output rather than
// the Markdown source, so that what the page drops (raw HTML, a javascript: link) is
// dropped here too, and entities come out decoded.
func PlainText(rendered string) string {
	nodes, err := html.ParseFragment(strings.NewReader(rendered), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return ""
	}
	var blocks []string
	var loose strings.Builder // inline content outside any block (Render wraps it in p)
	flush := func() {
		if s := collapse(loose.String()); s != "" {
			blocks = append(blocks, s)
		}
		loose.Reset()
	}
	for _, n := range nodes {
		if isBlock(n) {
			flush()
			blocks = appendBlock(blocks, n)
			continue
		}
		loose.WriteString(inline(n))
	}
	flush()
	return strings.Join(blocks, "\n\n")
}

// isBlock reports whether n is one of the block elements that Render writes.
func isBlock(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.Data {
	case "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "hr":
		return true
	}
	return false
}

// appendBlock appends the text of the block n to blocks (none for an empty one).
func appendBlock(blocks []string, n *html.Node) []string {
	var s string
	switch n.Data {
	case "blockquote":
		var inner []string
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if isBlock(c) {
				inner = appendBlock(inner, c)
			} else if t := collapse(inline(c)); t != "" {
				inner = append(inner, t)
			}
		}
		s = strings.Join(inner, "\n\n")
	case "pre":
		s = strings.TrimRight(textOf(n), "\n")
	case "ul", "ol":
		s = strings.Join(listLines(n), "\n")
	case "hr":
	default:
		s = collapse(inline(n))
	}
	if strings.TrimSpace(s) == "" {
		return blocks
	}
	return append(blocks, s)
}

// listLines returns one line per item of the list n (more when an item holds several
// paragraphs or a nested list, indented under it).
func listLines(n *html.Node) []string {
	number := 1
	if v, err := strconv.Atoi(attr(n, "start")); err == nil {
		number = v
	}
	var lines []string
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		if li.Type != html.ElementNode || li.Data != "li" {
			continue
		}
		marker := "- "
		if n.Data == "ol" {
			marker = strconv.Itoa(number) + ". "
			number++
		}
		var item []string
		var text strings.Builder
		flush := func() {
			if s := collapse(text.String()); s != "" {
				item = append(item, strings.Split(s, "\n")...)
			}
			text.Reset()
		}
		for c := li.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.ElementNode && (c.Data == "ul" || c.Data == "ol"):
				flush()
				for _, l := range listLines(c) {
					item = append(item, "  "+l)
				}
			case isBlock(c):
				flush()
				for _, b := range appendBlock(nil, c) {
					item = append(item, strings.Split(b, "\n")...)
				}
			default:
				text.WriteString(inline(c))
			}
		}
		flush()
		if len(item) == 0 {
			item = []string{""}
		}
		for i, l := range item {
			if i == 0 {
				lines = append(lines, strings.TrimRight(marker+l, " "))
			} else if strings.HasPrefix(l, "  ") {
				lines = append(lines, l) // a nested list, already indented
			} else {
				lines = append(lines, "  "+l)
			}
		}
	}
	return lines
}

// hardBreak stands for a <br> in inline text until collapse writes it as a line break:
// the "\n" of the HTML source are soft breaks, spaces on the page.
const hardBreak = "\x00"

// inline returns the text of inline content: a link followed by its address, a line
// break as hardBreak, everything else as its text.
func inline(n *html.Node) string {
	switch n.Type {
	case html.TextNode:
		return n.Data
	case html.ElementNode:
	default:
		return ""
	}
	switch n.Data {
	case "br":
		return hardBreak
	case "a":
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			b.WriteString(inline(c))
		}
		text := collapse(b.String())
		href := attr(n, "href")
		switch {
		case href == "":
			return b.String()
		case text == "":
			return href
		case text == href || "mailto:"+text == href || "http://"+text == href:
			return b.String() // an autolink: the text is the address
		}
		return b.String() + " (" + href + ")"
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(inline(c))
	}
	return b.String()
}

// textOf returns the text of n as it is (a code block keeps its lines and spaces).
func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

// collapse writes inline text as a page shows it: each run of spaces and line breaks of
// the source as one space, hard breaks as line breaks, no space at either end.
func collapse(s string) string {
	lines := strings.Split(s, hardBreak)
	out := lines[:0]
	for _, l := range lines {
		out = append(out, strings.Join(strings.Fields(l), " "))
	}
	return strings.Trim(strings.Join(out, "\n"), "\n ")
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}
