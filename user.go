package passerelles

import (
	"context"
	"slices"
	"strings"
	"unicode"
)

// AccessRole is a permission granted to a person. Every signed-in person is an agent;
// managers and administrators are granted by administrators. Animators are per community
// and are stored with community memberships.
type AccessRole string

// Access roles.
const (
	AccessAgent   AccessRole = "AGENT"
	AccessManager AccessRole = "MANAGER"
	AccessAdmin   AccessRole = "ADMIN"
)

// User is the person on whose behalf a request runs.
type User struct {
	AgentID        int64
	OrganisationID int64        // the organisation the identity provider asserts (0: unknown)
	AccessRoles    []AccessRole // AGENT always, plus MANAGER and ADMIN when granted
	// Agent is the person's agent record as the identity provider last asserted it: set
	// for a signed-in person (UserService.FindUser), nil for the system.
	Agent *Agent
	// System marks internal work (start-up loading of referentials, demo data): it may do
	// what an administrator may do, and is never given to a request from outside.
	System bool
}

// Has reports whether the user holds the access role.
func (u *User) Has(r AccessRole) bool {
	return u != nil && (u.System || slices.Contains(u.AccessRoles, r))
}

// IsManagerOrAdmin reports whether the user is a manager or an administrator (or the
// application itself): who reads MANAGERS profiles and agents' emails, and whose reads of
// others' profiles are recorded views.
func (u *User) IsManagerOrAdmin() bool {
	return u.Has(AccessManager) || u.Has(AccessAdmin)
}

// UserService signs people in and keeps their access roles. A "user" is a person who
// signs in (their agent record and access roles); career roles are Role, and community
// members are CommunityMember.
type UserService interface {
	// SignIn finds the agent of the identity by (issuer, subject) or creates it, refreshes
	// the profile fields the provider asserts, grants ADMIN when the subject is one of the
	// bootstrap administrators of that issuer, and returns the user. Internal work of the
	// sign-in flow only: returns EFORBIDDEN for any person.
	SignIn(ctx context.Context, id Identity, bootstrapAdmins []string) (*User, error)

	// FindUser returns the agent and access roles of agentID. Returns ENOTFOUND when the
	// agent no longer exists.
	FindUser(ctx context.Context, agentID int64) (*User, error)

	// GrantAccessRole gives the access role to the agent and records it in the audit log.
	// Returns EFORBIDDEN unless an administrator asks, EINVALID for AGENT (everyone has it)
	// or an unknown role, ENOTFOUND for an unknown agent. Granting a role already held
	// changes nothing.
	GrantAccessRole(ctx context.Context, agentID int64, role AccessRole) error

	// RevokeAccessRole takes the access role back and records it. Returns EFORBIDDEN unless
	// an administrator asks, ECONFLICT when it would remove the last administrator.
	RevokeAccessRole(ctx context.Context, agentID int64, role AccessRole) error

	// FindUsers returns the users whose given or usual name has every word of the search
	// as a prefix of one of its words (accents, case and compatibility forms ignored, as
	// FoldForSearch folds them), by usual then given name, with their access roles, and how
	// many match in all: what administrators need to grant and revoke access roles. Profile
	// visibility does not narrow it (an administrator grants roles to agents whose profile
	// is PRIVATE too) and each user carries only their identity as the provider asserts it
	// (names, email, organisation label), never their profile. Returns EUNAUTHENTICATED
	// for an anonymous request, EFORBIDDEN unless an administrator asks, EINVALID for a
	// search that UserFilter.Validate refuses.
	FindUsers(ctx context.Context, filter UserFilter) ([]*User, int, error)
}

// MaxUserSearch is the longest search text of FindUsers, in characters: a full name is
// far shorter.
const MaxUserSearch = 100

// UserFilter selects users for administrators (UserService.FindUsers).
type UserFilter struct {
	// Search is matched against given and usual names: each word as a prefix of a word of
	// the name, accents and case ignored.
	Search string
	Page
}

// Validate returns EINVALID (on the field « search ») for a search without a visible
// character, longer than MaxUserSearch or with characters ValidateText refuses, and for a
// page out of range. It brings Search to its stored form (NFC, trimmed).
func (f *UserFilter) Validate() error {
	if err := ValidateText("La recherche", &f.Search, MaxUserSearch, TextRequired); err != nil {
		return WithField("search", err)
	}
	return f.Page.Validate()
}

// UserSearchWords returns the words of a user search as FoldForSearch folds them (letters
// and digits of any script; everything else separates words), at most 8: the terms each of
// which must begin a word of the folded name.
func UserSearchWords(search string) []string {
	words := strings.FieldsFunc(FoldForSearch(search), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	return words[:min(len(words), 8)]
}

// UserSearchName is the text FindUsers matches and sorts users by: usual then given name,
// folded by FoldForSearch, words separated by single spaces.
func UserSearchName(givenName, usualName string) string {
	words := strings.FieldsFunc(FoldForSearch(usualName+" "+givenName), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	return strings.Join(words, " ")
}

// DemoIssuer is the identity issuer of generated demo agents: no provider asserts it, so
// they can never sign in.
const DemoIssuer = "urn:passerelles:demo"

// CheckAccessRoleHolder returns EINVALID when the agent of that identity issuer can never
// sign in (a demo agent): a role given to them would serve nobody, and an administrator
// who cannot sign in must not count as the one who remains (KeepAnAdministrator).
func CheckAccessRoleHolder(issuer string) error {
	if issuer == DemoIssuer {
		return WithField("agentId", Errorf(EINVALID, "Cet agent de démonstration ne se connecte jamais : il ne peut pas recevoir de rôle."))
	}
	return nil
}

// GrantableAccessRoles are the access roles administrators grant.
var GrantableAccessRoles = []AccessRole{AccessManager, AccessAdmin}

// ValidateGrantableAccessRole returns EINVALID unless administrators may grant the role.
func ValidateGrantableAccessRole(r AccessRole) error {
	if !slices.Contains(GrantableAccessRoles, r) {
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
