package sqlite_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"passerelles"
	"passerelles/sqlite"
)

func TestSignIn(t *testing.T) {
	db := MustOpenDB(t)
	svc := sqlite.NewUserService(db)
	id := passerelles.Identity{Issuer: "https://idp.example", Subject: "abc", GivenName: "Camille", UsualName: "Martin",
		Email: "camille.martin@example.gouv.fr", Siret: "11000201100044", OrganizationLabel: "DREETS Bretagne"}

	first, err := svc.SignIn(system, id, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("ReturnsAgentRole", func(t *testing.T) {
		if got, want := first.AccessRoles, []passerelles.AccessRole{passerelles.AccessAgent}; len(got) != 1 || got[0] != want[0] {
			t.Fatalf("roles = %v, want %v", got, want)
		}
	})
	t.Run("SameIssuerAndSubjectIsSameAgentWithRefreshedClaims", func(t *testing.T) {
		again := id
		again.Email, again.UsualName = "c.martin@example.gouv.fr", "Martin-Durand"
		m, err := svc.SignIn(system, again, nil)
		if err != nil {
			t.Fatal(err)
		}
		if m.Agent.ID != first.Agent.ID || m.Agent.Email != again.Email || m.Agent.UsualName != "Martin-Durand" {
			t.Fatalf("got agent %d %q %q, want agent %d refreshed", m.Agent.ID, m.Agent.Email, m.Agent.UsualName, first.Agent.ID)
		}
	})
	t.Run("SameEmailOtherSubjectIsAnotherAgent", func(t *testing.T) {
		other := id
		other.Subject = "xyz"
		m, err := svc.SignIn(system, other, nil)
		if err != nil {
			t.Fatal(err)
		}
		if m.Agent.ID == first.Agent.ID {
			t.Fatal("an agent was found by email")
		}
	})
	t.Run("SameSubjectOtherIssuerIsAnotherAgent", func(t *testing.T) {
		other := id
		other.Issuer = "https://other.example"
		m, err := svc.SignIn(system, other, nil)
		if err != nil {
			t.Fatal(err)
		}
		if m.Agent.ID == first.Agent.ID {
			t.Fatal("subjects of two issuers were merged")
		}
	})
	t.Run("BootstrapAdmin", func(t *testing.T) {
		boss := passerelles.Identity{Issuer: id.Issuer, Subject: "boss"}
		m, err := svc.SignIn(system, boss, []string{"boss"})
		if err != nil {
			t.Fatal(err)
		}
		if len(m.AccessRoles) != 2 || m.AccessRoles[1] != passerelles.AccessAdmin {
			t.Fatalf("bootstrap admin roles = %v", m.AccessRoles)
		}
	})
	t.Run("SearchIndexConsistent", func(t *testing.T) {
		if err := db.CheckIntegrity(context.Background()); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrForbiddenOutsideSignInFlow", func(t *testing.T) {
		if _, err := svc.SignIn(admin, id, nil); passerelles.ErrorCode(err) != passerelles.EFORBIDDEN {
			t.Fatalf("err = %v, want FORBIDDEN", err)
		}
	})
	t.Run("ErrInvalidWithoutSubject", func(t *testing.T) {
		if _, err := svc.SignIn(system, passerelles.Identity{Issuer: "x"}, nil); passerelles.ErrorCode(err) != passerelles.EINVALID {
			t.Fatalf("err = %v, want INVALID_INPUT", err)
		}
	})
}

func TestAccessRoles(t *testing.T) {
	db := MustOpenDB(t)
	svc := sqlite.NewUserService(db)
	boss, err := svc.SignIn(system, passerelles.Identity{Issuer: "i", Subject: "boss"}, []string{"boss"})
	if err != nil {
		t.Fatal(err)
	}
	someone, err := svc.SignIn(system, passerelles.Identity{Issuer: "i", Subject: "someone"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	asBoss := passerelles.NewContextWithUser(context.Background(), &passerelles.User{AgentID: boss.Agent.ID, AccessRoles: boss.AccessRoles})
	asManager := passerelles.NewContextWithUser(context.Background(), &passerelles.User{AgentID: someone.Agent.ID,
		AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessManager}})

	for _, tc := range []struct {
		name string
		ctx  context.Context
		do   func(ctx context.Context) error
		want string
	}{
		{"GrantManager", asBoss, func(ctx context.Context) error {
			return svc.GrantAccessRole(ctx, someone.Agent.ID, passerelles.AccessManager)
		}, ""},
		{"GrantTwiceChangesNothing", asBoss, func(ctx context.Context) error {
			return svc.GrantAccessRole(ctx, someone.Agent.ID, passerelles.AccessManager)
		}, ""},
		{"ErrGrantAgent", asBoss, func(ctx context.Context) error {
			return svc.GrantAccessRole(ctx, someone.Agent.ID, passerelles.AccessAgent)
		}, passerelles.EINVALID},
		{"ErrGrantUnknownAgent", asBoss, func(ctx context.Context) error { return svc.GrantAccessRole(ctx, 9999, passerelles.AccessManager) }, passerelles.ENOTFOUND},
		{"ErrManagerGrants", asManager, func(ctx context.Context) error {
			return svc.GrantAccessRole(ctx, someone.Agent.ID, passerelles.AccessAdmin)
		}, passerelles.EFORBIDDEN},
		{"ErrAnonymousGrants", context.Background(), func(ctx context.Context) error {
			return svc.GrantAccessRole(ctx, someone.Agent.ID, passerelles.AccessAdmin)
		}, passerelles.EUNAUTHENTICATED},
		{"ErrRevokeLastAdmin", asBoss, func(ctx context.Context) error {
			return svc.RevokeAccessRole(ctx, boss.Agent.ID, passerelles.AccessAdmin)
		}, passerelles.ECONFLICT},
		{"RevokeManager", asBoss, func(ctx context.Context) error {
			return svc.RevokeAccessRole(ctx, someone.Agent.ID, passerelles.AccessManager)
		}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := passerelles.ErrorCode(tc.do(tc.ctx)); got != tc.want {
				t.Fatalf("code = %q, want %q", got, tc.want)
			}
		})
	}
	m, err := svc.FindUser(context.Background(), someone.Agent.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.AccessRoles) != 1 {
		t.Fatalf("roles after grant and revoke = %v, want only AGENT", m.AccessRoles)
	}
	if got, want := db.CountAudit(context.Background(), "ROLE_"), 3; got != want {
		t.Fatalf("audit entries = %d, want %d (bootstrap grant, grant, revoke)", got, want)
	}
}

func TestSessions(t *testing.T) {
	db := MustOpenDB(t)
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	m, err := sqlite.NewUserService(db).SignIn(system, passerelles.Identity{Issuer: "i", Subject: "s"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	svc := sqlite.NewSessionService(db)
	const idle, absolute = 30 * time.Minute, 8 * time.Hour
	token, err := svc.CreateSession(context.Background(), m.Agent.ID, "id-token", absolute)
	if err != nil {
		t.Fatal(err)
	}
	if len(token) < 43 {
		t.Fatalf("token %q is too short", token)
	}
	other, _ := svc.CreateSession(context.Background(), m.Agent.ID, "", absolute)
	if other == token {
		t.Fatal("two sessions got the same token")
	}
	find := func(tok string) error {
		_, err := svc.FindSession(context.Background(), tok, idle)
		return err
	}
	// Activity every 20 minutes keeps the session alive past the idle timeout…
	for i := 0; i < 20; i++ {
		now = now.Add(20 * time.Minute)
		if now.After(time.Date(2026, 11, 28, 16, 59, 0, 0, time.UTC)) {
			break
		}
		if err := find(token); err != nil {
			t.Fatalf("at %s: %v", now, err)
		}
	}
	// …but not past the absolute end.
	now = time.Date(2026, 11, 28, 17, 0, 0, 0, time.UTC)
	if got := passerelles.ErrorCode(find(token)); got != passerelles.EUNAUTHENTICATED {
		t.Fatalf("after absolute timeout: code %q", got)
	}
	// An idle session ends; a deleted one too; unknown tokens never open anything.
	t2, _ := svc.CreateSession(context.Background(), m.Agent.ID, "", absolute)
	now = now.Add(31 * time.Minute)
	if got := passerelles.ErrorCode(find(t2)); got != passerelles.EUNAUTHENTICATED {
		t.Fatalf("after idle timeout: code %q", got)
	}
	t3, _ := svc.CreateSession(context.Background(), m.Agent.ID, "", absolute)
	if err := svc.DeleteSession(context.Background(), t3); err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{t3, "", "forged"} {
		if got := passerelles.ErrorCode(find(tok)); got != passerelles.EUNAUTHENTICATED {
			t.Fatalf("token %q: code %q", tok, got)
		}
	}
}

// TestSignInMatchesOrganisationLabel checks which organisation the provider's
// organization_label designates: by name or code, whatever the case, and whatever the
// apostrophe (the referentials write « l’évaluation » with U+2019, a provider may send a
// straight one).
func TestSignInMatchesOrganisationLabel(t *testing.T) {
	db := MustOpenDB(t)
	svc := db.Services()
	ministry := &passerelles.Ministry{Code: "sante", Name: "Ministère de la Santé"}
	if _, err := svc.Organisations.UpsertMinistry(admin, ministry); err != nil {
		t.Fatal(err)
	}
	org := &passerelles.Organisation{Code: "DREES", Name: "Direction de la recherche, des études, de l’évaluation et des statistiques",
		Type: passerelles.OrganisationCentral}
	if _, err := svc.Organisations.UpsertOrganisation(admin, org, "sante", ""); err != nil {
		t.Fatal(err)
	}
	for i, tc := range []struct {
		name, label string
		want        int64
	}{
		{"TypographicApostrophe", "Direction de la recherche, des études, de l’évaluation et des statistiques", org.ID},
		{"StraightApostrophe", "Direction de la recherche, des études, de l'évaluation et des statistiques", org.ID},
		{"OtherCase", "DIRECTION de la recherche, des études, de l'évaluation et des statistiques", org.ID},
		{"UpperCaseAccents", "DIRECTION DE LA RECHERCHE, DES ÉTUDES, DE L’ÉVALUATION ET DES STATISTIQUES", org.ID},
		{"ModifierApostropheAndSpaces", "Direction de la recherche,  des études, de lʼévaluation et des statistiques ", org.ID},
		{"Code", "DREES", org.ID},
		{"Unknown", "Direction de l'évaluation", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := svc.Users.SignIn(system, passerelles.Identity{Issuer: "https://idp.example", Subject: "label-" + strconv.Itoa(i),
				OrganizationLabel: tc.label}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if m.Agent.AssertedOrganisationID != tc.want {
				t.Fatalf("asserted organisation of %q = %d, want %d", tc.label, m.Agent.AssertedOrganisationID, tc.want)
			}
		})
	}
}
