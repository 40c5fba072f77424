package sqlite_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"passerelles"
	"passerelles/sqlite"
)

// countAdministrators counts the agents who hold ADMIN.
func (f *profileFixture) countAdministrators(tb testing.TB) int {
	tb.Helper()
	return f.count(tb, `SELECT COUNT(*) FROM agent_access_roles WHERE role = 'ADMIN'`)
}

// TestLastAdministrator: whatever way an administrator loses the role — revocation or the
// erasure of their account — Passerelles keeps one.
func TestLastAdministrator(t *testing.T) {
	f := MustOpenProfileFixture(t)
	t.Run("ErrLastAdministratorErases", func(t *testing.T) {
		sole, asSole := f.MustSignIn(t, "sole-admin", f.orgA, passerelles.AccessAdmin)
		before := f.snapshot(t)
		err := f.svc.DeleteMyAccount(asSole, passerelles.ErasureConfirmation)
		if got := code(err); got != passerelles.ECONFLICT {
			t.Fatalf("code = %q (%v), want CONFLICT", got, err)
		}
		if msg := passerelles.ErrorMessage(err); !strings.Contains(msg, "nommez d’abord un autre administrateur") {
			t.Errorf("message %q does not say to name another administrator first", msg)
		}
		if after := f.snapshot(t); after != before {
			t.Fatalf("the refused erasure wrote:\nbefore %s\nafter  %s", before, after)
		}
		if _, err := f.svc.FindProfile(asSole, sole); err != nil {
			t.Fatalf("the last administrator's profile: %v", err)
		}
		t.Run("ErrRevokesThemselves", func(t *testing.T) {
			if got := code(f.all.Users.RevokeAccessRole(asSole, sole, passerelles.AccessAdmin)); got != passerelles.ECONFLICT {
				t.Fatalf("code = %q, want CONFLICT", got)
			}
		})
		t.Run("ErasesOnceAnotherIsNamed", func(t *testing.T) {
			other, _ := f.MustSignIn(t, "named-admin", f.orgA)
			if err := f.all.Users.GrantAccessRole(asSole, other, passerelles.AccessAdmin); err != nil {
				t.Fatal(err)
			}
			if err := f.svc.DeleteMyAccount(asSole, passerelles.ErasureConfirmation); err != nil {
				t.Fatal(err)
			}
			if got := f.countAdministrators(t); got != 1 {
				t.Fatalf("%d administrators, want the one named", got)
			}
		})
	})
	t.Run("AgentErasesWithoutAnyAdministrator", func(t *testing.T) {
		if _, err := f.raw.Exec(`DELETE FROM agent_access_roles WHERE role = 'ADMIN'`); err != nil {
			t.Fatal(err)
		}
		_, ctx := f.MustSignIn(t, "plain-agent", f.orgA)
		if err := f.svc.DeleteMyAccount(ctx, passerelles.ErasureConfirmation); err != nil {
			t.Fatalf("an agent who is no administrator cannot erase their account: %v", err)
		}
	})
}

// TestLastAdministratorConcurrently races two operations that each take ADMIN from one of
// the two administrators left, through two handles on the same file as two server
// processes would (and through one): however they interleave, one administrator remains,
// and two erasures or two cross revocations never both succeed.
func TestLastAdministratorConcurrently(t *testing.T) {
	f := MustOpenProfileFixture(t)
	second := sqlite.NewDB(f.path)
	if err := second.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { second.Close() })
	handles := map[string]passerelles.Services{"OneProcess": f.all, "TwoProcesses": second.Services()}

	type op func(s passerelles.Services, a, b int64, asA context.Context) error
	erase := func(s passerelles.Services, a, b int64, asA context.Context) error {
		return s.Profiles.DeleteMyAccount(asA, passerelles.ErasureConfirmation)
	}
	revokeOther := func(s passerelles.Services, a, b int64, asA context.Context) error {
		return s.Users.RevokeAccessRole(asA, b, passerelles.AccessAdmin)
	}
	n := 0
	for _, tc := range []struct {
		name       string
		first, snd op
		oneRefused bool // exactly one of the two is refused with CONFLICT
	}{
		{"TwoErasures", erase, erase, true},
		{"CrossRevocations", revokeOther, revokeOther, true},
		{"ErasureAndRevocationOfTheOther", erase, revokeOther, false},
	} {
		for hname := range handles {
			for round := range 5 {
				t.Run(fmt.Sprintf("%s/%s/%d", tc.name, hname, round), func(t *testing.T) {
					if _, err := f.raw.Exec(`DELETE FROM agent_access_roles WHERE role = 'ADMIN'`); err != nil {
						t.Fatal(err)
					}
					n++
					a, asA := f.MustSignIn(t, fmt.Sprintf("admin-a-%d", n), f.orgA, passerelles.AccessAdmin)
					b, asB := f.MustSignIn(t, fmt.Sprintf("admin-b-%d", n), f.orgA, passerelles.AccessAdmin)
					var wg sync.WaitGroup
					start := make(chan struct{})
					codes := make([]string, 2)
					for i, run := range []func() error{
						func() error { return tc.first(f.all, a, b, asA) },
						func() error { return tc.snd(handles[hname], b, a, asB) },
					} {
						wg.Add(1)
						go func() {
							defer wg.Done()
							<-start
							codes[i] = code(run())
						}()
					}
					close(start)
					wg.Wait()
					if got := f.countAdministrators(t); got < 1 {
						t.Fatalf("no administrator left (codes %q)", codes)
					}
					refused := 0
					for _, c := range codes {
						switch c {
						// FORBIDDEN: the other revoked this one first, who is no longer an
						// administrator when their own revocation runs.
						case passerelles.ECONFLICT, passerelles.EFORBIDDEN:
							refused++
						case "", passerelles.ENOTFOUND: // NOT_FOUND: the other was erased first
						default:
							t.Fatalf("unexpected codes %q", codes)
						}
					}
					if tc.oneRefused && refused != 1 {
						t.Fatalf("codes %q, want exactly one CONFLICT", codes)
					}
				})
			}
		}
	}
}

// TestRevokedAdministratorActsNoMore: the roles on a request's context were read when it
// began; an administrator revoked meanwhile (a request waiting for its turn, or an earlier
// mutation of the same document) cannot grant or revoke anything more — else a rogue
// administrator being removed names an accomplice in the same instant.
func TestRevokedAdministratorActsNoMore(t *testing.T) {
	f := MustOpenProfileFixture(t)
	rogue, asRogue := f.MustSignIn(t, "rogue-admin", f.orgA, passerelles.AccessAdmin)
	_, asKeeper := f.MustSignIn(t, "keeper-admin", f.orgA, passerelles.AccessAdmin)
	accomplice, _ := f.MustSignIn(t, "accomplice", f.orgA)
	if err := f.all.Users.RevokeAccessRole(asKeeper, rogue, passerelles.AccessAdmin); err != nil {
		t.Fatal(err)
	}
	for _, op := range []struct {
		name string
		do   func() error
	}{
		{"Grant", func() error { return f.all.Users.GrantAccessRole(asRogue, accomplice, passerelles.AccessAdmin) }},
		{"Revoke", func() error { return f.all.Users.RevokeAccessRole(asRogue, accomplice, passerelles.AccessManager) }},
	} {
		t.Run(op.name, func(t *testing.T) {
			if got := code(op.do()); got != passerelles.EFORBIDDEN {
				t.Fatalf("code = %q, want FORBIDDEN from the revoked administrator's request", got)
			}
		})
	}
	if n := f.count(t, fmt.Sprintf(`SELECT COUNT(*) FROM agent_access_roles WHERE agent_id = %d`, accomplice)); n != 0 {
		t.Fatalf("the accomplice holds %d roles, want none", n)
	}
}
