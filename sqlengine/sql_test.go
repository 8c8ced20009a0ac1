package sqlengine_test

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
	"github.com/replykit/replykit/sqlengine"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// fixture is an engine over every catalog table and procedure, talking HTTP to an emulator seeded with
// replytest.SmallAccount.
type fixture struct {
	srv *replytest.Server
	c   *reply.Client
	e   *sqlengine.Engine
}

func newFixture(tb testing.TB, opts ...sqlengine.Option) *fixture {
	tb.Helper()
	return newFixtureSeed(tb, replytest.SmallAccount, opts...)
}

func newFixtureSeed(tb testing.TB, seed replytest.Seed, opts ...sqlengine.Option) *fixture {
	tb.Helper()
	srv := replytest.NewServer(replytest.WithSeed(seed))
	tb.Cleanup(srv.Close)
	c, err := reply.NewClient(srv.Key, reply.WithBaseURL(srv.URL), reply.WithClock(srv.Clock()), reply.WithRateLimits(0, 0))
	if err != nil {
		tb.Fatal(err)
	}
	opts = append([]sqlengine.Option{sqlengine.WithTables(catalog.All()...), sqlengine.WithProcedures(catalog.Procedures()...)}, opts...)
	e, err := sqlengine.New(c, opts...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { e.Close() })
	return &fixture{srv: srv, c: c, e: e}
}

// exec runs one statement and renders its result, its notes and its API calls by endpoint.
func (f *fixture) exec(tb testing.TB, stmt string, params map[string]string) string {
	tb.Helper()
	before := f.c.Stats()
	var b strings.Builder
	n, err := render(tb, &b, f.e, stmt, params)
	d := f.c.Stats().Sub(before)
	if err != nil {
		fmt.Fprintf(&b, "error: %s\n", strings.Join(strings.Fields(err.Error()), " "))
	}
	fmt.Fprintf(&b, "-- rows: %d; calls: %s\n", n, callsString(d))
	return b.String()
}

func callsString(d reply.Stats) string {
	if len(d.ByEndpoint) == 0 {
		return "none"
	}
	var calls []string
	for _, k := range slices.Sorted(maps.Keys(d.ByEndpoint)) {
		calls = append(calls, fmt.Sprintf("%s x%d", k, d.ByEndpoint[k]))
	}
	return strings.Join(calls, ", ")
}

func render(tb testing.TB, b *strings.Builder, e *sqlengine.Engine, stmt string, params map[string]string) (int, error) {
	rows, err := e.Query(tb.Context(), stmt, params)
	if err != nil {
		return 0, err
	}
	var names []string
	for _, c := range rows.Columns() {
		names = append(names, c.Name)
	}
	b.WriteString(strings.Join(names, " | ") + "\n")
	n := 0
	for {
		r, err := rows.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return n, err
		}
		n++
		cells := make([]string, len(r))
		for i, v := range r {
			cells[i] = cellString(v)
		}
		b.WriteString(strings.Join(cells, " | ") + "\n")
	}
	err = rows.Close()
	for _, note := range rows.Notes() {
		b.WriteString("note: " + note + "\n")
	}
	return n, err
}

func cellString(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		return string(x)
	case json.RawMessage:
		return string(x)
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	}
	return fmt.Sprintf("%s", fmt.Sprint(v))
}

// TestGolden runs each testdata/*.sql script against a fresh emulator and compares the results, notes and
// API calls of every statement with testdata/*.golden (-update rewrites them).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".sql")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			f := newFixture(t)
			params := map[string]string{"SequenceId": "1001", "ContactIds": "[1001, 1002]"}
			var out strings.Builder
			for _, stmt := range sqlengine.Split(string(src)) {
				fmt.Fprintf(&out, "> %s\n%s\n", strings.Join(strings.Fields(stripComments(stmt)), " "), f.exec(t, stmt, params))
			}
			golden := strings.TrimSuffix(file, ".sql") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./sqlengine -run TestGolden -update)", err)
			}
			if got := out.String(); got != string(want) {
				t.Errorf("%s differs from the golden file (go test ./sqlengine -run TestGolden -update, then review the diff):\n%s", name, diff(string(want), got))
			}
		})
	}
}

func stripComments(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if t := strings.TrimSpace(l); !strings.HasPrefix(t, "--") && t != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// diff shows the first differing lines.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n want: %s\n  got: %s", i+1, wl, gl)
		}
	}
	return ""
}
