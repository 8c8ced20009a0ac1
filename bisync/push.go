package bisync

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
	"github.com/replykit/replykit/reply"
)

// written is a table row to (re)write after a successful API write.
type written struct {
	row   catalog.Row
	oldId *int64 // push insert: the placeholder row to replace
	null  bool   // push insert of a NULL-Id row
}

// push does the queued API writes; each ends in a RowResult. Successful ones queue their table writes.
func (j *job) push(ctx context.Context) {
	c := j.s.client
	if len(j.ins) > 0 {
		rows := make([]catalog.Row, 0, len(j.ins))
		var ok []int // indexes of j.ins sent
		for i, in := range j.ins {
			r := catalog.Row{}
			for _, col := range j.cols {
				if col.Name == "Id" || col.ReadOnly || in.row[col.Name] == nil {
					continue
				}
				r[col.Name] = in.row[col.Name]
			}
			if err := j.validate(r); err != nil {
				j.failInsert(in, err)
				continue
			}
			rows = append(rows, r)
			ok = append(ok, i)
		}
		var res []catalog.WriteResult
		if len(rows) > 0 {
			sent := make([]insert, len(ok))
			keys := make([]string, len(ok))
			for k, i := range ok {
				sent[k] = j.ins[i]
				keys[k] = naturalKey(j.t, j.ins[i].row)
			}
			if err := j.s.markPending(ctx, j.t.Name, sent, keys); err != nil {
				// Not recorded: nothing is sent, so nothing can be created twice.
				for _, in := range sent {
					j.failInsert(in, fmt.Errorf("destination: %w", err))
				}
				ok = nil
			} else {
				j.marked = append(j.marked, keys...)
				res = j.t.Insert(ctx, c, rows)
			}
		}
		for k, i := range ok {
			in := j.ins[i]
			var wr catalog.WriteResult
			if k < len(res) {
				wr = res[k]
			} else {
				wr.Err = errors.New("no result from the API")
			}
			row, err := j.merge(in.row, wr)
			if err != nil {
				j.failInsert(in, err)
				continue
			}
			id := row["Id"].(int64)
			row = j.reread(ctx, row)
			j.done = append(j.done, written{row: row, oldId: in.oldId, null: in.oldId == nil})
			j.res.Inserts++
			j.result(RowResult{Id: id, OldId: in.oldId, Action: PushInsert, Conflict: in.conflict})
		}
	}
	if len(j.upd) > 0 {
		rows := make([]catalog.Row, len(j.upd))
		for i, u := range j.upd {
			rows[i] = u.changes
		}
		res := j.t.Update(ctx, c, rows)
		for i, u := range j.upd {
			var wr catalog.WriteResult
			if i < len(res) {
				wr = res[i]
			} else {
				wr.Err = errors.New("no result from the API")
			}
			row, err := j.merge(u.row, wr)
			if err != nil {
				j.res.Failures++
				j.result(RowResult{Id: u.id, Action: PushUpdate, Conflict: u.conflict, Note: u.note, Err: err})
				continue
			}
			j.done = append(j.done, written{row: row})
			j.res.Updates++
			j.result(RowResult{Id: u.id, Action: PushUpdate, Conflict: u.conflict, Note: u.note})
		}
	}
	if len(j.del) > 0 {
		keys := make([]catalog.Row, len(j.del))
		for i, d := range j.del {
			keys[i] = catalog.Row{"Id": d.id}
		}
		res := j.t.Delete(ctx, c, keys)
		for i, d := range j.del {
			var err error
			if i < len(res) {
				err = res[i].Err
			} else {
				err = errors.New("no result from the API")
			}
			if errors.Is(err, reply.ErrNotFound) {
				err = nil // already gone
			}
			if err != nil {
				j.res.Failures++
				j.result(RowResult{Id: d.id, Action: PushDelete, Conflict: d.conflict, Err: err})
				continue
			}
			j.gone = append(j.gone, d.id)
			j.res.Deletes++
			j.result(RowResult{Id: d.id, Action: PushDelete, Conflict: d.conflict})
		}
	}
}

// reread returns row with the values Reply lists for it (one GET by id): a create's response is not always the
// list form (Contacts are created through the import endpoint), and the base must match the next listing. When the
// GET fails the row is kept as it is: the next run then pulls it once.
func (j *job) reread(ctx context.Context, row catalog.Row) catalog.Row {
	names := make([]string, len(j.hashCols))
	for i, c := range j.hashCols {
		names[i] = c.Name
	}
	q := catalog.Query{Conds: []catalog.Cond{{Column: "Id", Op: catalog.Eq, Values: []any{row["Id"]}}}, Columns: names}
	for r, err := range j.t.List(ctx, j.s.client, q) {
		if err != nil {
			j.s.log.Warn("sync: re-reading a created row", "object", j.t.Name, "id", row["Id"], "err", err)
			return row
		}
		got, err := normalizeRow(j.hashCols, r)
		if err != nil || got["Id"] != row["Id"] {
			continue
		}
		for k, v := range got {
			row[k] = v
		}
		return row
	}
	return row
}

func (j *job) failInsert(in insert, err error) {
	j.res.Failures++
	j.failedNulls = append(j.failedNulls, in)
	j.result(RowResult{OldId: in.oldId, Action: PushInsert, Conflict: in.conflict, Err: err})
}

func (j *job) validate(r catalog.Row) error {
	return catalog.ValidateRow(j.t, r, true)
}

// merge returns the table row after a successful write: the API's returned values where it returned the column,
// the table's elsewhere.
func (j *job) merge(tableRow catalog.Row, wr catalog.WriteResult) (catalog.Row, error) {
	if wr.Err != nil {
		return nil, wr.Err
	}
	out := catalog.Row{}
	for _, c := range j.cols {
		v, ok := wr.Row[c.Name]
		if !ok || c.CreateOnly {
			out[c.Name] = tableRow[c.Name]
			continue
		}
		nv, err := normalize(c, v)
		if err != nil {
			return nil, err
		}
		out[c.Name] = nv
	}
	if _, ok := out["Id"].(int64); !ok {
		return nil, errors.New("the API returned no Id")
	}
	return out, nil
}

// commit writes the table and the bases in one transaction.
func (j *job) commit(ctx context.Context) error {
	s := j.s
	now := s.now().UTC()
	bases := map[int64]string{}
	for id, h := range j.keep {
		bases[id] = h
	}
	var recs []dest.Record
	record := func(r catalog.Row) {
		h := j.hash(r)
		vals := make([]any, len(j.cols))
		for i, c := range j.cols {
			vals[i] = r[c.Name]
		}
		recs = append(recs, dest.Record{Values: vals, Hash: h})
		bases[r["Id"].(int64)] = h
	}
	for _, r := range j.pulls {
		record(r)
	}
	var oldKeys [][]any
	nulls := false
	for _, w := range j.done {
		record(w.row)
		if w.oldId != nil && *w.oldId != w.row["Id"].(int64) {
			oldKeys = append(oldKeys, []any{*w.oldId})
		}
		nulls = nulls || w.null
	}
	var dropKeys [][]any
	var dropIds []int64
	for _, id := range append(slices.Clone(j.drops), j.gone...) {
		dropKeys = append(dropKeys, []any{id})
		dropIds = append(dropIds, id)
	}
	j.res.Pulled = len(j.pulls)
	for _, r := range j.rows {
		if r.Action == PullDelete {
			j.res.Removed++
		}
	}
	// Pending markers: the ones this run set or found are cleared, but for failed inserts (a failure may hide a
	// create that happened: the next run looks again).
	failed := map[string]bool{}
	for _, in := range j.failedNulls {
		failed[naturalKey(j.t, in.row)] = true
	}
	var clear []string
	seen := map[string]bool{}
	for _, k := range append(slices.Sorted(maps.Keys(j.pendingKeys)), j.marked...) {
		if k != "" && !failed[k] && !seen[k] {
			seen[k] = true
			clear = append(clear, k)
		}
	}
	if len(recs) == 0 && len(dropKeys) == 0 && len(bases) == 0 && len(clear) == 0 {
		return nil
	}
	tx, err := s.w.Begin(ctx, s.db)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if nulls {
		if err := j.replaceNulls(ctx, tx); err != nil {
			return err
		}
	}
	for _, keys := range [][][]any{oldKeys, dropKeys} {
		if len(keys) > 0 {
			if _, err := s.w.Delete(ctx, tx, j.dt, keys, false, now); err != nil {
				return err
			}
		}
	}
	if err := s.w.Upsert(ctx, tx, j.dt, recs); err != nil {
		return err
	}
	if err := s.dropBases(ctx, tx, j.t.Name, dropIds); err != nil {
		return err
	}
	if err := s.saveBases(ctx, tx, j.t.Name, bases, now); err != nil {
		return err
	}
	if err := s.clearPending(ctx, tx, j.t.Name, clear); err != nil {
		return err
	}
	if s.beforeCommit != nil {
		if err := s.beforeCommit(j.t.Name); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// replaceNulls deletes the table rows with a NULL Id (created in Reply by this run) and inserts back those whose
// insert failed, as they were read: rows without a key cannot be told apart otherwise.
func (j *job) replaceNulls(ctx context.Context, tx *dest.Tx) error {
	s := j.s
	q := s.w.D.Quote
	id := j.dt.Key[0]
	if _, err := tx.ExecContext(ctx, "DELETE FROM "+q(j.dt.Name)+" WHERE "+q(id)+" IS NULL"); err != nil {
		return err
	}
	names := make([]string, 0, len(j.dt.Columns))
	for _, c := range j.dt.Columns {
		names = append(names, c.Name)
	}
	for _, in := range j.failedNulls {
		if in.oldId != nil {
			continue
		}
		args := make([]any, len(j.cols))
		for i, c := range j.cols {
			args[i] = in.row[c.Name]
			if s.w.D.Value != nil {
				args[i] = s.w.D.Value(c.Type, args[i])
			}
		}
		ph := make([]string, len(args))
		qn := make([]string, len(names))
		for i := range args {
			ph[i] = s.w.D.Placeholder(i + 1)
			qn[i] = q(names[i])
		}
		stmt := "INSERT INTO " + q(j.dt.Name) + " (" + joinComma(qn) + ") VALUES (" + joinComma(ph) + ")"
		if _, err := tx.ExecContext(ctx, stmt, args...); err != nil {
			return err
		}
	}
	return nil
}
