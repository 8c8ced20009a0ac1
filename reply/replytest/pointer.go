package replytest

import (
	"bytes"
	"encoding/json"
	"iter"
	"reflect"
	"strconv"
	"strings"
)

// Go's encoding/json reports a type error with a dotted path of member names and no array indexes
// ("steps.delayInMinutes"), and with an offset relative to the innermost custom decoder. REFERENCE.md §1.6
// wants a JSON Pointer into the body ("/steps/0/delayInMinutes"), so on a type error the body is walked
// again next to the target type to find the innermost member that does not decode.

// typeErrorPointer returns the JSON Pointer, under prefix, of the innermost member of raw that cannot be
// decoded into a value of type t; prefix itself when no member is to blame (or raw decodes).
func typeErrorPointer(raw []byte, t reflect.Type, prefix string) string {
	if p, bad := locateTypeError(raw, t, prefix); bad {
		return p
	}
	return prefix
}

// optional is implemented by opt[T]: the type its JSON value decodes into.
type optional interface{ elemType() reflect.Type }

func (opt[T]) elemType() reflect.Type { return reflect.TypeFor[T]() }

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// locateTypeError reports whether raw fails to decode into t and, if so, the pointer of the innermost
// failing member (members are tried in document order; the first failing one is reported).
func locateTypeError(raw []byte, t reflect.Type, ptr string) (string, bool) {
	if json.Unmarshal(raw, reflect.New(t).Interface()) == nil {
		return "", false
	}
	if o, ok := reflect.Zero(t).Interface().(optional); ok {
		if p, bad := locateTypeError(raw, o.elemType(), ptr); bad {
			return p, true
		}
		return ptr, true
	}
	if t.Kind() == reflect.Pointer {
		return locateTypeError(raw, t.Elem(), ptr)
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		return ptr, true // its own decoding: nothing to look into
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) == nil {
			for i, it := range items {
				if p, bad := locateTypeError(it, t.Elem(), ptr+"/"+strconv.Itoa(i)); bad {
					return p, true
				}
			}
		}
	case reflect.Map:
		for k, v := range objectMembers(raw) {
			if p, bad := locateTypeError(v, t.Elem(), ptr+"/"+pointerToken(k)); bad {
				return p, true
			}
		}
	case reflect.Struct:
		for k, v := range objectMembers(raw) {
			f, ok := jsonField(t, k)
			if !ok {
				continue
			}
			if p, bad := locateTypeError(v, f.Type, ptr+"/"+pointerToken(k)); bad {
				return p, true
			}
		}
	}
	return ptr, true
}

// objectMembers iterates over the members of a JSON object in document order (nothing if raw is not one).
func objectMembers(raw []byte) iter.Seq2[string, json.RawMessage] {
	return func(yield func(string, json.RawMessage) bool) {
		d := json.NewDecoder(bytes.NewReader(raw))
		if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
			return
		}
		for d.More() {
			tok, err := d.Token()
			if err != nil {
				return
			}
			k, _ := tok.(string)
			var v json.RawMessage
			if d.Decode(&v) != nil || !yield(k, v) {
				return
			}
		}
	}
}

// jsonField finds the struct field encoding/json decodes member name into: exact name first, then
// case-insensitive; promoted fields of embedded structs included.
func jsonField(t reflect.Type, name string) (reflect.StructField, bool) {
	var fold *reflect.StructField
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() && !f.Anonymous {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		n, _, _ := strings.Cut(tag, ",")
		if n == "" {
			if f.Anonymous && (f.Type.Kind() == reflect.Struct || f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct) {
				continue // its fields are promoted
			}
			n = f.Name
		}
		if !f.IsExported() {
			continue
		}
		if n == name {
			return f, true
		}
		if fold == nil && strings.EqualFold(n, name) {
			fold = &f
		}
	}
	if fold != nil {
		return *fold, true
	}
	return reflect.StructField{}, false
}

// pointerToken escapes a member name for a JSON Pointer (RFC 6901).
func pointerToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
