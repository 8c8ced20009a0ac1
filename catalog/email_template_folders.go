package catalog

// emailTemplateFolders is Reply's email template folders, REFERENCE.md §2.7.
func emailTemplateFolders() *Table {
	t := &Table{
		Name: "EmailTemplateFolders",
		Doc:  "Email template folders (personal, team, community, organization). GET /v3/email-template-folders (not paged).",
		Key:  []string{"Id"},
		Columns: []Column{
			{Name: "Id", Field: "id", Type: Int, ReadOnly: true, Doc: "Unique across folder types."},
			{Name: "Name", Field: "name", Type: Text, Required: true, Doc: "At most 128 characters, unique per type."},
			{Name: "FolderType", Field: "folderType", Type: Text, Required: true, CreateOnly: true,
				Enum: []string{"personal", "team"}, Doc: "personal or team on INSERT; community and organization folders are read-only."},
			{Name: "IsDefault", Field: "isDefault", Type: Bool, ReadOnly: true},
		},
		Filters: []Filter{
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "picked from the (unpaged) list"},
		},
		Changes: Changes{Strategy: Full, Doc: "full scan with row hashes"},
	}
	t.List = notWired(t.Name)
	return t
}
