package sqlengine_test

import (
	"strings"
	"testing"
	"time"

	"github.com/replykit/replykit/reply/replytest"
)

// TestJoinKeyPushCounted: past the estimate (20 ids), join values are pushed into Contacts.Id only when the
// GETs cost fewer calls than reading every page, judged on the counted rows (one count call, remembered).
func TestJoinKeyPushCounted(t *testing.T) {
	t.Parallel()
	const q = "SELECT COUNT(c.Id) FROM SequenceContacts sc JOIN Contacts c ON c.Id = sc.ContactId WHERE sc.SequenceId = 1001"
	tests := []struct {
		name      string
		contacts  int
		want      string
		wantAgain string // the same statement again: the count is remembered
	}{
		{"large account: 25 GETs beat 30 pages", 30000,
			"GET /v3/contacts/{id} x25, GET /v3/sequences/{id}/contacts x1, POST /v3/contacts/filter x1",
			"GET /v3/contacts/{id} x25, GET /v3/sequences/{id}/contacts x1"},
		{"small account: one page beats 25 GETs", 900,
			"GET /v3/contacts x1, GET /v3/sequences/{id}/contacts x1, POST /v3/contacts/filter x1",
			"GET /v3/contacts x1, GET /v3/sequences/{id}/contacts x1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			f := newFixtureSeed(t, replytest.Seed{Seed: 3, Contacts: tt.contacts, Sequences: 1, Enrolments: 25, EmailAccounts: 1, Schedules: 1})
			t.Logf("seeded in %s", time.Since(start))
			for i, want := range []string{tt.want, tt.wantAgain} {
				before := f.c.Stats()
				var b strings.Builder
				if _, err := render(t, &b, f.e, q, nil); err != nil {
					t.Fatal(err)
				}
				if got := callsString(f.c.Stats().Sub(before)); got != want {
					t.Errorf("run %d: calls = %s, want %s", i+1, got, want)
				}
				if b.String() != "COUNT(c.Id)\n25\n" {
					t.Errorf("run %d: rows = %q", i+1, b.String())
				}
			}
			t.Logf("took %s", time.Since(start))
		})
	}
}
