package dest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/replykit/replykit/catalog"
)

// StateTable is the name (before the writer's prefix) of replykit's per-object replication state table.
const StateTable = "_replykit_state"

// State is the replication state of one destination table, written in the same transaction as each batch.
type State struct {
	Object     string    // destination table name
	Strategy   string    // catalog strategy, e.g. "server-filter"
	Mode       string    // how the last run read: "full", "incremental", "incremental+full", "degraded"
	Cursor     string    // last complete run's cursor (RFC 3339), "" when none
	Status     string    // "running", "done" or "failed"
	StartedAt  time.Time // start of the last run
	FinishedAt time.Time // end of the last complete run; zero while running
	Rows       int64     // live rows after the last complete run
	Written    int64     // rows written by the last run
	Deleted    int64     // rows deleted by the last run
	Calls      int64     // API calls of the last run
	Note       string    // e.g. why the run degraded to a full scan
	// Detail reports that every live row's detail-only columns were fetched at its current list values: false
	// once a run that does not fetch them wrote rows. Destinations written before this column existed read true.
	Detail bool
}

var stateTable = Table{
	Columns: []Column{
		{Name: "object", Type: catalog.Text},
		{Name: "strategy", Type: catalog.Text},
		{Name: "mode", Type: catalog.Text},
		{Name: "cursor_value", Type: catalog.Text},
		{Name: "status", Type: catalog.Text},
		{Name: "started_at", Type: catalog.Text},
		{Name: "finished_at", Type: catalog.Text},
		{Name: "rows_total", Type: catalog.Int},
		{Name: "rows_written", Type: catalog.Int},
		{Name: "rows_deleted", Type: catalog.Int},
		{Name: "api_calls", Type: catalog.Int},
		{Name: "note", Type: catalog.Text},
		{Name: "detail_fetched", Type: catalog.Int},
	},
	Key: []string{"object"},
}

func (w *Writer) stateName() string { return w.Prefix + StateTable }

// EnsureState creates the state table if needed.
func (w *Writer) EnsureState(ctx context.Context, db DBTX) error {
	t := stateTable
	t.Name = w.stateName()
	q := fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s (", w.q(t.Name))
	for _, c := range t.Columns {
		q += fmt.Sprintf("%s %s, ", w.q(c.Name), w.D.typeOf(c, c.Name == "object"))
	}
	q += fmt.Sprintf("PRIMARY KEY (%s))", w.q("object"))
	if _, err := db.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("dest: create %s: %w", t.Name, err)
	}
	// State columns added since the table was created.
	have, err := w.columns(ctx, db, t.Name)
	if err != nil {
		return err
	}
	for _, c := range t.Columns {
		if have[c.Name] {
			continue
		}
		stmt := expand(w.D.AddColumn, "{table}", w.q(t.Name), "{col}", w.q(c.Name), "{type}", w.D.typeOf(c, false))
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("dest: add column %s.%s: %w", t.Name, c.Name, err)
		}
	}
	return nil
}

func timeOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return FormatTime(t)
}

// CheckWritable fails when the destination refuses writes to the state table (a read-only file or database, a
// user without UPDATE), changing nothing: a run calls it before listing anything, so a read-only destination
// costs no API call.
func (w *Writer) CheckWritable(ctx context.Context, db *sql.DB) error {
	tx, err := w.Begin(ctx, db)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	status := w.q("status")
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("UPDATE %s SET %s = %s WHERE 1 = 0", w.q(w.stateName()), status, status)); err != nil {
		return fmt.Errorf("dest: %s is not writable: %w", w.stateName(), err)
	}
	return nil
}

// HasState reports whether the state table exists (without creating it).
func (w *Writer) HasState(ctx context.Context, db DBTX) (bool, error) {
	cols, err := w.columns(ctx, db, w.stateName())
	return len(cols) > 0, err
}

// SaveState writes s (normally inside the transaction of the batch it describes).
func (w *Writer) SaveState(ctx context.Context, db DBTX, s State) error {
	cols := make([]string, len(stateTable.Columns))
	for i, c := range stateTable.Columns {
		cols[i] = c.Name
	}
	args := []any{s.Object, s.Strategy, s.Mode, s.Cursor, s.Status, timeOrEmpty(s.StartedAt), timeOrEmpty(s.FinishedAt),
		s.Rows, s.Written, s.Deleted, s.Calls, s.Note, boolInt(s.Detail)}
	if err := w.upsertRows(ctx, db, w.stateName(), []string{"object"}, cols, [][]any{args}); err != nil {
		return fmt.Errorf("dest: save state of %s: %w", s.Object, err)
	}
	return nil
}

// LoadState returns the state of object; ok is false when there is none.
func (w *Writer) LoadState(ctx context.Context, db DBTX, object string) (s State, ok bool, err error) {
	query := func(detailCol string) string {
		return fmt.Sprintf("SELECT strategy, mode, cursor_value, status, started_at, finished_at, rows_total, rows_written, rows_deleted, api_calls, note, %s FROM %s WHERE %s = %s",
			detailCol, w.q(w.stateName()), w.q("object"), w.D.Placeholder(1))
	}
	var started, finished sql.NullString
	var strategy, mode, cursor, status, note sql.NullString
	var rows, written, deleted, calls, detail sql.NullInt64
	scan := func(q string) error {
		return db.QueryRowContext(ctx, q, object).Scan(&strategy, &mode, &cursor, &status, &started, &finished, &rows, &written, &deleted, &calls, &note, &detail)
	}
	err = scan(query(w.q("detail_fetched")))
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		// A state table from before detail_fetched (a plan reads it without [Writer.EnsureState]): read it without.
		if err2 := scan(query("NULL")); err2 == nil || errors.Is(err2, sql.ErrNoRows) {
			err = err2
		}
	}
	if errors.Is(err, sql.ErrNoRows) {
		return State{Object: object}, false, nil
	}
	if err != nil {
		return State{Object: object}, false, fmt.Errorf("dest: load state of %s: %w", object, err)
	}
	s = State{Object: object, Strategy: strategy.String, Mode: mode.String, Cursor: cursor.String, Status: status.String,
		Rows: rows.Int64, Written: written.Int64, Deleted: deleted.Int64, Calls: calls.Int64, Note: note.String,
		Detail: !detail.Valid || detail.Int64 != 0}
	if started.String != "" {
		s.StartedAt, _ = ParseTime(started.String)
	}
	if finished.String != "" {
		s.FinishedAt, _ = ParseTime(finished.String)
	}
	return s, true, nil
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
