package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"passerelles/seed"
)

// MustServeDev runs the real server (serve) in development on a free port of 127.0.0.1,
// with the embedded identity provider, and returns its base URL.
func MustServeDev(tb testing.TB) string {
	tb.Helper()
	return MustServeDevWith(tb)
}

// MustServeDevWith is MustServeDev with more command-line flags (rate limits, proxies).
func MustServeDevWith(tb testing.TB, flags ...string) string {
	tb.Helper()
	cfg, err := parseServeConfig(append([]string{"-addr", "127.0.0.1:0", "-db", filepath.Join(tb.TempDir(), "flow.db"), "-demo-agents", "10"}, flags...))
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, slog.New(slog.DiscardHandler), ready) }()
	select {
	case addr := <-ready:
		tb.Cleanup(func() {
			cancel()
			if err := <-done; err != nil {
				tb.Errorf("serve: %v", err)
			}
		})
		return "http://" + addr
	case err := <-done:
		cancel()
		tb.Fatalf("serve: %v", err)
	case <-time.After(60 * time.Second):
		cancel()
		tb.Fatal("server not ready")
	}
	return ""
}

type browser struct {
	tb     testing.TB
	base   string
	client *http.Client
	// lastError is the message of the first error of the last GraphQL response, for
	// failure messages.
	lastError string
}

func newBrowser(tb testing.TB, base string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{tb: tb, base: base, client: &http.Client{Jar: jar, Timeout: 10 * time.Second}}
}

var hiddenID = regexp.MustCompile(`name="id" value="([^"]+)"`)

// signIn goes through the whole flow as the persona and returns the final response.
func (b *browser) signIn(subject, returnTo string) *http.Response {
	b.tb.Helper()
	res, err := b.client.Get(b.base + "/auth/login?return_to=" + url.QueryEscape(returnTo))
	if err != nil {
		b.tb.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(page), "Connexion de démonstration") {
		b.tb.Fatalf("login page not shown: %d %s", res.StatusCode, page)
	}
	m := hiddenID.FindSubmatch(page)
	if m == nil {
		b.tb.Fatal("no authorization request id in the page")
	}
	form := url.Values{"id": {string(m[1])}, "persona": {subject}}
	req, _ := http.NewRequest(http.MethodPost, res.Request.URL.String(), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.base)
	res, err = b.client.Do(req)
	if err != nil {
		b.tb.Fatal(err)
	}
	return res
}

// me asks GraphQL who is signed in.
func (b *browser) me() map[string]any {
	b.tb.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.base+"/graphql", strings.NewReader(`{"query":"{ me { id givenName usualName email accessRoles animatedCommunities { code } } }"}`))
	req.Header.Set("Content-Type", "application/json")
	res, err := b.client.Do(req)
	if err != nil {
		b.tb.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Data struct {
			Me map[string]any `json:"me"`
		} `json:"data"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		b.tb.Fatal(err)
	}
	return out.Data.Me
}

func TestSignInFlowWithEmbeddedProvider(t *testing.T) {
	base := MustServeDev(t)
	for _, p := range seed.Personas {
		t.Run(p.Subject, func(t *testing.T) {
			b := newBrowser(t, base)
			if me := b.me(); me != nil {
				t.Fatalf("signed in before signing in: %v", me)
			}
			res := b.signIn(p.Subject, "/referentiels/pix")
			res.Body.Close()
			if got, want := res.Request.URL.Path, "/referentiels/pix"; got != want {
				t.Fatalf("landed on %s, want %s", got, want)
			}
			me := b.me()
			if me == nil || me["givenName"] != p.GivenName || me["usualName"] != p.UsualName || me["email"] != p.Email {
				t.Fatalf("me = %v, want %s %s", me, p.GivenName, p.UsualName)
			}
			roles, _ := json.Marshal(me["accessRoles"])
			for _, r := range p.Access {
				if !strings.Contains(string(roles), string(r)) {
					t.Fatalf("roles %s lack %s", roles, r)
				}
			}
			animates, _ := json.Marshal(me["animatedCommunities"])
			if p.AnimatorOf != "" && !strings.Contains(string(animates), `"code":"`+p.AnimatorOf+`"`) || p.AnimatorOf == "" && string(animates) != "[]" {
				t.Fatalf("animated communities = %s, want %q", animates, p.AnimatorOf)
			}
			old := b.client.Jar.Cookies(mustURL(t, base))

			// Sign out: the local session ends, then the provider's end-session endpoint
			// sends the browser back home.
			req, _ := http.NewRequest(http.MethodPost, base+"/auth/logout", nil)
			req.Header.Set("Origin", base)
			res, err := b.client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK || res.Request.URL.Path != "/" {
				t.Fatalf("after sign-out: %d at %s, want 200 at /", res.StatusCode, res.Request.URL)
			}
			if me := b.me(); me != nil {
				t.Fatalf("still signed in after sign-out: %v", me)
			}

			// The old cookie opens nothing.
			replay := newBrowser(t, base)
			replay.client.Jar.SetCookies(mustURL(t, base), old)
			if me := replay.me(); me != nil {
				t.Fatalf("old session cookie still accepted: %v", me)
			}
		})
	}
}

func mustURL(tb testing.TB, s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

func TestLocalhostRedirectsToBaseURL(t *testing.T) {
	base := MustServeDev(t)
	u := mustURL(t, base)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Get("http://localhost:" + u.Port() + "/referentiels/pix?x=1")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if got, want := res.Header.Get("Location"), base+"/referentiels/pix?x=1"; res.StatusCode != http.StatusTemporaryRedirect || got != want {
		t.Fatalf("%d to %q, want 307 to %q", res.StatusCode, got, want)
	}
}
