package catalog_test

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply"
)

// TestRowPlanSameAsJSON lists every table of a seeded emulator twice, once with conversion plans and once through
// JSON only, and requires the same rows.
func TestRowPlanSameAsJSON(t *testing.T) {
	t.Parallel()
	_, c := newEnv(t)
	// The small account has no webhook: add one, with a payload config (a JSON column).
	res := mustTable(t, "Webhooks").Insert(t.Context(), c, []catalog.Row{{"EventType": "email_replied",
		"Url": "https://plan.example/hook?a=1&b=<2>", "PayloadConfig": json.RawMessage(`{"includeEmailUrl":true}`)}})
	if res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	planned := catalog.All()
	viaJSON := catalog.All()
	for i, tb := range planned {
		jt := viaJSON[i]
		catalog.SetPlans(jt, false)
		t.Run(tb.Name, func(t *testing.T) {
			got := collect(t, c, tb, catalog.Query{})
			want := collect(t, c, jt, catalog.Query{})
			if len(got) == 0 {
				t.Fatal("no rows seeded")
			}
			if len(got) != len(want) {
				t.Fatalf("%d rows with plans, %d through JSON", len(got), len(want))
			}
			for k := range got {
				if !reflect.DeepEqual(got[k], want[k]) {
					t.Errorf("row %d:\nplan %#v\njson %#v", k, got[k], want[k])
				}
			}
			t.Logf("%d rows, types %v", len(got), catalog.PlanTypes(tb))
		})
	}
	if types := catalog.PlanTypes(mustTableIn(t, planned, "Contacts")); !types["reply.Contact"] {
		t.Errorf("Contacts: reply.Contact has no plan: %v", types)
	}
}

func mustTableIn(tb testing.TB, tables []*catalog.Table, name string) *catalog.Table {
	tb.Helper()
	for _, t := range tables {
		if t.Name == name {
			return t
		}
	}
	tb.Fatalf("no table %s", name)
	return nil
}

// planProbe has the field shapes the plan handles directly and the ones it sends through JSON.
type planProbe struct {
	ID      reply.ID          `json:"id"`
	Name    string            `json:"name"`
	Opt     string            `json:"opt,omitempty"`
	Flag    bool              `json:"flag,omitempty"`
	Count   int               `json:"count"`
	Ratio   float64           `json:"ratio"`
	At      reply.Time        `json:"at"`
	AtPtr   *reply.Time       `json:"atPtr"`
	NamePtr *string           `json:"namePtr,omitempty"`
	Number  int64             `json:"number"` // into a Text column
	Word    string            `json:"word"`   // into an Int column
	Nested  map[string]any    `json:"nested"`
	List    []string          `json:"list"`
	Raw     json.RawMessage   `json:"raw"`
	Extra   map[string]string `json:"-"`
	private string
	NoTag   string
}

// planProbeEmbedded has an embedded struct: no plan, the JSON path.
type planProbeEmbedded struct {
	planProbe
	More string `json:"more"`
}

func TestRowPlanEdgeCases(t *testing.T) {
	t.Parallel()
	tb := &catalog.Table{Name: "Probe", Key: []string{"Id"}, Columns: []catalog.Column{
		{Name: "Id", Field: "id", Type: catalog.Int},
		{Name: "Name", Field: "name", Type: catalog.Text, Nullable: true},
		{Name: "NameStrict", Field: "name", Type: catalog.Text},
		{Name: "Opt", Field: "opt", Type: catalog.Text},
		{Name: "Flag", Field: "flag", Type: catalog.Bool},
		{Name: "Count", Field: "count", Type: catalog.Int},
		{Name: "CountText", Field: "count", Type: catalog.Text},
		{Name: "Ratio", Field: "ratio", Type: catalog.Float},
		{Name: "At", Field: "at", Type: catalog.Time, Nullable: true},
		{Name: "AtText", Field: "at", Type: catalog.Text},
		{Name: "AtPtr", Field: "atPtr", Type: catalog.Time, Nullable: true},
		{Name: "NamePtr", Field: "namePtr", Type: catalog.Text, Nullable: true},
		{Name: "Number", Field: "number", Type: catalog.Text},
		{Name: "Word", Field: "word", Type: catalog.Int},
		{Name: "Nested", Field: "nested", Type: catalog.JSON},
		{Name: "List", Field: "list", Type: catalog.JSON},
		{Name: "Raw", Field: "raw", Type: catalog.JSON},
		{Name: "Extra", Field: "extra", Type: catalog.JSON},
		{Name: "Private", Field: "private", Type: catalog.Text},
		{Name: "NoTag", Field: "NoTag", Type: catalog.Text},
		{Name: "More", Field: "more", Type: catalog.Text},
		{Name: "Synthetic", Type: catalog.Int},
	}}
	catalog.SetPlans(tb, true)
	paris, _ := time.LoadLocation("Europe/Paris")
	at := reply.NewTime(time.Date(2026, 1, 5, 9, 0, 0, 123456789, time.UTC))
	word := "<b>&amp;</b>"
	empty := ""
	cases := []struct {
		name string
		v    any
		plan bool
	}{
		{"zero", planProbe{}, true},
		{"html", planProbe{ID: 7, Name: "<p>a & b</p>", Opt: "x", Flag: true, Count: 3, Ratio: 0.1, At: at, AtPtr: &at,
			NamePtr: &word, Number: 42, Word: "17", Nested: map[string]any{"h": "<i>", "n": 1.5, "z": nil},
			List: []string{"a\u2028b", `q"uote\`}, Raw: json.RawMessage(` {"a" : "<x>"} `), NoTag: "t", private: "p"}, true},
		{"escapes", planProbe{Name: "tab\there \\u003c \"q\" \n", NamePtr: &empty, List: []string{}}, true},
		{"invalid utf8", planProbe{Name: "a\xffb\xfe", Opt: "\xc3"}, true},
		{"non-UTC time", planProbe{At: reply.Time{Time: time.Date(2025, 3, 30, 2, 30, 0, 0, paris)}}, true},
		{"far time", planProbe{At: reply.Time{Time: time.Date(12000, 1, 1, 0, 0, 0, 0, time.UTC)}}, true},
		{"negative zero", planProbe{Ratio: math.Copysign(0, -1), Count: -5, ID: -1}, true},
		{"NaN", planProbe{Ratio: math.NaN()}, true},
		{"word not a number", planProbe{Word: "abc"}, true},
		{"embedded", planProbeEmbedded{planProbe: planProbe{Name: "n"}, More: "m"}, false},
		{"pointer", &planProbe{Name: "n"}, false},
		{"map", map[string]any{"id": 3, "name": "<a>"}, false},
		{"raw", json.RawMessage(`{"id": "4", "name": "x"}`), false},
		{"holiday (MarshalJSON)", reply.Holiday{Name: "h"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := catalog.Planned(tb, tc.v); got != tc.plan {
				t.Errorf("planned = %v, want %v", got, tc.plan)
			}
			got, gotErr := catalog.RowFrom(tb, tc.v)
			want, wantErr := catalog.RowFromJSON(tb, tc.v)
			if (gotErr != nil) != (wantErr != nil) {
				t.Fatalf("error %v, JSON path %v", gotErr, wantErr)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("\nplan %#v\njson %#v", got, want)
			}
		})
	}
}

// TestRowPlanConcurrent lists one table from several goroutines: the plan cache is shared (run with -race).
func TestRowPlanConcurrent(t *testing.T) {
	t.Parallel()
	_, c := newEnv(t)
	tb := mustTable(t, "Contacts")
	want := len(collect(t, c, mustTable(t, "Contacts"), catalog.Query{}))
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			n := 0
			for _, err := range tb.List(t.Context(), c, catalog.Query{}) {
				if err != nil {
					errs <- err
					return
				}
				n++
			}
			if n != want {
				errs <- fmt.Errorf("%d rows, want %d", n, want)
				return
			}
			errs <- nil
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
