package catalog

import (
	"context"
	"fmt"
	"iter"

	"github.com/replykit/replykit/reply"
)

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
	t.List = func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		rows := rowsOf(t, c.EmailTemplateFolders.List(ctx, 0), nil)
		ids, ok := condInts(q, "Id")
		if !ok {
			return limited(q, rows)
		}
		want := map[int64]bool{}
		for _, id := range ids {
			want[id] = true
		}
		return limited(q, func(yield func(Row, error) bool) {
			for r, err := range rows {
				if err != nil || want[r["Id"].(int64)] {
					if !yield(r, err) || err != nil {
						return
					}
				}
			}
		})
	}
	t.Insert = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return createRows(ctx, t, rows, c.EmailTemplateFolders.Create)
	}
	t.Update = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		types := folderTypes(ctx, c, rows)
		return eachRow(ctx, rows, func(r Row) (Row, error) {
			id, ft, err := types(r)
			if err != nil {
				return nil, err
			}
			name, err := textValue(r, "Name")
			if err != nil {
				return nil, err
			}
			v, err := c.EmailTemplateFolders.Update(ctx, id, ft, name)
			return getRow(t, v, err)
		})
	}
	t.Delete = func(ctx context.Context, c *reply.Client, keys []Row) []WriteResult {
		types := folderTypes(ctx, c, keys)
		return eachRow(ctx, keys, func(r Row) (Row, error) {
			id, ft, err := types(r)
			if err != nil {
				return nil, err
			}
			return Row{"Id": id}, c.EmailTemplateFolders.Delete(ctx, id, ft)
		})
	}
	return t
}

// folderTypes returns the id and folder type of a row: the FolderType column when given, else the type the folder
// list reports (the list is read once, and only when some row lacks FolderType).
func folderTypes(ctx context.Context, c *reply.Client, rows []Row) func(Row) (int64, string, error) {
	var known map[int64]string
	var listErr error
	return func(r Row) (int64, string, error) {
		id, err := intValue(r, "Id")
		if err != nil {
			return 0, "", err
		}
		if ft, err := textValue(r, "FolderType"); err == nil && ft != "" {
			return id, ft, nil
		}
		if known == nil && listErr == nil {
			known = map[int64]string{}
			var all []reply.EmailTemplateFolder
			all, listErr = c.EmailTemplateFolders.All(ctx)
			for _, f := range all {
				known[int64(f.ID)] = f.FolderType
			}
		}
		if listErr != nil {
			return id, "", listErr
		}
		ft, ok := known[id]
		if !ok {
			return id, "", fmt.Errorf("email template folder %d: %w", id, reply.ErrNotFound)
		}
		return id, ft, nil
	}
}
