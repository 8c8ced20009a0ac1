package catalog

import (
	"context"
	"iter"

	"github.com/replykit/replykit/reply"
)

// sequencesInFolder is the sequences filed in each sequence folder, REFERENCE.md §2.12.
func sequencesInFolder() *Table {
	cols := append([]Column{
		{Name: "FolderId", Type: Text, Required: true, Doc: "SequenceFolders.Id (UUID)."},
	}, sequenceListColumns()...)
	t := &Table{
		Name:    "SequencesInFolder",
		Doc:     "Sequences filed in a folder. GET /v3/sequence-folders/{id}/sequences for each folder (newest first); membership changes through BulkAssignSequencesToFolder / BulkUnassignSequencesToFolder.",
		Key:     []string{"FolderId", "Id"},
		Columns: cols,
		Filters: []Filter{
			{Column: "FolderId", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/sequence-folders/{id}/sequences"},
			{Column: "Created", Ops: []Op{Gt}, Exact: true, Doc: "newest first (sort_by=created desc), stops at the first older row"},
		},
		Parent:  &Parent{Table: "SequenceFolders", Column: "FolderId", Key: "Id"},
		Changes: Changes{Cursor: "Created", Strategy: SortAndStop, InsertsOnly: true, Doc: "newest first by created, stop at the cursor; removals need a full run"},
		MaxPage: 1000,
	}
	t.List = func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		var folders iter.Seq2[string, error]
		if ids, ok := condTexts(q, "FolderId"); ok {
			folders = func(yield func(string, error) bool) {
				for _, id := range ids {
					if !yield(id, nil) {
						return
					}
				}
			}
		} else {
			folders = func(yield func(string, error) bool) {
				for f, err := range c.SequenceFolders.List(ctx, 0) {
					if !yield(f.ID, err) || err != nil {
						return
					}
				}
			}
		}
		after, stop := condTime(t, q, "Created", Gt)
		rows := children(folders, func(folder string) iter.Seq2[Row, error] {
			return func(yield func(Row, error) bool) {
				opts := &reply.FolderSequenceListOptions{SortBy: "created", SortDirection: "desc"}
				for v, err := range c.SequenceFolders.Sequences(ctx, folder, opts) {
					if err != nil {
						yield(nil, err)
						return
					}
					if stop && !v.Created.Time.After(after) {
						return // newest first: every later row is older
					}
					r, err := rowFrom(t, v)
					if err == nil {
						r["FolderId"] = folder
					}
					if !yield(r, err) || err != nil {
						return
					}
				}
			}
		})
		return limited(q, rows)
	}
	return t
}
