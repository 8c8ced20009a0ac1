package sqlengine

import (
	"io"
	"strings"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"

	"github.com/replykit/replykit/catalog"
)

// go-mysql-server v0.20.0 fills information_schema.routines and .parameters (and so SHOW PROCEDURE STATUS) from
// the stored procedures of the databases only, and only for sessions holding routine privileges: the catalog's
// procedures, which are external, never show. The rule below swaps both tables for ones that list them.

// VersionComment is the server's @@version_comment (go-mysql-server's default is "Dolt").
const VersionComment = "replykit: SQL over the Reply API"

// showRoutines replaces information_schema.routines and information_schema.parameters with tables listing the
// engine's procedures, with the same columns.
func (e *Engine) showRoutines(ctx *sql.Context, a *analyzer.Analyzer, n sql.Node, sc *plan.Scope, sel analyzer.RuleSelector, qf *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	return transform.Node(n, func(n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		rt, ok := n.(*plan.ResolvedTable)
		if !ok || rt.Database() == nil || !strings.EqualFold(rt.Database().Name(), "information_schema") {
			return n, transform.SameTree, nil
		}
		if _, done := rt.Table.(*routinesTable); done {
			return n, transform.SameTree, nil
		}
		var rows func(*sql.Context) []sql.Row
		switch strings.ToLower(rt.Table.Name()) {
		case "routines":
			rows = e.routineRows
		case "parameters":
			rows = e.parameterRows
		case "key_column_usage":
			rows = e.keyColumnUsageRows
		case "statistics":
			rows = e.statisticsRows
		case "table_constraints":
			rows = e.tableConstraintRows
		default:
			return n, transform.SameTree, nil
		}
		nt, err := rt.WithTable(&routinesTable{Table: rt.Table, rows: rows})
		if err != nil {
			return nil, transform.SameTree, err
		}
		return nt.(sql.Node), transform.NewTree, nil
	})
}

// routinesTable serves rows in the schema of the information_schema table it replaces.
type routinesTable struct {
	sql.Table // the original: name, schema, collation
	rows      func(*sql.Context) []sql.Row
}

func (t *routinesTable) Partitions(*sql.Context) (sql.PartitionIter, error) {
	return sql.PartitionsToPartitionIter(partition{}), nil
}

func (t *routinesTable) PartitionRows(ctx *sql.Context, _ sql.Partition) (sql.RowIter, error) {
	s := t.Schema()
	var out []sql.Row
	for _, r := range t.rows(ctx) {
		row := make(sql.Row, len(s))
		for i, c := range s {
			if i >= len(r) || r[i] == nil {
				continue
			}
			v, _, err := c.Type.Convert(ctx, r[i])
			if err != nil {
				return nil, err
			}
			row[i] = v
		}
		out = append(out, row)
	}
	return &rowsIter{rows: out}, nil
}

type rowsIter struct{ rows []sql.Row }

func (it *rowsIter) Next(*sql.Context) (sql.Row, error) {
	if len(it.rows) == 0 {
		return nil, io.EOF
	}
	r := it.rows[0]
	it.rows = it.rows[1:]
	return r, nil
}

func (it *rowsIter) Close(*sql.Context) error { return nil }

// procSignature is `Name(Param TYPE, ...)`; optional parameters are marked, arrays are JSON arrays.
func procSignature(p *catalog.Procedure) string {
	parts := make([]string, len(p.Params))
	for i, prm := range p.Params {
		parts[i] = prm.Name + " " + paramType(prm)
		if !prm.Required {
			parts[i] += " /* optional */"
		}
	}
	return p.Name + "(" + strings.Join(parts, ", ") + ")"
}

func paramType(p catalog.Param) string {
	if p.Array {
		return "json"
	}
	typ, _, _ := strings.Cut(strings.ToLower(sqlType(p.Type).String()), " ") // no collation
	return typ
}

// epoch is the created/last_altered time of every procedure: they come with the binary.
var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func (e *Engine) routineRows(ctx *sql.Context) []sql.Row {
	charset, _ := ctx.GetSessionVariable(ctx, "character_set_client")
	coll, _ := ctx.GetSessionVariable(ctx, "collation_connection")
	mode, _ := ctx.GetSessionVariable(ctx, "sql_mode")
	out := make([]sql.Row, 0, len(e.procs))
	for _, p := range e.procs {
		out = append(out, sql.Row{
			p.Name, "def", DatabaseName, p.Name, "PROCEDURE", "",
			nil, nil, nil, nil, nil, nil, nil, nil,
			"SQL",                      // routine_body (varchar(3): SQL is the only value MySQL has)
			"CALL " + procSignature(p), // routine_definition
			nil,                        // external_name
			"GO",                       // external_language
			"SQL",                      // parameter_style
			"NO",                       // is_deterministic
			"MODIFIES SQL DATA",        // sql_data_access
			nil,                        // sql_path
			"INVOKER",                  // security_type
			epoch, epoch, mode,
			strings.Join(strings.Fields(p.Doc), " "), // routine_comment
			"replykit@localhost",                     // definer
			charset, coll, sql.Collation_Default.String(),
		})
	}
	return out
}

func (e *Engine) parameterRows(*sql.Context) []sql.Row {
	var out []sql.Row
	for _, p := range e.procs {
		for i, prm := range p.Params {
			typ := paramType(prm)
			base, _, _ := strings.Cut(typ, "(")
			out = append(out, sql.Row{
				"def", DatabaseName, p.Name, i + 1, "IN", prm.Name, base,
				nil, nil, nil, nil, nil, nil, nil, typ, "PROCEDURE",
			})
		}
	}
	return out
}
