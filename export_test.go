package passerelles_test

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"passerelles"
)

// walkExport calls fn on every field of the export format, depth first, with its path.
func walkExport(v reflect.Value, path string, fn func(path string, f reflect.StructField, v reflect.Value)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkExport(v.Elem(), path, fn)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walkExport(v.Index(i), path+"[]", fn)
		}
	case reflect.Struct:
		if v.Type().PkgPath() != "passerelles" {
			return // time.Time
		}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			p := path + "." + f.Name
			fn(p, f, v.Field(i))
			walkExport(v.Field(i), p, fn)
		}
	}
}

// fillExport gives every list of the format one element, every pointer a value, every
// *int64 the id 42: an export with something in every key.
func fillExport(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		if v.Type().Elem().Kind() == reflect.Int64 {
			v.Elem().SetInt(42)
		}
		fillExport(v.Elem())
	case reflect.Slice:
		if v.Len() == 0 {
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		}
		for i := range v.Len() {
			fillExport(v.Index(i))
		}
	case reflect.Struct:
		if v.Type().PkgPath() != "passerelles" {
			return
		}
		for i := range v.NumField() {
			fillExport(v.Field(i))
		}
	}
}

// TestExportKeys: every field of the export format has its own camelCase JSON key, always
// present (no omitempty), so that the documented format is the one written.
func TestExportKeys(t *testing.T) {
	x := &passerelles.DataExport{}
	fillExport(reflect.ValueOf(x).Elem())
	camel := regexp.MustCompile(`^[a-z][A-Za-z0-9]*$`)
	n := 0
	walkExport(reflect.ValueOf(x).Elem(), "DataExport", func(path string, f reflect.StructField, v reflect.Value) {
		n++
		tag := f.Tag.Get("json")
		if !camel.MatchString(tag) || strings.Contains(tag, ",") {
			t.Errorf("%s: json tag %q, want a camelCase key without options", path, tag)
		}
	})
	if n < 80 {
		t.Fatalf("walked %d fields only: the export is not filled", n)
	}
}

// TestForgetAgentsCoversEveryReference fills every key of an export, then forgets every
// agent: each *int64 outside the agent's own profile (the references to other agents, whatever
// list they sit in, present or future) must be cleared, and the agent's organisation,
// region and role ids kept.
func TestForgetAgentsCoversEveryReference(t *testing.T) {
	x := &passerelles.DataExport{}
	fillExport(reflect.ValueOf(x).Elem())
	x.Agent.ID = 1
	if got := x.ReferencedAgents(); len(got) != 1 || got[0] != 42 {
		t.Fatalf("referenced agents = %v, want [42]", got)
	}
	x.ForgetAgents(map[int64]bool{})
	refs := 0
	walkExport(reflect.ValueOf(x).Elem(), "DataExport", func(path string, f reflect.StructField, v reflect.Value) {
		if f.Type != reflect.TypeFor[*int64]() {
			return
		}
		ownProfile := strings.HasPrefix(path, "DataExport.Agent.")
		if ownProfile == v.IsNil() {
			t.Errorf("%s: nil = %v after ForgetAgents, want %v", path, v.IsNil(), !ownProfile)
		}
		if !ownProfile {
			refs++
		}
	})
	if refs < 6 {
		t.Fatalf("only %d references to other agents found", refs)
	}
	t.Run("KeepsVisibleAgents", func(t *testing.T) {
		x := &passerelles.DataExport{}
		fillExport(reflect.ValueOf(x).Elem())
		x.ForgetAgents(map[int64]bool{42: true})
		if got := x.ReferencedAgents(); len(got) != 1 {
			t.Fatalf("a visible agent was forgotten: %v", got)
		}
	})
}
