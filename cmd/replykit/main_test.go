package main

// Tests of package main live in package main (a command cannot be imported by an external _test package). They
// call execute, which takes the environment as a value, so nothing here calls os.Setenv.

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
)

// cliResult is the outcome of one command line.
type cliResult struct {
	code           int
	stdout, stderr string
}

// runCLI runs args with the environment vars (HOME is a fresh temporary directory unless given) and extra client
// options, and returns what it printed.
func runCLI(tb testing.TB, vars map[string]string, opts []reply.Option, args ...string) cliResult {
	tb.Helper()
	if _, ok := vars["HOME"]; !ok {
		vars["HOME"] = tb.TempDir()
	}
	e := env{Getenv: func(k string) string { return vars[k] }, ClientOptions: opts}
	var stdout, stderr bytes.Buffer
	code := execute(tb.Context(), e, args, &stdout, &stderr)
	return cliResult{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// newCLIServer starts an emulator with the small seeded account; keys, when given, are the only valid ones.
func newCLIServer(tb testing.TB, keys ...string) *replytest.Server {
	tb.Helper()
	opts := []replytest.Option{replytest.WithSeed(replytest.SmallAccount)}
	if len(keys) > 0 {
		opts = append(opts, replytest.WithKeys(keys...))
	}
	srv := replytest.NewServer(opts...)
	tb.Cleanup(srv.Close)
	return srv
}

// serverOptions are the client options to talk to srv without real waiting.
func serverOptions(srv *replytest.Server) []reply.Option {
	return []reply.Option{reply.WithHTTPClient(srv.HTTPClient()), reply.WithClock(srv.Clock())}
}

// noSleepClock is a reply.Clock whose Sleep returns at once: retries and backoff cost no time.
type noSleepClock struct{}

func (noSleepClock) Now() time.Time { return time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC) }
func (noSleepClock) Sleep(ctx context.Context, _ time.Duration) error {
	return ctx.Err()
}

// wantOneLineError checks an exit code of 1 and exactly one line on stderr containing want.
func wantOneLineError(tb testing.TB, r cliResult, want string) {
	tb.Helper()
	if r.code != 1 {
		tb.Errorf("exit code = %d, want 1 (stderr %q)", r.code, r.stderr)
	}
	if n := strings.Count(r.stderr, "\n"); n != 1 || !strings.HasSuffix(r.stderr, "\n") {
		tb.Errorf("stderr has %d lines, want exactly one: %q", n, r.stderr)
	}
	if !strings.Contains(r.stderr, want) {
		tb.Errorf("stderr = %q, want it to contain %q", r.stderr, want)
	}
}

func TestHelpForEveryCommand(t *testing.T) {
	t.Parallel()
	root := newRootCmd(newConfig(env{}, nil, nil))
	cmds := root.Commands()
	if len(cmds) < 5 {
		t.Fatalf("root has %d commands", len(cmds))
	}
	for _, c := range append(cmds, root) {
		name := c.Name()
		args := []string{name, "--help"}
		if c == root {
			args = []string{"--help"}
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := runCLI(t, map[string]string{}, nil, args...)
			if r.code != 0 {
				t.Fatalf("exit code %d, stderr %q", r.code, r.stderr)
			}
			if !strings.Contains(r.stdout, "Usage:") || !strings.Contains(r.stdout, "--log-level") {
				t.Errorf("help lacks usage or global flags:\n%s", r.stdout)
			}
			if c.Short == "" {
				t.Errorf("%s has no Short description", name)
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown command", []string{"frobnicate"}, "unknown command"},
		{"unknown flag", []string{"objects", "--frobnicate"}, "unknown flag"},
		{"bad log format", []string{"objects", "--log-format", "xml"}, "--log-format"},
		{"bad log level", []string{"objects", "--log-level", "loud"}, "--log-level"},
		{"negative rpm", []string{"objects", "--rpm", "-1"}, "--rpm"},
		{"describe needs a name", []string{"describe"}, "accepts 1 arg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantOneLineError(t, runCLI(t, map[string]string{}, nil, tt.args...), tt.want)
		})
	}
}
