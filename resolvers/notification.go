package resolvers

import (
	"time"

	"github.com/graphql-go/graphql"

	"passerelles"
)

// WithEmailNotifications tells whether the service sends notifications by email (an SMTP
// server is configured), which NotificationPreferences.emailAvailable answers so that
// the preferences page says whether « par courriel » does anything.
func WithEmailNotifications(on bool) Option { return func(r *Resolver) { r.emailNotifications = on } }

// NotificationConnection is a page of notifications with the owner's unread count.
type NotificationConnection struct {
	*Connection
	UnreadCount int
}

// UserNotifications resolves User.notifications: the person's own notifications only
// (the service refuses anyone else, administrators included).
func (r *Resolver) UserNotifications(p graphql.ResolveParams) (any, error) {
	u, err := Source[*passerelles.User](p)
	if err != nil {
		return nil, err
	}
	page, err := pageArgs(p)
	if err != nil {
		return nil, err
	}
	unreadOnly, _ := p.Args["unreadOnly"].(bool)
	fetch := page
	if fetch.Limit == 0 || !selectsItems(p) {
		fetch.Limit = 1 // counts only
	}
	list, err := r.svc.Notifications.FindNotifications(p.Context, u.AgentID, passerelles.NotificationFilter{UnreadOnly: unreadOnly, Page: fetch})
	if err != nil {
		return nil, err
	}
	items := list.Items
	if page.Limit == 0 {
		items = nil
	}
	return &NotificationConnection{Connection: newConnection(items, page, list.Total), UnreadCount: list.Unread}, nil
}

// UserNotificationPreferences resolves User.notificationPreferences.
func (r *Resolver) UserNotificationPreferences(p graphql.ResolveParams) (any, error) {
	u, err := Source[*passerelles.User](p)
	if err != nil {
		return nil, err
	}
	return r.svc.Notifications.FindNotificationPreferences(p.Context, u.AgentID)
}

// NotificationPreferencesEmailAvailable resolves NotificationPreferences.emailAvailable.
func (r *Resolver) NotificationPreferencesEmailAvailable(p graphql.ResolveParams) (any, error) {
	return r.emailNotifications, nil
}

// MarkNotificationsRead resolves Mutation.markNotificationsRead.
func (r *Resolver) MarkNotificationsRead(p graphql.ResolveParams) (any, error) {
	in := input(p)
	all, _ := in["all"].(bool)
	var ids []int64
	if list, ok := in["ids"].([]any); ok {
		if len(list) > passerelles.MaxNotificationsMarked {
			// Refused before parsing: the list may be long.
			return nil, passerelles.WithField("ids", passerelles.Errorf(passerelles.EINVALID,
				"Marquez au plus %d notifications à la fois, ou toutes.", passerelles.MaxNotificationsMarked))
		}
		got, err := optIDs(list)
		if err != nil {
			return nil, passerelles.WithField("ids", err)
		}
		ids = *got
	}
	marked, unread, err := r.svc.Notifications.MarkNotificationsRead(p.Context, ids, all)
	if err != nil {
		return nil, err
	}
	return map[string]any{"markedCount": marked, "unreadCount": unread}, nil
}

// UpdateNotificationPreferences resolves Mutation.updateNotificationPreferences.
func (r *Resolver) UpdateNotificationPreferences(p graphql.ResolveParams) (any, error) {
	in := input(p)
	var v passerelles.NotificationPreferencesInput
	v.Delivery = passerelles.NotificationDelivery(stringOf(in["delivery"]))
	v.ByEmail, _ = in["byEmail"].(bool)
	v.QuietHoursStart, v.QuietHoursEnd = stringOf(in["quietHoursStart"]), stringOf(in["quietHoursEnd"])
	v.DigestTime = stringOf(in["digestTime"])
	v.DigestDay = -1
	if d, ok := in["digestDay"].(int); ok {
		v.DigestDay = time.Weekday(d)
	}
	prefs, err := r.svc.Notifications.UpdateNotificationPreferences(p.Context, v)
	if err != nil {
		return nil, err
	}
	return map[string]any{"preferences": prefs}, nil
}

func stringOf(v any) string {
	s, _ := v.(string)
	return s
}
