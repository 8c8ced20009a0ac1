package reply

// TasksService provides the API calls of its resource.
type TasksService service
