package catalog

import (
	"context"
	"iter"

	"github.com/replykit/replykit/reply"
)

// sequenceEmailAccounts is the email accounts linked to each sequence, REFERENCE.md §2.17.
func sequenceEmailAccounts() *Table {
	t := &Table{
		Name: "SequenceEmailAccounts",
		Doc: "Email accounts linked to each sequence. GET /v3/sequences/{id}/email-accounts for each sequence; INSERT links " +
			"(POST .../email-account-links), DELETE unlinks. SetSequenceEmailAccounts replaces the whole set.",
		Key: []string{"SequenceId", "Id"},
		Columns: []Column{
			{Name: "SequenceId", Type: Int, Required: true, Doc: "Sequences.Id."},
			{Name: "Id", Field: "id", Type: Int, Required: true, Doc: "EmailAccounts.Id (the account to link on INSERT)."},
			{Name: "OwnerUserId", Field: "ownerUserId", Type: Int, ReadOnly: true, Nullable: true},
			{Name: "Email", Field: "email", Type: Text, ReadOnly: true, Nullable: true},
			{Name: "SenderName", Field: "senderName", Type: Text, ReadOnly: true, Nullable: true},
			{Name: "EmailAccountType", Field: "emailAccountType", Type: Text, ReadOnly: true, Nullable: true},
			{Name: "IsDefault", Field: "isDefault", Type: Bool, ReadOnly: true, Nullable: true},
			{Name: "DailyLimit", Field: "dailyLimit", Type: Int, ReadOnly: true, Nullable: true},
			{Name: "ConnectionStatus", Field: "connectionStatus", Type: Text, ReadOnly: true, Nullable: true},
		},
		Filters: []Filter{
			{Column: "SequenceId", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/sequences/{id}/email-accounts"},
		},
		Parent:  &Parent{Table: "Sequences", Column: "SequenceId", Key: "Id"},
		Changes: Changes{Strategy: Full, Doc: "full scan with row hashes"},
	}
	t.List = func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		rows := children(sequenceIDs(ctx, c, q), func(seq int64) iter.Seq2[Row, error] {
			return rowsOf(t, c.SequenceEmailAccounts.List(ctx, seq, 0), func(r Row, _ reply.EmailAccount) { r["SequenceId"] = seq })
		})
		return limited(q, rows)
	}
	t.Insert, t.Delete = sequenceLinkWrites(func(c *reply.Client) linkFuncs {
		return linkFuncs{c.SequenceEmailAccounts.Link, c.SequenceEmailAccounts.Unlink}
	})
	return t
}
