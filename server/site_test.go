package main

import (
	"net/http"
	"testing"
)

// TestSiteContactEmail reads Query.site as an anonymous visitor of the legal pages would:
// the address of the configuration, the demo one when none is set.
func TestSiteContactEmail(t *testing.T) {
	for _, tc := range []struct {
		name, contact, want string
	}{
		{"Configured", "passerelles@sg.social.gouv.fr", "passerelles@sg.social.gouv.fr"},
		{"DevelopmentDefault", "", DemoContactEmail},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := MustTestConfig(t)
			if tc.contact != "" {
				cfg.ContactEmail = tc.contact
			}
			cfg.DemoAgents = 0
			app, _ := MustNewApp(t, cfg)
			res := postGraphQL(t, MustServe(t, app), `query Site { site { contactEmail } }`, nil)
			checkResponse(t, res, http.StatusOK, "")
			var data struct {
				Site struct {
					ContactEmail string `json:"contactEmail"`
				} `json:"site"`
			}
			decodeData(t, res.Data, &data)
			if data.Site.ContactEmail != tc.want {
				t.Fatalf("site.contactEmail = %q, want %q", data.Site.ContactEmail, tc.want)
			}
		})
	}
}
