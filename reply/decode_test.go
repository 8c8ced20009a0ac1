package reply_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/replykit/replykit/reply"
)

func TestEnumCasingKept(t *testing.T) {
	t.Parallel()
	// Live casings (PascalCase companySize) and unknown values are decoded and kept as sent.
	in := `{"id": 1, "companySize": "Empty", "callStatus": "ToCall", "meetingStatus": "somethingNew"}`
	var c reply.Contact
	if err := json.Unmarshal([]byte(in), &c); err != nil {
		t.Fatal(err)
	}
	if c.CompanySize != "Empty" || !reply.EqualFold(c.CompanySize, "empty") {
		t.Errorf("companySize = %q", c.CompanySize)
	}
	if !reply.EqualFold(c.CallStatus, "toCall") || c.MeetingStatus != "somethingNew" {
		t.Errorf("statuses = %q, %q", c.CallStatus, c.MeetingStatus)
	}
	var j reply.BackgroundJob
	for _, s := range []string{"Done", "done", "DONE", "Cancelled"} {
		j.Status = s
		if !j.Finished() {
			t.Errorf("status %q not final", s)
		}
	}
	j.Status = "Processing"
	if j.Finished() {
		t.Error("Processing is final")
	}
}

func TestBulkResultDecoding(t *testing.T) {
	t.Parallel()
	in := `{"5821": {"error": "notFound", "errorDetails": "Inbox thread not found."},
		"17": {"error": 8, "errorDetails": null}, "18": {"error": "ContactNotProcessed"}, "19": {"error": "1"}}`
	var r reply.BulkResult
	if err := json.Unmarshal([]byte(in), &r); err != nil {
		t.Fatal(err)
	}
	if len(r) != 4 {
		t.Fatalf("len = %d", len(r))
	}
	e, ok := r.Failed(5821)
	if !ok || e.Code != "notFound" || e.Details != "Inbox thread not found." || !errors.Is(e, reply.ErrNotFound) {
		t.Errorf("5821 = %+v", e)
	}
	if e := r["17"]; e.Code != "8" || e.Details != "" || errors.Is(e, reply.ErrNotFound) {
		t.Errorf("17 = %+v", e)
	}
	if e := r["18"]; !reply.EqualFold(e.Code, "contactNotProcessed") {
		t.Errorf("18 = %+v", e)
	}
	if e := r["19"]; !errors.Is(e, reply.ErrNotFound) {
		t.Errorf("19 (numeric NotFound) = %+v", e)
	}
	var empty reply.BulkResult
	if err := json.Unmarshal([]byte(`{}`), &empty); err != nil || len(empty) != 0 {
		t.Errorf("empty = %v %v", empty, err)
	}
}

func TestCreateResultDecoding(t *testing.T) {
	t.Parallel()
	in := `[{"id": 11, "error": null, "errorDetails": null}, {"id": null, "error": 2, "errorDetails": "Duplicate"},
		{"id": null, "error": "invalidStep", "errorDetails": "bad"}, {"id": "12"}]`
	var r []reply.CreateResult
	if err := json.Unmarshal([]byte(in), &r); err != nil {
		t.Fatal(err)
	}
	want := []reply.CreateResult{{ID: 11}, {Error: "2", ErrorDetails: "Duplicate"}, {Error: "invalidStep", ErrorDetails: "bad"}, {ID: 12}}
	if fmt.Sprint(r) != fmt.Sprint(want) {
		t.Errorf("got %+v, want %+v", r, want)
	}
	if !r[0].OK() || r[1].OK() {
		t.Error("OK() wrong")
	}
}

func TestOtherBulkShapes(t *testing.T) {
	t.Parallel()
	var enrol reply.EnrolResult
	if err := json.Unmarshal([]byte(`{"added": [1, 2], "notProcessed": {"3": {"error": "contactAlreadyInSequence", "errorDetails": "x"}}}`), &enrol); err != nil {
		t.Fatal(err)
	}
	if len(enrol.Added) != 2 || enrol.NotProcessed["3"].Code != "contactAlreadyInSequence" {
		t.Errorf("B3 = %+v", enrol)
	}
	var rm reply.RemoveResult
	if err := json.Unmarshal([]byte(`{"requested": 3, "removed": 1, "notFound": 1, "notInSequence": 1, "removedIds": [5]}`), &rm); err != nil {
		t.Fatal(err)
	}
	if rm.Requested != 3 || rm.Removed != 1 || len(rm.RemovedIDs) != 1 || rm.RemovedIDs[0] != 5 {
		t.Errorf("B4 = %+v", rm)
	}
	var imp reply.ImportResult
	if err := json.Unmarshal([]byte(`{"items": [{"id": 1, "status": "created", "error": null}, {"id": null, "status": "failed", "error": "Invalid data"}, {"id": null, "status": "failed", "error": 3}],
		"added": 1, "updated": 0, "skipped": 0, "failed": 2}`), &imp); err != nil {
		t.Fatal(err)
	}
	if len(imp.Items) != 3 || imp.Items[1].Error != "Invalid data" || imp.Items[2].Error != "3" || imp.Failed != 2 {
		t.Errorf("B5 = %+v", imp)
	}
}

func TestContactSequenceShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		status   string
		step     reply.ID
		stepName string
	}{
		{"schema shape", `{"sequenceId": 1, "sequenceName": "S", "statusInSequence": "active", "currentStep": {"stepId": 9, "displayName": "2"}, "addingDate": "2024-03-08T10:00:00+00:00", "emailAccountId": 5, "linkedInAccountId": null}`, "active", 9, "2"},
		{"older docs shape", `{"sequenceId": 1, "sequenceName": "S", "status": "Paused", "currentStep": 3}`, "Paused", 3, ""},
		{"finished", `{"sequenceId": 1, "statusInSequence": "finished", "currentStep": {"stepId": null, "displayName": "Finished"}}`, "finished", 0, "Finished"},
		{"no step", `{"sequenceId": 1, "statusInSequence": "active", "currentStep": null}`, "active", 0, ""},
	}
	for _, tt := range tests {
		var s reply.ContactSequence
		if err := json.Unmarshal([]byte(tt.in), &s); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if s.SequenceID != 1 || s.StatusInSequence != tt.status || s.CurrentStepID != tt.step || s.CurrentStepName != tt.stepName {
			t.Errorf("%s: got %+v", tt.name, s)
		}
	}
}

func TestStepRoundTrip(t *testing.T) {
	t.Parallel()
	in := `[{"id": 1323, "type": "email", "delayInMinutes": 0, "parentId": null, "ifConditionPositive": null, "executionMode": "automatic",
	  "variants": [{"id": 1, "subject": "Quick question about {{companyName}}", "message": "<p>Hi {{firstName}},</p>"}], "futureMember": {"a": 1}},
	 {"id": 43432, "type": "linkedIn", "actionType": "message", "delayInMinutes": 2880, "parentId": 1323, "ifConditionPositive": true, "executionMode": "automatic",
	  "variants": [{"id": 2, "message": "Hi {{firstName}}", "isEnabled": true}]}]`
	var steps []reply.Step
	if err := json.Unmarshal([]byte(in), &steps); err != nil {
		t.Fatal(err)
	}
	if steps[0].ID != 1323 || steps[0].Type != "email" || steps[0].ParentID != 0 || steps[0].IfConditionPositive != nil {
		t.Errorf("step 0 = %+v", steps[0])
	}
	if steps[1].ActionType != "message" || steps[1].ParentID != 1323 || steps[1].IfConditionPositive == nil || !*steps[1].IfConditionPositive {
		t.Errorf("step 1 = %+v", steps[1])
	}
	if string(steps[0].Fields["futureMember"]) != `{"a": 1}` || steps[0].Fields["executionMode"] == nil {
		t.Errorf("unknown members not kept: %v", steps[0].Fields)
	}
	out, err := json.Marshal(steps)
	if err != nil {
		t.Fatal(err)
	}
	var again []reply.Step
	if err := json.Unmarshal(out, &again); err != nil {
		t.Fatal(err)
	}
	out2, err := json.Marshal(again)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	json.Unmarshal([]byte(in), &a)
	json.Unmarshal(out2, &b)
	for _, st := range a.([]any) { // null parentId / ifConditionPositive are written as absent
		m := st.(map[string]any)
		for k, v := range m {
			if v == nil {
				delete(m, k)
			}
		}
	}
	if string(out) != string(out2) || !reflect.DeepEqual(a, b) {
		t.Errorf("round trip changed the steps:\n%s\n%s", in, out2)
	}
}

func TestWritesOmitReadOnly(t *testing.T) {
	t.Parallel()
	// Read records turned into write bodies carry no read-only members.
	acc := reply.Account{ID: 5, Name: "Acme", OwnerUserID: 1234, LinkedProspectsCount: 3, Stage: &reply.AccountStage{ID: 1}}
	b, _ := json.Marshal(acc.Update())
	for _, ro := range []string{`"id"`, "linkedProspectsCount", "stage", "createdDate", "lastActivityDate", "emailProvider"} {
		if strings.Contains(string(b), ro) {
			t.Errorf("account update sends read-only %s: %s", ro, b)
		}
	}
	tt := true
	title := "CEO"
	b, _ = json.Marshal(reply.ContactUpdate{Title: &title, IsOptedOut: &tt, Clear: []string{"company", "accountId"}})
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if len(m) != 4 || m["title"] != "CEO" || m["isOptedOut"] != true || m["company"] != nil || m["accountId"] != nil {
		t.Errorf("contact patch = %s", b)
	}
	if _, ok := m["company"]; !ok {
		t.Errorf("cleared member not sent as null: %s", b)
	}
	b, _ = json.Marshal(reply.SequenceUpdate{EmailAccounts: []int64{}})
	if string(b) != `{"emailAccounts":[]}` {
		t.Errorf("empty account list not sent: %s", b)
	}
	b, _ = json.Marshal(reply.SequenceUpdate{})
	if string(b) != `{}` {
		t.Errorf("empty patch = %s", b)
	}
}

func TestLiveShapesOverHTTP(t *testing.T) {
	t.Parallel()
	// A live-like answer: PascalCase enum, string ids, extra members, null strings, custom-field key as number.
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		fmt.Fprint(w, `{"items": [{"id": "101", "email": "a@b.c", "firstName": null, "companySize": "Empty",
			"createdAt": null, "lastModifiedAt": null, "addingDate": "2024-03-08T10:00:00+00:00",
			"customFields": [{"key": 150697, "value": "x"}, {"key": "150698", "value": null}], "somethingElse": [1,2]}],
			"hasMore": false, "totalCount": 1}`)
	})
	c, _ := mustHandlerClient(t, h)
	pg, err := c.Contacts.FilterPage(t.Context(), &reply.ContactFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if pg.TotalCount == nil || *pg.TotalCount != 1 || len(pg.Items) != 1 {
		t.Fatalf("page = %+v", pg)
	}
	got := pg.Items[0]
	if got.ID != 101 || got.FirstName != "" || !got.CreatedAt.IsZero() || got.AddingDate.IsZero() {
		t.Errorf("contact = %+v", got)
	}
	if got.CustomFields[0].Key != "150697" || *got.CustomFields[0].Value != "x" || got.CustomFields[1].Value != nil {
		t.Errorf("custom fields = %+v", got.CustomFields)
	}
}

func TestNestedUnknownMembersRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		v    any
	}{
		{"schedule timings", `[{"weekDay":"Monday","isActive":true,"timeRanges":[{"fromTime":{"hour":9,"minute":0},"toTime":{"hour":17,"minute":0},"label":"core"}],"priority":2}]`, &[]reply.ScheduleTiming{}},
		{"holidays", `[{"id":7,"startDate":"2026-12-25","endDate":"2026-12-26","name":"Xmas","halfDay":true}]`, &[]reply.Holiday{}},
		{"payload config", `{"includeEmailUrl":true,"includeEmailText":false,"includeProspectCustomFields":true,"includeSequenceFields":true}`, &reply.PayloadConfig{}},
		{"steps", `[{"id":1,"type":"email","delayInMinutes":0,"executionMode":"manual","variants":[],"newThing":{"x":[1]}}]`, &[]reply.Step{}},
	}
	for _, tt := range tests {
		if err := json.Unmarshal([]byte(tt.in), tt.v); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		out, err := json.Marshal(tt.v)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var a, b any
		json.Unmarshal([]byte(tt.in), &a)
		json.Unmarshal(out, &b)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: round trip\n in: %s\nout: %s", tt.name, tt.in, out)
		}
	}
}

func TestParseWebhookEvent(t *testing.T) {
	t.Parallel()
	body := `{"event": {"date": "2026-04-21T09:30:00.000Z", "id": "4c1b9e74-5ac3-4b0f-9a60-2a37a9b4a2d1",
		"type": "email_replied", "user_id": 1234, "team_id": 100, "subscription_id": 42},
		"contact_fields": {"id": 12345, "email": "john.doe@company.com", "first_name": "John"},
		"sequence_fields": {"id": 100, "name": "Sales Outreach"}, "reply_reason": "EmailDetected"}`
	e, err := reply.ParseWebhookEvent([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if e.ID != "4c1b9e74-5ac3-4b0f-9a60-2a37a9b4a2d1" || e.Type != "email_replied" || e.Date.IsZero() ||
		e.UserID != 1234 || e.TeamID != 100 || e.SubscriptionID != 42 || e.ContactID != 12345 || e.SequenceID != 100 ||
		string(e.Raw) != body {
		t.Errorf("event = %+v", e)
	}
	for _, bad := range []string{`[]`, `{}`, `{"event": {"id": "x", "type": "email_sent"}}`, `not json`} {
		if _, err := reply.ParseWebhookEvent([]byte(bad)); !errors.Is(err, reply.ErrBadWebhookEvent) {
			t.Errorf("ParseWebhookEvent(%s) = %v", bad, err)
		}
	}
	// An account-health event has no contact.
	e, err = reply.ParseWebhookEvent([]byte(`{"event": {"date": "2026-04-21T09:30:00.000Z", "id": "u", "type": "email_account_error"},
		"email_account_fields": {"id": 5, "email": "a@b.c"}, "error": "auth"}`))
	if err != nil || e.ContactID != 0 {
		t.Errorf("account event = %+v, %v", e, err)
	}
}
