package sqlite_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"passerelles"
)

// TestFindUsers: administrators find people by name, accents, case and compatibility
// forms ignored on both sides (passerelles.FoldForSearch), each word as a prefix of a word
// of the given or usual name, whatever the profile's visibility; nobody else may.
func TestFindUsers(t *testing.T) {
	db := MustOpenDB(t)
	s := db.Services()
	sign := func(subject, given, usual string, admins ...string) *passerelles.User {
		t.Helper()
		u, err := s.Users.SignIn(system, passerelles.Identity{Issuer: "i", Subject: subject, GivenName: given, UsualName: usual}, admins)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	admin := sign("admin", "Ada", "Lovelace", "admin")
	elodie := sign("elodie", "Élodie", "Lefèvre")
	jean := sign("jean", "Jean-Pierre", "Cœur")
	strasse := sign("strasse", "Hans", "Straße")
	sign("marc", "Marc", "Martin")
	sign("martine", "Martine", "Durand")
	for _, given := range []string{"Emma", "Claire", "Anne", "Denis", "Bruno"} {
		sign("dupont-"+given, given, "Dupont")
	}
	if err := s.Users.GrantAccessRole(system, jean.Agent.ID, passerelles.AccessManager); err != nil {
		t.Fatal(err)
	}
	as := func(u *passerelles.User) context.Context {
		return passerelles.NewContextWithUser(context.Background(), u)
	}
	adminCtx := as(admin)
	// A demo agent (who can never sign in) is not among the people an administrator finds,
	// and cannot be given a role.
	t.Run("DemoAgentsLeftOut", func(t *testing.T) {
		demo := &passerelles.Agent{Issuer: passerelles.DemoIssuer, Subject: "demo-elodie", GivenName: "Élodie", UsualName: "Démo",
			Visibility: passerelles.VisibilityAllAgents}
		if n, err := s.Agents.ImportAgents(system, []*passerelles.Agent{demo}); err != nil || n != 1 || demo.ID == 0 {
			t.Fatalf("import: %d, %v, id %d", n, err, demo.ID)
		}
		us, total, err := s.Users.FindUsers(adminCtx, passerelles.UserFilter{Search: "elodie", Page: passerelles.Page{Limit: 10}})
		if err != nil || total != 1 || len(us) != 1 || us[0].Agent.ID != elodie.Agent.ID {
			t.Fatalf("FindUsers(elodie) = %d users (total %d), %v; want the one who signs in", len(us), total, err)
		}
		err = s.Users.GrantAccessRole(adminCtx, demo.ID, passerelles.AccessAdmin)
		if passerelles.ErrorCode(err) != passerelles.EINVALID {
			t.Fatalf("granting ADMIN to a demo agent: %v, want INVALID", err)
		}
	})
	names := func(us []*passerelles.User) string {
		out := make([]string, len(us))
		for i, u := range us {
			out[i] = u.Agent.GivenName + " " + u.Agent.UsualName
		}
		return strings.Join(out, ", ")
	}

	for _, tc := range []struct {
		name, search, want string
	}{
		{"AccentsAndCase", "ELODIE", "Élodie Lefèvre"},
		{"AccentTyped", "lefèvre", "Élodie Lefèvre"},
		{"CombiningAccent", "Le\u0301fe\u0300vre", "Élodie Lefèvre"},
		{"FullWidth", "ｌｅｆｅｖｒｅ", "Élodie Lefèvre"},
		{"SoftHyphen", "Lef\u00adèvre", "Élodie Lefèvre"},
		{"LigatureTypedPlain", "coeur", "Jean-Pierre Cœur"},
		{"LigatureTyped", "Cœur", "Jean-Pierre Cœur"},
		{"SharpS", "strasse", "Hans Straße"},
		{"PrefixOfAnyWordOfTheName", "pier", "Jean-Pierre Cœur"},
		{"EveryWordMustMatch", "mar dur", "Martine Durand"},
		{"OrderedByUsualThenGivenName", "mar", "Martine Durand, Marc Martin"},
		{"NotInsideAWord", "odie", ""},
		{"PunctuationOnly", "--", ""},
		{"NoMatch", "zorro", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, total, err := s.Users.FindUsers(adminCtx, passerelles.UserFilter{Search: tc.search})
			if err != nil {
				t.Fatal(err)
			}
			if names(got) != tc.want || total != len(got) {
				t.Fatalf("FindUsers(%q) = %q (total %d), want %q", tc.search, names(got), total, tc.want)
			}
		})
	}

	t.Run("AccessRolesOfEachUser", func(t *testing.T) {
		roles := map[string][]passerelles.AccessRole{}
		for _, search := range []string{"ada", "martine"} {
			got, _, err := s.Users.FindUsers(adminCtx, passerelles.UserFilter{Search: search})
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range got {
				roles[u.Agent.UsualName] = u.AccessRoles
			}
		}
		if r := roles["Lovelace"]; !slices.Equal(r, []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessAdmin}) {
			t.Fatalf("Lovelace roles = %v", r)
		}
		if r := roles["Durand"]; !slices.Equal(r, []passerelles.AccessRole{passerelles.AccessAgent}) {
			t.Fatalf("Durand roles = %v", r)
		}
		got, _, err := s.Users.FindUsers(adminCtx, passerelles.UserFilter{Search: "jean"})
		if err != nil || len(got) != 1 || !got[0].Has(passerelles.AccessManager) {
			t.Fatalf("Jean-Pierre Cœur = %v, %v; want MANAGER", got, err)
		}
	})

	t.Run("ProfileVisibilityDoesNotNarrow", func(t *testing.T) {
		// Every agent here kept the default PRIVATE visibility, which even administrators
		// cannot read: the search still finds them, to grant them roles.
		got, _, err := s.Users.FindUsers(adminCtx, passerelles.UserFilter{Search: "hans"})
		if err != nil || len(got) != 1 || got[0].Agent.ID != strasse.Agent.ID {
			t.Fatalf("got %v, %v", got, err)
		}
		if got[0].Agent.Subject != "" || got[0].Agent.Bio != "" {
			t.Fatalf("a search result carries more than the identity: %+v", got[0].Agent)
		}
	})

	t.Run("Pages", func(t *testing.T) {
		var seen []string
		for offset := 0; offset < 10; offset += 2 {
			got, total, err := s.Users.FindUsers(adminCtx, passerelles.UserFilter{Search: "dupont", Page: passerelles.Page{Offset: offset, Limit: 2}})
			if err != nil {
				t.Fatal(err)
			}
			if total != 5 {
				t.Fatalf("total = %d at offset %d, want 5", total, offset)
			}
			for _, u := range got {
				seen = append(seen, u.Agent.GivenName)
			}
		}
		if got, want := strings.Join(seen, ","), "Anne,Bruno,Claire,Denis,Emma"; got != want {
			t.Fatalf("pages gave %s, want %s", got, want)
		}
	})

	for _, tc := range []struct {
		name, search, wantField string
	}{
		{"ErrEmpty", "   ", "search"},
		{"ErrInvisibleOnly", "\u200b", "search"},
		{"ErrControlCharacter", "jean\x00", "search"},
		{"ErrBidiControl", "\u202ejean", "search"},
		{"ErrTooLong", strings.Repeat("a", passerelles.MaxUserSearch+1), "search"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := s.Users.FindUsers(adminCtx, passerelles.UserFilter{Search: tc.search})
			if passerelles.ErrorCode(err) != passerelles.EINVALID || passerelles.ErrorField(err) != tc.wantField {
				t.Fatalf("err = %v (field %q), want EINVALID on %q", err, passerelles.ErrorField(err), tc.wantField)
			}
		})
	}

	// Only administrators: every other caller is refused before anything is read.
	for _, tc := range []struct {
		name string
		ctx  context.Context
		want string
	}{
		{"Anonymous", context.Background(), passerelles.EUNAUTHENTICATED},
		{"Agent", as(&passerelles.User{AgentID: elodie.Agent.ID, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent}}), passerelles.EFORBIDDEN},
		{"Manager", as(&passerelles.User{AgentID: jean.Agent.ID, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessManager}}), passerelles.EFORBIDDEN},
		{"Admin", adminCtx, ""},
		{"System", system, ""},
	} {
		t.Run("Role/"+tc.name, func(t *testing.T) {
			got, _, err := s.Users.FindUsers(tc.ctx, passerelles.UserFilter{Search: "élodie"})
			if code := passerelles.ErrorCode(err); code != tc.want {
				t.Fatalf("code = %q, want %q (%v)", code, tc.want, err)
			}
			if tc.want != "" && got != nil {
				t.Fatalf("a refused search returned %s", names(got))
			}
			if tc.want == "" && names(got) != "Élodie Lefèvre" {
				t.Fatalf("got %q", names(got))
			}
		})
	}
}
