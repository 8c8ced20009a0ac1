package replytest

// Internal registration API (shared by the contacts side and the sequences side of the package).
//
// Every endpoint is registered once, when the Emulator is built, with
//
//	e.route("GET /v3/sequences/{id}", "sequences.get", func(c *call) { ... })
//
// The pattern uses net/http.ServeMux syntax (Go 1.22+); op is the operation name used by faults and by the
// request log ("<resource>.<verb>"). A handler runs with e.mu held (one lock per request, for the whole
// handling), so it may read and write the state (embedded in Emulator: e.contacts, e.seq) freely and must not block. It answers through its *call:
//
//	c.now() time.Time                          emulator clock (UTC)
//	c.pathID(name) (int64, bool)               path integer 1..2147483647, else validation 400 (pointer name)
//	c.pathUUID(name) (string, bool)            path UUID, else validation 400
//	c.page(defTop, maxTop, code) (top, skip, ok)  §1.5; code "" reports a validation 400 with pointer "top"
//	c.decode(&v) bool                          JSON body (415 / 400 "Request body is not valid JSON.", ...)
//	c.decodeOptional(&v) bool                  as decode, but an empty body is fine
//	c.json(status, v); c.created(v); c.noContent()
//	c.problem(status, code, detail)            business problem (code "" gives a bare problem)
//	c.invalid(fieldError{Pointer, Detail}...)  validation problem
//	writePage(c, items, top, skip)             P1 envelope over an already filtered and ordered slice
//	c.user() userRec                           the acting user (the key's user)
//
// Shared state helpers: e.nextID(kind) (per-kind counters from 1001, §1.4), e.newUUID() (seeded v4),
// e.emit(eventType, payload) (webhook event to matching subscriptions, delivered after the request),
// store[T] (id-ordered map used by every resource), opt[T] (absent / null / value for PATCH and PUT bodies),
// time formatters tOffset, tLocal, tLocal2, tZ, tZms, dateOnly (§1.9; the zero time encodes as null).
//
// Accessors for the contacts-side data, for the sequences side:
//
//	e.contact(id) (*contactRec, bool)            e.touchContact(c) sets lastModifiedAt to now
//	e.contactFields(c) map[string]any            webhook contact_fields
//	e.emailAccount(id) (*emailAccountRec, bool)  e.linkedInAccount(id) (*linkedInAccountRec, bool)
//	e.schedule(id) (*scheduleRec, bool)          e.currentUser() userRec; e.teamUsers() []userRec
//	e.isTeamUser(id) bool

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"math/rand/v2"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/replykit/replykit/reply"
)

// DefaultStart is the instant at which the frozen clock of [NewServer] starts.
var DefaultStart = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

// Option configures an [Emulator] or a [Server].
type Option func(*config)

type config struct {
	seed      Seed
	perMinute int
	perHour   int
	start     time.Time
	realClock bool
	keys      []string
	scopes    map[string][]string // per key; keys without an entry are not checked
	wall      func() time.Time
}

// WithSeed fills the emulator with generated data (see [Seed]). Without it the emulator starts with users
// and the default email template folder only.
func WithSeed(s Seed) Option { return func(c *config) { c.seed = s } }

// WithLimits sets the per-key rate limits per minute and per hour (§1.8); 0 disables a window.
func WithLimits(perMinute, perHour int) Option {
	return func(c *config) { c.perMinute, c.perHour = perMinute, perHour }
}

// WithClock freezes the emulator clock at start; it moves only through SetNow, Advance and Clock().Sleep.
func WithClock(start time.Time) Option {
	return func(c *config) { c.start, c.realClock = start.UTC(), false }
}

// WithRealClock makes the emulator clock tick with wall time (SetNow and Advance shift it).
func WithRealClock() Option { return func(c *config) { c.realClock = true } }

// WithKeys makes only the given API keys valid. Key i acts as team user i (modulo the number of users).
func WithKeys(keys ...string) Option { return func(c *config) { c.keys = slices.Clone(keys) } }

// Quirks reproduce live API behaviour observed by third parties (REFERENCE.md §2.3, §6).
type Quirks struct {
	NullContactTimestamps  bool // contacts' createdAt and lastModifiedAt are always null
	IgnoreContactTimeRules bool // POST /v3/contacts/filter silently ignores time rules
}

// Request is one entry of the emulator's request log.
type Request struct {
	Method string
	Path   string
	Query  string // raw query string
	Op     string // operation name, "" when no route matched
	Status int
	Time   time.Time // emulator time at which the request was answered
}

// Emulator serves the Reply API v3 from memory. It is an http.Handler; the zero value is not usable, build
// one with [NewEmulator] or [NewServer].
type Emulator struct {
	mu     sync.Mutex
	cfg    config
	mux    *http.ServeMux
	routes map[string]*route

	realClock bool
	now       time.Time     // frozen clock
	offset    time.Duration // real clock: emulator time = wall + offset
	wall      func() time.Time

	perMinute, perHour int
	windows            map[string]*window

	faults    map[string][]*Fault
	chaos     Chaos
	chaosRand *rand.Rand
	quirks    Quirks
	requests  []Request

	ids   map[string]int64
	uuids *rand.Rand

	version     uint64 // incremented by every request that may change state (cache key)
	filterCache struct {
		key     string
		version uint64
		hits    []*contactRec
	}

	users   []userRec
	cur     userRec    // acting user of the request being handled
	state              // every resource; the sequences side is e.seq
	outbox  []delivery // webhook deliveries queued by the request being handled
	hooks   *deliverer
	closeMu sync.Mutex
}

// state is every resource of the emulator. Contacts side here; seq is the sequences side.
type state struct {
	contacts         store[contactRec]
	contactEmails    map[string]int64       // lower-cased email -> contact id
	deletedContacts  map[string]*contactRec // lower-cased email -> deleted contact (import restoreDeleted)
	activities       store[activityRec]
	accounts         store[accountRec]
	contactLists     store[contactListRec]
	customFields     store[customFieldRec]
	blacklist        map[string]*store[blacklistRec] // by kind: domains, emails, email-exceptions
	emailAccounts    store[emailAccountRec]
	linkedInAccounts store[linkedInAccountRec]
	pendingLinkedIn  store[pendingLinkedInRec]
	templates        store[templateRec]
	templateFolders  store[templateFolderRec]
	schedules        store[scheduleRec]
	holidayCalendars store[holidayCalendarRec]
	tasks            store[taskRec]
	webhooks         store[webhookRec]
	webhookLogs      map[int64][]webhookLog
	jobs             map[string]*jobRec
	jobOrder         []string
	seq              seqState
}

func newState() state {
	return state{
		contactEmails:   map[string]int64{},
		deletedContacts: map[string]*contactRec{},
		blacklist:       map[string]*store[blacklistRec]{},
		webhookLogs:     map[int64][]webhookLog{},
		jobs:            map[string]*jobRec{},
		seq:             newSeqState(),
	}
}

// userRec is a member of the emulated team.
type userRec struct {
	ID       int64
	Name     string
	Email    string
	TeamID   int64
	TeamName string
}

type route struct {
	pattern string
	op      string
	h       func(c *call)
}

// NewEmulator returns a standalone emulator: real clock, limits of 100/minute and 3,000/hour unless options
// say otherwise. Call Close to stop its webhook delivery worker.
func NewEmulator(opts ...Option) *Emulator {
	cfg := config{perMinute: 100, perHour: 3000, start: DefaultStart, realClock: true, wall: time.Now}
	for _, o := range opts {
		o(&cfg)
	}
	return newEmulator(cfg)
}

func newEmulator(cfg config) *Emulator {
	if cfg.wall == nil {
		cfg.wall = time.Now
	}
	e := &Emulator{cfg: cfg, wall: cfg.wall, routes: map[string]*route{}}
	e.hooks = newDeliverer(e)
	e.mux = http.NewServeMux()
	e.registerRoutes()
	e.registerSequenceRoutes()
	e.mu.Lock()
	e.resetLocked()
	e.mu.Unlock()
	return e
}

// route registers a handler for a ServeMux pattern under an operation name.
func (e *Emulator) route(pattern, op string, h func(c *call)) {
	rt := &route{pattern: pattern, op: op, h: h}
	e.routes[pattern] = rt
	e.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		c := &call{e: e, w: w, r: r, op: op}
		h(c)
		// §1.6: route and query validation errors deferred while the body was validated are reported
		// (with any body errors, see invalid) whatever the handler answered after them.
		if len(c.pending) > 0 {
			if res, ok := w.(*response); ok {
				res.header = http.Header{}
				res.body.Reset()
				res.status = 0
			}
			c.invalid()
		}
	})
}

// Route is one API endpoint of the emulator and its operation name (for faults and the request log).
type Route struct {
	Pattern string // "GET /v3/contacts/{id}"
	Op      string // "contacts.get"
}

// Routes lists every emulated endpoint, sorted by operation name.
func (e *Emulator) Routes() []Route {
	out := make([]Route, 0, len(e.routes))
	for _, r := range e.routes {
		out = append(out, Route{Pattern: r.pattern, Op: r.op})
	}
	slices.SortFunc(out, func(a, b Route) int { return strings.Compare(a.Op+" "+a.Pattern, b.Op+" "+b.Pattern) })
	return out
}

// Close stops the webhook delivery worker. Pending deliveries are dropped.
func (e *Emulator) Close() { e.hooks.close() }

// ---- clock ----

func (e *Emulator) nowLocked() time.Time {
	if e.realClock {
		return e.wall().Add(e.offset).UTC()
	}
	return e.now
}

// Now returns the emulator's current time (UTC).
func (e *Emulator) Now() time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.nowLocked()
}

// SetNow sets the emulator clock.
func (e *Emulator) SetNow(t time.Time) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.realClock {
		e.offset = t.Sub(e.wall())
		return
	}
	e.now = t.UTC()
}

// Advance moves the emulator clock forward by d.
func (e *Emulator) Advance(d time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.realClock {
		e.offset += d
		return
	}
	e.now = e.now.Add(d)
}

// emuClock is a reply.Clock reading the emulator time. Sleep advances the emulator clock by d at once.
type emuClock struct{ e *Emulator }

// Clock returns a clock bound to the emulator, for reply.WithClock: requests paced by it never sleep, and
// every Sleep moves the emulator clock (and so its rate-limit windows) forward.
func (e *Emulator) Clock() reply.Clock { return emuClock{e} }

// Now returns the emulator time.
func (c emuClock) Now() time.Time { return c.e.Now() }

// Sleep advances the emulator clock by d; it returns ctx.Err() if ctx is done.
func (c emuClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d > 0 {
		c.e.Advance(d)
	}
	return nil
}

// ---- controls ----

// Reset restores the state built by the options (the seed), clears counters, faults, chaos, quirks and the
// request log, and sets the clock and the limits back to their configured values.
func (e *Emulator) Reset() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.resetLocked()
	e.hooks.clear()
}

func (e *Emulator) resetLocked() {
	e.now = e.cfg.start
	e.offset = 0
	if e.realClock = e.cfg.realClock; e.realClock {
		e.offset = e.cfg.start.Sub(e.wall())
		if e.cfg.start.Equal(DefaultStart) {
			e.offset = 0
		}
	}
	e.perMinute, e.perHour = e.cfg.perMinute, e.cfg.perHour
	e.windows = map[string]*window{}
	e.faults = map[string][]*Fault{}
	e.chaos = Chaos{}
	e.chaosRand = nil
	e.quirks = Quirks{}
	e.requests = nil
	e.ids = map[string]int64{}
	e.uuids = rand.New(rand.NewPCG(uint64(e.cfg.seed.Seed), 0x5eed0001))
	e.state = newState()
	e.version++
	e.outbox = nil
	e.seedLocked(e.cfg.seed)
}

// SetLimits changes the per-key rate limits (0 disables a window). Counters are kept.
func (e *Emulator) SetLimits(perMinute, perHour int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.perMinute, e.perHour = perMinute, perHour
}

// SetQuirks switches the live-API quirks.
func (e *Emulator) SetQuirks(q Quirks) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.quirks = q
}

// Requests returns a copy of the request log (every API request, /_emulator/ controls excluded).
func (e *Emulator) Requests() []Request {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.requests)
}

// ResetRequests empties the request log.
func (e *Emulator) ResetRequests() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.requests = nil
}

// ---- ids ----

// nextID returns the next integer id of a kind of object (first 1001; never reused).
func (e *Emulator) nextID(kind string) int64 {
	n, ok := e.ids[kind]
	if !ok {
		n = 1000
	}
	n++
	e.ids[kind] = n
	return n
}

// bumpID makes sure nextID(kind) returns more than id (for seeded objects with explicit ids).
func (e *Emulator) bumpID(kind string, id int64) {
	if n, ok := e.ids[kind]; !ok || n < id {
		if id < 1000 {
			id = 1000
		}
		e.ids[kind] = id
	}
}

// newUUID returns a version-4 UUID from the seeded generator.
func (e *Emulator) newUUID() string {
	var b [16]byte
	hi, lo := e.uuids.Uint64(), e.uuids.Uint64()
	for i := range 8 {
		b[i] = byte(hi >> (8 * i))
		b[8+i] = byte(lo >> (8 * i))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// ---- users ----

// currentUser returns the user acting in the request being handled.
func (e *Emulator) currentUser() userRec { return e.cur }

// teamUsers returns the members of the emulated team, the default user first.
func (e *Emulator) teamUsers() []userRec { return e.users }

// isTeamUser reports whether id is a member of the team.
func (e *Emulator) isTeamUser(id int64) bool {
	for _, u := range e.users {
		if u.ID == id {
			return true
		}
	}
	return false
}

func (e *Emulator) keyUser(key string) userRec {
	if len(e.users) == 0 {
		return userRec{}
	}
	for i, k := range e.cfg.keys {
		if k == key {
			return e.users[i%len(e.users)]
		}
	}
	return e.users[0]
}

// ---- request handling ----

// response buffers a handler's answer so that it can be written (or cut, or dropped) after the lock is
// released.
type response struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newResponse() *response { return &response{header: http.Header{}} }

func (r *response) Header() http.Header { return r.header }

func (r *response) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}

func (r *response) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

type plan struct {
	delay    time.Duration
	drop     bool
	truncate bool
}

// ServeHTTP serves the API (and, under /_emulator/, the controls of REFERENCE.md §6).
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/_emulator" || strings.HasPrefix(r.URL.Path, "/_emulator/") {
		e.serveControl(w, r)
		return
	}
	res, p := e.handle(r)
	e.hooks.enqueue(e.takeOutbox())
	if p.delay > 0 {
		t := time.NewTimer(p.delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	if p.drop {
		dropConn(w, false)
		return
	}
	for k, v := range res.header {
		w.Header()[k] = v
	}
	body := res.body.Bytes()
	if p.truncate && len(body) > 1 {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(res.status)
		_, _ = w.Write(body[:len(body)/2])
		dropConn(w, true)
		return
	}
	if res.status == 0 {
		res.status = http.StatusOK
	}
	w.WriteHeader(res.status)
	_, _ = w.Write(body)
}

// dropConn closes the client connection without (more of) a response; flush sends what was written first.
func dropConn(w http.ResponseWriter, flush bool) {
	rc := http.NewResponseController(w)
	if flush {
		_ = rc.Flush()
	}
	conn, _, err := rc.Hijack()
	if err != nil {
		// Not hijackable (HTTP/2, recorder): abort the handler, which makes net/http reset the stream.
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

func (e *Emulator) takeOutbox() []delivery {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := e.outbox
	e.outbox = nil
	return out
}

func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if len(h) < 7 || !strings.EqualFold(h[:7], "bearer ") {
		return ""
	}
	return strings.TrimSpace(h[7:])
}

func (e *Emulator) validKey(key string) bool {
	if key == "" {
		return false
	}
	if len(e.cfg.keys) == 0 {
		return true
	}
	return slices.Contains(e.cfg.keys, key)
}

func (e *Emulator) handle(r *http.Request) (*response, plan) {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.nowLocked()
	res := newResponse()
	var p plan
	rec := Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Time: now}
	defer func() {
		rec.Status = res.status
		if rec.Status == 0 {
			rec.Status = http.StatusOK
		}
		e.logRequest(rec)
	}()

	key := bearer(r)
	if !e.validKey(key) {
		res.header.Set("WWW-Authenticate", "Bearer")
		res.WriteHeader(http.StatusUnauthorized)
		return res, p
	}
	h, pattern := e.mux.Handler(r)
	rt := e.routes[pattern]
	if rt != nil {
		rec.Op = rt.op
	}
	if retry, limited := e.limitLocked(key, now); limited {
		writeTooMany(res, retry)
		return res, p
	}
	e.cur = e.keyUser(key)
	if rt == nil {
		probe := newResponse()
		h.ServeHTTP(probe, r)
		status := probe.status
		if status == 0 || status == http.StatusOK {
			status = http.StatusNotFound
		}
		if allow := probe.header.Get("Allow"); allow != "" {
			res.header.Set("Allow", allow)
		}
		writeProblem(res, status, "", bareDetail(status))
		return res, p
	}
	if e.scopeDenied(res, key, r.Method, rt.op) {
		return res, p
	}
	if f := e.takeFaultLocked(rt.op); f != nil {
		p.delay, p.drop, p.truncate = f.Delay, f.Drop, f.Truncate
		if p.drop {
			return res, p
		}
		if f.Status != 0 {
			writeFault(res, rt.op, f)
			if f.Status == http.StatusTooManyRequests || f.Status == http.StatusUnauthorized {
				e.uncountLocked(key)
			}
			return res, p
		}
	}
	if cp, answered := e.chaosLocked(res, rt.op); answered || cp.drop {
		if res.status == http.StatusTooManyRequests {
			e.uncountLocked(key)
		}
		p.drop = p.drop || cp.drop
		p.delay += cp.delay
		return res, p
	} else {
		p.delay += cp.delay
		p.truncate = p.truncate || cp.truncate
	}
	// §1.3, §1.6: a body that is not JSON is a route-level 415 (bare), before any lookup or validation.
	if r.Body != nil && r.Body != http.NoBody {
		b, _ := io.ReadAll(io.LimitReader(r.Body, 64<<20))
		r.Body = io.NopCloser(bytes.NewReader(b))
		if len(bytes.TrimSpace(b)) > 0 && !isJSONMediaType(r.Header.Get("Content-Type")) {
			writeProblem(res, http.StatusUnsupportedMediaType, "", bareDetail(http.StatusUnsupportedMediaType))
			return res, p
		}
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		e.version++
	}
	e.mux.ServeHTTP(res, r)
	return res, p
}

const maxRequestLog = 1_000_000

func (e *Emulator) logRequest(r Request) {
	if len(e.requests) >= maxRequestLog {
		e.requests = slices.Delete(e.requests, 0, len(e.requests)/2)
	}
	e.requests = append(e.requests, r)
}

func bareDetail(status int) string {
	switch status {
	case http.StatusNotFound:
		return ""
	case http.StatusMethodNotAllowed:
		return "The HTTP method is not allowed for this resource."
	case http.StatusUnsupportedMediaType:
		return "The request Content-Type must be application/json."
	}
	return ""
}

// ---- call ----

// call is one request being handled by a route handler (with e.mu held).
type call struct {
	e    *Emulator
	w    http.ResponseWriter
	r    *http.Request
	op   string
	body []byte
	read bool
	// pending holds route and query validation errors found on a request with a body: the handler goes on
	// so that body errors join them in one array (§1.6); invalid reports them first.
	pending []fieldError
}

// hasBody reports whether the request carries a non-empty body.
func (c *call) hasBody() bool { return len(bytes.TrimSpace(c.rawBody())) > 0 }

// routeInvalid reports a route or query validation error: on a request with a body it is deferred (and ok
// is true, so the handler validates the body too); otherwise it is answered at once (ok false).
func (c *call) routeInvalid(fe fieldError) (ok bool) {
	if c.hasBody() {
		if !slices.Contains(c.pending, fe) {
			c.pending = append(c.pending, fe)
		}
		return true
	}
	c.invalid(fe)
	return false
}

func (c *call) now() time.Time { return c.e.nowLocked() }

func (c *call) user() userRec { return c.e.cur }

// query returns a query parameter.
func (c *call) query(name string) string { return c.r.URL.Query().Get(name) }

// pathID parses an integer path value; outside 1..2147483647 it answers a validation 400.
func (c *call) pathID(name string) (int64, bool) {
	s := c.r.PathValue(name)
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 || n > 2147483647 {
		// With a body the handler goes on with id 0, which matches nothing (ids start at 1001).
		return 0, c.routeInvalid(fieldError{name, fmt.Sprintf("The field %s must be between 1 and 2147483647.", name)})
	}
	return n, true
}

// pathID64 parses an int64 path value (email accounts, LinkedIn accounts): any positive int64.
func (c *call) pathID64(name string) (int64, bool) {
	s := c.r.PathValue(name)
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 {
		c.invalid(fieldError{name, fmt.Sprintf("The field %s must be a positive integer.", name)})
		return 0, false
	}
	return n, true
}

// pathUUID parses a UUID path value; otherwise it answers a validation 400.
func (c *call) pathUUID(name string) (string, bool) {
	s := strings.ToLower(c.r.PathValue(name))
	if !isUUID(s) {
		c.invalid(fieldError{name, fmt.Sprintf("The value '%s' is not valid for %s.", c.r.PathValue(name), name)})
		return "", false
	}
	return s, true
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, ch := range s {
		switch i {
		case 8, 13, 18, 23:
			if ch != '-' {
				return false
			}
		default:
			if !(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F') {
				return false
			}
		}
	}
	return true
}

// page reads top and skip (§1.5). With code "" errors are validation problems with pointer top / skip.
func (c *call) page(defTop, maxTop int, code string) (top, skip int, ok bool) {
	q := c.r.URL.Query()
	top = defTop
	if s := q.Get("top"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			c.invalid(fieldError{"top", fmt.Sprintf("The value '%s' is not valid.", s)})
			return 0, 0, false
		}
		top = n
	}
	if s := q.Get("skip"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			c.invalid(fieldError{"skip", fmt.Sprintf("The value '%s' is not valid.", s)})
			return 0, 0, false
		}
		skip = n
	}
	var errs []fieldError
	if top < 1 || top > maxTop {
		msg := fmt.Sprintf("Parameter 'top' must be between 1 and %d", maxTop)
		if code != "" {
			c.problem(http.StatusBadRequest, code, msg)
			return 0, 0, false
		}
		errs = append(errs, fieldError{"top", msg + "."})
	}
	if skip < 0 {
		msg := "Parameter 'skip' must be greater than or equal to 0"
		if code != "" {
			c.problem(http.StatusBadRequest, code, msg)
			return 0, 0, false
		}
		errs = append(errs, fieldError{"skip", msg + "."})
	}
	if len(errs) > 0 {
		if !c.hasBody() {
			c.invalid(errs...)
			return 0, 0, false
		}
		c.pending = append(c.pending, errs...)
		return defTop, 0, true
	}
	return top, skip, true
}

// pageBody is the P1/P2 envelope.
type pageBody[T any] struct {
	Items      []T  `json:"items"`
	HasMore    bool `json:"hasMore"`
	TotalCount *int `json:"totalCount,omitempty"`
}

// pageSlice returns items[skip:skip+top] and hasMore.
func pageSlice[T any](items []T, top, skip int) ([]T, bool) {
	if skip >= len(items) {
		return []T{}, false
	}
	end := min(skip+top, len(items))
	return items[skip:end], end < len(items)
}

// writePage answers 200 with the P1 envelope of items[skip:skip+top].
func writePage[T any](c *call, items []T, top, skip int) {
	p, more := pageSlice(items, top, skip)
	c.json(http.StatusOK, pageBody[T]{Items: p, HasMore: more})
}

func (c *call) rawBody() []byte {
	if !c.read {
		c.read = true
		b, _ := io.ReadAll(io.LimitReader(c.r.Body, 64<<20))
		c.body = b
	}
	return c.body
}

// decode reads a required JSON body into v. On failure it has answered and returns false.
func (c *call) decode(v any) bool { return c.decodeBody(v, true) }

// decodeOptional is decode for endpoints whose body may be absent.
func (c *call) decodeOptional(v any) bool { return c.decodeBody(v, false) }

func (c *call) decodeBody(v any, required bool) bool {
	b := c.rawBody()
	if len(bytes.TrimSpace(b)) == 0 {
		if !required {
			return true
		}
		c.invalid(fieldError{"", "The request body is required and cannot be empty."})
		return false
	}
	if !isJSONMediaType(c.r.Header.Get("Content-Type")) {
		writeProblem(c.w, http.StatusUnsupportedMediaType, "", bareDetail(http.StatusUnsupportedMediaType))
		return false
	}
	if err := json.Unmarshal(b, v); err != nil {
		var te *json.UnmarshalTypeError
		var fe *fieldErr
		switch {
		case errors.As(err, &te):
			ptr := typeErrorPointer(b, reflect.TypeOf(v).Elem(), "")
			if ptr == "" && te.Field != "" {
				ptr = "/" + strings.ReplaceAll(te.Field, ".", "/")
			}
			c.invalid(fieldError{ptr, "Value has an invalid type."})
		case errors.As(err, &fe):
			c.invalid(fieldError{fe.pointer, fe.detail})
		default:
			c.invalid(fieldError{"", "Request body is not valid JSON."})
		}
		return false
	}
	return true
}

// isJSONMediaType reports whether a Content-Type header names JSON (application/json or any +json type).
func isJSONMediaType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

// fieldErr is an error a custom UnmarshalJSON can return to report a pointer.
type fieldErr struct{ pointer, detail string }

func (f *fieldErr) Error() string { return f.pointer + ": " + f.detail }

// json answers status with v as JSON.
func (c *call) json(status int, v any) { writeJSON(c.w, status, v) }

// created answers 201 with v.
func (c *call) created(v any) { writeJSON(c.w, http.StatusCreated, v) }

// noContent answers 204.
func (c *call) noContent() { c.w.WriteHeader(http.StatusNoContent) }

// problem answers a business problem (a bare problem when code is "").
func (c *call) problem(status int, code, detail string) { writeProblem(c.w, status, code, detail) }

// notFound answers 404 with code and "<What> with ID <id> not found.".
func (c *call) notFound(code, what string, id any) {
	c.problem(http.StatusNotFound, code, fmt.Sprintf("%s with ID %v not found.", what, id))
}

// fieldError is one validation error: a JSON pointer (or a parameter name) and a message.
type fieldError struct {
	Pointer string `json:"pointer"`
	Detail  string `json:"detail"`
}

// invalid answers a validation 400 (errs must not be empty).
func (c *call) invalid(errs ...fieldError) {
	errs = append(c.pending, errs...)
	c.pending = nil
	if len(errs) == 0 {
		errs = []fieldError{{"", "The request is invalid."}}
	}
	writeJSONType(c.w, http.StatusBadRequest, "application/problem+json; charset=utf-8", struct {
		Title  string       `json:"title"`
		Status int          `json:"status"`
		Detail string       `json:"detail"`
		Errors []fieldError `json:"errors"`
	}{"Validation failed", http.StatusBadRequest, "The request body contains validation errors.", errs})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	writeJSONType(w, status, "application/json; charset=utf-8", v)
}

func writeJSONType(w http.ResponseWriter, status int, ct string, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		buf.Reset()
		status = http.StatusInternalServerError
		ct = "application/problem+json; charset=utf-8"
		fmt.Fprintf(&buf, `{"title":"Internal Server Error","status":500,"detail":%q}`, err.Error())
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(status)
	_, _ = w.Write(bytes.TrimRight(buf.Bytes(), "\n"))
}

type problemBody struct {
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail,omitempty"`
	Code   string `json:"code,omitempty"`
}

func writeProblem(w http.ResponseWriter, status int, code, detail string) {
	writeJSONType(w, status, "application/problem+json; charset=utf-8",
		problemBody{Title: http.StatusText(status), Status: status, Detail: detail, Code: code})
}

// ---- store ----

// store keeps objects by integer id and iterates them in ascending id order.
type store[T any] struct {
	ids []int64 // ascending
	m   map[int64]*T
}

func (s *store[T]) get(id int64) (*T, bool) {
	v, ok := s.m[id]
	return v, ok
}

func (s *store[T]) put(id int64, v *T) {
	if s.m == nil {
		s.m = map[int64]*T{}
	}
	if _, ok := s.m[id]; !ok {
		if n := len(s.ids); n == 0 || s.ids[n-1] < id {
			s.ids = append(s.ids, id)
		} else {
			i, _ := slices.BinarySearch(s.ids, id)
			s.ids = slices.Insert(s.ids, i, id)
		}
	}
	s.m[id] = v
}

func (s *store[T]) del(id int64) bool {
	if _, ok := s.m[id]; !ok {
		return false
	}
	delete(s.m, id)
	if i, found := slices.BinarySearch(s.ids, id); found {
		s.ids = slices.Delete(s.ids, i, i+1)
	}
	return true
}

func (s *store[T]) len() int { return len(s.ids) }

// all iterates the objects in ascending id order.
func (s *store[T]) all() iter.Seq2[int64, *T] {
	return func(yield func(int64, *T) bool) {
		for _, id := range s.ids {
			if !yield(id, s.m[id]) {
				return
			}
		}
	}
}

// values returns the objects in ascending id order.
func (s *store[T]) values() []*T {
	out := make([]*T, 0, len(s.ids))
	for _, id := range s.ids {
		out = append(out, s.m[id])
	}
	return out
}

// ---- opt ----

// opt is a JSON member that distinguishes absent (Set false), null (Null true) and a value.
type opt[T any] struct {
	Set  bool
	Null bool
	V    T
}

func (o *opt[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if string(bytes.TrimSpace(b)) == "null" {
		o.Null = true
		return nil
	}
	return json.Unmarshal(b, &o.V)
}

// ptr returns nil when absent or null, else &V.
func (o opt[T]) ptr() *T {
	if !o.Set || o.Null {
		return nil
	}
	v := o.V
	return &v
}

// ---- timestamps (§1.9) ----

// tOffset encodes as "2006-01-02T15:04:05+00:00"; the zero time as null.
type tOffset time.Time

// tLocal encodes as "2006-01-02T15:04:05" (UTC, no offset).
type tLocal time.Time

// tLocal2 encodes as "2006-01-02T15:04:05.00" (UTC, two fraction digits, no offset).
type tLocal2 time.Time

// tZ encodes as "2006-01-02T15:04:05Z".
type tZ time.Time

// tZms encodes as "2006-01-02T15:04:05.000Z".
type tZms time.Time

// dateOnly encodes as "2006-01-02".
type dateOnly time.Time

const (
	layoutOffset = "2006-01-02T15:04:05+00:00"
	layoutLocal  = "2006-01-02T15:04:05"
	layoutLocal2 = "2006-01-02T15:04:05.00"
	layoutZ      = "2006-01-02T15:04:05Z"
	layoutZms    = "2006-01-02T15:04:05.000Z"
	layoutDate   = "2006-01-02"
)

func marshalTime(t time.Time, layout string) ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + t.UTC().Format(layout) + `"`), nil
}

func (t tOffset) MarshalJSON() ([]byte, error)  { return marshalTime(time.Time(t), layoutOffset) }
func (t tLocal) MarshalJSON() ([]byte, error)   { return marshalTime(time.Time(t), layoutLocal) }
func (t tLocal2) MarshalJSON() ([]byte, error)  { return marshalTime(time.Time(t), layoutLocal2) }
func (t tZ) MarshalJSON() ([]byte, error)       { return marshalTime(time.Time(t), layoutZ) }
func (t tZms) MarshalJSON() ([]byte, error)     { return marshalTime(time.Time(t), layoutZms) }
func (t dateOnly) MarshalJSON() ([]byte, error) { return marshalTime(time.Time(t), layoutDate) }

// parseTime accepts every timestamp form of §1.9 (no offset means UTC).
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04", layoutDate} {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// ---- webhook events ----

// emit queues a webhook event for every enabled subscription of that event type whose scope covers the
// acting user. payload holds the event-specific top-level members (contact_fields, sequence_fields, ...);
// the core adds the "event" envelope, contact_custom_fields (when the subscription asks for them and
// payload has contact_fields.id) and strips email_url / email_text unless enabled. Deliveries are sent after
// the request has been answered, in order.
func (e *Emulator) emit(eventType string, payload map[string]any) {
	now := e.nowLocked()
	for _, w := range e.webhooks.values() {
		if !w.Enabled || w.EventType != eventType {
			continue
		}
		if w.Scope == "personal" && w.OwnerUserID != e.cur.ID {
			continue
		}
		if w.Scope == "team" && !e.isTeamUser(e.cur.ID) {
			continue
		}
		id, body := e.envelope(w, eventType, now, payload)
		e.outbox = append(e.outbox, delivery{webhookID: w.ID, url: w.URL, eventID: id, body: body})
	}
}

func (e *Emulator) envelope(w *webhookRec, eventType string, now time.Time, payload map[string]any) (string, []byte) {
	id := e.newUUID()
	m := make(map[string]any, len(payload)+2)
	for k, v := range payload {
		m[k] = v
	}
	m["event"] = map[string]any{
		"date":            tZms(now),
		"id":              id,
		"type":            eventType,
		"user_id":         e.cur.ID,
		"team_id":         e.cur.TeamID,
		"subscription_id": w.ID,
	}
	if ef, ok := m["email_fields"].(map[string]any); ok {
		cp := make(map[string]any, len(ef))
		for k, v := range ef {
			if (k == "email_url" && !w.PayloadConfig.IncludeEmailURL) ||
				(k == "email_text" && !w.PayloadConfig.IncludeEmailText) {
				continue
			}
			cp[k] = v
		}
		m["email_fields"] = cp
	}
	if w.PayloadConfig.IncludeProspectCustomFields {
		if cf, ok := m["contact_fields"].(map[string]any); ok {
			if cid, ok := toInt64(cf["id"]); ok {
				if c, ok := e.contact(cid); ok {
					m["contact_custom_fields"] = e.contactCustomFieldsByTitle(c)
				}
			}
		}
	} else {
		delete(m, "contact_custom_fields")
	}
	b, _ := json.Marshal(m)
	return id, b
}

func toInt64(v any) (int64, bool) {
	switch n := v.(type) {
	case int64:
		return n, true
	case int:
		return int64(n), true
	case float64:
		return int64(n), true
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	}
	return 0, false
}

// registerRoutes registers the contacts-side routes (the sequences side registers its own).
func (e *Emulator) registerRoutes() {
	e.registerContactRoutes()
	e.registerAccountRoutes()
	e.registerContactListRoutes()
	e.registerCustomFieldRoutes()
	e.registerBlacklistRoutes()
	e.registerEmailAccountRoutes()
	e.registerLinkedInAccountRoutes()
	e.registerTemplateRoutes()
	e.registerTemplateFolderRoutes()
	e.registerScheduleRoutes()
	e.registerHolidayCalendarRoutes()
	e.registerTaskRoutes()
	e.registerWebhookRoutes()
	e.registerBackgroundJobRoutes()
	e.registerWhoamiRoutes()
}
