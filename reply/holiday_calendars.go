package reply

// HolidayCalendarsService provides the API calls of its resource.
type HolidayCalendarsService service
