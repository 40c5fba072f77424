package schema

import (
	"fmt"

	"github.com/graphql-go/graphql"

	"passerelles"
	"passerelles/resolvers"
)

// eventTypes builds the types of events and registrations.
func (b *builder) eventTypes() {
	b.eventKind = graphql.NewEnum(graphql.EnumConfig{Name: "EventKind", Description: "What sort of gathering an event is.",
		Values: graphql.EnumValueConfigMap{
			"MEETUP":     {Value: string(passerelles.EventMeetup), Description: "A meetup (« rencontre »)."},
			"WEBINAR":    {Value: string(passerelles.EventWebinar), Description: "A webinar."},
			"WORKSHOP":   {Value: string(passerelles.EventWorkshop), Description: "A hands-on workshop (« atelier »)."},
			"CONFERENCE": {Value: string(passerelles.EventConference), Description: "A conference, such as the « Journée de la data »."},
			"FAIR":       {Value: string(passerelles.EventFair), Description: "A fair (« salon »), such as the « Salon de la data »."},
		}})
	b.eventFormat = graphql.NewEnum(graphql.EnumConfig{Name: "EventFormat", Description: "Where an event takes place.",
		Values: graphql.EnumValueConfigMap{
			"ONSITE": {Value: string(passerelles.EventOnsite), Description: "On site, at its address."},
			"ONLINE": {Value: string(passerelles.EventOnline), Description: "Online, at its link."},
			"HYBRID": {Value: string(passerelles.EventHybrid), Description: "Both on site and online."},
		}})
	b.eventStatus = graphql.NewEnum(graphql.EnumConfig{Name: "EventStatus", Description: "Where an event is in its life.",
		Values: graphql.EnumValueConfigMap{
			"DRAFT":     {Value: string(passerelles.EventDraft), Description: "Being prepared: only its community's animators and administrators see it."},
			"PUBLISHED": {Value: string(passerelles.EventPublished), Description: "Published: everyone sees it and may register."},
			"CANCELLED": {Value: string(passerelles.EventCancelled), Description: "Cancelled: every registration was freed."},
		}})
	b.eventWhen = graphql.NewEnum(graphql.EnumConfig{Name: "EventWhen", Description: "Events by time.",
		Values: graphql.EnumValueConfigMap{
			"UPCOMING": {Value: string(passerelles.EventsUpcoming), Description: "Not ended yet, soonest first."},
			"PAST":     {Value: string(passerelles.EventsPast), Description: "Ended, latest first."},
		}})
	b.registrationStatus = graphql.NewEnum(graphql.EnumConfig{Name: "RegistrationStatus", Description: "Where an agent stands for an event.",
		Values: graphql.EnumValueConfigMap{
			"REGISTERED": {Value: string(passerelles.RegistrationRegistered), Description: "Holds a seat."},
			"WAITLISTED": {Value: string(passerelles.RegistrationWaitlisted), Description: "On the waitlist, first in first out."},
			"CANCELLED":  {Value: string(passerelles.RegistrationCancelled), Description: "Unregistered, or the event was cancelled."},
		}})
	participant := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Participant",
		Description: "An agent registered for an event, as the event's animators and administrators read them: registering shares one's name, email and organisation with them, whatever the profile's visibility.",
		Fields: graphql.Fields{
			"agentId":           prop(nonNull(graphql.ID), "Identifier of the agent.", func(r *passerelles.Registration) any { return resolvers.ID(r.AgentID) }),
			"givenName":         prop(nonNull(graphql.String), "Given name, as the identity provider asserts it.", func(r *passerelles.Registration) any { return r.GivenName }),
			"usualName":         prop(nonNull(graphql.String), "Usual name, as the identity provider asserts it.", func(r *passerelles.Registration) any { return r.UsualName }),
			"email":             prop(nonNull(graphql.String), "Professional email address.", func(r *passerelles.Registration) any { return r.Email }),
			"organisationLabel": prop(nonNull(graphql.String), "Organisation, as the identity provider names it.", func(r *passerelles.Registration) any { return r.OrganisationLabel }),
			"profile":           {Type: b.profile, Description: "The agent's profile, null unless the viewer may see it.", Resolve: b.r.ParticipantProfile},
		},
	})
	b.registration = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Registration",
		Description: "An agent's registration for an event.",
		Fields: graphql.Fields{
			"eventId": prop(nonNull(graphql.ID), "The event.", func(r *passerelles.Registration) any { return resolvers.ID(r.EventID) }),
			"status":  prop(nonNull(b.registrationStatus), "Seat, waitlist or cancelled.", func(r *passerelles.Registration) any { return string(r.Status) }),
			"waitlistPosition": prop(graphql.Int, "Rank on the waitlist, 1 for the next to get a seat; null unless waitlisted.", func(r *passerelles.Registration) any {
				if r.Status != passerelles.RegistrationWaitlisted {
					return nil
				}
				return r.WaitlistPosition
			}),
			"registeredAt":       prop(nonNull(graphql.String), "When the agent registered (RFC 3339).", func(r *passerelles.Registration) any { return resolvers.FormatTime(r.RegisteredAt) }),
			"updatedAt":          prop(nonNull(graphql.String), "When the status last changed (RFC 3339).", func(r *passerelles.Registration) any { return resolvers.FormatTime(r.UpdatedAt) }),
			"attended":           prop(graphql.Boolean, "Whether the agent came, as an animator marked it; null until marked.", func(r *passerelles.Registration) any { return r.Attended }),
			"attendanceMarkedAt": prop(graphql.String, "When attendance was marked (RFC 3339), null until then.", func(r *passerelles.Registration) any { return resolvers.FormatTime(r.AttendanceMarkedAt) }),
			"participant": {Type: participant, Description: "The agent, for the event's animators and administrators (null in one's own registration).",
				Resolve: b.r.RegistrationParticipant},
		},
	})
	b.event = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Event",
		Description: "A gathering that a community publishes and agents register for.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return graphql.Fields{
				"id":          prop(nonNull(graphql.ID), "Identifier of the event.", func(e *passerelles.Event) any { return resolvers.ID(e.ID) }),
				"community":   {Type: nonNull(b.community), Description: "The community that holds it.", Resolve: b.r.EventCommunity},
				"title":       prop(nonNull(graphql.String), "Title.", func(e *passerelles.Event) any { return e.Title }),
				"description": prop(nonNull(graphql.String), "Description in Markdown, as its author wrote it (to edit it).", func(e *passerelles.Event) any { return e.Description }),
				"descriptionHtml": prop(nonNull(graphql.String), "The description rendered as HTML and sanitized on the server when it was written: prose only, no script, raw HTML, image, style nor event handler; links http(s) and mailto only, with rel=\"noopener noreferrer nofollow\".",
					func(e *passerelles.Event) any { return e.DescriptionHTML }),
				"kind":    prop(nonNull(b.eventKind), "Sort of gathering.", func(e *passerelles.Event) any { return string(e.Kind) }),
				"status":  prop(nonNull(b.eventStatus), "Draft, published or cancelled.", func(e *passerelles.Event) any { return string(e.Status) }),
				"format":  prop(nonNull(b.eventFormat), "On site, online or both.", func(e *passerelles.Event) any { return string(e.Format) }),
				"address": prop(graphql.String, "Address of the place (ONSITE, HYBRID), null otherwise.", func(e *passerelles.Event) any { return optional(e.Address) }),
				"region":  {Type: b.region, Description: "Region of the address, null when not given (online events).", Resolve: b.r.EventRegion},
				"onlineUrl": prop(graphql.String, "Link to follow the event online: only for agents holding a seat and for those who manage the event; null otherwise (see onlineUrlHidden).",
					func(e *passerelles.Event) any { return optional(e.OnlineURL) }),
				"onlineUrlHidden": prop(nonNull(graphql.Boolean), "Whether an online link exists that the viewer may not read yet (register to get it).",
					func(e *passerelles.Event) any { return !e.LinkShown && e.Format.HasLink() }),
				"startsAt":             prop(nonNull(graphql.String), "Start (RFC 3339, UTC).", func(e *passerelles.Event) any { return resolvers.FormatTime(e.StartsAt) }),
				"endsAt":               prop(nonNull(graphql.String), "End (RFC 3339, UTC).", func(e *passerelles.Event) any { return resolvers.FormatTime(e.EndsAt) }),
				"timeZone":             prop(nonNull(graphql.String), "Time zone its times are shown in (Europe/Paris by default).", func(e *passerelles.Event) any { return e.TimeZone }),
				"capacity":             prop(graphql.Int, "Seats; null when unlimited.", func(e *passerelles.Event) any { return nullIfZero(e.Capacity) }),
				"seatsLeft":            prop(graphql.Int, "Seats still free; null when unlimited.", func(e *passerelles.Event) any { return nullIfNegative(e.SeatsLeft()) }),
				"registrationDeadline": prop(nonNull(graphql.String), "When registration and unregistration close (RFC 3339): the deadline given, else the start.", func(e *passerelles.Event) any { return resolvers.FormatTime(e.Deadline()) }),
				"skills": {Type: listOf(b.skill), Description: fmt.Sprintf("Skills the event develops (%d at most).", passerelles.MaxEventSkills),
					Resolve: b.r.EventSkills},
				"sequence":        prop(nonNull(graphql.Int), "How many times its time, place or link changed or it was cancelled (the SEQUENCE of its calendar entry).", func(e *passerelles.Event) any { return e.Sequence }),
				"publishedAt":     prop(graphql.String, "When it was published (RFC 3339), null for a draft.", func(e *passerelles.Event) any { return resolvers.FormatTime(e.PublishedAt) }),
				"cancelledAt":     prop(graphql.String, "When it was cancelled (RFC 3339), null otherwise.", func(e *passerelles.Event) any { return resolvers.FormatTime(e.CancelledAt) }),
				"registeredCount": prop(nonNull(graphql.Int), "Seats taken.", func(e *passerelles.Event) any { return e.RegisteredCount }),
				"waitlistCount":   prop(nonNull(graphql.Int), "Agents on the waitlist.", func(e *passerelles.Event) any { return e.WaitlistCount }),
				"viewerCanManage": prop(nonNull(graphql.Boolean), "Whether the viewer may change it, see its participants, mark attendance and export them (its community's animators and administrators).",
					func(e *passerelles.Event) any { return e.CanManage }),
				"viewerCanChange": prop(nonNull(graphql.Boolean), "Whether the viewer may change, publish or cancel it now: viewerCanManage, not cancelled, and not started (a draft whose date passed may be moved).",
					func(e *passerelles.Event) any { return e.CanChange }),
				"myRegistration": {Type: b.registration, Description: "The viewer's registration, null when they never registered.", Resolve: b.r.EventMyRegistration},
				"participants": {Type: nonNull(b.connection(b.registration)), Description: "Agents holding a seat, in order of arrival (FORBIDDEN unless viewerCanManage).",
					Args: pageArgs(nil), Resolve: b.r.EventParticipants(passerelles.RegistrationRegistered)},
				"waitlist": {Type: nonNull(b.connection(b.registration)), Description: "Agents waiting for a seat, the next first (FORBIDDEN unless viewerCanManage).",
					Args: pageArgs(nil), Resolve: b.r.EventParticipants(passerelles.RegistrationWaitlisted)},
			}
		}),
	})
	b.eventFilter = graphql.NewInputObject(graphql.InputObjectConfig{Name: "EventFilter", Description: "Which events to list.",
		Fields: graphql.InputObjectConfigFieldMap{
			"when":        inputField(b.eventWhen, "Upcoming (soonest first) or past (latest first); all by start when absent."),
			"community":   inputField(graphql.String, "Only the events of the community with this code."),
			"communityId": inputField(graphql.ID, "Only the events of this community."),
			"kind":        inputField(b.eventKind, "Only events of this kind."),
			"format":      inputField(b.eventFormat, "Only events of this format."),
			"regionId":    inputField(graphql.ID, "Only events whose address is in this region."),
			"skillId":     inputField(graphql.ID, "Only events that develop this skill."),
			"text":        inputField(graphql.String, "Words of the title or description (each word found as typed, accents and case ignored; 200 characters at most)."),
			"startsFrom": inputField(graphql.String, "Only events starting at or after this time: RFC 3339 (2026-03-01T00:00:00+01:00), or a local time (2026-03-01T00:00) in Europe/Paris. "+
				"With startsBefore, a period of at most 366 days (a month of the calendar view in one read)."),
			"startsBefore": inputField(graphql.String, "Only events starting before this time (RFC 3339, or a local time in Europe/Paris); after startsFrom when both are given."),
		}})
}

func nullIfZero(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func nullIfNegative(n int) any {
	if n < 0 {
		return nil
	}
	return n
}

// withEventQueries adds the queries of events to fields.
func (b *builder) withEventQueries(fields graphql.Fields) graphql.Fields {
	fields["events"] = &graphql.Field{Type: nonNull(b.connection(b.event)),
		Description: "Events the viewer may see (published and cancelled ones; drafts for those who manage them), filtered (sign-in required).",
		Args: pageArgs(graphql.FieldConfigArgument{
			"filter": &graphql.ArgumentConfig{Type: b.eventFilter, Description: "Which events."},
		}), Resolve: b.r.Events}
	fields["event"] = &graphql.Field{Type: b.event, Description: "One event; a NOT_FOUND error when it does not exist or is a draft the viewer does not manage.",
		Args:    graphql.FieldConfigArgument{"id": &graphql.ArgumentConfig{Type: nonNull(graphql.ID), Description: "Identifier of the event."}},
		Resolve: b.r.Event}
	return fields
}

func (b *builder) eventMutations(fields graphql.Fields) {
	in := func(name, description string, f graphql.InputObjectConfigFieldMap) graphql.FieldConfigArgument {
		return graphql.FieldConfigArgument{"input": &graphql.ArgumentConfig{Description: description,
			Type: nonNull(graphql.NewInputObject(graphql.InputObjectConfig{Name: name, Description: description, Fields: f}))}}
	}
	eventPayload := func(name string) *graphql.Object {
		return payload(name, "Result of "+name[:len(name)-len("Payload")]+".", map[string]*graphql.Field{
			"event": {Type: nonNull(b.event), Description: "The event after the change."}})
	}
	eventFields := func(extra graphql.InputObjectConfigFieldMap) graphql.InputObjectConfigFieldMap {
		f := graphql.InputObjectConfigFieldMap{
			"title":                inputField(nonNull(graphql.String), "Title (200 characters at most)."),
			"description":          inputField(graphql.String, "Description in Markdown (20 000 characters at most)."),
			"kind":                 inputField(nonNull(b.eventKind), "Sort of gathering."),
			"format":               inputField(nonNull(b.eventFormat), "On site, online or both."),
			"address":              inputField(graphql.String, "Address of the place: required ONSITE and HYBRID."),
			"regionId":             inputField(graphql.ID, "Region of the address, for the listing's region filter."),
			"onlineUrl":            inputField(graphql.String, "Link to follow it online: an https address, required ONLINE and HYBRID; shown to registered agents only."),
			"startsAt":             inputField(nonNull(graphql.String), "Start: RFC 3339 (2026-03-12T14:00:00+01:00), or a local time (2026-03-12T14:00) in timeZone."),
			"endsAt":               inputField(nonNull(graphql.String), "End, after the start; same forms as startsAt."),
			"timeZone":             inputField(graphql.String, "IANA time zone (Europe/Paris when absent)."),
			"capacity":             inputField(graphql.Int, "Seats, at least 1; unlimited when absent or null. Never below the seats already taken."),
			"registrationDeadline": inputField(graphql.String, "When registration and unregistration close, before the start; the start when absent."),
			"skillIds":             inputField(graphql.NewList(nonNull(graphql.ID)), fmt.Sprintf("Skills the event develops (%d at most).", passerelles.MaxEventSkills)),
		}
		for k, v := range extra {
			f[k] = v
		}
		return f
	}
	eventID := inputField(nonNull(graphql.ID), "The event.")
	fields["createEvent"] = &graphql.Field{Type: eventPayload("CreateEventPayload"),
		Description: "Creates a draft event in a community (its animators and administrators; not in an archived community).",
		Args: in("CreateEventInput", "The community and the event.", eventFields(graphql.InputObjectConfigFieldMap{
			"communityId": inputField(nonNull(graphql.ID), "The community that holds the event.")})), Resolve: b.r.CreateEvent}
	fields["updateEvent"] = &graphql.Field{Type: eventPayload("UpdateEventPayload"),
		Description: "Replaces every editable field of an event (the edit form sends them all). A larger capacity gives seats to the waitlist in order; a change of time, place or link increases its sequence and tells the registered and waitlisted agents.",
		Args:        in("UpdateEventInput", "The event and its fields.", eventFields(graphql.InputObjectConfigFieldMap{"eventId": eventID})), Resolve: b.r.UpdateEvent}
	fields["publishEvent"] = &graphql.Field{Type: eventPayload("PublishEventPayload"), Description: "Publishes a draft: everyone sees it and may register.",
		Args: in("PublishEventInput", "The event.", graphql.InputObjectConfigFieldMap{"eventId": eventID}), Resolve: b.r.PublishEvent}
	fields["cancelEvent"] = &graphql.Field{Type: eventPayload("CancelEventPayload"), Description: "Cancels an event: every seat and waitlist place is freed and each agent told.",
		Args: in("CancelEventInput", "The event.", graphql.InputObjectConfigFieldMap{"eventId": eventID}), Resolve: b.r.CancelEvent}
	regPayload := func(name string) *graphql.Object {
		return payload(name, "Result of "+name[:len(name)-len("Payload")]+".", map[string]*graphql.Field{
			"registration": {Type: nonNull(b.registration), Description: "The signed-in agent's registration after the change."},
			"event":        {Type: nonNull(b.event), Description: "The event after the change."}})
	}
	fields["registerForEvent"] = &graphql.Field{Type: regPayload("RegisterForEventPayload"),
		Description: "Registers the signed-in agent until the deadline: a seat while one is free, else the end of the waitlist. Registering again changes nothing.",
		Args:        in("RegisterForEventInput", "The event.", graphql.InputObjectConfigFieldMap{"eventId": eventID}), Resolve: b.r.RegisterForEvent}
	fields["unregisterFromEvent"] = &graphql.Field{Type: regPayload("UnregisterFromEventPayload"),
		Description: "Cancels the signed-in agent's seat or waitlist place until the deadline; a freed seat goes to the first on the waitlist.",
		Args:        in("UnregisterFromEventInput", "The event.", graphql.InputObjectConfigFieldMap{"eventId": eventID}), Resolve: b.r.UnregisterFromEvent}
	fields["markAttendance"] = &graphql.Field{Description: "Records whether an agent holding a seat came (animators and administrators, once the event has started).",
		Type: payload("MarkAttendancePayload", "Result of markAttendance.", map[string]*graphql.Field{
			"registration": {Type: nonNull(b.registration), Description: "The registration after the change."}}),
		Args: in("MarkAttendanceInput", "The event, the agent and whether they came.", graphql.InputObjectConfigFieldMap{
			"eventId": eventID, "agentId": inputField(nonNull(graphql.ID), "The agent."),
			"attended": inputField(nonNull(graphql.Boolean), "Whether they came.")}), Resolve: b.r.MarkAttendance}

	communityPayload := func(name string) *graphql.Object {
		return payload(name, "Result of "+name[:len(name)-len("Payload")]+".", map[string]*graphql.Field{
			"community": {Type: nonNull(b.community), Description: "The community after the change."}})
	}
	communityID := inputField(nonNull(graphql.ID), "The community.")
	skills := inputField(graphql.NewList(nonNull(graphql.ID)), fmt.Sprintf("Skills the community develops (%d at most).", passerelles.MaxCommunitySkills))
	fields["createCommunity"] = &graphql.Field{Type: communityPayload("CreateCommunityPayload"), Description: "Creates a community (administrators; recorded in the audit log).",
		Args: in("CreateCommunityInput", "The community.", graphql.InputObjectConfigFieldMap{
			"code":        inputField(nonNull(graphql.String), "Stable code: lower-case letters, digits and dashes (\"data\")."),
			"name":        inputField(nonNull(graphql.String), "Name (200 characters at most)."),
			"description": inputField(graphql.String, "What the community does (4 000 characters at most)."),
			"skillIds":    skills}), Resolve: b.r.CreateCommunity}
	fields["updateCommunity"] = &graphql.Field{Type: communityPayload("UpdateCommunityPayload"), Description: "Changes a community's name, description and skills (administrators; recorded); its code stays.",
		Args: in("UpdateCommunityInput", "The community and its fields.", graphql.InputObjectConfigFieldMap{
			"communityId": communityID,
			"name":        inputField(nonNull(graphql.String), "Name (200 characters at most)."),
			"description": inputField(graphql.String, "What the community does (4 000 characters at most)."),
			"skillIds":    skills}), Resolve: b.r.UpdateCommunity}
	fields["archiveCommunity"] = &graphql.Field{Type: communityPayload("ArchiveCommunityPayload"),
		Description: "Archives a community, or brings it back with archived: false (administrators; recorded). An archived community keeps its members and events, takes no new ones and leaves the lists.",
		Args: in("ArchiveCommunityInput", "The community.", graphql.InputObjectConfigFieldMap{"communityId": communityID,
			"archived": &graphql.InputObjectFieldConfig{Type: graphql.Boolean, DefaultValue: true, Description: "true to archive (the default), false to bring back."}}),
		Resolve: b.r.ArchiveCommunity}
	fields["setCommunityAnimator"] = &graphql.Field{Type: communityPayload("SetCommunityAnimatorPayload"),
		Description: fmt.Sprintf("Names an agent an animator of a community (making them a member), or with animator: false takes the role back (they stay a member); administrators, recorded; %d animators a community at most.", passerelles.MaxAnimators),
		Args: in("SetCommunityAnimatorInput", "The community, the agent and the role.", graphql.InputObjectConfigFieldMap{"communityId": communityID,
			"agentId": inputField(nonNull(graphql.ID), "The agent."), "animator": inputField(nonNull(graphql.Boolean), "true to name, false to remove.")}),
		Resolve: b.r.SetCommunityAnimator}
	fields["joinCommunity"] = &graphql.Field{Type: communityPayload("JoinCommunityPayload"), Description: "Makes the signed-in agent a member of a community (not an archived one).",
		Args: in("JoinCommunityInput", "The community.", graphql.InputObjectConfigFieldMap{"communityId": communityID}), Resolve: b.r.JoinCommunity}
	fields["leaveCommunity"] = &graphql.Field{Type: communityPayload("LeaveCommunityPayload"), Description: "Ends the signed-in agent's membership of a community (an animator leaves the role too).",
		Args: in("LeaveCommunityInput", "The community.", graphql.InputObjectConfigFieldMap{"communityId": communityID}), Resolve: b.r.LeaveCommunity}
}
