package talent

import (
	"math/rand/v2"
	"slices"
	"testing"

	"passerelles"
)

// TestDeclarationsWalkColumns checks the reads of declarations from the sparse columns
// against a map, on random columns, for agents asked in increasing order (the ranking),
// in any order (the explanation of a page) and after updates and removals.
func TestDeclarationsWalkColumns(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for _, size := range []int{0, 1, 7, 300, 20_000} {
		ix := New(Referentials{})
		want := map[[2]int64]Declaration{} // (agent, skill)
		agents := map[int64]*Agent{}
		for id := int64(1); id <= int64(size)*3; id++ {
			a := &Agent{ID: id}
			for skill := int64(1); skill <= 3; skill++ {
				if rng.IntN(3) == 0 {
					d := Declaration{SkillID: skill, Level: 1 + rng.IntN(8), ChangedDay: int32(rng.IntN(20000))}
					a.Skills = append(a.Skills, d)
					want[[2]int64{id, skill}] = d
				}
			}
			agents[id] = a
		}
		all := make([]*Agent, 0, len(agents))
		for id := int64(1); id <= int64(len(agents)); id++ {
			all = append(all, agents[id])
		}
		ix.Put(all, nil)
		ix.Optimize()
		// Updates and removals after the build: inserted in the middle, taken out.
		for range size / 3 {
			id := 1 + rng.Int64N(int64(len(agents))+1)
			if rng.IntN(4) == 0 {
				ix.Put(nil, []int64{id})
				for skill := int64(1); skill <= 3; skill++ {
					delete(want, [2]int64{id, skill})
				}
				continue
			}
			a := &Agent{ID: id}
			for skill := int64(1); skill <= 3; skill++ {
				delete(want, [2]int64{id, skill})
				if rng.IntN(2) == 0 {
					d := Declaration{SkillID: skill, Level: 1 + rng.IntN(8), ValidatedLevel: rng.IntN(3), ChangedDay: 7}
					a.Skills = append(a.Skills, d)
					want[[2]int64{id, skill}] = d
				}
			}
			ix.Put([]*Agent{a}, nil)
		}
		f := &passerelles.TalentFilter{Required: []passerelles.TalentSkill{{SkillID: 2}}, Optional: []passerelles.TalentSkill{{SkillID: 1}, {SkillID: 3}, {SkillID: 4}}}
		increasing := make([]int64, 0, len(agents)+2)
		for id := int64(0); id <= int64(len(agents))+1; id++ {
			if rng.IntN(2) == 0 {
				increasing = append(increasing, id)
			}
		}
		shuffled := slices.Clone(increasing)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		for name, order := range map[string][]int64{"Increasing": increasing, "AnyOrder": shuffled} {
			ds := ix.declarationsOf(f)
			for _, id := range order {
				ds.id = uint32(id)
				for skill := int64(1); skill <= 4; skill++ {
					got, ok := ds.Declaration(skill)
					w, wok := want[[2]int64{id, skill}]
					if ok != wok || (ok && (got.Level != w.Level || got.ValidatedLevel != w.ValidatedLevel || got.ChangedDay != w.ChangedDay)) {
						t.Fatalf("size %d, %s: agent %d skill %d: got %+v %v, want %+v %v", size, name, id, skill, got, ok, w, wok)
					}
				}
			}
		}
	}
}
