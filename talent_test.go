package passerelles_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"passerelles"
)

// TestTalentScopeIsCanSeeProfile checks the twin rule: the scope a talent search applies
// as sets holds exactly the profiles CanSeeProfile shows, for every kind of viewer,
// visibility and hidden organisations.
func TestTalentScopeIsCanSeeProfile(t *testing.T) {
	viewers := map[string]*passerelles.User{
		"anonymous": nil,
		"system":    {System: true},
		"no agent":  {AccessRoles: []passerelles.AccessRole{passerelles.AccessManager}},
	}
	for _, roles := range [][]passerelles.AccessRole{{passerelles.AccessAgent}, {passerelles.AccessAgent, passerelles.AccessManager}, {passerelles.AccessAgent, passerelles.AccessAdmin}} {
		for _, org := range []int64{0, 10, 20} {
			viewers[fmt.Sprintf("%v in %d", roles, org)] = &passerelles.User{AgentID: 1, OrganisationID: org, AccessRoles: roles}
		}
	}
	for name, v := range viewers {
		scope := passerelles.TalentScopeFor(v)
		for _, id := range []int64{1, 2} {
			for _, vis := range []passerelles.Visibility{passerelles.VisibilityPrivate, passerelles.VisibilityManagers, passerelles.VisibilityAllAgents} {
				for _, hidden := range [][]int64{nil, {10}, {20, 30}, {30}} {
					a := &passerelles.Agent{ID: id, Visibility: vis}
					if got, want := scope.Includes(a, hidden), passerelles.CanSeeProfile(v, a, hidden); got != want {
						t.Errorf("%s, agent %d %s hidden from %v: scope %v, CanSeeProfile %v", name, id, vis, hidden, got, want)
					}
				}
			}
		}
	}
}

type decls map[int64]passerelles.TalentDeclaration

func (d decls) Declaration(id int64) (passerelles.TalentDeclaration, bool) {
	v, ok := d[id]
	return v, ok
}

// TestTalentMatch checks the score and its explanation on known cases.
func TestTalentMatch(t *testing.T) {
	today := passerelles.TalentDay(time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC))
	d := decls{
		1: {Level: 6, ChangedDay: today},
		2: {Level: 4, ValidatedLevel: 4, ChangedDay: today - 400},  // validated, 1–3 years
		3: {Level: 5, ValidatedLevel: 3, ChangedDay: today - 2000}, // validated lower, old
	}
	for _, tc := range []struct {
		name   string
		filter passerelles.TalentFilter
		score  int
		ok     bool
		parts  []int
	}{
		{"RequiredAtLevel", passerelles.TalentFilter{Required: []passerelles.TalentSkill{{SkillID: 1, MinLevel: 6, MaxLevel: 8}}}, 75, true, []int{75}},
		{"RequiredBelowMinimum", passerelles.TalentFilter{Required: []passerelles.TalentSkill{{SkillID: 1, MinLevel: 7, MaxLevel: 8}}}, 0, false, nil},
		{"RequiredMissing", passerelles.TalentFilter{Required: []passerelles.TalentSkill{{SkillID: 9, MinLevel: 1, MaxLevel: 8}}}, 0, false, nil},
		// 100 × 4/8 × 5/4 × 85 % = 53.
		{"ValidatedAndRecency", passerelles.TalentFilter{Required: []passerelles.TalentSkill{{SkillID: 2, MinLevel: 1, MaxLevel: 8}}}, 53, true, []int{53}},
		// Declared 5 counts (not validated at that level), old: 100 × 5/5 × 70 % = 70.
		{"ValidatedLowerCountsDeclared", passerelles.TalentFilter{Required: []passerelles.TalentSkill{{SkillID: 3, MinLevel: 5, MaxLevel: 5}}}, 70, true, []int{70}},
		// Validated only: 3 counts, validated: 100 × 3/5 × 5/4 × 70 % = 52; 5 is not reached.
		{"ValidatedOnly", passerelles.TalentFilter{ValidatedOnly: true, Required: []passerelles.TalentSkill{{SkillID: 3, MinLevel: 3, MaxLevel: 5}}}, 52, true, []int{52}},
		{"ValidatedOnlyBelow", passerelles.TalentFilter{Required: []passerelles.TalentSkill{{SkillID: 3, MinLevel: 4, MaxLevel: 5, ValidatedOnly: true}}}, 0, false, nil},
		{"ValidatedOnlyNone", passerelles.TalentFilter{Required: []passerelles.TalentSkill{{SkillID: 1, MinLevel: 1, MaxLevel: 8, ValidatedOnly: true}}}, 0, false, nil},
		// Optional: half the points, and a missing one counts 0 without refusing.
		{"Optional", passerelles.TalentFilter{Required: []passerelles.TalentSkill{{SkillID: 1, MinLevel: 1, MaxLevel: 8}},
			Optional: []passerelles.TalentSkill{{SkillID: 2, MaxLevel: 8}, {SkillID: 9, MaxLevel: 8}}}, 75 + 26, true, []int{75, 26, 0}},
		{"Nothing", passerelles.TalentFilter{}, 0, true, []int{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			score, ok, explain := tc.filter.Match(d, today, []passerelles.SkillMatch{})
			if score != tc.score || ok != tc.ok {
				t.Fatalf("score %d ok %v, want %d %v", score, ok, tc.score, tc.ok)
			}
			if !ok {
				return
			}
			parts := []int{}
			sum := 0
			for _, m := range explain {
				parts = append(parts, m.Points)
				sum += m.Points
			}
			if !reflect.DeepEqual(parts, tc.parts) || sum != score {
				t.Fatalf("parts %v (sum %d), want %v", parts, sum, tc.parts)
			}
			if s, o, e := tc.filter.Match(d, today, nil); s != score || o != ok || e != nil {
				t.Fatalf("without an explanation: %d %v %v", s, o, e)
			}
		})
	}
	one := passerelles.TalentFilter{Required: []passerelles.TalentSkill{{SkillID: 2, MinLevel: 1, MaxLevel: 8}}}
	_, _, explain := one.Match(d, today, []passerelles.SkillMatch{})
	want := passerelles.SkillMatch{SkillID: 2, Required: true, Level: 4, Validated: true, ChangedDay: today - 400, Recency: passerelles.RecencyWithin3Years, Points: 53}
	if !reflect.DeepEqual(explain, []passerelles.SkillMatch{want}) {
		t.Fatalf("explanation %+v, want %+v", explain, want)
	}
	if got := want.ChangedOn(); !got.Equal(time.Date(2025, 1, 26, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("changed on %v", got)
	}
}

// TestTalentFilterValidate checks the bounds of a filter and their French messages, each
// naming its field.
func TestTalentFilterValidate(t *testing.T) {
	many := func(n int) []int64 {
		out := make([]int64, n)
		for i := range out {
			out[i] = int64(i + 1)
		}
		return out
	}
	skills := func(n int) []passerelles.TalentSkill {
		out := make([]passerelles.TalentSkill, n)
		for i := range out {
			out[i] = passerelles.TalentSkill{SkillID: int64(i + 1), MinLevel: 1}
		}
		return out
	}
	for _, tc := range []struct {
		name, field string
		f           passerelles.TalentFilter
	}{
		{"TooManyRequired", "required", passerelles.TalentFilter{Required: skills(11)}},
		{"NoSkill", "required.0.skillId", passerelles.TalentFilter{Required: []passerelles.TalentSkill{{MinLevel: 1}}}},
		{"NoMinimum", "required.1.minLevel", passerelles.TalentFilter{Required: []passerelles.TalentSkill{{SkillID: 1, MinLevel: 1}, {SkillID: 2}}}},
		{"OptionalWithMinimum", "optional.0.minLevel", passerelles.TalentFilter{Optional: []passerelles.TalentSkill{{SkillID: 1, MinLevel: 2}}}},
		{"Twice", "optional.0.skillId", passerelles.TalentFilter{Required: skills(1), Optional: []passerelles.TalentSkill{{SkillID: 1}}}},
		{"TooManyRegions", "regionIds", passerelles.TalentFilter{RegionIDs: many(21)}},
		{"UnknownType", "organisationTypes.0", passerelles.TalentFilter{OrganisationTypes: []passerelles.OrganisationType{"PREFECTURE"}}},
		{"UnknownFamily", "mobilityFamilies.0", passerelles.TalentFilter{MobilityFamilies: []passerelles.RoleFamily{"OTHER"}}},
		{"TextTooLong", "text", passerelles.TalentFilter{Text: strings.Repeat("é", 201)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.f.Validate()
			if passerelles.ErrorCode(err) != passerelles.EINVALID || passerelles.ErrorField(err) != tc.field {
				t.Fatalf("got %v (field %q), want INVALID_INPUT on %q", err, passerelles.ErrorField(err), tc.field)
			}
			if msg := passerelles.ErrorMessage(err); strings.Contains(msg, "'") {
				t.Fatalf("message with a straight apostrophe: %s", msg)
			}
		})
	}
	f := passerelles.TalentFilter{RegionIDs: []int64{3, 1, 3}, Text: "  données \u202e ", Required: skills(10), Optional: []passerelles.TalentSkill{{SkillID: 99}}}
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(f.RegionIDs, []int64{1, 3}) || f.Text != "données \u202e" {
		t.Fatalf("normalised to %v %q", f.RegionIDs, f.Text)
	}
}
