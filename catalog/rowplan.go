package catalog

import (
	"encoding"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/replykit/replykit/reply"
)

// This file is the fast path of rowFrom: a plan per (table, Go type of API object), built once with reflect from
// the struct's json tags, maps each column to a struct field and converts the field directly (reply.Time to a UTC
// time.Time, reply.ID to int64, strings, bools, ints, floats). Only JSON columns and unusual field types are
// marshalled, field by field. The result is the row rowFromJSON (marshal the object, decode its members) would
// return; TestRowPlanSameAsJSON checks it on every seeded row of every table. Types whose JSON form the plan cannot
// predict (a MarshalJSON method, embedded structs, ",string" or "omitzero" options, conflicting names) have no
// plan and take the JSON path.

// rowPlans caches the plans of one table by Go type. A Table gets one from All; a table without one (built some
// other way) converts through JSON.
type rowPlans struct {
	m sync.Map // reflect.Type -> *rowPlan
}

// rowPlan converts values of one struct type to rows of one table. nil steps with ok false: no plan for the type.
type rowPlan struct {
	cols  []Column // the columns the plan was built for (a copied Table with other columns builds its own)
	steps []planStep
	ok    bool
}

// planStep fills one column.
type planStep struct {
	col   Column
	field int  // struct field index; -1 when the type has no member of the column's Field name (NULL)
	omit  bool // the field is omitempty: an empty value is an absent member (NULL)
	conv  func(s *planStep, f reflect.Value) (any, error)
}

var (
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	replyTimeType     = reflect.TypeFor[reply.Time]()
)

// planFor returns the plan converting v to a row of t, or nil when v takes the JSON path.
func (t *Table) planFor(rv reflect.Value) *rowPlan {
	if t.plans == nil || rv.Kind() != reflect.Struct {
		return nil
	}
	typ := rv.Type()
	if p, ok := t.plans.m.Load(typ); ok {
		p := p.(*rowPlan)
		if sameColumns(p.cols, t.Columns) {
			if !p.ok {
				return nil
			}
			return p
		}
		if p := buildPlan(t.Columns, typ); p.ok { // a copy of the table with other columns: not cached
			return p
		}
		return nil
	}
	p := buildPlan(t.Columns, typ)
	t.plans.m.Store(typ, p)
	if !p.ok {
		return nil
	}
	return p
}

func sameColumns(a, b []Column) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// marshaler reports whether encoding/json would call a method of typ instead of encoding its fields.
func marshaler(typ reflect.Type) bool {
	p := reflect.PointerTo(typ)
	return typ.Implements(jsonMarshalerType) || p.Implements(jsonMarshalerType) ||
		typ.Implements(textMarshalerType) || p.Implements(textMarshalerType)
}

// buildPlan builds the plan of struct type typ for cols.
func buildPlan(cols []Column, typ reflect.Type) *rowPlan {
	p := &rowPlan{cols: cols}
	if marshaler(typ) {
		return p
	}
	type member struct {
		index int
		omit  bool
	}
	byName := map[string]member{}
	for i := range typ.NumField() {
		sf := typ.Field(i)
		if sf.Anonymous {
			return p // embedded fields follow encoding/json's promotion rules: not predicted here
		}
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if !validTag(name) {
			return p
		}
		if name == "" {
			name = sf.Name
		}
		omit := false
		for o := range strings.SplitSeq(opts, ",") {
			switch o {
			case "omitempty":
				omit = true
			case "string", "omitzero":
				return p
			}
		}
		if _, dup := byName[name]; dup {
			return p // encoding/json drops both members
		}
		byName[name] = member{i, omit}
	}
	for _, c := range cols {
		if c.Field == "" {
			continue
		}
		s := planStep{col: c, field: -1}
		if m, ok := byName[c.Field]; ok {
			s.field, s.omit = m.index, m.omit
			s.conv = converter(c, typ.Field(m.index).Type)
		}
		p.steps = append(p.steps, s)
	}
	p.ok = true
	return p
}

// validTag is encoding/json's test of a tag name (an invalid one is ignored there; here it means no plan).
func validTag(s string) bool {
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// converter returns the conversion of a field of type ft to column c: a direct one where the JSON form is known,
// else the field's own JSON decoded as rowFromJSON does.
func converter(c Column, ft reflect.Type) func(*planStep, reflect.Value) (any, error) {
	if c.Type == JSON {
		return viaJSON
	}
	if ft.Kind() == reflect.Pointer {
		elem := direct(c, ft.Elem())
		if elem == nil {
			return viaJSON
		}
		return func(s *planStep, f reflect.Value) (any, error) {
			if f.IsNil() {
				return nil, nil
			}
			return elem(s, f.Elem())
		}
	}
	if conv := direct(c, ft); conv != nil {
		return conv
	}
	return viaJSON
}

// direct returns a conversion of a value of type ft to column c that skips JSON, or nil.
func direct(c Column, ft reflect.Type) func(*planStep, reflect.Value) (any, error) {
	if ft == replyTimeType {
		if c.Type == Time {
			return timeValue
		}
		return nil
	}
	if marshaler(ft) {
		return nil
	}
	switch {
	case c.Type == Text && ft.Kind() == reflect.String:
		return stringValue
	case c.Type == Bool && ft.Kind() == reflect.Bool:
		return func(_ *planStep, f reflect.Value) (any, error) { return f.Bool(), nil }
	case c.Type == Int && ft.Kind() >= reflect.Int && ft.Kind() <= reflect.Int64:
		return func(_ *planStep, f reflect.Value) (any, error) { return f.Int(), nil }
	case c.Type == Float && ft.Kind() == reflect.Float64:
		return floatValue
	}
	return nil
}

// stringValue is a string field: itself, unless encoding/json would replace invalid UTF-8.
func stringValue(s *planStep, f reflect.Value) (any, error) {
	str := f.String()
	if !utf8.ValidString(str) {
		return viaJSON(s, f)
	}
	return str, nil
}

// floatValue is a float64 field; NaN and infinities fail as encoding/json fails on them.
func floatValue(s *planStep, f reflect.Value) (any, error) {
	x := f.Float()
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return viaJSON(s, f)
	}
	return x, nil
}

// timeValue is a reply.Time field: NULL when zero, else the time in UTC (what its RFC 3339 form parses back to).
func timeValue(s *planStep, f reflect.Value) (any, error) {
	ts := f.Interface().(reply.Time)
	if ts.IsZero() {
		return nil, nil
	}
	u := ts.Time.UTC()
	if y := u.Year(); y < 0 || y > 9999 {
		return viaJSON(s, f)
	}
	return u, nil
}

// viaJSON converts a field through its JSON form, as rowFromJSON converts the member.
func viaJSON(s *planStep, f reflect.Value) (any, error) {
	b, err := json.Marshal(f.Interface())
	if err != nil {
		return nil, err
	}
	return fieldValue(s.col, unescapeHTML(b))
}

// row converts rv (a value of the plan's type) to a row of t.
func (p *rowPlan) row(t *Table, rv reflect.Value) (Row, error) {
	r := make(Row, len(p.steps))
	for i := range p.steps {
		s := &p.steps[i]
		var val any
		if s.field >= 0 {
			f := rv.Field(s.field)
			if !s.omit || !emptyValue(f) {
				var err error
				if val, err = s.conv(s, f); err != nil {
					return nil, fmt.Errorf("%s.%s: %w", t.Name, s.col.Name, err)
				}
			}
		}
		r[s.col.Name] = normalize(&s.col, val)
	}
	return r, nil
}

// emptyValue is encoding/json's omitempty test.
func emptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}
