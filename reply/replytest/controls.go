package replytest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// serveControl serves the emulator-only controls under /_emulator/ (REFERENCE.md §6): no authentication,
// no rate limiting, not in the request log.
func (e *Emulator) serveControl(w http.ResponseWriter, r *http.Request) {
	op := r.Method + " " + strings.TrimSuffix(r.URL.Path, "/")
	switch op {
	case "POST /_emulator/reset":
		e.Reset()
		w.WriteHeader(http.StatusNoContent)
	case "POST /_emulator/clock":
		var b struct {
			Now     string `json:"now"`
			Advance string `json:"advance"`
		}
		if !controlDecode(w, r, &b) {
			return
		}
		if b.Now != "" {
			t, ok := parseTime(b.Now)
			if !ok {
				writeProblem(w, http.StatusBadRequest, "emulator.invalidInput", "now must be an ISO-8601 date-time.")
				return
			}
			e.SetNow(t)
		}
		if b.Advance != "" {
			d, ok := parseISODuration(b.Advance)
			if !ok {
				writeProblem(w, http.StatusBadRequest, "emulator.invalidInput", "advance must be an ISO-8601 duration such as PT1H.")
				return
			}
			e.Advance(d)
		}
		writeJSON(w, http.StatusOK, map[string]any{"now": tZ(e.Now())})
	case "GET /_emulator/clock":
		writeJSON(w, http.StatusOK, map[string]any{"now": tZ(e.Now())})
	case "POST /_emulator/faults":
		var b struct {
			Operation  string  `json:"operation"`
			Status     int     `json:"status"`
			RetryAfter float64 `json:"retryAfter"`
			Code       *string `json:"code"`
			Times      int     `json:"times"`
			DelayMs    int     `json:"delayMs"`
			Drop       bool    `json:"drop"`
			Truncate   bool    `json:"truncate"`
		}
		if !controlDecode(w, r, &b) {
			return
		}
		if b.Operation == "" {
			writeProblem(w, http.StatusBadRequest, "emulator.invalidInput", "operation is required.")
			return
		}
		f := Fault{Status: b.Status, RetryAfter: time.Duration(b.RetryAfter * float64(time.Second)), Times: b.Times,
			Delay: time.Duration(b.DelayMs) * time.Millisecond, Drop: b.Drop, Truncate: b.Truncate}
		if b.Code != nil {
			f.Code = *b.Code
		}
		e.Fail(b.Operation, f)
		w.WriteHeader(http.StatusNoContent)
	case "PUT /_emulator/chaos":
		var b struct {
			Seed         int64   `json:"seed"`
			Rate429      float64 `json:"rate429"`
			Rate5xx      float64 `json:"rate5xx"`
			RateSlow     float64 `json:"rateSlow"`
			RateDrop     float64 `json:"rateDrop"`
			RateTruncate float64 `json:"rateTruncate"`
			DelayMs      int     `json:"delayMs"`
		}
		if !controlDecode(w, r, &b) {
			return
		}
		e.SetChaos(Chaos{Seed: b.Seed, Rate429: b.Rate429, Rate5xx: b.Rate5xx, RateSlow: b.RateSlow,
			RateDrop: b.RateDrop, RateTruncate: b.RateTruncate, Delay: time.Duration(b.DelayMs) * time.Millisecond})
		w.WriteHeader(http.StatusNoContent)
	case "PUT /_emulator/quirks":
		var q struct {
			NullContactTimestamps  bool `json:"nullContactTimestamps"`
			IgnoreContactTimeRules bool `json:"ignoreContactTimeRules"`
		}
		if !controlDecode(w, r, &q) {
			return
		}
		e.SetQuirks(Quirks{NullContactTimestamps: q.NullContactTimestamps, IgnoreContactTimeRules: q.IgnoreContactTimeRules})
		w.WriteHeader(http.StatusNoContent)
	case "PUT /_emulator/limits":
		var l struct {
			PerMinute int `json:"perMinute"`
			PerHour   int `json:"perHour"`
		}
		if !controlDecode(w, r, &l) {
			return
		}
		e.SetLimits(l.PerMinute, l.PerHour)
		w.WriteHeader(http.StatusNoContent)
	case "GET /_emulator/requests":
		writeJSON(w, http.StatusOK, e.Requests())
	case "DELETE /_emulator/requests":
		e.ResetRequests()
		w.WriteHeader(http.StatusNoContent)
	case "POST /_emulator/events":
		e.serveEventControl(w, r)
	case "POST /_emulator/seed":
		e.serveSeedControl(w, r)
	default:
		writeProblem(w, http.StatusNotFound, "", "")
	}
}

func controlDecode(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 256<<20)).Decode(v); err != nil {
		writeProblem(w, http.StatusBadRequest, "emulator.invalidInput", "Request body is not valid JSON: "+err.Error())
		return false
	}
	return true
}

// parseISODuration parses a subset of ISO-8601 durations: PnDTnHnMnS (and Go durations such as "90s").
func parseISODuration(s string) (time.Duration, bool) {
	if d, err := time.ParseDuration(s); err == nil {
		return d, true
	}
	s = strings.ToUpper(strings.TrimSpace(s))
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return 0, false
	}
	s = s[1:]
	var d time.Duration
	inTime := false
	num := ""
	for _, ch := range s {
		switch {
		case ch == 'T':
			inTime = true
		case ch >= '0' && ch <= '9' || ch == '.':
			num += string(ch)
		default:
			f, err := strconv.ParseFloat(num, 64)
			if err != nil {
				return 0, false
			}
			num = ""
			var unit time.Duration
			switch {
			case ch == 'W' && !inTime:
				unit = 7 * 24 * time.Hour
			case ch == 'D' && !inTime:
				unit = 24 * time.Hour
			case ch == 'H' && inTime:
				unit = time.Hour
			case ch == 'M' && inTime:
				unit = time.Minute
			case ch == 'S' && inTime:
				unit = time.Second
			default:
				return 0, false
			}
			d += time.Duration(f * float64(unit))
		}
	}
	if num != "" {
		return 0, false
	}
	if neg {
		d = -d
	}
	return d, true
}

// serveEventControl emits a webhook event without other side effects.
func (e *Emulator) serveEventControl(w http.ResponseWriter, r *http.Request) {
	var b struct {
		Type       string         `json:"type"`
		ContactID  int64          `json:"contactId"`
		SequenceID int64          `json:"sequenceId"`
		Fields     map[string]any `json:"fields"`
	}
	if !controlDecode(w, r, &b) {
		return
	}
	if !validEventType(b.Type) {
		writeProblem(w, http.StatusBadRequest, "emulator.invalidEvent", "Unknown event type "+strconv.Quote(b.Type)+".")
		return
	}
	e.mu.Lock()
	payload := map[string]any{}
	if b.ContactID != 0 {
		if c, ok := e.contact(b.ContactID); ok {
			payload["contact_fields"] = e.contactFields(c)
		} else {
			payload["contact_fields"] = map[string]any{"id": b.ContactID}
		}
	}
	if b.SequenceID != 0 {
		name, _ := e.sequenceName(b.SequenceID)
		payload["sequence_fields"] = map[string]any{"id": b.SequenceID, "name": name}
	}
	for k, v := range b.Fields {
		payload[k] = v
	}
	e.emit(b.Type, payload)
	out := e.outbox
	e.outbox = nil
	e.mu.Unlock()
	e.hooks.enqueue(out)
	writeJSON(w, http.StatusAccepted, map[string]any{"deliveries": len(out)})
}

// serveSeedControl loads objects in their response shapes.
func (e *Emulator) serveSeedControl(w http.ResponseWriter, r *http.Request) {
	writeProblem(w, http.StatusNotImplemented, "emulator.notImplemented", "Seeding over HTTP is not implemented yet.")
}

// eventTypes is the webhook event catalog (§4.2), in order.
var eventTypes = []string{
	"email_sent", "email_opened", "email_link_clicked", "email_replied", "reply_categorized", "email_bounced",
	"email_auto_reply", "contact_replied", "contact_finished", "contact_opted_out", "contact_called",
	"email_account_connection_lost", "email_account_error", "linkedin_connection_request_sent",
	"linkedin_connection_request_accepted", "linkedin_message_sent", "linkedin_message_replied",
	"linkedin_reply_categorized", "linkedin_account_alerts", "linkedin_comment_posted", "linkedin_comment_skipped",
	"autopilot_stopped",
}

func validEventType(s string) bool {
	for _, t := range eventTypes {
		if t == s {
			return true
		}
	}
	return false
}
