package replicate

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
)

// Documented API limits (REFERENCE.md §1.8).
const (
	PerMinute = 100
	PerHour   = 3000
)

// guessRows is the row count assumed for a table with no count, no previous run and no parent estimate.
const guessRows = 25

// PlanItem is the estimate of one table.
type PlanItem struct {
	Table   string
	Mode    string // "full" or "incremental"
	Rows    int64  // estimated rows
	AtLeast bool   // Rows (and so Calls) is a lower bound: a probe page came back full
	Source  string // where Rows comes from: "last run", "count", "probe", "parents", "guess"
	Calls   int64  // estimated API calls (detail fetches included when the run makes them)
	How     string // how the calls add up
	// Detail is "fetched", "not fetched" (the columns stay NULL) or "" (the table has no detail-only columns);
	// DetailCalls is what fetching them costs in this run, whether or not Calls includes it.
	Detail      string
	DetailCalls int64
}

// Plan is the estimate of a run, computed before any listing (it may call Count endpoints, and with
// [WithProbe] list one page per object). It only reads the destination.
type Plan struct {
	Items   []PlanItem
	Calls   int64
	AtLeast bool          // some figure is a lower bound
	Guessed bool          // some row count is a guess
	MinWall time.Duration // under PerMinute and PerHour
	// DetailCalls are the calls --detail would add (detail-only columns this run leaves NULL).
	DetailCalls   int64
	DetailAtLeast bool // DetailCalls is a lower bound
	Spent         int  // API calls the estimate itself made
}

// MinWall returns the least wall time calls requests need under the documented fixed-window limits: the first
// window's quota is available at once, each further window waits for the next.
func MinWall(calls int64) time.Duration {
	if calls <= 0 {
		return 0
	}
	minutes := time.Duration((calls-1)/PerMinute) * time.Minute
	hours := time.Duration((calls-1)/PerHour) * time.Hour
	return max(minutes, hours)
}

// estimate is where a table's row count comes from.
type estimate struct {
	rows        int64
	source      string
	atLeast     bool
	incremental bool
	detail      bool  // its detail-only columns are current (State.Detail)
	lastCalls   int64 // API calls of the last complete run
}

// Plan estimates the API calls of replicating tables (Σ ceil(rows ÷ page size) per listing, plus one call per
// parent for child tables and one per row for detail-only columns when fetched), before running.
func (r *Replicator) Plan(ctx context.Context, tables []*catalog.Table) (*Plan, error) {
	p := &Plan{}
	before := r.client.Stats()
	known := map[string]estimate{} // table -> estimate, for children
	// Plan only reads the destination: a missing state table means no previous run.
	stateExists, err := r.w.HasState(ctx, r.db)
	if err != nil {
		return nil, destErr(err)
	}
	estimateOf := func(t *catalog.Table) (estimate, error) {
		if e, ok := known[strings.ToLower(t.Name)]; ok {
			return e, nil
		}
		e, err := r.estimate(ctx, t, stateExists)
		if err == nil {
			known[strings.ToLower(t.Name)] = e
		}
		return e, err
	}
	for _, t := range tables {
		e, err := estimateOf(t)
		if err != nil {
			return nil, fmt.Errorf("plan %s: %w", t.Name, err)
		}
		rows := e.rows
		page := int64(t.MaxPage)
		pages := func(n int64) int64 {
			if page <= 0 {
				return 1
			}
			return max(1, int64(math.Ceil(float64(n)/float64(page))))
		}
		it := PlanItem{Table: t.Name, Rows: rows, Source: e.source, AtLeast: e.atLeast, Mode: "full"}
		detail, nestedDetail := false, false
		o := r.destOptions(t)
		for _, c := range t.Columns {
			if c.DetailOnly && !c.WriteOnly {
				detail = true
				nestedDetail = nestedDetail || o.Nested[c.Name]
			}
		}
		fetch := detail && (r.detail || nestedDetail)
		// Detail for every row when none is current (first run, or rows a run without it wrote; the run then
		// lists every row to refill them) or on --full; else only for the rows that changed (none, here).
		refill := detail && (!e.detail || r.full)
		incremental := e.incremental && !(fetch && refill)
		var how []string
		if t.Parent != nil {
			var pe estimate
			pt, found := catalog.Lookup(t.Parent.Table)
			if found {
				if pe, err = estimateOf(pt); err != nil {
					return nil, fmt.Errorf("plan %s: %w", t.Name, err)
				}
			} else {
				pe = estimate{rows: guessRows, source: "guess"}
			}
			parents := pe.rows
			it.AtLeast = it.AtLeast || pe.atLeast
			p.Guessed = p.Guessed || pe.source == "guess"
			parentPages := int64(1)
			if found && pt.MaxPage > 0 {
				parentPages = max(1, int64(math.Ceil(float64(parents)/float64(pt.MaxPage))))
			}
			per := int64(math.Ceil(float64(rows) / float64(max(1, parents))))
			it.Calls = parentPages + parents*pages(per)
			if e.source == "last run" && e.lastCalls > 0 && !it.AtLeast {
				// Every run lists every parent's children: as many calls as the last run (not every parent
				// need have an endpoint call, e.g. variants of email steps only).
				it.Calls = e.lastCalls
				how = append(how, fmt.Sprintf("as the last run (%d parents, %s)", parents, pe.source))
			} else {
				how = append(how, fmt.Sprintf("%d page(s) of parents + %d parents (%s) × %d page(s)", parentPages, parents,
					pe.source, pages(per)))
			}
		} else {
			switch {
			case incremental && t.Count != nil && r.deletes != DeletesOff:
				it.Mode = "incremental"
				it.Calls = 2
				how = append(how, "1 changes page + 1 count (no changes)")
			case incremental && r.deletes == DeletesOff:
				it.Mode = "incremental"
				it.Calls = 1
				how = append(how, "1 changes page (no changes)")
			default:
				it.Calls = pages(rows)
				if page <= 0 {
					how = append(how, "1 call (unpaged list)")
				} else {
					how = append(how, fmt.Sprintf("ceil(%d/%d) pages", rows, page))
				}
			}
		}
		atLeast := ""
		if it.AtLeast {
			atLeast = ">="
		}
		if detail {
			if refill {
				it.DetailCalls = rows
			}
			if fetch {
				it.Detail = "fetched"
				it.Calls += it.DetailCalls
				if it.DetailCalls > 0 {
					how = append(how, fmt.Sprintf("%s%d GETs for detail-only columns (1 per row)", atLeast, it.DetailCalls))
				} else {
					how = append(how, "1 GET per changed row for detail-only columns")
				}
			} else {
				it.Detail = "not fetched"
				p.DetailCalls += it.DetailCalls
				p.DetailAtLeast = p.DetailAtLeast || (it.AtLeast && it.DetailCalls > 0)
				how = append(how, fmt.Sprintf("detail-only columns left NULL (--detail: +%s%d calls)", atLeast, it.DetailCalls))
			}
		}
		it.How = strings.Join(how, " + ")
		p.Guessed = p.Guessed || e.source == "guess"
		p.AtLeast = p.AtLeast || it.AtLeast
		p.Items = append(p.Items, it)
		p.Calls += it.Calls
	}
	p.MinWall = MinWall(p.Calls)
	p.Spent = r.client.Stats().Sub(before).Requests
	return p, nil
}

// estimate returns the row estimate of t: from its last complete run, its count endpoint, a probe page
// ([WithProbe]) or a guess.
func (r *Replicator) estimate(ctx context.Context, t *catalog.Table, stateExists bool) (estimate, error) {
	dt := r.destOptions(t)
	name := dt.Prefix + dt.Naming.Name(t.Name)
	var st dest.State
	var has bool
	if stateExists {
		var err error
		if st, has, err = r.w.LoadState(ctx, r.db, name); err != nil {
			return estimate{}, destErr(err)
		}
	}
	e := estimate{incremental: has && !r.full && st.Cursor != "" && t.Changes.Strategy != catalog.Full,
		detail: !has || st.Detail}
	if has && !st.FinishedAt.IsZero() {
		e.rows, e.source, e.lastCalls = st.Rows, "last run", st.Calls
		return e, nil
	}
	e.detail = false // no complete run: every row is new
	if t.Count != nil {
		n, ok, err := t.Count(ctx, r.client, catalog.Query{})
		if err != nil {
			return estimate{}, err
		}
		if ok {
			e.rows, e.source = n, "count"
			return e, nil
		}
	}
	if r.probe && t.Parent == nil {
		var cols []string
		for _, c := range t.Columns {
			if !c.DetailOnly && !c.WriteOnly {
				cols = append(cols, c.Name)
			}
		}
		q := catalog.Query{Columns: cols, Limit: t.MaxPage} // one page (an unpaged object: its one call)
		var n int64
		for _, err := range t.List(ctx, r.client, q) {
			if err != nil {
				return estimate{}, err
			}
			n++
		}
		e.rows, e.source = n, "probe"
		e.atLeast = t.MaxPage > 0 && n >= int64(t.MaxPage)
		return e, nil
	}
	e.rows, e.source = guessRows, "guess"
	return e, nil
}

func lookup(tables []*catalog.Table, name string) (*catalog.Table, bool) {
	for _, t := range tables {
		if strings.EqualFold(t.Name, name) {
			return t, true
		}
	}
	return nil, false
}

// WriteText prints the plan as an aligned table.
func (p *Plan) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TABLE\tMODE\tROWS\tFROM\tCALLS\tHOW")
	ge := func(b bool) string {
		if b {
			return ">="
		}
		return ""
	}
	for _, it := range p.Items {
		fmt.Fprintf(tw, "%s\t%s\t%s%d\t%s\t%s%d\t%s\n", it.Table, it.Mode, ge(it.AtLeast), it.Rows, it.Source, ge(it.AtLeast), it.Calls, it.How)
	}
	fmt.Fprintf(tw, "total\t\t\t\t%s%d\tminimum wall time %s%s at %d/min and %d/h\n", ge(p.AtLeast), p.Calls, ge(p.AtLeast), p.MinWall, PerMinute, PerHour)
	if err := tw.Flush(); err != nil {
		return err
	}
	if p.DetailCalls > 0 {
		fmt.Fprintf(w, "--detail would add %s%d calls for the detail-only columns left NULL (minimum wall time %s%s)\n",
			ge(p.DetailAtLeast), p.DetailCalls, ge(p.AtLeast || p.DetailAtLeast), MinWall(p.Calls+p.DetailCalls))
	}
	if p.AtLeast {
		fmt.Fprintln(w, ">= marks a lower bound: a probe page came back full")
	}
	if p.Guessed {
		fmt.Fprintf(w, "rows from \"guess\" are an assumption (%d per object), not a measurement; --probe counts top-level objects with one page each (child objects' calls follow their parents' count)\n", guessRows)
	}
	_, err := fmt.Fprintf(w, "this estimate made %d API call(s)\n", p.Spent)
	return err
}
