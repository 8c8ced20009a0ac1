package replytest

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
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

func (e *Emulator) registerContactRoutes() {}
