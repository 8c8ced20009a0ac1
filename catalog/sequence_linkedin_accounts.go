package catalog

import (
	"context"
	"iter"

	"github.com/replykit/replykit/reply"
)

// sequenceLinkedInAccounts is the LinkedIn accounts linked to each sequence, REFERENCE.md §2.18.
func sequenceLinkedInAccounts() *Table {
	t := &Table{
		Name: "SequenceLinkedInAccounts",
		Doc: "LinkedIn accounts linked to each sequence. GET /v3/sequences/{id}/linkedin-accounts for each sequence; INSERT " +
			"links (POST .../linkedin-account-links), DELETE unlinks.",
		Key: []string{"SequenceId", "Id"},
		Columns: []Column{
			{Name: "SequenceId", Type: Int, Required: true, Doc: "Sequences.Id."},
			{Name: "Id", Field: "id", Type: Int, Required: true, Doc: "LinkedInAccounts.Id (the account to link on INSERT)."},
			{Name: "Name", Field: "name", Type: Text, ReadOnly: true, Nullable: true},
			{Name: "ProfileUrl", Field: "profileUrl", Type: Text, ReadOnly: true, Nullable: true},
			{Name: "Status", Field: "status", Type: Text, ReadOnly: true, Nullable: true, Doc: "disabled, enabled, dailyLimitReached, cookieInvalid."},
		},
		Filters: []Filter{
			{Column: "SequenceId", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/sequences/{id}/linkedin-accounts"},
		},
		Parent:  &Parent{Table: "Sequences", Column: "SequenceId", Key: "Id"},
		Changes: Changes{Strategy: Full, Doc: "full scan with row hashes"},
	}
	t.List = func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		rows := children(sequenceIDs(ctx, c, q), func(seq int64) iter.Seq2[Row, error] {
			return rowsOf(t, c.SequenceLinkedInAccounts.List(ctx, seq, 0), func(r Row, _ reply.LinkedInAccountRef) { r["SequenceId"] = seq })
		})
		return limited(q, rows)
	}
	t.Insert, t.Delete = sequenceLinkWrites(func(c *reply.Client) linkFuncs {
		return linkFuncs{c.SequenceLinkedInAccounts.Link, c.SequenceLinkedInAccounts.Unlink}
	})
	return t
}
