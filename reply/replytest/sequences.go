package replytest

func (e *Emulator) registerSequencesRoutes()               {}
func (e *Emulator) registerSequenceStepRoutes()            {}
func (e *Emulator) registerSequenceVariantRoutes()         {}
func (e *Emulator) registerSequenceFolderRoutes()          {}
func (e *Emulator) registerSequenceContactRoutes()         {}
func (e *Emulator) registerSequenceEmailAccountRoutes()    {}
func (e *Emulator) registerSequenceLinkedInAccountRoutes() {}
func (e *Emulator) registerSequenceTemplateRoutes()        {}

// emitSeqContactEvent emits a contact event with contact_fields and sequence_fields.
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
