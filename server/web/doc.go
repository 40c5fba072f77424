// Package web holds what every HTTP route of Passerelles shares: the embedded single-page
// front end, the security headers, request ids and the access log, gzip, JSON answers, the
// rate limiters and the client address behind trusted proxies.
package web
