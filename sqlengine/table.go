package sqlengine

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/replykit/replykit/catalog"
)

// Table exposes one catalog table to go-mysql-server. Reads go through the catalog's List with the pushed
// conditions and the projected columns; writes through Insert, Update and Delete (see write.go).
type Table struct {
	e      *Engine
	t      *catalog.Table
	schema sql.Schema // full schema, catalog column order
	cols   []string   // projection as catalog names; nil = all columns

	// blind marks the target of an UPDATE or DELETE whose WHERE is only key = / key IN literals and whose SET
	// needs no current values: rows are made from the keys instead of being read (one write call, no read).
	blind bool
	// countStar marks a table under COUNT(*) without WHERE: RowCount asks Table.Count.
	countStar bool
	// noDetail marks an unprojected read (UPDATE, DELETE, tables a subquery may use) in a statement that names
	// no detail-only column of the table: fetching details would cost a GET per row for nothing.
	noDetail bool
	// limit is a LIMIT directly above an unfiltered read (see pushLimit); 0: none.
	limit int
	// lookupConds are the conditions of the pushed lookup this copy was made for (IndexedAccess); nil: none.
	lookupConds []catalog.Cond
	// joinConds are join values pushed from the other side of a join (see pushJoinKeys), read on top of the
	// partition's conditions; a condition without values matches nothing.
	joinConds []catalog.Cond
}

var (
	_ sql.Table                = (*Table)(nil)
	_ sql.ProjectedTable       = (*Table)(nil)
	_ sql.PrimaryKeyTable      = (*Table)(nil)
	_ sql.IndexSearchableTable = (*Table)(nil)
	_ sql.IndexedTable         = (*Table)(nil)
	_ sql.StatisticsTable      = (*Table)(nil)
	_ sql.CommentedTable       = (*Table)(nil)
	_ sql.InsertableTable      = (*Table)(nil)
	_ sql.UpdatableTable       = (*Table)(nil)
	_ sql.DeletableTable       = (*Table)(nil)
)

func newTable(e *Engine, t *catalog.Table) *Table {
	keys := map[string]bool{}
	for _, k := range t.Key {
		keys[strings.ToLower(k)] = true
	}
	s := make(sql.Schema, len(t.Columns))
	for i, c := range t.Columns {
		s[i] = &sql.Column{
			Name: c.Name,
			Type: sqlType(c.Type),
			// Lower-case, as go-mysql-server names tables in plans: UPDATE ... JOIN finds the rows to write by
			// matching each column's Source with the lower-cased name of the table it updates.
			Source:     strings.ToLower(t.Name),
			PrimaryKey: keys[strings.ToLower(c.Name)],
			// Every column but the key is nullable: the API omits fields. INSERT may still leave the key out (the
			// API assigns ids): see nullableKeysOnInsert.
			Nullable: !keys[strings.ToLower(c.Name)],
			Comment:  columnComment(t, c),
		}
	}
	return &Table{e: e, t: t, schema: s}
}

// columnComment is the column's doc followed by what the API does with it: [filter: =, IN] when a WHERE on it
// is pushed, [detail-only] (one GET per row when selected), [read-only], [insert-only], [required on INSERT].
func columnComment(t *catalog.Table, c catalog.Column) string {
	var tags []string
	if f, ok := t.Filter(c.Name); ok {
		ops := make([]string, len(f.Ops))
		for i, o := range f.Ops {
			ops[i] = o.String()
			if o == catalog.Contains {
				ops[i] = "LIKE '%text%'"
			}
		}
		tags = append(tags, "filter: "+strings.Join(ops, ", "))
	} else if t.Parent != nil && strings.EqualFold(t.Parent.Column, c.Name) {
		tags = append(tags, "filter: =, IN (parent key)")
	}
	for _, f := range []struct {
		on  bool
		tag string
	}{{c.DetailOnly, "detail-only"}, {c.ReadOnly, "read-only"}, {c.WriteOnly, "write-only"}, {c.CreateOnly, "insert-only"}, {c.Required, "required on INSERT"}} {
		if f.on {
			tags = append(tags, f.tag)
		}
	}
	out := strings.Join(strings.Fields(c.Doc), " ")
	for _, tg := range tags {
		out = strings.TrimSpace(out + " [" + tg + "]")
	}
	return out
}

// Catalog returns the catalog table behind t.
func (t *Table) Catalog() *catalog.Table { return t.t }

func (t *Table) Name() string                           { return t.t.Name }
func (t *Table) String() string                         { return t.t.Name }
func (t *Table) Comment() string                        { return t.t.Doc }
func (t *Table) Collation() sql.CollationID             { return sql.Collation_Default }
func (t *Table) PrimaryKeySchema() sql.PrimaryKeySchema { return sql.NewPrimaryKeySchema(t.schema) }

func (t *Table) Schema() sql.Schema {
	if t.cols == nil {
		return t.schema
	}
	out := make(sql.Schema, len(t.cols))
	for i, n := range t.cols {
		out[i] = t.schema[t.schema.IndexOfColName(n)]
	}
	return out
}

// WithProjections implements sql.ProjectedTable; names arrive lower-cased.
func (t *Table) WithProjections(names []string) sql.Table {
	c := *t
	c.cols = make([]string, 0, len(names))
	for _, n := range names {
		if i := t.schema.IndexOfColName(n); i >= 0 {
			c.cols = append(c.cols, t.schema[i].Name)
		}
	}
	return &c
}

func (t *Table) Projections() []string {
	if t.cols == nil {
		return nil
	}
	out := make([]string, len(t.cols))
	for i, n := range t.cols {
		out[i] = strings.ToLower(n)
	}
	return out
}

// RowCount gives the planner the estimated cost of a full read in API calls, not rows: the planner then
// prefers a hash join (each table read once, a page at a time) over a lookup join (one GET per outer row),
// except when the outer side is a pushed lookup of a few rows. It is never 0, so joins never re-scan the API
// per outer row. Under COUNT(*) it asks the catalog's Count, which is exact.
func (t *Table) RowCount(ctx *sql.Context) (uint64, bool, error) {
	if t.countStar && t.t.Count != nil {
		n, ok, err := t.t.Count(ctx, t.e.client, catalog.Query{})
		if err != nil {
			return 0, false, t.apiError("COUNT", err)
		}
		if ok {
			return uint64(n), true, nil
		}
	}
	return t.estimate(), false, nil
}

// estimate is the guessed number of calls of a full read: a child table walks its parents, Contacts is
// usually the large object, everything else fits a page or two.
func (t *Table) estimate() uint64 {
	switch {
	case t.t.Parent != nil, t.t.Count != nil:
		return 20
	}
	return 2
}

func (t *Table) DataLength(*sql.Context) (uint64, error) { return t.estimate() * 512 * 1000, nil }

// partition carries the pushed conditions of one read: go-mysql-server reuses table objects between lookups,
// so the parameters travel here, never on the table.
type partition struct {
	Conds []catalog.Cond `json:",omitempty"`
	Empty bool           `json:",omitempty"` // a lookup that can match nothing
}

func (p partition) Key() []byte { b, _ := json.Marshal(p); return b }

func (t *Table) Partitions(*sql.Context) (sql.PartitionIter, error) {
	return sql.PartitionsToPartitionIter(partition{}), nil
}

func (t *Table) PartitionRows(ctx *sql.Context, p sql.Partition) (sql.RowIter, error) {
	part, ok := p.(partition)
	if !ok {
		return nil, fmt.Errorf("%s: unexpected partition %T", t.t.Name, p)
	}
	if part.Empty {
		return sql.RowsToRowIter(), nil
	}
	if t.blind {
		return t.blindRows(part)
	}
	conds, none := t.withJoinConds(part.Conds)
	if none {
		return sql.RowsToRowIter(), nil
	}
	return t.e.cache.rows(ctx, t, t.query(conds)), nil
}

// withJoinConds adds the pushed join values to conds (a column conds already narrows keeps its own); none is
// true when the join values are an empty set.
func (t *Table) withJoinConds(conds []catalog.Cond) (_ []catalog.Cond, none bool) {
	for _, jc := range t.joinConds {
		if len(jc.Values) == 0 {
			return nil, true
		}
		if !slices.ContainsFunc(conds, func(c catalog.Cond) bool { return strings.EqualFold(c.Column, jc.Column) }) {
			conds = append(slices.Clip(conds), jc)
		}
	}
	return conds, false
}

// query is the catalog query of a read of t with conds: its projection, pushed LIMIT and detail columns.
func (t *Table) query(conds []catalog.Cond) catalog.Query {
	q := catalog.Query{Conds: conds, Columns: t.cols, Limit: t.limit}
	if t.cols != nil && len(t.cols) == 0 {
		q.Columns = []string{} // rows are counted, no column is read: never fetch details
	}
	if t.cols == nil && t.noDetail {
		q.Columns = []string{}
		for _, c := range t.t.Columns {
			if !c.DetailOnly {
				q.Columns = append(q.Columns, c.Name)
			}
		}
	}
	return q
}

// blindRows makes one row per combination of the key values of the pushed key conditions, holding only the
// key columns. A key value the engine could not convert (so not pushed) leaves no row: the statement then
// writes nothing, as its WHERE cannot match a row the API would hold.
func (t *Table) blindRows(p partition) (sql.RowIter, error) {
	s := t.Schema()
	rows := []sql.Row{make(sql.Row, len(s))}
	for _, k := range t.t.Key {
		i := s.IndexOfColName(k)
		var vals []any
		for _, c := range p.Conds {
			if strings.EqualFold(c.Column, k) && (c.Op == catalog.Eq || c.Op == catalog.In) {
				vals = c.Values
				break
			}
		}
		if i < 0 || len(vals) == 0 {
			return sql.RowsToRowIter(), nil
		}
		var next []sql.Row
		for _, r := range rows {
			for _, v := range vals {
				nr := slices.Clone(r)
				nr[i] = v
				next = append(next, nr)
			}
		}
		rows = next
	}
	return sql.RowsToRowIter(rows...), nil
}

// toRow converts a catalog row to an engine row in the order of t.Schema().
func (t *Table) toRow(r catalog.Row) (sql.Row, error) {
	s := t.Schema()
	out := make(sql.Row, len(s))
	for i, col := range s {
		c, _ := t.t.Column(col.Name)
		v, ok := r[c.Name]
		if !ok {
			continue
		}
		x, err := toSQL(c.Type, v)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", t.t.Name, c.Name, err)
		}
		out[i] = x
	}
	return out, nil
}

const maxCachedRows = 100_000

// sliceIter replays cached rows.
type sliceIter struct {
	t    *Table
	rows []catalog.Row
}

func (it *sliceIter) Next(*sql.Context) (sql.Row, error) {
	if len(it.rows) == 0 {
		return nil, io.EOF
	}
	r := it.rows[0]
	it.rows = it.rows[1:]
	return it.t.toRow(r)
}

func (it *sliceIter) Close(*sql.Context) error { return nil }

// apiError names the table and verb of a failed API call; the API's code and detail are in err.
func (t *Table) apiError(verb string, err error) error {
	return fmt.Errorf("%s %s: %w", verb, t.t.Name, err)
}
