package replicate_test

import (
	"bufio"
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
	"github.com/replykit/replykit/replicate"
	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
)

// TestKill9 runs replication in a child process, kills it with SIGKILL after k committed batches, and checks
// that a re-run leaves the SQLite destination equal to the API.
func TestKill9(t *testing.T) {
	ctx := t.Context()
	srv := newServer(t, replytest.SmallAccount)
	c := newClient(t, srv)
	addContacts(t, ctx, c, 0, 1200)
	tables := []*catalog.Table{mustTable(t, "Contacts"), mustTable(t, "Accounts"), mustTable(t, "Sequences")}
	for _, k := range []int{1, 3, 6, 9} {
		file := filepath.Join(t.TempDir(), "kill.db")
		cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestKill9Child$", "-test.count=1")
		cmd.Env = append(os.Environ(), "REPLYKIT_KILL9_URL="+srv.URL, "REPLYKIT_KILL9_KEY="+srv.Key, "REPLYKIT_KILL9_DB="+file)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines, killed := 0, false
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == "batch" {
				lines++
			}
			if lines == k {
				cmd.Process.Kill()
				killed = true
				break
			}
		}
		cmd.Wait()
		if !killed {
			t.Logf("k=%d: the child finished after %d batches before the kill", k, lines)
		}
		db, err := sql.Open("sqlite", file+"?_pragma=busy_timeout(5000)")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := replicate.New(c, dest.SQLite, db, replicate.WithClock(srv.Now)).Run(ctx, tables); err != nil {
			t.Fatalf("k=%d: re-run: %v", k, err)
		}
		for _, tb := range tables {
			assertSame(t, ctx, c, db, dest.SQLite, tb, dest.Options{})
		}
		db.Close()
	}
}

// TestKill9Child is the child process of TestKill9: it replicates and prints "batch" after each commit.
func TestKill9Child(t *testing.T) {
	url := os.Getenv("REPLYKIT_KILL9_URL")
	if url == "" {
		return // only runs as the child process of TestKill9
	}
	c, err := reply.NewClient(os.Getenv("REPLYKIT_KILL9_KEY"), reply.WithBaseURL(url), reply.WithRateLimits(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", os.Getenv("REPLYKIT_KILL9_DB")+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	tables := []*catalog.Table{mustTable(t, "Contacts"), mustTable(t, "Accounts"), mustTable(t, "Sequences")}
	r := replicate.New(c, dest.SQLite, db, replicate.WithBatchSize(100),
		replicate.WithProgress(func(replicate.Progress) { fmt.Println("batch") }))
	if _, err := r.Run(t.Context(), tables); err != nil {
		t.Fatal(err)
	}
}

// TestChaos replicates through random 429s, 5xx, dropped connections and truncated bodies: the client retries
// what it can, a run that still fails leaves a consistent destination, and runs repeated until one succeeds
// (at most 10) end equal to the API.
func TestChaos(t *testing.T) {
	ctx := t.Context()
	srv := newServer(t, replytest.SmallAccount)
	c := newClient(t, srv)
	addContacts(t, ctx, c, 0, 2100)
	tables := []*catalog.Table{mustTable(t, "Contacts"), mustTable(t, "Accounts"), mustTable(t, "Sequences"),
		mustTable(t, "SequenceSteps")}
	db := openSQLite(t)
	before := c.Stats()
	srv.SetChaos(replytest.Chaos{Seed: 7, Rate429: 0.1, Rate5xx: 0.1, RateDrop: 0.05, RateTruncate: 0.05})
	var err error
	for try := range 10 {
		_, err = replicate.New(c, dest.SQLite, db, replicate.WithClock(srv.Now), replicate.WithBatchSize(250)).Run(ctx, tables)
		if err == nil {
			t.Logf("succeeded on try %d", try+1)
			break
		}
		t.Logf("try %d: %v", try+1, err)
	}
	srv.SetChaos(replytest.Chaos{})
	if err != nil {
		t.Fatal(err)
	}
	if st := c.Stats().Sub(before); st.Retries == 0 || st.RateLimited == 0 {
		t.Fatalf("chaos had no effect: %+v", st)
	} else {
		t.Logf("%d requests, %d retries, %d rate-limited", st.Requests, st.Retries, st.RateLimited)
	}
	for _, tb := range tables {
		assertSame(t, ctx, c, db, dest.SQLite, tb, dest.Options{})
	}
}

// TestPaced replicates every object through the documented limits scaled down (10/minute, 100/hour) on the
// emulator's clock: the client paces itself, so no request is refused, and the wait shows in the summary and
// the progress reports.
func TestPaced(t *testing.T) {
	ctx := t.Context()
	srv := replytest.NewServer(replytest.WithSeed(replytest.SmallAccount), replytest.WithLimits(10, 100))
	t.Cleanup(srv.Close)
	c := newClient(t, srv, reply.WithRateLimits(10, 100))
	db := openSQLite(t)
	var reports []replicate.Progress
	r := replicate.New(c, dest.SQLite, db, replicate.WithClock(srv.Now), replicate.WithProgress(func(p replicate.Progress) {
		reports = append(reports, p)
	}))
	sum, err := r.Run(ctx, catalog.All())
	if err != nil {
		t.Fatal(err)
	}
	st := c.Stats()
	if st.RateLimited != 0 || sum.Waited == 0 || sum.Calls != st.Requests {
		t.Fatalf("%d requests, %d refused, summary waited %s for %d calls", st.Requests, st.RateLimited, sum.Waited, sum.Calls)
	}
	done := 0
	for _, p := range reports {
		if p.Done {
			done++
		}
	}
	if done != len(catalog.All()) {
		t.Fatalf("%d tables reported done, want %d", done, len(catalog.All()))
	}
	t.Logf("%d calls, waited %s of emulator time", sum.Calls, sum.Waited)
}

// hookTransport calls hook once, after the first response whose request matches.
type hookTransport struct {
	base  http.RoundTripper
	match func(*http.Request) bool
	hook  func()
	done  atomic.Bool
}

func (h *hookTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := h.base.RoundTrip(req)
	if err == nil && h.match(req) && h.done.CompareAndSwap(false, true) {
		h.hook()
	}
	return resp, err
}

// TestDeleteDuringListing deletes a contact between two pages of a full listing: offset paging then skips a
// live row, which must not be taken for a deleted one.
func TestDeleteDuringListing(t *testing.T) {
	ctx := t.Context()
	srv := newServer(t, replytest.SmallAccount)
	good := newClient(t, srv)
	ids := addContacts(t, ctx, good, 0, 1500)
	contacts := mustTable(t, "Contacts")
	db := openSQLite(t)
	if _, err := replicate.New(good, dest.SQLite, db, replicate.WithClock(srv.Now)).Run(ctx, []*catalog.Table{contacts}); err != nil {
		t.Fatal(err)
	}
	tr := &hookTransport{base: srv.HTTPClient().Transport,
		match: func(r *http.Request) bool { return r.URL.Path == "/v3/contacts" },
		hook: func() {
			if err := good.Contacts.Delete(ctx, ids[3]); err != nil {
				t.Error(err)
			}
		}}
	c := newClient(t, srv, reply.WithHTTPClient(&http.Client{Transport: tr}))
	sum, err := replicate.New(c, dest.SQLite, db, replicate.WithClock(srv.Now), replicate.WithFull(true)).Run(ctx, []*catalog.Table{contacts})
	if err != nil {
		t.Fatal(err)
	}
	if !tr.done.Load() {
		t.Fatal("the hook did not run")
	}
	// The skipped row is kept; the deleted one had been listed before it went, so the next run removes it.
	if res := result(t, sum, "Contacts"); res.Deleted != 0 || !strings.Contains(res.Note, "exists: kept") {
		t.Fatalf("%+v", res)
	}
	srv.Advance(time.Minute)
	sum, err = replicate.New(good, dest.SQLite, db, replicate.WithClock(srv.Now)).Run(ctx, []*catalog.Table{contacts})
	if err != nil {
		t.Fatal(err)
	}
	if res := result(t, sum, "Contacts"); res.Deleted != 1 {
		t.Fatalf("%+v", res)
	}
	assertSame(t, ctx, good, db, dest.SQLite, contacts, dest.Options{})
}
