package replytest

import (
	"cmp"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // IANA zone validation without relying on the host's zoneinfo
)

// nstr is a nullable string (Valid false encodes as null).
type nstr struct {
	S     string
	Valid bool
}

func sv(s string) nstr { return nstr{S: s, Valid: true} }

func (n nstr) MarshalJSON() ([]byte, error) {
	if !n.Valid {
		return []byte("null"), nil
	}
	return json.Marshal(n.S)
}

func (n *nstr) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*n = nstr{}
		return nil
	}
	n.Valid = true
	return json.Unmarshal(b, &n.S)
}

// cfValue is one custom-field value of a contact.
type cfValue struct {
	ID    int64
	Value nstr
}

// contactRec is a stored contact.
type contactRec struct {
	ID                                                   int64
	Email, FirstName, LastName, Title, Company, Industry nstr
	City, State, Country, Notes, Phone, Phone2           nstr
	TimeZoneID, LinkedInURL, LinkedInSalesNavURL         nstr
	LinkedInRecruiterURL                                 nstr
	CompanySize                                          string // response camelCase form, "" = null
	PhoneStatus                                          string
	OwnerUserID                                          int64
	AccountID                                            int64 // 0 = none
	IsOptedOut                                           bool
	CallStatus, MeetingStatus                            string
	AddingDate, CreatedAt, LastModifiedAt                time.Time
	CustomFields                                         []cfValue
	ListIDs                                              []int64
}

// activityRec is one activity of a contact (notes added through the API).
type activityRec struct {
	ID           int64
	ContactID    int64
	Date         time.Time
	ActivityType string
	SourceType   string
	UserName     string
	UserID       int64
	Content      map[string]any
}

// contact returns the contact with the given id.
func (e *Emulator) contact(id int64) (*contactRec, bool) { return e.contacts.get(id) }

// touchContact records a change to a contact (lastModifiedAt = now).
func (e *Emulator) touchContact(c *contactRec) { c.LastModifiedAt = e.nowLocked() }

// contactFields returns the webhook contact_fields of a contact.
func (e *Emulator) contactFields(c *contactRec) map[string]any {
	return map[string]any{
		"id": c.ID, "email": c.Email, "first_name": c.FirstName, "last_name": c.LastName,
		"company": c.Company, "title": c.Title,
	}
}

// contactCustomFieldsByTitle returns a contact's custom-field values keyed by field title.
func (e *Emulator) contactCustomFieldsByTitle(c *contactRec) map[string]any {
	m := map[string]any{}
	for _, v := range c.CustomFields {
		if f, ok := e.customFields.get(v.ID); ok {
			m[f.Title] = v.Value
		}
	}
	return m
}

func domainOf(email string) string {
	if i := strings.LastIndexByte(email, '@'); i >= 0 {
		return strings.ToLower(email[i+1:])
	}
	return ""
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// ---- wire shapes ----

type cfJSON struct {
	Key   string `json:"key"`
	Value nstr   `json:"value"`
}

type contactJSON struct {
	ID                        int64    `json:"id"`
	Email                     nstr     `json:"email"`
	Domain                    nstr     `json:"domain"`
	FirstName                 nstr     `json:"firstName"`
	LastName                  nstr     `json:"lastName"`
	Title                     nstr     `json:"title"`
	Company                   nstr     `json:"company"`
	CompanySize               nstr     `json:"companySize"`
	Industry                  nstr     `json:"industry"`
	City                      nstr     `json:"city"`
	State                     nstr     `json:"state"`
	Country                   nstr     `json:"country"`
	Notes                     nstr     `json:"notes"`
	Phone                     nstr     `json:"phone"`
	PhoneStatus               string   `json:"phoneStatus"`
	TimeZoneID                nstr     `json:"timeZoneId"`
	LinkedInURL               nstr     `json:"linkedInUrl"`
	LinkedInSalesNavigatorURL nstr     `json:"linkedInSalesNavigatorUrl"`
	LinkedInRecruiterURL      nstr     `json:"linkedInRecruiterUrl"`
	OwnerUserID               int64    `json:"ownerUserId"`
	AccountID                 *int64   `json:"accountId"`
	IsOptedOut                bool     `json:"isOptedOut"`
	CallStatus                string   `json:"callStatus"`
	MeetingStatus             string   `json:"meetingStatus"`
	AddingDate                tOffset  `json:"addingDate"`
	CreatedAt                 tLocal   `json:"createdAt"`
	LastModifiedAt            tLocal   `json:"lastModifiedAt"`
	CustomFields              []cfJSON `json:"customFields"`
}

type filterListJSON struct {
	ListID   int64  `json:"listId"`
	ListName string `json:"listName"`
	IsShared bool   `json:"isShared"`
}

type contactFilterItem struct {
	contactJSON
	Sequences []any            `json:"sequences"`
	Lists     []filterListJSON `json:"lists"`
}

func (e *Emulator) contactJSON(c *contactRec) contactJSON {
	j := contactJSON{
		ID: c.ID, Email: c.Email, FirstName: c.FirstName, LastName: c.LastName, Title: c.Title,
		Company: c.Company, Industry: c.Industry, City: c.City, State: c.State, Country: c.Country, Notes: c.Notes,
		Phone: c.Phone, PhoneStatus: c.PhoneStatus, TimeZoneID: c.TimeZoneID, LinkedInURL: c.LinkedInURL,
		LinkedInSalesNavigatorURL: c.LinkedInSalesNavURL, LinkedInRecruiterURL: c.LinkedInRecruiterURL,
		OwnerUserID: c.OwnerUserID, IsOptedOut: c.IsOptedOut, CallStatus: c.CallStatus,
		MeetingStatus: c.MeetingStatus, AddingDate: tOffset(c.AddingDate), CreatedAt: tLocal(c.CreatedAt),
		LastModifiedAt: tLocal(c.LastModifiedAt), CustomFields: []cfJSON{},
	}
	if c.Email.Valid {
		j.Domain = sv(domainOf(c.Email.S))
	}
	if c.CompanySize != "" {
		j.CompanySize = sv(c.CompanySize)
	}
	if c.AccountID != 0 {
		id := c.AccountID
		j.AccountID = &id
	}
	if e.quirks.NullContactTimestamps {
		j.CreatedAt, j.LastModifiedAt = tLocal{}, tLocal{}
	}
	for _, v := range c.CustomFields {
		j.CustomFields = append(j.CustomFields, cfJSON{Key: itoa(v.ID), Value: v.Value})
	}
	return j
}

func (e *Emulator) contactFilterItem(c *contactRec) contactFilterItem {
	it := contactFilterItem{contactJSON: e.contactJSON(c), Sequences: e.contactSequenceItems(c.ID), Lists: []filterListJSON{}}
	for _, lid := range c.ListIDs {
		if l, ok := e.contactLists.get(lid); ok {
			it.Lists = append(it.Lists, filterListJSON{ListID: l.ID, ListName: l.Name, IsShared: l.IsShared})
		}
	}
	return it
}

// contactSequenceItems returns the ContactSequence items of a contact, in the shape of
// GET /v3/contacts/{id}/sequences.
func (e *Emulator) contactSequenceItems(contactID int64) []any {
	out := []any{}
	for _, m := range e.contactMemberships(contactID) {
		s := e.sequenceByID(m.SequenceID)
		if s == nil {
			continue
		}
		out = append(out, seqObj{}.add("sequenceId", s.ID).add("sequenceName", s.Name).
			add("statusInSequence", m.Status).add("currentStep", memberStep(s, m)).
			add("addingDate", tOffset(m.AddingDate)).add("emailAccountId", seqNullInt(m.EmailAccountID)).
			add("linkedInAccountId", seqNullInt(m.LinkedInAccountID)))
	}
	return out
}

// ---- writes ----

type cfWrite struct {
	ID    *int64  `json:"id"`
	Name  *string `json:"name"`
	Value nstr    `json:"value"`
	Key   *string `json:"key"` // response shape; not accepted by the API, used by /_emulator/seed
}

type contactWrite struct {
	Email                     opt[string]    `json:"email"`
	FirstName                 opt[string]    `json:"firstName"`
	LastName                  opt[string]    `json:"lastName"`
	Phone                     opt[string]    `json:"phone"`
	Phone2                    opt[string]    `json:"phone2"`
	Title                     opt[string]    `json:"title"`
	Company                   opt[string]    `json:"company"`
	CompanySize               opt[string]    `json:"companySize"`
	Industry                  opt[string]    `json:"industry"`
	City                      opt[string]    `json:"city"`
	State                     opt[string]    `json:"state"`
	Country                   opt[string]    `json:"country"`
	TimeZoneID                opt[string]    `json:"timeZoneId"`
	LinkedInURL               opt[string]    `json:"linkedInUrl"`
	LinkedInSalesNavigatorURL opt[string]    `json:"linkedInSalesNavigatorUrl"`
	LinkedInRecruiterURL      opt[string]    `json:"linkedInRecruiterUrl"`
	Notes                     opt[string]    `json:"notes"`
	AccountID                 opt[int64]     `json:"accountId"`
	CustomFields              opt[[]cfWrite] `json:"customFields"`
	IsOptedOut                opt[bool]      `json:"isOptedOut"`
	CallStatus                opt[string]    `json:"callStatus"`
	MeetingStatus             opt[string]    `json:"meetingStatus"`
	OwnerUserID               opt[int64]     `json:"ownerUserId"`
}

var companySizes = []string{"empty", "selfEmployed", "ten", "fifty", "twoHundred", "fiveHundred", "oneThousand",
	"fiveThousand", "tenThousand", "overTenThousand"}

// enumValue matches s case-insensitively against values and returns the canonical form.
func enumValue(s string, values []string) (string, bool) {
	for _, v := range values {
		if strings.EqualFold(s, v) {
			return v, true
		}
	}
	return "", false
}

func validEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at < 1 || at == len(s)-1 || strings.ContainsAny(s, " \t\r\n,;<>") || strings.Count(s, "@") != 1 {
		return false
	}
	d := s[at+1:]
	return strings.Contains(d, ".") && !strings.HasPrefix(d, ".") && !strings.HasSuffix(d, ".")
}

func validIANAZone(s string) bool {
	if s == "" || s == "Local" {
		return false
	}
	_, err := time.LoadLocation(s)
	return err == nil
}

// contactPatchError is a business error found while applying a write.
type contactPatchError struct {
	invalid []fieldError
	problem string // contact.invalidInput detail
}

// validateContactWrite checks formats (validation 400 material).
func (e *Emulator) validateContactWrite(w *contactWrite, prefix string) []fieldError {
	var errs []fieldError
	if w.Email.Set && !w.Email.Null && w.Email.V != "" && !validEmail(w.Email.V) {
		errs = append(errs, fieldError{prefix + "/email", "'email' is not a valid email address."})
	}
	if w.CompanySize.Set && !w.CompanySize.Null {
		if _, ok := enumValue(w.CompanySize.V, companySizes); !ok {
			errs = append(errs, fieldError{prefix + "/companySize", "Value has an invalid format."})
		}
	}
	if w.TimeZoneID.Set && !w.TimeZoneID.Null && w.TimeZoneID.V != "" && !validIANAZone(w.TimeZoneID.V) {
		errs = append(errs, fieldError{prefix + "/timeZoneId", "'" + w.TimeZoneID.V + "' is not a valid IANA time zone id."})
	}
	if w.CallStatus.Set && !w.CallStatus.Null {
		if _, ok := enumValue(w.CallStatus.V, []string{"none", "toCall", "called"}); !ok {
			errs = append(errs, fieldError{prefix + "/callStatus", "Value has an invalid format."})
		}
	}
	if w.MeetingStatus.Set && !w.MeetingStatus.Null {
		if _, ok := enumValue(w.MeetingStatus.V, []string{"none", "meetingBooked"}); !ok {
			errs = append(errs, fieldError{prefix + "/meetingStatus", "Value has an invalid format."})
		}
	}
	if w.CustomFields.Set && !w.CustomFields.Null {
		for i, f := range w.CustomFields.V {
			if f.ID == nil && (f.Name == nil || *f.Name == "") {
				errs = append(errs, fieldError{prefix + "/customFields/" + strconv.Itoa(i), "Either id or name is required."})
			}
		}
	}
	return errs
}

// checkContactRefs resolves references (account, owner, custom fields); it returns a business error detail.
func (e *Emulator) checkContactRefs(w *contactWrite, patch bool) string {
	if w.AccountID.Set && !w.AccountID.Null && w.AccountID.V != 0 {
		if _, ok := e.accounts.get(w.AccountID.V); !ok {
			return "Account with ID " + itoa(w.AccountID.V) + " not found."
		}
	}
	if patch && w.OwnerUserID.Set && !w.OwnerUserID.Null && !e.isTeamUser(w.OwnerUserID.V) {
		return "User " + itoa(w.OwnerUserID.V) + " is not a member of the team."
	}
	if w.CustomFields.Set && !w.CustomFields.Null {
		for _, f := range w.CustomFields.V {
			if _, ok := e.resolveCustomField(f); !ok {
				return "Unknown custom field."
			}
		}
	}
	return ""
}

func (e *Emulator) resolveCustomField(f cfWrite) (int64, bool) {
	if f.ID != nil {
		_, ok := e.customFields.get(*f.ID)
		return *f.ID, ok
	}
	if f.Name != nil {
		for id, cf := range e.customFields.all() {
			if strings.EqualFold(cf.Title, *f.Name) {
				return id, true
			}
		}
	}
	return 0, false
}

func setStr(dst *nstr, o opt[string], fillOnly bool) {
	if !o.Set {
		return
	}
	if fillOnly && dst.Valid && dst.S != "" {
		return
	}
	if o.Null {
		*dst = nstr{}
		return
	}
	*dst = sv(o.V)
}

// applyContactWrite applies a validated, reference-checked write to c. fillOnly only fills empty fields
// (import without overwriteExisting). It returns the side effects to run.
func (e *Emulator) applyContactWrite(c *contactRec, w *contactWrite, patch, fillOnly bool) (optedOut, called bool) {
	oldEmail := ""
	if c.Email.Valid {
		oldEmail = strings.ToLower(c.Email.S)
	}
	setStr(&c.Email, w.Email, fillOnly)
	setStr(&c.FirstName, w.FirstName, fillOnly)
	setStr(&c.LastName, w.LastName, fillOnly)
	setStr(&c.Phone, w.Phone, fillOnly)
	setStr(&c.Phone2, w.Phone2, fillOnly)
	setStr(&c.Title, w.Title, fillOnly)
	setStr(&c.Company, w.Company, fillOnly)
	setStr(&c.Industry, w.Industry, fillOnly)
	setStr(&c.City, w.City, fillOnly)
	setStr(&c.State, w.State, fillOnly)
	setStr(&c.Country, w.Country, fillOnly)
	setStr(&c.TimeZoneID, w.TimeZoneID, fillOnly)
	setStr(&c.LinkedInURL, w.LinkedInURL, fillOnly)
	setStr(&c.LinkedInSalesNavURL, w.LinkedInSalesNavigatorURL, fillOnly)
	setStr(&c.LinkedInRecruiterURL, w.LinkedInRecruiterURL, fillOnly)
	setStr(&c.Notes, w.Notes, fillOnly)
	if w.Phone.Set {
		if c.Phone.Valid && c.Phone.S != "" {
			c.PhoneStatus = "notValidated"
		} else {
			c.PhoneStatus = "notValidated"
		}
	}
	if w.CompanySize.Set && !(fillOnly && c.CompanySize != "") {
		c.CompanySize = ""
		if !w.CompanySize.Null {
			c.CompanySize, _ = enumValue(w.CompanySize.V, companySizes)
		}
	}
	if w.AccountID.Set && !(fillOnly && c.AccountID != 0) {
		nv := int64(0)
		if !w.AccountID.Null {
			nv = w.AccountID.V
		}
		if nv != c.AccountID {
			e.touchAccount(c.AccountID)
			e.touchAccount(nv)
			e.linkAccount(c.AccountID, nv)
			c.AccountID = nv
		}
	}
	if w.CustomFields.Set {
		if w.CustomFields.Null {
			c.CustomFields = nil
		} else {
			for _, f := range w.CustomFields.V {
				id, _ := e.resolveCustomField(f)
				c.CustomFields = setCustomValue(c.CustomFields, id, f.Value, fillOnly)
			}
		}
	}
	if patch {
		if w.IsOptedOut.Set {
			nv := !w.IsOptedOut.Null && w.IsOptedOut.V
			optedOut = nv && !c.IsOptedOut
			c.IsOptedOut = nv
		}
		if w.CallStatus.Set {
			nv := "none"
			if !w.CallStatus.Null {
				nv, _ = enumValue(w.CallStatus.V, []string{"none", "toCall", "called"})
			}
			called = nv == "called" && c.CallStatus != "called"
			c.CallStatus = nv
		}
		if w.MeetingStatus.Set {
			nv := "none"
			if !w.MeetingStatus.Null {
				nv, _ = enumValue(w.MeetingStatus.V, []string{"none", "meetingBooked"})
			}
			c.MeetingStatus = nv
		}
		if w.OwnerUserID.Set && !w.OwnerUserID.Null {
			c.OwnerUserID = w.OwnerUserID.V
		}
	}
	newEmail := ""
	if c.Email.Valid {
		newEmail = strings.ToLower(c.Email.S)
	}
	if newEmail != oldEmail {
		if oldEmail != "" && e.contactEmails[oldEmail] == c.ID {
			delete(e.contactEmails, oldEmail)
		}
		if newEmail != "" {
			e.contactEmails[newEmail] = c.ID
		}
	}
	return optedOut, called
}

func setCustomValue(vals []cfValue, id int64, v nstr, fillOnly bool) []cfValue {
	for i := range vals {
		if vals[i].ID == id {
			if fillOnly && vals[i].Value.Valid && vals[i].Value.S != "" {
				return vals
			}
			if !v.Valid {
				return append(vals[:i:i], vals[i+1:]...)
			}
			vals[i].Value = v
			return vals
		}
	}
	if !v.Valid {
		return vals
	}
	vals = append(vals, cfValue{ID: id, Value: v})
	slices.SortFunc(vals, func(a, b cfValue) int { return cmp.Compare(a.ID, b.ID) })
	return vals
}

// contactSideEffects runs the sequence and webhook effects of a contact change.
func (e *Emulator) contactSideEffects(c *contactRec, optedOut, called bool) {
	if optedOut {
		e.optOutContactInSequences(c.ID)
	}
	if called {
		e.emit("contact_called", map[string]any{"contact_fields": e.contactFields(c), "call_status": "Called"})
	}
}

func (e *Emulator) emailTaken(email string, self int64) bool {
	if email == "" {
		return false
	}
	id, ok := e.contactEmails[strings.ToLower(email)]
	return ok && id != self
}

// newContact stores a new contact built from a write (already validated).
func (e *Emulator) newContact(w *contactWrite, owner int64) *contactRec {
	now := e.nowLocked()
	c := &contactRec{ID: e.nextID("contact"), OwnerUserID: owner, CallStatus: "none", MeetingStatus: "none",
		PhoneStatus: "notValidated", AddingDate: now, CreatedAt: now, LastModifiedAt: now}
	e.applyContactWrite(c, w, false, false)
	e.contacts.put(c.ID, c)
	return c
}

func (e *Emulator) deleteContact(c *contactRec) {
	if c.Email.Valid {
		if k := strings.ToLower(c.Email.S); e.contactEmails[k] == c.ID {
			delete(e.contactEmails, k)
		}
		e.deletedContacts[strings.ToLower(c.Email.S)] = c
	}
	e.touchAccount(c.AccountID)
	e.linkAccount(c.AccountID, 0)
	e.removeContactFromSequences(c.ID)
	e.contacts.del(c.ID)
}

// ---- routes ----

func (e *Emulator) registerContactRoutes() {
	e.route("GET /v3/contacts", "contacts.list", e.listContacts)
	e.route("POST /v3/contacts/filter", "contacts.filter", e.filterContacts)
	e.route("POST /v3/contacts/filter/count", "contacts.count", e.countContacts)
	e.route("GET /v3/contacts/{id}", "contacts.get", e.getContact)
	e.route("POST /v3/contacts", "contacts.create", e.createContact)
	e.route("PATCH /v3/contacts/{id}", "contacts.update", e.patchContact)
	e.route("DELETE /v3/contacts/{id}", "contacts.delete", e.deleteContactRoute)
	e.route("POST /v3/contacts/bulk-delete", "contacts.bulkDelete", e.bulkDeleteContacts)
	e.route("POST /v3/contacts/import", "contacts.import", e.importContacts)
	e.route("GET /v3/contacts/{id}/lists", "contacts.lists", e.contactListsOf)
	e.route("GET /v3/contacts/{id}/activities", "contacts.activities", e.contactActivities)
	e.route("POST /v3/contacts/{id}/notes", "contacts.addNote", e.addContactNote)
	e.route("PUT /v3/contacts/owner", "contacts.setOwner", e.setContactsOwner)
	e.route("POST /v3/contacts/set-opted-out", "contacts.setOptedOut", e.setContactsOptedOut)
}

func (e *Emulator) listContacts(c *call) {
	top, skip, ok := c.page(25, 1000, "contact.invalidPagination")
	if !ok {
		return
	}
	email, li := strings.TrimSpace(c.query("email")), strings.TrimSpace(c.query("linkedIn"))
	var items []contactJSON
	if email == "" && li == "" {
		// Page straight off the id index (fast on large seeds).
		ids := e.contacts.ids
		page, more := pageSlice(ids, top, skip)
		items = make([]contactJSON, 0, len(page))
		for _, id := range page {
			r, _ := e.contacts.get(id)
			items = append(items, e.contactJSON(r))
		}
		c.json(http.StatusOK, pageBody[contactJSON]{Items: items, HasMore: more})
		return
	}
	for _, r := range e.contacts.all() {
		if email != "" && !(r.Email.Valid && strings.EqualFold(r.Email.S, email)) {
			continue
		}
		if li != "" && !(r.LinkedInURL.Valid && strings.EqualFold(strings.TrimRight(r.LinkedInURL.S, "/"), strings.TrimRight(li, "/"))) {
			continue
		}
		items = append(items, e.contactJSON(r))
	}
	writePage(c, items, top, skip)
}

type contactRule struct {
	Property  string `json:"property"`
	Condition string `json:"condition"`
	Value     *any   `json:"value"`
}

type contactFilter struct {
	Rules          []contactRule `json:"rules"`
	ListID         *int64        `json:"listId"`
	SequenceID     *int64        `json:"sequenceId"`
	SequenceStepID *int64        `json:"sequenceStepId"`
	SearchTerm     *string       `json:"searchTerm"`
	SortBy         *string       `json:"sortBy"`
	SortDirection  *string       `json:"sortDirection"`
}

var contactTimeProps = []string{"lastModifiedAt", "createdAt", "addingDate"}

var contactScalarProps = []string{"id", "email", "domain", "firstName", "lastName", "title", "company",
	"companySize", "industry", "city", "state", "country", "notes", "phone", "phoneStatus", "timeZoneId",
	"linkedInUrl", "linkedInSalesNavigatorUrl", "linkedInRecruiterUrl", "ownerUserId", "accountId", "isOptedOut",
	"callStatus", "meetingStatus"}

// contactMatcher is a compiled contact filter.
type contactMatcher func(r *contactRec) bool

func ruleValueString(v *any) (string, bool) {
	if v == nil || *v == nil {
		return "", false
	}
	switch x := (*v).(type) {
	case string:
		return x, true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(x), true
	}
	b, _ := json.Marshal(*v)
	return string(b), true
}

func (e *Emulator) compileContactFilter(f *contactFilter, sortAllowed bool) (contactMatcher, func(a, b *contactRec) int, []fieldError) {
	var errs []fieldError
	var preds []contactMatcher
	for i, r := range f.Rules {
		p := "/rules/" + strconv.Itoa(i)
		if r.Property == "" {
			errs = append(errs, fieldError{p + "/property", "Field is required."})
			continue
		}
		if r.Condition == "" {
			errs = append(errs, fieldError{p + "/condition", "Field is required."})
			continue
		}
		if prop, ok := enumValue(r.Property, contactTimeProps); ok {
			cond, ok := enumValue(r.Condition, []string{"greaterThan", "lessThan", "equals"})
			if !ok {
				errs = append(errs, fieldError{p + "/condition", "Condition '" + r.Condition + "' is not supported for property '" + r.Property + "'."})
				continue
			}
			s, _ := ruleValueString(r.Value)
			t, ok := parseTime(s)
			if !ok {
				errs = append(errs, fieldError{p + "/value", "Value has an invalid format."})
				continue
			}
			if e.quirks.IgnoreContactTimeRules {
				continue
			}
			get := func(r *contactRec) time.Time {
				switch prop {
				case "createdAt", "lastModifiedAt":
					if e.quirks.NullContactTimestamps {
						return time.Time{} // null as served: never matches (§2.3)
					}
					if prop == "createdAt" {
						return r.CreatedAt
					}
				case "addingDate":
					return r.AddingDate
				}
				return r.LastModifiedAt
			}
			t = t.Truncate(time.Second)
			preds = append(preds, func(r *contactRec) bool {
				v := get(r)
				if v.IsZero() {
					return false
				}
				v = v.Truncate(time.Second)
				switch cond {
				case "greaterThan":
					return v.After(t)
				case "lessThan":
					return v.Before(t)
				}
				return v.Equal(t)
			})
			continue
		}
		prop, ok := enumValue(r.Property, contactScalarProps)
		if !ok {
			errs = append(errs, fieldError{p + "/property", "Property '" + r.Property + "' is not supported."})
			continue
		}
		if !strings.EqualFold(r.Condition, "equals") {
			errs = append(errs, fieldError{p + "/condition", "Condition '" + r.Condition + "' is not supported for property '" + r.Property + "'."})
			continue
		}
		want, set := ruleValueString(r.Value)
		preds = append(preds, func(r *contactRec) bool {
			got, gotSet := contactScalar(r, prop)
			if !set {
				return !gotSet || got == ""
			}
			return gotSet && strings.EqualFold(got, want)
		})
	}
	if f.ListID != nil {
		lid := *f.ListID
		preds = append(preds, func(r *contactRec) bool { return slices.Contains(r.ListIDs, lid) })
	}
	if f.SequenceID != nil {
		sid := *f.SequenceID
		preds = append(preds, func(r *contactRec) bool { return e.member(sid, r.ID) != nil })
	}
	if f.SequenceStepID != nil {
		st := *f.SequenceStepID
		preds = append(preds, func(r *contactRec) bool { return e.contactInSequenceStep(r.ID, st) })
	}
	if f.SearchTerm != nil && strings.TrimSpace(*f.SearchTerm) != "" {
		term := strings.ToLower(strings.TrimSpace(*f.SearchTerm))
		preds = append(preds, func(r *contactRec) bool {
			for _, s := range []nstr{r.Email, r.FirstName, r.LastName, r.Company, r.Title} {
				if s.Valid && strings.Contains(strings.ToLower(s.S), term) {
					return true
				}
			}
			full := strings.ToLower(strings.TrimSpace(r.FirstName.S + " " + r.LastName.S))
			return strings.Contains(full, term)
		})
	}
	var order func(a, b *contactRec) int
	if f.SortBy != nil && *f.SortBy != "" {
		if !sortAllowed {
			errs = append(errs, fieldError{"/sortBy", "Sorting is not supported here."})
		}
		by, ok := enumValue(*f.SortBy, []string{"lastModifiedAt", "createdAt", "addingDate", "id", "email"})
		if !ok {
			errs = append(errs, fieldError{"/sortBy", "Value has an invalid format."})
		}
		desc := false
		if f.SortDirection != nil && *f.SortDirection != "" {
			d, ok := enumValue(*f.SortDirection, []string{"asc", "desc"})
			if !ok {
				errs = append(errs, fieldError{"/sortDirection", "Value has an invalid format."})
			}
			desc = d == "desc"
		}
		order = func(a, b *contactRec) int {
			var n int
			switch by {
			case "lastModifiedAt":
				n = a.LastModifiedAt.Compare(b.LastModifiedAt)
			case "createdAt":
				n = a.CreatedAt.Compare(b.CreatedAt)
			case "addingDate":
				n = a.AddingDate.Compare(b.AddingDate)
			case "email":
				n = strings.Compare(strings.ToLower(a.Email.S), strings.ToLower(b.Email.S))
			}
			if n == 0 {
				n = cmp.Compare(a.ID, b.ID)
			}
			if desc {
				n = -n
			}
			return n
		}
	}
	match := func(r *contactRec) bool {
		for _, p := range preds {
			if !p(r) {
				return false
			}
		}
		return true
	}
	return match, order, errs
}

func contactScalar(r *contactRec, prop string) (string, bool) {
	ns := func(n nstr) (string, bool) { return n.S, n.Valid }
	switch prop {
	case "id":
		return itoa(r.ID), true
	case "email":
		return ns(r.Email)
	case "domain":
		return domainOf(r.Email.S), r.Email.Valid
	case "firstName":
		return ns(r.FirstName)
	case "lastName":
		return ns(r.LastName)
	case "title":
		return ns(r.Title)
	case "company":
		return ns(r.Company)
	case "companySize":
		return r.CompanySize, r.CompanySize != ""
	case "industry":
		return ns(r.Industry)
	case "city":
		return ns(r.City)
	case "state":
		return ns(r.State)
	case "country":
		return ns(r.Country)
	case "notes":
		return ns(r.Notes)
	case "phone":
		return ns(r.Phone)
	case "phoneStatus":
		return r.PhoneStatus, true
	case "timeZoneId":
		return ns(r.TimeZoneID)
	case "linkedInUrl":
		return ns(r.LinkedInURL)
	case "linkedInSalesNavigatorUrl":
		return ns(r.LinkedInSalesNavURL)
	case "linkedInRecruiterUrl":
		return ns(r.LinkedInRecruiterURL)
	case "ownerUserId":
		return itoa(r.OwnerUserID), true
	case "accountId":
		return itoa(r.AccountID), r.AccountID != 0
	case "isOptedOut":
		return strconv.FormatBool(r.IsOptedOut), true
	case "callStatus":
		return r.CallStatus, true
	case "meetingStatus":
		return r.MeetingStatus, true
	}
	return "", false
}

func (e *Emulator) filterContacts(c *call) {
	top, skip, ok := c.page(25, 1000, "contact.invalidPagination")
	if !ok {
		return
	}
	var f contactFilter
	if !c.decodeOptional(&f) {
		return
	}
	match, order, errs := e.compileContactFilter(&f, true)
	if len(errs) > 0 {
		c.invalid(errs...)
		return
	}
	// Paging through one filter re-runs it for every page: keep the last result while nothing changed.
	key, _ := json.Marshal(struct {
		F contactFilter
		Q Quirks
	}{f, e.quirks})
	fc := &e.filterCache
	var hits []*contactRec
	if fc.key == string(key) && fc.version == e.version {
		hits = fc.hits
	} else {
		for _, r := range e.contacts.all() {
			if match(r) {
				hits = append(hits, r)
			}
		}
		if order != nil {
			slices.SortStableFunc(hits, order)
		}
		fc.key, fc.version, fc.hits = string(key), e.version, hits
	}
	total := len(hits)
	page, more := pageSlice(hits, top, skip)
	items := make([]contactFilterItem, 0, len(page))
	for _, r := range page {
		items = append(items, e.contactFilterItem(r))
	}
	c.json(http.StatusOK, pageBody[contactFilterItem]{Items: items, HasMore: more, TotalCount: &total})
}

func (e *Emulator) countContacts(c *call) {
	var f contactFilter
	if !c.decodeOptional(&f) {
		return
	}
	match, _, errs := e.compileContactFilter(&f, false)
	if len(errs) > 0 {
		c.invalid(errs...)
		return
	}
	n := 0
	for _, r := range e.contacts.all() {
		if match(r) {
			n++
		}
	}
	c.json(http.StatusOK, map[string]int{"count": n})
}

func (e *Emulator) contactByPath(c *call) (*contactRec, bool) {
	id, ok := c.pathID("id")
	if !ok {
		return nil, false
	}
	r, ok := e.contacts.get(id)
	if !ok {
		c.notFound("contact.notFound", "Contact", id)
		return nil, false
	}
	return r, true
}

func (e *Emulator) getContact(c *call) {
	if r, ok := e.contactByPath(c); ok {
		c.json(http.StatusOK, e.contactJSON(r))
	}
}

func (e *Emulator) createContact(c *call) {
	var w contactWrite
	if !c.decode(&w) {
		return
	}
	if errs := e.validateContactWrite(&w, ""); len(errs) > 0 {
		c.invalid(errs...)
		return
	}
	hasEmail := w.Email.Set && !w.Email.Null && strings.TrimSpace(w.Email.V) != ""
	hasLI := w.LinkedInURL.Set && !w.LinkedInURL.Null && strings.TrimSpace(w.LinkedInURL.V) != ""
	if !hasEmail && !hasLI {
		c.problem(http.StatusBadRequest, "contact.invalidInput", "A contact must have at least an email or a LinkedIn URL.")
		return
	}
	if hasEmail && e.emailTaken(w.Email.V, 0) {
		c.problem(http.StatusBadRequest, "contact.invalidInput", "Contact with this email already exists.")
		return
	}
	if msg := e.checkContactRefs(&w, false); msg != "" {
		c.problem(http.StatusBadRequest, "contact.invalidInput", msg)
		return
	}
	r := e.newContact(&w, c.user().ID)
	c.created(e.contactJSON(r))
}

func (e *Emulator) patchContact(c *call) {
	// Path id and body are validated together before the lookup (§1.6).
	if _, ok := c.pathID("id"); !ok {
		return
	}
	var w contactWrite
	if !c.decode(&w) {
		return
	}
	if errs := e.validateContactWrite(&w, ""); len(errs) > 0 {
		c.invalid(errs...)
		return
	}
	if len(c.pending) > 0 {
		return
	}
	r, ok := e.contactByPath(c)
	if !ok {
		return
	}
	if w.Email.Set && !w.Email.Null && e.emailTaken(w.Email.V, r.ID) {
		c.problem(http.StatusBadRequest, "contact.invalidInput", "Contact with this email already exists.")
		return
	}
	result := func(cur nstr, o opt[string]) string {
		if !o.Set {
			return strings.TrimSpace(cur.S)
		}
		if o.Null {
			return ""
		}
		return strings.TrimSpace(o.V)
	}
	if result(r.Email, w.Email) == "" && result(r.LinkedInURL, w.LinkedInURL) == "" {
		c.problem(http.StatusBadRequest, "contact.invalidInput", "A contact must have at least an email or a LinkedIn URL.")
		return
	}
	if msg := e.checkContactRefs(&w, true); msg != "" {
		c.problem(http.StatusBadRequest, "contact.invalidInput", msg)
		return
	}
	before, _ := json.Marshal(e.contactJSON(r))
	beforeP2 := r.Phone2
	optedOut, called := e.applyContactWrite(r, &w, true, false)
	after, _ := json.Marshal(e.contactJSON(r))
	if string(before) != string(after) || beforeP2 != r.Phone2 {
		e.touchContact(r)
	}
	e.contactSideEffects(r, optedOut, called)
	c.json(http.StatusOK, e.contactJSON(r))
}

func (e *Emulator) deleteContactRoute(c *call) {
	if r, ok := e.contactByPath(c); ok {
		e.deleteContact(r)
		c.noContent()
	}
}

// notProcessed is a B1 item.
type notProcessed struct {
	Error        string `json:"error"`
	ErrorDetails nstr   `json:"errorDetails"`
}

func np(code, detail string) notProcessed { return notProcessed{Error: code, ErrorDetails: sv(detail)} }

// decodeIDs reads {"<member>": [int, ...]} and checks 1..max ids (and duplicates when noDup).
func (c *call) decodeIDs(member string, max int, noDup bool) ([]int64, bool) {
	var body map[string]json.RawMessage
	if !c.decode(&body) {
		return nil, false
	}
	raw, ok := body[member]
	if !ok || string(raw) == "null" {
		c.invalid(fieldError{"/" + member, "Field is required."})
		return nil, false
	}
	var ids []int64
	if err := json.Unmarshal(raw, &ids); err != nil {
		c.invalid(fieldError{typeErrorPointer(raw, reflect.TypeFor[[]int64](), "/"+member), "Value has an invalid type."})
		return nil, false
	}
	if len(ids) == 0 {
		msg := "At least one ID is required."
		if member == "contactIds" {
			msg = "At least one contact ID is required."
		}
		c.invalid(fieldError{"/" + member, msg})
		return nil, false
	}
	if max > 0 && len(ids) > max {
		c.invalid(fieldError{"/" + member, "At most " + strconv.Itoa(max) + " IDs are allowed."})
		return nil, false
	}
	seen := map[int64]bool{}
	for i, id := range ids {
		if id < 1 {
			c.invalid(fieldError{"/" + member + "/" + strconv.Itoa(i), "IDs must be positive."})
			return nil, false
		}
		if noDup && seen[id] {
			c.invalid(fieldError{"/" + member + "/" + strconv.Itoa(i), "Duplicate IDs are not allowed."})
			return nil, false
		}
		seen[id] = true
	}
	return ids, true
}

func (e *Emulator) bulkDeleteContacts(c *call) {
	ids, ok := c.decodeIDs("ids", 1000, false)
	if !ok {
		return
	}
	out := map[string]notProcessed{}
	for _, id := range ids {
		r, ok := e.contacts.get(id)
		if !ok {
			out[itoa(id)] = np("notFound", "Contact "+itoa(id)+" not found.")
			continue
		}
		e.deleteContact(r)
	}
	c.json(http.StatusOK, out)
}

type importOptions struct {
	OverwriteExisting bool    `json:"overwriteExisting"`
	SkipExisting      bool    `json:"skipExisting"`
	SkipWithoutEmails bool    `json:"skipWithoutEmails"`
	DetectTimeZone    bool    `json:"detectTimeZone"`
	RestoreDeleted    bool    `json:"restoreDeleted"`
	ListIDs           []int64 `json:"listIds"`
	SequenceID        *int64  `json:"sequenceId"`
	Keys              struct {
		LinkedInURL    bool    `json:"linkedInUrl"`
		Phone          bool    `json:"phone"`
		FirstName      bool    `json:"firstName"`
		LastName       bool    `json:"lastName"`
		Company        bool    `json:"company"`
		CustomFieldIDs []int64 `json:"customFieldIds"`
	} `json:"keys"`
}

type importItem struct {
	ID     *int64 `json:"id"`
	Status string `json:"status"`
	Error  nstr   `json:"error"`
}

func (e *Emulator) importContacts(c *call) {
	var body struct {
		Items   []json.RawMessage `json:"items"`
		Options importOptions     `json:"options"`
	}
	if !c.decode(&body) {
		return
	}
	if len(body.Items) == 0 {
		c.invalid(fieldError{"/items", "At least one item is required."})
		return
	}
	if len(body.Items) > 1000 {
		c.problem(http.StatusBadRequest, "contact.limitExceeded", "At most 1000 contacts can be imported per request.")
		return
	}
	opts := body.Options
	for i, lid := range opts.ListIDs {
		if _, ok := e.contactLists.get(lid); !ok {
			c.invalid(fieldError{"/options/listIds/" + strconv.Itoa(i), "Contact list " + itoa(lid) + " not found."})
			return
		}
	}
	if opts.SequenceID != nil {
		if _, ok := e.sequenceName(*opts.SequenceID); !ok {
			c.invalid(fieldError{"/options/sequenceId", "Sequence " + itoa(*opts.SequenceID) + " not found."})
			return
		}
	}
	var res struct {
		Items   []importItem `json:"items"`
		Added   int          `json:"added"`
		Updated int          `json:"updated"`
		Skipped int          `json:"skipped"`
		Failed  int          `json:"failed"`
	}
	res.Items = make([]importItem, 0, len(body.Items))
	fail := func(msg string) {
		res.Items = append(res.Items, importItem{Status: "failed", Error: sv(msg)})
		res.Failed++
	}
	for _, raw := range body.Items {
		var w contactWrite
		if err := json.Unmarshal(raw, &w); err != nil {
			fail("Wrong field format")
			continue
		}
		w.IsOptedOut, w.CallStatus, w.MeetingStatus, w.OwnerUserID = opt[bool]{}, opt[string]{}, opt[string]{}, opt[int64]{}
		if w.TimeZoneID.Set && !w.TimeZoneID.Null && w.TimeZoneID.V != "" && !validIANAZone(w.TimeZoneID.V) {
			fail("Unknown timeZoneId '" + w.TimeZoneID.V + "'.")
			continue
		}
		if len(e.validateContactWrite(&w, "")) > 0 {
			fail("Wrong field format")
			continue
		}
		if !w.FirstName.Set || w.FirstName.Null || strings.TrimSpace(w.FirstName.V) == "" {
			fail("Invalid data")
			continue
		}
		email := ""
		if w.Email.Set && !w.Email.Null {
			email = strings.TrimSpace(w.Email.V)
		}
		hasLI := w.LinkedInURL.Set && !w.LinkedInURL.Null && w.LinkedInURL.V != ""
		if email == "" && opts.SkipWithoutEmails {
			res.Items = append(res.Items, importItem{Status: "skipped"})
			res.Skipped++
			continue
		}
		if email == "" && !hasLI {
			fail("Invalid data")
			continue
		}
		if e.checkContactRefs(&w, false) != "" {
			fail("Invalid data")
			continue
		}
		existing := e.findImportMatch(&w, email, &opts)
		if existing == nil && email != "" && opts.RestoreDeleted {
			if old, ok := e.deletedContacts[strings.ToLower(email)]; ok && !e.emailTaken(email, 0) {
				delete(e.deletedContacts, strings.ToLower(email))
				if _, ok := e.accounts.get(old.AccountID); ok {
					e.linkAccount(0, old.AccountID)
					e.touchAccount(old.AccountID)
				} else {
					old.AccountID = 0
				}
				old.ListIDs = slices.DeleteFunc(old.ListIDs, func(id int64) bool { _, ok := e.contactLists.get(id); return !ok })
				e.contacts.put(old.ID, old)
				e.contactEmails[strings.ToLower(email)] = old.ID
				e.applyContactWrite(old, &w, false, false)
				e.touchContact(old)
				e.importPlace(old, &opts)
				id := old.ID
				res.Items = append(res.Items, importItem{ID: &id, Status: "restored"})
				res.Added++
				continue
			}
		}
		if existing != nil {
			id := existing.ID
			if opts.SkipExisting {
				res.Items = append(res.Items, importItem{ID: &id, Status: "skipped"})
				res.Skipped++
				continue
			}
			if w.Email.Set && !w.Email.Null && e.emailTaken(w.Email.V, existing.ID) {
				fail("Invalid data")
				continue
			}
			before, _ := json.Marshal(e.contactJSON(existing))
			e.applyContactWrite(existing, &w, false, !opts.OverwriteExisting)
			if after, _ := json.Marshal(e.contactJSON(existing)); string(before) != string(after) {
				e.touchContact(existing)
			}
			e.importPlace(existing, &opts)
			res.Items = append(res.Items, importItem{ID: &id, Status: "updated"})
			res.Updated++
			continue
		}
		r := e.newContact(&w, c.user().ID)
		e.importPlace(r, &opts)
		id := r.ID
		res.Items = append(res.Items, importItem{ID: &id, Status: "created"})
		res.Added++
	}
	c.json(http.StatusOK, res)
}

// findImportMatch finds the existing contact an import item updates: by email, else by the option keys.
func (e *Emulator) findImportMatch(w *contactWrite, email string, o *importOptions) *contactRec {
	if email != "" {
		if id, ok := e.contactEmails[strings.ToLower(email)]; ok {
			r, _ := e.contacts.get(id)
			return r
		}
		return nil
	}
	if o.Keys.LinkedInURL && w.LinkedInURL.Set && !w.LinkedInURL.Null && w.LinkedInURL.V != "" {
		for _, r := range e.contacts.all() {
			if r.LinkedInURL.Valid && strings.EqualFold(r.LinkedInURL.S, w.LinkedInURL.V) {
				return r
			}
		}
	}
	return nil
}

// importPlace adds an imported contact to the option lists (and the sequence, when the sequences side can).
func (e *Emulator) importPlace(r *contactRec, o *importOptions) {
	for _, lid := range o.ListIDs {
		e.addToList(r, lid)
	}
	if o.SequenceID != nil {
		e.importEnrol(*o.SequenceID, r.ID)
	}
}

func (e *Emulator) contactListsOf(c *call) {
	r, ok := e.contactByPath(c)
	if !ok {
		return
	}
	type item struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	}
	out := []item{}
	for _, lid := range r.ListIDs {
		if l, ok := e.contactLists.get(lid); ok {
			out = append(out, item{l.ID, l.Name})
		}
	}
	c.json(http.StatusOK, out)
}

type activityJSON struct {
	ID           int64          `json:"id"`
	Date         tOffset        `json:"date"`
	ActivityType string         `json:"activityType"`
	SourceType   string         `json:"sourceType"`
	UserName     string         `json:"userName"`
	UserID       int64          `json:"userId"`
	Content      map[string]any `json:"content"`
}

func (e *Emulator) contactActivities(c *call) {
	r, ok := e.contactByPath(c)
	if !ok {
		return
	}
	top, skip, ok := c.page(25, 1000, "contact.invalidPagination")
	if !ok {
		return
	}
	var items []activityJSON
	for _, a := range e.activities.all() {
		if a.ContactID == r.ID {
			items = append(items, activityJSON{a.ID, tOffset(a.Date), a.ActivityType, a.SourceType, a.UserName, a.UserID, a.Content})
		}
	}
	writePage(c, items, top, skip)
}

func (e *Emulator) addContactNote(c *call) {
	r, ok := e.contactByPath(c)
	if !ok {
		return
	}
	var b struct {
		Notes *string `json:"notes"`
	}
	if !c.decode(&b) {
		return
	}
	if b.Notes == nil {
		c.invalid(fieldError{"/notes", "Field is required."})
		return
	}
	if strings.TrimSpace(*b.Notes) == "" {
		c.problem(http.StatusBadRequest, "contact.invalidInput", "Notes must not be empty.")
		return
	}
	u := c.user()
	id := e.nextID("activity")
	e.activities.put(id, &activityRec{ID: id, ContactID: r.ID, Date: c.now(), ActivityType: "note", SourceType: "api",
		UserName: u.Name, UserID: u.ID, Content: map[string]any{"notes": *b.Notes}})
	c.noContent()
}

func (e *Emulator) setContactsOwner(c *call) {
	var b struct {
		ContactIDs    []int64 `json:"contactIds"`
		UserID        *int64  `json:"userId"`
		ReassignTasks bool    `json:"reassignTasks"`
	}
	if !c.decode(&b) {
		return
	}
	var errs []fieldError
	if len(b.ContactIDs) == 0 {
		errs = append(errs, fieldError{"/contactIds", "At least one contact ID is required."})
	}
	if b.UserID == nil {
		errs = append(errs, fieldError{"/userId", "Field is required."})
	}
	if len(errs) > 0 {
		c.invalid(errs...)
		return
	}
	if !e.isTeamUser(*b.UserID) {
		c.problem(http.StatusNotFound, "contact.notFound", "User "+itoa(*b.UserID)+" not found in the team.")
		return
	}
	affected := []int64{}
	for _, id := range b.ContactIDs {
		r, ok := e.contacts.get(id)
		if !ok {
			continue
		}
		if r.OwnerUserID != *b.UserID {
			r.OwnerUserID = *b.UserID
			e.touchContact(r)
		}
		affected = append(affected, id)
		if b.ReassignTasks {
			for _, t := range e.tasks.all() {
				if t.ContactID == id && t.Status == "new" {
					t.AssignedUserID = *b.UserID
				}
			}
		}
	}
	c.json(http.StatusOK, map[string]any{"isSuccess": true, "affectedIds": affected})
}

func (e *Emulator) setContactsOptedOut(c *call) {
	var b struct {
		ContactIDs []int64 `json:"contactIds"`
		IsOptedOut *bool   `json:"isOptedOut"`
	}
	if !c.decode(&b) {
		return
	}
	var errs []fieldError
	if len(b.ContactIDs) == 0 || len(b.ContactIDs) > 100 {
		errs = append(errs, fieldError{"/contactIds", "Between 1 and 100 contact IDs are required."})
	}
	seen := map[int64]bool{}
	for i, id := range b.ContactIDs {
		if id < 1 || seen[id] {
			errs = append(errs, fieldError{"/contactIds/" + strconv.Itoa(i), "Contact IDs must be positive and unique."})
		}
		seen[id] = true
	}
	if b.IsOptedOut == nil {
		errs = append(errs, fieldError{"/isOptedOut", "Field is required."})
	}
	if len(errs) > 0 {
		c.invalid(errs...)
		return
	}
	out := map[string]notProcessed{}
	for _, id := range b.ContactIDs {
		r, ok := e.contacts.get(id)
		if !ok {
			out[itoa(id)] = np("notFound", "Contact "+itoa(id)+" not found.")
			continue
		}
		was := r.IsOptedOut
		r.IsOptedOut = *b.IsOptedOut
		if was != r.IsOptedOut {
			e.touchContact(r)
		}
		if r.IsOptedOut && !was {
			e.optOutContactInSequences(r.ID)
		}
	}
	c.json(http.StatusOK, out)
}
