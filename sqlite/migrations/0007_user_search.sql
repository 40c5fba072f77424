-- Administrators find users by name (issue 8, the administration page): search_name holds
-- usual then given name as passerelles.UserSearchName folds them (FoldForSearch: accents,
-- case, compatibility forms), the same folding the search words go through, so that
-- « Élodie », « ELODIE » and « élodie » typed with a combining accent find the same person.
-- SQLite cannot call Go, so the store writes the column with the names (sign-in, imports)
-- and fills it at start for the rows written before it existed (sqlite.DB.Open). It also
-- orders the results: by usual name, then given name, accents ignored.
ALTER TABLE agents ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
CREATE INDEX agents_search_name ON agents (search_name);
