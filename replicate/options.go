package replicate

import (
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/replykit/replykit/dest"
)

// Nested chooses how JSON array columns with declared items are replicated.
type Nested int

const (
	NestedJSON   Nested = iota // keep them as JSON columns
	NestedTables               // unwind them into child tables parent__column
)

// ParseNested parses "json" or "tables".
func ParseNested(s string) (Nested, error) {
	switch strings.ToLower(s) {
	case "", "json":
		return NestedJSON, nil
	case "tables":
		return NestedTables, nil
	}
	return 0, fmt.Errorf("replicate: --nested must be json or tables, not %q", s)
}

// Deletes chooses what happens to rows that disappeared from Reply.
type Deletes int

const (
	DeletesSoft Deletes = iota // set _deleted_at
	DeletesHard                // delete the row
	DeletesOff                 // keep the row, do not look for deletes
)

// ParseDeletes parses "soft", "hard" or "off".
func ParseDeletes(s string) (Deletes, error) {
	switch strings.ToLower(s) {
	case "", "soft":
		return DeletesSoft, nil
	case "hard":
		return DeletesHard, nil
	case "off":
		return DeletesOff, nil
	}
	return 0, fmt.Errorf("replicate: --deletes must be soft, hard or off, not %q", s)
}

func (d Deletes) String() string {
	return [...]string{"soft", "hard", "off"}[d]
}

// Progress reports a table's progress after each committed batch and when the table ends.
type Progress struct {
	Table   string
	Mode    string // as [TableResult.Mode]
	Rows    int64  // rows listed so far
	Written int64
	Deleted int64
	Calls   int           // API requests so far
	Waited  time.Duration // time spent waiting on the rate limit
	Done    bool
}

// Option configures a [Replicator].
type Option func(*Replicator)

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option { return func(r *Replicator) { r.log = l } }

// WithProgress sets a callback receiving [Progress] after each batch; it must not block.
func WithProgress(f func(Progress)) Option { return func(r *Replicator) { r.progress = f } }

// WithNaming chooses destination names (default [dest.Snake]).
func WithNaming(n dest.Naming) Option { return func(r *Replicator) { r.naming = n } }

// WithPrefix prefixes every destination table name, replykit's state table included.
func WithPrefix(p string) Option { return func(r *Replicator) { r.prefix = p } }

// WithNested chooses how nested arrays are replicated (default [NestedJSON]).
func WithNested(n Nested) Option { return func(r *Replicator) { r.nested = n } }

// WithDeletes chooses how deletes are replicated (default [DeletesSoft]).
func WithDeletes(d Deletes) Option { return func(r *Replicator) { r.deletes = d } }

// WithLookback re-reads changes this far before the stored cursor, for clock skew and late commits (default 0;
// the CLI's default is one minute). Re-read rows whose hash did not change are not rewritten.
func WithLookback(d time.Duration) Option { return func(r *Replicator) { r.lookback = d } }

// WithFull makes every table list every row, ignoring stored cursors.
func WithFull(full bool) Option { return func(r *Replicator) { r.full = full } }

// WithClock sets the clock used for run timestamps and soft deletes (default time.Now).
func WithClock(now func() time.Time) Option { return func(r *Replicator) { r.now = now } }

// WithBatchSize sets how many rows one destination transaction writes (default 2000).
func WithBatchSize(n int) Option {
	return func(r *Replicator) {
		if n > 0 {
			r.batch = n
		}
	}
}

// WithDetail fetches every detail-only column (Sequences' Steps and Settings, Accounts' EmailProvider, Tasks'
// Content, ...), at one GET per new or changed row. Without it (the default) those columns are created and left
// NULL, except where [NestedTables] unwinds a detail-only array into a child table (Sequences.Steps,
// HolidayCalendars.Holidays): those tables fetch their detail. A run without it never clears values an earlier
// run fetched.
func WithDetail(fetch bool) Option { return func(r *Replicator) { r.detail = fetch } }

// WithProbe lets [Replicator.Plan] list one page of each paged object that has no previous run and no count
// endpoint (one API call each): the row count is exact when the object fits in a page, a lower bound otherwise.
func WithProbe(probe bool) Option { return func(r *Replicator) { r.probe = probe } }
