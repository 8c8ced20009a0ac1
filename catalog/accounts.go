package catalog

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/replykit/replykit/reply"
)

// accounts is Reply's contact accounts (companies), REFERENCE.md §2.1.
func accounts() *Table {
	t := &Table{
		Name: "Accounts",
		Doc:  "Contact accounts (companies). GET /v3/contact-accounts; pushed filters use POST /v3/contact-accounts/filter.",
		Key:  []string{"Id"},
		Columns: []Column{
			{Name: "Id", Field: "id", Type: Int, ReadOnly: true, Doc: "Account id."},
			{Name: "OwnerUserId", Field: "ownerUserId", Type: Int, Nullable: true, Doc: "Owner user; not accepted by create: an INSERT that sets it changes the owner right after (PUT .../owner)."},
			{Name: "Name", Field: "name", Type: Text, Required: true, Doc: "Company name."},
			{Name: "Description", Field: "description", Type: Text, Nullable: true},
			{Name: "DomainName", Field: "domainName", Type: Text, Nullable: true},
			{Name: "DomainSecondary", Field: "domainSecondary", Type: Text, Nullable: true},
			{Name: "Industry", Field: "industry", Type: Text, Nullable: true},
			{Name: "Country", Field: "country", Type: Text, Nullable: true},
			{Name: "State", Field: "state", Type: Text, Nullable: true},
			{Name: "City", Field: "city", Type: Text, Nullable: true},
			{Name: "TimeZoneId", Field: "timeZoneId", Type: Text, Nullable: true},
			{Name: "LinkedInUrl", Field: "linkedInUrl", Type: Text, Nullable: true},
			{Name: "Phone", Field: "phone", Type: Text, Nullable: true},
			{Name: "TwitterUrl", Field: "twitterUrl", Type: Text, Nullable: true},
			{Name: "LogoUrl", Field: "logoUrl", Type: Text, Nullable: true},
			{Name: "Email", Field: "email", Type: Text, Nullable: true},
			{Name: "CompanySize", Field: "companySize", Type: Text, Nullable: true,
				Enum: []string{"Empty", "SelfEmployed", "2-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001-10000", "10001+"}},
			{Name: "Stage", Field: "stage", Type: JSON, ReadOnly: true, Nullable: true, Doc: "{id, name, colorId} or null."},
			{Name: "LinkedProspectsCount", Field: "linkedProspectsCount", Type: Int, ReadOnly: true},
			{Name: "CreatedDate", Field: "createdDate", Type: Time, ReadOnly: true},
			{Name: "LastActivityDate", Field: "lastActivityDate", Type: Time, ReadOnly: true, Doc: "Moves on every change to the account and its contact links: the change cursor."},
			{Name: "EmailProvider", Field: "emailProvider", Type: Text, ReadOnly: true, Nullable: true, DetailOnly: true, Doc: "MX-derived provider; detail only (one GET per row when selected)."},
		},
		Filters: []Filter{
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/contact-accounts/{id}, one call per id"},
			{Column: "Name", Ops: []Op{Contains, Eq}, Doc: "GET /v3/contact-accounts?search= (name); = is searched as a substring and re-checked"},
			{Column: "OwnerUserId", Ops: []Op{Eq, In}, Exact: true, Doc: "filter OwnerId Equals/In"},
			{Column: "LastActivityDate", Ops: []Op{Gt, Ge, Lt, Le}, Exact: true, Doc: "filter LastActivityDate GreaterThan/GreaterEqualThan/LowerThan/LowerEqualThan"},
			{Column: "CreatedDate", Ops: []Op{Gt, Ge, Lt, Le}, Exact: true, Doc: "filter CreatedDate GreaterThan/GreaterEqualThan/LowerThan/LowerEqualThan"},
		},
		Changes: Changes{Cursor: "LastActivityDate", Strategy: ServerFilter,
			Doc: "POST /v3/contact-accounts/filter LastActivityDate GreaterThan <cursor> (best effort: a periodic full run catches changes that did not move it)"},
		MaxPage:         1000,
		BatchSize:       100,
		DeleteBatchSize: 1000,
	}
	t.List = func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		return listAccounts(ctx, c, t, q)
	}
	t.Insert = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return insertAccounts(ctx, c, t, rows)
	}
	t.Update = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return eachRow(ctx, rows, func(r Row) (Row, error) { return updateAccount(ctx, c, t, r) })
	}
	t.Delete = func(ctx context.Context, c *reply.Client, keys []Row) []WriteResult {
		return bulkDelete(ctx, keys, "Id", c.Accounts.BulkDelete)
	}
	return t
}

// accountConditions maps pushed range conditions to filter conditions.
var accountConditions = map[Op]string{Gt: "GreaterThan", Ge: "GreaterEqualThan", Lt: "LowerThan", Le: "LowerEqualThan"}

func listAccounts(ctx context.Context, c *reply.Client, t *Table, q Query) iter.Seq2[Row, error] {
	if ids, ok := condInts(q, "Id"); ok {
		return byIDs(t, ids, func(id int64) (Row, error) {
			a, err := c.Accounts.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			return rowFrom(t, a)
		})
	}
	search := ""
	if v, ok := searchValue(t, q, "Name"); ok {
		search = v.(string)
	}
	var filters []reply.AccountCondition
	if ids, ok := condInts(q, "OwnerUserId"); ok {
		if len(ids) == 1 {
			filters = append(filters, reply.AccountCondition{Property: "OwnerId", Condition: "Equals", Values: ids[0]})
		} else {
			filters = append(filters, reply.AccountCondition{Property: "OwnerId", Condition: "In", Values: ids})
		}
	}
	for _, col := range []string{"LastActivityDate", "CreatedDate"} {
		for _, op := range []Op{Gt, Ge, Lt, Le} {
			if ts, ok := condTime(t, q, col, op); ok {
				filters = append(filters, reply.AccountCondition{Property: col, Condition: accountConditions[op],
					Values: ts.UTC().Format(time.RFC3339)})
			}
		}
	}
	var seq iter.Seq2[reply.Account, error]
	if len(filters) > 0 {
		seq = c.Accounts.Filter(ctx, &reply.AccountFilter{Search: search, Filters: filters, Limit: q.Limit})
	} else {
		seq = c.Accounts.List(ctx, &reply.AccountListOptions{Search: search, Limit: q.Limit})
	}
	rows := rowsOf(t, seq, nil)
	if wantsDetail(t, q) {
		rows = withDetail(rows, func(r Row) (Row, error) {
			id, err := intValue(r, "Id")
			if err != nil {
				return nil, err
			}
			a, err := c.Accounts.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			return rowFrom(t, a)
		})
	}
	return rows
}

// insertAccounts creates through POST /v3/contact-accounts/bulk (100 per call), then sets the owner of rows that
// name one (create does not take it).
func insertAccounts(ctx context.Context, c *reply.Client, t *Table, rows []Row) []WriteResult {
	out := bulkInsert(ctx, t, rows, t.BatchSize, c.Accounts.BulkCreate, c.Accounts.Create)
	for i, r := range rows {
		if v, ok := lookup(r, "OwnerUserId"); !ok || v == nil || out[i].Err != nil {
			continue
		}
		owner, err := intValue(r, "OwnerUserId")
		if err != nil {
			out[i].Err = err
			continue
		}
		id, _ := intValue(out[i].Row, "Id")
		a, err := c.Accounts.SetOwner(ctx, id, owner)
		if err != nil {
			out[i].Err = fmt.Errorf("created account %d, then: %w", id, err)
			continue
		}
		out[i] = resultRow(t, a)
	}
	return out
}

func updateAccount(ctx context.Context, c *reply.Client, t *Table, r Row) (Row, error) {
	id, err := intValue(r, "Id")
	if err != nil {
		return nil, err
	}
	cur, err := c.Accounts.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	body, err := merged(cur.Update(), bodyFrom(t, withoutKey(t, r)))
	if err != nil {
		return nil, err
	}
	var u reply.AccountUpdate
	if err := convert(body, &u); err != nil {
		return nil, err
	}
	a, err := c.Accounts.Update(ctx, id, u)
	if err != nil {
		return nil, err
	}
	return rowFrom(t, a)
}
