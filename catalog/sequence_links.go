package catalog

import (
	"context"

	"github.com/replykit/replykit/reply"
)

// linkFuncs are the calls that link an account to a sequence and unlink it.
type linkFuncs struct {
	link, unlink func(ctx context.Context, sequenceID, accountID int64) error
}

// sequenceLinkWrites returns the Insert and Delete funcs of a table of sequence–account links
// (SequenceEmailAccounts, SequenceLinkedInAccounts): rows keyed by SequenceId and Id, one call per row.
func sequenceLinkWrites(calls func(c *reply.Client) linkFuncs) (
	insert func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult,
	del func(ctx context.Context, c *reply.Client, keys []Row) []WriteResult,
) {
	write := func(ctx context.Context, rows []Row, call func(ctx context.Context, seq, id int64) error) []WriteResult {
		return eachRow(ctx, rows, func(r Row) (Row, error) {
			seq, err := intValue(r, "SequenceId")
			if err != nil {
				return nil, err
			}
			id, err := intValue(r, "Id")
			if err != nil {
				return nil, err
			}
			return Row{"SequenceId": seq, "Id": id}, call(ctx, seq, id)
		})
	}
	insert = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return write(ctx, rows, calls(c).link)
	}
	del = func(ctx context.Context, c *reply.Client, keys []Row) []WriteResult {
		return write(ctx, keys, calls(c).unlink)
	}
	return insert, del
}
