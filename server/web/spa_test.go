package web

import (
	"bytes"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"passerelles/frontend"
)

// TestSPAAllFilesServed checks that every file of the build is served as itself (not as
// index.html), with a content type.
func TestSPAAllFilesServed(t *testing.T) {
	dist, err := fs.Sub(frontend.Dist, "dist")
	if err != nil {
		t.Fatal(err)
	}
	spa, err := NewSPA(dist, mustRouteTable(t))
	if err != nil {
		t.Fatal(err)
	}
	err = fs.WalkDir(dist, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		want, err := fs.ReadFile(dist, p)
		if err != nil {
			return err
		}
		rec := httptest.NewRecorder()
		spa.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/"+p, nil))
		if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), want) {
			t.Errorf("GET /%s: status %d, %d bytes; want 200 with the file's %d bytes", p, rec.Code, rec.Body.Len(), len(want))
		}
		if ct := rec.Header().Get("Content-Type"); ct == "" || (path.Ext(p) != ".html" && strings.HasPrefix(ct, "text/html")) {
			t.Errorf("GET /%s: Content-Type %q", p, ct)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestNewSPAWithoutIndex(t *testing.T) {
	build := fstest.MapFS{"assets/app.js": {Data: []byte("console.log(1)")}}
	if _, err := NewSPA(build, mustRouteTable(t)); err == nil || !strings.Contains(err.Error(), "make frontend") {
		t.Errorf("NewSPA(empty build) = %v, want an error that says to run make frontend", err)
	}
}
