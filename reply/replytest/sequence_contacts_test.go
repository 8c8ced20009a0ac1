package replytest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"
)

// memberIDs returns the contact ids of a sequence-contacts page in order.
func memberIDs(t *testing.T, items []any) []int64 {
	t.Helper()
	var out []int64
	for _, it := range items {
		out = append(out, int64(it.(map[string]any)["contactId"].(float64)))
	}
	return out
}

func TestSequenceContactsEnrolmentAndList(t *testing.T) {
	t.Parallel()
	srv := newSeqServer(t)
	ea := mustEmailAccount(t, srv, "rr1@example.com")
	ea2 := mustEmailAccount(t, srv, "rr2@example.com")
	var cs []int64
	for i, name := range []string{"Dora", "alice", "Carl", "Bob"} {
		cs = append(cs, mustContact(t, srv, fmt.Sprintf("c%d@example.com", i), name))
	}
	seq := mustSequence(t, srv, "Enrol", map[string]any{"emailAccounts": []int64{ea, ea2}})
	second := seqID(t, seqCall(t, srv, "POST", seqPath(seq, "/steps"), map[string]any{"type": "call", "delayInMinutes": 0}).obj(t), "id")

	// B3: added and per-item failures.
	got := enrol(t, srv, seq, map[string]any{"contactIds": []int64{cs[0], cs[1], 424242}})
	if added := got["added"].([]any); len(added) != 2 {
		t.Errorf("added = %v", added)
	}
	np := got["notProcessed"].(map[string]any)
	if len(np) != 1 || np["424242"].(map[string]any)["error"] != "contactNotFound" {
		t.Errorf("notProcessed = %v", np)
	}
	srv.Advance(time.Minute)
	got = enrol(t, srv, seq, map[string]any{"contactIds": []int64{cs[0], cs[2], cs[3]}, "startStepId": 424242})
	if np := got["notProcessed"].(map[string]any); len(np) != 3 || np[seqItoa(cs[2])].(map[string]any)["error"] != "invalidInput" {
		t.Errorf("bad startStepId = %v", got)
	}
	got = enrol(t, srv, seq, map[string]any{"contactIds": []int64{cs[0], cs[2], cs[3]}})
	if np := got["notProcessed"].(map[string]any); len(np) != 1 || np[seqItoa(cs[0])].(map[string]any)["error"] != "contactAlreadyInSequence" {
		t.Errorf("already = %v", got)
	}
	// A later start step moves an enrolled contact forward and counts as added.
	got = enrol(t, srv, seq, map[string]any{"contactIds": []int64{cs[0]}, "startStepId": second})
	if added := got["added"].([]any); len(added) != 1 {
		t.Errorf("move forward = %v", got)
	}
	got = enrol(t, srv, seq, map[string]any{"contactIds": []int64{cs[0]}, "startStepId": second})
	if np := got["notProcessed"].(map[string]any); np[seqItoa(cs[0])].(map[string]any)["error"] != "invalidInput" {
		t.Errorf("same step = %v", got)
	}
	seqWant(t, seqCall(t, srv, "POST", seqPath(seq, "/contact-links/bulk"), map[string]any{}), 400, "")
	seqWant(t, seqCall(t, srv, "POST", seqPath(424242, "/contact-links/bulk"), map[string]any{"contactIds": []int64{1}}), 404, "sequenceContact.sequenceNotFound")

	// Default order: newest addingDate first, ties by contact id descending.
	items := seqCall(t, srv, "GET", seqPath(seq, "/contacts"), nil).obj(t)["items"].([]any)
	if got, want := memberIDs(t, items), []int64{cs[3], cs[2], cs[1], cs[0]}; !slices.Equal(got, want) {
		t.Errorf("default order = %v, want %v", got, want)
	}
	first := items[3].(map[string]any)
	if first["currentStep"].(map[string]any)["displayName"] != "2" || first["statusInSequence"] != "active" || first["emailDisposition"] != nil {
		t.Errorf("member = %v", first)
	}
	if first["emailAccountId"] != float64(ea) || items[2].(map[string]any)["emailAccountId"] != float64(ea2) {
		t.Errorf("round robin: %v %v", first["emailAccountId"], items[2].(map[string]any)["emailAccountId"])
	}
	if first["addingDate"] != "2026-01-05T09:00:00+00:00" || first["callStatus"] != "none" {
		t.Errorf("addingDate = %v callStatus = %v", first["addingDate"], first["callStatus"])
	}
	sorted := []struct {
		q    string
		want []int64
	}{
		{"?sort_by=firstName&sort_direction=asc", []int64{cs[1], cs[3], cs[2], cs[0]}},
		{"?sort_by=firstName", []int64{cs[0], cs[2], cs[3], cs[1]}},
		{"?sort_by=addingDate&sort_direction=asc", []int64{cs[0], cs[1], cs[2], cs[3]}},
		{"?top=1&skip=1", []int64{cs[2]}},
	}
	for _, tt := range sorted {
		items := seqCall(t, srv, "GET", seqPath(seq, "/contacts"+tt.q), nil).obj(t)["items"].([]any)
		if got := memberIDs(t, items); !slices.Equal(got, tt.want) {
			t.Errorf("%s = %v, want %v", tt.q, got, tt.want)
		}
	}
	seqWant(t, seqCall(t, srv, "GET", seqPath(seq, "/contacts?sort_by=phone"), nil), 400, "sequenceContact.invalidSort")
	seqWant(t, seqCall(t, srv, "GET", seqPath(seq, "/contacts?top=1001"), nil), 400, "sequenceContact.invalidPagination")
	seqWant(t, seqCall(t, srv, "GET", seqPath(424242, "/contacts"), nil), 404, "sequenceContact.sequenceNotFound")
	seqWant(t, seqCall(t, srv, "GET", seqPath(seq, "/contacts/"+seqItoa(cs[0])), nil), 200, "")
	seqWant(t, seqCall(t, srv, "GET", seqPath(seq, "/contacts/424242"), nil), 404, "sequenceContact.notInSequence")
	if got := seqCall(t, srv, "GET", seqPath(seq, "/contacts/count"), nil).obj(t)["count"]; got != 4.0 {
		t.Errorf("count = %v", got)
	}

	// State view: 1..100 paging, additional columns.
	seqWant(t, seqCall(t, srv, "GET", seqPath(seq, "/contacts/state?top=101"), nil), 400, "sequenceContact.invalidPagination")
	seqWant(t, seqCall(t, srv, "GET", seqPath(seq, "/contacts/state?top=100"), nil), 200, "")
	seqWant(t, seqCall(t, srv, "GET", seqPath(seq, "/contacts/state?additionalColumns=Bogus"), nil), 400, "sequenceContact.invalidInput")
	st := seqCall(t, srv, "GET", seqPath(seq, "/contacts/state"), nil).obj(t)["items"].([]any)[0].(map[string]any)
	if _, ok := st["currentStep"]; ok || st["addedAt"] != "2026-01-05T09:01:00.00" {
		t.Errorf("plain state = %v", st)
	}
	items = seqCall(t, srv, "GET", seqPath(seq, "/contacts/state?additionalColumns=CurrentStep,LastStepCompletedAt,Status"), nil).obj(t)["items"].([]any)
	st = items[3].(map[string]any)
	cur := st["currentStep"].(map[string]any)
	if cur["displayStepNumber"] != "2" || cur["stepNumber"] != 2.0 || st["lastStepCompletedAt"] != nil || st["status"].(map[string]any)["status"] != "Active" {
		t.Errorf("state = %v", st)
	}

	// Removal: single (404 when not enrolled) and B4.
	seqWant(t, seqCall(t, srv, "DELETE", seqPath(seq, "/contact-links/"+seqItoa(cs[3])), nil), 204, "")
	seqWant(t, seqCall(t, srv, "DELETE", seqPath(seq, "/contact-links/"+seqItoa(cs[3])), nil), 404, "sequenceContact.notInSequence")
	r := seqCall(t, srv, "POST", seqPath(seq, "/contact-links/bulk-delete"), map[string]any{"contactIds": []int64{cs[2], cs[3], 424242}})
	seqWant(t, r, 200, "")
	if string(r.Body) != fmt.Sprintf(`{"requested":3,"removed":1,"notFound":1,"notInSequence":1,"removedIds":[%d]}`, cs[2]) {
		t.Errorf("B4 = %s", r.Body)
	}
	seqWant(t, seqCall(t, srv, "POST", seqPath(seq, "/contact-links/bulk-delete"), map[string]any{"contactIds": []int64{cs[0], cs[0]}}), 400, "")

	// Archived sequences and sequences without steps refuse enrolment.
	empty := mustSequence(t, srv, "Empty", nil)
	root := seqID(t, seqCall(t, srv, "GET", seqPath(empty, "/steps"), nil).arr(t)[0], "id")
	seqWant(t, seqCall(t, srv, "DELETE", seqPath(empty, "/steps/"+seqItoa(root)), nil), 204, "")
	seqWant(t, seqCall(t, srv, "POST", seqPath(empty, "/contact-links/bulk"), map[string]any{"contactIds": []int64{cs[0]}}), 400, "sequenceContact.noStepsInSequence")
	arch := mustSequence(t, srv, "Arch", nil)
	seqWant(t, seqCall(t, srv, "POST", seqPath(arch, "/archive"), nil), 200, "")
	seqWant(t, seqCall(t, srv, "POST", seqPath(arch, "/contact-links/bulk"), map[string]any{"contactIds": []int64{cs[0]}}), 400, "sequence.archived")
}

func TestSequenceContactStatuses(t *testing.T) {
	t.Parallel()
	srv := newSeqServer(t)
	a := mustContact(t, srv, "a@example.com", "A")
	b := mustContact(t, srv, "b@example.com", "B")
	lonely := mustContact(t, srv, "l@example.com", "L")
	s1 := mustSequence(t, srv, "One", nil)
	s2 := mustSequence(t, srv, "Two", nil)
	enrol(t, srv, s1, map[string]any{"contactIds": []int64{a, b}})
	enrol(t, srv, s2, map[string]any{"contactIds": []int64{a}})
	member := func(seq, c int64) map[string]any {
		t.Helper()
		r := seqCall(t, srv, "GET", seqPath(seq, "/contacts/"+seqItoa(c)), nil)
		seqWant(t, r, 200, "")
		return r.obj(t)
	}
	b1 := func(r seqResp) map[string]string {
		t.Helper()
		seqWant(t, r, 200, "")
		var m map[string]struct{ Error string }
		r.decode(t, &m)
		out := map[string]string{}
		for k, v := range m {
			out[k] = v.Error
		}
		return out
	}
	// Per sequence: paused needs active.
	got := b1(seqCall(t, srv, "POST", seqPath(s1, "/contacts/set-status-in-sequence"), map[string]any{"contactIds": []int64{a, lonely, 424242}, "statusInSequence": "Paused"}))
	if len(got) != 2 || got[seqItoa(lonely)] != "notInSequence" || got["424242"] != "contactNotFound" {
		t.Errorf("set status = %v", got)
	}
	if member(s1, a)["statusInSequence"] != "paused" || member(s2, a)["statusInSequence"] != "active" {
		t.Error("per-sequence status leaked")
	}
	got = b1(seqCall(t, srv, "POST", seqPath(s1, "/contacts/set-status-in-sequence"), map[string]any{"contactIds": []int64{a}, "statusInSequence": "paused"}))
	if got[seqItoa(a)] != "invalidStatusTransition" {
		t.Errorf("paused -> paused = %v", got)
	}
	seqWant(t, seqCall(t, srv, "POST", seqPath(s1, "/contacts/set-status-in-sequence"), map[string]any{"contactIds": []int64{a, a}, "statusInSequence": "active"}), 400, "")
	seqWant(t, seqCall(t, srv, "POST", seqPath(s1, "/contacts/set-status-in-sequence"), map[string]any{"contactIds": []int64{a}, "statusInSequence": "replied"}), 400, "")
	// Finished, then active returns to the step it was on.
	b1(seqCall(t, srv, "POST", seqPath(s1, "/contacts/set-status-in-sequence"), map[string]any{"contactIds": []int64{b}, "statusInSequence": "finished"}))
	if m := member(s1, b); m["currentStep"].(map[string]any)["displayName"] != "Finished" || m["currentStep"].(map[string]any)["stepId"] != nil {
		t.Errorf("finished = %v", m["currentStep"])
	}
	b1(seqCall(t, srv, "POST", seqPath(s1, "/contacts/set-status-in-sequence"), map[string]any{"contactIds": []int64{b}, "statusInSequence": "active"}))
	if m := member(s1, b); m["currentStep"].(map[string]any)["displayName"] != "1" {
		t.Errorf("reactivated = %v", m["currentStep"])
	}
	// Global: applies to every sequence; paused fails where the membership is not active, others change.
	got = b1(seqCall(t, srv, "POST", "/v3/contacts/set-status-in-sequence", map[string]any{"contactIds": []int64{a, lonely, 424242}, "statusInSequence": "paused"}))
	if got[seqItoa(a)] != "invalidStatusTransition" || got[seqItoa(lonely)] != "invalidInput" || got["424242"] != "notFound" {
		t.Errorf("global = %v", got)
	}
	if member(s2, a)["statusInSequence"] != "paused" {
		t.Error("global set-status did not change the active membership")
	}
	// Replied finishes; false clears the flag only.
	b1(seqCall(t, srv, "POST", "/v3/contacts/set-replied", map[string]any{"contactIds": []int64{a}, "isReplied": true}))
	for _, s := range []int64{s1, s2} {
		if m := member(s, a); m["statusInSequence"] != "finished" || m["emailDisposition"].(map[string]any)["isReplied"] != true {
			t.Errorf("replied in %d = %v", s, m)
		}
	}
	b1(seqCall(t, srv, "POST", seqPath(s1, "/contacts/set-replied"), map[string]any{"contactIds": []int64{a}, "isReplied": false}))
	if m := member(s1, a); m["statusInSequence"] != "finished" || m["emailDisposition"].(map[string]any)["isReplied"] != false {
		t.Errorf("unreplied = %v", m)
	}
	// Bounced: resendEmails rules.
	seqWant(t, seqCall(t, srv, "POST", "/v3/contacts/set-bounced", map[string]any{"contactIds": []int64{b}, "isBounced": false}), 400, "")
	seqWant(t, seqCall(t, srv, "POST", "/v3/contacts/set-bounced", map[string]any{"contactIds": []int64{b}, "isBounced": true, "resendEmails": false}), 400, "")
	b1(seqCall(t, srv, "POST", seqPath(s1, "/contacts/set-bounced"), map[string]any{"contactIds": []int64{b}, "isBounced": true}))
	if m := member(s1, b); m["statusInSequence"] != "finished" || m["emailDisposition"].(map[string]any)["isBounced"] != true {
		t.Errorf("bounced = %v", m)
	}
	b1(seqCall(t, srv, "POST", seqPath(s1, "/contacts/set-bounced"), map[string]any{"contactIds": []int64{b}, "isBounced": false, "resendEmails": true}))
	if m := member(s1, b); m["statusInSequence"] != "active" || m["emailDisposition"].(map[string]any)["isBounced"] != false {
		t.Errorf("resend = %v", m)
	}
	// Contact views.
	r := seqCall(t, srv, "GET", "/v3/contacts/"+seqItoa(a)+"/statuses", nil)
	seqWant(t, r, 200, "")
	st := r.obj(t)
	if seqs := st["sequences"].([]any); len(seqs) != 2 || seqs[0].(map[string]any)["statusInSequence"] != "finished" {
		t.Errorf("statuses = %s", r.Body)
	}
	r = seqCall(t, srv, "GET", "/v3/contacts/"+seqItoa(b)+"/sequences", nil)
	if items := r.arr(t); len(items) != 1 || items[0]["sequenceName"] != "One" || items[0]["currentStep"].(map[string]any)["displayName"] != "1" {
		t.Errorf("contact sequences = %s", r.Body)
	}
	if items := seqCall(t, srv, "GET", "/v3/contacts/"+seqItoa(lonely)+"/sequences", nil).arr(t); len(items) != 0 {
		t.Errorf("lonely sequences = %v", items)
	}
	seqWant(t, seqCall(t, srv, "GET", "/v3/contacts/424242/statuses", nil), 404, "contact.notFound")
	// Archived sequence: per-item sequenceArchived.
	seqWant(t, seqCall(t, srv, "POST", seqPath(s2, "/archive"), nil), 200, "")
	if got := b1(seqCall(t, srv, "POST", seqPath(s2, "/contacts/set-replied"), map[string]any{"contactIds": []int64{a}, "isReplied": true})); got[seqItoa(a)] != "sequenceArchived" {
		t.Errorf("archived = %v", got)
	}
}

func TestMoveContactToSequence(t *testing.T) {
	t.Parallel()
	srv := newSeqServer(t)
	c := mustContact(t, srv, "m@example.com", "M")
	s1, s2 := mustSequence(t, srv, "From", nil), mustSequence(t, srv, "To", nil)
	path := "/v3/contacts/" + seqItoa(c) + "/move-to-sequence"
	seqWant(t, seqCall(t, srv, "POST", path, map[string]any{"sequenceId": s1}), 204, "")
	seqWant(t, seqCall(t, srv, "POST", path, map[string]any{"sequenceId": s1}), 400, "contact.invalidInput")
	seqWant(t, seqCall(t, srv, "POST", path, map[string]any{"sequenceId": s2, "removeFromExisting": true, "startFrom": "2026-02-01T00:00:00Z"}), 204, "")
	if items := seqCall(t, srv, "GET", "/v3/contacts/"+seqItoa(c)+"/sequences", nil).arr(t); len(items) != 1 || items[0]["sequenceId"] != float64(s2) {
		t.Errorf("after move = %v", items)
	}
	seqWant(t, seqCall(t, srv, "POST", path, map[string]any{"sequenceId": s1, "startStepId": 424242}), 400, "contact.invalidInput")
	seqWant(t, seqCall(t, srv, "POST", path, map[string]any{"sequenceId": 424242}), 404, "contact.sequenceNotFound")
	seqWant(t, seqCall(t, srv, "POST", "/v3/contacts/424242/move-to-sequence", map[string]any{"sequenceId": s1}), 404, "contact.notFound")
	r := seqCall(t, srv, "POST", path, map[string]any{"startFrom": "soon"})
	seqWant(t, r, 400, "")
	if got := r.pointers(); !slices.Equal(got, []string{"/sequenceId", "/startFrom"}) {
		t.Errorf("pointers = %q", got)
	}
	if got := seqCall(t, srv, "GET", seqPath(s1, "/contacts"), nil).obj(t)["items"].([]any); len(got) != 0 {
		t.Errorf("removeFromExisting left %v", got)
	}
}

func TestSequenceContactEvents(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var got []map[string]any
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var m map[string]any
		_ = json.NewDecoder(r.Body).Decode(&m)
		mu.Lock()
		got = append(got, m)
		mu.Unlock()
	}))
	t.Cleanup(hook.Close)
	srv := newSeqServer(t)
	for _, ev := range []string{"contact_replied", "contact_finished"} {
		seqWant(t, seqCall(t, srv, "POST", "/v3/webhooks", map[string]any{"eventType": ev, "url": hook.URL + "/" + ev}), 201, "")
	}
	c := mustContact(t, srv, "ev@example.com", "Eve")
	s1, s2 := mustSequence(t, srv, "Ev1", nil), mustSequence(t, srv, "Ev2", nil)
	enrol(t, srv, s1, map[string]any{"contactIds": []int64{c}})
	enrol(t, srv, s2, map[string]any{"contactIds": []int64{c}})
	seqCall(t, srv, "POST", seqPath(s1, "/contacts/set-replied"), map[string]any{"contactIds": []int64{c}, "isReplied": true})
	seqCall(t, srv, "POST", seqPath(s2, "/contacts/set-status-in-sequence"), map[string]any{"contactIds": []int64{c}, "statusInSequence": "finished"})
	// Already finished: no second event.
	seqCall(t, srv, "POST", seqPath(s2, "/contacts/set-status-in-sequence"), map[string]any{"contactIds": []int64{c}, "statusInSequence": "finished"})
	srv.WaitWebhooks()
	mu.Lock()
	defer mu.Unlock()
	var summary []string
	for _, m := range got {
		ev := m["event"].(map[string]any)
		seq := m["sequence_fields"].(map[string]any)
		s := fmt.Sprintf("%s %v %v", ev["type"], seq["name"], m["contact_fields"].(map[string]any)["id"] == float64(c))
		if r, ok := m["finish_reason"]; ok {
			s += fmt.Sprintf(" %v", r)
		}
		summary = append(summary, s)
	}
	want := []string{"contact_replied Ev1 true", "contact_finished Ev1 true Replied", "contact_finished Ev2 true Manual"}
	if !slices.Equal(summary, want) {
		t.Errorf("events = %q, want %q", summary, want)
	}
}
