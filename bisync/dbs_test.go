package bisync_test

import (
	"database/sql"
	"testing"

	"github.com/replykit/replykit/dest"
	"github.com/replykit/replykit/internal/dbtest"
)

// engine is one destination under test.
type engine struct {
	name    string
	dialect dest.Dialect
	open    func(tb testing.TB) *sql.DB
}

func engines() []engine {
	return []engine{
		{"sqlite", dest.SQLite, openSQLite},
		{"postgres", dest.Postgres, openPostgres},
		{"mysql", dest.MySQL, openMySQL},
	}
}

func uniqueName(prefix string) string    { return dbtest.UniqueName(prefix) }
func openSQLite(tb testing.TB) *sql.DB   { return dbtest.SQLite(tb) }
func openPostgres(tb testing.TB) *sql.DB { return dbtest.Postgres(tb, "rk_sync_") }
func openMySQL(tb testing.TB) *sql.DB    { return dbtest.MySQL(tb, "rk_sync_") }
