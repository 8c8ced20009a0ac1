package catalog_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply/replytest"
)

// TestPushdownCost checks what each pushed query costs in API calls, from the emulator's request log.
func TestPushdownCost(t *testing.T) {
	t.Parallel()
	srv, c := newEnv(t)
	var contact catalog.Row
	for _, r := range collect(t, c, mustTable(t, "Contacts"), catalog.Query{}) {
		if r["Email"] != nil {
			contact = r
			break
		}
	}
	seq := firstRow(t, c, "Sequences", catalog.Query{Columns: []string{"Id"}})
	seqs := collect(t, c, mustTable(t, "Sequences"), catalog.Query{Columns: []string{"Id"}})
	folder := firstRow(t, c, "SequenceFolders", catalog.Query{})
	member := firstRow(t, c, "SequenceContacts", catalog.Query{})
	tests := []struct {
		name     string
		table    string
		q        catalog.Query
		wantRows int      // -1: any
		want     []string // the request log, as "METHOD path?query" prefixes
	}{
		{"id eq is one get", "Contacts", catalog.Where("Id", catalog.Eq, contact["Id"]), 1,
			[]string{"GET /v3/contacts/" + itoa(contact["Id"])}},
		{"id in is one get each", "Contacts", catalog.Where("Id", catalog.In, contact["Id"], int64(999999)), 1,
			[]string{"GET /v3/contacts/" + itoa(contact["Id"]), "GET /v3/contacts/999999"}},
		{"email eq", "Contacts", catalog.Where("Email", catalog.Eq, contact["Email"]), 1,
			[]string{"GET /v3/contacts?email="}},
		{"limit is one page", "Contacts", catalog.Query{Limit: 3}, 3, []string{"GET /v3/contacts?top=3"}},
		{"rule is the filter endpoint", "Contacts", catalog.Where("LastModifiedAt", catalog.Gt, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)), -1,
			[]string{"POST /v3/contacts/filter?top=1000"}},
		{"sequences list skips the detail when not named", "Sequences", catalog.Query{Columns: []string{"Id", "Name"}}, len(seqs),
			[]string{"GET /v3/sequences?top=1000"}},
		{"sequence status pushed", "Sequences", catalog.Query{Columns: []string{"Id"}, Conds: []catalog.Cond{{Column: "Status", Op: catalog.Eq, Values: []any{"new"}}}}, -1,
			[]string{"GET /v3/sequences?status=new"}},
		{"account name search", "Accounts", catalog.Query{Columns: []string{"Id", "Name"}, Conds: []catalog.Cond{{Column: "Name", Op: catalog.Contains, Values: []any{"a"}}}}, -1,
			[]string{"GET /v3/contact-accounts?search=a"}},
		{"account cursor uses the filter", "Accounts", catalog.Query{Columns: []string{"Id"}, Conds: []catalog.Cond{{Column: "LastActivityDate", Op: catalog.Gt, Values: []any{time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}}}}, -1,
			[]string{"POST /v3/contact-accounts/filter"}},
		{"parent key is the child endpoint", "SequenceSteps", catalog.Where("SequenceId", catalog.Eq, seq["Id"]), -1,
			[]string{"GET /v3/sequences/" + itoa(seq["Id"]) + "/steps"}},
		{"sequence contacts of one sequence", "SequenceContacts", catalog.Where("SequenceId", catalog.Eq, seq["Id"]), -1,
			[]string{"GET /v3/sequences/" + itoa(seq["Id"]) + "/contacts"}},
		{"memberships of one contact", "SequenceContacts", catalog.Where("ContactId", catalog.Eq, member["ContactId"]), 1,
			[]string{"GET /v3/contacts/" + itoa(member["ContactId"]) + "/sequences", "GET /v3/sequences/" + itoa(member["SequenceId"]) + "/contacts/" + itoa(member["ContactId"])}},
		{"sequences in one folder", "SequencesInFolder", catalog.Where("FolderId", catalog.Eq, folder["Id"]), -1,
			[]string{"GET /v3/sequence-folders/" + folder["Id"].(string) + "/sequences"}},
	}
	for _, tt := range tests {
		srv.ResetRequests()
		rows := collect(t, c, mustTable(t, tt.table), tt.q)
		if tt.wantRows >= 0 && len(rows) != tt.wantRows {
			t.Errorf("%s: %d rows, want %d", tt.name, len(rows), tt.wantRows)
		}
		reqs := srv.Requests()
		var got []string
		for _, r := range reqs {
			s := r.Method + " " + r.Path
			if r.Query != "" {
				s += "?" + r.Query
			}
			got = append(got, s)
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: %d calls %q, want %d %q", tt.name, len(got), got, len(tt.want), tt.want)
			continue
		}
		for i := range got {
			if !strings.HasPrefix(got[i], tt.want[i]) {
				t.Errorf("%s: call %d = %q, want prefix %q", tt.name, i, got[i], tt.want[i])
			}
		}
	}
}

// TestDetailColumns checks that detail-only columns cost one GET per row only when named (or when all columns are).
func TestDetailColumns(t *testing.T) {
	t.Parallel()
	srv, c := newEnv(t)
	tb := mustTable(t, "Sequences")
	n := len(collect(t, c, tb, catalog.Query{Columns: []string{"Id"}}))
	for _, tt := range []struct {
		name    string
		columns []string
		calls   int
	}{
		{"list columns only", []string{"Id", "Name", "Status"}, 1},
		{"steps named", []string{"Id", "Steps"}, 1 + n},
		{"all columns", nil, 1 + n},
	} {
		srv.ResetRequests()
		rows := collect(t, c, tb, catalog.Query{Columns: tt.columns})
		if got := len(srv.Requests()); got != tt.calls {
			t.Errorf("%s: %d calls, want %d", tt.name, got, tt.calls)
		}
		if tt.columns == nil || len(tt.columns) == 2 {
			for _, r := range rows {
				if r["Steps"] == nil || r["ScheduleId"] == nil {
					t.Errorf("%s: sequence %v lacks its detail: %v", tt.name, r["Id"], r)
				}
			}
		}
	}
}

// TestCount checks that Contacts counts with one call of one row.
func TestCount(t *testing.T) {
	t.Parallel()
	srv, c := newEnv(t)
	tb := mustTable(t, "Contacts")
	all := len(collect(t, c, tb, catalog.Query{}))
	srv.ResetRequests()
	n, ok, err := tb.Count(t.Context(), c, catalog.Query{})
	if err != nil || !ok || n != int64(all) {
		t.Fatalf("Count = %d, %v, %v; want %d, true, nil", n, ok, err, all)
	}
	if reqs := srv.Requests(); len(reqs) != 1 || !strings.Contains(reqs[0].Query, "top=1") {
		t.Errorf("Count made %d calls: %+v", len(reqs), reqs)
	}
}

func itoa(v any) string { return fmt.Sprint(v) }

// TestContactsDegrade checks the incremental contact read: the time rule when the API honours it, and the full
// scan when the API ignores time rules and returns NULL timestamps (the live API's quirks).
func TestContactsDegrade(t *testing.T) {
	t.Parallel()
	srv, c := newEnv(t)
	tb := mustTable(t, "Contacts")
	all := collect(t, c, tb, catalog.Query{})
	latest := time.Time{}
	for _, r := range all {
		if ts, ok := r["LastModifiedAt"].(time.Time); ok && ts.After(latest) {
			latest = ts
		}
	}
	if latest.IsZero() {
		t.Fatal("no LastModifiedAt in the seed")
	}
	// Touch one contact after the latest change: only it is newer.
	srv.Advance(time.Minute)
	id := all[0]["Id"]
	if res := tb.Update(t.Context(), c, []catalog.Row{{"Id": id, "Title": "Touched"}}); res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	q := catalog.Where("LastModifiedAt", catalog.Gt, latest)
	if got := collect(t, c, tb, q); len(got) != 1 || got[0]["Id"] != id {
		t.Fatalf("honoured rule: got %d rows %v, want contact %v", len(got), got, id)
	}
	srv.SetQuirks(replytest.Quirks{NullContactTimestamps: true, IgnoreContactTimeRules: true})
	srv.ResetRequests()
	got := collect(t, c, tb, q)
	if len(got) != len(all) {
		t.Errorf("degraded: %d rows, want the full scan's %d", len(got), len(all))
	}
	if n := len(srv.Requests()); n != 2 {
		t.Errorf("degraded: %d calls, want 2 (the ignored filter, then the scan)", n)
	}
	if n, ok, err := tb.Count(t.Context(), c, q); ok || err != nil {
		t.Errorf("Count with an ignored time rule = %d, %v, %v; want ok=false", n, ok, err)
	}
}

// TestSortAndStop checks that a SortAndStop cursor stops reading at the first row not newer than the cursor.
func TestSortAndStop(t *testing.T) {
	t.Parallel()
	_, c := newEnv(t)
	tb := mustTable(t, "SequenceContacts")
	seq := firstRow(t, c, "SequenceContacts", catalog.Query{})["SequenceId"]
	rows := collect(t, c, tb, catalog.Where("SequenceId", catalog.Eq, seq))
	if len(rows) < 2 {
		t.Fatalf("sequence %v has %d contacts", seq, len(rows))
	}
	var times []time.Time
	for _, r := range rows {
		times = append(times, r["AddingDate"].(time.Time))
	}
	cursor := times[len(times)-1] // the oldest
	q := catalog.Query{Conds: []catalog.Cond{
		{Column: "SequenceId", Op: catalog.Eq, Values: []any{seq}},
		{Column: "AddingDate", Op: catalog.Gt, Values: []any{cursor}},
	}}
	got := collect(t, c, tb, q)
	want := 0
	for _, ts := range times {
		if ts.After(cursor) {
			want++
		}
	}
	if len(got) != want {
		t.Errorf("got %d rows newer than %v, want %d", len(got), cursor, want)
	}
	for _, r := range got {
		if !r["AddingDate"].(time.Time).After(cursor) {
			t.Errorf("row %v is not newer than the cursor", r)
		}
	}
}

// TestExactRecheck checks that conditions a path cannot push (an Id lookup) are still applied when their filter
// is Exact, since callers do not re-check those.
func TestExactRecheck(t *testing.T) {
	t.Parallel()
	_, c := newEnv(t)
	contact := firstRow(t, c, "Contacts", catalog.Query{})
	q := catalog.Query{Conds: []catalog.Cond{
		{Column: "Id", Op: catalog.Eq, Values: []any{contact["Id"]}},
		{Column: "OwnerUserId", Op: catalog.Eq, Values: []any{int64(424242)}},
	}}
	if got := collect(t, c, mustTable(t, "Contacts"), q); len(got) != 0 {
		t.Errorf("Id and a non-matching owner: %d rows", len(got))
	}
	folder := firstRow(t, c, "SequenceFolders", catalog.Query{})["Id"]
	in := collect(t, c, mustTable(t, "SequencesInFolder"), catalog.Where("FolderId", catalog.Eq, folder))
	if len(in) == 0 {
		t.Fatalf("folder %v is empty", folder)
	}
	q = catalog.Query{Columns: []string{"Id", "FolderId"}, Conds: []catalog.Cond{
		{Column: "Id", Op: catalog.Eq, Values: []any{in[0]["Id"]}},
		{Column: "FolderId", Op: catalog.Eq, Values: []any{folder}},
	}}
	got := collect(t, c, mustTable(t, "Sequences"), q)
	if len(got) != 1 || got[0]["FolderId"] != folder {
		t.Errorf("Id and FolderId: %v", got)
	}
}
