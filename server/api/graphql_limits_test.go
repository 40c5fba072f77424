package api

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/graphql-go/graphql/language/lexer"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"
	"github.com/graphql-go/graphql/testutil"

	"passerelles/server/api/apitest"
)

// These tests never hand a cyclic document to graphql-go's validator: it
// would overflow the stack and kill the test binary (graphql-go/graphql#742).

// limitsTestNestedFields returns "{ f { f { … } } }" with n nested fields.
func limitsTestNestedFields(n int) string {
	return strings.Repeat("{ f ", n) + strings.Repeat("}", n)
}

// limitsTestFragmentChain returns a query spreading F1, where Fi selects a
// field containing a spread of Fi+1, up to Fn: depth n+1.
func limitsTestFragmentChain(n int) string {
	var b strings.Builder
	b.WriteString("{ ...F1 }\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "fragment F%d on T { f { ...F%d } }\n", i, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on T { f }\n", n)
	return b.String()
}

// limitsTestDoublingBomb returns a query where Fi spreads Fi+1 twice, n
// levels deep: 2^n fields once expanded.
func limitsTestDoublingBomb(n int, withOperation bool) string {
	var b strings.Builder
	if withOperation {
		b.WriteString("{ ...F0 }\n")
	} else {
		b.WriteString("{ a }\n")
	}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "fragment F%d on T { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on T { a }\n", n)
	return b.String()
}

// limitsTestDiamondBomb returns a bomb with distinct names, the shape that
// makes graphql-go's overlapping-fields rule exponential even though it
// de-duplicates spreads within one selection set: Li and Ri both spread
// Li+1 and Ri+1.
func limitsTestDiamondBomb(n int) string {
	var b strings.Builder
	b.WriteString("{ ...L0 }\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "fragment L%d on T { ...L%d ...R%d }\n", i, i+1, i+1)
		fmt.Fprintf(&b, "fragment R%d on T { ...L%d ...R%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment L%d on T { a }\nfragment R%d on T { b }\n", n, n)
	return b.String()
}

// limitsTestAliases returns "{ a0: f a1: f … }" with n aliased fields.
func limitsTestAliases(n int) string {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, " a%d: f", i)
	}
	b.WriteString(" }")
	return b.String()
}

// limitsTestCheck runs the whole guard: text check, parse, document check.
func limitsTestCheck(t *testing.T, query string, l DocumentLimits) error {
	t.Helper()
	if err := CheckQueryText(query, l); err != nil {
		return err
	}
	doc, err := parser.Parse(parser.ParseParams{Source: query})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return CheckDocument(doc, l)
}

func TestDefaultDocumentLimits(t *testing.T) {
	l := DefaultDocumentLimits()
	for _, c := range []struct {
		name string
		got  int
	}{
		{"MaxBytes", l.MaxBytes},
		{"MaxDepth", l.MaxDepth},
		{"MaxFields", l.MaxFields},
		{"MaxAliases", l.MaxAliases},
		{"MaxTokens", l.MaxTokens},
		{"MaxOperations", l.MaxOperations},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.got <= 0 {
				t.Errorf("%s = %d, want a positive limit", c.name, c.got)
			}
		})
	}
}

func TestCheckQueryText(t *testing.T) {
	def := DefaultDocumentLimits()
	small := DocumentLimits{MaxBytes: 100, MaxDepth: 4, MaxTokens: 10}
	cases := []struct {
		name    string
		query   string
		limits  DocumentLimits
		wantErr string // "" means accepted
	}{
		{
			name:   "simple query",
			query:  `{ me { id name } }`,
			limits: def,
		},
		{
			name:   "introspection",
			query:  apitest.IntrospectionQuery,
			limits: def,
		},
		{
			name:    "too large",
			query:   "{ " + strings.Repeat("a ", 60) + "}",
			limits:  small,
			wantErr: "le document fait 123 octets, pour 100 au plus.",
		},
		{
			name:   "tokens at the limit",
			query:  `query($a: Int) { f }`, // query ( $ a : Int ) { f }
			limits: small,
		},
		{
			name:    "tokens over the limit",
			query:   `query Q($a: Int) { f }`,
			limits:  small,
			wantErr: "le document compte trop d’éléments lexicaux (noms, signes, valeurs) : 10 au plus.",
		},
		{
			name:    "too many tokens",
			query:   "{" + strings.Repeat(" a", 6000) + " }",
			limits:  def,
			wantErr: "le document compte trop d’éléments lexicaux (noms, signes, valeurs) : 5\u202f000 au plus.",
		},
		{
			name:    "text nesting 10000 deep",
			query:   strings.Repeat("{", 10000),
			limits:  def,
			wantErr: "le texte imbrique trop d’accolades, de parenthèses ou de crochets : 31 niveaux au plus.",
		},
		{
			name:    "list value nesting",
			query:   "{ f(a: " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + ") }",
			limits:  def,
			wantErr: "le texte imbrique trop d’accolades, de parenthèses ou de crochets : 31 niveaux au plus.",
		},
		{
			name:    "nesting with zero limits still bounded",
			query:   strings.Repeat("[", 10000),
			limits:  DocumentLimits{},
			wantErr: "le texte imbrique trop d’accolades, de parenthèses ou de crochets : 512 niveaux au plus.",
		},
		{
			name:   "nesting at the limit",
			query:  strings.Repeat("{", 17) + strings.Repeat("}", 17),
			limits: DocumentLimits{MaxDepth: 1},
		},
		{
			name:    "nesting over the limit",
			query:   strings.Repeat("{", 18) + strings.Repeat("}", 18),
			limits:  DocumentLimits{MaxDepth: 1},
			wantErr: "le texte imbrique trop d’accolades, de parenthèses ou de crochets : 17 niveaux au plus.",
		},
		{
			name:   "braces in string",
			query:  `{ f(a: "` + strings.Repeat("{", 100) + `") }`,
			limits: def,
		},
		{
			name:   "escaped quote in string",
			query:  `{ f(a: "\"` + strings.Repeat("{[(", 50) + `\\") }`,
			limits: def,
		},
		{
			name:   "braces in block string",
			query:  `{ f(a: """ " "" \""" ` + strings.Repeat("{", 100) + ` """) }`,
			limits: def,
		},
		{
			name:   "braces in comment",
			query:  "# " + strings.Repeat("{", 100) + "\n{ f # " + strings.Repeat("[", 100) + "\r}",
			limits: def,
		},
		{
			name:    "braces after a closed string are counted",
			query:   `{ f(a: "x") ` + strings.Repeat("{", 40),
			limits:  def,
			wantErr: "le texte imbrique trop d’accolades, de parenthèses ou de crochets : 31 niveaux au plus.",
		},
		{
			name:    "braces after a comment line are counted",
			query:   "# c\n" + strings.Repeat("{", 40),
			limits:  def,
			wantErr: "le texte imbrique trop d’accolades, de parenthèses ou de crochets : 31 niveaux au plus.",
		},
		{
			name:    "unterminated string stops at line end",
			query:   "{ f(a: \"x\n" + strings.Repeat("{", 40),
			limits:  def,
			wantErr: "le texte imbrique trop d’accolades, de parenthèses ou de crochets : 31 niveaux au plus.",
		},
		{
			name:   "unbalanced closers",
			query:  strings.Repeat("}", 1000) + "{ f }",
			limits: DocumentLimits{MaxDepth: 15},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckQueryText(c.query, c.limits)
			if c.wantErr == "" {
				if err != nil {
					t.Fatalf("CheckQueryText: unexpected error %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("CheckQueryText: accepted, want error %q", c.wantErr)
			}
			var le *DocumentLimitError
			if !errors.As(err, &le) {
				t.Fatalf("error %T is not a *DocumentLimitError", err)
			}
			if got, want := err.Error(), c.wantErr; got != want {
				t.Errorf("error = %q, want %q", got, want)
			}
		})
	}
}

func TestCheckDocument(t *testing.T) {
	def := DefaultDocumentLimits()
	cases := []struct {
		name    string
		query   string
		limits  DocumentLimits
		wantErr string // "" means accepted
	}{
		{
			name:   "simple query",
			query:  `{ me { id name } }`,
			limits: def,
		},
		{
			name: "variables arguments directives",
			query: `query Project($id: ID!, $withTasks: Boolean = true) {
				project(id: $id) {
					id
					title: name
					tasks(first: 20, filter: {state: [OPEN, BLOCKED], text: "{not a brace}"}) @include(if: $withTasks) {
						edges { node { id title } }
					}
				}
			}`,
			limits: def,
		},
		{
			name: "fragments and inline fragments",
			query: `query Feed { feed { ...Item ... on Post { body author { ...Person } } } }
				mutation Like($id: ID!) { like(id: $id) { id ...Item } }
				fragment Item on Node { id ... on Post { title } }
				fragment Person on User { id name avatar { url } }`,
			limits: def,
		},
		{
			name:   "introspection",
			query:  apitest.IntrospectionQuery,
			limits: def,
		},
		{
			name:   "graphql-go testutil introspection",
			query:  testutil.IntrospectionQuery,
			limits: def,
		},
		{
			name:   "introspection depth is 13",
			query:  apitest.IntrospectionQuery,
			limits: DocumentLimits{MaxDepth: 12},
			// MaxDepth 12 also lowers the text nesting limit to 28,
			// still above the query's 9 levels of braces.
			wantErr: "la requête imbrique 13 niveaux de champs, pour 12 au plus.",
		},
		{
			name:   "depth at the limit",
			query:  limitsTestNestedFields(15),
			limits: def,
		},
		{
			name:    "depth bomb inline",
			query:   limitsTestNestedFields(16),
			limits:  def,
			wantErr: "la requête imbrique 16 niveaux de champs, pour 15 au plus.",
		},
		{
			name:    "depth bomb via chained fragments",
			query:   limitsTestFragmentChain(40),
			limits:  def,
			wantErr: "la requête imbrique 40 niveaux de champs, pour 15 au plus.",
		},
		{
			name:    "depth through inline fragments",
			query:   `{ ...F } fragment F on T { ... on T { ` + strings.Repeat("f { ", 16) + "g" + strings.Repeat(" }", 16) + ` } }`,
			limits:  def,
			wantErr: "la requête imbrique 17 niveaux de champs, pour 15 au plus.",
		},
		{
			name:    "cycle self spread",
			query:   `{ ...A } fragment A on T { a ...A }`,
			limits:  def,
			wantErr: "les fragments forment un cycle : A → A (un fragment ne peut pas s’utiliser lui-même).",
		},
		{
			name:    "cycle pair",
			query:   `{ ...A } fragment A on T { ...B } fragment B on T { ...A }`,
			limits:  def,
			wantErr: "les fragments forment un cycle : A → B → A (un fragment ne peut pas s’utiliser lui-même).",
		},
		{
			name:    "cycle of three",
			query:   `{ ...A } fragment A on T { a ...B } fragment B on T { b ...C } fragment C on T { c ...A }`,
			limits:  def,
			wantErr: "les fragments forment un cycle : A → B → C → A (un fragment ne peut pas s’utiliser lui-même).",
		},
		{
			name:    "cycle via inline fragment",
			query:   `{ ...A } fragment A on T { ... on T { ...B } } fragment B on T { ... { ...A } }`,
			limits:  def,
			wantErr: "les fragments forment un cycle : A → B → A (un fragment ne peut pas s’utiliser lui-même).",
		},
		{
			name:    "cycle via nested field",
			query:   `{ ...A } fragment A on T { f { g { ...A } } }`,
			limits:  def,
			wantErr: "les fragments forment un cycle : A → A (un fragment ne peut pas s’utiliser lui-même).",
		},
		{
			name:    "cycle reached through another fragment",
			query:   `{ ...X } fragment X on T { ...A } fragment A on T { ...B } fragment B on T { ...A }`,
			limits:  def,
			wantErr: "les fragments forment un cycle : A → B → A (un fragment ne peut pas s’utiliser lui-même).",
		},
		{
			name:    "cycle in unused fragments",
			query:   `{ a } fragment A on T { ...B } fragment B on T { ...A }`,
			limits:  def,
			wantErr: "les fragments forment un cycle : A → B → A (un fragment ne peut pas s’utiliser lui-même).",
		},
		{
			name:    "cycle rejected with limits disabled",
			query:   `{ ...A } fragment A on T { ...A }`,
			limits:  DocumentLimits{},
			wantErr: "les fragments forment un cycle : A → A (un fragment ne peut pas s’utiliser lui-même).",
		},
		{
			name:    "fragment bomb doubling",
			query:   limitsTestDoublingBomb(60, true),
			limits:  def,
			wantErr: "la requête sélectionne au moins 1\u202f000\u202f000\u202f000 champs (fragments développés), pour 400 au plus.",
		},
		{
			name:    "fragment bomb diamond",
			query:   limitsTestDiamondBomb(50),
			limits:  def,
			wantErr: "la requête sélectionne au moins 1\u202f000\u202f000\u202f000 champs (fragments développés), pour 400 au plus.",
		},
		{
			// 2^9 = 512 fields: the smallest doubling bomb over 400.
			name:    "fragment bomb just over the limit",
			query:   limitsTestDoublingBomb(9, true),
			limits:  def,
			wantErr: "la requête sélectionne 512 champs (fragments développés), pour 400 au plus.",
		},
		{
			// 2^8 = 256 fields: the same shape one level shallower passes.
			name:   "fragment reuse under the limit",
			query:  limitsTestDoublingBomb(8, true),
			limits: def,
		},
		{
			name:    "unused fragment bomb",
			query:   limitsTestDoublingBomb(60, false),
			limits:  def,
			wantErr: "le fragment « F0 » sélectionne au moins 1\u202f000\u202f000\u202f000 champs (fragments développés), pour 400 au plus.",
		},
		{
			name:   "fields at the limit",
			query:  "{" + strings.Repeat(" a", 400) + " }",
			limits: def,
		},
		{
			name:    "too many fields",
			query:   "{" + strings.Repeat(" a", 401) + " }",
			limits:  def,
			wantErr: "la requête sélectionne 401 champs (fragments développés), pour 400 au plus.",
		},
		{
			// Each operation alone (250 fields) is within the limit.
			name:    "fields totalled over operations",
			query:   "query A {" + strings.Repeat(" a", 250) + " } query B {" + strings.Repeat(" a", 250) + " }",
			limits:  def,
			wantErr: "la requête sélectionne 500 champs (fragments développés), pour 400 au plus.",
		},
		{
			name:   "aliases at the limit",
			query:  limitsTestAliases(30),
			limits: def,
		},
		{
			// 60 aliased fields: well within MaxFields, so the alias limit
			// is what refuses it.
			name:    "alias flood",
			query:   limitsTestAliases(60),
			limits:  def,
			wantErr: "la requête utilise 60 alias (fragments développés), pour 30 au plus.",
		},
		{
			// 1000 aliases with room for the fields: the alias count alone
			// must still refuse it.
			name:    "alias flood of 1000 within the field limit",
			query:   limitsTestAliases(1000),
			limits:  DocumentLimits{MaxBytes: 16 << 10, MaxDepth: 15, MaxFields: 2000, MaxAliases: 30, MaxTokens: 5000, MaxOperations: 10},
			wantErr: "la requête utilise 1\u202f000 alias (fragments développés), pour 30 au plus.",
		},
		{
			// With the default limits the same flood trips the field limit
			// first; either way it is refused.
			name:    "alias flood of 1000 with default limits",
			query:   limitsTestAliases(1000),
			limits:  def,
			wantErr: "la requête sélectionne 1\u202f000 champs (fragments développés), pour 400 au plus.",
		},
		{
			name:    "aliases through fragments",
			query:   `{ ...A ...B } fragment A on T { ` + limitsTestAliases(20)[1:] + ` fragment B on T { ...A }`,
			limits:  def,
			wantErr: "la requête utilise 40 alias (fragments développés), pour 30 au plus.",
		},
		{
			name:    "unknown fragment",
			query:   `{ me { ...Nope } }`,
			limits:  def,
			wantErr: "le fragment « Nope » n’est pas défini.",
		},
		{
			name:    "unknown fragment inside a fragment",
			query:   `{ ...A } fragment A on T { ... on T { ...Nope } }`,
			limits:  def,
			wantErr: "le fragment « Nope », utilisé dans le fragment « A », n’est pas défini.",
		},
		{
			name:    "duplicate fragment",
			query:   `{ ...A } fragment A on T { a } fragment A on T { ...A }`,
			limits:  def,
			wantErr: "le fragment « A » est défini plusieurs fois.",
		},
		{
			name:    "too many operations",
			query:   strings.Repeat("query { a } ", 11),
			limits:  def,
			wantErr: "le document contient 11 opérations, pour 10 au plus.",
		},
		{
			// graphql-go parses these, then its validator panics on the nil type.
			name:    "variable without type",
			query:   `query A($A:) { a }`,
			limits:  def,
			wantErr: "la variable $A n’a pas de type valide.",
		},
		{
			name:    "variable of a list of nothing",
			query:   `query($a: ]) { a }`,
			limits:  def,
			wantErr: "la variable $a n’a pas de type valide.",
		},
		{
			name:    "variable of a non-null nothing in a list",
			query:   `query($ok: Int, $a: [!]) { a }`,
			limits:  DocumentLimits{},
			wantErr: "la variable $a n’a pas de type valide.",
		},
		{
			name:   "variable types well formed",
			query:  `query($a: [[String!]!]!, $b: Int = 1, $c: [ID]) { a }`,
			limits: def,
		},
		{
			name:    "type system definition",
			query:   `type T { a: String } { a }`,
			limits:  def,
			wantErr: "le document contient une définition de type ; seules les opérations et les fragments sont acceptés.",
		},
		{
			name:   "limits disabled",
			query:  limitsTestAliases(1000),
			limits: DocumentLimits{},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := limitsTestCheck(t, c.query, c.limits)
			if c.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("accepted, want error %q", c.wantErr)
			}
			var le *DocumentLimitError
			if !errors.As(err, &le) {
				t.Fatalf("error %T is not a *DocumentLimitError", err)
			}
			if got, want := err.Error(), c.wantErr; got != want {
				t.Errorf("error = %q, want %q", got, want)
			}
		})
	}
}

// TestCyclicDocumentsParsedThenRejected feeds cyclic documents that pass
// CheckQueryText to the real parser and then to CheckDocument, the order
// the handler uses. They must be rejected before graphql-go's validator
// (which would overflow the stack) could see them.
func TestCyclicDocumentsParsedThenRejected(t *testing.T) {
	l := DefaultDocumentLimits()
	cases := []struct {
		name  string
		query string
	}{
		{"issue 742 reproducer", "fragment A on Dog { ...B }\nfragment B on Dog { ...A }\n{ ...A }"},
		{"self", `{ ...A } fragment A on T { ...A }`},
		{"self with field", `{ ...A } fragment A on T { name ...A }`},
		{"pair", `{ ...A } fragment A on T { a ...B } fragment B on T { b ...A }`},
		{"three", `{ ...A } fragment A on T { ...B } fragment B on T { ...C } fragment C on T { ...A }`},
		{"inline fragment", `{ ...A } fragment A on T { ... on T { ...A } }`},
		{"inline fragment pair", `{ ...A } fragment A on T { ... on U { ...B } } fragment B on U { ... @include(if: true) { ...A } }`},
		{"nested field", `{ ...A } fragment A on T { f { ...B } } fragment B on T { g { ...A } }`},
		{"unused", `{ a } fragment A on T { ...B } fragment B on T { ...A }`},
		{"cycle behind a bomb", `{ ...A } fragment A on T { ...B ...B } fragment B on T { ...C ...C } fragment C on T { ...A }`},
		{"many operations", `query Q1 { ...A } query Q2 { a } fragment A on T { ...B } fragment B on T { ...A }`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := CheckQueryText(c.query, l); err != nil {
				t.Fatalf("CheckQueryText: %v (the cyclic document should reach the parser)", err)
			}
			doc, err := parser.Parse(parser.ParseParams{Source: c.query})
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			err = CheckDocument(doc, l)
			if err == nil {
				t.Fatal("CheckDocument accepted a cyclic document")
			}
			if got, want := err.Error(), "les fragments forment un cycle : "; !strings.HasPrefix(got, want) {
				t.Errorf("error = %q, want prefix %q", got, want)
			}
		})
	}
}

// limitsTestLexerCounts lexes query with graphql-go's own lexer and returns
// the number of tokens and the deepest nesting of { ( [; ok is false if the
// lexer reports a syntax error.
func limitsTestLexerCounts(query string) (tokens, nesting int, ok bool) {
	lex := lexer.Lex(source.NewSource(&source.Source{Body: []byte(query)}))
	depth := 0
	for {
		tok, err := lex(0)
		if err != nil {
			return 0, 0, false
		}
		switch tok.Kind {
		case lexer.EOF:
			return tokens, nesting, true
		case lexer.BRACE_L, lexer.PAREN_L, lexer.BRACKET_L:
			depth++
			nesting = max(nesting, depth)
		case lexer.BRACE_R, lexer.PAREN_R, lexer.BRACKET_R:
			depth = max(depth-1, 0)
		}
		tokens++
	}
}

// limitsTestOurCounts is the same measure with CheckQueryText's scanner.
func limitsTestOurCounts(query string) (tokens, nesting int) {
	depth := 0
	for first := range docLimitTokens(query) {
		switch first {
		case '{', '(', '[':
			depth++
			nesting = max(nesting, depth)
		case '}', ')', ']':
			depth = max(depth-1, 0)
		}
		tokens++
	}
	return tokens, nesting
}

// TestTextScannerMatchesLexer checks that CheckQueryText splits text into
// tokens exactly as graphql-go's lexer does, so that its counts are those
// the parser will see.
func TestTextScannerMatchesLexer(t *testing.T) {
	cases := []struct {
		name  string
		query string
	}{
		{"introspection", apitest.IntrospectionQuery},
		{"testutil introspection", testutil.IntrospectionQuery},
		{"numbers", `{ f(a: 0, b: -12, c: 1.5, d: -0.25e+10, e: 3E-2, f: [1,2,3]) }`},
		{"strings", `{ f(a: "", b: "x\"{", c: "\u00e9}", d: """""", e: """ "" \""" { """) }`},
		{"comments", "# {\r\n{ f # }\n g #\n}"},
		{"byte order mark", "\uFEFF{ f }"},
		{"spreads and punctuators", `query Q($a: [T!]! = null) @d { ...F ... on T { g } } fragment F on T { h }`},
		{"type system", `type A implements B & C { f(x: Int = 1): [String!] } union U = | A | B`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lexTokens, lexNesting, ok := limitsTestLexerCounts(c.query)
			if !ok {
				t.Fatal("graphql-go's lexer rejected the test input")
			}
			tokens, nesting := limitsTestOurCounts(c.query)
			if got, want := tokens, lexTokens; got != want {
				t.Errorf("tokens = %d, want %d", got, want)
			}
			if got, want := nesting, lexNesting; got != want {
				t.Errorf("nesting = %d, want %d", got, want)
			}
		})
	}
}

func TestCheckDocumentNil(t *testing.T) {
	if err := CheckDocument(nil, DefaultDocumentLimits()); err != nil {
		t.Errorf("CheckDocument(nil) = %v, want nil", err)
	}
}

func FuzzCheckDocument(f *testing.F) {
	for _, seed := range []string{
		`{ me { id name } }`,
		`query Q($a: [Int!] = [1, 2]) { f(a: $a, o: {x: "}"}) @skip(if: false) { g } }`,
		`{ ...A } fragment A on T { ... on T { ...B } } fragment B on T { ...A }`,
		`{ ...A } fragment A on T { a ...A }`,
		`{ ...F0 } fragment F0 on T { ...F1 ...F1 } fragment F1 on T { ...F2 ...F2 } fragment F2 on T { x }`,
		`{ a: b c: d ...Nope }`,
		"{ f(s: \"\"\"{ \\\"\"\" }\"\"\") # {{{\n }",
		`fragment A on T { a } fragment A on T { b } { ...A }`,
		`query A($A:) { a }`,
		`query($a: [!], $b: [[Int]!]) { a }`,
		apitest.IntrospectionQuery,
	} {
		f.Add(seed)
	}
	l := DefaultDocumentLimits()
	f.Fuzz(func(t *testing.T, query string) {
		// Whenever graphql-go's lexer accepts the text, CheckQueryText must
		// count exactly the tokens and nesting that the parser will see.
		if lexTokens, lexNesting, ok := limitsTestLexerCounts(query); ok {
			tokens, nesting := limitsTestOurCounts(query)
			if tokens != lexTokens || nesting != lexNesting {
				t.Fatalf("scanner counts %d tokens, nesting %d; lexer counts %d tokens, nesting %d", tokens, nesting, lexTokens, lexNesting)
			}
		}
		if err := CheckQueryText(query, l); err != nil {
			return
		}
		doc, err := parser.Parse(parser.ParseParams{Source: query})
		if err != nil {
			return
		}
		_ = CheckDocument(doc, l)
		_ = CheckDocument(doc, DocumentLimits{})
	})
}
