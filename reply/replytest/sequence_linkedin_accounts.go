package replytest

import (
	"fmt"
	"net/http"
)

// Sequence LinkedIn accounts (REFERENCE.md §2.18): idempotent links (201 new, 200 already linked).

func (e *Emulator) registerSequenceLinkedInAccountRoutes() {
	const code = "sequenceLinkedInAccount.notFound"
	e.route("GET /v3/sequences/{id}/linkedin-accounts", "sequenceLinkedInAccounts.list", func(c *call) {
		s, ok := c.pathSequence(code)
		if !ok {
			return
		}
		out := []seqObj{}
		for _, id := range s.LinkedInAccounts {
			out = append(out, e.renderSeqLinkedIn(id))
		}
		c.json(http.StatusOK, out)
	})
	e.route("POST /v3/sequences/{id}/linkedin-account-links", "sequenceLinkedInAccounts.link", func(c *call) {
		s, ok := c.pathSequence(code)
		if !ok {
			return
		}
		var in struct {
			LinkedInAccountID *int64 `json:"linkedInAccountId"`
		}
		if !c.decode(&in) {
			return
		}
		switch {
		case in.LinkedInAccountID == nil:
			c.invalid(seqRequired("/linkedInAccountId"))
			return
		case *in.LinkedInAccountID < 1:
			c.invalid(fieldError{"/linkedInAccountId", "The value must be greater than 0."})
			return
		}
		id := *in.LinkedInAccountID
		if _, ok := e.linkedInAccount(id); !ok {
			c.notFound(code, "LinkedIn account", id)
			return
		}
		if seqContainsID(s.LinkedInAccounts, id) {
			c.w.WriteHeader(http.StatusOK)
			return
		}
		s.LinkedInAccounts = append(s.LinkedInAccounts, id)
		c.w.WriteHeader(http.StatusCreated)
	})
	e.route("DELETE /v3/sequences/{id}/linkedin-account-links/{linkedInAccountId}", "sequenceLinkedInAccounts.unlink", func(c *call) {
		s, ok := c.pathSequence(code)
		if !ok {
			return
		}
		id, ok := c.pathID64("linkedInAccountId")
		if !ok {
			return
		}
		if !seqContainsID(s.LinkedInAccounts, id) {
			c.problem(http.StatusNotFound, code, fmt.Sprintf("LinkedIn account %d is not linked to sequence %d.", id, s.ID))
			return
		}
		s.LinkedInAccounts = seqRemoveID(s.LinkedInAccounts, id)
		c.noContent()
	})
}
