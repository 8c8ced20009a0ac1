package dest

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/replykit/replykit/catalog"
)

// Postgres is the dialect of PostgreSQL, CockroachDB and YugabyteDB (github.com/jackc/pgx/v5/stdlib, driver
// "pgx"). Timestamps are TIMESTAMPTZ, JSON is JSONB. Batches of 200 rows or more are loaded with COPY: rows known to
// be new straight into the table ([Writer.Insert]), others into a temporary table and upserted from it in one
// statement.
var Postgres = Dialect{
	Name:        "postgres",
	Quote:       pgQuote,
	Placeholder: func(n int) string { return "$" + strconv.Itoa(n) },
	Types: map[catalog.Type]string{
		catalog.Int:   "BIGINT",
		catalog.Float: "DOUBLE PRECISION",
		catalog.Text:  "TEXT",
		catalog.Bool:  "BOOLEAN",
		catalog.Time:  "TIMESTAMPTZ",
		catalog.Date:  "DATE",
		catalog.JSON:  "JSONB",
	},
	Upsert:    "INSERT INTO {table} ({cols}) VALUES {rows} ON CONFLICT ({keys}) DO UPDATE SET {set}",
	Set:       "{col} = excluded.{col}",
	MaxParams: 65535,
	Columns:   "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1",
	AddColumn: "ALTER TABLE {table} ADD COLUMN {col} {type}",
	Value:     pgValue,
	BulkLoad:  pgCopy,
	BulkMin:   200,
	// A session-level advisory lock, keyed by schema and state table name.
	TryLock: queryLock("SELECT pg_try_advisory_lock(hashtext('replykit'), hashtext(current_schema() || '.' || $1))"),
	Unlock:  queryUnlock("SELECT pg_advisory_unlock(hashtext('replykit'), hashtext(current_schema() || '.' || $1))"),
}

func pgValue(t catalog.Type, v any) any {
	switch x := v.(type) {
	case time.Time:
		return x.UTC()
	case json.RawMessage:
		return string(x)
	case string:
		if t == catalog.Date {
			if d, err := time.Parse(time.DateOnly, x); err == nil {
				return d
			}
		}
	}
	return v
}

// pgCopy loads rows with COPY on the transaction's connection: fresh rows straight into the table, others into a
// temporary table, then upserted from it in one statement.
func pgCopy(ctx context.Context, conn *sql.Conn, tx *sql.Tx, t *Table, cols []string, rows [][]any, fresh bool) error {
	if fresh {
		return pgCopyInto(ctx, conn, t.Name, cols, rows)
	}
	q := pgQuote
	tmp := "_rk_load_" + strconv.Itoa(len(t.Name)) + "_" + t.Name
	if len(tmp) > 63 {
		tmp = tmp[:63]
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("CREATE TEMP TABLE %s (LIKE %s) ON COMMIT DROP", q(tmp), q(t.Name))); err != nil {
		return err
	}
	if err := pgCopyInto(ctx, conn, tmp, cols, rows); err != nil {
		return err
	}
	quoted := make([]string, len(cols))
	var set []string
	isKey := map[string]bool{}
	for _, k := range t.Key {
		isKey[k] = true
	}
	for i, c := range cols {
		quoted[i] = q(c)
		if !isKey[c] {
			set = append(set, q(c)+" = excluded."+q(c))
		}
	}
	keys := make([]string, len(t.Key))
	for i, k := range t.Key {
		keys[i] = q(k)
	}
	list := strings.Join(quoted, ", ")
	stmt := fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM %s ON CONFLICT (%s) DO UPDATE SET %s",
		q(t.Name), list, list, q(tmp), strings.Join(keys, ", "), strings.Join(set, ", "))
	if _, err := tx.ExecContext(ctx, stmt); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "DROP TABLE "+q(tmp))
	return err
}

func pgQuote(id string) string { return `"` + strings.ReplaceAll(id, `"`, `""`) + `"` }

// pgCopyInto runs COPY table (cols) FROM STDIN on conn, inside its open transaction.
func pgCopyInto(ctx context.Context, conn *sql.Conn, table string, cols []string, rows [][]any) error {
	return conn.Raw(func(dc any) error {
		// *stdlib.Conn, matched by its method so that dest does not import (and so register) the driver.
		c, ok := dc.(interface{ Conn() *pgx.Conn })
		if !ok {
			return fmt.Errorf("COPY needs the pgx driver, have %T", dc)
		}
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
		return err
	})
}
