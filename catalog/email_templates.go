package catalog

// emailTemplates is Reply's email templates, REFERENCE.md §2.8.
func emailTemplates() *Table {
	t := &Table{
		Name: "EmailTemplates",
		Doc:  "Email templates. GET /v3/email-templates; CreatedAt/UpdatedAt cost GET /v3/email-templates/{id} per row.",
		Key:  []string{"Id"},
		Columns: []Column{
			{Name: "Id", Field: "id", Type: Int, ReadOnly: true},
			{Name: "Name", Field: "name", Type: Text, Required: true, Doc: "At most 255 characters."},
			{Name: "Subject", Field: "subject", Type: Text, Nullable: true},
			{Name: "Body", Field: "body", Type: Text, Required: true, Doc: "HTML."},
			{Name: "FolderId", Field: "folderId", Type: Int, Nullable: true, Doc: "EmailTemplateFolders.Id; an UPDATE that changes it (or FolderType) calls .../move."},
			{Name: "FolderType", Field: "folderType", Type: Text, Required: true, Nullable: true, Enum: []string{"personal", "team"}},
			{Name: "Attachments", Field: "attachments", Type: JSON, ReadOnly: true, Nullable: true, Doc: "[{id, fileName, url, size}]."},
			{Name: "AttachmentIds", Field: "attachmentIds", Type: JSON, WriteOnly: true, Nullable: true, Doc: "[int], at most 3; replaces the attachments."},
			{Name: "CreatedAt", Field: "createdAt", Type: Time, ReadOnly: true, DetailOnly: true, Nullable: true},
			{Name: "UpdatedAt", Field: "updatedAt", Type: Time, ReadOnly: true, DetailOnly: true, Nullable: true},
		},
		Filters: []Filter{
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/email-templates/{id}, one call per id"},
			{Column: "Name", Ops: []Op{Contains}, Doc: "GET /v3/email-templates?name= (partial)"},
			{Column: "FolderId", Ops: []Op{Eq}, Exact: true, Doc: "GET /v3/email-templates?folder_id="},
			{Column: "FolderType", Ops: []Op{Eq}, Doc: "GET /v3/email-templates?folder_type="},
		},
		Changes: Changes{Strategy: Full, Doc: "full scan with row hashes (timestamps are detail-only)"},
		MaxPage: 1000,
	}
	t.List = notWired(t.Name)
	return t
}
