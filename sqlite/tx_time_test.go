package sqlite_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"passerelles"
)

// tickingClock moves one second forward at every call, so that two times read apart,
// even within one transaction, differ.
type tickingClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *tickingClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

// TestOneTransactionOneInstant checks that every date one mutation writes — the row's own
// date, the history's valid_to and valid_from, the audit entries and the recorded views —
// is the same instant, the time of its transaction, even with a clock that moves at every
// reading.
func TestOneTransactionOneInstant(t *testing.T) {
	f := MustOpenProfileFixture(t)
	me, ctx := f.MustSignIn(t, "gaston", f.orgA)
	MustSetVisibility(t, f.svc, ctx, passerelles.VisibilityManagers)
	boss, asBoss := f.MustSignIn(t, "boss", f.orgA, passerelles.AccessManager)
	_, asAdmin := f.MustSignIn(t, "admin", f.orgA, passerelles.AccessAdmin)
	MustDeclare(t, f.svc, ctx, f.pix11, 3)
	MustDeclare(t, f.svc, ctx, f.pix12, 3)
	f.db.Now = (&tickingClock{t: f.clock.Now()}).Now

	// history is every date of the (agent, skill) history: each version's valid_from and
	// the valid_to of the version a change closed.
	const history = `SELECT valid_from FROM agent_skill_history WHERE agent_id = ?1 AND skill_id = ?2
		UNION ALL SELECT valid_to FROM agent_skill_history WHERE agent_id = ?1 AND skill_id = ?2 AND valid_to IS NOT NULL`
	for _, tc := range []struct {
		name   string
		mutate func() error
		// dates selects the dates the mutation wrote, with ?1 the agent, ?2 the skill, ?3
		// the last audit entry before it and ?4 a time just before it (which leaves out
		// the history's older dates).
		dates string
		agent int64
		skill int64
		want  int // how many dates at least: the test would pass vacuously on fewer
	}{
		{
			name:   "ValidateSkill",
			mutate: func() error { _, err := f.svc.ValidateSkill(asBoss, me, f.pix11, 3, ""); return err },
			dates: `SELECT validated_at FROM agent_skills WHERE agent_id = ?1 AND skill_id = ?2
				UNION ALL SELECT * FROM (` + history + `) WHERE valid_from > ?4
				UNION ALL SELECT at FROM audit_log WHERE id > ?3`,
			agent: me, skill: f.pix11,
			want: 5, // validated_at, valid_to, valid_from, SKILL_VALIDATED, PROFILE_VIEWED
		},
		{
			name: "DeclareSkill",
			mutate: func() error {
				_, err := f.svc.DeclareSkill(ctx, passerelles.SkillDeclaration{SkillID: f.pix12, Level: 5, WantsToDevelop: true})
				return err
			},
			dates: `SELECT updated_at FROM agent_skills WHERE agent_id = ?1 AND skill_id = ?2
				UNION ALL SELECT * FROM (` + history + `) WHERE valid_from > ?4`,
			agent: me, skill: f.pix12,
			want: 3, // updated_at, valid_to, valid_from
		},
		{
			name:   "GrantRole",
			mutate: func() error { return f.all.Users.GrantAccessRole(asAdmin, boss, passerelles.AccessAdmin) },
			dates: `SELECT granted_at FROM agent_access_roles WHERE agent_id = ?1 AND role = 'ADMIN'
				UNION ALL SELECT at FROM audit_log WHERE id > ?3`,
			agent: boss,
			want:  2, // granted_at, ROLE_GRANTED
		},
		{
			name: "SignInBootstrapAdministrator",
			mutate: func() error {
				_, err := f.all.Users.SignIn(system, passerelles.Identity{Issuer: "https://idp.test", Subject: "first-admin",
					GivenName: "Première", UsualName: "Admin", Email: "first-admin@example.gouv.fr"}, []string{"first-admin"})
				return err
			},
			dates: `SELECT created_at FROM agents WHERE subject = 'first-admin'
				UNION ALL SELECT updated_at FROM agents WHERE subject = 'first-admin'
				UNION ALL SELECT granted_at FROM agent_access_roles WHERE agent_id = (SELECT id FROM agents WHERE subject = 'first-admin')
				UNION ALL SELECT at FROM audit_log WHERE id > ?3`,
			want: 4, // created_at, updated_at, granted_at, ROLE_GRANTED
		},
		{
			name: "CreateSession",
			mutate: func() error {
				_, err := f.all.Sessions.CreateSession(context.Background(), me, "id-token", time.Hour)
				return err
			},
			dates: `SELECT created_at FROM sessions WHERE agent_id = ?1
				UNION ALL SELECT last_seen_at FROM sessions WHERE agent_id = ?1
				UNION ALL SELECT expires_at - 3600000 FROM sessions WHERE agent_id = ?1`,
			agent: me,
			want:  3,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lastAudit := f.count(t, `SELECT COALESCE(MAX(id), 0) FROM audit_log`)
			before := f.db.Now().UnixMilli()
			if err := tc.mutate(); err != nil {
				t.Fatal(err)
			}
			rows, err := f.raw.Query(tc.dates, tc.agent, tc.skill, lastAudit, before)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var dates []int64
			instants := map[int64]bool{}
			for rows.Next() {
				var d int64
				if err := rows.Scan(&d); err != nil {
					t.Fatal(err)
				}
				dates = append(dates, d)
				instants[d] = true
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			if len(dates) < tc.want {
				t.Fatalf("%d dates written (%v), want at least %d", len(dates), dates, tc.want)
			}
			if len(instants) != 1 {
				t.Fatalf("the dates written hold %d different instants, want one: %v", len(instants), dates)
			}
		})
	}
}
