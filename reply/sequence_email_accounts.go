package reply

import (
	"context"
	"iter"
	"net/http"
)

// SequenceEmailAccountsService provides the calls linking email accounts to a sequence (REFERENCE.md §2.17).
type SequenceEmailAccountsService service

// List iterates over the email accounts linked to the sequence (one request; no tags), capped at limit.
func (s *SequenceEmailAccountsService) List(ctx context.Context, sequenceID int64, limit int) iter.Seq2[EmailAccount, error] {
	return all(ctx, limit, func(ctx context.Context) ([]EmailAccount, error) { return s.All(ctx, sequenceID) })
}

// All returns the email accounts linked to the sequence.
// The error wraps [ErrNotFound] if the parent does not exist.
func (s *SequenceEmailAccountsService) All(ctx context.Context, sequenceID int64) ([]EmailAccount, error) {
	return getArray[EmailAccount](ctx, s.c, "/v3/sequences/{id}/email-accounts", nil, itoa(sequenceID))
}

// Link links an email account to the sequence; idempotent (200 when already linked), so retried after a 5xx or a
// lost response. Over 100 accounts wraps [ErrConflict].
func (s *SequenceEmailAccountsService) Link(ctx context.Context, sequenceID, emailAccountID int64) error {
	body := struct {
		EmailAccountID int64 `json:"emailAccountId"`
	}{emailAccountID}
	return postIdempotent(ctx, s.c, "/v3/sequences/{id}/email-account-links", body, nil, itoa(sequenceID))
}

// Set replaces the sequence's email accounts with ids; an empty slice unlinks every account.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *SequenceEmailAccountsService) Set(ctx context.Context, sequenceID int64, ids []int64) error {
	if ids == nil {
		ids = []int64{}
	}
	body := struct {
		EmailAccountIDs []int64 `json:"emailAccountIds"`
	}{ids}
	return sendNoContent(ctx, s.c, http.MethodPut, "/v3/sequences/{id}/email-account-links", body, itoa(sequenceID))
}

// Unlink removes the link. The error wraps [ErrNotFound] when the account is not linked.
func (s *SequenceEmailAccountsService) Unlink(ctx context.Context, sequenceID, emailAccountID int64) error {
	return sendNoContent(ctx, s.c, http.MethodDelete, "/v3/sequences/{id}/email-account-links/{email_account_id}", nil, itoa(sequenceID), itoa(emailAccountID))
}
