package schema

import (
	"reflect"
	"strings"
	"testing"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"
)

// printTestSchema builds a small schema exercising every printed construct.
func printTestSchema(t *testing.T) graphql.Schema {
	t.Helper()

	dateScalar := graphql.NewScalar(graphql.ScalarConfig{
		Name:         "Date",
		Description:  "A calendar date, formatted YYYY-MM-DD.",
		Serialize:    func(v interface{}) interface{} { return v },
		ParseValue:   func(v interface{}) interface{} { return v },
		ParseLiteral: func(v ast.Value) interface{} { return nil },
	})

	framework := graphql.NewEnum(graphql.EnumConfig{
		Name:        "Framework",
		Description: "A front-end framework.",
		Values: graphql.EnumValueConfigMap{
			"REACT":   {Value: 1, Description: "React, by Meta."},
			"ANGULAR": {Value: 2},
			"VUE":     {Value: 3, Description: "Vue.js.", DeprecationReason: `Use "REACT" instead`},
			"EMBER":   {Value: 4, DeprecationReason: graphql.DefaultDeprecationReason},
		},
	})

	node := graphql.NewInterface(graphql.InterfaceConfig{
		Name:        "Node",
		Description: "An object with a global ID.",
		Fields: graphql.Fields{
			"id": {Type: graphql.NewNonNull(graphql.ID), Description: "The global ID."},
		},
		ResolveType: func(p graphql.ResolveTypeParams) *graphql.Object { return nil },
	})

	skill := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Skill",
		Description: "A skill.\n\nSkills belong to a framework; a description with \"\"\" inside.",
		Interfaces:  []*graphql.Interface{node},
		Fields: graphql.Fields{
			"id":         {Type: graphql.NewNonNull(graphql.ID), Description: "The global ID."},
			"name":       {Type: graphql.NewNonNull(graphql.String)},
			"frameworks": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(framework)))},
			"level":      {Type: graphql.Int, DeprecationReason: "Use rank"},
			"since":      {Type: dateScalar},
		},
	})

	connection := graphql.NewObject(graphql.ObjectConfig{
		Name: "SkillConnection",
		Fields: graphql.Fields{
			"nodes":     {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(skill)))},
			"endCursor": {Type: graphql.String},
		},
	})

	result := graphql.NewUnion(graphql.UnionConfig{
		Name:        "SearchResult",
		Types:       []*graphql.Object{skill, connection},
		ResolveType: func(p graphql.ResolveTypeParams) *graphql.Object { return nil },
	})

	skillInput := graphql.NewInputObject(graphql.InputObjectConfig{
		Name:        "SkillInput",
		Description: "Data for a new skill.",
		Fields: graphql.InputObjectConfigFieldMap{
			"name":       {Type: graphql.NewNonNull(graphql.String), Description: "Display name."},
			"level":      {Type: graphql.Int, DefaultValue: 1},
			"frameworks": {Type: graphql.NewList(graphql.NewNonNull(framework)), DefaultValue: []interface{}{1, 3}},
			"since":      {Type: dateScalar, DefaultValue: "2024-01-31"},
		},
	})

	query := graphql.NewObject(graphql.ObjectConfig{
		Name: "Query",
		Fields: graphql.Fields{
			"skills": {
				Type: graphql.NewNonNull(connection),
				Args: graphql.FieldConfigArgument{
					"framework": {Type: framework, DefaultValue: 1},
					"first":     {Type: graphql.Int, DefaultValue: 20},
					"after":     {Type: graphql.String},
					"minScore":  {Type: graphql.Float, DefaultValue: 0.5},
					"exact":     {Type: graphql.Boolean, DefaultValue: false},
					"query":     {Type: graphql.String, DefaultValue: "say \"hi\"\n\\o/"},
					"tags":      {Type: graphql.NewList(graphql.String), DefaultValue: []interface{}{"go", "sql"}},
					"filter":    {Type: skillInput, DefaultValue: map[string]interface{}{"name": "x", "frameworks": []interface{}{2}}},
				},
			},
			"node": {
				Type:        node,
				Description: "Fetches an object given its ID.",
				Args: graphql.FieldConfigArgument{
					"id":   {Type: graphql.NewNonNull(graphql.ID), Description: "The ID of an object."},
					"lang": {Type: graphql.String, DefaultValue: "fr"},
				},
			},
			"search": {Type: graphql.NewList(result)},
		},
	})

	mutation := graphql.NewObject(graphql.ObjectConfig{
		Name: "Mutation",
		Fields: graphql.Fields{
			"addSkill": {
				Type: skill,
				Args: graphql.FieldConfigArgument{
					"input": {Type: graphql.NewNonNull(skillInput)},
				},
			},
		},
	})

	s, err := graphql.NewSchema(graphql.SchemaConfig{Query: query, Mutation: mutation})
	if err != nil {
		t.Fatalf("NewSchema: %v", err)
	}
	return s
}

const wantTestSDL = `"""A calendar date, formatted YYYY-MM-DD."""
scalar Date

"""A front-end framework."""
enum Framework {
  ANGULAR
  EMBER @deprecated

  """React, by Meta."""
  REACT

  """Vue.js."""
  VUE @deprecated(reason: "Use \"REACT\" instead")
}

type Mutation {
  addSkill(input: SkillInput!): Skill
}

"""An object with a global ID."""
interface Node {
  """The global ID."""
  id: ID!
}

type Query {
  """Fetches an object given its ID."""
  node(
    """The ID of an object."""
    id: ID!
    lang: String = "fr"
  ): Node
  search: [SearchResult]
  skills(after: String, exact: Boolean = false, filter: SkillInput = {frameworks: [ANGULAR], name: "x"}, first: Int = 20, framework: Framework = REACT, minScore: Float = 0.5, query: String = "say \"hi\"\n\\o/", tags: [String] = ["go", "sql"]): SkillConnection!
}

union SearchResult = Skill | SkillConnection

"""
A skill.

Skills belong to a framework; a description with \""" inside.
"""
type Skill implements Node {
  frameworks: [Framework!]!

  """The global ID."""
  id: ID!
  level: Int @deprecated(reason: "Use rank")
  name: String!
  since: Date
}

type SkillConnection {
  endCursor: String
  nodes: [Skill!]!
}

"""Data for a new skill."""
input SkillInput {
  frameworks: [Framework!] = [REACT, VUE]
  level: Int = 1

  """Display name."""
  name: String!
  since: Date = "2024-01-31"
}
`

func TestPrintSDL(t *testing.T) {
	s := printTestSchema(t)
	got := PrintSDL(s)
	if got != wantTestSDL {
		t.Errorf("PrintSDL mismatch\n--- got ---\n%s\n--- want ---\n%s", got, wantTestSDL)
	}
	// Map iteration order is random in Go: printing must not depend on it.
	for i := 0; i < 20; i++ {
		if again := PrintSDL(printTestSchema(t)); again != got {
			t.Fatalf("PrintSDL is not deterministic:\n%s\nvs\n%s", got, again)
		}
	}
}

// TestPrintSDLParses checks that graphql-go's own parser accepts the printed
// SDL (descriptions as block strings, implements, unions, enum directives,
// defaults) and that descriptions survive the round trip.
//
// graphql-go v0.8.1's parser rejects the `null` literal (valid GraphQL since
// the 2018 spec), so the test schema has no null inside a default value;
// printing null is covered by TestPrintValue.
func TestPrintSDLParses(t *testing.T) {
	s := printTestSchema(t)
	sdl := PrintSDL(s)
	doc, err := parser.Parse(parser.ParseParams{Source: sdl})
	if err != nil {
		t.Fatalf("parser.Parse(PrintSDL(s)): %v", err)
	}

	got := map[string]string{} // type name -> parsed description
	for _, def := range doc.Definitions {
		var name *ast.Name
		var desc *ast.StringValue
		switch d := def.(type) {
		case *ast.ScalarDefinition:
			name, desc = d.Name, d.Description
		case *ast.ObjectDefinition:
			name, desc = d.Name, d.Description
		case *ast.InterfaceDefinition:
			name, desc = d.Name, d.Description
		case *ast.UnionDefinition:
			name, desc = d.Name, d.Description
		case *ast.EnumDefinition:
			name, desc = d.Name, d.Description
		case *ast.InputObjectDefinition:
			name, desc = d.Name, d.Description
		default:
			t.Fatalf("unexpected definition %T", def)
		}
		got[name.Value] = ""
		if desc != nil {
			got[name.Value] = desc.Value
		}
	}
	want := map[string]string{}
	for _, typ := range printableTypes(s) {
		want[typ.Name()] = typ.Description()
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parsed type descriptions = %q, want %q", got, want)
	}
}

func TestPrintSDLSchemaDefinition(t *testing.T) {
	obj := func(name string) *graphql.Object {
		return graphql.NewObject(graphql.ObjectConfig{
			Name:   name,
			Fields: graphql.Fields{"ok": {Type: graphql.Boolean}},
		})
	}
	tests := []struct {
		name     string
		config   graphql.SchemaConfig
		wantHead string
	}{
		{"default names", graphql.SchemaConfig{Query: obj("Query"), Mutation: obj("Mutation")}, "type Mutation {"},
		{"custom query", graphql.SchemaConfig{Query: obj("Root")}, "schema {\n  query: Root\n}\n\n"},
		{"custom mutation", graphql.SchemaConfig{Query: obj("Query"), Mutation: obj("Writes")},
			"schema {\n  query: Query\n  mutation: Writes\n}\n\n"},
		{"custom subscription", graphql.SchemaConfig{Query: obj("Query"), Subscription: obj("Events")},
			"schema {\n  query: Query\n  subscription: Events\n}\n\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := graphql.NewSchema(tt.config)
			if err != nil {
				t.Fatal(err)
			}
			sdl := PrintSDL(s)
			if !strings.HasPrefix(sdl, tt.wantHead) {
				t.Errorf("PrintSDL = %q, want prefix %q", sdl, tt.wantHead)
			}
			if _, err := parser.Parse(parser.ParseParams{Source: sdl}); err != nil {
				t.Errorf("parse: %v", err)
			}
		})
	}
}

func TestPrintSDLCustomDirective(t *testing.T) {
	dir := graphql.NewDirective(graphql.DirectiveConfig{
		Name:        "auth",
		Description: "Requires a role.",
		Locations:   []string{graphql.DirectiveLocationField, graphql.DirectiveLocationQuery},
		Args:        graphql.FieldConfigArgument{"role": {Type: graphql.String, DefaultValue: "ADMIN"}},
	})
	query := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Query",
		Description: "Root.",
		Fields:      graphql.Fields{"ok": {Type: graphql.Boolean, Description: "Always true."}},
	})
	directives := append(append([]*graphql.Directive{}, graphql.SpecifiedDirectives...), dir)
	s, err := graphql.NewSchema(graphql.SchemaConfig{Query: query, Directives: directives})
	if err != nil {
		t.Fatal(err)
	}
	want := `"""Requires a role."""
directive @auth(role: String = "ADMIN") on FIELD | QUERY

"""Root."""
type Query {
  """Always true."""
  ok: Boolean
}
`
	if got := PrintSDL(s); got != want {
		t.Errorf("PrintSDL =\n%s\nwant\n%s", got, want)
	}
}

func TestPrintBlockStringDescription(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"single line", "Hello.", `"""Hello."""`},
		{"escaped triple quote", `a """ b`, `"""a \""" b"""`},
		{"multi line", "a\nb", "\"\"\"\na\nb\n\"\"\""},
		{"crlf", "a\r\nb", "\"\"\"\na\nb\n\"\"\""},
		{"trailing quote", `say "hi"`, "\"\"\"\nsay \"hi\"\n\"\"\""},
		{"trailing backslash", `C:\`, "\"\"\"\nC:\\\n\"\"\""},
		{"long line", strings.Repeat("x", 71), "\"\"\"\n" + strings.Repeat("x", 71) + "\n\"\"\""},
		{"leading space", "  indented", `"""  indented"""`},
		{"indented continuation", "a\n  b", "\"\"\"\na\n  b\n\"\"\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := blockString(tt.in)
			if got != tt.want {
				t.Fatalf("blockString(%q) = %q, want %q", tt.in, got, tt.want)
			}
			// The block string must decode back to the description.
			doc, err := parser.Parse(parser.ParseParams{Source: got + "\nscalar X\n"})
			if err != nil {
				t.Fatalf("parse %q: %v", got, err)
			}
			desc := doc.Definitions[0].(*ast.ScalarDefinition).Description
			wantValue := strings.ReplaceAll(tt.in, "\r\n", "\n")
			if desc == nil || desc.Value != wantValue {
				t.Errorf("round trip of %q gave %#v", tt.in, desc)
			}
		})
	}
}

func TestPrintValue(t *testing.T) {
	color := graphql.NewEnum(graphql.EnumConfig{
		Name: "Color",
		Values: graphql.EnumValueConfigMap{
			"RED":  {Value: "red"},
			"BLUE": {},
		},
	})
	point := graphql.NewInputObject(graphql.InputObjectConfig{
		Name: "Point",
		Fields: graphql.InputObjectConfigFieldMap{
			"x":     {Type: graphql.Float},
			"color": {Type: color},
		},
	})
	n := 7
	tests := []struct {
		name string
		v    interface{}
		typ  graphql.Type
		want string
	}{
		{"int", 20, graphql.Int, "20"},
		{"int64", int64(-3), graphql.Int, "-3"},
		{"int pointer", &n, graphql.Int, "7"},
		{"float", 0.25, graphql.Float, "0.25"},
		{"whole float", 2.0, graphql.Float, "2"},
		{"bool", true, graphql.Boolean, "true"},
		{"string", "a\"b\\c\n\t\u0001é", graphql.String, `"a\"b\\c\n\t\u0001é"`},
		{"id", "42", graphql.ID, `"42"`},
		{"enum by internal value", "red", color, "RED"},
		{"enum defaulting to its name", "BLUE", color, "BLUE"},
		{"non-null enum", "red", graphql.NewNonNull(color), "RED"},
		{"list", []int{1, 2}, graphql.NewList(graphql.Int), "[1, 2]"},
		{"list of lists", [][]string{{"a"}, {}}, graphql.NewList(graphql.NewList(graphql.String)), `[["a"], []]`},
		{"single value as list", 3, graphql.NewList(graphql.Int), "3"},
		{"list with null", []interface{}{nil, "red"}, graphql.NewList(color), "[null, RED]"},
		{"null", nil, graphql.String, "null"},
		{"input object", map[string]interface{}{"x": 1.5, "color": "red"}, point, `{color: RED, x: 1.5}`},
		{"empty input object", map[string]interface{}{}, point, `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := printValue(tt.v, tt.typ); got != tt.want {
				t.Errorf("printValue(%#v) = %s, want %s", tt.v, got, tt.want)
			}
		})
	}
}

func TestTypesWithoutDescription(t *testing.T) {
	s := printTestSchema(t)
	got := TypesWithoutDescription(s)
	want := []string{
		"Framework.ANGULAR",
		"Framework.EMBER",
		"Mutation",
		"Mutation.addSkill",
		"Mutation.addSkill(input)",
		"Query",
		"Query.node(lang)",
		"Query.search",
		"Query.skills",
		"Query.skills(after)",
		"Query.skills(exact)",
		"Query.skills(filter)",
		"Query.skills(first)",
		"Query.skills(framework)",
		"Query.skills(minScore)",
		"Query.skills(query)",
		"Query.skills(tags)",
		"SearchResult",
		"Skill.frameworks",
		"Skill.level",
		"Skill.name",
		"Skill.since",
		"SkillConnection",
		"SkillConnection.endCursor",
		"SkillConnection.nodes",
		"SkillInput.frameworks",
		"SkillInput.level",
		"SkillInput.since",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TypesWithoutDescription =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestTypesWithoutDescriptionComplete(t *testing.T) {
	status := graphql.NewEnum(graphql.EnumConfig{
		Name:        "Status",
		Description: "A status.",
		Values: graphql.EnumValueConfigMap{
			"ON":  {Description: "On."},
			"OFF": {Description: "   "}, // blank counts as missing
		},
	})
	query := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Query",
		Description: "Root.",
		Fields: graphql.Fields{
			"status": {
				Type:        status,
				Description: "Current status.",
				Args: graphql.FieldConfigArgument{
					"at": {Type: graphql.String, Description: "When."},
				},
			},
		},
	})
	s, err := graphql.NewSchema(graphql.SchemaConfig{Query: query})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := TypesWithoutDescription(s), []string{"Status.OFF"}; !reflect.DeepEqual(got, want) {
		t.Errorf("TypesWithoutDescription = %q, want %q", got, want)
	}
}
