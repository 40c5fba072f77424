// Package sqlitetest helps tests prove how many SQL statements the store runs: a
// mattn/go-sqlite3 driver whose connections count the statements they run or prepare.
// Only tests import it.
package sqlitetest

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"sync"
	"sync/atomic"

	"github.com/mattn/go-sqlite3"

	"passerelles"
)

// DriverName is the name of the counting driver, for sql.Open or sqlite.DB.DriverName.
const DriverName = "sqlite3_passerelles_counting"

var (
	statements atomic.Int64
	register   sync.Once
)

// Register registers the counting driver (once per process) and returns its name. Its
// connections do what the store's connect hook (sqlite.ConnectHook) does — temporary
// storage in memory, the French collation — so that they behave as the store's own (this
// package cannot import the store, whose own tests import it).
func Register() string {
	register.Do(func() {
		sql.Register(DriverName, &countingDriver{sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
			if _, err := c.Exec("PRAGMA temp_store = MEMORY", nil); err != nil {
				return err
			}
			return c.RegisterCollation(passerelles.FrenchCollation, passerelles.CompareFrench)
		}}})
	})
	return DriverName
}

// Reset sets the count of statements to zero.
func Reset() { statements.Store(0) }

// Statements returns how many statements the counting driver's connections ran or
// prepared since the last Reset, in every database of the process.
func Statements() int64 { return statements.Load() }

type countingConn struct{ *sqlite3.SQLiteConn }

func (c countingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	statements.Add(1)
	return c.SQLiteConn.QueryContext(ctx, query, args)
}

func (c countingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	statements.Add(1)
	return c.SQLiteConn.ExecContext(ctx, query, args)
}

func (c countingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	statements.Add(1)
	return c.SQLiteConn.PrepareContext(ctx, query)
}

func (c countingConn) Prepare(query string) (driver.Stmt, error) {
	statements.Add(1)
	return c.SQLiteConn.Prepare(query)
}

type countingDriver struct{ sqlite3.SQLiteDriver }

func (d *countingDriver) Open(dsn string) (driver.Conn, error) {
	c, err := d.SQLiteDriver.Open(dsn)
	if err != nil {
		return nil, err
	}
	return countingConn{c.(*sqlite3.SQLiteConn)}, nil
}
