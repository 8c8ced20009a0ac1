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

// Inserts of contacts go through the catalog's Contacts.Insert, which uses POST /v3/contacts/import, 1000 rows per
// call (Contacts.BatchSize). What stays here is the update of contacts matched by --key Email (below).

// contactLevel are the Contacts columns the import endpoint does not apply (set by PATCH).
var contactLevel = []string{"OwnerUserId", "IsOptedOut", "CallStatus", "MeetingStatus"}

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

// Updates matched by --key Email go through the import endpoint too, with overwriteExisting: it matches contacts
// by email, which is how their ids were found, and changes the fields the row sets, 1000 rows per call instead of
// one PATCH per row. A row qualifies when it clears nothing (no NULL, no custom field set to null), sets no
// contact-level column (those need a PATCH anyway) and has a first name, its own or the one the --key listing
// read (the import requires one per item; sending the current one changes nothing). Other rows, and rows the
// import does not report as updated, are patched one by one.

// updatable reports whether a Contacts update row can go through the import endpoint.
func updatable(r catalog.Row) bool {
	for k, v := range r {
		if v == nil || slicesContainsFold(contactLevel, k) {
			return false
		}
	}
	if raw, ok := r["CustomFields"].(json.RawMessage); ok {
		var items []map[string]any
		if json.Unmarshal(raw, &items) != nil {
			return false
		}
		for _, it := range items {
			if it["value"] == nil {
				return false
			}
		}
	}
	email, _ := r["Email"].(string)
	return strings.TrimSpace(email) != ""
}

func slicesContainsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// updateContacts writes a batch of Contacts updates matched by email; firstName returns the listed first name of
// the contact with an email.
func updateContacts(ctx context.Context, c *reply.Client, t *catalog.Table, rows []catalog.Row,
	firstName func(email string) string) []catalog.WriteResult {
	results := make([]catalog.WriteResult, len(rows))
	var bulk, single []int
	var items []reply.ContactImportItem
	for i, r := range rows {
		if !updatable(r) {
			single = append(single, i)
			continue
		}
		base := catalog.Row{}
		for k, v := range r {
			if !isKey(t, k) {
				base[k] = v
			}
		}
		if s, _ := base["FirstName"].(string); strings.TrimSpace(s) == "" {
			fn := firstName(base["Email"].(string))
			if fn == "" {
				single = append(single, i)
				continue
			}
			base["FirstName"] = fn
		}
		it, err := importItem(t, base)
		if err != nil {
			results[i].Err = err
			continue
		}
		bulk = append(bulk, i)
		items = append(items, it)
	}
	if len(items) > 0 {
		res, err := c.Contacts.Import(ctx, items, &reply.ContactImportOptions{OverwriteExisting: true})
		for j, i := range bulk {
			switch {
			case j < len(res.Items) && res.Items[j].Status == "updated" && int64(res.Items[j].ID) == rows[i]["Id"]:
				results[i].Row = catalog.Row{"Id": rows[i]["Id"]}
			case j < len(res.Items):
				single = append(single, i) // not what an update expects: the PATCH says why
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
		for j, res := range t.Update(ctx, c, batch) {
			results[single[j]] = res
		}
	}
	return results
}
