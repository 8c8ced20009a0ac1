package reply

// SequenceEmailAccountsService provides the API calls of its resource.
type SequenceEmailAccountsService service
