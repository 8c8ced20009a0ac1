package reply

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"
)

// SequenceStepsService provides the calls of /v3/sequences/{id}/steps (REFERENCE.md §2.14).
type SequenceStepsService service

// Step is a sequence step. The members common to every step type are typed; every other member
// (executionMode, variants, message, description, conditions, ...: they depend on Type and ActionType) is kept
// in Fields as raw JSON, so a step read and written back round-trips unchanged, unknown members included.
type Step struct {
	ID                  ID
	Type                string // email, linkedIn, call, sms, whatsApp, zapier, task, condition
	ActionType          string // linkedIn: message, connect, inMail, ...; task: toDo, meeting
	DelayInMinutes      int
	ParentID            ID    // 0: none (null)
	IfConditionPositive *bool // branch under a condition parent; nil: null
	Fields              map[string]json.RawMessage
}

var stepCommon = map[string]bool{"id": true, "type": true, "actionType": true, "delayInMinutes": true,
	"parentId": true, "ifConditionPositive": true}

// UnmarshalJSON decodes a Step leniently (see the type's documentation).
func (s *Step) UnmarshalJSON(data []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	var w struct {
		ID                  ID     `json:"id"`
		Type                string `json:"type"`
		ActionType          string `json:"actionType"`
		DelayInMinutes      int    `json:"delayInMinutes"`
		ParentID            ID     `json:"parentId"`
		IfConditionPositive *bool  `json:"ifConditionPositive"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*s = Step{ID: w.ID, Type: w.Type, ActionType: w.ActionType, DelayInMinutes: w.DelayInMinutes,
		ParentID: w.ParentID, IfConditionPositive: w.IfConditionPositive}
	for k, v := range m {
		if !stepCommon[k] {
			if s.Fields == nil {
				s.Fields = map[string]json.RawMessage{}
			}
			s.Fields[k] = v
		}
	}
	return nil
}

// MarshalJSON writes the common members (id, parentId and actionType only when set) and then Fields.
func (s Step) MarshalJSON() ([]byte, error) {
	m := make(map[string]any, len(s.Fields)+6)
	for k, v := range s.Fields {
		if !stepCommon[k] {
			m[k] = v
		}
	}
	if s.ID != 0 {
		m["id"] = s.ID
	}
	m["type"] = s.Type
	if s.ActionType != "" {
		m["actionType"] = s.ActionType
	}
	m["delayInMinutes"] = s.DelayInMinutes
	if s.ParentID != 0 {
		m["parentId"] = s.ParentID
	}
	if s.IfConditionPositive != nil {
		m["ifConditionPositive"] = *s.IfConditionPositive
	}
	return json.Marshal(m)
}

// List iterates over the sequence's steps (a bare array: one request), capped at limit (0: all).
func (s *SequenceStepsService) List(ctx context.Context, sequenceID int64, limit int) iter.Seq2[Step, error] {
	return all(ctx, limit, func(ctx context.Context) ([]Step, error) {
		return s.All(ctx, sequenceID)
	})
}

// All returns every step of the sequence. The error wraps [ErrNotFound] for a missing sequence.
func (s *SequenceStepsService) All(ctx context.Context, sequenceID int64) ([]Step, error) {
	return getArray[Step](ctx, s.c, "/v3/sequences/{id}/steps", nil, itoa(sequenceID))
}

// Get returns one step of the sequence.
// The error wraps [ErrNotFound] if there is none.
func (s *SequenceStepsService) Get(ctx context.Context, sequenceID, stepID int64) (Step, error) {
	return getJSON[Step](ctx, s.c, "/v3/sequences/{id}/steps/{step_id}", nil, itoa(sequenceID), itoa(stepID))
}

// Create adds a step to the sequence (its ID is not sent) and returns it.
// Invalid input is an [*Error] wrapping [ErrValidation] (with field pointers) or [ErrBadRequest]; a missing source
// wraps [ErrNotFound].
func (s *SequenceStepsService) Create(ctx context.Context, sequenceID int64, st Step) (Step, error) {
	st.ID = 0
	return sendJSON[Step](ctx, s.c, http.MethodPost, "/v3/sequences/{id}/steps", st, itoa(sequenceID))
}

// Update replaces the step (the whole step; variants carry their ids, those left out are dropped).
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *SequenceStepsService) Update(ctx context.Context, sequenceID, stepID int64, st Step) (Step, error) {
	st.ID = 0
	return sendJSON[Step](ctx, s.c, http.MethodPut, "/v3/sequences/{id}/steps/{step_id}", st, itoa(sequenceID), itoa(stepID))
}

// StepDeleteMode says what happens to a deleted step's children: "" or nodeOnly (re-attach to the parent),
// nodeAndAllChildren, nodeAndPositiveChildren, nodeAndNegativeChildren.
type StepDeleteMode string

// Delete deletes the step.
// The error wraps [ErrNotFound] if there is none.
func (s *SequenceStepsService) Delete(ctx context.Context, sequenceID, stepID int64, mode StepDeleteMode) error {
	var q url.Values
	if mode != "" {
		q = url.Values{"mode": {string(mode)}}
	}
	_, err := s.c.do(ctx, call{method: http.MethodDelete, tmpl: "/v3/sequences/{id}/steps/{step_id}",
		args: []string{itoa(sequenceID), itoa(stepID)}, query: q}, nil)
	return err
}

// BulkCreate appends steps in order (one request) and returns one result per step.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request or [ErrNotFound] for a missing parent) means a whole request failed, and the result then holds what the
// earlier requests returned.
func (s *SequenceStepsService) BulkCreate(ctx context.Context, sequenceID int64, steps []Step) ([]CreateResult, error) {
	body := make([]Step, len(steps))
	for i, st := range steps {
		st.ID = 0
		body[i] = st
	}
	return sendJSON[[]CreateResult](ctx, s.c, http.MethodPost, "/v3/sequences/{id}/steps/bulk", body, itoa(sequenceID))
}

// BulkDelete deletes steps (chunks of 100) and returns the ids that were not deleted.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request or [ErrNotFound] for a missing parent) means a whole request failed, and the result then holds what the
// earlier requests returned.
func (s *SequenceStepsService) BulkDelete(ctx context.Context, sequenceID int64, ids []int64) (BulkResult, error) {
	return bulkIDs(ids, 100, func(chunk []int64) (BulkResult, error) {
		return sendJSON[BulkResult](ctx, s.c, http.MethodPost, "/v3/sequences/{id}/steps/bulk-delete", idsBody{IDs: chunk}, itoa(sequenceID))
	})
}

// EnableVariants enables variants of the step and returns the per-variant failures.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request or [ErrNotFound] for a missing parent) means a whole request failed, and the result then holds what the
// earlier requests returned.
func (s *SequenceStepsService) EnableVariants(ctx context.Context, sequenceID, stepID int64, variantIDs []int64) (BulkResult, error) {
	return s.toggle(ctx, "/v3/sequences/{id}/steps/{step_id}/enable", sequenceID, stepID, variantIDs)
}

// DisableVariants disables variants of the step and returns the per-variant failures.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request or [ErrNotFound] for a missing parent) means a whole request failed, and the result then holds what the
// earlier requests returned.
func (s *SequenceStepsService) DisableVariants(ctx context.Context, sequenceID, stepID int64, variantIDs []int64) (BulkResult, error) {
	return s.toggle(ctx, "/v3/sequences/{id}/steps/{step_id}/disable", sequenceID, stepID, variantIDs)
}

func (s *SequenceStepsService) toggle(ctx context.Context, tmpl string, sequenceID, stepID int64, ids []int64) (BulkResult, error) {
	body := struct {
		VariantIDs []int64 `json:"variantIds"`
	}{ids}
	return sendJSON[BulkResult](ctx, s.c, http.MethodPost, tmpl, body, itoa(sequenceID), itoa(stepID))
}

// ConditionProperty is one contact property a condition step can test, with its operators and (when fixed)
// its values.
type ConditionProperty struct {
	Operators []string `json:"operators"`
	Values    []string `json:"values"`
}

// ContactFilterProperties returns the properties condition steps can test (GET
// /v3/sequences/steps/contact-filter-properties), keyed by property name.
// A failure is an [*Error] (e.g. [ErrForbidden] without the scope).
func (s *SequenceStepsService) ContactFilterProperties(ctx context.Context) (map[string]ConditionProperty, error) {
	return getJSON[map[string]ConditionProperty](ctx, s.c, "/v3/sequences/steps/contact-filter-properties", nil)
}
