-- Delivery of notifications by email (issue 10): the worker looks, every few seconds, for
-- the unread notifications not emailed yet of the last days (passerelles.MaxEmailDelay).
-- 0010's index on (agent_id) WHERE emailed_at IS NULL keeps every notification never
-- emailed — those read in the app, those of agents who want no email, every one when no
-- SMTP server is configured — so a look would read them all, forever; this one holds only
-- the unread ones not emailed, by creation, so a look reads the recent ones only.
DROP INDEX notifications_to_email;
CREATE INDEX notifications_email_pending ON notifications (created_at) WHERE emailed_at IS NULL AND read_at IS NULL;
