package catalog

// stepItems are the members every step has (the rest depends on Type); Sequences.Steps keeps each step whole.
func stepItems() []Column {
	return []Column{
		{Name: "Id", Field: "id", Type: Int, ReadOnly: true, Nullable: true},
		{Name: "Type", Field: "type", Type: Text, Required: true, Enum: stepTypes},
		{Name: "ActionType", Field: "actionType", Type: Text, Nullable: true},
		{Name: "DelayInMinutes", Field: "delayInMinutes", Type: Int, Required: true},
		{Name: "ParentId", Field: "parentId", Type: Int, Nullable: true},
		{Name: "IfConditionPositive", Field: "ifConditionPositive", Type: Bool, Nullable: true},
		{Name: "ExecutionMode", Field: "executionMode", Type: Text, Nullable: true, Enum: executionModes},
		{Name: "Variants", Field: "variants", Type: JSON, Nullable: true, Items: variantItems()},
	}
}

// variantItems are the members of a step variant.
func variantItems() []Column {
	return []Column{
		{Name: "Id", Field: "id", Type: Int, ReadOnly: true, Nullable: true},
		{Name: "Subject", Field: "subject", Type: Text, Nullable: true},
		{Name: "Message", Field: "message", Type: Text, Nullable: true},
		{Name: "IsEnabled", Field: "isEnabled", Type: Bool, Nullable: true},
		{Name: "HasAttachments", Field: "hasAttachments", Type: Bool, ReadOnly: true, Nullable: true},
	}
}

// sequenceListColumns are the columns of a SequenceListItem (Sequences and SequencesInFolder).
func sequenceListColumns() []Column {
	return []Column{
		{Name: "Id", Field: "id", Type: Int, ReadOnly: true},
		{Name: "OwnerUserId", Field: "ownerUserId", Type: Int, ReadOnly: true, Doc: "Changed through the owner endpoints."},
		{Name: "Name", Field: "name", Type: Text, Required: true},
		{Name: "Created", Field: "created", Type: Time, ReadOnly: true},
		{Name: "Status", Field: "status", Type: Text, ReadOnly: true, Doc: "new, active, paused (StartSequence, PauseSequence)."},
		{Name: "IsArchived", Field: "isArchived", Type: Bool, ReadOnly: true, Doc: "ArchiveSequence."},
		{Name: "Health", Field: "health", Type: Text, ReadOnly: true, Doc: "healthy, stalled, degraded, blocked."},
	}
}

// sequences is Reply's sequences (campaigns), REFERENCE.md §2.13.
func sequences() *Table {
	cols := sequenceListColumns()
	cols = append(cols,
		Column{Name: "FolderId", Type: Text, ReadOnly: true, Nullable: true,
			Doc: "Filter only: set on rows read with FolderId = x (GET /v3/sequences?folderId=), NULL otherwise because the API does not return the folder; SequencesInFolder lists memberships."},
		Column{Name: "ScheduleId", Field: "scheduleId", Type: Int, DetailOnly: true, Nullable: true, Doc: "Schedules.Id; omitted on INSERT: the caller's default schedule."},
		Column{Name: "EmailAccounts", Field: "emailAccounts", Type: JSON, DetailOnly: true, Nullable: true,
			Doc:   "Read [{id, email}]; write [id] (or objects with id); UPDATE replaces the list.",
			Items: []Column{{Name: "Id", Field: "id", Type: Int}, {Name: "Email", Field: "email", Type: Text}}},
		Column{Name: "LinkedInAccounts", Field: "linkedInAccounts", Type: JSON, DetailOnly: true, Nullable: true,
			Doc: "Read [{id, name, profileUrl, status}]; write [id] (or objects with id); UPDATE replaces the list.",
			Items: []Column{{Name: "Id", Field: "id", Type: Int}, {Name: "Name", Field: "name", Type: Text},
				{Name: "ProfileUrl", Field: "profileUrl", Type: Text, Nullable: true}, {Name: "Status", Field: "status", Type: Text}}},
		Column{Name: "Settings", Field: "settings", Type: JSON, DetailOnly: true, Nullable: true,
			Doc: "SequenceSettings object; UPDATE merges it key by key. On INSERT emailsCountPerDay, daysToFinishProspect, emailSendingDelaySeconds, dailyThrottling, disableOpensTracking, repliesHandlingType and enableLinksTracking are required when it is given."},
		Column{Name: "Steps", Field: "steps", Type: JSON, DetailOnly: true, CreateOnly: true, Required: true,
			Doc:   "Array of steps (type email, linkedIn, call, sms, whatsApp, zapier, task, condition, each with its own fields); INSERT needs at least one; afterwards edit SequenceSteps.",
			Items: stepItems()},
		Column{Name: "Issues", Field: "issues", Type: JSON, ReadOnly: true, DetailOnly: true, Nullable: true, Doc: "Health issues, null when healthy."},
	)
	t := &Table{
		Name: "Sequences",
		Doc: "Sequences. GET /v3/sequences; ScheduleId, EmailAccounts, LinkedInAccounts, Settings, Steps and Issues exist " +
			"only in GET /v3/sequences/{id}: one call per row, made only when the query names them (or selects all columns).",
		Key:     []string{"Id"},
		Columns: cols,
		Filters: []Filter{
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/sequences/{id}, one call per id"},
			{Column: "Status", Ops: []Op{Eq}, Exact: true, Doc: "GET /v3/sequences?status="},
			{Column: "OwnerUserId", Ops: []Op{Eq}, Exact: true, Doc: "GET /v3/sequences?ownerUserId="},
			{Column: "FolderId", Ops: []Op{Eq}, Exact: true, Doc: "GET /v3/sequences?folderId="},
			{Column: "IsArchived", Ops: []Op{Eq}, Exact: true, Doc: "GET /v3/sequences?isArchived="},
			{Column: "Name", Ops: []Op{Contains}, Doc: "GET /v3/sequences?name= (case-insensitive partial)"},
			{Column: "Created", Ops: []Op{Gt}, Exact: true, Doc: "GET /v3/sequences?createdAfter= (strict)"},
		},
		Changes: Changes{Cursor: "Created", Strategy: ServerFilter, InsertsOnly: true,
			Doc: "GET /v3/sequences?createdAfter=<cursor> for new sequences; updates need a full run"},
		MaxPage: 1000,
	}
	t.List = notWired(t.Name)
	return t
}
