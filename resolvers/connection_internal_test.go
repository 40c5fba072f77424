package resolvers

import (
	"testing"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"
)

// TestSelectsFieldHonoursDirectives parses documents and checks that a field under
// @skip/@include counts as selected only when it is executed: the talent page asks for
// facets with @include(if: $facets), and counting them on every page was a third of a
// search's work.
func TestSelectsFieldHonoursDirectives(t *testing.T) {
	for _, c := range []struct {
		name string
		doc  string
		vars map[string]any
		want bool
	}{
		{"plain", `{ searchTalent { facets { regions { count } } } }`, nil, true},
		{"absent", `{ searchTalent { totalCount } }`, nil, false},
		{"include variable false", `query($f: Boolean!) { searchTalent { facets @include(if: $f) { regions { count } } } }`, map[string]any{"f": false}, false},
		{"include variable true", `query($f: Boolean!) { searchTalent { facets @include(if: $f) { regions { count } } } }`, map[string]any{"f": true}, true},
		{"skip literal", `{ searchTalent { facets @skip(if: true) { regions { count } } } }`, nil, false},
		{"skip literal false", `{ searchTalent { facets @skip(if: false) { regions { count } } } }`, nil, true},
		{"both, skipped", `query($f: Boolean!) { searchTalent { facets @include(if: true) @skip(if: $f) { regions { count } } } }`, map[string]any{"f": true}, false},
		{"spread skipped", `query($f: Boolean!) { searchTalent { ...F @include(if: $f) } } fragment F on TalentConnection { facets { regions { count } } }`, map[string]any{"f": false}, false},
		{"spread kept", `query($f: Boolean!) { searchTalent { ...F @include(if: $f) } } fragment F on TalentConnection { facets { regions { count } } }`, map[string]any{"f": true}, true},
		{"inline skipped", `{ searchTalent { ... @skip(if: true) { facets { regions { count } } } } }`, nil, false},
		{"inline kept", `{ searchTalent { ... on TalentConnection { facets { regions { count } } } } }`, nil, true},
		// As graphql-go executes them: the last of each directive counts, and a null
		// argument excludes nothing.
		{"include twice, last true", `{ searchTalent { facets @include(if: false) @include(if: true) { regions { count } } } }`, nil, true},
		{"include twice, last false", `{ searchTalent { facets @include(if: true) @include(if: false) { regions { count } } } }`, nil, false},
		{"skip twice, last false", `{ searchTalent { facets @skip(if: true) @skip(if: false) { regions { count } } } }`, nil, true},
		{"include null variable", `query($f: Boolean = true) { searchTalent { facets @include(if: $f) { regions { count } } } }`, map[string]any{"f": nil}, true},
		{"skip null variable", `query($f: Boolean = true) { searchTalent { facets @skip(if: $f) { regions { count } } } }`, map[string]any{"f": nil}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc, err := parser.Parse(parser.ParseParams{Source: c.doc})
			if err != nil {
				t.Fatal(err)
			}
			var op *ast.OperationDefinition
			fragments := map[string]ast.Definition{}
			for _, d := range doc.Definitions {
				switch d := d.(type) {
				case *ast.OperationDefinition:
					op = d
				case *ast.FragmentDefinition:
					fragments[d.Name.Value] = d
				}
			}
			field := op.SelectionSet.Selections[0].(*ast.Field)
			p := graphql.ResolveParams{Info: graphql.ResolveInfo{FieldASTs: []*ast.Field{field}, Fragments: fragments, VariableValues: c.vars}}
			if got := selectsField(p, "facets"); got != c.want {
				t.Fatalf("selectsField(facets) = %v, want %v", got, c.want)
			}
		})
	}
}
