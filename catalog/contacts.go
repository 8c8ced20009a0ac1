package catalog

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/replykit/replykit/reply"
)

// contactCompanySizes are the companySize values of a contact as the API returns them (writes send the PascalCase
// request forms, REFERENCE.md §1.10).
var contactCompanySizes = []string{"empty", "selfEmployed", "ten", "fifty", "twoHundred", "fiveHundred", "oneThousand",
	"fiveThousand", "tenThousand", "overTenThousand"}

// contacts is Reply's contacts (prospects), REFERENCE.md §2.3.
func contacts() *Table {
	t := &Table{
		Name: "Contacts",
		Doc:  "Contacts (prospects). GET /v3/contacts; pushed filters use GET /v3/contacts?email=/linkedIn= or POST /v3/contacts/filter.",
		Key:  []string{"Id"},
		Columns: []Column{
			{Name: "Id", Field: "id", Type: Int, ReadOnly: true},
			{Name: "Email", Field: "email", Type: Text, Nullable: true, Doc: "Unique (case-insensitive); a contact needs Email or LinkedInUrl."},
			{Name: "Domain", Field: "domain", Type: Text, ReadOnly: true, Nullable: true, Doc: "Derived from Email."},
			{Name: "FirstName", Field: "firstName", Type: Text, Nullable: true},
			{Name: "LastName", Field: "lastName", Type: Text, Nullable: true},
			{Name: "Title", Field: "title", Type: Text, Nullable: true},
			{Name: "Company", Field: "company", Type: Text, Nullable: true},
			{Name: "Industry", Field: "industry", Type: Text, Nullable: true},
			{Name: "City", Field: "city", Type: Text, Nullable: true},
			{Name: "State", Field: "state", Type: Text, Nullable: true},
			{Name: "Country", Field: "country", Type: Text, Nullable: true},
			{Name: "Notes", Field: "notes", Type: Text, Nullable: true},
			{Name: "Phone", Field: "phone", Type: Text, Nullable: true},
			{Name: "Phone2", Field: "phone2", Type: Text, Nullable: true, WriteOnly: true, Doc: "Accepted on write, never returned."},
			{Name: "CompanySize", Field: "companySize", Type: Text, Nullable: true, Enum: contactCompanySizes,
				Doc: "Returned in camelCase; written in the API's PascalCase request form (any case accepted)."},
			{Name: "TimeZoneId", Field: "timeZoneId", Type: Text, Nullable: true, Doc: "IANA time zone."},
			{Name: "LinkedInUrl", Field: "linkedInUrl", Type: Text, Nullable: true},
			{Name: "LinkedInSalesNavigatorUrl", Field: "linkedInSalesNavigatorUrl", Type: Text, Nullable: true},
			{Name: "LinkedInRecruiterUrl", Field: "linkedInRecruiterUrl", Type: Text, Nullable: true},
			{Name: "PhoneStatus", Field: "phoneStatus", Type: Text, ReadOnly: true, Nullable: true},
			{Name: "OwnerUserId", Field: "ownerUserId", Type: Int, Nullable: true, Doc: "Owner (a team member); set by PATCH (an INSERT that sets it patches right after creating)."},
			{Name: "AccountId", Field: "accountId", Type: Int, Nullable: true, Doc: "Contact account (Accounts.Id)."},
			{Name: "IsOptedOut", Field: "isOptedOut", Type: Bool, Nullable: true, Doc: "Opted out; set by PATCH (true finishes the contact in every sequence)."},
			{Name: "CallStatus", Field: "callStatus", Type: Text, Nullable: true, Enum: []string{"none", "toCall", "called"}},
			{Name: "MeetingStatus", Field: "meetingStatus", Type: Text, Nullable: true, Enum: []string{"none", "meetingBooked"}},
			{Name: "AddingDate", Field: "addingDate", Type: Time, ReadOnly: true, Nullable: true},
			{Name: "CreatedAt", Field: "createdAt", Type: Time, ReadOnly: true, Nullable: true, Doc: "Null on the live API."},
			{Name: "LastModifiedAt", Field: "lastModifiedAt", Type: Time, ReadOnly: true, Nullable: true, Doc: "Null on the live API; the change cursor where it is set."},
			{Name: "CustomFields", Field: "customFields", Type: JSON, Nullable: true,
				Doc: "Read: [{key, value}] with key = CustomFields.Id as text. Write: [{id, value}] or [{name, value}] (key is accepted and sent as id).",
				Items: []Column{
					{Name: "Key", Field: "key", Type: Text, Doc: "Custom field id as text."},
					{Name: "Value", Field: "value", Type: Text, Nullable: true},
				}},
		},
		Filters: []Filter{
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/contacts/{id}, one call per id"},
			{Column: "Email", Ops: []Op{Eq}, Doc: "GET /v3/contacts?email= (case-insensitive)"},
			{Column: "LinkedInUrl", Ops: []Op{Eq}, Doc: "GET /v3/contacts?linkedIn= (case-insensitive)"},
			{Column: "LastModifiedAt", Ops: []Op{Gt, Lt}, Doc: "filter rule lastModifiedAt greaterThan/lessThan; degrades to a full scan when the API ignores it"},
			{Column: "CreatedAt", Ops: []Op{Gt, Lt}, Doc: "filter rule createdAt greaterThan/lessThan"},
			{Column: "AddingDate", Ops: []Op{Gt, Lt}, Doc: "filter rule addingDate greaterThan/lessThan"},
			{Column: "FirstName", Ops: []Op{Eq}, Doc: "filter rule equals (case-insensitive)"},
			{Column: "LastName", Ops: []Op{Eq}, Doc: "filter rule equals (case-insensitive)"},
			{Column: "Company", Ops: []Op{Eq}, Doc: "filter rule equals (case-insensitive)"},
			{Column: "Title", Ops: []Op{Eq}, Doc: "filter rule equals (case-insensitive)"},
			{Column: "Country", Ops: []Op{Eq}, Doc: "filter rule equals (case-insensitive)"},
			{Column: "City", Ops: []Op{Eq}, Doc: "filter rule equals (case-insensitive)"},
			{Column: "AccountId", Ops: []Op{Eq}, Exact: true, Doc: "filter rule equals"},
			{Column: "OwnerUserId", Ops: []Op{Eq}, Exact: true, Doc: "filter rule equals"},
			{Column: "CallStatus", Ops: []Op{Eq}, Doc: "filter rule equals (case-insensitive)"},
			{Column: "MeetingStatus", Ops: []Op{Eq}, Doc: "filter rule equals (case-insensitive)"},
		},
		Changes: Changes{Cursor: "LastModifiedAt", Strategy: ServerFilter,
			Doc: "POST /v3/contacts/filter rule lastModifiedAt greaterThan <cursor>, sorted by lastModifiedAt; full scan when the API ignores time rules"},
		MaxPage:         1000,
		BatchSize:       reply.ContactImportMax,
		DeleteBatchSize: 1000,
	}
	t.List = func(ctx context.Context, c *reply.Client, q Query) iter.Seq2[Row, error] {
		return listContacts(ctx, c, t, q)
	}
	t.Count = func(ctx context.Context, c *reply.Client, q Query) (int64, bool, error) {
		return countContacts(ctx, c, t, q)
	}
	t.Insert = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return insertContacts(ctx, c, t, rows)
	}
	t.Update = func(ctx context.Context, c *reply.Client, rows []Row) []WriteResult {
		return eachRow(ctx, rows, func(r Row) (Row, error) {
			id, err := intValue(r, "Id")
			if err != nil {
				return nil, err
			}
			return patchContact(ctx, c, t, id, withoutKey(t, r))
		})
	}
	t.Delete = func(ctx context.Context, c *reply.Client, keys []Row) []WriteResult {
		return bulkDelete(ctx, keys, "Id", c.Contacts.BulkDelete)
	}
	return t
}

// contactTimeRules are the pushed time conditions and the filter conditions they become.
var contactTimeRules = map[Op]string{Gt: "greaterThan", Lt: "lessThan"}

// contactRules turns the pushed conditions of q (but Id) into filter rules; timed reports the time rules, which
// the live API may silently ignore.
func contactRules(t *Table, q Query) (rules []reply.ContactRule, timed []Cond) {
	for _, f := range t.Filters {
		switch f.Column {
		case "Id":
			continue
		case "LastModifiedAt", "CreatedAt", "AddingDate":
			for _, op := range []Op{Gt, Lt} {
				if ts, ok := condTime(t, q, f.Column, op); ok {
					v := ts.UTC().Format(time.RFC3339)
					col, _ := t.Column(f.Column)
					rules = append(rules, reply.ContactRule{Property: col.Field, Condition: contactTimeRules[op], Value: &v})
					timed = append(timed, Cond{Column: f.Column, Op: op, Values: []any{ts}})
				}
			}
		default:
			if v, ok := condValue(t, q, f.Column, Eq); ok {
				col, _ := t.Column(f.Column)
				s, _ := Column{Type: Text}.Coerce(v)
				str := s.(string)
				rules = append(rules, reply.ContactRule{Property: col.Field, Condition: "equals", Value: &str})
			}
		}
	}
	return rules, timed
}

// honours reports whether row r satisfies the time conditions (a NULL time never does).
func honours(r Row, conds []Cond) bool {
	for _, c := range conds {
		ts, ok := r[c.Column].(time.Time)
		if !ok {
			return false
		}
		want := c.Values[0].(time.Time)
		if (c.Op == Gt && !ts.After(want)) || (c.Op == Lt && !ts.Before(want)) {
			return false
		}
	}
	return true
}

func listContacts(ctx context.Context, c *reply.Client, t *Table, q Query) iter.Seq2[Row, error] {
	if ids, ok := condInts(q, "Id"); ok {
		return byIDs(t, ids, func(id int64) (Row, error) {
			ct, err := c.Contacts.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			return rowFrom(t, ct)
		})
	}
	rules, timed := contactRules(t, q)
	if len(rules) == 0 {
		return rowsOf(t, c.Contacts.List(ctx, &reply.ContactListOptions{Limit: q.Limit}), nil)
	}
	onlyLookups := true
	for _, r := range rules {
		if r.Property != "email" && r.Property != "linkedInUrl" {
			onlyLookups = false
		}
	}
	if onlyLookups && len(rules) == 1 {
		opts := &reply.ContactListOptions{Limit: q.Limit}
		if rules[0].Property == "email" {
			opts.Email = *rules[0].Value
		} else {
			opts.LinkedIn = *rules[0].Value
		}
		return rowsOf(t, c.Contacts.List(ctx, opts), nil)
	}
	f := &reply.ContactFilter{Rules: rules, Limit: q.Limit}
	if len(timed) == 0 {
		return rowsOf(t, c.Contacts.Filter(ctx, f), nil)
	}
	if _, ok := q.Cond("LastModifiedAt", Gt); ok {
		f.SortBy, f.SortDirection = "lastModifiedAt", "asc"
	}
	// Degrade path (REFERENCE.md §2.3): the live API answers time rules with 400 or ignores them (every item then
	// has a NULL or out-of-range timestamp). Then scan with the other rules only; the caller re-checks the time
	// conditions (their filters are not Exact). Rows already yielded are not yielded twice.
	return func(yield func(Row, error) bool) {
		seen := map[any]bool{}
		degraded := false
		for r, err := range rowsOf(t, c.Contacts.Filter(ctx, f), nil) {
			if errors.Is(err, reply.ErrValidation) {
				degraded = true
				break
			}
			if err != nil {
				yield(nil, err)
				return
			}
			if !honours(r, timed) {
				degraded = true
				break
			}
			seen[r["Id"]] = true
			if !yield(r, nil) {
				return
			}
		}
		if !degraded {
			return
		}
		var rest []reply.ContactRule
		for _, r := range rules {
			if r.Condition == "equals" {
				rest = append(rest, r)
			}
		}
		var seq iter.Seq2[reply.Contact, error]
		if len(rest) == 0 {
			seq = c.Contacts.List(ctx, nil)
		} else {
			seq = c.Contacts.Filter(ctx, &reply.ContactFilter{Rules: rest})
		}
		n := len(seen)
		for r, err := range rowsOf(t, seq, nil) {
			if err != nil {
				yield(nil, err)
				return
			}
			if seen[r["Id"]] {
				continue
			}
			if !yield(r, nil) {
				return
			}
			n++
			if q.Limit > 0 && n >= q.Limit {
				return
			}
		}
	}
}

// countContacts reads totalCount from one filter call of one item.
func countContacts(ctx context.Context, c *reply.Client, t *Table, q Query) (int64, bool, error) {
	if _, ok := condInts(q, "Id"); ok {
		return 0, false, nil
	}
	rules, timed := contactRules(t, q)
	pg, err := c.Contacts.FilterPage(ctx, &reply.ContactFilter{Rules: rules, Top: 1})
	if err != nil {
		if len(timed) > 0 && errors.Is(err, reply.ErrValidation) {
			return 0, false, nil
		}
		return 0, false, err
	}
	if pg.TotalCount == nil {
		return 0, false, nil
	}
	if len(timed) > 0 && len(pg.Items) > 0 {
		r, err := rowFrom(t, pg.Items[0])
		if err != nil || !honours(r, timed) {
			return 0, false, err // the time rules were ignored: the count is not the answer
		}
	}
	return int64(*pg.TotalCount), true, nil
}

// contactLevel are the columns create and import do not take; an INSERT that sets them patches right after.
var contactLevel = []string{"OwnerUserId", "IsOptedOut", "CallStatus", "MeetingStatus"}

// contactBody is the request body of a contact write: the row's fields, customFields in the write shape
// ({id, value}; a read-shape key is sent as id) and companySize in the request casing.
func contactBody(t *Table, r Row) (map[string]any, error) {
	b := bodyFrom(t, r)
	if v, ok := b["companySize"].(string); ok && v != "" {
		b["companySize"] = strings.ToUpper(v[:1]) + v[1:]
	}
	if raw, ok := b["customFields"].(json.RawMessage); ok {
		var items []map[string]any
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, fmt.Errorf("CustomFields: %w: want [{id, value}]: %v", ErrInvalidValue, err)
		}
		out := make([]reply.CustomFieldWrite, 0, len(items))
		for _, it := range items {
			var w reply.CustomFieldWrite
			switch id := it["id"].(type) {
			case float64:
				w.ID = int64(id)
			case string:
				w.ID, _ = strconv.ParseInt(id, 10, 64)
			}
			if k, ok := it["key"]; ok && w.ID == 0 {
				w.ID, _ = strconv.ParseInt(strings.TrimSpace(fmt.Sprint(k)), 10, 64)
			}
			if n, ok := it["name"].(string); ok && w.ID == 0 {
				w.Name = n
			}
			switch v := it["value"].(type) {
			case nil:
			case string:
				w.Value = &v
			default:
				s := fmt.Sprint(v)
				w.Value = &s
			}
			out = append(out, w)
		}
		b["customFields"] = out
	}
	return b, nil
}

// Contacts.Insert creates through POST /v3/contacts/import (REFERENCE.md §2.3; B5 result, §1.12), BatchSize
// (1000) rows per call, with skipExisting so that it only creates: an item whose email exists comes back skipped
// and its row fails with ErrExists, the WriteResult's Row holding the existing contact's Id. The import needs a
// first name per item and ignores the contact-level columns, so:
//   - a row without FirstName or without Email (the import would not match a LinkedIn-only contact with an
//     existing one) is created by POST /v3/contacts, one call;
//   - a row that sets a contact-level column to other than a new contact's default (not opted out, statuses
//     none, owned by the caller: asked once per Insert call, with GET /v3/whoami, when a row sets OwnerUserId)
//     is patched right after its creation, one call;
//   - an item the import fails ("Invalid data", "Wrong field format", an unknown time zone), and every item of an
//     import the API rejects as a whole (validation 400), is created by POST /v3/contacts, whose error says why.
// A row created by the import comes back as written plus its Id (the import returns only ids); rows created or
// patched one by one come back as the API returned them.

// insertContacts is Contacts.Insert.
func insertContacts(ctx context.Context, c *reply.Client, t *Table, rows []Row) []WriteResult {
	out := make([]WriteResult, len(rows))
	me := callerIfOwned(ctx, c, rows)
	chunk := max(t.BatchSize, 1)
	for start := 0; start < len(rows); start += chunk {
		end := min(start+chunk, len(rows))
		importContacts(ctx, c, t, rows[start:end], out[start:end], me)
	}
	return out
}

// callerIfOwned returns the caller's user id when a row sets OwnerUserId (a new contact's owner), else 0; 0 as
// well when it cannot be asked (every owner is then patched).
func callerIfOwned(ctx context.Context, c *reply.Client, rows []Row) int64 {
	for _, r := range rows {
		if v, ok := lookup(r, "OwnerUserId"); ok && v != nil {
			u, err := c.WhoAmI.Get(ctx)
			if err != nil {
				return 0
			}
			return int64(u.UserID)
		}
	}
	return 0
}

// splitContact separates the contact-level columns of r that differ from a new contact's defaults (me: the
// caller's user id, a new contact's owner; 0 when unknown).
func splitContact(r Row, me int64) (create, later Row) {
	create = Row{}
	for k, v := range r {
		if !slicesContainsFold(contactLevel, k) {
			create[k] = v
			continue
		}
		if v == nil || v == false || strings.EqualFold(fmt.Sprint(v), "none") {
			continue // a new contact is not opted out and has no call or meeting status
		}
		if strings.EqualFold(k, "OwnerUserId") && me != 0 {
			if id, err := intValue(r, k); err == nil && id == me {
				continue
			}
		}
		if later == nil {
			later = Row{}
		}
		later[k] = v
	}
	return create, later
}

// importable reports whether a row (without contact-level columns) can be created by the import endpoint.
func importable(r Row) bool {
	first, _ := lookup(r, "FirstName")
	email, _ := lookup(r, "Email")
	f, _ := first.(string)
	e, _ := email.(string)
	return strings.TrimSpace(f) != "" && strings.TrimSpace(e) != ""
}

// importContacts inserts one chunk of rows (at most one import call) and fills out, aligned with rows.
func importContacts(ctx context.Context, c *reply.Client, t *Table, rows []Row, out []WriteResult, me int64) {
	later := make([]Row, len(rows))
	var items []reply.ContactImportItem
	var bulk, single []int
	for i, r := range rows {
		create, l := splitContact(r, me)
		later[i] = l
		if !importable(create) {
			single = append(single, i)
			continue
		}
		b, err := contactBody(t, create)
		if err != nil {
			out[i].Err = err
			continue
		}
		var it reply.ContactImportItem
		if err := convert(b, &it); err != nil {
			out[i].Err = err
			continue
		}
		items = append(items, it)
		bulk = append(bulk, i)
	}
	if len(items) > 0 {
		res, err := c.Contacts.Import(ctx, items, &reply.ContactImportOptions{SkipExisting: true})
		for k, i := range bulk {
			switch {
			case k < len(res.Items):
				out[i] = importedContact(ctx, c, t, rows[i], later[i], res.Items[k])
				if out[i].Row == nil && out[i].Err == nil {
					single = append(single, i)
				}
			case errors.Is(err, reply.ErrValidation):
				single = append(single, i)
			case err != nil:
				out[i].Err = err
			default:
				out[i].Err = fmt.Errorf("contact import returned %d results for %d items", len(res.Items), len(items))
			}
		}
	}
	slices.Sort(single)
	for _, i := range single {
		if err := ctx.Err(); err != nil {
			out[i] = WriteResult{Err: err}
			continue
		}
		row, err := insertContact(ctx, c, t, rows[i], later[i])
		out[i] = WriteResult{Row: row, Err: err}
	}
}

// importedContact is the result of one import item; a zero WriteResult means "create it one by one" (the item
// failed, or came back in a state an insert does not expect).
func importedContact(ctx context.Context, c *reply.Client, t *Table, r, later Row, it reply.ImportItemResult) WriteResult {
	id := int64(it.ID)
	switch {
	case (it.Status == "created" || it.Status == "restored") && id != 0:
		if later != nil {
			row, err := patchContact(ctx, c, t, id, later)
			if err != nil {
				return WriteResult{Row: Row{"Id": id}, Err: fmt.Errorf("created contact %d, then: %w", id, err)}
			}
			return WriteResult{Row: row}
		}
		return WriteResult{Row: writtenRow(t, r, id)}
	case it.Status == "skipped":
		var row Row
		if id != 0 {
			row = Row{"Id": id}
		}
		return WriteResult{Row: row, Err: existsError(fmt.Sprintf("a contact with this email already exists (Id %d)", id))}
	}
	return WriteResult{}
}

// insertContact creates one contact with POST /v3/contacts, then patches the contact-level columns of later.
func insertContact(ctx context.Context, c *reply.Client, t *Table, create, later Row) (Row, error) {
	b, err := contactBody(t, create)
	if err != nil {
		return nil, err
	}
	var cc reply.ContactCreate
	if err := convert(b, &cc); err != nil {
		return nil, err
	}
	ct, err := c.Contacts.Create(ctx, cc)
	if err != nil {
		return nil, err
	}
	if len(later) > 0 {
		row, err := patchContact(ctx, c, t, int64(ct.ID), later)
		if err != nil {
			return Row{"Id": int64(ct.ID)}, fmt.Errorf("created contact %d, then: %w", ct.ID, err)
		}
		return row, nil
	}
	return rowFrom(t, ct)
}

// patchContact sends the changed columns of r (NULL clears) with PATCH /v3/contacts/{id}.
func patchContact(ctx context.Context, c *reply.Client, t *Table, id int64, r Row) (Row, error) {
	b, err := contactBody(t, r)
	if err != nil {
		return nil, err
	}
	var clear []string
	for k, v := range b {
		if v == nil {
			clear = append(clear, k)
			delete(b, k)
		}
	}
	var u reply.ContactUpdate
	if err := convert(b, &u); err != nil {
		return nil, err
	}
	u.Clear = clear
	ct, err := c.Contacts.Update(ctx, id, u)
	if err != nil {
		return nil, err
	}
	return rowFrom(t, ct)
}

func slicesContainsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
