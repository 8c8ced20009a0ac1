package csvio

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply"
)

// maxFailedKept bounds PartialError.Failed; the errors output holds every failed row.
const maxFailedKept = 1000

// perRowBatch is the batch of tables whose catalog funcs make one call per row: small batches keep the journal
// close behind. Tables that write through a bulk endpoint say how many rows one call takes (Table.BatchSize,
// Table.DeleteBatchSize).
const perRowBatch = 10

func (im *Importer) batchSize(m Mode) int {
	if im.opts.BatchSize > 0 {
		return im.opts.BatchSize
	}
	n := 0
	switch m {
	case Insert:
		n = im.t.BatchSize
	case Delete:
		n = im.t.DeleteBatchSize
	case Update:
		if im.bulkUpdate() {
			n = reply.ContactImportMax
		}
	}
	if n > 0 {
		return n
	}
	return perRowBatch
}

// bulkUpdate reports whether updates go through the contacts import endpoint (Contacts matched by --key Email).
func (im *Importer) bulkUpdate() bool {
	return im.t.Name == "Contacts" && im.key != nil && im.key.Name == "Email"
}

type item struct {
	line int
	rec  []string
	key  catalog.Row // key as resolved before the call (update, delete), for the ok output
}

type batch struct {
	rows  []catalog.Row
	items []item
}

// cfSet is a custom field value to write: from a CustomFields.<title> cell or a --set constant.
type cfSet struct {
	id    int64
	value any // text, or nil to clear
}

// unchanged is the action of a row equal to the row its --key matched: nothing to write.
const unchanged Mode = -1

// run is the state of one Importer.Run.
type run struct {
	im      *Importer
	ctx     context.Context
	fields  []field
	cfIDs   map[int]int64 // header index -> custom field id
	setCFs  []cfSet       // --set CustomFields.<title or id> constants, resolved
	header  []string
	okW     *csv.Writer
	errW    *csv.Writer
	idCol   int // header index that receives the id in the ok output, or -1 (appended)
	jw      *journalWriter
	resume  *Journal
	sum     Summary
	failed  []catalog.RowError
	batches map[Mode]*batch
	dropped map[string]bool
	deleted map[string]int // key of each row deleted (or queued), to its line
	stop    error
	meID    int64
	done    int
	total   int
}

// Run imports the CSV in in (read twice: once to check its structure and count rows before any call, once to
// import) and writes the ok and errors outputs and the journal. It returns the summary and, when rows failed or
// the run stopped early, a *[catalog.PartialError] whose Failed holds up to 1000 rows (the errors output holds
// all) and whose Err says why the run stopped (context cancelled, invalid API key), if it did. Errors about the
// input as a whole wrap [ErrBadInput] or [ErrBadOption]; a journal of another import wraps [ErrJournalMismatch].
func (im *Importer) Run(ctx context.Context, in io.ReadSeeker, out Outputs) (Summary, error) {
	im.cache = newResolver(im.c) // listings are cached for one run only: a run's own writes make them stale
	for _, id := range out.Resume.doneIDs() {
		im.cache.claim(im.t, id) // never taken for a lost row's copy
	}
	header, total, err := im.scan(in, out.Resume)
	if err != nil {
		return Summary{}, err
	}
	fields, ignored, err := im.plan(header)
	if err != nil {
		return Summary{}, err
	}
	head := im.headKey(header)
	if out.Resume != nil && out.Resume.Head.V != 0 && out.Resume.Head != head {
		was := out.Resume.Head
		if was.Table == head.Table && was.Mode == head.Mode && was.Header == head.Header {
			return Summary{}, fmt.Errorf("%w: it was written with the options %s, this run has %s: resume with the "+
				"same --key, --map, --set, --lookup and --null, or delete the journal to start over", ErrJournalMismatch,
				optionsText(was.Options), optionsText(head.Options))
		}
		return Summary{}, fmt.Errorf("%w: it was written for %s --mode %s with header %q", ErrJournalMismatch,
			was.Table, was.Mode, was.Header)
	}
	// The calls run under callCtx: when ctx is cancelled (Ctrl-C), the batch in flight is given Grace to finish,
	// so that rows the API has written are journaled instead of redone by --resume; no new batch starts.
	callCtx := ctx
	if im.opts.Grace > 0 {
		c, cancel := context.WithCancelCause(context.WithoutCancel(ctx))
		defer cancel(nil)
		finished := make(chan struct{})
		defer close(finished)
		go func() {
			select {
			case <-finished:
				return
			case <-ctx.Done():
			}
			grace := time.NewTimer(im.opts.Grace)
			defer grace.Stop()
			select {
			case <-finished:
			case <-grace.C:
				cancel(context.Cause(ctx))
			}
		}()
		callCtx = c
	}
	r := &run{im: im, ctx: callCtx, fields: fields, header: header, resume: out.Resume, total: total,
		cfIDs: map[int]int64{}, batches: map[Mode]*batch{}, dropped: map[string]bool{}, deleted: map[string]int{}, idCol: -1}
	r.sum.Rows, r.sum.Ignored, r.sum.DryRun = total, ignored, im.opts.DryRun
	for i, f := range fields {
		if f.role == roleCustomField {
			id, err := im.cache.customField(ctx, f.cf)
			if err != nil {
				if isRejected(err) {
					return r.sum, fmt.Errorf("%w: line 1: column %s: no custom field has the title or id %q",
						ErrBadInput, f.name, f.cf)
				}
				return r.sum, err
			}
			r.cfIDs[i] = id
		}
		if (f.role == roleColumn || f.role == roleIgnored) && f.col.Name == im.t.Key[len(im.t.Key)-1] {
			r.idCol = i
		}
	}
	for _, sc := range im.setCFs {
		id, err := im.cache.customField(ctx, sc.ref)
		if err != nil {
			if isRejected(err) {
				return r.sum, fmt.Errorf("%w: --set CustomFields.%s: no custom field has the title or id %q",
					ErrBadOption, sc.ref, sc.ref)
			}
			return r.sum, err
		}
		r.setCFs = append(r.setCFs, cfSet{id: id, value: sc.value})
	}
	if _, err := in.Seek(0, io.SeekStart); err != nil {
		return r.sum, err
	}
	cr := im.newCSVReader(in)
	if _, err := cr.Read(); err != nil {
		return r.sum, fmt.Errorf("%w: %w", ErrBadInput, err)
	}
	if err := r.openOutputs(out); err != nil {
		return r.sum, err
	}
	for r.stop == nil {
		if ctx.Err() != nil {
			r.stop = context.Cause(ctx) // the rows read so far but not written stay pending
			break
		}
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		var pe *csv.ParseError
		if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
			line = pe.StartLine
			r.fail(item{line: line, rec: rec}, rowErrorf("line %d: %d fields, the header has %d", line, len(rec),
				len(header)), false)
			continue
		}
		if err != nil {
			r.stop = fmt.Errorf("%w: %w", ErrBadInput, err)
			break
		}
		r.row(item{line: line, rec: rec})
	}
	for _, m := range []Mode{Insert, Update, Delete} {
		if r.stop == nil && ctx.Err() != nil {
			r.stop = context.Cause(ctx)
		}
		if r.stop == nil {
			r.flush(m)
		}
	}
	if err := r.commit(); err != nil && r.stop == nil {
		r.stop = err
	}
	r.sum.Pending = r.total - r.done
	for name := range r.dropped {
		r.sum.Ignored = append(r.sum.Ignored, name)
	}
	if r.sum.Failed > 0 || r.stop != nil {
		return r.sum, &catalog.PartialError{Done: r.sum.OK(), Failed: r.failed, Err: r.stop}
	}
	return r.sum, nil
}

func (r *run) openOutputs(out Outputs) error {
	okOut, errOut := out.OK, out.Errors
	if okOut == nil {
		okOut = io.Discard
	}
	if errOut == nil {
		errOut = io.Discard
	}
	comma := r.im.opts.Delimiter
	if comma == 0 {
		comma = ','
	}
	r.okW, r.errW = csv.NewWriter(okOut), csv.NewWriter(errOut)
	r.okW.Comma, r.errW.Comma = comma, comma
	okHead := append([]string(nil), r.header...)
	if r.idCol < 0 {
		okHead = append(okHead, r.im.t.Key[len(r.im.t.Key)-1])
	}
	errName := "Error"
	for _, h := range r.header {
		if strings.EqualFold(h, errName) {
			errName = "ImportError"
		}
	}
	if err := r.okW.Write(okHead); err != nil {
		return err
	}
	if err := r.errW.Write(append(append([]string(nil), r.header...), errName)); err != nil {
		return err
	}
	if out.Journal != nil && !r.im.opts.DryRun {
		r.jw = &journalWriter{w: out.Journal}
		if r.resume == nil || r.resume.Head.V == 0 {
			if err := r.jw.head(r.im.headKey(r.header)); err != nil {
				return err
			}
		}
	}
	return nil
}

// row handles one well-formed record: resumed, rejected, or queued in a batch.
func (r *run) row(it item) {
	if e, ok := r.resume.done(it.line); ok {
		r.done++
		if e.OK {
			r.sum.Resumed++
			r.writeOK(it, e.ID)
		} else {
			r.sum.Failed++
			r.keepFailed(it, errors.New(e.Err))
			r.writeErr(it, e.Err)
		}
		return
	}
	for i, cell := range it.rec {
		if !utf8.ValidString(cell) {
			r.fail(it, rowErrorf("line %d: column %s is not valid UTF-8", it.line, r.fields[i].name), false)
			return
		}
	}
	action, values, err := r.build(it)
	if err != nil {
		if stop := fatal(r.ctx, err); stop != nil {
			r.stop = stop // a listing for a lookup or --key failed for good: the row stays pending
			return
		}
		r.fail(it, fmt.Errorf("line %d: %w", it.line, err), retryable(err))
		return
	}
	if action == Insert && r.resume.lost(it.line) && r.im.t.Name != "Contacts" {
		// The earlier call got no answer: if it wrote the row, the row is there, equal on every written column.
		// (Contacts find theirs by email on insert: the import endpoint reports the existing contact.)
		id, found, err := r.im.cache.written(r.ctx, r.im.t, values)
		if err != nil {
			if stop := fatal(r.ctx, err); stop != nil {
				r.stop = stop
				return
			}
			r.fail(it, fmt.Errorf("line %d: looking for the row an earlier call may have written: %w", it.line, err),
				retryable(err))
			return
		}
		if found {
			r.done++
			r.sum.Inserted++
			r.writeOK(it, id)
			r.jw.add(journalEntry{Line: it.line, Sum: recordSum(it.rec), OK: true, ID: id})
			return
		}
	}
	if action == unchanged {
		id := text(values[r.im.t.Key[len(r.im.t.Key)-1]])
		r.done++
		r.sum.Unchanged++
		r.writeOK(it, id)
		r.jw.add(journalEntry{Line: it.line, Sum: recordSum(it.rec), OK: true, ID: id})
		return
	}
	if action != Delete {
		if err := catalog.ValidateRow(r.im.t, values, action == Insert); err != nil {
			r.fail(it, fmt.Errorf("line %d: %w", it.line, err), false)
			return
		}
	}
	if action != Insert {
		it.key = catalog.Row{}
		var kb strings.Builder
		for _, k := range r.im.t.Key {
			it.key[k] = values[k]
			kb.WriteString(text(values[k]) + "\x00")
		}
		if action == Delete {
			if prev, dup := r.deleted[kb.String()]; dup {
				r.fail(it, rowErrorf("line %d: deletes the same row as line %d", it.line, prev), false)
				return
			}
			r.deleted[kb.String()] = it.line
		}
	}
	b := r.batches[action]
	if b == nil {
		b = &batch{}
		r.batches[action] = b
	}
	b.rows = append(b.rows, values)
	b.items = append(b.items, it)
	if len(b.rows) >= r.im.batchSize(action) {
		r.flush(action)
	}
}

// build turns a record into the row to write and picks the action.
func (r *run) build(it item) (Mode, catalog.Row, error) {
	im, t := r.im, r.im.t
	values := catalog.Row{}
	var cfs []cfSet
	var members []member
	for i, f := range r.fields {
		if i >= len(it.rec) {
			break
		}
		cell := it.rec[i]
		if cell == "" {
			continue
		}
		switch f.role {
		case roleColumn:
			v, err := parseCell(f.col, cell, im.opts.Null)
			if err != nil {
				return 0, nil, err
			}
			values[f.col.Name] = v
		case roleLookup:
			spec := im.lookups[f.lookup]
			kv, err := parseCell(spec.key, cell, im.opts.Null)
			if err != nil {
				return 0, nil, fmt.Errorf("%s: %w", f.name, err)
			}
			if kv == nil {
				values[spec.target.Name] = nil
				continue
			}
			key, ok, err := im.cache.find(r.ctx, spec.table, spec.key.Name, kv)
			if err != nil {
				return 0, nil, err
			}
			if !ok {
				return 0, nil, rowErrorf("%s: no %s has %s %q", f.name, spec.table.Name, spec.key.Name, cell)
			}
			values[spec.target.Name] = key[spec.table.Key[0]]
		case roleCustomField:
			var v any = cell
			if cell == `\N` || (im.opts.Null != "" && cell == im.opts.Null) {
				v = nil
			}
			cfs = append(cfs, cfSet{id: r.cfIDs[i], value: v})
		case roleMember:
			var v any = cell
			if cell == `\N` || (im.opts.Null != "" && cell == im.opts.Null) {
				v = nil
			}
			members = append(members, member{col: f.col.Name, name: f.cf, value: v})
		}
	}
	for k, v := range im.set {
		values[k] = v
	}
	cfs = append(cfs, r.setCFs...) // after the cells: constants win
	if err := setMembers(values, append(members, im.setMembers...)); err != nil {
		return 0, nil, err
	}
	if len(cfs) > 0 {
		var list []map[string]any
		if raw, ok := values["CustomFields"].(json.RawMessage); ok && len(raw) > 0 {
			if err := json.Unmarshal(raw, &list); err != nil {
				return 0, nil, rowErrorf("CustomFields: not a JSON array of {key, value}: %v", err)
			}
		}
	next:
		for _, cf := range cfs {
			id := strconv.FormatInt(cf.id, 10)
			for _, m := range list {
				if text(m["key"]) == id || text(m["id"]) == id {
					m["value"] = cf.value
					continue next
				}
			}
			list = append(list, map[string]any{"key": id, "value": cf.value})
		}
		raw, err := json.Marshal(list)
		if err != nil {
			return 0, nil, err
		}
		values["CustomFields"] = json.RawMessage(raw)
	}

	action := im.opts.Mode
	if im.key != nil {
		v, present := values[im.key.Name]
		if !present || v == nil {
			if action != Upsert {
				return 0, nil, rowErrorf("%s is empty: nothing to match", im.key.Name)
			}
			action = Insert
		} else {
			full := action != Delete
			key, ok, err := im.cache.findRow(r.ctx, t, im.key.Name, v, full)
			switch {
			case err != nil:
				return 0, nil, err
			case ok:
				for _, k := range t.Key {
					values[k] = key[k]
				}
				if action == Upsert {
					action = Update
				}
				if full {
					same, err := im.cache.sameAsStored(r.ctx, t, im.key.Name, v, values, key)
					if err != nil {
						return 0, nil, err
					}
					if same {
						return unchanged, values, nil
					}
				}
			case action == Upsert:
				action = Insert
			default:
				return 0, nil, rowErrorf("no %s has %s %q", t.Name, im.key.Name, text(v))
			}
		}
	} else if action == Upsert {
		action = Update
		for _, k := range t.Key {
			if values[k] == nil {
				action = Insert
			}
		}
	}

	switch action {
	case Delete:
		key := catalog.Row{}
		for _, k := range t.Key {
			if values[k] == nil {
				return 0, nil, rowErrorf("key column %s is empty", k)
			}
			key[k] = values[k]
		}
		return Delete, key, nil
	case Insert:
		for name := range values {
			c, _ := t.Column(name)
			if c.ReadOnly && !isParentKey(t, c.Name) {
				delete(values, name) // the key (Id) of an upsert row being inserted, or the --key column
			}
		}
	case Update:
		for name := range values {
			c, _ := t.Column(name)
			if isKey(t, c.Name) {
				continue
			}
			if c.ReadOnly || c.CreateOnly {
				delete(values, name)
				r.dropped[c.Name+" (not writable on update)"] = true
			}
		}
	}
	return action, values, nil
}

// flush writes one batch through the catalog and records each row's outcome.
func (r *run) flush(m Mode) {
	b := r.batches[m]
	if b == nil || len(b.rows) == 0 {
		return
	}
	delete(r.batches, m)
	var results []catalog.WriteResult
	if !r.im.opts.DryRun {
		t := r.im.t
		if m == Insert || m == Delete {
			// Intent: should the process die during the call (kill -9, power loss), a resumed run knows these rows
			// may have been written: it looks for an inserted row before creating it again, and takes "not found"
			// for a delete as done. The outcome lines below supersede these.
			for _, it := range b.items {
				r.jw.add(journalEntry{Line: it.line, Sum: recordSum(it.rec), Err: "the run stopped during its write call",
					Retry: true, Lost: m == Insert})
			}
			if err := r.jw.commit(); err != nil {
				r.stop = err // the batch's rows stay pending
				return
			}
		}
		switch m {
		case Insert:
			rows := b.rows
			if t.Name == "Contacts" {
				rows = r.ownedByCaller(rows)
			}
			results = t.Insert(r.ctx, r.im.c, rows)
			for i, it := range b.items {
				// A row that failed transiently in an earlier run and now finds its email taken was created by that
				// run: it is done, with that contact's Id.
				if i < len(results) && errors.Is(results[i].Err, catalog.ErrExists) && results[i].Row != nil &&
					r.resume.retried(it.line) {
					results[i].Err = nil
				}
			}
		case Update:
			if r.im.bulkUpdate() {
				results = updateContacts(r.ctx, r.im.c, t, b.rows, r.listedFirstName)
			} else {
				results = t.Update(r.ctx, r.im.c, b.rows)
			}
		case Delete:
			results = t.Delete(r.ctx, r.im.c, b.rows)
			for i, it := range b.items {
				// Deleted by an earlier run whose answer (or journal line) was lost.
				if i < len(results) && notFound(results[i].Err) && r.resume.retried(it.line) {
					results[i] = catalog.WriteResult{Row: it.key}
				}
			}
		}
	}
	idName := r.im.t.Key[len(r.im.t.Key)-1]
	for i, it := range b.items {
		var res catalog.WriteResult
		switch {
		case r.im.opts.DryRun:
			res = catalog.WriteResult{Row: it.key}
		case i < len(results):
			res = results[i]
		default:
			res = catalog.WriteResult{Err: fmt.Errorf("no result from %s %s", r.im.t.Name, m)}
		}
		if res.Err != nil {
			if stop := fatal(r.ctx, res.Err); stop != nil {
				if r.stop == nil {
					r.stop = stop
				}
				continue // pending: not in any output, redone by --resume
			}
			// A row with a result key was written before its error (created, then the owner or status PATCH
			// failed): doing it again would fail on the existing row.
			partial := res.Row != nil && res.Row[idName] != nil
			r.failLost(it, fmt.Errorf("line %d: %w", it.line, res.Err), retryable(res.Err) && !partial,
				m == Insert && unanswered(res.Err))
			continue
		}
		var id any
		if res.Row != nil {
			id = res.Row[idName]
		}
		if id == nil && it.key != nil {
			id = it.key[idName]
		}
		idText := text(id)
		r.done++
		switch m {
		case Insert:
			r.sum.Inserted++
			r.im.cache.claim(r.im.t, idText)
		case Update:
			r.sum.Updated++
		case Delete:
			r.sum.Deleted++
		}
		r.writeOK(it, idText)
		r.jw.add(journalEntry{Line: it.line, Sum: recordSum(it.rec), OK: true, ID: idText})
	}
	if err := r.commit(); err != nil && r.stop == nil {
		r.stop = err
	}
	r.im.log.DebugContext(r.ctx, "import batch written", "table", r.im.t.Name, "mode", m.String(), "rows", len(b.rows),
		"done", r.done, "failed", r.sum.Failed, "dry_run", r.im.opts.DryRun)
	if r.im.opts.Progress != nil {
		r.im.opts.Progress(r.done, r.sum.Failed, r.total)
	}
}

// listedFirstName returns the first name the --key Email listing read for email ("" when unknown).
func (r *run) listedFirstName(email string) string {
	row, ok, err := r.im.cache.findRow(r.ctx, r.im.t, "Email", email, true) // the --key listing of an update
	if err != nil || !ok {
		return ""
	}
	s, _ := row["FirstName"].(string)
	return s
}

// ownedByCaller returns rows without the OwnerUserId of the rows that name the caller (a new contact's owner
// anyway), so Contacts.Insert neither patches them nor asks who the caller is for each batch: an exported CSV
// re-imported names the caller on every row. The caller is asked once per run, only when a row names an owner;
// if that fails, the rows are left as they are.
func (r *run) ownedByCaller(rows []catalog.Row) []catalog.Row {
	var out []catalog.Row
	for i, row := range rows {
		owner, ok := row["OwnerUserId"].(int64)
		if !ok {
			continue
		}
		me, err := r.me()
		if err != nil {
			return rows
		}
		if owner != me {
			continue
		}
		if out == nil {
			out = slices.Clone(rows)
		}
		out[i] = maps.Clone(row)
		delete(out[i], "OwnerUserId")
	}
	if out == nil {
		return rows
	}
	return out
}

// me returns the calling user's id, asked once per run.
func (r *run) me() (int64, error) {
	if r.meID == 0 {
		u, err := r.im.c.WhoAmI.Get(r.ctx)
		if err != nil {
			return 0, err
		}
		r.meID = int64(u.UserID)
	}
	return r.meID, nil
}

// commit flushes the outputs, then makes the journal durable.
func (r *run) commit() error {
	r.okW.Flush()
	r.errW.Flush()
	if err := errors.Join(r.okW.Error(), r.errW.Error()); err != nil {
		return err
	}
	return r.jw.commit()
}

func (r *run) fail(it item, err error, retry bool) { r.failLost(it, err, retry, false) }

// failLost is fail; lost says the call got no answer, so the API may have written the row.
func (r *run) failLost(it item, err error, retry, lost bool) {
	r.done++
	r.sum.Failed++
	reason := Reason(err)
	r.keepFailed(it, err)
	r.writeErr(it, reason)
	r.jw.add(journalEntry{Line: it.line, Sum: recordSum(it.rec), Err: reason, Retry: retry, Lost: retry && lost})
}

// notFound reports whether err says the row does not exist (a per-row 404 or a bulk call's notFound item).
func notFound(err error) bool {
	var ie reply.ItemError
	return errors.Is(err, reply.ErrNotFound) || (errors.As(err, &ie) && strings.EqualFold(ie.Code, "notFound"))
}

// unanswered reports whether a call failed without an API answer (network error, truncated body), as opposed
// to a status the API returned.
func unanswered(err error) bool {
	var re *reply.Error
	var ie reply.ItemError
	return !errors.As(err, &re) && !errors.As(err, &ie) && !isRejected(err) &&
		!errors.Is(err, catalog.ErrInvalidValue) && !errors.Is(err, catalog.ErrExists)
}

func (r *run) keepFailed(it item, err error) {
	if len(r.failed) < maxFailedKept {
		r.failed = append(r.failed, catalog.RowError{Index: it.line - 2, Err: err})
	}
}

func (r *run) writeOK(it item, id string) {
	rec := append([]string(nil), it.rec...)
	if r.idCol >= 0 {
		rec[r.idCol] = id
	} else {
		rec = append(rec, id)
	}
	_ = r.okW.Write(rec) // errors surface at commit
}

func (r *run) writeErr(it item, reason string) {
	rec := make([]string, 0, max(len(it.rec), len(r.header))+1)
	for _, cell := range it.rec {
		rec = append(rec, strings.ToValidUTF8(cell, "\uFFFD"))
	}
	for len(rec) < len(r.header) {
		rec = append(rec, "")
	}
	// The reason goes under the Error header; the fields of a row longer than the header follow it.
	out := append(append(rec[:len(r.header):len(r.header)], reason), rec[len(r.header):]...)
	_ = r.errW.Write(out)
}

// Reason is the text written to the errors output for err: for API errors the status, code, detail and field
// problems ("API 400 contact.invalidInput: Contact with this email already exists."), otherwise the message.
func Reason(err error) string {
	var re *reply.Error
	if !errors.As(err, &re) {
		return strings.ReplaceAll(err.Error(), "\n", "; ")
	}
	var b strings.Builder
	prefix, _, _ := strings.Cut(err.Error(), re.Error())
	b.WriteString(strings.TrimSuffix(prefix, ": "))
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "API %d", re.Status)
	if re.Code != "" {
		b.WriteString(" " + re.Code)
	}
	if re.Detail != "" {
		b.WriteString(": " + re.Detail)
	} else if re.Title != "" {
		b.WriteString(": " + re.Title)
	}
	for _, fe := range re.Errors {
		b.WriteString("; ")
		if fe.Pointer != "" {
			b.WriteString(fe.Pointer + ": ")
		}
		b.WriteString(fe.Detail)
	}
	return b.String()
}

// retryable reports whether a row that failed with err may succeed if tried again unchanged.
func retryable(err error) bool {
	var re *reply.Error
	var ie reply.ItemError
	switch {
	case errors.As(err, &re):
		return re.Status == 429 || re.Status >= 500
	case isRejected(err), errors.Is(err, catalog.ErrInvalidValue), errors.Is(err, catalog.ErrExists), errors.As(err, &ie):
		return false // the input or the item's state: the same row fails the same way
	}
	return true // network, truncated responses, cancelled calls
}

// fatal returns why the whole run must stop after err, or nil when only the row failed.
func fatal(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if errors.Is(err, reply.ErrUnauthorized) {
		return err
	}
	return nil
}
