// Package auth is the OpenID Connect relying party of Passerelles (ProConnect or any
// standard provider): sign-in with PKCE, the sealed sign-in state carried in a cookie, the
// server-side sessions and the middleware that puts the signed-in person on each request.
package auth
