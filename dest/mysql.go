package dest

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/replykit/replykit/catalog"
)

// MySQL is the dialect of MySQL, MariaDB and TiDB (github.com/go-sql-driver/mysql; open the DSN with
// parseTime=true). Text is LONGTEXT (VARCHAR(255) in keys), timestamps DATETIME(6) in UTC. Batches are multi-row
// INSERT ... ON DUPLICATE KEY UPDATE statements.
var MySQL = Dialect{
	Name:        "mysql",
	Quote:       func(id string) string { return "`" + strings.ReplaceAll(id, "`", "``") + "`" },
	Placeholder: func(int) string { return "?" },
	Types: map[catalog.Type]string{
		catalog.Int:   "BIGINT",
		catalog.Float: "DOUBLE",
		catalog.Text:  "LONGTEXT",
		catalog.Bool:  "BOOLEAN",
		catalog.Time:  "DATETIME(6)",
		catalog.Date:  "DATE",
		catalog.JSON:  "JSON",
	},
	KeyText:   "VARCHAR(255)",
	Upsert:    "INSERT INTO {table} ({cols}) VALUES {rows} ON DUPLICATE KEY UPDATE {set}",
	Set:       "{col} = VALUES({col})",
	MaxParams: 65535,
	Columns:   "SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?",
	AddColumn: "ALTER TABLE {table} ADD COLUMN {col} {type}",
	// GET_LOCK names are at most 64 characters: a digest of the database and state table name.
	TryLock: queryLock("SELECT GET_LOCK(CONCAT('replykit:', SHA1(CONCAT(DATABASE(), '.', ?))), 0)"),
	Unlock:  queryUnlock("SELECT RELEASE_LOCK(CONCAT('replykit:', SHA1(CONCAT(DATABASE(), '.', ?))))"),
	Value: func(t catalog.Type, v any) any {
		switch x := v.(type) {
		case time.Time:
			return x.UTC()
		case json.RawMessage:
			return string(x)
		}
		return v
	},
}
