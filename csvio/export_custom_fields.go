package csvio

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply"
)

// CustomFieldsMode says how [Export] writes a table's CustomFields column (Contacts).
type CustomFieldsMode int

const (
	// CustomFieldsJSON writes the CustomFields column as JSON text [{key, value}] (the default).
	CustomFieldsJSON CustomFieldsMode = iota
	// CustomFieldsColumns writes, in place of the CustomFields column, one column CustomFields.<Title> per custom
	// field of the account (CustomFields.<Id> when the title is empty or not unique): the columns an import takes.
	CustomFieldsColumns
)

// cfPrefix starts a custom field column name: CustomFields.<title or id>.
const cfPrefix = "CustomFields."

// customFieldRef returns the title or id of a CustomFields.<ref> name when t has a CustomFields column.
func customFieldRef(t *catalog.Table, name string) (string, bool) {
	name = strings.TrimSpace(name)
	if len(name) <= len(cfPrefix) || !strings.EqualFold(name[:len(cfPrefix)], cfPrefix) {
		return "", false
	}
	if _, ok := t.Column("CustomFields"); !ok {
		return "", false
	}
	return strings.TrimSpace(name[len(cfPrefix):]), true
}

// outColumn is one column of an export: a table column, or one custom field (cf > 0) taken from CustomFields.
type outColumn struct {
	header string
	col    string // table column (or "CustomFields" for a custom field)
	cf     int64
	ref    string // the title or id named, until resolved
	expand bool   // the CustomFields column, written as one column per custom field
}

// exportPlan resolves the column names of an export: table columns, CustomFields.<title or id> names, and with
// mode CustomFieldsColumns the CustomFields column expanded to every custom field. Custom fields are listed
// once, only when a custom field column is involved. The error wraps [ErrUnknownColumn] or [ErrBadFormat].
func exportPlan(ctx context.Context, c *reply.Client, t *catalog.Table, names []string, mode CustomFieldsMode) ([]outColumn, []catalog.Column, error) {
	var plan []outColumn
	var tableCols []catalog.Column
	var tableNames []string
	if names == nil {
		defaults, _ := ExportColumns(t, nil)
		for _, col := range defaults {
			tableNames = append(tableNames, col.Name)
		}
	} else {
		tableNames = names
	}
	plain := []string{}
	for _, n := range tableNames {
		if ref, ok := customFieldRef(t, n); ok {
			plan = append(plan, outColumn{header: strings.TrimSpace(n), col: "CustomFields", ref: ref})
			continue
		}
		plain = append(plain, n)
		plan = append(plan, outColumn{header: strings.TrimSpace(n)})
	}
	cols, err := ExportColumns(t, plain)
	if err != nil {
		return nil, nil, err
	}
	needCFs := false
	j := 0
	for i := range plan {
		if plan[i].col == "CustomFields" {
			needCFs = true
			continue
		}
		plan[i].col, plan[i].header = cols[j].Name, cols[j].Name
		if cols[j].Name == "CustomFields" && mode == CustomFieldsColumns {
			plan[i].expand = true
			needCFs = true
		}
		j++
	}
	tableCols = cols
	if mode == CustomFieldsColumns {
		if _, ok := t.Column("CustomFields"); !ok {
			return nil, nil, fmt.Errorf("%w: %s has no custom fields to write as columns", ErrUnknownColumn, t.Name)
		}
	}
	if !needCFs {
		return plan, tableCols, nil
	}
	cfTable, ok := catalog.Lookup("CustomFields")
	if !ok {
		return nil, nil, fmt.Errorf("%w: the catalog has no CustomFields table", ErrUnknownColumn)
	}
	type field struct {
		id    int64
		title string
	}
	var fields []field
	byRef := map[string]int64{}
	titles := map[string]int{}
	for row, err := range cfTable.List(ctx, c, catalog.Query{Columns: []string{"Id", "Title"}}) {
		if err != nil {
			return nil, nil, fmt.Errorf("listing CustomFields: %w", err)
		}
		id, _ := row["Id"].(int64)
		title, _ := row["Title"].(string)
		fields = append(fields, field{id, title})
		byRef[strconv.FormatInt(id, 10)] = id
		titles[strings.ToLower(strings.TrimSpace(title))]++
	}
	for _, f := range fields {
		if k := strings.ToLower(strings.TrimSpace(f.title)); k != "" && titles[k] == 1 {
			if _, isID := byRef[k]; !isID {
				byRef[k] = f.id
			}
		}
	}
	var out []outColumn
	seen := map[string]bool{}
	add := func(oc outColumn) error {
		k := strings.ToLower(oc.header)
		if seen[k] {
			return fmt.Errorf("%w: column %s is named twice", ErrBadFormat, oc.header)
		}
		seen[k] = true
		out = append(out, oc)
		return nil
	}
	named := map[int64]bool{}
	for _, oc := range plan {
		if oc.ref != "" {
			id, ok := byRef[strings.ToLower(oc.ref)]
			if !ok {
				return nil, nil, fmt.Errorf("%w: %s has no custom field with the title or id %q (or the title is "+
					"not unique: name it by id)", ErrUnknownColumn, t.Name, oc.ref)
			}
			named[id] = true
		}
	}
	for _, oc := range plan {
		switch {
		case oc.ref != "":
			oc.cf = byRef[strings.ToLower(oc.ref)]
			if err := add(oc); err != nil {
				return nil, nil, err
			}
		case oc.expand:
			for _, f := range fields {
				if named[f.id] {
					continue // named elsewhere: written there
				}
				h := cfPrefix + strconv.FormatInt(f.id, 10)
				if k := strings.ToLower(strings.TrimSpace(f.title)); k != "" && byRef[k] == f.id {
					h = cfPrefix + strings.TrimSpace(f.title)
				}
				if err := add(outColumn{header: h, col: "CustomFields", cf: f.id}); err != nil {
					return nil, nil, err
				}
			}
		default:
			if err := add(oc); err != nil {
				return nil, nil, err
			}
		}
	}
	if !seen[strings.ToLower("CustomFields")] {
		tableCols = append(tableCols, catalog.Column{Name: "CustomFields"}) // listed for the custom field columns
		if col, ok := t.Column("CustomFields"); ok {
			tableCols[len(tableCols)-1] = col
		}
	}
	return out, tableCols, nil
}

// customFieldValues decodes a CustomFields cell ([{key, value}], key = custom field id as text; id accepted
// too) into id -> value: strings as they are, null as nil, numbers and other JSON as their JSON text.
func customFieldValues(v any) map[int64]any {
	var raw []byte
	switch x := v.(type) {
	case json.RawMessage:
		raw = x
	case []byte:
		raw = x
	case string:
		raw = []byte(x)
	default:
		return nil
	}
	var items []struct {
		Key   json.RawMessage `json:"key"`
		ID    json.RawMessage `json:"id"`
		Value json.RawMessage `json:"value"`
	}
	if len(raw) == 0 || json.Unmarshal(raw, &items) != nil {
		return nil
	}
	out := make(map[int64]any, len(items))
	for _, it := range items {
		k := it.Key
		if len(k) == 0 {
			k = it.ID
		}
		id, err := strconv.ParseInt(strings.Trim(string(k), `"`), 10, 64)
		if err != nil {
			continue
		}
		var s string
		switch {
		case len(it.Value) == 0 || string(it.Value) == "null":
			out[id] = nil
		case json.Unmarshal(it.Value, &s) == nil:
			out[id] = s
		default:
			out[id] = string(it.Value)
		}
	}
	return out
}
