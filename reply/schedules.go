package reply

// SchedulesService provides the API calls of its resource.
type SchedulesService service
