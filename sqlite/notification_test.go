package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"passerelles"
	"passerelles/sqlite"
	"passerelles/sqlite/sqlitetest"
)

// TestNotificationOwnerOnly: the store refuses every path to an agent's notifications and
// preferences to anyone but that agent — other agents, managers, administrators, the
// application's own work, nobody signed in.
func TestNotificationOwnerOnly(t *testing.T) {
	f := MustOpenProfileFixture(t)
	owner, asOwner := f.MustSignIn(t, "owner", f.orgA)
	_, asAgent := f.MustSignIn(t, "other", f.orgA)
	_, asManager := f.MustSignIn(t, "manager", f.orgA, passerelles.AccessManager)
	_, asAdmin := f.MustSignIn(t, "admin", f.orgA, passerelles.AccessAdmin)
	if err := f.all.Notifications.Notify(system, []int64{owner}, passerelles.NotifyWaitlisted, 0); err != nil {
		t.Fatal(err)
	}
	list, err := f.all.Notifications.FindNotifications(asOwner, owner, passerelles.NotificationFilter{})
	if err != nil || list.Total != 1 || list.Unread != 1 || list.Items[0].Event != nil {
		t.Fatalf("owner's list %+v, %v", list, err)
	}
	n := list.Items[0].ID
	for _, tc := range []struct {
		name string
		ctx  context.Context
		want string
	}{
		{"Anonymous", context.Background(), passerelles.EUNAUTHENTICATED},
		{"Agent", asAgent, passerelles.EFORBIDDEN},
		{"Manager", asManager, passerelles.EFORBIDDEN},
		{"Admin", asAdmin, passerelles.EFORBIDDEN},
		{"System", system, passerelles.EFORBIDDEN},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := f.all.Notifications.FindNotifications(tc.ctx, owner, passerelles.NotificationFilter{}); passerelles.ErrorCode(err) != tc.want {
				t.Fatalf("find: %v, want %s", err, tc.want)
			}
			if _, err := f.all.Notifications.FindNotificationPreferences(tc.ctx, owner); passerelles.ErrorCode(err) != tc.want {
				t.Fatalf("preferences: %v, want %s", err, tc.want)
			}
			// Marking names one's own notifications: another's id is not found.
			_, _, err := f.all.Notifications.MarkNotificationsRead(tc.ctx, []int64{n}, false)
			if want := map[string]string{passerelles.EFORBIDDEN: passerelles.ENOTFOUND}[tc.want]; want != "" && tc.name != "System" {
				if passerelles.ErrorCode(err) != want || passerelles.ErrorField(err) != "ids.0" {
					t.Fatalf("mark: %v, want %s on ids.0", err, want)
				}
			} else if err == nil {
				t.Fatal("marked without being the owner")
			}
			if tc.name != "System" && tc.name != "Anonymous" {
				if _, _, err := f.all.Notifications.MarkNotificationsRead(tc.ctx, nil, true); err != nil {
					t.Fatal(err) // their own, none
				}
			}
			if tc.name == "System" {
				return // the application's own work notifies and reads what goes by email
			}
			if err := f.all.Notifications.Notify(tc.ctx, []int64{owner}, passerelles.NotifyWaitlisted, 0); passerelles.ErrorCode(err) != passerelles.EFORBIDDEN {
				t.Fatalf("a person notified: %v", err)
			}
			if _, err := f.all.Notifications.FindPendingEmails(tc.ctx, time.Now()); passerelles.ErrorCode(err) != passerelles.EFORBIDDEN {
				t.Fatalf("a person read the pending emails: %v", err)
			}
			if _, err := f.all.Notifications.MarkEmailed(tc.ctx, []int64{n}); passerelles.ErrorCode(err) != passerelles.EFORBIDDEN {
				t.Fatalf("a person marked an email: %v", err)
			}
		})
	}
	if list, _ := f.all.Notifications.FindNotifications(asOwner, owner, passerelles.NotificationFilter{}); list.Unread != 1 {
		t.Fatalf("others' attempts changed the owner's notifications: %+v", list)
	}
}

// TestNotificationErasure: erasing one's account erases one's notifications and
// preferences (the tables cascade from agents), and only one's own.
func TestNotificationErasure(t *testing.T) {
	f := MustOpenProfileFixture(t)
	ctx := f.MustErasableAgent(t)
	me := passerelles.UserFromContext(ctx).AgentID
	other, asOther := f.MustSignIn(t, "stays", f.orgA)
	if err := f.all.Notifications.Notify(system, []int64{me, other}, passerelles.NotifyRegistrationConfirmed, 0); err != nil {
		t.Fatal(err)
	}
	for _, c := range []context.Context{ctx, asOther} {
		if _, err := f.all.Notifications.UpdateNotificationPreferences(c, passerelles.NotificationPreferencesInput{
			Delivery: passerelles.DeliveryImmediate, DigestDay: time.Monday, DigestTime: "08:00"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.svc.DeleteMyAccount(ctx, passerelles.ErasureConfirmation); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"notifications", "notification_preferences"} {
		var mine, others int
		if err := f.raw.QueryRow(`SELECT COUNT(*) FILTER (WHERE agent_id = ?), COUNT(*) FILTER (WHERE agent_id = ?) FROM `+table, me, other).Scan(&mine, &others); err != nil {
			t.Fatal(err)
		}
		if mine != 0 || others != 1 {
			t.Fatalf("%s after the erasure: %d of the erased agent's, %d of another's (want 0 and 1)", table, mine, others)
		}
	}
}

// TestNotificationListStatements: a page of 100 notifications with their events costs
// as many statements as a page of 1 (the events are read in the same statement).
func TestNotificationListStatements(t *testing.T) {
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "count.db"))
	db.DriverName = sqlitetest.Register()
	if err := db.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := db.Services()
	if _, err := svc.Communities.UpsertCommunity(system, &passerelles.Community{Code: "data", Name: "Data"}); err != nil {
		t.Fatal(err)
	}
	comm, err := svc.Communities.FindCommunityByCode(system, "data")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)
	var events []*passerelles.Event
	for i := range 100 {
		at := start.Add(time.Duration(i) * 24 * time.Hour)
		events = append(events, &passerelles.Event{CommunityID: comm.ID, Title: "Atelier", Kind: passerelles.EventWorkshop,
			Status: passerelles.EventPublished, Format: passerelles.EventOnsite, Address: "Lyon", StartsAt: at, EndsAt: at.Add(time.Hour)})
	}
	if _, err := svc.Events.ImportEvents(system, events); err != nil {
		t.Fatal(err)
	}
	count := func(n int) int64 {
		u, err := svc.Users.SignIn(system, passerelles.Identity{Issuer: "i", Subject: fmt.Sprintf("agent-%d", n)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			if err := svc.Notifications.Notify(system, []int64{u.AgentID}, passerelles.NotifyRegistrationConfirmed, events[i].ID); err != nil {
				t.Fatal(err)
			}
		}
		as := passerelles.NewContextWithUser(context.Background(), u)
		sqlitetest.Reset()
		list, err := svc.Notifications.FindNotifications(as, u.AgentID, passerelles.NotificationFilter{Page: passerelles.Page{Limit: 100}})
		got := sqlitetest.Statements()
		if err != nil || len(list.Items) != n || list.Items[n-1].Event == nil || list.Items[n-1].Event.Title != "Atelier" {
			t.Fatalf("%d notifications: %+v, %v", n, list, err)
		}
		return got
	}
	if one, hundred := count(1), count(100); one != hundred {
		t.Fatalf("%d statements for 1 notification, %d for 100", one, hundred)
	}
}
