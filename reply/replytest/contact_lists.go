package replytest

import (
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"
)

// contactListRec is a stored contact list.
type contactListRec struct {
	ID          int64
	Name        string
	IsShared    bool
	OwnerUserID int64
}

type contactListJSON struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	IsShared bool   `json:"isShared"`
}

func listJSON(l *contactListRec) contactListJSON {
	return contactListJSON{ID: l.ID, Name: l.Name, IsShared: l.IsShared}
}

// addToList adds a contact to a list (no-op when already there).
func (e *Emulator) addToList(r *contactRec, listID int64) {
	if !slices.Contains(r.ListIDs, listID) {
		r.ListIDs = append(r.ListIDs, listID)
	}
}

// listVisible reports whether the acting user sees the list (own or shared).
func (e *Emulator) listVisible(l *contactListRec) bool {
	return l.IsShared || l.OwnerUserID == e.cur.ID
}

func (e *Emulator) listNameTaken(name string, self int64) bool {
	for id, l := range e.contactLists.all() {
		if id != self && strings.EqualFold(l.Name, name) && e.listVisible(l) {
			return true
		}
	}
	return false
}

func (e *Emulator) registerContactListRoutes() {
	e.route("GET /v3/contact-lists", "contactLists.list", e.listContactLists)
	e.route("POST /v3/contact-lists", "contactLists.create", e.createContactList)
	e.route("GET /v3/contact-lists/{id}", "contactLists.get", e.getContactList)
	e.route("PUT /v3/contact-lists/{id}", "contactLists.update", e.updateContactList)
	e.route("DELETE /v3/contact-lists/{id}", "contactLists.delete", e.deleteContactList)
	e.route("POST /v3/contact-lists/{id}/share", "contactLists.share", func(c *call) { e.shareContactList(c, true) })
	e.route("POST /v3/contact-lists/{id}/unshare", "contactLists.unshare", func(c *call) { e.shareContactList(c, false) })
	e.route("POST /v3/contact-lists/{id}/add-contacts", "contactLists.addContacts", func(c *call) { e.listAddContacts(c, false) })
	e.route("POST /v3/contact-lists/{id}/move-contacts", "contactLists.moveContacts", func(c *call) { e.listAddContacts(c, true) })
}

func (e *Emulator) listContactLists(c *call) {
	top, skip, ok := c.page(25, 1000, "contactsList.invalidPagination")
	if !ok {
		return
	}
	search := strings.ToLower(strings.TrimSpace(c.query("search")))
	var items []contactListJSON
	for _, l := range e.contactLists.all() {
		if !e.listVisible(l) || (search != "" && !strings.Contains(strings.ToLower(l.Name), search)) {
			continue
		}
		items = append(items, listJSON(l))
	}
	writePage(c, items, top, skip)
}

func (e *Emulator) listByPath(c *call) (*contactListRec, bool) {
	id, ok := c.pathID("id")
	if !ok {
		return nil, false
	}
	l, ok := e.contactLists.get(id)
	if !ok {
		c.problem(http.StatusNotFound, "contactsList.notFound", "Contact list with ID "+itoa(id)+" not found.")
		return nil, false
	}
	if !e.listVisible(l) {
		c.problem(http.StatusForbidden, "contactsList.forbidden", "You do not have access to contact list "+itoa(id)+".")
		return nil, false
	}
	return l, true
}

func (e *Emulator) createContactList(c *call) {
	var b struct {
		Name     *string `json:"name"`
		IsShared bool    `json:"isShared"`
	}
	if !c.decode(&b) {
		return
	}
	if b.Name == nil {
		c.invalid(fieldError{"/name", "Field is required."})
		return
	}
	name := strings.TrimSpace(*b.Name)
	if utf8.RuneCountInString(name) < 2 {
		c.problem(http.StatusBadRequest, "contactsList.nameTooShort", "List name must be at least 2 characters long.")
		return
	}
	if e.listNameTaken(name, 0) {
		c.problem(http.StatusConflict, "contactsList.duplicateName", "A contact list named '"+name+"' already exists.")
		return
	}
	l := &contactListRec{ID: e.nextID("contactList"), Name: name, IsShared: b.IsShared, OwnerUserID: c.user().ID}
	e.contactLists.put(l.ID, l)
	c.created(listJSON(l))
}

func (e *Emulator) getContactList(c *call) {
	if l, ok := e.listByPath(c); ok {
		c.json(http.StatusOK, listJSON(l))
	}
}

func (e *Emulator) updateContactList(c *call) {
	l, ok := e.listByPath(c)
	if !ok {
		return
	}
	var b struct {
		Name *string `json:"name"`
	}
	if !c.decode(&b) {
		return
	}
	if b.Name == nil || strings.TrimSpace(*b.Name) == "" {
		c.problem(http.StatusBadRequest, "contactsList.nameIsEmpty", "List name must not be empty.")
		return
	}
	name := strings.TrimSpace(*b.Name)
	if e.listNameTaken(name, l.ID) {
		c.problem(http.StatusConflict, "contactsList.duplicateName", "A contact list named '"+name+"' already exists.")
		return
	}
	l.Name = name
	c.json(http.StatusOK, listJSON(l))
}

func (e *Emulator) deleteContactList(c *call) {
	l, ok := e.listByPath(c)
	if !ok {
		return
	}
	if l.IsShared && l.OwnerUserID != c.user().ID {
		c.problem(http.StatusForbidden, "contactsList.forbidden", "A shared list can only be deleted by its creator.")
		return
	}
	for _, r := range e.contacts.all() {
		if i := slices.Index(r.ListIDs, l.ID); i >= 0 {
			r.ListIDs = slices.Delete(r.ListIDs, i, i+1)
		}
	}
	e.contactLists.del(l.ID)
	c.noContent()
}

func (e *Emulator) shareContactList(c *call, share bool) {
	l, ok := e.listByPath(c)
	if !ok {
		return
	}
	if l.OwnerUserID != c.user().ID {
		c.problem(http.StatusForbidden, "contactsList.accessChangeRejected", "Only the creator can change the sharing of a list.")
		return
	}
	if share && !l.IsShared {
		for id, o := range e.contactLists.all() {
			if id != l.ID && o.IsShared && strings.EqualFold(o.Name, l.Name) {
				c.problem(http.StatusConflict, "contactsList.duplicateName", "A shared contact list named '"+l.Name+"' already exists.")
				return
			}
		}
	}
	l.IsShared = share
	c.noContent()
}

func (e *Emulator) listAddContacts(c *call, move bool) {
	// Input validation (path id, then body) comes before the list lookup (§1.6: validation 400 first).
	if _, ok := c.pathID("id"); !ok {
		return
	}
	ids, ok := c.decodeIDs("contactIds", 1000, false)
	if !ok {
		return
	}
	l, ok := e.listByPath(c)
	if !ok {
		return
	}
	out := map[string]notProcessed{}
	for _, id := range ids {
		r, ok := e.contacts.get(id)
		if !ok {
			out[itoa(id)] = np("contactNotProcessed", "Contact "+itoa(id)+" could not be processed.")
			continue
		}
		if move {
			r.ListIDs = slices.DeleteFunc(r.ListIDs, func(x int64) bool { return x != l.ID })
		}
		e.addToList(r, l.ID)
	}
	c.json(http.StatusOK, out)
}
