package replicate

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
	"github.com/replykit/replykit/reply"
)

// job is the work of one table in one run.
type job struct {
	r        *Replicator
	t        *catalog.Table
	dt       *dest.Table
	children []child
	state    dest.State
	hashes   map[string]string // live destination rows: key -> _row_hash
	keyTypes []catalog.Type

	wdt     *dest.Table // the columns this run writes: dt without the detail-only columns when it does not fetch them
	layout  string      // destination layout, hashed with every row whose detail-only columns were fetched
	layoutN string      // the same for rows written without fetching them
	// listCols are the catalog columns hashed (and listed when detail is fetched per row).
	listCols []string
	detail   bool // the table has detail-only columns
	fetch    bool // this run fetches them
	perRow   bool // by a GET per changed row (else the listing fetches them for every row)
	listed   bool // the current listing's rows carry the detail-only columns
	cursor   *catalog.Column

	res      TableResult
	maxCur   any             // highest cursor value seen
	nullCur  bool            // a row had a null cursor
	deleted  map[string]bool // soft-deleted destination rows
	pending  []dest.Record   // rows whose key the destination has (live or soft-deleted)
	fresh    []dest.Record   // rows whose key it does not have: inserted without conflict handling
	parents  [][]any         // keys of pending parent rows, for child replacement
	newRows  int             // rows of the pending batch that are not live in the destination (new or revived)
	childRec [][]dest.Record
	start    reply.Stats

	// A child object whose rows are also part of a detail-only array of its parent (SequenceSteps and
	// Sequences.Steps) clears the row hash of the parent of every child row it writes or deletes, in the same
	// transaction: the parent's next run refetches that row's detail (see refetchInvalid).
	parentDT     *dest.Table
	parentPos    int              // index in t.Key of the parent key column
	staleParents map[string][]any // parent keys to invalidate with the next commit
	invalidated  int64            // parent rows invalidated by this run
}

type child struct {
	col catalog.Column
	dt  *dest.Table
}

func (r *Replicator) destOptions(t *catalog.Table) dest.Options {
	o := dest.Options{Naming: r.naming, Prefix: r.prefix, Nested: map[string]bool{}}
	if r.nested == NestedTables {
		for _, c := range t.Columns {
			if c.Items != nil && !c.WriteOnly {
				o.Nested[c.Name] = true
			}
		}
	}
	return o
}

func (r *Replicator) runTable(ctx context.Context, t *catalog.Table) (TableResult, error) {
	began := r.now()
	o := r.destOptions(t)
	j := &job{r: r, t: t, dt: dest.TableFor(t, o), start: r.client.Stats()}
	j.res = TableResult{Table: t.Name, Dest: j.dt.Name, Strategy: t.Changes.Strategy.String()}
	defer func() { j.res.Elapsed = r.now().Sub(began) }()
	detailCols := map[string]bool{}
	nestedDetail := false // a detail-only array unwound into a child table needs the detail
	for _, c := range t.Columns {
		if c.WriteOnly {
			continue
		}
		if o.Nested[c.Name] {
			ct, err := dest.ChildFor(j.dt, t, c, o)
			if err != nil {
				return j.res, err
			}
			j.children = append(j.children, child{col: c, dt: ct})
		}
		if c.DetailOnly {
			j.detail = true
			detailCols[c.Name] = true
			nestedDetail = nestedDetail || o.Nested[c.Name]
		} else {
			j.listCols = append(j.listCols, c.Name)
		}
	}
	for _, k := range t.Key {
		c, _ := t.Column(k)
		j.keyTypes = append(j.keyTypes, c.Type)
	}
	j.fetch = j.detail && (r.detail || nestedDetail)
	j.perRow = j.fetch && len(t.Key) == 1 && t.CanPush(t.Key[0], catalog.Eq)
	j.wdt = j.dt
	if j.detail && !j.fetch {
		// Leave the detail-only columns out of every write: new rows get NULL, existing rows keep what an earlier
		// run fetched.
		w := *j.dt
		w.Columns = nil
		for _, c := range j.dt.Columns {
			if !detailCols[c.Source] {
				w.Columns = append(w.Columns, c)
			}
		}
		j.wdt = &w
	}
	// The layout (destination columns and child tables) is part of every row's hash, so a change of layout
	// (drift, --nested, --naming) rewrites every row once, even across an interrupted run.
	layout := []string{j.dt.Name}
	for _, c := range j.dt.Columns {
		layout = append(layout, c.Name)
	}
	for _, c := range j.children {
		layout = append(layout, c.dt.Name)
	}
	j.layout = strings.Join(layout, ",")
	j.layoutN = j.layout + "\x00detail-only columns not fetched"
	if t.Changes.Strategy != catalog.Full && t.Changes.Cursor != "" {
		if c, ok := t.Column(t.Changes.Cursor); ok {
			j.cursor = &c
		}
	}

	added, err := r.w.Ensure(ctx, r.db, j.dt)
	if err != nil {
		return j.res, destErr(err)
	}
	var newTables []string
	for _, c := range j.children {
		more, err := r.w.Ensure(ctx, r.db, c.dt)
		if err != nil {
			return j.res, destErr(err)
		}
		if len(more) == len(c.dt.Columns)+2 { // created: every column, _row_hash and _deleted_at
			newTables = append(newTables, c.dt.Name)
			more = more[:0]
		}
		for _, m := range more {
			added = append(added, c.dt.Name+"."+m)
		}
	}
	st, has, err := r.w.LoadState(ctx, r.db, j.dt.Name)
	if err != nil {
		return j.res, destErr(err)
	}
	r.fetches[t.Name] = j.fetch
	if has {
		// A first run cannot tell which child rows changed since the parent's detail was fetched.
		if err := j.linkParent(ctx); err != nil {
			return j.res, destErr(err)
		}
	}
	j.state = st
	if j.hashes, err = r.w.Hashes(ctx, r.db, j.dt); err != nil {
		return j.res, destErr(err)
	}
	if j.deleted, err = r.w.DeletedKeys(ctx, r.db, j.dt); err != nil {
		return j.res, destErr(err)
	}
	j.state.Strategy = j.res.Strategy
	j.state.Status = "running"
	j.state.StartedAt = r.now()
	j.state.FinishedAt = time.Time{}
	j.state.Written, j.state.Deleted, j.state.Calls = 0, 0, 0
	j.state.Note = ""
	if !has || !j.detail {
		j.state.Detail = true // nothing written yet, or nothing to fetch
	}

	incremental := !r.full && has && j.cursor != nil && st.Cursor != ""
	var from any
	if incremental {
		if from, err = j.cursor.Parse(st.Cursor); err != nil || from == nil {
			incremental = false
		}
		j.maxCur = from
	}
	// New columns are filled by a complete listing (every row's hash changes with its column set). The cursor is
	// dropped at once, so a run killed before the listing ends still lists everything next time.
	if has && st.Cursor != "" && len(added)+len(newTables) > 0 {
		incremental = false
		var what []string
		if len(newTables) > 0 {
			what = append(what, "new tables "+strings.Join(newTables, ", "))
		}
		if len(added) > 0 {
			what = append(what, "new columns "+strings.Join(added, ", "))
		}
		j.note(strings.Join(what, ", ") + ": full listing to fill them")
		j.state.Cursor = ""
		if err := r.w.SaveState(ctx, r.db, j.state); err != nil {
			return j.res, destErr(err)
		}
	}
	// Rows written by a run that did not fetch the detail-only columns are refilled by a complete listing (their
	// hashes say which).
	if incremental && j.fetch && !st.Detail {
		incremental = false
		j.note("detail-only columns not fetched before: full listing to fill them")
	}
	// Without a Count, finding deletes needs a complete listing, which also sees every change: do only that.
	if incremental && r.deletes != DeletesOff && t.Count == nil {
		incremental = false
		j.note("no count endpoint: full listing to find deletes")
	}

	if incremental {
		j.res.Mode = "incremental"
		bound := from
		if tm, ok := from.(time.Time); ok {
			bound = tm.Add(-r.lookback)
		}
		ok, err := j.listIncremental(ctx, bound)
		if err != nil {
			return j.finishFailed(ctx, err)
		}
		if !ok {
			j.res.Mode = "degraded"
			incremental = false
		} else if err := j.refetchInvalid(ctx); err != nil {
			return j.finishFailed(ctx, err)
		} else if r.deletes != DeletesOff {
			n, counted, err := t.Count(ctx, r.client, catalog.Query{})
			if err != nil {
				return j.finishFailed(ctx, err)
			}
			if !counted || n != int64(len(j.hashes)) {
				if counted {
					j.note(fmt.Sprintf("count %d != %d rows: then a full listing to find deletes", n, len(j.hashes)))
				} else {
					j.note("no count: then a full listing to find deletes")
				}
				// The changes were read through the server filter; the full listing only finds deletes (and
				// rewrites nothing it already wrote: hashes match). Say both.
				j.res.Mode = "incremental+full"
				incremental = false
			}
		}
	} else {
		j.res.Mode = "full"
	}

	var seen map[string]bool
	if !incremental {
		seen = make(map[string]bool, len(j.hashes))
		if err := j.listFull(ctx, seen); err != nil {
			return j.finishFailed(ctx, err)
		}
	}
	if err := j.finish(ctx, seen); err != nil {
		return j.finishFailed(ctx, err)
	}
	return j.res, nil
}

// linkParent sets up the invalidation of parent rows when t is a child object whose own key is a member of a
// detail-only array of its parent (SequenceSteps.Id in Sequences.Steps[].Id, SequenceEmailAccounts.Id in
// Sequences.EmailAccounts[].Id; not SequenceContacts) and the parent's table exists in the destination.
func (j *job) linkParent(ctx context.Context) error {
	p := j.t.Parent
	if p == nil {
		return nil
	}
	pt, ok := catalog.Lookup(p.Table)
	if !ok || len(pt.Key) != 1 {
		return nil
	}
	pos := -1
	var own []string // fields of the child's own key columns
	for i, k := range j.t.Key {
		if k == p.Column {
			pos = i
			continue
		}
		c, _ := j.t.Column(k)
		own = append(own, c.Field)
	}
	if pos < 0 || len(own) == 0 {
		return nil
	}
	copied := false
	for _, c := range pt.Columns {
		if !c.DetailOnly || c.Items == nil {
			continue
		}
		all := true
		for _, f := range own {
			all = all && f != "" && slices.ContainsFunc(c.Items, func(it catalog.Column) bool { return it.Field == f })
		}
		copied = copied || all
	}
	if !copied {
		return nil
	}
	pdt := dest.TableFor(pt, j.r.destOptions(pt))
	exists, err := j.r.w.Exists(ctx, j.r.db, pdt)
	if err != nil || !exists {
		return err
	}
	j.parentDT, j.parentPos, j.staleParents = pdt, pos, map[string][]any{}
	return nil
}

// invalidateParents clears, in tx, the row hash of the parents of the child rows written or deleted since the
// last commit.
func (j *job) invalidateParents(ctx context.Context, tx *dest.Tx) error {
	if len(j.staleParents) == 0 {
		return nil
	}
	keys := make([][]any, 0, len(j.staleParents))
	for _, k := range j.staleParents {
		keys = append(keys, k)
	}
	n, err := j.r.w.Invalidate(ctx, tx, j.parentDT, keys)
	if err != nil {
		return destErr(err)
	}
	j.invalidated += n
	clear(j.staleParents)
	return nil
}

func (j *job) markParent(keyVals []any) {
	if j.parentDT != nil {
		pk := keyVals[j.parentPos]
		j.staleParents[dest.KeyString(pk)] = []any{pk}
	}
}

// refetchInvalid rewrites, after an incremental listing, the rows whose hash a child object cleared (their
// detail changed through the child's endpoints; a complete listing rewrites them anyway): one GET by key each.
// Without fetching detail it leaves them for the next run that does.
func (j *job) refetchInvalid(ctx context.Context) error {
	if !j.fetch || len(j.t.Key) != 1 || !j.t.CanPush(j.t.Key[0], catalog.Eq) {
		return nil
	}
	var keys []string
	for k, h := range j.hashes {
		if h == "" {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	slices.Sort(keys)
	listed := j.listed
	j.listed = true // the GET returns every column
	defer func() { j.listed = listed }()
	n := 0
	for _, k := range keys {
		vals, err := keyValues(k, j.keyTypes)
		if err != nil {
			return err
		}
		row, err := j.detailRow(ctx, vals[0])
		if errors.Is(err, reply.ErrNotFound) {
			continue // deleted: the delete detection finds it
		}
		if err != nil {
			return err
		}
		if err := j.take(ctx, row, nil, true); err != nil {
			return err
		}
		n++
	}
	j.note(fmt.Sprintf("detail refetched for %d row(s) a child object changed", n))
	return nil
}

func (j *job) note(s string) {
	if j.res.Note != "" {
		j.res.Note += "; "
	}
	j.res.Note += s
	j.r.log.Info("note", "table", j.t.Name, "note", s)
}

// listIncremental lists rows with Cursor > bound. It returns false, having written nothing it should not have,
// when the API ignored the condition.
func (j *job) listIncremental(ctx context.Context, bound any) (bool, error) {
	q := catalog.Query{Conds: []catalog.Cond{{Column: j.cursor.Name, Op: catalog.Gt, Values: []any{bound}}}}
	j.listed = j.fetch && !j.perRow
	if !j.listed {
		q.Columns = j.listCols
	}
	for row, err := range j.t.List(ctx, j.r.client, q) {
		if err != nil {
			return false, err
		}
		cv := row[j.cursor.Name]
		if cv == nil || !after(cv, bound) {
			why := fmt.Sprintf("the API returned a row with %s %v, not after %v", j.cursor.Name, cv, bound)
			if cv == nil {
				why = fmt.Sprintf("the API returned a row with a null %s", j.cursor.Name)
			}
			j.note(why + ": ignored the cursor filter, degraded to a full scan")
			return false, nil
		}
		if err := j.take(ctx, row, nil, false); err != nil {
			return false, err
		}
	}
	return true, nil
}

func (j *job) listFull(ctx context.Context, seen map[string]bool) error {
	q := catalog.Query{}
	force := false
	j.listed = j.fetch && (j.r.full || !j.perRow)
	if j.listed {
		force = true // detail columns are not hashed: rewrite them
	} else {
		q.Columns = j.listCols
	}
	for row, err := range j.t.List(ctx, j.r.client, q) {
		if err != nil {
			return err
		}
		if err := j.take(ctx, row, seen, force); err != nil {
			return err
		}
	}
	return nil
}

func (j *job) keyOf(row catalog.Row) ([]any, string) {
	vals := make([]any, len(j.t.Key))
	for i, k := range j.t.Key {
		vals[i] = row[k]
	}
	return vals, dest.KeyString(vals...)
}

// take handles one listed row: hash, skip if unchanged, fetch detail if needed, queue, flush.
func (j *job) take(ctx context.Context, row catalog.Row, seen map[string]bool, force bool) error {
	j.res.Rows++
	keyVals, key := j.keyOf(row)
	if seen != nil {
		seen[key] = true
	}
	if j.cursor != nil {
		if cv := row[j.cursor.Name]; cv == nil {
			j.nullCur = true
		} else if j.maxCur == nil || after(cv, j.maxCur) {
			j.maxCur = cv
		}
	}
	h := hashRow(j.layout, row, j.listCols)
	old, known := j.hashes[key]
	if j.detail && !j.fetch {
		// Unchanged whether or not its detail was fetched at these list values; a change is written without it.
		hn := hashRow(j.layoutN, row, j.listCols)
		if known && !force && (old == h || old == hn) {
			return nil
		}
		h = hn
	} else if known && old == h && !force {
		return nil
	}
	fresh := !known && !j.deleted[key]
	if j.fetch && !j.listed {
		full, err := j.detailRow(ctx, keyVals[0])
		if errors.Is(err, reply.ErrNotFound) {
			delete(seen, key) // deleted since it was listed
			return nil
		}
		if err != nil {
			return err
		}
		// The list row stays authoritative for list columns (some exist only in the list response).
		merged := make(catalog.Row, len(row)+len(full))
		for k, v := range row {
			merged[k] = v
		}
		for _, c := range j.t.Columns {
			if c.DetailOnly {
				merged[c.Name] = full[c.Name]
			}
		}
		row = merged
	}
	j.hashes[key] = h
	if !known {
		j.newRows++
	}
	rec := dest.Record{Hash: h, Values: make([]any, len(j.wdt.Columns))}
	for i, c := range j.wdt.Columns {
		rec.Values[i] = row[c.Source]
	}
	if fresh {
		j.fresh = append(j.fresh, rec)
	} else {
		j.pending = append(j.pending, rec)
	}
	j.parents = append(j.parents, keyVals)
	j.markParent(keyVals)
	if len(j.children) > 0 {
		for len(j.childRec) < len(j.children) {
			j.childRec = append(j.childRec, nil)
		}
		for i, c := range j.children {
			recs, err := childRecords(c, keyVals, row[c.col.Name])
			if err != nil {
				return fmt.Errorf("%s.%s of %v: %w", j.t.Name, c.col.Name, keyVals, err)
			}
			j.childRec[i] = append(j.childRec[i], recs...)
		}
	}
	if len(j.parents) >= j.r.batch {
		return j.flush(ctx)
	}
	return nil
}

func (j *job) detailRow(ctx context.Context, key any) (catalog.Row, error) {
	for row, err := range j.t.List(ctx, j.r.client, catalog.Where(j.t.Key[0], catalog.Eq, key)) {
		return row, err
	}
	return nil, reply.ErrNotFound
}

func (j *job) calls() reply.Stats { return j.r.client.Stats().Sub(j.start) }

// flush writes the pending rows, their children and the running state in one transaction.
func (j *job) flush(ctx context.Context) error {
	if len(j.parents) == 0 {
		return nil
	}
	tx, err := j.r.w.Begin(ctx, j.r.db)
	if err != nil {
		return destErr(err)
	}
	defer tx.Rollback()
	if err := j.r.w.Insert(ctx, tx, j.wdt, j.fresh); err != nil {
		return destErr(err)
	}
	if err := j.r.w.Upsert(ctx, tx, j.wdt, j.pending); err != nil {
		return destErr(err)
	}
	for i, c := range j.children {
		if _, err := j.r.w.DeleteChildren(ctx, tx, c.dt, j.parents); err != nil {
			return destErr(err)
		}
		if err := j.r.w.Upsert(ctx, tx, c.dt, j.childRec[i]); err != nil {
			return destErr(err)
		}
	}
	if err := j.invalidateParents(ctx, tx); err != nil {
		return err
	}
	j.res.Written += int64(len(j.parents))
	if j.detail && !j.fetch {
		j.state.Detail = false
	}
	j.saveRunning()
	if err := j.r.w.SaveState(ctx, tx, j.state); err != nil {
		return destErr(err)
	}
	if err := tx.Commit(); err != nil {
		return destErr(err)
	}
	j.pending, j.fresh, j.parents, j.newRows = j.pending[:0], j.fresh[:0], j.parents[:0], 0
	for i := range j.childRec {
		j.childRec[i] = j.childRec[i][:0]
	}
	j.report(false)
	return nil
}

func (j *job) saveRunning() {
	st := j.calls()
	j.state.Mode = j.res.Mode
	j.state.Written = j.res.Written
	j.state.Deleted = j.res.Deleted
	j.state.Calls = int64(st.Requests)
	j.state.Note = j.res.Note
	j.res.Calls, j.res.Waited = st.Requests, st.Waited
}

func (j *job) report(done bool) {
	if j.r.progress != nil {
		j.r.progress(Progress{Table: j.t.Name, Mode: j.res.Mode, Rows: j.res.Rows, Written: j.res.Written,
			Deleted: j.res.Deleted, Calls: j.res.Calls, Waited: j.res.Waited, Done: done})
	}
}

// finish flushes, applies deletes (after a complete listing: seen != nil) and commits the final state.
func (j *job) finish(ctx context.Context, seen map[string]bool) error {
	if err := j.flush(ctx); err != nil {
		return err
	}
	var gone [][]any
	if seen != nil && j.r.deletes != DeletesOff {
		var goneKeys []string
		for k := range j.hashes {
			if !seen[k] {
				goneKeys = append(goneKeys, k)
			}
		}
		var err error
		if goneKeys, err = j.confirmGone(ctx, goneKeys); err != nil {
			return err
		}
		for _, k := range goneKeys {
			vals, err := keyValues(k, j.keyTypes)
			if err != nil {
				return err
			}
			gone = append(gone, vals)
			j.markParent(vals)
			delete(j.hashes, k)
		}
	}
	tx, err := j.r.w.Begin(ctx, j.r.db)
	if err != nil {
		return destErr(err)
	}
	defer tx.Rollback()
	if len(gone) > 0 {
		soft := j.r.deletes == DeletesSoft
		at := j.r.now()
		n, err := j.r.w.Delete(ctx, tx, j.dt, gone, soft, at)
		if err != nil {
			return destErr(err)
		}
		for _, c := range j.children {
			if soft {
				_, err = j.r.w.SoftDeleteChildren(ctx, tx, c.dt, gone, at)
			} else {
				_, err = j.r.w.DeleteChildren(ctx, tx, c.dt, gone)
			}
			if err != nil {
				return destErr(err)
			}
		}
		j.res.Deleted = n
	}
	if err := j.invalidateParents(ctx, tx); err != nil {
		return err
	}
	if j.cursor != nil {
		switch {
		case j.res.Mode != "incremental" && j.nullCur:
			j.state.Cursor = ""
			j.note(fmt.Sprintf("some rows have a null %s: every run is a full scan", j.cursor.Name))
		case j.maxCur != nil:
			j.state.Cursor = cursorText(j.maxCur)
		}
	}
	if seen != nil && j.fetch {
		j.state.Detail = true // a complete listing fetched every row whose detail was not current
	}
	j.saveRunning()
	j.res.Live = int64(len(j.hashes))
	j.state.Status = "done"
	j.state.FinishedAt = j.r.now()
	j.state.Rows = j.res.Live
	if err := j.r.w.SaveState(ctx, tx, j.state); err != nil {
		return destErr(err)
	}
	if err := tx.Commit(); err != nil {
		return destErr(err)
	}
	if j.invalidated > 0 && j.r.ran[j.t.Parent.Table] {
		j.r.invalidated[j.t.Parent.Table] += j.invalidated // refreshed at the end of the run
	}
	j.r.log.InfoContext(ctx, "table replicated", "table", j.t.Name, "mode", j.res.Mode, "rows", j.res.Rows,
		"written", j.res.Written, "deleted", j.res.Deleted, "calls", j.res.Calls, "waited", j.res.Waited)
	j.report(true)
	return nil
}

// maxConfirm is the most delete candidates confirmed one by one.
const maxConfirm = 50

// confirmGone returns the keys of keys that a GET by key confirms are gone. Offset paging can skip a row when
// another row is deleted during the listing; a skipped row must not be taken for a deleted one. Beyond
// maxConfirm candidates (a mass delete), or when the table has no GET by key, the listing is trusted.
func (j *job) confirmGone(ctx context.Context, keys []string) ([]string, error) {
	if len(keys) == 0 || len(keys) > maxConfirm || len(j.t.Key) != 1 || !j.t.CanPush(j.t.Key[0], catalog.Eq) {
		return keys, nil
	}
	var out []string
	for _, k := range keys {
		vals, err := keyValues(k, j.keyTypes)
		if err != nil {
			return nil, err
		}
		q := catalog.Where(j.t.Key[0], catalog.Eq, vals[0])
		q.Columns = j.t.Key
		found := false
		for _, err := range j.t.List(ctx, j.r.client, q) {
			if err != nil && !errors.Is(err, reply.ErrNotFound) {
				return nil, err
			}
			found = err == nil
			break
		}
		if found {
			j.note(fmt.Sprintf("%s %s was missing from the listing but exists: kept", j.t.Key[0], k))
			continue
		}
		out = append(out, k)
	}
	return out, nil
}

// finishFailed records the failure in the state table (best effort: the destination may be what failed) and
// returns err.
func (j *job) finishFailed(ctx context.Context, err error) (TableResult, error) {
	j.saveRunning()
	j.state.Status = "failed"
	j.state.Note = err.Error()
	if ctx.Err() == nil {
		if serr := j.r.w.SaveState(ctx, j.r.db, j.state); serr != nil {
			j.r.log.DebugContext(ctx, "cannot record failure", "table", j.t.Name, "err", serr)
		}
	}
	j.res.Live = int64(len(j.hashes) - j.newRows) // the rows of the uncommitted batch are not there
	return j.res, err
}

func after(a, b any) bool {
	switch x := a.(type) {
	case time.Time:
		y, ok := b.(time.Time)
		return ok && x.After(y)
	case int64:
		y, ok := b.(int64)
		return ok && x > y
	case string:
		y, ok := b.(string)
		return ok && x > y
	case float64:
		y, ok := b.(float64)
		return ok && x > y
	}
	return false
}

func cursorText(v any) string {
	switch x := v.(type) {
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	case int64:
		return strconv.FormatInt(x, 10)
	}
	return fmt.Sprint(v)
}

// keyValues turns a [dest.KeyString] back into typed key values.
func keyValues(k string, types []catalog.Type) ([]any, error) {
	parts := strings.Split(k, "\x1f")
	if len(parts) != len(types) {
		return nil, fmt.Errorf("replicate: malformed key %q", k)
	}
	out := make([]any, len(parts))
	for i, p := range parts {
		switch types[i] {
		case catalog.Int:
			n, err := strconv.ParseInt(p, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("replicate: key %q: %w", k, err)
			}
			out[i] = n
		default:
			out[i] = p
		}
	}
	return out, nil
}
