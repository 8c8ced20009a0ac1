package replytest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
)

// Sequence email accounts (REFERENCE.md §2.17, §3.6): links are idempotent (201 new, 200 already linked),
// at most 100 per sequence, PUT replaces them; health is computed from the links on every read.

const maxSeqEmailAccounts = 100

// renderSeqEmailAccount is the item of GET /v3/sequences/{id}/email-accounts (no tags).
func (e *Emulator) renderSeqEmailAccount(id int64) seqObj {
	o := seqObj{}.add("id", id)
	a, ok := e.emailAccount(id)
	if !ok {
		return o.add("ownerUserId", nil).add("email", "").add("senderName", nil).add("emailAccountType", "custom").
			add("isDefault", false).add("dailyLimit", 0).add("connectionStatus", "unknown")
	}
	return o.add("ownerUserId", a.OwnerUserID).add("email", a.Connection.Email).add("senderName", a.Connection.SenderName).
		add("emailAccountType", a.Type).add("isDefault", a.IsDefault).add("dailyLimit", a.Safety.DailyLimit).
		add("connectionStatus", a.ConnectionStatus)
}

func (e *Emulator) registerSequenceEmailAccountRoutes() {
	const code = "sequenceEmailAccount.notFound"
	e.route("GET /v3/sequences/{id}/email-accounts", "sequenceEmailAccounts.list", func(c *call) {
		s, ok := c.pathSequence(code)
		if !ok {
			return
		}
		out := []seqObj{}
		for _, id := range s.EmailAccounts {
			out = append(out, e.renderSeqEmailAccount(id))
		}
		c.json(http.StatusOK, out)
	})
	e.route("POST /v3/sequences/{id}/email-account-links", "sequenceEmailAccounts.link", func(c *call) {
		s, ok := c.pathSequence(code)
		if !ok {
			return
		}
		var in struct {
			EmailAccountID *int64 `json:"emailAccountId"`
		}
		if !c.decode(&in) {
			return
		}
		switch {
		case in.EmailAccountID == nil:
			c.invalid(seqRequired("/emailAccountId"))
			return
		case *in.EmailAccountID < 1:
			c.invalid(fieldError{"/emailAccountId", "The value must be greater than or equal to 1."})
			return
		}
		id := *in.EmailAccountID
		if _, ok := e.emailAccount(id); !ok {
			c.notFound(code, "Email account", id)
			return
		}
		if seqContainsID(s.EmailAccounts, id) {
			c.w.WriteHeader(http.StatusOK)
			return
		}
		if len(s.EmailAccounts) >= maxSeqEmailAccounts {
			c.problem(http.StatusConflict, "sequenceEmailAccount.limitReached", "A sequence can use at most 100 email accounts.")
			return
		}
		s.EmailAccounts = append(s.EmailAccounts, id)
		c.w.WriteHeader(http.StatusCreated)
	})
	e.route("PUT /v3/sequences/{id}/email-account-links", "sequenceEmailAccounts.set", func(c *call) {
		s, ok := c.pathSequence(code)
		if !ok {
			return
		}
		var in struct {
			EmailAccountIDs json.RawMessage `json:"emailAccountIds"`
		}
		if !c.decode(&in) {
			return
		}
		var ids []int64
		if len(in.EmailAccountIDs) == 0 || string(in.EmailAccountIDs) == "null" {
			c.invalid(seqRequired("/emailAccountIds"))
			return
		}
		if err := json.Unmarshal(in.EmailAccountIDs, &ids); err != nil {
			c.invalid(fieldError{typeErrorPointer(in.EmailAccountIDs, reflect.TypeFor[[]int64](), "/emailAccountIds"), "Value has an invalid type."})
			return
		}
		if errs := positiveIDs(ids, "/emailAccountIds"); len(errs) > 0 {
			c.invalid(errs...)
			return
		}
		ids = dedupIDs(ids)
		for _, id := range ids {
			if _, ok := e.emailAccount(id); !ok {
				c.notFound(code, "Email account", id)
				return
			}
		}
		if len(ids) > maxSeqEmailAccounts {
			c.problem(http.StatusConflict, "sequenceEmailAccount.limitReached", "A sequence can use at most 100 email accounts.")
			return
		}
		s.EmailAccounts = ids
		c.noContent()
	})
	e.route("DELETE /v3/sequences/{id}/email-account-links/{email_account_id}", "sequenceEmailAccounts.unlink", func(c *call) {
		s, ok := c.pathSequence(code)
		if !ok {
			return
		}
		id, ok := c.pathID64("email_account_id")
		if !ok {
			return
		}
		if !seqContainsID(s.EmailAccounts, id) {
			c.problem(http.StatusNotFound, code, fmt.Sprintf("Email account %d is not linked to sequence %d.", id, s.ID))
			return
		}
		s.EmailAccounts = seqRemoveID(s.EmailAccounts, id)
		c.noContent()
	})
}
