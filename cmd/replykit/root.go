package main

import (
	"github.com/spf13/cobra"
)

// newRootCmd returns the replykit command with every subcommand. Subcommands are constructors, one per file,
// taking the shared *Config: they read settings from it, call cfg.Client(ctx) for the API client and cfg.Logger()
// for logging, and write output to cmd.OutOrStdout().
func newRootCmd(cfg *Config) *cobra.Command {
	root := &cobra.Command{
		Use:   "replykit",
		Short: "SQL, CSV, replication and sync over the Reply.io API v3",
		Long: `replykit connects to Reply.io through its REST API v3: query Reply objects with SQL, export and
import CSV, replicate into SQLite, PostgreSQL or MySQL, and synchronize both ways.

The API key comes from REPLY_API_KEY, --api-key-file or the config file (~/.config/replykit/config.json,
or --config); it is never printed. The base URL comes from --base-url, REPLY_BASE_URL or the config file.`,
		SilenceErrors: true, // execute prints the error once
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return cfg.validate()
		},
		CompletionOptions: cobra.CompletionOptions{DisableDefaultCmd: true},
	}
	cfg.bindFlags(root)
	// One subcommand per line; add yours with a one-line edit.
	root.AddCommand(
		newWhoamiCmd(cfg),
		newObjectsCmd(cfg),
		newDescribeCmd(cfg),
		newEmulatorCmd(cfg),
		newDemoCmd(cfg),
		newReplicateCmd(cfg),
		newSyncCmd(cfg),
		newQueryCmd(cfg),
		newShellCmd(cfg),
		newServeCmd(cfg),
		newExportCmd(cfg),
		newImportCmd(cfg),
	)
	return root
}
