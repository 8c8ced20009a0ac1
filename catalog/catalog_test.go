package catalog_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
)

// newEnv starts an emulator seeded with replytest.SmallAccount and a client for it.
func newEnv(tb testing.TB) (*replytest.Server, *reply.Client) {
	tb.Helper()
	srv := replytest.NewServer(replytest.WithSeed(replytest.SmallAccount))
	tb.Cleanup(srv.Close)
	c, err := reply.NewClient(srv.Key, reply.WithBaseURL(srv.URL), reply.WithHTTPClient(srv.HTTPClient()),
		reply.WithRateLimits(0, 0), reply.WithClock(srv.Clock()))
	if err != nil {
		tb.Fatal(err)
	}
	return srv, c
}

// mustTable returns the named table.
func mustTable(tb testing.TB, name string) *catalog.Table {
	tb.Helper()
	t, ok := catalog.Lookup(name)
	if !ok {
		tb.Fatalf("no table %s", name)
	}
	return t
}

// collect lists a table.
func collect(tb testing.TB, c *reply.Client, t *catalog.Table, q catalog.Query) []catalog.Row {
	tb.Helper()
	var rows []catalog.Row
	for r, err := range t.List(tb.Context(), c, q) {
		if err != nil {
			tb.Fatalf("%s: list: %v", t.Name, err)
		}
		rows = append(rows, r)
	}
	return rows
}

func TestValidate(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, tb := range catalog.All() {
		if err := tb.Validate(); err != nil {
			t.Error(err)
		}
		if seen[strings.ToLower(tb.Name)] {
			t.Errorf("duplicate table %s", tb.Name)
		}
		seen[strings.ToLower(tb.Name)] = true
		if got, ok := catalog.Lookup(strings.ToUpper(tb.Name)); !ok || got.Name != tb.Name {
			t.Errorf("Lookup(%s) failed", tb.Name)
		}
		if tb.Parent != nil {
			if _, ok := catalog.Lookup(tb.Parent.Table); !ok {
				t.Errorf("%s: parent %s is not a table", tb.Name, tb.Parent.Table)
			}
		}
	}
	if len(seen) != 23 {
		t.Errorf("got %d tables, want 23", len(seen))
	}
}

// TestListAll lists every table and checks that every readable column is populated for at least one row.
func TestListAll(t *testing.T) {
	t.Parallel()
	_, c := newEnv(t)
	// Columns the small seed leaves empty everywhere, by design of the emulator or the API.
	empty := map[string]bool{
		"Accounts.Stage": true, "Accounts.EmailProvider": true,
	}
	for _, tb := range catalog.All() {
		t.Run(tb.Name, func(t *testing.T) {
			rows := collect(t, c, tb, catalog.Query{})
			if len(rows) == 0 {
				t.Fatalf("no rows")
			}
			for _, col := range tb.Columns {
				if col.WriteOnly || empty[tb.Name+"."+col.Name] {
					continue
				}
				found := false
				for _, r := range rows {
					if v := r[col.Name]; v != nil {
						if raw, ok := v.(json.RawMessage); ok && (string(raw) == "[]" || string(raw) == "{}") {
							continue
						}
						found = true
						break
					}
				}
				if !found {
					t.Errorf("%s.%s: NULL in all %d rows", tb.Name, col.Name, len(rows))
				}
			}
		})
	}
}

var _ = time.Now
