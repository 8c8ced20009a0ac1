package replytest

// seqState holds the sequences side of the emulator state: sequences, steps,
// variants, folders, enrolments, account links and templates.
type seqState struct{}

// newSeqState returns an empty sequences-side state.
func newSeqState() seqState { return seqState{} }

// registerSequenceRoutes registers every sequences-side route.
func (e *Emulator) registerSequenceRoutes() {}
