package sqlengine

import (
	"encoding/json"
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
	at   time.Time
	rows map[string][]catalog.Row
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
	c.mu.Lock()
	qr := c.queries[sid]
	if qr == nil || !qr.at.Equal(ctx.QueryTime()) {
		qr = &queryRows{at: ctx.QueryTime(), rows: map[string][]catalog.Row{}}
		c.queries[sid] = qr
	}
	if rows, ok := qr.rows[key]; ok {
		c.mu.Unlock()
		return &sliceIter{t: t, rows: rows}
	}
	if c.ttl > 0 {
		if s, ok := c.shared[key]; ok && c.now().Sub(s.at) < c.ttl {
			c.mu.Unlock()
			return &sliceIter{t: t, rows: s.rows}
		}
	}
	c.mu.Unlock()
	t.e.log.DebugContext(ctx, "api read", "table", t.t.Name, "conds", pushed{q.Conds}.String(), "columns", q.Columns, "limit", q.Limit)
	store := func(rows []catalog.Row) {
		c.mu.Lock()
		defer c.mu.Unlock()
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
	return newRowIter(t, t.t.List(ctx, t.e.client, q), store)
}

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
	defer c.mu.Unlock()
	delete(c.queries, sid)
}

func quoteJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
