// Package resolvers holds the GraphQL resolver functions of Passerelles and the
// request-scoped loaders that batch nested lists. Resolvers call the domain services, never
// SQL; rules about who may see what live in those services.
package resolvers

import (
	"context"
	"strconv"
	"sync"

	"github.com/graphql-go/graphql"

	"passerelles"
)

// Resolver resolves every field of the schema.
type Resolver struct {
	svc  passerelles.Services
	site passerelles.Site
	refs referentialCache

	// calendarFeedURL writes the address of a personal calendar feed from its token.
	calendarFeedURL func(token string) string
	// emailNotifications: the service sends notifications by email (WithEmailNotifications).
	emailNotifications bool
}

// referentialCache keeps the referentials the request loaders read whole (frameworks,
// skills, roles and their paths, ministries, regions, organisations, grades) across
// requests, each with the version of the referentials it was read at
// (passerelles.ReferentialsVersion): a request whose version is the same uses the copy,
// one after a change reads them again. Without it every request read each referential it
// touched from SQLite — the largest part of a talent search's page through GraphQL.
// The values are shared between requests: resolvers only read them.
type referentialCache struct {
	mu      sync.Mutex
	entries map[string]referentialEntry
}

type referentialEntry struct {
	version uint64
	value   any
}

// peekReferential returns the copy of the referential name when the cache holds one of
// the current version (ok), without reading anything.
func peekReferential[V any](r *Resolver, name string) (V, bool) {
	var zero V
	if r.svc.Referentials == nil {
		return zero, false
	}
	version := r.svc.Referentials.ReferentialsVersion()
	r.refs.mu.Lock()
	e, ok := r.refs.entries[name]
	r.refs.mu.Unlock()
	if v, isV := e.value.(V); ok && isV && e.version == version {
		return v, true
	}
	return zero, false
}

// peekIn returns a loader's peek over the referential name, a map by key.
func peekIn[K comparable, V any](r *Resolver, name string) func(K) (V, bool, bool) {
	return func(key K) (V, bool, bool) {
		m, ok := peekReferential[map[K]V](r, name)
		if !ok {
			var zero V
			return zero, false, false
		}
		v, found := m[key]
		return v, found, true
	}
}

// cachedReferential returns the referential name as fetch reads it, from the cache when
// it holds a copy of the current version. The version is read before fetching, so a copy
// is never stamped with a version newer than its data.
func cachedReferential[V any](r *Resolver, name string, fetch func() (V, error)) (V, error) {
	if r.svc.Referentials == nil {
		return fetch()
	}
	version := r.svc.Referentials.ReferentialsVersion()
	r.refs.mu.Lock()
	e, ok := r.refs.entries[name]
	r.refs.mu.Unlock()
	if v, isV := e.value.(V); ok && isV && e.version == version {
		return v, nil
	}
	v, err := fetch()
	if err != nil {
		return v, err
	}
	r.refs.mu.Lock()
	if r.refs.entries == nil {
		r.refs.entries = map[string]referentialEntry{}
	}
	if cur, ok := r.refs.entries[name]; !ok || cur.version <= version {
		r.refs.entries[name] = referentialEntry{version: version, value: v}
	}
	r.refs.mu.Unlock()
	return v, nil
}

// Option sets something of the resolver that is not a domain service.
type Option func(*Resolver)

// WithSite gives the facts of the site's configuration that Query.site answers.
func WithSite(site passerelles.Site) Option { return func(r *Resolver) { r.site = site } }

// WithCalendarFeedURL gives how the address of a personal calendar feed is written from
// its token (the server knows its base URL and route).
func WithCalendarFeedURL(url func(token string) string) Option {
	return func(r *Resolver) { r.calendarFeedURL = url }
}

// New returns a resolver over the services.
func New(svc passerelles.Services, opts ...Option) *Resolver {
	r := &Resolver{svc: svc, calendarFeedURL: func(token string) string { return "/calendar/me/" + token + ".ics" }}
	for _, o := range opts {
		o(r)
	}
	return r
}

// Site resolves Query.site: the service's own facts, for everyone, signed in or not.
func (r *Resolver) Site(p graphql.ResolveParams) (any, error) {
	site := r.site
	return &site, nil
}

// loaders are the batch loaders of one request.
type loaders struct {
	framework    *loader[int64, *passerelles.Framework]
	skill        *loader[int64, *passerelles.Skill]
	domainSkills *loader[int64, []*passerelles.Skill]
	role         *loader[int64, *passerelles.Role]
	transitions  *loader[int64, roleTransitions]
	ministry     *loader[int64, *passerelles.Ministry]
	region       *loader[int64, *passerelles.Region]
	organisation *loader[int64, *passerelles.Organisation]
	grade        *loader[string, *passerelles.Grade]
	profile      *loader[int64, *passerelles.Profile]
	// listedProfile: the profiles behind cards read without their skills, not recorded
	// as views.
	listedProfile *loader[int64, *passerelles.Profile]
	histories     *loader[int64, map[int64][]passerelles.SkillVersion]
	endorsers     *loader[int64, map[int64][]*passerelles.Profile]
	members       *loader[memberKey, *Connection]
	animated      *loader[int64, []*passerelles.Community]
	// shortlistEntries: a page of entries for every shortlist of a level, with their
	// profiles: one call.
	shortlistEntries *loader[shortlistPage, *Connection]
	// events: communities, their events, animators and the viewer's role; participants
	// and the viewer's registrations.
	events *eventLoaders
	// career: what closes a gap (events, communities, mentors), role counts, observed
	// moves and career histories.
	career *careerLoaders
}

// roleTransitions are the career paths that leave a role and those that reach it.
type roleTransitions struct {
	From, To []*passerelles.Transition
}

// memberKey asks for one page of a community's members.
type memberKey struct {
	community     int64
	offset, limit int
}

type loadersKey struct{}

// WithLoaders returns a context carrying fresh loaders for one request. The HTTP handler
// calls it once per request, so that nothing is cached across requests or people.
func (r *Resolver) WithLoaders(ctx context.Context) context.Context {
	return context.WithValue(ctx, loadersKey{}, r.newLoaders(ctx))
}

// newLoaders returns a fresh set of the request's loaders, reading with ctx.
func (r *Resolver) newLoaders(ctx context.Context) *loaders {
	// The referentials (frameworks, skills, roles and their paths, ministries, regions,
	// organisations) are small and read-mostly: a loader of one of them reads it whole at
	// its first fetch, so that a request costs one fetch per referential it touches,
	// whichever rows and however many levels of the response ask for them.
	l := &loaders{
		framework: whole(r, "frameworks", func(page passerelles.Page) ([]*passerelles.Framework, int, error) {
			return r.svc.Frameworks.FindFrameworks(ctx, passerelles.FrameworkFilter{Page: page})
		}, func(f *passerelles.Framework) int64 { return f.ID }),
		skill: whole(r, "skills", func(page passerelles.Page) ([]*passerelles.Skill, int, error) {
			return r.svc.Skills.FindSkills(ctx, passerelles.SkillFilter{Page: page})
		}, func(s *passerelles.Skill) int64 { return s.ID }),
		domainSkills: newLoader(func(ctx context.Context, ids []int64) (map[int64][]*passerelles.Skill, error) {
			byDomain, err := cachedReferential(r, "skillsByDomain", func() (map[int64][]*passerelles.Skill, error) {
				all, err := findAll(func(page passerelles.Page) ([]*passerelles.Skill, int, error) {
					return r.svc.Skills.FindSkills(ctx, passerelles.SkillFilter{Page: page})
				})
				byDomain := map[int64][]*passerelles.Skill{}
				for _, s := range all {
					byDomain[s.DomainID] = append(byDomain[s.DomainID], s)
				}
				return byDomain, err
			})
			if err != nil {
				return nil, err
			}
			out := make(map[int64][]*passerelles.Skill, len(ids))
			for _, id := range ids {
				if out[id] = byDomain[id]; out[id] == nil {
					out[id] = []*passerelles.Skill{}
				}
			}
			return out, nil
		}),
		role: whole(r, "roles", func(page passerelles.Page) ([]*passerelles.Role, int, error) {
			return r.svc.Roles.FindRoles(ctx, passerelles.RoleFilter{Page: page})
		}, func(r *passerelles.Role) int64 { return r.ID }),
		transitions: newLoader(func(ctx context.Context, ids []int64) (map[int64]roleTransitions, error) {
			byRole, err := cachedReferential(r, "transitions", func() (map[int64]roleTransitions, error) {
				all, err := findAll(func(page passerelles.Page) ([]*passerelles.Transition, int, error) {
					return r.svc.Transitions.FindTransitions(ctx, passerelles.TransitionFilter{Page: page})
				})
				byRole := map[int64]roleTransitions{}
				for _, t := range all {
					from := byRole[t.FromRoleID]
					from.From = append(from.From, t)
					byRole[t.FromRoleID] = from
					to := byRole[t.ToRoleID]
					to.To = append(to.To, t)
					byRole[t.ToRoleID] = to
				}
				return byRole, err
			})
			if err != nil {
				return nil, err
			}
			out := make(map[int64]roleTransitions, len(ids))
			for _, id := range ids {
				t := byRole[id]
				if t.From == nil {
					t.From = []*passerelles.Transition{}
				}
				if t.To == nil {
					t.To = []*passerelles.Transition{}
				}
				out[id] = t
			}
			return out, nil
		}),
		ministry: whole(r, "ministries", func(page passerelles.Page) ([]*passerelles.Ministry, int, error) {
			return r.svc.Organisations.FindMinistries(ctx, nil, page)
		}, func(m *passerelles.Ministry) int64 { return m.ID }),
		region: whole(r, "regions", func(page passerelles.Page) ([]*passerelles.Region, int, error) {
			return r.svc.Organisations.FindRegions(ctx, nil, page)
		}, func(r *passerelles.Region) int64 { return r.ID }),
		organisation: whole(r, "organisations", func(page passerelles.Page) ([]*passerelles.Organisation, int, error) {
			return r.svc.Organisations.FindOrganisations(ctx, passerelles.OrganisationFilter{Page: page})
		}, func(o *passerelles.Organisation) int64 { return o.ID }),
		grade: withPeek(peekIn[string, *passerelles.Grade](r, "grades"), func(ctx context.Context, codes []string) (map[string]*passerelles.Grade, error) {
			return cachedReferential(r, "grades", func() (map[string]*passerelles.Grade, error) {
				grades, err := r.svc.Organisations.FindGrades(ctx)
				out := map[string]*passerelles.Grade{}
				for _, g := range grades {
					out[g.Code] = g
				}
				return out, err
			})
		}),
		// Profiles the viewer may not see are absent: edges to them resolve to null or
		// are left out of lists.
		profile: newLoader(func(ctx context.Context, ids []int64) (map[int64]*passerelles.Profile, error) {
			if r.svc.Profiles == nil {
				return map[int64]*passerelles.Profile{}, nil
			}
			return r.svc.Profiles.FindProfiles(ctx, ids)
		}),
		// The whole profiles behind cards read without their skills (search results,
		// shortlist entries): listing them is not a view, so they are not recorded.
		listedProfile: newLoader(func(ctx context.Context, ids []int64) (map[int64]*passerelles.Profile, error) {
			if r.svc.Profiles == nil {
				return map[int64]*passerelles.Profile{}, nil
			}
			return r.svc.Profiles.FindListedProfiles(ctx, ids)
		}),
		// Histories and endorsements of the skills of every profile of a level: one call.
		histories: newLoader(func(ctx context.Context, agentIDs []int64) (map[int64]map[int64][]passerelles.SkillVersion, error) {
			return r.svc.Profiles.FindSkillHistories(ctx, agentIDs)
		}),
		// The endorsers of the skills of every profile of a level, with their profiles: one
		// fetch for the endorsements, one for the profiles.
		endorsers: newLoader(func(ctx context.Context, agentIDs []int64) (map[int64]map[int64][]*passerelles.Profile, error) {
			return r.fetchEndorsers(ctx, agentIDs)
		}),
		// A page of members for every community of a level: one call for the pages, one
		// for the profiles.
		members: newLoader(func(ctx context.Context, keys []memberKey) (map[memberKey]*Connection, error) {
			return r.fetchMembers(ctx, keys)
		}),
		// The communities every user of a level animates: one read for the memberships,
		// one for the communities.
		animated: newLoader(func(ctx context.Context, agentIDs []int64) (map[int64][]*passerelles.Community, error) {
			return r.fetchAnimated(ctx, agentIDs)
		}),
		shortlistEntries: newLoader(func(ctx context.Context, keys []shortlistPage) (map[shortlistPage]*Connection, error) {
			return r.fetchShortlistEntries(ctx, keys)
		}),
		events: r.newEventLoaders(),
		career: r.newCareerLoaders(),
	}
	return l
}

// loadersFrom returns the request's loaders. A context without them (a caller that forgot
// WithLoaders) gets fresh ones, so that resolving still works, only batched less widely;
// resolvers never panic, since graphql-go cannot always recover a panic.
func (r *Resolver) loadersFrom(ctx context.Context) *loaders {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l
	}
	return r.newLoaders(ctx)
}

// whole returns a loader that reads a whole referential, page after page, at its first
// fetch (or takes it from the resolver's cache of referentials, under name): every row is
// then known, whatever keys were asked.
func whole[T any](r *Resolver, name string, find func(page passerelles.Page) ([]T, int, error), id func(T) int64) *loader[int64, T] {
	return withPeek(peekIn[int64, T](r, name), func(_ context.Context, _ []int64) (map[int64]T, error) {
		return cachedReferential(r, name, func() (map[int64]T, error) {
			all, err := findAll(find)
			if err != nil {
				return nil, err
			}
			out := make(map[int64]T, len(all))
			for _, it := range all {
				out[id(it)] = it
			}
			return out, nil
		})
	})
}

// withPeek returns a loader that fetches with fetch and answers what peek knows at once.
func withPeek[K comparable, V any](peek func(K) (V, bool, bool), fetch func(ctx context.Context, keys []K) (map[K]V, error)) *loader[K, V] {
	l := newLoader(fetch)
	l.peek = peek
	return l
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
		return 0, passerelles.Errorf(passerelles.EINVALID, "L’identifiant « %s » est invalide.", passerelles.EchoText(s, 40))
	}
	return id, nil
}

// inputID reads the ID field key of a mutation's input; a refusal names that field.
func inputID(in map[string]any, key string) (int64, error) {
	id, err := parseID(in[key])
	return id, passerelles.WithField(key, err)
}

// optString returns a pointer to a string argument, or nil when absent.
func optString(p graphql.ResolveParams, name string) *string {
	if v, ok := p.Args[name].(string); ok {
		return &v
	}
	return nil
}
