package replytest_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// seqSeedDoc is a /_emulator/seed document with every sequences-side member: a folder, a sequence whose steps
// hold a condition with both branches, a contact enrolled at the negative branch, and a global template.
func seqSeedDoc() map[string]any {
	return map[string]any{
		"contacts":        []any{map[string]any{"id": 501, "email": "enrolled@x.co", "firstName": "Zoë"}},
		"sequenceFolders": []any{map[string]any{"id": "5E4D3C2B-1A09-4F8E-9D7C-6B5A49382716", "name": "Seeded folder"}},
		"sequences": []any{map[string]any{
			"id": 900, "name": "Seeded sequence", "status": "active", "created": "2025-11-02T10:00:00+00:00",
			"folderId": "5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716",
			"settings": map[string]any{"emailsCountPerDay": 33},
			"steps": []any{
				map[string]any{"id": 9001, "type": "email", "delayInMinutes": 0, "executionMode": "automatic",
					"variants": []any{map[string]any{"id": 99001, "subject": "Hi {{firstName}}", "message": "<p>Hello</p>"}}},
				map[string]any{"id": 9002, "type": "condition", "delayInMinutes": 60, "parentId": 9001, "waitInMinutes": 120,
					"conditions": []any{map[string]any{"property": "email", "rules": []any{map[string]any{"operator": "isSet", "value": nil}}}}},
				map[string]any{"id": 9003, "type": "call", "delayInMinutes": 0, "parentId": 9002, "ifConditionPositive": true},
				map[string]any{"id": 9004, "type": "whatsApp", "delayInMinutes": 0, "parentId": 9002, "ifConditionPositive": false, "message": "Hola"},
			},
		}},
		"sequenceContacts": []any{map[string]any{"contactId": 501, "sequenceId": 900, "statusInSequence": "paused",
			"currentStep": map[string]any{"stepId": 9004}, "addingDate": "2025-12-01T08:00:00+00:00"}},
		"sequenceTemplates": []any{map[string]any{"id": "0F1E2D3C-4B5A-4697-8877-665544332211", "name": "Global playbook",
			"scope": "global", "steps": []any{map[string]any{"type": "call", "delayInMinutes": 0}}}},
	}
}

func TestSeedControlSequences(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	r := doKey(t, s, "", "POST", "/_emulator/seed", seqSeedDoc())
	wantStatus(t, r, 200)
	if ign := r.obj(t)["ignored"].([]any); len(ign) != 0 {
		t.Errorf("ignored = %v", ign)
	}

	var seq struct {
		ID       int64  `json:"id"`
		Name     string `json:"name"`
		Status   string `json:"status"`
		Created  string `json:"created"`
		Settings struct {
			EmailsCountPerDay    int64 `json:"emailsCountPerDay"`
			DaysToFinishProspect int64 `json:"daysToFinishProspect"`
		} `json:"settings"`
		Steps []struct {
			ID                  int64  `json:"id"`
			Type                string `json:"type"`
			ParentID            *int64 `json:"parentId"`
			IfConditionPositive *bool  `json:"ifConditionPositive"`
			Variants            []struct {
				ID int64 `json:"id"`
			} `json:"variants"`
		} `json:"steps"`
	}
	do(t, s, "GET", "/v3/sequences/900", nil).json(t, &seq)
	if seq.Name != "Seeded sequence" || seq.Status != "active" || !strings.HasPrefix(seq.Created, "2025-11-02T10:00:00") ||
		seq.Settings.EmailsCountPerDay != 33 || seq.Settings.DaysToFinishProspect != 7 {
		t.Errorf("sequence = %+v", seq)
	}
	type placement struct {
		id, parent int64
		branch     string
	}
	var got []placement
	for _, st := range seq.Steps {
		p := placement{id: st.ID, branch: "null"}
		if st.ParentID != nil {
			p.parent = *st.ParentID
		}
		if st.IfConditionPositive != nil {
			p.branch = map[bool]string{true: "true", false: "false"}[*st.IfConditionPositive]
		}
		got = append(got, p)
	}
	want := []placement{{9001, 0, "null"}, {9002, 9001, "null"}, {9003, 9002, "true"}, {9004, 9002, "false"}}
	if len(got) != len(want) {
		t.Fatalf("steps = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("step %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if len(seq.Steps[0].Variants) != 1 || seq.Steps[0].Variants[0].ID != 99001 {
		t.Errorf("variants = %+v", seq.Steps[0].Variants)
	}

	// The folder belongs to the first user (the default key's) and holds the sequence.
	var inFolder struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	wantStatus(t, do(t, s, "GET", "/v3/sequence-folders/5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716", nil), 200)
	do(t, s, "GET", "/v3/sequence-folders/5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716/sequences", nil).json(t, &inFolder)
	if len(inFolder.Items) != 1 || inFolder.Items[0].ID != 900 {
		t.Errorf("sequences in folder = %+v", inFolder)
	}

	var m struct {
		StatusInSequence string `json:"statusInSequence"`
		CurrentStep      *struct {
			StepID int64 `json:"stepId"`
		} `json:"currentStep"`
	}
	do(t, s, "GET", "/v3/sequences/900/contacts/501", nil).json(t, &m)
	if m.StatusInSequence != "paused" || m.CurrentStep == nil || m.CurrentStep.StepID != 9004 {
		t.Errorf("membership = %+v", m)
	}

	var tpl struct {
		GlobalTemplates []struct {
			ID        string   `json:"id"`
			Name      string   `json:"name"`
			StepTypes []string `json:"stepTypes"`
		} `json:"globalTemplates"`
	}
	do(t, s, "GET", "/v3/sequence-templates", nil).json(t, &tpl)
	if len(tpl.GlobalTemplates) != 1 || tpl.GlobalTemplates[0].ID != "0f1e2d3c-4b5a-4697-8877-665544332211" ||
		tpl.GlobalTemplates[0].Name != "Global playbook" {
		t.Errorf("templates = %+v", tpl)
	}
	r = do(t, s, "DELETE", "/v3/sequence-templates/0f1e2d3c-4b5a-4697-8877-665544332211", nil)
	wantStatus(t, r, 403)

	// Ids allocated afterwards do not collide with seeded ones.
	var created struct {
		ID    int64 `json:"id"`
		Steps []struct {
			ID int64 `json:"id"`
		} `json:"steps"`
	}
	r = do(t, s, "POST", "/v3/sequences", map[string]any{"name": "After seed", "steps": []any{map[string]any{"type": "call", "delayInMinutes": 0}}})
	wantStatus(t, r, 201)
	r.json(t, &created)
	if created.ID <= 900 || created.Steps[0].ID <= 9004 {
		t.Errorf("ids after seed: sequence %d, step %d", created.ID, created.Steps[0].ID)
	}
}

func TestSeedControlSequencesInvalid(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		edit   func(doc map[string]any)
		detail string
	}{
		{"unknown contact", func(d map[string]any) { delete(d, "contacts") }, "sequenceContacts[0]: contact 501 not found"},
		{"unknown sequence", func(d map[string]any) {
			d["sequenceContacts"] = []any{map[string]any{"contactId": 501, "sequenceId": 1}}
		}, "sequenceContacts[0]: sequence 1 not found"},
		{"step of another sequence", func(d map[string]any) {
			d["sequenceContacts"] = []any{map[string]any{"contactId": 501, "sequenceId": 900, "currentStep": map[string]any{"stepId": 1}}}
		}, "step 1 is not a step of sequence 900"},
		{"unknown folder", func(d map[string]any) { delete(d, "sequenceFolders") }, "sequences[0]: folder"},
		{"bad template id", func(d map[string]any) {
			d["sequenceTemplates"] = []any{map[string]any{"id": "nope", "name": "x", "scope": "global"}}
		}, "is not a UUID"},
		{"dangling parent", func(d map[string]any) {
			steps := d["sequences"].([]any)[0].(map[string]any)["steps"].([]any)
			steps[3].(map[string]any)["parentId"] = 9999
		}, "sequences[0].steps[3]: /parentId: 9999 is not the id of an earlier step"},
		{"branch missing under a condition", func(d map[string]any) {
			steps := d["sequences"].([]any)[0].(map[string]any)["steps"].([]any)
			delete(steps[2].(map[string]any), "ifConditionPositive")
		}, "sequences[0].steps[2]: /ifConditionPositive: required"},
		{"invalid step", func(d map[string]any) {
			d["sequences"].([]any)[0].(map[string]any)["steps"] = []any{map[string]any{"type": "nope", "delayInMinutes": 0}}
		}, "sequences[0].steps[0]: /type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newServer(t)
			doc := seqSeedDoc()
			tc.edit(doc)
			r := doKey(t, s, "", "POST", "/_emulator/seed", doc)
			wantStatus(t, r, 400)
			var p struct {
				Code   string `json:"code"`
				Detail string `json:"detail"`
			}
			if err := json.Unmarshal(r.Body, &p); err != nil || p.Code != "emulator.invalidInput" || !strings.Contains(p.Detail, tc.detail) {
				t.Errorf("problem = %s, want detail containing %q", r.Body, tc.detail)
			}
		})
	}
}
