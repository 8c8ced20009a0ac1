package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/replykit/replykit/reply/replytest"
)

func TestSyncCommand(t *testing.T) {
	srv := newCLIServer(t)
	file := filepath.Join(t.TempDir(), "s.db")
	args := []string{"sync", "--to", file, "--objects", "Contacts,Accounts", "--rpm", "0", "--rph", "0"}

	r := runCLI(t, replicateEnv(srv, srv.Key), serverOptions(srv), args...)
	if r.code != 0 || !strings.Contains(r.stdout, "PULLED") || !strings.Contains(r.stdout, "contacts") {
		t.Fatalf("first run: exit %d: %s %s", r.code, r.stdout, r.stderr)
	}
	db, err := sql.Open("sqlite", file)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id int64
	if err := db.QueryRow("SELECT min(id) FROM contacts").Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE contacts SET first_name = 'Cli' WHERE id = ?", id); err != nil {
		t.Fatal(err)
	}

	r = runCLI(t, replicateEnv(srv, srv.Key), serverOptions(srv), append(args, "--dry-run")...)
	if r.code != 0 || !strings.Contains(r.stdout, "would Contacts push update") {
		t.Fatalf("dry run: exit %d: %s %s", r.code, r.stdout, r.stderr)
	}

	srv.Fail("contacts.update", replytest.Fault{Status: 400, Times: 1})
	r = runCLI(t, replicateEnv(srv, srv.Key), serverOptions(srv), args...)
	wantOneLineError(t, r, "1 row(s) failed")
	if !strings.Contains(r.stdout, "FAILED") {
		t.Errorf("no failure line: %s", r.stdout)
	}

	r = runCLI(t, replicateEnv(srv, srv.Key), serverOptions(srv), args...)
	if r.code != 0 || !strings.Contains(r.stdout, "Contacts push update") {
		t.Fatalf("retry: exit %d: %s %s", r.code, r.stdout, r.stderr)
	}

	for _, bad := range [][]string{{"--objects", "Tasks"}, {"--conflict", "coin"}} {
		r = runCLI(t, replicateEnv(srv, srv.Key), serverOptions(srv), append(append([]string{}, args[:3]...), bad...)...)
		wantOneLineError(t, r, bad[0][2:])
	}
}
