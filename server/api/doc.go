// Package api serves the GraphQL API of Passerelles over HTTP: the handler (one JSON
// operation per request), the limits it checks before graphql-go sees a document (size,
// depth, fragment cycles), the query cost model, the coercion of input values, the cache
// of parsed and validated documents, the rate-limit hooks that count mutations and exports
// in a document, and the export endpoint (GET /me/export.json).
package api
