package csvio_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/csvio"
	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
)

// roundTripOrder puts referenced objects first, so that a fresh emulator hands out the same ids as the source
// (ids are allocated per object from 1001 in creation order).
var roundTripOrder = []string{"CustomFields", "Accounts", "ContactLists", "Contacts"}

// TestRoundTrip exports every writable object from a seeded emulator, imports each file into a fresh emulator
// and exports again: the two files must be identical apart from read-only columns (ids, timestamps, derived
// values). testdata/roundtrip.txt reports, per object, rows, calls and whether the files matched.
func TestRoundTrip(t *testing.T) {
	_, src := mustServer(t, replytest.WithSeed(replytest.SmallAccount))
	_, dst := mustServer(t)
	tables := catalog.All()
	slices.SortStableFunc(tables, func(a, b *catalog.Table) int {
		ia, ib := slices.Index(roundTripOrder, a.Name), slices.Index(roundTripOrder, b.Name)
		if ia < 0 {
			ia = len(roundTripOrder)
		}
		if ib < 0 {
			ib = len(roundTripOrder)
		}
		return ia - ib
	})
	var report strings.Builder
	for _, tbl := range tables {
		if tbl.Insert == nil {
			continue
		}
		line := roundTrip(t, tbl, src, dst)
		report.WriteString(line + "\n")
	}
	golden(t, "roundtrip.txt", []byte(report.String()))
}

// roundTrip runs one object and returns its report line.
func roundTrip(t *testing.T, tbl *catalog.Table, src, dst *reply.Client) string {
	var cols []string
	for _, c := range tbl.Columns {
		if !c.WriteOnly {
			cols = append(cols, c.Name) // detail-only included: Sequences need their Steps to be created
		}
	}
	exp := func(c *reply.Client) (string, error) {
		var buf bytes.Buffer
		_, err := csvio.Export(t.Context(), c, tbl, &buf, csvio.ExportOptions{Columns: cols})
		return buf.String(), err
	}
	first, err := exp(src)
	if err != nil {
		return fmt.Sprintf("%s: export: %v", tbl.Name, err)
	}
	im, err := csvio.NewImporter(dst, tbl, csvio.ImportOptions{Mode: csvio.Insert})
	if err != nil {
		return fmt.Sprintf("%s: %v", tbl.Name, err)
	}
	before := dst.Stats()
	var ok, bad bytes.Buffer
	sum, err := im.Run(t.Context(), strings.NewReader(first), csvio.Outputs{OK: &ok, Errors: &bad})
	var pe *catalog.PartialError
	if err != nil && !errors.As(err, &pe) {
		return fmt.Sprintf("%s: import: %v", tbl.Name, err)
	}
	calls := dst.Stats().Sub(before).Requests
	line := fmt.Sprintf("%s: %d rows, %d imported, %d failed, %d calls", tbl.Name, sum.Rows, sum.OK(), sum.Failed, calls)
	if sum.Failed > 0 {
		errs := mustRecords(t, bad.String())
		line += fmt.Sprintf(" (first: %s)", errs[0][len(errs[0])-1])
	}
	second, err := exp(dst)
	if err != nil {
		return line + fmt.Sprintf("; export again: %v", err)
	}
	a, b := comparable(t, tbl, first), comparable(t, tbl, second)
	if a == b {
		return line + "; identical"
	}
	return line + "; DIFFERENT:\n  first:  " + firstDiff(a, b) + "\n  second: " + firstDiff(b, a)
}

// comparable drops the read-only columns of a CSV and sorts its rows.
func comparable(tb testing.TB, tbl *catalog.Table, s string) string {
	r := csv.NewReader(strings.NewReader(s))
	recs, err := r.ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	var keep []int
	for i, h := range recs[0] {
		if c, ok := tbl.Column(h); ok && !c.ReadOnly {
			keep = append(keep, i)
		}
	}
	lines := make([]string, 0, len(recs))
	for _, rec := range recs {
		out := make([]string, len(keep))
		for j, i := range keep {
			out[j] = rec[i]
		}
		var b strings.Builder
		w := csv.NewWriter(&b)
		_ = w.Write(out)
		w.Flush()
		lines = append(lines, strings.TrimSuffix(b.String(), "\n"))
	}
	slices.Sort(lines[1:]) // rows created one by one get their ids after the bulk ones: compare as sets
	return strings.Join(lines, "\n")
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range la {
		if i >= len(lb) || la[i] != lb[i] {
			if i == 0 {
				return la[0]
			}
			return la[0] + " | " + la[i]
		}
	}
	return "(shorter)"
}
