package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/replykit/replykit/dest"
	"github.com/replykit/replykit/reply/replytest"
)

func TestDestDSN(t *testing.T) {
	tests := []struct {
		to, driver, dsn string
	}{
		{"", "sqlite", "replykit.db?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)"},
		{"out.db", "sqlite", "out.db?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)"},
		{"sqlite:x.db", "sqlite", "x.db?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)"},
		{"postgres://u@h:5432/db?sslmode=disable", "pgx", "postgres://u@h:5432/db?sslmode=disable"},
		{"cockroachdb://root@h:26257/db", "pgx", "postgres://root@h:26257/db"},
		{"mysql://root:pw@127.0.0.1:3306/reply", "mysql", "root:pw@tcp(127.0.0.1:3306)/reply?interpolateParams=true&parseTime=true"},
		{"mysql://root@db/reply?tls=skip-verify", "mysql", "root@tcp(db:3306)/reply?interpolateParams=true&parseTime=true&tls=skip-verify"},
		{"mysql://root@db/reply?interpolateParams=false&sql_mode=ANSI", "mysql", "root@tcp(db:3306)/reply?parseTime=true&sql_mode=ANSI"},
	}
	for _, tt := range tests {
		driver, dsn, _, err := destDSN(tt.to)
		if err != nil || driver != tt.driver || dsn != tt.dsn {
			t.Errorf("destDSN(%q) = %q, %q, %v; want %q, %q", tt.to, driver, dsn, err, tt.driver, tt.dsn)
		}
	}
	for _, bad := range []string{"mysql://root@host", "oracle://x"} {
		if _, _, _, err := destDSN(bad); err == nil {
			t.Errorf("destDSN(%q): no error", bad)
		}
	}
	if got := redactDSN("postgres://u:secret@h/db"); strings.Contains(got, "secret") {
		t.Errorf("redactDSN kept the password: %s", got)
	}
}

func replicateEnv(srv *replytest.Server, key string) map[string]string {
	return map[string]string{"REPLY_API_KEY": key, "REPLY_BASE_URL": srv.URL}
}

func TestReplicateCommand(t *testing.T) {
	srv := newCLIServer(t)
	file := filepath.Join(t.TempDir(), "r.db")
	args := []string{"replicate", "--to", file, "--objects", "Contacts,Sequences", "--rpm", "0", "--rph", "0"}

	r := runCLI(t, replicateEnv(srv, srv.Key), serverOptions(srv), args...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "contacts") || !strings.Contains(r.stdout, "sequences") {
		t.Errorf("summary: %s", r.stdout)
	}
	db, err := sql.Open("sqlite", file)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM contacts WHERE _deleted_at IS NULL").Scan(&n); err != nil || n != 12 {
		t.Fatalf("contacts: %d rows, %v", n, err)
	}

	r = runCLI(t, replicateEnv(srv, srv.Key), serverOptions(srv), append(args, "--plan")...)
	if r.code != 0 || !strings.Contains(r.stdout, "minimum wall time") || !strings.Contains(r.stdout, "last run") {
		t.Fatalf("plan: exit %d: %s %s", r.code, r.stdout, r.stderr)
	}

	for _, bad := range [][]string{{"--nested", "xml"}, {"--deletes", "maybe"}, {"--naming", "camel"}, {"--objects", "Nope"},
		{"--probe"}, {"--detail", "--no-detail"}} {
		r = runCLI(t, replicateEnv(srv, srv.Key), serverOptions(srv), append(append([]string{}, args...), bad...)...)
		wantOneLineError(t, r, bad[0][2:])
	}

	// Detail-only columns: left NULL by default, priced by --plan, fetched with --detail.
	if err := db.QueryRow("SELECT count(*) FROM sequences WHERE steps IS NOT NULL").Scan(&n); err != nil || n != 0 {
		t.Fatalf("sequences.steps: %d rows set by default, %v", n, err)
	}
	r = runCLI(t, replicateEnv(srv, srv.Key), serverOptions(srv), append(args, "--plan", "--detail")...)
	if r.code != 0 || !strings.Contains(r.stdout, "GETs for detail-only columns") {
		t.Fatalf("plan --detail: exit %d: %s %s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, replicateEnv(srv, srv.Key), serverOptions(srv), append(args, "--detail")...)
	if r.code != 0 {
		t.Fatalf("--detail: exit %d: %s", r.code, r.stderr)
	}
	if err := db.QueryRow("SELECT count(*) FROM sequences WHERE steps IS NULL").Scan(&n); err != nil || n != 0 {
		t.Fatalf("sequences.steps: %d rows unset after --detail, %v", n, err)
	}
}

func TestReplicateFailures(t *testing.T) {
	const good = "good-key-1234"
	srv := newCLIServer(t, good)
	opts := serverOptions(srv) // the emulator's clock: retries and Retry-After advance it instead of sleeping
	dir := t.TempDir()
	to := func(name string) []string {
		return []string{"replicate", "--to", filepath.Join(dir, name), "--objects", "Contacts", "--rpm", "0", "--rph", "0"}
	}

	t.Run("wrong key", func(t *testing.T) {
		r := runCLI(t, replicateEnv(srv, "bad-key-5678"), opts, to("a.db")...)
		wantOneLineError(t, r, "401")
		if strings.Contains(r.stderr+r.stdout, "bad-key-5678") {
			t.Error("the key was printed")
		}
	})
	t.Run("unreachable database", func(t *testing.T) {
		args := []string{"replicate", "--to", "postgres://postgres:secret@127.0.0.1:1/x?connect_timeout=2", "--rpm", "0", "--rph", "0"}
		r := runCLI(t, replicateEnv(srv, good), opts, args...)
		wantOneLineError(t, r, "unreachable")
		if strings.Contains(r.stderr, "secret") {
			t.Error("the password was printed")
		}
	})
	t.Run("read-only database", func(t *testing.T) {
		file := filepath.Join(dir, "ro.db")
		if r := runCLI(t, replicateEnv(srv, good), opts, to("ro.db")...); r.code != 0 {
			t.Fatalf("setup: %s", r.stderr)
		}
		args := []string{"replicate", "--to", "file:" + file + "?mode=ro", "--objects", "Contacts", "--full", "--rpm", "0", "--rph", "0"}
		r := runCLI(t, replicateEnv(srv, good), opts, args...)
		wantOneLineError(t, r, "readonly")
		if !strings.Contains(r.stderr, "stopped by the destination") || !strings.Contains(r.stderr, "not writable") ||
			strings.Contains(r.stderr, "rows done") || r.stdout != "" {
			t.Errorf("message: %s (stdout %q)", r.stderr, r.stdout)
		}
	})
	t.Run("locked", func(t *testing.T) {
		file := filepath.Join(dir, "locked.db")
		db, err := sql.Open("sqlite", file)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		unlock, err := dest.NewWriter(dest.SQLite, "", nil).Lock(t.Context(), db)
		if err != nil {
			t.Fatal(err)
		}
		r := runCLI(t, replicateEnv(srv, good), opts, to("locked.db")...)
		wantOneLineError(t, r, "another replicate run holds the lock on "+file)
		unlock()
		if r := runCLI(t, replicateEnv(srv, good), opts, to("locked.db")...); r.code != 0 {
			t.Fatalf("after unlock: %s", r.stderr)
		}
	})
	for _, status := range []int{500, 429} {
		t.Run("storm "+statusName(status), func(t *testing.T) {
			srv.Fail("contacts.list", replytest.Fault{Status: status, RetryAfter: time.Second})
			defer srv.Fail("contacts.list", replytest.Fault{})
			r := runCLI(t, replicateEnv(srv, good), opts, append(to("storm.db"), "--log-level", "error")...)
			wantOneLineError(t, r, "resume")
		})
	}
}

func statusName(s int) string {
	if s == 429 {
		return "429"
	}
	return "5xx"
}
