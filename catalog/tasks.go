package catalog

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
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/tasks/{id}, one call per id"},
			{Column: "TaskType", Ops: []Op{Eq}, Exact: true, Doc: "filter taskType"},
			{Column: "Status", Ops: []Op{Eq}, Exact: true, Doc: "filter status"},
			{Column: "ContactId", Ops: []Op{Eq}, Exact: true, Doc: "filter contactId"},
			{Column: "AssignedUserId", Ops: []Op{Eq}, Exact: true, Doc: "filter assignedUserId"},
			{Column: "SequenceId", Ops: []Op{Eq, In}, Exact: true, Doc: "filter sequenceIds"},
			{Column: "SequenceStepId", Ops: []Op{Eq, In}, Exact: true, Doc: "filter sequenceStepIds"},
			{Column: "StartAt", Ops: []Op{Ge, Le, Gt, Lt}, Doc: "filter from/to (inclusive bounds on startAt)"},
		},
		Changes: Changes{Strategy: Full, Doc: "full scan with row hashes (no modified-since filter)"},
		MaxPage: 1000,
	}
	t.List = notWired(t.Name)
	return t
}
