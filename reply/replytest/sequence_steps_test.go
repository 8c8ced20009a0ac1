package replytest_test

import (
	"slices"
	"testing"
)

// stepTree returns id -> [parentId, ifConditionPositive] of a sequence's steps.
func stepTree(t *testing.T, steps []map[string]any) map[int64][2]any {
	t.Helper()
	out := map[int64][2]any{}
	for _, s := range steps {
		out[int64(s["id"].(float64))] = [2]any{s["parentId"], s["ifConditionPositive"]}
	}
	return out
}

func num(v int64) float64 { return float64(v) }

func TestSequenceStepsTree(t *testing.T) {
	t.Parallel()
	srv := newSeqServer(t)
	seq := mustSequence(t, srv, "Steps", nil)
	list := func() []map[string]any {
		t.Helper()
		r := seqCall(t, srv, "GET", seqPath(seq, "/steps"), nil)
		seqWant(t, r, 200, "")
		return r.arr(t)
	}
	root := seqID(t, list()[0], "id")
	add := func(body map[string]any, status int, code string) int64 {
		t.Helper()
		r := seqCall(t, srv, "POST", seqPath(seq, "/steps"), body)
		seqWant(t, r, status, code)
		if status != 201 {
			return 0
		}
		return seqID(t, r.obj(t), "id")
	}
	// Appended to the end of the chain when parentId is omitted.
	call := add(map[string]any{"type": "call", "delayInMinutes": 5}, 201, "")
	cond := add(map[string]any{"type": "condition", "delayInMinutes": 0, "waitInMinutes": 60,
		"conditions": []any{map[string]any{"property": "email", "rules": []any{map[string]any{"operator": "isNotSet", "value": nil}}}}}, 201, "")
	tree := stepTree(t, list())
	if tree[call][0] != num(root) || tree[cond][0] != num(call) || tree[root][0] != nil {
		t.Fatalf("chain = %v", tree)
	}
	// With a condition in the sequence, parentId is required; under a condition, the branch is required.
	r := seqCall(t, srv, "POST", seqPath(seq, "/steps"), map[string]any{"type": "call", "delayInMinutes": 0})
	seqWant(t, r, 400, "")
	if got := r.pointers(); !slices.Equal(got, []string{"/parentId"}) {
		t.Errorf("pointers = %q", got)
	}
	add(map[string]any{"type": "call", "delayInMinutes": 0, "parentId": cond}, 400, "")
	add(map[string]any{"type": "call", "delayInMinutes": 0, "parentId": 999999}, 400, "sequenceStep.invalidStep")
	pos := add(map[string]any{"type": "sms", "delayInMinutes": 0, "executionMode": "manual", "message": "m", "parentId": cond, "ifConditionPositive": true}, 201, "")
	neg := add(map[string]any{"type": "whatsApp", "delayInMinutes": 0, "message": "m", "parentId": cond, "ifConditionPositive": false}, 201, "")
	after := add(map[string]any{"type": "call", "delayInMinutes": 0, "parentId": pos, "ifConditionPositive": true}, 201, "")
	tree = stepTree(t, list())
	if tree[pos] != [2]any{num(cond), true} || tree[neg] != [2]any{num(cond), false} || tree[after] != [2]any{num(pos), nil} {
		t.Errorf("tree = %v", tree)
	}
	// First email of a chain needs a subject; a later one does not.
	add(map[string]any{"type": "email", "delayInMinutes": 0, "executionMode": "automatic", "parentId": after,
		"variants": []any{map[string]any{"subject": nil, "message": "x"}}}, 201, "")
	other := mustSequence(t, srv, "Other", map[string]any{"steps": []any{map[string]any{"type": "call", "delayInMinutes": 0}}})
	r = seqCall(t, srv, "POST", seqPath(other, "/steps"), map[string]any{"type": "email", "delayInMinutes": 0, "executionMode": "automatic",
		"variants": []any{map[string]any{"subject": "", "message": "x"}}})
	seqWant(t, r, 400, "sequenceStep.missingEmailSubject")
	seqWant(t, seqCall(t, srv, "GET", seqPath(424242, "/steps"), nil), 404, "sequenceStep.notFound")
	seqWant(t, seqCall(t, srv, "GET", seqPath(seq, "/steps/424242"), nil), 404, "sequenceStep.notFound")

	// PUT: whole step, type fixed.
	r = seqCall(t, srv, "PUT", seqPath(seq, "/steps/"+seqItoa(call)), map[string]any{"type": "call", "delayInMinutes": 99, "message": "new script"})
	seqWant(t, r, 200, "")
	if got := r.obj(t); got["delayInMinutes"] != 99.0 || got["message"] != "new script" || got["parentId"] != num(root) {
		t.Errorf("put = %v", got)
	}
	seqWant(t, seqCall(t, srv, "PUT", seqPath(seq, "/steps/"+seqItoa(call)), map[string]any{"type": "sms", "delayInMinutes": 0}), 400, "")

	// Delete modes: nodeAndPositiveChildren removes the positive branch, re-attaches the negative one.
	seqWant(t, seqCall(t, srv, "DELETE", seqPath(seq, "/steps/"+seqItoa(cond)+"?mode=nodeAndPositiveChildren"), nil), 204, "")
	tree = stepTree(t, list())
	if _, ok := tree[pos]; ok {
		t.Error("positive child survived")
	}
	if _, ok := tree[after]; ok {
		t.Error("positive grandchild survived")
	}
	if tree[neg][0] != num(call) {
		t.Errorf("negative child parent = %v, want %d", tree[neg][0], call)
	}
	// nodeOnly re-attaches children to the parent.
	seqWant(t, seqCall(t, srv, "DELETE", seqPath(seq, "/steps/"+seqItoa(call)), nil), 204, "")
	if tree = stepTree(t, list()); tree[neg][0] != num(root) {
		t.Errorf("after nodeOnly parent = %v", tree[neg][0])
	}
	seqWant(t, seqCall(t, srv, "DELETE", seqPath(seq, "/steps/"+seqItoa(root)+"?mode=everything"), nil), 400, "")
	seqWant(t, seqCall(t, srv, "DELETE", seqPath(seq, "/steps/"+seqItoa(root)+"?mode=nodeAndAllChildren"), nil), 204, "")
	if n := len(list()); n != 0 {
		t.Errorf("%d steps left", n)
	}
	if got := seqCall(t, srv, "GET", seqPath(seq, ""), nil).obj(t); got["health"] != "blocked" || got["issues"].([]any)[0].(map[string]any)["type"] != "noSteps" {
		t.Errorf("health = %v %v", got["health"], got["issues"])
	}
}

func TestSequenceStepsBulk(t *testing.T) {
	t.Parallel()
	srv := newSeqServer(t)
	seq := mustSequence(t, srv, "Bulk", nil)
	r := seqCall(t, srv, "POST", seqPath(seq, "/steps/bulk"), []any{
		map[string]any{"type": "call", "delayInMinutes": 0},
		map[string]any{"type": "call"},
		map[string]any{"type": "call", "delayInMinutes": 0, "parentId": 999999},
		map[string]any{"type": "task", "actionType": "toDo", "delayInMinutes": 0, "description": "d"},
		"not an object",
	})
	seqWant(t, r, 200, "")
	res := r.arr(t)
	if len(res) != 5 {
		t.Fatalf("results = %s", r.Body)
	}
	codes := []any{res[0]["error"], res[1]["error"], res[2]["error"], res[3]["error"], res[4]["error"]}
	if !slices.Equal(codes, []any{nil, 1.0, 2.0, nil, 1.0}) {
		t.Errorf("codes = %v", codes)
	}
	first, task := seqID(t, res[0], "id"), seqID(t, res[3], "id")
	got := seqCall(t, srv, "GET", seqPath(seq, "/steps/"+seqItoa(task)), nil).obj(t)
	if got["parentId"] != num(first) {
		t.Errorf("bulk item parent = %v, want %d (appended after the previous item)", got["parentId"], first)
	}
	r = seqCall(t, srv, "POST", seqPath(seq, "/steps/bulk-delete"), map[string]any{"ids": []int64{task, 424242}})
	seqWant(t, r, 200, "")
	if m := r.obj(t); len(m) != 1 || m["424242"].(map[string]any)["error"] != "notFound" {
		t.Errorf("bulk delete = %s", r.Body)
	}
	ids := make([]int64, 101)
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	seqWant(t, seqCall(t, srv, "POST", seqPath(seq, "/steps/bulk-delete"), map[string]any{"ids": ids}), 400, "")
}

func TestSequenceStepVariants(t *testing.T) {
	t.Parallel()
	srv := newSeqServer(t)
	seq := mustSequence(t, srv, "Variants", nil)
	steps := seqCall(t, srv, "GET", seqPath(seq, "/steps"), nil).arr(t)
	step := seqID(t, steps[0], "id")
	base := seqPath(seq, "/steps/"+seqItoa(step)+"/variants")
	vs := seqCall(t, srv, "GET", base, nil).arr(t)
	if len(vs) != 1 || vs[0]["isEnabled"] != true || vs[0]["subject"] != "Hello" {
		t.Fatalf("variants = %v", vs)
	}
	v1 := seqID(t, vs[0], "id")
	// The only enabled variant cannot be deleted or disabled.
	seqWant(t, seqCall(t, srv, "DELETE", base+"/"+seqItoa(v1), nil), 409, "sequenceStep.stepLocked")
	r := seqCall(t, srv, "POST", seqPath(seq, "/steps/"+seqItoa(step)+"/disable"), map[string]any{"variantIds": []int64{v1, 424242}})
	seqWant(t, r, 200, "")
	if m := r.obj(t); m[seqItoa(v1)].(map[string]any)["error"] != "unsupportedOperation" || m["424242"].(map[string]any)["error"] != "invalidInput" {
		t.Errorf("disable = %s", r.Body)
	}
	// First email step: a variant needs a subject.
	seqWant(t, seqCall(t, srv, "POST", base, map[string]any{"message": "m"}), 400, "sequenceStep.missingEmailSubject")
	r = seqCall(t, srv, "POST", base, map[string]any{"subject": "B", "message": "m", "attachmentIds": []int{7}})
	seqWant(t, r, 201, "")
	v2 := r.obj(t)
	if v2["hasAttachments"] != true || v2["isEnabled"] != true {
		t.Errorf("created = %v", v2)
	}
	r = seqCall(t, srv, "POST", base, map[string]any{"subject": "C", "message": "m", "attachmentIds": []int{1, 2, 3, 4}})
	seqWant(t, r, 400, "")
	if got := r.pointers(); !slices.Equal(got, []string{"/attachmentIds"}) {
		t.Errorf("pointers = %q", got)
	}
	id2 := seqID(t, v2, "id")
	// PUT: attachmentIds omitted keeps them, [] clears.
	r = seqCall(t, srv, "PUT", base+"/"+seqItoa(id2), map[string]any{"subject": "B2", "message": "m2"})
	seqWant(t, r, 200, "")
	if got := r.obj(t); got["subject"] != "B2" || got["hasAttachments"] != true {
		t.Errorf("put = %v", got)
	}
	r = seqCall(t, srv, "PUT", base+"/"+seqItoa(id2), map[string]any{"subject": "B2", "message": "m2", "attachmentIds": []int{}})
	if got := r.obj(t); got["hasAttachments"] != false {
		t.Errorf("put clear = %v", got)
	}
	r = seqCall(t, srv, "PUT", base+"/424242", map[string]any{"subject": "x", "message": "y"})
	seqWant(t, r, 404, "sequenceStep.notFound")
	// The step response carries the same variants.
	st := seqCall(t, srv, "GET", seqPath(seq, "/steps/"+seqItoa(step)), nil).obj(t)
	if n := len(st["variants"].([]any)); n != 2 {
		t.Errorf("step variants = %d", n)
	}
	// Now v1 can be disabled and deleted.
	r = seqCall(t, srv, "POST", seqPath(seq, "/steps/"+seqItoa(step)+"/disable"), map[string]any{"variantIds": []int64{v1}})
	if string(r.Body) != "{}" {
		t.Errorf("disable = %s", r.Body)
	}
	seqWant(t, seqCall(t, srv, "DELETE", base+"/"+seqItoa(v1), nil), 204, "")
	// Bulk create B2 and bulk delete B1.
	r = seqCall(t, srv, "POST", base+"/bulk", []any{map[string]any{"subject": "x", "message": "y"}, map[string]any{"subject": "z"}})
	seqWant(t, r, 200, "")
	res := r.arr(t)
	if res[0]["error"] != nil || res[1]["error"] != 1.0 {
		t.Errorf("bulk = %s", r.Body)
	}
	r = seqCall(t, srv, "POST", base+"/bulk-delete", map[string]any{"ids": []int64{seqID(t, res[0], "id"), 424242}})
	if m := r.obj(t); len(m) != 1 || m["424242"] == nil {
		t.Errorf("bulk delete = %s", r.Body)
	}
	// Steps without variants.
	call := seqCall(t, srv, "POST", seqPath(seq, "/steps"), map[string]any{"type": "call", "delayInMinutes": 0}).obj(t)
	seqWant(t, seqCall(t, srv, "GET", seqPath(seq, "/steps/"+seqItoa(seqID(t, call, "id"))+"/variants"), nil), 400, "sequenceStep.invalidStep")
	// LinkedIn message variants: message required; connect: at most 300 characters.
	li := seqCall(t, srv, "POST", seqPath(seq, "/steps"), map[string]any{"type": "linkedIn", "actionType": "connect", "delayInMinutes": 0,
		"executionMode": "automatic", "variants": []any{map[string]any{"isEnabled": true}}})
	seqWant(t, li, 201, "")
	long := make([]byte, 301)
	for i := range long {
		long[i] = 'a'
	}
	seqWant(t, seqCall(t, srv, "POST", seqPath(seq, "/steps/"+seqItoa(seqID(t, li.obj(t), "id"))+"/variants"), map[string]any{"message": string(long)}), 400, "")

	props := seqCall(t, srv, "GET", "/v3/sequences/steps/contact-filter-properties", nil)
	seqWant(t, props, 200, "")
	if string(props.Body) != `{"email":{"operators":["isSet","isNotSet","is","isNot","contains"],"values":null},"stage":{"operators":["is","isNot"],"values":["new","contacted","interested","notInterested"]}}` {
		t.Errorf("properties = %s", props.Body)
	}
}
