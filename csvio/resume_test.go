package csvio_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/csvio"
	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
)

// importRun is one run's outputs.
type importRun struct {
	sum      csvio.Summary
	err      error
	ok, errs [][]string
}

func runOnce(tb testing.TB, ctx context.Context, c *reply.Client, opts csvio.ImportOptions, input string, journal *bytes.Buffer,
	resume bool) importRun {
	tb.Helper()
	im, err := csvio.NewImporter(c, mustTable(tb, "Contacts"), opts)
	if err != nil {
		tb.Fatal(err)
	}
	out := csvio.Outputs{Journal: journal}
	if resume {
		j, err := csvio.ReadJournal(bytes.NewReader(journal.Bytes()))
		if err != nil {
			tb.Fatal(err)
		}
		out.Resume = j
	}
	var okBuf, errBuf bytes.Buffer
	out.OK, out.Errors = &okBuf, &errBuf
	sum, err := im.Run(ctx, strings.NewReader(input), out)
	return importRun{sum: sum, err: err, ok: mustRecords(tb, okBuf.String()), errs: mustRecords(tb, errBuf.String())}
}

func mustRecords(tb testing.TB, s string) [][]string {
	tb.Helper()
	r := csv.NewReader(strings.NewReader(s))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	if len(recs) == 0 {
		return nil
	}
	return recs[1:] // header
}

// checkSplit checks that every input line is in exactly one output.
func checkSplit(tb testing.TB, input string, r importRun) {
	tb.Helper()
	in := mustRecords(tb, input)
	seen := map[string]int{}
	for _, rec := range r.ok {
		seen[rec[0]]++
	}
	for _, rec := range r.errs {
		seen[rec[0]]++
	}
	for _, rec := range in {
		if seen[rec[0]] != 1 {
			tb.Errorf("row %s is in the outputs %d times", rec[0], seen[rec[0]])
		}
	}
	if len(r.ok)+len(r.errs) != len(in)-r.sum.Pending {
		tb.Errorf("ok %d + errors %d != rows %d - pending %d", len(r.ok), len(r.errs), len(in), r.sum.Pending)
	}
}

// countContacts lists the emulator's contacts and fails on duplicate emails.
func countContacts(tb testing.TB, c *reply.Client) int {
	tb.Helper()
	emails := map[string]bool{}
	for row, err := range mustTable(tb, "Contacts").List(tb.Context(), c, catalog.Query{Columns: []string{"Id", "Email"}}) {
		if err != nil {
			tb.Fatal(err)
		}
		e := strings.ToLower(fmt.Sprint(row["Email"]))
		if emails[e] {
			tb.Errorf("duplicate contact %s", e)
		}
		emails[e] = true
	}
	return len(emails)
}

// TestImportFaultsResume: injected faults fail whole import calls; each failed row is in errors.csv once, and
// --resume redoes exactly those rows, with the lower bound of calls.
func TestImportFaultsResume(t *testing.T) {
	t.Parallel()
	srv, c := mustServer(t)
	input := contactsCSV(60)
	srv.Fail("contacts.import", replytest.Fault{Status: 503, Times: 2})
	var journal bytes.Buffer
	opts := csvio.ImportOptions{Mode: csvio.Insert, BatchSize: 10}

	before := c.Stats()
	r1 := runOnce(t, t.Context(), c, opts, input, &journal, false)
	var pe *catalog.PartialError
	if !errors.As(r1.err, &pe) || pe.Err != nil {
		t.Fatalf("run 1: err = %v, want a PartialError without a stop cause", r1.err)
	}
	checkSplit(t, input, r1)
	if r1.sum.Inserted != 40 || r1.sum.Failed != 20 || len(r1.errs) != 20 {
		t.Errorf("run 1: %+v, want 40 inserted and 20 failed", r1.sum)
	}
	if !strings.Contains(r1.errs[0][len(r1.errs[0])-1], "API 503") {
		t.Errorf("run 1: reason %q, want the API status", r1.errs[0][len(r1.errs[0])-1])
	}
	if got := c.Stats().Sub(before).Requests; got != 6 {
		t.Errorf("run 1: %d calls, want 6 (60 rows in batches of 10)", got)
	}

	before = c.Stats()
	r2 := runOnce(t, t.Context(), c, opts, input, &journal, true)
	if r2.err != nil {
		t.Fatalf("resume: %v", r2.err)
	}
	checkSplit(t, input, r2)
	if r2.sum.Resumed != 40 || r2.sum.Inserted != 20 || len(r2.ok) != 60 || len(r2.errs) != 0 {
		t.Errorf("resume: %+v, ok %d, errors %d; want 40 resumed, 20 inserted, 60 ok", r2.sum, len(r2.ok), len(r2.errs))
	}
	if got := c.Stats().Sub(before).Requests; got != 2 {
		t.Errorf("resume: %d calls, want 2 (the two failed batches)", got)
	}
	if n := countContacts(t, c); n != 60 {
		t.Errorf("%d contacts, want 60", n)
	}
}

// TestImportChaosResume: random 5xx, dropped connections and truncated answers (processed, answer lost) on the
// import calls; --resume without chaos finishes, and no contact is created twice.
func TestImportChaosResume(t *testing.T) {
	t.Parallel()
	srv, c := mustServer(t)
	input := contactsCSV(200)
	srv.SetChaos(replytest.Chaos{Seed: 7, Rate5xx: 0.25, RateDrop: 0.1, RateTruncate: 0.15})
	var journal bytes.Buffer
	opts := csvio.ImportOptions{Mode: csvio.Insert, BatchSize: 10}
	r1 := runOnce(t, t.Context(), c, opts, input, &journal, false)
	checkSplit(t, input, r1)
	if r1.sum.Failed == 0 || r1.sum.Inserted == 0 {
		t.Fatalf("run 1: %+v: the chaos rates should fail some batches and pass others", r1.sum)
	}
	t.Logf("run 1 (chaos): %d inserted, %d failed", r1.sum.Inserted, r1.sum.Failed)

	srv.SetChaos(replytest.Chaos{})
	r2 := runOnce(t, t.Context(), c, opts, input, &journal, true)
	if r2.err != nil {
		t.Fatalf("resume: %v", r2.err)
	}
	checkSplit(t, input, r2)
	if len(r2.ok) != 200 || r2.sum.Resumed != r1.sum.Inserted {
		t.Errorf("resume: %+v with %d ok rows; want 200 ok, %d resumed", r2.sum, len(r2.ok), r1.sum.Inserted)
	}
	ids := map[string]bool{}
	for _, rec := range r2.ok {
		id := rec[len(rec)-1]
		if id == "" || ids[id] {
			t.Errorf("ok row %v: empty or repeated id", rec)
		}
		ids[id] = true
	}
	if n := countContacts(t, c); n != 200 {
		t.Errorf("%d contacts, want 200", n)
	}
}

// TestImportInterruptedResume: the context is cancelled after the second batch; the run stops with the rows of
// the interrupted batch pending, and --resume finishes without repeating a row.
func TestImportInterruptedResume(t *testing.T) {
	t.Parallel()
	_, c := mustServer(t)
	input := contactsCSV(50)
	var journal bytes.Buffer
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	batches := 0
	opts := csvio.ImportOptions{Mode: csvio.Insert, BatchSize: 10, Progress: func(done, failed, total int) {
		if batches++; batches == 2 {
			cancel()
		}
	}}
	r1 := runOnce(t, ctx, c, opts, input, &journal, false)
	var pe *catalog.PartialError
	if !errors.As(r1.err, &pe) || !errors.Is(pe.Err, context.Canceled) {
		t.Fatalf("run 1: err = %v, want a PartialError stopped by cancellation", r1.err)
	}
	if r1.sum.Inserted != 20 || r1.sum.Pending != 30 || len(r1.ok) != 20 || len(r1.errs) != 0 {
		t.Errorf("run 1: %+v, want 20 inserted, 30 pending", r1.sum)
	}
	opts.Progress = nil
	before := c.Stats()
	r2 := runOnce(t, t.Context(), c, opts, input, &journal, true)
	if r2.err != nil {
		t.Fatalf("resume: %v", r2.err)
	}
	if r2.sum.Resumed != 20 || r2.sum.Inserted != 30 || len(r2.ok) != 50 {
		t.Errorf("resume: %+v, want 20 resumed and 30 inserted", r2.sum)
	}
	if got := c.Stats().Sub(before).Requests; got != 3 {
		t.Errorf("resume: %d calls, want 3", got)
	}
	if n := countContacts(t, c); n != 50 {
		t.Errorf("%d contacts, want 50", n)
	}
}

func TestJournalMismatch(t *testing.T) {
	t.Parallel()
	var journal bytes.Buffer
	journal.WriteString(`{"v":1,"table":"Accounts","mode":"insert","header":"Name"}` + "\n")
	r2 := runOnce(t, t.Context(), nil, csvio.ImportOptions{Mode: csvio.Insert}, "Email\n", &journal, true)
	if !errors.Is(r2.err, csvio.ErrJournalMismatch) {
		t.Errorf("err = %v, want ErrJournalMismatch", r2.err)
	}
}

// TestImportPaced: an object written one call per row (ContactLists) under the real limits of 100 requests per
// minute: the client's pacer spaces the calls (on the emulator clock, so the test does not sleep) and the
// emulator never answers 429.
func TestImportPaced(t *testing.T) {
	t.Parallel()
	srv := replytest.NewServer(replytest.WithLimits(100, 3000))
	t.Cleanup(srv.Close)
	c, err := reply.NewClient(srv.Key, reply.WithBaseURL(srv.URL), reply.WithHTTPClient(srv.HTTPClient()),
		reply.WithRateLimits(100, 3000), reply.WithClock(srv.Clock()))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("Name\n")
	for i := range 250 {
		fmt.Fprintf(&b, "List %03d\n", i)
	}
	im, err := csvio.NewImporter(c, mustTable(t, "ContactLists"), csvio.ImportOptions{Mode: csvio.Insert})
	if err != nil {
		t.Fatal(err)
	}
	start := srv.Now()
	sum, err := im.Run(t.Context(), strings.NewReader(b.String()), csvio.Outputs{})
	if err != nil || sum.Inserted != 250 {
		t.Fatalf("%+v, %v", sum, err)
	}
	st := c.Stats()
	if st.Requests != 250 || st.RateLimited != 0 {
		t.Errorf("%d requests, %d answered 429; want 250 and 0", st.Requests, st.RateLimited)
	}
	if took := srv.Now().Sub(start); took < 2*time.Minute {
		t.Errorf("250 calls took %v of emulator time; at 100/minute they need at least 2m", took)
	}
}

// TestJournalOptionsMismatch: a journal records the options that decide what a row becomes; resuming with other
// ones is refused with both sets named, and a --set value is kept only as a digest.
func TestJournalOptionsMismatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		was, now   csvio.ImportOptions
		wantRefuse bool
	}{
		{"same", csvio.ImportOptions{Set: map[string]string{"OwnerUserId": "7"}},
			csvio.ImportOptions{Set: map[string]string{"OwnerUserId": "7"}}, false},
		{"set value", csvio.ImportOptions{Set: map[string]string{"OwnerUserId": "7"}},
			csvio.ImportOptions{Set: map[string]string{"OwnerUserId": "8"}}, true},
		{"set dropped", csvio.ImportOptions{Set: map[string]string{"OwnerUserId": "7"}}, csvio.ImportOptions{}, true},
		{"map", csvio.ImportOptions{Map: map[string]string{"Mail": "Email"}},
			csvio.ImportOptions{Map: map[string]string{"Mail": ""}}, true},
		{"null", csvio.ImportOptions{}, csvio.ImportOptions{Null: "NULL"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			input := "Email,Mail\na@x.io,b@x.io\n"
			tt.was.Mode, tt.now.Mode = csvio.Insert, csvio.Insert
			if tt.was.Map == nil {
				tt.was.Map = map[string]string{"Mail": ""}
			}
			if tt.now.Map == nil {
				tt.now.Map = map[string]string{"Mail": ""}
			}
			if tt.was.Map["Mail"] == "Email" {
				input = "FirstName,Mail\nAnn,a@x.io\n"
				tt.now.Map["FirstName"], tt.was.Map["FirstName"] = "FirstName", "FirstName"
				tt.now.Map["Mail"] = ""
			}
			// The first run stops at once (cancelled context): only the journal head is written.
			ctx, cancel := context.WithCancel(t.Context())
			cancel()
			var journal bytes.Buffer
			runOnce(t, ctx, nil, tt.was, input, &journal, false)
			if strings.Contains(journal.String(), `"7"`) || strings.Contains(journal.String(), "=7") {
				t.Errorf("journal holds a --set value: %s", journal.String())
			}
			r := runOnce(t, ctx, nil, tt.now, input, &journal, true)
			refused := errors.Is(r.err, csvio.ErrJournalMismatch)
			if refused != tt.wantRefuse {
				t.Fatalf("err = %v, want refused %v", r.err, tt.wantRefuse)
			}
			if refused && !strings.Contains(r.err.Error(), "resume with the same") {
				t.Errorf("err = %v, want a message naming both option sets", r.err)
			}
		})
	}
}

// TestImportInterruptGrace: the context is cancelled while the second batch's call is in the API (as Ctrl-C
// would). With a grace period the call completes and its rows are journaled, so --resume neither loses nor
// repeats a row; no third batch starts.
func TestImportInterruptGrace(t *testing.T) {
	t.Parallel()
	em := replytest.NewEmulator(replytest.WithClock(time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)))
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var posts atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && posts.Add(1) == 2 {
			cancel() // the second batch is in flight: the API still writes it
		}
		em.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	c, err := reply.NewClient("key", reply.WithBaseURL(ts.URL), reply.WithRateLimits(0, 0), reply.WithClock(em.Clock()))
	if err != nil {
		t.Fatal(err)
	}
	input := contactsCSV(50)
	var journal bytes.Buffer
	opts := csvio.ImportOptions{Mode: csvio.Insert, BatchSize: 10, Grace: time.Minute}
	r1 := runOnce(t, ctx, c, opts, input, &journal, false)
	var pe *catalog.PartialError
	if !errors.As(r1.err, &pe) || !errors.Is(pe.Err, context.Canceled) {
		t.Fatalf("run 1: err = %v, want a PartialError stopped by cancellation", r1.err)
	}
	if r1.sum.Inserted != 20 || r1.sum.Pending != 30 || len(r1.ok) != 20 || len(r1.errs) != 0 {
		t.Errorf("run 1: %+v, want 20 inserted (the batch in flight finished), 30 pending", r1.sum)
	}
	if n := posts.Load(); n != 2 {
		t.Errorf("run 1: %d write calls, want 2 (no batch after the interrupt)", n)
	}
	r2 := runOnce(t, t.Context(), c, csvio.ImportOptions{Mode: csvio.Insert, BatchSize: 10}, input, &journal, true)
	if r2.err != nil {
		t.Fatalf("resume: %v", r2.err)
	}
	if r2.sum.Resumed != 20 || r2.sum.Inserted != 30 || len(r2.ok) != 50 {
		t.Errorf("resume: %+v, want 20 resumed and 30 inserted", r2.sum)
	}
	if n := countContacts(t, c); n != 50 {
		t.Errorf("%d contacts, want 50", n)
	}
}

// TestImportLostAnswersResume: accounts created by calls whose answers were lost (truncated, dropped) are found
// by --resume, which records them with their ids instead of creating them again.
func TestImportLostAnswersResume(t *testing.T) {
	t.Parallel()
	srv, c := mustServer(t)
	var b strings.Builder
	b.WriteString("Name,DomainName\n")
	for i := range 200 {
		fmt.Fprintf(&b, "Lost %03d,lost%03d.example\n", i, i)
	}
	b.WriteString("Lost 000,lost000.example\n") // the same row twice: two accounts, each line its own
	input := b.String()
	tbl := mustTable(t, "Accounts")
	run := func(resume bool, journal *bytes.Buffer) (csvio.Summary, error) {
		im, err := csvio.NewImporter(c, tbl, csvio.ImportOptions{Mode: csvio.Insert, BatchSize: 20})
		if err != nil {
			t.Fatal(err)
		}
		out := csvio.Outputs{Journal: journal}
		if resume {
			if out.Resume, err = csvio.ReadJournal(bytes.NewReader(journal.Bytes())); err != nil {
				t.Fatal(err)
			}
		}
		return im.Run(t.Context(), strings.NewReader(input), out)
	}
	srv.SetChaos(replytest.Chaos{Seed: 9, RateTruncate: 0.4, RateDrop: 0.1})
	var journal bytes.Buffer
	s1, _ := run(false, &journal)
	if s1.Failed == 0 || s1.Inserted == 0 {
		t.Fatalf("run 1: %+v: the chaos rates should fail some batches and pass others", s1)
	}
	srv.SetChaos(replytest.Chaos{})
	s2, err := run(true, &journal)
	if err != nil {
		t.Fatalf("resume: %+v: %v", s2, err)
	}
	n := 0
	for row, err := range tbl.List(t.Context(), c, catalog.Query{Columns: []string{"Id", "Name"}}) {
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(row["Name"].(string), "Lost ") {
			n++
		}
	}
	if n != 201 {
		t.Errorf("%d accounts after run 1 (%+v) and the resume (%+v), want 201", n, s1, s2)
	}
}

// TestJournalInputChanged: the journal keeps a digest of each row it records; resuming with an input whose
// recorded rows changed is refused before any call, naming the first changed line.
func TestJournalInputChanged(t *testing.T) {
	t.Parallel()
	_, c := mustServer(t)
	input := contactsCSV(30)
	var journal bytes.Buffer
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	opts := csvio.ImportOptions{Mode: csvio.Insert, BatchSize: 10, Progress: func(int, int, int) { cancel() }}
	r1 := runOnce(t, ctx, c, opts, input, &journal, false)
	if r1.sum.Inserted != 10 {
		t.Fatalf("run 1: %+v, want 10 inserted", r1.sum)
	}
	changed := strings.Replace(input, "First004", "Changed004", 1) // line 5, journaled as done
	before := c.Stats()
	r2 := runOnce(t, t.Context(), c, csvio.ImportOptions{Mode: csvio.Insert, BatchSize: 10}, changed, &journal, true)
	if !errors.Is(r2.err, csvio.ErrJournalMismatch) || !strings.Contains(r2.err.Error(), "line 5 ") {
		t.Errorf("resume with a changed line: err = %v, want ErrJournalMismatch naming line 5", r2.err)
	}
	if got := c.Stats().Sub(before).Requests; got != 0 {
		t.Errorf("resume with a changed line: %d calls, want 0", got)
	}
	changed = strings.Replace(input, "First024", "Changed024", 1) // line 25, not reached: fine
	r3 := runOnce(t, t.Context(), c, csvio.ImportOptions{Mode: csvio.Insert, BatchSize: 10}, changed, &journal, true)
	if r3.err != nil || r3.sum.Resumed != 10 || r3.sum.Inserted != 20 {
		t.Errorf("resume with a line not reached changed: %+v, %v", r3.sum, r3.err)
	}
}

// TestImportCrashDuringCall: the run dies while a write call is in the API (no grace: as kill -9 would leave
// it, the outcome never journaled). The journal's intent lines make --resume look for the rows that call wrote
// (inserts) or take "not found" as done (deletes): no row is created twice, no deleted row is reported failed.
func TestImportCrashDuringCall(t *testing.T) {
	t.Parallel()
	em := replytest.NewEmulator(replytest.WithClock(time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)))
	var crashAt atomic.Int32
	var posts atomic.Int32
	var crash context.CancelFunc
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && posts.Add(1) == crashAt.Load() {
			em.ServeHTTP(httptest.NewRecorder(), r) // the API does the write...
			crash()                                 // ...and the importer dies before the answer
			return
		}
		em.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	c, err := reply.NewClient("key", reply.WithBaseURL(ts.URL), reply.WithRateLimits(0, 0), reply.WithClock(em.Clock()))
	if err != nil {
		t.Fatal(err)
	}
	tbl := mustTable(t, "Accounts")
	run := func(ctx context.Context, mode csvio.Mode, input string, journal *bytes.Buffer, resume bool) csvio.Summary {
		im, err := csvio.NewImporter(c, tbl, csvio.ImportOptions{Mode: mode, BatchSize: 10})
		if err != nil {
			t.Fatal(err)
		}
		out := csvio.Outputs{Journal: journal}
		if resume {
			if out.Resume, err = csvio.ReadJournal(bytes.NewReader(journal.Bytes())); err != nil {
				t.Fatal(err)
			}
		}
		sum, _ := im.Run(ctx, strings.NewReader(input), out)
		return sum
	}
	count := func() int {
		n := 0
		for _, err := range tbl.List(t.Context(), c, catalog.Query{Columns: []string{"Id"}}) {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		return n
	}

	var b strings.Builder
	b.WriteString("Name,DomainName\n")
	for i := range 50 {
		fmt.Fprintf(&b, "Crash %02d,crash%02d.example\n", i, i)
	}
	var journal bytes.Buffer
	ctx, cancel := context.WithCancel(t.Context())
	crash = cancel
	crashAt.Store(2)
	s1 := run(ctx, csvio.Insert, b.String(), &journal, false)
	if s1.Inserted != 10 || s1.Pending != 40 {
		t.Fatalf("insert run 1: %+v, want 10 inserted and 40 pending (the second batch written, not recorded)", s1)
	}
	s2 := run(t.Context(), csvio.Insert, b.String(), &journal, true)
	if s2.Resumed != 10 || s2.Inserted != 40 || s2.Failed != 0 {
		t.Errorf("insert resume: %+v, want 10 resumed, 40 inserted", s2)
	}
	if n := count(); n != 50 {
		t.Errorf("%d accounts, want 50", n)
	}

	var del strings.Builder
	del.WriteString("Id\n")
	for id := 1001; id <= 1050; id++ {
		fmt.Fprintf(&del, "%d\n", id)
	}
	journal.Reset()
	posts.Store(0)
	ctx, cancel = context.WithCancel(t.Context())
	crash = cancel
	crashAt.Store(2)
	s1 = run(ctx, csvio.Delete, del.String(), &journal, false)
	if s1.Deleted != 10 || s1.Pending != 40 {
		t.Fatalf("delete run 1: %+v, want 10 deleted and 40 pending", s1)
	}
	s2 = run(t.Context(), csvio.Delete, del.String(), &journal, true)
	if s2.Resumed != 10 || s2.Deleted != 40 || s2.Failed != 0 {
		t.Errorf("delete resume: %+v, want 10 resumed, 40 deleted (10 of them found already gone)", s2)
	}
	if n := count(); n != 0 {
		t.Errorf("%d accounts left, want 0", n)
	}
}
