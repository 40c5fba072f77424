-- The catalogue's administration (issue 11): administrators create, change and retire roles
-- and transitions, and import the catalogue from a file.
--
-- retired_at: a retired role (or transition) stays for history — agents who hold it, target
-- it or held it keep pointing at it — but is left out of closest roles, paths and new
-- targets. Roles are never deleted: a row that an agent, a past role or a path refers to
-- must stay, and one rule for every role is simpler than « deleted unless used ».
--
-- edited_at: set when an administrator changes the row (mutation or import). The seed
-- loader brings the rows of the referential files in line at every start (relabels,
-- descriptions); it leaves alone a row an administrator has made theirs, so that a restart
-- never undoes an administrator's edit nor revives a retired transition.
ALTER TABLE roles ADD COLUMN retired_at INTEGER;
ALTER TABLE roles ADD COLUMN edited_at INTEGER;

-- description: what the move is, in French, beside `helps` (what helps to make it).
ALTER TABLE transitions ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE transitions ADD COLUMN retired_at INTEGER;
ALTER TABLE transitions ADD COLUMN edited_at INTEGER;
