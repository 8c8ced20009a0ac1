// Command replykit is the command-line interface of replykit: SQL, CSV, replication and sync over the Reply.io
// REST API v3.
//
// main builds a signal-cancelled context and calls run; everything else is built per run, so tests call run (or
// execute, with an injected environment) directly.
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/replykit/replykit/reply"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes the command line args with the process environment and standard input, and returns the exit
// code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return execute(ctx, env{Getenv: os.Getenv, Stdin: os.Stdin}, args, stdout, stderr)
}

// env is what a run takes from the process besides its arguments and output streams. Tests fill it in instead of
// calling os.Setenv.
type env struct {
	Getenv func(string) string // nil: no environment variables
	Stdin  io.Reader           // nil: empty input

	// ClientOptions are appended to every API client's options (tests: a clock that does not sleep).
	ClientOptions []reply.Option
}

// execute runs one command line and returns the exit code: 0 on success, 1 on any error. The error is printed
// once, on one line, to stderr, with the API key redacted.
func execute(ctx context.Context, e env, args []string, stdout, stderr io.Writer) int {
	cfg := newConfig(e, stdout, stderr)
	root := newRootCmd(cfg)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if e.Stdin != nil {
		root.SetIn(e.Stdin)
	}
	if err := root.ExecuteContext(ctx); err != nil {
		io.WriteString(stderr, "replykit: "+cfg.describeError(err)+"\n")
		return 1
	}
	return 0
}
