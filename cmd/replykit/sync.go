package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/replykit/replykit/bisync"
	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
)

type syncFlags struct {
	to       string
	objects  []string
	conflict string
	dryRun   bool
	prefix   string
}

func newSyncCmd(cfg *Config) *cobra.Command {
	var f syncFlags
	cmd := &cobra.Command{
		Use:   "sync [--to DSN] [--objects Accounts,Contacts,Sequences,Webhooks] [--conflict reply|db|newest] [--dry-run]",
		Short: "Synchronize Accounts, Contacts, Sequences and Webhooks both ways between Reply and a database",
		Long: `Sync keeps one table per object in a database in sync with Reply, both ways. The first run pulls every row
(the tables replicate would create) and stores a base hash per row in _replykit_sync. Later runs pull what changed
in Reply, and push what changed in the table since the base: a row with a NULL Id (SQLite) or an Id unknown to
Reply and without a base is created in Reply and gets its new Id; a changed row is updated (its writable columns
that differ from Reply); a deleted row (or one whose _deleted_at is set) is deleted in Reply. A row changed on
both sides is a conflict, resolved by --conflict: reply (default), db, or newest (Contacts.LastModifiedAt,
Accounts.LastActivityDate in Reply against the table's value; reply wins for objects without one).

A failed API write leaves its row and base as they were: the next run retries it. A create is first recorded in
_replykit_sync_pending; a run interrupted after the create and before the new Id is written back is resumed by the
next run, which finds the object in Reply by its natural key and adopts its Id instead of creating it again. The exit code is 1 when any
row failed. --dry-run lists what would be done and writes nothing on either side.

  replykit sync                                            # all four objects, ./replykit-sync.db
  replykit sync --to postgres://user@host/db --objects Contacts --conflict db
  replykit sync --dry-run`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runSync(cmd.Context(), cmd, cfg, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.to, "to", "replykit-sync.db", "database: SQLite file, postgres://... or mysql://user:pass@host:port/db")
	fl.StringSliceVar(&f.objects, "objects", nil, "objects to sync: Accounts, Contacts, Sequences, Webhooks (default: all four)")
	fl.StringVar(&f.conflict, "conflict", "reply", "a row changed on both sides: reply, db or newest wins")
	fl.BoolVar(&f.dryRun, "dry-run", false, "say what would be done, write nothing")
	fl.StringVar(&f.prefix, "prefix", "", "prefix for every table name (the _replykit_sync table included)")
	return cmd
}

func runSync(ctx context.Context, cmd *cobra.Command, cfg *Config, f syncFlags) error {
	policy, err := bisync.ParsePolicy(f.conflict)
	if err != nil {
		return fmt.Errorf("--conflict: %w", err)
	}
	tables, err := bisync.Tables(f.objects)
	if err != nil {
		return fmt.Errorf("--objects: %w", err)
	}
	client, err := cfg.Client(ctx)
	if err != nil {
		return err
	}
	if f.to == "" {
		f.to = "replykit-sync.db"
	}
	db, d, err := openDest(ctx, f.to)
	if err != nil {
		return err
	}
	defer db.Close()
	s := bisync.New(client, d, db, bisync.WithPolicy(policy), bisync.WithDryRun(f.dryRun),
		bisync.WithPrefix(f.prefix), bisync.WithLogger(cfg.Logger()))
	sum, runErr := s.Run(ctx, tables)
	writeSyncSummary(cmd.OutOrStdout(), sum)
	if runErr != nil {
		if errors.Is(runErr, dest.ErrLocked) {
			return fmt.Errorf("another replykit run holds the lock on %s (nothing was written; run again when it ends)", redactDSN(f.to))
		}
		var pe *catalog.PartialError
		if errors.As(runErr, &pe) && pe.Err == nil {
			return fmt.Errorf("%d row(s) failed (left as they were; the next run retries them): %v", len(pe.Failed), pe.Failed[0].Err)
		}
		return runErr
	}
	return nil
}

// writeSyncSummary prints one line per push, conflict and failure (every action on a dry run), then the table.
func writeSyncSummary(w io.Writer, sum bisync.Summary) {
	for _, r := range sum.Rows {
		pull := strings.HasPrefix(r.Action, "pull")
		if pull && !sum.DryRun && r.Conflict == "" && r.Err == nil {
			continue
		}
		line := fmt.Sprintf("%s %s", r.Object, r.Action)
		if r.Id != 0 {
			line += fmt.Sprintf(" Id=%d", r.Id)
		}
		if r.OldId != nil {
			line += fmt.Sprintf(" (was %d)", *r.OldId)
		} else if r.Action == bisync.PushInsert {
			line += " (new row)"
		}
		if sum.DryRun {
			line = "would " + line
		}
		if r.Conflict != "" {
			line += ": conflict, " + r.Conflict
		}
		if r.Note != "" && r.Note != "dry run" {
			line += ": " + strings.TrimPrefix(r.Note, "dry run; ")
		}
		if r.Err != nil {
			line += ": FAILED: " + r.Err.Error()
		}
		fmt.Fprintln(w, line)
	}
	if len(sum.Tables) == 0 {
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	if sum.DryRun {
		fmt.Fprintln(w, "dry run: nothing was written; the figures are what a run would do")
	}
	fmt.Fprintln(tw, "OBJECT\tTABLE\tPULLED\tREMOVED\tINSERTS\tUPDATES\tDELETES\tCONFLICTS\tFAILED\tAPI CALLS\t")
	var tot bisync.TableResult
	for _, t := range sum.Tables {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", t.Object, t.Table, t.Pulled, t.Removed, t.Inserts,
			t.Updates, t.Deletes, t.Conflicts, t.Failures, t.Calls)
		tot.Pulled += t.Pulled
		tot.Removed += t.Removed
		tot.Inserts += t.Inserts
		tot.Updates += t.Updates
		tot.Deletes += t.Deletes
		tot.Conflicts += t.Conflicts
		tot.Failures += t.Failures
		tot.Calls += t.Calls
	}
	fmt.Fprintf(tw, "total\t\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", tot.Pulled, tot.Removed, tot.Inserts, tot.Updates,
		tot.Deletes, tot.Conflicts, tot.Failures, tot.Calls)
	tw.Flush()
}
