package reply

// EmailTemplatesService provides the API calls of its resource.
type EmailTemplatesService service
