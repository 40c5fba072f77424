module passerelles

go 1.26

require (
	github.com/graphql-go/graphql v0.8.1
	github.com/mattn/go-sqlite3 v1.14.53
)
