package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"passerelles/server/web"
)

// forwardedFor makes a browser's requests come, through a trusted proxy on 127.0.0.1,
// from addr.
type forwardedFor string

func (f forwardedFor) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("X-Forwarded-For", string(f))
	return http.DefaultTransport.RoundTrip(r)
}

// from returns a browser sharing b's cookies whose requests say they come from addr.
func (b *browser) from(addr string) *browser {
	c := *b.client
	c.Transport = forwardedFor(addr)
	return &browser{tb: b.tb, base: b.base, client: &c}
}

// noFollow returns a browser sharing b's cookies and address that does not follow
// redirects.
func (b *browser) noFollow() *browser {
	c := *b.client
	c.CheckRedirect = noRedirect
	return &browser{tb: b.tb, base: b.base, client: &c}
}

// limitedResponse is a response read whole.
type limitedResponse struct {
	status     int
	retryAfter string
	body       string
	header     http.Header
}

func (b *browser) do(method, path, body string) limitedResponse {
	b.tb.Helper()
	req, _ := http.NewRequest(method, b.base+path, strings.NewReader(body))
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := b.client.Do(req)
	if err != nil {
		b.tb.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return limitedResponse{status: res.StatusCode, retryAfter: res.Header.Get("Retry-After"), body: string(out), header: res.Header}
}

// assertLimited checks a 429 with Retry-After and a French message, as JSON (the GraphQL
// error shape, code RATE_LIMITED) or as an HTML page.
func assertLimited(tb testing.TB, res limitedResponse, asJSON bool) {
	tb.Helper()
	if res.status != http.StatusTooManyRequests {
		tb.Fatalf("status %d, want 429; body %.300s", res.status, res.body)
	}
	if s, err := strconv.Atoi(res.retryAfter); err != nil || s < 1 {
		tb.Errorf("Retry-After %q, want a number of seconds", res.retryAfter)
	}
	if asJSON {
		var out struct {
			Errors []struct {
				Message    string
				Extensions map[string]any
			}
		}
		if err := json.Unmarshal([]byte(res.body), &out); err != nil || len(out.Errors) != 1 {
			tb.Fatalf("body %q, want one GraphQL error (%v)", res.body, err)
		}
		e := out.Errors[0]
		if e.Extensions["code"] != "RATE_LIMITED" || !strings.HasPrefix(e.Message, "Vous avez fait beaucoup de demandes en peu de temps : réessayez dans ") {
			tb.Errorf("error %+v, want code RATE_LIMITED and a French message", e)
		}
		return
	}
	if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") ||
		!strings.Contains(res.body, `<html lang="fr">`) || !strings.Contains(res.body, "Trop de tentatives de connexion") {
		tb.Errorf("page %q (%s), want the French sign-in page saying there were too many attempts", res.body, ct)
	}
}

func assertNotLimited(tb testing.TB, res limitedResponse) {
	tb.Helper()
	if res.status == http.StatusTooManyRequests || strings.Contains(res.body, "RATE_LIMITED") {
		tb.Fatalf("status %d, want the request served; body %.300s", res.status, res.body)
	}
}

const rankNothing = `{"query":"mutation { rankTopSkills(input: {skillIds: []}) { profile { id } } }"}`
const whoAmI = `{"query":"{ me { id } }"}`

// TestRateLimits runs the real server with small limits behind a trusted proxy (the test
// itself, on 127.0.0.1, says who the client is with X-Forwarded-For).
func TestRateLimits(t *testing.T) {
	base := MustServeDevWith(t, "-trusted-proxies", "127.0.0.1", "-rate-signin", "3/1h", "-rate-mutations", "2/1h", "-rate-export", "2/1h")
	camille := newBrowser(t, base).from("192.0.2.10")
	camille.signIn("persona-agent-travail", "/").Body.Close()
	karim := newBrowser(t, base).from("192.0.2.10") // same address, another person
	karim.signIn("persona-agent-sante", "/").Body.Close()
	if camille.me() == nil || karim.me() == nil {
		t.Fatal("personas not signed in")
	}

	t.Run("Mutations", func(t *testing.T) {
		for range 2 {
			assertNotLimited(t, camille.do(http.MethodPost, "/graphql", rankNothing))
		}
		assertLimited(t, camille.do(http.MethodPost, "/graphql", rankNothing), true)
	})
	t.Run("QueriesNotLimited", func(t *testing.T) {
		for range 5 {
			if res := camille.do(http.MethodPost, "/graphql", whoAmI); res.status != http.StatusOK || !strings.Contains(res.body, `"me":{`) {
				t.Fatalf("query after the mutation limit: %d %s", res.status, res.body)
			}
		}
	})
	t.Run("PersonLimitedAcrossAddresses", func(t *testing.T) {
		assertLimited(t, camille.from("198.51.100.200").do(http.MethodPost, "/graphql", rankNothing), true)
	})
	t.Run("OtherPersonSameAddressNotAffected", func(t *testing.T) {
		assertNotLimited(t, karim.do(http.MethodPost, "/graphql", rankNothing))
	})
	t.Run("AnonymousMutationsPerAddress", func(t *testing.T) {
		anon := newBrowser(t, base).from("203.0.113.5")
		for range 2 {
			assertNotLimited(t, anon.do(http.MethodPost, "/graphql", rankNothing))
		}
		assertLimited(t, anon.do(http.MethodPost, "/graphql", rankNothing), true)
		assertNotLimited(t, anon.from("203.0.113.6").do(http.MethodPost, "/graphql", rankNothing))
	})
	t.Run("Export", func(t *testing.T) {
		for range 2 {
			if res := camille.do(http.MethodGet, "/me/export.json", ""); res.status != http.StatusOK {
				t.Fatalf("export: %d %.200s", res.status, res.body)
			}
		}
		assertLimited(t, camille.do(http.MethodGet, "/me/export.json", ""), true)
		assertLimited(t, camille.from("198.51.100.201").do(http.MethodGet, "/me/export.json", ""), true)
		if res := karim.do(http.MethodGet, "/me/export.json", ""); res.status != http.StatusOK {
			t.Fatalf("another person's export: %d %.200s", res.status, res.body)
		}
	})
	t.Run("Login", func(t *testing.T) {
		b := newBrowser(t, base).noFollow().from("198.51.100.7")
		for range 3 {
			if res := b.do(http.MethodGet, "/auth/login", ""); res.status != http.StatusFound {
				t.Fatalf("login: %d, want 302", res.status)
			}
		}
		assertLimited(t, b.do(http.MethodGet, "/auth/login", ""), false)
		if res := b.from("198.51.100.8").do(http.MethodGet, "/auth/login", ""); res.status != http.StatusFound {
			t.Fatalf("login from another address: %d, want 302", res.status)
		}
	})
	t.Run("Callback", func(t *testing.T) {
		b := newBrowser(t, base).noFollow().from("198.51.100.9")
		for range 3 {
			if res := b.do(http.MethodGet, "/auth/callback?state=x&code=y", ""); res.status != http.StatusBadRequest {
				t.Fatalf("callback: %d, want 400", res.status)
			}
		}
		assertLimited(t, b.do(http.MethodGet, "/auth/callback?state=x&code=y", ""), false)
		if res := b.from("198.51.100.10").do(http.MethodGet, "/auth/callback?state=x&code=y", ""); res.status != http.StatusBadRequest {
			t.Fatalf("callback from another address: %d, want 400", res.status)
		}
	})
}

// Without trusted proxies, X-Forwarded-For is the client's own word: changing it gives no
// new bucket.
func TestRateLimitsForwardedForFromUntrustedPeer(t *testing.T) {
	base := MustServeDevWith(t, "-rate-signin", "2/1h")
	b := newBrowser(t, base).noFollow()
	for i := range 2 {
		if res := b.from(fmt.Sprintf("198.51.100.%d", i)).do(http.MethodGet, "/auth/login", ""); res.status != http.StatusFound {
			t.Fatalf("login: %d, want 302", res.status)
		}
	}
	assertLimited(t, b.from("198.51.100.99").do(http.MethodGet, "/auth/login", ""), false)
}

// The default limits leave room for the sign-ins and mutations of the tests and the SPA.
func TestRateLimitDefaults(t *testing.T) {
	cfg := MustTestConfig(t)
	for _, l := range []struct {
		got, want web.RateLimit
	}{{cfg.RateSignIn, DefaultRateSignIn}, {cfg.RateMutations, DefaultRateMutations}, {cfg.RateExport, DefaultRateExport}} {
		if l.got != l.want {
			t.Errorf("limit %v, want the default %v", l.got, l.want)
		}
	}
	if DefaultRateSignIn.Events < 100 || DefaultRateMutations.Events < 100 || DefaultRateExport.Events < 10 {
		t.Errorf("defaults %v %v %v: the browser tests need at least 100 sign-ins and mutations and 10 exports in a burst",
			DefaultRateSignIn, DefaultRateMutations, DefaultRateExport)
	}
}

// TestRateLimitNewDocuments: documents the cache has not seen (parsed and validated, the
// costly part) are limited per client; a cached document is not, nor is another client.
func TestRateLimitNewDocuments(t *testing.T) {
	base := MustServeDevWith(t, "-trusted-proxies", "127.0.0.1", "-rate-documents", "3/1h")
	anon := newBrowser(t, base).from("203.0.113.20")
	doc := func(i int) string {
		return fmt.Sprintf(`{"query":"{ n%d: frameworks(first: 1) { totalCount } }"}`, i)
	}
	for i := range 3 {
		assertNotLimited(t, anon.do(http.MethodPost, "/graphql", doc(i)))
	}
	assertLimited(t, anon.do(http.MethodPost, "/graphql", doc(3)), true)
	// A document already parsed costs nothing more: still served.
	if res := anon.do(http.MethodPost, "/graphql", doc(0)); res.status != http.StatusOK {
		t.Fatalf("a cached document after the limit: %d %.200s", res.status, res.body)
	}
	// Another address is not affected, and what it parses joins the cache for everyone.
	other := newBrowser(t, base).from("203.0.113.21")
	assertNotLimited(t, other.do(http.MethodPost, "/graphql", doc(3)))
	if res := anon.do(http.MethodPost, "/graphql", doc(3)); res.status != http.StatusOK {
		t.Fatalf("a document another client had parsed: %d %.200s", res.status, res.body)
	}
}

// noRedirect makes a client return redirects instead of following them.
func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
