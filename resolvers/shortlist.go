package resolvers

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/graphql-go/graphql"

	"passerelles"
)

// shortlistPage asks for one page of a shortlist's entries.
type shortlistPage struct {
	shortlist     int64
	offset, limit int
}

// fetchShortlistEntries reads the pages of entries of every list of a level: one call
// per distinct page size (one, in practice), the profiles of every entry with them.
func (r *Resolver) fetchShortlistEntries(ctx context.Context, keys []shortlistPage) (map[shortlistPage]*Connection, error) {
	byPage := map[passerelles.Page][]int64{}
	for _, k := range keys {
		page := passerelles.Page{Offset: k.offset, Limit: k.limit}
		byPage[page] = append(byPage[page], k.shortlist)
	}
	out := map[shortlistPage]*Connection{}
	for page, ids := range byPage {
		fetch := page
		if fetch.Limit == 0 {
			fetch.Limit = 1 // first: 0 asks only for the count
		}
		entries, counts, err := r.svc.Shortlists.FindShortlistEntries(ctx, ids, fetch)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			list := entries[id]
			if page.Limit == 0 {
				list = nil
			}
			out[shortlistPage{id, page.Offset, page.Limit}] = newConnection(list, page, counts[id])
		}
	}
	return out, nil
}

// MyShortlists resolves Query.myShortlists.
func (r *Resolver) MyShortlists(p graphql.ResolveParams) (any, error) {
	return queryPage(p, func(page passerelles.Page) ([]*passerelles.Shortlist, int, error) {
		return r.svc.Shortlists.FindShortlists(p.Context, page)
	})
}

// Shortlist resolves Query.shortlist.
func (r *Resolver) Shortlist(p graphql.ResolveParams) (any, error) {
	id, err := parseID(p.Args["id"])
	if err != nil {
		return nil, err
	}
	return r.svc.Shortlists.FindShortlist(p.Context, id)
}

// ShortlistEntries resolves Shortlist.entries, batched with the lists of the same level.
func (r *Resolver) ShortlistEntries(p graphql.ResolveParams) (any, error) {
	l, err := Source[*passerelles.Shortlist](p)
	if err != nil {
		return nil, err
	}
	page, err := pageArgs(p)
	if err != nil {
		return nil, err
	}
	return thunk(r.loadersFrom(p.Context).shortlistEntries.Load(p, shortlistPage{l.ID, page.Offset, page.Limit})), nil
}

// MySavedSearches resolves Query.mySavedSearches.
func (r *Resolver) MySavedSearches(p graphql.ResolveParams) (any, error) {
	return queryPage(p, func(page passerelles.Page) ([]*passerelles.SavedSearch, int, error) {
		return r.svc.Shortlists.FindSavedSearches(p.Context, page)
	})
}

// SavedSearchRun resolves SavedSearch.run: a run of the saved search, as searchTalent
// answers, with the results new since the run before.
func (r *Resolver) SavedSearchRun(p graphql.ResolveParams) (any, error) {
	s, err := Source[*passerelles.SavedSearch](p)
	if err != nil {
		return nil, err
	}
	first := passerelles.DefaultPageSize
	if v, ok := p.Args["first"].(int); ok {
		if v < 0 || v > passerelles.MaxPageSize {
			return nil, passerelles.Errorf(passerelles.EINVALID, "L’argument « first » va de 0 à %d.", passerelles.MaxPageSize)
		}
		first = v
	}
	var after *passerelles.TalentCursor
	if v, ok := p.Args["after"].(string); ok && v != "" {
		if after, err = decodeTalentCursor(v); err != nil {
			return nil, err
		}
	}
	if !selectsField(p, "edges", "pageInfo") {
		first = 0
	}
	run, err := r.svc.Shortlists.RunSavedSearch(p.Context, s.ID, first, after, selectsField(p, "facets"))
	if err != nil {
		return nil, err
	}
	c := talentConnection(run.TalentResults, after)
	c.NewCount = &run.NewCount
	for i := range c.Edges {
		isNew := run.New[c.Edges[i].AgentID]
		c.Edges[i].IsNew = &isNew
	}
	return c, nil
}

// SavedSearchFilter resolves SavedSearch.filter: the filter as JSON text in the shape of
// the TalentFilter input (ids as strings), so that a client can pass it to searchTalent.
func (r *Resolver) SavedSearchFilter(p graphql.ResolveParams) (any, error) {
	s, err := Source[*passerelles.SavedSearch](p)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(filterInput(&s.Filter))
	if err != nil {
		return nil, fmt.Errorf("resolvers: saved search filter: %w", err)
	}
	return string(b), nil
}

// filterInput writes f in the shape of the TalentFilter input, empty criteria left out.
func filterInput(f *passerelles.TalentFilter) map[string]any {
	out := map[string]any{}
	ids := func(key string, l []int64) {
		if len(l) > 0 {
			s := make([]string, len(l))
			for i, id := range l {
				s[i] = ID(id)
			}
			out[key] = s
		}
	}
	skills := func(key string, l []passerelles.TalentSkill) {
		if len(l) == 0 {
			return
		}
		s := make([]map[string]any, len(l))
		for i, sk := range l {
			m := map[string]any{"skillId": ID(sk.SkillID)}
			if sk.MinLevel > 0 {
				m["minLevel"] = sk.MinLevel
			}
			if sk.ValidatedOnly {
				m["validatedOnly"] = true
			}
			s[i] = m
		}
		out[key] = s
	}
	codes := func(key string, l []string) {
		if len(l) > 0 {
			out[key] = l
		}
	}
	flag := func(key string, v bool) {
		if v {
			out[key] = true
		}
	}
	skills("required", f.Required)
	skills("optional", f.Optional)
	flag("validatedOnly", f.ValidatedOnly)
	ids("ministryIds", f.MinistryIDs)
	codes("organisationTypes", stringsOf(f.OrganisationTypes))
	ids("organisationIds", f.OrganisationIDs)
	ids("regionIds", f.RegionIDs)
	codes("gradeCodes", f.GradeCodes)
	ids("currentRoleIds", f.CurrentRoleIDs)
	codes("currentRoleFamilies", stringsOf(f.CurrentRoleFamilies))
	flag("openToMobility", f.OpenToMobility)
	codes("mobilityFamilies", stringsOf(f.MobilityFamilies))
	ids("mobilityRegionIds", f.MobilityRegionIDs)
	flag("willingToMentor", f.WillingToMentor)
	if f.WantsToDevelopSkillID != 0 {
		out["wantsToDevelopSkillId"] = ID(f.WantsToDevelopSkillID)
	}
	if f.Text != "" {
		out["text"] = f.Text
	}
	return out
}

func stringsOf[T ~string](l []T) []string {
	out := make([]string, len(l))
	for i, v := range l {
		out[i] = string(v)
	}
	return out
}

// shortlistInput reads the shortlistId of a mutation's input.
func shortlistInput(p graphql.ResolveParams) (map[string]any, int64, error) {
	in := input(p)
	id, err := inputID(in, "shortlistId")
	return in, id, err
}

// CreateShortlist resolves Mutation.createShortlist.
func (r *Resolver) CreateShortlist(p graphql.ResolveParams) (any, error) {
	name, _ := input(p)["name"].(string)
	l, err := r.svc.Shortlists.CreateShortlist(p.Context, name)
	if err != nil {
		return nil, err
	}
	return map[string]any{"shortlist": l}, nil
}

// RenameShortlist resolves Mutation.renameShortlist.
func (r *Resolver) RenameShortlist(p graphql.ResolveParams) (any, error) {
	in, id, err := shortlistInput(p)
	if err != nil {
		return nil, err
	}
	name, _ := in["name"].(string)
	l, err := r.svc.Shortlists.RenameShortlist(p.Context, id, name)
	if err != nil {
		return nil, err
	}
	return map[string]any{"shortlist": l}, nil
}

// DeleteShortlist resolves Mutation.deleteShortlist.
func (r *Resolver) DeleteShortlist(p graphql.ResolveParams) (any, error) {
	_, id, err := shortlistInput(p)
	if err != nil {
		return nil, err
	}
	if err := r.svc.Shortlists.DeleteShortlist(p.Context, id); err != nil {
		return nil, err
	}
	return map[string]any{"shortlistId": ID(id)}, nil
}

// entryInput reads the shortlistId and agentId of a mutation's input.
func entryInput(p graphql.ResolveParams) (map[string]any, int64, int64, error) {
	in, id, err := shortlistInput(p)
	if err != nil {
		return nil, 0, 0, err
	}
	agentID, err := inputID(in, "agentId")
	return in, id, agentID, err
}

// entryPayload is the payload of a change of an entry: the entry and its list.
func (r *Resolver) entryPayload(p graphql.ResolveParams, e *passerelles.ShortlistEntry, id int64) (any, error) {
	l, err := r.svc.Shortlists.FindShortlist(p.Context, id)
	if err != nil {
		return nil, err
	}
	return map[string]any{"entry": e, "shortlist": l}, nil
}

// AddToShortlist resolves Mutation.addToShortlist.
func (r *Resolver) AddToShortlist(p graphql.ResolveParams) (any, error) {
	in, id, agentID, err := entryInput(p)
	if err != nil {
		return nil, err
	}
	note, _ := in["note"].(string)
	e, err := r.svc.Shortlists.AddToShortlist(p.Context, id, agentID, note)
	if err != nil {
		return nil, err
	}
	return r.entryPayload(p, e, id)
}

// UpdateShortlistNote resolves Mutation.updateShortlistNote.
func (r *Resolver) UpdateShortlistNote(p graphql.ResolveParams) (any, error) {
	in, id, agentID, err := entryInput(p)
	if err != nil {
		return nil, err
	}
	note, _ := in["note"].(string)
	e, err := r.svc.Shortlists.UpdateShortlistNote(p.Context, id, agentID, note)
	if err != nil {
		return nil, err
	}
	return r.entryPayload(p, e, id)
}

// RemoveFromShortlist resolves Mutation.removeFromShortlist.
func (r *Resolver) RemoveFromShortlist(p graphql.ResolveParams) (any, error) {
	_, id, agentID, err := entryInput(p)
	if err != nil {
		return nil, err
	}
	if err := r.svc.Shortlists.RemoveFromShortlist(p.Context, id, agentID); err != nil {
		return nil, err
	}
	l, err := r.svc.Shortlists.FindShortlist(p.Context, id)
	if err != nil {
		return nil, err
	}
	return map[string]any{"agentId": ID(agentID), "shortlist": l}, nil
}

// AcknowledgeShortlistDepartures resolves Mutation.acknowledgeShortlistDepartures.
func (r *Resolver) AcknowledgeShortlistDepartures(p graphql.ResolveParams) (any, error) {
	_, id, err := shortlistInput(p)
	if err != nil {
		return nil, err
	}
	l, err := r.svc.Shortlists.AcknowledgeDepartures(p.Context, id)
	if err != nil {
		return nil, err
	}
	return map[string]any{"shortlist": l}, nil
}

// SaveSearch resolves Mutation.saveSearch.
func (r *Resolver) SaveSearch(p graphql.ResolveParams) (any, error) {
	in := input(p)
	name, _ := in["name"].(string)
	raw, _ := in["filter"].(map[string]any)
	f, err := talentFilter(raw)
	if err != nil {
		return nil, passerelles.WithField("filter", err)
	}
	s, err := r.svc.Shortlists.SaveSearch(p.Context, name, f)
	if err != nil {
		return nil, err
	}
	return map[string]any{"savedSearch": s}, nil
}

// DeleteSavedSearch resolves Mutation.deleteSavedSearch.
func (r *Resolver) DeleteSavedSearch(p graphql.ResolveParams) (any, error) {
	id, err := inputID(input(p), "savedSearchId")
	if err != nil {
		return nil, err
	}
	if err := r.svc.Shortlists.DeleteSavedSearch(p.Context, id); err != nil {
		return nil, err
	}
	return map[string]any{"savedSearchId": ID(id)}, nil
}
