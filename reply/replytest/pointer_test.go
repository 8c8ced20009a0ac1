package replytest_test

import (
	"testing"
)

// TestTypeErrorPointers checks that a member of the wrong JSON type is reported with its exact JSON Pointer
// (REFERENCE.md §1.6), array indexes included, whatever the nesting.
func TestTypeErrorPointers(t *testing.T) {
	t.Parallel()
	const email = `{"type": "email", "delayInMinutes": 0, "executionMode": "automatic", "variants": [{"subject": "S", "message": "M"}]}`
	tests := []struct {
		name, method, path, body string
		want                     string
	}{
		{"top-level array, first item", "POST", "/v3/contact-blacklist-rules/domains/bulk", `[{"pattern": 5}]`, "/0/pattern"},
		{"top-level array, later item", "POST", "/v3/contact-blacklist-rules/emails/bulk",
			`[{"pattern": "a@x.co"}, {"pattern": "b@x.co"}, {"pattern": true}]`, "/2/pattern"},
		{"step member", "POST", "/v3/sequences", `{"name": "S", "steps": [{"type": "email", "delayInMinutes": "soon"}]}`,
			"/steps/0/delayInMinutes"},
		{"variant of a later step", "POST", "/v3/sequences", `{"name": "S", "steps": [` + email + `,
			{"type": "email", "delayInMinutes": 60, "executionMode": "automatic", "variants": [{"subject": 5, "message": "M"}]}]}`,
			"/steps/1/variants/0/subject"},
		{"condition rule", "POST", "/v3/sequences", `{"name": "S", "steps": [` + email + `,
			{"type": "condition", "delayInMinutes": 0, "waitInMinutes": 0, "ifConditionPositive": null,
			 "conditions": [{"property": "email", "rules": [{"operator": "isSet"}, {"operator": ["is"]}]}]}]}`,
			"/steps/1/conditions/0/rules/1/operator"},
		{"step object where a number is expected", "POST", "/v3/sequences", `{"name": "S", "steps": [` + email + `, {"type": "call", "delayInMinutes": {}}]}`,
			"/steps/1/delayInMinutes"},
		{"settings member", "POST", "/v3/sequences", `{"name": "S", "settings": {"emailsCountPerDay": "many"}, "steps": [` + email + `]}`,
			"/settings/emailsCountPerDay"},
		{"contact custom field", "POST", "/v3/contacts", `{"email": "p@x.co", "customFields": [{"id": 1, "value": "a"}, {"id": "x", "value": "b"}]}`,
			"/customFields/1/id"},
		{"id list", "POST", "/v3/sequences/bulk-delete", `{"ids": [1, 2, "three"]}`, "/ids/2"},
		{"top-level member", "POST", "/v3/contacts", `{"email": 5}`, "/email"},
		{"body of the wrong type", "POST", "/v3/contacts", `[1]`, ""},
	}
	s := newServer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, s, tt.method, tt.path, tt.body)
			wantStatus(t, r, 400)
			var p struct {
				Errors []struct {
					Pointer string `json:"pointer"`
					Detail  string `json:"detail"`
				} `json:"errors"`
			}
			r.json(t, &p)
			if len(p.Errors) != 1 || p.Errors[0].Pointer != tt.want || p.Errors[0].Detail != "Value has an invalid type." {
				t.Errorf("errors = %+v, want one at %q", p.Errors, tt.want)
			}
		})
	}
}
