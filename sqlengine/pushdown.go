package sqlengine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/replykit/replykit/catalog"
)

// index is a pseudo index over one column the API can look up by: the key (GET by id) or the parent key
// (the child endpoint). It is the Index of the lookups LookupForExpressions returns (EXPLAIN shows it); it is
// not offered to the planner (see GetIndexes), and it never scans anything itself.
type index struct {
	table  string
	column string
	colTyp sql.Type
	unique bool
}

var _ sql.Index = index{}

func (i index) ID() string {
	if i.unique {
		return "PRIMARY"
	}
	return strings.ToLower(i.column)
}
func (i index) Database() string                           { return DatabaseName }
func (i index) Table() string                              { return i.table }
func (i index) Expressions() []string                      { return []string{strings.ToLower(i.table + "." + i.column)} }
func (i index) IsUnique() bool                             { return i.unique }
func (i index) IsSpatial() bool                            { return false }
func (i index) IsFullText() bool                           { return false }
func (i index) IsVector() bool                             { return false }
func (i index) Comment() string                            { return "API lookup" }
func (i index) IndexType() string                          { return "BTREE" }
func (i index) IsGenerated() bool                          { return false }
func (i index) CanSupport(*sql.Context, ...sql.Range) bool { return true }
func (i index) CanSupportOrderBy(sql.Expression) bool      { return false }
func (i index) PrefixLengths() []uint16                    { return nil }
func (i index) ColumnExpressionTypes() []sql.ColumnExpressionType {
	return []sql.ColumnExpressionType{{Expression: i.Expressions()[0], Type: i.colTyp}}
}

func (t *Table) indexes() []index {
	var out []index
	if len(t.t.Key) == 1 {
		if c, ok := t.t.Column(t.t.Key[0]); ok {
			out = append(out, index{table: t.t.Name, column: c.Name, colTyp: sqlType(c.Type), unique: true})
		}
	}
	if p := t.t.Parent; p != nil && !(len(t.t.Key) == 1 && strings.EqualFold(t.t.Key[0], p.Column)) {
		if c, ok := t.t.Column(p.Column); ok {
			out = append(out, index{table: t.t.Name, column: c.Name, colTyp: sqlType(c.Type)})
		}
	}
	return out
}

// GetIndexes returns no index: go-mysql-server's coster prefers a lookup join (one GET per outer row) whenever
// the outer side is not much larger than the inner one, which in API calls is almost always worse than a hash
// join reading each side once, a page at a time, with its own pushed filters. Pushdown does not depend on
// indexes (LookupForExpressions).
func (t *Table) GetIndexes(*sql.Context) ([]sql.Index, error) {
	return nil, nil
}

// PreciseMatch is false: every pushed predicate is re-checked locally, so results follow MySQL semantics even
// where the API matches differently (case, time zones, inclusive bounds).
func (t *Table) PreciseMatch() bool     { return false }
func (t *Table) SkipIndexCosting() bool { return true }

func (t *Table) IndexedAccess(_ *sql.Context, l sql.IndexLookup) sql.IndexedTable {
	c := *t
	if p, ok := l.Ranges.(pushed); ok {
		c.lookupConds = p.conds
	}
	return &c
}

// pushed is the lookup handed back to the planner for a set of pushed conditions. It doubles as the lookup's
// RangeCollection; String shows in EXPLAIN.
type pushed struct{ conds []catalog.Cond }

func (p pushed) String() string {
	parts := make([]string, len(p.conds))
	for i, c := range p.conds {
		parts[i] = condString(c)
	}
	return "api(" + strings.Join(parts, " AND ") + ")"
}
func (p pushed) DebugString() string   { return p.String() }
func (p pushed) Len() int              { return 1 }
func (p pushed) ToRanges() []sql.Range { return nil }
func (p pushed) Equals(o sql.RangeCollection) (bool, error) {
	return o != nil && p.String() == o.String(), nil
}

func condString(c catalog.Cond) string {
	vals := make([]string, len(c.Values))
	for i, v := range c.Values {
		vals[i] = fmt.Sprintf("%v", v)
		if s, ok := v.(string); ok {
			vals[i] = fmt.Sprintf("%q", s)
		}
	}
	switch c.Op {
	case catalog.In:
		return c.Column + " IN (" + strings.Join(vals, ", ") + ")"
	case catalog.Contains:
		return c.Column + " LIKE %" + strings.Join(vals, "") + "%"
	}
	return c.Column + " " + c.Op.String() + " " + strings.Join(vals, "")
}

// LookupForExpressions takes the conjuncts of a WHERE on this table and pushes those the API can apply. Every
// conjunct stays in the residual filter: the API narrows the read, the engine decides.
func (t *Table) LookupForExpressions(ctx *sql.Context, es ...sql.Expression) (sql.IndexLookup, *sql.FuncDepSet, sql.Expression, bool, error) {
	var conds []catalog.Cond
	for _, e := range es {
		if c, ok := t.pushable(ctx, e); ok {
			conds = append(conds, c)
		}
	}
	if c, ok := t.keyRange(es, conds); ok {
		conds = append(conds, c)
	}
	if len(conds) == 0 {
		return sql.IndexLookup{}, nil, nil, false, nil
	}
	idx := t.indexes()
	var i sql.Index = index{table: t.t.Name, column: conds[0].Column}
	if len(idx) > 0 {
		i = idx[0]
	}
	return sql.IndexLookup{Index: i, Ranges: pushed{conds}}, nil, expression.JoinAnd(es...), true, nil
}

// canPush reports whether List accepts column op: declared filters, plus = and IN on the key (GET by id) and
// on the parent key (the child endpoint).
func (t *Table) canPush(column string, op catalog.Op) bool {
	if t.t.CanPush(column, op) {
		return true
	}
	if op != catalog.Eq && op != catalog.In {
		return false
	}
	if len(t.t.Key) == 1 && strings.EqualFold(t.t.Key[0], column) {
		return true
	}
	return t.t.Parent != nil && strings.EqualFold(t.t.Parent.Column, column)
}

// exact reports whether the API applies c exactly as SQL would (the filter is declared Exact).
func (t *Table) exact(c catalog.Cond) bool {
	f, ok := t.t.Filter(c.Column)
	return ok && f.Exact && t.t.CanPush(c.Column, c.Op)
}

// pushable turns `column op literal` (either side), `column IN (literals)` and `column LIKE '%text%'` into a
// catalog condition when the table can push it.
func (t *Table) pushable(ctx *sql.Context, e sql.Expression) (catalog.Cond, bool) {
	if s, ok := e.(safeLike); ok {
		e = s.Like
	}
	switch e := e.(type) {
	case *expression.Or:
		return t.pushOr(ctx, e)
	case *expression.Between:
		return t.pushBetween(e)
	case *expression.InTuple:
		return t.pushIn(ctx, e.Left(), e.Right())
	case *expression.HashInTuple:
		return t.pushIn(ctx, e.Left(), e.Right())
	case *expression.Like:
		col, ok := e.LeftChild.(*expression.GetField)
		lit, ok2 := e.RightChild.(*expression.Literal)
		if !ok || !ok2 || lit.Value() == nil {
			return catalog.Cond{}, false
		}
		pat, ok := lit.Value().(string)
		if !ok || len(pat) < 3 || !strings.HasPrefix(pat, "%") || !strings.HasSuffix(pat, "%") {
			return catalog.Cond{}, false
		}
		inner := pat[1 : len(pat)-1]
		if strings.ContainsAny(inner, "%_\\") {
			return catalog.Cond{}, false
		}
		return t.cond(col, catalog.Contains, []any{inner})
	}
	ch := e.Children()
	if len(ch) != 2 {
		return catalog.Cond{}, false
	}
	var op catalog.Op
	flip := map[catalog.Op]catalog.Op{catalog.Eq: catalog.Eq, catalog.Gt: catalog.Lt, catalog.Ge: catalog.Le, catalog.Lt: catalog.Gt, catalog.Le: catalog.Ge}
	switch e.(type) {
	case *expression.Equals:
		op = catalog.Eq
	case *expression.GreaterThan:
		op = catalog.Gt
	case *expression.GreaterThanOrEqual:
		op = catalog.Ge
	case *expression.LessThan:
		op = catalog.Lt
	case *expression.LessThanOrEqual:
		op = catalog.Le
	default:
		return catalog.Cond{}, false
	}
	col, ok := ch[0].(*expression.GetField)
	lit, ok2 := ch[1].(*expression.Literal)
	if !ok || !ok2 {
		col, ok = ch[1].(*expression.GetField)
		lit, ok2 = ch[0].(*expression.Literal)
		op = flip[op]
	}
	if !ok || !ok2 || lit.Value() == nil {
		return catalog.Cond{}, false
	}
	return t.cond(col, op, []any{lit.Value()})
}

// pushOr turns `c = a OR c = b OR c IN (d, e)` on one column into c IN (a, b, d, e).
func (t *Table) pushOr(ctx *sql.Context, e *expression.Or) (catalog.Cond, bool) {
	var out catalog.Cond
	for i, d := range expression.SplitDisjunction(e) {
		c, ok := t.pushable(ctx, d)
		if !ok || (c.Op != catalog.Eq && c.Op != catalog.In) || (i > 0 && !strings.EqualFold(c.Column, out.Column)) {
			return catalog.Cond{}, false
		}
		out.Column = c.Column
		for _, v := range c.Values {
			if !slices.Contains(out.Values, v) {
				out.Values = append(out.Values, v)
			}
		}
	}
	out.Op = catalog.In
	if !t.canPush(out.Column, catalog.In) {
		return catalog.Cond{}, false
	}
	return out, true
}

// keyRange reads bounds on an integer key (`Id BETWEEN a AND b`, which arrives as Id >= a AND Id <= b, or
// Id > a AND Id < b) as Key IN (a, ..., b) when that is at most maxBetweenKeys GETs and no = or IN on the key is
// pushed already.
func (t *Table) keyRange(es []sql.Expression, pushed []catalog.Cond) (catalog.Cond, bool) {
	if len(t.t.Key) != 1 {
		return catalog.Cond{}, false
	}
	c, ok := t.t.Column(t.t.Key[0])
	if !ok || c.Type != catalog.Int {
		return catalog.Cond{}, false
	}
	for _, p := range pushed {
		if strings.EqualFold(p.Column, c.Name) && (p.Op == catalog.Eq || p.Op == catalog.In) {
			return catalog.Cond{}, false
		}
	}
	var lo, hi *int64
	for _, e := range es {
		if b, ok := e.(*expression.Between); ok {
			if cond, ok := t.pushBetween(b); ok {
				return cond, true
			}
			continue
		}
		ch := e.Children()
		if len(ch) != 2 {
			continue
		}
		col, ok1 := ch[0].(*expression.GetField)
		lit, ok2 := ch[1].(*expression.Literal)
		flipped := false
		if !ok1 || !ok2 {
			col, ok1 = ch[1].(*expression.GetField)
			lit, ok2 = ch[0].(*expression.Literal)
			flipped = true
		}
		if !ok1 || !ok2 || !strings.EqualFold(col.Name(), c.Name) || !literalFits(catalog.Int, lit.Value()) {
			continue
		}
		x, err := c.Coerce(lit.Value())
		if err != nil || x == nil {
			continue
		}
		v := x.(int64)
		var lower bool
		switch e.(type) {
		case *expression.GreaterThanOrEqual:
			lower = true
		case *expression.GreaterThan:
			lower, v = true, v+1
		case *expression.LessThanOrEqual:
		case *expression.LessThan:
			v--
		default:
			continue
		}
		if flipped { // a <= Id is Id >= a
			lower = !lower
			switch e.(type) {
			case *expression.GreaterThan:
				v -= 2
			case *expression.LessThan:
				v += 2
			}
		}
		if lower && (lo == nil || v > *lo) {
			lo = &v
		}
		if !lower && (hi == nil || v < *hi) {
			hi = &v
		}
	}
	if lo == nil || hi == nil || *hi < *lo || *hi-*lo >= maxBetweenKeys {
		return catalog.Cond{}, false
	}
	var vals []any
	for k := *lo; k <= *hi; k++ {
		vals = append(vals, k)
	}
	return catalog.Cond{Column: c.Name, Op: catalog.In, Values: vals}, true
}

// maxBetweenKeys caps the integer keys a `Key BETWEEN a AND b` is read as (one GET each).
const maxBetweenKeys = 20

// pushBetween reads `Key BETWEEN a AND b` on an integer key as Key IN (a, ..., b) when that is a few GETs.
func (t *Table) pushBetween(e *expression.Between) (catalog.Cond, bool) {
	col, ok := e.Val.(*expression.GetField)
	lo, ok1 := e.Lower.(*expression.Literal)
	hi, ok2 := e.Upper.(*expression.Literal)
	if !ok || !ok1 || !ok2 || len(t.t.Key) != 1 || !strings.EqualFold(t.t.Key[0], col.Name()) {
		return catalog.Cond{}, false
	}
	c, ok := t.t.Column(col.Name())
	if !ok || c.Type != catalog.Int || !literalFits(catalog.Int, lo.Value()) || !literalFits(catalog.Int, hi.Value()) {
		return catalog.Cond{}, false
	}
	a, err1 := c.Coerce(lo.Value())
	b, err2 := c.Coerce(hi.Value())
	if err1 != nil || err2 != nil || a == nil || b == nil {
		return catalog.Cond{}, false
	}
	from, to := a.(int64), b.(int64)
	if to < from || to-from >= maxBetweenKeys {
		return catalog.Cond{}, false
	}
	var vals []any
	for k := from; k <= to; k++ {
		vals = append(vals, k)
	}
	return catalog.Cond{Column: c.Name, Op: catalog.In, Values: vals}, true
}

func (t *Table) pushIn(ctx *sql.Context, left, right sql.Expression) (catalog.Cond, bool) {
	col, ok := left.(*expression.GetField)
	tup, ok2 := right.(expression.Tuple)
	if !ok || !ok2 {
		return catalog.Cond{}, false
	}
	var vals []any
	for _, x := range tup {
		lit, ok := x.(*expression.Literal)
		if !ok {
			return catalog.Cond{}, false
		}
		if lit.Value() == nil {
			continue // NULL never matches IN
		}
		vals = append(vals, lit.Value())
	}
	if len(vals) == 0 {
		return catalog.Cond{}, false
	}
	return t.cond(col, catalog.In, vals)
}

// cond converts the literal values to the column's Go type; values that do not convert exactly (a string
// compared with an integer column, say) are left to the engine.
func (t *Table) cond(col *expression.GetField, op catalog.Op, vals []any) (catalog.Cond, bool) {
	c, ok := t.t.Column(col.Name())
	if !ok || !t.canPush(c.Name, op) {
		return catalog.Cond{}, false
	}
	out := make([]any, 0, len(vals))
	for _, v := range vals {
		if !literalFits(c.Type, v) {
			return catalog.Cond{}, false
		}
		x, err := c.Coerce(v)
		if err != nil || x == nil {
			return catalog.Cond{}, false
		}
		if !slices.Contains(out, x) { // IN (1, 1) is one GET and one row
			out = append(out, x)
		}
	}
	return catalog.Cond{Column: c.Name, Op: op, Values: out}, true
}

// literalFits reports whether comparing a column of type t with v means the same thing in MySQL and as a
// typed API parameter (no string-to-number coercions, no fractional ids).
func literalFits(t catalog.Type, v any) bool {
	switch t {
	case catalog.Int:
		switch x := v.(type) {
		case int8, int16, int32, int64, uint8, uint16, uint32, uint64, int:
			return true
		case float64:
			return x == float64(int64(x))
		}
		if d, ok := v.(interface{ IsInteger() bool }); ok {
			return d.IsInteger()
		}
		return false
	case catalog.Float:
		_, isStr := v.(string)
		return !isStr
	case catalog.Text:
		// Not numbers: MySQL compares a text column with a number numerically (' 5' = 5), the API as text,
		// and the API must return every row SQL would.
		_, ok := v.(string)
		return ok
	case catalog.Bool:
		_, isStr := v.(string)
		return !isStr
	case catalog.Time, catalog.Date:
		return true
	}
	return false
}

// LookupPartitions turns a lookup into the partition that carries its conditions: either the pushed conditions
// of a WHERE, or the point keys of a lookup join (one call per outer row, cached per query).
func (t *Table) LookupPartitions(ctx *sql.Context, l sql.IndexLookup) (sql.PartitionIter, error) {
	if p, ok := l.Ranges.(pushed); ok {
		return sql.PartitionsToPartitionIter(partition{Conds: p.conds}), nil
	}
	idx, ok := l.Index.(index)
	rc, ok2 := l.Ranges.(sql.MySQLRangeCollection)
	if !ok || !ok2 {
		return sql.PartitionsToPartitionIter(partition{}), nil
	}
	c, _ := t.t.Column(idx.column)
	var vals []any
	for _, r := range rc {
		if len(r) == 0 || r[0].Type() != sql.RangeType_ClosedClosed {
			return sql.PartitionsToPartitionIter(partition{}), nil // not points: read all, the join filters
		}
		k := sql.GetMySQLRangeCutKey(r[0].LowerBound)
		if k == nil {
			continue
		}
		v, _, err := types.Int64.Convert(ctx, k)
		if c.Type != catalog.Int {
			v, err = fromSQL(c.Type, k)
		}
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
	}
	if len(vals) == 0 {
		return sql.PartitionsToPartitionIter(partition{Empty: true}), nil
	}
	op := catalog.In
	if len(vals) == 1 {
		op = catalog.Eq
	}
	return sql.PartitionsToPartitionIter(partition{Conds: []catalog.Cond{{Column: c.Name, Op: op, Values: vals}}}), nil
}
