package sqlengine

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/expression/function/aggregation"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"

	"github.com/replykit/replykit/catalog"
)

// execBuilder looks at the analyzed plan just before it runs. go-mysql-server analyzes simple UPDATE and
// DELETE statements with a fixed rule set, so decisions about writes are taken here:
//   - a verb the catalog does not support fails before any API call;
//   - `UPDATE T SET col = constant, ... WHERE Key = x` (or Key IN (...)) and `DELETE FROM T WHERE Key = x` are
//     made blind: the rows to write are built from the keys, so the statement costs the writes only.
type execBuilder struct {
	sql.NodeExecBuilder
	e *Engine
}

func (b execBuilder) Build(ctx *sql.Context, n sql.Node, r sql.Row) (sql.RowIter, error) {
	if err := checkWrite(n); err != nil {
		return nil, err
	}
	markBlind(n)
	n, err := nullableKeysOnInsert(n)
	if err != nil {
		return nil, err
	}
	if n, err = skipDetails(n); err != nil {
		return nil, err
	}
	if n, err = pushLimit(n); err != nil {
		return nil, err
	}
	if n, err = countPushed(ctx, n); err != nil {
		return nil, err
	}
	if n, err = pushJoinKeys(ctx, n); err != nil {
		return nil, err
	}
	if len(r) == 0 { // a statement, not a subquery built per outer row (whose rows carry that row first)
		if n, err = pushInSubquery(ctx, n); err != nil {
			return nil, err
		}
	}
	if p := writePrefix(n); p != "" {
		b.e.writes.Store(ctx.Session.ID(), p)
	}
	return b.NodeExecBuilder.Build(ctx, n, r)
}

// writePrefix is "VERB Table" for an INSERT or UPDATE, followed by the JSON columns it writes in parentheses:
// the errors go-mysql-server raises while converting values to the column types (invalid JSON text, out of
// range) name neither (see Engine.nameWriteError).
func writePrefix(n sql.Node) string {
	var verb string
	var t *Table
	var cols []string
	transform.Inspect(n, func(n sql.Node) bool {
		if t != nil {
			return false
		}
		switch w := n.(type) {
		case *plan.InsertInto:
			verb, t, cols = "INSERT", firstTable(w.Destination), w.ColumnNames
		case *plan.Update:
			verb, t = "UPDATE", updateTarget(w)
			for _, gf := range setFields(w) {
				cols = append(cols, gf.Name())
			}
		}
		return t == nil
	})
	if t == nil {
		return ""
	}
	p := verb + " " + t.t.Name
	var jsonCols []string
	for _, name := range cols {
		if c, ok := t.t.Column(name); ok && c.Type == catalog.JSON {
			jsonCols = append(jsonCols, c.Name)
		}
	}
	if len(jsonCols) > 0 {
		p += "\x00" + strings.Join(jsonCols, ", ")
	}
	return p
}

// nameWriteError prefixes an error of the session's current INSERT or UPDATE that names no table with the
// verb and table (and, for JSON errors, the JSON columns written).
func (e *Engine) nameWriteError(sid uint32, err error) error {
	if err == nil || errors.Is(err, io.EOF) {
		return err
	}
	v, ok := e.writes.Load(sid)
	if !ok {
		return err
	}
	prefix, jsonCols, _ := strings.Cut(v.(string), "\x00")
	if strings.Contains(err.Error(), prefix) {
		return err
	}
	if jsonCols != "" && strings.Contains(err.Error(), "JSON") {
		prefix += " (" + jsonCols + ")"
	}
	return fmt.Errorf("%s: %w", prefix, err)
}

// checkWrite rejects a write whose catalog func is nil, and an UPDATE or DELETE without WHERE.
func checkWrite(n sql.Node) error {
	var err error
	transform.Inspect(n, func(n sql.Node) bool {
		if err != nil {
			return false
		}
		var verb string
		var target sql.Node
		switch w := n.(type) {
		case *plan.InsertInto:
			verb, target = "INSERT", w.Destination
		case *plan.Update:
			t := updateTarget(w)
			if t == nil {
				return false
			}
			if err = (&editor{t: t, verb: "UPDATE"}).supported(); err == nil && !hasFilter(w.Child) {
				err = fmt.Errorf("UPDATE %s: %w: every row would be written through the API, which cannot be undone; add a WHERE (e.g. WHERE %s IS NOT NULL) to mean it",
					t.t.Name, ErrNoWhere, t.t.Key[0])
			}
			return false
		case *plan.DeleteFrom:
			targets := w.GetDeleteTargets()
			if len(targets) == 0 {
				targets = []sql.Node{w.Child}
			}
			for _, target := range targets {
				t := firstTable(target)
				if t == nil {
					continue
				}
				if err = (&editor{t: t, verb: "DELETE"}).supported(); err != nil {
					return false
				}
				// The WHERE of `DELETE t FROM t JOIN u ... WHERE ...` is above the join, not on the target.
				if !hasFilter(w.Child) {
					err = fmt.Errorf("DELETE %s: %w: every row would be written through the API, which cannot be undone; add a WHERE (e.g. WHERE %s IS NOT NULL) to mean it",
						t.t.Name, ErrNoWhere, t.t.Key[0])
					return false
				}
			}
			return false
		default:
			return true
		}
		t := firstTable(target)
		if t == nil {
			return false
		}
		err = (&editor{t: t, verb: verb}).supported()
		return false
	})
	return err
}

// ErrNoWhere is returned for an UPDATE or DELETE without WHERE: API writes cannot be rolled back.
var ErrNoWhere = errors.New("no WHERE")

// hasFilter reports whether the read under a write is filtered (a WHERE, pushed or not).
func hasFilter(n sql.Node) bool {
	found := false
	transform.Inspect(n, func(n sql.Node) bool {
		switch n.(type) {
		case *plan.Filter, *plan.IndexedTableAccess:
			found = true
		}
		return !found
	})
	return found
}

// setFields returns the columns an UPDATE sets.
func setFields(u *plan.Update) []*expression.GetField {
	var out []*expression.GetField
	transform.Inspect(u.Child, func(n sql.Node) bool {
		src, ok := n.(*plan.UpdateSource)
		if !ok {
			return true
		}
		for _, e := range src.UpdateExprs {
			if set, ok := e.(*expression.SetField); ok {
				if gf, ok := set.LeftChild.(*expression.GetField); ok {
					out = append(out, gf)
				}
			}
		}
		return false
	})
	return out
}

// updateTarget is the table an UPDATE writes: the one its SET columns belong to. The first table of the plan is
// not it when the WHERE has an IN (SELECT ...), which go-mysql-server plans as a join with the subquery first.
func updateTarget(u *plan.Update) *Table {
	for _, gf := range setFields(u) {
		if t := tableNamed(u.Child, gf.Table()); t != nil {
			return t
		}
	}
	return firstTable(u.Child)
}

// tableNamed finds the table whose alias, or name when it has none, is name.
func tableNamed(n sql.Node, name string) *Table {
	var found *Table
	transform.Inspect(n, func(n sql.Node) bool {
		if found != nil {
			return false
		}
		switch x := n.(type) {
		case *plan.TableAlias:
			if strings.EqualFold(x.Name(), name) {
				found = firstTable(x.Child)
			}
			return false // an aliased table is known by its alias only
		case *plan.ResolvedTable, *plan.IndexedTableAccess:
			if t := firstTable(x); t != nil && strings.EqualFold(t.t.Name, name) {
				found = t
			}
		}
		return found == nil
	})
	return found
}

func firstTable(n sql.Node) *Table {
	var found *Table
	transform.Inspect(n, func(n sql.Node) bool {
		if found != nil {
			return false
		}
		switch x := n.(type) {
		case *plan.ResolvedTable:
			found, _ = sql.GetUnderlyingTable(x.Table).(*Table)
		case *plan.IndexedTableAccess:
			found, _ = sql.GetUnderlyingTable(x.Table).(*Table)
		}
		return found == nil
	})
	return found
}

func markBlind(n sql.Node) {
	transform.Inspect(n, func(n sql.Node) bool {
		switch w := n.(type) {
		case *plan.Update:
			src, ok := w.Child.(*plan.UpdateSource)
			if !ok || w.IsJoin || len(w.Returning) > 0 {
				return false
			}
			for _, e := range src.UpdateExprs {
				set, ok := e.(*expression.SetField)
				if !ok || !constant(set.RightChild) {
					return false
				}
			}
			blindSource(src.Child)
			return false
		case *plan.DeleteFrom:
			if !w.HasExplicitTargets() {
				blindSource(w.Child)
			}
			return false
		}
		return true
	})
}

// blindSource marks the table read by n when n is only filters on key columns over the pushed lookup, and every
// key column has an = or IN literal.
func blindSource(n sql.Node) {
	var t *Table
	ok := true
	covered := map[string]bool{}
	transform.Inspect(n, func(n sql.Node) bool {
		switch x := n.(type) {
		case nil: // Walk's end-of-children call
		case *plan.Filter:
			tt := firstTable(x.Child)
			if tt == nil {
				ok = false
				break
			}
			for _, e := range expression.SplitConjunction(x.Expression) {
				col, isKey := keyPredicate(tt.t.Key, unwrapLike(e))
				if !isKey {
					ok = false
				}
				covered[strings.ToLower(col)] = true
			}
		case *plan.IndexedTableAccess:
			tt, isT := sql.GetUnderlyingTable(x.Table).(*Table)
			if !isT {
				ok = false
				break
			}
			t = tt
		default:
			ok = false
		}
		return ok
	})
	if !ok || t == nil {
		return
	}
	for _, k := range t.t.Key {
		if !covered[strings.ToLower(k)] {
			return
		}
	}
	// The IndexedTable is this plan's own copy (IndexedAccess copies), so marking it touches nothing else.
	t.blind = true
}

func unwrapLike(e sql.Expression) sql.Expression {
	if s, ok := e.(safeLike); ok {
		return s.Like
	}
	return e
}

// keyPredicate reports whether e is `key = literal` or `key IN (literals)` on one of keys, and which.
func keyPredicate(keys []string, e sql.Expression) (string, bool) {
	var col sql.Expression
	var vals []sql.Expression
	switch e := e.(type) {
	case *expression.Equals:
		col, vals = e.Left(), []sql.Expression{e.Right()}
		if _, ok := col.(*expression.GetField); !ok {
			col, vals = e.Right(), []sql.Expression{e.Left()}
		}
	case *expression.InTuple:
		tup, ok := e.Right().(expression.Tuple)
		if !ok {
			return "", false
		}
		col, vals = e.Left(), tup
	case *expression.HashInTuple:
		tup, ok := e.Right().(expression.Tuple)
		if !ok {
			return "", false
		}
		col, vals = e.Left(), tup
	default:
		return "", false
	}
	gf, ok := col.(*expression.GetField)
	if !ok || !slices.ContainsFunc(keys, func(k string) bool { return strings.EqualFold(k, gf.Name()) }) {
		return "", false
	}
	for _, v := range vals {
		lit, ok := v.(*expression.Literal)
		if !ok || lit.Value() == nil {
			return "", false
		}
	}
	return gf.Name(), true
}

// constant reports whether e reads no column and no subquery.
func constant(e sql.Expression) bool {
	ok := true
	sql.Inspect(e, func(x sql.Expression) bool {
		switch x.(type) {
		case *expression.GetField, *plan.Subquery, *expression.UnresolvedColumn:
			ok = false
		}
		return ok
	})
	return ok
}

// skipDetails makes every unprojected read (go-mysql-server does not project the reads of UPDATE, DELETE and of
// tables whose columns a subquery may use) leave out the detail-only columns when no expression of the
// statement names one of them: they would cost one GET per row for nothing. The check is by column name
// across the whole statement, subqueries included, so it errs on the side of reading details.
func skipDetails(n sql.Node) (sql.Node, error) {
	used := map[string]bool{}
	columnsRead(n, used)
	n, _, err := transform.Node(n, func(n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		switch x := n.(type) {
		case *plan.IndexedTableAccess:
			if t, ok := sql.GetUnderlyingTable(x.Table).(*Table); ok && t.cols == nil && !t.noDetail && !t.readsDetail(used) {
				t.noDetail = true // the lookup's own copy (IndexedAccess copies)
				return n, transform.NewTree, nil
			}
		case *plan.ResolvedTable:
			if t, ok := sql.GetUnderlyingTable(x.Table).(*Table); ok && t.cols == nil && !t.noDetail && !t.readsDetail(used) {
				c := *t
				c.noDetail = true
				nt, err := x.WithTable(&c)
				if err != nil {
					return nil, transform.SameTree, err
				}
				return nt.(sql.Node), transform.NewTree, nil
			}
		}
		return n, transform.SameTree, nil
	})
	return n, err
}

func (t *Table) readsDetail(used map[string]bool) bool {
	for _, c := range t.t.Columns {
		if c.DetailOnly && used[strings.ToLower(c.Name)] {
			return true
		}
	}
	return false
}

// columnsRead collects the lower-case names of the columns the expressions of n (and of its subqueries) read;
// the target of SET is written, not read. A star counts as every column.
func columnsRead(n sql.Node, used map[string]bool) {
	transform.InspectExpressions(n, func(e sql.Expression) bool {
		switch x := e.(type) {
		case *expression.SetField:
			sql.Inspect(x.RightChild, func(e sql.Expression) bool {
				exprRead(e, used)
				return true
			})
			return false
		default:
			exprRead(x, used)
		}
		return true
	})
}

func exprRead(e sql.Expression, used map[string]bool) {
	switch x := e.(type) {
	case *expression.GetField:
		used[strings.ToLower(x.Name())] = true
	case *expression.UnresolvedColumn:
		used[strings.ToLower(x.Name())] = true
	case *expression.Star:
		used["*"] = true
	case *plan.Subquery:
		columnsRead(x.Query, used)
	}
}

// pushLimit passes a LIMIT that sits right above a table read (through projections only: no filter, sort,
// grouping or offset in between) to the catalog's List as Query.Limit, so the API is asked for a page of that
// size. Lazy iteration already stops paging; this also keeps the one page small.
func pushLimit(n sql.Node) (sql.Node, error) {
	n, _, err := transform.Node(n, func(n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		l, ok := n.(*plan.Limit)
		if !ok {
			return n, transform.SameTree, nil
		}
		lit, ok := l.Limit.(*expression.Literal)
		if !ok {
			return n, transform.SameTree, nil
		}
		limit, ok := limitValue(lit.Value())
		if !ok {
			return n, transform.SameTree, nil
		}
		child, same, err := limitTable(l.Child, limit)
		if err != nil || same {
			return n, transform.SameTree, err
		}
		nl, err := l.WithChildren(child)
		return nl, transform.NewTree, err
	})
	return n, err
}

func limitValue(v any) (int, bool) {
	switch x := v.(type) {
	case int64:
		return int(x), x > 0
	case int32:
		return int(x), x > 0
	case int:
		return x, x > 0
	case uint64:
		return int(x), x > 0 && x < 1<<31
	case int8:
		return int(x), x > 0
	}
	return 0, false
}

func limitTable(n sql.Node, limit int) (sql.Node, bool, error) {
	switch x := n.(type) {
	case *plan.Project:
		c, same, err := limitTable(x.Child, limit)
		if err != nil || same {
			return n, true, err
		}
		nn, err := x.WithChildren(c)
		return nn, false, err
	case *plan.ResolvedTable:
		t, ok := sql.GetUnderlyingTable(x.Table).(*Table)
		if !ok || t.blind || t.countStar {
			return n, true, nil
		}
		c := *t
		c.limit = limit
		nt, err := x.WithTable(&c)
		if err != nil {
			return nil, true, err
		}
		return nt.(sql.Node), false, nil
	}
	return n, true, nil
}

// countPushed answers `SELECT COUNT(*) FROM T WHERE ...` with the catalog's Count (Contacts: the filter
// endpoint's total count, one call) when every conjunct of the WHERE is pushed with an exact API filter, so
// the API's count is the SQL count.
func countPushed(ctx *sql.Context, n sql.Node) (sql.Node, error) {
	n, _, err := transform.Node(n, func(n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		gb, ok := n.(*plan.GroupBy)
		if !ok || len(gb.SelectedExprs) != 1 || len(gb.GroupByExprs) != 0 {
			return n, transform.SameTree, nil
		}
		e, name := gb.SelectedExprs[0], gb.SelectedExprs[0].String()
		if al, ok := e.(*expression.Alias); ok {
			e, name = al.Child, al.Name()
		}
		cnt, ok := e.(*aggregation.Count)
		if !ok {
			return n, transform.SameTree, nil
		}
		switch cnt.Child.(type) {
		case *expression.Star, *expression.Literal:
		default:
			return n, transform.SameTree, nil
		}
		f, ok := gb.Child.(*plan.Filter)
		if !ok {
			return n, transform.SameTree, nil
		}
		ita, ok := f.Child.(*plan.IndexedTableAccess)
		if !ok {
			return n, transform.SameTree, nil
		}
		t, ok := sql.GetUnderlyingTable(ita.Table).(*Table)
		if !ok || t.t.Count == nil {
			return n, transform.SameTree, nil
		}
		var conds []catalog.Cond
		for _, c := range expression.SplitConjunction(f.Expression) {
			cond, ok := t.pushable(ctx, unwrapLike(c))
			if !ok || !t.exact(cond) {
				return n, transform.SameTree, nil
			}
			conds = append(conds, cond)
		}
		total, ok, err := t.t.Count(ctx, t.e.client, catalog.Query{Conds: conds})
		if err != nil {
			return nil, transform.SameTree, t.apiError("COUNT", err)
		}
		if !ok {
			return n, transform.SameTree, nil
		}
		return plan.NewTableCount(name, t.e.db, t, uint64(total), cnt.Id()), transform.NewTree, nil
	})
	return n, err
}
