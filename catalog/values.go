package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// ErrInvalidValue is wrapped by every error of [Column.Parse], [Column.Coerce] and [ValidateRow] that is about a
// value (wrong type, unknown enum, missing required column, read-only column written, invalid step).
var ErrInvalidValue = errors.New("invalid value")

// ErrExists is wrapped by the error of an inserted row that duplicates an existing object where the catalog
// detects it (a Contacts row whose email is taken: the WriteResult's Row then holds the existing contact's Id).
var ErrExists = errors.New("already exists")

// existsError is an error that errors.Is reports as ErrExists, with its own message.
type existsError string

func (e existsError) Error() string        { return string(e) }
func (e existsError) Is(target error) bool { return target == ErrExists }

// timeLayouts are the timestamp forms Parse accepts, tried in order. A form without an offset is UTC.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	"2006-01-02",
}

// Parse converts text (a CSV cell, a --param value) to the Go value of c.Type (see [Type]). The empty string (after
// trimming spaces, except for Text, which is kept verbatim) is NULL and returns nil, as does the literal \N.
// Booleans accept true/false, 1/0, yes/no, t/f, y/n in any case; timestamps accept RFC 3339 with or without
// fraction or offset (no offset means UTC), a space instead of the T, and a bare date (midnight UTC); dates accept
// YYYY-MM-DD or a timestamp (its UTC date); JSON must be valid JSON. Enum values are returned in the casing the API
// documents when they match one case-insensitively, otherwise unchanged ([ValidateRow] rejects them on write).
// The error wraps [ErrInvalidValue].
func (c Column) Parse(s string) (any, error) {
	if s == `\N` {
		return nil, nil
	}
	if c.Type != Text {
		s = strings.TrimSpace(s)
	}
	if s == "" {
		return nil, nil
	}
	v, err := parseText(c.Type, s)
	if err != nil {
		return nil, c.errorf("%q is not a valid %s: %v", s, c.Type, err)
	}
	return c.canonical(v), nil
}

func parseText(t Type, s string) (any, error) {
	switch t {
	case Int:
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n, nil
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<62 {
			return nil, errors.New("not an integer")
		}
		return int64(f), nil
	case Float:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, errors.New("not a number")
		}
		return f, nil
	case Text:
		return s, nil
	case Bool:
		switch strings.ToLower(s) {
		case "true", "1", "yes", "t", "y", "on":
			return true, nil
		case "false", "0", "no", "f", "n", "off":
			return false, nil
		}
		return nil, errors.New("not a boolean")
	case Time:
		return ParseTime(s)
	case Date:
		if d, err := time.Parse("2006-01-02", s); err == nil {
			return d.Format("2006-01-02"), nil
		}
		ts, err := ParseTime(s)
		if err != nil {
			return nil, errors.New("not a date (YYYY-MM-DD)")
		}
		return ts.Format("2006-01-02"), nil
	case JSON:
		b := []byte(s)
		if !json.Valid(b) {
			return nil, errors.New("not valid JSON")
		}
		return json.RawMessage(b), nil
	}
	return nil, fmt.Errorf("unknown type %d", int(t))
}

// ParseTime parses a timestamp in any form [Column.Parse] accepts and returns it in UTC.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range timeLayouts {
		loc := time.UTC
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: %q is not a timestamp", ErrInvalidValue, s)
}

// jsonWrapper is go-mysql-server's JSON value (types.JSONDocument and friends), matched structurally because
// catalog does not import the engine.
type jsonWrapper interface {
	ToInterface() (any, error)
}

// Coerce converts any Go value (from SQL: integers and unsigned integers of every size, floats, strings, []byte,
// bool, time.Time, decimals (anything with a String method), JSON documents) to the Go value of c.Type. nil stays
// nil. Integers from floats must be whole; booleans from numbers are non-zero; a string for another type goes
// through [Column.Parse] ("" is NULL). JSON accepts json.RawMessage, valid JSON text, or any
// value that encodes to JSON. A string for a Text column is kept as is (” stays ”). Enum values are canonicalised
// as by Parse. The error wraps [ErrInvalidValue].
func (c Column) Coerce(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	out, err := coerce(c, v)
	if err != nil {
		return nil, c.errorf("cannot use %v (%T) as %s: %v", short(v), v, c.Type, err)
	}
	return c.canonical(out), nil
}

func coerce(c Column, v any) (any, error) {
	if c.Type == JSON {
		return coerceJSON(v)
	}
	switch x := v.(type) {
	case string:
		if c.Type == Text { // SQL '' stays '' (Parse reads an empty CSV cell as NULL)
			return x, nil
		}
		return c.Parse(x)
	case []byte:
		if c.Type == Text {
			return string(x), nil
		}
		return c.Parse(string(x))
	case json.RawMessage:
		var s string
		if err := json.Unmarshal(x, &s); err == nil {
			return c.Parse(s)
		}
		var a any
		if err := json.Unmarshal(x, &a); err != nil {
			return nil, err
		}
		if a == nil {
			return nil, nil
		}
		return coerce(c, a)
	case jsonWrapper:
		a, err := x.ToInterface()
		if err != nil {
			return nil, err
		}
		if a == nil {
			return nil, nil
		}
		return coerce(c, a)
	case time.Time:
		switch c.Type {
		case Time:
			return x.UTC(), nil
		case Date:
			return x.UTC().Format("2006-01-02"), nil
		case Text:
			return x.UTC().Format(time.RFC3339), nil
		}
		return nil, errors.New("a timestamp")
	case *time.Time:
		if x == nil {
			return nil, nil
		}
		return coerce(c, *x)
	case bool:
		switch c.Type {
		case Bool:
			return x, nil
		case Int:
			if x {
				return int64(1), nil
			}
			return int64(0), nil
		case Text:
			return strconv.FormatBool(x), nil
		}
		return nil, errors.New("a boolean")
	}
	if n, ok := asInt(v); ok {
		switch c.Type {
		case Int:
			return n, nil
		case Float:
			return float64(n), nil
		case Bool:
			return n != 0, nil
		case Text:
			return strconv.FormatInt(n, 10), nil
		}
		return nil, errors.New("a number")
	}
	if u, ok := asUint(v); ok {
		switch c.Type {
		case Int:
			if u > math.MaxInt64 {
				return nil, errors.New("out of range")
			}
			return int64(u), nil
		case Float:
			return float64(u), nil
		case Bool:
			return u != 0, nil
		case Text:
			return strconv.FormatUint(u, 10), nil
		}
		return nil, errors.New("a number")
	}
	if f, ok := asFloat(v); ok {
		switch c.Type {
		case Int:
			if f != math.Trunc(f) || math.Abs(f) > 1<<62 {
				return nil, errors.New("not a whole number")
			}
			return int64(f), nil
		case Float:
			return f, nil
		case Bool:
			return f != 0, nil
		case Text:
			return strconv.FormatFloat(f, 'f', -1, 64), nil
		}
		return nil, errors.New("a number")
	}
	if s, ok := v.(fmt.Stringer); ok { // decimal.Decimal and similar
		return c.Parse(s.String())
	}
	return nil, errors.New("unsupported type")
}

func coerceJSON(v any) (any, error) {
	switch x := v.(type) {
	case json.RawMessage:
		if !json.Valid(x) {
			return nil, errors.New("not valid JSON")
		}
		return bytes.Clone(x), nil
	case []byte:
		if !json.Valid(x) {
			return nil, errors.New("not valid JSON")
		}
		return json.RawMessage(bytes.Clone(x)), nil
	case string:
		if strings.TrimSpace(x) == "" {
			return nil, nil
		}
		if !json.Valid([]byte(x)) {
			return nil, errors.New("not valid JSON")
		}
		return json.RawMessage(x), nil
	case jsonWrapper:
		a, err := x.ToInterface()
		if err != nil {
			return nil, err
		}
		if a == nil {
			return nil, nil
		}
		return coerceJSON(a)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return json.RawMessage(b), nil
}

func asInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int:
		return int64(x), true
	case int8:
		return int64(x), true
	case int16:
		return int64(x), true
	case int32:
		return int64(x), true
	case int64:
		return x, true
	}
	return 0, false
}

func asUint(v any) (uint64, bool) {
	switch x := v.(type) {
	case uint:
		return uint64(x), true
	case uint8:
		return uint64(x), true
	case uint16:
		return uint64(x), true
	case uint32:
		return uint64(x), true
	case uint64:
		return x, true
	}
	return 0, false
}

func asFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float32:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// canonical returns an enum value in its documented casing when it matches one case-insensitively.
func (c Column) canonical(v any) any {
	s, ok := v.(string)
	if !ok || len(c.Enum) == 0 {
		return v
	}
	for _, e := range c.Enum {
		if strings.EqualFold(e, s) {
			return e
		}
	}
	return v
}

func (c Column) errorf(format string, args ...any) error {
	return fmt.Errorf("%s: %w: %s", c.Name, ErrInvalidValue, fmt.Sprintf(format, args...))
}

func short(v any) string {
	s := fmt.Sprint(v)
	if b, ok := v.([]byte); ok {
		s = string(b)
	}
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	return s
}

// goTypeOK reports whether v has the Go type of t (nil always does).
func goTypeOK(t Type, v any) bool {
	switch v.(type) {
	case nil:
		return true
	case int64:
		return t == Int
	case float64:
		return t == Float
	case string:
		return t == Text || t == Date
	case bool:
		return t == Bool
	case time.Time:
		return t == Time
	case json.RawMessage:
		return t == JSON
	}
	return false
}

// Writable reports whether column c may be written by an INSERT (insert=true) or an UPDATE: read-only columns
// never, create-only columns only on INSERT.
func (c Column) Writable(insert bool) bool {
	if c.ReadOnly {
		return false
	}
	if c.CreateOnly && !insert {
		return false
	}
	return true
}

// WritableRow returns the columns of r that t accepts on an INSERT (insert=true) or an UPDATE, dropping read-only
// and (on UPDATE) create-only columns and unknown names; on UPDATE the key columns are kept. It is what a caller
// holding a whole row (a sync base, an exported CSV) passes to [ValidateRow] and the table's write funcs.
func WritableRow(t *Table, r Row, insert bool) Row {
	out := Row{}
	for name, v := range r {
		c, ok := t.Column(name)
		if !ok {
			continue
		}
		if c.Writable(insert) || (!insert && t.isKey(c.Name)) || (insert && t.isParentKey(c.Name)) {
			out[c.Name] = v
		}
	}
	return out
}

func (t *Table) isKey(name string) bool {
	for _, k := range t.Key {
		if strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}

func (t *Table) isParentKey(name string) bool {
	return t.Parent != nil && strings.EqualFold(t.Parent.Column, name)
}

// ValidateRow checks a row about to be written to t by an INSERT (insert=true) or an UPDATE: every column exists,
// each value has its column's Go type (run [Column.Coerce] first), enums match case-insensitively, read-only
// columns are absent (on UPDATE the key columns must be present and are allowed), create-only columns appear only
// on INSERT, required columns are present and not NULL on INSERT and not set to NULL on UPDATE, JSON columns with
// Items hold arrays of objects with their required members, and steps (Sequences.Steps, SequenceSteps rows) carry
// the fields their type needs, e.g. "Steps[1] (type email): variants[0].subject is required". All problems are
// returned joined; each wraps [ErrInvalidValue].
func ValidateRow(t *Table, r Row, insert bool) error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %w: %s", t.Name, ErrInvalidValue, fmt.Sprintf(format, args...)))
	}
	present := map[string]Column{}
	for name, v := range r {
		c, ok := t.Column(name)
		if !ok {
			bad("unknown column %s", name)
			continue
		}
		present[c.Name] = c
		key := t.isKey(c.Name)
		switch {
		case insert && c.ReadOnly && !t.isParentKey(c.Name):
			bad("%s is read-only", c.Name)
			continue
		case !insert && c.ReadOnly && !key:
			bad("%s is read-only", c.Name)
			continue
		case !insert && c.CreateOnly && !key:
			bad("%s can only be set on INSERT", c.Name)
			continue
		}
		if !goTypeOK(c.Type, v) {
			bad("%s: %T is not a %s value", c.Name, v, c.Type)
			continue
		}
		if v == nil {
			if c.Required || (!insert && key) {
				bad("%s cannot be NULL", c.Name)
			}
			continue
		}
		if s, ok := v.(string); ok && c.Required && strings.TrimSpace(s) == "" {
			bad("%s is required", c.Name)
			continue
		}
		if s, ok := v.(string); ok && len(c.Enum) > 0 && !enumOK(c.Enum, s) {
			bad("%s: %q is not one of %s", c.Name, s, strings.Join(c.Enum, ", "))
		}
		if raw, ok := v.(json.RawMessage); ok {
			if !json.Valid(raw) {
				bad("%s: not valid JSON", c.Name)
				continue
			}
			switch {
			case t.Name == "Sequences" && c.Name == "Steps":
				errs = append(errs, prefixed(t.Name, validateStepsJSON(raw))...)
			case t.Name == "Sequences" && (c.Name == "EmailAccounts" || c.Name == "LinkedInAccounts"):
				if _, err := idList(raw); err != nil { // written as ids (or the read shape's objects)
					bad("%s: %v", c.Name, err)
				}
			case c.Items != nil:
				errs = append(errs, prefixed(t.Name, validateItems(c, raw))...)
			}
		}
	}
	if insert {
		for _, c := range t.Columns {
			if c.Required {
				if _, ok := present[c.Name]; !ok {
					bad("%s is required", c.Name)
				}
			}
		}
	} else {
		for _, k := range t.Key {
			if _, ok := present[k]; !ok {
				bad("key column %s is required", k)
			}
		}
	}
	if t.Name == "SequenceSteps" && len(errs) == 0 {
		if err := validateStepRow(t, r, insert); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w: %w", t.Name, ErrInvalidValue, err))
		}
	}
	return errors.Join(errs...)
}

func prefixed(table string, errs []error) []error {
	out := make([]error, len(errs))
	for i, e := range errs {
		out[i] = fmt.Errorf("%s: %w: %w", table, ErrInvalidValue, e)
	}
	return out
}

func enumOK(enum []string, s string) bool {
	for _, e := range enum {
		if strings.EqualFold(e, s) {
			return true
		}
	}
	return false
}

// validateItems checks a JSON column whose elements are described by c.Items: an array of objects, each with its
// required members present, typed and within their enums. Nested Items are checked recursively.
func validateItems(c Column, raw json.RawMessage) []error {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return []error{fmt.Errorf("%s: %v", c.Name, err)}
	}
	if v == nil {
		return nil
	}
	return checkItems(c.Name, c.Items, v)
}

func checkItems(path string, items []Column, v any) []error {
	arr, ok := v.([]any)
	if !ok {
		return []error{fmt.Errorf("%s: must be a JSON array", path)}
	}
	var errs []error
	for i, el := range arr {
		p := fmt.Sprintf("%s[%d]", path, i)
		obj, ok := el.(map[string]any)
		if !ok {
			errs = append(errs, fmt.Errorf("%s: must be a JSON object", p))
			continue
		}
		for _, ic := range items {
			if ic.ReadOnly || ic.Field == "" {
				continue
			}
			val, ok := obj[ic.Field]
			if !ok || val == nil {
				if ic.Required {
					errs = append(errs, fmt.Errorf("%s.%s is required", p, ic.Field))
				}
				continue
			}
			if msg := jsonTypeProblem(ic, val); msg != "" {
				errs = append(errs, fmt.Errorf("%s.%s %s", p, ic.Field, msg))
				continue
			}
			if ic.Items != nil {
				errs = append(errs, checkItems(p+"."+ic.Field, ic.Items, val)...)
			}
		}
	}
	return errs
}

// jsonTypeProblem describes why a decoded JSON value does not fit column c, or returns "".
func jsonTypeProblem(c Column, v any) string {
	switch c.Type {
	case Int:
		f, ok := v.(float64)
		if !ok || f != math.Trunc(f) {
			return "must be an integer"
		}
	case Float:
		if _, ok := v.(float64); !ok {
			return "must be a number"
		}
	case Bool:
		if _, ok := v.(bool); !ok {
			return "must be true or false"
		}
	case Text, Date, Time:
		s, ok := v.(string)
		if !ok && c.Type == Text && len(c.Enum) == 0 {
			switch v.(type) {
			case float64, bool: // free text: numbers and booleans are sent as their text
				return ""
			}
		}
		if !ok {
			return "must be a string"
		}
		if len(c.Enum) > 0 && !enumOK(c.Enum, s) {
			return fmt.Sprintf("%q is not one of %s", s, strings.Join(c.Enum, ", "))
		}
		if c.Type == Date {
			if _, err := time.Parse("2006-01-02", s); err != nil {
				return "must be a date YYYY-MM-DD"
			}
		}
		if c.Type == Time {
			if _, err := ParseTime(s); err != nil {
				return "must be a timestamp"
			}
		}
	}
	return ""
}

// Step types and their enums (REFERENCE.md §2.14).
var (
	stepTypes           = []string{"email", "linkedIn", "call", "sms", "whatsApp", "zapier", "task", "condition"}
	linkedInActionTypes = []string{"message", "connect", "inMail", "viewProfile", "endorseSkills", "voiceMessage",
		"likeRecentPosts", "followProfile", "commentOnRecentPost"}
	taskActionTypes = []string{"toDo", "meeting"}
	executionModes  = []string{"automatic", "manual"}
	zapierActions   = []string{"immediately", "wait"}
)

// validateStepsJSON checks the Steps of a sequence INSERT: a non-empty array of steps, each valid for its type,
// the first email step with a subject on every variant.
func validateStepsJSON(raw json.RawMessage) []error {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return []error{fmt.Errorf("Steps: %v", err)}
	}
	if v == nil {
		return []error{errors.New("Steps: at least one step is required")}
	}
	arr, ok := v.([]any)
	if !ok {
		return []error{errors.New("Steps: must be a JSON array of steps")}
	}
	if len(arr) == 0 {
		return []error{errors.New("Steps: at least one step is required")}
	}
	var errs []error
	seenEmail := false
	for i, el := range arr {
		step, ok := el.(map[string]any)
		if !ok {
			errs = append(errs, fmt.Errorf("Steps[%d]: must be a JSON object", i))
			continue
		}
		firstEmail := false
		if typ, _ := step["type"].(string); strings.EqualFold(typ, "email") && !seenEmail {
			firstEmail, seenEmail = true, true
		}
		for _, msg := range checkStep(step, firstEmail) {
			errs = append(errs, fmt.Errorf("Steps[%d]%s", i, msg))
		}
	}
	return errs
}

// validateStepRow checks a SequenceSteps INSERT row as the step it becomes.
func validateStepRow(t *Table, r Row, insert bool) error {
	if !insert {
		return nil
	}
	step := map[string]any{}
	for name, v := range r {
		c, ok := t.Column(name)
		if !ok || c.Field == "" || v == nil {
			continue
		}
		switch x := v.(type) {
		case json.RawMessage:
			var a any
			if err := json.Unmarshal(x, &a); err != nil {
				return fmt.Errorf("%s: %v", c.Name, err)
			}
			step[c.Field] = a
		case int64:
			step[c.Field] = float64(x)
		default:
			step[c.Field] = x
		}
	}
	msgs := checkStep(step, false)
	if len(msgs) == 0 {
		return nil
	}
	errs := make([]error, len(msgs))
	for i, m := range msgs {
		errs[i] = errors.New("step" + m)
	}
	return errors.Join(errs...)
}

// checkStep returns the problems of one step as " (type x): field is required" messages.
func checkStep(step map[string]any, firstEmail bool) []string {
	typ, _ := step["type"].(string)
	label := " (type " + typ + ")"
	if typ == "" {
		return []string{": type is required (one of " + strings.Join(stepTypes, ", ") + ")"}
	}
	if !enumOK(stepTypes, typ) {
		return []string{fmt.Sprintf(": type %q is not one of %s", typ, strings.Join(stepTypes, ", "))}
	}
	typ = canonicalOf(stepTypes, typ)
	var msgs []string
	add := func(format string, args ...any) { msgs = append(msgs, label+": "+fmt.Sprintf(format, args...)) }
	reqInt := func(field string, min, max float64) {
		v, ok := step[field]
		if !ok || v == nil {
			add("%s is required", field)
			return
		}
		f, ok := v.(float64)
		if !ok || f != math.Trunc(f) {
			add("%s must be an integer", field)
			return
		}
		if f < min || f > max {
			if max == math.MaxInt32 {
				add("%s must be >= %v", field, min)
			} else {
				add("%s must be between %v and %v", field, min, max)
			}
		}
	}
	optInt := func(field string) {
		if v, ok := step[field]; ok && v != nil {
			if f, ok := v.(float64); !ok || f != math.Trunc(f) {
				add("%s must be an integer or null", field)
			}
		}
	}
	reqStr := func(field string, enum []string) {
		v, ok := step[field]
		s, isStr := v.(string)
		switch {
		case !ok || v == nil || (isStr && strings.TrimSpace(s) == ""):
			if enum != nil {
				add("%s is required (one of %s)", field, strings.Join(enum, ", "))
			} else {
				add("%s is required", field)
			}
		case !isStr:
			add("%s must be a string", field)
		case enum != nil && !enumOK(enum, s):
			add("%s %q is not one of %s", field, s, strings.Join(enum, ", "))
		}
	}
	optStr := func(field string, maxLen int) {
		if v, ok := step[field]; ok && v != nil {
			s, isStr := v.(string)
			if !isStr {
				add("%s must be a string or null", field)
			} else if maxLen > 0 && len([]rune(s)) > maxLen {
				add("%s must be at most %d characters", field, maxLen)
			}
		}
	}
	reqInt("delayInMinutes", 0, math.MaxInt32)
	optInt("parentId")
	if v, ok := step["ifConditionPositive"]; ok && v != nil {
		if _, ok := v.(bool); !ok {
			add("ifConditionPositive must be true, false or null")
		}
	}
	// variants checks the variants array: each element an object; need lists required members per variant.
	variants := func(subject, message, isEnabled bool, messageMax int) {
		v, ok := step["variants"]
		if !ok || v == nil {
			add("variants is required")
			return
		}
		arr, ok := v.([]any)
		if !ok {
			add("variants must be a JSON array")
			return
		}
		if len(arr) == 0 {
			add("variants must hold at least one variant")
			return
		}
		for i, el := range arr {
			vr, ok := el.(map[string]any)
			if !ok {
				add("variants[%d] must be a JSON object", i)
				continue
			}
			for _, f := range []struct {
				name string
				req  bool
			}{{"subject", subject}, {"message", message}} {
				val, present := vr[f.name]
				s, isStr := val.(string)
				switch {
				case present && val != nil && !isStr:
					add("variants[%d].%s must be a string", i, f.name)
				case f.req && (!isStr || strings.TrimSpace(s) == ""):
					add("variants[%d].%s is required", i, f.name)
				case f.name == "message" && messageMax > 0 && len([]rune(s)) > messageMax:
					add("variants[%d].message must be at most %d characters", i, messageMax)
				}
			}
			if val, present := vr["isEnabled"]; present && val != nil {
				if _, ok := val.(bool); !ok {
					add("variants[%d].isEnabled must be true or false", i)
				}
			} else if isEnabled {
				add("variants[%d].isEnabled is required", i)
			}
			if val, present := vr["attachmentIds"]; present && val != nil {
				if ids, ok := val.([]any); !ok {
					add("variants[%d].attachmentIds must be an array of ids", i)
				} else if len(ids) > 3 {
					add("variants[%d].attachmentIds: at most 3 attachments", i)
				}
			}
		}
	}
	switch typ {
	case "email":
		reqStr("executionMode", executionModes)
		variants(firstEmail, false, false, 0)
	case "linkedIn":
		at, _ := step["actionType"].(string)
		if at == "" || !enumOK(linkedInActionTypes, at) {
			reqStr("actionType", linkedInActionTypes)
			break
		}
		at = canonicalOf(linkedInActionTypes, at)
		label = " (type linkedIn/" + at + ")"
		switch at {
		case "message":
			reqStr("executionMode", executionModes)
			variants(false, true, true, 0)
		case "connect":
			reqStr("executionMode", executionModes)
			variants(false, false, true, 300)
		case "inMail":
			reqStr("executionMode", executionModes)
			variants(true, true, true, 0)
		case "viewProfile":
			reqStr("executionMode", executionModes)
			optStr("description", 0)
		case "endorseSkills":
			reqInt("numberOfSkills", 1, 3)
		case "voiceMessage":
			reqStr("audioFile", nil)
		case "commentOnRecentPost":
			reqStr("aiPromptText", nil)
			optInt("skipIfNoPostsInDays")
			if v, ok := step["skipTopics"]; ok && v != nil {
				arr, ok := v.([]any)
				if !ok {
					add("skipTopics must be an array of strings")
				}
				for i, el := range arr {
					if _, ok := el.(string); !ok {
						add("skipTopics[%d] must be a string", i)
					}
				}
			}
		}
	case "call":
		optStr("message", 0)
	case "sms":
		reqStr("executionMode", executionModes)
		reqStr("message", nil)
	case "whatsApp":
		reqStr("message", nil)
	case "zapier":
		reqStr("name", nil)
		reqStr("action", zapierActions)
	case "task":
		reqStr("actionType", taskActionTypes)
		reqStr("description", nil)
	case "condition":
		reqInt("waitInMinutes", 0, math.MaxInt32)
		v, ok := step["conditions"]
		if !ok || v == nil {
			add("conditions is required")
			break
		}
		conds, ok := v.([]any)
		if !ok || len(conds) == 0 {
			add("conditions must be a non-empty JSON array")
			break
		}
		for i, el := range conds {
			cond, ok := el.(map[string]any)
			if !ok {
				add("conditions[%d] must be a JSON object", i)
				continue
			}
			if p, _ := cond["property"].(string); p == "" {
				add("conditions[%d].property is required", i)
			}
			rules, ok := cond["rules"].([]any)
			if !ok || len(rules) == 0 {
				add("conditions[%d].rules is required", i)
				continue
			}
			for j, rl := range rules {
				rule, ok := rl.(map[string]any)
				if !ok {
					add("conditions[%d].rules[%d] must be a JSON object", i, j)
					continue
				}
				if op, _ := rule["operator"].(string); op == "" {
					add("conditions[%d].rules[%d].operator is required", i, j)
				}
				if val, ok := rule["value"]; ok && val != nil {
					if _, ok := val.(string); !ok {
						add("conditions[%d].rules[%d].value must be a string or null", i, j)
					}
				}
			}
		}
	}
	return msgs
}

func canonicalOf(enum []string, s string) string {
	for _, e := range enum {
		if strings.EqualFold(e, s) {
			return e
		}
	}
	return s
}
