package dest

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/replykit/replykit/catalog"
)

// SQLite is the dialect of SQLite (modernc.org/sqlite, driver "sqlite"). Timestamps are stored as fixed-width
// UTC text (2026-01-05T09:00:00.000000Z), JSON as text, booleans as 0/1. Batches are multi-row upserts inside
// one transaction.
var SQLite = Dialect{
	Name:        "sqlite",
	Quote:       func(id string) string { return `"` + strings.ReplaceAll(id, `"`, `""`) + `"` },
	Placeholder: func(int) string { return "?" },
	Types: map[catalog.Type]string{
		catalog.Int:   "BIGINT",
		catalog.Float: "DOUBLE",
		catalog.Text:  "TEXT",
		catalog.Bool:  "BOOLEAN",
		catalog.Time:  "TIMESTAMP",
		catalog.Date:  "TEXT",
		catalog.JSON:  "TEXT",
	},
	Upsert:    "INSERT INTO {table} ({cols}) VALUES {rows} ON CONFLICT ({keys}) DO UPDATE SET {set}",
	Set:       "{col} = excluded.{col}",
	MaxParams: 32766,
	Columns:   "SELECT name FROM pragma_table_info(?)",
	AddColumn: "ALTER TABLE {table} ADD COLUMN {col} {type}",
	Value:     textValue,
	TryLock:   sqliteLock,
	Unlock:    sqliteUnlock,
}

// sqliteLockSchema is the name the lock database is attached under.
const sqliteLockSchema = "replykit_lock"

// sqliteLock takes the replication lock of a database file: SQLite has no session lock that leaves other
// connections free to write, so the lock is a write transaction held open on a small side database, the file
// FILE-NAME.lock next to the destination FILE (NAME is the state table), attached to conn. SQLite's file locks die
// with the process. In-memory and temporary databases need no lock.
func sqliteLock(ctx context.Context, conn *sql.Conn, name string) (bool, error) {
	var file string
	if err := conn.QueryRowContext(ctx, "SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&file); err != nil {
		return false, err
	}
	if file == "" {
		return true, nil
	}
	var timeout int
	if err := conn.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&timeout); err != nil {
		return false, err
	}
	// Fail at once instead of waiting for the other run.
	if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
		return false, err
	}
	defer conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", timeout))
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS "+sqliteLockSchema, file+"-"+name+".lock"); err != nil {
		return false, err
	}
	steps := []string{
		"CREATE TABLE IF NOT EXISTS " + sqliteLockSchema + ".held (id INTEGER PRIMARY KEY, at TEXT)",
		"BEGIN",
		"INSERT OR REPLACE INTO " + sqliteLockSchema + ".held (id, at) VALUES (1, '" + FormatTime(time.Now()) + "')",
	}
	for _, q := range steps {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			sqliteUnlock(ctx, conn, name)
			if msg := err.Error(); strings.Contains(msg, "SQLITE_BUSY") || strings.Contains(msg, "database is locked") {
				return false, nil
			}
			return false, err
		}
	}
	return true, nil
}

// sqliteUnlock ends the lock transaction and detaches the lock database.
func sqliteUnlock(ctx context.Context, conn *sql.Conn, _ string) error {
	conn.ExecContext(ctx, "ROLLBACK")
	_, err := conn.ExecContext(ctx, "DETACH DATABASE "+sqliteLockSchema)
	return err
}

// textValue stores timestamps as fixed-width UTC text and JSON as text.
func textValue(t catalog.Type, v any) any {
	switch x := v.(type) {
	case time.Time:
		return FormatTime(x)
	case json.RawMessage:
		return string(x)
	case []byte:
		if t == catalog.JSON {
			return string(x)
		}
	}
	return v
}
