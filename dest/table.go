package dest

import (
	"fmt"
	"strings"

	"github.com/replykit/replykit/catalog"
)

// System column names, present in every replicated table.
const (
	RowHash   = "_row_hash"   // hash of the replicated values
	DeletedAt = "_deleted_at" // set by a soft delete, NULL while the row exists in Reply
	Position  = "_position"   // child tables: 0-based position of the item in its parent's array
)

// Column is one destination column.
type Column struct {
	Name   string // destination name
	Source string // catalog column name (child tables: the item member's catalog name; parent keys: the parent's)
	Type   catalog.Type
}

// Table is one destination table derived from a catalog table (or a nested array column of one).
type Table struct {
	Name    string   // destination name, prefix included
	Source  string   // catalog table name; child tables: "Sequences.Steps"
	Columns []Column // data columns, in order; system columns are added by the writer
	Key     []string // destination names of the primary key columns

	// Parent is set on child tables: the names of the columns holding the parent's key, in the parent's key
	// order, and the parent table.
	ParentKey []string
	Parent    *Table
	// Field is the API member of each array item column (child tables), aligned with Columns after the parent
	// key and position columns.
	Field []string
}

// Options choose how catalog tables map to destination tables.
type Options struct {
	Naming Naming
	Prefix string // prepended to every table name (state tables included)
	// Nested lists catalog column names (e.g. "Steps") that become child tables instead of JSON columns.
	// Columns listed here but without Items stay JSON.
	Nested map[string]bool
}

// TableFor returns the destination table of t, without the columns in skip (catalog names, case-insensitive).
// Columns that o.Nested unwinds are left out; [ChildFor] makes their tables.
func TableFor(t *catalog.Table, o Options, skip ...string) *Table {
	out := &Table{Name: o.Prefix + o.Naming.Name(t.Name), Source: t.Name}
	skipped := map[string]bool{}
	for _, s := range skip {
		skipped[strings.ToLower(s)] = true
	}
	for _, c := range t.Columns {
		if skipped[strings.ToLower(c.Name)] || c.WriteOnly {
			continue
		}
		if c.Items != nil && o.Nested[c.Name] {
			continue
		}
		out.Columns = append(out.Columns, Column{Name: o.Naming.Name(c.Name), Source: c.Name, Type: c.Type})
	}
	for _, k := range t.Key {
		out.Key = append(out.Key, o.Naming.Name(k))
	}
	return out
}

// ChildFor returns the child table of the JSON array column col of the catalog table t, whose destination table
// is parent: named parent__col (sequences__steps), with the parent's key columns, _position and one column per
// item member.
func ChildFor(parent *Table, t *catalog.Table, col catalog.Column, o Options) (*Table, error) {
	if col.Items == nil {
		return nil, fmt.Errorf("dest: %s.%s has no item columns", t.Name, col.Name)
	}
	child := &Table{
		Name:   parent.Name + "__" + o.Naming.Name(col.Name),
		Source: t.Name + "." + col.Name,
		Parent: parent,
	}
	used := map[string]bool{}
	for _, k := range t.Key {
		kc, ok := t.Column(k)
		if !ok {
			return nil, fmt.Errorf("dest: %s: key %s is not a column", t.Name, k)
		}
		// A system-style name (like _position), so an item member called ParentId keeps its own name.
		name := "_parent_" + o.Naming.Name(kc.Name) // _parent_id; preserve: _parent_Id
		child.Columns = append(child.Columns, Column{Name: name, Source: kc.Name, Type: kc.Type})
		child.ParentKey = append(child.ParentKey, name)
		child.Key = append(child.Key, name)
		used[strings.ToLower(name)] = true
	}
	child.Columns = append(child.Columns, Column{Name: Position, Source: Position, Type: catalog.Int})
	child.Key = append(child.Key, Position)
	used[Position] = true
	for _, it := range col.Items {
		name := o.Naming.Name(it.Name)
		if used[strings.ToLower(name)] {
			name = "item_" + name
		}
		used[strings.ToLower(name)] = true
		child.Columns = append(child.Columns, Column{Name: name, Source: it.Name, Type: it.Type})
		child.Field = append(child.Field, it.Field)
	}
	return child, nil
}

// keyIndex returns the positions of the key columns in Columns.
func (t *Table) keyIndex() []int {
	idx := make([]int, 0, len(t.Key))
	for _, k := range t.Key {
		for i, c := range t.Columns {
			if c.Name == k {
				idx = append(idx, i)
			}
		}
	}
	return idx
}

// KeyString returns the text form of a key, as [Writer.Hashes] reports it: the values' text joined by U+001F.
func KeyString(vals ...any) string {
	var b strings.Builder
	for i, v := range vals {
		if i > 0 {
			b.WriteByte(0x1f)
		}
		switch x := v.(type) {
		case nil:
		case []byte:
			b.Write(x)
		case string:
			b.WriteString(x)
		default:
			fmt.Fprint(&b, x)
		}
	}
	return b.String()
}
