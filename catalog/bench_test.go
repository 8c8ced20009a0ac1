package catalog_test

import (
	"testing"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply/replytest"
)

// BenchmarkListContacts lists 1000 emulated contacts (one page) and converts them to rows.
func BenchmarkListContacts(b *testing.B) {
	srv := replytest.NewServer(replytest.WithSeed(replytest.Seed{Seed: 1, Contacts: 1000}))
	b.Cleanup(srv.Close)
	_, c := newEnvFor(b, srv)
	tb := mustTable(b, "Contacts")
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range tb.List(b.Context(), c, catalog.Query{}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 1000 {
			b.Fatalf("%d rows", n)
		}
	}
}
