package dest_test

import (
	"strings"
	"testing"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
)

// TestChildNames: a child table's parent key columns have system-style names in both namings, so an item
// member named like them (a step's ParentId) keeps its own name.
func TestChildNames(t *testing.T) {
	tree := &catalog.Table{Name: "Trees", Key: []string{"Id"}, Columns: []catalog.Column{
		{Name: "Id", Type: catalog.Int},
		{Name: "Nodes", Type: catalog.JSON, Items: []catalog.Column{
			{Name: "Id", Field: "id", Type: catalog.Int},
			{Name: "ParentId", Field: "parentId", Type: catalog.Int},
		}},
	}}
	tests := []struct {
		naming dest.Naming
		table  string
		cols   string
		key    string
	}{
		{dest.Snake, "trees__nodes", "_parent_id,_position,id,parent_id", "_parent_id,_position"},
		{dest.Preserve, "Trees__Nodes", "_parent_Id,_position,Id,ParentId", "_parent_Id,_position"},
	}
	for _, tt := range tests {
		o := dest.Options{Naming: tt.naming, Nested: map[string]bool{"Nodes": true}}
		child, err := dest.ChildFor(dest.TableFor(tree, o), tree, tree.Columns[1], o)
		if err != nil {
			t.Fatal(err)
		}
		var cols []string
		for _, c := range child.Columns {
			cols = append(cols, c.Name)
		}
		if child.Name != tt.table || strings.Join(cols, ",") != tt.cols || strings.Join(child.Key, ",") != tt.key {
			t.Errorf("naming %v: %s (%s) key %v; want %s (%s) key %s", tt.naming, child.Name, strings.Join(cols, ","),
				child.Key, tt.table, tt.cols, tt.key)
		}
	}
}
