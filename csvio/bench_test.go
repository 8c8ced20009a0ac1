package csvio_test

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/csvio"
	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
)

// The benchmarks feed docs/benchmarks.md (## CSV). They are not part of the default test run:
//
//	go test ./csvio -run '^$' -bench . -benchtime 3x

const benchContacts = 100_000

// BenchmarkListContacts is the baseline: listing 100,000 contacts through the client, nothing else.
func BenchmarkListContacts(b *testing.B) {
	_, c := mustServer(b, replytest.WithSeed(replytest.Seed{Seed: 1, Contacts: benchContacts}))
	var rep benchReport
	defer func() { rep.done(b) }()
	for b.Loop() {
		before := c.Stats()
		n := 0
		for _, err := range c.Contacts.List(b.Context(), &reply.ContactListOptions{}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		rep = benchReport{n, c.Stats().Sub(before).Requests}
	}
}

// BenchmarkExportContacts exports the same 100,000 contacts, every default column, to CSV.
func BenchmarkExportContacts(b *testing.B) {
	_, c := mustServer(b, replytest.WithSeed(replytest.Seed{Seed: 1, Contacts: benchContacts}))
	tbl := mustTable(b, "Contacts")
	var rep benchReport
	defer func() { rep.done(b) }()
	for b.Loop() {
		before := c.Stats()
		cw := &countingWriter{}
		n, err := csvio.Export(b.Context(), c, tbl, cw, csvio.ExportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		rep = benchReport{n, c.Stats().Sub(before).Requests}
		b.ReportMetric(float64(cw.n)/float64(n), "bytes/row")
	}
}

// BenchmarkExportCustomFields exports 100,000 contacts with 5 custom fields as Id, Email and CustomFields: the
// custom fields as one JSON column, then as one column per custom field (--custom-fields columns).
func BenchmarkExportCustomFields(b *testing.B) {
	_, c := mustServer(b, replytest.WithSeed(replytest.Seed{Seed: 1, Contacts: benchContacts, CustomFields: 5}))
	tbl := mustTable(b, "Contacts")
	for _, mode := range []struct {
		name string
		mode csvio.CustomFieldsMode
	}{{"json", csvio.CustomFieldsJSON}, {"columns", csvio.CustomFieldsColumns}} {
		b.Run(mode.name, func(b *testing.B) {
			var rep benchReport
			defer func() { rep.done(b) }()
			for b.Loop() {
				before := c.Stats()
				cw := &countingWriter{}
				n, err := csvio.Export(b.Context(), c, tbl, cw, csvio.ExportOptions{
					Columns: []string{"Id", "Email", "CustomFields"}, CustomFields: mode.mode})
				if err != nil {
					b.Fatal(err)
				}
				rep = benchReport{n, c.Stats().Sub(before).Requests}
				b.ReportMetric(float64(cw.n)/float64(n), "bytes/row")
			}
		})
	}
}

// BenchmarkImportValidate is a dry run of 100,000 contact rows: parsing, mapping and validation, no API call.
func BenchmarkImportValidate(b *testing.B) {
	input := contactsCSV(benchContacts)
	tbl := mustTable(b, "Contacts")
	var rep benchReport
	defer func() { rep.done(b) }()
	for b.Loop() {
		im, err := csvio.NewImporter(nil, tbl, csvio.ImportOptions{Mode: csvio.Insert, DryRun: true})
		if err != nil {
			b.Fatal(err)
		}
		sum, err := im.Run(b.Context(), strings.NewReader(input), csvio.Outputs{OK: io.Discard, Errors: io.Discard})
		if err != nil || sum.Inserted != benchContacts {
			b.Fatalf("%+v %v", sum, err)
		}
		rep = benchReport{benchContacts, 0}
	}
}

// BenchmarkImportContacts inserts 10,000 contacts into an empty emulator; the lower bound is 10 calls.
func BenchmarkImportContacts(b *testing.B) {
	const n = 10_000
	input := contactsCSV(n)
	tbl := mustTable(b, "Contacts")
	var rep benchReport
	defer func() { rep.done(b) }()
	for b.Loop() {
		b.StopTimer()
		_, c := mustServer(b)
		b.StartTimer()
		im, err := csvio.NewImporter(c, tbl, csvio.ImportOptions{Mode: csvio.Insert})
		if err != nil {
			b.Fatal(err)
		}
		before := c.Stats()
		var journal bytes.Buffer
		sum, err := im.Run(b.Context(), strings.NewReader(input), csvio.Outputs{OK: io.Discard, Errors: io.Discard, Journal: &journal})
		if err != nil || sum.Inserted != n {
			b.Fatalf("%+v %v", sum, err)
		}
		rep = benchReport{n, c.Stats().Sub(before).Requests}
		b.ReportMetric(float64(n/1000), "lower-bound-calls")
	}
}

// BenchmarkImportAccounts inserts 1,000 accounts (bulk create, 100 per call): the lower bound is 10 calls.
func BenchmarkImportAccounts(b *testing.B) {
	const n = 1000
	var sb strings.Builder
	sb.WriteString("Name,DomainName\n")
	for i := range n {
		sb.WriteString("Account " + strconv.Itoa(i) + ",a" + strconv.Itoa(i) + ".example\n")
	}
	tbl := mustTable(b, "Accounts")
	var rep benchReport
	defer func() { rep.done(b) }()
	for b.Loop() {
		b.StopTimer()
		_, c := mustServer(b)
		b.StartTimer()
		im, err := csvio.NewImporter(c, tbl, csvio.ImportOptions{Mode: csvio.Insert})
		if err != nil {
			b.Fatal(err)
		}
		before := c.Stats()
		sum, err := im.Run(b.Context(), strings.NewReader(sb.String()), csvio.Outputs{})
		var pe *catalog.PartialError
		if err != nil && !(errors.As(err, &pe) && pe.Err == nil) {
			b.Fatal(err)
		}
		rep = benchReport{sum.Inserted, c.Stats().Sub(before).Requests}
		b.ReportMetric(float64(n/100), "lower-bound-calls")
	}
}

// report records the last iteration's rows and calls; done reports them with the rate over all iterations.
type benchReport struct{ rows, calls int }

func (r *benchReport) done(b *testing.B) {
	b.ReportMetric(float64(r.rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(r.calls), "calls")
	b.ReportMetric(float64(r.rows), "rows")
}

type countingWriter struct{ n int }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }

// BenchmarkUpdateContactsByEmail updates 10,000 of 10,000 contacts matched by email (--key Email): one listing
// (10 calls) and the import endpoint with overwriteExisting (10 calls) instead of 10,000 PATCHes.
func BenchmarkUpdateContactsByEmail(b *testing.B) {
	const n = 10_000
	input := strings.ReplaceAll(contactsCSV(n), ".com,First", ".com,Renamed") // every row changes
	tbl := mustTable(b, "Contacts")
	var rep benchReport
	defer func() { rep.done(b) }()
	for b.Loop() {
		b.StopTimer()
		_, c := mustServer(b)
		im, err := csvio.NewImporter(c, tbl, csvio.ImportOptions{Mode: csvio.Insert})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := im.Run(b.Context(), strings.NewReader(contactsCSV(n)), csvio.Outputs{}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		im, err = csvio.NewImporter(c, tbl, csvio.ImportOptions{Mode: csvio.Update, Key: "Email"})
		if err != nil {
			b.Fatal(err)
		}
		before := c.Stats()
		sum, err := im.Run(b.Context(), strings.NewReader(input), csvio.Outputs{})
		if err != nil || sum.Updated != n {
			b.Fatalf("%+v %v", sum, err)
		}
		rep = benchReport{n, c.Stats().Sub(before).Requests}
		b.ReportMetric(float64(2*n/1000), "lower-bound-calls")
	}
}
