package catalog_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply"
)

// TestContactsInsertImport checks that Contacts.Insert creates through the import endpoint with insert semantics:
// one import call per 1000 rows, a taken email fails its row with ErrExists and the existing Id, rows the import
// cannot take are created one by one, contact-level columns are patched after, and results align with rows.
func TestContactsInsertImport(t *testing.T) {
	t.Parallel()
	srv, c := newEnv(t)
	ctx := t.Context()
	tb := mustTable(t, "Contacts")
	var seeded catalog.Row
	for _, r := range collect(t, c, tb, catalog.Query{}) {
		if r["Email"] != nil {
			seeded = r
			break
		}
	}
	who, err := c.WhoAmI.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	me := int64(who.UserID)

	rows := []catalog.Row{
		{"Email": "new1@insert.example", "FirstName": "New", "City": "Paris"},                         // 0: imported
		{"Email": strings.ToUpper(seeded["Email"].(string)), "FirstName": "Dup"},                      // 1: exists
		{"Email": "nofirst@insert.example", "LastName": "Solo"},                                       // 2: no first name: create
		{"Email": "called@insert.example", "FirstName": "Call", "CallStatus": "toCall"},               // 3: imported, patched
		{"Email": "zone@insert.example", "FirstName": "Zone", "TimeZoneId": "Mars/Olympus"},           // 4: import fails: create fails
		{"Email": "NEW1@insert.example", "FirstName": "Again"},                                        // 5: same batch duplicate
		{"Email": "mine@insert.example", "FirstName": "Mine", "OwnerUserId": me, "IsOptedOut": false}, // 6: no patch
		{"LinkedInUrl": "https://www.linkedin.com/in/insert-only", "FirstName": "Link"},               // 7: no email: create
	}
	srv.ResetRequests()
	res := tb.Insert(ctx, c, rows)
	if len(res) != len(rows) {
		t.Fatalf("%d results for %d rows", len(res), len(rows))
	}
	for _, i := range []int{0, 2, 3, 6, 7} {
		if res[i].Err != nil || res[i].Row["Id"] == nil {
			t.Errorf("row %d: %+v", i, res[i])
		}
	}
	if !errors.Is(res[1].Err, catalog.ErrExists) || res[1].Row["Id"] != seeded["Id"] {
		t.Errorf("row 1 (taken email): %+v, want ErrExists with Id %v", res[1], seeded["Id"])
	}
	if !errors.Is(res[5].Err, catalog.ErrExists) || res[5].Row["Id"] != res[0].Row["Id"] {
		t.Errorf("row 5 (duplicate of row 0): %+v, want ErrExists with Id %v", res[5], res[0].Row["Id"])
	}
	if !errors.Is(res[4].Err, reply.ErrValidation) || !strings.Contains(res[4].Err.Error(), "Mars/Olympus") {
		t.Errorf("row 4 (bad time zone): %v, want the create's validation error", res[4].Err)
	}
	ops := map[string]int{}
	for _, r := range srv.Requests() {
		ops[r.Op]++
	}
	want := map[string]int{"whoami.get": 1, "contacts.import": 1, "contacts.update": 1, "contacts.create": 3}
	if fmt.Sprint(ops) != fmt.Sprint(want) {
		t.Errorf("calls %v, want %v", ops, want)
	}

	got := collect(t, c, tb, catalog.Where("Id", catalog.In, res[0].Row["Id"], res[3].Row["Id"], res[6].Row["Id"]))
	if len(got) != 3 || got[0]["City"] != "Paris" || got[1]["CallStatus"] != "toCall" || got[2]["OwnerUserId"] != me {
		t.Errorf("read back: %v", got)
	}
	if res[0].Row["City"] != "Paris" || res[0].Row["Email"] != "new1@insert.example" {
		t.Errorf("row 0 result: %v, want the row as written plus its Id", res[0].Row)
	}
}

// TestContactsInsertChunks inserts 2500 contacts: three import calls, every row created, results in order.
func TestContactsInsertChunks(t *testing.T) {
	t.Parallel()
	srv, c := newEnv(t)
	tb := mustTable(t, "Contacts")
	if tb.BatchSize != 1000 {
		t.Errorf("Contacts.BatchSize = %d, want 1000", tb.BatchSize)
	}
	rows := make([]catalog.Row, 2500)
	for i := range rows {
		rows[i] = catalog.Row{"Email": fmt.Sprintf("bulk%d@chunks.example", i), "FirstName": "Bulk"}
	}
	srv.ResetRequests()
	res := tb.Insert(t.Context(), c, rows)
	ids := map[any]bool{}
	for i, r := range res {
		if r.Err != nil || r.Row["Email"] != rows[i]["Email"] || r.Row["Id"] == nil || ids[r.Row["Id"]] {
			t.Fatalf("row %d: %+v", i, r)
		}
		ids[r.Row["Id"]] = true
	}
	if n := len(srv.Requests()); n != 3 {
		t.Errorf("%d calls, want 3", n)
	}
	got := collect(t, c, tb, catalog.Where("Email", catalog.Eq, "bulk2499@chunks.example"))
	if len(got) != 1 || got[0]["Id"] != res[2499].Row["Id"] {
		t.Errorf("last row read back: %v", got)
	}
}
