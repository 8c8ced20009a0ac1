package replytest

func (e *Emulator) registerSequenceLinkedInAccountRoutes() {}
