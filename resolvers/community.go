package resolvers

import (
	"fmt"

	"github.com/graphql-go/graphql"

	"passerelles"
)

// CommunityEvents resolves Community.events: a page of its events of a time filter (all
// when absent), batched over the communities of a level.
func (r *Resolver) CommunityEvents(p graphql.ResolveParams) (any, error) {
	c, err := Source[*passerelles.Community](p)
	if err != nil {
		return nil, err
	}
	page, err := pageArgs(p)
	if err != nil {
		return nil, err
	}
	when, _ := p.Args["when"].(string)
	key := eventsPage{community: c.ID, when: passerelles.EventWhen(when), offset: page.Offset, limit: page.Limit}
	if !selectsItems(p) {
		key.limit = 0
	}
	return thunk(r.loadersFrom(p.Context).events.communityEvents.Load(p, key)), nil
}

// CommunityAnimators resolves Community.animators, batched over the communities of a level.
func (r *Resolver) CommunityAnimators(p graphql.ResolveParams) (any, error) {
	c, err := Source[*passerelles.Community](p)
	if err != nil {
		return nil, err
	}
	load := r.loadersFrom(p.Context).events.animators.Load(p, c.ID)
	return func() (any, error) {
		list, _, err := load()
		if err != nil {
			return nil, err
		}
		out := make([]*passerelles.CommunityAnimator, len(list))
		for i := range list {
			out[i] = &list[i]
		}
		return out, nil
	}, nil
}

// AnimatorProfile resolves CommunityAnimator.profile: the profile when the viewer may see it.
func (r *Resolver) AnimatorProfile(p graphql.ResolveParams) (any, error) {
	a, err := Source[*passerelles.CommunityAnimator](p)
	if err != nil {
		return nil, err
	}
	return r.profileRef(p, a.AgentID)
}

// CommunityViewerRole resolves Community.viewerRole: the signed-in agent's role in it,
// null when not a member (one read for every community of the response).
func (r *Resolver) CommunityViewerRole(p graphql.ResolveParams) (any, error) {
	c, err := Source[*passerelles.Community](p)
	if err != nil {
		return nil, err
	}
	load := r.loadersFrom(p.Context).events.viewerRole.Load(p, c.ID)
	return func() (any, error) {
		role, ok, err := load()
		if err != nil || !ok || role == "" {
			return nil, err
		}
		return string(role), nil
	}, nil
}

// communityInput reads the fields of CreateCommunityInput and UpdateCommunityInput.
func communityInput(in map[string]any) (*passerelles.Community, error) {
	c := &passerelles.Community{SkillIDs: []int64{}}
	c.Code, _ = in["code"].(string)
	c.Name, _ = in["name"].(string)
	c.Description, _ = in["description"].(string)
	if list, ok := in["skillIds"].([]any); ok {
		for i, v := range list {
			id, err := parseID(v)
			if err != nil {
				return nil, passerelles.WithField(fmt.Sprintf("skillIds.%d", i), err)
			}
			c.SkillIDs = append(c.SkillIDs, id)
		}
	}
	return c, nil
}

func communityPayload(c *passerelles.Community, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return map[string]any{"community": c}, nil
}

// CreateCommunity resolves Mutation.createCommunity.
func (r *Resolver) CreateCommunity(p graphql.ResolveParams) (any, error) {
	c, err := communityInput(input(p))
	if err != nil {
		return nil, err
	}
	if err := r.svc.Communities.CreateCommunity(p.Context, c); err != nil {
		return nil, err
	}
	return communityPayload(r.svc.Communities.FindCommunityByCode(p.Context, c.Code))
}

// UpdateCommunity resolves Mutation.updateCommunity.
func (r *Resolver) UpdateCommunity(p graphql.ResolveParams) (any, error) {
	in := input(p)
	id, err := inputID(in, "communityId")
	if err != nil {
		return nil, err
	}
	c, err := communityInput(in)
	if err != nil {
		return nil, err
	}
	c.ID = id
	return communityPayload(r.svc.Communities.UpdateCommunity(p.Context, c))
}

// ArchiveCommunity resolves Mutation.archiveCommunity.
func (r *Resolver) ArchiveCommunity(p graphql.ResolveParams) (any, error) {
	in := input(p)
	id, err := inputID(in, "communityId")
	if err != nil {
		return nil, err
	}
	archived, ok := in["archived"].(bool)
	if !ok {
		archived = true
	}
	return communityPayload(r.svc.Communities.ArchiveCommunity(p.Context, id, archived))
}

// SetCommunityAnimator resolves Mutation.setCommunityAnimator.
func (r *Resolver) SetCommunityAnimator(p graphql.ResolveParams) (any, error) {
	in := input(p)
	cid, err := inputID(in, "communityId")
	if err != nil {
		return nil, err
	}
	aid, err := inputID(in, "agentId")
	if err != nil {
		return nil, err
	}
	animator, _ := in["animator"].(bool)
	if err := r.svc.Communities.SetAnimator(p.Context, cid, aid, animator); err != nil {
		return nil, err
	}
	cs, _, err := r.svc.Communities.FindCommunities(p.Context, passerelles.CommunityFilter{IDs: []int64{cid}, Page: passerelles.Page{Limit: 1}})
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	return communityPayload(cs[0], nil)
}

// JoinCommunity resolves Mutation.joinCommunity.
func (r *Resolver) JoinCommunity(p graphql.ResolveParams) (any, error) {
	id, err := inputID(input(p), "communityId")
	if err != nil {
		return nil, err
	}
	return communityPayload(r.svc.Communities.JoinCommunity(p.Context, id))
}

// LeaveCommunity resolves Mutation.leaveCommunity.
func (r *Resolver) LeaveCommunity(p graphql.ResolveParams) (any, error) {
	id, err := inputID(input(p), "communityId")
	if err != nil {
		return nil, err
	}
	return communityPayload(r.svc.Communities.LeaveCommunity(p.Context, id))
}
