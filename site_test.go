package passerelles

import "testing"

func TestSiteValidate(t *testing.T) {
	for _, tc := range []struct {
		name, email string
		ok          bool
	}{
		{"Bare", "passerelles@sg.social.gouv.fr", true},
		{"Empty", "", false},
		{"DisplayName", "Passerelles <passerelles@sg.social.gouv.fr>", false},
		{"NoDomain", "passerelles", false},
		{"Spaces", " passerelles@sg.social.gouv.fr", false},
		{"TwoAddresses", "a@b.fr, c@d.fr", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Site{ContactEmail: tc.email}
			err := s.Validate()
			if tc.ok != (err == nil) {
				t.Fatalf("Validate(%q) = %v, want ok %v", tc.email, err, tc.ok)
			}
			if err != nil && ErrorCode(err) != EINVALID {
				t.Fatalf("Validate(%q) code = %s, want EINVALID", tc.email, ErrorCode(err))
			}
		})
	}
}
