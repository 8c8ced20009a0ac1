package replytest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
)

// Sequence steps (REFERENCE.md §2.14): a tree through parentId / ifConditionPositive, every type of the
// oneOf with its required fields, append-to-chain, delete modes, bulk create (B2, integer codes), bulk
// delete (B1) and variant enable/disable (B1).

// stepIn is a step as sent in a request body.
type stepIn struct {
	ID                  opt[int64]    `json:"id"`
	Type                *string       `json:"type"`
	ActionType          *string       `json:"actionType"`
	DelayInMinutes      *int64        `json:"delayInMinutes"`
	ParentID            opt[int64]    `json:"parentId"`
	IfConditionPositive opt[bool]     `json:"ifConditionPositive"`
	ExecutionMode       *string       `json:"executionMode"`
	Variants            []variantIn   `json:"variants"`
	Description         opt[string]   `json:"description"`
	NumberOfSkills      *int64        `json:"numberOfSkills"`
	AudioFile           *string       `json:"audioFile"`
	AIPromptText        *string       `json:"aiPromptText"`
	SkipIfNoPostsInDays opt[int64]    `json:"skipIfNoPostsInDays"`
	SkipTopics          []string      `json:"skipTopics"`
	Message             opt[string]   `json:"message"`
	Name                *string       `json:"name"`
	Action              *string       `json:"action"`
	WaitInMinutes       *int64        `json:"waitInMinutes"`
	Conditions          []conditionIn `json:"conditions"`
}

// variantIn is a variant as sent inside a step or to the variants endpoint.
type variantIn struct {
	ID            opt[int64]   `json:"id"`
	Subject       opt[string]  `json:"subject"`
	Message       opt[string]  `json:"message"`
	IsEnabled     *bool        `json:"isEnabled"`
	AttachmentIDs opt[[]int64] `json:"attachmentIds"`
}

type conditionIn struct {
	Property *string `json:"property"`
	Rules    []struct {
		Operator *string     `json:"operator"`
		Value    opt[string] `json:"value"`
	} `json:"rules"`
}

var (
	stepTypes          = []string{"email", "linkedIn", "call", "sms", "whatsApp", "zapier", "task", "condition"}
	linkedInActions    = []string{"message", "connect", "inMail", "viewProfile", "endorseSkills", "voiceMessage", "likeRecentPosts", "followProfile", "commentOnRecentPost"}
	taskActions        = []string{"toDo", "meeting"}
	executionModes     = []string{"automatic", "manual"}
	zapierActions      = []string{"immediately", "wait"}
	stepDeleteModes    = []string{"nodeOnly", "nodeAndAllChildren", "nodeAndPositiveChildren", "nodeAndNegativeChildren"}
	conditionOperators = map[string][]string{
		"email": {"isSet", "isNotSet", "is", "isNot", "contains"},
		"stage": {"is", "isNot"},
	}
)

// seqEnum returns the canonical spelling of s among allowed (case-insensitive), or "".
func seqEnum(s string, allowed []string) string {
	for _, a := range allowed {
		if strings.EqualFold(a, s) {
			return a
		}
	}
	return ""
}

// hasVariants reports whether steps of this type and action carry variants.
func hasVariants(typ, action string) bool {
	return typ == "email" || typ == "linkedIn" && (action == "message" || action == "connect" || action == "inMail")
}

// stepError is a business error of a step operation.
type stepError struct {
	status int
	code   string // sequenceStep.<variant>
	detail string
}

func seqRequired(p string) fieldError { return fieldError{p, "Field is required."} }

// buildStep validates a step body and returns the step it describes (no id, no placement). old is the
// stored step on update (nil on create): variants with an id must belong to it. Pointers are prefixed.
func (e *Emulator) buildStep(in stepIn, prefix string, old *seqStep) (*seqStep, []fieldError) {
	var errs []fieldError
	st := &seqStep{}
	if in.Type == nil || *in.Type == "" {
		errs = append(errs, seqRequired(prefix+"/type"))
		return nil, errs
	}
	if st.Type = seqEnum(*in.Type, stepTypes); st.Type == "" {
		return nil, append(errs, fieldError{prefix + "/type", "Value has an invalid format."})
	}
	if old != nil && old.Type != st.Type {
		return nil, append(errs, fieldError{prefix + "/type", "The step type cannot be changed."})
	}
	if in.DelayInMinutes == nil {
		errs = append(errs, seqRequired(prefix+"/delayInMinutes"))
	} else if *in.DelayInMinutes < 0 {
		errs = append(errs, fieldError{prefix + "/delayInMinutes", "The field delayInMinutes must be greater than or equal to 0."})
	} else {
		st.DelayInMinutes = *in.DelayInMinutes
	}
	needMode := func() {
		if in.ExecutionMode == nil {
			errs = append(errs, seqRequired(prefix+"/executionMode"))
		} else if st.ExecutionMode = seqEnum(*in.ExecutionMode, executionModes); st.ExecutionMode == "" {
			errs = append(errs, fieldError{prefix + "/executionMode", "Value has an invalid format."})
		}
	}
	needString := func(name string, v *string) string {
		if v == nil || strings.TrimSpace(*v) == "" {
			errs = append(errs, seqRequired(prefix+"/"+name))
			return ""
		}
		return *v
	}
	switch st.Type {
	case "email":
		needMode()
	case "linkedIn":
		if in.ActionType == nil {
			errs = append(errs, seqRequired(prefix+"/actionType"))
			return nil, errs
		}
		if st.ActionType = seqEnum(*in.ActionType, linkedInActions); st.ActionType == "" {
			return nil, append(errs, fieldError{prefix + "/actionType", "Value has an invalid format."})
		}
		if old != nil && old.ActionType != st.ActionType {
			return nil, append(errs, fieldError{prefix + "/actionType", "The action type cannot be changed."})
		}
		switch st.ActionType {
		case "message", "connect", "inMail":
			needMode()
		case "viewProfile":
			needMode()
			st.Description = in.Description.ptr()
		case "endorseSkills":
			if in.NumberOfSkills == nil {
				errs = append(errs, seqRequired(prefix+"/numberOfSkills"))
			} else if *in.NumberOfSkills < 1 || *in.NumberOfSkills > 3 {
				errs = append(errs, fieldError{prefix + "/numberOfSkills", "The field numberOfSkills must be between 1 and 3."})
			} else {
				st.NumberOfSkills = *in.NumberOfSkills
			}
		case "voiceMessage":
			st.AudioFile = needString("audioFile", in.AudioFile)
		case "commentOnRecentPost":
			st.AIPromptText = needString("aiPromptText", in.AIPromptText)
			st.SkipIfNoPostsInDays = in.SkipIfNoPostsInDays.ptr()
			st.SkipTopics = append([]string{}, in.SkipTopics...)
		}
	case "call":
		st.Message = in.Message.ptr()
	case "sms":
		needMode()
		m := needString("message", in.Message.ptr())
		st.Message = &m
	case "whatsApp":
		m := needString("message", in.Message.ptr())
		st.Message = &m
	case "zapier":
		st.Name = needString("name", in.Name)
		if in.Action == nil {
			errs = append(errs, seqRequired(prefix+"/action"))
		} else if st.Action = seqEnum(*in.Action, zapierActions); st.Action == "" {
			errs = append(errs, fieldError{prefix + "/action", "Value has an invalid format."})
		}
	case "task":
		if in.ActionType == nil {
			errs = append(errs, seqRequired(prefix+"/actionType"))
		} else if st.ActionType = seqEnum(*in.ActionType, taskActions); st.ActionType == "" {
			errs = append(errs, fieldError{prefix + "/actionType", "Value has an invalid format."})
		}
		d := needString("description", in.Description.ptr())
		st.Description = &d
	case "condition":
		if in.WaitInMinutes == nil {
			errs = append(errs, seqRequired(prefix+"/waitInMinutes"))
		} else if *in.WaitInMinutes < 0 {
			errs = append(errs, fieldError{prefix + "/waitInMinutes", "The field waitInMinutes must be greater than or equal to 0."})
		} else {
			st.WaitInMinutes = *in.WaitInMinutes
		}
		errs = append(errs, validateConditions(in.Conditions, prefix)...)
		st.Conditions, _ = json.Marshal(conditionsOut(in.Conditions))
	}
	if hasVariants(st.Type, st.ActionType) {
		vs, verrs := e.buildVariants(st, in.Variants, prefix, old)
		errs = append(errs, verrs...)
		st.Variants = vs
	}
	return st, errs
}

func validateConditions(cs []conditionIn, prefix string) []fieldError {
	var errs []fieldError
	if len(cs) == 0 {
		return []fieldError{seqRequired(prefix + "/conditions")}
	}
	for i, c := range cs {
		p := fmt.Sprintf("%s/conditions/%d", prefix, i)
		ops, known := []string(nil), false
		if c.Property == nil || *c.Property == "" {
			errs = append(errs, seqRequired(p+"/property"))
		} else if ops, known = conditionOperators[seqEnum(*c.Property, []string{"email", "stage"})]; !known {
			errs = append(errs, fieldError{p + "/property", "Unknown contact filter property."})
		}
		if len(c.Rules) == 0 {
			errs = append(errs, seqRequired(p+"/rules"))
		}
		for j, r := range c.Rules {
			rp := fmt.Sprintf("%s/rules/%d", p, j)
			if r.Operator == nil || *r.Operator == "" {
				errs = append(errs, seqRequired(rp+"/operator"))
				continue
			}
			op := *r.Operator
			if known && seqEnum(op, ops) == "" {
				errs = append(errs, fieldError{rp + "/operator", "Operator is not supported for this property."})
				continue
			}
			unary := strings.EqualFold(op, "isSet") || strings.EqualFold(op, "isNotSet")
			if !unary && (!r.Value.Set || r.Value.Null) {
				errs = append(errs, seqRequired(rp+"/value"))
			}
		}
	}
	return errs
}

func conditionsOut(cs []conditionIn) []seqObj {
	out := []seqObj{}
	for _, c := range cs {
		prop := ""
		if c.Property != nil {
			prop = seqEnum(*c.Property, []string{"email", "stage"})
			if prop == "" {
				prop = *c.Property
			}
		}
		rules := []seqObj{}
		for _, r := range c.Rules {
			op := ""
			if r.Operator != nil {
				op = *r.Operator
				if o := seqEnum(op, conditionOperators[prop]); o != "" {
					op = o
				}
			}
			var v any
			if p := r.Value.ptr(); p != nil {
				v = *p
			}
			rules = append(rules, seqObj{}.add("operator", op).add("value", v))
		}
		out = append(out, seqObj{}.add("property", prop).add("rules", rules))
	}
	return out
}

// buildVariants validates the variants of a step body. New variants get ids here.
func (e *Emulator) buildVariants(st *seqStep, ins []variantIn, prefix string, old *seqStep) ([]*seqVariant, []fieldError) {
	var errs []fieldError
	if len(ins) == 0 {
		return nil, []fieldError{{prefix + "/variants", "At least one variant is required."}}
	}
	var out []*seqVariant
	for i, in := range ins {
		p := fmt.Sprintf("%s/variants/%d", prefix, i)
		v := &seqVariant{IsEnabled: true}
		if id := in.ID.ptr(); id != nil && old != nil {
			var found *seqVariant
			for _, ov := range old.Variants {
				if ov.ID == *id {
					found = ov
				}
			}
			if found == nil {
				errs = append(errs, fieldError{p + "/id", fmt.Sprintf("Variant %d not found on step %d.", *id, old.ID)})
				continue
			}
			cp := *found
			v = &cp
		}
		errs = append(errs, applyVariant(v, in, st.Type, st.ActionType, p, true)...)
		out = append(out, v)
	}
	return out, errs
}

// applyVariant validates one variant body and writes it into v. inStep says the body is part of a step
// (where LinkedIn variants require isEnabled).
func applyVariant(v *seqVariant, in variantIn, typ, action, p string, inStep bool) []fieldError {
	var errs []fieldError
	msg := in.Message.ptr()
	switch {
	case typ == "email":
		v.Subject = in.Subject.ptr()
		v.Message = msg
		if !inStep && msg == nil {
			errs = append(errs, seqRequired(p+"/message"))
		}
	case action == "connect":
		if msg != nil && len([]rune(*msg)) > 300 {
			errs = append(errs, fieldError{p + "/message", "The message of a connection request must be at most 300 characters."})
		}
		v.Message = msg
	default: // message, inMail
		if msg == nil || *msg == "" {
			errs = append(errs, seqRequired(p+"/message"))
		}
		v.Message = msg
		if action == "inMail" {
			if s := in.Subject.ptr(); s == nil || *s == "" {
				errs = append(errs, seqRequired(p+"/subject"))
			} else {
				v.Subject = s
			}
		}
	}
	if in.IsEnabled != nil {
		v.IsEnabled = *in.IsEnabled
	} else if inStep && typ == "linkedIn" {
		errs = append(errs, seqRequired(p+"/isEnabled"))
	}
	if ids := in.AttachmentIDs.ptr(); ids != nil {
		if len(*ids) > 3 {
			errs = append(errs, fieldError{p + "/attachmentIds", "Maximum 3 attachments allowed per variant."})
		}
		for j, id := range *ids {
			if id < 1 {
				errs = append(errs, fieldError{fmt.Sprintf("%s/attachmentIds/%d", p, j), "The attachment id must be positive."})
			}
		}
		v.AttachmentIDs = append([]int64{}, (*ids)...)
	}
	return errs
}

// missingFirstSubject reports whether st would be the first email of its chain (below parentID) with a
// variant lacking a subject.
func (s *sequence) missingFirstSubject(st *seqStep, parentID int64) bool {
	if st.Type != "email" || s.hasEmailAncestor(parentID) {
		return false
	}
	for _, v := range st.Variants {
		if v.Subject == nil || strings.TrimSpace(*v.Subject) == "" {
			return true
		}
	}
	return false
}

// placeStep resolves the parent of a new step. prev is the step to append after when parentId is absent
// (bulk: the previous item), 0 for "the end of the main chain".
func (s *sequence) placeStep(st *seqStep, in stepIn, prev int64) ([]fieldError, *stepError) {
	var parent *seqStep
	if pid := in.ParentID.ptr(); pid != nil {
		if parent = s.step(*pid); parent == nil {
			return nil, &stepError{http.StatusBadRequest, "sequenceStep.invalidStep",
				fmt.Sprintf("Parent step %d not found in sequence %d.", *pid, s.ID)}
		}
	} else if prev != 0 {
		parent = s.step(prev)
	} else if s.hasCondition() {
		return []fieldError{{"/parentId", "'parentId' is required when the sequence contains conditional steps"}}, nil
	} else {
		parent = s.lastInChain()
	}
	st.ParentID, st.IfConditionPositive = 0, nil
	if parent != nil {
		st.ParentID = parent.ID
		if parent.Type == "condition" {
			b := in.IfConditionPositive.ptr()
			if b == nil {
				return []fieldError{{"/ifConditionPositive", "'ifConditionPositive' is required for a step under a condition step."}}, nil
			}
			st.IfConditionPositive = b
		}
	}
	return nil, nil
}

// insertStep stores a placed step; an existing child on the same branch moves below it.
func (e *Emulator) insertStep(s *sequence, st *seqStep) {
	st.ID = e.nextID("sequenceStep")
	for _, c := range s.Steps {
		if c.ParentID == st.ParentID && sameBranch(c.IfConditionPositive, st.IfConditionPositive) {
			c.ParentID = st.ID
			c.IfConditionPositive = nil
			if st.Type == "condition" {
				t := true
				c.IfConditionPositive = &t
			}
		}
	}
	e.assignVariantIDs(st)
	s.Steps = append(s.Steps, st)
}

func (e *Emulator) assignVariantIDs(st *seqStep) {
	for _, v := range st.Variants {
		if v.ID == 0 {
			v.ID = e.nextID("sequenceStepVariant")
		}
	}
}

func sameBranch(a, b *bool) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// renderStep returns a step in its response shape: the common fields and those of its type only.
func renderStep(st *seqStep) seqObj {
	o := seqObj{}.add("id", st.ID).add("type", st.Type)
	if st.Type == "linkedIn" || st.Type == "task" {
		o = o.add("actionType", st.ActionType)
	}
	o = o.add("delayInMinutes", st.DelayInMinutes).add("parentId", seqNullInt(st.ParentID)).add("ifConditionPositive", st.IfConditionPositive)
	switch st.Type {
	case "email":
		o = o.add("executionMode", st.ExecutionMode)
	case "linkedIn":
		switch st.ActionType {
		case "message", "connect", "inMail":
			o = o.add("executionMode", st.ExecutionMode)
		case "viewProfile":
			o = o.add("executionMode", st.ExecutionMode).add("description", st.Description)
		case "endorseSkills":
			o = o.add("numberOfSkills", st.NumberOfSkills)
		case "voiceMessage":
			o = o.add("audioFile", st.AudioFile)
		case "commentOnRecentPost":
			topics := st.SkipTopics
			if topics == nil {
				topics = []string{}
			}
			o = o.add("aiPromptText", st.AIPromptText).add("skipIfNoPostsInDays", st.SkipIfNoPostsInDays).add("skipTopics", topics)
		}
	case "call", "whatsApp":
		o = o.add("message", st.Message)
	case "sms":
		o = o.add("executionMode", st.ExecutionMode).add("message", st.Message)
	case "zapier":
		o = o.add("name", st.Name).add("action", st.Action)
	case "task":
		o = o.add("description", st.Description)
	case "condition":
		o = o.add("waitInMinutes", st.WaitInMinutes).add("conditions", json.RawMessage(st.Conditions))
	}
	if hasVariants(st.Type, st.ActionType) {
		vs := []seqObj{}
		for _, v := range st.Variants {
			switch {
			case st.Type == "email":
				vs = append(vs, seqObj{}.add("id", v.ID).add("subject", v.Subject).add("message", v.Message).add("hasAttachments", len(v.AttachmentIDs) > 0))
			case st.ActionType == "inMail":
				vs = append(vs, seqObj{}.add("id", v.ID).add("subject", v.Subject).add("message", v.Message).add("isEnabled", v.IsEnabled))
			default:
				vs = append(vs, seqObj{}.add("id", v.ID).add("message", v.Message).add("isEnabled", v.IsEnabled))
			}
		}
		o = o.add("variants", vs)
	}
	return o
}

func renderSteps(s *sequence) []seqObj {
	out := make([]seqObj, 0, len(s.Steps))
	for _, st := range s.Steps {
		out = append(out, renderStep(st))
	}
	return out
}

// stepSequence loads the path sequence for a step endpoint (404 sequenceStep.notFound when missing).
func (c *call) stepSequence() (*sequence, bool) {
	id, ok := c.pathID("id")
	if !ok {
		return nil, false
	}
	s := c.e.seq.sequences[id]
	if s == nil {
		c.problem(http.StatusNotFound, "sequenceStep.notFound", fmt.Sprintf("Sequence with ID %d not found.", id))
		return nil, false
	}
	return s, true
}

// pathStep loads the path sequence and step.
func (c *call) pathStep() (*sequence, *seqStep, bool) {
	s, ok := c.stepSequence()
	if !ok {
		return nil, nil, false
	}
	sid, ok := c.pathID("step_id")
	if !ok {
		return nil, nil, false
	}
	st := s.step(sid)
	if st == nil {
		c.problem(http.StatusNotFound, "sequenceStep.notFound", fmt.Sprintf("Step %d not found in sequence %d.", sid, s.ID))
		return nil, nil, false
	}
	return s, st, true
}

func (c *call) stepErr(se *stepError) { c.problem(se.status, se.code, se.detail) }

// createStep validates, places and stores one step. It returns validation errors or a business error.
func (e *Emulator) createStep(s *sequence, in stepIn, prev int64) (*seqStep, []fieldError, *stepError) {
	st, errs := e.buildStep(in, "", nil)
	if len(errs) > 0 {
		return nil, errs, nil
	}
	if errs, se := s.placeStep(st, in, prev); len(errs) > 0 || se != nil {
		return nil, errs, se
	}
	if s.missingFirstSubject(st, st.ParentID) {
		return nil, nil, &stepError{http.StatusBadRequest, "sequenceStep.missingEmailSubject", "First email should have subject."}
	}
	e.insertStep(s, st)
	return st, nil, nil
}

// deleteStep removes a step according to mode and returns the ids removed.
func (s *sequence) deleteStep(st *seqStep, mode string) []int64 {
	removed := map[int64]bool{st.ID: true}
	var drop func(id int64)
	drop = func(id int64) {
		for _, c := range s.children(id) {
			if !removed[c.ID] {
				removed[c.ID] = true
				drop(c.ID)
			}
		}
	}
	for _, c := range s.children(st.ID) {
		del := false
		switch mode {
		case "nodeAndAllChildren":
			del = true
		case "nodeAndPositiveChildren":
			del = c.IfConditionPositive != nil && *c.IfConditionPositive
		case "nodeAndNegativeChildren":
			del = c.IfConditionPositive != nil && !*c.IfConditionPositive
		}
		if del {
			removed[c.ID] = true
			drop(c.ID)
		} else {
			c.ParentID = st.ParentID
			c.IfConditionPositive = st.IfConditionPositive
		}
	}
	var keep []*seqStep
	var ids []int64
	for _, x := range s.Steps {
		if removed[x.ID] {
			ids = append(ids, x.ID)
			continue
		}
		keep = append(keep, x)
	}
	s.Steps = keep
	return ids
}

func (e *Emulator) registerSequenceStepRoutes() {
	e.route("GET /v3/sequences/steps/contact-filter-properties", "sequenceSteps.contactFilterProperties", func(c *call) {
		c.json(http.StatusOK, seqObj{}.
			add("email", seqObj{}.add("operators", conditionOperators["email"]).add("values", nil)).
			add("stage", seqObj{}.add("operators", conditionOperators["stage"]).add("values", []string{"new", "contacted", "interested", "notInterested"})))
	})
	e.route("GET /v3/sequences/{id}/steps", "sequenceSteps.list", func(c *call) {
		if s, ok := c.stepSequence(); ok {
			c.json(http.StatusOK, renderSteps(s))
		}
	})
	e.route("GET /v3/sequences/{id}/steps/{step_id}", "sequenceSteps.get", func(c *call) {
		if _, st, ok := c.pathStep(); ok {
			c.json(http.StatusOK, renderStep(st))
		}
	})
	e.route("POST /v3/sequences/{id}/steps", "sequenceSteps.create", func(c *call) {
		s, ok := c.stepSequence()
		if !ok {
			return
		}
		var in stepIn
		if !c.decode(&in) {
			return
		}
		st, errs, se := c.e.createStep(s, in, 0)
		switch {
		case len(errs) > 0:
			c.invalid(errs...)
		case se != nil:
			c.stepErr(se)
		default:
			c.created(renderStep(st))
		}
	})
	e.route("PUT /v3/sequences/{id}/steps/{step_id}", "sequenceSteps.update", func(c *call) {
		s, old, ok := c.pathStep()
		if !ok {
			return
		}
		var in stepIn
		if !c.decode(&in) {
			return
		}
		st, errs := c.e.buildStep(in, "", old)
		if len(errs) > 0 {
			c.invalid(errs...)
			return
		}
		st.ID = old.ID
		st.ParentID, st.IfConditionPositive = old.ParentID, old.IfConditionPositive
		if in.ParentID.Set || in.IfConditionPositive.Set {
			pid := old.ParentID
			if p := in.ParentID.ptr(); p != nil {
				pid = *p
			}
			if pid == old.ID || s.isDescendant(pid, old.ID) {
				c.problem(http.StatusBadRequest, "sequenceStep.invalidStep", "A step cannot be moved below itself.")
				return
			}
			if pid != 0 {
				parent := s.step(pid)
				if parent == nil {
					c.problem(http.StatusBadRequest, "sequenceStep.invalidStep", fmt.Sprintf("Parent step %d not found in sequence %d.", pid, s.ID))
					return
				}
				st.ParentID, st.IfConditionPositive = pid, nil
				if parent.Type == "condition" {
					b := in.IfConditionPositive.ptr()
					if b == nil {
						b = old.IfConditionPositive
					}
					if b == nil {
						c.invalid(fieldError{"/ifConditionPositive", "'ifConditionPositive' is required for a step under a condition step."})
						return
					}
					st.IfConditionPositive = b
				}
			}
		}
		if s.missingFirstSubject(st, st.ParentID) {
			c.problem(http.StatusBadRequest, "sequenceStep.missingEmailSubject", "First email should have subject.")
			return
		}
		c.e.assignVariantIDs(st)
		*old = *st
		c.json(http.StatusOK, renderStep(old))
	})
	e.route("DELETE /v3/sequences/{id}/steps/{step_id}", "sequenceSteps.delete", func(c *call) {
		s, st, ok := c.pathStep()
		if !ok {
			return
		}
		mode := "nodeOnly"
		if m := c.query("mode"); m != "" {
			if mode = seqEnum(m, stepDeleteModes); mode == "" {
				c.invalid(fieldError{"mode", fmt.Sprintf("The value '%s' is not valid.", m)})
				return
			}
		}
		s.deleteStep(st, mode)
		c.noContent()
	})
	e.route("POST /v3/sequences/{id}/steps/bulk", "sequenceSteps.bulkCreate", func(c *call) {
		s, ok := c.stepSequence()
		if !ok {
			return
		}
		var items []json.RawMessage
		if !c.decode(&items) {
			return
		}
		if len(items) == 0 {
			c.invalid(fieldError{"", "At least one step is required."})
			return
		}
		out := make([]seqObj, 0, len(items))
		var prev int64
		for _, raw := range items {
			var in stepIn
			var res seqObj
			if err := json.Unmarshal(raw, &in); err != nil {
				res = seqB2(nil, 1, "Value has an invalid type.")
			} else if st, errs, se := c.e.createStep(s, in, prev); len(errs) > 0 {
				res = seqB2(nil, 1, errs[0].Pointer+": "+errs[0].Detail)
			} else if se != nil {
				res = seqB2(nil, 2, se.detail)
			} else {
				prev = st.ID
				res = seqB2(st.ID, nil, nil)
			}
			out = append(out, res)
		}
		c.json(http.StatusOK, out)
	})
	e.route("POST /v3/sequences/{id}/steps/bulk-delete", "sequenceSteps.bulkDelete", func(c *call) {
		s, ok := c.stepSequence()
		if !ok {
			return
		}
		ids, ok := c.idsBody("ids", 100)
		if !ok {
			return
		}
		res := seqB1{}
		for _, id := range ids {
			st := s.step(id)
			if st == nil {
				res.fail(id, "notFound", fmt.Sprintf("Step %d not found in sequence %d.", id, s.ID))
				continue
			}
			s.deleteStep(st, "nodeOnly")
		}
		c.json(http.StatusOK, res)
	})
	toggle := func(enable bool) func(c *call) {
		return func(c *call) {
			_, st, ok := c.pathStep()
			if !ok {
				return
			}
			ids, ok := c.idsBody("variantIds", 1000)
			if !ok {
				return
			}
			res := seqB1{}
			for _, id := range ids {
				if !hasVariants(st.Type, st.ActionType) {
					res.fail(id, "unsupportedOperation", fmt.Sprintf("Step %d has no variants.", st.ID))
					continue
				}
				v := st.variant(id)
				if v == nil {
					res.fail(id, "invalidInput", fmt.Sprintf("Variant %d not found on step %d.", id, st.ID))
					continue
				}
				if !enable && v.IsEnabled && st.enabledVariants() == 1 {
					res.fail(id, "unsupportedOperation", "A step keeps at least one enabled variant.")
					continue
				}
				v.IsEnabled = enable
			}
			c.json(http.StatusOK, res)
		}
	}
	e.route("POST /v3/sequences/{id}/steps/{step_id}/enable", "sequenceSteps.enable", toggle(true))
	e.route("POST /v3/sequences/{id}/steps/{step_id}/disable", "sequenceSteps.disable", toggle(false))
}

func (s *sequence) isDescendant(id, ancestor int64) bool {
	for guard := 0; id != 0 && guard < 10000; guard++ {
		st := s.step(id)
		if st == nil {
			return false
		}
		if st.ParentID == ancestor {
			return true
		}
		id = st.ParentID
	}
	return false
}

func (st *seqStep) variant(id int64) *seqVariant {
	for _, v := range st.Variants {
		if v.ID == id {
			return v
		}
	}
	return nil
}

func (st *seqStep) enabledVariants() int {
	n := 0
	for _, v := range st.Variants {
		if v.IsEnabled {
			n++
		}
	}
	return n
}

// b2 is one B2 create result.
func seqB2(id, code, details any) seqObj {
	return seqObj{}.add("id", id).add("error", code).add("errorDetails", details)
}

// b1 is a B1 failure dictionary.
type seqB1 map[string]seqObj

func (r seqB1) fail(id int64, code, details string) {
	r[strconv.FormatInt(id, 10)] = seqObj{}.add("error", code).add("errorDetails", details)
}

// idsBody decodes {"<member>": [int]} with 1..max positive ids (duplicates are processed once).
func (c *call) idsBody(member string, max int) ([]int64, bool) {
	var body map[string]json.RawMessage
	if !c.decode(&body) {
		return nil, false
	}
	ids, errs := parseIDList(body[member], "/"+member, max, false)
	if len(errs) > 0 {
		c.invalid(errs...)
		return nil, false
	}
	return ids, true
}

// parseIDList validates a JSON array of positive integer ids. noDup rejects duplicates; otherwise they are
// dropped.
func parseIDList(raw json.RawMessage, ptr string, max int, noDup bool) ([]int64, []fieldError) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, []fieldError{seqRequired(ptr)}
	}
	var ids []int64
	if err := json.Unmarshal(raw, &ids); err != nil {
		return nil, []fieldError{{typeErrorPointer(raw, reflect.TypeFor[[]int64](), ptr), "Value has an invalid type."}}
	}
	if len(ids) == 0 {
		return nil, []fieldError{{ptr, "At least one ID is required."}}
	}
	if len(ids) > max {
		return nil, []fieldError{{ptr, fmt.Sprintf("At most %d IDs are allowed.", max)}}
	}
	seen := map[int64]bool{}
	var out []int64
	for i, id := range ids {
		if id < 1 {
			return nil, []fieldError{{fmt.Sprintf("%s/%d", ptr, i), "IDs must be positive."}}
		}
		if seen[id] {
			if noDup {
				return nil, []fieldError{{ptr, "Duplicate IDs are not allowed."}}
			}
			continue
		}
		seen[id] = true
		out = append(out, id)
	}
	return out, nil
}
