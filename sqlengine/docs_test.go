package sqlengine_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/replykit/replykit/catalog"
)

const (
	docsFile   = "../docs/sql.md"
	beginMark  = "<!-- BEGIN GENERATED: go test ./sqlengine -run TestDocs -update -->"
	endMark    = "<!-- END GENERATED -->"
	exampleInt = "1001"
)

// TestDocs checks that docs/sql.md's reference section (every table with its columns and pushable filters,
// every procedure with an example) matches the catalog; -update rewrites it.
func TestDocs(t *testing.T) {
	b, err := os.ReadFile(docsFile)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	i, j := strings.Index(doc, beginMark), strings.Index(doc, endMark)
	if i < 0 || j < i {
		t.Fatalf("%s lacks the generated-section markers", docsFile)
	}
	gen := reference()
	cur := doc[i+len(beginMark) : j]
	if cur == gen {
		return
	}
	if *update {
		if err := os.WriteFile(docsFile, []byte(doc[:i+len(beginMark)]+gen+doc[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s is out of date with the catalog: go test ./sqlengine -run TestDocs -update\n%s", docsFile, diff(cur, gen))
}

func reference() string {
	var b strings.Builder
	b.WriteString("\n\n## Tables\n\n")
	b.WriteString("Columns are listed in table order. Flags: **key**; *ro* read-only (never written); *detail* only in the detail\n")
	b.WriteString("endpoint (one GET per row, only when the query names the column); *create* accepted by INSERT only;\n")
	b.WriteString("*required* on INSERT; *wo* write-only. Filters are what the API evaluates (everything else is evaluated by\n")
	b.WriteString("the engine; every pushed predicate is re-checked locally).\n")
	for _, t := range catalog.All() {
		fmt.Fprintf(&b, "\n### %s\n\n", t.Name)
		if t.Doc != "" {
			fmt.Fprintf(&b, "%s\n\n", oneLine(t.Doc))
		}
		fmt.Fprintf(&b, "Statements: %s. Key: %s.", strings.Join(t.Operations(), ", "), strings.Join(t.Key, ", "))
		if t.Parent != nil {
			fmt.Fprintf(&b, " Listed under %s: `WHERE %s = x` reads one parent's rows; without it every %s is walked.", t.Parent.Table, t.Parent.Column, t.Parent.Table)
		}
		if t.Count != nil {
			b.WriteString(" `SELECT COUNT(*)` without WHERE is one call.")
		}
		b.WriteString("\n\n| Column | Type | Flags | Notes |\n|---|---|---|---|\n")
		for _, c := range t.Columns {
			var flags []string
			for _, k := range t.Key {
				if strings.EqualFold(k, c.Name) {
					flags = append(flags, "**key**")
				}
			}
			for _, f := range []struct {
				on   bool
				name string
			}{{c.ReadOnly, "ro"}, {c.WriteOnly, "wo"}, {c.DetailOnly, "detail"}, {c.CreateOnly, "create"}, {c.Required, "required"}} {
				if f.on {
					flags = append(flags, "*"+f.name+"*")
				}
			}
			notes := oneLine(c.Doc)
			if len(c.Enum) > 0 {
				notes = strings.TrimSpace(notes + " One of: " + strings.Join(c.Enum, ", ") + ".")
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", c.Name, c.Type, strings.Join(flags, " "), cellEscape(notes))
		}
		if len(t.Filters) > 0 {
			b.WriteString("\nPushed to the API:\n\n")
			for _, f := range t.Filters {
				ops := make([]string, len(f.Ops))
				for i, o := range f.Ops {
					ops[i] = "`" + opSQL(o) + "`"
				}
				fmt.Fprintf(&b, "- %s %s", f.Column, strings.Join(ops, ", "))
				if f.Doc != "" {
					fmt.Fprintf(&b, ": %s", oneLine(f.Doc))
				}
				b.WriteString("\n")
			}
		}
	}
	b.WriteString("\n## Procedures\n\n")
	b.WriteString("`CALL Name(args)`, arguments in the order listed; trailing optional arguments may be omitted or NULL;\n")
	b.WriteString("arrays are written `[1, 2, 3]` (or given as a JSON string). Bulk procedures return one row per id, (Id, Error),\n")
	b.WriteString("with Error NULL when the id was processed.\n")
	for _, p := range catalog.Procedures() {
		fmt.Fprintf(&b, "\n### %s\n\n%s\n\n", p.Name, oneLine(p.Doc))
		var args []string
		for _, prm := range p.Params {
			req := "optional"
			if prm.Required {
				req = "required"
			}
			typ := prm.Type.String()
			if prm.Array {
				typ = "array of " + typ
			}
			line := fmt.Sprintf("- %s (%s, %s)", prm.Name, typ, req)
			if prm.Doc != "" {
				line += ": " + oneLine(prm.Doc)
			}
			if len(prm.Enum) > 0 {
				line += " One of: " + strings.Join(prm.Enum, ", ") + "."
			}
			b.WriteString(line + "\n")
			if prm.Required {
				args = append(args, example(prm))
			}
		}
		var res []string
		for _, c := range p.Result {
			res = append(res, c.Name)
		}
		fmt.Fprintf(&b, "\nReturns: %s.\n\n```sql\nCALL %s(%s);\n```\n", strings.Join(res, ", "), p.Name, strings.Join(args, ", "))
	}
	b.WriteString("\n")
	return b.String()
}

func example(p catalog.Param) string {
	var v string
	switch {
	case len(p.Enum) > 0:
		v = "'" + p.Enum[0] + "'"
	case p.Type == catalog.Int:
		v = exampleInt
	case p.Type == catalog.Float:
		v = "1.5"
	case p.Type == catalog.Bool:
		v = "TRUE"
	case p.Type == catalog.Time:
		v = "'2026-01-05 09:00:00'"
	case p.Type == catalog.Date:
		v = "'2026-01-05'"
	case p.Type == catalog.JSON:
		v = `'{}'`
	default:
		v = "'text'"
	}
	if p.Array {
		if p.Type == catalog.Int {
			return "[1001, 1002]"
		}
		return "[" + v + "]"
	}
	return v
}

func opSQL(o catalog.Op) string {
	if o == catalog.Contains {
		return "LIKE '%text%'"
	}
	return o.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func cellEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
