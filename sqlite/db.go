// Package sqlite implements the domain services of Passerelles on SQLite (mattn/go-sqlite3,
// built with the sqlite_fts5 tag). One writer connection takes every write transaction with
// BEGIN IMMEDIATE, so concurrent writers queue in Go rather than fail with "database is
// locked"; a pool of read-only connections serves reads concurrently thanks to WAL.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3"

	"passerelles"
	"passerelles/markdown"
	"passerelles/talent"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// driverName is mattn/go-sqlite3 with ConnectHook.
const driverName = "sqlite3_passerelles"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: ConnectHook})
}

// ConnectHook prepares each connection for the store: the one pragma the DSN cannot carry,
// temporary storage in memory (without it, every multi-row statement inside a transaction
// writes a statement journal to a file in /var/tmp: 250 000 writes for 10 000 demo
// agents), and the French collation of labels (passerelles.FrenchCollation, used by
// `ORDER BY … COLLATE FRENCH`: SQLite's own collations order bytes, which puts
// « Île-de-France » after « Provence-Alpes-Côte d’Azur »). A driver that wraps
// mattn/go-sqlite3 for the store (tests) calls it too.
func ConnectHook(c *sqlite3.SQLiteConn) error {
	if _, err := c.Exec("PRAGMA temp_store = MEMORY", nil); err != nil {
		return err
	}
	return c.RegisterCollation(passerelles.FrenchCollation, passerelles.CompareFrench)
}

// DB is an open Passerelles database.
type DB struct {
	path   string
	writer *sql.DB // exactly one connection: every write transaction
	reader *sql.DB // read-only pool

	// DriverName is the database/sql driver of the connections, mattn/go-sqlite3 with the
	// connect hook above. Tests set it, before Open, to a wrapper registered under
	// another name (one that counts the statements the connections run).
	DriverName string

	// Now tells the time; tests may replace it before use.
	Now func() time.Time

	// RenderMarkdown renders a description (event, community) as sanitised HTML when it is
	// written, never when it is read (markdown.Renderer.Render); tests may replace it
	// before use, to count the renders.
	RenderMarkdown func(src string) string

	// ScrubWait bounds how long an erasure waits, before it returns, for readers of older
	// snapshots to let the WAL be emptied (see scrubWAL); a background worker keeps trying
	// after that. Tests may change it before use.
	ScrubWait time.Duration

	// talent is the talent index, built at Open and updated after each committed write
	// that touches agents (Tx.touchAgents).
	talent *talent.Index
	// TalentBuildTime is how long Open took to build the talent index.
	TalentBuildTime time.Duration
	// writeMu orders writes with the index updates they hand over after their commit, so
	// that the index receives them in the order of the commits.
	writeMu sync.Mutex
	// refsVersion counts the committed writes that changed a referential
	// (Tx.touchReferentials): readers keep referentials in memory while it stays the same.
	refsVersion atomic.Uint64
	// searches writes the audit entries of talent searches by group commit.
	searches *searchAudit
	// texts keeps the agents matching recent free texts of talent search.
	texts *textMatches

	scrubbing sync.Mutex // held by the background worker while a scrub is owed
	scrubOwed bool       // under scrubbing: a worker is running
	closing   chan struct{}
	workers   sync.WaitGroup
}

// NewDB returns a database at path; call Open before use.
func NewDB(path string) *DB {
	return &DB{path: path, Now: time.Now, RenderMarkdown: markdown.New().Render, DriverName: driverName, ScrubWait: 2 * time.Second, closing: make(chan struct{}),
		searches: newSearchAudit(), texts: newTextMatches()}
}

// busyTimeoutMillis is how long a connection waits for a lock held by another before it
// reports SQLITE_BUSY.
const busyTimeoutMillis = 10000

// dsn builds the connection string. Pragmas sit in the DSN, so every pooled connection
// gets them, not only the first.
func (db *DB) dsn(readOnly bool) string {
	v := url.Values{}
	v.Set("_journal_mode", "WAL")
	v.Set("_synchronous", "FULL") // personal data: an acknowledged write survives a power cut
	v.Set("_foreign_keys", "on")
	v.Set("_busy_timeout", strconv.Itoa(busyTimeoutMillis))
	v.Set("_secure_delete", "on") // erased personal data is overwritten, not left in free pages
	// Each connection keeps its last prepared statements: a talent search's page runs the
	// same few statements every time, and preparing them again cost about a tenth of it.
	v.Set("_stmt_cache_size", "32")
	if readOnly {
		v.Set("_query_only", "true")
		// 8 MB of page cache per reader (at most 8 readers): the talent index answers
		// searches from memory, and a reader's cache grows to its bound as reads touch the
		// database's pages, so the bound is what the server holds; misses are read from
		// the system's file cache.
		v.Set("_cache_size", "-8000")
	} else {
		v.Set("_txlock", "immediate")
		// The writer's cache holds the pages a large import dirties, so that they reach the
		// WAL once per transaction rather than spilling early.
		v.Set("_cache_size", "-128000")
	}
	return "file:" + db.path + "?" + v.Encode()
}

// Open opens the connections and applies the migrations not applied yet.
func (db *DB) Open(ctx context.Context) (err error) {
	if db.path == "" {
		return fmt.Errorf("sqlite: database path required")
	}
	if db.writer, err = sql.Open(db.DriverName, db.dsn(false)); err != nil {
		return fmt.Errorf("sqlite: open writer: %w", err)
	}
	db.writer.SetMaxOpenConns(1)
	db.writer.SetMaxIdleConns(1)
	db.writer.SetConnMaxLifetime(0)
	if err := db.writer.PingContext(ctx); err != nil {
		db.writer.Close()
		return fmt.Errorf("sqlite: open %s: %w", db.path, err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.writer.Close()
		return err
	}
	if err := db.refreshSkillSearch(ctx); err != nil {
		db.writer.Close()
		return err
	}
	if err := db.refreshUserSearch(ctx); err != nil {
		db.writer.Close()
		return err
	}
	if err := db.refreshAgentText(ctx); err != nil {
		db.writer.Close()
		return err
	}
	if err := db.refreshEventSearch(ctx); err != nil {
		db.writer.Close()
		return err
	}
	if err := db.refreshDescriptions(ctx); err != nil {
		db.writer.Close()
		return err
	}
	if db.reader, err = sql.Open(db.DriverName, db.dsn(true)); err != nil {
		db.writer.Close()
		return fmt.Errorf("sqlite: open readers: %w", err)
	}
	n := max(4, 2*runtime.NumCPU())
	db.reader.SetMaxOpenConns(n)
	db.reader.SetMaxIdleConns(n)
	if err := db.buildTalentIndex(ctx); err != nil {
		db.reader.Close()
		db.writer.Close()
		return err
	}
	db.workers.Add(1)
	go func() {
		defer db.workers.Done()
		db.searches.run(db)
	}()
	return nil
}

// Close stops the background scrub worker, if any, and closes every connection. Closing
// the last connection checkpoints the WAL and removes it, so that a scrub still owed is
// done then.
func (db *DB) Close() error {
	select {
	case <-db.closing:
	default:
		close(db.closing)
	}
	db.workers.Wait()
	var errs []error
	if db.reader != nil {
		errs = append(errs, db.reader.Close())
	}
	if db.writer != nil {
		errs = append(errs, db.writer.Close())
	}
	return errors.Join(errs...)
}

// Ping checks that both the writer and a reader answer (for /readyz).
func (db *DB) Ping(ctx context.Context) error {
	if err := db.writer.PingContext(ctx); err != nil {
		return fmt.Errorf("sqlite: ping writer: %w", err)
	}
	var one int
	if err := db.reader.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("sqlite: ping reader: %w", err)
	}
	return nil
}

// Migrate applies, in order and one transaction each, the embedded migrations that the
// schema_migrations table does not list yet. It returns the versions it applied.
func (db *DB) Migrate(ctx context.Context) ([]int, error) {
	if _, err := db.writer.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`); err != nil {
		return nil, fmt.Errorf("sqlite: create schema_migrations: %w", err)
	}
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	type migration struct {
		version int
		name    string
	}
	var ms []migration
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("sqlite: migration %s: name must be NNNN_name.sql", base)
		}
		ms = append(ms, migration{v, base})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })

	var applied []int
	for _, m := range ms {
		done, err := db.applyMigration(ctx, m.version, m.name)
		if err != nil {
			return applied, err
		}
		if done {
			applied = append(applied, m.version)
		}
	}
	return applied, nil
}

func (db *DB) applyMigration(ctx context.Context, version int, name string) (applied bool, err error) {
	err = db.write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
			return err
		} else if n > 0 {
			return nil
		}
		body, err := migrationFS.ReadFile("migrations/" + name)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
			version, name, formatTime(tx.now)); err != nil {
			return err
		}
		applied = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("sqlite: migration %s: %w", name, err)
	}
	return applied, nil
}

// Backup writes a consistent copy of the live database to path with VACUUM INTO (never a
// file copy of a database in use).
func (db *DB) Backup(ctx context.Context, path string) error {
	if _, err := db.writer.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("sqlite: backup: %w", err)
	}
	return nil
}

// scrubWAL copies every page of the WAL into the database file and empties the WAL
// (PRAGMA wal_checkpoint(TRUNCATE)), so that pages an erasure just overwrote keep no older
// copy in the -wal file, where SQLite would otherwise leave them until later writes reuse
// the space. A reader still on a snapshot older than the last commit blocks the checkpoint
// (its pages must stay readable); each attempt waits for readers at most a short busy
// timeout, so that the single writer connection is never held long, and attempts repeat
// with growing pauses for up to ScrubWait. If readers still block it then, a background
// worker takes over and keeps trying until it succeeds or the database closes. scrubWAL
// reports nothing: the erasure itself is committed whatever happens here.
func (db *DB) scrubWAL(ctx context.Context) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), db.ScrubWait)
	defer cancel()
	if db.checkpointUntil(ctx) {
		return
	}
	db.scrubbing.Lock()
	defer db.scrubbing.Unlock()
	if db.scrubOwed {
		return // the running worker will scrub this erasure's pages too
	}
	select {
	case <-db.closing:
		return // Close checkpoints the WAL as it closes the last connection
	default:
	}
	db.scrubOwed = true
	db.workers.Add(1)
	go func() {
		defer db.workers.Done()
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			select {
			case <-db.closing:
			case <-ctx.Done():
			}
			cancel()
		}()
		defer cancel()
		db.checkpointUntil(ctx) // until done, or the database closes
		db.scrubbing.Lock()
		db.scrubOwed = false
		db.scrubbing.Unlock()
	}()
}

// checkpointUntil runs TRUNCATE checkpoints until one completes (true) or ctx ends
// (false). Failed attempts — busy readers, or an error — are tried again after a pause.
func (db *DB) checkpointUntil(ctx context.Context) bool {
	pause := 10 * time.Millisecond
	for {
		if done, _ := db.checkpoint(ctx); done {
			return true
		}
		select {
		case <-ctx.Done():
			return false
		case <-time.After(pause):
		}
		pause = min(2*pause, time.Second)
	}
}

// checkpoint makes one TRUNCATE checkpoint attempt on the writer connection, with a busy
// timeout of 200 ms instead of the usual 10 s, and reports whether it completed.
func (db *DB) checkpoint(ctx context.Context) (bool, error) {
	conn, err := db.writer.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("sqlite: checkpoint: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA busy_timeout = 200`); err != nil {
		return false, fmt.Errorf("sqlite: checkpoint: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA busy_timeout = `+strconv.Itoa(busyTimeoutMillis))
	var busy, logFrames, checkpointed int
	if err := conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &checkpointed); err != nil {
		return false, fmt.Errorf("sqlite: checkpoint: %w", err)
	}
	return busy == 0, nil
}

// Tx is a transaction with the time fixed when it began, as benbjohnson/wtf does: every
// date one transaction writes is the same instant, and a write that waited for the single
// writer stamps the time it got it, not the time it asked.
type Tx struct {
	*sql.Tx
	now time.Time

	touched      []int64 // agents whose searchable state the write changes (touchAgents)
	viewers      []int64 // agents whose view of others the write changes (touchViewers)
	referentials bool    // the write changes referentials that talent search reads
}

// read runs fn in one read transaction (one snapshot) on the reader pool, so that the
// several statements of one read agree with each other.
func (db *DB) read(ctx context.Context, fn func(tx *Tx) error) error {
	tx, err := db.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("sqlite: begin read: %w", err)
	}
	defer tx.Rollback()
	return fn(&Tx{Tx: tx, now: db.Now()})
}

// write runs fn in one write transaction on the single writer connection (BEGIN
// IMMEDIATE) and commits it when fn succeeds; the transaction's time is taken once the
// writer is held. It is the only way the store writes in a transaction.
//
// A write that touches agents (or their view of others, Tx.touchViewers) also takes off
// the shortlists the entries their owners may no longer see (pruneShortlists).
// A write that touches agents or referentials (Tx.touchAgents, Tx.touchReferentials)
// also rewrites their search text before it commits, and hands the talent index their
// new state after it commits and before it returns: the next search sees the write.
func (db *DB) write(ctx context.Context, fn func(tx *Tx) error) error {
	db.writeMu.Lock()
	defer db.writeMu.Unlock()
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	t := &Tx{Tx: tx, now: db.Now()}
	if err := fn(t); err != nil {
		return err
	}
	// What an owner may see may have changed: their shortlists keep only that.
	if err := pruneShortlists(ctx, t, append(slices.Clip(t.touched), t.viewers...)); err != nil {
		return err
	}
	upd, err := db.prepareTalentUpdate(ctx, t)
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	upd.apply(db.talent)
	if len(t.touched) > 0 {
		db.texts.changed() // search rows rewritten (writeAgentText)
	}
	if t.referentials {
		db.refsVersion.Add(1)
	}
	return nil
}

// ReferentialsVersion implements passerelles.ReferentialsVersion: it changes after each
// committed write that changed a referential, which every upsert of one marks
// (Tx.touchReferentials). Like the talent index, it assumes this process is the only one
// writing to the database while it serves.
func (db *DB) ReferentialsVersion() uint64 { return db.refsVersion.Load() }

// classify turns SQLite constraint failures into domain errors, by error code (never by
// message text). Other errors pass through, wrapped with what was being done.
func classify(what string, err error) error {
	if err == nil {
		return nil
	}
	var de *passerelles.Error
	if errors.As(err, &de) {
		return err
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.ExtendedCode {
		case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey:
			return passerelles.Errorf(passerelles.ECONFLICT, "%s : cet élément existe déjà.", what)
		case sqlite3.ErrConstraintForeignKey:
			return passerelles.Errorf(passerelles.EINVALID, "%s : un élément référencé n’existe pas ou est encore utilisé.", what)
		case sqlite3.ErrConstraintCheck, sqlite3.ErrConstraintNotNull:
			return passerelles.Errorf(passerelles.EINVALID, "%s : une valeur est hors des limites permises.", what)
		}
	}
	return fmt.Errorf("sqlite: %s: %w", what, err)
}

// Timestamps are stored as Unix milliseconds (UTC): 6 bytes a value instead of 24–30 as
// text, which matters on tables of millions of declarations.
func formatTime(t time.Time) int64 { return t.UnixMilli() }

// nullInt64 stores 0 as NULL (for optional references).
func nullInt64(v int64) sql.NullInt64 { return sql.NullInt64{Int64: v, Valid: v != 0} }

// nullString stores "" as NULL.
func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// placeholders returns "?, ?, ?" for n values.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

func int64Args(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}

// TotalChanges returns how many rows the writer connection has inserted, updated or
// deleted since it opened (SQLite's total_changes()): tests use it to prove that a second
// load changes nothing.
func (db *DB) TotalChanges(ctx context.Context) (int64, error) {
	var n int64
	if err := db.writer.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: total changes: %w", err)
	}
	return n, nil
}

// Services returns every domain service of db.
func (db *DB) Services() passerelles.Services {
	roles := NewRoleService(db)
	comms := NewCommunityService(db)
	careers := NewCareerService(db)
	return passerelles.Services{
		Frameworks: NewFrameworkService(db), Skills: NewSkillService(db), Roles: roles, Transitions: roles, Catalogue: NewCatalogueService(db),
		Organisations: NewOrganisationService(db), Communities: comms, Events: NewEventService(db), Agents: NewAgentService(db),
		Sessions: NewSessionService(db), Users: NewUserService(db),
		Profiles: NewProfileService(db), SignInStates: NewSignInStateService(db), Talent: NewTalentService(db),
		Shortlists: NewShortlistService(db), Calendars: NewCalendarService(db), Notifications: NewNotificationService(db),
		Careers: careers, CareerHistory: careers, Mentoring: careers,
		Referentials: db,
	}
}

// Fingerprint summarises the agents and their declarations (a hash computed by SQLite),
// so that tests can tell whether two databases hold the same demo data. It returns "" on
// error.
func (db *DB) Fingerprint(ctx context.Context) string {
	var n, sum int64
	err := db.reader.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM agent_skills),
		(SELECT SUM(s.agent_id * 31 + s.skill_id * 7 + s.level * 13 + length(g.usual_name) + length(g.given_name) * 3)
		 FROM agent_skills s JOIN agents g ON g.id = s.agent_id)`).Scan(&n, &sum)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%d:%d", n, sum)
}

// Pragmas reports the pragmas in force on the writer and on one reader connection, keyed
// "writer.journal_mode", "reader.query_only"…, so that tests can check the DSN reaches
// every connection.
func (db *DB) Pragmas(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	for name, conn := range map[string]*sql.DB{"writer": db.writer, "reader": db.reader} {
		for _, p := range []string{"journal_mode", "synchronous", "foreign_keys", "busy_timeout", "query_only", "temp_store", "secure_delete"} {
			var v string
			if err := conn.QueryRowContext(ctx, "PRAGMA "+p).Scan(&v); err != nil {
				return nil, fmt.Errorf("sqlite: pragma %s: %w", p, err)
			}
			out[name+"."+p] = v
		}
	}
	return out, nil
}

// CountAudit returns how many audit entries have an action starting with prefix (tests and
// administration screens).
func (db *DB) CountAudit(ctx context.Context, prefix string) int {
	var n int
	if err := db.reader.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE action LIKE ? || '%'`, prefix).Scan(&n); err != nil {
		return -1
	}
	return n
}

// CheckIntegrity runs SQLite's integrity check, the foreign key check and the FTS5
// integrity checks of both search indexes (which also compare each index with its content
// table). It returns nil when all pass.
func (db *DB) CheckIntegrity(ctx context.Context) error {
	var res string
	if err := db.reader.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
		return fmt.Errorf("sqlite: integrity check: %q %v", res, err)
	}
	rows, err := db.reader.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return fmt.Errorf("sqlite: foreign key check: %w", err)
	}
	bad := rows.Next()
	rows.Close()
	if bad {
		return fmt.Errorf("sqlite: foreign key check found dangling references")
	}
	for _, t := range []string{"skills_fts", "agents_fts"} {
		if _, err := db.writer.ExecContext(ctx, `INSERT INTO `+t+` (`+t+`, rank) VALUES ('integrity-check', 1)`); err != nil {
			return fmt.Errorf("sqlite: %s integrity check: %w", t, err)
		}
	}
	return nil
}
