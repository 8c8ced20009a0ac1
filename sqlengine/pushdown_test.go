package sqlengine_test

import (
	"maps"
	"strings"
	"testing"

	"github.com/replykit/replykit/reply/replytest"
)

// TestPushdownCalls pins the API cost of the pushdown cases at their lower bound, independently of the golden
// files.
func TestPushdownCalls(t *testing.T) {
	tests := []struct {
		name  string
		query string
		rows  int
		calls map[string]int
	}{
		{"id equals", "SELECT Id, Email FROM Contacts WHERE Id = 1005", 1,
			map[string]int{"GET /v3/contacts/{id}": 1}},
		{"id in", "SELECT Id FROM Contacts WHERE Id IN (1001, 1002, 1003)", 3,
			map[string]int{"GET /v3/contacts/{id}": 3}},
		{"id in with a repeat", "SELECT Id FROM Contacts WHERE Id IN (1001, 1001)", 1,
			map[string]int{"GET /v3/contacts/{id}": 1}},
		{"count star", "SELECT COUNT(*) FROM Contacts", 1,
			map[string]int{"POST /v3/contacts/filter": 1}},
		{"limit stops paging", "SELECT Id FROM Contacts LIMIT 2", 2,
			map[string]int{"GET /v3/contacts": 1}},
		{"declared filter", "SELECT Id FROM Sequences WHERE Status = 'active'", 1,
			map[string]int{"GET /v3/sequences": 1}},
		{"parent key", "SELECT Id FROM SequenceSteps WHERE SequenceId = 1001", 6,
			map[string]int{"GET /v3/sequences/{id}/steps": 1}},
		{"detail-only columns not selected", "SELECT Id, Name FROM Sequences", 3,
			map[string]int{"GET /v3/sequences": 1}},
		{"detail-only columns selected", "SELECT Id, Steps FROM Sequences", 3,
			map[string]int{"GET /v3/sequences": 1, "GET /v3/sequences/{id}": 3}},
		// Both sides start before either ends: the second joins the first's read in progress.
		{"self join reads once", "SELECT a.Id FROM Contacts a JOIN Contacts b ON a.Id = b.Id", 12,
			map[string]int{"GET /v3/contacts": 1}},
		{"join reads each side once", "SELECT c.Id, a.Name FROM Contacts c JOIN Accounts a ON a.Id = c.AccountId", 6,
			map[string]int{"GET /v3/contacts": 1, "GET /v3/contact-accounts": 1}},
		{"subquery re-read from the statement cache", "SELECT Name, (SELECT COUNT(*) FROM Contacts c WHERE c.AccountId = a.Id) FROM Accounts a", 4,
			map[string]int{"GET /v3/contacts": 1, "GET /v3/contact-accounts": 1}},
		{"update by id is one write", "UPDATE Contacts SET Title = 'CTO' WHERE Id = 1005", 1,
			map[string]int{"PATCH /v3/contacts/{id}": 1}},
		{"delete by ids is one bulk call", "DELETE FROM Contacts WHERE Id IN (1010, 1011)", 1,
			map[string]int{"POST /v3/contacts/bulk-delete": 1}},
		{"unsupported verb costs nothing", "DELETE FROM LinkedInAccounts WHERE Id = 1", 0,
			map[string]int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			before := f.c.Stats()
			rows, err := f.e.Query(t.Context(), tt.query, nil)
			n := 0
			if err == nil {
				for {
					if _, err = rows.Next(); err != nil {
						break
					}
					n++
				}
				rows.Close()
			}
			got := f.c.Stats().Sub(before).ByEndpoint
			if got == nil {
				got = map[string]int{}
			}
			if !maps.Equal(got, tt.calls) {
				t.Errorf("calls = %v, want %v", got, tt.calls)
			}
			if n != tt.rows {
				t.Errorf("rows = %d, want %d", n, tt.rows)
			}
		})
	}
}

// TestCountCalls uses 2,500 contacts (3 pages) to tell a count from a read.
func TestCountCalls(t *testing.T) {
	f := newFixtureSeed(t, replytest.Seed{Seed: 3, Contacts: 2500, Accounts: 10})
	tests := []struct {
		query string
		calls int
	}{
		{"SELECT COUNT(*) FROM Contacts", 1},
		{"SELECT COUNT(*) FROM Contacts WHERE OwnerUserId = 1234", 1},                       // exact filter: the API's count
		{"SELECT COUNT(*) FROM Contacts WHERE Title LIKE '%a%'", 3},                         // local filter: every page
		{"SELECT COUNT(*) FROM Contacts WHERE OwnerUserId = 1234 AND Title LIKE '%a%'", -1}, // pages of the owner's rows
	}
	for _, tt := range tests {
		want := f.exec(t, "SELECT COUNT(*) FROM (SELECT Id FROM Contacts WHERE "+whereOf(tt.query)+") x", nil)
		before := f.c.Stats()
		got := f.exec(t, tt.query, nil)
		calls := f.c.Stats().Sub(before).Requests
		if firstValue(got) != firstValue(want) {
			t.Errorf("%s = %s, want %s", tt.query, firstValue(got), firstValue(want))
		}
		if tt.calls > 0 && calls != tt.calls {
			t.Errorf("%s: %d calls, want %d", tt.query, calls, tt.calls)
		}
	}
}

func whereOf(q string) string {
	if _, w, ok := strings.Cut(q, " WHERE "); ok {
		return w
	}
	return "TRUE"
}

// firstValue is the first cell of the first row of exec's output.
func firstValue(out string) string {
	lines := strings.Split(out, "\n")
	if len(lines) < 2 {
		return ""
	}
	return lines[1]
}
