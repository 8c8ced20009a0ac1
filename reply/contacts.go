package reply

// ContactsService provides the API calls of its resource.
type ContactsService service

