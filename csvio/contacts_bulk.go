package csvio

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply"
)

// The catalog's Contacts.Insert creates one contact per call (POST /v3/contacts). An import of many contacts goes
// through POST /v3/contacts/import instead, 1000 per call, for the rows that endpoint handles the same way: rows
// with a first name and an email and without the contact-level columns the import ignores. Import items that the
// endpoint rejects are retried one by one through Contacts.Insert, which reports the API's precise error; items
// it skips (the email exists) fail with that reason.

// contactLevel are the Contacts columns the import endpoint does not apply (set by PATCH after a create).
var contactLevel = []string{"OwnerUserId", "IsOptedOut", "CallStatus", "MeetingStatus"}

// importable reports whether a Contacts row can go through the import endpoint.
func importable(r catalog.Row) bool {
	for _, k := range contactLevel {
		if _, ok := r[k]; ok {
			return false
		}
	}
	first, _ := r["FirstName"].(string)
	email, _ := r["Email"].(string)
	return strings.TrimSpace(first) != "" && strings.TrimSpace(email) != ""
}

// importItem converts a validated Contacts row to an import item, by API field name.
func importItem(t *catalog.Table, r catalog.Row) (reply.ContactImportItem, error) {
	obj := map[string]any{}
	var item reply.ContactImportItem
	for name, v := range r {
		col, ok := t.Column(name)
		if !ok || v == nil || col.Field == "" {
			continue
		}
		switch col.Name {
		case "CustomFields":
			cfs, err := customFieldWrites(v)
			if err != nil {
				return item, err
			}
			item.CustomFields = cfs
			continue
		case "CompanySize":
			if s, ok := v.(string); ok {
				v = upperFirst(s) // the request form: OneThousand
			}
		}
		obj[col.Field] = v
	}
	b, err := json.Marshal(obj)
	if err != nil {
		return item, err
	}
	cfs := item.CustomFields
	if err := json.Unmarshal(b, &item); err != nil {
		return item, fmt.Errorf("contact import item: %w", err)
	}
	item.CustomFields = cfs
	return item, nil
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// customFieldWrites converts the CustomFields JSON ([{key|id|name, value}]) to the write shape.
func customFieldWrites(v any) ([]reply.CustomFieldWrite, error) {
	raw, ok := v.(json.RawMessage)
	if !ok {
		return nil, fmt.Errorf("CustomFields: %T is not JSON", v)
	}
	var items []struct {
		Key   any     `json:"key"`
		ID    any     `json:"id"`
		Name  string  `json:"name"`
		Value *string `json:"value"`
	}
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, rowErrorf("CustomFields: want a JSON array of {key, value}: %v", err)
	}
	out := make([]reply.CustomFieldWrite, 0, len(items))
	for _, it := range items {
		w := reply.CustomFieldWrite{Name: it.Name, Value: it.Value}
		for _, k := range []any{it.ID, it.Key} {
			if k == nil {
				continue
			}
			id, err := strconv.ParseInt(strings.TrimSpace(text(k)), 10, 64)
			if err != nil {
				return nil, rowErrorf("CustomFields: key %v is not a custom field id", k)
			}
			w.ID = id
			break
		}
		out = append(out, w)
	}
	return out, nil
}

// insertContacts writes a batch of Contacts rows: importable rows through the import endpoint, the others (and
// the rows the import rejected) through t.Insert. retried says which rows failed transiently in an earlier run:
// for those, "skipped because the email exists" means the earlier attempt created the contact.
func insertContacts(ctx context.Context, c *reply.Client, t *catalog.Table, rows []catalog.Row, retried []bool) []catalog.WriteResult {
	results := make([]catalog.WriteResult, len(rows))
	var bulk, single []int
	var items []reply.ContactImportItem
	for i, r := range rows {
		if !importable(r) {
			single = append(single, i)
			continue
		}
		it, err := importItem(t, r)
		if err != nil {
			results[i].Err = err
			continue
		}
		bulk = append(bulk, i)
		items = append(items, it)
	}
	if len(items) > 0 {
		res, err := c.Contacts.Import(ctx, items, &reply.ContactImportOptions{SkipExisting: true})
		for j, i := range bulk {
			switch {
			case j < len(res.Items):
				it := res.Items[j]
				switch it.Status {
				case "created", "restored":
					results[i].Row = catalog.Row{"Id": int64(it.ID)}
				case "skipped":
					if retried[i] {
						results[i].Row = catalog.Row{"Id": int64(it.ID)}
					} else {
						results[i].Err = rowErrorf("a contact with this email already exists (Id %d)", int64(it.ID))
					}
				default: // failed (or updated, which SkipExisting rules out): ask for the precise reason
					single = append(single, i)
				}
			case err != nil:
				results[i].Err = err
			default:
				results[i].Err = fmt.Errorf("contact import returned %d results for %d items", len(res.Items), len(items))
			}
		}
	}
	if len(single) > 0 {
		batch := make([]catalog.Row, len(single))
		for j, i := range single {
			batch[j] = rows[i]
		}
		for j, res := range t.Insert(ctx, c, batch) {
			results[single[j]] = res
		}
	}
	return results
}
