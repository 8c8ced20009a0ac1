package catalog

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
	t.List = notWired(t.Name)
	return t
}
