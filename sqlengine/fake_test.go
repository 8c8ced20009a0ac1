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

func TestFakeSmoke(t *testing.T) {
	queries := []string{
		"SELECT Id, Name FROM Widgets WHERE Id = 2",
		"SELECT Id, Name FROM Widgets WHERE Id IN (1, 3) ORDER BY Id",
		"SELECT Name FROM Widgets WHERE Status = 'Active' AND Name LIKE '%a%'",
		"SELECT Name FROM Widgets WHERE Name LIKE 'G%'",
		"SELECT COUNT(*) FROM Widgets",
		"SELECT Status, COUNT(*) n FROM Widgets GROUP BY Status ORDER BY Status",
		"SELECT Id, Detail FROM Widgets WHERE Id = 1",
		"SELECT * FROM Widgets LIMIT 1",
		"SELECT Tags->>'$[0]' t, JSON_EXTRACT(Tags, '$[1].k') k FROM Widgets ORDER BY Id",
		"SELECT a.Id, b.Name FROM Widgets a JOIN Widgets b ON a.Id = b.Id WHERE a.Status = 'Paused' ORDER BY a.Id",
		"SELECT Name FROM Widgets WHERE Id = (SELECT MAX(Id) FROM Widgets)",
		"SHOW TABLES",
		"DESCRIBE Widgets",
		"SELECT table_name, table_rows FROM information_schema.tables WHERE table_schema = 'reply'",
		"INSERT INTO Widgets (Name, Status) VALUES ('new1', 'Active'), ('new2', 'Paused')",
		"INSERT INTO Widgets (Name, Status) VALUES ('ok', 'Active'), ('bad', 'Active')",
		"UPDATE Widgets SET Status = 'Paused' WHERE Id = 3",
		"UPDATE Widgets SET Name = CONCAT(Name, '!') WHERE Status = 'Active'",
		"DELETE FROM Widgets WHERE Id = 1",
		"call Echo([1, 2, 3], 'hi')",
		"call Echo(:Ids)",
		"EXPLAIN SELECT Id FROM Widgets WHERE Id = 2 AND Status = 'Active'",
	}
	f, e := newFake(t)
	for _, q := range queries {
		f.queries, f.writes = nil, nil
		out, err := run(t, e, q, map[string]string{"Ids": "[7,8]"})
		t.Logf("%s\n%s err=%v\ncalls=%v writes=%v", q, out, err, f.queries, f.writes)
	}
}
