// Package reply is a typed client for the Reply.io REST API v3.
//
// # Client
//
// [NewClient] takes the API key and [Option] values ([WithBaseURL], [WithRateLimits], [WithPacer], [WithClock],
// [WithLogger], [WithMaxRetries], [WithUserID], ...). Each API resource is a service field of [Client]:
// c.Contacts, c.Accounts, c.Sequences, c.SequenceSteps, c.DomainBlacklistRules, ... Methods take a context
// first, then required values, then an optional *Options (nil allowed):
//
//	c, err := reply.NewClient(key, reply.WithBaseURL(url))
//	contact, err := c.Contacts.Get(ctx, 42)
//
// # Lists
//
// ListPage returns one [Page] ({items, hasMore}, and totalCount where the API sends it). List wraps it as a
// lazy iter.Seq2 that fetches one page at a time with the endpoint's maximum page size, fewer when Limit is
// smaller, so memory stays O(page) and a Limit of 10 costs one call of top=10. Endpoints that answer a bare
// array (custom fields, schedules, steps, ...) have All, and a List capped at a limit. [Collect] drains an
// iterator.
//
// # Pacing and retries
//
// Every request first waits on the client's [Pacer]: at most 100 requests in any 60 s and 3000 in any hour by
// default (two sliding-window logs with a 250 ms margin, which also keeps under the API's fixed windows). Share
// one Pacer between the clients of one Reply user ([WithPacer]). A 429 holds the pacer for its Retry-After
// (delay-seconds or an HTTP date; without one, a backoff of at least a second that doubles up to 30 s) and is
// retried for every method (a 429 was not processed); a 429 with a business code (a daily LinkedIn quota) is a
// quota, not the rate limit, and is returned at once; 5xx answers and dropped or truncated responses are
// retried with capped, jittered exponential backoff for idempotent requests only (GET, PUT, DELETE and
// read-only POSTs such as the filters, and the POSTs the API documents as idempotent: sequence start and pause,
// account links, webhook enable/disable, job cancel); a refused connection is retried for any request. Every
// wait honours the context and runs on the [Clock], so tests with a fake clock never sleep. [Client.Stats]
// counts requests per endpoint template ("GET /v3/contacts/{id}"), retries, 429s and the time waited.
//
// # Errors
//
// Every non-2xx response is an [*Error] decoded from application/problem+json (status, title, detail, code,
// errors[] with pointers); it unwraps to a sentinel ([ErrUnauthorized], [ErrForbidden], [ErrNotFound],
// [ErrConflict], [ErrRateLimited], [ErrValidation], [ErrBadRequest], [ErrServer]). A 401 body is never read.
// Unknown members ("extensions", "traceId") are ignored, pointers are kept as sent ("/top" or "top"), and the
// ASP.NET form of errors (an object of field name to messages) is accepted too. A 202 Accepted (background job)
// where a call expects its result is an [*AcceptedError] ([ErrAccepted]) naming the job.
// Bulk calls return their per-item failures ([BulkResult], [CreateResult], [EnrolResult], [RemoveResult],
// [ImportResult]) and chunk their input to the API's per-call maximum. The API key never appears in an error,
// a log line or a formatted Client.
//
// # Decoding
//
// [Time] accepts every timestamp form of the API (offset, "Z", no offset, fractions, date only, null) and is
// always UTC. [ID] accepts a number or a string. Enum fields are plain strings kept as received; compare them
// with [EqualFold]. Unknown JSON members are ignored, except in nested values that are stored as JSON (steps,
// settings, timings, holidays, payload config), which keep them so that they round-trip. Write bodies never
// carry read-only fields; PATCH bodies use pointers (nil: unchanged).
//
// # Webhooks
//
// [ParseWebhookEvent] decodes a delivery POSTed to a subscription URL.
package reply
