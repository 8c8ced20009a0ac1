package reply

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
)

// LinkedInAccountsService provides the calls of /v3/linkedin-accounts (REFERENCE.md §2.19).
type LinkedInAccountsService service

// LinkedInAccount is a connected LinkedIn account. Nested objects are kept as raw JSON.
type LinkedInAccount struct {
	ID              ID              `json:"id"`
	Name            string          `json:"name"`
	Status          string          `json:"status"` // disabled, enabled, dailyLimitReached, cookieInvalid
	ProfileURL      string          `json:"profileUrl"`
	PhotoURL        string          `json:"photoUrl"`
	OwnerUserID     ID              `json:"ownerUserId"`
	AccountType     string          `json:"accountType"` // public, salesNavigator, premium
	AuthType        string          `json:"authType"`    // cookie, credentials
	CookieStatus    string          `json:"cookieStatus"`
	Usage           json.RawMessage `json:"usage,omitempty"`
	Limits          json.RawMessage `json:"limits,omitempty"`
	RevokeSettings  json.RawMessage `json:"revokeSettings,omitempty"`
	UserLimitValues json.RawMessage `json:"userLimitValues,omitempty"`
	VoiceProfile    json.RawMessage `json:"voiceProfile,omitempty"`
}

// PendingLinkedInAccount is an account waiting to be connected.
type PendingLinkedInAccount struct {
	ID             ID     `json:"id"`
	Name           string `json:"name"`
	ConnectionLink string `json:"connectionLink"`
	ExpiresAtUTC   Time   `json:"expiresAtUtc"`
	IsExpired      bool   `json:"isExpired"`
}

// ConnectionLink is the answer of the connect calls.
type ConnectionLink struct {
	ConnectionLink   string `json:"connectionLink"`
	PendingAccountID ID     `json:"pendingAccountId,omitempty"`
}

// List iterates over the LinkedIn accounts (one request), capped at limit (0: all).
func (s *LinkedInAccountsService) List(ctx context.Context, limit int) iter.Seq2[LinkedInAccount, error] {
	return all(ctx, limit, s.All)
}

// All returns every LinkedIn account.
// A failure is an [*Error] (e.g. [ErrForbidden] without the scope).
func (s *LinkedInAccountsService) All(ctx context.Context) ([]LinkedInAccount, error) {
	return getArray[LinkedInAccount](ctx, s.c, "/v3/linkedin-accounts", nil)
}

// Get returns the account. The error wraps [ErrNotFound] if there is none.
func (s *LinkedInAccountsService) Get(ctx context.Context, id int64) (LinkedInAccount, error) {
	return getJSON[LinkedInAccount](ctx, s.c, "/v3/linkedin-accounts/{id}", nil, itoa(id))
}

// Delete deletes the account and unlinks it from every sequence.
// The error wraps [ErrNotFound] if there is none.
func (s *LinkedInAccountsService) Delete(ctx context.Context, id int64) error {
	return sendNoContent(ctx, s.c, http.MethodDelete, "/v3/linkedin-accounts/{id}", nil, itoa(id))
}

// Pending returns the accounts waiting to be connected.
// A failure is an [*Error] (e.g. [ErrForbidden] without the scope).
func (s *LinkedInAccountsService) Pending(ctx context.Context) ([]PendingLinkedInAccount, error) {
	return getArray[PendingLinkedInAccount](ctx, s.c, "/v3/linkedin-accounts/pending", nil)
}

// CreateConnectionLink creates a pending account named name and returns its connection link.
// Invalid input is an [*Error] wrapping [ErrValidation] (with field pointers) or [ErrBadRequest].
func (s *LinkedInAccountsService) CreateConnectionLink(ctx context.Context, name string) (ConnectionLink, error) {
	body := struct {
		Name string `json:"name"`
	}{name}
	return sendJSON[ConnectionLink](ctx, s.c, http.MethodPost, "/v3/linkedin-accounts/connection-link", body)
}

// Connect returns a link to connect a new account.
// Invalid input is an [*Error] wrapping [ErrValidation] or [ErrBadRequest].
func (s *LinkedInAccountsService) Connect(ctx context.Context) (ConnectionLink, error) {
	return sendJSON[ConnectionLink](ctx, s.c, http.MethodPost, "/v3/linkedin-accounts/connect", nil)
}

// Reconnect returns a link to reconnect the account.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *LinkedInAccountsService) Reconnect(ctx context.Context, id int64) (ConnectionLink, error) {
	return sendJSON[ConnectionLink](ctx, s.c, http.MethodPost, "/v3/linkedin-accounts/{id}/reconnect", nil, itoa(id))
}

// SetRevokeSettings sets the account's automatic revoking of pending invitations.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *LinkedInAccountsService) SetRevokeSettings(ctx context.Context, id int64, enabled bool, periodDays int) error {
	body := struct {
		Enabled    bool `json:"enabled"`
		PeriodDays int  `json:"periodDays"`
	}{enabled, periodDays}
	return sendNoContent(ctx, s.c, http.MethodPut, "/v3/linkedin-accounts/{id}/revoke-settings", body, itoa(id))
}
