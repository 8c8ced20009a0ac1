package reply

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Sentinels that every [*Error] unwraps to, by HTTP status. Use errors.Is.
var (
	ErrUnauthorized = errors.New("reply: unauthorized")      // 401: missing, malformed or revoked API key
	ErrForbidden    = errors.New("reply: forbidden")         // 403
	ErrNotFound     = errors.New("reply: not found")         // 404, and 400 with a "*.notFound" code
	ErrConflict     = errors.New("reply: conflict")          // 409
	ErrRateLimited  = errors.New("reply: rate limited")      // 429
	ErrValidation   = errors.New("reply: validation failed") // 400/422 with errors[]
	ErrBadRequest   = errors.New("reply: bad request")       // other 4xx
	ErrServer       = errors.New("reply: server error")      // 5xx
	// ErrAccepted: a 202 (the work became a background job) where the call expects its result at once. The
	// error is an [*AcceptedError] naming the job; the request was accepted, so it is not retried.
	ErrAccepted = errors.New("reply: accepted as a background job")
)

// AcceptedError is returned when the API answers 202 Accepted to a call that expects its result in the answer
// (REFERENCE.md §1.13 allows any long-running operation to do so). Follow the job with
// [BackgroundJobsService.Wait]. It unwraps to [ErrAccepted].
type AcceptedError struct {
	Accepted
	Method string
	Path   string
}

// Error describes the answer; it never contains the API key.
func (e *AcceptedError) Error() string {
	return "reply: " + e.Method + " " + e.Path + ": 202 Accepted as background job " + strconv.Quote(e.JobID)
}

// Unwrap returns [ErrAccepted].
func (e *AcceptedError) Unwrap() error { return ErrAccepted }

// FieldError is one item of a validation problem: which input (a JSON Pointer such as "/steps/0/subject", a
// parameter name such as "top" or "/top", or "" for the whole body) and what is wrong with it.
type FieldError struct {
	Pointer string `json:"pointer"`
	Detail  string `json:"detail"`
}

// Error is the error of every non-2xx response, decoded from its application/problem+json body. Unwrap returns
// the status's sentinel ([ErrNotFound], [ErrRateLimited], ...).
type Error struct {
	Status     int
	Title      string
	Detail     string
	Code       string        // business code, e.g. "contact.notFound"; numeric codes are kept as decimal text
	Errors     []FieldError  // validation problems
	RetryAfter time.Duration // from Retry-After (429, sometimes 503)
	Method     string        // request method
	Path       string        // request path (no query, no host)
	Err        error         // the sentinel
}

// Error describes the failure; it never contains the API key.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("reply: ")
	if e.Method != "" {
		b.WriteString(e.Method + " " + e.Path + ": ")
	}
	b.WriteString(strconv.Itoa(e.Status))
	if t := e.Title; t != "" {
		b.WriteString(" " + t)
	} else if t := http.StatusText(e.Status); t != "" {
		b.WriteString(" " + t)
	}
	if e.Detail != "" {
		b.WriteString(": " + e.Detail)
	}
	if e.Code != "" {
		b.WriteString(" (" + e.Code + ")")
	}
	for i, fe := range e.Errors {
		if i == 0 {
			b.WriteString(":")
		} else {
			b.WriteString(";")
		}
		if fe.Pointer != "" {
			b.WriteString(" " + fe.Pointer + ":")
		}
		b.WriteString(" " + fe.Detail)
	}
	if e.RetryAfter > 0 {
		b.WriteString(" (retry after " + e.RetryAfter.String() + ")")
	}
	return b.String()
}

// Unwrap returns the sentinel of the response's status.
func (e *Error) Unwrap() error { return e.Err }

// problem is the wire form of application/problem+json; every member is optional and unknown members
// ("extensions", "type", "traceId") are ignored.
type problem struct {
	Title  string
	Detail string
	Code   string
	Errors []FieldError
}

// decodeProblem decodes a problem body member by member, so that a member of an unexpected type loses only
// itself. errors is a list of {pointer, detail} (the documented form) or, as ASP.NET writes it, an object of
// field name to messages ({"top": ["must be between 1 and 1000"]}), which becomes one FieldError per message.
func decodeProblem(data []byte) (problem, bool) {
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil {
		return problem{}, false
	}
	var p problem
	var title, detail, code flexString
	json.Unmarshal(m["title"], &title)
	json.Unmarshal(m["detail"], &detail)
	json.Unmarshal(m["code"], &code)
	p.Title, p.Detail, p.Code = string(title), string(detail), string(code)
	raw := bytes.TrimSpace(m["errors"])
	switch {
	case len(raw) > 0 && raw[0] == '[':
		var list []struct {
			Pointer flexString `json:"pointer"`
			Field   flexString `json:"field"`
			Detail  flexString `json:"detail"`
			Message flexString `json:"message"`
		}
		if json.Unmarshal(raw, &list) == nil {
			for _, fe := range list {
				ptr, det := fe.Pointer, fe.Detail
				if ptr == "" {
					ptr = fe.Field
				}
				if det == "" {
					det = fe.Message
				}
				p.Errors = append(p.Errors, FieldError{Pointer: string(ptr), Detail: string(det)})
			}
		}
	case len(raw) > 0 && raw[0] == '{':
		var byField map[string]json.RawMessage
		if json.Unmarshal(raw, &byField) == nil {
			names := make([]string, 0, len(byField))
			for k := range byField {
				names = append(names, k)
			}
			slices.Sort(names)
			for _, k := range names {
				var msgs []string
				if json.Unmarshal(byField[k], &msgs) != nil {
					var one flexString
					json.Unmarshal(byField[k], &one)
					msgs = []string{string(one)}
				}
				for _, msg := range msgs {
					p.Errors = append(p.Errors, FieldError{Pointer: k, Detail: msg})
				}
			}
		}
	}
	return p, true
}

// decodeError classifies a non-2xx response. A 401 body is never read.
func (c *Client) decodeError(resp *http.Response, method, path string) *Error {
	e := &Error{Status: resp.StatusCode, Method: method, Path: path}
	if resp.StatusCode != http.StatusUnauthorized {
		data, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		data = bytes.TrimSpace(data)
		if len(data) > 0 && data[0] == '{' {
			if p, ok := decodeProblem(data); ok {
				e.Title, e.Detail, e.Code, e.Errors = p.Title, p.Detail, p.Code, p.Errors
			}
		} else if len(data) > 0 && !bytes.ContainsAny(data[:min(len(data), 512)], "<") {
			// A plain-text body (proxies, gateways): keep a short excerpt.
			e.Detail = string(data[:min(len(data), 200)])
		}
	}
	// A server (or a proxy) that echoes the request into its error body must not leak the key through Error().
	redact := func(s *string) {
		if *s != "" && strings.Contains(*s, *c.apiKey) {
			*s = strings.ReplaceAll(*s, *c.apiKey, "[redacted]")
		}
	}
	redact(&e.Title)
	redact(&e.Detail)
	redact(&e.Code)
	for i := range e.Errors {
		redact(&e.Errors[i].Pointer)
		redact(&e.Errors[i].Detail)
	}
	e.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), c.clock.Now())
	e.Err = classify(e)
	return e
}

// classify picks the sentinel: by status first, then by code (REFERENCE.md §1.6, §7 #29).
func classify(e *Error) error {
	s := e.Status
	switch {
	case s == http.StatusUnauthorized:
		return ErrUnauthorized
	case s == http.StatusForbidden:
		return ErrForbidden
	case s == http.StatusNotFound:
		return ErrNotFound
	case s == http.StatusConflict:
		return ErrConflict
	case s == http.StatusTooManyRequests:
		return ErrRateLimited
	case s >= 500:
		return ErrServer
	case s == http.StatusBadRequest || s == http.StatusUnprocessableEntity:
		if strings.HasSuffix(strings.ToLower(e.Code), ".notfound") {
			return ErrNotFound
		}
		if len(e.Errors) > 0 {
			return ErrValidation
		}
		return ErrBadRequest
	}
	return ErrBadRequest
}

// parseRetryAfter reads delay-seconds or an HTTP date. Bad or missing values are 0.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseFloat(v, 64); err == nil {
		if n <= 0 {
			return 0
		}
		return time.Duration(n * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// ItemError is why one item of a bulk call was not processed (NotProcessedItemResult, REFERENCE.md §1.12).
// Code is the API's error name ("notFound", "contactNotProcessed") or, from endpoints that send numbers, the
// number as decimal text.
type ItemError struct {
	Code    string
	Details string
}

// Error describes the failure; it never contains the API key.
func (e ItemError) Error() string {
	if e.Details == "" {
		return e.Code
	}
	return e.Code + ": " + e.Details
}

// Is makes errors.Is(itemErr, ErrNotFound) true for a "notFound" item code (any case) or code 1.
func (e ItemError) Is(target error) bool {
	return target == ErrNotFound && (strings.EqualFold(e.Code, "notFound") || e.Code == "1")
}

// UnmarshalJSON decodes an ItemError leniently (see the type's documentation).
func (e *ItemError) UnmarshalJSON(data []byte) error {
	var w struct {
		Error        flexString `json:"error"`
		ErrorDetails *string    `json:"errorDetails"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	e.Code = string(w.Error)
	if w.ErrorDetails != nil {
		e.Details = *w.ErrorDetails
	}
	return nil
}

// BulkResult is a B1 failure dictionary: the ids that were not processed and why. Ids not listed succeeded.
// Keys are the item ids as the API wrote them (decimal integers, or UUIDs for UUID-keyed resources).
type BulkResult map[string]ItemError

// Failed reports the failure of the item with integer id, if any.
func (r BulkResult) Failed(id int64) (ItemError, bool) {
	e, ok := r[itoa(id)]
	return e, ok
}

// CreateResult is one item of a B2 create-result array, in input order: the new id, or an error code.
type CreateResult struct {
	ID           int64  // 0 when the item failed
	Error        string // "" on success; the API's code (integer or string) as text
	ErrorDetails string
}

// OK reports whether the item was created.
func (r CreateResult) OK() bool { return r.Error == "" && r.ID != 0 }

// UnmarshalJSON decodes a CreateResult leniently (see the type's documentation).
func (r *CreateResult) UnmarshalJSON(data []byte) error {
	var w struct {
		ID           *flexInt    `json:"id"`
		Error        *flexString `json:"error"`
		ErrorDetails *string     `json:"errorDetails"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*r = CreateResult{}
	if w.ID != nil {
		r.ID = int64(*w.ID)
	}
	if w.Error != nil {
		r.Error = string(*w.Error)
	}
	if w.ErrorDetails != nil {
		r.ErrorDetails = *w.ErrorDetails
	}
	return nil
}

// flexString decodes a JSON string or number (or null) as text.
type flexString string

// UnmarshalJSON decodes a flexString leniently (see the type's documentation).
func (s *flexString) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	switch {
	case len(data) == 0 || string(data) == "null":
		*s = ""
	case data[0] == '"':
		var v string
		if err := json.Unmarshal(data, &v); err != nil {
			return err
		}
		*s = flexString(v)
	default:
		var n json.Number
		if err := json.Unmarshal(data, &n); err != nil {
			return fmt.Errorf("reply: want string or number, got %s", data)
		}
		*s = flexString(n.String())
	}
	return nil
}

// flexInt decodes a JSON number or a string holding one (or null, as 0).
type flexInt int64

// UnmarshalJSON decodes a flexInt leniently (see the type's documentation).
func (n *flexInt) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || string(data) == "null" {
		*n = 0
		return nil
	}
	if data[0] == '"' {
		data = data[1 : len(data)-1]
		if len(data) == 0 {
			*n = 0
			return nil
		}
	}
	v, err := strconv.ParseInt(string(data), 10, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(string(data), 64)
		if ferr != nil {
			return fmt.Errorf("reply: want an integer, got %s", data)
		}
		v = int64(f)
	}
	*n = flexInt(v)
	return nil
}

// ID is an integer id as the API sends it: a JSON number or a string holding one (REFERENCE.md §0.4). null
// decodes as 0, and 0 means "none" on nullable id fields (valid ids start at 1). It encodes as a number.
type ID int64

// UnmarshalJSON decodes an ID leniently (see the type's documentation).
func (id *ID) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && len(data) <= 18 && data[0] >= '0' && data[0] <= '9' {
		// Fast path: a plain JSON integer.
		var v int64
		for _, ch := range data {
			if ch < '0' || ch > '9' {
				goto slow
			}
			v = v*10 + int64(ch-'0')
		}
		*id = ID(v)
		return nil
	}
slow:
	var n flexInt
	if err := n.UnmarshalJSON(data); err != nil {
		return err
	}
	*id = ID(n)
	return nil
}

// String formats the id in decimal.
func (id ID) String() string { return strconv.FormatInt(int64(id), 10) }
