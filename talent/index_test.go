package talent

import (
	"math/rand/v2"
	"reflect"
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

// TestFacetsByEntry compares the two ways of counting facets (intersecting every
// organisation's, role's, region's and grade's set; reading each match's entry) on random
// agents, including after removals, for match sets of every size.
func TestFacetsByEntry(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	refs := Referentials{OrganisationMinistry: map[int64]int64{}, OrganisationType: map[int64]passerelles.OrganisationType{},
		RoleFamily: map[int64]passerelles.RoleFamily{}}
	for org := int64(1); org <= 12; org++ {
		if org%5 != 0 { // some organisations without a ministry or a type
			refs.OrganisationMinistry[org] = 1 + org%3
			refs.OrganisationType[org] = []passerelles.OrganisationType{"DIRECTION", "SERVICE", "ETABLISSEMENT"}[org%3]
		}
	}
	for role := int64(1); role <= 6; role++ {
		if role != 6 {
			refs.RoleFamily[role] = []passerelles.RoleFamily{passerelles.RoleFamily("BUSINESS"), passerelles.RoleFamily("DIGITAL")}[role%2]
		}
	}
	ix := New(refs)
	var agents []*Agent
	for id := int64(1); id <= 3000; id++ {
		agents = append(agents, &Agent{ID: id, OrganisationID: rng.Int64N(13), RegionID: rng.Int64N(6),
			GradeCode: []string{"", "A", "B", "C", "A+"}[rng.IntN(5)], CurrentRoleID: rng.Int64N(7)})
	}
	ix.Put(agents, []int64{})
	ix.Put(nil, []int64{5, 50, 500})
	for _, n := range []int{0, 1, 10, 200, 2000, 3000} {
		matches := ix.all.Clone()
		for matches.GetCardinality() > uint64(n) {
			matches.Remove(uint32(1 + rng.IntN(3000)))
		}
		matches.Add(50) // removed from the index: counted by neither way
		matches.Add(9999)
		a, b := ix.facets(matches), ix.facetsByEntry(matches)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("%d matches: by sets %+v, by entries %+v", n, a, b)
		}
		if n >= 200 && (len(a.Ministries) == 0 || len(a.Regions) == 0 || len(a.Grades) == 0 || len(a.OrganisationTypes) == 0 || len(a.CurrentRoleFamilies) == 0) {
			t.Fatalf("%d matches: a facet is empty: %+v", n, a)
		}
	}
}
