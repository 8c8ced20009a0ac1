package replytest

func (e *Emulator) registerSequenceFolderRoutes() {}
