package catalog

// contactCompanySizes are the companySize values of a contact as the API returns them (writes send the PascalCase
// request forms, REFERENCE.md §1.10).
var contactCompanySizes = []string{"empty", "selfEmployed", "ten", "fifty", "twoHundred", "fiveHundred", "oneThousand",
	"fiveThousand", "tenThousand", "overTenThousand"}

// contacts is Reply's contacts (prospects), REFERENCE.md §2.3.
func contacts() *Table {
	t := &Table{
		Name: "Contacts",
		Doc:  "Contacts (prospects). GET /v3/contacts; pushed filters use GET /v3/contacts?email=/linkedIn= or POST /v3/contacts/filter.",
		Key:  []string{"Id"},
		Columns: []Column{
			{Name: "Id", Field: "id", Type: Int, ReadOnly: true},
			{Name: "Email", Field: "email", Type: Text, Nullable: true, Doc: "Unique (case-insensitive); a contact needs Email or LinkedInUrl."},
			{Name: "Domain", Field: "domain", Type: Text, ReadOnly: true, Nullable: true, Doc: "Derived from Email."},
			{Name: "FirstName", Field: "firstName", Type: Text, Nullable: true},
			{Name: "LastName", Field: "lastName", Type: Text, Nullable: true},
			{Name: "Title", Field: "title", Type: Text, Nullable: true},
			{Name: "Company", Field: "company", Type: Text, Nullable: true},
			{Name: "Industry", Field: "industry", Type: Text, Nullable: true},
			{Name: "City", Field: "city", Type: Text, Nullable: true},
			{Name: "State", Field: "state", Type: Text, Nullable: true},
			{Name: "Country", Field: "country", Type: Text, Nullable: true},
			{Name: "Notes", Field: "notes", Type: Text, Nullable: true},
			{Name: "Phone", Field: "phone", Type: Text, Nullable: true},
			{Name: "Phone2", Field: "phone2", Type: Text, Nullable: true, WriteOnly: true, Doc: "Accepted on write, never returned."},
			{Name: "CompanySize", Field: "companySize", Type: Text, Nullable: true, Enum: contactCompanySizes,
				Doc: "Returned in camelCase; written in the API's PascalCase request form (any case accepted)."},
			{Name: "TimeZoneId", Field: "timeZoneId", Type: Text, Nullable: true, Doc: "IANA time zone."},
			{Name: "LinkedInUrl", Field: "linkedInUrl", Type: Text, Nullable: true},
			{Name: "LinkedInSalesNavigatorUrl", Field: "linkedInSalesNavigatorUrl", Type: Text, Nullable: true},
			{Name: "LinkedInRecruiterUrl", Field: "linkedInRecruiterUrl", Type: Text, Nullable: true},
			{Name: "PhoneStatus", Field: "phoneStatus", Type: Text, ReadOnly: true, Nullable: true},
			{Name: "OwnerUserId", Field: "ownerUserId", Type: Int, Nullable: true, Doc: "Owner (a team member); set by PATCH (an INSERT that sets it patches right after creating)."},
			{Name: "AccountId", Field: "accountId", Type: Int, Nullable: true, Doc: "Contact account (Accounts.Id)."},
			{Name: "IsOptedOut", Field: "isOptedOut", Type: Bool, Nullable: true, Doc: "Opted out; set by PATCH (true finishes the contact in every sequence)."},
			{Name: "CallStatus", Field: "callStatus", Type: Text, Nullable: true, Enum: []string{"none", "toCall", "called"}},
			{Name: "MeetingStatus", Field: "meetingStatus", Type: Text, Nullable: true, Enum: []string{"none", "meetingBooked"}},
			{Name: "AddingDate", Field: "addingDate", Type: Time, ReadOnly: true, Nullable: true},
			{Name: "CreatedAt", Field: "createdAt", Type: Time, ReadOnly: true, Nullable: true, Doc: "Null on the live API."},
			{Name: "LastModifiedAt", Field: "lastModifiedAt", Type: Time, ReadOnly: true, Nullable: true, Doc: "Null on the live API; the change cursor where it is set."},
			{Name: "CustomFields", Field: "customFields", Type: JSON, Nullable: true,
				Doc: "Read: [{key, value}] with key = CustomFields.Id as text. Write: [{id, value}] or [{name, value}] (key is accepted and sent as id).",
				Items: []Column{
					{Name: "Key", Field: "key", Type: Text, Doc: "Custom field id as text."},
					{Name: "Value", Field: "value", Type: Text, Nullable: true},
				}},
		},
		Filters: []Filter{
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/contacts/{id}, one call per id"},
			{Column: "Email", Ops: []Op{Eq}, Doc: "GET /v3/contacts?email= (case-insensitive)"},
			{Column: "LinkedInUrl", Ops: []Op{Eq}, Doc: "GET /v3/contacts?linkedIn= (case-insensitive)"},
			{Column: "LastModifiedAt", Ops: []Op{Gt, Lt}, Doc: "filter rule lastModifiedAt greaterThan/lessThan; degrades to a full scan when the API ignores it"},
			{Column: "CreatedAt", Ops: []Op{Gt, Lt}, Doc: "filter rule createdAt greaterThan/lessThan"},
			{Column: "AddingDate", Ops: []Op{Gt, Lt}, Doc: "filter rule addingDate greaterThan/lessThan"},
			{Column: "FirstName", Ops: []Op{Eq}, Doc: "filter rule equals (case-insensitive)"},
			{Column: "LastName", Ops: []Op{Eq}, Doc: "filter rule equals (case-insensitive)"},
			{Column: "Company", Ops: []Op{Eq}, Doc: "filter rule equals (case-insensitive)"},
			{Column: "Title", Ops: []Op{Eq}, Doc: "filter rule equals (case-insensitive)"},
			{Column: "Country", Ops: []Op{Eq}, Doc: "filter rule equals (case-insensitive)"},
			{Column: "City", Ops: []Op{Eq}, Doc: "filter rule equals (case-insensitive)"},
			{Column: "AccountId", Ops: []Op{Eq}, Exact: true, Doc: "filter rule equals"},
			{Column: "OwnerUserId", Ops: []Op{Eq}, Exact: true, Doc: "filter rule equals"},
			{Column: "CallStatus", Ops: []Op{Eq}, Doc: "filter rule equals (case-insensitive)"},
			{Column: "MeetingStatus", Ops: []Op{Eq}, Doc: "filter rule equals (case-insensitive)"},
		},
		Changes: Changes{Cursor: "LastModifiedAt", Strategy: ServerFilter,
			Doc: "POST /v3/contacts/filter rule lastModifiedAt greaterThan <cursor>, sorted by lastModifiedAt; full scan when the API ignores time rules"},
		MaxPage: 1000,
	}
	t.List = notWired(t.Name)
	return t
}
