package reply

import (
	"bytes"
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"
)

// ContactsService provides the calls of /v3/contacts (REFERENCE.md §2.3, §3.2–§3.4).
type ContactsService service

// ContactsMaxTop is the largest page size of the contact lists and filter.
const ContactsMaxTop = 1000

// Contact is a contact (a prospect). String fields that the API sends as null are "". ID fields that are null
// are 0.
type Contact struct {
	ID                        ID                 `json:"id"`
	Email                     string             `json:"email"`
	Domain                    string             `json:"domain"`
	FirstName                 string             `json:"firstName"`
	LastName                  string             `json:"lastName"`
	Title                     string             `json:"title"`
	Company                   string             `json:"company"`
	CompanySize               string             `json:"companySize"` // "empty", "ten", ... (any case)
	Industry                  string             `json:"industry"`
	City                      string             `json:"city"`
	State                     string             `json:"state"`
	Country                   string             `json:"country"`
	Notes                     string             `json:"notes"`
	Phone                     string             `json:"phone"`
	PhoneStatus               string             `json:"phoneStatus"`
	TimeZoneID                string             `json:"timeZoneId"`
	LinkedInURL               string             `json:"linkedInUrl"`
	LinkedInSalesNavigatorURL string             `json:"linkedInSalesNavigatorUrl"`
	LinkedInRecruiterURL      string             `json:"linkedInRecruiterUrl"`
	OwnerUserID               ID                 `json:"ownerUserId"`
	AccountID                 ID                 `json:"accountId"`
	IsOptedOut                bool               `json:"isOptedOut"`
	CallStatus                string             `json:"callStatus"`    // none, toCall, called
	MeetingStatus             string             `json:"meetingStatus"` // none, meetingBooked
	AddingDate                Time               `json:"addingDate"`
	CreatedAt                 Time               `json:"createdAt"`      // null live: zero
	LastModifiedAt            Time               `json:"lastModifiedAt"` // null live: zero
	CustomFields              []CustomFieldValue `json:"customFields"`
	Sequences                 []ContactSequence  `json:"sequences,omitempty"` // filter items only
	Lists                     []ContactListEntry `json:"lists,omitempty"`     // filter items only
}

// CustomFieldValue is a contact's value of one custom field as read: Key is the custom field's id as a decimal
// string (live), Value nil when null.
type CustomFieldValue struct {
	Key   string  `json:"key"`
	Value *string `json:"value"`
}

// UnmarshalJSON decodes a CustomFieldValue leniently (see the type's documentation).
func (v *CustomFieldValue) UnmarshalJSON(data []byte) error {
	var w struct {
		Key   flexString `json:"key"`
		Value *string    `json:"value"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	v.Key, v.Value = string(w.Key), w.Value
	return nil
}

// CustomFieldWrite sets a contact's custom field on create, update or import: by ID (wins) or by Name (the
// field's title, case-insensitive). A nil Value clears it.
type CustomFieldWrite struct {
	ID    int64   `json:"id,omitempty"`
	Name  string  `json:"name,omitempty"`
	Value *string `json:"value"`
}

// ContactListEntry is a list membership as carried by contact filter items.
type ContactListEntry struct {
	ListID   ID     `json:"listId"`
	ListName string `json:"listName"`
	IsShared bool   `json:"isShared"`
}

// ContactSequence is one sequence a contact is in (GET /v3/contacts/{id}/sequences, filter items). The older
// documented shape ({status, currentStep: int}, REFERENCE.md §7 #13) is accepted too: status goes to
// StatusInSequence as sent (any case) and the integer to CurrentStepID (the docs do not say whether it is an id
// or a position).
type ContactSequence struct {
	SequenceID        ID
	SequenceName      string
	StatusInSequence  string // active, paused, finished, outOfOffice, ...
	CurrentStepID     ID     // 0 when none
	CurrentStepName   string // displayName
	AddingDate        Time
	EmailAccountID    ID
	LinkedInAccountID ID
}

// UnmarshalJSON decodes a ContactSequence leniently (see the type's documentation).
func (s *ContactSequence) UnmarshalJSON(data []byte) error {
	var w struct {
		SequenceID        ID              `json:"sequenceId"`
		SequenceName      string          `json:"sequenceName"`
		StatusInSequence  string          `json:"statusInSequence"`
		Status            string          `json:"status"`
		CurrentStep       json.RawMessage `json:"currentStep"`
		AddingDate        Time            `json:"addingDate"`
		EmailAccountID    ID              `json:"emailAccountId"`
		LinkedInAccountID ID              `json:"linkedInAccountId"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*s = ContactSequence{SequenceID: w.SequenceID, SequenceName: w.SequenceName, StatusInSequence: w.StatusInSequence,
		AddingDate: w.AddingDate, EmailAccountID: w.EmailAccountID, LinkedInAccountID: w.LinkedInAccountID}
	if s.StatusInSequence == "" {
		s.StatusInSequence = w.Status
	}
	cs := bytes.TrimSpace(w.CurrentStep)
	switch {
	case len(cs) == 0 || string(cs) == "null":
	case cs[0] == '{':
		var st struct {
			StepID      ID     `json:"stepId"`
			DisplayName string `json:"displayName"`
		}
		if err := json.Unmarshal(cs, &st); err != nil {
			return err
		}
		s.CurrentStepID, s.CurrentStepName = st.StepID, st.DisplayName
	default:
		var n ID
		if err := n.UnmarshalJSON(cs); err != nil {
			return err
		}
		s.CurrentStepID = n
	}
	return nil
}

// ContactCreate is the body of a contact create (and an import item). Empty fields are not sent.
type ContactCreate struct {
	Email                     string             `json:"email,omitempty"`
	FirstName                 string             `json:"firstName,omitempty"`
	LastName                  string             `json:"lastName,omitempty"`
	Phone                     string             `json:"phone,omitempty"`
	Phone2                    string             `json:"phone2,omitempty"`
	Title                     string             `json:"title,omitempty"`
	Company                   string             `json:"company,omitempty"`
	CompanySize               string             `json:"companySize,omitempty"` // request casing: Empty, SelfEmployed, Ten, ...
	Industry                  string             `json:"industry,omitempty"`
	City                      string             `json:"city,omitempty"`
	State                     string             `json:"state,omitempty"`
	Country                   string             `json:"country,omitempty"`
	TimeZoneID                string             `json:"timeZoneId,omitempty"`
	LinkedInURL               string             `json:"linkedInUrl,omitempty"`
	LinkedInSalesNavigatorURL string             `json:"linkedInSalesNavigatorUrl,omitempty"`
	LinkedInRecruiterURL      string             `json:"linkedInRecruiterUrl,omitempty"`
	Notes                     string             `json:"notes,omitempty"`
	AccountID                 int64              `json:"accountId,omitempty"`
	CustomFields              []CustomFieldWrite `json:"customFields,omitempty"`
}

// ContactUpdate is a PATCH body: nil fields are left unchanged; the API members named in Clear are sent as null,
// which clears them (e.g. Clear: []string{"title", "accountId"}).
type ContactUpdate struct {
	Email                     *string            `json:"email,omitempty"`
	FirstName                 *string            `json:"firstName,omitempty"`
	LastName                  *string            `json:"lastName,omitempty"`
	Phone                     *string            `json:"phone,omitempty"`
	Phone2                    *string            `json:"phone2,omitempty"`
	Title                     *string            `json:"title,omitempty"`
	Company                   *string            `json:"company,omitempty"`
	CompanySize               *string            `json:"companySize,omitempty"`
	Industry                  *string            `json:"industry,omitempty"`
	City                      *string            `json:"city,omitempty"`
	State                     *string            `json:"state,omitempty"`
	Country                   *string            `json:"country,omitempty"`
	TimeZoneID                *string            `json:"timeZoneId,omitempty"`
	LinkedInURL               *string            `json:"linkedInUrl,omitempty"`
	LinkedInSalesNavigatorURL *string            `json:"linkedInSalesNavigatorUrl,omitempty"`
	LinkedInRecruiterURL      *string            `json:"linkedInRecruiterUrl,omitempty"`
	Notes                     *string            `json:"notes,omitempty"`
	AccountID                 *int64             `json:"accountId,omitempty"`
	OwnerUserID               *int64             `json:"ownerUserId,omitempty"`
	IsOptedOut                *bool              `json:"isOptedOut,omitempty"`
	CallStatus                *string            `json:"callStatus,omitempty"`    // none, toCall, called
	MeetingStatus             *string            `json:"meetingStatus,omitempty"` // none, meetingBooked
	CustomFields              []CustomFieldWrite `json:"customFields,omitempty"`
	Clear                     []string           `json:"-"` // API members to send as null
}

// MarshalJSON writes the set fields plus a null for every member in Clear.
func (u ContactUpdate) MarshalJSON() ([]byte, error) {
	type plain ContactUpdate
	return withNulls(plain(u), u.Clear)
}

// withNulls encodes v and adds "member": null for each name in nulls not already present.
func withNulls(v any, nulls []string) ([]byte, error) {
	data, err := json.Marshal(v)
	if err != nil || len(nulls) == 0 {
		return data, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	for _, k := range nulls {
		if _, ok := m[k]; !ok {
			m[k] = json.RawMessage("null")
		}
	}
	return json.Marshal(m)
}

// ContactListOptions selects contacts for GET /v3/contacts.
type ContactListOptions struct {
	Top, Skip, Limit int    // paging; see [Paging]
	Email            string // exact, case-insensitive
	LinkedIn         string // LinkedIn profile URL
}

func (o *ContactListOptions) paging() Paging {
	if o == nil {
		return Paging{}
	}
	return Paging{Top: o.Top, Skip: o.Skip, Limit: o.Limit}
}

func (o *ContactListOptions) values() url.Values {
	q := url.Values{}
	if o != nil {
		setStr(q, "email", o.Email)
		setStr(q, "linkedIn", o.LinkedIn)
	}
	return q
}

// List iterates over contacts, one page at a time.
func (s *ContactsService) List(ctx context.Context, opts *ContactListOptions) iter.Seq2[Contact, error] {
	q := opts.values()
	return pages(ctx, opts.paging(), ContactsMaxTop, func(ctx context.Context, p Paging) (Page[Contact], error) {
		return getPage[Contact](ctx, s.c, "/v3/contacts", q, p)
	})
}

// ListPage returns one page of GET /v3/contacts.
// A failure is an [*Error]: [ErrBadRequest] or [ErrValidation] for out-of-range paging or bad criteria.
func (s *ContactsService) ListPage(ctx context.Context, opts *ContactListOptions) (Page[Contact], error) {
	return getPage[Contact](ctx, s.c, "/v3/contacts", opts.values(), opts.paging())
}

// GetByEmail returns the contact with the given email (case-insensitive). The error wraps [ErrNotFound] if there
// is none.
func (s *ContactsService) GetByEmail(ctx context.Context, email string) (Contact, error) {
	pg, err := s.ListPage(ctx, &ContactListOptions{Email: email, Top: 1})
	if err != nil {
		return Contact{}, err
	}
	if len(pg.Items) == 0 {
		return Contact{}, &Error{Status: http.StatusNotFound, Title: "Not Found", Detail: "no contact with email " + email,
			Code: "contact.notFound", Method: http.MethodGet, Path: "/v3/contacts", Err: ErrNotFound}
	}
	return pg.Items[0], nil
}

// ContactRule is one rule of a contact filter, e.g. {lastModifiedAt greaterThan 2026-01-01T00:00:00Z}.
type ContactRule struct {
	Property  string  `json:"property"`
	Condition string  `json:"condition"`
	Value     *string `json:"value"`
}

// ContactFilter is the body of POST /v3/contacts/filter plus paging. Zero members are not sent.
type ContactFilter struct {
	Top, Skip, Limit int           `json:"-"`
	Rules            []ContactRule `json:"rules,omitempty"`
	ListID           int64         `json:"listId,omitempty"`
	SequenceID       int64         `json:"sequenceId,omitempty"`
	SequenceStepID   int64         `json:"sequenceStepId,omitempty"`
	SearchTerm       string        `json:"searchTerm,omitempty"`
	SortBy           string        `json:"sortBy,omitempty"`        // lastModifiedAt, createdAt, addingDate, id, email
	SortDirection    string        `json:"sortDirection,omitempty"` // asc, desc
}

func (f *ContactFilter) body() ContactFilter {
	if f == nil {
		return ContactFilter{}
	}
	return *f
}

func (f *ContactFilter) paging() Paging {
	if f == nil {
		return Paging{}
	}
	return Paging{Top: f.Top, Skip: f.Skip, Limit: f.Limit}
}

// Filter iterates over the contacts matching f (POST /v3/contacts/filter), one page at a time.
func (s *ContactsService) Filter(ctx context.Context, f *ContactFilter) iter.Seq2[Contact, error] {
	body := f.body()
	return pages(ctx, f.paging(), ContactsMaxTop, func(ctx context.Context, p Paging) (Page[Contact], error) {
		return postPage[Contact](ctx, s.c, "/v3/contacts/filter", body, p)
	})
}

// FilterPage returns one page of POST /v3/contacts/filter; TotalCount is set when the API reports it.
// A failure is an [*Error]: [ErrBadRequest] or [ErrValidation] for out-of-range paging or bad criteria.
func (s *ContactsService) FilterPage(ctx context.Context, f *ContactFilter) (Page[Contact], error) {
	return postPage[Contact](ctx, s.c, "/v3/contacts/filter", f.body(), f.paging())
}

// Get returns the contact with the given ID. The error wraps [ErrNotFound] if there is none.
func (s *ContactsService) Get(ctx context.Context, id int64) (Contact, error) {
	return getJSON[Contact](ctx, s.c, "/v3/contacts/{id}", nil, itoa(id))
}

// Create creates a contact (email or LinkedIn URL required) and returns it.
// Invalid input is an [*Error] wrapping [ErrValidation] (with field pointers) or [ErrBadRequest].
func (s *ContactsService) Create(ctx context.Context, c ContactCreate) (Contact, error) {
	return sendJSON[Contact](ctx, s.c, http.MethodPost, "/v3/contacts", c)
}

// Update patches the contact: only the fields set in u change. It returns the updated contact.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *ContactsService) Update(ctx context.Context, id int64, u ContactUpdate) (Contact, error) {
	return sendJSON[Contact](ctx, s.c, http.MethodPatch, "/v3/contacts/{id}", u, itoa(id))
}

// Delete deletes the contact. The error wraps [ErrNotFound] if there is none.
func (s *ContactsService) Delete(ctx context.Context, id int64) error {
	return sendNoContent(ctx, s.c, http.MethodDelete, "/v3/contacts/{id}", nil, itoa(id))
}

// BulkDelete deletes contacts (in chunks of 1000) and returns the ids that were not deleted.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request) means a whole request failed, and the result then holds what the earlier requests returned.
func (s *ContactsService) BulkDelete(ctx context.Context, ids []int64) (BulkResult, error) {
	return bulkIDs(ids, 1000, func(chunk []int64) (BulkResult, error) {
		return sendJSON[BulkResult](ctx, s.c, http.MethodPost, "/v3/contacts/bulk-delete", idsBody{IDs: chunk})
	})
}

// ContactImportItem is one contact of an import: ContactCreate fields plus the PATCH-only ones. FirstName is
// required per item.
type ContactImportItem struct {
	ContactCreate
	IsOptedOut    *bool  `json:"isOptedOut,omitempty"`
	CallStatus    string `json:"callStatus,omitempty"`
	MeetingStatus string `json:"meetingStatus,omitempty"`
	OwnerUserID   int64  `json:"ownerUserId,omitempty"`
}

// ContactImportKeys chooses the dedupe keys of an import (email is the default).
type ContactImportKeys struct {
	LinkedInURL    bool    `json:"linkedInUrl,omitempty"`
	Phone          bool    `json:"phone,omitempty"`
	FirstName      bool    `json:"firstName,omitempty"`
	LastName       bool    `json:"lastName,omitempty"`
	Company        bool    `json:"company,omitempty"`
	CustomFieldIDs []int64 `json:"customFieldIds,omitempty"`
}

// ContactImportOptions are the options of POST /v3/contacts/import.
type ContactImportOptions struct {
	OverwriteExisting bool               `json:"overwriteExisting,omitempty"`
	SkipExisting      bool               `json:"skipExisting,omitempty"`
	SkipWithoutEmails bool               `json:"skipWithoutEmails,omitempty"`
	DetectTimeZone    bool               `json:"detectTimeZone,omitempty"`
	RestoreDeleted    bool               `json:"restoreDeleted,omitempty"`
	ListIDs           []int64            `json:"listIds,omitempty"`
	SequenceID        int64              `json:"sequenceId,omitempty"`
	Keys              *ContactImportKeys `json:"keys,omitempty"`
}

// ImportResult is the B5 summary of an import: one item per input item, in order.
type ImportResult struct {
	Items   []ImportItemResult `json:"items"`
	Added   int                `json:"added"`
	Updated int                `json:"updated"`
	Skipped int                `json:"skipped"`
	Failed  int                `json:"failed"`
}

// ImportItemResult is the outcome of one import item: Status is created, updated, skipped, failed or restored.
type ImportItemResult struct {
	ID     ID     `json:"id"`
	Status string `json:"status"`
	Error  string `json:"error"` // "" when none
}

// UnmarshalJSON decodes an ImportItemResult leniently (see the type's documentation).
func (r *ImportItemResult) UnmarshalJSON(data []byte) error {
	var w struct {
		ID     ID         `json:"id"`
		Status string     `json:"status"`
		Error  flexString `json:"error"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*r = ImportItemResult{ID: w.ID, Status: w.Status, Error: string(w.Error)}
	return nil
}

// ContactImportMax is the largest number of items per import request.
const ContactImportMax = 1000

// Import creates or updates contacts in bulk (POST /v3/contacts/import), in requests of at most 1000 items,
// and returns the merged per-item results in input order. After an error, the result holds the requests that
// completed.
func (s *ContactsService) Import(ctx context.Context, items []ContactImportItem, opts *ContactImportOptions) (ImportResult, error) {
	var out ImportResult
	for len(items) > 0 {
		n := min(ContactImportMax, len(items))
		body := struct {
			Items   []ContactImportItem   `json:"items"`
			Options *ContactImportOptions `json:"options,omitempty"`
		}{items[:n], opts}
		r, err := sendJSON[ImportResult](ctx, s.c, http.MethodPost, "/v3/contacts/import", body)
		if err != nil {
			return out, err
		}
		out.Items = append(out.Items, r.Items...)
		out.Added += r.Added
		out.Updated += r.Updated
		out.Skipped += r.Skipped
		out.Failed += r.Failed
		items = items[n:]
	}
	return out, nil
}

// ContactStatuses are a contact's contact-level flags and its status in each sequence.
type ContactStatuses struct {
	ContactID     ID                      `json:"contactId"`
	IsOptedOut    bool                    `json:"isOptedOut"`
	CallStatus    string                  `json:"callStatus"`
	MeetingStatus string                  `json:"meetingStatus"`
	Sequences     []ContactSequenceStatus `json:"sequences"`
}

// ContactSequenceStatus is a contact's status in one sequence.
type ContactSequenceStatus struct {
	SequenceID       ID                `json:"sequenceId"`
	SequenceName     string            `json:"sequenceName"`
	StatusInSequence string            `json:"statusInSequence"`
	EmailDisposition *EmailDisposition `json:"emailDisposition"`
}

// EmailDisposition holds the replied and bounced flags of a membership; nil before any email was sent.
type EmailDisposition struct {
	IsReplied bool `json:"isReplied"`
	IsBounced bool `json:"isBounced"`
}

// Statuses returns the contact's statuses (GET /v3/contacts/{id}/statuses).
// The error wraps [ErrNotFound] if there is none.
func (s *ContactsService) Statuses(ctx context.Context, id int64) (ContactStatuses, error) {
	return getJSON[ContactStatuses](ctx, s.c, "/v3/contacts/{id}/statuses", nil, itoa(id))
}

// Sequences returns the sequences the contact is in.
// The error wraps [ErrNotFound] if there is none.
func (s *ContactsService) Sequences(ctx context.Context, id int64) ([]ContactSequence, error) {
	return getArray[ContactSequence](ctx, s.c, "/v3/contacts/{id}/sequences", nil, itoa(id))
}

// ListRef is a contact list named by id and name.
type ListRef struct {
	ID   ID     `json:"id"`
	Name string `json:"name"`
}

// Lists returns the contact lists the contact is in.
// The error wraps [ErrNotFound] if there is none.
func (s *ContactsService) Lists(ctx context.Context, id int64) ([]ListRef, error) {
	return getArray[ListRef](ctx, s.c, "/v3/contacts/{id}/lists", nil, itoa(id))
}

// Activity is an entry of a contact's activity log; Content is kept as raw JSON (null when absent).
type Activity struct {
	ID           ID              `json:"id"`
	Date         Time            `json:"date"`
	ActivityType string          `json:"activityType"`
	SourceType   string          `json:"sourceType"`
	UserName     string          `json:"userName"`
	UserID       ID              `json:"userId"`
	Content      json.RawMessage `json:"content"`
}

// ActivityListOptions pages a contact's activities.
type ActivityListOptions struct {
	Top, Skip, Limit int
}

// Activities iterates over the contact's activity log.
func (s *ContactsService) Activities(ctx context.Context, id int64, opts *ActivityListOptions) iter.Seq2[Activity, error] {
	var p Paging
	if opts != nil {
		p = Paging{Top: opts.Top, Skip: opts.Skip, Limit: opts.Limit}
	}
	return pages(ctx, p, 1000, func(ctx context.Context, p Paging) (Page[Activity], error) {
		return getPage[Activity](ctx, s.c, "/v3/contacts/{id}/activities", nil, p, itoa(id))
	})
}

// OwnerChangeResult is the answer of PUT /v3/contacts/owner.
type OwnerChangeResult struct {
	IsSuccess   bool `json:"isSuccess"`
	AffectedIDs []ID `json:"affectedIds"`
}

// SetOwner reassigns contacts to userID (PUT /v3/contacts/owner).
// Invalid input is an [*Error] wrapping [ErrValidation] or [ErrBadRequest].
func (s *ContactsService) SetOwner(ctx context.Context, contactIDs []int64, userID int64, reassignTasks bool) (OwnerChangeResult, error) {
	body := struct {
		ContactIDs    []int64 `json:"contactIds"`
		UserID        int64   `json:"userId"`
		ReassignTasks bool    `json:"reassignTasks"`
	}{contactIDs, userID, reassignTasks}
	return sendJSON[OwnerChangeResult](ctx, s.c, http.MethodPut, "/v3/contacts/owner", body)
}

// AddNote adds a note to the contact's activity log (POST /v3/contacts/{id}/notes).
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *ContactsService) AddNote(ctx context.Context, id int64, note string) error {
	body := struct {
		Notes string `json:"notes"`
	}{note}
	return sendNoContent(ctx, s.c, http.MethodPost, "/v3/contacts/{id}/notes", body, itoa(id))
}

// MoveToSequence holds the options of moving or enrolling a contact into a sequence. Zero members are not sent.
type MoveToSequence struct {
	SequenceID         int64 `json:"sequenceId"`
	RemoveFromExisting bool  `json:"removeFromExisting,omitempty"`
	StartStepID        int64 `json:"startStepId,omitempty"`
	IgnoreStepDelay    bool  `json:"ignoreStepDelay,omitempty"`
	StartFrom          *Time `json:"startFrom,omitempty"`
}

// MoveToSequence enrols the contact into m.SequenceID (POST /v3/contacts/{id}/move-to-sequence). This POST is
// not retried on 5xx.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *ContactsService) MoveToSequence(ctx context.Context, id int64, m MoveToSequence) error {
	return sendNoContent(ctx, s.c, http.MethodPost, "/v3/contacts/{id}/move-to-sequence", m, itoa(id))
}

// SetStatusInSequence sets the in-sequence status (active, paused, finished, outOfOffice) of the contacts in
// every sequence they are in, in chunks of 100, and returns the per-contact failures.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request) means a whole request failed, and the result then holds what the earlier requests returned.
func (s *ContactsService) SetStatusInSequence(ctx context.Context, contactIDs []int64, status string) (BulkResult, error) {
	return setStatus(ctx, s.c, "/v3/contacts/set-status-in-sequence", contactIDs, status)
}

// SetReplied sets or clears the replied flag of the contacts in every sequence they are in (chunks of 100).
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request) means a whole request failed, and the result then holds what the earlier requests returned.
func (s *ContactsService) SetReplied(ctx context.Context, contactIDs []int64, replied bool) (BulkResult, error) {
	return setReplied(ctx, s.c, "/v3/contacts/set-replied", contactIDs, replied)
}

// SetBounced sets or clears the bounced flag of the contacts in every sequence they are in (chunks of 100).
// resendEmails is sent only when clearing (it is then required; nil sends false).
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request) means a whole request failed, and the result then holds what the earlier requests returned.
func (s *ContactsService) SetBounced(ctx context.Context, contactIDs []int64, bounced bool, resendEmails *bool) (BulkResult, error) {
	return setBounced(ctx, s.c, "/v3/contacts/set-bounced", contactIDs, bounced, resendEmails)
}

// SetOptedOut opts contacts out or back in (POST /v3/contacts/set-opted-out, coming soon), in chunks of 100.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request) means a whole request failed, and the result then holds what the earlier requests returned.
func (s *ContactsService) SetOptedOut(ctx context.Context, contactIDs []int64, optedOut bool) (BulkResult, error) {
	return bulkIDs(contactIDs, 100, func(chunk []int64) (BulkResult, error) {
		body := struct {
			ContactIDs []int64 `json:"contactIds"`
			IsOptedOut bool    `json:"isOptedOut"`
		}{chunk, optedOut}
		return sendJSON[BulkResult](ctx, s.c, http.MethodPost, "/v3/contacts/set-opted-out", body)
	})
}

func setStatus(ctx context.Context, c *Client, tmpl string, ids []int64, status string, args ...string) (BulkResult, error) {
	return bulkIDs(ids, 100, func(chunk []int64) (BulkResult, error) {
		body := struct {
			ContactIDs       []int64 `json:"contactIds"`
			StatusInSequence string  `json:"statusInSequence"`
		}{chunk, status}
		return sendJSON[BulkResult](ctx, c, http.MethodPost, tmpl, body, args...)
	})
}

func setReplied(ctx context.Context, c *Client, tmpl string, ids []int64, replied bool, args ...string) (BulkResult, error) {
	return bulkIDs(ids, 100, func(chunk []int64) (BulkResult, error) {
		body := struct {
			ContactIDs []int64 `json:"contactIds"`
			IsReplied  bool    `json:"isReplied"`
		}{chunk, replied}
		return sendJSON[BulkResult](ctx, c, http.MethodPost, tmpl, body, args...)
	})
}

func setBounced(ctx context.Context, c *Client, tmpl string, ids []int64, bounced bool, resend *bool, args ...string) (BulkResult, error) {
	if !bounced && resend == nil {
		f := false
		resend = &f
	}
	if bounced {
		resend = nil
	}
	return bulkIDs(ids, 100, func(chunk []int64) (BulkResult, error) {
		body := struct {
			ContactIDs   []int64 `json:"contactIds"`
			IsBounced    bool    `json:"isBounced"`
			ResendEmails *bool   `json:"resendEmails,omitempty"`
		}{chunk, bounced, resend}
		return sendJSON[BulkResult](ctx, c, http.MethodPost, tmpl, body, args...)
	})
}

// Count returns the number of contacts matching f (POST /v3/contacts/filter/count, coming soon in the API;
// SortBy, SortDirection and paging are not sent). FilterPage's TotalCount is the documented alternative.
// A failure is an [*Error] ([ErrNotFound] while the API does not offer the endpoint).
func (s *ContactsService) Count(ctx context.Context, f *ContactFilter) (int, error) {
	body := f.body()
	body.SortBy, body.SortDirection = "", ""
	var out countBody
	_, err := s.c.do(ctx, call{method: http.MethodPost, tmpl: "/v3/contacts/filter/count", body: body, readOnly: true}, &out)
	return out.Count, err
}
