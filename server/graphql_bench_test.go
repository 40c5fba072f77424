package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"passerelles/server/api"
)

// The cost of GraphQL requests through the real handler chain (request id, headers,
// cross-origin check, gzip, limits, validation, execution), called in process with
// httptest so that the figures are the server's, without a network client. `make bench`
// runs them; the project keeps timing out of unit tests.

// benchHandler returns the handler of a real app (20 demo agents).
func benchHandler(b *testing.B) http.Handler {
	b.Helper()
	app, _ := MustNewApp(b, MustTestConfig(b))
	h, err := app.Handler()
	if err != nil {
		b.Fatal(err)
	}
	return h
}

// benchServe sends one request to h and checks its status.
func benchServe(b *testing.B, h http.Handler, req *http.Request, wantStatus int) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != wantStatus {
		b.Fatalf("status = %d, want %d; body %.300s", rec.Code, wantStatus, rec.Body)
	}
}

// BenchmarkGraphQLReferential is the referential page of the SPA: framework(code:"pix")
// with its levels, domains and skills (documents cached after the first request).
func BenchmarkGraphQLReferential(b *testing.B) {
	h := benchHandler(b)
	body := gqlBody(b, frameworkQuery, map[string]any{"code": "pix"})
	for _, gzip := range []bool{false, true} {
		b.Run(fmt.Sprintf("gzip=%v", gzip), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				if gzip {
					req.Header.Set("Accept-Encoding", "gzip")
				}
				benchServe(b, h, req, http.StatusOK)
			}
		})
	}
}

// BenchmarkHostileDocuments measures what each refused request costs the server: they
// must all stay cheap (the guard runs before graphql-go's unbounded work).
func BenchmarkHostileDocuments(b *testing.B) {
	h := benchHandler(b)
	for _, hr := range hostileRequests(b) {
		b.Run(hr.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				benchServe(b, h, hr.newRequest(b, ""), hr.wantStatus)
			}
		})
	}
}

// BenchmarkCostlyValidDocument is the kind of document that motivates the bound on
// concurrent executions: within every limit, yet expensive for graphql-go's
// overlapping-fields validation (every pair of same-named fields is compared). A
// comment makes each request's text new, so that the document cache does not help.
func BenchmarkCostlyValidDocument(b *testing.B) {
	h := benchHandler(b)
	field := `framework(code: "pix") { code }`
	query := "{" + strings.Repeat(" "+field, api.DefaultDocumentLimits().MaxFields/2) + " }"
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n++
		body := gqlBody(b, fmt.Sprintf("# %d\n%s", n, query), nil)
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		benchServe(b, h, req, http.StatusOK)
	}
}
