package bisync

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/replykit/replykit/catalog"
)

// normalize returns v (from the API or a destination driver) as the canonical Go value of c: []byte read as
// text, timestamps in UTC at microsecond precision (what every destination keeps), JSON re-encoded with sorted
// keys and no spaces (JSONB and MySQL JSON reformat documents).
func normalize(c catalog.Column, v any) (any, error) {
	if b, ok := v.([]byte); ok {
		v = string(b)
	}
	if v == nil {
		return nil, nil
	}
	if c.Type == catalog.Text {
		if s, ok := v.(string); ok {
			return s, nil
		}
	}
	out, err := c.Coerce(v)
	if err != nil {
		return nil, err
	}
	if b, ok := out.([]byte); ok {
		out = json.RawMessage(b)
	}
	switch x := out.(type) {
	case time.Time:
		return x.UTC().Truncate(time.Microsecond), nil
	case json.RawMessage:
		var a any
		dec := json.NewDecoder(bytes.NewReader(x))
		dec.UseNumber()
		if err := dec.Decode(&a); err != nil {
			return nil, fmt.Errorf("%s: %w", c.Name, err)
		}
		if a == nil {
			return nil, nil
		}
		b, err := json.Marshal(a)
		if err != nil {
			return nil, err
		}
		return json.RawMessage(b), nil
	}
	return out, nil
}

// normalizeRow returns the canonical values of cols in r.
func normalizeRow(cols []catalog.Column, r catalog.Row) (catalog.Row, error) {
	out := make(catalog.Row, len(cols))
	for _, c := range cols {
		v, err := normalize(c, r[c.Name])
		if err != nil {
			return nil, err
		}
		out[c.Name] = v
	}
	return out, nil
}

// hashRow hashes the canonical values of cols (names and typed values, in order).
func hashRow(r catalog.Row, cols []catalog.Column) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return catalog.HashRow("", r, names)
}

// equal reports whether two canonical values are the same.
func equal(a, b any) bool {
	switch x := a.(type) {
	case json.RawMessage:
		y, ok := b.(json.RawMessage)
		return ok && bytes.Equal(x, y)
	case time.Time:
		y, ok := b.(time.Time)
		return ok && x.Equal(y)
	}
	return a == b
}
