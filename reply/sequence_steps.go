package reply

// SequenceStepsService provides the API calls of its resource.
type SequenceStepsService service
