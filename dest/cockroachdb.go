package dest

// CockroachDB is the dialect of CockroachDB: [Postgres] without the COPY-into-a-temporary-table bulk load
// (temporary tables are experimental there), so batches are multi-row INSERT ... ON CONFLICT statements, and
// without the replication lock (CockroachDB's advisory lock functions are no-ops): do not start two runs on one
// destination at once.
var CockroachDB = cockroach()

func cockroach() Dialect {
	d := Postgres
	d.Name = "cockroachdb"
	d.BulkLoad = nil
	d.BulkMin = 0
	d.TryLock, d.Unlock = nil, nil
	return d
}
