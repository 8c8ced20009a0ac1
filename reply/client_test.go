package reply_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
)

const secretKey = "sk-live-DO-NOT-LEAK-7f3a9c"

// fakeClock is a clock whose Sleep advances its time at once.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return nil
}

// mustServer starts an emulator: unseeded (base fixtures only) unless opts seed it.
func mustServer(tb testing.TB, opts ...replytest.Option) *replytest.Server {
	tb.Helper()
	srv := replytest.NewServer(opts...)
	tb.Cleanup(srv.Close)
	return srv
}

// mustClient returns a client of srv on the emulator's clock, unpaced unless opts say otherwise.
func mustClient(tb testing.TB, srv *replytest.Server, opts ...reply.Option) *reply.Client {
	tb.Helper()
	base := []reply.Option{reply.WithBaseURL(srv.URL), reply.WithClock(srv.Clock()), reply.WithRateLimits(0, 0)}
	c, err := reply.NewClient(srv.Key, append(base, opts...)...)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// mustHandlerClient returns a client of a test handler, on a fake clock.
func mustHandlerClient(tb testing.TB, h http.Handler, opts ...reply.Option) (*reply.Client, *fakeClock) {
	tb.Helper()
	ts := httptest.NewServer(h)
	tb.Cleanup(ts.Close)
	clk := newFakeClock()
	base := []reply.Option{reply.WithBaseURL(ts.URL), reply.WithClock(clk), reply.WithRateLimits(0, 0)}
	c, err := reply.NewClient(secretKey, append(base, opts...)...)
	if err != nil {
		tb.Fatal(err)
	}
	return c, clk
}

func TestNewClientOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		key  string
		opts []reply.Option
		ok   bool
	}{
		{"defaults", "k", nil, true},
		{"empty key", "", nil, false},
		{"blank key", "  ", nil, false},
		{"bad base URL", "k", []reply.Option{reply.WithBaseURL("ftp://x")}, false},
		{"relative base URL", "k", []reply.Option{reply.WithBaseURL("/v3")}, false},
		{"nil http client", "k", []reply.Option{reply.WithHTTPClient(nil)}, false},
		{"negative limits", "k", []reply.Option{reply.WithRateLimits(-1, 0)}, false},
		{"negative retries", "k", []reply.Option{reply.WithMaxRetries(-1)}, false},
		{"bad user id", "k", []reply.Option{reply.WithUserID(0)}, false},
		{"bad user email", "k", []reply.Option{reply.WithUserEmail("nobody")}, false},
		{"bad team id", "k", []reply.Option{reply.WithTeamID(-5)}, false},
		{"nil pacer", "k", []reply.Option{reply.WithPacer(nil)}, false},
		{"nil clock", "k", []reply.Option{reply.WithClock(nil)}, false},
		{"nil logger", "k", []reply.Option{reply.WithLogger(nil)}, false},
		{"all good", "k", []reply.Option{reply.WithBaseURL("http://127.0.0.1:1/api"), reply.WithUserID(5),
			reply.WithUserEmail("a@b.c"), reply.WithTeamID(7), reply.WithRateLimits(10, 0), reply.WithMaxRetries(0)}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := reply.NewClient(tt.key, tt.opts...)
			if (err == nil) != tt.ok {
				t.Fatalf("NewClient error = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}

func TestHeaders(t *testing.T) {
	t.Parallel()
	var got http.Header
	var method string
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, method = r.Header.Clone(), r.Method
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id": 1, "name": "x"}`)
	})
	c, _ := mustHandlerClient(t, h, reply.WithUserID(42), reply.WithUserEmail("u@example.com"), reply.WithTeamID(7))
	if _, err := c.ContactLists.Create(t.Context(), reply.ContactListCreate{Name: "x"}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Authorization": "Bearer " + secretKey,
		"Accept":        "application/json",
		"Content-Type":  "application/json",
		"X-User-Id":     "42",
		"X-User-Email":  "u@example.com",
		"X-Team-Id":     "7",
	}
	if method != http.MethodPost {
		t.Errorf("method = %s", method)
	}
	for k, v := range want {
		if got.Get(k) != v {
			t.Errorf("header %s = %q, want %q", k, got.Get(k), v)
		}
	}
	// A GET carries no Content-Type.
	if _, err := c.ContactLists.Get(t.Context(), 1); err != nil {
		t.Fatal(err)
	}
	if ct := got.Get("Content-Type"); ct != "" {
		t.Errorf("GET Content-Type = %q, want none", ct)
	}
}

func TestKeyNeverLeaks(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	// The server echoes the Authorization header into its error bodies, the worst case.
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		switch {
		case strings.HasSuffix(r.URL.Path, "/401"):
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, auth)
		case strings.HasSuffix(r.URL.Path, "/422"):
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusUnprocessableEntity)
			fmt.Fprintf(w, `{"title":"%[1]s","status":422,"code":"%[1]s","errors":[{"pointer":"/%[1]s","detail":"%[1]s"}]}`, auth)
		case strings.HasSuffix(r.URL.Path, "/500"):
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprintf(w, `{"title":"boom","status":500,"detail":"token %s rejected"}`, auth)
		default:
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, "bad key "+auth)
		}
	})
	c, _ := mustHandlerClient(t, h, reply.WithLogger(log), reply.WithMaxRetries(1))
	var texts []string
	for _, id := range []string{"401", "422", "500", "400"} {
		_, err := c.SequenceFolders.Get(t.Context(), id)
		if err == nil {
			t.Fatalf("%s: no error", id)
		}
		texts = append(texts, err.Error(), fmt.Sprintf("%v %+v %#v", err, err, err))
	}
	// A connection failure.
	dead, err := reply.NewClient(secretKey, reply.WithBaseURL("http://127.0.0.1:1"), reply.WithLogger(log),
		reply.WithMaxRetries(0), reply.WithRateLimits(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dead.WhoAmI.Get(t.Context()); err == nil {
		t.Fatal("no error from a closed port")
	} else {
		texts = append(texts, err.Error(), fmt.Sprintf("%+v", err))
	}
	texts = append(texts, fmt.Sprintf("%v|%+v|%#v|%s", c, c, c, c), fmt.Sprint(*c.Pacer()), logs.String(),
		// The dereferenced struct bypasses Client.Format; so do services and options.
		fmt.Sprintf("%+v|%#v", reflect.ValueOf(c).Elem(), reflect.ValueOf(c).Elem()),
		fmt.Sprintf("%+v|%#v|%+v", c.Contacts, c.DomainBlacklistRules, reflect.ValueOf(c.Contacts).Elem()),
		fmt.Sprintf("%#v|%+v", reply.WithBaseURL("http://127.0.0.1:9"), []reply.Option{reply.WithUserID(1)}))
	for _, s := range texts {
		if strings.Contains(s, secretKey) || strings.Contains(s, "DO-NOT-LEAK") {
			t.Errorf("API key leaked: %s", s)
		}
	}
	if !strings.Contains(logs.String(), "reply request") {
		t.Errorf("no request logged: %q", logs.String())
	}
}

func TestStats(t *testing.T) {
	t.Parallel()
	srv := mustServer(t)
	c := mustClient(t, srv)
	ctx := t.Context()
	for i := range 3 {
		if _, err := c.Contacts.Create(ctx, reply.ContactCreate{Email: fmt.Sprintf("stats%d@example.com", i)}); err != nil {
			t.Fatal(err)
		}
	}
	before := c.Stats()
	contacts, err := reply.Collect(c.Contacts.List(ctx, &reply.ContactListOptions{Limit: 3}))
	if err != nil {
		t.Fatal(err)
	}
	for _, ct := range contacts {
		if _, err := c.Contacts.Get(ctx, int64(ct.ID)); err != nil {
			t.Fatal(err)
		}
	}
	d := c.Stats().Sub(before)
	if d.Requests != 4 || d.ByEndpoint["GET /v3/contacts"] != 1 || d.ByEndpoint["GET /v3/contacts/{id}"] != 3 {
		t.Errorf("stats delta = %+v", d)
	}
	if d.Retries != 0 || d.RateLimited != 0 {
		t.Errorf("unexpected retries: %+v", d)
	}
}

// TestStatsConcurrent: one client used by many goroutines (run with -race) counts every request, retry and 429
// exactly once.
func TestStatsConcurrent(t *testing.T) {
	t.Parallel()
	var n, limited atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1)%5 == 0 {
			limited.Add(1)
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		if strings.HasPrefix(r.URL.Path, "/v3/contact-lists/") {
			fmt.Fprint(w, `{"id": 7, "name": "Sales"}`)
		} else {
			fmt.Fprint(w, `{"id": 1, "email": "a@b.c"}`)
		}
	})
	c, _ := mustHandlerClient(t, h, reply.WithRateLimits(1000, 0), reply.WithMaxRetries(20))
	const workers, calls = 8, 25
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range calls {
				var err error
				if w%2 == 0 {
					_, err = c.ContactLists.Get(t.Context(), 7)
				} else {
					_, err = c.Contacts.Get(t.Context(), 1)
				}
				if err != nil {
					t.Error(err)
					return
				}
				_ = c.Stats() // snapshots race with updates
			}
		}()
	}
	wg.Wait()
	s := c.Stats()
	sum := 0
	for _, v := range s.ByEndpoint {
		sum += v
	}
	if s.Requests != int(n.Load()) || sum != s.Requests || s.RateLimited != int(limited.Load()) || s.Retries != s.RateLimited ||
		s.Requests != workers*calls+s.Retries {
		t.Errorf("stats = %+v; server saw %d requests, %d of them 429", s, n.Load(), limited.Load())
	}
	if s.ByEndpoint["GET /v3/contact-lists/{id}"] < workers/2*calls || s.ByEndpoint["GET /v3/contacts/{id}"] < workers/2*calls {
		t.Errorf("by endpoint = %v", s.ByEndpoint)
	}
	if s.Waited < time.Duration(s.RateLimited)*time.Second {
		t.Errorf("Waited = %v for %d Retry-After: 1", s.Waited, s.RateLimited)
	}
}

func TestResolveLocation(t *testing.T) {
	t.Parallel()
	tests := []struct{ base, loc, want string }{
		{"http://127.0.0.1:9", "v3/background-jobs/abc", "http://127.0.0.1:9/v3/background-jobs/abc"},
		{"http://127.0.0.1:9/", "/v3/background-jobs/abc", "http://127.0.0.1:9/v3/background-jobs/abc"},
		{"http://127.0.0.1:9/api", "v3/background-jobs/abc", "http://127.0.0.1:9/api/v3/background-jobs/abc"},
		{"http://127.0.0.1:9", "https://api.reply.io/v3/background-jobs/x", "https://api.reply.io/v3/background-jobs/x"},
	}
	for _, tt := range tests {
		c, err := reply.NewClient("k", reply.WithBaseURL(tt.base))
		if err != nil {
			t.Fatal(err)
		}
		if got := c.ResolveLocation(tt.loc); got != tt.want {
			t.Errorf("ResolveLocation(%q) on %s = %q, want %q", tt.loc, tt.base, got, tt.want)
		}
		if got := reply.JobFromLocation(tt.loc); got == "" {
			t.Errorf("JobFromLocation(%q) empty", tt.loc)
		}
	}
}

var _ = errors.Is
