-- Descriptions rendered once, when written (review of issue 10): the sanitised HTML of an
-- event's and a community's Markdown description (markdown.Render), and an event's plain
-- text (markdown.PlainText, for the DESCRIPTION of calendar files). Reads return them
-- instead of rendering at every request. NULL until rendered: the renderer is Go code that
-- SQL cannot run, so the rows written before this migration are filled when the database
-- opens (DB.refreshDescriptions); a later change of the renderer's policy resets these
-- columns to NULL in a migration of its own, and the next start renders everything again.
ALTER TABLE events ADD COLUMN description_html TEXT;
ALTER TABLE events ADD COLUMN description_text TEXT;
ALTER TABLE communities ADD COLUMN description_html TEXT;
