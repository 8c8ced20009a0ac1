package reply

// SequenceLinkedInAccountsService provides the API calls of its resource.
type SequenceLinkedInAccountsService service
