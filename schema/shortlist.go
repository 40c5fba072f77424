package schema

import (
	"fmt"

	"github.com/graphql-go/graphql"

	"passerelles"
	"passerelles/resolvers"
)

// shortlistTypes builds the types of shortlists and saved searches (managers and
// administrators).
func (b *builder) shortlistTypes() {
	entry := graphql.NewObject(graphql.ObjectConfig{
		Name:        "ShortlistEntry",
		Description: "An agent on a shortlist, with the owner's private note.",
		Fields: graphql.Fields{
			"profile": prop(b.profile, "The agent's profile, as the owner may see it; null in the rare case it stopped being visible while the list was read (the agent then leaves the list).",
				func(e *passerelles.ShortlistEntry) any { return e.Profile }),
			"note":      prop(nonNull(graphql.String), "The owner's private note (\"\" when none); nobody else reads it.", func(e *passerelles.ShortlistEntry) any { return e.Note }),
			"addedAt":   prop(nonNull(graphql.String), "When the agent was added (RFC 3339).", func(e *passerelles.ShortlistEntry) any { return resolvers.FormatTime(e.AddedAt) }),
			"updatedAt": prop(nonNull(graphql.String), "When the note last changed (RFC 3339).", func(e *passerelles.ShortlistEntry) any { return resolvers.FormatTime(e.UpdatedAt) }),
		},
	})
	b.shortlistEntry = entry
	b.shortlist = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Shortlist",
		Description: "A named list of agents that a manager or administrator keeps, with private notes; only its owner reads it. An agent whose profile the owner may no longer see (visibility changed, profile hidden from the owner's organisation, account erased) leaves it, note included.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id":         prop(nonNull(graphql.ID), "Identifier of the list.", func(l *passerelles.Shortlist) any { return resolvers.ID(l.ID) }),
				"name":       prop(nonNull(graphql.String), "Name of the list.", func(l *passerelles.Shortlist) any { return l.Name }),
				"entryCount": prop(nonNull(graphql.Int), fmt.Sprintf("How many agents are on it (%d at most).", passerelles.MaxShortlistEntries), func(l *passerelles.Shortlist) any { return l.EntryCount }),
				"departedCount": prop(nonNull(graphql.Int), "How many agents left the list since the owner last acknowledged it (acknowledgeShortlistDepartures): « 1 profil n’est plus visible ». Who left is never told.",
					func(l *passerelles.Shortlist) any { return l.Departed }),
				"entries": {Type: nonNull(b.connection(entry)), Description: "The agents on the list, last added first.",
					Args: pageArgs(nil), Resolve: b.r.ShortlistEntries},
				"createdAt": prop(nonNull(graphql.String), "When the list was created (RFC 3339).", func(l *passerelles.Shortlist) any { return resolvers.FormatTime(l.CreatedAt) }),
				"updatedAt": prop(nonNull(graphql.String), "When the list or one of its entries last changed (RFC 3339).", func(l *passerelles.Shortlist) any { return resolvers.FormatTime(l.UpdatedAt) }),
			}
		}),
	})
	b.savedSearch = graphql.NewObject(graphql.ObjectConfig{
		Name:        "SavedSearch",
		Description: "A talent search that a manager or administrator keeps, to run again and see the new results.",
		Fields: graphql.Fields{
			"id":   prop(nonNull(graphql.ID), "Identifier of the saved search.", func(s *passerelles.SavedSearch) any { return resolvers.ID(s.ID) }),
			"name": prop(nonNull(graphql.String), "Name of the saved search.", func(s *passerelles.SavedSearch) any { return s.Name }),
			"filter": {Type: nonNull(graphql.String), Description: "The filter, as JSON text in the shape of the TalentFilter input (pass it to searchTalent to change it).",
				Resolve: b.r.SavedSearchFilter},
			"createdAt": prop(nonNull(graphql.String), "When it was saved, which counts as its first run (RFC 3339).", func(s *passerelles.SavedSearch) any { return resolvers.FormatTime(s.CreatedAt) }),
			"lastRunAt": prop(nonNull(graphql.String), "When a run last started from its first page (RFC 3339).", func(s *passerelles.SavedSearch) any { return resolvers.FormatTime(s.LastRunAt) }),
			"newCount":  prop(nonNull(graphql.Int), "How many matches of the last run were new since the run before.", func(s *passerelles.SavedSearch) any { return s.NewCount }),
			"run": {Type: nonNull(b.talentConnection),
				Description: "Runs the search again, as searchTalent does (and recorded as a search), with isNew on each result and newCount. A run starts at its first page (without `after`): that page makes it the last run, whose matches the next run is compared with; its later pages are compared with the same run before.",
				Args:        pageArgs(nil), Resolve: b.r.SavedSearchRun},
		},
	})
}

// withShortlistQueries adds the queries of shortlists and saved searches to fields.
func (b *builder) withShortlistQueries(fields graphql.Fields) graphql.Fields {
	fields["myShortlists"] = &graphql.Field{Type: nonNull(b.connection(b.shortlist)),
		Description: "The signed-in manager's or administrator's shortlists, by name (FORBIDDEN for other agents).",
		Args:        pageArgs(nil), Resolve: b.r.MyShortlists}
	fields["shortlist"] = &graphql.Field{Type: b.shortlist,
		Description: "One of the signed-in manager's or administrator's shortlists; a NOT_FOUND error for another's.",
		Args:        graphql.FieldConfigArgument{"id": &graphql.ArgumentConfig{Type: nonNull(graphql.ID), Description: "Identifier of the list."}},
		Resolve:     b.r.Shortlist}
	fields["mySavedSearches"] = &graphql.Field{Type: nonNull(b.connection(b.savedSearch)),
		Description: "The signed-in manager's or administrator's saved searches, by name (FORBIDDEN for other agents).",
		Args:        pageArgs(nil), Resolve: b.r.MySavedSearches}
	return fields
}

func (b *builder) shortlistMutations(fields graphql.Fields) {
	in := func(name, description string, f graphql.InputObjectConfigFieldMap) graphql.FieldConfigArgument {
		return graphql.FieldConfigArgument{"input": &graphql.ArgumentConfig{Description: description,
			Type: nonNull(graphql.NewInputObject(graphql.InputObjectConfig{Name: name, Description: description, Fields: f}))}}
	}
	listPayload := func(name string) *graphql.Object {
		return payload(name, "Result of "+name[:len(name)-len("Payload")]+".", map[string]*graphql.Field{
			"shortlist": {Type: nonNull(b.shortlist), Description: "The list after the change."}})
	}
	entryPayload := func(name string) *graphql.Object {
		return payload(name, "Result of "+name[:len(name)-len("Payload")]+".", map[string]*graphql.Field{
			"entry":     {Type: nonNull(b.shortlistEntry), Description: "The entry after the change."},
			"shortlist": {Type: nonNull(b.shortlist), Description: "Its list after the change."}})
	}
	listID := inputField(nonNull(graphql.ID), "The list.")
	name := inputField(nonNull(graphql.String), fmt.Sprintf("Name of the list (%d characters at most, unique among one's lists).", passerelles.MaxShortlistNameLength))
	note := inputField(graphql.String, fmt.Sprintf("Private note (%d characters at most, several lines).", passerelles.MaxShortlistNoteLength))
	fields["createShortlist"] = &graphql.Field{Type: listPayload("CreateShortlistPayload"),
		Description: fmt.Sprintf("Creates a shortlist (managers and administrators; %d lists at most).", passerelles.MaxShortlistsPerOwner),
		Args:        in("CreateShortlistInput", "The new list.", graphql.InputObjectConfigFieldMap{"name": name}), Resolve: b.r.CreateShortlist}
	fields["renameShortlist"] = &graphql.Field{Type: listPayload("RenameShortlistPayload"), Description: "Renames one of one's shortlists.",
		Args: in("RenameShortlistInput", "The list and its new name.", graphql.InputObjectConfigFieldMap{"shortlistId": listID, "name": name}), Resolve: b.r.RenameShortlist}
	fields["deleteShortlist"] = &graphql.Field{Description: "Deletes one of one's shortlists and its notes.",
		Type: payload("DeleteShortlistPayload", "Result of deleteShortlist.", map[string]*graphql.Field{
			"shortlistId": {Type: nonNull(graphql.ID), Description: "The list deleted."}}),
		Args: in("DeleteShortlistInput", "The list to delete.", graphql.InputObjectConfigFieldMap{"shortlistId": listID}), Resolve: b.r.DeleteShortlist}
	fields["addToShortlist"] = &graphql.Field{Type: entryPayload("AddToShortlistPayload"),
		Description: fmt.Sprintf("Puts an agent whose profile one may see on one's shortlist, with a private note (%d agents a list at most); recorded as a view of the profile.", passerelles.MaxShortlistEntries),
		Args: in("AddToShortlistInput", "The list, the agent and the note.", graphql.InputObjectConfigFieldMap{
			"shortlistId": listID, "agentId": inputField(nonNull(graphql.ID), "The agent."), "note": note}), Resolve: b.r.AddToShortlist}
	fields["updateShortlistNote"] = &graphql.Field{Type: entryPayload("UpdateShortlistNotePayload"), Description: "Replaces the private note on an agent of one's shortlist.",
		Args: in("UpdateShortlistNoteInput", "The list, the agent and the new note.", graphql.InputObjectConfigFieldMap{
			"shortlistId": listID, "agentId": inputField(nonNull(graphql.ID), "The agent."), "note": note}), Resolve: b.r.UpdateShortlistNote}
	fields["removeFromShortlist"] = &graphql.Field{Description: "Takes an agent off one's shortlist, note included.",
		Type: payload("RemoveFromShortlistPayload", "Result of removeFromShortlist.", map[string]*graphql.Field{
			"agentId":   {Type: nonNull(graphql.ID), Description: "The agent taken off."},
			"shortlist": {Type: nonNull(b.shortlist), Description: "The list after the change."}}),
		Args: in("RemoveFromShortlistInput", "The list and the agent.", graphql.InputObjectConfigFieldMap{
			"shortlistId": listID, "agentId": inputField(nonNull(graphql.ID), "The agent.")}), Resolve: b.r.RemoveFromShortlist}
	fields["acknowledgeShortlistDepartures"] = &graphql.Field{Type: listPayload("AcknowledgeShortlistDeparturesPayload"),
		Description: "Sets the list's departedCount back to 0, once the owner has read it.",
		Args:        in("AcknowledgeShortlistDeparturesInput", "The list.", graphql.InputObjectConfigFieldMap{"shortlistId": listID}), Resolve: b.r.AcknowledgeShortlistDepartures}
	fields["saveSearch"] = &graphql.Field{
		Description: fmt.Sprintf("Saves a talent search under a name (managers and administrators; %d at most); its current matches count as its first run.", passerelles.MaxSavedSearchesPerOwner),
		Type: payload("SaveSearchPayload", "Result of saveSearch.", map[string]*graphql.Field{
			"savedSearch": {Type: nonNull(b.savedSearch), Description: "The saved search."}}),
		Args: in("SaveSearchInput", "The name and the filter.", graphql.InputObjectConfigFieldMap{
			"name":   inputField(nonNull(graphql.String), fmt.Sprintf("Name of the search (%d characters at most, unique among one's searches).", passerelles.MaxSavedSearchNameLength)),
			"filter": inputField(nonNull(b.talentFilter), "What the search asks, as searchTalent takes it."),
		}), Resolve: b.r.SaveSearch}
	fields["deleteSavedSearch"] = &graphql.Field{Description: "Deletes one of one's saved searches.",
		Type: payload("DeleteSavedSearchPayload", "Result of deleteSavedSearch.", map[string]*graphql.Field{
			"savedSearchId": {Type: nonNull(graphql.ID), Description: "The saved search deleted."}}),
		Args: in("DeleteSavedSearchInput", "The saved search to delete.", graphql.InputObjectConfigFieldMap{
			"savedSearchId": inputField(nonNull(graphql.ID), "The saved search.")}), Resolve: b.r.DeleteSavedSearch}
}
