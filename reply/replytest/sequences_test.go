package replytest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/replykit/replykit/reply/replytest"
)

// seqResp is one decoded emulator response.
type seqResp struct {
	Status int
	Body   []byte
}

// json decodes the body into v.
func (r seqResp) decode(tb testing.TB, v any) {
	tb.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		tb.Fatalf("decode %s: %v", r.Body, err)
	}
}

// obj decodes the body as an object.
func (r seqResp) obj(tb testing.TB) map[string]any {
	tb.Helper()
	var m map[string]any
	r.decode(tb, &m)
	return m
}

// arr decodes the body as an array of objects.
func (r seqResp) arr(tb testing.TB) []map[string]any {
	tb.Helper()
	var m []map[string]any
	r.decode(tb, &m)
	return m
}

// code returns the problem code (or "").
func (r seqResp) code() string {
	var p struct {
		Code string `json:"code"`
	}
	_ = json.Unmarshal(r.Body, &p)
	return p.Code
}

// pointers returns the validation pointers of a validation problem.
func (r seqResp) pointers() []string {
	var p struct {
		Errors []struct {
			Pointer string `json:"pointer"`
		} `json:"errors"`
	}
	_ = json.Unmarshal(r.Body, &p)
	var out []string
	for _, e := range p.Errors {
		out = append(out, e.Pointer)
	}
	return out
}

// seqCall sends one request to the server. body may be nil, a string (raw JSON) or a value to encode.
func seqCall(tb testing.TB, srv *replytest.Server, method, path string, body any) seqResp {
	tb.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			tb.Fatal(err)
		}
		rd = bytes.NewReader(buf)
	}
	req, err := http.NewRequestWithContext(tb.Context(), method, srv.URL+path, rd)
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+srv.Key)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := srv.HTTPClient().Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return seqResp{Status: res.StatusCode, Body: b}
}

// seqWant fails unless the response has the status (and, when non-empty, the problem code).
func seqWant(tb testing.TB, r seqResp, status int, code string) {
	tb.Helper()
	if r.Status != status || r.code() != code {
		tb.Fatalf("got %d %q, want %d %q; body %s", r.Status, r.code(), status, code, r.Body)
	}
}

func newSeqServer(tb testing.TB, opts ...replytest.Option) *replytest.Server {
	tb.Helper()
	srv := replytest.NewServer(opts...)
	tb.Cleanup(srv.Close)
	return srv
}

// emailStep is a minimal valid first email step.
func emailStep(subject string) map[string]any {
	return map[string]any{"type": "email", "delayInMinutes": 0, "executionMode": "automatic",
		"variants": []any{map[string]any{"subject": subject, "message": "<p>Hi {{firstName}}</p>"}}}
}

// mustSequence creates a sequence with one email step and returns its id.
func mustSequence(tb testing.TB, srv *replytest.Server, name string, extra map[string]any) int64 {
	tb.Helper()
	body := map[string]any{"name": name, "steps": []any{emailStep("Hello")}}
	for k, v := range extra {
		body[k] = v
	}
	r := seqCall(tb, srv, "POST", "/v3/sequences", body)
	seqWant(tb, r, 201, "")
	return int64(r.obj(tb)["id"].(float64))
}

func seqItoa(n int64) string { return strconv.FormatInt(n, 10) }

// seqID reads an integer member of a decoded object.
func seqID(tb testing.TB, m map[string]any, key string) int64 {
	tb.Helper()
	v, ok := m[key].(float64)
	if !ok {
		tb.Fatalf("%s is %v (%T)", key, m[key], m[key])
	}
	return int64(v)
}

// mustContact creates a contact and returns its id.
func mustContact(tb testing.TB, srv *replytest.Server, email, first string) int64 {
	tb.Helper()
	r := seqCall(tb, srv, "POST", "/v3/contacts", map[string]any{"email": email, "firstName": first, "lastName": "Test", "company": "Acme"})
	seqWant(tb, r, 201, "")
	return seqID(tb, r.obj(tb), "id")
}

// mustEmailAccount creates a custom email account and returns its id.
func mustEmailAccount(tb testing.TB, srv *replytest.Server, email string) int64 {
	tb.Helper()
	r := seqCall(tb, srv, "POST", "/v3/email-accounts", map[string]any{"connection": map[string]any{
		"email": email, "senderName": "Sender", "smtpHost": "smtp.example.com", "smtpPort": 587, "smtpPassword": "x",
		"imapHost": "imap.example.com", "imapPort": 993, "imapPassword": "x"}})
	seqWant(tb, r, 201, "")
	return seqID(tb, r.obj(tb), "id")
}

// enrol adds contacts to a sequence through the bulk endpoint and returns the B3 body.
func enrol(tb testing.TB, srv *replytest.Server, seq int64, body map[string]any) map[string]any {
	tb.Helper()
	r := seqCall(tb, srv, "POST", "/v3/sequences/"+seqItoa(seq)+"/contact-links/bulk", body)
	seqWant(tb, r, 200, "")
	return r.obj(tb)
}

func seqPath(id int64, rest string) string { return "/v3/sequences/" + seqItoa(id) + rest }

func TestSequenceCreateValidation(t *testing.T) {
	t.Parallel()
	srv := newSeqServer(t)
	email := emailStep("Hi")
	tests := []struct {
		name     string
		body     map[string]any
		status   int
		code     string
		pointers []string
	}{
		{"no steps", map[string]any{"name": "x"}, 400, "", []string{"/steps"}},
		{"empty steps", map[string]any{"name": "x", "steps": []any{}}, 400, "", []string{"/steps"}},
		{"no name", map[string]any{"steps": []any{email}}, 400, "", []string{"/name"}},
		{"first email without subject", map[string]any{"name": "x", "steps": []any{emailStep("")}}, 400, "", []string{"/steps/0/subject"}},
		{"bad type", map[string]any{"name": "x", "steps": []any{map[string]any{"type": "fax", "delayInMinutes": 0}}}, 400, "", []string{"/steps/0/type"}},
		{"missing delay and mode", map[string]any{"name": "x", "steps": []any{map[string]any{"type": "email", "variants": []any{map[string]any{"subject": "s"}}}}}, 400, "", []string{"/steps/0/delayInMinutes", "/steps/0/executionMode"}},
		{"linkedIn without actionType", map[string]any{"name": "x", "steps": []any{map[string]any{"type": "linkedIn", "delayInMinutes": 0}}}, 400, "", []string{"/steps/0/actionType"}},
		{"settings missing required", map[string]any{"name": "x", "steps": []any{email}, "settings": map[string]any{"emailsCountPerDay": 10}},
			400, "", []string{"/settings/daysToFinishProspect", "/settings/emailSendingDelaySeconds", "/settings/dailyThrottling", "/settings/disableOpensTracking", "/settings/repliesHandlingType", "/settings/enableLinksTracking"}},
		{"condition child without branch", map[string]any{"name": "x", "steps": []any{email,
			map[string]any{"type": "condition", "delayInMinutes": 0, "waitInMinutes": 60, "conditions": []any{map[string]any{"property": "email", "rules": []any{map[string]any{"operator": "isSet"}}}}},
			map[string]any{"type": "call", "delayInMinutes": 0}}}, 400, "", []string{"/steps/2/ifConditionPositive"}},
		{"too many attachments", map[string]any{"name": "x", "steps": []any{map[string]any{"type": "email", "delayInMinutes": 0, "executionMode": "automatic",
			"variants": []any{map[string]any{"subject": "s", "message": "m", "attachmentIds": []int{1, 2, 3, 4}}}}}}, 400, "", []string{"/steps/0/variants/0/attachmentIds"}},
		{"missing schedule", map[string]any{"name": "x", "steps": []any{email}, "scheduleId": 999999}, 404, "sequence.scheduleNotFound", nil},
		{"missing email account", map[string]any{"name": "x", "steps": []any{email}, "emailAccounts": []int{999999}}, 404, "sequence.emailAccountNotFound", nil},
		{"missing linkedIn account", map[string]any{"name": "x", "steps": []any{email}, "linkedInAccounts": []int{999999}}, 404, "sequence.linkedInAccountNotFound", nil},
		{"not JSON", nil, 400, "", []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body any = tt.body
			if tt.body == nil {
				body = "{not json"
			}
			r := seqCall(t, srv, "POST", "/v3/sequences", body)
			seqWant(t, r, tt.status, tt.code)
			if got := r.pointers(); tt.pointers != nil && !slices.Equal(got, tt.pointers) {
				t.Errorf("pointers = %q, want %q", got, tt.pointers)
			}
		})
	}
}

// allStepTypes is one valid step of every type and LinkedIn action (after a first email step).
func allStepTypes() []map[string]any {
	lv := func(msg string) []any { return []any{map[string]any{"message": msg, "isEnabled": true}} }
	return []map[string]any{
		{"type": "email", "delayInMinutes": 60, "executionMode": "manual", "variants": []any{map[string]any{"subject": nil, "message": "same thread"}}},
		{"type": "linkedIn", "actionType": "message", "delayInMinutes": 0, "executionMode": "automatic", "variants": lv("hi")},
		{"type": "linkedIn", "actionType": "connect", "delayInMinutes": 0, "executionMode": "automatic", "variants": []any{map[string]any{"isEnabled": true}}},
		{"type": "linkedIn", "actionType": "inMail", "delayInMinutes": 0, "executionMode": "manual", "variants": []any{map[string]any{"subject": "s", "message": "m", "isEnabled": true}}},
		{"type": "linkedIn", "actionType": "viewProfile", "delayInMinutes": 0, "executionMode": "automatic", "description": "look"},
		{"type": "linkedIn", "actionType": "endorseSkills", "delayInMinutes": 0, "numberOfSkills": 3},
		{"type": "linkedIn", "actionType": "voiceMessage", "delayInMinutes": 0, "audioFile": "https://x.example/a.mp3"},
		{"type": "linkedIn", "actionType": "likeRecentPosts", "delayInMinutes": 0},
		{"type": "linkedIn", "actionType": "followProfile", "delayInMinutes": 0},
		{"type": "linkedIn", "actionType": "commentOnRecentPost", "delayInMinutes": 0, "aiPromptText": "be nice", "skipIfNoPostsInDays": 7, "skipTopics": []string{"x"}},
		{"type": "call", "delayInMinutes": 0, "message": "script"},
		{"type": "sms", "delayInMinutes": 0, "executionMode": "manual", "message": "txt"},
		{"type": "whatsApp", "delayInMinutes": 0, "message": "hola"},
		{"type": "zapier", "delayInMinutes": 0, "name": "Zap", "action": "wait"},
		{"type": "task", "actionType": "toDo", "delayInMinutes": 0, "description": "do it"},
		{"type": "task", "actionType": "meeting", "delayInMinutes": 0, "description": "meet"},
		{"type": "condition", "delayInMinutes": 0, "waitInMinutes": 10, "conditions": []any{map[string]any{"property": "stage", "rules": []any{map[string]any{"operator": "is", "value": "interested"}}}}},
	}
}

func TestSequenceCreateEveryStepTypeAndDetail(t *testing.T) {
	t.Parallel()
	srv := newSeqServer(t)
	steps := []any{emailStep("First")}
	for _, st := range allStepTypes() {
		steps = append(steps, st)
	}
	r := seqCall(t, srv, "POST", "/v3/sequences", map[string]any{"name": "All types", "steps": steps})
	seqWant(t, r, 201, "")
	got := r.obj(t)
	if got["status"] != "new" || got["isArchived"] != false || got["health"] != "blocked" {
		t.Errorf("new sequence = %v %v %v", got["status"], got["isArchived"], got["health"])
	}
	if is := got["issues"].([]any); len(is) != 1 || is[0].(map[string]any)["type"] != "noEmailAccounts" {
		t.Errorf("issues = %v", got["issues"])
	}
	gotSteps := got["steps"].([]any)
	if len(gotSteps) != len(steps) {
		t.Fatalf("%d steps, want %d", len(gotSteps), len(steps))
	}
	// A chain: each step's parent is the previous one; only the root has parentId null.
	var prev any
	for i, s := range gotSteps {
		m := s.(map[string]any)
		if m["parentId"] != prev && !(i == 0 && m["parentId"] == nil) {
			t.Errorf("step %d parentId = %v, want %v", i, m["parentId"], prev)
		}
		if _, ok := m["ifConditionPositive"]; !ok {
			t.Errorf("step %d lacks ifConditionPositive", i)
		}
		prev = m["id"]
	}
	// Only the fields of the type: no message on an email step, no variants on a call.
	if _, ok := gotSteps[0].(map[string]any)["message"]; ok {
		t.Error("email step carries message")
	}
	if _, ok := gotSteps[11].(map[string]any)["variants"]; ok {
		t.Error("call step carries variants")
	}
	if v := gotSteps[0].(map[string]any)["variants"].([]any)[0].(map[string]any); v["hasAttachments"] != false || v["isEnabled"] != nil {
		t.Errorf("email variant = %v", v)
	}
	// Settings defaults.
	set := got["settings"].(map[string]any)
	for k, want := range map[string]any{"emailsCountPerDay": 50.0, "daysToFinishProspect": 7.0, "emailSendingDelaySeconds": 60.0,
		"dailyThrottling": 100.0, "repliesHandlingType": "markAsFinished", "generatedTaskOwner": "sequence", "numberOfSameDomainSendingLimit": nil} {
		if set[k] != want {
			t.Errorf("settings.%s = %v, want %v", k, set[k], want)
		}
	}
	if got["scheduleId"] == nil {
		t.Error("scheduleId is null; want the default schedule")
	}
	// The list item lacks the detail-only fields.
	list := seqCall(t, srv, "GET", "/v3/sequences", nil).obj(t)["items"].([]any)[0].(map[string]any)
	for _, k := range []string{"scheduleId", "emailAccounts", "linkedInAccounts", "settings", "steps", "issues"} {
		if _, ok := list[k]; ok {
			t.Errorf("list item carries %s", k)
		}
	}
	for _, k := range []string{"id", "ownerUserId", "name", "created", "status", "isArchived", "health"} {
		if _, ok := list[k]; !ok {
			t.Errorf("list item lacks %s", k)
		}
	}
	if list["created"] != "2026-01-05T09:00:00+00:00" {
		t.Errorf("created = %v", list["created"])
	}
}

func TestSequenceListFiltersSortPaging(t *testing.T) {
	t.Parallel()
	srv := newSeqServer(t)
	folder := seqCall(t, srv, "POST", "/v3/sequence-folders", map[string]any{"name": "F"}).obj(t)["id"].(string)
	var ids []int64
	for _, name := range []string{"Charlie", "alpha", "Bravo"} {
		ids = append(ids, mustSequence(t, srv, name, nil))
		srv.Advance(time.Hour)
	}
	seqWant(t, seqCall(t, srv, "POST", "/v3/sequence-folders/"+folder+"/sequence-links/bulk", map[string]any{"sequenceIds": []int64{ids[1]}}), 200, "")
	seqWant(t, seqCall(t, srv, "POST", seqPath(ids[2], "/archive"), nil), 200, "")
	names := func(path string) []string {
		t.Helper()
		r := seqCall(t, srv, "GET", path, nil)
		seqWant(t, r, 200, "")
		var out []string
		for _, it := range r.obj(t)["items"].([]any) {
			out = append(out, it.(map[string]any)["name"].(string))
		}
		return out
	}
	tests := []struct {
		path string
		want []string
	}{
		{"/v3/sequences", []string{"Bravo", "alpha", "Charlie"}},
		{"/v3/sequences?sortBy=name", []string{"alpha", "Bravo", "Charlie"}},
		{"/v3/sequences?sortBy=name&sortDirection=desc", []string{"Charlie", "Bravo", "alpha"}},
		{"/v3/sequences?sortBy=created&sortDirection=asc", []string{"Charlie", "alpha", "Bravo"}},
		{"/v3/sequences?name=AR", []string{"Charlie"}},
		{"/v3/sequences?isArchived=true", []string{"Bravo"}},
		{"/v3/sequences?isArchived=false", []string{"alpha", "Charlie"}},
		{"/v3/sequences?folderId=" + folder, []string{"alpha"}},
		{"/v3/sequences?status=new&ownerUserId=1234", []string{"Bravo", "alpha", "Charlie"}},
		{"/v3/sequences?status=active", nil},
		{"/v3/sequences?createdAfter=2026-01-05T10:00:00Z", []string{"Bravo"}},
		{"/v3/sequences?top=1&skip=1", []string{"alpha"}},
		{"/v3/sequence-folders/" + folder + "/sequences", []string{"alpha"}},
	}
	for _, tt := range tests {
		if got := names(tt.path); !slices.Equal(got, tt.want) {
			t.Errorf("%s = %q, want %q", tt.path, got, tt.want)
		}
	}
	more := seqCall(t, srv, "GET", "/v3/sequences?top=2", nil).obj(t)
	if more["hasMore"] != true {
		t.Errorf("hasMore = %v", more["hasMore"])
	}
	errs := []struct {
		path     string
		code     string
		pointers []string
	}{
		{"/v3/sequences?sortDirection=asc", "sequence.invalidSort", nil},
		{"/v3/sequences?sortBy=owner", "sequence.invalidSort", nil},
		{"/v3/sequences?top=0", "sequence.invalidPagination", nil},
		{"/v3/sequences?top=1001", "sequence.invalidPagination", nil},
		{"/v3/sequences?skip=-1", "sequence.invalidPagination", nil},
		{"/v3/sequences?status=done", "", []string{"status"}},
		{"/v3/sequences?folderId=nope", "", []string{"folderId"}},
		{"/v3/sequences?createdAfter=yesterday", "", []string{"createdAfter"}},
	}
	for _, tt := range errs {
		r := seqCall(t, srv, "GET", tt.path, nil)
		seqWant(t, r, 400, tt.code)
		if got := r.pointers(); !slices.Equal(got, tt.pointers) {
			t.Errorf("%s pointers = %q, want %q", tt.path, got, tt.pointers)
		}
	}
}

func TestSequencePatchDeleteOwner(t *testing.T) {
	t.Parallel()
	srv := newSeqServer(t)
	ea := mustEmailAccount(t, srv, "sender@example.com")
	id := mustSequence(t, srv, "Patch me", map[string]any{"settings": map[string]any{"emailsCountPerDay": 10, "daysToFinishProspect": 3,
		"emailSendingDelaySeconds": 30, "dailyThrottling": 20, "disableOpensTracking": true, "repliesHandlingType": "continueSending", "enableLinksTracking": true}})
	r := seqCall(t, srv, "PATCH", seqPath(id, ""), map[string]any{"name": nil, "settings": map[string]any{"emailsCountPerDay": 99}, "emailAccounts": []int64{ea}})
	seqWant(t, r, 200, "")
	got := r.obj(t)
	set := got["settings"].(map[string]any)
	if got["name"] != "Patch me" || set["emailsCountPerDay"] != 99.0 || set["daysToFinishProspect"] != 3.0 || set["repliesHandlingType"] != "continueSending" {
		t.Errorf("patched = %v", got)
	}
	if got["health"] != "healthy" || got["issues"] != nil {
		t.Errorf("health = %v issues = %v", got["health"], got["issues"])
	}
	if eas := got["emailAccounts"].([]any); len(eas) != 1 || eas[0].(map[string]any)["email"] != "sender@example.com" {
		t.Errorf("emailAccounts = %v", eas)
	}
	seqWant(t, seqCall(t, srv, "PATCH", seqPath(id, ""), map[string]any{"emailAccounts": []int64{}}), 200, "")
	seqWant(t, seqCall(t, srv, "PATCH", seqPath(id, ""), map[string]any{"scheduleId": 424242}), 404, "sequence.scheduleNotFound")
	seqWant(t, seqCall(t, srv, "PATCH", seqPath(id, ""), map[string]any{"name": ""}), 400, "")
	seqWant(t, seqCall(t, srv, "PATCH", seqPath(424242, ""), map[string]any{"name": "x"}), 404, "sequence.notFound")

	seqWant(t, seqCall(t, srv, "PUT", seqPath(id, "/owner"), map[string]any{"userId": 1235}), 200, "")
	seqWant(t, seqCall(t, srv, "PUT", seqPath(id, "/owner"), map[string]any{"userId": 9}), 400, "sequenceAction.teamMemberNotFound")
	r = seqCall(t, srv, "POST", "/v3/sequences/batch/owner", map[string]any{"ids": []int64{id, 424242}, "userId": 1234})
	seqWant(t, r, 200, "")
	if got := string(r.Body); got != `{"424242":{"error":"notFound","errorDetails":"Sequence 424242 not found."}}` {
		t.Errorf("batch owner = %s", got)
	}

	seqWant(t, seqCall(t, srv, "POST", seqPath(id, "/archive"), nil), 200, "")
	seqWant(t, seqCall(t, srv, "PATCH", seqPath(id, ""), map[string]any{"name": "y"}), 409, "sequence.archived")

	seqWant(t, seqCall(t, srv, "DELETE", seqPath(id, ""), nil), 204, "")
	seqWant(t, seqCall(t, srv, "DELETE", seqPath(id, ""), nil), 400, "sequence.notFound")
	seqWant(t, seqCall(t, srv, "GET", seqPath(id, ""), nil), 404, "sequence.notFound")
	r = seqCall(t, srv, "GET", "/v3/sequences/0", nil)
	seqWant(t, r, 400, "")
	if got := r.pointers(); !slices.Equal(got, []string{"id"}) {
		t.Errorf("pointers = %q", got)
	}
	a, b := mustSequence(t, srv, "a", nil), mustSequence(t, srv, "b", nil)
	r = seqCall(t, srv, "POST", "/v3/sequences/bulk-delete", map[string]any{"ids": []int64{a, 424242, b}})
	seqWant(t, r, 200, "")
	if m := r.obj(t); len(m) != 1 || m["424242"] == nil {
		t.Errorf("bulk delete = %s", r.Body)
	}
}

func TestSequenceStateMachine(t *testing.T) {
	t.Parallel()
	srv := newSeqServer(t)
	ea := mustEmailAccount(t, srv, "s@example.com")
	contact := mustContact(t, srv, "c@example.com", "C")
	// ready returns a sequence with a contact and an email account, in the given state.
	ready := func(status string, archived bool) int64 {
		t.Helper()
		id := mustSequence(t, srv, "S", map[string]any{"emailAccounts": []int64{ea}})
		enrol(t, srv, id, map[string]any{"contactIds": []int64{contact}})
		if status != "new" {
			seqWant(t, seqCall(t, srv, "POST", seqPath(id, "/start"), nil), 200, "")
		}
		if status == "paused" {
			seqWant(t, seqCall(t, srv, "POST", seqPath(id, "/pause"), nil), 200, "")
		}
		if archived {
			seqWant(t, seqCall(t, srv, "POST", seqPath(id, "/archive"), nil), 200, "")
		}
		return id
	}
	tests := []struct {
		from     string
		archived bool
		action   string
		status   int
		code     string
		want     string // resulting status
		wantArch bool
	}{
		{"new", false, "start", 200, "", "active", false},
		{"new", false, "pause", 409, "sequenceAction.invalidState", "new", false},
		{"new", false, "archive", 200, "", "new", true},
		{"new", false, "unarchive", 409, "sequenceAction.notArchived", "new", false},
		{"active", false, "start", 200, "", "active", false},
		{"active", false, "pause", 200, "", "paused", false},
		{"active", false, "archive", 409, "sequenceAction.invalidState", "active", false},
		{"paused", false, "start", 200, "", "active", false},
		{"paused", false, "pause", 200, "", "paused", false},
		{"paused", false, "archive", 200, "", "paused", true},
		{"paused", true, "start", 409, "sequenceAction.archived", "paused", true},
		{"paused", true, "pause", 409, "sequenceAction.archived", "paused", true},
		{"paused", true, "archive", 409, "sequenceAction.archived", "paused", true},
		{"paused", true, "unarchive", 200, "", "paused", false},
	}
	for _, tt := range tests {
		id := ready(tt.from, tt.archived)
		r := seqCall(t, srv, "POST", seqPath(id, "/"+tt.action), nil)
		if r.Status != tt.status || r.code() != tt.code {
			t.Errorf("%s(archived %v) %s = %d %q, want %d %q", tt.from, tt.archived, tt.action, r.Status, r.code(), tt.status, tt.code)
			continue
		}
		got := seqCall(t, srv, "GET", seqPath(id, ""), nil).obj(t)
		if got["status"] != tt.want || got["isArchived"] != tt.wantArch {
			t.Errorf("%s %s -> %v/%v, want %s/%v", tt.from, tt.action, got["status"], got["isArchived"], tt.want, tt.wantArch)
		}
	}

	// Preconditions, in order: contacts, then email accounts.
	bare := mustSequence(t, srv, "bare", nil)
	seqWant(t, seqCall(t, srv, "POST", seqPath(bare, "/start"), nil), 400, "sequenceAction.noContacts")
	enrol(t, srv, bare, map[string]any{"contactIds": []int64{contact}})
	seqWant(t, seqCall(t, srv, "POST", seqPath(bare, "/start"), nil), 400, "sequenceAction.noEmailAccounts")
	seqWant(t, seqCall(t, srv, "POST", seqPath(424242, "/start"), nil), 404, "sequenceAction.notFound")

	// Archiving removes every contact; unarchiving does not put them back.
	id := ready("paused", true)
	seqWant(t, seqCall(t, srv, "POST", seqPath(id, "/unarchive"), nil), 200, "")
	if items := seqCall(t, srv, "GET", seqPath(id, "/contacts"), nil).obj(t)["items"].([]any); len(items) != 0 {
		t.Errorf("contacts after archive: %d", len(items))
	}

	// Bulk: non-atomic B1.
	active, fresh := ready("active", false), mustSequence(t, srv, "fresh", nil)
	r := seqCall(t, srv, "POST", "/v3/sequences/pause", map[string]any{"ids": []int64{active, fresh, 424242}})
	seqWant(t, r, 200, "")
	var b1 map[string]struct{ Error string }
	r.decode(t, &b1)
	if len(b1) != 2 || b1[seqItoa(fresh)].Error != "invalidState" || b1["424242"].Error != "notFound" {
		t.Errorf("bulk pause = %s", r.Body)
	}
	if got := seqCall(t, srv, "GET", seqPath(active, ""), nil).obj(t)["status"]; got != "paused" {
		t.Errorf("bulk pause left %v", got)
	}
	r = seqCall(t, srv, "POST", "/v3/sequences/start", map[string]any{"ids": []int64{fresh}})
	r.decode(t, &b1)
	if b1[seqItoa(fresh)].Error != "noContacts" {
		t.Errorf("bulk start = %s", r.Body)
	}
	seqWant(t, seqCall(t, srv, "POST", "/v3/sequences/archive", map[string]any{"ids": []int64{}}), 400, "")
	r = seqCall(t, srv, "POST", "/v3/sequences/unarchive", map[string]any{"ids": []int64{fresh}})
	r.decode(t, &b1)
	if b1[seqItoa(fresh)].Error != "notArchived" {
		t.Errorf("bulk unarchive = %s", r.Body)
	}
}

func TestSequenceCreateStepTreeRoundTrip(t *testing.T) {
	t.Parallel()
	srv := newSeqServer(t)
	cond := map[string]any{"id": 2, "type": "condition", "delayInMinutes": 0, "waitInMinutes": 30, "parentId": 1,
		"conditions": []any{map[string]any{"property": "email", "rules": []any{map[string]any{"operator": "isSet", "value": nil}}}}}
	first := emailStep("Hi")
	first["id"] = 1
	steps := []any{first, cond,
		map[string]any{"id": 3, "type": "call", "delayInMinutes": 0, "parentId": 2, "ifConditionPositive": true},
		map[string]any{"id": 4, "type": "task", "actionType": "toDo", "description": "d", "delayInMinutes": 0, "parentId": 2, "ifConditionPositive": false},
	}
	id := mustSequence(t, srv, "Tree", map[string]any{"steps": steps})
	detail := seqCall(t, srv, "GET", seqPath(id, ""), nil).obj(t)["steps"].([]any)
	shape := func(st []any) []string {
		idx := map[any]int{}
		for i, s := range st {
			idx[s.(map[string]any)["id"]] = i
		}
		var out []string
		for _, s := range st {
			m := s.(map[string]any)
			p := "root"
			if m["parentId"] != nil {
				p = fmt.Sprint(idx[m["parentId"]])
			}
			out = append(out, fmt.Sprintf("%s<-%s/%v", m["type"], p, m["ifConditionPositive"]))
		}
		return out
	}
	want := []string{"email<-root/<nil>", "condition<-0/<nil>", "call<-1/true", "task<-1/false"}
	if got := shape(detail); !slices.Equal(got, want) {
		t.Fatalf("tree = %q, want %q", got, want)
	}
	// The detail's steps can be sent back as they are.
	again := mustSequence(t, srv, "Copy", map[string]any{"steps": detail})
	if got := shape(seqCall(t, srv, "GET", seqPath(again, ""), nil).obj(t)["steps"].([]any)); !slices.Equal(got, want) {
		t.Errorf("copied tree = %q", got)
	}
}
