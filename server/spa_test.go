package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"net/http"
	"strings"
	"testing"

	"passerelles/frontend"
)

// readBody reads a response body, gunzipping it when it says so.
func readBody(t *testing.T, res *http.Response) []byte {
	t.Helper()
	var r io.Reader = res.Body
	if res.Header.Get("Content-Encoding") == "gzip" {
		gz, err := gzip.NewReader(res.Body)
		if err != nil {
			t.Fatalf("gzip: %v", err)
		}
		r = gz
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	return b
}

// builtAsset returns the path and content of the largest JavaScript file of the SPA
// build (large enough to be served compressed), and index.html.
func builtAsset(t *testing.T) (assetPath string, asset, index []byte) {
	t.Helper()
	index, err := fs.ReadFile(frontend.Dist, "dist/index.html")
	if err != nil {
		t.Fatalf("the SPA is not built (make frontend): %v", err)
	}
	files, err := fs.Glob(frontend.Dist, "dist/assets/*.js")
	if err != nil || len(files) == 0 {
		t.Fatalf("no dist/assets/*.js in the SPA build (%v)", err)
	}
	for _, f := range files {
		b, err := fs.ReadFile(frontend.Dist, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) > len(asset) {
			assetPath, asset = "/"+strings.TrimPrefix(f, "dist/"), b
		}
	}
	if len(asset) <= 512 {
		t.Fatalf("largest asset %s has %d bytes: too small to test compression", assetPath, len(asset))
	}
	return assetPath, asset, index
}

func TestSPA(t *testing.T) {
	srv, _ := MustStartApp(t)
	assetPath, asset, index := builtAsset(t)
	tr := srv.Client().Transport.(*http.Transport).Clone()
	tr.DisableCompression = true // see what the server sends, no transparent gunzip
	client := &http.Client{Transport: tr}

	cases := []struct {
		name, method, path string
		header             map[string]string
		wantStatus         int
		wantType           string // prefix of Content-Type
		wantCache          string
		wantEncoding       string
		wantBody           []byte
		check              func(t *testing.T, res *http.Response, body []byte)
	}{
		{name: "Home", method: http.MethodGet, path: "/",
			wantStatus: http.StatusOK, wantType: "text/html", wantCache: "no-cache", wantBody: index},
		{name: "ClientRoute", method: http.MethodGet, path: "/referentiels/pix",
			wantStatus: http.StatusOK, wantType: "text/html", wantCache: "no-cache", wantBody: index},
		{name: "ClientRouteWithID", method: http.MethodGet, path: "/profils/12",
			wantStatus: http.StatusOK, wantType: "text/html", wantCache: "no-cache", wantBody: index},
		{name: "ClientRouteSignedInOnly", method: http.MethodGet, path: "/mes-competences/",
			wantStatus: http.StatusOK, wantType: "text/html", wantCache: "no-cache", wantBody: index},
		// An unknown route is a 404 that still sends the SPA, which shows « Page introuvable ».
		{name: "UnknownRouteNotFoundPage", method: http.MethodGet, path: "/inconnue/plus/loin",
			wantStatus: http.StatusNotFound, wantType: "text/html", wantCache: "no-cache", wantBody: index},
		{name: "UnknownRouteBelowAKnownOne", method: http.MethodGet, path: "/profils/12/plus",
			wantStatus: http.StatusNotFound, wantType: "text/html", wantCache: "no-cache", wantBody: index},
		{name: "UnknownRouteGzip", method: http.MethodGet, path: "/nulle-part", header: map[string]string{"Accept-Encoding": "gzip"},
			wantStatus: http.StatusNotFound, wantType: "text/html", wantCache: "no-cache", wantEncoding: "gzip", wantBody: index},
		{name: "UnknownRouteHead", method: http.MethodHead, path: "/nulle-part",
			wantStatus: http.StatusNotFound, wantType: "text/html", wantBody: []byte{}},
		{name: "IndexByName", method: http.MethodGet, path: "/index.html",
			wantStatus: http.StatusOK, wantType: "text/html", wantCache: "no-cache", wantBody: index},
		{name: "AssetGzip", method: http.MethodGet, path: assetPath, header: map[string]string{"Accept-Encoding": "gzip"},
			wantStatus: http.StatusOK, wantType: "text/javascript", wantCache: "public, max-age=31536000, immutable",
			wantEncoding: "gzip", wantBody: asset,
			check: func(t *testing.T, res *http.Response, body []byte) {
				if !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
					t.Errorf("Vary = %q, want Accept-Encoding", res.Header.Get("Vary"))
				}
			}},
		{name: "AssetIdentity", method: http.MethodGet, path: assetPath,
			wantStatus: http.StatusOK, wantType: "text/javascript", wantCache: "public, max-age=31536000, immutable", wantBody: asset},
		{name: "AssetHead", method: http.MethodHead, path: assetPath,
			wantStatus: http.StatusOK, wantType: "text/javascript", wantBody: []byte{},
			check: func(t *testing.T, res *http.Response, body []byte) {
				if got, want := res.ContentLength, int64(len(asset)); got != want {
					t.Errorf("Content-Length = %d, want %d", got, want)
				}
			}},
		{name: "AssetMissing", method: http.MethodGet, path: "/assets/missing.js",
			wantStatus: http.StatusNotFound, wantType: "text/plain"},
		{name: "FileMissing", method: http.MethodGet, path: "/favicon-missing.ico",
			wantStatus: http.StatusNotFound, wantType: "text/plain"},
		{name: "AssetsDirectory", method: http.MethodGet, path: "/assets/",
			wantStatus: http.StatusNotFound, wantType: "text/plain"},
		{name: "PostHome", method: http.MethodPost, path: "/",
			wantStatus: http.StatusMethodNotAllowed,
			check: func(t *testing.T, res *http.Response, body []byte) {
				if got, want := res.Header.Get("Allow"), "GET, HEAD"; got != want {
					t.Errorf("Allow = %q, want %q", got, want)
				}
			}},
		{name: "DeleteClientRoute", method: http.MethodDelete, path: "/referentiels/pix",
			wantStatus: http.StatusMethodNotAllowed},
		{name: "Healthz", method: http.MethodGet, path: "/healthz",
			wantStatus: http.StatusOK, wantType: "application/json", wantBody: []byte(`{"status":"ok"}` + "\n")},
		{name: "Readyz", method: http.MethodGet, path: "/readyz",
			wantStatus: http.StatusOK, wantType: "application/json", wantBody: []byte(`{"status":"ready"}` + "\n")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, err := http.NewRequest(c.method, srv.URL+c.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range c.header {
				req.Header.Set(k, v)
			}
			res, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			if got, want := res.Header.Get("Content-Encoding"), c.wantEncoding; got != want {
				t.Errorf("Content-Encoding = %q, want %q", got, want)
			}
			body := readBody(t, res)
			if got, want := res.StatusCode, c.wantStatus; got != want {
				t.Fatalf("status = %d, want %d; body %.200q", got, want, body)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, c.wantType) {
				t.Errorf("Content-Type = %q, want %s…", ct, c.wantType)
			}
			if c.wantStatus == http.StatusNotFound && !bytes.Equal(c.wantBody, index) && bytes.Contains(body, []byte("<html")) {
				t.Errorf("a missing file is answered with HTML: %.200q", body)
			}
			if c.wantCache != "" {
				if got, want := res.Header.Get("Cache-Control"), c.wantCache; got != want {
					t.Errorf("Cache-Control = %q, want %q", got, want)
				}
			}
			if c.wantBody != nil && !bytes.Equal(body, c.wantBody) {
				t.Errorf("body (%d bytes) differs from the expected %d bytes: %.100q", len(body), len(c.wantBody), body)
			}
			if c.check != nil {
				c.check(t, res, body)
			}
		})
	}

	t.Run("ConditionalGetOfUnknownRoute", func(t *testing.T) {
		// The index's ETag, from a known route: an unknown one still answers 404 in full,
		// never 304, which would stand for a page that exists.
		res, err := client.Get(srv.URL + "/")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		req, err := http.NewRequest(http.MethodGet, srv.URL+"/nulle-part", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("If-None-Match", res.Header.Get("ETag"))
		res, err = client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if body := readBody(t, res); res.StatusCode != http.StatusNotFound || !bytes.Equal(body, index) {
			t.Errorf("status = %d with %d bytes, want 404 with the SPA's %d bytes", res.StatusCode, len(body), len(index))
		}
	})

	t.Run("ConditionalGet", func(t *testing.T) {
		res, err := client.Get(srv.URL + assetPath)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		etag := res.Header.Get("ETag")
		if etag == "" {
			t.Fatal("no ETag")
		}
		req, err := http.NewRequest(http.MethodGet, srv.URL+assetPath, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("If-None-Match", etag)
		res, err = client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if got, want := res.StatusCode, http.StatusNotModified; got != want {
			t.Errorf("status = %d, want %d", got, want)
		}
	})
}
