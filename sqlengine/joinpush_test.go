package sqlengine_test

import (
	"strings"
	"testing"
)

// TestJoinPushdownSameRows checks that pushing join values changes the calls only (testdata/joins.golden has
// them): each query gives the same rows as its twin whose WHERE the engine cannot push (`+ 0`), which reads every
// table in full.
func TestJoinPushdownSameRows(t *testing.T) {
	f := newFixture(t)
	tests := []struct{ name, pushed, plain string }{
		{"parent key",
			"SELECT s.Id, st.Id FROM Sequences s JOIN SequenceSteps st ON st.SequenceId = s.Id WHERE s.Id IN (1001, 1003) ORDER BY 1, 2",
			"SELECT s.Id, st.Id FROM Sequences s JOIN SequenceSteps st ON st.SequenceId = s.Id WHERE s.Id + 0 IN (1001, 1003) ORDER BY 1, 2"},
		{"child into parent key",
			"SELECT st.Id, s.Name FROM SequenceSteps st JOIN Sequences s ON s.Id = st.SequenceId WHERE st.SequenceId = 1002 ORDER BY 1",
			"SELECT st.Id, s.Name FROM SequenceSteps st JOIN Sequences s ON s.Id = st.SequenceId WHERE st.SequenceId + 0 = 1002 ORDER BY 1"},
		{"declared filter",
			"SELECT a.Id, c.Id FROM Accounts a JOIN Contacts c ON c.AccountId = a.Id WHERE a.Id IN (1001, 1002) ORDER BY 1, 2",
			"SELECT a.Id, c.Id FROM Accounts a JOIN Contacts c ON c.AccountId = a.Id WHERE a.Id + 0 IN (1001, 1002) ORDER BY 1, 2"},
		{"key",
			"SELECT c.Id, a.Name FROM Contacts c JOIN Accounts a ON a.Id = c.AccountId WHERE c.Id IN (1001, 1002, 1004) ORDER BY 1",
			"SELECT c.Id, a.Name FROM Contacts c JOIN Accounts a ON a.Id = c.AccountId WHERE c.Id + 0 IN (1001, 1002, 1004) ORDER BY 1"},
		{"left join",
			"SELECT s.Id, st.Id FROM Sequences s LEFT JOIN SequenceSteps st ON st.SequenceId = s.Id AND st.Type = 'call' WHERE s.Id IN (1001, 1002) ORDER BY 1, 2",
			"SELECT s.Id, st.Id FROM Sequences s LEFT JOIN SequenceSteps st ON st.SequenceId = s.Id AND st.Type = 'call' WHERE s.Id + 0 IN (1001, 1002) ORDER BY 1, 2"},
		{"three tables",
			"SELECT s.Id, st.Id, sc.ContactId FROM Sequences s JOIN SequenceSteps st ON st.SequenceId = s.Id JOIN SequenceContacts sc ON sc.SequenceId = s.Id WHERE s.Id = 1002 ORDER BY 1, 2, 3",
			"SELECT s.Id, st.Id, sc.ContactId FROM Sequences s JOIN SequenceSteps st ON st.SequenceId = s.Id JOIN SequenceContacts sc ON sc.SequenceId = s.Id WHERE s.Id + 0 = 1002 ORDER BY 1, 2, 3"},
		{"semi-join",
			"SELECT Id FROM Sequences WHERE Id IN (SELECT SequenceId FROM SequenceSteps WHERE SequenceId IN (1001, 1002) AND Type = 'call') ORDER BY 1",
			"SELECT Id FROM Sequences WHERE Id IN (SELECT SequenceId FROM SequenceSteps WHERE SequenceId + 0 IN (1001, 1002) AND Type = 'call') ORDER BY 1"},
		{"semi-join into the outer table",
			"SELECT Id, Email FROM Contacts WHERE Id IN (SELECT ContactId FROM SequenceContacts WHERE SequenceId = 1002) ORDER BY 1",
			"SELECT Id, Email FROM Contacts WHERE Id IN (SELECT ContactId FROM SequenceContacts WHERE SequenceId + 0 = 1002) ORDER BY 1"},
		{"nested IN subqueries",
			"SELECT Id FROM Sequences WHERE Id IN (SELECT SequenceId FROM SequenceContacts WHERE SequenceId IN (SELECT Id FROM Sequences WHERE Id IN (1001, 1002)) AND ContactId IN (SELECT Id FROM Contacts WHERE Id IN (1003, 1004, 1007))) ORDER BY 1",
			"SELECT Id FROM Sequences WHERE Id IN (SELECT SequenceId FROM SequenceContacts WHERE SequenceId IN (SELECT Id FROM Sequences WHERE Id + 0 IN (1001, 1002)) AND ContactId IN (SELECT Id FROM Contacts WHERE Id + 0 IN (1003, 1004, 1007))) ORDER BY 1"},
		{"IN subquery beside an OR",
			"SELECT Id, Email FROM Contacts WHERE Id IN (SELECT ContactId FROM SequenceContacts WHERE SequenceId = 1002) AND (Email IS NULL OR Email LIKE '%e%') ORDER BY 1",
			"SELECT Id, Email FROM Contacts WHERE Id IN (SELECT ContactId FROM SequenceContacts WHERE SequenceId + 0 = 1002) AND (Email IS NULL OR Email LIKE '%e%') ORDER BY 1"},
		{"empty side",
			"SELECT s.Id, st.Id FROM Sequences s JOIN SequenceSteps st ON st.SequenceId = s.Id WHERE s.Id = 999999",
			"SELECT s.Id, st.Id FROM Sequences s JOIN SequenceSteps st ON st.SequenceId = s.Id WHERE s.Id + 0 = 999999"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rowsOf := func(q string) string {
				var b strings.Builder
				if _, err := render(t, &b, f.e, q, nil); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
				return b.String()
			}
			got, want := rowsOf(tc.pushed), rowsOf(tc.plain)
			if got != want {
				t.Errorf("pushed:\n%s\nplain:\n%s", got, want)
			}
			if strings.Count(want, "\n") < 2 && tc.name != "empty side" {
				t.Errorf("plain query returned no rows; the comparison proves nothing:\n%s", want)
			}
		})
	}
}
