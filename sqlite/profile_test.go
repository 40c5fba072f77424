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
	m, err := f.all.SignIn.SignIn(system, passerelles.Identity{Issuer: "https://idp.test", Subject: name, GivenName: name,
		UsualName: "Test", Email: name + "@example.gouv.fr"}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	id := m.Agent.ID
	for _, r := range roles {
		if err := f.all.Access.GrantRole(system, id, r); err != nil {
			tb.Fatal(err)
		}
	}
	ctx := passerelles.NewContextWithUser(context.Background(), &passerelles.User{AgentID: id, OrganisationID: org,
		Roles: append([]passerelles.AccessRole{passerelles.AccessAgent}, roles...)})
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

func ptr[T any](v T) *T { return &v }

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

func TestDeclareSkill(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustSignIn(t, "dominique", f.orgA)
	score := 512
	obtained := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	cert := passerelles.Evidence{Kind: passerelles.EvidenceCertification, Title: "Certification Pix", Score: &score,
		ObtainedOn: &obtained, URL: "https://pix.fr/certificat/123"}

	t.Run("Declare", func(t *testing.T) {
		d, err := f.svc.DeclareSkill(ctx, passerelles.SkillDeclaration{SkillID: f.pix11, Level: 4, CurrentUse: true,
			WantsToDevelop: true, Evidence: []passerelles.Evidence{cert}})
		if err != nil {
			t.Fatal(err)
		}
		if d.SkillID != f.pix11 || d.Level != 4 || !d.CurrentUse || !d.WantsToDevelop || d.TopRank != 0 ||
			!d.DeclaredAt.Equal(f.clock.Now()) || !d.UpdatedAt.Equal(f.clock.Now()) || d.Status() != passerelles.NotValidated {
			t.Fatalf("declared = %+v", d)
		}
		if len(d.Evidence) != 1 || d.Evidence[0].ID == 0 || *d.Evidence[0].Score != 512 || !d.Evidence[0].ObtainedOn.Equal(obtained) ||
			d.Evidence[0].URL != cert.URL || d.Evidence[0].Kind != passerelles.EvidenceCertification {
			t.Fatalf("evidence = %+v", d.Evidence)
		}
		if n := f.count(t, `SELECT agents FROM skill_level_counts WHERE skill_id = ? AND level = 4`, f.pix11); n != 1 {
			t.Fatalf("count at level 4 = %d, want 1", n)
		}
	})
	t.Run("SameDeclarationWritesNothing", func(t *testing.T) {
		before := f.snapshot(t)
		f.clock.Advance(time.Minute)
		if _, err := f.svc.DeclareSkill(ctx, passerelles.SkillDeclaration{SkillID: f.pix11, Level: 4, CurrentUse: true,
			WantsToDevelop: true, Evidence: []passerelles.Evidence{cert}}); err != nil {
			t.Fatal(err)
		}
		if after := f.snapshot(t); after != before {
			t.Fatalf("an unchanged declaration wrote:\n%s\n%s", before, after)
		}
	})
	t.Run("ChangeLevelKeepsEvidenceAndMovesCounts", func(t *testing.T) {
		f.clock.Advance(time.Minute)
		d, err := f.svc.DeclareSkill(ctx, passerelles.SkillDeclaration{SkillID: f.pix11, Level: 6, CurrentUse: false})
		if err != nil {
			t.Fatal(err)
		}
		if d.Level != 6 || d.CurrentUse || d.WantsToDevelop || len(d.Evidence) != 1 || !d.UpdatedAt.Equal(f.clock.Now()) || d.DeclaredAt.Equal(d.UpdatedAt) {
			t.Fatalf("updated = %+v", d)
		}
		if n := f.count(t, `SELECT agents FROM skill_level_counts WHERE skill_id = ? AND level = 4`, f.pix11); n != 0 {
			t.Fatalf("count at old level = %d, want 0", n)
		}
		if n := f.count(t, `SELECT agents FROM skill_level_counts WHERE skill_id = ? AND level = 6`, f.pix11); n != 1 {
			t.Fatalf("count at new level = %d, want 1", n)
		}
	})
	t.Run("EmptyEvidenceClearsIt", func(t *testing.T) {
		f.clock.Advance(time.Minute)
		d, err := f.svc.DeclareSkill(ctx, passerelles.SkillDeclaration{SkillID: f.pix11, Level: 6, Evidence: []passerelles.Evidence{}})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Evidence) != 0 || f.count(t, `SELECT COUNT(*) FROM agent_skill_evidence WHERE agent_id = ?`, me) != 0 {
			t.Fatalf("evidence = %+v", d.Evidence)
		}
	})
	t.Run("ECFAtADefinedLevel", func(t *testing.T) {
		MustDeclare(t, f.svc, ctx, f.ecfA1, 4)
	})

	future := f.clock.Now().Add(48 * time.Hour)
	bad := func(mod func(e *passerelles.Evidence)) []passerelles.Evidence {
		e := cert
		mod(&e)
		return []passerelles.Evidence{e}
	}
	for _, tc := range []struct {
		name string
		ctx  context.Context
		d    passerelles.SkillDeclaration
		want string
	}{
		{"ErrUnknownSkill", ctx, passerelles.SkillDeclaration{SkillID: 999999, Level: 1}, passerelles.EINVALID},
		{"ErrNoSkill", ctx, passerelles.SkillDeclaration{Level: 1}, passerelles.EINVALID},
		{"ErrLevelZero", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 0}, passerelles.EINVALID},
		{"ErrLevelAbovePixScale", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 9}, passerelles.EINVALID},
		{"ErrLevelAboveECFScale", ctx, passerelles.SkillDeclaration{SkillID: f.ecfA1, Level: 6}, passerelles.EINVALID},
		{"ErrECFLevelNotDefinedForSkill", ctx, passerelles.SkillDeclaration{SkillID: f.ecfA1, Level: 2}, passerelles.EINVALID},
		{"ErrChangeToUndefinedLevel", ctx, passerelles.SkillDeclaration{SkillID: f.ecfA1, Level: 3}, passerelles.EINVALID},
		{"ErrEvidenceInTheFuture", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 2,
			Evidence: bad(func(e *passerelles.Evidence) { e.ObtainedOn = &future })}, passerelles.EINVALID},
		{"ErrEvidenceTooLong", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 2,
			Evidence: bad(func(e *passerelles.Evidence) { e.Description = strings.Repeat("a", passerelles.MaxEvidenceText+1) })}, passerelles.EINVALID},
		{"ErrEvidenceWithoutTitle", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 2,
			Evidence: bad(func(e *passerelles.Evidence) { e.Title = "  " })}, passerelles.EINVALID},
		{"ErrPixScore1025", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 2,
			Evidence: bad(func(e *passerelles.Evidence) { e.Score = ptr(1025) })}, passerelles.EINVALID},
		{"ErrPixScoreNegative", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 2,
			Evidence: bad(func(e *passerelles.Evidence) { e.Score = ptr(-1) })}, passerelles.EINVALID},
		{"ErrBadURL", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 2,
			Evidence: bad(func(e *passerelles.Evidence) { e.URL = "javascript:alert(1)" })}, passerelles.EINVALID},
		{"ErrRelativeURL", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 2,
			Evidence: bad(func(e *passerelles.Evidence) { e.URL = "/certificat" })}, passerelles.EINVALID},
		{"ErrUnknownEvidenceKind", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 2,
			Evidence: bad(func(e *passerelles.Evidence) { e.Kind = "DIPLOMA" })}, passerelles.EINVALID},
		{"ErrElevenPiecesOfEvidence", ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 2,
			Evidence: make([]passerelles.Evidence, 11)}, passerelles.EINVALID},
		{"ErrInvalidEvidenceOnExistingSkill", ctx, passerelles.SkillDeclaration{SkillID: f.pix11, Level: 7,
			Evidence: bad(func(e *passerelles.Evidence) { e.Score = ptr(1025) })}, passerelles.EINVALID},
		{"ErrAnonymous", context.Background(), passerelles.SkillDeclaration{SkillID: f.pix12, Level: 2}, passerelles.EUNAUTHENTICATED},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := f.snapshot(t)
			f.clock.Advance(time.Second)
			_, err := f.svc.DeclareSkill(tc.ctx, tc.d)
			if got := code(err); got != tc.want {
				t.Fatalf("code = %q (%v), want %q", got, err, tc.want)
			}
			if after := f.snapshot(t); after != before {
				t.Fatalf("a refused declaration wrote:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
	f.assertConsistent(t)
}

func TestTopSkills(t *testing.T) {
	f := MustOpenProfileFixture(t)
	_, ctx := f.MustSignIn(t, "eugenie", f.orgA)
	skills := []int64{f.pix11, f.pix12, f.pix13, f.pix21, f.pix22, f.pix31}
	for _, id := range skills {
		MustDeclare(t, f.svc, ctx, id, 3)
	}
	ranks := func(t *testing.T) map[int64]int {
		t.Helper()
		p, err := f.svc.FindProfile(ctx, passerelles.UserFromContext(ctx).AgentID)
		if err != nil {
			t.Fatal(err)
		}
		out := map[int64]int{}
		for _, d := range p.Skills {
			if d.TopRank > 0 {
				out[d.SkillID] = d.TopRank
			}
		}
		return out
	}
	t.Run("Rank", func(t *testing.T) {
		if err := f.svc.RankTopSkills(ctx, []int64{f.pix21, f.pix11, f.pix13}); err != nil {
			t.Fatal(err)
		}
		if got, want := ranks(t), map[int64]int{f.pix21: 1, f.pix11: 2, f.pix13: 3}; !reflect.DeepEqual(got, want) {
			t.Fatalf("ranks = %v, want %v", got, want)
		}
	})
	t.Run("SkillsListTopFirst", func(t *testing.T) {
		p, err := f.svc.FindProfile(ctx, passerelles.UserFromContext(ctx).AgentID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Skills[0].SkillID != f.pix21 || p.Skills[1].SkillID != f.pix11 || p.Skills[2].SkillID != f.pix13 {
			t.Fatalf("order = %v", p.Skills)
		}
	})
	t.Run("SwapDespiteUniqueRanks", func(t *testing.T) {
		if err := f.svc.RankTopSkills(ctx, []int64{f.pix11, f.pix21, f.pix22, f.pix12, f.pix31}); err != nil {
			t.Fatal(err)
		}
		if got, want := ranks(t), map[int64]int{f.pix11: 1, f.pix21: 2, f.pix22: 3, f.pix12: 4, f.pix31: 5}; !reflect.DeepEqual(got, want) {
			t.Fatalf("ranks = %v, want %v", got, want)
		}
	})
	t.Run("RemovingATopSkillMovesTheOthersUp", func(t *testing.T) {
		if err := f.svc.RemoveSkill(ctx, f.pix21); err != nil {
			t.Fatal(err)
		}
		if got, want := ranks(t), map[int64]int{f.pix11: 1, f.pix22: 2, f.pix12: 3, f.pix31: 4}; !reflect.DeepEqual(got, want) {
			t.Fatalf("ranks = %v, want %v", got, want)
		}
	})
	t.Run("ClearAll", func(t *testing.T) {
		if err := f.svc.RankTopSkills(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if got := ranks(t); len(got) != 0 {
			t.Fatalf("ranks = %v, want none", got)
		}
	})
	MustDeclare(t, f.svc, ctx, f.pix21, 2)
	if err := f.svc.RankTopSkills(ctx, []int64{f.pix12}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		ctx  context.Context
		ids  []int64
		want string
	}{
		{"ErrSixthTopSkill", ctx, skills, passerelles.EINVALID},
		{"ErrTopSkillNotDeclared", ctx, []int64{f.pix11, f.ecfA1}, passerelles.EINVALID},
		{"ErrUnknownSkill", ctx, []int64{999999}, passerelles.EINVALID},
		{"ErrDuplicate", ctx, []int64{f.pix11, f.pix11}, passerelles.EINVALID},
		{"ErrAnonymous", context.Background(), []int64{f.pix11}, passerelles.EUNAUTHENTICATED},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := f.snapshot(t)
			f.clock.Advance(time.Second)
			if got := code(f.svc.RankTopSkills(tc.ctx, tc.ids)); got != tc.want {
				t.Fatalf("code = %q, want %q", got, tc.want)
			}
			if after := f.snapshot(t); after != before {
				t.Fatalf("a refused ranking wrote:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
	t.Run("ErrRemoveUndeclared", func(t *testing.T) {
		before := f.snapshot(t)
		if got := code(f.svc.RemoveSkill(ctx, f.ecfA1)); got != passerelles.ENOTFOUND {
			t.Fatalf("code = %q, want NOT_FOUND", got)
		}
		if after := f.snapshot(t); after != before {
			t.Fatal("a refused removal wrote")
		}
	})
	f.assertConsistent(t)
}

func TestSkillHistory(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustSignIn(t, "fatou", f.orgA)
	MustSetVisibility(t, f.svc, ctx, passerelles.VisibilityManagers)
	boss, asBoss := f.MustSignIn(t, "boss", f.orgA, passerelles.AccessManager)

	type step struct {
		name   string
		do     func() error
		change passerelles.SkillChange
		level  int
		top    int
		valid  int
		by     int64
	}
	declare := func(level int) func() error {
		return func() error {
			_, err := f.svc.DeclareSkill(ctx, passerelles.SkillDeclaration{SkillID: f.pix11, Level: level})
			return err
		}
	}
	validate := func() error {
		_, err := f.svc.ValidateSkill(asBoss, me, f.pix11, 4, "Niveau 4 constaté en revue annuelle.")
		return err
	}
	steps := []step{
		{"Declare", declare(3), passerelles.SkillDeclared, 3, 0, 0, me},
		{"Update", declare(5), passerelles.SkillUpdated, 5, 0, 0, me},
		{"Rank", func() error { return f.svc.RankTopSkills(ctx, []int64{f.pix11}) }, passerelles.SkillUpdated, 5, 1, 0, me},
		{"Validate", validate, passerelles.SkillValidated, 5, 1, 4, boss},
		{"Remove", func() error { return f.svc.RemoveSkill(ctx, f.pix11) }, passerelles.SkillRemoved, 0, 0, 0, me},
		{"DeclareAgain", declare(2), passerelles.SkillDeclared, 2, 0, 0, me},
	}
	var starts []time.Time
	for _, s := range steps {
		f.clock.Advance(time.Hour)
		starts = append(starts, f.clock.Now())
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
	}
	versions, err := f.svc.FindSkillHistory(ctx, me, f.pix11)
	if err != nil {
		t.Fatal(err)
	}
	if len(versions) != len(steps) {
		t.Fatalf("%d versions, want %d: %+v", len(versions), len(steps), versions)
	}
	for i, v := range versions {
		s := steps[i]
		t.Run(s.name, func(t *testing.T) {
			if v.Version != i+1 || v.Change != s.change || v.Level != s.level || v.TopRank != s.top || v.ValidatedLevel != s.valid || v.ChangedBy != s.by {
				t.Fatalf("version = %+v, want #%d %s level %d top %d validated %d by %d", v, i+1, s.change, s.level, s.top, s.valid, s.by)
			}
			if !v.ValidFrom.Equal(starts[i]) {
				t.Fatalf("valid from %v, want %v", v.ValidFrom, starts[i])
			}
			if i+1 < len(versions) && !v.ValidTo.Equal(versions[i+1].ValidFrom) {
				t.Fatalf("valid to %v, want the next version's start %v", v.ValidTo, versions[i+1].ValidFrom)
			}
			if i+1 == len(versions) && !v.ValidTo.IsZero() {
				t.Fatalf("the last version ends at %v, want open", v.ValidTo)
			}
		})
	}
	t.Run("ValidationComment", func(t *testing.T) {
		if versions[3].Comment != "Niveau 4 constaté en revue annuelle." {
			t.Fatalf("comment = %q", versions[3].Comment)
		}
	})
	t.Run("ErrNeverDeclared", func(t *testing.T) {
		if _, err := f.svc.FindSkillHistory(ctx, me, f.pix31); code(err) != passerelles.ENOTFOUND {
			t.Fatalf("err = %v, want NOT_FOUND", err)
		}
	})
	f.assertConsistent(t)
}

func TestValidateSkill(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustSignIn(t, "gaston", f.orgA)
	MustSetVisibility(t, f.svc, ctx, passerelles.VisibilityManagers, f.orgH)
	boss, asBoss := f.MustSignIn(t, "boss", f.orgA, passerelles.AccessManager)
	_, asHiddenBoss := f.MustSignIn(t, "hidden-boss", f.orgH, passerelles.AccessManager)
	_, asAgent := f.MustSignIn(t, "colleague", f.orgA)
	_, asAdmin := f.MustSignIn(t, "admin", f.orgA, passerelles.AccessAdmin)
	MustDeclare(t, f.svc, ctx, f.pix11, 3)
	MustDeclare(t, f.svc, ctx, f.pix12, 6)
	MustDeclare(t, f.svc, ctx, f.ecfA1, 4)
	MustDeclare(t, f.svc, asBoss, f.pix11, 3)

	status := func(t *testing.T, skillID int64) *passerelles.DeclaredSkill {
		t.Helper()
		p, err := f.svc.FindProfile(ctx, me)
		if err != nil {
			t.Fatal(err)
		}
		for i := range p.Skills {
			if p.Skills[i].SkillID == skillID {
				return &p.Skills[i]
			}
		}
		t.Fatalf("skill %d not on the profile", skillID)
		return nil
	}
	t.Run("NotValidated", func(t *testing.T) {
		if got := status(t, f.pix11).Status(); got != passerelles.NotValidated {
			t.Fatalf("status = %s", got)
		}
	})
	t.Run("ValidatedAtDeclaredLevel", func(t *testing.T) {
		f.clock.Advance(time.Hour)
		d, err := f.svc.ValidateSkill(asBoss, me, f.pix11, 3, "")
		if err != nil {
			t.Fatal(err)
		}
		if d.Status() != passerelles.Validated || d.ValidatedLevel != 3 || d.ValidatedBy != boss || !d.ValidatedAt.Equal(f.clock.Now()) {
			t.Fatalf("validated = %+v (%s)", d, d.Status())
		}
	})
	t.Run("ValidatedLower", func(t *testing.T) {
		f.clock.Advance(time.Hour)
		d, err := f.svc.ValidateSkill(asBoss, me, f.pix12, 4, "Niveau 4 au vu des réalisations.")
		if err != nil {
			t.Fatal(err)
		}
		if d.Status() != passerelles.ValidatedLower || d.ValidationComment != "Niveau 4 au vu des réalisations." {
			t.Fatalf("validated = %+v (%s)", d, d.Status())
		}
		if got := status(t, f.pix12).Status(); got != passerelles.ValidatedLower {
			t.Fatalf("status read back = %s", got)
		}
	})
	t.Run("ReDeclaredAboveIsAboveValidated", func(t *testing.T) {
		f.clock.Advance(time.Hour)
		d := MustDeclare(t, f.svc, ctx, f.pix12, 7)
		if d.Status() != passerelles.AboveValidated || d.ValidatedLevel != 4 {
			t.Fatalf("status = %s (%+v)", d.Status(), d)
		}
	})
	t.Run("LoweredToValidatedIsValidated", func(t *testing.T) {
		f.clock.Advance(time.Hour)
		if d := MustDeclare(t, f.svc, ctx, f.pix12, 4); d.Status() != passerelles.Validated {
			t.Fatalf("status = %s", d.Status())
		}
	})
	views := func(t *testing.T) int {
		t.Helper()
		return f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'PROFILE_VIEWED'`)
	}
	for _, tc := range []struct {
		name    string
		ctx     context.Context
		agentID int64
		skillID int64
		level   int
		comment string
		want    string
		view    bool // the refusal answers about a visible profile: a view of it is on record
	}{
		{"ErrAgent", asAgent, me, f.pix11, 3, "", passerelles.EFORBIDDEN, false},
		{"ErrAdministratorIsNotManager", asAdmin, me, f.pix11, 3, "", passerelles.EFORBIDDEN, false},
		{"ErrSelf", asBoss, boss, f.pix11, 3, "", passerelles.EFORBIDDEN, false},
		{"ErrManagerOfHiddenOrganisation", asHiddenBoss, me, f.pix11, 3, "", passerelles.ENOTFOUND, false},
		{"ErrAnonymous", context.Background(), me, f.pix11, 3, "", passerelles.EUNAUTHENTICATED, false},
		{"ErrCommentTooLong", asBoss, me, f.pix11, 2, strings.Repeat("x", passerelles.MaxValidationComment+1), passerelles.EINVALID, false},
		{"ErrUnknownAgent", asBoss, 999999, f.pix11, 3, "", passerelles.ENOTFOUND, false},
		{"ErrNotDeclared", asBoss, me, f.pix13, 3, "", passerelles.ENOTFOUND, true},
		{"ErrLevelOffScale", asBoss, me, f.pix11, 9, "Trop haut", passerelles.EINVALID, true},
		{"ErrECFLevelNotDefined", asBoss, me, f.ecfA1, 2, "Niveau e-2", passerelles.EINVALID, true},
		{"ErrCommentRequiredWhenLevelDiffers", asBoss, me, f.pix11, 2, "  ", passerelles.EINVALID, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f.clock.Advance(11 * time.Minute) // each case is a visit of its own
			before, viewsBefore := f.snapshot(t), views(t)
			_, err := f.svc.ValidateSkill(tc.ctx, tc.agentID, tc.skillID, tc.level, tc.comment)
			if got := code(err); got != tc.want {
				t.Fatalf("code = %q (%v), want %q", got, err, tc.want)
			}
			if after := f.snapshot(t); after != before {
				t.Fatalf("a refused validation wrote:\nbefore %s\nafter  %s", before, after)
			}
			if got := views(t) - viewsBefore; got != map[bool]int{true: 1}[tc.view] {
				t.Fatalf("%d views recorded, want %v", got, tc.view)
			}
		})
	}
	t.Run("Audited", func(t *testing.T) {
		if got := f.db.CountAudit(context.Background(), "SKILL_VALIDATED"); got != 2 {
			t.Fatalf("SKILL_VALIDATED entries = %d, want 2", got)
		}
	})
	f.assertConsistent(t)
}

func TestEndorsements(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustSignIn(t, "hugo", f.orgA)
	MustSetVisibility(t, f.svc, ctx, passerelles.VisibilityAllAgents)
	MustDeclare(t, f.svc, ctx, f.pix11, 3)
	pub, asPublic := f.MustSignIn(t, "public-peer", f.orgA)
	MustSetVisibility(t, f.svc, asPublic, passerelles.VisibilityAllAgents)
	_, asPrivate := f.MustSignIn(t, "private-peer", f.orgA)
	_, asReader := f.MustSignIn(t, "reader", f.orgA)
	priv, asPrivateTarget := f.MustSignIn(t, "private-target", f.orgA)
	MustDeclare(t, f.svc, asPrivateTarget, f.pix11, 3)

	for _, tc := range []struct {
		name    string
		ctx     context.Context
		agentID int64
		skillID int64
		want    string
	}{
		{"Endorse", asPublic, me, f.pix11, ""},
		{"EndorseAsPrivateAgent", asPrivate, me, f.pix11, ""},
		{"ErrTwice", asPublic, me, f.pix11, passerelles.ECONFLICT},
		{"ErrOwnSkill", ctx, me, f.pix11, passerelles.EINVALID},
		{"ErrNotDeclared", asPublic, me, f.pix12, passerelles.ENOTFOUND},
		{"ErrPrivateProfile", asPublic, priv, f.pix11, passerelles.ENOTFOUND},
		{"ErrUnknownAgent", asPublic, 999999, f.pix11, passerelles.ENOTFOUND},
		{"ErrAnonymous", context.Background(), me, f.pix11, passerelles.EUNAUTHENTICATED},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f.clock.Advance(time.Minute)
			if got := code(f.svc.EndorseSkill(tc.ctx, tc.agentID, tc.skillID)); got != tc.want {
				t.Fatalf("code = %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("CountIncludesHiddenEndorsers", func(t *testing.T) {
		for _, viewer := range []context.Context{ctx, asReader} {
			list, total, err := f.svc.FindEndorsements(viewer, me, f.pix11)
			if err != nil {
				t.Fatal(err)
			}
			if total != 2 || len(list) != 1 || list[0].EndorserID != pub {
				t.Fatalf("endorsements = %+v of %d, want only the public peer of 2", list, total)
			}
		}
	})
	t.Run("ProfileCounts", func(t *testing.T) {
		for _, tc := range []struct {
			name     string
			ctx      context.Context
			endorsed bool
		}{{"ByEndorser", asPublic, true}, {"ByOther", asReader, false}} {
			t.Run(tc.name, func(t *testing.T) {
				p, err := f.svc.FindProfile(tc.ctx, me)
				if err != nil {
					t.Fatal(err)
				}
				if d := p.Skills[0]; d.EndorsementCount != 2 || d.EndorsedByViewer != tc.endorsed {
					t.Fatalf("count %d, endorsed by viewer %v", d.EndorsementCount, d.EndorsedByViewer)
				}
			})
		}
	})
	t.Run("RemovingTheSkillRemovesItsEndorsements", func(t *testing.T) {
		if err := f.svc.RemoveSkill(ctx, f.pix11); err != nil {
			t.Fatal(err)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM endorsements WHERE agent_id = ?`, me); n != 0 {
			t.Fatalf("%d endorsements left", n)
		}
		if _, _, err := f.svc.FindEndorsements(asReader, me, f.pix11); code(err) != passerelles.ENOTFOUND {
			t.Fatalf("err = %v, want NOT_FOUND", err)
		}
	})
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

func TestProfileViews(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustSignIn(t, "ines", f.orgA)
	MustSetVisibility(t, f.svc, ctx, passerelles.VisibilityAllAgents)
	manager, asManager := f.MustSignIn(t, "manager", f.orgA, passerelles.AccessManager)
	admin, asAdmin := f.MustSignIn(t, "admin", f.orgA, passerelles.AccessAdmin)
	_, asAgent := f.MustSignIn(t, "agent", f.orgA)

	for _, tc := range []struct {
		name    string
		ctx     context.Context
		records bool
	}{
		{"Self", ctx, false},
		{"Agent", asAgent, false},
		{"Manager", asManager, true},
		{"Administrator", asAdmin, true},
		{"System", system, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := f.db.CountAudit(context.Background(), "PROFILE_VIEWED")
			f.clock.Advance(time.Minute)
			if _, err := f.svc.FindProfile(tc.ctx, me); err != nil {
				t.Fatal(err)
			}
			if _, err := f.svc.FindProfiles(tc.ctx, []int64{me}); err != nil {
				t.Fatal(err)
			}
			after := f.db.CountAudit(context.Background(), "PROFILE_VIEWED")
			if got := after - before; got != map[bool]int{false: 0, true: 1}[tc.records] {
				t.Fatalf("%d views recorded", got)
			}
		})
	}
	t.Run("NewestFirst", func(t *testing.T) {
		views, total, err := f.svc.FindProfileViews(ctx, passerelles.Page{})
		if err != nil {
			t.Fatal(err)
		}
		if total != 2 || len(views) != 2 || views[0].ViewerID != admin || views[1].ViewerID != manager || !views[0].At.After(views[1].At) {
			t.Fatalf("views = %+v of %d", views, total)
		}
	})
	t.Run("Page", func(t *testing.T) {
		views, total, err := f.svc.FindProfileViews(ctx, passerelles.Page{Limit: 1, Offset: 1})
		if err != nil {
			t.Fatal(err)
		}
		if total != 2 || len(views) != 1 || views[0].ViewerID != manager {
			t.Fatalf("views = %+v of %d", views, total)
		}
	})
	t.Run("OthersDoNotSeeMyViews", func(t *testing.T) {
		views, total, err := f.svc.FindProfileViews(asManager, passerelles.Page{})
		if err != nil || total != 0 || len(views) != 0 {
			t.Fatalf("manager's views = %+v of %d (%v)", views, total, err)
		}
	})
	t.Run("ErasedViewerIsZero", func(t *testing.T) {
		if err := f.svc.DeleteMyAccount(asManager, passerelles.ErasureConfirmation); err != nil {
			t.Fatal(err)
		}
		views, _, err := f.svc.FindProfileViews(ctx, passerelles.Page{})
		if err != nil {
			t.Fatal(err)
		}
		if len(views) != 2 || views[1].ViewerID != 0 || views[0].ViewerID != admin {
			t.Fatalf("views = %+v", views)
		}
	})
	t.Run("ErrAnonymous", func(t *testing.T) {
		if _, _, err := f.svc.FindProfileViews(context.Background(), passerelles.Page{}); code(err) != passerelles.EUNAUTHENTICATED {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrPageTooLarge", func(t *testing.T) {
		if _, _, err := f.svc.FindProfileViews(ctx, passerelles.Page{Limit: 101}); code(err) != passerelles.EINVALID {
			t.Fatalf("err = %v", err)
		}
	})
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

func TestDeleteMyAccount(t *testing.T) {
	f := MustOpenProfileFixture(t)
	bg := context.Background()
	victim, ctx := f.MustSignIn(t, "zephyrine", f.orgA, passerelles.AccessManager)
	if _, err := f.svc.UpdateProfile(ctx, passerelles.ProfileUpdate{Bio: ptr("Spécialiste du xylographiquement des archives."),
		Visibility: ptr(passerelles.VisibilityAllAgents), HiddenFrom: &[]int64{f.orgH}, RegionID: &f.region,
		MobilityFamilies: &[]passerelles.RoleFamily{passerelles.RoleFamilyDigital}, MobilityRegionIDs: &[]int64{f.region},
		TargetRoleIDs: &[]int64{f.role}, CurrentRoleID: &f.role2}); err != nil {
		t.Fatal(err)
	}
	score := 600
	if _, err := f.svc.DeclareSkill(ctx, passerelles.SkillDeclaration{SkillID: f.pix11, Level: 5, Evidence: []passerelles.Evidence{
		{Kind: passerelles.EvidenceCertification, Title: "Pix", Score: &score}}}); err != nil {
		t.Fatal(err)
	}
	MustDeclare(t, f.svc, ctx, f.pix12, 2)
	if err := f.svc.RankTopSkills(ctx, []int64{f.pix12, f.pix11}); err != nil {
		t.Fatal(err)
	}
	peer, asPeer := f.MustSignIn(t, "peer", f.orgA, passerelles.AccessManager)
	MustSetVisibility(t, f.svc, asPeer, passerelles.VisibilityManagers)
	MustDeclare(t, f.svc, asPeer, f.pix11, 4)
	// The victim endorses, validates and views the peer; the peer endorses, validates and views the victim.
	if err := f.svc.EndorseSkill(asPeer, victim, f.pix11); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.ValidateSkill(asPeer, victim, f.pix11, 5, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.FindProfile(asPeer, victim); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.EndorseSkill(ctx, peer, f.pix11); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.ValidateSkill(ctx, peer, f.pix11, 4, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.FindProfile(ctx, peer); err != nil {
		t.Fatal(err)
	}
	token, err := f.all.Sessions.CreateSession(bg, victim, "id-token", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.all.Communities.ImportMembers(system, []passerelles.CommunityMember{{CommunityID: f.community, AgentID: victim, Role: passerelles.MemberRoleAnimator}}); err != nil {
		t.Fatal(err)
	}
	ev := &passerelles.Event{CommunityID: f.community, Title: "Café data", Kind: passerelles.EventMeetup, Status: passerelles.EventPublished,
		Format: passerelles.EventOnline, OnlineURL: "https://visio.example/cafe", StartsAt: f.clock.Now().Add(24 * time.Hour),
		EndsAt: f.clock.Now().Add(25 * time.Hour), TimeZone: "Europe/Paris"}
	if _, err := f.all.Events.ImportEvents(system, []*passerelles.Event{ev}); err != nil {
		t.Fatal(err)
	}
	// No registration service yet: the row goes in directly, with the event created by the victim.
	if _, err := f.raw.Exec(`INSERT INTO registrations (event_id, agent_id, status, position, registered_at, updated_at) VALUES (?, ?, 'REGISTERED', 1, 0, 0)`, ev.ID, victim); err != nil {
		t.Fatal(err)
	}
	if _, err := f.raw.Exec(`UPDATE events SET created_by = ? WHERE id = ?`, victim, ev.ID); err != nil {
		t.Fatal(err)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM agents_fts WHERE agents_fts MATCH 'xylographiquement'`); n != 1 {
		t.Fatalf("bio word indexed %d times before erasure", n)
	}
	refs := agentReferences(t, f.raw)
	if len(refs) < 15 {
		t.Fatalf("only %d columns reference agents: %v", len(refs), refs)
	}
	held := 0
	for _, r := range refs {
		held += f.count(t, `SELECT COUNT(*) FROM `+r[0]+` WHERE `+r[1]+` = ?`, victim)
	}
	if held < 20 {
		t.Fatalf("the fixture gives the victim only %d rows", held)
	}

	// The service itself refuses an erasure without its confirmation word, whoever calls it.
	for _, word := range []string{"", "oui", "supprimer", "SUPPRIMER MAINTENANT"} {
		if err := f.svc.DeleteMyAccount(ctx, word); code(err) != passerelles.EINVALID {
			t.Fatalf("confirmation %q: err = %v, want INVALID_INPUT", word, err)
		}
	}
	if _, err := f.svc.FindProfile(ctx, victim); err != nil {
		t.Fatalf("refused erasure erased: %v", err)
	}

	f.clock.Advance(time.Minute)
	if err := f.svc.DeleteMyAccount(ctx, " "+passerelles.ErasureConfirmation+" "); err != nil {
		t.Fatal(err)
	}

	t.Run("SearchIndexForgetsTheBio", func(t *testing.T) {
		for _, word := range []string{"xylographiquement", "zephyrine"} {
			if n := f.count(t, `SELECT COUNT(*) FROM agents_fts WHERE agents_fts MATCH ?`, word); n != 0 {
				t.Fatalf("%q still found %d times", word, n)
			}
		}
		if n := f.count(t, `SELECT COUNT(*) FROM agents_fts_docsize WHERE id = ?`, victim); n != 0 {
			t.Fatal("the index still sizes the erased agent's row")
		}
	})
	t.Run("NoTableHoldsTheId", func(t *testing.T) {
		for _, r := range refs {
			if n := f.count(t, `SELECT COUNT(*) FROM `+r[0]+` WHERE `+r[1]+` = ?`, victim); n != 0 {
				t.Errorf("%s.%s still holds the agent in %d rows", r[0], r[1], n)
			}
		}
		if n := f.count(t, `SELECT COUNT(*) FROM agents WHERE id = ?`, victim); n != 0 {
			t.Error("the agent row remains")
		}
	})
	t.Run("AuditKeepsPseudonymsOnly", func(t *testing.T) {
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'ACCOUNT_ERASED' AND actor_id IS NULL AND subject_id IS NULL
			AND actor_pseudonym <> '' AND subject_pseudonym = actor_pseudonym`); n != 1 {
			t.Fatalf("%d pseudonymous erasure entries, want 1", n)
		}
		// The views and validations of and by the victim stay, without their id.
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action IN ('PROFILE_VIEWED', 'SKILL_VALIDATED')
			AND (actor_id IS NULL OR subject_id IS NULL)`); n != 4 {
			t.Fatalf("%d pseudonymised entries, want 4", n)
		}
		if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE (actor_id IS NULL AND actor_pseudonym = '' AND action <> 'ROLE_GRANTED')
			OR (subject_id IS NULL AND subject_pseudonym = '')`); n != 0 {
			t.Fatalf("%d entries lost their pseudonym", n)
		}
	})
	t.Run("SessionsGone", func(t *testing.T) {
		if _, err := f.all.Sessions.FindSession(bg, token, time.Hour); code(err) != passerelles.EUNAUTHENTICATED {
			t.Fatalf("session still found: %v", err)
		}
	})
	t.Run("OthersKeepTheirData", func(t *testing.T) {
		p, err := f.svc.FindProfile(system, peer)
		if err != nil {
			t.Fatal(err)
		}
		if d := p.Skills[0]; d.ValidatedLevel != 4 || d.ValidatedBy != 0 || d.EndorsementCount != 0 {
			t.Fatalf("peer's skill = %+v, want validated at 4 by nobody, no endorsement", d)
		}
		if _, err := f.svc.FindProfile(system, victim); code(err) != passerelles.ENOTFOUND {
			t.Fatalf("erased profile: %v", err)
		}
	})
	t.Run("ErrTwice", func(t *testing.T) {
		if err := f.svc.DeleteMyAccount(ctx, passerelles.ErasureConfirmation); code(err) != passerelles.ENOTFOUND {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrAnonymous", func(t *testing.T) {
		if err := f.svc.DeleteMyAccount(bg, passerelles.ErasureConfirmation); code(err) != passerelles.EUNAUTHENTICATED {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("Integrity", func(t *testing.T) { f.assertConsistent(t) })
}

// agentReferences lists every (table, column) that may hold an agent id: the foreign keys
// to agents, and the agent_id columns whose foreign key goes through agent_skills.
func agentReferences(tb testing.TB, raw *sql.DB) [][2]string {
	tb.Helper()
	rows, err := raw.Query(`SELECT m.name, p."from", p."table" FROM sqlite_master m, pragma_foreign_key_list(m.name) p
		WHERE m.type = 'table' UNION
		SELECT m.name, c.name, 'agents' FROM sqlite_master m, pragma_table_info(m.name) c
		WHERE m.type = 'table' AND c.name IN ('agent_id', 'endorser_id') ORDER BY 1, 2`)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var table, column, parent string
		if err := rows.Scan(&table, &column, &parent); err != nil {
			tb.Fatal(err)
		}
		if parent == "agents" && !contains(out, [2]string{table, column}) {
			out = append(out, [2]string{table, column})
		}
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

func contains(list [][2]string, v [2]string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func TestConcurrentDeclarations(t *testing.T) {
	f := MustOpenProfileFixture(t)
	ctxs := make([]context.Context, 20)
	for i := range ctxs {
		_, ctxs[i] = f.MustSignIn(t, fmt.Sprintf("writer-%02d", i), f.orgA)
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(ctxs))
	for i, ctx := range ctxs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := f.svc.DeclareSkill(ctx, passerelles.SkillDeclaration{SkillID: f.pix11, Level: 1 + i%8,
				Evidence: []passerelles.Evidence{{Kind: passerelles.EvidenceTraining, Title: "Formation"}}})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("concurrent declaration: %v", err)
		}
	}
	if n := f.count(t, `SELECT COUNT(*) FROM agent_skills`); n != 20 {
		t.Fatalf("%d declarations, want 20", n)
	}
	f.assertConsistent(t)
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

func TestRepeatedViewsCountOnce(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustSignIn(t, "viewed", f.orgA)
	MustSetVisibility(t, f.svc, ctx, passerelles.VisibilityManagers)
	_, asManager := f.MustSignIn(t, "boss", f.orgA, passerelles.AccessManager)
	views := func() int {
		_, n, err := f.svc.FindProfileViews(ctx, passerelles.Page{})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for range 3 {
		if _, err := f.svc.FindProfile(asManager, me); err != nil {
			t.Fatal(err)
		}
	}
	if got := views(); got != 1 {
		t.Fatalf("three reloads in a row = %d views, want 1", got)
	}
	f.clock.Advance(11 * time.Minute)
	if _, err := f.svc.FindProfile(asManager, me); err != nil {
		t.Fatal(err)
	}
	if got := views(); got != 2 {
		t.Fatalf("a later visit = %d views in all, want 2", got)
	}
}

func TestNestedReadsAreRecordedViews(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustSignIn(t, "viewed", f.orgA)
	MustSetVisibility(t, f.svc, ctx, passerelles.VisibilityAllAgents)
	_, asManager := f.MustSignIn(t, "boss", f.orgA, passerelles.AccessManager)
	_, asAgent := f.MustSignIn(t, "peer", f.orgA)
	for _, c := range []context.Context{asAgent, asManager, ctx} {
		if _, err := f.svc.FindProfiles(c, []int64{me}); err != nil {
			t.Fatal(err)
		}
	}
	_, n, err := f.svc.FindProfileViews(ctx, passerelles.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("views = %d, want 1 (the manager's; not the agent's nor the owner's)", n)
	}
}
