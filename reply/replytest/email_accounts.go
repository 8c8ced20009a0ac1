package replytest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// emailAccountRec is a stored email account.
type emailAccountRec struct {
	ID                         int64
	OwnerUserID                int64
	Type                       string // custom, gmail, outlook, exchange, exchangeOnPremise
	IsDefault                  bool
	ConnectionStatus           string
	Tags                       []string
	UpdatedAt                  time.Time
	Connection                 emailConnection
	Safety                     emailSafety
	Signature                  emailSignature
	OptOut                     emailOptOut
	RampUp                     emailRampUp
	SendingConnectivityError   nstr
	ReceivingConnectivityError nstr
	SendingLockedByProvider    bool
	SmtpPassword               string
	ImapPassword               string
}

type emailConnection struct {
	Email      string `json:"email"`
	SenderName nstr   `json:"senderName"`
	SmtpHost   string `json:"smtpHost"`
	SmtpPort   int    `json:"smtpPort"`
	SmtpSsl    bool   `json:"smtpSsl"`
	ImapHost   string `json:"imapHost"`
	ImapPort   int    `json:"imapPort"`
	ImapSsl    bool   `json:"imapSsl"`
}

type emailSafety struct {
	DailyLimit                      int   `json:"dailyLimit"`
	IsEmailsThrottlingEnabled       *bool `json:"isEmailsThrottlingEnabled"`
	EmailsPerInterval               *int  `json:"emailsPerInterval"`
	EmailsThrottlingSecondsInterval *int  `json:"emailsThrottlingSecondsInterval"`
	IsSendingDelayEnabled           *bool `json:"isSendingDelayEnabled"`
	MaxSendingDelaySeconds          *int  `json:"maxSendingDelaySeconds"`
	MinSendingDelaySeconds          *int  `json:"minSendingDelaySeconds"`
}

type emailSignature struct {
	Signature nstr `json:"signature"`
}

type emailOptOut struct {
	Message             nstr `json:"message"`
	EmailFooter         nstr `json:"emailFooter"`
	IsOptOutLinkEnabled bool `json:"isOptOutLinkEnabled"`
	OptOutTextBlock     nstr `json:"optOutTextBlock"`
}

type emailRampUp struct {
	Enabled        bool `json:"enabled"`
	StartValue     int  `json:"startValue"`
	IncrementValue int  `json:"incrementValue"`
}

// emailAccount returns the email account with the given id.
func (e *Emulator) emailAccount(id int64) (*emailAccountRec, bool) { return e.emailAccounts.get(id) }

const maxEmailAccountsPerUser = 100

type emailAccountItemJSON struct {
	ID               int64    `json:"id"`
	OwnerUserID      int64    `json:"ownerUserId"`
	Email            string   `json:"email"`
	SenderName       nstr     `json:"senderName"`
	EmailAccountType string   `json:"emailAccountType"`
	IsDefault        bool     `json:"isDefault"`
	DailyLimit       int      `json:"dailyLimit"`
	ConnectionStatus string   `json:"connectionStatus"`
	Tags             []string `json:"tags"`
}

type emailAccountDetailJSON struct {
	ID                         int64           `json:"id"`
	OwnerUserID                int64           `json:"ownerUserId"`
	EmailAccountType           string          `json:"emailAccountType"`
	IsDefault                  bool            `json:"isDefault"`
	ConnectionStatus           string          `json:"connectionStatus"`
	IsInUse                    bool            `json:"isInUse"`
	SendingConnectivityError   nstr            `json:"sendingConnectivityError"`
	ReceivingConnectivityError nstr            `json:"receivingConnectivityError"`
	SendingLockedByProvider    bool            `json:"sendingLockedByProvider"`
	UpdatedAt                  tZ              `json:"updatedAt"`
	Connection                 emailConnection `json:"connection"`
	Safety                     emailSafety     `json:"safety"`
	Signature                  emailSignature  `json:"signature"`
	OptOut                     emailOptOut     `json:"optOut"`
	RampUp                     emailRampUp     `json:"rampUp"`
	Tags                       []string        `json:"tags"`
}

func eaItem(a *emailAccountRec) emailAccountItemJSON {
	return emailAccountItemJSON{ID: a.ID, OwnerUserID: a.OwnerUserID, Email: a.Connection.Email,
		SenderName: a.Connection.SenderName, EmailAccountType: a.Type, IsDefault: a.IsDefault,
		DailyLimit: a.Safety.DailyLimit, ConnectionStatus: a.ConnectionStatus, Tags: nonNilTags(a.Tags)}
}

func (e *Emulator) eaDetail(a *emailAccountRec) emailAccountDetailJSON {
	return emailAccountDetailJSON{ID: a.ID, OwnerUserID: a.OwnerUserID, EmailAccountType: a.Type,
		IsDefault: a.IsDefault, ConnectionStatus: a.ConnectionStatus, IsInUse: e.emailAccountInUse(a.ID),
		SendingConnectivityError: a.SendingConnectivityError, ReceivingConnectivityError: a.ReceivingConnectivityError,
		SendingLockedByProvider: a.SendingLockedByProvider, UpdatedAt: tZ(a.UpdatedAt), Connection: a.Connection,
		Safety: a.Safety, Signature: a.Signature, OptOut: a.OptOut, RampUp: a.RampUp, Tags: nonNilTags(a.Tags)}
}

func nonNilTags(t []string) []string {
	if t == nil {
		return []string{}
	}
	return t
}

func (e *Emulator) registerEmailAccountRoutes() {
	e.route("GET /v3/email-accounts", "emailAccounts.list", e.listEmailAccounts)
	e.route("POST /v3/email-accounts/filter", "emailAccounts.filter", e.filterEmailAccounts)
	e.route("GET /v3/email-accounts/{id}", "emailAccounts.get", e.getEmailAccount)
	e.route("POST /v3/email-accounts", "emailAccounts.create", e.createEmailAccount)
	e.route("PATCH /v3/email-accounts/{id}", "emailAccounts.update", e.patchEmailAccount)
	e.route("DELETE /v3/email-accounts/{id}", "emailAccounts.delete", e.deleteEmailAccount)
	e.route("POST /v3/email-accounts/{id}/tags", "emailAccounts.addTags", func(c *call) { e.emailAccountTags(c, true) })
	e.route("DELETE /v3/email-accounts/{id}/tags", "emailAccounts.removeTags", func(c *call) { e.emailAccountTags(c, false) })
}

func (e *Emulator) listEmailAccounts(c *call) {
	top, skip, ok := c.page(25, 1000, "emailAccount.invalidPagination")
	if !ok {
		return
	}
	my := strings.EqualFold(c.query("my"), "true")
	var items []emailAccountItemJSON
	for _, a := range e.emailAccounts.all() {
		if my && a.OwnerUserID != c.user().ID {
			continue
		}
		items = append(items, eaItem(a))
	}
	writePage(c, items, top, skip)
}

func (e *Emulator) filterEmailAccounts(c *call) {
	top, skip, ok := c.page(25, 1000, "emailAccount.invalidPagination")
	if !ok {
		return
	}
	var f struct {
		Status           *string  `json:"status"`
		EmailAccountType *string  `json:"emailAccountType"`
		Email            *string  `json:"email"`
		Domains          []string `json:"domains"`
		OwnerUserIDs     []int64  `json:"ownerUserIds"`
		Tags             []string `json:"tags"`
	}
	if !c.decodeOptional(&f) {
		return
	}
	var errs []fieldError
	var status, typ string
	if f.Status != nil {
		var ok bool
		if status, ok = enumValue(*f.Status, []string{"connected", "disconnected", "unknown"}); !ok {
			errs = append(errs, fieldError{"/status", "Value has an invalid format."})
		}
	}
	if f.EmailAccountType != nil {
		var ok bool
		if typ, ok = enumValue(*f.EmailAccountType, []string{"custom", "gmail", "outlook", "exchange", "exchangeOnPremise"}); !ok {
			errs = append(errs, fieldError{"/emailAccountType", "Value has an invalid format."})
		}
	}
	if len(errs) > 0 {
		c.invalid(errs...)
		return
	}
	var items []emailAccountItemJSON
	for _, a := range e.emailAccounts.all() {
		if status != "" && a.ConnectionStatus != status || typ != "" && a.Type != typ {
			continue
		}
		if f.Email != nil && !strings.EqualFold(a.Connection.Email, strings.TrimSpace(*f.Email)) {
			continue
		}
		if len(f.Domains) > 0 && !slices.ContainsFunc(f.Domains, func(d string) bool {
			return strings.HasSuffix(strings.ToLower(a.Connection.Email), strings.ToLower(strings.TrimPrefix(d, "@")))
		}) {
			continue
		}
		if len(f.OwnerUserIDs) > 0 && !slices.Contains(f.OwnerUserIDs, a.OwnerUserID) {
			continue
		}
		if len(f.Tags) > 0 && !slices.ContainsFunc(f.Tags, func(t string) bool {
			return slices.ContainsFunc(a.Tags, func(x string) bool { return strings.EqualFold(x, t) })
		}) {
			continue
		}
		items = append(items, eaItem(a))
	}
	writePage(c, items, top, skip)
}

func (e *Emulator) emailAccountByPath(c *call) (*emailAccountRec, bool) {
	id, ok := c.pathID64("id")
	if !ok {
		return nil, false
	}
	a, ok := e.emailAccounts.get(id)
	if !ok {
		c.problem(http.StatusNotFound, "emailAccount.notFound", "Email account with ID "+itoa(id)+" not found.")
	}
	return a, ok
}

func (e *Emulator) getEmailAccount(c *call) {
	if a, ok := e.emailAccountByPath(c); ok {
		c.json(http.StatusOK, e.eaDetail(a))
	}
}

// mergeSection overlays the non-null members of raw (a JSON object) onto dst (PATCH semantics). It returns a
// validation error with pointer "/<section>/<member>" when a member has the wrong type.
func mergeSection(dst any, raw json.RawMessage, section string) *fieldError {
	var patch map[string]json.RawMessage
	if err := json.Unmarshal(raw, &patch); err != nil {
		return &fieldError{"/" + section, "Value has an invalid type."}
	}
	for k, v := range patch {
		if bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
			continue
		}
		one, _ := json.Marshal(map[string]json.RawMessage{k: v})
		if err := json.Unmarshal(one, dst); err != nil {
			return &fieldError{"/" + section + "/" + k, "Value has an invalid type."}
		}
	}
	return nil
}

type emailAccountBody struct {
	Connection json.RawMessage `json:"connection"`
	Safety     json.RawMessage `json:"safety"`
	Signature  json.RawMessage `json:"signature"`
	OptOut     json.RawMessage `json:"optOut"`
	RampUp     json.RawMessage `json:"rampUp"`
	Tags       json.RawMessage `json:"tags"`
}

func isNullRaw(r json.RawMessage) bool {
	t := bytes.TrimSpace(r)
	return len(t) == 0 || bytes.Equal(t, []byte("null"))
}

// applyEmailAccount merges a body onto a (create or PATCH); it returns validation errors.
func applyEmailAccount(a *emailAccountRec, b *emailAccountBody, create bool) []fieldError {
	var errs []fieldError
	if !isNullRaw(b.Connection) {
		if fe := mergeSection(&a.Connection, b.Connection, "connection"); fe != nil {
			errs = append(errs, *fe)
		}
		var pw struct {
			SmtpPassword *string `json:"smtpPassword"`
			ImapPassword *string `json:"imapPassword"`
		}
		_ = json.Unmarshal(b.Connection, &pw)
		if pw.SmtpPassword != nil {
			a.SmtpPassword = *pw.SmtpPassword
		}
		if pw.ImapPassword != nil {
			a.ImapPassword = *pw.ImapPassword
		}
	} else if create {
		errs = append(errs, fieldError{"/connection", "Field is required."})
	}
	for _, s := range []struct {
		raw  json.RawMessage
		dst  any
		name string
	}{{b.Safety, &a.Safety, "safety"}, {b.Signature, &a.Signature, "signature"}, {b.OptOut, &a.OptOut, "optOut"}, {b.RampUp, &a.RampUp, "rampUp"}} {
		if !isNullRaw(s.raw) {
			if fe := mergeSection(s.dst, s.raw, s.name); fe != nil {
				errs = append(errs, *fe)
			}
		}
	}
	if !isNullRaw(b.Tags) {
		var tags []string
		if err := json.Unmarshal(b.Tags, &tags); err != nil {
			errs = append(errs, fieldError{typeErrorPointer(b.Tags, reflect.TypeFor[[]string](), "/tags"), "Value has an invalid type."})
		} else {
			a.Tags = tags
		}
	}
	if len(errs) > 0 {
		return errs
	}
	cn := a.Connection
	if create || !isNullRaw(b.Connection) {
		if cn.Email == "" {
			errs = append(errs, fieldError{"/connection/email", "Field is required."})
		} else if !validEmail(cn.Email) {
			errs = append(errs, fieldError{"/connection/email", "'email' is not a valid email address."})
		}
		for _, x := range []struct {
			v    string
			name string
		}{{cn.SmtpHost, "smtpHost"}, {cn.ImapHost, "imapHost"}, {a.SmtpPassword, "smtpPassword"}, {a.ImapPassword, "imapPassword"}} {
			if strings.TrimSpace(x.v) == "" {
				errs = append(errs, fieldError{"/connection/" + x.name, "Field is required."})
			}
		}
		for _, x := range []struct {
			v    int
			name string
		}{{cn.SmtpPort, "smtpPort"}, {cn.ImapPort, "imapPort"}} {
			if x.v < 1 || x.v > 65535 {
				errs = append(errs, fieldError{"/connection/" + x.name, "The field " + x.name + " must be between 1 and 65535."})
			}
		}
	}
	if a.Safety.DailyLimit < 0 {
		errs = append(errs, fieldError{"/safety/dailyLimit", "The field dailyLimit must be positive."})
	}
	return errs
}

func (e *Emulator) createEmailAccount(c *call) {
	var b emailAccountBody
	if !c.decode(&b) {
		return
	}
	u := c.user()
	a := &emailAccountRec{OwnerUserID: u.ID, Type: "custom", ConnectionStatus: "connected", Tags: []string{},
		Connection: emailConnection{SmtpSsl: true, ImapSsl: true}, Safety: emailSafety{DailyLimit: 50},
		OptOut: emailOptOut{IsOptOutLinkEnabled: false}}
	if errs := applyEmailAccount(a, &b, true); len(errs) > 0 {
		c.invalid(errs...)
		return
	}
	n, hasOwn := 0, false
	for _, x := range e.emailAccounts.all() {
		if x.OwnerUserID == u.ID {
			n++
			hasOwn = true
		}
		if strings.EqualFold(x.Connection.Email, a.Connection.Email) {
			c.problem(http.StatusBadRequest, "emailAccount.internalError", "Email account "+a.Connection.Email+" is already connected.")
			return
		}
	}
	if n >= maxEmailAccountsPerUser {
		c.problem(http.StatusConflict, "emailAccount.limitReached", "The email account limit ("+strconv.Itoa(maxEmailAccountsPerUser)+") is reached.")
		return
	}
	a.ID = e.nextID("emailAccount")
	a.IsDefault = !hasOwn
	a.UpdatedAt = c.now()
	e.emailAccounts.put(a.ID, a)
	c.created(e.eaDetail(a))
}

func (e *Emulator) patchEmailAccount(c *call) {
	a, ok := e.emailAccountByPath(c)
	if !ok {
		return
	}
	var b emailAccountBody
	if !c.decode(&b) {
		return
	}
	cp := *a
	cp.Tags = slices.Clone(a.Tags)
	if errs := applyEmailAccount(&cp, &b, false); len(errs) > 0 {
		c.invalid(errs...)
		return
	}
	cp.UpdatedAt = c.now()
	*a = cp
	c.json(http.StatusOK, e.eaDetail(a))
}

func (e *Emulator) deleteEmailAccount(c *call) {
	a, ok := e.emailAccountByPath(c)
	if !ok {
		return
	}
	e.unlinkEmailAccountFromSequences(a.ID)
	e.emailAccounts.del(a.ID)
	c.noContent()
}

func (e *Emulator) emailAccountTags(c *call, add bool) {
	a, ok := e.emailAccountByPath(c)
	if !ok {
		return
	}
	var b struct {
		Tags []string `json:"tags"`
	}
	if !c.decode(&b) {
		return
	}
	if len(b.Tags) == 0 {
		c.invalid(fieldError{"/tags", "At least one tag is required."})
		return
	}
	for _, t := range b.Tags {
		t = strings.TrimSpace(t)
		has := slices.ContainsFunc(a.Tags, func(x string) bool { return strings.EqualFold(x, t) })
		if add && !has && t != "" {
			a.Tags = append(a.Tags, t)
		}
		if !add && has {
			a.Tags = slices.DeleteFunc(a.Tags, func(x string) bool { return strings.EqualFold(x, t) })
		}
	}
	a.UpdatedAt = c.now()
	c.noContent()
}
