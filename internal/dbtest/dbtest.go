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
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"
	_ "modernc.org/sqlite"             // driver "sqlite"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
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

// Text returns v, a value scanned from a destination column of catalog type t, as text in one form whatever the
// engine and driver returned (int64 or text for integers, 0/1 for booleans, text or time.Time for times, JSON
// normalized), so tests compare rows across SQLite, PostgreSQL and MySQL.
func Text(tb testing.TB, t catalog.Type, v any) string {
	tb.Helper()
	if v == nil {
		return "NULL"
	}
	if b, ok := v.([]byte); ok {
		v = string(b)
	}
	if b, ok := v.(json.RawMessage); ok {
		v = string(b)
	}
	switch t {
	case catalog.Int:
		switch x := v.(type) {
		case int64:
			return strconv.FormatInt(x, 10)
		case string:
			return x
		}
	case catalog.Float:
		switch x := v.(type) {
		case float64:
			return strconv.FormatFloat(x, 'g', -1, 64)
		case string:
			f, _ := strconv.ParseFloat(x, 64)
			return strconv.FormatFloat(f, 'g', -1, 64)
		}
	case catalog.Bool:
		switch x := v.(type) {
		case bool:
			return strconv.FormatBool(x)
		case int64:
			return strconv.FormatBool(x != 0)
		case string:
			return strconv.FormatBool(x == "1" || x == "true")
		}
	case catalog.Time:
		switch x := v.(type) {
		case time.Time:
			return x.UTC().Format(time.RFC3339Nano)
		case string:
			p, err := dest.ParseTime(x)
			if err != nil {
				tb.Fatalf("time %q: %v", x, err)
			}
			return p.Format(time.RFC3339Nano)
		}
	case catalog.Date:
		switch x := v.(type) {
		case time.Time:
			return x.Format(time.DateOnly)
		case string:
			return x
		}
	case catalog.JSON:
		var j any
		if err := json.Unmarshal([]byte(fmt.Sprint(v)), &j); err != nil {
			tb.Fatalf("json %q: %v", v, err)
		}
		b, _ := json.Marshal(j)
		return string(b)
	case catalog.Text:
		return fmt.Sprint(v)
	}
	return fmt.Sprintf("%T(%v)", v, v)
}
