package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"strings"

	"github.com/replykit/replykit/reply"
)

// emailAccounts is Reply's sending mailboxes, REFERENCE.md §2.6.
func emailAccounts() *Table {
	t := &Table{
		Name: "EmailAccounts",
		Doc: "Sending email accounts. GET /v3/email-accounts; pushed filters use POST /v3/email-accounts/filter; the " +
			"detail-only columns cost GET /v3/email-accounts/{id} per row. INSERT creates custom SMTP/IMAP accounts only.",
		Key: []string{"Id"},
		Columns: []Column{
			{Name: "Id", Field: "id", Type: Int, ReadOnly: true},
			{Name: "OwnerUserId", Field: "ownerUserId", Type: Int, ReadOnly: true},
			{Name: "Email", Field: "email", Type: Text, Doc: "connection.email on write."},
			{Name: "SenderName", Field: "senderName", Type: Text, Nullable: true, Doc: "connection.senderName on write."},
			{Name: "EmailAccountType", Field: "emailAccountType", Type: Text, ReadOnly: true, Doc: "custom, gmail, outlook, exchange, exchangeOnPremise."},
			{Name: "IsDefault", Field: "isDefault", Type: Bool, ReadOnly: true},
			{Name: "DailyLimit", Field: "dailyLimit", Type: Int, Nullable: true, Doc: "safety.dailyLimit on write."},
			{Name: "ConnectionStatus", Field: "connectionStatus", Type: Text, ReadOnly: true, Doc: "unknown, connected, disconnected."},
			{Name: "Tags", Field: "tags", Type: JSON, Nullable: true, Doc: "[string]; replaced on write."},
			{Name: "IsInUse", Field: "isInUse", Type: Bool, ReadOnly: true, DetailOnly: true, Nullable: true},
			{Name: "SendingConnectivityError", Field: "sendingConnectivityError", Type: Text, ReadOnly: true, DetailOnly: true, Nullable: true},
			{Name: "ReceivingConnectivityError", Field: "receivingConnectivityError", Type: Text, ReadOnly: true, DetailOnly: true, Nullable: true},
			{Name: "SendingLockedByProvider", Field: "sendingLockedByProvider", Type: Bool, ReadOnly: true, DetailOnly: true, Nullable: true},
			{Name: "UpdatedAt", Field: "updatedAt", Type: Time, ReadOnly: true, DetailOnly: true, Nullable: true},
			{Name: "Connection", Field: "connection", Type: JSON, DetailOnly: true, Nullable: true,
				Doc: "{email, senderName, smtpHost, smtpPort, smtpSsl, imapHost, imapPort, imapSsl}; write also takes smtpPassword, imapPassword. INSERT needs email (or the Email column), smtpHost, smtpPort, smtpPassword, imapHost, imapPort, imapPassword."},
			{Name: "Safety", Field: "safety", Type: JSON, DetailOnly: true, Nullable: true},
			{Name: "Signature", Field: "signature", Type: JSON, DetailOnly: true, Nullable: true},
			{Name: "OptOut", Field: "optOut", Type: JSON, DetailOnly: true, Nullable: true},
			{Name: "RampUp", Field: "rampUp", Type: JSON, DetailOnly: true, Nullable: true},
		},
		Filters: []Filter{
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/email-accounts/{id}, one call per id"},
			{Column: "Email", Ops: []Op{Eq}, Doc: "filter email (exact, case-insensitive)"},
			{Column: "ConnectionStatus", Ops: []Op{Eq}, Exact: true, Doc: "filter status"},
			{Column: "EmailAccountType", Ops: []Op{Eq}, Doc: "filter emailAccountType"},
			{Column: "OwnerUserId", Ops: []Op{Eq, In}, Exact: true, Doc: "filter ownerUserIds"},
		},
		Changes: Changes{Strategy: Full, Doc: "full scan with row hashes (updatedAt is detail-only)"},
		MaxPage: 1000,
	}
	get := func(ctx context.Context, c *reply.Client, id int64) (Row, error) {
		v, err := c.EmailAccounts.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		return emailAccountRow(t, v)
	}
	t.List = func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		if ids, ok := condInts(q, "Id"); ok {
			return byIDs(t, ids, func(id int64) (Row, error) { return get(ctx, c, id) })
		}
		f := &reply.EmailAccountFilter{Limit: q.Limit}
		filtered := false
		if v, ok := condValue(t, q, "Email", Eq); ok {
			f.Email, filtered = v.(string), true
		}
		if v, ok := condValue(t, q, "ConnectionStatus", Eq); ok {
			f.Status, filtered = v.(string), true
		}
		if v, ok := condValue(t, q, "EmailAccountType", Eq); ok {
			s := v.(string)
			f.EmailAccountType, filtered = strings.ToUpper(s[:1])+s[1:], true
		}
		if ids, ok := condInts(q, "OwnerUserId"); ok {
			f.OwnerUserIDs, filtered = ids, true
		}
		var seq iter.Seq2[reply.EmailAccount, error]
		if filtered {
			seq = c.EmailAccounts.Filter(ctx, f)
		} else {
			seq = c.EmailAccounts.List(ctx, &reply.EmailAccountListOptions{Limit: q.Limit})
		}
		rows := rowsOf(t, seq, nil)
		if wantsDetail(t, q) {
			rows = withDetail(rows, func(r Row) (Row, error) { return get(ctx, c, r["Id"].(int64)) })
		}
		return rows
	}
	t.Insert = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return eachRow(ctx, rows, func(r Row) (Row, error) {
			w, err := emailAccountWrite(t, r)
			if err != nil {
				return nil, err
			}
			v, err := c.EmailAccounts.Create(ctx, w)
			if err != nil {
				return nil, err
			}
			return emailAccountRow(t, v)
		})
	}
	t.Update = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return eachRow(ctx, rows, func(r Row) (Row, error) {
			id, err := intValue(r, "Id")
			if err != nil {
				return nil, err
			}
			w, err := emailAccountWrite(t, withoutKey(t, r))
			if err != nil {
				return nil, err
			}
			v, err := c.EmailAccounts.Update(ctx, id, w)
			if err != nil {
				return nil, err
			}
			return emailAccountRow(t, v)
		})
	}
	t.Delete = func(ctx context.Context, c *reply.Client, keys []Row) []WriteResult {
		return deleteRows(ctx, keys, c.EmailAccounts.Delete)
	}
	return t
}

// emailAccountRow converts a list item or a detail: the detail carries Email, SenderName and DailyLimit inside
// connection and safety.
func emailAccountRow(t *Table, v reply.EmailAccount) (Row, error) {
	r, err := rowFrom(t, v)
	if err != nil {
		return nil, err
	}
	if v.Connection != nil {
		if r["Email"] == nil || r["Email"] == "" {
			r["Email"] = v.Connection.Email
		}
		if r["SenderName"] == nil && v.Connection.SenderName != "" {
			r["SenderName"] = v.Connection.SenderName
		}
	}
	if v.Safety != nil && (r["DailyLimit"] == nil || r["DailyLimit"] == int64(0)) {
		r["DailyLimit"] = int64(v.Safety.DailyLimit)
	}
	return r, nil
}

// emailAccountWrite builds a create or PATCH body: the JSON sections as given, with the Email and SenderName
// columns folded into connection and DailyLimit into safety. A PATCH sends only the sections the row touches.
func emailAccountWrite(t *Table, r Row) (reply.EmailAccountWrite, error) {
	b := bodyFrom(t, r)
	section := func(name string) (map[string]any, error) {
		m := map[string]any{}
		if raw, ok := b[name].(json.RawMessage); ok {
			if err := json.Unmarshal(raw, &m); err != nil {
				return nil, fmt.Errorf("%s: %w: want a JSON object: %v", name, ErrInvalidValue, err)
			}
		}
		return m, nil
	}
	conn, err := section("connection")
	if err != nil {
		return reply.EmailAccountWrite{}, err
	}
	if v, ok := b["email"]; ok {
		conn["email"] = v
	}
	if v, ok := b["senderName"]; ok {
		conn["senderName"] = v
	}
	if len(conn) > 0 {
		b["connection"] = conn
	}
	safety, err := section("safety")
	if err != nil {
		return reply.EmailAccountWrite{}, err
	}
	if v, ok := b["dailyLimit"]; ok {
		safety["dailyLimit"] = v
	}
	if len(safety) > 0 {
		b["safety"] = safety
	}
	delete(b, "email")
	delete(b, "senderName")
	delete(b, "dailyLimit")
	var w reply.EmailAccountWrite
	err = convert(b, &w)
	return w, err
}
