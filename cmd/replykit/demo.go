package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
)

// demoSeed is the emulator data of the demo: enough rows to page, small enough to finish in seconds.
func demoSeed() replytest.Seed {
	return replytest.Seed{
		Seed: 1, Contacts: 250, Accounts: 12, ContactLists: 4, CustomFields: 3, BlacklistRules: 2, EmailAccounts: 3,
		LinkedInAccounts: 2, EmailTemplates: 6, Schedules: 1, HolidayCalendars: 1, Tasks: 8, Webhooks: 2,
		Sequences: 4, SequenceFolders: 2, Enrolments: 10,
	}
}

// demo is the state shared by the demo's steps.
type demo struct {
	srv    *replytest.Server
	client *reply.Client
	out    io.Writer
	log    *slog.Logger
	rows   int    // sample rows printed per object
	dbFile string // the SQLite file the demo replicates into
}

// demoStep is one part of the demo. Add a step (e.g. replicating into SQLite) by appending to demoSteps.
type demoStep struct {
	name string
	run  func(ctx context.Context, d *demo) error
}

// demoSteps lists the demo's steps in order.
func demoSteps() []demoStep {
	return []demoStep{
		{"objects", demoObjects},
		{"replicate", demoReplicate},
	}
}

func newDemoCmd(cfg *Config) *cobra.Command {
	var rows int
	var dbFile string
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Run replykit against an in-process emulator: every object, then a replication into SQLite",
		Long: `demo starts the Reply API emulator in-process with a small seeded account (no API key, no network), then
lists every object through the catalog (its row count, the API calls that took, and a few rows), replicates
every object into a SQLite file (--db, recreated on each run), runs a few SQL queries over it, changes the
account through the API (one contact created, one renamed, one deleted) and replicates again incrementally,
showing what that second run cost. It finishes in seconds; open the file afterwards with any SQLite client.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDemo(cmd.Context(), cfg, cmd.OutOrStdout(), rows, dbFile)
		},
	}
	cmd.Flags().IntVar(&rows, "rows", 3, "sample rows to print per object")
	cmd.Flags().StringVar(&dbFile, "db", "replykit-demo.db", "SQLite file to replicate into (deleted and recreated on each run)")
	return cmd
}

func runDemo(ctx context.Context, cfg *Config, out io.Writer, rows int, dbFile string) error {
	seed := demoSeed()
	srv := replytest.NewServer(replytest.WithSeed(seed))
	defer srv.Close()
	c, err := cfg.newReplyClient(srv.Key, srv.URL, reply.WithHTTPClient(srv.HTTPClient()), reply.WithRateLimits(0, 0))
	if err != nil {
		return err
	}
	d := &demo{srv: srv, client: c, out: out, log: cfg.Logger(), rows: rows, dbFile: dbFile}
	fmt.Fprintf(out, "replykit demo: an in-process Reply API emulator at %s (seed %d, %d contacts)\n",
		srv.URL, seed.Seed, seed.Contacts)
	start := time.Now()
	for _, s := range demoSteps() {
		if err := s.run(ctx, d); err != nil {
			return fmt.Errorf("demo %s: %w", s.name, err)
		}
	}
	st := c.Stats()
	fmt.Fprintf(out, "\ndone in %s: %d API calls\n", time.Since(start).Round(time.Millisecond), st.Requests)
	return nil
}

// demoObjects prints every catalog object with its row count, the API calls the listing took and a few rows.
func demoObjects(ctx context.Context, d *demo) error {
	for _, t := range catalog.All() {
		cols := demoColumns(t, 5)
		before := d.client.Stats()
		n := 0
		var sample []catalog.Row
		var listErr error
		for r, err := range t.List(ctx, d.client, catalog.Query{Columns: cols}) {
			if err != nil {
				listErr = err
				break
			}
			if len(sample) < d.rows {
				sample = append(sample, r)
			}
			n++
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		calls := d.client.Stats().Sub(before).Requests
		fmt.Fprintf(d.out, "\n%s: %d rows (%d API %s)\n", t.Name, n, calls, demoPlural(calls, "call", "calls"))
		if listErr != nil {
			fmt.Fprintf(d.out, "  error: %s\n", strings.Join(strings.Fields(listErr.Error()), " "))
			continue
		}
		if len(sample) == 0 {
			continue
		}
		w := tabwriter.NewWriter(d.out, 0, 4, 2, ' ', 0)
		fmt.Fprintf(w, "  %s\n", strings.Join(cols, "\t"))
		for _, r := range sample {
			vals := make([]string, len(cols))
			for i, c := range cols {
				vals[i] = demoValue(r[c])
			}
			fmt.Fprintf(w, "  %s\n", strings.Join(vals, "\t"))
		}
		if err := w.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// demoColumns picks up to n columns of t to show: the key first, then scalar columns a list call returns.
func demoColumns(t *catalog.Table, n int) []string {
	cols := append([]string(nil), t.Key...)
	for _, c := range t.Columns {
		if len(cols) >= n {
			break
		}
		if c.Type == catalog.JSON || c.DetailOnly || c.WriteOnly || demoContains(cols, c.Name) {
			continue
		}
		cols = append(cols, c.Name)
	}
	return cols
}

func demoContains(ss []string, s string) bool {
	for _, x := range ss {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// demoValue formats a row value for the sample table, cut to 28 characters.
func demoValue(v any) string {
	var s string
	switch v := v.(type) {
	case nil:
		s = "NULL"
	case time.Time:
		s = v.UTC().Format(time.RFC3339)
	case json.RawMessage:
		s = string(v)
	default:
		s = fmt.Sprint(v)
	}
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 28 {
		s = string([]rune(s)[:27]) + "…"
	}
	return s
}

func demoPlural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
