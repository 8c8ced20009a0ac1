package main

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/replykit/replykit/reply"
)

func TestWhoami(t *testing.T) {
	t.Parallel()
	srv := newCLIServer(t)
	r := runCLI(t, map[string]string{"REPLY_API_KEY": srv.Key, "REPLY_BASE_URL": srv.URL}, serverOptions(srv), "whoami")
	if r.code != 0 {
		t.Fatalf("exit code %d, stderr %q", r.code, r.stderr)
	}
	for _, want := range []string{"Alex Morgan", "1234", "100", srv.URL} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout+r.stderr, srv.Key) {
		t.Error("output contains the API key")
	}
}

func TestWhoamiErrors(t *testing.T) {
	t.Parallel()
	const secret = "wrong-secret-key-0123456789"
	srv := newCLIServer(t, "the-right-key")

	// A closed port: nothing listens there.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()

	tests := []struct {
		name string
		vars map[string]string
		opts []reply.Option
		want string
	}{
		{"wrong key", map[string]string{"REPLY_API_KEY": secret, "REPLY_BASE_URL": srv.URL}, serverOptions(srv),
			"the API key was rejected (401)"},
		{"unreachable base URL", map[string]string{"REPLY_API_KEY": secret, "REPLY_BASE_URL": closed},
			[]reply.Option{reply.WithClock(noSleepClock{})}, "cannot reach the Reply API at " + closed},
		{"no key", map[string]string{"REPLY_BASE_URL": srv.URL}, nil, "no API key"},
		{"bad base URL", map[string]string{"REPLY_API_KEY": secret, "REPLY_BASE_URL": "ftp://x"}, nil, "base URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runCLI(t, tt.vars, tt.opts, "whoami", "--log-level", "error")
			wantOneLineError(t, r, tt.want)
			if strings.Contains(r.stdout+r.stderr, secret) {
				t.Errorf("output contains the API key: %q", r.stderr)
			}
		})
	}
}

func TestConfigPrecedence(t *testing.T) {
	t.Parallel()
	const good = "the-good-key-42"
	srv := newCLIServer(t, good)
	dir := t.TempDir()
	write := func(name, content string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	goodFile := write("good.key", good+"\n")
	badFile := write("bad.key", "bad-file-key-1\n")
	cfgGood := write("good.json", `{"apiKey": "`+good+`", "baseUrl": "`+srv.URL+`", "rpm": 0, "rph": 0}`)
	cfgBad := write("bad.json", `{"apiKey": "bad-config-key", "baseUrl": "http://127.0.0.1:1"}`)
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, ".config", "replykit"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, ".config", "replykit", "config.json"),
		[]byte(`{"apiKey": "`+good+`", "baseUrl": "`+srv.URL+`"}`), 0o600); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name   string
		vars   map[string]string
		args   []string
		wantOK bool
	}{
		{"config file alone", map[string]string{}, []string{"--config", cfgGood}, true},
		{"default config file in HOME", map[string]string{"HOME": home}, nil, true},
		{"env key beats config file", map[string]string{"REPLY_API_KEY": "bad-env-key"}, []string{"--config", cfgGood}, false},
		{"env beats config file", map[string]string{"REPLY_API_KEY": good, "REPLY_BASE_URL": srv.URL}, []string{"--config", cfgBad}, true},
		{"key file beats env", map[string]string{"REPLY_API_KEY": "bad-env-key", "REPLY_BASE_URL": srv.URL}, []string{"--api-key-file", goodFile}, true},
		{"key file beats env (bad file)", map[string]string{"REPLY_API_KEY": good, "REPLY_BASE_URL": srv.URL}, []string{"--api-key-file", badFile}, false},
		{"--base-url beats env", map[string]string{"REPLY_API_KEY": good, "REPLY_BASE_URL": "http://127.0.0.1:1"}, []string{"--base-url", srv.URL}, true},
		{"--base-url beats config", map[string]string{}, []string{"--config", cfgBad, "--base-url", srv.URL, "--api-key-file", goodFile}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			opts := append(serverOptions(srv), reply.WithMaxRetries(0))
			r := runCLI(t, tt.vars, opts, append([]string{"whoami", "--log-level", "error"}, tt.args...)...)
			if got := r.code == 0; got != tt.wantOK {
				t.Errorf("ok = %v, want %v (stderr %q)", got, tt.wantOK, r.stderr)
			}
		})
	}
}

func TestConfigFileErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	const secret = "secret-in-a-broken-file"
	broken := filepath.Join(dir, "broken.json")
	if err := os.WriteFile(broken, []byte(`{"apiKey": "`+secret+`",`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing explicit config", []string{"--config", filepath.Join(dir, "nope.json")}, "reading config file"},
		{"broken config", []string{"--config", broken}, "not valid JSON"},
		{"missing key file", []string{"--api-key-file", filepath.Join(dir, "nope.key")}, "--api-key-file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runCLI(t, map[string]string{}, nil, append([]string{"whoami"}, tt.args...)...)
			wantOneLineError(t, r, tt.want)
			if strings.Contains(r.stderr, secret) {
				t.Errorf("stderr contains the key: %q", r.stderr)
			}
		})
	}
}
