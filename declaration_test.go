package passerelles_test

import (
	"testing"
	"time"

	"passerelles"
)

func TestRemovedSkills(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 3, d, 9, 0, 0, 0, time.UTC) }
	v := func(n int, c passerelles.SkillChange, d int) passerelles.SkillVersion {
		return passerelles.SkillVersion{Version: n, Change: c, ValidFrom: day(d)}
	}
	for _, tc := range []struct {
		name      string
		histories map[int64][]passerelles.SkillVersion
		want      []int64 // skill ids, in order
	}{
		{"NoHistory", nil, []int64{}},
		{"DeclaredOnly", map[int64][]passerelles.SkillVersion{1: {v(1, passerelles.SkillDeclared, 1)}}, []int64{}},
		{"Removed", map[int64][]passerelles.SkillVersion{
			1: {v(1, passerelles.SkillDeclared, 1), v(2, passerelles.SkillRemoved, 2)},
			2: {v(1, passerelles.SkillDeclared, 1), v(2, passerelles.SkillUpdated, 3)},
		}, []int64{1}},
		{"RemovedThenDeclaredAgain", map[int64][]passerelles.SkillVersion{
			1: {v(1, passerelles.SkillDeclared, 1), v(2, passerelles.SkillRemoved, 2), v(3, passerelles.SkillDeclared, 3)},
		}, []int64{}},
		{"LatestRemovalFirstThenBySkill", map[int64][]passerelles.SkillVersion{
			7: {v(1, passerelles.SkillDeclared, 1), v(2, passerelles.SkillRemoved, 2)},
			3: {v(1, passerelles.SkillDeclared, 1), v(2, passerelles.SkillRemoved, 5)},
			5: {v(1, passerelles.SkillDeclared, 1), v(2, passerelles.SkillRemoved, 2)},
			9: {},
		}, []int64{3, 5, 7}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := passerelles.RemovedSkills(tc.histories)
			ids := []int64{}
			for _, r := range got {
				ids = append(ids, r.SkillID)
				if last := r.History[len(r.History)-1]; last.Change != passerelles.SkillRemoved || !r.RemovedAt.Equal(last.ValidFrom) {
					t.Fatalf("skill %d: removed at %v, latest version %+v", r.SkillID, r.RemovedAt, last)
				}
			}
			if len(ids) != len(tc.want) {
				t.Fatalf("got %v, want %v", ids, tc.want)
			}
			for i := range ids {
				if ids[i] != tc.want[i] {
					t.Fatalf("got %v, want %v", ids, tc.want)
				}
			}
		})
	}
}
