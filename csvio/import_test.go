package csvio_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/csvio"
	"github.com/replykit/replykit/reply/replytest"
)

// contactsCSV is an insert input: bulk-importable rows and rows that take the one-call-per-row path or fail.
func contactsCSV(n int) string {
	var b strings.Builder
	b.WriteString("Email,FirstName,LastName,CompanySize,City\n")
	for i := 1; i <= n; i++ {
		size := []string{"", "Ten", "fifty", "OneThousand"}[i%4]
		fmt.Fprintf(&b, "person%03d@example.com,First%03d,Last %d,%s,\"City, %d\"\n", i, i, i, size, i%3)
	}
	return b.String()
}

type importStep struct {
	name  string
	table string
	input string
	opts  csvio.ImportOptions
}

// TestImportScenario runs imports one after the other on one emulator and checks each one's outputs and API calls.
func TestImportScenario(t *testing.T) {
	_, c := mustServer(t)
	steps := []importStep{
		{name: "accounts_insert", table: "Accounts", opts: csvio.ImportOptions{Mode: csvio.Insert},
			input: "Name,DomainName,CompanySize\nAcme,acme.com,11-50\nGlobex,globex.com,\nInitech,,huge\n,nameless.com,\n"},
		{name: "contacts_insert", table: "Contacts", opts: csvio.ImportOptions{Mode: csvio.Insert},
			input: contactsCSV(0) + strings.Join([]string{
				"ann@example.com,Ann,Archer,Ten,Paris",
				"bob@example.com,Bob,,,",
				"ANN@example.com,Ann,Again,,",    // same email as line 2, same import call: skipped
				"nofirst@example.com,,Nofirst,,", // no first name: created one by one
				",Nomail,,,",                     // neither email nor LinkedIn: API 400
				"bad-email,Bad,,,",               // API 400 from the import, precise reason from the create
				"eve@example.com,Eve,,enormous,", // enum: rejected before any call
			}, "\n") + "\n"},
		{name: "contacts_insert_lookup", table: "Contacts", opts: csvio.ImportOptions{Mode: csvio.Insert,
			Lookups: []csvio.Lookup{{Column: "AccountName", Table: "Accounts", Key: "Name"}},
			Set:     map[string]string{"Country": "France"}},
			input: "Email,FirstName,AccountName\ncat@example.com,Cat,acme\ndan@example.com,Dan,Globex\nfay@example.com,Fay,Umbrella\ngus@example.com,Gus,\n"},
		{name: "contacts_update_key", table: "Contacts", opts: csvio.ImportOptions{Mode: csvio.Update, Key: "email"},
			input: "email,Title,City,OwnerUserId\nann@example.com,CEO,\\N,1235\nBOB@EXAMPLE.COM,CTO,,\nzed@example.com,Nobody,,\n,Empty,,\nbob@example.com,,,999\n"},
		{name: "contacts_upsert_id", table: "Contacts", opts: csvio.ImportOptions{Mode: csvio.Upsert},
			input: "Id,Email,FirstName\n1001,,Annie\n,hal@example.com,Hal\n999999,ivy@example.com,Ivy\n"},
		{name: "contacts_upsert_key", table: "Contacts", opts: csvio.ImportOptions{Mode: csvio.Upsert, Key: "Email"},
			input: "Email,FirstName,LastName\nhal@example.com,Hal,Updated\njoe@example.com,Joe,New\n"},
		{name: "contacts_delete", table: "Contacts", opts: csvio.ImportOptions{Mode: csvio.Delete},
			input: "Id,Email\n1002,bob@example.com\n1002,bob@example.com\n424242,\n"},
		{name: "contacts_delete_key", table: "Contacts", opts: csvio.ImportOptions{Mode: csvio.Delete, Key: "Email"},
			input: "Email\nhal@example.com\nnobody@example.com\n"},
		{name: "contacts_export_after", table: "", input: ""},
	}
	for _, st := range steps {
		if st.table == "" {
			before := c.Stats()
			var buf bytes.Buffer
			if _, err := csvio.Export(t.Context(), c, mustTable(t, "Contacts"), &buf, csvio.ExportOptions{
				Columns: []string{"Id", "Email", "FirstName", "LastName", "Title", "City", "Country", "CompanySize", "AccountId", "OwnerUserId"}}); err != nil {
				t.Fatal(err)
			}
			golden(t, "scenario_"+st.name+".txt", []byte(calls(c, before)+"--- csv\n"+buf.String()))
			continue
		}
		im, err := csvio.NewImporter(c, mustTable(t, st.table), st.opts)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		before := c.Stats()
		got, err := runImport(t, im, st.input, nil, nil)
		var pe *catalog.PartialError
		if err != nil && !errors.As(err, &pe) {
			t.Fatalf("%s: %v", st.name, err)
		}
		if pe != nil && pe.Err != nil {
			t.Fatalf("%s: run stopped: %v", st.name, pe.Err)
		}
		golden(t, "scenario_"+st.name+".txt", []byte(got+calls(c, before)))
	}
	_ = replytest.SmallAccount
}
