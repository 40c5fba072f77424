package passerelles

import (
	"context"
	"slices"
)

// Identity is what an OpenID provider asserts about a person at sign-in (ProConnect
// claims). Agents are keyed by (Issuer, Subject), never by email.
type Identity struct {
	Issuer            string
	Subject           string
	GivenName         string
	UsualName         string // usual_name, else family_name
	Email             string
	UID               string
	Siret             string
	IdpID             string
	OrganizationLabel string
	Roles             []string // ProConnect "roles" claim (agent_public …)
}

// Validate returns EINVALID when the identity lacks its issuer or subject, or a claim is
// too long to be plausible.
func (id *Identity) Validate() error {
	for _, f := range []struct {
		what  string
		v     *string
		max   int
		flags TextFlag
	}{
		{"L’émetteur de l’identité", &id.Issuer, 500, TextRequired | TextVerbatim},
		{"L’identifiant (sub)", &id.Subject, 255, TextRequired | TextVerbatim},
		{"Le prénom", &id.GivenName, 100, TextFromProvider}, {"Le nom", &id.UsualName, 100, TextFromProvider},
		{"L’adresse électronique", &id.Email, 254, TextFromProvider}, {"L’identifiant uid", &id.UID, 255, TextFromProvider},
		{"Le SIRET", &id.Siret, 20, TextFromProvider}, {"L’identifiant du fournisseur", &id.IdpID, 255, TextFromProvider},
		{"Le libellé de l’organisation", &id.OrganizationLabel, 300, TextFromProvider},
	} {
		if err := ValidateText(f.what, f.v, f.max, f.flags); err != nil {
			return err
		}
	}
	return nil
}

// Member is the signed-in person as the application knows them: their agent and roles.
type Member struct {
	Agent *Agent
	Roles []AccessRole // AGENT always, plus MANAGER and ADMIN when granted
}

// SignInService turns a verified identity into a signed-in agent.
type SignInService interface {
	// SignIn finds the agent of the identity by (issuer, subject) or creates it, refreshes
	// the profile fields the provider asserts, grants ADMIN when the subject is one of the
	// bootstrap administrators of that issuer, and returns the agent with their roles.
	// Internal work of the sign-in flow only: returns EFORBIDDEN for any person.
	SignIn(ctx context.Context, id Identity, bootstrapAdmins []string) (*Member, error)

	// FindMember returns the agent and roles of agentID. Returns ENOTFOUND when the agent no
	// longer exists.
	FindMember(ctx context.Context, agentID int64) (*Member, error)
}

// AccessService grants and revokes the MANAGER and ADMIN roles.
type AccessService interface {
	// GrantRole gives the role to the agent and records it in the audit log. Returns
	// EFORBIDDEN unless an administrator asks, EINVALID for AGENT (everyone has it) or an
	// unknown role, ENOTFOUND for an unknown agent. Granting a role already held changes
	// nothing.
	GrantRole(ctx context.Context, agentID int64, role AccessRole) error

	// RevokeRole takes the role back and records it. Returns EFORBIDDEN unless an
	// administrator asks, ECONFLICT when it would remove the last administrator.
	RevokeRole(ctx context.Context, agentID int64, role AccessRole) error
}

// GrantableRoles are the access roles administrators grant.
var GrantableRoles = []AccessRole{AccessManager, AccessAdmin}

// ValidateGrantable returns EINVALID unless administrators may grant the role.
func ValidateGrantable(r AccessRole) error {
	if !slices.Contains(GrantableRoles, r) {
		return WithField("role", Errorf(EINVALID, "Le rôle « %s » ne s’attribue pas : choisissez MANAGER ou ADMIN.", EchoText(string(r), 20)))
	}
	return nil
}

// KeepAnAdministrator returns ECONFLICT when an agent who holds ADMIN would lose it while
// others (the number of other administrators) is zero: Passerelles must keep at least one
// administrator, or nobody could grant roles or manage the referentials again. Both ways
// of losing the role go through it — its revocation (erasure false) and the erasure of the
// administrator's account (erasure true) — and the store checks it in the transaction that
// removes the role, so that two administrators erasing their accounts at once cannot both
// succeed.
func KeepAnAdministrator(others int, erasure bool) error {
	switch {
	case others > 0:
		return nil
	case erasure:
		return Errorf(ECONFLICT, "Vous êtes le dernier administrateur de Passerelles : nommez d’abord un autre administrateur, puis supprimez votre compte.")
	default:
		return Errorf(ECONFLICT, "Impossible de retirer le dernier administrateur : nommez-en d’abord un autre.")
	}
}
