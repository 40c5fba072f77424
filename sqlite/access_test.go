package sqlite_test

import (
	"context"
	"fmt"
	"testing"

	"passerelles"
)

// TestRoleMatrix runs every write of the store that is reserved to administrators (or to
// the application itself) as each kind of caller.
func TestRoleMatrix(t *testing.T) {
	db := MustOpenDB(t)
	f := MustCreateFramework(t, db)
	s := db.Services()
	target, err := s.Users.SignIn(system, passerelles.Identity{Issuer: "i", Subject: "target"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	boss, err := s.Users.SignIn(system, passerelles.Identity{Issuer: "i", Subject: "boss"}, []string{"boss"})
	if err != nil {
		t.Fatal(err)
	}
	as := func(roles ...passerelles.AccessRole) context.Context {
		return passerelles.NewContextWithUser(context.Background(), &passerelles.User{AgentID: target.Agent.ID, AccessRoles: roles})
	}
	callers := []struct {
		name string
		ctx  context.Context
	}{
		{"Anonymous", context.Background()},
		{"Agent", as(passerelles.AccessAgent)},
		{"Manager", as(passerelles.AccessAgent, passerelles.AccessManager)},
		// An administrator the store knows as one: grants and revokes check the role in
		// their transaction too (TestRevokedAdministratorActsNoMore).
		{"Admin", passerelles.NewContextWithUser(context.Background(), &passerelles.User{AgentID: boss.Agent.ID,
			AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessAdmin}})},
		{"System", system},
	}
	n := 0
	next := func() string { n++; return fmt.Sprintf("X%03d", n) }
	ops := []struct {
		name       string
		systemOnly bool
		do         func(ctx context.Context) error
	}{
		{"UpsertFramework", false, func(ctx context.Context) error {
			_, err := s.Frameworks.UpsertFramework(ctx, &passerelles.Framework{Code: next(), Name: "F", Levels: f.Levels})
			return err
		}},
		{"UpsertSkill", false, func(ctx context.Context) error {
			_, err := s.Skills.UpsertSkill(ctx, f.Code, "d", &passerelles.Skill{Code: next(), Name: "S"})
			return err
		}},
		{"UpsertRole", false, func(ctx context.Context) error {
			_, err := s.Roles.UpsertRole(ctx, &passerelles.Role{Code: next(), Title: "R", Family: passerelles.RoleFamilyDigital})
			return err
		}},
		{"UpsertTransition", false, func(ctx context.Context) error {
			a := &passerelles.Role{Code: next(), Title: "A", Family: passerelles.RoleFamilyBusiness}
			b := &passerelles.Role{Code: next(), Title: "B", Family: passerelles.RoleFamilyDigital}
			for _, r := range []*passerelles.Role{a, b} {
				if _, err := s.Roles.UpsertRole(system, r); err != nil {
					return err
				}
			}
			_, err := s.Transitions.UpsertTransition(ctx, &passerelles.Transition{FromRoleID: a.ID, ToRoleID: b.ID, Kind: passerelles.TransitionKindClose})
			return err
		}},
		{"CreateRole", false, func(ctx context.Context) error {
			return s.Roles.CreateRole(ctx, &passerelles.Role{Code: next(), Title: "R", Family: passerelles.RoleFamilyDigital})
		}},
		{"UpdateRole", false, func(ctx context.Context) error {
			r := &passerelles.Role{Code: next(), Title: "R", Family: passerelles.RoleFamilyDigital}
			if _, err := s.Roles.UpsertRole(system, r); err != nil {
				return err
			}
			r.Title = "Autre"
			_, err := s.Roles.UpdateRole(ctx, r)
			return err
		}},
		{"RetireRole", false, func(ctx context.Context) error {
			r := &passerelles.Role{Code: next(), Title: "R", Family: passerelles.RoleFamilyDigital}
			if _, err := s.Roles.UpsertRole(system, r); err != nil {
				return err
			}
			_, err := s.Roles.RetireRole(ctx, r.Code, true)
			return err
		}},
		{"CreateTransition", false, func(ctx context.Context) error {
			a := &passerelles.Role{Code: next(), Title: "A", Family: passerelles.RoleFamilyBusiness}
			b := &passerelles.Role{Code: next(), Title: "B", Family: passerelles.RoleFamilyDigital}
			for _, r := range []*passerelles.Role{a, b} {
				if _, err := s.Roles.UpsertRole(system, r); err != nil {
					return err
				}
			}
			return s.Transitions.CreateTransition(ctx, &passerelles.Transition{FromRoleID: a.ID, ToRoleID: b.ID, Kind: passerelles.TransitionKindClose})
		}},
		{"RetireTransition", false, func(ctx context.Context) error {
			a := &passerelles.Role{Code: next(), Title: "A", Family: passerelles.RoleFamilyBusiness}
			b := &passerelles.Role{Code: next(), Title: "B", Family: passerelles.RoleFamilyDigital}
			for _, r := range []*passerelles.Role{a, b} {
				if _, err := s.Roles.UpsertRole(system, r); err != nil {
					return err
				}
			}
			t := &passerelles.Transition{FromRoleID: a.ID, ToRoleID: b.ID, Kind: passerelles.TransitionKindClose}
			if _, err := s.Transitions.UpsertTransition(system, t); err != nil {
				return err
			}
			_, err := s.Transitions.RetireTransition(ctx, t.ID, true)
			return err
		}},
		{"ExportCatalogue", false, func(ctx context.Context) error {
			_, err := s.Catalogue.ExportCatalogue(ctx)
			return err
		}},
		{"ImportCatalogue", false, func(ctx context.Context) error {
			_, err := s.Catalogue.ImportCatalogue(ctx, &passerelles.Catalogue{Roles: []passerelles.CatalogueRole{{Code: next(), Title: "R", Family: passerelles.RoleFamilyDigital}}}, false)
			return err
		}},
		{"UpsertRegion", false, func(ctx context.Context) error {
			_, err := s.Organisations.UpsertRegion(ctx, &passerelles.Region{Code: next(), Name: "R"})
			return err
		}},
		{"UpsertMinistry", false, func(ctx context.Context) error {
			_, err := s.Organisations.UpsertMinistry(ctx, &passerelles.Ministry{Code: next(), Name: "M"})
			return err
		}},
		{"UpsertOrganisation", false, func(ctx context.Context) error {
			m := &passerelles.Ministry{Code: next(), Name: "M"}
			if _, err := s.Organisations.UpsertMinistry(system, m); err != nil {
				return err
			}
			_, err := s.Organisations.UpsertOrganisation(ctx, &passerelles.Organisation{Code: next(), Name: "O", Type: passerelles.OrganisationCentral}, m.Code, "")
			return err
		}},
		{"UpsertGrade", false, func(ctx context.Context) error {
			_, err := s.Organisations.UpsertGrade(ctx, &passerelles.Grade{Code: next(), Label: "G"})
			return err
		}},
		{"UpsertCommunity", false, func(ctx context.Context) error {
			_, err := s.Communities.UpsertCommunity(ctx, &passerelles.Community{Code: next(), Name: "C"})
			return err
		}},
		{"GrantRole", false, func(ctx context.Context) error {
			return s.Users.GrantAccessRole(ctx, target.Agent.ID, passerelles.AccessManager)
		}},
		{"RevokeRole", false, func(ctx context.Context) error {
			return s.Users.RevokeAccessRole(ctx, target.Agent.ID, passerelles.AccessManager)
		}},
		{"SignIn", true, func(ctx context.Context) error {
			_, err := s.Users.SignIn(ctx, passerelles.Identity{Issuer: "i", Subject: next()}, nil)
			return err
		}},
		{"ImportAgents", true, func(ctx context.Context) error {
			_, err := s.Agents.ImportAgents(ctx, []*passerelles.Agent{{Issuer: "demo", Subject: next()}})
			return err
		}},
		{"ImportMembers", true, func(ctx context.Context) error {
			_, err := s.Communities.ImportMembers(ctx, nil)
			return err
		}},
		{"ImportEvents", true, func(ctx context.Context) error {
			_, err := s.Events.ImportEvents(ctx, nil)
			return err
		}},
	}
	for _, op := range ops {
		for _, c := range callers {
			t.Run(op.name+"/"+c.name, func(t *testing.T) {
				want := ""
				switch {
				case c.name == "System":
				case op.systemOnly:
					want = passerelles.EFORBIDDEN
				case c.name == "Admin":
				case c.name == "Anonymous":
					want = passerelles.EUNAUTHENTICATED
				default:
					want = passerelles.EFORBIDDEN
				}
				if got := passerelles.ErrorCode(op.do(c.ctx)); got != want {
					t.Fatalf("code = %q, want %q", got, want)
				}
			})
		}
	}
}
