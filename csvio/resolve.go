package csvio

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply"
)

// rejected is a row problem found by csvio itself (not by the catalog or the API); it is never retried.
type rejected string

func (r rejected) Error() string { return string(r) }

func rowErrorf(format string, args ...any) error { return rejected(fmt.Sprintf(format, args...)) }

func isRejected(err error) bool {
	var r rejected
	return errors.As(err, &r)
}

// resolver lists tables once per run and caches natural-key indexes and custom fields.
type resolver struct {
	c       *reply.Client
	indexes map[string]*index
	cfs     map[string]int64         // lower-case title and decimal id -> id
	all     map[string][]catalog.Row // whole listings, by table (see written)
	claimed map[string]bool          // table + id of rows written claims
}

// index maps a normalised column value to the listed columns (the key, the column, and for contacts by email
// the first name) of the row holding it.
type index struct {
	rows map[string]catalog.Row
	dup  map[string]bool
	// A full index also keeps, per row, a digest of each written column a listing returns (cols), for
	// [resolver.sameAsStored]: 8 bytes a column rather than the values, so 100,000 contacts take ~20 MB.
	cols []string
	sums map[string][]uint64
}

func newResolver(c *reply.Client) *resolver {
	return &resolver{c: c, indexes: map[string]*index{}}
}

func norm(v any) string { return strings.ToLower(strings.TrimSpace(text(v))) }

// index lists t once (key columns and col only) and indexes it by col.
func (r *resolver) index(ctx context.Context, t *catalog.Table, col string, full bool) (*index, error) {
	name := t.Name + "." + col
	if full {
		name += "+"
	}
	if ix, ok := r.indexes[name]; ok {
		return ix, nil
	}
	ix := &index{rows: map[string]catalog.Row{}, dup: map[string]bool{}}
	q := catalog.Query{Columns: append(append([]string(nil), t.Key...), col)}
	if t.Name == "Contacts" && col == "Email" {
		q.Columns = append(q.Columns, "FirstName") // for updates through the import endpoint (same calls)
	}
	kept := q.Columns
	if full {
		q.Columns = listedColumns(t)
		ix.sums = map[string][]uint64{}
		for _, c := range q.Columns {
			if written(t, c) {
				ix.cols = append(ix.cols, c)
			}
		}
	}
	for row, err := range t.List(ctx, r.c, q) {
		if err != nil {
			return nil, fmt.Errorf("listing %s for %s: %w", t.Name, col, err)
		}
		v := row[col]
		if v == nil {
			continue
		}
		k := norm(v)
		if _, seen := ix.rows[k]; seen {
			ix.dup[k] = true
			continue
		}
		key := catalog.Row{}
		for _, kc := range kept {
			key[kc] = row[kc]
		}
		ix.rows[k] = key
		if full {
			sums := make([]uint64, len(ix.cols))
			for i, c := range ix.cols {
				sums[i] = digest(row[c])
			}
			ix.sums[k] = sums
		}
	}
	r.indexes[name] = ix
	return ix, nil
}

// find returns the listed columns of the one row of t whose col equals v.
func (r *resolver) find(ctx context.Context, t *catalog.Table, col string, v any) (catalog.Row, bool, error) {
	return r.findRow(ctx, t, col, v, false)
}

// findRow is find; full lists every column a listing returns (no detail-only column), for comparisons.
func (r *resolver) findRow(ctx context.Context, t *catalog.Table, col string, v any, full bool) (catalog.Row, bool, error) {
	ix, err := r.index(ctx, t, col, full)
	if err != nil {
		return nil, false, err
	}
	k := norm(v)
	if ix.dup[k] {
		return nil, false, rowErrorf("%s: more than one %s has %s %q", col, t.Name, col, text(v))
	}
	key, ok := ix.rows[k]
	return key, ok, nil
}

// listedColumns are the columns a listing of t returns without a call per row.
func listedColumns(t *catalog.Table) []string {
	var cols []string
	for _, c := range t.Columns {
		if !c.DetailOnly && !c.WriteOnly {
			cols = append(cols, c.Name)
		}
	}
	return cols
}

// sameRow reports whether every column of values (keys aside) is listed in listed with an equal value.
func sameRow(t *catalog.Table, values, listed catalog.Row) bool {
	for name, v := range values {
		if !written(t, name) {
			continue
		}
		w, ok := listed[name]
		if !ok || !sameValue(v, w) {
			return false
		}
	}
	return true
}

// written reports whether an update writes column name (not the key, not read-only or create-only columns).
func written(t *catalog.Table, name string) bool {
	c, ok := t.Column(name)
	return ok && !isKey(t, name) && !c.ReadOnly && !c.CreateOnly
}

func sameValue(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	switch x := a.(type) {
	case json.RawMessage:
		y, ok := b.(json.RawMessage)
		if !ok {
			return false
		}
		var u, v any
		if json.Unmarshal(x, &u) != nil || json.Unmarshal(y, &v) != nil {
			return false
		}
		return reflect.DeepEqual(u, v)
	case time.Time:
		y, ok := b.(time.Time)
		return ok && x.Equal(y)
	}
	return a == b
}

// sameAsStored reports whether values would change nothing in the row of t whose col equals v (found by
// findRow with full set): compared on the digests of the listed columns, and when values hold detail-only
// columns, on the row's detail (one GET, only when every listed column is already equal, and only for tables
// whose key can be filtered on).
func (r *resolver) sameAsStored(ctx context.Context, t *catalog.Table, col string, v any, values, listed catalog.Row) (bool, error) {
	ix, err := r.index(ctx, t, col, true)
	if err != nil {
		return false, err
	}
	sums, ok := ix.sums[norm(v)]
	if !ok {
		return false, nil
	}
	var detail bool
	for name, v := range values {
		if !written(t, name) {
			continue
		}
		i := slices.Index(ix.cols, name)
		if i < 0 {
			detail = true
			continue
		}
		if digest(v) != sums[i] {
			return false, nil
		}
	}
	if !detail {
		return true, nil
	}
	if len(t.Key) != 1 {
		return false, nil
	}
	if f, ok := t.Filter(t.Key[0]); !ok || !slices.Contains(f.Ops, catalog.Eq) {
		return false, nil
	}
	var cols []string
	for name := range values {
		cols = append(cols, name)
	}
	q := catalog.Where(t.Key[0], catalog.Eq, listed[t.Key[0]])
	q.Columns = append(cols, t.Key[0])
	for row, err := range t.List(ctx, r.c, q) {
		if err != nil {
			return false, err
		}
		return sameRow(t, values, row), nil
	}
	return false, nil
}

// digest is a 64-bit hash of a value in a canonical form: JSON re-encoded (object members sorted), times in
// UTC, the Go type included (so 1 and "1" differ).
func digest(v any) uint64 {
	h := fnv.New64a()
	switch x := v.(type) {
	case nil:
		h.Write([]byte{0})
	case json.RawMessage:
		var u any
		if json.Unmarshal(x, &u) == nil {
			b, _ := json.Marshal(u)
			h.Write([]byte("json:"))
			h.Write(b)
		} else {
			h.Write([]byte("raw:"))
			h.Write(x)
		}
	case time.Time:
		h.Write([]byte("time:" + x.UTC().Format(time.RFC3339Nano)))
	default:
		fmt.Fprintf(h, "%T:%v", v, v)
	}
	return h.Sum64()
}

// written finds a row of t equal to values on every written column the listing returns, not claimed by an
// earlier call, and claims it: the row an unanswered insert may have created. t is listed once per run.
func (r *resolver) written(ctx context.Context, t *catalog.Table, values catalog.Row) (string, bool, error) {
	if r.all == nil {
		r.all = map[string][]catalog.Row{}
	}
	rows, ok := r.all[t.Name]
	if !ok {
		for row, err := range t.List(ctx, r.c, catalog.Query{Columns: listedColumns(t)}) {
			if err != nil {
				return "", false, fmt.Errorf("listing %s: %w", t.Name, err)
			}
			rows = append(rows, row)
		}
		r.all[t.Name] = rows
	}
	idName := t.Key[len(t.Key)-1]
next:
	for _, row := range rows {
		id := text(row[idName])
		if r.claimed[t.Name+"\x00"+id] {
			continue
		}
		compared := 0
		for name, v := range values {
			w, listed := row[name]
			if !written(t, name) && !isParentKey(t, name) || !listed {
				continue
			}
			if !sameValue(v, w) {
				continue next
			}
			compared++
		}
		if compared > 0 {
			r.claim(t, id)
			return id, true, nil
		}
	}
	return "", false, nil
}

// claim marks the row of t with id as accounted for (an earlier run wrote it for another line).
func (r *resolver) claim(t *catalog.Table, id string) {
	if r.claimed == nil {
		r.claimed = map[string]bool{}
	}
	r.claimed[t.Name+"\x00"+id] = true
}

// customField resolves a custom field by title (case-insensitive) or id through one listing of CustomFields.
func (r *resolver) customField(ctx context.Context, ref string) (int64, error) {
	if r.cfs == nil {
		t, ok := catalog.Lookup("CustomFields")
		if !ok {
			return 0, errors.New("the catalog has no CustomFields table")
		}
		cfs := map[string]int64{}
		for row, err := range t.List(ctx, r.c, catalog.Query{Columns: []string{"Id", "Title"}}) {
			if err != nil {
				return 0, fmt.Errorf("listing CustomFields: %w", err)
			}
			id, _ := row["Id"].(int64)
			cfs[strconv.FormatInt(id, 10)] = id
			if title, ok := row["Title"].(string); ok {
				cfs[strings.ToLower(strings.TrimSpace(title))] = id
			}
		}
		r.cfs = cfs
	}
	id, ok := r.cfs[strings.ToLower(strings.TrimSpace(ref))]
	if !ok {
		return 0, rowErrorf("CustomFields.%s: no custom field has that title or id", ref)
	}
	return id, nil
}
