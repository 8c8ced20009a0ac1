package sqlengine_test

import (
	"errors"
	"io"
	"testing"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
	"github.com/replykit/replykit/sqlengine"
)

// benchSeed is large enough for paging to show: 5,000 contacts (5 pages), 60 sequences.
var benchSeed = replytest.Seed{Seed: 7, Contacts: 5000, Accounts: 50, Sequences: 60, SequenceFolders: 3,
	EmailAccounts: 3, Schedules: 1, Enrolments: 5}

func benchFixture(b *testing.B) *fixture {
	b.Helper()
	srv := replytest.NewServer(replytest.WithSeed(benchSeed))
	b.Cleanup(srv.Close)
	c, err := reply.NewClient(srv.Key, reply.WithBaseURL(srv.URL), reply.WithClock(srv.Clock()), reply.WithRateLimits(0, 0))
	if err != nil {
		b.Fatal(err)
	}
	e, err := sqlengine.New(c, sqlengine.WithTables(catalog.All()...), sqlengine.WithProcedures(catalog.Procedures()...))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { e.Close() })
	return &fixture{srv: srv, c: c, e: e}
}

func drain(b *testing.B, e *sqlengine.Engine, q string) int {
	rows, err := e.Query(b.Context(), q, nil)
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for {
		_, err := rows.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		n++
	}
	if err := rows.Close(); err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkPushdown reports the API calls of each pushdown case (calls/op) next to its lower bound
// (bound/op): the fewest calls the API allows for that result.
func BenchmarkPushdown(b *testing.B) {
	cases := []struct {
		name  string
		query string
		bound func(f *fixture, rows int) float64
	}{
		{"IdEquals", "SELECT Id, Email FROM Contacts WHERE Id = 1005", func(*fixture, int) float64 { return 1 }},
		{"IdIn3", "SELECT Id, Email FROM Contacts WHERE Id IN (1001, 1002, 1003)", func(*fixture, int) float64 { return 3 }},
		{"SequencesByStatus", "SELECT Id, Name FROM Sequences WHERE Status = 'active'",
			func(_ *fixture, rows int) float64 { return float64(max(1, (rows+999)/1000)) }},
		{"CountContacts", "SELECT COUNT(*) FROM Contacts", func(*fixture, int) float64 { return 1 }},
		{"CountContactsByOwner", "SELECT COUNT(*) FROM Contacts WHERE OwnerUserId = 1234", func(*fixture, int) float64 { return 1 }},
		{"ContactsLimit10", "SELECT Id FROM Contacts LIMIT 10", func(*fixture, int) float64 { return 1 }},
		{"FullScanContacts", "SELECT Id FROM Contacts WHERE Title LIKE 'Head%'", func(*fixture, int) float64 { return 5 }},
		{"JoinContactsAccounts", "SELECT c.Id, a.Name FROM Contacts c JOIN Accounts a ON a.Id = c.AccountId",
			func(*fixture, int) float64 { return 6 }},
		// Join value pushdown: the pushed side's join values become an IN on the other side.
		{"JoinSequenceSteps1", "SELECT s.Name, st.Id FROM Sequences s JOIN SequenceSteps st ON st.SequenceId = s.Id WHERE s.Id = 1005",
			func(*fixture, int) float64 { return 2 }},
		{"JoinAccountContacts", "SELECT a.Name, c.Id FROM Accounts a JOIN Contacts c ON c.AccountId = a.Id WHERE a.Id = 1010",
			func(*fixture, int) float64 { return 2 }},
		{"SemiJoinAccountsContacts", "SELECT Id FROM Accounts WHERE Id IN (SELECT AccountId FROM Contacts WHERE Title = 'CEO')",
			func(*fixture, int) float64 { return 2 }},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			f := benchFixture(b)
			before := f.c.Stats()
			rows := 0
			for b.Loop() {
				rows = drain(b, f.e, tc.query)
			}
			d := f.c.Stats().Sub(before)
			b.ReportMetric(float64(d.Requests)/float64(b.N), "calls/op")
			b.ReportMetric(tc.bound(f, rows), "bound/op")
			b.ReportMetric(float64(rows), "rows/op")
		})
	}
}

// BenchmarkOverhead compares a point lookup through the engine with the same API call made directly, against
// the in-process emulator (whose responses take microseconds, where the real API takes tens of milliseconds).
func BenchmarkOverhead(b *testing.B) {
	b.Run("Direct", func(b *testing.B) {
		f := benchFixture(b)
		for b.Loop() {
			if _, err := f.c.Contacts.Get(b.Context(), 1005); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Engine", func(b *testing.B) {
		f := benchFixture(b)
		for b.Loop() {
			drain(b, f.e, "SELECT Id, Email FROM Contacts WHERE Id = 1005")
		}
	})
	b.Run("EngineGroupBy", func(b *testing.B) {
		f := benchFixture(b)
		for b.Loop() {
			drain(b, f.e, "SELECT Status, COUNT(*) FROM Sequences GROUP BY Status")
		}
	})
	b.Run("DirectSequencesList", func(b *testing.B) {
		f := benchFixture(b)
		for b.Loop() {
			for _, err := range f.c.Sequences.List(b.Context(), nil) {
				if err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// BenchmarkJoinKeyCounted: 25 contact ids pushed into Contacts.Id (past the estimate of 20) on a 30,000-contact
// account, decided on Contacts' counted rows (one count call, remembered by the engine), next to the same join
// the engine cannot push (`+ 0`): every page of Contacts.
func BenchmarkJoinKeyCounted(b *testing.B) {
	seed := replytest.Seed{Seed: 3, Contacts: 30000, Sequences: 1, Enrolments: 25, EmailAccounts: 1, Schedules: 1}
	for _, tc := range []struct{ name, query string }{
		{"Pushed", "SELECT c.Id, c.Email FROM SequenceContacts sc JOIN Contacts c ON c.Id = sc.ContactId WHERE sc.SequenceId = 1001"},
		{"FullRead", "SELECT c.Id, c.Email FROM SequenceContacts sc JOIN Contacts c ON c.Id + 0 = sc.ContactId WHERE sc.SequenceId = 1001"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			f := newFixtureSeed(b, seed)
			before := f.c.Stats()
			rows := 0
			for b.Loop() {
				rows = drain(b, f.e, tc.query)
			}
			d := f.c.Stats().Sub(before)
			b.ReportMetric(float64(d.Requests)/float64(b.N), "calls/op")
			b.ReportMetric(float64(rows), "rows/op")
		})
	}
}
