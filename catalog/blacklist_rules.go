package catalog

import (
	"context"
	"iter"

	"github.com/replykit/replykit/reply"
)

// blacklistRules builds one of the three blacklist rule tables, which share their shape, REFERENCE.md §2.5.
func blacklistRules(name, doc string, svc func(*reply.Client) *reply.BlacklistRulesService) *Table {
	t := &Table{
		Name: name,
		Doc:  doc,
		Key:  []string{"Id"},
		Columns: []Column{
			{Name: "Id", Field: "id", Type: Int, ReadOnly: true},
			{Name: "Pattern", Field: "pattern", Type: Text, Required: true, Doc: "Stored lower-cased; unique."},
			{Name: "IsGlobal", Field: "isGlobal", Type: Bool, ReadOnly: true, Doc: "A Reply platform rule (read-only)."},
		},
		Filters: []Filter{
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET {base}/{id}, one call per id"},
			{Column: "Pattern", Ops: []Op{Contains, Eq}, Doc: "GET {base}?search= (case-insensitive substring); = is searched as a substring and re-checked"},
		},
		Changes:         Changes{Strategy: Full, Doc: "full scan with row hashes"},
		MaxPage:         1000,
		BatchSize:       100,
		DeleteBatchSize: 1000,
	}
	t.List = func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		s := svc(c)
		if ids, ok := condInts(q, "Id"); ok {
			return byIDs(t, ids, func(id int64) (Row, error) { v, err := s.Get(ctx, id); return getRow(t, v, err) })
		}
		opts := &reply.BlacklistListOptions{Limit: q.Limit}
		if v, ok := searchValue(t, q, "Pattern"); ok {
			opts.Search = v.(string)
		}
		return rowsOf(t, s.List(ctx, opts), nil)
	}
	t.Insert = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		s := svc(c)
		return bulkInsert(ctx, t, rows, t.BatchSize, s.BulkCreate, s.Create)
	}
	t.Update = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		s := svc(c)
		return eachRow(ctx, rows, func(r Row) (Row, error) { return putMerged(ctx, t, r, s.Get, s.Update) })
	}
	t.Delete = func(ctx context.Context, c *reply.Client, keys []Row) []WriteResult {
		return bulkDelete(ctx, keys, "Id", svc(c).BulkDelete)
	}
	return t
}

func domainBlacklistRules() *Table {
	return blacklistRules("DomainBlacklistRules",
		"Blacklisted domains (bare domain patterns). /v3/contact-blacklist-rules/domains; INSERT uses .../bulk, DELETE .../bulk-delete.",
		func(c *reply.Client) *reply.BlacklistRulesService { return c.DomainBlacklistRules })
}

func emailBlacklistRules() *Table {
	return blacklistRules("EmailBlacklistRules",
		"Blacklisted email addresses. /v3/contact-blacklist-rules/emails; INSERT uses .../bulk, DELETE .../bulk-delete.",
		func(c *reply.Client) *reply.BlacklistRulesService { return c.EmailBlacklistRules })
}

func emailExceptionBlacklistRules() *Table {
	return blacklistRules("EmailExceptionBlacklistRules",
		"Email addresses kept contactable even when a blacklist rule matches. /v3/contact-blacklist-rules/email-exceptions; INSERT uses .../bulk, DELETE .../bulk-delete.",
		func(c *reply.Client) *reply.BlacklistRulesService { return c.EmailExceptionBlacklistRules })
}
