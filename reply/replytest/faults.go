package replytest

import (
	"math/rand/v2"
	"net/http"
	"strings"
	"time"
)

// Fault is an injected failure for one operation (see [Emulator.Fail]).
type Fault struct {
	Status     int           // answer with this status and a matching problem body (0: answer normally)
	RetryAfter time.Duration // Retry-After on a 429 (default 1s) or, when set, on a 503
	Code       string        // problem code (default "<resource>.injectedFault"; never on 429)
	Times      int           // the next Times calls; 0 means every call until Reset or Fail(op, Fault{})
	Delay      time.Duration // wait this long (wall time) before answering
	Drop       bool          // close the connection without answering; the request is not processed
	Truncate   bool          // process the request, then send half of the body and close the connection
}

// Chaos injects random failures into every API call, from a seeded generator.
type Chaos struct {
	Seed         int64
	Rate429      float64       // fraction answered 429 (Retry-After 1s)
	Rate5xx      float64       // fraction answered 500, 502 or 503 (not processed)
	RateSlow     float64       // fraction delayed by Delay
	RateDrop     float64       // fraction dropped (connection closed, not processed)
	RateTruncate float64       // fraction processed and answered with a truncated body
	Delay        time.Duration // delay of a slow answer (default 2s)
}

// Fail makes the next f.Times calls of op (e.g. "contacts.list") fail as f says. Faults of one operation are
// used in the order given. Fail(op, Fault{}) removes op's faults.
func (e *Emulator) Fail(op string, f Fault) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if f == (Fault{}) {
		delete(e.faults, op)
		return
	}
	e.faults[op] = append(e.faults[op], &f)
}

// SetChaos sets random fault injection (Chaos{} turns it off).
func (e *Emulator) SetChaos(c Chaos) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.chaos = c
	e.chaosRand = rand.New(rand.NewPCG(uint64(c.Seed), 0xc4a05))
}

// takeFaultLocked returns the fault to apply to this call of op, consuming one use.
func (e *Emulator) takeFaultLocked(op string) *Fault {
	fs := e.faults[op]
	if len(fs) == 0 {
		return nil
	}
	f := *fs[0]
	if fs[0].Times > 0 {
		fs[0].Times--
		if fs[0].Times == 0 {
			fs = fs[1:]
			if len(fs) == 0 {
				delete(e.faults, op)
			} else {
				e.faults[op] = fs
			}
		}
	}
	return &f
}

// writeFault answers an injected status.
func writeFault(w http.ResponseWriter, op string, f *Fault) {
	switch {
	case f.Status == http.StatusTooManyRequests:
		d := f.RetryAfter
		if d <= 0 {
			d = time.Second
		}
		writeTooMany(w, d)
	case f.Status == http.StatusUnauthorized:
		w.Header().Set("WWW-Authenticate", "Bearer")
		w.WriteHeader(http.StatusUnauthorized)
	default:
		if f.RetryAfter > 0 {
			w.Header().Set("Retry-After", itoa(int64(retryAfter(f.RetryAfter)/time.Second)))
		}
		code := f.Code
		if code == "" {
			code = faultResource(op) + ".injectedFault"
		}
		writeProblem(w, f.Status, code, "Injected fault ("+http.StatusText(f.Status)+").")
	}
}

// faultResource turns "contacts.list" into "contacts", "sequence-steps.get" into "sequenceSteps".
func faultResource(op string) string {
	res, _, _ := strings.Cut(op, ".")
	parts := strings.FieldsFunc(res, func(r rune) bool { return r == '-' || r == '_' })
	if len(parts) == 0 {
		return "emulator"
	}
	for i := 1; i < len(parts); i++ {
		parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
	}
	return strings.Join(parts, "")
}

// chaosLocked applies chaos to a call. It returns answered=true when it wrote the response itself.
func (e *Emulator) chaosLocked(w http.ResponseWriter, op string) (plan, bool) {
	var p plan
	c := e.chaos
	if e.chaosRand == nil || c == (Chaos{Seed: c.Seed}) {
		return p, false
	}
	g := e.chaosRand
	if g.Float64() < c.RateSlow {
		p.delay = c.Delay
		if p.delay <= 0 {
			p.delay = 2 * time.Second
		}
	}
	switch x := g.Float64(); {
	case x < c.Rate429:
		writeTooMany(w, time.Second)
		return p, true
	case x < c.Rate429+c.Rate5xx:
		status := []int{http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable}[g.IntN(3)]
		writeProblem(w, status, faultResource(op)+".injectedFault", "Injected fault ("+http.StatusText(status)+").")
		return p, true
	case x < c.Rate429+c.Rate5xx+c.RateDrop:
		p.drop = true
		return p, false
	}
	if g.Float64() < c.RateTruncate {
		p.truncate = true
	}
	return p, false
}
