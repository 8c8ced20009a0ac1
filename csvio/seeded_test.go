package csvio_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/csvio"
	"github.com/replykit/replykit/reply/replytest"
)

// TestImportSeeded imports into the seeded small account: custom field columns by title (any case) and by id,
// and sequences whose steps are validated per type before any call.
func TestImportSeeded(t *testing.T) {
	t.Parallel()
	steps := []importStep{
		{name: "contacts_custom_fields", table: "Contacts", opts: csvio.ImportOptions{Mode: csvio.Update, Key: "Email"},
			input: "Email,CustomFields.lead source,CustomFields.1002,CustomFields.RÉGION\n" +
				"liam.garcia.1002@vandelay-industries.example,Conference,42,\n" +
				"mohammed.patel.1003@vandelay-industries.example,,\\N,Île-de-France\n"},
		{name: "contacts_custom_fields_after", table: "", input: "Email LIKE '%vandelay%'"},
		{name: "sequences_steps", table: "Sequences", opts: csvio.ImportOptions{Mode: csvio.Insert},
			input: "Name,Steps\n" +
				`Imported one,"[{""type"":""email"",""delayInMinutes"":0,""executionMode"":""automatic"",""variants"":[{""subject"":""Hi {{firstName}}"",""message"":""<p>Hello</p>""}]}]"` + "\n" +
				`No subject,"[{""type"":""email"",""delayInMinutes"":0,""variants"":[{""message"":""<p>Hello</p>""}]}]"` + "\n" +
				`Bad type,"[{""type"":""fax"",""delayInMinutes"":0}]"` + "\n" +
				`No steps,[]` + "\n" +
				`Not JSON,"[{type: email}]"` + "\n"},
	}
	srv, c := mustServer(t, replytest.WithSeed(replytest.SmallAccount))
	_ = srv
	for _, st := range steps {
		if st.table == "" {
			before := c.Stats()
			tbl := mustTable(t, "Contacts")
			where, err := csvio.ParseWhere(tbl, st.input)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			if _, err := csvio.Export(t.Context(), c, tbl, &b, csvio.ExportOptions{Columns: []string{"Id", "Email", "CustomFields"},
				Where: where}); err != nil {
				t.Fatal(err)
			}
			golden(t, "seeded_"+st.name+".txt", []byte(calls(c, before)+"--- csv\n"+b.String()))
			continue
		}
		im, err := csvio.NewImporter(c, mustTable(t, st.table), st.opts)
		if err != nil {
			t.Fatal(err)
		}
		before := c.Stats()
		got, err := runImport(t, im, st.input, nil, nil)
		var pe *catalog.PartialError
		if err != nil && (!errors.As(err, &pe) || pe.Err != nil) {
			t.Fatalf("%s: %v", st.name, err)
		}
		golden(t, "seeded_"+st.name+".txt", []byte(got+calls(c, before)))
	}

	im, err := csvio.NewImporter(c, mustTable(t, "Contacts"), csvio.ImportOptions{Mode: csvio.Insert})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := runImport(t, im, "Email,CustomFields.Shoe Size\na@x.io,42\n", nil, nil); !errors.Is(err, csvio.ErrBadInput) ||
		!strings.Contains(err.Error(), `"Shoe Size"`) {
		t.Errorf("unknown custom field: err = %v, want ErrBadInput naming it", err)
	}
}
