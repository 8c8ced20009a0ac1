package replytest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Sequences (REFERENCE.md §2.13) and their state actions (§3.1).

// seqSettingsIn is SequenceSettings in a request body (nil: absent or null).
type seqSettingsIn struct {
	EmailsCountPerDay                   *int64      `json:"emailsCountPerDay"`
	DaysToFinishProspect                *int64      `json:"daysToFinishProspect"`
	EmailSendingDelaySeconds            *int64      `json:"emailSendingDelaySeconds"`
	DailyThrottling                     *int64      `json:"dailyThrottling"`
	DisableOpensTracking                *bool       `json:"disableOpensTracking"`
	RepliesHandlingType                 *string     `json:"repliesHandlingType"`
	EnableLinksTracking                 *bool       `json:"enableLinksTracking"`
	UseDailyThrottling                  *bool       `json:"useDailyThrottling"`
	IsSendingPlainTextEnabled           *bool       `json:"isSendingPlainTextEnabled"`
	IsListUnsubscribeHeaderEnabled      *bool       `json:"isListUnsubscribeHeaderEnabled"`
	IsSameDomainSendingLimitEnabled     *bool       `json:"isSameDomainSendingLimitEnabled"`
	NumberOfSameDomainSendingLimit      opt[int64]  `json:"numberOfSameDomainSendingLimit"`
	MatchProspectToEmailAccountProvider *bool       `json:"matchProspectToEmailAccountProvider"`
	CallIsAutomatic                     *bool       `json:"callIsAutomatic"`
	TaskIsAutomatic                     *bool       `json:"taskIsAutomatic"`
	GeneratedTaskOwner                  opt[string] `json:"generatedTaskOwner"`
}

var requiredSettings = []string{"emailsCountPerDay", "daysToFinishProspect", "emailSendingDelaySeconds",
	"dailyThrottling", "disableOpensTracking", "repliesHandlingType", "enableLinksTracking"}

// applySettings validates in and merges it into dst. create says absent required members are errors.
func applySettings(dst *seqSettings, raw json.RawMessage, create bool) []fieldError {
	var errs []fieldError
	var members map[string]json.RawMessage
	if err := json.Unmarshal(raw, &members); err != nil {
		return []fieldError{{"/settings", "Value has an invalid type."}}
	}
	var in seqSettingsIn
	if err := json.Unmarshal(raw, &in); err != nil {
		return []fieldError{{typeErrorPointer(raw, reflect.TypeFor[seqSettingsIn](), "/settings"), "Value has an invalid type."}}
	}
	if create {
		for _, m := range requiredSettings {
			if v, ok := members[m]; !ok || string(v) == "null" {
				errs = append(errs, seqRequired("/settings/"+m))
			}
		}
	}
	nonNeg := func(name string, v *int64, dst *int64) {
		if v == nil {
			return
		}
		if *v < 0 {
			errs = append(errs, fieldError{"/settings/" + name, "The value must be greater than or equal to 0."})
			return
		}
		*dst = *v
	}
	setBool := func(v *bool, dst *bool) {
		if v != nil {
			*dst = *v
		}
	}
	nonNeg("emailsCountPerDay", in.EmailsCountPerDay, &dst.EmailsCountPerDay)
	nonNeg("daysToFinishProspect", in.DaysToFinishProspect, &dst.DaysToFinishProspect)
	nonNeg("emailSendingDelaySeconds", in.EmailSendingDelaySeconds, &dst.EmailSendingDelaySeconds)
	nonNeg("dailyThrottling", in.DailyThrottling, &dst.DailyThrottling)
	setBool(in.DisableOpensTracking, &dst.DisableOpensTracking)
	if in.RepliesHandlingType != nil {
		if v := seqEnum(*in.RepliesHandlingType, []string{"markAsFinished", "continueSending"}); v == "" {
			errs = append(errs, fieldError{"/settings/repliesHandlingType", "Value has an invalid format."})
		} else {
			dst.RepliesHandlingType = v
		}
	}
	setBool(in.EnableLinksTracking, &dst.EnableLinksTracking)
	setBool(in.UseDailyThrottling, &dst.UseDailyThrottling)
	setBool(in.IsSendingPlainTextEnabled, &dst.IsSendingPlainTextEnabled)
	setBool(in.IsListUnsubscribeHeaderEnabled, &dst.IsListUnsubscribeHeaderEnabled)
	setBool(in.IsSameDomainSendingLimitEnabled, &dst.IsSameDomainSendingLimitEnabled)
	if p := in.NumberOfSameDomainSendingLimit.ptr(); p != nil {
		dst.NumberOfSameDomainSendingLimit = p
	} else if create && in.NumberOfSameDomainSendingLimit.Null {
		dst.NumberOfSameDomainSendingLimit = nil
	}
	setBool(in.MatchProspectToEmailAccountProvider, &dst.MatchProspectToEmailAccountProvider)
	setBool(in.CallIsAutomatic, &dst.CallIsAutomatic)
	setBool(in.TaskIsAutomatic, &dst.TaskIsAutomatic)
	if p := in.GeneratedTaskOwner.ptr(); p != nil {
		if v := seqEnum(*p, []string{"contact", "sequence"}); v == "" {
			errs = append(errs, fieldError{"/settings/generatedTaskOwner", "Value has an invalid format."})
		} else {
			dst.GeneratedTaskOwner = &v
		}
	}
	return errs
}

// renderSequenceItem is the SequenceListItem shape.
func renderSequenceItem(s *sequence) seqObj {
	h, _ := s.health()
	return seqObj{}.add("id", s.ID).add("ownerUserId", s.OwnerUserID).add("name", s.Name).
		add("created", tOffset(s.Created)).add("status", s.Status).add("isArchived", s.IsArchived).add("health", h)
}

// renderSequence is the Sequence detail shape.
func (e *Emulator) renderSequence(s *sequence) seqObj {
	o := renderSequenceItem(s)
	_, issues := s.health()
	o = o.add("issues", issues).add("scheduleId", seqNullInt(s.ScheduleID))
	eas := []seqObj{}
	for _, id := range s.EmailAccounts {
		email := ""
		if a, ok := e.emailAccount(id); ok {
			email = a.Connection.Email
		}
		eas = append(eas, seqObj{}.add("id", id).add("email", email))
	}
	las := []seqObj{}
	for _, id := range s.LinkedInAccounts {
		las = append(las, e.renderSeqLinkedIn(id))
	}
	return o.add("emailAccounts", eas).add("linkedInAccounts", las).add("settings", s.Settings).add("steps", renderSteps(s))
}

func (e *Emulator) renderSeqLinkedIn(id int64) seqObj {
	o := seqObj{}.add("id", id)
	if a, ok := e.linkedInAccount(id); ok {
		return o.add("name", a.Name).add("profileUrl", a.ProfileURL).add("status", a.Status)
	}
	return o.add("name", "").add("profileUrl", nil).add("status", "disabled")
}

// defaultScheduleID returns the default schedule (the first schedule when none is marked default).
func (e *Emulator) defaultScheduleID() int64 {
	var first int64
	for id, s := range e.schedules.all() {
		if s.IsDefault {
			return id
		}
		if first == 0 {
			first = id
		}
	}
	return first
}

// checkSeqAccounts validates referenced schedule and accounts (business errors).
func (e *Emulator) checkSeqRefs(c *call, schedule *int64, emails, linkedIns []int64) bool {
	if schedule != nil {
		if _, ok := e.schedule(*schedule); !ok {
			c.notFound("sequence.scheduleNotFound", "Schedule", *schedule)
			return false
		}
	}
	for _, id := range emails {
		if _, ok := e.emailAccount(id); !ok {
			c.notFound("sequence.emailAccountNotFound", "Email account", id)
			return false
		}
	}
	if len(emails) > 100 {
		c.problem(http.StatusConflict, "sequenceEmailAccount.limitReached", "A sequence can use at most 100 email accounts.")
		return false
	}
	for _, id := range linkedIns {
		if _, ok := e.linkedInAccount(id); !ok {
			c.notFound("sequence.linkedInAccountNotFound", "LinkedIn account", id)
			return false
		}
	}
	return true
}

func positiveIDs(ids []int64, ptr string) []fieldError {
	var errs []fieldError
	for i, id := range ids {
		if id < 1 {
			errs = append(errs, fieldError{fmt.Sprintf("%s/%d", ptr, i), "The value must be greater than or equal to 1."})
		}
	}
	return errs
}

func dedupIDs(ids []int64) []int64 {
	out := []int64{}
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

type seqCreateIn struct {
	Name             *string         `json:"name"`
	ScheduleID       opt[int64]      `json:"scheduleId"`
	EmailAccounts    []int64         `json:"emailAccounts"`
	LinkedInAccounts []int64         `json:"linkedInAccounts"`
	Settings         json.RawMessage `json:"settings"`
	Steps            []stepIn        `json:"steps"`
}

// createSequence handles POST /v3/sequences.
func (e *Emulator) createSequence(c *call) {
	var in seqCreateIn
	if !c.decode(&in) {
		return
	}
	var errs []fieldError
	if in.Name == nil || strings.TrimSpace(*in.Name) == "" {
		errs = append(errs, seqRequired("/name"))
	}
	sched := in.ScheduleID.ptr()
	if sched != nil && *sched < 1 {
		errs = append(errs, fieldError{"/scheduleId", "The value must be greater than or equal to 1."})
	}
	errs = append(errs, positiveIDs(in.EmailAccounts, "/emailAccounts")...)
	errs = append(errs, positiveIDs(in.LinkedInAccounts, "/linkedInAccounts")...)
	settings := defaultSeqSettings()
	if len(in.Settings) > 0 && string(in.Settings) != "null" {
		errs = append(errs, applySettings(&settings, in.Settings, true)...)
	}
	s := &sequence{}
	if len(in.Steps) == 0 {
		errs = append(errs, fieldError{"/steps", "At least one step is required."})
	}
	errs = append(errs, s.buildCreateSteps(e, in.Steps)...)
	if len(errs) > 0 {
		c.invalid(errs...)
		return
	}
	emails, linkedIns := dedupIDs(in.EmailAccounts), dedupIDs(in.LinkedInAccounts)
	if !e.checkSeqRefs(c, sched, emails, linkedIns) {
		return
	}
	s.ID = e.nextID("sequence")
	s.OwnerUserID = c.user().ID
	s.Name = strings.TrimSpace(*in.Name)
	s.Created = c.now()
	s.Status = "new"
	s.Settings = settings
	s.EmailAccounts, s.LinkedInAccounts = emails, linkedIns
	s.ScheduleID = e.defaultScheduleID()
	if sched != nil {
		s.ScheduleID = *sched
	}
	newIDs := map[int64]int64{}
	for _, st := range s.Steps {
		newIDs[st.ID] = e.nextID("sequenceStep")
		st.ID = newIDs[st.ID]
		e.assignVariantIDs(st)
	}
	for _, st := range s.Steps {
		st.ParentID = newIDs[st.ParentID]
	}
	e.seq.sequences[s.ID] = s
	c.created(e.renderSequence(s))
}

// buildCreateSteps validates the steps of a sequence create body and stores them in s with temporary ids
// (1-based positions). Each step hangs below the previous one unless its parentId names the id given to an
// earlier step of the same body, so a step tree read from a sequence detail can be sent back as it is. A
// parentId naming no earlier step of the body is a validation error (placing the step under the previous
// one instead would silently move it off a condition branch).
func (s *sequence) buildCreateSteps(e *Emulator, steps []stepIn) []fieldError {
	var errs []fieldError
	byInputID := map[int64]*seqStep{}
	given := map[int64]bool{} // ids given to earlier steps, valid or not
	var prev *seqStep
	for i, sin := range steps {
		p := fmt.Sprintf("/steps/%d", i)
		pid := sin.ParentID.ptr()
		if pid != nil && !given[*pid] {
			errs = append(errs, fieldError{p + "/parentId", fmt.Sprintf("parentId %d is not the id of an earlier step of this sequence.", *pid)})
		}
		if id := sin.ID.ptr(); id != nil {
			given[*id] = true
		}
		st, serrs := e.buildStep(sin, p, nil)
		errs = append(errs, serrs...)
		if st == nil || len(serrs) > 0 || pid != nil && byInputID[*pid] == nil {
			continue
		}
		st.ID = int64(i + 1)
		parent := prev
		if pid != nil {
			parent = byInputID[*pid]
		}
		if parent != nil {
			st.ParentID = parent.ID
			if parent.Type == "condition" {
				if b := sin.IfConditionPositive.ptr(); b == nil {
					errs = append(errs, fieldError{p + "/ifConditionPositive", "'ifConditionPositive' is required for a step under a condition step."})
				} else {
					st.IfConditionPositive = b
				}
			}
		}
		if s.missingFirstSubject(st, st.ParentID) {
			errs = append(errs, fieldError{p + "/subject", "First email should have subject."})
		}
		if id := sin.ID.ptr(); id != nil {
			byInputID[*id] = st
		}
		s.Steps = append(s.Steps, st)
		prev = st
	}
	return errs
}

type seqPatchIn struct {
	Name             opt[string]     `json:"name"`
	ScheduleID       opt[int64]      `json:"scheduleId"`
	EmailAccounts    opt[[]int64]    `json:"emailAccounts"`
	LinkedInAccounts opt[[]int64]    `json:"linkedInAccounts"`
	Settings         json.RawMessage `json:"settings"`
}

// patchSequence handles PATCH /v3/sequences/{id}: null members leave values unchanged, settings merge,
// account lists replace.
func (e *Emulator) patchSequence(c *call) {
	s, ok := c.pathSequence("sequence.notFound")
	if !ok {
		return
	}
	var in seqPatchIn
	if !c.decode(&in) {
		return
	}
	var errs []fieldError
	name := in.Name.ptr()
	if name != nil && strings.TrimSpace(*name) == "" {
		errs = append(errs, fieldError{"/name", "The name cannot be empty."})
	}
	sched := in.ScheduleID.ptr()
	if sched != nil && *sched < 1 {
		errs = append(errs, fieldError{"/scheduleId", "The value must be greater than or equal to 1."})
	}
	var emails, linkedIns []int64
	if p := in.EmailAccounts.ptr(); p != nil {
		errs = append(errs, positiveIDs(*p, "/emailAccounts")...)
		emails = dedupIDs(*p)
	}
	if p := in.LinkedInAccounts.ptr(); p != nil {
		errs = append(errs, positiveIDs(*p, "/linkedInAccounts")...)
		linkedIns = dedupIDs(*p)
	}
	settings := s.Settings
	if len(in.Settings) > 0 && string(in.Settings) != "null" {
		errs = append(errs, applySettings(&settings, in.Settings, false)...)
	}
	if len(errs) > 0 {
		c.invalid(errs...)
		return
	}
	if s.IsArchived {
		c.problem(http.StatusConflict, "sequence.archived", "Archived sequences cannot be updated.")
		return
	}
	if !e.checkSeqRefs(c, sched, emails, linkedIns) {
		return
	}
	if name != nil {
		s.Name = strings.TrimSpace(*name)
	}
	if sched != nil {
		s.ScheduleID = *sched
	}
	if in.EmailAccounts.ptr() != nil {
		s.EmailAccounts = emails
	}
	if in.LinkedInAccounts.ptr() != nil {
		s.LinkedInAccounts = linkedIns
	}
	s.Settings = settings
	c.json(http.StatusOK, e.renderSequence(s))
}

// pathSequence loads the path sequence; a missing one is a 404 with code.
func (c *call) pathSequence(code string) (*sequence, bool) {
	id, ok := c.pathID("id")
	if !ok {
		return nil, false
	}
	s := c.e.seq.sequences[id]
	if s == nil {
		c.notFound(code, "Sequence", id)
		return nil, false
	}
	return s, true
}

// seqListFilter reads the list filters of GET /v3/sequences.
func (c *call) seqListFilter() (func(*sequence) bool, bool) {
	q := c.r.URL.Query()
	var errs []fieldError
	var preds []func(*sequence) bool
	if v := q.Get("status"); v != "" {
		st := seqEnum(v, []string{"new", "active", "paused"})
		if st == "" {
			errs = append(errs, fieldError{"status", fmt.Sprintf("The value '%s' is not valid.", v)})
		}
		preds = append(preds, func(s *sequence) bool { return s.Status == st })
	}
	if v := q.Get("ownerUserId"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			errs = append(errs, fieldError{"ownerUserId", fmt.Sprintf("The value '%s' is not valid.", v)})
		}
		preds = append(preds, func(s *sequence) bool { return s.OwnerUserID == n })
	}
	if v := q.Get("folderId"); v != "" {
		f := strings.ToLower(v)
		if !isUUID(f) {
			errs = append(errs, fieldError{"folderId", fmt.Sprintf("The value '%s' is not valid.", v)})
		}
		preds = append(preds, func(s *sequence) bool { return s.FolderID == f })
	}
	if v := q.Get("isArchived"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			errs = append(errs, fieldError{"isArchived", fmt.Sprintf("The value '%s' is not valid.", v)})
		}
		preds = append(preds, func(s *sequence) bool { return s.IsArchived == b })
	}
	if v := q.Get("name"); v != "" {
		n := strings.ToLower(v)
		preds = append(preds, func(s *sequence) bool { return strings.Contains(strings.ToLower(s.Name), n) })
	}
	if v := q.Get("createdAfter"); v != "" {
		t, ok := parseTime(v)
		if !ok {
			errs = append(errs, fieldError{"createdAfter", fmt.Sprintf("The value '%s' is not valid.", v)})
		}
		preds = append(preds, func(s *sequence) bool { return s.Created.After(t) })
	}
	if len(errs) > 0 {
		c.invalid(errs...)
		return nil, false
	}
	return func(s *sequence) bool {
		for _, p := range preds {
			if !p(s) {
				return false
			}
		}
		return true
	}, true
}

// seqListOrder reads sortBy / sortDirection (default created descending).
func (c *call) seqListOrder() (func(a, b *sequence) int, bool) {
	by, dir := c.query("sortBy"), c.query("sortDirection")
	if by == "" && dir != "" {
		c.problem(http.StatusBadRequest, "sequence.invalidSort", "sortDirection requires sortBy.")
		return nil, false
	}
	if by == "" {
		by = "created"
	}
	by = seqEnum(by, []string{"created", "name", "status"})
	if by == "" {
		c.problem(http.StatusBadRequest, "sequence.invalidSort", "sortBy must be one of created, name, status.")
		return nil, false
	}
	desc := by == "created"
	if dir != "" {
		switch strings.ToLower(dir) {
		case "asc":
			desc = false
		case "desc":
			desc = true
		default:
			c.problem(http.StatusBadRequest, "sequence.invalidSort", "sortDirection must be asc or desc.")
			return nil, false
		}
	}
	return func(a, b *sequence) int {
		var r int
		switch by {
		case "created":
			r = a.Created.Compare(b.Created)
		case "name":
			r = strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
		case "status":
			r = strings.Compare(a.Status, b.Status)
		}
		if r == 0 {
			r = cmpInt(a.ID, b.ID)
		}
		if desc {
			r = -r
		}
		return r
	}, true
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// seqAction applies a state action (§3.1) and returns the failing code variant ("" on success).
func (e *Emulator) seqAction(s *sequence, action string) (code string, status int, detail string) {
	if action == "unarchive" {
		if !s.IsArchived {
			return "notArchived", http.StatusConflict, "Sequence is not archived."
		}
		s.IsArchived = false
		return "", 0, ""
	}
	if s.IsArchived {
		return "archived", http.StatusConflict, "Sequence is archived."
	}
	switch action {
	case "start":
		if s.Status == "active" {
			return "", 0, ""
		}
		if len(e.seq.members[s.ID]) == 0 {
			return "noContacts", http.StatusBadRequest, "The sequence has no contacts."
		}
		if len(s.EmailAccounts) == 0 {
			return "noEmailAccounts", http.StatusBadRequest, "The sequence has no email accounts."
		}
		s.Status = "active"
	case "pause":
		switch s.Status {
		case "paused":
		case "active":
			s.Status = "paused"
		default:
			return "invalidState", http.StatusConflict, "The sequence must have started once before it can be paused."
		}
	case "archive":
		if s.Status == "active" {
			return "invalidState", http.StatusConflict, "Pause the sequence before archiving it."
		}
		s.IsArchived = true
		delete(e.seq.members, s.ID)
	}
	return "", 0, ""
}

// deleteSequence removes a sequence and its memberships.
func (e *Emulator) deleteSequence(id int64) {
	delete(e.seq.sequences, id)
	delete(e.seq.members, id)
}

func (e *Emulator) registerSequencesRoutes() {
	list := func(c *call) ([]*sequence, bool) {
		keep, ok := c.seqListFilter()
		if !ok {
			return nil, false
		}
		var out []*sequence
		for _, s := range e.sortedSequences() {
			if keep(s) {
				out = append(out, s)
			}
		}
		return out, true
	}
	e.route("GET /v3/sequences", "sequences.list", func(c *call) {
		top, skip, ok := c.page(25, 1000, "sequence.invalidPagination")
		if !ok {
			return
		}
		order, ok := c.seqListOrder()
		if !ok {
			return
		}
		seqs, ok := list(c)
		if !ok {
			return
		}
		slices.SortStableFunc(seqs, order)
		writeSeqPage(c, seqs, top, skip, renderSequenceItem)
	})
	e.route("GET /v3/sequences/count", "sequences.count", func(c *call) {
		if seqs, ok := list(c); ok {
			c.json(http.StatusOK, map[string]int{"count": len(seqs)})
		}
	})
	e.route("GET /v3/sequences/{id}", "sequences.get", func(c *call) {
		if s, ok := c.pathSequence("sequence.notFound"); ok {
			c.json(http.StatusOK, e.renderSequence(s))
		}
	})
	e.route("POST /v3/sequences", "sequences.create", e.createSequence)
	e.route("PATCH /v3/sequences/{id}", "sequences.update", e.patchSequence)
	e.route("DELETE /v3/sequences/{id}", "sequences.delete", func(c *call) {
		id, ok := c.pathID("id")
		if !ok {
			return
		}
		if e.seq.sequences[id] == nil {
			c.problem(http.StatusBadRequest, "sequence.notFound", fmt.Sprintf("Sequence with ID %d not found.", id))
			return
		}
		e.deleteSequence(id)
		c.noContent()
	})
	e.route("POST /v3/sequences/bulk-delete", "sequences.bulkDelete", func(c *call) {
		ids, ok := c.idsBody("ids", 1000)
		if !ok {
			return
		}
		res := seqB1{}
		for _, id := range ids {
			if e.seq.sequences[id] == nil {
				res.fail(id, "notFound", fmt.Sprintf("Sequence %d not found.", id))
				continue
			}
			e.deleteSequence(id)
		}
		c.json(http.StatusOK, res)
	})
	for _, action := range []string{"start", "pause", "archive", "unarchive"} {
		e.route("POST /v3/sequences/{id}/"+action, "sequences."+action, func(c *call) {
			s, ok := c.pathSequence("sequenceAction.notFound")
			if !ok {
				return
			}
			if code, status, detail := e.seqAction(s, action); code != "" {
				c.problem(status, "sequenceAction."+code, detail)
				return
			}
			c.json(http.StatusOK, e.renderSequence(s))
		})
		bulkOp := "sequences.bulk" + strings.ToUpper(action[:1]) + action[1:]
		e.route("POST /v3/sequences/"+action, bulkOp, func(c *call) {
			ids, ok := c.idsBody("ids", 1000)
			if !ok {
				return
			}
			res := seqB1{}
			for _, id := range ids {
				s := e.seq.sequences[id]
				if s == nil {
					res.fail(id, "notFound", fmt.Sprintf("Sequence %d not found.", id))
					continue
				}
				if code, _, detail := e.seqAction(s, action); code != "" {
					res.fail(id, code, detail)
				}
			}
			c.json(http.StatusOK, res)
		})
	}
	e.route("PUT /v3/sequences/{id}/owner", "sequences.setOwner", func(c *call) {
		s, ok := c.pathSequence("sequence.notFound")
		if !ok {
			return
		}
		var in struct {
			UserID *int64 `json:"userId"`
		}
		if !c.decode(&in) {
			return
		}
		if in.UserID == nil {
			c.invalid(seqRequired("/userId"))
			return
		}
		if !e.isTeamUser(*in.UserID) {
			c.problem(http.StatusBadRequest, "sequenceAction.teamMemberNotFound", fmt.Sprintf("User %d is not a member of the team.", *in.UserID))
			return
		}
		s.OwnerUserID = *in.UserID
		c.json(http.StatusOK, e.renderSequence(s))
	})
	e.route("POST /v3/sequences/batch/owner", "sequences.batchOwner", func(c *call) {
		var in struct {
			IDs    json.RawMessage `json:"ids"`
			UserID *int64          `json:"userId"`
		}
		if !c.decode(&in) {
			return
		}
		ids, errs := parseIDList(in.IDs, "/ids", 1000, false)
		if in.UserID == nil {
			errs = append(errs, seqRequired("/userId"))
		}
		if len(errs) > 0 {
			c.invalid(errs...)
			return
		}
		if !e.isTeamUser(*in.UserID) {
			c.problem(http.StatusBadRequest, "sequenceAction.teamMemberNotFound", fmt.Sprintf("User %d is not a member of the team.", *in.UserID))
			return
		}
		res := seqB1{}
		for _, id := range ids {
			s := e.seq.sequences[id]
			if s == nil {
				res.fail(id, "notFound", fmt.Sprintf("Sequence %d not found.", id))
				continue
			}
			s.OwnerUserID = *in.UserID
		}
		c.json(http.StatusOK, res)
	})
}

// emitSeqContactEvent emits a contact event with contact_fields and sequence_fields (seqID 0: none).
func (e *Emulator) emitSeqContactEvent(typ string, seqID, contactID int64, extra map[string]any) {
	p := map[string]any{}
	if c, ok := e.contact(contactID); ok {
		p["contact_fields"] = e.contactFields(c)
	} else {
		p["contact_fields"] = map[string]any{"id": contactID}
	}
	if s := e.seq.sequences[seqID]; s != nil {
		p["sequence_fields"] = map[string]any{"id": s.ID, "name": s.Name}
	}
	for k, v := range extra {
		p[k] = v
	}
	e.emit(typ, p)
}

// touchSeqContact sets a contact's lastModifiedAt to now.
func (e *Emulator) touchSeqContact(contactID int64) {
	if c, ok := e.contact(contactID); ok {
		e.touchContact(c)
	}
}

// seqNow is the emulator time (for code without a call at hand).
func (e *Emulator) seqNow() time.Time { return e.nowLocked() }
