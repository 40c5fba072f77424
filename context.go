package passerelles

import "context"

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
