package csvio_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/replykit/replykit/csvio"
)

func TestWriterFormats(t *testing.T) {
	t.Parallel()
	cols := []string{"Id", "Name", "Score", "Active", "At", "Day", "Data"}
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	rows := [][]any{
		{int64(1), "plain", 1.5, true, at, "2026-01-05", json.RawMessage(`[{"key":"1001","value":"x"}]`)},
		{int64(2), `quote " and, comma`, float64(1e6), false, at.Add(1500 * time.Millisecond), nil, nil},
		{int64(3), "line\nbreak", nil, nil, nil, nil, json.RawMessage(`{"a":"b, c"}`)},
		{int64(4), " leading space", -0.25, true, time.Date(2026, 1, 5, 10, 0, 0, 0, time.FixedZone("x", 3600)), nil, nil},
		{int64(5), "ünïcødé ✓", int64(7), nil, nil, nil, json.RawMessage(`"text"`)},
		{int64(6), "", nil, nil, nil, nil, nil},
	}
	tests := []struct {
		name string
		f    csvio.Format
	}{
		{"default", csvio.Format{}},
		{"semicolon_noheader", csvio.Format{Delimiter: ';', NoHeader: true}},
		{"null_layout", csvio.Format{Null: "NULL", TimeLayout: "2006-01-02 15:04:05"}},
		{"bom_crlf", csvio.Format{BOM: true, CRLF: true}},
		{"tab", csvio.Format{Delimiter: '\t', Null: `\N`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			w, err := csvio.NewWriter(&buf, cols, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if err := w.Write(r); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			if w.Rows() != len(rows) {
				t.Errorf("Rows() = %d, want %d", w.Rows(), len(rows))
			}
			golden(t, "format_"+tt.name+".csv", buf.Bytes())
		})
	}
}

func TestWriterBadDelimiter(t *testing.T) {
	t.Parallel()
	for _, d := range []rune{'"', '\n', '\r'} {
		if _, err := csvio.NewWriter(&bytes.Buffer{}, []string{"a"}, csvio.Format{Delimiter: d}); !errors.Is(err, csvio.ErrBadFormat) {
			t.Errorf("delimiter %q: err = %v, want ErrBadFormat", d, err)
		}
	}
}

func TestWriterBadLayout(t *testing.T) {
	t.Parallel()
	tests := []struct {
		layout string
		ok     bool
	}{
		{"YYYY-MM-DD", false}, {"%Y-%m-%d %H:%M", false}, {"yyyy", false},
		{"2006-01-02", true}, {"02/01/2006 15:04", true}, {"Jan 2", true},
	}
	for _, tt := range tests {
		_, err := csvio.NewWriter(&bytes.Buffer{}, []string{"a"}, csvio.Format{TimeLayout: tt.layout})
		if got := err == nil; got != tt.ok || (err != nil && !errors.Is(err, csvio.ErrBadFormat)) {
			t.Errorf("layout %q: err = %v, want ok %v", tt.layout, err, tt.ok)
		}
	}
}

func TestExportColumnsTwice(t *testing.T) {
	t.Parallel()
	if _, err := csvio.ExportColumns(mustTable(t, "Accounts"), []string{"Id", "Name", "id"}); !errors.Is(err, csvio.ErrBadFormat) {
		t.Errorf("err = %v, want ErrBadFormat (a column named twice)", err)
	}
}

func TestFormatValue(t *testing.T) {
	t.Parallel()
	s := "p"
	var nilp *string
	tests := []struct {
		in   any
		want string
	}{
		{int32(-4), "-4"},
		{uint64(18446744073709551615), "18446744073709551615"},
		{float32(0.5), "0.5"},
		{[]byte("bytes"), "bytes"},
		{&s, "p"},
		{nilp, "<null>"},
		{map[string]int{"a": 1}, `{"a":1}`},
		{[]string{"x", "y"}, `["x","y"]`},
		{nil, "<null>"},
	}
	for _, tt := range tests {
		if got := (csvio.Format{Null: "<null>"}).Value(tt.in); got != tt.want {
			t.Errorf("Value(%#v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
