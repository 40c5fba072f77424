package passerelles_test

import (
	"errors"
	"fmt"
	"testing"

	"passerelles"
)

func TestWithField(t *testing.T) {
	internal := errors.New("disk full")
	for _, tc := range []struct {
		name      string
		err       error
		path      string
		wantField string
		wantSame  bool // the error comes back as it was
	}{
		{"SetsTheField", passerelles.Errorf(passerelles.EINVALID, "x"), "bio", "bio", false},
		{"PrefixesANestedField", passerelles.WithField("obtainedOn", passerelles.Errorf(passerelles.EINVALID, "x")), "evidence.2", "evidence.2.obtainedOn", false},
		{"EmptyPathKeepsTheError", passerelles.Errorf(passerelles.EINVALID, "x"), "", "", true},
		{"InternalErrorKeepsNoField", internal, "bio", "", true},
		{"WrappedDomainErrorUntouched", fmt.Errorf("sqlite: %w", passerelles.Errorf(passerelles.EINVALID, "x")), "bio", "", true},
		{"NilStaysNil", nil, "bio", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := passerelles.WithField(tc.path, tc.err)
			if tc.wantSame && got != tc.err {
				t.Fatalf("WithField returned %v, want the error unchanged (%v)", got, tc.err)
			}
			if f := passerelles.ErrorField(got); f != tc.wantField {
				t.Fatalf("field %q, want %q", f, tc.wantField)
			}
			if tc.err != nil && passerelles.ErrorCode(got) != passerelles.ErrorCode(tc.err) {
				t.Fatalf("code %q, want %q", passerelles.ErrorCode(got), passerelles.ErrorCode(tc.err))
			}
		})
	}
	t.Run("CopiesNeverChanges", func(t *testing.T) {
		orig := passerelles.Errorf(passerelles.EINVALID, "x")
		_ = passerelles.WithField("bio", orig)
		if orig.Field != "" {
			t.Fatalf("the original error got field %q", orig.Field)
		}
	})
}
