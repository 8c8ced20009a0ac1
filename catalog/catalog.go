package catalog

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"

	"github.com/replykit/replykit/reply"
)

// Type is the SQL type of a column. Row values carry the Go type named on each constant.
type Type int

const (
	Int   Type = iota + 1 // int64
	Float                 // float64
	Text                  // string
	Bool                  // bool
	Time                  // time.Time, always UTC
	Date                  // string "YYYY-MM-DD"
	JSON                  // json.RawMessage (any JSON value, including arrays and objects)
)

func (t Type) String() string {
	switch t {
	case Int:
		return "BIGINT"
	case Float:
		return "DOUBLE"
	case Text:
		return "TEXT"
	case Bool:
		return "BOOLEAN"
	case Time:
		return "DATETIME"
	case Date:
		return "DATE"
	case JSON:
		return "JSON"
	}
	return fmt.Sprintf("Type(%d)", int(t))
}

// Column describes one column of a table: its catalog (PascalCase) name, the API field it maps to and how it may
// be read and written.
type Column struct {
	Name  string // PascalCase catalog name, e.g. "FirstName"
	Field string // API JSON member, e.g. "firstName"; "" when the column is synthetic (a parent key)
	Type  Type
	Doc   string

	Nullable   bool // the API may return null or omit it
	ReadOnly   bool // never sent on write (ro in REFERENCE.md)
	WriteOnly  bool // accepted on write, never returned by any read (wo)
	DetailOnly bool // absent from the list response; present in the detail response (one GET per row)
	CreateOnly bool // accepted on INSERT only
	Required   bool // required on INSERT

	Enum []string // allowed values on write, in the casing the API documents; nil = free text

	// Items lists the members of each element of a JSON array column (Sequences.Steps, Schedules.MainTimings, ...),
	// so replication can unwind it into a child table keyed by parent key and position. nil for scalars.
	Items []Column
}

// Op is a comparison the API can evaluate server-side.
type Op int

const (
	Eq       Op = iota + 1 // column = value
	In                     // column IN (values...)
	Gt                     // column > value
	Ge                     // column >= value
	Lt                     // column < value
	Le                     // column <= value
	Contains               // case-insensitive substring (LIKE '%v%')
)

func (o Op) String() string {
	switch o {
	case Eq:
		return "="
	case In:
		return "IN"
	case Gt:
		return ">"
	case Ge:
		return ">="
	case Lt:
		return "<"
	case Le:
		return "<="
	case Contains:
		return "LIKE %...%"
	}
	return fmt.Sprintf("Op(%d)", int(o))
}

// Filter declares that the API can filter Column with Ops. Exact says whether the API's result equals what SQL
// would compute (false: the engine re-checks the predicate locally, e.g. case-insensitive matches).
type Filter struct {
	Column string
	Ops    []Op
	Exact  bool
	Doc    string // the API parameter it becomes, e.g. "GET /v3/sequences?status="
}

// Cond is one pushed predicate: Column Op Values. Eq, Gt, Ge, Lt, Le and Contains carry one value; In carries one
// or more. Values have the column's Go type (see Type).
type Cond struct {
	Column string
	Op     Op
	Values []any
}

// Query is what a List call is asked for. Conds are ANDed and only use filters the table declares.
type Query struct {
	Conds   []Cond
	Columns []string // columns the caller needs; nil means all. DetailOnly columns cost a GET per row only when named.
	Limit   int      // stop after this many rows; 0 means no limit
}

// Where returns a query with one condition.
func Where(column string, op Op, values ...any) Query {
	return Query{Conds: []Cond{{Column: column, Op: op, Values: values}}}
}

// Cond returns the first condition on column with op, if any.
func (q Query) Cond(column string, op Op) (Cond, bool) {
	for _, c := range q.Conds {
		if strings.EqualFold(c.Column, column) && c.Op == op {
			return c, true
		}
	}
	return Cond{}, false
}

// Wants reports whether the query needs column (true when Columns is nil).
func (q Query) Wants(column string) bool {
	if q.Columns == nil {
		return true
	}
	for _, c := range q.Columns {
		if strings.EqualFold(c, column) {
			return true
		}
	}
	return false
}

// Row is one record keyed by catalog column name. Values have the Go type of their column's Type; nil is NULL.
// A row from a read holds every column the table returns; a row given to Insert or Update holds only the columns
// being written.
type Row map[string]any

// WriteResult is the outcome of writing one row: the row as the API returned it (with its Id), or the error.
type WriteResult struct {
	Row Row
	Err error
}

// Strategy is how incremental replication finds changed rows.
type Strategy int

const (
	// Full reads every row and writes only those whose hash changed.
	Full Strategy = iota + 1
	// ServerFilter asks the API for rows with Cursor > last (List honours a Gt condition on Cursor).
	ServerFilter
	// SortAndStop reads newest first and stops at the first row with Cursor <= last (List honours a Gt condition
	// on Cursor by stopping early). It finds inserts only; updates need a periodic full run.
	SortAndStop
)

func (s Strategy) String() string {
	switch s {
	case Full:
		return "full"
	case ServerFilter:
		return "server-filter"
	case SortAndStop:
		return "sort-and-stop"
	}
	return fmt.Sprintf("Strategy(%d)", int(s))
}

// Changes declares how to replicate a table incrementally.
type Changes struct {
	Cursor      string   // column holding the modification (or creation) time; "" for Full
	Strategy    Strategy // Full when the API offers nothing better
	InsertsOnly bool     // the cursor is a creation time: updates are only seen by a full run
	Doc         string   // one line for `replicate --plan`
}

// Parent declares that a table is listed under a parent object (SequenceSteps under Sequences).
type Parent struct {
	Table  string // parent table name, e.g. "Sequences"
	Column string // this table's column holding the parent key, e.g. "SequenceId"
	Key    string // the parent's key column, e.g. "Id"
}

// Table is one connector object. Funcs left nil mark unsupported operations.
type Table struct {
	Name    string
	Doc     string
	Key     []string // primary key columns
	Columns []Column
	Filters []Filter
	Parent  *Parent
	Changes Changes
	MaxPage int // max page size of the list endpoint; 0 when the endpoint is not paged (bare array)

	// BatchSize is the most rows one Insert call should be given: the per-request cap of the bulk endpoint Insert
	// writes through (Contacts: 1000 per import call; Accounts: 100 per bulk create). Insert takes more and splits
	// them, but a caller that batches (CSV import, journalled) should not. 0: Insert makes one call per row.
	BatchSize int
	// DeleteBatchSize is the same for Delete (the bulk-delete endpoint's cap); 0: one call per row.
	DeleteBatchSize int

	// List streams the rows matching q. It pushes every condition it can (Id = and Id IN become GETs by id, a
	// parent key condition becomes the child endpoint, declared filters become API parameters) and may return
	// rows that do not match the others: callers re-check conditions that are not Exact.
	List func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error]
	// Count returns the number of rows matching q with fewer calls than listing them (Contacts: totalCount), or
	// ok=false when it cannot.
	Count func(ctx context.Context, c *reply.Client, q Query) (n int64, ok bool, err error)

	// Insert creates rows, through the bulk endpoint where the API has one; results align with rows.
	Insert func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult
	// Update changes rows; each row holds the key columns and the columns to change. For PUT resources the
	// implementation reads the current object and sends it back with the changes.
	Update func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult
	// Delete removes the rows whose keys are given, through bulk-delete where the API has one.
	Delete func(ctx context.Context, c *reply.Client, keys []Row) []WriteResult

	plans *rowPlans // conversion plans of API objects to rows, by Go type (set by All; nil: convert through JSON)
}

// Column returns the column with the given name (case-insensitive).
func (t *Table) Column(name string) (Column, bool) {
	for _, c := range t.Columns {
		if strings.EqualFold(c.Name, name) {
			return c, true
		}
	}
	return Column{}, false
}

// Filter returns the declared filter on column, if any.
func (t *Table) Filter(column string) (Filter, bool) {
	for _, f := range t.Filters {
		if strings.EqualFold(f.Column, column) {
			return f, true
		}
	}
	return Filter{}, false
}

// CanPush reports whether the API can apply column op.
func (t *Table) CanPush(column string, op Op) bool {
	f, ok := t.Filter(column)
	if !ok {
		return false
	}
	for _, o := range f.Ops {
		if o == op {
			return true
		}
	}
	return false
}

// Operations lists the supported write verbs, e.g. "SELECT, INSERT, DELETE".
func (t *Table) Operations() []string {
	ops := []string{"SELECT"}
	if t.Insert != nil {
		ops = append(ops, "INSERT")
	}
	if t.Update != nil {
		ops = append(ops, "UPDATE")
	}
	if t.Delete != nil {
		ops = append(ops, "DELETE")
	}
	return ops
}

// Validate checks that the table is internally consistent.
func (t *Table) Validate() error {
	var errs []error
	if t.Name == "" {
		errs = append(errs, errors.New("table has no name"))
	}
	if t.List == nil {
		errs = append(errs, fmt.Errorf("%s: no List func", t.Name))
	}
	seen := map[string]bool{}
	for _, c := range t.Columns {
		k := strings.ToLower(c.Name)
		if seen[k] {
			errs = append(errs, fmt.Errorf("%s: duplicate column %s", t.Name, c.Name))
		}
		seen[k] = true
		if c.Type == 0 {
			errs = append(errs, fmt.Errorf("%s.%s: no type", t.Name, c.Name))
		}
		if c.ReadOnly && c.WriteOnly {
			errs = append(errs, fmt.Errorf("%s.%s: both read-only and write-only", t.Name, c.Name))
		}
		if c.Items != nil && c.Type != JSON {
			errs = append(errs, fmt.Errorf("%s.%s: Items on a non-JSON column", t.Name, c.Name))
		}
	}
	if len(t.Key) == 0 {
		errs = append(errs, fmt.Errorf("%s: no key", t.Name))
	}
	for _, k := range t.Key {
		if !seen[strings.ToLower(k)] {
			errs = append(errs, fmt.Errorf("%s: key column %s is not a column", t.Name, k))
		}
	}
	for _, f := range t.Filters {
		if !seen[strings.ToLower(f.Column)] {
			errs = append(errs, fmt.Errorf("%s: filter on unknown column %s", t.Name, f.Column))
		}
	}
	if t.Parent != nil && !seen[strings.ToLower(t.Parent.Column)] {
		errs = append(errs, fmt.Errorf("%s: parent column %s is not a column", t.Name, t.Parent.Column))
	}
	if t.BatchSize < 0 || t.DeleteBatchSize < 0 {
		errs = append(errs, fmt.Errorf("%s: negative batch size", t.Name))
	}
	if t.Changes.Strategy == 0 {
		errs = append(errs, fmt.Errorf("%s: no change strategy", t.Name))
	}
	if t.Changes.Strategy != Full && !seen[strings.ToLower(t.Changes.Cursor)] {
		errs = append(errs, fmt.Errorf("%s: cursor %q is not a column", t.Name, t.Changes.Cursor))
	}
	return errors.Join(errs...)
}

// Param is one parameter of a procedure.
type Param struct {
	Name     string
	Type     Type
	Array    bool // a list of Type, written [1, 2, 3] in SQL
	Required bool
	Enum     []string
	Doc      string
}

// Args holds a procedure call's arguments by parameter name; an omitted optional parameter is absent or nil.
// Scalars have their parameter's Go type; arrays are []any of it.
type Args map[string]any

// Procedure is one API action exposed as `CALL Name(args)`. Func returns one result row per affected item, with
// the Result columns (for bulk calls: Id and Error, one row per failed id, so nothing is swallowed).
type Procedure struct {
	Name   string
	Doc    string
	Params []Param
	Result []Column
	Func   func(ctx context.Context, c *reply.Client, args Args) ([]Row, error)
}

// RowError is one rejected row of a multi-row operation.
type RowError struct {
	Index int // position in the input, 0-based
	Key   Row // the row's key or identifying columns, when known
	Err   error
}

func (e RowError) Error() string { return fmt.Sprintf("row %d: %v", e.Index+1, e.Err) }

// PartialError reports a multi-row operation that did not fully succeed: how many rows were committed, which rows
// failed and why the run stopped (nil Err: it ran to the end).
type PartialError struct {
	Done   int
	Failed []RowError
	Err    error
}

func (e *PartialError) Error() string {
	msg := fmt.Sprintf("%d rows done, %d failed", e.Done, len(e.Failed))
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	} else if len(e.Failed) > 0 {
		msg += ": first failure: " + e.Failed[0].Error()
	}
	return msg
}

func (e *PartialError) Unwrap() error { return e.Err }
