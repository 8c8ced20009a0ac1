package reply

import (
	"context"
	"iter"
	"net/http"
)

// CustomFieldsService provides the calls of /v3/custom-fields (REFERENCE.md §2.4).
type CustomFieldsService service

// CustomField is a contact custom field definition.
type CustomField struct {
	ID        ID     `json:"id"`
	Title     string `json:"title"`
	FieldType string `json:"fieldType"` // text, number
	Metadata  string `json:"metadata"`  // e.g. dropdown options; "" when null
	OrgWide   bool   `json:"orgWide"`
}

// CustomFieldCreate is the body of a custom field create.
type CustomFieldCreate struct {
	Title     string  `json:"title"`
	FieldType string  `json:"fieldType"`
	Metadata  *string `json:"metadata,omitempty"`
	OrgWide   bool    `json:"orgWide,omitempty"`
}

// CustomFieldUpdate is the full definition sent by PUT (metadata is replaced; nil clears it).
type CustomFieldUpdate struct {
	Title     string  `json:"title"`
	FieldType string  `json:"fieldType"`
	Metadata  *string `json:"metadata"`
}

// List iterates over the team's and organization's custom fields (one request), capped at limit (0: all).
func (s *CustomFieldsService) List(ctx context.Context, limit int) iter.Seq2[CustomField, error] {
	return all(ctx, limit, s.All)
}

// All returns every custom field.
// A failure is an [*Error] (e.g. [ErrForbidden] without the scope).
func (s *CustomFieldsService) All(ctx context.Context) ([]CustomField, error) {
	return getArray[CustomField](ctx, s.c, "/v3/custom-fields", nil)
}

// Get returns the custom field. The error wraps [ErrNotFound] if there is none.
func (s *CustomFieldsService) Get(ctx context.Context, id int64) (CustomField, error) {
	return getJSON[CustomField](ctx, s.c, "/v3/custom-fields/{id}", nil, itoa(id))
}

// Create creates a custom field. A duplicate title or the field limit wraps [ErrConflict].
func (s *CustomFieldsService) Create(ctx context.Context, c CustomFieldCreate) (CustomField, error) {
	return sendJSON[CustomField](ctx, s.c, http.MethodPost, "/v3/custom-fields", c)
}

// Update replaces the field's definition.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *CustomFieldsService) Update(ctx context.Context, id int64, u CustomFieldUpdate) (CustomField, error) {
	return sendJSON[CustomField](ctx, s.c, http.MethodPut, "/v3/custom-fields/{id}", u, itoa(id))
}

// Delete deletes the field and its values on contacts.
// The error wraps [ErrNotFound] if there is none.
func (s *CustomFieldsService) Delete(ctx context.Context, id int64) error {
	return sendNoContent(ctx, s.c, http.MethodDelete, "/v3/custom-fields/{id}", nil, itoa(id))
}
