package bisync

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
	"github.com/replykit/replykit/reply"
)

// Objects are the catalog objects two-way sync supports, in DESIGN.md's order.
var Objects = []string{"Accounts", "Contacts", "Sequences", "Webhooks"}

// ErrUnsupported is returned by Tables for an object two-way sync does not support.
var ErrUnsupported = errors.New("two-way sync supports only Accounts, Contacts, Sequences and Webhooks")

// Tables returns the catalog tables of names (case-insensitive; every supported object when names is empty).
func Tables(names []string) ([]*catalog.Table, error) {
	if len(names) == 0 {
		names = Objects
	}
	var out []*catalog.Table
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		ok := false
		for _, o := range Objects {
			if strings.EqualFold(o, n) {
				n, ok = o, true
			}
		}
		if !ok {
			return nil, fmt.Errorf("%q: %w", n, ErrUnsupported)
		}
		t, found := catalog.Lookup(n)
		if !found {
			return nil, fmt.Errorf("%q: not in the catalog", n)
		}
		out = append(out, t)
	}
	return out, nil
}

// Policy says which side wins when a row changed on both sides since its base.
type Policy int

const (
	// ReplyWins keeps Reply's version (the default).
	ReplyWins Policy = iota
	// DBWins pushes the table's version to Reply.
	DBWins
	// Newest compares the object's modification time (Contacts.LastModifiedAt, Accounts.LastActivityDate) in Reply
	// with the value of that column in the table: the table wins only when its value is later. Objects without a
	// modification time (Sequences, Webhooks) fall back to ReplyWins.
	Newest
)

// ParsePolicy reads "reply", "db" or "newest".
func ParsePolicy(s string) (Policy, error) {
	switch strings.ToLower(s) {
	case "reply", "":
		return ReplyWins, nil
	case "db":
		return DBWins, nil
	case "newest":
		return Newest, nil
	}
	return 0, fmt.Errorf("conflict policy %q: want reply, db or newest", s)
}

func (p Policy) String() string {
	switch p {
	case DBWins:
		return "db"
	case Newest:
		return "newest"
	}
	return "reply"
}

// Actions of a RowResult.
const (
	PullInsert = "pull insert" // a row new in Reply written into the table
	PullUpdate = "pull update" // a row changed in Reply rewritten in the table
	PullDelete = "pull delete" // a row deleted in Reply removed from the table
	PushInsert = "push insert" // a new table row created in Reply
	PushUpdate = "push update" // a changed table row updated in Reply
	PushDelete = "push delete" // a row deleted from the table deleted in Reply
)

// RowResult is what happened to one row.
type RowResult struct {
	Object   string
	Id       int64  // 0 for a new table row whose insert failed
	OldId    *int64 // push insert: the row's Id in the table before (nil: NULL)
	Action   string
	Conflict string // "" or how a conflict was resolved, e.g. "both changed: reply wins"
	Note     string
	Err      error
}

// TableResult counts what happened to one object.
type TableResult struct {
	Object    string
	Table     string // destination table name
	Pulled    int    // rows written into the table from Reply
	Removed   int    // rows removed from the table (deleted in Reply)
	Inserts   int    // rows created in Reply
	Updates   int    // rows updated in Reply
	Deletes   int    // rows deleted in Reply
	Conflicts int
	Failures  int
	Calls     int // API requests
}

// Summary is the result of a run.
type Summary struct {
	DryRun bool
	Tables []TableResult
	Rows   []RowResult // every row that was (or, in a dry run, would be) written, in order
}

// Failed returns the rows whose write failed.
func (s Summary) Failed() []RowResult {
	var out []RowResult
	for _, r := range s.Rows {
		if r.Err != nil {
			out = append(out, r)
		}
	}
	return out
}

// Syncer synchronizes objects between Reply and a destination database.
type Syncer struct {
	client  *reply.Client
	db      *sql.DB
	w       *dest.Writer
	state   *dest.Table
	pending *dest.Table
	prefix  string
	naming  dest.Naming
	policy  Policy
	dryRun  bool
	log     *slog.Logger
	now     func() time.Time

	beforeCommit func(object string) error // tests: called before an object's destination commit
}

// Option configures a Syncer.
type Option func(*Syncer)

// WithPolicy sets the conflict policy (default ReplyWins).
func WithPolicy(p Policy) Option { return func(s *Syncer) { s.policy = p } }

// WithDryRun makes Run report what it would do, writing nothing on either side (no table is created).
func WithDryRun(dry bool) Option { return func(s *Syncer) { s.dryRun = dry } }

// WithPrefix prefixes every destination table name, the state table's included.
func WithPrefix(p string) Option { return func(s *Syncer) { s.prefix = p } }

// WithNaming chooses destination names (default dest.Snake, as replicate).
func WithNaming(n dest.Naming) Option { return func(s *Syncer) { s.naming = n } }

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option { return func(s *Syncer) { s.log = l } }

// WithClock sets the clock of the synced_at column.
func WithClock(now func() time.Time) Option { return func(s *Syncer) { s.now = now } }

// New returns a Syncer writing to db in dialect d.
func New(client *reply.Client, d dest.Dialect, db *sql.DB, opts ...Option) *Syncer {
	s := &Syncer{client: client, db: db, log: slog.New(slog.NewTextHandler(io.Discard, nil)), now: time.Now}
	for _, o := range opts {
		o(s)
	}
	s.w = dest.NewWriter(d, s.prefix, s.log)
	s.state = stateTable(s.prefix)
	s.pending = pendingTable(s.prefix)
	return s
}

// Run synchronizes tables (from Tables) in order. Row failures do not stop it: they are in the summary, and the
// error is then a *catalog.PartialError. Another error (a listing or the destination failing) stops the run.
func (s *Syncer) Run(ctx context.Context, tables []*catalog.Table) (Summary, error) {
	sum := Summary{DryRun: s.dryRun}
	for _, t := range tables {
		if _, err := Tables([]string{t.Name}); err != nil {
			return sum, err
		}
	}
	if !s.dryRun {
		unlock, err := s.w.Lock(ctx, s.db)
		if err != nil {
			return sum, err
		}
		defer unlock()
		for _, t := range []*dest.Table{s.state, s.pending} {
			if _, err := s.w.Ensure(ctx, s.db, t); err != nil {
				return sum, fmt.Errorf("destination: %w", err)
			}
		}
	}
	for _, t := range tables {
		res, rows, err := s.syncTable(ctx, t)
		sum.Tables = append(sum.Tables, res)
		sum.Rows = append(sum.Rows, rows...)
		if err != nil {
			return sum, fmt.Errorf("%s: %w", t.Name, err)
		}
	}
	if failed := sum.Failed(); len(failed) > 0 {
		pe := &catalog.PartialError{Done: len(sum.Rows) - len(failed)}
		for i, r := range sum.Rows {
			if r.Err != nil {
				pe.Failed = append(pe.Failed, catalog.RowError{Index: i, Key: catalog.Row{"Id": r.Id}, Err: fmt.Errorf("%s %s: %w", r.Object, r.Action, r.Err)})
			}
		}
		return sum, pe
	}
	return sum, nil
}
