package reply

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
)

// This file holds the generic request shapes the resource files share.

// getJSON sends GET tmpl and decodes the response into a T.
func getJSON[T any](ctx context.Context, c *Client, tmpl string, q url.Values, args ...string) (T, error) {
	var out T
	_, err := c.do(ctx, call{method: http.MethodGet, tmpl: tmpl, args: args, query: q}, &out)
	return out, err
}

// sendJSON sends method tmpl with body and decodes the response into a T.
func sendJSON[T any](ctx context.Context, c *Client, method, tmpl string, body any, args ...string) (T, error) {
	var out T
	_, err := c.do(ctx, call{method: method, tmpl: tmpl, args: args, body: body}, &out)
	return out, err
}

// sendNoContent sends method tmpl with body (nil: none) and ignores any response body.
func sendNoContent(ctx context.Context, c *Client, method, tmpl string, body any, args ...string) error {
	_, err := c.do(ctx, call{method: method, tmpl: tmpl, args: args, body: body}, nil)
	return err
}

// postIdempotent sends a POST that the API documents as idempotent (REFERENCE.md §1.14: sequence start and pause,
// account links, webhook enable/disable, job cancel): sending it twice has the effect of sending it once, so it
// is retried after a 5xx or a lost response like a GET. out may be nil.
func postIdempotent(ctx context.Context, c *Client, tmpl string, body, out any, args ...string) error {
	_, err := c.do(ctx, call{method: http.MethodPost, tmpl: tmpl, args: args, body: body, readOnly: true}, out)
	return err
}

// getPage fetches one P1/P2 page with GET.
func getPage[T any](ctx context.Context, c *Client, tmpl string, q url.Values, p Paging, args ...string) (Page[T], error) {
	var w pageWire[T]
	_, err := c.do(ctx, call{method: http.MethodGet, tmpl: tmpl, args: args, query: p.query(q)}, &w)
	return w.page(p), err
}

// postPage fetches one page of a read-only POST (filter endpoints): paging in the query, criteria in the body.
func postPage[T any](ctx context.Context, c *Client, tmpl string, body any, p Paging, args ...string) (Page[T], error) {
	var w pageWire[T]
	_, err := c.do(ctx, call{method: http.MethodPost, tmpl: tmpl, args: args, query: p.query(nil), body: body, readOnly: true}, &w)
	return w.page(p), err
}

// pageWire is the P1/P2 envelope as received: hasMore may be missing.
type pageWire[T any] struct {
	Items      []T   `json:"items"`
	HasMore    *bool `json:"hasMore"`
	TotalCount *int  `json:"totalCount"`
}

// page converts the envelope of a request made with p. Without hasMore, more follow when totalCount says so or,
// without a total either, when the page came back full (one extra request at worst, never a silent stop).
func (w pageWire[T]) page(p Paging) Page[T] {
	out := Page[T]{Items: w.Items, TotalCount: w.TotalCount}
	switch {
	case w.HasMore != nil:
		out.HasMore = *w.HasMore
	case w.TotalCount != nil:
		out.HasMore = max(p.Skip, 0)+len(w.Items) < *w.TotalCount
	default:
		out.HasMore = p.Top > 0 && len(w.Items) >= p.Top
	}
	return out
}

// getArray fetches a P3 bare array.
func getArray[T any](ctx context.Context, c *Client, tmpl string, q url.Values, args ...string) ([]T, error) {
	var out []T
	_, err := c.do(ctx, call{method: http.MethodGet, tmpl: tmpl, args: args, query: q}, &out)
	return out, err
}

// idsBody is the {ids: [...]} body of bulk calls.
type idsBody struct {
	IDs []int64 `json:"ids"`
}

// bulkIDs runs a B1 bulk call over ids in chunks of at most size, merging the failures. It returns the merged
// result so far together with the error of the first chunk that failed as a whole.
func bulkIDs(ids []int64, size int, send func(chunk []int64) (BulkResult, error)) (BulkResult, error) {
	out := BulkResult{}
	for len(ids) > 0 {
		n := min(size, len(ids))
		r, err := send(ids[:n])
		for k, v := range r {
			out[k] = v
		}
		if err != nil {
			return out, err
		}
		ids = ids[n:]
	}
	return out, nil
}

// chunked runs a B2 bulk create over items in chunks of at most size, concatenating the results in input order.
func chunked[T any](items []T, size int, send func(chunk []T) ([]CreateResult, error)) ([]CreateResult, error) {
	out := make([]CreateResult, 0, len(items))
	for len(items) > 0 {
		n := min(size, len(items))
		r, err := send(items[:n])
		out = append(out, r...)
		if err != nil {
			return out, err
		}
		items = items[n:]
	}
	return out, nil
}

// setInt sets key to n in q when n is non-zero.
func setInt(q url.Values, key string, n int64) {
	if n != 0 {
		q.Set(key, strconv.FormatInt(n, 10))
	}
}

// setStr sets key to s in q when s is non-empty.
func setStr(q url.Values, key, s string) {
	if s != "" {
		q.Set(key, s)
	}
}

// setBool sets key when b is non-nil.
func setBool(q url.Values, key string, b *bool) {
	if b != nil {
		q.Set(key, strconv.FormatBool(*b))
	}
}

// splitExtra returns the members of the JSON object data whose names are not in known: the unknown members a
// typed struct keeps so that it round-trips. nil when there are none.
func splitExtra(data []byte, known ...string) (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	for _, k := range known {
		delete(m, k)
	}
	if len(m) == 0 {
		return nil, nil
	}
	return m, nil
}

// mergeExtra adds the members of extra that data (a JSON object) lacks.
func mergeExtra(data []byte, extra map[string]json.RawMessage) ([]byte, error) {
	if len(extra) == 0 {
		return data, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	for k, v := range extra {
		if _, ok := m[k]; !ok {
			m[k] = v
		}
	}
	return json.Marshal(m)
}

// countBody is the {"count": n} answer of the count endpoints.
type countBody struct {
	Count int `json:"count"`
}
