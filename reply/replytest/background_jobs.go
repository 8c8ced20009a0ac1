package replytest

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// jobRec is a background job (email validation only).
type jobRec struct {
	ID        string
	Category  string
	StartedAt time.Time
	Cancelled time.Time
	JSONData  string
	Count     int
}

// jobStep is how long a job stays Scheduled, then Processing, on the emulator clock.
const jobStep = time.Second

// jobStatus derives a job's status from the emulator clock.
func (j *jobRec) status(now time.Time) (status string, progress any, finished time.Time) {
	switch {
	case !j.Cancelled.IsZero():
		return "Cancelled", nil, j.Cancelled
	case now.Before(j.StartedAt.Add(jobStep)):
		return "Scheduled", 0.0, time.Time{}
	case now.Before(j.StartedAt.Add(2 * jobStep)):
		return "Processing", 0.5, time.Time{}
	}
	return "Done", 1.0, j.StartedAt.Add(2 * jobStep)
}

func (e *Emulator) jobJSON(j *jobRec, detail bool) map[string]any {
	st, progress, fin := j.status(e.nowLocked())
	m := map[string]any{"jobId": j.ID, "status": st, "category": j.Category, "startedAt": tZ(j.StartedAt),
		"finishedAt": tZ(fin), "progress": progress}
	if detail {
		m["jsonData"] = j.JSONData
		if st == "Done" {
			res, _ := json.Marshal(map[string]any{"validated": j.Count, "valid": j.Count, "invalid": 0})
			m["jsonDataResult"] = string(res)
		} else {
			m["jsonDataResult"] = nil
		}
	}
	return m
}

func (e *Emulator) registerBackgroundJobRoutes() {
	e.route("POST /v3/email-validations/schedule", "emailValidations.schedule", func(c *call) {
		var b struct {
			ContactIDs []int64  `json:"contactIds"`
			Emails     []string `json:"emails"`
			ListID     *int64   `json:"listId"`
		}
		if !c.decode(&b) {
			return
		}
		n := len(b.ContactIDs) + len(b.Emails)
		if b.ListID != nil {
			for _, r := range e.contacts.all() {
				for _, l := range r.ListIDs {
					if l == *b.ListID {
						n++
					}
				}
			}
		}
		if n == 0 {
			c.invalid(fieldError{"", "Nothing to validate: give contactIds, emails or listId."})
			return
		}
		j := &jobRec{ID: e.newUUID(), Category: "r2/bg-jobs/email-validation", StartedAt: c.now(), JSONData: string(c.rawBody()), Count: n}
		e.jobs[j.ID] = j
		e.jobOrder = append(e.jobOrder, j.ID)
		c.w.Header().Set("Location", "v3/background-jobs/"+j.ID)
		c.json(http.StatusAccepted, map[string]any{"jobId": j.ID, "scheduledCount": n, "creditsReserved": n})
	})
	e.route("GET /v3/background-jobs", "backgroundJobs.list", func(c *call) {
		top, skip, ok := c.page(100, 200, "backgroundJob.invalidPagination")
		if !ok {
			return
		}
		prefix := ""
		if cat := c.query("category"); cat != "" {
			prefix = "r2/bg-jobs/" + cat
		}
		var items []map[string]any
		for _, id := range e.jobOrder {
			if j := e.jobs[id]; strings.HasPrefix(j.Category, prefix) {
				items = append(items, e.jobJSON(j, false))
			}
		}
		writePage(c, items, top, skip)
	})
	e.route("GET /v3/background-jobs/{jobId}", "backgroundJobs.get", func(c *call) {
		if j, ok := e.jobByPath(c); ok {
			c.json(http.StatusOK, e.jobJSON(j, true))
		}
	})
	e.route("POST /v3/background-jobs/{jobId}/cancel", "backgroundJobs.cancel", func(c *call) {
		j, ok := e.jobByPath(c)
		if !ok {
			return
		}
		var b struct {
			Reason *string `json:"reason"`
		}
		if !c.decodeOptional(&b) {
			return
		}
		if st, _, _ := j.status(c.now()); st == "Scheduled" || st == "Processing" {
			j.Cancelled = c.now()
		}
		c.noContent()
	})
}

func (e *Emulator) jobByPath(c *call) (*jobRec, bool) {
	id, ok := c.pathUUID("jobId")
	if !ok {
		return nil, false
	}
	j, ok := e.jobs[id]
	if !ok {
		c.problem(http.StatusNotFound, "backgroundJob.notFound", "Background job "+id+" not found.")
	}
	return j, ok
}
