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
	return &cobra.Command{
		Use:   "objects",
		Short: "List every Reply object (table) with its operations",
		Long: `objects lists every table of the catalog: the SQL operations it supports, its parent (for objects listed
under another one), and how incremental replication finds changes. It needs no API key.
Use "replykit describe <Object>" for columns, filters and flags.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return listObjects(cmd.OutOrStdout(), catalog.All())
		},
	}
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
