package replytest

import (
	"net/http"
	"strings"
	"unicode/utf8"
)

// customFieldRec is a stored custom field definition.
type customFieldRec struct {
	ID        int64
	Title     string
	FieldType string // text | number
	Metadata  nstr
	OrgWide   bool
}

type customFieldJSON struct {
	ID        int64  `json:"id"`
	Title     string `json:"title"`
	FieldType string `json:"fieldType"`
	Metadata  nstr   `json:"metadata"`
	OrgWide   bool   `json:"orgWide"`
}

func cfToJSON(f *customFieldRec) customFieldJSON {
	return customFieldJSON{ID: f.ID, Title: f.Title, FieldType: f.FieldType, Metadata: f.Metadata, OrgWide: f.OrgWide}
}

const maxCustomFields = 100

func (e *Emulator) registerCustomFieldRoutes() {
	e.route("GET /v3/custom-fields", "customFields.list", e.listCustomFields)
	e.route("POST /v3/custom-fields", "customFields.create", e.createCustomField)
	e.route("GET /v3/custom-fields/{id}", "customFields.get", e.getCustomField)
	e.route("PUT /v3/custom-fields/{id}", "customFields.update", e.updateCustomField)
	e.route("DELETE /v3/custom-fields/{id}", "customFields.delete", e.deleteCustomField)
}

func (e *Emulator) listCustomFields(c *call) {
	out := []customFieldJSON{}
	for _, f := range e.customFields.all() {
		out = append(out, cfToJSON(f))
	}
	c.json(http.StatusOK, out)
}

type customFieldWrite struct {
	Title     *string `json:"title"`
	FieldType *string `json:"fieldType"`
	Metadata  nstr    `json:"metadata"`
	OrgWide   bool    `json:"orgWide"`
}

// checkCustomField validates a write; it answers and returns false on error.
func (e *Emulator) checkCustomField(c *call, w *customFieldWrite, self int64) (string, string, bool) {
	var errs []fieldError
	if w.Title == nil || strings.TrimSpace(*w.Title) == "" {
		errs = append(errs, fieldError{"/title", "Field is required."})
	} else if utf8.RuneCountInString(strings.TrimSpace(*w.Title)) > 90 {
		errs = append(errs, fieldError{"/title", "The field title must be at most 90 characters long."})
	}
	if w.FieldType == nil {
		errs = append(errs, fieldError{"/fieldType", "Field is required."})
	}
	if len(errs) > 0 {
		c.invalid(errs...)
		return "", "", false
	}
	ft, ok := enumValue(*w.FieldType, []string{"text", "number"})
	if !ok {
		c.problem(http.StatusBadRequest, "customField.invalidInput", "fieldType must be 'text' or 'number'.")
		return "", "", false
	}
	title := strings.TrimSpace(*w.Title)
	for id, f := range e.customFields.all() {
		if id != self && strings.EqualFold(f.Title, title) {
			c.problem(http.StatusConflict, "customField.duplicateName", "A custom field titled '"+title+"' already exists.")
			return "", "", false
		}
	}
	return title, ft, true
}

func (e *Emulator) createCustomField(c *call) {
	var w customFieldWrite
	if !c.decode(&w) {
		return
	}
	title, ft, ok := e.checkCustomField(c, &w, 0)
	if !ok {
		return
	}
	if e.customFields.len() >= maxCustomFields {
		c.problem(http.StatusConflict, "customField.limitExceeded", "The team already has the maximum of 100 custom fields.")
		return
	}
	f := &customFieldRec{ID: e.nextID("customField"), Title: title, FieldType: ft, Metadata: w.Metadata, OrgWide: w.OrgWide}
	e.customFields.put(f.ID, f)
	c.created(cfToJSON(f))
}

func (e *Emulator) customFieldByPath(c *call) (*customFieldRec, bool) {
	id, ok := c.pathID("id")
	if !ok {
		return nil, false
	}
	f, ok := e.customFields.get(id)
	if !ok {
		c.problem(http.StatusNotFound, "customField.notFound", "Custom field with ID "+itoa(id)+" not found.")
	}
	return f, ok
}

func (e *Emulator) getCustomField(c *call) {
	if f, ok := e.customFieldByPath(c); ok {
		c.json(http.StatusOK, cfToJSON(f))
	}
}

func (e *Emulator) updateCustomField(c *call) {
	f, ok := e.customFieldByPath(c)
	if !ok {
		return
	}
	var w customFieldWrite
	if !c.decode(&w) {
		return
	}
	title, ft, ok := e.checkCustomField(c, &w, f.ID)
	if !ok {
		return
	}
	f.Title, f.FieldType, f.Metadata = title, ft, w.Metadata // orgWide is fixed at creation
	c.json(http.StatusOK, cfToJSON(f))
}

func (e *Emulator) deleteCustomField(c *call) {
	f, ok := e.customFieldByPath(c)
	if !ok {
		return
	}
	for _, r := range e.contacts.all() {
		for i, v := range r.CustomFields {
			if v.ID == f.ID {
				r.CustomFields = append(r.CustomFields[:i:i], r.CustomFields[i+1:]...)
				e.touchContact(r)
				break
			}
		}
	}
	e.customFields.del(f.ID)
	c.noContent()
}
