package replicate

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"text/tabwriter"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
	"github.com/replykit/replykit/reply"
)

// Replicator copies catalog tables from Reply into one destination database.
type Replicator struct {
	client *reply.Client
	d      dest.Dialect
	db     *sql.DB
	w      *dest.Writer

	log      *slog.Logger
	progress func(Progress)
	naming   dest.Naming
	prefix   string
	nested   Nested
	deletes  Deletes
	lookback time.Duration
	full     bool
	detail   bool
	probe    bool
	now      func() time.Time
	batch    int

	// per run: tables run so far, whether each fetched detail, parent rows a later child object invalidated
	ran         map[string]bool
	fetches     map[string]bool
	invalidated map[string]int64
}

// New returns a replicator reading through client and writing to db in dialect d.
func New(client *reply.Client, d dest.Dialect, db *sql.DB, opts ...Option) *Replicator {
	r := &Replicator{client: client, d: d, db: db, now: time.Now, batch: 2000}
	for _, o := range opts {
		o(r)
	}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	r.w = dest.NewWriter(d, r.prefix, r.log)
	return r
}

// TableResult is the outcome of one table.
type TableResult struct {
	Table    string // catalog name
	Dest     string // destination table name
	Strategy string
	// Mode is how the rows were read: "full" (a complete listing), "incremental" (the server filter or
	// sort-and-stop only), "incremental+full" (the filter, then a complete listing to find deletes because the
	// count differed), "degraded" (the API ignored the filter: a complete listing instead).
	Mode    string
	Rows    int64 // rows listed
	Written int64 // rows inserted or changed
	Deleted int64 // rows deleted (soft or hard)
	Live    int64 // live rows in the destination afterwards
	Calls   int   // API requests
	Waited  time.Duration
	Elapsed time.Duration
	Note    string // e.g. why the table degraded to a full scan
	Err     error
}

// Summary is the outcome of a run.
type Summary struct {
	Tables  []TableResult
	Calls   int
	Waited  time.Duration
	Elapsed time.Duration
}

// WriteText prints the summary as an aligned table.
func (s *Summary) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TABLE\tMODE\tLISTED\tWRITTEN\tDELETED\tROWS\tCALLS\tWAITED\tNOTE")
	for _, t := range s.Tables {
		note := t.Note
		if t.Err != nil {
			note = "FAILED: " + t.Err.Error()
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\n", t.Dest, t.Mode, t.Rows, t.Written, t.Deleted, t.Live, t.Calls,
			t.Waited.Round(time.Second), note)
	}
	fmt.Fprintf(tw, "total\t\t\t\t\t\t%d\t%s\t%s elapsed\n", s.Calls, s.Waited.Round(time.Second), s.Elapsed.Round(time.Millisecond))
	return tw.Flush()
}

// Run replicates tables in order. A table that fails for a reason of its own (a 4xx on one endpoint) is
// reported and the run goes on; an error that dooms every table (cancellation, 401, rate-limit storm, server
// errors, the destination failing) stops the run. The error is a *[catalog.PartialError] whose Done counts the
// rows written and whose Failed lists the failed tables (Key {"Table": name}); the destination is consistent
// either way, and a re-run resumes. A run takes the destination's lock first ([dest.Writer.Lock]) and fails
// at once, with an error wrapping [dest.ErrLocked], when another run holds it.
func (r *Replicator) Run(ctx context.Context, tables []*catalog.Table) (*Summary, error) {
	start := r.now()
	sum := &Summary{}
	before := r.client.Stats()
	defer func() {
		st := r.client.Stats().Sub(before)
		sum.Calls, sum.Waited, sum.Elapsed = st.Requests, st.Waited, r.now().Sub(start)
	}()
	// One run at a time per destination: the lock is held by a database session of this run.
	unlock, err := r.w.Lock(ctx, r.db)
	if errors.Is(err, dest.ErrLocked) {
		return sum, &catalog.PartialError{Err: fmt.Errorf("%w on the %s destination (state table %s)", dest.ErrLocked,
			r.d.Name, r.prefix+dest.StateTable)}
	}
	if err != nil {
		return sum, &catalog.PartialError{Err: destErr(err)}
	}
	defer unlock()
	if err := r.w.EnsureState(ctx, r.db); err != nil {
		return sum, &catalog.PartialError{Err: destErr(err)}
	}
	// A read-only destination fails here, before any API call.
	if err := r.w.CheckWritable(ctx, r.db); err != nil {
		return sum, &catalog.PartialError{Err: destErr(err)}
	}
	r.ran, r.fetches, r.invalidated = map[string]bool{}, map[string]bool{}, map[string]int64{}
	var done int
	var failed []catalog.RowError
	for i, t := range tables {
		res, err := r.runTable(ctx, t)
		r.ran[t.Name] = true
		res.Err = err
		sum.Tables = append(sum.Tables, res)
		done += int(res.Written)
		if err == nil {
			continue
		}
		failed = append(failed, catalog.RowError{Index: i, Key: catalog.Row{"Table": t.Name}, Err: err})
		if fatal(ctx, err) {
			return sum, &catalog.PartialError{Done: done, Failed: failed, Err: fmt.Errorf("%s: %w", t.Name, err)}
		}
		r.log.WarnContext(ctx, "table failed", "table", t.Name, "err", err)
	}
	// A child object listed after its parent changed rows that are also in the parent's detail (a step edited
	// through SequenceSteps is in Sequences.Steps): refetch those parents now rather than on the next run.
	for i, t := range tables {
		if r.invalidated[t.Name] == 0 || !r.fetches[t.Name] || sum.Tables[i].Err != nil {
			continue
		}
		res, err := r.runTable(ctx, t)
		prev := &sum.Tables[i]
		prev.Rows += res.Rows
		prev.Written += res.Written
		prev.Deleted += res.Deleted
		prev.Live = res.Live
		prev.Calls += res.Calls
		prev.Waited += res.Waited
		prev.Elapsed += res.Elapsed
		if prev.Note != "" {
			prev.Note += "; "
		}
		prev.Note += fmt.Sprintf("then relisted: %d row(s) rewritten whose detail changed through a child object", res.Written)
		done += int(res.Written)
		if err == nil {
			continue
		}
		prev.Err = err
		failed = append(failed, catalog.RowError{Index: i, Key: catalog.Row{"Table": t.Name}, Err: err})
		if fatal(ctx, err) {
			return sum, &catalog.PartialError{Done: done, Failed: failed, Err: fmt.Errorf("%s: %w", t.Name, err)}
		}
		r.log.WarnContext(ctx, "table failed", "table", t.Name, "err", err)
	}
	if len(failed) > 0 {
		return sum, &catalog.PartialError{Done: done, Failed: failed}
	}
	return sum, nil
}

// ErrDestination is wrapped by errors of the destination database (errors.Is reports it), which stop the run.
var ErrDestination = errors.New("destination failed")

// destError marks errors of the destination database, which doom every table.
type destError struct{ err error }

func (e *destError) Error() string        { return "destination: " + e.err.Error() }
func (e *destError) Unwrap() error        { return e.err }
func (e *destError) Is(target error) bool { return target == ErrDestination }

func destErr(err error) error {
	if err == nil {
		return nil
	}
	var de *destError
	if errors.As(err, &de) {
		return err
	}
	return &destError{err}
}

func fatal(ctx context.Context, err error) bool {
	var de *destError
	return ctx.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, reply.ErrUnauthorized) || errors.Is(err, reply.ErrRateLimited) || errors.Is(err, reply.ErrServer) ||
		errors.As(err, &de)
}
