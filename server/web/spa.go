package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

// asset is one file of the SPA build, kept in memory with its gzip form.
type asset struct {
	body        []byte
	gzipped     []byte // nil when compression does not pay
	contentType string
	etag        string
	immutable   bool // fingerprinted by Vite: cache forever
}

// SPA serves the embedded single-page application: files of the build as they are, and
// index.html for every other GET, so that client-side routes work on reload; with status
// 404 when no route of the SPA's table matches, so that a crawler, a link checker or a
// monitoring probe learns that the page does not exist, while a person still reads the
// SPA's « Page introuvable ».
type SPA struct {
	assets map[string]*asset
	index  *asset
	routes RouteTable
}

var compressible = map[string]bool{".html": true, ".js": true, ".mjs": true, ".css": true, ".svg": true,
	".json": true, ".map": true, ".txt": true, ".xml": true, ".webmanifest": true, ".ttf": true, ".ico": true}

// contentTypes are set here rather than read from the machine's /etc/mime.types, which a
// minimal server may lack.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
	".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".json": "application/json", ".map": "application/json",
	".webmanifest": "application/manifest+json", ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf",
	".png": "image/png", ".ico": "image/vnd.microsoft.icon", ".txt": "text/plain; charset=utf-8", ".xml": "application/xml",
}

// NewSPA reads the build from dist (the embedded frontend/dist); routes is the SPA's
// route table (ParseRouteTable of the embedded frontend/src/routes.json).
func NewSPA(dist fs.FS, routes RouteTable) (*SPA, error) {
	s := &SPA{assets: map[string]*asset{}, routes: routes}
	err := fs.WalkDir(dist, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(dist, p)
		if err != nil {
			return err
		}
		ext := path.Ext(p)
		a := &asset{body: body, contentType: contentTypes[ext], immutable: strings.HasPrefix(p, "assets/")}
		if a.contentType == "" {
			a.contentType = mime.TypeByExtension(ext)
		}
		if a.contentType == "" {
			a.contentType = "application/octet-stream"
		}
		sum := sha256.Sum256(body)
		a.etag = `"` + hex.EncodeToString(sum[:8]) + `"`
		if compressible[ext] && len(body) > 512 {
			var buf bytes.Buffer
			gz, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			_, _ = gz.Write(body)
			_ = gz.Close()
			if buf.Len() < len(body) {
				a.gzipped = buf.Bytes()
			}
		}
		s.assets["/"+p] = a
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("spa: read build: %w", err)
	}
	if s.index = s.assets["/index.html"]; s.index == nil {
		return nil, fmt.Errorf("spa: the build has no index.html; run `make frontend` (npm run build in frontend/)")
	}
	return s, nil
}

func (s *SPA) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "Méthode non autorisée.", http.StatusMethodNotAllowed)
		return
	}
	a, ok := s.assets[r.URL.Path]
	status := http.StatusOK
	switch {
	case ok:
	case path.Ext(r.URL.Path) != "" || strings.HasPrefix(r.URL.Path, "/assets/"):
		// A missing file is a 404, never the HTML page in its place.
		http.NotFound(w, r)
		return
	case s.routes.Match(r.URL.EscapedPath()):
		a = s.index
	default:
		a, status = s.index, http.StatusNotFound
	}
	h := w.Header()
	h.Set("Content-Type", a.contentType)
	h.Set("ETag", a.etag)
	h.Add("Vary", "Accept-Encoding")
	switch {
	case a.immutable:
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	case a == s.index:
		h.Set("Cache-Control", "no-cache")
	default:
		h.Set("Cache-Control", "public, max-age=3600")
	}
	// A 304 would stand for the page that matched: a missing one is answered in full.
	if match := r.Header.Get("If-None-Match"); status == http.StatusOK && match != "" && match == a.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := a.body
	if a.gzipped != nil && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body = a.gzipped
	}
	h.Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(body)
}
