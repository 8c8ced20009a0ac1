package catalog

// webhooks is Reply's webhook subscriptions, REFERENCE.md §4.1.
func webhooks() *Table {
	t := &Table{
		Name: "Webhooks",
		Doc:  "Webhook subscriptions (one event type to one URL). GET /v3/webhooks.",
		Key:  []string{"Id"},
		Columns: []Column{
			{Name: "Id", Field: "id", Type: Int, ReadOnly: true},
			{Name: "EventType", Field: "eventType", Type: Text, Required: true, Doc: "One of GET /v3/webhooks/events, e.g. email_replied."},
			{Name: "Url", Field: "url", Type: Text, Required: true, Doc: "Absolute http(s) URL."},
			{Name: "Scope", Field: "scope", Type: Text, Nullable: true, Enum: []string{"personal", "team", "organization"}, Doc: "Default personal."},
			{Name: "Enabled", Field: "enabled", Type: Bool, Nullable: true, Doc: "Default true; an UPDATE that changes it calls /enable or /disable."},
			{Name: "CreatedAt", Field: "createdAt", Type: Time, ReadOnly: true},
			{Name: "PayloadConfig", Field: "payloadConfig", Type: JSON, Nullable: true, Doc: "{includeEmailUrl, includeEmailText, includeProspectCustomFields}; reset to all false by an UPDATE without it."},
		},
		Filters: []Filter{
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/webhooks/{id}, one call per id"},
		},
		Changes: Changes{Strategy: Full, Doc: "full scan with row hashes (small)"},
		MaxPage: 1000,
	}
	t.List = notWired(t.Name)
	return t
}
