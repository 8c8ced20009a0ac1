package catalog

// contactLists is Reply's contact lists, REFERENCE.md §2.2.
func contactLists() *Table {
	t := &Table{
		Name: "ContactLists",
		Doc:  "Contact lists the caller owns plus lists shared with the team. GET /v3/contact-lists.",
		Key:  []string{"Id"},
		Columns: []Column{
			{Name: "Id", Field: "id", Type: Int, ReadOnly: true},
			{Name: "Name", Field: "name", Type: Text, Required: true, Doc: "Unique (case-insensitive), at least 2 characters."},
			{Name: "IsShared", Field: "isShared", Type: Bool, Doc: "Shared with the team; an UPDATE that changes it calls /share or /unshare."},
		},
		Filters: []Filter{
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/contact-lists/{id}, one call per id"},
			{Column: "Name", Ops: []Op{Contains}, Doc: "GET /v3/contact-lists?search="},
		},
		Changes: Changes{Strategy: Full, Doc: "full scan with row hashes"},
		MaxPage: 1000,
	}
	t.List = notWired(t.Name)
	return t
}
