package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"passerelles"
	"passerelles/sqlite"
)

// Two processes sharing one database file agree on one sign-in state key, even when both
// create it at once.
func TestSignInStateKeyShared(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	a, b := mustOpenDBAt(t, path), mustOpenDBAt(t, path)
	keys := make([][]byte, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() {
			db := a
			if i%2 == 1 {
				db = b
			}
			k, err := sqlite.NewSignInStateService(db).SignInStateKey(ctx)
			if err != nil {
				t.Error(err)
			}
			keys[i] = k
		})
	}
	wg.Wait()
	if len(keys[0]) != 32 {
		t.Fatalf("key of %d bytes, want 32", len(keys[0]))
	}
	for i, k := range keys {
		if !bytes.Equal(k, keys[0]) {
			t.Fatalf("key %d differs from key 0: the processes would not open each other's sign-in cookies", i)
		}
	}
	if bytes.Equal(keys[0], make([]byte, 32)) {
		t.Fatal("key is all zeros")
	}
	other, err := sqlite.NewSignInStateService(MustOpenDB(t)).SignInStateKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(other, keys[0]) {
		t.Fatal("two databases got the same key")
	}
}

// countRows counts the rows of table, read through a connection of its own.
func countRows(tb testing.TB, path, table string) int {
	tb.Helper()
	raw, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		tb.Fatal(err)
	}
	defer raw.Close()
	var n int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

// mustOpenDBAt opens the database at path, closed at the end of the test.
func mustOpenDBAt(tb testing.TB, path string) *sqlite.DB {
	tb.Helper()
	db := sqlite.NewDB(path)
	if err := db.Open(context.Background()); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = db.Close() })
	return db
}

func TestUseSignInState(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "states.db")
	db := mustOpenDBAt(t, path)
	now := time.Now()
	db.Now = func() time.Time { return now }
	svc := sqlite.NewSignInStateService(db)
	state := "Yt3lW2dM0W0m4y9mL7yYk3m1j3T9QJxU2Zb6xq0nV5A"

	t.Run("FirstUse", func(t *testing.T) {
		if err := svc.UseSignInState(ctx, state, now.Add(10*time.Minute)); err != nil {
			t.Fatalf("first use: %v", err)
		}
	})
	t.Run("ErrReplayed", func(t *testing.T) {
		if err := svc.UseSignInState(ctx, state, now.Add(10*time.Minute)); passerelles.ErrorCode(err) != passerelles.ECONFLICT {
			t.Fatalf("second use: %v, want CONFLICT", err)
		}
	})
	t.Run("ErrReplayedOnAnotherProcess", func(t *testing.T) {
		other := mustOpenDBAt(t, path)
		if err := sqlite.NewSignInStateService(other).UseSignInState(ctx, state, now.Add(10*time.Minute)); passerelles.ErrorCode(err) != passerelles.ECONFLICT {
			t.Fatalf("use on another process: %v, want CONFLICT", err)
		}
	})
	t.Run("OtherState", func(t *testing.T) {
		if err := svc.UseSignInState(ctx, state+"x", now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrEmpty", func(t *testing.T) {
		if err := svc.UseSignInState(ctx, "", now.Add(time.Minute)); passerelles.ErrorCode(err) != passerelles.EINVALID {
			t.Fatalf("empty state: %v, want INVALID_INPUT", err)
		}
	})
	t.Run("ExpiredSwept", func(t *testing.T) {
		now = now.Add(11 * time.Minute)
		if err := svc.UseSignInState(ctx, "another-state", now.Add(10*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if got := countRows(t, path, "used_signin_states"); got != 1 {
			t.Fatalf("%d used states kept, want 1 (the expired ones swept)", got)
		}
	})
}

// A person signing in again and again keeps a bounded number of sessions: the newest.
func TestSessionsBoundedPerAgent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sessions.db")
	db := mustOpenDBAt(t, path)
	m, err := sqlite.NewUserService(db).SignIn(system, passerelles.Identity{Issuer: "https://idp.example", Subject: "s1"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	other, err := sqlite.NewUserService(db).SignIn(system, passerelles.Identity{Issuer: "https://idp.example", Subject: "s2"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sessions := sqlite.NewSessionService(db)
	otherToken, err := sessions.CreateSession(ctx, other.Agent.ID, "", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	var tokens []string
	for range 3 * sqlite.MaxSessionsPerAgent {
		tok, err := sessions.CreateSession(ctx, m.Agent.ID, "", time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		tokens = append(tokens, tok)
	}
	if got, want := countRows(t, path, "sessions"), sqlite.MaxSessionsPerAgent+1; got != want {
		t.Fatalf("%d sessions, want %d", got, want)
	}
	if _, err := sessions.FindSession(ctx, tokens[len(tokens)-1], time.Hour); err != nil {
		t.Fatalf("newest session: %v", err)
	}
	if _, err := sessions.FindSession(ctx, tokens[0], time.Hour); passerelles.ErrorCode(err) != passerelles.EUNAUTHENTICATED {
		t.Fatalf("oldest session: %v, want it ended", err)
	}
	if _, err := sessions.FindSession(ctx, otherToken, time.Hour); err != nil {
		t.Fatalf("another agent's session: %v", err)
	}
}
