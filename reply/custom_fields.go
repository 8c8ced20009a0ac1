package reply

// CustomFieldsService provides the API calls of its resource.
type CustomFieldsService service
