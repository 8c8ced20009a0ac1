package catalog

import (
	"context"
	"errors"
	"iter"

	"github.com/replykit/replykit/reply"
)

// sequenceContacts is the contacts enrolled in each sequence, REFERENCE.md §2.16.
func sequenceContacts() *Table {
	t := &Table{
		Name: "SequenceContacts",
		Doc: "Contacts enrolled in each sequence, newest first. GET /v3/sequences/{id}/contacts for each sequence. Read-only: " +
			"enrol with MoveContactToSequence, change status with SetContactStatus.",
		Key: []string{"SequenceId", "ContactId"},
		Columns: []Column{
			{Name: "SequenceId", Field: "sequenceId", Type: Int, ReadOnly: true},
			{Name: "ContactId", Field: "contactId", Type: Int, ReadOnly: true},
			{Name: "Email", Field: "email", Type: Text, ReadOnly: true, Nullable: true},
			{Name: "FirstName", Field: "firstName", Type: Text, ReadOnly: true, Nullable: true},
			{Name: "LastName", Field: "lastName", Type: Text, ReadOnly: true, Nullable: true},
			{Name: "Company", Field: "company", Type: Text, ReadOnly: true, Nullable: true},
			{Name: "Title", Field: "title", Type: Text, ReadOnly: true, Nullable: true},
			{Name: "StatusInSequence", Field: "statusInSequence", Type: Text, ReadOnly: true, Doc: "active, paused, finished, inactive, outOfOffice."},
			{Name: "IsOptedOut", Field: "isOptedOut", Type: Bool, ReadOnly: true},
			{Name: "CallStatus", Field: "callStatus", Type: Text, ReadOnly: true, Nullable: true},
			{Name: "MeetingStatus", Field: "meetingStatus", Type: Text, ReadOnly: true, Nullable: true},
			{Name: "EmailDisposition", Field: "emailDisposition", Type: JSON, ReadOnly: true, Nullable: true, Doc: "{isReplied, isBounced} or null."},
			{Name: "CurrentStep", Field: "currentStep", Type: JSON, ReadOnly: true, Nullable: true, Doc: "{stepId, displayName}."},
			{Name: "AddingDate", Field: "addingDate", Type: Time, ReadOnly: true},
			{Name: "EmailAccountId", Field: "emailAccountId", Type: Int, ReadOnly: true, Nullable: true},
			{Name: "LinkedInAccountId", Field: "linkedInAccountId", Type: Int, ReadOnly: true, Nullable: true},
		},
		Filters: []Filter{
			{Column: "SequenceId", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/sequences/{id}/contacts"},
			{Column: "ContactId", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/sequences/{id}/contacts/{contact_id} with SequenceId; without it GET /v3/contacts/{id}/sequences first"},
			{Column: "AddingDate", Ops: []Op{Gt}, Exact: true, Doc: "newest first, stops at the first older row"},
		},
		Parent:  &Parent{Table: "Sequences", Column: "SequenceId", Key: "Id"},
		Changes: Changes{Cursor: "AddingDate", Strategy: SortAndStop, InsertsOnly: true, Doc: "newest addingDate first, stop at the cursor; status changes need a full run"},
		MaxPage: 1000,
	}
	t.List = func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		contacts, byContact := condInts(q, "ContactId")
		if seqs, ok := condInts(q, "SequenceId"); ok && byContact && len(seqs) == 1 {
			return byIDs(t, contacts, func(id int64) (Row, error) {
				v, err := c.SequenceContacts.Get(ctx, seqs[0], id)
				if err != nil {
					return nil, err
				}
				return sequenceContactRow(t, seqs[0], v)
			})
		}
		if _, bySeq := condInts(q, "SequenceId"); byContact && !bySeq {
			// GET /v3/contacts/{id}/sequences names the contact's sequences: read those memberships only.
			return limited(q, contactMemberships(ctx, c, t, contacts))
		}
		after, stop := condTime(t, q, "AddingDate", Gt)
		rows := children(sequenceIDs(ctx, c, q), func(seq int64) iter.Seq2[Row, error] {
			return func(yield func(Row, error) bool) {
				// Newest first (the API's default order): with AddingDate > x, stop at the first older row.
				opts := &reply.SequenceContactListOptions{SortBy: "addingDate", SortDirection: "desc"}
				for v, err := range c.SequenceContacts.List(ctx, seq, opts) {
					if err != nil {
						yield(nil, err)
						return
					}
					if stop && !v.AddingDate.Time.After(after) {
						return
					}
					r, err := sequenceContactRow(t, seq, v)
					if !yield(r, err) || err != nil {
						return
					}
				}
			}
		})
		return limited(q, only(rows, "ContactId", contacts, byContact))
	}
	return t
}

func sequenceContactRow(t *Table, seq int64, v reply.SequenceContact) (Row, error) {
	r, err := rowFrom(t, v)
	if err != nil {
		return nil, err
	}
	if r["SequenceId"] == nil {
		r["SequenceId"] = seq
	}
	return r, nil
}

// contactMemberships yields the memberships of the given contacts: one call for each contact's sequences, then one
// GET per membership.
func contactMemberships(ctx context.Context, c *reply.Client, t *Table, contacts []int64) iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		for _, id := range contacts {
			seqs, err := c.Contacts.Sequences(ctx, id)
			if errors.Is(err, reply.ErrNotFound) {
				continue
			}
			if err != nil {
				yield(nil, err)
				return
			}
			for _, s := range seqs {
				v, err := c.SequenceContacts.Get(ctx, int64(s.SequenceID), id)
				if errors.Is(err, reply.ErrNotFound) {
					continue
				}
				if err != nil {
					yield(nil, err)
					return
				}
				r, err := sequenceContactRow(t, int64(s.SequenceID), v)
				if !yield(r, err) || err != nil {
					return
				}
			}
		}
	}
}
