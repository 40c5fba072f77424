package passerelles

import (
	"context"
	"time"
)

// SignInStateService keeps the little that the server must share about sign-ins in
// progress. The attempt itself (state, nonce, PKCE verifier, return path) travels in a
// cookie sealed with a key, so that no flood of sign-in starts can fill memory or evict
// anyone's attempt, and so that any process sharing the store can finish an attempt begun
// by another one, or before a restart.
type SignInStateService interface {
	// SignInStateKey returns the 32-byte secret that seals sign-in cookies. It is created at
	// first use and then the same for every process sharing the store.
	SignInStateKey(ctx context.Context) ([]byte, error)

	// UseSignInState records that the sign-in state served a callback, and keeps it until
	// expires (when the sealed cookie that carried it stops opening anyway), so that each
	// state serves once on every process. Returns ECONFLICT when it served already.
	UseSignInState(ctx context.Context, state string, expires time.Time) error
}
