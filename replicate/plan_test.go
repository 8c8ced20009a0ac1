package replicate_test

import (
	"strings"
	"testing"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
	"github.com/replykit/replykit/replicate"
	"github.com/replykit/replykit/reply/replytest"
)

func TestMinWall(t *testing.T) {
	tests := []struct {
		calls int64
		want  time.Duration
	}{
		{0, 0},
		{1, 0},
		{100, 0},
		{101, time.Minute},
		{250, 2 * time.Minute},
		{3000, 29 * time.Minute},
		{3001, time.Hour},
		{9001, 3 * time.Hour},
	}
	for _, tt := range tests {
		if got := replicate.MinWall(tt.calls); got != tt.want {
			t.Errorf("MinWall(%d) = %s, want %s", tt.calls, got, tt.want)
		}
	}
}

// TestPlan estimates before the first run (count for Contacts, guesses elsewhere) and from the last run after it.
func TestPlan(t *testing.T) {
	ctx := t.Context()
	db := openSQLite(t)
	srv := newServer(t, replytest.SmallAccount)
	c := newClient(t, srv)
	tables := []*catalog.Table{mustTable(t, "Contacts"), mustTable(t, "Sequences"), mustTable(t, "SequenceSteps")}
	r := replicate.New(c, dest.SQLite, db, replicate.WithClock(srv.Now))
	before := c.Stats().Requests
	p, err := r.Plan(ctx, tables)
	if err != nil {
		t.Fatal(err)
	}
	if calls := c.Stats().Requests - before; calls != 1 {
		t.Errorf("plan made %d calls, want 1 (the contacts count)", calls)
	}
	if ok, _ := dest.NewWriter(dest.SQLite, "", nil).HasState(ctx, db); ok {
		t.Error("plan wrote to the destination")
	}
	if it := p.Items[0]; it.Source != "count" || it.Rows != 12 || it.Calls != 1 {
		t.Errorf("contacts: %+v", it)
	}
	var b strings.Builder
	p.WriteText(&b)
	t.Logf("plan before:\n%s", b.String())

	sum, err := r.Run(ctx, tables)
	if err != nil {
		t.Fatal(err)
	}
	p, err = r.Plan(ctx, tables)
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	p.WriteText(&b)
	t.Logf("plan after:\n%s", b.String())
	for i, it := range p.Items {
		if it.Source != "last run" || it.Rows != sum.Tables[i].Live {
			t.Errorf("%s: %+v, want %d rows from the last run", it.Table, it, sum.Tables[i].Live)
		}
	}
	if it := p.Items[0]; it.Mode != "incremental" || it.Calls != 2 {
		t.Errorf("contacts after a run: %+v", it)
	}
	// SequenceSteps: one page of sequences plus one call per sequence, as the run made.
	if it, res := p.Items[2], sum.Tables[2]; it.Calls != int64(res.Calls) {
		t.Errorf("steps: plan %d calls, run made %d", it.Calls, res.Calls)
	}
}
