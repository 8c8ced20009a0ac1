package reply_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
)

// scripted answers the i-th request with answers[min(i, len-1)] and counts requests.
type scripted struct {
	n       atomic.Int32
	answers []answer
}

type answer struct {
	status int
	header map[string]string
	body   string
	drop   bool // close the connection without answering
	trunc  bool // announce a longer body than is sent
}

func (s *scripted) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	i := int(s.n.Add(1)) - 1
	a := s.answers[min(i, len(s.answers)-1)]
	if a.drop {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
		return
	}
	for k, v := range a.header {
		w.Header().Set(k, v)
	}
	if a.trunc {
		w.Header().Set("Content-Length", fmt.Sprint(len(a.body)*2))
	}
	if a.status == 0 {
		a.status = http.StatusOK
	}
	w.WriteHeader(a.status)
	fmt.Fprint(w, a.body)
}

var problemJSON = map[string]string{"Content-Type": "application/problem+json"}

const okList = `{"id": 7, "name": "Sales"}`

func TestErrorClassification(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		answer   answer
		call     func(ctx context.Context, c *reply.Client) error
		want     error
		code     string
		pointers []string
		requests int32 // requests sent (retries included), with WithMaxRetries(2)
	}{
		{
			name:   "401 empty body",
			answer: answer{status: 401, header: map[string]string{"WWW-Authenticate": "Bearer"}},
			want:   reply.ErrUnauthorized, requests: 1,
		},
		{
			name:   "401 with a body is not parsed",
			answer: answer{status: 401, header: problemJSON, body: `{"title":"Unauthorized","status":401,"detail":"secret detail","code":"x.y"}`},
			want:   reply.ErrUnauthorized, requests: 1,
		},
		{
			name:   "403 feature scope",
			answer: answer{status: 403, header: problemJSON, body: `{"title":"Forbidden","status":403,"detail":"Feature scopes [ViewProspect] are denied for userId 123.","code":"contactsList.forbidden"}`},
			want:   reply.ErrForbidden, code: "contactsList.forbidden", requests: 1,
		},
		{
			name:   "404",
			answer: answer{status: 404, header: problemJSON, body: `{"title":"Not Found","status":404,"detail":"List with ID 7 not found.","code":"contactsList.notFound"}`},
			want:   reply.ErrNotFound, code: "contactsList.notFound", requests: 1,
		},
		{
			name:   "route-level 404 bare",
			answer: answer{status: 404, header: problemJSON, body: `{"title":"Not Found","status":404}`},
			want:   reply.ErrNotFound, requests: 1,
		},
		{
			name:   "409",
			answer: answer{status: 409, header: problemJSON, body: `{"title":"Conflict","status":409,"detail":"dup","code":"contactsList.duplicateName"}`},
			want:   reply.ErrConflict, code: "contactsList.duplicateName", requests: 1,
		},
		{
			name: "validation 400 with pointers, extensions and /top",
			answer: answer{status: 400, header: problemJSON, body: `{"title":"Validation failed","status":400,"detail":"The request body contains validation errors.",
				"errors":[{"pointer":"/top","detail":"must be between 1 and 1000"},{"pointer":"/steps/0/subject","detail":"First email should have subject."},{"pointer":"","detail":"Request body is not valid JSON."}],"extensions":{}}`},
			want: reply.ErrValidation, pointers: []string{"/top", "/steps/0/subject", ""}, requests: 1,
		},
		{
			name: "validation 400 in the ASP.NET dictionary form",
			answer: answer{status: 400, header: problemJSON, body: `{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.",
				"status":400,"errors":{"top":["The field top must be between 1 and 1000."],"$.name":["Field is required.","Too short."]},"traceId":"00-1"}`},
			want: reply.ErrValidation, pointers: []string{"$.name", "$.name", "top"}, requests: 1,
		},
		{
			name:   "odd member types lose only themselves",
			answer: answer{status: 409, header: problemJSON, body: `{"title":{"x":1},"status":409,"detail":null,"code":"sequenceAction.archived","errors":null,"extensions":{}}`},
			want:   reply.ErrConflict, code: "sequenceAction.archived", requests: 1,
		},
		{
			name:   "business 400",
			answer: answer{status: 400, header: problemJSON, body: `{"title":"Bad Request","status":400,"detail":"Parameter 'top' must be between 1 and 1000","code":"contactsList.invalidPagination"}`},
			want:   reply.ErrBadRequest, code: "contactsList.invalidPagination", requests: 1,
		},
		{
			name:   "numeric code",
			answer: answer{status: 400, header: problemJSON, body: `{"title":"Bad Request","status":"400","detail":"x","code":5}`},
			want:   reply.ErrBadRequest, code: "5", requests: 1,
		},
		{
			name:   "422 like 400",
			answer: answer{status: 422, header: problemJSON, body: `{"title":"Unprocessable","status":422,"errors":[{"pointer":"/name","detail":"Field is required."}]}`},
			want:   reply.ErrValidation, pointers: []string{"/name"}, requests: 1,
		},
		{
			name:   "400 sequence.notFound on DELETE is not found",
			answer: answer{status: 400, header: problemJSON, body: `{"title":"Bad Request","status":400,"detail":"Sequence not found.","code":"sequence.notFound"}`},
			call:   func(ctx context.Context, c *reply.Client) error { return c.Sequences.Delete(ctx, 99) },
			want:   reply.ErrNotFound, code: "sequence.notFound", requests: 1,
		},
		{
			name:   "500 GET retried",
			answer: answer{status: 500, header: problemJSON, body: `{"title":"Internal","status":500}`},
			want:   reply.ErrServer, requests: 3,
		},
		{
			name:   "502 create POST not retried",
			answer: answer{status: 502, header: problemJSON, body: `{"title":"Bad Gateway","status":502}`},
			call: func(ctx context.Context, c *reply.Client) error {
				_, err := c.ContactLists.Create(ctx, reply.ContactListCreate{Name: "x"})
				return err
			},
			want: reply.ErrServer, requests: 1,
		},
		{
			name:   "503 filter POST retried",
			answer: answer{status: 503, header: problemJSON, body: `{"title":"Unavailable","status":503}`},
			call: func(ctx context.Context, c *reply.Client) error {
				_, err := c.Contacts.FilterPage(ctx, &reply.ContactFilter{SearchTerm: "a"})
				return err
			},
			want: reply.ErrServer, requests: 3,
		},
		{
			name:   "500 PATCH not retried",
			answer: answer{status: 500, header: problemJSON, body: `{"title":"Internal","status":500}`},
			call: func(ctx context.Context, c *reply.Client) error {
				s := "x"
				_, err := c.Contacts.Update(ctx, 1, reply.ContactUpdate{Title: &s})
				return err
			},
			want: reply.ErrServer, requests: 1,
		},
		{
			name:   "503 bulk B1 POST not retried",
			answer: answer{status: 503, header: problemJSON, body: `{"title":"Unavailable","status":503}`},
			call: func(ctx context.Context, c *reply.Client) error {
				_, err := c.ContactLists.AddContacts(ctx, 7, []int64{1, 2})
				return err
			},
			want: reply.ErrServer, requests: 1,
		},
		{
			name:   "500 on a sequence action POST not retried",
			answer: answer{status: 500, header: problemJSON, body: `{"title":"Internal","status":500}`},
			call: func(ctx context.Context, c *reply.Client) error {
				_, err := c.Sequences.Archive(ctx, 5)
				return err
			},
			want: reply.ErrServer, requests: 1,
		},
		{
			name:   "500 on a documented-idempotent POST (sequence start) retried",
			answer: answer{status: 500, header: problemJSON, body: `{"title":"Internal","status":500}`},
			call: func(ctx context.Context, c *reply.Client) error {
				_, err := c.Sequences.Start(ctx, 5)
				return err
			},
			want: reply.ErrServer, requests: 3,
		},
		{
			name:   "503 on webhook enable retried",
			answer: answer{status: 503, header: problemJSON, body: `{"title":"Unavailable","status":503}`},
			call:   func(ctx context.Context, c *reply.Client) error { return c.Webhooks.Enable(ctx, 5) },
			want:   reply.ErrServer, requests: 3,
		},
		{
			name:   "429 exhausts retries",
			answer: answer{status: 429, header: map[string]string{"Retry-After": "3", "Content-Type": "application/problem+json"}, body: `{"title":"Too Many Requests","status":429,"detail":"Rate limit exceeded. Retry after 3 seconds."}`},
			want:   reply.ErrRateLimited, requests: 3,
		},
		{
			name:   "plain text 502 from a proxy",
			answer: answer{status: 502, header: map[string]string{"Content-Type": "text/plain"}, body: "upstream connect error"},
			want:   reply.ErrServer, requests: 3,
		},
		{
			name:   "HTML 403 from a proxy",
			answer: answer{status: 403, header: map[string]string{"Content-Type": "text/html"}, body: "<html>denied</html>"},
			want:   reply.ErrForbidden, requests: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := &scripted{answers: []answer{tt.answer}}
			c, _ := mustHandlerClient(t, h, reply.WithMaxRetries(2))
			call := tt.call
			if call == nil {
				call = func(ctx context.Context, c *reply.Client) error {
					_, err := c.ContactLists.Get(ctx, 7)
					return err
				}
			}
			err := call(t.Context(), c)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error = %v, want %v", err, tt.want)
			}
			var e *reply.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not a *reply.Error", err)
			}
			if e.Code != tt.code {
				t.Errorf("Code = %q, want %q", e.Code, tt.code)
			}
			var ptrs []string
			for _, fe := range e.Errors {
				ptrs = append(ptrs, fe.Pointer)
			}
			if strings.Join(ptrs, "|") != strings.Join(tt.pointers, "|") || len(ptrs) != len(tt.pointers) {
				t.Errorf("pointers = %q, want %q", ptrs, tt.pointers)
			}
			if e.Status == 401 && e.Detail != "" {
				t.Errorf("401 body was parsed: %q", e.Detail)
			}
			if got := h.n.Load(); got != tt.requests {
				t.Errorf("requests = %d, want %d", got, tt.requests)
			}
			if s := c.Stats(); s.Requests != int(tt.requests) || s.Retries != int(tt.requests)-1 {
				t.Errorf("stats = %+v", s)
			}
		})
	}
}

func TestRetryThenSuccess(t *testing.T) {
	t.Parallel()
	json := map[string]string{"Content-Type": "application/json"}
	rateLimited := answer{status: 429, header: map[string]string{"Retry-After": "37", "Content-Type": "application/problem+json"},
		body: `{"title":"Too Many Requests","status":429,"detail":"Rate limit exceeded. Retry after 37 seconds."}`}
	tests := []struct {
		name     string
		answers  []answer
		create   bool // a non-idempotent POST instead of a GET
		wantErr  bool
		requests int32
		minWait  time.Duration
	}{
		{"429 then success (GET)", []answer{rateLimited, {header: json, body: okList}}, false, false, 2, 37 * time.Second},
		{"429 then success (create POST)", []answer{rateLimited, {status: 201, header: json, body: okList}}, true, false, 2, 37 * time.Second},
		{"two 429s then success", []answer{rateLimited, rateLimited, {header: json, body: okList}}, false, false, 3, 74 * time.Second},
		{"500 then success (GET)", []answer{{status: 500, header: problemJSON, body: `{"status":500}`}, {header: json, body: okList}}, false, false, 2, 0},
		{"connection drop then success (GET)", []answer{{drop: true}, {header: json, body: okList}}, false, false, 2, 0},
		{"connection drop on create POST is not retried", []answer{{drop: true}, {status: 201, header: json, body: okList}}, true, true, 1, 0},
		{"truncated body then success (GET)", []answer{{header: json, body: `{"id": 7, "name": "Sal`, trunc: true}, {header: json, body: okList}}, false, false, 2, 0},
		{"truncated JSON then success (GET)", []answer{{header: json, body: `{"id": 7, "name": "Sal`}, {header: json, body: okList}}, false, false, 2, 0},
		{"truncated body on create POST is not retried", []answer{{status: 201, header: json, body: `{"id": 7, "na`, trunc: true}, {status: 201, header: json, body: okList}}, true, true, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := &scripted{answers: tt.answers}
			c, clk := mustHandlerClient(t, h)
			start := clk.Now()
			var (
				l   reply.ContactList
				err error
			)
			if tt.create {
				l, err = c.ContactLists.Create(t.Context(), reply.ContactListCreate{Name: "Sales"})
			} else {
				l, err = c.ContactLists.Get(t.Context(), 7)
			}
			if (err != nil) != tt.wantErr {
				t.Fatalf("error = %v, wantErr %v", err, tt.wantErr)
			}
			if !tt.wantErr && (l.ID != 7 || l.Name != "Sales") {
				t.Errorf("got %+v", l)
			}
			if got := h.n.Load(); got != tt.requests {
				t.Errorf("requests = %d, want %d", got, tt.requests)
			}
			if waited := clk.Now().Sub(start); waited < tt.minWait {
				t.Errorf("waited %v on the clock, want >= %v", waited, tt.minWait)
			}
			if s := c.Stats(); s.Waited < tt.minWait {
				t.Errorf("Stats.Waited = %v, want >= %v", s.Waited, tt.minWait)
			}
		})
	}
}

// TestDroppedBulkPostNotRetried: a bulk call whose response was lost may have been processed (bulk calls are
// non-atomic, REFERENCE.md §1.12), so it is never sent again.
func TestDroppedBulkPostNotRetried(t *testing.T) {
	t.Parallel()
	h := &scripted{answers: []answer{{drop: true}, {header: map[string]string{"Content-Type": "application/json"}, body: `{}`}}}
	c, _ := mustHandlerClient(t, h)
	if _, err := c.Sequences.BulkStart(t.Context(), []int64{1, 2}); err == nil {
		t.Fatal("no error from a dropped bulk call")
	}
	if n := h.n.Load(); n != 1 {
		t.Errorf("requests = %d, want 1", n)
	}
}

// TestIdempotentPostRetriedAfterDrop: sequence start is documented idempotent (REFERENCE.md §1.14), so a lost
// response is retried, unlike other POSTs.
func TestIdempotentPostRetriedAfterDrop(t *testing.T) {
	t.Parallel()
	h := &scripted{answers: []answer{{drop: true}, {header: map[string]string{"Content-Type": "application/json"}, body: `{"id": 5, "status": "active"}`}}}
	c, _ := mustHandlerClient(t, h)
	seq, err := c.Sequences.Start(t.Context(), 5)
	if err != nil || seq.ID != 5 || seq.Status != "active" {
		t.Fatalf("Start = %+v, %v", seq, err)
	}
	if n := h.n.Load(); n != 2 {
		t.Errorf("requests = %d, want 2", n)
	}
}

func TestErrorBodyCapped(t *testing.T) {
	t.Parallel()
	big := `{"title":"x","status":500,"detail":"` + strings.Repeat("a", 1<<20) + `"}`
	h := &scripted{answers: []answer{{status: 500, header: problemJSON, body: big}}}
	c, _ := mustHandlerClient(t, h, reply.WithMaxRetries(0))
	_, err := c.ContactLists.Get(t.Context(), 1)
	if !errors.Is(err, reply.ErrServer) {
		t.Fatalf("error = %v", err)
	}
	if len(err.Error()) > 100<<10 {
		t.Errorf("error text is %d bytes: body not capped", len(err.Error()))
	}
}

func TestEmulatorFaults(t *testing.T) {
	t.Parallel()
	srv := mustServer(t)
	c := mustClient(t, srv)
	ctx := t.Context()
	list, err := c.ContactLists.Create(ctx, reply.ContactListCreate{Name: "Fault list"})
	if err != nil {
		t.Fatal(err)
	}

	// 429 with Retry-After, twice, then success: the emulator clock moves by the waits, nothing sleeps.
	srv.Fail("contactLists.get", replytest.Fault{Status: 429, RetryAfter: time.Minute, Times: 2})
	before, t0 := c.Stats(), srv.Now()
	got, err := c.ContactLists.Get(ctx, int64(list.ID))
	if err != nil || got.Name != "Fault list" {
		t.Fatalf("Get after 429s = %+v, %v", got, err)
	}
	d := c.Stats().Sub(before)
	if d.RateLimited != 2 || d.Retries != 2 || d.Requests != 3 {
		t.Errorf("stats after 429s = %+v", d)
	}
	if moved := srv.Now().Sub(t0); moved < 2*time.Minute {
		t.Errorf("emulator clock moved %v, want >= 2m", moved)
	}

	// 503 on a create is not retried.
	srv.Fail("contactLists.create", replytest.Fault{Status: 503, Times: 1})
	before = c.Stats()
	if _, err := c.ContactLists.Create(ctx, reply.ContactListCreate{Name: "Other"}); !errors.Is(err, reply.ErrServer) {
		t.Fatalf("create under 503 = %v", err)
	}
	if d := c.Stats().Sub(before); d.Requests != 1 {
		t.Errorf("create retried: %+v", d)
	}

	// A dropped GET is retried and succeeds.
	srv.Fail("contactLists.get", replytest.Fault{Drop: true, Times: 1})
	if _, err := c.ContactLists.Get(ctx, int64(list.ID)); err != nil {
		t.Fatalf("Get after a drop: %v", err)
	}

	// A truncated GET is retried and succeeds.
	srv.Fail("contactLists.get", replytest.Fault{Truncate: true, Times: 1})
	if _, err := c.ContactLists.Get(ctx, int64(list.ID)); err != nil {
		t.Fatalf("Get after a truncated body: %v", err)
	}

	// Not found from the emulator.
	if _, err := c.ContactLists.Get(ctx, 999999); !errors.Is(err, reply.ErrNotFound) {
		t.Errorf("missing list: %v", err)
	}
	// Deleting a missing sequence: 400 sequence.notFound is not found.
	if err := c.Sequences.Delete(ctx, 999999); !errors.Is(err, reply.ErrNotFound) {
		t.Errorf("delete missing sequence: %v", err)
	}
}

func TestUnauthorizedEmulator(t *testing.T) {
	t.Parallel()
	srv := mustServer(t, replytest.WithKeys("good-key"))
	c, err := reply.NewClient("bad-key", reply.WithBaseURL(srv.URL), reply.WithClock(srv.Clock()))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.WhoAmI.Get(t.Context())
	if !errors.Is(err, reply.ErrUnauthorized) {
		t.Fatalf("error = %v, want ErrUnauthorized", err)
	}
	if s := c.Stats(); s.Requests != 1 {
		t.Errorf("a 401 was retried: %+v", s)
	}
}

func TestContextCancelWhileRetrying(t *testing.T) {
	t.Parallel()
	h := &scripted{answers: []answer{{status: 429, header: map[string]string{"Retry-After": "5"}}}}
	ctx, cancel := context.WithCancel(t.Context())
	c, _ := mustHandlerClient(t, h, reply.WithClock(cancelClock{cancel}))
	_, err := c.ContactLists.Get(ctx, 1)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
}

// cancelClock cancels its context on the first Sleep, as if the user pressed Ctrl-C while waiting.
type cancelClock struct{ cancel context.CancelFunc }

func (cancelClock) Now() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
func (c cancelClock) Sleep(ctx context.Context, d time.Duration) error {
	c.cancel()
	return ctx.Err()
}

func TestDialFailureAtAnUnreachableBaseURL(t *testing.T) {
	t.Parallel()
	clk := newFakeClock()
	c, err := reply.NewClient(secretKey, reply.WithBaseURL("http://127.0.0.1:1"), reply.WithClock(clk),
		reply.WithRateLimits(0, 0), reply.WithMaxRetries(5))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ContactLists.Create(t.Context(), reply.ContactListCreate{Name: "x"})
	if err == nil || errors.Is(err, reply.ErrServer) {
		t.Fatalf("error = %v", err)
	}
	// Nothing ever answered at this URL: one retry, then the error, not half a minute of backoff.
	if s := c.Stats(); s.Requests != 2 || s.Retries != 1 {
		t.Errorf("stats = %+v, want 2 requests and 1 retry", s)
	}
}

func TestDialFailureRetriedForAnyMethodOnceReached(t *testing.T) {
	t.Parallel()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id": 1, "name": "x", "isShared": false}`))
	}))
	clk := newFakeClock()
	hc := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}} // every request dials
	c, err := reply.NewClient(secretKey, reply.WithBaseURL(ts.URL), reply.WithClock(clk), reply.WithHTTPClient(hc),
		reply.WithRateLimits(0, 0), reply.WithMaxRetries(2))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ContactLists.Get(t.Context(), 1); err != nil {
		t.Fatal(err)
	}
	ts.Close() // the server goes away after answering once: now a refused dial is worth retrying
	before := c.Stats()
	_, err = c.ContactLists.Create(t.Context(), reply.ContactListCreate{Name: "x"})
	if err == nil || errors.Is(err, reply.ErrServer) {
		t.Fatalf("error = %v", err)
	}
	if s := c.Stats().Sub(before); s.Requests != 3 || s.Retries != 2 {
		t.Errorf("a refused connection was not retried: %+v", s)
	}
}

func TestRetryDecodesIntoCleanValue(t *testing.T) {
	t.Parallel()
	jsonCT := map[string]string{"Content-Type": "application/json"}
	h := &scripted{answers: []answer{
		{header: jsonCT, body: `{"totalCount": 99, "hasMore": true, "items": [{"id": 1}, {"id": 2`},
		{header: jsonCT, body: `{"items": [{"id": 3}], "hasMore": false}`},
	}}
	c, _ := mustHandlerClient(t, h)
	pg, err := c.Contacts.FilterPage(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if pg.TotalCount != nil || pg.HasMore || len(pg.Items) != 1 || pg.Items[0].ID != 3 {
		t.Errorf("page after a retried truncated answer = %+v", pg)
	}
}

func TestListUnderChaos(t *testing.T) {
	t.Parallel()
	srv := mustServer(t)
	c := mustClient(t, srv)
	ctx := t.Context()
	items := make([]reply.ContactImportItem, 60)
	for i := range items {
		items[i] = reply.ContactImportItem{ContactCreate: reply.ContactCreate{Email: fmt.Sprintf("chaos%02d@example.com", i), FirstName: "C"}}
	}
	if r, err := c.Contacts.Import(ctx, items, nil); err != nil || r.Added != 60 {
		t.Fatalf("import = %+v, %v", r, err)
	}
	srv.SetChaos(replytest.Chaos{Seed: 7, Rate429: 0.08, Rate5xx: 0.08, RateDrop: 0.08, RateTruncate: 0.08})
	before := c.Stats()
	seen := map[reply.ID]bool{}
	for ct, err := range c.Contacts.List(ctx, &reply.ContactListOptions{Top: 3}) {
		if err != nil {
			t.Fatal(err)
		}
		if seen[ct.ID] {
			t.Fatalf("contact %d twice", ct.ID)
		}
		seen[ct.ID] = true
	}
	if len(seen) != 60 {
		t.Errorf("%d contacts, want 60", len(seen))
	}
	d := c.Stats().Sub(before)
	t.Logf("20 pages under chaos: %d requests, %d retries, %d 429s", d.Requests, d.Retries, d.RateLimited)
	if d.Requests != 20+d.Retries {
		t.Errorf("stats = %+v", d)
	}
}
