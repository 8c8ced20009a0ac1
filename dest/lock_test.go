package dest_test

import (
	"errors"
	"testing"

	"github.com/replykit/replykit/dest"
)

// TestLock: a held lock refuses a second taker until released; each prefix has its own lock.
func TestLock(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			if e.dialect.TryLock == nil {
				t.Skipf("%s has no lock", e.dialect.Name)
			}
			ctx := t.Context()
			db := e.open(t)
			w, other := dest.NewWriter(e.dialect, "", nil), dest.NewWriter(e.dialect, "p_", nil)
			unlock, err := w.Lock(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Lock(ctx, db); !errors.Is(err, dest.ErrLocked) {
				t.Fatalf("second lock: %v, want ErrLocked", err)
			}
			unlockOther, err := other.Lock(ctx, db)
			if err != nil {
				t.Fatalf("lock of another prefix: %v", err)
			}
			unlockOther()
			unlock()
			unlock, err = w.Lock(ctx, db)
			if err != nil {
				t.Fatalf("lock after release: %v", err)
			}
			unlock()
			// Writes go on while the lock is held (SQLite: the lock lives in a side file).
			unlock, err = w.Lock(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			defer unlock()
			if err := w.EnsureState(ctx, db); err != nil {
				t.Fatalf("write under the lock: %v", err)
			}
			if err := w.SaveState(ctx, db, dest.State{Object: "x", Detail: true}); err != nil {
				t.Fatalf("write under the lock: %v", err)
			}
			st, ok, err := w.LoadState(ctx, db, "x")
			if err != nil || !ok || !st.Detail {
				t.Fatalf("state: %+v %v %v", st, ok, err)
			}
		})
	}
}

// TestStateMigration: a state table from before detail_fetched is read (Detail true: those runs fetched detail)
// and EnsureState adds the column.
func TestStateMigration(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			ctx := t.Context()
			db := e.open(t)
			w := dest.NewWriter(e.dialect, "", nil)
			if err := w.EnsureState(ctx, db); err != nil {
				t.Fatal(err)
			}
			if err := w.SaveState(ctx, db, dest.State{Object: "x", Rows: 7}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec("ALTER TABLE " + e.dialect.Quote(dest.StateTable) + " DROP COLUMN detail_fetched"); err != nil {
				t.Fatal(err)
			}
			st, ok, err := w.LoadState(ctx, db, "x")
			if err != nil || !ok || !st.Detail || st.Rows != 7 {
				t.Fatalf("old state: %+v %v %v", st, ok, err)
			}
			if err := w.EnsureState(ctx, db); err != nil {
				t.Fatal(err)
			}
			if err := w.SaveState(ctx, db, dest.State{Object: "x", Rows: 8}); err != nil {
				t.Fatal(err)
			}
			if st, _, err := w.LoadState(ctx, db, "x"); err != nil || st.Detail || st.Rows != 8 {
				t.Fatalf("migrated state: %+v %v", st, err)
			}
		})
	}
}
