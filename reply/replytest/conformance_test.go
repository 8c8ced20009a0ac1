package replytest_test

// Conformance of the emulator to REFERENCE.md, rule by rule, over real HTTP. Each case cites the section
// it checks.

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/replykit/replykit/reply/replytest"
)

// raw sends a request with an explicit Content-Type (ct "" = none) and raw body.
func raw(tb testing.TB, s *replytest.Server, method, path, ct, body string) resp {
	tb.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(tb.Context(), method, s.URL+path, rd)
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+s.Key)
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	res, err := s.HTTPClient().Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp{Status: res.StatusCode, Header: res.Header, Body: b}
}

// shape is what kind of body a case expects.
type shape int

const (
	shapeJSON       shape = iota // 2xx JSON
	shapeBare                    // bare problem: title, status, (detail), nothing else
	shapeBusiness                // bare + code
	shapeValidation              // bare + errors[], no code
	shapeEmpty                   // no body
)

var codePattern = regexp.MustCompile(`^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$`)

// checkShape checks the content type and the members of a response against §1.3 and §1.6.
func checkProblemShape(t *testing.T, r resp, want shape) map[string]any {
	t.Helper()
	ct := r.Header.Get("Content-Type")
	switch want {
	case shapeEmpty:
		if len(r.Body) != 0 {
			t.Errorf("body = %s, want empty", r.Body)
		}
		return nil
	case shapeJSON:
		if ct != "application/json; charset=utf-8" {
			t.Errorf("Content-Type = %q, want application/json; charset=utf-8 (§1.3)", ct)
		}
		return nil
	}
	if ct != "application/problem+json; charset=utf-8" {
		t.Errorf("Content-Type = %q, want application/problem+json; charset=utf-8 (§1.3)", ct)
	}
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("problem body %s: %v", r.Body, err)
	}
	if m["status"] != float64(r.Status) || m["title"] != http.StatusText(r.Status) && m["title"] != "Validation failed" {
		t.Errorf("problem title/status = %v/%v for %d", m["title"], m["status"], r.Status)
	}
	allowed := map[string]bool{"title": true, "status": true, "detail": true}
	switch want {
	case shapeBusiness:
		allowed["code"] = true
		code, _ := m["code"].(string)
		if !codePattern.MatchString(code) {
			t.Errorf("code %q does not match the §1.6 pattern", code)
		}
	case shapeValidation:
		allowed["errors"] = true
		errs, _ := m["errors"].([]any)
		if len(errs) == 0 {
			t.Errorf("validation problem without errors: %s", r.Body)
		}
	}
	for k := range m {
		if !allowed[k] {
			t.Errorf("unexpected member %q in %s", k, r.Body)
		}
	}
	return m
}

// conformanceFixture makes a server with a sequence (with an enrolled contact) and a webhook.
func conformanceFixture(t *testing.T) (*replytest.Server, strings.Replacer) {
	t.Helper()
	s := newServer(t)
	contact := mustContact(t, s, "fix@example.com", "Fix")
	seq := mustSequence(t, s, "Fixture", nil)
	enrol(t, s, seq, map[string]any{"contactIds": []int64{contact}})
	r := do(t, s, "POST", "/v3/webhooks", map[string]any{"eventType": "email_replied", "url": "http://127.0.0.1:1/hook"})
	wantStatus(t, r, 201)
	hook := int64(r.obj(t)["id"].(float64))
	r = do(t, s, "POST", "/v3/sequence-folders", map[string]any{"name": "F"})
	wantStatus(t, r, 201)
	folder := r.obj(t)["id"].(string)
	return s, *strings.NewReplacer("{seq}", seqItoa(seq), "{contact}", seqItoa(contact), "{hook}", seqItoa(hook),
		"{folder}", folder)
}

func TestConformanceProblems(t *testing.T) {
	t.Parallel()
	s, rep := conformanceFixture(t)
	idDetail := "The field id must be between 1 and 2147483647."
	tests := []struct {
		name, method, path string
		ct, body           string
		status             int
		shape              shape
		code               string
		pointer            string // errors[0].pointer
		detail             string // detail (business/bare) or errors[0].detail (validation)
	}{
		// §1.6 / Assumed: bare 404 for unknown paths, bare 405 for known paths with another method.
		{"§1.6 unknown path 404", "GET", "/v3/nope", "", "", 404, shapeBare, "", "", ""},
		{"§1.6 unknown nested path 404", "GET", "/v3/contacts/1/nope", "", "", 404, shapeBare, "", "", ""},
		{"§1.6 405 on collection", "PUT", "/v3/contacts", "", "", 405, shapeBare, "", "", ""},
		{"§1.6 405 PUT on PATCH resource", "PUT", "/v3/contacts/1", "application/json", "{}", 405, shapeBare, "", "", ""},
		{"§1.6 405 PATCH on PUT resource", "PATCH", "/v3/tasks/1", "application/json", "{}", 405, shapeBare, "", "", ""},
		// §1.3 Assumed: non-JSON body is 415 with a bare problem.
		{"§1.3 415 form body", "POST", "/v3/contacts", "application/x-www-form-urlencoded", "email=a@b.co", 415, shapeBare, "", "", ""},
		{"§1.3 415 text body", "PUT", "/v3/contact-accounts/1", "text/plain", `{"name":"x"}`, 415, shapeBare, "", "", ""},
		{"§1.3 415 no content type", "POST", "/v3/tasks", "", `{}`, 415, shapeBare, "", "", ""},
		{"§1.3 JSON with charset accepted", "POST", "/v3/contact-lists", "application/json; charset=utf-8", `{"name":"Charset list"}`, 201, shapeJSON, "", "", ""},
		// §1.6 validation templates.
		{"§1.6 empty body", "POST", "/v3/contacts", "application/json", "", 400, shapeValidation, "", "", "The request body is required and cannot be empty."},
		{"§1.6 bad json", "POST", "/v3/contacts", "application/json", "{", 400, shapeValidation, "", "", "Request body is not valid JSON."},
		{"§1.6 invalid type", "POST", "/v3/contacts", "application/json", `{"email":5}`, 400, shapeValidation, "", "/email", "Value has an invalid type."},
		// §1.4 id range validation, exact detail.
		{"§1.4 id 0", "GET", "/v3/contacts/0", "", "", 400, shapeValidation, "", "id", idDetail},
		{"§1.4 id negative", "GET", "/v3/tasks/-5", "", "", 400, shapeValidation, "", "id", idDetail},
		{"§1.4 id too big", "GET", "/v3/contact-accounts/2147483648", "", "", 400, shapeValidation, "", "id", idDetail},
		{"§1.4 id not a number", "GET", "/v3/sequences/abc", "", "", 400, shapeValidation, "", "id", idDetail},
		{"§1.4 id max is fine", "GET", "/v3/contacts/2147483647", "", "", 404, shapeBusiness, "contact.notFound", "", "Contact with ID 2147483647 not found."},
		{"§1.4 id on PUT", "PUT", "/v3/webhooks/0", "application/json", `{"eventType":"email_sent","url":"http://127.0.0.1/x","scope":"personal"}`, 400, shapeValidation, "", "id", idDetail},
		{"§1.4 id on DELETE", "DELETE", "/v3/contact-lists/0", "", "", 400, shapeValidation, "", "id", idDetail},
		// §1.6 business problems.
		{"§1.6 business 404", "GET", "/v3/contacts/42", "", "", 404, shapeBusiness, "contact.notFound", "", "Contact with ID 42 not found."},
		{"§1.6 business 400 contact invalidInput", "POST", "/v3/contacts", "application/json", `{"firstName":"x"}`, 400, shapeBusiness, "contact.invalidInput", "", "A contact must have at least an email or a LinkedIn URL."},
		{"§2.13 delete missing sequence is 400 sequence.notFound", "DELETE", "/v3/sequences/999999", "", "", 400, shapeBusiness, "sequence.notFound", "", ""},
		// §1.5 pagination errors per endpoint, with their codes.
		{"§1.5 contacts top 1001", "GET", "/v3/contacts?top=1001", "", "", 400, shapeBusiness, "contact.invalidPagination", "", "Parameter 'top' must be between 1 and 1000"},
		{"§1.5 contacts top 0", "GET", "/v3/contacts?top=0", "", "", 400, shapeBusiness, "contact.invalidPagination", "", ""},
		{"§1.5 contacts skip -1", "GET", "/v3/contacts?skip=-1", "", "", 400, shapeBusiness, "contact.invalidPagination", "", ""},
		{"§1.5 contacts filter top 0", "POST", "/v3/contacts/filter?top=0", "application/json", `{}`, 400, shapeBusiness, "contact.invalidPagination", "", ""},
		{"§1.5 contact lists top 0", "GET", "/v3/contact-lists?top=0", "", "", 400, shapeBusiness, "contactsList.invalidPagination", "", "Parameter 'top' must be between 1 and 1000"},
		{"§1.5 contact lists top 1001", "GET", "/v3/contact-lists?top=1001", "", "", 400, shapeBusiness, "contactsList.invalidPagination", "", ""},
		{"§1.5 accounts top 1001", "GET", "/v3/contact-accounts?top=1001", "", "", 400, shapeBusiness, "contactAccount.invalidPagination", "", ""},
		{"§1.5 accounts filter skip -1", "POST", "/v3/contact-accounts/filter?skip=-1", "application/json", `{}`, 400, shapeBusiness, "contactAccount.invalidPagination", "", ""},
		{"§1.5 sequences top 0", "GET", "/v3/sequences?top=0", "", "", 400, shapeBusiness, "sequence.invalidPagination", "", ""},
		{"§1.5 sequences top 1001", "GET", "/v3/sequences?top=1001", "", "", 400, shapeBusiness, "sequence.invalidPagination", "", ""},
		{"§1.5 sequence contacts top 1001", "GET", "/v3/sequences/{seq}/contacts?top=1001", "", "", 400, shapeBusiness, "sequenceContact.invalidPagination", "", ""},
		{"§1.5 state view max 100", "GET", "/v3/sequences/{seq}/contacts/state?top=101", "", "", 400, shapeBusiness, "sequenceContact.invalidPagination", "", "Parameter 'top' must be between 1 and 100"},
		{"§1.5 state view top 100 ok", "GET", "/v3/sequences/{seq}/contacts/state?top=100", "", "", 200, shapeJSON, "", "", ""},
		{"§1.5 background jobs max 200", "GET", "/v3/background-jobs?top=201", "", "", 400, shapeBusiness, "backgroundJob.invalidPagination", "", "Parameter 'top' must be between 1 and 200"},
		{"§1.5 background jobs top 200 ok", "GET", "/v3/background-jobs?top=200", "", "", 200, shapeJSON, "", "", ""},
		{"§1.5 tasks top 0", "GET", "/v3/tasks?top=0", "", "", 400, shapeBusiness, "task.invalidPagination", "", ""},
		{"§2.20 tasks filter top is a validation pointer", "POST", "/v3/tasks/filter?top=0", "application/json", `{}`, 400, shapeValidation, "", "top", ""},
		{"§2.20 tasks filter top 1001 validation", "POST", "/v3/tasks/filter?top=1001", "application/json", `{}`, 400, shapeValidation, "", "top", ""},
		{"§1.5 webhooks top 0", "GET", "/v3/webhooks?top=0", "", "", 400, shapeBusiness, "webHook.invalidPagination", "", ""},
		{"§1.5 email templates top 1001", "GET", "/v3/email-templates?top=1001", "", "", 400, shapeBusiness, "emailTemplate.invalidPagination", "", ""},
		{"§1.5 folder sequences top 0", "GET", "/v3/sequence-folders/{folder}/sequences?top=0", "", "", 400, shapeBusiness, "sequenceFolderSequenceLink.invalidPagination", "", ""},
		{"§2.5 blacklist top 0", "GET", "/v3/contact-blacklist-rules/domains?top=0", "", "", 400, shapeBusiness, "blacklistDomainRule.invalidPagination", "", ""},
		{"§1.5 email accounts top 0", "GET", "/v3/email-accounts?top=0", "", "", 400, shapeBusiness, "emailAccount.invalidPagination", "", ""},
		// §2.13 / §2.16 sort errors.
		{"§2.13 sortDirection alone", "GET", "/v3/sequences?sortDirection=asc", "", "", 400, shapeBusiness, "sequence.invalidSort", "", ""},
		{"§2.16 bad sort_by", "GET", "/v3/sequences/{seq}/contacts?sort_by=nope", "", "", 400, shapeBusiness, "sequenceContact.invalidSort", "", ""},
		{"§2.16 bad additionalColumns", "GET", "/v3/sequences/{seq}/contacts/state?additionalColumns=Nope", "", "", 400, shapeBusiness, "sequenceContact.invalidInput", "", ""},
		{"§2.16 missing sequence", "GET", "/v3/sequences/999999/contacts", "", "", 404, shapeBusiness, "sequenceContact.sequenceNotFound", "", ""},
		{"§2.16 not in sequence", "GET", "/v3/sequences/{seq}/contacts/999999", "", "", 404, shapeBusiness, "sequenceContact.notInSequence", "", ""},
		// §2.3 contact filter rule validation.
		{"§2.3 unknown filter property", "POST", "/v3/contacts/filter", "application/json", `{"rules":[{"property":"nope","condition":"equals","value":"x"}]}`, 400, shapeValidation, "", "/rules/0/property", ""},
		{"§2.3 unknown filter condition", "POST", "/v3/contacts/filter", "application/json", `{"rules":[{"property":"createdAt","condition":"between","value":"2026-01-01T00:00:00Z"}]}`, 400, shapeValidation, "", "/rules/0/condition", ""},
		{"§2.3 second rule pointer", "POST", "/v3/contacts/filter", "application/json", `{"rules":[{"property":"email","condition":"equals","value":"x"},{"property":"email","condition":"lessThan","value":"x"}]}`, 400, shapeValidation, "", "/rules/1/condition", ""},
		// §2.1 accounts filter.
		{"§2.1 unknown filter property", "POST", "/v3/contact-accounts/filter", "application/json", `{"filters":[{"property":"Nope","condition":"Equals","values":"x"}]}`, 400, shapeValidation, "", "", ""},
		// §2.13 sequences create.
		{"§2.13 create without steps", "POST", "/v3/sequences", "application/json", `{"name":"x"}`, 400, shapeValidation, "", "/steps", "At least one step is required."},
		{"§2.13 create without name", "POST", "/v3/sequences", "application/json", `{"steps":[{"type":"email","delayInMinutes":0,"executionMode":"automatic","variants":[{"subject":"s","message":"m"}]}]}`, 400, shapeValidation, "", "/name", ""},
		{"§2.13 settings missing required member", "POST", "/v3/sequences", "application/json", `{"name":"x","settings":{"emailsCountPerDay":5},"steps":[{"type":"email","delayInMinutes":0,"executionMode":"automatic","variants":[{"subject":"s","message":"m"}]}]}`, 400, shapeValidation, "", "/settings/daysToFinishProspect", ""},
		// §2.2 contact lists.
		{"§2.2 name too short", "POST", "/v3/contact-lists", "application/json", `{"name":"x"}`, 400, shapeBusiness, "contactsList.nameTooShort", "", ""},
		{"§2.2 empty contactIds", "POST", "/v3/contact-lists/999/add-contacts", "application/json", `{"contactIds":[]}`, 0, shapeValidation, "", "/contactIds", "At least one contact ID is required."},
		// §4.1 webhooks.
		{"§4.1 invalid event", "POST", "/v3/webhooks", "application/json", `{"eventType":"sequence_started","url":"http://127.0.0.1/x"}`, 400, shapeBusiness, "webHook.invalidEvent", "", ""},
		{"§4.1 invalid url", "POST", "/v3/webhooks", "application/json", `{"eventType":"email_sent","url":"ftp://x"}`, 400, shapeBusiness, "webHook.invalidUrl", "", ""},
		{"§4.1 organization scope", "POST", "/v3/webhooks", "application/json", `{"eventType":"email_sent","url":"http://127.0.0.1/x","scope":"organization"}`, 400, shapeBusiness, "webHook.organizationScopeNotImplemented", "", ""},
		{"§4.1 invalid scope", "POST", "/v3/webhooks", "application/json", `{"eventType":"email_sent","url":"http://127.0.0.1/x","scope":"galaxy"}`, 400, shapeBusiness, "webHook.invalidScope", "", ""},
		{"§4.1 test missing", "POST", "/v3/webhooks/999999/test", "", "", 404, shapeBusiness, "webHook.notFound", "", ""},
		{"§4.1 test unreachable", "POST", "/v3/webhooks/{hook}/test", "", "", 502, shapeBusiness, "webHook.deliveryFailed", "", ""},
		// §2.20 tasks.
		{"§2.20 missing task", "GET", "/v3/tasks/999999", "", "", 404, shapeBusiness, "task.notFound", "", ""},
		{"§2.20 filter to before from", "POST", "/v3/tasks/filter", "application/json", `{"from":"2026-02-01T00:00:00Z","to":"2026-01-01T00:00:00Z"}`, 400, shapeValidation, "", "/to", ""},
		// §1.13 background jobs.
		{"§1.13 job id not uuid", "GET", "/v3/background-jobs/123", "", "", 400, shapeValidation, "", "jobId", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := raw(t, s, tt.method, rep.Replace(tt.path), tt.ct, tt.body)
			if tt.status != 0 && r.Status != tt.status {
				t.Fatalf("status = %d, want %d; body %s", r.Status, tt.status, r.Body)
			}
			m := checkProblemShape(t, r, tt.shape)
			if m == nil {
				return
			}
			if code, _ := m["code"].(string); code != tt.code {
				t.Errorf("code = %q, want %q", code, tt.code)
			}
			if tt.shape == shapeValidation {
				errs, _ := m["errors"].([]any)
				if len(errs) == 0 {
					return
				}
				e0, _ := errs[0].(map[string]any)
				if tt.pointer != "" && e0["pointer"] != tt.pointer {
					t.Errorf("pointer = %v, want %q (%s)", e0["pointer"], tt.pointer, r.Body)
				}
				if tt.detail != "" && e0["detail"] != tt.detail {
					t.Errorf("errors[0].detail = %v, want %q", e0["detail"], tt.detail)
				}
			} else if tt.detail != "" && m["detail"] != tt.detail {
				t.Errorf("detail = %v, want %q", m["detail"], tt.detail)
			}
		})
	}
}

// §1.3, §1.7: headers of 2xx, 204, 401, 405 and 404 responses.
func TestConformanceHeaders(t *testing.T) {
	t.Parallel()
	s := newServer(t, replytest.WithKeys("good"))
	// §1.7: 401 has WWW-Authenticate: Bearer, an empty body and no problem content type.
	for _, h := range []string{"", "Bearer ", "Basic good", "Bearer bad"} {
		req, _ := http.NewRequestWithContext(t.Context(), "GET", s.URL+"/v3/contacts", nil)
		if h != "" {
			req.Header.Set("Authorization", h)
		}
		res, err := s.HTTPClient().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := readAll(res)
		if res.StatusCode != 401 || res.Header.Get("WWW-Authenticate") != "Bearer" || len(b) != 0 {
			t.Errorf("auth %q: %d %q %q", h, res.StatusCode, res.Header.Get("WWW-Authenticate"), b)
		}
	}
	// §1.7: unknown paths and methods still answer 401 first without a key.
	if r := doKey(t, s, "", "GET", "/v3/nope", nil); r.Status != 401 {
		t.Errorf("unknown path without key = %d, want 401", r.Status)
	}
	// §1.3: 2xx JSON has the charset; 204 has no body and no content type.
	r := do(t, s, "POST", "/v3/contact-lists", map[string]any{"name": "Headers"})
	wantStatus(t, r, 201)
	checkProblemShape(t, r, shapeJSON)
	id := int64(r.obj(t)["id"].(float64))
	r = do(t, s, "DELETE", "/v3/contact-lists/"+seqItoa(id), nil)
	wantStatus(t, r, 204)
	if len(r.Body) != 0 || r.Header.Get("Content-Type") != "" {
		t.Errorf("204: body %q, Content-Type %q", r.Body, r.Header.Get("Content-Type"))
	}
	// §1.3: no undocumented headers.
	r = do(t, s, "GET", "/v3/contacts", nil)
	for _, h := range []string{"ETag", "Link", "X-RateLimit-Limit", "RateLimit-Limit"} {
		if r.Header.Get(h) != "" {
			t.Errorf("undocumented header %s = %q", h, r.Header.Get(h))
		}
	}
	// §1.6: 405 is bare and carries Allow.
	r = do(t, s, "DELETE", "/v3/contacts", nil)
	wantStatus(t, r, 405)
	checkProblemShape(t, r, shapeBare)
	// §1.6 Assumed: the route-level 404 is exactly {"title":"Not Found","status":404}.
	r = do(t, s, "GET", "/v3/nothing-here", nil)
	wantStatus(t, r, 404)
	if string(r.Body) != `{"title":"Not Found","status":404}` {
		t.Errorf("404 body = %s", r.Body)
	}
}

// §1.5: default and maximum top per endpoint, hasMore, empty page.
func TestConformancePageSizes(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	for i := range 30 {
		mustContact(t, s, "p"+strconv.Itoa(i)+"@example.com", "P")
	}
	type pg struct {
		Items      []map[string]any `json:"items"`
		HasMore    *bool            `json:"hasMore"`
		TotalCount *int             `json:"totalCount"`
	}
	get := func(method, path string) pg {
		t.Helper()
		var body any
		if method == "POST" {
			body = map[string]any{}
		}
		r := do(t, s, method, path, body)
		wantStatus(t, r, 200)
		var p pg
		r.json(t, &p)
		if p.HasMore == nil || p.Items == nil {
			t.Errorf("%s %s: not a P1 envelope: %s", method, path, r.Body)
		}
		return p
	}
	// §1.5: default top 25.
	if p := get("GET", "/v3/contacts"); len(p.Items) != 25 || !*p.HasMore || p.TotalCount != nil {
		t.Errorf("GET /v3/contacts: %d items, hasMore %v, totalCount %v", len(p.Items), *p.HasMore, p.TotalCount)
	}
	// §2.3 Assumed: the filter has totalCount before paging.
	if p := get("POST", "/v3/contacts/filter?top=10&skip=25"); len(p.Items) != 5 || *p.HasMore || p.TotalCount == nil || *p.TotalCount != 30 {
		t.Errorf("filter: %d items, hasMore %v, totalCount %v", len(p.Items), *p.HasMore, p.TotalCount)
	}
	// §1.5: top=1000 is allowed; an empty page is {"items":[],"hasMore":false}.
	if p := get("GET", "/v3/contacts?top=1000"); len(p.Items) != 30 || *p.HasMore {
		t.Errorf("top=1000: %d items, hasMore %v", len(p.Items), *p.HasMore)
	}
	r := do(t, s, "GET", "/v3/contacts?skip=1000", nil)
	if string(r.Body) != `{"items":[],"hasMore":false}` {
		t.Errorf("empty page = %s", r.Body)
	}
	r = do(t, s, "GET", "/v3/tasks", nil)
	if string(r.Body) != `{"items":[],"hasMore":false}` {
		t.Errorf("empty tasks page = %s", r.Body)
	}
	// §1.5: background jobs default 100.
	for range 101 {
		wantStatus(t, do(t, s, "POST", "/v3/email-validations/schedule", map[string]any{"emails": []string{"a@b.co"}}), 202)
	}
	if p := get("GET", "/v3/background-jobs"); len(p.Items) != 100 || !*p.HasMore {
		t.Errorf("background jobs default page: %d items, hasMore %v", len(p.Items), *p.HasMore)
	}
	if p := get("GET", "/v3/background-jobs?top=200"); len(p.Items) != 101 || *p.HasMore {
		t.Errorf("background jobs top=200: %d items, hasMore %v", len(p.Items), *p.HasMore)
	}
}

// §1.8: fixed windows aligned to UTC, Retry-After to the end of the exhausted (later) window.
func TestConformanceRateLimits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		start      time.Time
		pm, ph     int
		n          int // requests allowed before the 429
		retryAfter string
	}{
		{"§1.8 minute window, 20s in", time.Date(2026, 1, 5, 9, 0, 20, 0, time.UTC), 2, 0, 2, "40"},
		{"§1.8 minute window, fraction rounds up", time.Date(2026, 1, 5, 9, 0, 20, 500_000_000, time.UTC), 2, 0, 2, "40"},
		{"§1.8 minute window, last second", time.Date(2026, 1, 5, 9, 0, 59, 900_000_000, time.UTC), 1, 0, 1, "1"},
		{"§1.8 hour window", time.Date(2026, 1, 5, 9, 59, 0, 0, time.UTC), 0, 2, 2, "60"},
		{"§1.8 both exhausted: the later one", time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC), 2, 2, 2, "1800"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, replytest.WithLimits(tt.pm, tt.ph), replytest.WithClock(tt.start))
			for range tt.n {
				wantStatus(t, do(t, s, "GET", "/v3/contacts", nil), 200)
			}
			r := do(t, s, "GET", "/v3/contacts", nil)
			wantStatus(t, r, 429)
			if got := r.Header.Get("Retry-After"); got != tt.retryAfter {
				t.Errorf("Retry-After = %q, want %q", got, tt.retryAfter)
			}
			m := checkProblemShape(t, r, shapeBare)
			if m["detail"] != "Rate limit exceeded. Retry after "+tt.retryAfter+" seconds." {
				t.Errorf("detail = %v", m["detail"])
			}
		})
	}
	t.Run("§1.8 401 and 429 not counted, 4xx and 404 routes counted", func(t *testing.T) {
		s := newServer(t, replytest.WithLimits(3, 0), replytest.WithClock(time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)))
		wantStatus(t, doKey(t, s, "", "GET", "/v3/contacts", nil), 401)
		wantStatus(t, do(t, s, "GET", "/v3/contacts/0", nil), 400)
		wantStatus(t, do(t, s, "GET", "/v3/nowhere", nil), 404)
		wantStatus(t, do(t, s, "GET", "/v3/contacts", nil), 200)
		wantStatus(t, do(t, s, "GET", "/v3/contacts", nil), 429)
		wantStatus(t, do(t, s, "GET", "/v3/contacts", nil), 429)
		s.Advance(time.Minute)
		for range 3 {
			wantStatus(t, do(t, s, "GET", "/v3/contacts", nil), 200)
		}
		wantStatus(t, do(t, s, "GET", "/v3/contacts", nil), 429)
	})
}

var (
	reOffset = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$`)
	reLocal  = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$`)
	reLocal2 = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\d$`)
	reZ      = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)
	reDate   = regexp.MustCompile(`^\d{4}-\d\d-\d\d$`)
)

// §1.9: each timestamp field in its documented form.
func TestConformanceTimestamps(t *testing.T) {
	t.Parallel()
	s, rep := conformanceFixture(t)
	wantStatus(t, do(t, s, "POST", "/v3/tasks", map[string]any{"taskType": "toDo", "startAt": "2026-01-06T09:00:00Z",
		"dueTo": "2026-01-07T09:00:00Z", "template": map[string]any{"body": "b"}}), 201)
	wantStatus(t, do(t, s, "POST", "/v3/contact-accounts", map[string]any{"name": "Acme"}), 201)
	wantStatus(t, do(t, s, "POST", "/v3/email-validations/schedule", map[string]any{"emails": []string{"a@b.co"}}), 202)
	r := do(t, s, "POST", "/v3/holiday-calendars", map[string]any{"name": "H", "holidays": []any{
		map[string]any{"name": "Xmas", "startDate": "2026-12-25", "endDate": "2026-12-25"}}})
	wantStatus(t, r, 201)
	cal := seqItoa(int64(r.obj(t)["id"].(float64)))
	tests := []struct {
		name, path, member string
		re                 *regexp.Regexp
	}{
		{"§1.9 contact createdAt", "/v3/contacts/{contact}", "createdAt", reLocal},
		{"§1.9 contact lastModifiedAt", "/v3/contacts/{contact}", "lastModifiedAt", reLocal},
		{"§1.9 contact addingDate", "/v3/contacts/{contact}", "addingDate", reOffset},
		{"§1.9 sequence created", "/v3/sequences/{seq}", "created", reOffset},
		{"§1.9 sequence-contact addingDate", "/v3/sequences/{seq}/contacts/{contact}", "addingDate", reOffset},
		{"§1.9 state addedAt", "/v3/sequences/{seq}/contacts/state items", "addedAt", reLocal2},
		{"§1.9 webhook createdAt", "/v3/webhooks/{hook}", "createdAt", reOffset},
		{"§1.9 task startAt", "/v3/tasks items", "startAt", reZ},
		{"§1.9 task dueTo", "/v3/tasks items", "dueTo", reZ},
		{"§1.9 task createdAt", "/v3/tasks/1001", "createdAt", reZ},
		{"§1.9 account createdDate", "/v3/contact-accounts items", "createdDate", reZ},
		{"§1.9 account lastActivityDate", "/v3/contact-accounts items", "lastActivityDate", reZ},
		{"§1.9 background job startedAt", "/v3/background-jobs items", "startedAt", reZ},
		{"§1.9 holiday startDate", "/v3/holiday-calendars/{cal} holidays", "startDate", reDate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, sel, _ := strings.Cut(strings.ReplaceAll(rep.Replace(tt.path), "{cal}", cal), " ")
			r := do(t, s, "GET", path, nil)
			wantStatus(t, r, 200)
			var obj map[string]any
			switch sel {
			case "":
				obj = r.obj(t)
			case "items":
				items, _ := r.obj(t)["items"].([]any)
				if len(items) == 0 {
					t.Fatalf("no items: %s", r.Body)
				}
				obj = items[0].(map[string]any)
			case "holidays":
				hs, _ := r.obj(t)["holidays"].([]any)
				if len(hs) == 0 {
					t.Fatalf("no holidays: %s", r.Body)
				}
				obj = hs[0].(map[string]any)
			}
			v, _ := obj[tt.member].(string)
			if !tt.re.MatchString(v) {
				t.Errorf("%s = %q, want form %s", tt.member, v, tt.re)
			}
		})
	}
}

// §1.10: enum inputs accepted in any case, documented casing emitted.
func TestConformanceEnumCasing(t *testing.T) {
	t.Parallel()
	s, rep := conformanceFixture(t)
	tests := []struct {
		name, method, path string
		body               any
		status             int
		member, want       string // member of the response object and its expected value
	}{
		{"§1.10 task type upper", "POST", "/v3/tasks", map[string]any{"taskType": "TODO", "startAt": "2026-01-06T09:00:00Z",
			"dueTo": "2026-01-07T09:00:00Z", "template": map[string]any{"body": "b"}}, 201, "taskType", "toDo"},
		{"§1.10 webhook eventType any case", "POST", "/v3/webhooks", map[string]any{"eventType": "Email_Sent", "url": "http://127.0.0.1/x"}, 201, "eventType", "email_sent"},
		{"§1.10 webhook scope upper", "POST", "/v3/webhooks", map[string]any{"eventType": "email_sent", "url": "http://127.0.0.1/x", "scope": "PERSONAL"}, 201, "scope", "personal"},
		{"§1.10 contact companySize PascalCase in, camelCase out", "POST", "/v3/contacts", map[string]any{"email": "cs1@example.com", "companySize": "OneThousand"}, 201, "companySize", "oneThousand"},
		{"§1.10 contact companySize camelCase in", "POST", "/v3/contacts", map[string]any{"email": "cs2@example.com", "companySize": "fiveHundred"}, 201, "companySize", "fiveHundred"},
		{"§1.10 contact callStatus any case", "PATCH", "/v3/contacts/{contact}", map[string]any{"callStatus": "TOCALL"}, 200, "callStatus", "toCall"},
		{"§1.10 account companySize lower", "POST", "/v3/contact-accounts", map[string]any{"name": "Sz", "companySize": "selfemployed"}, 201, "companySize", "SelfEmployed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, s, tt.method, rep.Replace(tt.path), tt.body)
			wantStatus(t, r, tt.status)
			if got := r.obj(t)[tt.member]; got != tt.want {
				t.Errorf("%s = %v, want %q", tt.member, got, tt.want)
			}
		})
	}
	// §1.10 on query and filter inputs.
	for _, q := range []string{
		"/v3/sequences?status=NEW",
		"/v3/sequences?sortBy=NAME&sortDirection=DESC",
		"/v3/sequences/{seq}/contacts?sort_by=EMAIL&sort_direction=ASC",
		"/v3/sequences/{seq}/contacts/state?additionalColumns=currentstep,STATUS",
		"/v3/contact-accounts?sort_by=NAME&sort_direction=DESC",
	} {
		if r := do(t, s, "GET", rep.Replace(q), nil); r.Status != 200 {
			t.Errorf("§1.10 GET %s = %d %s", q, r.Status, r.Body)
		}
	}
	if r := do(t, s, "GET", rep.Replace("/v3/sequences?status=NEW"), nil); len(r.obj(t)["items"].([]any)) != 1 {
		t.Errorf("§1.10 status=NEW matched %s", r.Body)
	}
	r := do(t, s, "GET", rep.Replace("/v3/sequences/{seq}/contacts/state?additionalColumns=status"), nil)
	wantStatus(t, r, 200)
	items := r.obj(t)["items"].([]any)
	st := items[0].(map[string]any)["status"].(map[string]any)["status"]
	if st != "Active" {
		t.Errorf("§1.10 state status.status = %v, want Active", st)
	}
	for _, body := range []map[string]any{
		{"filters": []any{map[string]any{"property": "name", "condition": "equals", "values": "Acme"}}},
		{"filters": []any{map[string]any{"property": "NAME", "condition": "EQUALS", "values": []string{"Acme"}}}, "sortBy": "NAME", "sortDirection": "DESC"},
	} {
		if r := do(t, s, "POST", "/v3/contact-accounts/filter", body); r.Status != 200 {
			t.Errorf("§1.10 accounts filter %v = %d %s", body, r.Status, r.Body)
		}
	}
	for _, body := range []map[string]any{
		{"rules": []any{map[string]any{"property": "LASTMODIFIEDAT", "condition": "GREATERTHAN", "value": "2020-01-01T00:00:00Z"}}, "sortBy": "EMAIL", "sortDirection": "DESC"},
		{"taskType": "TODO", "status": "NEW"},
	} {
		path := "/v3/contacts/filter"
		if _, ok := body["taskType"]; ok {
			path = "/v3/tasks/filter"
		}
		if r := do(t, s, "POST", path, body); r.Status != 200 {
			t.Errorf("§1.10 %s %v = %d %s", path, body, r.Status, r.Body)
		}
	}
	if r := do(t, s, "POST", "/v3/email-accounts/filter", map[string]any{"emailAccountType": "custom", "status": "CONNECTED"}); r.Status != 200 {
		t.Errorf("§1.10 email-accounts filter = %d %s", r.Status, r.Body)
	}
}

// §1.11: PUT replaces every mutable field (omitted optional ones are cleared); PATCH keeps omitted fields and
// (contacts) clears on null, (sequences) ignores null and merges settings key by key.
func TestConformanceWriteSemantics(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	// §1.11, §2.1: PUT on an account clears what it omits.
	r := do(t, s, "POST", "/v3/contact-accounts", map[string]any{"name": "Acme", "description": "d", "city": "Kyiv", "companySize": "2-10"})
	wantStatus(t, r, 201)
	acc := seqItoa(int64(r.obj(t)["id"].(float64)))
	r = do(t, s, "PUT", "/v3/contact-accounts/"+acc, map[string]any{"name": "Acme 2"})
	wantStatus(t, r, 200)
	if m := r.obj(t); m["description"] != nil || m["city"] != nil || m["companySize"] != nil || m["name"] != "Acme 2" {
		t.Errorf("§1.11 account PUT did not clear: %s", r.Body)
	}
	// §1.11, §2.20: PUT on a task clears linkedInTaskType and template.subject.
	r = do(t, s, "POST", "/v3/tasks", map[string]any{"taskType": "toDo", "startAt": "2026-01-06T09:00:00Z",
		"dueTo": "2026-01-07T09:00:00Z", "template": map[string]any{"body": "b", "subject": "s"}})
	wantStatus(t, r, 201)
	task := seqItoa(int64(r.obj(t)["id"].(float64)))
	r = do(t, s, "PUT", "/v3/tasks/"+task, map[string]any{"taskType": "toDo", "startAt": "2026-01-06T09:00:00Z",
		"dueTo": "2026-01-07T09:00:00Z", "template": map[string]any{"body": "b2"}})
	wantStatus(t, r, 200)
	if tpl, _ := r.obj(t)["template"].(map[string]any); tpl["subject"] != nil || tpl["body"] != "b2" {
		t.Errorf("§1.11 task PUT template = %v", tpl)
	}
	// §1.11, §2.3: PATCH contact keeps omitted, null clears.
	c := createContact(t, s, map[string]any{"email": "w@example.com", "firstName": "W", "title": "CTO", "city": "Lviv"})
	r = do(t, s, "PATCH", "/v3/contacts/"+seqItoa(c.ID), map[string]any{"title": nil})
	wantStatus(t, r, 200)
	if m := r.obj(t); m["title"] != nil && m["title"] != "" || m["city"] != "Lviv" || m["firstName"] != "W" {
		t.Errorf("§1.11 contact PATCH: %s", r.Body)
	}
	// §1.11, §2.13: PATCH sequence: null leaves unchanged, settings merge key by key.
	seq := mustSequence(t, s, "Merge", nil)
	r = do(t, s, "PATCH", seqPath(seq, ""), map[string]any{"name": nil, "settings": map[string]any{"emailsCountPerDay": 7}})
	wantStatus(t, r, 200)
	m := r.obj(t)
	st, _ := m["settings"].(map[string]any)
	if m["name"] != "Merge" || st["emailsCountPerDay"] != float64(7) || st["daysToFinishProspect"] != float64(7) ||
		st["repliesHandlingType"] != "markAsFinished" || st["generatedTaskOwner"] != "sequence" {
		t.Errorf("§1.11 sequence PATCH: %s", r.Body)
	}
	r = do(t, s, "PATCH", seqPath(seq, ""), map[string]any{"settings": map[string]any{"repliesHandlingType": "CONTINUESENDING"}})
	wantStatus(t, r, 200)
	if st := r.obj(t)["settings"].(map[string]any); st["repliesHandlingType"] != "continueSending" || st["emailsCountPerDay"] != float64(7) {
		t.Errorf("§1.10/§1.11 settings merge: %v", st)
	}
	// §2.13: a new sequence is new, not archived; the list omits the detail-only fields.
	r = do(t, s, "GET", "/v3/sequences", nil)
	wantStatus(t, r, 200)
	item := r.obj(t)["items"].([]any)[0].(map[string]any)
	if item["status"] != "new" || item["isArchived"] != false {
		t.Errorf("§2.13 new sequence: %v", item)
	}
	for _, k := range []string{"scheduleId", "emailAccounts", "linkedInAccounts", "settings", "steps"} {
		if _, ok := item[k]; ok {
			t.Errorf("§2.13 list item has detail-only %q", k)
		}
	}
	// §3.1: archive, then PATCH is 409 sequence.archived.
	wantStatus(t, do(t, s, "POST", seqPath(seq, "/archive"), nil), 200)
	r = do(t, s, "PATCH", seqPath(seq, ""), map[string]any{"name": "x"})
	wantStatus(t, r, 409)
	if m := checkProblemShape(t, r, shapeBusiness); m["code"] != "sequence.archived" {
		t.Errorf("§2.13 PATCH archived code = %v", m["code"])
	}
}

// §1.12: bulk result shapes B1-B5 with their exact error strings.
func TestConformanceBulkShapes(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c1 := mustContact(t, s, "b1@example.com", "B")
	c2 := mustContact(t, s, "b2@example.com", "B")
	// B1, success only: {}.
	r := do(t, s, "POST", "/v3/contacts/bulk-delete", map[string]any{"ids": []int64{c2}})
	wantStatus(t, r, 200)
	if string(r.Body) != `{}` {
		t.Errorf("§1.12 B1 all succeeded = %s", r.Body)
	}
	// B1 failures keyed by decimal id, camelCase error, sentence details.
	r = do(t, s, "POST", "/v3/contacts/bulk-delete", map[string]any{"ids": []int64{c2, 999999}})
	wantStatus(t, r, 200)
	var b1 map[string]struct {
		Error        string  `json:"error"`
		ErrorDetails *string `json:"errorDetails"`
	}
	r.json(t, &b1)
	if len(b1) != 2 || b1[seqItoa(c2)].Error != "notFound" || b1["999999"].Error != "notFound" || b1["999999"].ErrorDetails == nil {
		t.Errorf("§1.12 B1 = %s", r.Body)
	}
	r = do(t, s, "POST", "/v3/contact-lists", map[string]any{"name": "Bulk"})
	list := seqItoa(int64(r.obj(t)["id"].(float64)))
	r = do(t, s, "POST", "/v3/contact-lists/"+list+"/add-contacts", map[string]any{"contactIds": []int64{c1, 999998}})
	wantStatus(t, r, 200)
	if string(r.Body) != `{"999998":{"error":"contactNotProcessed","errorDetails":"Contact 999998 could not be processed."}}` {
		t.Errorf("§2.2 B1 = %s", r.Body)
	}
	// B2: same order as the input, documented integer codes.
	r = do(t, s, "POST", "/v3/contact-accounts/bulk", map[string]any{"items": []any{map[string]any{"name": "A1"}, map[string]any{"name": "A2"}}})
	wantStatus(t, r, 200)
	var b2 []map[string]any
	r.json(t, &b2)
	if len(b2) != 2 || b2[0]["id"] == nil || b2[0]["error"] != nil || b2[0]["errorDetails"] != nil ||
		b2[1]["id"].(float64) <= b2[0]["id"].(float64) {
		t.Errorf("§1.12 B2 = %s", r.Body)
	}
	for _, k := range []string{"id", "error", "errorDetails"} {
		if _, ok := b2[0][k]; !ok {
			t.Errorf("§1.12 B2 item lacks %q: %s", k, r.Body)
		}
	}
	r = do(t, s, "POST", "/v3/contact-accounts/bulk", map[string]any{"items": []any{map[string]any{"name": "ok"}, map[string]any{}}})
	wantStatus(t, r, 400)
	if m := checkProblemShape(t, r, shapeValidation); m["errors"].([]any)[0].(map[string]any)["pointer"] != "/items/1/name" {
		t.Errorf("§2.1 bulk validation = %s", r.Body)
	}
	// B3 and B4.
	seq := mustSequence(t, s, "B", nil)
	r = do(t, s, "POST", seqPath(seq, "/contact-links/bulk"), map[string]any{"contactIds": []int64{c1, 999997}})
	wantStatus(t, r, 200)
	var b3 struct {
		Added        []int64                   `json:"added"`
		NotProcessed map[string]map[string]any `json:"notProcessed"`
	}
	r.json(t, &b3)
	if len(b3.Added) != 1 || b3.Added[0] != c1 || b3.NotProcessed["999997"]["error"] != "contactNotFound" {
		t.Errorf("§1.12 B3 = %s", r.Body)
	}
	r = do(t, s, "POST", seqPath(seq, "/contact-links/bulk"), map[string]any{"contactIds": []int64{c1}})
	if !strings.Contains(string(r.Body), `"contactAlreadyInSequence"`) || !strings.Contains(string(r.Body), `"added":[]`) {
		t.Errorf("§3.3 B3 already in = %s", r.Body)
	}
	c3 := mustContact(t, s, "b3@example.com", "B")
	r = do(t, s, "POST", seqPath(seq, "/contact-links/bulk-delete"), map[string]any{"contactIds": []int64{c1, c3, 999996}})
	wantStatus(t, r, 200)
	if string(r.Body) != `{"requested":3,"removed":1,"notFound":1,"notInSequence":1,"removedIds":[`+seqItoa(c1)+`]}` {
		t.Errorf("§1.12 B4 = %s", r.Body)
	}
	// B5.
	r = do(t, s, "POST", "/v3/contacts/import", map[string]any{"items": []any{
		map[string]any{"email": "new@example.com", "firstName": "N"},
		map[string]any{"email": "b1@example.com", "firstName": "B"},
		map[string]any{"email": "nofirst@example.com"},
	}, "options": map[string]any{"skipExisting": true}})
	wantStatus(t, r, 200)
	var b5 struct {
		Items []struct {
			ID     *int64  `json:"id"`
			Status string  `json:"status"`
			Error  *string `json:"error"`
		} `json:"items"`
		Added, Updated, Skipped, Failed int
	}
	r.json(t, &b5)
	if len(b5.Items) != 3 || b5.Items[0].Status != "created" || b5.Items[1].Status != "skipped" || b5.Items[2].Status != "failed" ||
		b5.Items[2].Error == nil || *b5.Items[2].Error != "Invalid data" || b5.Added != 1 || b5.Skipped != 1 || b5.Failed != 1 {
		t.Errorf("§1.12 B5 = %s", r.Body)
	}
	for _, k := range []string{`"added":`, `"updated":`, `"skipped":`, `"failed":`} {
		if !strings.Contains(string(r.Body), k) {
			t.Errorf("§1.12 B5 lacks %s: %s", k, r.Body)
		}
	}
	// §1.13: over 1000 items is 400 contact.limitExceeded.
	items := make([]any, 1001)
	for i := range items {
		items[i] = map[string]any{"firstName": "x"}
	}
	r = do(t, s, "POST", "/v3/contacts/import", map[string]any{"items": items})
	wantStatus(t, r, 400)
	if m := checkProblemShape(t, r, shapeBusiness); m["code"] != "contact.limitExceeded" {
		t.Errorf("§1.13 import cap code = %v", m["code"])
	}
}

// §1.13: 202 + Location, job progress on the emulator clock; §1.14: idempotent operations.
func TestConformanceJobsAndIdempotency(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	r := do(t, s, "POST", "/v3/email-validations/schedule", map[string]any{"emails": []string{"a@b.co", "c@d.co"}})
	wantStatus(t, r, 202)
	checkProblemShape(t, r, shapeJSON)
	var job struct {
		JobID           string `json:"jobId"`
		ScheduledCount  *int   `json:"scheduledCount"`
		CreditsReserved *int   `json:"creditsReserved"`
	}
	r.json(t, &job)
	if loc := r.Header.Get("Location"); loc != "v3/background-jobs/"+job.JobID || len(job.JobID) != 36 || job.ScheduledCount == nil || job.CreditsReserved == nil {
		t.Errorf("§1.13 202: Location %q body %s", r.Header.Get("Location"), r.Body)
	}
	status := func() map[string]any {
		r := do(t, s, "GET", "/v3/background-jobs/"+job.JobID, nil)
		wantStatus(t, r, 200)
		return r.obj(t)
	}
	if m := status(); m["status"] != "Scheduled" || m["finishedAt"] != nil {
		t.Errorf("§1.13 job at 0s = %v", m)
	}
	s.Advance(time.Second)
	if m := status(); m["status"] != "Processing" {
		t.Errorf("§1.13 job at 1s = %v", m)
	}
	s.Advance(time.Second)
	m := status()
	if m["status"] != "Done" || m["finishedAt"] == nil || m["jsonDataResult"] == nil {
		t.Errorf("§1.13 job at 2s = %v", m)
	}
	r = do(t, s, "GET", "/v3/background-jobs", nil)
	if it := r.obj(t)["items"].([]any)[0].(map[string]any); it["jsonData"] != nil || it["jsonDataResult"] != nil {
		t.Errorf("§1.13 list item carries jsonData: %v", it)
	}
	// §1.14: cancel twice is 204 both times (on a fresh job).
	r = do(t, s, "POST", "/v3/email-validations/schedule", map[string]any{"emails": []string{"e@f.co"}})
	var j2 struct{ JobID string }
	r.json(t, &j2)
	for range 2 {
		wantStatus(t, do(t, s, "POST", "/v3/background-jobs/"+j2.JobID+"/cancel", nil), 204)
	}
	wantStatus(t, raw(t, s, "POST", "/v3/background-jobs/"+j2.JobID+"/cancel", "application/json", `{"reason":"x"}`), 204)
	// §1.14: sequence start and pause are idempotent.
	seq := mustSequence(t, s, "Idem", map[string]any{"emailAccounts": []int64{mustEmailAccount(t, s, "idem@example.com")}})
	enrol(t, s, seq, map[string]any{"contactIds": []int64{mustContact(t, s, "i@example.com", "I")}})
	for _, step := range []struct{ action, want string }{{"start", "active"}, {"start", "active"}, {"pause", "paused"}, {"pause", "paused"}} {
		r := do(t, s, "POST", seqPath(seq, "/"+step.action), nil)
		wantStatus(t, r, 200)
		if got := r.obj(t)["status"]; got != step.want {
			t.Errorf("§1.14 %s: status %v", step.action, got)
		}
	}
	// §1.14: webhook enable/disable are 204 when already in that state.
	r = do(t, s, "POST", "/v3/webhooks", map[string]any{"eventType": "email_sent", "url": "http://127.0.0.1:1/x"})
	hook := seqItoa(int64(r.obj(t)["id"].(float64)))
	for _, a := range []string{"enable", "disable", "disable", "enable"} {
		wantStatus(t, do(t, s, "POST", "/v3/webhooks/"+hook+"/"+a, nil), 204)
	}
	// §1.14: email-account link 201 new, 200 already linked.
	ea := mustEmailAccount(t, s, "second@example.com")
	wantStatus(t, do(t, s, "POST", seqPath(seq, "/email-account-links"), map[string]any{"emailAccountId": ea}), 201)
	wantStatus(t, do(t, s, "POST", seqPath(seq, "/email-account-links"), map[string]any{"emailAccountId": ea}), 200)
	// §1.14, §3.2: set-opted-out twice reports nothing both times.
	c := mustContact(t, s, "opt@example.com", "O")
	for range 2 {
		r := do(t, s, "POST", "/v3/contacts/set-opted-out", map[string]any{"contactIds": []int64{c}, "isOptedOut": true})
		wantStatus(t, r, 200)
		if string(r.Body) != `{}` {
			t.Errorf("§1.14 set-opted-out = %s", r.Body)
		}
	}
}

// §2.16: sequence-contact order, displayName, state view.
func TestConformanceSequenceContacts(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	seq := mustSequence(t, s, "SC", map[string]any{"steps": []any{emailStep("One"), map[string]any{"type": "email",
		"delayInMinutes": 60, "executionMode": "automatic", "variants": []any{map[string]any{"subject": "", "message": "m"}}}}})
	a := mustContact(t, s, "a@example.com", "A")
	b := mustContact(t, s, "b@example.com", "B")
	c := mustContact(t, s, "c@example.com", "C")
	enrol(t, s, seq, map[string]any{"contactIds": []int64{a, b}}) // same addingDate: contactId descending
	s.Advance(time.Minute)
	enrol(t, s, seq, map[string]any{"contactIds": []int64{c}})
	ids := func(path string) []int64 {
		t.Helper()
		r := do(t, s, "GET", path, nil)
		wantStatus(t, r, 200)
		var p page[map[string]any]
		r.json(t, &p)
		var out []int64
		for _, it := range p.Items {
			out = append(out, int64(it["contactId"].(float64)))
		}
		return out
	}
	if got := ids(seqPath(seq, "/contacts")); !equalIDs(got, []int64{c, b, a}) {
		t.Errorf("§2.16 default order = %v, want %v", got, []int64{c, b, a})
	}
	if got := ids(seqPath(seq, "/contacts?sort_by=email")); !equalIDs(got, []int64{c, b, a}) {
		t.Errorf("§2.16 sort_by=email defaults to desc: %v", got)
	}
	if got := ids(seqPath(seq, "/contacts?sort_by=email&sort_direction=asc")); !equalIDs(got, []int64{a, b, c}) {
		t.Errorf("§2.16 sort_by=email asc: %v", got)
	}
	r := do(t, s, "GET", seqPath(seq, "/contacts/"+seqItoa(a)), nil)
	wantStatus(t, r, 200)
	m := r.obj(t)
	if cs := m["currentStep"].(map[string]any); cs["displayName"] != "1" || cs["stepId"] == nil || m["emailDisposition"] != nil || m["statusInSequence"] != "active" {
		t.Errorf("§2.16 new membership = %s", r.Body)
	}
	wantStatus(t, do(t, s, "POST", seqPath(seq, "/contacts/set-status-in-sequence"), map[string]any{"contactIds": []int64{a}, "statusInSequence": "Finished"}), 200)
	r = do(t, s, "GET", seqPath(seq, "/contacts/"+seqItoa(a)), nil)
	if cs := r.obj(t)["currentStep"].(map[string]any); cs["displayName"] != "Finished" || cs["stepId"] != nil {
		t.Errorf("§3.2 finished currentStep = %v", cs)
	}
	// State view: base members always; additional columns on request; PascalCase status.status.
	r = do(t, s, "GET", seqPath(seq, "/contacts/state"), nil)
	it := r.obj(t)["items"].([]any)[0].(map[string]any)
	for _, k := range []string{"contactId", "email", "firstName", "lastName", "title", "addedAt"} {
		if _, ok := it[k]; !ok {
			t.Errorf("§2.16 state item lacks %q: %v", k, it)
		}
	}
	for _, k := range []string{"currentStep", "lastStepCompletedAt", "status"} {
		if _, ok := it[k]; ok {
			t.Errorf("§2.16 state item has %q without additionalColumns", k)
		}
	}
	r = do(t, s, "GET", seqPath(seq, "/contacts/state?additionalColumns=CurrentStep,Status,LastStepCompletedAt&top=100"), nil)
	for _, x := range r.obj(t)["items"].([]any) {
		it := x.(map[string]any)
		st := it["status"].(map[string]any)["status"]
		cs := it["currentStep"].(map[string]any)
		if int64(it["contactId"].(float64)) == a && (st != "Finished" || cs["displayStepNumber"] != "Finished") ||
			int64(it["contactId"].(float64)) != a && (st != "Active" || cs["displayStepNumber"] != "1") {
			t.Errorf("§2.16 state item = %v", it)
		}
		if _, ok := it["lastStepCompletedAt"]; !ok {
			t.Errorf("§2.16 state item lacks lastStepCompletedAt")
		}
	}
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// §2.1: lastActivityDate as a change cursor, filter conditions and values forms.
func TestConformanceAccounts(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	r := do(t, s, "POST", "/v3/contact-accounts", map[string]any{"name": "Acme", "ownerUserId": 1235, "city": "Kyiv"})
	wantStatus(t, r, 201)
	m := r.obj(t)
	acc := int64(m["id"].(float64))
	if m["lastActivityDate"] != m["createdDate"] || m["emailProvider"] != nil || m["stage"] != nil || m["ownerUserId"] != float64(1234) {
		t.Errorf("§2.1 created account = %s", r.Body)
	}
	wantStatus(t, do(t, s, "POST", "/v3/contact-accounts", map[string]any{"name": "Other"}), 201)
	filter := func(body map[string]any) []string {
		t.Helper()
		r := do(t, s, "POST", "/v3/contact-accounts/filter", body)
		wantStatus(t, r, 200)
		var p page[map[string]any]
		r.json(t, &p)
		var names []string
		for _, it := range p.Items {
			names = append(names, it["name"].(string))
		}
		return names
	}
	s.Advance(time.Hour)
	since := s.Now().Format(time.RFC3339)
	s.Advance(time.Minute)
	if got := filter(map[string]any{"filters": []any{map[string]any{"property": "LastActivityDate", "condition": "GreaterThan", "values": since}}}); len(got) != 0 {
		t.Errorf("§2.1 nothing changed yet: %v", got)
	}
	// Linking a contact moves lastActivityDate.
	createContact(t, s, map[string]any{"email": "acc@example.com", "accountId": acc})
	for _, f := range []map[string]any{
		{"property": "LastActivityDate", "condition": "GreaterThan", "values": since},
		{"property": "LastActivityDate", "condition": "GreaterEqualThan", "values": []string{since}},
		{"property": "LastActivityDateFrom", "condition": "Equals", "values": since},
	} {
		if got := filter(map[string]any{"filters": []any{f}}); len(got) != 1 || got[0] != "Acme" {
			t.Errorf("§2.1 filter %v = %v", f, got)
		}
	}
	for _, tt := range []struct {
		f    map[string]any
		want int
	}{
		{map[string]any{"property": "Name", "condition": "In", "values": []string{"Acme", "Other"}}, 2},
		{map[string]any{"property": "Name", "condition": "NotIn", "values": []string{"Acme"}}, 1},
		{map[string]any{"property": "City", "condition": "IsNull"}, 1},
		{map[string]any{"property": "City", "condition": "IsNotNull", "values": nil}, 1},
		{map[string]any{"property": "NumberOfContacts", "condition": "GreaterThan", "values": 0}, 1},
		{map[string]any{"property": "OwnerId", "condition": "Equals", "values": []int{1234}}, 2},
	} {
		if got := filter(map[string]any{"filters": []any{tt.f}}); len(got) != tt.want {
			t.Errorf("§2.1 filter %v = %v, want %d", tt.f, got, tt.want)
		}
	}
	// PUT and owner change move it too; the linked contacts list has the documented members.
	s.Advance(time.Minute)
	before := do(t, s, "GET", "/v3/contact-accounts/"+seqItoa(acc), nil).obj(t)["lastActivityDate"]
	s.Advance(time.Minute)
	r = do(t, s, "PUT", "/v3/contact-accounts/"+seqItoa(acc)+"/owner", map[string]any{"userId": 1235})
	wantStatus(t, r, 200)
	if after := r.obj(t)["lastActivityDate"]; after == before {
		t.Errorf("§2.1 owner change kept lastActivityDate %v", after)
	}
	r = do(t, s, "GET", "/v3/contact-accounts/"+seqItoa(acc)+"/contacts", nil)
	it := r.obj(t)["items"].([]any)[0].(map[string]any)
	if len(it) != 5 || it["email"] != "acc@example.com" {
		t.Errorf("§2.1 account contacts item = %v", it)
	}
	r = do(t, s, "PUT", "/v3/contact-accounts/"+seqItoa(acc)+"/owner", map[string]any{"userId": 999})
	wantStatus(t, r, 400)
	if m := checkProblemShape(t, r, shapeBusiness); m["code"] != "contactAccount.invalidInput" {
		t.Errorf("§2.1 non-member owner code = %v", m["code"])
	}
}

// §2.3: contact filter rules, sort and totalCount; live quirks.
func TestConformanceContactFilter(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	a := createContact(t, s, map[string]any{"email": "zed@example.com", "firstName": "Zed", "company": "ACME"})
	s.Advance(time.Hour)
	mid := s.Now().Format(time.RFC3339)
	s.Advance(time.Minute)
	b := createContact(t, s, map[string]any{"email": "amy@example.com", "firstName": "Amy", "company": "acme"})
	createContact(t, s, map[string]any{"email": "bob@example.com", "firstName": "Bob", "company": "Other"})
	filter := func(body map[string]any) ([]int64, *int) {
		t.Helper()
		r := do(t, s, "POST", "/v3/contacts/filter?top=1", body)
		wantStatus(t, r, 200)
		var p page[map[string]any]
		r.json(t, &p)
		r = do(t, s, "POST", "/v3/contacts/filter", body)
		var all page[map[string]any]
		r.json(t, &all)
		var ids []int64
		for _, it := range all.Items {
			ids = append(ids, int64(it["id"].(float64)))
		}
		return ids, p.TotalCount
	}
	rule := func(p, c, v string) map[string]any { return map[string]any{"property": p, "condition": c, "value": v} }
	tests := []struct {
		name string
		body map[string]any
		want []int64
	}{
		{"§2.3 equals any scalar field, case-insensitive", map[string]any{"rules": []any{rule("company", "equals", "acme")}}, []int64{a.ID, b.ID}},
		{"§2.3 time rule greaterThan", map[string]any{"rules": []any{rule("createdAt", "greaterThan", mid)}}, []int64{b.ID, b.ID + 1}},
		{"§2.3 time rule lessThan", map[string]any{"rules": []any{rule("lastModifiedAt", "lessThan", mid)}}, []int64{a.ID}},
		{"§2.3 rules AND-combined", map[string]any{"rules": []any{rule("company", "equals", "ACME"), rule("addingDate", "greaterThan", mid)}}, []int64{b.ID}},
		{"§2.3 sortBy email asc default", map[string]any{"sortBy": "email"}, []int64{b.ID, b.ID + 1, a.ID}},
		{"§2.3 sortBy desc", map[string]any{"sortBy": "id", "sortDirection": "desc"}, []int64{b.ID + 1, b.ID, a.ID}},
		{"§2.3 default order id", map[string]any{}, []int64{a.ID, b.ID, b.ID + 1}},
	}
	for _, tt := range tests {
		got, total := filter(tt.body)
		if !equalIDs(got, tt.want) || total == nil || *total != len(tt.want) {
			t.Errorf("%s: %v (totalCount %v), want %v", tt.name, got, total, tt.want)
		}
	}
	// Filter items carry sequences and lists; GET does not.
	r := do(t, s, "POST", "/v3/contacts/filter", map[string]any{})
	it := r.obj(t)["items"].([]any)[0].(map[string]any)
	if _, ok := it["sequences"]; !ok {
		t.Errorf("§2.3 filter item lacks sequences")
	}
	if _, ok := it["lists"]; !ok {
		t.Errorf("§2.3 filter item lacks lists")
	}
	g := do(t, s, "GET", "/v3/contacts/"+seqItoa(a.ID), nil).obj(t)
	if _, ok := g["sequences"]; ok {
		t.Errorf("§2.3 GET contact has sequences")
	}
	// §2.3: a duplicate email (case-insensitive) is 400 contact.invalidInput.
	r = do(t, s, "POST", "/v3/contacts", map[string]any{"email": "ZED@example.com"})
	wantStatus(t, r, 400)
	if m := checkProblemShape(t, r, shapeBusiness); m["code"] != "contact.invalidInput" || m["detail"] != "Contact with this email already exists." {
		t.Errorf("§2.3 duplicate = %s", r.Body)
	}
	// GET /v3/contacts email filter is exact, case-insensitive.
	var p page[map[string]any]
	do(t, s, "GET", "/v3/contacts?email=AMY@example.com", nil).json(t, &p)
	if len(p.Items) != 1 {
		t.Errorf("§2.3 email filter = %v", p.Items)
	}
	// §6 quirks: null timestamps and ignored time rules.
	s.SetQuirks(replytest.Quirks{NullContactTimestamps: true, IgnoreContactTimeRules: true})
	got, _ := filter(map[string]any{"rules": []any{rule("createdAt", "greaterThan", mid)}})
	if len(got) != 3 {
		t.Errorf("§2.3 quirk: time rule not ignored: %v", got)
	}
	g = do(t, s, "GET", "/v3/contacts/"+seqItoa(a.ID), nil).obj(t)
	if g["createdAt"] != nil || g["lastModifiedAt"] != nil {
		t.Errorf("§2.3 quirk: timestamps %v %v", g["createdAt"], g["lastModifiedAt"])
	}
}

// §2.20: task order, deleted tasks, PUT only on new tasks.
func TestConformanceTasks(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	mk := func(start string) int64 {
		r := do(t, s, "POST", "/v3/tasks", map[string]any{"taskType": "toDo", "startAt": start, "dueTo": "2027-01-01T00:00:00Z", "template": map[string]any{"body": "b"}})
		wantStatus(t, r, 201)
		return int64(r.obj(t)["id"].(float64))
	}
	t1 := mk("2026-03-01T00:00:00Z")
	t2 := mk("2026-02-01T00:00:00Z")
	t3 := mk("2026-02-01T00:00:00Z")
	list := func(method, path string, body any) []int64 {
		r := do(t, s, method, path, body)
		wantStatus(t, r, 200)
		var p page[map[string]any]
		r.json(t, &p)
		var ids []int64
		for _, it := range p.Items {
			ids = append(ids, int64(it["id"].(float64)))
		}
		return ids
	}
	if got := list("GET", "/v3/tasks", nil); !equalIDs(got, []int64{t2, t3, t1}) {
		t.Errorf("§2.20 order = %v", got)
	}
	wantStatus(t, do(t, s, "DELETE", "/v3/tasks/"+seqItoa(t3), nil), 204)
	if got := list("POST", "/v3/tasks/filter", map[string]any{}); !equalIDs(got, []int64{t2, t1}) {
		t.Errorf("§2.20 deleted excluded = %v", got)
	}
	if got := list("POST", "/v3/tasks/filter", map[string]any{"status": "cancelled"}); !equalIDs(got, []int64{t3}) {
		t.Errorf("§2.20 status cancelled = %v", got)
	}
	r := do(t, s, "GET", "/v3/tasks/"+seqItoa(t3), nil)
	if m := r.obj(t); r.Status != 200 || m["status"] != "cancelled" {
		t.Errorf("§2.20 deleted GET = %s", r.Body)
	}
	wantStatus(t, do(t, s, "POST", "/v3/tasks/"+seqItoa(t2)+"/complete", map[string]any{}), 200)
	r = do(t, s, "POST", "/v3/tasks/"+seqItoa(t2)+"/complete", map[string]any{})
	wantStatus(t, r, 409)
	if m := checkProblemShape(t, r, shapeBusiness); m["code"] != "task.cannotComplete" {
		t.Errorf("§3.8 complete twice = %s", r.Body)
	}
	r = do(t, s, "PUT", "/v3/tasks/"+seqItoa(t2), map[string]any{"taskType": "toDo", "startAt": "2026-02-01T00:00:00Z", "dueTo": "2027-01-01T00:00:00Z", "template": map[string]any{"body": "b"}})
	wantStatus(t, r, 400)
	if m := checkProblemShape(t, r, shapeBusiness); m["code"] != "task.unknown" {
		t.Errorf("§2.20 PUT finished task = %s", r.Body)
	}
	// List items omit detail-only members; detail has them.
	r = do(t, s, "GET", "/v3/tasks", nil)
	it := r.obj(t)["items"].([]any)[0].(map[string]any)
	for _, k := range []string{"contactId", "template", "createdAt", "creationSource", "isFailed"} {
		if _, ok := it[k]; ok {
			t.Errorf("§2.20 list item has detail-only %q", k)
		}
	}
	if _, ok := it["contact"]; !ok {
		t.Errorf("§2.20 list item lacks contact")
	}
	r = do(t, s, "POST", "/v3/tasks/"+seqItoa(t1)+"/execute", map[string]any{})
	wantStatus(t, r, 400)
	if m := checkProblemShape(t, r, shapeValidation); m["errors"].([]any)[0].(map[string]any)["detail"] != "Task type does not support execution." {
		t.Errorf("§3.8 execute toDo = %s", r.Body)
	}
}

// §1.6: route, query and body errors are combined in one validation array.
func TestConformanceCombinedValidation(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	r := do(t, s, "POST", "/v3/tasks/filter?top=0", map[string]any{"from": "2026-02-01T00:00:00Z", "to": "2026-01-01T00:00:00Z"})
	wantStatus(t, r, 400)
	m := checkProblemShape(t, r, shapeValidation)
	var ptrs []string
	for _, e := range m["errors"].([]any) {
		ptrs = append(ptrs, e.(map[string]any)["pointer"].(string))
	}
	if strings.Join(ptrs, ",") != "top,/to" {
		t.Errorf("§1.6 combined errors pointers = %v", ptrs)
	}
	for _, tt := range []struct {
		method, path, body, want string
	}{
		{"PUT", "/v3/webhooks/0", `{"eventType":5}`, "id,/eventType"},
		{"PUT", "/v3/contact-accounts/0", `{}`, "id,/name"},
		{"POST", "/v3/contact-lists/0/add-contacts", `{"contactIds":[]}`, "id,/contactIds"},
		{"PATCH", "/v3/contacts/0", `{"email":"nope"}`, "id,/email"},
		{"PATCH", "/v3/contacts/0", `{"firstName":"ok"}`, "id"},
		{"PUT", "/v3/tasks/0", `{}`, "id,/taskType,/startAt,/dueTo,/template"},
		{"PUT", "/v3/tasks/999999", `{}`, "/taskType,/startAt,/dueTo,/template"},
		{"PUT", "/v3/schedules/0", `{"timezoneId":"Eastern Standard Time"}`, "id,/name"},
		{"PUT", "/v3/holiday-calendars/999999", `{}`, "/name"},
		{"PUT", "/v3/email-templates/999999", `{}`, "/name,/body"},
		{"PUT", "/v3/email-templates/0", `{"name":"x"}`, "id,/body"},
		{"PUT", "/v3/contact-blacklist-rules/domains/999999", `{}`, "/pattern"},
		{"PUT", "/v3/contact-blacklist-rules/emails/0", `{"pattern":"nope"}`, "id,/pattern"},
		{"POST", "/v3/tasks/filter?top=0&skip=-1", `{`, "top,skip,"},
	} {
		r := raw(t, s, tt.method, tt.path, "application/json", tt.body)
		wantStatus(t, r, 400)
		m := checkProblemShape(t, r, shapeValidation)
		var ptrs []string
		for _, e := range m["errors"].([]any) {
			ptrs = append(ptrs, e.(map[string]any)["pointer"].(string))
		}
		if strings.Join(ptrs, ",") != tt.want {
			t.Errorf("§1.6 %s %s %s: pointers %q, want %q", tt.method, tt.path, tt.body, ptrs, tt.want)
		}
	}
}

// §4.3, §4.4: delivery headers and envelope; failures logged newest first; 20 failures disable.
func TestConformanceWebhookDeliveries(t *testing.T) {
	t.Parallel()
	type hit struct {
		header http.Header
		body   map[string]any
	}
	got := make(chan hit, 100)
	recv := httptestServer(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var m map[string]any
		_ = json.Unmarshal(b, &m)
		got <- hit{r.Header.Clone(), m}
	})
	s := newServer(t)
	r := do(t, s, "POST", "/v3/webhooks", map[string]any{"eventType": "contact_opted_out", "url": recv + "/h"})
	wantStatus(t, r, 201)
	hookID := r.obj(t)["id"].(float64)
	r = do(t, s, "POST", "/v3/webhooks", map[string]any{"eventType": "contact_opted_out", "url": "http://127.0.0.1:1/refused"})
	bad := seqItoa(int64(r.obj(t)["id"].(float64)))
	seq := mustSequence(t, s, "Hooked", nil)
	c := mustContact(t, s, "hook@example.com", "H")
	enrol(t, s, seq, map[string]any{"contactIds": []int64{c}})
	wantStatus(t, do(t, s, "PATCH", "/v3/contacts/"+seqItoa(c), map[string]any{"isOptedOut": true}), 200)
	s.WaitWebhooks()
	h := <-got
	if ct := h.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("§4.4 delivery Content-Type = %q", ct)
	}
	ev := h.body["event"].(map[string]any)
	if ev["type"] != "contact_opted_out" || ev["subscription_id"] != hookID || ev["team_id"] == nil || ev["user_id"] != float64(1234) ||
		!regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`).MatchString(ev["date"].(string)) {
		t.Errorf("§4.3 envelope = %v", ev)
	}
	if sf, _ := h.body["sequence_fields"].(map[string]any); sf["id"] != float64(seq) || sf["name"] != "Hooked" {
		t.Errorf("§4.3 sequence_fields = %v", h.body["sequence_fields"])
	}
	if _, ok := h.body["contact_custom_fields"]; ok {
		t.Errorf("§4.3 contact_custom_fields without includeProspectCustomFields")
	}
	// Failed deliveries are logged with httpStatus null (no response); 20 in a row disable the subscription.
	for i := range 44 {
		wantStatus(t, do(t, s, "PATCH", "/v3/contacts/"+seqItoa(c), map[string]any{"isOptedOut": i%2 == 1}), 200)
		enrol(t, s, seq, map[string]any{"contactIds": []int64{c}})
	}
	s.WaitWebhooks()
	var logs page[map[string]any]
	do(t, s, "GET", "/v3/webhooks/"+bad+"/logs?top=100", nil).json(t, &logs)
	if len(logs.Items) < 2 || logs.Items[0]["httpStatus"] != nil {
		t.Fatalf("§4.4 logs = %v", logs.Items)
	}
	d0, _ := time.Parse(time.RFC3339, logs.Items[0]["date"].(string))
	dn, _ := time.Parse(time.RFC3339, logs.Items[len(logs.Items)-1]["date"].(string))
	if d0.Before(dn) {
		t.Errorf("§4.1 logs not newest first")
	}
	if len(logs.Items) != 20 {
		t.Errorf("§4.4 failed deliveries logged = %d, want 20 (then disabled)", len(logs.Items))
	}
	if m := do(t, s, "GET", "/v3/webhooks/"+bad, nil).obj(t); m["enabled"] != false {
		t.Errorf("§4.4 after %d failures enabled = %v", len(logs.Items), m["enabled"])
	}
}

func httptestServer(t *testing.T, h http.HandlerFunc) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// §1.12 B2 and bulk validation on blacklist rules (§2.5); §1.11 PUT on custom fields and their casing (§1.10).
func TestConformanceBlacklistAndCustomFields(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	base := "/v3/contact-blacklist-rules/domains"
	// A malformed item (pattern missing or empty) rejects the whole request; nothing is created.
	r := do(t, s, "POST", base+"/bulk", []any{map[string]any{"pattern": "Ok.com"}, map[string]any{"pattern": ""}})
	wantStatus(t, r, 400)
	if m := checkProblemShape(t, r, shapeValidation); m["errors"].([]any)[0].(map[string]any)["pointer"] != "/1/pattern" {
		t.Errorf("§2.5 bulk validation = %s", r.Body)
	}
	// Per-item B2 codes: 2 Duplicate, 4 InvalidPattern (a documented difference: see docs/emulator.md).
	r = do(t, s, "POST", base+"/bulk", []any{map[string]any{"pattern": "Ok.com"}, map[string]any{"pattern": "ok.com"}, map[string]any{"pattern": "not a domain"}})
	wantStatus(t, r, 200)
	var b2 []map[string]any
	r.json(t, &b2)
	if len(b2) != 3 || b2[0]["id"] == nil || b2[0]["error"] != nil || b2[1]["id"] != nil || b2[1]["error"] != float64(2) ||
		b2[1]["errorDetails"] == nil || b2[2]["error"] != float64(4) {
		t.Errorf("§1.12 B2 = %s", r.Body)
	}
	r = do(t, s, "GET", base+"/"+seqItoa(int64(b2[0]["id"].(float64))), nil)
	if m := r.obj(t); m["pattern"] != "ok.com" || m["isGlobal"] != false {
		t.Errorf("§2.5 stored pattern = %s", r.Body)
	}
	r = do(t, s, "POST", base, map[string]any{"pattern": "OK.COM"})
	wantStatus(t, r, 409)
	if m := checkProblemShape(t, r, shapeBusiness); m["code"] != "blacklistDomainRule.duplicate" {
		t.Errorf("§2.5 duplicate = %s", r.Body)
	}
	r = do(t, s, "POST", base+"/bulk-delete", map[string]any{"ids": []int64{999999}})
	if string(r.Body) != `{"999999":{"error":"notFound","errorDetails":"Rule 999999 not found."}}` && !strings.Contains(string(r.Body), `"error":"notFound"`) {
		t.Errorf("§1.12 B1 blacklist = %s", r.Body)
	}
	// §2.4: PUT replaces metadata; fieldType any case in, camelCase out.
	r = do(t, s, "POST", "/v3/custom-fields", map[string]any{"title": "Tier", "fieldType": "TEXT", "metadata": "a,b"})
	wantStatus(t, r, 201)
	m := r.obj(t)
	if m["fieldType"] != "text" {
		t.Errorf("§1.10 custom field type = %v", m["fieldType"])
	}
	id := seqItoa(int64(m["id"].(float64)))
	r = do(t, s, "PUT", "/v3/custom-fields/"+id, map[string]any{"title": "Tier", "fieldType": "Number"})
	wantStatus(t, r, 200)
	if m := r.obj(t); m["metadata"] != nil || m["fieldType"] != "number" {
		t.Errorf("§1.11 custom field PUT = %s", r.Body)
	}
	r = do(t, s, "POST", "/v3/custom-fields", map[string]any{"title": "TIER", "fieldType": "text"})
	wantStatus(t, r, 409)
	if m := checkProblemShape(t, r, shapeBusiness); m["code"] != "customField.duplicateName" {
		t.Errorf("§2.4 duplicate = %s", r.Body)
	}
	// §1.11: delete returns 204 with an empty body.
	r = do(t, s, "DELETE", "/v3/custom-fields/"+id, nil)
	wantStatus(t, r, 204)
	checkProblemShape(t, r, shapeEmpty)
}

// §3.1 state machine, §3.3/§3.4 204 actions, §2.13 list order and filters, §2.2 and §2.3 business codes.
func TestConformanceActions(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	empty := mustSequence(t, s, "Beta", nil)
	s.Advance(time.Minute)
	ea := mustEmailAccount(t, s, "act@example.com")
	seq := mustSequence(t, s, "alpha", map[string]any{"emailAccounts": []int64{ea}})
	c := mustContact(t, s, "act@example.com", "A")
	codeOf := func(r resp) string {
		m := checkProblemShape(t, r, shapeBusiness)
		code, _ := m["code"].(string)
		return code
	}
	tests := []struct {
		name, method, path string
		body               any
		status             int
		code               string
	}{
		{"§3.1 pause new", "POST", seqPath(seq, "/pause"), nil, 409, "sequenceAction.invalidState"},
		{"§3.1 start without contacts", "POST", seqPath(seq, "/start"), nil, 400, "sequenceAction.noContacts"},
		{"§3.1 unarchive not archived", "POST", seqPath(seq, "/unarchive"), nil, 409, "sequenceAction.notArchived"},
		{"§3.1 start missing", "POST", "/v3/sequences/999999/start", nil, 404, "sequenceAction.notFound"},
		{"§3.4 note", "POST", "/v3/contacts/" + seqItoa(c) + "/notes", map[string]any{"notes": "hi"}, 204, ""},
		{"§3.4 empty note", "POST", "/v3/contacts/" + seqItoa(c) + "/notes", map[string]any{"notes": ""}, 400, ""},
		{"§3.3 move to sequence", "POST", "/v3/contacts/" + seqItoa(c) + "/move-to-sequence", map[string]any{"sequenceId": seq}, 204, ""},
		{"§3.3 move again", "POST", "/v3/contacts/" + seqItoa(c) + "/move-to-sequence", map[string]any{"sequenceId": seq}, 400, "contact.invalidInput"},
		{"§3.3 move to missing sequence", "POST", "/v3/contacts/" + seqItoa(c) + "/move-to-sequence", map[string]any{"sequenceId": 999999}, 404, "contact.sequenceNotFound"},
		{"§3.1 start", "POST", seqPath(seq, "/start"), nil, 200, ""},
		{"§3.1 archive active", "POST", seqPath(seq, "/archive"), nil, 409, "sequenceAction.invalidState"},
		{"§3.1 start needs email accounts", "POST", seqPath(empty, "/start"), nil, 400, "sequenceAction.noContacts"},
		{"§2.3 PATCH owner not in team", "PATCH", "/v3/contacts/" + seqItoa(c), map[string]any{"ownerUserId": 999}, 400, "contact.invalidInput"},
		{"§2.3 PUT owner user not in team", "PUT", "/v3/contacts/owner", map[string]any{"contactIds": []int64{c}, "userId": 999}, 404, "contact.notFound"},
		{"§2.2 duplicate list name", "POST", "/v3/contact-lists", map[string]any{"name": "Dup"}, 201, ""},
		{"§2.2 duplicate list name any case", "POST", "/v3/contact-lists", map[string]any{"name": "DUP"}, 409, "contactsList.duplicateName"},
	}
	for _, tt := range tests {
		r := do(t, s, tt.method, tt.path, tt.body)
		if r.Status != tt.status {
			t.Errorf("%s: status %d, want %d (%s)", tt.name, r.Status, tt.status, r.Body)
			continue
		}
		switch {
		case tt.status == 204:
			if len(r.Body) != 0 {
				t.Errorf("%s: 204 body %s", tt.name, r.Body)
			}
		case tt.code != "":
			if got := codeOf(r); got != tt.code {
				t.Errorf("%s: code %q, want %q", tt.name, got, tt.code)
			}
		}
	}
	wantStatus(t, do(t, s, "POST", seqPath(seq, "/pause"), nil), 200)
	wantStatus(t, do(t, s, "POST", seqPath(seq, "/archive"), nil), 200)
	r := do(t, s, "POST", seqPath(seq, "/contact-links/bulk"), map[string]any{"contactIds": []int64{c}})
	if r.Status != 400 || codeOf(r) != "sequence.archived" {
		t.Errorf("§3.1 enrol into archived = %d %s", r.Status, r.Body)
	}
	r = do(t, s, "POST", seqPath(seq, "/unarchive"), nil)
	wantStatus(t, r, 200)
	if m := r.obj(t); m["status"] != "paused" || m["isArchived"] != false {
		t.Errorf("§3.1 unarchive = %s", r.Body)
	}
	// §2.13: default order created descending; sortBy name ascending by default; name case-insensitive partial;
	// createdAfter strict.
	names := func(q string) []string {
		r := do(t, s, "GET", "/v3/sequences"+q, nil)
		wantStatus(t, r, 200)
		var p page[map[string]any]
		r.json(t, &p)
		var out []string
		for _, it := range p.Items {
			out = append(out, it["name"].(string))
		}
		return out
	}
	for q, want := range map[string]string{
		"":                                   "alpha,Beta",
		"?sortBy=name":                       "alpha,Beta",
		"?sortBy=name&sortDirection=desc":    "Beta,alpha",
		"?name=ALP":                          "alpha",
		"?createdAfter=2026-01-05T09:00:00Z": "alpha",
		"?isArchived=false":                  "alpha,Beta",
		"?status=paused":                     "alpha",
	} {
		if got := strings.Join(names(q), ","); got != want {
			t.Errorf("§2.13 GET /v3/sequences%s = %s, want %s", q, got, want)
		}
	}
}

// §1.9: more timestamp forms (webhook log date, background job finishedAt, contact's sequences addingDate).
func TestConformanceTimestampsMore(t *testing.T) {
	t.Parallel()
	s, rep := conformanceFixture(t)
	c := rep.Replace("{contact}")
	r := do(t, s, "PUT", rep.Replace("/v3/webhooks/{hook}"), map[string]any{"eventType": "contact_opted_out", "url": "http://127.0.0.1:1/x", "scope": "personal"})
	wantStatus(t, r, 200)
	wantStatus(t, do(t, s, "PATCH", "/v3/contacts/"+c, map[string]any{"isOptedOut": true}), 200)
	s.WaitWebhooks()
	var logs page[map[string]any]
	do(t, s, "GET", rep.Replace("/v3/webhooks/{hook}/logs"), nil).json(t, &logs)
	if len(logs.Items) == 0 || !reOffset.MatchString(logs.Items[0]["date"].(string)) {
		t.Errorf("§1.9 webhook log date: %v", logs.Items)
	}
	r = do(t, s, "GET", "/v3/contacts/"+c+"/sequences", nil)
	var cs []map[string]any
	r.json(t, &cs)
	if len(cs) == 0 || !reOffset.MatchString(cs[0]["addingDate"].(string)) {
		t.Errorf("§1.9 contact sequences addingDate: %s", r.Body)
	}
	r = do(t, s, "POST", "/v3/email-validations/schedule", map[string]any{"emails": []string{"a@b.co"}})
	var j struct{ JobID string }
	r.json(t, &j)
	s.Advance(5 * time.Second)
	m := do(t, s, "GET", "/v3/background-jobs/"+j.JobID, nil).obj(t)
	if v, _ := m["finishedAt"].(string); !reZ.MatchString(v) {
		t.Errorf("§1.9 job finishedAt = %v", m["finishedAt"])
	}
}

func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// §1.11 PUT replacement of nested collections (§2.8 templates, §2.9 holiday calendars) and list/detail members.
func TestConformanceTemplatesAndCalendars(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	r := do(t, s, "POST", "/v3/email-templates", map[string]any{"name": "T", "subject": "S", "body": "<p>b</p>", "folderType": "Personal"})
	wantStatus(t, r, 201)
	m := r.obj(t)
	if m["folderType"] != "personal" || m["folderId"] == nil {
		t.Errorf("§1.10/§2.8 template create = %s", r.Body)
	}
	id := seqItoa(int64(m["id"].(float64)))
	s.Advance(time.Minute)
	r = do(t, s, "PUT", "/v3/email-templates/"+id, map[string]any{"name": "T2", "body": "<p>c</p>"})
	wantStatus(t, r, 200)
	if m2 := r.obj(t); m2["subject"] != nil || m2["updatedAt"] == m["updatedAt"] || m2["createdAt"] != m["createdAt"] {
		t.Errorf("§1.11/§2.8 template PUT = %s", r.Body)
	}
	r = do(t, s, "GET", "/v3/email-templates", nil)
	it := r.obj(t)["items"].([]any)[0].(map[string]any)
	if _, ok := it["createdAt"]; ok {
		t.Errorf("§2.8 list item has createdAt: %v", it)
	}
	if _, ok := it["updatedAt"]; ok {
		t.Errorf("§2.8 list item has updatedAt: %v", it)
	}
	// §2.9: holidays replaced as a whole; list items are the base shape; predefined calendars are read-only.
	r = do(t, s, "POST", "/v3/holiday-calendars", map[string]any{"name": "Team", "repeatEveryYear": true, "holidays": []any{
		map[string]any{"name": "A", "startDate": "2026-12-25", "endDate": "2026-12-26"},
		map[string]any{"name": "B", "startDate": "2026-12-31", "endDate": "2026-12-31"}}})
	wantStatus(t, r, 201)
	m = r.obj(t)
	cal := seqItoa(int64(m["id"].(float64)))
	if m["calendarType"] != "custom" || m["countryCode"] != nil {
		t.Errorf("§2.9 custom calendar = %s", r.Body)
	}
	r = do(t, s, "PUT", "/v3/holiday-calendars/"+cal, map[string]any{"name": "Team", "holidays": []any{
		map[string]any{"name": "C", "startDate": "2027-01-01", "endDate": "2027-01-01"}}})
	wantStatus(t, r, 200)
	m = r.obj(t)
	if hs := m["holidays"].([]any); len(hs) != 1 || hs[0].(map[string]any)["name"] != "C" || m["repeatEveryYear"] != false {
		t.Errorf("§1.11/§2.9 calendar PUT = %s", r.Body)
	}
	r = do(t, s, "PUT", "/v3/holiday-calendars/"+cal, map[string]any{"name": "Team", "holidays": []any{
		map[string]any{"name": "D", "startDate": "2027-01-02", "endDate": "2027-01-01"}}})
	wantStatus(t, r, 400)
	if m := checkProblemShape(t, r, shapeValidation); m["errors"].([]any)[0].(map[string]any)["pointer"] != "/holidays/0/endDate" {
		t.Errorf("§2.9 endDate before startDate = %s", r.Body)
	}
	var list []map[string]any
	do(t, s, "GET", "/v3/holiday-calendars", nil).json(t, &list)
	for _, c := range list {
		if len(c) != 4 {
			t.Errorf("§2.9 list item = %v", c)
		}
		if c["calendarType"] == "predefined" {
			r := do(t, s, "DELETE", "/v3/holiday-calendars/"+seqItoa(int64(c["id"].(float64))), nil)
			if r.Status != 403 || checkProblemShape(t, r, shapeBusiness)["code"] != "holidayCalendar.notCustomCalendar" {
				t.Errorf("§2.9 delete predefined = %d %s", r.Status, r.Body)
			}
		}
	}
}

// §2.13 create and PATCH rules: references, defaults, health.
func TestConformanceSequenceCreatePatch(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	step := []any{emailStep("Hi")}
	r := do(t, s, "POST", "/v3/sequences", map[string]any{"name": "x", "steps": step, "emailAccounts": []int64{999999}})
	if r.Status != 404 || checkProblemShape(t, r, shapeBusiness)["code"] != "sequence.emailAccountNotFound" {
		t.Errorf("§2.13 missing email account = %d %s", r.Status, r.Body)
	}
	r = do(t, s, "POST", "/v3/sequences", map[string]any{"name": "x", "steps": step, "scheduleId": 0, "emailAccounts": []int64{0}})
	wantStatus(t, r, 400)
	m := checkProblemShape(t, r, shapeValidation)
	var ptrs []string
	for _, e := range m["errors"].([]any) {
		ptrs = append(ptrs, e.(map[string]any)["pointer"].(string))
	}
	if strings.Join(ptrs, ",") != "/scheduleId,/emailAccounts/0" {
		t.Errorf("§2.13 create >= 1 rules: pointers %v", ptrs)
	}
	r = do(t, s, "POST", "/v3/sequences", map[string]any{"name": "x", "steps": []any{map[string]any{"type": "email",
		"delayInMinutes": 0, "executionMode": "automatic", "variants": []any{map[string]any{"subject": "", "message": "m"}}}}})
	wantStatus(t, r, 400)
	if m := checkProblemShape(t, r, shapeValidation); m["errors"].([]any)[0].(map[string]any)["detail"] != "First email should have subject." {
		t.Errorf("§2.13 first email subject = %s", r.Body)
	}
	ea := mustEmailAccount(t, s, "h@example.com")
	r = do(t, s, "POST", "/v3/sequences", map[string]any{"name": "Healthy", "steps": step, "emailAccounts": []int64{ea}})
	wantStatus(t, r, 201)
	m = r.obj(t)
	if m["health"] != "healthy" || m["issues"] != nil || m["scheduleId"] == nil {
		t.Errorf("§2.13 healthy sequence = %s", r.Body)
	}
	if ems := m["emailAccounts"].([]any); len(ems) != 1 || ems[0].(map[string]any)["email"] != "h@example.com" {
		t.Errorf("§2.13 emailAccounts read shape = %v", m["emailAccounts"])
	}
	id := int64(m["id"].(float64))
	// PATCH replaces the account list; a missing schedule is a 404; steps cannot be patched (ignored).
	r = do(t, s, "PATCH", seqPath(id, ""), map[string]any{"emailAccounts": []int64{}})
	wantStatus(t, r, 200)
	if m := r.obj(t); len(m["emailAccounts"].([]any)) != 0 || m["health"] != "blocked" {
		t.Errorf("§2.13 PATCH emailAccounts [] = %s", r.Body)
	}
	r = do(t, s, "PATCH", seqPath(id, ""), map[string]any{"scheduleId": 999999})
	if r.Status != 404 {
		t.Errorf("§2.13 PATCH missing schedule = %d %s", r.Status, r.Body)
	} else {
		checkProblemShape(t, r, shapeBusiness)
	}
	r = do(t, s, "PATCH", seqPath(id, ""), map[string]any{"emailAccounts": nil, "scheduleId": nil, "settings": nil})
	wantStatus(t, r, 200)
}

// §2.3: contacts whose compared timestamp is null never match a time rule; §1.5 ascending id where no order
// is documented.
func TestConformanceNullTimestampsAndDefaultOrder(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	mustContact(t, s, "n1@example.com", "N")
	s.SetQuirks(replytest.Quirks{NullContactTimestamps: true})
	r := do(t, s, "POST", "/v3/contacts/filter", map[string]any{"rules": []any{map[string]any{"property": "lastModifiedAt", "condition": "greaterThan", "value": "2000-01-01T00:00:00Z"}}})
	wantStatus(t, r, 200)
	if string(r.Body) != `{"items":[],"hasMore":false,"totalCount":0}` {
		t.Errorf("§2.3 null timestamps matched a time rule: %s", r.Body)
	}
	for i := range 3 {
		wantStatus(t, do(t, s, "POST", "/v3/webhooks", map[string]any{"eventType": "email_sent", "url": "http://127.0.0.1/" + strconv.Itoa(2-i)}), 201)
		wantStatus(t, do(t, s, "POST", "/v3/contact-lists", map[string]any{"name": "L" + strconv.Itoa(2-i)}), 201)
	}
	for _, path := range []string{"/v3/webhooks", "/v3/contact-lists"} {
		var p page[map[string]any]
		do(t, s, "GET", path, nil).json(t, &p)
		for i := 1; i < len(p.Items); i++ {
			if p.Items[i]["id"].(float64) <= p.Items[i-1]["id"].(float64) {
				t.Errorf("§1.5 %s not in ascending id order", path)
			}
		}
	}
}

// §1.12, §2.1, §2.2, §2.20, §3.1-§3.3: request-size limits and id-list rules of bulk calls are validation 400s.
func TestConformanceBulkLimits(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	seq := mustSequence(t, s, "Limits", nil)
	r := do(t, s, "POST", "/v3/contact-lists", map[string]any{"name": "Limits"})
	list := seqItoa(int64(r.obj(t)["id"].(float64)))
	ids := func(n int) []int {
		out := make([]int, n)
		for i := range out {
			out[i] = i + 1
		}
		return out
	}
	filters := make([]any, 21)
	for i := range filters {
		filters[i] = map[string]any{"property": "Name", "condition": "Equals", "values": "x"}
	}
	tests := []struct {
		name, path string
		body       any
		pointer    string
	}{
		{"§2.1 at most 20 filter conditions", "/v3/contact-accounts/filter", map[string]any{"filters": filters}, "/filters"},
		{"§2.1 bulk create 1..100 items", "/v3/contact-accounts/bulk", map[string]any{"items": make([]any, 101)}, "/items"},
		{"§2.2 at most 1000 contact ids", "/v3/contact-lists/" + list + "/add-contacts", map[string]any{"contactIds": ids(1001)}, "/contactIds"},
		{"§3.2 set-status 1..100", "/v3/contacts/set-status-in-sequence", map[string]any{"contactIds": ids(101), "statusInSequence": "active"}, "/contactIds"},
		{"§3.2 per-sequence set-status no duplicates", seqPath(seq, "/contacts/set-status-in-sequence"), map[string]any{"contactIds": []int{1, 1}, "statusInSequence": "active"}, "/contactIds"},
		{"§3.2 set-bounced false needs resendEmails", "/v3/contacts/set-bounced", map[string]any{"contactIds": []int{1}, "isBounced": false}, "/resendEmails"},
		{"§3.2 set-bounced true forbids resendEmails", "/v3/contacts/set-bounced", map[string]any{"contactIds": []int{1}, "isBounced": true, "resendEmails": true}, "/resendEmails"},
		{"§3.2 set-opted-out no duplicates", "/v3/contacts/set-opted-out", map[string]any{"contactIds": []int{1, 1}, "isOptedOut": true}, "/contactIds/1"},
		{"§2.20 bulk-delete 1..100", "/v3/tasks/bulk-delete", map[string]any{"ids": ids(101)}, "/ids"},
		{"§3.1 bulk start up to 1000", "/v3/sequences/start", map[string]any{"ids": ids(1001)}, "/ids"},
		{"§3.3 bulk-delete no duplicates", seqPath(seq, "/contact-links/bulk-delete"), map[string]any{"contactIds": []int{1, 1}}, "/contactIds"},
	}
	for _, tt := range tests {
		r := do(t, s, "POST", tt.path, tt.body)
		if r.Status != 400 {
			t.Errorf("%s: status %d %s", tt.name, r.Status, r.Body)
			continue
		}
		m := checkProblemShape(t, r, shapeValidation)
		if p := m["errors"].([]any)[0].(map[string]any)["pointer"]; p != tt.pointer {
			t.Errorf("%s: pointer %v, want %q", tt.name, p, tt.pointer)
		}
	}
}
