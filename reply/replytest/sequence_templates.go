package replytest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Sequence templates (REFERENCE.md §2.22, §3.7): list (P4 shape), save-as-template, create-from-template,
// delete. Template ids are UUIDs; global templates are read-only.

// renderTemplate is the template item {id, name, description, stepTypes, isConditional}.
func renderTemplate(t *seqTemplate) seqObj {
	types, cond := []string{}, false
	for _, st := range t.Steps {
		var name string
		switch st.Type {
		case "condition":
			cond = true
			continue
		case "linkedIn":
			name = "LinkedIn"
		case "whatsApp":
			name = "WhatsApp"
		default:
			name = pascal(st.Type)
		}
		if !slices.Contains(types, name) {
			types = append(types, name)
		}
	}
	return seqObj{}.add("id", t.ID).add("name", t.Name).add("description", t.Description).
		add("stepTypes", types).add("isConditional", cond)
}

// copySteps deep-copies steps with new step and variant ids, keeping the tree.
func (e *Emulator) copySteps(steps []*seqStep) []*seqStep {
	ids := map[int64]int64{}
	var out []*seqStep
	for _, st := range steps {
		cp := *st
		cp.ID = e.nextID("sequenceStep")
		ids[st.ID] = cp.ID
		cp.Variants = nil
		for _, v := range st.Variants {
			vc := *v
			vc.ID = e.nextID("sequenceStepVariant")
			vc.Sent = false
			vc.AttachmentIDs = slices.Clone(v.AttachmentIDs)
			cp.Variants = append(cp.Variants, &vc)
		}
		cp.SkipTopics = slices.Clone(st.SkipTopics)
		out = append(out, &cp)
	}
	for _, st := range out {
		if st.ParentID != 0 {
			st.ParentID = ids[st.ParentID]
		}
	}
	return out
}

func (e *Emulator) sortedTemplates(scope string) []seqObj {
	var ts []*seqTemplate
	for _, t := range e.seq.templates {
		if t.Scope == scope {
			ts = append(ts, t)
		}
	}
	slices.SortFunc(ts, func(a, b *seqTemplate) int { return strings.Compare(a.ID, b.ID) })
	out := []seqObj{}
	for _, t := range ts {
		out = append(out, renderTemplate(t))
	}
	return out
}

func (e *Emulator) registerSequenceTemplateRoutes() {
	e.route("GET /v3/sequence-templates", "sequenceTemplates.list", func(c *call) {
		c.json(http.StatusOK, seqObj{}.add("globalTemplates", e.sortedTemplates("global")).
			add("organizationTemplates", e.sortedTemplates("organization")).
			add("teamTemplates", e.sortedTemplates("team")))
	})
	e.route("DELETE /v3/sequence-templates/{id}", "sequenceTemplates.delete", func(c *call) {
		id, ok := c.pathUUID("id")
		if !ok {
			return
		}
		t := e.seq.templates[id]
		switch {
		case t == nil:
			c.problem(http.StatusNotFound, "sequenceTemplate.notFound", fmt.Sprintf("Sequence template %s not found.", id))
		case t.Scope == "global":
			c.problem(http.StatusForbidden, "sequenceTemplate.forbidden", "Global templates cannot be deleted.")
		default:
			delete(e.seq.templates, id)
			c.noContent()
		}
	})
	e.route("POST /v3/sequences/{id}/save-as-template", "sequences.saveAsTemplate", func(c *call) {
		s, ok := c.pathSequence("sequence.notFound")
		if !ok {
			return
		}
		var in struct {
			Name        *string     `json:"name"`
			Description opt[string] `json:"description"`
			Scope       *string     `json:"scope"`
		}
		if !c.decode(&in) {
			return
		}
		var errs []fieldError
		if in.Name == nil || strings.TrimSpace(*in.Name) == "" {
			errs = append(errs, seqRequired("/name"))
		}
		scope := "team"
		if in.Scope != nil {
			if scope = seqEnum(*in.Scope, []string{"team", "organization"}); scope == "" {
				errs = append(errs, fieldError{"/scope", "Value has an invalid format."})
			}
		}
		if len(errs) > 0 {
			c.invalid(errs...)
			return
		}
		name := strings.TrimSpace(*in.Name)
		for _, t := range e.seq.templates {
			if strings.EqualFold(t.Name, name) {
				c.problem(http.StatusConflict, "sequenceTemplate.duplicateName", fmt.Sprintf("A template named '%s' already exists.", name))
				return
			}
		}
		t := &seqTemplate{ID: e.newUUID(), Name: name, Description: in.Description.ptr(), Scope: scope,
			Steps: e.copySteps(s.Steps), Settings: s.Settings}
		e.seq.templates[t.ID] = t
		c.created(renderTemplate(t))
	})
	e.route("POST /v3/sequences/create-from-template", "sequences.createFromTemplate", func(c *call) {
		var in struct {
			TemplateID       *string     `json:"templateId"`
			SequenceFolderID opt[string] `json:"sequenceFolderId"`
		}
		if !c.decode(&in) {
			return
		}
		var errs []fieldError
		if in.TemplateID == nil || *in.TemplateID == "" {
			errs = append(errs, seqRequired("/templateId"))
		} else if !isUUID(strings.ToLower(*in.TemplateID)) {
			errs = append(errs, fieldError{"/templateId", "Value has an invalid format."})
		}
		folder := in.SequenceFolderID.ptr()
		if folder != nil && !isUUID(strings.ToLower(*folder)) {
			errs = append(errs, fieldError{"/sequenceFolderId", "Value has an invalid format."})
		}
		if len(errs) > 0 {
			c.invalid(errs...)
			return
		}
		t := e.seq.templates[strings.ToLower(*in.TemplateID)]
		if t == nil {
			c.problem(http.StatusNotFound, "sequenceTemplate.notFound", fmt.Sprintf("Sequence template %s not found.", *in.TemplateID))
			return
		}
		s := &sequence{Name: t.Name, Status: "new", Settings: t.Settings}
		if folder != nil {
			f := e.seq.folders[strings.ToLower(*folder)]
			if f == nil || f.OwnerUserID != c.user().ID {
				c.problem(http.StatusNotFound, "sequenceFolder.notFound", fmt.Sprintf("Sequence folder %s not found.", *folder))
				return
			}
			s.FolderID = f.ID
		}
		s.ID = e.nextID("sequence")
		s.OwnerUserID = c.user().ID
		s.Created = c.now()
		s.ScheduleID = e.defaultScheduleID()
		s.Steps = e.copySteps(t.Steps)
		e.seq.sequences[s.ID] = s
		c.created(e.renderSequence(s))
	})
}
