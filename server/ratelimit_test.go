package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseRateLimit(t *testing.T) {
	for _, tt := range []struct {
		in      string
		want    RateLimit
		wantErr bool
	}{
		{in: "300/1m", want: RateLimit{Events: 300, Per: time.Minute}},
		{in: "30/1h", want: RateLimit{Events: 30, Per: time.Hour}},
		{in: " 5/10s ", want: RateLimit{Events: 5, Per: 10 * time.Second}},
		{in: "off", want: RateLimit{Off: true}},
		{in: "300", wantErr: true},
		{in: "0/1m", wantErr: true},
		{in: "-1/1m", wantErr: true},
		{in: "10/0s", wantErr: true},
		{in: "10/1ms", wantErr: true},
		{in: "10/48h", wantErr: true},
		{in: "many/1m", wantErr: true},
		{in: "10/minute", wantErr: true},
		{in: "", wantErr: true},
	} {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseRateLimit(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("ParseRateLimit(%q) = %v, want an error", tt.in, got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseRateLimit(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			if again, err := ParseRateLimit(got.String()); err != nil || again != got {
				t.Fatalf("String() %q reads back as %v, %v", got.String(), again, err)
			}
		})
	}
}

func TestParseTrustedProxies(t *testing.T) {
	for _, tt := range []struct {
		in      string
		want    string // prefixes, comma separated
		wantErr bool
	}{
		{in: "", want: ""},
		{in: "10.0.0.0/8", want: "10.0.0.0/8"},
		{in: "10.1.2.3/8, 192.0.2.7", want: "10.0.0.0/8,192.0.2.7/32"},
		{in: "2001:db8::/32 ::1", want: "2001:db8::/32,::1/128"},
		{in: "::ffff:10.0.0.0/104", want: "10.0.0.0/8"},
		{in: "::ffff:192.0.2.7", want: "192.0.2.7/32"},
		{in: "proxy.example", wantErr: true},
		{in: "10.0.0.0/33", wantErr: true},
		{in: "::ffff:0.0.0.0/64", wantErr: true},
	} {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseTrustedProxies(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("ParseTrustedProxies(%q) = %v, want an error", tt.in, got)
				}
				return
			}
			var s []string
			for _, p := range got {
				s = append(s, p.String())
			}
			if err != nil || strings.Join(s, ",") != tt.want {
				t.Fatalf("ParseTrustedProxies(%q) = %v, %v; want %s", tt.in, s, err, tt.want)
			}
		})
	}
}

func TestClientAddress(t *testing.T) {
	trusted, err := ParseTrustedProxies("10.0.0.0/8, 2001:db8:aaaa::/48")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		peer   string
		xff    []string
		want   string
		noList bool // no proxy trusted at all
	}{
		{name: "NoProxy", peer: "192.0.2.1:5000", want: "192.0.2.1"},
		{name: "UntrustedPeerForwardedForIgnored", peer: "192.0.2.1:5000", xff: []string{"198.51.100.9"}, want: "192.0.2.1"},
		{name: "NothingTrustedForwardedForIgnored", peer: "10.0.0.2:5000", xff: []string{"198.51.100.9"}, want: "10.0.0.2", noList: true},
		{name: "TrustedPeer", peer: "10.0.0.2:5000", xff: []string{"198.51.100.9"}, want: "198.51.100.9"},
		{name: "TrustedPeerWithoutHeader", peer: "10.0.0.2:5000", want: "10.0.0.2"},
		{name: "ChainOfTrustedProxies", peer: "10.0.0.2:5000", xff: []string{"198.51.100.9, 10.0.0.7, 10.0.0.3"}, want: "198.51.100.9"},
		{name: "SpoofedLeftEntriesIgnored", peer: "10.0.0.2:5000", xff: []string{"203.0.113.66, 198.51.100.9"}, want: "198.51.100.9"},
		{name: "SpoofedTrustedAddressInFront", peer: "10.0.0.2:5000", xff: []string{"10.9.9.9, 198.51.100.9"}, want: "198.51.100.9"},
		{name: "SeveralHeaderLines", peer: "10.0.0.2:5000", xff: []string{"203.0.113.66", "198.51.100.9, 10.0.0.3"}, want: "198.51.100.9"},
		{name: "AllTrusted", peer: "10.0.0.2:5000", xff: []string{"10.0.0.9, 10.0.0.3"}, want: "10.0.0.9"},
		{name: "GarbageStopsAtTheProxyThatWroteIt", peer: "10.0.0.2:5000", xff: []string{"198.51.100.9, unknown"}, want: "10.0.0.2"},
		{name: "GarbageLeftOfClient", peer: "10.0.0.2:5000", xff: []string{"<script>, 198.51.100.9"}, want: "198.51.100.9"},
		{name: "EntryWithPort", peer: "10.0.0.2:5000", xff: []string{"198.51.100.9:4711"}, want: "198.51.100.9"},
		{name: "IPv6", peer: "[2001:db8:aaaa::1]:443", xff: []string{"2001:db8:bbbb::42"}, want: "2001:db8:bbbb::42"},
		{name: "IPv6WithPort", peer: "[2001:db8:aaaa::1]:443", xff: []string{"[2001:db8:bbbb::42]:443"}, want: "2001:db8:bbbb::42"},
		{name: "IPv4Mapped", peer: "[::ffff:10.0.0.2]:5000", xff: []string{"::ffff:198.51.100.9"}, want: "198.51.100.9"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.RemoteAddr = tt.peer
			for _, v := range tt.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			list := trusted
			if tt.noList {
				list = nil
			}
			if got := clientAddress(r, list); got != netip.MustParseAddr(tt.want) {
				t.Fatalf("client address %s, want %s", got, tt.want)
			}
		})
	}
}

// IPv6 clients are counted by /64: rotating addresses within one's own network gives no
// new bucket.
func TestAddressKeyIPv6By64(t *testing.T) {
	a, b := netip.MustParseAddr("2001:db8:1:2::1"), netip.MustParseAddr("2001:db8:1:2:ffff::9")
	c := netip.MustParseAddr("2001:db8:1:3::1")
	if addressKey(a) != addressKey(b) || addressKey(a) == addressKey(c) {
		t.Fatalf("keys %v %v %v: want the first two equal, the third different", addressKey(a), addressKey(b), addressKey(c))
	}
	if v4, w4 := netip.MustParseAddr("192.0.2.1"), netip.MustParseAddr("192.0.2.2"); addressKey(v4) == addressKey(w4) {
		t.Fatal("two IPv4 addresses share a bucket")
	}
}

// A flood from ever new addresses keeps the tables at their bound.
func TestRateLimiterTableBounded(t *testing.T) {
	l := NewRateLimiter(RateLimit{Events: 1, Per: time.Hour}, refuseJSON)
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	for i := range 3 * rateLimiterEntries {
		r.RemoteAddr = fmt.Sprintf("10.%d.%d.%d:1", i>>16&0xff, i>>8&0xff, i&0xff)
		if ok, _ := l.Allow(r); !ok {
			t.Fatalf("address %d refused its first request", i)
		}
	}
	if addrs, people := l.len(); addrs != rateLimiterEntries || people != 0 {
		t.Fatalf("tables hold %d addresses and %d people, want %d and 0", addrs, people, rateLimiterEntries)
	}
	r.RemoteAddr = "10.0.0.0:1" // evicted long ago: a full bucket again
	if ok, _ := l.Allow(r); !ok {
		t.Fatal("an evicted address was refused")
	}
	if ok, wait := l.Allow(r); ok || wait < 59*time.Minute {
		t.Fatalf("second request within the hour: allowed %v, retry after %v; want refused for about an hour", ok, wait)
	}
}

func TestInFrench(t *testing.T) {
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{
		{300 * time.Millisecond, "1 seconde"}, {time.Second, "1 seconde"}, {1500 * time.Millisecond, "2 secondes"},
		{59 * time.Second, "59 secondes"}, {2 * time.Minute, "2 minutes"}, {150 * time.Second, "3 minutes"},
		{59*time.Minute + time.Second, "60 minutes"}, {time.Hour, "1 heure"}, {time.Hour + time.Second, "2 heures"},
		{3 * time.Hour, "3 heures"},
	} {
		if got := inFrench(tt.d); got != tt.want {
			t.Errorf("inFrench(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

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
		if e.Extensions["code"] != codeRateLimited || !strings.HasPrefix(e.Message, "Vous avez fait beaucoup de demandes en peu de temps : réessayez dans ") {
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
	if res.status == http.StatusTooManyRequests || strings.Contains(res.body, codeRateLimited) {
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
		got, want RateLimit
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

// BenchmarkRateLimiterTable fills a limiter's address table to its bound, from ever new
// addresses, and reports the bytes one entry holds once collected (the figure behind
// rateLimiterEntries) and the whole table.
func BenchmarkRateLimiterTable(b *testing.B) {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	var before, after runtime.MemStats
	var l *RateLimiter
	b.ReportAllocs()
	for range b.N {
		runtime.GC()
		runtime.ReadMemStats(&before)
		l = NewRateLimiter(RateLimit{Events: 10, Per: time.Minute}, refuseJSON)
		for i := range 2 * rateLimiterEntries {
			r.RemoteAddr = fmt.Sprintf("10.%d.%d.%d:1", i>>16&0xff, i>>8&0xff, i&0xff)
			l.Allow(r)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
	}
	if n, _ := l.len(); n != rateLimiterEntries {
		b.Fatalf("%d entries, want %d", n, rateLimiterEntries)
	}
	held := float64(int64(after.HeapAlloc) - int64(before.HeapAlloc))
	b.ReportMetric(held/rateLimiterEntries, "B/entry")
	b.ReportMetric(held/(1<<20), "table-MB")
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
