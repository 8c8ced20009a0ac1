package dest_test

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/replykit/replykit/dest"
)

// TestCheckWritable: a writable destination passes on every engine; a read-only SQLite file fails before
// anything is written.
func TestCheckWritable(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			db := e.open(t)
			w := dest.NewWriter(e.dialect, "cw_", nil)
			if err := w.EnsureState(t.Context(), db); err != nil {
				t.Fatal(err)
			}
			if err := w.CheckWritable(t.Context(), db); err != nil {
				t.Fatal(err)
			}
		})
	}
	t.Run("sqlite read-only", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "ro.db")
		rw, err := sql.Open("sqlite", file)
		if err != nil {
			t.Fatal(err)
		}
		w := dest.NewWriter(dest.SQLite, "", nil)
		if err := w.EnsureState(t.Context(), rw); err != nil {
			t.Fatal(err)
		}
		rw.Close()
		ro, err := sql.Open("sqlite", "file:"+file+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		defer ro.Close()
		if err := w.EnsureState(t.Context(), ro); err != nil {
			t.Fatalf("EnsureState on an existing state table: %v", err)
		}
		err = w.CheckWritable(t.Context(), ro)
		if err == nil || !strings.Contains(err.Error(), "not writable") {
			t.Fatalf("CheckWritable on a read-only file: %v", err)
		}
	})
}
