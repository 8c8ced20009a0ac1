package replytest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// seedSequences generates the sequences side of a seed: folders, sequences whose steps cover every step
// type (condition trees and every LinkedIn action included), variants, account links, enrolments with
// varied statuses, a few sequence-created tasks and two sequence templates. It is deterministic in g.
func (e *Emulator) seedSequences(g *rand.Rand, s Seed) {
	start := e.cfg.start
	users := e.users
	if len(users) == 0 || s.Sequences <= 0 && s.SequenceFolders <= 0 {
		return
	}

	folderNames := []string{"Outbound", "Nurture", "Événements", "Partners", "Re-engagement"}
	var folders []string
	for i := range s.SequenceFolders {
		name := folderNames[i%len(folderNames)]
		if i >= len(folderNames) {
			name = fmt.Sprintf("%s %d", name, i/len(folderNames)+1)
		}
		f := &seqFolder{ID: e.newUUID(), Name: name, OwnerUserID: users[0].ID}
		e.seq.folders[f.ID] = f
		folders = append(folders, f.ID)
	}

	emailIDs := e.emailAccounts.ids
	linkedInIDs := e.linkedInAccounts.ids
	contactIDs := e.contacts.ids
	names := []string{"Q1 Outbound — SaaS", "Founders follow-up", "Webinar nurture", "Relance clients", "LinkedIn warm-up",
		"Event invites 2026", "Partner intro", "Renewal reminders"}
	statuses := []string{"active", "paused", "new", "active"}
	var seeded []*sequence
	for i := range s.Sequences {
		name := names[i%len(names)]
		if i >= len(names) {
			name = fmt.Sprintf("%s %d", name, i/len(names)+1)
		}
		sq := &sequence{ID: e.nextID("sequence"), OwnerUserID: users[i%len(users)].ID, Name: name,
			Created: start.Add(-time.Duration(1+g.IntN(180*24)) * time.Hour).Truncate(time.Second),
			Status:  statuses[i%len(statuses)], ScheduleID: e.defaultScheduleID(), Settings: defaultSeqSettings()}
		sq.Settings.EmailsCountPerDay = int64(20 + 10*g.IntN(8))
		sq.Settings.EnableLinksTracking = g.Float64() < 0.5
		if i%2 == 1 {
			sq.Settings.RepliesHandlingType = "continueSending"
			n := int64(5)
			sq.Settings.IsSameDomainSendingLimitEnabled, sq.Settings.NumberOfSameDomainSendingLimit = true, &n
		}
		e.seedSteps(sq, i%3)
		if n := len(emailIDs); n > 0 {
			sq.EmailAccounts = []int64{emailIDs[i%n]}
			if n > 1 && g.Float64() < 0.5 {
				sq.EmailAccounts = append(sq.EmailAccounts, emailIDs[(i+1)%n])
			}
		}
		if n := len(linkedInIDs); n > 0 && i%3 != 2 {
			sq.LinkedInAccounts = []int64{linkedInIDs[i%n]}
		}
		if len(folders) > 0 && g.Float64() < 0.7 {
			sq.FolderID = folders[g.IntN(len(folders))]
		}
		if len(sq.EmailAccounts) == 0 && sq.Status != "new" {
			sq.Status = "new"
		}
		e.seq.sequences[sq.ID] = sq
		seeded = append(seeded, sq)
	}

	// Enrolments.
	for i, sq := range seeded {
		n := min(s.Enrolments, len(contactIDs))
		if n == 0 || sq.Status == "new" && i%2 == 0 {
			continue
		}
		seen := map[int64]bool{}
		steps := sq.chainSteps()
		for tries := 0; len(seen) < n && tries < 4*n+10; tries++ {
			cid := contactIDs[g.IntN(len(contactIDs))]
			c, _ := e.contact(cid)
			if seen[cid] || c == nil || c.IsOptedOut {
				continue
			}
			seen[cid] = true
			m := &seqMember{SequenceID: sq.ID, ContactID: cid, Status: "active",
				AddingDate: sq.Created.Add(time.Duration(g.Int64N(int64(start.Sub(sq.Created)/time.Second)+1)) * time.Second)}
			m.StepID = steps[g.IntN(len(steps))]
			if k := len(sq.EmailAccounts); k > 0 {
				m.EmailAccountID = sq.EmailAccounts[sq.rrEmail%k]
				sq.rrEmail++
			}
			if k := len(sq.LinkedInAccounts); k > 0 {
				m.LinkedInAccountID = sq.LinkedInAccounts[sq.rrLinkedIn%k]
				sq.rrLinkedIn++
			}
			if m.StepID != steps[0] {
				m.LastStepCompletedAt = m.AddingDate.Add(time.Duration(1+g.IntN(72)) * time.Hour)
				if m.LastStepCompletedAt.After(start) {
					m.LastStepCompletedAt = start.Add(-time.Hour)
				}
				m.Delivered = true
				m.Opened = g.Float64() < 0.5
				m.Clicked = m.Opened && g.Float64() < 0.3
			}
			switch r := g.Float64(); {
			case r < 0.12:
				m.Status, m.PrevStepID, m.StepID = "finished", m.StepID, 0
				m.Disposition = &seqDisposition{IsReplied: true}
			case r < 0.18:
				m.Status, m.PrevStepID, m.StepID = "finished", m.StepID, 0
				m.Disposition = &seqDisposition{IsBounced: true}
			case r < 0.25:
				m.Status, m.PrevStepID, m.StepID = "finished", m.StepID, 0
			case r < 0.35:
				m.Status = "paused"
			case r < 0.40:
				m.Status = "outOfOffice"
			case r < 0.44:
				m.Status = "inactive"
			case r < 0.55:
				m.Disposition = &seqDisposition{}
			}
			e.membersOf(sq.ID)[cid] = m
		}
		if sq.Status == "active" && len(e.seq.members[sq.ID]) == 0 {
			sq.Status = "new"
		}
	}

	// Archive one paused sequence in larger seeds (archiving empties it).
	if len(seeded) >= 6 {
		sq := seeded[5]
		sq.Status, sq.IsArchived = "paused", true
		delete(e.seq.members, sq.ID)
	}

	// Mark variants of started sequences as sent.
	for _, sq := range seeded {
		if sq.Status == "new" {
			continue
		}
		for _, st := range sq.Steps {
			if len(st.Variants) > 0 && g.Float64() < 0.5 {
				st.Variants[0].Sent = true
			}
		}
	}

	// Sequence-created tasks: a few per active sequence, for manual steps.
	for _, sq := range seeded {
		if sq.Status != "active" {
			continue
		}
		members := e.sortedMembers(sq.ID)
		made := 0
		for _, m := range members {
			if made >= 2 {
				break
			}
			st := sq.step(m.StepID)
			if st == nil || m.Status != "active" {
				continue
			}
			typ, li := seedTaskType(st)
			if typ == "" {
				continue
			}
			disp, _ := sq.displayStep(st.ID)
			id := e.nextID("task")
			t := &taskRec{ID: id, TaskType: typ, Status: "new", LinkedInTaskType: li, AssignedUserID: sq.OwnerUserID,
				ContactID: m.ContactID, SequenceID: sq.ID, SequenceStepID: st.ID,
				StepDisplayName: sv(fmt.Sprintf("Step %s - %s", disp, pascal(typ))), CreationSource: "sequence",
				CreatedAt: m.AddingDate, Body: "Step task for {{firstName}} at {{company}}"}
			t.StartAt = start.Add(time.Duration(g.IntN(48)-24) * time.Hour)
			t.DueTo = t.StartAt.Add(24 * time.Hour)
			if typ == "manualEmail" {
				t.Subject = sv("Following up, {{firstName}}")
			}
			e.tasks.put(id, t)
			made++
		}
	}

	// Templates: one team and one organization template (no global ones).
	if len(seeded) > 0 {
		d := "Email, condition and LinkedIn touches."
		t := &seqTemplate{ID: e.newUUID(), Name: "Cold outreach (template)", Description: &d, Scope: "team",
			Steps: e.copySteps(seeded[0].Steps), Settings: defaultSeqSettings()}
		e.seq.templates[t.ID] = t
		tmp := &sequence{}
		e.seedSteps(tmp, 2)
		t2 := &seqTemplate{ID: e.newUUID(), Name: "Multichannel follow-up", Scope: "organization",
			Steps: tmp.Steps, Settings: defaultSeqSettings()}
		e.seq.templates[t2.ID] = t2
	}
}

// seedTaskType maps a manual step to the task type it produces ("" for none).
func seedTaskType(st *seqStep) (string, nstr) {
	switch st.Type {
	case "call":
		return "call", nstr{}
	case "task":
		if st.ActionType == "meeting" {
			return "meeting", nstr{}
		}
		return "toDo", nstr{}
	case "sms":
		return "sms", nstr{}
	case "whatsApp":
		return "whatsApp", nstr{}
	case "email":
		if st.ExecutionMode == "manual" {
			return "manualEmail", nstr{}
		}
	case "linkedIn":
		switch st.ActionType {
		case "message", "connect", "inMail", "viewProfile":
			return "linkedIn", sv(st.ActionType)
		}
	}
	return "", nstr{}
}

// chainSteps returns the ids of the non-condition steps of a sequence (for seeded current steps).
func (s *sequence) chainSteps() []int64 {
	var out []int64
	for _, st := range s.Steps {
		if st.Type != "condition" {
			out = append(out, st.ID)
		}
	}
	return out
}

// seedSteps gives a sequence one of three step recipes; together they cover every step type.
func (e *Emulator) seedSteps(sq *sequence, recipe int) {
	str := func(s string) *string { return &s }
	yes, no := true, false
	add := func(parent *seqStep, branch *bool, st *seqStep) *seqStep {
		st.ID = e.nextID("sequenceStep")
		if parent != nil {
			st.ParentID = parent.ID
		}
		if branch != nil {
			b := *branch
			st.IfConditionPositive = &b
		}
		e.assignVariantIDs(st)
		sq.Steps = append(sq.Steps, st)
		return st
	}
	variant := func(subject *string, msg string) *seqVariant {
		return &seqVariant{Subject: subject, Message: str(msg), IsEnabled: true}
	}
	switch recipe {
	case 0: // email -> condition -> (positive: email, LinkedIn message) / (negative: connect, inMail)
		first := add(nil, nil, &seqStep{Type: "email", ExecutionMode: "automatic", Variants: []*seqVariant{
			variant(str("Quick question about {{company}}"), "<p>Hi {{firstName}},</p><p>Are you the right person?</p>"),
			variant(str("Idea for {{company}}"), "<p>Bonjour {{firstName}} — une idée pour vous.</p>"),
		}})
		cond := add(first, nil, &seqStep{Type: "condition", DelayInMinutes: 1440, WaitInMinutes: 2880,
			Conditions: []byte(`[{"property":"email","rules":[{"operator":"isSet","value":null}]}]`)})
		pos := add(cond, &yes, &seqStep{Type: "email", DelayInMinutes: 2880, ExecutionMode: "manual", Variants: []*seqVariant{
			variant(nil, "<p>Following up on my last note.</p>"),
		}})
		add(pos, nil, &seqStep{Type: "linkedIn", ActionType: "message", DelayInMinutes: 1440, ExecutionMode: "automatic",
			Variants: []*seqVariant{variant(nil, "Hi {{firstName}}, saw your profile 👋")}})
		neg := add(cond, &no, &seqStep{Type: "linkedIn", ActionType: "connect", DelayInMinutes: 0, ExecutionMode: "automatic",
			Variants: []*seqVariant{{Message: nil, IsEnabled: true}}})
		add(neg, nil, &seqStep{Type: "linkedIn", ActionType: "inMail", DelayInMinutes: 4320, ExecutionMode: "manual",
			Variants: []*seqVariant{variant(str("Hello from Reply"), "Hi {{firstName}}, a short InMail.")}})
	case 1: // every other LinkedIn action, a call and a to-do task
		st := add(nil, nil, &seqStep{Type: "linkedIn", ActionType: "viewProfile", ExecutionMode: "automatic", Description: str("Warm up")})
		st = add(st, nil, &seqStep{Type: "linkedIn", ActionType: "endorseSkills", DelayInMinutes: 1440, NumberOfSkills: 2})
		st = add(st, nil, &seqStep{Type: "linkedIn", ActionType: "voiceMessage", DelayInMinutes: 1440, AudioFile: "https://files.example/voice/intro.mp3"})
		st = add(st, nil, &seqStep{Type: "linkedIn", ActionType: "likeRecentPosts", DelayInMinutes: 60})
		st = add(st, nil, &seqStep{Type: "linkedIn", ActionType: "followProfile", DelayInMinutes: 60})
		days := int64(30)
		st = add(st, nil, &seqStep{Type: "linkedIn", ActionType: "commentOnRecentPost", DelayInMinutes: 1440,
			AIPromptText: "Write a short, genuine comment.", SkipIfNoPostsInDays: &days, SkipTopics: []string{"politics"}})
		st = add(st, nil, &seqStep{Type: "call", DelayInMinutes: 2880, Message: str("Ask about their Q2 priorities.")})
		add(st, nil, &seqStep{Type: "task", ActionType: "toDo", DelayInMinutes: 1440, Description: str("Research the account")})
	default: // email, SMS, WhatsApp, Zapier, meeting task, call
		st := add(nil, nil, &seqStep{Type: "email", ExecutionMode: "automatic", Variants: []*seqVariant{
			variant(str("Following our chat"), "<p>Hi {{firstName}}, thanks for your time.</p>"),
		}})
		st = add(st, nil, &seqStep{Type: "sms", DelayInMinutes: 1440, ExecutionMode: "manual", Message: str("Hi {{firstName}}, quick text from Alex.")})
		st = add(st, nil, &seqStep{Type: "whatsApp", DelayInMinutes: 1440, Message: str("Hola {{firstName}}!")})
		st = add(st, nil, &seqStep{Type: "zapier", DelayInMinutes: 0, Name: "Push to CRM", Action: "immediately"})
		st = add(st, nil, &seqStep{Type: "task", ActionType: "meeting", DelayInMinutes: 2880, Description: str("Book a demo")})
		add(st, nil, &seqStep{Type: "call", DelayInMinutes: 1440})
	}
}

// seqSeedSequence is a sequence in a /_emulator/seed document: the detail response shape (ids honoured),
// plus folderId.
type seqSeedSequence struct {
	ID               int64             `json:"id"`
	OwnerUserID      int64             `json:"ownerUserId"`
	Name             string            `json:"name"`
	Created          string            `json:"created"`
	Status           string            `json:"status"`
	IsArchived       bool              `json:"isArchived"`
	ScheduleID       int64             `json:"scheduleId"`
	EmailAccounts    []json.RawMessage `json:"emailAccounts"`
	LinkedInAccounts []json.RawMessage `json:"linkedInAccounts"`
	Settings         json.RawMessage   `json:"settings"`
	Steps            []stepIn          `json:"steps"`
	FolderID         string            `json:"folderId"`
}

// seqSeedMember is a sequence contact in a seed document (the SequenceContact shape).
type seqSeedMember struct {
	ContactID        int64  `json:"contactId"`
	SequenceID       int64  `json:"sequenceId"`
	StatusInSequence string `json:"statusInSequence"`
	CurrentStep      *struct {
		StepID int64 `json:"stepId"`
	} `json:"currentStep"`
	AddingDate        string          `json:"addingDate"`
	EmailDisposition  *seqDisposition `json:"emailDisposition"`
	EmailAccountID    int64           `json:"emailAccountId"`
	LinkedInAccountID int64           `json:"linkedInAccountId"`
}

// seqSeedTemplate is a sequence template in a seed document; scope is global, organization or team.
type seqSeedTemplate struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description *string  `json:"description"`
	Scope       string   `json:"scope"`
	Steps       []stepIn `json:"steps"`
}

// loadSequenceSeed loads the sequences-side members of a /_emulator/seed document (REFERENCE.md §6):
// "sequenceFolders" [{id, name}], "sequences" (detail shape with steps; ids honoured), "sequenceContacts"
// (SequenceContact shape) and "sequenceTemplates" ({id, name, description, scope, steps}; global templates
// can only be created this way). It returns the member names it handled. Call it with e.mu held; on error
// nothing after the failing object is loaded.
func (e *Emulator) loadSequenceSeed(raw map[string]json.RawMessage) ([]string, error) {
	var handled []string
	now := e.nowLocked()
	if b, ok := raw["sequenceFolders"]; ok {
		handled = append(handled, "sequenceFolders")
		var fs []struct {
			ID          string `json:"id"`
			Name        string `json:"name"`
			OwnerUserID int64  `json:"ownerUserId"`
		}
		if err := json.Unmarshal(b, &fs); err != nil {
			return handled, fmt.Errorf("sequenceFolders: %w", err)
		}
		for _, f := range fs {
			id := strings.ToLower(f.ID)
			if id == "" {
				id = e.newUUID()
			} else if !isUUID(id) {
				return handled, fmt.Errorf("sequenceFolders: %q is not a UUID", f.ID)
			}
			owner := f.OwnerUserID
			if owner == 0 {
				owner = e.cur.ID
			}
			e.seq.folders[id] = &seqFolder{ID: id, Name: f.Name, OwnerUserID: owner}
		}
	}
	if b, ok := raw["sequences"]; ok {
		handled = append(handled, "sequences")
		var ss []seqSeedSequence
		if err := json.Unmarshal(b, &ss); err != nil {
			return handled, fmt.Errorf("sequences: %w", err)
		}
		for i, in := range ss {
			s := &sequence{ID: in.ID, OwnerUserID: in.OwnerUserID, Name: in.Name, Created: seedTime(in.Created, now),
				Status: seqEnum(in.Status, []string{"new", "active", "paused"}), IsArchived: in.IsArchived,
				ScheduleID: in.ScheduleID, Settings: defaultSeqSettings(), FolderID: strings.ToLower(in.FolderID)}
			if s.ID <= 0 {
				s.ID = e.nextID("sequence")
			}
			e.bumpID("sequence", s.ID)
			if s.OwnerUserID == 0 {
				s.OwnerUserID = e.cur.ID
			}
			if s.Status == "" {
				s.Status = "new"
			}
			if s.ScheduleID == 0 {
				s.ScheduleID = e.defaultScheduleID()
			}
			if s.FolderID != "" && e.seq.folders[s.FolderID] == nil {
				return handled, fmt.Errorf("sequences[%d]: folder %s not found", i, in.FolderID)
			}
			if len(in.Settings) > 0 && string(in.Settings) != "null" {
				if errs := applySettings(&s.Settings, in.Settings, false); len(errs) > 0 {
					return handled, fmt.Errorf("sequences[%d]: %s: %s", i, errs[0].Pointer, errs[0].Detail)
				}
			}
			s.EmailAccounts = seedRefIDs(in.EmailAccounts)
			s.LinkedInAccounts = seedRefIDs(in.LinkedInAccounts)
			steps, err := e.seedStepList(in.Steps)
			if err != nil {
				return handled, fmt.Errorf("sequences[%d]%w", i, err)
			}
			s.Steps = steps
			e.seq.sequences[s.ID] = s
		}
	}
	if b, ok := raw["sequenceContacts"]; ok {
		handled = append(handled, "sequenceContacts")
		var ms []seqSeedMember
		if err := json.Unmarshal(b, &ms); err != nil {
			return handled, fmt.Errorf("sequenceContacts: %w", err)
		}
		for i, in := range ms {
			s := e.seq.sequences[in.SequenceID]
			if s == nil {
				return handled, fmt.Errorf("sequenceContacts[%d]: sequence %d not found", i, in.SequenceID)
			}
			m := &seqMember{SequenceID: s.ID, ContactID: in.ContactID, AddingDate: seedTime(in.AddingDate, now),
				Status:      seqEnum(in.StatusInSequence, []string{"active", "paused", "finished", "inactive", "outOfOffice"}),
				Disposition: in.EmailDisposition, EmailAccountID: in.EmailAccountID, LinkedInAccountID: in.LinkedInAccountID}
			if m.Status == "" {
				m.Status = "active"
			}
			if _, ok := e.contact(in.ContactID); !ok {
				return handled, fmt.Errorf("sequenceContacts[%d]: contact %d not found", i, in.ContactID)
			}
			if in.CurrentStep != nil && in.CurrentStep.StepID != 0 {
				if s.step(in.CurrentStep.StepID) == nil {
					return handled, fmt.Errorf("sequenceContacts[%d]: step %d is not a step of sequence %d", i, in.CurrentStep.StepID, s.ID)
				}
				m.StepID = in.CurrentStep.StepID
			} else if r := s.root(); r != nil && m.Status != "finished" {
				m.StepID = r.ID
			}
			e.membersOf(s.ID)[m.ContactID] = m
		}
	}
	if b, ok := raw["sequenceTemplates"]; ok {
		handled = append(handled, "sequenceTemplates")
		var ts []seqSeedTemplate
		if err := json.Unmarshal(b, &ts); err != nil {
			return handled, fmt.Errorf("sequenceTemplates: %w", err)
		}
		for i, in := range ts {
			t := &seqTemplate{ID: strings.ToLower(in.ID), Name: in.Name, Description: in.Description,
				Scope: seqEnum(in.Scope, []string{"global", "organization", "team"}), Settings: defaultSeqSettings()}
			if t.ID == "" {
				t.ID = e.newUUID()
			} else if !isUUID(t.ID) {
				return handled, fmt.Errorf("sequenceTemplates[%d]: %q is not a UUID", i, in.ID)
			}
			if t.Scope == "" {
				t.Scope = "team"
			}
			steps, err := e.seedStepList(in.Steps)
			if err != nil {
				return handled, fmt.Errorf("sequenceTemplates[%d]%w", i, err)
			}
			t.Steps = steps
			e.seq.templates[t.ID] = t
		}
	}
	return handled, nil
}

// seedStepList builds steps in their response shape, honouring step and variant ids and the tree: a parentId
// must name an earlier step of the list, and a child of a condition must say its branch (ifConditionPositive
// is dropped under any other step).
func (e *Emulator) seedStepList(ins []stepIn) ([]*seqStep, error) {
	var out []*seqStep
	byID := map[int64]*seqStep{}
	for j, in := range ins {
		st, errs := e.buildStep(in, "", nil)
		if len(errs) > 0 {
			return nil, fmt.Errorf(".steps[%d]: %s: %s", j, errs[0].Pointer, errs[0].Detail)
		}
		if id := in.ID.ptr(); id != nil && *id > 0 {
			st.ID = *id
			e.bumpID("sequenceStep", *id)
		} else {
			st.ID = e.nextID("sequenceStep")
		}
		if p := in.ParentID.ptr(); p != nil {
			parent := byID[*p]
			if parent == nil {
				return nil, fmt.Errorf(".steps[%d]: /parentId: %d is not the id of an earlier step", j, *p)
			}
			st.ParentID = *p
			if parent.Type == "condition" {
				if st.IfConditionPositive = in.IfConditionPositive.ptr(); st.IfConditionPositive == nil {
					return nil, fmt.Errorf(".steps[%d]: /ifConditionPositive: required under a condition step", j)
				}
			}
		}
		byID[st.ID] = st
		for k, v := range in.Variants {
			if id := v.ID.ptr(); id != nil && *id > 0 && k < len(st.Variants) {
				st.Variants[k].ID = *id
				e.bumpID("sequenceStepVariant", *id)
			}
		}
		e.assignVariantIDs(st)
		out = append(out, st)
	}
	return out, nil
}

// seedRefIDs reads account references given as ids or as {id, ...} objects.
func seedRefIDs(raws []json.RawMessage) []int64 {
	var out []int64
	for _, r := range raws {
		var id int64
		if json.Unmarshal(r, &id) == nil {
			out = append(out, id)
			continue
		}
		var o struct{ ID int64 }
		if json.Unmarshal(r, &o) == nil && o.ID != 0 {
			out = append(out, o.ID)
		}
	}
	return out
}
