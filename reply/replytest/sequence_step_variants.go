package replytest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// Step variants (REFERENCE.md §2.15): only email steps and LinkedIn message / connect / inMail steps have
// them; the last enabled variant and a variant already sent cannot be deleted.

// renderVariant is the Variant shape of the variants endpoints.
func renderVariant(v *seqVariant) seqObj {
	return seqObj{}.add("id", v.ID).add("subject", v.Subject).add("message", v.Message).
		add("isEnabled", v.IsEnabled).add("hasAttachments", len(v.AttachmentIDs) > 0)
}

// variantStep loads the path step and checks that it carries variants.
func (c *call) variantStep() (*sequence, *seqStep, bool) {
	s, st, ok := c.pathStep()
	if !ok {
		return nil, nil, false
	}
	if !hasVariants(st.Type, st.ActionType) {
		c.problem(http.StatusBadRequest, "sequenceStep.invalidStep", fmt.Sprintf("Step %d does not support variants.", st.ID))
		return nil, nil, false
	}
	return s, st, true
}

// newVariant validates a create body and returns the variant, validation errors or a business error.
func (e *Emulator) newVariant(s *sequence, st *seqStep, in variantIn, old *seqVariant) (*seqVariant, []fieldError, *stepError) {
	v := &seqVariant{IsEnabled: true}
	if old != nil {
		cp := *old
		v = &cp
		v.IsEnabled = old.IsEnabled
		if in.IsEnabled == nil {
			t := true
			in.IsEnabled = &t
		}
	}
	if errs := applyVariant(v, in, st.Type, st.ActionType, "", false); len(errs) > 0 {
		return nil, errs, nil
	}
	if st.Type == "email" && !s.hasEmailAncestor(st.ParentID) && (v.Subject == nil || strings.TrimSpace(*v.Subject) == "") {
		return nil, nil, &stepError{http.StatusBadRequest, "sequenceStep.missingEmailSubject", "First email should have subject."}
	}
	return v, nil, nil
}

// variantLocked says why a variant cannot be deleted ("" when it can).
func (st *seqStep) variantLocked(v *seqVariant) string {
	switch {
	case v.Sent:
		return fmt.Sprintf("Variant %d was already sent and cannot be deleted.", v.ID)
	case v.IsEnabled && st.enabledVariants() == 1:
		return "A step keeps at least one enabled variant."
	}
	return ""
}

func (st *seqStep) removeVariant(id int64) {
	var keep []*seqVariant
	for _, v := range st.Variants {
		if v.ID != id {
			keep = append(keep, v)
		}
	}
	st.Variants = keep
}

func (e *Emulator) registerSequenceVariantRoutes() {
	const base = "/v3/sequences/{id}/steps/{step_id}/variants"
	e.route("GET "+base, "sequenceStepVariants.list", func(c *call) {
		_, st, ok := c.variantStep()
		if !ok {
			return
		}
		out := make([]seqObj, 0, len(st.Variants))
		for _, v := range st.Variants {
			out = append(out, renderVariant(v))
		}
		c.json(http.StatusOK, out)
	})
	e.route("POST "+base, "sequenceStepVariants.create", func(c *call) {
		s, st, ok := c.variantStep()
		if !ok {
			return
		}
		var in variantIn
		if !c.decode(&in) {
			return
		}
		v, errs, se := e.newVariant(s, st, in, nil)
		switch {
		case len(errs) > 0:
			c.invalid(errs...)
		case se != nil:
			c.stepErr(se)
		default:
			v.ID = e.nextID("sequenceStepVariant")
			st.Variants = append(st.Variants, v)
			c.created(renderVariant(v))
		}
	})
	e.route("PUT "+base+"/{variant_id}", "sequenceStepVariants.update", func(c *call) {
		s, st, ok := c.variantStep()
		if !ok {
			return
		}
		vid, ok := c.pathID("variant_id")
		if !ok {
			return
		}
		old := st.variant(vid)
		if old == nil {
			c.problem(http.StatusNotFound, "sequenceStep.notFound", fmt.Sprintf("Variant %d not found on step %d.", vid, st.ID))
			return
		}
		var in variantIn
		if !c.decode(&in) {
			return
		}
		v, errs, se := e.newVariant(s, st, in, old)
		switch {
		case len(errs) > 0:
			c.invalid(errs...)
		case se != nil:
			c.stepErr(se)
		case !v.IsEnabled && old.IsEnabled && st.enabledVariants() == 1:
			c.problem(http.StatusConflict, "sequenceStep.stepLocked", "A step keeps at least one enabled variant.")
		default:
			*old = *v
			c.json(http.StatusOK, renderVariant(old))
		}
	})
	e.route("DELETE "+base+"/{variant_id}", "sequenceStepVariants.delete", func(c *call) {
		_, st, ok := c.variantStep()
		if !ok {
			return
		}
		vid, ok := c.pathID("variant_id")
		if !ok {
			return
		}
		v := st.variant(vid)
		if v == nil {
			c.problem(http.StatusNotFound, "sequenceStep.notFound", fmt.Sprintf("Variant %d not found on step %d.", vid, st.ID))
			return
		}
		if why := st.variantLocked(v); why != "" {
			c.problem(http.StatusConflict, "sequenceStep.stepLocked", why)
			return
		}
		st.removeVariant(vid)
		c.noContent()
	})
	e.route("POST "+base+"/bulk", "sequenceStepVariants.bulkCreate", func(c *call) {
		s, st, ok := c.variantStep()
		if !ok {
			return
		}
		var items []json.RawMessage
		if !c.decode(&items) {
			return
		}
		if len(items) == 0 {
			c.invalid(fieldError{"", "At least one variant is required."})
			return
		}
		out := make([]seqObj, 0, len(items))
		for _, raw := range items {
			var in variantIn
			if err := json.Unmarshal(raw, &in); err != nil {
				out = append(out, seqB2(nil, 1, "Value has an invalid type."))
				continue
			}
			v, errs, se := e.newVariant(s, st, in, nil)
			switch {
			case len(errs) > 0:
				out = append(out, seqB2(nil, 1, errs[0].Pointer+": "+errs[0].Detail))
			case se != nil:
				out = append(out, seqB2(nil, 2, se.detail))
			default:
				v.ID = e.nextID("sequenceStepVariant")
				st.Variants = append(st.Variants, v)
				out = append(out, seqB2(v.ID, nil, nil))
			}
		}
		c.json(http.StatusOK, out)
	})
	e.route("POST "+base+"/bulk-delete", "sequenceStepVariants.bulkDelete", func(c *call) {
		_, st, ok := c.variantStep()
		if !ok {
			return
		}
		ids, ok := c.idsBody("ids", 100)
		if !ok {
			return
		}
		res := seqB1{}
		for _, id := range ids {
			v := st.variant(id)
			if v == nil {
				res.fail(id, "notFound", fmt.Sprintf("Variant %d not found on step %d.", id, st.ID))
				continue
			}
			if why := st.variantLocked(v); why != "" {
				res.fail(id, "stepLocked", why)
				continue
			}
			st.removeVariant(id)
		}
		c.json(http.StatusOK, res)
	})
}
