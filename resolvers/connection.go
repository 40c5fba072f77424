package resolvers

import (
	"encoding/base64"
	"slices"
	"strconv"
	"strings"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"

	"passerelles"
)

// Connection is a Relay connection: one page of a list.
type Connection struct {
	Edges      []Edge
	PageInfo   PageInfo
	TotalCount int
}

// Edge is one item of a connection and its cursor.
type Edge struct {
	Cursor string
	Node   any
}

// PageInfo tells whether more items come before or after the page.
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     *string
	EndCursor       *string
}

const cursorPrefix = "offset:"

// maxCursorOffset is the largest offset a cursor may carry; no list comes near it.
const maxCursorOffset = 1<<31 - 1

func encodeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(offset)))
}

func decodeCursor(c string) (int, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil && strings.HasPrefix(string(b), cursorPrefix) {
		// The bound keeps offset+1 and offset+limit far from overflow: a forged cursor
		// such as "offset:9223372036854775807" would otherwise wrap to a negative offset.
		if n, err := strconv.Atoi(strings.TrimPrefix(string(b), cursorPrefix)); err == nil && n >= 0 && n <= maxCursorOffset {
			return n, nil
		}
	}
	return 0, passerelles.Errorf(passerelles.EINVALID, "Le curseur de pagination « after » est invalide.")
}

// pageArgs reads the `first` and `after` arguments of a connection field.
func pageArgs(p graphql.ResolveParams) (passerelles.Page, error) {
	page := passerelles.Page{Limit: passerelles.DefaultPageSize}
	if v, ok := p.Args["first"].(int); ok {
		if v < 0 || v > passerelles.MaxPageSize {
			return page, passerelles.Errorf(passerelles.EINVALID, "L’argument « first » va de 0 à %d.", passerelles.MaxPageSize)
		}
		page.Limit = v
	}
	if v, ok := p.Args["after"].(string); ok && v != "" {
		off, err := decodeCursor(v)
		if err != nil {
			return page, err
		}
		page.Offset = off + 1
	}
	return page, nil
}

// newConnection builds a connection from one page of nodes found at page.Offset.
func newConnection[T any](nodes []T, page passerelles.Page, total int) *Connection {
	c := &Connection{TotalCount: total, Edges: make([]Edge, len(nodes))}
	for i, n := range nodes {
		c.Edges[i] = Edge{Cursor: encodeCursor(page.Offset + i), Node: n}
	}
	c.PageInfo.HasPreviousPage = page.Offset > 0
	c.PageInfo.HasNextPage = page.Offset+len(nodes) < total
	if len(nodes) > 0 {
		start, end := c.Edges[0].Cursor, c.Edges[len(nodes)-1].Cursor
		c.PageInfo.StartCursor, c.PageInfo.EndCursor = &start, &end
	}
	return c
}

// sliceConnection pages through a list already in memory.
func sliceConnection[T any](all []T, page passerelles.Page) *Connection {
	start := min(page.Offset, len(all))
	end := min(start+page.Limit, len(all))
	return newConnection(all[start:end], passerelles.Page{Offset: start, Limit: page.Limit}, len(all))
}

// queryPage runs a paged query for a connection field: find gets the page to fetch.
func queryPage[T any](p graphql.ResolveParams, find func(page passerelles.Page) ([]T, int, error)) (any, error) {
	page, err := pageArgs(p)
	if err != nil {
		return nil, err
	}
	if page.Limit == 0 {
		// first: 0 asks only for the total.
		_, total, err := find(passerelles.Page{Offset: page.Offset, Limit: 1})
		if err != nil {
			return nil, err
		}
		return newConnection([]T{}, page, total), nil
	}
	nodes, total, err := find(page)
	if err != nil {
		return nil, err
	}
	return newConnection(nodes, page, total), nil
}

// findAll pages through a whole list for a batch load (a batch may hold more than one page).
func findAll[T any](find func(page passerelles.Page) ([]T, int, error)) ([]T, error) {
	var all []T
	for offset := 0; ; offset += passerelles.MaxPageSize {
		items, total, err := find(passerelles.Page{Offset: offset, Limit: passerelles.MaxPageSize})
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		if len(items) == 0 || offset+len(items) >= total {
			return all, nil
		}
	}
}

// selectsItems reports whether the connection field p resolves selects its items (edges
// or pageInfo), fragments included; a connection asked for its totalCount only need not
// read the items.
func selectsItems(p graphql.ResolveParams) bool { return selectsField(p, "edges", "pageInfo") }

// selectsField reports whether the field p resolves selects one of names directly,
// fragments included.
func selectsField(p graphql.ResolveParams, names ...string) bool {
	var walk func(set *ast.SelectionSet, depth int) bool
	walk = func(set *ast.SelectionSet, depth int) bool {
		if set == nil || depth > 32 {
			return false
		}
		for _, sel := range set.Selections {
			switch s := sel.(type) {
			case *ast.Field:
				if s != nil && s.Name != nil && slices.Contains(names, s.Name.Value) && included(p, s.Directives) {
					return true
				}
			case *ast.InlineFragment:
				if s != nil && included(p, s.Directives) && walk(s.SelectionSet, depth+1) {
					return true
				}
			case *ast.FragmentSpread:
				if s == nil || s.Name == nil || !included(p, s.Directives) {
					continue
				}
				if f, ok := p.Info.Fragments[s.Name.Value].(*ast.FragmentDefinition); ok && walk(f.SelectionSet, depth+1) {
					return true
				}
			}
		}
		return false
	}
	for _, f := range p.Info.FieldASTs {
		if f != nil && walk(f.SelectionSet, 0) {
			return true
		}
	}
	return false
}

// included reports whether a selection with directives is executed, by graphql-go's own
// rule (shouldIncludeNode in its executor), which this must follow exactly — a field it
// executes but that was judged skipped here resolves to null, and a non-null one fails
// the whole answer: the last @skip and the last @include count (the spec's rule that a
// directive appears once per location is not checked by graphql-go v0.8.1); @skip
// excludes when its argument is true, @include when it is false, a null argument (a
// nullable variable) excludes nothing. The argument is written in the document or given
// as a variable (the talent page asks for facets on its first page only, with
// @include(if: $facets): counting them for every page cost a third of a search).
func included(p graphql.ResolveParams, directives []*ast.Directive) bool {
	var skip, include *ast.Directive
	for _, d := range directives {
		if d == nil || d.Name == nil {
			continue
		}
		switch d.Name.Value {
		case "skip":
			skip = d
		case "include":
			include = d
		}
	}
	if v, ok := directiveIf(p, skip); ok && v {
		return false
	}
	if v, ok := directiveIf(p, include); ok && !v {
		return false
	}
	return true
}

// directiveIf returns the boolean argument « if » of d, and whether it is one.
func directiveIf(p graphql.ResolveParams, d *ast.Directive) (value, ok bool) {
	if d == nil {
		return false, false
	}
	for _, a := range d.Arguments {
		if a == nil || a.Name == nil || a.Name.Value != "if" {
			continue
		}
		switch v := a.Value.(type) {
		case *ast.BooleanValue:
			return v.Value, true
		case *ast.Variable:
			if v.Name != nil {
				value, ok = p.Info.VariableValues[v.Name.Value].(bool)
				return value, ok
			}
		}
	}
	return false, false
}
