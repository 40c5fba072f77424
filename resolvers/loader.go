package resolvers

import (
	"context"
	"sync"
)

// loader batches the loads of one request. Load registers a key and returns a thunk;
// the first thunk called fetches every key registered so far in one call. graphql-go
// resolves all the fields of a level before it calls their thunks (breadth first), so
// a whole level of a response costs one fetch, whatever the number of rows — without the
// wait window of time-based batchers.
type loader[K comparable, V any] struct {
	fetch func(ctx context.Context, keys []K) (map[K]V, error)

	mu      sync.Mutex
	pending []K
	queued  map[K]bool
	done    map[K]V
	errs    map[K]error
}

func newLoader[K comparable, V any](fetch func(ctx context.Context, keys []K) (map[K]V, error)) *loader[K, V] {
	return &loader[K, V]{fetch: fetch, queued: map[K]bool{}, done: map[K]V{}, errs: map[K]error{}}
}

// Load registers key and returns a thunk that yields its value. A key the fetch did not
// return yields the zero value and ok false.
func (l *loader[K, V]) Load(ctx context.Context, key K) func() (V, bool, error) {
	l.mu.Lock()
	if _, ok := l.done[key]; !ok && !l.queued[key] {
		if _, failed := l.errs[key]; !failed {
			l.queued[key] = true
			l.pending = append(l.pending, key)
		}
	}
	l.mu.Unlock()
	return func() (V, bool, error) {
		l.mu.Lock()
		defer l.mu.Unlock()
		if l.queued[key] {
			keys := l.pending
			l.pending = nil
			values, err := l.fetch(ctx, keys)
			for _, k := range keys {
				delete(l.queued, k)
				if err != nil {
					l.errs[k] = err
				} else if v, ok := values[k]; ok {
					l.done[k] = v
				}
			}
		}
		if err := l.errs[key]; err != nil {
			var zero V
			return zero, false, err
		}
		v, ok := l.done[key]
		return v, ok, nil
	}
}
