package bisync

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
)

// job is the sync of one object.
type job struct {
	s        *Syncer
	t        *catalog.Table
	dt       *dest.Table
	cols     []catalog.Column // synced columns, aligned with dt.Columns
	hashCols []catalog.Column // cols without the create-only ones (Sequences.Steps): what the base covers
	modCol   string           // modification-time column for Newest, "" when none

	bases map[int64]string
	db    map[int64]side // live table rows with an Id
	soft  map[int64]bool // soft-deleted table rows
	nulls []catalog.Row  // table rows with a NULL Id
	api   map[int64]side

	res   TableResult
	rows  []RowResult
	pulls []catalog.Row // rows to write into the table (base = their hash)
	drops []int64       // rows to remove from the table, with their base
	keep  map[int64]string

	ins []insert
	upd []update
	del []deletion

	done        []written // successful pushes: rows to rewrite
	gone        []int64   // successful push deletes
	failedNulls []insert  // failed inserts

	pendingKeys map[string]bool // natural keys of pending inserts left by earlier runs
	marked      []string        // natural keys marked pending by this run
}

type deletion struct {
	id       int64
	conflict string
}

// side is one row of one side: its hash, and its values only when a write may need them (no base, or changed
// on either side), so that a run over unchanged rows holds hashes, not rows.
type side struct {
	h   string
	row catalog.Row
}

type insert struct {
	row      catalog.Row // table values (normalized)
	oldId    *int64
	conflict string
}

type update struct {
	id       int64
	row      catalog.Row // the table row
	changes  catalog.Row // Id + changed writable columns
	conflict string
	note     string
}

func (s *Syncer) syncTable(ctx context.Context, t *catalog.Table) (TableResult, []RowResult, error) {
	var skip []string
	for _, c := range t.Columns {
		if c.DetailOnly && !(c.CreateOnly && c.Required) {
			skip = append(skip, c.Name)
		}
	}
	j := &job{s: s, t: t, dt: dest.TableFor(t, dest.Options{Naming: s.naming, Prefix: s.prefix}, skip...), keep: map[int64]string{}}
	j.res = TableResult{Object: t.Name, Table: j.dt.Name}
	for _, dc := range j.dt.Columns {
		c, _ := t.Column(dc.Source)
		j.cols = append(j.cols, c)
		if !c.CreateOnly {
			j.hashCols = append(j.hashCols, c)
		}
	}
	if t.Changes.Cursor != "" && !t.Changes.InsertsOnly && t.Changes.Strategy != catalog.Full {
		j.modCol = t.Changes.Cursor
	}
	start := s.client.Stats()
	res, rows, err := j.run(ctx)
	res.Calls = s.client.Stats().Sub(start).Requests
	return res, rows, err
}

func (j *job) run(ctx context.Context) (TableResult, []RowResult, error) {
	s := j.s

	if err := j.load(ctx); err != nil {
		return j.res, nil, err
	}
	if err := j.list(ctx); err != nil {
		return j.res, nil, err
	}
	j.plan()
	j.adopt()
	if s.dryRun {
		j.dry()
		return j.res, j.rows, nil
	}
	j.push(ctx)
	if err := j.commit(ctx); err != nil {
		return j.res, j.rows, fmt.Errorf("destination: %w", err)
	}
	return j.res, j.rows, nil
}

// load reads the bases and the table.
func (j *job) load(ctx context.Context) error {
	s := j.s
	j.bases, j.db, j.soft = map[int64]string{}, map[int64]side{}, map[int64]bool{}
	exists, err := s.w.Exists(ctx, s.db, j.dt)
	if err != nil {
		return err
	}
	if !exists && s.dryRun {
		return nil
	}
	if !s.dryRun {
		if _, err := s.w.Ensure(ctx, s.db, j.dt); err != nil {
			return err
		}
	}
	if ok, err := s.w.Exists(ctx, s.db, s.state); err != nil {
		return err
	} else if ok {
		if j.bases, err = s.loadBases(ctx, j.t.Name); err != nil {
			return err
		}
	}
	if j.pendingKeys, err = s.loadPending(ctx, j.t.Name); err != nil {
		return err
	}
	q := s.w.D.Quote
	names := make([]string, 0, len(j.dt.Columns)+1)
	for _, c := range j.dt.Columns {
		names = append(names, q(c.Name))
	}
	names = append(names, q(dest.DeletedAt))
	rs, err := s.db.QueryContext(ctx, "SELECT "+strings.Join(names, ", ")+" FROM "+q(j.dt.Name))
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
		vals := make([]any, len(names))
		ptrs := make([]any, len(names))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			return err
		}
		raw := catalog.Row{}
		for i, c := range j.cols {
			raw[c.Name] = vals[i]
		}
		row, err := normalizeRow(j.cols, raw)
		if err != nil {
			return fmt.Errorf("table %s: %w", j.dt.Name, err)
		}
		id, ok := row["Id"].(int64)
		switch {
		case !ok:
			j.nulls = append(j.nulls, row)
		case vals[len(vals)-1] != nil:
			j.soft[id] = true
		default:
			sd := side{h: j.hash(row), row: row}
			if b, ok := j.bases[id]; ok && b == sd.h {
				sd.row = nil // unchanged since the base
			}
			j.db[id] = sd
		}
	}
	return rs.Err()
}

// list reads every row of the object from Reply.
func (j *job) list(ctx context.Context) error {
	j.api = map[int64]side{}
	names := make([]string, len(j.hashCols))
	for i, c := range j.hashCols {
		names[i] = c.Name
	}
	for r, err := range j.t.List(ctx, j.s.client, catalog.Query{Columns: names}) {
		if err != nil {
			return fmt.Errorf("listing: %w", err)
		}
		row, err := normalizeRow(j.cols, r)
		if err != nil {
			return err
		}
		id, ok := row["Id"].(int64)
		if !ok {
			return errors.New("listing: a row without Id")
		}
		sd := side{h: j.hash(row), row: row}
		if b, ok := j.bases[id]; ok && b == sd.h {
			if d, inDB := j.db[id]; inDB && d.row == nil {
				sd.row = nil // unchanged on both sides
			}
		}
		j.api[id] = sd
	}
	return nil
}

func (j *job) hash(r catalog.Row) string { return hashRow(r, j.hashCols) }

func (j *job) result(r RowResult) {
	r.Object = j.t.Name
	j.rows = append(j.rows, r)
}

// plan compares both sides with the bases and queues the writes.
func (j *job) plan() {
	ids := map[int64]bool{}
	for id := range j.bases {
		ids[id] = true
	}
	for id := range j.db {
		ids[id] = true
	}
	for id := range j.soft {
		ids[id] = true
	}
	for id := range j.api {
		ids[id] = true
	}
	for _, id := range sortedIds(ids) {
		j.planRow(id)
	}
	for _, r := range j.nulls {
		j.ins = append(j.ins, insert{row: r})
	}
}

func (j *job) planRow(id int64) {
	base, hasBase := j.bases[id]
	apiSide, inAPI := j.api[id]
	dbSide, inDB := j.db[id]
	apiRow, dbRow := apiSide.row, dbSide.row
	soft := j.soft[id]
	if !hasBase {
		switch {
		case inAPI:
			if inDB && dbSide.h == apiSide.h {
				j.keep[id] = apiSide.h
				return
			}
			j.pull(apiRow, inDB || soft, "")
		case inDB:
			old := id
			j.ins = append(j.ins, insert{row: dbRow, oldId: &old})
		}
		return // a soft-deleted row unknown to Reply: nothing to do
	}
	var apiH, dbH string
	if inAPI {
		apiH = apiSide.h
	}
	if inDB {
		dbH = dbSide.h
	}
	apiChanged, dbChanged := apiH != base, dbH != base
	switch {
	case !apiChanged && !dbChanged:
		return
	case apiChanged && !dbChanged:
		if inAPI {
			j.pull(apiRow, true, "")
		} else {
			j.remove(id, "")
		}
		return
	case dbChanged && !apiChanged:
		if inDB {
			j.planUpdate(id, dbRow, apiRow, "")
		} else {
			j.del = append(j.del, deletion{id: id})
		}
		return
	}
	// Both changed.
	if apiH == dbH {
		if inAPI {
			j.keep[id] = apiH
		} else {
			j.drops = append(j.drops, id) // deleted on both sides
		}
		return
	}
	dbWins := j.s.policy == DBWins
	how := "both changed: reply wins"
	if j.s.policy == Newest {
		how = "both changed: reply is newer"
		if j.modCol == "" {
			how = "both changed: no modification time, reply wins"
		} else if inDB && inAPI {
			at, _ := dbRow[j.modCol].(time.Time)
			bt, _ := apiRow[j.modCol].(time.Time)
			if at.After(bt) {
				dbWins, how = true, "both changed: table is newer"
			}
		}
	} else if dbWins {
		how = "both changed: table wins"
	}
	j.res.Conflicts++
	switch {
	case !inAPI && !dbWins:
		j.remove(id, "deleted in Reply, changed in the table: "+how)
	case !inAPI:
		j.ins = append(j.ins, insert{row: dbRow, oldId: &id, conflict: "deleted in Reply, changed in the table: " + how})
	case !inDB && !dbWins:
		j.pull(apiRow, true, "deleted in the table, changed in Reply: "+how)
	case !inDB:
		j.del = append(j.del, deletion{id: id, conflict: "deleted in the table, changed in Reply: " + how})
	case dbWins:
		j.planUpdate(id, dbRow, apiRow, how)
	default:
		j.pull(apiRow, true, how)
	}
}

func (j *job) pull(r catalog.Row, exists bool, conflict string) {
	j.pulls = append(j.pulls, r)
	a := PullInsert
	if exists {
		a = PullUpdate
	}
	j.result(RowResult{Id: r["Id"].(int64), Action: a, Conflict: conflict})
}

func (j *job) remove(id int64, conflict string) {
	j.drops = append(j.drops, id)
	j.result(RowResult{Id: id, Action: PullDelete, Conflict: conflict})
}

// planUpdate queues the writable columns in which the table row differs from Reply's.
func (j *job) planUpdate(id int64, dbRow, apiRow catalog.Row, conflict string) {
	ch := catalog.Row{"Id": id}
	var note []string
	for _, c := range j.cols {
		if c.Name == "Id" || c.ReadOnly {
			continue
		}
		if c.CreateOnly {
			if dbRow[c.Name] != nil {
				note = append(note, c.Name+" not sent: create-only")
			}
			continue
		}
		if !equal(dbRow[c.Name], apiRow[c.Name]) {
			ch[c.Name] = dbRow[c.Name]
		}
	}
	if len(ch) == 1 {
		// Only read-only columns differ: Reply's values are put back.
		j.pull(apiRow, true, conflict)
		j.rows[len(j.rows)-1].Note = "only read-only columns changed in the table: restored"
		return
	}
	j.upd = append(j.upd, update{id: id, row: dbRow, changes: ch, conflict: conflict, note: strings.Join(note, "; ")})
}

// dry reports the queued writes without doing them.
func (j *job) dry() {
	for _, in := range j.ins {
		j.result(RowResult{OldId: in.oldId, Action: PushInsert, Conflict: in.conflict, Note: "dry run"})
		j.res.Inserts++
	}
	for _, u := range j.upd {
		j.result(RowResult{Id: u.id, Action: PushUpdate, Conflict: u.conflict, Note: join("dry run", u.note)})
		j.res.Updates++
	}
	for _, d := range j.del {
		j.result(RowResult{Id: d.id, Action: PushDelete, Conflict: d.conflict, Note: "dry run"})
		j.res.Deletes++
	}
	j.res.Pulled = len(j.pulls)
	for _, r := range j.rows {
		if r.Action == PullDelete {
			j.res.Removed++
		}
	}
}

func sortedIds(m map[int64]bool) []int64 {
	out := make([]int64, 0, len(m))
	for id := range m {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

func joinComma(s []string) string { return strings.Join(s, ", ") }

func join(a, b string) string {
	if b == "" {
		return a
	}
	return a + "; " + b
}
