package replytest

// blacklistRec is a stored blacklist rule (domains, emails or email-exceptions).
type blacklistRec struct {
	ID       int64
	Pattern  string
	IsGlobal bool
}

func (e *Emulator) registerBlacklistRoutes() {}
