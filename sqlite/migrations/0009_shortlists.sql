-- Shortlists and saved searches of managers and administrators (issue 9). A list's
-- entries carry the owner's private note on an agent; an agent leaves every list of an
-- owner who may no longer see them (the store removes the entries in the transaction of
-- the write that changes what the owner sees, and counts them in `departed` until the
-- owner acknowledges it), and an erasure removes the agent's entries and the agent's own
-- lists and saved searches (also by the cascades, should a path forget).
CREATE TABLE shortlists (
	id         INTEGER PRIMARY KEY,
	owner_id   INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	name       TEXT NOT NULL,
	departed   INTEGER NOT NULL DEFAULT 0 CHECK (departed >= 0),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	UNIQUE (owner_id, name)
);

CREATE TABLE shortlist_entries (
	shortlist_id INTEGER NOT NULL REFERENCES shortlists (id) ON DELETE CASCADE,
	agent_id     INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	note         TEXT NOT NULL DEFAULT '',
	added_at     INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL,
	PRIMARY KEY (shortlist_id, agent_id)
) WITHOUT ROWID;
CREATE INDEX shortlist_entries_agent ON shortlist_entries (agent_id);

-- A saved search keeps its filter (JSON, as the audit log records filters) and the ids
-- of the best-ranked matches (passerelles.MaxSavedSearchKept at most) of its last run
-- (`latest`) and of the run before (`baseline`), as portable roaring bitmaps: the
-- results of a run that `baseline` lacks are the new ones.
CREATE TABLE saved_searches (
	id          INTEGER PRIMARY KEY,
	owner_id    INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	name        TEXT NOT NULL,
	filter      TEXT NOT NULL,
	created_at  INTEGER NOT NULL,
	last_run_at INTEGER NOT NULL,
	baseline    BLOB NOT NULL,
	latest      BLOB NOT NULL,
	new_count   INTEGER NOT NULL DEFAULT 0,
	UNIQUE (owner_id, name)
);
