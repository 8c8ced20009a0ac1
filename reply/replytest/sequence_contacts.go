package replytest

func (e *Emulator) registerSequenceContactRoutes() {}
