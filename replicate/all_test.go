package replicate_test

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
	"github.com/replykit/replykit/replicate"
	"github.com/replykit/replykit/reply/replytest"
)

// TestAllObjects replicates every catalog object from the small seeded account, with nested arrays as JSON and
// as child tables, and with every detail-only column fetched, and checks every table and child table against the
// API.
func TestAllObjects(t *testing.T) {
	for _, e := range engines() {
		for _, v := range []struct {
			name   string
			nested replicate.Nested
			detail bool
		}{{"json", replicate.NestedJSON, false}, {"tables", replicate.NestedTables, false}, {"json+detail", replicate.NestedJSON, true}} {
			t.Run(e.name+"/"+v.name, func(t *testing.T) {
				t.Parallel()
				ctx := t.Context()
				db := e.open(t)
				srv := newServer(t, replytest.SmallAccount)
				c := newClient(t, srv)
				r := replicate.New(c, e.dialect, db, replicate.WithClock(srv.Now), replicate.WithNested(v.nested),
					replicate.WithDetail(v.detail))
				sum, err := r.Run(ctx, catalog.All())
				var b strings.Builder
				sum.WriteText(&b)
				t.Logf("summary:\n%s", b.String())
				if err != nil {
					t.Fatal(err)
				}
				for _, tb := range catalog.All() {
					o := dest.Options{Nested: map[string]bool{}}
					if v.nested == replicate.NestedTables {
						o = nestedOptions(tb)
					}
					assertSameDetail(t, ctx, c, db, e.dialect, tb, o, v.detail)
					if v.nested == replicate.NestedTables {
						assertChildren(t, ctx, c, db, e.dialect, tb, o)
					}
				}
			})
		}
	}
}

// detailColumns returns the destination names of t's detail-only columns.
func detailColumns(t *catalog.Table) []string {
	var out []string
	for _, col := range t.Columns {
		if col.DetailOnly && !col.WriteOnly {
			out = append(out, dest.SnakeCase(col.Name))
		}
	}
	return out
}

// countWhere returns the number of rows of table matching where.
func countWhere(tb testing.TB, db *sql.DB, d dest.Dialect, table, where string) int {
	tb.Helper()
	var n int
	if err := db.QueryRow(fmt.Sprintf("SELECT count(*) FROM %s WHERE %s", d.Quote(table), where)).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

// TestDetail: by default detail-only columns exist and stay NULL, at one list call per table; a run with
// WithDetail fills them (one GET per row) and a later run without it keeps them and writes nothing; a row changed
// meanwhile is written without touching them, and the next WithDetail run refetches that row alone.
func TestDetail(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			db := e.open(t)
			srv := newServer(t, replytest.SmallAccount)
			c := newClient(t, srv)
			seqs, accounts := mustTable(t, "Sequences"), mustTable(t, "Accounts")
			tables := []*catalog.Table{seqs, accounts}
			run := func(detail bool) *replicate.Summary {
				t.Helper()
				srv.Advance(time.Minute)
				sum, err := replicate.New(c, e.dialect, db, replicate.WithClock(srv.Now), replicate.WithDetail(detail)).Run(ctx, tables)
				if err != nil {
					t.Fatal(err)
				}
				return sum
			}
			// notNull counts the rows of t with some detail-only column set.
			notNull := func(tb *catalog.Table) int {
				t.Helper()
				var conds []string
				for _, col := range detailColumns(tb) {
					conds = append(conds, e.dialect.Quote(col)+" IS NOT NULL")
				}
				return countWhere(t, db, e.dialect, dest.SnakeCase(tb.Name), strings.Join(conds, " OR "))
			}
			same := func(detail bool) {
				t.Helper()
				for _, tb := range tables {
					assertSameDetail(t, ctx, c, db, e.dialect, tb, dest.Options{}, detail)
				}
			}

			sum := run(false)
			for i, res := range sum.Tables {
				if res.Calls != 1 || res.Live == 0 {
					t.Errorf("default: %s: %d calls for %d rows, want 1", res.Table, res.Calls, res.Live)
				}
				if n := notNull(tables[i]); n != 0 {
					t.Errorf("default: %s: %d rows with detail-only values, want NULL", res.Table, n)
				}
			}
			same(false)

			sum = run(true)
			for _, res := range sum.Tables {
				if res.Calls != 1+int(res.Live) || res.Written != res.Live {
					t.Errorf("detail: %s: %+v, want every row refetched (1 + %d calls)", res.Table, res, res.Live)
				}
			}
			if n := notNull(seqs); n == 0 { // the emulator's accounts have no EmailProvider
				t.Error("detail: no detail-only value filled in sequences")
			}
			same(true)

			sum = run(false)
			for _, res := range sum.Tables {
				if res.Calls != 1 || res.Written != 0 {
					t.Errorf("default after detail: %s: %+v, want 1 call and nothing written", res.Table, res)
				}
			}
			same(true) // the fetched values are kept

			var id int64
			for row, err := range accounts.List(ctx, c, catalog.Query{Columns: []string{"Id"}, Limit: 1}) {
				if err != nil {
					t.Fatal(err)
				}
				id = row["Id"].(int64)
			}
			write(t, accounts.Update(ctx, c, []catalog.Row{{"Id": id, "Name": "Renamed Inc"}}))
			sum = run(false)
			if got := result(t, sum, "Accounts"); got.Written != 1 || got.Calls != 1 {
				t.Errorf("changed row without detail: %+v", got)
			}
			same(true) // list columns updated, detail kept

			sum = run(true)
			if got := result(t, sum, "Accounts"); got.Written != 1 || got.Calls != 2 {
				t.Errorf("detail after a change without it: %+v, want the changed row alone refetched", got)
			}
			if got := result(t, sum, "Sequences"); got.Written != 0 || got.Calls != 1 {
				t.Errorf("sequences: %+v, want nothing refetched", got)
			}
			same(true)
		})
	}
}

// TestDriftAndNaming: a catalog column added after the first run becomes a new destination column, filled on
// the next run; preserved names work with child tables.
func TestDriftAndNaming(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			db := e.open(t)
			srv := newServer(t, replytest.SmallAccount)
			c := newClient(t, srv)
			contacts := mustTable(t, "Contacts")
			old := *contacts
			old.Columns = slices.DeleteFunc(slices.Clone(contacts.Columns), func(col catalog.Column) bool { return col.Name == "Title" })
			opts := []replicate.Option{replicate.WithClock(srv.Now), replicate.WithNaming(dest.Preserve),
				replicate.WithNested(replicate.NestedTables)}
			if _, err := replicate.New(c, e.dialect, db, opts...).Run(ctx, []*catalog.Table{&old}); err != nil {
				t.Fatal(err)
			}
			srv.Advance(time.Minute)
			sum, err := replicate.New(c, e.dialect, db, opts...).Run(ctx, []*catalog.Table{contacts})
			if err != nil {
				t.Fatal(err)
			}
			if got := result(t, sum, "Contacts"); got.Written != got.Live {
				t.Errorf("after drift: %+v, want every row rewritten", got)
			}
			o := nestedOptions(contacts)
			o.Naming = dest.Preserve
			assertSame(t, ctx, c, db, e.dialect, contacts, o)
			assertChildren(t, ctx, c, db, e.dialect, contacts, o)
		})
	}
}

// TestSwitchNested: switching --nested from json to tables between runs fills the new child tables at once.
func TestSwitchNested(t *testing.T) {
	ctx := t.Context()
	db := openSQLite(t)
	srv := newServer(t, replytest.SmallAccount)
	c := newClient(t, srv)
	tables := []*catalog.Table{mustTable(t, "Contacts"), mustTable(t, "Schedules")}
	if _, err := replicate.New(c, dest.SQLite, db, replicate.WithClock(srv.Now)).Run(ctx, tables); err != nil {
		t.Fatal(err)
	}
	srv.Advance(time.Minute)
	r := replicate.New(c, dest.SQLite, db, replicate.WithClock(srv.Now), replicate.WithNested(replicate.NestedTables))
	if _, err := r.Run(ctx, tables); err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		assertChildren(t, ctx, c, db, dest.SQLite, tb, nestedOptions(tb))
	}
	// The layout is settled: the next run writes nothing.
	srv.Advance(time.Minute)
	sum, err := r.Run(ctx, tables)
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range sum.Tables {
		if res.Written != 0 {
			t.Errorf("%s: %d rows written by a run without changes", res.Table, res.Written)
		}
	}
}
