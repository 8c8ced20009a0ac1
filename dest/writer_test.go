package dest_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

func things() *catalog.Table {
	return &catalog.Table{Name: "TestThings", Key: []string{"Id"}, Columns: []catalog.Column{
		{Name: "Id", Field: "id", Type: catalog.Int},
		{Name: "FirstName", Field: "firstName", Type: catalog.Text},
		{Name: "Score", Field: "score", Type: catalog.Float},
		{Name: "IsActive", Field: "isActive", Type: catalog.Bool},
		{Name: "LastModifiedAt", Field: "lastModifiedAt", Type: catalog.Time},
		{Name: "Birthday", Field: "birthday", Type: catalog.Date},
		{Name: "CustomFields", Field: "customFields", Type: catalog.JSON},
		{Name: "Steps", Field: "steps", Type: catalog.JSON, Items: []catalog.Column{
			{Name: "Id", Field: "id", Type: catalog.Int},
			{Name: "Type", Field: "type", Type: catalog.Text},
			{Name: "DelayInMinutes", Field: "delayInMinutes", Type: catalog.Int},
		}},
		{Name: "Phone2", Field: "phone2", Type: catalog.Text, WriteOnly: true},
	}}
}

var t0 = time.Date(2026, 1, 5, 9, 0, 0, 123456000, time.UTC)

func rec(id int64, name string, mod time.Time) dest.Record {
	return dest.Record{Values: []any{id, name, 1.5, true, mod, "1990-02-03", json.RawMessage(`{"b": 1, "a": [1, "x"]}`),
		json.RawMessage(`[{"id": 1, "type": "email"}]`)}, Hash: fmt.Sprintf("h%d-%s", id, name)}
}

func TestDDLGolden(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			w := dest.NewWriter(e.dialect, "", nil)
			tbl := dest.TableFor(things(), dest.Options{})
			child, err := dest.ChildFor(tbl, things(), things().Columns[7], dest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := w.CreateSQL(tbl) + ";\n" + w.CreateSQL(child) + ";\n" + w.UpsertSQL(tbl.Name, tbl.Key, []string{"id", "first_name", "_row_hash"}, 2) + ";\n"
			path := filepath.Join("testdata", "ddl_"+e.name+".sql")
			if *update {
				os.MkdirAll("testdata", 0o755)
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("DDL differs from %s (run with -update):\n%s", path, got)
			}
		})
	}
}

func TestSnakeCase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"FirstName", "first_name"},
		{"Id", "id"},
		{"LinkedInUrl", "linked_in_url"},
		{"HTTPCode", "http_code"},
		{"SequenceSteps", "sequence_steps"},
		{"Phone2", "phone2"},
		{"already_snake", "already_snake"},
	}
	for _, tt := range tests {
		if got := dest.SnakeCase(tt.in); got != tt.want {
			t.Errorf("SnakeCase(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWriter(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			db := e.open(t)
			w := dest.NewWriter(e.dialect, "p_", nil)
			opts := dest.Options{Prefix: "p_", Nested: map[string]bool{}}
			tbl := dest.TableFor(things(), opts)
			if tbl.Name != "p_test_things" || tbl.Columns[1].Name != "first_name" {
				t.Fatalf("table = %s, columns %v", tbl.Name, tbl.Columns)
			}
			if slices.ContainsFunc(tbl.Columns, func(c dest.Column) bool { return c.Source == "Phone2" }) {
				t.Fatal("write-only column replicated")
			}
			if added, err := w.Ensure(ctx, db, tbl); err != nil || len(added) != len(tbl.Columns)+2 {
				t.Fatalf("created %v, %v", added, err)
			}
			if err := w.EnsureState(ctx, db); err != nil {
				t.Fatal(err)
			}

			// A batch and its state commit together.
			tx, err := w.Begin(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Upsert(ctx, tx, tbl, []dest.Record{rec(1, "Ann", t0), rec(2, "Bob", t0), rec(3, "Cy", t0), rec(2, "Bobby", t0)}); err != nil {
				t.Fatal(err)
			}
			st := dest.State{Object: tbl.Name, Strategy: "full", Mode: "full", Cursor: "2026-01-05T09:00:00Z", Status: "done",
				StartedAt: t0, FinishedAt: t0.Add(time.Second), Rows: 3, Written: 3, Calls: 2, Note: "n"}
			if err := w.SaveState(ctx, tx, st); err != nil {
				t.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			got := readTable(t, db, e.dialect, tbl.Name, tbl.Columns[:3])
			want := []string{"id=1 first_name=Ann score=1.5", "id=2 first_name=Bobby score=1.5", "id=3 first_name=Cy score=1.5"}
			if !slices.Equal(got, want) {
				t.Fatalf("rows = %q, want %q", got, want)
			}
			full := readTable(t, db, e.dialect, tbl.Name, tbl.Columns)
			wantFull := `id=1 first_name=Ann score=1.5 is_active=true last_modified_at=2026-01-05T09:00:00.123456Z birthday=1990-02-03 custom_fields={"a":[1,"x"],"b":1} steps=[{"id":1,"type":"email"}]`
			if full[0] != wantFull {
				t.Fatalf("row = %s\nwant  %s", full[0], wantFull)
			}
			gotState, ok, err := w.LoadState(ctx, db, tbl.Name)
			if err != nil || !ok {
				t.Fatalf("LoadState: %v %v", ok, err)
			}
			if gotState != st {
				t.Fatalf("state = %+v, want %+v", gotState, st)
			}

			// A rolled-back batch leaves nothing.
			tx, err = w.Begin(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Upsert(ctx, tx, tbl, []dest.Record{rec(9, "Gone", t0)}); err != nil {
				t.Fatal(err)
			}
			tx.Rollback()

			// Soft delete, then the row comes back; hard delete.
			tx, _ = w.Begin(ctx, db)
			if n, err := w.Delete(ctx, tx, tbl, [][]any{{int64(1)}, {int64(3)}}, true, t0); err != nil || n != 2 {
				t.Fatalf("soft delete: %d %v", n, err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			hashes, err := w.Hashes(ctx, db, tbl)
			if err != nil {
				t.Fatal(err)
			}
			if len(hashes) != 1 || hashes["2"] != "h2-Bobby" {
				t.Fatalf("hashes = %v", hashes)
			}
			tx, _ = w.Begin(ctx, db)
			if err := w.Upsert(ctx, tx, tbl, []dest.Record{rec(1, "Ann2", t0)}); err != nil {
				t.Fatal(err)
			}
			if n, err := w.Delete(ctx, tx, tbl, [][]any{{int64(2)}}, false, t0); err != nil || n != 1 {
				t.Fatalf("hard delete: %d %v", n, err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			sys := []dest.Column{{Name: "id", Type: catalog.Int}, {Name: dest.DeletedAt, Type: catalog.Time}}
			got = readTable(t, db, e.dialect, tbl.Name, sys)
			want = []string{"id=1 _deleted_at=NULL", "id=3 _deleted_at=2026-01-05T09:00:00.123456Z"}
			if !slices.Equal(got, want) {
				t.Fatalf("rows = %q, want %q", got, want)
			}

			// Invalidate clears the hash of live rows only, so the next run rewrites them.
			if n, err := w.Invalidate(ctx, db, tbl, [][]any{{int64(1)}, {int64(3)}, {int64(7)}}); err != nil || n != 1 {
				t.Fatalf("invalidate: %d %v", n, err)
			}
			if hashes, err := w.Hashes(ctx, db, tbl); err != nil || len(hashes) != 1 || hashes["1"] != "" {
				t.Fatalf("hashes after invalidate = %v, %v", hashes, err)
			}
			if ok, err := w.Exists(ctx, db, tbl); err != nil || !ok {
				t.Fatalf("Exists(%s) = %v, %v", tbl.Name, ok, err)
			}
			if ok, err := w.Exists(ctx, db, &dest.Table{Name: "p_never_created"}); err != nil || ok {
				t.Fatalf("Exists(p_never_created) = %v, %v", ok, err)
			}

			// Schema drift: a new catalog column is added, nothing is dropped.
			drift := things()
			drift.Columns = append(drift.Columns, catalog.Column{Name: "NewField", Type: catalog.Text})
			drift.Columns = slices.DeleteFunc(drift.Columns, func(c catalog.Column) bool { return c.Name == "Score" })
			added, err := w.Ensure(ctx, db, dest.TableFor(drift, opts))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(added, []string{"new_field"}) {
				t.Fatalf("added = %v", added)
			}
			if added, _ := w.Ensure(ctx, db, dest.TableFor(drift, opts)); len(added) != 0 {
				t.Fatalf("second Ensure added %v", added)
			}

			// Bulk batch (COPY on PostgreSQL).
			var many []dest.Record
			for i := range 700 {
				many = append(many, rec(int64(100+i), fmt.Sprintf("n%d", i), t0.Add(time.Duration(i)*time.Second)))
			}
			tx, _ = w.Begin(ctx, db)
			if err := w.Upsert(ctx, tx, tbl, many); err != nil {
				t.Fatal(err)
			}
			many[5].Values[1] = "changed"
			if err := w.Upsert(ctx, tx, tbl, many); err != nil {
				t.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			if hashes, _ := w.Hashes(ctx, db, tbl); len(hashes) != 701 {
				t.Fatalf("live rows = %d, want 701", len(hashes))
			}
			// New keys: inserted without conflict handling (COPY straight into the table on PostgreSQL).
			var fresh []dest.Record
			for i := range 300 {
				fresh = append(fresh, rec(int64(5000+i), fmt.Sprintf("f%d", i), t0))
			}
			tx, _ = w.Begin(ctx, db)
			if err := w.Insert(ctx, tx, tbl, fresh); err != nil {
				t.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			if hashes, _ := w.Hashes(ctx, db, tbl); len(hashes) != 1001 || hashes["5299"] != fresh[299].Hash {
				t.Fatalf("live rows = %d after insert", len(hashes))
			}
			if deleted, err := w.DeletedKeys(ctx, db, tbl); err != nil || len(deleted) != 1 || !deleted["3"] {
				t.Fatalf("deleted keys = %v, %v", deleted, err)
			}
			got = readTable(t, db, e.dialect, tbl.Name, tbl.Columns[:2])
			if !slices.Contains(got, "id=105 first_name=changed") || !slices.Contains(got, "id=5000 first_name=f0") {
				t.Fatalf("bulk update lost: %v", got[:5])
			}

			// Child tables: keyed by parent key and position, replaced per parent.
			opts.Nested["Steps"] = true
			parent := dest.TableFor(things(), opts)
			if slices.ContainsFunc(parent.Columns, func(c dest.Column) bool { return c.Source == "Steps" }) {
				t.Fatal("nested column kept in parent")
			}
			child, err := dest.ChildFor(parent, things(), things().Columns[7], opts)
			if err != nil {
				t.Fatal(err)
			}
			if child.Name != "p_test_things__steps" || strings.Join(child.Key, ",") != "_parent_id,_position" {
				t.Fatalf("child %s key %v", child.Name, child.Key)
			}
			if _, err := w.Ensure(ctx, db, child); err != nil {
				t.Fatal(err)
			}
			tx, _ = w.Begin(ctx, db)
			err = w.Upsert(ctx, tx, child, []dest.Record{
				{Values: []any{int64(1), int64(0), int64(11), "email", int64(0)}, Hash: "a"},
				{Values: []any{int64(1), int64(1), int64(12), "call", int64(60)}, Hash: "b"},
				{Values: []any{int64(2), int64(0), int64(21), "email", nil}, Hash: "c"},
			})
			if err != nil {
				t.Fatal(err)
			}
			if n, err := w.DeleteChildren(ctx, tx, child, [][]any{{int64(1)}}); err != nil || n != 2 {
				t.Fatalf("DeleteChildren: %d %v", n, err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			got = readTable(t, db, e.dialect, child.Name, child.Columns)
			want = []string{"_parent_id=2 _position=0 id=21 type=email delay_in_minutes=NULL"}
			if !slices.Equal(got, want) {
				t.Fatalf("child rows = %q, want %q", got, want)
			}
		})
	}
}
