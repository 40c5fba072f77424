package main

import (
	"net/http/httptest"
	"testing"

	"passerelles/server/devidp"
)

// MustStartProvider serves a standard OpenID provider on 127.0.0.1 (the development
// provider, built as an external one would be: its own server, its own issuer) and returns
// its issuer and client credentials, for tests of a production configuration.
func MustStartProvider(tb testing.TB, redirectURL, postLogoutURL string) (issuer, clientID, secret string) {
	tb.Helper()
	srv := httptest.NewUnstartedServer(nil)
	srv.Start()
	tb.Cleanup(srv.Close)
	issuer, clientID, secret = srv.URL+"/devidp", "passerelles-test", "test-secret-0123456789abcdef0123456789"
	h, err := devidp.New(devidp.Config{Issuer: issuer, ClientID: clientID, ClientSecret: secret,
		RedirectURIs: []string{redirectURL}, PostLogoutRedirectURIs: []string{postLogoutURL},
		Personas: []devidp.Persona{{Subject: "p1", GivenName: "Test", UsualName: "Personne", Label: "Personne de test"}}})
	if err != nil {
		tb.Fatal(err)
	}
	srv.Config.Handler = h
	return issuer, clientID, secret
}
