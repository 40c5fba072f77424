package passerelles

import (
	"context"
	"slices"
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
	OrganisationID int64 // the organisation the identity provider asserts (0: unknown)
	Roles          []AccessRole
	// System marks internal work (start-up loading of referentials, demo data): it may do
	// what an administrator may do, and is never given to a request from outside.
	System bool
}

// Has reports whether the user holds the access role.
func (u *User) Has(r AccessRole) bool {
	return u != nil && (u.System || slices.Contains(u.Roles, r))
}

// IsManagerOrAdmin reports whether the user is a manager or an administrator (or the
// application itself): who reads MANAGERS profiles and agents' emails, and whose reads of
// others' profiles are recorded views.
func (u *User) IsManagerOrAdmin() bool {
	return u.Has(AccessManager) || u.Has(AccessAdmin)
}

type contextKey int

const userContextKey contextKey = iota

// NewContextWithUser returns a context carrying the user.
func NewContextWithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userContextKey, u)
}

// UserFromContext returns the user on the context, or nil for an anonymous request.
func UserFromContext(ctx context.Context) *User {
	u, _ := ctx.Value(userContextKey).(*User)
	return u
}

// NewSystemContext returns a context for internal work done by the application itself.
func NewSystemContext(ctx context.Context) context.Context {
	return NewContextWithUser(ctx, &User{System: true})
}

// RequireAdmin returns EUNAUTHENTICATED for an anonymous request and EFORBIDDEN unless the
// user is an administrator (or the system).
func RequireAdmin(ctx context.Context) error {
	u := UserFromContext(ctx)
	if u == nil {
		return Errorf(EUNAUTHENTICATED, "Connectez-vous pour continuer.")
	}
	if !u.Has(AccessAdmin) {
		return Errorf(EFORBIDDEN, "Cette action est réservée aux administrateurs.")
	}
	return nil
}

// RequireSystem returns EFORBIDDEN unless the application itself does the work (bulk
// imports of demo data are not for people).
func RequireSystem(ctx context.Context) error {
	if u := UserFromContext(ctx); u == nil || !u.System {
		return Errorf(EFORBIDDEN, "Cette opération est réservée au fonctionnement interne de l’application.")
	}
	return nil
}
