package web

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestPanicBecomes500 checks the last line of defence: a panic in a handler is a 500
// naming the request id, without the panic value, compressed or not.
func TestPanicBecomes500(t *testing.T) {
	panicking := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic("secret detail /src/app.go:12") })
	for _, c := range []struct {
		name           string
		handler        http.Handler
		acceptEncoding string
	}{
		{"Plain", panicking, ""},
		{"UnderGzipNotAccepted", WithGzip(panicking), ""},
		{"UnderGzipAccepted", WithGzip(panicking), "gzip"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var logs bytes.Buffer // one request at a time: no lock needed
			h := WithRequestLog(slog.New(slog.NewTextHandler(&logs, nil)), WithSecurityHeaders(false, c.handler))
			req := httptest.NewRequest(http.MethodPost, "/graphql", nil)
			req.Header.Set("Accept-Encoding", c.acceptEncoding)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if got, want := rec.Code, http.StatusInternalServerError; got != want {
				t.Fatalf("status = %d, want %d", got, want)
			}
			if got := rec.Header().Get("Content-Encoding"); got != "" {
				t.Errorf("Content-Encoding = %q on a plain-text error", got)
			}
			id := rec.Header().Get("X-Request-Id")
			if body := rec.Body.String(); !strings.Contains(body, id) || strings.Contains(body, "secret") || strings.Contains(body, ".go") {
				t.Errorf("body = %q, want the request id %s and no panic detail", body, id)
			}
			if l := logs.String(); !strings.Contains(l, "secret detail") || !strings.Contains(l, id) {
				t.Errorf("log does not keep the panic with the request id:\n%s", l)
			}
		})
	}
}

// TestRequestLogHidesCredentials: the access log never keeps the token of a personal
// calendar feed, which opens that agent's registrations to whoever reads it.
func TestRequestLogHidesCredentials(t *testing.T) {
	const token = "Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6"
	for _, c := range []struct{ path, want string }{
		{"/calendar/me/" + token + ".ics", "/calendar/me/…"},
		{"/calendar/me/" + token, "/calendar/me/…"},
		{"/calendar/me/" + token + "/x.ics", "/calendar/me/…"},
		{"/calendar/events/12.ics", "/calendar/events/12.ics"},
	} {
		t.Run(strings.ReplaceAll(c.path, "/", "_"), func(t *testing.T) {
			var logs bytes.Buffer
			h := WithRequestLog(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
				http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNotFound) }))
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, c.path, nil))
			l := logs.String()
			if strings.Contains(l, token) {
				t.Fatalf("the log keeps the token:\n%s", l)
			}
			if !strings.Contains(l, "path="+c.want+" ") {
				t.Fatalf("the log does not show path=%s:\n%s", c.want, l)
			}
		})
	}
}

func TestAcceptsGzip(t *testing.T) {
	for _, c := range []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"br, gzip, deflate", true},
		{"GZIP;q=0.5", true},
		{"gzip;q=0", false},
		{"deflate", false},
		{"x-gzip", false},
	} {
		t.Run(c.header, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.Header.Set("Accept-Encoding", c.header)
			if got := acceptsGzip(req); got != c.want {
				t.Errorf("acceptsGzip(%q) = %v, want %v", c.header, got, c.want)
			}
		})
	}
}
