package main

import (
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// gql posts a GraphQL operation as this browser and returns the decoded response.
func (b *browser) gql(query string, vars map[string]any) (status int, data map[string]any, code string) {
	b.tb.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, b.base+"/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	res, err := b.client.Do(req)
	if err != nil {
		b.tb.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Data   map[string]any `json:"data"`
		Errors []struct {
			Message    string `json:"message"`
			Extensions struct {
				Code string `json:"code"`
			} `json:"extensions"`
		} `json:"errors"`
	}
	_ = json.NewDecoder(res.Body).Decode(&out)
	b.lastError = ""
	if len(out.Errors) > 0 {
		code, b.lastError = out.Errors[0].Extensions.Code, out.Errors[0].Message
	}
	return res.StatusCode, out.Data, code
}

// signedIn returns a browser signed in as the persona (none for "").
func signedIn(t *testing.T, base, subject string) *browser {
	b := newBrowser(t, base)
	if subject != "" {
		res := b.signIn(subject, "/")
		res.Body.Close()
		if b.me() == nil {
			t.Fatalf("%s did not sign in", subject)
		}
	}
	return b
}

func (b *browser) accessRoles() string {
	me := b.me()
	r, _ := json.Marshal(me["accessRoles"])
	return string(r)
}

const grantMutation = `mutation($id: ID!, $role: GrantableAccessRole!) { grantAccessRole(input: {agentId: $id, role: $role}) { agentId accessRoles } }`
const revokeMutation = `mutation($id: ID!, $role: GrantableAccessRole!) { revokeAccessRole(input: {agentId: $id, role: $role}) { agentId accessRoles } }`

// TestRoleMatrix runs each administrator-only operation of the API as each role.
func TestRoleMatrix(t *testing.T) {
	base := MustServeDev(t)
	target := signedIn(t, base, "persona-agent-sante")
	targetID := target.me()["id"].(string)
	for _, op := range []struct{ name, query string }{{"grantAccessRole", grantMutation}, {"revokeAccessRole", revokeMutation}} {
		for _, tc := range []struct {
			who, subject, wantCode string
		}{
			{"Anonymous", "", "UNAUTHENTICATED"},
			{"Agent", "persona-agent-travail", "FORBIDDEN"},
			{"Animator", "persona-animateur", "FORBIDDEN"},
			{"Manager", "persona-manager", "FORBIDDEN"},
			{"Admin", "persona-admin", ""},
		} {
			t.Run(op.name+"/"+tc.who, func(t *testing.T) {
				b := signedIn(t, base, tc.subject)
				before := target.accessRoles()
				_, data, code := b.gql(op.query, map[string]any{"id": targetID, "role": "MANAGER"})
				if code != tc.wantCode {
					t.Fatalf("code = %q, want %q", code, tc.wantCode)
				}
				after := target.accessRoles()
				switch {
				case tc.wantCode != "" && after != before:
					t.Fatalf("refused operation changed roles: %s → %s", before, after)
				case tc.wantCode == "" && op.name == "grantAccessRole" && !strings.Contains(after, "MANAGER"):
					t.Fatalf("grant did not take: %s (%v)", after, data)
				case tc.wantCode == "" && op.name == "revokeAccessRole" && strings.Contains(after, "MANAGER"):
					t.Fatalf("revoke did not take: %s", after)
				}
			})
		}
	}
	t.Run("ErrRevokeLastAdmin", func(t *testing.T) {
		admin := signedIn(t, base, "persona-admin")
		_, _, code := admin.gql(revokeMutation, map[string]any{"id": admin.me()["id"], "role": "ADMIN"})
		if code != "CONFLICT" {
			t.Fatalf("code = %q, want CONFLICT", code)
		}
	})
}

// TestCrossSiteRequests sends the admin's mutation the ways a hostile page could, with the
// admin's cookie, and checks each is refused and changes nothing.
func TestCrossSiteRequests(t *testing.T) {
	base := MustServeDev(t)
	admin := signedIn(t, base, "persona-admin")
	target := signedIn(t, base, "persona-agent-solidarites")
	targetID := target.me()["id"].(string)
	payload, _ := json.Marshal(map[string]any{"query": grantMutation, "variables": map[string]any{"id": targetID, "role": "ADMIN"}})

	var mp strings.Builder
	w := multipart.NewWriter(&mp)
	_ = w.WriteField("query", grantMutation)
	_ = w.WriteField("variables", fmt.Sprintf(`{"id":%q,"role":"ADMIN"}`, targetID))
	w.Close()

	for _, tc := range []struct {
		name        string
		method      string
		url         string
		contentType string
		body        string
		headers     map[string]string
		wantStatus  int
	}{
		{"TextPlain", http.MethodPost, "/graphql", "text/plain", string(payload), nil, http.StatusUnsupportedMediaType},
		{"FormEncoded", http.MethodPost, "/graphql", "application/x-www-form-urlencoded",
			url.Values{"query": {grantMutation}}.Encode(), nil, http.StatusUnsupportedMediaType},
		{"Multipart", http.MethodPost, "/graphql", w.FormDataContentType(), mp.String(), nil, http.StatusUnsupportedMediaType},
		{"Get", http.MethodGet, "/graphql?query=" + url.QueryEscape(grantMutation), "", "", nil, http.StatusMethodNotAllowed},
		{"ForeignOrigin", http.MethodPost, "/graphql", "application/json", string(payload),
			map[string]string{"Origin": "https://evil.example"}, http.StatusForbidden},
		{"CrossSiteFetch", http.MethodPost, "/graphql", "application/json", string(payload),
			map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, http.StatusForbidden},
		{"CrossSiteLogout", http.MethodPost, "/auth/logout", "", "",
			map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, http.StatusForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, base+tc.url, strings.NewReader(tc.body))
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			for k, v := range tc.headers {
				req.Header.Set(k, v)
			}
			res, err := admin.client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != tc.wantStatus {
				t.Fatalf("status = %d, want %d", res.StatusCode, tc.wantStatus)
			}
			if r := target.accessRoles(); strings.Contains(r, "ADMIN") {
				t.Fatalf("a refused request granted ADMIN: %s", r)
			}
			if admin.me() == nil {
				t.Fatal("a refused request signed the admin out")
			}
		})
	}
	t.Run("SameOriginSucceeds", func(t *testing.T) {
		_, _, code := admin.gql(grantMutation, map[string]any{"id": targetID, "role": "ADMIN"})
		if code != "" || !strings.Contains(target.accessRoles(), "ADMIN") {
			t.Fatalf("same-origin grant failed: %q", code)
		}
	})
}

const usersQuery = `query($search: String!, $first: Int) { users(search: $search, first: $first) {
	totalCount edges { node { id givenName usualName accessRoles } } } }`

// TestUsersQuery runs the administrators' search of people (Query.users) as each role, and
// as an administrator with accents and case that differ from the stored names.
func TestUsersQuery(t *testing.T) {
	base := MustServeDev(t)
	camille := signedIn(t, base, "persona-agent-travail")
	camilleID := camille.me()["id"].(string)
	managerID := signedIn(t, base, "persona-manager").me()["id"].(string)
	for _, tc := range []struct {
		who, subject, search, wantCode, wantID, wantRole string
	}{
		{"Anonymous", "", "Camille Lefèvre", "UNAUTHENTICATED", "", ""},
		{"Agent", "persona-agent-sante", "Camille Lefèvre", "FORBIDDEN", "", ""},
		{"Animator", "persona-animateur", "Camille Lefèvre", "FORBIDDEN", "", ""},
		{"Manager", "persona-manager", "Camille Lefèvre", "FORBIDDEN", "", ""},
		{"Admin", "persona-admin", "CAMILLE lefevre", "", camilleID, "AGENT"},
		{"AdminFindsManager", "persona-admin", "nathalie garn", "", managerID, "MANAGER"},
		{"AdminErrInvalidSearch", "persona-admin", "\u202ecamille", "INVALID_INPUT", "", ""},
	} {
		t.Run(tc.who, func(t *testing.T) {
			b := signedIn(t, base, tc.subject)
			_, data, code := b.gql(usersQuery, map[string]any{"search": tc.search, "first": 100})
			if code != tc.wantCode {
				t.Fatalf("code = %q, want %q (%s)", code, tc.wantCode, b.lastError)
			}
			if tc.wantCode != "" {
				if data != nil && data["users"] != nil {
					t.Fatalf("a refused search answered %v", data["users"])
				}
				return
			}
			users, _ := data["users"].(map[string]any)
			edges, _ := users["edges"].([]any)
			found := false
			for _, e := range edges {
				node := e.(map[string]any)["node"].(map[string]any)
				if node["id"] == tc.wantID {
					found = true
					roles, _ := json.Marshal(node["accessRoles"])
					if !strings.Contains(string(roles), `"`+tc.wantRole+`"`) {
						t.Fatalf("access roles = %s, want %s among them", roles, tc.wantRole)
					}
				}
			}
			if !found {
				t.Fatalf("%q did not find agent %s: %v", tc.search, tc.wantID, users)
			}
		})
	}
}

// TestUsersWithPrivateProfile: an administrator lists people whose profile they may not
// see (PRIVATE, the default after sign-in): the page is answered, the profile is null.
func TestUsersWithPrivateProfile(t *testing.T) {
	base := MustServeDev(t)
	camilleID := signedIn(t, base, "persona-agent-travail").me()["id"].(string)
	admin := signedIn(t, base, "persona-admin")
	_, data, code := admin.gql(`query($s: String!) { users(search: $s) { edges { node { id profile { id } } } } }`,
		map[string]any{"s": "camille"})
	if code != "" {
		t.Fatalf("code %q (%s): a profile the administrator may not see blanks the page", code, admin.lastError)
	}
	b, _ := json.Marshal(data)
	if !strings.Contains(string(b), `{"id":"`+camilleID+`","profile":null}`) {
		t.Fatalf("users = %s, want Camille with a null profile", b)
	}
}
