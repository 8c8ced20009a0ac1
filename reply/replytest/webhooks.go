package replytest

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// webhookRec is a stored webhook subscription.
type webhookRec struct {
	ID            int64
	EventType     string
	URL           string
	Scope         string
	Enabled       bool
	CreatedAt     time.Time
	OwnerUserID   int64
	PayloadConfig payloadConfig
	Failures      int // consecutive failed deliveries
}

type payloadConfig struct {
	IncludeEmailURL             bool `json:"includeEmailUrl"`
	IncludeEmailText            bool `json:"includeEmailText"`
	IncludeProspectCustomFields bool `json:"includeProspectCustomFields"`
}

// webhookLog is one failed delivery attempt.
type webhookLog struct {
	EventID    string  `json:"eventId"`
	HTTPStatus *int    `json:"httpStatus"`
	Date       tOffset `json:"date"`
}

// delivery is one webhook POST to send.
type delivery struct {
	webhookID int64
	url       string
	eventID   string
	body      []byte
	done      chan error // test deliveries: the outcome; nil for events
}

// deliverer sends webhook deliveries in order from one goroutine, outside the emulator lock.
type deliverer struct {
	e       *Emulator
	client  *http.Client
	mu      sync.Mutex
	cond    *sync.Cond
	queue   []delivery
	busy    bool
	started bool
	closed  bool
	ctx     context.Context
	cancel  context.CancelFunc
}

func newDeliverer(e *Emulator) *deliverer {
	ctx, cancel := context.WithCancel(context.Background())
	d := &deliverer{e: e, client: &http.Client{Timeout: 10 * time.Second}, ctx: ctx, cancel: cancel}
	d.cond = sync.NewCond(&d.mu)
	return d
}

func (d *deliverer) enqueue(ds []delivery) {
	if len(ds) == 0 {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return
	}
	d.queue = append(d.queue, ds...)
	if !d.started {
		d.started = true
		go d.run()
	}
	d.cond.Broadcast()
}

func (d *deliverer) run() {
	for {
		d.mu.Lock()
		for len(d.queue) == 0 && !d.closed {
			d.busy = false
			d.cond.Broadcast()
			d.cond.Wait()
		}
		if d.closed {
			d.busy = false
			d.cond.Broadcast()
			d.mu.Unlock()
			return
		}
		x := d.queue[0]
		d.queue = d.queue[1:]
		d.busy = true
		d.mu.Unlock()
		if x.done == nil && !d.e.deliverable(x) {
			// §4.1, §4.4: a subscription deleted or disabled (20 failures, /disable) since the event was queued
			// gets no more deliveries.
			continue
		}
		status, err := d.post(x)
		d.e.recordDelivery(x, status, err)
		if x.done != nil {
			x.done <- err
		}
	}
}

// wait blocks until the queue is empty and no delivery is in flight.
func (d *deliverer) wait() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for (len(d.queue) > 0 || d.busy) && !d.closed {
		d.cond.Wait()
	}
}

// clear drops the queued deliveries (Reset).
func (d *deliverer) clear() {
	d.mu.Lock()
	d.queue = nil
	d.mu.Unlock()
}

func (d *deliverer) close() {
	d.mu.Lock()
	d.closed = true
	d.queue = nil
	d.cond.Broadcast()
	d.mu.Unlock()
	d.cancel()
}

// errDeliveryRefused reports a target outside the loopback host.
type deliveryError string

func (e deliveryError) Error() string { return string(e) }

// post sends one delivery. It returns the HTTP status (0 when no response arrived).
func (d *deliverer) post(x delivery) (int, error) {
	if !loopbackURL(x.url) {
		return 0, deliveryError("webhook target is not a loopback URL; the emulator only delivers to 127.0.0.1/localhost")
	}
	req, err := http.NewRequestWithContext(d.ctx, http.MethodPost, x.url, bytes.NewReader(x.body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := d.client.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, deliveryError("webhook target answered " + resp.Status)
	}
	return resp.StatusCode, nil
}

func loopbackURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	switch u.Hostname() {
	case "127.0.0.1", "localhost", "::1":
		return true
	}
	return false
}

// deliverable reports whether the subscription of a queued event delivery still exists and is enabled.
func (e *Emulator) deliverable(x delivery) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	w, ok := e.webhooks.get(x.webhookID)
	return ok && w.Enabled
}

// recordDelivery logs a failed delivery and disables a subscription after 20 consecutive failures.
func (e *Emulator) recordDelivery(x delivery, status int, err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	w, ok := e.webhooks.get(x.webhookID)
	if !ok {
		return
	}
	if err == nil {
		w.Failures = 0
		return
	}
	if x.done != nil { // test deliveries are not events: not logged
		return
	}
	var sp *int
	if status != 0 {
		s := status
		sp = &s
	}
	e.webhookLogs[w.ID] = append(e.webhookLogs[w.ID], webhookLog{EventID: x.eventID, HTTPStatus: sp, Date: tOffset(e.nowLocked())})
	w.Failures++
	if w.Failures >= 20 {
		w.Enabled = false
	}
}

// WaitWebhooks blocks until every queued webhook delivery has been attempted.
func (e *Emulator) WaitWebhooks() { e.hooks.wait() }

const maxActiveWebhooks = 50

type webhookJSON struct {
	ID            int64         `json:"id"`
	EventType     string        `json:"eventType"`
	URL           string        `json:"url"`
	Scope         string        `json:"scope"`
	Enabled       bool          `json:"enabled"`
	CreatedAt     tOffset       `json:"createdAt"`
	PayloadConfig payloadConfig `json:"payloadConfig"`
}

func hookJSON(w *webhookRec) webhookJSON {
	return webhookJSON{ID: w.ID, EventType: w.EventType, URL: w.URL, Scope: w.Scope, Enabled: w.Enabled,
		CreatedAt: tOffset(w.CreatedAt), PayloadConfig: w.PayloadConfig}
}

func (e *Emulator) activeWebhooks(owner int64) int {
	n := 0
	for _, w := range e.webhooks.all() {
		if w.Enabled && w.OwnerUserID == owner {
			n++
		}
	}
	return n
}

func (e *Emulator) registerWebhookRoutes() {
	e.route("GET /v3/webhooks", "webhooks.list", func(c *call) {
		top, skip, ok := c.page(25, 1000, "webHook.invalidPagination")
		if !ok {
			return
		}
		var items []webhookJSON
		for _, w := range e.webhooks.all() {
			if w.OwnerUserID == c.user().ID {
				items = append(items, hookJSON(w))
			}
		}
		writePage(c, items, top, skip)
	})
	e.route("GET /v3/webhooks/events", "webhooks.events", func(c *call) {
		c.json(http.StatusOK, map[string]any{"events": eventTypes})
	})
	e.route("POST /v3/webhooks", "webhooks.create", func(c *call) { e.writeWebhook(c, false) })
	e.route("GET /v3/webhooks/{id}", "webhooks.get", func(c *call) {
		if w, ok := e.webhookByPath(c); ok {
			c.json(http.StatusOK, hookJSON(w))
		}
	})
	e.route("PUT /v3/webhooks/{id}", "webhooks.update", func(c *call) {
		if _, ok := c.pathID("id"); ok {
			e.writeWebhook(c, true)
		}
	})
	e.route("DELETE /v3/webhooks/{id}", "webhooks.delete", func(c *call) {
		if w, ok := e.webhookByPath(c); ok {
			e.webhooks.del(w.ID)
			delete(e.webhookLogs, w.ID)
			c.noContent()
		}
	})
	e.route("POST /v3/webhooks/{id}/enable", "webhooks.enable", func(c *call) {
		w, ok := e.webhookByPath(c)
		if !ok {
			return
		}
		if !w.Enabled && e.activeWebhooks(w.OwnerUserID) >= maxActiveWebhooks {
			c.problem(http.StatusConflict, "webHook.limitReached", "At most 50 active webhook subscriptions are allowed.")
			return
		}
		w.Enabled, w.Failures = true, 0
		c.noContent()
	})
	e.route("POST /v3/webhooks/{id}/disable", "webhooks.disable", func(c *call) {
		if w, ok := e.webhookByPath(c); ok {
			w.Enabled = false
			c.noContent()
		}
	})
	e.route("POST /v3/webhooks/{id}/test", "webhooks.test", e.testWebhook)
	e.route("GET /v3/webhooks/{id}/logs", "webhooks.logs", func(c *call) {
		w, ok := e.webhookByPath(c)
		if !ok {
			return
		}
		top, skip, ok := c.page(25, 1000, "webHook.invalidPagination")
		if !ok {
			return
		}
		logs := e.webhookLogs[w.ID]
		items := make([]webhookLog, 0, len(logs))
		for i := len(logs) - 1; i >= 0; i-- { // newest first
			items = append(items, logs[i])
		}
		writePage(c, items, top, skip)
	})
}

func (e *Emulator) webhookByPath(c *call) (*webhookRec, bool) {
	id, ok := c.pathID("id")
	if !ok {
		return nil, false
	}
	w, ok := e.webhooks.get(id)
	if !ok || w.OwnerUserID != c.user().ID {
		c.problem(http.StatusNotFound, "webHook.notFound", "Webhook with ID "+itoa(id)+" not found.")
		return nil, false
	}
	return w, true
}

// writeWebhook creates (w == nil) or fully replaces a subscription.
// writeWebhook creates a subscription or (update) replaces the one at the path id, which is looked up once the
// body has passed validation (§1.6: validation 400 before 404).
func (e *Emulator) writeWebhook(c *call, update bool) {
	var b struct {
		EventType     *string        `json:"eventType"`
		URL           *string        `json:"url"`
		Scope         *string        `json:"scope"`
		Enabled       *bool          `json:"enabled"`
		PayloadConfig *payloadConfig `json:"payloadConfig"`
	}
	if !c.decode(&b) {
		return
	}
	var errs []fieldError
	if b.EventType == nil {
		errs = append(errs, fieldError{"/eventType", "Field is required."})
	}
	if b.URL == nil {
		errs = append(errs, fieldError{"/url", "Field is required."})
	}
	if update && b.Scope == nil {
		errs = append(errs, fieldError{"/scope", "Field is required."})
	}
	if len(errs) > 0 {
		c.invalid(errs...)
		return
	}
	if len(c.pending) > 0 {
		return
	}
	var w *webhookRec
	if update {
		var ok bool
		if w, ok = e.webhookByPath(c); !ok {
			return
		}
	}
	// §1.10: the event type is matched case-insensitively and stored in its documented (snake_case) form.
	eventType, ok := enumValue(*b.EventType, eventTypes)
	if !ok {
		c.problem(http.StatusBadRequest, "webHook.invalidEvent", "'"+*b.EventType+"' is not a valid event type.")
		return
	}
	b.EventType = &eventType
	if u, err := url.Parse(*b.URL); err != nil || !u.IsAbs() || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(*b.URL) > 1024 {
		c.problem(http.StatusBadRequest, "webHook.invalidUrl", "The url must be an absolute http or https URL of at most 1024 characters.")
		return
	}
	scope := "personal"
	if b.Scope != nil {
		s, ok := enumValue(*b.Scope, []string{"personal", "team", "organization"})
		switch {
		case !ok:
			c.problem(http.StatusBadRequest, "webHook.invalidScope", "'"+*b.Scope+"' is not a valid scope.")
			return
		case s == "organization":
			c.problem(http.StatusBadRequest, "webHook.organizationScopeNotImplemented", "The organization scope is not implemented.")
			return
		}
		scope = s
	}
	pc := payloadConfig{}
	if b.PayloadConfig != nil {
		pc = *b.PayloadConfig
	}
	if w == nil {
		enabled := b.Enabled == nil || *b.Enabled
		if enabled && e.activeWebhooks(c.user().ID) >= maxActiveWebhooks {
			c.problem(http.StatusConflict, "webHook.limitReached", "At most 50 active webhook subscriptions are allowed.")
			return
		}
		w = &webhookRec{ID: e.nextID("webhook"), EventType: *b.EventType, URL: *b.URL, Scope: scope, Enabled: enabled,
			CreatedAt: c.now(), OwnerUserID: c.user().ID, PayloadConfig: pc}
		e.webhooks.put(w.ID, w)
		c.created(hookJSON(w))
		return
	}
	w.EventType, w.URL, w.Scope, w.PayloadConfig = *b.EventType, *b.URL, scope, pc
	c.json(http.StatusOK, hookJSON(w))
}

// samplePayload returns made-up event fields for POST /v3/webhooks/{id}/test.
func samplePayload(eventType string) map[string]any {
	contact := map[string]any{"id": 12345, "email": "john.doe@company.com", "first_name": "John", "last_name": "Doe",
		"company": "Tech Solutions Inc", "title": "Senior Product Manager"}
	seq := map[string]any{"id": 100, "name": "Sales Outreach"}
	p := map[string]any{}
	switch {
	case strings.HasPrefix(eventType, "email_account_"):
		p["email_account_fields"] = map[string]any{"id": 1, "email": "sender@company.com"}
		p["error"] = "Sample error"
	case eventType == "linkedin_account_alerts":
		p["linkedin_account_fields"] = map[string]any{"id": 1, "name": "Sample account"}
		p["alert_type"] = "Sample"
	case eventType == "autopilot_stopped":
		p["sequence_fields"] = seq
	default:
		p["contact_fields"] = contact
		p["sequence_fields"] = seq
		if strings.HasPrefix(eventType, "linkedin_") {
			p["linkedin_account_fields"] = map[string]any{"id": 1, "name": "Sample account"}
		}
		if strings.HasPrefix(eventType, "email_") || eventType == "reply_categorized" {
			p["email_fields"] = map[string]any{"email_account_id": 1, "subject": "Sample subject", "step_id": 1,
				"email_url": "https://app.reply.example/email/1", "email_text": "Sample text"}
		}
		switch eventType {
		case "email_replied":
			p["reply_reason"] = "EmailDetected"
		case "email_bounced":
			p["bounce_type"] = "Hard"
		case "contact_finished":
			p["finish_reason"] = "Manual"
		case "contact_called":
			p["call_status"] = "Called"
			delete(p, "sequence_fields")
		}
		if strings.HasSuffix(eventType, "_categorized") {
			p["category"] = "Interested"
		}
	}
	return p
}

// testWebhook posts a sample payload synchronously (the lock is released while it is sent).
func (e *Emulator) testWebhook(c *call) {
	w, ok := e.webhookByPath(c)
	if !ok {
		return
	}
	if !w.Enabled {
		c.problem(http.StatusNotFound, "webHook.notFound", "Webhook with ID "+itoa(w.ID)+" is disabled.")
		return
	}
	_, body := e.envelope(w, w.EventType, c.now(), samplePayload(w.EventType))
	x := delivery{webhookID: w.ID, url: w.URL, body: body}
	e.mu.Unlock()
	_, err := e.hooks.post(x)
	e.mu.Lock()
	if err != nil {
		c.problem(http.StatusBadGateway, "webHook.deliveryFailed", "The webhook target did not accept the test payload: "+err.Error())
		return
	}
	c.noContent()
}
