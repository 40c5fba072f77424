package auth

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// A sign-in in progress lives in the person's browser, not in the server: Login seals the
// attempt (state, nonce, PKCE verifier, return path, expiry) with AES-256-GCM into a
// short-lived cookie, and the callback opens it. The server keeps nothing per sign-in
// start, so a flood of starts costs no memory and evicts no one's attempt, a restart loses
// nothing, and any process sharing the database (which holds the key, unless it is
// configured) can finish an attempt another one began. Single use is kept server side,
// once per callback: a used state is remembered in the database until it expires.
//
// Each attempt has its own cookie, named after a hash of its state, so that sign-ins begun
// in several tabs each find theirs at the callback. A browser holds at most
// maxLoginCookies of them and maxLoginCookieBytes in all: Login drops the oldest beyond
// that, so that the Cookie header stays well under the 8 KiB a reverse proxy usually
// accepts in one header line.

const (
	// maxReturnTo bounds the return path kept in a sign-in cookie; a longer one falls back
	// to "/". 2 KiB holds any path of the application with its query.
	maxReturnTo = 2 << 10
	// maxLoginCookies bounds the sign-ins in progress a browser keeps (parallel tabs).
	maxLoginCookies = 5
	// maxLoginCookieBytes bounds the bytes (names and values) of those cookies together.
	maxLoginCookieBytes = 6 << 10
	// maxLoginCookieValue bounds one sealed value: 4 fields of at most 43 characters, a
	// return path of at most maxReturnTo bytes and the envelope, in base64 (about 3 000
	// characters). Longer values are refused before any decoding.
	maxLoginCookieValue = 3 << 10
)

// loginState is a sign-in in progress: what the callback must find again.
type loginState struct {
	State, Nonce, Verifier, ReturnTo string
	Expires                          time.Time
}

// stateSealer seals and opens sign-in cookies.
type stateSealer struct {
	secret []byte
}

const (
	sealVersion  = 1
	sealSaltSize = 16
	sealInfo     = "passerelles sign-in state v1"
)

// newStateSealer returns a sealer keyed by secret (32 bytes, from the configuration or the
// database).
func newStateSealer(secret []byte) (*stateSealer, error) {
	if len(secret) != 32 {
		return nil, fmt.Errorf("sign-in state key: %d bytes, want 32", len(secret))
	}
	return &stateSealer{secret: slices.Clone(secret)}, nil
}

// aead returns the AES-256-GCM of one cookie. Each cookie has a key of its own, derived
// from the secret and a random salt, so that the 2^32-message bound of random GCM nonces
// under one key never applies, however many sign-ins are started.
func (s *stateSealer) aead(salt []byte) (cipher.AEAD, error) {
	key, err := hkdf.Key(sha256.New, s.secret, salt, sealInfo, 32)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCMWithRandomNonce(block)
}

// additionalData binds a sealed value to the cookie name it was issued under: a value
// moved to another attempt's cookie does not open.
func additionalData(name string) []byte { return []byte(sealInfo + "\x00" + name) }

// seal returns the cookie value carrying st under the cookie name.
func (s *stateSealer) seal(name string, st loginState) (string, error) {
	payload := make([]byte, 0, 9+4*(2+43)+len(st.ReturnTo))
	payload = append(payload, sealVersion)
	payload = binary.BigEndian.AppendUint64(payload, uint64(st.Expires.UnixMilli()))
	for _, f := range []string{st.State, st.Nonce, st.Verifier, st.ReturnTo} {
		payload = binary.AppendUvarint(payload, uint64(len(f)))
		payload = append(payload, f...)
	}
	salt := make([]byte, sealSaltSize)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	aead, err := s.aead(salt)
	if err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(aead.Seal(salt, nil, payload, additionalData(name))), nil
}

var (
	errSealedInvalid = errors.New("sign-in cookie does not open (tampered, truncated, another key or another cookie)")
	errSealedExpired = errors.New("sign-in cookie expired")
)

// open returns the sign-in carried by the cookie value, refusing a value that was not
// sealed by this key under this name, or whose attempt expired at now.
func (s *stateSealer) open(name, value string, now time.Time) (loginState, error) {
	if len(value) > maxLoginCookieValue {
		return loginState{}, errSealedInvalid
	}
	raw, err := base64.RawURLEncoding.DecodeString(value)
	if err != nil || len(raw) < sealSaltSize {
		return loginState{}, errSealedInvalid
	}
	aead, err := s.aead(raw[:sealSaltSize])
	if err != nil {
		return loginState{}, err
	}
	payload, err := aead.Open(nil, nil, raw[sealSaltSize:], additionalData(name))
	if err != nil || len(payload) < 9 || payload[0] != sealVersion {
		return loginState{}, errSealedInvalid
	}
	st := loginState{Expires: time.UnixMilli(int64(binary.BigEndian.Uint64(payload[1:9])))}
	rest := payload[9:]
	for _, f := range []*string{&st.State, &st.Nonce, &st.Verifier, &st.ReturnTo} {
		n, k := binary.Uvarint(rest)
		if k <= 0 || n > uint64(len(rest)-k) {
			return loginState{}, errSealedInvalid
		}
		*f, rest = string(rest[k:k+int(n)]), rest[k+int(n):]
	}
	if len(rest) != 0 || st.State == "" {
		return loginState{}, errSealedInvalid
	}
	// The expiry is the sealer's own, but a cookie claiming to last longer than any attempt
	// does is refused all the same.
	if !now.Before(st.Expires) || st.Expires.After(now.Add(loginTTL+clockLeeway)) {
		return loginState{}, errSealedExpired
	}
	return st, nil
}

// loginCookieBase is the name (before any __Host- prefix) of the cookie of the sign-in
// whose state is state: a hash of the state, which the callback receives back from the
// provider, so that each attempt finds its own cookie.
func loginCookieBase(state string) string {
	sum := sha256.Sum256([]byte("passerelles login cookie\x00" + state))
	return loginCookie + "_" + base64.RawURLEncoding.EncodeToString(sum[:12])
}

// pruneLoginCookies makes room for a new sign-in cookie of newBytes: the browser's other
// sign-in cookies that no longer open are cleared, and of the others only the newest are
// kept, within maxLoginCookies and maxLoginCookieBytes counting the new one.
func (a *RelyingParty) pruneLoginCookies(w http.ResponseWriter, r *http.Request, newBytes int) {
	prefix := a.cookieName(loginCookie + "_")
	type held struct {
		base    string
		bytes   int
		expires time.Time
	}
	var live []held
	now := a.now()
	cookies := r.Cookies()
	slices.Reverse(cookies) // browsers send the oldest cookies first: newest first on a tie
	for _, c := range cookies {
		if !strings.HasPrefix(c.Name, prefix) {
			continue
		}
		base := strings.TrimPrefix(c.Name, a.cookieName(""))
		st, err := a.sealer.open(c.Name, c.Value, now)
		if err != nil {
			a.setCookie(w, base, "", -1)
			continue
		}
		live = append(live, held{base: base, bytes: len(c.Name) + len(c.Value), expires: st.Expires})
	}
	slices.SortStableFunc(live, func(x, y held) int { return y.expires.Compare(x.expires) }) // newest first
	count, bytes := 1, newBytes
	for _, h := range live {
		if count+1 > maxLoginCookies || bytes+h.bytes > maxLoginCookieBytes {
			a.setCookie(w, h.base, "", -1)
			continue
		}
		count, bytes = count+1, bytes+h.bytes
	}
}
