package reply

// BackgroundJobsService provides the API calls of its resource.
type BackgroundJobsService service
