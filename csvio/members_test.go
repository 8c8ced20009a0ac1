package csvio_test

import (
	"encoding/csv"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/csvio"
	"github.com/replykit/replykit/reply/replytest"
)

// TestImportMembersAndUnchanged: Column.member columns and --set constants fill members of a JSON object column
// (the passwords an EmailAccounts export never carries), and an upsert matched by --key writes nothing for a row
// equal to the stored one (the default "Business hours" schedule of a new account).
func TestImportMembersAndUnchanged(t *testing.T) {
	t.Parallel()
	conn := `"{""email"":""%s"",""smtpHost"":""smtp.x.example"",""smtpPort"":587,""smtpSsl"":true,""imapHost"":""imap.x.example"",""imapPort"":993,""imapSsl"":true}"`
	steps := []importStep{
		{name: "email_accounts_passwords", table: "EmailAccounts", opts: csvio.ImportOptions{Mode: csvio.Insert,
			Set: map[string]string{"Connection.imapPassword": "imap-secret"}},
			input: "Email,SenderName,Connection,Connection.smtpPassword\n" +
				"one@x.example,One," + fmt.Sprintf(conn, "one@x.example") + ",smtp-secret\n" +
				"two@x.example,Two," + fmt.Sprintf(conn, "two@x.example") + ",\n" + // no smtp password: API 400
				"three@x.example,Three,[1],smtp-secret\n"}, // not an object: rejected before any call
		{name: "schedules_upsert_unchanged", table: "Schedules", opts: csvio.ImportOptions{Mode: csvio.Upsert, Key: "Name"},
			input: "Name,TimezoneId,ExcludeHolidays\n" +
				"Business hours,Eastern Standard Time,false\n" + // the default schedule, as it is: no call
				"BUSINESS HOURS,Eastern Standard Time,\n" + // matched case-insensitively; the name's case changes: updated
				"Night shift,Tokyo Standard Time,true\n"}, // inserted
		{name: "schedules_upsert_changed", table: "Schedules", opts: csvio.ImportOptions{Mode: csvio.Upsert, Key: "Name"},
			input: "Name,ExcludeHolidays\nNight shift,true\nBusiness hours,true\n"}, // one unchanged, one updated
	}
	_, c := mustServer(t)
	for _, st := range steps {
		im, err := csvio.NewImporter(c, mustTable(t, st.table), st.opts)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		before := c.Stats()
		got, err := runImport(t, im, st.input, nil, nil)
		var pe *catalog.PartialError
		if err != nil && (!errors.As(err, &pe) || pe.Err != nil) {
			t.Fatalf("%s: %v", st.name, err)
		}
		golden(t, "members_"+st.name+".txt", []byte(got+calls(c, before)))
	}
	for _, set := range []string{"Email.x", "Connection.", "Nope.x"} {
		if _, err := csvio.NewImporter(c, mustTable(t, "EmailAccounts"), csvio.ImportOptions{Mode: csvio.Insert,
			Set: map[string]string{set: "v"}}); !errors.Is(err, csvio.ErrBadOption) {
			t.Errorf("--set %s: err = %v, want ErrBadOption", set, err)
		}
	}
}

// TestImportContactsExportUnchanged: an export of Contacts imported back with --mode update --key Email writes
// nothing (one listing call); after editing one cell, only that contact is written.
func TestImportContactsExportUnchanged(t *testing.T) {
	t.Parallel()
	_, c := mustServer(t, replytest.WithSeed(replytest.SmallAccount))
	tbl := mustTable(t, "Contacts")
	var exp strings.Builder
	if _, err := csvio.Export(t.Context(), c, tbl, &exp, csvio.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	run := func(input string) (csvio.Summary, int) {
		im, err := csvio.NewImporter(c, tbl, csvio.ImportOptions{Mode: csvio.Update, Key: "Email"})
		if err != nil {
			t.Fatal(err)
		}
		before := c.Stats()
		sum, err := im.Run(t.Context(), strings.NewReader(input), csvio.Outputs{})
		var pe *catalog.PartialError
		if err != nil && !errors.As(err, &pe) {
			t.Fatal(err)
		}
		return sum, c.Stats().Sub(before).Requests
	}
	sum, calls := run(exp.String())
	withEmail := sum.Rows - sum.Failed // rows without an email fail: nothing to match
	if sum.Unchanged != withEmail || sum.Updated != 0 || calls != 1 {
		t.Errorf("re-import of the export: %+v in %d calls; want %d unchanged in 1 call (the listing)", sum, calls, withEmail)
	}
	recs := mustRecords(t, exp.String())
	header := strings.Split(strings.SplitN(exp.String(), "\n", 2)[0], ",")
	email, title := slices.Index(header, "Email"), slices.Index(header, "Title")
	for _, rec := range recs {
		if rec[email] != "" {
			rec[title] = "Chief Edited Officer"
			break
		}
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	_ = w.Write(header)
	_ = w.WriteAll(recs)
	edited := b.String()
	sum, calls = run(edited)
	if sum.Unchanged != withEmail-1 || sum.Updated != 1 || calls != 2 {
		t.Errorf("one cell edited: %+v in %d calls; want 1 updated, %d unchanged, 2 calls", sum, calls, withEmail-1)
	}
}

// TestImportSetCustomField: --set CustomFields.<title>=value is a constant custom field (it wins over a cell of
// the same field); an unknown title is an option error before any write.
func TestImportSetCustomField(t *testing.T) {
	t.Parallel()
	_, c := mustServer(t, replytest.WithSeed(replytest.SmallAccount))
	tbl := mustTable(t, "Contacts")
	email := "liam.garcia.1002@vandelay-industries.example"
	input := "Email,CustomFields.Lead Source,CustomFields.Score\n" + email + ",Conference,42\n"
	im, err := csvio.NewImporter(c, tbl, csvio.ImportOptions{Mode: csvio.Update, Key: "Email",
		Set: map[string]string{"customfields.LEAD SOURCE": "Partner", "CustomFields.1003": `\N`}})
	if err != nil {
		t.Fatal(err)
	}
	if sum, err := im.Run(t.Context(), strings.NewReader(input), csvio.Outputs{}); err != nil || sum.Updated != 1 {
		t.Fatalf("%+v, %v", sum, err)
	}
	var out strings.Builder
	if _, err := csvio.Export(t.Context(), c, tbl, &out, csvio.ExportOptions{Columns: []string{"CustomFields"},
		Where: []catalog.Cond{{Column: "Email", Op: catalog.Eq, Values: []any{email}}}}); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{`""key"":""1001"",""value"":""Partner""`, `""key"":""1002"",""value"":""42""`} {
		if !strings.Contains(got, want) {
			t.Errorf("custom fields after the import:\n%s\nwant %s", got, want)
		}
	}
	if strings.Contains(got, `""key"":""1003"",""value"":""`) {
		t.Errorf("custom field 1003 not cleared:\n%s", got)
	}

	im, err = csvio.NewImporter(c, tbl, csvio.ImportOptions{Mode: csvio.Update, Key: "Email",
		Set: map[string]string{"CustomFields.Shoe Size": "42"}})
	if err != nil {
		t.Fatal(err)
	}
	before := c.Stats()
	if _, err := im.Run(t.Context(), strings.NewReader(input), csvio.Outputs{}); !errors.Is(err, csvio.ErrBadOption) ||
		!strings.Contains(err.Error(), "Shoe Size") {
		t.Errorf("unknown custom field: err = %v, want ErrBadOption naming it", err)
	}
	if n := c.Stats().Sub(before).ByEndpoint["PATCH /v3/contacts/{id}"]; n != 0 {
		t.Errorf("%d writes after an unknown --set custom field", n)
	}
}
