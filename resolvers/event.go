package resolvers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/graphql-go/graphql"

	"passerelles"
)

// eventsPage asks for one page of a community's events of a time filter.
type eventsPage struct {
	community     int64
	when          passerelles.EventWhen
	offset, limit int
}

// participantsPage asks for one page of an event's participants or waitlist.
type participantsPage struct {
	event         int64
	status        passerelles.RegistrationStatus
	offset, limit int
}

// eventLoaders are the request loaders of events and communities.
type eventLoaders struct {
	community       *loader[int64, *passerelles.Community]
	communityEvents *loader[eventsPage, *Connection]
	animators       *loader[int64, []passerelles.CommunityAnimator]
	viewerRole      *loader[int64, passerelles.MemberRole]
	participants    *loader[participantsPage, *Connection]
	myRegistration  *loader[int64, *passerelles.Registration]
}

func (r *Resolver) newEventLoaders() *eventLoaders {
	return &eventLoaders{
		community: newLoader(func(ctx context.Context, ids []int64) (map[int64]*passerelles.Community, error) {
			out := make(map[int64]*passerelles.Community, len(ids))
			for start := 0; start < len(ids); start += passerelles.MaxPageSize {
				chunk := ids[start:min(start+passerelles.MaxPageSize, len(ids))]
				cs, _, err := r.svc.Communities.FindCommunities(ctx, passerelles.CommunityFilter{IDs: chunk, Page: passerelles.Page{Limit: len(chunk)}})
				if err != nil {
					return nil, err
				}
				for _, c := range cs {
					out[c.ID] = c
				}
			}
			return out, nil
		}),
		communityEvents: newLoader(func(ctx context.Context, keys []eventsPage) (map[eventsPage]*Connection, error) {
			type window struct {
				when          passerelles.EventWhen
				offset, limit int
			}
			byWindow := map[window][]int64{}
			for _, k := range keys {
				w := window{k.when, k.offset, k.limit}
				byWindow[w] = append(byWindow[w], k.community)
			}
			out := make(map[eventsPage]*Connection, len(keys))
			for w, ids := range byWindow {
				pages, err := r.svc.Events.FindCommunityEvents(ctx, ids, w.when, passerelles.Page{Offset: w.offset, Limit: max(w.limit, 1)})
				if err != nil {
					return nil, err
				}
				for _, id := range ids {
					p := pages[id]
					if w.limit == 0 {
						p.Events = nil
					}
					out[eventsPage{id, w.when, w.offset, w.limit}] = newConnection(p.Events, passerelles.Page{Offset: w.offset, Limit: w.limit}, p.Total)
				}
			}
			return out, nil
		}),
		animators: newLoader(func(ctx context.Context, ids []int64) (map[int64][]passerelles.CommunityAnimator, error) {
			return r.svc.Communities.FindAnimators(ctx, ids)
		}),
		viewerRole: newLoader(func(ctx context.Context, ids []int64) (map[int64]passerelles.MemberRole, error) {
			out := make(map[int64]passerelles.MemberRole, len(ids))
			u := passerelles.UserFromContext(ctx)
			if u == nil || u.AgentID == 0 {
				return out, nil
			}
			ms, err := r.svc.Communities.FindMemberships(ctx, []int64{u.AgentID})
			if err != nil {
				return nil, err
			}
			for _, m := range ms[u.AgentID] {
				out[m.CommunityID] = m.Role
			}
			return out, nil
		}),
		participants: newLoader(func(ctx context.Context, keys []participantsPage) (map[participantsPage]*Connection, error) {
			type window struct {
				status        passerelles.RegistrationStatus
				offset, limit int
			}
			byWindow := map[window][]int64{}
			for _, k := range keys {
				w := window{k.status, k.offset, k.limit}
				byWindow[w] = append(byWindow[w], k.event)
			}
			out := make(map[participantsPage]*Connection, len(keys))
			for w, ids := range byWindow {
				pages, err := r.svc.Events.FindParticipants(ctx, ids, w.status, passerelles.Page{Offset: w.offset, Limit: max(w.limit, 1)})
				if err != nil {
					return nil, err
				}
				for _, id := range ids {
					p := pages[id]
					if w.limit == 0 {
						p.Registrations = nil
					}
					out[participantsPage{id, w.status, w.offset, w.limit}] = newConnection(p.Registrations, passerelles.Page{Offset: w.offset, Limit: w.limit}, p.Total)
				}
			}
			return out, nil
		}),
		myRegistration: newLoader(func(ctx context.Context, ids []int64) (map[int64]*passerelles.Registration, error) {
			return r.svc.Events.FindMyRegistrations(ctx, ids)
		}),
	}
}

// Events resolves Query.events.
func (r *Resolver) Events(p graphql.ResolveParams) (any, error) {
	f := passerelles.EventFilter{}
	if in, ok := p.Args["filter"].(map[string]any); ok {
		var err error
		if v, ok := in["when"].(string); ok {
			f.When = passerelles.EventWhen(v)
		}
		if v, ok := in["kind"].(string); ok {
			f.Kind = passerelles.EventKind(v)
		}
		if v, ok := in["format"].(string); ok {
			f.Format = passerelles.EventFormat(v)
		}
		f.Text, _ = in["text"].(string)
		for key, dst := range map[string]*time.Time{"startsFrom": &f.StartsFrom, "startsBefore": &f.StartsBefore} {
			if v, ok := in[key].(string); ok && v != "" {
				if *dst, err = parseEventTime(v, parisTime); err != nil {
					return nil, passerelles.WithField("filter."+key, err)
				}
			}
		}
		for key, dst := range map[string]*int64{"communityId": &f.CommunityID, "regionId": &f.RegionID, "skillId": &f.SkillID} {
			if v, ok := in[key]; ok && v != nil {
				if *dst, err = parseID(v); err != nil {
					return nil, passerelles.WithField("filter."+key, err)
				}
			}
		}
		if code, ok := in["community"].(string); ok && code != "" {
			c, err := r.svc.Communities.FindCommunityByCode(p.Context, code)
			if err != nil {
				return nil, passerelles.WithField("filter.community", err)
			}
			f.CommunityID = c.ID
		}
	}
	return queryPage(p, func(page passerelles.Page) ([]*passerelles.Event, int, error) {
		f.Page = page
		return r.svc.Events.FindEvents(p.Context, f)
	})
}

// Event resolves Query.event.
func (r *Resolver) Event(p graphql.ResolveParams) (any, error) {
	id, err := parseID(p.Args["id"])
	if err != nil {
		return nil, err
	}
	return r.svc.Events.FindEventByID(p.Context, id)
}

// EventCommunity resolves Event.community, batched over the events of a level.
func (r *Resolver) EventCommunity(p graphql.ResolveParams) (any, error) {
	e, err := Source[*passerelles.Event](p)
	if err != nil {
		return nil, err
	}
	return thunk(r.loadersFrom(p.Context).events.community.Load(p, e.CommunityID)), nil
}

// EventRegion resolves Event.region.
func (r *Resolver) EventRegion(p graphql.ResolveParams) (any, error) {
	e, err := Source[*passerelles.Event](p)
	if err != nil || e.RegionID == 0 {
		return nil, err
	}
	return r.loadersFrom(p.Context).region.Resolve(p, e.RegionID), nil
}

// EventSkills resolves Event.skills through the skills referential.
func (r *Resolver) EventSkills(p graphql.ResolveParams) (any, error) {
	e, err := Source[*passerelles.Event](p)
	if err != nil {
		return nil, err
	}
	return r.skillList(p, e.SkillIDs), nil
}

// skillList resolves a list of skills by id from the skills loader (one fetch, or none
// when the referential is kept).
func (r *Resolver) skillList(p graphql.ResolveParams, ids []int64) func() (any, error) {
	l := r.loadersFrom(p.Context)
	ths := make([]func() (*passerelles.Skill, bool, error), len(ids))
	for i, id := range ids {
		ths[i] = l.skill.Load(p, id)
	}
	return func() (any, error) {
		out := make([]*passerelles.Skill, 0, len(ths))
		for _, th := range ths {
			s, ok, err := th()
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, s)
			}
		}
		return out, nil
	}
}

// EventMyRegistration resolves Event.myRegistration, batched over the events of a level.
func (r *Resolver) EventMyRegistration(p graphql.ResolveParams) (any, error) {
	e, err := Source[*passerelles.Event](p)
	if err != nil {
		return nil, err
	}
	return thunk(r.loadersFrom(p.Context).events.myRegistration.Load(p, e.ID)), nil
}

// EventParticipants resolves Event.participants (status REGISTERED) and Event.waitlist
// (WAITLISTED): for those who manage the event, batched over the events of a level.
func (r *Resolver) EventParticipants(status passerelles.RegistrationStatus) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		e, err := Source[*passerelles.Event](p)
		if err != nil {
			return nil, err
		}
		page, err := pageArgs(p)
		if err != nil {
			return nil, err
		}
		if !e.CanManage {
			return nil, passerelles.Errorf(passerelles.EFORBIDDEN, "Seuls les animateurs de la communauté et les administrateurs voient les personnes inscrites.")
		}
		key := participantsPage{event: e.ID, status: status, offset: page.Offset, limit: page.Limit}
		if !selectsItems(p) {
			key.limit = 0
		}
		return thunk(r.loadersFrom(p.Context).events.participants.Load(p, key)), nil
	}
}

// RegistrationParticipant resolves Registration.participant: the agent's names, for those
// who manage the event (null in one's own registration).
func (r *Resolver) RegistrationParticipant(p graphql.ResolveParams) (any, error) {
	reg, err := Source[*passerelles.Registration](p)
	if err != nil || reg.GivenName == "" && reg.UsualName == "" && reg.Email == "" {
		return nil, err
	}
	return reg, nil
}

// ParticipantProfile resolves Participant.profile: the profile when the viewer may see it.
func (r *Resolver) ParticipantProfile(p graphql.ResolveParams) (any, error) {
	reg, err := Source[*passerelles.Registration](p)
	if err != nil {
		return nil, err
	}
	return r.profileRef(p, reg.AgentID)
}

// eventInput reads the fields of CreateEventInput and UpdateEventInput; a refusal names
// its field.
func eventInput(in map[string]any) (passerelles.EventInput, error) {
	var e passerelles.EventInput
	e.Title, _ = in["title"].(string)
	e.Description, _ = in["description"].(string)
	k, _ := in["kind"].(string)
	e.Kind = passerelles.EventKind(k)
	f, _ := in["format"].(string)
	e.Format = passerelles.EventFormat(f)
	e.Address, _ = in["address"].(string)
	e.OnlineURL, _ = in["onlineUrl"].(string)
	e.TimeZone, _ = in["timeZone"].(string)
	if e.TimeZone == "" {
		e.TimeZone = passerelles.DefaultTimeZone
	}
	if v, ok := in["regionId"]; ok && v != nil && v != "" {
		id, err := parseID(v)
		if err != nil {
			return e, passerelles.WithField("regionId", err)
		}
		e.RegionID = id
	}
	if v, ok := in["capacity"].(int); ok {
		e.Capacity = &v
	}
	loc, err := time.LoadLocation(e.TimeZone)
	if err != nil {
		return e, &passerelles.Error{Code: passerelles.EINVALID, Field: "timeZone", Message: fmt.Sprintf("Le fuseau horaire « %s » est inconnu.", passerelles.EchoText(e.TimeZone, 40))}
	}
	for key, dst := range map[string]*time.Time{"startsAt": &e.StartsAt, "endsAt": &e.EndsAt, "registrationDeadline": &e.RegistrationDeadline} {
		s, _ := in[key].(string)
		if s == "" {
			continue
		}
		if *dst, err = parseEventTime(s, loc); err != nil {
			return e, passerelles.WithField(key, err)
		}
	}
	if e.StartsAt.IsZero() {
		return e, &passerelles.Error{Code: passerelles.EINVALID, Field: "startsAt", Message: "Indiquez le début de l’événement."}
	}
	if e.EndsAt.IsZero() {
		return e, &passerelles.Error{Code: passerelles.EINVALID, Field: "endsAt", Message: "Indiquez la fin de l’événement."}
	}
	if list, ok := in["skillIds"].([]any); ok {
		for i, v := range list {
			id, err := parseID(v)
			if err != nil {
				return e, passerelles.WithField(fmt.Sprintf("skillIds.%d", i), err)
			}
			e.SkillIDs = append(e.SkillIDs, id)
		}
	}
	return e, nil
}

// parisTime reads the local times of the events list's period (startsFrom, startsBefore):
// the calendar's months are months of Paris. The domain embeds the zone data
// (time/tzdata), so loading it cannot fail.
var parisTime, _ = time.LoadLocation(passerelles.DefaultTimeZone)

// parseEventTime reads a date and time: RFC 3339 with its offset, or a local time without
// one ("2026-03-12T14:00", as a datetime-local field sends it) in the event's time zone.
func parseEventTime(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, passerelles.Errorf(passerelles.EINVALID, "La date « %s » est illisible : écrivez-la comme 2026-03-12T14:00 (heure de Paris) ou 2026-03-12T14:00:00+01:00.",
		passerelles.EchoText(strings.TrimSpace(s), 40))
}

// CreateEvent resolves Mutation.createEvent.
func (r *Resolver) CreateEvent(p graphql.ResolveParams) (any, error) {
	in := input(p)
	cid, err := inputID(in, "communityId")
	if err != nil {
		return nil, err
	}
	e, err := eventInput(in)
	if err != nil {
		return nil, err
	}
	e.CommunityID = cid
	ev, err := r.svc.Events.CreateEvent(p.Context, e)
	if err != nil {
		return nil, err
	}
	return map[string]any{"event": ev}, nil
}

// UpdateEvent resolves Mutation.updateEvent.
func (r *Resolver) UpdateEvent(p graphql.ResolveParams) (any, error) {
	in := input(p)
	id, err := inputID(in, "eventId")
	if err != nil {
		return nil, err
	}
	e, err := eventInput(in)
	if err != nil {
		return nil, err
	}
	ev, err := r.svc.Events.UpdateEvent(p.Context, id, e)
	if err != nil {
		return nil, err
	}
	return map[string]any{"event": ev}, nil
}

// eventAction resolves a mutation that takes an eventId and returns the event.
func (r *Resolver) eventAction(do func(ctx context.Context, id int64) (*passerelles.Event, error)) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		id, err := inputID(input(p), "eventId")
		if err != nil {
			return nil, err
		}
		ev, err := do(p.Context, id)
		if err != nil {
			return nil, err
		}
		return map[string]any{"event": ev}, nil
	}
}

// PublishEvent resolves Mutation.publishEvent.
func (r *Resolver) PublishEvent(p graphql.ResolveParams) (any, error) {
	return r.eventAction(r.svc.Events.PublishEvent)(p)
}

// CancelEvent resolves Mutation.cancelEvent.
func (r *Resolver) CancelEvent(p graphql.ResolveParams) (any, error) {
	return r.eventAction(r.svc.Events.CancelEvent)(p)
}

// registration resolves a mutation on the signed-in agent's registration: the
// registration and the event after it.
func (r *Resolver) registration(p graphql.ResolveParams, do func(ctx context.Context, id int64) (*passerelles.Registration, error)) (any, error) {
	id, err := inputID(input(p), "eventId")
	if err != nil {
		return nil, err
	}
	reg, err := do(p.Context, id)
	if err != nil {
		return nil, err
	}
	ev, err := r.svc.Events.FindEventByID(p.Context, id)
	if err != nil {
		return nil, err
	}
	return map[string]any{"registration": reg, "event": ev}, nil
}

// RegisterForEvent resolves Mutation.registerForEvent.
func (r *Resolver) RegisterForEvent(p graphql.ResolveParams) (any, error) {
	return r.registration(p, r.svc.Events.RegisterForEvent)
}

// UnregisterFromEvent resolves Mutation.unregisterFromEvent.
func (r *Resolver) UnregisterFromEvent(p graphql.ResolveParams) (any, error) {
	return r.registration(p, r.svc.Events.UnregisterFromEvent)
}

// MarkAttendance resolves Mutation.markAttendance.
func (r *Resolver) MarkAttendance(p graphql.ResolveParams) (any, error) {
	in := input(p)
	eid, err := inputID(in, "eventId")
	if err != nil {
		return nil, err
	}
	aid, err := inputID(in, "agentId")
	if err != nil {
		return nil, err
	}
	attended, _ := in["attended"].(bool)
	reg, err := r.svc.Events.MarkAttendance(p.Context, eid, aid, attended)
	if err != nil {
		return nil, err
	}
	return map[string]any{"registration": reg}, nil
}

// UserRecommendedEvents resolves User.recommendedEvents: for the signed-in person only
// (an empty list for anyone else).
func (r *Resolver) UserRecommendedEvents(p graphql.ResolveParams) (any, error) {
	m, err := Source[*passerelles.User](p)
	if err != nil {
		return nil, err
	}
	if u := passerelles.UserFromContext(p.Context); u == nil || u.AgentID == 0 || u.AgentID != m.AgentID {
		page, err := pageArgs(p)
		if err != nil {
			return nil, err
		}
		return newConnection([]*passerelles.Event{}, page, 0), nil
	}
	return queryPage(p, func(page passerelles.Page) ([]*passerelles.Event, int, error) {
		return r.svc.Events.FindRecommendedEvents(p.Context, page)
	})
}
