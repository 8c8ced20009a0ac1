package sqlengine

import (
	"strings"
	"unicode"

	"github.com/dolthub/go-mysql-server/sql"
)

// go-mysql-server v0.20.0 lower-cases the name in "table not found: contactz". The errors below carry the
// name as the statement spells it, and the closest catalog table when one is a typo away.

const tableNotFound = "table not found: "

// typedTableError rewrites a table-not-found error of query with the typed name; other errors are returned
// as they are. The error kind is kept (errors.Is, the MySQL error number).
func (e *Engine) typedTableError(query string, err error) error {
	if err == nil || !sql.ErrTableNotFound.Is(err) {
		return err
	}
	msg, ok := e.typedTableMessage(query, err.Error())
	if !ok {
		return err
	}
	_, name, _ := strings.Cut(msg, tableNotFound)
	return sql.ErrTableNotFound.New(name)
}

// typedTableMessage rewrites an error message holding "table not found: name".
func (e *Engine) typedTableMessage(query, msg string) (string, bool) {
	i := strings.Index(msg, tableNotFound)
	if i < 0 {
		return msg, false
	}
	name := strings.TrimSpace(msg[i+len(tableNotFound):])
	if name == "" || strings.ContainsAny(name, " \t\n") {
		return msg, false
	}
	typed := typedName(query, name)
	if hint := e.closestTable(typed); hint != "" {
		typed += " (did you mean " + hint + "?)"
	}
	return msg[:i] + tableNotFound + typed, true
}

// typedName is the first identifier of query equal to name but for case (backticks removed), or name.
func typedName(query, name string) string {
	found := ""
	scan(query, func(code string) {
		if found != "" {
			return
		}
		for _, tok := range strings.FieldsFunc(code, func(r rune) bool {
			return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '$')
		}) {
			if strings.EqualFold(tok, name) {
				found = tok
				return
			}
		}
	}, func(lit string) {
		if found == "" && len(lit) >= 2 && lit[0] == '`' && strings.EqualFold(strings.Trim(lit, "`"), name) {
			found = strings.Trim(lit, "`")
		}
	})
	if found == "" {
		return name
	}
	return found
}

// closestTable is the catalog table at most two edits from name (case ignored), or "".
func (e *Engine) closestTable(name string) string {
	best, bestD := "", 3
	for _, t := range e.tables {
		if d := editDistance(strings.ToLower(name), strings.ToLower(t.Name)); d < bestD {
			best, bestD = t.Name, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
