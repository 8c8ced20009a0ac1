package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"
)

// HashRow returns a hash of prefix and of the values of cols in row, in order, with their types: any change of a
// value (or of prefix, which callers use for their destination layout) changes it. Times hash in UTC. Replication
// and sync store it to tell changed rows from unchanged ones, so its encoding must not change lightly.
func HashRow(prefix string, row Row, cols []string) string {
	h := sha256.New()
	h.Write([]byte(prefix))
	h.Write([]byte{0})
	var buf []byte
	for _, c := range cols {
		buf = buf[:0]
		buf = append(buf, c...)
		buf = append(buf, 0)
		switch v := row[c].(type) {
		case nil:
			buf = append(buf, 'N')
		case int64:
			buf = append(buf, 'i')
			buf = strconv.AppendInt(buf, v, 10)
		case float64:
			buf = append(buf, 'f')
			buf = strconv.AppendUint(buf, math.Float64bits(v), 16)
		case bool:
			buf = append(buf, 'b')
			buf = strconv.AppendBool(buf, v)
		case string:
			buf = append(buf, 's')
			buf = append(buf, v...)
		case time.Time:
			buf = append(buf, 't')
			buf = v.UTC().AppendFormat(buf, time.RFC3339Nano)
		case json.RawMessage:
			buf = append(buf, 'j')
			buf = append(buf, v...)
		default:
			buf = append(buf, 'x')
			buf = fmt.Appendf(buf, "%T:%v", v, v)
		}
		buf = append(buf, 0xff)
		h.Write(buf)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
