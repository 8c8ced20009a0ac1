package sqlengine

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/replykit/replykit/catalog"
)

// ErrUnsupported is returned for a verb whose catalog func is nil (a read-only table, a table without UPDATE).
var ErrUnsupported = errors.New("operation not supported")

// ErrReadOnlyColumn is returned when INSERT or UPDATE sets a column the API does not accept.
var ErrReadOnlyColumn = errors.New("column is read-only")

// NoteCode is the warning code of the notes a write leaves in the session (SHOW WARNINGS): the new ids of an
// INSERT, the rows an UPDATE or DELETE sent.
const NoteCode = 1105

// editor batches one statement's rows and sends them in Close, so multi-row INSERTs and DELETEs use the
// API's bulk endpoints where the catalog has them.
type editor struct {
	t       *Table
	verb    string
	rows    []catalog.Row
	err     error
	flushed bool
}

var (
	_ sql.RowInserter = (*editor)(nil)
	_ sql.RowUpdater  = (*editor)(nil)
	_ sql.RowDeleter  = (*editor)(nil)
)

func (t *Table) Inserter(*sql.Context) sql.RowInserter { return &editor{t: t, verb: "INSERT"} }
func (t *Table) Updater(*sql.Context) sql.RowUpdater   { return &editor{t: t, verb: "UPDATE"} }
func (t *Table) Deleter(*sql.Context) sql.RowDeleter   { return &editor{t: t, verb: "DELETE"} }

func (e *editor) StatementBegin(*sql.Context) {}
func (e *editor) DiscardChanges(*sql.Context, error) error {
	e.rows = nil
	return nil
}
func (e *editor) StatementComplete(*sql.Context) error { return nil }

func (e *editor) supported() error {
	var ok bool
	switch e.verb {
	case "INSERT":
		ok = e.t.t.Insert != nil
	case "UPDATE":
		ok = e.t.t.Update != nil
	case "DELETE":
		ok = e.t.t.Delete != nil
	}
	if !ok {
		return fmt.Errorf("%s %s: %w: %s supports %s", e.verb, e.t.t.Name, ErrUnsupported, e.t.t.Name,
			strings.Join(e.t.t.Operations(), ", "))
	}
	return nil
}

func (e *editor) Insert(ctx *sql.Context, r sql.Row) error {
	if err := e.supported(); err != nil {
		return err
	}
	row := catalog.Row{}
	for i, col := range e.t.schema {
		if i >= len(r) || r[i] == nil {
			continue
		}
		c, _ := e.t.t.Column(col.Name)
		if c.ReadOnly && !e.t.isParentKey(c.Name) {
			return fmt.Errorf("INSERT %s: %s.%s: %w", e.t.t.Name, e.t.t.Name, c.Name, ErrReadOnlyColumn)
		}
		v, err := c.Coerce(r[i])
		if err != nil {
			return fmt.Errorf("INSERT %s: %s.%s: %w", e.t.t.Name, e.t.t.Name, c.Name, err)
		}
		row[c.Name] = v
	}
	if err := validateRow(e.t.t, row, true); err != nil {
		return fmt.Errorf("INSERT %s: row %d: %w", e.t.t.Name, len(e.rows)+1, err)
	}
	e.rows = append(e.rows, row)
	return nil
}

func (e *editor) Update(ctx *sql.Context, old, new sql.Row) error {
	if err := e.supported(); err != nil {
		return err
	}
	row := catalog.Row{}
	changed := false
	for i, col := range e.t.schema {
		c, _ := e.t.t.Column(col.Name)
		isKey := e.t.isKey(c.Name)
		same, err := col.Type.Compare(ctx, old[i], new[i])
		if err != nil {
			return fmt.Errorf("UPDATE %s: %s.%s: %w", e.t.t.Name, e.t.t.Name, c.Name, err)
		}
		differ := same != 0 || (old[i] == nil) != (new[i] == nil)
		switch {
		case isKey && differ:
			return fmt.Errorf("UPDATE %s: %s.%s is a key and cannot change", e.t.t.Name, e.t.t.Name, c.Name)
		case isKey:
			v, err := c.Coerce(old[i])
			if err != nil {
				return fmt.Errorf("UPDATE %s: %s.%s: %w", e.t.t.Name, e.t.t.Name, c.Name, err)
			}
			row[c.Name] = v
		case differ:
			if c.ReadOnly || c.CreateOnly {
				return fmt.Errorf("UPDATE %s: %s.%s: %w", e.t.t.Name, e.t.t.Name, c.Name, ErrReadOnlyColumn)
			}
			v, err := c.Coerce(new[i])
			if err != nil {
				return fmt.Errorf("UPDATE %s: %s.%s: %w", e.t.t.Name, e.t.t.Name, c.Name, err)
			}
			row[c.Name] = v
			changed = true
		}
	}
	if !changed {
		return nil
	}
	if err := validateRow(e.t.t, row, false); err != nil {
		return fmt.Errorf("UPDATE %s: %w", e.t.t.Name, err)
	}
	e.rows = append(e.rows, row)
	return nil
}

func (e *editor) Delete(ctx *sql.Context, r sql.Row) error {
	if err := e.supported(); err != nil {
		return err
	}
	key := catalog.Row{}
	for i, col := range e.t.schema {
		c, _ := e.t.t.Column(col.Name)
		if !e.t.isKey(c.Name) {
			continue
		}
		v, err := c.Coerce(r[i])
		if err != nil {
			return fmt.Errorf("DELETE %s: %s.%s: %w", e.t.t.Name, e.t.t.Name, c.Name, err)
		}
		key[c.Name] = v
	}
	e.rows = append(e.rows, key)
	return nil
}

// Close sends the batch and reports per-row failures.
func (e *editor) Close(ctx *sql.Context) error {
	if e.flushed || len(e.rows) == 0 {
		return nil
	}
	e.flushed = true
	rows := e.rows
	e.rows = nil
	var res []catalog.WriteResult
	switch e.verb {
	case "INSERT":
		res = e.t.t.Insert(ctx, e.t.e.client, rows)
	case "UPDATE":
		res = e.t.t.Update(ctx, e.t.e.client, rows)
	case "DELETE":
		res = e.t.t.Delete(ctx, e.t.e.client, rows)
	}
	e.t.e.cache.invalidate(e.t.t.Name)
	err := e.report(ctx, rows, res)
	e.t.e.log.DebugContext(ctx, "api write", "table", e.t.t.Name, "verb", e.verb, "rows", len(rows), "ok", err == nil)
	return err
}

func (e *editor) report(ctx *sql.Context, rows []catalog.Row, res []catalog.WriteResult) error {
	pe := &catalog.PartialError{}
	var ids []string
	for i, r := range rows {
		var wr catalog.WriteResult
		if i < len(res) {
			wr = res[i]
		} else {
			wr.Err = errors.New("no result from the API")
		}
		if wr.Err != nil {
			pe.Failed = append(pe.Failed, catalog.RowError{Index: i, Key: e.t.keyOf(r), Err: wr.Err})
			continue
		}
		pe.Done++
		if e.verb == "INSERT" {
			ids = append(ids, e.t.keyString(wr.Row))
		}
	}
	switch {
	case e.verb == "INSERT" && len(ids) > 0:
		ctx.Session.Warn(&sql.Warning{Level: "Note", Code: NoteCode,
			Message: fmt.Sprintf("%s: inserted %d row(s), %s %s", e.t.t.Name, len(ids), strings.Join(e.t.t.Key, ","), strings.Join(ids, ", "))})
	case pe.Done > 0:
		ctx.Session.Warn(&sql.Warning{Level: "Note", Code: NoteCode,
			Message: fmt.Sprintf("%s: %s sent for %d row(s)", e.t.t.Name, strings.ToLower(e.verb), pe.Done)})
	}
	if len(pe.Failed) == 0 {
		return nil
	}
	return &WriteError{Verb: e.verb, Table: e.t.t.Name, NewKeys: ids, Partial: pe}
}

// WriteError reports the rows of an INSERT, UPDATE or DELETE that the API rejected. Rows before and after a
// failed one may have been written: the API has no transactions.
type WriteError struct {
	Verb    string
	Table   string
	NewKeys []string // keys of the rows an INSERT did create
	Partial *catalog.PartialError
}

func (e *WriteError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %d of %d row(s) failed", e.Verb, e.Table, len(e.Partial.Failed), e.Partial.Done+len(e.Partial.Failed))
	if len(e.NewKeys) > 0 {
		fmt.Fprintf(&b, " (created: %s)", strings.Join(e.NewKeys, ", "))
	}
	for i, f := range e.Partial.Failed {
		if i == 10 {
			fmt.Fprintf(&b, "; and %d more", len(e.Partial.Failed)-i)
			break
		}
		fmt.Fprintf(&b, "; row %d", f.Index+1)
		if len(f.Key) > 0 {
			fmt.Fprintf(&b, " (%s)", rowString(f.Key))
		}
		fmt.Fprintf(&b, ": %v", f.Err)
	}
	return b.String()
}

func (e *WriteError) Unwrap() error { return e.Partial }

func (t *Table) isKey(name string) bool {
	for _, k := range t.t.Key {
		if strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}

func (t *Table) isParentKey(name string) bool {
	return t.t.Parent != nil && strings.EqualFold(t.t.Parent.Column, name)
}

func (t *Table) keyOf(r catalog.Row) catalog.Row {
	out := catalog.Row{}
	for _, k := range t.t.Key {
		if v, ok := r[k]; ok && v != nil {
			out[k] = v
		}
	}
	if len(out) == 0 {
		if v, ok := r["Email"]; ok {
			out["Email"] = v
		} else if v, ok := r["Name"]; ok {
			out["Name"] = v
		}
	}
	return out
}

func (t *Table) keyString(r catalog.Row) string {
	parts := make([]string, 0, len(t.t.Key))
	for _, k := range t.t.Key {
		parts = append(parts, fmt.Sprint(r[k]))
	}
	return strings.Join(parts, "/")
}

func rowString(r catalog.Row) string {
	keys := make([]string, 0, len(r))
	for k := range r {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%v", k, r[k])
	}
	return strings.Join(parts, ", ")
}
