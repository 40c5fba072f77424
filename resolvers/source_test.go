package resolvers_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphql-go/graphql"

	"passerelles"
	"passerelles/resolvers"
)

// TestSourceOfAnotherType checks that a parent of an unexpected type is an error outside
// the domain's codes (the handler logs it with the request id and answers INTERNAL), not a
// panic.
func TestSourceOfAnotherType(t *testing.T) {
	parent := graphql.NewObject(graphql.ObjectConfig{Name: "Profile", Fields: graphql.Fields{"id": {Type: graphql.ID}}})
	for _, tc := range []struct {
		name   string
		source any
	}{
		{"Nil", nil},
		{"OtherType", "not a profile"},
		{"ValueInsteadOfPointer", passerelles.Profile{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := graphql.ResolveParams{Source: tc.source, Info: graphql.ResolveInfo{FieldName: "id", ParentType: parent}}
			got, err := resolvers.Source[*passerelles.Profile](p)
			if err == nil || got != nil {
				t.Fatalf("Source = %v, %v; want an error", got, err)
			}
			if code := passerelles.ErrorCode(err); code != passerelles.EINTERNAL {
				t.Fatalf("code %s, want INTERNAL", code)
			}
			if !strings.Contains(err.Error(), "Profile.id") {
				t.Fatalf("error %q does not name the field", err)
			}
		})
	}
	p := graphql.ResolveParams{Source: &passerelles.Profile{}}
	if got, err := resolvers.Source[*passerelles.Profile](p); err != nil || got != p.Source {
		t.Fatalf("Source of the right type = %v, %v", got, err)
	}
}

// TestNoUncheckedTypeAssertions fails for a type assertion without its ok result (x.(T)
// alone panics when x is not a T) in the resolvers and the schema: parents are read with
// Source, arguments with `v, ok :=` or `v, _ :=`.
func TestNoUncheckedTypeAssertions(t *testing.T) {
	fset := token.NewFileSet()
	checked := 0
	for _, dir := range []string{".", "../schema"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			checked++
			for _, pos := range uncheckedAssertions(f) {
				t.Errorf("%s: unchecked type assertion; use resolvers.Source or the two-value form", fset.Position(pos))
			}
		}
	}
	if checked < 10 {
		t.Fatalf("only %d files checked", checked)
	}
}

// uncheckedAssertions returns the positions of the type assertions of f that neither give
// an ok result nor switch on the type.
func uncheckedAssertions(f *ast.File) []token.Pos {
	ok := map[*ast.TypeAssertExpr]bool{}
	var out []token.Pos
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
				if ta, is := ast.Unparen(n.Rhs[0]).(*ast.TypeAssertExpr); is {
					ok[ta] = true
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == 2 && len(n.Values) == 1 {
				if ta, is := ast.Unparen(n.Values[0]).(*ast.TypeAssertExpr); is {
					ok[ta] = true
				}
			}
		case *ast.TypeAssertExpr:
			if n.Type != nil && !ok[n] { // n.Type == nil: x.(type) in a type switch
				out = append(out, n.Pos())
			}
		}
		return true
	})
	return out
}
