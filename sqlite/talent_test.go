package sqlite_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"passerelles"
	"passerelles/seed"
	"passerelles/sqlite"
	"passerelles/sqlite/sqlitetest"
)

// talentIDs returns the agent ids of a page of results, in order.
func talentIDs(r *passerelles.TalentResults) []int64 {
	out := make([]int64, len(r.Matches))
	for i, m := range r.Matches {
		out[i] = m.AgentID
	}
	return out
}

func mustSearch(tb testing.TB, svc passerelles.TalentService, ctx context.Context, q passerelles.TalentQuery) *passerelles.TalentResults {
	tb.Helper()
	if q.First == 0 {
		q.First = 100
	}
	r, err := svc.SearchTalent(ctx, q)
	if err != nil {
		tb.Fatalf("search %+v: %v", q.Filter, err)
	}
	return r
}

func req(skill int64, min int) passerelles.TalentSkill {
	return passerelles.TalentSkill{SkillID: skill, MinLevel: min}
}

// TestTalentSearchKnownAnswers runs filters over a hand-built set of agents whose answers
// are known: the AND of minimum levels, optional skills that only rank, validated levels,
// each criterion alone and combined, text with accents and hostile characters, ties and
// pages.
func TestTalentSearchKnownAnswers(t *testing.T) {
	f := MustOpenProfileFixture(t)
	ctx := context.Background()
	talent := f.all.Talent
	regions, _, _ := f.all.Organisations.FindRegions(ctx, nil, passerelles.Page{Limit: 2})
	r1, r2 := regions[0].ID, regions[1].ID
	orgs, _, _ := f.all.Organisations.FindOrganisations(ctx, passerelles.OrganisationFilter{Page: passerelles.Page{Limit: 100}})
	orgOf := map[int64]*passerelles.Organisation{}
	for _, o := range orgs {
		orgOf[o.ID] = o
	}
	// Another ministry and type than orgA's, for those criteria.
	var orgM int64
	for _, o := range orgs {
		if o.MinistryID != orgOf[f.orgA].MinistryID && o.Type != orgOf[f.orgA].Type {
			orgM = o.ID
			break
		}
	}
	roles, _, _ := f.all.Roles.FindRoles(ctx, passerelles.RoleFilter{Page: passerelles.Page{Limit: 100}})
	var digital int64
	for _, r := range roles {
		if r.Family == passerelles.RoleFamilyDigital {
			digital = r.ID
			break
		}
	}
	grades, _ := f.all.Organisations.FindGrades(ctx)

	type agent struct {
		name   string
		vis    passerelles.Visibility
		org    int64
		hidden []int64
		upd    passerelles.ProfileUpdate
		skills map[int64]int
	}
	setup := []agent{
		{name: "ada", vis: passerelles.VisibilityAllAgents, org: f.orgA, skills: map[int64]int{f.pix11: 6, f.pix12: 3},
			upd: passerelles.ProfileUpdate{RegionID: &r1, GradeCode: &grades[0].Code, CurrentRoleID: &digital, WillingToMentor: ptr(true),
				OpenToMobility: ptr(true), MobilityFamilies: &[]passerelles.RoleFamily{passerelles.RoleFamilyDigital}, Bio: ptr("Cheffe de projet données, passionnée d’accessibilité.")}},
		{name: "bob", vis: passerelles.VisibilityAllAgents, org: f.orgA, skills: map[int64]int{f.pix11: 4, f.pix12: 5},
			upd: passerelles.ProfileUpdate{RegionID: &r2, GradeCode: &grades[1].Code, OpenToMobility: ptr(true), MobilityRegionIDs: &[]int64{r1}}},
		{name: "cyd", vis: passerelles.VisibilityManagers, org: orgM, skills: map[int64]int{f.pix11: 8},
			upd: passerelles.ProfileUpdate{RegionID: &r1, Bio: ptr("Administratrice systèmes <script>\"OR 1=1--")}},
		{name: "dan", vis: passerelles.VisibilityAllAgents, org: f.orgA, skills: map[int64]int{f.pix12: 8, f.pix13: 2},
			upd: passerelles.ProfileUpdate{RegionID: &r1, Bio: ptr("Statisticien, DONNEES publiques.")}},
		{name: "eve", vis: passerelles.VisibilityPrivate, org: f.orgA, skills: map[int64]int{f.pix11: 6}},
		{name: "fay", vis: passerelles.VisibilityAllAgents, org: f.orgA, hidden: []int64{f.orgH}, skills: map[int64]int{f.pix11: 6},
			upd: passerelles.ProfileUpdate{RegionID: &r1}},
	}
	ids := map[string]int64{}
	ctxOf := map[string]context.Context{}
	for _, a := range setup {
		id, actx := f.MustSignIn(t, a.name, a.org)
		ids[a.name], ctxOf[a.name] = id, actx
		MustSetVisibility(t, f.svc, actx, a.vis, a.hidden...)
		if _, err := f.svc.UpdateProfile(actx, a.upd); err != nil {
			t.Fatal(err)
		}
		for _, sk := range slices.Sorted(func(yield func(int64) bool) {
			for k := range a.skills {
				if !yield(k) {
					return
				}
			}
		}) {
			MustDeclare(t, f.svc, actx, sk, a.skills[sk])
		}
	}
	if _, err := f.svc.DeclareSkill(ctxOf["dan"], passerelles.SkillDeclaration{SkillID: f.pix13, Level: 2, WantsToDevelop: true,
		Evidence: []passerelles.Evidence{{Kind: passerelles.EvidenceTraining, Title: "Formation « Éco-conception »"}}}); err != nil {
		t.Fatal(err)
	}
	var asManager, asHiddenManager, asAgent context.Context
	ids["manager"], asManager = f.MustSignIn(t, "manager", f.orgA, passerelles.AccessManager)
	ids["manager-h"], asHiddenManager = f.MustSignIn(t, "manager-h", f.orgH, passerelles.AccessManager)
	ids["agent"], asAgent = f.MustSignIn(t, "agent", f.orgA)
	// A manager validates bob's pix11 at 4 and cyd's at 6 (lower, with a comment).
	if _, err := f.svc.ValidateSkill(asManager, ids["bob"], f.pix11, 4, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.ValidateSkill(asManager, ids["cyd"], f.pix11, 6, "Vu en entretien"); err != nil {
		t.Fatal(err)
	}
	names := func(r *passerelles.TalentResults) []string {
		var out []string
		for _, id := range talentIDs(r) {
			for n, i := range ids {
				if i == id {
					out = append(out, n)
				}
			}
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		ctx    context.Context
		filter passerelles.TalentFilter
		want   []string
	}{
		// Scores: level / 8 × 100 (required), × 5/4 validated: cyd 100, ada 75, fay 75, bob 62.
		{"OneRequiredSkill", asManager, passerelles.TalentFilter{Required: []passerelles.TalentSkill{req(f.pix11, 4)}}, []string{"cyd", "ada", "fay", "bob"}},
		{"MinimumLevelHolds", asManager, passerelles.TalentFilter{Required: []passerelles.TalentSkill{req(f.pix11, 7)}}, []string{"cyd"}},
		{"AndOfMinimumLevels", asManager, passerelles.TalentFilter{Required: []passerelles.TalentSkill{req(f.pix11, 4), req(f.pix12, 4)}}, []string{"bob"}},
		{"AndOfMinimumLevelsNone", asManager, passerelles.TalentFilter{Required: []passerelles.TalentSkill{req(f.pix11, 5), req(f.pix12, 4)}}, nil},
		// pix12 optional: ada 75 + 18, bob 62 + 31, a tie broken by id; bob passes fay, who
		// has no pix12 and stays: optional skills only rank, never filter.
		{"OptionalOnlyRanks", asManager, passerelles.TalentFilter{Required: []passerelles.TalentSkill{req(f.pix11, 4)},
			Optional: []passerelles.TalentSkill{{SkillID: f.pix12}}}, []string{"cyd", "ada", "bob", "fay"}},
		// dan 50, bob 31, ada 18, then the others at 0 by id (the manager finds their own
		// profile, not the private ones of eve and agent).
		{"OptionalAlone", asManager, passerelles.TalentFilter{Optional: []passerelles.TalentSkill{{SkillID: f.pix12}}},
			[]string{"dan", "bob", "ada", "cyd", "fay", "manager"}},
		{"ValidatedOnlyForAll", asManager, passerelles.TalentFilter{ValidatedOnly: true, Required: []passerelles.TalentSkill{req(f.pix11, 4)}}, []string{"cyd", "bob"}},
		{"ValidatedOnlyPerSkill", asManager, passerelles.TalentFilter{Required: []passerelles.TalentSkill{{SkillID: f.pix11, MinLevel: 5, ValidatedOnly: true}}}, []string{"cyd"}},
		{"AgentsFindAllAgentsOnly", asAgent, passerelles.TalentFilter{Required: []passerelles.TalentSkill{req(f.pix11, 4)}}, []string{"ada", "fay", "bob"}},
		{"HiddenFromViewersOrganisation", asHiddenManager, passerelles.TalentFilter{Required: []passerelles.TalentSkill{req(f.pix11, 4)}}, []string{"cyd", "ada", "bob"}},
		{"PrivateFindsThemselves", ctxOf["eve"], passerelles.TalentFilter{Required: []passerelles.TalentSkill{req(f.pix11, 6)}}, []string{"ada", "eve", "fay"}},
		{"Region", asManager, passerelles.TalentFilter{RegionIDs: []int64{r2}}, []string{"bob"}},
		{"Ministry", asManager, passerelles.TalentFilter{MinistryIDs: []int64{orgOf[orgM].MinistryID}}, []string{"cyd"}},
		{"OrganisationType", asManager, passerelles.TalentFilter{OrganisationTypes: []passerelles.OrganisationType{orgOf[orgM].Type},
			Required: []passerelles.TalentSkill{req(f.pix11, 1)}}, []string{"cyd"}},
		{"Organisation", asManager, passerelles.TalentFilter{OrganisationIDs: []int64{orgM}}, []string{"cyd"}},
		{"Grade", asManager, passerelles.TalentFilter{GradeCodes: []string{grades[1].Code}}, []string{"bob"}},
		{"CurrentRole", asManager, passerelles.TalentFilter{CurrentRoleIDs: []int64{digital}}, []string{"ada"}},
		{"CurrentRoleFamily", asManager, passerelles.TalentFilter{CurrentRoleFamilies: []passerelles.RoleFamily{passerelles.RoleFamilyDigital}}, []string{"ada"}},
		{"OpenToMobility", asManager, passerelles.TalentFilter{OpenToMobility: true}, []string{"ada", "bob"}},
		{"MobilityFamily", asManager, passerelles.TalentFilter{MobilityFamilies: []passerelles.RoleFamily{passerelles.RoleFamilyDigital}}, []string{"ada"}},
		{"MobilityRegion", asManager, passerelles.TalentFilter{MobilityRegionIDs: []int64{r1}}, []string{"bob"}},
		{"Mentor", asManager, passerelles.TalentFilter{WillingToMentor: true}, []string{"ada"}},
		{"WantsToDevelop", asManager, passerelles.TalentFilter{WantsToDevelopSkillID: f.pix13}, []string{"dan"}},
		{"Combined", asManager, passerelles.TalentFilter{Required: []passerelles.TalentSkill{req(f.pix11, 2)}, RegionIDs: []int64{r1},
			MinistryIDs: []int64{orgOf[f.orgA].MinistryID}, WillingToMentor: true}, []string{"ada"}},
		{"TextAccentsFolded", asManager, passerelles.TalentFilter{Text: "DONNÉES"}, []string{"ada", "dan"}},
		{"TextDecomposedAndFullWidth", asManager, passerelles.TalentFilter{Text: "donne\u0301es ｓｔａｔｉｓｔｉｃｉｅｎ"}, []string{"dan"}},
		{"TextName", asManager, passerelles.TalentFilter{Text: "Ada"}, []string{"ada"}},
		{"TextEvidenceTitle", asManager, passerelles.TalentFilter{Text: "éco conception"}, []string{"dan"}},
		{"TextHostile", asManager, passerelles.TalentFilter{Text: `"OR 1=1-- <script> NEAR( * \u202e`}, nil},
		{"TextHostileStillFindsWords", asManager, passerelles.TalentFilter{Text: "administratrice\" OR \"*"}, []string{"cyd"}},
		{"TextOnlySyntax", asManager, passerelles.TalentFilter{Text: `"* ( ) :`}, nil},
		{"TextWithSkill", asManager, passerelles.TalentFilter{Text: "donnees", Required: []passerelles.TalentSkill{req(f.pix11, 1)}}, []string{"ada"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mustSearch(t, talent, tc.ctx, passerelles.TalentQuery{Filter: tc.filter, Facets: true})
			if got := names(r); !slices.Equal(got, tc.want) {
				t.Fatalf("found %v, want %v", got, tc.want)
			}
			if r.TotalCount != len(tc.want) {
				t.Fatalf("totalCount %d, want %d", r.TotalCount, len(tc.want))
			}
			sql, err := talent.(*sqlite.TalentService).SearchTalentSQL(tc.ctx, passerelles.TalentQuery{Filter: tc.filter, First: 100, Facets: true})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(sql, r) {
				t.Fatalf("the SQL reference answers otherwise:\n index %+v\n sql   %+v", r, sql)
			}
		})
	}

	t.Run("Explanation", func(t *testing.T) {
		r := mustSearch(t, talent, asManager, passerelles.TalentQuery{Filter: passerelles.TalentFilter{
			Required: []passerelles.TalentSkill{req(f.pix11, 4)}, Optional: []passerelles.TalentSkill{{SkillID: f.pix13}}}})
		var bob passerelles.TalentMatch
		for _, m := range r.Matches {
			if m.AgentID == ids["bob"] {
				bob = m
			}
		}
		today := passerelles.TalentDay(f.clock.Now())
		want := []passerelles.SkillMatch{
			{SkillID: f.pix11, Required: true, Level: 4, Validated: true, ChangedDay: today, Recency: passerelles.RecencyRecent, Points: 62},
			{SkillID: f.pix13},
		}
		if bob.Score != 62 || !reflect.DeepEqual(bob.Skills, want) {
			t.Fatalf("bob scores %d with %+v, want 62 with %+v", bob.Score, bob.Skills, want)
		}
		if bob.Profile == nil || bob.Profile.Agent.ID != ids["bob"] || bob.Profile.Agent.Email == "" {
			t.Fatalf("the result's profile is not bob's as a manager reads it: %+v", bob.Profile)
		}
	})

	t.Run("TiesAndPages", func(t *testing.T) {
		// ada and fay tie at 75: the lower id first; walking pages of 1 returns each once.
		filter := passerelles.TalentFilter{Required: []passerelles.TalentSkill{req(f.pix11, 4)}}
		var walked []string
		var after *passerelles.TalentCursor
		for range 10 {
			r := mustSearch(t, talent, asManager, passerelles.TalentQuery{Filter: filter, First: 1, After: after})
			if r.TotalCount != 4 {
				t.Fatalf("totalCount %d on a later page, want 4", r.TotalCount)
			}
			walked = append(walked, names(r)...)
			if !r.HasNextPage {
				break
			}
			m := r.Matches[len(r.Matches)-1]
			after = &passerelles.TalentCursor{Score: m.Score, AgentID: m.AgentID}
		}
		if want := []string{"cyd", "ada", "fay", "bob"}; !slices.Equal(walked, want) {
			t.Fatalf("walked %v, want %v", walked, want)
		}
	})

	t.Run("Facets", func(t *testing.T) {
		r := mustSearch(t, talent, asManager, passerelles.TalentQuery{Filter: passerelles.TalentFilter{Required: []passerelles.TalentSkill{req(f.pix11, 4)}}, Facets: true})
		regions := map[int64]int{}
		for _, b := range r.Facets.Regions {
			regions[b.ID] = b.Count
		}
		if want := map[int64]int{r1: 3, r2: 1}; !reflect.DeepEqual(regions, want) {
			t.Fatalf("regions %v, want %v", regions, want)
		}
		fam := r.Facets.CurrentRoleFamilies
		if len(fam) != 1 || fam[0].Code != "DIGITAL" || fam[0].Count != 1 {
			t.Fatalf("role families %+v, want DIGITAL: 1", fam)
		}
	})

	t.Run("Refusals", func(t *testing.T) {
		for _, tc := range []struct {
			name, field string
			q           passerelles.TalentQuery
		}{
			{"LevelOffScale", "required.0.minLevel", passerelles.TalentQuery{Filter: passerelles.TalentFilter{Required: []passerelles.TalentSkill{req(f.pix11, 9)}}}},
			{"UnknownSkill", "required.0.skillId", passerelles.TalentQuery{Filter: passerelles.TalentFilter{Required: []passerelles.TalentSkill{req(999999, 1)}}}},
			{"NoMinimum", "required.0.minLevel", passerelles.TalentQuery{Filter: passerelles.TalentFilter{Required: []passerelles.TalentSkill{req(f.pix11, 0)}}}},
			{"Twice", "optional.0.skillId", passerelles.TalentQuery{Filter: passerelles.TalentFilter{Required: []passerelles.TalentSkill{req(f.pix11, 1)}, Optional: []passerelles.TalentSkill{{SkillID: f.pix11}}}}},
			{"TextTooLong", "text", passerelles.TalentQuery{Filter: passerelles.TalentFilter{Text: string(make([]byte, 201))}}},
			{"PageTooLarge", "", passerelles.TalentQuery{First: 101}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := talent.SearchTalent(asManager, tc.q)
				if code(err) != passerelles.EINVALID || passerelles.ErrorField(err) != tc.field {
					t.Fatalf("got %v (field %q), want INVALID_INPUT on %q", err, passerelles.ErrorField(err), tc.field)
				}
			})
		}
		if _, err := talent.SearchTalent(context.Background(), passerelles.TalentQuery{}); code(err) != passerelles.EUNAUTHENTICATED {
			t.Fatalf("anonymous search: %v, want UNAUTHENTICATED", err)
		}
	})
}

// TestTalentReadYourWrites checks that every write that changes what a search reads is
// found by the very next search: declaration, update, removal, validation, profile,
// visibility, hidden organisations, names and bio, evidence, erasure.
func TestTalentReadYourWrites(t *testing.T) {
	f := MustOpenProfileFixture(t)
	svc := f.all.Talent
	_, asManager := f.MustSignIn(t, "manager", f.orgH, passerelles.AccessManager)
	id, asAgent := f.MustSignIn(t, "zoe", f.orgA)
	found := func(filter passerelles.TalentFilter) bool {
		t.Helper()
		return slices.Contains(talentIDs(mustSearch(t, svc, asManager, passerelles.TalentQuery{Filter: filter})), id)
	}
	level5 := passerelles.TalentFilter{Required: []passerelles.TalentSkill{req(f.pix21, 5)}}
	steps := []struct {
		name   string
		write  func() error
		filter passerelles.TalentFilter
		want   bool
	}{
		{"PrivateIsNotFound", func() error { MustDeclare(t, f.svc, asAgent, f.pix21, 6); return nil }, level5, false},
		{"ShownToManagers", func() error {
			_, err := f.svc.UpdateProfile(asAgent, passerelles.ProfileUpdate{Visibility: ptr(passerelles.VisibilityManagers)})
			return err
		}, level5, true},
		{"LevelLowered", func() error { MustDeclare(t, f.svc, asAgent, f.pix21, 4); return nil }, level5, false},
		{"LevelRaised", func() error { MustDeclare(t, f.svc, asAgent, f.pix21, 7); return nil }, level5, true},
		{"NotValidatedYet", func() error { return nil }, passerelles.TalentFilter{ValidatedOnly: true, Required: level5.Required}, false},
		{"Validated", func() error {
			_, other := f.MustSignIn(t, "validator", f.orgA, passerelles.AccessManager)
			_, err := f.svc.ValidateSkill(other, id, f.pix21, 6, "Vu")
			return err
		}, passerelles.TalentFilter{ValidatedOnly: true, Required: level5.Required}, true},
		{"Region", func() error {
			_, err := f.svc.UpdateProfile(asAgent, passerelles.ProfileUpdate{RegionID: &f.region})
			return err
		}, passerelles.TalentFilter{RegionIDs: []int64{f.region}}, true},
		{"NoBioYet", func() error { return nil }, passerelles.TalentFilter{Text: "urbaniste"}, false},
		{"Bio", func() error {
			_, err := f.svc.UpdateProfile(asAgent, passerelles.ProfileUpdate{Bio: ptr("Urbaniste des systèmes d’information")})
			return err
		}, passerelles.TalentFilter{Text: "urbaniste"}, true},
		{"Evidence", func() error {
			_, err := f.svc.DeclareSkill(asAgent, passerelles.SkillDeclaration{SkillID: f.pix22, Level: 2,
				Evidence: []passerelles.Evidence{{Kind: passerelles.EvidenceCertification, Title: "Certification Kubernétès"}}})
			return err
		}, passerelles.TalentFilter{Text: "kubernetes"}, true},
		{"EvidenceGoesWithTheSkill", func() error { return f.svc.RemoveSkill(asAgent, f.pix22) }, passerelles.TalentFilter{Text: "kubernetes"}, false},
		{"Removed", func() error { return f.svc.RemoveSkill(asAgent, f.pix21) }, level5, false},
		{"DeclaredAgain", func() error { MustDeclare(t, f.svc, asAgent, f.pix21, 5); return nil }, level5, true},
		{"HiddenFromViewer", func() error {
			_, err := f.svc.UpdateProfile(asAgent, passerelles.ProfileUpdate{HiddenFrom: &[]int64{f.orgH}})
			return err
		}, level5, false},
		{"NoLongerHidden", func() error {
			_, err := f.svc.UpdateProfile(asAgent, passerelles.ProfileUpdate{HiddenFrom: &[]int64{}})
			return err
		}, level5, true},
		{"Erased", func() error { return f.svc.DeleteMyAccount(asAgent, passerelles.ErasureConfirmation) }, level5, false},
	}
	for _, s := range steps {
		if err := s.write(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got := found(s.filter); got != s.want {
			t.Fatalf("%s: found %v, want %v", s.name, got, s.want)
		}
	}
	if n := f.count(t, `SELECT COUNT(*) FROM agents_fts WHERE rowid = ?`, id); n != 0 {
		t.Fatalf("the erased agent keeps %d search rows", n)
	}
}

// TestTalentSearchesAudited checks that a manager's or administrator's search is recorded
// with the filter and the number of results, and that an agent's is not.
func TestTalentSearchesAudited(t *testing.T) {
	f := MustOpenProfileFixture(t)
	managerID, asManager := f.MustSignIn(t, "manager", f.orgA, passerelles.AccessManager)
	_, asAdmin := f.MustSignIn(t, "admin", f.orgA, passerelles.AccessAdmin)
	_, asAgent := f.MustSignIn(t, "agent", f.orgA)
	for i := range 3 {
		_, ctx := f.MustSignIn(t, fmt.Sprintf("a%d", i), f.orgA)
		MustSetVisibility(t, f.svc, ctx, passerelles.VisibilityAllAgents)
		MustDeclare(t, f.svc, ctx, f.pix11, 3+i)
	}
	filter := passerelles.TalentFilter{Required: []passerelles.TalentSkill{req(f.pix11, 4)}, Text: "  "}
	before := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'TALENT_SEARCHED'`)
	mustSearch(t, f.all.Talent, asAgent, passerelles.TalentQuery{Filter: filter})
	if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'TALENT_SEARCHED'`); n != before {
		t.Fatalf("an agent's search was recorded")
	}
	views := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action <> 'TALENT_SEARCHED'`)
	mustSearch(t, f.all.Talent, asManager, passerelles.TalentQuery{Filter: filter})
	mustSearch(t, f.all.Talent, asAdmin, passerelles.TalentQuery{Filter: filter, First: 1})
	var actor, at int64
	var details string
	if err := f.raw.QueryRow(`SELECT actor_id, at, details FROM audit_log WHERE action = 'TALENT_SEARCHED' ORDER BY id LIMIT 1`).Scan(&actor, &at, &details); err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Filter struct {
			Required []struct {
				SkillID  int64 `json:"skillId"`
				MinLevel int   `json:"minLevel"`
			} `json:"required"`
		} `json:"filter"`
		Results int `json:"results"`
	}
	if err := json.Unmarshal([]byte(details), &rec); err != nil {
		t.Fatal(err)
	}
	if actor != managerID || at != f.clock.Now().UnixMilli() || rec.Results != 2 || len(rec.Filter.Required) != 1 ||
		rec.Filter.Required[0].SkillID != f.pix11 || rec.Filter.Required[0].MinLevel != 4 {
		t.Fatalf("recorded actor %d at %d: %s", actor, at, details)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'TALENT_SEARCHED'`); n != before+2 {
		t.Fatalf("%d searches recorded, want 2", n-before)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action <> 'TALENT_SEARCHED'`); n != views {
		t.Fatalf("listing results recorded %d views of profiles; only opening one is a view", n-views)
	}
}

// TestTalentPageStatements checks that a page of results with their profiles costs as
// many SQL statements for 50 results as for 1.
func TestTalentPageStatements(t *testing.T) {
	path := filepath.Join(t.TempDir(), "count.db")
	db := sqlite.NewDB(path)
	db.DriverName = sqlitetest.Register()
	if err := db.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := db.Services()
	if _, err := seed.LoadReferentials(system, svc); err != nil {
		t.Fatal(err)
	}
	if _, err := seed.GenerateDemo(system, svc, seed.DemoOptions{Agents: 200, Seed: 1, BatchSize: 200, Now: time.Now()}); err != nil {
		t.Fatal(err)
	}
	pix, err := svc.Skills.FindSkillByCode(system, "pix", "1.1")
	if err != nil {
		t.Fatal(err)
	}
	m, err := svc.Users.SignIn(system, passerelles.Identity{Issuer: "i", Subject: "m"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Users.GrantAccessRole(system, m.Agent.ID, passerelles.AccessManager); err != nil {
		t.Fatal(err)
	}
	asManager := passerelles.NewContextWithUser(context.Background(), &passerelles.User{AgentID: m.Agent.ID,
		AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessManager}})
	search := func(n int) int64 {
		t.Helper()
		sqlitetest.Reset()
		r, err := svc.Talent.SearchTalent(asManager, passerelles.TalentQuery{First: n, Facets: true,
			Filter: passerelles.TalentFilter{Required: []passerelles.TalentSkill{req(pix.ID, 1)}, Text: "centres"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Matches) != n {
			t.Fatalf("%d results, want %d (the data must hold 50)", len(r.Matches), n)
		}
		return sqlitetest.Statements()
	}
	// The first search of a text asks FTS5; the next ones of the same text, with no
	// write between, take its matches from memory: one statement less.
	first := search(1)
	one, fifty := search(1), search(50)
	if one != fifty {
		t.Fatalf("a page of 1 costs %d statements, a page of 50 %d", one, fifty)
	}
	if first != one+1 {
		t.Fatalf("the first search of a text costs %d statements, the next %d: want one more (its FTS5 query)", first, one)
	}
}

// TestTalentIndexMatchesSQL is the property test of the index: on random data (built
// through the store, then completed by SQL and read again at a restart) and random
// filters by random viewers, the index and the plain-SQL reference answer the same
// matches in the same order, with the same scores, explanations, counts and facets, page
// after page; then again after random writes through the services.
func TestTalentIndexMatchesSQL(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "prop.db")
	clock := &testClock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	open := func() *sqlite.DB {
		db := sqlite.NewDB(path)
		db.Now = clock.Now
		if err := db.Open(ctx); err != nil {
			t.Fatal(err)
		}
		return db
	}
	db := open()
	svc := db.Services()
	if _, err := seed.LoadReferentials(system, svc); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(9, 9))
	orgs, _, _ := svc.Organisations.FindOrganisations(ctx, passerelles.OrganisationFilter{Page: passerelles.Page{Limit: 100}})
	regions, _, _ := svc.Organisations.FindRegions(ctx, nil, passerelles.Page{Limit: 100})
	roles, _, _ := svc.Roles.FindRoles(ctx, passerelles.RoleFilter{Page: passerelles.Page{Limit: 100}})
	grades, _ := svc.Organisations.FindGrades(ctx)
	pix := "pix"
	skills, _, _ := svc.Skills.FindSkills(ctx, passerelles.SkillFilter{FrameworkCode: &pix, Page: passerelles.Page{Limit: 100}})
	skills = skills[:5] // few skills, so that filters often match
	orgs, regions, roles, grades = orgs[:4], regions[:3], roles[:4], grades[:3]
	words := []string{"Données", "donnees", "cartographie", "ACCESSIBILITÉ", "Élodie", "martin", "\"NEAR(", "projet*", "ｄｏｎｎｅｅｓ"}
	var agents []*passerelles.Agent
	for i := range 120 {
		a := &passerelles.Agent{Issuer: "prop", Subject: fmt.Sprintf("p%03d", i), GivenName: []string{"Élodie", "Marc", "Inès"}[rng.IntN(3)],
			UsualName: []string{"Martin", "Dupont", "Lefèvre"}[rng.IntN(3)], OrganisationID: orgs[rng.IntN(len(orgs))].ID,
			RegionID: regions[rng.IntN(len(regions))].ID, GradeCode: grades[rng.IntN(len(grades))].Code, CurrentRoleID: roles[rng.IntN(len(roles))].ID,
			OpenToMobility: rng.IntN(2) == 0, WillingToMentor: rng.IntN(3) == 0,
			Visibility: []passerelles.Visibility{passerelles.VisibilityPrivate, passerelles.VisibilityManagers, passerelles.VisibilityAllAgents}[rng.IntN(3)],
			Bio:        fmt.Sprintf("Agent %d : %s et %s.", i, words[rng.IntN(4)], words[rng.IntN(4)]),
			CreatedAt:  clock.Now().Add(-time.Duration(rng.IntN(2000)) * 24 * time.Hour)}
		for _, k := range rng.Perm(len(skills))[:rng.IntN(len(skills)+1)] {
			a.Skills = append(a.Skills, passerelles.AgentSkill{SkillID: skills[k].ID, Level: 1 + rng.IntN(8), WantsToDevelop: rng.IntN(3) == 0})
		}
		agents = append(agents, a)
	}
	if _, err := svc.Agents.ImportAgents(system, agents); err != nil {
		t.Fatal(err)
	}
	// What imports do not write: validations, hidden organisations, mobility lists; then a
	// restart, whose index must read them.
	raw, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=on&_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range []string{
		`UPDATE agent_skills SET validated_level = MAX(1, level - (agent_id + skill_id) % 3), validated_at = updated_at + 86400000 * ((agent_id * skill_id) % 900)
			WHERE (agent_id * 7 + skill_id) % 3 = 0`,
		`INSERT INTO agent_hidden_organisations (agent_id, organisation_id) SELECT a.id, o.id FROM agents a, organisations o
			WHERE a.id % 5 = 0 AND o.id IN (SELECT id FROM organisations ORDER BY id LIMIT 2) AND (a.id + o.id) % 2 = 0`,
		`INSERT INTO agent_mobility_families (agent_id, family) SELECT id, CASE id % 2 WHEN 0 THEN 'DIGITAL' ELSE 'BUSINESS' END FROM agents WHERE id % 4 = 0`,
		`INSERT INTO agent_mobility_regions (agent_id, region_id) SELECT a.id, a.region_id FROM agents a WHERE a.id % 3 = 0`,
	} {
		if _, err := raw.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	db = open()
	t.Cleanup(func() { db.Close() })
	svc = db.Services()

	var viewers []context.Context
	for i, roles := range [][]passerelles.AccessRole{nil, {passerelles.AccessManager}, {passerelles.AccessAdmin}} {
		for _, org := range []int64{0, orgs[0].ID, orgs[1].ID, orgs[2].ID} {
			u := &passerelles.User{AgentID: agents[rng.IntN(len(agents))].ID, OrganisationID: org,
				AccessRoles: append([]passerelles.AccessRole{passerelles.AccessAgent}, roles...)}
			viewers = append(viewers, passerelles.NewContextWithUser(ctx, u))
		}
		_ = i
	}
	viewers = append(viewers, system)
	pickIDs := func(n int, from func(int) int64, max int) []int64 {
		var out []int64
		for range rng.IntN(n + 1) {
			out = append(out, from(rng.IntN(max)))
		}
		return out
	}
	randomFilter := func() passerelles.TalentFilter {
		var f passerelles.TalentFilter
		perm := rng.Perm(len(skills))
		nReq, nOpt := rng.IntN(3), rng.IntN(3)
		for i := range nReq {
			f.Required = append(f.Required, passerelles.TalentSkill{SkillID: skills[perm[i]].ID, MinLevel: 1 + rng.IntN(6), ValidatedOnly: rng.IntN(5) == 0})
		}
		for i := range nOpt {
			if nReq+i < len(perm) {
				f.Optional = append(f.Optional, passerelles.TalentSkill{SkillID: skills[perm[nReq+i]].ID, ValidatedOnly: rng.IntN(5) == 0})
			}
		}
		f.ValidatedOnly = rng.IntN(8) == 0
		if rng.IntN(4) == 0 {
			f.MinistryIDs = pickIDs(2, func(i int) int64 { return orgs[i].MinistryID }, len(orgs))
		}
		if rng.IntN(5) == 0 {
			f.OrganisationTypes = []passerelles.OrganisationType{orgs[rng.IntN(len(orgs))].Type}
		}
		if rng.IntN(4) == 0 {
			f.OrganisationIDs = pickIDs(2, func(i int) int64 { return orgs[i].ID }, len(orgs))
		}
		if rng.IntN(3) == 0 {
			f.RegionIDs = pickIDs(2, func(i int) int64 { return regions[i].ID }, len(regions))
		}
		if rng.IntN(4) == 0 {
			f.GradeCodes = []string{grades[rng.IntN(len(grades))].Code}
		}
		if rng.IntN(5) == 0 {
			f.CurrentRoleIDs = pickIDs(2, func(i int) int64 { return roles[i].ID }, len(roles))
		}
		if rng.IntN(5) == 0 {
			f.CurrentRoleFamilies = []passerelles.RoleFamily{[]passerelles.RoleFamily{passerelles.RoleFamilyBusiness, passerelles.RoleFamilyDigital}[rng.IntN(2)]}
		}
		f.OpenToMobility = rng.IntN(5) == 0
		if rng.IntN(6) == 0 {
			f.MobilityFamilies = []passerelles.RoleFamily{[]passerelles.RoleFamily{passerelles.RoleFamilyBusiness, passerelles.RoleFamilyDigital}[rng.IntN(2)]}
		}
		if rng.IntN(6) == 0 {
			f.MobilityRegionIDs = pickIDs(2, func(i int) int64 { return regions[i].ID }, len(regions))
		}
		f.WillingToMentor = rng.IntN(5) == 0
		if rng.IntN(6) == 0 {
			f.WantsToDevelopSkillID = skills[rng.IntN(len(skills))].ID
		}
		if rng.IntN(4) == 0 {
			f.Text = words[rng.IntN(len(words))]
		}
		return f
	}
	ts := svc.Talent.(*sqlite.TalentService)
	compare := func(round string) {
		nonEmpty := 0
		for i := range 250 {
			vctx := viewers[rng.IntN(len(viewers))]
			filter := randomFilter()
			first := 1 + rng.IntN(7)
			var after *passerelles.TalentCursor
			for page := 0; ; page++ {
				q := passerelles.TalentQuery{Filter: filter, First: first, After: after, Facets: page == 0}
				got, err := ts.SearchTalent(vctx, q)
				if err != nil {
					t.Fatalf("%s %d: %v", round, i, err)
				}
				want, err := ts.SearchTalentSQL(vctx, q)
				if err != nil {
					t.Fatalf("%s %d: %v", round, i, err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s, filter %d %+v (page %d):\n index %+v\n sql   %+v", round, i, filter, page, got, want)
				}
				if got.TotalCount > 0 {
					nonEmpty++
				}
				if !got.HasNextPage || page > 40 {
					break
				}
				m := got.Matches[len(got.Matches)-1]
				after = &passerelles.TalentCursor{Score: m.Score, AgentID: m.AgentID}
			}
		}
		if nonEmpty < 50 {
			t.Fatalf("%s: only %d of the searches found anyone: the test proves little", round, nonEmpty)
		}
	}
	compare("after a restart")

	// Random writes through the services, then compare again: the index follows them.
	for range 150 {
		a := agents[rng.IntN(len(agents))]
		u := &passerelles.User{AgentID: a.ID, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent}}
		actx := passerelles.NewContextWithUser(ctx, u)
		s := skills[rng.IntN(len(skills))].ID
		var err error
		switch rng.IntN(6) {
		case 0, 1:
			_, err = svc.Profiles.DeclareSkill(actx, passerelles.SkillDeclaration{SkillID: s, Level: 1 + rng.IntN(8), WantsToDevelop: rng.IntN(2) == 0})
		case 2:
			if err = svc.Profiles.RemoveSkill(actx, s); code(err) == passerelles.ENOTFOUND {
				err = nil
			}
		case 3:
			v := []passerelles.Visibility{passerelles.VisibilityPrivate, passerelles.VisibilityManagers, passerelles.VisibilityAllAgents}[rng.IntN(3)]
			hidden := pickIDs(1, func(i int) int64 { return orgs[i].ID }, len(orgs))
			if hidden == nil {
				hidden = []int64{}
			}
			_, err = svc.Profiles.UpdateProfile(actx, passerelles.ProfileUpdate{Visibility: &v, HiddenFrom: &hidden,
				RegionID: &regions[rng.IntN(len(regions))].ID, Bio: ptr(words[rng.IntN(4)])})
		case 4:
			clock.Advance(time.Duration(rng.IntN(400)) * 24 * time.Hour)
			mu := &passerelles.User{AgentID: agents[0].ID, AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessManager}}
			_, err = svc.Profiles.ValidateSkill(passerelles.NewContextWithUser(ctx, mu), a.ID, s, 1+rng.IntN(8), "Revu")
			if c := code(err); c == passerelles.ENOTFOUND || c == passerelles.EFORBIDDEN {
				err = nil
			}
		case 5:
			_, err = svc.Profiles.UpdateProfile(actx, passerelles.ProfileUpdate{OpenToMobility: ptr(rng.IntN(2) == 0),
				MobilityFamilies: &[]passerelles.RoleFamily{passerelles.RoleFamilyDigital}, WillingToMentor: ptr(rng.IntN(2) == 0)})
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	compare("after random writes")
}
