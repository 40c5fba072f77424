package main

import (
	"testing"
	"log/slog"

	"passerelles/resolvers"
	"passerelles/schema"
)

func FuzzScratchPrepare(f *testing.F) {
	r := resolvers.New(resolvers.Services{})
	s, err := schema.New(r)
	if err != nil { f.Fatal(err) }
	h := NewGraphQLHandler(s, r, slog.New(slog.DiscardHandler))
	h.cache = newDocumentCache(1)
	for _, q := range []string{frameworkQuery, searchQuery, limitsTestIntrospectionQuery, `{ roles(family: DIGITAL) { edges { node { code } } } }`,
		`query($a: [String!]! = ["x"]) @skip(if: true) { skill(id: 1) { ... on Skill { code } } }`, `{ ...A } fragment A on Query { __typename }`,
		`query Q($x: Int = 1, $x: Int) { frameworks(first: $x, first: 2) { totalCount } }`, `{ __type(name: "Skill") { fields { name } } }`} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		doc, errs := h.prepare(q)
		if doc != nil {
			_ = h.checkOperation(doc, "")
		}
		_ = errs
	})
}
