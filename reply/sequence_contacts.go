package reply

// SequenceContactsService provides the API calls of its resource.
type SequenceContactsService service
