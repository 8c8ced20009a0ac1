package replytest

import (
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// templateRec is a stored email template.
type templateRec struct {
	ID            int64
	Name          string
	Subject       nstr
	Body          string
	FolderID      int64 // 0 = unfiled
	FolderType    string
	AttachmentIDs []int64
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

type attachmentJSON struct {
	ID       int64  `json:"id"`
	FileName string `json:"fileName"`
	URL      string `json:"url"`
	Size     int    `json:"size"`
}

type templateJSON struct {
	ID          int64            `json:"id"`
	Name        string           `json:"name"`
	Subject     nstr             `json:"subject"`
	Body        string           `json:"body"`
	FolderID    *int64           `json:"folderId"`
	FolderType  nstr             `json:"folderType"`
	Attachments []attachmentJSON `json:"attachments"`
}

type templateDetailJSON struct {
	templateJSON
	CreatedAt tZ `json:"createdAt"`
	UpdatedAt tZ `json:"updatedAt"`
}

func tplJSON(t *templateRec) templateJSON {
	j := templateJSON{ID: t.ID, Name: t.Name, Subject: t.Subject, Body: t.Body, Attachments: []attachmentJSON{}}
	if t.FolderID != 0 {
		id := t.FolderID
		j.FolderID = &id
	}
	if t.FolderType != "" {
		j.FolderType = sv(t.FolderType)
	}
	for _, a := range t.AttachmentIDs {
		j.Attachments = append(j.Attachments, attachmentJSON{ID: a, FileName: "attachment-" + itoa(a) + ".pdf",
			URL: "https://files.reply.example/attachments/" + itoa(a), Size: 1024})
	}
	return j
}

func tplDetail(t *templateRec) templateDetailJSON {
	return templateDetailJSON{templateJSON: tplJSON(t), CreatedAt: tZ(t.CreatedAt), UpdatedAt: tZ(t.UpdatedAt)}
}

func (e *Emulator) registerTemplateRoutes() {
	e.route("GET /v3/email-templates", "emailTemplates.list", e.listTemplates)
	e.route("POST /v3/email-templates", "emailTemplates.create", e.createTemplate)
	e.route("GET /v3/email-templates/{id}", "emailTemplates.get", func(c *call) {
		if t, ok := e.templateByPath(c); ok {
			c.json(http.StatusOK, tplDetail(t))
		}
	})
	e.route("PUT /v3/email-templates/{id}", "emailTemplates.update", e.updateTemplate)
	e.route("DELETE /v3/email-templates/{id}", "emailTemplates.delete", func(c *call) {
		if t, ok := e.templateByPath(c); ok {
			e.templates.del(t.ID)
			c.noContent()
		}
	})
	e.route("POST /v3/email-templates/{id}/clone", "emailTemplates.clone", e.cloneTemplate)
	e.route("POST /v3/email-templates/{id}/move", "emailTemplates.move", e.moveTemplate)
}

func (e *Emulator) listTemplates(c *call) {
	top, skip, ok := c.page(25, 1000, "emailTemplate.invalidPagination")
	if !ok {
		return
	}
	name := strings.ToLower(strings.TrimSpace(c.query("name")))
	var folderID int64
	if s := c.query("folder_id"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 1 {
			c.invalid(fieldError{"folder_id", "Value has an invalid format."})
			return
		}
		folderID = n
	}
	ft := ""
	if s := c.query("folder_type"); s != "" {
		var ok bool
		if ft, ok = enumValue(s, folderTypes); !ok {
			c.invalid(fieldError{"folder_type", "Value has an invalid format."})
			return
		}
	}
	isDefault := c.query("is_default")
	var items []templateJSON
	for _, t := range e.templates.all() {
		if name != "" && !strings.Contains(strings.ToLower(t.Name), name) {
			continue
		}
		if folderID != 0 && t.FolderID != folderID || ft != "" && t.FolderType != ft {
			continue
		}
		if isDefault != "" {
			f, ok := e.templateFolders.get(t.FolderID)
			inDefault := ok && f.IsDefault
			if inDefault != strings.EqualFold(isDefault, "true") {
				continue
			}
		}
		items = append(items, tplJSON(t))
	}
	writePage(c, items, top, skip)
}

func (e *Emulator) templateByPath(c *call) (*templateRec, bool) {
	id, ok := c.pathID("id")
	if !ok {
		return nil, false
	}
	t, ok := e.templates.get(id)
	if !ok {
		c.problem(http.StatusNotFound, "emailTemplate.notFound", "Email template with ID "+itoa(id)+" not found.")
	}
	return t, ok
}

type templateWrite struct {
	Name          *string  `json:"name"`
	Body          *string  `json:"body"`
	FolderType    *string  `json:"folderType"`
	Subject       nstr     `json:"subject"`
	FolderID      *int64   `json:"folderId"`
	AttachmentIDs *[]int64 `json:"attachmentIds"`
}

func (e *Emulator) checkTemplate(c *call, w *templateWrite, create bool) bool {
	var errs []fieldError
	if w.Name == nil || strings.TrimSpace(*w.Name) == "" {
		errs = append(errs, fieldError{"/name", "Field is required."})
	} else if utf8.RuneCountInString(*w.Name) > 255 {
		errs = append(errs, fieldError{"/name", "The field name must be at most 255 characters long."})
	}
	if w.Body == nil {
		errs = append(errs, fieldError{"/body", "Field is required."})
	}
	if create {
		if w.FolderType == nil {
			errs = append(errs, fieldError{"/folderType", "Field is required."})
		} else if _, ok := enumValue(*w.FolderType, []string{"personal", "team"}); !ok {
			errs = append(errs, fieldError{"/folderType", "Value has an invalid format."})
		}
	}
	if len(errs) > 0 {
		c.invalid(errs...)
		return false
	}
	if w.AttachmentIDs != nil && len(*w.AttachmentIDs) > 3 {
		c.problem(http.StatusBadRequest, "emailTemplate.tooManyAttachments", "A template can have at most 3 attachments.")
		return false
	}
	return true
}

func (e *Emulator) templateNameTaken(name string, folderID, self int64) bool {
	for id, t := range e.templates.all() {
		if id != self && t.FolderID == folderID && strings.EqualFold(t.Name, name) {
			return true
		}
	}
	return false
}

func (e *Emulator) createTemplate(c *call) {
	var w templateWrite
	if !c.decode(&w) || !e.checkTemplate(c, &w, true) {
		return
	}
	ft, _ := enumValue(*w.FolderType, []string{"personal", "team"})
	var folderID int64
	if w.FolderID != nil {
		f, ok := e.templateFolders.get(*w.FolderID)
		if !ok || f.FolderType != ft {
			c.problem(http.StatusNotFound, "emailTemplate.folderNotFound", "Folder "+itoa(*w.FolderID)+" not found.")
			return
		}
		folderID = f.ID
	} else if f := e.defaultFolder(ft); f != nil {
		folderID = f.ID
	}
	name := strings.TrimSpace(*w.Name)
	if e.templateNameTaken(name, folderID, 0) {
		c.problem(http.StatusConflict, "emailTemplate.duplicateName", "A template named '"+name+"' already exists in this folder.")
		return
	}
	now := c.now()
	t := &templateRec{ID: e.nextID("emailTemplate"), Name: name, Subject: w.Subject, Body: *w.Body, FolderID: folderID,
		FolderType: ft, AttachmentIDs: []int64{}, CreatedAt: now, UpdatedAt: now}
	if w.AttachmentIDs != nil {
		t.AttachmentIDs = *w.AttachmentIDs
	}
	e.templates.put(t.ID, t)
	c.created(tplDetail(t))
}

func (e *Emulator) updateTemplate(c *call) {
	// Path id and body are validated together before the lookup (§1.6).
	if _, ok := c.pathID("id"); !ok {
		return
	}
	var w templateWrite
	if !c.decode(&w) || !e.checkTemplate(c, &w, false) || len(c.pending) > 0 {
		return
	}
	t, ok := e.templateByPath(c)
	if !ok {
		return
	}
	name := strings.TrimSpace(*w.Name)
	if e.templateNameTaken(name, t.FolderID, t.ID) {
		c.problem(http.StatusConflict, "emailTemplate.duplicateName", "A template named '"+name+"' already exists in this folder.")
		return
	}
	t.Name, t.Body, t.Subject = name, *w.Body, w.Subject
	t.AttachmentIDs = []int64{}
	if w.AttachmentIDs != nil {
		t.AttachmentIDs = *w.AttachmentIDs
	}
	t.UpdatedAt = c.now()
	c.json(http.StatusOK, tplDetail(t))
}

func (e *Emulator) cloneTemplate(c *call) {
	t, ok := e.templateByPath(c)
	if !ok {
		return
	}
	name := "Copy of " + t.Name
	for n := 2; e.templateNameTaken(name, t.FolderID, 0); n++ {
		name = "Copy of " + t.Name + " (" + strconv.Itoa(n) + ")"
	}
	now := c.now()
	cp := *t
	cp.ID, cp.Name, cp.CreatedAt, cp.UpdatedAt = e.nextID("emailTemplate"), name, now, now
	cp.AttachmentIDs = append([]int64{}, t.AttachmentIDs...)
	e.templates.put(cp.ID, &cp)
	c.created(tplDetail(&cp))
}

func (e *Emulator) moveTemplate(c *call) {
	t, ok := e.templateByPath(c)
	if !ok {
		return
	}
	var b struct {
		FolderID   *int64  `json:"folderId"`
		FolderType *string `json:"folderType"`
	}
	if !c.decode(&b) {
		return
	}
	var errs []fieldError
	if b.FolderID == nil || *b.FolderID < 1 {
		errs = append(errs, fieldError{"/folderId", "The field folderId must be at least 1."})
	}
	var ft string
	if b.FolderType == nil {
		errs = append(errs, fieldError{"/folderType", "Field is required."})
	} else if ft, ok = enumValue(*b.FolderType, []string{"personal", "team"}); !ok {
		errs = append(errs, fieldError{"/folderType", "Value has an invalid format."})
	}
	if len(errs) > 0 {
		c.invalid(errs...)
		return
	}
	f, ok := e.templateFolders.get(*b.FolderID)
	if !ok || f.FolderType != ft {
		c.problem(http.StatusNotFound, "emailTemplate.folderNotFound", "Folder "+itoa(*b.FolderID)+" not found.")
		return
	}
	if e.templateNameTaken(t.Name, f.ID, t.ID) {
		c.problem(http.StatusConflict, "emailTemplate.duplicateName", "A template named '"+t.Name+"' already exists in that folder.")
		return
	}
	t.FolderID, t.FolderType, t.UpdatedAt = f.ID, f.FolderType, c.now()
	c.json(http.StatusOK, tplDetail(t))
}
