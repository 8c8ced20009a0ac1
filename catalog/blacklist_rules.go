package catalog

// blacklistRules builds one of the three blacklist rule tables, which share their shape, REFERENCE.md §2.5.
func blacklistRules(name, doc string) *Table {
	t := &Table{
		Name: name,
		Doc:  doc,
		Key:  []string{"Id"},
		Columns: []Column{
			{Name: "Id", Field: "id", Type: Int, ReadOnly: true},
			{Name: "Pattern", Field: "pattern", Type: Text, Required: true, Doc: "Stored lower-cased; unique."},
			{Name: "IsGlobal", Field: "isGlobal", Type: Bool, ReadOnly: true, Doc: "A Reply platform rule (read-only)."},
		},
		Filters: []Filter{
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET {base}/{id}, one call per id"},
			{Column: "Pattern", Ops: []Op{Contains}, Doc: "GET {base}?search= (case-insensitive substring)"},
		},
		Changes: Changes{Strategy: Full, Doc: "full scan with row hashes"},
		MaxPage: 1000,
	}
	t.List = notWired(t.Name)
	return t
}

func domainBlacklistRules() *Table {
	return blacklistRules("DomainBlacklistRules",
		"Blacklisted domains (bare domain patterns). /v3/contact-blacklist-rules/domains; INSERT uses .../bulk, DELETE .../bulk-delete.")
}

func emailBlacklistRules() *Table {
	return blacklistRules("EmailBlacklistRules",
		"Blacklisted email addresses. /v3/contact-blacklist-rules/emails; INSERT uses .../bulk, DELETE .../bulk-delete.")
}

func emailExceptionBlacklistRules() *Table {
	return blacklistRules("EmailExceptionBlacklistRules",
		"Email addresses kept contactable even when a blacklist rule matches. /v3/contact-blacklist-rules/email-exceptions; INSERT uses .../bulk, DELETE .../bulk-delete.")
}
