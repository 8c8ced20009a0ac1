package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/sqlengine"
)

// queryFlags are the flags of `replykit query` (and, for the output ones, of `replykit shell`).
type queryFlags struct {
	file     string
	params   []string
	format   string
	stats    bool
	force    bool
	cacheTTL time.Duration
}

func newQueryCmd(cfg *Config) *cobra.Command {
	var f queryFlags
	cmd := &cobra.Command{
		Use:   `query "SQL" | -f FILE`,
		Short: "Run SQL over Reply objects",
		Long: `Query runs SQL statements against the Reply API. Every object is a table of database reply
(SHOW TABLES, DESCRIBE Contacts); INSERT, UPDATE and DELETE become API writes; CALL runs an API action.

  replykit query "SELECT Id, Email FROM Contacts WHERE Id IN (1, 2, 3)"
  replykit query "CALL StartSequence(:SequenceId)" --param SequenceId=42
  replykit query -f report.sql --format csv --stats
  replykit query -f changes.sql --force

Statements in a file are separated by semicolons and run in order; the first that fails stops the run (the
error names its number; the rest do not run). With --force every statement runs: each failure is printed with
its number as it happens and the exit status is 1 if any failed. :Name is replaced by the --param Name=value (numbers stay
numbers, NULL is NULL, anything else is a string; [1, 2, 3] is an array for a procedure). --stats prints, per
statement, the API calls by endpoint, the rows and the time spent waiting on the rate limit (to stderr).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var script string
			switch {
			case f.file != "" && len(args) > 0:
				return errors.New("give either a SQL statement or -f FILE, not both")
			case f.file == "-":
				b, err := io.ReadAll(cmd.InOrStdin())
				if err != nil {
					return err
				}
				script = string(b)
			case f.file != "":
				b, err := os.ReadFile(f.file)
				if err != nil {
					return err
				}
				script = string(b)
			case len(args) == 1:
				script = args[0]
			default:
				return errors.New(`no SQL: give a statement ("SELECT ...") or -f FILE`)
			}
			params, err := parseParams(f.params)
			if err != nil {
				return err
			}
			if err := checkFormat(f.format); err != nil {
				return err
			}
			c, e, err := newSQLEngine(cmd.Context(), cfg, f.cacheTTL)
			if err != nil {
				return err
			}
			defer e.Close()
			stmts := sqlengine.Split(script)
			if len(stmts) == 0 {
				return errors.New("no SQL statement in the input")
			}
			out := &resultWriter{w: cmd.OutOrStdout(), format: f.format}
			var failed []string
			for i, s := range stmts {
				err := runStatement(cmd.Context(), c, e, s, params, out, cmd.ErrOrStderr(), f.stats)
				switch {
				case err == nil:
				case len(stmts) == 1:
					return err
				case f.force && cmd.Context().Err() == nil:
					failed = append(failed, strconv.Itoa(i+1))
					fmt.Fprintf(cmd.ErrOrStderr(), "replykit: statement %d of %d (%s): %s\n", i+1, len(stmts), abbreviate(s), oneLine(err))
				default:
					return fmt.Errorf("statement %d of %d (%s): %w%s", i+1, len(stmts), abbreviate(s), err, notRun(i+1, len(stmts)))
				}
			}
			if len(failed) > 0 {
				return fmt.Errorf("%d of %d statements failed (statement %s); the others ran", len(failed), len(stmts), strings.Join(failed, ", "))
			}
			return out.finish()
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.file, "file", "f", "", "read statements from FILE (- for standard input)")
	fl.StringArrayVar(&f.params, "param", nil, "bind :Name to value, as Name=value (repeatable)")
	fl.StringVar(&f.format, "format", "table", "output format: table, csv or json")
	fl.BoolVar(&f.stats, "stats", false, "print API calls by endpoint, rows and rate-limit wait per statement (stderr)")
	fl.BoolVar(&f.force, "force", false, "with several statements, run them all even if some fail (exit 1 if any failed)")
	fl.DurationVar(&f.cacheTTL, "cache-ttl", 0, "reuse complete reads across statements for this long (0 = off)")
	return cmd
}

// newSQLEngine builds the run's client and a SQL engine over every catalog table and procedure.
func newSQLEngine(ctx context.Context, cfg *Config, cacheTTL time.Duration) (*reply.Client, *sqlengine.Engine, error) {
	c, err := cfg.Client(ctx)
	if err != nil {
		return nil, nil, err
	}
	e, err := sqlengine.New(c,
		sqlengine.WithTables(catalog.All()...),
		sqlengine.WithProcedures(catalog.Procedures()...),
		sqlengine.WithLogger(cfg.Logger()),
		sqlengine.WithCacheTTL(cacheTTL))
	if err != nil {
		return nil, nil, err
	}
	return c, e, nil
}

func parseParams(kvs []string) (map[string]string, error) {
	out := map[string]string{}
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		k = strings.TrimPrefix(strings.TrimSpace(k), ":")
		if !ok || k == "" {
			return nil, fmt.Errorf("--param %q: want Name=value", kv)
		}
		out[k] = v
	}
	return out, nil
}

func checkFormat(f string) error {
	switch f {
	case "table", "csv", "json":
		return nil
	}
	return fmt.Errorf("--format %q: want table, csv or json", f)
}

// notRun tells, after statement n of total failed, which statements did not run.
func notRun(n, total int) string {
	switch {
	case n == total:
		return ""
	case n+1 == total:
		return fmt.Sprintf(" (statement %d did not run; --force runs every statement)", total)
	}
	return fmt.Sprintf(" (statements %d to %d did not run; --force runs every statement)", n+1, total)
}

// oneLine folds an error's message onto one line.
func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }

func abbreviate(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 60 {
		r := []rune(s)
		s = string(r[:57]) + "..."
	}
	return s
}

// runStatement runs one statement, writes its result and, with stats, one line of cost to errw.
func runStatement(ctx context.Context, c *reply.Client, e *sqlengine.Engine, stmt string, params map[string]string, out *resultWriter, errw io.Writer, stats bool) error {
	before := c.Stats()
	start := time.Now()
	rows, err := e.Query(ctx, stmt, params)
	if err != nil {
		return err
	}
	n, werr := out.write(rows)
	cerr := rows.Close()
	for _, note := range rows.Notes() {
		fmt.Fprintf(errw, "-- %s\n", note)
	}
	if stats {
		fmt.Fprintln(errw, statsLine(c.Stats().Sub(before), n, time.Since(start)))
	}
	return errors.Join(werr, cerr)
}

// statsLine is the --stats line of one statement.
func statsLine(d reply.Stats, rows int, elapsed time.Duration) string {
	var calls []string
	for _, k := range slices.Sorted(maps.Keys(d.ByEndpoint)) {
		calls = append(calls, fmt.Sprintf("%s x%d", k, d.ByEndpoint[k]))
	}
	s := fmt.Sprintf("-- %d row(s) in %s; %d API call(s)", rows, elapsed.Round(time.Millisecond), d.Requests)
	if len(calls) > 0 {
		s += ": " + strings.Join(calls, ", ")
	}
	s += fmt.Sprintf("; rate-limit wait %s", d.Waited.Round(time.Millisecond))
	if d.Retries > 0 || d.RateLimited > 0 {
		s += fmt.Sprintf("; %d retries, %d x 429", d.Retries, d.RateLimited)
	}
	return s
}

// resultWriter writes result sets as an aligned table, CSV or JSON (one array of objects per statement).
type resultWriter struct {
	w       io.Writer
	format  string
	results int
}

func (o *resultWriter) write(rows *sqlengine.Rows) (int, error) {
	cols := rows.Columns()
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	var data [][]any
	n := 0
	next := func() ([]any, bool, error) {
		r, err := rows.Next()
		if errors.Is(err, io.EOF) {
			return nil, false, nil
		}
		if err != nil {
			return nil, false, err
		}
		n++
		return r, true, nil
	}
	switch o.format {
	case "csv":
		if o.results > 0 {
			fmt.Fprintln(o.w)
		}
		o.results++
		cw := csv.NewWriter(o.w)
		cw.Write(names)
		for {
			r, ok, err := next()
			if err != nil || !ok {
				cw.Flush()
				return n, errors.Join(err, cw.Error())
			}
			rec := make([]string, len(r))
			for i, v := range r {
				rec[i] = cell(v, "")
			}
			cw.Write(rec)
		}
	case "json":
		o.results++
		keys := uniqueKeys(names)
		bw := o.w
		io.WriteString(bw, "[")
		for {
			r, ok, err := next()
			if err != nil {
				io.WriteString(bw, "\n]\n") // the output stays JSON when --force runs on
				return n, err
			}
			if !ok {
				break
			}
			if n > 1 {
				io.WriteString(bw, ",")
			}
			io.WriteString(bw, "\n  {")
			for i, v := range r {
				if i > 0 {
					io.WriteString(bw, ", ")
				}
				bw.Write(keys[i])
				io.WriteString(bw, ": ")
				bw.Write(jsonValue(v))
			}
			io.WriteString(bw, "}")
		}
		if n > 0 {
			io.WriteString(bw, "\n")
		}
		io.WriteString(bw, "]\n")
		return n, nil
	}
	// table: buffer to align
	for {
		r, ok, err := next()
		if err != nil {
			return n, err
		}
		if !ok {
			break
		}
		data = append(data, r)
	}
	if o.results > 0 {
		fmt.Fprintln(o.w)
	}
	o.results++
	writeTable(o.w, names, data)
	return n, nil
}

func (o *resultWriter) finish() error { return nil }

func writeTable(w io.Writer, names []string, data [][]any) {
	width := make([]int, len(names))
	cells := make([][]string, len(data))
	for i, n := range names {
		width[i] = utf8.RuneCountInString(n)
	}
	for r, row := range data {
		cells[r] = make([]string, len(row))
		for i, v := range row {
			s := strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(cell(v, "NULL"))
			cells[r][i] = s
			if i < len(width) {
				width[i] = max(width[i], utf8.RuneCountInString(s))
			}
		}
	}
	sep := "+"
	for _, wd := range width {
		sep += strings.Repeat("-", wd+2) + "+"
	}
	line := func(vals []string) {
		var b strings.Builder
		b.WriteString("|")
		for i, v := range vals {
			b.WriteString(" " + v + strings.Repeat(" ", width[i]-utf8.RuneCountInString(v)) + " |")
		}
		fmt.Fprintln(w, b.String())
	}
	fmt.Fprintln(w, sep)
	line(names)
	fmt.Fprintln(w, sep)
	for _, r := range cells {
		line(r)
	}
	fmt.Fprintln(w, sep)
	fmt.Fprintf(w, "%d row(s)\n", len(data))
}

// cell renders a value as text; null is what NULL becomes.
func cell(v any, null string) string {
	switch x := v.(type) {
	case nil:
		return null
	case string:
		return x
	case json.RawMessage:
		return string(x)
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// uniqueKeys returns the JSON object keys of a result's columns: a name repeated by a join (s.Id, st.Id) gets
// a suffix, Id_2, so that no value is lost to a duplicate key.
func uniqueKeys(names []string) [][]byte {
	seen := map[string]bool{}
	for _, n := range names {
		seen[n] = true
	}
	count := map[string]int{}
	out := make([][]byte, len(names))
	for i, n := range names {
		count[n]++
		k := n
		for j := count[n]; j > 1; j++ {
			if k = fmt.Sprintf("%s_%d", n, j); !seen[k] {
				count[n] = j
				break
			}
		}
		seen[k] = true
		out[i], _ = json.Marshal(k)
	}
	return out
}

func jsonValue(v any) []byte {
	switch x := v.(type) {
	case json.RawMessage:
		return x
	case time.Time:
		b, _ := json.Marshal(x.UTC().Format(time.RFC3339Nano))
		return b
	}
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(fmt.Sprint(v))
	}
	return b
}
