package csvio_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/csvio"
)

func mustTable(tb testing.TB, name string) *catalog.Table {
	tb.Helper()
	t, ok := catalog.Lookup(name)
	if !ok {
		tb.Fatalf("catalog has no %s", name)
	}
	return t
}

func TestParseWhere(t *testing.T) {
	t.Parallel()
	contacts := mustTable(t, "Contacts")
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{"", "[]", false},
		{"Email = 'a@b.c'", "[{Email = [a@b.c]}]", false},
		{"email='o''neil@x.io' and AccountId = 7", "[{Email = [o'neil@x.io]} {AccountId = [7]}]", false},
		{"Id IN (1, 2,3)", "[{Id IN [1 2 3]}]", false},
		{"LastModifiedAt > '2026-01-02T03:04:05Z'", "[{LastModifiedAt > [2026-01-02 03:04:05 +0000 UTC]}]", false},
		{"LastModifiedAt > 2026-01-02T03:04:05Z", "[{LastModifiedAt > [2026-01-02 03:04:05 +0000 UTC]}]", false},
		{"LastModifiedAt >= 2026-01-02T05:04:05+02:00 AND Id < 9", "[{LastModifiedAt >= [2026-01-02 03:04:05 +0000 UTC]} {Id < [9]}]", false},
		{"FirstName LIKE '%ann%'", "[{FirstName LIKE %...% [ann]}]", false},
		{"IsOptedOut = true AND Id >= 1001 AND Id < 2000", "[{IsOptedOut = [true]} {Id >= [1001]} {Id < [2000]}]", false},
		{"`Email` <= 'm'", "[{Email <= [m]}]", false},
		{"Nope = 1", "", true},
		{"Email == 'x'", "", true},
		{"Email = 'unterminated", "", true},
		{"Id = 'abc'", "", true},
		{"Email <> 'x'", "", true},
		{"Email = NULL", "", true},
		{"Email = 'x' OR Id = 1", "", true},
		{"FirstName LIKE 'ann%'", "", true},
		{"Id IN (1, 2", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			conds, err := csvio.ParseWhere(contacts, tt.in)
			if tt.wantErr {
				if !errors.Is(err, csvio.ErrBadWhere) {
					t.Fatalf("err = %v, want ErrBadWhere", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := "["
			for i, c := range conds {
				if i > 0 {
					got += " "
				}
				got += fmt.Sprintf("{%s %s %v}", c.Column, c.Op, c.Values)
			}
			got += "]"
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	row := catalog.Row{"Id": int64(5), "Email": "Ann@x.io", "At": at, "Opt": false, "Null": nil}
	tests := []struct {
		cond catalog.Cond
		want bool
	}{
		{catalog.Cond{Column: "Id", Op: catalog.Eq, Values: []any{int64(5)}}, true},
		{catalog.Cond{Column: "Id", Op: catalog.In, Values: []any{int64(4), int64(5)}}, true},
		{catalog.Cond{Column: "Id", Op: catalog.Gt, Values: []any{int64(5)}}, false},
		{catalog.Cond{Column: "Id", Op: catalog.Le, Values: []any{int64(5)}}, true},
		{catalog.Cond{Column: "Email", Op: catalog.Eq, Values: []any{"ann@x.io"}}, false},
		{catalog.Cond{Column: "Email", Op: catalog.Contains, Values: []any{"ANN"}}, true},
		{catalog.Cond{Column: "At", Op: catalog.Ge, Values: []any{at}}, true},
		{catalog.Cond{Column: "At", Op: catalog.Lt, Values: []any{at}}, false},
		{catalog.Cond{Column: "Opt", Op: catalog.Eq, Values: []any{false}}, true},
		{catalog.Cond{Column: "Null", Op: catalog.Eq, Values: []any{"x"}}, false},
	}
	for _, tt := range tests {
		if got := csvio.Match(row, []catalog.Cond{tt.cond}); got != tt.want {
			t.Errorf("Match(%v) = %v, want %v", tt.cond, got, tt.want)
		}
	}
}
