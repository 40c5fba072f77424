package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"
)

// RouteTable is the SPA's route table as the server knows it: the patterns of
// frontend/src/routes.json, the file that the SPA's routes.ts imports too, so that the
// table lives once. The SPA answers 404 to a path that matches none, while still sending
// the page, which shows « Page introuvable ».
type RouteTable struct {
	patterns [][]string // each pattern's segments; ":name" is a parameter
}

// ParseRouteTable reads routes.json: an object whose entries, in order, are routes
// {"pattern": "/referentiels/:code", "requiresAuth": true}. A pattern starts with "/";
// its segments are names or parameters (":code").
func ParseRouteTable(data []byte) (RouteTable, error) {
	var entries map[string]struct {
		Pattern      string `json:"pattern"`
		RequiresAuth bool   `json:"requiresAuth"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&entries); err != nil {
		return RouteTable{}, fmt.Errorf("spa: read route table: %w", err)
	}
	if len(entries) == 0 {
		return RouteTable{}, fmt.Errorf("spa: read route table: no route")
	}
	var t RouteTable
	for name, e := range entries {
		if !strings.HasPrefix(e.Pattern, "/") {
			return RouteTable{}, fmt.Errorf("spa: route %s: pattern %q does not start with /", name, e.Pattern)
		}
		segments, ok := splitPath(e.Pattern)
		if !ok {
			return RouteTable{}, fmt.Errorf("spa: route %s: pattern %q is not a path", name, e.Pattern)
		}
		for _, s := range segments {
			if s == ":" {
				return RouteTable{}, fmt.Errorf("spa: route %s: pattern %q has a parameter without a name", name, e.Pattern)
			}
		}
		t.patterns = append(t.patterns, segments)
	}
	return t, nil
}

// Match reports whether a route matches escapedPath (a request's URL.EscapedPath()), as
// the SPA's matchRoute (frontend/src/router.tsx) matches: empty segments and a trailing
// slash are ignored, each segment is percent-decoded after the split (so that "%2F" stays
// within its segment), a segment that does not decode to UTF-8 matches nothing, a
// parameter matches any segment.
func (t RouteTable) Match(escapedPath string) bool {
	segments, ok := splitPath(escapedPath)
	if !ok {
		return false
	}
	for _, pattern := range t.patterns {
		if len(pattern) == len(segments) && matchSegments(pattern, segments) {
			return true
		}
	}
	return false
}

func matchSegments(pattern, segments []string) bool {
	for i, part := range pattern {
		if !strings.HasPrefix(part, ":") && part != segments[i] {
			return false
		}
	}
	return true
}

// splitPath splits a path on "/" as the SPA does: empty segments dropped, the others
// percent-decoded as decodeURIComponent would (which fails on invalid UTF-8).
func splitPath(p string) ([]string, bool) {
	var out []string
	for _, s := range strings.Split(p, "/") {
		if s == "" {
			continue
		}
		d, err := url.PathUnescape(s)
		if err != nil || !utf8.ValidString(d) {
			return nil, false
		}
		out = append(out, d)
	}
	return out, true
}
