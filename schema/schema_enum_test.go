package schema_test

import (
	"sync"
	"testing"

	"github.com/graphql-go/graphql"

	"passerelles"
	"passerelles/resolvers"
	"passerelles/schema"
)

// TestEnumLookupsBuiltBeforeServing completes every enum of the schema from many
// goroutines at once, as concurrent requests do: with the lookups built lazily by
// graphql-go, -race reports the write of the first Serialize against the others' reads.
func TestEnumLookupsBuiltBeforeServing(t *testing.T) {
	s, err := schema.New(resolvers.New(passerelles.Services{}))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, typ := range s.TypeMap() {
				if e, ok := typ.(*graphql.Enum); ok {
					for _, v := range e.Values() {
						if e.Serialize(v.Value) != v.Name || e.ParseValue(v.Name) != v.Value {
							t.Errorf("enum %s: %v does not round-trip", e.Name(), v.Name)
						}
					}
				}
			}
		})
	}
	wg.Wait()
}
