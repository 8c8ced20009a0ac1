package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
)

// csvCLI runs replykit against an emulator and returns the exit code, stdout and stderr.
type csvCLI struct {
	tb  testing.TB
	srv *replytest.Server
}

func newCSVCLI(tb testing.TB, opts ...replytest.Option) *csvCLI {
	srv := replytest.NewServer(opts...)
	tb.Cleanup(srv.Close)
	return &csvCLI{tb: tb, srv: srv}
}

func (c *csvCLI) run(args ...string) (int, string, string) {
	c.tb.Helper()
	return c.runStdin(nil, args...)
}

// runStdin runs replykit with stdin as its standard input.
func (c *csvCLI) runStdin(stdin io.Reader, args ...string) (int, string, string) {
	c.tb.Helper()
	envs := map[string]string{"REPLY_API_KEY": c.srv.Key, "REPLY_BASE_URL": c.srv.URL, "HOME": c.tb.TempDir()}
	e := env{Getenv: func(k string) string { return envs[k] }, Stdin: stdin,
		ClientOptions: []reply.Option{reply.WithHTTPClient(c.srv.HTTPClient()), reply.WithClock(c.srv.Clock())}}
	var stdout, stderr bytes.Buffer
	code := execute(c.tb.Context(), e, append(args, "--rpm", "0", "--rph", "0", "--log-level", "warn"), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func readFile(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func TestExportCLI(t *testing.T) {
	t.Parallel()
	cli := newCSVCLI(t, replytest.WithSeed(replytest.SmallAccount))
	dir := t.TempDir()

	out := filepath.Join(dir, "contacts.csv")
	if code, _, stderr := cli.run("export", "Contacts", "-o", out, "--columns", "Id,Email,FirstName"); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	got := readFile(t, out)
	if lines := strings.Count(got, "\n"); lines != 13 || !strings.HasPrefix(got, "Id,Email,FirstName\n1001,") {
		t.Errorf("contacts.csv: %d lines:\n%s", lines, got)
	}

	gz := filepath.Join(dir, "accounts.csv.gz")
	if code, _, stderr := cli.run("export", "accounts", "-o", gz, "--columns", "Id,Name", "--delimiter", "tab", "--bom"); code != 0 {
		t.Fatalf("export gz: exit %d: %s", code, stderr)
	}
	f, err := os.Open(gz)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(zr)
	if want := "\ufeffId\tName\n1001\tAcme Corp\n"; !strings.HasPrefix(string(b), want) {
		t.Errorf("accounts.csv.gz starts %q, want %q", b, want)
	}

	code, stdout, stderr := cli.run("import", gz, "--into", "Accounts", "--delimiter", "tab", "--dry-run")
	if code != 0 || !strings.Contains(stdout, "dry run Accounts --mode insert: 4 rows: 4 inserted") ||
		!strings.Contains(stdout, "columns not written: Id (read-only)") {
		t.Errorf("import of the .csv.gz export: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "accounts.errors.csv")); err != nil {
		t.Errorf("dry run of accounts.csv.gz: %v", err)
	}

	code, stdout, stderr = cli.run("export", "Contacts", "-o", "-", "--columns", "Id,Email", "--where", "Id = 1002", "--no-header")
	if code != 0 || stdout != "1002,liam.garcia.1002@vandelay-industries.example\n" {
		t.Errorf("export --where to stdout: exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}

	code, stdout, stderr = cli.run("export", "--query", "SELECT Id, Name, LinkedProspectsCount > 1 AS Big FROM Accounts ORDER BY Id", "-o", "-")
	if code != 0 || !strings.HasPrefix(stdout, "Id,Name,Big\n1001,Acme Corp,") {
		t.Errorf("export --query: exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}

	for _, args := range [][]string{
		{"export", "Nope", "-o", "-"},
		{"export", "Contacts", "--where", "Foo = 1"},
		{"export", "Contacts", "--columns", "Id,Foo"},
		{"export", "Contacts", "--delimiter", "ab"},
		{"export"},
	} {
		if code, _, stderr := cli.run(args...); code != 1 || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want exit 1 and one line", args, code, stderr)
		}
	}
}

func TestImportCLI(t *testing.T) {
	t.Parallel()
	cli := newCSVCLI(t, replytest.WithSeed(replytest.SmallAccount))
	dir := t.TempDir()
	in := filepath.Join(dir, "new.csv")
	input := "Email,FirstName,AccountName,CustomFields.Lead Source\n" +
		"new1@example.com,New,Globex,Webinar\n" +
		"new2@example.com,Two,,\n" +
		"new3@example.com,Three,No Such Account,\n"
	if err := os.WriteFile(in, []byte(input), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"import", in, "--into", "contacts", "--lookup", "AccountName=Accounts.Name"}

	code, stdout, stderr := cli.run(append(args, "--dry-run")...)
	if code != 1 || !strings.Contains(stdout, "dry run Contacts --mode insert: 3 rows: 2 inserted") ||
		!strings.Contains(stderr, "1 of 3 rows would fail") {
		t.Errorf("dry run: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "new.ok.csv")); err == nil {
		t.Errorf("a dry run wrote new.ok.csv")
	}

	code, stdout, stderr = cli.run(args...)
	if code != 1 || !strings.Contains(stdout, "2 inserted, 0 updated, 0 deleted, 0 done earlier, 1 failed") ||
		!strings.Contains(stderr, "1 of 3 rows failed") {
		t.Errorf("import: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	ok := readFile(t, filepath.Join(dir, "new.ok.csv"))
	if want := "Email,FirstName,AccountName,CustomFields.Lead Source,Id\nnew1@example.com,New,Globex,Webinar,1013\nnew2@example.com,Two,,,1014\n"; ok != want {
		t.Errorf("new.ok.csv:\n%s\nwant:\n%s", ok, want)
	}
	errs := readFile(t, filepath.Join(dir, "new.errors.csv"))
	if !strings.Contains(errs, `new3@example.com,Three,No Such Account,,"line 4: AccountName: no Accounts has Name ""No Such Account"""`) {
		t.Errorf("new.errors.csv:\n%s", errs)
	}

	if code, _, stderr := cli.run(append(args, "--resume", "--map", "Nope=Email")...); code != 1 || !strings.Contains(stderr, "Nope") {
		t.Errorf("bad --map: exit %d, stderr %q", code, stderr)
	}
	if got := readFile(t, filepath.Join(dir, "new.ok.csv")); got != ok {
		t.Errorf("a run rejected before its first row rewrote new.ok.csv:\n%s", got)
	}
	if code, _, stderr := cli.run(args...); code != 1 || !strings.Contains(stderr, "--resume") {
		t.Errorf("second run without --resume: exit %d, stderr %q", code, stderr)
	}
	code, stdout, stderr = cli.run(append(args, "--resume")...)
	if code != 1 || !strings.Contains(stdout, "0 inserted, 0 updated, 0 deleted, 2 done earlier, 1 failed; 1 API calls") {
		t.Errorf("resume: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	for _, a := range [][]string{
		{"import", in, "--into", "Nope"},
		{"import", in, "--into", "SequenceContacts"},
		{"import", in, "--into", "Contacts", "--mode", "merge"},
		{"import", in, "--into", "Contacts", "--dry-run", "--resume"},
		{"import", filepath.Join(dir, "missing.csv"), "--into", "Contacts"},
		{"import", in},
	} {
		if code, _, stderr := cli.run(a...); code != 1 || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want exit 1 and one line", a, code, stderr)
		}
	}
}

// TestImportStdinCLI: `import -` reads standard input (copied to a temporary file, since the input is read
// twice); --results names the outputs; --resume with other options than the interrupted run is refused.
func TestImportStdinCLI(t *testing.T) {
	t.Parallel()
	cli := newCSVCLI(t, replytest.WithSeed(replytest.SmallAccount))
	prefix := filepath.Join(t.TempDir(), "piped")
	input := "\ufeffName,Industry\nStdin One,Software\nStdin Two,bogus-\xff\n"
	args := []string{"import", "-", "--into", "Accounts", "--results", prefix}
	code, stdout, stderr := cli.runStdin(strings.NewReader(input), args...)
	if code != 1 || !strings.Contains(stdout, "import Accounts --mode insert: 2 rows: 1 inserted, 0 updated, 0 deleted, 0 done earlier, 1 failed") {
		t.Fatalf("import -: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if ok := readFile(t, prefix+".ok.csv"); ok != "Name,Industry,Id\nStdin One,Software,1005\n" {
		t.Errorf("piped.ok.csv:\n%s", ok)
	}
	if errs := readFile(t, prefix+".errors.csv"); !strings.Contains(errs, "line 3: column Industry is not valid UTF-8") {
		t.Errorf("piped.errors.csv:\n%s", errs)
	}
	// The failed row stays in the journal: a resume with another --set is refused before any call.
	code, _, stderr = cli.runStdin(strings.NewReader(input), append(args, "--resume", "--set", "Country=France")...)
	if code != 1 || !strings.Contains(stderr, "resume with the same --key, --map, --set") {
		t.Errorf("resume with other options: exit %d, stderr %q", code, stderr)
	}
	code, stdout, stderr = cli.runStdin(strings.NewReader(input), append(args, "--resume")...)
	if code != 1 || !strings.Contains(stdout, "0 inserted, 0 updated, 0 deleted, 1 done earlier, 1 failed; 0 API calls") {
		t.Errorf("resume: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// TestExportCustomFieldsCLI: --columns names custom fields by title (any case) or id, --custom-fields columns
// expands them all, and the file imports back (update by Id) without a change.
func TestExportCustomFieldsCLI(t *testing.T) {
	t.Parallel()
	cli := newCSVCLI(t, replytest.WithSeed(replytest.SmallAccount))
	code, stdout, stderr := cli.run("export", "Contacts", "-o", "-", "--columns", "Id,Email,customfields.lead source,CustomFields.1002",
		"--where", "Id IN (1002, 1003)", "--null", `\N`)
	if want := "Id,Email,customfields.lead source,CustomFields.1002\n" +
		"1002,liam.garcia.1002@vandelay-industries.example,Referral,573\n" +
		"1003,mohammed.patel.1003@vandelay-industries.example,Partner,963\n"; code != 0 || stdout != want {
		t.Errorf("export named custom fields: exit %d, stdout %q, want %q, stderr %s", code, stdout, want, stderr)
	}

	out := filepath.Join(t.TempDir(), "contacts.csv")
	code, _, stderr = cli.run("export", "Contacts", "-o", out, "--columns", "Id,Email,CustomFields", "--custom-fields", "columns")
	if code != 0 {
		t.Fatalf("export --custom-fields columns: exit %d: %s", code, stderr)
	}
	if strings.ContainsAny(stderr, "\r\x1b") {
		t.Errorf("export to a file, stderr not a terminal: progress escapes in %q", stderr)
	}
	got := readFile(t, out)
	if !strings.HasPrefix(got, "Id,Email,CustomFields.Lead Source,CustomFields.Score,CustomFields.Région\n1001,,Website,86,Partner\n") {
		t.Errorf("contacts.csv:\n%s", got)
	}
	code, stdout, stderr = cli.run("import", out, "--into", "Contacts", "--mode", "update")
	if code != 0 || !strings.Contains(stdout, "12 rows: 0 inserted, 12 updated") {
		t.Errorf("import of the export: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	for _, args := range [][]string{
		{"export", "Contacts", "--columns", "Id,CustomFields.Shoe Size"},
		{"export", "Contacts", "--custom-fields", "wide"},
		{"export", "Accounts", "--custom-fields", "columns"},
		{"export", "--query", "SELECT Id FROM Contacts", "--custom-fields", "columns"},
	} {
		if code, _, stderr := cli.run(args...); code != 1 || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want exit 1 and one line", args, code, stderr)
		}
	}
}
