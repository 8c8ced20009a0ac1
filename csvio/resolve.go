package csvio

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

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
	cfs     map[string]int64 // lower-case title and decimal id -> id
}

// index maps a normalised column value to the listed columns (the key, the column, and for contacts by email
// the first name) of the row holding it.
type index struct {
	rows map[string]catalog.Row
	dup  map[string]bool
}

func newResolver(c *reply.Client) *resolver {
	return &resolver{c: c, indexes: map[string]*index{}}
}

func norm(v any) string { return strings.ToLower(strings.TrimSpace(text(v))) }

// index lists t once (key columns and col only) and indexes it by col.
func (r *resolver) index(ctx context.Context, t *catalog.Table, col string) (*index, error) {
	name := t.Name + "." + col
	if ix, ok := r.indexes[name]; ok {
		return ix, nil
	}
	ix := &index{rows: map[string]catalog.Row{}, dup: map[string]bool{}}
	q := catalog.Query{Columns: append(append([]string(nil), t.Key...), col)}
	if t.Name == "Contacts" && col == "Email" {
		q.Columns = append(q.Columns, "FirstName") // for updates through the import endpoint (same calls)
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
		for _, kc := range q.Columns {
			key[kc] = row[kc]
		}
		ix.rows[k] = key
	}
	r.indexes[name] = ix
	return ix, nil
}

// find returns the listed columns of the one row of t whose col equals v.
func (r *resolver) find(ctx context.Context, t *catalog.Table, col string, v any) (catalog.Row, bool, error) {
	ix, err := r.index(ctx, t, col)
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
