// Package catalog describes every Reply object and procedure once, as data, and reads and writes them through
// package reply.
//
// # Tables
//
// [All] lists the 23 tables in a fixed order and [Lookup] finds one by name (case-insensitively). A [Table]
// declares its columns (PascalCase names of the API fields, with their [Type] and flags), its key, the filters
// the API can apply ([Filter], with the operators it supports and whether its answer is exact), its parent for
// child objects ([Parent]), how to replicate it incrementally ([Changes]) and the funcs that list, count, insert,
// update and delete rows. A nil func is an operation the API does not offer.
//
// # Reading
//
// [Table.List] takes a [Query]: the conditions to push, the columns needed and a row limit. Id = and Id IN become
// one GET per id; a parent key becomes the child endpoint (without it every parent is walked); declared filters
// become API parameters or filter bodies; the limit shrinks the last page requested. Conditions whose filter is
// not Exact must be re-checked by the caller; Exact ones are applied here even on paths that cannot push them.
// Detail-only columns ([Column.DetailOnly]) cost one GET per row and are read only when [Query.Wants] them, which
// is also the case when Query.Columns is nil (all columns): name the columns to avoid those calls.
//
// Contacts' incremental read (LastModifiedAt > cursor) uses the filter endpoint and falls back to a full scan when
// the API ignores time rules (REFERENCE.md §2.3); Contacts count with one call through the filter's totalCount.
//
// # Values
//
// Row values have the Go type of their column's [Type] (int64, float64, string, bool, time.Time in UTC, "YYYY-MM-DD"
// strings, json.RawMessage); nil is NULL. [Column.Parse] converts text (CSV cells, parameters) and [Column.Coerce]
// any Go value (from SQL) to that type. [ValidateRow] checks a row before a write: types, required columns,
// enums (case-insensitive), read-only and insert-only columns, nested arrays, and sequence steps per step type.
// [WritableRow] keeps the columns a write accepts from a whole row.
//
// # Writing
//
// Insert, Update and Delete take rows and return one [WriteResult] per row, in order: rows fail one by one, never
// the batch. Bulk endpoints are used where the API has them (accounts, blacklist rules, steps and variants for
// INSERT; contacts, accounts, blacklist rules, sequences, steps, variants and tasks for DELETE); a bulk create
// answers with ids only, so its row is the row written plus its Id. Updates of PUT resources read the current
// object and send it back with the changes.
//
// # Procedures
//
// [Procedures] lists the API actions exposed as CALL targets and [LookupProcedure] finds one. Bulk procedures
// return one (Id, Error) row per input id, Error NULL when the id was processed, so no failure is swallowed.
package catalog
