package replicate_test

import (
	"fmt"
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

// TestPlanDetail: the plan prices detail-only columns whether or not the run fetches them, and says where each
// row count comes from; --probe counts rows with one page per object.
func TestPlanDetail(t *testing.T) {
	ctx := t.Context()
	db := openSQLite(t)
	srv := newServer(t, replytest.SmallAccount)
	c := newClient(t, srv)
	seqs, steps := mustTable(t, "Sequences"), mustTable(t, "SequenceSteps")
	tables := []*catalog.Table{seqs, steps}
	plan := func(opts ...replicate.Option) *replicate.Plan {
		t.Helper()
		p, err := replicate.New(c, dest.SQLite, db, append([]replicate.Option{replicate.WithClock(srv.Now)}, opts...)...).Plan(ctx, tables)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		p.WriteText(&b)
		t.Logf("plan:\n%s", b.String())
		return p
	}
	live := 0
	for _, err := range seqs.List(ctx, c, catalog.Query{Columns: []string{"Id"}}) {
		if err != nil {
			t.Fatal(err)
		}
		live++
	}

	// No state: a guess, not fetched by default, priced either way.
	p := plan()
	if it := p.Items[0]; it.Source != "guess" || it.Detail != "not fetched" || it.DetailCalls != it.Rows || it.Calls != 1 || !p.Guessed {
		t.Errorf("default: %+v", it)
	}
	if p.DetailCalls != p.Items[0].Rows || p.Spent != 0 {
		t.Errorf("default: %d detail calls, %d spent", p.DetailCalls, p.Spent)
	}
	if it := plan(replicate.WithDetail(true)).Items[0]; it.Detail != "fetched" || it.Calls != 1+it.Rows {
		t.Errorf("--detail: %+v", it)
	}
	// Child tables fetch the detail of the arrays they unwind.
	if it := plan(replicate.WithNested(replicate.NestedTables)).Items[0]; it.Detail != "fetched" || it.Calls != 1+it.Rows {
		t.Errorf("--nested tables: %+v", it)
	}
	// A probe page: exact when the object fits in it, one call.
	p = plan(replicate.WithProbe(true))
	if it := p.Items[0]; it.Source != "probe" || it.Rows != int64(live) || it.AtLeast || p.Spent != 1 {
		t.Errorf("probe: %+v, %d calls spent, want %d rows in 1 call", it, p.Spent, live)
	}
	if it := p.Items[1]; it.Source != "guess" || !strings.Contains(it.How, fmt.Sprintf("%d parents (probe)", live)) {
		t.Errorf("probe: steps: %+v", it)
	}

	// After a default run the rows come from it, and --detail would refill every row.
	if _, err := replicate.New(c, dest.SQLite, db, replicate.WithClock(srv.Now)).Run(ctx, tables); err != nil {
		t.Fatal(err)
	}
	if it := plan(replicate.WithDetail(true)).Items[0]; it.Source != "last run" || it.DetailCalls != int64(live) || it.Calls != 1+int64(live) {
		t.Errorf("--detail after a default run: %+v", it)
	}
	if _, err := replicate.New(c, dest.SQLite, db, replicate.WithClock(srv.Now), replicate.WithDetail(true)).Run(ctx, tables); err != nil {
		t.Fatal(err)
	}
	// Detail current: only changed rows would be fetched.
	if it := plan(replicate.WithDetail(true)).Items[0]; it.DetailCalls != 0 || it.Calls != 1 {
		t.Errorf("--detail after a --detail run: %+v", it)
	}
}
