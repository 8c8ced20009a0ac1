package sqlengine

import (
	"errors"
	"sort"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
)

// DatabaseName is the name of the one database the engine serves.
const DatabaseName = "reply"

// database is both the provider and the `reply` database: every catalog table, and the procedures.
type database struct {
	tables map[string]*Table // lower-case name -> table
	names  []string
	procs  sql.ExternalStoredProcedureRegistry
}

var (
	_ sql.DatabaseProvider                = (*database)(nil)
	_ sql.Database                        = (*database)(nil)
	_ sql.ExternalStoredProcedureProvider = (*database)(nil)
	_ sql.StoredProcedureDatabase         = (*database)(nil)
)

func (d *database) Name() string { return DatabaseName }

func (d *database) Database(_ *sql.Context, name string) (sql.Database, error) {
	if strings.EqualFold(name, DatabaseName) {
		return d, nil
	}
	return nil, sql.ErrDatabaseNotFound.New(name)
}

func (d *database) HasDatabase(_ *sql.Context, name string) bool {
	return strings.EqualFold(name, DatabaseName)
}

func (d *database) AllDatabases(*sql.Context) []sql.Database { return []sql.Database{d} }

func (d *database) GetTableInsensitive(_ *sql.Context, name string) (sql.Table, bool, error) {
	t, ok := d.tables[strings.ToLower(name)]
	if !ok {
		return nil, false, nil
	}
	return t, true, nil
}

func (d *database) GetTableNames(*sql.Context) ([]string, error) {
	out := append([]string(nil), d.names...)
	sort.Strings(out)
	return out, nil
}

func (d *database) ExternalStoredProcedure(_ *sql.Context, name string, n int) (*sql.ExternalStoredProcedureDetails, error) {
	return d.procs.LookupByNameAndParamCount(name, n)
}

func (d *database) ExternalStoredProcedures(_ *sql.Context, name string) ([]sql.ExternalStoredProcedureDetails, error) {
	return d.procs.LookupByName(name)
}

// ErrReadOnlySchema is returned for statements that would create or drop objects: the schema is the catalog.
var ErrReadOnlySchema = errors.New("the reply database's tables and procedures are fixed by the catalog")

// The database has no stored procedures of its own (the catalog's are external): these methods make an unknown
// CALL say so by name.
func (d *database) GetStoredProcedure(*sql.Context, string) (sql.StoredProcedureDetails, bool, error) {
	return sql.StoredProcedureDetails{}, false, nil
}

func (d *database) GetStoredProcedures(*sql.Context) ([]sql.StoredProcedureDetails, error) {
	return nil, nil
}

func (d *database) SaveStoredProcedure(*sql.Context, sql.StoredProcedureDetails) error {
	return ErrReadOnlySchema
}

func (d *database) DropStoredProcedure(*sql.Context, string) error { return ErrReadOnlySchema }
