package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/replykit/replykit/reply/replytest"
)

// emulatorOptions are the flags of replykit emulator.
type emulatorOptions struct {
	addr           string
	key            string
	seed           int64
	contacts       int
	accounts       int
	sequences      int
	enrolments     int
	rpm, rph       int
	insecureListen bool
}

func newEmulatorCmd(cfg *Config) *cobra.Command {
	var o emulatorOptions
	cmd := &cobra.Command{
		Use:   "emulator",
		Short: "Serve the Reply API v3 emulator on a local address",
		Long: `emulator serves an in-memory emulation of the Reply API v3 (package reply/replytest) with seeded data,
real paging and rate limits, until interrupted. It first prints two lines you can eval:

  REPLY_BASE_URL=http://127.0.0.1:8089
  REPLY_API_KEY=replykit-emulator      (any non-empty key is accepted unless --key)

then logs one line per request on stderr. The emulator's controls (reset, clock, faults, limits, quirks, seed,
events) are served without authentication under /_emulator/ (docs/emulator.md). It listens on loopback
addresses only, unless --insecure-listen.`,
		Example: `  eval "$(replykit emulator --contacts 1000 | head -2)"   # in one shell, then in another:
  replykit emulator --addr 127.0.0.1:8089 --seed 1 --contacts 100000 --rpm 0 --rph 0`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runEmulator(cmd, cfg, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.addr, "addr", "127.0.0.1:8089", "listen address (port 0 picks a free port)")
	f.StringVar(&o.key, "key", "", "the only API key the emulator accepts (default: any non-empty key)")
	f.Int64Var(&o.seed, "seed", 1, "seed of the generated data (same seed, same data)")
	f.IntVar(&o.contacts, "contacts", 1000, "contacts to generate")
	f.IntVar(&o.accounts, "accounts", -1, "accounts to generate (-1: contacts/20, at least 4)")
	f.IntVar(&o.sequences, "sequences", 20, "sequences to generate")
	f.IntVar(&o.enrolments, "enrolments", -1, "contacts enrolled per sequence (-1: min(contacts, 200))")
	// These shadow the global client --rpm/--rph: here they are the emulator's limits.
	f.IntVar(&o.rpm, "rpm", 100, "emulator rate limit per minute (0 = no limit)")
	f.IntVar(&o.rph, "rph", 3000, "emulator rate limit per hour (0 = no limit)")
	f.BoolVar(&o.insecureListen, "insecure-listen", false, "allow listening on non-loopback addresses")
	return cmd
}

// emulatorSeed sizes the generated data from the flags.
func emulatorSeed(o emulatorOptions) replytest.Seed {
	accounts := o.accounts
	if accounts < 0 {
		accounts = max(4, o.contacts/20)
	}
	enrol := o.enrolments
	if enrol < 0 {
		enrol = min(o.contacts, 200)
	}
	return replytest.Seed{
		Seed: o.seed, Contacts: o.contacts, Accounts: accounts, ContactLists: 10, CustomFields: 5,
		BlacklistRules: 5, EmailAccounts: 5, LinkedInAccounts: 3, EmailTemplates: 20, Schedules: 2,
		HolidayCalendars: 2, Tasks: max(5, o.contacts/50), Webhooks: 2, Sequences: o.sequences,
		SequenceFolders: 4, Enrolments: enrol,
	}
}

// checkLoopback refuses listen addresses that are not on a loopback interface.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("--addr %q is not a loopback address; the emulator has no real authentication (use --insecure-listen to allow it)", addr)
}

func runEmulator(cmd *cobra.Command, cfg *Config, o emulatorOptions) error {
	ctx := cmd.Context()
	if !o.insecureListen {
		if err := checkLoopback(o.addr); err != nil {
			return err
		}
	}
	if o.contacts < 0 || o.sequences < 0 || o.rpm < 0 || o.rph < 0 {
		return errors.New("--contacts, --sequences, --rpm and --rph must not be negative")
	}
	log := cfg.Logger()
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", o.addr)
	if err != nil {
		return err
	}
	defer ln.Close()

	start := time.Now()
	opts := []replytest.Option{replytest.WithSeed(emulatorSeed(o)), replytest.WithLimits(o.rpm, o.rph),
		replytest.WithRealClock()}
	key := o.key
	if key != "" {
		opts = append(opts, replytest.WithKeys(key))
	} else {
		key = "replykit-emulator" // any non-empty key is accepted
	}
	e := replytest.NewEmulator(opts...)
	defer e.Close()

	out := cmd.OutOrStdout()
	fmt.Fprintf(out, "REPLY_BASE_URL=http://%s\n", ln.Addr())
	fmt.Fprintf(out, "REPLY_API_KEY=%s\n", key)
	log.Info("emulator listening", "addr", ln.Addr().String(), "seed", o.seed, "contacts", o.contacts,
		"per_minute", o.rpm, "per_hour", o.rph, "seeded_in", time.Since(start).Round(time.Millisecond))

	srv := &http.Server{
		Handler:           logRequests(e, log),
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	<-served
	log.Info("emulator stopped")
	return err
}

// statusWriter records the status of a response. Unwrap lets http.ResponseController reach the connection
// (the emulator hijacks it to emulate dropped connections).
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests logs one line per request.
func logRequests(h http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			log.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.String("query", r.URL.RawQuery),
				slog.Int("status", sw.status), slog.Duration("elapsed", time.Since(start)))
		}()
		h.ServeHTTP(sw, r)
	})
}
