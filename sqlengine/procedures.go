package sqlengine

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/replykit/replykit/catalog"
)

var (
	ctxType     = reflect.TypeOf((*sql.Context)(nil))
	bytesType   = reflect.TypeOf([]byte(nil))
	rowIterType = reflect.TypeOf((*sql.RowIter)(nil)).Elem()
	errorType   = reflect.TypeOf((*error)(nil)).Elem()
)

// procedureRegistry registers every catalog procedure under its lower-case name, once per accepted argument
// count (trailing optional parameters may be omitted). Every parameter is taken as text ([]byte, so NULL
// stays distinguishable from ”) and parsed into the parameter's type; arrays arrive as JSON text.
func (e *Engine) procedureRegistry() sql.ExternalStoredProcedureRegistry {
	reg := sql.NewExternalStoredProcedureRegistry()
	for _, p := range e.procs {
		minArgs := 0
		for i, prm := range p.Params {
			if prm.Required {
				minArgs = i + 1
			}
		}
		for n := minArgs; n <= len(p.Params); n++ {
			reg.Register(sql.ExternalStoredProcedureDetails{
				Name:     strings.ToLower(p.Name),
				Schema:   procSchema(p),
				Function: e.procFunc(p, n),
			})
		}
	}
	return reg
}

func procSchema(p *catalog.Procedure) sql.Schema {
	s := make(sql.Schema, len(p.Result))
	for i, c := range p.Result {
		s[i] = &sql.Column{Name: c.Name, Type: sqlType(c.Type), Nullable: true, Source: p.Name}
	}
	return s
}

func (e *Engine) procFunc(p *catalog.Procedure, n int) any {
	in := []reflect.Type{ctxType}
	for range n {
		in = append(in, bytesType)
	}
	ft := reflect.FuncOf(in, []reflect.Type{rowIterType, errorType}, false)
	return reflect.MakeFunc(ft, func(args []reflect.Value) []reflect.Value {
		ctx := args[0].Interface().(*sql.Context)
		var raw [][]byte
		for _, a := range args[1:] {
			raw = append(raw, a.Interface().([]byte))
		}
		it, err := e.callProcedure(ctx, p, raw)
		if err != nil {
			return []reflect.Value{reflect.Zero(rowIterType), reflect.ValueOf(&err).Elem()}
		}
		return []reflect.Value{reflect.ValueOf(&it).Elem(), reflect.Zero(errorType)}
	}).Interface()
}

func (e *Engine) callProcedure(ctx *sql.Context, p *catalog.Procedure, raw [][]byte) (sql.RowIter, error) {
	args := catalog.Args{}
	for i, prm := range p.Params {
		if i >= len(raw) || raw[i] == nil {
			if prm.Required {
				return nil, fmt.Errorf("CALL %s: parameter %s is required", p.Name, prm.Name)
			}
			continue
		}
		v, err := parseArg(prm, string(raw[i]))
		if err != nil {
			return nil, fmt.Errorf("CALL %s: parameter %s: %w", p.Name, prm.Name, err)
		}
		args[prm.Name] = v
	}
	rows, err := p.Func(ctx, e.client, args)
	e.cache.invalidate("")
	if err != nil {
		return nil, fmt.Errorf("CALL %s: %w", p.Name, err)
	}
	out := make([]sql.Row, 0, len(rows))
	for _, r := range rows {
		sr := make(sql.Row, len(p.Result))
		for i, c := range p.Result {
			v, err := toSQL(c.Type, r[c.Name])
			if err != nil {
				return nil, fmt.Errorf("CALL %s: result %s: %w", p.Name, c.Name, err)
			}
			sr[i] = v
		}
		out = append(out, sr)
	}
	return sql.RowsToRowIter(out...), nil
}

// parseArg reads one argument: a scalar of the parameter's type, or for arrays a JSON array ([1, 2, 3]), a
// comma-separated list or a single value.
func parseArg(p catalog.Param, s string) (any, error) {
	if !p.Array {
		v, err := paramColumn(p).Parse(s)
		if err != nil {
			return nil, err
		}
		return v, checkEnum(p, v)
	}
	var items []any
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "[") {
		if err := json.Unmarshal([]byte(t), &items); err != nil {
			return nil, fmt.Errorf("invalid array %s: %w", t, err)
		}
	} else {
		for _, part := range strings.Split(t, ",") {
			if part = strings.TrimSpace(part); part != "" {
				items = append(items, part)
			}
		}
	}
	out := make([]any, 0, len(items))
	for _, it := range items {
		var v any
		var err error
		if str, ok := it.(string); ok {
			v, err = paramColumn(p).Parse(str)
		} else {
			v, err = paramColumn(p).Coerce(it)
		}
		if err != nil {
			return nil, fmt.Errorf("element %v: %w", it, err)
		}
		if err := checkEnum(p, v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func checkEnum(p catalog.Param, v any) error {
	if len(p.Enum) == 0 {
		return nil
	}
	s, ok := v.(string)
	if !ok {
		return nil
	}
	for _, e := range p.Enum {
		if strings.EqualFold(e, s) {
			return nil
		}
	}
	return fmt.Errorf("%q is not one of %s", s, strings.Join(p.Enum, ", "))
}

func paramColumn(p catalog.Param) catalog.Column {
	return catalog.Column{Name: p.Name, Type: p.Type, Enum: p.Enum}
}
