package replytest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"time"
)

// This file holds the sequences side of the emulator state (owner: emulator
// engineer B): sequences, their steps and variants, sequence folders,
// sequence contacts (memberships), sequence account links and sequence
// templates, plus the helpers the contacts side calls into.
//
// Every method here expects the emulator lock to be held by the caller (the
// route handlers run under it).

// seqState holds the sequences side of the emulator state.
type seqState struct {
	sequences map[int64]*sequence
	members   map[int64]map[int64]*seqMember // sequence id -> contact id -> membership
	folders   map[string]*seqFolder
	templates map[string]*seqTemplate
}

// newSeqState returns an empty sequences-side state.
func newSeqState() seqState {
	return seqState{
		sequences: map[int64]*sequence{},
		members:   map[int64]map[int64]*seqMember{},
		folders:   map[string]*seqFolder{},
		templates: map[string]*seqTemplate{},
	}
}

// registerSequenceRoutes registers every sequences-side route.
func (e *Emulator) registerSequenceRoutes() {
	e.registerSequencesRoutes()
	e.registerSequenceStepRoutes()
	e.registerSequenceVariantRoutes()
	e.registerSequenceFolderRoutes()
	e.registerSequenceContactRoutes()
	e.registerSequenceEmailAccountRoutes()
	e.registerSequenceLinkedInAccountRoutes()
	e.registerSequenceTemplateRoutes()
}

// sequence is one stored sequence.
type sequence struct {
	ID               int64
	OwnerUserID      int64
	Name             string
	Created          time.Time
	Status           string // new, active, paused
	IsArchived       bool
	ScheduleID       int64
	EmailAccounts    []int64
	LinkedInAccounts []int64
	Settings         seqSettings
	Steps            []*seqStep // creation order
	FolderID         string     // "" when unfiled
	rrEmail          int        // round-robin cursors for sender assignment
	rrLinkedIn       int
}

// seqSettings is SequenceSettings (REFERENCE.md §2.13).
type seqSettings struct {
	EmailsCountPerDay                   int64   `json:"emailsCountPerDay"`
	DaysToFinishProspect                int64   `json:"daysToFinishProspect"`
	EmailSendingDelaySeconds            int64   `json:"emailSendingDelaySeconds"`
	DailyThrottling                     int64   `json:"dailyThrottling"`
	DisableOpensTracking                bool    `json:"disableOpensTracking"`
	RepliesHandlingType                 string  `json:"repliesHandlingType"`
	EnableLinksTracking                 bool    `json:"enableLinksTracking"`
	UseDailyThrottling                  bool    `json:"useDailyThrottling"`
	IsSendingPlainTextEnabled           bool    `json:"isSendingPlainTextEnabled"`
	IsListUnsubscribeHeaderEnabled      bool    `json:"isListUnsubscribeHeaderEnabled"`
	IsSameDomainSendingLimitEnabled     bool    `json:"isSameDomainSendingLimitEnabled"`
	NumberOfSameDomainSendingLimit      *int64  `json:"numberOfSameDomainSendingLimit"`
	MatchProspectToEmailAccountProvider bool    `json:"matchProspectToEmailAccountProvider"`
	CallIsAutomatic                     bool    `json:"callIsAutomatic"`
	TaskIsAutomatic                     bool    `json:"taskIsAutomatic"`
	GeneratedTaskOwner                  *string `json:"generatedTaskOwner"`
}

// defaultSeqSettings returns the settings a sequence gets when none are sent.
func defaultSeqSettings() seqSettings {
	owner := "sequence"
	return seqSettings{
		EmailsCountPerDay:        50,
		DaysToFinishProspect:     7,
		EmailSendingDelaySeconds: 60,
		DailyThrottling:          100,
		RepliesHandlingType:      "markAsFinished",
		GeneratedTaskOwner:       &owner,
	}
}

// seqStep is one step of a sequence. Only the fields of its type are used.
type seqStep struct {
	ID                  int64
	Type                string // email, linkedIn, call, sms, whatsApp, zapier, task, condition
	ActionType          string // linkedIn: message, connect, ...; task: toDo, meeting
	DelayInMinutes      int64
	ParentID            int64 // 0 = root
	IfConditionPositive *bool
	ExecutionMode       string
	Variants            []*seqVariant
	Description         *string
	NumberOfSkills      int64
	AudioFile           string
	AIPromptText        string
	SkipIfNoPostsInDays *int64
	SkipTopics          []string
	Message             *string
	Name                string
	Action              string
	WaitInMinutes       int64
	Conditions          json.RawMessage
}

// seqVariant is one variant of an email or LinkedIn message step.
type seqVariant struct {
	ID            int64
	Subject       *string
	Message       *string
	IsEnabled     bool
	AttachmentIDs []int64
	Sent          bool // seeded: a variant already sent cannot be deleted
}

// seqMember is one contact's membership in one sequence.
type seqMember struct {
	SequenceID          int64
	ContactID           int64
	Status              string // active, paused, finished, inactive, outOfOffice
	StepID              int64  // current step; 0 = none
	PrevStepID          int64  // the step before finishing
	AddingDate          time.Time
	Disposition         *seqDisposition
	EmailAccountID      int64 // 0 = null
	LinkedInAccountID   int64 // 0 = null
	LastStepCompletedAt time.Time
	Delivered           bool
	Opened              bool
	Clicked             bool
}

// seqDisposition is a membership's emailDisposition.
type seqDisposition struct {
	IsReplied bool `json:"isReplied"`
	IsBounced bool `json:"isBounced"`
}

// seqFolder is a sequence folder (UUID id).
type seqFolder struct {
	ID          string
	Name        string
	OwnerUserID int64
}

// seqTemplate is a sequence template.
type seqTemplate struct {
	ID          string
	Name        string
	Description *string
	Scope       string // global, organization, team
	Steps       []*seqStep
	Settings    seqSettings
}

// ---- lookups ----

func (e *Emulator) sequenceByID(id int64) *sequence { return e.seq.sequences[id] }

// sortedSequences returns every sequence in ascending id order.
func (e *Emulator) sortedSequences() []*sequence {
	out := make([]*sequence, 0, len(e.seq.sequences))
	for _, s := range e.seq.sequences {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (s *sequence) step(id int64) *seqStep {
	for _, st := range s.Steps {
		if st.ID == id {
			return st
		}
	}
	return nil
}

func (s *sequence) children(id int64) []*seqStep {
	var out []*seqStep
	for _, st := range s.Steps {
		if st.ParentID == id {
			out = append(out, st)
		}
	}
	return out
}

func (s *sequence) hasCondition() bool {
	for _, st := range s.Steps {
		if st.Type == "condition" {
			return true
		}
	}
	return false
}

func (s *sequence) hasEmailStep() bool {
	for _, st := range s.Steps {
		if st.Type == "email" {
			return true
		}
	}
	return false
}

// root returns the first step of the main chain, or nil.
func (s *sequence) root() *seqStep {
	for _, st := range s.Steps {
		if st.ParentID == 0 {
			return st
		}
	}
	return nil
}

// lastInChain follows the main chain from the root and returns its last step.
func (s *sequence) lastInChain() *seqStep {
	cur := s.root()
	for cur != nil {
		kids := s.children(cur.ID)
		if len(kids) == 0 {
			return cur
		}
		cur = kids[0]
	}
	return nil
}

// stepPosition returns the 1-based depth of a step in the tree and the branch
// letter of its nearest condition ancestor ("" when none).
func (s *sequence) stepPosition(id int64) (int, string, bool) {
	st := s.step(id)
	if st == nil {
		return 0, "", false
	}
	depth, letter := 1, ""
	for guard := 0; st.ParentID != 0 && guard < 10000; guard++ {
		parent := s.step(st.ParentID)
		if parent == nil {
			break
		}
		if letter == "" && parent.Type == "condition" && st.IfConditionPositive != nil {
			letter = "B"
			if *st.IfConditionPositive {
				letter = "A"
			}
		}
		depth++
		st = parent
	}
	return depth, letter, true
}

// displayStep returns a step's display number ("1", "2A").
func (s *sequence) displayStep(id int64) (string, bool) {
	n, letter, ok := s.stepPosition(id)
	if !ok {
		return "", false
	}
	return strconv.Itoa(n) + letter, true
}

// hasEmailAncestor reports whether an email step lies above parentID (inclusive).
func (s *sequence) hasEmailAncestor(parentID int64) bool {
	for guard := 0; parentID != 0 && guard < 10000; guard++ {
		p := s.step(parentID)
		if p == nil {
			return false
		}
		if p.Type == "email" {
			return true
		}
		parentID = p.ParentID
	}
	return false
}

// health returns the sequence health and its issues.
func (s *sequence) health() (string, []map[string]string) {
	switch {
	case len(s.Steps) == 0:
		return "blocked", []map[string]string{{"type": "noSteps"}}
	case s.hasEmailStep() && len(s.EmailAccounts) == 0:
		return "blocked", []map[string]string{{"type": "noEmailAccounts"}}
	}
	return "healthy", nil
}

func (e *Emulator) membersOf(seqID int64) map[int64]*seqMember {
	m := e.seq.members[seqID]
	if m == nil {
		m = map[int64]*seqMember{}
		e.seq.members[seqID] = m
	}
	return m
}

func (e *Emulator) member(seqID, contactID int64) *seqMember {
	return e.seq.members[seqID][contactID]
}

// contactMemberships returns a contact's memberships in ascending sequence id order.
func (e *Emulator) contactMemberships(contactID int64) []*seqMember {
	var out []*seqMember
	for seqID, m := range e.seq.members {
		if mem, ok := m[contactID]; ok && e.seq.sequences[seqID] != nil {
			out = append(out, mem)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SequenceID < out[j].SequenceID })
	return out
}

// ---- helpers offered to the contacts side (emulator engineer A) ----

// contactSequenceIDs returns the ids of the sequences a contact is enrolled in.
func (e *Emulator) contactSequenceIDs(contactID int64) []int64 {
	var out []int64
	for _, m := range e.contactMemberships(contactID) {
		out = append(out, m.SequenceID)
	}
	return out
}

// contactInSequenceStep reports whether the contact's current step in any
// sequence is stepID (for POST /v3/contacts/filter sequenceStepId).
func (e *Emulator) contactInSequenceStep(contactID, stepID int64) bool {
	for _, m := range e.contactMemberships(contactID) {
		if m.StepID == stepID && m.Status != "finished" {
			return true
		}
	}
	return false
}

// sequenceName returns a sequence's name and whether it exists.
func (e *Emulator) sequenceName(id int64) (string, bool) {
	s := e.seq.sequences[id]
	if s == nil {
		return "", false
	}
	return s.Name, true
}

// finishContactInSequence finishes one membership (task completion with
// finishProspectInSequence). reason is the contact_finished finish_reason
// ("Manual", "Called", ...). It reports whether the contact was enrolled.
func (e *Emulator) finishContactInSequence(seqID, contactID int64, reason string) bool {
	m := e.member(seqID, contactID)
	if m == nil {
		return false
	}
	e.finishMember(m, reason)
	e.touchSeqContact(contactID)
	return true
}

// optOutContactInSequences finishes every membership of an opted-out contact
// and emits contact_opted_out (and contact_finished) once per enrolled sequence.
func (e *Emulator) optOutContactInSequences(contactID int64) {
	for _, m := range e.contactMemberships(contactID) {
		e.emitSeqContactEvent("contact_opted_out", m.SequenceID, contactID, nil)
		e.finishMember(m, "OptedOut")
	}
}

// removeContactFromSequences deletes every membership of a contact (contact deletion).
func (e *Emulator) removeContactFromSequences(contactID int64) {
	for _, m := range e.seq.members {
		delete(m, contactID)
	}
}

// unlinkEmailAccountFromSequences removes an email account from every sequence
// (email account deletion).
func (e *Emulator) unlinkEmailAccountFromSequences(id int64) {
	for _, s := range e.seq.sequences {
		s.EmailAccounts = seqRemoveID(s.EmailAccounts, id)
	}
}

// unlinkLinkedInAccountFromSequences removes a LinkedIn account from every
// sequence (LinkedIn account deletion).
func (e *Emulator) unlinkLinkedInAccountFromSequences(id int64) {
	for _, s := range e.seq.sequences {
		s.LinkedInAccounts = seqRemoveID(s.LinkedInAccounts, id)
	}
}

// scheduleInUseBySequence reports whether a sequence uses the schedule.
func (e *Emulator) scheduleInUseBySequence(id int64) bool {
	for _, s := range e.seq.sequences {
		if s.ScheduleID == id {
			return true
		}
	}
	return false
}

// emailAccountInUse reports whether an active sequence uses the email account.
func (e *Emulator) emailAccountInUse(id int64) bool {
	for _, s := range e.seq.sequences {
		if s.Status == "active" && !s.IsArchived && seqContainsID(s.EmailAccounts, id) {
			return true
		}
	}
	return false
}

// ---- membership state changes ----

// finishMember finishes a membership (if not finished) and emits contact_finished.
func (e *Emulator) finishMember(m *seqMember, reason string) {
	if m.Status == "finished" {
		return
	}
	m.PrevStepID = m.StepID
	m.StepID = 0
	m.Status = "finished"
	e.emitSeqContactEvent("contact_finished", m.SequenceID, m.ContactID, map[string]any{"finish_reason": reason})
}

// activateMember sets a membership to active; a finished one returns to its
// previous step (the first step when none).
func (e *Emulator) activateMember(m *seqMember) {
	if m.Status == "finished" {
		m.StepID = m.PrevStepID
		if s := e.seq.sequences[m.SequenceID]; s != nil && (m.StepID == 0 || s.step(m.StepID) == nil) {
			m.StepID = 0
			if r := s.root(); r != nil {
				m.StepID = r.ID
			}
		}
	}
	m.Status = "active"
}

// ---- small helpers (prefixed where a generic name could clash) ----

func seqRemoveID(ids []int64, id int64) []int64 {
	out := ids[:0:0]
	for _, x := range ids {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}

func seqContainsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// seqObj is a JSON object that keeps its members in insertion order.
type seqObj []seqKV

type seqKV struct {
	K string
	V any
}

func (o seqObj) add(k string, v any) seqObj { return append(o, seqKV{k, v}) }

// MarshalJSON writes the members in order.
func (o seqObj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, kv := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(kv.K)
		b.Write(k)
		b.WriteByte(':')
		var vb bytes.Buffer
		enc := json.NewEncoder(&vb)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(kv.V); err != nil {
			return nil, err
		}
		b.Write(bytes.TrimRight(vb.Bytes(), "\n"))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// seqTimeOffset formats the offset form without a fraction (2024-03-08T10:00:00+00:00).
func seqTimeOffset(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05+00:00") }

// seqTimeAddedAt formats the state view's addedAt (2025-10-29T10:00:00.00).
func seqTimeAddedAt(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.00") }

// seqNullInt returns nil for 0, else the value.
func seqNullInt(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

// writeSeqPage answers the P1 envelope of items[skip:skip+top], rendering only that page.
func writeSeqPage[T any](c *call, items []T, top, skip int, render func(T) seqObj) {
	page, more := pageSlice(items, top, skip)
	out := make([]seqObj, 0, len(page))
	for _, it := range page {
		out = append(out, render(it))
	}
	c.json(http.StatusOK, pageBody[seqObj]{Items: out, HasMore: more})
}
