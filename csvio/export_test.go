package csvio_test

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/replykit/replykit/csvio"
	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
)

// calls renders the API calls made since before, by endpoint, sorted.
func calls(c *reply.Client, before reply.Stats) string {
	d := c.Stats().Sub(before)
	var eps []string
	for ep, n := range d.ByEndpoint {
		eps = append(eps, fmt.Sprintf("%s x%d", ep, n))
	}
	sort.Strings(eps)
	return fmt.Sprintf("api calls: %d\n%s\n", d.Requests, strings.Join(eps, "\n"))
}

func TestExport(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		table string
		opts  csvio.ExportOptions
		where string
	}{
		{name: "contacts_all", table: "Contacts"},
		{name: "contacts_where_pushed", table: "Contacts", opts: csvio.ExportOptions{Columns: []string{"Id", "Email", "AccountId"}},
			where: "AccountId = 1001"},
		{name: "contacts_where_local", table: "Contacts", opts: csvio.ExportOptions{Columns: []string{"Id", "FirstName", "Email"}},
			where: "Email LIKE '%a%' AND Id >= 1003"},
		{name: "contacts_by_id", table: "Contacts", opts: csvio.ExportOptions{Columns: []string{"Email", "Id"},
			Format: csvio.Format{Delimiter: ';', Null: "NULL"}}, where: "Id IN (1002, 1005)"},
		{name: "contacts_limit", table: "Contacts", opts: csvio.ExportOptions{Columns: []string{"Id", "CreatedAt"}, Limit: 3,
			Format: csvio.Format{TimeLayout: "2006-01-02 15:04"}}},
		{name: "accounts", table: "Accounts"},
		{name: "contacts_custom_field_named", table: "Contacts", opts: csvio.ExportOptions{
			Columns: []string{"Id", "Email", "customfields.LEAD SOURCE", "CustomFields.1003"}, Format: csvio.Format{Null: "NULL"}},
			where: "Id <= 1004"},
		{name: "contacts_custom_field_columns", table: "Contacts", opts: csvio.ExportOptions{
			Columns: []string{"Id", "CustomFields", "Email"}, CustomFields: csvio.CustomFieldsColumns}, where: "Id <= 1004"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, c := mustServer(t, replytest.WithSeed(replytest.SmallAccount))
			tbl := mustTable(t, tt.table)
			opts := tt.opts
			var err error
			if opts.Where, err = csvio.ParseWhere(tbl, tt.where); err != nil {
				t.Fatal(err)
			}
			before := c.Stats()
			var buf bytes.Buffer
			n, err := csvio.Export(t.Context(), c, tbl, &buf, opts)
			if err != nil {
				t.Fatal(err)
			}
			out := fmt.Sprintf("export %s where %q: %d rows\n%s--- csv\n%s", tt.table, tt.where, n, calls(c, before), buf.String())
			golden(t, "export_"+tt.name+".txt", []byte(out))
		})
	}
}

// TestExportCustomFieldErrors: custom field columns that cannot be written are errors before any row.
func TestExportCustomFieldErrors(t *testing.T) {
	t.Parallel()
	_, c := mustServer(t, replytest.WithSeed(replytest.SmallAccount))
	tests := []struct {
		table   string
		opts    csvio.ExportOptions
		want    error
		message string
	}{
		{"Contacts", csvio.ExportOptions{Columns: []string{"Id", "CustomFields.Shoe Size"}}, csvio.ErrUnknownColumn, `"Shoe Size"`},
		{"Contacts", csvio.ExportOptions{Columns: []string{"CustomFields.1001", "CustomFields.lead source", "CustomFields.1001"}},
			csvio.ErrBadFormat, "CustomFields.1001 is named twice"},
		{"Accounts", csvio.ExportOptions{CustomFields: csvio.CustomFieldsColumns}, csvio.ErrUnknownColumn, "Accounts has no custom fields"},
		{"Accounts", csvio.ExportOptions{Columns: []string{"CustomFields.Industry"}}, csvio.ErrUnknownColumn, `"CustomFields.Industry"`},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		_, err := csvio.Export(t.Context(), c, mustTable(t, tt.table), &buf, tt.opts)
		if !errors.Is(err, tt.want) || !strings.Contains(fmt.Sprint(err), tt.message) {
			t.Errorf("%s %v: err = %v, want %v containing %s", tt.table, tt.opts.Columns, err, tt.want, tt.message)
		}
		if buf.Len() != 0 {
			t.Errorf("%s %v: wrote %q", tt.table, tt.opts.Columns, buf.String())
		}
	}
}
