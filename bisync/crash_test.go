package bisync_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/replykit/replykit/bisync"
	"github.com/replykit/replykit/catalog"
)

var errCrash = errors.New("simulated crash before the destination commit")

// runCrashing runs objects with a destination commit that fails after the API writes, as a process dying there.
func (f *fixture) runCrashing(tb testing.TB, objects ...string) (bisync.Summary, error) {
	tb.Helper()
	tables, err := bisync.Tables(objects)
	if err != nil {
		tb.Fatal(err)
	}
	s := bisync.New(f.c, f.d, f.db, bisync.WithPrefix(f.prefix),
		bisync.WithBeforeCommit(func(string) error { return errCrash }))
	return s.Run(context.Background(), tables)
}

// apiIds returns the Ids of object in Reply whose column col holds value.
func (f *fixture) apiIds(tb testing.TB, object, col string, value any) []int64 {
	tb.Helper()
	t, _ := catalog.Lookup(object)
	var ids []int64
	for r, err := range t.List(context.Background(), f.c, catalog.Query{Columns: []string{"Id", col}}) {
		if err != nil {
			tb.Fatal(err)
		}
		if r[col] == value {
			ids = append(ids, r["Id"].(int64))
		}
	}
	return ids
}

func (f *fixture) pendingCount(tb testing.TB) int {
	tb.Helper()
	var n int
	if err := f.db.QueryRow("SELECT count(*) FROM " + f.d.Quote(f.prefix+bisync.PendingTable)).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

// testCrashAfterInsert: the API insert succeeds, the transaction writing the new Id back does not; the next run
// finds the object by its natural key and adopts it: one object in Reply, its Id in the table.
func testCrashAfterInsert(t *testing.T, e engine) {
	const steps = `[{"type":"email","delayInMinutes":0,"executionMode":"automatic","variants":[{"subject":"Hi","message":"Hello"}]}]`
	tests := []struct {
		object, table string
		insert        string // column list and values (? = args)
		args          []any
		col           string // the natural key's catalog column
		value         any
		null          bool // insert with a NULL Id (SQLite only) instead of -1
	}{
		{"Contacts", "contacts", "(id, email, first_name) VALUES (?, ?, ?)", []any{-1, "crash@example.com", "Crash"}, "Email", "crash@example.com", false},
		{"Accounts", "accounts", "(id, name) VALUES (?, ?)", []any{-1, "Crash Corp"}, "Name", "Crash Corp", false},
		{"Webhooks", "webhooks", "(id, event_type, url) VALUES (?, ?, ?)", []any{-1, "email_replied", "http://127.0.0.1:1/crash"}, "Url", "http://127.0.0.1:1/crash", false},
		{"Sequences", "sequences", "(id, name, steps) VALUES (?, ?, ?)", []any{-1, "Crash sequence", steps}, "Name", "Crash sequence", false},
		{"Contacts", "contacts", "(email) VALUES (?)", []any{"null.crash@example.com"}, "Email", "null.crash@example.com", true},
	}
	for _, tt := range tests {
		if tt.null && e.dialect.Name != "sqlite" {
			continue
		}
		name := tt.object
		if tt.null {
			name += "/null id"
		}
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, e)
			f.mustRun(t, bisync.ReplyWins, tt.object)
			before := f.apiCount(t, tt.object)
			f.exec(t, "INSERT INTO "+f.d.Quote(f.prefix+tt.table)+" "+tt.insert, tt.args...)

			sum, err := f.runCrashing(t, tt.object)
			if !errors.Is(err, errCrash) || sum.Tables[0].Inserts != 1 {
				t.Fatalf("crashing run: %v %+v %+v", err, sum.Tables, sum.Rows)
			}
			if got := f.apiIds(t, tt.object, tt.col, tt.value); len(got) != 1 {
				t.Fatalf("after the crash: %d objects in Reply, want 1 (the create happened)", len(got))
			}
			if n := f.pendingCount(t); n != 1 {
				t.Fatalf("pending markers after the crash: %d, want 1", n)
			}

			sum = f.mustRun(t, bisync.ReplyWins, tt.object)
			ids := f.apiIds(t, tt.object, tt.col, tt.value)
			if len(ids) != 1 || f.apiCount(t, tt.object) != before+1 {
				t.Fatalf("after the re-run: %d matching objects, %d in all (want %d): %+v", len(ids), f.apiCount(t, tt.object), before+1, sum.Rows)
			}
			if tb := sum.Tables[0]; tb.Inserts != 1 || tb.Pulled != 0 || len(sum.Rows) != 1 || sum.Rows[0].Id != ids[0] ||
				!strings.HasSuffix(sum.Rows[0].Note, "(created by an interrupted run): Id adopted") {
				t.Errorf("re-run: %+v %+v", tb, sum.Rows)
			}
			var n, withID int
			q := "SELECT count(*) FROM " + f.d.Quote(f.prefix+tt.table)
			if err := f.db.QueryRow(q).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if err := f.db.QueryRow(q+" WHERE id = "+f.d.Placeholder(1), ids[0]).Scan(&withID); err != nil {
				t.Fatal(err)
			}
			if n != before+1 || withID != 1 {
				t.Errorf("table: %d rows (want %d), %d with Id %d", n, before+1, withID, ids[0])
			}
			if n := f.pendingCount(t); n != 0 {
				t.Errorf("pending markers left: %d", n)
			}
			if again := f.mustRun(t, bisync.ReplyWins, tt.object); writes(again) != 0 {
				t.Errorf("next run wrote: %+v", again.Rows)
			}
		})
	}
}

// testCrashAfterDelete: a push delete whose commit fails is found done by the next run.
func testCrashAfterDelete(t *testing.T, e engine) {
	for _, o := range []struct{ object, table string }{{"Contacts", "contacts"}, {"Accounts", "accounts"}} {
		t.Run(o.object, func(t *testing.T) {
			f := newFixture(t, e)
			f.mustRun(t, bisync.ReplyWins, o.object)
			before := f.apiCount(t, o.object)
			var id int64
			if err := f.db.QueryRow("SELECT max(id) FROM " + f.d.Quote(f.prefix+o.table)).Scan(&id); err != nil {
				t.Fatal(err)
			}
			f.exec(t, "DELETE FROM "+f.d.Quote(f.prefix+o.table)+" WHERE id = ?", id)
			if _, err := f.runCrashing(t, o.object); !errors.Is(err, errCrash) {
				t.Fatalf("crashing run: %v", err)
			}
			if f.apiCount(t, o.object) != before-1 {
				t.Fatal("the delete did not happen in Reply")
			}
			sum := f.mustRun(t, bisync.ReplyWins, o.object)
			if tb := sum.Tables[0]; tb.Failures != 0 || tb.Inserts != 0 || f.apiCount(t, o.object) != before-1 || f.count(t, o.table) != before-1 {
				t.Errorf("re-run: %+v %+v", tb, sum.Rows)
			}
			if again := f.mustRun(t, bisync.ReplyWins, o.object); writes(again) != 0 {
				t.Errorf("next run wrote: %+v", again.Rows)
			}
		})
	}
}

func TestCrashResumes(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			t.Run("insert", func(t *testing.T) { testCrashAfterInsert(t, e) })
			t.Run("delete", func(t *testing.T) { testCrashAfterDelete(t, e) })
		})
	}
}
