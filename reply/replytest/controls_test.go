package replytest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/replykit/replykit/reply/replytest"
)

func TestHTTPControls(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	// Controls need no key and are not rate limited nor logged.
	ctl := func(method, path string, body any) resp { return doKey(t, s, "", method, path, body) }
	wantStatus(t, ctl("POST", "/_emulator/clock", map[string]any{"now": "2026-03-01T10:00:30Z"}), 200)
	if got := s.Now(); !got.Equal(time.Date(2026, 3, 1, 10, 0, 30, 0, time.UTC)) {
		t.Errorf("now = %v", got)
	}
	wantStatus(t, ctl("POST", "/_emulator/clock", map[string]any{"advance": "PT1H30M"}), 200)
	if got := s.Now(); !got.Equal(time.Date(2026, 3, 1, 11, 30, 30, 0, time.UTC)) {
		t.Errorf("now after advance = %v", got)
	}
	wantStatus(t, ctl("PUT", "/_emulator/limits", map[string]any{"perMinute": 1, "perHour": 100}), 204)
	wantStatus(t, do(t, s, "GET", "/v3/whoami", nil), 200)
	r := do(t, s, "GET", "/v3/whoami", nil)
	wantStatus(t, r, 429)
	if r.Header.Get("Retry-After") != "30" {
		t.Errorf("Retry-After = %q", r.Header.Get("Retry-After"))
	}
	wantStatus(t, ctl("PUT", "/_emulator/limits", map[string]any{"perMinute": 0, "perHour": 0}), 204)
	wantStatus(t, ctl("POST", "/_emulator/faults", map[string]any{"operation": "whoami.get", "status": 503, "times": 1}), 204)
	wantStatus(t, do(t, s, "GET", "/v3/whoami", nil), 503)
	wantStatus(t, do(t, s, "GET", "/v3/whoami", nil), 200)
	wantStatus(t, ctl("PUT", "/_emulator/quirks", map[string]any{"nullContactTimestamps": true}), 204)
	c := createContact(t, s, map[string]any{"email": "q@x.co"})
	if c.CreatedAt != nil {
		t.Errorf("quirk off? createdAt = %v", *c.CreatedAt)
	}
	var reqs []replytest.Request
	ctl("GET", "/_emulator/requests", nil).json(t, &reqs)
	if len(reqs) != 5 {
		t.Errorf("request log has %d entries, want 5", len(reqs))
	}
	wantStatus(t, ctl("POST", "/_emulator/reset", nil), 204)
	if !s.Now().Equal(replytest.DefaultStart) || len(s.Requests()) != 0 {
		t.Errorf("reset: now %v, %d requests", s.Now(), len(s.Requests()))
	}
	wantStatus(t, do(t, s, "GET", "/v3/contacts/1001", nil), http.StatusNotFound)
}

func TestSeedDeterministic(t *testing.T) {
	t.Parallel()
	a, b := newServer(t, replytest.WithSeed(replytest.SmallAccount)), newServer(t, replytest.WithSeed(replytest.SmallAccount))
	for _, path := range []string{"/v3/contacts?top=100", "/v3/contact-accounts", "/v3/schedules", "/v3/email-accounts", "/v3/tasks", "/v3/custom-fields", "/v3/holiday-calendars", "/v3/linkedin-accounts"} {
		ra, rb := do(t, a, "GET", path, nil), do(t, b, "GET", path, nil)
		wantStatus(t, ra, 200)
		if string(ra.Body) != string(rb.Body) {
			t.Errorf("%s differs between two servers with the same seed", path)
		}
		if len(ra.Body) < 10 {
			t.Errorf("%s is empty: %s", path, ra.Body)
		}
	}
}

func TestSeedControl(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	doc := map[string]any{
		"linkedInAccounts":     []any{map[string]any{"id": 77, "name": "Søren"}},
		"domainBlacklistRules": []any{map[string]any{"id": 5, "pattern": "Global.example", "isGlobal": true}},
		"customFields":         []any{map[string]any{"id": 7, "title": "Tier", "fieldType": "text"}},
		"contacts": []any{map[string]any{"id": 42, "email": "seeded@x.co", "lastModifiedAt": "2025-12-01T00:00:00",
			"customFields": []any{map[string]any{"key": "7", "value": "Gold"}}}},
		"sequences": []any{},
	}
	r := doKey(t, s, "", "POST", "/_emulator/seed", doc)
	wantStatus(t, r, 200)
	wantStatus(t, do(t, s, "GET", "/v3/linkedin-accounts/77", nil), 200)
	r = do(t, s, "DELETE", "/v3/contact-blacklist-rules/domains/5", nil)
	wantStatus(t, r, 403)
	if r.obj(t)["code"] != "blacklistDomainRule.globalRuleReadOnly" {
		t.Errorf("global rule delete = %s", r.Body)
	}
	var c contact
	do(t, s, "GET", "/v3/contacts/42", nil).json(t, &c)
	if *c.LastModifiedAt != "2025-12-01T00:00:00" || len(c.CustomFields) != 1 || *c.CustomFields[0].Value != "Gold" {
		t.Errorf("seeded contact = %+v", c)
	}
	if got := createContact(t, s, map[string]any{"email": "next@x.co"}); got.ID != 1001 {
		t.Errorf("next id = %d", got.ID)
	}
}
