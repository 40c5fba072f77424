-- Talent search (issue 9). The free text of a search is found in agents' names,
-- presentations and evidence titles, folded as skill search folds them
-- (passerelles.FoldForSearch: NFKC, case and accents folded), which SQLite cannot do in a
-- trigger: the store writes each agent's row itself, in the transaction of every write
-- that changes those texts, and fills the rows at start when they were written by an
-- older fold (sqlite.DB.Open). The table keeps its own copy of the folded texts: a
-- contentless table (content = '') cannot remove a deleted row's words from its index
-- segments (it only marks the row deleted until a merge), so an erased agent's folded
-- names would stay on disk. With the content kept, secure-delete removes the deleted
-- entries from the segments themselves, as migration 0006 set for the table this one
-- replaces, and the secure_delete pragma zeroes the content row.
DROP TRIGGER agents_fts_delete;
DROP TRIGGER agents_fts_update;
DROP TABLE agents_fts;
CREATE VIRTUAL TABLE agents_fts USING fts5 (
	names, bio, evidence,
	tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO agents_fts (agents_fts, rank) VALUES ('secure-delete', 1);
DELETE FROM app_settings WHERE key = 'agents_fts_fold';
