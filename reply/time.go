package reply

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Time is a timestamp of the API, always in UTC. It decodes every form of REFERENCE.md §1.9: an offset
// ("2024-03-08T10:00:00+00:00"), "Z", no offset (taken as UTC), each with or without a fraction, a date alone
// ("2026-12-25", midnight UTC), and null or "" (the zero Time). It encodes as RFC 3339 in UTC, and the zero Time
// as null.
type Time struct {
	time.Time
}

// NewTime returns t as a Time in UTC.
func NewTime(t time.Time) Time {
	if t.IsZero() {
		return Time{}
	}
	return Time{t.UTC()}
}

// Ptr returns a pointer to t, or nil when t is zero: handy for optional request fields.
func (t Time) Ptr() *Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// ParseTime parses any timestamp form the API uses (see [Time]). An empty string is the zero Time.
func ParseTime(s string) (Time, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "null" {
		return Time{}, nil
	}
	// Fast path: RFC 3339 with "Z" or an offset, fraction optional.
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return Time{t.UTC()}, nil
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return Time{t.UTC()}, nil
		}
	}
	return Time{}, fmt.Errorf("reply: unrecognized timestamp %q", s)
}

// timeLayouts are the forms besides RFC 3339 (fractions are accepted by the parser after seconds).
var timeLayouts = []string{
	"2006-01-02T15:04:05",       // no offset (UTC)
	"2006-01-02T15:04:05Z0700",  // +0000
	"2006-01-02 15:04:05",       // space separator, no offset
	"2006-01-02 15:04:05Z07:00", // space separator, offset
	"2006-01-02T15:04Z07:00",    // no seconds
	"2006-01-02T15:04",          // no seconds, no offset
	"2006-01-02",                // date only
	time.RFC1123,                // unlikely, tolerated
}

// UnmarshalJSON accepts a JSON string in any form of [ParseTime], or null.
func (t *Time) UnmarshalJSON(data []byte) error {
	if len(data) == 0 || bytes.Equal(data, []byte("null")) {
		*t = Time{}
		return nil
	}
	if data[0] != '"' {
		return fmt.Errorf("reply: timestamp must be a string, got %s", data)
	}
	var s string
	if bytes.IndexByte(data[1:len(data)-1], '\\') < 0 {
		s = string(data[1 : len(data)-1])
	} else if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	v, err := ParseTime(s)
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// MarshalJSON writes RFC 3339 in UTC ("2024-03-08T10:00:00Z"), or null for the zero Time.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	b := make([]byte, 0, len(time.RFC3339Nano)+2)
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, time.RFC3339Nano)
	b = append(b, '"')
	return b, nil
}

// String formats t as RFC 3339 in UTC, or "" when zero.
func (t Time) String() string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// EqualFold reports whether the enum value v equals want, ignoring case: enums arrive in several casings
// (REFERENCE.md §1.10).
func EqualFold(v, want string) bool { return strings.EqualFold(v, want) }
