package csvio

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"time"

	"github.com/replykit/replykit/catalog"
)

// Format says how values become CSV text. The zero value is comma-separated, with a header, NULL as the empty
// string, times in RFC 3339 (with a fraction only when it is not zero), LF line ends and no BOM.
type Format struct {
	Delimiter  rune   // field separator; ',' when 0
	NoHeader   bool   // omit the header line
	Null       string // text written for NULL
	TimeLayout string // Go layout for Time values; "" means RFC 3339
	BOM        bool   // start the output with a UTF-8 byte order mark
	CRLF       bool   // end lines with \r\n as RFC 4180 says (default \n)
}

// ErrBadFormat is returned for a Format that cannot be written, e.g. a delimiter that is a quote or a newline.
var ErrBadFormat = errors.New("csvio: bad format")

func (f Format) delimiter() rune {
	if f.Delimiter == 0 {
		return ','
	}
	return f.Delimiter
}

func (f Format) check() error {
	switch d := f.delimiter(); d {
	case '"', '\r', '\n', 0xFFFD:
		return fmt.Errorf("%w: delimiter %q is not allowed", ErrBadFormat, d)
	}
	if f.TimeLayout != "" {
		// A layout without any Go layout element (YYYY-MM-DD, %Y-%m-%d) would print itself in every cell.
		ref := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
		if ref.Format(f.TimeLayout) == f.TimeLayout {
			return fmt.Errorf("%w: date format %q has no Go layout element: write the reference time "+
				"Mon Jan 2 15:04:05 2006 in the wanted form, e.g. 2006-01-02 or 2006-01-02 15:04:05", ErrBadFormat,
				f.TimeLayout)
		}
	}
	return nil
}

// Value returns the CSV text of one value: integers and floats in plain decimal notation, booleans as true/false,
// times in f's layout (UTC), JSON as its text, nil as f.Null. Other types are written with fmt or, for maps,
// slices and structs, as JSON.
func (f Format) Value(v any) string {
	switch x := v.(type) {
	case nil:
		return f.Null
	case string:
		return x
	case json.RawMessage:
		if x == nil {
			return f.Null
		}
		return string(x)
	case []byte:
		if x == nil {
			return f.Null
		}
		return string(x)
	case bool:
		return strconv.FormatBool(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case int16:
		return strconv.FormatInt(int64(x), 10)
	case int8:
		return strconv.FormatInt(int64(x), 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case uint:
		return strconv.FormatUint(uint64(x), 10)
	case uint32:
		return strconv.FormatUint(uint64(x), 10)
	case uint16:
		return strconv.FormatUint(uint64(x), 10)
	case uint8:
		return strconv.FormatUint(uint64(x), 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32)
	case time.Time:
		if f.TimeLayout == "" {
			return x.UTC().Format(time.RFC3339Nano)
		}
		return x.UTC().Format(f.TimeLayout)
	case fmt.Stringer:
		return x.String()
	case error:
		return x.Error()
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return f.Null
		}
		return f.Value(rv.Elem().Interface())
	case reflect.Map, reflect.Slice, reflect.Array, reflect.Struct:
		if (rv.Kind() == reflect.Map || rv.Kind() == reflect.Slice) && rv.IsNil() {
			return f.Null
		}
		b, err := json.Marshal(v)
		if err == nil {
			return string(b)
		}
	}
	return fmt.Sprint(v)
}

// Writer writes rows as CSV. It is not safe for concurrent use.
type Writer struct {
	f    Format
	cw   *csv.Writer
	cols []string
	rec  []string
	rows int
}

// NewWriter returns a Writer of the given columns, having written the BOM and the header line as f asks. The error
// wraps [ErrBadFormat] for an unusable format, or is the error of w.
func NewWriter(w io.Writer, cols []string, f Format) (*Writer, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	if f.BOM {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return nil, err
		}
	}
	cw := csv.NewWriter(w)
	cw.Comma = f.delimiter()
	cw.UseCRLF = f.CRLF
	wr := &Writer{f: f, cw: cw, cols: cols, rec: make([]string, len(cols))}
	if !f.NoHeader {
		if err := cw.Write(cols); err != nil {
			return nil, err
		}
	}
	return wr, nil
}

// Write writes one record; values align with the Writer's columns.
func (w *Writer) Write(values []any) error {
	if len(values) != len(w.cols) {
		return fmt.Errorf("csvio: %d values for %d columns", len(values), len(w.cols))
	}
	for i, v := range values {
		w.rec[i] = w.f.Value(v)
	}
	w.rows++
	return w.cw.Write(w.rec)
}

// WriteRow writes the values of r under the Writer's column names (exact names; a missing column is NULL).
func (w *Writer) WriteRow(r catalog.Row) error {
	for i, c := range w.cols {
		w.rec[i] = w.f.Value(r[c])
	}
	w.rows++
	return w.cw.Write(w.rec)
}

// Rows returns the number of data records written.
func (w *Writer) Rows() int { return w.rows }

// Flush writes buffered data to the underlying writer and returns any write error so far.
func (w *Writer) Flush() error {
	w.cw.Flush()
	return w.cw.Error()
}

// text is the default Format's text of v.
func text(v any) string { return Format{}.Value(v) }
