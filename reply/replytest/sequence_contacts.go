package replytest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Sequence contacts (REFERENCE.md §2.16): list, detail and state view; enrolment (§3.3, B3), removal (B4),
// status changes per sequence and globally (§3.2, B1), move-to-sequence, a contact's sequences and statuses.

// renderSeqContact is the SequenceContact shape.
func (e *Emulator) renderSeqContact(s *sequence, m *seqMember) seqObj {
	o := seqObj{}.add("contactId", m.ContactID).add("sequenceId", m.SequenceID)
	c, _ := e.contact(m.ContactID)
	if c == nil {
		c = &contactRec{ID: m.ContactID}
	}
	var disp any
	if m.Disposition != nil {
		disp = *m.Disposition
	}
	return o.add("email", c.Email).add("firstName", c.FirstName).add("lastName", c.LastName).
		add("company", c.Company).add("title", c.Title).add("statusInSequence", m.Status).
		add("isOptedOut", c.IsOptedOut).add("callStatus", orNone(c.CallStatus)).add("meetingStatus", orNone(c.MeetingStatus)).
		add("emailDisposition", disp).add("currentStep", memberStep(s, m)).add("addingDate", tOffset(m.AddingDate)).
		add("emailAccountId", seqNullInt(m.EmailAccountID)).add("linkedInAccountId", seqNullInt(m.LinkedInAccountID))
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// memberStep is a membership's currentStep {stepId, displayName}.
func memberStep(s *sequence, m *seqMember) seqObj {
	if m.Status == "finished" {
		return seqObj{}.add("stepId", nil).add("displayName", "Finished")
	}
	name, ok := s.displayStep(m.StepID)
	if !ok {
		return seqObj{}.add("stepId", seqNullInt(m.StepID)).add("displayName", nil)
	}
	return seqObj{}.add("stepId", m.StepID).add("displayName", name)
}

// renderSeqContactState is the SequenceContactState shape with the requested additional columns.
func (e *Emulator) renderSeqContactState(s *sequence, m *seqMember, cols map[string]bool) seqObj {
	c, _ := e.contact(m.ContactID)
	if c == nil {
		c = &contactRec{ID: m.ContactID}
	}
	o := seqObj{}.add("contactId", m.ContactID).add("email", c.Email).add("firstName", c.FirstName).
		add("lastName", c.LastName).add("title", c.Title).add("addedAt", tLocal2(m.AddingDate))
	if cols["CurrentStep"] {
		cs := seqObj{}
		switch name, ok := s.displayStep(m.StepID); {
		case m.Status == "finished":
			cs = cs.add("stepId", nil).add("displayStepNumber", "Finished").add("stepNumber", 0)
		case !ok:
			cs = cs.add("stepId", seqNullInt(m.StepID)).add("displayStepNumber", "Unknown").add("stepNumber", 0)
		default:
			n, _, _ := s.stepPosition(m.StepID)
			cs = cs.add("stepId", m.StepID).add("displayStepNumber", name).add("stepNumber", n)
		}
		o = o.add("currentStep", cs)
	}
	if cols["LastStepCompletedAt"] {
		o = o.add("lastStepCompletedAt", tOffset(m.LastStepCompletedAt))
	}
	if cols["Status"] {
		d := seqDisposition{}
		if m.Disposition != nil {
			d = *m.Disposition
		}
		o = o.add("status", seqObj{}.add("status", pascal(m.Status)).add("replied", d.IsReplied).
			add("delivered", m.Delivered).add("bounced", d.IsBounced).add("opened", m.Opened).add("clicked", m.Clicked))
	}
	return o
}

func pascal(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// sortedMembers returns a sequence's memberships, newest addingDate first (ties: contact id descending).
func (e *Emulator) sortedMembers(seqID int64) []*seqMember {
	var out []*seqMember
	for _, m := range e.seq.members[seqID] {
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b *seqMember) int {
		if r := b.AddingDate.Compare(a.AddingDate); r != 0 {
			return r
		}
		return cmpInt(b.ContactID, a.ContactID)
	})
	return out
}

// seqContactSequence loads the path sequence for the sequence-contact endpoints.
func (c *call) seqContactSequence() (*sequence, bool) {
	return c.pathSequence("sequenceContact.sequenceNotFound")
}

// ---- enrolment ----

type enrolOpts struct {
	RemoveFromExisting bool
	StartStepID        int64
	StartFrom          time.Time
}

// enrol adds one contact to a sequence. It returns a B3 error variant ("" when added).
func (e *Emulator) enrol(s *sequence, contactID int64, o enrolOpts) (string, string) {
	c, ok := e.contact(contactID)
	if !ok {
		return "contactNotFound", fmt.Sprintf("Contact %d not found.", contactID)
	}
	if c.IsOptedOut {
		return "invalidInput", fmt.Sprintf("Contact %d has opted out.", contactID)
	}
	start := int64(0)
	if o.StartStepID != 0 {
		if s.step(o.StartStepID) == nil {
			return "invalidInput", fmt.Sprintf("Step %d is not a step of sequence %d.", o.StartStepID, s.ID)
		}
		start = o.StartStepID
	}
	if m := e.member(s.ID, contactID); m != nil {
		if start == 0 {
			return "contactAlreadyInSequence", fmt.Sprintf("Contact %d is already in the sequence.", contactID)
		}
		cur := 0
		if m.Status != "finished" {
			cur, _, _ = s.stepPosition(m.StepID)
		}
		if next, _, _ := s.stepPosition(start); next <= cur {
			return "invalidInput", fmt.Sprintf("Contact %d is already at or past step %d.", contactID, start)
		}
		m.StepID, m.Status = start, "active"
		e.touchContact(c)
		return "", ""
	}
	if o.RemoveFromExisting {
		for id, mm := range e.seq.members {
			if id != s.ID {
				delete(mm, contactID)
			}
		}
	}
	if start == 0 {
		if r := s.root(); r != nil {
			start = r.ID
		}
	}
	m := &seqMember{SequenceID: s.ID, ContactID: contactID, Status: "active", StepID: start, AddingDate: e.nowLocked()}
	if n := len(s.EmailAccounts); n > 0 {
		m.EmailAccountID = s.EmailAccounts[s.rrEmail%n]
		s.rrEmail++
	}
	if n := len(s.LinkedInAccounts); n > 0 {
		m.LinkedInAccountID = s.LinkedInAccounts[s.rrLinkedIn%n]
		s.rrLinkedIn++
	}
	e.membersOf(s.ID)[contactID] = m
	e.touchContact(c)
	return "", ""
}

// importEnrol enrols an imported contact (POST /v3/contacts/import options.sequenceId) like a bulk
// enrolment; failures (already enrolled, opted out, ...) are ignored.
func (e *Emulator) importEnrol(seqID, contactID int64) {
	if s := e.seq.sequences[seqID]; s != nil && !s.IsArchived && len(s.Steps) > 0 {
		e.enrol(s, contactID, enrolOpts{})
	}
}

type enrolIn struct {
	ContactIDs         json.RawMessage `json:"contactIds"`
	SequenceID         opt[int64]      `json:"sequenceId"`
	RemoveFromExisting bool            `json:"removeFromExisting"`
	StartStepID        opt[int64]      `json:"startStepId"`
	IgnoreStepDelay    bool            `json:"ignoreStepDelay"`
	StartFrom          opt[string]     `json:"startFrom"`
}

func (in enrolIn) opts() (enrolOpts, []fieldError) {
	o := enrolOpts{RemoveFromExisting: in.RemoveFromExisting}
	var errs []fieldError
	if p := in.StartStepID.ptr(); p != nil {
		if *p < 1 {
			errs = append(errs, fieldError{"/startStepId", "The value must be greater than or equal to 1."})
		}
		o.StartStepID = *p
	}
	if p := in.StartFrom.ptr(); p != nil {
		t, ok := parseTime(*p)
		if !ok {
			errs = append(errs, fieldError{"/startFrom", "Value has an invalid format."})
		}
		o.StartFrom = t
	}
	return o, errs
}

// ---- status changes ----

// setMemberStatus applies statusInSequence to one membership; it returns "invalidStatusTransition" when
// the change is not allowed.
func (e *Emulator) setMemberStatus(m *seqMember, status string) string {
	switch status {
	case "paused":
		if m.Status != "active" {
			return "invalidStatusTransition"
		}
		m.Status = "paused"
	case "finished":
		e.finishMember(m, "Manual")
	case "active":
		e.activateMember(m)
	case "outOfOffice":
		e.activateMember(m)
		m.Status = "outOfOffice"
	}
	e.touchSeqContact(m.ContactID)
	return ""
}

func (m *seqMember) disposition() *seqDisposition {
	if m.Disposition == nil {
		m.Disposition = &seqDisposition{}
	}
	return m.Disposition
}

// setMemberReplied writes the replied flag of one membership.
func (e *Emulator) setMemberReplied(m *seqMember, replied bool) {
	m.disposition().IsReplied = replied
	if replied {
		e.emitSeqContactEvent("contact_replied", m.SequenceID, m.ContactID, nil)
		e.finishMember(m, "Replied")
	}
	e.touchSeqContact(m.ContactID)
}

// setMemberBounced writes the bounced flag of one membership.
func (e *Emulator) setMemberBounced(m *seqMember, bounced, resend bool) {
	m.disposition().IsBounced = bounced
	if bounced {
		e.finishMember(m, "Bounced")
	} else if resend {
		e.activateMember(m)
	}
	e.touchSeqContact(m.ContactID)
}

// statusBody is the body of set-status-in-sequence, set-replied and set-bounced.
type statusBody struct {
	ContactIDs       json.RawMessage `json:"contactIds"`
	StatusInSequence *string         `json:"statusInSequence"`
	IsReplied        *bool           `json:"isReplied"`
	IsBounced        *bool           `json:"isBounced"`
	ResendEmails     opt[bool]       `json:"resendEmails"`
}

// decodeStatusBody decodes and validates a status body for kind status / replied / bounced.
func (c *call) decodeStatusBody(kind string, noDup bool) (statusBody, []int64, bool) {
	var in statusBody
	if !c.decode(&in) {
		return in, nil, false
	}
	ids, errs := parseIDList(in.ContactIDs, "/contactIds", 100, noDup)
	switch kind {
	case "status":
		if in.StatusInSequence == nil {
			errs = append(errs, seqRequired("/statusInSequence"))
		} else if v := seqEnum(*in.StatusInSequence, []string{"active", "paused", "finished", "outOfOffice"}); v == "" {
			errs = append(errs, fieldError{"/statusInSequence", "Value has an invalid format."})
		} else {
			in.StatusInSequence = &v
		}
	case "replied":
		if in.IsReplied == nil {
			errs = append(errs, seqRequired("/isReplied"))
		}
	case "bounced":
		switch {
		case in.IsBounced == nil:
			errs = append(errs, seqRequired("/isBounced"))
		case *in.IsBounced && in.ResendEmails.Set:
			errs = append(errs, fieldError{"/resendEmails", "resendEmails must be omitted when isBounced is true."})
		case !*in.IsBounced && in.ResendEmails.ptr() == nil:
			errs = append(errs, seqRequired("/resendEmails"))
		}
	}
	if len(errs) > 0 {
		c.invalid(errs...)
		return in, nil, false
	}
	return in, ids, true
}

// applyStatus applies a status body to one membership and returns a B1 error variant.
func (e *Emulator) applyStatus(kind string, in statusBody, m *seqMember) string {
	switch kind {
	case "status":
		return e.setMemberStatus(m, *in.StatusInSequence)
	case "replied":
		e.setMemberReplied(m, *in.IsReplied)
	case "bounced":
		resend := false
		if p := in.ResendEmails.ptr(); p != nil {
			resend = *p
		}
		e.setMemberBounced(m, *in.IsBounced, resend)
	}
	return ""
}

func (e *Emulator) registerSequenceContactRoutes() {
	e.route("GET /v3/sequences/{id}/contacts", "sequenceContacts.list", func(c *call) {
		top, skip, ok := c.page(25, 1000, "sequenceContact.invalidPagination")
		if !ok {
			return
		}
		s, ok := c.seqContactSequence()
		if !ok {
			return
		}
		members := e.sortedMembers(s.ID)
		by, dir := c.query("sort_by"), strings.ToLower(c.query("sort_direction"))
		if dir != "" && dir != "asc" && dir != "desc" {
			c.problem(http.StatusBadRequest, "sequenceContact.invalidSort", "sort_direction must be asc or desc.")
			return
		}
		if by != "" || dir != "" {
			if by == "" {
				by = "addingDate"
			}
			by = seqEnum(by, []string{"addingDate", "email", "firstName", "lastName", "company", "statusInSequence"})
			if by == "" {
				c.problem(http.StatusBadRequest, "sequenceContact.invalidSort",
					"sort_by must be one of addingDate, email, firstName, lastName, company, statusInSequence.")
				return
			}
			desc := dir != "asc"
			key := func(m *seqMember) string {
				ct, _ := e.contact(m.ContactID)
				if ct == nil {
					ct = &contactRec{}
				}
				switch by {
				case "email":
					return strings.ToLower(ct.Email.S)
				case "firstName":
					return strings.ToLower(ct.FirstName.S)
				case "lastName":
					return strings.ToLower(ct.LastName.S)
				case "company":
					return strings.ToLower(ct.Company.S)
				case "statusInSequence":
					return m.Status
				}
				return ""
			}
			slices.SortStableFunc(members, func(a, b *seqMember) int {
				var r int
				if by == "addingDate" {
					r = a.AddingDate.Compare(b.AddingDate)
				} else {
					r = strings.Compare(key(a), key(b))
				}
				if r == 0 {
					r = cmpInt(a.ContactID, b.ContactID)
				}
				if desc {
					r = -r
				}
				return r
			})
		}
		writeSeqPage(c, members, top, skip, func(m *seqMember) seqObj { return e.renderSeqContact(s, m) })
	})
	e.route("GET /v3/sequences/{id}/contacts/count", "sequenceContacts.count", func(c *call) {
		if s, ok := c.seqContactSequence(); ok {
			c.json(http.StatusOK, map[string]int{"count": len(e.seq.members[s.ID])})
		}
	})
	e.route("GET /v3/sequences/{id}/contacts/state", "sequenceContacts.state", func(c *call) {
		top, skip, ok := c.page(25, 100, "sequenceContact.invalidPagination")
		if !ok {
			return
		}
		s, ok := c.seqContactSequence()
		if !ok {
			return
		}
		cols := map[string]bool{}
		if v := c.query("additionalColumns"); v != "" {
			for _, part := range strings.Split(v, ",") {
				col := seqEnum(strings.TrimSpace(part), []string{"CurrentStep", "LastStepCompletedAt", "Status"})
				if col == "" {
					c.problem(http.StatusBadRequest, "sequenceContact.invalidInput", fmt.Sprintf("Unknown additional column '%s'.", strings.TrimSpace(part)))
					return
				}
				cols[col] = true
			}
		}
		writeSeqPage(c, e.sortedMembers(s.ID), top, skip, func(m *seqMember) seqObj { return e.renderSeqContactState(s, m, cols) })
	})
	e.route("GET /v3/sequences/{id}/contacts/{contact_id}", "sequenceContacts.get", func(c *call) {
		s, ok := c.seqContactSequence()
		if !ok {
			return
		}
		cid, ok := c.pathID("contact_id")
		if !ok {
			return
		}
		m := e.member(s.ID, cid)
		if m == nil {
			c.problem(http.StatusNotFound, "sequenceContact.notInSequence", fmt.Sprintf("Contact %d is not in sequence %d.", cid, s.ID))
			return
		}
		c.json(http.StatusOK, e.renderSeqContact(s, m))
	})
	e.route("POST /v3/sequences/{id}/contact-links/bulk", "sequenceContacts.add", func(c *call) {
		s, ok := c.seqContactSequence()
		if !ok {
			return
		}
		var in enrolIn
		if !c.decode(&in) {
			return
		}
		ids, errs := parseIDList(in.ContactIDs, "/contactIds", 10000, false)
		o, oerrs := in.opts()
		if errs = append(errs, oerrs...); len(errs) > 0 {
			c.invalid(errs...)
			return
		}
		if s.IsArchived {
			c.problem(http.StatusBadRequest, "sequence.archived", "Contacts cannot be added to an archived sequence.")
			return
		}
		if len(s.Steps) == 0 {
			c.problem(http.StatusBadRequest, "sequenceContact.noStepsInSequence", "The sequence has no steps.")
			return
		}
		added := []int64{}
		notProcessed := seqB1{}
		for _, id := range ids {
			if code, detail := e.enrol(s, id, o); code != "" {
				notProcessed.fail(id, code, detail)
				continue
			}
			added = append(added, id)
		}
		c.json(http.StatusOK, seqObj{}.add("added", added).add("notProcessed", notProcessed))
	})
	e.route("DELETE /v3/sequences/{id}/contact-links/{contact_id}", "sequenceContacts.remove", func(c *call) {
		s, ok := c.seqContactSequence()
		if !ok {
			return
		}
		cid, ok := c.pathID("contact_id")
		if !ok {
			return
		}
		if e.member(s.ID, cid) == nil {
			c.problem(http.StatusNotFound, "sequenceContact.notInSequence", fmt.Sprintf("Contact %d is not in sequence %d.", cid, s.ID))
			return
		}
		delete(e.seq.members[s.ID], cid)
		e.touchSeqContact(cid)
		c.noContent()
	})
	e.route("POST /v3/sequences/{id}/contact-links/bulk-delete", "sequenceContacts.bulkRemove", func(c *call) {
		s, ok := c.seqContactSequence()
		if !ok {
			return
		}
		var in struct {
			ContactIDs json.RawMessage `json:"contactIds"`
		}
		if !c.decode(&in) {
			return
		}
		ids, errs := parseIDList(in.ContactIDs, "/contactIds", 10000, true)
		if len(errs) > 0 {
			c.invalid(errs...)
			return
		}
		removed, notFound, notIn := []int64{}, 0, 0
		for _, id := range ids {
			switch _, exists := e.contact(id); {
			case e.member(s.ID, id) != nil:
				delete(e.seq.members[s.ID], id)
				e.touchSeqContact(id)
				removed = append(removed, id)
			case !exists:
				notFound++
			default:
				notIn++
			}
		}
		c.json(http.StatusOK, seqObj{}.add("requested", len(ids)).add("removed", len(removed)).
			add("notFound", notFound).add("notInSequence", notIn).add("removedIds", removed))
	})
	perSeq := func(kind string) func(c *call) {
		return func(c *call) {
			s, ok := c.seqContactSequence()
			if !ok {
				return
			}
			in, ids, ok := c.decodeStatusBody(kind, kind == "status")
			if !ok {
				return
			}
			res := seqB1{}
			for _, id := range ids {
				m := e.member(s.ID, id)
				_, exists := e.contact(id)
				switch {
				case s.IsArchived:
					res.fail(id, "sequenceArchived", fmt.Sprintf("Sequence %d is archived.", s.ID))
				case !exists:
					res.fail(id, "contactNotFound", fmt.Sprintf("Contact %d not found.", id))
				case m == nil:
					res.fail(id, "notInSequence", fmt.Sprintf("Contact %d is not in sequence %d.", id, s.ID))
				default:
					if code := e.applyStatus(kind, in, m); code != "" {
						res.fail(id, code, fmt.Sprintf("Contact %d cannot change from %s to %s.", id, m.Status, *in.StatusInSequence))
					}
				}
			}
			c.json(http.StatusOK, res)
		}
	}
	e.route("POST /v3/sequences/{id}/contacts/set-status-in-sequence", "sequenceContacts.setStatus", perSeq("status"))
	e.route("POST /v3/sequences/{id}/contacts/set-replied", "sequenceContacts.setReplied", perSeq("replied"))
	e.route("POST /v3/sequences/{id}/contacts/set-bounced", "sequenceContacts.setBounced", perSeq("bounced"))
	global := func(kind string) func(c *call) {
		return func(c *call) {
			in, ids, ok := c.decodeStatusBody(kind, false)
			if !ok {
				return
			}
			res := seqB1{}
			for _, id := range ids {
				if _, exists := e.contact(id); !exists {
					res.fail(id, "notFound", fmt.Sprintf("Contact %d not found.", id))
					continue
				}
				ms := e.contactMemberships(id)
				if len(ms) == 0 {
					res.fail(id, "invalidInput", "Contact is not in any sequence.")
					continue
				}
				for _, m := range ms {
					if code := e.applyStatus(kind, in, m); code != "" {
						res.fail(id, code, fmt.Sprintf("Contact %d cannot change from %s to %s in sequence %d.", id, m.Status, *in.StatusInSequence, m.SequenceID))
					}
				}
			}
			c.json(http.StatusOK, res)
		}
	}
	e.route("POST /v3/contacts/set-status-in-sequence", "contacts.setStatusInSequence", global("status"))
	e.route("POST /v3/contacts/set-replied", "contacts.setReplied", global("replied"))
	e.route("POST /v3/contacts/set-bounced", "contacts.setBounced", global("bounced"))
	e.route("POST /v3/contacts/{id}/move-to-sequence", "contacts.moveToSequence", func(c *call) {
		cid, ok := c.pathID("id")
		if !ok {
			return
		}
		var in enrolIn
		if !c.decode(&in) {
			return
		}
		o, errs := in.opts()
		sid := in.SequenceID.ptr()
		if sid == nil {
			errs = append([]fieldError{seqRequired("/sequenceId")}, errs...)
		} else if *sid < 1 {
			errs = append([]fieldError{{"/sequenceId", "The value must be greater than or equal to 1."}}, errs...)
		}
		if len(errs) > 0 {
			c.invalid(errs...)
			return
		}
		if _, ok := e.contact(cid); !ok {
			c.notFound("contact.notFound", "Contact", cid)
			return
		}
		s := e.seq.sequences[*sid]
		if s == nil {
			c.notFound("contact.sequenceNotFound", "Sequence", *sid)
			return
		}
		if s.IsArchived {
			c.problem(http.StatusBadRequest, "sequence.archived", "Contacts cannot be added to an archived sequence.")
			return
		}
		if len(s.Steps) == 0 {
			c.problem(http.StatusBadRequest, "contact.invalidInput", "Contact could not be added to the sequence.")
			return
		}
		if code, _ := e.enrol(s, cid, o); code != "" {
			c.problem(http.StatusBadRequest, "contact.invalidInput", "Contact could not be added to the sequence.")
			return
		}
		c.noContent()
	})
	e.route("GET /v3/contacts/{id}/sequences", "contacts.sequences", func(c *call) {
		cid, ok := c.pathID("id")
		if !ok {
			return
		}
		if _, ok := e.contact(cid); !ok {
			c.notFound("contact.notFound", "Contact", cid)
			return
		}
		out := []seqObj{}
		for _, m := range e.contactMemberships(cid) {
			s := e.seq.sequences[m.SequenceID]
			out = append(out, seqObj{}.add("sequenceId", s.ID).add("sequenceName", s.Name).
				add("statusInSequence", m.Status).add("currentStep", memberStep(s, m)).
				add("addingDate", tOffset(m.AddingDate)).add("emailAccountId", seqNullInt(m.EmailAccountID)).
				add("linkedInAccountId", seqNullInt(m.LinkedInAccountID)))
		}
		c.json(http.StatusOK, out)
	})
	e.route("GET /v3/contacts/{id}/statuses", "contacts.statuses", func(c *call) {
		cid, ok := c.pathID("id")
		if !ok {
			return
		}
		ct, ok := e.contact(cid)
		if !ok {
			c.notFound("contact.notFound", "Contact", cid)
			return
		}
		seqs := []seqObj{}
		for _, m := range e.contactMemberships(cid) {
			s := e.seq.sequences[m.SequenceID]
			d := seqDisposition{}
			if m.Disposition != nil {
				d = *m.Disposition
			}
			seqs = append(seqs, seqObj{}.add("sequenceId", s.ID).add("sequenceName", s.Name).
				add("statusInSequence", m.Status).add("emailDisposition", d))
		}
		c.json(http.StatusOK, seqObj{}.add("contactId", ct.ID).add("isOptedOut", ct.IsOptedOut).
			add("callStatus", orNone(ct.CallStatus)).add("meetingStatus", orNone(ct.MeetingStatus)).add("sequences", seqs))
	})
}
