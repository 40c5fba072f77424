package passerelles_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"passerelles"
)

func TestErrors(t *testing.T) {
	de := passerelles.Errorf(passerelles.ENOTFOUND, "Le métier « %s » n’existe pas.", "X")
	for _, tc := range []struct {
		name          string
		err           error
		code, message string
	}{
		{"Nil", nil, "", ""},
		{"Domain", de, passerelles.ENOTFOUND, "Le métier « X » n’existe pas."},
		{"Wrapped", fmt.Errorf("sqlite: find: %w", de), passerelles.ENOTFOUND, "Le métier « X » n’existe pas."},
		{"Other", errors.New("sqlite: disk I/O error"), passerelles.EINTERNAL, "Erreur interne."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := passerelles.ErrorCode(tc.err); got != tc.code {
				t.Fatalf("code = %q, want %q", got, tc.code)
			}
			if got := passerelles.ErrorMessage(tc.err); got != tc.message {
				t.Fatalf("message = %q, want %q", got, tc.message)
			}
		})
	}
}

func TestPageValidate(t *testing.T) {
	for _, tc := range []struct {
		name      string
		page      passerelles.Page
		wantLimit int
		wantCode  string
	}{
		{"DefaultLimit", passerelles.Page{}, passerelles.DefaultPageSize, ""},
		{"Max", passerelles.Page{Limit: 100}, 100, ""},
		{"ErrTooLarge", passerelles.Page{Limit: 101}, 0, passerelles.EINVALID},
		{"ErrNegativeOffset", passerelles.Page{Offset: -1}, 0, passerelles.EINVALID},
		{"ErrNegativeLimit", passerelles.Page{Limit: -1}, 0, passerelles.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.page.Validate()
			if got := passerelles.ErrorCode(err); got != tc.wantCode {
				t.Fatalf("code = %q, want %q", got, tc.wantCode)
			}
			if err == nil && tc.page.Limit != tc.wantLimit {
				t.Fatalf("limit = %d, want %d", tc.page.Limit, tc.wantLimit)
			}
		})
	}
}

func scale(n int) []passerelles.Level {
	out := make([]passerelles.Level, n)
	for i := range out {
		out[i] = passerelles.Level{Value: i + 1, Code: fmt.Sprint(i + 1), Label: "Niveau"}
	}
	return out
}

func TestValidate(t *testing.T) {
	f := &passerelles.Framework{Code: "pix", Name: "Pix", Levels: scale(8), Domains: []passerelles.Domain{{Code: "1", Name: "Information"}}}
	start := time.Date(2027, 1, 12, 9, 0, 0, 0, time.UTC)
	event := func(mut func(*passerelles.Event)) *passerelles.Event {
		e := &passerelles.Event{CommunityID: 1, Title: "Atelier", Kind: passerelles.EventWorkshop, Status: passerelles.EventPublished,
			Format: passerelles.EventOnsite, Address: "14 avenue Duquesne, Paris", StartsAt: start, EndsAt: start.Add(time.Hour)}
		mut(e)
		return e
	}
	for _, tc := range []struct {
		name string
		v    interface{ Validate() error }
		want string
	}{
		{"FrameworkOK", f, ""},
		{"ErrFrameworkCode", &passerelles.Framework{Code: "a b", Name: "X", Levels: scale(2)}, passerelles.EINVALID},
		{"ErrFrameworkNoLevels", &passerelles.Framework{Code: "x", Name: "X"}, passerelles.EINVALID},
		{"ErrFrameworkLevelsGap", &passerelles.Framework{Code: "x", Name: "X", Levels: []passerelles.Level{{Value: 1, Code: "1", Label: "a"}, {Value: 3, Code: "3", Label: "c"}}}, passerelles.EINVALID},
		{"ErrFrameworkDuplicateDomain", &passerelles.Framework{Code: "x", Name: "X", Levels: scale(2), Domains: []passerelles.Domain{{Code: "a", Name: "A"}, {Code: "a", Name: "B"}}}, passerelles.EINVALID},
		{"ErrFrameworkLongName", &passerelles.Framework{Code: "x", Name: strings.Repeat("é", 201), Levels: scale(2)}, passerelles.EINVALID},
		{"RoleOK", &passerelles.Role{Code: "D03", Title: "Développeur", Family: passerelles.RoleFamilyDigital, RomeCode: "M1805"}, ""},
		{"ErrRoleFamily", &passerelles.Role{Code: "D03", Title: "Développeur", Family: "OTHER"}, passerelles.EINVALID},
		{"ErrRoleRome", &passerelles.Role{Code: "D03", Title: "Développeur", Family: passerelles.RoleFamilyDigital, RomeCode: "1805"}, passerelles.EINVALID},
		{"ErrRoleWeight", &passerelles.Role{Code: "D03", Title: "D", Family: passerelles.RoleFamilyDigital, RequiredSkills: []passerelles.RequiredSkill{{SkillID: 1, Level: 3, Weight: 4}}}, passerelles.EINVALID},
		{"ErrRoleSkillTwice", &passerelles.Role{Code: "D03", Title: "D", Family: passerelles.RoleFamilyDigital, RequiredSkills: []passerelles.RequiredSkill{{SkillID: 1, Level: 3, Weight: 1}, {SkillID: 1, Level: 2, Weight: 1}}}, passerelles.EINVALID},
		{"TransitionOK", &passerelles.Transition{FromRoleID: 1, ToRoleID: 2, Kind: passerelles.TransitionKindPromotion}, ""},
		{"ErrTransitionLoop", &passerelles.Transition{FromRoleID: 1, ToRoleID: 1, Kind: passerelles.TransitionKindClose}, passerelles.EINVALID},
		{"ErrTransitionKind", &passerelles.Transition{FromRoleID: 1, ToRoleID: 2, Kind: "FAR"}, passerelles.EINVALID},
		{"OrganisationOK", &passerelles.Organisation{Code: "DGT", Name: "Direction générale du travail", Type: passerelles.OrganisationCentral, MinistryID: 1}, ""},
		{"ErrOrganisationType", &passerelles.Organisation{Code: "DGT", Name: "DGT", Type: "MAIRIE", MinistryID: 1}, passerelles.EINVALID},
		{"CommunityOK", &passerelles.Community{Code: "data", Name: "Communauté Data"}, ""},
		{"ErrCommunityName", &passerelles.Community{Code: "data"}, passerelles.EINVALID},
		{"EventOK", event(func(*passerelles.Event) {}), ""},
		{"ErrEventEndsBeforeStart", event(func(e *passerelles.Event) { e.EndsAt = start.Add(-time.Hour) }), passerelles.EINVALID},
		{"ErrEventDeadlineAfterStart", event(func(e *passerelles.Event) { e.RegistrationDeadline = start.Add(time.Hour) }), passerelles.EINVALID},
		{"ErrEventTimeZone", event(func(e *passerelles.Event) { e.TimeZone = "Mars/Olympus" }), passerelles.EINVALID},
		{"ErrEventCapacity", event(func(e *passerelles.Event) { e.Capacity = -1 }), passerelles.EINVALID},
		{"ErrEventOnsiteWithoutAddress", event(func(e *passerelles.Event) { e.Address = "" }), passerelles.EINVALID},
		{"ErrEventOnlineWithoutLink", event(func(e *passerelles.Event) { e.Format = passerelles.EventOnline }), passerelles.EINVALID},
		{"ErrEventOnlineHTTPLink", event(func(e *passerelles.Event) {
			e.Format, e.OnlineURL = passerelles.EventOnline, "http://visio.example/salle"
		}), passerelles.EINVALID},
		{"EventOnline", event(func(e *passerelles.Event) {
			e.Format, e.Address, e.OnlineURL = passerelles.EventOnline, "", "https://visio.example/salle"
		}), ""},
		{"AgentOK", &passerelles.Agent{Issuer: "i", Subject: "s", Skills: []passerelles.AgentSkill{{SkillID: 1, Level: 2, TopRank: 1}}}, ""},
		{"ErrAgentSixthTopRank", &passerelles.Agent{Issuer: "i", Subject: "s", Skills: []passerelles.AgentSkill{{SkillID: 1, Level: 2, TopRank: 6}}}, passerelles.EINVALID},
		{"ErrAgentSameTopRank", &passerelles.Agent{Issuer: "i", Subject: "s", Skills: []passerelles.AgentSkill{{SkillID: 1, Level: 2, TopRank: 1}, {SkillID: 2, Level: 2, TopRank: 1}}}, passerelles.EINVALID},
		{"ErrAgentVisibility", &passerelles.Agent{Issuer: "i", Subject: "s", Visibility: "PUBLIC"}, passerelles.EINVALID},
		{"IdentityOK", &passerelles.Identity{Issuer: "https://idp", Subject: "abc"}, ""},
		{"ErrIdentityNoSubject", &passerelles.Identity{Issuer: "https://idp"}, passerelles.EINVALID},
		{"ErrIdentityLongSiret", &passerelles.Identity{Issuer: "https://idp", Subject: "s", Siret: strings.Repeat("1", 21)}, passerelles.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := passerelles.ErrorCode(tc.v.Validate()); got != tc.want {
				t.Fatalf("code = %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("SkillLevels", func(t *testing.T) {
		s := &passerelles.Skill{Code: "A.1", Name: "Alignement", DefinedLevels: []int{4, 5}}
		ecf := &passerelles.Framework{Code: "ecf", Name: "e-CF", Levels: scale(5)}
		if err := s.Validate(ecf); err != nil {
			t.Fatal(err)
		}
		if s.HasLevel(ecf, 3) || !s.HasLevel(ecf, 4) || s.HasLevel(ecf, 6) {
			t.Fatal("HasLevel disagrees with the defined levels")
		}
		bad := &passerelles.Skill{Code: "A.1", Name: "A", DefinedLevels: []int{5, 6}}
		if got := passerelles.ErrorCode(bad.Validate(ecf)); got != passerelles.EINVALID {
			t.Fatalf("level off the scale: code %q", got)
		}
	})
	t.Run("Grantable", func(t *testing.T) {
		for r, want := range map[passerelles.AccessRole]string{passerelles.AccessManager: "", passerelles.AccessAdmin: "",
			passerelles.AccessAgent: passerelles.EINVALID, "ROOT": passerelles.EINVALID} {
			if got := passerelles.ErrorCode(passerelles.ValidateGrantableAccessRole(r)); got != want {
				t.Fatalf("%s: code %q, want %q", r, got, want)
			}
		}
	})
}

func TestUserHas(t *testing.T) {
	var nobody *passerelles.User
	manager := &passerelles.User{AgentID: 1, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessManager}}
	system := &passerelles.User{System: true}
	if nobody.Has(passerelles.AccessAgent) || !manager.Has(passerelles.AccessManager) || manager.Has(passerelles.AccessAdmin) || !system.Has(passerelles.AccessAdmin) {
		t.Fatal("Has disagrees with the roles held")
	}
}

func TestCanSeeProfile(t *testing.T) {
	const hiddenOrg, otherOrg = 7, 8
	owner := &passerelles.User{AgentID: 1, OrganisationID: otherOrg, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent}}
	agent := &passerelles.User{AgentID: 2, OrganisationID: otherOrg, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent}}
	manager := &passerelles.User{AgentID: 3, OrganisationID: otherOrg, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessManager}}
	admin := &passerelles.User{AgentID: 4, OrganisationID: otherOrg, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessAdmin}}
	hiddenManager := &passerelles.User{AgentID: 5, OrganisationID: hiddenOrg, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessManager}}
	hiddenAgent := &passerelles.User{AgentID: 6, OrganisationID: hiddenOrg, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent}}
	system := &passerelles.User{System: true}
	unasserted := &passerelles.User{AgentID: 9, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessManager}}
	viewers := []struct {
		name string
		u    *passerelles.User
	}{{"Anonymous", nil}, {"Owner", owner}, {"OtherAgent", agent}, {"Manager", manager}, {"Admin", admin},
		{"ManagerOfHiddenOrganisation", hiddenManager}, {"AgentOfHiddenOrganisation", hiddenAgent}, {"System", system},
		{"ManagerWithoutAssertedOrganisation", unasserted}}
	want := map[passerelles.Visibility][]bool{
		//                                  anon   owner  agent  mgr    admin  hidMgr hidAg  system unasserted
		passerelles.VisibilityPrivate:   {false, true, false, false, false, false, false, true, false},
		passerelles.VisibilityManagers:  {false, true, false, true, true, false, false, true, false},
		passerelles.VisibilityAllAgents: {false, true, true, true, true, false, false, true, false},
	}
	for vis, row := range want {
		for i, v := range viewers {
			t.Run(string(vis)+"/"+v.name, func(t *testing.T) {
				a := &passerelles.Agent{ID: 1, Visibility: vis}
				if got := passerelles.CanSeeProfile(v.u, a, []int64{hiddenOrg}); got != row[i] {
					t.Fatalf("CanSeeProfile = %v, want %v", got, row[i])
				}
				// Without exclusions, an unasserted organisation does not matter.
				if v.u == unasserted {
					want := vis != passerelles.VisibilityPrivate
					if got := passerelles.CanSeeProfile(v.u, a, nil); got != want {
						t.Fatalf("without exclusions: CanSeeProfile = %v, want %v", got, want)
					}
				}
			})
		}
	}
}

func TestUserIsManagerOrAdmin(t *testing.T) {
	for _, tc := range []struct {
		name string
		u    *passerelles.User
		want bool
	}{
		{"Nobody", nil, false},
		{"Agent", &passerelles.User{AgentID: 1, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent}}, false},
		{"Manager", &passerelles.User{AgentID: 1, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessManager}}, true},
		{"Admin", &passerelles.User{AgentID: 1, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessAdmin}}, true},
		{"System", &passerelles.User{System: true}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.u.IsManagerOrAdmin(); got != tc.want {
				t.Fatalf("IsManagerOrAdmin = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestSeeProfileFields is the field-level visibility matrix: for each viewer, each
// visibility and each restricted field of a profile, whether SeeProfile lets the viewer
// read it. A profile the viewer may not see is withheld whole.
func TestSeeProfileFields(t *testing.T) {
	const ownerID, org = 1, 8
	roles := func(r ...passerelles.AccessRole) []passerelles.AccessRole {
		return append([]passerelles.AccessRole{passerelles.AccessAgent}, r...)
	}
	viewers := []struct {
		name string
		u    *passerelles.User
	}{
		{"Anonymous", nil},
		{"Owner", &passerelles.User{AgentID: ownerID, OrganisationID: org, AccessRoles: roles()}},
		{"OwnerManager", &passerelles.User{AgentID: ownerID, OrganisationID: org, AccessRoles: roles(passerelles.AccessManager)}},
		{"Agent", &passerelles.User{AgentID: 2, OrganisationID: org, AccessRoles: roles()}},
		{"Manager", &passerelles.User{AgentID: 3, OrganisationID: org, AccessRoles: roles(passerelles.AccessManager)}},
		{"Admin", &passerelles.User{AgentID: 4, OrganisationID: org, AccessRoles: roles(passerelles.AccessAdmin)}},
		{"System", &passerelles.User{System: true}},
	}
	type field struct {
		name  string
		shown func(*passerelles.Profile) bool // the value is there
		flag  func(passerelles.ProfileFields) bool
	}
	fields := []field{
		{"Email", func(p *passerelles.Profile) bool { return p.Agent.Email != "" }, func(f passerelles.ProfileFields) bool { return f.Email }},
		{"Issuer", func(p *passerelles.Profile) bool { return p.Agent.Issuer != "" }, func(f passerelles.ProfileFields) bool { return f.Identity }},
		{"Subject", func(p *passerelles.Profile) bool { return p.Agent.Subject != "" }, func(f passerelles.ProfileFields) bool { return f.Identity }},
		{"UID", func(p *passerelles.Profile) bool { return p.Agent.UID != "" }, func(f passerelles.ProfileFields) bool { return f.Identity }},
		{"IdpID", func(p *passerelles.Profile) bool { return p.Agent.IdpID != "" }, func(f passerelles.ProfileFields) bool { return f.Identity }},
		{"AssertedOrganisation", func(p *passerelles.Profile) bool { return p.Agent.AssertedOrganisationID != 0 }, func(f passerelles.ProfileFields) bool { return f.Identity }},
		{"Visibility", func(p *passerelles.Profile) bool { return p.Agent.Visibility != "" }, func(f passerelles.ProfileFields) bool { return f.Visibility }},
		{"HiddenFrom", func(p *passerelles.Profile) bool { return p.HiddenFrom != nil }, func(f passerelles.ProfileFields) bool { return f.HiddenFrom }},
	}
	// want[visibility][viewer] is "" when the profile is withheld, else the fields read:
	// E email, I identity, V visibility, H hidden organisations.
	want := map[passerelles.Visibility][]string{
		//                                anon owner   ownerMgr agent mgr  admin system
		passerelles.VisibilityPrivate:   {"", "EIVH", "EIVH", "", "", "", "EIVH"},
		passerelles.VisibilityManagers:  {"", "EIVH", "EIVH", "", "E", "E", "EIVH"},
		passerelles.VisibilityAllAgents: {"", "EIVH", "EIVH", "-", "E", "E", "EIVH"},
	}
	letter := map[string]string{"Email": "E", "Issuer": "I", "Subject": "I", "UID": "I", "IdpID": "I",
		"AssertedOrganisation": "I", "Visibility": "V", "HiddenFrom": "H"}
	for vis, row := range want {
		for i, v := range viewers {
			for _, fd := range fields {
				t.Run(string(vis)+"/"+v.name+"/"+fd.name, func(t *testing.T) {
					p := &passerelles.Profile{Agent: &passerelles.Agent{ID: ownerID, Issuer: "https://idp", Subject: "s", UID: "u",
						IdpID: "idp", AssertedOrganisationID: org, Email: "a@b.fr", Visibility: vis, GivenName: "Ada"},
						HiddenFrom: []int64{}}
					got := passerelles.SeeProfile(v.u, p)
					if (got != nil) != (row[i] != "") {
						t.Fatalf("profile seen = %v, want %v", got != nil, row[i] != "")
					}
					if got == nil {
						return
					}
					if got.Agent.GivenName != "Ada" {
						t.Fatal("a public field was blanked")
					}
					wantField := strings.Contains(row[i], letter[fd.name])
					if fd.shown(got) != wantField {
						t.Errorf("%s read = %v, want %v", fd.name, fd.shown(got), wantField)
					}
					if fd.flag(got.Shown) != wantField {
						t.Errorf("Shown for %s = %v, want %v", fd.name, fd.flag(got.Shown), wantField)
					}
					if fd.flag(passerelles.ProfileFieldsFor(v.u, ownerID)) != wantField {
						t.Errorf("ProfileFieldsFor disagrees with SeeProfile on %s", fd.name)
					}
				})
			}
		}
	}
}
