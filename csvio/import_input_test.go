package csvio_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/csvio"
)

// runImport runs one import of input into table and renders the summary, ok and errors outputs as one text.
func runImport(tb testing.TB, im *csvio.Importer, input string, resume *csvio.Journal, journal *bytes.Buffer) (string, error) {
	tb.Helper()
	var ok, bad bytes.Buffer
	out := csvio.Outputs{OK: &ok, Errors: &bad, Resume: resume}
	if journal != nil {
		out.Journal = journal
	}
	sum, err := im.Run(tb.Context(), strings.NewReader(input), out)
	var b strings.Builder
	fmt.Fprintf(&b, "rows=%d inserted=%d updated=%d deleted=%d resumed=%d failed=%d pending=%d dry=%v\n",
		sum.Rows, sum.Inserted, sum.Updated, sum.Deleted, sum.Resumed, sum.Failed, sum.Pending, sum.DryRun)
	if sum.Unchanged > 0 {
		fmt.Fprintf(&b, "unchanged=%d\n", sum.Unchanged)
	}
	if len(sum.Ignored) > 0 {
		fmt.Fprintf(&b, "ignored: %s\n", strings.Join(sum.Ignored, ", "))
	}
	fmt.Fprintf(&b, "--- ok.csv\n%s--- errors.csv\n%s", ok.String(), bad.String())
	return b.String(), err
}

// TestImportInput checks the input rules on dry runs (no API call is needed): every row lands in exactly one
// output, and problems with the file as a whole are errors naming the line.
func TestImportInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		table   string
		mode    csvio.Mode
		input   string
		opts    csvio.ImportOptions
		wantErr error  // for whole-file errors
		errText string // part of the message
	}{
		{name: "bom_ragged_utf8_enum", table: "Contacts", mode: csvio.Insert,
			input: "\ufeffId,Email,FirstName,Domain,CompanySize,IsOptedOut\n" +
				"1,ann@example.com,Ann,example.com,OneThousand,false\n" +
				"2,bob@example.com\n" +
				",\"carl@example.com\",\"Carl, \"\"the\"\" Third\",,,\n" +
				"4,dora@example.com,D\xffra,,,\n" +
				"5,eve@example.com,Eve,,huge,\n" +
				"6,fay@example.com,Fay,,,maybe\n" +
				"7,gus@example.com,Gus,,,\\N\n" +
				"8,hal@example.com,Hal,,,,extra\n"},
		{name: "update_needs_key", table: "Contacts", mode: csvio.Update,
			input: "Email,FirstName\nann@example.com,Ann\n", wantErr: csvio.ErrBadInput, errText: "key column Id"},
		{name: "update_ok", table: "Contacts", mode: csvio.Update,
			input: "id,firstname,Domain,CustomFields\n1001,Ann,x.io,\n1002,,,\nx,Bob,,\n1004,,,[1\n"},
		{name: "delete", table: "Contacts", mode: csvio.Delete, input: "Id,Email\n1001,a@x.io\n,b@x.io\n"},
		{name: "upsert_map_set", table: "Contacts", mode: csvio.Upsert,
			input: "Id,E-mail,Junk\n,new@example.com,x\n1001,old@example.com,y\n",
			opts:  csvio.ImportOptions{Map: map[string]string{"e-mail": "Email", "JUNK": ""}, Set: map[string]string{"OwnerUserId": "1235"}}},
		{name: "semicolon_null", table: "Contacts", mode: csvio.Update,
			input: "Id;Title;City\n1001;NULL;Paris\n",
			opts:  csvio.ImportOptions{Delimiter: ';', Null: "NULL"}},
		{name: "duplicate_header", table: "Contacts", mode: csvio.Insert,
			input: "Email,FirstName,email\na,b,c\n", wantErr: csvio.ErrBadInput, errText: `duplicate column "email"`},
		{name: "unknown_columns", table: "Contacts", mode: csvio.Insert,
			input: "Email,Foo,Bar\na,b,c\n", wantErr: csvio.ErrBadInput, errText: "has no column Foo, Bar"},
		{name: "errors_output_again", table: "Contacts", mode: csvio.Insert, // a fixed errors output imported again
			input: "Email,FirstName,Error\na@x.io,Ann,\"line 2: API 400: fixed since\"\n"},
		{name: "error_column_not_last", table: "Contacts", mode: csvio.Insert,
			input: "Error,Email\nx,a@x.io\n", wantErr: csvio.ErrBadInput, errText: "has no column Error"},
		{name: "wrong_delimiter", table: "Contacts", mode: csvio.Insert,
			input: "Email;FirstName\na@x.io;Ann\n", wantErr: csvio.ErrBadInput, errText: `is the delimiter ';' (--delimiter)?`},
		{name: "utf16", table: "Contacts", mode: csvio.Insert,
			input: "\xff\xfeE\x00m\x00", wantErr: csvio.ErrBadInput, errText: "UTF-16"},
		{name: "broken_quote", table: "Contacts", mode: csvio.Insert,
			input: "Email,FirstName\na@x.io,Ann\nb@x.io,\"Bo\"b\nc@x.io,Cy\n", wantErr: csvio.ErrBadInput, errText: "line 3"},
		{name: "bare_quote", table: "Contacts", mode: csvio.Insert,
			input: "Email,FirstName\na@x.io,An\"n\n", wantErr: csvio.ErrBadInput, errText: "line 2"},
		{name: "empty", table: "Contacts", mode: csvio.Insert, input: "", wantErr: csvio.ErrBadInput, errText: "empty"},
		{name: "empty_header_name", table: "Contacts", mode: csvio.Insert,
			input: "Email,,FirstName\n", wantErr: csvio.ErrBadInput, errText: "column 2 has an empty name"},
		{name: "bad_map", table: "Contacts", mode: csvio.Insert, input: "Email\na@x.io\n",
			opts: csvio.ImportOptions{Map: map[string]string{"Mail": "Email"}}, wantErr: csvio.ErrBadOption},
		{name: "set_read_only", table: "Contacts", mode: csvio.Insert, input: "Email\na@x.io\n",
			opts: csvio.ImportOptions{Set: map[string]string{"Domain": "x"}}, wantErr: csvio.ErrBadOption},
		{name: "read_only_object", table: "SequenceContacts", mode: csvio.Insert, input: "SequenceId\n1\n",
			wantErr: csvio.ErrUnsupported, errText: "read-only"},
		{name: "no_update", table: "SequenceEmailAccounts", mode: csvio.Update, input: "SequenceId\n1\n",
			wantErr: csvio.ErrUnsupported, errText: "does not support update"},
		{name: "key_on_insert", table: "Contacts", mode: csvio.Insert, input: "Email\na@x.io\n",
			opts: csvio.ImportOptions{Key: "Email"}, wantErr: csvio.ErrBadOption},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			opts := tt.opts
			opts.Mode, opts.DryRun = tt.mode, true
			im, err := csvio.NewImporter(nil, mustTable(t, tt.table), opts)
			var got string
			if err == nil {
				got, err = runImport(t, im, tt.input, nil, nil)
			}
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), tt.errText) {
					t.Fatalf("err = %v, want %v containing %q", err, tt.wantErr, tt.errText)
				}
				return
			}
			var pe *catalog.PartialError
			if err != nil && !errors.As(err, &pe) {
				t.Fatal(err)
			}
			golden(t, "input_"+tt.name+".txt", []byte(got))
		})
	}
}
