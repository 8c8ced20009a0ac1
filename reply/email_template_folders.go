package reply

import (
	"context"
	"iter"
	"net/http"
	"net/url"
)

// EmailTemplateFoldersService provides the calls of /v3/email-template-folders (REFERENCE.md §2.7). By-id calls
// need the folder's type as well as its id.
type EmailTemplateFoldersService service

// EmailTemplateFolder is a folder of email templates.
type EmailTemplateFolder struct {
	ID         ID     `json:"id"`
	Name       string `json:"name"`
	FolderType string `json:"folderType"` // personal, team, community, organization
	IsDefault  bool   `json:"isDefault"`
}

// EmailTemplateFolderCreate is the body of a folder create.
type EmailTemplateFolderCreate struct {
	Name       string `json:"name"`
	FolderType string `json:"folderType"` // personal, team
}

// List iterates over every folder (one request), capped at limit (0: all).
func (s *EmailTemplateFoldersService) List(ctx context.Context, limit int) iter.Seq2[EmailTemplateFolder, error] {
	return all(ctx, limit, s.All)
}

// All returns every folder: personal, team, community and organization ones.
// A failure is an [*Error] (e.g. [ErrForbidden] without the scope).
func (s *EmailTemplateFoldersService) All(ctx context.Context) ([]EmailTemplateFolder, error) {
	return getArray[EmailTemplateFolder](ctx, s.c, "/v3/email-template-folders", nil)
}

func folderType(t string) url.Values { return url.Values{"folder_type": {t}} }

// Get returns the folder of the given id and type. The error wraps [ErrNotFound] if there is none.
func (s *EmailTemplateFoldersService) Get(ctx context.Context, id int64, folderTypeName string) (EmailTemplateFolder, error) {
	return getJSON[EmailTemplateFolder](ctx, s.c, "/v3/email-template-folders/{id}", folderType(folderTypeName), itoa(id))
}

// Create creates a folder. A duplicate name wraps [ErrConflict].
func (s *EmailTemplateFoldersService) Create(ctx context.Context, c EmailTemplateFolderCreate) (EmailTemplateFolder, error) {
	return sendJSON[EmailTemplateFolder](ctx, s.c, http.MethodPost, "/v3/email-template-folders", c)
}

// Update renames the folder.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *EmailTemplateFoldersService) Update(ctx context.Context, id int64, folderTypeName, name string) (EmailTemplateFolder, error) {
	var out EmailTemplateFolder
	body := struct {
		Name string `json:"name"`
	}{name}
	_, err := s.c.do(ctx, call{method: http.MethodPut, tmpl: "/v3/email-template-folders/{id}", args: []string{itoa(id)},
		query: folderType(folderTypeName), body: body}, &out)
	return out, err
}

// Delete deletes the folder (team folders must be empty: [ErrConflict]).
func (s *EmailTemplateFoldersService) Delete(ctx context.Context, id int64, folderTypeName string) error {
	_, err := s.c.do(ctx, call{method: http.MethodDelete, tmpl: "/v3/email-template-folders/{id}", args: []string{itoa(id)},
		query: folderType(folderTypeName)}, nil)
	return err
}
