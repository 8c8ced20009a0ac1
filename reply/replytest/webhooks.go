package replytest

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
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

func (e *Emulator) registerWebhookRoutes() {}
