package catalog

import (
	"context"
	"iter"

	"github.com/replykit/replykit/reply"
)

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
			{Column: "Name", Ops: []Op{Contains, Eq}, Doc: "GET /v3/email-templates?name= (partial); = is searched as a substring and re-checked"},
			{Column: "FolderId", Ops: []Op{Eq}, Exact: true, Doc: "GET /v3/email-templates?folder_id="},
			{Column: "FolderType", Ops: []Op{Eq}, Doc: "GET /v3/email-templates?folder_type="},
		},
		Changes: Changes{Strategy: Full, Doc: "full scan with row hashes (timestamps are detail-only)"},
		MaxPage: 1000,
	}
	t.List = func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		if ids, ok := condInts(q, "Id"); ok {
			return byIDs(t, ids, func(id int64) (Row, error) { v, err := c.EmailTemplates.Get(ctx, id); return getRow(t, v, err) })
		}
		opts := &reply.EmailTemplateListOptions{Limit: q.Limit}
		if v, ok := searchValue(t, q, "Name"); ok {
			opts.Name = v.(string)
		}
		if v, ok := condValue(t, q, "FolderId", Eq); ok {
			opts.FolderID = v.(int64)
		}
		if v, ok := condValue(t, q, "FolderType", Eq); ok {
			opts.FolderType = v.(string)
		}
		rows := rowsOf(t, c.EmailTemplates.List(ctx, opts), nil)
		if wantsDetail(t, q) {
			rows = withDetail(rows, func(r Row) (Row, error) {
				v, err := c.EmailTemplates.Get(ctx, r["Id"].(int64))
				return getRow(t, v, err)
			})
		}
		return rows
	}
	t.Insert = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return createRows(ctx, t, rows, c.EmailTemplates.Create)
	}
	t.Update = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return eachRow(ctx, rows, func(r Row) (Row, error) { return updateEmailTemplate(ctx, c, t, r) })
	}
	t.Delete = func(ctx context.Context, c *reply.Client, keys []Row) []WriteResult {
		return deleteRows(ctx, keys, c.EmailTemplates.Delete)
	}
	return t
}

// updateEmailTemplate PUTs name, body, subject and attachments (read-merge-write) and moves the template when
// FolderId or FolderType change.
func updateEmailTemplate(ctx context.Context, c *reply.Client, t *Table, r Row) (Row, error) {
	id, err := intValue(r, "Id")
	if err != nil {
		return nil, err
	}
	cur, err := c.EmailTemplates.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	changes := Row{}
	for k, v := range withoutKey(t, r) {
		if k != "FolderId" && k != "FolderType" {
			changes[k] = v
		}
	}
	if len(changes) > 0 {
		body, err := putBody(t, cur, changes)
		if err != nil {
			return nil, err
		}
		delete(body, "folderId")
		delete(body, "folderType")
		var u reply.EmailTemplateUpdate
		if err := convert(body, &u); err != nil {
			return nil, err
		}
		if cur, err = c.EmailTemplates.Update(ctx, id, u); err != nil {
			return nil, err
		}
	}
	if has(r, "FolderId") || has(r, "FolderType") {
		folder, ft := int64(cur.FolderID), cur.FolderType
		if has(r, "FolderId") {
			if folder, err = intValue(r, "FolderId"); err != nil {
				return nil, err
			}
		}
		if has(r, "FolderType") {
			if ft, err = textValue(r, "FolderType"); err != nil {
				return nil, err
			}
		}
		if folder != int64(cur.FolderID) || ft != cur.FolderType {
			if cur, err = c.EmailTemplates.Move(ctx, id, folder, ft); err != nil {
				return nil, err
			}
		}
	}
	return rowFrom(t, cur)
}
