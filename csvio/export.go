package csvio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply"
)

// ErrUnknownColumn is returned when a column named by the caller is not a column of the table.
var ErrUnknownColumn = errors.New("csvio: unknown column")

// ExportOptions says what [Export] writes.
type ExportOptions struct {
	// Columns to write, in order (case-insensitive names). nil means every column a list returns: write-only and
	// detail-only columns are left out (a detail-only column costs one API call per row, so it is exported only
	// when named).
	Columns []string
	// Where holds conditions (see [ParseWhere]); those the API supports are pushed down, all are re-checked.
	Where []catalog.Cond
	// CustomFields says how the CustomFields column of Contacts is written: JSON text (default) or one column per
	// custom field. Columns may also name single custom fields as CustomFields.<title or id> (title
	// case-insensitive; the header is written as named), written as text, NULL when the contact has no value.
	// Either costs one listing of CustomFields.
	CustomFields CustomFieldsMode
	Limit        int // stop after this many rows; 0 means all
	Format       Format
	// Progress, when set, is called with the number of rows written so far, every 1000 rows and at the end.
	Progress func(rows int)
}

// ExportColumns resolves names against t (case-insensitively) and returns the columns, or t's default export
// columns for nil names (see [ExportOptions.Columns]). Custom field names (CustomFields.<title or id>) are
// skipped: [Export] resolves them against the account. The error wraps [ErrUnknownColumn].
func ExportColumns(t *catalog.Table, names []string) ([]catalog.Column, error) {
	if names == nil {
		var cols []catalog.Column
		for _, c := range t.Columns {
			if !c.WriteOnly && !c.DetailOnly {
				cols = append(cols, c)
			}
		}
		return cols, nil
	}
	cols := make([]catalog.Column, 0, len(names))
	for _, n := range names {
		if _, ok := customFieldRef(t, n); ok {
			continue
		}
		c, ok := t.Column(strings.TrimSpace(n))
		if !ok {
			return nil, fmt.Errorf("%w: %s has no column %q", ErrUnknownColumn, t.Name, n)
		}
		for _, prev := range cols {
			if prev.Name == c.Name {
				// The file could not be imported: a header names each column once.
				return nil, fmt.Errorf("%w: column %s is named twice", ErrBadFormat, c.Name)
			}
		}
		cols = append(cols, c)
	}
	return cols, nil
}

// ExportQuery returns the query [Export] sends to t.List for the options: the pushable conditions, the columns
// needed (selected and filtered), and the limit when every condition is pushed exactly.
func ExportQuery(t *catalog.Table, cols []catalog.Column, where []catalog.Cond, limit int) catalog.Query {
	q := catalog.Query{}
	exact := true
	for _, c := range where {
		f, ok := t.Filter(c.Column)
		if t.CanPush(c.Column, c.Op) {
			q.Conds = append(q.Conds, c)
			exact = exact && ok && f.Exact
		} else {
			exact = false
		}
	}
	seen := map[string]bool{}
	for _, c := range cols {
		if !seen[c.Name] {
			q.Columns = append(q.Columns, c.Name)
			seen[c.Name] = true
		}
	}
	for _, c := range where {
		if !seen[c.Column] {
			q.Columns = append(q.Columns, c.Column)
			seen[c.Column] = true
		}
	}
	if exact {
		q.Limit = limit
	}
	return q
}

// Export writes the rows of t matching opts.Where to w as CSV and returns the number of rows written. Rows are
// streamed a page at a time, so memory does not grow with the table. The error is the first error of the listing
// (a *reply.Error wrapping a reply sentinel), of w, or wraps [ErrUnknownColumn] or [ErrBadFormat].
func Export(ctx context.Context, c *reply.Client, t *catalog.Table, w io.Writer, opts ExportOptions) (int, error) {
	plan, cols, err := exportPlan(ctx, c, t, opts.Columns, opts.CustomFields)
	if err != nil {
		return 0, err
	}
	names := make([]string, len(plan))
	hasCF := false
	for i, oc := range plan {
		names[i] = oc.header
		hasCF = hasCF || oc.cf != 0
	}
	cw, err := NewWriter(w, names, opts.Format)
	if err != nil {
		return 0, err
	}
	values := make([]any, len(plan))
	q := ExportQuery(t, cols, opts.Where, opts.Limit)
	for row, err := range t.List(ctx, c, q) {
		if err != nil {
			_ = cw.Flush()
			return cw.Rows(), fmt.Errorf("export %s: %w", t.Name, err)
		}
		if !Match(row, opts.Where) {
			continue
		}
		var cfs map[int64]any
		if hasCF {
			cfs = customFieldValues(row["CustomFields"])
		}
		for i, oc := range plan {
			if oc.cf != 0 {
				values[i] = cfs[oc.cf]
			} else {
				values[i] = row[oc.col]
			}
		}
		if err := cw.Write(values); err != nil {
			return cw.Rows(), err
		}
		if opts.Progress != nil && cw.Rows()%1000 == 0 {
			opts.Progress(cw.Rows())
		}
		if opts.Limit > 0 && cw.Rows() >= opts.Limit {
			break
		}
	}
	if err := cw.Flush(); err != nil {
		return cw.Rows(), err
	}
	if opts.Progress != nil {
		opts.Progress(cw.Rows())
	}
	return cw.Rows(), nil
}
