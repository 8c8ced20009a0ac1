package replytest

func (e *Emulator) registerSequenceTemplateRoutes() {}
