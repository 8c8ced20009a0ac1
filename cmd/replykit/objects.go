package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/replykit/replykit/catalog"
)

func newObjectsCmd(cfg *Config) *cobra.Command {
	var procedures bool
	cmd := &cobra.Command{
		Use:   "objects",
		Short: "List every Reply object (table) with its operations",
		Long: `objects lists every table of the catalog: the SQL operations it supports, its parent (for objects listed
under another one), and how incremental replication finds changes. With --procedures it lists the procedures
(CALL Name(...)) instead. It needs no API key. Use "replykit describe <Name>" for the details of either.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if procedures {
				return listProcedures(cmd.OutOrStdout(), catalog.Procedures())
			}
			return listObjects(cmd.OutOrStdout(), catalog.All())
		},
	}
	cmd.Flags().BoolVar(&procedures, "procedures", false, "list the procedures instead of the objects")
	return cmd
}

// listProcedures prints procedures as an aligned table.
func listProcedures(out io.Writer, procs []*catalog.Procedure) error {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "PROCEDURE\tCALL")
	for _, p := range procs {
		names := make([]string, len(p.Params))
		for i, pa := range p.Params {
			names[i] = pa.Name
		}
		fmt.Fprintf(w, "%s\tCALL %s(%s)\n", p.Name, p.Name, strings.Join(names, ", "))
	}
	return w.Flush()
}

// listObjects prints tables as an aligned table.
func listObjects(out io.Writer, tables []*catalog.Table) error {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "OBJECT\tOPERATIONS\tPARENT\tCHANGES")
	for _, t := range tables {
		parent := "-"
		if t.Parent != nil {
			parent = t.Parent.Table
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", t.Name, strings.Join(t.Operations(), ", "), parent, changeSummary(t.Changes))
	}
	return w.Flush()
}

// changeSummary describes a change strategy in a few words: "server-filter on LastModifiedAt".
func changeSummary(c catalog.Changes) string {
	s := c.Strategy.String()
	if c.Strategy != catalog.Full && c.Cursor != "" {
		s += " on " + c.Cursor
	}
	if c.InsertsOnly {
		s += " (inserts only)"
	}
	return s
}
