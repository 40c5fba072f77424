-- Sign-in states that already served a callback, so that a replayed callback fails on any
-- process sharing the database. Only a SHA-256 of the state is kept, until the sealed
-- sign-in cookie that carried it expires; rows past expires_at are swept as new ones come.
-- The key that seals sign-in cookies, when not configured, is created at first start in
-- app_settings (key 'signin_state_key').
CREATE TABLE used_signin_states (
	state_hash BLOB PRIMARY KEY,
	expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX used_signin_states_expires ON used_signin_states (expires_at);
