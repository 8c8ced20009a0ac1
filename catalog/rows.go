package catalog

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/replykit/replykit/reply"
)

// This file holds what every object shares: converting API objects to rows and rows to request bodies by the
// columns' Field names, pushing Id conditions, and running per-row writes.

// rowFrom converts an API object (a reply struct, a map or raw JSON) to a row of t: each column with a Field takes
// the member of that name, converted to its Type. Absent and null members are NULL. Structs go through the
// table's conversion plan for their type (rowplan.go) when they have one; the result is the same.
func rowFrom(t *Table, v any) (Row, error) {
	rv := reflect.ValueOf(v)
	if p := t.planFor(rv); p != nil {
		return p.row(t, rv)
	}
	return rowFromJSON(t, v)
}

// rowFromJSON is rowFrom through JSON: the object is marshalled and each column decoded from its member.
func rowFromJSON(t *Table, v any) (Row, error) {
	m, err := members(v)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", t.Name, err)
	}
	r := make(Row, len(t.Columns))
	for _, c := range t.Columns {
		if c.Field == "" {
			continue
		}
		val, err := fieldValue(c, m[c.Field])
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", t.Name, c.Name, err)
		}
		r[c.Name] = normalize(&c, val)
	}
	return r, nil
}

// normalize maps the zero values the client decodes null into back to NULL: "" in a nullable text column and 0 in
// an id column (ids are never 0).
func normalize(c *Column, v any) any {
	switch x := v.(type) {
	case string:
		if x == "" && c.Nullable {
			return nil
		}
	case int64:
		if x == 0 && strings.HasSuffix(c.Name, "Id") {
			return nil
		}
	case json.RawMessage:
		if s := string(bytes.TrimSpace(x)); s == "null" || s == "" {
			return nil
		}
	}
	return v
}

// members returns the JSON members of an object.
func members(v any) (map[string]json.RawMessage, error) {
	var raw []byte
	switch x := v.(type) {
	case json.RawMessage:
		raw = x
	case []byte:
		raw = x
	default:
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		raw = unescapeHTML(b)
	}
	m := map[string]json.RawMessage{}
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	return m, nil
}

// unescapeHTML undoes encoding/json's HTML escaping (\u003c, \u003e, \u0026) in JSON text, so JSON columns hold
// "<p>" as the API sent it. Other escapes are copied as they are.
func unescapeHTML(b []byte) []byte {
	if !bytes.Contains(b, []byte(`\u00`)) {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 >= len(b) {
			out = append(out, b[i])
			continue
		}
		if b[i+1] == 'u' && i+5 < len(b) {
			switch string(b[i+2 : i+6]) {
			case "003c":
				out = append(out, '<')
				i += 5
				continue
			case "003e":
				out = append(out, '>')
				i += 5
				continue
			case "0026":
				out = append(out, '&')
				i += 5
				continue
			}
		}
		out = append(out, b[i], b[i+1]) // an escape pair, copied whole (so "\\u003c" stays)
		i++
	}
	return out
}

// fieldValue converts one JSON member to the Go value of c.Type; null, absent and the zero time are nil.
func fieldValue(c Column, raw json.RawMessage) (any, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if c.Type == JSON {
		return json.RawMessage(bytes.Clone(raw)), nil
	}
	switch raw[0] {
	case '"':
		var s string
		if bytes.IndexByte(raw[1:len(raw)-1], '\\') < 0 && raw[len(raw)-1] == '"' {
			s = string(raw[1 : len(raw)-1])
		} else if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		switch c.Type {
		case Text:
			return s, nil
		case Time:
			ts, err := reply.ParseTime(s)
			if err != nil || ts.IsZero() {
				return nil, err
			}
			return ts.Time.UTC(), nil
		}
		return c.Parse(s)
	case 't', 'f':
		b := raw[0] == 't'
		switch c.Type {
		case Bool:
			return b, nil
		case Text:
			return string(raw), nil
		}
		return coerce(c, b)
	case '{', '[':
		if c.Type == Text { // an object or array where text was expected: keep its JSON
			return string(raw), nil
		}
		return nil, fmt.Errorf("unexpected JSON %s", raw)
	}
	num := string(raw)
	switch c.Type {
	case Int:
		if n, err := strconv.ParseInt(num, 10, 64); err == nil {
			return n, nil
		}
	case Float:
		return strconv.ParseFloat(num, 64)
	case Text:
		return num, nil
	}
	return c.Parse(num)
}

// bodyFrom builds a request body from the columns of r that have a Field (unknown names are ignored): times are
// RFC 3339, JSON columns are embedded as JSON, NULL is null.
func bodyFrom(t *Table, r Row) map[string]any {
	b := map[string]any{}
	for name, v := range r {
		c, ok := t.Column(name)
		if !ok || c.Field == "" {
			continue
		}
		b[c.Field] = wireValue(v)
	}
	return b
}

func wireValue(v any) any {
	switch x := v.(type) {
	case time.Time:
		return x.UTC().Format(time.RFC3339)
	case json.RawMessage:
		if len(x) == 0 {
			return nil
		}
		return x
	}
	return v
}

// convert re-encodes src (a map, a struct) into dst (a reply request type) through JSON.
func convert(src, dst any) error {
	b, err := json.Marshal(src)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, dst)
}

// merged returns the API object cur (as JSON members) with the members of body laid over it: the read half of a
// read-merge-write update of a PUT resource.
func merged(cur any, body map[string]any) (map[string]any, error) {
	m, err := members(cur)
	if err != nil {
		return nil, err
	}
	out := make(map[string]any, len(m)+len(body))
	for k, v := range m {
		out[k] = v
	}
	for k, v := range body {
		out[k] = v
	}
	return out, nil
}

// intValue returns r[col] as an int64.
func intValue(r Row, col string) (int64, error) {
	v, ok := lookup(r, col)
	if !ok || v == nil {
		return 0, fmt.Errorf("%w: %s is required", ErrInvalidValue, col)
	}
	n, err := Column{Name: col, Type: Int}.Coerce(v)
	if err != nil {
		return 0, err
	}
	return n.(int64), nil
}

// textValue returns r[col] as a string.
func textValue(r Row, col string) (string, error) {
	v, ok := lookup(r, col)
	if !ok || v == nil {
		return "", fmt.Errorf("%w: %s is required", ErrInvalidValue, col)
	}
	s, err := Column{Name: col, Type: Text}.Coerce(v)
	if err != nil {
		return "", err
	}
	return s.(string), nil
}

// lookup finds a row value by column name, case-insensitively.
func lookup(r Row, col string) (any, bool) {
	if v, ok := r[col]; ok {
		return v, true
	}
	for k, v := range r {
		if strings.EqualFold(k, col) {
			return v, true
		}
	}
	return nil, false
}

// has reports whether r sets column col.
func has(r Row, col string) bool {
	_, ok := lookup(r, col)
	return ok
}

// condInts returns the int64 values of an Eq or In condition on column, and whether there is one.
func condInts(q Query, column string) ([]int64, bool) {
	for _, op := range []Op{Eq, In} {
		if c, ok := q.Cond(column, op); ok {
			ids := make([]int64, 0, len(c.Values))
			for _, v := range c.Values {
				n, err := Column{Name: column, Type: Int}.Coerce(v)
				if err == nil && n != nil {
					ids = append(ids, n.(int64))
				}
			}
			return ids, true
		}
	}
	return nil, false
}

// condTexts returns the string values of an Eq or In condition on column, and whether there is one.
func condTexts(q Query, column string) ([]string, bool) {
	for _, op := range []Op{Eq, In} {
		if c, ok := q.Cond(column, op); ok {
			out := make([]string, 0, len(c.Values))
			for _, v := range c.Values {
				s, err := Column{Name: column, Type: Text}.Coerce(v)
				if err == nil && s != nil {
					out = append(out, s.(string))
				}
			}
			return out, true
		}
	}
	return nil, false
}

// condValue returns the single value of a condition column op as the column's type.
func condValue(t *Table, q Query, column string, op Op) (any, bool) {
	c, ok := q.Cond(column, op)
	if !ok || len(c.Values) != 1 {
		return nil, false
	}
	col, ok := t.Column(column)
	if !ok {
		return nil, false
	}
	v, err := col.Coerce(c.Values[0])
	if err != nil || v == nil {
		return nil, false
	}
	return v, true
}

// condTime returns the time of a condition column op.
func condTime(t *Table, q Query, column string, op Op) (time.Time, bool) {
	v, ok := condValue(t, q, column, op)
	if !ok {
		return time.Time{}, false
	}
	ts, ok := v.(time.Time)
	return ts, ok
}

// limited wraps a row sequence so it stops after q.Limit rows (0: no limit).
func limited(q Query, seq iter.Seq2[Row, error]) iter.Seq2[Row, error] {
	if q.Limit <= 0 {
		return seq
	}
	return func(yield func(Row, error) bool) {
		n := 0
		for r, err := range seq {
			if !yield(r, err) || err != nil {
				return
			}
			n++
			if n >= q.Limit {
				return
			}
		}
	}
}

// rowsOf converts a sequence of API objects to rows of t.
func rowsOf[T any](t *Table, seq iter.Seq2[T, error], fix func(Row, T)) iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		for v, err := range seq {
			if err != nil {
				yield(nil, err)
				return
			}
			r, err := rowFrom(t, v)
			if err == nil && fix != nil {
				fix(r, v)
			}
			if !yield(r, err) || err != nil {
				return
			}
		}
	}
}

// byIDs yields the rows of ids, one get each; ids that do not exist are skipped.
func byIDs[K any](t *Table, ids []K, get func(K) (Row, error)) iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		for _, id := range ids {
			r, err := get(id)
			if errors.Is(err, reply.ErrNotFound) {
				continue
			}
			if !yield(r, err) || err != nil {
				return
			}
		}
	}
}

// failed yields one error.
func failed(err error) iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) { yield(nil, err) }
}

// eachRow runs fn on every row in order and collects the results; a cancelled context fails the remaining rows.
func eachRow(ctx context.Context, rows []Row, fn func(Row) (Row, error)) []WriteResult {
	out := make([]WriteResult, len(rows))
	for i, r := range rows {
		if err := ctx.Err(); err != nil {
			out[i] = WriteResult{Err: err}
			continue
		}
		row, err := fn(r)
		out[i] = WriteResult{Row: row, Err: err}
	}
	return out
}

// wants reports whether q needs any of the DetailOnly columns of t.
func wantsDetail(t *Table, q Query) bool {
	for _, c := range t.Columns {
		if c.DetailOnly && q.Wants(c.Name) {
			return true
		}
	}
	return false
}

// itemError turns a bulk item failure into an error that errors.Is reports as not found where it is one.
func itemError(e reply.ItemError) error { return e }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// withDetail replaces every row of seq by the row detail returns for it (one call per row).
func withDetail(seq iter.Seq2[Row, error], detail func(Row) (Row, error)) iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		for r, err := range seq {
			if err != nil {
				yield(nil, err)
				return
			}
			d, err := detail(r)
			if errors.Is(err, reply.ErrNotFound) { // deleted between the list and the detail
				continue
			}
			if err == nil {
				for k, v := range d {
					if v != nil || r[k] == nil {
						r[k] = v
					}
				}
			}
			if !yield(r, err) || err != nil {
				return
			}
		}
	}
}

// withoutKey returns r without t's key columns.
func withoutKey(t *Table, r Row) Row {
	out := Row{}
	for k, v := range r {
		if !t.isKey(k) {
			out[k] = v
		}
	}
	return out
}

// resultRow converts an API object returned by a write to a WriteResult.
func resultRow(t *Table, v any) WriteResult {
	r, err := rowFrom(t, v)
	return WriteResult{Row: r, Err: err}
}

// createError is the error of one failed item of a B2 bulk create.
func createError(r reply.CreateResult) error {
	if r.ErrorDetails != "" {
		return fmt.Errorf("%w: %s (%s)", ErrInvalidValue, r.ErrorDetails, r.Error)
	}
	return fmt.Errorf("%w: item not created (error %s)", ErrInvalidValue, r.Error)
}

// bulkDelete deletes the rows whose integer key column is col through a B1 bulk-delete call; ids the API reports
// get their error, the others succeed.
func bulkDelete(ctx context.Context, keys []Row, col string, del func(context.Context, []int64) (reply.BulkResult, error)) []WriteResult {
	out := make([]WriteResult, len(keys))
	ids := make([]int64, 0, len(keys))
	idx := make([]int, 0, len(keys))
	for i, k := range keys {
		id, err := intValue(k, col)
		if err != nil {
			out[i].Err = err
			continue
		}
		ids = append(ids, id)
		idx = append(idx, i)
	}
	if len(ids) == 0 {
		return out
	}
	res, err := del(ctx, ids)
	for k, i := range idx {
		out[i].Row = Row{col: ids[k]}
		if e, ok := res.Failed(ids[k]); ok {
			out[i].Err = itemError(e)
		} else if err != nil {
			out[i].Err = err
		}
	}
	return out
}

// getRow converts the result of a single-object call to a row.
func getRow[T any](t *Table, v T, err error) (Row, error) {
	if err != nil {
		return nil, err
	}
	return rowFrom(t, v)
}

// build converts the Field columns of r into the request type W.
func build[W any](t *Table, r Row) (W, error) {
	var w W
	err := convert(bodyFrom(t, r), &w)
	return w, err
}

// putBody is the body of a PUT (full replacement) update: the current object cur as a row, with the columns of
// changes laid over it, keeping the columns an UPDATE may write (the key excluded).
func putBody(t *Table, cur any, changes Row) (map[string]any, error) {
	row, err := rowFrom(t, cur)
	if err != nil {
		return nil, err
	}
	for k, v := range changes {
		if c, ok := t.Column(k); ok {
			row[c.Name] = v
		}
	}
	w := Row{}
	for name, v := range row {
		c, _ := t.Column(name)
		if c.Field != "" && c.Writable(false) && !t.isKey(name) {
			w[name] = v
		}
	}
	return bodyFrom(t, w), nil
}

// putMerged reads the current object, lays the changes of r over it and sends it whole: the update of every PUT
// resource keyed by an integer Id.
func putMerged[W, T any](ctx context.Context, t *Table, r Row, get func(context.Context, int64) (T, error),
	put func(context.Context, int64, W) (T, error)) (Row, error) {
	id, err := intValue(r, "Id")
	if err != nil {
		return nil, err
	}
	cur, err := get(ctx, id)
	if err != nil {
		return nil, err
	}
	body, err := putBody(t, cur, withoutKey(t, r))
	if err != nil {
		return nil, err
	}
	var w W
	if err := convert(body, &w); err != nil {
		return nil, err
	}
	v, err := put(ctx, id, w)
	return getRow(t, v, err)
}

// createRows inserts rows one create call each.
func createRows[W, T any](ctx context.Context, t *Table, rows []Row, create func(context.Context, W) (T, error)) []WriteResult {
	return eachRow(ctx, rows, func(r Row) (Row, error) {
		w, err := build[W](t, r)
		if err != nil {
			return nil, err
		}
		v, err := create(ctx, w)
		return getRow(t, v, err)
	})
}

// deleteRows deletes rows one call each by their integer Id.
func deleteRows(ctx context.Context, keys []Row, del func(context.Context, int64) error) []WriteResult {
	return eachRow(ctx, keys, func(r Row) (Row, error) {
		id, err := intValue(r, "Id")
		if err != nil {
			return nil, err
		}
		return Row{"Id": id}, del(ctx, id)
	})
}

// bulkInsert creates rows through a B2 bulk endpoint, chunk rows per call. When the API rejects a whole chunk
// for one malformed item (validation 400), the chunk is retried one create call per row so every row gets its
// own answer. A bulk-created row comes back as written plus its Id (the bulk result carries only ids).
func bulkInsert[W, T any](ctx context.Context, t *Table, rows []Row, chunk int,
	bulk func(context.Context, []W) ([]reply.CreateResult, error), single func(context.Context, W) (T, error)) []WriteResult {
	out := make([]WriteResult, len(rows))
	chunk = max(chunk, 1)
	for start := 0; start < len(rows); start += chunk {
		end := min(start+chunk, len(rows))
		items := make([]W, 0, end-start)
		idx := make([]int, 0, end-start)
		for i := start; i < end; i++ {
			w, err := build[W](t, rows[i])
			if err != nil {
				out[i].Err = err
				continue
			}
			items = append(items, w)
			idx = append(idx, i)
		}
		if len(items) == 0 {
			continue
		}
		res, err := bulk(ctx, items)
		if errors.Is(err, reply.ErrValidation) {
			for k, i := range idx {
				v, err := single(ctx, items[k])
				r, err := getRow(t, v, err)
				out[i] = WriteResult{Row: r, Err: err}
			}
			continue
		}
		for k, i := range idx {
			switch {
			case k < len(res) && res[k].OK():
				out[i].Row = writtenRow(t, rows[i], res[k].ID)
			case k < len(res):
				out[i].Err = createError(res[k])
			case err != nil:
				out[i].Err = err
			default:
				out[i].Err = errors.New("no result for this item")
			}
		}
	}
	return out
}

// writtenRow is the result row of a bulk-created row: its columns as written (write-only ones left out, names in
// the catalog's casing) plus its new Id.
func writtenRow(t *Table, r Row, id int64) Row {
	row := Row{}
	for name, v := range r {
		if c, ok := t.Column(name); ok && !c.WriteOnly {
			row[c.Name] = v
		}
	}
	row["Id"] = id
	return row
}

// sequenceIDs yields the sequence ids a child table reads: the SequenceId condition's values, or every sequence.
func sequenceIDs(ctx context.Context, c *reply.Client, q Query) iter.Seq2[int64, error] {
	if ids, ok := condInts(q, "SequenceId"); ok {
		return func(yield func(int64, error) bool) {
			for _, id := range ids {
				if !yield(id, nil) {
					return
				}
			}
		}
	}
	return func(yield func(int64, error) bool) {
		for s, err := range c.Sequences.List(ctx, nil) {
			if !yield(int64(s.ID), err) || err != nil {
				return
			}
		}
	}
}

// children yields the rows of each parent key in turn; a parent that vanished meanwhile (not found) is skipped.
func children[K any](parents iter.Seq2[K, error], rows func(K) iter.Seq2[Row, error]) iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		for p, err := range parents {
			if err != nil {
				yield(nil, err)
				return
			}
			for r, err := range rows(p) {
				if errors.Is(err, reply.ErrNotFound) {
					break
				}
				if !yield(r, err) || err != nil {
					return
				}
			}
		}
	}
}

// only keeps the rows whose integer column is one of ids (all rows when ok is false).
func only(seq iter.Seq2[Row, error], col string, ids []int64, ok bool) iter.Seq2[Row, error] {
	if !ok {
		return seq
	}
	want := map[int64]bool{}
	for _, id := range ids {
		want[id] = true
	}
	return func(yield func(Row, error) bool) {
		for r, err := range seq {
			if err == nil {
				n, _ := r[col].(int64)
				if !want[n] {
					continue
				}
			}
			if !yield(r, err) || err != nil {
				return
			}
		}
	}
}

// runs splits rows into runs of consecutive rows with the same group key, keeping their input positions.
func runs(rows []Row, key func(Row) (string, error)) (groups [][]int, errs map[int]error) {
	errs = map[int]error{}
	last := "\x00"
	for i, r := range rows {
		k, err := key(r)
		if err != nil {
			errs[i] = err
			continue
		}
		if k != last || len(groups) == 0 {
			groups = append(groups, nil)
			last = k
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], i)
	}
	return groups, errs
}

// pick returns the rows at positions idx.
func pick(rows []Row, idx []int) []Row {
	out := make([]Row, len(idx))
	for k, i := range idx {
		out[k] = rows[i]
	}
	return out
}

// grouped runs write on each run of rows sharing a group key and puts the results back in input order.
func grouped(rows []Row, key func(Row) (string, error), write func(first Row, rows []Row) []WriteResult) []WriteResult {
	out := make([]WriteResult, len(rows))
	groups, errs := runs(rows, key)
	for i, err := range errs {
		out[i].Err = err
	}
	for _, idx := range groups {
		res := write(rows[idx[0]], pick(rows, idx))
		for k, i := range idx {
			out[i] = res[k]
		}
	}
	return out
}

// rechecked wraps a table's List so rows that a path could not filter by a declared Exact condition (an Id
// lookup ignores the other conditions, for instance) are dropped here: callers rely on Exact filters and do not
// re-check them. Conditions on synthetic columns (no API field, not a key or parent key) are left to the List
// func, which must push them.
func rechecked(t *Table, list func(context.Context, *reply.Client, Query) iter.Seq2[Row, error]) func(context.Context, *reply.Client, Query) iter.Seq2[Row, error] {
	return func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		var conds []Cond
		for _, cd := range q.Conds {
			f, ok := t.Filter(cd.Column)
			col, _ := t.Column(cd.Column)
			if !ok || !f.Exact || (col.Field == "" && !t.isKey(col.Name) && !t.isParentKey(col.Name)) {
				continue
			}
			conds = append(conds, cd)
		}
		seq := list(ctx, c, q)
		if len(conds) == 0 {
			return seq
		}
		return func(yield func(Row, error) bool) {
			for r, err := range seq {
				if err == nil && !matchesAll(t, r, conds) {
					continue
				}
				if !yield(r, err) || err != nil {
					return
				}
			}
		}
	}
}

func matchesAll(t *Table, r Row, conds []Cond) bool {
	for _, cd := range conds {
		if !matches(t, r, cd) {
			return false
		}
	}
	return true
}

// matches evaluates one condition on a row as SQL would (strings compare case-insensitively; NULL never matches).
func matches(t *Table, r Row, cd Cond) bool {
	col, ok := t.Column(cd.Column)
	if !ok {
		return true
	}
	v := r[col.Name]
	if v == nil {
		return false
	}
	for _, raw := range cd.Values {
		want, err := col.Coerce(raw)
		if err != nil || want == nil {
			continue
		}
		cmp, comparable := compare(v, want)
		switch cd.Op {
		case Eq, In:
			if comparable && cmp == 0 {
				return true
			}
		case Gt:
			return comparable && cmp > 0
		case Ge:
			return comparable && cmp >= 0
		case Lt:
			return comparable && cmp < 0
		case Le:
			return comparable && cmp <= 0
		case Contains:
			s, ok1 := v.(string)
			w, ok2 := want.(string)
			return ok1 && ok2 && strings.Contains(strings.ToLower(s), strings.ToLower(w))
		}
	}
	return false
}

// compare orders two values of the same column type.
func compare(a, b any) (int, bool) {
	switch x := a.(type) {
	case int64:
		y, ok := b.(int64)
		if !ok {
			return 0, false
		}
		return cmpOrdered(x, y), true
	case float64:
		y, ok := b.(float64)
		if !ok {
			return 0, false
		}
		return cmpOrdered(x, y), true
	case string:
		y, ok := b.(string)
		if !ok {
			return 0, false
		}
		return cmpOrdered(strings.ToLower(x), strings.ToLower(y)), true
	case bool:
		y, ok := b.(bool)
		if !ok || x != y {
			return 1, ok
		}
		return 0, true
	case time.Time:
		y, ok := b.(time.Time)
		if !ok {
			return 0, false
		}
		return x.Compare(y), true
	}
	return 0, false
}

func cmpOrdered[T int64 | float64 | string](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// searchValue returns the text of a Contains or Eq condition on a column the API searches by substring (an Eq is
// searched too; its filter is not Exact, so the caller keeps only the equal rows).
func searchValue(t *Table, q Query, column string) (any, bool) {
	if v, ok := condValue(t, q, column, Contains); ok {
		return v, true
	}
	return condValue(t, q, column, Eq)
}
