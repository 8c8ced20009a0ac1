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

// ParseTime parses any timestamp form the API uses (see [Time]). An empty string is the zero Time; any other text,
// or an impossible date such as February 30, is an error naming the value.
func ParseTime(s string) (Time, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "null" {
		return Time{}, nil
	}
	if t, ok := parseISO(s); ok {
		return Time{t}, nil
	}
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

// parseISO parses, without allocating, the forms the API sends: "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS" with an
// optional fraction and an optional "Z" or "±HH:MM" offset. ok is false for anything else.
func parseISO(s string) (t time.Time, ok bool) {
	num := func(s string) (int, bool) {
		n := 0
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return t, false
	}
	y, ok1 := num(s[0:4])
	mo, ok2 := num(s[5:7])
	d, ok3 := num(s[8:10])
	if !ok1 || !ok2 || !ok3 || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return t, false
	}
	if len(s) == 10 {
		t = time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		return t, t.Day() == d
	}
	if len(s) < 19 || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':' {
		return t, false
	}
	h, ok1 := num(s[11:13])
	mi, ok2 := num(s[14:16])
	sec, ok3 := num(s[17:19])
	if !ok1 || !ok2 || !ok3 || h > 23 || mi > 59 || sec > 60 {
		return t, false
	}
	rest := s[19:]
	nsec := 0
	if len(rest) > 0 && rest[0] == '.' {
		i := 1
		scale := 100_000_000
		for ; i < len(rest) && rest[i] >= '0' && rest[i] <= '9'; i++ {
			nsec += int(rest[i]-'0') * scale
			scale /= 10
		}
		if i == 1 {
			return t, false
		}
		rest = rest[i:]
	}
	offset := 0
	switch {
	case rest == "" || rest == "Z" || rest == "z":
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		oh, ok1 := num(rest[1:3])
		om, ok2 := num(rest[4:6])
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return t, false
		}
		offset = oh*3600 + om*60
		if rest[0] == '-' {
			offset = -offset
		}
	default:
		return t, false
	}
	t = time.Date(y, time.Month(mo), d, h, mi, sec, nsec, time.UTC)
	if t.Day() != d { // e.g. February 30, which time.Date normalises
		return time.Time{}, false
	}
	return t.Add(-time.Duration(offset) * time.Second), true
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
