// Package resolvers holds the GraphQL resolver functions of Passerelles and the
// request-scoped loaders that batch nested lists. Resolvers call the domain services, never
// SQL; rules about who may see what live in those services.
package resolvers

import (
	"context"
	"strconv"

	"github.com/graphql-go/graphql"

	"passerelles"
)

// Services are the domain services the resolvers call.
type Services struct {
	Frameworks    passerelles.FrameworkService
	Skills        passerelles.SkillService
	Roles         passerelles.RoleService
	Transitions   passerelles.TransitionService
	Organisations passerelles.OrganisationService
	Communities   passerelles.CommunityService
	SignIn        passerelles.SignInService
	Access        passerelles.AccessService
	Profiles      passerelles.ProfileService
}

// Resolver resolves every field of the schema.
type Resolver struct {
	svc Services
}

// New returns a resolver over the services.
func New(svc Services) *Resolver { return &Resolver{svc: svc} }

// loaders are the batch loaders of one request.
type loaders struct {
	framework      *loader[int64, *passerelles.Framework]
	skill          *loader[int64, *passerelles.Skill]
	domainSkills   *loader[int64, []*passerelles.Skill]
	role           *loader[int64, *passerelles.Role]
	transitionFrom *loader[int64, []*passerelles.Transition]
	transitionTo   *loader[int64, []*passerelles.Transition]
	ministry       *loader[int64, *passerelles.Ministry]
	region         *loader[int64, *passerelles.Region]
	organisation   *loader[int64, *passerelles.Organisation]
	grade          *loader[string, *passerelles.Grade]
	profile        *loader[int64, *passerelles.Profile]
	histories      *loader[int64, map[int64][]passerelles.SkillVersion]
	endorsements   *loader[int64, map[int64][]passerelles.Endorsement]
}

type loadersKey struct{}

// WithLoaders returns a context carrying fresh loaders for one request. The HTTP handler
// calls it once per request, so that nothing is cached across requests or people.
func (r *Resolver) WithLoaders(ctx context.Context) context.Context {
	byID := func(items int) passerelles.Page {
		return passerelles.Page{Limit: min(max(items, 1), passerelles.MaxPageSize)}
	}
	l := &loaders{
		framework: newLoader(func(ctx context.Context, ids []int64) (map[int64]*passerelles.Framework, error) {
			return fetchByID(ids, func(chunk []int64) ([]*passerelles.Framework, error) {
				fs, _, err := r.svc.Frameworks.FindFrameworks(ctx, passerelles.FrameworkFilter{IDs: chunk, Page: byID(len(chunk))})
				return fs, err
			}, func(f *passerelles.Framework) int64 { return f.ID })
		}),
		skill: newLoader(func(ctx context.Context, ids []int64) (map[int64]*passerelles.Skill, error) {
			return fetchByID(ids, func(chunk []int64) ([]*passerelles.Skill, error) {
				ss, _, err := r.svc.Skills.FindSkills(ctx, passerelles.SkillFilter{IDs: chunk, Page: byID(len(chunk))})
				return ss, err
			}, func(s *passerelles.Skill) int64 { return s.ID })
		}),
		domainSkills: newLoader(func(ctx context.Context, ids []int64) (map[int64][]*passerelles.Skill, error) {
			all, err := findAll(func(page passerelles.Page) ([]*passerelles.Skill, int, error) {
				return r.svc.Skills.FindSkills(ctx, passerelles.SkillFilter{DomainIDs: ids, Page: page})
			})
			return groupBy(ids, all, func(s *passerelles.Skill) int64 { return s.DomainID }), err
		}),
		role: newLoader(func(ctx context.Context, ids []int64) (map[int64]*passerelles.Role, error) {
			return fetchByID(ids, func(chunk []int64) ([]*passerelles.Role, error) {
				rs, _, err := r.svc.Roles.FindRoles(ctx, passerelles.RoleFilter{IDs: chunk, Page: byID(len(chunk))})
				return rs, err
			}, func(r *passerelles.Role) int64 { return r.ID })
		}),
		transitionFrom: newLoader(func(ctx context.Context, ids []int64) (map[int64][]*passerelles.Transition, error) {
			all, err := findAll(func(page passerelles.Page) ([]*passerelles.Transition, int, error) {
				return r.svc.Transitions.FindTransitions(ctx, passerelles.TransitionFilter{FromRoleIDs: ids, Page: page})
			})
			return groupBy(ids, all, func(t *passerelles.Transition) int64 { return t.FromRoleID }), err
		}),
		transitionTo: newLoader(func(ctx context.Context, ids []int64) (map[int64][]*passerelles.Transition, error) {
			all, err := findAll(func(page passerelles.Page) ([]*passerelles.Transition, int, error) {
				return r.svc.Transitions.FindTransitions(ctx, passerelles.TransitionFilter{ToRoleIDs: ids, Page: page})
			})
			return groupBy(ids, all, func(t *passerelles.Transition) int64 { return t.ToRoleID }), err
		}),
		ministry: newLoader(func(ctx context.Context, ids []int64) (map[int64]*passerelles.Ministry, error) {
			return fetchByID(ids, func(chunk []int64) ([]*passerelles.Ministry, error) {
				ms, _, err := r.svc.Organisations.FindMinistries(ctx, chunk, byID(len(chunk)))
				return ms, err
			}, func(m *passerelles.Ministry) int64 { return m.ID })
		}),
		region: newLoader(func(ctx context.Context, ids []int64) (map[int64]*passerelles.Region, error) {
			return fetchByID(ids, func(chunk []int64) ([]*passerelles.Region, error) {
				rs, _, err := r.svc.Organisations.FindRegions(ctx, chunk, byID(len(chunk)))
				return rs, err
			}, func(r *passerelles.Region) int64 { return r.ID })
		}),
		organisation: newLoader(func(ctx context.Context, ids []int64) (map[int64]*passerelles.Organisation, error) {
			return fetchByID(ids, func(chunk []int64) ([]*passerelles.Organisation, error) {
				os, _, err := r.svc.Organisations.FindOrganisations(ctx, passerelles.OrganisationFilter{IDs: chunk, Page: byID(len(chunk))})
				return os, err
			}, func(o *passerelles.Organisation) int64 { return o.ID })
		}),
		grade: newLoader(func(ctx context.Context, codes []string) (map[string]*passerelles.Grade, error) {
			grades, err := r.svc.Organisations.FindGrades(ctx)
			out := map[string]*passerelles.Grade{}
			for _, g := range grades {
				out[g.Code] = g
			}
			return out, err
		}),
		// Profiles the viewer may not see are absent: edges to them resolve to null or
		// are left out of lists.
		profile: newLoader(func(ctx context.Context, ids []int64) (map[int64]*passerelles.Profile, error) {
			if r.svc.Profiles == nil {
				return map[int64]*passerelles.Profile{}, nil
			}
			return r.svc.Profiles.FindProfiles(ctx, ids)
		}),
		// Histories and endorsements of a profile's skills: one call per profile, not per skill.
		histories: newLoader(func(ctx context.Context, agentIDs []int64) (map[int64]map[int64][]passerelles.SkillVersion, error) {
			out := map[int64]map[int64][]passerelles.SkillVersion{}
			for _, id := range agentIDs {
				h, err := r.svc.Profiles.FindSkillHistories(ctx, id)
				if err != nil {
					return nil, err
				}
				out[id] = h
			}
			return out, nil
		}),
		endorsements: newLoader(func(ctx context.Context, agentIDs []int64) (map[int64]map[int64][]passerelles.Endorsement, error) {
			out := map[int64]map[int64][]passerelles.Endorsement{}
			for _, id := range agentIDs {
				e, err := r.svc.Profiles.FindAllEndorsements(ctx, id)
				if err != nil {
					return nil, err
				}
				out[id] = e
			}
			return out, nil
		}),
	}
	return context.WithValue(ctx, loadersKey{}, l)
}

// loadersFrom returns the request's loaders. A context without them (a caller that forgot
// WithLoaders) gets fresh ones, so that resolving still works, only batched less widely;
// resolvers never panic, since graphql-go cannot always recover a panic.
func (r *Resolver) loadersFrom(ctx context.Context) *loaders {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l
	}
	return r.WithLoaders(ctx).Value(loadersKey{}).(*loaders)
}

// fetchByID fetches items by id in chunks of at most MaxPageSize.
func fetchByID[T any](ids []int64, find func(chunk []int64) ([]T, error), id func(T) int64) (map[int64]T, error) {
	out := make(map[int64]T, len(ids))
	for start := 0; start < len(ids); start += passerelles.MaxPageSize {
		items, err := find(ids[start:min(start+passerelles.MaxPageSize, len(ids))])
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			out[id(it)] = it
		}
	}
	return out, nil
}

// groupBy groups items under the key they belong to; every asked key gets a (maybe empty) list.
func groupBy[T any](keys []int64, items []T, key func(T) int64) map[int64][]T {
	out := make(map[int64][]T, len(keys))
	for _, k := range keys {
		out[k] = []T{}
	}
	for _, it := range items {
		out[key(it)] = append(out[key(it)], it)
	}
	return out
}

// thunk adapts a loader thunk to graphql-go's func() (interface{}, error); a missing item
// resolves to null.
func thunk[V any](th func() (V, bool, error)) func() (any, error) {
	return func() (any, error) {
		v, ok, err := th()
		if err != nil || !ok {
			return nil, err
		}
		return v, nil
	}
}

// ID renders a database id as a GraphQL ID.
func ID(id int64) string { return strconv.FormatInt(id, 10) }

func parseID(v any) (int64, error) {
	s, _ := v.(string)
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, passerelles.Errorf(passerelles.EINVALID, "L'identifiant « %s » est invalide.", truncate(s, 40))
	}
	return id, nil
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// optString returns a pointer to a string argument, or nil when absent.
func optString(p graphql.ResolveParams, name string) *string {
	if v, ok := p.Args[name].(string); ok {
		return &v
	}
	return nil
}
