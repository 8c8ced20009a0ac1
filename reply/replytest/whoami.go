package replytest

func (e *Emulator) registerWhoamiRoutes() {}
