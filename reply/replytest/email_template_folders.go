package replytest

import (
	"net/http"
	"strings"
	"unicode/utf8"
)

// templateFolderRec is a stored email template folder.
type templateFolderRec struct {
	ID         int64
	Name       string
	FolderType string // personal, team, community, organization
	IsDefault  bool
}

type templateFolderJSON struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	FolderType string `json:"folderType"`
	IsDefault  bool   `json:"isDefault"`
}

func folderJSON(f *templateFolderRec) templateFolderJSON {
	return templateFolderJSON{ID: f.ID, Name: f.Name, FolderType: f.FolderType, IsDefault: f.IsDefault}
}

var folderTypes = []string{"personal", "team", "community", "organization"}

// defaultFolder returns the default folder of a type (personal or team).
func (e *Emulator) defaultFolder(folderType string) *templateFolderRec {
	for _, f := range e.templateFolders.all() {
		if f.IsDefault && f.FolderType == folderType {
			return f
		}
	}
	return nil
}

func (e *Emulator) folderNameTaken(name, folderType string, self int64) bool {
	for id, f := range e.templateFolders.all() {
		if id != self && f.FolderType == folderType && strings.EqualFold(f.Name, name) {
			return true
		}
	}
	return false
}

func (e *Emulator) registerTemplateFolderRoutes() {
	e.route("GET /v3/email-template-folders", "emailTemplateFolders.list", func(c *call) {
		out := []templateFolderJSON{}
		for _, f := range e.templateFolders.all() {
			out = append(out, folderJSON(f))
		}
		c.json(http.StatusOK, out)
	})
	e.route("POST /v3/email-template-folders", "emailTemplateFolders.create", e.createTemplateFolder)
	e.route("GET /v3/email-template-folders/{id}", "emailTemplateFolders.get", func(c *call) {
		if f, ok := e.folderByPath(c); ok {
			c.json(http.StatusOK, folderJSON(f))
		}
	})
	e.route("PUT /v3/email-template-folders/{id}", "emailTemplateFolders.update", e.updateTemplateFolder)
	e.route("DELETE /v3/email-template-folders/{id}", "emailTemplateFolders.delete", e.deleteTemplateFolder)
}

// folderByPath resolves {id} with the required folder_type query parameter.
func (e *Emulator) folderByPath(c *call) (*templateFolderRec, bool) {
	id, ok := c.pathID("id")
	if !ok {
		return nil, false
	}
	ft := c.query("folder_type")
	if ft == "" {
		c.invalid(fieldError{"folder_type", "Field is required."})
		return nil, false
	}
	ft, ok = enumValue(ft, folderTypes)
	if !ok {
		c.invalid(fieldError{"folder_type", "Value has an invalid format."})
		return nil, false
	}
	f, ok := e.templateFolders.get(id)
	if !ok || f.FolderType != ft {
		c.problem(http.StatusNotFound, "emailTemplateFolder.notFound", "Email template folder with ID "+itoa(id)+" not found.")
		return nil, false
	}
	return f, true
}

func checkFolderName(c *call, name *string) (string, bool) {
	if name == nil || strings.TrimSpace(*name) == "" {
		c.invalid(fieldError{"/name", "Field is required."})
		return "", false
	}
	n := strings.TrimSpace(*name)
	if utf8.RuneCountInString(n) > 128 {
		c.invalid(fieldError{"/name", "The field name must be at most 128 characters long."})
		return "", false
	}
	return n, true
}

func (e *Emulator) createTemplateFolder(c *call) {
	var b struct {
		Name       *string `json:"name"`
		FolderType *string `json:"folderType"`
	}
	if !c.decode(&b) {
		return
	}
	name, ok := checkFolderName(c, b.Name)
	if !ok {
		return
	}
	if b.FolderType == nil {
		c.invalid(fieldError{"/folderType", "Field is required."})
		return
	}
	ft, ok := enumValue(*b.FolderType, []string{"personal", "team"})
	if !ok {
		c.invalid(fieldError{"/folderType", "Value has an invalid format."})
		return
	}
	if e.folderNameTaken(name, ft, 0) {
		c.problem(http.StatusConflict, "emailTemplateFolder.duplicateName", "A "+ft+" folder named '"+name+"' already exists.")
		return
	}
	f := &templateFolderRec{ID: e.nextID("emailTemplateFolder"), Name: name, FolderType: ft}
	e.templateFolders.put(f.ID, f)
	c.created(folderJSON(f))
}

func (e *Emulator) updateTemplateFolder(c *call) {
	f, ok := e.folderByPath(c)
	if !ok {
		return
	}
	var b struct {
		Name *string `json:"name"`
	}
	if !c.decode(&b) {
		return
	}
	name, ok := checkFolderName(c, b.Name)
	if !ok {
		return
	}
	switch {
	case f.FolderType == "community" || f.FolderType == "organization":
		c.problem(http.StatusForbidden, "emailTemplateFolder.forbidden", "Community and organization folders are read-only.")
	case f.IsDefault:
		c.problem(http.StatusBadRequest, "emailTemplateFolder.isDefault", "The default folder cannot be changed.")
	case e.folderNameTaken(name, f.FolderType, f.ID):
		c.problem(http.StatusConflict, "emailTemplateFolder.duplicateName", "A "+f.FolderType+" folder named '"+name+"' already exists.")
	default:
		f.Name = name
		c.json(http.StatusOK, folderJSON(f))
	}
}

func (e *Emulator) deleteTemplateFolder(c *call) {
	f, ok := e.folderByPath(c)
	if !ok {
		return
	}
	switch {
	case f.FolderType == "community" || f.FolderType == "organization":
		c.problem(http.StatusForbidden, "emailTemplateFolder.forbidden", "Community and organization folders are read-only.")
		return
	case f.IsDefault:
		c.problem(http.StatusBadRequest, "emailTemplateFolder.isDefault", "The default folder cannot be deleted.")
		return
	}
	var inside []*templateRec
	for _, t := range e.templates.all() {
		if t.FolderID == f.ID {
			inside = append(inside, t)
		}
	}
	if f.FolderType == "team" && len(inside) > 0 {
		c.problem(http.StatusConflict, "emailTemplateFolder.notEmpty", "The folder still holds templates.")
		return
	}
	for _, t := range inside {
		t.FolderID = 0
		t.UpdatedAt = c.now()
	}
	e.templateFolders.del(f.ID)
	c.noContent()
}
