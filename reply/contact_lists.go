package reply

import (
	"context"
	"iter"
	"net/http"
	"net/url"
)

// ContactListsService provides the calls of /v3/contact-lists (REFERENCE.md §2.2).
type ContactListsService service

// ContactList is a list of contacts.
type ContactList struct {
	ID       ID     `json:"id"`
	Name     string `json:"name"`
	IsShared bool   `json:"isShared"`
}

// ContactListCreate is the body of a list create.
type ContactListCreate struct {
	Name     string `json:"name"`
	IsShared bool   `json:"isShared,omitempty"`
}

// ContactListUpdate is the body of a list update (only the name changes; sharing goes through Share/Unshare).
type ContactListUpdate struct {
	Name string `json:"name"`
}

// ContactListListOptions selects lists for GET /v3/contact-lists.
type ContactListListOptions struct {
	Top, Skip, Limit int
	Search           string // name, case-insensitive substring
}

func (o *ContactListListOptions) paging() Paging {
	if o == nil {
		return Paging{}
	}
	return Paging{Top: o.Top, Skip: o.Skip, Limit: o.Limit}
}

func (o *ContactListListOptions) values() url.Values {
	q := url.Values{}
	if o != nil {
		setStr(q, "search", o.Search)
	}
	return q
}

// List iterates over the lists the caller owns plus those shared with the team.
func (s *ContactListsService) List(ctx context.Context, opts *ContactListListOptions) iter.Seq2[ContactList, error] {
	q := opts.values()
	return pages(ctx, opts.paging(), 1000, func(ctx context.Context, p Paging) (Page[ContactList], error) {
		return getPage[ContactList](ctx, s.c, "/v3/contact-lists", q, p)
	})
}

// ListPage returns one page of GET /v3/contact-lists.
// A failure is an [*Error]: [ErrBadRequest] or [ErrValidation] for out-of-range paging or bad criteria.
func (s *ContactListsService) ListPage(ctx context.Context, opts *ContactListListOptions) (Page[ContactList], error) {
	return getPage[ContactList](ctx, s.c, "/v3/contact-lists", opts.values(), opts.paging())
}

// Get returns the list. The error wraps [ErrNotFound] or [ErrForbidden].
func (s *ContactListsService) Get(ctx context.Context, id int64) (ContactList, error) {
	return getJSON[ContactList](ctx, s.c, "/v3/contact-lists/{id}", nil, itoa(id))
}

// Create creates a list. A duplicate name wraps [ErrConflict].
func (s *ContactListsService) Create(ctx context.Context, c ContactListCreate) (ContactList, error) {
	return sendJSON[ContactList](ctx, s.c, http.MethodPost, "/v3/contact-lists", c)
}

// Update renames the list.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *ContactListsService) Update(ctx context.Context, id int64, u ContactListUpdate) (ContactList, error) {
	return sendJSON[ContactList](ctx, s.c, http.MethodPut, "/v3/contact-lists/{id}", u, itoa(id))
}

// Delete deletes the list (its contacts stay).
// The error wraps [ErrNotFound] if there is none.
func (s *ContactListsService) Delete(ctx context.Context, id int64) error {
	return sendNoContent(ctx, s.c, http.MethodDelete, "/v3/contact-lists/{id}", nil, itoa(id))
}

// Share shares the list with the team.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *ContactListsService) Share(ctx context.Context, id int64) error {
	return sendNoContent(ctx, s.c, http.MethodPost, "/v3/contact-lists/{id}/share", nil, itoa(id))
}

// Unshare makes the list private again.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *ContactListsService) Unshare(ctx context.Context, id int64) error {
	return sendNoContent(ctx, s.c, http.MethodPost, "/v3/contact-lists/{id}/unshare", nil, itoa(id))
}

// AddContacts adds contacts to the list, keeping their other memberships (chunks of 1000), and returns the
// contacts that were not processed.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request or [ErrNotFound] for a missing parent) means a whole request failed, and the result then holds what the
// earlier requests returned.
func (s *ContactListsService) AddContacts(ctx context.Context, id int64, contactIDs []int64) (BulkResult, error) {
	return s.contacts(ctx, "/v3/contact-lists/{id}/add-contacts", id, contactIDs)
}

// MoveContacts moves contacts into the list and out of every other list (chunks of 1000), and returns the
// contacts that were not processed.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request or [ErrNotFound] for a missing parent) means a whole request failed, and the result then holds what the
// earlier requests returned.
func (s *ContactListsService) MoveContacts(ctx context.Context, id int64, contactIDs []int64) (BulkResult, error) {
	return s.contacts(ctx, "/v3/contact-lists/{id}/move-contacts", id, contactIDs)
}

func (s *ContactListsService) contacts(ctx context.Context, tmpl string, id int64, ids []int64) (BulkResult, error) {
	return bulkIDs(ids, 1000, func(chunk []int64) (BulkResult, error) {
		body := struct {
			ContactIDs []int64 `json:"contactIds"`
		}{chunk}
		return sendJSON[BulkResult](ctx, s.c, http.MethodPost, tmpl, body, itoa(id))
	})
}
