package sqlengine

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
)

// Primary keys. Every table's catalog key is its PRIMARY KEY: DESCRIBE shows the key columns NOT NULL and PRI.
// go-mysql-server v0.20.0 fills information_schema.key_column_usage, statistics and table_constraints from
// GetIndexes, which the tables leave empty on purpose (see GetIndexes: an index makes the planner choose a
// lookup join, one GET per outer row); showRoutines swaps those three tables for ones listing the keys.

// keyColumnUsageRows are the rows of information_schema.key_column_usage: one per key column.
func (e *Engine) keyColumnUsageRows(*sql.Context) []sql.Row {
	var out []sql.Row
	for _, t := range e.tables {
		for i, k := range t.Key {
			out = append(out, sql.Row{
				"def", DatabaseName, "PRIMARY", // constraint_catalog, constraint_schema, constraint_name
				"def", DatabaseName, t.Name, k, // table_catalog, table_schema, table_name, column_name
				i + 1,         // ordinal_position
				nil,           // position_in_unique_constraint
				nil, nil, nil, // referenced_table_schema, referenced_table_name, referenced_column_name
			})
		}
	}
	return out
}

// statisticsRows are the rows of information_schema.statistics: the PRIMARY index, one row per key column.
func (e *Engine) statisticsRows(*sql.Context) []sql.Row {
	var out []sql.Row
	for _, t := range e.tables {
		for i, k := range t.Key {
			out = append(out, sql.Row{
				"def", DatabaseName, t.Name, // table_catalog, table_schema, table_name
				0,                       // non_unique
				DatabaseName, "PRIMARY", // index_schema, index_name
				i + 1,         // seq_in_index
				k,             // column_name
				"A",           // collation
				nil, nil, nil, // cardinality, sub_part, packed
				"",                   // nullable: '' for NOT NULL
				"BTREE",              // index_type
				"", "API key", "YES", // comment, index_comment, is_visible
				nil, // expression
			})
		}
	}
	return out
}

// tableConstraintRows are the rows of information_schema.table_constraints: one PRIMARY KEY per table.
func (e *Engine) tableConstraintRows(*sql.Context) []sql.Row {
	var out []sql.Row
	for _, t := range e.tables {
		if len(t.Key) == 0 {
			continue
		}
		out = append(out, sql.Row{"def", DatabaseName, "PRIMARY", DatabaseName, t.Name, "PRIMARY KEY", "YES"})
	}
	return out
}

// nullableKeysOnInsert lets an INSERT leave the key columns out: the API assigns ids (Contacts.Id), and a
// composite key the API needs (SequenceContacts) is checked by catalog.ValidateRow with a message naming it.
// The key columns stay NOT NULL everywhere else (DESCRIBE, information_schema, the planner). It runs in the
// exec builder: go-mysql-server analyzes an INSERT ... VALUES with a fixed rule set, without custom rules.
func nullableKeysOnInsert(n sql.Node) (sql.Node, error) {
	n, _, err := transform.Node(n, func(n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		ins, ok := n.(*plan.InsertInto)
		if !ok {
			return n, transform.SameTree, nil
		}
		return insertNullableKeys(ins)
	})
	return n, err
}

func insertNullableKeys(ins *plan.InsertInto) (sql.Node, transform.TreeIdentity, error) {
	dest, ok := ins.Destination.(*plan.InsertDestination)
	if !ok {
		return ins, transform.SameTree, nil
	}
	changed := false
	sch := make(sql.Schema, len(dest.Sch))
	for i, c := range dest.Sch {
		sch[i] = c
		if !c.Nullable && c.PrimaryKey {
			cc := *c
			cc.Nullable = true
			sch[i] = &cc
			changed = true
		}
	}
	if !changed {
		return ins, transform.SameTree, nil
	}
	nd := *dest
	nd.Sch = sch
	out, err := ins.WithChildren(&nd)
	if err != nil {
		return nil, transform.SameTree, err
	}
	return out, transform.NewTree, nil
}
