package reply

import (
	"context"
	"net/http"
)

// SequenceTemplatesService provides the calls of /v3/sequence-templates (REFERENCE.md §2.22, §3.7).
type SequenceTemplatesService service

// SequenceTemplate is a sequence template; its ID is a UUID.
type SequenceTemplate struct {
	ID            string   `json:"id"`
	Name          string   `json:"name"`
	Description   string   `json:"description"`
	StepTypes     []string `json:"stepTypes"` // Email, LinkedIn, Call, Task
	IsConditional bool     `json:"isConditional"`
}

// SequenceTemplates is the answer of GET /v3/sequence-templates: templates grouped by scope.
type SequenceTemplates struct {
	GlobalTemplates       []SequenceTemplate `json:"globalTemplates"`
	OrganizationTemplates []SequenceTemplate `json:"organizationTemplates"`
	TeamTemplates         []SequenceTemplate `json:"teamTemplates"`
}

// List returns the templates visible to the caller, grouped by scope.
// A failure is an [*Error] (e.g. [ErrForbidden] without the scope).
func (s *SequenceTemplatesService) List(ctx context.Context) (SequenceTemplates, error) {
	return getJSON[SequenceTemplates](ctx, s.c, "/v3/sequence-templates", nil)
}

// Delete deletes a team or organization template. The error wraps [ErrForbidden] for a global template and
// [ErrNotFound] for a missing one.
func (s *SequenceTemplatesService) Delete(ctx context.Context, id string) error {
	return sendNoContent(ctx, s.c, http.MethodDelete, "/v3/sequence-templates/{id}", nil, id)
}
