package resolvers

import (
	"context"
	"sync"

	"github.com/graphql-go/graphql"
)

// loader batches the loads of one request. Load registers a key and returns a thunk;
// the first thunk called at a depth of the response fetches, in one call, every key
// registered so far for that depth or a shallower one.
//
// graphql-go completes thunks breadth first: every thunk at one depth of the response
// (the length of its path, list indices included) runs before any deeper one, and a
// thunk only registers keys for deeper fields. So when the first thunk of a depth runs,
// every key of that depth is registered, and one fetch serves the whole level — without
// the wait window of time-based batchers. Keys registered for deeper fields stay pending
// until their own level: fetching them with the current level would depend on the order,
// random, in which graphql-go calls the thunks of one level, and so would the number of
// statements a document costs.
type loader[K comparable, V any] struct {
	fetch func(ctx context.Context, keys []K) (map[K]V, error)
	// peek, when set, answers a key without fetching when it can (known): a referential
	// kept across requests by the resolver.
	peek func(key K) (v V, ok, known bool)

	mu      sync.Mutex
	pending []K         // in registration order
	depth   map[K]int   // of each pending key: the shallowest field that asked for it
	done    map[K]V     // fetched
	absent  map[K]bool  // asked for and not returned (a profile the viewer may not see)
	errs    map[K]error // whose fetch failed
}

func newLoader[K comparable, V any](fetch func(ctx context.Context, keys []K) (map[K]V, error)) *loader[K, V] {
	return &loader[K, V]{fetch: fetch, depth: map[K]int{}, done: map[K]V{}, absent: map[K]bool{}, errs: map[K]error{}}
}

// depthOf is the depth of the field being resolved: the length of its path in the
// response, list indices included.
func depthOf(p graphql.ResolveParams) int {
	n := 0
	for path := p.Info.Path; path != nil; path = path.Prev {
		n++
	}
	return n
}

// Load registers key for the field p resolves and returns a thunk that yields its value.
// A key the fetch did not return yields the zero value and ok false.
func (l *loader[K, V]) Load(p graphql.ResolveParams, key K) func() (V, bool, error) {
	ctx, depth := p.Context, depthOf(p)
	l.mu.Lock()
	l.register(key, depth)
	l.mu.Unlock()
	return func() (V, bool, error) {
		l.mu.Lock()
		defer l.mu.Unlock()
		if _, ok := l.depth[key]; ok {
			l.flush(ctx, depth)
		}
		if err := l.errs[key]; err != nil {
			var zero V
			return zero, false, err
		}
		v, ok := l.done[key]
		return v, ok, nil
	}
}

// Resolve returns what a field resolver returns for key: the value itself when the loader
// knows it without fetching (peek), which spares graphql-go a thunk (its breadth-first
// completion of thunks costs several allocations each, and a page of talent search
// results holds hundreds of references to skills, levels and organisations); a thunk
// otherwise. A key not found resolves to null.
func (l *loader[K, V]) Resolve(p graphql.ResolveParams, key K) any {
	if l.peek != nil {
		if v, ok, known := l.peek(key); known {
			if !ok {
				return nil
			}
			return v
		}
	}
	return thunk(l.Load(p, key))
}

// Value returns the value of key at once when the loader knows it without fetching
// (known), for resolvers that read a value to compute theirs.
func (l *loader[K, V]) Value(key K) (v V, ok, known bool) {
	if l.peek == nil {
		return v, false, false
	}
	return l.peek(key)
}

// register adds key to the pending keys at depth, or brings it to depth if a deeper
// field asked for it before; l.mu is held.
func (l *loader[K, V]) register(key K, depth int) {
	if _, ok := l.done[key]; ok || l.absent[key] || l.errs[key] != nil {
		return
	}
	if d, ok := l.depth[key]; ok {
		l.depth[key] = min(d, depth)
		return
	}
	l.depth[key] = depth
	l.pending = append(l.pending, key)
}

// flush fetches the pending keys of depth or shallower; l.mu is held. A fetch may return
// more than it was asked (a loader that reads a small referential whole): the loader
// keeps it all.
func (l *loader[K, V]) flush(ctx context.Context, depth int) {
	var keys, later []K
	for _, k := range l.pending {
		if l.depth[k] <= depth {
			keys = append(keys, k)
		} else {
			later = append(later, k)
		}
	}
	l.pending = later
	values, err := l.fetch(ctx, keys)
	for _, k := range keys {
		delete(l.depth, k)
		switch v, ok := values[k]; {
		case err != nil:
			l.errs[k] = err
		case ok:
			l.done[k] = v
		default:
			l.absent[k] = true
		}
	}
	if err != nil {
		return
	}
	served := false
	for k, v := range values {
		l.done[k] = v
		if _, ok := l.depth[k]; ok { // asked for by a deeper field: served already
			delete(l.depth, k)
			served = true
		}
	}
	if served {
		still := l.pending[:0]
		for _, k := range l.pending {
			if _, ok := l.depth[k]; ok {
				still = append(still, k)
			}
		}
		l.pending = still
	}
}
