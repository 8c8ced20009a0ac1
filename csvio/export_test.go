package csvio_test

import (
	"bytes"
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
