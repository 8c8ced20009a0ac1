package replicate

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/replykit/replykit/catalog"
	"github.com/replykit/replykit/dest"
)

// hashRow hashes layout and the values of cols (in order) with their types, so a change of any value, or of the
// destination layout, changes the hash.
func hashRow(layout string, row catalog.Row, cols []string) string {
	return catalog.HashRow(layout, row, cols)
}

// childRecords unwinds a JSON array value into child rows: parent key, position, then one value per item column.
func childRecords(c child, parentKey []any, v any) ([]dest.Record, error) {
	var raw []byte
	switch x := v.(type) {
	case nil:
		return nil, nil
	case json.RawMessage:
		raw = x
	case []byte:
		raw = x
	case string:
		raw = []byte(x)
	default:
		return nil, fmt.Errorf("not JSON: %T", v)
	}
	if len(bytes.TrimSpace(raw)) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return nil, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, fmt.Errorf("not a JSON array: %w", err)
	}
	out := make([]dest.Record, 0, len(items))
	for pos, it := range items {
		var members map[string]json.RawMessage
		if err := json.Unmarshal(it, &members); err != nil {
			members = nil // a scalar item: every member is NULL
		}
		vals := make([]any, 0, len(parentKey)+1+len(c.col.Items))
		vals = append(vals, parentKey...)
		vals = append(vals, int64(pos))
		for _, ic := range c.col.Items {
			field := ic.Field
			if field == "" {
				field = lowerFirst(ic.Name)
			}
			val, err := itemValue(ic, members[field])
			if err != nil {
				return nil, fmt.Errorf("item %d: %s: %w", pos, field, err)
			}
			vals = append(vals, val)
		}
		sum := sha256.Sum256(it)
		out = append(out, dest.Record{Values: vals, Hash: hex.EncodeToString(sum[:16])})
	}
	return out, nil
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return string(bytes.ToLower([]byte(s[:1]))) + s[1:]
}

func itemValue(c catalog.Column, raw json.RawMessage) (any, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if c.Type == catalog.JSON {
		return raw, nil
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	switch x := v.(type) {
	case json.Number:
		if c.Type == catalog.Int {
			if n, err := x.Int64(); err == nil {
				return n, nil
			}
		}
		f, err := x.Float64()
		if err != nil {
			return nil, err
		}
		return c.Coerce(f)
	case map[string]any, []any:
		if c.Type == catalog.Text {
			return string(raw), nil
		}
	}
	return c.Coerce(v)
}
