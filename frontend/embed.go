// Package frontend embeds the built single-page application.
package frontend

import "embed"

// Dist holds the production build of the SPA (vite build output).
//
//go:embed all:dist
var Dist embed.FS

// Routes is the SPA's route table (src/routes.json, which src/routes.ts imports): the
// server reads it to answer 404 to a path that no page of the SPA shows.
//
//go:embed src/routes.json
var Routes []byte
