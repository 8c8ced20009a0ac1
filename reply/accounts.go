package reply

import (
	"context"
	"iter"
	"net/http"
	"net/url"
)

// AccountsService provides the calls of /v3/contact-accounts: companies (REFERENCE.md §2.1).
type AccountsService service

// Account is a contact account (a company). Null strings are "", a null owner 0.
type Account struct {
	ID                   ID            `json:"id"`
	OwnerUserID          ID            `json:"ownerUserId"`
	Name                 string        `json:"name"`
	Description          string        `json:"description"`
	DomainName           string        `json:"domainName"`
	DomainSecondary      string        `json:"domainSecondary"`
	Industry             string        `json:"industry"`
	Country              string        `json:"country"`
	State                string        `json:"state"`
	City                 string        `json:"city"`
	TimeZoneID           string        `json:"timeZoneId"`
	LinkedInURL          string        `json:"linkedInUrl"`
	Phone                string        `json:"phone"`
	TwitterURL           string        `json:"twitterUrl"`
	LogoURL              string        `json:"logoUrl"`
	Email                string        `json:"email"`
	CompanySize          string        `json:"companySize"` // Empty, SelfEmployed, 2-10, ..., 10001+
	Stage                *AccountStage `json:"stage"`
	LinkedProspectsCount int           `json:"linkedProspectsCount"`
	CreatedDate          Time          `json:"createdDate"`
	LastActivityDate     Time          `json:"lastActivityDate"`
	EmailProvider        string        `json:"emailProvider"` // detail only
}

// AccountStage is an account's pipeline stage.
type AccountStage struct {
	ID      ID     `json:"id"`
	Name    string `json:"name"`
	ColorID ID     `json:"colorId"`
}

// AccountCreate is the body of an account create (AccountWrite). Empty fields are not sent.
type AccountCreate struct {
	Name            string `json:"name"`
	Description     string `json:"description,omitempty"`
	DomainName      string `json:"domainName,omitempty"`
	DomainSecondary string `json:"domainSecondary,omitempty"`
	Industry        string `json:"industry,omitempty"`
	Country         string `json:"country,omitempty"`
	State           string `json:"state,omitempty"`
	City            string `json:"city,omitempty"`
	TimeZoneID      string `json:"timeZoneId,omitempty"`
	LinkedInURL     string `json:"linkedInUrl,omitempty"`
	Phone           string `json:"phone,omitempty"`
	TwitterURL      string `json:"twitterUrl,omitempty"`
	LogoURL         string `json:"logoUrl,omitempty"`
	Email           string `json:"email,omitempty"`
	CompanySize     string `json:"companySize,omitempty"`
}

// AccountUpdate is the body of PUT /v3/contact-accounts/{id}: a full replacement, so omitted (empty) optional
// fields are cleared. Read the account first and change what you need ([Account.Update] does that).
type AccountUpdate struct {
	AccountCreate
	OwnerUserID int64 `json:"ownerUserId,omitempty"`
}

// Update returns the full-replacement body that keeps every field of a.
func (a Account) Update() AccountUpdate {
	return AccountUpdate{AccountCreate: AccountCreate{
		Name: a.Name, Description: a.Description, DomainName: a.DomainName, DomainSecondary: a.DomainSecondary,
		Industry: a.Industry, Country: a.Country, State: a.State, City: a.City, TimeZoneID: a.TimeZoneID,
		LinkedInURL: a.LinkedInURL, Phone: a.Phone, TwitterURL: a.TwitterURL, LogoURL: a.LogoURL, Email: a.Email,
		CompanySize: a.CompanySize,
	}, OwnerUserID: int64(a.OwnerUserID)}
}

// AccountListOptions selects accounts for GET /v3/contact-accounts.
type AccountListOptions struct {
	Top, Skip, Limit int
	Search           string // name
	SortBy           string // name, createdDate, lastActivityDate, id
	SortDirection    string // asc, desc
}

func (o *AccountListOptions) paging() Paging {
	if o == nil {
		return Paging{}
	}
	return Paging{Top: o.Top, Skip: o.Skip, Limit: o.Limit}
}

func (o *AccountListOptions) values() url.Values {
	q := url.Values{}
	if o != nil {
		setStr(q, "search", o.Search)
		setStr(q, "sort_by", o.SortBy)
		setStr(q, "sort_direction", o.SortDirection)
	}
	return q
}

// List iterates over accounts, one page at a time.
func (s *AccountsService) List(ctx context.Context, opts *AccountListOptions) iter.Seq2[Account, error] {
	q := opts.values()
	return pages(ctx, opts.paging(), 1000, func(ctx context.Context, p Paging) (Page[Account], error) {
		return getPage[Account](ctx, s.c, "/v3/contact-accounts", q, p)
	})
}

// ListPage returns one page of GET /v3/contact-accounts.
// A failure is an [*Error]: [ErrBadRequest] or [ErrValidation] for out-of-range paging or bad criteria.
func (s *AccountsService) ListPage(ctx context.Context, opts *AccountListOptions) (Page[Account], error) {
	return getPage[Account](ctx, s.c, "/v3/contact-accounts", opts.values(), opts.paging())
}

// AccountCondition is one condition of an account filter: Property (PascalCase: Name, CreatedDate,
// LastActivityDate, ...), Condition (Equals, GreaterThan, In, IsNull, ...) and its JSON values (a string, number
// or boolean, or an array of them for In/NotIn; dates as ISO-8601 strings).
type AccountCondition struct {
	Property  string `json:"property"`
	Condition string `json:"condition"`
	Values    any    `json:"values,omitempty"`
}

// AccountFilter is the body of POST /v3/contact-accounts/filter plus paging.
type AccountFilter struct {
	Top, Skip, Limit int                `json:"-"`
	Search           string             `json:"search,omitempty"`
	SortBy           string             `json:"sortBy,omitempty"`
	SortDirection    string             `json:"sortDirection,omitempty"`
	ListID           int64              `json:"listId,omitempty"`
	Filters          []AccountCondition `json:"filters,omitempty"`
}

func (f *AccountFilter) body() AccountFilter {
	if f == nil {
		return AccountFilter{}
	}
	return *f
}

func (f *AccountFilter) paging() Paging {
	if f == nil {
		return Paging{}
	}
	return Paging{Top: f.Top, Skip: f.Skip, Limit: f.Limit}
}

// Filter iterates over the accounts matching f (POST /v3/contact-accounts/filter).
func (s *AccountsService) Filter(ctx context.Context, f *AccountFilter) iter.Seq2[Account, error] {
	body := f.body()
	return pages(ctx, f.paging(), 1000, func(ctx context.Context, p Paging) (Page[Account], error) {
		return postPage[Account](ctx, s.c, "/v3/contact-accounts/filter", body, p)
	})
}

// FilterPage returns one page of POST /v3/contact-accounts/filter.
// A failure is an [*Error]: [ErrBadRequest] or [ErrValidation] for out-of-range paging or bad criteria.
func (s *AccountsService) FilterPage(ctx context.Context, f *AccountFilter) (Page[Account], error) {
	return postPage[Account](ctx, s.c, "/v3/contact-accounts/filter", f.body(), f.paging())
}

// Get returns the account with the given ID. The error wraps [ErrNotFound] if there is none.
func (s *AccountsService) Get(ctx context.Context, id int64) (Account, error) {
	return getJSON[Account](ctx, s.c, "/v3/contact-accounts/{id}", nil, itoa(id))
}

// Create creates an account and returns it.
// Invalid input is an [*Error] wrapping [ErrValidation] (with field pointers) or [ErrBadRequest].
func (s *AccountsService) Create(ctx context.Context, a AccountCreate) (Account, error) {
	return sendJSON[Account](ctx, s.c, http.MethodPost, "/v3/contact-accounts", a)
}

// Update replaces the account's mutable fields with u (omitted optional fields are cleared).
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *AccountsService) Update(ctx context.Context, id int64, u AccountUpdate) (Account, error) {
	return sendJSON[Account](ctx, s.c, http.MethodPut, "/v3/contact-accounts/{id}", u, itoa(id))
}

// Delete deletes the account; its contacts are kept.
// The error wraps [ErrNotFound] if there is none.
func (s *AccountsService) Delete(ctx context.Context, id int64) error {
	return sendNoContent(ctx, s.c, http.MethodDelete, "/v3/contact-accounts/{id}", nil, itoa(id))
}

// BulkCreate creates accounts in requests of at most 100 and returns one result per item, in order. One
// malformed item rejects its whole request (validation 400).
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request) means a whole request failed, and the result then holds what the earlier requests returned.
func (s *AccountsService) BulkCreate(ctx context.Context, items []AccountCreate) ([]CreateResult, error) {
	return chunked(items, 100, func(chunk []AccountCreate) ([]CreateResult, error) {
		body := struct {
			Items []AccountCreate `json:"items"`
		}{chunk}
		return sendJSON[[]CreateResult](ctx, s.c, http.MethodPost, "/v3/contact-accounts/bulk", body)
	})
}

// BulkDelete deletes accounts in requests of at most 1000 and returns the ids that were not deleted.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request) means a whole request failed, and the result then holds what the earlier requests returned.
func (s *AccountsService) BulkDelete(ctx context.Context, ids []int64) (BulkResult, error) {
	return bulkIDs(ids, 1000, func(chunk []int64) (BulkResult, error) {
		return sendJSON[BulkResult](ctx, s.c, http.MethodPost, "/v3/contact-accounts/bulk-delete", idsBody{IDs: chunk})
	})
}

// SetOwner changes the account's owner (PUT /v3/contact-accounts/{id}/owner).
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *AccountsService) SetOwner(ctx context.Context, id, userID int64) (Account, error) {
	body := struct {
		UserID int64 `json:"userId"`
	}{userID}
	return sendJSON[Account](ctx, s.c, http.MethodPut, "/v3/contact-accounts/{id}/owner", body, itoa(id))
}

// AccountContact is a contact linked to an account, as GET /v3/contact-accounts/{id}/contacts lists it.
type AccountContact struct {
	ID        ID     `json:"id"`
	Email     string `json:"email"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	Title     string `json:"title"`
}

// Contacts iterates over the contacts linked to the account.
func (s *AccountsService) Contacts(ctx context.Context, id int64, opts *Paging) iter.Seq2[AccountContact, error] {
	var p Paging
	if opts != nil {
		p = *opts
	}
	return pages(ctx, p, 1000, func(ctx context.Context, p Paging) (Page[AccountContact], error) {
		return getPage[AccountContact](ctx, s.c, "/v3/contact-accounts/{id}/contacts", nil, p, itoa(id))
	})
}
