package catalog

// holidayCalendars is Reply's holiday calendars, REFERENCE.md §2.9.
func holidayCalendars() *Table {
	t := &Table{
		Name: "HolidayCalendars",
		Doc:  "Holiday calendars: the team's custom ones plus Reply's country calendars. GET /v3/holiday-calendars (not paged); RepeatEveryYear and Holidays cost GET /v3/holiday-calendars/{id} per row.",
		Key:  []string{"Id"},
		Columns: []Column{
			{Name: "Id", Field: "id", Type: Int, ReadOnly: true},
			{Name: "Name", Field: "name", Type: Text, Required: true},
			{Name: "CalendarType", Field: "calendarType", Type: Text, ReadOnly: true, Doc: "predefined or custom; predefined calendars are read-only."},
			{Name: "CountryCode", Field: "countryCode", Type: Text, ReadOnly: true, Nullable: true},
			{Name: "RepeatEveryYear", Field: "repeatEveryYear", Type: Bool, DetailOnly: true, Nullable: true},
			{Name: "Holidays", Field: "holidays", Type: JSON, DetailOnly: true, Nullable: true, Doc: "Replaced as a whole on UPDATE.",
				Items: []Column{
					{Name: "Id", Field: "id", Type: Int, ReadOnly: true},
					{Name: "StartDate", Field: "startDate", Type: Date, Required: true},
					{Name: "EndDate", Field: "endDate", Type: Date, Required: true},
					{Name: "Name", Field: "name", Type: Text, Required: true},
				}},
		},
		Filters: []Filter{
			{Column: "Id", Ops: []Op{Eq, In}, Exact: true, Doc: "GET /v3/holiday-calendars/{id}, one call per id"},
		},
		Changes: Changes{Strategy: Full, Doc: "full scan with row hashes"},
	}
	t.List = notWired(t.Name)
	return t
}
