package replicate_test

import (
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
// as child tables, and checks every table and child table against the API.
func TestAllObjects(t *testing.T) {
	for _, e := range engines() {
		for _, nested := range []replicate.Nested{replicate.NestedJSON, replicate.NestedTables} {
			name := e.name + "/json"
			if nested == replicate.NestedTables {
				name = e.name + "/tables"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				ctx := t.Context()
				db := e.open(t)
				srv := newServer(t, replytest.SmallAccount)
				c := newClient(t, srv)
				r := replicate.New(c, e.dialect, db, replicate.WithClock(srv.Now), replicate.WithNested(nested))
				sum, err := r.Run(ctx, catalog.All())
				var b strings.Builder
				sum.WriteText(&b)
				t.Logf("summary:\n%s", b.String())
				if err != nil {
					t.Fatal(err)
				}
				for _, tb := range catalog.All() {
					o := dest.Options{Nested: map[string]bool{}}
					if nested == replicate.NestedTables {
						for _, col := range tb.Columns {
							if col.Items != nil {
								o.Nested[col.Name] = true
							}
						}
					}
					assertSame(t, ctx, c, db, e.dialect, tb, o)
					if nested == replicate.NestedTables {
						assertChildren(t, ctx, c, db, e.dialect, tb, o)
					}
				}
			})
		}
	}
}

// TestWithoutDetail leaves detail-only columns out: one list call per table, no GET per row.
func TestWithoutDetail(t *testing.T) {
	ctx := t.Context()
	db := openSQLite(t)
	srv := newServer(t, replytest.SmallAccount)
	c := newClient(t, srv)
	tables := []*catalog.Table{mustTable(t, "Sequences"), mustTable(t, "Accounts")}
	sum, err := replicate.New(c, dest.SQLite, db, replicate.WithClock(srv.Now), replicate.WithoutDetail(true)).Run(ctx, tables)
	if err != nil {
		t.Fatal(err)
	}
	for i, res := range sum.Tables {
		if res.Calls != 1 || res.Live == 0 {
			t.Errorf("%s: %d calls for %d rows, want 1", res.Table, res.Calls, res.Live)
		}
		var skip []string
		for _, col := range tables[i].Columns {
			if col.DetailOnly {
				skip = append(skip, col.Name)
			}
		}
		dt := dest.TableFor(tables[i], dest.Options{}, skip...)
		got := readTable(t, db, dest.SQLite, dt.Name, dt.Columns)
		if len(got) != int(res.Live) {
			t.Errorf("%s: %d rows, want %d", res.Table, len(got), res.Live)
		}
	}
	if _, err := db.Exec("SELECT steps FROM sequences"); err == nil {
		t.Error("sequences.steps exists without detail")
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
