package sqlite_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"passerelles"
)

// TestVisibleMembersMatchDomainRule checks that the SQL filter of member lists agrees with
// passerelles.CanSeeProfile for every kind of viewer and every visibility.
func TestVisibleMembersMatchDomainRule(t *testing.T) {
	db := MustOpenDB(t)
	s := db.Services()
	m := &passerelles.Ministry{Code: "travail", Name: "Travail"}
	if _, err := s.Organisations.UpsertMinistry(system, m); err != nil {
		t.Fatal(err)
	}
	orgX := &passerelles.Organisation{Code: "X", Name: "Organisation X", Type: passerelles.OrganisationCentral}
	orgY := &passerelles.Organisation{Code: "Y", Name: "Organisation Y", Type: passerelles.OrganisationCentral}
	for _, o := range []*passerelles.Organisation{orgX, orgY} {
		if _, err := s.Organisations.UpsertOrganisation(system, o, "travail", ""); err != nil {
			t.Fatal(err)
		}
	}
	c := &passerelles.Community{Code: "data", Name: "Communauté Data"}
	if _, err := s.Communities.UpsertCommunity(system, c); err != nil {
		t.Fatal(err)
	}
	type member struct {
		agent  *passerelles.Agent
		hidden []int64
	}
	var members []member
	var memberships []passerelles.CommunityMember
	for i, vis := range []passerelles.Visibility{passerelles.VisibilityPrivate, passerelles.VisibilityManagers, passerelles.VisibilityAllAgents} {
		for j, hidden := range [][]int64{nil, {orgX.ID}} {
			mm, err := s.Users.SignIn(system, passerelles.Identity{Issuer: "i", Subject: fmt.Sprintf("m%d%d", i, j), UsualName: fmt.Sprintf("M%d%d", i, j)}, nil)
			if err != nil {
				t.Fatal(err)
			}
			ctx := passerelles.NewContextWithUser(context.Background(), &passerelles.User{AgentID: mm.Agent.ID, AccessRoles: mm.AccessRoles})
			v, h := vis, hidden
			if h == nil {
				h = []int64{}
			}
			if _, err := s.Profiles.UpdateProfile(ctx, passerelles.ProfileUpdate{Visibility: &v, HiddenFrom: &h, OrganisationID: &orgY.ID}); err != nil {
				t.Fatal(err)
			}
			mm.Agent.Visibility = vis
			members = append(members, member{mm.Agent, hidden})
			memberships = append(memberships, passerelles.CommunityMember{CommunityID: c.ID, AgentID: mm.Agent.ID, Role: passerelles.MemberRoleMember})
		}
	}
	if _, err := s.Communities.ImportMembers(system, memberships); err != nil {
		t.Fatal(err)
	}
	viewer := func(org int64, roles ...passerelles.AccessRole) *passerelles.User {
		v, err := s.Users.SignIn(system, passerelles.Identity{Issuer: "i", Subject: fmt.Sprintf("v%d%v", org, roles)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return &passerelles.User{AgentID: v.Agent.ID, OrganisationID: org, AccessRoles: append([]passerelles.AccessRole{passerelles.AccessAgent}, roles...)}
	}
	owner := members[0].agent // a PRIVATE member sees themselves
	for _, tc := range []struct {
		name string
		u    *passerelles.User
	}{
		{"Anonymous", nil},
		{"System", &passerelles.User{System: true}},
		{"Owner", &passerelles.User{AgentID: owner.ID, OrganisationID: orgY.ID, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent}}},
		{"AgentOfX", viewer(orgX.ID)},
		{"AgentOfY", viewer(orgY.ID)},
		{"ManagerOfX", viewer(orgX.ID, passerelles.AccessManager)},
		{"ManagerOfY", viewer(orgY.ID, passerelles.AccessManager)},
		{"AdminOfY", viewer(orgY.ID, passerelles.AccessAdmin)},
		{"ManagerWithoutAssertedOrganisation", viewer(0, passerelles.AccessManager)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			if tc.u != nil {
				ctx = passerelles.NewContextWithUser(ctx, tc.u)
			}
			pages, err := s.Communities.FindMembers(ctx, []int64{c.ID}, passerelles.Page{Limit: 100})
			got, total := pages[c.ID].Members, pages[c.ID].Total
			if tc.u == nil {
				if passerelles.ErrorCode(err) != passerelles.EUNAUTHENTICATED {
					t.Fatalf("anonymous: %v, want UNAUTHENTICATED", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var want, gotIDs []int64
			for _, m := range members {
				if passerelles.CanSeeProfile(tc.u, m.agent, m.hidden) {
					want = append(want, m.agent.ID)
				}
			}
			for _, m := range got {
				gotIDs = append(gotIDs, m.AgentID)
			}
			slices.Sort(want)
			slices.Sort(gotIDs)
			if !slices.Equal(gotIDs, want) || total != len(want) {
				t.Fatalf("members %v (total %d), want %v", gotIDs, total, want)
			}
		})
	}
}
