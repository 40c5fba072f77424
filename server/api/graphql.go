package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"regexp"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"
	"github.com/hashicorp/golang-lru/v2/simplelru"

	"passerelles"
	"passerelles/resolvers"
	"passerelles/schema"
	"passerelles/server/web"
)

// maxGraphQLBody bounds the JSON body of one GraphQL request.
const maxGraphQLBody = 64 << 10

// GraphQLHandler serves POST /graphql: one JSON operation per request. Before graphql-go
// sees a document, the handler bounds the body, refuses batches, checks the raw text and
// the parsed document against DocumentLimits (depth, fields, aliases, fragment cycles —
// graphql-go v0.8.1 has no such limits and crashes on cyclic fragments), then validates;
// documents that pass are cached by query text, so that a repeated query skips parsing and
// validation. Then, at every request (the cost depends on the variables), the query cost
// model prices the operation, and the handler refuses it above DocumentLimits.MaxCost
// before anything runs.
type GraphQLHandler struct {
	schema   graphql.Schema
	resolver *resolvers.Resolver
	limits   DocumentLimits
	cost     *CostModel
	opts     GraphQLOptions
	timeout  time.Duration
	logger   *slog.Logger
	cache    *documentCache
	// slots bounds the requests being validated or executed at once. graphql-go's
	// validation cannot be interrupted, and a document within the limits may still cost
	// about 0.15 s of CPU, so without a bound a burst of such documents would take every
	// core; with one, the burst waits its turn and the rest of the service keeps answering.
	slots chan struct{}
}

// GraphQLOptions are the settings of the GraphQL endpoint: what differs between
// development and production (production answers less), and its rate limits.
type GraphQLOptions struct {
	// Introspection answers __schema and __type: on in development (GraphiQL, code
	// generation), off in production unless a setting turns it on.
	Introspection bool
	// Suggestions keeps graphql-go's « Did you mean … » hints in validation errors, which
	// name fields, arguments and types of the schema: development only.
	Suggestions bool
	// ReferentialSizes are the sizes of the referentials' lists for the query cost model
	// (ReadReferentialSizes).
	ReferentialSizes map[string]int

	// MutationLimit limits mutations per person or client address (nil: no limit), each
	// mutation field of a document counting once.
	MutationLimit *web.RateLimiter
	// ExportLimit is the limit of GET /me/export.json, which each exportMyData field of a
	// query counts against too (nil: no limit).
	ExportLimit *web.RateLimiter
	// DocumentLimit limits, per person or client address, the documents that are not in
	// the cache yet: parsing and validating is the costly part that a flood of distinct
	// documents would repeat (nil: no limit).
	DocumentLimit *web.RateLimiter
}

// NewGraphQLHandler returns the handler of the schema. It fails when the query cost
// model does not cover every list field of the schema.
func NewGraphQLHandler(schema graphql.Schema, r *resolvers.Resolver, logger *slog.Logger, opts GraphQLOptions) (*GraphQLHandler, error) {
	cost, err := NewCostModel(&schema, opts.ReferentialSizes)
	if err != nil {
		return nil, err
	}
	return &GraphQLHandler{schema: schema, resolver: r, limits: DefaultDocumentLimits(), cost: cost, opts: opts,
		timeout: 15 * time.Second, logger: logger, cache: newDocumentCache(512, docCacheMaxBytes),
		slots: make(chan struct{}, 4*runtime.GOMAXPROCS(0))}, nil
}

// acquire takes an execution slot, waiting at most until ctx ends; it reports whether it
// got one. The caller gives the slot back with release.
func (h *GraphQLHandler) acquire(ctx context.Context) bool {
	select {
	case h.slots <- struct{}{}: // a free slot wins over an ended context
		return true
	default:
	}
	select {
	case h.slots <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

func (h *GraphQLHandler) release() { <-h.slots }

// Busy returns how many requests hold an execution slot now: none once every request
// has ended, whatever became of it (tests check that no path leaks a slot).
func (h *GraphQLHandler) Busy() int { return len(h.slots) }

type graphQLRequest struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName"`
	Variables     map[string]any `json:"variables"`
	Extensions    map[string]any `json:"extensions"`
}

// graphQLError is one error of a response, with its extensions.code.
type graphQLError struct {
	Message    string                     `json:"message"`
	Locations  []gqlerrors.FormattedError `json:"-"`
	Path       []any                      `json:"path,omitempty"`
	Extensions map[string]any             `json:"extensions"`
}

type graphQLResponse struct {
	Data   any            `json:"data,omitempty"`
	Errors []graphQLError `json:"errors,omitempty"`
}

func (h *GraphQLHandler) refuse(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	WriteError(w, r, status, code, message)
}

// Cost prices query (an operation without variables) as the handler would before running
// it, against the handler's bound (MaxCost): benchmarks and tests of the wiring use it to
// keep their documents at the bound. The query must parse and validate.
func (h *GraphQLHandler) Cost(query, operationName string) (cost, limit int64, err error) {
	doc, errs := h.prepare(query)
	if len(errs) > 0 {
		return 0, 0, errors.New(errs[0].Message)
	}
	limit = int64(h.limits.MaxCost)
	cost, err = h.cost.Check(doc, operationName, nil, limit, h.opts.Introspection)
	return cost, limit, err
}

// WriteError answers a request refused before any GraphQL runs (another origin, a rate
// limit…) with status and one error in the shape of GraphQL errors, code in
// extensions.code beside the request id, so that clients read every refusal alike.
func WriteError(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	web.WriteJSON(w, status, graphQLResponse{Errors: []graphQLError{{Message: message,
		Extensions: map[string]any{"code": code, "requestId": web.RequestIDFrom(r.Context())}}}})
}

func (h *GraphQLHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.refuse(w, r, http.StatusMethodNotAllowed, passerelles.EINVALID, "L’API GraphQL n’accepte que la méthode POST.")
		return
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		h.refuse(w, r, http.StatusUnsupportedMediaType, passerelles.EINVALID, "L’API GraphQL n’accepte que du JSON (Content-Type: application/json).")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxGraphQLBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			h.refuse(w, r, http.StatusRequestEntityTooLarge, passerelles.EINVALID, "La requête est trop volumineuse (64 Kio au plus).")
			return
		}
		h.refuse(w, r, http.StatusBadRequest, passerelles.EINVALID, "Le corps de la requête n’a pas pu être lu.")
		return
	}
	if trimmed := bytes.TrimLeft(body, " \t\r\n"); len(trimmed) > 0 && trimmed[0] == '[' {
		h.refuse(w, r, http.StatusBadRequest, passerelles.EINVALID, "Une requête porte une seule opération GraphQL : les lots (tableaux) ne sont pas acceptés.")
		return
	}
	var req graphQLRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&req); err != nil || dec.More() {
		h.refuse(w, r, http.StatusBadRequest, passerelles.EINVALID, "Le corps de la requête doit être un objet JSON {query, variables, operationName}.")
		return
	}
	if req.Query == "" {
		h.refuse(w, r, http.StatusBadRequest, passerelles.EINVALID, "La requête ne contient pas de document GraphQL (champ « query »).")
		return
	}
	if !h.cache.contains(req.Query) && !h.opts.DocumentLimit.Admit(w, r) {
		return
	}
	// The request's whole budget, waiting for a slot included.
	ctx, cancel := context.WithTimeout(r.Context(), h.timeout)
	defer cancel()
	if !h.acquire(ctx) {
		w.Header().Set("Retry-After", "1")
		h.refuse(w, r, http.StatusServiceUnavailable, passerelles.EINTERNAL, "Le service est très sollicité, réessayez dans un instant.")
		return
	}
	defer h.release()
	doc, errs := h.prepare(req.Query)
	if errs != nil {
		web.WriteJSON(w, http.StatusBadRequest, graphQLResponse{Errors: errs})
		return
	}
	if msg := h.checkOperation(doc, req.OperationName); msg != "" {
		h.refuse(w, r, http.StatusBadRequest, passerelles.EINVALID, msg)
		return
	}
	// Limits count what the document runs: each mutation field, each export.
	mutations, exports := rateLimitedFields(doc, selectedOperation(doc, req.OperationName))
	if !h.opts.MutationLimit.AdmitN(w, r, mutations) || !h.opts.ExportLimit.AdmitN(w, r, exports) {
		return
	}
	vars, refusal := coerceVariables(&h.schema, doc, req.OperationName, req.Variables)
	if refusal != nil { // 200, as graphql-go answered variable errors: the document itself is valid
		ext := map[string]any{"code": passerelles.EINVALID, "requestId": web.RequestIDFrom(r.Context()), "variable": refusal.Variable}
		if refusal.Field != "" {
			ext["field"] = refusal.Field
		}
		web.WriteJSON(w, http.StatusOK, graphQLResponse{Errors: []graphQLError{{Message: refusal.Message, Extensions: ext}}})
		return
	}
	// The cost depends on the variables (`first: $n`), so it is checked at every request,
	// cached document or not; it is linear in the size of the document.
	if _, err := h.cost.Check(doc, req.OperationName, vars, int64(h.limits.MaxCost), h.opts.Introspection); err != nil {
		h.refuse(w, r, http.StatusBadRequest, passerelles.EINVALID, "Document GraphQL refusé : "+err.Error())
		return
	}
	ctx = h.resolver.WithLoaders(ctx)
	result := graphql.Execute(graphql.ExecuteParams{Schema: h.schema, AST: doc, OperationName: req.OperationName,
		Args: vars, Context: ctx})
	resp := graphQLResponse{Data: result.Data}
	for _, e := range result.Errors {
		resp.Errors = append(resp.Errors, h.executionError(r.Context(), e))
	}
	body, err = resp.appendJSON(make([]byte, 0, 8<<10))
	if err != nil {
		h.logger.ErrorContext(r.Context(), "graphql response not encoded", "err", err)
		web.WriteJSON(w, http.StatusInternalServerError, graphQLResponse{Errors: []graphQLError{{Message: "Erreur interne.",
			Extensions: map[string]any{"code": passerelles.EINTERNAL}}}})
		return
	}
	web.WriteJSONBytes(w, http.StatusOK, body)
}

// appendJSON appends the response as WriteJSON would encode it (the data, then the
// errors), the data without reflection (web.AppendJSON).
func (resp graphQLResponse) appendJSON(b []byte) ([]byte, error) {
	b = append(b, '{')
	var err error
	if resp.Data != nil {
		b = append(b, `"data":`...)
		if b, err = web.AppendJSON(b, resp.Data); err != nil {
			return b, err
		}
	}
	if len(resp.Errors) > 0 {
		if resp.Data != nil {
			b = append(b, ',')
		}
		b = append(b, `"errors":`...)
		if b, err = web.AppendJSON(b, resp.Errors); err != nil {
			return b, err
		}
	}
	return append(b, '}', '\n'), nil
}

// prepare returns the parsed and validated document of query, from the cache when it was
// seen before; else the errors to send back.
func (h *GraphQLHandler) prepare(query string) (doc *ast.Document, errs []graphQLError) {
	if doc, ok := h.cache.get(query); ok {
		return doc, nil
	}
	invalid := func(msg string) []graphQLError {
		return []graphQLError{{Message: msg, Extensions: map[string]any{"code": passerelles.EINVALID}}}
	}
	// graphql-go's parser accepts some malformed documents that its validator then
	// dereferences as nil; CheckDocument refuses the shapes known to do it, and this
	// catches the others (a recoverable panic: stack overflows are prevented by the limits).
	defer func() {
		if v := recover(); v != nil {
			h.logger.Error("graphql: graphql-go panicked on a document", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			doc, errs = nil, invalid("Document GraphQL refusé : il n’a pas pu être analysé.")
		}
	}()
	if err := CheckQueryText(query, h.limits); err != nil {
		return nil, invalid("Document GraphQL refusé : " + err.Error())
	}
	doc, err := parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{Body: []byte(query), Name: "GraphQL request"})})
	if err != nil {
		return nil, invalid("Document GraphQL illisible : " + gqlerrors.FormatError(err).Message)
	}
	if err := CheckDocument(doc, h.limits); err != nil {
		return nil, invalid("Document GraphQL refusé : " + err.Error())
	}
	if vr := graphql.ValidateDocument(&h.schema, doc, nil); !vr.IsValid {
		var errs []graphQLError
		for _, e := range vr.Errors {
			msg := e.Message
			if !h.opts.Suggestions {
				msg = didYouMean.ReplaceAllString(msg, "")
			}
			errs = append(errs, graphQLError{Message: msg, Extensions: map[string]any{"code": passerelles.EINVALID}})
		}
		return nil, errs
	}
	if msg := checkLiterals(&h.schema, doc); msg != "" {
		return nil, invalid(msg)
	}
	h.cache.put(query, doc)
	return doc, nil
}

// didYouMean matches graphql-go's suggestions (« Did you mean "skills" or "skill"? »,
// « Did you mean to use an inline fragment on "Skill"? »), which tell a stranger the names
// of the schema that introspection would: production leaves them out. GraphQL names hold
// no "?", so the hint ends at the first one.
var didYouMean = regexp.MustCompile(` *Did you mean [^?]*\?`)

// executionError turns an execution error into what the client may see. Domain errors
// keep their code and message, and the input field they concern as extensions.field; errors outside any field (variables that do not fit their
// types) are the client's; anything else is internal: logged with the request id, never
// shown.
func (h *GraphQLHandler) executionError(ctx context.Context, e gqlerrors.FormattedError) graphQLError {
	out := graphQLError{Path: e.Path, Extensions: map[string]any{}}
	orig := schema.OriginalError(e)
	var de *passerelles.Error
	switch {
	case errors.As(orig, &de):
		out.Message, out.Extensions["code"] = de.Message, de.Code
		if de.Field != "" {
			out.Extensions["field"] = de.Field
		}
	case errors.Is(orig, context.DeadlineExceeded) || errors.Is(orig, context.Canceled):
		out.Message, out.Extensions["code"] = "La requête a pris trop de temps et a été interrompue.", passerelles.EINTERNAL
		out.Extensions["requestId"] = web.RequestIDFrom(ctx)
	case len(e.Path) == 0 && orig == nil:
		out.Message, out.Extensions["code"] = e.Message, passerelles.EINVALID
	default:
		id := web.RequestIDFrom(ctx)
		h.logger.Error("graphql: internal error", "request_id", id, "path", e.Path, "error", e.Message)
		out.Message, out.Extensions["code"] = "Erreur interne. Si elle persiste, indiquez l’identifiant "+id+" à l’équipe.", passerelles.EINTERNAL
		out.Extensions["requestId"] = id
	}
	return out
}

// checkOperation finds the operation to run the way graphql-go will, and returns why the
// request cannot run it, or "". graphql-go reports these cases as plain errors outside
// any field, which executionError cannot tell from a recovered panic; checking them here
// makes them the client's (400) instead of internal.
func (h *GraphQLHandler) checkOperation(doc *ast.Document, name string) string {
	n := 0
	for _, d := range doc.Definitions {
		if _, ok := d.(*ast.OperationDefinition); ok {
			n++
		}
	}
	op := selectedOperation(doc, name)
	switch {
	case n > 1 && name == "":
		return "Le document contient plusieurs opérations : précisez « operationName »."
	case op == nil && name != "":
		return "Le document ne contient pas d’opération nommée « " + passerelles.EchoText(name, 40) + " »."
	case op == nil:
		return "Le document ne contient aucune opération."
	case op.Operation == ast.OperationTypeMutation && h.schema.MutationType() == nil,
		op.Operation == ast.OperationTypeSubscription:
		return "L’API n’accepte pas les opérations « " + op.Operation + " »."
	}
	return ""
}

// documentCache keeps parsed and validated documents by query text, least recently used
// first out, bounded in bytes and not only in count: a parsed document holds many times its
// text (graphql-go's AST keeps a node, a location and often a copy of the source per token),
// so a count alone let documents of 5 KB fill 110 MB at 512 entries. Each entry is charged
// docCacheBytesPerQueryByte times its text plus a fixed overhead, an upper estimate checked
// by BenchmarkDocumentCacheMemory.
type documentCache struct {
	mu       sync.Mutex
	lru      *simplelru.LRU[string, *ast.Document]
	bytes    int64 // charged for the entries held
	maxBytes int64
}

const (
	// docCacheBytesPerQueryByte and docCacheEntryOverhead estimate what one cached
	// document holds in memory (BenchmarkDocumentCacheMemory: about 23 bytes per byte of
	// text for documents of 1–15 KiB; up to 44 for documents with many short tokens, as a
	// review measured).
	docCacheBytesPerQueryByte = 64
	docCacheEntryOverhead     = 2048
	// docCacheMaxBytes bounds the whole cache: about 500 of this application's documents
	// (1–2 KiB each), or 30 documents at the 16 KiB text limit.
	docCacheMaxBytes = 32 << 20
)

func newDocumentCache(maxEntries int, maxBytes int64) *documentCache {
	c := &documentCache{maxBytes: maxBytes}
	// The callback runs under c.mu (from Add or RemoveOldest), so it may update c.bytes.
	c.lru, _ = simplelru.NewLRU(maxEntries, func(q string, _ *ast.Document) { c.bytes -= docCacheCharge(q) })
	return c
}

// docCacheCharge is what an entry of query text q counts against the byte bound.
func docCacheCharge(q string) int64 {
	return int64(len(q))*docCacheBytesPerQueryByte + docCacheEntryOverhead
}

// contains reports whether q is cached, without counting as a use.
func (c *documentCache) contains(q string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Contains(q)
}

func (c *documentCache) get(q string) (*ast.Document, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Get(q)
}

func (c *documentCache) put(q string, d *ast.Document) {
	charge := docCacheCharge(q)
	if charge > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lru.Contains(q) {
		return
	}
	c.bytes += charge
	c.lru.Add(q, d) // may evict the oldest by count, which the callback uncharges
	for c.bytes > c.maxBytes {
		c.lru.RemoveOldest()
	}
}

// size returns the entries held and the bytes charged for them.
func (c *documentCache) size() (entries int, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len(), c.bytes
}
