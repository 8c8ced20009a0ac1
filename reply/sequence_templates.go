package reply

// SequenceTemplatesService provides the API calls of its resource.
type SequenceTemplatesService service
