package auth

import (
	"context"
	"testing"
)

// TestAuthProviderTextHygiene signs in through a provider that asserts names and an
// organisation holding control and bidirectional characters: the person is let in (they
// cannot correct what their provider says) with those characters removed; a subject that
// holds one is refused, since an identifier is never altered.
func TestAuthProviderTextHygiene(t *testing.T) {
	t.Run("ClaimsCleaned", func(t *testing.T) {
		sc := newHostileScenario()
		sc.UserInfoClaims = func(c map[string]any) {
			c["given_name"] = "Anne\u202e-Sophie\u0000"
			c["usual_name"] = "Le Gue\u0301nnec\n\u001b[31m"
			c["organization_label"] = "\u2067Direction du numérique des ministères sociaux\u2069"
		}
		h := mustStartRP(t, sc)
		b := h.newBrowser(t)
		b.signIn("", "/")
		m, err := h.svc.Users.FindUser(context.Background(), b.agentID())
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []struct{ name, got, want string }{
			{"GivenName", m.Agent.GivenName, "Anne-Sophie"},
			{"UsualName", m.Agent.UsualName, "Le Guénnec [31m"},
			{"OrganisationLabel", m.Agent.OrganisationLabel, "Direction du numérique des ministères sociaux"},
		} {
			if f.got != f.want {
				t.Errorf("%s stored %q, want %q", f.name, f.got, f.want)
			}
		}
	})
	t.Run("ErrSubjectWithBidiControl", func(t *testing.T) {
		sc := newHostileScenario()
		sc.IDClaims = func(_ *hostileProvider, c map[string]any) { c["sub"] = hostileSubject + "\u202e" }
		sc.UserInfoClaims = func(c map[string]any) { c["sub"] = hostileSubject + "\u202e" }
		h := mustStartRP(t, sc)
		b := h.newBrowser(t)
		res, _ := b.attempt(sc, nil, "")
		assertRefusedPage(t, h.op, res, "")
		if got := h.sessionCount(t); got != 0 {
			t.Fatalf("sessions: %d rows after a refused sign-in, want 0", got)
		}
	})
}
