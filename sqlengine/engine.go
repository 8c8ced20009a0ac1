package sqlengine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	sqle "github.com/dolthub/go-mysql-server"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply"
)

// Engine runs SQL over the Reply API: one database, `reply`, whose tables are the catalog's tables and whose
// stored procedures are the catalog's procedures.
type Engine struct {
	client   *reply.Client
	tables   []*catalog.Table
	procs    []*catalog.Procedure
	log      *slog.Logger
	now      func() time.Time
	cacheTTL time.Duration

	db    *database
	sqle  *sqle.Engine
	cache *rowCache

	mu      sync.Mutex
	serving bool             // NewServer was called: an engine serves one MySQL server (see NewServer)
	session *sql.BaseSession // the embedded session used by Query
	writes  sync.Map         // session id -> the write its statement runs (see writePrefix)
	counts  sync.Map         // table name -> counted: row counts for join decisions (see rowCount)
}

// gmsNew serializes go-mysql-server's engine constructor, which (re)initializes its global status variables
// without synchronization: two engines built at once (parallel tests, one engine per user) race there. It is
// the package's only mutable global, guarding state that is not ours.
var gmsNew sync.Mutex

// Option configures an Engine.
type Option func(*Engine)

// WithTables sets the tables served (default: none; cmd/replykit passes catalog.All()).
func WithTables(ts ...*catalog.Table) Option { return func(e *Engine) { e.tables = ts } }

// WithProcedures sets the procedures served (default: none; cmd/replykit passes catalog.Procedures()).
func WithProcedures(ps ...*catalog.Procedure) Option { return func(e *Engine) { e.procs = ps } }

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option { return func(e *Engine) { e.log = l } }

// WithCacheTTL keeps complete reads for d across statements (default 0: each statement reads afresh; reads
// are always shared within one statement). Writes through the engine drop the written table's entries.
func WithCacheTTL(d time.Duration) Option { return func(e *Engine) { e.cacheTTL = d } }

// WithClock sets the clock of the cross-statement cache (default time.Now).
func WithClock(now func() time.Time) Option { return func(e *Engine) { e.now = now } }

// New returns an engine over client. It fails if two tables share a name.
func New(client *reply.Client, opts ...Option) (*Engine, error) {
	e := &Engine{client: client, log: slog.New(slog.DiscardHandler), now: time.Now}
	for _, o := range opts {
		o(e)
	}
	e.cache = newRowCache(e.cacheTTL, e.now)
	e.db = &database{tables: map[string]*Table{}}
	for _, t := range e.tables {
		k := strings.ToLower(t.Name)
		if _, dup := e.db.tables[k]; dup {
			return nil, fmt.Errorf("sqlengine: duplicate table %s", t.Name)
		}
		e.db.tables[k] = newTable(e, t)
		e.db.names = append(e.db.names, t.Name)
	}
	e.db.procs = e.procedureRegistry()
	a := analyzer.NewBuilder(e.db).
		AddPreAnalyzeRule(ruleShieldLike, shieldLike).
		AddPreAnalyzeRule(ruleCountStar, countStar).
		AddPreAnalyzeRule(ruleRoutines, e.showRoutines).
		Build()
	a.ExecBuilder = execBuilder{NodeExecBuilder: a.ExecBuilder, e: e}
	gmsNew.Lock()
	e.sqle = sqle.New(a, nil)
	// version_comment is global in go-mysql-server (default "Dolt"); every engine of the process sets the same.
	err := sql.SystemVariables.AssignValues(map[string]any{"version_comment": VersionComment})
	gmsNew.Unlock()
	if err != nil {
		return nil, fmt.Errorf("sqlengine: %w", err)
	}
	e.session = sql.NewBaseSession()
	e.session.SetCurrentDatabase(DatabaseName)
	return e, nil
}

// Close releases the engine.
func (e *Engine) Close() error { return e.sqle.Close() }

// Column describes one result column.
type Column struct {
	Name string
	Type string // MySQL type, e.g. BIGINT, DATETIME(6), JSON
}

// Rows is the result of one statement. Read it with Next until io.EOF, then Close. Not safe for concurrent use.
type Rows struct {
	e      *Engine
	ctx    *sql.Context
	cols   []Column
	schema sql.Schema
	iter   sql.RowIter
	notes  []string
	closed bool
	ok     bool // a write's result: one row, RowsAffected
	done   func()
}

// Columns returns the result columns; a write returns one column, RowsAffected.
func (r *Rows) Columns() []Column { return r.cols }

// Next returns the next row as display values (see [Display]), or io.EOF.
func (r *Rows) Next() ([]any, error) {
	if r.closed {
		return nil, io.EOF
	}
	row, err := r.iter.Next(r.ctx)
	if err != nil {
		if !errors.Is(err, io.EOF) {
			r.Close()
		}
		return nil, r.e.nameWriteError(r.ctx.Session.ID(), err)
	}
	if r.ok && len(row) == 1 {
		if res, isOK := row[0].(types.OkResult); isOK {
			return []any{int64(res.RowsAffected)}, nil
		}
	}
	out := make([]any, len(row))
	for i, v := range row {
		out[i] = Display(enumString(r.schema, i, v))
	}
	return out, nil
}

// Close ends the statement; writes batched by the statement are sent at the latest here.
func (r *Rows) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	err := r.e.nameWriteError(r.ctx.Session.ID(), r.iter.Close(r.ctx))
	r.e.cache.endStatement(r.ctx.Session.ID())
	for _, w := range r.ctx.Session.Warnings() {
		r.notes = append([]string{w.Message}, r.notes...)
	}
	r.done()
	return err
}

// Notes returns the notes the statement left (new ids of an INSERT, rows sent by UPDATE/DELETE, warnings),
// complete after Close.
func (r *Rows) Notes() []string { return r.notes }

// Query runs one statement. params bind :Name references (see [Bind]). The embedded session is shared: run
// one statement at a time and Close its Rows before the next (Query waits for that).
func (e *Engine) Query(ctx context.Context, query string, params map[string]string) (*Rows, error) {
	q, err := Bind(query, params)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	sctx := sql.NewContext(ctx, sql.WithSession(e.session))
	e.writes.Delete(e.session.ID())
	schema, iter, _, err := e.sqle.Query(sctx, q)
	if err != nil {
		e.mu.Unlock()
		return nil, e.nameWriteError(e.session.ID(), e.typedTableError(q, err))
	}
	if types.IsOkResultSchema(schema) {
		return &Rows{e: e, ctx: sctx, cols: []Column{{Name: "RowsAffected", Type: "BIGINT"}}, iter: iter, ok: true, done: e.mu.Unlock}, nil
	}
	cols := make([]Column, len(schema))
	for i, c := range schema {
		cols[i] = Column{Name: c.Name, Type: c.Type.String()}
	}
	return &Rows{e: e, ctx: sctx, cols: cols, schema: schema, iter: iter, done: e.mu.Unlock}, nil
}

// enumString shows an ENUM or SET value (held as its index or bits: information_schema, SHOW PROCEDURE
// STATUS) as its text, as the wire protocol does.
func enumString(s sql.Schema, i int, v any) any {
	if i >= len(s) || v == nil {
		return v
	}
	switch t := s[i].Type.(type) {
	case sql.EnumType:
		if n, ok := v.(uint16); ok {
			if str, ok := t.At(int(n)); ok {
				return str
			}
		}
	case sql.SetType:
		if n, ok := v.(uint64); ok {
			if str, err := t.BitsToString(n); err == nil {
				return str
			}
		}
	}
	return v
}
