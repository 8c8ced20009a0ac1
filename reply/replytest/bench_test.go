package replytest_test

import (
	"testing"

	"github.com/replykit/replykit/reply/replytest"
)

// BenchmarkSeed100k measures building an emulator with 100,000 contacts (go test -bench Seed).
func BenchmarkSeed100k(b *testing.B) {
	for b.Loop() {
		s := replytest.NewServer(replytest.WithSeed(replytest.Seed{Seed: 7, Contacts: 100_000, Accounts: 1000,
			ContactLists: 20, CustomFields: 5, Sequences: 20, Enrolments: 1000, EmailAccounts: 5}))
		s.Close()
	}
}

// BenchmarkListContacts measures a 1000-item page of GET /v3/contacts over 100,000 contacts.
func BenchmarkListContacts(b *testing.B) {
	s := newServer(b, replytest.WithSeed(replytest.Seed{Seed: 7, Contacts: 100_000, CustomFields: 5}))
	for b.Loop() {
		wantStatus(b, do(b, s, "GET", "/v3/contacts?top=1000&skip=50000", nil), 200)
	}
}
