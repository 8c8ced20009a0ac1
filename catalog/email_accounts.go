package catalog

// emailAccounts is Reply's sending mailboxes, REFERENCE.md §2.6.
func emailAccounts() *Table {
	t := &Table{
		Name: "EmailAccounts",
		Doc: "Sending email accounts. GET /v3/email-accounts; pushed filters use POST /v3/email-accounts/filter; the " +
			"detail-only columns cost GET /v3/email-accounts/{id} per row. INSERT creates custom SMTP/IMAP accounts only.",
		Key: []string{"Id"},
		Columns: []Column{
			{Name: "Id", Field: "id", Type: Int, ReadOnly: true},
			{Name: "OwnerUserId", Field: "ownerUserId", Type: Int, ReadOnly: true},
			{Name: "Email", Field: "email", Type: Text, Doc: "connection.email on write."},
			{Name: "SenderName", Field: "senderName", Type: Text, Nullable: true, Doc: "connection.senderName on write."},
			{Name: "EmailAccountType", Field: "emailAccountType", Type: Text, ReadOnly: true, Doc: "custom, gmail, outlook, exchange, exchangeOnPremise."},
			{Name: "IsDefault", Field: "isDefault", Type: Bool, ReadOnly: true},
			{Name: "DailyLimit", Field: "dailyLimit", Type: Int, Nullable: true, Doc: "safety.dailyLimit on write."},
			{Name: "ConnectionStatus", Field: "connectionStatus", Type: Text, ReadOnly: true, Doc: "unknown, connected, disconnected."},
			{Name: "Tags", Field: "tags", Type: JSON, Nullable: true, Doc: "[string]; replaced on write."},
			{Name: "IsInUse", Field: "isInUse", Type: Bool, ReadOnly: true, DetailOnly: true, Nullable: true},
			{Name: "SendingConnectivityError", Field: "sendingConnectivityError", Type: Text, ReadOnly: true, DetailOnly: true, Nullable: true},
			{Name: "ReceivingConnectivityError", Field: "receivingConnectivityError", Type: Text, ReadOnly: true, DetailOnly: true, Nullable: true},
			{Name: "SendingLockedByProvider", Field: "sendingLockedByProvider", Type: Bool, ReadOnly: true, DetailOnly: true, Nullable: true},
			{Name: "UpdatedAt", Field: "updatedAt", Type: Time, ReadOnly: true, DetailOnly: true, Nullable: true},
			{Name: "Connection", Field: "connection", Type: JSON, DetailOnly: true, Nullable: true,
				Doc: "{email, senderName, smtpHost, smtpPort, smtpSsl, imapHost, imapPort, imapSsl}; write also takes smtpPassword, imapPassword. INSERT needs email (or the Email column), smtpHost, smtpPort, smtpPassword, imapHost, imapPort, imapPassword."},
			{Name: "Safety", Field: "safety", Type: JSON, DetailOnly: true, Nullable: true},
			{Name: "Signature", Field: "signature", Type: JSON, DetailOnly: true, Nullable: true},
			{Name: "OptOut", Field: "optOut", Type: JSON, DetailOnly: true, Nullable: true},
			{Name: "RampUp", Field: "rampUp", Type: JSON, DetailOnly: true, Nullable: true},
		},
		Filters: []Filter{
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/email-accounts/{id}, one call per id"},
			{Column: "Email", Ops: []Op{Eq}, Doc: "filter email (exact, case-insensitive)"},
			{Column: "ConnectionStatus", Ops: []Op{Eq}, Exact: true, Doc: "filter status"},
			{Column: "EmailAccountType", Ops: []Op{Eq}, Doc: "filter emailAccountType"},
			{Column: "OwnerUserId", Ops: []Op{Eq, In}, Exact: true, Doc: "filter ownerUserIds"},
		},
		Changes: Changes{Strategy: Full, Doc: "full scan with row hashes (updatedAt is detail-only)"},
		MaxPage: 1000,
	}
	t.List = notWired(t.Name)
	return t
}
