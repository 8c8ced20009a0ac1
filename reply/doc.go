// Package reply is a typed client for the Reply.io REST API v3.
//
// # Client
//
// [NewClient] takes the API key and [Option] values ([WithBaseURL], [WithRateLimits], [WithPacer], [WithClock],
// [WithLogger], ...). Each API resource is a service field of [Client]: c.Contacts, c.Accounts, c.Sequences, ...
// Methods take a context first, then required values, then an optional *Options (nil allowed):
//
//	c, err := reply.NewClient(key, reply.WithBaseURL(url))
//	contact, err := c.Contacts.Get(ctx, 42)
//
// # Lists
//
// ListPage returns one [Page] ({items, hasMore}, optional totalCount). List wraps it as a lazy iter.Seq2 that
// fetches one page at a time, with the endpoint's maximum page size, fewer when Limit is smaller.
//
// # Pacing and retries
//
// Every request first waits on the client's [Pacer] (100 requests per minute and 3000 per hour by default, two
// sliding-window logs). A 429 blocks the pacer for its Retry-After and is retried for every method; 5xx answers
// and connection failures are retried with capped, jittered exponential backoff for idempotent requests only
// (GET, PUT, DELETE and read-only POSTs such as filters). [Client.Stats] counts requests per endpoint template.
//
// # Errors
//
// Every non-2xx response is an [*Error] decoded from application/problem+json; it unwraps to a sentinel
// ([ErrNotFound], [ErrValidation], [ErrRateLimited], ...). Bulk calls return their per-item failures
// ([BulkResult], [CreateResult]). The API key never appears in an error, a log line or a formatted Client.
//
// # Decoding
//
// [Time] accepts every timestamp form of the API. Enum fields are plain strings, kept as received; compare them
// with [EqualFold]. Unknown JSON members are ignored; free-form nested values are json.RawMessage.
package reply
