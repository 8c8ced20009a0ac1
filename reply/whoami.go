package reply

// WhoAmIService provides the API calls of its resource.
type WhoAmIService service
