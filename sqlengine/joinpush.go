package sqlengine

import (
	"errors"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"

	"github.com/replykit/replykit/catalog"
)

// maxJoinValues caps the values pushed into the other side of a join as an IN list.
const maxJoinValues = 100

// pushJoinKeys stands in for the lookup joins go-mysql-server's coster would choose badly (see GetIndexes):
// when one side of an equi-join is a pushed read (WHERE s.Id = 5, WHERE s.Status = 'active') and the other
// side's join column is one the API can look up by (its key, its parent key or a declared filter), the pushed
// side is read first and its join values are pushed into the other side as `col IN (values)`. The pushed side
// is read through the statement cache, so executing the plan replays it; the join itself still runs in the
// engine, which keeps the result exact.
//
//	Sequences s JOIN SequenceSteps st ON st.SequenceId = s.Id WHERE s.Id = 5   -> 2 calls, not 2 + every sequence
//
// A key column costs one GET per value, so it is pushed only when that is below the estimated full read; a
// parent key or a filter costs at most what the full read would. The other side must be the one the join may
// drop rows of (inner joins and semi-joins: either; LEFT JOIN: the right side; never an anti-join). Reads
// under a write (UPDATE ... JOIN, UPDATE ... WHERE Id IN (SELECT ...), DELETE t FROM t JOIN u) are narrowed the
// same way: the rows written are the join's rows, which the narrowing keeps.
func pushJoinKeys(ctx *sql.Context, n sql.Node) (sql.Node, error) {
	n, _, err := transform.Node(n, func(n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		j, ok := n.(*plan.JoinNode)
		if !ok || j.Filter == nil {
			return n, transform.SameTree, nil
		}
		left, right := j.Left(), j.Right()
		var targets []bool // true: push into the right side
		switch {
		case j.Op == plan.JoinTypeInner || j.Op == plan.JoinTypeHash || j.Op == plan.JoinTypeMerge || j.Op.IsSemi():
			// A semi-join keeps the left rows with a match: narrowing either side to the other's values keeps them.
			targets = []bool{true, false}
		case j.Op.IsLeftOuter():
			targets = []bool{true}
		default:
			return n, transform.SameTree, nil
		}
		for _, intoRight := range targets {
			from, into := left, right
			if !intoRight {
				from, into = right, left
			}
			nn, changed, err := pushJoinSide(ctx, j.Filter, from, into)
			if err != nil {
				return nil, transform.SameTree, err
			}
			if !changed {
				continue
			}
			if intoRight {
				right = nn
			} else {
				left = nn
			}
			out, err := j.WithChildren(left, right)
			return out, transform.NewTree, err
		}
		return n, transform.SameTree, nil
	})
	return n, err
}

// side is one input of a join when it is a single table of ours, under aliases, filters and projections.
type side struct {
	name string // the name its columns are qualified with (alias or table), lower-case
	t    *Table
	ita  *plan.IndexedTableAccess // set when the read is a pushed lookup
}

func joinSide(n sql.Node) (side, bool) {
	var s side
	for {
		switch x := n.(type) {
		case *plan.TableAlias:
			if s.name == "" {
				s.name = strings.ToLower(x.Name())
			}
			n = x.Child
			continue
		case *plan.Filter:
			n = x.Child
			continue
		case *plan.Project:
			n = x.Child
			continue
		case *plan.IndexedTableAccess:
			t, ok := sql.GetUnderlyingTable(x.Table).(*Table)
			if !ok {
				return side{}, false
			}
			s.t, s.ita = t, x
		case *plan.ResolvedTable:
			t, ok := sql.GetUnderlyingTable(x.Table).(*Table)
			if !ok {
				return side{}, false
			}
			s.t = t
		default:
			return side{}, false
		}
		if s.name == "" {
			s.name = strings.ToLower(s.t.t.Name)
		}
		return s, true
	}
}

// pushJoinSide pushes the join values of a pushed read in fromNode into intoNode, a single table; changed is
// false when nothing applies. fromNode may be a join itself: the values of one of its tables' columns in the
// join's output are among the values that table's read holds, so pushing those is exact too (a superset).
func pushJoinSide(ctx *sql.Context, filter sql.Expression, fromNode, intoNode sql.Node) (sql.Node, bool, error) {
	into, ok := joinSide(intoNode)
	if !ok || into.t.blind || into.t.joinConds != nil || into.t.countStar {
		return nil, false, nil
	}
	from, fromCol, intoCol, ok := joinColumns(filter, fromNode, into)
	if !ok {
		return nil, false, nil
	}
	values, err := from.t.columnValues(ctx, fromCol)
	if err != nil || values == nil {
		return nil, false, err
	}
	c, _ := into.t.t.Column(intoCol)
	cond, ok := into.t.joinCond(ctx, c, values, into.ita == nil)
	if !ok {
		return nil, false, nil
	}
	out, err := withJoinCond(intoNode, cond)
	return out, err == nil, err
}

// joinCond is `c IN (values)` (c = v for one value) when t can push it and it is worth it: at most maxJoinValues
// distinct values, and on the key no more GETs than the calls of a full read: the estimate, or, past it, for a
// whole read (whole: the table's side has no pushed conditions of its own) of a table that can count its rows,
// the pages of its counted rows (see fullReadPages). NULLs never match and are dropped; a value the column
// cannot take leaves the read whole.
func (t *Table) joinCond(ctx *sql.Context, c catalog.Column, values []any, whole bool) (catalog.Cond, bool) {
	conv := make([]any, 0, len(values))
	for _, v := range values {
		if v == nil {
			continue
		}
		x, err := c.Coerce(v)
		if err != nil || x == nil {
			return catalog.Cond{}, false
		}
		if !slices.Contains(conv, x) {
			conv = append(conv, x)
		}
	}
	if len(conv) > maxJoinValues {
		return catalog.Cond{}, false
	}
	isKey := len(t.t.Key) == 1 && strings.EqualFold(t.t.Key[0], c.Name)
	if isKey && uint64(len(conv)) > t.estimate() {
		if pages, ok := t.fullReadPages(ctx, whole); !ok || int64(len(conv)) >= pages {
			return catalog.Cond{}, false
		}
	}
	cond := catalog.Cond{Column: c.Name, Op: catalog.In, Values: conv}
	if len(conv) == 1 {
		cond.Op = catalog.Eq
	}
	if len(conv) > 0 && !t.canPush(c.Name, cond.Op) {
		return catalog.Cond{}, false
	}
	return cond, true
}

// joinColumns finds a conjunct `from.col = into.col` of the join condition where from is a pushed read in
// fromNode and the API can look into up by its column with IN (or = for a single value; checked again once the
// values are known).
func joinColumns(filter sql.Expression, fromNode sql.Node, into side) (side, string, string, bool) {
	for _, e := range expression.SplitConjunction(filter) {
		eq, ok := e.(*expression.Equals)
		if !ok {
			continue
		}
		a, ok1 := eq.Left().(*expression.GetField)
		b, ok2 := eq.Right().(*expression.GetField)
		if !ok1 || !ok2 {
			continue
		}
		if strings.EqualFold(a.Table(), into.name) {
			a, b = b, a
		}
		if !strings.EqualFold(b.Table(), into.name) || strings.EqualFold(a.Table(), into.name) {
			continue
		}
		from, ok := pushedTable(fromNode, strings.ToLower(a.Table()))
		if !ok {
			continue
		}
		fc, ok1 := from.t.t.Column(a.Name())
		ic, ok2 := into.t.t.Column(b.Name())
		if !ok1 || !ok2 || !(into.t.canPush(ic.Name, catalog.In) || into.t.canPush(ic.Name, catalog.Eq)) {
			continue
		}
		return from, fc.Name, ic.Name, true
	}
	return side{}, "", "", false
}

// pushedTable finds the table named name (alias or table name) in n, through joins, filters, projections,
// DISTINCT, sorts and aliases (not into subqueries), when its read is a pushed lookup.
func pushedTable(n sql.Node, name string) (side, bool) {
	switch x := n.(type) {
	case *plan.JoinNode:
		if s, ok := pushedTable(x.Left(), name); ok {
			return s, true
		}
		return pushedTable(x.Right(), name)
	case *plan.Filter:
		return pushedTable(x.Child, name)
	case *plan.Project:
		return pushedTable(x.Child, name)
	case *plan.Distinct: // IN (SELECT ...) planned as a join on the distinct values
		return pushedTable(x.Child, name)
	case *plan.Sort:
		return pushedTable(x.Child, name)
	}
	s, ok := joinSide(n)
	if !ok || s.name != name || s.ita == nil || s.t.lookupConds == nil || s.t.blind {
		return side{}, false
	}
	return s, true
}

// columnValues reads the table's pushed lookup through the statement cache (the plan's own read then replays
// it) and returns the distinct non-NULL values of column; nil when the read is too large to push.
func (t *Table) columnValues(ctx *sql.Context, column string) ([]any, error) {
	i := t.Schema().IndexOfColName(column)
	if i < 0 {
		return nil, nil
	}
	conds, none := t.withJoinConds(t.lookupConds)
	if none {
		return []any{}, nil
	}
	it := t.e.cache.rows(ctx, t, t.query(conds))
	defer it.Close(ctx)
	out := []any{}
	for {
		r, err := it.Next(ctx)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if v := r[i]; v != nil && !slices.Contains(out, v) {
			if len(out) == maxJoinValues {
				return nil, nil
			}
			out = append(out, v)
		}
	}
}

// withJoinCond returns n with its table reading cond as well.
func withJoinCond(n sql.Node, cond catalog.Cond) (sql.Node, error) {
	out, _, err := transform.Node(n, func(n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		switch x := n.(type) {
		case *plan.IndexedTableAccess:
			if t, ok := x.Table.(*Table); ok {
				// A new node and table: a prepared statement's plan is reused with other values.
				c := *t
				c.joinConds = []catalog.Cond{cond}
				nx := *x
				nx.Table = &c
				return &nx, transform.NewTree, nil
			}
		case *plan.ResolvedTable:
			if t, ok := sql.GetUnderlyingTable(x.Table).(*Table); ok {
				c := *t
				c.joinConds = []catalog.Cond{cond}
				nt, err := x.WithTable(&c)
				if err != nil {
					return nil, transform.SameTree, err
				}
				return nt.(sql.Node), transform.NewTree, nil
			}
		}
		return n, transform.SameTree, nil
	})
	return out, err
}

// pushInSubquery narrows a read filtered by `col IN (SELECT ...)` that go-mysql-server did not plan as a join
// (DELETE ... WHERE Id IN (SELECT ...), an IN next to an OR's sibling conjuncts): an uncorrelated subquery is
// evaluated once (go-mysql-server caches its result for the statement; its reads are in the statement cache)
// and its values are pushed into the table as for a join. Only for a statement's own plan (the Filter's rows
// are then the table's rows, which the subquery takes as its scope).
func pushInSubquery(ctx *sql.Context, n sql.Node) (sql.Node, error) {
	n, _, err := transform.Node(n, func(n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		f, ok := n.(*plan.Filter)
		if !ok {
			return n, transform.SameTree, nil
		}
		into, ok := joinSide(f.Child)
		if !ok || into.t.blind || into.t.joinConds != nil || into.t.countStar {
			return n, transform.SameTree, nil
		}
		for _, e := range expression.SplitConjunction(f.Expression) {
			in, ok := e.(*plan.InSubquery)
			if !ok {
				continue
			}
			gf, ok1 := in.LeftChild.(*expression.GetField)
			sq, ok2 := in.RightChild.(*plan.Subquery)
			if !ok1 || !ok2 || !sq.Correlated().Empty() || !strings.EqualFold(gf.Table(), into.name) {
				continue
			}
			c, ok := into.t.t.Column(gf.Name())
			if !ok || !(into.t.canPush(c.Name, catalog.In) || into.t.canPush(c.Name, catalog.Eq)) {
				continue
			}
			// The subquery reads its columns after the outer row's (its scope), unused when uncorrelated. An
			// error here leaves the plan as it was, to fail or not when it runs.
			vals, err := sq.EvalMultiple(ctx, make(sql.Row, len(f.Child.Schema())))
			if err != nil {
				continue
			}
			cond, ok := into.t.joinCond(ctx, c, vals, into.ita == nil)
			if !ok {
				continue
			}
			child, err := withJoinCond(f.Child, cond)
			if err != nil {
				return nil, transform.SameTree, err
			}
			nf, err := f.WithChildren(child)
			return nf, transform.NewTree, err
		}
		return n, transform.SameTree, nil
	})
	return n, err
}

// countTTL is how long a table's row count taken for a join decision is reused by later statements: it only
// chooses between GETs by key and a full read, so a count a few minutes old serves.
const countTTL = 10 * time.Minute

// fullReadPages is the number of list calls a whole read of t takes, from t's Count (one call, remembered for
// countTTL) and its page size; ok is false when t cannot count or page, or the read is not whole.
func (t *Table) fullReadPages(ctx *sql.Context, whole bool) (int64, bool) {
	if !whole || t.t.Count == nil || t.t.MaxPage <= 0 {
		return 0, false
	}
	n, ok := t.e.rowCount(ctx, t)
	if !ok {
		return 0, false
	}
	return max(1, (n+int64(t.t.MaxPage)-1)/int64(t.t.MaxPage)), true
}

type counted struct {
	n  int64
	at time.Time
}

// rowCount is t's row count from its Count, remembered for countTTL; ok is false when Count cannot tell or
// fails (the read that follows reports the error, if it persists).
func (e *Engine) rowCount(ctx *sql.Context, t *Table) (int64, bool) {
	if v, ok := e.counts.Load(t.t.Name); ok {
		if c := v.(counted); e.now().Sub(c.at) < countTTL {
			return c.n, true
		}
	}
	n, ok, err := t.t.Count(ctx, e.client, catalog.Query{})
	if err != nil || !ok {
		return 0, false
	}
	e.counts.Store(t.t.Name, counted{n: n, at: e.now()})
	return n, true
}
