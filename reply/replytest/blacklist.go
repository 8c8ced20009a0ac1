package replytest

import (
	"net/http"
	"strconv"
	"strings"
)

// blacklistRec is a stored blacklist rule (domains, emails or email-exceptions).
type blacklistRec struct {
	ID       int64
	Pattern  string
	IsGlobal bool
}

// blacklistKind is one of the three blacklist resources.
type blacklistKind struct {
	path string // base path segment: domains, emails, email-exceptions
	slug string // problem code resource
	op   string // operation resource name
	what string // human name
}

var blacklistKinds = []blacklistKind{
	{"domains", "blacklistDomainRule", "domainBlacklistRules", "Domain blacklist rule"},
	{"emails", "blacklistEmailRule", "emailBlacklistRules", "Email blacklist rule"},
	{"email-exceptions", "blacklistEmailExceptionRule", "emailExceptionBlacklistRules", "Email exception rule"},
}

// blacklistStore returns the rules of one kind.
func (e *Emulator) blacklistStore(kind string) *store[blacklistRec] {
	st := e.blacklist[kind]
	if st == nil {
		st = &store[blacklistRec]{}
		e.blacklist[kind] = st
	}
	return st
}

type blacklistJSON struct {
	ID       int64  `json:"id"`
	Pattern  string `json:"pattern"`
	IsGlobal bool   `json:"isGlobal"`
}

func blToJSON(r *blacklistRec) blacklistJSON {
	return blacklistJSON{ID: r.ID, Pattern: r.Pattern, IsGlobal: r.IsGlobal}
}

// validPattern checks a rule pattern: a bare domain for domains, a full address otherwise.
func (k blacklistKind) validPattern(p string) bool {
	p = strings.TrimSpace(p)
	if k.path == "domains" {
		if strings.ContainsAny(p, "@/: ") || !strings.Contains(p, ".") || strings.HasPrefix(p, ".") || strings.HasSuffix(p, ".") {
			return false
		}
		return true
	}
	return validEmail(p)
}

func (e *Emulator) registerBlacklistRoutes() {
	for _, k := range blacklistKinds {
		base := "/v3/contact-blacklist-rules/" + k.path
		e.route("GET "+base, k.op+".list", func(c *call) { e.listBlacklist(c, k) })
		e.route("GET "+base+"/{id}", k.op+".get", func(c *call) { e.getBlacklist(c, k) })
		e.route("POST "+base, k.op+".create", func(c *call) { e.createBlacklist(c, k) })
		e.route("PUT "+base+"/{id}", k.op+".update", func(c *call) { e.updateBlacklist(c, k) })
		e.route("DELETE "+base+"/{id}", k.op+".delete", func(c *call) { e.deleteBlacklist(c, k) })
		e.route("POST "+base+"/bulk", k.op+".bulkCreate", func(c *call) { e.bulkCreateBlacklist(c, k) })
		e.route("POST "+base+"/bulk-delete", k.op+".bulkDelete", func(c *call) { e.bulkDeleteBlacklist(c, k) })
	}
}

func (e *Emulator) listBlacklist(c *call, k blacklistKind) {
	top, skip, ok := c.page(25, 1000, k.slug+".invalidPagination")
	if !ok {
		return
	}
	search := strings.ToLower(strings.TrimSpace(c.query("search")))
	var items []blacklistJSON
	for _, r := range e.blacklistStore(k.path).all() {
		if search == "" || strings.Contains(r.Pattern, search) {
			items = append(items, blToJSON(r))
		}
	}
	writePage(c, items, top, skip)
}

func (e *Emulator) blacklistByPath(c *call, k blacklistKind) (*blacklistRec, bool) {
	id, ok := c.pathID("id")
	if !ok {
		return nil, false
	}
	r, ok := e.blacklistStore(k.path).get(id)
	if !ok {
		c.problem(http.StatusNotFound, k.slug+".notFound", k.what+" with ID "+itoa(id)+" not found.")
	}
	return r, ok
}

func (e *Emulator) getBlacklist(c *call, k blacklistKind) {
	if r, ok := e.blacklistByPath(c, k); ok {
		c.json(http.StatusOK, blToJSON(r))
	}
}

func (e *Emulator) blacklistTaken(k blacklistKind, pattern string, self int64) bool {
	for id, r := range e.blacklistStore(k.path).all() {
		if id != self && r.Pattern == pattern {
			return true
		}
	}
	return false
}

// decodePattern reads {pattern} and validates it; it answers and returns false on error.
func (e *Emulator) decodePattern(c *call, k blacklistKind) (string, bool) {
	var b struct {
		Pattern *string `json:"pattern"`
	}
	if !c.decode(&b) {
		return "", false
	}
	if b.Pattern == nil || strings.TrimSpace(*b.Pattern) == "" {
		c.invalid(fieldError{"/pattern", "Field is required."})
		return "", false
	}
	if !k.validPattern(*b.Pattern) {
		c.invalid(fieldError{"/pattern", "'" + *b.Pattern + "' is not a valid pattern."})
		return "", false
	}
	p := strings.ToLower(strings.TrimSpace(*b.Pattern))
	return p, true
}

func (e *Emulator) createBlacklist(c *call, k blacklistKind) {
	p, ok := e.decodePattern(c, k)
	if !ok {
		return
	}
	if e.blacklistTaken(k, p, 0) {
		c.problem(http.StatusConflict, k.slug+".duplicate", "A rule with pattern '"+p+"' already exists.")
		return
	}
	r := &blacklistRec{ID: e.nextID("blacklist-" + k.path), Pattern: p}
	e.blacklistStore(k.path).put(r.ID, r)
	c.created(blToJSON(r))
}

func (e *Emulator) updateBlacklist(c *call, k blacklistKind) {
	// Path id and body are validated together before the lookup (§1.6).
	if _, ok := c.pathID("id"); !ok {
		return
	}
	p, ok := e.decodePattern(c, k)
	if !ok || len(c.pending) > 0 {
		return
	}
	r, ok := e.blacklistByPath(c, k)
	if !ok {
		return
	}
	if r.IsGlobal {
		c.problem(http.StatusForbidden, k.slug+".globalRuleReadOnly", "Global rules are read-only.")
		return
	}
	if e.blacklistTaken(k, p, r.ID) {
		c.problem(http.StatusConflict, k.slug+".duplicate", "A rule with pattern '"+p+"' already exists.")
		return
	}
	r.Pattern = p
	c.json(http.StatusOK, blToJSON(r))
}

func (e *Emulator) deleteBlacklist(c *call, k blacklistKind) {
	r, ok := e.blacklistByPath(c, k)
	if !ok {
		return
	}
	if r.IsGlobal {
		c.problem(http.StatusForbidden, k.slug+".globalRuleReadOnly", "Global rules are read-only.")
		return
	}
	e.blacklistStore(k.path).del(r.ID)
	c.noContent()
}

func (e *Emulator) bulkCreateBlacklist(c *call, k blacklistKind) {
	var items []struct {
		Pattern *string `json:"pattern"`
	}
	if !c.decode(&items) {
		return
	}
	if len(items) == 0 {
		c.invalid(fieldError{"", "At least one rule is required."})
		return
	}
	var errs []fieldError
	for i, it := range items {
		if it.Pattern == nil || strings.TrimSpace(*it.Pattern) == "" {
			errs = append(errs, fieldError{"/" + strconv.Itoa(i) + "/pattern", "Field is required."})
		}
	}
	if len(errs) > 0 {
		c.invalid(errs...)
		return
	}
	out := make([]createResult, 0, len(items))
	for _, it := range items {
		p := strings.ToLower(strings.TrimSpace(*it.Pattern))
		switch {
		case !k.validPattern(p):
			code := 4
			out = append(out, createResult{Error: &code, ErrorDetails: sv("'" + p + "' is not a valid pattern.")})
		case e.blacklistTaken(k, p, 0):
			code := 2
			out = append(out, createResult{Error: &code, ErrorDetails: sv("A rule with pattern '" + p + "' already exists.")})
		default:
			r := &blacklistRec{ID: e.nextID("blacklist-" + k.path), Pattern: p}
			e.blacklistStore(k.path).put(r.ID, r)
			id := r.ID
			out = append(out, createResult{ID: &id})
		}
	}
	c.json(http.StatusOK, out)
}

func (e *Emulator) bulkDeleteBlacklist(c *call, k blacklistKind) {
	ids, ok := c.decodeIDs("ids", 1000, false)
	if !ok {
		return
	}
	out := map[string]notProcessed{}
	st := e.blacklistStore(k.path)
	for _, id := range ids {
		r, ok := st.get(id)
		switch {
		case !ok:
			out[itoa(id)] = np("notFound", k.what+" "+itoa(id)+" not found.")
		case r.IsGlobal:
			out[itoa(id)] = np("globalRuleReadOnly", "Global rules are read-only.")
		default:
			st.del(id)
		}
	}
	c.json(http.StatusOK, out)
}
