package replicate_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
	"github.com/replykit/replykit/replicate"
	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
)

const (
	emailStep     = `{"type":"email","delayInMinutes":0,"executionMode":"automatic","variants":[{"subject":"Hi","message":"Hello"}]}`
	followUpEmail = `{"type":"email","delayInMinutes":1440,"executionMode":"automatic","variants":[{"subject":null,"message":"Bump"}]}`
)

func write(tb testing.TB, results []catalog.WriteResult) catalog.Row {
	tb.Helper()
	for _, r := range results {
		if r.Err != nil {
			tb.Fatal(r.Err)
		}
	}
	return results[0].Row
}

// TestNestedChanges: with child tables and hard deletes, a new sequence, a step added through the step endpoint
// (seen by the child object and, with --full, by the parent's nested column), a renamed sequence and a deleted
// one all arrive, and the children follow their parent.
func TestNestedChanges(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			db := e.open(t)
			srv := newServer(t, replytest.SmallAccount)
			c := newClient(t, srv)
			seqs, steps := mustTable(t, "Sequences"), mustTable(t, "SequenceSteps")
			tables := []*catalog.Table{seqs, steps}
			check := func() {
				t.Helper()
				for _, tb := range tables {
					o := nestedOptions(tb)
					assertSame(t, ctx, c, db, e.dialect, tb, o)
					assertChildren(t, ctx, c, db, e.dialect, tb, o)
				}
			}
			opts := []replicate.Option{replicate.WithClock(srv.Now), replicate.WithNested(replicate.NestedTables),
				replicate.WithDeletes(replicate.DeletesHard)}
			run := func(extra ...replicate.Option) *replicate.Summary {
				t.Helper()
				sum, err := replicate.New(c, e.dialect, db, append(opts, extra...)...).Run(ctx, tables)
				if err != nil {
					t.Fatal(err)
				}
				return sum
			}
			run()
			check()

			srv.Advance(time.Minute)
			created := write(t, seqs.Insert(ctx, c, []catalog.Row{{"Name": "Nested test",
				"Steps": json.RawMessage(`[` + emailStep + `]`)}}))
			id := created["Id"].(int64)
			run()
			check()

			// A step added through the step endpoint: SequenceSteps sees it, and clears the parent's row hash, so
			// the parent's nested copy is refetched in the same run (the sequence's list row did not change).
			srv.Advance(time.Minute)
			stepRow := write(t, steps.Insert(ctx, c, []catalog.Row{{"SequenceId": id, "Type": "email", "DelayInMinutes": int64(1440),
				"ExecutionMode": "automatic", "Variants": json.RawMessage(`[{"subject":null,"message":"Bump"}]`)}}))
			sum := run()
			check()
			if got := result(t, sum, "Sequences"); got.Written != 1 || !strings.Contains(got.Note, "child object") {
				t.Fatalf("sequences after a step insert: %+v", got)
			}

			// A step edited through the step endpoint, child object replicated alone: the mark survives, and the
			// parent's next run, incremental (deletes off), refetches that one sequence.
			srv.Advance(time.Minute)
			write(t, steps.Update(ctx, c, []catalog.Row{{"SequenceId": id, "Id": stepRow["Id"], "Type": "email",
				"DelayInMinutes": int64(4321), "ExecutionMode": "automatic",
				"Variants": json.RawMessage(`[{"subject":null,"message":"Bump again"}]`)}}))
			one := func(tb *catalog.Table, extra ...replicate.Option) replicate.TableResult {
				t.Helper()
				sum, err := replicate.New(c, e.dialect, db, append(opts, extra...)...).Run(ctx, []*catalog.Table{tb})
				if err != nil {
					t.Fatal(err)
				}
				return sum.Tables[0]
			}
			if got := one(steps); got.Written != 1 {
				t.Fatalf("steps after a step edit: %+v", got)
			}
			got := one(seqs, replicate.WithDeletes(replicate.DeletesOff))
			if got.Mode != "incremental" || got.Written != 1 || got.Calls != 2 || !strings.Contains(got.Note, "child object") {
				t.Fatalf("sequences after a step edit: %+v", got)
			}
			check()
			if got := one(seqs, replicate.WithDeletes(replicate.DeletesOff)); got.Written != 0 || got.Calls != 1 {
				t.Fatalf("sequences, no change: %+v", got)
			}

			// Rename one sequence, delete another: the parent row and its children are replaced or removed.
			srv.Advance(time.Minute)
			write(t, seqs.Update(ctx, c, []catalog.Row{{"Id": id, "Name": "Renamed"}}))
			var victim int64
			for row, err := range seqs.List(ctx, c, catalog.Query{Columns: []string{"Id"}}) {
				if err != nil {
					t.Fatal(err)
				}
				if row["Id"].(int64) != id {
					victim = row["Id"].(int64)
					break
				}
			}
			write(t, seqs.Delete(ctx, c, []catalog.Row{{"Id": victim}}))
			sum = run()
			if got := result(t, sum, "Sequences"); got.Written != 1 || got.Deleted != 1 {
				t.Fatalf("sequences: %+v", got)
			}
			check()
		})
	}
}

// nestedOptions are the destination options of t with every nested array as a child table.
func nestedOptions(t *catalog.Table) dest.Options {
	o := dest.Options{Nested: map[string]bool{}}
	for _, col := range t.Columns {
		if col.Items != nil {
			o.Nested[col.Name] = true
		}
	}
	return o
}

// TestSortAndStop: with deletes off, SequenceContacts (newest first, stop at the cursor) reads only new
// enrolments: one call per sequence and no more, and the new membership arrives.
func TestSortAndStop(t *testing.T) {
	ctx := t.Context()
	db := openSQLite(t)
	srv := newServer(t, replytest.SmallAccount)
	c := newClient(t, srv)
	members := mustTable(t, "SequenceContacts")
	tables := []*catalog.Table{members}
	r := replicate.New(c, dest.SQLite, db, replicate.WithClock(srv.Now), replicate.WithDeletes(replicate.DeletesOff))
	first, err := r.Run(ctx, tables)
	if err != nil {
		t.Fatal(err)
	}
	var seq int64
	enrolled := map[int64]bool{}
	for row, err := range members.List(ctx, c, catalog.Query{}) {
		if err != nil {
			t.Fatal(err)
		}
		seq = row["SequenceId"].(int64)
		enrolled[row["ContactId"].(int64)] = true
	}
	var contact int64
	for row, err := range mustTable(t, "Contacts").List(ctx, c, catalog.Query{}) {
		if err != nil {
			t.Fatal(err)
		}
		if id := row["Id"].(int64); !enrolled[id] {
			contact = id
			break
		}
	}
	srv.Advance(time.Hour)
	if err := c.Contacts.MoveToSequence(ctx, contact, reply.MoveToSequence{SequenceID: seq}); err != nil {
		t.Fatal(err)
	}
	srv.Advance(time.Minute)
	sum, err := r.Run(ctx, tables)
	if err != nil {
		t.Fatal(err)
	}
	got := result(t, sum, "SequenceContacts")
	if got.Mode != "incremental" || got.Written != 1 || got.Calls > result(t, first, "SequenceContacts").Calls {
		t.Fatalf("incremental: %+v", got)
	}
	assertSame(t, ctx, c, db, dest.SQLite, members, dest.Options{})
}

// TestNestedSwitch: switching --nested json to tables creates the child tables, says so in one short note, and
// fills them from the parents' detail.
func TestNestedSwitch(t *testing.T) {
	ctx := t.Context()
	db := openSQLite(t)
	srv := newServer(t, replytest.SmallAccount)
	c := newClient(t, srv)
	seqs := mustTable(t, "Sequences")
	if _, err := replicate.New(c, dest.SQLite, db, replicate.WithClock(srv.Now)).Run(ctx, []*catalog.Table{seqs}); err != nil {
		t.Fatal(err)
	}
	sum, err := replicate.New(c, dest.SQLite, db, replicate.WithClock(srv.Now),
		replicate.WithNested(replicate.NestedTables)).Run(ctx, []*catalog.Table{seqs})
	if err != nil {
		t.Fatal(err)
	}
	got := result(t, sum, "Sequences")
	if !strings.HasPrefix(got.Note, "new tables ") || !strings.Contains(got.Note, "sequences__steps") ||
		strings.Contains(got.Note, "_parent_id") ||
		got.Written != got.Live {
		t.Fatalf("switch to nested tables: %+v", got)
	}
	o := nestedOptions(seqs)
	assertSame(t, ctx, c, db, dest.SQLite, seqs, o)
	assertChildren(t, ctx, c, db, dest.SQLite, seqs, o)
}
