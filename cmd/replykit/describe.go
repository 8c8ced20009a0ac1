package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/replykit/replykit/catalog"
)

func newDescribeCmd(cfg *Config) *cobra.Command {
	return &cobra.Command{
		Use:   "describe <Object|Procedure>",
		Short: "Describe an object's columns, types, flags and filters, or a procedure's parameters",
		Long: `describe prints one catalog object: its key, operations, parent, change strategy, then every column with
its SQL type, API field and flags (key, read-only, write-only, detail-only, create-only, required, nullable, enum
values), nested JSON members, and the filters the API evaluates server-side. Given a procedure name
(describe StartSequence) it prints the procedure's parameters and result columns. Names are case-insensitive.
It needs no API key.`,
		Example: "  replykit describe Contacts\n  replykit describe StartSequence",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if t, ok := catalog.Lookup(args[0]); ok {
				return describeTable(cmd.OutOrStdout(), t)
			}
			if p, ok := catalog.LookupProcedure(args[0]); ok {
				return describeProcedure(cmd.OutOrStdout(), p)
			}
			return fmt.Errorf("no object or procedure named %q (replykit objects lists them)", args[0])
		},
	}
}

// describeTable prints the description of t.
func describeTable(out io.Writer, t *catalog.Table) error {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "%s\n", t.Name)
	if t.Doc != "" {
		fmt.Fprintf(w, "  %s\n", t.Doc)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "key:\t%s\n", strings.Join(t.Key, ", "))
	fmt.Fprintf(w, "operations:\t%s\n", strings.Join(t.Operations(), ", "))
	if p := t.Parent; p != nil {
		fmt.Fprintf(w, "parent:\t%s (%s = %s.%s)\n", p.Table, p.Column, p.Table, p.Key)
	}
	ch := changeSummary(t.Changes)
	if t.Changes.Doc != "" {
		ch += ": " + t.Changes.Doc
	}
	fmt.Fprintf(w, "changes:\t%s\n", ch)
	if t.MaxPage > 0 {
		fmt.Fprintf(w, "page size:\t%d rows per call at most\n", t.MaxPage)
	} else {
		fmt.Fprintf(w, "page size:\tnot paged (one call returns every row)\n")
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, "COLUMN\tTYPE\tFIELD\tFLAGS\tDOC")
	var walk func(prefix string, cols []catalog.Column)
	walk = func(prefix string, cols []catalog.Column) {
		for _, c := range cols {
			field := c.Field
			if field == "" {
				field = "-"
			}
			fmt.Fprintf(w, "%s%s\t%s\t%s\t%s\t%s\n", prefix, c.Name, c.Type, field, describeFlags(t, c, prefix != ""), describeLine(c.Doc))
			if c.Items != nil {
				walk(prefix+c.Name+"[].", c.Items)
			}
		}
	}
	walk("", t.Columns)

	if len(t.Filters) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "FILTER\tOPS\tEXACT\tAPI")
		for _, f := range t.Filters {
			ops := make([]string, len(f.Ops))
			for i, o := range f.Ops {
				ops[i] = o.String()
			}
			exact := "no (re-checked)"
			if f.Exact {
				exact = "yes"
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", f.Column, strings.Join(ops, " "), exact, describeLine(f.Doc))
		}
	}
	return w.Flush()
}

// describeFlags lists a column's flags: "key, read-only, enum: a|b".
// Key and parent-key flags apply to top-level columns only, not to nested members.
func describeFlags(t *catalog.Table, c catalog.Column, nested bool) string {
	var fl []string
	if !nested && slices.ContainsFunc(t.Key, func(k string) bool { return strings.EqualFold(k, c.Name) }) {
		fl = append(fl, "key")
	}
	if !nested && t.Parent != nil && strings.EqualFold(t.Parent.Column, c.Name) {
		fl = append(fl, "parent key")
	}
	for _, f := range []struct {
		on   bool
		name string
	}{
		{c.Required, "required"},
		{c.ReadOnly, "read-only"},
		{c.WriteOnly, "write-only"},
		{c.DetailOnly, "detail-only"},
		{c.CreateOnly, "create-only"},
		{c.Nullable, "nullable"},
	} {
		if f.on {
			fl = append(fl, f.name)
		}
	}
	if len(c.Enum) > 0 {
		fl = append(fl, "enum: "+strings.Join(c.Enum, "|"))
	}
	if len(fl) == 0 {
		return "-"
	}
	return strings.Join(fl, ", ")
}

// describeProcedure prints the description of p.
func describeProcedure(out io.Writer, p *catalog.Procedure) error {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	names := make([]string, len(p.Params))
	for i, pa := range p.Params {
		names[i] = pa.Name
	}
	fmt.Fprintf(w, "%s (procedure)\n", p.Name)
	if p.Doc != "" {
		fmt.Fprintf(w, "  %s\n", p.Doc)
	}
	fmt.Fprintf(w, "\nSQL:\tCALL %s(%s)\n\n", p.Name, strings.Join(names, ", "))
	fmt.Fprintln(w, "PARAMETER\tTYPE\tFLAGS\tDOC")
	for _, pa := range p.Params {
		typ := pa.Type.String()
		if pa.Array {
			typ += "[]"
		}
		var fl []string
		if pa.Required {
			fl = append(fl, "required")
		} else {
			fl = append(fl, "optional")
		}
		if len(pa.Enum) > 0 {
			fl = append(fl, "enum: "+strings.Join(pa.Enum, "|"))
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", pa.Name, typ, strings.Join(fl, ", "), describeLine(pa.Doc))
	}
	if len(p.Result) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "RESULT COLUMN\tTYPE\tDOC")
		for _, c := range p.Result {
			fmt.Fprintf(w, "%s\t%s\t%s\n", c.Name, c.Type, describeLine(c.Doc))
		}
	}
	return w.Flush()
}

func describeLine(s string) string { return strings.Join(strings.Fields(s), " ") }
