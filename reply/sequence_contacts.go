package reply

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strings"
)

// SequenceContactsService provides the calls about contacts in a sequence: /v3/sequences/{id}/contacts and
// /contact-links (REFERENCE.md §2.16, §3.2, §3.3).
type SequenceContactsService service

// SequenceContact is a contact's membership in a sequence.
type SequenceContact struct {
	ContactID         ID                `json:"contactId"`
	SequenceID        ID                `json:"sequenceId"`
	Email             string            `json:"email"`
	FirstName         string            `json:"firstName"`
	LastName          string            `json:"lastName"`
	Company           string            `json:"company"`
	Title             string            `json:"title"`
	StatusInSequence  string            `json:"statusInSequence"` // active, paused, finished, inactive, outOfOffice
	IsOptedOut        bool              `json:"isOptedOut"`
	CallStatus        string            `json:"callStatus"`
	MeetingStatus     string            `json:"meetingStatus"`
	EmailDisposition  *EmailDisposition `json:"emailDisposition"` // nil before any email was sent
	CurrentStep       *CurrentStep      `json:"currentStep"`
	AddingDate        Time              `json:"addingDate"`
	EmailAccountID    ID                `json:"emailAccountId"`
	LinkedInAccountID ID                `json:"linkedInAccountId"`
}

// CurrentStep is the step a membership is on: StepID 0 and DisplayName "Finished" when finished.
type CurrentStep struct {
	StepID      ID     `json:"stepId"`
	DisplayName string `json:"displayName"`
}

// SequenceContactListOptions pages and sorts the contacts of a sequence. The default order is most recently
// added first.
type SequenceContactListOptions struct {
	Top, Skip, Limit int
	SortBy           string // addingDate, email, firstName, lastName, company, statusInSequence
	SortDirection    string // asc, desc (default desc when SortBy is set)
}

func (o *SequenceContactListOptions) paging() Paging {
	if o == nil {
		return Paging{}
	}
	return Paging{Top: o.Top, Skip: o.Skip, Limit: o.Limit}
}

func (o *SequenceContactListOptions) values() url.Values {
	q := url.Values{}
	if o != nil {
		setStr(q, "sort_by", o.SortBy)
		setStr(q, "sort_direction", o.SortDirection)
	}
	return q
}

// List iterates over the contacts in the sequence, one page at a time.
func (s *SequenceContactsService) List(ctx context.Context, sequenceID int64, opts *SequenceContactListOptions) iter.Seq2[SequenceContact, error] {
	q := opts.values()
	return pages(ctx, opts.paging(), 1000, func(ctx context.Context, p Paging) (Page[SequenceContact], error) {
		return getPage[SequenceContact](ctx, s.c, "/v3/sequences/{id}/contacts", q, p, itoa(sequenceID))
	})
}

// ListPage returns one page of the contacts in the sequence.
// A failure is an [*Error]: [ErrBadRequest] or [ErrValidation] for out-of-range paging or bad criteria, [ErrNotFound]
// for a missing parent.
func (s *SequenceContactsService) ListPage(ctx context.Context, sequenceID int64, opts *SequenceContactListOptions) (Page[SequenceContact], error) {
	return getPage[SequenceContact](ctx, s.c, "/v3/sequences/{id}/contacts", opts.values(), opts.paging(), itoa(sequenceID))
}

// Get returns the contact's membership in the sequence. The error wraps [ErrNotFound] when it is not in it.
func (s *SequenceContactsService) Get(ctx context.Context, sequenceID, contactID int64) (SequenceContact, error) {
	return getJSON[SequenceContact](ctx, s.c, "/v3/sequences/{id}/contacts/{contact_id}", nil, itoa(sequenceID), itoa(contactID))
}

// SequenceContactState is a row of the extended state view; the optional members are filled when requested.
type SequenceContactState struct {
	ContactID           ID                `json:"contactId"`
	Email               string            `json:"email"`
	FirstName           string            `json:"firstName"`
	LastName            string            `json:"lastName"`
	Title               string            `json:"title"`
	AddedAt             Time              `json:"addedAt"`
	CurrentStep         *StateCurrentStep `json:"currentStep,omitempty"`
	LastStepCompletedAt Time              `json:"lastStepCompletedAt"`
	Status              *StateStatus      `json:"status,omitempty"`
}

// StateCurrentStep is the current step in the state view.
type StateCurrentStep struct {
	StepID            ID     `json:"stepId"`
	DisplayStepNumber string `json:"displayStepNumber"` // "1", "2A", "Finished", "Unknown"
	StepNumber        int    `json:"stepNumber"`
}

// StateStatus is the status block of the state view; Status is PascalCase (Active, Paused, ...).
type StateStatus struct {
	Status    string `json:"status"`
	Replied   bool   `json:"replied"`
	Delivered bool   `json:"delivered"`
	Bounced   bool   `json:"bounced"`
	Opened    bool   `json:"opened"`
	Clicked   bool   `json:"clicked"`
}

// SequenceContactStateOptions pages the state view (at most 100 per page) and picks additional columns
// (CurrentStep, LastStepCompletedAt, Status).
type SequenceContactStateOptions struct {
	Top, Skip, Limit  int
	AdditionalColumns []string
}

// States iterates over the extended state of the contacts in the sequence.
func (s *SequenceContactsService) States(ctx context.Context, sequenceID int64, opts *SequenceContactStateOptions) iter.Seq2[SequenceContactState, error] {
	q := url.Values{}
	var p Paging
	if opts != nil {
		p = Paging{Top: opts.Top, Skip: opts.Skip, Limit: opts.Limit}
		if len(opts.AdditionalColumns) > 0 {
			q.Set("additionalColumns", strings.Join(opts.AdditionalColumns, ","))
		}
	}
	return pages(ctx, p, 100, func(ctx context.Context, p Paging) (Page[SequenceContactState], error) {
		return getPage[SequenceContactState](ctx, s.c, "/v3/sequences/{id}/contacts/state", q, p, itoa(sequenceID))
	})
}

// Enrolment holds the options of a bulk enrolment; zero members are not sent.
type Enrolment struct {
	RemoveFromExisting bool  `json:"removeFromExisting,omitempty"`
	StartStepID        int64 `json:"startStepId,omitempty"`
	IgnoreStepDelay    bool  `json:"ignoreStepDelay,omitempty"`
	StartFrom          *Time `json:"startFrom,omitempty"`
}

// EnrolResult is the B3 answer of a bulk enrolment: the contacts added and those not processed, with why.
type EnrolResult struct {
	Added        []ID       `json:"added"`
	NotProcessed BulkResult `json:"notProcessed"`
}

// Add enrols contacts into the sequence (POST .../contact-links/bulk, chunks of 10,000) and returns who was
// added and who was not. The POST is not retried on 5xx.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request or [ErrNotFound] for a missing parent) means a whole request failed, and the result then holds what the
// earlier requests returned.
func (s *SequenceContactsService) Add(ctx context.Context, sequenceID int64, contactIDs []int64, e Enrolment) (EnrolResult, error) {
	out := EnrolResult{NotProcessed: BulkResult{}}
	for len(contactIDs) > 0 {
		n := min(10000, len(contactIDs))
		body := struct {
			ContactIDs []int64 `json:"contactIds"`
			Enrolment
		}{contactIDs[:n], e}
		r, err := sendJSON[EnrolResult](ctx, s.c, http.MethodPost, "/v3/sequences/{id}/contact-links/bulk", body, itoa(sequenceID))
		if err != nil {
			return out, err
		}
		out.Added = append(out.Added, r.Added...)
		for k, v := range r.NotProcessed {
			out.NotProcessed[k] = v
		}
		contactIDs = contactIDs[n:]
	}
	return out, nil
}

// Remove takes one contact out of the sequence. The error wraps [ErrNotFound] when it is not in it.
func (s *SequenceContactsService) Remove(ctx context.Context, sequenceID, contactID int64) error {
	return sendNoContent(ctx, s.c, http.MethodDelete, "/v3/sequences/{id}/contact-links/{contact_id}", nil, itoa(sequenceID), itoa(contactID))
}

// RemoveResult is the B4 answer of a bulk removal.
type RemoveResult struct {
	Requested     int  `json:"requested"`
	Removed       int  `json:"removed"`
	NotFound      int  `json:"notFound"`
	NotInSequence int  `json:"notInSequence"`
	RemovedIDs    []ID `json:"removedIds"`
}

// RemoveBulk takes contacts out of the sequence (one request).
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request or [ErrNotFound] for a missing parent) means a whole request failed, and the result then holds what the
// earlier requests returned.
func (s *SequenceContactsService) RemoveBulk(ctx context.Context, sequenceID int64, contactIDs []int64) (RemoveResult, error) {
	body := struct {
		ContactIDs []int64 `json:"contactIds"`
	}{contactIDs}
	return sendJSON[RemoveResult](ctx, s.c, http.MethodPost, "/v3/sequences/{id}/contact-links/bulk-delete", body, itoa(sequenceID))
}

// SetStatus sets the status (active, paused, finished, outOfOffice) of contacts in this sequence only (chunks
// of 100) and returns the per-contact failures.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request or [ErrNotFound] for a missing parent) means a whole request failed, and the result then holds what the
// earlier requests returned.
func (s *SequenceContactsService) SetStatus(ctx context.Context, sequenceID int64, contactIDs []int64, status string) (BulkResult, error) {
	return setStatus(ctx, s.c, "/v3/sequences/{id}/contacts/set-status-in-sequence", contactIDs, status, itoa(sequenceID))
}

// SetReplied sets or clears the replied flag of contacts in this sequence (chunks of 100).
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request or [ErrNotFound] for a missing parent) means a whole request failed, and the result then holds what the
// earlier requests returned.
func (s *SequenceContactsService) SetReplied(ctx context.Context, sequenceID int64, contactIDs []int64, replied bool) (BulkResult, error) {
	return setReplied(ctx, s.c, "/v3/sequences/{id}/contacts/set-replied", contactIDs, replied, itoa(sequenceID))
}

// SetBounced sets or clears the bounced flag of contacts in this sequence (chunks of 100); resendEmails is sent
// only when clearing.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request or [ErrNotFound] for a missing parent) means a whole request failed, and the result then holds what the
// earlier requests returned.
func (s *SequenceContactsService) SetBounced(ctx context.Context, sequenceID int64, contactIDs []int64, bounced bool, resendEmails *bool) (BulkResult, error) {
	return setBounced(ctx, s.c, "/v3/sequences/{id}/contacts/set-bounced", contactIDs, bounced, resendEmails, itoa(sequenceID))
}

// Count returns the number of contacts in the sequence (GET /v3/sequences/{id}/contacts/count, coming soon in
// the API).
// A failure is an [*Error] ([ErrNotFound] while the API does not offer the endpoint).
func (s *SequenceContactsService) Count(ctx context.Context, sequenceID int64) (int, error) {
	r, err := getJSON[countBody](ctx, s.c, "/v3/sequences/{id}/contacts/count", nil, itoa(sequenceID))
	return r.Count, err
}
