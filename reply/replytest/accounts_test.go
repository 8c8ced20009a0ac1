package replytest_test

import (
	"fmt"
	"testing"
	"time"
)

func TestAccountPutClearsAndActivityCursor(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	r := do(t, s, "POST", "/v3/contact-accounts", map[string]any{"name": "Acme", "industry": "Software", "city": "Kraków", "companySize": "51-200"})
	wantStatus(t, r, 201)
	a := r.obj(t)
	id := int64(a["id"].(float64))
	if a["createdDate"] != "2026-01-05T09:00:00Z" || a["lastActivityDate"] != a["createdDate"] || a["emailProvider"] != nil {
		t.Fatalf("created = %s", r.Body)
	}
	s.Advance(time.Minute)
	r = do(t, s, "PUT", fmt.Sprintf("/v3/contact-accounts/%d", id), map[string]any{"name": "Acme Inc"})
	wantStatus(t, r, 200)
	a = r.obj(t)
	if a["industry"] != nil || a["city"] != nil || a["companySize"] != nil || a["name"] != "Acme Inc" {
		t.Errorf("PUT did not clear omitted fields: %s", r.Body)
	}
	if a["lastActivityDate"] != "2026-01-05T09:01:00Z" {
		t.Errorf("lastActivityDate = %v", a["lastActivityDate"])
	}
	// Linking a contact moves the cursor and the count.
	s.Advance(time.Minute)
	createContact(t, s, map[string]any{"email": "x@acme.co", "accountId": id})
	a = do(t, s, "GET", fmt.Sprintf("/v3/contact-accounts/%d", id), nil).obj(t)
	if a["lastActivityDate"] != "2026-01-05T09:02:00Z" || a["linkedProspectsCount"] != float64(1) {
		t.Errorf("after link = %v", a)
	}
	// Server-side incremental read.
	filter := map[string]any{"filters": []any{map[string]any{"property": "LastActivityDate", "condition": "GreaterThan", "values": "2026-01-05T09:01:30Z"}}}
	var p page[map[string]any]
	do(t, s, "POST", "/v3/contact-accounts/filter", filter).json(t, &p)
	if len(p.Items) != 1 {
		t.Errorf("filter = %+v", p)
	}
	wantStatus(t, do(t, s, "POST", "/v3/contact-accounts/filter", map[string]any{"filters": []any{map[string]any{"property": "Nope", "condition": "Equals", "values": "x"}}}), 400)
	// Owner must be a team member.
	wantStatus(t, do(t, s, "PUT", fmt.Sprintf("/v3/contact-accounts/%d/owner", id), map[string]any{"userId": 1}), 400)
	wantStatus(t, do(t, s, "PUT", fmt.Sprintf("/v3/contact-accounts/%d/owner", id), map[string]any{"userId": 1235}), 200)
}

func TestAccountBulk(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	r := do(t, s, "POST", "/v3/contact-accounts/bulk", map[string]any{"items": []any{map[string]any{"name": "A"}, map[string]any{"industry": "x"}}})
	wantStatus(t, r, 400)
	if e := r.obj(t)["errors"].([]any)[0].(map[string]any); e["pointer"] != "/items/1/name" {
		t.Errorf("pointer = %v", e)
	}
	r = do(t, s, "POST", "/v3/contact-accounts/bulk", map[string]any{"items": []any{map[string]any{"name": "A"}, map[string]any{"name": "B", "companySize": "huge"}}})
	wantStatus(t, r, 200)
	var res []struct {
		ID    *int64 `json:"id"`
		Error *int   `json:"error"`
	}
	r.json(t, &res)
	if len(res) != 2 || res[0].ID == nil || res[1].ID != nil || res[1].Error == nil || *res[1].Error != 3 {
		t.Fatalf("bulk = %s", r.Body)
	}
	r = do(t, s, "POST", "/v3/contact-accounts/bulk-delete", map[string]any{"ids": []int64{*res[0].ID, 5}})
	if m := r.obj(t); len(m) != 1 || m["5"] == nil {
		t.Errorf("bulk delete = %s", r.Body)
	}
}
