package catalog

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/replykit/replykit/reply"
)

// Procedures returns every procedure (REFERENCE.md §5.2), in DESIGN.md's order. Bulk procedures return one row
// per input id: (Id, Error) with Error NULL when the id was processed, so no failure is swallowed.
func Procedures() []*Procedure {
	return []*Procedure{
		{
			Name:   "StartSequence",
			Doc:    "Starts a sequence (POST /v3/sequences/{id}/start); idempotent. Needs contacts and a linked email account.",
			Params: []Param{{Name: "SequenceId", Type: Int, Required: true, Doc: "Sequences.Id."}},
			Result: sequenceResult(),
			Func: func(ctx context.Context, c *reply.Client, a Args) ([]Row, error) {
				return sequenceAction(ctx, a, c.Sequences.Start)
			},
		},
		{
			Name:   "PauseSequence",
			Doc:    "Pauses a started sequence (POST /v3/sequences/{id}/pause); idempotent.",
			Params: []Param{{Name: "SequenceId", Type: Int, Required: true, Doc: "Sequences.Id."}},
			Result: sequenceResult(),
			Func: func(ctx context.Context, c *reply.Client, a Args) ([]Row, error) {
				return sequenceAction(ctx, a, c.Sequences.Pause)
			},
		},
		{
			Name:   "ArchiveSequence",
			Doc:    "Archives a new or paused sequence (POST /v3/sequences/{id}/archive); an active one must be paused first. Removes every contact from it.",
			Params: []Param{{Name: "SequenceId", Type: Int, Required: true, Doc: "Sequences.Id."}},
			Result: sequenceResult(),
			Func: func(ctx context.Context, c *reply.Client, a Args) ([]Row, error) {
				return sequenceAction(ctx, a, c.Sequences.Archive)
			},
		},
		{
			Name: "SetContactStatus",
			Doc: "Sets a status for contacts (REFERENCE.md §5.3): Active, Paused, OutOfOffice, Finished through set-status-in-sequence; " +
				"Replied, Bounced through set-replied / set-bounced (100 ids per call), in SequenceId only when given, else in every " +
				"sequence of the contact; OptedOut, Called, ToCall, MeetingBooked through one PATCH per contact (SequenceId ignored).",
			Params: []Param{
				{Name: "ContactIds", Type: Int, Array: true, Required: true, Doc: "Contacts.Id values."},
				{Name: "Status", Type: Text, Required: true, Enum: setStatuses},
				{Name: "SequenceId", Type: Int, Doc: "Limit in-sequence statuses to this sequence."},
			},
			Result: idErrorResult(),
			Func:   setContactStatus,
		},
		{
			Name: "ClearContactStatus",
			Doc: "Clears statuses of contacts (REFERENCE.md §5.4): OptedOut, Called, ToCall, MeetingBooked (the default set) with one " +
				"PATCH per contact (clearing Called or ToCall alone reads the current call status first); Replied and Bounced only " +
				"when named, through set-replied / set-bounced false.",
			Params: []Param{
				{Name: "ContactIds", Type: Int, Array: true, Required: true, Doc: "Contacts.Id values."},
				{Name: "Statuses", Type: Text, Array: true, Enum: clearableStatuses, Doc: "Default: OptedOut, Called, ToCall, MeetingBooked."},
				{Name: "SequenceId", Type: Int, Doc: "For Replied and Bounced: this sequence only."},
			},
			Result: idErrorResult(),
			Func:   clearContactStatus,
		},
		{
			Name: "AddNoteToContact",
			Doc:  "Adds a note to a contact's activity (POST /v3/contacts/{id}/notes).",
			Params: []Param{
				{Name: "ContactId", Type: Int, Required: true},
				{Name: "Note", Type: Text, Required: true},
			},
			Result: []Column{{Name: "ContactId", Type: Int}},
			Func: func(ctx context.Context, c *reply.Client, a Args) ([]Row, error) {
				id, err := argInt(a, "ContactId")
				if err != nil {
					return nil, err
				}
				note, err := argText(a, "Note")
				if err != nil {
					return nil, err
				}
				if err := c.Contacts.AddNote(ctx, id, note); err != nil {
					return nil, err
				}
				return []Row{{"ContactId": id}}, nil
			},
		},
		{
			Name: "MoveContactToSequence",
			Doc:  "Enrols a contact in a sequence (POST /v3/contacts/{id}/move-to-sequence).",
			Params: []Param{
				{Name: "ContactId", Type: Int, Required: true},
				{Name: "SequenceId", Type: Int, Required: true},
				{Name: "RemoveFromExisting", Type: Bool, Doc: "Take the contact out of its other sequences first (default false)."},
				{Name: "StartStepId", Type: Int, Doc: "Step to start at (default the first)."},
				{Name: "IgnoreStepDelay", Type: Bool, Doc: "Skip the delay before the first step (default false)."},
				{Name: "StartFrom", Type: Time, Doc: "When to start (default now)."},
			},
			Result: []Column{{Name: "ContactId", Type: Int}, {Name: "SequenceId", Type: Int}},
			Func:   moveContactToSequence,
		},
		{
			Name: "SetSequenceEmailAccounts",
			Doc:  "Replaces the email accounts linked to a sequence (PUT /v3/sequences/{id}/email-account-links); an empty list unlinks all.",
			Params: []Param{
				{Name: "SequenceId", Type: Int, Required: true},
				{Name: "EmailAccountIds", Type: Int, Array: true, Required: true, Doc: "EmailAccounts.Id values."},
			},
			Result: []Column{{Name: "SequenceId", Type: Int}, {Name: "EmailAccountId", Type: Int}},
			Func: func(ctx context.Context, c *reply.Client, a Args) ([]Row, error) {
				seq, err := argInt(a, "SequenceId")
				if err != nil {
					return nil, err
				}
				ids, err := argInts(a, "EmailAccountIds", false)
				if err != nil {
					return nil, err
				}
				if err := c.SequenceEmailAccounts.Set(ctx, seq, ids); err != nil {
					return nil, err
				}
				rows := make([]Row, len(ids))
				for i, id := range ids {
					rows[i] = Row{"SequenceId": seq, "EmailAccountId": id}
				}
				return rows, nil
			},
		},
		{
			Name: "BulkAssignSequencesToFolder",
			Doc:  "Files sequences in a folder, out of any other (POST /v3/sequence-folders/{id}/sequence-links/bulk, 1000 ids per call).",
			Params: []Param{
				{Name: "FolderId", Type: Text, Required: true, Doc: "SequenceFolders.Id (UUID)."},
				{Name: "SequenceIds", Type: Int, Array: true, Required: true},
			},
			Result: idErrorResult(),
			Func: func(ctx context.Context, c *reply.Client, a Args) ([]Row, error) {
				return folderLinks(ctx, a, c.SequenceFolders.AssignSequences)
			},
		},
		{
			Name: "BulkUnassignSequencesToFolder",
			Doc:  "Takes sequences out of a folder, leaving them unfiled (POST /v3/sequence-folders/{id}/sequence-links/bulk-delete, 1000 ids per call).",
			Params: []Param{
				{Name: "FolderId", Type: Text, Required: true, Doc: "SequenceFolders.Id (UUID)."},
				{Name: "SequenceIds", Type: Int, Array: true, Required: true},
			},
			Result: idErrorResult(),
			Func: func(ctx context.Context, c *reply.Client, a Args) ([]Row, error) {
				return folderLinks(ctx, a, c.SequenceFolders.UnassignSequences)
			},
		},
		{
			Name:   "DeleteSequenceTemplate",
			Doc:    "Deletes a sequence template (DELETE /v3/sequence-templates/{id}).",
			Params: []Param{{Name: "TemplateId", Type: Text, Required: true, Doc: "Template UUID."}},
			Result: []Column{{Name: "TemplateId", Type: Text}},
			Func: func(ctx context.Context, c *reply.Client, a Args) ([]Row, error) {
				id, err := argText(a, "TemplateId")
				if err != nil {
					return nil, err
				}
				if err := c.SequenceTemplates.Delete(ctx, id); err != nil {
					return nil, err
				}
				return []Row{{"TemplateId": id}}, nil
			},
		},
		{
			Name: "MoveContactsToContactList",
			Doc:  "Moves contacts into a list and out of every other list (POST /v3/contact-lists/{id}/move-contacts, 1000 ids per call).",
			Params: []Param{
				{Name: "ListId", Type: Int, Required: true, Doc: "ContactLists.Id."},
				{Name: "ContactIds", Type: Int, Array: true, Required: true},
			},
			Result: idErrorResult(),
			Func: func(ctx context.Context, c *reply.Client, a Args) ([]Row, error) {
				return contactListLinks(ctx, a, c.ContactLists.MoveContacts)
			},
		},
		{
			Name: "AddContactsToContactList",
			Doc:  "Adds contacts to a list, keeping their other lists (POST /v3/contact-lists/{id}/add-contacts, 1000 ids per call).",
			Params: []Param{
				{Name: "ListId", Type: Int, Required: true, Doc: "ContactLists.Id."},
				{Name: "ContactIds", Type: Int, Array: true, Required: true},
			},
			Result: idErrorResult(),
			Func: func(ctx context.Context, c *reply.Client, a Args) ([]Row, error) {
				return contactListLinks(ctx, a, c.ContactLists.AddContacts)
			},
		},
		{
			Name: "ReassignTask",
			Doc:  "Assigns a task to a team member (PUT /v3/tasks/{id}/assigned-user).",
			Params: []Param{
				{Name: "TaskId", Type: Int, Required: true},
				{Name: "UserId", Type: Int, Required: true},
			},
			Result: taskResult(),
			Func: func(ctx context.Context, c *reply.Client, a Args) ([]Row, error) {
				id, err := argInt(a, "TaskId")
				if err != nil {
					return nil, err
				}
				user, err := argInt(a, "UserId")
				if err != nil {
					return nil, err
				}
				return taskRows(c.Tasks.Reassign(ctx, id, user))
			},
		},
		{
			Name: "CompleteTask",
			Doc:  "Completes a new task (POST /v3/tasks/{id}/complete).",
			Params: []Param{
				{Name: "TaskId", Type: Int, Required: true},
				{Name: "CallResolution", Type: Text, Enum: []string{"Positive", "ToCall", "Negative"}, Doc: "Call tasks only."},
				{Name: "FinishProspectInSequence", Type: Bool, Doc: "Also finish the contact in the task's sequence (default false)."},
			},
			Result: taskResult(),
			Func:   completeTask,
		},
		{
			Name: "ExecuteAndCompleteTask",
			Doc:  "Sends a manualEmail or sms task and completes it (POST /v3/tasks/{id}/execute); without content the stored template is rendered.",
			Params: []Param{
				{Name: "TaskId", Type: Int, Required: true},
				{Name: "ContentBody", Type: Text},
				{Name: "ContentSubject", Type: Text},
				{Name: "EmailAccountId", Type: Int, Doc: "Non-sequence manualEmail tasks only."},
			},
			Result: taskResult(),
			Func:   executeTask,
		},
	}
}

// LookupProcedure returns the procedure with the given name, matched case-insensitively.
func LookupProcedure(name string) (*Procedure, bool) {
	for _, p := range Procedures() {
		if strings.EqualFold(p.Name, name) {
			return p, true
		}
	}
	return nil, false
}

// The status names of SetContactStatus and ClearContactStatus (REFERENCE.md §5.3, §5.4).
var (
	setStatuses = []string{"Active", "Paused", "OutOfOffice", "Finished", "OptedOut", "Replied", "Bounced", "Called",
		"ToCall", "MeetingBooked"}
	clearableStatuses = []string{"OptedOut", "Called", "ToCall", "MeetingBooked", "Replied", "Bounced"}
)

// bulkChunk is the number of contact ids per set-status, set-replied and set-bounced call.
const bulkChunk = 100

func sequenceResult() []Column {
	return []Column{{Name: "Id", Type: Int}, {Name: "Name", Type: Text}, {Name: "Status", Type: Text},
		{Name: "IsArchived", Type: Bool}, {Name: "Health", Type: Text}}
}

func idErrorResult() []Column {
	return []Column{{Name: "Id", Type: Int}, {Name: "Error", Type: Text, Nullable: true, Doc: "NULL when the id was processed."}}
}

func taskResult() []Column {
	return []Column{{Name: "Id", Type: Int}, {Name: "Status", Type: Text}, {Name: "AssignedUserId", Type: Int},
		{Name: "FinishedAt", Type: Time, Nullable: true}}
}

// argErr is the error of a bad or missing argument.
func argErr(name, format string, args ...any) error {
	return fmt.Errorf("%s: %w: %s", name, ErrInvalidValue, fmt.Sprintf(format, args...))
}

func arg(a Args, name string) (any, bool) {
	for k, v := range a {
		if strings.EqualFold(k, name) && v != nil {
			return v, true
		}
	}
	return nil, false
}

func argInt(a Args, name string) (int64, error) {
	v, ok := arg(a, name)
	if !ok {
		return 0, argErr(name, "is required")
	}
	n, err := Column{Name: name, Type: Int}.Coerce(v)
	if err != nil || n == nil {
		return 0, argErr(name, "want an integer, got %v", v)
	}
	return n.(int64), nil
}

func argText(a Args, name string) (string, error) {
	v, ok := arg(a, name)
	if !ok {
		return "", argErr(name, "is required")
	}
	s, err := Column{Name: name, Type: Text}.Coerce(v)
	if err != nil || s == nil || s.(string) == "" {
		return "", argErr(name, "is required")
	}
	return s.(string), nil
}

// argInts returns an array argument's integers without duplicates, in order; a single value is a one-element
// array. A missing argument is an error; nonEmpty also rejects an empty list.
func argInts(a Args, name string, nonEmpty bool) ([]int64, error) {
	v, ok := arg(a, name)
	var items []any
	switch x := v.(type) {
	case nil:
	case []any:
		items = x
	case []int64:
		for _, n := range x {
			items = append(items, n)
		}
	default:
		items = []any{x}
	}
	if !ok {
		return nil, argErr(name, "is required")
	}
	seen := map[int64]bool{}
	out := make([]int64, 0, len(items))
	for _, it := range items {
		n, err := Column{Name: name, Type: Int}.Coerce(it)
		if err != nil || n == nil {
			return nil, argErr(name, "want integers, got %v", it)
		}
		if !seen[n.(int64)] {
			seen[n.(int64)] = true
			out = append(out, n.(int64))
		}
	}
	if nonEmpty && len(out) == 0 {
		return nil, argErr(name, "needs at least one id")
	}
	return out, nil
}

func argBool(a Args, name string) (bool, error) {
	v, ok := arg(a, name)
	if !ok {
		return false, nil
	}
	b, err := Column{Name: name, Type: Bool}.Coerce(v)
	if err != nil || b == nil {
		return false, argErr(name, "want true or false, got %v", v)
	}
	return b.(bool), nil
}

// argEnum returns the canonical spelling of an enum argument.
func argEnum(name, v string, enum []string) (string, error) {
	for _, e := range enum {
		if strings.EqualFold(e, v) {
			return e, nil
		}
	}
	return "", argErr(name, "%q is not one of %s", v, strings.Join(enum, ", "))
}

func sequenceAction(ctx context.Context, a Args, act func(context.Context, int64) (reply.Sequence, error)) ([]Row, error) {
	id, err := argInt(a, "SequenceId")
	if err != nil {
		return nil, err
	}
	s, err := act(ctx, id)
	if err != nil {
		return nil, err
	}
	return []Row{{"Id": int64(s.ID), "Name": s.Name, "Status": s.Status, "IsArchived": s.IsArchived, "Health": s.Health}}, nil
}

func taskRows(t reply.Task, err error) ([]Row, error) {
	if err != nil {
		return nil, err
	}
	var fin any
	if !t.FinishedAt.IsZero() {
		fin = t.FinishedAt.Time.UTC()
	}
	return []Row{{"Id": int64(t.ID), "Status": t.Status, "AssignedUserId": int64(t.AssignedUserID), "FinishedAt": fin}}, nil
}

// idResults turns the outcome of a bulk call over ids into one (Id, Error) row per id: the id's item error, or
// callErr when the call itself failed, or NULL.
type idResults struct {
	ids  []int64
	errs map[int64]error
}

func newIDResults(ids []int64) *idResults { return &idResults{ids: ids, errs: map[int64]error{}} }

// fail records err for id, keeping the first error of each id.
func (r *idResults) fail(id int64, err error) {
	if err == nil {
		return
	}
	if prev, ok := r.errs[id]; ok {
		r.errs[id] = errors.Join(prev, err)
		return
	}
	r.errs[id] = err
}

// bulk runs call on chunks of the ids and records per-id failures.
func (r *idResults) bulk(ids []int64, size int, call func([]int64) (reply.BulkResult, error)) {
	for start := 0; start < len(ids); start += size {
		chunk := ids[start:min(start+size, len(ids))]
		res, err := call(chunk)
		for _, id := range chunk {
			if e, ok := res.Failed(id); ok {
				r.fail(id, e)
			} else if err != nil {
				r.fail(id, err)
			}
		}
	}
}

func (r *idResults) rows() []Row {
	out := make([]Row, len(r.ids))
	for i, id := range r.ids {
		row := Row{"Id": id, "Error": nil}
		if err := r.errs[id]; err != nil {
			row["Error"] = err.Error()
		}
		out[i] = row
	}
	return out
}

func setContactStatus(ctx context.Context, c *reply.Client, a Args) ([]Row, error) {
	ids, err := argInts(a, "ContactIds", true)
	if err != nil {
		return nil, err
	}
	s, err := argText(a, "Status")
	if err != nil {
		return nil, err
	}
	status, err := argEnum("Status", s, setStatuses)
	if err != nil {
		return nil, err
	}
	var seq int64
	if _, ok := arg(a, "SequenceId"); ok {
		if seq, err = argInt(a, "SequenceId"); err != nil {
			return nil, err
		}
	}
	res := newIDResults(ids)
	patch := func(u reply.ContactUpdate) {
		for _, id := range ids {
			if ctx.Err() != nil {
				res.fail(id, ctx.Err())
				continue
			}
			_, err := c.Contacts.Update(ctx, id, u)
			res.fail(id, err)
		}
	}
	str := func(s string) *string { return &s }
	switch status {
	case "Active", "Paused", "OutOfOffice", "Finished":
		api := strings.ToLower(status[:1]) + status[1:]
		res.bulk(ids, bulkChunk, func(chunk []int64) (reply.BulkResult, error) {
			if seq != 0 {
				return c.SequenceContacts.SetStatus(ctx, seq, chunk, api)
			}
			return c.Contacts.SetStatusInSequence(ctx, chunk, api)
		})
	case "Replied":
		res.bulk(ids, bulkChunk, func(chunk []int64) (reply.BulkResult, error) {
			if seq != 0 {
				return c.SequenceContacts.SetReplied(ctx, seq, chunk, true)
			}
			return c.Contacts.SetReplied(ctx, chunk, true)
		})
	case "Bounced":
		res.bulk(ids, bulkChunk, func(chunk []int64) (reply.BulkResult, error) {
			if seq != 0 {
				return c.SequenceContacts.SetBounced(ctx, seq, chunk, true, nil)
			}
			return c.Contacts.SetBounced(ctx, chunk, true, nil)
		})
	case "OptedOut":
		t := true
		patch(reply.ContactUpdate{IsOptedOut: &t})
	case "Called":
		patch(reply.ContactUpdate{CallStatus: str("called")})
	case "ToCall":
		patch(reply.ContactUpdate{CallStatus: str("toCall")})
	case "MeetingBooked":
		patch(reply.ContactUpdate{MeetingStatus: str("meetingBooked")})
	}
	return res.rows(), nil
}

func clearContactStatus(ctx context.Context, c *reply.Client, a Args) ([]Row, error) {
	ids, err := argInts(a, "ContactIds", true)
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	if v, ok := arg(a, "Statuses"); ok {
		items, isList := v.([]any)
		if !isList {
			items = []any{v}
		}
		for _, it := range items {
			s, _ := Column{Type: Text}.Coerce(it)
			name, _ := s.(string)
			st, err := argEnum("Statuses", name, setStatuses)
			if err != nil {
				return nil, err
			}
			if _, err := argEnum("Statuses", st, clearableStatuses); err != nil {
				return nil, argErr("Statuses", "%s cannot be cleared (only %s)", st, strings.Join(clearableStatuses, ", "))
			}
			want[st] = true
		}
	}
	if len(want) == 0 {
		want = map[string]bool{"OptedOut": true, "Called": true, "ToCall": true, "MeetingBooked": true}
	}
	var seq int64
	if _, ok := arg(a, "SequenceId"); ok {
		if seq, err = argInt(a, "SequenceId"); err != nil {
			return nil, err
		}
	}
	res := newIDResults(ids)
	if want["OptedOut"] || want["Called"] || want["ToCall"] || want["MeetingBooked"] {
		none := "none"
		for _, id := range ids {
			if ctx.Err() != nil {
				res.fail(id, ctx.Err())
				continue
			}
			var u reply.ContactUpdate
			if want["OptedOut"] {
				f := false
				u.IsOptedOut = &f
			}
			if want["MeetingBooked"] {
				u.MeetingStatus = &none
			}
			switch {
			case want["Called"] && want["ToCall"]:
				u.CallStatus = &none
			case want["Called"] || want["ToCall"]:
				// Clear only the named one: read the current call status first.
				st, err := c.Contacts.Statuses(ctx, id)
				if err != nil {
					res.fail(id, err)
					continue
				}
				if (want["Called"] && strings.EqualFold(st.CallStatus, "called")) ||
					(want["ToCall"] && strings.EqualFold(st.CallStatus, "toCall")) {
					u.CallStatus = &none
				}
			}
			if u.IsOptedOut == nil && u.MeetingStatus == nil && u.CallStatus == nil {
				continue
			}
			_, err := c.Contacts.Update(ctx, id, u)
			res.fail(id, err)
		}
	}
	if want["Replied"] {
		res.bulk(ids, bulkChunk, func(chunk []int64) (reply.BulkResult, error) {
			if seq != 0 {
				return c.SequenceContacts.SetReplied(ctx, seq, chunk, false)
			}
			return c.Contacts.SetReplied(ctx, chunk, false)
		})
	}
	if want["Bounced"] {
		no := false
		res.bulk(ids, bulkChunk, func(chunk []int64) (reply.BulkResult, error) {
			if seq != 0 {
				return c.SequenceContacts.SetBounced(ctx, seq, chunk, false, &no)
			}
			return c.Contacts.SetBounced(ctx, chunk, false, &no)
		})
	}
	return res.rows(), nil
}

func moveContactToSequence(ctx context.Context, c *reply.Client, a Args) ([]Row, error) {
	id, err := argInt(a, "ContactId")
	if err != nil {
		return nil, err
	}
	var m reply.MoveToSequence
	if m.SequenceID, err = argInt(a, "SequenceId"); err != nil {
		return nil, err
	}
	if m.RemoveFromExisting, err = argBool(a, "RemoveFromExisting"); err != nil {
		return nil, err
	}
	if m.IgnoreStepDelay, err = argBool(a, "IgnoreStepDelay"); err != nil {
		return nil, err
	}
	if _, ok := arg(a, "StartStepId"); ok {
		if m.StartStepID, err = argInt(a, "StartStepId"); err != nil {
			return nil, err
		}
	}
	if v, ok := arg(a, "StartFrom"); ok {
		ts, err := Column{Name: "StartFrom", Type: Time}.Coerce(v)
		if err != nil || ts == nil {
			return nil, argErr("StartFrom", "want a timestamp, got %v", v)
		}
		m.StartFrom = reply.NewTime(ts.(time.Time)).Ptr()
	}
	if err := c.Contacts.MoveToSequence(ctx, id, m); err != nil {
		return nil, err
	}
	return []Row{{"ContactId": id, "SequenceId": m.SequenceID}}, nil
}

func folderLinks(ctx context.Context, a Args, call func(context.Context, string, []int64) (reply.BulkResult, error)) ([]Row, error) {
	folder, err := argText(a, "FolderId")
	if err != nil {
		return nil, err
	}
	ids, err := argInts(a, "SequenceIds", true)
	if err != nil {
		return nil, err
	}
	res := newIDResults(ids)
	res.bulk(ids, 1000, func(chunk []int64) (reply.BulkResult, error) { return call(ctx, folder, chunk) })
	return res.rows(), nil
}

func contactListLinks(ctx context.Context, a Args, call func(context.Context, int64, []int64) (reply.BulkResult, error)) ([]Row, error) {
	list, err := argInt(a, "ListId")
	if err != nil {
		return nil, err
	}
	ids, err := argInts(a, "ContactIds", true)
	if err != nil {
		return nil, err
	}
	res := newIDResults(ids)
	res.bulk(ids, 1000, func(chunk []int64) (reply.BulkResult, error) { return call(ctx, list, chunk) })
	return res.rows(), nil
}

func completeTask(ctx context.Context, c *reply.Client, a Args) ([]Row, error) {
	id, err := argInt(a, "TaskId")
	if err != nil {
		return nil, err
	}
	var tc reply.TaskCompletion
	if v, ok := arg(a, "CallResolution"); ok {
		s, _ := Column{Type: Text}.Coerce(v)
		name, _ := s.(string)
		res, err := argEnum("CallResolution", name, []string{"Positive", "ToCall", "Negative"})
		if err != nil {
			return nil, err
		}
		n := map[string]int{"Positive": reply.CallPositive, "ToCall": reply.CallToCall, "Negative": reply.CallNegative}[res]
		tc.CallResolution = &n
	}
	if tc.FinishProspectInSequence, err = argBool(a, "FinishProspectInSequence"); err != nil {
		return nil, err
	}
	return taskRows(c.Tasks.Complete(ctx, id, tc))
}

func executeTask(ctx context.Context, c *reply.Client, a Args) ([]Row, error) {
	id, err := argInt(a, "TaskId")
	if err != nil {
		return nil, err
	}
	var e reply.TaskExecution
	body, hasBody := arg(a, "ContentBody")
	subject, hasSubject := arg(a, "ContentSubject")
	if hasBody || hasSubject {
		e.Content = &reply.TaskContent{}
		if hasBody {
			e.Content.Body = fmt.Sprint(body)
		}
		if hasSubject {
			s := fmt.Sprint(subject)
			e.Content.Subject = &s
		}
	}
	if _, ok := arg(a, "EmailAccountId"); ok {
		if e.EmailAccountID, err = argInt(a, "EmailAccountId"); err != nil {
			return nil, err
		}
	}
	return taskRows(c.Tasks.Execute(ctx, id, e))
}
