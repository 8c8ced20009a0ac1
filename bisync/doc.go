// Package bisync keeps one destination table per object in sync both ways with Reply: Accounts, Contacts,
// Sequences and Webhooks.
//
// The first run of an object lists every row into its table (the same names and types as replicate) and stores,
// per row, a base hash of the synced values in the _replykit_sync table, in the same transaction. Later runs list
// the object again (a full listing compared by hash: the first version does not use the incremental cursors),
// read the table, and compare each side with the base:
//
//   - changed in Reply only: the row is rewritten in the table; deleted in Reply: removed from the table;
//   - changed in the table only: the writable columns that differ from Reply are sent through the catalog's
//     Update; a row without a base whose Id is NULL or unknown to Reply is created through Insert and its new Id
//     written back; a row deleted from the table (or with _deleted_at set) is deleted in Reply;
//   - changed on both sides (to different values): a conflict, resolved by the Policy and reported.
//
// Every API write ends in a RowResult. A failed write leaves the row and its base as they were, so the next run
// tries again. All destination writes of an object and their bases commit in one transaction, after its API
// writes. Before a create is sent, a pending marker with the row's natural key (Contacts' email, Accounts' and
// Sequences' name, Webhooks' event type and URL) commits in the _replykit_sync_pending table; a run that finds
// a marker looks the object up in its listing and adopts it, so a crash between a create and the commit of its
// Id does not create it twice.
package bisync
