package replicate_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
	"github.com/replykit/replykit/replicate"
	"github.com/replykit/replykit/reply/replytest"
)

// TestLock: while another session holds the destination's lock, a run fails at once with dest.ErrLocked and
// writes nothing; a lock of another prefix does not get in the way; once released, the run goes through.
func TestLock(t *testing.T) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			db := e.open(t)
			srv := newServer(t, replytest.SmallAccount)
			c := newClient(t, srv)
			tables := []*catalog.Table{mustTable(t, "Contacts")}
			w := dest.NewWriter(e.dialect, "", nil)
			unlock, err := w.Lock(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			before := c.Stats().Requests
			_, err = replicate.New(c, e.dialect, db, replicate.WithClock(srv.Now)).Run(ctx, tables)
			if !errors.Is(err, dest.ErrLocked) || !strings.Contains(err.Error(), "another replicate run holds the lock on") {
				t.Fatalf("run under another's lock: %v", err)
			}
			if calls := c.Stats().Requests - before; calls != 0 {
				t.Errorf("%d API calls under another's lock", calls)
			}
			if ok, err := w.HasState(ctx, db); ok || err != nil {
				t.Errorf("state table written under another's lock (%v)", err)
			}
			// Another prefix is another destination.
			if _, err := replicate.New(c, e.dialect, db, replicate.WithClock(srv.Now), replicate.WithPrefix("other_")).Run(ctx, tables); err != nil {
				t.Fatalf("other prefix: %v", err)
			}
			// A second Lock while it is held fails too.
			if _, err := w.Lock(ctx, db); !errors.Is(err, dest.ErrLocked) {
				t.Errorf("second lock: %v", err)
			}
			unlock()
			if _, err := replicate.New(c, e.dialect, db, replicate.WithClock(srv.Now)).Run(ctx, tables); err != nil {
				t.Fatalf("after unlock: %v", err)
			}
			assertSame(t, ctx, c, db, e.dialect, tables[0], dest.Options{})
			// The run released its lock.
			again, err := w.Lock(ctx, db)
			if err != nil {
				t.Fatalf("lock after the run: %v", err)
			}
			again()
		})
	}
}
