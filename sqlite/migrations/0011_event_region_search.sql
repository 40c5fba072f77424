-- Events (issue 10): the region of an event's address, for the listing's region filter
-- (communities are national, so the place of the event is what an agent filters by), and
-- the folded text of its title and description (passerelles.FoldForSearch, written by the
-- store; NULL until then, filled at start for rows written before this migration).
ALTER TABLE events ADD COLUMN region_id INTEGER REFERENCES regions (id);
ALTER TABLE events ADD COLUMN search_text TEXT;
CREATE INDEX events_region ON events (region_id, starts_at) WHERE region_id IS NOT NULL;

-- Events by skill developed: the skill filter and the recommendations of Mon espace.
CREATE INDEX event_skills_skill ON event_skills (skill_id, event_id);
