package reply

// SequenceFoldersService provides the API calls of its resource.
type SequenceFoldersService service
