package sqlengine

import (
	"encoding/json"
	"errors"
	"io"
	"iter"
	"strings"
	"sync"
	"time"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/replykit/replykit/catalog"
)

// rowCache keeps complete reads so that a statement never asks the API twice for the same rows (a lookup
// placed inside a loop, a self-join, a subquery re-evaluated per row), and, with a TTL, across statements.
// Entries of the per-statement cache are keyed by session and query start time; a write to a table drops
// its entries.
type rowCache struct {
	mu      sync.Mutex
	ttl     time.Duration
	now     func() time.Time
	queries map[uint32]*queryRows // session id -> rows read by its current statement
	shared  map[string]sharedRows // cross-statement cache (ttl > 0)
}

type queryRows struct {
	at       time.Time
	rows     map[string][]catalog.Row
	engine   map[string][]sql.Row // rows of `rows` converted for a schema: a nested loop replays them per outer row
	inflight map[string]*stream   // reads in progress, which a second reader of the same rows joins
}

type sharedRows struct {
	at   time.Time
	rows []catalog.Row
}

func newRowCache(ttl time.Duration, now func() time.Time) *rowCache {
	return &rowCache{ttl: ttl, now: now, queries: map[uint32]*queryRows{}, shared: map[string]sharedRows{}}
}

func cacheKey(t *Table, q catalog.Query) string {
	b, _ := json.Marshal(struct {
		T string
		Q catalog.Query
	}{t.t.Name, q})
	return string(b)
}

// rows returns an iterator over the rows of q. The cache is consulted on the first Next, not here: the
// engine opens both sides of a join before reading either, and the second should replay the first.
func (c *rowCache) rows(ctx *sql.Context, t *Table, q catalog.Query) sql.RowIter {
	return &lazyIter{c: c, t: t, q: q}
}

type lazyIter struct {
	c     *rowCache
	t     *Table
	q     catalog.Query
	inner sql.RowIter
}

func (it *lazyIter) Next(ctx *sql.Context) (sql.Row, error) {
	if it.inner == nil {
		it.inner = it.c.open(ctx, it.t, it.q)
	}
	return it.inner.Next(ctx)
}

func (it *lazyIter) Close(ctx *sql.Context) error {
	if it.inner == nil {
		return nil
	}
	return it.inner.Close(ctx)
}

// open replays the rows of q when this statement (or, with a TTL, a recent one) read them in full, and
// otherwise starts the List, keeping its rows if it runs to the end.
func (c *rowCache) open(ctx *sql.Context, t *Table, q catalog.Query) sql.RowIter {
	key := cacheKey(t, q)
	sid := ctx.Session.ID()
	var stale []*stream
	defer func() { abandon(stale) }() // after every unlock below
	c.mu.Lock()
	qr := c.queries[sid]
	if qr == nil || !qr.at.Equal(ctx.QueryTime()) {
		stale = qr.parked()
		qr = &queryRows{at: ctx.QueryTime(), rows: map[string][]catalog.Row{}, engine: map[string][]sql.Row{}, inflight: map[string]*stream{}}
		c.queries[sid] = qr
	}
	if st, ok := qr.inflight[key]; ok && st.join() {
		c.mu.Unlock()
		return &streamIter{t: t, s: st}
	}
	if rows, ok := qr.rows[key]; ok {
		ekey := key + "|" + schemaKey(t)
		conv, ok := qr.engine[ekey]
		c.mu.Unlock()
		if ok {
			return &rowsIter{rows: conv}
		}
		conv = make([]sql.Row, len(rows))
		for i, r := range rows {
			row, err := t.toRow(r)
			if err != nil {
				return &errIter{err: err}
			}
			conv[i] = row
		}
		c.mu.Lock()
		qr.engine[ekey] = conv
		c.mu.Unlock()
		return &rowsIter{rows: conv}
	}
	if c.ttl > 0 {
		if s, ok := c.shared[key]; ok && c.now().Sub(s.at) < c.ttl {
			c.mu.Unlock()
			return &sliceIter{t: t, rows: s.rows}
		}
	}
	t.e.log.DebugContext(ctx, "api read", "table", t.t.Name, "conds", pushed{q.Conds}.String(), "columns", q.Columns, "limit", q.Limit)
	next, stop := iter.Pull2(t.t.List(ctx, t.e.client, q))
	st := &stream{next: next, stop: stop, readers: 1}
	st.finish = func(rows []catalog.Row, complete bool) {
		c.mu.Lock()
		defer c.mu.Unlock()
		if qr.inflight[key] == st {
			delete(qr.inflight, key)
		}
		if !complete {
			return
		}
		qr.rows[key] = rows
		if c.ttl > 0 {
			now := c.now()
			for k, s := range c.shared {
				if now.Sub(s.at) >= c.ttl {
					delete(c.shared, k)
				}
			}
			c.shared[key] = sharedRows{at: now, rows: rows}
		}
	}
	qr.inflight[key] = st
	c.mu.Unlock()
	return &streamIter{t: t, s: st}
}

// stream is one List in progress. Its rows are kept (up to maxCachedRows while it has one reader) so that a
// second reader of the same rows in the same statement, such as the other side of a self-join, replays them
// instead of calling the API again; a complete read goes to the statement cache.
type stream struct {
	mu      sync.Mutex
	next    func() (catalog.Row, error, bool)
	stop    func()
	finish  func(rows []catalog.Row, complete bool) // called once, without mu held
	rows    []catalog.Row
	base    int // index of rows[0] in the read (rows before it were dropped)
	dropped bool
	done    bool
	err     error
	readers int
}

// join adds a reader; false when the stream can no longer replay from the start.
func (s *stream) join() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dropped || (s.done && s.err != nil) {
		return false
	}
	s.readers++
	return true
}

// at returns row i of the read, pulling from the API as needed; ok is false at the end.
func (s *stream) at(i int) (catalog.Row, bool, error) {
	s.mu.Lock()
	var finish func()
	defer func() {
		s.mu.Unlock()
		if finish != nil {
			finish()
		}
	}()
	for {
		if i >= s.base && i < s.base+len(s.rows) {
			return s.rows[i-s.base], true, nil
		}
		if s.done {
			return nil, false, s.err
		}
		r, err, ok := s.next()
		switch {
		case !ok:
			s.done = true
			rows, complete := s.rows, !s.dropped
			finish = func() { s.finish(rows, complete) }
			return nil, false, nil
		case err != nil:
			s.done, s.err = true, err
			finish = func() { s.finish(nil, false) }
			return nil, false, err
		}
		s.rows = append(s.rows, r)
		if len(s.rows) > maxCachedRows && s.readers == 1 {
			// One reader: keep only the current row; the read will not be cached.
			s.dropped = true
			s.base += len(s.rows) - 1
			s.rows = s.rows[len(s.rows)-1:]
		}
	}
}

// leave removes a reader. When the last one leaves an unfinished List that can still replay from the start,
// the List is parked, not stopped: a nested loop (a semi-join, EXISTS) leaves the inner read at its first match
// and opens it again for the next outer row, which then continues the same List instead of paging from the
// start. Parked Lists stop when the statement ends (endStatement, the session's next statement, forget).
func (s *stream) leave() {
	s.mu.Lock()
	s.readers--
	last := s.readers == 0 && !s.done && s.dropped
	if last {
		s.done = true
		s.err = errors.New("read abandoned")
	}
	s.mu.Unlock()
	if last {
		s.stop()
		s.finish(nil, false)
	}
}

// abandon stops a parked List (one without readers).
func (s *stream) abandon() {
	s.mu.Lock()
	park := s.readers == 0 && !s.done
	if park {
		s.done = true
		s.err = errors.New("read abandoned")
	}
	s.mu.Unlock()
	if park {
		s.stop()
		s.finish(nil, false)
	}
}

func abandon(ss []*stream) {
	for _, s := range ss {
		s.abandon()
	}
}

// parked returns the statement's Lists in progress (abandon stops those without readers); call with c.mu held.
func (qr *queryRows) parked() []*stream {
	if qr == nil {
		return nil
	}
	var out []*stream
	for _, st := range qr.inflight {
		out = append(out, st)
	}
	return out
}

// endStatement stops the parked Lists of the session's statement.
func (c *rowCache) endStatement(sid uint32) {
	c.mu.Lock()
	stale := c.queries[sid].parked()
	c.mu.Unlock()
	abandon(stale)
}

// streamIter is one reader of a stream.
type streamIter struct {
	t      *Table
	s      *stream
	pos    int
	closed bool
}

func (it *streamIter) Next(*sql.Context) (sql.Row, error) {
	r, ok, err := it.s.at(it.pos)
	if err != nil {
		return nil, it.t.apiError("SELECT", err)
	}
	if !ok {
		return nil, io.EOF
	}
	it.pos++
	return it.t.toRow(r)
}

func (it *streamIter) Close(*sql.Context) error {
	if !it.closed {
		it.closed = true
		it.s.leave()
	}
	return nil
}

// schemaKey names the columns t's rows hold, in order.
func schemaKey(t *Table) string {
	s := t.Schema()
	names := make([]string, len(s))
	for i, c := range s {
		names[i] = c.Name
	}
	return strings.Join(names, ",")
}

type errIter struct{ err error }

func (it *errIter) Next(*sql.Context) (sql.Row, error) { return nil, it.err }
func (it *errIter) Close(*sql.Context) error           { return nil }

// invalidate drops every cached read of table (all tables when table is "").
func (c *rowCache) invalidate(table string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	prefix := `{"T":` + quoteJSON(table) + `,`
	for _, qr := range c.queries {
		for k := range qr.rows {
			if table == "" || strings.HasPrefix(k, prefix) {
				delete(qr.rows, k)
			}
		}
		for k := range qr.engine {
			if table == "" || strings.HasPrefix(k, prefix) {
				delete(qr.engine, k)
			}
		}
	}
	for k := range c.shared {
		if table == "" || strings.HasPrefix(k, prefix) {
			delete(c.shared, k)
		}
	}
}

// forget drops a closed connection's statement cache.
func (c *rowCache) forget(sid uint32) {
	c.mu.Lock()
	stale := c.queries[sid].parked()
	delete(c.queries, sid)
	c.mu.Unlock()
	abandon(stale)
}

func quoteJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
