module passerelles

go 1.26

require (
	github.com/coreos/go-oidc/v3 v3.21.0 // indirect
	github.com/go-jose/go-jose/v4 v4.1.9 // indirect
	github.com/graphql-go/graphql v0.8.1 // indirect
	github.com/mattn/go-sqlite3 v1.14.53 // indirect
	github.com/zitadel/oidc/v3 v3.52.0 // indirect
	golang.org/x/oauth2 v0.38.0 // indirect
	golang.org/x/text v0.44.0 // indirect
)
