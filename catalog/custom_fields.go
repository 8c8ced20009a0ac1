package catalog

import (
	"context"
	"iter"

	"github.com/replykit/replykit/reply"
)

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
	t.List = func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		if ids, ok := condInts(q, "Id"); ok {
			return byIDs(t, ids, func(id int64) (Row, error) { v, err := c.CustomFields.Get(ctx, id); return getRow(t, v, err) })
		}
		return rowsOf(t, c.CustomFields.List(ctx, q.Limit), nil)
	}
	t.Insert = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return createRows(ctx, t, rows, c.CustomFields.Create)
	}
	t.Update = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return eachRow(ctx, rows, func(r Row) (Row, error) { return putMerged(ctx, t, r, c.CustomFields.Get, c.CustomFields.Update) })
	}
	t.Delete = func(ctx context.Context, c *reply.Client, keys []Row) []WriteResult {
		return deleteRows(ctx, keys, c.CustomFields.Delete)
	}
	return t
}
