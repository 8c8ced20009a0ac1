package replytest

import "time"

// emailAccountRec is a stored email account.
type emailAccountRec struct {
	ID                         int64
	OwnerUserID                int64
	Type                       string // custom, gmail, outlook, exchange, exchangeOnPremise
	IsDefault                  bool
	ConnectionStatus           string
	Tags                       []string
	UpdatedAt                  time.Time
	Connection                 emailConnection
	Safety                     emailSafety
	Signature                  emailSignature
	OptOut                     emailOptOut
	RampUp                     emailRampUp
	SendingConnectivityError   nstr
	ReceivingConnectivityError nstr
	SendingLockedByProvider    bool
	SmtpPassword               string
	ImapPassword               string
}

type emailConnection struct {
	Email      string `json:"email"`
	SenderName nstr   `json:"senderName"`
	SmtpHost   string `json:"smtpHost"`
	SmtpPort   int    `json:"smtpPort"`
	SmtpSsl    bool   `json:"smtpSsl"`
	ImapHost   string `json:"imapHost"`
	ImapPort   int    `json:"imapPort"`
	ImapSsl    bool   `json:"imapSsl"`
}

type emailSafety struct {
	DailyLimit                      int   `json:"dailyLimit"`
	IsEmailsThrottlingEnabled       *bool `json:"isEmailsThrottlingEnabled"`
	EmailsPerInterval               *int  `json:"emailsPerInterval"`
	EmailsThrottlingSecondsInterval *int  `json:"emailsThrottlingSecondsInterval"`
	IsSendingDelayEnabled           *bool `json:"isSendingDelayEnabled"`
	MaxSendingDelaySeconds          *int  `json:"maxSendingDelaySeconds"`
	MinSendingDelaySeconds          *int  `json:"minSendingDelaySeconds"`
}

type emailSignature struct {
	Signature nstr `json:"signature"`
}

type emailOptOut struct {
	Message             nstr `json:"message"`
	EmailFooter         nstr `json:"emailFooter"`
	IsOptOutLinkEnabled bool `json:"isOptOutLinkEnabled"`
	OptOutTextBlock     nstr `json:"optOutTextBlock"`
}

type emailRampUp struct {
	Enabled        bool `json:"enabled"`
	StartValue     int  `json:"startValue"`
	IncrementValue int  `json:"incrementValue"`
}

// emailAccount returns the email account with the given id.
func (e *Emulator) emailAccount(id int64) (*emailAccountRec, bool) { return e.emailAccounts.get(id) }

func (e *Emulator) registerEmailAccountRoutes() {}
