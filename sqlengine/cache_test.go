package sqlengine_test

import (
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
	"github.com/replykit/replykit/sqlengine"
)

// fakeNow is a settable clock for the cross-statement cache.
type fakeNow struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeNow) now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.t }
func (f *fakeNow) add(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.t = f.t.Add(d)
}

func TestCacheTTL(t *testing.T) {
	clock := &fakeNow{t: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)}
	f := newFixture(t, sqlengine.WithCacheTTL(time.Minute), sqlengine.WithClock(clock.now))
	steps := []struct {
		do    func()
		query string
		calls string
	}{
		{nil, "SELECT Id, Title FROM Contacts", "GET /v3/contacts x1"},
		{nil, "SELECT Id, Title FROM Contacts", "none"},
		{func() { clock.add(30 * time.Second) }, "SELECT Id, Title FROM Contacts", "none"},
		{nil, "UPDATE Contacts SET Title = 'Cached?' WHERE Id = 1002", "PATCH /v3/contacts/{id} x1"},
		{nil, "SELECT Id, Title FROM Contacts", "GET /v3/contacts x1"}, // the write dropped the table's reads
		{func() { clock.add(2 * time.Minute) }, "SELECT Id, Title FROM Contacts", "GET /v3/contacts x1"},
	}
	for i, s := range steps {
		if s.do != nil {
			s.do()
		}
		out := f.exec(t, s.query, nil)
		if !strings.Contains(out, "calls: "+s.calls+"\n") {
			t.Errorf("step %d %s: want calls %s, got:\n%s", i, s.query, s.calls, out)
		}
	}
}

// TestAPIErrors checks that API failures reach the SQL caller plainly: the status, the API's code, the table.
func TestAPIErrors(t *testing.T) {
	tests := []struct {
		name  string
		setup func(*replytest.Server)
		key   string
		query string
		want  []string
	}{
		{"wrong key", nil, "not-the-key", "SELECT Id FROM Contacts LIMIT 1",
			[]string{"SELECT Contacts", "401"}},
		{"429 storm", func(s *replytest.Server) {
			s.Fail("contacts.get", replytest.Fault{Status: 429, RetryAfter: time.Second})
		}, "", "SELECT Id FROM Contacts WHERE Id = 1002", []string{"SELECT Contacts", "429"}},
		{"server error", func(s *replytest.Server) {
			s.Fail("sequences.list", replytest.Fault{Status: 500, Code: "sequence.boom"})
		}, "", "SELECT Id FROM Sequences", []string{"SELECT Sequences", "500", "sequence.boom"}},
		{"validation on write", nil, "", "INSERT INTO Contacts (Email) VALUES ('not-an-email')",
			[]string{"INSERT Contacts", "row 1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := replytest.NewServer(replytest.WithSeed(replytest.SmallAccount), replytest.WithKeys("the-key"))
			t.Cleanup(srv.Close)
			if tt.setup != nil {
				tt.setup(srv)
			}
			key := tt.key
			if key == "" {
				key = "the-key"
			}
			c, err := reply.NewClient(key, reply.WithBaseURL(srv.URL), reply.WithClock(srv.Clock()), reply.WithMaxRetries(2))
			if err != nil {
				t.Fatal(err)
			}
			e, err := sqlengine.New(c, sqlengine.WithTables(catalog.All()...))
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			err = queryErr(t, e, tt.query)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "the-key") {
				t.Error("error contains the API key")
			}
		})
	}
}

func queryErr(t *testing.T, e *sqlengine.Engine, q string) error {
	rows, err := e.Query(t.Context(), q, nil)
	if err != nil {
		return err
	}
	for {
		if _, err = rows.Next(); err != nil {
			break
		}
	}
	cerr := rows.Close()
	if errors.Is(err, io.EOF) {
		err = nil
	}
	return errors.Join(err, cerr)
}
