package main

import (
	"database/sql"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/replykit/replykit/catalog"
)

func TestDemo(t *testing.T) {
	t.Parallel()
	dbFile := filepath.Join(t.TempDir(), "demo.db")
	r := runCLI(t, map[string]string{}, nil, "demo", "--log-level", "error", "--db", dbFile)
	if r.code != 0 {
		t.Fatalf("exit code %d, stderr %q", r.code, r.stderr)
	}
	for _, tb := range catalog.All() {
		if !strings.Contains(r.stdout, "\n"+tb.Name+": ") {
			t.Errorf("demo output lacks object %s", tb.Name)
		}
	}
	want := "Contacts: " + strconv.Itoa(demoSeed().Contacts) + " rows (1 API call)"
	if !strings.Contains(r.stdout, want) {
		t.Errorf("demo output lacks %q:\n%s", want, r.stdout)
	}
	if strings.Contains(r.stdout, "  error: ") {
		t.Errorf("an object failed to list:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "API calls") {
		t.Errorf("demo output lacks the call total")
	}

	// The replication step: the file mirrors the emulator after the changes, and the second run saw them.
	db, err := sql.Open("sqlite", dbFile)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var live, deleted int
	if err := db.QueryRowContext(t.Context(),
		`SELECT COUNT(*) FILTER (WHERE _deleted_at IS NULL), COUNT(*) FILTER (WHERE _deleted_at IS NOT NULL) FROM contacts`,
	).Scan(&live, &deleted); err != nil {
		t.Fatal(err)
	}
	if live != demoSeed().Contacts || deleted != 1 {
		t.Errorf("contacts in SQLite: %d live, %d deleted; want %d live (one created, one deleted), 1 deleted",
			live, deleted, demoSeed().Contacts)
	}
	var first string
	if err := db.QueryRowContext(t.Context(), `SELECT first_name FROM contacts WHERE email = 'new.demo@example.com'`).Scan(&first); err != nil || first != "Nova" {
		t.Errorf("the contact created between runs: first_name %q, err %v", first, err)
	}
	for _, want := range []string{"== Replicating every object into SQLite file", "-- Contacts per account (top 5)",
		"== Replicating again", "Renamed"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
}
