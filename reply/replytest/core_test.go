package replytest_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/replykit/replykit/reply/replytest"
)

func TestUnauthorized(t *testing.T) {
	t.Parallel()
	s := newServer(t, replytest.WithKeys("good"))
	for _, key := range []string{"", "bad"} {
		r := doKey(t, s, key, "GET", "/v3/contacts", nil)
		wantStatus(t, r, http.StatusUnauthorized)
		if got := r.Header.Get("WWW-Authenticate"); got != "Bearer" {
			t.Errorf("WWW-Authenticate = %q", got)
		}
		if len(r.Body) != 0 {
			t.Errorf("401 body = %q, want empty", r.Body)
		}
	}
	wantStatus(t, doKey(t, s, "good", "GET", "/v3/contacts", nil), http.StatusOK)
}

func TestRouteErrors(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	tests := []struct {
		name, method, path string
		status             int
		body               any
		wantCode           string
		wantPointer        string
	}{
		{"unknown path", "GET", "/v3/nope", 404, nil, "", ""},
		{"bad method", "PUT", "/v3/contacts", 405, nil, "", ""},
		{"top too big", "GET", "/v3/contacts?top=1001", 400, nil, "contact.invalidPagination", ""},
		{"top zero", "GET", "/v3/contacts?top=0", 400, nil, "contact.invalidPagination", ""},
		{"negative skip", "GET", "/v3/contacts?skip=-1", 400, nil, "contact.invalidPagination", ""},
		{"bad id", "GET", "/v3/contacts/0", 400, nil, "", "id"},
		{"id too big", "GET", "/v3/contacts/2147483648", 400, nil, "", "id"},
		{"missing", "GET", "/v3/contacts/5", 404, nil, "contact.notFound", ""},
		{"bad json", "POST", "/v3/contacts", 400, "{", "", ""},
		{"empty body", "POST", "/v3/contacts", 400, nil, "", ""},
		{"bad email", "POST", "/v3/contacts", 400, map[string]any{"email": "nope"}, "", "/email"},
		{"wrong type", "POST", "/v3/contacts", 400, map[string]any{"email": 5}, "", "/email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, s, tt.method, tt.path, tt.body)
			wantStatus(t, r, tt.status)
			if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
				t.Errorf("Content-Type = %q", ct)
			}
			m := r.obj(t)
			if m["status"] != float64(tt.status) {
				t.Errorf("body status = %v", m["status"])
			}
			if code, _ := m["code"].(string); code != tt.wantCode {
				t.Errorf("code = %q, want %q", code, tt.wantCode)
			}
			if tt.wantPointer != "" {
				errs, _ := m["errors"].([]any)
				if len(errs) == 0 || errs[0].(map[string]any)["pointer"] != tt.wantPointer {
					t.Errorf("errors = %v, want pointer %q", m["errors"], tt.wantPointer)
				}
			}
		})
	}
}

func TestUnsupportedMediaType(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	req, _ := http.NewRequestWithContext(t.Context(), "POST", s.URL+"/v3/contacts", strings.NewReader("email=a@b.co"))
	req.Header.Set("Authorization", "Bearer "+s.Key)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := s.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnsupportedMediaType {
		t.Fatalf("status = %d, want 415", res.StatusCode)
	}
}

func TestRateLimits(t *testing.T) {
	t.Parallel()
	s := newServer(t, replytest.WithLimits(3, 5), replytest.WithClock(time.Date(2026, 1, 5, 9, 0, 20, 0, time.UTC)))
	for range 3 {
		wantStatus(t, do(t, s, "GET", "/v3/contacts", nil), 200)
	}
	r := do(t, s, "GET", "/v3/contacts", nil)
	wantStatus(t, r, http.StatusTooManyRequests)
	if got := r.Header.Get("Retry-After"); got != "40" {
		t.Errorf("Retry-After = %q, want 40", got)
	}
	if m := r.obj(t); m["code"] != nil || m["title"] != "Too Many Requests" {
		t.Errorf("429 body = %s", r.Body)
	}
	// 401s are not counted and do not see the limit.
	wantStatus(t, doKey(t, s, "", "GET", "/v3/contacts", nil), 401)
	// Another key has its own windows.
	wantStatus(t, doKey(t, s, "other", "GET", "/v3/contacts", nil), 200)

	s.Advance(40 * time.Second) // 09:01:00, new minute
	wantStatus(t, do(t, s, "GET", "/v3/contacts", nil), 200)
	wantStatus(t, do(t, s, "GET", "/v3/contacts/9", nil), 404) // 4xx counts
	r = do(t, s, "GET", "/v3/contacts", nil)
	wantStatus(t, r, 429) // hour window: 5 used
	if got := r.Header.Get("Retry-After"); got != "3540" {
		t.Errorf("Retry-After = %q, want 3540 (end of the hour)", got)
	}
	s.SetNow(time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC))
	wantStatus(t, do(t, s, "GET", "/v3/contacts", nil), 200)
}

func TestFaultsAndRequestLog(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	s.Fail("contacts.list", replytest.Fault{Status: 429, RetryAfter: time.Minute, Times: 2})
	s.Fail("contacts.get", replytest.Fault{Status: 503, Times: 1})
	for range 2 {
		r := do(t, s, "GET", "/v3/contacts", nil)
		wantStatus(t, r, 429)
		if r.Header.Get("Retry-After") != "60" {
			t.Errorf("Retry-After = %q", r.Header.Get("Retry-After"))
		}
	}
	wantStatus(t, do(t, s, "GET", "/v3/contacts", nil), 200)
	r := do(t, s, "GET", "/v3/contacts/1", nil)
	wantStatus(t, r, 503)
	if m := r.obj(t); m["code"] != "contacts.injectedFault" {
		t.Errorf("fault body = %s", r.Body)
	}
	wantStatus(t, do(t, s, "GET", "/v3/contacts/1", nil), 404)

	got := s.Requests()
	if len(got) != 5 {
		t.Fatalf("requests = %d, want 5: %+v", len(got), got)
	}
	want := []struct {
		op     string
		status int
	}{{"contacts.list", 429}, {"contacts.list", 429}, {"contacts.list", 200}, {"contacts.get", 503}, {"contacts.get", 404}}
	for i, w := range want {
		if got[i].Op != w.op || got[i].Status != w.status || got[i].Method != "GET" {
			t.Errorf("request %d = %+v, want %s %d", i, got[i], w.op, w.status)
		}
	}
	s.ResetRequests()
	if n := len(s.Requests()); n != 0 {
		t.Errorf("after ResetRequests: %d", n)
	}
}

func TestFaultDropAndTruncate(t *testing.T) {
	t.Parallel()
	s := newServer(t, replytest.WithSeed(replytest.SmallAccount))
	s.Fail("contacts.list", replytest.Fault{Drop: true, Times: 1})
	s.Fail("contacts.get", replytest.Fault{Truncate: true, Times: 1})
	req, _ := http.NewRequestWithContext(t.Context(), "GET", s.URL+"/v3/contacts", nil)
	req.Header.Set("Authorization", "Bearer "+s.Key)
	if res, err := s.HTTPClient().Do(req); err == nil {
		res.Body.Close()
		t.Fatalf("dropped request answered %d", res.StatusCode)
	}
	req, _ = http.NewRequestWithContext(t.Context(), "GET", s.URL+"/v3/contacts/1001", nil)
	req.Header.Set("Authorization", "Bearer "+s.Key)
	res, err := s.HTTPClient().Do(req)
	if err == nil {
		_, err = readAll(res)
	}
	if err == nil {
		t.Fatal("truncated body read without error")
	}
	wantStatus(t, do(t, s, "GET", "/v3/contacts/1001", nil), 200)
}

func TestClock(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	if !s.Now().Equal(replytest.DefaultStart) {
		t.Fatalf("Now = %v", s.Now())
	}
	clk := s.Clock()
	if err := clk.Sleep(t.Context(), 90*time.Second); err != nil {
		t.Fatal(err)
	}
	if got := clk.Now(); !got.Equal(replytest.DefaultStart.Add(90 * time.Second)) {
		t.Fatalf("after Sleep: %v", got)
	}
	s.Reset()
	if !s.Now().Equal(replytest.DefaultStart) {
		t.Fatalf("after Reset: %v", s.Now())
	}
}

func TestChaos(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	s.SetChaos(replytest.Chaos{Seed: 3, Rate429: 0.3, Rate5xx: 0.3})
	counts := map[int]int{}
	for range 60 {
		counts[do(t, s, "GET", "/v3/whoami", nil).Status]++
	}
	if counts[429] == 0 || counts[200] == 0 || counts[500]+counts[502]+counts[503] == 0 {
		t.Errorf("status counts = %v", counts)
	}
	s.SetChaos(replytest.Chaos{})
	for range 10 {
		wantStatus(t, do(t, s, "GET", "/v3/whoami", nil), 200)
	}
}

func TestStandaloneDefaults(t *testing.T) {
	t.Parallel()
	e := replytest.NewEmulator()
	t.Cleanup(e.Close)
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	get := func() *http.Response {
		req, _ := http.NewRequestWithContext(t.Context(), "GET", srv.URL+"/v3/whoami", nil)
		req.Header.Set("Authorization", "Bearer k")
		res, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	// Freeze the window well inside a minute so that 100 requests fit in it.
	e.SetNow(e.Now().Truncate(time.Minute))
	n := 0
	for get().StatusCode == 200 {
		n++
		if n > 200 {
			t.Fatal("no rate limit")
		}
	}
	if n != 100 {
		t.Errorf("standalone allowed %d requests in a minute, want about 100", n)
	}
}

func TestScopes(t *testing.T) {
	t.Parallel()
	s := newServer(t, replytest.WithScopes("limited", "contacts:write"), replytest.WithSeed(replytest.SmallAccount))
	tests := []struct {
		key, method, path string
		body              any
		status            int
		code              string
	}{
		{"limited", "GET", "/v3/contacts", nil, 200, ""},
		{"limited", "POST", "/v3/contacts", map[string]any{"email": "s@x.co"}, 201, ""},
		{"limited", "GET", "/v3/sequences", nil, 403, "sequence.forbidden"},
		{"limited", "GET", "/v3/tasks", nil, 403, "task.forbidden"},
		{"limited", "GET", "/v3/whoami", nil, 200, ""},
		{"other", "GET", "/v3/sequences", nil, 200, ""},
	}
	for _, tt := range tests {
		r := doKey(t, s, tt.key, tt.method, tt.path, tt.body)
		wantStatus(t, r, tt.status)
		if tt.code != "" {
			if m := r.obj(t); m["code"] != tt.code {
				t.Errorf("%s %s: code = %v", tt.method, tt.path, m["code"])
			}
		}
	}
}
