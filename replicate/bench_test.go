package replicate_test

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/metrics"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
	"github.com/replykit/replykit/replicate"
	"github.com/replykit/replykit/reply/replytest"
)

// Benchmarks are not part of the default test run. Run them with, e.g.
//
//	go test ./replicate -run '^$' -bench . -benchtime 1x
//	REPLYKIT_BENCH_CONTACTS=100000 go test ./replicate -run '^$' -bench FullRunContacts -benchtime 1x
//
// and record the figures in docs/benchmarks.md.

func benchContacts() int {
	if n, err := strconv.Atoi(os.Getenv("REPLYKIT_BENCH_CONTACTS")); err == nil && n > 0 {
		return n
	}
	return 20000
}

// heapPeak samples the live heap until stop is closed and returns the peak.
func heapPeak(stop <-chan struct{}) func() uint64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	go func() {
		defer close(done)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 { <-done; return peak.Load() }
}

func heapNow() uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// lowerBound is Σ ceil(rows ÷ max page) over list-only tables (a bare-array endpoint is one call).
func lowerBound(t *catalog.Table, rows int64) int64 {
	if t.MaxPage <= 0 {
		return 1
	}
	return max(1, int64(math.Ceil(float64(rows)/float64(t.MaxPage))))
}

// BenchmarkFullRunContacts replicates N contacts (default 20,000; REPLYKIT_BENCH_CONTACTS) from the in-process
// emulator into each destination: API calls against the lower bound, rows/s and the replicator's peak heap
// (the emulator's own data is measured before the run and subtracted).
func BenchmarkFullRunContacts(b *testing.B) {
	n := benchContacts()
	for _, e := range engines() {
		b.Run(e.name, func(b *testing.B) {
			srv := newServer(b, replytest.Seed{Seed: 1, Contacts: n})
			c := newClient(b, srv)
			contacts := mustTable(b, "Contacts")
			for range b.N {
				db := e.open(b)
				base := heapNow()
				stop := make(chan struct{})
				peak := heapPeak(stop)
				start := time.Now()
				sum, err := replicate.New(c, e.dialect, db, replicate.WithClock(srv.Now)).Run(b.Context(), []*catalog.Table{contacts})
				elapsed := time.Since(start)
				close(stop)
				if err != nil {
					b.Fatal(err)
				}
				res := sum.Tables[0]
				bound := lowerBound(contacts, res.Live)
				b.ReportMetric(float64(res.Calls), "calls")
				b.ReportMetric(float64(res.Calls)/float64(bound), "calls/bound")
				b.ReportMetric(float64(res.Written)/elapsed.Seconds(), "rows/s")
				b.ReportMetric(float64(peak()-min(base, peak()))/(1<<20), "peak-heap-MB")
				b.ReportMetric(MinWallMinutes(int64(res.Calls)), "min-wall-min")
			}
		})
	}
}

// MinWallMinutes is the least wall time, in minutes, those calls need under 100/min and 3000/h.
func MinWallMinutes(calls int64) float64 { return replicate.MinWall(calls).Minutes() }

// BenchmarkEveryObject replicates every object of a medium account twice and reports, per object, the calls of
// the full run against the lower bound and the calls of an incremental run without changes; then the calls of a
// third run with WithDetail (every detail-only column fetched, once per row).
func BenchmarkEveryObject(b *testing.B) {
	seed := replytest.Seed{Seed: 1, Contacts: 5000, Accounts: 1500, ContactLists: 20, CustomFields: 10, BlacklistRules: 50,
		EmailAccounts: 10, LinkedInAccounts: 5, EmailTemplates: 40, Schedules: 3, HolidayCalendars: 2, Tasks: 300,
		Webhooks: 5, Sequences: 30, SequenceFolders: 5, Enrolments: 40}
	for range b.N {
		srv := newServer(b, seed)
		c := newClient(b, srv)
		db := openSQLite(b)
		r := replicate.New(c, dest.SQLite, db, replicate.WithClock(srv.Now))
		full, err := r.Run(b.Context(), catalog.All())
		if err != nil {
			b.Logf("full run: %v", err)
		}
		srv.Advance(time.Hour)
		again, err := r.Run(b.Context(), catalog.All())
		if err != nil {
			b.Logf("incremental run: %v", err)
		}
		srv.Advance(time.Hour)
		detail, err := replicate.New(c, dest.SQLite, db, replicate.WithClock(srv.Now), replicate.WithDetail(true)).Run(b.Context(), catalog.All())
		if err != nil {
			b.Logf("detail run: %v", err)
		}
		var lines []string
		var fullCalls, boundCalls, listOnlyCalls, listOnlyBound, incCalls, detailCalls int
		for i, res := range full.Tables {
			t := catalog.All()[i]
			bound := lowerBound(t, res.Live)
			kind := "list-only"
			if t.Parent != nil {
				kind = "per-parent"
			}
			for _, col := range t.Columns {
				if col.DetailOnly && !col.WriteOnly {
					kind = "detail"
				}
			}
			if kind == "list-only" {
				listOnlyCalls += res.Calls
				listOnlyBound += int(bound)
			}
			fullCalls += res.Calls
			boundCalls += int(bound)
			inc := again.Tables[i]
			incCalls += inc.Calls
			det := detail.Tables[i]
			detailCalls += det.Calls
			lines = append(lines, fmt.Sprintf("| %s | %d | %s | %d | %d | %.2f | %s | %d | %d |", t.Name, res.Live, kind, res.Calls,
				bound, float64(res.Calls)/float64(bound), inc.Mode, inc.Calls, det.Calls))
		}
		sort.Strings(lines)
		b.Logf("\n| Object | Rows | Kind | Full-run calls | Lower bound | Ratio | Next run | Calls | Then with --detail |\n|---|---|---|---|---|---|---|---|---|\n%s\n| total | | | %d | %d | | | %d | %d |",
			strings.Join(lines, "\n"), fullCalls, boundCalls, incCalls, detailCalls)
		b.ReportMetric(float64(listOnlyCalls)/float64(listOnlyBound), "list-only-calls/bound")
		b.ReportMetric(float64(incCalls), "no-change-calls")
	}
}
