package dest_test

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

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

func normalize(tb testing.TB, t catalog.Type, v any) string { return dbtest.Text(tb, t, v) }
