package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/replicate"
	"github.com/replykit/replykit/reply"
)

// demoQueries are the SQL statements the demo runs over the replicated SQLite file.
var demoQueries = []struct{ title, sql string }{
	{"Contacts per account (top 5)", `SELECT a.name AS account, COUNT(c.id) AS contacts
FROM accounts a JOIN contacts c ON c.account_id = a.id AND c._deleted_at IS NULL
GROUP BY a.name ORDER BY contacts DESC, account LIMIT 5`},
	{"Enrolments by status in sequence", `SELECT s.name AS sequence, sc.status_in_sequence AS status, COUNT(*) AS contacts
FROM sequence_contacts sc JOIN sequences s ON s.id = sc.sequence_id
GROUP BY s.name, sc.status_in_sequence ORDER BY s.name, status`},
	{"Steps per sequence, by type", `SELECT s.name AS sequence, st.type, COUNT(*) AS steps
FROM sequence_steps st JOIN sequences s ON s.id = st.sequence_id
GROUP BY s.name, st.type ORDER BY s.name, st.type`},
	{"What replykit remembers per object (_replykit_state, first 6)", `SELECT object, strategy, mode, cursor_value, rows_total, api_calls
FROM _replykit_state ORDER BY object LIMIT 6`},
}

// demoReplicate replicates the emulator into a SQLite file, runs a few queries over it, changes the account
// through the API (a new contact, an edit, a delete) and replicates again, incrementally.
func demoReplicate(ctx context.Context, d *demo) error {
	file := d.dbFile
	for _, suffix := range []string{"", "-wal", "-shm", "-_replykit_state.lock"} {
		if err := os.Remove(file + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	driver, dsn, dialect, err := destDSN(file)
	if err != nil {
		return err
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	// The summary tables say what each run did; per-table info lines would repeat them.
	r := replicate.New(d.client, dialect, db, replicate.WithLogger(slog.New(minLevel{slog.LevelWarn, d.log.Handler()})))

	fmt.Fprintf(d.out, "\n== Replicating every object into SQLite file %s\n\n", file)
	if err := demoRun(ctx, d, r); err != nil {
		return err
	}
	for _, q := range demoQueries {
		if err := demoQuery(ctx, d, db, q.title, q.sql); err != nil {
			return err
		}
	}

	fmt.Fprintf(d.out, "\n== Changing the account through the API: one contact created, one renamed, one deleted\n")
	ids, err := demoChange(ctx, d.client)
	if err != nil {
		return err
	}
	fmt.Fprintf(d.out, "\n== Replicating again: incremental where the API allows it\n\n")
	if err := demoRun(ctx, d, r); err != nil {
		return err
	}
	// The run lock's side file is of no use once the demo's runs are over.
	if err := os.Remove(file + "-_replykit_state.lock"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return demoQuery(ctx, d, db, "The changed contacts in SQLite", fmt.Sprintf(
		`SELECT id, email, first_name, last_name, _deleted_at IS NOT NULL AS deleted FROM contacts WHERE id IN (%d, %d, %d) ORDER BY id`,
		ids[0], ids[1], ids[2]))
}

// demoRun runs one replication and prints its summary.
func demoRun(ctx context.Context, d *demo, r *replicate.Replicator) error {
	sum, err := r.Run(ctx, catalog.All())
	if sum != nil {
		if werr := sum.WriteText(d.out); werr != nil {
			return werr
		}
	}
	return err
}

// demoChange creates, renames and deletes a contact, and returns their ids (renamed, deleted, created).
func demoChange(ctx context.Context, c *reply.Client) ([3]int64, error) {
	var ids [3]int64
	var picked []reply.Contact
	for ct, err := range c.Contacts.List(ctx, &reply.ContactListOptions{Limit: 2}) {
		if err != nil {
			return ids, err
		}
		picked = append(picked, ct)
	}
	if len(picked) < 2 {
		return ids, errors.New("the demo account has fewer than 2 contacts")
	}
	first := "Renamed"
	if _, err := c.Contacts.Update(ctx, int64(picked[0].ID), reply.ContactUpdate{FirstName: &first}); err != nil {
		return ids, err
	}
	if err := c.Contacts.Delete(ctx, int64(picked[1].ID)); err != nil {
		return ids, err
	}
	created, err := c.Contacts.Create(ctx, reply.ContactCreate{Email: "new.demo@example.com", FirstName: "Nova", LastName: "Démo"})
	if err != nil {
		return ids, err
	}
	return [3]int64{int64(picked[0].ID), int64(picked[1].ID), int64(created.ID)}, nil
}

// demoQuery prints the result of one query over the destination.
func demoQuery(ctx context.Context, d *demo, db *sql.DB, title, query string) error {
	fmt.Fprintf(d.out, "\n-- %s\n   %s\n", title, strings.Join(strings.Fields(query), " "))
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("%s: %w", title, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(d.out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "   %s\n", strings.Join(cols, "\t"))
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		cells := make([]string, len(cols))
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			cells[i] = demoValue(v)
		}
		fmt.Fprintf(w, "   %s\n", strings.Join(cells, "\t"))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return w.Flush()
}
