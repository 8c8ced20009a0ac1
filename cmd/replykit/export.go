package main

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/csvio"
)

// exportFlags are the flags of `replykit export`.
type exportFlags struct {
	output     string
	columns    []string
	customFlds string
	where      string
	query      string
	limit      int
	delimiter  string
	header     bool
	noHeader   bool
	null       string
	dateFormat string
	bom        bool
	crlf       bool
}

func newExportCmd(cfg *Config) *cobra.Command {
	var f exportFlags
	cmd := &cobra.Command{
		Use:   "export [Object] -o FILE",
		Short: "Export an object or a SQL query to CSV",
		Long: `Export writes one Reply object (e.g. Contacts) or the result of a SQL query to CSV (RFC 4180).

  replykit export Contacts -o contacts.csv --columns Id,Email --where "Status = 'active'"
  replykit export --query "SELECT Id, Email FROM Contacts WHERE AccountId = 7" -o out.csv.gz

--where accepts  Column op literal [AND ...]  with op one of =, <, <=, >, >=, IN (a, b), LIKE '%text%';
literals are 'quoted text', numbers or TRUE/FALSE. Conditions the API can evaluate are sent to it; all are
re-checked on each row. Use --query for anything else. Nested fields are written as JSON text. A name ending
in .gz is gzip-compressed; -o - writes to standard output.

Contacts' custom fields: --columns may name one as CustomFields.<title or id> (title case-insensitive; the
value as text, --null when the contact has none), and --custom-fields columns writes the CustomFields column
as one CustomFields.<Title> column per custom field, which import reads back into the same fields:

  replykit export Contacts --columns Id,Email,CustomFields.Industry -o contacts.csv
  replykit export Contacts --custom-fields columns -o contacts.csv`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExport(cmd, cfg, f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.output, "output", "o", "-", "output file (.gz compresses; - is standard output)")
	fl.StringSliceVar(&f.columns, "columns", nil, "columns to export, in order (default: every column a list returns)")
	fl.StringVar(&f.customFlds, "custom-fields", "json", "Contacts custom fields: json (one JSON column) or columns (one CustomFields.<Title> column each, as import takes them)")
	fl.StringVar(&f.where, "where", "", "filter: Column op literal [AND ...]")
	fl.StringVar(&f.query, "query", "", "export the result of this SQL query instead of an object")
	fl.IntVar(&f.limit, "limit", 0, "stop after this many rows (0: all)")
	fl.StringVar(&f.delimiter, "delimiter", ",", `field delimiter (one character; "tab" or \t for a tab)`)
	fl.BoolVar(&f.header, "header", true, "write a header line")
	fl.BoolVar(&f.noHeader, "no-header", false, "do not write a header line")
	fl.StringVar(&f.null, "null", "", "text written for NULL")
	fl.StringVar(&f.dateFormat, "date-format", "rfc3339", "timestamp format: rfc3339 or a Go layout such as 2006-01-02 15:04:05")
	fl.BoolVar(&f.bom, "bom", false, "start the file with a UTF-8 byte order mark")
	fl.BoolVar(&f.crlf, "crlf", false, "end lines with CRLF")
	return cmd
}

// parseDelimiter reads a one-character delimiter; "tab" and \t mean a tab.
func parseDelimiter(s string) (rune, error) {
	switch strings.ToLower(s) {
	case "tab", `\t`:
		return '\t', nil
	}
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || n != len(s) || r == utf8.RuneError {
		return 0, fmt.Errorf("--delimiter %q: want one character", s)
	}
	return r, nil
}

func (f exportFlags) format() (csvio.Format, error) {
	d, err := parseDelimiter(f.delimiter)
	if err != nil {
		return csvio.Format{}, err
	}
	layout := f.dateFormat
	if strings.EqualFold(layout, "rfc3339") {
		layout = ""
	}
	return csvio.Format{Delimiter: d, NoHeader: f.noHeader || !f.header, Null: f.null, TimeLayout: layout,
		BOM: f.bom, CRLF: f.crlf}, nil
}

func runExport(cmd *cobra.Command, cfg *Config, f exportFlags, args []string) error {
	ctx := cmd.Context()
	format, err := f.format()
	if err != nil {
		return err
	}
	if f.query != "" && len(args) > 0 {
		return errors.New("export takes an object or --query, not both")
	}
	if f.query == "" && len(args) == 0 {
		return errors.New("export needs an object (e.g. replykit export Contacts -o contacts.csv) or --query")
	}
	var t *catalog.Table
	var where []catalog.Cond
	var cfMode csvio.CustomFieldsMode
	switch strings.ToLower(f.customFlds) {
	case "json", "":
	case "columns":
		cfMode = csvio.CustomFieldsColumns
	default:
		return fmt.Errorf("--custom-fields %q: want json or columns", f.customFlds)
	}
	if f.query == "" {
		var ok bool
		if t, ok = catalog.Lookup(args[0]); !ok {
			return fmt.Errorf("unknown object %q (objects: %s)", args[0], objectNames())
		}
		if where, err = csvio.ParseWhere(t, f.where); err != nil {
			return err
		}
		if _, err := csvio.ExportColumns(t, f.columns); err != nil {
			return err
		}
	} else if f.where != "" || f.columns != nil || cfMode != csvio.CustomFieldsJSON {
		return errors.New("--where, --columns and --custom-fields apply to an object; put them in the --query")
	}
	c, err := cfg.Client(ctx)
	if err != nil {
		return err
	}
	out, finish, err := createOutput(f.output, cmd.OutOrStdout())
	if err != nil {
		return err
	}
	prog := newCounter(cmd.ErrOrStderr(), cfg.Logger(), "export")
	before := c.Stats()
	start := time.Now()
	var n int
	if f.query != "" {
		n, err = exportQuery(ctx, cfg, f.query, out, format, f.limit, prog.set)
	} else {
		n, err = csvio.Export(ctx, c, t, out, csvio.ExportOptions{Columns: f.columns, Where: where, Limit: f.limit,
			CustomFields: cfMode, Format: format, Progress: prog.set})
	}
	prog.done()
	if ferr := finish(err == nil); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	calls := c.Stats().Sub(before).Requests
	cfg.Logger().InfoContext(ctx, "export finished", "rows", n, "api_calls", calls,
		"seconds", time.Since(start).Round(time.Millisecond).Seconds(), "output", f.output)
	return nil
}

// objectNames lists the catalog's objects for error messages.
func objectNames() string {
	var names []string
	for _, t := range catalog.All() {
		names = append(names, t.Name)
	}
	return strings.Join(names, ", ")
}

// createOutput opens the export destination: stdout for "-", else a temporary file beside path renamed into place
// when finish(true) is called (finish(false) removes it), gzip-compressed when path ends in .gz.
func createOutput(path string, stdout io.Writer) (io.Writer, func(ok bool) error, error) {
	if path == "-" || path == "" {
		return stdout, func(bool) error { return nil }, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, nil, err
	}
	var w io.Writer = tmp
	var gz *gzip.Writer
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		gz = gzip.NewWriter(tmp)
		w = gz
	}
	finish := func(ok bool) error {
		var err error
		if gz != nil {
			err = gz.Close()
		}
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if !ok || err != nil {
			os.Remove(tmp.Name())
			return err
		}
		return os.Rename(tmp.Name(), path)
	}
	return w, finish, nil
}

// isTerminal reports whether w is a character device (an interactive terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// counter shows progress: an mpb bar on a terminal, otherwise a log line at most every 10 seconds.
type counter struct {
	p     *mpb.Progress
	bar   *mpb.Bar
	total int

	log  *slog.Logger
	name string
	last time.Time
}

func newCounter(w io.Writer, log *slog.Logger, name string) *counter {
	if !isTerminal(w) {
		return &counter{log: log, name: name, last: time.Now()}
	}
	p := mpb.New(mpb.WithOutput(w), mpb.WithWidth(40))
	bar := p.New(0, mpb.SpinnerStyle(),
		mpb.PrependDecorators(decor.Name(name+" ")),
		mpb.AppendDecorators(decor.Current(0, "%d rows"), decor.Name(" "), decor.AverageSpeed(0, "%.0f rows/s")))
	return &counter{p: p, bar: bar}
}

// newBar shows a bar with a known total.
func newBar(w io.Writer, log *slog.Logger, name string, total int) *counter {
	if !isTerminal(w) || total <= 0 {
		return &counter{log: log, name: name, total: total, last: time.Now()}
	}
	p := mpb.New(mpb.WithOutput(w), mpb.WithWidth(40))
	bar := p.New(int64(total), mpb.BarStyle(),
		mpb.PrependDecorators(decor.Name(name+" "), decor.CountersNoUnit("%d/%d")),
		// AverageETA, not EwmaETA: the count is set (SetCurrent), never incremented, which an EWMA does not see.
		mpb.AppendDecorators(decor.Percentage(), decor.Name(" "), decor.AverageSpeed(0, "%.0f rows/s"),
			decor.Name(" ETA "), decor.AverageETA(decor.ET_STYLE_GO)))
	return &counter{p: p, bar: bar, total: total}
}

func (c *counter) set(n int) {
	switch {
	case c.bar != nil:
		c.bar.SetCurrent(int64(n))
	case c.log != nil && time.Since(c.last) >= 10*time.Second:
		c.last = time.Now()
		if c.total > 0 {
			c.log.Info("progress", "task", c.name, "rows", n, "total", c.total)
		} else {
			c.log.Info("progress", "task", c.name, "rows", n)
		}
	}
}

func (c *counter) done() {
	if c.bar == nil {
		return
	}
	if c.total == 0 {
		c.bar.SetTotal(-1, true)
	}
	// A bar with a total stays at the rows actually done: an interrupted import does not show 100 %.
	c.bar.Abort(false)
	c.p.Wait()
}

// exportQuery runs a SQL query through the SQL engine and writes its result set. Boolean columns are written as
// true/false, as an object export writes them.
func exportQuery(ctx context.Context, cfg *Config, query string, w io.Writer, f csvio.Format, limit int,
	progress func(int)) (int, error) {
	_, engine, err := newSQLEngine(ctx, cfg, 0)
	if err != nil {
		return 0, err
	}
	defer engine.Close()
	rows, err := engine.Query(ctx, query, nil)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols := rows.Columns()
	names := make([]string, len(cols))
	boolCol := make([]bool, len(cols))
	for i, c := range cols {
		names[i] = c.Name
		t := strings.ToUpper(c.Type)
		boolCol[i] = t == "BOOLEAN" || t == "BOOL" || t == "TINYINT(1)"
	}
	cw, err := csvio.NewWriter(w, names, f)
	if err != nil {
		return 0, err
	}
	for limit <= 0 || cw.Rows() < limit {
		vals, err := rows.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			_ = cw.Flush()
			return cw.Rows(), err
		}
		for i, v := range vals {
			if n, ok := v.(int64); ok && boolCol[i] {
				vals[i] = n != 0
			}
		}
		if err := cw.Write(vals); err != nil {
			return cw.Rows(), err
		}
		if cw.Rows()%1000 == 0 {
			progress(cw.Rows())
		}
	}
	if err := rows.Close(); err != nil {
		return cw.Rows(), err
	}
	if err := cw.Flush(); err != nil {
		return cw.Rows(), err
	}
	progress(cw.Rows())
	return cw.Rows(), nil
}
