package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestCareerPermissions runs every new field and mutation of career paths through the real
// server as the agent, another agent, a manager and an administrator, for each visibility
// of the agent's profile.
func TestCareerPermissions(t *testing.T) {
	base := MustServeDev(t)
	karim := signedIn(t, base, "persona-agent-sante")
	camille := signedIn(t, base, "persona-agent-travail")
	manager := signedIn(t, base, "persona-manager")
	admin := signedIn(t, base, "persona-admin")
	anonymous := newBrowser(t, base)
	karimID := karim.me()["id"].(string)

	roleID := func(code string) string {
		d := karim.gqlData(`query($c: String!) { role(code: $c) { id } }`, map[string]any{"c": code})
		return dig(d, "role", "id").(string)
	}
	karim.gqlData(declare, map[string]any{"s": karim.skillID("pix", "1.1"), "l": 4})
	karim.gqlData(`mutation($r: ID!) { updateMyProfile(input: {currentRoleId: $r, willingToMentor: true}) { profile { id } } }`,
		map[string]any{"r": roleID("B01")})

	const gap = `query($a: ID) { roleGap(roleCode: "D03", agentId: $a) { match explanation role { code }
		skills { skill { code } declaredLevel validatedLevel targetLevel countedLevel basis gap weight events { id } communities { code } mentors { level } }
		largestGaps { gap } mentors { madeTheMove } } }`
	const closest = `query($a: ID) { closestRoles(agentId: $a, family: DIGITAL, first: 3) { match role { code family holdersCount targetersCount } largestGaps { gap } } }`
	const paths = `query($a: ID) { careerPaths(to: "D03", agentId: $a) { entry message from { code } paths { cost totalMonths steps { kind from { code } to { code } match cost explanation } } } }`
	const history = `query($a: ID!) { profile(id: $a) { careerHistory { role { code } startedOn endedOn } } }`

	t.Run("Own", func(t *testing.T) {
		d := karim.gqlData(gap, nil)
		if dig(d, "roleGap", "role", "code") != "D03" || !strings.Contains(dig(d, "roleGap", "explanation").(string), "validé") {
			t.Fatalf("gap = %v", d)
		}
		d = karim.gqlData(closest, nil)
		if list, _ := d["closestRoles"].([]any); len(list) != 3 {
			t.Fatalf("closest = %v", d)
		}
		d = karim.gqlData(paths, nil)
		if dig(d, "careerPaths", "message") == "" || dig(d, "careerPaths", "entry") != false {
			t.Fatalf("paths = %v", d)
		}
	})
	for _, tc := range []struct {
		visibility            string
		camille, manag, admin string // the code each gets on karim's gap, closest roles, paths and history
	}{
		{"PRIVATE", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND"},
		{"MANAGERS", "NOT_FOUND", "", ""},
		{"ALL_AGENTS", "", "", ""},
	} {
		t.Run(tc.visibility, func(t *testing.T) {
			karim.gqlData(`mutation($v: Visibility!) { updateMyProfile(input: {visibility: $v}) { profile { id } } }`, map[string]any{"v": tc.visibility})
			for who, c := range map[string]struct {
				b    *browser
				want string
			}{"Agent": {camille, tc.camille}, "Manager": {manager, tc.manag}, "Admin": {admin, tc.admin}, "Anonymous": {anonymous, "UNAUTHENTICATED"}} {
				for name, q := range map[string]string{"roleGap": gap, "closestRoles": closest, "careerPaths": paths, "careerHistory": history} {
					_, d, code := c.b.gql(q, map[string]any{"a": karimID})
					if code != c.want {
						t.Fatalf("%s reads %s: %q, want %q (%v)", who, name, code, c.want, d)
					}
					if name == "roleGap" && code == "" {
						// Mentors are the viewer's own to ask: none on someone else's gap.
						if m := dig(d, "roleGap", "mentors"); len(m.([]any)) != 0 {
							t.Fatalf("%s sees mentors on karim's gap", who)
						}
					}
				}
			}
		})
	}

	t.Run("CareerHistory", func(t *testing.T) {
		const set = `mutation($e: [PastRoleInput!]!) { setCareerHistory(input: {entries: $e}) { careerHistory { role { code } startedOn endedOn } } }`
		entries := []any{
			map[string]any{"roleId": roleID("B02"), "startedOn": "2015-01-01", "endedOn": "2019-12-31"},
			map[string]any{"roleId": roleID("B01"), "startedOn": "2020-01-01"},
		}
		if _, _, code := anonymous.gql(set, map[string]any{"e": entries}); code != "UNAUTHENTICATED" {
			t.Fatalf("anonymous: %q", code)
		}
		d := karim.gqlData(set, map[string]any{"e": entries})
		if out, _ := json.Marshal(d); !strings.Contains(string(out), `"endedOn":null`) {
			t.Fatalf("history = %s", out)
		}
		bad := []any{map[string]any{"roleId": roleID("B02"), "startedOn": "2020-01-01", "endedOn": "2019-12-31"}}
		if _, _, code := karim.gql(set, map[string]any{"e": bad}); code != "INVALID_INPUT" || !strings.Contains(karim.lastError, "fin") {
			t.Fatalf("end before start: %q %s", code, karim.lastError)
		}
		d = camille.gqlData(history, map[string]any{"a": karimID}) // ALL_AGENTS since the last subtest
		if list := dig(d, "profile", "careerHistory").([]any); len(list) != 2 {
			t.Fatalf("camille reads %v", d)
		}
		d = camille.gqlData(`{ transitions(first: 100) { edges { node { kind observedMoves { count medianMonths suppressedReason } } } } }`, nil)
		if out, _ := json.Marshal(d); !strings.Contains(string(out), `"count":null`) || !strings.Contains(string(out), "Moins de 5 agents") {
			t.Fatalf("observed moves = %s", out)
		}
	})

	t.Run("Mentoring", func(t *testing.T) {
		const ask = `mutation($m: ID!) { requestMentoring(input: {mentorId: $m, roleCode: "B01", message: "Bonjour, pourriez-vous m’aider ?"}) {
			request { id state mentorName requesterName mentorEmail requesterEmail mentor { id } } } }`
		const respond = `mutation($r: ID!, $a: Boolean!) { respondToMentoring(input: {requestId: $r, accept: $a}) { request { state mentorEmail } } }`
		const withdraw = `mutation($r: ID!) { withdrawMentoringRequest(input: {requestId: $r}) { request { state } } }`
		const mine = `{ me { mentoringRequestsSent(first: 10) { totalCount edges { node { id state mentorEmail } } }
			mentoringRequestsReceived(first: 10) { totalCount edges { node { id state requesterName } } } } }`
		if _, _, code := karim.gql(ask, map[string]any{"m": karimID}); code != "INVALID_INPUT" {
			t.Fatalf("to oneself: %q", code)
		}
		karim.gqlData(`mutation { updateMyProfile(input: {visibility: PRIVATE}) { profile { id } } }`, nil)
		if _, _, code := camille.gql(ask, map[string]any{"m": karimID}); code != "NOT_FOUND" {
			t.Fatalf("to a private profile: %q", code)
		}
		karim.gqlData(`mutation { updateMyProfile(input: {visibility: ALL_AGENTS}) { profile { id } } }`, nil)
		d := camille.gqlData(ask, map[string]any{"m": karimID})
		id := dig(d, "requestMentoring", "request", "id").(string)
		if dig(d, "requestMentoring", "request", "mentorEmail") != nil || dig(d, "requestMentoring", "request", "state") != "PENDING" {
			t.Fatalf("request = %v", d)
		}
		if _, _, code := camille.gql(ask, map[string]any{"m": karimID}); code != "CONFLICT" {
			t.Fatalf("second pending: %q", code)
		}
		for who, b := range map[string]*browser{"Requester": camille, "Manager": manager, "Admin": admin} {
			if _, _, code := b.gql(respond, map[string]any{"r": id, "a": true}); code != map[string]string{
				"Requester": "FORBIDDEN", "Manager": "NOT_FOUND", "Admin": "NOT_FOUND"}[who] {
				t.Fatalf("%s answers: %q", who, code)
			}
		}
		if _, _, code := karim.gql(withdraw, map[string]any{"r": id}); code != "FORBIDDEN" {
			t.Fatalf("the mentor withdraws: %q", code)
		}
		d = karim.gqlData(mine, nil)
		if dig(d, "me", "mentoringRequestsReceived", "totalCount") != float64(1) {
			t.Fatalf("received = %v", d)
		}
		d = karim.gqlData(respond, map[string]any{"r": id, "a": true})
		if dig(d, "respondToMentoring", "request", "state") != "ACCEPTED" || dig(d, "respondToMentoring", "request", "mentorEmail") == nil {
			t.Fatalf("accepted = %v", d)
		}
		d = camille.gqlData(mine, nil)
		out, _ := json.Marshal(d)
		if !strings.Contains(string(out), `"state":"ACCEPTED"`) || !strings.Contains(string(out), "@") {
			t.Fatalf("camille's sent requests = %s", out)
		}
		if _, _, code := camille.gql(respond, map[string]any{"r": id, "a": false}); code != "FORBIDDEN" {
			t.Fatalf("answer again: %q", code)
		}
		if _, _, code := anonymous.gql(mine, nil); code != "UNAUTHENTICATED" && code != "" {
			t.Fatalf("anonymous me: %q", code)
		}
	})
}
