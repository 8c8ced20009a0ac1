package replytest

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

// taskRec is a stored task.
type taskRec struct {
	ID               int64
	TaskType         string
	Status           string
	LinkedInTaskType nstr
	AssignedUserID   int64
	ContactID        int64 // 0 = none
	StartAt, DueTo   time.Time
	FinishedAt       time.Time
	SequenceID       int64
	SequenceStepID   int64
	StepDisplayName  nstr
	CreationSource   string
	CreatedAt        time.Time
	IsFailed         bool
	Body             string
	Subject          nstr
	Deleted          bool
	Executed         bool // content set by execute
	ContentBody      string
	ContentSubject   nstr
}

var taskTypes = []string{"toDo", "call", "meeting", "linkedIn", "manualEmail", "sms", "whatsApp"}
var taskStatuses = []string{"new", "finished", "cancelled", "archived", "sequenceDetached"}
var linkedInTaskTypes = []string{"message", "connect", "inMail", "viewProfile"}

type taskContactJSON struct {
	ID       int64 `json:"id"`
	FullName nstr  `json:"fullName"`
}

type taskItemJSON struct {
	ID               int64            `json:"id"`
	TaskType         string           `json:"taskType"`
	Status           string           `json:"status"`
	LinkedInTaskType nstr             `json:"linkedInTaskType"`
	AssignedUserID   int64            `json:"assignedUserId"`
	Contact          *taskContactJSON `json:"contact"`
	StartAt          tZ               `json:"startAt"`
	DueTo            tZ               `json:"dueTo"`
	FinishedAt       tZ               `json:"finishedAt"`
	IsScheduled      bool             `json:"isScheduled"`
	SequenceID       *int64           `json:"sequenceId"`
	SequenceStepID   *int64           `json:"sequenceStepId"`
}

type taskTemplateJSON struct {
	Body             string  `json:"body"`
	Subject          nstr    `json:"subject"`
	AttachmentIDList []int64 `json:"attachmentIdList"`
}

type taskContentJSON struct {
	Body    string `json:"body"`
	Subject nstr   `json:"subject"`
}

type taskDetailJSON struct {
	ID                      int64            `json:"id"`
	TaskType                string           `json:"taskType"`
	Status                  string           `json:"status"`
	LinkedInTaskType        nstr             `json:"linkedInTaskType"`
	AssignedUserID          int64            `json:"assignedUserId"`
	ContactID               *int64           `json:"contactId"`
	StartAt                 tZ               `json:"startAt"`
	DueTo                   tZ               `json:"dueTo"`
	FinishedAt              tZ               `json:"finishedAt"`
	IsScheduled             bool             `json:"isScheduled"`
	SequenceID              *int64           `json:"sequenceId"`
	SequenceStepID          *int64           `json:"sequenceStepId"`
	SequenceStepDisplayName nstr             `json:"sequenceStepDisplayName"`
	CreationSource          string           `json:"creationSource"`
	CreatedAt               tZ               `json:"createdAt"`
	IsFailed                bool             `json:"isFailed"`
	Template                taskTemplateJSON `json:"template"`
	Content                 *taskContentJSON `json:"content"`
	DeliveryInfo            map[string]any   `json:"deliveryInfo"`
}

func ptrID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func (e *Emulator) taskItem(t *taskRec) taskItemJSON {
	j := taskItemJSON{ID: t.ID, TaskType: t.TaskType, Status: t.Status, LinkedInTaskType: t.LinkedInTaskType,
		AssignedUserID: t.AssignedUserID, StartAt: tZ(t.StartAt), DueTo: tZ(t.DueTo), FinishedAt: tZ(t.FinishedAt),
		IsScheduled: t.Status == "new" && t.StartAt.After(e.nowLocked()), SequenceID: ptrID(t.SequenceID),
		SequenceStepID: ptrID(t.SequenceStepID)}
	if t.ContactID != 0 {
		j.Contact = &taskContactJSON{ID: t.ContactID}
		if r, ok := e.contacts.get(t.ContactID); ok {
			if n := strings.TrimSpace(r.FirstName.S + " " + r.LastName.S); n != "" {
				j.Contact.FullName = sv(n)
			}
		}
	}
	return j
}

// renderTask replaces the template variables with the contact's values.
func (e *Emulator) renderTask(t *taskRec, s string) string {
	var r *contactRec
	if t.ContactID != 0 {
		r, _ = e.contacts.get(t.ContactID)
	}
	if r == nil {
		r = &contactRec{}
	}
	return strings.NewReplacer("{{firstName}}", r.FirstName.S, "{{lastName}}", r.LastName.S,
		"{{company}}", r.Company.S, "{{email}}", r.Email.S).Replace(s)
}

func (e *Emulator) taskDetail(t *taskRec, includeContent bool) taskDetailJSON {
	it := e.taskItem(t)
	j := taskDetailJSON{ID: t.ID, TaskType: t.TaskType, Status: t.Status, LinkedInTaskType: t.LinkedInTaskType,
		AssignedUserID: t.AssignedUserID, ContactID: ptrID(t.ContactID), StartAt: it.StartAt, DueTo: it.DueTo,
		FinishedAt: it.FinishedAt, IsScheduled: it.IsScheduled, SequenceID: it.SequenceID,
		SequenceStepID: it.SequenceStepID, SequenceStepDisplayName: t.StepDisplayName,
		CreationSource: t.CreationSource, CreatedAt: tZ(t.CreatedAt), IsFailed: t.IsFailed,
		Template: taskTemplateJSON{Body: t.Body, Subject: t.Subject}}
	if includeContent {
		if t.Executed {
			j.Content = &taskContentJSON{Body: t.ContentBody, Subject: t.ContentSubject}
		} else {
			sub := t.Subject
			if sub.Valid {
				sub = sv(e.renderTask(t, sub.S))
			}
			j.Content = &taskContentJSON{Body: e.renderTask(t, t.Body), Subject: sub}
		}
	}
	switch t.TaskType {
	case "toDo", "meeting", "whatsApp":
	default:
		var r *contactRec
		if t.ContactID != 0 {
			r, _ = e.contacts.get(t.ContactID)
		}
		if r == nil {
			r = &contactRec{}
		}
		j.DeliveryInfo = map[string]any{"email": r.Email, "phoneNumber": r.Phone, "linkedInUrl": r.LinkedInURL}
	}
	return j
}

func (e *Emulator) registerTaskRoutes() {
	e.route("GET /v3/tasks", "tasks.list", e.listTasks)
	e.route("POST /v3/tasks/filter", "tasks.filter", e.filterTasks)
	e.route("GET /v3/tasks/{id}", "tasks.get", func(c *call) {
		if t, ok := e.taskByPath(c); ok {
			c.json(http.StatusOK, e.taskDetail(t, strings.EqualFold(c.query("includeContent"), "true")))
		}
	})
	e.route("POST /v3/tasks", "tasks.create", func(c *call) { e.writeTask(c, nil) })
	e.route("PUT /v3/tasks/{id}", "tasks.update", func(c *call) {
		if _, ok := c.pathID("id"); ok {
			e.writeTask(c, func() (*taskRec, bool) { return e.taskByPath(c) })
		}
	})
	e.route("DELETE /v3/tasks/{id}", "tasks.delete", func(c *call) {
		t, ok := e.taskByPath(c)
		if !ok {
			return
		}
		if msg := e.deleteTask(t); msg != "" {
			c.problem(http.StatusBadRequest, "task.unknown", msg)
			return
		}
		c.noContent()
	})
	e.route("POST /v3/tasks/bulk-delete", "tasks.bulkDelete", func(c *call) {
		ids, ok := c.decodeIDs("ids", 100, false)
		if !ok {
			return
		}
		out := map[string]notProcessed{}
		for _, id := range ids {
			t, ok := e.tasks.get(id)
			if !ok || t.Deleted {
				out[itoa(id)] = np("notFound", "Task "+itoa(id)+" not found.")
				continue
			}
			if msg := e.deleteTask(t); msg != "" {
				out[itoa(id)] = np("unknown", msg)
			}
		}
		c.json(http.StatusOK, out)
	})
	e.route("PUT /v3/tasks/{id}/assigned-user", "tasks.assign", func(c *call) {
		t, ok := e.taskByPath(c)
		if !ok {
			return
		}
		uid, ok := e.decodeTaskUser(c)
		if !ok {
			return
		}
		t.AssignedUserID = uid
		c.json(http.StatusOK, e.taskDetail(t, false))
	})
	e.route("POST /v3/tasks/batch/assign", "tasks.batchAssign", func(c *call) {
		var b struct {
			IDs    []int64 `json:"ids"`
			UserID *int64  `json:"userId"`
		}
		if !c.decode(&b) {
			return
		}
		var errs []fieldError
		if len(b.IDs) == 0 || len(b.IDs) > 100 {
			errs = append(errs, fieldError{"/ids", "Between 1 and 100 task IDs are required."})
		}
		if b.UserID == nil {
			errs = append(errs, fieldError{"/userId", "Field is required."})
		}
		if len(errs) > 0 {
			c.invalid(errs...)
			return
		}
		if !e.isTeamUser(*b.UserID) {
			c.problem(http.StatusForbidden, "task.forbidden", "User "+itoa(*b.UserID)+" is not a member of the team.")
			return
		}
		out := map[string]notProcessed{}
		for _, id := range b.IDs {
			t, ok := e.tasks.get(id)
			if !ok || t.Deleted {
				out[itoa(id)] = np("notFound", "Task "+itoa(id)+" not found.")
				continue
			}
			t.AssignedUserID = *b.UserID
		}
		c.json(http.StatusOK, out)
	})
	e.route("POST /v3/tasks/{id}/complete", "tasks.complete", e.completeTask)
	e.route("POST /v3/tasks/batch/complete", "tasks.batchComplete", func(c *call) {
		ids, ok := c.decodeIDs("ids", 100, false)
		if !ok {
			return
		}
		out := map[string]notProcessed{}
		for _, id := range ids {
			t, ok := e.tasks.get(id)
			switch {
			case !ok || t.Deleted:
				out[itoa(id)] = np("notFound", "Task "+itoa(id)+" not found.")
			case t.Status != "new":
				out[itoa(id)] = np("cannotComplete", "Task "+itoa(id)+" is "+t.Status+".")
			default:
				t.Status, t.FinishedAt = "finished", c.now()
			}
		}
		c.json(http.StatusOK, out)
	})
	e.route("POST /v3/tasks/{id}/execute", "tasks.execute", e.executeTask)
}

func (e *Emulator) decodeTaskUser(c *call) (int64, bool) {
	var b struct {
		UserID *int64 `json:"userId"`
	}
	if !c.decode(&b) {
		return 0, false
	}
	if b.UserID == nil {
		c.invalid(fieldError{"/userId", "Field is required."})
		return 0, false
	}
	if !e.isTeamUser(*b.UserID) {
		c.problem(http.StatusForbidden, "task.forbidden", "User "+itoa(*b.UserID)+" is not a member of the team.")
		return 0, false
	}
	return *b.UserID, true
}

// deleteTask cancels an open task or archives a completed one; it returns a conflict message.
func (e *Emulator) deleteTask(t *taskRec) string {
	switch t.Status {
	case "new":
		t.Status = "cancelled"
	case "finished":
		t.Status = "archived"
	default:
		return "Task " + itoa(t.ID) + " is already " + t.Status + "."
	}
	t.Deleted = true
	return ""
}

func taskOrder(a, b *taskRec) int {
	if n := a.StartAt.Compare(b.StartAt); n != 0 {
		return n
	}
	return cmp.Compare(a.ID, b.ID)
}

func (e *Emulator) visibleTasks(match func(t *taskRec) bool) []*taskRec {
	var out []*taskRec
	for _, t := range e.tasks.all() {
		if match(t) {
			out = append(out, t)
		}
	}
	slices.SortStableFunc(out, taskOrder)
	return out
}

func (e *Emulator) writeTaskPage(c *call, ts []*taskRec, top, skip int) {
	page, more := pageSlice(ts, top, skip)
	items := make([]taskItemJSON, 0, len(page))
	for _, t := range page {
		items = append(items, e.taskItem(t))
	}
	c.json(http.StatusOK, pageBody[taskItemJSON]{Items: items, HasMore: more})
}

func (e *Emulator) listTasks(c *call) {
	top, skip, ok := c.page(25, 1000, "task.invalidPagination")
	if !ok {
		return
	}
	e.writeTaskPage(c, e.visibleTasks(func(t *taskRec) bool { return !t.Deleted }), top, skip)
}

func (e *Emulator) filterTasks(c *call) {
	top, skip, ok := c.page(25, 1000, "")
	if !ok {
		return
	}
	var f struct {
		From            *string  `json:"from"`
		To              *string  `json:"to"`
		TaskType        *string  `json:"taskType"`
		Status          *string  `json:"status"`
		SequenceIDs     []int64  `json:"sequenceIds"`
		SequenceStepIDs []int64  `json:"sequenceStepIds"`
		TimeZoneIDs     []string `json:"timeZoneIds"`
		ContactID       *int64   `json:"contactId"`
		AssignedUserID  *int64   `json:"assignedUserId"`
		Overdue         *bool    `json:"overdue"`
	}
	if !c.decodeOptional(&f) {
		return
	}
	now := c.now()
	from, to := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), now.AddDate(1, 0, 0)
	var errs []fieldError
	if f.From != nil {
		if t, ok := parseTime(*f.From); ok {
			from = t
		} else {
			errs = append(errs, fieldError{"/from", "Value has an invalid format."})
		}
	}
	if f.To != nil {
		if t, ok := parseTime(*f.To); ok {
			to = t
		} else {
			errs = append(errs, fieldError{"/to", "Value has an invalid format."})
		}
	}
	if to.Before(from) {
		errs = append(errs, fieldError{"/to", "'to' must be later than or equal to 'from'."})
	}
	var typ, status string
	if f.TaskType != nil {
		var ok bool
		if typ, ok = enumValue(*f.TaskType, taskTypes); !ok {
			errs = append(errs, fieldError{"/taskType", "Value has an invalid format."})
		}
	}
	if f.Status != nil {
		var ok bool
		if status, ok = enumValue(*f.Status, taskStatuses); !ok {
			errs = append(errs, fieldError{"/status", "Value has an invalid format."})
		}
	}
	if len(errs) > 0 {
		c.invalid(errs...)
		return
	}
	ts := e.visibleTasks(func(t *taskRec) bool {
		if t.Deleted && status != "cancelled" && status != "archived" {
			return false
		}
		if t.StartAt.Before(from) || t.StartAt.After(to) {
			return false
		}
		if typ != "" && t.TaskType != typ || status != "" && t.Status != status {
			return false
		}
		if len(f.SequenceIDs) > 0 && !slices.Contains(f.SequenceIDs, t.SequenceID) {
			return false
		}
		if len(f.SequenceStepIDs) > 0 && !slices.Contains(f.SequenceStepIDs, t.SequenceStepID) {
			return false
		}
		if f.ContactID != nil && t.ContactID != *f.ContactID || f.AssignedUserID != nil && t.AssignedUserID != *f.AssignedUserID {
			return false
		}
		if len(f.TimeZoneIDs) > 0 {
			r, ok := e.contacts.get(t.ContactID)
			if !ok || !slices.ContainsFunc(f.TimeZoneIDs, func(z string) bool { return strings.EqualFold(z, r.TimeZoneID.S) }) {
				return false
			}
		}
		if f.Overdue != nil {
			overdue := t.Status == "new" && t.DueTo.Before(now)
			if overdue != *f.Overdue {
				return false
			}
		}
		return true
	})
	e.writeTaskPage(c, ts, top, skip)
}

func (e *Emulator) taskByPath(c *call) (*taskRec, bool) {
	id, ok := c.pathID("id")
	if !ok {
		return nil, false
	}
	t, ok := e.tasks.get(id)
	if !ok {
		c.problem(http.StatusNotFound, "task.notFound", "Task with ID "+itoa(id)+" not found.")
	}
	return t, ok
}

// writeTask creates (t == nil) or fully replaces a task.
// The record to replace is looked up (lookup non-nil) once the body is valid: validation 400 before 404 (§1.6).
func (e *Emulator) writeTask(c *call, lookup func() (*taskRec, bool)) {
	var w struct {
		TaskType         *string `json:"taskType"`
		StartAt          *string `json:"startAt"`
		DueTo            *string `json:"dueTo"`
		ContactID        *int64  `json:"contactId"`
		LinkedInTaskType *string `json:"linkedInTaskType"`
		Template         *struct {
			Body    *string `json:"body"`
			Subject nstr    `json:"subject"`
		} `json:"template"`
	}
	if !c.decode(&w) {
		return
	}
	var errs []fieldError
	var typ, li string
	if w.TaskType == nil {
		errs = append(errs, fieldError{"/taskType", "Field is required."})
	} else if x, ok := enumValue(*w.TaskType, taskTypes); !ok {
		errs = append(errs, fieldError{"/taskType", "Value has an invalid format."})
	} else {
		typ = x
	}
	var startAt, dueTo time.Time
	for _, f := range []struct {
		v    *string
		name string
		dst  *time.Time
	}{{w.StartAt, "startAt", &startAt}, {w.DueTo, "dueTo", &dueTo}} {
		if f.v == nil {
			errs = append(errs, fieldError{"/" + f.name, "Field is required."})
		} else if x, ok := parseTime(*f.v); !ok {
			errs = append(errs, fieldError{"/" + f.name, "Value has an invalid format."})
		} else {
			*f.dst = x.Truncate(time.Second)
		}
	}
	if !startAt.IsZero() && startAt.Before(time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)) {
		errs = append(errs, fieldError{"/startAt", "startAt must be on or after 2015-01-01."})
	}
	if !startAt.IsZero() && !dueTo.IsZero() && !dueTo.After(startAt) {
		errs = append(errs, fieldError{"/dueTo", "dueTo must be later than startAt."})
	}
	if w.Template == nil {
		errs = append(errs, fieldError{"/template", "Field is required."})
	} else if w.Template.Body == nil {
		errs = append(errs, fieldError{"/template/body", "Field is required."})
	}
	if typ != "" && typ != "toDo" && w.ContactID == nil {
		errs = append(errs, fieldError{"/contactId", "Field is required."})
	}
	if w.LinkedInTaskType != nil {
		if x, ok := enumValue(*w.LinkedInTaskType, linkedInTaskTypes); ok {
			li = x
		} else {
			errs = append(errs, fieldError{"/linkedInTaskType", "Value has an invalid format."})
		}
	}
	if len(errs) > 0 {
		c.invalid(errs...)
		return
	}
	if len(c.pending) > 0 {
		return
	}
	var t *taskRec
	if lookup != nil {
		var ok bool
		if t, ok = lookup(); !ok {
			return
		}
	}
	var contactID int64
	if w.ContactID != nil {
		if _, ok := e.contacts.get(*w.ContactID); !ok {
			c.invalid(fieldError{"/contactId", "Contact " + itoa(*w.ContactID) + " not found."})
			return
		}
		contactID = *w.ContactID
	}
	if t != nil {
		switch {
		case t.Status != "new":
			c.problem(http.StatusBadRequest, "task.unknown", "canOnlyEditNewTasks: only tasks in status new can change.")
			return
		case t.SequenceID != 0 && typ != t.TaskType:
			c.problem(http.StatusBadRequest, "task.unknown", "cannotChangeSequenceTaskType: the type of a sequence task cannot change.")
			return
		case t.SequenceID != 0 && contactID != t.ContactID:
			c.problem(http.StatusBadRequest, "task.unknown", "cannotChangeSequenceTaskContact: the contact of a sequence task cannot change.")
			return
		}
	}
	create := t == nil
	if create {
		t = &taskRec{ID: e.nextID("task"), Status: "new", AssignedUserID: c.user().ID, CreationSource: "user", CreatedAt: c.now()}
	}
	t.TaskType, t.StartAt, t.DueTo, t.ContactID = typ, startAt, dueTo, contactID
	t.LinkedInTaskType = nstr{}
	if typ == "linkedIn" && li != "" {
		t.LinkedInTaskType = sv(li)
	}
	t.Body, t.Subject = *w.Template.Body, w.Template.Subject
	if create {
		e.tasks.put(t.ID, t)
		c.created(e.taskDetail(t, false))
		return
	}
	c.json(http.StatusOK, e.taskDetail(t, false))
}

func (e *Emulator) completeTask(c *call) {
	t, ok := e.taskByPath(c)
	if !ok {
		return
	}
	var b struct {
		CallResolution           json.RawMessage `json:"callResolution"`
		FinishProspectInSequence bool            `json:"finishProspectInSequence"`
	}
	if !c.decodeOptional(&b) {
		return
	}
	if !isNullRaw(b.CallResolution) {
		var n int
		var s string
		switch {
		case json.Unmarshal(b.CallResolution, &n) == nil:
			if n < 0 || n > 2 {
				c.invalid(fieldError{"/callResolution", "The field callResolution must be 0, 1 or 2."})
				return
			}
		case json.Unmarshal(b.CallResolution, &s) == nil:
			if _, ok := enumValue(s, []string{"positive", "toCall", "negative"}); !ok {
				c.invalid(fieldError{"/callResolution", "Value has an invalid format."})
				return
			}
		default:
			c.invalid(fieldError{"/callResolution", "Value has an invalid type."})
			return
		}
	}
	if t.Status != "new" || t.Deleted {
		c.problem(http.StatusConflict, "task.cannotComplete", "Task "+itoa(t.ID)+" is "+t.Status+" and cannot be completed.")
		return
	}
	t.Status, t.FinishedAt = "finished", c.now()
	if b.FinishProspectInSequence && t.SequenceID != 0 && t.ContactID != 0 {
		reason := "Manual"
		if t.TaskType == "call" {
			reason = "Called"
		}
		e.finishContactInSequence(t.SequenceID, t.ContactID, reason)
	}
	c.json(http.StatusOK, e.taskDetail(t, false))
}

func (e *Emulator) executeTask(c *call) {
	t, ok := e.taskByPath(c)
	if !ok {
		return
	}
	var b struct {
		Content *struct {
			Body    *string `json:"body"`
			Subject nstr    `json:"subject"`
		} `json:"content"`
		EmailAccountID *int64 `json:"emailAccountId"`
	}
	if !c.decodeOptional(&b) {
		return
	}
	if t.TaskType != "manualEmail" && t.TaskType != "sms" {
		c.invalid(fieldError{"", "Task type does not support execution."})
		return
	}
	if b.EmailAccountID != nil && t.SequenceID == 0 && t.TaskType == "manualEmail" {
		if _, ok := e.emailAccounts.get(*b.EmailAccountID); !ok {
			c.invalid(fieldError{"/emailAccountId", "Email account " + itoa(*b.EmailAccountID) + " not found."})
			return
		}
	}
	if t.Status != "new" || t.Deleted {
		c.problem(http.StatusConflict, "task.cannotComplete", "Task "+itoa(t.ID)+" is "+t.Status+" and cannot be completed.")
		return
	}
	t.Executed = true
	if b.Content != nil && b.Content.Body != nil {
		t.ContentBody, t.ContentSubject = *b.Content.Body, b.Content.Subject
	} else {
		t.ContentBody = e.renderTask(t, t.Body)
		if t.Subject.Valid {
			t.ContentSubject = sv(e.renderTask(t, t.Subject.S))
		}
	}
	t.Status, t.FinishedAt = "finished", c.now()
	c.json(http.StatusOK, e.taskDetail(t, false))
}
