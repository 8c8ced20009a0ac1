package reply_test

import (
	"context"
	"errors"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
)

// checkWindows fails if more than limit of times fall in any span of length span.
func checkWindows(t *testing.T, times []time.Time, span time.Duration, limit int) {
	t.Helper()
	for i := limit; i < len(times); i++ {
		if d := times[i].Sub(times[i-limit]); d < span {
			t.Fatalf("requests %d and %d are %v apart: more than %d in %v", i-limit, i, d, limit, span)
		}
	}
}

func TestPacerWindows(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		perMin, perH int
		n            int
		wantMin      time.Duration // simulated duration bounds
		wantMax      time.Duration
	}{
		{"100/min, 250 requests", 100, 0, 250, 2 * time.Minute, 2*time.Minute + time.Second},
		{"10/hour, 25 requests", 0, 10, 25, 2 * time.Hour, 2*time.Hour + time.Second},
		{"both windows", 100, 300, 650, 2 * time.Hour, 2*time.Hour + time.Second},
		{"unlimited", 0, 0, 1000, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clk := newFakeClock()
			p := reply.NewPacer(tt.perMin, tt.perH, clk)
			start := clk.Now()
			var times []time.Time
			var waited time.Duration
			for range tt.n {
				w, err := p.Wait(t.Context())
				if err != nil {
					t.Fatal(err)
				}
				waited += w
				times = append(times, clk.Now())
			}
			if tt.perMin > 0 {
				checkWindows(t, times, time.Minute, tt.perMin)
			}
			if tt.perH > 0 {
				checkWindows(t, times, time.Hour, tt.perH)
			}
			d := clk.Now().Sub(start)
			if d < tt.wantMin || d > tt.wantMax {
				t.Errorf("simulated duration %v, want [%v, %v]", d, tt.wantMin, tt.wantMax)
			}
			if waited != d {
				t.Errorf("reported wait %v, clock moved %v", waited, d)
			}
		})
	}
}

func TestPacerBlock(t *testing.T) {
	t.Parallel()
	clk := newFakeClock()
	p := reply.NewPacer(0, 0, clk)
	p.Block(clk.Now().Add(37 * time.Second))
	w, err := p.Wait(t.Context())
	if err != nil || w != 37*time.Second {
		t.Errorf("Wait after Block = %v, %v; want 37s", w, err)
	}
	p.Block(clk.Now().Add(-time.Hour)) // in the past: no effect
	if w, _ := p.Wait(t.Context()); w != 0 {
		t.Errorf("Wait after a past Block = %v", w)
	}
}

// blockingClock sleeps until its context ends, announcing each Sleep on entered.
type blockingClock struct {
	now     time.Time
	entered chan struct{}
}

func (c *blockingClock) Now() time.Time { return c.now }
func (c *blockingClock) Sleep(ctx context.Context, d time.Duration) error {
	c.entered <- struct{}{}
	<-ctx.Done()
	return ctx.Err()
}

func TestPacerWaitHonoursContext(t *testing.T) {
	t.Parallel()
	clk := &blockingClock{now: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC), entered: make(chan struct{}, 1)}
	p := reply.NewPacer(1, 0, clk)
	if _, err := p.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := p.Wait(ctx)
		done <- err
	}()
	<-clk.entered // the second Wait is sleeping on the pacer
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Wait = %v, want context.Canceled", err)
	}

	// The same through a client: the request is never sent.
	h := &scripted{answers: []answer{{header: map[string]string{"Content-Type": "application/json"}, body: okList}}}
	c, _ := mustHandlerClient(t, h, reply.WithPacer(p))
	ctx2, cancel2 := context.WithCancel(t.Context())
	go func() {
		<-clk.entered
		cancel2()
	}()
	if _, err := c.ContactLists.Get(ctx2, 7); !errors.Is(err, context.Canceled) {
		t.Errorf("Get = %v, want context.Canceled", err)
	}
	if n := h.n.Load(); n != 0 {
		t.Errorf("%d requests sent while the pacer was waiting", n)
	}
}

func TestPacerSharedConcurrent(t *testing.T) {
	t.Parallel()
	clk := newFakeClock()
	p := reply.NewPacer(50, 0, clk)
	start := clk.Now()
	var mu sync.Mutex
	var times []time.Time
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 40 {
				if _, err := p.Wait(t.Context()); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				times = append(times, clk.Now())
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(times) != 160 {
		t.Fatalf("%d waits", len(times))
	}
	// With a fake clock every sleeper moves the shared time, so recorded times can run ahead of the pacer's
	// own; only the lower bound is exact: 160 requests at 50 per minute need at least 3 minutes.
	if d := clk.Now().Sub(start); d < 3*time.Minute {
		t.Errorf("160 requests at 50/min took %v, want >= 3m", d)
	}
}

func sortTimes(ts []time.Time) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j].Before(ts[j-1]); j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}

// TestPacingAcceptance: 500 requests against an emulator limited to 100 per minute, on the emulator's clock:
// no 429, and a simulated duration within 2% of 4 minutes.
func TestPacingAcceptance(t *testing.T) {
	t.Parallel()
	srv := mustServer(t, replytest.WithLimits(100, 0))
	c, err := reply.NewClient(srv.Key, reply.WithBaseURL(srv.URL), reply.WithClock(srv.Clock()), reply.WithRateLimits(100, 0))
	if err != nil {
		t.Fatal(err)
	}
	start := srv.Now()
	for i := range 500 {
		if _, err := c.WhoAmI.Get(t.Context()); err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	s := c.Stats()
	if s.RateLimited != 0 || s.Requests != 500 {
		t.Errorf("stats = %+v, want 500 requests and no 429", s)
	}
	got := srv.Now().Sub(start)
	if want := 4 * time.Minute; math.Abs(float64(got-want)) > 0.02*float64(want) {
		t.Errorf("simulated duration %v, want within 2%% of %v", got, want)
	}
	t.Logf("500 requests at 100/min: simulated %v, waited %v, 429s %d", got, s.Waited, s.RateLimited)
}

// TestPacingSharedPacer: two clients of one user share a pacer with the default limits (100/min, 3000/h)
// against an emulator enforcing the API's limits: no 429.
func TestPacingSharedPacer(t *testing.T) {
	t.Parallel()
	srv := mustServer(t, replytest.WithLimits(100, 3000))
	p := reply.NewPacer(reply.DefaultPerMinute, reply.DefaultPerHour, srv.Clock())
	a := mustClient(t, srv, reply.WithPacer(p))
	b := mustClient(t, srv, reply.WithPacer(p))
	for i := range 150 {
		c := a
		if i%2 == 1 {
			c = b
		}
		if _, err := c.WhoAmI.Get(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	if n := a.Stats().RateLimited + b.Stats().RateLimited; n != 0 {
		t.Errorf("%d 429s with a shared pacer", n)
	}
}
