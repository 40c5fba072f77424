-- Skill search on folded text (issue 7): the index is built from the skills' texts as
-- passerelles.FoldForSearch gives them (NFKC, case and accents folded), the same function
-- the queries go through, so that « données » with a combining accent, full-width « ｄｏｎｎｅｅｓ » and
-- « ﬁchiers » with a ligature find what « données » and « fichiers » find. SQLite cannot call Go from a trigger that other
-- tools would run too, so the store computes these columns when it writes a skill, and
-- fills them at start for rows written before (sqlite.DB.Open).
ALTER TABLE skills ADD COLUMN search_code TEXT NOT NULL DEFAULT '';
ALTER TABLE skills ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
ALTER TABLE skills ADD COLUMN search_name_en TEXT NOT NULL DEFAULT '';
ALTER TABLE skills ADD COLUMN search_description TEXT NOT NULL DEFAULT '';

DROP TRIGGER skills_fts_insert;
DROP TRIGGER skills_fts_delete;
DROP TRIGGER skills_fts_update;
DROP TABLE skills_fts;

-- External content on the folded columns, kept by triggers; one column per text, so that
-- bm25 still weighs a match in a name against a match in a long description.
CREATE VIRTUAL TABLE skills_fts USING fts5 (
	search_code, search_name, search_name_en, search_description,
	content = 'skills', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER skills_fts_insert AFTER INSERT ON skills BEGIN
	INSERT INTO skills_fts (rowid, search_code, search_name, search_name_en, search_description)
	VALUES (new.id, new.search_code, new.search_name, new.search_name_en, new.search_description);
END;
CREATE TRIGGER skills_fts_delete AFTER DELETE ON skills BEGIN
	INSERT INTO skills_fts (skills_fts, rowid, search_code, search_name, search_name_en, search_description)
	VALUES ('delete', old.id, old.search_code, old.search_name, old.search_name_en, old.search_description);
END;
CREATE TRIGGER skills_fts_update AFTER UPDATE OF search_code, search_name, search_name_en, search_description ON skills BEGIN
	INSERT INTO skills_fts (skills_fts, rowid, search_code, search_name, search_name_en, search_description)
	VALUES ('delete', old.id, old.search_code, old.search_name, old.search_name_en, old.search_description);
	INSERT INTO skills_fts (rowid, search_code, search_name, search_name_en, search_description)
	VALUES (new.id, new.search_code, new.search_name, new.search_name_en, new.search_description);
END;
-- The index of the rows already there (empty folded texts until the store fills them).
INSERT INTO skills_fts (skills_fts) VALUES ('rebuild');
