package replytest_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/replykit/replykit/reply/replytest"
)

func TestWebhookDelivery(t *testing.T) {
	t.Parallel()
	got := make(chan map[string]any, 10)
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var m map[string]any
		_ = json.Unmarshal(b, &m)
		got <- m
	}))
	defer recv.Close()
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) }))
	defer failing.Close()

	s := newServer(t)
	r := do(t, s, "POST", "/v3/webhooks", map[string]any{"eventType": "contact_called", "url": recv.URL + "/hook",
		"payloadConfig": map[string]any{"includeProspectCustomFields": true}})
	wantStatus(t, r, 201)
	hook := r.obj(t)
	if hook["scope"] != "personal" || hook["enabled"] != true || hook["createdAt"] != "2026-01-05T09:00:00+00:00" {
		t.Errorf("webhook = %s", r.Body)
	}
	r = do(t, s, "POST", "/v3/webhooks", map[string]any{"eventType": "contact_called", "url": failing.URL})
	bad := int64(r.obj(t)["id"].(float64))

	c := createContact(t, s, map[string]any{"email": "callme@x.co", "firstName": "Łukasz"})
	wantStatus(t, do(t, s, "PATCH", fmt.Sprintf("/v3/contacts/%d", c.ID), map[string]any{"callStatus": "called"}), 200)
	s.WaitWebhooks()
	m := <-got
	ev := m["event"].(map[string]any)
	if ev["type"] != "contact_called" || ev["date"] != "2026-01-05T09:00:00.000Z" || ev["user_id"] != float64(1234) || len(ev["id"].(string)) != 36 {
		t.Errorf("event = %v", ev)
	}
	if cf := m["contact_fields"].(map[string]any); cf["id"] != float64(c.ID) || cf["first_name"] != "Łukasz" {
		t.Errorf("contact_fields = %v", cf)
	}
	if m["call_status"] != "Called" || m["contact_custom_fields"] == nil {
		t.Errorf("payload = %v", m)
	}
	var logs page[map[string]any]
	do(t, s, "GET", fmt.Sprintf("/v3/webhooks/%d/logs", bad), nil).json(t, &logs)
	if len(logs.Items) != 1 || logs.Items[0]["httpStatus"] != float64(500) {
		t.Errorf("logs = %+v", logs)
	}
	// Test endpoint: 204 on a 2xx target, 502 otherwise.
	wantStatus(t, do(t, s, "POST", fmt.Sprintf("/v3/webhooks/%d/test", int64(hook["id"].(float64))), nil), 204)
	<-got
	r = do(t, s, "POST", fmt.Sprintf("/v3/webhooks/%d/test", bad), nil)
	wantStatus(t, r, 502)
	// PUT resets payloadConfig.
	r = do(t, s, "PUT", fmt.Sprintf("/v3/webhooks/%d", int64(hook["id"].(float64))), map[string]any{"eventType": "email_replied", "url": recv.URL, "scope": "team"})
	wantStatus(t, r, 200)
	if pc := r.obj(t)["payloadConfig"].(map[string]any); pc["includeProspectCustomFields"] != false {
		t.Errorf("payloadConfig = %v", pc)
	}
	wantStatus(t, do(t, s, "POST", "/v3/webhooks", map[string]any{"eventType": "sequence_started", "url": recv.URL}), 400)
	wantStatus(t, do(t, s, "POST", "/v3/webhooks", map[string]any{"eventType": "email_sent", "url": recv.URL, "scope": "organization"}), 400)
}

func TestWebhookEventsControl(t *testing.T) {
	t.Parallel()
	got := make(chan map[string]any, 10)
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var m map[string]any
		_ = json.NewDecoder(r.Body).Decode(&m)
		got <- m
	}))
	defer recv.Close()
	s := newServer(t, replytest.WithSeed(replytest.SmallAccount))
	wantStatus(t, do(t, s, "POST", "/v3/webhooks", map[string]any{"eventType": "email_replied", "url": recv.URL}), 201)
	r := do(t, s, "POST", "/_emulator/events", map[string]any{"type": "email_replied", "contactId": 1001, "fields": map[string]any{"reply_reason": "EmailDetected"}})
	wantStatus(t, r, 202)
	s.WaitWebhooks()
	m := <-got
	if m["reply_reason"] != "EmailDetected" || m["contact_fields"].(map[string]any)["id"] != float64(1001) {
		t.Errorf("event = %v", m)
	}
}

func TestOptOutEvents(t *testing.T) {
	t.Parallel()
	got := make(chan map[string]any, 50)
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var m map[string]any
		_ = json.NewDecoder(r.Body).Decode(&m)
		got <- m
	}))
	defer recv.Close()
	s := newServer(t, replytest.WithSeed(replytest.SmallAccount))
	wantStatus(t, do(t, s, "POST", "/v3/webhooks", map[string]any{"eventType": "contact_opted_out", "url": recv.URL}), 201)
	// Find an enrolled contact that has not opted out.
	var id int64
	var seqs []map[string]any
	for cid := int64(1001); cid < 1001+int64(replytest.SmallAccount.Contacts); cid++ {
		var c contact
		do(t, s, "GET", fmt.Sprintf("/v3/contacts/%d", cid), nil).json(t, &c)
		do(t, s, "GET", fmt.Sprintf("/v3/contacts/%d/sequences", cid), nil).json(t, &seqs)
		if len(seqs) > 0 && !c.IsOptedOut {
			id = cid
			break
		}
	}
	if id == 0 {
		t.Fatal("SmallAccount has no enrolled contact")
	}
	wantStatus(t, do(t, s, "PATCH", fmt.Sprintf("/v3/contacts/%d", id), map[string]any{"isOptedOut": true}), 200)
	s.WaitWebhooks()
	if n := len(got); n != len(seqs) {
		t.Errorf("%d contact_opted_out events for %d sequences", n, len(seqs))
	}
	do(t, s, "GET", fmt.Sprintf("/v3/contacts/%d/sequences", id), nil).json(t, &seqs)
	for _, sq := range seqs {
		if sq["statusInSequence"] != "finished" {
			t.Errorf("membership = %v", sq)
		}
	}
	// Opting out again changes nothing and sends nothing.
	wantStatus(t, do(t, s, "PATCH", fmt.Sprintf("/v3/contacts/%d", id), map[string]any{"isOptedOut": true}), 200)
	s.WaitWebhooks()
	if n := len(got); n != len(seqs) {
		t.Errorf("second opt-out sent events: %d", n)
	}
}
