package replytest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// serveControl serves the emulator-only controls under /_emulator/ (REFERENCE.md §6): no authentication,
// no rate limiting, not in the request log.
func (e *Emulator) serveControl(w http.ResponseWriter, r *http.Request) {
	op := r.Method + " " + strings.TrimSuffix(r.URL.Path, "/")
	switch op {
	case "POST /_emulator/reset":
		e.Reset()
		w.WriteHeader(http.StatusNoContent)
	case "POST /_emulator/clock":
		var b struct {
			Now     string `json:"now"`
			Advance string `json:"advance"`
		}
		if !controlDecode(w, r, &b) {
			return
		}
		if b.Now != "" {
			t, ok := parseTime(b.Now)
			if !ok {
				writeProblem(w, http.StatusBadRequest, "emulator.invalidInput", "now must be an ISO-8601 date-time.")
				return
			}
			e.SetNow(t)
		}
		if b.Advance != "" {
			d, ok := parseISODuration(b.Advance)
			if !ok {
				writeProblem(w, http.StatusBadRequest, "emulator.invalidInput", "advance must be an ISO-8601 duration such as PT1H.")
				return
			}
			e.Advance(d)
		}
		writeJSON(w, http.StatusOK, map[string]any{"now": tZ(e.Now())})
	case "GET /_emulator/clock":
		writeJSON(w, http.StatusOK, map[string]any{"now": tZ(e.Now())})
	case "POST /_emulator/faults":
		var b struct {
			Operation  string  `json:"operation"`
			Status     int     `json:"status"`
			RetryAfter float64 `json:"retryAfter"`
			Code       *string `json:"code"`
			Times      int     `json:"times"`
			DelayMs    int     `json:"delayMs"`
			Drop       bool    `json:"drop"`
			Truncate   bool    `json:"truncate"`
		}
		if !controlDecode(w, r, &b) {
			return
		}
		if b.Operation == "" {
			writeProblem(w, http.StatusBadRequest, "emulator.invalidInput", "operation is required.")
			return
		}
		f := Fault{Status: b.Status, RetryAfter: time.Duration(b.RetryAfter * float64(time.Second)), Times: b.Times,
			Delay: time.Duration(b.DelayMs) * time.Millisecond, Drop: b.Drop, Truncate: b.Truncate}
		if b.Code != nil {
			f.Code = *b.Code
		}
		e.Fail(b.Operation, f)
		w.WriteHeader(http.StatusNoContent)
	case "PUT /_emulator/chaos":
		var b struct {
			Seed         int64   `json:"seed"`
			Rate429      float64 `json:"rate429"`
			Rate5xx      float64 `json:"rate5xx"`
			RateSlow     float64 `json:"rateSlow"`
			RateDrop     float64 `json:"rateDrop"`
			RateTruncate float64 `json:"rateTruncate"`
			DelayMs      int     `json:"delayMs"`
		}
		if !controlDecode(w, r, &b) {
			return
		}
		e.SetChaos(Chaos{Seed: b.Seed, Rate429: b.Rate429, Rate5xx: b.Rate5xx, RateSlow: b.RateSlow,
			RateDrop: b.RateDrop, RateTruncate: b.RateTruncate, Delay: time.Duration(b.DelayMs) * time.Millisecond})
		w.WriteHeader(http.StatusNoContent)
	case "PUT /_emulator/quirks":
		var q struct {
			NullContactTimestamps  bool `json:"nullContactTimestamps"`
			IgnoreContactTimeRules bool `json:"ignoreContactTimeRules"`
		}
		if !controlDecode(w, r, &q) {
			return
		}
		e.SetQuirks(Quirks{NullContactTimestamps: q.NullContactTimestamps, IgnoreContactTimeRules: q.IgnoreContactTimeRules})
		w.WriteHeader(http.StatusNoContent)
	case "PUT /_emulator/limits":
		var l struct {
			PerMinute int `json:"perMinute"`
			PerHour   int `json:"perHour"`
		}
		if !controlDecode(w, r, &l) {
			return
		}
		e.SetLimits(l.PerMinute, l.PerHour)
		w.WriteHeader(http.StatusNoContent)
	case "GET /_emulator/routes":
		writeJSON(w, http.StatusOK, e.Routes())
	case "GET /_emulator/requests":
		writeJSON(w, http.StatusOK, e.Requests())
	case "DELETE /_emulator/requests":
		e.ResetRequests()
		w.WriteHeader(http.StatusNoContent)
	case "POST /_emulator/events":
		e.serveEventControl(w, r)
	case "POST /_emulator/seed":
		e.serveSeedControl(w, r)
	default:
		writeProblem(w, http.StatusNotFound, "", "")
	}
}

func controlDecode(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 256<<20)).Decode(v); err != nil {
		writeProblem(w, http.StatusBadRequest, "emulator.invalidInput", "Request body is not valid JSON: "+err.Error())
		return false
	}
	return true
}

// parseISODuration parses a subset of ISO-8601 durations: PnDTnHnMnS (and Go durations such as "90s").
func parseISODuration(s string) (time.Duration, bool) {
	if d, err := time.ParseDuration(s); err == nil {
		return d, true
	}
	s = strings.ToUpper(strings.TrimSpace(s))
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return 0, false
	}
	s = s[1:]
	var d time.Duration
	inTime := false
	num := ""
	for _, ch := range s {
		switch {
		case ch == 'T':
			inTime = true
		case ch >= '0' && ch <= '9' || ch == '.':
			num += string(ch)
		default:
			f, err := strconv.ParseFloat(num, 64)
			if err != nil {
				return 0, false
			}
			num = ""
			var unit time.Duration
			switch {
			case ch == 'W' && !inTime:
				unit = 7 * 24 * time.Hour
			case ch == 'D' && !inTime:
				unit = 24 * time.Hour
			case ch == 'H' && inTime:
				unit = time.Hour
			case ch == 'M' && inTime:
				unit = time.Minute
			case ch == 'S' && inTime:
				unit = time.Second
			default:
				return 0, false
			}
			d += time.Duration(f * float64(unit))
		}
	}
	if num != "" {
		return 0, false
	}
	if neg {
		d = -d
	}
	return d, true
}

// serveEventControl emits a webhook event without other side effects.
func (e *Emulator) serveEventControl(w http.ResponseWriter, r *http.Request) {
	var b struct {
		Type       string         `json:"type"`
		ContactID  int64          `json:"contactId"`
		SequenceID int64          `json:"sequenceId"`
		Fields     map[string]any `json:"fields"`
	}
	if !controlDecode(w, r, &b) {
		return
	}
	if !validEventType(b.Type) {
		writeProblem(w, http.StatusBadRequest, "emulator.invalidEvent", "Unknown event type "+strconv.Quote(b.Type)+".")
		return
	}
	e.mu.Lock()
	payload := map[string]any{}
	if b.ContactID != 0 {
		if c, ok := e.contact(b.ContactID); ok {
			payload["contact_fields"] = e.contactFields(c)
		} else {
			payload["contact_fields"] = map[string]any{"id": b.ContactID}
		}
	}
	if b.SequenceID != 0 {
		name, _ := e.sequenceName(b.SequenceID)
		payload["sequence_fields"] = map[string]any{"id": b.SequenceID, "name": name}
	}
	for k, v := range b.Fields {
		payload[k] = v
	}
	e.emit(b.Type, payload)
	out := e.outbox
	e.outbox = nil
	e.mu.Unlock()
	e.hooks.enqueue(out)
	writeJSON(w, http.StatusAccepted, map[string]any{"deliveries": len(out)})
}

// seedDoc is the body of POST /_emulator/seed: objects in their response shapes, ids honoured.
type seedDoc struct {
	Users []struct {
		UserID    int64  `json:"userId"`
		UserName  string `json:"userName"`
		UserEmail string `json:"userEmail"`
		TeamID    int64  `json:"teamId"`
		TeamName  string `json:"teamName"`
	} `json:"users"`
	Contacts []struct {
		contactWrite
		ID             int64   `json:"id"`
		AddingDate     string  `json:"addingDate"`
		CreatedAt      string  `json:"createdAt"`
		LastModifiedAt string  `json:"lastModifiedAt"`
		PhoneStatus    string  `json:"phoneStatus"`
		ListIDs        []int64 `json:"listIds"`
	} `json:"contacts"`
	Accounts []struct {
		accountWrite
		ID               int64  `json:"id"`
		CreatedDate      string `json:"createdDate"`
		LastActivityDate string `json:"lastActivityDate"`
	} `json:"accounts"`
	ContactLists []struct {
		ID          int64  `json:"id"`
		Name        string `json:"name"`
		IsShared    bool   `json:"isShared"`
		OwnerUserID int64  `json:"ownerUserId"`
	} `json:"contactLists"`
	CustomFields []struct {
		ID        int64  `json:"id"`
		Title     string `json:"title"`
		FieldType string `json:"fieldType"`
		Metadata  nstr   `json:"metadata"`
		OrgWide   bool   `json:"orgWide"`
	} `json:"customFields"`
	LinkedInAccounts []struct {
		ID           int64  `json:"id"`
		Name         string `json:"name"`
		Status       string `json:"status"`
		ProfileURL   nstr   `json:"profileUrl"`
		PhotoURL     nstr   `json:"photoUrl"`
		OwnerUserID  int64  `json:"ownerUserId"`
		AccountType  nstr   `json:"accountType"`
		AuthType     string `json:"authType"`
		CookieStatus string `json:"cookieStatus"`
	} `json:"linkedInAccounts"`
	Tasks []struct {
		ID                      int64  `json:"id"`
		TaskType                string `json:"taskType"`
		Status                  string `json:"status"`
		LinkedInTaskType        nstr   `json:"linkedInTaskType"`
		AssignedUserID          int64  `json:"assignedUserId"`
		ContactID               int64  `json:"contactId"`
		StartAt                 string `json:"startAt"`
		DueTo                   string `json:"dueTo"`
		FinishedAt              string `json:"finishedAt"`
		SequenceID              int64  `json:"sequenceId"`
		SequenceStepID          int64  `json:"sequenceStepId"`
		SequenceStepDisplayName nstr   `json:"sequenceStepDisplayName"`
		CreationSource          string `json:"creationSource"`
		CreatedAt               string `json:"createdAt"`
		Template                struct {
			Body    string `json:"body"`
			Subject nstr   `json:"subject"`
		} `json:"template"`
	} `json:"tasks"`
	HolidayCalendars []struct {
		ID              int64  `json:"id"`
		Name            string `json:"name"`
		CalendarType    string `json:"calendarType"`
		CountryCode     nstr   `json:"countryCode"`
		RepeatEveryYear bool   `json:"repeatEveryYear"`
		Holidays        []struct {
			ID        int64  `json:"id"`
			StartDate string `json:"startDate"`
			EndDate   string `json:"endDate"`
			Name      string `json:"name"`
		} `json:"holidays"`
	} `json:"holidayCalendars"`
	DomainBlacklistRules         []blacklistJSON `json:"domainBlacklistRules"`
	EmailBlacklistRules          []blacklistJSON `json:"emailBlacklistRules"`
	EmailExceptionBlacklistRules []blacklistJSON `json:"emailExceptionBlacklistRules"`
}

func seedTime(s string, def time.Time) time.Time {
	if t, ok := parseTime(s); ok {
		return t
	}
	return def
}

// serveSeedControl loads objects in their response shapes (ids honoured; an existing id is replaced): the
// contacts side first, then the sequences side (loadSequenceSeed), so seeded memberships can name seeded
// contacts. Unknown members are reported in "ignored". A sequences-side object that cannot be loaded is a
// 400 naming it; the objects loaded before it stay loaded.
func (e *Emulator) serveSeedControl(w http.ResponseWriter, r *http.Request) {
	var raw map[string]json.RawMessage
	if !controlDecode(w, r, &raw) {
		return
	}
	b, _ := json.Marshal(raw)
	var d seedDoc
	if err := json.Unmarshal(b, &d); err != nil {
		writeProblem(w, http.StatusBadRequest, "emulator.invalidInput", "Seed document does not match the response shapes: "+err.Error())
		return
	}
	known := map[string]bool{"users": true, "contacts": true, "accounts": true, "contactLists": true, "customFields": true,
		"linkedInAccounts": true, "tasks": true, "holidayCalendars": true, "domainBlacklistRules": true,
		"emailBlacklistRules": true, "emailExceptionBlacklistRules": true,
		"sequenceFolders": true, "sequences": true, "sequenceContacts": true, "sequenceTemplates": true}
	ignored := []string{}
	for k := range raw {
		if !known[k] {
			ignored = append(ignored, k)
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.version++
	if e.cur.ID == 0 && len(e.users) > 0 {
		e.cur = e.users[0] // no request yet: seeded objects belong to the first user, as a default key's would
	}
	now := e.nowLocked()
	id := func(kind string, v int64) int64 {
		if v <= 0 {
			return e.nextID(kind)
		}
		e.bumpID(kind, v)
		return v
	}
	for _, u := range d.Users {
		rec := userRec{ID: u.UserID, Name: u.UserName, Email: u.UserEmail, TeamID: u.TeamID, TeamName: u.TeamName}
		if rec.TeamID == 0 && len(e.users) > 0 {
			rec.TeamID, rec.TeamName = e.users[0].TeamID, e.users[0].TeamName
		}
		replaced := false
		for i := range e.users {
			if e.users[i].ID == rec.ID {
				e.users[i], replaced = rec, true
			}
		}
		if !replaced {
			e.users = append(e.users, rec)
		}
	}
	for _, f := range d.CustomFields {
		rec := &customFieldRec{ID: id("customField", f.ID), Title: f.Title, FieldType: f.FieldType, Metadata: f.Metadata, OrgWide: f.OrgWide}
		e.customFields.put(rec.ID, rec)
	}
	for _, a := range d.Accounts {
		rec := &accountRec{ID: id("contactAccount", a.ID), OwnerUserID: e.cur.ID}
		applyAccount(rec, &a.accountWrite)
		if a.OwnerUserID.Set && !a.OwnerUserID.Null {
			rec.OwnerUserID = a.OwnerUserID.V
		}
		rec.CreatedDate = seedTime(a.CreatedDate, now)
		rec.LastActivityDate = seedTime(a.LastActivityDate, rec.CreatedDate)
		e.accounts.put(rec.ID, rec)
	}
	for _, l := range d.ContactLists {
		owner := l.OwnerUserID
		if owner == 0 {
			owner = e.cur.ID
		}
		lid := id("contactList", l.ID)
		e.contactLists.put(lid, &contactListRec{ID: lid, Name: l.Name, IsShared: l.IsShared, OwnerUserID: owner})
	}
	for _, c := range d.Contacts {
		rec := &contactRec{ID: id("contact", c.ID), OwnerUserID: e.cur.ID, CallStatus: "none", MeetingStatus: "none", PhoneStatus: "notValidated"}
		if old, ok := e.contacts.get(rec.ID); ok {
			e.deleteContact(old)
		}
		if c.CustomFields.Set && !c.CustomFields.Null {
			for i, f := range c.CustomFields.V {
				if f.ID == nil && f.Key != nil {
					if n, err := strconv.ParseInt(*f.Key, 10, 64); err == nil {
						c.CustomFields.V[i].ID = &n
					}
				}
			}
			c.CustomFields.V = slices.DeleteFunc(c.CustomFields.V, func(f cfWrite) bool {
				_, ok := e.resolveCustomField(f)
				return !ok
			})
		}
		e.applyContactWrite(rec, &c.contactWrite, true, false)
		if c.PhoneStatus != "" {
			rec.PhoneStatus = c.PhoneStatus
		}
		rec.CreatedAt = seedTime(c.CreatedAt, now)
		rec.AddingDate = seedTime(c.AddingDate, rec.CreatedAt)
		rec.LastModifiedAt = seedTime(c.LastModifiedAt, rec.CreatedAt)
		rec.ListIDs = c.ListIDs
		e.contacts.put(rec.ID, rec)
	}
	for _, a := range d.LinkedInAccounts {
		rec := &linkedInAccountRec{ID: id("linkedInAccount", a.ID), Name: a.Name, Status: a.Status, ProfileURL: a.ProfileURL,
			PhotoURL: a.PhotoURL, OwnerUserID: a.OwnerUserID, AccountType: a.AccountType, AuthType: a.AuthType, CookieStatus: a.CookieStatus}
		if rec.Status == "" {
			rec.Status = "enabled"
		}
		if rec.AuthType == "" {
			rec.AuthType = "cookie"
		}
		if rec.CookieStatus == "" {
			rec.CookieStatus = "valid"
		}
		if rec.OwnerUserID == 0 {
			rec.OwnerUserID = e.cur.ID
		}
		e.linkedInAccounts.put(rec.ID, rec)
	}
	for _, t := range d.Tasks {
		rec := &taskRec{ID: id("task", t.ID), TaskType: t.TaskType, Status: t.Status, LinkedInTaskType: t.LinkedInTaskType,
			AssignedUserID: t.AssignedUserID, ContactID: t.ContactID, SequenceID: t.SequenceID, SequenceStepID: t.SequenceStepID,
			StepDisplayName: t.SequenceStepDisplayName, CreationSource: t.CreationSource, Body: t.Template.Body, Subject: t.Template.Subject}
		rec.CreatedAt = seedTime(t.CreatedAt, now)
		rec.StartAt = seedTime(t.StartAt, rec.CreatedAt)
		rec.DueTo = seedTime(t.DueTo, rec.StartAt.Add(24*time.Hour))
		rec.FinishedAt = seedTime(t.FinishedAt, time.Time{})
		if rec.Status == "" {
			rec.Status = "new"
		}
		if rec.CreationSource == "" {
			rec.CreationSource = "user"
			if rec.SequenceID != 0 {
				rec.CreationSource = "sequence"
			}
		}
		if rec.AssignedUserID == 0 {
			rec.AssignedUserID = e.cur.ID
		}
		e.tasks.put(rec.ID, rec)
	}
	for _, h := range d.HolidayCalendars {
		rec := &holidayCalendarRec{ID: id("holidayCalendar", h.ID), Name: h.Name, CalendarType: h.CalendarType, CountryCode: h.CountryCode, RepeatEveryYear: h.RepeatEveryYear}
		if rec.CalendarType == "" {
			rec.CalendarType = "custom"
		}
		for _, x := range h.Holidays {
			rec.Holidays = append(rec.Holidays, holidayRec{ID: id("holiday", x.ID), StartDate: seedTime(x.StartDate, now), EndDate: seedTime(x.EndDate, now), Name: x.Name})
		}
		e.holidayCalendars.put(rec.ID, rec)
	}
	for i, rules := range [][]blacklistJSON{d.DomainBlacklistRules, d.EmailBlacklistRules, d.EmailExceptionBlacklistRules} {
		k := blacklistKinds[i]
		for _, x := range rules {
			rec := &blacklistRec{ID: id("blacklist-"+k.path, x.ID), Pattern: strings.ToLower(x.Pattern), IsGlobal: x.IsGlobal}
			e.blacklistStore(k.path).put(rec.ID, rec)
		}
	}
	if _, err := e.loadSequenceSeed(raw); err != nil {
		writeProblem(w, http.StatusBadRequest, "emulator.invalidInput", "Seed document: "+err.Error())
		return
	}
	slices.Sort(ignored)
	writeJSON(w, http.StatusOK, map[string]any{"ignored": ignored})
}

// eventTypes is the webhook event catalog (§4.2), in order.
var eventTypes = []string{
	"email_sent", "email_opened", "email_link_clicked", "email_replied", "reply_categorized", "email_bounced",
	"email_auto_reply", "contact_replied", "contact_finished", "contact_opted_out", "contact_called",
	"email_account_connection_lost", "email_account_error", "linkedin_connection_request_sent",
	"linkedin_connection_request_accepted", "linkedin_message_sent", "linkedin_message_replied",
	"linkedin_reply_categorized", "linkedin_account_alerts", "linkedin_comment_posted", "linkedin_comment_skipped",
	"autopilot_stopped",
}

func validEventType(s string) bool {
	for _, t := range eventTypes {
		if t == s {
			return true
		}
	}
	return false
}
