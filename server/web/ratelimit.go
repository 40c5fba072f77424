package web

import (
	"context"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/golang-lru/v2/simplelru"
	"golang.org/x/time/rate"

	"passerelles"
)

// RateLimit is a limit on requests of one client: Events per Per, as a token bucket of
// Events tokens that refills at Events/Per (so a client may send Events at once, then one
// every Per/Events). Off disables the limit.
type RateLimit struct {
	Events int
	Per    time.Duration
	Off    bool
}

// String writes the limit as ParseRateLimit reads it.
func (l RateLimit) String() string {
	if l.Off {
		return "off"
	}
	if l.Events == 0 {
		return ""
	}
	per := l.Per.String()
	switch {
	case l.Per%time.Hour == 0:
		per = strconv.FormatInt(int64(l.Per/time.Hour), 10) + "h"
	case l.Per%time.Minute == 0:
		per = strconv.FormatInt(int64(l.Per/time.Minute), 10) + "m"
	}
	return strconv.Itoa(l.Events) + "/" + per
}

// ParseRateLimit reads "N/duration" (e.g. "300/1m": 300 requests a minute, 300 at once at
// most) or "off".
func ParseRateLimit(s string) (RateLimit, error) {
	s = strings.TrimSpace(s)
	if s == "off" {
		return RateLimit{Off: true}, nil
	}
	n, per, ok := strings.Cut(s, "/")
	events, err := strconv.Atoi(n)
	if !ok || err != nil {
		return RateLimit{}, fmt.Errorf("rate limit %q: want requests/duration, e.g. 300/1m, or off", s)
	}
	d, err := time.ParseDuration(per)
	if err != nil {
		return RateLimit{}, fmt.Errorf("rate limit %q: %q is not a duration such as 1m or 1h", s, per)
	}
	l := RateLimit{Events: events, Per: d}
	return l, l.Validate()
}

// Validate returns why the limit cannot be used, or nil.
func (l RateLimit) Validate() error {
	if l.Off {
		return nil
	}
	if l.Events < 1 || l.Events > 1_000_000 || l.Per < time.Second || l.Per > 24*time.Hour {
		return fmt.Errorf("rate limit %s: want 1 to 1 000 000 requests per 1 s to 24 h, or off", l)
	}
	return nil
}

// rateLimiterEntries bounds each table of a RateLimiter (addresses, people). An entry is a
// fixed-size key (an address prefix or an agent id) and a token bucket, about 250 bytes
// with the LRU's bookkeeping (BenchmarkRateLimiterTable), so a full table holds about
// 2.5 MB whatever the clients send. Evicting an entry can only favour its client, who
// starts again with a full bucket; and an entry idle long enough to be evicted has a full
// bucket already.
const rateLimiterEntries = 10_000

// RateLimiter applies a RateLimit per client: per person when the request is signed in
// (behind a ministry's network address translation, thousands of agents share one
// address, but each of them is known once signed in), else per client address (see
// clientAddress), IPv6 addresses counted by /64, the block one subscriber usually holds.
type RateLimiter struct {
	limit  rate.Limit
	burst  int
	refuse func(w http.ResponseWriter, r *http.Request, retryAfter time.Duration)
	now    func() time.Time

	mu     sync.Mutex
	addrs  *simplelru.LRU[netip.Prefix, *rate.Limiter]
	people *simplelru.LRU[int64, *rate.Limiter]
}

// NewRateLimiter returns a limiter applying l, which answers refused requests with
// refuse; nil when l is off (a nil limiter lets everything through).
func NewRateLimiter(l RateLimit, refuse func(w http.ResponseWriter, r *http.Request, retryAfter time.Duration)) *RateLimiter {
	if l.Off || l.Events == 0 {
		return nil
	}
	addrs, _ := simplelru.NewLRU[netip.Prefix, *rate.Limiter](rateLimiterEntries, nil)
	people, _ := simplelru.NewLRU[int64, *rate.Limiter](rateLimiterEntries, nil)
	return &RateLimiter{limit: rate.Limit(float64(l.Events) / l.Per.Seconds()), burst: l.Events, refuse: refuse,
		now: time.Now, addrs: addrs, people: people}
}

// bucket returns the token bucket of the request's client.
func (l *RateLimiter) bucket(r *http.Request) *rate.Limiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	if u := passerelles.UserFromContext(r.Context()); u != nil && u.AgentID != 0 {
		b, ok := l.people.Get(u.AgentID)
		if !ok {
			b = rate.NewLimiter(l.limit, l.burst)
			l.people.Add(u.AgentID, b)
		}
		return b
	}
	key := addressKey(ClientAddressFrom(r))
	b, ok := l.addrs.Get(key)
	if !ok {
		b = rate.NewLimiter(l.limit, l.burst)
		l.addrs.Add(key, b)
	}
	return b
}

// Allow takes one request from the client's bucket. When the bucket is empty, it returns
// false and how long until the client may try again.
func (l *RateLimiter) Allow(r *http.Request) (bool, time.Duration) { return l.AllowN(r, 1) }

// AllowN takes n events from the client's bucket, all or none: a GraphQL document counts
// each mutation (or export) it runs, not one per HTTP request, else aliases would multiply
// the limit. When the bucket holds fewer than n tokens, it returns false and how long until
// it holds n (n beyond the burst never passes).
func (l *RateLimiter) AllowN(r *http.Request, n int) (bool, time.Duration) {
	if l == nil || n <= 0 {
		return true, 0
	}
	b := l.bucket(r)
	now := l.now()
	if b.AllowN(now, n) {
		return true, 0
	}
	wait := time.Duration((float64(n) - b.TokensAt(now)) / float64(l.limit) * float64(time.Second))
	return false, max(wait, time.Second)
}

// Admit lets the request through, or answers it (429 with Retry-After) and returns false.
func (l *RateLimiter) Admit(w http.ResponseWriter, r *http.Request) bool { return l.AdmitN(w, r, 1) }

// AdmitN is Admit for a request that counts n events (AllowN).
func (l *RateLimiter) AdmitN(w http.ResponseWriter, r *http.Request, n int) bool {
	ok, wait := l.AllowN(r, n)
	if !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
		l.refuse(w, r, wait)
	}
	return ok
}

// Wrap limits the requests of next.
func (l *RateLimiter) Wrap(next http.Handler) http.Handler {
	if l == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if l.Admit(w, r) {
			next.ServeHTTP(w, r)
		}
	})
}

// len returns the entries of the two tables (tests).
func (l *RateLimiter) len() (addrs, people int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.addrs.Len(), l.people.Len()
}

// InFrench says a wait in French words: « 1 seconde », « 40 secondes », « 3 minutes ».
func InFrench(d time.Duration) string {
	s := int(math.Ceil(d.Seconds()))
	switch {
	case s <= 1:
		return "1 seconde"
	case s < 120:
		return strconv.Itoa(s) + " secondes"
	case s < 3600:
		return strconv.Itoa((s+59)/60) + " minutes"
	case s <= 3600:
		return "1 heure"
	}
	return strconv.Itoa((s+3599)/3600) + " heures"
}

type clientAddressKey struct{}

// WithClientAddress puts the client's address on the request's context: the peer's,
// unless the peer is a trusted proxy (see clientAddress).
func WithClientAddress(trusted []netip.Prefix, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), clientAddressKey{}, clientAddress(r, trusted))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// ClientAddressFrom returns the client address WithClientAddress found, or the peer's.
func ClientAddressFrom(r *http.Request) netip.Addr {
	if a, ok := r.Context().Value(clientAddressKey{}).(netip.Addr); ok {
		return a
	}
	return peerAddress(r)
}

// peerAddress is the address of the connection's other end.
func peerAddress(r *http.Request) netip.Addr {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a, _ := netip.ParseAddr(host)
	return a.Unmap()
}

// clientAddress returns the address of the client: the peer, unless the peer is one of the
// trusted proxies; then X-Forwarded-For is read from the right (each proxy appends the
// address it received from), and the first address that is not a trusted proxy is the
// client. Addresses left of it were written by the client itself and prove nothing. An
// entry that is not an address stops the walk at the proxy that wrote it.
func clientAddress(r *http.Request, trusted []netip.Prefix) netip.Addr {
	addr := peerAddress(r)
	if !isTrusted(addr, trusted) {
		return addr
	}
	values := r.Header.Values("X-Forwarded-For")
	for i := len(values) - 1; i >= 0; i-- {
		hops := strings.Split(values[i], ",")
		for j := len(hops) - 1; j >= 0; j-- {
			hop, err := parseHop(hops[j])
			if err != nil {
				return addr
			}
			addr = hop
			if !isTrusted(addr, trusted) {
				return addr
			}
		}
	}
	return addr
}

// parseHop reads one X-Forwarded-For entry: an address, possibly with a port.
func parseHop(s string) (netip.Addr, error) {
	s = strings.TrimSpace(s)
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap(), nil
	}
	ap, err := netip.ParseAddrPort(s)
	if err != nil {
		return netip.Addr{}, err
	}
	return ap.Addr().Unmap(), nil
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// addressKey is the bucket key of an address: IPv4 addresses one by one, IPv6 by /64 (one
// subscriber's network: counting by address would give anyone 2^64 buckets).
func addressKey(a netip.Addr) netip.Prefix {
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p
	}
	p, _ := a.Prefix(a.BitLen())
	return p
}

// ParseTrustedProxies reads a comma- or space-separated list of CIDR blocks or addresses.
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		if p, err := netip.ParsePrefix(f); err == nil {
			if p.Addr().Is4In6() { // ::ffff:10.0.0.0/104 is 10.0.0.0/8: addresses are unmapped
				if p.Bits() < 96 {
					return nil, fmt.Errorf("trusted proxy %q: a block of IPv4-mapped addresses needs at least /96", f)
				}
				p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
			}
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: want an address or a CIDR block such as 10.0.0.0/8", f)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}
