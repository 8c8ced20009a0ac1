package dest_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
)

// Load benchmarks compare the writer with each engine's native bulk loader on the same rows. They are not part
// of the default test run:
//
//	go test ./dest -run '^$' -bench Load -benchtime 1x
//
// (REPLYKIT_BENCH_ROWS sets the row count, default 100,000.) Record the figures in docs/benchmarks.md.

func benchRows() int {
	if n, err := strconv.Atoi(os.Getenv("REPLYKIT_BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return 100000
}

// contactLike is a Contacts-shaped table (29 columns of every type).
func contactLike() *catalog.Table {
	t := &catalog.Table{Name: "BenchContacts", Key: []string{"Id"}}
	t.Columns = append(t.Columns, catalog.Column{Name: "Id", Type: catalog.Int})
	for _, n := range []string{"Email", "Domain", "FirstName", "LastName", "Title", "Company", "Industry", "City",
		"State", "Country", "Notes", "Phone", "CompanySize", "TimeZoneId", "LinkedInUrl", "LinkedInSalesNavigatorUrl",
		"LinkedInRecruiterUrl", "PhoneStatus", "CallStatus", "MeetingStatus"} {
		t.Columns = append(t.Columns, catalog.Column{Name: n, Type: catalog.Text})
	}
	t.Columns = append(t.Columns,
		catalog.Column{Name: "OwnerUserId", Type: catalog.Int},
		catalog.Column{Name: "AccountId", Type: catalog.Int},
		catalog.Column{Name: "IsOptedOut", Type: catalog.Bool},
		catalog.Column{Name: "AddingDate", Type: catalog.Time},
		catalog.Column{Name: "CreatedAt", Type: catalog.Time},
		catalog.Column{Name: "LastModifiedAt", Type: catalog.Time},
		catalog.Column{Name: "CustomFields", Type: catalog.JSON})
	return t
}

func benchRecords(t *catalog.Table, n int) []dest.Record {
	base := time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC)
	recs := make([]dest.Record, n)
	for i := range recs {
		vals := make([]any, len(t.Columns))
		for j, c := range t.Columns {
			switch c.Type {
			case catalog.Int:
				vals[j] = int64(i + 1 + j)
			case catalog.Text:
				vals[j] = fmt.Sprintf("%s value %d, \"quoted\"", c.Name, i)
			case catalog.Bool:
				vals[j] = i%3 == 0
			case catalog.Time:
				vals[j] = base.Add(time.Duration(i) * time.Minute)
			case catalog.JSON:
				vals[j] = json.RawMessage(fmt.Sprintf(`[{"key":"150697","value":"v%d"},{"key":"150698","value":null}]`, i))
			}
		}
		vals[0] = int64(i + 1)
		recs[i] = dest.Record{Values: vals, Hash: fmt.Sprintf("%032x", i)}
	}
	return recs
}

// writeCSV writes recs (plus _row_hash and an empty _deleted_at) as CSV; null is how NULL is written.
func writeCSV(tb testing.TB, path string, t *catalog.Table, recs []dest.Record, null string) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	quote := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	for _, r := range recs {
		for j, c := range t.Columns {
			if j > 0 {
				w.WriteByte(',')
			}
			switch v := r.Values[j].(type) {
			case nil:
				w.WriteString(null)
			case int64:
				w.WriteString(strconv.FormatInt(v, 10))
			case bool:
				if v {
					w.WriteString("1")
				} else {
					w.WriteString("0")
				}
			case time.Time:
				w.WriteString(v.Format("2006-01-02 15:04:05.000000"))
			case json.RawMessage:
				w.WriteString(quote(string(v)))
			case string:
				w.WriteString(quote(v))
			default:
				tb.Fatalf("%s: %T", c.Name, v)
			}
		}
		w.WriteString("," + r.Hash + "," + null + "\n")
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
}

// loadWithWriter writes recs into an empty table with Insert (as a first run does), then again with Upsert over
// the existing rows (as a run that finds every row changed does), and returns both durations.
func loadWithWriter(b *testing.B, e engine, recs []dest.Record) (time.Duration, time.Duration, *dest.Table, string) {
	b.Helper()
	ctx := b.Context()
	db := e.open(b)
	w := dest.NewWriter(e.dialect, "", nil)
	tbl := dest.TableFor(contactLike(), dest.Options{})
	ref := dest.TableFor(contactLike(), dest.Options{Prefix: "ref_"})
	for _, t := range []*dest.Table{tbl, ref} {
		if _, err := w.Ensure(ctx, db, t); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.EnsureState(ctx, db); err != nil {
		b.Fatal(err)
	}
	var where string
	if err := db.QueryRow(map[string]string{"postgres": "SELECT current_schema()", "mysql": "SELECT DATABASE()"}[e.name]).Scan(&where); err != nil {
		b.Fatal(err)
	}
	load := func(write func(context.Context, *dest.Tx, *dest.Table, []dest.Record) error) time.Duration {
		start := time.Now()
		batch := benchBatch()
		for i := 0; i < len(recs); i += batch {
			tx, err := w.Begin(ctx, db)
			if err != nil {
				b.Fatal(err)
			}
			if err := write(ctx, tx, tbl, recs[i:min(i+batch, len(recs))]); err != nil {
				b.Fatal(err)
			}
			if err := w.SaveState(ctx, tx, dest.State{Object: tbl.Name, Status: "running", Written: int64(i)}); err != nil {
				b.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
		}
		return time.Since(start)
	}
	inserted := load(w.Insert)
	upserted := load(w.Upsert)
	return inserted, upserted, ref, where
}

func columnList(t *dest.Table, q func(string) string) string {
	var cols []string
	for _, c := range t.Columns {
		cols = append(cols, q(c.Name))
	}
	return strings.Join(append(cols, q(dest.RowHash), q(dest.DeletedAt)), ", ")
}

// BenchmarkLoadPostgres: the writer (COPY into a temp table + upsert, 2,000-row transactions with state) against
// `psql \copy` of the same rows from CSV into an empty table.
func BenchmarkLoadPostgres(b *testing.B) {
	e := engineNamed("postgres")
	recs := benchRecords(contactLike(), benchRows())
	csvPath := filepath.Join(b.TempDir(), "rows.csv")
	writeCSV(b, csvPath, contactLike(), recs, "")
	for range b.N {
		took, upd, ref, schema := loadWithWriter(b, e, recs)
		start := time.Now()
		cmd := fmt.Sprintf(`\copy %s.%s (%s) FROM '%s' WITH (FORMAT csv)`, schema, ref.Name, columnList(ref, dest.Postgres.Quote), csvPath)
		out, err := exec.Command("psql", os.Getenv("REPLYKIT_TEST_POSTGRES"), "-v", "ON_ERROR_STOP=1", "-c", cmd).CombinedOutput()
		if err != nil {
			b.Fatalf("psql: %v: %s", err, out)
		}
		ref2 := time.Since(start)
		n := float64(len(recs))
		b.ReportMetric(n/took.Seconds(), "insert-rows/s")
		b.ReportMetric(n/upd.Seconds(), "upsert-rows/s")
		b.ReportMetric(n/ref2.Seconds(), "copy-rows/s")
		b.ReportMetric(ref2.Seconds()/took.Seconds(), "ratio")
	}
}

// BenchmarkLoadMySQL: the writer (multi-row INSERT ... ON DUPLICATE KEY UPDATE, 2,000-row transactions with
// state) against `LOAD DATA LOCAL INFILE` of the same rows into an empty table.
func BenchmarkLoadMySQL(b *testing.B) {
	e := engineNamed("mysql")
	recs := benchRecords(contactLike(), benchRows())
	csvPath := filepath.Join(b.TempDir(), "rows.csv")
	writeCSV(b, csvPath, contactLike(), recs, `\N`)
	cfg, err := mysql.ParseDSN(os.Getenv("REPLYKIT_TEST_MYSQL"))
	if err != nil {
		b.Skip("REPLYKIT_TEST_MYSQL not set")
	}
	for range b.N {
		took, upd, ref, dbName := loadWithWriter(b, e, recs)
		host, port, _ := strings.Cut(cfg.Addr, ":")
		args := []string{"--local-infile=1", "-h", host, "-P", port, "-u", cfg.User, dbName, "-e",
			fmt.Sprintf(`LOAD DATA LOCAL INFILE '%s' INTO TABLE %s FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY '\n' (%s)`,
				csvPath, ref.Name, strings.ReplaceAll(columnList(ref, dest.MySQL.Quote), "`_deleted_at`", "@d"))}
		if cfg.Passwd != "" {
			args = append(args, "-p"+cfg.Passwd)
		}
		start := time.Now()
		out, err := exec.Command("mariadb", args...).CombinedOutput()
		if err != nil {
			b.Fatalf("mariadb: %v: %s", err, out)
		}
		ref2 := time.Since(start)
		n := float64(len(recs))
		b.ReportMetric(n/took.Seconds(), "insert-rows/s")
		b.ReportMetric(n/upd.Seconds(), "upsert-rows/s")
		b.ReportMetric(n/ref2.Seconds(), "loaddata-rows/s")
		b.ReportMetric(ref2.Seconds()/took.Seconds(), "ratio")
	}
}

func engineNamed(name string) engine {
	for _, e := range engines() {
		if e.name == name {
			return e
		}
	}
	panic("no engine " + name)
}

func benchBatch() int {
	if n, err := strconv.Atoi(os.Getenv("REPLYKIT_BENCH_BATCH")); err == nil && n > 0 {
		return n
	}
	return 2000
}
