package reply

import (
	"context"
	"iter"
	"net/http"
	"net/url"
)

// BlacklistRulesService provides the calls of one of the three blacklist rule resources, which share their
// operations (REFERENCE.md §2.5): Client.DomainBlacklistRules (/v3/contact-blacklist-rules/domains),
// Client.EmailBlacklistRules (.../emails) and Client.EmailExceptionBlacklistRules (.../email-exceptions).
type BlacklistRulesService struct {
	c    *Client
	kind string // path segment: "domains", "emails", "email-exceptions"
}

// BlacklistRule is a blacklist rule: a domain or an email address pattern.
type BlacklistRule struct {
	ID       ID     `json:"id"`
	Pattern  string `json:"pattern"`
	IsGlobal bool   `json:"isGlobal"` // a Reply platform rule: read-only
}

// BlacklistRuleWrite is the body of a rule create or update.
type BlacklistRuleWrite struct {
	Pattern string `json:"pattern"`
}

// BlacklistListOptions selects rules.
type BlacklistListOptions struct {
	Top, Skip, Limit int
	Search           string // case-insensitive substring of the pattern
}

func (s *BlacklistRulesService) base() string { return "/v3/contact-blacklist-rules/" + s.kind }

func (o *BlacklistListOptions) paging() Paging {
	if o == nil {
		return Paging{}
	}
	return Paging{Top: o.Top, Skip: o.Skip, Limit: o.Limit}
}

func (o *BlacklistListOptions) values() url.Values {
	q := url.Values{}
	if o != nil {
		setStr(q, "search", o.Search)
	}
	return q
}

// List iterates over the rules, one page at a time.
func (s *BlacklistRulesService) List(ctx context.Context, opts *BlacklistListOptions) iter.Seq2[BlacklistRule, error] {
	q := opts.values()
	return pages(ctx, opts.paging(), 1000, func(ctx context.Context, p Paging) (Page[BlacklistRule], error) {
		return getPage[BlacklistRule](ctx, s.c, s.base(), q, p)
	})
}

// ListPage returns one page of rules.
// A failure is an [*Error]: [ErrBadRequest] or [ErrValidation] for out-of-range paging or bad criteria.
func (s *BlacklistRulesService) ListPage(ctx context.Context, opts *BlacklistListOptions) (Page[BlacklistRule], error) {
	return getPage[BlacklistRule](ctx, s.c, s.base(), opts.values(), opts.paging())
}

// Get returns the rule. The error wraps [ErrNotFound] if there is none.
func (s *BlacklistRulesService) Get(ctx context.Context, id int64) (BlacklistRule, error) {
	return getJSON[BlacklistRule](ctx, s.c, s.base()+"/{id}", nil, itoa(id))
}

// Create creates a rule. An invalid pattern wraps [ErrValidation], a duplicate [ErrConflict].
func (s *BlacklistRulesService) Create(ctx context.Context, r BlacklistRuleWrite) (BlacklistRule, error) {
	return sendJSON[BlacklistRule](ctx, s.c, http.MethodPost, s.base(), r)
}

// Update changes the rule's pattern. A global rule wraps [ErrForbidden].
func (s *BlacklistRulesService) Update(ctx context.Context, id int64, r BlacklistRuleWrite) (BlacklistRule, error) {
	return sendJSON[BlacklistRule](ctx, s.c, http.MethodPut, s.base()+"/{id}", r, itoa(id))
}

// Delete deletes the rule. A global rule wraps [ErrForbidden].
func (s *BlacklistRulesService) Delete(ctx context.Context, id int64) error {
	return sendNoContent(ctx, s.c, http.MethodDelete, s.base()+"/{id}", nil, itoa(id))
}

// BulkCreate creates rules (requests of at most 1000) and returns one result per item, in order. One malformed
// pattern rejects its whole request (validation 400, pointer "/<i>/pattern").
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request) means a whole request failed, and the result then holds what the earlier requests returned.
func (s *BlacklistRulesService) BulkCreate(ctx context.Context, rules []BlacklistRuleWrite) ([]CreateResult, error) {
	return chunked(rules, 1000, func(chunk []BlacklistRuleWrite) ([]CreateResult, error) {
		return sendJSON[[]CreateResult](ctx, s.c, http.MethodPost, s.base()+"/bulk", chunk)
	})
}

// BulkDelete deletes rules (chunks of 1000) and returns the ids that were not deleted.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request) means a whole request failed, and the result then holds what the earlier requests returned.
func (s *BlacklistRulesService) BulkDelete(ctx context.Context, ids []int64) (BulkResult, error) {
	return bulkIDs(ids, 1000, func(chunk []int64) (BulkResult, error) {
		return sendJSON[BulkResult](ctx, s.c, http.MethodPost, s.base()+"/bulk-delete", idsBody{IDs: chunk})
	})
}
