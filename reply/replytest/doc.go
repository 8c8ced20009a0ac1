// Package replytest is an emulator of the Reply.io REST API v3, built to the contract in
// shared/reply-api/REFERENCE.md. Every test and demo of replykit runs against it; nobody calls the live API.
//
// # Use
//
// In-process, over httptest:
//
//	srv := replytest.NewServer(replytest.WithSeed(replytest.SmallAccount))
//	defer srv.Close()
//	c, _ := reply.NewClient(srv.Key, reply.WithBaseURL(srv.URL), reply.WithClock(srv.Clock()))
//
// Standalone, [NewEmulator] returns an [http.Handler] (real clock, 100/minute and 3,000/hour limits) that
// `replykit emulator` serves; its controls are also served over HTTP under /_emulator/ (REFERENCE.md §6).
//
// # Behaviour
//
// Data lives in memory and is generated deterministically from [Seed] (ids from 1001 per object type, seeded
// UUIDs, non-ASCII names, nulls, custom fields, schedules with timings, holidays, sequences of every step type
// with enrolments). Paging, validation pointers, business error codes, PUT-clears and PATCH semantics, bulk
// non-atomic results (B1/B2/B3/B4/B5), rate limits (per key, fixed UTC windows, 429 + Retry-After) and the
// 401 contract follow REFERENCE.md, including its **Assumed:** decisions.
//
// The clock is frozen for [NewServer] ([DefaultStart]) and moves only by [Emulator.SetNow],
// [Emulator.Advance] and the Sleep of [Emulator.Clock], so tests never sleep. [Emulator.Fail] and
// [Emulator.SetChaos] inject 429s, 5xx, slow answers, dropped connections and truncated bodies per operation
// ([Emulator.Routes] lists the operation names); [Emulator.SetQuirks] reproduces the live API's null contact
// timestamps and ignored time rules; [Emulator.Requests] is the request log. Webhook subscriptions receive
// events (§4) from a background worker, only at 127.0.0.1/localhost URLs; [Emulator.WaitWebhooks] waits
// for them.
//
// # Differences from REFERENCE.md
//
// Where the contract is silent the emulator makes a choice, listed here (and in docs/emulator.md):
//
//   - Scopes are checked only for keys given a list with [WithScopes]; the scope an operation needs is
//     derived from its resource and method (GET read; actions operate; other writes write), not from the
//     OpenAPI document's x-required-scope. X-User-Id, X-User-Email and X-TEAM-ID are ignored.
//   - POST /v3/contacts/import reports an item without firstName as a failed item ("Invalid data") rather
//     than rejecting the request; without overwriteExisting an existing contact only has its empty fields
//     filled; dedupe is by email, else by linkedInUrl when options.keys.linkedInUrl is set.
//   - PATCH /v3/contacts/{id} customFields merges by field (a null value removes that field's value);
//     customFields: null removes them all.
//   - Account lists are not emulated: a contact-account filter with listId matches nothing.
//   - A schedule's isDefault is one flag for the whole team, not per user.
//   - Every team member may create team-scoped webhooks (teams are not private).
//   - POST /v3/email-validations/schedule takes {contactIds, emails, listId} (any of them); the job result is
//     a made-up summary.
//   - A dropped connection (Fault.Drop, Chaos.RateDrop) happens before the request is processed; a
//     truncated body (Fault.Truncate, Chaos.RateTruncate) after.
//   - POST /_emulator/seed loads the contacts side, then the sequences side (sequenceFolders, sequences,
//     sequenceContacts, sequenceTemplates, global templates included); a sequences-side object that cannot be
//     loaded is a 400 naming it, and the objects before it stay loaded.
//   - In a POST /v3/sequences body a step's parentId names the id given to an earlier step of the same body
//     (so a detail's steps can be sent back as they are); one naming no such step is a validation 400 at
//     /steps/<i>/parentId.
//   - A default team template folder is seeded besides the default personal one.
package replytest
