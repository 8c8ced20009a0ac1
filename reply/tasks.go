package reply

import (
	"context"
	"iter"
	"net/http"
	"net/url"
)

// TasksService provides the calls of /v3/tasks (REFERENCE.md §2.20, §3.8).
type TasksService service

// Task is a task. The list fills Contact; the detail (Get) fills ContactID, SequenceStepDisplayName,
// CreationSource, CreatedAt, IsFailed, Template, DeliveryInfo and, on request, Content.
type Task struct {
	ID                      ID            `json:"id"`
	TaskType                string        `json:"taskType"` // toDo, call, meeting, linkedIn, manualEmail, sms, whatsApp
	Status                  string        `json:"status"`   // new, finished, cancelled, archived, sequenceDetached
	LinkedInTaskType        string        `json:"linkedInTaskType"`
	AssignedUserID          ID            `json:"assignedUserId"`
	Contact                 *TaskContact  `json:"contact,omitempty"`
	ContactID               ID            `json:"contactId"`
	StartAt                 Time          `json:"startAt"`
	DueTo                   Time          `json:"dueTo"`
	FinishedAt              Time          `json:"finishedAt"`
	IsScheduled             bool          `json:"isScheduled"`
	SequenceID              ID            `json:"sequenceId"`
	SequenceStepID          ID            `json:"sequenceStepId"`
	SequenceStepDisplayName string        `json:"sequenceStepDisplayName"`
	CreationSource          string        `json:"creationSource"` // user, sequence, meeting
	CreatedAt               Time          `json:"createdAt"`
	IsFailed                bool          `json:"isFailed"`
	Template                *TaskTemplate `json:"template,omitempty"`
	Content                 *TaskContent  `json:"content,omitempty"`
	DeliveryInfo            *DeliveryInfo `json:"deliveryInfo,omitempty"`
}

// TaskContact is the contact of a task as the list shows it.
type TaskContact struct {
	ID       ID     `json:"id"`
	FullName string `json:"fullName"`
}

// TaskTemplate is a task's template; AttachmentIDList is read-only.
type TaskTemplate struct {
	Body             string  `json:"body"`
	Subject          *string `json:"subject"`
	AttachmentIDList []ID    `json:"attachmentIdList,omitempty"`
}

// TaskContent is a task's rendered (or given) content.
type TaskContent struct {
	Body    string  `json:"body"`
	Subject *string `json:"subject"`
}

// DeliveryInfo is where a task delivers.
type DeliveryInfo struct {
	Email       string `json:"email"`
	PhoneNumber string `json:"phoneNumber"`
	LinkedInURL string `json:"linkedInUrl"`
}

// TaskWrite is the body of a task create or of the full-replacement update (tasks in status new only).
type TaskWrite struct {
	TaskType         string      `json:"taskType"`
	LinkedInTaskType string      `json:"linkedInTaskType,omitempty"`
	ContactID        int64       `json:"contactId,omitempty"` // required for every type but toDo
	StartAt          Time        `json:"startAt"`
	DueTo            Time        `json:"dueTo"`
	Template         TaskContent `json:"template"`
}

// TaskListOptions pages GET /v3/tasks.
type TaskListOptions struct {
	Top, Skip, Limit int
}

func (o *TaskListOptions) paging() Paging {
	if o == nil {
		return Paging{}
	}
	return Paging{Top: o.Top, Skip: o.Skip, Limit: o.Limit}
}

// List iterates over the visible tasks (ordered by startAt, then id), one page at a time.
func (s *TasksService) List(ctx context.Context, opts *TaskListOptions) iter.Seq2[Task, error] {
	return pages(ctx, opts.paging(), 1000, func(ctx context.Context, p Paging) (Page[Task], error) {
		return getPage[Task](ctx, s.c, "/v3/tasks", nil, p)
	})
}

// ListPage returns one page of GET /v3/tasks.
// A failure is an [*Error]: [ErrBadRequest] or [ErrValidation] for out-of-range paging or bad criteria.
func (s *TasksService) ListPage(ctx context.Context, opts *TaskListOptions) (Page[Task], error) {
	return getPage[Task](ctx, s.c, "/v3/tasks", nil, opts.paging())
}

// TaskFilter is the body of POST /v3/tasks/filter plus paging. From and To filter on startAt.
type TaskFilter struct {
	Top, Skip, Limit int      `json:"-"`
	From             Time     `json:"from,omitzero"`
	To               Time     `json:"to,omitzero"`
	TaskType         string   `json:"taskType,omitempty"`
	Status           string   `json:"status,omitempty"`
	SequenceIDs      []int64  `json:"sequenceIds,omitempty"`
	SequenceStepIDs  []int64  `json:"sequenceStepIds,omitempty"`
	TimeZoneIDs      []string `json:"timeZoneIds,omitempty"`
	ContactID        int64    `json:"contactId,omitempty"`
	AssignedUserID   int64    `json:"assignedUserId,omitempty"`
	Overdue          *bool    `json:"overdue,omitempty"`
}

func (f *TaskFilter) body() TaskFilter {
	if f == nil {
		return TaskFilter{}
	}
	return *f
}

func (f *TaskFilter) paging() Paging {
	if f == nil {
		return Paging{}
	}
	return Paging{Top: f.Top, Skip: f.Skip, Limit: f.Limit}
}

// Filter iterates over the tasks matching f.
func (s *TasksService) Filter(ctx context.Context, f *TaskFilter) iter.Seq2[Task, error] {
	body := f.body()
	return pages(ctx, f.paging(), 1000, func(ctx context.Context, p Paging) (Page[Task], error) {
		return postPage[Task](ctx, s.c, "/v3/tasks/filter", body, p)
	})
}

// FilterPage returns one page of POST /v3/tasks/filter.
// A failure is an [*Error]: [ErrBadRequest] or [ErrValidation] for out-of-range paging or bad criteria.
func (s *TasksService) FilterPage(ctx context.Context, f *TaskFilter) (Page[Task], error) {
	return postPage[Task](ctx, s.c, "/v3/tasks/filter", f.body(), f.paging())
}

// Get returns the task's detail. The error wraps [ErrNotFound] if there is none.
func (s *TasksService) Get(ctx context.Context, id int64) (Task, error) {
	return getJSON[Task](ctx, s.c, "/v3/tasks/{id}", nil, itoa(id))
}

// GetWithContent returns the task's detail including its rendered content.
// The error wraps [ErrNotFound] if there is none.
func (s *TasksService) GetWithContent(ctx context.Context, id int64) (Task, error) {
	return getJSON[Task](ctx, s.c, "/v3/tasks/{id}", url.Values{"includeContent": {"true"}}, itoa(id))
}

// Create creates a task.
// Invalid input is an [*Error] wrapping [ErrValidation] (with field pointers) or [ErrBadRequest].
func (s *TasksService) Create(ctx context.Context, w TaskWrite) (Task, error) {
	return sendJSON[Task](ctx, s.c, http.MethodPost, "/v3/tasks", w)
}

// Update replaces a task in status new.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *TasksService) Update(ctx context.Context, id int64, w TaskWrite) (Task, error) {
	return sendJSON[Task](ctx, s.c, http.MethodPut, "/v3/tasks/{id}", w, itoa(id))
}

// Delete cancels (open) or archives (completed) the task.
// The error wraps [ErrNotFound] if there is none.
func (s *TasksService) Delete(ctx context.Context, id int64) error {
	return sendNoContent(ctx, s.c, http.MethodDelete, "/v3/tasks/{id}", nil, itoa(id))
}

// BulkDelete deletes tasks (chunks of 100) and returns the ids that were not deleted.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request) means a whole request failed, and the result then holds what the earlier requests returned.
func (s *TasksService) BulkDelete(ctx context.Context, ids []int64) (BulkResult, error) {
	return bulkIDs(ids, 100, func(chunk []int64) (BulkResult, error) {
		return sendJSON[BulkResult](ctx, s.c, http.MethodPost, "/v3/tasks/bulk-delete", idsBody{IDs: chunk})
	})
}

// Reassign assigns the task to userID (a team member; otherwise [ErrForbidden]).
func (s *TasksService) Reassign(ctx context.Context, id, userID int64) (Task, error) {
	body := struct {
		UserID int64 `json:"userId"`
	}{userID}
	return sendJSON[Task](ctx, s.c, http.MethodPut, "/v3/tasks/{id}/assigned-user", body, itoa(id))
}

// BatchAssign assigns tasks to userID (chunks of 100) and returns the per-id failures.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request) means a whole request failed, and the result then holds what the earlier requests returned.
func (s *TasksService) BatchAssign(ctx context.Context, ids []int64, userID int64) (BulkResult, error) {
	return bulkIDs(ids, 100, func(chunk []int64) (BulkResult, error) {
		body := struct {
			IDs    []int64 `json:"ids"`
			UserID int64   `json:"userId"`
		}{chunk, userID}
		return sendJSON[BulkResult](ctx, s.c, http.MethodPost, "/v3/tasks/batch/assign", body)
	})
}

// Call resolutions of a completed call task.
const (
	CallPositive = 0
	CallToCall   = 1
	CallNegative = 2
)

// TaskCompletion is the body of POST /v3/tasks/{id}/complete.
type TaskCompletion struct {
	CallResolution           *int `json:"callResolution,omitempty"` // CallPositive, CallToCall, CallNegative
	FinishProspectInSequence bool `json:"finishProspectInSequence,omitempty"`
}

// Complete completes the task. A task that is not new wraps [ErrConflict].
func (s *TasksService) Complete(ctx context.Context, id int64, c TaskCompletion) (Task, error) {
	return sendJSON[Task](ctx, s.c, http.MethodPost, "/v3/tasks/{id}/complete", c, itoa(id))
}

// BatchComplete completes tasks (chunks of 100) and returns the per-id failures.
// Per-item failures are in the result, never in the error; an error ([*Error], e.g. [ErrValidation] for a malformed
// request) means a whole request failed, and the result then holds what the earlier requests returned.
func (s *TasksService) BatchComplete(ctx context.Context, ids []int64) (BulkResult, error) {
	return bulkIDs(ids, 100, func(chunk []int64) (BulkResult, error) {
		return sendJSON[BulkResult](ctx, s.c, http.MethodPost, "/v3/tasks/batch/complete", idsBody{IDs: chunk})
	})
}

// TaskExecution is the body of POST /v3/tasks/{id}/execute; zero members are not sent.
type TaskExecution struct {
	Content        *TaskContent `json:"content,omitempty"`
	EmailAccountID int64        `json:"emailAccountId,omitempty"`
}

// Execute sends a manualEmail or sms task and completes it.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *TasksService) Execute(ctx context.Context, id int64, e TaskExecution) (Task, error) {
	return sendJSON[Task](ctx, s.c, http.MethodPost, "/v3/tasks/{id}/execute", e, itoa(id))
}
