package replytest

// linkedInAccountRec is a stored LinkedIn account (created only by seeds).
type linkedInAccountRec struct {
	ID           int64
	Name         string
	Status       string
	ProfileURL   nstr
	PhotoURL     nstr
	OwnerUserID  int64
	AccountType  nstr
	AuthType     string
	CookieStatus string
	RevokeOn     bool
	RevokeDays   int
}

// linkedInAccount returns the LinkedIn account with the given id.
func (e *Emulator) linkedInAccount(id int64) (*linkedInAccountRec, bool) {
	return e.linkedInAccounts.get(id)
}

func (e *Emulator) registerLinkedInAccountRoutes() {}
