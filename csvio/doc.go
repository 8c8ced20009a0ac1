// Package csvio exports catalog objects and query results to CSV and imports CSV into writable catalog objects.
//
// # Export
//
// A [Writer] turns rows into RFC 4180 CSV with a [Format] (delimiter, header, NULL text, time layout, BOM).
// [Export] streams one catalog table through a Writer in constant memory: it pushes the conditions the API can
// evaluate (see [ParseWhere]) and re-checks every condition locally. Query results from the SQL engine are written
// with [Writer.Write] directly.
//
// # Import
//
// An [Importer] reads CSV from an [io.ReadSeeker], maps headers to columns (case-insensitively, or with explicit
// mappings), adds constants, resolves natural keys and lookups with one listing per table per run, validates
// every row with the catalog (types, enums, required columns, nested Steps), and writes batches through the
// table's Insert, Update or Delete funcs, which use the API's bulk endpoints where they exist.
//
// Every data row of the input ends in exactly one of two outputs: the ok output (the input row plus the Id it got
// or touched) or the errors output (the input row plus the reason). A journal records each finished row so that a
// resumed run skips what is done and retries only rows that failed transiently (rate limit, server or network
// errors). [Importer.Run] returns a [Summary] and, when any row failed, a *[catalog.PartialError].
package csvio
