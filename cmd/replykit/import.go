package main

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/csvio"
)

// importGrace is how long an interrupted import waits for the batch in flight.
const importGrace = 30 * time.Second

// importFlags are the flags of `replykit import`.
type importFlags struct {
	into      string
	mode      string
	maps      []string
	key       string
	lookups   []string
	sets      []string
	dryRun    bool
	resume    bool
	delimiter string
	null      string
	batch     int
	results   string
}

func newImportCmd(cfg *Config) *cobra.Command {
	var f importFlags
	cmd := &cobra.Command{
		Use:   "import FILE|- --into Object [--mode insert|update|upsert|delete]",
		Short: "Import a CSV file into an object (insert, update, upsert or delete)",
		Long: `Import reads a CSV file and writes its rows to one Reply object.

  replykit import contacts.csv --into Contacts --mode upsert --key Email \
      --map "E-mail=Email" --lookup AccountName=Accounts.Name --set OwnerUserId=7

Headers match columns case-insensitively (or through --map CsvColumn=Column; --map CsvColumn= skips one).
Columns named CustomFields.<title or id> set contact custom fields. --lookup CsvColumn=Table.Column turns a
natural key into an id (AccountName -> AccountId). Upsert updates rows whose Id (or --key) matches and inserts the
rest. An empty cell leaves the column out; \N (or --null TEXT) clears it.

Every row ends in exactly one of FILE.ok.csv (with the Id it got or touched) or FILE.errors.csv (with the
reason); the exit status is 1 when any row failed. A journal (FILE.journal, fsync'd per batch) lets --resume
continue an interrupted run without redoing finished rows; it also retries rows that failed transiently.
FILE - reads standard input (results in ./stdin.ok.csv ... unless --results PREFIX names them).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runImport(cmd, cfg, f, args[0])
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.into, "into", "", "object to import into (required)")
	fl.StringVar(&f.mode, "mode", "insert", "insert, update, upsert or delete")
	fl.StringArrayVar(&f.maps, "map", nil, "CsvColumn=Column (repeatable)")
	fl.StringVar(&f.key, "key", "", "match rows on this column instead of the key (update, upsert, delete)")
	fl.StringArrayVar(&f.lookups, "lookup", nil, "CsvColumn=Table.Column[:TargetColumn] (repeatable)")
	fl.StringArrayVar(&f.sets, "set", nil, "Column=value written on every row (repeatable)")
	fl.BoolVar(&f.dryRun, "dry-run", false, "validate every row without writing (writes FILE.errors.csv)")
	fl.BoolVar(&f.resume, "resume", false, "continue the run recorded in FILE.journal")
	fl.StringVar(&f.delimiter, "delimiter", ",", `field delimiter (one character; "tab" or \t for a tab)`)
	fl.StringVar(&f.null, "null", "", `cell text meaning NULL besides \N`)
	fl.IntVar(&f.batch, "batch-size", 0, "rows per write batch (0: the bulk endpoint's size)")
	fl.StringVar(&f.results, "results", "", "write PREFIX.ok.csv, PREFIX.errors.csv and PREFIX.journal "+
		"(default: beside the input, named after it; ./stdin for standard input)")
	_ = cmd.MarkFlagRequired("into")
	return cmd
}

// openImportInput opens the input for reading twice: the file itself, or for a name ending in .gz its
// decompressed copy in a temporary file that Close removes.
func openImportInput(path string) (io.ReadSeekCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if !strings.EqualFold(filepath.Ext(path), ".gz") {
		return f, nil
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return copyToTemp(zr, path)
}

// copyToTemp copies r (named name in errors) to a temporary file, removed when closed, positioned at its start.
func copyToTemp(r io.Reader, name string) (io.ReadSeekCloser, error) {
	tmp, err := os.CreateTemp("", "replykit-import-*.csv")
	if err != nil {
		return nil, err
	}
	t := &tempFile{tmp}
	if _, err := io.Copy(tmp, r); err != nil {
		t.Close()
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		t.Close()
		return nil, err
	}
	return t, nil
}

// tempFile is a file removed when closed.
type tempFile struct{ *os.File }

func (t *tempFile) Close() error {
	err := t.File.Close()
	os.Remove(t.Name())
	return err
}

// importPaths returns the ok, errors and journal paths beside the input: contacts.csv -> contacts.ok.csv,
// contacts.errors.csv, contacts.journal.
func importPaths(input string) (ok, errs, journal string) {
	base := input
	if ext := filepath.Ext(base); strings.EqualFold(ext, ".gz") {
		base = strings.TrimSuffix(base, ext)
	}
	if ext := filepath.Ext(base); strings.EqualFold(ext, ".csv") {
		base = strings.TrimSuffix(base, ext)
	}
	return base + ".ok.csv", base + ".errors.csv", base + ".journal"
}

func parseAssignments(flag string, items []string) (map[string]string, error) {
	out := map[string]string{}
	for _, s := range items {
		k, v, ok := strings.Cut(s, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, fmt.Errorf("--%s %q: want Name=value", flag, s)
		}
		out[strings.TrimSpace(k)] = v
	}
	return out, nil
}

func (f importFlags) options() (csvio.ImportOptions, error) {
	var o csvio.ImportOptions
	var err error
	if o.Mode, err = csvio.ParseMode(f.mode); err != nil {
		return o, err
	}
	if o.Map, err = parseAssignments("map", f.maps); err != nil {
		return o, err
	}
	if o.Set, err = parseAssignments("set", f.sets); err != nil {
		return o, err
	}
	for _, s := range f.lookups {
		l, err := csvio.ParseLookup(s)
		if err != nil {
			return o, err
		}
		o.Lookups = append(o.Lookups, l)
	}
	if o.Delimiter, err = parseDelimiter(f.delimiter); err != nil {
		return o, err
	}
	o.Key, o.DryRun, o.Null, o.BatchSize = f.key, f.dryRun, f.null, f.batch
	return o, nil
}

func runImport(cmd *cobra.Command, cfg *Config, f importFlags, input string) error {
	ctx := cmd.Context()
	t, ok := catalog.Lookup(f.into)
	if !ok {
		return fmt.Errorf("unknown object %q (objects: %s)", f.into, objectNames())
	}
	opts, err := f.options()
	if err != nil {
		return err
	}
	if f.dryRun && f.resume {
		return errors.New("--dry-run writes nothing and keeps no journal: it cannot --resume")
	}
	var in io.ReadSeekCloser
	if input == "-" {
		in, err = copyToTemp(cmd.InOrStdin(), "standard input") // read twice: once to check, once to import
	} else {
		in, err = openImportInput(input)
	}
	if err != nil {
		return err
	}
	defer in.Close()
	prefix := f.results
	if prefix == "" && input == "-" {
		prefix = "stdin"
	}
	okPath, errPath, journalPath := importPaths(input)
	if prefix != "" {
		okPath, errPath, journalPath = prefix+".ok.csv", prefix+".errors.csv", prefix+".journal"
	}

	c, err := cfg.Client(ctx)
	if err != nil {
		return err
	}
	opts.Logger = cfg.Logger()
	// Ctrl-C lets the batch in flight finish (and be journaled) rather than leave rows the API wrote unrecorded;
	// a call hung longer than this is cancelled.
	opts.Grace = importGrace
	var bar *counter
	opts.Progress = func(done, failed, total int) {
		if bar == nil {
			bar = newBar(cmd.ErrOrStderr(), cfg.Logger(), "import "+t.Name, total)
		}
		bar.set(done)
	}
	im, err := csvio.NewImporter(c, t, opts)
	if err != nil {
		return err
	}

	var out csvio.Outputs
	var journal *os.File
	if !opts.DryRun {
		if f.resume {
			journal, err = os.OpenFile(journalPath, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
			if err != nil {
				return err
			}
			if out.Resume, err = csvio.ReadJournal(journal); err != nil {
				journal.Close()
				return fmt.Errorf("%s: %w", journalPath, err)
			}
		} else {
			if st, err := os.Stat(journalPath); err == nil && st.Size() > 0 {
				return fmt.Errorf("%s exists from an earlier run: pass --resume to continue it, or delete it to start over",
					journalPath)
			} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	var lazyJournal *lazyFile
	switch {
	case journal != nil:
		defer journal.Close()
		out.Journal = journal
	case !opts.DryRun:
		lazyJournal = &lazyFile{path: journalPath}
		defer lazyJournal.Close()
		out.Journal = lazyJournal
	}
	okFile, errFile, err := createImportOutputs(okPath, errPath, opts.DryRun)
	if err != nil {
		return err
	}
	out.OK, out.Errors = okFile, errFile

	before := c.Stats()
	sum, runErr := im.Run(ctx, in, out)
	if bar != nil {
		bar.done()
	}
	cerr := closeAll(okFile, errFile)
	if runErr == nil {
		runErr = cerr
	}
	calls := c.Stats().Sub(before).Requests
	var partial *catalog.PartialError
	if runErr != nil && !errors.As(runErr, &partial) {
		return runErr // nothing was imported: the input, the options or the journal are wrong
	}
	w := cmd.OutOrStdout()
	verb := "import"
	if sum.DryRun {
		verb = "dry run"
	}
	fmt.Fprintf(w, "%s %s --mode %s: %d rows: %d inserted, %d updated, %d deleted, %d done earlier, %d failed",
		verb, t.Name, opts.Mode, sum.Rows, sum.Inserted, sum.Updated, sum.Deleted, sum.Resumed, sum.Failed)
	if sum.Unchanged > 0 {
		fmt.Fprintf(w, ", %d unchanged (not written)", sum.Unchanged)
	}
	if sum.Pending > 0 {
		fmt.Fprintf(w, ", %d not done", sum.Pending)
	}
	fmt.Fprintf(w, "; %d API calls\n", calls)
	if len(sum.Ignored) > 0 {
		fmt.Fprintf(w, "columns not written: %s\n", strings.Join(sum.Ignored, ", "))
	}
	if !sum.DryRun {
		fmt.Fprintf(w, "ok rows: %s\n", okPath)
	}
	fmt.Fprintf(w, "failed rows: %s\n", errPath)
	if runErr == nil && !opts.DryRun {
		if journal != nil {
			journal.Close()
		}
		if lazyJournal != nil {
			lazyJournal.Close()
		}
		os.Remove(journalPath) // finished: nothing to resume
	}
	if runErr != nil {
		if partial.Err != nil {
			return fmt.Errorf("import stopped (%w); fix the cause and run again with --resume", partial.Err)
		}
		if opts.DryRun {
			return fmt.Errorf("%d of %d rows would fail (see %s)", sum.Failed, sum.Rows, errPath)
		}
		return fmt.Errorf("%d of %d rows failed (see %s); --resume retries those that failed transiently",
			sum.Failed, sum.Rows, errPath)
	}
	return nil
}

// createImportOutputs returns the ok and errors files, created (truncated) on their first write, so that an
// import rejected before its first row leaves earlier outputs alone; a dry run writes only the errors file.
func createImportOutputs(okPath, errPath string, dryRun bool) (io.WriteCloser, io.WriteCloser, error) {
	var okFile io.WriteCloser = nopCloser{io.Discard}
	if !dryRun {
		okFile = &lazyFile{path: okPath}
	}
	return okFile, &lazyFile{path: errPath}, nil
}

// lazyFile creates its file on the first write; an *os.File underneath, so Sync works for the journal.
type lazyFile struct {
	path string
	f    *os.File
}

func (l *lazyFile) Write(p []byte) (int, error) {
	if l.f == nil {
		f, err := os.Create(l.path)
		if err != nil {
			return 0, err
		}
		l.f = f
	}
	return l.f.Write(p)
}

func (l *lazyFile) Sync() error {
	if l.f == nil {
		return nil
	}
	return l.f.Sync()
}

func (l *lazyFile) Close() error {
	if l.f == nil {
		return nil
	}
	return l.f.Close()
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

func closeAll(cs ...io.Closer) error {
	var errs []error
	for _, c := range cs {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}
