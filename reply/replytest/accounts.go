package replytest

import "time"

// accountRec is a stored contact account (company).
type accountRec struct {
	ID                                                          int64
	OwnerUserID                                                 int64
	Name                                                        string
	Description, DomainName, DomainSecondary, Industry, Country nstr
	State, City, TimeZoneID, LinkedInURL, Phone, TwitterURL     nstr
	LogoURL, Email, CompanySize                                 nstr
	CreatedDate, LastActivityDate                               time.Time
}

func (e *Emulator) registerAccountRoutes() {}
