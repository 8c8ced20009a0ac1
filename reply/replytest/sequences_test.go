package replytest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

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

func TestSequenceSmoke(t *testing.T) {
	srv := newSeqServer(t)
	id := mustSequence(t, srv, "Smoke", nil)
	r := seqCall(t, srv, "GET", "/v3/sequences/"+seqItoa(id), nil)
	seqWant(t, r, 200, "")
	t.Logf("%s", r.Body)
	r = seqCall(t, srv, "GET", "/v3/sequences", nil)
	t.Logf("%s", r.Body)
}

func seqItoa(n int64) string { b, _ := json.Marshal(n); return string(b) }
