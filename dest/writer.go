package dest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/replykit/replykit/catalog"
)

// Writer writes destination tables in one dialect. The zero Logger discards.
type Writer struct {
	D      Dialect
	Prefix string // prefix of replykit's own tables (_replykit_state)
	Log    *slog.Logger
}

// NewWriter returns a writer for d whose state table carries prefix.
func NewWriter(d Dialect, prefix string, log *slog.Logger) *Writer {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Writer{D: d, Prefix: prefix, Log: log}
}

// Record is one row to upsert: values aligned with the table's Columns, and its hash.
type Record struct {
	Values []any
	Hash   string
}

// Tx is a destination transaction on a dedicated connection, so dialect bulk loads can reach the driver.
type Tx struct {
	*sql.Tx
	conn *sql.Conn
}

// Begin starts a transaction on a dedicated connection of db.
func (w *Writer) Begin(ctx context.Context, db *sql.DB) (*Tx, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("dest: connect: %w", err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("dest: begin: %w", err)
	}
	return &Tx{Tx: tx, conn: conn}, nil
}

// Commit commits the transaction and releases its connection.
func (tx *Tx) Commit() error {
	err := tx.Tx.Commit()
	tx.conn.Close()
	if err != nil {
		return fmt.Errorf("dest: commit: %w", err)
	}
	return nil
}

// Rollback rolls the transaction back (a no-op after Commit) and releases its connection.
func (tx *Tx) Rollback() error {
	err := tx.Tx.Rollback()
	tx.conn.Close()
	if errors.Is(err, sql.ErrTxDone) {
		return nil
	}
	return err
}

func (w *Writer) q(id string) string { return w.D.Quote(id) }

func (w *Writer) allColumns(t *Table) []Column {
	cols := append([]Column(nil), t.Columns...)
	return append(cols,
		Column{Name: RowHash, Type: catalog.Text},
		Column{Name: DeletedAt, Type: catalog.Time})
}

func (w *Writer) isKey(t *Table, name string) bool {
	for _, k := range t.Key {
		if k == name {
			return true
		}
	}
	return false
}

// CreateSQL returns the CREATE TABLE statement of t.
func (w *Writer) CreateSQL(t *Table) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE TABLE IF NOT EXISTS %s (\n", w.q(t.Name))
	for _, c := range w.allColumns(t) {
		fmt.Fprintf(&b, "  %s %s,\n", w.q(c.Name), w.D.typeOf(c, w.isKey(t, c.Name)))
	}
	keys := make([]string, len(t.Key))
	for i, k := range t.Key {
		keys[i] = w.q(k)
	}
	fmt.Fprintf(&b, "  PRIMARY KEY (%s)\n)", strings.Join(keys, ", "))
	return b.String()
}

// Ensure creates t if it does not exist and adds the columns it lacks (schema drift). Nothing is dropped or
// retyped. It returns the names of the columns it added: every column when it created the table.
func (w *Writer) Ensure(ctx context.Context, db DBTX, t *Table) ([]string, error) {
	have, err := w.columns(ctx, db, t.Name)
	if err != nil {
		return nil, err
	}
	var added []string
	if len(have) == 0 {
		if _, err := db.ExecContext(ctx, w.CreateSQL(t)); err != nil {
			return nil, fmt.Errorf("dest: create %s: %w", t.Name, err)
		}
		for _, c := range w.allColumns(t) {
			added = append(added, c.Name)
		}
		return added, nil
	}
	for _, c := range w.allColumns(t) {
		if have[strings.ToLower(c.Name)] {
			continue
		}
		stmt := expand(w.D.AddColumn, "{table}", w.q(t.Name), "{col}", w.q(c.Name), "{type}", w.D.typeOf(c, false))
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			return added, fmt.Errorf("dest: add column %s.%s: %w", t.Name, c.Name, err)
		}
		w.Log.InfoContext(ctx, "column added", "table", t.Name, "column", c.Name)
		added = append(added, c.Name)
	}
	return added, nil
}

func (w *Writer) columns(ctx context.Context, db DBTX, table string) (map[string]bool, error) {
	rows, err := db.QueryContext(ctx, w.D.Columns, table)
	if err != nil {
		return nil, fmt.Errorf("dest: columns of %s: %w", table, err)
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("dest: columns of %s: %w", table, err)
		}
		have[strings.ToLower(name)] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("dest: columns of %s: %w", table, err)
	}
	return have, nil
}

// Upsert inserts or updates recs in t (keyed by t.Key; a later record with the same key wins) and clears their
// _deleted_at. It uses the dialect's bulk load for large batches.
func (w *Writer) Upsert(ctx context.Context, tx *Tx, t *Table, recs []Record) error {
	return w.write(ctx, tx, t, recs, false)
}

// Insert is [Writer.Upsert] for records whose keys are known not to be in t (not even soft-deleted): on
// PostgreSQL a large batch is copied straight into the table, where a key that does exist fails the statement;
// elsewhere it is an upsert.
func (w *Writer) Insert(ctx context.Context, tx *Tx, t *Table, recs []Record) error {
	return w.write(ctx, tx, t, recs, true)
}

func (w *Writer) write(ctx context.Context, tx *Tx, t *Table, recs []Record, fresh bool) error {
	if len(recs) == 0 {
		return nil
	}
	recs = dedupe(t, recs)
	cols := w.allColumns(t)
	rows := make([][]any, len(recs))
	for i, r := range recs {
		if len(r.Values) != len(t.Columns) {
			return fmt.Errorf("dest: %s: record has %d values for %d columns", t.Name, len(r.Values), len(t.Columns))
		}
		row := make([]any, len(cols))
		for j, c := range t.Columns {
			row[j] = w.D.value(c.Type, r.Values[j])
		}
		row[len(t.Columns)] = r.Hash
		rows[i] = row
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	if w.D.BulkLoad != nil && len(rows) >= w.D.BulkMin {
		if err := w.D.BulkLoad(ctx, tx.conn, tx.Tx, t, names, rows, fresh); err != nil {
			return fmt.Errorf("dest: bulk load %s: %w", t.Name, err)
		}
		return nil
	}
	return w.upsertRows(ctx, tx, t.Name, t.Key, names, rows)
}

// UpsertSQL returns the upsert statement of rows rows into table.
func (w *Writer) UpsertSQL(table string, key, cols []string, rows int) string {
	return w.upsertSQL(table, key, cols, w.valuesList(len(cols), rows))
}

func (w *Writer) valuesList(ncols, nrows int) string {
	var b strings.Builder
	n := 1
	for r := range nrows {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range ncols {
			if c > 0 {
				b.WriteString(", ")
			}
			b.WriteString(w.D.Placeholder(n))
			n++
		}
		b.WriteByte(')')
	}
	return b.String()
}

func (w *Writer) upsertSQL(table string, key, cols []string, rows string) string {
	quoted := make([]string, len(cols))
	var set []string
	isKey := map[string]bool{}
	for _, k := range key {
		isKey[k] = true
	}
	for i, c := range cols {
		quoted[i] = w.q(c)
		if !isKey[c] {
			set = append(set, expand(w.D.Set, "{col}", w.q(c)))
		}
	}
	keys := make([]string, len(key))
	for i, k := range key {
		keys[i] = w.q(k)
	}
	return expand(w.D.Upsert, "{table}", w.q(table), "{cols}", strings.Join(quoted, ", "), "{rows}", rows,
		"{keys}", strings.Join(keys, ", "), "{set}", strings.Join(set, ", "))
}

// maxRowsPerStatement bounds statement size independently of the parameter limit.
const maxRowsPerStatement = 1000

func (w *Writer) upsertRows(ctx context.Context, db DBTX, table string, key, cols []string, rows [][]any) error {
	per := max(1, min(maxRowsPerStatement, w.D.MaxParams/len(cols)))
	var stmt string
	stmtRows := -1
	args := make([]any, 0, per*len(cols))
	for start := 0; start < len(rows); start += per {
		end := min(start+per, len(rows))
		if end-start != stmtRows {
			stmtRows = end - start
			stmt = w.UpsertSQL(table, key, cols, stmtRows)
		}
		args = args[:0]
		for _, r := range rows[start:end] {
			args = append(args, r...)
		}
		if _, err := db.ExecContext(ctx, stmt, args...); err != nil {
			return fmt.Errorf("dest: upsert %s: %w", table, err)
		}
	}
	return nil
}

func dedupe(t *Table, recs []Record) []Record {
	idx := t.keyIndex()
	pos := make(map[string]int, len(recs))
	out := recs[:0:0]
	kv := make([]any, len(idx))
	for _, r := range recs {
		for i, j := range idx {
			kv[i] = r.Values[j]
		}
		k := KeyString(kv...)
		if p, ok := pos[k]; ok {
			out[p] = r
			continue
		}
		pos[k] = len(out)
		out = append(out, r)
	}
	return out
}

// Delete removes the rows of t whose key values are keys (each aligned with t.Key): hard deletes them, or, when
// soft, sets their _deleted_at to at. It returns the number of rows affected.
func (w *Writer) Delete(ctx context.Context, db DBTX, t *Table, keys [][]any, soft bool, at time.Time) (int64, error) {
	types := make([]catalog.Type, len(t.Key))
	for i, k := range t.Key {
		for _, c := range t.Columns {
			if c.Name == k {
				types[i] = c.Type
			}
		}
	}
	mode := hardDelete
	if soft {
		mode = softDelete
	}
	return w.keyWhere(ctx, db, t.Name, t.Key, types, keys, mode, at)
}

// Invalidate clears the _row_hash of the live rows of t whose key values are keys (each aligned with t.Key), so
// the next run that compares hashes rewrites them (and refetches their detail-only columns). It returns the
// number of rows affected.
func (w *Writer) Invalidate(ctx context.Context, db DBTX, t *Table, keys [][]any) (int64, error) {
	types := make([]catalog.Type, len(t.Key))
	for i, k := range t.Key {
		for _, c := range t.Columns {
			if c.Name == k {
				types[i] = c.Type
			}
		}
	}
	return w.keyWhere(ctx, db, t.Name, t.Key, types, keys, invalidate, time.Time{})
}

// Exists reports whether the table t exists in the destination.
func (w *Writer) Exists(ctx context.Context, db DBTX, t *Table) (bool, error) {
	have, err := w.columns(ctx, db, t.Name)
	return len(have) > 0, err
}

// DeleteChildren hard-deletes the rows of the child table whose parent key is one of parentKeys.
func (w *Writer) DeleteChildren(ctx context.Context, db DBTX, child *Table, parentKeys [][]any) (int64, error) {
	types := make([]catalog.Type, len(child.ParentKey))
	for i := range child.ParentKey {
		types[i] = child.Columns[i].Type
	}
	return w.keyWhere(ctx, db, child.Name, child.ParentKey, types, parentKeys, hardDelete, time.Time{})
}

// SoftDeleteChildren sets _deleted_at on the live rows of the child table whose parent key is one of parentKeys.
func (w *Writer) SoftDeleteChildren(ctx context.Context, db DBTX, child *Table, parentKeys [][]any, at time.Time) (int64, error) {
	types := make([]catalog.Type, len(child.ParentKey))
	for i := range child.ParentKey {
		types[i] = child.Columns[i].Type
	}
	return w.keyWhere(ctx, db, child.Name, child.ParentKey, types, parentKeys, softDelete, at)
}

// keyMode is what keyWhere does to the rows it selects by key.
type keyMode int

const (
	hardDelete keyMode = iota
	softDelete         // set _deleted_at
	invalidate         // clear _row_hash
)

// keyWhere hard-deletes, soft-deletes or invalidates the rows of table whose cols equal one of keys.
func (w *Writer) keyWhere(ctx context.Context, db DBTX, table string, cols []string, types []catalog.Type, keys [][]any, mode keyMode, at time.Time) (int64, error) {
	const per = 500
	var total int64
	for start := 0; start < len(keys); start += per {
		chunk := keys[start:min(start+per, len(keys))]
		var args []any
		n := 1
		var stmt strings.Builder
		switch mode {
		case softDelete:
			args = append(args, w.D.value(catalog.Time, at.UTC()))
			fmt.Fprintf(&stmt, "UPDATE %s SET %s = %s WHERE %s IS NULL AND (", w.q(table), w.q(DeletedAt), w.D.Placeholder(n), w.q(DeletedAt))
			n++
		case invalidate:
			fmt.Fprintf(&stmt, "UPDATE %s SET %s = '' WHERE %s IS NULL AND (", w.q(table), w.q(RowHash), w.q(DeletedAt))
		default:
			fmt.Fprintf(&stmt, "DELETE FROM %s WHERE (", w.q(table))
		}
		if len(cols) == 1 {
			fmt.Fprintf(&stmt, "%s IN (", w.q(cols[0]))
			for i, k := range chunk {
				if i > 0 {
					stmt.WriteString(", ")
				}
				stmt.WriteString(w.D.Placeholder(n))
				n++
				args = append(args, w.D.value(types[0], k[0]))
			}
			stmt.WriteString(")")
		} else {
			for i, k := range chunk {
				if i > 0 {
					stmt.WriteString(" OR ")
				}
				stmt.WriteString("(")
				for j, c := range cols {
					if j > 0 {
						stmt.WriteString(" AND ")
					}
					fmt.Fprintf(&stmt, "%s = %s", w.q(c), w.D.Placeholder(n))
					n++
					args = append(args, w.D.value(types[j], k[j]))
				}
				stmt.WriteString(")")
			}
		}
		stmt.WriteString(")")
		res, err := db.ExecContext(ctx, stmt.String(), args...)
		if err != nil {
			return total, fmt.Errorf("dest: %s %s: %w", [...]string{"delete from", "soft-delete from", "invalidate rows of"}[mode], table, err)
		}
		if n, err := res.RowsAffected(); err == nil {
			total += n
		}
	}
	return total, nil
}

// DeletedKeys returns the [KeyString] of every soft-deleted row of t.
func (w *Writer) DeletedKeys(ctx context.Context, db DBTX, t *Table) (map[string]bool, error) {
	keys := make([]string, len(t.Key))
	for i, k := range t.Key {
		keys[i] = w.q(k)
	}
	query := fmt.Sprintf("SELECT %s FROM %s WHERE %s IS NOT NULL", strings.Join(keys, ", "), w.q(t.Name), w.q(DeletedAt))
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("dest: read deleted keys of %s: %w", t.Name, err)
	}
	defer rows.Close()
	out := map[string]bool{}
	vals := make([]any, len(keys))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("dest: read deleted keys of %s: %w", t.Name, err)
		}
		out[KeyString(vals...)] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("dest: read deleted keys of %s: %w", t.Name, err)
	}
	return out, nil
}

// Hashes returns the _row_hash of every live (not soft-deleted) row of t, by [KeyString] of its key.
func (w *Writer) Hashes(ctx context.Context, db DBTX, t *Table) (map[string]string, error) {
	keys := make([]string, len(t.Key))
	for i, k := range t.Key {
		keys[i] = w.q(k)
	}
	query := fmt.Sprintf("SELECT %s, %s FROM %s WHERE %s IS NULL", strings.Join(keys, ", "), w.q(RowHash), w.q(t.Name), w.q(DeletedAt))
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("dest: read hashes of %s: %w", t.Name, err)
	}
	defer rows.Close()
	out := map[string]string{}
	vals := make([]any, len(keys)+1)
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("dest: read hashes of %s: %w", t.Name, err)
		}
		h := ""
		switch x := vals[len(keys)].(type) {
		case string:
			h = x
		case []byte:
			h = string(x)
		}
		out[KeyString(vals[:len(keys)]...)] = h
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("dest: read hashes of %s: %w", t.Name, err)
	}
	return out, nil
}
