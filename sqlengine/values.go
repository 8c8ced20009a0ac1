package sqlengine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/shopspring/decimal"

	"github.com/replykit/replykit/catalog"
)

// textType is the type of text columns: case-insensitive (accents count) like MySQL's default collation, and like
// the API's own name and email matching, so `Status = 'Active'` finds 'active'.
var textType = types.CreateLongText(sql.Collation_utf8mb4_0900_as_ci)

// sqlType maps a catalog type to the go-mysql-server type of its column.
func sqlType(t catalog.Type) sql.Type {
	switch t {
	case catalog.Int:
		return types.Int64
	case catalog.Float:
		return types.Float64
	case catalog.Bool:
		return types.Boolean
	case catalog.Time:
		return types.DatetimeMaxPrecision
	case catalog.Date:
		return types.Date
	case catalog.JSON:
		return types.JSON
	}
	return textType
}

// toSQL converts a catalog row value to the value go-mysql-server holds for a column of type t.
func toSQL(t catalog.Type, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch t {
	case catalog.Bool:
		b, err := fromSQL(t, v)
		if err != nil || b == nil {
			return nil, err
		}
		if b.(bool) {
			return int8(1), nil
		}
		return int8(0), nil
	case catalog.Date:
		s, ok := v.(string)
		if !ok {
			if tm, ok := v.(time.Time); ok {
				return tm.UTC().Truncate(24 * time.Hour), nil
			}
			return nil, fmt.Errorf("date value %v (%T)", v, v)
		}
		if s == "" {
			return nil, nil
		}
		tm, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return nil, err
		}
		return tm, nil
	case catalog.JSON:
		var raw []byte
		switch x := v.(type) {
		case json.RawMessage:
			raw = x
		case []byte:
			raw = x
		case string:
			raw = []byte(x)
		default:
			var err error
			if raw, err = json.Marshal(x); err != nil {
				return nil, err
			}
		}
		if len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null" {
			return nil, nil
		}
		var doc any
		if err := json.Unmarshal(raw, &doc); err != nil {
			return nil, fmt.Errorf("invalid JSON: %w", err)
		}
		return types.JSONDocument{Val: doc}, nil
	case catalog.Time:
		if tm, ok := v.(time.Time); ok {
			if tm.IsZero() {
				return nil, nil
			}
			return tm.UTC(), nil
		}
	}
	return fromSQL(t, v)
}

// fromSQL converts a value coming from SQL (a literal, an expression result, a stored value) to the catalog Go
// type of t: int64, float64, string, bool, time.Time (UTC), "YYYY-MM-DD" or json.RawMessage. nil stays nil.
func fromSQL(t catalog.Type, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	if w, ok := v.(sql.JSONWrapper); ok && t != catalog.JSON {
		x, err := w.ToInterface()
		if err != nil {
			return nil, err
		}
		v = x
		if v == nil {
			return nil, nil
		}
	}
	switch t {
	case catalog.Int:
		switch x := v.(type) {
		case int64:
			return x, nil
		case int8, int16, int32, int, uint8, uint16, uint32:
			return strconv.ParseInt(fmt.Sprint(x), 10, 64)
		case uint64:
			if x > math.MaxInt64 {
				return nil, fmt.Errorf("%d out of range", x)
			}
			return int64(x), nil
		case float64:
			if x != math.Trunc(x) {
				return nil, fmt.Errorf("%v is not an integer", x)
			}
			return int64(x), nil
		case float32:
			return fromSQL(t, float64(x))
		case decimal.Decimal:
			if !x.IsInteger() {
				return nil, fmt.Errorf("%v is not an integer", x)
			}
			return x.IntPart(), nil
		case bool:
			if x {
				return int64(1), nil
			}
			return int64(0), nil
		case string:
			n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
			if err != nil {
				return nil, fmt.Errorf("%q is not an integer", x)
			}
			return n, nil
		case []byte:
			return fromSQL(t, string(x))
		}
	case catalog.Float:
		switch x := v.(type) {
		case float64:
			return x, nil
		case float32:
			return float64(x), nil
		case int8, int16, int32, int64, int, uint8, uint16, uint32, uint64:
			return strconv.ParseFloat(fmt.Sprint(x), 64)
		case decimal.Decimal:
			f, _ := x.Float64()
			return f, nil
		case string:
			f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
			if err != nil {
				return nil, fmt.Errorf("%q is not a number", x)
			}
			return f, nil
		case []byte:
			return fromSQL(t, string(x))
		}
	case catalog.Text:
		switch x := v.(type) {
		case string:
			return x, nil
		case []byte:
			return string(x), nil
		case time.Time:
			return x.UTC().Format(time.RFC3339Nano), nil
		case decimal.Decimal:
			return x.String(), nil
		default:
			return fmt.Sprint(x), nil
		}
	case catalog.Bool:
		switch x := v.(type) {
		case bool:
			return x, nil
		case int8, int16, int32, int64, int, uint8, uint16, uint32, uint64, float64, float32:
			return fmt.Sprint(x) != "0", nil
		case decimal.Decimal:
			return !x.IsZero(), nil
		case string, []byte:
			s := strings.ToLower(strings.TrimSpace(fmt.Sprintf("%s", x)))
			switch s {
			case "1", "true", "t", "yes", "y", "on":
				return true, nil
			case "0", "false", "f", "no", "n", "off":
				return false, nil
			}
			return nil, fmt.Errorf("%q is not a boolean", s)
		}
	case catalog.Time:
		switch x := v.(type) {
		case time.Time:
			return x.UTC(), nil
		case string, []byte:
			return parseTime(fmt.Sprintf("%s", x))
		}
	case catalog.Date:
		switch x := v.(type) {
		case time.Time:
			return x.UTC().Format(time.DateOnly), nil
		case string, []byte:
			tm, err := parseTime(fmt.Sprintf("%s", x))
			if err != nil {
				return nil, err
			}
			return tm.Format(time.DateOnly), nil
		}
	case catalog.JSON:
		switch x := v.(type) {
		case sql.JSONWrapper:
			val, err := x.ToInterface()
			if err != nil {
				return nil, err
			}
			b, err := json.Marshal(val)
			return json.RawMessage(b), err
		case json.RawMessage:
			return x, nil
		case string, []byte:
			b := []byte(fmt.Sprintf("%s", x))
			if !json.Valid(b) {
				return nil, fmt.Errorf("invalid JSON %q", b)
			}
			return json.RawMessage(b), nil
		default:
			b, err := json.Marshal(x)
			return json.RawMessage(b), err
		}
	}
	return nil, fmt.Errorf("cannot use %v (%T) as %s", v, v, t)
}

var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04",
	time.DateOnly,
}

// parseTime reads a timestamp in the forms MySQL and the API write; without a zone it is UTC.
func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a timestamp", s)
}

// Display converts a value produced by the engine into a plain Go value for output: nil, int64, uint64,
// float64, string, time.Time or json.RawMessage (JSON columns).
func Display(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case int8:
		return int64(x)
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case int:
		return int64(x)
	case int64, uint64, float64, string, time.Time:
		return x
	case uint8:
		return uint64(x)
	case uint16:
		return uint64(x)
	case uint32:
		return uint64(x)
	case float32:
		return float64(x)
	case []byte:
		return string(x)
	case decimal.Decimal:
		return x.String()
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	case sql.JSONWrapper:
		val, err := x.ToInterface()
		if err != nil {
			return fmt.Sprint(x)
		}
		b, err := json.Marshal(val)
		if err != nil {
			return fmt.Sprint(val)
		}
		return json.RawMessage(b)
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}
