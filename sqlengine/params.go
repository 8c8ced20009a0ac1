package sqlengine

import (
	"fmt"
	"regexp"
	"strings"
)

// ErrUnboundParam is returned when a statement names a :Param that was not given.
var ErrUnboundParam = fmt.Errorf("unbound parameter")

// scan walks q and calls code for every run of text outside quotes and comments, and lit for the quoted or
// commented runs, in order.
func scan(q string, code func(string), lit func(string)) {
	i, start := 0, 0
	flush := func(j int) {
		if j > start {
			code(q[start:j])
		}
	}
	for i < len(q) {
		c := q[i]
		end := -1
		switch {
		case c == '\'' || c == '"' || c == '`':
			j := i + 1
			for j < len(q) {
				if q[j] == '\\' && c != '`' {
					j += 2
					continue
				}
				if q[j] == c {
					if j+1 < len(q) && q[j+1] == c { // doubled quote
						j += 2
						continue
					}
					break
				}
				j++
			}
			end = min(j+1, len(q))
		case c == '#' || (c == '-' && strings.HasPrefix(q[i:], "-- ")) || (c == '-' && strings.HasPrefix(q[i:], "--\n")):
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				end = len(q)
			} else {
				end = i + j
			}
		case c == '/' && strings.HasPrefix(q[i:], "/*"):
			j := strings.Index(q[i+2:], "*/")
			if j < 0 {
				end = len(q)
			} else {
				end = i + 2 + j + 2
			}
		}
		if end < 0 {
			i++
			continue
		}
		flush(i)
		lit(q[i:end])
		i, start = end, end
	}
	flush(len(q))
}

// Split cuts a script into statements at semicolons outside quotes and comments. Empty statements are dropped.
func Split(script string) []string {
	var out []string
	var cur strings.Builder
	emit := func() {
		if s := strings.TrimSpace(cur.String()); s != "" && !onlyComments(s) {
			out = append(out, s)
		}
		cur.Reset()
	}
	scan(script, func(code string) {
		for {
			i := strings.IndexByte(code, ';')
			if i < 0 {
				cur.WriteString(code)
				return
			}
			cur.WriteString(code[:i])
			emit()
			code = code[i+1:]
		}
	}, func(l string) { cur.WriteString(l) })
	emit()
	return out
}

func onlyComments(s string) bool {
	empty := true
	scan(s, func(code string) {
		if strings.TrimSpace(code) != "" {
			empty = false
		}
	}, func(string) {})
	return empty
}

var (
	paramRef   = regexp.MustCompile(`:([A-Za-z_][A-Za-z0-9_]*)`)
	bracketArr = regexp.MustCompile(`\[[^\[\]]*\]`)
	intLit     = regexp.MustCompile(`^-?[0-9]+$`)
	floatLit   = regexp.MustCompile(`^-?[0-9]+\.[0-9]+$`)
)

// Bind prepares a statement for the engine: each :Name outside quotes becomes the SQL literal of params[Name]
// (names match case-insensitively; integers and decimals stay numbers, NULL is NULL, the rest are strings) and
// each array literal [1, 2, 3] outside quotes becomes the string '[1, 2, 3]' that procedures accept. A :Name
// without a value is an error wrapping [ErrUnboundParam].
func Bind(q string, params map[string]string) (string, error) {
	lower := make(map[string]string, len(params))
	for k, v := range params {
		lower[strings.ToLower(k)] = v
	}
	var out strings.Builder
	var err error
	scan(q, func(code string) {
		code = bracketArr.ReplaceAllStringFunc(code, quote)
		code = paramRef.ReplaceAllStringFunc(code, func(m string) string {
			v, ok := lower[strings.ToLower(m[1:])]
			if !ok {
				if err == nil {
					err = fmt.Errorf("%w %s (give it with --param %s=value)", ErrUnboundParam, m, m[1:])
				}
				return m
			}
			return literal(v)
		})
		out.WriteString(code)
	}, func(l string) { out.WriteString(l) })
	return out.String(), err
}

func literal(v string) string {
	t := strings.TrimSpace(v)
	switch {
	case strings.EqualFold(t, "null"):
		return "NULL"
	case intLit.MatchString(t), floatLit.MatchString(t):
		return t
	}
	return quote(v)
}

func quote(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// Complete reports whether text ends a statement: its last character outside quotes and comments is a
// semicolon and no quote or comment is left open. A shell reads lines until Complete.
func Complete(text string) bool {
	last := ""
	open := false
	scan(text, func(code string) {
		if t := strings.TrimSpace(code); t != "" {
			last = t
		}
		open = false
	}, func(l string) {
		open = unterminated(l)
		if !open && !strings.HasPrefix(l, "#") && !strings.HasPrefix(l, "--") && !strings.HasPrefix(l, "/*") {
			last = l // a quoted string ends the code seen so far
		}
	})
	return !open && strings.HasSuffix(last, ";")
}

// unterminated reports whether a quoted or commented run from scan lacks its closing delimiter.
func unterminated(l string) bool {
	switch {
	case strings.HasPrefix(l, "/*"):
		return !strings.HasSuffix(l, "*/") || len(l) < 4
	case strings.HasPrefix(l, "#"), strings.HasPrefix(l, "--"):
		return false
	case l[0] == '\'' || l[0] == '"' || l[0] == '`':
		if len(l) < 2 || l[len(l)-1] != l[0] {
			return true
		}
		// an escaped closing quote (\') does not close
		n := 0
		for i := len(l) - 2; i > 0 && l[i] == '\\'; i-- {
			n++
		}
		return n%2 == 1 && l[0] != '`'
	}
	return false
}
