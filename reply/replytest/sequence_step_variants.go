package replytest

func (e *Emulator) registerSequenceVariantRoutes() {}
