package reply

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
)

// WebhooksService provides the calls of /v3/webhooks: subscriptions (REFERENCE.md §4.1).
type WebhooksService service

// Webhook is a subscription delivering one event type to one URL.
type Webhook struct {
	ID            ID            `json:"id"`
	EventType     string        `json:"eventType"`
	URL           string        `json:"url"`
	Scope         string        `json:"scope"` // personal, team, organization
	Enabled       bool          `json:"enabled"`
	CreatedAt     Time          `json:"createdAt"`
	PayloadConfig PayloadConfig `json:"payloadConfig"`
}

// PayloadConfig chooses optional parts of a delivery. Extra keeps unknown members.
type PayloadConfig struct {
	IncludeEmailURL             bool                       `json:"includeEmailUrl"`
	IncludeEmailText            bool                       `json:"includeEmailText"`
	IncludeProspectCustomFields bool                       `json:"includeProspectCustomFields"`
	Extra                       map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes a PayloadConfig leniently (see the type's documentation).
func (p *PayloadConfig) UnmarshalJSON(data []byte) error {
	type plain PayloadConfig
	if err := json.Unmarshal(data, (*plain)(p)); err != nil {
		return err
	}
	var err error
	p.Extra, err = splitExtra(data, "includeEmailUrl", "includeEmailText", "includeProspectCustomFields")
	return err
}

// MarshalJSON encodes a PayloadConfig, unknown members kept in Extra included.
func (p PayloadConfig) MarshalJSON() ([]byte, error) {
	type plain PayloadConfig
	data, err := json.Marshal(plain(p))
	if err != nil {
		return nil, err
	}
	return mergeExtra(data, p.Extra)
}

// WebhookCreate is the body of a subscription create.
type WebhookCreate struct {
	EventType     string         `json:"eventType"`
	URL           string         `json:"url"`
	Scope         string         `json:"scope,omitempty"`
	Enabled       *bool          `json:"enabled,omitempty"` // default true
	PayloadConfig *PayloadConfig `json:"payloadConfig,omitempty"`
}

// WebhookUpdate is the full replacement sent by PUT (Enabled changes only through Enable and Disable).
type WebhookUpdate struct {
	EventType     string         `json:"eventType"`
	URL           string         `json:"url"`
	Scope         string         `json:"scope"`
	PayloadConfig *PayloadConfig `json:"payloadConfig,omitempty"`
}

// WebhookListOptions pages GET /v3/webhooks.
type WebhookListOptions struct {
	Top, Skip, Limit int
}

func (o *WebhookListOptions) paging() Paging {
	if o == nil {
		return Paging{}
	}
	return Paging{Top: o.Top, Skip: o.Skip, Limit: o.Limit}
}

// List iterates over the subscriptions, one page at a time.
func (s *WebhooksService) List(ctx context.Context, opts *WebhookListOptions) iter.Seq2[Webhook, error] {
	return pages(ctx, opts.paging(), 1000, func(ctx context.Context, p Paging) (Page[Webhook], error) {
		return getPage[Webhook](ctx, s.c, "/v3/webhooks", nil, p)
	})
}

// ListPage returns one page of GET /v3/webhooks.
// A failure is an [*Error]: [ErrBadRequest] or [ErrValidation] for out-of-range paging or bad criteria.
func (s *WebhooksService) ListPage(ctx context.Context, opts *WebhookListOptions) (Page[Webhook], error) {
	return getPage[Webhook](ctx, s.c, "/v3/webhooks", nil, opts.paging())
}

// Events returns the event types a subscription can use.
// A failure is an [*Error] (e.g. [ErrForbidden] without the scope).
func (s *WebhooksService) Events(ctx context.Context) ([]string, error) {
	r, err := getJSON[struct {
		Events []string `json:"events"`
	}](ctx, s.c, "/v3/webhooks/events", nil)
	return r.Events, err
}

// Get returns the subscription. The error wraps [ErrNotFound] if there is none.
func (s *WebhooksService) Get(ctx context.Context, id int64) (Webhook, error) {
	return getJSON[Webhook](ctx, s.c, "/v3/webhooks/{id}", nil, itoa(id))
}

// Create creates a subscription.
// Invalid input is an [*Error] wrapping [ErrValidation] (with field pointers) or [ErrBadRequest].
func (s *WebhooksService) Create(ctx context.Context, c WebhookCreate) (Webhook, error) {
	return sendJSON[Webhook](ctx, s.c, http.MethodPost, "/v3/webhooks", c)
}

// Update replaces the subscription's event type, URL, scope and payload config.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *WebhooksService) Update(ctx context.Context, id int64, u WebhookUpdate) (Webhook, error) {
	return sendJSON[Webhook](ctx, s.c, http.MethodPut, "/v3/webhooks/{id}", u, itoa(id))
}

// Delete deletes the subscription.
// The error wraps [ErrNotFound] if there is none.
func (s *WebhooksService) Delete(ctx context.Context, id int64) error {
	return sendNoContent(ctx, s.c, http.MethodDelete, "/v3/webhooks/{id}", nil, itoa(id))
}

// Enable enables the subscription; idempotent, so retried after a 5xx or a lost response.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *WebhooksService) Enable(ctx context.Context, id int64) error {
	return postIdempotent(ctx, s.c, "/v3/webhooks/{id}/enable", nil, nil, itoa(id))
}

// Disable disables the subscription; idempotent, so retried after a 5xx or a lost response.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *WebhooksService) Disable(ctx context.Context, id int64) error {
	return postIdempotent(ctx, s.c, "/v3/webhooks/{id}/disable", nil, nil, itoa(id))
}

// Test sends a sample delivery. A failed delivery wraps [ErrServer] (502).
func (s *WebhooksService) Test(ctx context.Context, id int64) error {
	return sendNoContent(ctx, s.c, http.MethodPost, "/v3/webhooks/{id}/test", nil, itoa(id))
}

// WebhookLog is a failed delivery attempt; HTTPStatus is 0 when no response arrived.
type WebhookLog struct {
	EventID    string `json:"eventId"`
	HTTPStatus int    `json:"httpStatus"`
	Date       Time   `json:"date"`
}

// Logs iterates over the subscription's failed deliveries, newest first.
func (s *WebhooksService) Logs(ctx context.Context, id int64, opts *WebhookListOptions) iter.Seq2[WebhookLog, error] {
	return pages(ctx, opts.paging(), 1000, func(ctx context.Context, p Paging) (Page[WebhookLog], error) {
		return getPage[WebhookLog](ctx, s.c, "/v3/webhooks/{id}/logs", nil, p, itoa(id))
	})
}

// WebhookEvent is one delivery Reply POSTs to a subscription URL (REFERENCE.md §4.3): the envelope's members,
// the ids a receiver usually needs, and the whole body as raw JSON. Deduplicate deliveries on ID.
type WebhookEvent struct {
	ID             string // event.id, a UUID
	Type           string // event.type, e.g. "email_replied"
	Date           Time   // event.date
	UserID         ID     // event.user_id
	TeamID         ID     // event.team_id
	SubscriptionID ID     // event.subscription_id
	ContactID      ID     // contact_fields.id; 0 when the event has no contact
	SequenceID     ID     // sequence_fields.id; 0 when the event has no sequence
	Raw            json.RawMessage
}

// ErrBadWebhookEvent is returned by [ParseWebhookEvent] for a body without event.id, event.type or event.date.
var ErrBadWebhookEvent = errors.New("reply: bad webhook event")

// ParseWebhookEvent decodes a webhook delivery body. Only event.id, event.type and event.date are required;
// the error wraps [ErrBadWebhookEvent] when one is missing or the body is not a JSON object.
func ParseWebhookEvent(data []byte) (WebhookEvent, error) {
	var w struct {
		Event struct {
			ID             string `json:"id"`
			Type           string `json:"type"`
			Date           Time   `json:"date"`
			UserID         ID     `json:"user_id"`
			TeamID         ID     `json:"team_id"`
			SubscriptionID ID     `json:"subscription_id"`
		} `json:"event"`
		ContactFields struct {
			ID ID `json:"id"`
		} `json:"contact_fields"`
		SequenceFields struct {
			ID ID `json:"id"`
		} `json:"sequence_fields"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return WebhookEvent{}, fmt.Errorf("%w: %v", ErrBadWebhookEvent, err)
	}
	e := w.Event
	if e.ID == "" || e.Type == "" || e.Date.IsZero() {
		return WebhookEvent{}, fmt.Errorf("%w: event.id, event.type and event.date are required", ErrBadWebhookEvent)
	}
	return WebhookEvent{ID: e.ID, Type: e.Type, Date: e.Date, UserID: e.UserID, TeamID: e.TeamID,
		SubscriptionID: e.SubscriptionID, ContactID: w.ContactFields.ID, SequenceID: w.SequenceFields.ID,
		Raw: append(json.RawMessage(nil), data...)}, nil
}
