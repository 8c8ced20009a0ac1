package reply

// LinkedInAccountsService provides the API calls of its resource.
type LinkedInAccountsService service
