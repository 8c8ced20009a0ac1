package reply

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// BackgroundJobsService provides /v3/background-jobs and the 202 + Location flow of long-running operations
// (REFERENCE.md §1.13).
type BackgroundJobsService service

// BackgroundJob is a long-running operation. JSONData and JSONDataResult are raw JSON text (detail only).
type BackgroundJob struct {
	JobID          string   `json:"jobId"`
	Status         string   `json:"status"` // Scheduled, Processing, Done, Failed, Expired, Cancelled, Unknown
	Category       string   `json:"category"`
	StartedAt      Time     `json:"startedAt"`
	FinishedAt     Time     `json:"finishedAt"`
	Progress       *float64 `json:"progress"`
	JSONData       string   `json:"jsonData,omitempty"`
	JSONDataResult string   `json:"jsonDataResult,omitempty"`
}

// Finished reports whether the job reached a final status (Done, Failed, Cancelled, Expired), in any case.
func (j BackgroundJob) Finished() bool {
	for _, s := range []string{"Done", "Failed", "Cancelled", "Expired"} {
		if strings.EqualFold(j.Status, s) {
			return true
		}
	}
	return false
}

// Accepted is the answer of an operation that returned 202: the job id and the absolute URL of the job
// (Location resolved against the base URL).
type Accepted struct {
	JobID           string `json:"jobId"`
	ScheduledCount  int    `json:"scheduledCount,omitempty"`
	CreditsReserved int    `json:"creditsReserved,omitempty"`
	Location        string `json:"-"`
}

// BackgroundJobListOptions selects jobs.
type BackgroundJobListOptions struct {
	Top, Skip, Limit int
	Category         string // suffix of r2/bg-jobs/..., prefix-matched
}

// List iterates over background jobs (at most 200 per page).
func (s *BackgroundJobsService) List(ctx context.Context, opts *BackgroundJobListOptions) iter.Seq2[BackgroundJob, error] {
	q := url.Values{}
	var p Paging
	if opts != nil {
		p = Paging{Top: opts.Top, Skip: opts.Skip, Limit: opts.Limit}
		setStr(q, "category", opts.Category)
	}
	return pages(ctx, p, 200, func(ctx context.Context, p Paging) (Page[BackgroundJob], error) {
		return getPage[BackgroundJob](ctx, s.c, "/v3/background-jobs", q, p)
	})
}

// Get returns the job. The error wraps [ErrNotFound] if there is none.
func (s *BackgroundJobsService) Get(ctx context.Context, jobID string) (BackgroundJob, error) {
	return getJSON[BackgroundJob](ctx, s.c, "/v3/background-jobs/{jobId}", nil, jobID)
}

// Cancel cancels the job; reason may be "". It is idempotent (204 when already cancelled), so it is retried after
// a 5xx or a lost response.
// The error wraps [ErrNotFound] if it does not exist, [ErrValidation] or [ErrBadRequest] for invalid input and
// [ErrConflict] for a state conflict.
func (s *BackgroundJobsService) Cancel(ctx context.Context, jobID, reason string) error {
	body := struct {
		Reason *string `json:"reason"`
	}{}
	if reason != "" {
		body.Reason = &reason
	}
	return postIdempotent(ctx, s.c, "/v3/background-jobs/{jobId}/cancel", body, nil, jobID)
}

// Wait polls the job every interval (on the client's clock) until it finishes or ctx ends, and returns its last
// state.
// It returns the error of a failed Get, or ctx.Err() when ctx ends first.
func (s *BackgroundJobsService) Wait(ctx context.Context, jobID string, interval time.Duration) (BackgroundJob, error) {
	if interval <= 0 {
		interval = time.Second
	}
	for {
		j, err := s.Get(ctx, jobID)
		if err != nil || j.Finished() {
			return j, err
		}
		if err := s.c.clock.Sleep(ctx, interval); err != nil {
			return j, err
		}
	}
}

// EmailValidation selects what POST /v3/email-validations/schedule validates: contacts by id and/or bare
// email addresses.
type EmailValidation struct {
	ContactIDs []int64  `json:"contactIds,omitempty"`
	Emails     []string `json:"emails,omitempty"`
}

// ScheduleEmailValidation schedules email validation, a long-running operation answered with 202 and a job
// ([Accepted]); follow it with Get or Wait.
// Invalid input wraps [ErrValidation] or [ErrBadRequest]; a 2xx answer that names no job is an error too.
func (s *BackgroundJobsService) ScheduleEmailValidation(ctx context.Context, body EmailValidation) (Accepted, error) {
	var a Accepted
	res, err := s.c.do(ctx, call{method: http.MethodPost, tmpl: "/v3/email-validations/schedule", body: body, async: true}, &a)
	if err != nil {
		return a, err
	}
	if res.Status != http.StatusAccepted && a.JobID == "" {
		return a, errors.New("reply: POST /v3/email-validations/schedule: no job in the answer")
	}
	a.Location = s.c.resolve(res.Header.Get("Location"))
	if a.JobID == "" && a.Location != "" {
		a.JobID = JobFromLocation(a.Location)
	}
	return a, nil
}

// JobFromLocation returns the job id of a Location header value (relative or absolute).
func JobFromLocation(loc string) string {
	loc = strings.TrimRight(loc, "/")
	if i := strings.IndexAny(loc, "?#"); i >= 0 {
		loc = loc[:i]
	}
	return loc[strings.LastIndexByte(loc, '/')+1:]
}

// ResolveLocation resolves a Location header value against the client's base URL (REFERENCE.md §1.13).
func (c *Client) ResolveLocation(loc string) string { return c.resolve(loc) }
