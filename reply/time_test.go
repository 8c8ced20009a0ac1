package reply_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/replykit/replykit/reply"
)

func TestTimeForms(t *testing.T) {
	t.Parallel()
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			panic(err)
		}
		return v.UTC()
	}
	tests := []struct {
		name, in string
		want     time.Time
		wantErr  bool
	}{
		{"offset", `"2024-03-08T10:00:00+00:00"`, utc("2024-03-08T10:00:00Z"), false},
		{"offset with 2-digit fraction", `"2026-08-19T12:33:39.30+00:00"`, utc("2026-08-19T12:33:39.3Z"), false},
		{"non-UTC offset", `"2024-03-08T12:00:00+02:00"`, utc("2024-03-08T10:00:00Z"), false},
		{"no offset", `"2024-03-08T10:00:00"`, utc("2024-03-08T10:00:00Z"), false},
		{"no offset, fraction", `"2025-10-29T10:00:00.00"`, utc("2025-10-29T10:00:00Z"), false},
		{"no offset, 7-digit fraction", `"2025-10-29T10:00:00.1234567"`, utc("2025-10-29T10:00:00.1234567Z"), false},
		{"Z", `"2023-11-07T05:31:56Z"`, utc("2023-11-07T05:31:56Z"), false},
		{"Z with milliseconds", `"2026-04-21T09:30:00.000Z"`, utc("2026-04-21T09:30:00Z"), false},
		{"date only", `"2026-12-25"`, utc("2026-12-25T00:00:00Z"), false},
		{"null", `null`, time.Time{}, false},
		{"empty string", `""`, time.Time{}, false},
		{"negative offset with minutes", `"2024-03-08T04:30:00-05:30"`, utc("2024-03-08T10:00:00Z"), false},
		{"nanoseconds", `"2024-03-08T10:00:00.123456789Z"`, utc("2024-03-08T10:00:00.123456789Z"), false},
		{"offset across midnight", `"2024-03-08T23:30:00-01:00"`, utc("2024-03-09T00:30:00Z"), false},
		{"February 30", `"2026-02-30"`, time.Time{}, true},
		{"February 30 with time", `"2026-02-30T10:00:00+02:00"`, time.Time{}, true},
		{"hour 24", `"2026-02-03T24:00:00"`, time.Time{}, true},
		{"space separator", `"2024-03-08 10:00:00"`, utc("2024-03-08T10:00:00Z"), false},
		{"garbage", `"yesterday"`, time.Time{}, true},
		{"number", `12345`, time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got reply.Time
			err := json.Unmarshal([]byte(tt.in), &got)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Unmarshal(%s) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			}
			if !got.Time.Equal(tt.want) {
				t.Errorf("Unmarshal(%s) = %v, want %v", tt.in, got.Time, tt.want)
			}
			if !got.IsZero() && got.Location() != time.UTC {
				t.Errorf("location = %v, want UTC", got.Location())
			}
		})
	}
}

func TestTimeEveryField(t *testing.T) {
	t.Parallel()
	// Every timestamp field accepts every form, whichever form the contract lists for it.
	in := `{"id": 1, "addingDate": "2024-03-08", "createdAt": "2024-03-08T10:00:00+00:00",
		"lastModifiedAt": "2024-03-08T10:00:00.000Z"}`
	var c reply.Contact
	if err := json.Unmarshal([]byte(in), &c); err != nil {
		t.Fatal(err)
	}
	for _, ts := range []reply.Time{c.AddingDate, c.CreatedAt, c.LastModifiedAt} {
		if ts.IsZero() {
			t.Errorf("timestamp not decoded: %+v", c)
		}
	}
	var seq reply.Sequence
	if err := json.Unmarshal([]byte(`{"id": 2, "created": "2024-03-08T10:00:00"}`), &seq); err != nil || seq.Created.IsZero() {
		t.Errorf("sequence created: %v %v", seq.Created, err)
	}
}

func TestTimeMarshal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   reply.Time
		want string
	}{
		{reply.Time{}, `null`},
		{reply.NewTime(time.Date(2026, 1, 5, 9, 0, 0, 0, time.FixedZone("x", 3600))), `"2026-01-05T08:00:00Z"`},
		{reply.NewTime(time.Date(2026, 1, 5, 9, 0, 0, 5e8, time.UTC)), `"2026-01-05T09:00:00.5Z"`},
	}
	for _, tt := range tests {
		got, err := json.Marshal(tt.in)
		if err != nil || string(got) != tt.want {
			t.Errorf("Marshal(%v) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	// Optional request timestamps are omitted when zero.
	b, _ := json.Marshal(reply.TaskFilter{Status: "new"})
	if string(b) != `{"status":"new"}` {
		t.Errorf("TaskFilter = %s", b)
	}
}

func TestIDForms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    reply.ID
		wantErr bool
	}{
		{`42`, 42, false},
		{`"42"`, 42, false},
		{`null`, 0, false},
		{`""`, 0, false},
		{`9007199254740993`, 9007199254740993, false},
		{`"9223372036854775807"`, 9223372036854775807, false},
		{`4.0`, 4, false},
		{`"abc"`, 0, true},
		{`true`, 0, true},
	}
	for _, tt := range tests {
		var got reply.ID
		err := json.Unmarshal([]byte(tt.in), &got)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ID(%s) = %d, %v; want %d, err=%v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

// FuzzParseTime checks ParseTime against the standard library on RFC 3339 input and that it never panics. The
// seed corpus runs in the default test run; go test -fuzz FuzzParseTime explores further.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2024-03-08T10:00:00+00:00", "2026-08-19T12:33:39.30+00:00", "2024-03-08T10:00:00",
		"2025-10-29T10:00:00.00", "2023-11-07T05:31:56Z", "2026-04-21T09:30:00.000Z", "2026-12-25", "2026-02-30",
		"2024-03-08T04:30:00-05:30", "2024-13-01T00:00:00Z", "2024-03-08T10:00:00.Z", "0000-01-01T00:00:00Z", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := reply.ParseTime(s)
		want, werr := time.Parse(time.RFC3339Nano, s)
		if werr == nil && (err != nil || !got.Equal(want)) {
			t.Errorf("ParseTime(%q) = %v, %v; time.Parse = %v", s, got.Time, err, want)
		}
		if err == nil && !got.IsZero() && got.Location() != time.UTC {
			t.Errorf("ParseTime(%q) not in UTC", s)
		}
	})
}
