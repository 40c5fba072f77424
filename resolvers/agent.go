package resolvers

import (
	"context"

	"github.com/graphql-go/graphql"

	"passerelles"
)

// Me resolves Query.me: the signed-in person, or null for an anonymous request.
func (r *Resolver) Me(p graphql.ResolveParams) (any, error) {
	u := passerelles.UserFromContext(p.Context)
	if u == nil || u.AgentID == 0 {
		return nil, nil
	}
	if u.Agent != nil {
		return u, nil // the session middleware loaded the user for this request
	}
	return r.svc.Users.FindUser(p.Context, u.AgentID)
}

// Users resolves Query.users: administrators find people by name to change their access
// roles (passerelles.UserService.FindUsers holds the rule).
func (r *Resolver) Users(p graphql.ResolveParams) (any, error) {
	search, _ := p.Args["search"].(string)
	return queryPage(p, func(page passerelles.Page) ([]*passerelles.User, int, error) {
		return r.svc.Users.FindUsers(p.Context, passerelles.UserFilter{Search: search, Page: page})
	})
}

// accessRoleInput reads {agentId, role} of GrantAccessRoleInput and RevokeAccessRoleInput.
func accessRoleInput(p graphql.ResolveParams) (int64, passerelles.AccessRole, error) {
	in, _ := p.Args["input"].(map[string]any)
	id, err := inputID(in, "agentId")
	if err != nil {
		return 0, "", err
	}
	role, _ := in["role"].(string)
	return id, passerelles.AccessRole(role), nil
}

// GrantAccessRole resolves Mutation.grantAccessRole.
func (r *Resolver) GrantAccessRole(p graphql.ResolveParams) (any, error) {
	id, role, err := accessRoleInput(p)
	if err != nil {
		return nil, err
	}
	if err := r.svc.Users.GrantAccessRole(p.Context, id, role); err != nil {
		return nil, err
	}
	return r.accessRolesOf(p, id)
}

// accessRolesOf returns the payload of a role change: the agent's id and roles only — never their
// identity, which the administrator may not be allowed to see.
func (r *Resolver) accessRolesOf(p graphql.ResolveParams, id int64) (any, error) {
	m, err := r.svc.Users.FindUser(p.Context, id)
	if err != nil {
		return nil, err
	}
	roles := make([]string, len(m.AccessRoles))
	for i, x := range m.AccessRoles {
		roles[i] = string(x)
	}
	return map[string]any{"agentId": ID(id), "accessRoles": roles}, nil
}

// RevokeAccessRole resolves Mutation.revokeAccessRole.
func (r *Resolver) RevokeAccessRole(p graphql.ResolveParams) (any, error) {
	id, role, err := accessRoleInput(p)
	if err != nil {
		return nil, err
	}
	if err := r.svc.Users.RevokeAccessRole(p.Context, id, role); err != nil {
		return nil, err
	}
	return r.accessRolesOf(p, id)
}

// UserAnimatedCommunities resolves User.animatedCommunities: the communities the person
// animates (the per-community ANIMATOR role).
func (r *Resolver) UserAnimatedCommunities(p graphql.ResolveParams) (any, error) {
	m, err := Source[*passerelles.User](p)
	if err != nil {
		return nil, err
	}
	ms, err := r.svc.Communities.FindMemberships(p.Context, m.Agent.ID)
	if err != nil {
		return nil, err
	}
	ids := []int64{}
	for _, x := range ms {
		if x.Role == passerelles.MemberRoleAnimator {
			ids = append(ids, x.CommunityID)
		}
	}
	if len(ids) == 0 {
		return []*passerelles.Community{}, nil
	}
	cs, _, err := r.svc.Communities.FindCommunities(p.Context, passerelles.CommunityFilter{IDs: ids, Page: passerelles.Page{Limit: min(len(ids), passerelles.MaxPageSize)}})
	return cs, err
}

type signOutKey struct{}

// WithSignOut returns a context carrying how to end the person's browser session; the HTTP
// layer provides it, so that a resolver that ends the account (deleteMyAccount) also clears
// the session cookie in the same response.
func WithSignOut(ctx context.Context, signOut func()) context.Context {
	return context.WithValue(ctx, signOutKey{}, signOut)
}

func signOut(ctx context.Context) {
	if f, ok := ctx.Value(signOutKey{}).(func()); ok {
		f()
	}
}
