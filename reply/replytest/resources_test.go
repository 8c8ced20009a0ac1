package replytest_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/replykit/replykit/reply/replytest"
)

// TestValidation checks status, code and first pointer of error answers across resources.
func TestValidation(t *testing.T) {
	t.Parallel()
	s := newServer(t, replytest.WithSeed(replytest.SmallAccount))
	timing := func(day string, fh, th int) map[string]any {
		return map[string]any{"weekDay": day, "isActive": true, "timeRanges": []any{map[string]any{
			"fromTime": map[string]any{"hour": fh, "minute": 0}, "toTime": map[string]any{"hour": th, "minute": 0}}}}
	}
	tests := []struct {
		name, method, path string
		body               any
		status             int
		code, pointer      string
	}{
		{"schedule IANA zone", "POST", "/v3/schedules", map[string]any{"name": "S", "timezoneId": "America/New_York"}, 400, "", "/timezoneId"},
		{"schedule range", "POST", "/v3/schedules", map[string]any{"name": "S", "timezoneId": "Eastern Standard Time", "mainTimings": []any{timing("Monday", 10, 9)}}, 400, "", "/mainTimings/0/timeRanges/0/toTime"},
		{"schedule dup", "POST", "/v3/schedules", map[string]any{"name": "business HOURS", "timezoneId": "UTC"}, 409, "schedule.duplicateName", ""},
		{"holiday order", "POST", "/v3/holiday-calendars", map[string]any{"name": "H", "holidays": []any{map[string]any{"startDate": "2026-05-02", "endDate": "2026-05-01", "name": "x"}}}, 400, "", "/holidays/0/endDate"},
		{"predefined calendar", "PUT", "/v3/holiday-calendars/1001", map[string]any{"name": "US"}, 403, "holidayCalendar.notCustomCalendar", ""},
		{"folder type missing", "GET", "/v3/email-template-folders/1001", nil, 400, "", "folder_type"},
		{"folder type mismatch", "GET", "/v3/email-template-folders/1001?folder_type=team", nil, 404, "emailTemplateFolder.notFound", ""},
		{"template attachments", "POST", "/v3/email-templates", map[string]any{"name": "T", "body": "b", "folderType": "personal", "attachmentIds": []int{1, 2, 3, 4}}, 400, "emailTemplate.tooManyAttachments", ""},
		{"template folder", "POST", "/v3/email-templates", map[string]any{"name": "T", "body": "b", "folderType": "personal", "folderId": 999}, 404, "emailTemplate.folderNotFound", ""},
		{"template pagination", "GET", "/v3/email-templates?top=5000", nil, 400, "emailTemplate.invalidPagination", ""},
		{"email account port", "POST", "/v3/email-accounts", map[string]any{"connection": map[string]any{"email": "s@x.co", "smtpHost": "h", "smtpPort": 0, "smtpPassword": "p", "imapHost": "h", "imapPort": 993, "imapPassword": "p"}}, 400, "", "/connection/smtpPort"},
		{"email account missing", "GET", "/v3/email-accounts/99999", nil, 404, "emailAccount.notFound", ""},
		{"blacklist pattern", "POST", "/v3/contact-blacklist-rules/domains", map[string]any{"pattern": "http://x.com"}, 400, "", "/pattern"},
		{"blacklist bulk", "POST", "/v3/contact-blacklist-rules/emails/bulk", []any{map[string]any{"pattern": "a@b.co"}, map[string]any{}}, 400, "", "/1/pattern"},
		{"custom field type", "POST", "/v3/custom-fields", map[string]any{"title": "X", "fieldType": "date"}, 400, "customField.invalidInput", ""},
		{"custom field dup", "POST", "/v3/custom-fields", map[string]any{"title": "lead source", "fieldType": "text"}, 409, "customField.duplicateName", ""},
		{"task contact", "POST", "/v3/tasks", map[string]any{"taskType": "call", "startAt": "2026-01-06T09:00:00Z", "dueTo": "2026-01-06T10:00:00Z", "template": map[string]any{"body": "b"}}, 400, "", "/contactId"},
		{"task dates", "POST", "/v3/tasks", map[string]any{"taskType": "toDo", "startAt": "2026-01-06T09:00:00Z", "dueTo": "2026-01-06T08:00:00Z", "template": map[string]any{"body": "b"}}, 400, "", "/dueTo"},
		{"task filter to", "POST", "/v3/tasks/filter", map[string]any{"from": "2026-02-01T00:00:00Z", "to": "2026-01-01T00:00:00Z"}, 400, "", "/to"},
		{"webhook url", "POST", "/v3/webhooks", map[string]any{"eventType": "email_sent", "url": "/relative"}, 400, "webHook.invalidUrl", ""},
		{"job id", "GET", "/v3/background-jobs/nope", nil, 400, "", "jobId"},
		{"whoami", "GET", "/v3/whoami", nil, 200, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, s, tt.method, tt.path, tt.body)
			wantStatus(t, r, tt.status)
			if tt.status < 400 {
				return
			}
			m := r.obj(t)
			if code, _ := m["code"].(string); code != tt.code {
				t.Errorf("code = %q, want %q (%s)", code, tt.code, r.Body)
			}
			if tt.pointer != "" {
				errs, _ := m["errors"].([]any)
				if len(errs) == 0 || errs[0].(map[string]any)["pointer"] != tt.pointer {
					t.Errorf("errors = %v, want pointer %q", m["errors"], tt.pointer)
				}
			}
		})
	}
}

func TestSchedulePutReplaces(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	day := func(d string) map[string]any {
		return map[string]any{"weekDay": d, "isActive": true, "timeRanges": []any{map[string]any{
			"fromTime": map[string]any{"hour": 9, "minute": 0}, "toTime": map[string]any{"hour": 17, "minute": 30}}}}
	}
	r := do(t, s, "POST", "/v3/schedules", map[string]any{"name": "EMEA", "timezoneId": "w. europe standard time",
		"mainTimings": []any{day("friday"), day("Monday")}, "useFollowUpSchedule": true, "followUpTimings": []any{day("Tuesday")}})
	wantStatus(t, r, 201)
	m := r.obj(t)
	mt := m["mainTimings"].([]any)
	if m["timezoneId"] != "W. Europe Standard Time" || mt[0].(map[string]any)["weekDay"] != "Monday" || m["status"] != "active" {
		t.Fatalf("created = %s", r.Body)
	}
	id := int64(m["id"].(float64))
	r = do(t, s, "PUT", fmt.Sprintf("/v3/schedules/%d", id), map[string]any{"name": "EMEA", "timezoneId": "UTC"})
	wantStatus(t, r, 200)
	m = r.obj(t)
	if len(m["mainTimings"].([]any)) != 0 || len(m["followUpTimings"].([]any)) != 0 || m["useFollowUpSchedule"] != false {
		t.Errorf("PUT kept omitted fields: %s", r.Body)
	}
	wantStatus(t, do(t, s, "POST", fmt.Sprintf("/v3/schedules/%d/holiday-calendar-links", id), map[string]any{"calendarId": 1001}), 201)
	wantStatus(t, do(t, s, "POST", fmt.Sprintf("/v3/schedules/%d/holiday-calendar-links", id), map[string]any{"calendarId": 1001}), 409)
	wantStatus(t, do(t, s, "DELETE", fmt.Sprintf("/v3/schedules/%d/holiday-calendar-links/1001", id), nil), 204)
	wantStatus(t, do(t, s, "DELETE", "/v3/schedules/1001", nil), 403) // the default schedule
}

func TestEmailAccountPatch(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	conn := map[string]any{"email": "s@x.co", "senderName": "Søren", "smtpHost": "smtp.x.co", "smtpPort": 587,
		"smtpPassword": "secret", "imapHost": "imap.x.co", "imapPort": 993, "imapPassword": "secret"}
	r := do(t, s, "POST", "/v3/email-accounts", map[string]any{"connection": conn, "safety": map[string]any{"dailyLimit": 40}, "tags": []string{"a"}})
	wantStatus(t, r, 201)
	m := r.obj(t)
	if strings.Contains(string(r.Body), "secret") || m["isDefault"] != true || m["emailAccountType"] != "custom" || m["connectionStatus"] != "connected" {
		t.Fatalf("created = %s", r.Body)
	}
	id := int64(m["id"].(float64))
	s.Advance(time.Minute)
	r = do(t, s, "PATCH", fmt.Sprintf("/v3/email-accounts/%d", id), map[string]any{"connection": map[string]any{"senderName": "Sales"}, "safety": nil})
	wantStatus(t, r, 200)
	m = r.obj(t)
	c := m["connection"].(map[string]any)
	if c["senderName"] != "Sales" || c["smtpHost"] != "smtp.x.co" || m["safety"].(map[string]any)["dailyLimit"] != float64(40) {
		t.Errorf("patched = %s", r.Body)
	}
	if m["updatedAt"] != "2026-01-05T09:01:00Z" {
		t.Errorf("updatedAt = %v", m["updatedAt"])
	}
	var p page[map[string]any]
	do(t, s, "POST", "/v3/email-accounts/filter", map[string]any{"domains": []string{"x.co"}, "tags": []string{"A"}}).json(t, &p)
	if len(p.Items) != 1 || p.Items[0]["dailyLimit"] != float64(40) || p.Items[0]["senderName"] != "Sales" {
		t.Errorf("filter = %+v", p.Items)
	}
}

func TestBlacklistBulk(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	wantStatus(t, do(t, s, "POST", "/v3/contact-blacklist-rules/domains", map[string]any{"pattern": "Spam.example"}), 201)
	r := do(t, s, "POST", "/v3/contact-blacklist-rules/domains/bulk", []any{
		map[string]any{"pattern": "ok.example"}, map[string]any{"pattern": "spam.EXAMPLE"}, map[string]any{"pattern": "not a domain"}})
	wantStatus(t, r, 200)
	var res []struct {
		ID    *int64 `json:"id"`
		Error *int   `json:"error"`
	}
	r.json(t, &res)
	if res[0].ID == nil || *res[1].Error != 2 || *res[2].Error != 4 {
		t.Errorf("bulk = %s", r.Body)
	}
	var p page[map[string]any]
	do(t, s, "GET", "/v3/contact-blacklist-rules/domains?search=SPAM", nil).json(t, &p)
	if len(p.Items) != 1 || p.Items[0]["pattern"] != "spam.example" {
		t.Errorf("search = %+v", p.Items)
	}
}

func TestTasksLifecycle(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := createContact(t, s, map[string]any{"email": "t@x.co", "firstName": "Ada", "company": "Acme"})
	r := do(t, s, "POST", "/v3/tasks", map[string]any{"taskType": "manualEmail", "contactId": c.ID, "startAt": "2026-01-05T08:00:00Z",
		"dueTo": "2026-01-05T08:30:00Z", "template": map[string]any{"body": "Hi {{firstName}} at {{company}}", "subject": "Hello"}})
	wantStatus(t, r, 201)
	id := int64(r.obj(t)["id"].(float64))
	var p page[map[string]any]
	do(t, s, "POST", "/v3/tasks/filter", map[string]any{"overdue": true}).json(t, &p)
	if len(p.Items) != 1 || p.Items[0]["contact"].(map[string]any)["fullName"] != "Ada" {
		t.Fatalf("overdue = %+v", p.Items)
	}
	m := do(t, s, "GET", fmt.Sprintf("/v3/tasks/%d?includeContent=true", id), nil).obj(t)
	if m["content"].(map[string]any)["body"] != "Hi Ada at Acme" {
		t.Errorf("content = %v", m["content"])
	}
	wantStatus(t, do(t, s, "POST", fmt.Sprintf("/v3/tasks/%d/execute", id), map[string]any{}), 200)
	wantStatus(t, do(t, s, "POST", fmt.Sprintf("/v3/tasks/%d/complete", id), map[string]any{}), 409)
	wantStatus(t, do(t, s, "DELETE", fmt.Sprintf("/v3/tasks/%d", id), nil), 204)
	do(t, s, "GET", "/v3/tasks", nil).json(t, &p)
	if len(p.Items) != 0 {
		t.Errorf("deleted task still listed: %+v", p.Items)
	}
	m = do(t, s, "GET", fmt.Sprintf("/v3/tasks/%d", id), nil).obj(t)
	if m["status"] != "archived" {
		t.Errorf("status = %v", m["status"])
	}
}

func TestBackgroundJob(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	r := do(t, s, "POST", "/v3/email-validations/schedule", map[string]any{"emails": []string{"a@x.co", "b@x.co"}})
	wantStatus(t, r, 202)
	m := r.obj(t)
	job := m["jobId"].(string)
	if r.Header.Get("Location") != "v3/background-jobs/"+job || m["scheduledCount"] != float64(2) {
		t.Fatalf("schedule = %s (Location %q)", r.Body, r.Header.Get("Location"))
	}
	for _, want := range []string{"Scheduled", "Processing", "Done"} {
		m = do(t, s, "GET", "/v3/background-jobs/"+job, nil).obj(t)
		if m["status"] != want {
			t.Errorf("status = %v, want %s", m["status"], want)
		}
		s.Advance(time.Second)
	}
	if m["jsonDataResult"] == nil || m["finishedAt"] == nil {
		t.Errorf("done job = %v", m)
	}
	wantStatus(t, do(t, s, "POST", "/v3/background-jobs/"+job+"/cancel", nil), 204)
}
