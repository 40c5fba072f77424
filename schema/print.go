package schema

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/graphql-go/graphql"
)

// PrintSDL returns the schema in GraphQL SDL, deterministic (types sorted by name), so that
// it can be kept in schema/schema.graphql and compared in a test.
//
// The layout mimics graphql-js printSchema: an optional schema definition
// (only when a root type is not named Query/Mutation/Subscription), custom
// directives, then every named type except introspection types and the
// built-in scalars, separated by one blank line, ending with a newline.
//
// graphql-go stores fields, input fields, enum values and arguments in maps
// (or in slices built by ranging over maps), so their definition order is
// lost; they are all printed sorted by name. Interfaces of an object and
// members of a union are kept in definition order (graphql-go keeps slices).
func PrintSDL(s graphql.Schema) string {
	var defs []string
	if d := printSchemaDefinition(s); d != "" {
		defs = append(defs, d)
	}
	for _, d := range customDirectives(s) {
		defs = append(defs, printDirective(d))
	}
	for _, t := range printableTypes(s) {
		defs = append(defs, printType(t))
	}
	return strings.Join(defs, "\n\n") + "\n"
}

// TypesWithoutDescription lists every non-introspection type, field,
// argument and enum value lacking a (non-blank) description, as "Type",
// "Type.field", "Type.field(arg)" and "Enum.VALUE". Input object fields are
// reported as "Input.field". Built-in scalars are skipped. The result is
// sorted; it is nil when everything is described.
func TypesWithoutDescription(s graphql.Schema) []string {
	var missing []string
	add := func(desc, name string) {
		if strings.TrimSpace(desc) == "" {
			missing = append(missing, name)
		}
	}
	for _, t := range printableTypes(s) {
		name := t.Name()
		add(t.Description(), name)
		switch t := t.(type) {
		case *graphql.Object:
			fieldsWithoutDescription(name, t.Fields(), add)
		case *graphql.Interface:
			fieldsWithoutDescription(name, t.Fields(), add)
		case *graphql.InputObject:
			fields := t.Fields()
			for _, fn := range sortedKeys(fields) {
				add(fields[fn].Description(), name+"."+fn)
			}
		case *graphql.Enum:
			for _, v := range sortedEnumValues(t) {
				add(v.Description, name+"."+v.Name)
			}
		}
	}
	sort.Strings(missing)
	return missing
}

func fieldsWithoutDescription(typeName string, fields graphql.FieldDefinitionMap, add func(desc, name string)) {
	for _, fn := range sortedKeys(fields) {
		f := fields[fn]
		add(f.Description, typeName+"."+fn)
		for _, a := range sortedArgs(f.Args) {
			add(a.Description(), typeName+"."+fn+"("+a.Name()+")")
		}
	}
}

// builtinScalars are never printed (they are implied by the spec).
var builtinScalars = map[string]bool{
	"String": true, "Int": true, "Float": true, "Boolean": true, "ID": true,
}

// printableTypes returns the named types to print, sorted by name.
func printableTypes(s graphql.Schema) []graphql.Type {
	tm := s.TypeMap()
	var out []graphql.Type
	for _, name := range sortedKeys(tm) {
		t := tm[name]
		if t == nil || strings.HasPrefix(name, "__") || builtinScalars[name] {
			continue
		}
		switch t.(type) {
		case *graphql.List, *graphql.NonNull:
			continue
		}
		out = append(out, t)
	}
	return out
}

func printSchemaDefinition(s graphql.Schema) string {
	type root struct {
		op, def string
		t       *graphql.Object
	}
	roots := []root{
		{"query", "Query", s.QueryType()},
		{"mutation", "Mutation", s.MutationType()},
		{"subscription", "Subscription", s.SubscriptionType()},
	}
	conventional := true
	for _, r := range roots {
		if r.t != nil && r.t.Name() != r.def {
			conventional = false
		}
	}
	if conventional {
		return ""
	}
	var b strings.Builder
	b.WriteString("schema {\n")
	for _, r := range roots {
		if r.t != nil {
			fmt.Fprintf(&b, "  %s: %s\n", r.op, r.t.Name())
		}
	}
	b.WriteString("}")
	return b.String()
}

func customDirectives(s graphql.Schema) []*graphql.Directive {
	specified := map[string]bool{}
	for _, d := range graphql.SpecifiedDirectives {
		specified[d.Name] = true
	}
	var out []*graphql.Directive
	for _, d := range s.Directives() {
		if d != nil && !specified[d.Name] {
			out = append(out, d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func printDirective(d *graphql.Directive) string {
	return printDescription(d.Description, "", true) +
		"directive @" + d.Name + printArgs(d.Args, "") +
		" on " + strings.Join(d.Locations, " | ")
}

func printType(t graphql.Type) string {
	desc := printDescription(t.Description(), "", true)
	switch t := t.(type) {
	case *graphql.Scalar:
		return desc + "scalar " + t.Name()
	case *graphql.Object:
		head := "type " + t.Name()
		if ifaces := t.Interfaces(); len(ifaces) > 0 {
			names := make([]string, len(ifaces))
			for i, it := range ifaces {
				names[i] = it.Name()
			}
			head += " implements " + strings.Join(names, " & ")
		}
		return desc + head + printFields(t.Fields())
	case *graphql.Interface:
		return desc + "interface " + t.Name() + printFields(t.Fields())
	case *graphql.Union:
		members := t.Types()
		if len(members) == 0 {
			return desc + "union " + t.Name()
		}
		names := make([]string, len(members))
		for i, m := range members {
			names[i] = m.Name()
		}
		return desc + "union " + t.Name() + " = " + strings.Join(names, " | ")
	case *graphql.Enum:
		var lines []string
		for i, v := range sortedEnumValues(t) {
			lines = append(lines, printDescription(v.Description, "  ", i == 0)+
				"  "+v.Name+printDeprecated(v.DeprecationReason))
		}
		return desc + "enum " + t.Name() + printBlock(lines)
	case *graphql.InputObject:
		fields := t.Fields()
		var lines []string
		for i, fn := range sortedKeys(fields) {
			f := fields[fn]
			lines = append(lines, printDescription(f.Description(), "  ", i == 0)+
				"  "+printInputValue(f.Name(), f.Type, f.DefaultValue))
		}
		return desc + "input " + t.Name() + printBlock(lines)
	}
	// Unknown named type kind: print it as a scalar so the output stays valid.
	return desc + "scalar " + t.Name()
}

func printFields(fields graphql.FieldDefinitionMap) string {
	var lines []string
	for i, fn := range sortedKeys(fields) {
		f := fields[fn]
		lines = append(lines, printDescription(f.Description, "  ", i == 0)+
			"  "+f.Name+printArgs(f.Args, "  ")+": "+f.Type.String()+
			printDeprecated(f.DeprecationReason))
	}
	return printBlock(lines)
}

func printBlock(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return " {\n" + strings.Join(lines, "\n") + "\n}"
}

// printArgs prints an argument list; on one line unless some argument has a
// description, in which case each argument goes on its own line (as
// graphql-js printSchema does).
func printArgs(args []*graphql.Argument, indent string) string {
	if len(args) == 0 {
		return ""
	}
	sorted := sortedArgs(args)
	described := false
	for _, a := range sorted {
		if a.Description() != "" {
			described = true
		}
	}
	if !described {
		parts := make([]string, len(sorted))
		for i, a := range sorted {
			parts[i] = printInputValue(a.Name(), a.Type, a.DefaultValue)
		}
		return "(" + strings.Join(parts, ", ") + ")"
	}
	var b strings.Builder
	b.WriteString("(\n")
	for i, a := range sorted {
		b.WriteString(printDescription(a.Description(), indent+"  ", i == 0))
		b.WriteString(indent + "  " + printInputValue(a.Name(), a.Type, a.DefaultValue) + "\n")
	}
	b.WriteString(indent + ")")
	return b.String()
}

// printInputValue prints "name: Type" plus " = default" when a default is
// set. graphql-go cannot tell "no default" from "default null": a nil
// DefaultValue is treated as "no default".
func printInputValue(name string, t graphql.Input, def interface{}) string {
	s := name + ": " + t.String()
	if !isNil(def) {
		s += " = " + printValue(def, t)
	}
	return s
}

func printDeprecated(reason string) string {
	switch reason {
	case "":
		return ""
	case graphql.DefaultDeprecationReason:
		return " @deprecated"
	}
	return " @deprecated(reason: " + printString(reason) + ")"
}

// printDescription prints a description as a block string on its own line(s),
// indented, followed by a newline. Like graphql-js, a described item that is
// not the first of its block is preceded by a blank line.
func printDescription(desc, indent string, first bool) string {
	if desc == "" {
		return ""
	}
	prefix := ""
	if indent != "" && !first {
		prefix = "\n"
	}
	lines := strings.Split(blockString(desc), "\n")
	var b strings.Builder
	b.WriteString(prefix)
	for _, l := range lines {
		if l != "" {
			b.WriteString(indent + l)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// blockString renders s as a GraphQL block string ("""…"""), following
// graphql-js printBlockString: short single-line text stays on one line,
// anything else is printed with the quotes on their own lines.
func blockString(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	escaped := strings.ReplaceAll(s, `"""`, `\"""`)
	singleLine := !strings.Contains(s, "\n")
	// The spec strips the common indentation of the lines after the first:
	// when all of them are indented, start with a newline so that the first
	// line takes part in the computation and the indentation survives.
	forceLeadingNewline := false
	if !singleLine {
		forceLeadingNewline = true
		for _, l := range strings.Split(s, "\n")[1:] {
			if l != "" && l[0] != ' ' && l[0] != '\t' {
				forceLeadingNewline = false
				break
			}
		}
	}
	hasTrailingTripleQuotes := strings.HasSuffix(escaped, `\"""`)
	hasTrailingQuote := strings.HasSuffix(s, `"`) && !hasTrailingTripleQuotes
	hasTrailingSlash := strings.HasSuffix(s, `\`)
	forceTrailingNewline := hasTrailingQuote || hasTrailingSlash
	multi := !singleLine || len(s) > 70 || forceTrailingNewline || forceLeadingNewline || hasTrailingTripleQuotes
	skipLeadingNewline := singleLine && s != "" && (s[0] == ' ' || s[0] == '\t')

	var b strings.Builder
	b.WriteString(`"""`)
	if (multi && !skipLeadingNewline) || forceLeadingNewline {
		b.WriteString("\n")
	}
	b.WriteString(escaped)
	if multi || forceTrailingNewline {
		b.WriteString("\n")
	}
	b.WriteString(`"""`)
	return b.String()
}

// printString renders s as a GraphQL string literal.
func printString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// printValue renders a Go default value as a GraphQL literal of type t
// (graphql-js astFromValue + print). Enum defaults are internal values
// (graphql-go passes DefaultValue to resolvers as is) and print as the
// matching value name; a string equal to a value name is accepted too.
func printValue(v interface{}, t graphql.Type) string {
	if nn, ok := t.(*graphql.NonNull); ok {
		return printValue(v, nn.OfType)
	}
	if isNil(v) {
		return "null"
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Ptr || rv.Kind() == reflect.Interface {
		rv = rv.Elem()
	}
	switch t := t.(type) {
	case *graphql.List:
		if rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array {
			parts := make([]string, rv.Len())
			for i := range parts {
				parts[i] = printValue(rv.Index(i).Interface(), t.OfType)
			}
			return "[" + strings.Join(parts, ", ") + "]"
		}
		// A single value is accepted where a list is expected.
		return printValue(v, t.OfType)
	case *graphql.Enum:
		for _, ev := range t.Values() {
			if reflect.DeepEqual(ev.Value, rv.Interface()) {
				return ev.Name
			}
		}
		if rv.Kind() == reflect.String {
			for _, ev := range t.Values() {
				if ev.Name == rv.String() {
					return ev.Name
				}
			}
		}
		return printGeneric(rv)
	case *graphql.InputObject:
		if rv.Kind() == reflect.Map && rv.Type().Key().Kind() == reflect.String {
			fields := t.Fields()
			keys := make([]string, 0, rv.Len())
			for _, k := range rv.MapKeys() {
				keys = append(keys, k.String())
			}
			sort.Strings(keys)
			parts := make([]string, len(keys))
			for i, k := range keys {
				fv := rv.MapIndex(reflect.ValueOf(k).Convert(rv.Type().Key())).Interface()
				if f, ok := fields[k]; ok {
					parts[i] = k + ": " + printValue(fv, f.Type)
				} else {
					parts[i] = k + ": " + printGeneric(reflect.ValueOf(fv))
				}
			}
			return "{" + strings.Join(parts, ", ") + "}"
		}
		return printGeneric(rv)
	case *graphql.Scalar:
		// Custom scalars serialise their internal value (e.g. time.Time to
		// a string), as graphql-js does; fall back to the raw value.
		if !builtinScalars[t.Name()] {
			if sv := t.Serialize(rv.Interface()); !isNil(sv) {
				return printGeneric(reflect.ValueOf(sv))
			}
		}
	}
	return printGeneric(rv)
}

// printGeneric renders a Go value as a GraphQL literal based on its kind.
func printGeneric(rv reflect.Value) string {
	for rv.IsValid() && (rv.Kind() == reflect.Ptr || rv.Kind() == reflect.Interface) {
		if rv.IsNil() {
			return "null"
		}
		rv = rv.Elem()
	}
	if !rv.IsValid() {
		return "null"
	}
	switch rv.Kind() {
	case reflect.Bool:
		return strconv.FormatBool(rv.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(rv.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		f := rv.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return "null"
		}
		bits := 64
		if rv.Kind() == reflect.Float32 {
			bits = 32
		}
		return strconv.FormatFloat(f, 'g', -1, bits)
	case reflect.String:
		return printString(rv.String())
	case reflect.Slice, reflect.Array:
		parts := make([]string, rv.Len())
		for i := range parts {
			parts[i] = printGeneric(rv.Index(i))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case reflect.Map:
		keys := rv.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = fmt.Sprint(k) + ": " + printGeneric(rv.MapIndex(k))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	if s, ok := rv.Interface().(fmt.Stringer); ok {
		return printString(s.String())
	}
	return printString(fmt.Sprint(rv.Interface()))
}

func isNil(v interface{}) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Ptr, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
		return rv.IsNil()
	}
	return false
}

func sortedKeys[M ~map[string]V, V any](m M) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sortedArgs(args []*graphql.Argument) []*graphql.Argument {
	out := append([]*graphql.Argument(nil), args...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out
}

func sortedEnumValues(e *graphql.Enum) []*graphql.EnumValueDefinition {
	out := append([]*graphql.EnumValueDefinition(nil), e.Values()...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
