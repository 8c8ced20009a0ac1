package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"

	"github.com/replykit/replykit/reply"
)

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
			{Column: "Name", Ops: []Op{Contains, Eq}, Doc: "GET /v3/sequences?name= (case-insensitive partial); = is searched as a substring and re-checked"},
			{Column: "Created", Ops: []Op{Gt}, Exact: true, Doc: "GET /v3/sequences?createdAfter= (strict)"},
		},
		Changes: Changes{Cursor: "Created", Strategy: ServerFilter, InsertsOnly: true,
			Doc: "GET /v3/sequences?createdAfter=<cursor> for new sequences; updates need a full run"},
		MaxPage:         1000,
		DeleteBatchSize: 1000,
	}
	t.List = func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		return listSequences(ctx, c, t, q)
	}
	t.Insert = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return eachRow(ctx, rows, func(r Row) (Row, error) {
			b, err := sequenceBody(t, r)
			if err != nil {
				return nil, err
			}
			var sc reply.SequenceCreate
			if err := convert(b, &sc); err != nil {
				return nil, err
			}
			v, err := c.Sequences.Create(ctx, sc)
			return getRow(t, v, err)
		})
	}
	t.Update = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return eachRow(ctx, rows, func(r Row) (Row, error) {
			id, err := intValue(r, "Id")
			if err != nil {
				return nil, err
			}
			b, err := sequenceBody(t, withoutKey(t, r))
			if err != nil {
				return nil, err
			}
			for _, k := range []string{"emailAccounts", "linkedInAccounts"} {
				if v, ok := b[k]; ok && v == nil {
					b[k] = []int64{} // NULL clears the list
				}
			}
			var u reply.SequenceUpdate
			if err := convert(b, &u); err != nil {
				return nil, err
			}
			v, err := c.Sequences.Update(ctx, id, u)
			return getRow(t, v, err)
		})
	}
	t.Delete = func(ctx context.Context, c *reply.Client, keys []Row) []WriteResult {
		return bulkDelete(ctx, keys, "Id", c.Sequences.BulkDelete)
	}
	return t
}

func listSequences(ctx context.Context, c *reply.Client, t *Table, q Query) iter.Seq2[Row, error] {
	get := func(id int64) (Row, error) {
		v, err := c.Sequences.Get(ctx, id)
		return getRow(t, v, err)
	}
	_, byFolder := q.Cond("FolderId", Eq)
	if ids, ok := condInts(q, "Id"); ok && !byFolder {
		return byIDs(t, ids, get)
	}
	// With FolderId the list (folderId=) is read and Id is checked locally: a GET by id does not tell the folder.
	opts := &reply.SequenceListOptions{Limit: q.Limit}
	if _, ok := condInts(q, "Id"); ok {
		opts.Limit = 0
	}
	if v, ok := condValue(t, q, "Status", Eq); ok {
		opts.Status = v.(string)
	}
	if v, ok := condValue(t, q, "OwnerUserId", Eq); ok {
		opts.OwnerUserID = v.(int64)
	}
	if v, ok := condValue(t, q, "FolderId", Eq); ok {
		opts.FolderID = v.(string)
	}
	if v, ok := condValue(t, q, "IsArchived", Eq); ok {
		b := v.(bool)
		opts.IsArchived = &b
	}
	if v, ok := searchValue(t, q, "Name"); ok {
		opts.Name = v.(string)
	}
	if ts, ok := condTime(t, q, "Created", Gt); ok {
		opts.CreatedAfter = reply.NewTime(ts)
	}
	var fix func(Row, reply.Sequence)
	if opts.FolderID != "" {
		folder := opts.FolderID
		fix = func(r Row, _ reply.Sequence) { r["FolderId"] = folder }
	}
	rows := rowsOf(t, c.Sequences.List(ctx, opts), fix)
	if wantsDetail(t, q) {
		rows = withDetail(rows, func(r Row) (Row, error) { return get(r["Id"].(int64)) })
	}
	return rows
}

// sequenceBody is the body of a sequence write: account lists in their write shape (ids; read-shape objects
// give their id) and NULL settings left out (PATCH treats null as unchanged).
func sequenceBody(t *Table, r Row) (map[string]any, error) {
	b := bodyFrom(t, r)
	for _, k := range []string{"emailAccounts", "linkedInAccounts"} {
		raw, ok := b[k].(json.RawMessage)
		if !ok {
			continue
		}
		ids, err := idList(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		b[k] = ids
	}
	if v, ok := b["settings"]; ok && v == nil {
		delete(b, "settings")
	}
	if raw, ok := b["steps"].(json.RawMessage); ok {
		steps, err := newSteps(raw)
		if err != nil {
			return nil, err
		}
		b["steps"] = steps
	}
	return b, nil
}

// newSteps prepares steps read from another sequence (an export) for a create: a parentId naming the step just
// before it goes (an omitted parentId appends to the chain, which is the same step tree), and so do the
// read-only ids, except those a remaining parentId names: in a create body a step's id is what a later step's
// parentId refers to (a condition's second branch names the condition that way). A parentId naming any other
// step of the array is kept; the API answers for it.
func newSteps(raw json.RawMessage) (json.RawMessage, error) {
	var steps []map[string]any
	if err := json.Unmarshal(raw, &steps); err != nil {
		return raw, nil // not an array of objects: ValidateRow and the API report it
	}
	prev := any(nil)
	named := map[string]bool{} // ids a kept parentId names
	for _, st := range steps {
		id := st["id"]
		if p, ok := st["parentId"]; ok && (p == nil || (prev != nil && fmt.Sprint(p) == fmt.Sprint(prev))) {
			delete(st, "parentId")
			if v, ok := st["ifConditionPositive"]; ok && v == nil {
				delete(st, "ifConditionPositive")
			}
		} else if ok {
			named[fmt.Sprint(p)] = true
		}
		if vs, ok := st["variants"].([]any); ok {
			for _, v := range vs {
				if m, ok := v.(map[string]any); ok {
					delete(m, "id")
					delete(m, "hasAttachments")
				}
			}
		}
		prev = id
	}
	for _, st := range steps {
		if id, ok := st["id"]; ok && (id == nil || !named[fmt.Sprint(id)]) {
			delete(st, "id")
		}
	}
	return json.Marshal(steps)
}

// idList reads [1, 2] or [{"id": 1, ...}, ...] as ids.
func idList(raw json.RawMessage) ([]int64, error) {
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, fmt.Errorf("%w: want an array of ids: %v", ErrInvalidValue, err)
	}
	ids := make([]int64, 0, len(items))
	for _, it := range items {
		var n int64
		if err := json.Unmarshal(it, &n); err == nil {
			ids = append(ids, n)
			continue
		}
		var obj struct {
			ID *int64 `json:"id"`
		}
		if err := json.Unmarshal(it, &obj); err != nil || obj.ID == nil {
			return nil, fmt.Errorf("%w: %s is not an id", ErrInvalidValue, it)
		}
		ids = append(ids, *obj.ID)
	}
	return ids, nil
}
