package reply

import (
	"context"
	"iter"
	"net/http"
)

// SequenceStepVariantsService provides the calls of /v3/sequences/{id}/steps/{step_id}/variants (REFERENCE.md
// §2.15).
type SequenceStepVariantsService service

// Variant is a variant of an email or LinkedIn message step.
type Variant struct {
	ID             ID     `json:"id"`
	Subject        string `json:"subject"`
	Message        string `json:"message"`
	IsEnabled      bool   `json:"isEnabled"`
	HasAttachments bool   `json:"hasAttachments"`
}

// VariantWrite is the body of a variant create or update. AttachmentIDs nil leaves them unchanged (update), an
// empty non-nil slice clears them.
type VariantWrite struct {
	Message       string  `json:"message"`
	Subject       *string `json:"subject,omitempty"`
	IsEnabled     *bool   `json:"isEnabled,omitempty"` // default true on create
	AttachmentIDs []int64 `json:"attachmentIds,omitzero"`
}

const variantsPath = "/v3/sequences/{id}/steps/{step_id}/variants"

// List iterates over the step's variants (one request), capped at limit (0: all).
func (s *SequenceStepVariantsService) List(ctx context.Context, sequenceID, stepID int64, limit int) iter.Seq2[Variant, error] {
	return all(ctx, limit, func(ctx context.Context) ([]Variant, error) { return s.All(ctx, sequenceID, stepID) })
}

// All returns the step's variants.
// The error wraps [ErrNotFound] if the parent does not exist.
func (s *SequenceStepVariantsService) All(ctx context.Context, sequenceID, stepID int64) ([]Variant, error) {
	return getArray[Variant](ctx, s.c, variantsPath, nil, itoa(sequenceID), itoa(stepID))
}

// Get returns one variant by listing the step's variants and picking it (there is no by-id read). The error
// wraps [ErrNotFound] if there is none.
func (s *SequenceStepVariantsService) Get(ctx context.Context, sequenceID, stepID, id int64) (Variant, error) {
	vs, err := s.All(ctx, sequenceID, stepID)
	if err != nil {
		return Variant{}, err
	}
	for _, v := range vs {
		if int64(v.ID) == id {
			return v, nil
		}
	}
	return Variant{}, &Error{Status: http.StatusNotFound, Title: "Not Found", Code: "sequenceStep.notFound",
		Detail: "Variant " + itoa(id) + " not found on step " + itoa(stepID) + ".", Method: http.MethodGet,
		Path: "/v3/sequences/" + itoa(sequenceID) + "/steps/" + itoa(stepID) + "/variants", Err: ErrNotFound}
}

// Create adds a variant to the step.
// Invalid input is an [*Error] wrapping [ErrValidation] (with field pointers) or [ErrBadRequest]; a missing source
// wraps [ErrNotFound].
func (s *SequenceStepVariantsService) Create(ctx context.Context, sequenceID, stepID int64, w VariantWrite) (Variant, error) {
	return sendJSON[Variant](ctx, s.c, http.MethodPost, variantsPath, w, itoa(sequenceID), itoa(stepID))
}

// Update replaces the variant.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *SequenceStepVariantsService) Update(ctx context.Context, sequenceID, stepID, id int64, w VariantWrite) (Variant, error) {
	return sendJSON[Variant](ctx, s.c, http.MethodPut, variantsPath+"/{variant_id}", w, itoa(sequenceID), itoa(stepID), itoa(id))
}

// Delete deletes the variant. The last enabled or an already sent variant wraps [ErrConflict].
func (s *SequenceStepVariantsService) Delete(ctx context.Context, sequenceID, stepID, id int64) error {
	return sendNoContent(ctx, s.c, http.MethodDelete, variantsPath+"/{variant_id}", nil, itoa(sequenceID), itoa(stepID), itoa(id))
}

// BulkCreate adds variants (one request) and returns one result per item.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request or [ErrNotFound] for a missing parent) means a whole request failed, and the result then holds what the
// earlier requests returned.
func (s *SequenceStepVariantsService) BulkCreate(ctx context.Context, sequenceID, stepID int64, ws []VariantWrite) ([]CreateResult, error) {
	return sendJSON[[]CreateResult](ctx, s.c, http.MethodPost, variantsPath+"/bulk", ws, itoa(sequenceID), itoa(stepID))
}

// BulkDelete deletes variants (chunks of 100) and returns the ids that were not deleted.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request or [ErrNotFound] for a missing parent) means a whole request failed, and the result then holds what the
// earlier requests returned.
func (s *SequenceStepVariantsService) BulkDelete(ctx context.Context, sequenceID, stepID int64, ids []int64) (BulkResult, error) {
	return bulkIDs(ids, 100, func(chunk []int64) (BulkResult, error) {
		return sendJSON[BulkResult](ctx, s.c, http.MethodPost, variantsPath+"/bulk-delete", idsBody{IDs: chunk}, itoa(sequenceID), itoa(stepID))
	})
}
