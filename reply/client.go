package reply

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultBaseURL is the root of Reply's public API.
const DefaultBaseURL = "https://api.reply.io"

// Default rate limits of the Reply API per user (REFERENCE.md §1.8).
const (
	DefaultPerMinute = 100
	DefaultPerHour   = 3000
)

const (
	defaultMaxRetries = 6
	maxErrorBody      = 64 << 10 // bytes of an error body that are read and decoded
	backoffBase       = 500 * time.Millisecond
	backoffCap        = 30 * time.Second
	userAgent         = "replykit"

	responseHeaderTimeout = 2 * time.Minute
)

// Client is a client of the Reply.io REST API v3. Its services (one per resource) are fields. A Client is safe
// for concurrent use; every request first waits on the client's [Pacer].
//
// Formatting a Client with any verb of package fmt never prints the API key.
type Client struct {
	// apiKey is behind a pointer so that even printing a dereferenced Client (fmt.Sprintf("%+v", *c), which
	// bypasses Format) shows an address, not the key.
	apiKey     *string
	base       *url.URL
	hc         *http.Client
	userID     int64
	userEmail  string
	teamID     int64
	pacer      *Pacer
	clock      Clock
	log        *slog.Logger
	maxRetries int

	mu      sync.Mutex
	stats   Stats
	reached bool // some response came back: the base URL is right, so dial failures are worth retrying

	Accounts                     *AccountsService
	BackgroundJobs               *BackgroundJobsService
	ContactLists                 *ContactListsService
	Contacts                     *ContactsService
	CustomFields                 *CustomFieldsService
	DomainBlacklistRules         *BlacklistRulesService
	EmailBlacklistRules          *BlacklistRulesService
	EmailExceptionBlacklistRules *BlacklistRulesService
	EmailAccounts                *EmailAccountsService
	EmailTemplateFolders         *EmailTemplateFoldersService
	EmailTemplates               *EmailTemplatesService
	HolidayCalendars             *HolidayCalendarsService
	LinkedInAccounts             *LinkedInAccountsService
	Schedules                    *SchedulesService
	SequenceContacts             *SequenceContactsService
	SequenceEmailAccounts        *SequenceEmailAccountsService
	SequenceFolders              *SequenceFoldersService
	SequenceLinkedInAccounts     *SequenceLinkedInAccountsService
	SequenceStepVariants         *SequenceStepVariantsService
	SequenceSteps                *SequenceStepsService
	SequenceTemplates            *SequenceTemplatesService
	Sequences                    *SequencesService
	Tasks                        *TasksService
	Webhooks                     *WebhooksService
	WhoAmI                       *WhoAmIService
}

// service is the common base of every resource service.
type service struct{ c *Client }

type config struct {
	baseURL    string
	hc         *http.Client
	userID     int64
	userEmail  string
	teamID     int64
	perMinute  int
	perHour    int
	pacer      *Pacer
	clock      Clock
	log        *slog.Logger
	maxRetries int
}

// Option configures a [Client]. Options validate their arguments; [NewClient] returns the first error.
type Option func(*config) error

// WithBaseURL sets the API root, e.g. "http://127.0.0.1:8080" for an emulator. The default is [DefaultBaseURL].
func WithBaseURL(u string) Option {
	return func(c *config) error {
		p, err := url.Parse(u)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return fmt.Errorf("reply: invalid base URL %q: want http(s)://host[:port][/path]", u)
		}
		c.baseURL = u
		return nil
	}
}

// WithHTTPClient sets the HTTP client used for requests. The default client has its own transport, no overall
// timeout (requests are bounded by their context) and gives up on a server that sends no response headers
// within 2 minutes (retried like a dropped connection).
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("reply: WithHTTPClient: nil client")
		}
		c.hc = hc
		return nil
	}
}

// WithUserID sends X-User-Id on every request: the acting user of a team or organization key.
func WithUserID(id int64) Option {
	return func(c *config) error {
		if id <= 0 {
			return fmt.Errorf("reply: WithUserID: invalid id %d", id)
		}
		c.userID = id
		return nil
	}
}

// WithUserEmail sends X-User-Email on every request: the acting user of a team or organization key.
func WithUserEmail(email string) Option {
	return func(c *config) error {
		if !strings.Contains(email, "@") {
			return fmt.Errorf("reply: WithUserEmail: invalid email %q", email)
		}
		c.userEmail = email
		return nil
	}
}

// WithTeamID sends X-TEAM-ID on every request (organization keys).
func WithTeamID(id int64) Option {
	return func(c *config) error {
		if id <= 0 {
			return fmt.Errorf("reply: WithTeamID: invalid id %d", id)
		}
		c.teamID = id
		return nil
	}
}

// WithRateLimits sets the client-side pacing: at most perMinute requests in any 60 s span and perHour in any
// 3600 s span. 0 means no limit on that window. The default is [DefaultPerMinute], [DefaultPerHour]. Ignored
// when [WithPacer] is given.
func WithRateLimits(perMinute, perHour int) Option {
	return func(c *config) error {
		if perMinute < 0 || perHour < 0 {
			return fmt.Errorf("reply: WithRateLimits: negative limit (%d, %d)", perMinute, perHour)
		}
		c.perMinute, c.perHour = perMinute, perHour
		return nil
	}
}

// WithPacer makes the client wait on p before every request. Clients acting for the same Reply user should
// share one Pacer, since the API counts requests per user.
func WithPacer(p *Pacer) Option {
	return func(c *config) error {
		if p == nil {
			return errors.New("reply: WithPacer: nil pacer")
		}
		c.pacer = p
		return nil
	}
}

// WithClock sets the clock used for pacing, Retry-After and backoff waits. Tests pass a fake clock so nothing
// really sleeps.
func WithClock(clk Clock) Option {
	return func(c *config) error {
		if clk == nil {
			return errors.New("reply: WithClock: nil clock")
		}
		c.clock = clk
		return nil
	}
}

// WithLogger sets the logger for request-level debug lines and retries. The default discards everything.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return errors.New("reply: WithLogger: nil logger")
		}
		c.log = l
		return nil
	}
}

// WithMaxRetries bounds the retries of one call (429s, and 5xx or connection errors of idempotent requests).
// 0 disables retries. The default is 6.
func WithMaxRetries(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return fmt.Errorf("reply: WithMaxRetries: negative %d", n)
		}
		c.maxRetries = n
		return nil
	}
}

// NewClient returns a client authenticating with apiKey (sent as a Bearer token). It returns an error when the
// key is empty or an option is invalid; the error never contains the key.
func NewClient(apiKey string, opts ...Option) (*Client, error) {
	if strings.TrimSpace(apiKey) == "" {
		return nil, errors.New("reply: empty API key")
	}
	if strings.ContainsAny(apiKey, "\r\n") {
		return nil, errors.New("reply: API key contains a line break")
	}
	cfg := config{
		baseURL:    DefaultBaseURL,
		perMinute:  DefaultPerMinute,
		perHour:    DefaultPerHour,
		maxRetries: defaultMaxRetries,
	}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	base, err := url.Parse(strings.TrimRight(cfg.baseURL, "/"))
	if err != nil {
		return nil, fmt.Errorf("reply: invalid base URL: %w", err)
	}
	if cfg.hc == nil {
		// An own transport (not the shared default one), which gives up on a server that sends no response
		// headers for responseHeaderTimeout; requests are otherwise bounded by their context.
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.ResponseHeaderTimeout = responseHeaderTimeout
		tr.MaxIdleConnsPerHost = 8
		cfg.hc = &http.Client{Transport: tr}
	}
	if cfg.clock == nil {
		cfg.clock = realClock{}
	}
	if cfg.log == nil {
		cfg.log = slog.New(slog.DiscardHandler)
	}
	if cfg.pacer == nil {
		cfg.pacer = NewPacer(cfg.perMinute, cfg.perHour, cfg.clock)
	}
	c := &Client{
		apiKey:     &apiKey,
		base:       base,
		hc:         cfg.hc,
		userID:     cfg.userID,
		userEmail:  cfg.userEmail,
		teamID:     cfg.teamID,
		pacer:      cfg.pacer,
		clock:      cfg.clock,
		log:        cfg.log,
		maxRetries: cfg.maxRetries,
		stats:      Stats{ByEndpoint: map[string]int{}},
	}
	s := &service{c: c}
	c.Accounts = (*AccountsService)(s)
	c.BackgroundJobs = (*BackgroundJobsService)(s)
	c.ContactLists = (*ContactListsService)(s)
	c.Contacts = (*ContactsService)(s)
	c.CustomFields = (*CustomFieldsService)(s)
	c.DomainBlacklistRules = &BlacklistRulesService{c: c, kind: "domains"}
	c.EmailBlacklistRules = &BlacklistRulesService{c: c, kind: "emails"}
	c.EmailExceptionBlacklistRules = &BlacklistRulesService{c: c, kind: "email-exceptions"}
	c.EmailAccounts = (*EmailAccountsService)(s)
	c.EmailTemplateFolders = (*EmailTemplateFoldersService)(s)
	c.EmailTemplates = (*EmailTemplatesService)(s)
	c.HolidayCalendars = (*HolidayCalendarsService)(s)
	c.LinkedInAccounts = (*LinkedInAccountsService)(s)
	c.Schedules = (*SchedulesService)(s)
	c.SequenceContacts = (*SequenceContactsService)(s)
	c.SequenceEmailAccounts = (*SequenceEmailAccountsService)(s)
	c.SequenceFolders = (*SequenceFoldersService)(s)
	c.SequenceLinkedInAccounts = (*SequenceLinkedInAccountsService)(s)
	c.SequenceStepVariants = (*SequenceStepVariantsService)(s)
	c.SequenceSteps = (*SequenceStepsService)(s)
	c.SequenceTemplates = (*SequenceTemplatesService)(s)
	c.Sequences = (*SequencesService)(s)
	c.Tasks = (*TasksService)(s)
	c.Webhooks = (*WebhooksService)(s)
	c.WhoAmI = (*WhoAmIService)(s)
	return c, nil
}

// String describes the client without its API key.
func (c *Client) String() string {
	if c == nil {
		return "reply.Client(nil)"
	}
	return fmt.Sprintf("reply.Client{BaseURL: %s, APIKey: [redacted]}", c.base)
}

// GoString is String: %#v never prints the API key either.
func (c *Client) GoString() string { return c.String() }

// Format implements fmt.Formatter so that every verb (%v, %+v, %#v, %s, ...) prints [Client.String].
func (c *Client) Format(f fmt.State, _ rune) { io.WriteString(f, c.String()) }

// BaseURL returns the API root the client sends requests to.
func (c *Client) BaseURL() string { return c.base.String() }

// Pacer returns the pacer the client waits on before every request.
func (c *Client) Pacer() *Pacer { return c.pacer }

// Stats returns a snapshot of the client's cumulative request statistics.
func (c *Client) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats.clone()
}

// Stats counts a client's requests. Take a snapshot with [Client.Stats]; s.Sub(earlier) is the delta.
type Stats struct {
	Requests    int            // HTTP requests sent, retries included
	ByEndpoint  map[string]int // "GET /v3/contacts/{id}" -> requests (path templates, not raw ids)
	Waited      time.Duration  // time spent waiting on the pacer, on Retry-After and on backoff
	Retries     int            // requests that were retries of an earlier attempt
	RateLimited int            // 429 responses received
}

func (s Stats) clone() Stats {
	out := s
	out.ByEndpoint = make(map[string]int, len(s.ByEndpoint))
	for k, v := range s.ByEndpoint {
		out.ByEndpoint[k] = v
	}
	return out
}

// Sub returns s minus earlier: the requests made between two snapshots. Endpoints with no new requests are
// left out of ByEndpoint.
func (s Stats) Sub(earlier Stats) Stats {
	out := Stats{
		Requests:    s.Requests - earlier.Requests,
		Waited:      s.Waited - earlier.Waited,
		Retries:     s.Retries - earlier.Retries,
		RateLimited: s.RateLimited - earlier.RateLimited,
		ByEndpoint:  map[string]int{},
	}
	for k, v := range s.ByEndpoint {
		if d := v - earlier.ByEndpoint[k]; d != 0 {
			out.ByEndpoint[k] = d
		}
	}
	return out
}

func (c *Client) addWait(d time.Duration) {
	if d <= 0 {
		return
	}
	c.mu.Lock()
	c.stats.Waited += d
	c.mu.Unlock()
}

// call describes one API request.
type call struct {
	method   string
	tmpl     string   // path template, e.g. "/v3/contacts/{id}"
	args     []string // path parameters substituted into tmpl in order
	query    url.Values
	body     any  // JSON-encoded when non-nil
	readOnly bool // a POST that changes nothing (filter, count) or is documented idempotent: safe to retry
	async    bool // a 202 Accepted (background job) is the expected answer, handled by the caller
}

// endpoint is the Stats key of the call.
func (cl *call) endpoint() string { return cl.method + " " + cl.tmpl }

func (cl *call) path() (string, error) {
	var b strings.Builder
	t := cl.tmpl
	i := 0
	for {
		open := strings.IndexByte(t, '{')
		if open < 0 {
			b.WriteString(t)
			break
		}
		end := strings.IndexByte(t[open:], '}')
		if end < 0 {
			return "", fmt.Errorf("reply: bad path template %q", cl.tmpl)
		}
		if i >= len(cl.args) {
			return "", fmt.Errorf("reply: missing parameter for %q", cl.tmpl)
		}
		if cl.args[i] == "" {
			return "", fmt.Errorf("reply: %s %s: empty %s", cl.method, cl.tmpl, t[open:open+end+1])
		}
		b.WriteString(t[:open])
		b.WriteString(url.PathEscape(cl.args[i]))
		i++
		t = t[open+end+1:]
	}
	return b.String(), nil
}

func (cl *call) idempotent() bool {
	switch cl.method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return cl.readOnly
}

// response is what a successful call reports besides its decoded body.
type response struct {
	Status int
	Header http.Header
}

// do sends cl, retrying as the rules allow, and decodes a 2xx JSON body into out (when out is non-nil and the
// body non-empty). Non-2xx responses become *Error.
func (c *Client) do(ctx context.Context, cl call, out any) (response, error) {
	p, err := cl.path()
	if err != nil {
		return response{}, err
	}
	u := c.base.String() + p
	if len(cl.query) > 0 {
		u += "?" + cl.query.Encode()
	}
	var body []byte
	if cl.body != nil {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false) // bodies carry HTML (templates, steps): keep it readable
		err = enc.Encode(cl.body)
		body = bytes.TrimRight(buf.Bytes(), "\n")
		if err != nil {
			return response{}, fmt.Errorf("reply: %s %s: encoding body: %w", cl.method, p, err)
		}
	}
	for attempt := 0; ; attempt++ {
		waited, err := c.pacer.Wait(ctx)
		c.addWait(waited)
		if err != nil {
			return response{}, err
		}
		res, err := c.send(ctx, &cl, u, p, body, out, attempt)
		if err == nil {
			return res, nil
		}
		retry, wait := c.retryable(&cl, err, attempt)
		if !retry || ctx.Err() != nil {
			return response{}, err
		}
		if e := (*Error)(nil); errors.As(err, &e) && e.Status == http.StatusTooManyRequests {
			// Hold the other goroutines sharing the pacer too (a Retry-After already did in send).
			c.pacer.Block(c.clock.Now().Add(wait))
		}
		c.log.LogAttrs(ctx, slog.LevelInfo, "reply request retry",
			slog.String("endpoint", cl.endpoint()), slog.Int("attempt", attempt+1),
			slog.Duration("wait", wait), slog.String("error", err.Error()))
		if err := c.clock.Sleep(ctx, wait); err != nil {
			return response{}, err
		}
		c.addWait(wait)
	}
}

// retryable says whether err (from attempt) may be retried and after how long.
func (c *Client) retryable(cl *call, err error, attempt int) (bool, time.Duration) {
	if attempt >= c.maxRetries {
		return false, 0
	}
	var e *Error
	if errors.As(err, &e) {
		switch {
		case e.Status == http.StatusTooManyRequests && e.Code != "":
			// A 429 with a business code (directLinkedIn.dailyLimitReached) is a quota, not the request-rate
			// limit (REFERENCE.md §1.8): waiting minutes or a day would not help this call.
			return false, 0
		case e.Status == http.StatusTooManyRequests:
			// A 429 was not processed: retrying is safe for every method. Without a (valid) Retry-After the
			// server's window is unknown: back off from 1-2 s up to the cap, so that the retries span more than
			// a minute window (1+2+4+8+15+15 s at least with the default 6 retries).
			wait := e.RetryAfter
			if wait <= 0 {
				wait = c.backoff(attempt + 2)
			}
			return true, wait
		case e.Status >= 500 && cl.idempotent():
			wait := c.backoff(attempt)
			if e.RetryAfter > wait {
				wait = e.RetryAfter
			}
			return true, wait
		}
		return false, 0
	}
	var te *transportError
	if errors.As(err, &te) && (cl.idempotent() || te.notSent) {
		c.mu.Lock()
		reached := c.reached
		c.mu.Unlock()
		if te.notSent && !reached && attempt >= 1 {
			// Nothing has ever answered at this base URL: it is more likely wrong than briefly down, so say so
			// after one retry instead of backing off for half a minute.
			return false, 0
		}
		return true, c.backoff(attempt)
	}
	return false, 0
}

// backoff is capped exponential backoff with jitter: a random duration in [d/2, d], d = base·2^attempt ≤ cap.
func (c *Client) backoff(attempt int) time.Duration {
	d := backoffBase << min(attempt, 16)
	if d > backoffCap || d <= 0 {
		d = backoffCap
	}
	half := d / 2
	return half + time.Duration(rand.Int64N(int64(half)+1))
}

// transportError is a failure to get a complete response: connection refused, reset or dropped, or a body cut
// short. It is retried for idempotent requests, and for any request when the connection was never made.
type transportError struct {
	op      string
	err     error
	notSent bool // the connection was never made (dial failed): safe to retry any method
}

// Error describes the failure; it never contains the API key.
func (e *transportError) Error() string { return "reply: " + e.op + ": " + e.err.Error() }
func (e *transportError) Unwrap() error { return e.err }

func (c *Client) send(ctx context.Context, cl *call, u, p string, body []byte, out any, attempt int) (response, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, cl.method, u, rd)
	if err != nil {
		return response{}, fmt.Errorf("reply: %s %s: %w", cl.method, p, err)
	}
	req.Header.Set("Authorization", "Bearer "+*c.apiKey)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", userAgent)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.userID != 0 {
		req.Header.Set("X-User-Id", strconv.FormatInt(c.userID, 10))
	}
	if c.userEmail != "" {
		req.Header.Set("X-User-Email", c.userEmail)
	}
	if c.teamID != 0 {
		req.Header.Set("X-TEAM-ID", strconv.FormatInt(c.teamID, 10))
	}

	c.mu.Lock()
	c.stats.Requests++
	c.stats.ByEndpoint[cl.endpoint()]++
	if attempt > 0 {
		c.stats.Retries++
	}
	c.mu.Unlock()

	op := cl.method + " " + p
	start := c.clock.Now()
	resp, err := c.hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return response{}, fmt.Errorf("reply: %s: %w", op, ctx.Err())
		}
		var oe *net.OpError
		notSent := errors.As(err, &oe) && oe.Op == "dial"
		return response{}, &transportError{op: op, err: scrub(err, *c.apiKey), notSent: notSent}
	}
	defer resp.Body.Close()
	c.mu.Lock()
	c.reached = true
	c.mu.Unlock()
	c.log.LogAttrs(ctx, slog.LevelDebug, "reply request",
		slog.String("method", cl.method), slog.String("endpoint", cl.tmpl), slog.String("path", p),
		slog.Int("status", resp.StatusCode), slog.Int("attempt", attempt),
		slog.Duration("elapsed", c.clock.Now().Sub(start)))

	if resp.StatusCode == http.StatusTooManyRequests {
		c.mu.Lock()
		c.stats.RateLimited++
		c.mu.Unlock()
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		e := c.decodeError(resp, cl.method, p)
		if e.Status == http.StatusTooManyRequests && e.RetryAfter > 0 && e.Code == "" {
			c.pacer.Block(c.clock.Now().Add(e.RetryAfter))
		}
		return response{}, e
	}
	res := response{Status: resp.StatusCode, Header: resp.Header}
	if resp.StatusCode == http.StatusAccepted && !cl.async {
		// The API moved the work to a background job (REFERENCE.md §1.13) where a result was expected: say so
		// instead of decoding the job answer as an empty result.
		ae := &AcceptedError{Method: cl.method, Path: p}
		decodeBody(io.LimitReader(resp.Body, maxErrorBody), &ae.Accepted)
		ae.Location = c.resolve(resp.Header.Get("Location"))
		if ae.JobID == "" && ae.Location != "" {
			ae.JobID = JobFromLocation(ae.Location)
		}
		return response{}, ae
	}
	if out == nil || resp.StatusCode == http.StatusNoContent {
		if _, err := io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody)); err != nil && ctx.Err() == nil {
			return response{}, &transportError{op: op, err: err}
		}
		return res, nil
	}
	// A retried attempt decodes into a clean value, not over a partial one.
	if attempt > 0 {
		if v := reflect.ValueOf(out); v.Kind() == reflect.Pointer && !v.IsNil() {
			v.Elem().SetZero()
		}
	}
	if err := decodeBody(resp.Body, out); err != nil {
		if ctx.Err() != nil {
			return response{}, fmt.Errorf("reply: %s: %w", op, ctx.Err())
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || isNetErr(err) {
			return response{}, &transportError{op: op + ": reading body", err: err}
		}
		if errors.Is(err, errEmptyBody) {
			return res, nil
		}
		return response{}, fmt.Errorf("reply: %s: decoding response: %w", op, err)
	}
	return res, nil
}

var errEmptyBody = errors.New("empty body")

// decodeBody decodes one JSON value from r into out. An empty body is errEmptyBody.
func decodeBody(r io.Reader, out any) error {
	dec := json.NewDecoder(r)
	if err := dec.Decode(out); err != nil {
		if err == io.EOF {
			return errEmptyBody
		}
		return err
	}
	// Drain what is left so that the connection can be reused.
	_, err := io.Copy(io.Discard, io.LimitReader(dec.Buffered(), maxErrorBody))
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, io.LimitReader(r, maxErrorBody))
	return err
}

func isNetErr(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed)
}

// scrub makes sure the API key cannot leak through a transport error's text.
func scrub(err error, key string) error {
	if key == "" || !strings.Contains(err.Error(), key) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), key, "[redacted]"))
}

// resolve turns a Location header value into an absolute URL: relative values are resolved against the API
// root (REFERENCE.md §1.13), absolute ones are kept.
func (c *Client) resolve(loc string) string {
	if loc == "" {
		return ""
	}
	ref, err := url.Parse(loc)
	if err != nil {
		return loc
	}
	if ref.IsAbs() {
		return ref.String()
	}
	root := *c.base
	if !strings.HasSuffix(root.Path, "/") {
		root.Path += "/"
	}
	if strings.HasPrefix(ref.Path, "/") {
		ref.Path = strings.TrimPrefix(ref.Path, "/")
	}
	return root.ResolveReference(ref).String()
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
