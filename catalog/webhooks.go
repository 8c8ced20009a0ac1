package catalog

import (
	"context"
	"iter"

	"github.com/replykit/replykit/reply"
)

// webhooks is Reply's webhook subscriptions, REFERENCE.md §4.1.
func webhooks() *Table {
	t := &Table{
		Name: "Webhooks",
		Doc:  "Webhook subscriptions (one event type to one URL). GET /v3/webhooks.",
		Key:  []string{"Id"},
		Columns: []Column{
			{Name: "Id", Field: "id", Type: Int, ReadOnly: true},
			{Name: "EventType", Field: "eventType", Type: Text, Required: true, Doc: "One of GET /v3/webhooks/events, e.g. email_replied."},
			{Name: "Url", Field: "url", Type: Text, Required: true, Doc: "Absolute http(s) URL."},
			{Name: "Scope", Field: "scope", Type: Text, Nullable: true, Enum: []string{"personal", "team", "organization"}, Doc: "Default personal."},
			{Name: "Enabled", Field: "enabled", Type: Bool, Nullable: true, Doc: "Default true; an UPDATE that changes it calls /enable or /disable."},
			{Name: "CreatedAt", Field: "createdAt", Type: Time, ReadOnly: true},
			{Name: "PayloadConfig", Field: "payloadConfig", Type: JSON, Nullable: true, Doc: "{includeEmailUrl, includeEmailText, includeProspectCustomFields}; reset to all false by an UPDATE without it."},
		},
		Filters: []Filter{
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/webhooks/{id}, one call per id"},
		},
		Changes: Changes{Strategy: Full, Doc: "full scan with row hashes (small)"},
		MaxPage: 1000,
	}
	t.List = func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		if ids, ok := condInts(q, "Id"); ok {
			return byIDs(t, ids, func(id int64) (Row, error) { v, err := c.Webhooks.Get(ctx, id); return getRow(t, v, err) })
		}
		return rowsOf(t, c.Webhooks.List(ctx, &reply.WebhookListOptions{Limit: q.Limit}), nil)
	}
	t.Insert = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return createRows(ctx, t, rows, c.Webhooks.Create)
	}
	t.Update = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return eachRow(ctx, rows, func(r Row) (Row, error) { return updateWebhook(ctx, c, t, r) })
	}
	t.Delete = func(ctx context.Context, c *reply.Client, keys []Row) []WriteResult {
		return deleteRows(ctx, keys, c.Webhooks.Delete)
	}
	return t
}

// updateWebhook PUTs eventType, url, scope and payloadConfig (read-merge-write) and changes Enabled through
// /enable or /disable.
func updateWebhook(ctx context.Context, c *reply.Client, t *Table, r Row) (Row, error) {
	id, err := intValue(r, "Id")
	if err != nil {
		return nil, err
	}
	cur, err := c.Webhooks.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	changes := withoutKey(t, r)
	enabled, setEnabled := lookup(changes, "Enabled")
	delete(changes, "Enabled")
	if len(changes) > 0 {
		body, err := putBody(t, cur, changes)
		if err != nil {
			return nil, err
		}
		delete(body, "enabled")
		var u reply.WebhookUpdate
		if err := convert(body, &u); err != nil {
			return nil, err
		}
		if cur, err = c.Webhooks.Update(ctx, id, u); err != nil {
			return nil, err
		}
	}
	if on, ok := enabled.(bool); setEnabled && ok && on != cur.Enabled {
		if on {
			err = c.Webhooks.Enable(ctx, id)
		} else {
			err = c.Webhooks.Disable(ctx, id)
		}
		if err != nil {
			return nil, err
		}
		cur.Enabled = on
	}
	return rowFrom(t, cur)
}
