package catalog

// customFields is Reply's contact custom fields, REFERENCE.md §2.4.
func customFields() *Table {
	t := &Table{
		Name: "CustomFields",
		Doc:  "Contact custom field definitions (team and organization). GET /v3/custom-fields (not paged).",
		Key:  []string{"Id"},
		Columns: []Column{
			{Name: "Id", Field: "id", Type: Int, ReadOnly: true, Doc: "The key of Contacts.CustomFields items."},
			{Name: "Title", Field: "title", Type: Text, Required: true, Doc: "Unique (case-insensitive), at most 90 characters."},
			{Name: "FieldType", Field: "fieldType", Type: Text, Required: true, Enum: []string{"text", "number"}},
			{Name: "Metadata", Field: "metadata", Type: Text, Nullable: true, Doc: "E.g. dropdown options; replaced on update."},
			{Name: "OrgWide", Field: "orgWide", Type: Bool, CreateOnly: true, Doc: "Organization-wide; fixed at creation."},
		},
		Filters: []Filter{
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/custom-fields/{id}, one call per id"},
		},
		Changes: Changes{Strategy: Full, Doc: "full scan with row hashes"},
	}
	t.List = notWired(t.Name)
	return t
}
