// Package dest writes catalog rows into destination databases: SQLite, PostgreSQL and MySQL/MariaDB (and the
// wire-compatible distributed databases CockroachDB, YugabyteDB and TiDB).
//
// # Dialects
//
// What differs between engines is data: a [Dialect] value per engine ([SQLite], [Postgres], [MySQL]) holds the
// identifier quoting, placeholders, column types, the upsert template and an optional bulk-load hook (COPY on
// PostgreSQL). Nothing outside the dialect files switches on [Dialect.Name].
//
// # Tables
//
// [TableFor] derives a destination [Table] from a catalog table: snake_case names by default
// (Contacts.FirstName becomes contacts.first_name), or the catalog names with [Preserve]; an optional prefix;
// the catalog key as primary key; and two system columns, _row_hash (a hash of the replicated values, used to
// skip unchanged rows) and _deleted_at (set by soft deletes, cleared when the row comes back). [ChildFor]
// derives the child table of a nested JSON array column (sequences__steps), keyed by the parent key and the
// item position.
//
// # Writing
//
// A [Writer] creates tables and adds missing columns ([Writer.Ensure]; nothing is ever dropped), upserts
// batches ([Writer.Upsert]; [Writer.Insert] for keys known to be new, copied straight into the table on
// PostgreSQL), deletes softly or hard ([Writer.Delete]) and keeps replykit's per-object state in
// the _replykit_state table ([Writer.SaveState]), inside the caller's transaction ([Tx]), so a batch and the
// state that describes it commit together. [Writer.Lock] takes a per-destination lock tied to a database session
// (an advisory lock on PostgreSQL, GET_LOCK on MySQL, a write transaction on a side file on SQLite), so that two
// replication runs never write one destination at once.
package dest
