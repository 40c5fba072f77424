// Package frontend embeds the built single-page application.
package frontend

import "embed"

// Dist holds the production build of the SPA (vite build output).
//
//go:embed all:dist
var Dist embed.FS
