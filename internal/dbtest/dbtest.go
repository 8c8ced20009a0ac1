// Package dbtest opens the databases that tests run against: SQLite in a temporary directory, and the
// PostgreSQL and MySQL/MariaDB servers named by REPLYKIT_TEST_POSTGRES and REPLYKIT_TEST_MYSQL, each test in a
// fresh schema or database dropped at cleanup. Without a DSN a test is skipped, or fails when
// REPLYKIT_REQUIRE_DBS=1 (STYLE.md rule 19). It registers the SQL drivers, so only _test files may import it
// (deps_test.go checks).
package dbtest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-sql-driver/mysql"
	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"
	_ "modernc.org/sqlite"             // driver "sqlite"
)

// dsn returns the DSN in env; without one the test is skipped, or fails under REPLYKIT_REQUIRE_DBS=1.
func dsn(tb testing.TB, env string) string {
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

// UniqueName returns prefix followed by 8 random hex digits.
func UniqueName(prefix string) string {
	b := make([]byte, 4)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// SQLite returns a SQLite database in a file of tb.TempDir().
func SQLite(tb testing.TB) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite", filepath.Join(tb.TempDir(), "dest.db")+"?_pragma=busy_timeout(5000)")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// Postgres returns a database of REPLYKIT_TEST_POSTGRES whose search_path is a fresh schema named prefix plus
// random digits, dropped at cleanup.
func Postgres(tb testing.TB, prefix string) *sql.DB {
	tb.Helper()
	dsn := dsn(tb, "REPLYKIT_TEST_POSTGRES")
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		tb.Fatal(err)
	}
	defer admin.Close()
	if err := admin.Ping(); err != nil {
		tb.Fatalf("postgres: %v", err)
	}
	schema := UniqueName(prefix)
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

// MySQL returns a fresh database of REPLYKIT_TEST_MYSQL named prefix plus random digits, dropped at cleanup. The
// connection parses times and interpolates parameters, as the CLI sets it.
func MySQL(tb testing.TB, prefix string) *sql.DB {
	tb.Helper()
	dsn := dsn(tb, "REPLYKIT_TEST_MYSQL")
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
	name := UniqueName(prefix)
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
