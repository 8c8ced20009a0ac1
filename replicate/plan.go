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
	Table  string
	Mode   string // "full" or "incremental"
	Rows   int64  // estimated rows
	Source string // where Rows comes from: "last run", "count", "parents", "guess"
	Calls  int64  // estimated API calls
	How    string // how the calls add up
}

// Plan is the estimate of a run, computed before any listing (it may call Count endpoints). It only reads the
// destination.
type Plan struct {
	Items   []PlanItem
	Calls   int64
	MinWall time.Duration // under PerMinute and PerHour
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

// Plan estimates the API calls of replicating tables (Σ ceil(rows ÷ page size) per listing, plus one call per
// parent for child tables and one per row for detail-only columns), before running.
func (r *Replicator) Plan(ctx context.Context, tables []*catalog.Table) (*Plan, error) {
	p := &Plan{}
	known := map[string]int64{} // table -> estimated rows, for children
	// Plan only reads the destination: a missing state table means no previous run.
	stateExists, err := r.w.HasState(ctx, r.db)
	if err != nil {
		return nil, destErr(err)
	}
	estimate := func(t *catalog.Table) (int64, string, bool, error) {
		dt := r.destOptions(t)
		name := dt.Prefix + dt.Naming.Name(t.Name)
		var st dest.State
		var has bool
		if stateExists {
			var err error
			if st, has, err = r.w.LoadState(ctx, r.db, name); err != nil {
				return 0, "", false, destErr(err)
			}
		}
		incremental := has && !r.full && st.Cursor != "" && t.Changes.Strategy != catalog.Full
		if has && !st.FinishedAt.IsZero() {
			return st.Rows, "last run", incremental, nil
		}
		if t.Count != nil {
			n, ok, err := t.Count(ctx, r.client, catalog.Query{})
			if err != nil {
				return 0, "", false, err
			}
			if ok {
				return n, "count", incremental, nil
			}
		}
		return guessRows, "guess", incremental, nil
	}
	for _, t := range tables {
		rows, src, incremental, err := estimate(t)
		if err != nil {
			return nil, fmt.Errorf("plan %s: %w", t.Name, err)
		}
		page := int64(t.MaxPage)
		pages := func(n int64) int64 {
			if page <= 0 {
				return 1
			}
			return max(1, int64(math.Ceil(float64(n)/float64(page))))
		}
		it := PlanItem{Table: t.Name, Rows: rows, Source: src, Mode: "full"}
		var how []string
		if t.Parent != nil {
			parents, ok := known[strings.ToLower(t.Parent.Table)]
			pt, found := catalog.Lookup(t.Parent.Table)
			if !ok && found {
				if parents, _, _, err = estimate(pt); err != nil {
					return nil, fmt.Errorf("plan %s: %w", t.Name, err)
				}
			} else if !ok {
				parents = guessRows
			}
			parentPages := int64(1)
			if found && pt.MaxPage > 0 {
				parentPages = max(1, int64(math.Ceil(float64(parents)/float64(pt.MaxPage))))
			}
			per := int64(math.Ceil(float64(rows) / float64(max(1, parents))))
			it.Calls = parentPages + parents*pages(per)
			how = append(how, fmt.Sprintf("%d page(s) of parents + %d parents × %d page(s)", parentPages, parents, pages(per)))
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
		detail := false
		for _, c := range t.Columns {
			detail = detail || (c.DetailOnly && !c.WriteOnly)
		}
		if detail && !r.noDetail && (src != "last run" || r.full) {
			it.Calls += rows
			how = append(how, "1 GET per row for detail-only columns")
		}
		it.How = strings.Join(how, " + ")
		known[strings.ToLower(t.Name)] = rows
		p.Items = append(p.Items, it)
		p.Calls += it.Calls
	}
	p.MinWall = MinWall(p.Calls)
	return p, nil
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
	for _, it := range p.Items {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%d\t%s\n", it.Table, it.Mode, it.Rows, it.Source, it.Calls, it.How)
	}
	fmt.Fprintf(tw, "total\t\t\t\t%d\tminimum wall time %s at %d/min and %d/h\n", p.Calls, p.MinWall, PerMinute, PerHour)
	return tw.Flush()
}
