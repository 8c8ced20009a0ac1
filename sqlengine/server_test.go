package sqlengine_test

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/replykit/replykit/sqlengine"
)

// serve starts the engine's MySQL-wire server on 127.0.0.1:0 and returns its address.
func serve(tb testing.TB, f *fixture, cfg sqlengine.ServerConfig) string {
	tb.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	cfg.Listener = lis
	srv, err := f.e.NewServer(cfg)
	if err != nil {
		lis.Close()
		tb.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve() }()
	tb.Cleanup(func() {
		srv.Close()
		<-done
	})
	return lis.Addr().String()
}

func openDB(tb testing.TB, addr, user, password string, interpolate bool) *sql.DB {
	tb.Helper()
	cfg := mysql.NewConfig()
	cfg.User, cfg.Passwd, cfg.Net, cfg.Addr, cfg.DBName = user, password, "tcp", addr, "reply"
	cfg.ParseTime = true
	cfg.InterpolateParams = interpolate
	cfg.Timeout = 5 * time.Second
	db, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestServerGoSQLDriver(t *testing.T) {
	f := newFixture(t)
	addr := serve(t, f, sqlengine.ServerConfig{User: "ann", Password: "s3cret"})
	for _, interpolate := range []bool{false, true} {
		t.Run(fmt.Sprintf("interpolate=%v", interpolate), func(t *testing.T) {
			db := openDB(t, addr, "ann", "s3cret", interpolate)
			var email string
			var created time.Time
			if err := db.QueryRowContext(t.Context(), "SELECT Email, CreatedAt FROM Contacts WHERE Id = ?", 1005).Scan(&email, &created); err != nil {
				t.Fatal(err)
			}
			if email != "jurgen.taylor.1005@nordlicht-gmbh.example" || created.IsZero() {
				t.Errorf("got %q %v", email, created)
			}
			var n int
			if err := db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM Contacts").Scan(&n); err != nil || n != 12 {
				t.Errorf("count = %d, %v", n, err)
			}
			var custom string
			if err := db.QueryRowContext(t.Context(), "SELECT CustomFields FROM Contacts WHERE Id = 1001").Scan(&custom); err != nil || !strings.HasPrefix(custom, "[") {
				t.Errorf("json = %q, %v", custom, err)
			}
			res, err := db.ExecContext(t.Context(), "UPDATE Contacts SET Title = ? WHERE Id = ?", "Wire", 1004)
			if err != nil {
				t.Fatal(err)
			}
			if n, _ := res.RowsAffected(); n != 1 {
				t.Errorf("rows affected = %d", n)
			}
			var title string
			if err := db.QueryRowContext(t.Context(), "SELECT Title FROM Contacts WHERE Id = 1004").Scan(&title); err != nil || title != "Wire" {
				t.Errorf("title = %q, %v", title, err)
			}
			// A procedure with an array argument: a literal over text, a string parameter when prepared.
			rows, err := db.QueryContext(t.Context(), "CALL SetContactStatus(?, 'Paused')", "[1001, 1002]")
			if err != nil {
				t.Fatal(err)
			}
			got := 0
			for rows.Next() {
				got++
			}
			rows.Close()
			if got != 2 {
				t.Errorf("procedure rows = %d", got)
			}
			// Errors reach the client with the table named.
			_, err = db.ExecContext(t.Context(), "DELETE FROM LinkedInAccounts WHERE Id = 1")
			var me *mysql.MySQLError
			if !errors.As(err, &me) || !strings.Contains(me.Message, "LinkedInAccounts") {
				t.Errorf("error = %v", err)
			}
			// An unknown table is named as typed, with the MySQL error number (1146) kept.
			_, err = db.ExecContext(t.Context(), "SELECT Id FROM Contactz")
			if !errors.As(err, &me) || me.Number != 1146 || me.Message != "table not found: Contactz (did you mean Contacts?)" {
				t.Errorf("unknown table: error = %v", err)
			}
			// One prepared join run with two values: the join values pushed for the first do not stick.
			stmt, err := db.PrepareContext(t.Context(), "SELECT COUNT(*) FROM Sequences s JOIN SequenceSteps st ON st.SequenceId = s.Id WHERE s.Id = ?")
			if err != nil {
				t.Fatal(err)
			}
			for id, want := range map[int]int{1001: 6, 1002: 8} {
				var n int
				if err := stmt.QueryRowContext(t.Context(), id).Scan(&n); err != nil || n != want {
					t.Errorf("steps of %d = %d, %v; want %d", id, n, err, want)
				}
			}
			stmt.Close()
			// A value go-mysql-server cannot convert: the table and JSON column are named, the error number kept.
			_, err = db.ExecContext(t.Context(), "INSERT INTO Sequences (Name, Steps) VALUES (?, ?)", "Bad", "not json")
			if !errors.As(err, &me) || !strings.Contains(me.Message, "INSERT Sequences (Steps): Invalid JSON text") {
				t.Errorf("error = %v", err)
			}
		})
	}
}

func TestServerAuth(t *testing.T) {
	f := newFixture(t)
	addr := serve(t, f, sqlengine.ServerConfig{User: "ann", Password: "s3cret"})
	if err := openDB(t, addr, "ann", "wrong", false).PingContext(t.Context()); err == nil {
		t.Error("wrong password accepted")
	}
	if err := openDB(t, addr, "bob", "s3cret", false).PingContext(t.Context()); err == nil {
		t.Error("wrong user accepted")
	}
	if err := openDB(t, addr, "ann", "s3cret", false).PingContext(t.Context()); err != nil {
		t.Errorf("right password refused: %v", err)
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer lis.Close()
	if _, err := f.e.NewServer(sqlengine.ServerConfig{Listener: lis, User: "ann"}); !errors.Is(err, sqlengine.ErrNoPassword) {
		t.Errorf("no password: err = %v, want ErrNoPassword", err)
	}
	lis2, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer lis2.Close()
	if _, err := f.e.NewServer(sqlengine.ServerConfig{Listener: lis2, Insecure: true}); !errors.Is(err, sqlengine.ErrServing) {
		t.Errorf("second server on one engine: err = %v, want ErrServing", err)
	}
	open := serve(t, newFixture(t), sqlengine.ServerConfig{Insecure: true})
	if err := openDB(t, open, "anyone", "anything", false).PingContext(t.Context()); err != nil {
		t.Errorf("insecure server refused a login: %v", err)
	}
}

func TestServerMariaDBClient(t *testing.T) {
	bin, err := exec.LookPath("mariadb")
	if err != nil {
		t.Skip("mariadb client not installed")
	}
	f := newFixture(t)
	addr := serve(t, f, sqlengine.ServerConfig{User: "ann", Password: "s3cret"})
	host, port, _ := net.SplitHostPort(addr)
	script := "SELECT Id, Email FROM Contacts WHERE Id IN (1002, 1003) ORDER BY Id;\n" +
		"CALL SetContactStatus([1001, 999999], 'OptedOut');\n" +
		"SHOW TABLES LIKE 'Seq%';\n"
	cmd := exec.CommandContext(t.Context(), bin, "--protocol=tcp", "-h", host, "-P", port, "-u", "ann", "-ps3cret",
		"--skip-ssl", "--batch", "reply")
	cmd.Stdin = strings.NewReader(script)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("mariadb: %v\n%s", err, stderr.String())
	}
	want := "Id\tEmail\n" +
		"1002\tliam.garcia.1002@vandelay-industries.example\n" +
		"1003\tmohammed.patel.1003@vandelay-industries.example\n"
	if !strings.HasPrefix(out.String(), want) {
		t.Errorf("output:\n%s\nwant prefix:\n%s", out.String(), want)
	}
	for _, s := range []string{"999999\t", "1001\tNULL", "SequenceSteps"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("output lacks %q:\n%s", s, out.String())
		}
	}
}
