package api

// Query cost, computed before execution.
//
// The document limits (graphql_limits.go) bound the shape of a document — depth, fields,
// aliases — but not what it asks the server to produce: a document of 199 bytes, four
// levels of skills(first: 100) > framework > skills(first: 100) …, asks for 100⁴ skills.
// The cost model prices the operation that will run, with the request's variables, before
// graphql-go executes anything, and the handler refuses a document above
// DocumentLimits.MaxCost.
//
// The cost of a document is the number of values its response may hold at most: every
// field selected counts 1 per object that holds it, and a list multiplies what it selects
// by the most items it may return —
//
//   - a connection (a field returning a Relay …Connection type) by its `first` argument: a
//     literal, the request's variable, the variable's default, or the maximum (100) when the
//     value is unknown; the argument's default (20) when it is absent. Its `edges` carry
//     that size; `totalCount` and `pageInfo` count once;
//   - a plain list by its size in listSizes, or by the number of values of its enum type;
//   - the introspection fields (__schema, __type) by the real schema: they are evaluated
//     against it with graphql-go's own introspection resolvers, so that the canonical
//     introspection query costs what its response holds, not a product of maxima.
//
// Costs add up along every path, fragments and inline fragments expanded; the cost of each
// selection set is memoised (it depends only on the set, its type and the request's
// variables), so that pricing is linear in the size of the document, whatever its
// fragments say. A document above the bound is refused with the path of its costliest
// part, such as « skills > framework > skills » (Relay's edges and node left out).

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"

	"passerelles"
	"passerelles/resolvers"
)

// listSizes is the most items each plain list field of user data returns, by
// "Type.field". The lists of the referentials are sized by ReadReferentialSizes, lists of
// enum values by their enum, connections by `first`. NewCostModel refuses a schema with a
// list that none of them sizes, so a new list field cannot ship without its size.
var listSizes = map[string]int{
	// 10 pieces of evidence per declared skill at most (SkillDeclaration.Validate).
	"DeclaredSkill.evidence": 10,
	// Lists that people make grow without bound in the store: the resolvers return the
	// latest items only (the number of endorsements is a field of its own, and the export
	// holds every version).
	"DeclaredSkill.endorsers": resolvers.MaxEndorsers,
	"DeclaredSkill.history":   resolvers.MaxVersions,
	"Profile.skillHistory":    resolvers.MaxVersions,
	"RemovedSkill.history":    resolvers.MaxVersions,
	// A result explains each skill of its filter: required and optional ones.
	"TalentEdge.explanation": 2 * passerelles.MaxTalentSkills,
	// Communities and events are made at run time, within the domain's limits.
	"Community.skills":         passerelles.MaxCommunitySkills,
	"Community.animators":      passerelles.MaxAnimators,
	"User.animatedCommunities": passerelles.MaxCommunities,
	"Event.skills":             passerelles.MaxEventSkills,
	// Career paths (issue 11): the lists that close a gap are cut by the resolvers; paths
	// by the domain's limits (an ENTRY step and MaxPathSteps transitions).
	"SkillGap.events":                       resolvers.GapEventsShown,
	"SkillGap.communities":                  resolvers.GapCommunitiesShown,
	"SkillGap.mentors":                      resolvers.MentorsShown,
	"RoleGap.mentors":                       resolvers.MentorsShown,
	"RoleGap.largestGaps":                   resolvers.LargestGapsShown,
	"CareerPaths.paths":                     passerelles.MaxPaths,
	"CareerPath.steps":                      passerelles.MaxPathSteps + 1,
	"Profile.careerHistory":                 passerelles.MaxPastRoles,
	"SetCareerHistoryPayload.careerHistory": passerelles.MaxPastRoles,
	// Facets by enum values: the five types of organisation, the two role families.
	"TalentFacets.organisationTypes":   5,
	"TalentFacets.currentRoleFamilies": 2,
}

// maxProfileChoices is how many target roles, mobility regions and hidden organisations a
// profile holds at most (ProfileUpdate.Validate).
const maxProfileChoices = 20

// costWeights are what some objects and fields cost beyond the values they put in the
// response, in the same unit (the work of one value), measured over the 100 000-agent
// database (`make bench`, NOTES-B.md):
//
//   - a Profile is read from the store with its declared skills, evidence and lists:
//     about 0.14 ms, as much as 70 values;
//   - Community.members sorts and counts the members of the community whose profile the
//     viewer may see (2 857 members a community there): about 12 ms, 6 000 values, for a
//     page of 1 as for a page of 100;
//   - Query.users (administrators) compares the search words with the folded name of
//     every agent, then sorts and counts the matches: 42–72 ms for a page of 20 over
//     100 000 agents with the machine's load near 10, about 15 000 values at the 2 µs a
//     value takes when the load is low, for any page size;
//   - Query.searchTalent finds, counts and ranks the matches in the talent index (and the
//     text in FTS5) whatever the page: up to about 5 ms at 100 000 agents for the broad
//     shapes (`make bench`, BenchmarkTalentSearch), 2 500 values.
//   - SavedSearch.run is that search twice: the page, and the matches the run keeps to
//     tell the new ones at the next run (passerelles.MaxSavedSearchKept), 5 000 values;
//     so a document runs at most a few saved searches (MaxCost).
var costWeights = map[string]int{
	"Query.searchTalent": 2500,
	"SavedSearch.run":    5000,
	"Profile":            70,
	"Community.members":  6000,
	"Query.users":        15000,
	// Gaps, closest roles and paths read the agent's profile and the catalogue (one
	// profile's weight and the roles); mentors are one statement per gap over the
	// declarations of the missing skills (`make bench`, NOTES-K.md).
	"Query.roleGap":      200,
	"Query.closestRoles": 200,
	"Query.careerPaths":  300,
	"RoleGap.mentors":    1000,
	"SkillGap.mentors":   1000,
}

// ReadReferentialSizes reads, from the referentials in the store, the most items each of
// their lists holds: the levels of a scale, the domains of a framework, the skills of a
// domain or a framework, the required skills and paths of a role … A connection over a
// referential returns at most that many items whatever its `first`, and an agent declares
// each skill once at most. The referentials change only when the seed is loaded, at start;
// a change at run time would need the model to be rebuilt.
func ReadReferentialSizes(ctx context.Context, svc passerelles.Services) (map[string]int, error) {
	frameworks, err := readAll(func(page passerelles.Page) ([]*passerelles.Framework, int, error) {
		return svc.Frameworks.FindFrameworks(ctx, passerelles.FrameworkFilter{Page: page})
	})
	if err != nil {
		return nil, fmt.Errorf("referential sizes: frameworks: %w", err)
	}
	skills, err := readAll(func(page passerelles.Page) ([]*passerelles.Skill, int, error) {
		return svc.Skills.FindSkills(ctx, passerelles.SkillFilter{Page: page})
	})
	if err != nil {
		return nil, fmt.Errorf("referential sizes: skills: %w", err)
	}
	roles, err := readAll(func(page passerelles.Page) ([]*passerelles.Role, int, error) {
		return svc.Roles.FindRoles(ctx, passerelles.RoleFilter{Page: page})
	})
	if err != nil {
		return nil, fmt.Errorf("referential sizes: roles: %w", err)
	}
	transitions, err := readAll(func(page passerelles.Page) ([]*passerelles.Transition, int, error) {
		return svc.Transitions.FindTransitions(ctx, passerelles.TransitionFilter{Page: page})
	})
	if err != nil {
		return nil, fmt.Errorf("referential sizes: transitions: %w", err)
	}
	ministries, err := readAll(func(page passerelles.Page) ([]*passerelles.Ministry, int, error) {
		return svc.Organisations.FindMinistries(ctx, nil, page)
	})
	if err != nil {
		return nil, fmt.Errorf("referential sizes: ministries: %w", err)
	}
	regions, err := readAll(func(page passerelles.Page) ([]*passerelles.Region, int, error) {
		return svc.Organisations.FindRegions(ctx, nil, page)
	})
	if err != nil {
		return nil, fmt.Errorf("referential sizes: regions: %w", err)
	}
	organisations, err := readAll(func(page passerelles.Page) ([]*passerelles.Organisation, int, error) {
		return svc.Organisations.FindOrganisations(ctx, passerelles.OrganisationFilter{Page: page})
	})
	if err != nil {
		return nil, fmt.Errorf("referential sizes: organisations: %w", err)
	}
	grades, err := svc.Organisations.FindGrades(ctx)
	if err != nil {
		return nil, fmt.Errorf("referential sizes: grades: %w", err)
	}

	most := func(counts map[int64]int) int {
		n := 0
		for _, c := range counts {
			n = max(n, c)
		}
		return n
	}
	levels, domains := 0, 0
	for _, f := range frameworks {
		levels, domains = max(levels, len(f.Levels)), max(domains, len(f.Domains))
	}
	byFramework, byDomain := map[int64]int{}, map[int64]int{}
	for _, s := range skills {
		byFramework[s.FrameworkID]++
		byDomain[s.DomainID]++
	}
	required := 0
	for _, r := range roles {
		required = max(required, len(r.RequiredSkills))
	}
	from, to := map[int64]int{}, map[int64]int{}
	for _, t := range transitions {
		from[t.FromRoleID]++
		to[t.ToRoleID]++
	}
	return map[string]int{
		"Query.frameworks":  len(frameworks),
		"Framework.levels":  levels,
		"Skill.levels":      levels,
		"Framework.domains": domains,
		"Framework.skills":  most(byFramework),
		"Domain.skills":     most(byDomain),
		"Query.skills":      len(skills),
		// An agent declares each skill of the referentials once at most.
		"Profile.skills":                  len(skills),
		"Profile.removedSkills":           len(skills),
		"Query.roles":                     len(roles),
		"Role.requiredSkills":             required,
		"Role.transitionsFrom":            most(from),
		"RoleGap.skills":                  required,
		"Query.closestRoles":              len(roles),
		"Role.transitionsTo":              most(to),
		"Query.transitions":               len(transitions),
		"Profile.targetRoles":             min(len(roles), maxProfileChoices),
		"Query.ministries":                len(ministries),
		"Query.regions":                   len(regions),
		"Profile.mobilityRegions":         min(len(regions), maxProfileChoices),
		"Query.organisations":             len(organisations),
		"Profile.hiddenFromOrganisations": min(len(organisations), maxProfileChoices),
		"Query.grades":                    len(grades),
		// Facets of a talent search: one bucket per ministry, region, grade at most.
		"TalentFacets.ministries": len(ministries),
		"TalentFacets.regions":    len(regions),
		"TalentFacets.grades":     len(grades),
	}, nil
}

// readAll reads a whole referential, page after page.
func readAll[T any](find func(page passerelles.Page) ([]T, int, error)) ([]T, error) {
	var all []T
	for offset := 0; ; offset += passerelles.MaxPageSize {
		items, total, err := find(passerelles.Page{Offset: offset, Limit: passerelles.MaxPageSize})
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		if len(items) == 0 || offset+len(items) >= total {
			return all, nil
		}
	}
}

// CostModel prices GraphQL operations of one schema.
type CostModel struct {
	schema *graphql.Schema
	sizes  map[string]int // "Type.field" → items, for plain lists and lists of enum values
	caps   map[string]int // "Type.field" → items, for connections over a referential
}

// fieldShape says how a field multiplies what it selects.
type fieldShape int

const (
	shapeSingle        fieldShape = iota // one value (or null)
	shapeList                            // a plain list: CostModel.sizes
	shapeConnection                      // a Relay connection: its `first`
	shapeEdges                           // a connection's edges: the connection's `first`
	shapeIntrospection                   // __schema, __type: evaluated on the schema
)

// NewCostModel returns the cost model of s, with the sizes of the referentials' lists
// (ReadReferentialSizes). It fails when a list field of s has no size (a list of lists, a
// plain list sized neither by listSizes nor by the referentials, a connection without a
// `first` argument whose default is within 0…MaxPageSize), or when a size names a field
// that s does not have as a list.
func NewCostModel(s *graphql.Schema, referentials map[string]int) (*CostModel, error) {
	return newCostModel(s, listSizes, referentials)
}

// newCostModel is NewCostModel with the sizes of the plain lists of user data given.
func newCostModel(s *graphql.Schema, listSizes, referentials map[string]int) (*CostModel, error) {
	m := &CostModel{schema: s, sizes: map[string]int{}, caps: map[string]int{}}
	used := map[string]bool{}
	var problems []string
	names := make([]string, 0, len(s.TypeMap()))
	for name := range s.TypeMap() {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		obj, ok := s.TypeMap()[name].(*graphql.Object)
		if !ok || strings.HasPrefix(name, "__") {
			continue // introspection types are evaluated on the schema itself
		}
		fieldNames := make([]string, 0, len(obj.Fields()))
		for f := range obj.Fields() {
			fieldNames = append(fieldNames, f)
		}
		sort.Strings(fieldNames)
		for _, fname := range fieldNames {
			def := obj.Fields()[fname]
			key := name + "." + fname
			list, ok := unwrapNonNull(def.Type).(*graphql.List)
			if !ok {
				if isConnection(graphql.GetNamed(def.Type)) {
					if err := checkFirstArgument(def); err != nil {
						problems = append(problems, key+": "+err.Error())
					}
					if n, ok := referentials[key]; ok {
						m.caps[key], used[key] = n, true
					}
				}
				continue
			}
			if _, nested := unwrapNonNull(list.OfType).(*graphql.List); nested {
				problems = append(problems, key+": a list of lists needs a size per level, which the cost model does not have")
				continue
			}
			switch {
			case fname == "edges" && isConnection(obj):
				// sized by the connection's `first`
			case isEnum(list.OfType):
				m.sizes[key] = len(graphql.GetNamed(list.OfType).(*graphql.Enum).Values())
			default:
				n, ok := listSizes[key]
				if r, fromReferentials := referentials[key]; fromReferentials {
					n, ok = r, true
				}
				if !ok || n < 0 {
					problems = append(problems, key+": a plain list without a size (listSizes or ReadReferentialSizes)")
					continue
				}
				m.sizes[key], used[key] = n, true
			}
		}
	}
	for _, sizes := range []map[string]int{listSizes, referentials} {
		for key := range sizes {
			if !used[key] {
				problems = append(problems, key+": sized but not a list of the schema")
			}
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return nil, fmt.Errorf("cost model: %s", strings.Join(problems, "; "))
	}
	return m, nil
}

func unwrapNonNull(t graphql.Type) graphql.Type {
	if nn, ok := t.(*graphql.NonNull); ok {
		return nn.OfType
	}
	return t
}

func isEnum(t graphql.Type) bool {
	_, ok := graphql.GetNamed(t).(*graphql.Enum)
	return ok
}

// isConnection reports whether t is a Relay connection type: an object with edges and
// pageInfo.
func isConnection(t any) bool {
	obj, ok := t.(*graphql.Object)
	if !ok {
		return false
	}
	_, edges := obj.Fields()["edges"]
	_, pageInfo := obj.Fields()["pageInfo"]
	return edges && pageInfo
}

// checkFirstArgument checks that a connection field takes `first: Int` with a default
// within 0…MaxPageSize.
func checkFirstArgument(def *graphql.FieldDefinition) error {
	for _, a := range def.Args {
		if a.Name() != "first" {
			continue
		}
		if a.Type != graphql.Int {
			return fmt.Errorf("a connection whose first is not an Int")
		}
		if d, ok := a.DefaultValue.(int); !ok || d < 0 || d > passerelles.MaxPageSize {
			return fmt.Errorf("a connection whose first has no default within 0…%d", passerelles.MaxPageSize)
		}
		return nil
	}
	return fmt.Errorf("a connection without a first argument")
}

// shape says how field def of parent multiplies what it selects.
func (m *CostModel) shape(parent *graphql.Object, def *graphql.FieldDefinition) fieldShape {
	switch {
	case parent == m.schema.QueryType() && (def.Name == "__schema" || def.Name == "__type"):
		return shapeIntrospection
	case def.Name == "edges" && isConnection(parent):
		return shapeEdges
	}
	if _, ok := unwrapNonNull(def.Type).(*graphql.List); ok {
		return shapeList
	}
	if isConnection(graphql.GetNamed(def.Type)) {
		return shapeConnection
	}
	return shapeSingle
}

// CostError reports a document refused by its cost, or by a `first` out of range.
type CostError struct {
	Message string
}

func (e *CostError) Error() string { return e.Message }

// costCap is where costs stop growing: far above any bound, and products of two capped
// values stay within int64.
const costCap int64 = 1 << 40

func costAdd(a, b int64) int64 { return min(a+b, costCap) }

func costMul(a, b int64) int64 {
	if a == 0 || b == 0 {
		return 0
	}
	if a >= costCap/b {
		return costCap
	}
	return a * b
}

// selCost is the cost of a selection set: fixed, plus perPage for every item of the
// enclosing connection's page (the edges it selects; 0 outside connection types).
type selCost struct {
	fixed, perPage int64
}

// costCheck prices one operation.
type costCheck struct {
	m             *CostModel
	vars          map[string]any
	varDefaults   map[string]ast.Value
	fragments     map[string]*ast.FragmentDefinition
	memo          map[*ast.SelectionSet]selCost
	introspection bool
	maxCost       int64
	// spent is the introspection work done so far (values met), bounded by maxCost: the
	// evaluation of __schema stops as soon as it exceeds the bound.
	spent int64
	err   error
	// introPath is where the evaluation of introspection passed the bound, for the message.
	introPath []string
	// introCost memoises the evaluation of each introspection field.
	introCost map[*ast.Field]int64
}

// Check prices the operation of doc that the request runs (operationName, variables),
// and returns a *CostError when it costs more than maxCost (0 disables the bound), when
// a `first` argument is outside 0…MaxPageSize, or when it asks for introspection and
// introspection is off. It also returns the cost. The document must have passed
// CheckDocument and graphql-go's validation.
func (m *CostModel) Check(doc *ast.Document, operationName string, variables map[string]any, maxCost int64, introspection bool) (int64, error) {
	op := selectedOperation(doc, operationName)
	if op == nil {
		return 0, nil // checkOperation reports it
	}
	c := &costCheck{m: m, vars: variables, varDefaults: map[string]ast.Value{}, fragments: map[string]*ast.FragmentDefinition{},
		memo: map[*ast.SelectionSet]selCost{}, introspection: introspection, maxCost: maxCost,
		introCost: map[*ast.Field]int64{}}
	if maxCost <= 0 {
		c.maxCost = costCap
	}
	for _, v := range op.VariableDefinitions {
		if v != nil && v.Variable != nil && v.Variable.Name != nil && v.DefaultValue != nil {
			c.varDefaults[v.Variable.Name.Value] = v.DefaultValue
		}
	}
	for _, d := range doc.Definitions {
		if f, ok := d.(*ast.FragmentDefinition); ok && f != nil && f.Name != nil {
			c.fragments[f.Name.Value] = f
		}
	}
	var root *graphql.Object
	switch op.Operation {
	case ast.OperationTypeMutation:
		root = m.schema.MutationType()
	case ast.OperationTypeQuery:
		root = m.schema.QueryType()
	}
	if root == nil {
		return 0, nil // checkOperation reports it
	}
	total := c.selection(op.SelectionSet, root)
	if c.err != nil {
		return 0, c.err
	}
	if total.fixed > c.maxCost {
		path := c.heaviestPath(op.SelectionSet, root)
		return total.fixed, &CostError{Message: fmt.Sprintf("il coûterait trop cher à servir : jusqu’à %s valeurs, pour %s au plus. "+
			"La partie la plus coûteuse est « %s » : demandez moins d’éléments (argument « first ») ou moins de niveaux imbriqués.",
			frenchCount(total.fixed), frenchCount(maxCost), strings.Join(path, " > "))}
	}
	return total.fixed, nil
}

// selectedOperation returns the operation graphql-go will run for operationName, or nil.
func selectedOperation(doc *ast.Document, name string) *ast.OperationDefinition {
	var op *ast.OperationDefinition
	n := 0
	for _, d := range doc.Definitions {
		o, ok := d.(*ast.OperationDefinition)
		if !ok || o == nil {
			continue
		}
		n++
		if name == "" || (o.Name != nil && o.Name.Value == name) {
			op = o
		}
	}
	if n > 1 && name == "" {
		return nil
	}
	return op
}

// typeCondition returns the type a fragment selects on, or parent when it names none.
func (c *costCheck) typeCondition(cond *ast.Named, parent *graphql.Object) *graphql.Object {
	if cond == nil || cond.Name == nil {
		return parent
	}
	if t, ok := c.m.schema.Type(cond.Name.Value).(*graphql.Object); ok {
		return t
	}
	return parent // the schema has no interfaces or unions; validation refused the rest
}

// selection returns the cost of set on parent, memoised.
func (c *costCheck) selection(set *ast.SelectionSet, parent *graphql.Object) selCost {
	if set == nil || c.err != nil {
		return selCost{}
	}
	if got, ok := c.memo[set]; ok {
		return got
	}
	c.memo[set] = selCost{} // a cycle (refused by CheckDocument) would end here
	var out selCost
	for _, sel := range set.Selections {
		var part selCost
		switch s := sel.(type) {
		case *ast.Field:
			if s == nil || s.Name == nil {
				continue
			}
			part = c.field(s, parent)
		case *ast.InlineFragment:
			if s == nil {
				continue
			}
			part = c.selection(s.SelectionSet, c.typeCondition(s.TypeCondition, parent))
		case *ast.FragmentSpread:
			if s == nil || s.Name == nil || c.fragments[s.Name.Value] == nil {
				continue
			}
			f := c.fragments[s.Name.Value]
			part = c.selection(f.SelectionSet, c.typeCondition(f.TypeCondition, parent))
		}
		out = selCost{fixed: costAdd(out.fixed, part.fixed), perPage: costAdd(out.perPage, part.perPage)}
	}
	c.memo[set] = out
	return out
}

// field returns the cost of one field selected on an object of type parent.
func (c *costCheck) field(f *ast.Field, parent *graphql.Object) selCost {
	name := f.Name.Value
	if name == "__typename" {
		return selCost{fixed: 1}
	}
	def := fieldDefinition(c.m.schema, parent, name)
	if def == nil {
		return selCost{fixed: 1} // validation refused unknown fields before
	}
	shape := c.m.shape(parent, def)
	if shape == shapeIntrospection {
		return selCost{fixed: c.introspect(f, def, parent)}
	}
	key := parent.Name() + "." + name
	var sub selCost
	if obj, ok := graphql.GetNamed(def.Type).(*graphql.Object); ok {
		sub = c.selection(f.SelectionSet, obj)
		// An object that is costly to read weighs more than its fields.
		sub.fixed = costAdd(sub.fixed, int64(costWeights[obj.Name()]))
	}
	own := costAdd(1, int64(costWeights[key])) // the field, and what its resolver does once
	switch shape {
	case shapeList:
		return selCost{fixed: costAdd(own, costMul(int64(c.m.sizes[key]), max(sub.fixed, 1)))}
	case shapeEdges:
		return selCost{fixed: own, perPage: max(sub.fixed, 1)}
	case shapeConnection:
		n := c.first(f, def)
		if limit, ok := c.m.caps[key]; ok {
			n = min(n, int64(limit))
		}
		return selCost{fixed: costAdd(costAdd(own, sub.fixed), costMul(n, sub.perPage))}
	}
	return selCost{fixed: costAdd(own, sub.fixed)}
}

// fieldDefinition returns the definition of field name of parent, introspection meta
// fields included.
func fieldDefinition(s *graphql.Schema, parent *graphql.Object, name string) *graphql.FieldDefinition {
	if parent == s.QueryType() {
		switch name {
		case "__schema":
			return graphql.SchemaMetaFieldDef
		case "__type":
			return graphql.TypeMetaFieldDef
		}
	}
	return parent.Fields()[name]
}

// first returns the page size a connection field asks for: see the package comment. A
// value outside 0…MaxPageSize sets c.err: the resolver would refuse it anyway, and
// refusing it here avoids running the rest of the document for nothing.
func (c *costCheck) first(f *ast.Field, def *graphql.FieldDefinition) int64 {
	const unknown = passerelles.MaxPageSize
	var arg *ast.Argument
	for _, a := range f.Arguments {
		if a != nil && a.Name != nil && a.Name.Value == "first" {
			arg = a
		}
	}
	if arg == nil {
		for _, a := range def.Args {
			if a.Name() == "first" {
				if d, ok := a.DefaultValue.(int); ok {
					return int64(d)
				}
			}
		}
		return unknown
	}
	value, text := int64(unknown), ""
	switch v := arg.Value.(type) {
	case *ast.IntValue:
		value, text = intLiteral(v.Value), v.Value
	case *ast.Variable:
		name := ""
		if v.Name != nil {
			name = v.Name.Value
		}
		if x, ok := c.vars[name]; ok {
			if n, ok := x.(int); ok {
				value, text = int64(n), strconv.Itoa(n)
			}
		} else if d, ok := c.varDefaults[name].(*ast.IntValue); ok {
			value, text = intLiteral(d.Value), d.Value
		}
	}
	if value < 0 || value > passerelles.MaxPageSize {
		if c.err == nil {
			c.err = &CostError{Message: fmt.Sprintf("l’argument « first » de « %s » va de 0 à %d (reçu %s).",
				def.Name, passerelles.MaxPageSize, passerelles.EchoText(text, 20))}
		}
		return 0
	}
	return value
}

// intLiteral reads an Int literal, saturating (the sign is kept).
func intLiteral(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		if strings.HasPrefix(s, "-") {
			return -costCap
		}
		return costCap
	}
	return n
}

// heaviestPath follows, from set, the costliest selection at each level and returns the
// names of the fields down to the last list on that way, Relay's edges and node left
// out: the part of the document that makes it costly. Fragments are followed, not
// expanded, so that the walk stays linear whatever they spread.
func (c *costCheck) heaviestPath(set *ast.SelectionSet, parent *graphql.Object) []string {
	var path []string
	lastList := 0
	page := int64(0) // the page of the enclosing connection, for its edges
	for steps := 0; set != nil && steps < 1000; steps++ {
		var (
			bestCost   int64 = -1
			bestField  *ast.Field
			bestSet    *ast.SelectionSet // a fragment's selection, when it is the costliest
			bestParent *graphql.Object
		)
		weigh := func(part selCost) int64 { return costAdd(part.fixed, costMul(page, part.perPage)) }
		for _, sel := range set.Selections {
			switch s := sel.(type) {
			case *ast.Field:
				if s == nil || s.Name == nil {
					continue
				}
				if w := weigh(c.field(s, parent)); w > bestCost {
					bestCost, bestField, bestSet, bestParent = w, s, nil, parent
				}
			case *ast.InlineFragment:
				if s == nil {
					continue
				}
				t := c.typeCondition(s.TypeCondition, parent)
				if w := weigh(c.selection(s.SelectionSet, t)); w > bestCost {
					bestCost, bestField, bestSet, bestParent = w, nil, s.SelectionSet, t
				}
			case *ast.FragmentSpread:
				if s == nil || s.Name == nil || c.fragments[s.Name.Value] == nil {
					continue
				}
				f := c.fragments[s.Name.Value]
				t := c.typeCondition(f.TypeCondition, parent)
				if w := weigh(c.selection(f.SelectionSet, t)); w > bestCost {
					bestCost, bestField, bestSet, bestParent = w, nil, f.SelectionSet, t
				}
			}
		}
		if bestSet != nil { // into the fragment, on the same level of the response
			set, parent = bestSet, bestParent
			continue
		}
		if bestField == nil {
			break
		}
		name := bestField.Name.Value
		def := fieldDefinition(c.m.schema, bestParent, name)
		if def == nil {
			break
		}
		shape := c.m.shape(bestParent, def)
		if shape == shapeIntrospection {
			path = append(path, c.introPath...)
			lastList = len(path)
			break
		}
		page = 0
		if shape == shapeConnection {
			page = c.first(bestField, def)
		}
		if name != "edges" && name != "node" {
			path = append(path, name)
		}
		if shape == shapeList || shape == shapeConnection {
			lastList = len(path)
		}
		obj, ok := graphql.GetNamed(def.Type).(*graphql.Object)
		if !ok {
			break
		}
		set, parent = bestField.SelectionSet, obj
	}
	if lastList == 0 {
		lastList = min(len(path), 1)
	}
	return path[:lastList]
}

// introspect evaluates an introspection field (__schema, __type) on the schema with
// graphql-go's own resolvers, counting the values the response will hold; it stops (and
// sets c.err) once the introspection work of the request passes the bound.
func (c *costCheck) introspect(f *ast.Field, def *graphql.FieldDefinition, parent *graphql.Object) int64 {
	if !c.introspection {
		if c.err == nil {
			c.err = &CostError{Message: "l’introspection du schéma (« " + def.Name + " ») est désactivée sur ce service."}
		}
		return 0
	}
	if n, ok := c.introCost[f]; ok {
		return n
	}
	n := c.evaluate(nil, parent, f, nil)
	c.introCost[f] = n
	if c.spent > c.maxCost && c.err == nil {
		c.err = &CostError{Message: fmt.Sprintf("il coûterait trop cher à servir : il dépasse la limite de %s valeurs. "+
			"La partie la plus coûteuse est « %s » : demandez moins de niveaux imbriqués.",
			frenchCount(c.maxCost), strings.Join(c.introPath, " > "))}
	}
	return n
}

// evaluate returns the values that field f of an object source (of type parent) puts in
// the response, resolving it as graphql-go would; path is the way down to source.
func (c *costCheck) evaluate(source any, parent *graphql.Object, f *ast.Field, path []string) int64 {
	if c.spent > c.maxCost {
		return 0
	}
	c.spent++
	name := f.Name.Value
	path = append(path, name)
	if c.spent > c.maxCost && c.introPath == nil {
		c.introPath = append([]string(nil), path...)
	}
	if name == "__typename" {
		return 1
	}
	def := fieldDefinition(c.m.schema, parent, name)
	if def == nil {
		return 1
	}
	obj, isObject := graphql.GetNamed(def.Type).(*graphql.Object)
	_, isList := unwrapNonNull(def.Type).(*graphql.List)
	if !isObject && !isList {
		return 1 // a leaf: nothing to resolve
	}
	value := c.resolve(source, parent, f, def)
	if isNil(value) {
		return 1
	}
	if !isList {
		return costAdd(1, c.evaluateSelection(value, obj, f.SelectionSet, path))
	}
	items := reflect.ValueOf(value)
	if items.Kind() != reflect.Slice && items.Kind() != reflect.Array {
		return 1
	}
	total := int64(1)
	for i := 0; i < items.Len() && c.spent <= c.maxCost; i++ {
		if !isObject {
			c.spent++
			total = costAdd(total, 1)
			continue
		}
		total = costAdd(total, c.evaluateSelection(items.Index(i).Interface(), obj, f.SelectionSet, path))
	}
	return total
}

// evaluateSelection returns the values that set puts in the response for source. Every
// fragment followed counts as work too, so that fragments that only spread fragments
// cannot make the evaluation long.
func (c *costCheck) evaluateSelection(source any, typ *graphql.Object, set *ast.SelectionSet, path []string) int64 {
	if set == nil {
		return 0
	}
	var total int64
	for _, sel := range set.Selections {
		if c.spent > c.maxCost {
			return total
		}
		var (
			cond *ast.Named
			sub  *ast.SelectionSet
		)
		switch s := sel.(type) {
		case *ast.Field:
			if s != nil && s.Name != nil {
				total = costAdd(total, c.evaluate(source, typ, s, path))
			}
			continue
		case *ast.InlineFragment:
			if s == nil {
				continue
			}
			cond, sub = s.TypeCondition, s.SelectionSet
		case *ast.FragmentSpread:
			if s == nil || s.Name == nil || c.fragments[s.Name.Value] == nil {
				continue
			}
			cond, sub = c.fragments[s.Name.Value].TypeCondition, c.fragments[s.Name.Value].SelectionSet
		}
		if c.typeCondition(cond, typ) != typ {
			continue // a fragment on another type does not apply to this object
		}
		c.spent++
		total = costAdd(total, c.evaluateSelection(source, typ, sub, path))
	}
	return total
}

// resolve runs the resolver of an introspection field (graphql-go's default resolver when
// it has none) with the arguments of f. A panic counts as a null value: graphql-go would
// report an error there, not a bigger response.
func (c *costCheck) resolve(source any, parent *graphql.Object, f *ast.Field, def *graphql.FieldDefinition) (value any) {
	defer func() {
		if recover() != nil {
			value = nil
		}
	}()
	args := map[string]any{}
	for _, a := range def.Args {
		if a.DefaultValue != nil {
			args[a.Name()] = a.DefaultValue
		}
	}
	for _, a := range f.Arguments {
		if a == nil || a.Name == nil {
			continue
		}
		switch v := a.Value.(type) {
		case *ast.BooleanValue:
			args[a.Name.Value] = v.Value
		case *ast.StringValue:
			args[a.Name.Value] = v.Value
		case *ast.Variable:
			if v.Name != nil {
				if x, ok := c.vars[v.Name.Value]; ok {
					args[a.Name.Value] = x
				}
			}
		}
	}
	resolveFn := def.Resolve
	if resolveFn == nil {
		resolveFn = graphql.DefaultResolveFn
	}
	if source == nil {
		source = map[string]any{}
	}
	value, err := resolveFn(graphql.ResolveParams{Source: source, Args: args,
		Info: graphql.ResolveInfo{FieldName: def.Name, ParentType: parent, ReturnType: def.Type, Schema: *c.m.schema}})
	if err != nil {
		return nil
	}
	return value
}

// isNil reports whether v is nil or a nil pointer, slice, map or interface.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	switch r := reflect.ValueOf(v); r.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface, reflect.Func:
		return r.IsNil()
	}
	return false
}

// frenchCount writes n with French digit groups (narrow no-break spaces): 1 000 000.
func frenchCount(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n >= costCap {
		return "plus de " + frenchCount(costCap-1)
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune('\u202f')
		}
		b.WriteRune(r)
	}
	return b.String()
}
