package dest

import (
	"context"
	"database/sql"
	"strings"
	"time"
	"unicode"

	"github.com/replykit/replykit/catalog"
)

// DBTX is what the writer needs from a *sql.DB, *sql.Conn or *sql.Tx.
type DBTX interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Dialect describes one destination engine as data.
type Dialect struct {
	Name string // "sqlite", "postgres", "mysql"; for messages only

	// Quote quotes an identifier.
	Quote func(id string) string
	// Placeholder returns the n-th (1-based) bind parameter.
	Placeholder func(n int) string
	// Types maps catalog types to column types; KeyText is used for Text columns in a primary key (MySQL cannot
	// index TEXT).
	Types   map[catalog.Type]string
	KeyText string

	// Upsert is the multi-row upsert template with {table}, {cols}, {rows}, {keys} and {set}; Set is the template
	// of one {set} item with {col}; UpsertNothing is used when every column is a key column.
	Upsert        string
	Set           string
	UpsertNothing string
	// MaxParams is the most bind parameters one statement may carry.
	MaxParams int

	// Columns lists the column names of a table (one argument: the unquoted table name).
	Columns string
	// AddColumn adds a column: {table}, {col}, {type}.
	AddColumn string

	// Value converts a row value of the given catalog type into a driver argument. nil passes values through.
	Value func(t catalog.Type, v any) any

	// BulkLoad, when set, loads rows faster than a multi-row upsert for batches of at least BulkMin rows. It runs
	// inside the transaction tx, which was begun on conn. With fresh, the caller guarantees that no row's key
	// exists yet, so the rows may be inserted without conflict handling.
	BulkLoad func(ctx context.Context, conn *sql.Conn, tx *sql.Tx, t *Table, cols []string, rows [][]any, fresh bool) error
	BulkMin  int

	// TryLock takes the named replication lock for the session of conn without waiting; ok is false when another
	// session holds it. The lock must end with the session (an advisory lock, not a row), so that a killed run
	// leaves none behind. Unlock releases it. nil: the engine has no such lock and runs are not serialized.
	TryLock func(ctx context.Context, conn *sql.Conn, name string) (ok bool, err error)
	Unlock  func(ctx context.Context, conn *sql.Conn, name string) error
}

func (d Dialect) typeOf(c Column, key bool) string {
	if key && c.Type == catalog.Text && d.KeyText != "" {
		return d.KeyText
	}
	return d.Types[c.Type]
}

func (d Dialect) value(t catalog.Type, v any) any {
	if v == nil {
		return nil
	}
	if d.Value == nil {
		return v
	}
	return d.Value(t, v)
}

func expand(tmpl string, kv ...string) string {
	return strings.NewReplacer(kv...).Replace(tmpl)
}

// Naming chooses destination names from catalog names.
type Naming int

const (
	// Snake turns catalog names into snake_case: FirstName becomes first_name, SequenceSteps sequence_steps.
	Snake Naming = iota
	// Preserve keeps the catalog names.
	Preserve
)

// Name applies the naming to a catalog name.
func (n Naming) Name(s string) string {
	if n == Preserve {
		return s
	}
	return SnakeCase(s)
}

// SnakeCase returns s in snake_case: LinkedInUrl becomes linked_in_url, ID stays id, HTTPCode becomes http_code.
func SnakeCase(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if unicode.IsUpper(r) {
			if i > 0 && rs[i-1] != '_' {
				prev := rs[i-1]
				nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
				if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
					b.WriteByte('_')
				}
			}
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// timeText is the text form of timestamps where the engine stores text (SQLite, state columns): fixed width, so
// text order is time order.
const timeText = "2006-01-02T15:04:05.000000Z"

// FormatTime returns t in the fixed-width UTC text form replykit stores in text columns.
func FormatTime(t time.Time) string { return t.UTC().Format(timeText) }

// ParseTime parses a timestamp stored by [FormatTime] (or any RFC 3339 form).
func ParseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, err
	}
	return t.UTC(), nil
}
