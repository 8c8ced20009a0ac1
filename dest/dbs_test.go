package dest_test

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/replykit/replykit/catalog"
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
		// CockroachDB's dialect (no COPY) on PostgreSQL: the portable multi-row upsert path.
		{"postgres-nocopy", dest.CockroachDB, openPostgres},
		{"mysql", dest.MySQL, openMySQL},
	}
}

func uniqueName(prefix string) string    { return dbtest.UniqueName(prefix) }
func openSQLite(tb testing.TB) *sql.DB   { return dbtest.SQLite(tb) }
func openPostgres(tb testing.TB) *sql.DB { return dbtest.Postgres(tb, "rk_dest_") }
func openMySQL(tb testing.TB) *sql.DB    { return dbtest.MySQL(tb, "rk_dest_") }

// readTable returns every row of table as text, ordered by its first column, with values normalized per type
// so that every engine prints the same.
func readTable(tb testing.TB, db *sql.DB, d dest.Dialect, table string, cols []dest.Column) []string {
	tb.Helper()
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = d.Quote(c.Name)
	}
	rows, err := db.Query(fmt.Sprintf("SELECT %s FROM %s ORDER BY %s", strings.Join(names, ", "), d.Quote(table), strings.Join(names, ", ")))
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
