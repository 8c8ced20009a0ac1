package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql"

	"github.com/replykit/replykit/reply/replytest"
)

func TestQuery(t *testing.T) {
	t.Parallel()
	srv := newCLIServer(t)
	vars := func() map[string]string {
		return map[string]string{"REPLY_API_KEY": srv.Key, "REPLY_BASE_URL": srv.URL}
	}
	script := filepath.Join(t.TempDir(), "q.sql")
	if err := os.WriteFile(script, []byte("-- two statements\nSELECT Id FROM Contacts WHERE Id = :Id;\nSELECT COUNT(*) AS n FROM Contacts;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		wantOut    []string
		wantErr    []string
		wantNotOut []string
	}{
		{"table", []string{"query", "SELECT Id, FirstName FROM Contacts WHERE Id IN (1002, 1005) ORDER BY Id"},
			[]string{"| Id   | FirstName |", "| 1002 | Liam      |", "| 1005 | Jürgen    |", "2 row(s)"}, nil, nil},
		{"csv", []string{"query", "--format", "csv", "SELECT Id, Country FROM Contacts WHERE Id = 1005"},
			[]string{"Id,Country\n1005,Switzerland\n"}, nil, nil},
		{"json", []string{"query", "--format", "json", "SELECT Id, CustomFields FROM Contacts WHERE Id = 1005"},
			[]string{`"Id": 1005, "CustomFields": [`}, nil, nil},
		{"json duplicate names", []string{"query", "--format", "json", "SELECT c.Id, a.Id, a.Id AS Id_2 FROM Contacts c JOIN Accounts a ON a.Id = c.AccountId WHERE c.Id = 1004"},
			[]string{`{"Id": 1004, "Id_3": 1003, "Id_2": 1003}`}, nil, nil},
		{"params and stats", []string{"query", "--stats", "--param", "Id=1003", "SELECT Id FROM Contacts WHERE Id = :Id"},
			[]string{"| 1003 |"}, []string{"-- 1 row(s) in", "1 API call(s): GET /v3/contacts/{id} x1; rate-limit wait"}, nil},
		{"file", []string{"query", "-f", script, "--param", "Id=1004", "--stats", "--format", "csv"},
			[]string{"Id\n1004\n", "n\n12\n"}, []string{"GET /v3/contacts/{id} x1", "POST /v3/contacts/filter x1"}, nil},
		{"insert notes", []string{"query", "INSERT INTO Contacts (Email) VALUES ('cli@example.com')"},
			[]string{"| RowsAffected |", "| 1            |"}, []string{"-- Contacts: inserted 1 row(s), Id 1013"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, vars(), serverOptions(srv), tt.args...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, r.stdout)
				}
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
		})
	}
}

func TestQueryErrors(t *testing.T) {
	t.Parallel()
	srv := newCLIServer(t, "the-right-key")
	tests := []struct {
		name string
		key  string
		args []string
		want string
	}{
		{"unknown column", "the-right-key", []string{"query", "SELECT Nope FROM Contacts"}, `column "Nope" could not be found`},
		{"unknown table", "the-right-key", []string{"query", "SELECT * FROM Nope"}, "table not found: Nope"},
		{"unbound param", "the-right-key", []string{"query", "SELECT Id FROM Contacts WHERE Id = :Id"}, "unbound parameter :Id (give it with --param Id=value)"},
		{"unsupported verb", "the-right-key", []string{"query", "DELETE FROM LinkedInAccounts WHERE Id = 1"}, "DELETE LinkedInAccounts: operation not supported"},
		{"api error", "the-right-key", []string{"query", "UPDATE Contacts SET Title = 'x' WHERE Id = 5"}, "404"},
		{"second statement", "the-right-key", []string{"query", "SELECT 1; SELECT Nope FROM Contacts"}, "statement 2 of 2 (SELECT Nope FROM Contacts)"},
		{"rest not run", "the-right-key", []string{"query", "SELECT 1; SELECT Nope FROM Contacts; SELECT 2; SELECT 3"},
			"statement 2 of 4 (SELECT Nope FROM Contacts): " + `column "Nope" could not be found in any table in scope (statements 3 to 4 did not run; --force runs every statement)`},
		{"wrong key", "wrong-key-0123456789", []string{"query", "SELECT Id FROM Contacts LIMIT 1"}, "401"},
		{"bad format", "the-right-key", []string{"query", "--format", "xml", "SELECT 1"}, "--format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runCLI(t, map[string]string{"REPLY_API_KEY": tt.key, "REPLY_BASE_URL": srv.URL}, serverOptions(srv), tt.args...)
			wantOneLineError(t, r, tt.want)
			if strings.Contains(r.stderr, "wrong-key-0123456789") {
				t.Error("the API key was printed")
			}
		})
	}
}

func TestQueryForce(t *testing.T) {
	t.Parallel()
	srv := newCLIServer(t)
	vars := map[string]string{"REPLY_API_KEY": srv.Key, "REPLY_BASE_URL": srv.URL}
	script := "SELECT Nope FROM Contacts;\nSELECT 1 AS one;\nSELECT * FROM Contactz;\nSELECT 2 AS two;\n"
	tests := []struct {
		name       string
		args       []string
		code       int
		wantOut    []string
		wantNotOut []string
		wantErr    []string
	}{
		{"force runs every statement", []string{"query", "--force", "--format", "csv", script}, 1,
			[]string{"one\n1\n", "two\n2\n"}, nil,
			[]string{"replykit: statement 1 of 4 (SELECT Nope FROM Contacts): column \"Nope\" could not be found",
				"replykit: statement 3 of 4 (SELECT * FROM Contactz): table not found: Contactz",
				"2 of 4 statements failed (statement 1, 3); the others ran"}},
		{"force json stays an array per statement", []string{"query", "--force", "--format", "json", "SELECT 1 AS one; SELECT Nope FROM Contacts"}, 1,
			[]string{"[\n  {\"one\": 1}\n]\n"}, nil, []string{"1 of 2 statements failed (statement 2)"}},
		{"force, nothing fails", []string{"query", "--force", "--format", "csv", "SELECT 1 AS one; SELECT 2 AS two"}, 0,
			[]string{"one\n1\n", "two\n2\n"}, nil, nil},
		{"without force the rest does not run", []string{"query", "--format", "csv", script}, 1,
			nil, []string{"one"}, []string{"statement 1 of 4 (SELECT Nope FROM Contacts)", "(statements 2 to 4 did not run; --force runs every statement)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runCLI(t, maps.Clone(vars), serverOptions(srv), tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d: %s", r.code, tt.code, r.stderr)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, r.stdout)
				}
			}
			for _, w := range tt.wantNotOut {
				if strings.Contains(r.stdout, w) {
					t.Errorf("stdout has %q:\n%s", w, r.stdout)
				}
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
		})
	}
}

func TestShell(t *testing.T) {
	t.Parallel()
	srv := newCLIServer(t)
	home := t.TempDir()
	hist := filepath.Join(home, "hist")
	vars := map[string]string{"REPLY_API_KEY": srv.Key, "REPLY_BASE_URL": srv.URL, "HOME": home}
	in := "SELECT Id\n  FROM Contacts WHERE Id = 1002;\nSELECT Nope FROM Contacts;\n\\format csv\n!1\nhistory\n\\q\n"
	var stdout, stderr bytes.Buffer
	e := env{Getenv: func(k string) string { return vars[k] }, Stdin: strings.NewReader(in), ClientOptions: serverOptions(srv)}
	code := execute(t.Context(), e, []string{"shell", "--history", hist}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, w := range []string{"reply> ", "    -> ", "| 1002 |", "Id\n1002\n", "   1  SELECT Id FROM Contacts WHERE Id = 1002;"} {
		if !strings.Contains(stdout.String(), w) {
			t.Errorf("stdout lacks %q:\n%s", w, stdout.String())
		}
	}
	if !strings.Contains(stderr.String(), `error: column "Nope" could not be found`) {
		t.Errorf("stderr: %s", stderr.String())
	}
	b, err := os.ReadFile(hist)
	if err != nil || !strings.Contains(string(b), "SELECT Nope FROM Contacts;") {
		t.Errorf("history file: %q, %v", b, err)
	}
}

func TestServeRefusesWithoutPassword(t *testing.T) {
	t.Parallel()
	srv := newCLIServer(t)
	r := runCLI(t, map[string]string{"REPLY_API_KEY": srv.Key, "REPLY_BASE_URL": srv.URL}, serverOptions(srv), "serve", "--listen", "127.0.0.1:0")
	wantOneLineError(t, r, "refusing to serve without a password")
}

func TestServe(t *testing.T) {
	t.Parallel()
	srv := newCLIServer(t)
	vars := map[string]string{"REPLY_API_KEY": srv.Key, "REPLY_BASE_URL": srv.URL, "HOME": t.TempDir(), "REPLYKIT_SQL_PASSWORD": "pw"}
	e := env{Getenv: func(k string) string { return vars[k] }, ClientOptions: serverOptions(srv)}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- execute(ctx, e, []string{"serve", "--listen", "127.0.0.1:0", "--user", "me"}, io.Discard, pw)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	addr := ""
	for sc.Scan() {
		if _, a, ok := strings.Cut(sc.Text(), " addr="); ok {
			addr, _, _ = strings.Cut(a, " ")
			break
		}
	}
	go io.Copy(io.Discard, pr)
	if addr == "" {
		t.Fatal("serve did not log its address")
	}
	db, err := sql.Open("mysql", "me:pw@tcp("+addr+")/reply?parseTime=true")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var email string
	if err := db.QueryRowContext(t.Context(), "SELECT Email FROM Contacts WHERE Id = 1002").Scan(&email); err != nil || !strings.Contains(email, "@") {
		t.Errorf("email = %q, %v", email, err)
	}
	db.Close()
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit code %d", code)
	}
}

// watched is an output buffer a test can wait on.
type watched struct {
	mu      sync.Mutex
	b       strings.Builder
	changed chan struct{}
}

func newWatched() *watched { return &watched{changed: make(chan struct{}, 1)} }

func (w *watched) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.b.Write(p)
	select {
	case w.changed <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (w *watched) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// waitFor waits until the output holds n occurrences of s.
func (w *watched) waitFor(tb testing.TB, s string, n int) {
	tb.Helper()
	timeout := time.After(10 * time.Second)
	for strings.Count(w.String(), s) < n {
		select {
		case <-w.changed:
		case <-timeout:
			tb.Fatalf("output never held %d x %q:\n%s", n, s, w.String())
		}
	}
}

// TestShellSignals: Ctrl-C at the prompt drops the statement being typed and the shell goes on (as under
// rlwrap, which passes Ctrl-C on); Ctrl-C during a statement cancels it; SIGTERM ends the shell.
func TestShellSignals(t *testing.T) {
	t.Parallel()
	srv := newCLIServer(t)
	vars := map[string]string{"REPLY_API_KEY": srv.Key, "REPLY_BASE_URL": srv.URL, "HOME": t.TempDir()}
	cfg := newConfig(env{Getenv: func(k string) string { return vars[k] }, ClientOptions: serverOptions(srv)}, io.Discard, io.Discard)
	c, e, err := newSQLEngine(t.Context(), cfg, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	newShell := func(in io.Reader, out, errw io.Writer, sigs chan os.Signal) *shell {
		return &shell{c: c, e: e, in: in, out: out, errw: errw, format: "csv", params: map[string]string{}, signals: sigs}
	}

	t.Run("interrupt at the prompt", func(t *testing.T) {
		inR, inW := io.Pipe()
		out, errw := newWatched(), newWatched()
		sigs := make(chan os.Signal, 1)
		done := make(chan error, 1)
		go func() { done <- newShell(inR, out, errw, sigs).run(t.Context()) }()
		io.WriteString(inW, "SELECT Nope\n")
		out.waitFor(t, "    -> ", 1)
		sigs <- os.Interrupt
		out.waitFor(t, "^C\nreply> ", 1)
		io.WriteString(inW, "SELECT 1 AS one;\n\\history\n")
		out.waitFor(t, "   1  SELECT 1 AS one;", 1)
		inW.Close()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "one\n1\n") || errw.String() != "" {
			t.Errorf("stdout:\n%s\nstderr:\n%s", out.String(), errw.String())
		}
	})
	t.Run("terminate at the prompt", func(t *testing.T) {
		inR, inW := io.Pipe()
		defer inW.Close()
		sigs := make(chan os.Signal, 1)
		sigs <- syscall.SIGTERM
		if err := newShell(inR, io.Discard, io.Discard, sigs).run(t.Context()); err != nil {
			t.Fatal(err)
		}
	})
	for _, tt := range []struct {
		sig   os.Signal
		ended bool
	}{{os.Interrupt, false}, {syscall.SIGTERM, true}} {
		t.Run("signal during a statement: "+tt.sig.String(), func(t *testing.T) {
			var out, errw bytes.Buffer
			sigs := make(chan os.Signal, 1)
			// The GET hangs until cancelled; the signal is already there: exec is its only reader.
			srv.Fail("contacts.get", replytest.Fault{Delay: time.Hour, Times: 1})
			sigs <- tt.sig
			sh := newShell(strings.NewReader(""), &out, &errw, sigs)
			sh.exec(t.Context(), "SELECT Email FROM Contacts WHERE Id = 1002; SELECT 2 AS two;")
			if !strings.HasPrefix(errw.String(), "cancelled: SELECT Email FROM Contacts WHERE Id = 1002") || strings.Contains(out.String(), "two") {
				t.Errorf("stdout:\n%s\nstderr:\n%s", out.String(), errw.String())
			}
			if sh.ended != tt.ended {
				t.Errorf("ended = %v, want %v", sh.ended, tt.ended)
			}
		})
	}
}
