package reply

import (
	"context"
	"iter"
	"net/http"
)

// SequenceLinkedInAccountsService provides the calls linking LinkedIn accounts to a sequence (REFERENCE.md
// §2.18).
type SequenceLinkedInAccountsService service

// List iterates over the LinkedIn accounts linked to the sequence (one request), capped at limit.
func (s *SequenceLinkedInAccountsService) List(ctx context.Context, sequenceID int64, limit int) iter.Seq2[LinkedInAccountRef, error] {
	return all(ctx, limit, func(ctx context.Context) ([]LinkedInAccountRef, error) { return s.All(ctx, sequenceID) })
}

// All returns the LinkedIn accounts linked to the sequence.
// The error wraps [ErrNotFound] if the parent does not exist.
func (s *SequenceLinkedInAccountsService) All(ctx context.Context, sequenceID int64) ([]LinkedInAccountRef, error) {
	return getArray[LinkedInAccountRef](ctx, s.c, "/v3/sequences/{id}/linkedin-accounts", nil, itoa(sequenceID))
}

// Link links a LinkedIn account to the sequence; idempotent (200 when already linked), so retried after a 5xx or
// a lost response.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *SequenceLinkedInAccountsService) Link(ctx context.Context, sequenceID, linkedInAccountID int64) error {
	body := struct {
		LinkedInAccountID int64 `json:"linkedInAccountId"`
	}{linkedInAccountID}
	return postIdempotent(ctx, s.c, "/v3/sequences/{id}/linkedin-account-links", body, nil, itoa(sequenceID))
}

// Unlink removes the link. The error wraps [ErrNotFound] when the account is not linked.
func (s *SequenceLinkedInAccountsService) Unlink(ctx context.Context, sequenceID, linkedInAccountID int64) error {
	return sendNoContent(ctx, s.c, http.MethodDelete, "/v3/sequences/{id}/linkedin-account-links/{linkedInAccountId}", nil, itoa(sequenceID), itoa(linkedInAccountID))
}
