package csvio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/replykit/replykit/catalog"
)

// ErrBadWhere is wrapped by the errors of [ParseWhere].
var ErrBadWhere = errors.New("csvio: bad --where")

// ParseWhere parses a simple WHERE clause over t's columns into conditions. The grammar is
//
//	clause := cond { AND cond }
//	cond   := Column op literal | Column IN ( literal { , literal } ) | Column LIKE '%text%'
//	op     := = | < | <= | > | >=
//	literal:= 'single-quoted text' ('' escapes a quote) | number | TRUE | FALSE
//
// Keywords are case-insensitive, column names match case-insensitively, and each literal is parsed as its
// column's type with [catalog.Column.Parse]. The error wraps [ErrBadWhere] and says where parsing stopped.
func ParseWhere(t *catalog.Table, s string) ([]catalog.Cond, error) {
	p := &whereParser{t: t, src: s}
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var conds []catalog.Cond
	for {
		c, err := p.cond()
		if err != nil {
			return nil, err
		}
		conds = append(conds, c)
		p.space()
		if p.eof() {
			return conds, nil
		}
		if !p.keyword("AND") {
			return nil, p.errorf("expected AND")
		}
	}
}

type whereParser struct {
	t   *catalog.Table
	src string
	pos int
}

func (p *whereParser) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: at offset %d: %s", ErrBadWhere, p.pos, fmt.Sprintf(format, args...))
}

func (p *whereParser) eof() bool { return p.pos >= len(p.src) }

func (p *whereParser) space() {
	for p.pos < len(p.src) && unicode.IsSpace(rune(p.src[p.pos])) {
		p.pos++
	}
}

func (p *whereParser) word() string {
	p.space()
	start := p.pos
	for p.pos < len(p.src) {
		r := rune(p.src[p.pos])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.') {
			break
		}
		p.pos++
	}
	return p.src[start:p.pos]
}

func (p *whereParser) keyword(kw string) bool {
	save := p.pos
	if w := p.word(); strings.EqualFold(w, kw) {
		return true
	}
	p.pos = save
	return false
}

func (p *whereParser) cond() (catalog.Cond, error) {
	p.space()
	start := p.pos
	var name string
	if !p.eof() && p.src[p.pos] == '`' {
		end := strings.IndexByte(p.src[p.pos+1:], '`')
		if end < 0 {
			return catalog.Cond{}, p.errorf("unterminated `name`")
		}
		name, p.pos = p.src[p.pos+1:p.pos+1+end], p.pos+end+2
	} else {
		name = p.word()
	}
	if name == "" {
		return catalog.Cond{}, p.errorf("expected a column name")
	}
	col, ok := p.t.Column(name)
	if !ok {
		p.pos = start
		return catalog.Cond{}, p.errorf("%s has no column %s", p.t.Name, name)
	}
	p.space()
	var op catalog.Op
	switch {
	case strings.HasPrefix(p.src[p.pos:], "<="):
		op, p.pos = catalog.Le, p.pos+2
	case strings.HasPrefix(p.src[p.pos:], ">="):
		op, p.pos = catalog.Ge, p.pos+2
	case strings.HasPrefix(p.src[p.pos:], "<>"), strings.HasPrefix(p.src[p.pos:], "!="):
		return catalog.Cond{}, p.errorf("<> is not supported; use --query")
	case strings.HasPrefix(p.src[p.pos:], "="):
		op, p.pos = catalog.Eq, p.pos+1
	case strings.HasPrefix(p.src[p.pos:], "<"):
		op, p.pos = catalog.Lt, p.pos+1
	case strings.HasPrefix(p.src[p.pos:], ">"):
		op, p.pos = catalog.Gt, p.pos+1
	case p.keyword("IN"):
		op = catalog.In
	case p.keyword("LIKE"):
		op = catalog.Contains
	default:
		return catalog.Cond{}, p.errorf("expected =, <, <=, >, >=, IN or LIKE after %s", col.Name)
	}
	c := catalog.Cond{Column: col.Name, Op: op}
	switch op {
	case catalog.In:
		p.space()
		if p.eof() || p.src[p.pos] != '(' {
			return c, p.errorf("expected ( after IN")
		}
		p.pos++
		for {
			v, err := p.value(col)
			if err != nil {
				return c, err
			}
			c.Values = append(c.Values, v)
			p.space()
			if p.eof() {
				return c, p.errorf("expected ) to close IN")
			}
			if p.src[p.pos] == ')' {
				p.pos++
				return c, nil
			}
			if p.src[p.pos] != ',' {
				return c, p.errorf("expected , or ) in IN list")
			}
			p.pos++
		}
	case catalog.Contains:
		lit, quoted, err := p.literal()
		if err != nil {
			return c, err
		}
		if !quoted || len(lit) < 2 || !strings.HasPrefix(lit, "%") || !strings.HasSuffix(lit, "%") ||
			strings.ContainsAny(lit[1:len(lit)-1], "%_") {
			return c, p.errorf("LIKE takes '%%text%%' only")
		}
		c.Values = []any{lit[1 : len(lit)-1]}
		return c, nil
	}
	v, err := p.value(col)
	if err != nil {
		return c, err
	}
	c.Values = []any{v}
	return c, nil
}

func (p *whereParser) literal() (text string, quoted bool, err error) {
	p.space()
	if p.eof() {
		return "", false, p.errorf("expected a value")
	}
	if p.src[p.pos] == '\'' {
		var b strings.Builder
		p.pos++
		for {
			if p.eof() {
				return "", false, p.errorf("unterminated string")
			}
			ch := p.src[p.pos]
			p.pos++
			if ch == '\'' {
				if !p.eof() && p.src[p.pos] == '\'' {
					b.WriteByte('\'')
					p.pos++
					continue
				}
				return b.String(), true, nil
			}
			b.WriteByte(ch)
		}
	}
	start := p.pos
	for p.pos < len(p.src) {
		ch := rune(p.src[p.pos])
		if !(unicode.IsLetter(ch) || unicode.IsDigit(ch) || ch == '-' || ch == '+' || ch == '.' || ch == '_' || ch == ':') {
			break
		}
		p.pos++
	}
	if p.pos == start {
		return "", false, p.errorf("expected a value")
	}
	return p.src[start:p.pos], false, nil
}

func (p *whereParser) value(col catalog.Column) (any, error) {
	start := p.pos
	lit, quoted, err := p.literal()
	if err != nil {
		return nil, err
	}
	if !quoted && strings.EqualFold(lit, "NULL") {
		p.pos = start
		return nil, p.errorf("NULL comparisons are not supported; use --query")
	}
	v, err := col.Parse(lit)
	if err != nil {
		p.pos = start
		return nil, p.errorf("%v", err)
	}
	if v == nil {
		p.pos = start
		return nil, p.errorf("empty value for %s", col.Name)
	}
	return v, nil
}

// Match reports whether row r satisfies every condition (compared as SQL would, with NULL matching nothing and
// LIKE '%text%' case-insensitive).
func Match(r catalog.Row, conds []catalog.Cond) bool {
	for _, c := range conds {
		if !matchCond(r[c.Column], c) {
			return false
		}
	}
	return true
}

func matchCond(v any, c catalog.Cond) bool {
	if v == nil {
		return false
	}
	switch c.Op {
	case catalog.In:
		for _, w := range c.Values {
			if cmp, ok := compare(v, w); ok && cmp == 0 {
				return true
			}
		}
		return false
	case catalog.Contains:
		s, ok := c.Values[0].(string)
		if !ok {
			return false
		}
		return strings.Contains(strings.ToLower(text(v)), strings.ToLower(s))
	}
	if len(c.Values) == 0 {
		return false
	}
	cmp, ok := compare(v, c.Values[0])
	if !ok {
		return false
	}
	switch c.Op {
	case catalog.Eq:
		return cmp == 0
	case catalog.Gt:
		return cmp > 0
	case catalog.Ge:
		return cmp >= 0
	case catalog.Lt:
		return cmp < 0
	case catalog.Le:
		return cmp <= 0
	}
	return false
}

func compare(a, b any) (int, bool) {
	switch x := a.(type) {
	case int64:
		switch y := b.(type) {
		case int64:
			return cmpOrdered(x, y), true
		case float64:
			return cmpOrdered(float64(x), y), true
		}
	case float64:
		switch y := b.(type) {
		case float64:
			return cmpOrdered(x, y), true
		case int64:
			return cmpOrdered(x, float64(y)), true
		}
	case string:
		if y, ok := b.(string); ok {
			return strings.Compare(x, y), true
		}
	case bool:
		if y, ok := b.(bool); ok {
			if x == y {
				return 0, true
			}
			if !x {
				return -1, true
			}
			return 1, true
		}
	case time.Time:
		if y, ok := b.(time.Time); ok {
			return x.Compare(y), true
		}
	case json.RawMessage:
		if y, ok := b.(json.RawMessage); ok {
			return bytes.Compare(x, y), true
		}
	}
	return 0, false
}

func cmpOrdered[T int64 | float64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
