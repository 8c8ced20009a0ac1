package bisync_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/replykit/replykit/bisync"
	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
)

type fixture struct {
	srv    *replytest.Server
	c      *reply.Client
	db     *sql.DB
	d      dest.Dialect
	prefix string
}

func newFixture(tb testing.TB, e engine) *fixture {
	tb.Helper()
	srv := replytest.NewServer(replytest.WithSeed(replytest.SmallAccount))
	tb.Cleanup(srv.Close)
	c, err := reply.NewClient(srv.Key, reply.WithBaseURL(srv.URL), reply.WithRateLimits(0, 0), reply.WithClock(srv.Clock()),
		reply.WithHTTPClient(srv.HTTPClient()), reply.WithMaxRetries(0))
	if err != nil {
		tb.Fatal(err)
	}
	return &fixture{srv: srv, c: c, db: e.open(tb), d: e.dialect, prefix: uniqueName("s") + "_"}
}

func (f *fixture) run(tb testing.TB, policy bisync.Policy, objects ...string) (bisync.Summary, error) {
	tb.Helper()
	tables, err := bisync.Tables(objects)
	if err != nil {
		tb.Fatal(err)
	}
	s := bisync.New(f.c, f.d, f.db, bisync.WithPrefix(f.prefix), bisync.WithPolicy(policy))
	return s.Run(context.Background(), tables)
}

func (f *fixture) mustRun(tb testing.TB, policy bisync.Policy, objects ...string) bisync.Summary {
	tb.Helper()
	sum, err := f.run(tb, policy, objects...)
	if err != nil {
		tb.Fatalf("run: %v (%+v)", err, sum.Rows)
	}
	return sum
}

func (f *fixture) exec(tb testing.TB, q string, args ...any) {
	tb.Helper()
	for i := range args {
		q = replaceFirst(q, "?", f.d.Placeholder(i+1))
	}
	if _, err := f.db.Exec(q, args...); err != nil {
		tb.Fatalf("%s: %v", q, err)
	}
}

func replaceFirst(s, old, new string) string {
	for i := 0; i+len(old) <= len(s); i++ {
		if s[i:i+len(old)] == old {
			return s[:i] + new + s[i+len(old):]
		}
	}
	return s
}

func (f *fixture) count(tb testing.TB, table string) int {
	tb.Helper()
	var n int
	if err := f.db.QueryRow("SELECT count(*) FROM " + f.d.Quote(f.prefix+table) + " WHERE _deleted_at IS NULL").Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

func (f *fixture) apiCount(tb testing.TB, object string) int {
	tb.Helper()
	t, _ := catalog.Lookup(object)
	n := 0
	for _, err := range t.List(context.Background(), f.c, catalog.Query{Columns: []string{"Id"}}) {
		if err != nil {
			tb.Fatal(err)
		}
		n++
	}
	return n
}

func pushes(s bisync.Summary) int {
	n := 0
	for _, t := range s.Tables {
		n += t.Inserts + t.Updates + t.Deletes
	}
	return n
}

func writes(s bisync.Summary) int {
	n := pushes(s)
	for _, t := range s.Tables {
		n += t.Pulled + t.Removed
	}
	return n
}

// testSync is the one test body run on every engine.
func testSync(t *testing.T, e engine) {
	f := newFixture(t, e)
	ctx := context.Background()
	objects := bisync.Objects
	if _, err := f.c.Webhooks.Create(ctx, reply.WebhookCreate{EventType: "email_replied", URL: "http://127.0.0.1:1/hook"}); err != nil {
		t.Fatal(err)
	}

	// First run equals the emulator.
	first := f.mustRun(t, bisync.ReplyWins, objects...)
	for _, o := range []struct{ object, table string }{{"Accounts", "accounts"}, {"Contacts", "contacts"},
		{"Sequences", "sequences"}, {"Webhooks", "webhooks"}} {
		if got, want := f.count(t, o.table), f.apiCount(t, o.object); got != want || want == 0 {
			t.Errorf("%s: %d rows in the table, %d in Reply", o.object, got, want)
		}
	}
	if pushes(first) != 0 {
		t.Errorf("first run pushed: %+v", first.Tables)
	}
	// A second run with no changes writes nothing.
	if again := f.mustRun(t, bisync.ReplyWins, objects...); writes(again) != 0 {
		t.Fatalf("second run wrote: %+v %+v", again.Tables, again.Rows)
	}

	// A contact not linked to the account deleted below (deleting an account changes its contacts in Reply).
	var cid, aid int64
	if err := f.db.QueryRow("SELECT min(id) FROM " + f.d.Quote(f.prefix+"accounts")).Scan(&aid); err != nil {
		t.Fatal(err)
	}
	if err := f.db.QueryRow("SELECT min(id) FROM "+f.d.Quote(f.prefix+"contacts")+" WHERE account_id IS NULL OR account_id <> "+f.d.Placeholder(1), aid).Scan(&cid); err != nil {
		t.Fatal(err)
	}
	// Edited, inserted and deleted in the table.
	f.exec(t, "UPDATE "+f.d.Quote(f.prefix+"contacts")+" SET first_name = ? WHERE id = ?", "Edited", cid)
	f.exec(t, "INSERT INTO "+f.d.Quote(f.prefix+"contacts")+" (id, email, first_name) VALUES (?, ?, ?)", -1, "new.row@example.com", "Newbie")
	f.exec(t, "DELETE FROM "+f.d.Quote(f.prefix+"accounts")+" WHERE id = ?", aid)
	f.exec(t, "UPDATE "+f.d.Quote(f.prefix+"accounts")+" SET description = ? WHERE id <> ?", "Described", aid)
	f.exec(t, "UPDATE "+f.d.Quote(f.prefix+"webhooks")+" SET url = ?", "http://127.0.0.1:2/changed")
	nAccounts, nWebhooks := f.count(t, "accounts"), f.count(t, "webhooks")
	sum := f.mustRun(t, bisync.ReplyWins, objects...)
	if got := pushes(sum); got != 3+nAccounts+nWebhooks {
		t.Fatalf("pushes = %d, want 3: %+v", got, sum.Rows)
	}
	for a, err := range f.c.Accounts.List(ctx, nil) {
		if err != nil || a.Description != "Described" {
			t.Errorf("account %d in Reply: %q, %v", a.ID, a.Description, err)
		}
	}
	if ct, err := f.c.Contacts.Get(ctx, cid); err != nil || ct.FirstName != "Edited" {
		t.Errorf("contact %d in Reply: %q, %v", cid, ct.FirstName, err)
	}
	if _, err := f.c.Accounts.Get(ctx, aid); !errors.Is(err, reply.ErrNotFound) {
		t.Errorf("account %d still in Reply: %v", aid, err)
	}
	var newID int64
	if err := f.db.QueryRow("SELECT id FROM "+f.d.Quote(f.prefix+"contacts")+" WHERE email = "+f.d.Placeholder(1), "new.row@example.com").Scan(&newID); err != nil || newID <= 0 {
		t.Fatalf("new row id %d, %v", newID, err)
	}
	if ct, err := f.c.Contacts.Get(ctx, newID); err != nil || ct.FirstName != "Newbie" {
		t.Errorf("created contact %d: %q, %v", newID, ct.FirstName, err)
	}
	if again := f.mustRun(t, bisync.ReplyWins, objects...); writes(again) != 0 {
		t.Errorf("run after pushes wrote: %+v %+v", again.Tables, again.Rows)
	}

	// Changed and deleted in Reply.
	name := "FromReply"
	if _, err := f.c.Contacts.Update(ctx, cid, reply.ContactUpdate{FirstName: &name}); err != nil {
		t.Fatal(err)
	}
	if err := f.c.Contacts.Delete(ctx, newID); err != nil {
		t.Fatal(err)
	}
	sum = f.mustRun(t, bisync.ReplyWins, objects...)
	if pushes(sum) != 0 || sum.Tables[1].Pulled != 1 || sum.Tables[1].Removed != 1 {
		t.Errorf("pull run: %+v %+v", sum.Tables, sum.Rows)
	}
	var got string
	if err := f.db.QueryRow("SELECT first_name FROM "+f.d.Quote(f.prefix+"contacts")+" WHERE id = "+f.d.Placeholder(1), cid).Scan(&got); err != nil || got != name {
		t.Errorf("first_name in the table = %q, %v", got, err)
	}
	if f.count(t, "contacts") != f.apiCount(t, "Contacts") {
		t.Errorf("contacts: table and Reply differ after a delete in Reply")
	}
}

func TestSync(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			testSync(t, e)
		})
	}
}

func TestConflicts(t *testing.T) {
	tests := []struct {
		policy bisync.Policy
		dbTime bool // the table's LastModifiedAt is set later than Reply's
		want   string
	}{
		{bisync.ReplyWins, false, "reply"},
		{bisync.DBWins, false, "table"},
		{bisync.Newest, false, "reply"},
		{bisync.Newest, true, "table"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%v", tt.policy, tt.dbTime), func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, engines()[0])
			ctx := context.Background()
			f.mustRun(t, tt.policy, "Contacts")
			var cid int64
			f.db.QueryRow("SELECT min(id) FROM " + f.d.Quote(f.prefix+"contacts")).Scan(&cid)
			f.exec(t, "UPDATE "+f.d.Quote(f.prefix+"contacts")+" SET first_name = ? WHERE id = ?", "TableSide", cid)
			f.srv.Advance(time.Minute)
			n := "ReplySide"
			if _, err := f.c.Contacts.Update(ctx, cid, reply.ContactUpdate{FirstName: &n}); err != nil {
				t.Fatal(err)
			}
			if tt.dbTime {
				f.exec(t, "UPDATE "+f.d.Quote(f.prefix+"contacts")+" SET last_modified_at = ? WHERE id = ?",
					dest.FormatTime(f.srv.Now().Add(time.Hour)), cid)
			}
			sum := f.mustRun(t, tt.policy, "Contacts")
			if sum.Tables[0].Conflicts != 1 {
				t.Fatalf("conflicts = %d: %+v", sum.Tables[0].Conflicts, sum.Rows)
			}
			want := map[string]string{"reply": "ReplySide", "table": "TableSide"}[tt.want]
			ct, err := f.c.Contacts.Get(ctx, cid)
			if err != nil || ct.FirstName != want {
				t.Errorf("Reply has %q, want %q (%v)", ct.FirstName, want, err)
			}
			var got string
			f.db.QueryRow("SELECT first_name FROM "+f.d.Quote(f.prefix+"contacts")+" WHERE id = ?", cid).Scan(&got)
			if got != want {
				t.Errorf("table has %q, want %q", got, want)
			}
			if again := f.mustRun(t, tt.policy, "Contacts"); writes(again) != 0 {
				t.Errorf("run after the conflict wrote: %+v", again.Rows)
			}
		})
	}
}

func TestFailedPushIsRetried(t *testing.T) {
	f := newFixture(t, engines()[0])
	ctx := context.Background()
	f.mustRun(t, bisync.ReplyWins, "Contacts")
	rows, err := f.db.Query("SELECT id FROM " + f.d.Quote(f.prefix+"contacts") + " ORDER BY id LIMIT 2")
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		f.exec(t, "UPDATE "+f.d.Quote(f.prefix+"contacts")+" SET first_name = ? WHERE id = ?", fmt.Sprint("N", id), id)
	}
	f.srv.Fail("contacts.update", replytest.Fault{Status: 500, Times: 1})
	sum, err := f.run(t, bisync.ReplyWins, "Contacts")
	var pe *catalog.PartialError
	if !errors.As(err, &pe) || len(pe.Failed) != 1 || sum.Tables[0].Updates != 1 || sum.Tables[0].Failures != 1 {
		t.Fatalf("err %v, summary %+v", err, sum.Tables)
	}
	// The failed row keeps its edit and is pushed by the next run.
	sum = f.mustRun(t, bisync.ReplyWins, "Contacts")
	if sum.Tables[0].Updates != 1 || sum.Tables[0].Failures != 0 {
		t.Fatalf("retry: %+v %+v", sum.Tables, sum.Rows)
	}
	for _, id := range ids {
		if ct, err := f.c.Contacts.Get(ctx, id); err != nil || ct.FirstName != fmt.Sprint("N", id) {
			t.Errorf("contact %d: %q %v", id, ct.FirstName, err)
		}
	}
}

func TestNullIdInsertAndDryRun(t *testing.T) {
	f := newFixture(t, engines()[0])
	f.mustRun(t, bisync.ReplyWins, "Contacts", "Sequences")
	before := f.apiCount(t, "Contacts")
	f.exec(t, "INSERT INTO "+f.d.Quote(f.prefix+"contacts")+" (email, first_name) VALUES (?, ?)", "a@example.com", "A")
	f.exec(t, "INSERT INTO "+f.d.Quote(f.prefix+"contacts")+" (email, first_name) VALUES (?, ?)", "b@example.com", "B")
	f.exec(t, "INSERT INTO "+f.d.Quote(f.prefix+"sequences")+" (name) VALUES (?)", "No steps")

	tables, _ := bisync.Tables([]string{"Contacts", "Sequences"})
	dry, err := bisync.New(f.c, f.d, f.db, bisync.WithPrefix(f.prefix), bisync.WithDryRun(true)).Run(context.Background(), tables)
	if err != nil || dry.Tables[0].Inserts != 2 || dry.Tables[1].Inserts != 1 {
		t.Fatalf("dry run: %v %+v", err, dry.Tables)
	}
	if f.apiCount(t, "Contacts") != before {
		t.Fatal("dry run wrote to Reply")
	}
	sum, err := f.run(t, bisync.ReplyWins, "Contacts", "Sequences")
	var pe *catalog.PartialError
	if !errors.As(err, &pe) || sum.Tables[0].Inserts != 2 || sum.Tables[1].Failures != 1 {
		t.Fatalf("err %v: %+v %+v", err, sum.Tables, sum.Rows)
	}
	var nulls int
	f.db.QueryRow("SELECT count(*) FROM " + f.d.Quote(f.prefix+"contacts") + " WHERE id IS NULL").Scan(&nulls)
	if nulls != 0 || f.apiCount(t, "Contacts") != before+2 {
		t.Errorf("NULL-id rows left: %d; Reply has %d contacts, want %d", nulls, f.apiCount(t, "Contacts"), before+2)
	}
	f.db.QueryRow("SELECT count(*) FROM " + f.d.Quote(f.prefix+"sequences") + " WHERE id IS NULL").Scan(&nulls)
	if nulls != 1 {
		t.Errorf("the failed sequence insert was not kept: %d NULL rows", nulls)
	}
}

func TestTablesRefusesOthers(t *testing.T) {
	if _, err := bisync.Tables([]string{"Contacts", "Tasks"}); !errors.Is(err, bisync.ErrUnsupported) {
		t.Errorf("Tasks: %v", err)
	}
}

func TestDeletes(t *testing.T) {
	tests := []struct {
		name   string
		policy bisync.Policy
		// edit changes the table and Reply; wantAPI/wantTable say whether contact id exists afterwards.
		edit               func(t *testing.T, f *fixture, id int64)
		wantAPI, wantTable bool
	}{
		{"soft delete in the table", bisync.ReplyWins, func(t *testing.T, f *fixture, id int64) {
			f.exec(t, "UPDATE "+f.d.Quote(f.prefix+"contacts")+" SET _deleted_at = ? WHERE id = ?", "2026-01-05T09:00:00.000000Z", id)
		}, false, false},
		{"deleted in Reply, edited in the table, reply wins", bisync.ReplyWins, func(t *testing.T, f *fixture, id int64) {
			f.exec(t, "UPDATE "+f.d.Quote(f.prefix+"contacts")+" SET title = ? WHERE id = ?", "Kept?", id)
			if err := f.c.Contacts.Delete(context.Background(), id); err != nil {
				t.Fatal(err)
			}
		}, false, false},
		{"deleted in the table, edited in Reply, reply wins", bisync.ReplyWins, func(t *testing.T, f *fixture, id int64) {
			f.exec(t, "DELETE FROM "+f.d.Quote(f.prefix+"contacts")+" WHERE id = ?", id)
			title := "Edited in Reply"
			if _, err := f.c.Contacts.Update(context.Background(), id, reply.ContactUpdate{Title: &title}); err != nil {
				t.Fatal(err)
			}
		}, true, true},
		{"deleted in the table, edited in Reply, db wins", bisync.DBWins, func(t *testing.T, f *fixture, id int64) {
			f.exec(t, "DELETE FROM "+f.d.Quote(f.prefix+"contacts")+" WHERE id = ?", id)
			title := "Edited in Reply"
			if _, err := f.c.Contacts.Update(context.Background(), id, reply.ContactUpdate{Title: &title}); err != nil {
				t.Fatal(err)
			}
		}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, engines()[0])
			f.mustRun(t, tt.policy, "Contacts")
			var id int64
			f.db.QueryRow("SELECT max(id) FROM " + f.d.Quote(f.prefix+"contacts")).Scan(&id)
			tt.edit(t, f, id)
			f.mustRun(t, tt.policy, "Contacts")
			_, err := f.c.Contacts.Get(context.Background(), id)
			if inAPI := err == nil; inAPI != tt.wantAPI {
				t.Errorf("in Reply: %v (%v), want %v", inAPI, err, tt.wantAPI)
			}
			var n int
			f.db.QueryRow("SELECT count(*) FROM "+f.d.Quote(f.prefix+"contacts")+" WHERE id = ?", id).Scan(&n)
			if inTable := n == 1; inTable != tt.wantTable {
				t.Errorf("in the table: %v, want %v", inTable, tt.wantTable)
			}
			if again := f.mustRun(t, tt.policy, "Contacts"); writes(again) != 0 {
				t.Errorf("next run wrote: %+v", again.Rows)
			}
		})
	}
}
