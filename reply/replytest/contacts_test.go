package replytest_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/replykit/replykit/reply/replytest"
)

type contact struct {
	ID             int64   `json:"id"`
	Email          *string `json:"email"`
	FirstName      *string `json:"firstName"`
	LastName       *string `json:"lastName"`
	Title          *string `json:"title"`
	CompanySize    *string `json:"companySize"`
	AccountID      *int64  `json:"accountId"`
	IsOptedOut     bool    `json:"isOptedOut"`
	CallStatus     string  `json:"callStatus"`
	CreatedAt      *string `json:"createdAt"`
	LastModifiedAt *string `json:"lastModifiedAt"`
	AddingDate     *string `json:"addingDate"`
	CustomFields   []struct {
		Key   string  `json:"key"`
		Value *string `json:"value"`
	} `json:"customFields"`
}

type page[T any] struct {
	Items      []T  `json:"items"`
	HasMore    bool `json:"hasMore"`
	TotalCount *int `json:"totalCount"`
}

func createContact(tb testing.TB, s *replytest.Server, body map[string]any) contact {
	tb.Helper()
	r := do(tb, s, "POST", "/v3/contacts", body)
	wantStatus(tb, r, http.StatusCreated)
	var c contact
	r.json(tb, &c)
	return c
}

func TestContactCreateGetPatch(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := createContact(t, s, map[string]any{"email": "Zoë@Example.com", "firstName": "Zoë", "title": "CTO", "companySize": "FiveHundred"})
	if c.ID != 1001 || *c.Email != "Zoë@Example.com" || *c.CompanySize != "fiveHundred" || c.CallStatus != "none" {
		t.Fatalf("created = %+v", c)
	}
	if *c.CreatedAt != "2026-01-05T09:00:00" || *c.AddingDate != "2026-01-05T09:00:00+00:00" {
		t.Errorf("timestamps = %s, %s", *c.CreatedAt, *c.AddingDate)
	}
	// Same email, any case: rejected.
	r := do(t, s, "POST", "/v3/contacts", map[string]any{"email": "zoë@example.COM"})
	wantStatus(t, r, 400)
	if m := r.obj(t); m["code"] != "contact.invalidInput" {
		t.Errorf("dup = %s", r.Body)
	}
	// Neither email nor LinkedIn URL.
	r = do(t, s, "POST", "/v3/contacts", map[string]any{"firstName": "x"})
	wantStatus(t, r, 400)

	s.Advance(time.Hour)
	// PATCH: omitted stays, null clears.
	r = do(t, s, "PATCH", fmt.Sprintf("/v3/contacts/%d", c.ID), map[string]any{"title": nil, "lastName": "Ångström"})
	wantStatus(t, r, 200)
	var p contact
	r.json(t, &p)
	if p.Title != nil || *p.LastName != "Ångström" || *p.FirstName != "Zoë" {
		t.Errorf("patched = %+v", p)
	}
	if *p.LastModifiedAt != "2026-01-05T10:00:00" || *p.CreatedAt != "2026-01-05T09:00:00" {
		t.Errorf("lastModifiedAt = %s", *p.LastModifiedAt)
	}
	// A PATCH that changes nothing keeps lastModifiedAt.
	s.Advance(time.Hour)
	r = do(t, s, "PATCH", fmt.Sprintf("/v3/contacts/%d", c.ID), map[string]any{"lastName": "Ångström"})
	r.json(t, &p)
	if *p.LastModifiedAt != "2026-01-05T10:00:00" {
		t.Errorf("no-op PATCH moved lastModifiedAt to %s", *p.LastModifiedAt)
	}
	// Removing the only identifier is refused.
	wantStatus(t, do(t, s, "PATCH", fmt.Sprintf("/v3/contacts/%d", c.ID), map[string]any{"email": nil}), 400)
	// Owner outside the team.
	r = do(t, s, "PATCH", fmt.Sprintf("/v3/contacts/%d", c.ID), map[string]any{"ownerUserId": 1})
	wantStatus(t, r, 400)

	wantStatus(t, do(t, s, "DELETE", fmt.Sprintf("/v3/contacts/%d", c.ID), nil), 204)
	wantStatus(t, do(t, s, "GET", fmt.Sprintf("/v3/contacts/%d", c.ID), nil), 404)
}

func TestContactCustomFields(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	r := do(t, s, "POST", "/v3/custom-fields", map[string]any{"title": "Lead Source", "fieldType": "text"})
	wantStatus(t, r, 201)
	id := int64(r.obj(t)["id"].(float64))
	c := createContact(t, s, map[string]any{"email": "a@b.co", "customFields": []any{map[string]any{"name": "lead source", "value": "Web"}}})
	if len(c.CustomFields) != 1 || c.CustomFields[0].Key != fmt.Sprint(id) || *c.CustomFields[0].Value != "Web" {
		t.Fatalf("customFields = %+v", c.CustomFields)
	}
	r = do(t, s, "POST", "/v3/contacts", map[string]any{"email": "b@b.co", "customFields": []any{map[string]any{"name": "nope", "value": "x"}}})
	wantStatus(t, r, 400)
	wantStatus(t, do(t, s, "DELETE", fmt.Sprintf("/v3/custom-fields/%d", id), nil), 204)
	do(t, s, "GET", fmt.Sprintf("/v3/contacts/%d", c.ID), nil).json(t, &c)
	if len(c.CustomFields) != 0 {
		t.Errorf("values survive field deletion: %+v", c.CustomFields)
	}
}

func TestContactPaging(t *testing.T) {
	t.Parallel()
	s := newServer(t, replytest.WithSeed(replytest.SmallAccount))
	var all []contact
	for skip := 0; ; skip += 5 {
		var p page[contact]
		r := do(t, s, "GET", fmt.Sprintf("/v3/contacts?top=5&skip=%d", skip), nil)
		wantStatus(t, r, 200)
		r.json(t, &p)
		all = append(all, p.Items...)
		if !p.HasMore {
			break
		}
	}
	if len(all) != replytest.SmallAccount.Contacts {
		t.Fatalf("paged %d contacts, want %d", len(all), replytest.SmallAccount.Contacts)
	}
	for i := 1; i < len(all); i++ {
		if all[i].ID <= all[i-1].ID {
			t.Fatalf("not in ascending id order at %d", i)
		}
	}
	var p page[contact]
	do(t, s, "GET", "/v3/contacts?skip=1000", nil).json(t, &p)
	if len(p.Items) != 0 || p.HasMore || p.Items == nil {
		t.Errorf("past the end = %+v", p)
	}
	// Exact, case-insensitive email lookup.
	if all[0].Email != nil {
		do(t, s, "GET", "/v3/contacts?email="+upper(*all[0].Email), nil).json(t, &p)
		if len(p.Items) != 1 || p.Items[0].ID != all[0].ID {
			t.Errorf("email lookup = %+v", p.Items)
		}
	}
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 32
		}
	}
	return string(b)
}

func TestContactFilterTimeRules(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	for i := range 5 {
		createContact(t, s, map[string]any{"email": fmt.Sprintf("c%d@x.co", i)})
		s.Advance(time.Hour)
	}
	// Modify the first contact last.
	wantStatus(t, do(t, s, "PATCH", "/v3/contacts/1001", map[string]any{"title": "VP"}), 200)
	filter := map[string]any{
		"rules":  []any{map[string]any{"property": "lastModifiedAt", "condition": "greaterThan", "value": "2026-01-05T11:30:00Z"}},
		"sortBy": "lastModifiedAt", "sortDirection": "asc",
	}
	var p page[contact]
	r := do(t, s, "POST", "/v3/contacts/filter?top=2", filter)
	wantStatus(t, r, 200)
	r.json(t, &p)
	if p.TotalCount == nil || *p.TotalCount != 3 || !p.HasMore || len(p.Items) != 2 {
		t.Fatalf("filter = %s", r.Body)
	}
	if p.Items[0].ID != 1004 || p.Items[1].ID != 1005 {
		t.Errorf("order = %d, %d", p.Items[0].ID, p.Items[1].ID)
	}
	if m := r.obj(t); m["items"].([]any)[0].(map[string]any)["lists"] == nil {
		t.Errorf("filter items lack lists: %s", r.Body)
	}
	// Unsupported rules are validation errors with pointers.
	r = do(t, s, "POST", "/v3/contacts/filter", map[string]any{"rules": []any{map[string]any{"property": "lastModifiedAt", "condition": "between", "value": "x"}}})
	wantStatus(t, r, 400)
	if errs := r.obj(t)["errors"].([]any); errs[0].(map[string]any)["pointer"] != "/rules/0/condition" {
		t.Errorf("pointer = %v", errs)
	}
	// Live quirks: null timestamps, ignored time rules.
	s.SetQuirks(replytest.Quirks{NullContactTimestamps: true, IgnoreContactTimeRules: true})
	do(t, s, "POST", "/v3/contacts/filter?top=10", filter).json(t, &p)
	if *p.TotalCount != 5 || p.Items[0].LastModifiedAt != nil || p.Items[0].CreatedAt != nil {
		t.Errorf("quirks: total %d, item %+v", *p.TotalCount, p.Items[0])
	}
}

func TestContactBulkDeleteAndImport(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	a := createContact(t, s, map[string]any{"email": "a@x.co", "firstName": "A", "title": "Keep"})
	r := do(t, s, "POST", "/v3/contacts/bulk-delete", map[string]any{"ids": []int64{a.ID, 999999}})
	wantStatus(t, r, 200)
	m := r.obj(t)
	if len(m) != 1 || m["999999"].(map[string]any)["error"] != "notFound" {
		t.Fatalf("bulk delete = %s", r.Body)
	}
	wantStatus(t, do(t, s, "GET", fmt.Sprintf("/v3/contacts/%d", a.ID), nil), 404)

	b := createContact(t, s, map[string]any{"email": "b@x.co", "firstName": "B", "title": "Old"})
	items := []any{
		map[string]any{"email": "new@x.co", "firstName": "New"},
		map[string]any{"email": "B@x.co", "firstName": "B2", "title": "New title"},
		map[string]any{"email": "nofirst@x.co"},
		map[string]any{"email": "tz@x.co", "firstName": "T", "timeZoneId": "Mars/Olympus"},
		map[string]any{"email": "a@x.co", "firstName": "A"},
	}
	r = do(t, s, "POST", "/v3/contacts/import", map[string]any{"items": items, "options": map[string]any{"overwriteExisting": true, "restoreDeleted": true}})
	wantStatus(t, r, 200)
	var res struct {
		Items []struct {
			ID     *int64  `json:"id"`
			Status string  `json:"status"`
			Error  *string `json:"error"`
		} `json:"items"`
		Added, Updated, Skipped, Failed int
	}
	r.json(t, &res)
	want := []string{"created", "updated", "failed", "failed", "restored"}
	for i, w := range want {
		if res.Items[i].Status != w {
			t.Errorf("item %d = %+v, want %s", i, res.Items[i], w)
		}
	}
	if res.Added != 2 || res.Updated != 1 || res.Failed != 2 || *res.Items[1].ID != b.ID || *res.Items[4].ID != a.ID {
		t.Errorf("import = %s", r.Body)
	}
	var got contact
	do(t, s, "GET", fmt.Sprintf("/v3/contacts/%d", b.ID), nil).json(t, &got)
	if *got.Title != "New title" {
		t.Errorf("overwrite: title = %v", *got.Title)
	}
	many := make([]any, 1001)
	for i := range many {
		many[i] = map[string]any{"email": fmt.Sprintf("m%d@x.co", i), "firstName": "M"}
	}
	r = do(t, s, "POST", "/v3/contacts/import", map[string]any{"items": many})
	wantStatus(t, r, 400)
	if r.obj(t)["code"] != "contact.limitExceeded" {
		t.Errorf("over 1000 = %s", r.Body)
	}
}

func TestContactListsMembership(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	c := createContact(t, s, map[string]any{"email": "a@x.co"})
	mk := func(name string) int64 {
		r := do(t, s, "POST", "/v3/contact-lists", map[string]any{"name": name})
		wantStatus(t, r, 201)
		return int64(r.obj(t)["id"].(float64))
	}
	l1, l2 := mk("Prospects"), mk("Événements")
	r := do(t, s, "POST", "/v3/contact-lists", map[string]any{"name": "prospects"})
	wantStatus(t, r, 409)
	wantStatus(t, do(t, s, "POST", "/v3/contact-lists", map[string]any{"name": "x"}), 400)
	r = do(t, s, "POST", fmt.Sprintf("/v3/contact-lists/%d/add-contacts", l1), map[string]any{"contactIds": []int64{c.ID, 4242}})
	wantStatus(t, r, 200)
	if m := r.obj(t); len(m) != 1 || m["4242"].(map[string]any)["error"] != "contactNotProcessed" {
		t.Errorf("add = %s", r.Body)
	}
	do(t, s, "POST", fmt.Sprintf("/v3/contact-lists/%d/add-contacts", l2), map[string]any{"contactIds": []int64{c.ID}})
	var lists []struct {
		ID int64 `json:"id"`
	}
	do(t, s, "GET", fmt.Sprintf("/v3/contacts/%d/lists", c.ID), nil).json(t, &lists)
	if len(lists) != 2 {
		t.Fatalf("lists = %+v", lists)
	}
	do(t, s, "POST", fmt.Sprintf("/v3/contact-lists/%d/move-contacts", l1), map[string]any{"contactIds": []int64{c.ID}})
	do(t, s, "GET", fmt.Sprintf("/v3/contacts/%d/lists", c.ID), nil).json(t, &lists)
	if len(lists) != 1 || lists[0].ID != l1 {
		t.Errorf("after move = %+v", lists)
	}
	r = do(t, s, "POST", fmt.Sprintf("/v3/contact-lists/%d/add-contacts", l1), map[string]any{"contactIds": []int64{}})
	wantStatus(t, r, 400)
}
