package api

// Hostile-document guard for the GraphQL endpoint.
//
// github.com/graphql-go/graphql v0.8.1 has no depth or complexity limits, and
// some of its validation rules recurse without bound on malformed documents.
// Upstream issue graphql-go/graphql#742 ("OverlappingFieldsCanBeMergedRule
// stack-overflows on cyclic fragment spreads") shows that a document such as
//
//	fragment A on Dog { ...B }
//	fragment B on Dog { ...A }
//	{ ...A }
//
// kills the whole process with "goroutine stack exceeds 1000000000-byte
// limit / fatal error: stack overflow" (not a recoverable panic). The
// recursion is collectConflictsBetweenFieldsAndFragment in
// rules_overlapping_fields_can_be_merged.go: it follows the fragment names
// spread by a fragment (step "E") with no visited set, and it runs for every
// selection set of the document, including those of unused fragments.
// NoFragmentCyclesRule would report the cycle, but all rules run together in
// one visitor pass, so the overlapping-fields rule overflows first. The same
// unmemoised recursion also makes acyclic "fragment bombs" (fragments that
// spread two fragments that each spread two fragments, …) exponential.
//
// The guard therefore runs in two steps BEFORE graphql-go validates or
// executes anything:
//
//  1. CheckQueryText, on the raw text: size, token count and bracket
//     nesting, so that graphql-go's recursive-descent parser cannot be
//     driven deep.
//  2. CheckDocument, on the parsed AST: rejects fragment cycles (in used and
//     unused fragments alike), unknown and duplicate fragments, and bounds
//     depth, field count and alias count with fragments expanded. Expansion
//     is memoised per fragment with saturating counters, so it is linear in
//     the size of the document whatever the document says.
//
// Both functions are iterative and never panic on a document produced by
// parser.Parse.

import (
	"fmt"
	"strings"

	"github.com/graphql-go/graphql/language/ast"
)

// DocumentLimits bounds what one GraphQL request may ask.
//
// A zero or negative value disables the corresponding check. Fragment cycles,
// unknown fragments and duplicate fragment names are always rejected, and the
// text nesting depth always has a hard ceiling, because graphql-go cannot
// process such documents safely.
type DocumentLimits struct {
	MaxBytes      int // raw query text length, checked before parsing
	MaxDepth      int // selection depth, fragments expanded
	MaxFields     int // total field selections, fragments expanded, saturating count
	MaxAliases    int // aliased fields, fragments expanded
	MaxTokens     int // lexical tokens before parsing
	MaxOperations int // operation definitions in one document
	MaxCost       int // values the response of the operation may hold (graphql_cost.go)
}

// DefaultDocumentLimits returns the limits used by the GraphQL endpoint.
//
//   - MaxBytes 16 KiB: hand-written and generated queries of this app are a
//     few hundred bytes; the canonical GraphiQL introspection query is about
//     1.5 KiB.
//   - MaxDepth 15: the canonical introspection query (graphql-js
//     getIntrospectionQuery, used by GraphiQL) reaches depth 13 once its
//     fragments are expanded: __schema > types > fields > args > type, then
//     the TypeRef fragment nests ofType 7 levels and selects kind/name inside
//     the last one. 15 leaves room for the variants that nest ofType 8 or 9
//     levels, without special-casing introspection (which would give an
//     attacker a way around the limit), while still stopping depth bombs.
//   - MaxFields 400: the introspection query selects fewer than 200 fields
//     with fragments expanded; 400 is far above any screen of this app and
//     bounds the quadratic work of graphql-go's overlapping-fields rule
//     (which compares every pair of fields sharing a response name, printing
//     their arguments): at 1000 the worst document found, ~830 copies of one
//     field with an argument, took about 0.6 s to validate; the cost falls
//     with the square of the count.
//   - MaxAliases 30: aliases are the usual tool for amplification (asking the
//     same expensive field many times); normal queries use a handful.
//   - MaxTokens 5000: about what 16 KiB of ordinary GraphQL contains; bounds
//     lexer/parser work and AST allocation before parsing.
//   - MaxOperations 10: GraphiQL sends the whole editor content (possibly
//     several named operations) with an operationName; 10 is generous for
//     that and still bounds validation work.
//   - MaxCost 45 000: the values a response may hold, as the cost model
//     (graphql_cost.go) prices them. Measured over the 100 000-agent
//     database on the 2-core machine (`make bench`, NOTES-B.md), one value
//     costs about 2 µs of handler time, SQL included, and the documents that
//     do the most work per unit of cost (the members of every community,
//     the referentials three levels deep) take 60–100 ms at 45 000 with the
//     machine's load near 1 (up to about 125 ms when more work shares the
//     cores): the bound keeps any accepted document near the 100 ms target. The SPA's
//     costliest page, a profile with its skills, history and endorsers, costs
//     about 39 000, and the canonical introspection query about 5 000; the
//     document of issue 7 costs 367 586 and is refused in about 0.04 ms.
func DefaultDocumentLimits() DocumentLimits {
	return DocumentLimits{
		MaxBytes:      16 << 10,
		MaxDepth:      15,
		MaxFields:     400,
		MaxAliases:    30,
		MaxTokens:     5000,
		MaxOperations: 10,
		MaxCost:       45_000,
	}
}

// DocumentLimitError reports a document rejected by CheckQueryText or
// CheckDocument. Message never contains user text other than fragment names.
type DocumentLimitError struct {
	Message string
}

func (e *DocumentLimitError) Error() string { return e.Message }

func docLimitErrorf(format string, args ...any) error {
	return &DocumentLimitError{Message: fmt.Sprintf(format, args...)}
}

const (
	// docLimitNestingSlack is how many levels of { ( [ the text may nest
	// beyond MaxDepth: one for the operation's own braces plus room for
	// argument values (input objects, lists) and list types.
	docLimitNestingSlack = 16
	// docLimitHardNesting is the text nesting ceiling used when MaxDepth is
	// disabled or very large: graphql-go's parser recurses once per level.
	docLimitHardNesting = 512
	// docLimitSaturation is where expanded counts stop growing. It is far
	// above any sensible limit and keeps sums of two counts within int32.
	docLimitSaturation int64 = 1_000_000_000
)

// textNestingLimit is the maximal nesting of { ( [ accepted by
// CheckQueryText.
func (l DocumentLimits) textNestingLimit() int {
	if l.MaxDepth <= 0 || l.MaxDepth > docLimitHardNesting-docLimitNestingSlack {
		return docLimitHardNesting
	}
	return l.MaxDepth + docLimitNestingSlack
}

// CheckQueryText is cheap and runs before parsing: it checks the length, the
// number of lexical tokens and the nesting depth of braces, parentheses and
// brackets, so that the recursive parser cannot be driven deep. Strings
// ("…" with escapes, and """…""" block strings) and comments (# … end of
// line) are skipped the way graphql-go's lexer skips them, so brackets inside
// them are not counted.
func CheckQueryText(query string, l DocumentLimits) error {
	if l.MaxBytes > 0 && len(query) > l.MaxBytes {
		return docLimitErrorf("le document fait %s octets, pour %s au plus.", frenchCount(int64(len(query))), frenchCount(int64(l.MaxBytes)))
	}
	maxNesting := l.textNestingLimit()
	tokens, nesting := 0, 0
	for first := range docLimitTokens(query) {
		tokens++
		if l.MaxTokens > 0 && tokens > l.MaxTokens {
			return docLimitErrorf("le document compte trop d’éléments lexicaux (noms, signes, valeurs) : %s au plus.", frenchCount(int64(l.MaxTokens)))
		}
		switch first {
		case '{', '(', '[':
			nesting++
			if nesting > maxNesting {
				return docLimitErrorf("le texte imbrique trop d’accolades, de parenthèses ou de crochets : %d niveaux au plus.", maxNesting)
			}
		case '}', ')', ']':
			// Unbalanced closers are a syntax error the parser reports; do
			// not let them lower the count below zero.
			if nesting > 0 {
				nesting--
			}
		}
	}
	return nil
}

// docLimitTokens yields the first byte of each lexical token of query,
// splitting the text the way graphql-go's lexer does on valid input: ignored
// characters (white space, commas, byte order mark, # comments) are skipped,
// and a string ("..." or """...""") is one token whatever it contains. On
// invalid input it keeps going where the lexer would stop with a syntax
// error, which never lets the parser see more than was counted.
func docLimitTokens(query string) func(yield func(first byte) bool) {
	return func(yield func(first byte) bool) {
		n := len(query)
		for i := 0; i < n; {
			c := query[i]
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',':
				i++
				continue
			case c == 0xEF && strings.HasPrefix(query[i:], "\uFEFF"):
				i += len("\uFEFF")
				continue
			case c == '#':
				// A comment runs to the end of the line. The lexer also ends
				// it at any other control character (and then fails on that
				// character), so stopping there is never more lenient.
				for i < n && (query[i] >= 0x20 || query[i] == '\t') {
					i++
				}
				continue
			case strings.HasPrefix(query[i:], `"""`):
				// Block string: only \""" is an escape; it ends at """.
				i += 3
				for i < n {
					if query[i] == '\\' && strings.HasPrefix(query[i+1:], `"""`) {
						i += 4
						continue
					}
					if strings.HasPrefix(query[i:], `"""`) {
						i += 3
						break
					}
					i++
				}
			case c == '"':
				// String: a backslash escapes the next character; a line
				// break ends it (the lexer then reports an unterminated
				// string, so nothing after it is parsed).
				i++
				for i < n {
					ch := query[i]
					if ch == '\\' {
						i += 2
						continue
					}
					i++
					if ch == '"' || ch == '\n' || ch == '\r' {
						break
					}
				}
			case c == '.' && strings.HasPrefix(query[i:], "..."):
				i += 3
			case c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'):
				for i < n && docLimitIsNameByte(query[i]) {
					i++
				}
			case c == '-' || (c >= '0' && c <= '9'):
				i = docLimitNumberEnd(query, i)
			default:
				// Punctuators ! $ ( ) : = @ [ ] { | } & and invalid bytes.
				i++
			}
			if !yield(c) {
				return
			}
		}
	}
}

// docLimitNumberEnd returns the end of the number starting at i, following
// graphql-go's lexer: -? digits (. digits)? ([eE] [+-]? digits)?.
func docLimitNumberEnd(query string, i int) int {
	n := len(query)
	digits := func() {
		for i < n && query[i] >= '0' && query[i] <= '9' {
			i++
		}
	}
	if query[i] == '-' {
		i++
	}
	digits()
	if i < n && query[i] == '.' {
		i++
		digits()
	}
	if i < n && (query[i] == 'e' || query[i] == 'E') {
		i++
		if i < n && (query[i] == '+' || query[i] == '-') {
			i++
		}
		digits()
	}
	return i
}

func docLimitIsNameByte(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// docLimitStats are the measures of a selection set with fragments expanded.
// depth is relative: a field directly in the selection set has depth 1.
type docLimitStats struct {
	depth, fields, aliases int64
}

// docLimitSpread is a fragment spread found in a selection set, with the
// number of fields enclosing it inside that selection set.
type docLimitSpread struct {
	name  string
	depth int64
}

// docLimitLocal describes one selection set without expanding fragments.
type docLimitLocal struct {
	stats   docLimitStats
	spreads []docLimitSpread
}

func docLimitAdd(a, b int64) int64 {
	if a+b >= docLimitSaturation {
		return docLimitSaturation
	}
	return a + b
}

// docLimitScan walks a selection set (fields and inline fragments, not
// fragment spreads) iteratively.
func docLimitScan(set *ast.SelectionSet) docLimitLocal {
	type item struct {
		set   *ast.SelectionSet
		depth int64
	}
	var out docLimitLocal
	stack := []item{{set: set}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.set == nil {
			continue
		}
		// Push in reverse so that spreads are recorded in source order.
		for k := len(it.set.Selections) - 1; k >= 0; k-- {
			switch s := it.set.Selections[k].(type) {
			case *ast.Field:
				if s == nil {
					continue
				}
				d := it.depth + 1
				out.stats.fields = docLimitAdd(out.stats.fields, 1)
				if s.Alias != nil {
					out.stats.aliases = docLimitAdd(out.stats.aliases, 1)
				}
				if d > out.stats.depth {
					out.stats.depth = d
				}
				if s.SelectionSet != nil {
					stack = append(stack, item{set: s.SelectionSet, depth: d})
				}
			case *ast.InlineFragment:
				if s != nil && s.SelectionSet != nil {
					stack = append(stack, item{set: s.SelectionSet, depth: it.depth})
				}
			case *ast.FragmentSpread:
				if s == nil {
					continue
				}
				out.spreads = append(out.spreads, docLimitSpread{name: docLimitName(s.Name), depth: it.depth})
			}
		}
	}
	// Spreads were found depth-first from the last selection; restore
	// source order for stable cycle reports.
	for a, b := 0, len(out.spreads)-1; a < b; a, b = a+1, b-1 {
		out.spreads[a], out.spreads[b] = out.spreads[b], out.spreads[a]
	}
	return out
}

func docLimitName(n *ast.Name) string {
	if n == nil {
		return ""
	}
	return n.Value
}

// expand combines the local measures with the already computed measures of
// the spread fragments.
func (loc docLimitLocal) expand(fragments map[string]docLimitStats) docLimitStats {
	st := loc.stats
	for _, sp := range loc.spreads {
		f := fragments[sp.name]
		if d := docLimitAdd(sp.depth, f.depth); d > st.depth {
			st.depth = d
		}
		st.fields = docLimitAdd(st.fields, f.fields)
		st.aliases = docLimitAdd(st.aliases, f.aliases)
	}
	return st
}

func docLimitCount(n int64) string {
	if n >= docLimitSaturation {
		return "au moins " + frenchCount(docLimitSaturation)
	}
	return frenchCount(n)
}

// check compares expanded measures with the limits; what is "la requête" or
// "le fragment « Name »".
func (st docLimitStats) check(what string, l DocumentLimits) error {
	if l.MaxDepth > 0 && st.depth > int64(l.MaxDepth) {
		return docLimitErrorf("%s imbrique %s niveaux de champs, pour %d au plus.", what, docLimitCount(st.depth), l.MaxDepth)
	}
	if l.MaxFields > 0 && st.fields > int64(l.MaxFields) {
		return docLimitErrorf("%s sélectionne %s champs (fragments développés), pour %d au plus.", what, docLimitCount(st.fields), l.MaxFields)
	}
	if l.MaxAliases > 0 && st.aliases > int64(l.MaxAliases) {
		return docLimitErrorf("%s utilise %s alias (fragments développés), pour %d au plus.", what, docLimitCount(st.aliases), l.MaxAliases)
	}
	return nil
}

// CheckDocument walks a parsed document before graphql-go validates it. It
// rejects fragment cycles (direct, indirect, self-spreads, spreads inside
// inline fragments or nested fields, in used or unused fragments), spreads of
// unknown fragments, duplicate fragment names and type system definitions,
// and bounds the depth, field count and alias count with fragments expanded.
//
// Each fragment is measured once (memoised, in dependency order) with
// saturating counters, so exponential fragment bombs cost linear time. The
// walk is iterative.
//
// Fields and aliases are totalled over all operations of the document; the
// depth is the maximum. Every fragment definition is also checked on its own,
// so that unused fragments (which graphql-go still validates) are bounded too.
func CheckDocument(doc *ast.Document, l DocumentLimits) error {
	if doc == nil {
		return nil
	}
	var (
		ops       []*ast.OperationDefinition
		fragOrder []string
		fragDefs  = map[string]*ast.FragmentDefinition{}
	)
	for _, def := range doc.Definitions {
		switch d := def.(type) {
		case *ast.OperationDefinition:
			if d == nil {
				continue
			}
			for _, v := range d.VariableDefinitions {
				if v == nil || !docLimitWellFormedType(v.Type) {
					return docLimitErrorf("la variable %s n’a pas de type valide.", docLimitVariableName(v))
				}
			}
			ops = append(ops, d)
		case *ast.FragmentDefinition:
			if d == nil {
				continue
			}
			name := docLimitName(d.Name)
			if _, dup := fragDefs[name]; dup {
				return docLimitErrorf("le fragment « %s » est défini plusieurs fois.", name)
			}
			fragDefs[name] = d
			fragOrder = append(fragOrder, name)
		default:
			return docLimitErrorf("le document contient une définition de type ; seules les opérations et les fragments sont acceptés.")
		}
	}
	if l.MaxOperations > 0 && len(ops) > l.MaxOperations {
		return docLimitErrorf("le document contient %d opérations, pour %d au plus.", len(ops), l.MaxOperations)
	}

	locals := make(map[string]docLimitLocal, len(fragOrder))
	for _, name := range fragOrder {
		locals[name] = docLimitScan(fragDefs[name].SelectionSet)
	}

	// Depth-first search over the fragment graph, with an explicit stack.
	// White (absent) = not visited, grey = on the stack, black = measured.
	const (
		grey  = 1
		black = 2
	)
	state := make(map[string]int, len(fragOrder))
	measured := make(map[string]docLimitStats, len(fragOrder))
	for _, root := range fragOrder {
		if state[root] == black {
			continue
		}
		stack := []docLimitFrame{{name: root}}
		state[root] = grey
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			loc := locals[top.name]
			if top.next < len(loc.spreads) {
				target := loc.spreads[top.next].name
				top.next++
				if _, ok := fragDefs[target]; !ok {
					return docLimitErrorf("le fragment « %s », utilisé dans le fragment « %s », n’est pas défini.", target, top.name)
				}
				switch state[target] {
				case black:
				case grey:
					return docLimitCycleError(stack, target)
				default:
					state[target] = grey
					stack = append(stack, docLimitFrame{name: target})
				}
				continue
			}
			measured[top.name] = loc.expand(measured)
			state[top.name] = black
			stack = stack[:len(stack)-1]
		}
	}

	var total docLimitStats
	for _, op := range ops {
		loc := docLimitScan(op.SelectionSet)
		for _, sp := range loc.spreads {
			if _, ok := fragDefs[sp.name]; !ok {
				return docLimitErrorf("le fragment « %s » n’est pas défini.", sp.name)
			}
		}
		st := loc.expand(measured)
		if st.depth > total.depth {
			total.depth = st.depth
		}
		total.fields = docLimitAdd(total.fields, st.fields)
		total.aliases = docLimitAdd(total.aliases, st.aliases)
	}
	if err := total.check("la requête", l); err != nil {
		return err
	}
	for _, name := range fragOrder {
		if err := measured[name].check("le fragment « "+name+" »", l); err != nil {
			return err
		}
	}
	return nil
}

// docLimitWellFormedType reports whether a variable's type is complete. graphql-go's
// parser accepts "($a:)" and "($a: ])", leaving a nil type (or a list of nil) that
// makes its validator dereference nil and panic.
func docLimitWellFormedType(t ast.Type) bool {
	for {
		switch x := t.(type) {
		case *ast.Named:
			return x != nil && x.Name != nil && x.Name.Value != ""
		case *ast.List:
			if x == nil {
				return false
			}
			t = x.Type
		case *ast.NonNull:
			if x == nil {
				return false
			}
			t = x.Type
		default:
			return false
		}
	}
}

func docLimitVariableName(v *ast.VariableDefinition) string {
	if v == nil || v.Variable == nil {
		return "(sans nom)"
	}
	return "$" + docLimitName(v.Variable.Name)
}

// docLimitFrame is one fragment on the depth-first search stack, with the
// index of its next spread to follow.
type docLimitFrame struct {
	name string
	next int
}

// docLimitCycleError formats the cycle closed by spreading target from the
// top of stack, e.g. « les fragments forment un cycle : A → B → A ».
func docLimitCycleError(stack []docLimitFrame, target string) error {
	start := 0
	for k := range stack {
		if stack[k].name == target {
			start = k
			break
		}
	}
	names := make([]string, 0, len(stack)-start+1)
	for _, f := range stack[start:] {
		names = append(names, f.name)
	}
	names = append(names, target)
	return docLimitErrorf("les fragments forment un cycle : %s (un fragment ne peut pas s’utiliser lui-même).", strings.Join(names, " → "))
}
