package catalog_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/replykit/replykit/catalog"
)

type jsonDoc struct{ v any }

func (d jsonDoc) ToInterface() (any, error) { return d.v, nil }

type decimal string

func (d decimal) String() string { return string(d) }

func TestParse(t *testing.T) {
	t.Parallel()
	ts := time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)
	enum := catalog.Column{Name: "CallStatus", Type: catalog.Text, Enum: []string{"none", "toCall", "called"}}
	tests := []struct {
		name    string
		col     catalog.Column
		in      string
		want    any
		wantErr bool
	}{
		{"int", catalog.Column{Type: catalog.Int}, " 42 ", int64(42), false},
		{"int whole float", catalog.Column{Type: catalog.Int}, "42.0", int64(42), false},
		{"int fraction", catalog.Column{Type: catalog.Int}, "4.5", nil, true},
		{"int text", catalog.Column{Type: catalog.Int}, "abc", nil, true},
		{"empty is null", catalog.Column{Type: catalog.Int}, "", nil, false},
		{"backslash N is null", catalog.Column{Type: catalog.Text}, `\N`, nil, false},
		{"float", catalog.Column{Type: catalog.Float}, "1.5", 1.5, false},
		{"text kept verbatim", catalog.Column{Type: catalog.Text}, " a b ", " a b ", false},
		{"bool yes", catalog.Column{Type: catalog.Bool}, "YES", true, false},
		{"bool 0", catalog.Column{Type: catalog.Bool}, "0", false, false},
		{"bool bad", catalog.Column{Type: catalog.Bool}, "maybe", nil, true},
		{"time offset", catalog.Column{Type: catalog.Time}, "2024-03-08T12:00:00+02:00", ts, false},
		{"time no offset is UTC", catalog.Column{Type: catalog.Time}, "2024-03-08T10:00:00", ts, false},
		{"time fraction", catalog.Column{Type: catalog.Time}, "2024-03-08T10:00:00.00", ts, false},
		{"time space", catalog.Column{Type: catalog.Time}, "2024-03-08 10:00:00", ts, false},
		{"time Z millis", catalog.Column{Type: catalog.Time}, "2024-03-08T10:00:00.000Z", ts, false},
		{"time date only", catalog.Column{Type: catalog.Time}, "2024-03-08", ts.Add(-10 * time.Hour), false},
		{"time bad", catalog.Column{Type: catalog.Time}, "yesterday", nil, true},
		{"date", catalog.Column{Type: catalog.Date}, "2026-12-25", "2026-12-25", false},
		{"date from timestamp", catalog.Column{Type: catalog.Date}, "2026-12-25T23:00:00-02:00", "2026-12-26", false},
		{"date bad", catalog.Column{Type: catalog.Date}, "25/12/2026", nil, true},
		{"json", catalog.Column{Type: catalog.JSON}, `[{"a":1}]`, json.RawMessage(`[{"a":1}]`), false},
		{"json bad", catalog.Column{Type: catalog.JSON}, `[{a:1}]`, nil, true},
		{"enum canonical casing", enum, "TOCALL", "toCall", false},
		{"enum unknown kept", enum, "maybe", "maybe", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.col.Parse(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Parse(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if err != nil && !errors.Is(err, catalog.ErrInvalidValue) {
				t.Errorf("error %v does not wrap ErrInvalidValue", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q) = %#v, want %#v", tt.in, got, tt.want)
			}
		})
	}
}

func TestCoerce(t *testing.T) {
	t.Parallel()
	ts := time.Date(2024, 3, 8, 10, 0, 0, 0, time.UTC)
	paris, _ := time.LoadLocation("Europe/Paris")
	tests := []struct {
		name    string
		typ     catalog.Type
		in      any
		want    any
		wantErr bool
	}{
		{"nil", catalog.Int, nil, nil, false},
		{"int8", catalog.Int, int8(-3), int64(-3), false},
		{"uint32", catalog.Int, uint32(7), int64(7), false},
		{"uint64 overflow", catalog.Int, uint64(1 << 63), nil, true},
		{"whole float", catalog.Int, 3.0, int64(3), false},
		{"fractional float", catalog.Int, 3.5, nil, true},
		{"decimal", catalog.Int, decimal("12"), int64(12), false},
		{"string number", catalog.Int, "12", int64(12), false},
		{"bytes", catalog.Int, []byte("12"), int64(12), false},
		{"bool to int", catalog.Int, true, int64(1), false},
		{"int to float", catalog.Float, int64(2), 2.0, false},
		{"int to bool", catalog.Bool, int8(1), true, false},
		{"zero to bool", catalog.Bool, int64(0), false, false},
		{"string to bool", catalog.Bool, "false", false, false},
		{"int to text", catalog.Text, int64(5), "5", false},
		{"time to UTC", catalog.Time, ts.In(paris), ts, false},
		{"string to time", catalog.Time, "2024-03-08T10:00:00Z", ts, false},
		{"time to date", catalog.Date, ts, "2024-03-08", false},
		{"time to int", catalog.Int, ts, nil, true},
		{"json from string", catalog.JSON, `{"a":1}`, json.RawMessage(`{"a":1}`), false},
		{"json bad string", catalog.JSON, `{a`, nil, true},
		{"json from value", catalog.JSON, []any{int64(1), "x"}, json.RawMessage(`[1,"x"]`), false},
		{"json from document", catalog.JSON, jsonDoc{map[string]any{"k": true}}, json.RawMessage(`{"k":true}`), false},
		{"document to int", catalog.Int, jsonDoc{float64(4)}, int64(4), false},
		{"raw json string to text", catalog.Text, json.RawMessage(`"hi"`), "hi", false},
		{"empty string to int is null", catalog.Int, "", nil, false},
		{"empty string to text stays", catalog.Text, "", "", false},
		{"text verbatim", catalog.Text, " a ", " a ", false},
		{"struct", catalog.Int, struct{}{}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := catalog.Column{Name: "C", Type: tt.typ}.Coerce(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Coerce(%#v) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if err != nil && !errors.Is(err, catalog.ErrInvalidValue) {
				t.Errorf("error %v does not wrap ErrInvalidValue", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Coerce(%#v) = %#v (%T), want %#v", tt.in, got, got, tt.want)
			}
		})
	}
}

func raw(s string) json.RawMessage { return json.RawMessage(s) }

const (
	emailStep     = `{"type":"email","delayInMinutes":0,"executionMode":"automatic","variants":[{"subject":"Hi","message":"Hello"}]}`
	followUpEmail = `{"type":"email","delayInMinutes":1440,"executionMode":"automatic","variants":[{"subject":null,"message":"Bump"}]}`
)

func TestValidateRow(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		table  string
		row    catalog.Row
		insert bool
		want   string // substring of the error; "" for none
	}{
		{"contact ok", "Contacts", catalog.Row{"Email": "a@b.c", "FirstName": "A"}, true, ""},
		{"unknown column", "Contacts", catalog.Row{"Email": "a@b.c", "Nope": "x"}, true, "unknown column Nope"},
		{"read-only on insert", "Contacts", catalog.Row{"Email": "a@b.c", "Domain": "b.c"}, true, "Domain is read-only"},
		{"id on insert", "Contacts", catalog.Row{"Id": int64(1), "Email": "a@b.c"}, true, "Id is read-only"},
		{"wrong go type", "Contacts", catalog.Row{"Email": int64(3)}, true, "int64 is not a TEXT value"},
		{"enum any case", "Contacts", catalog.Row{"Email": "a@b.c", "CallStatus": "TOCALL"}, true, ""},
		{"enum unknown", "Contacts", catalog.Row{"Email": "a@b.c", "CallStatus": "later"}, true, `"later" is not one of none, toCall, called`},
		{"update needs key", "Contacts", catalog.Row{"FirstName": "A"}, false, "key column Id is required"},
		{"update with key", "Contacts", catalog.Row{"Id": int64(1), "FirstName": "A"}, false, ""},
		{"update null key", "Contacts", catalog.Row{"Id": nil, "FirstName": "A"}, false, "Id cannot be NULL"},
		{"update read-only", "Contacts", catalog.Row{"Id": int64(1), "LastModifiedAt": time.Now()}, false, "LastModifiedAt is read-only"},
		{"required missing", "Accounts", catalog.Row{"City": "Paris"}, true, "Name is required"},
		{"required empty", "Accounts", catalog.Row{"Name": "  "}, true, "Name is required"},
		{"required set null on update", "Accounts", catalog.Row{"Id": int64(1), "Name": nil}, false, "Name cannot be NULL"},
		{"create-only on update", "CustomFields", catalog.Row{"Id": int64(1), "OrgWide": true}, false, "OrgWide can only be set on INSERT"},
		{"child parent key required", "SequenceEmailAccounts", catalog.Row{"Id": int64(1)}, true, "SequenceId is required"},
		{"json invalid", "Contacts", catalog.Row{"Email": "a@b.c", "CustomFields": raw(`[{`)}, true, "not valid JSON"},
		{"schedule timings ok", "Schedules", catalog.Row{"Name": "S", "TimezoneId": "UTC",
			"MainTimings": raw(`[{"weekDay":"monday","isActive":true,"timeRanges":[{"fromTime":{"hour":9,"minute":0},"toTime":{"hour":17,"minute":0}}]}]`)}, true, ""},
		{"schedule timing weekday", "Schedules", catalog.Row{"Name": "S", "TimezoneId": "UTC",
			"MainTimings": raw(`[{"weekDay":"Funday","isActive":true}]`)}, true, `MainTimings[0].weekDay "Funday" is not one of Monday`},
		{"schedule range needs toTime", "Schedules", catalog.Row{"Name": "S", "TimezoneId": "UTC",
			"MainTimings": raw(`[{"weekDay":"Monday","isActive":true,"timeRanges":[{"fromTime":{"hour":9,"minute":0}}]}]`)}, true, "MainTimings[0].timeRanges[0].toTime is required"},
		{"holiday dates", "HolidayCalendars", catalog.Row{"Name": "H",
			"Holidays": raw(`[{"startDate":"2026-12-25","endDate":"25/12/2026","name":"X"}]`)}, true, "Holidays[0].endDate must be a date"},
		{"sequence ok", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[` + emailStep + `,` + followUpEmail + `]`)}, true, ""},
		{"sequence with account ids", "Sequences", catalog.Row{"Name": "S", "EmailAccounts": raw(`[1001, 1002]`), "LinkedInAccounts": raw(`[{"id":1}]`),
			"Steps": raw(`[` + emailStep + `]`)}, true, ""},
		{"sequence with bad account ids", "Sequences", catalog.Row{"Name": "S", "EmailAccounts": raw(`["x"]`), "Steps": raw(`[` + emailStep + `]`)}, true, `EmailAccounts: invalid value: "x" is not an id`},
		{"custom field numeric value", "Contacts", catalog.Row{"Email": "a@b.c", "CustomFields": raw(`[{"id":1001,"value":86},{"key":"1002","value":null}]`)}, true, ""},
		{"custom fields not an array", "Contacts", catalog.Row{"Email": "a@b.c", "CustomFields": raw(`{"id":1001}`)}, true, "CustomFields: must be a JSON array"},
		{"sequence needs steps", "Sequences", catalog.Row{"Name": "S"}, true, "Steps is required"},
		{"sequence empty steps", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[]`)}, true, "at least one step is required"},
		{"steps on update", "Sequences", catalog.Row{"Id": int64(1), "Steps": raw(`[` + emailStep + `]`)}, false, "Steps can only be set on INSERT"},
		{"first email needs subject", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[{"type":"linkedIn","actionType":"viewProfile","delayInMinutes":0,"executionMode":"manual"},` + followUpEmail + `]`)}, true,
			"Steps[1] (type email): variants[0].subject is required"},
		{"unknown step type", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[{"type":"fax","delayInMinutes":0}]`)}, true, `Steps[0]: type "fax" is not one of`},
		{"step delay required", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[{"type":"call"}]`)}, true, "Steps[0] (type call): delayInMinutes is required"},
		{"step delay negative", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[{"type":"call","delayInMinutes":-1}]`)}, true, "delayInMinutes must be >= 0"},
		{"email execution mode", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[{"type":"email","delayInMinutes":0,"variants":[{"subject":"a","message":"b"}]}]`)}, true,
			"Steps[0] (type email): executionMode is required"},
		{"email no variants", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[{"type":"email","delayInMinutes":0,"executionMode":"manual"}]`)}, true,
			"Steps[0] (type email): variants is required"},
		{"too many attachments", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[{"type":"email","delayInMinutes":0,"executionMode":"manual","variants":[{"subject":"a","message":"b","attachmentIds":[1,2,3,4]}]}]`)}, true,
			"variants[0].attachmentIds: at most 3 attachments"},
		{"linkedIn message needs isEnabled", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[{"type":"linkedIn","actionType":"message","delayInMinutes":0,"executionMode":"automatic","variants":[{"message":"hi"}]}]`)}, true,
			"Steps[0] (type linkedIn/message): variants[0].isEnabled is required"},
		{"linkedIn connect message too long", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[{"type":"linkedIn","actionType":"connect","delayInMinutes":0,"executionMode":"automatic","variants":[{"message":"` + strings.Repeat("x", 301) + `","isEnabled":true}]}]`)}, true,
			"variants[0].message must be at most 300 characters"},
		{"linkedIn inMail subject", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[{"type":"linkedIn","actionType":"inMail","delayInMinutes":0,"executionMode":"automatic","variants":[{"message":"m","isEnabled":true}]}]`)}, true,
			"Steps[0] (type linkedIn/inMail): variants[0].subject is required"},
		{"linkedIn action type", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[{"type":"linkedIn","delayInMinutes":0}]`)}, true,
			"Steps[0] (type linkedIn): actionType is required"},
		{"endorse skills range", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[{"type":"linkedIn","actionType":"endorseSkills","delayInMinutes":0,"numberOfSkills":5}]`)}, true,
			"numberOfSkills must be between 1 and 3"},
		{"voice message audio", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[{"type":"linkedIn","actionType":"voiceMessage","delayInMinutes":0}]`)}, true,
			"audioFile is required"},
		{"comment prompt", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[{"type":"linkedIn","actionType":"commentOnRecentPost","delayInMinutes":0,"skipTopics":["a",1]}]`)}, true,
			"aiPromptText is required"},
		{"sms message", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[{"type":"sms","delayInMinutes":0,"executionMode":"manual"}]`)}, true,
			"Steps[0] (type sms): message is required"},
		{"whatsApp ok", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[{"type":"whatsApp","delayInMinutes":0,"message":"hey"}]`)}, true, ""},
		{"zapier action", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[{"type":"zapier","delayInMinutes":0,"name":"Z","action":"later"}]`)}, true,
			`Steps[0] (type zapier): action "later" is not one of immediately, wait`},
		{"task fields", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[{"type":"task","delayInMinutes":0,"actionType":"toDo"}]`)}, true,
			"Steps[0] (type task): description is required"},
		{"condition rules", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[{"type":"condition","delayInMinutes":0,"waitInMinutes":60,"conditions":[{"property":"email","rules":[{"value":"x"}]}]}]`)}, true,
			"Steps[0] (type condition): conditions[0].rules[0].operator is required"},
		{"condition ok", "Sequences", catalog.Row{"Name": "S", "Steps": raw(`[{"type":"condition","delayInMinutes":0,"waitInMinutes":60,"conditions":[{"property":"email","rules":[{"operator":"isSet","value":null}]}]}]`)}, true, ""},
		{"step row ok", "SequenceSteps", catalog.Row{"SequenceId": int64(1), "Type": "sms", "DelayInMinutes": int64(0), "ExecutionMode": "manual", "Message": "hi"}, true, ""},
		{"step row missing message", "SequenceSteps", catalog.Row{"SequenceId": int64(1), "Type": "sms", "DelayInMinutes": int64(0), "ExecutionMode": "manual"}, true,
			"step (type sms): message is required"},
		{"step row variants", "SequenceSteps", catalog.Row{"SequenceId": int64(1), "Type": "email", "DelayInMinutes": int64(0), "ExecutionMode": "manual",
			"Variants": raw(`[{"message":"b","attachmentIds":[1,2,3,4]}]`)}, true, "step (type email): variants[0].attachmentIds: at most 3 attachments"},
		{"step row type fixed", "SequenceSteps", catalog.Row{"SequenceId": int64(1), "Id": int64(2), "Type": "sms"}, false, "Type can only be set on INSERT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := catalog.ValidateRow(mustTable(t, tt.table), tt.row, tt.insert)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("ValidateRow: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("ValidateRow: no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ValidateRow: %v\nwant it to contain %q", err, tt.want)
			}
			if !errors.Is(err, catalog.ErrInvalidValue) {
				t.Errorf("error does not wrap ErrInvalidValue")
			}
		})
	}
}

func TestWritableRow(t *testing.T) {
	t.Parallel()
	tb := mustTable(t, "CustomFields")
	full := catalog.Row{"Id": int64(3), "Title": "T", "FieldType": "text", "Metadata": nil, "OrgWide": true, "Bogus": 1}
	if got, want := catalog.WritableRow(tb, full, true), (catalog.Row{"Title": "T", "FieldType": "text", "Metadata": nil, "OrgWide": true}); !reflect.DeepEqual(got, want) {
		t.Errorf("insert: got %v, want %v", got, want)
	}
	if got, want := catalog.WritableRow(tb, full, false), (catalog.Row{"Id": int64(3), "Title": "T", "FieldType": "text", "Metadata": nil}); !reflect.DeepEqual(got, want) {
		t.Errorf("update: got %v, want %v", got, want)
	}
}
