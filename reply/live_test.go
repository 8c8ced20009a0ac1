package reply_test

// Live-only shapes (REFERENCE.md §0.4, §1, §7) that the emulator never emits, each answered by a tiny handler:
// the real Reply API has sent or documented them, so the client must take them through its public methods.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/replykit/replykit/reply"
)

// fixed answers every request with status, header and body.
func fixed(status int, header map[string]string, body string) http.Handler {
	return &scripted{answers: []answer{{status: status, header: header, body: body}}}
}

var jsonCT = map[string]string{"Content-Type": "application/json; charset=utf-8"}

func TestLiveOnlyShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		h     http.Handler
		check func(ctx context.Context, t *testing.T, c *reply.Client)
	}{
		{
			name: "B1 numeric and numeric-string error codes (§7 #9)",
			h:    fixed(200, jsonCT, `{"17": {"error": 8, "errorDetails": null}, "18": {"error": "1", "errorDetails": "gone"}, "19": {"error": "ContactNotProcessed"}}`),
			check: func(ctx context.Context, t *testing.T, c *reply.Client) {
				r, err := c.ContactLists.AddContacts(ctx, 7, []int64{16, 17, 18, 19})
				if err != nil {
					t.Fatal(err)
				}
				if len(r) != 3 || r["17"].Code != "8" || r["17"].Details != "" || !reply.EqualFold(r["19"].Code, "contactNotProcessed") {
					t.Errorf("B1 = %+v", r)
				}
				if e, ok := r.Failed(18); !ok || !errors.Is(e, reply.ErrNotFound) || e.Details != "gone" {
					t.Errorf("18 = %+v", e)
				}
				if _, ok := r.Failed(16); ok {
					t.Error("16 not listed but reported failed")
				}
			},
		},
		{
			name: "B2 string error codes and string ids (§7 #10)",
			h: fixed(200, jsonCT, `[{"id": "11", "error": null, "errorDetails": null}, {"id": null, "error": "duplicateRule", "errorDetails": "Rule exists."},
				{"id": null, "error": "3", "errorDetails": null}]`),
			check: func(ctx context.Context, t *testing.T, c *reply.Client) {
				r, err := c.DomainBlacklistRules.BulkCreate(ctx, []reply.BlacklistRuleWrite{{}, {}, {}})
				if err != nil {
					t.Fatal(err)
				}
				want := []reply.CreateResult{{ID: 11}, {Error: "duplicateRule", ErrorDetails: "Rule exists."}, {Error: "3"}}
				if !reflect.DeepEqual(r, want) || !r[0].OK() || r[1].OK() || r[2].OK() {
					t.Errorf("B2 = %+v, want %+v", r, want)
				}
			},
		},
		{
			name: "PascalCase companySize and string ids on a contact (§7 #14, §0.4)",
			h: fixed(200, jsonCT, `{"id": "101", "email": "a@b.c", "companySize": "Empty", "accountId": "55", "ownerId": "9",
				"createdAt": null, "lastModifiedAt": null, "customFields": [{"key": "150697", "value": "x"}], "extensions": {}}`),
			check: func(ctx context.Context, t *testing.T, c *reply.Client) {
				ct, err := c.Contacts.Get(ctx, 101)
				if err != nil {
					t.Fatal(err)
				}
				if ct.ID != 101 || ct.CompanySize != "Empty" || !reply.EqualFold(ct.CompanySize, "empty") || !ct.CreatedAt.IsZero() {
					t.Errorf("contact = %+v", ct)
				}
				if len(ct.CustomFields) != 1 || ct.CustomFields[0].Key != "150697" {
					t.Errorf("custom fields = %+v", ct.CustomFields)
				}
			},
		},
		{
			name: "PascalCase companySize on an account",
			h:    fixed(200, jsonCT, `{"id": "12", "name": "Acme", "companySize": "SelfEmployed", "createdDate": "2023-11-07T05:31:56Z"}`),
			check: func(ctx context.Context, t *testing.T, c *reply.Client) {
				a, err := c.Accounts.Get(ctx, 12)
				if err != nil {
					t.Fatal(err)
				}
				if a.ID != 12 || !reply.EqualFold(a.CompanySize, "selfEmployed") || a.CreatedDate.IsZero() {
					t.Errorf("account = %+v", a)
				}
			},
		},
		{
			name: "contact's sequences in the older docs shape (§7 #13)",
			h: fixed(200, jsonCT, `[{"sequenceId": "1", "sequenceName": "S", "status": "Paused", "currentStep": 3, "addingDate": "2024-03-08T10:00:00+00:00"},
				{"sequenceId": 2, "sequenceName": "T", "statusInSequence": "active", "currentStep": {"stepId": "9", "displayName": "2"}, "emailAccountId": "5"}]`),
			check: func(ctx context.Context, t *testing.T, c *reply.Client) {
				ss, err := c.Contacts.Sequences(ctx, 101)
				if err != nil {
					t.Fatal(err)
				}
				if len(ss) != 2 {
					t.Fatalf("sequences = %+v", ss)
				}
				if s := ss[0]; s.SequenceID != 1 || !reply.EqualFold(s.StatusInSequence, "paused") || s.CurrentStepID != 3 || s.AddingDate.IsZero() {
					t.Errorf("old shape = %+v", s)
				}
				if s := ss[1]; s.SequenceID != 2 || s.StatusInSequence != "active" || s.CurrentStepID != 9 || s.CurrentStepName != "2" || s.EmailAccountID != 5 {
					t.Errorf("schema shape = %+v", s)
				}
			},
		},
		{
			name: "filter without totalCount and items without sequences/lists (§7 #11, #12)",
			h:    fixed(200, jsonCT, `{"items": [{"id": 1, "email": "a@b.c"}], "hasMore": true}`),
			check: func(ctx context.Context, t *testing.T, c *reply.Client) {
				pg, err := c.Contacts.FilterPage(ctx, &reply.ContactFilter{})
				if err != nil {
					t.Fatal(err)
				}
				if pg.TotalCount != nil || !pg.HasMore || len(pg.Items) != 1 {
					t.Errorf("page = %+v", pg)
				}
			},
		},
		{
			name: "move-to-sequence answered 200 with an empty body (§7 #5)",
			h:    fixed(200, jsonCT, ``),
			check: func(ctx context.Context, t *testing.T, c *reply.Client) {
				if err := c.Contacts.MoveToSequence(ctx, 1, reply.MoveToSequence{SequenceID: 2}); err != nil {
					t.Error(err)
				}
			},
		},
		{
			name: "move-to-sequence answered 204",
			h:    fixed(204, nil, ``),
			check: func(ctx context.Context, t *testing.T, c *reply.Client) {
				if err := c.Contacts.MoveToSequence(ctx, 1, reply.MoveToSequence{SequenceID: 2}); err != nil {
					t.Error(err)
				}
			},
		},
		{
			name: "move-to-sequence answered 200 with a body",
			h:    fixed(200, jsonCT, `{"ok": true}`),
			check: func(ctx context.Context, t *testing.T, c *reply.Client) {
				if err := c.Contacts.MoveToSequence(ctx, 1, reply.MoveToSequence{SequenceID: 2}); err != nil {
					t.Error(err)
				}
			},
		},
		{
			name: "202 with an absolute Location and no jobId in the body (§1.13)",
			h: fixed(202, map[string]string{"Location": "https://api.reply.io/v3/background-jobs/4c1b9e74?x=1", "Content-Type": "application/json"},
				`{"scheduledCount": 2, "creditsReserved": 2}`),
			check: func(ctx context.Context, t *testing.T, c *reply.Client) {
				a, err := c.BackgroundJobs.ScheduleEmailValidation(ctx, reply.EmailValidation{ContactIDs: []int64{1, 2}})
				if err != nil {
					t.Fatal(err)
				}
				if a.JobID != "4c1b9e74" || a.Location != "https://api.reply.io/v3/background-jobs/4c1b9e74?x=1" || a.ScheduledCount != 2 {
					t.Errorf("accepted = %+v", a)
				}
			},
		},
		{
			name: "202 with a relative Location and an empty body",
			h:    fixed(202, map[string]string{"Location": "v3/background-jobs/abc"}, ``),
			check: func(ctx context.Context, t *testing.T, c *reply.Client) {
				a, err := c.BackgroundJobs.ScheduleEmailValidation(ctx, reply.EmailValidation{Emails: []string{"a@b.c"}})
				if err != nil {
					t.Fatal(err)
				}
				if a.JobID != "abc" || !strings.HasPrefix(a.Location, c.BaseURL()) || !strings.HasSuffix(a.Location, "/v3/background-jobs/abc") {
					t.Errorf("accepted = %+v (base %s)", a, c.BaseURL())
				}
			},
		},
		{
			name: "holiday dates sent as date-times are cut to their date",
			h: fixed(200, jsonCT, `{"id": 3, "name": "Team", "holidays": [{"id": "7", "startDate": "2026-12-25T00:00:00", "endDate": "2026-12-26T00:00:00.000Z", "name": "Xmas"},
				{"id": 8, "startDate": "2027-01-01", "endDate": "2027-01-01T00:00:00+01:00", "name": "New year"}]}`),
			check: func(ctx context.Context, t *testing.T, c *reply.Client) {
				cal, err := c.HolidayCalendars.Get(ctx, 3)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, h := range cal.Holidays {
					got = append(got, fmt.Sprint(h.ID, " ", h.StartDate, " ", h.EndDate))
				}
				if want := "7 2026-12-25 2026-12-26|8 2027-01-01 2027-01-01"; strings.Join(got, "|") != want {
					t.Errorf("holidays = %q, want %q", strings.Join(got, "|"), want)
				}
			},
		},
		{
			name: "202 where a result is expected is ErrAccepted naming the job, not an empty result",
			h:    fixed(202, map[string]string{"Location": "v3/background-jobs/job-9", "Content-Type": "application/json"}, `{"jobId": "job-9"}`),
			check: func(ctx context.Context, t *testing.T, c *reply.Client) {
				_, err := c.Contacts.Import(ctx, []reply.ContactImportItem{{ContactCreate: reply.ContactCreate{Email: "a@b.c"}}}, nil)
				var ae *reply.AcceptedError
				if !errors.Is(err, reply.ErrAccepted) || !errors.As(err, &ae) {
					t.Fatalf("error = %v", err)
				}
				if ae.JobID != "job-9" || !strings.HasSuffix(ae.Location, "/v3/background-jobs/job-9") || ae.Path != "/v3/contacts/import" {
					t.Errorf("accepted = %+v", ae)
				}
				if s := c.Stats(); s.Requests != 1 {
					t.Errorf("a 202 was retried: %+v", s)
				}
			},
		},
		{
			name: "validation body with extensions and /top pointers (§7 #26)",
			h: fixed(400, problemJSON, `{"type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "One or more validation errors occurred.",
				"status": 400, "errors": [{"pointer": "/top", "detail": "The field top must be between 1 and 1000."}], "extensions": {}, "traceId": "00-abc"}`),
			check: func(ctx context.Context, t *testing.T, c *reply.Client) {
				_, err := c.Contacts.ListPage(ctx, &reply.ContactListOptions{Limit: 5})
				var e *reply.Error
				if !errors.Is(err, reply.ErrValidation) || !errors.As(err, &e) {
					t.Fatalf("error = %v", err)
				}
				if len(e.Errors) != 1 || e.Errors[0].Pointer != "/top" || e.Code != "" {
					t.Errorf("error = %+v", e)
				}
			},
		},
		{
			name: "401 with a JSON body is ErrUnauthorized, body not parsed (§7 #19)",
			h: fixed(401, map[string]string{"WWW-Authenticate": "Bearer", "Content-Type": "application/problem+json"},
				`{"title":"Unauthorized","status":401,"detail":"Authentication credentials are missing or invalid.","code":"contact.notFound"}`),
			check: func(ctx context.Context, t *testing.T, c *reply.Client) {
				_, err := c.Contacts.Get(ctx, 1)
				var e *reply.Error
				if !errors.Is(err, reply.ErrUnauthorized) || errors.Is(err, reply.ErrNotFound) || !errors.As(err, &e) {
					t.Fatalf("error = %v", err)
				}
				if e.Detail != "" || e.Code != "" || e.Title != "" {
					t.Errorf("401 body parsed: %+v", e)
				}
				if s := c.Stats(); s.Requests != 1 {
					t.Errorf("401 retried: %+v", s)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, _ := mustHandlerClient(t, tt.h)
			tt.check(t.Context(), t, c)
		})
	}
}

func TestRateLimitedWithoutOrWithDateRetryAfter(t *testing.T) {
	t.Parallel()
	start := newFakeClock().Now()
	tests := []struct {
		name       string
		retryAfter string
		minWait    time.Duration
		maxWait    time.Duration
	}{
		// Without Retry-After the client backs off on its own, at least a second.
		{"no Retry-After", "", time.Second, 2 * time.Second},
		{"Retry-After 0", "0", time.Second, 2 * time.Second},
		{"Retry-After garbage", "soon", time.Second, 2 * time.Second},
		// An HTTP date is honoured exactly (the fake clock starts on a whole second).
		{"Retry-After HTTP date", start.Add(40 * time.Second).Format(http.TimeFormat), 40 * time.Second, 40 * time.Second},
		{"Retry-After HTTP date in the past", start.Add(-time.Hour).Format(http.TimeFormat), time.Second, 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			hdr := map[string]string{"Content-Type": "application/problem+json"}
			if tt.retryAfter != "" {
				hdr["Retry-After"] = tt.retryAfter
			}
			h := &scripted{answers: []answer{
				{status: 429, header: hdr, body: `{"title":"Too Many Requests","status":429}`},
				{status: 201, header: jsonCT, body: okList},
			}}
			c, clk := mustHandlerClient(t, h)
			// A create POST: a 429 was not processed, so even a non-idempotent request is retried.
			l, err := c.ContactLists.Create(t.Context(), reply.ContactListCreate{Name: "Sales"})
			if err != nil || l.ID != 7 {
				t.Fatalf("Create = %+v, %v", l, err)
			}
			if n := h.n.Load(); n != 2 {
				t.Errorf("requests = %d, want 2", n)
			}
			waited := clk.Now().Sub(start)
			if waited < tt.minWait || waited > tt.maxWait {
				t.Errorf("waited %v, want in [%v, %v]", waited, tt.minWait, tt.maxWait)
			}
			if s := c.Stats(); s.RateLimited != 1 || s.Retries != 1 || s.Waited != waited {
				t.Errorf("stats = %+v (clock moved %v)", s, waited)
			}
		})
	}
}

// TestQuota429NotRetried: a 429 with a business code is a quota (REFERENCE.md §1.8), not the rate limit: it is
// returned at once and does not hold the pacer for its (long) Retry-After.
func TestQuota429NotRetried(t *testing.T) {
	t.Parallel()
	h := &scripted{answers: []answer{
		{status: 429, header: map[string]string{"Retry-After": "86400", "Content-Type": "application/problem+json"},
			body: `{"title":"Too Many Requests","status":429,"detail":"Daily limit reached.","code":"directLinkedIn.dailyLimitReached"}`},
		{header: jsonCT, body: okList},
	}}
	c, clk := mustHandlerClient(t, h, reply.WithRateLimits(100, 0))
	start := clk.Now()
	_, err := c.ContactLists.Get(t.Context(), 7)
	var e *reply.Error
	if !errors.Is(err, reply.ErrRateLimited) || !errors.As(err, &e) || e.Code != "directLinkedIn.dailyLimitReached" {
		t.Fatalf("error = %v", err)
	}
	if _, err := c.ContactLists.Get(t.Context(), 7); err != nil {
		t.Fatal(err)
	}
	if n := h.n.Load(); n != 2 {
		t.Errorf("requests = %d, want 2", n)
	}
	if d := clk.Now().Sub(start); d != 0 {
		t.Errorf("waited %v after a quota 429", d)
	}
}

// timeFields collects every reply.Time reachable from v (structs, pointers, slices, maps).
func timeFields(v reflect.Value, path string, out map[string]reply.Time) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			timeFields(v.Elem(), path, out)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[reply.Time]() {
			out[path] = v.Interface().(reply.Time)
			return
		}
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				timeFields(v.Field(i), path+"."+f.Name, out)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			timeFields(v.Index(i), fmt.Sprintf("%s[%d]", path, i), out)
		}
	}
}

func TestTimestampFormsOnEveryField(t *testing.T) {
	t.Parallel()
	// Every object that carries timestamps, with every timestamp member set to TS.
	bodies := map[string]string{
		"/v3/contacts/1":                   `{"id": 1, "addingDate": TS, "createdAt": TS, "lastModifiedAt": TS}`,
		"/v3/contacts/1/sequences":         `[{"sequenceId": 1, "addingDate": TS}]`,
		"/v3/contacts/1/activities":        `{"items": [{"id": 1, "date": TS}], "hasMore": false}`,
		"/v3/contact-accounts/1":           `{"id": 1, "createdDate": TS, "lastActivityDate": TS}`,
		"/v3/background-jobs/j":            `{"jobId": "j", "status": "Done", "startedAt": TS, "finishedAt": TS}`,
		"/v3/email-accounts/1":             `{"id": 1, "updatedAt": TS}`,
		"/v3/email-templates/1":            `{"id": 1, "createdAt": TS, "updatedAt": TS}`,
		"/v3/linkedin-accounts/pending":    `[{"id": 1, "expiresAtUtc": TS}]`,
		"/v3/sequences/1":                  `{"id": 1, "created": TS}`,
		"/v3/sequences/1/contacts/2":       `{"contactId": 2, "addingDate": TS}`,
		"/v3/sequences/1/contacts/state":   `{"items": [{"contactId": 2, "addedAt": TS, "lastStepCompletedAt": TS}], "hasMore": false}`,
		"/v3/tasks/1":                      `{"id": 1, "startAt": TS, "dueTo": TS, "finishedAt": TS, "createdAt": TS}`,
		"/v3/webhooks/1":                   `{"id": 1, "createdAt": TS}`,
		"/v3/webhooks/1/logs":              `{"items": [{"date": TS}], "hasMore": false}`,
		"/v3/sequence-folders/f/sequences": `{"items": [{"id": 1, "created": TS}], "hasMore": false}`,
	}
	fetch := map[string]func(ctx context.Context, c *reply.Client) (any, error){
		"/v3/contacts/1":           func(ctx context.Context, c *reply.Client) (any, error) { return c.Contacts.Get(ctx, 1) },
		"/v3/contacts/1/sequences": func(ctx context.Context, c *reply.Client) (any, error) { return c.Contacts.Sequences(ctx, 1) },
		"/v3/contacts/1/activities": func(ctx context.Context, c *reply.Client) (any, error) {
			return reply.Collect(c.Contacts.Activities(ctx, 1, nil))
		},
		"/v3/contact-accounts/1":        func(ctx context.Context, c *reply.Client) (any, error) { return c.Accounts.Get(ctx, 1) },
		"/v3/background-jobs/j":         func(ctx context.Context, c *reply.Client) (any, error) { return c.BackgroundJobs.Get(ctx, "j") },
		"/v3/email-accounts/1":          func(ctx context.Context, c *reply.Client) (any, error) { return c.EmailAccounts.Get(ctx, 1) },
		"/v3/email-templates/1":         func(ctx context.Context, c *reply.Client) (any, error) { return c.EmailTemplates.Get(ctx, 1) },
		"/v3/linkedin-accounts/pending": func(ctx context.Context, c *reply.Client) (any, error) { return c.LinkedInAccounts.Pending(ctx) },
		"/v3/sequences/1":               func(ctx context.Context, c *reply.Client) (any, error) { return c.Sequences.Get(ctx, 1) },
		"/v3/sequences/1/contacts/2": func(ctx context.Context, c *reply.Client) (any, error) {
			return c.SequenceContacts.Get(ctx, 1, 2)
		},
		"/v3/sequences/1/contacts/state": func(ctx context.Context, c *reply.Client) (any, error) {
			return reply.Collect(c.SequenceContacts.States(ctx, 1, nil))
		},
		"/v3/tasks/1":    func(ctx context.Context, c *reply.Client) (any, error) { return c.Tasks.Get(ctx, 1) },
		"/v3/webhooks/1": func(ctx context.Context, c *reply.Client) (any, error) { return c.Webhooks.Get(ctx, 1) },
		"/v3/webhooks/1/logs": func(ctx context.Context, c *reply.Client) (any, error) {
			return reply.Collect(c.Webhooks.Logs(ctx, 1, nil))
		},
		"/v3/sequence-folders/f/sequences": func(ctx context.Context, c *reply.Client) (any, error) {
			return reply.Collect(c.SequenceFolders.Sequences(ctx, "f", nil))
		},
	}
	base := time.Date(2026, 8, 19, 12, 33, 39, 0, time.UTC)
	forms := []struct {
		ts   string
		want time.Time
	}{
		{"2026-08-19T12:33:39", base},
		{"2026-08-19T12:33:39Z", base},
		{"2026-08-19T12:33:39+00:00", base},
		{"2026-08-19T14:33:39+02:00", base},
		{"2026-08-19T07:03:39-05:30", base},
		{"2026-08-19", time.Date(2026, 8, 19, 0, 0, 0, 0, time.UTC)},
	}
	// 1 to 7 fraction digits, without offset, with Z and with an offset.
	for digits := 1; digits <= 7; digits++ {
		frac := "1234567"[:digits]
		var ns int
		fmt.Sscan((frac + "000000000")[:9], &ns)
		want := base.Add(time.Duration(ns))
		for _, suffix := range []string{"", "Z", "+00:00"} {
			forms = append(forms, struct {
				ts   string
				want time.Time
			}{"2026-08-19T12:33:39." + frac + suffix, want})
		}
	}
	for _, form := range forms {
		t.Run(form.ts, func(t *testing.T) {
			t.Parallel()
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				body, ok := bodies[r.URL.Path]
				if !ok {
					http.NotFound(w, r)
					return
				}
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprint(w, strings.ReplaceAll(body, "TS", `"`+form.ts+`"`))
			})
			c, _ := mustHandlerClient(t, h)
			for path, get := range fetch {
				v, err := get(t.Context(), c)
				if err != nil {
					t.Errorf("%s: %v", path, err)
					continue
				}
				got := map[string]reply.Time{}
				timeFields(reflect.ValueOf(v), "", got)
				decoded := 0
				for field, ts := range got {
					if ts.IsZero() {
						continue
					}
					decoded++
					if !ts.Time.Equal(form.want) || ts.Location() != time.UTC {
						t.Errorf("%s %s = %v, want %v", path, field, ts.Time, form.want)
					}
				}
				if want := strings.Count(bodies[path], "TS"); decoded != want {
					t.Errorf("%s: %d timestamp fields decoded, want %d (%v)", path, decoded, want, got)
				}
			}
		})
	}
}
