// Package sqlengine runs SQL over the Reply API on go-mysql-server v0.20.0: one database, `reply`, whose
// tables are the catalog's tables and whose stored procedures are the catalog's procedures.
//
// # Reads
//
// A [Table] wraps a catalog table. WHERE conjuncts of the form `column op literal`, `column IN (literals)` and
// `column LIKE '%text%'` on a declared filter, on the key (GET by id) or on the parent key (the child endpoint)
// are pushed to the catalog's List as conditions, in the partition of the read; every conjunct is also
// re-checked by the engine. The projected columns are passed as Query.Columns, so detail-only columns cost a GET
// per row only when a statement names them. Rows are pulled lazily, so LIMIT stops paging; a bare LIMIT also
// sets Query.Limit. `SELECT COUNT(*) FROM T`, bare or with a WHERE of exact filters only, asks the catalog's
// Count. Row counts are reported in estimated
// API calls, which makes joins hash joins. Complete reads are cached for the statement and, with
// [WithCacheTTL], across statements.
//
// # Writes
//
// INSERT, UPDATE and DELETE batch their rows and send them when the statement ends, through the catalog's
// Insert, Update and Delete; rows are validated with [catalog.ValidateRow] first. An UPDATE whose SET is
// constant and whose WHERE is only key = / key IN literals, and such a DELETE, are blind: the rows are made
// from the keys, without a read. Rejected rows make a [*WriteError]; a verb the catalog does not support fails
// with [ErrUnsupported] before any call, and an UPDATE or DELETE without WHERE with [ErrNoWhere]. Notes about
// the writes (new ids) are left as session warnings and returned by [Rows.Notes].
//
// # Procedures and parameters
//
// Every catalog procedure is registered under its lower-case name, once per accepted argument count. Arguments
// arrive as text and are parsed into the parameter's type; arrays are JSON text: [Bind] turns `[1, 2, 3]`
// literals into strings and binds `:Name` references.
//
// # Serving
//
// [Engine.NewServer] serves the engine over the MySQL wire protocol with one user and password.
//
// # Known differences from go-mysql-server's defaults
//
// The LIKE prefix range rewrite of v0.20.0 (which loses non-ASCII rows) is disabled; tables expose no index,
// so there are no lookup joins; simple UPDATE and DELETE plans are adjusted just before they run, because
// go-mysql-server does not run the analyzer's custom rules on them.
package sqlengine
