package catalog

// accounts is Reply's contact accounts (companies), REFERENCE.md §2.1.
func accounts() *Table {
	t := &Table{
		Name: "Accounts",
		Doc:  "Contact accounts (companies). GET /v3/contact-accounts; pushed filters use POST /v3/contact-accounts/filter.",
		Key:  []string{"Id"},
		Columns: []Column{
			{Name: "Id", Field: "id", Type: Int, ReadOnly: true, Doc: "Account id."},
			{Name: "OwnerUserId", Field: "ownerUserId", Type: Int, Nullable: true, Doc: "Owner user; not accepted by create: an INSERT that sets it changes the owner right after (PUT .../owner)."},
			{Name: "Name", Field: "name", Type: Text, Required: true, Doc: "Company name."},
			{Name: "Description", Field: "description", Type: Text, Nullable: true},
			{Name: "DomainName", Field: "domainName", Type: Text, Nullable: true},
			{Name: "DomainSecondary", Field: "domainSecondary", Type: Text, Nullable: true},
			{Name: "Industry", Field: "industry", Type: Text, Nullable: true},
			{Name: "Country", Field: "country", Type: Text, Nullable: true},
			{Name: "State", Field: "state", Type: Text, Nullable: true},
			{Name: "City", Field: "city", Type: Text, Nullable: true},
			{Name: "TimeZoneId", Field: "timeZoneId", Type: Text, Nullable: true},
			{Name: "LinkedInUrl", Field: "linkedInUrl", Type: Text, Nullable: true},
			{Name: "Phone", Field: "phone", Type: Text, Nullable: true},
			{Name: "TwitterUrl", Field: "twitterUrl", Type: Text, Nullable: true},
			{Name: "LogoUrl", Field: "logoUrl", Type: Text, Nullable: true},
			{Name: "Email", Field: "email", Type: Text, Nullable: true},
			{Name: "CompanySize", Field: "companySize", Type: Text, Nullable: true,
				Enum: []string{"Empty", "SelfEmployed", "2-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001-10000", "10001+"}},
			{Name: "Stage", Field: "stage", Type: JSON, ReadOnly: true, Nullable: true, Doc: "{id, name, colorId} or null."},
			{Name: "LinkedProspectsCount", Field: "linkedProspectsCount", Type: Int, ReadOnly: true},
			{Name: "CreatedDate", Field: "createdDate", Type: Time, ReadOnly: true},
			{Name: "LastActivityDate", Field: "lastActivityDate", Type: Time, ReadOnly: true, Doc: "Moves on every change to the account and its contact links: the change cursor."},
			{Name: "EmailProvider", Field: "emailProvider", Type: Text, ReadOnly: true, Nullable: true, DetailOnly: true, Doc: "MX-derived provider; detail only (one GET per row when selected)."},
		},
		Filters: []Filter{
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/contact-accounts/{id}, one call per id"},
			{Column: "Name", Ops: []Op{Contains}, Doc: "GET /v3/contact-accounts?search= (name)"},
			{Column: "OwnerUserId", Ops: []Op{Eq, In}, Exact: true, Doc: "filter OwnerId Equals/In"},
			{Column: "LastActivityDate", Ops: []Op{Gt, Ge, Lt, Le}, Exact: true, Doc: "filter LastActivityDate GreaterThan/GreaterEqualThan/LowerThan/LowerEqualThan"},
			{Column: "CreatedDate", Ops: []Op{Gt, Ge, Lt, Le}, Exact: true, Doc: "filter CreatedDate GreaterThan/GreaterEqualThan/LowerThan/LowerEqualThan"},
		},
		Changes: Changes{Cursor: "LastActivityDate", Strategy: ServerFilter,
			Doc: "POST /v3/contact-accounts/filter LastActivityDate GreaterThan <cursor> (best effort: a periodic full run catches changes that did not move it)"},
		MaxPage: 1000,
	}
	t.List = notWired(t.Name)
	return t
}
