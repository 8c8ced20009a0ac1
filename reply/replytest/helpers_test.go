package replytest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/replykit/replykit/reply/replytest"
)

// resp is a decoded response.
type resp struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r resp) json(tb testing.TB, v any) {
	tb.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		tb.Fatalf("decode %s: %v", r.Body, err)
	}
}

func (r resp) obj(tb testing.TB) map[string]any {
	tb.Helper()
	var m map[string]any
	r.json(tb, &m)
	return m
}

func newServer(tb testing.TB, opts ...replytest.Option) *replytest.Server {
	tb.Helper()
	s := replytest.NewServer(opts...)
	tb.Cleanup(s.Close)
	return s
}

// do sends a request with the server key. body may be nil, a string (sent raw) or a value (sent as JSON).
func do(tb testing.TB, s *replytest.Server, method, path string, body any) resp {
	tb.Helper()
	return doKey(tb, s, s.Key, method, path, body)
}

func doKey(tb testing.TB, s *replytest.Server, key, method, path string, body any) resp {
	tb.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = bytes.NewReader([]byte(b))
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			tb.Fatal(err)
		}
		rd = bytes.NewReader(buf)
	}
	req, err := http.NewRequestWithContext(tb.Context(), method, s.URL+path, rd)
	if err != nil {
		tb.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := s.HTTPClient().Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return resp{Status: res.StatusCode, Header: res.Header, Body: b}
}

func wantStatus(tb testing.TB, r resp, status int) {
	tb.Helper()
	if r.Status != status {
		tb.Fatalf("status = %d, want %d; body %s", r.Status, status, r.Body)
	}
}

func readAll(res *http.Response) ([]byte, error) {
	defer res.Body.Close()
	return io.ReadAll(res.Body)
}
