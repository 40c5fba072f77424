-- Passerelles: the whole schema of the domain (DESIGN.md §3).
-- Timestamps are INTEGER Unix milliseconds (UTC): compact on tables of millions of rows.

CREATE TABLE app_settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

-- Organisations -------------------------------------------------------------------------

CREATE TABLE regions (
	id   INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL
);

CREATE TABLE ministries (
	id   INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL
);

CREATE TABLE organisations (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE,
	name        TEXT NOT NULL,
	type        TEXT NOT NULL CHECK (type IN ('CENTRAL', 'DREETS', 'DDETS', 'ARS', 'OPERATOR')),
	ministry_id INTEGER NOT NULL REFERENCES ministries (id),
	region_id   INTEGER REFERENCES regions (id)
);
CREATE INDEX organisations_ministry ON organisations (ministry_id);
CREATE INDEX organisations_region ON organisations (region_id);

CREATE TABLE grades (
	code     TEXT PRIMARY KEY,
	label    TEXT NOT NULL,
	position INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Referentials --------------------------------------------------------------------------

CREATE TABLE frameworks (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE,
	name        TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE framework_levels (
	framework_id INTEGER NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
	value        INTEGER NOT NULL CHECK (value >= 1),
	code         TEXT NOT NULL,
	label        TEXT NOT NULL,
	description  TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (framework_id, value),
	UNIQUE (framework_id, code)
) WITHOUT ROWID;

CREATE TABLE skill_domains (
	id           INTEGER PRIMARY KEY,
	framework_id INTEGER NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
	code         TEXT NOT NULL,
	name         TEXT NOT NULL,
	position     INTEGER NOT NULL DEFAULT 0,
	UNIQUE (framework_id, code)
);

CREATE TABLE skills (
	id             INTEGER PRIMARY KEY,
	framework_id   INTEGER NOT NULL REFERENCES frameworks (id),
	domain_id      INTEGER NOT NULL REFERENCES skill_domains (id),
	code           TEXT NOT NULL,
	name           TEXT NOT NULL,
	name_en        TEXT NOT NULL DEFAULT '',
	description    TEXT NOT NULL DEFAULT '',
	defined_levels TEXT NOT NULL DEFAULT '', -- comma-separated level values; '' = every level
	position       INTEGER NOT NULL DEFAULT 0,
	UNIQUE (framework_id, code)
);
CREATE INDEX skills_domain ON skills (domain_id, position);

-- Text search over skills: accents and case folded. External content, kept by triggers.
CREATE VIRTUAL TABLE skills_fts USING fts5 (
	code, name, name_en, description,
	content = 'skills', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER skills_fts_insert AFTER INSERT ON skills BEGIN
	INSERT INTO skills_fts (rowid, code, name, name_en, description)
	VALUES (new.id, new.code, new.name, new.name_en, new.description);
END;
CREATE TRIGGER skills_fts_delete AFTER DELETE ON skills BEGIN
	INSERT INTO skills_fts (skills_fts, rowid, code, name, name_en, description)
	VALUES ('delete', old.id, old.code, old.name, old.name_en, old.description);
END;
CREATE TRIGGER skills_fts_update AFTER UPDATE OF code, name, name_en, description ON skills BEGIN
	INSERT INTO skills_fts (skills_fts, rowid, code, name, name_en, description)
	VALUES ('delete', old.id, old.code, old.name, old.name_en, old.description);
	INSERT INTO skills_fts (rowid, code, name, name_en, description)
	VALUES (new.id, new.code, new.name, new.name_en, new.description);
END;

CREATE TABLE roles (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE,
	title       TEXT NOT NULL,
	family      TEXT NOT NULL CHECK (family IN ('BUSINESS', 'DIGITAL')),
	description TEXT NOT NULL DEFAULT '',
	rome_code   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX roles_family ON roles (family, code);

CREATE TABLE role_skills (
	role_id  INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
	skill_id INTEGER NOT NULL REFERENCES skills (id),
	level    INTEGER NOT NULL CHECK (level >= 1),
	weight   INTEGER NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 3),
	PRIMARY KEY (role_id, skill_id)
) WITHOUT ROWID;
CREATE INDEX role_skills_skill ON role_skills (skill_id);

CREATE TABLE transitions (
	id                      INTEGER PRIMARY KEY,
	from_role_id            INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
	to_role_id              INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
	kind                    TEXT NOT NULL CHECK (kind IN ('CLOSE', 'PROMOTION')),
	typical_duration_months INTEGER NOT NULL DEFAULT 0 CHECK (typical_duration_months BETWEEN 0 AND 120),
	helps                   TEXT NOT NULL DEFAULT '',
	UNIQUE (from_role_id, to_role_id),
	CHECK (from_role_id <> to_role_id)
);
CREATE INDEX transitions_to ON transitions (to_role_id);

-- Agents --------------------------------------------------------------------------------

CREATE TABLE agents (
	id                  INTEGER PRIMARY KEY,
	issuer              TEXT NOT NULL,
	subject             TEXT NOT NULL,
	given_name          TEXT NOT NULL DEFAULT '',
	usual_name          TEXT NOT NULL DEFAULT '',
	email               TEXT NOT NULL DEFAULT '',
	uid                 TEXT NOT NULL DEFAULT '',
	siret               TEXT NOT NULL DEFAULT '',
	idp_id              TEXT NOT NULL DEFAULT '',
	organisation_label  TEXT NOT NULL DEFAULT '',
	organisation_id     INTEGER REFERENCES organisations (id),
	region_id           INTEGER REFERENCES regions (id),
	grade_code          TEXT REFERENCES grades (code),
	current_role_id     INTEGER REFERENCES roles (id),
	bio                 TEXT NOT NULL DEFAULT '',
	open_to_mobility    INTEGER NOT NULL DEFAULT 0 CHECK (open_to_mobility IN (0, 1)),
	willing_to_mentor   INTEGER NOT NULL DEFAULT 0 CHECK (willing_to_mentor IN (0, 1)),
	visibility          TEXT NOT NULL DEFAULT 'PRIVATE' CHECK (visibility IN ('PRIVATE', 'MANAGERS', 'ALL_AGENTS')),
	visibility_chosen_at INTEGER,
	onboarded_at        INTEGER,
	created_at          INTEGER NOT NULL,
	updated_at          INTEGER NOT NULL,
	UNIQUE (issuer, subject)
);
CREATE INDEX agents_organisation ON agents (organisation_id);
CREATE INDEX agents_region ON agents (region_id);
CREATE INDEX agents_current_role ON agents (current_role_id);

-- Text search over agents (names and bio); rows are the agents' ids. The store adds the
-- row of a new agent itself (in bulk when importing, which a per-row trigger made twice as
-- slow); triggers keep it in line on update and delete, so that erasure of an agent always
-- erases their index rows.
CREATE VIRTUAL TABLE agents_fts USING fts5 (
	given_name, usual_name, bio,
	content = 'agents', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER agents_fts_delete AFTER DELETE ON agents BEGIN
	INSERT INTO agents_fts (agents_fts, rowid, given_name, usual_name, bio)
	VALUES ('delete', old.id, old.given_name, old.usual_name, old.bio);
END;
CREATE TRIGGER agents_fts_update AFTER UPDATE OF given_name, usual_name, bio ON agents BEGIN
	INSERT INTO agents_fts (agents_fts, rowid, given_name, usual_name, bio)
	VALUES ('delete', old.id, old.given_name, old.usual_name, old.bio);
	INSERT INTO agents_fts (rowid, given_name, usual_name, bio)
	VALUES (new.id, new.given_name, new.usual_name, new.bio);
END;

CREATE TABLE agent_access_roles (
	agent_id   INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	role       TEXT NOT NULL CHECK (role IN ('MANAGER', 'ADMIN')),
	granted_by INTEGER REFERENCES agents (id) ON DELETE SET NULL,
	granted_at INTEGER NOT NULL,
	PRIMARY KEY (agent_id, role)
) WITHOUT ROWID;

CREATE TABLE agent_hidden_organisations (
	agent_id        INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	organisation_id INTEGER NOT NULL REFERENCES organisations (id),
	PRIMARY KEY (agent_id, organisation_id)
) WITHOUT ROWID;

CREATE TABLE agent_mobility_families (
	agent_id INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	family   TEXT NOT NULL CHECK (family IN ('BUSINESS', 'DIGITAL')),
	PRIMARY KEY (agent_id, family)
) WITHOUT ROWID;

CREATE TABLE agent_mobility_regions (
	agent_id  INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	region_id INTEGER NOT NULL REFERENCES regions (id),
	PRIMARY KEY (agent_id, region_id)
) WITHOUT ROWID;

CREATE TABLE agent_target_roles (
	agent_id INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	role_id  INTEGER NOT NULL REFERENCES roles (id),
	PRIMARY KEY (agent_id, role_id)
) WITHOUT ROWID;

-- Current declarations: one row per (agent, skill). Talent search reads (skill_id, level).
CREATE TABLE agent_skills (
	agent_id           INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	skill_id           INTEGER NOT NULL REFERENCES skills (id),
	level              INTEGER NOT NULL CHECK (level >= 1),
	current_use        INTEGER NOT NULL DEFAULT 1 CHECK (current_use IN (0, 1)),
	wants_to_develop   INTEGER NOT NULL DEFAULT 0 CHECK (wants_to_develop IN (0, 1)),
	top_rank           INTEGER CHECK (top_rank BETWEEN 1 AND 5),
	validated_level    INTEGER CHECK (validated_level >= 1),
	validated_by       INTEGER REFERENCES agents (id) ON DELETE SET NULL,
	validated_at       INTEGER,
	validation_comment TEXT NOT NULL DEFAULT '',
	declared_at        INTEGER NOT NULL,
	updated_at         INTEGER NOT NULL,
	PRIMARY KEY (agent_id, skill_id)
) WITHOUT ROWID;
CREATE INDEX agent_skills_skill_level ON agent_skills (skill_id, level);
CREATE UNIQUE INDEX agent_skills_top_rank ON agent_skills (agent_id, top_rank) WHERE top_rank IS NOT NULL;

-- Every version of every declaration, never overwritten: valid_to is NULL for the version
-- in force, and set when a later change (or removal) supersedes it.
CREATE TABLE agent_skill_history (
	agent_id         INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	skill_id         INTEGER NOT NULL REFERENCES skills (id),
	version          INTEGER NOT NULL CHECK (version >= 1), -- 1, 2, … per (agent, skill)
	change           TEXT NOT NULL CHECK (change IN ('DECLARED', 'UPDATED', 'VALIDATED', 'REMOVED')),
	level            INTEGER,
	current_use      INTEGER,
	wants_to_develop INTEGER,
	top_rank         INTEGER,
	validated_level  INTEGER,
	comment          TEXT NOT NULL DEFAULT '',
	changed_by       INTEGER REFERENCES agents (id) ON DELETE SET NULL,
	valid_from       INTEGER NOT NULL,
	valid_to         INTEGER,
	PRIMARY KEY (agent_id, skill_id, version)
) WITHOUT ROWID;

CREATE TABLE agent_skill_evidence (
	id          INTEGER PRIMARY KEY,
	agent_id    INTEGER NOT NULL,
	skill_id    INTEGER NOT NULL,
	kind        TEXT NOT NULL CHECK (kind IN ('EXPERIENCE', 'TRAINING', 'CERTIFICATION')),
	title       TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	score       INTEGER CHECK (score BETWEEN 0 AND 1024),
	obtained_on TEXT, -- a date, YYYY-MM-DD
	url         TEXT NOT NULL DEFAULT '',
	created_at  INTEGER NOT NULL,
	FOREIGN KEY (agent_id, skill_id) REFERENCES agent_skills (agent_id, skill_id) ON DELETE CASCADE
);
CREATE INDEX agent_skill_evidence_skill ON agent_skill_evidence (agent_id, skill_id);

CREATE TABLE endorsements (
	agent_id    INTEGER NOT NULL,
	skill_id    INTEGER NOT NULL,
	endorser_id INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	created_at  INTEGER NOT NULL,
	PRIMARY KEY (agent_id, skill_id, endorser_id),
	FOREIGN KEY (agent_id, skill_id) REFERENCES agent_skills (agent_id, skill_id) ON DELETE CASCADE,
	CHECK (endorser_id <> agent_id)
) WITHOUT ROWID;
CREATE INDEX endorsements_endorser ON endorsements (endorser_id);

-- How many agents declare each (skill, level): the bundled SQLite has no STAT4, so the
-- talent search reads these counts to start from the rarest requirement.
CREATE TABLE skill_level_counts (
	skill_id INTEGER NOT NULL REFERENCES skills (id),
	level    INTEGER NOT NULL,
	agents   INTEGER NOT NULL DEFAULT 0 CHECK (agents >= 0),
	PRIMARY KEY (skill_id, level)
) WITHOUT ROWID;

-- Communities and events ----------------------------------------------------------------

CREATE TABLE communities (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE,
	name        TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE community_skills (
	community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
	skill_id     INTEGER NOT NULL REFERENCES skills (id),
	PRIMARY KEY (community_id, skill_id)
) WITHOUT ROWID;

CREATE TABLE community_members (
	community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
	agent_id     INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	role         TEXT NOT NULL DEFAULT 'MEMBER' CHECK (role IN ('MEMBER', 'ANIMATOR')),
	joined_at    INTEGER NOT NULL,
	PRIMARY KEY (community_id, agent_id)
) WITHOUT ROWID;
CREATE INDEX community_members_agent ON community_members (agent_id);

CREATE TABLE events (
	id                    INTEGER PRIMARY KEY,
	community_id          INTEGER NOT NULL REFERENCES communities (id),
	title                 TEXT NOT NULL,
	description           TEXT NOT NULL DEFAULT '',
	kind                  TEXT NOT NULL CHECK (kind IN ('MEETUP', 'WEBINAR', 'WORKSHOP', 'CONFERENCE', 'FAIR')),
	status                TEXT NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED', 'CANCELLED')),
	format                TEXT NOT NULL CHECK (format IN ('ONSITE', 'ONLINE', 'HYBRID')),
	address               TEXT NOT NULL DEFAULT '',
	online_url            TEXT NOT NULL DEFAULT '',
	starts_at             INTEGER NOT NULL,
	ends_at               INTEGER NOT NULL,
	time_zone             TEXT NOT NULL DEFAULT 'Europe/Paris',
	capacity              INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
	registration_deadline INTEGER,
	created_by            INTEGER REFERENCES agents (id) ON DELETE SET NULL,
	created_at            INTEGER NOT NULL,
	updated_at            INTEGER NOT NULL,
	UNIQUE (community_id, title, starts_at),
	CHECK (ends_at > starts_at)
);
CREATE INDEX events_starts ON events (status, starts_at);

CREATE TABLE event_skills (
	event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	skill_id INTEGER NOT NULL REFERENCES skills (id),
	PRIMARY KEY (event_id, skill_id)
) WITHOUT ROWID;

-- Registrations: first in, first out. position orders the waitlist.
CREATE TABLE registrations (
	id            INTEGER PRIMARY KEY,
	event_id      INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	agent_id      INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	status        TEXT NOT NULL CHECK (status IN ('REGISTERED', 'WAITLISTED', 'CANCELLED', 'ATTENDED')),
	position      INTEGER NOT NULL,
	registered_at INTEGER NOT NULL,
	updated_at    INTEGER NOT NULL,
	UNIQUE (event_id, agent_id),
	UNIQUE (event_id, position)
);
CREATE INDEX registrations_agent ON registrations (agent_id);
CREATE INDEX registrations_event_status ON registrations (event_id, status, position);

-- Sessions and audit --------------------------------------------------------------------

-- Server-side sessions; the cookie carries a random token whose SHA-256 is stored here.
CREATE TABLE sessions (
	token_hash     TEXT PRIMARY KEY,
	agent_id       INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	id_token       TEXT NOT NULL DEFAULT '',
	created_at     INTEGER NOT NULL,
	last_seen_at   INTEGER NOT NULL,
	expires_at     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_agent ON sessions (agent_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Who did what to whom. Agent ids are set NULL on erasure; the pseudonyms (keyed hashes)
-- are what remains.
CREATE TABLE audit_log (
	id                INTEGER PRIMARY KEY,
	at                INTEGER NOT NULL,
	actor_id          INTEGER REFERENCES agents (id) ON DELETE SET NULL,
	actor_pseudonym   TEXT NOT NULL DEFAULT '',
	action            TEXT NOT NULL,
	subject_id        INTEGER REFERENCES agents (id) ON DELETE SET NULL,
	subject_pseudonym TEXT NOT NULL DEFAULT '',
	details           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_subject ON audit_log (subject_id, at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);
