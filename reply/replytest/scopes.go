package replytest

import (
	"net/http"
	"slices"
	"strings"
)

// WithScopes gives key a scope list ("contacts:read", "sequences:operate", ...; REFERENCE.md §1.2). A key
// with a scope list gets 403 "<resource>.forbidden" for an operation whose scope it lacks; keys without one
// are never checked. "write" and "operate" imply "read". The key is also accepted (as with WithKeys).
func WithScopes(key string, scopes ...string) Option {
	return func(c *config) {
		if c.scopes == nil {
			c.scopes = map[string][]string{}
		}
		c.scopes[key] = slices.Clone(scopes)
		if len(c.keys) > 0 && !slices.Contains(c.keys, key) {
			c.keys = append(c.keys, key)
		}
	}
}

// scopeDomain maps an operation's resource to its scope domain and its error-code resource.
var scopeDomain = map[string][2]string{
	"accounts":                     {"accounts", "contactAccount"},
	"backgroundJobs":               {"backgroundJobs", "backgroundJob"},
	"contactLists":                 {"contacts", "contactsList"},
	"contacts":                     {"contacts", "contact"},
	"customFields":                 {"contacts", "customField"},
	"domainBlacklistRules":         {"contacts", "blacklistDomainRule"},
	"emailBlacklistRules":          {"contacts", "blacklistEmailRule"},
	"emailExceptionBlacklistRules": {"contacts", "blacklistEmailExceptionRule"},
	"emailAccounts":                {"emailAccounts", "emailAccount"},
	"emailTemplateFolders":         {"templates", "emailTemplateFolder"},
	"emailTemplates":               {"templates", "emailTemplate"},
	"emailValidations":             {"contacts", "emailValidation"},
	"holidayCalendars":             {"schedules", "holidayCalendar"},
	"linkedInAccounts":             {"linkedInAccounts", "linkedInAccount"},
	"schedules":                    {"schedules", "schedule"},
	"tasks":                        {"tasks", "task"},
	"webhooks":                     {"webhooks", "webHook"},
}

// operateVerbs are operation verbs (or verb fragments) that need the "operate" scope.
var operateVerbs = []string{"start", "pause", "archive", "status", "replied", "bounced", "optedout", "movetosequence",
	"complete", "execute", "enable", "disable", "test", "assign", "addcontacts", "movecontacts", "share"}

// requiredScope returns the scope an operation needs and the resource of its 403 code ("" when none).
func requiredScope(method, op string) (scope, code string) {
	res, verb, _ := strings.Cut(op, ".")
	if res == "whoami" {
		return "", ""
	}
	d, ok := scopeDomain[res]
	if !ok {
		if !strings.HasPrefix(res, "sequence") {
			return "", ""
		}
		d = [2]string{"sequences", strings.TrimSuffix(res, "s")}
	}
	level := "write"
	lv := strings.ToLower(verb)
	switch {
	case method == http.MethodGet || method == http.MethodHead:
		level = "read"
	case slices.ContainsFunc(operateVerbs, func(v string) bool { return strings.Contains(lv, v) }):
		level = "operate"
	}
	return d[0] + ":" + level, d[1]
}

// hasScope reports whether a scope list grants need.
func hasScope(have []string, need string) bool {
	domain, level, _ := strings.Cut(need, ":")
	for _, h := range have {
		hd, hl, _ := strings.Cut(h, ":")
		if !strings.EqualFold(hd, domain) {
			continue
		}
		if strings.EqualFold(hl, level) || level == "read" && (strings.EqualFold(hl, "write") || strings.EqualFold(hl, "operate")) {
			return true
		}
	}
	return false
}

// scopeDenied answers 403 when key has a scope list that lacks op's scope.
func (e *Emulator) scopeDenied(w http.ResponseWriter, key, method, op string) bool {
	have, ok := e.cfg.scopes[key]
	if !ok {
		return false
	}
	need, code := requiredScope(method, op)
	if need == "" || hasScope(have, need) {
		return false
	}
	writeProblem(w, http.StatusForbidden, code+".forbidden",
		"Feature scopes ["+need+"] are denied for userId "+itoa(e.cur.ID)+".")
	return true
}
