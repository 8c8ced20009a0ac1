package reply

import (
	"context"
	"iter"
	"net/http"
	"net/url"
)

// EmailTemplatesService provides the calls of /v3/email-templates (REFERENCE.md §2.8).
type EmailTemplatesService service

// EmailTemplate is an email template. CreatedAt and UpdatedAt come only with the detail (Get, Create, Update,
// Clone, Move).
type EmailTemplate struct {
	ID          ID           `json:"id"`
	Name        string       `json:"name"`
	Subject     string       `json:"subject"`
	Body        string       `json:"body"`
	FolderID    ID           `json:"folderId"`
	FolderType  string       `json:"folderType"` // personal, team (also shared)
	Attachments []Attachment `json:"attachments"`
	CreatedAt   Time         `json:"createdAt"`
	UpdatedAt   Time         `json:"updatedAt"`
}

// Attachment is a file attached to a template.
type Attachment struct {
	ID       ID     `json:"id"`
	FileName string `json:"fileName"`
	URL      string `json:"url"`
	Size     int64  `json:"size"`
}

// EmailTemplateCreate is the body of a template create.
type EmailTemplateCreate struct {
	Name          string  `json:"name"`
	Body          string  `json:"body"`
	FolderType    string  `json:"folderType"` // personal, team
	Subject       *string `json:"subject,omitempty"`
	FolderID      int64   `json:"folderId,omitempty"`
	AttachmentIDs []int64 `json:"attachmentIds,omitempty"`
}

// EmailTemplateUpdate is the full replacement sent by PUT; AttachmentIDs replaces the attachments.
type EmailTemplateUpdate struct {
	Name          string  `json:"name"`
	Body          string  `json:"body"`
	Subject       *string `json:"subject"`
	AttachmentIDs []int64 `json:"attachmentIds,omitzero"`
}

// EmailTemplateListOptions selects templates for GET /v3/email-templates.
type EmailTemplateListOptions struct {
	Top, Skip, Limit int
	Name             string // partial match
	FolderID         int64
	FolderType       string
	IsDefault        *bool // templates in default folders
}

func (o *EmailTemplateListOptions) paging() Paging {
	if o == nil {
		return Paging{}
	}
	return Paging{Top: o.Top, Skip: o.Skip, Limit: o.Limit}
}

func (o *EmailTemplateListOptions) values() url.Values {
	q := url.Values{}
	if o != nil {
		setStr(q, "name", o.Name)
		setInt(q, "folder_id", o.FolderID)
		setStr(q, "folder_type", o.FolderType)
		setBool(q, "is_default", o.IsDefault)
	}
	return q
}

// List iterates over templates (without timestamps), one page at a time.
func (s *EmailTemplatesService) List(ctx context.Context, opts *EmailTemplateListOptions) iter.Seq2[EmailTemplate, error] {
	q := opts.values()
	return pages(ctx, opts.paging(), 1000, func(ctx context.Context, p Paging) (Page[EmailTemplate], error) {
		return getPage[EmailTemplate](ctx, s.c, "/v3/email-templates", q, p)
	})
}

// ListPage returns one page of GET /v3/email-templates.
// A failure is an [*Error]: [ErrBadRequest] or [ErrValidation] for out-of-range paging or bad criteria.
func (s *EmailTemplatesService) ListPage(ctx context.Context, opts *EmailTemplateListOptions) (Page[EmailTemplate], error) {
	return getPage[EmailTemplate](ctx, s.c, "/v3/email-templates", opts.values(), opts.paging())
}

// Get returns the template's detail. The error wraps [ErrNotFound] if there is none.
func (s *EmailTemplatesService) Get(ctx context.Context, id int64) (EmailTemplate, error) {
	return getJSON[EmailTemplate](ctx, s.c, "/v3/email-templates/{id}", nil, itoa(id))
}

// Create creates a template.
// Invalid input is an [*Error] wrapping [ErrValidation] (with field pointers) or [ErrBadRequest].
func (s *EmailTemplatesService) Create(ctx context.Context, c EmailTemplateCreate) (EmailTemplate, error) {
	return sendJSON[EmailTemplate](ctx, s.c, http.MethodPost, "/v3/email-templates", c)
}

// Update replaces the template's name, body, subject and attachments.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *EmailTemplatesService) Update(ctx context.Context, id int64, u EmailTemplateUpdate) (EmailTemplate, error) {
	return sendJSON[EmailTemplate](ctx, s.c, http.MethodPut, "/v3/email-templates/{id}", u, itoa(id))
}

// Delete deletes the template.
// The error wraps [ErrNotFound] if there is none.
func (s *EmailTemplatesService) Delete(ctx context.Context, id int64) error {
	return sendNoContent(ctx, s.c, http.MethodDelete, "/v3/email-templates/{id}", nil, itoa(id))
}

// Clone copies the template ("Copy of ...", same folder) and returns the copy.
// Invalid input is an [*Error] wrapping [ErrValidation] (with field pointers) or [ErrBadRequest]; a missing source
// wraps [ErrNotFound].
func (s *EmailTemplatesService) Clone(ctx context.Context, id int64) (EmailTemplate, error) {
	return sendJSON[EmailTemplate](ctx, s.c, http.MethodPost, "/v3/email-templates/{id}/clone", nil, itoa(id))
}

// Move moves the template to another folder.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *EmailTemplatesService) Move(ctx context.Context, id, folderID int64, folderTypeName string) (EmailTemplate, error) {
	body := struct {
		FolderID   int64  `json:"folderId"`
		FolderType string `json:"folderType"`
	}{folderID, folderTypeName}
	return sendJSON[EmailTemplate](ctx, s.c, http.MethodPost, "/v3/email-templates/{id}/move", body, itoa(id))
}
