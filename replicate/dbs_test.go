package replicate_test

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
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/replykit/replykit/catalog"
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
	schema := uniqueName("rk_repl_")
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
	name := uniqueName("rk_repl_")
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

// readTable returns every live row of table as text (unordered), with values normalized per type
// so that every engine prints the same.
func readTable(tb testing.TB, db *sql.DB, d dest.Dialect, table string, cols []dest.Column) []string {
	tb.Helper()
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = d.Quote(c.Name)
	}
	rows, err := db.Query(fmt.Sprintf("SELECT %s FROM %s WHERE %s IS NULL", strings.Join(names, ", "), d.Quote(table), d.Quote(dest.DeletedAt)))
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var out []string
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			tb.Fatal(err)
		}
		parts := make([]string, len(cols))
		for i, c := range cols {
			parts[i] = c.Name + "=" + normalize(tb, c.Type, vals[i])
		}
		out = append(out, strings.Join(parts, " "))
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

func normalize(tb testing.TB, t catalog.Type, v any) string {
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
