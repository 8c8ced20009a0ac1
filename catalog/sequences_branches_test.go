package catalog_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/reply"
)

// treeShape describes each step's place in its tree, parents given as positions in the step list.
func treeShape(tb testing.TB, steps []reply.Step) []string {
	tb.Helper()
	pos := map[reply.ID]int{}
	for i, st := range steps {
		pos[st.ID] = i
	}
	var out []string
	for _, st := range steps {
		parent := "-"
		if st.ParentID != 0 {
			i, ok := pos[st.ParentID]
			if !ok {
				tb.Fatalf("step %d: parent %d is not a step of the sequence", st.ID, st.ParentID)
			}
			parent = fmt.Sprint(i)
		}
		branch := "null"
		if st.IfConditionPositive != nil {
			branch = fmt.Sprint(*st.IfConditionPositive)
		}
		out = append(out, fmt.Sprintf("%s/%d parent %s branch %s", st.Type, st.DelayInMinutes, parent, branch))
	}
	return out
}

// TestInsertSequenceBranches inserts sequences whose Steps hold a condition with both branches (the false
// branch after the true one, so it names the condition by the id given to it in the same value) and checks
// that the tree is kept: written by hand with ids, and copied from a sequence read back.
func TestInsertSequenceBranches(t *testing.T) {
	t.Parallel()
	_, c := newEnv(t)
	tb := mustTable(t, "Sequences")
	const steps = `[
		{"id": 11, "type": "email", "delayInMinutes": 0, "executionMode": "automatic", "variants": [{"subject": "Hi", "message": "M"}]},
		{"id": 12, "type": "condition", "delayInMinutes": 0, "parentId": 11, "waitInMinutes": 60,
		 "conditions": [{"property": "email", "rules": [{"operator": "isSet", "value": null}]}]},
		{"id": 13, "type": "call", "delayInMinutes": 10, "parentId": 12, "ifConditionPositive": true},
		{"id": 14, "type": "call", "delayInMinutes": 20, "parentId": 12, "ifConditionPositive": false},
		{"id": 15, "type": "call", "delayInMinutes": 30, "parentId": 14}]`
	want := []string{
		"email/0 parent - branch null",
		"condition/0 parent 0 branch null",
		"call/10 parent 1 branch true",
		"call/20 parent 1 branch false",
		"call/30 parent 3 branch null",
	}
	insert := func(t *testing.T, row catalog.Row) []reply.Step {
		t.Helper()
		if err := catalog.ValidateRow(tb, row, true); err != nil {
			t.Fatalf("ValidateRow: %v", err)
		}
		res := tb.Insert(t.Context(), c, []catalog.Row{row})
		if res[0].Err != nil {
			t.Fatalf("Insert: %v", res[0].Err)
		}
		seq, err := c.Sequences.Get(t.Context(), res[0].Row["Id"].(int64))
		if err != nil {
			t.Fatal(err)
		}
		return seq.Steps
	}

	t.Run("hand-written", func(t *testing.T) {
		got := treeShape(t, insert(t, catalog.Row{"Name": "Branches", "Steps": json.RawMessage(steps)}))
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("steps:\n got %q\nwant %q", got, want)
		}
	})

	t.Run("copy", func(t *testing.T) {
		first := insert(t, catalog.Row{"Name": "Branches (source)", "Steps": json.RawMessage(steps)})
		read, err := json.Marshal(first)
		if err != nil {
			t.Fatal(err)
		}
		got := treeShape(t, insert(t, catalog.Row{"Name": "Branches (copy)", "Steps": json.RawMessage(read)}))
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("steps:\n got %q\nwant %q", got, want)
		}
	})

	// Every seeded sequence copies with the same tree (one recipe has a condition with both branches).
	t.Run("seeded", func(t *testing.T) {
		for _, r := range collect(t, c, tb, catalog.Query{}) {
			if r["Steps"] == nil {
				continue
			}
			var src []reply.Step
			if err := json.Unmarshal(r["Steps"].(json.RawMessage), &src); err != nil {
				t.Fatal(err)
			}
			row := catalog.WritableRow(tb, r, true)
			row["Name"] = r["Name"].(string) + " (tree copy)"
			got, want := treeShape(t, insert(t, row)), treeShape(t, src)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("sequence %v:\n got %q\nwant %q", r["Id"], got, want)
			}
		}
	})
}
