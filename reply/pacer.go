package reply

import (
	"context"
	"sync"
	"time"
)

// Clock is the source of time for pacing and retry waits. Tests inject a fake whose Sleep advances the fake
// time at once (the emulator's Clock does), so no test really sleeps.
type Clock interface {
	Now() time.Time
	// Sleep waits for d or until ctx is done, whichever comes first, and returns ctx.Err() in the latter case.
	Sleep(ctx context.Context, d time.Duration) error
}

// realClock is the wall clock.
type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// pacerSlack is added to each window: a request is sent only once the one it displaces is more than a window
// plus this much in the past. The server counts requests when they arrive, so differences in network delay
// between two requests up to this much cannot put more than the limit into one of its windows. It costs 0.4% of
// the throughput at 100 requests per minute.
const pacerSlack = 250 * time.Millisecond

// Pacer spaces requests so that there are never more than perMinute of them in any 60-second span nor perHour in
// any 3600-second span (two sliding-window logs). That also keeps them under the API's fixed windows. One Pacer
// serves every goroutine and every client it is given to ([WithPacer]); share one per Reply user.
//
// After a 429, [Pacer.Block] holds every request until the server's Retry-After has passed.
type Pacer struct {
	clock  Clock
	mu     sync.Mutex
	minute window
	hour   window
	until  time.Time // no request before this instant (set from Retry-After)
}

// window is a ring of the send times of the last n requests.
type window struct {
	span  time.Duration
	times []time.Time // ring buffer, len == cap == limit once full
	next  int         // index of the oldest entry once full
	limit int         // 0 = unlimited
}

// NewPacer returns a pacer allowing perMinute requests per minute and perHour per hour; 0 means no limit on that
// window. A nil clock is the wall clock. Negative limits count as 0.
func NewPacer(perMinute, perHour int, clock Clock) *Pacer {
	if clock == nil {
		clock = realClock{}
	}
	return &Pacer{
		clock:  clock,
		minute: window{span: time.Minute, limit: max(perMinute, 0)},
		hour:   window{span: time.Hour, limit: max(perHour, 0)},
	}
}

// Limits returns the pacer's limits per minute and per hour (0 = none).
func (p *Pacer) Limits() (perMinute, perHour int) { return p.minute.limit, p.hour.limit }

// earliest is the first instant at which one more request fits in w.
func (w *window) earliest() time.Time {
	if w.limit == 0 || len(w.times) < w.limit {
		return time.Time{}
	}
	return w.times[w.next].Add(w.span + pacerSlack)
}

func (w *window) add(t time.Time) {
	if w.limit == 0 {
		return
	}
	if len(w.times) < w.limit {
		w.times = append(w.times, t)
		return
	}
	w.times[w.next] = t
	w.next = (w.next + 1) % w.limit
}

// Wait blocks until one more request may be sent, records it as sent, and returns how long it waited. It returns
// ctx.Err() (and records nothing) if ctx ends first.
func (p *Pacer) Wait(ctx context.Context) (time.Duration, error) {
	var waited time.Duration
	for {
		if err := ctx.Err(); err != nil {
			return waited, err
		}
		p.mu.Lock()
		now := p.clock.Now()
		at := p.until
		if t := p.minute.earliest(); t.After(at) {
			at = t
		}
		if t := p.hour.earliest(); t.After(at) {
			at = t
		}
		if !at.After(now) {
			p.minute.add(now)
			p.hour.add(now)
			p.mu.Unlock()
			return waited, nil
		}
		p.mu.Unlock()
		d := at.Sub(now)
		if err := p.clock.Sleep(ctx, d); err != nil {
			return waited, err
		}
		waited += d
	}
}

// Block holds every request until t (a 429's Retry-After). Earlier values than the current hold are ignored.
func (p *Pacer) Block(t time.Time) {
	p.mu.Lock()
	if t.After(p.until) {
		p.until = t
	}
	p.mu.Unlock()
}
