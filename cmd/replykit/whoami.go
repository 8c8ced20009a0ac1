package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func newWhoamiCmd(cfg *Config) *cobra.Command {
	return &cobra.Command{
		Use:   "whoami",
		Short: "Show the Reply user the API key acts for (GET /v3/whoami)",
		Long: `whoami calls GET /v3/whoami and prints the user and team the API key acts for, and the API base URL.
It is the quickest check that the key and base URL work: a rejected key exits 1 with one line naming the problem.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			c, err := cfg.Client(ctx)
			if err != nil {
				return err
			}
			u, err := c.WhoAmI.Get(ctx)
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintf(w, "user\t%s\n", u.Username)
			fmt.Fprintf(w, "user id\t%d\n", u.UserID)
			fmt.Fprintf(w, "team id\t%d\n", u.TeamID)
			fmt.Fprintf(w, "base URL\t%s\n", c.BaseURL())
			return w.Flush()
		},
	}
}
