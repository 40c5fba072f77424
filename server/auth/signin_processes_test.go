package auth

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"passerelles"
	"passerelles/sqlite"
)

// frontDoor serves whichever process the test points it at, as a load balancer in front of
// several processes would.
type frontDoor struct {
	srv     *httptest.Server
	current atomic.Pointer[http.Handler]
}

func (f *frontDoor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	(*f.current.Load()).ServeHTTP(w, r)
}

// process is one process of the service: its own database handle on the shared file and
// its own relying party, on the routes the server gives it.
type process struct {
	db      *sqlite.DB
	handler http.Handler
}

// Close releases the process's database handle.
func (p *process) Close() error { return p.db.Close() }

// to sends the next requests to p.
func (f *frontDoor) to(tb testing.TB, p *process) {
	tb.Helper()
	f.current.Store(&p.handler)
}

// TestSignInAcrossProcesses runs the relying party as several processes on one SQLite file
// behind one address, facing a real OpenID provider: a sign-in begun on one process
// finishes on another, or on a process started after a restart; a callback used on one
// cannot be replayed on another.
func TestSignInAcrossProcesses(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "shared.db")
	front := &frontDoor{}
	front.srv = httptest.NewUnstartedServer(front)
	base := "http://" + front.srv.Listener.Addr().String()
	op := newHostileProvider(t, newHostileScenario(), base+"/auth/callback")
	front.srv.Start()
	t.Cleanup(front.srv.Close)

	newApp := func(t *testing.T, key []byte) *process {
		t.Helper()
		ctx := context.Background()
		db := sqlite.NewDB(dbPath)
		if err := db.Open(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = db.Close() })
		svc := db.Services()
		cfg := Config{Issuer: op.Issuer(), ClientID: op.clientID, ClientSecret: op.clientSecret,
			RedirectURL: base + "/auth/callback", PostLogoutRedirectURL: base + "/", StateKey: key,
			Scopes:      []string{"openid", "email", "given_name", "usual_name", "uid", "siret", "idp_id", "organization_label"},
			SessionIdle: 30 * time.Minute, SessionAbsolute: 8 * time.Hour}
		rp, err := New(ctx, cfg, svc.Sessions, svc.Users, svc.SignInStates, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		mux := http.NewServeMux()
		mux.HandleFunc("GET /auth/login", rp.Login)
		mux.HandleFunc("GET /auth/callback", rp.Callback)
		mux.Handle("GET /whoami", rp.WithSession(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if passerelles.UserFromContext(r.Context()) == nil {
				http.Error(w, "anonyme", http.StatusUnauthorized)
			}
		})))
		return &process{db: db, handler: mux}
	}
	newBrowser := func(t *testing.T) *http.Client {
		jar, _ := cookiejar.New(nil)
		return &http.Client{Jar: jar, CheckRedirect: noRedirect, Timeout: 10 * time.Second}
	}
	get := func(t *testing.T, c *http.Client, u string) *rpResponse {
		t.Helper()
		res, err := c.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return &rpResponse{Response: res, Body: string(body)}
	}
	// begin signs in up to the provider's answer and returns the callback URL.
	begin := func(t *testing.T, c *http.Client, returnTo string) string {
		t.Helper()
		login := get(t, c, base+"/auth/login?return_to="+url.QueryEscape(returnTo))
		if login.StatusCode != http.StatusFound {
			t.Fatalf("login: %d %s", login.StatusCode, login.Body)
		}
		authz := get(t, c, login.Header.Get("Location"))
		if authz.StatusCode != http.StatusFound {
			t.Fatalf("authorize: %d %s", authz.StatusCode, authz.Body)
		}
		return authz.Header.Get("Location")
	}
	signedIn := func(t *testing.T, c *http.Client) bool {
		t.Helper()
		return get(t, c, base+"/whoami").StatusCode == http.StatusOK
	}

	baseURL, _ := url.Parse(base)
	first, second := newApp(t, nil), newApp(t, nil)
	t.Run("BegunOnOneFinishedOnAnother", func(t *testing.T) {
		c := newBrowser(t)
		front.to(t, first)
		cb := begin(t, c, "/referentiels/pix")
		front.to(t, second)
		assertSignedIn(t, get(t, c, cb), "/referentiels/pix")
		front.to(t, first)
		if !signedIn(t, c) {
			t.Fatal("not signed in on the first process after finishing on the second")
		}
	})
	t.Run("ReplayOnAnotherProcess", func(t *testing.T) {
		c := newBrowser(t)
		front.to(t, first)
		cb := begin(t, c, "/")
		kept := c.Jar.Cookies(baseURL)
		assertSignedIn(t, get(t, c, cb), "/")
		front.to(t, second)
		thief := newBrowser(t)
		thief.Jar.SetCookies(baseURL, kept)
		assertRefusedPage(t, op, get(t, thief, cb), "Connexion expirée")
	})
	key := []byte("k3y-0f-the-signin-cookies-012345")
	keyed := newApp(t, key)
	t.Run("ConfiguredKeyShared", func(t *testing.T) {
		c := newBrowser(t)
		front.to(t, keyed)
		cb := begin(t, c, "/")
		front.to(t, newApp(t, key))
		assertSignedIn(t, get(t, c, cb), "/")
	})
	t.Run("ErrOtherKey", func(t *testing.T) {
		c := newBrowser(t)
		front.to(t, keyed)
		cb := begin(t, c, "/")
		front.to(t, second) // the key generated into the database
		assertRefusedPage(t, op, get(t, c, cb), "Connexion expirée")
	})
	t.Run("Restart", func(t *testing.T) {
		c := newBrowser(t)
		front.to(t, first)
		cb := begin(t, c, "/mon-espace")
		if err := first.Close(); err != nil {
			t.Fatal(err)
		}
		front.to(t, newApp(t, nil))
		assertSignedIn(t, get(t, c, cb), "/mon-espace")
		if !signedIn(t, c) {
			t.Fatal("not signed in after the restart")
		}
	})
}
