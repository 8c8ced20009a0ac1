// Package replicate copies Reply objects into a destination database, incrementally and resumably.
//
// # Strategies
//
// How a table finds its changes is catalog data ([catalog.Changes]); replicate only interprets it:
//
//   - The first run of a table, a run with [WithFull], and every run of a [catalog.Full] table list every row
//     and write the rows whose hash (the _row_hash column) changed.
//   - [catalog.ServerFilter] and [catalog.SortAndStop] tables with a stored cursor list rows with
//     Cursor > (cursor - lookback): the table's List applies that condition server-side (or stops early).
//     When the API ignores the condition (a returned row has a null cursor, or one at or before it: the
//     live-API quirks of Contacts), the run says so and degrades to a full scan.
//   - Deletes are found by id-set difference after a complete listing and are soft (a _deleted_at timestamp,
//     the default), hard, or off. An incremental run of a table with a Count (Contacts) compares counts first
//     and lists ids only when they differ; a table without one lists every row (which also catches updates
//     the cursor misses).
//
// Detail-only columns (Sequences' Steps, Settings, ..., Accounts' EmailProvider, Tasks' Content) cost one GET per
// row, so by default they are created and left NULL; [NestedTables] fetches the detail of tables whose detail-only
// arrays it unwinds into child tables, and [WithDetail] fetches them all. When fetched, replicate lists the cheap
// columns, hashes them, and fetches the detail only for new or changed rows (every row on a [WithFull] run, and
// every row written by runs that did not fetch it: each row's hash says whether its detail is current). A run that
// does not fetch detail never writes those columns, so values fetched earlier stay.
//
// # One run at a time
//
// Run takes the destination's lock ([dest.Writer.Lock]: an advisory lock of a database session) before anything
// else and fails with an error wrapping [dest.ErrLocked] when another run holds it.
//
// # Nested data
//
// JSON array columns that declare their items (Sequences.Steps, Schedules.MainTimings, Contacts.CustomFields)
// are kept as JSON columns ([NestedJSON], the default) or unwound into child tables ([NestedTables]) named
// parent__column (sequences__steps), keyed by the parent key and the item position, and replaced in the same
// transaction whenever the parent row is written.
//
// # Resuming
//
// Rows are written in batches; each batch's transaction also updates the table's row in _replykit_state, and
// the new cursor and the deletes are committed only by the last transaction of a table. A run killed at any
// point therefore leaves the destination consistent, and the next run repeats at most the unfinished table's
// listing: upserts are idempotent and unchanged rows are skipped by hash.
package replicate
