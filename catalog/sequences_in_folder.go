package catalog

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
	t.List = notWired(t.Name)
	return t
}
