package replytest

// blacklistRec is a stored blacklist rule (domains, emails or email-exceptions).
type blacklistRec struct {
	ID       int64
	Pattern  string
	IsGlobal bool
}

// blacklistKind is one of the three blacklist resources.
type blacklistKind struct {
	path string // base path segment: domains, emails, email-exceptions
	slug string // problem code resource
	op   string // operation resource name
	what string // human name
}

var blacklistKinds = []blacklistKind{
	{"domains", "blacklistDomainRule", "domainBlacklistRules", "Domain blacklist rule"},
	{"emails", "blacklistEmailRule", "emailBlacklistRules", "Email blacklist rule"},
	{"email-exceptions", "blacklistEmailExceptionRule", "emailExceptionBlacklistRules", "Email exception rule"},
}

// blacklistStore returns the rules of one kind.
func (e *Emulator) blacklistStore(kind string) *store[blacklistRec] {
	st := e.blacklist[kind]
	if st == nil {
		st = &store[blacklistRec]{}
		e.blacklist[kind] = st
	}
	return st
}

func (e *Emulator) registerBlacklistRoutes() {}
