package replytest

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// window is one key's pair of fixed rate-limit windows (§1.8).
type window struct {
	minStart  time.Time
	minCount  int
	hourStart time.Time
	hourCount int
}

// limitLocked counts a request of key at now. When a window is exhausted it returns the Retry-After
// duration (whole seconds until the end of the exhausted window, the later one if both are, minimum 1s)
// and true; such a request is not counted.
func (e *Emulator) limitLocked(key string, now time.Time) (time.Duration, bool) {
	if e.perMinute <= 0 && e.perHour <= 0 {
		return 0, false
	}
	w := e.windows[key]
	if w == nil {
		w = &window{}
		e.windows[key] = w
	}
	if m := now.Truncate(time.Minute); !m.Equal(w.minStart) {
		w.minStart, w.minCount = m, 0
	}
	if h := now.Truncate(time.Hour); !h.Equal(w.hourStart) {
		w.hourStart, w.hourCount = h, 0
	}
	var end time.Time
	if e.perMinute > 0 && w.minCount >= e.perMinute {
		end = w.minStart.Add(time.Minute)
	}
	if e.perHour > 0 && w.hourCount >= e.perHour {
		if h := w.hourStart.Add(time.Hour); h.After(end) {
			end = h
		}
	}
	if !end.IsZero() {
		return retryAfter(end.Sub(now)), true
	}
	w.minCount++
	w.hourCount++
	return 0, false
}

// uncountLocked takes back the count of a request that ended up answered 429 (an injected one).
func (e *Emulator) uncountLocked(key string) {
	if w := e.windows[key]; w != nil {
		w.minCount = max(0, w.minCount-1)
		w.hourCount = max(0, w.hourCount-1)
	}
}

// retryAfter rounds d up to whole seconds, minimum one.
func retryAfter(d time.Duration) time.Duration {
	s := (d + time.Second - 1) / time.Second
	if s < 1 {
		s = 1
	}
	return s * time.Second
}

// writeTooMany answers 429 with Retry-After and a bare problem.
func writeTooMany(w http.ResponseWriter, d time.Duration) {
	secs := int(retryAfter(d) / time.Second)
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	writeProblem(w, http.StatusTooManyRequests, "", fmt.Sprintf("Rate limit exceeded. Retry after %d seconds.", secs))
}
