package schema_test

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/graphql-go/graphql"

	"passerelles"
	"passerelles/resolvers"
	"passerelles/schema"
	"passerelles/seed"
	"passerelles/sqlite"
)

var update = flag.Bool("update", false, "rewrite schema.graphql from the live schema")

// counting wraps the real services and counts the calls that reach the store.
type counting struct {
	passerelles.FrameworkService
	passerelles.SkillService
	passerelles.RoleService
	passerelles.TransitionService
	calls atomic.Int64
}

func (c *counting) FindFrameworks(ctx context.Context, f passerelles.FrameworkFilter) ([]*passerelles.Framework, int, error) {
	c.calls.Add(1)
	return c.FrameworkService.FindFrameworks(ctx, f)
}

func (c *counting) FindFrameworkByCode(ctx context.Context, code string) (*passerelles.Framework, error) {
	c.calls.Add(1)
	return c.FrameworkService.FindFrameworkByCode(ctx, code)
}

func (c *counting) FindSkills(ctx context.Context, f passerelles.SkillFilter) ([]*passerelles.Skill, int, error) {
	c.calls.Add(1)
	return c.SkillService.FindSkills(ctx, f)
}

func (c *counting) FindRoles(ctx context.Context, f passerelles.RoleFilter) ([]*passerelles.Role, int, error) {
	c.calls.Add(1)
	return c.RoleService.FindRoles(ctx, f)
}

func (c *counting) FindTransitions(ctx context.Context, f passerelles.TransitionFilter) ([]*passerelles.Transition, int, error) {
	c.calls.Add(1)
	return c.TransitionService.FindTransitions(ctx, f)
}

type fixture struct {
	schema   graphql.Schema
	resolver *resolvers.Resolver
	count    *counting
}

// MustBuild opens a real SQLite database with the referentials and builds the schema.
func MustBuild(tb testing.TB) *fixture {
	tb.Helper()
	db := sqlite.NewDB(filepath.Join(tb.TempDir(), "schema.db"))
	if err := db.Open(context.Background()); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	s := db.Services()
	if _, err := seed.LoadReferentials(context.Background(), s); err != nil {
		tb.Fatal(err)
	}
	c := &counting{FrameworkService: s.Frameworks, SkillService: s.Skills, RoleService: s.Roles, TransitionService: s.Transitions}
	counted := s
	counted.Frameworks, counted.Skills, counted.Roles, counted.Transitions = c, c, c, c
	r := resolvers.New(counted)
	sch, err := schema.New(r)
	if err != nil {
		tb.Fatal(err)
	}
	return &fixture{schema: sch, resolver: r, count: c}
}

func (f *fixture) do(query string, vars map[string]any) *graphql.Result {
	ctx := f.resolver.WithLoaders(context.Background())
	return graphql.Do(graphql.Params{Schema: f.schema, RequestString: query, VariableValues: vars, Context: ctx})
}

func TestSchemaSDL(t *testing.T) {
	f := MustBuild(t)
	got := schema.PrintSDL(f.schema)
	if *update {
		if err := os.WriteFile("schema.graphql", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("schema.graphql")
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Fatalf("schema/schema.graphql differs from the live schema; run `make schema` and review the diff")
	}
}

func TestEverythingDescribed(t *testing.T) {
	f := MustBuild(t)
	if missing := schema.TypesWithoutDescription(f.schema); len(missing) > 0 {
		t.Fatalf("without description: %s", strings.Join(missing, ", "))
	}
}

// TestMutationFieldsNullable holds the GitHub and Relay convention: a mutation field is
// nullable, so that in a document of several mutations a failing one answers null with
// its error while the others still report their results (a non-null field's error would
// null the whole data).
func TestMutationFieldsNullable(t *testing.T) {
	f := MustBuild(t)
	fields := f.schema.MutationType().Fields()
	if len(fields) == 0 {
		t.Fatal("no mutation field")
	}
	for name, field := range fields {
		if _, nonNull := field.Type.(*graphql.NonNull); nonNull {
			t.Errorf("Mutation.%s is %s: make it nullable", name, field.Type)
		}
	}
}

func TestQueries(t *testing.T) {
	f := MustBuild(t)
	for _, tc := range []struct {
		name     string
		query    string
		vars     map[string]any
		wantData string // JSON the data must contain (as a substring of the marshalled data)
		wantCode string
	}{
		{name: "FrameworkCount", query: `{ frameworks { totalCount edges { node { code } } } }`,
			wantData: `"totalCount":2`},
		{name: "PixLevels", query: `{ framework(code: "pix") { levels { value code label } } }`,
			wantData: `{"code":"8","label":"Expert","value":8}`},
		{name: "EcfDefinedLevels", query: `{ skills(framework: "ecf", search: "Application Development") { edges { node { code levels { code } } } } }`,
			wantData: `{"code":"B.1","levels":[{"code":"e-1"},{"code":"e-2"},{"code":"e-3"}]}`},
		{name: "SearchFoldsAccents", query: `{ skills(search: "donnees") { edges { node { name } } } }`,
			wantData: `"Gérer des données"`},
		{name: "SearchIsSafe", query: `query($q: String) { skills(search: $q) { totalCount } }`,
			vars: map[string]any{"q": `") OR name:* NEAR(a b) "`}, wantData: `"totalCount"`},
		{name: "SearchOnlyPunctuation", query: `{ skills(search: "\"*()") { totalCount } }`,
			wantData: `"totalCount":0`},
		{name: "RoleWithRequiredSkills", query: `{ role(code: "D03") { title family requiredSkills { skill { code } level { code } weight } } }`,
			wantData: `"family":"DIGITAL"`},
		{name: "TransitionsBothWays", query: `{ role(code: "B06") { transitionsFrom { to { code } } transitionsTo { from { code } kind } } }`,
			wantData: `"transitionsTo":[{"from":{"code":"D02"},"kind":"CLOSE"},{"from":{"code":"D14"},"kind":"PROMOTION"}]`},
		{name: "OrganisationRegion", query: `{ organisations(type: ARS, first: 1) { totalCount edges { node { type region { name } ministry { code } } } } }`,
			wantData: `"totalCount":18`},
		{name: "Communities", query: `{ communities { totalCount edges { node { name skills { code } } } } }`,
			wantData: `"totalCount":7`},
		{name: "Grades", query: `{ grades { totalCount } }`, wantData: `"totalCount":5`},
		{name: "ErrNotFound", query: `{ role(code: "ZZZ") { title } }`, wantCode: passerelles.ENOTFOUND},
		{name: "ErrFirstTooLarge", query: `{ skills(first: 101) { totalCount } }`, wantCode: passerelles.EINVALID},
		{name: "ErrFirstNegative", query: `{ skills(first: -1) { totalCount } }`, wantCode: passerelles.EINVALID},
		{name: "ErrBadCursor", query: `{ skills(after: "zzz") { totalCount } }`, wantCode: passerelles.EINVALID},
		{name: "ErrBadID", query: `{ skill(id: "abc") { code } }`, wantCode: passerelles.EINVALID},
		{name: "ErrUnknownSkill", query: `{ skill(id: "999999") { code } }`, wantCode: passerelles.ENOTFOUND},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := f.do(tc.query, tc.vars)
			if tc.wantCode != "" {
				if len(res.Errors) == 0 {
					t.Fatalf("no error, want %s", tc.wantCode)
				}
				if got := passerelles.ErrorCode(schema.OriginalError(res.Errors[0])); got != tc.wantCode {
					t.Fatalf("code = %s (%v), want %s", got, res.Errors[0], tc.wantCode)
				}
				return
			}
			if len(res.Errors) > 0 {
				t.Fatalf("errors: %v", res.Errors)
			}
			b, _ := json.Marshal(res.Data)
			if !strings.Contains(string(b), tc.wantData) {
				t.Fatalf("data %s does not contain %s", b, tc.wantData)
			}
		})
	}
}

func TestPagination(t *testing.T) {
	f := MustBuild(t)
	var codes []string
	after := ""
	for page := 0; page < 10; page++ {
		res := f.do(`query($after: String) { skills(framework: "ecf", first: 15, after: $after) {
			totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { code } } } }`,
			map[string]any{"after": after})
		if len(res.Errors) > 0 {
			t.Fatal(res.Errors)
		}
		conn := res.Data.(map[string]any)["skills"].(map[string]any)
		for _, e := range conn["edges"].([]any) {
			codes = append(codes, e.(map[string]any)["node"].(map[string]any)["code"].(string))
		}
		info := conn["pageInfo"].(map[string]any)
		if got, want := info["hasPreviousPage"].(bool), page > 0; got != want {
			t.Fatalf("page %d hasPreviousPage = %v", page, got)
		}
		if !info["hasNextPage"].(bool) {
			break
		}
		after = info["endCursor"].(string)
	}
	if len(codes) != 40 || codes[0] != "A.1" || codes[39] != "E.9" {
		t.Fatalf("paged through %d e-CF skills (%v…), want 40 from A.1 to E.9", len(codes), codes[:min(3, len(codes))])
	}
	seen := map[string]bool{}
	for _, c := range codes {
		if seen[c] {
			t.Fatalf("skill %s on two pages", c)
		}
		seen[c] = true
	}
}

// TestBatchedLoading checks that nested lists cost one store call per level, whatever the
// number of rows: 1 call for the framework, 1 for all its domains' skills, 1 for the
// frameworks of those skills — not one per domain or per skill.
func TestBatchedLoading(t *testing.T) {
	f := MustBuild(t)
	for _, tc := range []struct {
		name  string
		query string
		want  int64
	}{
		{"DomainsSkillsFramework", `{ framework(code: "ecf") { domains { skills(first: 100) { edges { node { code framework { code } domain { name } levels { code } } } } } } }`, 3},
		{"RolesRequiredSkillsTransitions", `{ roles(first: 100) { edges { node { requiredSkills { skill { code } level { code } } transitionsFrom { to { code requiredSkills { skill { name } } } } } } } }`, 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f.count.calls.Store(0)
			res := f.do(tc.query, nil)
			if len(res.Errors) > 0 {
				t.Fatal(res.Errors)
			}
			if got := f.count.calls.Load(); got > tc.want {
				t.Fatalf("%d store calls, want at most %d (batched per level)", got, tc.want)
			}
		})
	}
}
