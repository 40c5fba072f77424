package sqlite_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"passerelles"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

// MustExportingAgent builds, on the fixture's fixed clock, an agent with something in
// every part of the export: an identity whose organisation label names an organisation,
// a completed onboarding, declarations (one removed, one ranked, one validated by a
// visible manager, one by a PRIVATE one), evidence, endorsements received from a visible
// and a private agent, endorsements given to a visible agent and to one who became
// PRIVATE since, views by both managers, their own views as a manager, a community, an
// event, a session, a calendar feed. It returns the agent's id and context.
func (f *profileFixture) MustExportingAgent(tb testing.TB) (int64, context.Context) {
	tb.Helper()
	bg := context.Background()
	orgs, _, err := f.all.Organisations.FindOrganisations(bg, passerelles.OrganisationFilter{IDs: []int64{f.orgA}, Page: passerelles.Page{Limit: 1}})
	if err != nil || len(orgs) != 1 {
		tb.Fatalf("organisation A: %v", err)
	}
	step := func() { f.clock.Advance(time.Minute) }
	m, err := f.all.Users.SignIn(system, passerelles.Identity{Issuer: "https://idp.test", Subject: "sub-jeanne", GivenName: "Jeanne",
		UsualName: "Martin", Email: "jeanne.martin@exemple.gouv.fr", UID: "jmartin", Siret: "13000203700017", IdpID: "idp-test",
		OrganizationLabel: orgs[0].Name}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	me := m.Agent.ID
	if m.Agent.AssertedOrganisationID != f.orgA {
		tb.Fatalf("asserted organisation %d, want %d: the fixture would not show it", m.Agent.AssertedOrganisationID, f.orgA)
	}
	step()
	if err := f.all.Users.GrantAccessRole(system, me, passerelles.AccessManager); err != nil {
		tb.Fatal(err)
	}
	ctx := passerelles.NewContextWithUser(bg, &passerelles.User{AgentID: me, OrganisationID: f.orgA,
		AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessManager}})
	step()
	if _, err := f.svc.UpdateProfile(ctx, passerelles.ProfileUpdate{OrganisationID: &f.orgA, RegionID: &f.region,
		GradeCode: &f.grade, CurrentRoleID: &f.role, Bio: ptr("Gestionnaire RH, je me forme à la donnée."),
		OpenToMobility: ptr(true), MobilityFamilies: &[]passerelles.RoleFamily{passerelles.RoleFamilyDigital},
		MobilityRegionIDs: &[]int64{f.region}, TargetRoleIDs: &[]int64{f.role2}, WillingToMentor: ptr(true)}); err != nil {
		tb.Fatal(err)
	}
	step()
	MustSetVisibility(tb, f.svc, ctx, passerelles.VisibilityAllAgents, f.orgH)
	step()
	score := 512
	obtained := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	if _, err := f.svc.DeclareSkill(ctx, passerelles.SkillDeclaration{SkillID: f.pix11, Level: 3, CurrentUse: true,
		Evidence: []passerelles.Evidence{{Kind: passerelles.EvidenceCertification, Title: "Certification Pix", Score: &score,
			ObtainedOn: &obtained, URL: "https://pix.fr/certificat"}}}); err != nil {
		tb.Fatal(err)
	}
	step()
	MustDeclare(tb, f.svc, ctx, f.pix12, 2)
	step()
	if err := f.svc.RemoveSkill(ctx, f.pix12); err != nil {
		tb.Fatal(err)
	}
	step()
	if _, err := f.svc.DeclareSkill(ctx, passerelles.SkillDeclaration{SkillID: f.pix13, Level: 4, WantsToDevelop: true}); err != nil {
		tb.Fatal(err)
	}
	step()
	if err := f.svc.RankTopSkills(ctx, []int64{f.pix13}); err != nil {
		tb.Fatal(err)
	}
	step()
	_, asOpen := f.MustSignIn(tb, "open-manager", f.orgA, passerelles.AccessManager)
	MustSetVisibility(tb, f.svc, asOpen, passerelles.VisibilityAllAgents)
	_, asDiscreet := f.MustSignIn(tb, "discreet-manager", f.orgA, passerelles.AccessManager) // PRIVATE
	peer, asPeer := f.MustSignIn(tb, "peer", f.orgA)
	MustSetVisibility(tb, f.svc, asPeer, passerelles.VisibilityAllAgents)
	MustDeclare(tb, f.svc, asPeer, f.pix21, 5)
	gone, asGone := f.MustSignIn(tb, "went-private", f.orgA)
	MustSetVisibility(tb, f.svc, asGone, passerelles.VisibilityAllAgents)
	MustDeclare(tb, f.svc, asGone, f.pix22, 6)
	_, asShy := f.MustSignIn(tb, "shy-endorser", f.orgA) // PRIVATE
	step()
	if _, err := f.svc.ValidateSkill(asOpen, me, f.pix11, 3, ""); err != nil {
		tb.Fatal(err)
	}
	step()
	if _, err := f.svc.ValidateSkill(asDiscreet, me, f.pix13, 3, "Niveau 3 constaté en revue annuelle."); err != nil {
		tb.Fatal(err)
	}
	for _, c := range []context.Context{asPeer, asShy} {
		step()
		if err := f.svc.EndorseSkill(c, me, f.pix11); err != nil {
			tb.Fatal(err)
		}
	}
	for _, target := range []struct {
		id    int64
		skill int64
	}{{peer, f.pix21}, {gone, f.pix22}} {
		step()
		if err := f.svc.EndorseSkill(ctx, target.id, target.skill); err != nil {
			tb.Fatal(err)
		}
		step()
		if _, err := f.svc.FindProfile(ctx, target.id); err != nil { // a view, as a manager
			tb.Fatal(err)
		}
	}
	step()
	MustSetVisibility(tb, f.svc, asGone, passerelles.VisibilityPrivate)
	step()
	if _, err := f.all.Communities.ImportMembers(system, []passerelles.CommunityMember{{CommunityID: f.community, AgentID: me,
		Role: passerelles.MemberRoleMember, JoinedAt: f.clock.Now()}}); err != nil {
		tb.Fatal(err)
	}
	ev := &passerelles.Event{CommunityID: f.community, Title: "Café data", Kind: passerelles.EventMeetup, Status: passerelles.EventPublished,
		Format: passerelles.EventOnline, OnlineURL: "https://visio.example/cafe", StartsAt: f.clock.Now().Add(24 * time.Hour),
		EndsAt: f.clock.Now().Add(25 * time.Hour), TimeZone: "Europe/Paris"}
	if _, err := f.all.Events.ImportEvents(system, []*passerelles.Event{ev}); err != nil {
		tb.Fatal(err)
	}
	step()
	if _, err := f.all.Events.RegisterForEvent(ctx, ev.ID); err != nil { // and its notification
		tb.Fatal(err)
	}
	// A manager of her organisation keeps her on a list, with a note she never reads; she
	// keeps a list and a search of her own.
	step()
	lister, err := f.all.Users.SignIn(system, passerelles.Identity{Issuer: "https://idp.test", Subject: "sub-paul", GivenName: "Paul",
		UsualName: "Lemoine", OrganizationLabel: orgs[0].Name}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	if err := f.all.Users.GrantAccessRole(system, lister.Agent.ID, passerelles.AccessManager); err != nil {
		tb.Fatal(err)
	}
	asLister := passerelles.NewContextWithUser(bg, &passerelles.User{AgentID: lister.Agent.ID, OrganisationID: f.orgA,
		AccessRoles: []passerelles.AccessRole{passerelles.AccessAgent, passerelles.AccessManager}})
	theirs, err := f.all.Shortlists.CreateShortlist(asLister, "Relève RH")
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := f.all.Shortlists.AddToShortlist(asLister, theirs.ID, me, ExportHiddenNote); err != nil {
		tb.Fatal(err)
	}
	step()
	mine, err := f.all.Shortlists.CreateShortlist(ctx, "Vivier données")
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := f.all.Shortlists.AddToShortlist(ctx, mine.ID, peer, "Piste pour le tableau de bord."); err != nil {
		tb.Fatal(err)
	}
	step()
	if _, err := f.all.Shortlists.SaveSearch(ctx, "Pix 2.1 niveau 4", passerelles.TalentFilter{
		Required: []passerelles.TalentSkill{{SkillID: f.pix21, MinLevel: 4}}}); err != nil {
		tb.Fatal(err)
	}
	step()
	if _, err := f.all.Sessions.CreateSession(bg, me, "id-token", 12*time.Hour); err != nil {
		tb.Fatal(err)
	}
	step()
	// Her registration's notification read, a change's unread, and preferences of her
	// own, at the last instant (the clock does not move: earlier dates stay as they were).
	if _, _, err := f.all.Notifications.MarkNotificationsRead(ctx, nil, true); err != nil {
		tb.Fatal(err)
	}
	if err := f.all.Notifications.Notify(system, []int64{me}, passerelles.NotifyEventChanged, ev.ID); err != nil {
		tb.Fatal(err)
	}
	if _, err := f.all.Notifications.UpdateNotificationPreferences(ctx, passerelles.NotificationPreferencesInput{
		Delivery: passerelles.DeliveryWeeklyDigest, ByEmail: true, QuietHoursStart: "20:00", QuietHoursEnd: "08:00",
		DigestDay: time.Friday, DigestTime: "16:30"}); err != nil {
		tb.Fatal(err)
	}
	if _, err := f.all.Calendars.CreateCalendarFeed(ctx); err != nil {
		tb.Fatal(err)
	}
	return me, ctx
}

// ExportHiddenNote is the note a manager keeps on the exporting agent: her export lists
// the list, never the note.
const ExportHiddenNote = "Note privée : à rappeler en septembre."

// TestExportGolden compares the export of MustExportingAgent, as the JSON file people
// download, with testdata/export.golden.json (go test ./sqlite -run TestExportGolden
// -update rewrites it; read the diff before committing it: it is the documented format).
func TestExportGolden(t *testing.T) {
	f := MustOpenProfileFixture(t)
	_, ctx := f.MustExportingAgent(t)
	x, err := f.svc.ExportMyData(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(x, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := filepath.Join("testdata", "export.golden.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("export differs from %s at line %d:\n got  %s\n want %s", golden, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("export differs from %s in length: %d lines, want %d", golden, len(gl), len(wl))
	}
}

// TestExportContents checks, on the decoded file, what issue 7 found wrong or missing.
func TestExportContents(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustExportingAgent(t)
	x, err := f.svc.ExportMyData(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(x)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	get := func(path ...any) any {
		var v any = doc
		for _, p := range path {
			switch k := p.(type) {
			case string:
				v = v.(map[string]any)[k]
			case int:
				v = v.([]any)[k]
			}
		}
		return v
	}
	byAgent := func(list string, key string, id int64) bool {
		for _, e := range get(list).([]any) {
			if v, ok := e.(map[string]any)[key].(float64); ok && int64(v) == id {
				return true
			}
		}
		return false
	}
	agents := func(list, key string) (named, blank int) {
		for _, e := range get(list).([]any) {
			if e.(map[string]any)[key] == nil {
				blank++
			} else {
				named++
			}
		}
		return
	}
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"Version", get("version") == float64(passerelles.ExportVersion)},
		{"AssertedOrganisationId", get("agent", "assertedOrganisationId") == float64(f.orgA)},
		{"OnShortlistByOwnerName", len(get("onShortlists").([]any)) == 1 && get("onShortlists", 0, "ownerName") == "Paul Lemoine" &&
			get("onShortlists", 0, "shortlist") == "Relève RH"},
		{"OnShortlistWithoutTheNote", !bytes.Contains(b, []byte("rappeler en septembre")) && !bytes.Contains(b, []byte(`"note":"Note`))},
		{"OwnShortlistWithItsNote", get("shortlists", 0, "entries", 0, "note") == "Piste pour le tableau de bord."},
		{"OwnSavedSearch", get("savedSearches", 0, "name") == "Pix 2.1 niveau 4" && get("savedSearches", 0, "filter", "required", 0, "minLevel") == float64(4)},
		{"OnboardedAt", get("agent", "onboardedAt") != nil},
		{"VisibilityChosenAt", get("agent", "visibilityChosenAt") != nil},
		{"SessionWithItsDates", len(get("sessions").([]any)) == 1 && get("sessions", 0, "createdAt") != nil &&
			get("sessions", 0, "lastSeenAt") != nil && get("sessions", 0, "expiresAt") != nil},
		{"EndorsementGivenToAgentNowPrivateHasNoId", func() bool { n, b := agents("endorsementsGiven", "agentId"); return n == 1 && b == 1 }()},
		{"EndorsementReceivedFromPrivateAgentHasNoId", func() bool {
			n, b := 0, 0
			for _, e := range get("skills").([]any) {
				for _, en := range e.(map[string]any)["endorsements"].([]any) {
					if en.(map[string]any)["endorserId"] == nil {
						b++
					} else {
						n++
					}
				}
			}
			return n == 1 && b == 1
		}()},
		{"ViewOfNowPrivateAgentHasNoId", func() bool {
			n := 0
			for _, e := range get("actions").([]any) {
				if a := e.(map[string]any); a["action"] == "PROFILE_VIEWED" && a["subjectId"] == nil {
					n++
				}
			}
			return n == 1
		}()},
		{"PrivateValidatorNamedWithoutId", func() bool {
			for _, e := range get("skills").([]any) {
				if v, _ := e.(map[string]any)["validation"].(map[string]any); v != nil {
					by := v["by"].(map[string]any)
					if by["name"] == "discreet-manager Test" {
						return by["id"] == nil
					}
				}
			}
			return false
		}()},
		{"PrivateViewerNamedWithoutId", func() bool {
			for _, e := range get("profileViews").([]any) {
				if v := e.(map[string]any); v["viewerName"] == "discreet-manager Test" {
					return v["viewerId"] == nil
				}
			}
			return false
		}()},
		{"OwnIdKeptInHistory", byAgent("skillHistory", "version", 1) && func() bool {
			by, _ := get("skillHistory", 0, "changedBy").(map[string]any)
			return by != nil && by["id"] == float64(me)
		}()},
		{"SkillsNamed", get("skills", 0, "skill", "framework") == "pix" && get("skills", 0, "skill", "name") != ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !c.ok {
				out, _ := json.MarshalIndent(x, "", "  ")
				t.Fatalf("export:\n%s", out)
			}
		})
	}
	t.Run("ErrAnonymous", func(t *testing.T) {
		if _, err := f.svc.ExportMyData(context.Background()); code(err) != passerelles.EUNAUTHENTICATED {
			t.Fatalf("err = %v", err)
		}
	})
}
