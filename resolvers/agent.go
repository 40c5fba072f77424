package resolvers

import (
	"context"
	"slices"

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
// animates (the per-community ANIMATOR role), batched over every user of a level.
func (r *Resolver) UserAnimatedCommunities(p graphql.ResolveParams) (any, error) {
	m, err := Source[*passerelles.User](p)
	if err != nil {
		return nil, err
	}
	load := r.loadersFrom(p.Context).animated.Load(p, m.AgentID)
	return func() (any, error) {
		cs, _, err := load()
		if err != nil {
			return nil, err
		}
		if cs == nil {
			cs = []*passerelles.Community{}
		}
		return cs, nil
	}, nil
}

// fetchAnimated returns the communities each of agentIDs animates, by community name.
func (r *Resolver) fetchAnimated(ctx context.Context, agentIDs []int64) (map[int64][]*passerelles.Community, error) {
	ms, err := r.svc.Communities.FindMemberships(ctx, agentIDs)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, list := range ms {
		for _, x := range list {
			if x.Role == passerelles.MemberRoleAnimator && !slices.Contains(ids, x.CommunityID) {
				ids = append(ids, x.CommunityID)
			}
		}
	}
	out := make(map[int64][]*passerelles.Community, len(agentIDs))
	if len(ids) == 0 {
		return out, nil
	}
	byID := make(map[int64]*passerelles.Community, len(ids))
	for start := 0; start < len(ids); start += passerelles.MaxPageSize {
		chunk := ids[start:min(start+passerelles.MaxPageSize, len(ids))]
		cs, _, err := r.svc.Communities.FindCommunities(ctx, passerelles.CommunityFilter{IDs: chunk, Page: passerelles.Page{Limit: len(chunk)}})
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			byID[c.ID] = c
		}
	}
	for agent, list := range ms {
		for _, x := range list {
			if c := byID[x.CommunityID]; c != nil && x.Role == passerelles.MemberRoleAnimator {
				out[agent] = append(out[agent], c)
			}
		}
	}
	return out, nil
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
