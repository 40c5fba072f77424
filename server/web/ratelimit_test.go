package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"runtime"
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
	l := NewRateLimiter(RateLimit{Events: 1, Per: time.Hour}, refuseTest)
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
		if got := InFrench(tt.d); got != tt.want {
			t.Errorf("InFrench(%v) = %q, want %q", tt.d, got, tt.want)
		}
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
		l = NewRateLimiter(RateLimit{Events: 10, Per: time.Minute}, refuseTest)
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

// refuseTest answers a limited request with a bare 429: these tests count buckets, not
// refusals.
func refuseTest(w http.ResponseWriter, r *http.Request, retryAfter time.Duration) {
	w.WriteHeader(http.StatusTooManyRequests)
}
