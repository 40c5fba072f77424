-- Communities of practice and their events (issue 10): the columns and tables that the
-- events' life needs beyond 0001, written once for the pieces built in parallel
-- (communities and events, registrations, calendars, notifications).

-- An archived community keeps its members and events but takes no new ones and leaves the
-- lists; NULL while active.
ALTER TABLE communities ADD COLUMN archived_at INTEGER;

-- RFC 5545 SEQUENCE: increased by every change of an event that its participants must
-- see in their calendars (time, place, link, cancellation); cancelled_at says when.
ALTER TABLE events ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0);
ALTER TABLE events ADD COLUMN cancelled_at INTEGER;
ALTER TABLE events ADD COLUMN published_at INTEGER;
CREATE INDEX events_community ON events (community_id, starts_at);

-- Attendance, marked by an animator after the event: NULL until marked, then 1 (present)
-- or 0 (absent); registrations keep their status (REGISTERED, WAITLISTED, CANCELLED).
ALTER TABLE registrations ADD COLUMN attended INTEGER CHECK (attended IN (0, 1));
ALTER TABLE registrations ADD COLUMN attendance_marked_at INTEGER;

-- A personal calendar feed: the SHA-256 of the secret token of its address (the token
-- itself is never stored); one per agent, replaced when renewed, removed when revoked.
CREATE TABLE calendar_feeds (
	agent_id   INTEGER PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
	token_hash TEXT NOT NULL UNIQUE,
	created_at INTEGER NOT NULL
);

-- Notifications in the app, written in the transaction of the change they tell about
-- (sqlite.notify); read_at when the agent read it, emailed_at when it went by email
-- (immediately or in a digest), NULL until then.
CREATE TABLE notifications (
	id         INTEGER PRIMARY KEY,
	agent_id   INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	kind       TEXT NOT NULL CHECK (kind IN ('REGISTRATION_CONFIRMED', 'WAITLISTED', 'PROMOTED_FROM_WAITLIST',
		'EVENT_CHANGED', 'EVENT_CANCELLED')),
	event_id   INTEGER REFERENCES events (id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	read_at    INTEGER,
	emailed_at INTEGER
);
CREATE INDEX notifications_agent ON notifications (agent_id, id);
CREATE INDEX notifications_to_email ON notifications (agent_id) WHERE emailed_at IS NULL;

-- Preferences of notifications, defaults when absent: immediate, by email when an SMTP
-- server is configured, no quiet hours. Quiet hours are minutes after midnight,
-- Europe/Paris (start > end spans midnight); the digest goes on digest_weekday (0 Sunday …
-- 6 Saturday, ISO-like as time.Weekday) at digest_minute.
CREATE TABLE notification_preferences (
	agent_id       INTEGER PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
	delivery       TEXT NOT NULL DEFAULT 'IMMEDIATE' CHECK (delivery IN ('IMMEDIATE', 'WEEKLY_DIGEST')),
	by_email       INTEGER NOT NULL DEFAULT 1 CHECK (by_email IN (0, 1)),
	quiet_start    INTEGER CHECK (quiet_start BETWEEN 0 AND 1439),
	quiet_end      INTEGER CHECK (quiet_end BETWEEN 0 AND 1439),
	digest_weekday INTEGER NOT NULL DEFAULT 1 CHECK (digest_weekday BETWEEN 0 AND 6),
	digest_minute  INTEGER NOT NULL DEFAULT 480 CHECK (digest_minute BETWEEN 0 AND 1439),
	updated_at     INTEGER NOT NULL
);
