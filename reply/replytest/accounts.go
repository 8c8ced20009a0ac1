package replytest

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// accountRec is a stored contact account (company).
type accountRec struct {
	ID                                                          int64
	OwnerUserID                                                 int64
	Name                                                        string
	Description, DomainName, DomainSecondary, Industry, Country nstr
	State, City, TimeZoneID, LinkedInURL, Phone, TwitterURL     nstr
	LogoURL, Email, CompanySize                                 nstr
	CreatedDate, LastActivityDate                               time.Time
	Contacts                                                    int // linked contacts
}

var accountCompanySizes = []string{"Empty", "SelfEmployed", "2-10", "11-50", "51-200", "201-500", "501-1000",
	"1001-5000", "5001-10000", "10001+"}

type accountJSON struct {
	ID                   int64  `json:"id"`
	OwnerUserID          int64  `json:"ownerUserId"`
	Name                 string `json:"name"`
	Description          nstr   `json:"description"`
	DomainName           nstr   `json:"domainName"`
	DomainSecondary      nstr   `json:"domainSecondary"`
	Industry             nstr   `json:"industry"`
	Country              nstr   `json:"country"`
	State                nstr   `json:"state"`
	City                 nstr   `json:"city"`
	TimeZoneID           nstr   `json:"timeZoneId"`
	LinkedInURL          nstr   `json:"linkedInUrl"`
	Phone                nstr   `json:"phone"`
	TwitterURL           nstr   `json:"twitterUrl"`
	LogoURL              nstr   `json:"logoUrl"`
	Email                nstr   `json:"email"`
	CompanySize          nstr   `json:"companySize"`
	Stage                any    `json:"stage"`
	LinkedProspectsCount int    `json:"linkedProspectsCount"`
	CreatedDate          tZ     `json:"createdDate"`
	LastActivityDate     tZ     `json:"lastActivityDate"`
}

type accountDetailJSON struct {
	accountJSON
	EmailProvider nstr `json:"emailProvider"`
}

func accountToJSON(a *accountRec) accountJSON {
	return accountJSON{ID: a.ID, OwnerUserID: a.OwnerUserID, Name: a.Name, Description: a.Description,
		DomainName: a.DomainName, DomainSecondary: a.DomainSecondary, Industry: a.Industry, Country: a.Country,
		State: a.State, City: a.City, TimeZoneID: a.TimeZoneID, LinkedInURL: a.LinkedInURL, Phone: a.Phone,
		TwitterURL: a.TwitterURL, LogoURL: a.LogoURL, Email: a.Email, CompanySize: a.CompanySize,
		LinkedProspectsCount: a.Contacts, CreatedDate: tZ(a.CreatedDate), LastActivityDate: tZ(a.LastActivityDate)}
}

func accountDetail(a *accountRec) accountDetailJSON {
	return accountDetailJSON{accountJSON: accountToJSON(a)}
}

// touchAccount moves an account's lastActivityDate to now (0 or a missing id is ignored).
func (e *Emulator) touchAccount(id int64) {
	if a, ok := e.accounts.get(id); ok {
		a.LastActivityDate = e.nowLocked()
	}
}

// linkAccount adjusts the linked-contact counts when a contact moves from account old to account new.
func (e *Emulator) linkAccount(old, new int64) {
	if a, ok := e.accounts.get(old); ok && a.Contacts > 0 {
		a.Contacts--
	}
	if a, ok := e.accounts.get(new); ok {
		a.Contacts++
	}
}

type accountWrite struct {
	Name            opt[string] `json:"name"`
	Description     opt[string] `json:"description"`
	DomainName      opt[string] `json:"domainName"`
	DomainSecondary opt[string] `json:"domainSecondary"`
	Industry        opt[string] `json:"industry"`
	Country         opt[string] `json:"country"`
	State           opt[string] `json:"state"`
	City            opt[string] `json:"city"`
	TimeZoneID      opt[string] `json:"timeZoneId"`
	LinkedInURL     opt[string] `json:"linkedInUrl"`
	Phone           opt[string] `json:"phone"`
	TwitterURL      opt[string] `json:"twitterUrl"`
	LogoURL         opt[string] `json:"logoUrl"`
	Email           opt[string] `json:"email"`
	CompanySize     opt[string] `json:"companySize"`
	OwnerUserID     opt[int64]  `json:"ownerUserId"`
}

// accountRequired reports a missing name (validation material).
func accountRequired(w *accountWrite, prefix string) []fieldError {
	if !w.Name.Set || w.Name.Null || strings.TrimSpace(w.Name.V) == "" {
		return []fieldError{{prefix + "/name", "Field is required."}}
	}
	return nil
}

// accountInvalid returns a contactAccount.invalidInput detail, or "".
func accountInvalid(w *accountWrite) string {
	if w.Email.Set && !w.Email.Null && w.Email.V != "" && !validEmail(w.Email.V) {
		return "'" + w.Email.V + "' is not a valid email address."
	}
	if w.CompanySize.Set && !w.CompanySize.Null && w.CompanySize.V != "" {
		if _, ok := enumValue(w.CompanySize.V, accountCompanySizes); !ok {
			return "'" + w.CompanySize.V + "' is not a valid company size."
		}
	}
	for _, d := range []opt[string]{w.DomainName, w.DomainSecondary} {
		if d.Set && !d.Null && strings.ContainsAny(d.V, "@/ ") {
			return "'" + d.V + "' is not a valid domain name."
		}
	}
	if w.TimeZoneID.Set && !w.TimeZoneID.Null && w.TimeZoneID.V != "" && !validIANAZone(w.TimeZoneID.V) {
		return "'" + w.TimeZoneID.V + "' is not a valid time zone id."
	}
	return ""
}

// applyAccount writes every mutable field of w to a (PUT semantics: absent or null clears).
func applyAccount(a *accountRec, w *accountWrite) {
	set := func(dst *nstr, o opt[string]) {
		if o.Set && !o.Null {
			*dst = sv(o.V)
		} else {
			*dst = nstr{}
		}
	}
	a.Name = strings.TrimSpace(w.Name.V)
	set(&a.Description, w.Description)
	set(&a.DomainName, w.DomainName)
	set(&a.DomainSecondary, w.DomainSecondary)
	set(&a.Industry, w.Industry)
	set(&a.Country, w.Country)
	set(&a.State, w.State)
	set(&a.City, w.City)
	set(&a.TimeZoneID, w.TimeZoneID)
	set(&a.LinkedInURL, w.LinkedInURL)
	set(&a.Phone, w.Phone)
	set(&a.TwitterURL, w.TwitterURL)
	set(&a.LogoURL, w.LogoURL)
	set(&a.Email, w.Email)
	a.CompanySize = nstr{}
	if w.CompanySize.Set && !w.CompanySize.Null && w.CompanySize.V != "" {
		v, _ := enumValue(w.CompanySize.V, accountCompanySizes)
		a.CompanySize = sv(v)
	}
}

func (e *Emulator) newAccount(w *accountWrite, owner int64) *accountRec {
	now := e.nowLocked()
	a := &accountRec{ID: e.nextID("contactAccount"), OwnerUserID: owner, CreatedDate: now, LastActivityDate: now}
	applyAccount(a, w)
	e.accounts.put(a.ID, a)
	return a
}

func (e *Emulator) registerAccountRoutes() {
	e.route("GET /v3/contact-accounts", "accounts.list", e.listAccounts)
	e.route("POST /v3/contact-accounts/filter", "accounts.filter", e.filterAccounts)
	e.route("GET /v3/contact-accounts/{id}", "accounts.get", e.getAccount)
	e.route("POST /v3/contact-accounts", "accounts.create", e.createAccount)
	e.route("PUT /v3/contact-accounts/{id}", "accounts.update", e.updateAccount)
	e.route("DELETE /v3/contact-accounts/{id}", "accounts.delete", e.deleteAccount)
	e.route("POST /v3/contact-accounts/bulk", "accounts.bulkCreate", e.bulkCreateAccounts)
	e.route("POST /v3/contact-accounts/bulk-delete", "accounts.bulkDelete", e.bulkDeleteAccounts)
	e.route("PUT /v3/contact-accounts/{id}/owner", "accounts.setOwner", e.setAccountOwner)
	e.route("GET /v3/contact-accounts/{id}/contacts", "accounts.contacts", e.accountContacts)
}

func accountOrder(by, dir string) (func(a, b *accountRec) int, bool) {
	by, ok := enumValue(by, []string{"name", "createdDate", "lastActivityDate", "id"})
	if !ok {
		return nil, false
	}
	desc := strings.EqualFold(dir, "desc")
	return func(a, b *accountRec) int {
		var n int
		switch by {
		case "name":
			n = strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
		case "createdDate":
			n = a.CreatedDate.Compare(b.CreatedDate)
		case "lastActivityDate":
			n = a.LastActivityDate.Compare(b.LastActivityDate)
		}
		if n == 0 {
			n = cmp.Compare(a.ID, b.ID)
		}
		if desc {
			return -n
		}
		return n
	}, true
}

func (e *Emulator) listAccounts(c *call) {
	top, skip, ok := c.page(25, 1000, "contactAccount.invalidPagination")
	if !ok {
		return
	}
	search := strings.ToLower(strings.TrimSpace(c.query("search")))
	var order func(a, b *accountRec) int
	if by := c.query("sort_by"); by != "" {
		var ok bool
		if order, ok = accountOrder(by, c.query("sort_direction")); !ok {
			c.invalid(fieldError{"sort_by", "Value has an invalid format."})
			return
		}
	}
	if d := c.query("sort_direction"); d != "" && !strings.EqualFold(d, "asc") && !strings.EqualFold(d, "desc") {
		c.invalid(fieldError{"sort_direction", "Value has an invalid format."})
		return
	}
	var hits []*accountRec
	for _, a := range e.accounts.all() {
		if search == "" || strings.Contains(strings.ToLower(a.Name), search) {
			hits = append(hits, a)
		}
	}
	if order != nil {
		slices.SortStableFunc(hits, order)
	}
	page, more := pageSlice(hits, top, skip)
	items := make([]accountJSON, 0, len(page))
	for _, a := range page {
		items = append(items, accountToJSON(a))
	}
	c.json(http.StatusOK, pageBody[accountJSON]{Items: items, HasMore: more})
}

var accountFilterProps = []string{"OwnerId", "Name", "Description", "DomainName", "DomainSecondary", "Industry",
	"Country", "State", "City", "LinkedInUrl", "TwitterUrl", "CreatedDate", "LastActivityDate", "CompanySize",
	"TimeZoneId", "NumericPhoneNumber", "LastActivityDateFrom", "LastActivityDateTo", "Stage", "NumberOfContacts",
	"Sequence"}

var accountFilterConds = []string{"Equals", "NotEquals", "In", "NotIn", "CollectionContains",
	"CollectionNotContains", "GreaterThan", "LowerThan", "GreaterEqualThan", "LowerEqualThan", "IsNull", "IsNotNull"}

type accountCond struct {
	Property  string          `json:"property"`
	Condition string          `json:"condition"`
	Values    json.RawMessage `json:"values"`
}

// accountValue is one comparable property value: a string, a number or a time; null when !ok.
type accountValue struct {
	s  string
	n  float64
	t  time.Time
	ok bool
}

func (e *Emulator) accountProp(a *accountRec, prop string) (accountValue, string) {
	str := func(v nstr) (accountValue, string) { return accountValue{s: v.S, ok: v.Valid && v.S != ""}, "s" }
	switch prop {
	case "OwnerId":
		return accountValue{n: float64(a.OwnerUserID), ok: true}, "n"
	case "Name":
		return accountValue{s: a.Name, ok: true}, "s"
	case "Description":
		return str(a.Description)
	case "DomainName":
		return str(a.DomainName)
	case "DomainSecondary":
		return str(a.DomainSecondary)
	case "Industry":
		return str(a.Industry)
	case "Country":
		return str(a.Country)
	case "State":
		return str(a.State)
	case "City":
		return str(a.City)
	case "LinkedInUrl":
		return str(a.LinkedInURL)
	case "TwitterUrl":
		return str(a.TwitterURL)
	case "CompanySize":
		return str(a.CompanySize)
	case "TimeZoneId":
		return str(a.TimeZoneID)
	case "NumericPhoneNumber":
		digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, a.Phone.S)
		return accountValue{s: digits, ok: digits != ""}, "s"
	case "CreatedDate":
		return accountValue{t: a.CreatedDate, ok: !a.CreatedDate.IsZero()}, "t"
	case "LastActivityDate", "LastActivityDateFrom", "LastActivityDateTo":
		return accountValue{t: a.LastActivityDate, ok: !a.LastActivityDate.IsZero()}, "t"
	case "Stage":
		return accountValue{}, "s"
	case "NumberOfContacts":
		return accountValue{n: float64(a.Contacts), ok: true}, "n"
	}
	return accountValue{}, "s"
}

// parseAccountValues reads the values of a condition as a list of raw scalars.
func parseAccountValues(raw json.RawMessage) ([]any, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, true
	}
	var list []any
	if err := json.Unmarshal(raw, &list); err == nil {
		return list, true
	}
	var one any
	if err := json.Unmarshal(raw, &one); err != nil {
		return nil, false
	}
	return []any{one}, true
}

func toAccountValue(v any, kind string) (accountValue, bool) {
	switch kind {
	case "n":
		switch x := v.(type) {
		case float64:
			return accountValue{n: x, ok: true}, true
		case string:
			f, err := strconv.ParseFloat(x, 64)
			return accountValue{n: f, ok: true}, err == nil
		}
		return accountValue{}, false
	case "t":
		s, ok := v.(string)
		if !ok {
			return accountValue{}, false
		}
		t, ok := parseTime(s)
		return accountValue{t: t, ok: true}, ok
	}
	switch x := v.(type) {
	case string:
		return accountValue{s: x, ok: true}, true
	case float64:
		return accountValue{s: strconv.FormatFloat(x, 'f', -1, 64), ok: true}, true
	case bool:
		return accountValue{s: strconv.FormatBool(x), ok: true}, true
	}
	return accountValue{}, false
}

func compareAccountValues(a, b accountValue, kind string) int {
	switch kind {
	case "n":
		return cmp.Compare(a.n, b.n)
	case "t":
		return a.t.Truncate(time.Second).Compare(b.t.Truncate(time.Second))
	}
	return strings.Compare(strings.ToLower(a.s), strings.ToLower(b.s))
}

func (e *Emulator) filterAccounts(c *call) {
	top, skip, ok := c.page(25, 1000, "contactAccount.invalidPagination")
	if !ok {
		return
	}
	var f struct {
		Search        string        `json:"search"`
		SortBy        string        `json:"sortBy"`
		SortDirection string        `json:"sortDirection"`
		ListID        *int64        `json:"listId"`
		Filters       []accountCond `json:"filters"`
	}
	if !c.decodeOptional(&f) {
		return
	}
	var errs []fieldError
	if len(f.Filters) > 20 {
		errs = append(errs, fieldError{"/filters", "At most 20 conditions are allowed."})
	}
	type pred func(a *accountRec) bool
	var preds []pred
	for i, fc := range f.Filters {
		p := "/filters/" + strconv.Itoa(i)
		prop, ok := enumValue(fc.Property, accountFilterProps)
		if !ok {
			errs = append(errs, fieldError{p + "/property", "Unknown filter field '" + fc.Property + "'."})
			continue
		}
		cond, ok := enumValue(fc.Condition, accountFilterConds)
		if !ok {
			errs = append(errs, fieldError{p + "/condition", "Unknown condition '" + fc.Condition + "'."})
			continue
		}
		switch prop {
		case "LastActivityDateFrom":
			prop, cond = "LastActivityDate", "GreaterEqualThan"
		case "LastActivityDateTo":
			prop, cond = "LastActivityDate", "LowerEqualThan"
		}
		vals, ok := parseAccountValues(fc.Values)
		if !ok {
			errs = append(errs, fieldError{p + "/values", "Value has an invalid type."})
			continue
		}
		if prop == "Sequence" {
			var seqIDs []int64
			for _, v := range vals {
				if av, ok := toAccountValue(v, "n"); ok {
					seqIDs = append(seqIDs, int64(av.n))
				}
			}
			inSeq := e.accountsInSequences(seqIDs)
			neg := cond == "NotEquals" || cond == "NotIn" || cond == "CollectionNotContains"
			preds = append(preds, func(a *accountRec) bool { return inSeq[a.ID] != neg })
			continue
		}
		_, kind := e.accountProp(&accountRec{}, prop)
		var want []accountValue
		if cond != "IsNull" && cond != "IsNotNull" {
			if len(vals) == 0 {
				errs = append(errs, fieldError{p + "/values", "Field is required."})
				continue
			}
			bad := false
			for _, v := range vals {
				av, ok := toAccountValue(v, kind)
				if !ok {
					bad = true
					break
				}
				want = append(want, av)
			}
			if bad {
				errs = append(errs, fieldError{p + "/values", "Value has an invalid format."})
				continue
			}
		}
		preds = append(preds, func(a *accountRec) bool {
			got, kind := e.accountProp(a, prop)
			switch cond {
			case "IsNull":
				return !got.ok
			case "IsNotNull":
				return got.ok
			}
			if !got.ok {
				return cond == "NotEquals" || cond == "NotIn" || cond == "CollectionNotContains"
			}
			anyEq := false
			for _, w := range want {
				if compareAccountValues(got, w, kind) == 0 {
					anyEq = true
				}
			}
			w := want[0]
			switch cond {
			case "Equals", "In":
				return anyEq
			case "NotEquals", "NotIn":
				return !anyEq
			case "CollectionContains", "CollectionNotContains":
				has := false
				for _, w := range want {
					if strings.Contains(strings.ToLower(got.s), strings.ToLower(w.s)) {
						has = true
					}
				}
				return has == (cond == "CollectionContains")
			case "GreaterThan":
				return compareAccountValues(got, w, kind) > 0
			case "LowerThan":
				return compareAccountValues(got, w, kind) < 0
			case "GreaterEqualThan":
				return compareAccountValues(got, w, kind) >= 0
			case "LowerEqualThan":
				return compareAccountValues(got, w, kind) <= 0
			}
			return false
		})
	}
	var order func(a, b *accountRec) int
	if f.SortBy != "" {
		var ok bool
		if order, ok = accountOrder(f.SortBy, f.SortDirection); !ok {
			errs = append(errs, fieldError{"/sortBy", "Value has an invalid format."})
		}
	}
	if d := f.SortDirection; d != "" && !strings.EqualFold(d, "asc") && !strings.EqualFold(d, "desc") {
		errs = append(errs, fieldError{"/sortDirection", "Value has an invalid format."})
	}
	if len(errs) > 0 {
		c.invalid(errs...)
		return
	}
	search := strings.ToLower(strings.TrimSpace(f.Search))
	var hits []*accountRec
	for _, a := range e.accounts.all() {
		if f.ListID != nil { // account lists are not emulated: no account is in any list
			break
		}
		if search != "" && !strings.Contains(strings.ToLower(a.Name), search) {
			continue
		}
		ok := true
		for _, p := range preds {
			if !p(a) {
				ok = false
				break
			}
		}
		if ok {
			hits = append(hits, a)
		}
	}
	if order != nil {
		slices.SortStableFunc(hits, order)
	}
	page, more := pageSlice(hits, top, skip)
	items := make([]accountJSON, 0, len(page))
	for _, a := range page {
		items = append(items, accountToJSON(a))
	}
	c.json(http.StatusOK, pageBody[accountJSON]{Items: items, HasMore: more})
}

// accountsInSequences returns the accounts with a contact enrolled in one of the sequences.
func (e *Emulator) accountsInSequences(seqIDs []int64) map[int64]bool {
	out := map[int64]bool{}
	for _, sid := range seqIDs {
		for cid := range e.seq.members[sid] {
			if r, ok := e.contacts.get(cid); ok && r.AccountID != 0 {
				out[r.AccountID] = true
			}
		}
	}
	return out
}

func (e *Emulator) accountByPath(c *call) (*accountRec, bool) {
	id, ok := c.pathID("id")
	if !ok {
		return nil, false
	}
	a, ok := e.accounts.get(id)
	if !ok {
		c.problem(http.StatusNotFound, "contactAccount.notFound", "Contact account with ID "+itoa(id)+" not found.")
		return nil, false
	}
	return a, true
}

func (e *Emulator) getAccount(c *call) {
	if a, ok := e.accountByPath(c); ok {
		c.json(http.StatusOK, accountDetail(a))
	}
}

func (e *Emulator) createAccount(c *call) {
	var w accountWrite
	if !c.decode(&w) {
		return
	}
	if errs := accountRequired(&w, ""); errs != nil {
		c.invalid(errs...)
		return
	}
	if msg := accountInvalid(&w); msg != "" {
		c.problem(http.StatusBadRequest, "contactAccount.invalidInput", msg)
		return
	}
	c.created(accountDetail(e.newAccount(&w, c.user().ID)))
}

func (e *Emulator) updateAccount(c *call) {
	// Path id and body are validated together before the lookup (§1.6).
	if _, ok := c.pathID("id"); !ok {
		return
	}
	var w accountWrite
	if !c.decode(&w) {
		return
	}
	if errs := accountRequired(&w, ""); errs != nil {
		c.invalid(errs...)
		return
	}
	if len(c.pending) > 0 {
		return
	}
	a, ok := e.accountByPath(c)
	if !ok {
		return
	}
	if msg := accountInvalid(&w); msg != "" {
		c.problem(http.StatusBadRequest, "contactAccount.invalidInput", msg)
		return
	}
	if w.OwnerUserID.Set && !w.OwnerUserID.Null && !e.isTeamUser(w.OwnerUserID.V) {
		c.problem(http.StatusBadRequest, "contactAccount.invalidInput", "User "+itoa(w.OwnerUserID.V)+" is not a member of the team.")
		return
	}
	applyAccount(a, &w)
	if w.OwnerUserID.Set && !w.OwnerUserID.Null {
		a.OwnerUserID = w.OwnerUserID.V
	}
	a.LastActivityDate = c.now()
	c.json(http.StatusOK, accountDetail(a))
}

func (e *Emulator) removeAccount(id int64) {
	for _, r := range e.contacts.all() {
		if r.AccountID == id {
			r.AccountID = 0
			e.touchContact(r)
		}
	}
	e.accounts.del(id)
}

func (e *Emulator) deleteAccount(c *call) {
	if a, ok := e.accountByPath(c); ok {
		e.removeAccount(a.ID)
		c.noContent()
	}
}

// createResult is a B2 item.
type createResult struct {
	ID           *int64 `json:"id"`
	Error        *int   `json:"error"`
	ErrorDetails nstr   `json:"errorDetails"`
}

func (e *Emulator) bulkCreateAccounts(c *call) {
	var b struct {
		Items []accountWrite `json:"items"`
	}
	if !c.decode(&b) {
		return
	}
	if len(b.Items) == 0 || len(b.Items) > 100 {
		c.invalid(fieldError{"/items", "Between 1 and 100 items are required."})
		return
	}
	var errs []fieldError
	for i := range b.Items {
		errs = append(errs, accountRequired(&b.Items[i], "/items/"+strconv.Itoa(i))...)
	}
	if len(errs) > 0 {
		c.invalid(errs...)
		return
	}
	out := make([]createResult, 0, len(b.Items))
	for i := range b.Items {
		if msg := accountInvalid(&b.Items[i]); msg != "" {
			code := 3
			out = append(out, createResult{Error: &code, ErrorDetails: sv(msg)})
			continue
		}
		id := e.newAccount(&b.Items[i], c.user().ID).ID
		out = append(out, createResult{ID: &id})
	}
	c.json(http.StatusOK, out)
}

func (e *Emulator) bulkDeleteAccounts(c *call) {
	ids, ok := c.decodeIDs("ids", 1000, false)
	if !ok {
		return
	}
	out := map[string]notProcessed{}
	for _, id := range ids {
		if _, ok := e.accounts.get(id); !ok {
			out[itoa(id)] = np("notFound", "Contact account "+itoa(id)+" not found.")
			continue
		}
		e.removeAccount(id)
	}
	c.json(http.StatusOK, out)
}

func (e *Emulator) setAccountOwner(c *call) {
	a, ok := e.accountByPath(c)
	if !ok {
		return
	}
	var b struct {
		UserID *int64 `json:"userId"`
	}
	if !c.decode(&b) {
		return
	}
	if b.UserID == nil {
		c.invalid(fieldError{"/userId", "Field is required."})
		return
	}
	if !e.isTeamUser(*b.UserID) {
		c.problem(http.StatusBadRequest, "contactAccount.invalidInput", "User "+itoa(*b.UserID)+" is not a member of the team.")
		return
	}
	a.OwnerUserID = *b.UserID
	a.LastActivityDate = c.now()
	c.json(http.StatusOK, accountDetail(a))
}

func (e *Emulator) accountContacts(c *call) {
	a, ok := e.accountByPath(c)
	if !ok {
		return
	}
	top, skip, ok := c.page(25, 1000, "contactAccount.invalidPagination")
	if !ok {
		return
	}
	type item struct {
		ID        int64 `json:"id"`
		Email     nstr  `json:"email"`
		FirstName nstr  `json:"firstName"`
		LastName  nstr  `json:"lastName"`
		Title     nstr  `json:"title"`
	}
	var items []item
	for _, r := range e.contacts.all() {
		if r.AccountID == a.ID {
			items = append(items, item{r.ID, r.Email, r.FirstName, r.LastName, r.Title})
		}
	}
	writePage(c, items, top, skip)
}
