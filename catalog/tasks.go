package catalog

import (
	"context"
	"fmt"
	"iter"

	"github.com/replykit/replykit/reply"
)

// tasks is Reply's tasks (to-dos, calls, manual emails, ...), REFERENCE.md §2.20.
func tasks() *Table {
	t := &Table{
		Name: "Tasks",
		Doc: "Tasks. GET /v3/tasks; pushed filters use POST /v3/tasks/filter. Detail-only columns cost GET /v3/tasks/{id} " +
			"per row. Actions: ReassignTask, CompleteTask, ExecuteAndCompleteTask.",
		Key: []string{"Id"},
		Columns: []Column{
			{Name: "Id", Field: "id", Type: Int, ReadOnly: true},
			{Name: "TaskType", Field: "taskType", Type: Text, Required: true,
				Enum: []string{"toDo", "call", "meeting", "linkedIn", "manualEmail", "sms", "whatsApp"}},
			{Name: "Status", Field: "status", Type: Text, ReadOnly: true, Doc: "new, finished, cancelled, archived, sequenceDetached."},
			{Name: "LinkedInTaskType", Field: "linkedInTaskType", Type: Text, Nullable: true, Enum: []string{"message", "connect", "inMail", "viewProfile"}},
			{Name: "AssignedUserId", Field: "assignedUserId", Type: Int, ReadOnly: true, Doc: "Changed by ReassignTask."},
			{Name: "Contact", Field: "contact", Type: JSON, ReadOnly: true, Nullable: true, Doc: "{id, fullName} (list only)."},
			{Name: "ContactId", Field: "contactId", Type: Int, Nullable: true, Doc: "Required for every type but toDo; from Contact.id on list rows."},
			{Name: "StartAt", Field: "startAt", Type: Time, Required: true},
			{Name: "DueTo", Field: "dueTo", Type: Time, Required: true, Doc: "After StartAt."},
			{Name: "FinishedAt", Field: "finishedAt", Type: Time, ReadOnly: true, Nullable: true},
			{Name: "IsScheduled", Field: "isScheduled", Type: Bool, ReadOnly: true, Nullable: true},
			{Name: "SequenceId", Field: "sequenceId", Type: Int, ReadOnly: true, Nullable: true},
			{Name: "SequenceStepId", Field: "sequenceStepId", Type: Int, ReadOnly: true, Nullable: true},
			{Name: "SequenceStepDisplayName", Field: "sequenceStepDisplayName", Type: Text, ReadOnly: true, DetailOnly: true, Nullable: true},
			{Name: "CreationSource", Field: "creationSource", Type: Text, ReadOnly: true, DetailOnly: true, Nullable: true},
			{Name: "CreatedAt", Field: "createdAt", Type: Time, ReadOnly: true, DetailOnly: true, Nullable: true},
			{Name: "IsFailed", Field: "isFailed", Type: Bool, ReadOnly: true, DetailOnly: true, Nullable: true},
			{Name: "Template", Field: "template", Type: JSON, DetailOnly: true, Required: true, Nullable: true, Doc: "{body, subject}; body required on write."},
			{Name: "Content", Field: "content", Type: JSON, ReadOnly: true, DetailOnly: true, Nullable: true, Doc: "Rendered {body, subject} (GET ?includeContent=true)."},
			{Name: "DeliveryInfo", Field: "deliveryInfo", Type: JSON, ReadOnly: true, DetailOnly: true, Nullable: true},
		},
		Filters: []Filter{
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/tasks/{id}, one call per id (deleted tasks, cancelled or archived, are left out as the lists do unless Status asks for them)"},
			{Column: "TaskType", Ops: []Op{Eq}, Exact: true, Doc: "filter taskType"},
			{Column: "Status", Ops: []Op{Eq}, Exact: true, Doc: "filter status"},
			{Column: "ContactId", Ops: []Op{Eq}, Exact: true, Doc: "filter contactId"},
			{Column: "AssignedUserId", Ops: []Op{Eq}, Exact: true, Doc: "filter assignedUserId"},
			{Column: "SequenceId", Ops: []Op{Eq, In}, Exact: true, Doc: "filter sequenceIds"},
			{Column: "SequenceStepId", Ops: []Op{Eq, In}, Exact: true, Doc: "filter sequenceStepIds"},
			{Column: "StartAt", Ops: []Op{Ge, Le, Gt, Lt}, Doc: "filter from/to (inclusive bounds on startAt)"},
		},
		Changes:         Changes{Strategy: Full, Doc: "full scan with row hashes (no modified-since filter)"},
		MaxPage:         1000,
		DeleteBatchSize: 1000,
	}
	t.List = func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		return listTasks(ctx, c, t, q)
	}
	t.Insert = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return createRows(ctx, t, rows, c.Tasks.Create)
	}
	t.Update = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return eachRow(ctx, rows, func(r Row) (Row, error) { return putMerged(ctx, t, r, c.Tasks.Get, c.Tasks.Update) })
	}
	t.Delete = func(ctx context.Context, c *reply.Client, keys []Row) []WriteResult {
		return bulkDelete(ctx, keys, "Id", c.Tasks.BulkDelete)
	}
	return t
}

// taskContact fills ContactId of list rows from contact.id (the list item has no contactId).
func taskContact(r Row, v reply.Task) {
	if r["ContactId"] == nil && v.Contact != nil && v.Contact.ID != 0 {
		r["ContactId"] = int64(v.Contact.ID)
	}
}

func listTasks(ctx context.Context, c *reply.Client, t *Table, q Query) iter.Seq2[Row, error] {
	get := func(id int64) (Row, error) {
		var v reply.Task
		var err error
		if q.Wants("Content") {
			v, err = c.Tasks.GetWithContent(ctx, id)
		} else {
			v, err = c.Tasks.Get(ctx, id)
		}
		if err != nil {
			return nil, err
		}
		r, err := rowFrom(t, v)
		if err == nil {
			taskContact(r, v)
		}
		return r, err
	}
	if ids, ok := condInts(q, "Id"); ok {
		// GET by id still answers deleted tasks (cancelled or archived), which the lists leave out: leave them out
		// too unless the query asks for that status.
		want, _ := condValue(t, q, "Status", Eq)
		return byIDs(t, ids, func(id int64) (Row, error) {
			r, err := get(id)
			if err == nil && (r["Status"] == "cancelled" || r["Status"] == "archived") && want != r["Status"] {
				return nil, fmt.Errorf("task %d was deleted: %w", id, reply.ErrNotFound)
			}
			return r, err
		})
	}
	f := &reply.TaskFilter{Limit: q.Limit}
	filtered := false
	if v, ok := condValue(t, q, "TaskType", Eq); ok {
		f.TaskType, filtered = v.(string), true
	}
	if v, ok := condValue(t, q, "Status", Eq); ok {
		f.Status, filtered = v.(string), true
	}
	if v, ok := condValue(t, q, "ContactId", Eq); ok {
		f.ContactID, filtered = v.(int64), true
	}
	if v, ok := condValue(t, q, "AssignedUserId", Eq); ok {
		f.AssignedUserID, filtered = v.(int64), true
	}
	if ids, ok := condInts(q, "SequenceId"); ok {
		f.SequenceIDs, filtered = ids, true
	}
	if ids, ok := condInts(q, "SequenceStepId"); ok {
		f.SequenceStepIDs, filtered = ids, true
	}
	for _, op := range []Op{Gt, Ge} {
		if ts, ok := condTime(t, q, "StartAt", op); ok {
			f.From, filtered = reply.NewTime(ts), true
		}
	}
	for _, op := range []Op{Lt, Le} {
		if ts, ok := condTime(t, q, "StartAt", op); ok {
			f.To, filtered = reply.NewTime(ts), true
		}
	}
	var seq iter.Seq2[reply.Task, error]
	if filtered {
		seq = c.Tasks.Filter(ctx, f)
	} else {
		seq = c.Tasks.List(ctx, &reply.TaskListOptions{Limit: q.Limit})
	}
	rows := rowsOf(t, seq, taskContact)
	if wantsDetail(t, q) {
		rows = withDetail(rows, func(r Row) (Row, error) { return get(r["Id"].(int64)) })
	}
	return rows
}
