package catalog_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply"
)

// call runs a procedure and fails the test on error.
func call(tb testing.TB, c *reply.Client, name string, args catalog.Args) []catalog.Row {
	tb.Helper()
	p, ok := catalog.LookupProcedure(name)
	if !ok {
		tb.Fatalf("no procedure %s", name)
	}
	rows, err := p.Func(tb.Context(), c, args)
	if err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return rows
}

// idErrors maps the (Id, Error) rows of a bulk procedure.
func idErrors(tb testing.TB, rows []catalog.Row) map[int64]any {
	tb.Helper()
	out := map[int64]any{}
	for _, r := range rows {
		out[r["Id"].(int64)] = r["Error"]
	}
	return out
}

func TestProceduresDeclared(t *testing.T) {
	t.Parallel()
	want := []string{"StartSequence", "PauseSequence", "ArchiveSequence", "SetContactStatus", "ClearContactStatus",
		"AddNoteToContact", "MoveContactToSequence", "SetSequenceEmailAccounts", "BulkAssignSequencesToFolder",
		"BulkUnassignSequencesToFolder", "DeleteSequenceTemplate", "MoveContactsToContactList",
		"AddContactsToContactList", "ReassignTask", "CompleteTask", "ExecuteAndCompleteTask"}
	ps := catalog.Procedures()
	if len(ps) != len(want) {
		t.Fatalf("%d procedures, want %d", len(ps), len(want))
	}
	for i, p := range ps {
		if p.Name != want[i] {
			t.Errorf("procedure %d = %s, want %s", i, p.Name, want[i])
		}
		if p.Func == nil || len(p.Result) == 0 || p.Doc == "" {
			t.Errorf("%s: incomplete declaration", p.Name)
		}
		if got, ok := catalog.LookupProcedure(strings.ToLower(p.Name)); !ok || got.Name != p.Name {
			t.Errorf("LookupProcedure(%s) failed", p.Name)
		}
	}
}

func TestProcedureArgs(t *testing.T) {
	t.Parallel()
	_, c := newEnv(t)
	for _, tt := range []struct {
		name string
		args catalog.Args
		want string
	}{
		{"SetContactStatus", catalog.Args{"ContactIds": []any{int64(1)}, "Status": "Happy"}, `"Happy" is not one of`},
		{"SetContactStatus", catalog.Args{"Status": "Paused"}, "ContactIds: invalid value: is required"},
		{"SetContactStatus", catalog.Args{"ContactIds": []any{}, "Status": "Paused"}, "needs at least one id"},
		{"ClearContactStatus", catalog.Args{"ContactIds": []any{int64(1)}, "Statuses": []any{"Paused"}}, "Paused cannot be cleared"},
		{"StartSequence", catalog.Args{}, "SequenceId: invalid value: is required"},
		{"CompleteTask", catalog.Args{"TaskId": int64(1), "CallResolution": "Maybe"}, `"Maybe" is not one of Positive, ToCall, Negative`},
	} {
		p, _ := catalog.LookupProcedure(tt.name)
		_, err := p.Func(t.Context(), c, tt.args)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s(%v): error %v, want %q", tt.name, tt.args, err, tt.want)
		}
	}
}

// TestProcedures runs every procedure against the emulator, in an order where each finds the state it needs.
func TestProcedures(t *testing.T) {
	t.Parallel()
	_, c := newEnv(t)
	contacts := mustTable(t, "Contacts")
	enrolled := firstRow(t, c, "SequenceContacts", catalog.Query{})
	seq, member := enrolled["SequenceId"].(int64), enrolled["ContactId"].(int64)
	const missing = int64(999999)

	t.Run("sequence state", func(t *testing.T) {
		if r := call(t, c, "StartSequence", catalog.Args{"SequenceId": seq}); r[0]["Status"] != "active" {
			t.Errorf("StartSequence: %v", r)
		}
		if r := call(t, c, "PauseSequence", catalog.Args{"SequenceId": seq}); r[0]["Status"] != "paused" {
			t.Errorf("PauseSequence: %v", r)
		}
		if r := call(t, c, "StartSequence", catalog.Args{"SequenceId": seq}); r[0]["Status"] != "active" {
			t.Errorf("StartSequence again: %v", r)
		}
	})

	t.Run("SetContactStatus in a sequence, with a failing id", func(t *testing.T) {
		rows := call(t, c, "SetContactStatus", catalog.Args{"ContactIds": []any{member, missing}, "Status": "paused", "SequenceId": seq})
		got := idErrors(t, rows)
		if len(rows) != 2 || got[member] != nil || got[missing] == nil {
			t.Fatalf("rows = %v", rows)
		}
		sc := collect(t, c, mustTable(t, "SequenceContacts"), catalog.Query{Conds: []catalog.Cond{
			{Column: "SequenceId", Op: catalog.Eq, Values: []any{seq}}, {Column: "ContactId", Op: catalog.Eq, Values: []any{member}}}})
		if len(sc) != 1 || sc[0]["StatusInSequence"] != "paused" {
			t.Errorf("membership after Paused: %v", sc)
		}
	})

	t.Run("SetContactStatus contact-level and ClearContactStatus", func(t *testing.T) {
		for _, st := range []string{"OptedOut", "ToCall", "MeetingBooked"} {
			if rows := call(t, c, "SetContactStatus", catalog.Args{"ContactIds": []any{member}, "Status": st}); rows[0]["Error"] != nil {
				t.Fatalf("%s: %v", st, rows)
			}
		}
		r := collect(t, c, contacts, catalog.Where("Id", catalog.Eq, member))[0]
		if r["IsOptedOut"] != true || r["CallStatus"] != "toCall" || r["MeetingStatus"] != "meetingBooked" {
			t.Fatalf("after set: %v", r)
		}
		// Clearing Called alone must not erase ToCall.
		if rows := call(t, c, "ClearContactStatus", catalog.Args{"ContactIds": []any{member}, "Statuses": []any{"Called"}}); rows[0]["Error"] != nil {
			t.Fatalf("clear Called: %v", rows)
		}
		if r := collect(t, c, contacts, catalog.Where("Id", catalog.Eq, member))[0]; r["CallStatus"] != "toCall" {
			t.Errorf("clearing Called erased ToCall: %v", r["CallStatus"])
		}
		rows := call(t, c, "ClearContactStatus", catalog.Args{"ContactIds": []any{member, missing}})
		if got := idErrors(t, rows); got[member] != nil || got[missing] == nil {
			t.Fatalf("clear defaults: %v", rows)
		}
		r = collect(t, c, contacts, catalog.Where("Id", catalog.Eq, member))[0]
		if r["IsOptedOut"] != false || r["CallStatus"] != "none" || r["MeetingStatus"] != "none" {
			t.Errorf("after clear: %v", r)
		}
	})

	t.Run("Replied and Bounced", func(t *testing.T) {
		for _, args := range []catalog.Args{
			{"ContactIds": []any{member}, "Status": "Replied", "SequenceId": seq},
			{"ContactIds": []any{member}, "Status": "Bounced"},
		} {
			if rows := call(t, c, "SetContactStatus", args); rows[0]["Error"] != nil {
				t.Fatalf("%v: %v", args, rows)
			}
		}
		if rows := call(t, c, "ClearContactStatus", catalog.Args{"ContactIds": []any{member}, "Statuses": []any{"Replied", "Bounced"}, "SequenceId": seq}); rows[0]["Error"] != nil {
			t.Fatalf("clear: %v", rows)
		}
	})

	t.Run("notes and enrolment", func(t *testing.T) {
		call(t, c, "AddNoteToContact", catalog.Args{"ContactId": member, "Note": "Called twice"})
		in := map[any]bool{}
		for _, r := range collect(t, c, mustTable(t, "SequenceContacts"), catalog.Where("SequenceId", catalog.Eq, seq)) {
			in[r["ContactId"]] = true
		}
		var other int64
		for _, r := range collect(t, c, contacts, catalog.Query{}) {
			if !in[r["Id"]] && r["IsOptedOut"] != true {
				other = r["Id"].(int64)
				break
			}
		}
		call(t, c, "MoveContactToSequence", catalog.Args{"ContactId": other, "SequenceId": seq, "IgnoreStepDelay": true})
		sc := collect(t, c, mustTable(t, "SequenceContacts"), catalog.Query{Conds: []catalog.Cond{
			{Column: "SequenceId", Op: catalog.Eq, Values: []any{seq}}, {Column: "ContactId", Op: catalog.Eq, Values: []any{other}}}})
		if len(sc) != 1 {
			t.Errorf("contact %d not enrolled: %v", other, sc)
		}
	})

	t.Run("SetSequenceEmailAccounts", func(t *testing.T) {
		acct := firstRow(t, c, "EmailAccounts", catalog.Query{Columns: []string{"Id"}})["Id"]
		call(t, c, "SetSequenceEmailAccounts", catalog.Args{"SequenceId": seq, "EmailAccountIds": []any{acct}})
		got := collect(t, c, mustTable(t, "SequenceEmailAccounts"), catalog.Where("SequenceId", catalog.Eq, seq))
		if len(got) != 1 || got[0]["Id"] != acct {
			t.Errorf("links = %v, want only %v", got, acct)
		}
	})

	t.Run("folders", func(t *testing.T) {
		folder := firstRow(t, c, "SequenceFolders", catalog.Query{})["Id"]
		rows := call(t, c, "BulkAssignSequencesToFolder", catalog.Args{"FolderId": folder, "SequenceIds": []any{seq, missing}})
		if got := idErrors(t, rows); got[seq] != nil || got[missing] == nil {
			t.Fatalf("assign: %v", rows)
		}
		in := matching(collect(t, c, mustTable(t, "SequencesInFolder"), catalog.Where("FolderId", catalog.Eq, folder)), catalog.Row{"Id": seq})
		if len(in) != 1 {
			t.Errorf("sequence %d not in folder %v", seq, folder)
		}
		rows = call(t, c, "BulkUnassignSequencesToFolder", catalog.Args{"FolderId": folder, "SequenceIds": []any{seq}})
		if got := idErrors(t, rows); got[seq] != nil {
			t.Fatalf("unassign: %v", rows)
		}
	})

	t.Run("contact lists", func(t *testing.T) {
		list := firstRow(t, c, "ContactLists", catalog.Query{})["Id"]
		for _, name := range []string{"AddContactsToContactList", "MoveContactsToContactList"} {
			rows := call(t, c, name, catalog.Args{"ListId": list, "ContactIds": []any{member, missing}})
			if got := idErrors(t, rows); got[member] != nil || got[missing] == nil {
				t.Errorf("%s: %v", name, rows)
			}
		}
	})

	t.Run("DeleteSequenceTemplate", func(t *testing.T) {
		tpl, err := c.Sequences.SaveAsTemplate(t.Context(), seq, reply.SaveAsTemplate{Name: "Procedure test template"})
		if err != nil {
			t.Fatal(err)
		}
		call(t, c, "DeleteSequenceTemplate", catalog.Args{"TemplateId": tpl.ID})
		p, _ := catalog.LookupProcedure("DeleteSequenceTemplate")
		if _, err := p.Func(t.Context(), c, catalog.Args{"TemplateId": tpl.ID}); err == nil {
			t.Error("deleting twice succeeded")
		}
	})

	t.Run("archive", func(t *testing.T) {
		call(t, c, "PauseSequence", catalog.Args{"SequenceId": seq})
		if r := call(t, c, "ArchiveSequence", catalog.Args{"SequenceId": seq}); r[0]["IsArchived"] != true {
			t.Errorf("ArchiveSequence: %v", r)
		}
	})

	t.Run("tasks", func(t *testing.T) {
		var open []catalog.Row
		for _, r := range collect(t, c, mustTable(t, "Tasks"), catalog.Query{Columns: []string{"Id", "Status", "TaskType"}}) {
			if r["Status"] == "new" {
				open = append(open, r)
			}
		}
		if len(open) < 2 {
			t.Fatalf("%d open tasks in the seed", len(open))
		}
		if r := call(t, c, "ReassignTask", catalog.Args{"TaskId": open[0]["Id"], "UserId": int64(1235)}); r[0]["AssignedUserId"] != int64(1235) {
			t.Errorf("ReassignTask: %v", r)
		}
		if r := call(t, c, "CompleteTask", catalog.Args{"TaskId": open[0]["Id"], "CallResolution": "positive"}); r[0]["Status"] != "finished" {
			t.Errorf("CompleteTask: %v", r)
		}
		start := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
		res := mustTable(t, "Tasks").Insert(t.Context(), c, []catalog.Row{{"TaskType": "manualEmail", "ContactId": member,
			"StartAt": start, "DueTo": start.Add(time.Hour), "Template": json.RawMessage(`{"body":"Hi {{firstName}}","subject":"Hello"}`)}})
		if res[0].Err != nil {
			t.Fatal(res[0].Err)
		}
		got := call(t, c, "ExecuteAndCompleteTask", catalog.Args{"TaskId": res[0].Row["Id"], "ContentBody": "Hello", "ContentSubject": "Hi"})
		if got[0]["Status"] != "finished" || got[0]["FinishedAt"] == nil {
			t.Errorf("ExecuteAndCompleteTask: %v", got)
		}
		p, _ := catalog.LookupProcedure("CompleteTask")
		if _, err := p.Func(t.Context(), c, catalog.Args{"TaskId": res[0].Row["Id"]}); !errors.Is(err, reply.ErrConflict) {
			t.Errorf("completing a finished task: %v, want a conflict", err)
		}
	})
}
