-- Career paths (issue 11): the transition kind RECONVERSION, agents' career history and the
-- moves it shows, mentoring requests, and the indexes that count a role's holders and
-- targeters.

-- SQLite cannot change a CHECK: the table is rebuilt with the same ids (nothing refers to
-- them by foreign key) and its index made again.
CREATE TABLE transitions_new (
	id                      INTEGER PRIMARY KEY,
	from_role_id            INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
	to_role_id              INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
	kind                    TEXT NOT NULL CHECK (kind IN ('CLOSE', 'PROMOTION', 'RECONVERSION')),
	typical_duration_months INTEGER NOT NULL DEFAULT 0 CHECK (typical_duration_months BETWEEN 0 AND 120),
	helps                   TEXT NOT NULL DEFAULT '',
	UNIQUE (from_role_id, to_role_id),
	CHECK (from_role_id <> to_role_id)
);
INSERT INTO transitions_new (id, from_role_id, to_role_id, kind, typical_duration_months, helps)
	SELECT id, from_role_id, to_role_id, kind, typical_duration_months, helps FROM transitions;
DROP TABLE transitions;
ALTER TABLE transitions_new RENAME TO transitions;
CREATE INDEX transitions_to ON transitions (to_role_id);

-- Role.targetersCount counts by role; the primary key starts with the agent.
CREATE INDEX agent_target_roles_role ON agent_target_roles (role_id);

-- The roles an agent held, with dates (YYYY-MM-DD); ended_on NULL for a role still held.
CREATE TABLE agent_past_roles (
	id         INTEGER PRIMARY KEY,
	agent_id   INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	role_id    INTEGER NOT NULL REFERENCES roles (id),
	started_on TEXT NOT NULL,
	ended_on   TEXT,
	CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX agent_past_roles_agent ON agent_past_roles (agent_id, started_on);
-- Mentors: who held a role.
CREATE INDEX agent_past_roles_role ON agent_past_roles (role_id);

-- The moves an agent's history shows (consecutive roles), rewritten with the history:
-- Transition.observedMoves counts them by (from, to) without reading every history.
CREATE TABLE agent_moves (
	agent_id     INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	from_role_id INTEGER NOT NULL REFERENCES roles (id),
	to_role_id   INTEGER NOT NULL REFERENCES roles (id),
	months       INTEGER NOT NULL CHECK (months >= 0), -- months spent in the origin role
	position     INTEGER NOT NULL,                     -- order of the move in the history
	PRIMARY KEY (agent_id, position)
) WITHOUT ROWID;
CREATE INDEX agent_moves_pair ON agent_moves (from_role_id, to_role_id);
CREATE INDEX agent_moves_to ON agent_moves (to_role_id);

CREATE TABLE mentoring_requests (
	id           INTEGER PRIMARY KEY,
	requester_id INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	mentor_id    INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	role_id      INTEGER NOT NULL REFERENCES roles (id),
	message      TEXT NOT NULL DEFAULT '',
	state        TEXT NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN')),
	created_at   INTEGER NOT NULL,
	answered_at  INTEGER,
	CHECK (requester_id <> mentor_id)
);
-- One open (pending) request per pair, whatever the role.
CREATE UNIQUE INDEX mentoring_requests_open ON mentoring_requests (requester_id, mentor_id) WHERE state = 'PENDING';
CREATE INDEX mentoring_requests_requester ON mentoring_requests (requester_id, created_at);
CREATE INDEX mentoring_requests_mentor ON mentoring_requests (mentor_id, created_at);
