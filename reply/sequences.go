package reply

// SequencesService provides the API calls of its resource.
type SequencesService service
