package replytest

func (e *Emulator) registerSequenceEmailAccountRoutes() {}
