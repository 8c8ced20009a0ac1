package catalog

import (
	"context"
	"fmt"
	"iter"

	"github.com/replykit/replykit/reply"
)

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
			{Column: "Name", Ops: []Op{Contains, Eq}, Doc: "GET /v3/contact-lists?search=; = is searched as a substring and re-checked"},
		},
		Changes: Changes{Strategy: Full, Doc: "full scan with row hashes"},
		MaxPage: 1000,
	}
	t.List = func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		if ids, ok := condInts(q, "Id"); ok {
			return byIDs(t, ids, func(id int64) (Row, error) { v, err := c.ContactLists.Get(ctx, id); return getRow(t, v, err) })
		}
		opts := &reply.ContactListListOptions{Limit: q.Limit}
		if v, ok := searchValue(t, q, "Name"); ok {
			opts.Search = v.(string)
		}
		return rowsOf(t, c.ContactLists.List(ctx, opts), nil)
	}
	t.Insert = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return createRows(ctx, t, rows, c.ContactLists.Create)
	}
	t.Update = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return eachRow(ctx, rows, func(r Row) (Row, error) { return updateContactList(ctx, c, t, r) })
	}
	t.Delete = func(ctx context.Context, c *reply.Client, keys []Row) []WriteResult {
		return deleteRows(ctx, keys, c.ContactLists.Delete)
	}
	return t
}

// updateContactList renames with PUT {name} and changes IsShared through /share or /unshare.
func updateContactList(ctx context.Context, c *reply.Client, t *Table, r Row) (Row, error) {
	id, err := intValue(r, "Id")
	if err != nil {
		return nil, err
	}
	var cur reply.ContactList
	if has(r, "Name") {
		name, err := textValue(r, "Name")
		if err != nil {
			return nil, err
		}
		if cur, err = c.ContactLists.Update(ctx, id, reply.ContactListUpdate{Name: name}); err != nil {
			return nil, err
		}
	} else if cur, err = c.ContactLists.Get(ctx, id); err != nil {
		return nil, err
	}
	if v, ok := lookup(r, "IsShared"); ok && v != nil {
		shared, ok := v.(bool)
		if !ok {
			return nil, fmt.Errorf("IsShared: %w: want a boolean", ErrInvalidValue)
		}
		if shared != cur.IsShared {
			if shared {
				err = c.ContactLists.Share(ctx, id)
			} else {
				err = c.ContactLists.Unshare(ctx, id)
			}
			if err != nil {
				return nil, err
			}
			cur.IsShared = shared
		}
	}
	return rowFrom(t, cur)
}
