package csvio_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
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

// roundTripSkip are columns left out of the import (and of the comparison): references to objects the fresh
// emulator cannot have (LinkedIn accounts cannot be created through the API).
var roundTripSkip = map[string][]string{
	"Sequences": {"LinkedInAccounts"},
}

// roundTripCustomFields are the objects exported with one column per custom field (--custom-fields columns),
// which the import reads back by title.
var roundTripCustomFields = map[string]csvio.CustomFieldsMode{"Contacts": csvio.CustomFieldsColumns}

// roundTripNotes explain the objects whose round trip cannot be identical (docs/csv.md, "Round trips").
var roundTripNotes = map[string]string{
	"SequenceSteps": "expected: the Sequences import already created every step (Steps column), and the API " +
		"creates no sequence without one, so these rows add steps",
	"SequenceStepVariants": "expected: the Sequences import already created every variant inside its step",
	"SequenceLinkedInAccounts": "expected: LinkedIn accounts cannot be created through the API, so the fresh " +
		"account has none to attach",
}

// roundTripOptions are the import options a user needs for some objects (docs/csv.md, "Round trips"):
//   - EmailAccounts: passwords are never exported; the user supplies them as Connection.smtpPassword and
//     Connection.imapPassword (columns or --set).
//   - objects a new account already has a default of (the "Business hours" schedule, the "US Holidays"
//     calendar, the "My templates" folder): upsert matched by Name updates those instead of failing on a
//     duplicate name.
var roundTripOptions = map[string]csvio.ImportOptions{
	"EmailAccounts": {Mode: csvio.Insert, Set: map[string]string{
		"Connection.smtpPassword": "app-password", "Connection.imapPassword": "app-password"}},
	"Schedules":            {Mode: csvio.Upsert, Key: "Name"},
	"HolidayCalendars":     {Mode: csvio.Upsert, Key: "Name"},
	"EmailTemplateFolders": {Mode: csvio.Upsert, Key: "Name"},
}

// TestRoundTrip exports every writable object from a seeded emulator, imports each file into a fresh emulator
// and exports again: the two files must be identical apart from read-only columns (ids, timestamps, derived
// values). testdata/roundtrip.txt reports, per object, rows, calls and whether the files matched.
func TestRoundTrip(t *testing.T) {
	_, src := mustServer(t, replytest.WithSeed(replytest.SmallAccount))
	_, dst := mustServer(t)
	seedWebhooks(t, src)
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
		_, err := csvio.Export(t.Context(), c, tbl, &buf, csvio.ExportOptions{Columns: cols,
			CustomFields: roundTripCustomFields[tbl.Name]})
		return buf.String(), err
	}
	first, err := exp(src)
	if err != nil {
		return fmt.Sprintf("%s: export: %v", tbl.Name, err)
	}
	opts := csvio.ImportOptions{Mode: csvio.Insert}
	if o, ok := roundTripOptions[tbl.Name]; ok {
		opts = o
	}
	opts.Map = map[string]string{}
	for _, col := range roundTripSkip[tbl.Name] {
		opts.Map[col] = ""
	}
	im, err := csvio.NewImporter(dst, tbl, opts)
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
	name := tbl.Name
	if roundTripCustomFields[tbl.Name] == csvio.CustomFieldsColumns {
		name += " (--custom-fields columns: " + strings.Join(customFieldHeaders(t, first), ", ") + ")"
	}
	line := fmt.Sprintf("%s: %d rows, %d imported, %d failed, %d calls", name, sum.Rows, sum.OK(), sum.Failed, calls)
	if opts.Mode != csvio.Insert || len(opts.Set) > 0 {
		line = fmt.Sprintf("%s (--mode %s", tbl.Name, opts.Mode)
		if opts.Key != "" {
			line += " --key " + opts.Key
		}
		for _, k := range slices.Sorted(maps.Keys(opts.Set)) {
			line += " --set " + k + "=..."
		}
		line += fmt.Sprintf("): %d rows, %d inserted, %d updated, %d unchanged, %d failed, %d calls", sum.Rows,
			sum.Inserted, sum.Updated, sum.Unchanged, sum.Failed, calls)
	}
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
	line += "; DIFFERENT: " + firstDiff(t, a, b)
	if note, ok := roundTripNotes[tbl.Name]; ok {
		line += " (" + note + ")"
	}
	return line
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
		if c, ok := tbl.Column(h); ok && !c.ReadOnly && !slices.Contains(roundTripSkip[tbl.Name], c.Name) ||
			strings.HasPrefix(h, "CustomFields.") {
			keep = append(keep, i)
		}
	}
	lines := make([]string, 0, len(recs))
	for _, rec := range recs {
		out := make([]string, len(keep))
		for j, i := range keep {
			out[j] = renumber(rec[i])
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

// renumber replaces the ids inside a JSON cell (members id and parentId, per nesting depth) by their order of
// appearance, so that nested ids (Sequences.Steps) compare "ids aside" while the structure still counts.
func renumber(cell string) string {
	if !strings.HasPrefix(cell, "[") && !strings.HasPrefix(cell, "{") {
		return cell
	}
	var v any
	if err := json.Unmarshal([]byte(cell), &v); err != nil {
		return cell
	}
	ids := map[string]int{}
	num := func(depth int, id any) any {
		if id == nil {
			return nil
		}
		k := fmt.Sprint(depth, "/", id)
		if _, ok := ids[k]; !ok {
			ids[k] = len(ids) + 1
		}
		return ids[k]
	}
	var walk func(v any, depth int) any
	walk = func(v any, depth int) any {
		switch x := v.(type) {
		case []any:
			for i := range x {
				x[i] = walk(x[i], depth+1)
			}
		case map[string]any:
			if id, ok := x["id"]; ok {
				x["id"] = num(depth, id)
			}
			if id, ok := x["parentId"]; ok {
				x["parentId"] = num(depth, id)
			}
			for k, e := range x {
				if k != "id" && k != "parentId" {
					x[k] = walk(e, depth)
				}
			}
		}
		return v
	}
	b, _ := json.Marshal(walk(v, 0))
	return string(b)
}

// firstDiff names the first column whose values differ and shows both.
func firstDiff(tb testing.TB, a, b string) string {
	ra, err := csv.NewReader(strings.NewReader(a)).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	rb, err := csv.NewReader(strings.NewReader(b)).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	if len(ra) != len(rb) {
		return fmt.Sprintf("%d rows, then %d", len(ra)-1, len(rb)-1)
	}
	clipped := func(s string) string {
		if len(s) > 120 {
			return s[:120] + "..."
		}
		return s
	}
	for i := range ra {
		for j := range ra[i] {
			if x, y := ra[i][j], rb[i][j]; x != y {
				k := 0
				for k < len(x) && k < len(y) && x[k] == y[k] {
					k++
				}
				k = max(0, k-40)
				return fmt.Sprintf("row %d, %s: ...%q, then ...%q", i, ra[0][j], clipped(x[k:]), clipped(y[k:]))
			}
		}
	}
	return "?"
}

// customFieldHeaders returns the CustomFields.<title> headers of a CSV.
func customFieldHeaders(tb testing.TB, s string) []string {
	head, err := csv.NewReader(strings.NewReader(s)).Read()
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, h := range head {
		if strings.HasPrefix(h, "CustomFields.") {
			out = append(out, h)
		}
	}
	return out
}

// seedWebhooks subscribes a receiver on 127.0.0.1 to a few events in the source account (the small account has no
// webhooks): team and personal scopes, a payload config, and one disabled subscription.
func seedWebhooks(tb testing.TB, c *reply.Client) {
	tb.Helper()
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	tb.Cleanup(recv.Close)
	tbl, ok := catalog.Lookup("Webhooks")
	if !ok {
		tb.Fatal("no Webhooks table")
	}
	rows := []catalog.Row{
		{"EventType": "email_replied", "Url": recv.URL + "/hooks/replied", "Scope": "team",
			"PayloadConfig": json.RawMessage(`{"includeEmailUrl":true,"includeEmailText":true,"includeProspectCustomFields":false}`)},
		{"EventType": "contact_opted_out", "Url": recv.URL + "/hooks/opted-out"},
		{"EventType": "email_replied", "Url": recv.URL + "/hooks/paused", "Enabled": false},
	}
	for _, r := range tbl.Insert(tb.Context(), c, rows) {
		if r.Err != nil {
			tb.Fatalf("creating a webhook: %v", r.Err)
		}
	}
}
