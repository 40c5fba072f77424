package schema

import (
	"fmt"
	"time"

	"github.com/graphql-go/graphql"

	"passerelles"
	"passerelles/resolvers"
)

// notificationTypes builds the types of notifications and their preferences, which User
// (`me`) carries.
func (b *builder) notificationTypes() {
	kind := graphql.NewEnum(graphql.EnumConfig{
		Name:        "NotificationKind",
		Description: "What a notification tells about an event the agent registered for.",
		Values: graphql.EnumValueConfigMap{
			"REGISTRATION_CONFIRMED": {Value: string(passerelles.NotifyRegistrationConfirmed), Description: "The registration is confirmed: a seat is the agent's."},
			"WAITLISTED":             {Value: string(passerelles.NotifyWaitlisted), Description: "The event is full: the agent is on its waitlist."},
			"PROMOTED_FROM_WAITLIST": {Value: string(passerelles.NotifyPromoted), Description: "A seat freed up: the agent went from the waitlist to registered."},
			"EVENT_CHANGED":          {Value: string(passerelles.NotifyEventChanged), Description: "The event's time, place or link changed."},
			"EVENT_CANCELLED":        {Value: string(passerelles.NotifyEventCancelled), Description: "The event is cancelled."},
		},
	})
	b.notificationDelivery = graphql.NewEnum(graphql.EnumConfig{
		Name:        "NotificationDelivery",
		Description: "When notifications go by email.",
		Values: graphql.EnumValueConfigMap{
			"IMMEDIATE":     {Value: string(passerelles.DeliveryImmediate), Description: "Each at once (« au fil de l’eau »), outside quiet hours."},
			"WEEKLY_DIGEST": {Value: string(passerelles.DeliveryWeeklyDigest), Description: "The week's together, on the digest's day and time."},
		},
	})
	days := graphql.EnumValueConfigMap{}
	for d := time.Sunday; d <= time.Saturday; d++ {
		days[map[time.Weekday]string{time.Sunday: "SUNDAY", time.Monday: "MONDAY", time.Tuesday: "TUESDAY", time.Wednesday: "WEDNESDAY",
			time.Thursday: "THURSDAY", time.Friday: "FRIDAY", time.Saturday: "SATURDAY"}[d]] = &graphql.EnumValueConfig{Value: int(d), Description: d.String() + "."}
	}
	b.weekday = graphql.NewEnum(graphql.EnumConfig{Name: "Weekday", Description: "A day of the week.", Values: days})

	event := graphql.NewObject(graphql.ObjectConfig{
		Name:        "NotificationEvent",
		Description: "What a notification says of its event: its title and start.",
		Fields: graphql.Fields{
			"id":       prop(nonNull(graphql.ID), "Identifier of the event.", func(e *passerelles.NotificationEvent) any { return resolvers.ID(e.ID) }),
			"title":    prop(nonNull(graphql.String), "Title of the event.", func(e *passerelles.NotificationEvent) any { return e.Title }),
			"startsAt": prop(nonNull(graphql.String), "When the event starts (RFC 3339).", func(e *passerelles.NotificationEvent) any { return resolvers.FormatTime(e.StartsAt) }),
			"cancelled": prop(nonNull(graphql.Boolean), "Whether the event is cancelled now.",
				func(e *passerelles.NotificationEvent) any { return e.Status == passerelles.EventCancelled }),
		},
	})
	node := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Notification",
		Description: "A notification of the signed-in agent about an event they registered for.",
		Fields: graphql.Fields{
			"id":    prop(nonNull(graphql.ID), "Identifier of the notification.", func(n *passerelles.Notification) any { return resolvers.ID(n.ID) }),
			"kind":  prop(nonNull(kind), "What it tells.", func(n *passerelles.Notification) any { return string(n.Kind) }),
			"label": prop(nonNull(graphql.String), "What it tells, as a French sentence (« Votre inscription est confirmée »).", func(n *passerelles.Notification) any { return n.Kind.Label() }),
			"event": prop(event, "The event it is about; null when it is about none.", func(n *passerelles.Notification) any {
				if n.Event == nil {
					return nil
				}
				return n.Event
			}),
			"createdAt": prop(nonNull(graphql.String), "When it was written (RFC 3339).", func(n *passerelles.Notification) any { return resolvers.FormatTime(n.CreatedAt) }),
			"readAt":    prop(graphql.String, "When the agent first read it (RFC 3339); null while unread.", func(n *passerelles.Notification) any { return resolvers.FormatTime(n.ReadAt) }),
			"emailedAt": prop(graphql.String, "When it went by email (RFC 3339); null until then, and for good when it goes by no email.", func(n *passerelles.Notification) any { return resolvers.FormatTime(n.EmailedAt) }),
		},
	})
	edge := graphql.NewObject(graphql.ObjectConfig{
		Name:        "NotificationEdge",
		Description: "One Notification of a page, with its cursor.",
		Fields: graphql.Fields{
			"cursor": prop(nonNull(graphql.String), "Opaque position of this item in the list.", func(e resolvers.Edge) any { return e.Cursor }),
			"node":   prop(nonNull(node), "The item.", func(e resolvers.Edge) any { return e.Node }),
		},
	})
	b.notificationConnection = graphql.NewObject(graphql.ObjectConfig{
		Name:        "NotificationConnection",
		Description: "A page of the agent's notifications, newest first (Relay connection), with their unread count.",
		Fields: graphql.Fields{
			"edges":       prop(listOf(edge), "The items of this page.", func(c *resolvers.NotificationConnection) any { return c.Edges }),
			"pageInfo":    prop(nonNull(b.pageInfo), "Where this page stands.", func(c *resolvers.NotificationConnection) any { return c.PageInfo }),
			"totalCount":  prop(nonNull(graphql.Int), "How many notifications the list holds (the unread ones with unreadOnly).", func(c *resolvers.NotificationConnection) any { return c.TotalCount }),
			"unreadCount": prop(nonNull(graphql.Int), "How many of the agent's notifications are unread, whatever unreadOnly.", func(c *resolvers.NotificationConnection) any { return c.UnreadCount }),
		},
	})
	clock := func(minute int) any { return passerelles.FormatClock(minute) }
	b.notificationPreferences = graphql.NewObject(graphql.ObjectConfig{
		Name:        "NotificationPreferences",
		Description: "How the agent's notifications reach them beyond the app. Hours are Europe/Paris wall-clock times HH:MM.",
		Fields: graphql.Fields{
			"delivery": prop(nonNull(b.notificationDelivery), "Immediate or weekly digest.", func(p *passerelles.NotificationPreferences) any { return string(p.Delivery) }),
			"byEmail":  prop(nonNull(graphql.Boolean), "Whether notifications also go by email (true by default).", func(p *passerelles.NotificationPreferences) any { return p.ByEmail }),
			"emailAvailable": {Type: nonNull(graphql.Boolean), Resolve: b.r.NotificationPreferencesEmailAvailable,
				Description: "Whether this service sends email at all (an SMTP server is configured); when false, byEmail has no effect."},
			"quietHoursStart": prop(graphql.String, "Start of the quiet hours, when no email goes (HH:MM); null when none.", func(p *passerelles.NotificationPreferences) any {
				if p.Quiet == nil {
					return nil
				}
				return clock(p.Quiet.Start)
			}),
			"quietHoursEnd": prop(graphql.String, "End of the quiet hours (HH:MM, excluded); earlier than the start when they span midnight; null when none.", func(p *passerelles.NotificationPreferences) any {
				if p.Quiet == nil {
					return nil
				}
				return clock(p.Quiet.End)
			}),
			"digestDay":  prop(nonNull(b.weekday), "Day of the weekly digest (Monday by default).", func(p *passerelles.NotificationPreferences) any { return int(p.DigestWeekday) }),
			"digestTime": prop(nonNull(graphql.String), "Time of the weekly digest (HH:MM, 08:00 by default).", func(p *passerelles.NotificationPreferences) any { return clock(p.DigestMinute) }),
			"updatedAt":  prop(graphql.String, "When the agent last changed them (RFC 3339); null while the defaults hold.", func(p *passerelles.NotificationPreferences) any { return resolvers.FormatTime(p.UpdatedAt) }),
		},
	})
}

// userNotificationFields adds to User its fields about notifications: the owner's alone.
func (b *builder) userNotificationFields(user *graphql.Object) {
	user.AddFieldConfig("notifications", &graphql.Field{Type: b.notificationConnection, Resolve: b.r.UserNotifications,
		Description: "The person's notifications, newest first: for `me` only; FORBIDDEN (and null) for anyone else, administrators included.",
		Args: pageArgs(graphql.FieldConfigArgument{"unreadOnly": &graphql.ArgumentConfig{Type: graphql.Boolean, DefaultValue: false,
			Description: "Only the unread ones."}})})
	user.AddFieldConfig("notificationPreferences", &graphql.Field{Type: b.notificationPreferences, Resolve: b.r.UserNotificationPreferences,
		Description: "How the person's notifications reach them: for `me` only; FORBIDDEN (and null) for anyone else."})
}

func (b *builder) notificationMutations(fields graphql.Fields) {
	fields["markNotificationsRead"] = &graphql.Field{
		Description: "Marks some of one's notifications as read, or all of them. One already read keeps when it was first read.",
		Type: payload("MarkNotificationsReadPayload", "Result of markNotificationsRead.", map[string]*graphql.Field{
			"markedCount": {Type: nonNull(graphql.Int), Description: "How many were unread and are now read."},
			"unreadCount": {Type: nonNull(graphql.Int), Description: "How many stay unread."}}),
		Args: graphql.FieldConfigArgument{"input": &graphql.ArgumentConfig{Description: "Which notifications.",
			Type: nonNull(graphql.NewInputObject(graphql.InputObjectConfig{Name: "MarkNotificationsReadInput", Description: "Which notifications to mark as read: ids, or all.",
				Fields: graphql.InputObjectConfigFieldMap{
					"ids": inputField(graphql.NewList(nonNull(graphql.ID)), fmt.Sprintf("These notifications (%d at most; each one's own, else NOT_FOUND).", passerelles.MaxNotificationsMarked)),
					"all": inputField(graphql.Boolean, "Every notification of one's (instead of ids)."),
				}}))}},
		Resolve: b.r.MarkNotificationsRead}
	fields["updateNotificationPreferences"] = &graphql.Field{
		Description: "Sets how one's notifications reach one: immediate or weekly digest, by email or not, quiet hours, the digest's day and time (Europe/Paris). Every field is set: absent quiet hours mean none.",
		Type: payload("UpdateNotificationPreferencesPayload", "Result of updateNotificationPreferences.", map[string]*graphql.Field{
			"preferences": {Type: nonNull(b.notificationPreferences), Description: "The preferences after the change."}}),
		Args: graphql.FieldConfigArgument{"input": &graphql.ArgumentConfig{Description: "The preferences.",
			Type: nonNull(graphql.NewInputObject(graphql.InputObjectConfig{Name: "UpdateNotificationPreferencesInput", Description: "Preferences of notification.",
				Fields: graphql.InputObjectConfigFieldMap{
					"delivery":        inputField(nonNull(b.notificationDelivery), "Immediate or weekly digest."),
					"byEmail":         inputField(nonNull(graphql.Boolean), "Whether notifications also go by email."),
					"quietHoursStart": inputField(graphql.String, "Start of the quiet hours, HH:MM (with quietHoursEnd; both absent or null: none)."),
					"quietHoursEnd":   inputField(graphql.String, "End of the quiet hours, HH:MM (excluded; earlier than the start to span midnight)."),
					"digestDay":       inputField(nonNull(b.weekday), "Day of the weekly digest."),
					"digestTime":      inputField(nonNull(graphql.String), "Time of the weekly digest, HH:MM."),
				}}))}},
		Resolve: b.r.UpdateNotificationPreferences}
}
