package reply

// AccountsService provides the API calls of its resource.
type AccountsService service
