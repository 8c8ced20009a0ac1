package replicate_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
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

func newServer(tb testing.TB, seed replytest.Seed) *replytest.Server {
	tb.Helper()
	srv := replytest.NewServer(replytest.WithSeed(seed))
	tb.Cleanup(srv.Close)
	return srv
}

func newClient(tb testing.TB, srv *replytest.Server, opts ...reply.Option) *reply.Client {
	tb.Helper()
	base := []reply.Option{reply.WithBaseURL(srv.URL), reply.WithRateLimits(0, 0), reply.WithClock(srv.Clock()),
		reply.WithHTTPClient(srv.HTTPClient())}
	c, err := reply.NewClient(srv.Key, append(base, opts...)...)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func mustTable(tb testing.TB, name string) *catalog.Table {
	tb.Helper()
	t, ok := catalog.Lookup(name)
	if !ok {
		tb.Fatalf("no table %s", name)
	}
	return t
}

func addContacts(tb testing.TB, ctx context.Context, c *reply.Client, from, n int) []int64 {
	tb.Helper()
	var ids []int64
	for i := from; i < from+n; i++ {
		ct, err := c.Contacts.Create(ctx, reply.ContactCreate{
			Email: fmt.Sprintf("p%d@example.com", i), FirstName: fmt.Sprintf("First%d", i), Company: "Acme",
			CustomFields: nil})
		if err != nil {
			tb.Fatal(err)
		}
		ids = append(ids, int64(ct.ID))
	}
	return ids
}

// assertSame checks that the live rows of t's destination table equal what the API lists, row by row. Detail-only
// columns are compared where a default run fetches them (a detail-only array unwound by o into a child table),
// and left out otherwise.
func assertSame(tb testing.TB, ctx context.Context, c *reply.Client, db *sql.DB, d dest.Dialect, t *catalog.Table, o dest.Options) {
	tb.Helper()
	assertSameDetail(tb, ctx, c, db, d, t, o, false)
}

// assertSameDetail is [assertSame] comparing the detail-only columns as well when all is set (a run with
// replicate.WithDetail(true)).
func assertSameDetail(tb testing.TB, ctx context.Context, c *reply.Client, db *sql.DB, d dest.Dialect, t *catalog.Table, o dest.Options, all bool) {
	tb.Helper()
	dt := dest.TableFor(t, o)
	fetch := all
	for _, col := range t.Columns {
		fetch = fetch || (col.DetailOnly && o.Nested[col.Name] && col.Items != nil)
	}
	q := catalog.Query{}
	cols := dt.Columns
	if !fetch {
		q.Columns, cols = nil, nil
		for _, col := range dt.Columns {
			if src, _ := t.Column(col.Source); !src.DetailOnly {
				q.Columns = append(q.Columns, col.Source)
				cols = append(cols, col)
			}
		}
	}
	got := readTable(tb, db, d, dt.Name, cols)
	var want []string
	for row, err := range t.List(ctx, c, q) {
		if err != nil {
			tb.Fatalf("list %s: %v", t.Name, err)
		}
		parts := make([]string, len(cols))
		for i, col := range cols {
			parts[i] = col.Name + "=" + normalize(tb, col.Type, row[col.Source])
		}
		want = append(want, strings.Join(parts, " "))
	}
	sort.Strings(got)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		tb.Fatalf("%s: destination differs from the API:\n%s", t.Name, diff(want, got))
	}
}

func diff(want, got []string) string {
	out := ""
	for _, w := range want {
		if !slices.Contains(got, w) {
			out += "- " + w + "\n"
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			out += "+ " + g + "\n"
		}
	}
	return out
}

func result(tb testing.TB, s *replicate.Summary, table string) replicate.TableResult {
	tb.Helper()
	var b strings.Builder
	s.WriteText(&b)
	tb.Logf("summary:\n%s", b.String())
	for _, r := range s.Tables {
		if r.Table == table {
			return r
		}
	}
	tb.Fatalf("no result for %s", table)
	return replicate.TableResult{}
}

func TestReplicate(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			db := e.open(t)
			srv := newServer(t, replytest.SmallAccount)
			c := newClient(t, srv)
			ids := addContacts(t, ctx, c, 0, 30)
			contacts, accounts := mustTable(t, "Contacts"), mustTable(t, "Accounts")
			tables := []*catalog.Table{contacts, accounts}
			r := replicate.New(c, e.dialect, db, replicate.WithClock(srv.Now), replicate.WithBatchSize(7))
			o := dest.Options{}

			// First run: everything, full.
			sum, err := r.Run(ctx, tables)
			if err != nil {
				t.Fatal(err)
			}
			if got := result(t, sum, "Contacts"); got.Mode != "full" || got.Written != got.Rows || got.Live != got.Rows {
				t.Fatalf("first run: %+v", got)
			}
			for _, tb := range tables {
				assertSame(t, ctx, c, db, e.dialect, tb, o)
			}

			// Mutations arrive: insert, update, delete.
			srv.Advance(time.Minute)
			addContacts(t, ctx, c, 100, 2)
			title := "CTO"
			if _, err := c.Contacts.Update(ctx, ids[3], reply.ContactUpdate{Title: &title}); err != nil {
				t.Fatal(err)
			}
			if err := c.Contacts.Delete(ctx, ids[5]); err != nil {
				t.Fatal(err)
			}
			srv.Advance(time.Minute)
			sum, err = r.Run(ctx, tables)
			if err != nil {
				t.Fatal(err)
			}
			if got := result(t, sum, "Contacts"); got.Mode != "incremental+full" || got.Written != 3 || got.Deleted != 1 ||
				!strings.Contains(got.Note, "full listing to find deletes") {
				t.Fatalf("second run: %+v", got)
			}
			for _, tb := range tables {
				assertSame(t, ctx, c, db, e.dialect, tb, o)
			}

			// An incremental run without changes: one changes page and one count.
			srv.Advance(time.Minute)
			sum, err = r.Run(ctx, []*catalog.Table{contacts})
			if err != nil {
				t.Fatal(err)
			}
			if got := result(t, sum, "Contacts"); got.Mode != "incremental" || got.Calls != 2 || got.Written != 0 {
				t.Fatalf("no-change run: %+v", got)
			}

			// The live API ignores time rules: detected, degraded to a full scan, still exact.
			srv.SetQuirks(replytest.Quirks{IgnoreContactTimeRules: true})
			first := "Renamed"
			if _, err := c.Contacts.Update(ctx, ids[7], reply.ContactUpdate{FirstName: &first}); err != nil {
				t.Fatal(err)
			}
			srv.Advance(time.Minute)
			sum, err = r.Run(ctx, []*catalog.Table{contacts})
			if err != nil {
				t.Fatal(err)
			}
			if got := result(t, sum, "Contacts"); got.Mode != "degraded" || got.Written != 1 || got.Note == "" {
				t.Fatalf("ignored time rules: %+v", got)
			}
			assertSame(t, ctx, c, db, e.dialect, contacts, o)

			// Null timestamps as on the live API: every run is a hash-compared full scan, still exact.
			srv.SetQuirks(replytest.Quirks{NullContactTimestamps: true, IgnoreContactTimeRules: true})
			if err := c.Contacts.Delete(ctx, ids[9]); err != nil {
				t.Fatal(err)
			}
			for range 2 {
				sum, err = r.Run(ctx, []*catalog.Table{contacts})
				if err != nil {
					t.Fatal(err)
				}
				assertSame(t, ctx, c, db, e.dialect, contacts, o)
			}
			if got := result(t, sum, "Contacts"); got.Mode != "full" || got.Written != 0 || got.Note == "" {
				t.Fatalf("null timestamps, second run: %+v", got)
			}
		})
	}
}

// cutTransport cancels the run's context after a number of API requests.
type cutTransport struct {
	base   http.RoundTripper
	n      atomic.Int64
	after  int64
	cancel context.CancelFunc
}

func (c *cutTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if c.n.Add(1) > c.after {
		c.cancel()
		return nil, context.Canceled
	}
	return c.base.RoundTrip(req)
}

// TestCrashResume cuts runs after N API calls (and with a server error mid-listing); a re-run always leaves the
// destination equal to the API.
func TestCrashResume(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			srv := newServer(t, replytest.SmallAccount)
			good := newClient(t, srv)
			ids := addContacts(t, ctx, good, 0, 1500) // two pages of 1000
			contacts := mustTable(t, "Contacts")
			tables := []*catalog.Table{contacts, mustTable(t, "Accounts")}
			for _, cut := range []int64{0, 2, 4} {
				db := e.open(t)
				for round := range 2 {
					cctx, cancel := context.WithCancel(ctx)
					tr := &cutTransport{base: srv.HTTPClient().Transport, after: cut + int64(round), cancel: cancel}
					bad := newClient(t, srv, reply.WithHTTPClient(&http.Client{Transport: tr}), reply.WithMaxRetries(0))
					r := replicate.New(bad, e.dialect, db, replicate.WithClock(srv.Now), replicate.WithBatchSize(300))
					sum, err := r.Run(cctx, tables)
					cancel()
					var pe *catalog.PartialError
					if err != nil && !errors.As(err, &pe) {
						t.Fatalf("cut %d: error is not a PartialError: %v", cut, err)
					}
					// The summary's ROWS of a failed table is what the destination holds, not what was listed.
					for _, res := range sum.Tables {
						var n int64
						q := "SELECT count(*) FROM " + e.dialect.Quote(res.Dest) + " WHERE " + e.dialect.Quote(dest.DeletedAt) + " IS NULL"
						if err := db.QueryRowContext(ctx, q).Scan(&n); err != nil || n != res.Live {
							t.Fatalf("cut %d: %s: ROWS %d, destination %d (%v)", cut, res.Table, res.Live, n, err)
						}
					}
					// Change things between the crash and the re-run.
					srv.Advance(time.Minute)
					title := fmt.Sprintf("T%d-%d", cut, round)
					if _, err := good.Contacts.Update(ctx, ids[int(cut)*10+round], reply.ContactUpdate{Title: &title}); err != nil {
						t.Fatal(err)
					}
				}
				// A server error in the middle of the listing.
				srv.Fail("contacts.list", replytest.Fault{Status: 500, Times: 1})
				srv.Fail("contacts.filter", replytest.Fault{Status: 500, Times: 1})
				flaky := newClient(t, srv, reply.WithMaxRetries(0))
				if _, err := replicate.New(flaky, e.dialect, db, replicate.WithClock(srv.Now)).Run(ctx, tables); err == nil {
					t.Logf("cut %d: the 500 did not hit a listing call", cut)
				}
				srv.Fail("contacts.list", replytest.Fault{})
				srv.Fail("contacts.filter", replytest.Fault{})
				r := replicate.New(good, e.dialect, db, replicate.WithClock(srv.Now), replicate.WithBatchSize(200))
				if _, err := r.Run(ctx, tables); err != nil {
					t.Fatalf("cut %d: re-run: %v", cut, err)
				}
				for _, tb := range tables {
					assertSame(t, ctx, good, db, e.dialect, tb, dest.Options{})
				}
			}
		})
	}
}

// assertChildren checks the child tables of t's nested columns against the API's arrays.
func assertChildren(tb testing.TB, ctx context.Context, c *reply.Client, db *sql.DB, d dest.Dialect, t *catalog.Table, o dest.Options) {
	tb.Helper()
	parent := dest.TableFor(t, o)
	for _, col := range t.Columns {
		if !o.Nested[col.Name] || col.Items == nil {
			continue
		}
		ct, err := dest.ChildFor(parent, t, col, o)
		if err != nil {
			tb.Fatal(err)
		}
		got := readTable(tb, db, d, ct.Name, ct.Columns)
		var want []string
		for row, err := range t.List(ctx, c, catalog.Query{}) {
			if err != nil {
				tb.Fatal(err)
			}
			var items []map[string]any
			if raw, ok := row[col.Name].(json.RawMessage); ok && raw != nil {
				if err := json.Unmarshal(raw, &items); err != nil {
					tb.Fatalf("%s.%s: %v", t.Name, col.Name, err)
				}
			}
			for pos, it := range items {
				var parts []string
				for i, k := range t.Key {
					parts = append(parts, ct.Columns[i].Name+"="+normalize(tb, ct.Columns[i].Type, row[k]))
				}
				parts = append(parts, dest.Position+"="+strconv.Itoa(pos))
				for i, ic := range col.Items {
					dc := ct.Columns[len(t.Key)+1+i]
					v, err := itemGo(ic, it[ic.Field])
					if err != nil {
						tb.Fatalf("%s.%s[%d].%s: %v", t.Name, col.Name, pos, ic.Field, err)
					}
					parts = append(parts, dc.Name+"="+normalize(tb, dc.Type, v))
				}
				want = append(want, strings.Join(parts, " "))
			}
		}
		sort.Strings(got)
		sort.Strings(want)
		if !slices.Equal(got, want) {
			tb.Fatalf("%s: child table differs from the API:\n%s", ct.Name, diff(want, got))
		}
	}
}

// itemGo converts a decoded JSON member to the Go value of the item column.
func itemGo(c catalog.Column, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	if c.Type == catalog.JSON {
		b, err := json.Marshal(v)
		return json.RawMessage(b), err
	}
	if m, ok := v.(map[string]any); ok && c.Type == catalog.Text {
		b, err := json.Marshal(m)
		return string(b), err
	}
	if f, ok := v.(float64); ok && c.Type == catalog.Int {
		return int64(f), nil
	}
	return c.Coerce(v)
}
