-- Erasure (issue 7): an FTS5 'delete' normally only adds a delete marker, and the erased
-- agent's names and bio stay in the older index segments until a merge happens to rewrite
-- them. FTS5's secure-delete option (SQLite 3.44 and later; the driver bundles a newer one)
-- removes the entries from the segments themselves at each delete, as the secure_delete
-- pragma does for table rows. The setting is stored in agents_fts_config, so it holds for
-- every connection. 'optimize' then merges the index into one segment, which drops the
-- entries that deletes before this migration left behind.
INSERT INTO agents_fts (agents_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO agents_fts (agents_fts) VALUES ('optimize');
