package reply

import (
	"context"
	"iter"
	"net/http"
	"net/url"
)

// SequenceFoldersService provides the calls of /v3/sequence-folders (REFERENCE.md §2.11, §2.12, §3.5). Folder
// ids are UUIDs.
type SequenceFoldersService service

// SequenceFolder is a personal folder of sequences.
type SequenceFolder struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// SequenceFolderWrite is the body of a folder create or update.
type SequenceFolderWrite struct {
	Name string `json:"name"`
}

// List iterates over the caller's folders, sorted by name (one request), capped at limit (0: all).
func (s *SequenceFoldersService) List(ctx context.Context, limit int) iter.Seq2[SequenceFolder, error] {
	return all(ctx, limit, s.All)
}

// All returns every folder of the caller.
// A failure is an [*Error] (e.g. [ErrForbidden] without the scope).
func (s *SequenceFoldersService) All(ctx context.Context) ([]SequenceFolder, error) {
	return getArray[SequenceFolder](ctx, s.c, "/v3/sequence-folders", nil)
}

// Get returns the folder. The error wraps [ErrNotFound] if there is none.
func (s *SequenceFoldersService) Get(ctx context.Context, id string) (SequenceFolder, error) {
	return getJSON[SequenceFolder](ctx, s.c, "/v3/sequence-folders/{id}", nil, id)
}

// Create creates a folder. A duplicate name wraps [ErrConflict].
func (s *SequenceFoldersService) Create(ctx context.Context, w SequenceFolderWrite) (SequenceFolder, error) {
	return sendJSON[SequenceFolder](ctx, s.c, http.MethodPost, "/v3/sequence-folders", w)
}

// Update renames the folder.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *SequenceFoldersService) Update(ctx context.Context, id string, w SequenceFolderWrite) (SequenceFolder, error) {
	return sendJSON[SequenceFolder](ctx, s.c, http.MethodPut, "/v3/sequence-folders/{id}", w, id)
}

// Delete deletes the folder; its sequences become unfiled.
// The error wraps [ErrNotFound] if there is none.
func (s *SequenceFoldersService) Delete(ctx context.Context, id string) error {
	return sendNoContent(ctx, s.c, http.MethodDelete, "/v3/sequence-folders/{id}", nil, id)
}

// FolderSequenceListOptions pages and sorts the sequences of a folder.
type FolderSequenceListOptions struct {
	Top, Skip, Limit int
	SortBy           string // title, created, people
	SortDirection    string // asc, desc
}

func (o *FolderSequenceListOptions) paging() Paging {
	if o == nil {
		return Paging{}
	}
	return Paging{Top: o.Top, Skip: o.Skip, Limit: o.Limit}
}

func (o *FolderSequenceListOptions) values() url.Values {
	q := url.Values{}
	if o != nil {
		setStr(q, "sort_by", o.SortBy)
		setStr(q, "sort_direction", o.SortDirection)
	}
	return q
}

// Sequences iterates over the sequences filed in the folder (list items), one page at a time.
func (s *SequenceFoldersService) Sequences(ctx context.Context, id string, opts *FolderSequenceListOptions) iter.Seq2[Sequence, error] {
	q := opts.values()
	return pages(ctx, opts.paging(), 1000, func(ctx context.Context, p Paging) (Page[Sequence], error) {
		return getPage[Sequence](ctx, s.c, "/v3/sequence-folders/{id}/sequences", q, p, id)
	})
}

// SequencesPage returns one page of the sequences filed in the folder.
// A failure is an [*Error]: [ErrBadRequest] or [ErrValidation] for out-of-range paging or bad criteria, [ErrNotFound]
// for a missing parent.
func (s *SequenceFoldersService) SequencesPage(ctx context.Context, id string, opts *FolderSequenceListOptions) (Page[Sequence], error) {
	return getPage[Sequence](ctx, s.c, "/v3/sequence-folders/{id}/sequences", opts.values(), opts.paging(), id)
}

// AssignSequences files sequences in the folder, moving them out of any other (chunks of 1000), and returns
// the per-id failures.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request or [ErrNotFound] for a missing parent) means a whole request failed, and the result then holds what the
// earlier requests returned.
func (s *SequenceFoldersService) AssignSequences(ctx context.Context, id string, sequenceIDs []int64) (BulkResult, error) {
	return s.links(ctx, "/v3/sequence-folders/{id}/sequence-links/bulk", id, sequenceIDs)
}

// UnassignSequences takes sequences out of the folder (chunks of 1000) and returns the per-id failures.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request or [ErrNotFound] for a missing parent) means a whole request failed, and the result then holds what the
// earlier requests returned.
func (s *SequenceFoldersService) UnassignSequences(ctx context.Context, id string, sequenceIDs []int64) (BulkResult, error) {
	return s.links(ctx, "/v3/sequence-folders/{id}/sequence-links/bulk-delete", id, sequenceIDs)
}

func (s *SequenceFoldersService) links(ctx context.Context, tmpl, id string, ids []int64) (BulkResult, error) {
	return bulkIDs(ids, 1000, func(chunk []int64) (BulkResult, error) {
		body := struct {
			SequenceIDs []int64 `json:"sequenceIds"`
		}{chunk}
		return sendJSON[BulkResult](ctx, s.c, http.MethodPost, tmpl, body, id)
	})
}
