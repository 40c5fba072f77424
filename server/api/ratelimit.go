package api

import (
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/graphql-go/graphql/language/ast"

	"passerelles/server/web"
)

// codeRateLimited is the extensions.code of a request refused by a rate limit. It is not a
// domain error code: no domain rule refuses it, the edge does.
const codeRateLimited = "RATE_LIMITED"

// RefuseJSON answers a limited API request (GraphQL, export) in the shape of GraphQL errors.
func RefuseJSON(w http.ResponseWriter, r *http.Request, retryAfter time.Duration) {
	web.WriteJSON(w, http.StatusTooManyRequests, graphQLResponse{Errors: []graphQLError{{
		Message: "Vous avez fait beaucoup de demandes en peu de temps : réessayez dans " + web.InFrench(retryAfter) + ".",
		Extensions: map[string]any{"code": codeRateLimited, "requestId": web.RequestIDFrom(r.Context()),
			"retryAfter": int(math.Ceil(retryAfter.Seconds()))}}}})
}

// rootFields returns the fields that op runs at its root, by response key (alias, else
// name), through its fragments and inline fragments: graphql-go runs one field per
// response key, so that a field repeated under one key runs once, and each alias runs
// again. Directives (@skip, @include) are not evaluated: a field that may run counts.
// Meta fields (__typename) are left out.
func rootFields(doc *ast.Document, op *ast.OperationDefinition) map[string]string {
	out := map[string]string{}
	if op == nil {
		return out
	}
	fragments := map[string]*ast.FragmentDefinition{}
	for _, d := range doc.Definitions {
		if f, ok := d.(*ast.FragmentDefinition); ok && f != nil && f.Name != nil {
			fragments[f.Name.Value] = f
		}
	}
	visited := map[string]bool{} // a fragment spread twice runs its fields once
	var walk func(set *ast.SelectionSet)
	walk = func(set *ast.SelectionSet) {
		if set == nil {
			return
		}
		for _, sel := range set.Selections {
			switch s := sel.(type) {
			case *ast.Field:
				if s == nil || s.Name == nil || strings.HasPrefix(s.Name.Value, "__") {
					continue
				}
				key := s.Name.Value
				if s.Alias != nil && s.Alias.Value != "" {
					key = s.Alias.Value
				}
				out[key] = s.Name.Value
			case *ast.InlineFragment:
				if s != nil {
					walk(s.SelectionSet)
				}
			case *ast.FragmentSpread:
				if s == nil || s.Name == nil || visited[s.Name.Value] || fragments[s.Name.Value] == nil {
					continue
				}
				visited[s.Name.Value] = true
				walk(fragments[s.Name.Value].SelectionSet)
			}
		}
	}
	walk(op.SelectionSet)
	return out
}

// rateLimitedFields counts what the operation runs that a rate limit counts: each mutation
// field of a mutation, each exportMyData field of a query (the same export as GET
// /me/export.json, whose limit it shares).
func rateLimitedFields(doc *ast.Document, op *ast.OperationDefinition) (mutations, exports int) {
	if op == nil {
		return 0, 0
	}
	for _, name := range rootFields(doc, op) {
		switch {
		case op.Operation == ast.OperationTypeMutation:
			mutations++
		case op.Operation == ast.OperationTypeQuery && name == exportField:
			exports++
		}
	}
	return mutations, exports
}

// exportField is the root query field that builds the same export as GET /me/export.json.
const exportField = "exportMyData"
