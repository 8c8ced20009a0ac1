package catalog

import (
	"context"
	"iter"

	"github.com/replykit/replykit/reply"
)

// linkedInAccounts is the connected LinkedIn accounts, REFERENCE.md §2.19.
func linkedInAccounts() *Table {
	t := &Table{
		Name: "LinkedInAccounts",
		Doc:  "Connected LinkedIn accounts (read-only). GET /v3/linkedin-accounts (not paged).",
		Key:  []string{"Id"},
		Columns: []Column{
			{Name: "Id", Field: "id", Type: Int, ReadOnly: true},
			{Name: "Name", Field: "name", Type: Text, ReadOnly: true},
			{Name: "Status", Field: "status", Type: Text, ReadOnly: true, Doc: "disabled, enabled, dailyLimitReached, cookieInvalid."},
			{Name: "ProfileUrl", Field: "profileUrl", Type: Text, ReadOnly: true, Nullable: true},
			{Name: "PhotoUrl", Field: "photoUrl", Type: Text, ReadOnly: true, Nullable: true},
			{Name: "OwnerUserId", Field: "ownerUserId", Type: Int, ReadOnly: true},
			{Name: "AccountType", Field: "accountType", Type: Text, ReadOnly: true, Nullable: true, Doc: "public, salesNavigator, premium."},
			{Name: "AuthType", Field: "authType", Type: Text, ReadOnly: true, Nullable: true, Doc: "cookie, credentials."},
			{Name: "CookieStatus", Field: "cookieStatus", Type: Text, ReadOnly: true, Nullable: true, Doc: "notValid, valid, neverValidated."},
			{Name: "Usage", Field: "usage", Type: JSON, ReadOnly: true, Nullable: true, Doc: "Today's counts."},
			{Name: "Limits", Field: "limits", Type: JSON, ReadOnly: true, Nullable: true},
			{Name: "RevokeSettings", Field: "revokeSettings", Type: JSON, ReadOnly: true, Nullable: true},
			{Name: "UserLimitValues", Field: "userLimitValues", Type: JSON, ReadOnly: true, Nullable: true},
			{Name: "VoiceProfile", Field: "voiceProfile", Type: JSON, ReadOnly: true, Nullable: true},
		},
		Filters: []Filter{
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/linkedin-accounts/{id}, one call per id"},
		},
		Changes: Changes{Strategy: Full, Doc: "full scan with row hashes"},
	}
	t.List = func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		if ids, ok := condInts(q, "Id"); ok {
			return byIDs(t, ids, func(id int64) (Row, error) { v, err := c.LinkedInAccounts.Get(ctx, id); return getRow(t, v, err) })
		}
		return rowsOf(t, c.LinkedInAccounts.List(ctx, q.Limit), nil)
	}
	return t
}
