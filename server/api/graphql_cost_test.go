package api

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"

	"passerelles"
	"passerelles/resolvers"
	"passerelles/schema"
	"passerelles/seed"
	"passerelles/server/api/apitest"
	"passerelles/sqlite"
)

// issueDocument is the document of issue 7 (with the closing brace the issue's text
// lost): anonymous, within every document limit, it asked for 100⁴ skills and ran for the
// whole 15 s timeout.
const issueDocument = `{ skills(first:100){ edges{ node{ framework{ skills(first:100){ edges{ node{ framework{ skills(first:100){ edges{ node{ framework{ skills(first:100){ totalCount } } } } } } } } } } } } } }`

// costTestSchema builds the real schema (resolvers without services: nothing runs).
func costTestSchema(tb testing.TB) *graphql.Schema {
	tb.Helper()
	s, err := schema.New(resolvers.New(passerelles.Services{}))
	if err != nil {
		tb.Fatal(err)
	}
	return &s
}

var (
	seededSizesOnce sync.Once
	seededSizes     map[string]int
	seededSizesErr  error
)

// costTestReferentialSizes returns the sizes of the referentials' lists as the seed
// loads them (read once per test binary from a fresh database).
func costTestReferentialSizes(tb testing.TB) map[string]int {
	tb.Helper()
	seededSizesOnce.Do(func() {
		dir, err := os.MkdirTemp("", "passerelles-cost")
		if err != nil {
			seededSizesErr = err
			return
		}
		defer os.RemoveAll(dir)
		ctx := context.Background()
		db := sqlite.NewDB(filepath.Join(dir, "referentials.db"))
		if seededSizesErr = db.Open(ctx); seededSizesErr != nil {
			return
		}
		defer db.Close()
		svc := db.Services()
		if _, seededSizesErr = seed.LoadReferentials(ctx, svc); seededSizesErr != nil {
			return
		}
		seededSizes, seededSizesErr = ReadReferentialSizes(ctx, svc)
	})
	if seededSizesErr != nil {
		tb.Fatalf("referential sizes: %v", seededSizesErr)
	}
	return seededSizes
}

// costTestModel returns the cost model of the real schema over the seeded referentials.
func costTestModel(tb testing.TB) *CostModel {
	tb.Helper()
	m, err := NewCostModel(costTestSchema(tb), costTestReferentialSizes(tb))
	if err != nil {
		tb.Fatalf("NewCostModel: %v", err)
	}
	return m
}

// TestReadReferentialSizes reads the sizes of the seeded referentials: the facts the
// costs below are counted with.
func TestReadReferentialSizes(t *testing.T) {
	got := costTestReferentialSizes(t)
	want := map[string]int{
		"Query.frameworks": 2, "Framework.levels": 8, "Skill.levels": 8, "Framework.domains": 5,
		"Framework.skills": 40, "Domain.skills": 12, "Query.skills": 56, "Profile.skills": 56, "Profile.removedSkills": 56,
		"Query.roles": 33, "Role.requiredSkills": 6, "Role.transitionsFrom": 2, "Role.transitionsTo": 4,
		"Query.transitions": 22, "Profile.targetRoles": 20, "Query.ministries": 4, "Query.regions": 18, "Profile.mobilityRegions": 18,
		"Query.organisations": 79, "Profile.hiddenFromOrganisations": 20, "Query.grades": 5,
		"TalentFacets.ministries": 4, "TalentFacets.regions": 18, "TalentFacets.grades": 5,
		"RoleGap.skills": 6, "Query.closestRoles": 33,
	}
	for key, n := range want {
		if got[key] != n {
			t.Errorf("%s = %d, want %d", key, got[key], n)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d sizes, want %d: %v", len(got), len(want), got)
	}
}

// costTestParse parses and validates query as the handler does before pricing it.
func costTestParse(tb testing.TB, m *CostModel, query string) *ast.Document {
	tb.Helper()
	doc, err := parser.Parse(parser.ParseParams{Source: query})
	if err != nil {
		tb.Fatalf("parse: %v", err)
	}
	if err := CheckDocument(doc, DefaultDocumentLimits()); err != nil {
		tb.Fatalf("CheckDocument: %v", err)
	}
	if vr := graphql.ValidateDocument(m.schema, doc, nil); !vr.IsValid {
		tb.Fatalf("invalid document: %v", vr.Errors)
	}
	return doc
}

// TestCostModelSizesEveryList walks the schema from its roots, through every type a field
// leads to, and fails on a list field that the cost model cannot size: a plain list
// without a size, a connection without a bounded `first`, a list of lists. A list field
// added later fails here (and stops the server at start) until it gets its size.
func TestCostModelSizesEveryList(t *testing.T) {
	s := costTestSchema(t)
	m := costTestModel(t)
	seen := map[string]bool{}
	var walk func(obj *graphql.Object)
	walk = func(obj *graphql.Object) {
		if obj == nil || seen[obj.Name()] {
			return
		}
		seen[obj.Name()] = true
		for name, def := range obj.Fields() {
			key := obj.Name() + "." + name
			t.Run(key, func(t *testing.T) {
				switch shape := m.shape(obj, def); shape {
				case shapeList:
					inner := unwrapNonNull(unwrapNonNull(def.Type).(*graphql.List).OfType)
					if _, nested := inner.(*graphql.List); nested {
						t.Fatalf("%s is a list of lists", key)
					}
					if m.sizes[key] <= 0 {
						t.Fatalf("%s is a list without a size in the cost model", key)
					}
				case shapeConnection:
					if err := checkFirstArgument(def); err != nil {
						t.Fatalf("%s: %v", key, err)
					}
				case shapeEdges:
					if !isConnection(obj) {
						t.Fatalf("%s is sized by a connection it is not in", key)
					}
				}
			})
			if next, ok := graphql.GetNamed(def.Type).(*graphql.Object); ok {
				walk(next)
			}
		}
	}
	walk(s.QueryType())
	walk(s.MutationType())
	for _, name := range []string{"Profile", "DeclaredSkill", "Framework", "Role", "Community", "SkillConnection"} {
		if !seen[name] {
			t.Errorf("the walk did not reach %s", name)
		}
	}
}

// TestNewCostModelRefusesUnsizedLists builds schemas with a list the model cannot size.
func TestNewCostModelRefusesUnsizedLists(t *testing.T) {
	item := graphql.NewObject(graphql.ObjectConfig{Name: "Item", Fields: graphql.Fields{"id": {Type: graphql.ID}}})
	connection := graphql.NewObject(graphql.ObjectConfig{Name: "ItemConnection", Fields: graphql.Fields{
		"edges":    {Type: graphql.NewList(item)},
		"pageInfo": {Type: graphql.String},
	}})
	first := func(def any) graphql.FieldConfigArgument {
		return graphql.FieldConfigArgument{"first": {Type: graphql.Int, DefaultValue: def}}
	}
	for _, c := range []struct {
		name    string
		field   *graphql.Field
		sizes   map[string]int
		wantErr string // "" when the model accepts the schema
	}{
		{name: "SizedList", field: &graphql.Field{Type: graphql.NewList(item)}, sizes: map[string]int{"Query.items": 5}},
		{name: "ListWithoutSize", field: &graphql.Field{Type: graphql.NewList(item)}, wantErr: "Query.items: a plain list without a size"},
		{name: "NonNullListWithoutSize", field: &graphql.Field{Type: graphql.NewNonNull(graphql.NewList(graphql.String))},
			wantErr: "Query.items: a plain list without a size"},
		{name: "ListOfLists", field: &graphql.Field{Type: graphql.NewList(graphql.NewList(item))}, sizes: map[string]int{"Query.items": 5},
			wantErr: "Query.items: a list of lists"},
		{name: "Connection", field: &graphql.Field{Type: connection, Args: first(20)}},
		{name: "ConnectionWithoutFirst", field: &graphql.Field{Type: connection}, wantErr: "a connection without a first argument"},
		{name: "ConnectionFirstOverMax", field: &graphql.Field{Type: connection, Args: first(500)}, wantErr: "no default within 0…100"},
		{name: "StaleSize", field: &graphql.Field{Type: item}, sizes: map[string]int{"Query.items": 5},
			wantErr: "Query.items: sized but not a list of the schema"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, err := graphql.NewSchema(graphql.SchemaConfig{Query: graphql.NewObject(graphql.ObjectConfig{Name: "Query",
				Fields: graphql.Fields{"items": c.field}})})
			if err != nil {
				t.Fatal(err)
			}
			_, err = newCostModel(&s, c.sizes, nil)
			if c.wantErr == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Fatalf("error = %v, want one saying %q", err, c.wantErr)
			}
		})
	}
}

// TestCostOfDocuments prices documents whose costs were counted by hand: every field 1
// per object holding it, lists multiplied by their size (connections by `first`).
func TestCostOfDocuments(t *testing.T) {
	m := costTestModel(t)
	for _, c := range []struct {
		name      string
		query     string
		operation string
		variables map[string]any
		want      int64
	}{
		{name: "Typename", query: `{ __typename }`, want: 1},
		{name: "ConnectionTotalOnly", query: `{ roles { totalCount } }`, want: 2},
		// roles 1 + edges 1 + 5 × (node 1 + code 1)
		{name: "ConnectionLiteralFirst", query: `{ roles(first: 5) { edges { node { code } } } }`, want: 12},
		// absent first: the argument's default, 20
		{name: "ConnectionDefaultFirst", query: `{ roles { edges { node { code } } } }`, want: 42},
		{name: "ConnectionFirstZero", query: `{ myProfileViews(first: 0) { totalCount edges { node { at } } } }`, want: 3},
		{name: "ConnectionPageInfoOnce", query: `{ roles(first: 10) { pageInfo { hasNextPage endCursor } edges { cursor } } }`,
			want: 1 + (1 + 2) + 1 + 10},
		{name: "FirstFromVariable", query: `query($n: Int!) { myProfileViews(first: $n) { edges { node { at } } } }`,
			variables: map[string]any{"n": 3}, want: 8},
		{name: "FirstFromVariableDefault", query: `query($n: Int = 7) { myProfileViews(first: $n) { edges { node { at } } } }`, want: 16},
		{name: "FirstUnknownIsTheMaximum", query: `query($n: Int) { myProfileViews(first: $n) { edges { node { at } } } }`, want: 202},
		{name: "FirstVariableNotAnInt", query: `query($n: Int) { myProfileViews(first: $n) { edges { node { at } } } }`,
			variables: map[string]any{"n": "3"}, want: 202},
		// A connection over a referential returns what the referential holds at most: the
		// seed has 33 roles, 2 frameworks.
		{name: "ConnectionOverAReferential", query: `query($n: Int) { roles(first: $n) { edges { node { code } } } }`, want: 68},
		{name: "ConnectionOverASmallReferential", query: `{ frameworks(first: 50) { edges { node { code } } } }`, want: 6},
		// framework 1 + levels (1 + 8 levels × 2)
		{name: "PlainList", query: `{ framework(code: "pix") { levels { code label } } }`, want: 18},
		// me 1 + accessRoles (1 + 3 values of AccessRole)
		{name: "ListOfEnumValues", query: `{ me { accessRoles } }`, want: 5},
		// framework 1 + domains (1 + 5 × (skills 1 + edges 1 + 12 skills a domain at most × (node 1 + code 1)))
		{name: "NestedLists", query: `{ framework(code: "pix") { domains { skills(first: 100) { edges { node { code } } } } } }`,
			want: 1 + 1 + 5*(1+1+12*2)},
		// a profile read from the store weighs 70
		{name: "ProfileWeight", query: `{ profile(id: "1") { id } }`, want: 1 + 70 + 1},
		// the members of a community weigh 6 000 whatever the page: the window sorts them all
		{name: "MembersWeight", query: `{ community(code: "data") { members(first: 2) { totalCount } } }`, want: 1 + 1 + 6000 + 1},
		// the administrators' search of people weighs 15 000 whatever the page: it reads every
		// agent's folded name; users 1 + weight + edges 1 + 2 × (node 1 + id 1 + accessRoles (1 + 3 values))
		{name: "UsersWeight", query: `{ users(search: "dupont", first: 2) { edges { node { id accessRoles } } } }`,
			want: 1 + 15000 + 1 + 2*(1+1+1+3)},
		{name: "FragmentOnConnection", query: `{ ...F } fragment F on Query { frameworks(first: 2) { ...E } }
			fragment E on FrameworkConnection { totalCount edges { node { code } } }`, want: 1 + 2 + 2*2},
		{name: "InlineFragments", query: `{ frameworks(first: 2) { ... on FrameworkConnection { edges { node { ... on Framework { code } } } } } }`, want: 6},
		{name: "InlineFragmentWithoutType", query: `{ framework(code: "pix") { ... { code } } }`, want: 2},
		{name: "SameFragmentTwice", query: `{ a: framework(code: "pix") { ...L } b: framework(code: "ecf") { ...L } }
			fragment L on Framework { levels { code } }`, want: 2 * (1 + 1 + 8)},
		{name: "OnlyTheOperationThatRuns", query: `query Cheap { __typename } query Dear { skills(first: 100) { totalCount edges { node { id } } } }`,
			operation: "Cheap", want: 1},
		{name: "Mutation", query: `mutation { removeSkill(input: {skillId: "1"}) { skillId } }`, want: 2},
		// __type 1 + name 1 + fields (1 + 4 fields of Level × name 1): evaluated on the schema
		{name: "IntrospectionEvaluatedOnTheSchema", query: `{ __type(name: "Level") { name fields { name } } }`, want: 7},
		{name: "IntrospectionOfAnUnknownType", query: `{ __type(name: "Nope") { name fields { name } } }`, want: 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := costTestParse(t, m, c.query)
			got, err := m.Check(doc, c.operation, c.variables, 0, true)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Fatalf("cost = %d, want %d", got, c.want)
			}
		})
	}
}

// TestCostRefusals checks the documents the cost check refuses, and what it says.
func TestCostRefusals(t *testing.T) {
	m := costTestModel(t)
	limit := int64(DefaultDocumentLimits().MaxCost)
	for _, c := range []struct {
		name          string
		query         string
		variables     map[string]any
		introspection bool
		limit         int64  // the default bound when 0
		want          string // words of the message
	}{
		{name: "IssueDocument", query: issueDocument,
			want: "La partie la plus coûteuse est « skills > framework > skills > framework > skills > framework > skills »"},
		{name: "WideList", query: `{ communities(first: 100) { edges { node { members(first: 100) { edges { node { skills { skill { code } } } } } } } } }`,
			want: "« communities > members > skills »"},
		{name: "ThreeUserSearches", query: `{ a: users(search: "a") { totalCount } b: users(search: "b") { totalCount } c: users(search: "c") { totalCount } }`,
			want: "jusqu’à 45"},
		{name: "FirstOverMax", query: `{ roles(first: 101) { totalCount } }`, want: "l’argument « first » de « roles » va de 0 à 100 (reçu 101)."},
		{name: "FirstNegativeFromVariable", query: `query($n: Int) { skills(first: $n) { totalCount } }`, variables: map[string]any{"n": -1},
			want: "« first » de « skills » va de 0 à 100 (reçu -1)"},
		{name: "FirstOverMaxNested", query: `{ framework(code: "pix") { domains { skills(first: 1000) { totalCount } } } }`,
			want: "va de 0 à 100 (reçu 1000)"},
		{name: "IntrospectionOff", query: `{ __schema { queryType { name } } }`, want: "l’introspection du schéma (« __schema ») est désactivée"},
		{name: "IntrospectionTypeOff", query: `{ __type(name: "Skill") { name } }`, want: "(« __type ») est désactivée"},
		{name: "IntrospectionOffThroughAFragment", query: `{ ...F } fragment F on Query { __schema { types { name } } }`, want: "désactivée"},
		// The schema is small: an introspection document costs a few thousand values at
		// most, each evaluated on the schema; a low bound shows where it stops.
		{name: "IntrospectionBeyondTheBound", introspection: true, limit: 1000,
			query: `{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }`,
			want:  "« __schema > types > fields"},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := costTestParse(t, m, c.query)
			if c.limit == 0 {
				c.limit = limit
			}
			cost, err := m.Check(doc, "", c.variables, c.limit, c.introspection)
			var ce *CostError
			if !errors.As(err, &ce) {
				t.Fatalf("cost %d accepted (error %v), want a refusal", cost, err)
			}
			if !strings.Contains(ce.Message, c.want) {
				t.Fatalf("message %q does not say %q", ce.Message, c.want)
			}
		})
	}
}

// TestCostMemoisedFragments prices a fragment bomb — Fi spreads Fi+1 twice, 2⁴⁰ fields
// once expanded, which the document limits refuse first — with the document limits off:
// memoised, it is priced at once (saturated) and refused.
func TestCostMemoisedFragments(t *testing.T) {
	m := costTestModel(t)
	var b strings.Builder
	b.WriteString("{ ...F0 }\n")
	for i := range 40 {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	b.WriteString("fragment F40 on Query { frameworks { totalCount } }\n")
	doc, err := parser.Parse(parser.ParseParams{Source: b.String()})
	if err != nil {
		t.Fatal(err)
	}
	cost, err := m.Check(doc, "", nil, 1_000_000, true)
	if err == nil {
		t.Fatalf("the bomb was accepted at cost %d", cost)
	}
	if cost < 1<<40 {
		t.Fatalf("cost = %d, want at least 2⁴⁰ (saturated)", cost)
	}
}

// TestCostOfIntrospectionAndSPA checks that what must run still runs under the default
// bound: the canonical introspection query (GraphiQL, in development) and every document
// of the SPA (as GraphQL Code Generator's client preset writes them, fragments included,
// in frontend/src/gql/graphql.ts) with its variables unknown (so `first` at its maximum).
func TestCostOfIntrospectionAndSPA(t *testing.T) {
	m := costTestModel(t)
	limit := int64(DefaultDocumentLimits().MaxCost)
	cost, err := m.Check(costTestParse(t, m, apitest.IntrospectionQuery), "", nil, limit, true)
	if err != nil {
		t.Fatalf("the introspection query is refused: %v", err)
	}
	t.Logf("introspection query: cost %d of %d", cost, limit)
	src, err := os.ReadFile("../../frontend/src/gql/graphql.ts")
	if err != nil {
		t.Fatal(err)
	}
	docs := regexp.MustCompile("(?s)Document = new TypedDocumentString\\(`(.*?)`").FindAllStringSubmatch(string(src), -1)
	if len(docs) < 10 {
		t.Fatalf("found %d documents in frontend/src/gql/graphql.ts, want the SPA's", len(docs))
	}
	for _, d := range docs {
		name := regexp.MustCompile(`(?:query|mutation) (\w+)`).FindStringSubmatch(d[1])
		if name == nil {
			t.Fatalf("document without a name: %s", d[1])
		}
		t.Run(name[1], func(t *testing.T) {
			cost, err := m.Check(costTestParse(t, m, d[1]), "", nil, limit, false)
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			t.Logf("cost %d of %d", cost, limit)
		})
	}
}
