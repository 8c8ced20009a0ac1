package replytest_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/replykit/replykit/reply"
)

// branchSteps is a step list with a condition and both branches, the false branch given last (after the true
// branch's step), each step naming its parent by the id given to it in the same body.
const branchSteps = `[
	{"id": 1, "type": "email", "delayInMinutes": 0, "executionMode": "automatic", "variants": [{"subject": "Hi", "message": "M"}]},
	{"id": 2, "type": "condition", "delayInMinutes": 0, "parentId": 1, "waitInMinutes": 60,
	 "conditions": [{"property": "email", "rules": [{"operator": "isSet", "value": null}]}]},
	{"id": 3, "type": "call", "delayInMinutes": 10, "parentId": 2, "ifConditionPositive": true},
	{"id": 4, "type": "call", "delayInMinutes": 20, "parentId": 2, "ifConditionPositive": false},
	{"id": 5, "type": "call", "delayInMinutes": 30, "parentId": 4}
]`

// stepShape is a step's place in its tree, parents given as positions in the step list ("-" for none).
func stepShape(tb testing.TB, steps []reply.Step) []string {
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

var wantBranchShape = []string{
	"email/0 parent - branch null",
	"condition/0 parent 0 branch null",
	"call/10 parent 1 branch true",
	"call/20 parent 1 branch false",
	"call/30 parent 3 branch null",
}

func checkShape(tb testing.TB, got []string) {
	tb.Helper()
	if fmt.Sprint(got) != fmt.Sprint(wantBranchShape) {
		tb.Errorf("steps:\n got %q\nwant %q", got, wantBranchShape)
	}
}

// TestCreateSequenceFalseBranch creates a sequence whose steps include the false branch of a condition, over
// HTTP and through the client, and reads the tree back from the detail and from the steps list.
func TestCreateSequenceFalseBranch(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c, err := reply.NewClient(s.Key, reply.WithBaseURL(s.URL), reply.WithHTTPClient(s.HTTPClient()), reply.WithClock(s.Clock()))
	if err != nil {
		t.Fatal(err)
	}

	t.Run("http", func(t *testing.T) {
		r := do(t, s, "POST", "/v3/sequences", `{"name": "Branches over HTTP", "steps": `+branchSteps+`}`)
		wantStatus(t, r, 201)
		var seq reply.Sequence
		r.json(t, &seq)
		checkShape(t, stepShape(t, seq.Steps))
		listed, err := c.SequenceSteps.All(t.Context(), int64(seq.ID))
		if err != nil {
			t.Fatal(err)
		}
		checkShape(t, stepShape(t, listed))
	})

	t.Run("client", func(t *testing.T) {
		var steps []reply.Step
		if err := json.Unmarshal([]byte(branchSteps), &steps); err != nil {
			t.Fatal(err)
		}
		seq, err := c.Sequences.Create(t.Context(), reply.SequenceCreate{Name: "Branches through the client", Steps: steps})
		if err != nil {
			t.Fatal(err)
		}
		checkShape(t, stepShape(t, seq.Steps))
		if steps[1].ID != 2 {
			t.Errorf("Create changed the caller's steps: id %d", steps[1].ID)
		}
	})

	t.Run("unknown parent", func(t *testing.T) {
		r := do(t, s, "POST", "/v3/sequences", `{"name": "Dangling parent", "steps": [
			{"type": "call", "delayInMinutes": 0},
			{"type": "call", "delayInMinutes": 0, "parentId": 77, "ifConditionPositive": false}]}`)
		wantStatus(t, r, 400)
		var p struct {
			Errors []struct{ Pointer string } `json:"errors"`
		}
		r.json(t, &p)
		if len(p.Errors) != 1 || p.Errors[0].Pointer != "/steps/1/parentId" {
			t.Errorf("errors = %s", r.Body)
		}
	})
}
