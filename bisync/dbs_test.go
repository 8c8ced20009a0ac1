package bisync_test

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-sql-driver/mysql"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/replykit/replykit/dest"
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

func dsnFromEnv(tb testing.TB, env string) string {
	tb.Helper()
	dsn := os.Getenv(env)
	if dsn == "" {
		if os.Getenv("REPLYKIT_REQUIRE_DBS") == "1" {
			tb.Fatalf("REPLYKIT_REQUIRE_DBS=1 but %s is not set", env)
		}
		tb.Skipf("%s not set", env)
	}
	return dsn
}

func uniqueName(prefix string) string {
	b := make([]byte, 4)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

func openSQLite(tb testing.TB) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite", filepath.Join(tb.TempDir(), "dest.db")+"?_pragma=busy_timeout(5000)")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// openPostgres returns a database whose search_path is a fresh schema, dropped at cleanup.
func openPostgres(tb testing.TB) *sql.DB {
	tb.Helper()
	dsn := dsnFromEnv(tb, "REPLYKIT_TEST_POSTGRES")
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		tb.Fatal(err)
	}
	defer admin.Close()
	if err := admin.Ping(); err != nil {
		tb.Fatalf("postgres: %v", err)
	}
	schema := uniqueName("rk_sync_")
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		tb.Fatal(err)
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	db, err := sql.Open("pgx", dsn+sep+"search_path="+schema)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		db.Close()
		if a, err := sql.Open("pgx", dsn); err == nil {
			a.Exec("DROP SCHEMA " + schema + " CASCADE")
			a.Close()
		}
	})
	return db
}

// openMySQL returns a fresh database, dropped at cleanup.
func openMySQL(tb testing.TB) *sql.DB {
	tb.Helper()
	dsn := dsnFromEnv(tb, "REPLYKIT_TEST_MYSQL")
	cfg, err := mysql.ParseDSN(dsn)
	if err != nil {
		tb.Fatal(err)
	}
	cfg.ParseTime = true
	cfg.InterpolateParams = true // as the CLI sets it
	admin, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		tb.Fatal(err)
	}
	defer admin.Close()
	if err := admin.Ping(); err != nil {
		tb.Fatalf("mysql: %v", err)
	}
	name := uniqueName("rk_sync_")
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		tb.Fatal(err)
	}
	cfg.DBName = name
	db, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		db.Close()
		c2 := *cfg
		c2.DBName = ""
		if a, err := sql.Open("mysql", c2.FormatDSN()); err == nil {
			a.Exec("DROP DATABASE " + name)
			a.Close()
		}
	})
	return db
}
