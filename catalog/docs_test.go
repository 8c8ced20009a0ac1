package catalog_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/replykit/replykit/catalog"
)

var update = flag.Bool("update", false, "rewrite golden files (docs/objects/*.md)")

// docsDir is where every table's page lives.
const docsDir = "../docs/objects"

// TestDocs checks that every table (and the procedures) has its page in docs/objects and that the page matches
// the catalog; go test ./catalog -run TestDocs -update rewrites them.
func TestDocs(t *testing.T) {
	pages := map[string]string{"README.md": renderIndex(), "Procedures.md": renderProcedures()}
	for _, tb := range catalog.All() {
		pages[tb.Name+".md"] = renderTable(tb)
	}
	if *update {
		if err := os.MkdirAll(docsDir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, want := range pages {
		path := filepath.Join(docsDir, name)
		if *update {
			if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: missing page (go test ./catalog -run TestDocs -update): %v", name, err)
			continue
		}
		if string(got) != want {
			t.Errorf("%s is out of date: go test ./catalog -run TestDocs -update", path)
		}
	}
}

func renderIndex() string {
	var b strings.Builder
	b.WriteString("# Objects\n\nGenerated from package catalog by `go test ./catalog -run TestDocs -update`; do not edit.\n\n")
	b.WriteString("| Table | Operations | Change tracking | Description |\n|---|---|---|---|\n")
	for _, t := range catalog.All() {
		fmt.Fprintf(&b, "| [%s](%s.md) | %s | %s | %s |\n", t.Name, t.Name, strings.Join(t.Operations(), ", "),
			t.Changes.Strategy, cell(t.Doc))
	}
	b.WriteString("\nStored procedures (`CALL Name(...)`): see [Procedures](Procedures.md).\n\n")
	b.WriteString("## Reading costs\n\n")
	b.WriteString("Every list reads pages of the API's maximum size. `Id = x` and `Id IN (...)` read one object per id. " +
		"Child tables (those with a parent) read one list per parent: give the parent key (`WHERE SequenceId = 5`) to read " +
		"one parent only; without it every parent is walked. Detail-only columns cost one GET per row and are read only " +
		"when the query names them; `SELECT *` (all columns) reads them too.\n")
	return b.String()
}

func cell(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "|", "\\|"), "\n", " ") }

func flags(c catalog.Column) string {
	var f []string
	for _, x := range []struct {
		on   bool
		name string
	}{{c.Required, "required"}, {c.ReadOnly, "read-only"}, {c.WriteOnly, "write-only"}, {c.CreateOnly, "insert only"},
		{c.DetailOnly, "detail only"}, {c.Nullable, "nullable"}} {
		if x.on {
			f = append(f, x.name)
		}
	}
	return strings.Join(f, ", ")
}

func renderColumns(b *strings.Builder, cols []catalog.Column, prefix string) {
	for _, c := range cols {
		doc := c.Doc
		if len(c.Enum) > 0 {
			doc = strings.TrimSpace(doc + " One of: " + strings.Join(c.Enum, ", ") + ".")
		}
		field := c.Field
		if field == "" {
			field = "(none: see notes)"
		} else {
			field = "`" + field + "`"
		}
		fmt.Fprintf(b, "| %s%s | %s | %s | %s | %s |\n", prefix, c.Name, c.Type, field, flags(c), cell(doc))
		if c.Items != nil {
			renderColumns(b, c.Items, prefix+c.Name+"[].")
		}
	}
}

func renderTable(t *catalog.Table) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\nGenerated from package catalog by `go test ./catalog -run TestDocs -update`; do not edit.\n\n", t.Name)
	fmt.Fprintf(&b, "%s\n\n", t.Doc)
	fmt.Fprintf(&b, "- Key: %s\n", strings.Join(t.Key, ", "))
	fmt.Fprintf(&b, "- Operations: %s\n", strings.Join(t.Operations(), ", "))
	if t.Parent != nil {
		fmt.Fprintf(&b, "- Parent: %s (`%s` = %s.%s); without a condition on %s every parent is read\n", t.Parent.Table,
			t.Parent.Column, t.Parent.Table, t.Parent.Key, t.Parent.Column)
	}
	if t.MaxPage > 0 {
		fmt.Fprintf(&b, "- Page size: %d rows per call\n", t.MaxPage)
	} else {
		b.WriteString("- Page size: not paged (one call returns every row)\n")
	}
	if t.Count != nil {
		b.WriteString("- COUNT(*): one call (the API's total count)\n")
	}
	fmt.Fprintf(&b, "- Change tracking: %s", t.Changes.Strategy)
	if t.Changes.Cursor != "" {
		fmt.Fprintf(&b, " on `%s`", t.Changes.Cursor)
		if t.Changes.InsertsOnly {
			b.WriteString(" (inserts only)")
		}
	}
	fmt.Fprintf(&b, ": %s\n\n", t.Changes.Doc)
	b.WriteString("## Columns\n\n| Column | Type | API field | Flags | Notes |\n|---|---|---|---|---|\n")
	renderColumns(&b, t.Columns, "")
	b.WriteString("\n## Filters pushed to the API\n\n")
	if len(t.Filters) == 0 {
		b.WriteString("None: every row is read and filtered locally.\n")
	} else {
		b.WriteString("| Column | Operators | Exact | API |\n|---|---|---|---|\n")
		for _, f := range t.Filters {
			ops := make([]string, len(f.Ops))
			for i, o := range f.Ops {
				ops[i] = o.String()
			}
			exact := "no (re-checked locally)"
			if f.Exact {
				exact = "yes"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", f.Column, cell(strings.Join(ops, ", ")), exact, cell(f.Doc))
		}
		b.WriteString("\nOther conditions are applied locally after reading.\n")
	}
	return b.String()
}

func renderProcedures() string {
	var b strings.Builder
	b.WriteString("# Procedures\n\nGenerated from package catalog by `go test ./catalog -run TestDocs -update`; do not edit.\n\n")
	b.WriteString("Called as `CALL Name(arg, ...)` with arguments in the order listed; arrays are written `[1, 2, 3]`. " +
		"Bulk procedures return one row per id, with `Error` NULL when the id was processed.\n")
	for _, p := range catalog.Procedures() {
		fmt.Fprintf(&b, "\n## %s\n\n%s\n\n| Parameter | Type | Required | Notes |\n|---|---|---|---|\n", p.Name, p.Doc)
		for _, pa := range p.Params {
			typ := pa.Type.String()
			if pa.Array {
				typ += "[]"
			}
			req := "no"
			if pa.Required {
				req = "yes"
			}
			doc := pa.Doc
			if len(pa.Enum) > 0 {
				doc = strings.TrimSpace(doc + " One of: " + strings.Join(pa.Enum, ", ") + ".")
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", pa.Name, typ, req, cell(doc))
		}
		cols := make([]string, len(p.Result))
		for i, c := range p.Result {
			cols[i] = c.Name + " " + c.Type.String()
		}
		fmt.Fprintf(&b, "\nResult: %s.\n", strings.Join(cols, ", "))
	}
	return b.String()
}
