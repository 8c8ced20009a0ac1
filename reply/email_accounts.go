package reply

// EmailAccountsService provides the API calls of its resource.
type EmailAccountsService service
