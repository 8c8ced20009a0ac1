package reply

import (
	"context"
	"iter"
	"net/http"
	"net/url"
)

// EmailAccountsService provides the calls of /v3/email-accounts (REFERENCE.md §2.6).
type EmailAccountsService service

// EmailAccount is an email (sending) account. The list fills the top-level Email, SenderName and DailyLimit;
// the detail (Get, Create, Update) fills the sections instead, and the timestamps.
type EmailAccount struct {
	ID               ID       `json:"id"`
	OwnerUserID      ID       `json:"ownerUserId"`
	Email            string   `json:"email"`
	SenderName       string   `json:"senderName"`
	EmailAccountType string   `json:"emailAccountType"` // custom, gmail, outlook, exchange, exchangeOnPremise
	IsDefault        bool     `json:"isDefault"`
	DailyLimit       int      `json:"dailyLimit"`
	ConnectionStatus string   `json:"connectionStatus"` // unknown, connected, disconnected
	Tags             []string `json:"tags"`

	// Detail only.
	IsInUse                    bool             `json:"isInUse"`
	SendingConnectivityError   string           `json:"sendingConnectivityError"`
	ReceivingConnectivityError string           `json:"receivingConnectivityError"`
	SendingLockedByProvider    bool             `json:"sendingLockedByProvider"`
	UpdatedAt                  Time             `json:"updatedAt"`
	Connection                 *EmailConnection `json:"connection,omitempty"`
	Safety                     *EmailSafety     `json:"safety,omitempty"`
	Signature                  *EmailSignature  `json:"signature,omitempty"`
	OptOut                     *EmailOptOut     `json:"optOut,omitempty"`
	RampUp                     *EmailRampUp     `json:"rampUp,omitempty"`
}

// EmailConnection is the SMTP/IMAP section of an email account. The passwords are write-only: never returned.
type EmailConnection struct {
	Email        string `json:"email,omitempty"`
	SenderName   string `json:"senderName,omitempty"`
	SMTPHost     string `json:"smtpHost,omitempty"`
	SMTPPort     int    `json:"smtpPort,omitempty"`
	SMTPSSL      *bool  `json:"smtpSsl,omitempty"`
	SMTPPassword string `json:"smtpPassword,omitempty"`
	IMAPHost     string `json:"imapHost,omitempty"`
	IMAPPort     int    `json:"imapPort,omitempty"`
	IMAPSSL      *bool  `json:"imapSsl,omitempty"`
	IMAPPassword string `json:"imapPassword,omitempty"`
}

// EmailSafety is the sending-limits section of an email account.
type EmailSafety struct {
	DailyLimit                      int   `json:"dailyLimit"`
	IsEmailsThrottlingEnabled       *bool `json:"isEmailsThrottlingEnabled,omitempty"`
	EmailsPerInterval               *int  `json:"emailsPerInterval,omitempty"`
	EmailsThrottlingSecondsInterval *int  `json:"emailsThrottlingSecondsInterval,omitempty"`
	IsSendingDelayEnabled           *bool `json:"isSendingDelayEnabled,omitempty"`
	MaxSendingDelaySeconds          *int  `json:"maxSendingDelaySeconds,omitempty"`
	MinSendingDelaySeconds          *int  `json:"minSendingDelaySeconds,omitempty"`
}

// EmailSignature is the signature section of an email account.
type EmailSignature struct {
	Signature *string `json:"signature"`
}

// EmailOptOut is the opt-out section of an email account.
type EmailOptOut struct {
	Message             *string `json:"message"`
	EmailFooter         *string `json:"emailFooter"`
	IsOptOutLinkEnabled bool    `json:"isOptOutLinkEnabled"`
	OptOutTextBlock     *string `json:"optOutTextBlock"`
}

// EmailRampUp is the ramp-up section of an email account.
type EmailRampUp struct {
	Enabled        bool `json:"enabled"`
	StartValue     int  `json:"startValue"`
	IncrementValue int  `json:"incrementValue"`
}

// EmailAccountWrite is the body of a create (Connection required, custom SMTP/IMAP only) or of a PATCH (only
// the sections that are set are updated; Tags, when non-nil, replaces the tags).
type EmailAccountWrite struct {
	Connection *EmailConnection `json:"connection,omitempty"`
	Safety     *EmailSafety     `json:"safety,omitempty"`
	Signature  *EmailSignature  `json:"signature,omitempty"`
	OptOut     *EmailOptOut     `json:"optOut,omitempty"`
	RampUp     *EmailRampUp     `json:"rampUp,omitempty"`
	Tags       []string         `json:"tags,omitzero"`
}

// EmailAccountListOptions selects accounts for GET /v3/email-accounts.
type EmailAccountListOptions struct {
	Top, Skip, Limit int
	My               bool // only the caller's accounts
}

func (o *EmailAccountListOptions) paging() Paging {
	if o == nil {
		return Paging{}
	}
	return Paging{Top: o.Top, Skip: o.Skip, Limit: o.Limit}
}

func (o *EmailAccountListOptions) values() url.Values {
	q := url.Values{}
	if o != nil && o.My {
		q.Set("my", "true")
	}
	return q
}

// List iterates over email accounts (list items), one page at a time.
func (s *EmailAccountsService) List(ctx context.Context, opts *EmailAccountListOptions) iter.Seq2[EmailAccount, error] {
	q := opts.values()
	return pages(ctx, opts.paging(), 1000, func(ctx context.Context, p Paging) (Page[EmailAccount], error) {
		return getPage[EmailAccount](ctx, s.c, "/v3/email-accounts", q, p)
	})
}

// ListPage returns one page of GET /v3/email-accounts.
// A failure is an [*Error]: [ErrBadRequest] or [ErrValidation] for out-of-range paging or bad criteria.
func (s *EmailAccountsService) ListPage(ctx context.Context, opts *EmailAccountListOptions) (Page[EmailAccount], error) {
	return getPage[EmailAccount](ctx, s.c, "/v3/email-accounts", opts.values(), opts.paging())
}

// EmailAccountFilter is the body of POST /v3/email-accounts/filter plus paging; members are AND-combined.
type EmailAccountFilter struct {
	Top, Skip, Limit int      `json:"-"`
	Status           string   `json:"status,omitempty"`           // connected, disconnected, unknown
	EmailAccountType string   `json:"emailAccountType,omitempty"` // Custom, Gmail, Outlook, Exchange, ExchangeOnPremise
	Email            string   `json:"email,omitempty"`
	Domains          []string `json:"domains,omitempty"`
	OwnerUserIDs     []int64  `json:"ownerUserIds,omitempty"`
	Tags             []string `json:"tags,omitempty"`
}

func (f *EmailAccountFilter) body() EmailAccountFilter {
	if f == nil {
		return EmailAccountFilter{}
	}
	return *f
}

func (f *EmailAccountFilter) paging() Paging {
	if f == nil {
		return Paging{}
	}
	return Paging{Top: f.Top, Skip: f.Skip, Limit: f.Limit}
}

// Filter iterates over the email accounts matching f.
func (s *EmailAccountsService) Filter(ctx context.Context, f *EmailAccountFilter) iter.Seq2[EmailAccount, error] {
	body := f.body()
	return pages(ctx, f.paging(), 1000, func(ctx context.Context, p Paging) (Page[EmailAccount], error) {
		return postPage[EmailAccount](ctx, s.c, "/v3/email-accounts/filter", body, p)
	})
}

// FilterPage returns one page of POST /v3/email-accounts/filter.
// A failure is an [*Error]: [ErrBadRequest] or [ErrValidation] for out-of-range paging or bad criteria.
func (s *EmailAccountsService) FilterPage(ctx context.Context, f *EmailAccountFilter) (Page[EmailAccount], error) {
	return postPage[EmailAccount](ctx, s.c, "/v3/email-accounts/filter", f.body(), f.paging())
}

// Get returns the account's detail. The error wraps [ErrNotFound] if there is none.
func (s *EmailAccountsService) Get(ctx context.Context, id int64) (EmailAccount, error) {
	return getJSON[EmailAccount](ctx, s.c, "/v3/email-accounts/{id}", nil, itoa(id))
}

// Create connects a custom SMTP/IMAP account and returns its detail.
// Invalid input is an [*Error] wrapping [ErrValidation] (with field pointers) or [ErrBadRequest].
func (s *EmailAccountsService) Create(ctx context.Context, w EmailAccountWrite) (EmailAccount, error) {
	return sendJSON[EmailAccount](ctx, s.c, http.MethodPost, "/v3/email-accounts", w)
}

// Update patches the sections set in w and returns the detail.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *EmailAccountsService) Update(ctx context.Context, id int64, w EmailAccountWrite) (EmailAccount, error) {
	return sendJSON[EmailAccount](ctx, s.c, http.MethodPatch, "/v3/email-accounts/{id}", w, itoa(id))
}

// Delete deletes the account.
// The error wraps [ErrNotFound] if there is none.
func (s *EmailAccountsService) Delete(ctx context.Context, id int64) error {
	return sendNoContent(ctx, s.c, http.MethodDelete, "/v3/email-accounts/{id}", nil, itoa(id))
}

type tagsBody struct {
	Tags []string `json:"tags"`
}

// AddTags adds tags to the account.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *EmailAccountsService) AddTags(ctx context.Context, id int64, tags []string) error {
	return sendNoContent(ctx, s.c, http.MethodPost, "/v3/email-accounts/{id}/tags", tagsBody{tags}, itoa(id))
}

// RemoveTags removes tags from the account.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *EmailAccountsService) RemoveTags(ctx context.Context, id int64, tags []string) error {
	return sendNoContent(ctx, s.c, http.MethodDelete, "/v3/email-accounts/{id}/tags", tagsBody{tags}, itoa(id))
}
