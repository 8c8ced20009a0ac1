package catalog

import (
	"context"
	"iter"

	"github.com/replykit/replykit/reply"
)

// sequenceFolders is Reply's (personal) sequence folders, REFERENCE.md §2.11.
func sequenceFolders() *Table {
	t := &Table{
		Name: "SequenceFolders",
		Doc:  "Sequence folders (personal, UUID ids). GET /v3/sequence-folders (not paged, by name).",
		Key:  []string{"Id"},
		Columns: []Column{
			{Name: "Id", Field: "id", Type: Text, ReadOnly: true, Doc: "UUID."},
			{Name: "Name", Field: "name", Type: Text, Required: true, Doc: "At most 128 characters, unique among the caller's folders."},
		},
		Filters: []Filter{
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/sequence-folders/{id}, one call per id"},
		},
		Changes: Changes{Strategy: Full, Doc: "full scan with row hashes"},
	}
	t.List = func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		if ids, ok := condTexts(q, "Id"); ok {
			return byIDs(t, ids, func(id string) (Row, error) { v, err := c.SequenceFolders.Get(ctx, id); return getRow(t, v, err) })
		}
		return rowsOf(t, c.SequenceFolders.List(ctx, q.Limit), nil)
	}
	t.Insert = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return createRows(ctx, t, rows, c.SequenceFolders.Create)
	}
	t.Update = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return eachRow(ctx, rows, func(r Row) (Row, error) {
			id, err := textValue(r, "Id")
			if err != nil {
				return nil, err
			}
			name, err := textValue(r, "Name")
			if err != nil {
				return nil, err
			}
			v, err := c.SequenceFolders.Update(ctx, id, reply.SequenceFolderWrite{Name: name})
			return getRow(t, v, err)
		})
	}
	t.Delete = func(ctx context.Context, c *reply.Client, keys []Row) []WriteResult {
		return eachRow(ctx, keys, func(r Row) (Row, error) {
			id, err := textValue(r, "Id")
			if err != nil {
				return nil, err
			}
			return Row{"Id": id}, c.SequenceFolders.Delete(ctx, id)
		})
	}
	return t
}
