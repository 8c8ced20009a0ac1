package reply

// SequenceStepVariantsService provides the API calls of its resource.
type SequenceStepVariantsService service
