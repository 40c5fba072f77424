package api

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/kinds"
	"github.com/graphql-go/graphql/language/visitor"

	"passerelles"
)

// Strict input, as the GraphQL specification's input coercion says. graphql-go v0.8.1
// coerces the way JavaScript would: a variable Int of 2.9 becomes 2, "3" becomes 3, true
// becomes 1; a Boolean takes "false", 0 or 1; a String takes any JSON value; a literal
// Int is read with strconv.Atoi, so 3000000000 reaches the resolver. Its built-in scalars
// cannot be replaced (introspection's own types use graphql.Int, graphql.String and
// graphql.Boolean, and a schema may hold one type per name), so the handler checks what
// it gives graphql-go instead: variables against the operation's variable definitions,
// before execution (coerceVariables), and literals against the types they stand for,
// once per document (checkLiterals). Both refuse with INVALID_INPUT.

// Bounds of the GraphQL Int: a signed 32-bit integer.
const (
	minGraphQLInt = math.MinInt32
	maxGraphQLInt = math.MaxInt32
)

// checkLiterals returns why a literal value of doc does not fit the type it stands for,
// or "". graphql-go's validation already refuses literals of the wrong kind (2.9 or "3"
// for an Int, "true" for a Boolean); what it lets through is an Int literal beyond 32
// bits, in an argument, an input object field, a list or a variable's default value.
func checkLiterals(schema *graphql.Schema, doc *ast.Document) string {
	info := graphql.NewTypeInfo(&graphql.TypeInfoConfig{Schema: schema})
	var msg string
	visitor.Visit(doc, visitor.VisitWithTypeInfo(info, &visitor.VisitorOptions{
		KindFuncMap: map[string]visitor.NamedVisitFuncs{
			kinds.IntValue: {Kind: func(p visitor.VisitFuncParams) (string, any) {
				v, ok := p.Node.(*ast.IntValue)
				if !ok || graphql.GetNamed(info.InputType()) != graphql.Int {
					return visitor.ActionNoChange, nil
				}
				if n, err := strconv.ParseInt(v.Value, 10, 64); err != nil || n < minGraphQLInt || n > maxGraphQLInt {
					msg = "Valeur refusée : " + passerelles.EchoText(v.Value, 40) + " n’est pas un Int, entier de −2 147 483 648 à 2 147 483 647."
					return visitor.ActionBreak, nil
				}
				return visitor.ActionNoChange, nil
			}},
		},
	}), nil)
	return msg
}

// variableRefusal is why a variable does not fit its type, and where: a form that sends
// its input as one variable ($input) shows Message on the field at Field.
type variableRefusal struct {
	Message  string
	Variable string // the variable's name, without "$"
	// Field is the path inside the variable's value, in the form of passerelles.Error's
	// Field ("evidence.0.score"); "" when the variable itself is refused.
	Field string
}

// coerceVariables checks the request's variables against the variable definitions of the
// operation that will run (the one checkOperation found) and returns them as graphql-go
// expects them (Int as int, Float as float64), or why one does not fit its type (nil when
// all fit). raw comes from a JSON decoder with UseNumber, so that numbers keep their exact
// text. Variables the operation does not define are left out, as graphql-go ignores them.
func coerceVariables(schema *graphql.Schema, doc *ast.Document, operationName string, raw map[string]any) (map[string]any, *variableRefusal) {
	out := map[string]any{}
	op := findOperation(doc, operationName)
	if op == nil {
		return out, nil
	}
	for _, def := range op.VariableDefinitions {
		if def == nil || def.Variable == nil || def.Variable.Name == nil {
			continue
		}
		name := def.Variable.Name.Value
		t := inputTypeOf(schema, def.Type)
		if t == nil {
			continue // an unknown type: validation already refused the document
		}
		v, given := raw[name]
		if !given || v == nil {
			if def.DefaultValue != nil {
				continue // graphql-go applies the default, a literal checkLiterals checked
			}
			if _, required := t.(*graphql.NonNull); required {
				return nil, &variableRefusal{Variable: name,
					Message: fmt.Sprintf("Valeur refusée pour $%s : une valeur de type %s est obligatoire.", name, t)}
			}
			if given {
				out[name] = nil
			}
			continue
		}
		c, msg, field := coerceInput(v, t, "$"+name, "")
		if msg != "" {
			return nil, &variableRefusal{Message: msg, Variable: name, Field: field}
		}
		out[name] = c
	}
	return out, nil
}

// findOperation returns the operation of doc that a request with operationName runs.
func findOperation(doc *ast.Document, operationName string) *ast.OperationDefinition {
	for _, d := range doc.Definitions {
		if o, ok := d.(*ast.OperationDefinition); ok && (operationName == "" || (o.Name != nil && o.Name.Value == operationName)) {
			return o
		}
	}
	return nil
}

// inputTypeOf resolves a variable's declared type in the schema, or nil.
func inputTypeOf(schema *graphql.Schema, t ast.Type) graphql.Input {
	switch t := t.(type) {
	case *ast.NonNull:
		if of := inputTypeOf(schema, t.Type); of != nil {
			return graphql.NewNonNull(of)
		}
	case *ast.List:
		if of := inputTypeOf(schema, t.Type); of != nil {
			return graphql.NewList(of)
		}
	case *ast.Named:
		if t.Name != nil {
			if in, ok := schema.Type(t.Name.Value).(graphql.Input); ok {
				return in
			}
		}
	}
	return nil
}

// coerceInput coerces one JSON value to the input type t, strictly: only the JSON kinds
// the specification accepts for each type. path names the value in messages
// ($input.evidence[0].score); field is its path inside the variable (evidence.0.score),
// which a refusal returns beside its message.
func coerceInput(v any, t graphql.Input, path, field string) (c any, msg, at string) {
	if nn, ok := t.(*graphql.NonNull); ok {
		if v == nil {
			return nil, fmt.Sprintf("Valeur refusée pour %s : une valeur de type %s est obligatoire.", path, nn), field
		}
		t = nn.OfType
	}
	if v == nil {
		return nil, "", ""
	}
	refuse := func(expected string) (any, string, string) {
		return nil, fmt.Sprintf("Valeur refusée pour %s : il faut %s, et non %s.", path, expected, describeJSON(v)), field
	}
	switch t := t.(type) {
	case *graphql.List:
		items, ok := v.([]any)
		if !ok { // a single value stands for a list of one, as the specification says
			c, msg, at := coerceInput(v, t.OfType, path, field)
			if msg != "" {
				return nil, msg, at
			}
			return []any{c}, "", ""
		}
		out := make([]any, len(items))
		for i, item := range items {
			c, msg, at := coerceInput(item, t.OfType, fmt.Sprintf("%s[%d]", path, i), joinField(field, strconv.Itoa(i)))
			if msg != "" {
				return nil, msg, at
			}
			out[i] = c
		}
		return out, "", ""
	case *graphql.InputObject:
		obj, ok := v.(map[string]any)
		if !ok {
			return refuse("un objet " + t.Name())
		}
		fields := t.Fields()
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if _, ok := fields[k]; !ok {
				return nil, fmt.Sprintf("Valeur refusée pour %s : %s n’a pas de champ « %s ».", path, t.Name(), passerelles.EchoText(k, 40)), field
			}
		}
		names := make([]string, 0, len(fields))
		for name := range fields {
			names = append(names, name)
		}
		slices.Sort(names)
		out := make(map[string]any, len(obj))
		for _, name := range names {
			f := fields[name]
			fv, given := obj[name]
			if !given {
				if _, required := f.Type.(*graphql.NonNull); required && f.DefaultValue == nil {
					return nil, fmt.Sprintf("Valeur refusée pour %s.%s : une valeur de type %s est obligatoire.", path, name, f.Type), joinField(field, name)
				}
				continue
			}
			c, msg, at := coerceInput(fv, f.Type, path+"."+name, joinField(field, name))
			if msg != "" {
				return nil, msg, at
			}
			out[name] = c
		}
		return out, "", ""
	case *graphql.Enum:
		s, ok := v.(string)
		values := make([]string, 0, len(t.Values()))
		for _, ev := range t.Values() {
			if ok && ev.Name == s {
				return s, "", ""
			}
			values = append(values, ev.Name)
		}
		return refuse("l’une des valeurs " + strings.Join(values, ", ") + " (" + t.Name() + ")")
	case *graphql.Scalar:
		switch t.Name() {
		case "Int":
			if n, ok := jsonInteger(v); ok && n >= minGraphQLInt && n <= maxGraphQLInt {
				return int(n), "", ""
			}
			return refuse("un entier de −2 147 483 648 à 2 147 483 647 (Int)")
		case "Float":
			if n, ok := v.(json.Number); ok {
				if f, err := n.Float64(); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
					return f, "", ""
				}
			}
			return refuse("un nombre (Float)")
		case "String":
			if s, ok := v.(string); ok {
				return s, "", ""
			}
			return refuse("une chaîne de caractères (String)")
		case "Boolean":
			if b, ok := v.(bool); ok {
				return b, "", ""
			}
			return refuse("true ou false (Boolean)")
		case "ID":
			if s, ok := v.(string); ok {
				return s, "", ""
			}
			if n, ok := jsonInteger(v); ok {
				return strconv.FormatInt(n, 10), "", ""
			}
			return refuse("un identifiant, chaîne ou entier (ID)")
		}
		if parsed := t.ParseValue(v); parsed != nil {
			return parsed, "", ""
		}
		return refuse("une valeur de type " + t.Name())
	}
	return refuse("une valeur d’un type d’entrée")
}

// joinField appends name to the field path field.
func joinField(field, name string) string {
	if field == "" {
		return name
	}
	return field + "." + name
}

// jsonInteger returns the integer a JSON number holds. Like the reference implementation
// (graphql-js), it takes a number whose value is whole, however written (3, 3.0, 3e0), and
// refuses a fraction; strings, booleans and other kinds are not numbers.
func jsonInteger(v any) (int64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	if i, err := n.Int64(); err == nil {
		return i, true
	}
	f, err := n.Float64()
	if err != nil || f != math.Trunc(f) || f < math.MinInt64 || f >= math.MaxInt64 {
		return 0, false
	}
	return int64(f), true
}

// describeJSON renders a client's value for a message, shortened.
func describeJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "une valeur illisible"
	}
	return passerelles.EchoText(string(b), 40)
}
