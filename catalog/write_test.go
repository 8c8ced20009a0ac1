package catalog_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply"
)

// firstRow returns the first row of a table matching q.
func firstRow(tb testing.TB, c *reply.Client, name string, q catalog.Query) catalog.Row {
	tb.Helper()
	q.Limit = 1
	rows := collect(tb, c, mustTable(tb, name), q)
	if len(rows) == 0 {
		tb.Fatalf("%s: no row for %+v", name, q)
	}
	return rows[0]
}

// keyQuery is the query reading back the row with r's key.
func keyQuery(t *catalog.Table, r catalog.Row) catalog.Query {
	var q catalog.Query
	for _, k := range t.Key {
		q.Conds = append(q.Conds, catalog.Cond{Column: k, Op: catalog.Eq, Values: []any{r[k]}})
	}
	return q
}

// same compares a written value with the value read back (JSON by content, the rest exactly).
func same(written, read any) bool {
	if w, ok := written.(json.RawMessage); ok {
		r, ok := read.(json.RawMessage)
		if !ok {
			return false
		}
		var a, b any
		return json.Unmarshal(w, &a) == nil && json.Unmarshal(r, &b) == nil && reflect.DeepEqual(a, b)
	}
	return reflect.DeepEqual(written, read)
}

type writeCase struct {
	table    string
	insert   func(tb testing.TB, c *reply.Client) catalog.Row
	update   catalog.Row // columns to change (the key is added)
	noVerify []string    // written columns the API returns in another shape
}

func writeCases() []writeCase {
	now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	seq := func(tb testing.TB, c *reply.Client) int64 {
		return firstRow(tb, c, "Sequences", catalog.Query{Columns: []string{"Id"}})["Id"].(int64)
	}
	return []writeCase{
		{table: "Accounts", insert: func(testing.TB, *reply.Client) catalog.Row {
			return catalog.Row{"Name": "Roundtrip Inc", "City": "Paris", "CompanySize": "11-50"}
		}, update: catalog.Row{"City": "Lyon", "Description": "moved"}},
		{table: "ContactLists", insert: func(testing.TB, *reply.Client) catalog.Row { return catalog.Row{"Name": "Roundtrip list"} },
			update: catalog.Row{"Name": "Roundtrip list 2", "IsShared": true}},
		{table: "Contacts", insert: func(testing.TB, *reply.Client) catalog.Row {
			return catalog.Row{"Email": "roundtrip@example.org", "FirstName": "Round", "CompanySize": "fifty", "OwnerUserId": int64(1235)}
		}, update: catalog.Row{"Title": "CTO", "CallStatus": "toCall", "FirstName": nil}},
		{table: "CustomFields", insert: func(testing.TB, *reply.Client) catalog.Row {
			return catalog.Row{"Title": "Roundtrip field", "FieldType": "text"}
		}, update: catalog.Row{"Title": "Roundtrip field 2", "Metadata": "a;b"}},
		{table: "DomainBlacklistRules", insert: func(testing.TB, *reply.Client) catalog.Row { return catalog.Row{"Pattern": "roundtrip.example"} },
			update: catalog.Row{"Pattern": "roundtrip2.example"}},
		{table: "EmailBlacklistRules", insert: func(testing.TB, *reply.Client) catalog.Row { return catalog.Row{"Pattern": "rt@roundtrip.example"} },
			update: catalog.Row{"Pattern": "rt2@roundtrip.example"}},
		{table: "EmailExceptionBlacklistRules", insert: func(testing.TB, *reply.Client) catalog.Row { return catalog.Row{"Pattern": "ok@roundtrip.example"} },
			update: catalog.Row{"Pattern": "ok2@roundtrip.example"}},
		{table: "EmailAccounts", insert: func(testing.TB, *reply.Client) catalog.Row {
			return catalog.Row{"Email": "sender@roundtrip.example", "SenderName": "Sender", "Connection": json.RawMessage(
				`{"smtpHost":"smtp.roundtrip.example","smtpPort":587,"smtpPassword":"pw","imapHost":"imap.roundtrip.example","imapPort":993,"imapPassword":"pw"}`)}
		}, update: catalog.Row{"SenderName": "Sender Two", "DailyLimit": int64(42)}, noVerify: []string{"Connection"}},
		{table: "EmailTemplateFolders", insert: func(testing.TB, *reply.Client) catalog.Row {
			return catalog.Row{"Name": "Roundtrip folder", "FolderType": "personal"}
		}, update: catalog.Row{"Name": "Roundtrip folder 2"}},
		{table: "EmailTemplates", insert: func(testing.TB, *reply.Client) catalog.Row {
			return catalog.Row{"Name": "Roundtrip template", "Body": "<p>Hi</p>", "Subject": "Hello", "FolderType": "personal"}
		}, update: catalog.Row{"Subject": "Hello again", "Body": "<p>Hey</p>"}},
		{table: "HolidayCalendars", insert: func(testing.TB, *reply.Client) catalog.Row {
			return catalog.Row{"Name": "Roundtrip holidays", "RepeatEveryYear": true,
				"Holidays": json.RawMessage(`[{"startDate":"2026-12-25","endDate":"2026-12-26","name":"Xmas"}]`)}
		}, update: catalog.Row{"Name": "Roundtrip holidays 2"}, noVerify: []string{"Holidays"}},
		{table: "Schedules", insert: func(testing.TB, *reply.Client) catalog.Row {
			return catalog.Row{"Name": "Roundtrip hours", "TimezoneId": "Eastern Standard Time", "MainTimings": json.RawMessage(
				`[{"weekDay":"Monday","isActive":true,"timeRanges":[{"fromTime":{"hour":9,"minute":0},"toTime":{"hour":12,"minute":0}}]}]`)}
		}, update: catalog.Row{"Name": "Roundtrip hours 2", "ExcludeHolidays": true}},
		{table: "SequenceFolders", insert: func(testing.TB, *reply.Client) catalog.Row { return catalog.Row{"Name": "Roundtrip folder"} },
			update: catalog.Row{"Name": "Roundtrip folder 2"}},
		{table: "Sequences", insert: func(testing.TB, *reply.Client) catalog.Row {
			return catalog.Row{"Name": "Roundtrip sequence", "Steps": json.RawMessage(`[{"type":"email","delayInMinutes":0,"executionMode":"automatic","variants":[{"subject":"Hi","message":"Hello"}]}]`)}
		}, update: catalog.Row{"Name": "Roundtrip sequence 2"}, noVerify: []string{"Steps"}},
		{table: "SequenceSteps", insert: func(tb testing.TB, c *reply.Client) catalog.Row {
			return catalog.Row{"SequenceId": seq(tb, c), "Type": "call", "DelayInMinutes": int64(60), "Message": "Ring"}
		}, update: catalog.Row{"Message": "Ring again", "DelayInMinutes": int64(120)}},
		{table: "SequenceStepVariants", insert: func(tb testing.TB, c *reply.Client) catalog.Row {
			st := firstRow(tb, c, "SequenceSteps", catalog.Where("Type", catalog.Eq, "email"))
			for _, r := range collect(tb, c, mustTable(tb, "SequenceSteps"), catalog.Query{}) {
				if r["Type"] == "email" {
					st = r
					break
				}
			}
			return catalog.Row{"SequenceId": st["SequenceId"], "StepId": st["Id"], "Subject": "Variant", "Message": "Variant body"}
		}, update: catalog.Row{"Message": "Variant body 2"}},
		{table: "Tasks", insert: func(testing.TB, *reply.Client) catalog.Row {
			return catalog.Row{"TaskType": "toDo", "StartAt": now.Add(time.Hour), "DueTo": now.Add(2 * time.Hour),
				"Template": json.RawMessage(`{"body":"Do it","subject":null}`)}
		}, update: catalog.Row{"DueTo": now.Add(3 * time.Hour)}, noVerify: []string{"Template"}},
		{table: "Webhooks", insert: func(testing.TB, *reply.Client) catalog.Row {
			return catalog.Row{"EventType": "email_replied", "Url": "https://roundtrip.example/hook"}
		}, update: catalog.Row{"Url": "https://roundtrip.example/hook2", "Enabled": false}},
		{table: "SequenceEmailAccounts", insert: func(tb testing.TB, c *reply.Client) catalog.Row {
			// The seed links every email account to every sequence: link a new one.
			ea := mustTable(tb, "EmailAccounts")
			res := ea.Insert(tb.Context(), c, []catalog.Row{{"Email": "linked@roundtrip.example", "Connection": json.RawMessage(
				`{"smtpHost":"smtp.roundtrip.example","smtpPort":587,"smtpPassword":"pw","imapHost":"imap.roundtrip.example","imapPort":993,"imapPassword":"pw"}`)}})
			if res[0].Err != nil {
				tb.Fatalf("EmailAccounts.Insert: %v", res[0].Err)
			}
			return catalog.Row{"SequenceId": seq(tb, c), "Id": res[0].Row["Id"]}
		}},
		{table: "SequenceLinkedInAccounts", insert: func(tb testing.TB, c *reply.Client) catalog.Row {
			return freeAccount(tb, c, "LinkedInAccounts", "SequenceLinkedInAccounts")
		}},
	}
}

// freeAccount returns a link row (SequenceId, Id) for an account of table accounts not yet linked to a sequence.
func freeAccount(tb testing.TB, c *reply.Client, accounts, links string) catalog.Row {
	all := collect(tb, c, mustTable(tb, accounts), catalog.Query{Columns: []string{"Id"}})
	for _, s := range collect(tb, c, mustTable(tb, "Sequences"), catalog.Query{Columns: []string{"Id"}}) {
		linked := map[any]bool{}
		for _, r := range collect(tb, c, mustTable(tb, links), catalog.Where("SequenceId", catalog.Eq, s["Id"])) {
			linked[r["Id"]] = true
		}
		for _, r := range all {
			if !linked[r["Id"]] {
				return catalog.Row{"SequenceId": s["Id"], "Id": r["Id"]}
			}
		}
	}
	tb.Fatalf("every %s is linked to every sequence", accounts)
	return nil
}

// matching keeps the rows whose key columns equal key's (List may return more rows than its conditions match).
func matching(rows []catalog.Row, key catalog.Row) []catalog.Row {
	var out []catalog.Row
	for _, r := range rows {
		ok := true
		for k, v := range key {
			ok = ok && reflect.DeepEqual(r[k], v)
		}
		if ok {
			out = append(out, r)
		}
	}
	return out
}

// TestWriteRoundTrip inserts, reads back, updates, reads back and deletes a row of every writable table.
func TestWriteRoundTrip(t *testing.T) {
	t.Parallel()
	cases := map[string]bool{}
	for _, wc := range writeCases() {
		cases[wc.table] = true
	}
	for _, tb := range catalog.All() {
		if tb.Insert != nil && !cases[tb.Name] {
			t.Errorf("%s is writable but has no round-trip case", tb.Name)
		}
	}
	for _, wc := range writeCases() {
		t.Run(wc.table, func(t *testing.T) {
			t.Parallel()
			_, c := newEnv(t)
			tb := mustTable(t, wc.table)
			ctx := t.Context()
			row := wc.insert(t, c)
			if err := catalog.ValidateRow(tb, row, true); err != nil {
				t.Fatalf("ValidateRow(insert): %v", err)
			}
			res := tb.Insert(ctx, c, []catalog.Row{row})
			if len(res) != 1 || res[0].Err != nil {
				t.Fatalf("Insert: %+v", res)
			}
			key := catalog.Row{}
			for _, k := range tb.Key {
				key[k] = res[0].Row[k]
				if key[k] == nil {
					t.Fatalf("Insert returned no %s: %v", k, res[0].Row)
				}
			}
			check := func(stage string, written catalog.Row) {
				t.Helper()
				got := matching(collect(t, c, tb, keyQuery(tb, key)), key)
				if len(got) != 1 {
					t.Fatalf("%s: read back %d rows for %v", stage, len(got), key)
				}
			cols:
				for name, v := range written {
					col, _ := tb.Column(name)
					if col.WriteOnly {
						continue
					}
					for _, nv := range wc.noVerify {
						if nv == name {
							continue cols
						}
					}
					if !same(v, got[0][name]) {
						t.Errorf("%s: %s = %#v, wrote %#v", stage, name, got[0][name], v)
					}
				}
			}
			check("after insert", row)
			if wc.update != nil {
				if tb.Update == nil {
					t.Fatalf("no Update")
				}
				up := catalog.Row{}
				for k, v := range key {
					up[k] = v
				}
				for k, v := range wc.update {
					up[k] = v
				}
				if err := catalog.ValidateRow(tb, up, false); err != nil {
					t.Fatalf("ValidateRow(update): %v", err)
				}
				res := tb.Update(ctx, c, []catalog.Row{up})
				if len(res) != 1 || res[0].Err != nil {
					t.Fatalf("Update: %+v", res)
				}
				check("after update", wc.update)
			}
			res = tb.Delete(ctx, c, []catalog.Row{key})
			if len(res) != 1 || res[0].Err != nil {
				t.Fatalf("Delete: %+v", res)
			}
			if got := matching(collect(t, c, tb, keyQuery(tb, key)), key); len(got) != 0 {
				t.Errorf("after delete: still %d rows: %v", len(got), got)
			}
		})
	}
}

// TestCopySequences inserts each seeded sequence's writable columns as read (as a CSV export would give them):
// step ids and chain parent ids are dropped, so the copy has the same steps.
func TestCopySequences(t *testing.T) {
	t.Parallel()
	_, c := newEnv(t)
	tb := mustTable(t, "Sequences")
	steps := mustTable(t, "SequenceSteps")
	for _, r := range collect(t, c, tb, catalog.Query{}) {
		row := catalog.WritableRow(tb, r, true)
		row["Name"] = r["Name"].(string) + " (copy)"
		if err := catalog.ValidateRow(tb, row, true); err != nil {
			t.Errorf("sequence %v: ValidateRow: %v", r["Id"], err)
			continue
		}
		res := tb.Insert(t.Context(), c, []catalog.Row{row})
		if res[0].Err != nil {
			t.Errorf("sequence %v: Insert: %v", r["Id"], res[0].Err)
			continue
		}
		src := collect(t, c, steps, catalog.Where("SequenceId", catalog.Eq, r["Id"]))
		dst := collect(t, c, steps, catalog.Where("SequenceId", catalog.Eq, res[0].Row["Id"]))
		if len(src) != len(dst) {
			t.Errorf("sequence %v: copy has %d steps, want %d", r["Id"], len(dst), len(src))
		}
		for i := range min(len(src), len(dst)) {
			if src[i]["Type"] != dst[i]["Type"] || src[i]["DelayInMinutes"] != dst[i]["DelayInMinutes"] {
				t.Errorf("sequence %v step %d: %v/%v, want %v/%v", r["Id"], i, dst[i]["Type"], dst[i]["DelayInMinutes"], src[i]["Type"], src[i]["DelayInMinutes"])
			}
		}
	}
}

// TestBulkPartial checks that bulk writes answer row by row: a malformed row does not sink the others, per-item
// failures are reported on their row, and deleting a missing id fails that row only.
func TestBulkPartial(t *testing.T) {
	t.Parallel()
	srv, c := newEnv(t)
	ctx := t.Context()

	accounts := mustTable(t, "Accounts")
	srv.ResetRequests()
	res := accounts.Insert(ctx, c, []catalog.Row{{"Name": "Bulk One"}, {"Name": ""}, {"Name": "Bulk Three"}})
	if res[0].Err != nil || res[2].Err != nil || res[1].Err == nil {
		t.Fatalf("accounts with one invalid row: %+v", res)
	}
	for _, i := range []int{0, 2} {
		if got := collect(t, c, accounts, catalog.Where("Id", catalog.Eq, res[i].Row["Id"])); len(got) != 1 || got[0]["Name"] != res[i].Row["Name"] {
			t.Errorf("row %d not created: %v", i, got)
		}
	}

	rules := mustTable(t, "DomainBlacklistRules")
	res = rules.Insert(ctx, c, []catalog.Row{{"Pattern": "dup.example"}, {"Pattern": "DUP.example"}, {"Pattern": "other.example"}})
	if res[0].Err != nil || res[2].Err != nil || res[1].Err == nil {
		t.Fatalf("rules with a duplicate: %+v", res)
	}

	del := rules.Delete(ctx, c, []catalog.Row{{"Id": res[0].Row["Id"]}, {"Id": int64(999999)}})
	if del[0].Err != nil || !errors.Is(del[1].Err, reply.ErrNotFound) {
		t.Errorf("delete with a missing id: %+v", del)
	}
}

// TestContactCustomFields writes custom fields in the read shape ({key, value}) and by name.
func TestContactCustomFields(t *testing.T) {
	t.Parallel()
	_, c := newEnv(t)
	cf := firstRow(t, c, "CustomFields", catalog.Query{})
	tb := mustTable(t, "Contacts")
	res := tb.Insert(t.Context(), c, []catalog.Row{{"Email": "fields@roundtrip.example",
		"CustomFields": json.RawMessage(fmt.Sprintf(`[{"name":%q,"value":"by name"}]`, cf["Title"]))}})
	if res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	id := res[0].Row["Id"]
	up := tb.Update(t.Context(), c, []catalog.Row{{"Id": id, "CustomFields": json.RawMessage(fmt.Sprintf(`[{"key":"%v","value":"by key"}]`, cf["Id"]))}})
	if up[0].Err != nil {
		t.Fatal(up[0].Err)
	}
	got := collect(t, c, tb, catalog.Where("Id", catalog.Eq, id))[0]["CustomFields"]
	want := fmt.Sprintf(`"key":"%v","value":"by key"`, cf["Id"])
	if !strings.Contains(string(got.(json.RawMessage)), want) {
		t.Errorf("CustomFields = %s, want an item %s", got, want)
	}
}

// TestJSONUnescaped checks that JSON columns keep HTML as the API sent it ("<p>", not "\u003cp\u003e") and that
// text holding a literal backslash sequence survives.
func TestJSONUnescaped(t *testing.T) {
	t.Parallel()
	_, c := newEnv(t)
	var email catalog.Row
	for _, r := range collect(t, c, mustTable(t, "SequenceSteps"), catalog.Query{}) {
		if r["Type"] == "email" {
			email = r
			break
		}
	}
	tricky := `<p>a \u003c b & c</p>`
	res := mustTable(t, "SequenceStepVariants").Insert(t.Context(), c, []catalog.Row{{"SequenceId": email["SequenceId"],
		"StepId": email["Id"], "Subject": "S", "Message": tricky}})
	if res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	got := collect(t, c, mustTable(t, "SequenceSteps"), catalog.Query{Conds: []catalog.Cond{
		{Column: "SequenceId", Op: catalog.Eq, Values: []any{email["SequenceId"]}},
		{Column: "Id", Op: catalog.Eq, Values: []any{email["Id"]}}}})[0]["Variants"].(json.RawMessage)
	if strings.Contains(string(got), `\u003c`+"p") || !strings.Contains(string(got), "<p>") {
		t.Errorf("Variants keeps escaped HTML: %s", got)
	}
	var vs []struct{ Message string }
	if err := json.Unmarshal(got, &vs); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, v := range vs {
		found = found || v.Message == tricky
	}
	if !found {
		t.Errorf("no variant with message %q in %s", tricky, got)
	}
}
