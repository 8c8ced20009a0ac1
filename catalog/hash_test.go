package catalog_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/replykit/replykit/catalog"
)

func TestHashRow(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	base := catalog.Row{"Id": int64(7), "Name": "Zoë", "Score": 1.5, "Ok": true, "At": at,
		"Doc": json.RawMessage(`{"a":1}`), "Gone": nil}
	cols := []string{"Id", "Name", "Score", "Ok", "At", "Doc", "Gone"}
	h := catalog.HashRow("layout", base, cols)

	with := func(col string, v any) catalog.Row {
		r := catalog.Row{}
		for k, x := range base {
			r[k] = x
		}
		r[col] = v
		return r
	}
	tests := []struct {
		name   string
		prefix string
		row    catalog.Row
		cols   []string
		same   bool
	}{
		{"identical", "layout", with("Id", int64(7)), cols, true},
		{"same instant in another zone", "layout", with("At", at.In(time.FixedZone("X", 3600))), cols, true},
		{"value changed", "layout", with("Name", "Zoe"), cols, false},
		{"type changed", "layout", with("Id", "7"), cols, false},
		{"null vs empty", "layout", with("Gone", ""), cols, false},
		{"prefix changed", "other", base, cols, false},
		{"column left out", "layout", base, cols[:6], false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := catalog.HashRow(tt.prefix, tt.row, tt.cols)
			if (got == h) != tt.same {
				t.Errorf("HashRow = %s, base %s; same = %v, want %v", got, h, got == h, tt.same)
			}
		})
	}
	// The encoding is stored in destinations (_row_hash, sync bases): a change re-writes every row once.
	if want := catalog.HashRow("layout", base, cols); len(want) != 32 {
		t.Errorf("hash length %d, want 32 hex digits", len(want))
	}
}
