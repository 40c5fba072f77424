package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"passerelles"
	"passerelles/seed"
	"passerelles/sqlite"
)

// testClock is a fixed clock that tests move forward.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}
func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// profileFixture is a database with the real referentials loaded, a fixed clock and a raw
// connection for the checks that the domain does not expose.
type profileFixture struct {
	path  string // the database file
	db    *sqlite.DB
	svc   *sqlite.ProfileService
	all   passerelles.Services
	clock *testClock
	raw   *sql.DB

	pix11, pix12, pix13, pix21, pix22, pix31 int64 // Pix competences, levels 1–8
	ecfA1                                    int64 // e-CF A.1, defined at e-4 and e-5 only
	orgA, orgH                               int64 // organisations; profiles hide from orgH
	region                                   int64
	role, role2                              int64
	grade                                    string
	community                                int64
}

func MustOpenProfileFixture(tb testing.TB) *profileFixture {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(tb.TempDir(), "profile.db")
	f := &profileFixture{path: path, db: sqlite.NewDB(path), clock: &testClock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}}
	f.db.Now = f.clock.Now
	if err := f.db.Open(ctx); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := f.db.Close(); err != nil {
			tb.Error(err)
		}
	})
	raw, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=on&_busy_timeout=10000")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { raw.Close() })
	f.raw = raw
	f.all = f.db.Services()
	f.svc = sqlite.NewProfileService(f.db)
	if _, err := seed.LoadReferentials(ctx, f.all); err != nil {
		tb.Fatal(err)
	}
	for _, s := range []struct {
		id              *int64
		framework, code string
	}{{&f.pix11, "pix", "1.1"}, {&f.pix12, "pix", "1.2"}, {&f.pix13, "pix", "1.3"}, {&f.pix21, "pix", "2.1"},
		{&f.pix22, "pix", "2.2"}, {&f.pix31, "pix", "3.1"}, {&f.ecfA1, "ecf", "A.1"}} {
		sk, err := f.all.Skills.FindSkillByCode(ctx, s.framework, s.code)
		if err != nil {
			tb.Fatal(err)
		}
		*s.id = sk.ID
	}
	orgs, _, err := f.all.Organisations.FindOrganisations(ctx, passerelles.OrganisationFilter{Page: passerelles.Page{Limit: 2}})
	if err != nil || len(orgs) < 2 {
		tb.Fatalf("organisations: %v %v", orgs, err)
	}
	f.orgA, f.orgH = orgs[0].ID, orgs[1].ID
	regions, _, err := f.all.Organisations.FindRegions(ctx, nil, passerelles.Page{Limit: 1})
	if err != nil || len(regions) == 0 {
		tb.Fatalf("regions: %v", err)
	}
	f.region = regions[0].ID
	roles, _, err := f.all.Roles.FindRoles(ctx, passerelles.RoleFilter{Page: passerelles.Page{Limit: 2}})
	if err != nil || len(roles) < 2 {
		tb.Fatalf("roles: %v", err)
	}
	f.role, f.role2 = roles[0].ID, roles[1].ID
	grades, err := f.all.Organisations.FindGrades(ctx)
	if err != nil || len(grades) == 0 {
		tb.Fatalf("grades: %v", err)
	}
	f.grade = grades[0].Code
	c, err := f.all.Communities.FindCommunityByCode(ctx, "data")
	if err != nil {
		tb.Fatal(err)
	}
	f.community = c.ID
	return f
}

// MustSignIn creates an agent through the sign-in service, grants them roles, puts them in
// an organisation and returns their id and a context signed in as them.
func (f *profileFixture) MustSignIn(tb testing.TB, name string, org int64, roles ...passerelles.AccessRole) (int64, context.Context) {
	tb.Helper()
	m, err := f.all.Users.SignIn(system, passerelles.Identity{Issuer: "https://idp.test", Subject: name, GivenName: name,
		UsualName: "Test", Email: name + "@example.gouv.fr"}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	id := m.Agent.ID
	for _, r := range roles {
		if err := f.all.Users.GrantAccessRole(system, id, r); err != nil {
			tb.Fatal(err)
		}
	}
	ctx := passerelles.NewContextWithUser(context.Background(), &passerelles.User{AgentID: id, OrganisationID: org,
		AccessRoles: append([]passerelles.AccessRole{passerelles.AccessAgent}, roles...)})
	if org != 0 {
		if _, err := f.svc.UpdateProfile(ctx, passerelles.ProfileUpdate{OrganisationID: &org}); err != nil {
			tb.Fatal(err)
		}
	}
	return id, ctx
}

// MustSetVisibility sets the profile's visibility and the organisations it hides from.
func MustSetVisibility(tb testing.TB, svc *sqlite.ProfileService, ctx context.Context, v passerelles.Visibility, hiddenFrom ...int64) {
	tb.Helper()
	if hiddenFrom == nil {
		hiddenFrom = []int64{}
	}
	if _, err := svc.UpdateProfile(ctx, passerelles.ProfileUpdate{Visibility: &v, HiddenFrom: &hiddenFrom}); err != nil {
		tb.Fatal(err)
	}
}

// MustDeclare declares a skill at a level.
func MustDeclare(tb testing.TB, svc *sqlite.ProfileService, ctx context.Context, skillID int64, level int) *passerelles.DeclaredSkill {
	tb.Helper()
	d, err := svc.DeclareSkill(ctx, passerelles.SkillDeclaration{SkillID: skillID, Level: level, CurrentUse: true})
	if err != nil {
		tb.Fatal(err)
	}
	return d
}
func (f *profileFixture) count(tb testing.TB, query string, args ...any) int {
	tb.Helper()
	var n int
	if err := f.raw.QueryRow(query, args...).Scan(&n); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return n
}

// snapshot summarises every row a profile operation may write, to prove that a refused
// operation wrote nothing — but for views of the profile, which a refusal on a visible
// profile records (see TestRefusalsAreRecordedViews).
func (f *profileFixture) snapshot(tb testing.TB) string {
	tb.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT group_concat(id || quote(bio) || quote(organisation_id) || quote(region_id) || quote(grade_code) || quote(current_role_id) || visibility || quote(visibility_chosen_at) || updated_at, ';') FROM agents`,
		`SELECT group_concat(agent_id || ':' || skill_id || ':' || level || ':' || current_use || ':' || wants_to_develop || ':' || quote(top_rank) || ':' || quote(validated_level) || ':' || updated_at, ';') FROM agent_skills`,
		`SELECT group_concat(agent_id || ':' || skill_id || ':' || version || ':' || quote(valid_to), ';') FROM agent_skill_history`,
		`SELECT group_concat(id || quote(title) || quote(score), ';') FROM agent_skill_evidence`,
		`SELECT group_concat(skill_id || ':' || level || ':' || agents, ';') FROM skill_level_counts`,
		`SELECT COUNT(*) FROM endorsements`,
		`SELECT COUNT(*) FROM agent_hidden_organisations`,
		`SELECT COUNT(*) FROM agent_mobility_families`,
		`SELECT COUNT(*) FROM agent_mobility_regions`,
		`SELECT COUNT(*) FROM agent_target_roles`,
		`SELECT COUNT(*) FROM audit_log WHERE action <> 'PROFILE_VIEWED'`,
	} {
		var s sql.NullString
		if err := f.raw.QueryRow(q).Scan(&s); err != nil {
			tb.Fatalf("%s: %v", q, err)
		}
		b.WriteString(s.String + "\n")
	}
	return b.String()
}

// assertConsistent checks the invariants every operation keeps: skill_level_counts agrees
// with the declarations, each declaration has exactly one version in force, and SQLite's
// and FTS5's integrity checks pass.
func (f *profileFixture) assertConsistent(tb testing.TB) {
	tb.Helper()
	if n := f.count(tb, `SELECT COUNT(*) FROM (
		SELECT skill_id, level, COUNT(*) AS n FROM agent_skills GROUP BY skill_id, level) d
		FULL JOIN (SELECT skill_id, level, agents FROM skill_level_counts WHERE agents > 0) c USING (skill_id, level)
		WHERE d.n IS NOT c.agents`); n != 0 {
		tb.Errorf("skill_level_counts disagrees with agent_skills on %d (skill, level)", n)
	}
	if n := f.count(tb, `SELECT COUNT(*) FROM agent_skills s WHERE (SELECT COUNT(*) FROM agent_skill_history h
		WHERE h.agent_id = s.agent_id AND h.skill_id = s.skill_id AND h.valid_to IS NULL) <> 1`); n != 0 {
		tb.Errorf("%d declarations without exactly one version in force", n)
	}
	if err := f.db.CheckIntegrity(context.Background()); err != nil {
		tb.Error(err)
	}
}
func code(err error) string { return passerelles.ErrorCode(err) }
func ptr[T any](v T) *T     { return &v }
func TestProfileUpdate(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustSignIn(t, "camille", 0)
	bio := "Cheffe de projet, passionnée par les données ouvertes et la cartographie participative."
	p, err := f.svc.UpdateProfile(ctx, passerelles.ProfileUpdate{
		OrganisationID: &f.orgA, RegionID: &f.region, GradeCode: &f.grade, CurrentRoleID: &f.role, Bio: &bio,
		OpenToMobility: ptr(true), WillingToMentor: ptr(true),
		MobilityFamilies:  &[]passerelles.RoleFamily{passerelles.RoleFamilyDigital, passerelles.RoleFamilyDigital},
		MobilityRegionIDs: &[]int64{f.region}, TargetRoleIDs: &[]int64{f.role2, f.role}, HiddenFrom: &[]int64{f.orgH},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("ReturnsTheProfile", func(t *testing.T) {
		a := p.Agent
		if a.ID != me || a.OrganisationID != f.orgA || a.RegionID != f.region || a.GradeCode != f.grade || a.CurrentRoleID != f.role ||
			a.Bio != bio || !a.OpenToMobility || !a.WillingToMentor || a.Email != "camille@example.gouv.fr" {
			t.Fatalf("agent = %+v", a)
		}
		if !reflect.DeepEqual(p.MobilityFamilies, []passerelles.RoleFamily{passerelles.RoleFamilyDigital}) ||
			!reflect.DeepEqual(p.MobilityRegionIDs, []int64{f.region}) || len(p.TargetRoleIDs) != 2 ||
			!reflect.DeepEqual(p.HiddenFrom, []int64{f.orgH}) {
			t.Fatalf("lists = %v %v %v %v", p.MobilityFamilies, p.MobilityRegionIDs, p.TargetRoleIDs, p.HiddenFrom)
		}
		if p.VisibilityChosen || p.Agent.Visibility != passerelles.VisibilityPrivate {
			t.Fatalf("visibility = %s chosen %v, want PRIVATE not chosen", p.Agent.Visibility, p.VisibilityChosen)
		}
	})
	t.Run("NotOnboardedBeforeChoosingVisibility", func(t *testing.T) {
		if n := f.count(t, `SELECT COUNT(*) FROM agents WHERE id = ? AND onboarded_at IS NULL`, me); n != 1 {
			t.Fatal("onboarded before choosing a visibility")
		}
	})
	t.Run("VisibilityEndsOnboarding", func(t *testing.T) {
		f.clock.Advance(time.Minute)
		p, err := f.svc.UpdateProfile(ctx, passerelles.ProfileUpdate{Visibility: ptr(passerelles.VisibilityManagers)})
		if err != nil {
			t.Fatal(err)
		}
		if !p.VisibilityChosen || p.Agent.Visibility != passerelles.VisibilityManagers {
			t.Fatalf("visibility = %s chosen %v", p.Agent.Visibility, p.VisibilityChosen)
		}
		at := f.clock.Now().UnixMilli()
		if n := f.count(t, `SELECT COUNT(*) FROM agents WHERE id = ? AND onboarded_at = ? AND visibility_chosen_at = ?`, me, at, at); n != 1 {
			t.Fatal("onboarded_at or visibility_chosen_at not set")
		}
		// A later choice keeps the first onboarding date.
		f.clock.Advance(time.Minute)
		if _, err := f.svc.UpdateProfile(ctx, passerelles.ProfileUpdate{Visibility: ptr(passerelles.VisibilityAllAgents)}); err != nil {
			t.Fatal(err)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM agents WHERE id = ? AND onboarded_at = ?`, me, at); n != 1 {
			t.Fatal("onboarded_at moved")
		}
	})
	t.Run("ListsAreReplaced", func(t *testing.T) {
		p, err := f.svc.UpdateProfile(ctx, passerelles.ProfileUpdate{TargetRoleIDs: &[]int64{f.role2}, HiddenFrom: &[]int64{},
			MobilityFamilies: &[]passerelles.RoleFamily{passerelles.RoleFamilyBusiness}})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(p.TargetRoleIDs, []int64{f.role2}) || len(p.HiddenFrom) != 0 ||
			!reflect.DeepEqual(p.MobilityFamilies, []passerelles.RoleFamily{passerelles.RoleFamilyBusiness}) ||
			!reflect.DeepEqual(p.MobilityRegionIDs, []int64{f.region}) {
			t.Fatalf("lists = %v %v %v %v", p.TargetRoleIDs, p.HiddenFrom, p.MobilityFamilies, p.MobilityRegionIDs)
		}
	})
	t.Run("ZeroClearsAReference", func(t *testing.T) {
		p, err := f.svc.UpdateProfile(ctx, passerelles.ProfileUpdate{CurrentRoleID: ptr(int64(0)), GradeCode: ptr("")})
		if err != nil {
			t.Fatal(err)
		}
		if p.Agent.CurrentRoleID != 0 || p.Agent.GradeCode != "" || p.Agent.OrganisationID != f.orgA {
			t.Fatalf("agent = %+v", p.Agent)
		}
	})
	t.Run("BioIsSearchable", func(t *testing.T) {
		if n := f.count(t, `SELECT COUNT(*) FROM agents_fts WHERE agents_fts MATCH 'cartographie'`); n != 1 {
			t.Fatalf("bio word found %d times in agents_fts, want 1", n)
		}
		if _, err := f.svc.UpdateProfile(ctx, passerelles.ProfileUpdate{Bio: ptr("Urbaniste des systèmes d’information.")}); err != nil {
			t.Fatal(err)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM agents_fts WHERE agents_fts MATCH 'cartographie'`); n != 0 {
			t.Fatal("the old bio is still indexed")
		}
		if n := f.count(t, `SELECT COUNT(*) FROM agents_fts WHERE agents_fts MATCH 'urbaniste'`); n != 1 {
			t.Fatal("the new bio is not indexed")
		}
	})

	long := strings.Repeat("é", passerelles.MaxBioLength+1)
	for _, tc := range []struct {
		name string
		ctx  context.Context
		upd  passerelles.ProfileUpdate
		want string
	}{
		{"ErrBioTooLong", ctx, passerelles.ProfileUpdate{Bio: &long}, passerelles.EINVALID},
		{"ErrUnknownOrganisation", ctx, passerelles.ProfileUpdate{Bio: ptr("x"), OrganisationID: ptr(int64(99999))}, passerelles.EINVALID},
		{"ErrUnknownRegion", ctx, passerelles.ProfileUpdate{Bio: ptr("x"), RegionID: ptr(int64(99999))}, passerelles.EINVALID},
		{"ErrUnknownGrade", ctx, passerelles.ProfileUpdate{Bio: ptr("x"), GradeCode: ptr("Z9")}, passerelles.EINVALID},
		{"ErrUnknownCurrentRole", ctx, passerelles.ProfileUpdate{Bio: ptr("x"), CurrentRoleID: ptr(int64(99999))}, passerelles.EINVALID},
		{"ErrUnknownTargetRole", ctx, passerelles.ProfileUpdate{Bio: ptr("x"), TargetRoleIDs: &[]int64{f.role, 99999}}, passerelles.EINVALID},
		{"ErrUnknownMobilityRegion", ctx, passerelles.ProfileUpdate{Bio: ptr("x"), MobilityRegionIDs: &[]int64{99999}}, passerelles.EINVALID},
		{"ErrUnknownHiddenOrganisation", ctx, passerelles.ProfileUpdate{Bio: ptr("x"), HiddenFrom: &[]int64{f.orgH, 99999}}, passerelles.EINVALID},
		{"ErrUnknownVisibility", ctx, passerelles.ProfileUpdate{Bio: ptr("x"), Visibility: ptr(passerelles.Visibility("EVERYONE"))}, passerelles.EINVALID},
		{"ErrUnknownFamily", ctx, passerelles.ProfileUpdate{Bio: ptr("x"), MobilityFamilies: &[]passerelles.RoleFamily{"OTHER"}}, passerelles.EINVALID},
		{"ErrTooManyTargets", ctx, passerelles.ProfileUpdate{Bio: ptr("x"), TargetRoleIDs: ptr(make([]int64, 21))}, passerelles.EINVALID},
		{"ErrAnonymous", context.Background(), passerelles.ProfileUpdate{Bio: ptr("x")}, passerelles.EUNAUTHENTICATED},
		{"ErrSystemHasNoProfile", system, passerelles.ProfileUpdate{Bio: ptr("x")}, passerelles.EUNAUTHENTICATED},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := f.snapshot(t)
			f.clock.Advance(time.Second)
			_, err := f.svc.UpdateProfile(tc.ctx, tc.upd)
			if got := code(err); got != tc.want {
				t.Fatalf("code = %q (%v), want %q", got, err, tc.want)
			}
			if after := f.snapshot(t); after != before {
				t.Fatalf("a refused update wrote:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
	f.assertConsistent(t)
}

// TestVisibilityMatrix runs every read of a profile as each kind of viewer against each
// visibility. Every target hides from organisation H.
func TestVisibilityMatrix(t *testing.T) {
	f := MustOpenProfileFixture(t)
	_, asEndorser := f.MustSignIn(t, "endorser", f.orgA)
	MustSetVisibility(t, f.svc, asEndorser, passerelles.VisibilityAllAgents)
	targets := map[passerelles.Visibility]int64{}
	owners := map[passerelles.Visibility]context.Context{}
	for _, v := range []passerelles.Visibility{passerelles.VisibilityPrivate, passerelles.VisibilityManagers, passerelles.VisibilityAllAgents} {
		id, ctx := f.MustSignIn(t, "target-"+string(v), f.orgA)
		MustSetVisibility(t, f.svc, ctx, v, f.orgH)
		MustDeclare(t, f.svc, ctx, f.pix11, 3)
		targets[v], owners[v] = id, ctx
	}
	// Endorse while the targets are visible to agents, then restore their visibility.
	for v, ctx := range owners {
		MustSetVisibility(t, f.svc, ctx, passerelles.VisibilityAllAgents, f.orgH)
		if err := f.svc.EndorseSkill(asEndorser, targets[v], f.pix11); err != nil {
			t.Fatal(err)
		}
		MustSetVisibility(t, f.svc, ctx, v, f.orgH)
	}
	_, asAgent := f.MustSignIn(t, "agent", f.orgA)
	_, asManager := f.MustSignIn(t, "manager", f.orgA, passerelles.AccessManager)
	_, asAdmin := f.MustSignIn(t, "admin", f.orgA, passerelles.AccessAdmin)
	_, asHiddenAgent := f.MustSignIn(t, "hidden-agent", f.orgH)
	_, asHiddenManager := f.MustSignIn(t, "hidden-manager", f.orgH, passerelles.AccessManager)

	const (
		P = passerelles.VisibilityPrivate
		M = passerelles.VisibilityManagers
		A = passerelles.VisibilityAllAgents
	)
	for _, viewer := range []struct {
		name      string
		ctx       context.Context // nil: the target's owner
		sees      []passerelles.Visibility
		seesEmail bool
	}{
		{"Owner", nil, []passerelles.Visibility{P, M, A}, true},
		{"OtherAgent", asAgent, []passerelles.Visibility{A}, false},
		{"Manager", asManager, []passerelles.Visibility{M, A}, true},
		{"Administrator", asAdmin, []passerelles.Visibility{M, A}, true},
		{"AgentOfHiddenOrganisation", asHiddenAgent, nil, false},
		{"ManagerOfHiddenOrganisation", asHiddenManager, nil, false},
		{"Anonymous", context.Background(), nil, false},
		{"System", system, []passerelles.Visibility{P, M, A}, true},
	} {
		for _, v := range []passerelles.Visibility{P, M, A} {
			t.Run(viewer.name+"/"+string(v), func(t *testing.T) {
				ctx := viewer.ctx
				if ctx == nil {
					ctx = owners[v]
				}
				id := targets[v]
				sees := false
				for _, s := range viewer.sees {
					sees = sees || s == v
				}
				want := passerelles.ENOTFOUND
				if sees {
					want = ""
				} else if viewer.name == "Anonymous" {
					want = passerelles.EUNAUTHENTICATED
				}
				p, err := f.svc.FindProfile(ctx, id)
				if got := code(err); got != want {
					t.Fatalf("FindProfile: code %q, want %q", got, want)
				}
				if err == nil {
					owner := viewer.ctx == nil || viewer.name == "System"
					if got := len(p.HiddenFrom) == 1; got != owner {
						t.Errorf("hidden organisations shown = %v, want %v", got, owner)
					}
					if got := p.Agent.Email != ""; got != viewer.seesEmail {
						t.Errorf("email shown = %v, want %v", got, viewer.seesEmail)
					}
					// Every restricted field, read from the store (the field-level matrix of
					// passerelles.SeeProfile is in the domain's tests).
					for _, fd := range []struct {
						name        string
						shown, want bool
					}{
						{"identity issuer", p.Agent.Issuer != "", owner},
						{"identity subject", p.Agent.Subject != "", owner},
						{"visibility", p.Agent.Visibility == v, owner},
						{"Shown.Email", p.Shown.Email, viewer.seesEmail},
						{"Shown.Identity", p.Shown.Identity, owner},
						{"Shown.Visibility", p.Shown.Visibility, owner},
						{"Shown.HiddenFrom", p.Shown.HiddenFrom, owner},
						{"Shown.RemovedSkills", p.Shown.RemovedSkills, owner},
					} {
						if fd.shown != fd.want {
							t.Errorf("%s shown = %v, want %v", fd.name, fd.shown, fd.want)
						}
					}
					if len(p.Skills) != 1 || p.Skills[0].EndorsementCount != 1 {
						t.Errorf("skills = %+v", p.Skills)
					}
				}
				ps, err := f.svc.FindProfiles(ctx, []int64{id, id})
				if viewer.name == "Anonymous" {
					if code(err) != passerelles.EUNAUTHENTICATED {
						t.Fatalf("FindProfiles: err %v, want UNAUTHENTICATED", err)
					}
				} else if err != nil {
					t.Fatal(err)
				} else if _, ok := ps[id]; ok != sees || len(ps) > 1 {
					t.Fatalf("FindProfiles: returned %v, want the target %v", ps, sees)
				}
				if _, err := f.svc.FindSkillHistory(ctx, id, f.pix11); code(err) != want {
					t.Fatalf("FindSkillHistory: code %q, want %q", code(err), want)
				}
				if _, total, err := f.svc.FindEndorsements(ctx, id, f.pix11); code(err) != want {
					t.Fatalf("FindEndorsements: code %q, want %q", code(err), want)
				} else if err == nil && total != 1 {
					t.Fatalf("FindEndorsements: total %d, want 1", total)
				}
			})
		}
	}
}

// TestFindProfilesMany checks that a list of 100 profiles, some not visible, loads in one
// call; TestFindProfilesStatements (internal) counts its statements.
func TestFindProfilesMany(t *testing.T) {
	f := MustOpenProfileFixture(t)
	_, asAgent := f.MustSignIn(t, "reader", f.orgA)
	var ids []int64
	for i := range 100 {
		id, ctx := f.MustSignIn(t, fmt.Sprintf("member-%03d", i), f.orgA)
		if i%2 == 0 {
			MustSetVisibility(t, f.svc, ctx, passerelles.VisibilityAllAgents)
		}
		MustDeclare(t, f.svc, ctx, f.pix11, 1+i%8)
		ids = append(ids, id)
	}
	ps, err := f.svc.FindProfiles(asAgent, append(ids, 999999))
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 50 {
		t.Fatalf("%d profiles, want the 50 visible ones", len(ps))
	}
	for i, id := range ids {
		if p, ok := ps[id]; ok != (i%2 == 0) || ok && (len(p.Skills) != 1 || p.Skills[0].Level != 1+i%8) {
			t.Fatalf("profile %d: %v", i, p)
		}
	}
}
func TestWholeProfileReads(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustSignIn(t, "owner", f.orgA)
	MustSetVisibility(t, f.svc, ctx, passerelles.VisibilityManagers)
	MustDeclare(t, f.svc, ctx, f.pix11, 3)
	MustDeclare(t, f.svc, ctx, f.pix11, 4)
	MustDeclare(t, f.svc, ctx, f.pix12, 2)
	_, asManager := f.MustSignIn(t, "boss", f.orgA, passerelles.AccessManager)
	if err := f.svc.EndorseSkill(asManager, me, f.pix12); err != nil {
		t.Fatal(err)
	}
	_, asAgent := f.MustSignIn(t, "peer", f.orgA)

	hs, err := f.svc.FindSkillHistories(asManager, []int64{me})
	if err != nil {
		t.Fatal(err)
	}
	if h := hs[me]; len(h[f.pix11]) != 2 || len(h[f.pix12]) != 1 {
		t.Fatalf("histories = %v, want 2 versions of 1.1 and 1 of 1.2", h)
	}
	es, err := f.svc.FindAllEndorsements(ctx, []int64{me})
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := es[me]; !ok || len(e[f.pix12]) != 0 {
		t.Fatalf("the owner sees a private endorser, or not their own profile: %v", es)
	}
	// A profile the viewer may not see is left out of a batch, not an error for the others.
	for name, call := range map[string]func() (int, error){
		"Histories": func() (int, error) {
			out, err := f.svc.FindSkillHistories(asAgent, []int64{me})
			return len(out), err
		},
		"Endorsements": func() (int, error) {
			out, err := f.svc.FindAllEndorsements(asAgent, []int64{me})
			return len(out), err
		},
	} {
		t.Run("NotVisibleLeftOut/"+name, func(t *testing.T) {
			n, err := call()
			if err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Fatalf("%d profiles returned, want the hidden one left out", n)
			}
		})
	}
}
