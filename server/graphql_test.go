package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"passerelles/server/api/apitest"
)

// The GraphQL API through the real app: a temporary SQLite file with the referentials
// and 20 demo agents, the real handler chain (request id, security headers, cross-origin
// protection, gzip) served by httptest.

// testLogBuffer collects the app's log lines; a failing test prints them.
type testLogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *testLogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *testLogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// MustTestConfig returns a development configuration with a fresh SQLite file and 20
// demo agents.
func MustTestConfig(tb testing.TB) Config {
	tb.Helper()
	cfg := Config{Addr: "127.0.0.1:0", DBPath: filepath.Join(tb.TempDir(), "passerelles.db"),
		Env: EnvDevelopment, DemoAgents: 20, LogLevel: "debug"}
	if err := cfg.Validate(); err != nil {
		tb.Fatalf("test configuration: %v", err)
	}
	return cfg
}

// MustNewApp builds the real app for cfg, closed at the end of the test. It returns the
// app's logs too; a failing test prints them.
func MustNewApp(tb testing.TB, cfg Config) (*App, *testLogBuffer) {
	tb.Helper()
	logs := &testLogBuffer{}
	app, err := NewApp(context.Background(), cfg, slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo})))
	if err != nil {
		tb.Fatalf("NewApp: %v", err)
	}
	tb.Cleanup(func() {
		if err := app.Close(); err != nil {
			tb.Errorf("close app: %v", err)
		}
		if tb.Failed() {
			tb.Logf("app logs:\n%s", logs.String())
		}
	})
	return app, logs
}

// MustServe serves app's handler with httptest until the end of the test. Tests that
// change the app's handlers do it before calling MustServe, so that the server's
// goroutines see the change.
func MustServe(tb testing.TB, app *App) *httptest.Server {
	tb.Helper()
	h, err := app.Handler()
	if err != nil {
		tb.Fatalf("Handler: %v", err)
	}
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close) // runs before the app closes: cleanups run last first
	return srv
}

// MustStartApp serves the real app (temp SQLite file, 20 demo agents, development).
func MustStartApp(tb testing.TB) (*httptest.Server, *App) {
	tb.Helper()
	app, _ := MustNewApp(tb, MustTestConfig(tb))
	return MustServe(tb, app), app
}

// gqlError is one error of a GraphQL response.
type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// Code returns extensions.code.
func (e gqlError) Code() string { c, _ := e.Extensions["code"].(string); return c }

// gqlResponse is a GraphQL response as the client sees it.
type gqlResponse struct {
	Status int             `json:"-"`
	Header http.Header     `json:"-"`
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

// codes returns the extensions.code of each error.
func (r gqlResponse) codes() []string {
	var out []string
	for _, e := range r.Errors {
		out = append(out, e.Code())
	}
	return out
}

// leakPattern matches what must never reach a client: database text, panics, Go
// internals or source paths.
var leakPattern = regexp.MustCompile(`(?i:sqlite|panic|goroutine|runtime error|\.go\b)|SQL|/[\w./-]+\.go`)

// leak returns the first error message that shows internals, or "".
func (r gqlResponse) leak() string {
	for _, e := range r.Errors {
		if leakPattern.MatchString(e.Message) {
			return e.Message
		}
	}
	return ""
}

// gqlBody encodes a GraphQL request body.
func gqlBody(tb testing.TB, query string, variables map[string]any) []byte {
	tb.Helper()
	req := map[string]any{"query": query}
	if variables != nil {
		req["variables"] = variables
	}
	b, err := json.Marshal(req)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// sendGraphQL sends req and decodes the JSON response. It does not stop the test, so
// that goroutines may call it.
func sendGraphQL(client *http.Client, req *http.Request) (gqlResponse, error) {
	res, err := client.Do(req)
	if err != nil {
		return gqlResponse{}, fmt.Errorf("%s %s: %w", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return gqlResponse{}, fmt.Errorf("read response: %w", err)
	}
	out := gqlResponse{Status: res.StatusCode, Header: res.Header}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return out, fmt.Errorf("Content-Type = %q, want JSON; status %d, body %.300q", ct, res.StatusCode, body)
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return out, fmt.Errorf("decode response %.300q: %w", body, err)
	}
	if m := out.leak(); m != "" {
		return out, fmt.Errorf("error message shows internals: %q", m)
	}
	return out, nil
}

// newGraphQLRequest returns a JSON POST of body to srv's /graphql.
func newGraphQLRequest(tb testing.TB, srv *httptest.Server, body []byte) *http.Request {
	tb.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/graphql", bytes.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	return req
}

// doGraphQL is sendGraphQL for the test goroutine: it stops the test on failure.
func doGraphQL(tb testing.TB, client *http.Client, req *http.Request) gqlResponse {
	tb.Helper()
	res, err := sendGraphQL(client, req)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// postGraphQL posts one operation to srv's /graphql.
func postGraphQL(tb testing.TB, srv *httptest.Server, query string, variables map[string]any) gqlResponse {
	tb.Helper()
	return doGraphQL(tb, srv.Client(), newGraphQLRequest(tb, srv, gqlBody(tb, query, variables)))
}

// decodeData decodes the data of a response into v.
func decodeData(tb testing.TB, data json.RawMessage, v any) {
	tb.Helper()
	if len(data) == 0 || string(data) == "null" {
		tb.Fatal("response has no data")
	}
	if err := json.Unmarshal(data, v); err != nil {
		tb.Fatalf("decode data %.300s: %v", data, err)
	}
}

// checkResponse compares a response with the status and code a case wants: no error at
// all when wantCode is empty, else every error has wantCode.
func checkResponse(tb testing.TB, res gqlResponse, wantStatus int, wantCode string) {
	tb.Helper()
	if got, want := res.Status, wantStatus; got != want {
		tb.Fatalf("status = %d, want %d; errors %+v", got, want, res.Errors)
	}
	if wantCode == "" {
		if len(res.Errors) > 0 {
			tb.Fatalf("errors = %+v, want none", res.Errors)
		}
		return
	}
	if len(res.Errors) == 0 {
		tb.Fatalf("no error, want %s; data %.300s", wantCode, res.Data)
	}
	for _, e := range res.Errors {
		if got, want := e.Code(), wantCode; got != want {
			tb.Errorf("extensions.code = %q, want %q (message %q)", got, want, e.Message)
		}
		if e.Message == "" {
			tb.Errorf("error with code %s has no message", e.Code())
		}
	}
}

// frameworkQuery is the SPA's referential page (the framework page's document, frontend/src/pages/FrameworkPage.tsx).
const frameworkQuery = `query Framework($code: String!) {
  framework(code: $code) {
    code name description
    levels { value code label description }
    domains {
      code name
      skills(first: 100) { totalCount edges { node { id code name nameEn description } } }
    }
  }
}`

// searchQuery finds skills by text, with their framework.
const searchQuery = `query Search($q: String, $first: Int) {
  skills(search: $q, first: $first) { totalCount edges { node { code name framework { code } } } }
}`

// searchResult is the data of searchQuery.
type searchResult struct {
	Skills struct {
		TotalCount int
		Edges      []struct {
			Node struct {
				Code, Name string
				Framework  struct{ Code string }
			}
		}
	}
}

// has reports whether the result holds the skill code of framework fw.
func (s searchResult) has(fw, code string) bool {
	for _, e := range s.Skills.Edges {
		if e.Node.Framework.Code == fw && e.Node.Code == code {
			return true
		}
	}
	return false
}

// connectionOf decodes data holding one connection field name with nodes of type N.
type connectionOf[N any] struct {
	TotalCount int
	PageInfo   struct {
		HasNextPage, HasPreviousPage bool
		StartCursor, EndCursor       *string
	}
	Edges []struct {
		Cursor string
		Node   N
	}
}

// hugeOffsetCursor is a forged cursor whose offset is the largest int64: offset+1 wraps
// to a negative number unless the resolver bounds it.
const hugeOffsetCursor = "b2Zmc2V0OjkyMjMzNzIwMzY4NTQ3NzU4MDc" // offset:9223372036854775807

type graphQLCase struct {
	name       string
	query      string
	variables  map[string]any
	wantStatus int
	wantCode   string // "" when the response must have no error
	check      func(t *testing.T, data json.RawMessage)
}

func TestGraphQL(t *testing.T) {
	srv, _ := MustStartApp(t)
	cases := []graphQLCase{
		{
			name:       "FrameworksConnection",
			query:      `{ frameworks { totalCount pageInfo { hasNextPage hasPreviousPage } edges { cursor node { code name } } } }`,
			wantStatus: http.StatusOK,
			check: func(t *testing.T, data json.RawMessage) {
				var d struct {
					Frameworks connectionOf[struct{ Code, Name string }]
				}
				decodeData(t, data, &d)
				if got, want := d.Frameworks.TotalCount, 2; got != want {
					t.Errorf("totalCount = %d, want %d", got, want)
				}
				var codes []string
				for _, e := range d.Frameworks.Edges {
					codes = append(codes, e.Node.Code)
					if e.Cursor == "" || e.Node.Name == "" {
						t.Errorf("edge %+v has no cursor or name", e)
					}
				}
				if got, want := strings.Join(codes, ","), "ecf,pix"; got != want {
					t.Errorf("codes = %s, want %s", got, want)
				}
				if d.Frameworks.PageInfo.HasNextPage || d.Frameworks.PageInfo.HasPreviousPage {
					t.Errorf("pageInfo = %+v, want a single page", d.Frameworks.PageInfo)
				}
			},
		},
		{
			name:       "FrameworkPix",
			query:      frameworkQuery,
			variables:  map[string]any{"code": "pix"},
			wantStatus: http.StatusOK,
			check: func(t *testing.T, data json.RawMessage) {
				var d struct {
					Framework struct {
						Code   string
						Levels []struct {
							Value       int
							Code, Label string
						}
						Domains []struct {
							Code, Name string
							Skills     connectionOf[struct{ ID, Code, Name string }]
						}
					}
				}
				decodeData(t, data, &d)
				f := d.Framework
				if got, want := f.Code, "pix"; got != want {
					t.Errorf("code = %q, want %q", got, want)
				}
				if got, want := len(f.Levels), 8; got != want {
					t.Fatalf("levels = %d, want %d", got, want)
				}
				for i, l := range f.Levels {
					if got, want := l.Value, i+1; got != want || l.Label == "" {
						t.Errorf("level %d = %+v, want value %d with a label", i, l, want)
					}
				}
				if got, want := len(f.Domains), 5; got != want {
					t.Fatalf("domains = %d, want %d", got, want)
				}
				total, edges := 0, 0
				seen := map[string]bool{}
				for _, dom := range f.Domains {
					total += dom.Skills.TotalCount
					for _, e := range dom.Skills.Edges {
						edges++
						if !strings.HasPrefix(e.Node.Code, dom.Code+".") {
							t.Errorf("skill %s listed in domain %s", e.Node.Code, dom.Code)
						}
						if seen[e.Node.ID] {
							t.Errorf("skill %s listed twice", e.Node.Code)
						}
						seen[e.Node.ID] = true
					}
				}
				if total != 16 || edges != 16 {
					t.Errorf("skills across domains: totalCount %d, edges %d; want 16 and 16", total, edges)
				}
			},
		},
		{
			name:       "SearchFoldsAccents",
			query:      searchQuery,
			variables:  map[string]any{"q": "donnees"},
			wantStatus: http.StatusOK,
			check: func(t *testing.T, data json.RawMessage) {
				var d searchResult
				decodeData(t, data, &d)
				if !d.has("pix", "1.2") {
					t.Errorf(`search "donnees" misses Pix 1.2 « Gérer des données »: %+v`, d.Skills.Edges)
				}
				for _, e := range d.Skills.Edges {
					if e.Node.Code == "1.2" && e.Node.Framework.Code == "pix" && e.Node.Name != "Gérer des données" {
						t.Errorf("Pix 1.2 is named %q", e.Node.Name)
					}
				}
			},
		},
		{
			name:       "SearchFoldsCaseAndAccents",
			query:      searchQuery,
			variables:  map[string]any{"q": "GÉRER DONNÉES"},
			wantStatus: http.StatusOK,
			check: func(t *testing.T, data json.RawMessage) {
				var d searchResult
				decodeData(t, data, &d)
				if !d.has("pix", "1.2") {
					t.Errorf(`search "GÉRER DONNÉES" misses Pix 1.2: %+v`, d.Skills.Edges)
				}
			},
		},
		{
			// « sécurité » is a prefix of no word of Pix 4.1 (« Sécuriser
			// l'environnement numérique »): the search has no French stemming, so it
			// finds the e-CF security skills only; « sécu » finds both.
			name:       "SearchSecurite",
			query:      searchQuery,
			variables:  map[string]any{"q": "sécurité"},
			wantStatus: http.StatusOK,
			check: func(t *testing.T, data json.RawMessage) {
				var d searchResult
				decodeData(t, data, &d)
				if !d.has("ecf", "E.8") {
					t.Errorf(`search "sécurité" misses e-CF E.8: %+v`, d.Skills.Edges)
				}
			},
		},
		{
			name:       "SearchSecuPrefixFindsPix41",
			query:      searchQuery,
			variables:  map[string]any{"q": "securi"},
			wantStatus: http.StatusOK,
			check: func(t *testing.T, data json.RawMessage) {
				var d searchResult
				decodeData(t, data, &d)
				if !d.has("pix", "4.1") || !d.has("ecf", "E.8") {
					t.Errorf(`search "securi" misses Pix 4.1 or e-CF E.8: %+v`, d.Skills.Edges)
				}
			},
		},
		{
			name:       "SearchTenThousandCharsInline",
			query:      `{ skills(search: "` + strings.Repeat("a", 10_000) + `") { totalCount edges { node { code } } } }`,
			wantStatus: http.StatusOK,
			check: func(t *testing.T, data json.RawMessage) {
				var d searchResult
				decodeData(t, data, &d)
				if got := d.Skills.TotalCount; got != 0 {
					t.Errorf("totalCount = %d, want 0", got)
				}
			},
		},
		{
			name: "RolesDigital",
			query: `{ roles(family: DIGITAL, first: 100) { totalCount edges { node {
				code family requiredSkills { weight skill { code } level { code } } } } } }`,
			wantStatus: http.StatusOK,
			check: func(t *testing.T, data json.RawMessage) {
				type required struct {
					Weight int
					Skill  struct{ Code string }
					Level  struct{ Code string }
				}
				var d struct {
					Roles connectionOf[struct {
						Code, Family   string
						RequiredSkills []required
					}]
				}
				decodeData(t, data, &d)
				if got, want := d.Roles.TotalCount, 17; got != want {
					t.Errorf("totalCount = %d, want %d", got, want)
				}
				if got, want := len(d.Roles.Edges), 17; got != want {
					t.Fatalf("edges = %d, want %d", got, want)
				}
				for _, e := range d.Roles.Edges {
					if e.Node.Family != "DIGITAL" {
						t.Errorf("role %s has family %s", e.Node.Code, e.Node.Family)
					}
					if len(e.Node.RequiredSkills) == 0 {
						t.Errorf("role %s requires no skill", e.Node.Code)
					}
					for _, rs := range e.Node.RequiredSkills {
						if rs.Skill.Code == "" || rs.Level.Code == "" || rs.Weight < 1 || rs.Weight > 3 {
							t.Errorf("role %s: required skill %+v incomplete", e.Node.Code, rs)
						}
					}
				}
			},
		},
		{
			name:       "TransitionsFromB10",
			query:      `{ transitions(from: "B10") { totalCount edges { node { kind from { code } to { code family } } } } }`,
			wantStatus: http.StatusOK,
			check: func(t *testing.T, data json.RawMessage) {
				var d struct {
					Transitions connectionOf[struct {
						Kind string
						From struct{ Code string }
						To   struct{ Code, Family string }
					}]
				}
				decodeData(t, data, &d)
				if got, want := d.Transitions.TotalCount, 2; got != want {
					t.Errorf("totalCount = %d, want %d", got, want)
				}
				if got, want := len(d.Transitions.Edges), 2; got != want {
					t.Fatalf("edges = %d, want %d", got, want)
				}
				for _, e := range d.Transitions.Edges {
					if e.Node.From.Code != "B10" || e.Node.To.Code == "" || e.Node.Kind == "" {
						t.Errorf("transition %+v does not leave B10", e.Node)
					}
				}
			},
		},
		{
			name:       "OrganisationsARS",
			query:      `{ organisations(type: ARS, first: 100) { totalCount edges { node { code type region { code } } } } }`,
			wantStatus: http.StatusOK,
			check: func(t *testing.T, data json.RawMessage) {
				var d struct {
					Organisations connectionOf[struct {
						Code, Type string
						Region     *struct{ Code string }
					}]
				}
				decodeData(t, data, &d)
				if got, want := d.Organisations.TotalCount, 18; got != want {
					t.Errorf("totalCount = %d, want %d", got, want)
				}
				for _, e := range d.Organisations.Edges {
					if e.Node.Type != "ARS" || e.Node.Region == nil {
						t.Errorf("organisation %+v is not a regional ARS", e.Node)
					}
				}
			},
		},
		{
			name:       "Communities",
			query:      `{ communities { totalCount edges { node { code name memberCount } } } }`,
			wantStatus: http.StatusOK,
			check: func(t *testing.T, data json.RawMessage) {
				var d struct {
					Communities connectionOf[struct{ Code, Name string }]
				}
				decodeData(t, data, &d)
				if got, want := d.Communities.TotalCount, 7; got != want {
					t.Errorf("totalCount = %d, want %d", got, want)
				}
				if got, want := len(d.Communities.Edges), 7; got != want {
					t.Errorf("edges = %d, want %d", got, want)
				}
			},
		},
		{
			name:       "FirstZeroGivesTheCountOnly",
			query:      `{ roles(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage } } }`,
			wantStatus: http.StatusOK,
			check: func(t *testing.T, data json.RawMessage) {
				var d struct{ Roles connectionOf[struct{}] }
				decodeData(t, data, &d)
				if d.Roles.TotalCount != 33 || len(d.Roles.Edges) != 0 || !d.Roles.PageInfo.HasNextPage {
					t.Errorf("roles(first: 0) = %+v, want totalCount 33, no edge, a next page", d.Roles)
				}
			},
		},
		{
			name:       "Introspection",
			query:      apitest.IntrospectionQuery,
			wantStatus: http.StatusOK,
			check: func(t *testing.T, data json.RawMessage) {
				var d struct {
					Schema struct {
						QueryType struct{ Name string }
						Types     []struct{ Name string }
					} `json:"__schema"`
				}
				decodeData(t, data, &d)
				if got, want := d.Schema.QueryType.Name, "Query"; got != want {
					t.Errorf("queryType = %q, want %q", got, want)
				}
				if len(d.Schema.Types) < 20 {
					t.Errorf("introspection lists %d types", len(d.Schema.Types))
				}
			},
		},
		{
			name:       "RoleNotFound",
			query:      `{ role(code: "ZZZ") { code } }`,
			wantStatus: http.StatusOK,
			wantCode:   "NOT_FOUND",
			check: func(t *testing.T, data json.RawMessage) {
				if got, want := string(data), `{"role":null}`; got != want {
					t.Errorf("data = %s, want %s", got, want)
				}
			},
		},
		{
			name:       "FrameworkNotFound",
			query:      `{ framework(code: "nope") { code } }`,
			wantStatus: http.StatusOK,
			wantCode:   "NOT_FOUND",
		},
		{
			name:       "SkillNotFound",
			query:      `{ skill(id: "999999999") { code } }`,
			wantStatus: http.StatusOK,
			wantCode:   "NOT_FOUND",
		},
		{
			name:       "SkillBadID",
			query:      `{ skill(id: "abc") { code } }`,
			wantStatus: http.StatusOK,
			wantCode:   "INVALID_INPUT",
		},
		{
			name:       "FirstOverMax",
			query:      `{ roles(first: 101) { totalCount } }`,
			wantStatus: http.StatusBadRequest, // refused with the cost, before execution
			wantCode:   "INVALID_INPUT",
		},
		{
			name:       "FirstNegative",
			query:      `{ skills(first: -1) { totalCount } }`,
			wantStatus: http.StatusBadRequest, // refused with the cost, before execution
			wantCode:   "INVALID_INPUT",
		},
		{
			name:       "FirstOverMaxOnNestedList",
			query:      `{ framework(code: "pix") { domains { skills(first: 101) { totalCount } } } }`,
			wantStatus: http.StatusBadRequest, // refused with the cost, before execution
			wantCode:   "INVALID_INPUT",
		},
		{
			// graphql-go's Int takes a literal beyond 32 bits; the cost check's
			// range check refuses it before anything runs.
			name:       "FirstOutOfInt32",
			query:      `{ roles(first: 3000000000) { totalCount } }`,
			wantStatus: http.StatusBadRequest, // a literal that is no Int: a document error
			wantCode:   "INVALID_INPUT",
		},
		{
			name:       "BadCursor",
			query:      `{ roles(after: "not a cursor") { totalCount } }`,
			wantStatus: http.StatusOK,
			wantCode:   "INVALID_INPUT",
		},
		{
			name:       "CursorWithNegativeOffset",
			query:      `{ roles(after: "b2Zmc2V0Oi0x") { totalCount } }`, // offset:-1
			wantStatus: http.StatusOK,
			wantCode:   "INVALID_INPUT",
		},
		{
			name:       "CursorWithHugeOffset",
			query:      `{ roles(after: "` + hugeOffsetCursor + `") { totalCount } }`,
			wantStatus: http.StatusOK,
			wantCode:   "INVALID_INPUT",
		},
		{
			// Domain.skills pages in memory: a wrapped negative offset used to
			// panic on slicing (an INTERNAL error).
			name:       "CursorWithHugeOffsetOnNestedList",
			query:      `{ framework(code: "pix") { domains { skills(after: "` + hugeOffsetCursor + `") { totalCount } } } }`,
			wantStatus: http.StatusOK,
			wantCode:   "INVALID_INPUT",
		},
		{
			name:       "UnknownField",
			query:      `{ frameworks { totalCount password } }`,
			wantStatus: http.StatusBadRequest,
			wantCode:   "INVALID_INPUT",
		},
		{
			name:       "SyntaxError",
			query:      `{ frameworks { totalCount `,
			wantStatus: http.StatusBadRequest,
			wantCode:   "INVALID_INPUT",
		},
		{
			name:       "UnknownEnumValue",
			query:      `{ roles(family: ROBOT) { totalCount } }`,
			wantStatus: http.StatusBadRequest,
			wantCode:   "INVALID_INPUT",
		},
		{
			// Variables are coerced at execution: graphql-go reports the mismatch
			// with no data, which the handler answers 200 with INVALID_INPUT.
			name:       "VariableTypeMismatch",
			query:      `query($first: Int) { frameworks(first: $first) { totalCount } }`,
			variables:  map[string]any{"first": "abc"},
			wantStatus: http.StatusOK,
			wantCode:   "INVALID_INPUT",
			check: func(t *testing.T, data json.RawMessage) {
				if len(data) != 0 && string(data) != "null" {
					t.Errorf("data = %s, want none", data)
				}
			},
		},
		{
			name:       "VariableMissing",
			query:      `query($code: String!) { framework(code: $code) { code } }`,
			wantStatus: http.StatusOK,
			wantCode:   "INVALID_INPUT",
		},
		{
			name:       "VariableIntTooLarge",
			query:      `query($first: Int) { frameworks(first: $first) { totalCount } }`,
			variables:  map[string]any{"first": 1e30},
			wantStatus: http.StatusOK,
			wantCode:   "INVALID_INPUT",
		},
		{
			// graphql-go's String coerces any variable value with %v; the handler refuses
			// what the specification refuses (a list for a String) before graphql-go sees
			// it, and the deep value costs nothing.
			name:       "VariableDeepListRefused",
			query:      `query($q: String) { skills(search: $q) { totalCount } }`,
			variables:  map[string]any{"q": deepList(2000)},
			wantStatus: http.StatusOK,
			wantCode:   "INVALID_INPUT",
		},
		{
			name:       "MutationNotOffered",
			query:      `mutation { a }`,
			wantStatus: http.StatusBadRequest,
			wantCode:   "INVALID_INPUT",
		},
		{
			name:       "SubscriptionNotOffered",
			query:      `subscription { a }`,
			wantStatus: http.StatusBadRequest,
			wantCode:   "INVALID_INPUT",
		},
	}
	for _, s := range hostileSearches() {
		cases = append(cases, graphQLCase{
			name:       "HostileSearch" + s.name,
			query:      searchQuery,
			variables:  map[string]any{"q": s.text, "first": 100},
			wantStatus: http.StatusOK,
			check: func(t *testing.T, data json.RawMessage) {
				var d searchResult
				decodeData(t, data, &d)
				if d.Skills.TotalCount < 0 || len(d.Skills.Edges) != min(d.Skills.TotalCount, 100) {
					t.Errorf("totalCount %d with %d edges", d.Skills.TotalCount, len(d.Skills.Edges))
				}
				if s.want != "" && !d.has("pix", s.want) {
					t.Errorf("search %.40q misses Pix %s: %+v", s.text, s.want, d.Skills.Edges)
				}
				if s.none && d.Skills.TotalCount != 0 {
					t.Errorf("search %.40q finds %d skills, want none", s.text, d.Skills.TotalCount)
				}
			},
		})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := postGraphQL(t, srv, c.query, c.variables)
			checkResponse(t, res, c.wantStatus, c.wantCode)
			if c.check != nil {
				c.check(t, res.Data)
			}
		})
	}
}

// hostileSearch is search text written to trip FTS5's query syntax or its limits.
type hostileSearch struct {
	name, text string
	want       string // a Pix skill code the search must find, if any
	none       bool   // whether the search must find nothing
}

func hostileSearches() []hostileSearch {
	return []hostileSearch{
		{name: "DoubleQuote", text: `"`, none: true},
		{name: "UnbalancedQuote", text: `"données`, want: "1.2"},
		{name: "QuotedPhrase", text: `"gérer des données"`, want: "1.2"},
		{name: "NearOpen", text: `NEAR(`},
		{name: "NearComplete", text: `NEAR("gérer" "données", 2)`},
		{name: "Star", text: `*`, none: true},
		{name: "StarPrefix", text: `donn*`, want: "1.2"},
		{name: "ColumnFilter", text: `col:données`},
		{name: "RealColumnFilter", text: `name:données`},
		{name: "ColumnSet", text: `{name description}: données`},
		{name: "CloseParen", text: `)`, none: true},
		{name: "OpenGroup", text: `(données OR`},
		{name: "Operators", text: `AND OR NOT`},
		{name: "OperatorsAroundWords", text: `AND données NOT`},
		{name: "Caret", text: `^données`, want: "1.2"},
		{name: "PlusMinus", text: `+données -gérer`, want: "1.2"},
		{name: "SQLQuote", text: `'); DROP TABLE skills; --`},
		{name: "NUL", text: "donn\x00ées"},
		{name: "Unicode", text: "数据 🔒 ǅ ﬁ İ ß"},
		{name: "CombiningAccent", text: "donne\u0301es"},
		{name: "BidiOverride", text: "\u202edonnées\u202c", want: "1.2"},
		{name: "OnlySymbols", text: `!@#$%^&*()-+=[]{};:'",.<>/?\|~`, none: true},
		{name: "Empty", text: ``, none: true},
		{name: "Blank", text: " \t\n ", none: true},
		{name: "ManyWords", text: strings.Repeat("données ", 2000), want: "1.2"},
		{name: "TenThousandLetters", text: strings.Repeat("a", 10_000), none: true},
		{name: "TenThousandSyntax", text: strings.Repeat(`é"*(`, 2500)},
		{name: "TenThousandEmoji", text: strings.Repeat("🔒", 10_000), none: true},
	}
}

// deepList returns n nested JSON lists around a string.
func deepList(n int) any {
	var v any = "x"
	for range n {
		v = []any{v}
	}
	return v
}

func TestGraphQLOperationName(t *testing.T) {
	srv, _ := MustStartApp(t)
	const twoOps = `query A { frameworks { totalCount } } query B { communities { totalCount } }`
	for _, c := range []struct {
		name, query, operation string
		wantStatus             int
		wantCode               string
		wantData               string
	}{
		{name: "A", query: twoOps, operation: "A", wantStatus: http.StatusOK, wantData: `{"frameworks":{"totalCount":2}}`},
		{name: "B", query: twoOps, operation: "B", wantStatus: http.StatusOK, wantData: `{"communities":{"totalCount":7}}`},
		{name: "Missing", query: twoOps, wantStatus: http.StatusBadRequest, wantCode: "INVALID_INPUT"},
		{name: "Unknown", query: twoOps, operation: "C", wantStatus: http.StatusBadRequest, wantCode: "INVALID_INPUT"},
		{name: "NameForAnonymous", query: `{ __typename }`, operation: "A", wantStatus: http.StatusBadRequest, wantCode: "INVALID_INPUT"},
		{name: "NoneForAnonymous", query: `{ __typename }`, wantStatus: http.StatusOK, wantData: `{"__typename":"Query"}`},
		{name: "FragmentsOnly", query: `fragment F on Query { __typename }`, wantStatus: http.StatusBadRequest, wantCode: "INVALID_INPUT"},
	} {
		t.Run(c.name, func(t *testing.T) {
			body, err := json.Marshal(map[string]any{"query": c.query, "operationName": c.operation})
			if err != nil {
				t.Fatal(err)
			}
			res := doGraphQL(t, srv.Client(), newGraphQLRequest(t, srv, body))
			checkResponse(t, res, c.wantStatus, c.wantCode)
			if c.wantData != "" {
				if got, want := string(res.Data), c.wantData; got != want {
					t.Errorf("data = %s, want %s", got, want)
				}
			}
		})
	}
}

func TestGraphQLPagination(t *testing.T) {
	srv, _ := MustStartApp(t)
	type page = connectionOf[struct{ Code string }]
	roles := func(t *testing.T, first int, after *string) page {
		t.Helper()
		vars := map[string]any{"first": first}
		if after != nil {
			vars["after"] = *after
		}
		res := postGraphQL(t, srv, `query($first: Int, $after: String) { roles(first: $first, after: $after) {
			totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { code } } } }`, vars)
		checkResponse(t, res, http.StatusOK, "")
		var d struct{ Roles page }
		decodeData(t, res.Data, &d)
		return d.Roles
	}
	codes := func(p page) []string {
		var out []string
		for _, e := range p.Edges {
			out = append(out, e.Node.Code)
		}
		return out
	}

	all := roles(t, 100, nil)
	if got, want := all.TotalCount, 33; got != want || len(all.Edges) != want {
		t.Fatalf("all roles: totalCount %d, %d edges; want %d", got, len(all.Edges), want)
	}
	first := roles(t, 10, nil)
	if got, want := codes(first), codes(all)[:10]; !slices.Equal(got, want) {
		t.Fatalf("first page = %v, want %v", got, want)
	}
	if pi := first.PageInfo; !pi.HasNextPage || pi.HasPreviousPage || pi.StartCursor == nil || pi.EndCursor == nil ||
		*pi.StartCursor != first.Edges[0].Cursor || *pi.EndCursor != first.Edges[9].Cursor {
		t.Errorf("first page pageInfo = %+v", pi)
	}
	second := roles(t, 10, first.PageInfo.EndCursor)
	if got, want := codes(second), codes(all)[10:20]; !slices.Equal(got, want) {
		t.Errorf("second page = %v, want %v", got, want)
	}
	if pi := second.PageInfo; !pi.HasNextPage || !pi.HasPreviousPage || second.TotalCount != 33 {
		t.Errorf("second page pageInfo = %+v, totalCount %d", pi, second.TotalCount)
	}
	last := roles(t, 10, &all.Edges[29].Cursor)
	if got, want := codes(last), codes(all)[30:]; !slices.Equal(got, want) {
		t.Errorf("last page = %v, want %v", got, want)
	}
	if pi := last.PageInfo; pi.HasNextPage || !pi.HasPreviousPage {
		t.Errorf("last page pageInfo = %+v, want no next page", pi)
	}
	past := roles(t, 10, &all.Edges[32].Cursor)
	if len(past.Edges) != 0 || past.TotalCount != 33 || past.PageInfo.HasNextPage || past.PageInfo.EndCursor != nil {
		t.Errorf("page after the end = %+v, want empty with totalCount 33", past)
	}
}

// hostileRequest is a request the API must refuse cleanly.
type hostileRequest struct {
	name        string
	method      string
	contentType string
	header      map[string]string
	body        []byte
	wantStatus  int
	wantCode    string
}

// newRequest builds hr for the server at base ("" for a handler called directly).
func (hr hostileRequest) newRequest(tb testing.TB, base string) *http.Request {
	tb.Helper()
	var body io.Reader
	if hr.body != nil {
		body = bytes.NewReader(hr.body)
	}
	var req *http.Request
	if base == "" {
		req = httptest.NewRequest(hr.method, "/graphql", body)
	} else {
		var err error
		if req, err = http.NewRequest(hr.method, base+"/graphql", body); err != nil {
			tb.Fatal(err)
		}
	}
	if hr.contentType != "" {
		req.Header.Set("Content-Type", hr.contentType)
	}
	for k, v := range hr.header {
		req.Header.Set(k, v)
	}
	return req
}

// depthBombInline nests framework → skills → edges → node → framework levels times.
func depthBombInline(levels int) string {
	return `{ framework(code: "pix") { ` + strings.Repeat("skills { edges { node { framework { ", levels) +
		"code" + strings.Repeat(" } } } }", levels) + " } }"
}

// depthBombFragments nests the same path through n chained fragments.
func depthBombFragments(n int) string {
	var b strings.Builder
	b.WriteString(`{ framework(code: "pix") { ...F1 } }` + "\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "fragment F%d on Framework { skills { edges { node { framework { ...F%d } } } } }\n", i, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Framework { code }\n", n)
	return b.String()
}

// fragmentBomb returns fragments that each spread the next twice: 2^n fields.
func fragmentBomb(n int) string {
	var b strings.Builder
	b.WriteString("{ ...F0 }\n")
	for i := range n {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Query { __typename }\n", n)
	return b.String()
}

// aliasFlood returns n aliases of field.
func aliasFlood(n int, field string) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, " a%d: %s", i, field)
	}
	b.WriteString(" }")
	return b.String()
}

// multipartBody returns a GraphQL multipart request (the upload protocol) and its
// content type.
func multipartBody(tb testing.TB) ([]byte, string) {
	tb.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if err := mw.WriteField("operations", `{"query":"{ __typename }"}`); err != nil {
		tb.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes(), mw.FormDataContentType()
}

// hostileRequests are the documents and requests that the handler must refuse before
// graphql-go spends time on them (or crashes: cyclic fragments, graphql-go#742).
func hostileRequests(tb testing.TB) []hostileRequest {
	tb.Helper()
	const ctJSON = "application/json"
	doc := func(name, query string) hostileRequest {
		return hostileRequest{name: name, method: http.MethodPost, contentType: ctJSON, body: gqlBody(tb, query, nil),
			wantStatus: http.StatusBadRequest, wantCode: "INVALID_INPUT"}
	}
	multi, multiType := multipartBody(tb)
	return []hostileRequest{
		doc("CyclicFragmentsIssue742", `fragment A on Query { ...B } fragment B on Query { ...A } { ...A }`),
		doc("SelfSpread", `{ ...A } fragment A on Query { __typename ...A }`),
		doc("CycleInUnusedFragments", `{ __typename } fragment A on Query { ...B } fragment B on Query { ...A }`),
		doc("CycleThroughInlineFragment", `{ ...A } fragment A on Query { ... on Query { ...A } }`),
		doc("DepthBombInline30", depthBombInline(30)),
		doc("DepthBombInline4", depthBombInline(4)), // depth 18: under the text nesting limit
		doc("DepthBombChainedFragments", depthBombFragments(30)),
		doc("AliasFlood1000", aliasFlood(1000, "__typename")),
		doc("AliasFlood60Frameworks", aliasFlood(60, `framework(code: "pix") { code }`)),
		doc("FragmentBomb", fragmentBomb(40)),
		doc("NestedBraces10000", strings.Repeat("{", 10_000)),
		doc("NestedLists10000", `{ skills(search: `+strings.Repeat("[", 10_000)+`) { totalCount } }`),
		doc("TooManyTokens", "{"+strings.Repeat(" a", 6000)+" }"),
		doc("QueryOver16KiB", "# "+strings.Repeat("x", 20<<10)+"\n{ __typename }"),
		doc("VariableWithoutType", `query A($A:) { __typename }`), // graphql-go's validator panicked on it
		doc("VariableOfListOfNothing", `query($a: ]) { __typename }`),
		doc("TypeSystemDefinition", `type Evil { a: String } { __typename }`),
		doc("TwoOperationsWithoutOperationName", `query A { __typename } query B { __typename }`),
		doc("EmptyQuery", ``),
		{name: "OversizeBody", method: http.MethodPost, contentType: ctJSON,
			body: gqlBody(tb, "{ __typename }"+strings.Repeat(" ", 70_000), nil), wantStatus: http.StatusRequestEntityTooLarge, wantCode: "INVALID_INPUT"},
		{name: "BatchArray", method: http.MethodPost, contentType: ctJSON,
			body: []byte(`[{"query":"{__typename}"}]`), wantStatus: http.StatusBadRequest, wantCode: "INVALID_INPUT"},
		{name: "BatchArrayAfterSpaces", method: http.MethodPost, contentType: ctJSON,
			body: []byte(" \n\t[{\"query\":\"{__typename}\"},{\"query\":\"{__typename}\"}]"), wantStatus: http.StatusBadRequest, wantCode: "INVALID_INPUT"},
		{name: "InvalidJSON", method: http.MethodPost, contentType: ctJSON,
			body: []byte(`{"query": "{ __typename }"`), wantStatus: http.StatusBadRequest, wantCode: "INVALID_INPUT"},
		{name: "TrailingJSON", method: http.MethodPost, contentType: ctJSON,
			body: []byte(`{"query": "{ __typename }"} {"query": "{ __typename }"}`), wantStatus: http.StatusBadRequest, wantCode: "INVALID_INPUT"},
		{name: "QueryNotAString", method: http.MethodPost, contentType: ctJSON,
			body: []byte(`{"query": 5}`), wantStatus: http.StatusBadRequest, wantCode: "INVALID_INPUT"},
		{name: "VariablesNotAnObject", method: http.MethodPost, contentType: ctJSON,
			body: []byte(`{"query": "{ __typename }", "variables": [1]}`), wantStatus: http.StatusBadRequest, wantCode: "INVALID_INPUT"},
		{name: "JSONNesting20000", method: http.MethodPost, contentType: ctJSON,
			body:       []byte(`{"query": "{ __typename }", "variables": {"a": ` + strings.Repeat("[", 20_000) + strings.Repeat("]", 20_000) + `}}`),
			wantStatus: http.StatusBadRequest, wantCode: "INVALID_INPUT"},
		{name: "EmptyBody", method: http.MethodPost, contentType: ctJSON,
			body: []byte{}, wantStatus: http.StatusBadRequest, wantCode: "INVALID_INPUT"},
		{name: "GET", method: http.MethodGet,
			wantStatus: http.StatusMethodNotAllowed, wantCode: "INVALID_INPUT"},
		{name: "PUT", method: http.MethodPut, contentType: ctJSON, body: gqlBody(tb, "{ __typename }", nil),
			wantStatus: http.StatusMethodNotAllowed, wantCode: "INVALID_INPUT"},
		{name: "TextPlain", method: http.MethodPost, contentType: "text/plain;charset=UTF-8",
			body: gqlBody(tb, "{ __typename }", nil), wantStatus: http.StatusUnsupportedMediaType, wantCode: "INVALID_INPUT"},
		{name: "FormEncoded", method: http.MethodPost, contentType: "application/x-www-form-urlencoded",
			body: []byte("query=%7B__typename%7D"), wantStatus: http.StatusUnsupportedMediaType, wantCode: "INVALID_INPUT"},
		{name: "Multipart", method: http.MethodPost, contentType: multiType,
			body: multi, wantStatus: http.StatusUnsupportedMediaType, wantCode: "INVALID_INPUT"},
		{name: "NoContentType", method: http.MethodPost,
			body: gqlBody(tb, "{ __typename }", nil), wantStatus: http.StatusUnsupportedMediaType, wantCode: "INVALID_INPUT"},
		{name: "GraphQLResponseJSONContentType", method: http.MethodPost, contentType: "application/graphql",
			body: []byte("{ __typename }"), wantStatus: http.StatusUnsupportedMediaType, wantCode: "INVALID_INPUT"},
		{name: "CrossOriginPost", method: http.MethodPost, contentType: ctJSON, body: gqlBody(tb, "{ __typename }", nil),
			header:     map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
			wantStatus: http.StatusForbidden, wantCode: "FORBIDDEN"},
		{name: "CrossOriginByOriginOnly", method: http.MethodPost, contentType: ctJSON, body: gqlBody(tb, "{ __typename }", nil),
			header:     map[string]string{"Origin": "https://evil.example"},
			wantStatus: http.StatusForbidden, wantCode: "FORBIDDEN"},
		{name: "SameSiteSubdomainPost", method: http.MethodPost, contentType: ctJSON, body: gqlBody(tb, "{ __typename }", nil),
			header:     map[string]string{"Origin": "https://other.example", "Sec-Fetch-Site": "same-site"},
			wantStatus: http.StatusForbidden, wantCode: "FORBIDDEN"},
	}
}

func TestGraphQLHostileDocuments(t *testing.T) {
	srv, app := MustStartApp(t)
	normal := func(t *testing.T) {
		t.Helper()
		res := postGraphQL(t, srv, `{ frameworks { totalCount } }`, nil)
		checkResponse(t, res, http.StatusOK, "")
		if got, want := string(res.Data), `{"frameworks":{"totalCount":2}}`; got != want {
			t.Fatalf("after the hostile request, data = %s, want %s", got, want)
		}
	}
	for _, hr := range hostileRequests(t) {
		t.Run(hr.name, func(t *testing.T) {
			res := doGraphQL(t, srv.Client(), hr.newRequest(t, srv.URL))
			checkResponse(t, res, hr.wantStatus, hr.wantCode)
			if len(res.Data) != 0 && string(res.Data) != "null" {
				t.Errorf("refused request has data %.200s", res.Data)
			}
			if id := res.Header.Get("X-Request-Id"); id == "" {
				t.Error("no X-Request-Id")
			}
			if hr.wantStatus == http.StatusMethodNotAllowed {
				if got, want := res.Header.Get("Allow"), "POST"; got != want {
					t.Errorf("Allow = %q, want %q", got, want)
				}
			}
			normal(t)
		})
	}
	if got := app.gql.Busy(); got != 0 {
		t.Errorf("%d execution slots still taken after the requests", got)
	}
}

// TestGraphQLSameOriginBrowser is the positive control of the cross-origin cases: the
// SPA's own requests pass.
func TestGraphQLSameOriginBrowser(t *testing.T) {
	srv, _ := MustStartApp(t)
	for _, c := range []struct {
		name   string
		header map[string]string
	}{
		{"SecFetchSameOrigin", map[string]string{"Origin": srv.URL, "Sec-Fetch-Site": "same-origin"}},
		{"OriginMatchesHost", map[string]string{"Origin": srv.URL}},
		{"NoBrowserHeaders", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			req := newGraphQLRequest(t, srv, gqlBody(t, "{ __typename }", nil))
			for k, v := range c.header {
				req.Header.Set(k, v)
			}
			res := doGraphQL(t, srv.Client(), req)
			checkResponse(t, res, http.StatusOK, "")
			if got, want := string(res.Data), `{"__typename":"Query"}`; got != want {
				t.Errorf("data = %s, want %s", got, want)
			}
		})
	}
}

// TestGraphQLInternalErrorHidesCause closes the database under the app: the resolvers'
// errors are internal, shown with the request id and without their cause, which the
// log keeps.
func TestGraphQLInternalErrorHidesCause(t *testing.T) {
	app, logs := MustNewApp(t, MustTestConfig(t))
	srv := MustServe(t, app)
	if err := app.db.Close(); err != nil {
		t.Fatal(err)
	}
	res := postGraphQL(t, srv, `{ frameworks { totalCount } }`, nil)
	checkResponse(t, res, http.StatusOK, "INTERNAL")
	id := res.Header.Get("X-Request-Id")
	if got := res.Errors[0].Extensions["requestId"]; got != id || id == "" {
		t.Errorf("requestId = %v, want the X-Request-Id %q", got, id)
	}
	if !strings.Contains(res.Errors[0].Message, id) {
		t.Errorf("message %q does not name the request id", res.Errors[0].Message)
	}
	if l := logs.String(); !strings.Contains(l, "request_id="+id) || !strings.Contains(l, "closed") {
		t.Errorf("the log does not keep the cause with the request id:\n%s", l)
	}

	req, err := http.NewRequest(http.MethodGet, srv.URL+"/readyz", nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	if got, want := r.StatusCode, http.StatusServiceUnavailable; got != want {
		t.Errorf("/readyz with the database closed: status %d, want %d", got, want)
	}
}

func TestGraphQLConcurrent(t *testing.T) {
	srv, app := MustStartApp(t)
	type query struct {
		name       string
		query      string
		variables  map[string]any
		wantStatus int
		wantData   string // a fragment the data must contain
	}
	queries := []query{
		{"Frameworks", `{ frameworks { totalCount } }`, nil, http.StatusOK, `"totalCount":2`},
		{"Framework", frameworkQuery, map[string]any{"code": "pix"}, http.StatusOK, `"name":"Gérer des données"`},
		{"Search", searchQuery, map[string]any{"q": "donnees"}, http.StatusOK, `"name":"Gérer des données"`},
		{"Roles", `{ roles(family: DIGITAL) { totalCount edges { node { requiredSkills { skill { code } level { code } } } } } }`, nil, http.StatusOK, `"totalCount":17`},
		{"Transitions", `{ transitions(from: "B10") { totalCount edges { node { to { code } } } } }`, nil, http.StatusOK, `"totalCount":2`},
		{"Organisations", `{ organisations(type: ARS) { totalCount } }`, nil, http.StatusOK, `"totalCount":18`},
		{"Communities", `{ communities { totalCount edges { node { skills { code } } } } }`, nil, http.StatusOK, `"totalCount":7`},
		{"NotFound", `{ role(code: "ZZZ") { code } }`, nil, http.StatusOK, `"role":null`},
		{"CyclicFragments", `fragment A on Query { ...B } fragment B on Query { ...A } { ...A }`, nil, http.StatusBadRequest, ``},
	}
	// The reference answers, one request at a time.
	refs := make([]gqlResponse, len(queries))
	for i, q := range queries {
		refs[i] = postGraphQL(t, srv, q.query, q.variables)
		if refs[i].Status != q.wantStatus || !strings.Contains(string(refs[i].Data), q.wantData) {
			t.Fatalf("%s: status %d, data %.300s; want %d with %s", q.name, refs[i].Status, refs[i].Data, q.wantStatus, q.wantData)
		}
	}
	bodies := make([][]byte, len(queries))
	for i, q := range queries {
		bodies[i] = gqlBody(t, q.query, q.variables)
	}

	const workers, perWorker = 8, 50
	errc := make(chan error, workers*perWorker)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for n := range perWorker {
				i := (w*7 + n) % len(queries)
				req, err := http.NewRequest(http.MethodPost, srv.URL+"/graphql", bytes.NewReader(bodies[i]))
				if err != nil {
					errc <- err
					return
				}
				req.Header.Set("Content-Type", "application/json")
				res, err := sendGraphQL(srv.Client(), req)
				switch {
				case err != nil:
					errc <- fmt.Errorf("%s: %w", queries[i].name, err)
				case res.Status != refs[i].Status || !bytes.Equal(res.Data, refs[i].Data) || !slices.Equal(res.codes(), refs[i].codes()):
					errc <- fmt.Errorf("%s: status %d, data %.200s, codes %v; want %d, %.200s, %v", queries[i].name,
						res.Status, res.Data, res.codes(), refs[i].Status, refs[i].Data, refs[i].codes())
				}
			}
		})
	}
	wg.Wait()
	close(errc)
	failures := 0
	for err := range errc {
		if failures++; failures <= 10 {
			t.Error(err)
		}
	}
	if failures > 10 {
		t.Errorf("… %d failures in all", failures)
	}
	if got := app.gql.Busy(); got != 0 {
		t.Errorf("%d execution slots still taken", got)
	}
}
