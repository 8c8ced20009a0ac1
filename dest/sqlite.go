package dest

import (
	"encoding/json"
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
