package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

type requestIDKey struct{}

func RequestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

func newRequestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// statusRecorder remembers the status code for the access log.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

// secretPathPrefixes are the routes whose next segment is a credential: the personal
// calendar feed's token opens that agent's registrations to whoever holds it.
var secretPathPrefixes = []string{"/calendar/me/"}

// LoggedPath is the request path as logs may keep it: what follows a route whose path
// holds a credential is replaced by « … ».
func LoggedPath(path string) string {
	for _, prefix := range secretPathPrefixes {
		if strings.HasPrefix(path, prefix) {
			return prefix + "…"
		}
	}
	return path
}

// WithRequestLog gives every request an id (X-Request-Id), logs it without personal data
// (method, route, status, duration) and turns a panic into a 500 that names the id.
func WithRequestLog(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := newRequestID()
		w.Header().Set("X-Request-Id", id)
		ctx := context.WithValue(r.Context(), requestIDKey{}, id)
		rec := &statusRecorder{ResponseWriter: w}
		start := time.Now()
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				logger.Error("http: panic", "request_id", id, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				if rec.status == 0 {
					http.Error(rec, "Erreur interne. Identifiant : "+id, http.StatusInternalServerError)
				}
			}
			logger.Debug("http: request", "request_id", id, "method", r.Method, "path", LoggedPath(r.URL.Path),
				"status", rec.status, "bytes", rec.bytes, "duration_ms", float64(time.Since(start).Microseconds())/1000)
		}()
		next.ServeHTTP(rec, r.WithContext(ctx))
	})
}

// contentSecurityPolicy allows only the application's own scripts (no inline script, no
// eval); inline styles stay allowed for the design system's components.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
	"form-action 'self'; frame-ancestors 'none'"

// WithSecurityHeaders sets the security headers on every response; HSTS only in
// production, where the service is reached over https.
// formOrigins are origins forms may lead to besides 'self': the identity provider, whose
// end-session endpoint the sign-out form's redirect reaches.
func WithSecurityHeaders(production bool, next http.Handler, formOrigins ...string) http.Handler {
	csp := contentSecurityPolicy
	if len(formOrigins) > 0 {
		csp = strings.Replace(csp, "form-action 'self'", "form-action 'self' "+strings.Join(formOrigins, " "), 1)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
		if production {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// WriteJSON writes v as JSON, gzip-compressed when large and the client accepts it.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, `{"errors":[{"message":"Erreur interne.","extensions":{"code":"INTERNAL"}}]}`, http.StatusInternalServerError)
		return
	}
	WriteJSONBytes(w, status, buf.Bytes())
}

// acceptsGzip reports whether the request accepts gzip content coding.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") && strings.TrimSpace(q) != "q=0" {
			return true
		}
	}
	return false
}

// gzipWriter compresses what a handler writes.
type gzipWriter struct {
	http.ResponseWriter
	gz *gzip.Writer
}

func (g *gzipWriter) Write(b []byte) (int, error) { return g.gz.Write(b) }

// gzipWriters recycles compressors: a new gzip.Writer allocates about 1.2 MB, more than
// the whole rest of a GraphQL request.
var gzipWriters = sync.Pool{New: func() any {
	gz, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
	return gz
}}

// WithGzip compresses responses of the wrapped handler (the GraphQL API) for clients that
// accept gzip.
func WithGzip(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if !acceptsGzip(r) {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		gz := gzipWriters.Get().(*gzip.Writer)
		gz.Reset(w)
		completed := false
		defer func() {
			if completed {
				_ = gz.Close()
			} else {
				// A panic is on its way to WithRequestLog, which answers 500 in plain
				// text if nothing was sent yet: that answer is not compressed.
				w.Header().Del("Content-Encoding")
			}
			gz.Reset(io.Discard)
			gzipWriters.Put(gz)
		}()
		next.ServeHTTP(&gzipWriter{ResponseWriter: w, gz: gz}, r)
		completed = true
	})
}
