package reply

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"
)

// SequencesService provides the calls of /v3/sequences (REFERENCE.md §2.13, §3.1).
type SequencesService service

// Sequence is a sequence. The list endpoint leaves ScheduleID, EmailAccounts, LinkedInAccounts, Settings and
// Steps empty; Get fills them.
type Sequence struct {
	ID               ID                        `json:"id"`
	OwnerUserID      ID                        `json:"ownerUserId"`
	Name             string                    `json:"name"`
	Created          Time                      `json:"created"`
	Status           string                    `json:"status"` // new, active, paused
	IsArchived       bool                      `json:"isArchived"`
	Health           string                    `json:"health"` // healthy, stalled, degraded, blocked
	ScheduleID       ID                        `json:"scheduleId,omitempty"`
	EmailAccounts    []SequenceEmailAccountRef `json:"emailAccounts,omitempty"`
	LinkedInAccounts []LinkedInAccountRef      `json:"linkedInAccounts,omitempty"`
	Settings         json.RawMessage           `json:"settings,omitempty"` // SequenceSettings members, as sent
	Steps            []Step                    `json:"steps,omitempty"`
	Issues           json.RawMessage           `json:"issues,omitempty"` // null when healthy
}

// SequenceEmailAccountRef is an email account as a sequence detail lists it.
type SequenceEmailAccountRef struct {
	ID    ID     `json:"id"`
	Email string `json:"email"`
}

// LinkedInAccountRef is a LinkedIn account as a sequence lists it.
type LinkedInAccountRef struct {
	ID         ID     `json:"id"`
	Name       string `json:"name"`
	ProfileURL string `json:"profileUrl"`
	Status     string `json:"status"` // disabled, enabled, dailyLimitReached, cookieInvalid
}

// SequenceCreate is the body of a sequence create. The API requires at least one step. Settings, when set, is
// a SequenceSettings JSON object (the first seven members are then required).
type SequenceCreate struct {
	Name             string          `json:"name"`
	ScheduleID       int64           `json:"scheduleId,omitempty"`
	EmailAccounts    []int64         `json:"emailAccounts,omitempty"`
	LinkedInAccounts []int64         `json:"linkedInAccounts,omitempty"`
	Settings         json.RawMessage `json:"settings,omitempty"`
	Steps            []Step          `json:"steps,omitempty"`
}

// SequenceUpdate is a PATCH body: nil members are unchanged; Settings merges key by key; a non-nil account list
// (even empty) replaces the current one.
type SequenceUpdate struct {
	Name             *string         `json:"name,omitempty"`
	ScheduleID       *int64          `json:"scheduleId,omitempty"`
	Settings         json.RawMessage `json:"settings,omitempty"`
	EmailAccounts    []int64         `json:"emailAccounts,omitzero"`
	LinkedInAccounts []int64         `json:"linkedInAccounts,omitzero"`
}

// SequenceListOptions selects sequences for GET /v3/sequences.
type SequenceListOptions struct {
	Top, Skip, Limit int
	Status           string // active, paused, new
	OwnerUserID      int64
	FolderID         string // sequence folder UUID
	IsArchived       *bool  // nil: all; true: archived only; false: non-archived only
	Name             string // case-insensitive substring
	CreatedAfter     Time   // strict: created > CreatedAfter
	SortBy           string // created, name, status
	SortDirection    string // asc, desc (requires SortBy)
}

func (o *SequenceListOptions) paging() Paging {
	if o == nil {
		return Paging{}
	}
	return Paging{Top: o.Top, Skip: o.Skip, Limit: o.Limit}
}

func (o *SequenceListOptions) values() url.Values {
	q := url.Values{}
	if o == nil {
		return q
	}
	setStr(q, "status", o.Status)
	setInt(q, "ownerUserId", o.OwnerUserID)
	setStr(q, "folderId", o.FolderID)
	setBool(q, "isArchived", o.IsArchived)
	setStr(q, "name", o.Name)
	if !o.CreatedAfter.IsZero() {
		q.Set("createdAfter", o.CreatedAfter.String())
	}
	setStr(q, "sortBy", o.SortBy)
	setStr(q, "sortDirection", o.SortDirection)
	return q
}

// List iterates over sequences (list items: no detail-only fields), one page at a time.
func (s *SequencesService) List(ctx context.Context, opts *SequenceListOptions) iter.Seq2[Sequence, error] {
	q := opts.values()
	return pages(ctx, opts.paging(), 1000, func(ctx context.Context, p Paging) (Page[Sequence], error) {
		return getPage[Sequence](ctx, s.c, "/v3/sequences", q, p)
	})
}

// ListPage returns one page of GET /v3/sequences.
// A failure is an [*Error]: [ErrBadRequest] or [ErrValidation] for out-of-range paging or bad criteria.
func (s *SequencesService) ListPage(ctx context.Context, opts *SequenceListOptions) (Page[Sequence], error) {
	return getPage[Sequence](ctx, s.c, "/v3/sequences", opts.values(), opts.paging())
}

// Get returns the sequence with its detail-only fields. The error wraps [ErrNotFound] if there is none.
func (s *SequencesService) Get(ctx context.Context, id int64) (Sequence, error) {
	return getJSON[Sequence](ctx, s.c, "/v3/sequences/{id}", nil, itoa(id))
}

// Create creates a sequence (status new) and returns it. Step ids are sent as given: they are what a later
// step's ParentID names (a condition's branches included), so a detail's steps can be sent back as they are.
// Invalid input is an [*Error] wrapping [ErrValidation] (with field pointers) or [ErrBadRequest].
func (s *SequencesService) Create(ctx context.Context, c SequenceCreate) (Sequence, error) {
	return sendJSON[Sequence](ctx, s.c, http.MethodPost, "/v3/sequences", c)
}

// Update patches the sequence. The error wraps [ErrConflict] for an archived sequence.
func (s *SequencesService) Update(ctx context.Context, id int64, u SequenceUpdate) (Sequence, error) {
	return sendJSON[Sequence](ctx, s.c, http.MethodPatch, "/v3/sequences/{id}", u, itoa(id))
}

// Delete deletes the sequence. A missing sequence (reported by the API as 400 sequence.notFound) wraps
// [ErrNotFound].
func (s *SequencesService) Delete(ctx context.Context, id int64) error {
	return sendNoContent(ctx, s.c, http.MethodDelete, "/v3/sequences/{id}", nil, itoa(id))
}

// BulkDelete deletes sequences in requests of at most 100 and returns the ids that were not deleted.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request) means a whole request failed, and the result then holds what the earlier requests returned.
func (s *SequencesService) BulkDelete(ctx context.Context, ids []int64) (BulkResult, error) {
	return s.bulk(ctx, "/v3/sequences/bulk-delete", ids)
}

func (s *SequencesService) bulk(ctx context.Context, tmpl string, ids []int64) (BulkResult, error) {
	return bulkIDs(ids, 100, func(chunk []int64) (BulkResult, error) {
		return sendJSON[BulkResult](ctx, s.c, http.MethodPost, tmpl, idsBody{IDs: chunk})
	})
}

// Start starts the sequence and returns it. It is idempotent (200 when already active), so it is retried after
// a 5xx or a lost response.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *SequencesService) Start(ctx context.Context, id int64) (Sequence, error) {
	var out Sequence
	err := postIdempotent(ctx, s.c, "/v3/sequences/{id}/start", nil, &out, itoa(id))
	return out, err
}

// Pause pauses the sequence and returns it. It is idempotent (200 when already paused), so it is retried after
// a 5xx or a lost response.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *SequencesService) Pause(ctx context.Context, id int64) (Sequence, error) {
	var out Sequence
	err := postIdempotent(ctx, s.c, "/v3/sequences/{id}/pause", nil, &out, itoa(id))
	return out, err
}

// Archive archives the sequence (an active one must be paused first: [ErrConflict]) and returns it.
func (s *SequencesService) Archive(ctx context.Context, id int64) (Sequence, error) {
	return s.action(ctx, "/v3/sequences/{id}/archive", id)
}

// Unarchive takes the sequence out of the archive (coming soon in the API) and returns it.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *SequencesService) Unarchive(ctx context.Context, id int64) (Sequence, error) {
	return s.action(ctx, "/v3/sequences/{id}/unarchive", id)
}

func (s *SequencesService) action(ctx context.Context, tmpl string, id int64) (Sequence, error) {
	return sendJSON[Sequence](ctx, s.c, http.MethodPost, tmpl, nil, itoa(id))
}

// BulkStart starts sequences (chunks of 100) and returns the per-id failures.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request) means a whole request failed, and the result then holds what the earlier requests returned.
func (s *SequencesService) BulkStart(ctx context.Context, ids []int64) (BulkResult, error) {
	return s.bulk(ctx, "/v3/sequences/start", ids)
}

// BulkPause pauses sequences (chunks of 100) and returns the per-id failures.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request) means a whole request failed, and the result then holds what the earlier requests returned.
func (s *SequencesService) BulkPause(ctx context.Context, ids []int64) (BulkResult, error) {
	return s.bulk(ctx, "/v3/sequences/pause", ids)
}

// BulkArchive archives sequences (chunks of 100) and returns the per-id failures.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request) means a whole request failed, and the result then holds what the earlier requests returned.
func (s *SequencesService) BulkArchive(ctx context.Context, ids []int64) (BulkResult, error) {
	return s.bulk(ctx, "/v3/sequences/archive", ids)
}

// BulkUnarchive unarchives sequences (chunks of 100) and returns the per-id failures.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request) means a whole request failed, and the result then holds what the earlier requests returned.
func (s *SequencesService) BulkUnarchive(ctx context.Context, ids []int64) (BulkResult, error) {
	return s.bulk(ctx, "/v3/sequences/unarchive", ids)
}

// SetOwner changes the sequence's owner (PUT /v3/sequences/{id}/owner).
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *SequencesService) SetOwner(ctx context.Context, id, userID int64) (Sequence, error) {
	body := struct {
		UserID int64 `json:"userId"`
	}{userID}
	return sendJSON[Sequence](ctx, s.c, http.MethodPut, "/v3/sequences/{id}/owner", body, itoa(id))
}

// BatchSetOwner changes the owner of several sequences (chunks of 100) and returns the per-id failures.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request) means a whole request failed, and the result then holds what the earlier requests returned.
func (s *SequencesService) BatchSetOwner(ctx context.Context, ids []int64, userID int64) (BulkResult, error) {
	return bulkIDs(ids, 100, func(chunk []int64) (BulkResult, error) {
		body := struct {
			IDs    []int64 `json:"ids"`
			UserID int64   `json:"userId"`
		}{chunk, userID}
		return sendJSON[BulkResult](ctx, s.c, http.MethodPost, "/v3/sequences/batch/owner", body)
	})
}

// SaveAsTemplate is the body of POST /v3/sequences/{id}/save-as-template.
type SaveAsTemplate struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Scope       string `json:"scope,omitempty"` // team (default), organization
}

// SaveAsTemplate stores the sequence as a sequence template and returns the template.
// Invalid input is an [*Error] wrapping [ErrValidation] (with field pointers) or [ErrBadRequest]; a missing source
// wraps [ErrNotFound].
func (s *SequencesService) SaveAsTemplate(ctx context.Context, id int64, t SaveAsTemplate) (SequenceTemplate, error) {
	return sendJSON[SequenceTemplate](ctx, s.c, http.MethodPost, "/v3/sequences/{id}/save-as-template", t, itoa(id))
}

// CreateFromTemplate creates a sequence from a sequence template, optionally filed in a folder ("" for none).
// Invalid input is an [*Error] wrapping [ErrValidation] (with field pointers) or [ErrBadRequest].
func (s *SequencesService) CreateFromTemplate(ctx context.Context, templateID, folderID string) (Sequence, error) {
	body := struct {
		TemplateID       string  `json:"templateId"`
		SequenceFolderID *string `json:"sequenceFolderId,omitempty"`
	}{TemplateID: templateID}
	if folderID != "" {
		body.SequenceFolderID = &folderID
	}
	return sendJSON[Sequence](ctx, s.c, http.MethodPost, "/v3/sequences/create-from-template", body)
}

// Count returns the number of sequences matching opts (GET /v3/sequences/count, coming soon in the API; paging
// and sorting are not sent).
// A failure is an [*Error] ([ErrNotFound] while the API does not offer the endpoint).
func (s *SequencesService) Count(ctx context.Context, opts *SequenceListOptions) (int, error) {
	q := opts.values()
	q.Del("sortBy")
	q.Del("sortDirection")
	r, err := getJSON[countBody](ctx, s.c, "/v3/sequences/count", q)
	return r.Count, err
}
