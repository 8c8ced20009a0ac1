package sqlengine_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/sqlengine"
)

// fakeTable is a small in-memory catalog table that records the queries its List receives, for testing the
// engine's pushdown independently of the emulator.
type fakeTable struct {
	mu      sync.Mutex
	rows    []catalog.Row
	queries []string
	writes  []string
	nextID  int64
}

func (f *fakeTable) log(s string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queries = append(f.queries, s)
}

func (f *fakeTable) table() *catalog.Table {
	return &catalog.Table{
		Name: "Widgets",
		Key:  []string{"Id"},
		Columns: []catalog.Column{
			{Name: "Id", Type: catalog.Int, ReadOnly: true},
			{Name: "Name", Type: catalog.Text},
			{Name: "Status", Type: catalog.Text, Enum: []string{"Active", "Paused"}},
			{Name: "Tags", Type: catalog.JSON, Nullable: true},
			{Name: "CreatedAt", Type: catalog.Time},
			{Name: "Detail", Type: catalog.Text, DetailOnly: true},
		},
		Filters: []catalog.Filter{{Column: "Status", Ops: []catalog.Op{catalog.Eq}}, {Column: "Name", Ops: []catalog.Op{catalog.Contains}}},
		Changes: catalog.Changes{Strategy: catalog.Full},
		List: func(ctx context.Context, c *reply.Client, q catalog.Query) iter.Seq2[catalog.Row, error] {
			var parts []string
			for _, c := range q.Conds {
				parts = append(parts, fmt.Sprintf("%s %s %v", c.Column, c.Op, c.Values))
			}
			cols := "*"
			if q.Columns != nil {
				cols = strings.Join(q.Columns, ",")
			}
			f.log("list [" + strings.Join(parts, " AND ") + "] cols=" + cols)
			return func(yield func(catalog.Row, error) bool) {
				for _, r := range f.rows {
					if c, ok := q.Cond("Id", catalog.Eq); ok && r["Id"] != c.Values[0] {
						continue
					}
					if c, ok := q.Cond("Id", catalog.In); ok && !slices.Contains(c.Values, r["Id"]) {
						continue
					}
					out := catalog.Row{}
					for k, v := range r {
						if k == "Detail" && !q.Wants("Detail") {
							continue
						}
						out[k] = v
					}
					if !yield(out, nil) {
						return
					}
				}
			}
		},
		Count: func(ctx context.Context, c *reply.Client, q catalog.Query) (int64, bool, error) {
			f.log("count")
			return int64(len(f.rows)), true, nil
		},
		Insert: func(ctx context.Context, c *reply.Client, rows []catalog.Row) []catalog.WriteResult {
			var out []catalog.WriteResult
			for _, r := range rows {
				if r["Name"] == "bad" {
					out = append(out, catalog.WriteResult{Err: fmt.Errorf("name rejected")})
					continue
				}
				f.nextID++
				r["Id"] = f.nextID
				f.writes = append(f.writes, "insert "+fmt.Sprint(r["Name"]))
				out = append(out, catalog.WriteResult{Row: r})
			}
			return out
		},
		Update: func(ctx context.Context, c *reply.Client, rows []catalog.Row) []catalog.WriteResult {
			var out []catalog.WriteResult
			for _, r := range rows {
				keys := make([]string, 0, len(r))
				for k := range r {
					keys = append(keys, fmt.Sprintf("%s=%v", k, r[k]))
				}
				slices.Sort(keys)
				f.writes = append(f.writes, "update "+strings.Join(keys, " "))
				out = append(out, catalog.WriteResult{Row: r})
			}
			return out
		},
	}
}

func newFake(t testing.TB) (*fakeTable, *sqlengine.Engine) {
	t.Helper()
	f := &fakeTable{nextID: 100}
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for i, n := range []string{"alpha", "beta", "Gábor", "gamma"} {
		f.rows = append(f.rows, catalog.Row{"Id": int64(i + 1), "Name": n, "Status": []string{"Active", "Paused"}[i%2],
			"Tags": json.RawMessage(fmt.Sprintf(`["t%d",{"k":%d}]`, i, i)), "CreatedAt": at.Add(time.Duration(i) * time.Hour), "Detail": "d" + n})
	}
	e, err := sqlengine.New(nil, sqlengine.WithTables(f.table()), sqlengine.WithProcedures(&catalog.Procedure{
		Name:   "Echo",
		Params: []catalog.Param{{Name: "Ids", Type: catalog.Int, Array: true, Required: true}, {Name: "Note", Type: catalog.Text}},
		Result: []catalog.Column{{Name: "Id", Type: catalog.Int}, {Name: "Error", Type: catalog.Text}},
		Func: func(ctx context.Context, c *reply.Client, a catalog.Args) ([]catalog.Row, error) {
			var out []catalog.Row
			for _, id := range a["Ids"].([]any) {
				out = append(out, catalog.Row{"Id": id, "Error": a["Note"]})
			}
			return out, nil
		},
	}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return f, e
}

func run(t testing.TB, e *sqlengine.Engine, q string, params map[string]string) (string, error) {
	t.Helper()
	rows, err := e.Query(t.Context(), q, params)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	var names []string
	for _, c := range rows.Columns() {
		names = append(names, c.Name)
	}
	b.WriteString(strings.Join(names, "|") + "\n")
	for {
		r, err := rows.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return b.String(), err
		}
		var cells []string
		for _, v := range r {
			switch x := v.(type) {
			case nil:
				cells = append(cells, "NULL")
			case json.RawMessage:
				cells = append(cells, string(x))
			case time.Time:
				cells = append(cells, x.Format(time.RFC3339))
			default:
				cells = append(cells, fmt.Sprint(x))
			}
		}
		b.WriteString(strings.Join(cells, "|") + "\n")
	}
	err = rows.Close()
	for _, n := range rows.Notes() {
		b.WriteString("note: " + n + "\n")
	}
	return b.String(), err
}

// TestFakePushdown checks what List receives (pushed conditions and columns) and what the engine returns, with
// a catalog table whose List is local, so the engine's side is tested apart from the catalog's.
func TestFakePushdown(t *testing.T) {
	tests := []struct {
		name  string
		query string
		rows  string
		lists []string
	}{
		{"id equals", "SELECT Id, Name FROM Widgets WHERE Id = 2",
			"Id|Name\n2|beta\n", []string{"list [Id = [2]] cols=Id,Name"}},
		{"literal on the left", "SELECT Id FROM Widgets WHERE 3 = Id",
			"Id\n3\n", []string{"list [Id = [3]] cols=Id"}},
		{"declared filters", "SELECT Name FROM Widgets WHERE Status = 'Active' AND Name LIKE '%a%' ORDER BY Name",
			"Name\nalpha\n", []string{"list [Status = [Active] AND Name LIKE %...% [a]] cols=Name,Status"}}, // 'á' is not 'a'

		// Text compares case-insensitively but accents count; the fake API returns every row: the engine decides.
		{"pushed predicates are re-checked", "SELECT Name FROM Widgets WHERE Name LIKE '%A%' ORDER BY Name",
			"Name\nalpha\nbeta\ngamma\n", []string{"list [Name LIKE %...% [A]] cols=Name"}},
		{"undeclared filter stays local", "SELECT Id FROM Widgets WHERE CreatedAt > '2026-01-02 04:00:00' ORDER BY Id",
			"Id\n2\n3\n4\n", []string{"list [] cols=Id,CreatedAt"}},
		{"string literal on an int key is not pushed", "SELECT Id FROM Widgets WHERE Id = '2'",
			"Id\n2\n", []string{"list [] cols=Id"}},
		{"LIKE prefix keeps non-ASCII rows", "SELECT Name FROM Widgets WHERE Name LIKE 'G%' ORDER BY Id",
			"Name\nGábor\ngamma\n", []string{"list [] cols=Id,Name"}},
		{"NOT LIKE prefix", "SELECT Name FROM Widgets WHERE Name NOT LIKE 'G%' ORDER BY Name",
			"Name\nalpha\nbeta\n", []string{"list [] cols=Name"}},
		{"LIKE in an IN subquery", "SELECT Id FROM Widgets WHERE Id IN (SELECT Id FROM Widgets WHERE Name LIKE 'G%') ORDER BY Id",
			"Id\n3\n4\n", nil},
		{"text equality ignores case", "SELECT Id FROM Widgets WHERE Status = 'active' ORDER BY Id",
			"Id\n1\n3\n", []string{"list [Status = [Active]] cols=Id,Status"}},
		{"detail column only when named", "SELECT Id, Detail FROM Widgets WHERE Id = 1",
			"Id|Detail\n1|dalpha\n", []string{"list [Id = [1]] cols=Id,Detail"}},
		{"count star uses Count", "SELECT COUNT(*) FROM Widgets", "COUNT(*)\n4\n", []string{"count"}},
		{"count with where scans", "SELECT COUNT(*) FROM Widgets WHERE Status = 'Paused'",
			"COUNT(*)\n2\n", []string{"list [Status = [Paused]] cols=Status"}},
		{"json functions", "SELECT Tags->>'$[0]' t, JSON_EXTRACT(Tags, '$[1].k') k FROM Widgets WHERE Id IN (1, 2) ORDER BY Id",
			"t|k\nt0|0\nt1|1\n", []string{"list [Id IN [1 2]] cols=Id,Tags"}},
		{"procedure with array and optional param", "CALL Echo([1, 2], 'hi')", "Id|Error\n1|hi\n2|hi\n", nil},
		{"procedure param bound", "CALL Echo(:Ids)", "Id|Error\n7|NULL\n8|NULL\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, e := newFake(t)
			out, err := run(t, e, tt.query, map[string]string{"Ids": "[7,8]"})
			if err != nil {
				t.Fatal(err)
			}
			if out != tt.rows {
				t.Errorf("rows:\n%s\nwant:\n%s", out, tt.rows)
			}
			if tt.lists != nil && !slices.Equal(f.queries, tt.lists) {
				t.Errorf("calls = %q, want %q", f.queries, tt.lists)
			}
		})
	}
}
