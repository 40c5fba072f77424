package sqlite_test

import (
	"strings"
	"testing"

	"passerelles"
)

// TestHistoryReadsTheLatestVersions: a person can add versions without end (each change
// adds one), so reads for display return the latest SkillVersionsShown of each skill, read
// from the latest down by the primary key, while the export keeps every version.
func TestHistoryReadsTheLatestVersions(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustSignIn(t, "restless", f.orgA)
	const changes = 3 * passerelles.SkillVersionsShown
	for i := range changes {
		MustDeclare(t, f.svc, ctx, f.pix11, 1+i%8)
	}
	MustDeclare(t, f.svc, ctx, f.pix12, 2)

	check := func(t *testing.T, name string, vs []passerelles.SkillVersion, wantFirst, wantLen int) {
		t.Helper()
		if len(vs) != wantLen || vs[0].Version != wantFirst || vs[len(vs)-1].Version != wantFirst+wantLen-1 {
			t.Fatalf("%s: %d versions from %d, want %d from %d (the latest, oldest first)", name, len(vs), vs[0].Version, wantLen, wantFirst)
		}
	}
	one, err := f.svc.FindSkillHistory(ctx, me, f.pix11)
	if err != nil {
		t.Fatal(err)
	}
	check(t, "FindSkillHistory", one, changes-passerelles.SkillVersionsShown+1, passerelles.SkillVersionsShown)
	all, err := f.svc.FindSkillHistories(ctx, []int64{me})
	if err != nil {
		t.Fatal(err)
	}
	check(t, "FindSkillHistories pix 1.1", all[me][f.pix11], changes-passerelles.SkillVersionsShown+1, passerelles.SkillVersionsShown)
	check(t, "FindSkillHistories pix 1.2", all[me][f.pix12], 1, 1)

	x, err := f.svc.ExportMyData(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, v := range x.SkillHistory {
		if v.Skill.ID == f.pix11 {
			n++
		}
	}
	if n != changes {
		t.Fatalf("the export holds %d versions of pix 1.1, want every one of the %d", n, changes)
	}

	// The plan reads each (agent, skill) pair by the primary key with a lower bound on the
	// version, not every version of the agent.
	rows, err := f.raw.Query(`EXPLAIN QUERY PLAN SELECT h.version
		FROM json_each('[1]') g CROSS JOIN skills s CROSS JOIN agent_skill_history h
		WHERE h.agent_id = g.value AND h.skill_id = s.id
			AND h.version > (SELECT MAX(m.version) FROM agent_skill_history m WHERE m.agent_id = g.value AND m.skill_id = s.id) - 10`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if got := strings.Join(plan, "\n"); !strings.Contains(got, "SEARCH h USING PRIMARY KEY (agent_id=? AND skill_id=? AND version>?)") {
		t.Fatalf("history plan:\n%s\nwant a primary-key search bounded below by the version", got)
	}
}
