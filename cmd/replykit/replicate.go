package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/go-sql-driver/mysql"
	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"
	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	_ "modernc.org/sqlite" // driver "sqlite"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
	"github.com/replykit/replykit/replicate"
)

// replicateFlags are the flags of `replykit replicate`.
type replicateFlags struct {
	to       string
	objects  []string
	full     bool
	nested   string
	deletes  string
	lookback time.Duration
	plan     bool
	naming   string
	prefix   string
	batch    int
	detail   bool
	noDetail bool // deprecated: the default since --detail exists
	probe    bool
}

func newReplicateCmd(cfg *Config) *cobra.Command {
	var f replicateFlags
	cmd := &cobra.Command{
		Use:   "replicate [--to DSN] [--objects Contacts,Sequences,...]",
		Short: "Replicate Reply objects into SQLite, PostgreSQL or MySQL, incrementally",
		Long: `Replicate copies Reply objects into a database and keeps it up to date: the first run lists every row,
later runs read only what changed where the API allows it (Contacts, Accounts, Sequences, ...), compare row
hashes elsewhere, and find deletes by id-set difference. State lives in the destination (_replykit_state),
so a killed run is simply run again.

Detail-only columns (Accounts' EmailProvider, Tasks' content, Sequences' steps and settings, ...) cost one API
call per row and are not fetched by default: they exist in the destination and stay NULL, except the detail-only
arrays --nested tables unwinds into child tables (sequences__steps, ...), which are fetched. --detail fetches
them all (one GET per new or changed row; every row the first time). A later run without --detail keeps the
values already fetched. --plan shows what each choice costs.

One run at a time writes a destination: a run holds a lock (an advisory lock on PostgreSQL, GET_LOCK on MySQL,
a FILE-_replykit_state.lock side file on SQLite) and a second run stops at once with "another replicate run
holds the lock".

  replykit replicate                                   # every object into ./replykit.db (SQLite)
  replykit replicate --to postgres://user@host/db --objects Contacts,Sequences
  replykit replicate --to mysql://root:pw@127.0.0.1:3306/reply --nested tables
  replykit replicate --plan                            # estimated API calls and wall time, no replication
  replykit replicate --plan --probe                    # the same, counting rows with one page per object
  replykit replicate --detail                          # also fetch detail-only columns (one call per row)

--to takes a SQLite file name (or sqlite:FILE), postgres://... / postgresql://... (also YugabyteDB),
cockroachdb://... (CockroachDB: PostgreSQL without COPY), or mysql://user:password@host:port/database (also
MariaDB and TiDB).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runReplicate(cmd.Context(), cmd, cfg, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.to, "to", "replykit.db", "destination: SQLite file, postgres://... or mysql://user:pass@host:port/db")
	fl.StringSliceVar(&f.objects, "objects", nil, "objects to replicate (default: every object)")
	fl.BoolVar(&f.full, "full", false, "list every row of every object, ignoring stored cursors (with --detail: refetch every row's detail)")
	fl.StringVar(&f.nested, "nested", "json", "nested arrays: json (JSON columns) or tables (child tables parent__column)")
	fl.StringVar(&f.deletes, "deletes", "soft", "rows deleted in Reply: soft (_deleted_at), hard, or off")
	fl.DurationVar(&f.lookback, "lookback", time.Minute, "re-read changes this far before the stored cursor")
	fl.BoolVar(&f.plan, "plan", false, "print the estimated API calls and minimum wall time, then stop")
	fl.StringVar(&f.naming, "naming", "snake", "destination names: snake (first_name) or preserve (FirstName)")
	fl.StringVar(&f.prefix, "prefix", "", "prefix for every destination table name")
	fl.IntVar(&f.batch, "batch", 2000, "rows per destination transaction")
	fl.BoolVar(&f.detail, "detail", false, "fetch every detail-only column (one API call per new or changed row; default: left NULL)")
	fl.BoolVar(&f.probe, "probe", false, "with --plan: list one page of each object without a previous run or count (one call each) to count its rows")
	fl.BoolVar(&f.noDetail, "no-detail", false, "")
	fl.MarkDeprecated("no-detail", "detail-only columns are not fetched by default; --detail fetches them")
	cmd.MarkFlagsMutuallyExclusive("detail", "no-detail")
	return cmd
}

// openDest opens the destination of --to and returns its dialect. It pings, so an unreachable database fails
// here with a clear message.
func openDest(ctx context.Context, to string) (*sql.DB, dest.Dialect, error) {
	driver, dsn, d, err := destDSN(to)
	if err != nil {
		return nil, dest.Dialect{}, err
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, d, fmt.Errorf("destination %s: %w", redactDSN(to), err)
	}
	pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		// %v, not %w: the cause is often a *net.OpError, which would read as the Reply API being unreachable.
		return nil, d, fmt.Errorf("destination %s is unreachable: %v", redactDSN(to), err)
	}
	return db, d, nil
}

// destDSN translates --to into a driver name and DSN.
func destDSN(to string) (driver, dsn string, d dest.Dialect, err error) {
	switch {
	case strings.HasPrefix(to, "postgres://"), strings.HasPrefix(to, "postgresql://"):
		return "pgx", to, dest.Postgres, nil
	case strings.HasPrefix(to, "cockroachdb://"), strings.HasPrefix(to, "cockroach://"):
		_, rest, _ := strings.Cut(to, "://")
		return "pgx", "postgres://" + rest, dest.CockroachDB, nil
	case strings.HasPrefix(to, "mysql://"):
		u, err := url.Parse(to)
		if err != nil {
			return "", "", d, fmt.Errorf("--to: %s is not a mysql://user:pass@host:port/db URL", redactDSN(to))
		}
		dbName := strings.TrimPrefix(u.Path, "/")
		if dbName == "" {
			return "", "", d, errors.New("--to: the mysql:// URL needs a database name: mysql://user:pass@host:port/db")
		}
		addr := u.Host
		if u.Port() == "" {
			addr = u.Host + ":3306"
		}
		// Let the driver read the query (tls=, charset=, ...; unknown names become session variables).
		c, err := mysql.ParseDSN("tcp(" + addr + ")/" + dbName + "?" + u.RawQuery)
		if err != nil {
			return "", "", d, fmt.Errorf("--to: %s: %v", redactDSN(to), err)
		}
		c.User = u.User.Username()
		c.Passwd, _ = u.User.Password()
		c.ParseTime = true
		if !u.Query().Has("interpolateParams") {
			c.InterpolateParams = true // one round trip per batch statement instead of prepare/execute/close
		}
		return "mysql", c.FormatDSN(), dest.MySQL, nil
	case strings.Contains(to, "://"):
		return "", "", d, fmt.Errorf("--to: unsupported destination %s (want a SQLite file, postgres:// or mysql://)", redactDSN(to))
	}
	file := strings.TrimPrefix(strings.TrimPrefix(to, "sqlite://"), "sqlite:")
	if file == "" {
		file = "replykit.db"
	}
	sep := "?"
	if strings.Contains(file, "?") {
		sep = "&"
	}
	return "sqlite", file + sep + "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)", dest.SQLite, nil
}

// redactDSN hides the password of a URL-form DSN.
func redactDSN(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

func replicateTables(objects []string) ([]*catalog.Table, error) {
	if len(objects) == 0 {
		return catalog.All(), nil
	}
	var out []*catalog.Table
	for _, n := range objects {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		t, ok := catalog.Lookup(n)
		if !ok {
			return nil, fmt.Errorf("--objects: unknown object %q", n)
		}
		out = append(out, t)
	}
	return out, nil
}

func runReplicate(ctx context.Context, cmd *cobra.Command, cfg *Config, f replicateFlags) error {
	nested, err := replicate.ParseNested(f.nested)
	if err != nil {
		return err
	}
	deletes, err := replicate.ParseDeletes(f.deletes)
	if err != nil {
		return err
	}
	var naming dest.Naming
	switch f.naming {
	case "snake":
		naming = dest.Snake
	case "preserve":
		naming = dest.Preserve
	default:
		return fmt.Errorf("--naming must be snake or preserve, not %q", f.naming)
	}
	if f.lookback < 0 {
		return errors.New("--lookback must not be negative")
	}
	if f.probe && !f.plan {
		return errors.New("--probe only applies to --plan")
	}
	tables, err := replicateTables(f.objects)
	if err != nil {
		return err
	}
	client, err := cfg.Client(ctx)
	if err != nil {
		return err
	}
	db, d, err := openDest(ctx, f.to)
	if err != nil {
		return err
	}
	defer db.Close()

	log := cfg.Logger()
	out := cmd.OutOrStdout()
	prog := newReplicateProgress(cmd.ErrOrStderr(), log)
	rlog := log
	if prog.p != nil && !cfg.changed("log-level") {
		// The progress bars replace the per-table info lines, which would garble them.
		rlog = slog.New(minLevel{slog.LevelWarn, log.Handler()})
	}
	r := replicate.New(client, d, db,
		replicate.WithLogger(rlog),
		replicate.WithProgress(prog.update),
		replicate.WithNaming(naming),
		replicate.WithPrefix(f.prefix),
		replicate.WithNested(nested),
		replicate.WithDeletes(deletes),
		replicate.WithLookback(f.lookback),
		replicate.WithFull(f.full),
		replicate.WithBatchSize(f.batch),
		replicate.WithDetail(f.detail),
		replicate.WithProbe(f.probe),
	)
	if f.plan {
		p, err := r.Plan(ctx, tables)
		if err != nil {
			return err
		}
		return p.WriteText(out)
	}
	sum, runErr := r.Run(ctx, tables)
	prog.wait()
	if sum != nil && len(sum.Tables) > 0 {
		sum.WriteText(out)
	}
	if runErr != nil {
		if errors.Is(runErr, dest.ErrLocked) {
			return fmt.Errorf("another replicate run holds the lock on %s (nothing was written; run again when it ends)", redactDSN(f.to))
		}
		var pe *catalog.PartialError
		if errors.Is(runErr, replicate.ErrDestination) {
			cause := runErr
			switch {
			case errors.As(runErr, &pe) && pe.Err != nil:
				cause = pe.Err
			case errors.As(runErr, &pe) && len(pe.Failed) > 0:
				cause = pe.Failed[0].Err
			}
			// %v, not %w: a dropped database connection must not read as the Reply API being unreachable.
			return fmt.Errorf("replication stopped by the destination %s (it is consistent; fix it and run again): %v",
				redactDSN(f.to), cause)
		}
		if errors.As(runErr, &pe) && pe.Err != nil {
			return fmt.Errorf("replication stopped (the destination is consistent; run again to resume): %w", pe.Err)
		}
		if errors.As(runErr, &pe) && len(pe.Failed) > 0 {
			names := make([]string, len(pe.Failed))
			for i, fe := range pe.Failed {
				names[i] = fmt.Sprint(fe.Key["Table"])
			}
			return fmt.Errorf("%d object(s) failed (%s): %w", len(pe.Failed), strings.Join(names, ", "), pe.Failed[0].Err)
		}
		return runErr
	}
	return nil
}

// replicateProgress shows one mpb spinner per table on a terminal, and log lines otherwise.
type replicateProgress struct {
	log  interface{ Info(string, ...any) }
	p    *mpb.Progress
	bars map[string]*tableBar
}

// tableBar is one table's spinner and the figures its decorator shows (read by mpb's goroutine).
type tableBar struct {
	bar   *mpb.Bar
	calls atomic.Int64
	mode  atomic.Value // string
}

func newReplicateProgress(w io.Writer, log interface{ Info(string, ...any) }) *replicateProgress {
	rp := &replicateProgress{log: log, bars: map[string]*tableBar{}}
	if isTerminal(w) {
		rp.p = mpb.New(mpb.WithOutput(w), mpb.WithWidth(30))
	}
	return rp
}

func (rp *replicateProgress) update(p replicate.Progress) {
	if rp.p == nil {
		if !p.Done {
			rp.log.Info("progress", "table", p.Table, "mode", p.Mode, "rows", p.Rows, "written", p.Written,
				"calls", p.Calls, "waited", p.Waited.Round(time.Second))
		}
		return
	}
	tb, ok := rp.bars[p.Table]
	if !ok {
		tb = &tableBar{}
		tb.mode.Store(p.Mode)
		tb.bar = rp.p.New(0, mpb.SpinnerStyle(),
			mpb.PrependDecorators(decor.Name(fmt.Sprintf("%-30s", p.Table))),
			mpb.AppendDecorators(decor.Current(0, "%d rows"), decor.Any(func(decor.Statistics) string {
				return fmt.Sprintf("  %d calls  %s", tb.calls.Load(), tb.mode.Load())
			})))
		rp.bars[p.Table] = tb
	}
	tb.calls.Store(int64(p.Calls))
	tb.mode.Store(p.Mode)
	tb.bar.SetCurrent(p.Rows)
	if p.Done {
		tb.bar.SetTotal(-1, true)
	}
}

func (rp *replicateProgress) wait() {
	if rp.p == nil {
		return
	}
	for _, tb := range rp.bars {
		if !tb.bar.Completed() {
			tb.bar.Abort(false)
		}
	}
	rp.p.Wait()
}

// minLevel drops records below its level.
type minLevel struct {
	level slog.Level
	slog.Handler
}

func (h minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.level && h.Handler.Enabled(ctx, l)
}
